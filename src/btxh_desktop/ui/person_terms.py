"""Words for the codes the people list, the person form and the dashboard show.

Codes shared with the allowance and facility screens (sex, case status, resident group) come
from `assistance_terms`, so one code reads the same on every screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from btxh_desktop.domain.codes import HouseholdStatus, SchoolStatus
from btxh_desktop.services.dashboard import AGE_BANDS, OLDEST_BAND, UNKNOWN_AGE
from btxh_desktop.ui import i18n
from btxh_desktop.ui.assistance_terms import Labels

translate = QCoreApplication.translate

HOUSEHOLD_STATUS: Labels = {
    HouseholdStatus.POOR: lambda: translate("PersonTerms", "Poor household"),
    HouseholdStatus.NEAR_POOR: lambda: translate("PersonTerms", "Near-poor household"),
    HouseholdStatus.NOT_POOR: lambda: translate("PersonTerms", "Not poor"),
}
SCHOOL_STATUS: Labels = {
    SchoolStatus.NOT_IN_SCHOOL: lambda: translate("PersonTerms", "Not in school"),
    SchoolStatus.STUDYING: lambda: translate("PersonTerms", "Studying"),
    SchoolStatus.GRADUATED: lambda: translate("PersonTerms", "Finished school"),
}
HIV_STATUS: Labels = {
    "positive": lambda: translate("PersonTerms", "Living with HIV"),
    "negative": lambda: translate("PersonTerms", "Not living with HIV"),
}
ATTACHMENT_KIND: Labels = {
    "photo": lambda: translate("PersonTerms", "Photo"),
    "document": lambda: translate("PersonTerms", "Document"),
}
IN_RESIDENCE: Labels = {
    "yes": lambda: translate("PersonTerms", "Living here"),
    "no": lambda: translate("PersonTerms", "Left the facility"),
}
AGE_BAND: Labels = {
    AGE_BANDS[0][0]: lambda: translate("PersonTerms", "Under 4"),
    AGE_BANDS[1][0]: lambda: translate("PersonTerms", "4–15"),
    AGE_BANDS[2][0]: lambda: translate("PersonTerms", "16–21"),
    AGE_BANDS[3][0]: lambda: translate("PersonTerms", "22–59"),
    AGE_BANDS[4][0]: lambda: translate("PersonTerms", "60–79"),
    OLDEST_BAND: lambda: translate("PersonTerms", "80 and over"),
    UNKNOWN_AGE: lambda: translate("PersonTerms", "Age unknown"),
}
# Under a chart's bars, where "Dưới 4 tuổi" would be cut short.
AGE_BAND_SHORT: Labels = {
    AGE_BANDS[0][0]: lambda: "0–3",
    AGE_BANDS[1][0]: lambda: "4–15",
    AGE_BANDS[2][0]: lambda: "16–21",
    AGE_BANDS[3][0]: lambda: "22–59",
    AGE_BANDS[4][0]: lambda: "60–79",
    OLDEST_BAND: lambda: "≥ 80",
    UNKNOWN_AGE: lambda: translate("PersonTerms", "Unknown"),
}
DUPLICATE_REASON: Labels = {
    "same_cccd": lambda: translate("PersonTerms", "Same citizen ID (CCCD) number"),
    "same_name_birth_year_commune": lambda: translate(
        "PersonTerms", "Same name, year of birth and commune"
    ),
}


def count(value: int) -> str:
    """A whole number grouped by thousands: `12.345` in Vietnamese, `12,345` in English."""
    digits = f"{value:,}"
    return digits.replace(",", ".") if i18n.language() == "vi" else digits
