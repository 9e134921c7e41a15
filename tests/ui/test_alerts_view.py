"""Việc cần làm on screen: the count in the navigation and the status bar, filters, one click
to the pre-filled action, snooze with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.alerts import AlertKind
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.alerts import AckState
from btxh_desktop.services.container import Services
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.alert_action import AlertActionDialog, PersonSummaryDialog
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.alerts_view import TRIAGE_COLUMN, AlertsPage, AlertsTile, DueFilter
from tests.conftest import COMMUNE
from tests.ui.conftest import wait_idle

TODAY = dt.date(2027, 2, 1)


def _child(services: Services, name: str, birth: PartialDate) -> str:
    person = services.people.create(
        PersonDraft(full_name=name, birth=birth, commune_code=COMMUNE)
    ).id
    case_id = services.allowance.apply(person, "K1", dt.date(2026, 9, 20))
    services.allowance.decide(case_id, "15/QĐ-UBND", dt.date(2026, 10, 5), "Chủ tịch UBND xã")
    return case_id


@pytest.fixture
def cases(services: Services) -> list[str]:
    """Two children turning 4 in March, one turning 16 in January (stop due in February)."""
    services.ctx.today = lambda: TODAY
    return [
        _child(services, "Bé Lan", PartialDate(2023, 3, 10)),
        _child(services, "Bé Hoa", PartialDate(2023, 3, 20)),
        _child(services, "Lê Văn Tư", PartialDate(2011, 1, 5)),
    ]


@pytest.fixture
def main(ui: UiContext, qtbot: QtBot, cases: list[str]) -> Iterator[MainWindow]:
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ui)
    yield window


def _page(window: MainWindow) -> AlertsPage:
    page = window.show_page("alerts")
    assert isinstance(page, AlertsPage)
    return page


def test_the_count_is_in_the_navigation_and_the_status_bar(
    main: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    page = _page(main)
    assert main.nav.item(main.stack.indexOf(page)).text() == "Việc cần làm (3)"
    assert main.alerts_label.text() == "Việc cần làm: 3"
    assert page.summary.text() == "3 việc cần làm, 0 việc đã quá hạn."


def test_model_and_filters(
    main: MainWindow, ui: UiContext, qtbot: QtBot, qtmodeltester: object
) -> None:
    page = _page(main)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.filter)  # type: ignore[attr-defined]
    assert page.filter.rowCount() == 3

    page.kind_box.setCurrentIndex(page.kind_box.findData(AlertKind.AGE_BAND.value))
    assert page.filter.rowCount() == 2
    page.kind_box.setCurrentIndex(0)
    page.due_box.setCurrentIndex(page.due_box.findData(DueFilter.OVERDUE))
    assert page.filter.rowCount() == 0
    page.due_box.setCurrentIndex(page.due_box.findData(DueFilter.WEEK))
    assert page.filter.rowCount() == 1  # the stop from February is due today
    page.due_box.setCurrentIndex(page.due_box.findData(DueFilter.RANGE))
    page.due_from.set_value(dt.date(2027, 3, 1))
    page.due_to.set_value(dt.date(2027, 3, 31))
    assert page.filter.rowCount() == 2
    page.due_box.setCurrentIndex(0)
    assert page.place_box.findText("Phường Sài Gòn") > 0
    page.place_box.setCurrentIndex(page.place_box.findText("Phường Sài Gòn"))
    assert page.filter.rowCount() == 3
    texts = [page.filter.index(0, c).data() for c in range(page.filter.columnCount())]
    assert "Hết điều kiện hưởng" in texts
    assert "Lê Văn Tư" in texts[3]


def test_one_click_adjusts_and_the_alert_goes(
    main: MainWindow, ui: UiContext, qtbot: QtBot, cases: list[str]
) -> None:
    page = _page(main)
    page.select_kind(AlertKind.AGE_BAND)
    assert page.act_button.text() == "Điều chỉnh hệ số" and page.act_button.isEnabled()
    dialog = page.take_action()
    assert isinstance(dialog, AlertActionDialog)
    assert dialog.month.value().month == 3

    dialog.submit()  # no decision number yet: refused beside the field
    assert dialog.isVisible() and dialog.error_for("decision_number").isVisible()
    dialog.decision_number.setText("31/QĐ-UBND")
    dialog.submit()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: page.count == 2, timeout=10_000)
    adjusted = [ui.services.allowance.case(case_id).coefficient for case_id in cases[:2]]
    assert Decimal("1.5") in adjusted
    assert main.alerts_label.text() == "Việc cần làm: 2"


def test_snooze_needs_a_reason_and_can_be_undone(
    main: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    page = _page(main)
    page.select_kind(AlertKind.ELIGIBILITY_END)
    dialog = page.open_ack(AckState.SNOOZED)
    assert dialog is not None
    dialog.submit()
    assert dialog.error_for("reason").isVisible()
    dialog.reason.setText("Chờ xác nhận của nhà trường")
    dialog.submit()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: page.count == 2, timeout=10_000)
    assert page.filter.rowCount() == 2

    page.hidden_box.setChecked(True)
    assert page.filter.rowCount() == 3
    page.select_kind(AlertKind.ELIGIBILITY_END)
    assert page.reopen_button.isVisibleTo(page)
    triage = page.filter.index(page.table.currentIndex().row(), TRIAGE_COLUMN).data()
    assert "Chờ xác nhận của nhà trường" in triage
    page.reopen()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: page.count == 3, timeout=10_000)


def test_open_the_record_shows_the_person(main: MainWindow, ui: UiContext, qtbot: QtBot) -> None:
    page = _page(main)
    page.select_kind(AlertKind.ELIGIBILITY_END)
    dialog = page.open_record()
    assert isinstance(dialog, PersonSummaryDialog)
    wait_idle(qtbot, ui)
    assert "Lê Văn Tư" in [
        dialog.form.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(dialog.form.count())
        if dialog.form.itemAt(i).widget() is not None
    ]
    dialog.close()


def test_dashboard_tile_counts_the_next_30_days(
    ui: UiContext, qtbot: QtBot, cases: list[str]
) -> None:
    tile = AlertsTile(ui)
    qtbot.addWidget(tile)
    wait_idle(qtbot, ui)
    assert tile.count.text() == "3"
    assert "0 việc quá hạn" in tile.breakdown.text()
    assert "Đổi hệ số theo tuổi: 2" in tile.breakdown.text()
