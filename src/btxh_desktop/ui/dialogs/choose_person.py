"""Choose a person already on record: type part of a name, a record code or a CCCD number."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.widgets.form_kit import error_label, error_text

SEARCH_DELAY_MS = 250
SHOWN = 200


class PeopleFoundModel(RowsModel[PersonRecord]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Full name"), lambda p: p.full_name, lambda p: p.search_name),
                Column(self.tr("Born"), lambda p: p.birth.display(), lambda p: p.birth.iso()),
                Column(self.tr("Sex"), lambda p: terms.label(terms.SEX, p.draft.sex)),
                Column(self.tr("Record code"), lambda p: p.code),
                Column(self.tr("CCCD"), lambda p: p.draft.cccd or ""),
            ],
            key=lambda p: p.id,
            parent=parent,
        )


class ChoosePersonDialog(QDialog):
    chosen = Signal(object)  # PersonRecord

    def __init__(self, ui: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._search_number = 0
        layout = QVBoxLayout(self)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Type part of the name, the record code or CCCD…"))
        self.query.setClearButtonEnabled(True)
        layout.addWidget(self.query)
        self.status = QLabel(self.tr("Type at least one word to search."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = PeopleFoundModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._choose_index)
        layout.addWidget(self.table, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        hint = QLabel(
            self.tr("Not found? Add the person on the People screen first, then come back.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox()
        self.choose_button = QPushButton(self.tr("Choose"))
        self.choose_button.setDefault(True)
        self.choose_button.setEnabled(False)
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QPushButton(self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._choose_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # A new result list clears the selection without a selectionChanged signal.
        self.model.modelReset.connect(self._selection_changed)
        self.resize(760, 480)

    def search_now(self, text: str) -> None:
        """Search without waiting for typing to pause (a barcode scan, a test)."""
        self.query.setText(text)
        self._timer.stop()
        self._search()

    def _search(self) -> None:
        text = self.query.text().strip()
        self._search_number += 1
        number = self._search_number
        if not text:
            self.model.set_rows([])
            self.status.setText(self.tr("Type at least one word to search."))
            return
        people = self.ui.services.people

        def found(rows: list[PersonRecord]) -> None:
            if number != self._search_number:
                return  # a newer search is on its way
            self.error.hide()
            self.model.set_rows(rows)
            if not rows:
                self.status.setText(self.tr("Nobody found for “{text}”.").format(text=text))
            elif len(rows) >= SHOWN:
                self.status.setText(
                    self.tr("The first {count} people found; type more to narrow it.").format(
                        count=len(rows)
                    )
                )
            else:
                self.status.setText(self.tr("{count} people found.").format(count=len(rows)))
            if rows:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(0, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )

        def failed(error: BaseException) -> None:
            self.error.setText(error_text(error))
            self.error.show()

        self.ui.runner.run(lambda: people.search(text, limit=SHOWN), found, failed)

    def _selection_changed(self) -> None:
        self.choose_button.setEnabled(self.table.selectionModel().hasSelection())

    def _choose_index(self, index: QModelIndex) -> None:
        self.chosen.emit(self.model.row(index.row()))
        self.accept()

    def _choose_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._choose_index(rows[0])


class PersonChooser(QWidget):
    """A form field holding one person: their name, and a button to choose another."""

    changed = Signal(object)  # PersonRecord

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.person: PersonRecord | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.shown = QLabel(self.tr("Nobody chosen yet"))
        self.shown.setWordWrap(True)
        self.button = QPushButton(self.tr("Choose a person…"))
        self.button.clicked.connect(self.open_dialog)
        row.addWidget(self.shown, 1)
        row.addWidget(self.button)
        self.dialog: ChoosePersonDialog | None = None

    def open_dialog(self) -> ChoosePersonDialog:
        dialog = ChoosePersonDialog(self.ui, self.tr("Choose a person"), self)
        dialog.chosen.connect(self.set_person)
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_person(self, person: PersonRecord) -> None:
        self.person = person
        born = person.birth.display()
        self.shown.setText(f"{person.full_name} — {person.code}" + (f" — {born}" if born else ""))
        self.changed.emit(person)
