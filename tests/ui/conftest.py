"""GUI fixtures: the real main window on a real database, offscreen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from btxh_desktop.services.container import Services
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow


@pytest.fixture
def ui(services: Services, qapp: object) -> Iterator[UiContext]:
    i18n.install("vi")
    context = UiContext.create(services)
    yield context
    context.close()


@pytest.fixture
def window(ui: UiContext, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(ui)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(ui.runner.idle)
    yield main


def wait_idle(qtbot: QtBot, ui: UiContext) -> None:
    """Let background jobs finish and their results reach the widgets."""
    qtbot.waitUntil(ui.runner.idle, timeout=10_000)
