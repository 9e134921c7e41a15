"""Helpers for the allowance, facility and emergency screen tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from btxh_desktop.ui.context import UiContext
from tests.ui.conftest import wait_idle


def settle(qtbot: QtBot, ui: UiContext) -> None:
    """Deliver queued change notifications, then let the work they start finish."""
    qtbot.wait(20)
    wait_idle(qtbot, ui)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled: {button.toolTip()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
