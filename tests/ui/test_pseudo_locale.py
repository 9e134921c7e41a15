"""No text is cut off on a 1366×768 laptop screen: every page, tab and main dialog is walked
(see `clipping_support` for the rule) in Vietnamese, and in a pseudo-locale that makes every
Vietnamese string about a third longer, so that a layout that only just fits is caught.

`BTXH_CLIPPING_SHOTS=/some/folder` also saves a picture of each screen that was checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.first_run import FirstRunWizard
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.preferences import DEFAULT_FONT_POINTS, MAX_FONT_POINTS
from btxh_desktop.ui.tasks import TaskRunner
from tests.ui.clipping_support import Clipped, clipped_text, each_tab, save_render
from tests.ui.people_support import new_form, people_page, settle

WIDTH, HEIGHT = 1366, 768
TASKBAR = 40
SHOTS = os.environ.get("BTXH_CLIPPING_SHOTS")


class LaptopScreen:
    """The offscreen platform's only screen is 800×800; dialogs that size themselves to
    their screen must see a 1366×768 one (with a taskbar) to open as they would there."""

    def __init__(self, real: QScreen) -> None:
        self.real = real

    def geometry(self) -> QRect:
        return QRect(0, 0, WIDTH, HEIGHT)

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, WIDTH, HEIGHT - TASKBAR)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


@pytest.fixture(autouse=True)
def laptop(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    real = qapp.primaryScreen()
    monkeypatch.setattr(QWidget, "screen", lambda _self: LaptopScreen(real))
    # The text size and style sheet are the application's: leave them as they were found.
    font, sheet = qapp.font(), qapp.styleSheet()
    yield
    i18n.install("vi", pseudo=False)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def walk(top: QWidget, where: str, settle: Callable[[], None], shots: Path | None) -> list[Clipped]:
    found = []
    for name in each_tab(top, where, settle):
        save_render(top, shots, name)
        found.extend(clipped_text(top, name))
    return found


def walk_main_window(
    services: Services, qtbot: QtBot, *, pseudo: bool, points: int, shots: Path | None
) -> list[Clipped]:
    i18n.install("vi", pseudo=pseudo)
    ui = UiContext.create(services)
    try:
        window = MainWindow(ui)
        qtbot.addWidget(window)
        window.apply_font_size(points)
        window.show()
        settle(qtbot, ui)
        size = window.size()
        assert (size.width(), size.height()) == (WIDTH, HEIGHT), "the window must fit"
        found = []
        for key in window.pages:
            window.show_page(key)
            settle(qtbot, ui)
            found += walk(window, key, lambda: settle(qtbot, ui), shots)
        if "people" in window.pages:
            form = new_form(people_page(window, qtbot, ui), qtbot, ui)
            found += walk(form, "person form", lambda: settle(qtbot, ui), shots)
            form.close()
        window.close()
        return found
    finally:
        ui.close()


def walk_sign_in(paths: AppPaths, qtbot: QtBot, shots: Path | None) -> list[Clipped]:
    runner = TaskRunner()
    try:
        gate = Gate(paths)
        found = []
        login = LoginDialog(gate, runner, last_user="quantri")
        qtbot.addWidget(login)
        login.show()
        qtbot.waitExposed(login)
        found += walk(login, "login", lambda: qtbot.wait(10), shots)
        login.close()
        wizard = FirstRunWizard(runner, gate=gate)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        # Every step is looked at, not only those the choices so far lead to.
        for index in range(wizard.stack.count()):
            wizard.stack.setCurrentIndex(index)
            found += walk(wizard, f"first run {index + 1}", lambda: qtbot.wait(10), shots)
        wizard.close()
        return found
    finally:
        runner.shutdown()


def unique(found: list[Clipped]) -> list[str]:
    """Each clipped text once (the status bar is on every page), first where it shows."""
    seen: dict[tuple[str, str, str], Clipped] = {}
    for one in found:
        seen.setdefault((one.kind, one.name, one.text), one)
    return [str(one) for one in seen.values()]


@pytest.mark.parametrize("pseudo", [False, True], ids=["vietnamese", "pseudo"])
def test_commune_pages_show_all_their_text(
    services: Services, paths: AppPaths, qtbot: QtBot, pseudo: bool
) -> None:
    services.demo.generate(60, seed=7)
    shots = Path(SHOTS, "pseudo" if pseudo else "vi") if SHOTS else None
    found = walk_main_window(
        services, qtbot, pseudo=pseudo, points=DEFAULT_FONT_POINTS, shots=shots
    )
    found += walk_sign_in(paths, qtbot, shots)
    clipped = unique(found)
    assert not clipped, "text cut off:\n" + "\n".join(clipped)


@pytest.mark.parametrize("pseudo", [False, True], ids=["vietnamese", "pseudo"])
def test_facility_pages_show_all_their_text(
    facility_services: Services, qtbot: QtBot, pseudo: bool
) -> None:
    facility_services.demo.generate(30, seed=7)
    shots = Path(SHOTS, "pseudo-facility" if pseudo else "vi-facility") if SHOTS else None
    found = walk_main_window(
        facility_services, qtbot, pseudo=pseudo, points=DEFAULT_FONT_POINTS, shots=shots
    )
    clipped = unique(found)
    assert not clipped, "text cut off:\n" + "\n".join(clipped)


def test_vietnamese_at_the_largest_text_size(services: Services, qtbot: QtBot) -> None:
    services.demo.generate(60, seed=7)
    shots = Path(SHOTS, "vi-largest") if SHOTS else None
    found = walk_main_window(services, qtbot, pseudo=False, points=MAX_FONT_POINTS, shots=shots)
    clipped = unique(found)
    assert not clipped, "text cut off:\n" + "\n".join(clipped)
