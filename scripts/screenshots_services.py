"""Screenshots of the allowance, facility and emergency screens at 1366×768.

Each step is a (name, callable) pair: the callable gets the `Studio` (demo databases with a
fixed "today", the main windows) and returns the pixmap to save as docs/screenshots/NAME.png.
An open dialog is drawn over its window, as the user sees it (the studio, the drawing and the
command line are scripts/screenshot_kit.py). Run offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_services.py [OUT_DIR]
        [--font-points 11] [--suffix ""] [--only NAME ...]
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox
from screenshot_kit import (  # scripts/ is on the path when run
    COMMUNE,
    TODAY,
    Scene,
    Step,
    Studio,
    run,
    with_dialog,
)
from screenshots_security import SECURITY_STEPS

from btxh_desktop.domain.codes import (
    AdmissionType,
    CareLogKind,
    DisabilityLevel,
    HouseholdStatus,
    PaymentMethod,
    ResidentGroup,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.ui.dialogs import allowance_dialogs as dialogs
from btxh_desktop.ui.views.allowance_view import AllowancePage
from btxh_desktop.ui.views.emergency_view import EmergencyPage
from btxh_desktop.ui.views.facility_view import FacilityPage

# ---------------------------------------------------------------------- data


def person(services: Services, name: str, birth: PartialDate, sex: Sex = Sex.FEMALE) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=sex, commune_code=COMMUNE)
    return services.people.create(draft).id


def commune_data(services: Services, folder: Path) -> dict[str, str]:
    services.demo.generate(140, seed=7)
    allowance = services.allowance
    # Died in September, recorded in November after October was paid: recovered in November.
    elderly = person(services, "Hoàng Văn Sơn", PartialDate(1938, 2, 2), Sex.MALE)
    services.people.set_household_status(elderly, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    stopped = allowance.apply(elderly, "K5a", dt.date(2026, 5, 2))
    allowance.decide(stopped, "98/QĐ-UBND", dt.date(2026, 6, 1), "Chủ tịch UBND phường")
    for month in ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10"):
        allowance.finalise_payment_list(Month.parse(month))
    allowance.stop(stopped, dt.date(2026, 9, 20), "death", "230/QĐ-UBND", dt.date(2026, 11, 5))
    child = person(services, "Trần Thị Bảo Ngọc", PartialDate(2023, 3, 10))
    allowance.apply(child, "K1", dt.date(2026, 11, 9), sub_case="orphaned_both")
    disabled = person(services, "Lê Văn Khải", PartialDate(1979, 5, 1), Sex.MALE)
    services.people.save_disability(
        disabled,
        DisabilityDraft(
            disability_type=1,
            level=DisabilityLevel.PARTICULARLY_SEVERE,
            assessed_on=dt.date(2026, 8, 10),
            certificate_issued_on=dt.date(2026, 8, 12),
        ),
    )
    case = allowance.apply(
        disabled,
        "K6",
        dt.date(2026, 8, 20),
        payment_method=PaymentMethod.BANK,
        account_number="3601205123456",
        bank_name="Agribank",
    )
    allowance.decide(case, "215/QĐ-UBND", dt.date(2026, 11, 3), "Chủ tịch UBND phường")

    emergency = services.emergency
    tet = emergency.create_event("Hỗ trợ gạo Tết Nguyên đán Bính Ngọ", "tet", dt.date(2026, 1, 20))
    flood = emergency.create_event("Lũ lụt tháng 10/2026", "flood", dt.date(2026, 10, 18))
    for head, size in (("Nguyễn Văn Hùng", 5), ("Phạm Thị Lựu", 3), ("Đỗ Văn Tư", 4)):
        rice = emergency.suggested_rice("tet", size, dt.date(2026, 1, 25))
        emergency.distribute(
            tet, head, size, "rice", dt.date(2026, 1, 25), rice_kg=Decimal(rice.kg)
        )
    for head, size in (("Võ Thị Mận", 4), ("Bùi Văn Đông", 6), ("Lý Thị Hoa", 2)):
        rice = emergency.suggested_rice("flood", size, dt.date(2026, 10, 22), months=3)
        emergency.distribute(
            flood, head, size, "rice", dt.date(2026, 10, 22), rice_kg=Decimal(rice.kg)
        )
    emergency.distribute(
        flood,
        "Bùi Văn Đông",
        6,
        "housing_repair",
        dt.date(2026, 10, 25),
        cash_amount=20_000_000,
        note="Nhà tốc mái, sập tường bếp",
    )
    emergency.distribute(
        flood, "Trương Văn Lực", 1, "severe_injury", dt.date(2026, 10, 26), cash_amount=5_400_000
    )
    return {"Hoàng Văn Sơn": elderly, "Trần Thị Bảo Ngọc": child, "Lê Văn Khải": disabled}


def facility_data(services: Services, folder: Path) -> dict[str, str]:
    services.demo.generate(48, seed=3)
    facility = services.facility
    for name, birth, days, sex in (
        ("Nguyễn Văn Tí", PartialDate(2013, 6, 2), 80, Sex.MALE),
        ("Trần Thị Mơ", PartialDate(2011), 100, Sex.FEMALE),
    ):
        pid = person(services, name, birth, sex)
        facility.admit(
            pid,
            AdmissionType.EMERGENCY,
            ResidentGroup.EMERGENCY,
            TODAY - dt.timedelta(days=days),
            referred_by="Công an phường Sài Gòn",
            needs_assessment="Trẻ lang thang, cần chỗ ở tạm thời, khám sức khoẻ, học văn hoá.",
        )
    elderly = person(services, "Đặng Thị Lành", PartialDate(1932, 4))
    residency = facility.admit(
        elderly,
        AdmissionType.REGULAR,
        ResidentGroup.ELDERLY,
        dt.date(2021, 3, 15),
        decision_number="112/QĐ-SLĐTBXH",
        referred_by="UBND xã An Phú",
    )
    facility.add_care_log(
        residency, CareLogKind.HEALTH_CHECK, dt.date(2026, 10, 5), "Huyết áp 150/90, theo dõi"
    )
    facility.add_care_log(residency, CareLogKind.VISIT, dt.date(2026, 11, 1), "Cháu gái đến thăm")
    return {"Đặng Thị Lành": elderly}


# ---------------------------------------------------------------------- rendering


def allowance_page(studio: Studio) -> tuple[Scene, AllowancePage]:
    scene = studio.scene(SiteType.COMMUNE)
    page = scene.window.show_page("allowance")
    assert isinstance(page, AllowancePage)
    studio.settle(scene)
    return scene, page


def decision_preview(studio: Studio) -> QPixmap:
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.cases)
    applied = next(c for c in page.cases.model.rows if c.full_name == "Trần Thị Bảo Ngọc")
    page.cases.select_case(applied.id)
    studio.settle(scene)
    dialog = page.cases.open_decision()
    assert dialog is not None
    dialog.decision_number.setText("231/QĐ-UBND")
    dialog.signer.setText("Chủ tịch UBND phường Sài Gòn")
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def case_list(studio: Studio) -> QPixmap:
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.cases)
    stopped = next(c for c in page.cases.model.rows if c.full_name == "Hoàng Văn Sơn")
    page.cases.select_case(stopped.id)
    studio.settle(scene)
    return scene.window.grab()


def application_dialog(studio: Studio) -> QPixmap:
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.cases)
    dialog = page.cases.open_application()
    fields = dialog.fields
    fields.category.setCurrentIndex(fields.category.findData("K1"))
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def payment_list(studio: Studio) -> QPixmap:
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.payments)
    studio.settle(scene)
    payments = page.payments
    # Show the lines with back pay and recovery, which a screenshot of the top would miss.
    rows = payments.model.rows
    recovered = next(i for i, line in enumerate(rows) if line.full_name == "Hoàng Văn Sơn")
    back_paid = next(i for i, line in enumerate(rows) if line.full_name == "Lê Văn Khải")
    payments.table.scrollTo(
        payments.model.index(back_paid, 0), QAbstractItemView.ScrollHint.PositionAtBottom
    )
    payments.table.selectRow(recovered)
    studio.settle(scene)
    return scene.window.grab()


def finalise_confirmation(studio: Studio) -> QPixmap:
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.payments)
    studio.settle(scene)
    box = page.payments.confirm_finalise()
    assert isinstance(box, QMessageBox)
    studio.settle(scene)
    shot = with_dialog(scene.window, box)
    box.reject()
    return shot


def cancel_list_dialog(studio: Studio) -> QPixmap:
    """October's finalised list, nothing paid from it yet, with the cancel form over it."""
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.payments)
    payments = page.payments
    shown_month = payments.month.value()
    payments.month.set_value(Month(2026, 10))
    studio.settle(scene)
    dialog = payments.open_cancel_list()
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("people_missing_or_extra"))
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    payments.month.set_value(shown_month)
    studio.settle(scene)
    return shot


