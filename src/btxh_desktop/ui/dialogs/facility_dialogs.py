"""The facility's forms: admission (with the emergency limit shown), discharge (a death shows
the funeral support the facility pays), care log entries, conversion to long-term care and
the facility's capacity."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from btxh_desktop.domain.codes import AdmissionType, CareLogKind, DischargeReason, ResidentGroup
from btxh_desktop.domain.policy import Support
from btxh_desktop.services.facility import EMERGENCY_STAY_MONTHS, ResidentRow, emergency_deadline
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import PersonChooser
from btxh_desktop.ui.i18n import date_text
from btxh_desktop.ui.widgets.form_kit import DateField, FormDialog, error_text

TEXT_HEIGHT = 80


def _combo(choices: Sequence[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for code, text in choices:
        combo.addItem(text, code)
    return combo


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(TEXT_HEIGHT)
    return box


def _optional(text: str) -> str | None:
    return text.strip() or None


def resident_summary(row: ResidentRow) -> str:
    age = f", {row.age}" if row.age is not None else ""
    group = terms.label(terms.RESIDENT_GROUP, row.resident_group)
    return f"{row.full_name} ({row.code}{age}) — {group}"


class AdmissionDialog(FormDialog):
    """Tiếp nhận: regular (long-term) or emergency, which may last three months at most."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Admit a resident"), self.tr("Admit"), parent)
        self.person = PersonChooser(ui)
        self.add_row("person", self.tr("Person"), self.person)
        self.admission_type = _combo(
            [(a.value, terms.label(terms.ADMISSION_TYPE, a)) for a in AdmissionType]
        )
        self.add_row("admission_type", self.tr("Kind of admission"), self.admission_type)
        self.group = _combo(
            [(g.value, terms.label(terms.RESIDENT_GROUP, g)) for g in ResidentGroup]
        )
        self.add_row("resident_group", self.tr("Group"), self.group)
        self.admitted_on = DateField(ui.services.ctx.today())
        self.add_row("admitted_on", self.tr("Admitted on"), self.admitted_on)
        self.deadline = QLabel()
        self.deadline.setProperty("role", "warning")
        self.deadline.setWordWrap(True)
        self.add_note(self.deadline)
        self.decision_number = QLineEdit()
        self.decision_number.setMaxLength(40)
        self.decision_number.setPlaceholderText(self.tr("e.g. 45/QĐ-SYT"))
        self.add_row("decision_number", self.tr("Decision number"), self.decision_number)
        self.referred_by = QLineEdit()
        self.referred_by.setMaxLength(200)
        self.referred_by.setPlaceholderText(self.tr("e.g. Công an xã An Phú, UBND xã…"))
        self.add_row("referred_by", self.tr("Referred by"), self.referred_by)
        self.needs = _text_box()
        self.add_row("needs_assessment", self.tr("Needs assessment"), self.needs)
        self.plan = _text_box()
        self.add_row("support_plan", self.tr("Support plan"), self.plan)
        self.admission_type.currentIndexChanged.connect(self._type_changed)
        self.admitted_on.dateChanged.connect(lambda _d: self._update_deadline())
        self._type_changed()
        self.fit_to_screen(680)

    def is_emergency(self) -> bool:
        return self.admission_type.currentData() == AdmissionType.EMERGENCY.value

    def _type_changed(self) -> None:
        if self.is_emergency():
            self.group.setCurrentIndex(self.group.findData(ResidentGroup.EMERGENCY.value))
        self._update_deadline()

    def _update_deadline(self) -> None:
        if not self.is_emergency():
            self.deadline.hide()
            return
        self.deadline.setText(
            self.tr("At most {months} months: until {date}").format(
                months=EMERGENCY_STAY_MONTHS,
                date=date_text(emergency_deadline(self.admitted_on.value())),
            )
        )
        self.deadline.show()
        self.grow_to_fit()

    def request(self) -> Callable[[], object] | None:
        person = self.person.person
        if person is None:
            self.show_field_error("person", self.tr("Choose the person to admit."))
            return None
        facility = self.ui.services.facility
        kind = AdmissionType(self.admission_type.currentData())
        group = ResidentGroup(self.group.currentData())
        day = self.admitted_on.value()
        number = _optional(self.decision_number.text())
        referred = _optional(self.referred_by.text())
        needs, plan = _optional(self.needs.toPlainText()), _optional(self.plan.toPlainText())
        return lambda: facility.admit(
            person.id,
            kind,
            group,
            day,
            decision_number=number,
            referred_by=referred,
            needs_assessment=needs,
            support_plan=plan,
        )


