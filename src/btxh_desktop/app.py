"""Composition root: builds the database, services, runner and windows. No globals.

Start-up: the sign-in flow (`ui/dialogs/login_flow.py`) creates the first administrator or
logs someone in, checks the data file (offering the latest good backup when it is damaged)
and opens the services; then the main window shows, with the idle lock watching, and any
notices from opening (a temporary password to change, a failed daily backup). After a
restore from Cài đặt the window and services close and the sign-in starts again; logging out
from the lock screen closes the program.
"""

from __future__ import annotations

import argparse
import logging
import re
import secrets
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from btxh_desktop import __version__
from btxh_desktop.domain.codes import SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate
from btxh_desktop.storage.attachments import clear_opened_copies
from btxh_desktop.ui import i18n, preload, theme
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.dialogs.login_flow import EXIT_DATABASE, SignInFlow
from btxh_desktop.ui.preferences import (
    DEFAULT_FONT_POINTS,
    FONT_KEY,
    LANGUAGE_KEY,
    MAX_FONT_POINTS,
    MIN_FONT_POINTS,
)
from btxh_desktop.ui.tasks import TaskRunner

# The main window and what it shows are imported where they are built: the login dialog
# comes first and must not wait for them (`ui/preload.py` loads them while it is open).
if TYPE_CHECKING:
    from btxh_desktop.ui.context import UiContext
    from btxh_desktop.ui.idle import IdleGuard
    from btxh_desktop.ui.main_window import MainWindow

EXIT_OK = 0
EXIT_NOT_SET_UP = 4
__all__ = ["EXIT_DATABASE", "EXIT_NOT_SET_UP", "EXIT_OK", "AppController", "main"]

LAST_USER_KEY = "login/last_user"
_UNFILLED = re.compile(r"\s*\(?\{[a-z_]+\}\)?")

log = logging.getLogger("btxh_desktop")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="btxh-desktop")
    parser.add_argument("--data-dir", help="data folder (or BTXH_DATA_DIR)")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="override the language")
    parser.add_argument(
        "--smoke-test",
        nargs="?",
        const="main",
        choices=("main", "login"),
        help="main: create a throwaway administrator in a temporary folder, show the main "
        "window, exit 0; login: start normally (on --data-dir, or a temporary encrypted "
        "folder) and exit 0 once the login dialog shows",
    )
    parser.add_argument("--version", action="version", version=f"btxh-desktop {__version__}")
    return parser.parse_args(argv)


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    app.setApplicationName("BTXH Desktop")
    app.setOrganizationName("BTXH")
    app.setApplicationVersion(__version__)
    return app


