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

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

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

SIZE = (1366, 768)
TITLE_BAR = 30
COMMUNE = "26740"
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


# ---------------------------------------------------------------------- drawing


def _frame(shot: QPixmap, dialog: QWidget, offset: QPoint | None = None) -> None:
    """Draw `dialog` with a plain title bar, centred on `shot` (moved by `offset`)."""
    inner = dialog.grab()
    painter = QPainter(shot)
    width, height = inner.width(), inner.height() + TITLE_BAR
    top_left = QPoint((shot.width() - width) // 2, max(0, (shot.height() - height) // 2))
    if offset is not None:
        top_left += offset
    frame = QRect(top_left.x(), top_left.y(), width, height)
    painter.fillRect(frame.adjusted(-1, -1, 1, 1), QColor("#5a6b80"))
    painter.fillRect(QRect(frame.x(), frame.y(), width, TITLE_BAR), QColor("#e6eaf0"))
    font = QFont(dialog.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1a1a1a"))
    painter.drawText(
        QRect(frame.x() + 10, frame.y(), width - 20, TITLE_BAR),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(frame.x(), frame.y() + TITLE_BAR, inner)
    painter.end()


def on_desktop(dialog: QWidget) -> QPixmap:
    """A dialog shown before any window exists, on an empty desktop."""
    shot = QPixmap(*SIZE)
    shot.fill(QColor("#2d4a6b"))
    _frame(shot, dialog)
    return shot


def over_window(window: QWidget, *dialogs: QWidget) -> QPixmap:
    shot = window.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    painter.end()
    for number, dialog in enumerate(dialogs):
        _frame(shot, dialog, QPoint(40 * (len(dialogs) - 1 - number), 30 * number))
    return shot


def _shown(studio: StudioLike, dialog: QWidget) -> None:
    dialog.show()
    for _ in range(5):
        studio.app.processEvents()


# ---------------------------------------------------------------------- steps


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
    shot = over_window(built.window, form, guard.dialog)
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
    shot = over_window(built.window, dialog)
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
