"""Words for the codes the allowance, facility and emergency screens show.

Stored values are English codes (`post_office`, `emergency`); people read them in the GUI's
language. Each lookup translates at call time, so a language change needs no restart of the
mapping, and lupdate finds every literal in `translate("AssistanceTerms", ...)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from btxh_desktop.domain.codes import (
    AdmissionType,
    CareLogKind,
    CaseChangeKind,
    CaseStatus,
    DischargeReason,
    PaymentMethod,
    PaymentStatus,
    ResidentGroup,
    Sex,
)
from btxh_desktop.domain.policy import CategoryInfo, Step, Support
from btxh_desktop.ui import i18n

# lupdate finds `translate("Context", "literal")` calls, so every label spells one out.
translate = QCoreApplication.translate

Labels = Mapping[str, Callable[[], str]]

CASE_STATUS: Labels = {
    CaseStatus.APPLIED: lambda: translate("AssistanceTerms", "Awaiting decision"),
    CaseStatus.ACTIVE: lambda: translate("AssistanceTerms", "Receiving"),
    CaseStatus.SUSPENDED: lambda: translate("AssistanceTerms", "Suspended"),
    CaseStatus.STOPPED: lambda: translate("AssistanceTerms", "Stopped"),
    CaseStatus.MOVED: lambda: translate("AssistanceTerms", "Moved to another commune"),
    CaseStatus.REJECTED: lambda: translate("AssistanceTerms", "Not approved"),
}
CHANGE_KIND: Labels = {
    CaseChangeKind.DECIDE: lambda: translate("AssistanceTerms", "Decision"),
    CaseChangeKind.ADJUST: lambda: translate("AssistanceTerms", "Adjustment"),
    CaseChangeKind.SUSPEND: lambda: translate("AssistanceTerms", "Suspension"),
    CaseChangeKind.RESUME: lambda: translate("AssistanceTerms", "Resumption"),
    CaseChangeKind.STOP: lambda: translate("AssistanceTerms", "Stop"),
    CaseChangeKind.MOVE: lambda: translate("AssistanceTerms", "Move to another commune"),
    CaseChangeKind.REJECT: lambda: translate("AssistanceTerms", "Not approved"),
}
PAYMENT_METHOD: Labels = {
    PaymentMethod.POST_OFFICE: lambda: translate("AssistanceTerms", "Post office"),
    PaymentMethod.BANK: lambda: translate("AssistanceTerms", "Bank account"),
    PaymentMethod.EWALLET: lambda: translate("AssistanceTerms", "E-wallet"),
    PaymentMethod.CASH: lambda: translate("AssistanceTerms", "Cash"),
}
PAYMENT_STATUS: Labels = {
    PaymentStatus.PLANNED: lambda: translate("AssistanceTerms", "To be paid"),
    PaymentStatus.PAID: lambda: translate("AssistanceTerms", "Paid"),
    PaymentStatus.NOT_COLLECTED: lambda: translate("AssistanceTerms", "Not collected"),
}
# Reasons are stored as these codes (a free-text reason would not fit the 40-character column
# nor read the same in both languages).
SUSPEND_REASON: Labels = {
    "not_collected_3_months": lambda: translate(
        "AssistanceTerms", "Did not collect the allowance for 3 months"
    ),
    "refused_reassessment": lambda: translate(
        "AssistanceTerms", "Refused the review of eligibility"
    ),
    "custody": lambda: translate(
        "AssistanceTerms", "Held in custody or serving a sentence for a month or more"
    ),
    "other": lambda: translate("AssistanceTerms", "Other reason"),
}
STOP_REASON: Labels = {
    "death": lambda: translate("AssistanceTerms", "Died"),
    "missing": lambda: translate("AssistanceTerms", "Declared missing"),
    "no_longer_eligible": lambda: translate("AssistanceTerms", "No longer eligible"),
    "imprisoned": lambda: translate("AssistanceTerms", "Serving a prison sentence"),
    "refused": lambda: translate("AssistanceTerms", "Refused the allowance"),
    "other": lambda: translate("AssistanceTerms", "Other reason"),
}
REJECT_REASON: Labels = {
    "not_eligible": lambda: translate("AssistanceTerms", "Does not meet the conditions"),
    "incomplete": lambda: translate("AssistanceTerms", "Dossier incomplete"),
    "withdrawn": lambda: translate("AssistanceTerms", "Application withdrawn"),
    "other": lambda: translate("AssistanceTerms", "Other reason"),
}
ADMISSION_TYPE: Labels = {
    AdmissionType.REGULAR: lambda: translate("AssistanceTerms", "Long-term care"),
    AdmissionType.EMERGENCY: lambda: translate("AssistanceTerms", "Emergency"),
}
# For a table column, where "Nuôi dưỡng thường xuyên" would take the room of a date.
ADMISSION_TYPE_SHORT: Labels = {
    AdmissionType.REGULAR: lambda: translate("AssistanceTerms", "Long-term"),
    AdmissionType.EMERGENCY: lambda: translate("AssistanceTerms", "Emergency"),
}
RESIDENT_GROUP: Labels = {
    ResidentGroup.CHILD: lambda: translate("AssistanceTerms", "Children"),
    ResidentGroup.ELDERLY: lambda: translate("AssistanceTerms", "Elderly"),
    ResidentGroup.DISABILITY: lambda: translate("AssistanceTerms", "People with disabilities"),
    ResidentGroup.MENTAL_ILLNESS: lambda: translate("AssistanceTerms", "Mental illness"),
    ResidentGroup.EMERGENCY: lambda: translate("AssistanceTerms", "Emergency protection"),
    ResidentGroup.VOLUNTARY: lambda: translate("AssistanceTerms", "Voluntary (contract)"),
}
DISCHARGE_REASON: Labels = {
    DischargeReason.RETURN_FAMILY: lambda: translate("AssistanceTerms", "Returned to family"),
    DischargeReason.SUBSTITUTE_FAMILY: lambda: translate(
        "AssistanceTerms", "Placed with a substitute family"
    ),
    DischargeReason.ADOPTION: lambda: translate("AssistanceTerms", "Adopted"),
    DischargeReason.TRANSFER: lambda: translate(
        "AssistanceTerms", "Transferred to another facility"
    ),
    DischargeReason.DEATH: lambda: translate("AssistanceTerms", "Died"),
    DischargeReason.SELF_SUPPORTING: lambda: translate(
        "AssistanceTerms", "Able to live independently"
    ),
    DischargeReason.OTHER: lambda: translate("AssistanceTerms", "Other reason"),
}
CARE_LOG_KIND: Labels = {
    CareLogKind.HEALTH_CHECK: lambda: translate("AssistanceTerms", "Health check"),
    CareLogKind.PHYSIOTHERAPY: lambda: translate("AssistanceTerms", "Physiotherapy"),
    CareLogKind.EDUCATION: lambda: translate("AssistanceTerms", "Education"),
    CareLogKind.VOCATIONAL: lambda: translate("AssistanceTerms", "Vocational training"),
    CareLogKind.VISIT: lambda: translate("AssistanceTerms", "Family visit"),
    CareLogKind.OTHER: lambda: translate("AssistanceTerms", "Other"),
}
SEX: Labels = {
    Sex.MALE: lambda: translate("AssistanceTerms", "Male"),
    Sex.FEMALE: lambda: translate("AssistanceTerms", "Female"),
    Sex.UNKNOWN: lambda: translate("AssistanceTerms", "Unknown"),
}
EVENT_KIND: Labels = {
    "tet": lambda: translate("AssistanceTerms", "Lunar New Year (Tết)"),
    "flood": lambda: translate("AssistanceTerms", "Flood"),
    "storm": lambda: translate("AssistanceTerms", "Storm"),
    "landslide": lambda: translate("AssistanceTerms", "Landslide"),
    "drought": lambda: translate("AssistanceTerms", "Drought"),
    "fire": lambda: translate("AssistanceTerms", "Fire"),
    "epidemic": lambda: translate("AssistanceTerms", "Epidemic"),
    "other": lambda: translate("AssistanceTerms", "Other"),
}
SUPPORT_KIND: Labels = {
    "rice": lambda: translate("AssistanceTerms", "Rice"),
    "cash": lambda: translate("AssistanceTerms", "Cash"),
    "severe_injury": lambda: translate("AssistanceTerms", "Severe injury"),
    "death_or_missing": lambda: translate("AssistanceTerms", "Death or missing person"),
    "housing_rebuild": lambda: translate("AssistanceTerms", "House destroyed: rebuilding"),
    "housing_relocation": lambda: translate("AssistanceTerms", "Emergency relocation of a house"),
    "housing_repair": lambda: translate("AssistanceTerms", "Badly damaged house: repair"),
    "other": lambda: translate("AssistanceTerms", "Other"),
}


def label(labels: Labels, code: str | None) -> str:
    """The word for `code`; an unknown code (from a newer version, via sync) shows as is."""
    if code is None:
        return ""
    found = labels.get(code)
    return found() if found is not None else code


def category_name(info: CategoryInfo) -> str:
    return info.name_vi if i18n.language() == "vi" else info.name_en


def sub_case_name(info: CategoryInfo, code: str | None) -> str:
    for sub in info.sub_cases:
        if sub.code == code:
            return sub.name_vi if i18n.language() == "vi" else sub.name_en
    return code or ""


def funeral_text(support: Support) -> str:
    """ "Hỗ trợ mai táng: 27.000.000 ₫ (50 × 540.000 ₫)"."""
    amount = translate("AssistanceTerms", "Funeral support: {amount}").format(
        amount=i18n.money(support.amount)
    )
    if support.coefficient is None or support.standard_level is None:
        return amount
    return f"{amount} ({i18n.number(support.coefficient)} × {i18n.money(support.standard_level)})"


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def step_text(step: Step) -> str:
    """One line of the policy engine's explanation, with its dates written dd/MM/yyyy and
    its months MM/yyyy (the engine speaks ISO, as data does)."""
    return i18n.t(step.code, **{name: _local(value) for name, value in step.params.items()})


def _local(value: object) -> object:
    if isinstance(value, str):
        if day := _ISO_DAY.fullmatch(value):
            return f"{day[3]}/{day[2]}/{day[1]}"
        if month := _ISO_MONTH.fullmatch(value):
            return f"{month[2]}/{month[1]}"
    return value
