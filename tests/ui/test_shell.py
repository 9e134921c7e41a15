"""The main window: navigation, status bar, text size."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import FONT_KEY, MainWindow
from tests.ui.conftest import wait_idle


def test_status_bar_shows_site_user_and_live_counts(
    window: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    assert "Phường Sài Gòn" in window.site_label.text()
    assert window.count_label.text() == "0 đối tượng"
    ui.runner.run(lambda: ui.services.people.create(PersonDraft(full_name="Lê Văn Một")))
    qtbot.waitUntil(lambda: window.count_label.text() == "1 đối tượng", timeout=5000)
    assert "1 thay đổi" in window.sync_label.text()


def test_text_size_changes_and_is_remembered(
    window: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    start = window.font_points
    window.bigger_action.trigger()
    window.bigger_action.trigger()
    assert window.font_points == start + 2
    ui.settings.sync()
    stored = QSettings(ui.settings.fileName(), QSettings.Format.IniFormat)
    assert int(stored.value(FONT_KEY)) == start + 2
    window.smaller_action.trigger()
    assert window.font_points == start + 1
    wait_idle(qtbot, ui)


def test_navigation_is_in_vietnamese(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Cài đặt" in titles