def configure_logging(paths: AppPaths) -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(paths.logs / "btxh-desktop.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def ui_settings(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.data_dir / "ui.ini"), QSettings.Format.IniFormat)


def notice_text(code: str) -> str:
    """A notice from opening is a bare code (its parameters are not kept): drop the holes."""
    return _UNFILLED.sub("", i18n.t(code))


class AppController(QObject):
    """Signs in, shows the main window, and starts over after a restore."""

    def __init__(self, app: QApplication, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.paths = paths
        self.gate_runner = TaskRunner(self)
        self.flow: SignInFlow | None = None
        self.services: Services | None = None
        self.ui: UiContext | None = None
        self.window: MainWindow | None = None
        self.guard: IdleGuard | None = None
        self.notice_boxes: list[QMessageBox] = []

    # ------------------------------------------------------------------ signing in

    def start(self) -> None:
        # No window may be open between the login dialog and the main window: do not quit then.
        self.app.setQuitOnLastWindowClosed(False)
        stored = ui_settings(self.paths)
        # The login dialogs wear the same style and text size as the main window.
        points = int(stored.value(FONT_KEY, DEFAULT_FONT_POINTS))
        theme.apply(self.app, max(MIN_FONT_POINTS, min(MAX_FONT_POINTS, points)))
        last_user = str(stored.value(LAST_USER_KEY, ""))
        if self.flow is not None:
            self.flow.deleteLater()
        self.flow = SignInFlow(self.paths, self.gate_runner, last_user=last_user, parent=self)
        self.flow.signed_in.connect(self.open_window)
        self.flow.gave_up.connect(self.app.exit)
        self.flow.start()
        preload.after_first_paint(self.app, self.gate_runner)

    def open_window(self, services: Services) -> None:
        self.services = services
        settings = ui_settings(self.paths)
        settings.setValue(LAST_USER_KEY, services.ctx.actor.username)
        settings.sync()
        if services.site.info() is None:
            # The set-up stopped before the site was written: ask for the site only.
            # Imported here: only an unfinished set-up needs the wizard.
            from btxh_desktop.ui.dialogs.first_run import FirstRunWizard

            wizard = FirstRunWizard(self.gate_runner, services=services)
            wizard.completed.connect(self.open_window)
            wizard.rejected.connect(lambda: self.app.exit(EXIT_NOT_SET_UP))
            self.site_wizard = wizard
            wizard.show()
            return
        from btxh_desktop.services.settings import load_settings
        from btxh_desktop.ui.context import UiContext
        from btxh_desktop.ui.idle import IdleGuard
        from btxh_desktop.ui.main_window import MainWindow
        from btxh_desktop.ui.views.settings_view import SettingsPage

        self.ui = UiContext.create(services)
        window = MainWindow(self.ui)
        self.window = window
        window.installEventFilter(self)
        minutes = load_settings(self.paths).idle_lock_minutes
        self.guard = IdleGuard(window, self.ui, minutes, parent=self)
        self.guard.logout_confirmed.connect(self.logout)
        settings_page = window.pages.get("settings")
        if isinstance(settings_page, SettingsPage):
            settings_page.idle_minutes_changed.connect(self.guard.set_minutes)
            settings_page.restart_requested.connect(self.restart)
        window.show()
        self.show_notices(services.notices)

    def show_notices(self, codes: Sequence[str]) -> None:
        from btxh_desktop.ui.views.settings_view import SettingsPage

        for code in codes:
            if code == "auth.must_change_password" and self.window is not None:
                page = self.window.pages.get("settings")
                if isinstance(page, SettingsPage):
                    self.window.show_page("settings")
                    page.show_tab(page.change_password_button)
                    page.change_own_password(i18n.t(code))
                    continue
            box = QMessageBox(
                QMessageBox.Icon.Information, "BTXH Desktop", notice_text(code), parent=self.window
            )
            self.notice_boxes.append(box)
            box.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Closing the main window ends the program, whatever dialogs are still open.
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._closed)
        return False

    def _closed(self) -> None:
        if self.window is not None and not self.window.isVisible():
            self.app.exit(EXIT_OK)

    # ------------------------------------------------------------------ starting over

    def close_session(self) -> None:
        """Close every window of the session (without their "discard changes?" questions:
        the user has already answered ours), then the services."""
        if self.guard is not None:
            self.guard.stop()
            self.guard.deleteLater()
            self.guard = None
        if self.window is not None:
            self.window.removeEventFilter(self)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.hide()
            if widget is not self.window:
                widget.deleteLater()
        if self.ui is not None:
            self.ui.close()
            self.ui = None
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self.services is not None:
            self.services.close()
            self.services = None
        self.notice_boxes.clear()

    def restart(self) -> None:
        """After a restore: everything was opened on the old file; sign in again."""
        self.close_session()
        self.start()

    def logout(self) -> None:
        self.app.exit(EXIT_OK)

    def close(self) -> None:
        self.close_session()
        self.gate_runner.shutdown()
        clear_opened_copies(self.paths.data_dir)


# ---------------------------------------------------------------------- smoke tests


def _visible(kind: type[QWidget]) -> bool:
    return any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets())


def _wait(app: QApplication, condition: object, seconds: float) -> bool:
    """Run the event loop until `condition()` holds (or the time is up)."""
    assert callable(condition)
    result: list[bool] = []
    timer = QTimer()
    timer.setInterval(100)
    waited = [0.0]

    def poll() -> None:
        waited[0] += 0.1
        if condition() or waited[0] >= seconds:
            result.append(bool(condition()))
            timer.stop()
            app.exit(0)

    timer.timeout.connect(poll)
    timer.start()
    app.exec()
    return bool(result and result[0])


def run_smoke_test(app: QApplication, mode: str, data_dir: str | None) -> int:
    """For the packaging script and the tests: a real start on a throwaway folder."""
    from btxh_desktop.ui.main_window import MainWindow

    i18n.install("vi")
    with tempfile.TemporaryDirectory(prefix="btxh-smoke-") as folder:
        if mode == "login":
            paths = AppPaths.resolve(data_dir) if data_dir else AppPaths(Path(folder))
            if not data_dir:
                first = Gate(paths).create_first_admin("smoke", "", secrets.token_urlsafe(16))
                first.services.close()
            controller = AppController(app, paths)
            controller.start()
            shown = _wait(app, lambda: _visible(LoginDialog) and not _visible(MainWindow), 30)
            message = "smoke test: login dialog shown" if shown else "smoke test: failed"
        else:
            paths = AppPaths(Path(folder))
            # The real first run: Argon2id with the shipped parameters, encryption, login.
            first = Gate(paths).create_first_admin("smoke", "", secrets.token_urlsafe(16))
            first.services.site.initialise(SiteType.COMMUNE, "26740")
            controller = AppController(app, paths)
            controller.open_window(first.services)

            def ready() -> bool:
                return bool(
                    controller.window is not None
                    and controller.window.isVisible()
                    and controller.ui is not None
                    and controller.ui.runner.idle()
                )

            shown = _wait(app, ready, 30)
            message = "smoke test: main window shown" if shown else "smoke test: failed"
        controller.close()
    sys.stdout.write(message + "\n")
    return EXIT_OK if shown else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_application(sys.argv[:1])
    if args.smoke_test:
        return run_smoke_test(app, args.smoke_test, args.data_dir)
    paths = AppPaths.resolve(args.data_dir)
    paths.ensure()
    configure_logging(paths)
    clear_opened_copies(paths.data_dir)
    i18n.install(args.lang or str(ui_settings(paths).value(LANGUAGE_KEY, "vi")))
    controller = AppController(app, paths)
    controller.start()
    code = app.exec()
    controller.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
