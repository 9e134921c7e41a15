"""From an alert to the ordinary service call, pre-filled; "done" and "snooze" with a reason;
and a read-only summary of the person for "open the record".

The action dialog asks only what the law or the service needs beyond what the alert already
knows: a decision number and date where a decision is required (an adjustment, a stop, a
decision on a dossier, a conversion to long-term care), the new card's number and dates.
Months and event dates come from the alert, so what is recorded is the policy engine's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.alerts import Action, ActionCode, Alert
from btxh_desktop.domain.codes import DischargeReason
from btxh_desktop.services.alerts import AckState, AlertRow
from btxh_desktop.services.allowance import CaseRow
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.storage.records import InsuranceCardRecord
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.widgets.form_kit import DateField, FormDialog, MonthField, error_text

ACTION_PERMISSIONS: dict[ActionCode, Permission] = {
    ActionCode.ADJUST: Permission.DECIDE,
    ActionCode.STOP: Permission.DECIDE,
    ActionCode.SUSPEND: Permission.DECIDE,
    ActionCode.DECIDE: Permission.DECIDE,
    ActionCode.FINALISE_PAYMENTS: Permission.APPROVE_PAYMENTS,
    ActionCode.RENEW_CARD: Permission.EDIT_PEOPLE,
    ActionCode.EXTEND_STAY: Permission.MANAGE_FACILITY,
    ActionCode.DISCHARGE: Permission.MANAGE_FACILITY,
    ActionCode.REVIEW: Permission.VIEW,
    ActionCode.CLEAR_DOCUMENTS: Permission.RECORD_APPLICATION,
}
SNOOZE_DAYS = 7


def _line(max_length: int, text: str = "") -> QLineEdit:
    field = QLineEdit(text)
    field.setMaxLength(max_length)
    return field


class AlertActionDialog(FormDialog):
    def __init__(
        self, ui: UiContext, row: AlertRow, action: Action, parent: QWidget | None = None
    ) -> None:
        title = i18n.t(f"alerts.action.{action.code.value}")
        super().__init__(ui, title, title, parent)
        self.row = row
        self.alert = row.alert
        self.action = action
        today = ui.services.ctx.today()
        who = QLabel(
            f"{row.full_name} ({row.person_code})" if row.alert.person_id else self.tr("Whole site")
        )
        self.add_row(None, self.tr("Person"), who)
        reason = QLabel(i18n.t(self.alert.reason, **dict(self.alert.params)))
        reason.setWordWrap(True)
        self.add_row(None, self.tr("Why"), reason)

        code = action.code
        self.month = MonthField(action.month)
        self.event_date = DateField(action.event_date or today)
        self.decision_number = _line(40)
        self.decision_date = DateField(today)
        self.signer = _line(100, self.tr("Chairperson of the commune People's Committee"))
        self.card_number = _line(20)
        self.valid_from = DateField(action.valid_from or today)
        self.valid_to = DateField(action.valid_to or today)
        self.hospital = _line(200)
        self.discharge_reason = QComboBox()
        for value in DischargeReason:
            self.discharge_reason.addItem(terms.label(terms.DISCHARGE_REASON, value), value.value)
        self.destination = _line(200)

        if code == ActionCode.ADJUST:
            if action.category:
                self.add_row(None, self.tr("New category"), QLabel(action.category))
            self.add_row("effective_month", self.tr("From month"), self.month)
            self.add_row(None, self.tr("New coefficient"), QLabel(self._coefficient_text()))
        if code == ActionCode.SUSPEND:
            self.add_row("effective_month", self.tr("From month"), self.month)
        if code == ActionCode.STOP:
            self.add_row("event_date", self.tr("Eligibility ended on"), self.event_date)
            self.add_row(None, self.tr("Stopped from month"), QLabel(i18n.month_text(action.month)))
        if code in (ActionCode.STOP, ActionCode.SUSPEND) and action.reason:
            self.add_row(
                None, self.tr("Reason"), QLabel(i18n.t(f"alerts.stop_reason.{action.reason.value}"))
            )
        if code in (
            ActionCode.ADJUST,
            ActionCode.STOP,
            ActionCode.SUSPEND,
            ActionCode.DECIDE,
            ActionCode.EXTEND_STAY,
        ):
            self.add_row("decision_number", self.tr("Decision number"), self.decision_number)
        if code in (ActionCode.ADJUST, ActionCode.STOP, ActionCode.SUSPEND, ActionCode.DECIDE):
            self.add_row("decision_date", self.tr("Decision date"), self.decision_date)
        if code == ActionCode.DECIDE:
            self.add_row("decision_signer", self.tr("Signed by"), self.signer)
        if code == ActionCode.FINALISE_PAYMENTS:
            self.add_row(None, self.tr("Payment list of"), QLabel(i18n.month_text(action.month)))
        if code == ActionCode.RENEW_CARD:
            self.add_row("card_number", self.tr("New card number"), self.card_number)
            self.add_row("valid_from", self.tr("Valid from"), self.valid_from)
            self.add_row("valid_to", self.tr("Valid to"), self.valid_to)
            self.add_row("registered_hospital", self.tr("Registered hospital"), self.hospital)
        if code == ActionCode.DISCHARGE:
            self.add_row("discharged_on", self.tr("Discharged on"), self.event_date)
            self.add_row("reason", self.tr("Reason"), self.discharge_reason)
            self.add_row("destination", self.tr("Going to / received by"), self.destination)
        self.fit_to_screen(620)

    def _coefficient_text(self) -> str:
        alert = self.alert
        if alert.new_coefficient is None or alert.new_amount is None:
            return ""
        return self.tr("{coefficient} ({amount} a month), as the rules give it").format(
            coefficient=i18n.number(alert.new_coefficient), amount=i18n.money(alert.new_amount)
        )

    def _required(self, key: str, field: QLineEdit, message: str) -> str | None:
        text = field.text().strip()
        if not text:
            self.show_field_error(key, message)
            return None
        return text

    def request(self) -> Callable[[], object] | None:
        services = self.ui.services
        action, alert = self.action, self.alert
        subject = alert.subject_ids[0] if alert.subject_ids else ""
        code = action.code
        needs_number = code in (
            ActionCode.ADJUST,
            ActionCode.STOP,
            ActionCode.DECIDE,
            ActionCode.EXTEND_STAY,
        )
        number: str | None = self.decision_number.text().strip() or None
        if needs_number:
            number = self._required(
                "decision_number", self.decision_number, self.tr("Enter the decision number.")
            )
            if number is None:
                return None
        decided_on = self.decision_date.value()
        if code == ActionCode.ADJUST:
            assert number is not None
            month, category = self.month.value(), action.category
            return lambda: services.allowance.adjust(
                subject, month, number, decided_on, category=category
            )
        if code == ActionCode.STOP:
            assert action.reason is not None
            event, why = self.event_date.value(), action.reason.value
            return lambda: services.allowance.stop(subject, event, why, number, decided_on)
        if code == ActionCode.SUSPEND:
            assert action.reason is not None
            month, why = self.month.value(), action.reason.value
            return lambda: services.allowance.suspend(subject, month, why, number, decided_on)
        if code == ActionCode.DECIDE:
            assert number is not None
            signer = self._required("decision_signer", self.signer, self.tr("Enter the signer."))
            if signer is None:
                return None
            return lambda: services.allowance.decide(subject, number, decided_on, signer)
        if code == ActionCode.FINALISE_PAYMENTS:
            assert action.month is not None
            month = action.month
            return lambda: services.allowance.finalise_payment_list(month)
        if code == ActionCode.RENEW_CARD:
            card = self._required(
                "card_number", self.card_number, self.tr("Enter the new card number.")
            )
            if card is None or alert.person_id is None:
                return None
            person_id, start, end = alert.person_id, self.valid_from.value(), self.valid_to.value()
            hospital = self.hospital.text().strip() or None
            return lambda: services.people.save_insurance_card(
                person_id, card, start, end, hospital
            )
        if code == ActionCode.EXTEND_STAY:
            assert number is not None
            return lambda: services.facility.convert_to_regular(subject, number)
        if code == ActionCode.DISCHARGE:
            day = self.event_date.value()
            reason = DischargeReason(self.discharge_reason.currentData())
            destination = self.destination.text().strip() or None
            return lambda: services.facility.discharge(subject, day, reason, destination)
        if code == ActionCode.CLEAR_DOCUMENTS:
            return lambda: services.allowance.set_document_follow_up(subject, None, None)
        return None


class AckDialog(FormDialog):
    """ "Done" or "snoozed until", always with the reason (the next officer reads it)."""

    def __init__(
        self, ui: UiContext, alert: Alert, state: AckState, parent: QWidget | None = None
    ) -> None:
        done = state == AckState.DONE
        title = self.tr("Mark as done") if done else self.tr("Snooze")
        super().__init__(ui, title, title, parent)
        self.alert = alert
        self.state = state
        what = QLabel(i18n.t(alert.reason, **dict(alert.params)))
        what.setWordWrap(True)
        self.add_row(None, self.tr("Alert"), what)
        self.until = DateField(ui.services.ctx.today() + dt.timedelta(days=SNOOZE_DAYS))
        if not done:
            self.add_row("until", self.tr("Show again on"), self.until)
        self.reason = _line(300)
        self.reason.setPlaceholderText(
            self.tr("What was done, or what we are waiting for")
            if done
            else self.tr("Why it can wait")
        )
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.fit_to_screen(560)

    def request(self) -> Callable[[], object] | None:
        reason = self.reason.text().strip()
        if not reason:
            self.show_field_error("reason", self.tr("Say why."))
            return None
        alerts, alert = self.ui.services.alerts, self.alert
        if self.state == AckState.DONE:
            return lambda: alerts.mark_done(alert, reason)
        until = self.until.value()
        return lambda: alerts.snooze(alert, until, reason)


@dataclass(frozen=True)
class _Summary:
    record: PersonRecord
    cases: list[CaseRow]
    cards: list[InsuranceCardRecord]


class PersonSummaryDialog(QDialog):
    """The person's record, read-only: who they are, their allowance, their cards."""

    def __init__(self, ui: UiContext, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(self.tr("Record"))
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(600, 420)
        services = ui.services

        def load() -> _Summary:
            return _Summary(
                services.people.get(person_id),
                services.allowance.cases(person_id=person_id),
                services.people.insurance_cards(person_id),
            )

        ui.runner.run(load, self._show, self._failed)

    def _show(self, summary: _Summary) -> None:
        draft = summary.record.draft
        commune = self.ui.services.ctx.reference.commune(draft.commune_code or "")
        rows = [
            (self.tr("Record code"), summary.record.code),
            (self.tr("Full name"), draft.full_name),
            (self.tr("Born"), i18n.partial_date_text(draft.birth)),
            (self.tr("Commune"), commune.name if commune else ""),
            (self.tr("Address"), draft.address_detail or ""),
        ]
        for case in summary.cases:
            rows.append(
                (
                    self.tr("Allowance"),
                    self.tr("{category}, coefficient {coefficient}, {amount} a month").format(
                        category=case.category,
                        coefficient=i18n.number(case.coefficient),
                        amount=i18n.money(case.monthly_amount),
                    ),
                )
            )
        for card in summary.cards:
            rows.append(
                (
                    self.tr("Health-insurance card"),
                    self.tr("{number}, valid to {day}").format(
                        number=card.card_number, day=i18n.date_text(card.valid_to)
                    ),
                )
            )
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            self.form.addRow(label, text)
        self.status.setText(
            self.tr("Changes to the record are made on the people and allowance screens.")
        )

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error))
