"""Loading what the main window needs while the login dialog is open.

The login dialog shows before SQLAlchemy, the services and the screens are imported (see
docs/architecture.md, "Start-up"); typing a password takes seconds, enough to import them
all, so the main window opens as fast after the login as if they had been loaded first.

The imports run as a job on the runner's database worker, the thread that then checks the
password and opens the database: one thread imports at a time (two threads importing
modules that import each other can deadlock) and the login simply queues behind whatever is
left. Only modules are imported there; every widget is still made on the GUI thread.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from btxh_desktop.ui.tasks import TaskRunner

# In the order they are needed: the login's own work, the main window, its screens.
MODULES = (
    "sqlalchemy.orm",
    "btxh_desktop.storage.models",
    "btxh_desktop.services.accounts",
    "btxh_desktop.services.backup",
    "btxh_desktop.services.context",
    "btxh_desktop.services.site",
    "btxh_desktop.services.people",
    "btxh_desktop.services.sync",
    "btxh_desktop.services.dashboard",
    "btxh_desktop.services.alerts",
    "btxh_desktop.ui.context",
    "btxh_desktop.ui.idle",
    "btxh_desktop.ui.main_window",
    "btxh_desktop.ui.views.dashboard_view",
    "btxh_desktop.ui.views.alerts_view",
    "btxh_desktop.ui.views.sync_view",
    "btxh_desktop.ui.views.settings_view",
    "btxh_desktop.ui.views.people_view",
    "btxh_desktop.ui.views.allowance_view",
    "btxh_desktop.ui.views.facility_view",
    "btxh_desktop.ui.views.emergency_view",
    "btxh_desktop.ui.views.reports_view",
)


def import_all() -> None:
    for name in MODULES:
        importlib.import_module(name)


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, runner: TaskRunner) -> None:
        super().__init__(app)
        self.app = app
        self.runner = runner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self.app.removeEventFilter(self)
            self.runner.run(import_all)
            self.deleteLater()
        return False


def after_first_paint(app: QApplication, runner: TaskRunner) -> None:
    """Start importing once the first window has painted (not before: the import holds the
    interpreter lock for most of its time, and would slow the dialog it waits for)."""
    app.installEventFilter(_FirstPaint(app, runner))
