"""Logging in, and setting a forgotten password with the recovery key.

The password is checked off the GUI thread (Argon2id takes about half a second on purpose).
A wrong password says how many tries are left; after too many, the button stays disabled
with a live "try again in 28 seconds" until the wait is over. The wait is the gate's (kept in
a file across restarts); the dialog only shows it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.ui.dialogs.login_kit import (
    Countdown,
    NewPassword,
    countdown_text,
    fit_to_contents,
    link_button,
    login_error_text,
    monospace,
    password_edit,
    role_label,
    show_passwords_box,
)
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.widgets.form_kit import error_label, heading

# The dialog must show before the accounts service loads (it is imported where a refusal is
# handled, by then loaded); the gate is only called off the GUI thread.
if TYPE_CHECKING:
    from btxh_desktop.services.gate import Gate, Unlocked


class LoginDialog(QDialog):
    unlocked = Signal(object)  # Unlocked

    def __init__(
        self,
        gate: Gate,
        runner: TaskRunner,
        *,
        last_user: str = "",
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self.runner = runner
        self.forgot_dialog: ForgotPasswordDialog | None = None
        self._busy = False
        self.setWindowTitle(self.tr("BTXH Desktop — log in"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Log in")))
        intro = QLabel(self.tr("Social assistance records. Type your user name and password."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit(last_user)
        self.username.setMaxLength(32)
        self.password = password_edit()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.show_box = show_passwords_box(self.password)
        form.addRow("", self.show_box)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)

        row = QHBoxLayout()
        self.forgot_button = QPushButton(self.tr("Forgot the password?"))
        link_button(self.forgot_button)
        self.forgot_button.clicked.connect(self.show_forgot)
        row.addWidget(self.forgot_button)
        row.addStretch(1)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        row.addWidget(self.quit_button)
        row.addWidget(self.login_button)
        layout.addLayout(row)

        self.countdown = Countdown(clock, self)
        self.countdown.tick.connect(self._waiting)
        self.countdown.ended.connect(self._wait_over)
        self.username.textEdited.connect(self._name_changed)
        fit_to_contents(self, 540, slack_lines=2)
        (self.password if last_user else self.username).setFocus()

    # ------------------------------------------------------------------ logging in

    def submit(self) -> None:
        if self._busy or self.countdown.running():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.show_message(self.tr("Type your user name."))
            self.username.setFocus()
            return
        if not password:
            if not self.username.hasFocus():  # Enter after the user name just moves on
                self.show_message(self.tr("Type your password."))
            self.password.setFocus()
            return
        self.set_busy(self.tr("Checking the password…"))
        self.runner.run(lambda: self.gate.unlock(username, password), self._ok, self._failed)

    def _ok(self, unlocked: Unlocked) -> None:
        self.set_busy(self.tr("Opening the data…"))
        self.unlocked.emit(unlocked)

    def _failed(self, error: BaseException) -> None:
        from btxh_desktop.services.accounts import LoginFailed

        self.set_idle()
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, LoginFailed) and error.code == "auth.locked":
            self.countdown.start(error.retry_after)
            return
        self.show_message(login_error_text(error))

    def show_failure(self, error: BaseException) -> None:
        """A problem after the password was accepted (an account disabled meanwhile, a
        database from a newer version): said here, and the user may try again."""
        self.set_idle()
        self.show_message(login_error_text(error))

    def set_busy(self, text: str) -> None:
        self._busy = True
        for widget in (self.login_button, self.username, self.password, self.forgot_button):
            widget.setEnabled(False)
        role_label(self.message, "notice")
        self.message.setText(text)
        self.message.show()

    def set_idle(self) -> None:
        self._busy = False
        for widget in (self.login_button, self.username, self.password, self.forgot_button):
            widget.setEnabled(True)

    def show_message(self, text: str, role: str = "error") -> None:
        role_label(self.message, role)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------------ the wait

    def _waiting(self, seconds: int) -> None:
        self.login_button.setEnabled(False)
        self.show_message(countdown_text(seconds))

    def _wait_over(self) -> None:
        self.login_button.setEnabled(not self._busy)
        self.show_message(self.tr("You can try again now."), "notice")

    def _name_changed(self) -> None:
        # The wait belongs to the name that was tried (each account counts its own).
        if self.countdown.running():
            self.countdown.stop()
            self.login_button.setEnabled(True)
            self.show_message("")

    # ------------------------------------------------------------------ forgotten password

    def show_forgot(self) -> ForgotPasswordDialog:
        dialog = ForgotPasswordDialog(self.gate, self.runner, self.username.text(), self)
        dialog.reset_done.connect(self._reset_done)
        self.forgot_dialog = dialog
        dialog.open()
        return dialog

    def _reset_done(self, username: str) -> None:
        self.countdown.stop()
        self.set_idle()
        self.username.setText(username)
        self.password.clear()
        self.password.setFocus()
        self.show_message(self.tr("The new password is set. Log in with it."), "notice")


class ForgotPasswordDialog(QDialog):
    """The recovery key (from the sealed envelope) sets a new password for an account."""

    reset_done = Signal(str)  # the user name

    def __init__(
        self, gate: Gate, runner: TaskRunner, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self.runner = runner
        self.setWindowTitle(self.tr("Forgotten password"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Set a new password with the recovery key")))
        intro = QLabel(
            self.tr(
                "The recovery key is on the paper made when the program was set up (kept by "
                "the administrator, usually in the office safe). Capitals, spaces and dashes "
                "do not matter."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        monospace(self.recovery_key, 1)
        self.username = QLineEdit(username)
        self.new_password = NewPassword(self.username.text, self)
        form.addRow(self.tr("Recovery key"), self.recovery_key)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("New password"), self.new_password.first)
        form.addRow("", self.new_password.hint)
        form.addRow(self.tr("New password again"), self.new_password.again)
        form.addRow("", self.new_password.show_box)
        layout.addLayout(form)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.submit_button = QPushButton(self.tr("Set the new password"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        row.addWidget(self.cancel_button)
        row.addWidget(self.submit_button)
        layout.addLayout(row)
        fit_to_contents(self, 660, slack_lines=2)
        self.recovery_key.setFocus()

    def show_message(self, text: str, role: str = "error") -> None:
        role_label(self.message, role)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def submit(self) -> None:
        if not self.submit_button.isEnabled():
            return
        key, username = self.recovery_key.text(), self.username.text().strip()
        if not key.strip():
            self.show_message(self.tr("Type the recovery key."))
            self.recovery_key.setFocus()
            return
        if not username:
            self.show_message(self.tr("Type the user name whose password is forgotten."))
            self.username.setFocus()
            return
        problem = self.new_password.problem()
        if problem is not None:
            self.show_message(problem[1])
            fields = self.new_password
            (fields.first if problem[0] == "first" else fields.again).setFocus()
            return
        password = self.new_password.value()
        self.submit_button.setEnabled(False)
        self.show_message(self.tr("Checking the recovery key…"), "notice")
        self.runner.run(
            lambda: self.gate.reset_password_with_recovery_key(key, username, password),
            lambda _none: self._done(username),
            self._failed,
        )

    def _done(self, username: str) -> None:
        self.reset_done.emit(username)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from btxh_desktop.services.accounts import LoginFailed

        self.submit_button.setEnabled(True)
        if isinstance(error, LoginFailed) and error.code == "auth.locked":
            self.show_message(
                self.tr("Too many wrong recovery keys. Try again in {seconds} seconds.").format(
                    seconds=error.retry_after
                )
            )
        elif isinstance(error, LoginFailed):
            self.show_message(
                self.tr(
                    "This is not the recovery key. {count} more tries before a short wait."
                ).format(count=error.attempts_left)
            )
            self.recovery_key.setFocus()
        elif isinstance(error, DomainError):
            self.show_message(t(error.code, **error.params))
        else:
            self.show_message(login_error_text(error))
