"""Screenshot steps for logging in, the idle lock and the administrator's settings, for
scripts/screenshots_services.py (which runs them with its own: `--only security_login …`).

The scene is an encrypted commune installation made through the real first run (with the
test suite's cheap Argon2id parameters, so it takes a second), three users, demo people,
backups and an access log with something in it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from screenshot_kit import COMMUNE, SIZE, on_desktop, with_dialog

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.accounts import LoginFailed
from btxh_desktop.services.backup import StartupCheck
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate, Unlocked
from btxh_desktop.storage import keys
from btxh_desktop.storage.backup import list_backups
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.dialogs.recovery import RecoveryKeyDialog
from btxh_desktop.ui.dialogs.restore import DamagedDatabaseDialog
from btxh_desktop.ui.idle import IdleGuard
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.views.settings_view import SettingsPage

PASSWORD = "Hoa mai nở sớm 2026"


class StudioLike(Protocol):
    app: QApplication
    folder: Path
    font_points: int
    closers: list[Callable[[], None]]


@dataclass
class SecurityScene:
    paths: AppPaths
    services: Services
    ui: UiContext
    window: MainWindow
    runner: TaskRunner
    recovery_key: str

    def settle(self, app: QApplication) -> None:
        for _ in range(300):
            app.processEvents()
            if self.ui.runner.idle() and self.runner.idle():
                app.processEvents()
                if self.ui.runner.idle() and self.runner.idle():
                    break
            time.sleep(0.01)
        self.window.resize(*SIZE)
        app.processEvents()

    def close(self) -> None:
        self.window.close()
        self.ui.close()
        self.runner.shutdown()
        self.services.close()


_SCENES: dict[int, SecurityScene] = {}


def scene(studio: StudioLike) -> SecurityScene:
    found = _SCENES.get(id(studio))
    if found is None:
        found = _build(studio)
        _SCENES[id(studio)] = found
        studio.closers.append(found.close)
    return found


def _build(studio: StudioLike) -> SecurityScene:
    paths = AppPaths(studio.folder / "security")
    shipped = keys.DEFAULT_KDF
    keys.DEFAULT_KDF = keys.FAST_FOR_TESTS  # screenshots only: a second, not half a minute
    try:
        first = Gate(paths).create_first_admin("quantri", "Nguyễn Thị Thu", PASSWORD)
        services = first.services
        services.site.initialise(SiteType.COMMUNE, COMMUNE)
        services.demo.generate(60, seed=11)
        services.accounts.add_user("nhaplieu", "Trần Văn Nam", Role.DATA_ENTRY, "Tam thoi 2026")
        services.accounts.add_user("pheduyet", "Lê Thị Hồng", Role.APPROVER, "Tam thoi 2026")
        services.accounts.add_user("ketoan", "Phạm Minh Đức", Role.APPROVER, "Tam thoi 2026")
        services.accounts.disable_user("ketoan")
        services.backup.backup_now()
        for name in ("nhaplieu", "pheduyet"):
            Gate(paths).login(name, "Tam thoi 2026").close()
    finally:
        keys.DEFAULT_KDF = shipped
    ui = UiContext.create(services)
    window = MainWindow(ui)
    window.resize(*SIZE)
    window.apply_font_size(studio.font_points)
    studio.app.setStyleSheet(studio.app.styleSheet())
    window.show()
    built = SecurityScene(paths, services, ui, window, TaskRunner(), first.recovery_key)
    built.settle(studio.app)
    return built


# ---------------------------------------------------------------------- steps


def _shown(studio: StudioLike, dialog: QWidget) -> None:
    dialog.show()
    for _ in range(5):
        studio.app.processEvents()


def recovery_key(studio: StudioLike) -> QPixmap:
    built = scene(studio)
    dialog = RecoveryKeyDialog(built.recovery_key, "quantri", str(built.paths.data_dir))
    _shown(studio, dialog)
    shot = on_desktop(dialog)
    dialog.confirm.setChecked(True)
    dialog.accept()
    return shot


def login(studio: StudioLike) -> QPixmap:
    built = scene(studio)
    dialog = LoginDialog(Gate(built.paths), built.runner, last_user="nhaplieu")
    dialog.password.setText("sai mật khẩu")
    dialog._failed(LoginFailed("auth.failed", attempts_left=3))
    _shown(studio, dialog)
    shot = on_desktop(dialog)
    dialog.hide()
    return shot


def lockout(studio: StudioLike) -> QPixmap:
    built = scene(studio)
    dialog = LoginDialog(Gate(built.paths), built.runner, last_user="nhaplieu")
    dialog._failed(LoginFailed("auth.locked", seconds=28))
    _shown(studio, dialog)
    shot = on_desktop(dialog)
    dialog.countdown.stop()
    dialog.hide()
    return shot


def damaged(studio: StudioLike) -> QPixmap:
    built = scene(studio)
    newest = list_backups(built.paths.backups)[0]
    check = StartupCheck(False, "page 12: HMAC check failed", newest)
    dialog = DamagedDatabaseDialog(
        Gate(built.paths), built.runner, Unlocked("quantri", b"\0" * 32), check
    )
    _shown(studio, dialog)
    shot = on_desktop(dialog)
    dialog.hide()
    return shot


def lock_screen(studio: StudioLike) -> QPixmap:
    built = scene(studio)
    built.window.show_page("people")
    built.settle(studio.app)
    form = PersonForm(built.ui, parent=built.window)
    form.show()
    built.settle(studio.app)
    form.full_name.setText("Lò Thị Đang Nhập")
    guard = IdleGuard(built.window, built.ui, 10, clock=lambda: 0.0)
    guard.lock()
    built.settle(studio.app)
    assert guard.dialog is not None
    shot = with_dialog(built.window, form, guard.dialog)
    guard.unlock()
    guard.stop()
    form.hide()
    form.deleteLater()
    return shot


def settings_tab(studio: StudioLike, tab: int) -> tuple[SecurityScene, SettingsPage]:
    built = scene(studio)
    page = built.window.show_page("settings")
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentIndex(tab)
    built.settle(studio.app)
    return built, page


def settings_accounts(studio: StudioLike) -> QPixmap:
    built, page = settings_tab(studio, 1)
    page.select_user("nhaplieu")
    built.settle(studio.app)
    return built.window.grab()


def settings_backups(studio: StudioLike) -> QPixmap:
    built, page = settings_tab(studio, 2)
    page.backups_table.selectRow(0)
    built.settle(studio.app)
    return built.window.grab()


def settings_security(studio: StudioLike) -> QPixmap:
    built, _page = settings_tab(studio, 3)
    return built.window.grab()


def audit_log(studio: StudioLike) -> QPixmap:
    built, page = settings_tab(studio, 3)
    dialog = page.open_audit_log()
    built.settle(studio.app)
    dialog.resize(1240, 660)
    built.settle(studio.app)
    shot = with_dialog(built.window, dialog)
    dialog.close()
    return shot


SECURITY_STEPS: list[tuple[str, Callable[[StudioLike], QPixmap]]] = [
    ("security_recovery_key", recovery_key),
    ("security_login", login),
    ("security_lockout", lockout),
    ("security_damaged", damaged),
    ("security_lock_screen", lock_screen),
    ("security_settings_accounts", settings_accounts),
    ("security_settings_backups", settings_backups),
    ("security_settings_security", settings_security),
    ("security_audit_log", audit_log),
]
