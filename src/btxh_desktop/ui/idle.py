"""The idle lock: after `idle_lock_minutes` without a key press or mouse movement anywhere
in the program, every window is covered and the user's password is asked for.

An application-wide event filter notes input (`IdleLock.touch`); a timer asks whether the
period has passed. Locking covers each visible window (the main window, an open person form,
a message) and shows `LockDialog`, application-modal, so nothing underneath takes input. No
window is closed, hidden or rebuilt, so whatever was typed is still there after unlocking.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from btxh_desktop.services.accounts import IdleLock
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.lock import LockCover, LockDialog

CHECK_MS = 5_000
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)
_NOT_COVERED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


class IdleGuard(QObject):
    locked = Signal()
    unlocked = Signal()
    logout_confirmed = Signal()

    def __init__(
        self,
        window: QWidget,
        ui: UiContext,
        minutes: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.ui = ui
        self.clock = clock
        self.minutes = minutes
        self.idle = IdleLock(minutes, clock)
        self.covers: list[LockCover] = []
        self.dialog: LockDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._focus: QWidget | None = None
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def set_minutes(self, minutes: int) -> None:
        """A new period from the settings applies at once (counted from the last input)."""
        self.minutes = minutes
        self.idle.seconds = minutes * 60

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # ------------------------------------------------------------------ watching

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT:
            if self.dialog is None:
                self.idle.touch()
        elif (
            kind == QEvent.Type.Show
            and self.dialog is not None
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and self._coverable(watched)
        ):
            # A window that appears while locked (a message from a finished job) is covered.
            self._cover(watched)
        return False

    def check(self) -> None:
        if self.dialog is None and self.idle.due():
            self.lock()

    # ------------------------------------------------------------------ locking

    def _inside_lock(self, widget: QWidget) -> bool:
        current: QWidget | None = widget
        while current is not None:
            if current is self.dialog:
                return True
            current = current.parentWidget()
        return False

    def _coverable(self, widget: QWidget) -> bool:
        if widget.windowType() in _NOT_COVERED or self._inside_lock(widget):
            return False
        return not any(c.target is widget for c in self.covers)

    def _cover(self, window: QWidget) -> None:
        self.covers.append(
            LockCover(
                window,
                self.tr("Locked"),
                self.tr("BTXH Desktop is locked. Only {name} can unlock it.").format(
                    name=self._user_name()
                ),
            )
        )

    def _user_name(self) -> str:
        actor = self.ui.services.ctx.actor
        return actor.full_name or actor.username

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self._focus = QApplication.focusWidget()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and self._coverable(window):
                self._cover(window)
        dialog = LockDialog(
            self.ui.services.accounts.unlock,
            self.ui.runner,
            self.ui.services.ctx.actor,
            self.minutes,
            parent=self.window,
            clock=self.clock,
        )
        dialog.unlocked.connect(self.unlock)
        dialog.logout_requested.connect(self.ask_logout)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.locked.emit()

    def unlock(self) -> None:
        if self.dialog is None:
            return
        for cover in self.covers:
            if shiboken6.isValid(cover):
                cover.remove()
        self.covers.clear()
        dialog, self.dialog = self.dialog, None
        dialog.finish()
        dialog.deleteLater()
        self.idle.touch()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unlocked.emit()

    # ------------------------------------------------------------------ logging out

    def open_forms(self) -> list[QWidget]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and not self._inside_lock(w)
        ]

    def ask_logout(self) -> QMessageBox:
        forms = len(self.open_forms())
        text = self.tr("Log out? The program will close.")
        if forms:
            text += " " + self.tr(
                "{count} open windows will be closed: whatever was typed in them and not "
                "saved will be lost."
            ).format(count=forms)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Log out"), text, parent=self.dialog)
        leave = box.addButton(self.tr("Log out and close"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.finished.connect(lambda _result: self._logout_answered(box.clickedButton() is leave))
        self.confirm_box = box
        box.open()
        return box

    def _logout_answered(self, confirmed: bool) -> None:
        self.confirm_box = None
        if confirmed:
            self.logout_confirmed.emit()