def payment_method_dialog(studio: Studio) -> QPixmap:
    """A mistyped account number refused, with what was typed kept for correcting."""
    scene, page = allowance_page(studio)
    page.tabs.setCurrentWidget(page.cases)
    bank = next(c for c in page.cases.model.rows if c.full_name == "Lê Văn Khải")
    page.cases.select_case(bank.id)
    studio.settle(scene)
    dialog = page.cases._open(dialogs.PaymentMethodDialog)
    assert isinstance(dialog, dialogs.PaymentMethodDialog)
    studio.settle(scene)
    dialog.account.setText("3601-205-12345O")
    dialog.bank.setText("Agribank chi nhánh Sài Gòn")
    dialog.submit()
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def facility_page(studio: Studio) -> tuple[Scene, FacilityPage]:
    scene = studio.scene(SiteType.FACILITY)
    page = scene.window.show_page("facility")
    assert isinstance(page, FacilityPage)
    studio.settle(scene)
    return scene, page


def facility_residents(studio: Studio) -> QPixmap:
    scene, page = facility_page(studio)
    row = next(r for r in page.model.rows if r.full_name == "Nguyễn Văn Tí")
    page.select_resident(row.residency_id)
    studio.settle(scene)
    return scene.window.grab()


def facility_care_log(studio: Studio) -> QPixmap:
    scene, page = facility_page(studio)
    row = next(r for r in page.model.rows if r.full_name == "Đặng Thị Lành")
    page.select_resident(row.residency_id)
    page.file_tabs.setCurrentIndex(2)
    studio.settle(scene)
    shot = scene.window.grab()
    page.file_tabs.setCurrentIndex(0)
    return shot


