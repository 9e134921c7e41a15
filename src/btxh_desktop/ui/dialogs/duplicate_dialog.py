"""Before saving: people already recorded who may be the one being typed in.

The typed details and an existing record stand side by side, the matching values marked, so
the user can tell whether it is the same person. Recording someone twice means paying them
twice, so going back is the default; saving anyway and opening the existing file are the
other two ways out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft, normalise
from btxh_desktop.services.people import DuplicateCandidate
from btxh_desktop.ui import person_terms as words
from btxh_desktop.ui.assistance_terms import SEX, label
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.models.rows_model import Column, RowsModel

SAME = QColor("#fff1cc")


@dataclass(frozen=True)
class Comparison:
    field: str
    typed: str
    existing: str

    @property
    def same(self) -> bool:
        return bool(self.typed) and fold(self.typed) == fold(self.existing)


class DuplicateDialog(QDialog):
    save_anyway = Signal()
    open_existing = Signal(str)  # person id
    back = Signal()

    def __init__(
        self,
        ui: UiContext,
        draft: PersonDraft,
        candidates: list[DuplicateCandidate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.draft = normalise(draft)
        self.candidates = candidates
        self._answered = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("This person may already be recorded"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "{count} person(s) already recorded look like the one you are saving. "
                "Compare the details before saving a new record: someone recorded twice "
                "may be paid twice."
            ).format(count=len(candidates))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        body = QHBoxLayout()
        self.list = QListWidget()
        for candidate in candidates:
            person = candidate.person
            reason = label(words.DUPLICATE_REASON, candidate.reason)
            item = QListWidgetItem(f"{person.full_name}\n{person.code} — {reason}")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        self.list.setVisible(len(candidates) > 1)
        self.list.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 22))
        self.list.currentRowChanged.connect(self.show_candidate)
        body.addWidget(self.list)
        right = QVBoxLayout()
        self.reason = QLabel()
        self.reason.setProperty("role", "warning")
        bold = self.reason.font()
        bold.setBold(True)
        self.reason.setFont(bold)
        self.reason.setWordWrap(True)
        right.addWidget(self.reason)
        self.model: RowsModel[Comparison] = RowsModel(
            [
                Column(self.tr("Detail"), lambda c: c.field),
                Column(self.tr("Being saved"), lambda c: c.typed, background=_marked),
                Column(self.tr("Already recorded"), lambda c: c.existing, background=_marked),
            ],
            key=lambda c: c.field,
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        right.addWidget(self.table, 1)
        legend = QLabel(self.tr("Values that are the same are highlighted."))
        right.addWidget(legend)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Go back and edit"))
        self.open_button = QPushButton(self.tr("Open the existing record"))
        self.save_button = QPushButton(self.tr("Save as a new person"))
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.back_button)
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.reject)
        self.open_button.clicked.connect(self._open_existing)
        self.save_button.clicked.connect(self._save_anyway)
        layout.addLayout(buttons)
        self.finished.connect(self._finished)

        self.list.setCurrentRow(0)
        self.show_candidate(0)
        self.resize(min(1000, self._screen_width() - 80), self.sizeHint().height())

    def _screen_width(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().width() if screen is not None else 1366

    def current(self) -> DuplicateCandidate:
        return self.candidates[max(self.list.currentRow(), 0)]

    def show_candidate(self, row: int) -> None:
        if not 0 <= row < len(self.candidates):
            return
        candidate = self.candidates[row]
        self.reason.setText(label(words.DUPLICATE_REASON, candidate.reason))
        self.model.set_rows(self._compare(candidate))
        self.table.resizeRowsToContents()
        # Tall enough for every row: ten lines need no scrolling.
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + rows + frame)

    def _compare(self, candidate: DuplicateCandidate) -> list[Comparison]:
        ref = self.ui.services.ctx.reference
        existing = candidate.person.draft
        typed = self.draft

        def commune(code: str | None) -> str:
            found = ref.commune(code) if code else None
            return found.full_name if found else (code or "")

        rows: list[tuple[str, Callable[[PersonDraft], str]]] = [
            (self.tr("Full name"), lambda d: d.full_name),
            (self.tr("Date of birth"), lambda d: d.birth.display()),
            (self.tr("Sex"), lambda d: label(SEX, d.sex)),
            (self.tr("CCCD number"), lambda d: d.cccd or ""),
            (self.tr("Commune / ward"), lambda d: commune(d.commune_code)),
            (self.tr("Address"), lambda d: d.address_detail or ""),
            (self.tr("Father's name"), lambda d: d.father_name or ""),
            (self.tr("Mother's name"), lambda d: d.mother_name or ""),
            (self.tr("Phone number"), lambda d: d.phone or ""),
        ]
        out = [Comparison(self.tr("Record code"), self.tr("(new)"), candidate.person.code)]
        out += [Comparison(name, read(typed), read(existing)) for name, read in rows]
        return out

    def _save_anyway(self) -> None:
        self._answered = True
        self.save_anyway.emit()
        self.accept()

    def _open_existing(self) -> None:
        self._answered = True
        self.back.emit()
        self.open_existing.emit(self.current().person.id)
        self.accept()

    def _finished(self, _result: int) -> None:
        # Esc, the window's close button and "Go back" all mean: nothing was decided.
        if not self._answered:
            self._answered = True
            self.back.emit()


def _marked(comparison: Comparison) -> QColor | None:
    return SAME if comparison.same else None
