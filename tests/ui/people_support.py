"""Helpers for the people list, person form and dashboard tests."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.people_view import PeoplePage
from tests.conftest import COMMUNE
from tests.ui.conftest import wait_idle


def settle(qtbot: QtBot, ui: UiContext) -> None:
    """Deliver queued notifications and timers, then let the work they start finish."""
    for _ in range(3):
        qtbot.wait(30)
        wait_idle(qtbot, ui)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def person(
    services: Services,
    name: str,
    birth: PartialDate | None = None,
    sex: Sex = Sex.UNKNOWN,
    cccd: str | None = None,
    commune: str | None = COMMUNE,
) -> str:
    draft = PersonDraft(
        full_name=name,
        birth=birth or PartialDate(),
        sex=sex,
        cccd=cccd,
        commune_code=commune,
    )
    return services.people.create(draft).id


def people_page(window: MainWindow, qtbot: QtBot, ui: UiContext) -> PeoplePage:
    page = window.show_page("people")
    assert isinstance(page, PeoplePage)
    settle(qtbot, ui)
    return page


def shown_names(page: PeoplePage) -> list[str]:
    """The names in the list, as painted (rows are fetched when the view asks for them)."""
    model = page.model
    return [str(model.index(row, 1).data()) for row in range(model.rowCount())]


def load_all_rows(page: PeoplePage, qtbot: QtBot, ui: UiContext) -> None:
    model = page.model
    for row in range(model.rowCount()):
        model.index(row, 1).data()
    settle(qtbot, ui)


def search(page: PeoplePage, qtbot: QtBot, ui: UiContext, text: str) -> list[str]:
    page.search.clear()
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        type_text(page.search, text)
    load_all_rows(page, qtbot, ui)
    return shown_names(page)


def new_form(page: PeoplePage, qtbot: QtBot, ui: UiContext) -> PersonForm:
    click(qtbot, page.new_button)
    form = page.last_form
    assert form is not None
    settle(qtbot, ui)
    return form


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying `text`, one character at a time, as a keyboard (or a scanner
    that emulates one) delivers them; QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


TODAY = dt.date(2026, 11, 16)
