"""Cơ sở driven through the widgets on a facility site with a real database: admission
(emergency limit shown and warned), resident file, care log, discharge by death with funeral
support, census by group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import (
    AdmissionType,
    CareLogKind,
    DischargeReason,
    ResidentGroup,
    Role,
    Sex,
)
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import ChoosePersonDialog
from btxh_desktop.ui.dialogs.facility_dialogs import (
    AdmissionDialog,
    CapacityDialog,
    CareLogDialog,
    ConvertDialog,
    DischargeDialog,
)
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.models.facility_models import ResidentTableModel
from btxh_desktop.ui.models.rows_model import DANGER_BACKGROUND, WARNING_BACKGROUND
from btxh_desktop.ui.views.facility_view import FacilityPage
from tests.conftest import TODAY
from tests.ui.assistance_support import click, settle

DAYS_COLUMN = ResidentTableModel.DAYS_COLUMN
LEFT_COLUMN = ResidentTableModel.DISCHARGE_COLUMN


@pytest.fixture
def facility_ui(facility_services: Services, qapp: object) -> Iterator[UiContext]:
    i18n.install("vi")
    context = UiContext.create(facility_services)
    yield context
    context.close()


@pytest.fixture
def facility_window(facility_ui: UiContext, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(facility_ui)
    qtbot.addWidget(main)
    main.show()
    settle(qtbot, facility_ui)
    yield main


def resident(
    services: Services,
    name: str,
    birth: PartialDate,
    group: ResidentGroup = ResidentGroup.ELDERLY,
    kind: AdmissionType = AdmissionType.REGULAR,
    admitted: dt.date = dt.date(2025, 6, 1),
) -> str:
    pid = services.people.create(PersonDraft(full_name=name, birth=birth, sex=Sex.MALE)).id
    return services.facility.admit(pid, kind, group, admitted)


def open_page(window: MainWindow, qtbot: QtBot, ui: UiContext) -> FacilityPage:
    page = window.show_page("facility")
    assert isinstance(page, FacilityPage)
    settle(qtbot, ui)
    return page


def test_a_facility_site_shows_its_screens(facility_window: MainWindow) -> None:
    titles = [facility_window.nav.item(i).text() for i in range(facility_window.nav.count())]
    assert "Cơ sở" in titles and "Trợ giúp đột xuất" in titles
    assert "Trợ cấp & chi trả" not in titles
    assert titles.index("Cơ sở") < titles.index("Trợ giúp đột xuất") < titles.index("Cài đặt")


def test_emergency_admission_shows_the_three_month_limit_and_warns(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    svc = facility_services
    svc.people.create(PersonDraft(full_name="Trẻ Lang Thang", birth=PartialDate(2014)))
    page = open_page(facility_window, qtbot, facility_ui)
    assert not page.banner.isVisible()

    click(qtbot, page.admit_button)
    dialog = page.findChild(AdmissionDialog)
    assert dialog is not None
    click(qtbot, dialog.submit_button)  # nobody chosen
    assert dialog.error_for("person").isVisible()
    click(qtbot, dialog.person.button)
    chooser = dialog.findChild(ChoosePersonDialog)
    assert chooser is not None
    chooser.search_now("lang thang")
    settle(qtbot, facility_ui)
    click(qtbot, chooser.choose_button)
    dialog.admission_type.setCurrentIndex(dialog.admission_type.findData("emergency"))
    assert dialog.group.currentData() == "emergency"
    admitted = TODAY - dt.timedelta(days=80)
    dialog.admitted_on.set_value(admitted)
    assert dialog.deadline.isVisible()
    assert dialog.deadline.text() == "Thời hạn tối đa 3 tháng: đến 28/11/2026"
    dialog.referred_by.setText("Công an phường")
    dialog.needs.setPlainText("Cần chỗ ở tạm thời, khám sức khoẻ")
    click(qtbot, dialog.submit_button)
    settle(qtbot, facility_ui)
    [row] = svc.facility.residents()
    assert (row.admission_type, row.admitted_on) == (AdmissionType.EMERGENCY, admitted)
    assert svc.facility.resident_file(row.residency_id).referred_by == "Công an phường"

    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    days = page.model.index(0, DAYS_COLUMN)
    assert days.data() == "còn 12 ngày"
    assert days.data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
    assert page.banner.isVisible()
    assert "1 trường hợp sẽ hết hạn trong 14 ngày tới" in page.banner.text()
    qtbot.waitUntil(lambda: page.fields["deadline"].text() == "28/11/2026")
    assert page.fields["referred_by"].text() == "Công an phường"
    assert page.needs.toPlainText() == "Cần chỗ ở tạm thời, khám sức khoẻ"

    resident(
        svc,
        "Em Quá Hạn",
        PartialDate(2012),
        ResidentGroup.EMERGENCY,
        AdmissionType.EMERGENCY,
        TODAY - dt.timedelta(days=100),
    )
    settle(qtbot, facility_ui)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    overdue = next(i for i in range(2) if page.model.row(i).full_name == "Em Quá Hạn")
    assert page.model.index(overdue, DAYS_COLUMN).data() == "quá hạn 8 ngày"
    assert (
        page.model.index(overdue, 0).data(Qt.ItemDataRole.BackgroundRole).color()
        == DANGER_BACKGROUND
    )
    assert "1 trường hợp tiếp nhận khẩn cấp đã quá thời hạn 3 tháng" in page.banner.text()


def test_discharge_by_death_shows_and_records_the_funeral_support(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    svc = facility_services
    residency = resident(svc, "Cụ Bà Năm", PartialDate(1930, 5))
    page = open_page(facility_window, qtbot, facility_ui)
    assert page.occupancy.text() == "1 đối tượng (chưa khai báo công suất)"
    page.select_resident(residency)
    click(qtbot, page.discharge_button)
    dialog = page.findChild(DischargeDialog)
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("death"))
    dialog.discharged_on.set_value(dt.date(2026, 11, 2))
    settle(qtbot, facility_ui)
    assert dialog.funeral.text() == "Hỗ trợ mai táng: 27.000.000 ₫ (50 × 540.000 ₫)"
    assert not dialog.destination.isVisible() and dialog.recipient.isVisible()
    dialog.recipient.setText("Nguyễn Văn Cháu")
    click(qtbot, dialog.submit_button)
    settle(qtbot, facility_ui)
    person_id = svc.facility.resident(residency).person_id
    assert svc.people.get(person_id).draft.death_date == dt.date(2026, 11, 2)
    assert svc.facility.residents() == []
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "27.000.000 ₫" in page.notice.text()
    assert page.occupancy.text() == "0 đối tượng (chưa khai báo công suất)"

    page.show_discharged.setChecked(True)
    settle(qtbot, facility_ui)
    assert page.model.rowCount() == 1
    assert page.model.index(0, LEFT_COLUMN).data() == "02/11/2026 — Đã mất"
    assert not page.table.isColumnHidden(LEFT_COLUMN)


def test_a_refused_discharge_date_keeps_the_dialog_and_saves_nothing(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    residency = resident(facility_services, "Cụ Ông Sáu", PartialDate(1935))
    page = open_page(facility_window, qtbot, facility_ui)
    page.select_resident(residency)
    click(qtbot, page.discharge_button)
    dialog = page.findChild(DischargeDialog)
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("return_family"))
    dialog.destination.setText("Con gái ở xã An Phú")
    dialog.discharged_on.set_value(dt.date(2025, 1, 1))  # before the admission
    click(qtbot, dialog.submit_button)
    settle(qtbot, facility_ui)
    assert dialog.isVisible()
    assert dialog.error_for("discharged_on").text() == "Ngày rời cơ sở trước ngày tiếp nhận"
    assert dialog.destination.text() == "Con gái ở xã An Phú"
    assert facility_services.facility.resident(residency).discharged_on is None


def test_care_log_plan_and_conversion_to_long_term_care(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    svc = facility_services
    residency = resident(
        svc,
        "Em Bảy",
        PartialDate(2013),
        ResidentGroup.EMERGENCY,
        AdmissionType.EMERGENCY,
        TODAY - dt.timedelta(days=30),
    )
    page = open_page(facility_window, qtbot, facility_ui)
    page.select_resident(residency)
    settle(qtbot, facility_ui)

    click(qtbot, page.add_log_button)
    log = page.findChild(CareLogDialog)
    assert log is not None
    log.kind.setCurrentIndex(log.kind.findData(CareLogKind.PHYSIOTHERAPY.value))
    click(qtbot, log.submit_button)  # no content
    settle(qtbot, facility_ui)
    assert log.error_for("summary").text() == "Bắt buộc nhập"
    log.summary.setPlainText("Tập vận động tay phải 30 phút")
    log.staff.setText("KTV Lan")
    click(qtbot, log.submit_button)
    settle(qtbot, facility_ui)
    assert [e.kind for e in svc.facility.care_log(residency)] == [CareLogKind.PHYSIOTHERAPY]
    qtbot.waitUntil(lambda: page.care_log.rowCount() == 1)
    assert page.care_log.index(0, 1).data() == "Phục hồi chức năng"

    page.plan.setPlainText("Học văn hoá lớp 6 tại trường xã")
    click(qtbot, page.save_plan_button)
    settle(qtbot, facility_ui)
    assert svc.facility.resident_file(residency).support_plan == "Học văn hoá lớp 6 tại trường xã"
    assert page.plan_state.text() == "Đã lưu."

    click(qtbot, page.convert_button)
    convert = page.findChild(ConvertDialog)
    assert convert is not None
    convert.decision_number.setText("88/QĐ-TTBTXH")
    click(qtbot, convert.submit_button)
    settle(qtbot, facility_ui)
    assert svc.facility.resident(residency).admission_type == AdmissionType.REGULAR
    qtbot.waitUntil(lambda: page.model.index(0, 3).data() == "Thường xuyên")
    assert page.model.index(0, DAYS_COLUMN).data() == ""
    assert not page.convert_button.isEnabled()


def test_census_by_group_and_capacity(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    svc = facility_services
    for i, group in enumerate(
        (ResidentGroup.CHILD, ResidentGroup.CHILD, ResidentGroup.ELDERLY, ResidentGroup.DISABILITY)
    ):
        resident(svc, f"Đối Tượng {i}", PartialDate(1960 + i), group)
    page = open_page(facility_window, qtbot, facility_ui)
    assert page.heading.text() == "Cơ sở: Trung tâm Bảo trợ xã hội tỉnh"
    assert "Trẻ em: 2  ·  Người cao tuổi: 1  ·  Người khuyết tật: 1" in page.group_counts.text()
    click(qtbot, page.capacity_button)
    dialog = page.findChild(CapacityDialog)
    assert dialog is not None
    dialog.capacity.setValue(8)
    click(qtbot, dialog.submit_button)
    settle(qtbot, facility_ui)
    qtbot.waitUntil(lambda: page.occupancy.text() == "4/8 chỗ (50%)")
    page.search.setText("tuong 2")
    assert page.proxy.rowCount() == 1


def test_a_data_entry_account_manages_residents_but_not_capacity(
    facility_window: MainWindow, facility_ui: UiContext, qtbot: QtBot, facility_services: Services
) -> None:
    facility_services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    residency = resident(facility_services, "Cụ Tám", PartialDate(1940))
    page = open_page(facility_window, qtbot, facility_ui)
    page.refresh()
    settle(qtbot, facility_ui)
    page.select_resident(residency)
    assert page.admit_button.isEnabled() and page.discharge_button.isEnabled()
    assert not page.capacity_button.isEnabled()
    assert "quản trị" in page.capacity_button.toolTip()


def test_every_facility_model_passes_the_model_tester(
    facility_window: MainWindow,
    facility_ui: UiContext,
    qtbot: QtBot,
    facility_services: Services,
    qtmodeltester: object,
) -> None:
    residency = resident(facility_services, "Cụ Chín", PartialDate(1940))
    facility_services.facility.add_care_log(
        residency, CareLogKind.VISIT, dt.date(2026, 10, 1), "Con đến thăm"
    )
    resident(
        facility_services,
        "Em Mười",
        PartialDate(2015),
        ResidentGroup.EMERGENCY,
        AdmissionType.EMERGENCY,
        TODAY - dt.timedelta(days=85),
    )
    facility_services.facility.discharge(
        resident(facility_services, "Cụ Đã Về", PartialDate(1945)),
        dt.date(2026, 9, 1),
        DischargeReason.RETURN_FAMILY,
    )
    page = open_page(facility_window, qtbot, facility_ui)
    page.show_discharged.setChecked(True)
    settle(qtbot, facility_ui)
    page.select_resident(residency)
    settle(qtbot, facility_ui)
    assert page.model.rowCount() == 3 and page.care_log.rowCount() == 1
    for model in (page.model, page.proxy, page.care_log):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
