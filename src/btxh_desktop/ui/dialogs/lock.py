"""The lock screen: every window covered, one small dialog asking for the same user's password.

Nothing underneath is closed or recreated: a half-typed form is exactly as it was after
unlocking. Only the user who was working can unlock; anyone else can only log that user out,
which closes the program after saying that unsaved forms will be lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.accounts import LoginFailed
from btxh_desktop.services.context import Actor
from btxh_desktop.ui.dialogs.login_kit import (
    Countdown,
    countdown_text,
    fit_to_contents,
    login_error_text,
    password_edit,
    role_label,
)
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.widgets.form_kit import error_label, heading

COVER_STYLE = (
    "QWidget#lock_cover { background: #1f3a5f; }"
    " QLabel#lock_cover_title { color: #ffffff; font-size: 20pt; font-weight: bold; }"
    " QLabel#lock_cover_text { color: #dce6f2; }"
)


class LockCover(QWidget):
    """An opaque cover over one window's contents, following its size."""

    def __init__(self, window: QWidget, title: str, text: str) -> None:
        super().__init__(window)
        self.target = window
        self.setObjectName("lock_cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(COVER_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 48, 24, 24)
        heading_label = QLabel(title)
        heading_label.setObjectName("lock_cover_title")
        heading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading_label)
        body = QLabel(text)
        body.setObjectName("lock_cover_text")
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        layout.addWidget(body)
        layout.addStretch(1)  # at the top: the lock dialog sits in the middle
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.setGeometry(self.target.rect())
            self.raise_()
        return False

    def remove(self) -> None:
        self.target.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(QDialog):
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        unlock: Callable[[str], None],
        runner: TaskRunner,
        actor: Actor,
        minutes: int,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self.runner = runner
        self._busy = False
        self.setWindowTitle(self.tr("BTXH Desktop — locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The program is locked")))
        explain = QLabel(
            self.tr(
                "It locked itself after {minutes} minutes without use, so that nobody else "
                "can see or change the records. Open forms are kept as they were."
            ).format(minutes=minutes)
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name = f"{actor.full_name} ({actor.username})" if actor.full_name else actor.username
        self.user = QLabel(name)
        self.password = password_edit()
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.logout_button = QPushButton(self.tr("Log out…"))
        self.logout_button.setAutoDefault(False)
        self.logout_button.clicked.connect(self.logout_requested)
        row.addWidget(self.logout_button)
        row.addStretch(1)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        self.countdown = Countdown(clock, self)
        self.countdown.tick.connect(self._waiting)
        self.countdown.ended.connect(self._wait_over)
        fit_to_contents(self, 540, slack_lines=2)
        self.password.setFocus()

    # Esc and the close button do not dismiss the lock.
    def reject(self) -> None:
        return

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def submit(self) -> None:
        if self._busy or self.countdown.running():
            return
        password = self.password.text()
        if not password:
            self.show_message(self.tr("Type your password."))
            self.password.setFocus()
            return
        self._busy = True
        self.unlock_button.setEnabled(False)
        self.show_message(self.tr("Checking the password…"), "notice")
        self.runner.run(lambda: self._unlock(password), self._ok, self._failed)

    def _ok(self, _none: object) -> None:
        self._busy = False
        self.password.clear()
        self.show_message("")
        self.unlocked.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, LoginFailed) and error.code == "auth.locked":
            self.countdown.start(error.retry_after)
        else:
            self.show_message(login_error_text(error))

    def _waiting(self, seconds: int) -> None:
        self.unlock_button.setEnabled(False)
        self.show_message(countdown_text(seconds))

    def _wait_over(self) -> None:
        self.unlock_button.setEnabled(not self._busy)
        self.show_message(self.tr("You can try again now."), "notice")

    def show_message(self, text: str, role: str = "error") -> None:
        role_label(self.message, role)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def finish(self) -> None:
        """Close for good (unlocked): bypasses the refusal above."""
        self.countdown.stop()
        super().accept()