class DischargeDialog(FormDialog):
    """Cho ra khỏi cơ sở; for a death the funeral support is computed and shown first."""

    def __init__(self, ui: UiContext, resident: ResidentRow, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Discharge from the facility"), self.tr("Discharge"), parent)
        self.resident = resident
        summary = QLabel(resident_summary(resident))
        summary.setWordWrap(True)
        self.add_row(None, self.tr("Resident"), summary)
        self.reason = _combo(
            [(r.value, terms.label(terms.DISCHARGE_REASON, r)) for r in DischargeReason]
        )
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.discharged_on = DateField(ui.services.ctx.today())
        self.add_row("discharged_on", self.tr("Date (of death, for a death)"), self.discharged_on)
        self.funeral = QLabel()
        self.funeral.setObjectName("computed_amount")
        self.funeral.setWordWrap(True)
        self.add_note(self.funeral)
        self.recipient = QLineEdit()
        self.recipient.setMaxLength(100)
        self.add_row("funeral_recipient", self.tr("Funeral support paid to"), self.recipient)
        self.destination = QLineEdit()
        self.destination.setMaxLength(200)
        self.add_row("destination", self.tr("Going to / received by"), self.destination)
        self.note = _text_box()
        self.add_row("note", self.tr("Note"), self.note)
        self._preview_number = 0
        self.reason.currentIndexChanged.connect(self.refresh_preview)
        self.discharged_on.dateChanged.connect(lambda _d: self.refresh_preview())
        self.refresh_preview()
        self.fit_to_screen(640)

    def is_death(self) -> bool:
        return self.reason.currentData() == DischargeReason.DEATH.value

    def refresh_preview(self) -> None:
        self._preview_number += 1
        number_now = self._preview_number
        death = self.is_death()
        self.set_row_visible("funeral_recipient", death)
        self.set_row_visible("destination", not death)
        self.funeral.setVisible(death)
        if not death:
            self.funeral.clear()
            return
        facility = self.ui.services.facility
        day = self.discharged_on.value()

        def shown(support: Support) -> None:
            if number_now == self._preview_number:
                self.funeral.setText(terms.funeral_text(support))
                self.grow_to_fit()

        def failed(error: BaseException) -> None:
            if number_now == self._preview_number:
                self.funeral.setText(error_text(error))

        self.ui.runner.run(lambda: facility.funeral_preview(day), shown, failed)

    def request(self) -> Callable[[], object] | None:
        facility = self.ui.services.facility
        residency_id = self.resident.residency_id
        day, reason = self.discharged_on.value(), DischargeReason(self.reason.currentData())
        death = self.is_death()
        destination = None if death else _optional(self.destination.text())
        note = _optional(self.note.toPlainText())
        recipient = _optional(self.recipient.text()) if death else None
        return lambda: facility.discharge(
            residency_id, day, reason, destination, note, funeral_recipient=recipient
        )


class CareLogDialog(FormDialog):
    """Nhật ký chăm sóc: a health check, physiotherapy, education, training or a visit."""

    def __init__(self, ui: UiContext, resident: ResidentRow, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Add to the care log"), self.tr("Save"), parent)
        self.resident = resident
        summary = QLabel(resident_summary(resident))
        summary.setWordWrap(True)
        self.add_row(None, self.tr("Resident"), summary)
        self.kind = _combo([(k.value, terms.label(terms.CARE_LOG_KIND, k)) for k in CareLogKind])
        self.add_row("kind", self.tr("Kind"), self.kind)
        self.occurred_on = DateField(ui.services.ctx.today())
        self.add_row("occurred_on", self.tr("Date"), self.occurred_on)
        self.summary = _text_box()
        self.summary.setPlaceholderText(self.tr("What was done, what was found…"))
        self.add_row("summary", self.tr("Content"), self.summary)
        self.staff = QLineEdit()
        self.staff.setMaxLength(100)
        self.add_row("staff_name", self.tr("Staff member"), self.staff)
        self.fit_to_screen(600)

    def request(self) -> Callable[[], object] | None:
        facility = self.ui.services.facility
        residency_id = self.resident.residency_id
        kind, day = CareLogKind(self.kind.currentData()), self.occurred_on.value()
        text, staff = self.summary.toPlainText(), _optional(self.staff.text())
        return lambda: facility.add_care_log(residency_id, kind, day, text, staff)


class ConvertDialog(FormDialog):
    """An emergency case that must stay longer becomes long-term care by a decision."""

    def __init__(self, ui: UiContext, resident: ResidentRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, self.tr("Change to long-term care"), self.tr("Change to long-term care"), parent
        )
        self.resident = resident
        summary = QLabel(resident_summary(resident))
        summary.setWordWrap(True)
        self.add_row(None, self.tr("Resident"), summary)
        self.decision_number = QLineEdit()
        self.decision_number.setMaxLength(40)
        self.add_row("decision_number", self.tr("Decision number"), self.decision_number)
        self.fit_to_screen(560)

    def request(self) -> Callable[[], object] | None:
        number = self.decision_number.text().strip()
        if not number:
            self.show_field_error("decision_number", self.tr("Enter the decision number."))
            return None
        facility = self.ui.services.facility
        residency_id = self.resident.residency_id
        return lambda: facility.convert_to_regular(residency_id, number)


class CapacityDialog(FormDialog):
    def __init__(self, ui: UiContext, capacity: int, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Facility capacity"), self.tr("Save"), parent)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 10_000)
        self.capacity.setValue(capacity)
        self.capacity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.add_row("capacity", self.tr("Places"), self.capacity)
        self.fit_to_screen(420)

    def request(self) -> Callable[[], object] | None:
        facility = self.ui.services.facility
        value = self.capacity.value()
        return lambda: facility.set_capacity(value)
