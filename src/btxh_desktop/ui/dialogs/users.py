"""Accounts: the administrator's list of users and what can be done to them, and everyone's
own password change. Each dialog saves through one `AccountsService` call on the runner; the
service checks the role again, whatever the screen shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.accounts import LoginFailed, UserInfo
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.login_kit import NewPassword, login_error_text, password_edit
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.models.rows_model import Column
from btxh_desktop.ui.widgets.form_kit import FormDialog, translate


def role_name(role: Role) -> str:
    return t(f"role.{role.value}")


def local_time(moment: dt.datetime | None) -> str:
    """A UTC time from the database, as the clock on the wall shows it."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def user_state(user: UserInfo) -> str:
    if not user.active:
        return translate("Users", "Disabled")
    if user.must_change_password:
        return translate("Users", "Active (temporary password)")
    return translate("Users", "Active")


def user_columns() -> list[Column[UserInfo]]:
    return [
        Column(translate("Users", "User name"), lambda u: u.username),
        Column(translate("Users", "Full name"), lambda u: u.full_name),
        Column(translate("Users", "Role"), lambda u: role_name(u.role)),
        Column(translate("Users", "State"), user_state),
        Column(
            translate("Users", "Last login"),
            lambda u: local_time(u.last_login_at),
            sort=lambda u: u.last_login_at.isoformat() if u.last_login_at else "",
        ),
    ]


def role_box(current: Role = Role.DATA_ENTRY) -> QComboBox:
    box = QComboBox()
    for role in (Role.DATA_ENTRY, Role.APPROVER, Role.ADMIN):
        box.addItem(role_name(role), role.value)
    box.setCurrentIndex(box.findData(current.value))
    return box


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class _PasswordForm(FormDialog):
    """A form with a new password typed twice (its rows are "password" and "password_again")."""

    def __init__(
        self,
        ui: UiContext,
        title: str,
        submit_text: str,
        username: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ui, title, submit_text, parent)
        self.new_password = NewPassword(username, self)

    def add_password_rows(self, label: str, again: str) -> None:
        self.add_row("password", label, self.new_password.first)
        self.add_note(self.new_password.hint)
        self.add_row("password_again", again, self.new_password.again)
        self.add_note(self.new_password.show_box)

    def password_problem(self) -> bool:
        problem = self.new_password.problem()
        if problem is None:
            return False
        which, text = problem
        self.show_field_error("password" if which == "first" else "password_again", text)
        return True


class AddUserDialog(_PasswordForm):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        # The hint reads the user name only once something is typed (after this runs).
        super().__init__(
            ui, self.tr("Add a user"), self.tr("Add the user"), self._typed_username, parent
        )
        self.username = QLineEdit()
        self.username.setMaxLength(32)
        self.username.setPlaceholderText(self.tr("e.g. thu.nguyen"))
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.role = role_box()
        self.add_row("username", self.tr("User name"), self.username)
        self.add_row("full_name", self.tr("Full name"), self.full_name)
        self.add_row("role", self.tr("Role"), self.role)
        self.add_password_rows(self.tr("Temporary password"), self.tr("Temporary password again"))
        self.add_note(
            _note(
                self.tr(
                    "Give the temporary password to the person directly. They must choose "
                    "their own at their first login."
                )
            )
        )
        self.fit_to_screen(560)

    def _typed_username(self) -> str:
        return self.username.text()

    def request(self) -> Callable[[], object] | None:
        if self.password_problem():
            return None
        accounts = self.ui.services.accounts
        values = (
            self.username.text(),
            self.full_name.text(),
            Role(self.role.currentData()),
            self.new_password.value(),
        )
        return lambda: accounts.add_user(*values)


class ResetPasswordDialog(_PasswordForm):
    def __init__(self, ui: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            self.tr("Reset a password"),
            self.tr("Set the temporary password"),
            lambda: user.username,
            parent,
        )
        self.user = user
        self.add_note(
            _note(
                self.tr(
                    "A new temporary password for {name} ({username}). They must change it at "
                    "their next login."
                ).format(name=user.full_name or user.username, username=user.username)
            )
        )
        self.add_password_rows(self.tr("Temporary password"), self.tr("Temporary password again"))
        self.fit_to_screen(560)

    def request(self) -> Callable[[], object] | None:
        if self.password_problem():
            return None
        accounts, name, password = (
            self.ui.services.accounts,
            self.user.username,
            self.new_password.value(),
        )
        return lambda: accounts.reset_password(name, password)


