"""From start to open services: first run, login, a lost key file, a damaged data file.

    NEW           → the set-up wizard: the site, the administrator, the recovery key once,
                    the sync server (or later) → open
    LOCKED        → log in → check the file (→ offer the latest good backup) → open
    KEYS_MISSING  → explain, choose a key file from a backup → LOCKED

Every gate call runs on the runner's worker (Argon2id, the integrity check and the daily
backup take from half a second to minutes); `dialog` is whatever is on screen, for tests.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.clock import system_today
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate, GateStatus, Unlocked
from btxh_desktop.storage.migrate import DatabaseTooNew
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.dialogs.login_kit import login_error_text
from btxh_desktop.ui.dialogs.restore import DamagedDatabaseDialog, KeysMissingDialog
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the backup service loads after the login dialog shows
    from btxh_desktop.services.backup import StartupCheck

log = logging.getLogger(__name__)

EXIT_QUIT = 0
EXIT_DATABASE = 3


class SignInFlow(QObject):
    signed_in = Signal(object)  # Services
    gave_up = Signal(int)  # the exit code

    def __init__(
        self,
        paths: AppPaths,
        runner: TaskRunner,
        *,
        last_user: str = "",
        today: Callable[[], dt.date] = system_today,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.gate = Gate(paths)
        self.runner = runner
        self.last_user = last_user
        self.today = today
        self.clock = clock
        self.dialog: QDialog | None = None
        self.login: LoginDialog | None = None
        self.message_box: QMessageBox | None = None

    def start(self) -> None:
        self.runner.run(self.gate.status, self._route, self._fatal)

    def _show(self, dialog: QDialog) -> None:
        previous = self.dialog
        self.dialog = dialog
        dialog.show()
        if previous is not None and previous is not dialog and previous is not self.login:
            previous.hide()
            previous.deleteLater()

    def _quit(self) -> None:
        self.gave_up.emit(EXIT_QUIT)

    def _route(self, status: GateStatus) -> None:
        if status is GateStatus.NEW:
            # Imported here: only the very first start needs the wizard.
            from btxh_desktop.ui.dialogs.first_run import FirstRunWizard

            wizard = FirstRunWizard(
                self.runner, gate=self.gate, data_folder=str(self.paths.data_dir), today=self.today
            )
            wizard.completed.connect(self._opened)
            wizard.rejected.connect(self._quit)
            self._show(wizard)
        elif status is GateStatus.KEYS_MISSING:
            missing = KeysMissingDialog(self.gate, self.runner)
            missing.installed.connect(self.start)
            missing.rejected.connect(self._quit)
            self._show(missing)
        else:
            self._show_login()

    # ------------------------------------------------------------------ login

    def _show_login(self) -> None:
        if self.login is None:
            self.login = LoginDialog(
                self.gate, self.runner, last_user=self.last_user, clock=self.clock
            )
            self.login.unlocked.connect(self._check)
            self.login.rejected.connect(self._quit)
        self._show(self.login)

    def _check(self, unlocked: Unlocked) -> None:
        self.runner.run(
            lambda: self.gate.startup_check(unlocked),
            lambda check: self._checked(unlocked, check),
            self._login_failed,
        )

    def _checked(self, unlocked: Unlocked, check: StartupCheck) -> None:
        if check.ok:
            self._open(unlocked)
            return
        damaged = DamagedDatabaseDialog(self.gate, self.runner, unlocked, check)
        damaged.restored.connect(lambda: self._restored(unlocked))
        damaged.rejected.connect(self._quit)
        if self.login is not None:
            self.login.hide()
        self._show(damaged)

    def _restored(self, unlocked: Unlocked) -> None:
        self._show_login()
        assert self.login is not None
        self.login.set_busy(self.login.tr("Opening the data…"))
        self._open(unlocked)

    def _open(self, unlocked: Unlocked) -> None:
        self.runner.run(
            lambda: self.gate.open(unlocked, today=self.today), self._opened, self._login_failed
        )

    def _opened(self, services: Services) -> None:
        for dialog in (self.dialog, self.login):
            if dialog is not None:
                dialog.hide()
                dialog.deleteLater()
        self.dialog = self.login = None
        self.signed_in.emit(services)

    def _login_failed(self, error: BaseException) -> None:
        if isinstance(error, DatabaseTooNew):
            self._fatal(error)
            return
        self._show_login()
        assert self.login is not None
        self.login.show_failure(error)

    def _fatal(self, error: BaseException) -> None:
        if isinstance(error, DatabaseTooNew):
            text = t("database.too_new", revision=error.revision)
        else:
            log.error("the program could not start", exc_info=error)
            text = login_error_text(error)
        box = QMessageBox(QMessageBox.Icon.Critical, "BTXH Desktop", text)
        box.finished.connect(lambda _result: self.gave_up.emit(EXIT_DATABASE))
        self.message_box = box
        box.open()
