"""The Đồng bộ screen's dialogs and words: signing in to the server, typing a value to settle
a conflict, entering the account's code for offline bundles, and the Vietnamese names of the
synced records and their fields.

Values travel in their wire form (dates ISO, months `YYYY-MM`, decimals as text, codes in
English); `value_text` shows them as the rest of the GUI does (dd/MM/yyyy, 1.234.567 ₫,
"Nữ"). A typed value goes through `SyncService.parse_value`, which refuses what the field
cannot hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.bundle import BundleService
from btxh_desktop.services.sync import ConflictView
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui import i18n, person_terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.sync_runner import error_text as sync_error_text
from btxh_desktop.ui.widgets.form_kit import error_label, error_text

translate = QCoreApplication.translate

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_LOCAL_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LOCAL_MONTH = re.compile(r"(\d{1,2})/(\d{4})")

# ---------------------------------------------------------------------- names

ENTITY_LABELS: Mapping[str, Callable[[], str]] = {
    "person": lambda: translate("SyncTerms", "Person"),
    "guardian": lambda: translate("SyncTerms", "Guardian"),
    "disability_assessment": lambda: translate("SyncTerms", "Disability assessment"),
    "household_status": lambda: translate("SyncTerms", "Household status"),
    "other_income": lambda: translate("SyncTerms", "Other income"),
    "health_insurance_card": lambda: translate("SyncTerms", "Health insurance card"),
    "attachment": lambda: translate("SyncTerms", "Attached paper"),
    "facility": lambda: translate("SyncTerms", "Facility"),
    "residency": lambda: translate("SyncTerms", "Stay at the facility"),
    "care_log_entry": lambda: translate("SyncTerms", "Care log entry"),
    "allowance_case": lambda: translate("SyncTerms", "Allowance case"),
    "allowance_change": lambda: translate("SyncTerms", "Allowance change"),
    "payment": lambda: translate("SyncTerms", "Payment"),
    "care_support": lambda: translate("SyncTerms", "Care support"),
    "funeral_support": lambda: translate("SyncTerms", "Funeral support"),
    "emergency_event": lambda: translate("SyncTerms", "Emergency event"),
    "emergency_distribution": lambda: translate("SyncTerms", "Emergency distribution"),
}

# Fields whose name means the same on every record.
COMMON_FIELDS: Mapping[str, Callable[[], str]] = {
    "code": lambda: translate("SyncTerms", "Record code"),
    "full_name": lambda: translate("SyncTerms", "Full name"),
    "name": lambda: translate("SyncTerms", "Name"),
    "person_id": lambda: translate("SyncTerms", "Person"),
    "case_id": lambda: translate("SyncTerms", "Allowance case"),
    "event_id": lambda: translate("SyncTerms", "Emergency event"),
    "facility_id": lambda: translate("SyncTerms", "Facility"),
    "residency_id": lambda: translate("SyncTerms", "Stay at the facility"),
    "birth_year": lambda: translate("SyncTerms", "Year of birth"),
    "cccd": lambda: translate("SyncTerms", "Citizen ID (CCCD)"),
    "phone": lambda: translate("SyncTerms", "Phone"),
    "address": lambda: translate("SyncTerms", "Address"),
    "commune_code": lambda: translate("SyncTerms", "Commune"),
    "notes": lambda: translate("SyncTerms", "Notes"),
    "note": lambda: translate("SyncTerms", "Note"),
    "kind": lambda: translate("SyncTerms", "Kind"),
    "status": lambda: translate("SyncTerms", "Status"),
    "valid_from": lambda: translate("SyncTerms", "Valid from"),
    "valid_to": lambda: translate("SyncTerms", "Valid until"),
    "certificate_number": lambda: translate("SyncTerms", "Certificate number"),
    "monthly_amount": lambda: translate("SyncTerms", "Monthly amount"),
    "start_month": lambda: translate("SyncTerms", "From month"),
    "stop_month": lambda: translate("SyncTerms", "Stop month"),
    "end_month": lambda: translate("SyncTerms", "Until month"),
    "coefficient": lambda: translate("SyncTerms", "Coefficient"),
    "standard_level": lambda: translate("SyncTerms", "Standard level"),
    "amount": lambda: translate("SyncTerms", "Amount"),
    "decision_number": lambda: translate("SyncTerms", "Decision number"),
    "decision_date": lambda: translate("SyncTerms", "Decision date"),
    "death_date": lambda: translate("SyncTerms", "Date of death"),
    "paid_on": lambda: translate("SyncTerms", "Paid on"),
    "deleted_at": lambda: translate("SyncTerms", "Deleted"),
    "to_scope": lambda: translate("SyncTerms", "Moved to"),
}

FIELD_LABELS: Mapping[str, Mapping[str, Callable[[], str]]] = {
    "person": {
        "search_name": lambda: translate("SyncTerms", "Name for searching"),
        "other_name": lambda: translate("SyncTerms", "Other name"),
        "birth_month": lambda: translate("SyncTerms", "Month of birth"),
        "birth_day": lambda: translate("SyncTerms", "Day of birth"),
        "birth_precision": lambda: translate("SyncTerms", "Birth date known to"),
        "sex": lambda: translate("SyncTerms", "Sex"),
        "ethnicity_code": lambda: translate("SyncTerms", "Ethnic group"),
        "cccd_issued_on": lambda: translate("SyncTerms", "CCCD issued on"),
        "old_id_number": lambda: translate("SyncTerms", "Old ID number"),
        "address_detail": lambda: translate("SyncTerms", "Address"),
        "father_name": lambda: translate("SyncTerms", "Father's name"),
        "mother_name": lambda: translate("SyncTerms", "Mother's name"),
        "school_status": lambda: translate("SyncTerms", "Schooling"),
        "school_level": lambda: translate("SyncTerms", "School level"),
        "hiv_status": lambda: translate("SyncTerms", "HIV status"),
        "health_notes": lambda: translate("SyncTerms", "Health notes"),
    },
    "guardian": {
        "relationship": lambda: translate("SyncTerms", "Relationship"),
        "is_caregiver": lambda: translate("SyncTerms", "Is the carer"),
        "files_on_behalf": lambda: translate("SyncTerms", "Applies on their behalf"),
    },
    "disability_assessment": {
        "disability_type": lambda: translate("SyncTerms", "Type of disability"),
        "level": lambda: translate("SyncTerms", "Level of disability"),
        "assessed_on": lambda: translate("SyncTerms", "Assessed on"),
        "certificate_issued_on": lambda: translate("SyncTerms", "Certificate issued on"),
        "reassessment_due": lambda: translate("SyncTerms", "Reassessment due"),
    },
    "household_status": {
        "status": lambda: translate("SyncTerms", "Household status"),
    },
    "health_insurance_card": {
        "card_number": lambda: translate("SyncTerms", "Card number"),
        "registered_hospital": lambda: translate("SyncTerms", "Registered hospital"),
    },
    "attachment": {
        "title": lambda: translate("SyncTerms", "Title"),
        "filename": lambda: translate("SyncTerms", "File name"),
        "mime_type": lambda: translate("SyncTerms", "File type"),
        "sha256": lambda: translate("SyncTerms", "File fingerprint"),
        "size_bytes": lambda: translate("SyncTerms", "File size"),
    },
    "facility": {
        "capacity": lambda: translate("SyncTerms", "Capacity"),
    },
    "residency": {
        "admission_type": lambda: translate("SyncTerms", "Type of admission"),
        "resident_group": lambda: translate("SyncTerms", "Resident group"),
        "admitted_on": lambda: translate("SyncTerms", "Admitted on"),
        "admission_decision_number": lambda: translate("SyncTerms", "Admission decision"),
        "referred_by": lambda: translate("SyncTerms", "Referred by"),
        "needs_assessment": lambda: translate("SyncTerms", "Needs assessment"),
        "support_plan": lambda: translate("SyncTerms", "Support plan"),
        "discharged_on": lambda: translate("SyncTerms", "Left on"),
        "discharge_reason": lambda: translate("SyncTerms", "Reason for leaving"),
        "discharge_destination": lambda: translate("SyncTerms", "Went to"),
        "discharge_note": lambda: translate("SyncTerms", "Note on leaving"),
    },
    "care_log_entry": {
        "occurred_on": lambda: translate("SyncTerms", "Date"),
        "summary": lambda: translate("SyncTerms", "Summary"),
        "staff_name": lambda: translate("SyncTerms", "Staff member"),
    },
    "allowance_case": {
        "category": lambda: translate("SyncTerms", "Category"),
        "sub_case": lambda: translate("SyncTerms", "Specific case"),
        "other_categories": lambda: translate("SyncTerms", "Other categories"),
        "application_date": lambda: translate("SyncTerms", "Application date"),
        "submission_channel": lambda: translate("SyncTerms", "Submitted through"),
        "result_channel": lambda: translate("SyncTerms", "Result returned through"),
        "children_count": lambda: translate("SyncTerms", "Number of children"),
        "decision_signer": lambda: translate("SyncTerms", "Decision signed by"),
        "payment_method": lambda: translate("SyncTerms", "Payment method"),
        "payment_point": lambda: translate("SyncTerms", "Payment point"),
        "account_number": lambda: translate("SyncTerms", "Account number"),
        "bank_name": lambda: translate("SyncTerms", "Bank"),
        "documents_due": lambda: translate("SyncTerms", "Papers due"),
        "documents_note": lambda: translate("SyncTerms", "Papers note"),
    },
    "allowance_change": {
        "effective_month": lambda: translate("SyncTerms", "From month"),
        "reason": lambda: translate("SyncTerms", "Reason"),
        "old_coefficient": lambda: translate("SyncTerms", "Old coefficient"),
        "new_coefficient": lambda: translate("SyncTerms", "New coefficient"),
        "old_amount": lambda: translate("SyncTerms", "Old amount"),
        "new_amount": lambda: translate("SyncTerms", "New amount"),
        "to_commune_code": lambda: translate("SyncTerms", "To commune"),
    },
    "payment": {
        "month": lambda: translate("SyncTerms", "Month"),
        "payment_round": lambda: translate("SyncTerms", "Payment round"),
        "method": lambda: translate("SyncTerms", "Payment method"),
        "back_pay_from": lambda: translate("SyncTerms", "Back pay from"),
        "back_pay_to": lambda: translate("SyncTerms", "Back pay until"),
        "back_pay_months": lambda: translate("SyncTerms", "Months of back pay"),
        "back_pay_amount": lambda: translate("SyncTerms", "Back pay"),
        "recovery_amount": lambda: translate("SyncTerms", "Amount recovered"),
    },
    "care_support": {
        "carer_name": lambda: translate("SyncTerms", "Carer"),
        "carer_cccd": lambda: translate("SyncTerms", "Carer's CCCD"),
    },
    "funeral_support": {
        "in_facility": lambda: translate("SyncTerms", "Died in a facility"),
        "recipient_name": lambda: translate("SyncTerms", "Paid to"),
        "recipient_relationship": lambda: translate("SyncTerms", "Relationship of the recipient"),
    },
    "emergency_event": {
        "occurred_on": lambda: translate("SyncTerms", "Date"),
    },
    "emergency_distribution": {
        "household_head": lambda: translate("SyncTerms", "Head of household"),
        "household_size": lambda: translate("SyncTerms", "Household size"),
        "support_kind": lambda: translate("SyncTerms", "Kind of support"),
        "rice_kg": lambda: translate("SyncTerms", "Rice (kg)"),
        "cash_amount": lambda: translate("SyncTerms", "Cash"),
        "distributed_on": lambda: translate("SyncTerms", "Given on"),
    },
}

# Codes shown in words, as the screens that record them show them.
VALUE_LABELS: Mapping[tuple[str, str], terms.Labels] = {
    ("person", "sex"): terms.SEX,
    ("person", "school_status"): person_terms.SCHOOL_STATUS,
    ("person", "hiv_status"): person_terms.HIV_STATUS,
    ("household_status", "status"): person_terms.HOUSEHOLD_STATUS,
    ("attachment", "kind"): person_terms.ATTACHMENT_KIND,
    ("allowance_case", "status"): terms.CASE_STATUS,
    ("allowance_case", "payment_method"): terms.PAYMENT_METHOD,
    ("allowance_change", "kind"): terms.CHANGE_KIND,
    ("payment", "method"): terms.PAYMENT_METHOD,
    ("payment", "status"): terms.PAYMENT_STATUS,
    ("residency", "admission_type"): terms.ADMISSION_TYPE,
    ("residency", "resident_group"): terms.RESIDENT_GROUP,
    ("residency", "discharge_reason"): terms.DISCHARGE_REASON,
    ("care_log_entry", "kind"): terms.CARE_LOG_KIND,
    ("emergency_event", "kind"): terms.EVENT_KIND,
    ("emergency_distribution", "support_kind"): terms.SUPPORT_KIND,
}
MONEY_FIELDS = frozenset(
    {
        "amount",
        "monthly_amount",
        "standard_level",
        "cash_amount",
        "back_pay_amount",
        "recovery_amount",
        "old_amount",
        "new_amount",
    }
)


def entity_label(entity: str) -> str:
    found = ENTITY_LABELS.get(entity)
    return found() if found is not None else entity


def field_label(entity: str, field: str) -> str:
    """ "Họ và tên" for `full_name`; an unknown field (from a newer version) as it is."""
    found = FIELD_LABELS.get(entity, {}).get(field) or COMMON_FIELDS.get(field)
    return found() if found is not None else field


def fields_text(entity: str, fields: tuple[str, ...] | list[str]) -> str:
    return ", ".join(field_label(entity, f) for f in fields)


def value_text(entity: str, field: str, value: Any) -> str:
    """A wire value as the rest of the GUI shows it."""
    if value is None or value == "" or value == []:
        return translate("SyncTerms", "(empty)")
    if isinstance(value, bool):
        return translate("SyncTerms", "Yes") if value else translate("SyncTerms", "No")
    if isinstance(value, list):
        return ", ".join(value_text(entity, field, v) for v in value)
    labels = VALUE_LABELS.get((entity, field))
    if labels is not None and isinstance(value, str):
        return terms.label(labels, value)
    if field in MONEY_FIELDS:
        try:
            return i18n.money(int(value))
        except (TypeError, ValueError):
            return str(value)
    if isinstance(value, int):
        return str(value)
    if "coefficient" in field or field == "rice_kg":
        try:
            return i18n.number(float(str(value)))
        except ValueError:
            return str(value)
    text = str(value)
    if day := _ISO_DAY.fullmatch(text[:10]):
        return f"{day[3]}/{day[2]}/{day[1]}"
    if month := _ISO_MONTH.fullmatch(text):
        return f"{month[2]}/{month[1]}"
    return text


def editable_text(entity: str, field: str, value: Any) -> str:
    """A wire value as a person would type it back (dates dd/MM/yyyy, months MM/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    text = str(value)
    if day := _ISO_DAY.fullmatch(text):
        return f"{day[3]}/{day[2]}/{day[1]}"
    if month := _ISO_MONTH.fullmatch(text):
        return f"{month[2]}/{month[1]}"
    return text


def typed_to_wire_text(text: str) -> str:
    """What a person typed, with local dates made ISO for `parse_value`."""
    text = text.strip()
    if day := _LOCAL_DAY.fullmatch(text):
        try:
            return dt.date(int(day[3]), int(day[2]), int(day[1])).isoformat()
        except ValueError:
            return text
    if month := _LOCAL_MONTH.fullmatch(text):
        return f"{int(month[2]):04d}-{int(month[1]):02d}"
    return text


# ---------------------------------------------------------------------- signing in


def submit_buttons(
    dialog: QDialog, submit_text: str, cancel_text: str, on_submit: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """A default button named for what it does (`on_submit` decides whether to close) and a
    cancel button."""
    buttons = QDialogButtonBox()
    submit = QPushButton(submit_text)
    submit.setDefault(True)
    buttons.addButton(submit, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text)
    buttons.accepted.connect(on_submit)
    buttons.rejected.connect(dialog.reject)
    return buttons, submit


class ServerLoginDialog(QDialog):
    """The server password, asked once: only the token it earns is kept (in the keyring)."""

    def __init__(
        self, ui: UiContext, server_url: str, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(self.tr("Sign in to the sync server"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Enter the password of the server account. It is not stored on this PC: "
                "the server gives a sign-in key, kept in Windows' credential store."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("Server"), QLabel(server_url))
        form.addRow(self.tr("User name"), QLabel(username))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("server_password")
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        self.buttons, self.sign_in = submit_buttons(
            self, self.tr("Sign in"), self.tr("Cancel"), self.submit
        )
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            self.message.setText(self.tr("Enter the password."))
            self.message.show()
            return
        self.message.hide()
        self.sign_in.setEnabled(False)
        self.sign_in.setText(self.tr("Signing in…"))
        sync = self.ui.services.sync
        self.ui.runner.run(
            lambda: sync.login(password), self._signed_in, self._failed, network=True
        )

    def _signed_in(self, _info: object) -> None:
        self.password.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.sign_in.setEnabled(True)
        self.sign_in.setText(self.tr("Sign in"))
        self.password.selectAll()
        self.message.setText(sync_error_text(error))
        self.message.show()


# ---------------------------------------------------------------------- settling a conflict


class ResolveValueDialog(QDialog):
    """Settle a conflict with a value of one's own: both values stay in view while typing,
    and what the field cannot hold is refused here, before anything is queued."""

    def __init__(
        self, ui: UiContext, conflict: ConflictView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.conflict = conflict
        self.setWindowTitle(self.tr("Enter the correct value"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        entity, field = conflict.entity, conflict.field
        form.addRow(self.tr("Record"), QLabel(conflict.record_label))
        form.addRow(self.tr("Field"), QLabel(field_label(entity, field)))
        server = QLabel(value_text(entity, field, conflict.kept_value))
        server.setWordWrap(True)
        mine = QLabel(value_text(entity, field, conflict.proposed_value))
        mine.setWordWrap(True)
        form.addRow(self.tr("On the server"), server)
        form.addRow(self.tr("On this PC"), mine)
        labels = VALUE_LABELS.get((entity, field))
        self.choice: QComboBox | None = None
        self.edit: QLineEdit | None = None
        if labels is not None:
            self.choice = QComboBox()
            for code in labels:
                self.choice.addItem(terms.label(labels, code), code)
            index = self.choice.findData(conflict.kept_value)
            self.choice.setCurrentIndex(max(index, 0))
            form.addRow(self.tr("Correct value"), self.choice)
        else:
            self.edit = QLineEdit(editable_text(entity, field, conflict.kept_value))
            self.edit.setObjectName("resolve_value")
            self.edit.selectAll()
            form.addRow(self.tr("Correct value"), self.edit)
        layout.addLayout(form)
        hint = QLabel(
            self.tr("Dates as dd/mm/yyyy, months as mm/yyyy, amounts in đồng without spaces.")
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        self.message = error_label()
        layout.addWidget(self.message)
        self.buttons, self.save = submit_buttons(
            self, self.tr("Use this value"), self.tr("Cancel"), self.submit
        )
        layout.addWidget(self.buttons)

    def typed(self) -> str:
        if self.choice is not None:
            return str(self.choice.currentData())
        assert self.edit is not None
        return typed_to_wire_text(self.edit.text())

    def submit(self) -> None:
        sync = self.ui.services.sync
        conflict_id, text = self.conflict.id, self.typed()
        self.save.setEnabled(False)
        self.message.hide()

        def resolve() -> None:
            sync.resolve_conflict(conflict_id, sync.parse_value(conflict_id, text), self)

        self.ui.runner.run(resolve, self._done, self._failed)

    def _done(self, _result: object) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        self.message.setText(error_text(error))
        self.message.show()


# ---------------------------------------------------------------------- the bundle code


class BundleKeyDialog(QDialog):
    """The code the province issued for the account (`btxh-server bundle key`), typed once
    from paper. A mistyped code is refused here, at once, and what was typed stays in the
    box to be corrected rather than typed again."""

    def __init__(self, ui: UiContext, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(self.tr("Bundle code for USB sync"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Type the code the province gave with the server account, as it is written "
                "(letters and digits in groups of five; the dashes may be left out). It is "
                "kept in Windows' credential store, like the sign-in key."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.username = QLineEdit(username)
        self.username.setObjectName("bundle_username")
        self.code = QLineEdit()
        self.code.setObjectName("bundle_code")
        self.code.setPlaceholderText("ABCDE-FGHIJ-…")
        form.addRow(self.tr("Server account"), self.username)
        form.addRow(self.tr("Bundle code"), self.code)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        self.buttons, self.save = submit_buttons(
            self, self.tr("Save the code"), self.tr("Cancel"), self.submit
        )
        layout.addWidget(self.buttons)
        (self.code if username else self.username).setFocus()

    def submit(self) -> None:
        username, code = self.username.text().strip(), self.code.text()
        if not username:
            self._show(self.tr("Enter the server account the code belongs to."))
            return
        if not code.strip():
            self._show(self.tr("Enter the bundle code."))
            return
        self.message.hide()
        self.save.setEnabled(False)
        services = self.ui.services
        bundles = BundleService(services.ctx, services.sync)
        self.ui.runner.run(lambda: bundles.set_key(username, code), self._saved, self._failed)

    def _saved(self, _result: object) -> None:
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save.setEnabled(True)
        self._show(sync_error_text(error))
        self.code.setFocus()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
