"""The parts of a person's file kept as their own records: guardians and caregivers,
disability assessments, household poverty status, photos and documents.

Each section lists what is recorded and has a small editor below; saving one entry is one
service call (one transaction), so a refusal leaves nothing half-saved and keeps what was
typed. They work on a person already saved: the form enables them after the first save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.services.people import DisabilityDraft, GuardianDraft
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.records import (
    AttachmentRecord,
    DisabilityRecord,
    GuardianRecord,
    HouseholdStatusRecordView,
)
from btxh_desktop.ui import i18n
from btxh_desktop.ui import person_terms as words
from btxh_desktop.ui.assistance_terms import label
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.widgets.form_kit import (
    configure_table,
    error_label,
    error_text,
    permit,
)
from btxh_desktop.ui.widgets.person_fields import DayField

PHOTO_SIZE = (120, 160)


def _table(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    configure_table(view)
    view.setSortingEnabled(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # A person has a handful of these: room for five, then it scrolls.
    rows = view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + 5 * rows + 4)
    return view


def while_open(widget: QWidget, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """A job's answer for a form the user may have closed meanwhile: then it is dropped."""

    def answer(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)

    return answer


def _show_rows(view: QTableView, model: RowsModel[Any], rows: list[Any]) -> None:
    model.set_rows(rows)
    # The last column takes what is left; sizing it too would push it out of sight, and so
    # would one long value: no column is wider than a dozen characters or so.
    widest = view.fontMetrics().horizontalAdvance("M" * 12)
    for column in range(model.columnCount() - 1):
        view.resizeColumnToContents(column)
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


