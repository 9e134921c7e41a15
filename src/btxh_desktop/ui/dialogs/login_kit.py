"""What the login, first-run, lock and account dialogs share: password fields with a
strength hint, the live "try again in 28 seconds" countdown, and the text for a refused
password.

The rules a password must meet are the service's (`services.accounts.check_password`); the
hint here only helps people choose one, and additionally refuses the handful of passwords
every guesser tries first.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QWidget

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.passwords import PASSWORD_MIN
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.widgets.form_kit import error_text

translate = QCoreApplication.translate

# What guessers try first (and what people pick when told "at least 8 characters").
COMMON_PASSWORDS = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "11111111",
        "00000000",
        "88888888",
        "66666666",
        "12341234",
        "abc12345",
        "abcd1234",
        "qwertyui",
        "qwerty123",
        "password",
        "password1",
        "matkhau",
        "matkhau1",
        "matkhau123",
        "admin123",
        "quantri123",
        "iloveyou",
        "a1234567",
    }
)


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    GOOD = 3
    STRONG = 4


def strength(password: str, username: str = "") -> Strength:
    if len(password) < PASSWORD_MIN:
        return Strength.TOO_SHORT
    folded = password.strip().lower()
    if folded in COMMON_PASSWORDS or folded == username.strip().lower() or len(set(folded)) <= 3:
        return Strength.WEAK
    kinds = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() or not c.isascii() for c in password),
        )
    )
    if len(password) >= 16 or (len(password) >= 12 and kinds >= 3):
        return Strength.STRONG
    if len(password) >= 12 or kinds >= 3:
        return Strength.GOOD
    return Strength.FAIR


def strength_text(level: Strength) -> str:
    texts = {
        Strength.TOO_SHORT: translate("LoginKit", "Too short: at least {count} characters.").format(
            count=PASSWORD_MIN
        ),
        Strength.WEAK: translate(
            "LoginKit", "Too easy to guess. Choose a short sentence you will remember."
        ),
        Strength.FAIR: translate(
            "LoginKit", "Acceptable. A longer password (12 characters or more) is safer."
        ),
        Strength.GOOD: translate("LoginKit", "Good."),
        Strength.STRONG: translate("LoginKit", "Strong."),
    }
    return texts[level]


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(256)
    return edit


def show_passwords_box(*edits: QLineEdit) -> QCheckBox:
    """ "Show the password": people who type slowly on an unfamiliar keyboard need to see it."""
    box = QCheckBox(translate("LoginKit", "Show the password"))

    def toggle(shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in edits:
            edit.setEchoMode(mode)

    box.toggled.connect(toggle)
    return box


def role_label(label: QLabel, role: str) -> None:
    """Colour a message label: "error" (red), "warning", "notice" (green) or ""."""
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


class NewPassword(QObject):
    """A new password typed twice, with a hint that updates as it is typed."""

    def __init__(self, username: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._username = username
        self.first = password_edit()
        self.again = password_edit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.show_box = show_passwords_box(self.first, self.again)
        self.first.textChanged.connect(self.update_hint)
        self.update_hint()

    def update_hint(self) -> None:
        text = self.first.text()
        if not text:
            self.hint.setText(
                translate(
                    "LoginKit", "At least {count} characters; a short sentence is best."
                ).format(count=PASSWORD_MIN)
            )
            role_label(self.hint, "")
            return
        level = strength(text, self._username())
        self.hint.setText(strength_text(level))
        if level <= Strength.WEAK:
            role_label(self.hint, "error")
        else:
            role_label(self.hint, "warning" if level == Strength.FAIR else "notice")

    def value(self) -> str:
        return self.first.text()

    def problem(self) -> tuple[str, str] | None:
        """(which field, what is wrong) before asking the service, or None."""
        level = strength(self.first.text(), self._username())
        if level == Strength.TOO_SHORT:
            return "first", t("password.too_short", min=PASSWORD_MIN)
        if level == Strength.WEAK:
            return "first", translate(
                "LoginKit", "This password is too easy to guess. Please choose another."
            )
        if self.first.text() != self.again.text():
            return "again", t("password.mismatch")
        return None

    def clear(self) -> None:
        self.first.clear()
        self.again.clear()


def countdown_text(seconds: int) -> str:
    if seconds >= 60:
        return translate(
            "LoginKit", "Too many wrong passwords. Try again in {minutes} min {seconds} s."
        ).format(minutes=seconds // 60, seconds=seconds % 60)
    return translate(
        "LoginKit", "Too many wrong passwords. Try again in {seconds} seconds."
    ).format(seconds=seconds)


class Countdown(QObject):
    """Ticks once a second until a lockout ends: `tick(seconds_left)`, then `ended()`."""

    tick = Signal(int)
    ended = Signal()

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.until = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.update)

    def start(self, seconds: int) -> None:
        self.until = self.clock() + seconds
        self.timer.start()
        self.update()

    def left(self) -> int:
        return max(0, math.ceil(self.until - self.clock()))

    def running(self) -> bool:
        return self.timer.isActive()

    def update(self) -> None:
        left = self.left()
        if left <= 0:
            self.timer.stop()
            self.ended.emit()
        else:
            self.tick.emit(left)

    def stop(self) -> None:
        self.timer.stop()


def login_error_text(error: BaseException) -> str:
    """A refused password in plain words: how many tries are left, or how long to wait."""
    # Not imported at the top: the login dialog shows before the accounts service loads, and
    # a LoginFailed can only come from it once it has.
    from btxh_desktop.services.accounts import LoginFailed

    if isinstance(error, LoginFailed) and error.code == "auth.locked":
        return countdown_text(error.retry_after)
    if isinstance(error, DomainError):
        return t(error.code, **error.params)
    return error_text(error)


def fit_to_contents(dialog: QWidget, width: int, slack_lines: int = 0) -> None:
    """Open `width` wide and as tall as the contents need at that width, plus room for
    `slack_lines` lines of a message that may appear (the dialog grows beyond that)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    if height < 0:
        height = layout.totalSizeHint().height()
    extra = slack_lines * dialog.fontMetrics().lineSpacing()
    dialog.resize(width, height + extra)


def link_button(button: QPushButton) -> None:
    """A quiet button that reads like a link ("Quên mật khẩu?")."""
    button.setFlat(True)
    button.setAutoDefault(False)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(
        "QPushButton { color: #1f5fa8; text-decoration: underline; border: none;"
        " padding: 4px 2px; } QPushButton:disabled { color: #8a8a8a; }"
    )


def monospace(widget: QWidget, points_extra: int = 4) -> None:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(max(8, widget.font().pointSize() + points_extra))
    font.setBold(True)
    widget.setFont(font)
