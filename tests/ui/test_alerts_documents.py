"""A missing paper on the Việc cần làm page: one click clears the follow-up once it came."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from btxh_desktop.domain.alerts import AlertKind
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.alert_action import AlertActionDialog
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.alerts_view import AlertsPage
from tests.conftest import COMMUNE
from tests.ui.conftest import wait_idle


def test_the_paper_came_in_clears_the_follow_up(ui: UiContext, qtbot: QtBot) -> None:
    services = ui.services
    child = services.people.create(
        PersonDraft(full_name="Bé Na", birth=PartialDate(2020, 5, 5), commune_code=COMMUNE)
    ).id
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 11, 10))
    services.allowance.set_document_follow_up(case_id, dt.date(2026, 11, 20), "Bản sao khai sinh")
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, ui)
    page = window.show_page("alerts")
    assert isinstance(page, AlertsPage)
    wait_idle(qtbot, ui)

    page.select_kind(AlertKind.DOCUMENT_FOLLOW_UP)
    assert "Bản sao khai sinh" in page.detail.text()
    assert page.act_button.text() == "Đã nhận giấy tờ bổ sung" and page.act_button.isEnabled()
    dialog = page.take_action()
    assert isinstance(dialog, AlertActionDialog)
    dialog.submit()
    wait_idle(qtbot, ui)
    qtbot.waitUntil(lambda: services.allowance.case(case_id).documents_due is None, timeout=10_000)
    qtbot.waitUntil(
        lambda: all(
            page.model.row(n).alert.kind != AlertKind.DOCUMENT_FOLLOW_UP
            for n in range(page.model.rowCount())
        ),
        timeout=10_000,
    )