def admission_dialog(studio: Studio) -> QPixmap:
    scene, page = facility_page(studio)
    dialog = page.open_admission()
    dialog.admission_type.setCurrentIndex(dialog.admission_type.findData("emergency"))
    dialog.referred_by.setText("Công an phường Sài Gòn")
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def discharge_by_death(studio: Studio) -> QPixmap:
    scene, page = facility_page(studio)
    row = next(r for r in page.model.rows if r.full_name == "Đặng Thị Lành")
    page.select_resident(row.residency_id)
    studio.settle(scene)
    dialog = page.open_discharge()
    assert isinstance(dialog, QDialog)
    dialog.reason.setCurrentIndex(dialog.reason.findData("death"))
    dialog.discharged_on.set_value(dt.date(2026, 11, 14))
    dialog.recipient.setText("Đặng Văn Hải (con trai)")
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def emergency_page(studio: Studio) -> tuple[Scene, EmergencyPage]:
    scene = studio.scene(SiteType.COMMUNE)
    page = scene.window.show_page("emergency")
    assert isinstance(page, EmergencyPage)
    studio.settle(scene)
    return scene, page


def emergency_events(studio: Studio) -> QPixmap:
    scene, _page = emergency_page(studio)
    return scene.window.grab()


def distribution_dialog(studio: Studio) -> QPixmap:
    scene, page = emergency_page(studio)
    dialog = page.open_distribution()
    assert dialog is not None
    dialog.household_head.setText("Huỳnh Văn Tám")
    dialog.household_size.setValue(5)
    dialog.suggest()
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


STEPS: list[Step] = [
    ("allowance_cases", case_list),
    ("allowance_application", application_dialog),
    ("allowance_decision_preview", decision_preview),
    ("allowance_payment_list", payment_list),
    ("allowance_finalise", finalise_confirmation),
    ("allowance_cancel_list", cancel_list_dialog),
    ("allowance_payment_method", payment_method_dialog),
    ("facility_residents_emergency_warning", facility_residents),
    ("facility_care_log", facility_care_log),
    ("facility_admission_emergency", admission_dialog),
    ("facility_discharge_death", discharge_by_death),
    ("emergency_events", emergency_events),
    ("emergency_distribution", distribution_dialog),
    *SECURITY_STEPS,
]


DATA = {SiteType.COMMUNE: commune_data, SiteType.FACILITY: facility_data}


if __name__ == "__main__":
    sys.exit(run("screenshots_services", sys.argv[1:], STEPS, DATA))
