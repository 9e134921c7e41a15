"""Tổng quan: figures for a commune and for a facility, as charts and as numbers, refreshed
by changes made anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QPieSeries
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import AdmissionType, ResidentGroup, Sex
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.dashboard_view import DashboardPage
from tests.ui.people_support import person, settle


def figures(page: DashboardPage) -> dict[tuple[str, str], str]:
    model = page.model
    return {
        (model.index(r, 0).data(), model.index(r, 1).data()): model.index(r, 2).data()
        for r in range(model.rowCount())
    }


def test_the_commune_overview_counts_people_cases_and_money(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    old = person(services, "Lê Văn Già", PartialDate(1940, 1, 2), Sex.MALE)
    child = person(services, "Phạm Bé Út", PartialDate(2024, 6), Sex.FEMALE)
    person(services, "Không Rõ Tuổi")
    allowance = services.allowance
    allowance.apply(child, "K1", dt.date(2026, 10, 1), sub_case="abandoned")
    case = allowance.apply(old, "K5c", dt.date(2025, 1, 10))
    allowance.decide(case, "12/QĐ-UBND", dt.date(2025, 2, 1), "Chủ tịch UBND phường")
    allowance.finalise_payment_list(Month(2026, 10))

    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    assert window.stack.currentWidget() is page
    # The changes above are gathered and counted once, after a short pause.
    qtbot.waitUntil(lambda: page.cards[0].value.text() == "3", timeout=5000)
    settle(qtbot, ui)
    assert page.title() == "Tổng quan"
    assert page.subtitle.text() == (
        "Toàn bộ đối tượng đang quản lý — Phường Sài Gòn, số liệu ngày 16/11/2026"
    )
    assert [card.value.text() for card in page.cards[:3]] == ["3", "1", "1"]
    assert page.cards[3].caption.text() == "tháng 11/2026 (ước tính theo quyết định)"
    numbers = figures(page)
    assert numbers[("Giới tính", "Nam")] == "1"
    assert numbers[("Nhóm tuổi", "Dưới 4 tuổi")] == "1"
    assert numbers[("Nhóm tuổi", "Từ 80 tuổi")] == "1"
    assert numbers[("Nhóm tuổi", "Không rõ tuổi")] == "1"
    assert numbers[("Tình trạng hồ sơ", "Chờ quyết định")] == "1"
    paid = numbers[("Kinh phí trợ cấp theo tháng", "10/2026 (đã chốt)")]
    assert paid.endswith(" ₫") and paid != "0 ₫"
    assert ("Diện (đang hưởng hoặc tạm dừng)", "K5c — " + _k5c_name(services)) in numbers

    bars = page.category_chart.chart().series()[0]
    assert isinstance(bars, QAbstractBarSeries)
    assert [bars.barSets()[0].at(i) for i in range(bars.barSets()[0].count())] == [1]
    pie = page.sex_chart.chart().series()[0]
    assert isinstance(pie, QPieSeries)
    assert sorted(s.label() for s in pie.slices()) == [
        "Chưa rõ: 1 (33%)",
        "Nam: 1 (33%)",
        "Nữ: 1 (33%)",
    ]
    assert page.trend_chart.chart().title() == "Kinh phí trợ cấp theo tháng (triệu ₫)"

    # A person added anywhere is counted again after a short pause.
    ui.runner.run(lambda: services.people.create(PersonDraft(full_name="Người Mới")))
    qtbot.waitUntil(lambda: page.cards[0].value.text() == "4", timeout=5000)


def _k5c_name(services: Services) -> str:
    return services.ctx.policy.category("K5c").name_vi


@pytest.fixture
def facility_window(
    facility_services: Services, qapp: object, qtbot: QtBot
) -> Iterator[tuple[MainWindow, UiContext]]:
    i18n.install("vi")
    ui = UiContext.create(facility_services)
    main = MainWindow(ui)
    qtbot.addWidget(main)
    main.show()
    yield main, ui
    ui.close()


def test_the_facility_overview_shows_residents_and_how_full_it_is(
    facility_window: tuple[MainWindow, UiContext], qtbot: QtBot, facility_services: Services
) -> None:
    window, ui = facility_window
    services = facility_services
    services.facility.set_capacity(10)
    for name, birth, group in (
        ("Nguyễn Văn Tí", PartialDate(2015, 2, 1), ResidentGroup.CHILD),
        ("Trần Thị Mơ", PartialDate(1935), ResidentGroup.ELDERLY),
    ):
        pid = person(services, name, birth, commune=None)
        services.facility.admit(pid, AdmissionType.REGULAR, group, dt.date(2026, 9, 1))
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.cards[0].value.text() == "2", timeout=5000)
    settle(qtbot, ui)
    assert page.subtitle.text().startswith("Người đang được nuôi dưỡng tại cơ sở")
    assert [card.value.text() for card in page.cards] == ["2", "10", "20%", "1"]
    numbers = figures(page)
    assert numbers[("Nhóm", "Trẻ em")] == "1"
    assert numbers[("Cơ sở", "Trung tâm Bảo trợ xã hội tỉnh")] == "2 trên 10 chỗ (20%)"
    chart = page.trend_chart.chart()
    assert chart.title() == "Số người nuôi dưỡng cuối mỗi tháng"
    bars = chart.series()[0]
    assert isinstance(bars, QAbstractBarSeries)
    counts = [bars.barSets()[0].at(i) for i in range(bars.barSets()[0].count())]
    assert counts[-3:] == [2, 2, 2] and counts[0] == 0
    # Larger text re-draws the charts with it.
    window.bigger_action.trigger()
    settle(qtbot, ui)
    assert page.age_chart.chart().titleFont().pointSize() == window.font_points


def test_the_overview_shows_what_is_due_by_kind_and_opens_the_list(
    ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    """Two children turning 4 in March and one turning 16 in January, seen on 1 February:
    the tile on the overview counts them by kind, and a click opens Việc cần làm."""
    services.ctx.today = lambda: dt.date(2027, 2, 1)
    for name, birth in (
        ("Bé Lan", PartialDate(2023, 3, 10)),
        ("Bé Hoa", PartialDate(2023, 3, 20)),
        ("Lê Văn Tư", PartialDate(2011, 1, 5)),
    ):
        child = person(services, name, birth)
        case = services.allowance.apply(child, "K1", dt.date(2026, 9, 20))
        services.allowance.decide(case, "15/QĐ-UBND", dt.date(2026, 10, 5), "Chủ tịch UBND xã")
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    tile = page.alerts_tile
    assert tile.isVisible() and tile.count.text() == "…"  # computed off the GUI thread
    settle(qtbot, ui)
    assert tile.title.text() == "Việc cần làm 30 ngày tới"
    assert tile.count.text() == "3"
    assert tile.breakdown.text() == (
        "0 việc quá hạn  ·  Đổi hệ số theo tuổi: 2  ·  Hết điều kiện hưởng: 1"
    )

    qtbot.mouseClick(tile.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["alerts"]
    window.show_page("dashboard")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)  # anywhere on the tile
    assert window.stack.currentWidget() is window.pages["alerts"]
