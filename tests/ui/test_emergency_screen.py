"""Trợ giúp đột xuất driven through the widgets: events, distributions with the rice and cash
the rules suggest (editable), totals per event, refusals shown beside the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytestqt.qtbot import QtBot

from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import ChoosePersonDialog
from btxh_desktop.ui.dialogs.emergency_dialogs import DistributionDialog, EventDialog
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.emergency_view import EmergencyPage
from tests.ui.assistance_support import click, settle


def open_page(window: MainWindow, qtbot: QtBot, ui: UiContext) -> EmergencyPage:
    page = window.show_page("emergency")
    assert isinstance(page, EmergencyPage)
    settle(qtbot, ui)
    return page


def test_a_commune_site_shows_allowance_then_emergency(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Cơ sở" not in titles
    assert titles.index("Trợ cấp & chi trả") < titles.index("Trợ giúp đột xuất")
    assert titles[-1] == "Cài đặt"


def test_event_then_distribution_with_suggested_rice_and_totals(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    services.people.create(PersonDraft(full_name="Nguyễn Văn Hộ", birth=PartialDate(1970)))
    page = open_page(window, qtbot, ui)
    assert "Chưa có đợt hỗ trợ" in page.all_totals.text()
    assert not page.distribute_button.isEnabled()

    click(qtbot, page.new_event_button)
    event_dialog = page.findChild(EventDialog)
    assert event_dialog is not None
    click(qtbot, event_dialog.submit_button)  # no name
    settle(qtbot, ui)
    assert event_dialog.error_for("name").text() == "Bắt buộc nhập"
    event_dialog.name.setText("Lũ tháng 10/2026")
    event_dialog.kind.setCurrentIndex(event_dialog.kind.findData("flood"))
    event_dialog.occurred_on.set_value(dt.date(2026, 10, 20))
    click(qtbot, event_dialog.submit_button)
    settle(qtbot, ui)
    [event] = services.emergency.events()
    assert (event.name, event.kind) == ("Lũ tháng 10/2026", "flood")
    qtbot.waitUntil(lambda: page.selected is not None and page.selected.id == event.id)
    assert page.events.index(0, 1).data() == "Lũ lụt"

    click(qtbot, page.distribute_button)
    dialog = page.findChild(DistributionDialog)
    assert dialog is not None
    click(qtbot, dialog.person.button)
    chooser = dialog.findChild(ChoosePersonDialog)
    assert chooser is not None
    chooser.search_now("nguyen van ho")
    settle(qtbot, ui)
    click(qtbot, chooser.choose_button)
    assert dialog.household_head.text() == "Nguyễn Văn Hộ"
    dialog.household_size.setValue(4)
    dialog.distributed_on.set_value(dt.date(2026, 10, 25))
    dialog.suggest()
    settle(qtbot, ui)
    assert dialog.rice_months.value() == 3 and dialog.rice_months.isEnabled()
    assert dialog.rice_kg.value() == 180  # 15 kg × 4 people × 3 months
    assert "15 kg/người/tháng × 4 người × 3 tháng" in dialog.suggestion.text()
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    [given] = services.emergency.distributions(event.id)
    assert (given.household_head, given.household_size, given.rice_kg) == (
        "Nguyễn Văn Hộ",
        4,
        Decimal(180),
    )
    assert given.person_id is not None
    qtbot.waitUntil(lambda: page.distributions.rowCount() == 1)
    qtbot.waitUntil(lambda: page.event_totals.text().startswith("Tổng: 1 hộ"))
    assert page.event_totals.text() == "Tổng: 1 hộ, 4 nhân khẩu, 180 kg gạo, 0 ₫"
    assert page.events.index(0, 5).data() == "180"


def test_suggested_cash_is_editable_and_refusals_keep_the_form(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    event_id = services.emergency.create_event("Bão số 5", "storm", dt.date(2026, 10, 1))
    page = open_page(window, qtbot, ui)
    click(qtbot, page.distribute_button)
    dialog = page.findChild(DistributionDialog)
    assert dialog is not None
    dialog.support_kind.setCurrentIndex(dialog.support_kind.findData("housing_repair"))
    dialog.suggest()
    settle(qtbot, ui)
    assert dialog.cash.value() == 20_000_000
    assert dialog.rice_kg.value() == 0
    assert not dialog.rice_months.isEnabled()
    dialog.cash.setValue(15_000_000)
    click(qtbot, dialog.submit_button)  # no household head
    settle(qtbot, ui)
    assert dialog.isVisible()
    assert dialog.error_for("household_head").text() == "Bắt buộc nhập"
    assert dialog.cash.value() == 15_000_000
    assert services.emergency.distributions(event_id) == []

    dialog.household_head.setText("Trần Thị Nhà")
    dialog.support_kind.setCurrentIndex(dialog.support_kind.findData("cash"))
    dialog.cash.setValue(0)
    click(qtbot, dialog.submit_button)  # nothing given
    settle(qtbot, ui)
    assert dialog.error_for("rice_kg").text() == "Nhập số gạo hoặc số tiền hỗ trợ"
    dialog.cash.setValue(15_000_000)
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    [given] = services.emergency.distributions(event_id)
    assert (given.support_kind, given.cash_amount) == ("cash", 15_000_000)


def test_tet_rice_is_one_month_and_an_event_can_be_corrected(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    services.emergency.create_event("Tết 2026", "tet", dt.date(2026, 2, 1))
    page = open_page(window, qtbot, ui)
    click(qtbot, page.distribute_button)
    dialog = page.findChild(DistributionDialog)
    assert dialog is not None
    dialog.household_size.setValue(3)
    dialog.suggest()
    settle(qtbot, ui)
    assert dialog.rice_kg.value() == 45
    assert not dialog.rice_months.isEnabled()
    dialog.reject()

    click(qtbot, page.edit_event_button)
    edit = page.findChild(EventDialog)
    assert edit is not None
    assert edit.name.text() == "Tết 2026"
    edit.name.setText("Tết Nguyên đán Bính Ngọ 2026")
    click(qtbot, edit.submit_button)
    settle(qtbot, ui)
    assert services.emergency.events()[0].name == "Tết Nguyên đán Bính Ngọ 2026"
    qtbot.waitUntil(lambda: page.events.index(0, 0).data() == "Tết Nguyên đán Bính Ngọ 2026")


def test_every_emergency_model_passes_the_model_tester(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, qtmodeltester: object
) -> None:
    event_id = services.emergency.create_event("Lũ", "flood", dt.date(2026, 10, 20))
    services.emergency.create_event("Tết", "tet", dt.date(2026, 2, 1))
    services.emergency.distribute(
        event_id, "Hộ A", 2, "rice", dt.date(2026, 10, 21), rice_kg=Decimal("30.5")
    )
    page = open_page(window, qtbot, ui)
    assert page.events.rowCount() == 2 and page.distributions.rowCount() == 1
    assert page.distributions.index(0, 3).data() == "30,5"
    for model in (page.events, page.distributions):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
