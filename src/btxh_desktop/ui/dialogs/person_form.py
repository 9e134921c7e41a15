"""A person's file: identity, address and family, health and notes, then the records kept
with it (guardians, disability, household status, photos and documents).

- What was typed is never cleared by a refusal: errors appear in red under the field, in the
  GUI's language, as soon as the field is left, and all at once on saving.
- A CCCD card's QR code scanned into any text field fills the identity fields; a short note
  says what was filled, and the field the scan landed in gets its own text back.
- Before saving, people who may be the same person (same CCCD; or same name, birth year and
  commune) are shown side by side; the user saves anyway, opens the existing file or goes
  back to correct.
- Enter saves (or saves the entry being edited in a section), Esc asks before discarding.
- The form stays open after saving, so the records kept with the person can be added next.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain import identity
from btxh_desktop.domain.codes import SchoolStatus, Sex, SiteType
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.person import MAX_ADDRESS, MAX_NOTES, PersonDraft
from btxh_desktop.services import privacy
from btxh_desktop.services.people import DuplicateCandidate
from btxh_desktop.services.permissions import Permission, allowed
from btxh_desktop.services.site import SiteInfo
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.ui import i18n
from btxh_desktop.ui import person_terms as words
from btxh_desktop.ui.assistance_terms import SEX, label
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog
from btxh_desktop.ui.dialogs.person_related import (
    AttachmentsSection,
    DisabilitySection,
    GuardiansSection,
    HouseholdSection,
    Section,
    while_open,
)
from btxh_desktop.ui.widgets.form_kit import error_label
from btxh_desktop.ui.widgets.person_fields import CommuneField, DayField, PartialDateField
from btxh_desktop.ui.widgets.qr_scan import ScanCatcher, TextField

log = logging.getLogger(__name__)

# Limits the domain checks, for the message to say what the limit is.
TEXT_LIMITS = {
    "address_detail": MAX_ADDRESS,
    "school_level": 60,
    "notes": MAX_NOTES,
    "health_notes": MAX_NOTES,
}
NAME_FIELDS = ("full_name", "other_name", "father_name", "mother_name")
LIVE_CHECK_MS = 300
QR_SETTLE_MS = 600


@dataclass
class _Field:
    widget: QWidget
    error: QLabel


class PersonForm(QDialog):
    saved = Signal(object)  # PersonRecord
    #: Loaded and ready to type into (tests and benchmarks wait for it).
    ready = Signal()

    def __init__(
        self, ui: UiContext, person_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.person_id = person_id
        self.record: PersonRecord | None = None
        self.duplicates: DuplicateDialog | None = None
        self.discard_box: QMessageBox | None = None
        self.opened_forms: list[PersonForm] = []
        self._saved_state: tuple[object, ...] | None = None
        self._saving = False
        self._closing = False
        self._touched: set[str] = set()
        self.fields: dict[str, _Field] = {}
        self._captions: dict[QFormLayout, list[QLabel]] = {}
        self._aligned: list[tuple[QFormLayout, QFormLayout]] = []
        actor = ui.services.ctx.actor
        self.hidden = privacy.hidden_fields(actor, "person")
        self.may_edit = allowed(actor, Permission.EDIT_PEOPLE)
        self.reference = ui.services.ctx.reference
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("New person") if person_id is None else self.tr("Person"))

        self.catcher = ScanCatcher(self)
        self.catcher.scanned.connect(self._scanned)
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_CHECK_MS)
        self._live_timer.timeout.connect(self.check_live)

        outer = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("form_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)
        outer.addWidget(self._build_scan_row())

        self.tabs = QTabWidget()
        self.tabs.addTab(self._scrolled(self._build_general()), self.tr("General"))
        # The records kept with the person are built when their tab is first opened: most
        # visits to a file stay on its first tab, and the form opens faster without them.
        self._guardians: GuardiansSection | None = None
        self._disability: DisabilitySection | None = None
        self._household: HouseholdSection | None = None
        self._attachments: AttachmentsSection | None = None
        self._holders: list[QWidget] = []
        self.related_tabs: list[int] = []
        for title in (
            self.tr("Guardians and carers"),
            self.tr("Disability and household"),
            self.tr("Photo and documents"),
        ):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder)
            self.related_tabs.append(self.tabs.addTab(holder, title))
        self.tabs.currentChanged.connect(self._tab_opened)
        outer.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.code_label = QLabel()
        buttons.addWidget(self.code_label, 1)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("M" * 7))
            buttons.addWidget(button)
        self.save_button.setEnabled(self.may_edit)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        outer.addLayout(buttons)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save)

        self._set_related_enabled(person_id is not None)
        self._fit_to_screen()
        if person_id is None:
            self._new()
        else:
            self._load(person_id)

    # ------------------------------------------------------------------ related records

    @property
    def guardians(self) -> GuardiansSection:
        self._build_guardians()
        assert self._guardians is not None
        return self._guardians

    @property
    def disability(self) -> DisabilitySection:
        self._build_support()
        assert self._disability is not None
        return self._disability

    @property
    def household(self) -> HouseholdSection:
        self._build_support()
        assert self._household is not None
        return self._household

    @property
    def attachments(self) -> AttachmentsSection:
        self._build_attachments()
        assert self._attachments is not None
        return self._attachments

    @property
    def sections(self) -> list[Section]:
        """The sections built so far."""
        built = (self._guardians, self._disability, self._household, self._attachments)
        return [section for section in built if section is not None]

    def _build_guardians(self) -> None:
        if self._guardians is None:
            self._guardians = GuardiansSection(self.ui, self)
            self._place(0, self._scrolled(self._guardians), [self._guardians])

    def _build_support(self) -> None:
        if self._disability is not None:
            return
        self._disability = DisabilitySection(self.ui, self)
        self._household = HouseholdSection(self.ui, self)
        support = _Columns([(self._disability, self._household)])
        self._place(1, self._scrolled(support), [self._disability, self._household])

    def _build_attachments(self) -> None:
        if self._attachments is None:
            self._attachments = AttachmentsSection(self.ui, self)
            self._place(2, self._attachments, [self._attachments])

    def _place(self, position: int, content: QWidget, sections: list[Section]) -> None:
        layout = self._holders[position].layout()
        assert layout is not None
        layout.addWidget(content)
        for section in sections:
            section.changed.connect(self._related_changed)
            if self.person_id is not None and self.record is not None:
                section.load(self.person_id)

    def _tab_opened(self, index: int) -> None:
        builders = (self._build_guardians, self._build_support, self._build_attachments)
        if index in self.related_tabs:
            builders[self.related_tabs.index(index)]()

    # ------------------------------------------------------------------ building

    def _scrolled(self, body: QWidget) -> QScrollArea:
        # At the largest text size a tab is taller than a 768-pixel screen: it scrolls.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _build_scan_row(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("CCCD QR code:"))
        self.qr_edit = QLineEdit()
        self.qr_edit.setPlaceholderText(
            self.tr("Scan the QR code on the back of the card (into any field), or paste it here")
        )
        caption.setBuddy(self.qr_edit)
        self.qr_error = error_label()
        column = QVBoxLayout()
        column.addWidget(self.qr_edit)
        column.addWidget(self.qr_error)
        row.addWidget(caption, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.catcher.watch(self.qr_edit)
        self.qr_edit.returnPressed.connect(self._qr_entered)
        self.qr_edit.textChanged.connect(self.qr_error.hide)
        # Pasted text that is no payload at all gets its answer once the paste settles.
        self._qr_timer = QTimer(self)
        self._qr_timer.setSingleShot(True)
        self._qr_timer.setInterval(QR_SETTLE_MS)
        self._qr_timer.timeout.connect(self._qr_entered)
        self.qr_edit.textEdited.connect(self._qr_timer.start)
        return box

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = error_label()
        column.addWidget(error)
        caption = QLabel(text)
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        # Level with the field, not centred on the field and its error together.
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setContentsMargins(0, 4, 0, 0)
        form.addRow(caption, box)
        self.fields[key] = _Field(widget, error)
        self._captions.setdefault(form, []).append(caption)

    def _form(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return group, form

    def _line(self, key: str) -> QLineEdit:
        edit = QLineEdit()
        self._watch_text(key, edit)
        return edit

    def _watch_text(self, key: str, edit: TextField) -> None:
        self.catcher.watch(edit)
        edit.textChanged.connect(lambda *_: self._edited(key))
        if isinstance(edit, QLineEdit):
            edit.editingFinished.connect(lambda: self._left(key))

    def _build_general(self) -> QWidget:
        who, left = self._form(self.tr("Identity"))
        self.full_name = self._line("full_name")
        self.other_name = self._line("other_name")
        self.birth = PartialDateField()
        self.catcher.watch(self.birth.text_edit)
        self.birth.changed.connect(lambda: self._edited("birth"))
        self.birth.text_edit.editingFinished.connect(lambda: self._left("birth"))
        self.birth.precision.activated.connect(lambda _i: self._left("birth"))
        sex_box = QWidget()
        sex_row = QHBoxLayout(sex_box)
        sex_row.setContentsMargins(0, 0, 0, 0)
        self.sex = QButtonGroup(self)
        self.sex_buttons: dict[Sex, QRadioButton] = {}
        for sex in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
            button = QRadioButton(label(SEX, sex))
            self.sex.addButton(button)
            self.sex_buttons[sex] = button
            sex_row.addWidget(button)
        sex_row.addStretch(1)
        self.sex.buttonToggled.connect(self._sex_toggled)
        self.ethnicity = QComboBox()
        hidden_text = self.tr("Hidden from your account — choose to record a new value")
        self.ethnicity.addItem(
            hidden_text if "ethnicity_code" in self.hidden else self.tr("— not recorded —"), None
        )
        lang = i18n.language()
        for group in self.reference.ethnic_groups:
            self.ethnicity.addItem(group.label(lang), group.code)
        self.ethnicity.currentIndexChanged.connect(lambda _i: self._left("ethnicity_code"))
        self.cccd = self._line("cccd")
        self.cccd.setPlaceholderText(self.tr("12 digits"))
        self.cccd_issued_on = DayField()
        self._watch_text("cccd_issued_on", self.cccd_issued_on)
        self.old_id_number = self._line("old_id_number")
        self.old_id_number.setPlaceholderText(self.tr("9 digits, if any"))
        self._row(left, "full_name", self.tr("Full name *"), self.full_name)
        self._row(left, "other_name", self.tr("Other name"), self.other_name)
        self._row(left, "birth", self.tr("Date of birth"), self.birth)
        self._row(left, "sex", self.tr("Sex"), sex_box)
        self._row(left, "ethnicity_code", self.tr("Ethnic group"), self.ethnicity)
        self._row(left, "cccd", self.tr("CCCD number"), self.cccd)
        self._row(left, "cccd_issued_on", self.tr("Issued on"), self.cccd_issued_on)
        self._row(left, "old_id_number", self.tr("Old ID card (CMND)"), self.old_id_number)

        where, right = self._form(self.tr("Address, contact and family"))
        self.commune = CommuneField(self.reference)
        self.catcher.watch(self.commune)
        self.commune.textChanged.connect(lambda *_: self._edited("commune_code"))
        self.commune.editingFinished.connect(lambda: self._left("commune_code"))
        self.commune.chosen.connect(lambda: self._left("commune_code"))
        self.address_detail = self._line("address_detail")
        self.address_detail.setPlaceholderText(self.tr("House number, street, village or hamlet"))
        self.phone = self._line("phone")
        self.father_name = self._line("father_name")
        self.mother_name = self._line("mother_name")
        self.school_status = QComboBox()
        self.school_status.addItem(self.tr("— not recorded —"), None)
        for status in SchoolStatus:
            self.school_status.addItem(label(words.SCHOOL_STATUS, status), status.value)
        self.school_status.currentIndexChanged.connect(lambda _i: self._left("school_status"))
        self.school_level = self._line("school_level")
        self.school_level.setPlaceholderText(self.tr("e.g. grade 7, vocational college"))
        self._row(right, "commune_code", self.tr("Commune / ward"), self.commune)
        self._row(right, "address_detail", self.tr("Address"), self.address_detail)
        self._row(right, "phone", self.tr("Phone number"), self.phone)
        self._row(right, "father_name", self.tr("Father's name"), self.father_name)
        self._row(right, "mother_name", self.tr("Mother's name"), self.mother_name)
        self._row(right, "school_status", self.tr("Schooling"), self.school_status)
        self._row(right, "school_level", self.tr("School level"), self.school_level)
        health, health_form, other, other_form = self._build_health()
        self._aligned = [(left, health_form), (right, other_form)]
        self._align_captions()
        # Every field the person's own record has is on this one tab: errors are never out
        # of sight on another.
        return _Columns([(who, where), (health, other)])

    def _align_captions(self) -> None:
        """Groups stacked in one column line their fields up under each other."""
        for forms in self._aligned:
            captions = [c for form in forms for c in self._captions.get(form, [])]
            # The captions share the dialog's font: measuring each would polish each.
            metrics = self.fontMetrics()
            widest = max(metrics.horizontalAdvance(c.text()) for c in captions)
            for caption in captions:
                caption.setMinimumWidth(widest + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._align_captions)

    def _build_health(self) -> tuple[QGroupBox, QFormLayout, QGroupBox, QFormLayout]:
        group, form = self._form(self.tr("Health (sensitive)"))
        group.setToolTip(self.tr("Sensitive information: only approvers can see it."))
        self.hiv_status = QComboBox()
        hidden_text = self.tr("Hidden from your account — choose to record a new value")
        self.hiv_status.addItem(
            hidden_text if "hiv_status" in self.hidden else self.tr("— not recorded —"), None
        )
        for code in ("negative", "positive"):
            self.hiv_status.addItem(label(words.HIV_STATUS, code), code)
        self.hiv_status.currentIndexChanged.connect(lambda _i: self._left("hiv_status"))
        self.health_notes = QPlainTextEdit()
        self.health_notes.setTabChangesFocus(True)
        if "health_notes" in self.hidden:
            self.health_notes.setPlaceholderText(
                self.tr("Hidden from your account — what you type here replaces it")
            )
        self._watch_text("health_notes", self.health_notes)
        self._row(form, "hiv_status", self.tr("HIV status"), self.hiv_status)
        self._row(form, "health_notes", self.tr("Health notes"), self.health_notes)
        other, other_form = self._form(self.tr("Other"))
        self.death_date = DayField()
        self._watch_text("death_date", self.death_date)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self._watch_text("notes", self.notes)
        self._row(other_form, "death_date", self.tr("Date of death"), self.death_date)
        self._row(other_form, "notes", self.tr("Notes"), self.notes)
        lines = self.fontMetrics().lineSpacing()
        for note in (self.health_notes, self.notes):
            note.setMinimumHeight(lines * 3 + 12)
            note.setMaximumHeight(lines * 5 + 12)
        return group, form, other, other_form

    def _fit_to_screen(self) -> None:
        screen = self.screen()
        available = screen.availableGeometry() if screen is not None else None
        width, height = 1180, 720
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    def _set_related_enabled(self, enabled: bool) -> None:
        note = self.tr(
            "Save the person first; then guardians, disability and documents can be added."
        )
        for index in self.related_tabs:
            self.tabs.setTabEnabled(index, enabled)
            self.tabs.setTabToolTip(index, "" if enabled else note)

    # ------------------------------------------------------------------ loading

    def _new(self) -> None:
        self.sex_buttons[Sex.UNKNOWN].setChecked(True)
        self._saved_state = self.state()
        self.full_name.setFocus()
        services = self.ui.services

        def read() -> tuple[str, SiteInfo | None]:
            return services.people.next_code_preview(), services.site.info()

        self.ui.runner.run(read, while_open(self, self._new_ready))

    def _new_ready(self, found: tuple[str, SiteInfo | None]) -> None:
        code, site = found
        if self.record is None and code:
            self.code_label.setText(self.tr("Record code when saved: {code}").format(code=code))
        untouched = self.state() == self._saved_state
        # A commune's own people mostly live in it; a facility's come from anywhere.
        if site is not None and site.site_type == SiteType.COMMUNE and not self.commune.text():
            self.commune.set_code(site.site_code)
            if untouched:
                self._saved_state = self.state()
        self.ready.emit()

    def _load(self, person_id: str) -> None:
        self.setEnabled(False)
        self.ui.runner.run(
            lambda: self.ui.services.people.get(person_id),
            while_open(self, self._loaded),
            while_open(self, self._load_failed),
        )

    def _loaded(self, record: PersonRecord) -> None:
        self.setEnabled(True)
        self.show_record(record)
        for section in self.sections:
            section.load(record.id)
        self.full_name.setFocus()
        self.ready.emit()

    def _load_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.save_button.setEnabled(False)
        self._say(self._failure_text(error), error=True)

    def show_record(self, record: PersonRecord) -> None:
        self.record = record
        self.person_id = record.id
        draft = record.draft
        self.full_name.setText(draft.full_name)
        self.other_name.setText(draft.other_name or "")
        self.birth.set_value(draft.birth)
        self.sex_buttons[draft.sex].setChecked(True)
        _choose(self.ethnicity, draft.ethnicity_code)
        self.cccd.setText(draft.cccd or "")
        self.cccd_issued_on.set_value(draft.cccd_issued_on)
        self.old_id_number.setText(draft.old_id_number or "")
        self.commune.set_code(draft.commune_code)
        self.address_detail.setText(draft.address_detail or "")
        self.phone.setText(draft.phone or "")
        self.father_name.setText(draft.father_name or "")
        self.mother_name.setText(draft.mother_name or "")
        _choose(self.school_status, draft.school_status.value if draft.school_status else None)
        self.school_level.setText(draft.school_level or "")
        _choose(self.hiv_status, draft.hiv_status)
        self.health_notes.setPlainText(draft.health_notes or "")
        self.death_date.set_value(draft.death_date)
        self.notes.setPlainText(draft.notes or "")
        self._show_starts()
        self.setWindowTitle(
            self.tr("{name} — record {code}").format(name=draft.full_name, code=record.code)
        )
        self.code_label.setText(self.tr("Record code: {code}").format(code=record.code))
        self._touched.clear()
        self._clear_errors()
        self._saved_state = self.state()
        self._set_related_enabled(True)

    # ------------------------------------------------------------------ reading the fields

    def state(self) -> tuple[object, ...]:
        """Everything typed, to tell whether there is something to lose."""
        return (
            self.full_name.text(),
            self.other_name.text(),
            self.birth.snapshot(),
            self.sex.checkedId(),
            self.ethnicity.currentIndex(),
            self.cccd.text(),
            self.cccd_issued_on.text(),
            self.old_id_number.text(),
            self.commune.text(),
            self.address_detail.text(),
            self.phone.text(),
            self.father_name.text(),
            self.mother_name.text(),
            self.school_status.currentIndex(),
            self.school_level.text(),
            self.hiv_status.currentIndex(),
            self.health_notes.toPlainText(),
            self.death_date.text(),
            self.notes.toPlainText(),
        )

    def _show_starts(self) -> None:
        """Text set by the program shows from its start, as it reads, not from its end."""
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)

    def dirty(self) -> bool:
        return self._saved_state is not None and self.state() != self._saved_state

    def read(self) -> tuple[PersonDraft, dict[str, str]]:
        """The draft the fields describe, and the text of what cannot even be read (a date
        that is not a date, a commune not chosen from the list)."""
        problems: dict[str, str] = {}
        birth = PartialDate()
        try:
            birth = self.birth.value()
        except DomainError as error:
            problems["birth"] = i18n.t(error.code, **error.params)
        days: dict[str, dt.date | None] = {}
        for key, day_field in (
            ("cccd_issued_on", self.cccd_issued_on),
            ("death_date", self.death_date),
        ):
            try:
                days[key] = day_field.value()
            except DomainError as error:
                problems[key] = i18n.t(error.code, **error.params)
                days[key] = None
        if self.commune.unresolved():
            problems["commune_code"] = self.tr("Choose the commune from the suggestions.")
        school = self.school_status.currentData()
        draft = PersonDraft(
            full_name=self.full_name.text(),
            birth=birth,
            sex=self._sex(),
            other_name=self.other_name.text() or None,
            ethnicity_code=self.ethnicity.currentData(),
            cccd=self.cccd.text() or None,
            cccd_issued_on=days["cccd_issued_on"],
            old_id_number=self.old_id_number.text() or None,
            phone=_tidy_phone(self.phone.text()) or None,
            commune_code=self.commune.code(),
            address_detail=self.address_detail.text() or None,
            father_name=self.father_name.text() or None,
            mother_name=self.mother_name.text() or None,
            school_status=SchoolStatus(school) if school else None,
            school_level=self.school_level.text() or None,
            hiv_status=self.hiv_status.currentData(),
            health_notes=self.health_notes.toPlainText() or None,
            death_date=days["death_date"],
            notes=self.notes.toPlainText() or None,
        )
        return draft, problems

    def _sex(self) -> Sex:
        for sex, button in self.sex_buttons.items():
            if button.isChecked():
                return sex
        return Sex.UNKNOWN

    def errors(self) -> dict[str, str]:
        """Field → message for everything that would stop the save (pure: no database)."""
        draft, problems = self.read()
        codes = self.ui.services.people.validate(draft)
        messages = {key: self.error_text(key, code, draft) for key, code in codes.items()}
        messages.update(problems)
        return messages

    def error_text(self, key: str, code: str, draft: PersonDraft) -> str:
        """The message for a validation code, with the details the code alone lacks."""
        if key in NAME_FIELDS and code.startswith("name."):
            try:
                identity.normalize_name(getattr(draft, key) or "")
            except DomainError as error:
                return i18n.t(error.code, **error.params)
        if code == "field.too_long":
            return i18n.t(code, max=TEXT_LIMITS.get(key, 0))
        return i18n.t(code)

    # ------------------------------------------------------------------ live checking

    def _edited(self, key: str) -> None:
        # Re-check while typing only where an error is showing, so it goes as soon as it is
        # fixed; new errors wait until the field is left.
        if not shiboken6.isValid(self):
            return  # a field losing focus while the closed form is being destroyed
        if self.fields[key].error.isVisible():
            self._live_timer.start()

    def _left(self, key: str) -> None:
        if not shiboken6.isValid(self):
            return
        widget = self.fields[key].widget
        if self.catcher.pending(widget) or self.catcher.pending(self.focusWidget()):
            return
        self._touched.add(key)
        self.check_live()

    def _sex_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._left("sex")

    def check_live(self) -> dict[str, str]:
        """Show the errors of the fields already visited; clear those now fixed."""
        errors = self.errors()
        for key, field in self.fields.items():
            message = errors.get(key)
            if message and (key in self._touched or field.error.isVisible()):
                field.error.setText(message)
                field.error.show()
            elif not message:
                field.error.hide()
        return errors

    def _clear_errors(self) -> None:
        for field in self.fields.values():
            field.error.hide()
        self.banner.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        first: str | None = None
        for key, field in self.fields.items():
            message = errors.get(key)
            field.error.setVisible(bool(message))
            if message:
                field.error.setText(message)
                if first is None:
                    first = key
        self._touched.update(errors)
        if first is None:
            return
        count = len(errors)
        self._say(
            self.tr("Not saved yet: {count} field(s) need correcting (marked in red).").format(
                count=count
            ),
            error=True,
        )
        self.tabs.setCurrentIndex(0)
        self.fields[first].widget.setFocus()

    def _say(self, text: str, error: bool = False) -> None:
        self.banner.setProperty("role", "error" if error else "notice")
        self.banner.setText(text)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    # ------------------------------------------------------------------ QR code

    def _qr_entered(self) -> None:
        self._qr_timer.stop()
        text = self.qr_edit.text().strip()
        if text and not self.catcher.pending(self.qr_edit):
            self.fill_from_qr(text, self.qr_edit)

    def _scanned(self, widget: QWidget, payload: str) -> None:
        self.fill_from_qr(payload, widget)

    def fill_from_qr(self, payload: str, landed_in: QWidget | None = None) -> bool:
        """Fill the identity fields from a card's QR payload; False (with the reason beside
        the QR field, and the payload kept there) when it cannot be read."""
        try:
            card = identity.parse_cccd_qr(payload)
        except DomainError as error:
            # Kept where the user can see what was read, and read it again after a fix.
            self.catcher.put(self.qr_edit, payload)
            self.qr_error.setText(i18n.t(error.code))
            self.qr_error.show()
            self._say(i18n.t(error.code), error=True)
            return False
        self.qr_edit.clear()
        self.qr_error.hide()
        filled = [self.tr("full name"), self.tr("date of birth"), self.tr("sex")]
        self.full_name.setText(identity.title_case_name(card.full_name))
        self.birth.set_value(card.birth)
        self.sex_buttons[card.sex].setChecked(True)
        self.cccd.setText(card.cccd)
        filled.append(self.tr("citizen ID number"))
        if card.issue_date is not None:
            self.cccd_issued_on.set_value(card.issue_date)
            filled.append(self.tr("issue date"))
        if card.old_id:
            self.old_id_number.setText(card.old_id)
            filled.append(self.tr("old ID number"))
        found, rest = self.commune.find_in_address(card.address)
        if found is not None:
            self.commune.set_code(found.code)
            self.address_detail.setText(rest)
            filled.append(self.tr("commune and address"))
            missing = ""
        else:
            self.address_detail.setText(card.address)
            filled.append(self.tr("address"))
            missing = " " + self.tr("The commune in the address was not recognised: choose it.")
        self._touched.update(
            {"full_name", "birth", "sex", "cccd", "cccd_issued_on", "old_id_number",
             "commune_code", "address_detail"}
        )  # fmt: skip
        errors = self.check_live()
        note = self.tr("Filled from the card's QR code: {fields}. Check them before saving.")
        text = note.format(fields=", ".join(filled)) + missing
        if errors:
            text += " " + self.tr("Some values need attention (marked in red).")
        self._say(text, error=bool(errors))
        self._show_starts()
        self.tabs.setCurrentIndex(0)
        if isinstance(landed_in, QWidget) and landed_in is not self.qr_edit:
            landed_in.setFocus()
        return True

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        if self._saving or not self.may_edit:
            return
        self.catcher.finish_all()
        errors = self.errors()
        if errors:
            self.show_errors(errors)
            return
        draft, _ = self.read()
        self._saving = True
        self.save_button.setEnabled(False)
        self._say(self.tr("Checking for people already recorded…"))
        people = self.ui.services.people
        exclude = self.person_id
        self.ui.runner.run(
            lambda: people.find_duplicates(draft, exclude_id=exclude),
            while_open(self, lambda found: self._checked(draft, found)),
            while_open(self, self._save_failed),
        )

    def _checked(self, draft: PersonDraft, found: list[DuplicateCandidate]) -> None:
        if not found:
            self._write(draft)
            return
        self.banner.hide()
        dialog = DuplicateDialog(self.ui, draft, found, self)
        dialog.save_anyway.connect(lambda: self._write(draft))
        dialog.open_existing.connect(self.open_person)
        dialog.back.connect(self._back_to_editing)
        self.duplicates = dialog
        dialog.open()

    def _back_to_editing(self) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self._say(self.tr("Not saved. Correct the details, then save again."))
        self.full_name.setFocus()

    def _write(self, draft: PersonDraft) -> None:
        people = self.ui.services.people
        person_id = self.person_id
        work: Callable[[], PersonRecord]
        if person_id is None:
            work = lambda: people.create(draft, initiator=self)  # noqa: E731
        else:
            work = lambda: people.update(person_id, draft, initiator=self)  # noqa: E731
        self._saving = True
        self.save_button.setEnabled(False)
        self.ui.runner.run(
            work,
            while_open(self, self._written),
            while_open(self, self._save_failed),
            label=self.tr("Saving…"),
            parent=self,
        )

    def _written(self, record: PersonRecord) -> None:
        first = self.record is None
        self._saving = False
        self.save_button.setEnabled(True)
        self.show_record(record)
        time = dt.datetime.now().strftime("%H:%M")
        text = self.tr("Saved at {time}: record {code}.").format(time=time, code=record.code)
        if first:
            text += " " + self.tr("Guardians, disability and documents can now be added.")
            for section in self.sections:
                section.load(record.id)
        self._say(text)
        self.saved.emit(record)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            draft, _ = self.read()
            self.show_errors(
                {key: self.error_text(key, code, draft) for key, code in error.errors.items()}
            )
            return
        self._say(self._failure_text(error), error=True)

    def _failure_text(self, error: BaseException) -> str:
        if isinstance(error, DomainError):
            return i18n.t(error.code, **error.params)
        log.error("saving a person failed", exc_info=error)
        return self.tr("Could not save: {error}. Nothing was changed.").format(error=error)

    def _related_changed(self) -> None:
        self.banner.hide()

    def open_person(self, person_id: str) -> PersonForm:
        """Another person's file, over this one (which keeps what was typed)."""
        self._back_to_editing()
        form = PersonForm(self.ui, person_id, self)
        self.opened_forms.append(form)
        form.destroyed.connect(lambda: self.opened_forms.remove(form))
        form.open()
        return form

    # ------------------------------------------------------------------ keys and closing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
                return
            section = self._section_of(focus)
            if section is not None:
                section.submit()
            else:
                self.save()
            return
        super().keyPressEvent(event)

    def _section_of(self, widget: QObject | None) -> Section | None:
        while widget is not None:
            if isinstance(widget, Section):
                return widget
            widget = widget.parent()
        return None

    def reject(self) -> None:
        if self._closing or not self.dirty():
            self._closing = True
            super().reject()
            return
        self.ask_discard()

    def ask_discard(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("You have changes that are not saved. Close and lose them?"))
        discard = box.addButton(self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered() -> None:
            if box.clickedButton() is discard:
                self._closing = True
                self.reject()

        box.finished.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.discard_box = box
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.dirty():
            self._closing = True
            super().closeEvent(event)
            return
        event.ignore()
        self.ask_discard()


class _Columns(QWidget):
    """Pairs of groups side by side when the width allows, one under the other when it does
    not (large text on a 1366-pixel screen), so no field is cut off at the right."""

    def __init__(self, rows: list[tuple[QWidget, QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(0, 1)
        self._side_by_side: bool | None = None
        self._arrange(True)

    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        for left, right in self._rows:
            self._grid.removeWidget(left)
            self._grid.removeWidget(right)
        row = 0
        for left, right in self._rows:
            if side_by_side:
                self._grid.addWidget(left, row, 0)
                self._grid.addWidget(right, row, 1)
                row += 1
            else:
                self._grid.addWidget(left, row, 0)
                self._grid.addWidget(right, row + 1, 0)
                row += 2
        self._grid.setColumnStretch(1, 1 if side_by_side else 0)
        for stretch_row in range(self._grid.rowCount()):
            self._grid.setRowStretch(stretch_row, 0)
        self._grid.setRowStretch(row, 1)

    def _needed(self) -> int:
        """Two columns need room for a label and a comfortably wide field each."""
        metrics = self.fontMetrics()
        captions = max((label.sizeHint().width() for label in self.findChildren(QLabel)), default=0)
        column = min(captions, metrics.horizontalAdvance("M" * 14)) + metrics.horizontalAdvance(
            "M" * 18
        )
        margins = self._grid.contentsMargins()
        return 2 * column + self._grid.horizontalSpacing() + margins.left() + margins.right()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width() >= self._needed())


def _tidy_phone(text: str) -> str:
    """`0912 345 678` and `+84 912 345 678` are stored as 0912345678; anything else is left as
    typed for validation to point at."""
    try:
        return identity.normalize_phone(text)
    except DomainError:
        return text


def _choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(max(combo.findData(data), 0))


def open_person_form(
    ui: UiContext, person_id: str | None, parent: QWidget | None = None
) -> PersonForm:
    """Open a person's file (or an empty one) without blocking; `saved` says when it saves."""
    form = PersonForm(ui, person_id, parent)
    form.open()
    return form