class Section(QWidget):
    """A list and its editor. `submit()` is what Enter does while the editor has focus."""

    changed = Signal()

    def __init__(self, ui: UiContext, initiator: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.initiator = initiator
        self.person_id: str | None = None
        self.message = error_label()
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._errors: dict[str, QLabel] = {}

    def submit(self) -> None:
        raise NotImplementedError

    def load(self, person_id: str) -> None:
        raise NotImplementedError

    def row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        self._errors[key] = error_label()
        column.addWidget(self._errors[key])
        form.addRow(text, box)

    def clear_errors(self) -> None:
        for label_widget in self._errors.values():
            label_widget.hide()
        self.message.hide()
        self.notice.hide()

    def show_failure(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            for key, code in error.errors.items():
                target = self._errors.get(key)
                if target is not None:
                    target.setText(i18n.t(code))
                    target.show()
            self.message.setText(self.tr("Not saved: correct the fields marked in red."))
        else:
            self.message.setText(error_text(error))
        self.message.show()

    def field_error(self, key: str, text: str) -> None:
        self._errors[key].setText(text)
        self._errors[key].show()
        self.message.setText(self.tr("Not saved: correct the fields marked in red."))
        self.message.show()

    def done(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        self.changed.emit()

    def run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        self.clear_errors()
        self.ui.runner.run(
            work,
            while_open(self, done),
            while_open(self, self.show_failure),
            label=self.tr("Saving…"),
            parent=self,
        )


# ---------------------------------------------------------------------- guardians


class GuardiansSection(Section):
    def __init__(self, ui: UiContext, initiator: object, parent: QWidget | None = None) -> None:
        super().__init__(ui, initiator, parent)
        self.editing: str | None = None
        self.model: RowsModel[GuardianRecord] = RowsModel(
            [
                Column(self.tr("Full name"), lambda g: g.full_name),
                Column(self.tr("Relationship"), lambda g: g.relationship),
                Column(self.tr("Phone"), lambda g: g.phone or ""),
                Column(self.tr("Caregiver"), lambda g: self.tr("Yes") if g.is_caregiver else ""),
                Column(
                    self.tr("Files on their behalf"),
                    lambda g: self.tr("Yes") if g.files_on_behalf else "",
                ),
            ],
            key=lambda g: g.id,
            parent=self,
        )
        self.table = _table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        editor = QGroupBox(self.tr("Guardian or caregiver"))
        form = QFormLayout(editor)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.full_name = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(self.tr("e.g. mother, son, neighbour"))
        self.birth_year = QSpinBox()
        self.birth_year.setRange(0, ui.services.ctx.today().year)
        self.birth_year.setSpecialValueText(self.tr("not known"))
        self.cccd = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.is_caregiver = QCheckBox(self.tr("Looks after the person day to day"))
        self.files_on_behalf = QCheckBox(self.tr("Files papers on the person's behalf"))
        self.row(form, "full_name", self.tr("Full name *"), self.full_name)
        self.row(form, "relationship", self.tr("Relationship"), self.relationship)
        self.row(form, "birth_year", self.tr("Year of birth"), self.birth_year)
        self.row(form, "cccd", self.tr("CCCD number"), self.cccd)
        self.row(form, "phone", self.tr("Phone"), self.phone)
        self.row(form, "address", self.tr("Address"), self.address)
        form.addRow("", self.is_caregiver)
        form.addRow("", self.files_on_behalf)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New entry"))
        self.save_button = QPushButton(self.tr("Save guardian"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button in (self.new_button, self.save_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.new_button.clicked.connect(self.clear_editor)
        self.save_button.clicked.connect(self.submit)
        self.remove_button.clicked.connect(self.remove)
        permit(self.save_button, ui.services.ctx.actor, Permission.EDIT_PEOPLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(editor)
        layout.addStretch(1)
        self.clear_editor()

    def load(self, person_id: str) -> None:
        self.person_id = person_id
        self.ui.runner.run(
            lambda: self.ui.services.people.guardians(person_id),
            while_open(self, lambda rows: _show_rows(self.table, self.model, rows)),
            while_open(self, self.show_failure),
        )

    def clear_editor(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for field in (self.full_name, self.relationship, self.cccd, self.phone, self.address):
            field.clear()
        self.birth_year.setValue(0)
        self.is_caregiver.setChecked(False)
        self.files_on_behalf.setChecked(False)
        self.remove_button.setEnabled(False)
        self.clear_errors()

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        guardian = self.model.row(rows[0].row())
        self.editing = guardian.id
        self.full_name.setText(guardian.full_name)
        self.relationship.setText(guardian.relationship)
        self.birth_year.setValue(guardian.birth_year or 0)
        self.cccd.setText(guardian.cccd or "")
        self.phone.setText(guardian.phone or "")
        self.address.setText(guardian.address or "")
        self.is_caregiver.setChecked(guardian.is_caregiver)
        self.files_on_behalf.setChecked(guardian.files_on_behalf)
        self.remove_button.setEnabled(True)
        self.clear_errors()

    def draft(self) -> GuardianDraft:
        return GuardianDraft(
            full_name=self.full_name.text().strip(),
            relationship=self.relationship.text().strip(),
            birth_year=self.birth_year.value() or None,
            cccd="".join(self.cccd.text().split()) or None,
            phone=self.phone.text().strip() or None,
            address=self.address.text().strip() or None,
            is_caregiver=self.is_caregiver.isChecked(),
            files_on_behalf=self.files_on_behalf.isChecked(),
        )

    def submit(self) -> None:
        if self.person_id is None:
            return
        person_id, draft, editing = self.person_id, self.draft(), self.editing
        people = self.ui.services.people
        self.run(
            lambda: people.save_guardian(person_id, draft, editing, initiator=self.initiator),
            lambda _id: self._saved(draft.full_name),
        )

    def _saved(self, name: str) -> None:
        assert self.person_id is not None
        self.clear_editor()
        self.load(self.person_id)
        self.done(self.tr("Saved {name}.").format(name=name))

    def remove(self) -> None:
        if self.editing is None or self.person_id is None:
            return
        record_id, name = self.editing, self.full_name.text()
        people = self.ui.services.people
        self.run(
            lambda: people.remove_record("guardian", record_id, initiator=self.initiator),
            lambda _none: self._removed(name),
        )

    def _removed(self, name: str) -> None:
        assert self.person_id is not None
        self.clear_editor()
        self.load(self.person_id)
        self.done(self.tr("Removed {name}.").format(name=name))


# ---------------------------------------------------------------------- disability and household


class DisabilitySection(Section):
    def __init__(self, ui: UiContext, initiator: object, parent: QWidget | None = None) -> None:
        super().__init__(ui, initiator, parent)
        self.editing: str | None = None
        ref = ui.services.ctx.reference
        lang = i18n.language()

        def type_name(code: int) -> str:
            found = ref.disability_type(str(code))
            return found.label(lang) if found else str(code)

        def level_name(level: str) -> str:
            try:
                return ref.disability_level(DisabilityLevel(level)).label(lang)
            except ValueError:
                return level

        self.model: RowsModel[DisabilityRecord] = RowsModel(
            [
                Column(self.tr("Type"), lambda d: type_name(d.disability_type)),
                Column(self.tr("Level"), lambda d: level_name(d.level)),
                Column(self.tr("Assessed on"), lambda d: i18n.date_text(d.assessed_on)),
                Column(self.tr("Review due"), lambda d: i18n.date_text(d.reassessment_due)),
            ],
            key=lambda d: d.id,
            parent=self,
        )
        self.table = _table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        editor = QGroupBox(self.tr("Disability assessment"))
        form = QFormLayout(editor)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.disability_type = QComboBox()
        for kind in ref.disability_types:
            self.disability_type.addItem(kind.label(lang), int(kind.code))
        self.level = QComboBox()
        for level in DisabilityLevel:
            self.level.addItem(ref.disability_level(level).label(lang), level.value)
        self.assessed_on = DayField()
        self.certificate_number = QLineEdit()
        self.certificate_issued_on = DayField()
        self.reassessment_due = DayField()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 4)
        self.row(form, "disability_type", self.tr("Type of disability"), self.disability_type)
        self.row(form, "level", self.tr("Severity"), self.level)
        self.row(form, "assessed_on", self.tr("Assessed on"), self.assessed_on)
        self.row(form, "certificate_number", self.tr("Certificate number"), self.certificate_number)
        self.row(form, "certificate_issued_on", self.tr("Certificate issued on"),
                 self.certificate_issued_on)  # fmt: skip
        self.row(form, "reassessment_due", self.tr("Review due on"), self.reassessment_due)
        self.row(form, "notes", self.tr("Medical notes (sensitive)"), self.notes)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New assessment"))
        self.save_button = QPushButton(self.tr("Save assessment"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for button in (self.new_button, self.save_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.new_button.clicked.connect(self.clear_editor)
        self.save_button.clicked.connect(self.submit)
        self.remove_button.clicked.connect(self.remove)
        permit(self.save_button, ui.services.ctx.actor, Permission.EDIT_PEOPLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(editor)
        layout.addStretch(1)
        self.clear_editor()

    def load(self, person_id: str) -> None:
        self.person_id = person_id
        self.ui.runner.run(
            lambda: self.ui.services.people.disability_assessments(person_id),
            while_open(self, lambda rows: _show_rows(self.table, self.model, rows)),
            while_open(self, self.show_failure),
        )

    def clear_editor(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.disability_type.setCurrentIndex(0)
        self.level.setCurrentIndex(0)
        for field in (
            self.assessed_on,
            self.certificate_number,
            self.certificate_issued_on,
            self.reassessment_due,
        ):
            field.clear()
        self.notes.clear()
        self.remove_button.setEnabled(False)
        self.clear_errors()

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        record = self.model.row(rows[0].row())
        self.editing = record.id
        self.disability_type.setCurrentIndex(self.disability_type.findData(record.disability_type))
        self.level.setCurrentIndex(self.level.findData(record.level))
        self.assessed_on.set_value(record.assessed_on)
        self.certificate_number.setText(record.certificate_number or "")
        self.certificate_issued_on.set_value(record.certificate_issued_on)
        self.reassessment_due.set_value(record.reassessment_due)
        self.notes.setPlainText(record.notes or "")
        self.remove_button.setEnabled(True)
        self.clear_errors()

    def submit(self) -> None:
        if self.person_id is None:
            return
        self.clear_errors()
        days: dict[str, dt.date | None] = {}
        for key, field in (
            ("assessed_on", self.assessed_on),
            ("certificate_issued_on", self.certificate_issued_on),
            ("reassessment_due", self.reassessment_due),
        ):
            try:
                days[key] = field.value()
            except DomainError as error:
                self.field_error(key, i18n.t(error.code, **error.params))
        if len(days) < 3:
            return
        draft = DisabilityDraft(
            disability_type=int(self.disability_type.currentData()),
            level=DisabilityLevel(self.level.currentData()),
            assessed_on=days["assessed_on"],
            certificate_number=self.certificate_number.text().strip() or None,
            certificate_issued_on=days["certificate_issued_on"],
            reassessment_due=days["reassessment_due"],
            notes=self.notes.toPlainText().strip() or None,
        )
        person_id, editing = self.person_id, self.editing
        people = self.ui.services.people
        self.run(
            lambda: people.save_disability(person_id, draft, editing, initiator=self.initiator),
            lambda _id: self._saved(),
        )

    def _saved(self) -> None:
        assert self.person_id is not None
        self.clear_editor()
        self.load(self.person_id)
        self.done(self.tr("Disability assessment saved."))

    def remove(self) -> None:
        if self.editing is None or self.person_id is None:
            return
        record_id = self.editing
        people = self.ui.services.people
        self.run(
            lambda: people.remove_record(
                "disability_assessment", record_id, initiator=self.initiator
            ),
            lambda _none: self._removed(),
        )

    def _removed(self) -> None:
        assert self.person_id is not None
        self.clear_editor()
        self.load(self.person_id)
        self.done(self.tr("Assessment removed."))


class HouseholdSection(Section):
    def __init__(self, ui: UiContext, initiator: object, parent: QWidget | None = None) -> None:
        super().__init__(ui, initiator, parent)
        self.model: RowsModel[HouseholdStatusRecordView] = RowsModel(
            [
                Column(self.tr("Status"), lambda h: label(words.HOUSEHOLD_STATUS, h.status)),
                Column(self.tr("From"), lambda h: i18n.date_text(h.valid_from)),
                Column(self.tr("Until"), lambda h: i18n.date_text(h.valid_to)),
                Column(self.tr("Certificate"), lambda h: h.certificate_number or ""),
            ],
            key=lambda h: h.id,
            parent=self,
        )
        self.table = _table(self.model)
        editor = QGroupBox(self.tr("Household poverty status"))
        form = QFormLayout(editor)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status = QComboBox()
        for status in HouseholdStatus:
            self.status.addItem(label(words.HOUSEHOLD_STATUS, status), status.value)
        self.valid_from = DayField()
        self.certificate_number = QLineEdit()
        self.row(form, "status", self.tr("Status"), self.status)
        self.row(form, "valid_from", self.tr("From *"), self.valid_from)
        self.row(form, "certificate_number", self.tr("Certificate number"), self.certificate_number)
        self.save_button = QPushButton(self.tr("Record status"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.submit)
        permit(self.save_button, ui.services.ctx.actor, Permission.EDIT_PEOPLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(editor)
        layout.addStretch(1)

    def load(self, person_id: str) -> None:
        self.person_id = person_id
        self.ui.runner.run(
            lambda: self.ui.services.people.household_statuses(person_id),
            while_open(self, lambda rows: _show_rows(self.table, self.model, rows)),
            while_open(self, self.show_failure),
        )

    def submit(self) -> None:
        if self.person_id is None:
            return
        self.clear_errors()
        try:
            valid_from = self.valid_from.value()
        except DomainError as error:
            self.field_error("valid_from", i18n.t(error.code, **error.params))
            return
        if valid_from is None:
            self.field_error("valid_from", i18n.t("field.required"))
            return
        if valid_from > self.ui.services.ctx.today():
            self.field_error("valid_from", i18n.t("date.in_future"))
            return
        status = HouseholdStatus(self.status.currentData())
        certificate = self.certificate_number.text().strip() or None
        person_id = self.person_id
        people = self.ui.services.people
        self.run(
            lambda: people.set_household_status(
                person_id, status, valid_from, certificate, initiator=self.initiator
            ),
            lambda _id: self._saved(),
        )

    def _saved(self) -> None:
        assert self.person_id is not None
        self.valid_from.clear()
        self.certificate_number.clear()
        self.load(self.person_id)
        self.done(self.tr("Household status recorded."))


# ---------------------------------------------------------------------- attachments


class AttachmentsSection(Section):
    def __init__(self, ui: UiContext, initiator: object, parent: QWidget | None = None) -> None:
        super().__init__(ui, initiator, parent)
        self.file_dialog: QFileDialog | None = None
        self.model: RowsModel[AttachmentRecord] = RowsModel(
            [
                Column(self.tr("Title"), lambda a: a.title),
                Column(self.tr("Kind"), lambda a: label(words.ATTACHMENT_KIND, a.kind)),
                Column(self.tr("File"), lambda a: a.filename),
                Column(self.tr("Size"), lambda a: _size_text(a.size_bytes), numeric=True),
                Column(self.tr("Added"), lambda a: i18n.date_text(a.created_at.date())),
            ],
            key=lambda a: a.id,
            parent=self,
        )
        self.table = _table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.photo = QLabel(self.tr("No photo"))
        self.photo.setObjectName("person_photo")
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QFrame.Shape.Box)
        self.add_photo_button = QPushButton(self.tr("Add a photo…"))
        self.add_document_button = QPushButton(self.tr("Add a document…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        buttons = QHBoxLayout()
        for button in (
            self.add_photo_button,
            self.add_document_button,
            self.open_button,
            self.remove_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_photo_button.clicked.connect(lambda: self.choose_file("photo"))
        self.add_document_button.clicked.connect(lambda: self.choose_file("document"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.add_photo_button, self.add_document_button):
            permit(button, ui.services.ctx.actor, Permission.EDIT_PEOPLE)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        hint = QLabel(
            self.tr("A copy of the file is kept with the records; the original stays where it is.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._selected(QItemSelection(), QItemSelection())

    def submit(self) -> None:
        self.open_selected()

    def load(self, person_id: str) -> None:
        self.person_id = person_id
        people = self.ui.services.people

        def read() -> tuple[list[AttachmentRecord], QImage | None]:
            found = people.attachments(person_id)
            photos = [a for a in found if a.kind == "photo"]
            image = None
            if photos:
                latest = max(photos, key=lambda a: a.created_at)
                # Stored encrypted: read through the service (which audits the view).
                image = QImage.fromData(people.read_attachment(latest.id))
            return found, image

        self.ui.runner.run(
            read, while_open(self, self._loaded), while_open(self, self.show_failure)
        )

    def _loaded(self, result: tuple[list[AttachmentRecord], QImage | None]) -> None:
        rows, image = result
        _show_rows(self.table, self.model, rows)
        if image is None or image.isNull():
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("No photo"))
            return
        self.photo.setPixmap(
            QPixmap.fromImage(image).scaled(
                *PHOTO_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def choose_file(self, kind: str) -> QFileDialog:
        """The file chooser, opened without blocking; choosing a file attaches it."""
        title = self.tr("Choose a photo") if kind == "photo" else self.tr("Choose a document")
        dialog = QFileDialog(self, title)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if kind == "photo":
            dialog.setNameFilter(self.tr("Images (*.jpg *.jpeg *.png *.bmp)"))
        dialog.fileSelected.connect(lambda path: self.attach(Path(path), kind))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def attach(self, path: Path, kind: str) -> None:
        if self.person_id is None:
            return
        person_id = self.person_id
        people = self.ui.services.people
        self.run(
            lambda: people.attach_file(person_id, path, kind, initiator=self.initiator),
            lambda _id: self._attached(path.name),
        )

    def _attached(self, name: str) -> None:
        assert self.person_id is not None
        self.load(self.person_id)
        self.done(self.tr("Attached {name}.").format(name=name))

    def selected(self) -> AttachmentRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        # Stored encrypted: the viewer gets a decrypted copy, removed when the program closes.
        people = self.ui.services.people
        self.ui.runner.run(
            lambda: people.open_attachment_copy(record.id),
            while_open(self, lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))),
            while_open(self, self.show_failure),
        )

    def remove(self) -> None:
        record = self.selected()
        if record is None:
            return
        people = self.ui.services.people
        self.run(
            lambda: people.remove_record("attachment", record.id, initiator=self.initiator),
            lambda _none: self._removed(record.title),
        )

    def _removed(self, title: str) -> None:
        assert self.person_id is not None
        self.load(self.person_id)
        self.done(self.tr("Removed {name}.").format(name=title))


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{i18n.number(max(1, round(size / 1024)))} KB"
    return f"{i18n.number(round(size / (1024 * 1024), 1))} MB"
