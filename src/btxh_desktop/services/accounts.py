"""Local accounts on this PC: who may log in, with which role, and their passwords.

Accounts (name, role, active) are rows of the encrypted database; passwords are not stored
anywhere — each one unwraps that user's copy of the database key in the key file
(storage/keys.py). So adding a user or changing a password rewrites a few hundred bytes of the
key file and never re-encrypts the database, and disabling a user removes their copy of the key.

Logging in happens before the database can be opened, in `services/gate.py`; this service is
what a logged-in session uses: the administrator's user management, a user's own password
change, and unlocking after the idle lock.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.passwords import PASSWORD_MAX, PASSWORD_MIN
from btxh_desktop.services.audit import AuditService, write_entries
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage import audit
from btxh_desktop.storage import keys as keystore
from btxh_desktop.storage.keys import AttemptLog, KeyFile, KeyFileError, LockoutPolicy
from btxh_desktop.storage.models import User, utcnow

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


class LoginFailed(DomainError):
    """A wrong password (`auth.failed`, with the attempts left before a delay) or an account
    that must wait (`auth.locked`, with the seconds to wait)."""

    def __init__(self, code: str, *, seconds: int = 0, attempts_left: int = 0) -> None:
        if code == "auth.locked":
            super().__init__(code, field="password", seconds=seconds)
        else:
            super().__init__(code, field="password", attempts_left=attempts_left)
        self.retry_after = seconds
        self.attempts_left = attempts_left


@dataclass(frozen=True)
class UserInfo:
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None

    @classmethod
    def of(cls, row: User) -> UserInfo:
        return cls(
            row.username,
            row.full_name,
            Role(row.role),
            row.active,
            row.must_change_password,
            row.created_at,
            row.last_login_at,
        )


def normalise_username(typed: str) -> str:
    return typed.strip().lower()


def check_username(typed: str) -> str:
    name = normalise_username(typed)
    if not _USERNAME.match(name):
        raise DomainError("user.username_invalid", field="username")
    return name


def check_password(password: str, username: str) -> None:
    """The rules a new password must meet (a pure check, raising the first problem)."""
    if len(password) < PASSWORD_MIN:
        raise DomainError("password.too_short", field="password", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise DomainError("password.too_long", field="password", max=PASSWORD_MAX)
    if password.strip().lower() == username.lower():
        raise DomainError("password.same_as_username", field="password")


def check_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise DomainError("user.role_invalid", field="role", role=str(role)) from None


def unwrap_or_fail(attempts: AttemptLog, name: str, unwrap: Callable[[], bytes | None]) -> bytes:
    """Try a password under the lockout rules: refuse while `name` must wait, count a
    failure, forget the failures on success."""
    wait = attempts.retry_after(name)
    if wait > 0:
        raise LoginFailed("auth.locked", seconds=wait)
    key = unwrap()
    if key is None:
        locked_for = attempts.record_failure(name)
        if locked_for > 0:
            raise LoginFailed("auth.locked", seconds=locked_for)
        raise LoginFailed("auth.failed", attempts_left=attempts.attempts_left(name))
    return key


class IdleLock:
    """When the screen should lock: `minutes` without activity. The GUI calls `touch()` on
    input and checks `due()` on a timer; locking hides the windows and asks for the password
    (`AccountsService.unlock`) but keeps the session — and any form being filled — open."""

    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = minutes * 60
        self.clock = clock
        self.last = clock()

    def touch(self) -> None:
        self.last = self.clock()

    def seconds_left(self) -> float:
        return max(0.0, self.seconds - (self.clock() - self.last))

    def due(self) -> bool:
        return self.seconds_left() <= 0


class AccountsService:
    def __init__(
        self,
        ctx: ServiceContext,
        clock: Callable[[], float] = time.time,
        policy: LockoutPolicy | None = None,
    ) -> None:
        self.ctx = ctx
        self.key_path = keystore.key_file_for(ctx.database.path)
        self.mirror = keystore.mirror_for(ctx.database.path, ctx.paths.backups)
        self.attempts = AttemptLog(
            keystore.attempts_file_for(ctx.database.path), policy or LockoutPolicy(), clock
        )

    # ------------------------------------------------------------------ helpers

    def _db_key(self) -> bytes:
        key = self.ctx.database.key
        if key is None:
            raise DomainError("accounts.first_admin_required")
        return key

    def _key_file(self) -> KeyFile:
        key = self._db_key()
        try:
            key_file = KeyFile.load(self.key_path)
        except KeyFileError:
            raise DomainError("keys.missing") from None
        if not key_file.verify(key):
            raise DomainError("keys.tampered")
        return key_file

    def _user(self, session: Session, username: str) -> User:
        row = session.get(User, normalise_username(username))
        if row is None:
            raise DomainError("user.not_found", field="username", username=username)
        return row

    def _active_admins(self, session: Session) -> int:
        return (
            session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.role == Role.ADMIN.value, User.active.is_(True))
            )
            or 0
        )

    # ------------------------------------------------------------------ reading

    def current(self) -> UserInfo:
        with self.ctx.read() as session:
            return UserInfo.of(self._user(session, self.ctx.actor.username))

    def must_change_password(self) -> bool:
        with self.ctx.read() as session:
            row = session.get(User, self.ctx.actor.username)
            return bool(row and row.must_change_password)

    def list_users(self) -> list[UserInfo]:
        require(self.ctx.actor, Permission.MANAGE_USERS)
        with self.ctx.read() as session:
            return [UserInfo.of(r) for r in session.scalars(select(User).order_by(User.username))]

    # ------------------------------------------------------------------ administrator

    def add_user(self, username: str, full_name: str, role: Role | str, password: str) -> UserInfo:
        """A new account with a first password the user must change at first login."""
        require(self.ctx.actor, Permission.MANAGE_USERS)
        name = check_username(username)
        chosen = check_role(role)
        check_password(password, name)
        key = self._db_key()
        key_file = self._key_file()
        with self.ctx.unit_of_work_unbound() as session:
            if session.get(User, name) is not None:
                raise DomainError("user.exists", field="username", username=name)
            row = User(
                username=name,
                full_name=full_name.strip(),
                role=chosen.value,
                active=True,
                must_change_password=True,
            )
            session.add(row)
            session.flush()
            # A slot left by an account that existed in a restored older copy is replaced.
            key_file.with_user(name, password, key, keystore.current_kdf()).save(
                self.key_path, key, self.mirror
            )
            return UserInfo.of(row)

    def set_role(self, username: str, role: Role | str) -> UserInfo:
        require(self.ctx.actor, Permission.MANAGE_USERS)
        chosen = check_role(role)
        with self.ctx.unit_of_work_unbound() as session:
            row = self._user(session, username)
            demoting = row.role == Role.ADMIN.value and chosen is not Role.ADMIN
            if demoting and row.active and self._active_admins(session) <= 1:
                raise DomainError("user.last_admin", field="role")
            row.role = chosen.value
            session.flush()
            return UserInfo.of(row)

    def disable_user(self, username: str) -> UserInfo:
        """The account can no longer log in: its row stays (the audit log names it) and its
        copy of the database key is removed from the key file."""
        require(self.ctx.actor, Permission.MANAGE_USERS)
        key = self._db_key()
        key_file = self._key_file()
        with self.ctx.unit_of_work_unbound() as session:
            row = self._user(session, username)
            if row.username == self.ctx.actor.username:
                raise DomainError("user.cannot_disable_self", field="username")
            if row.role == Role.ADMIN.value and row.active and self._active_admins(session) <= 1:
                raise DomainError("user.last_admin", field="username")
            row.active = False
            session.flush()
            key_file.without_user(row.username).save(self.key_path, key, self.mirror)
            return UserInfo.of(row)

    def enable_user(self, username: str, password: str) -> UserInfo:
        """Let a disabled account log in again, with a new first password."""
        require(self.ctx.actor, Permission.MANAGE_USERS)
        key = self._db_key()
        key_file = self._key_file()
        with self.ctx.unit_of_work_unbound() as session:
            row = self._user(session, username)
            check_password(password, row.username)
            row.active = True
            row.must_change_password = True
            row.password_changed_at = utcnow()
            session.flush()
            key_file.with_user(row.username, password, key, keystore.current_kdf()).save(
                self.key_path, key, self.mirror
            )
            return UserInfo.of(row)

    def reset_password(self, username: str, new_password: str) -> None:
        """An administrator sets a temporary password (the user must change it)."""
        require(self.ctx.actor, Permission.MANAGE_USERS)
        self._set_password(username, new_password, must_change=True)

    def new_recovery_key(self, password: str) -> str:
        """Issue a new recovery key (shown once); the old one stops working. The administrator
        confirms with their own password, as for any change a passer-by must not make."""
        require(self.ctx.actor, Permission.MANAGE_USERS)
        self.unlock(password)
        key = self._db_key()
        recovery = keystore.new_recovery_key()
        self._key_file().with_recovery(recovery, key, keystore.current_kdf()).save(
            self.key_path, key, self.mirror
        )
        AuditService(self.ctx).record("new_recovery_key", "keys")
        return recovery

    def record_login(self, failed_before: int, notes: dict[str, object] | None = None) -> None:
        """The login entry (with the wrong passwords tried since the last good one)."""
        name = self.ctx.actor.username
        detail = {"failed_attempts": failed_before, **(notes or {})}
        with self.ctx.unit_of_work_unbound() as session:
            self._user(session, name).last_login_at = utcnow()
            write_entries(session, [audit.entry(name, "login", "users", name, (), detail)])

    # ------------------------------------------------------------------ own account

    def change_password(self, old_password: str, new_password: str) -> None:
        self.unlock(old_password)
        # As bytes, NFC: compare_digest refuses non-ASCII str, and Vietnamese passwords
        # are typed in NFC or NFD (storage/keys.py normalises the same way).
        if hmac.compare_digest(
            keystore.secret_bytes(old_password), keystore.secret_bytes(new_password)
        ):
            raise DomainError("password.unchanged", field="new_password")
        self._set_password(self.ctx.actor.username, new_password, must_change=False)

    def unlock(self, password: str) -> None:
        """Check the current user's password (the idle lock, or confirming a sensitive change),
        under the same lockout rules as logging in. The session stays open throughout."""
        name = self.ctx.actor.username
        db_key = self._db_key()
        key_file = self._key_file()
        key = unwrap_or_fail(self.attempts, name, lambda: key_file.unwrap_user(name, password))
        if not hmac.compare_digest(key, db_key):
            raise DomainError("keys.tampered")
        self.attempts.record_success(name)

    def _set_password(self, username: str, new_password: str, *, must_change: bool) -> None:
        key = self._db_key()
        key_file = self._key_file()
        with self.ctx.unit_of_work_unbound() as session:
            row = self._user(session, username)
            if not row.active:
                raise DomainError("user.disabled", field="username", username=row.username)
            check_password(new_password, row.username)
            row.must_change_password = must_change
            row.password_changed_at = utcnow()
            session.flush()
            key_file.with_user(row.username, new_password, key, keystore.current_kdf()).save(
                self.key_path, key, self.mirror
            )
