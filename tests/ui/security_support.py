"""Helpers for the login, idle-lock and administration tests: an encrypted installation
(from tests/security) and its main window, logged in as one of its users."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from btxh_desktop.services.container import Services
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.settings_view import SettingsPage
from tests.security import conftest as security
from tests.security.conftest import PASSWORDS, Installation
from tests.ui.conftest import wait_idle

# Fixtures shared with tests/security (a test module assigns them to use them).
installed_template = security.installed_template
installation = security.installation

__all__ = ["PASSWORDS", "Installation", "installation", "installed_template"]


@dataclass
class Session:
    services: Services
    ui: UiContext
    window: MainWindow

    def settings_page(self, qtbot: QtBot) -> SettingsPage:
        page = self.window.show_page("settings")
        assert isinstance(page, SettingsPage)
        settle(qtbot, self.ui)
        return page


def settle(qtbot: QtBot, ui: UiContext) -> None:
    for _ in range(3):
        qtbot.wait(20)
        wait_idle(qtbot, ui)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible(), f"{button.text()} is not visible"
    assert button.isEnabled(), f"{button.text()} is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Key presses carrying `text` (QTest's keyClicks only knows ASCII)."""
    edit.setFocus()
    edit.clear()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def top_windows(kind: type[QWidget]) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


@pytest.fixture
def open_session(installation: Installation, qtbot: QtBot, qapp: object) -> Iterator[object]:
    """`open_session("quantri")`: that user's main window on the installation."""
    opened: list[Session] = []

    def make(username: str) -> Session:
        i18n.install("vi")
        services = installation.login(username)
        ui = UiContext.create(services)
        window = MainWindow(ui)
        qtbot.addWidget(window)
        window.show()
        wait_idle(qtbot, ui)
        session = Session(services, ui, window)
        opened.append(session)
        return session

    yield make
    for session in opened:
        session.ui.close()