class EnableUserDialog(ResetPasswordDialog):
    """A disabled account is opened again with a new temporary password."""

    def __init__(self, ui: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(ui, user, parent)
        self.setWindowTitle(self.tr("Enable an account"))
        self.submit_button.setText(self.tr("Enable the account"))

    def request(self) -> Callable[[], object] | None:
        if self.password_problem():
            return None
        accounts, name, password = (
            self.ui.services.accounts,
            self.user.username,
            self.new_password.value(),
        )
        return lambda: accounts.enable_user(name, password)


class ChangeRoleDialog(FormDialog):
    def __init__(self, ui: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Change the role"), self.tr("Change the role"), parent)
        self.user = user
        self.add_note(
            _note(
                self.tr("What {name} ({username}) may do on this PC:").format(
                    name=user.full_name or user.username, username=user.username
                )
            )
        )
        self.role = role_box(user.role)
        self.add_row("role", self.tr("Role"), self.role)
        self.add_note(
            _note(
                self.tr(
                    "Data entry records and corrects; an approver also decides, approves "
                    "payment lists and sees sensitive fields; an administrator also manages "
                    "users, settings, restores and the access log."
                )
            )
        )
        self.fit_to_screen(520)

    def request(self) -> Callable[[], object] | None:
        accounts, name, role = self.ui.services.accounts, self.user.username, self.role
        chosen = Role(role.currentData())
        return lambda: accounts.set_role(name, chosen)


class ChangePasswordDialog(_PasswordForm):
    """Everyone's own password: the current one first (a passer-by must not change it)."""

    def __init__(self, ui: UiContext, notice: str = "", parent: QWidget | None = None) -> None:
        actor = ui.services.ctx.actor
        super().__init__(
            ui,
            self.tr("Change my password"),
            self.tr("Change the password"),
            lambda: actor.username,
            parent,
        )
        if notice:
            self.show_message(notice)
        self.old_password = password_edit()
        self.add_row("old_password", self.tr("Current password"), self.old_password)
        self.add_password_rows(self.tr("New password"), self.tr("New password again"))
        self.fit_to_screen(540)
        self.old_password.setFocus()

    def request(self) -> Callable[[], object] | None:
        if self.password_problem():
            return None
        accounts, old, new = (
            self.ui.services.accounts,
            self.old_password.text(),
            self.new_password.value(),
        )
        return lambda: accounts.change_password(old, new)

    def show_error(self, error: BaseException) -> None:
        # The service names its fields "password" (the new one's rules) and "new_password"
        # (unchanged); a refused current password is a LoginFailed.
        if isinstance(error, LoginFailed):
            self.show_field_error("old_password", login_error_text(error))
            self.old_password.clear()
            self.old_password.setFocus()
        elif isinstance(error, DomainError) and error.field in ("password", "new_password"):
            self.show_field_error("password", t(error.code, **error.params))
        else:
            super().show_error(error)


class NewRecoveryKeyDialog(FormDialog):
    """An administrator replaces the recovery key (the paper was seen or lost)."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, self.tr("New recovery key"), self.tr("Make a new recovery key"), parent
        )
        self.add_note(
            _note(
                self.tr(
                    "Make a new recovery key when the paper was lost or someone else may have "
                    "seen it. The old key stops working. Confirm with your password."
                )
            )
        )
        self.password = password_edit()
        self.add_row("password", self.tr("Your password"), self.password)
        self.fit_to_screen(520)

    def request(self) -> Callable[[], object] | None:
        accounts, password = self.ui.services.accounts, self.password.text()
        return lambda: accounts.new_recovery_key(password)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, LoginFailed):
            self.show_field_error("password", login_error_text(error))
            self.password.clear()
        else:
            super().show_error(error)
