"""The way in: first administrator, login, the check at start, and recovery.

Before login the database cannot be opened (it is encrypted and its key is wrapped by the
users' passwords), so this runs on the data folder alone. A GUI's login flow is:

    gate = Gate(paths)
    match gate.status():
        case GateStatus.NEW:  # show first.recovery_key once
            first = gate.create_first_admin(username, full_name, password)
        case GateStatus.LOCKED:
            services = gate.login(username, password)
        case GateStatus.KEYS_MISSING:  # copy a key file from a backup (docs/security.md)

`login` is `unlock` (password → key, under the lockout rules), `startup_check` (is the
file sound?) and `open` (migrate, find the account, daily backup). When the check fails it
raises `DatabaseDamaged` carrying the newest good backup; an administrator (by the backup's
own account list) or the holder of the recovery key can then `restore_damaged` it and `open`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.clock import system_today
from btxh_desktop.services.container import Services, open_database
from btxh_desktop.services.permissions import ROLE_PERMISSIONS, Permission, PermissionDenied
from btxh_desktop.storage import attachments as attachment_files
from btxh_desktop.storage import backup as files
from btxh_desktop.storage import keys as keystore
from btxh_desktop.storage import migrate
from btxh_desktop.storage.engine import Database, export_encrypted, fsync_directory, is_encrypted
from btxh_desktop.storage.keys import (
    AttemptLog,
    KeyFile,
    KeyFileError,
    LockoutPolicy,
    burn_time,
    key_file_for,
)

# The login dialog is built on a Gate, and it must show before SQLAlchemy, the models and
# the accounts service load (together several times a bare window's start). So what needs
# them is imported in the methods that do, which all run off the GUI thread after the
# dialog is up; status() and the constructor need only the key file and the folder.
if TYPE_CHECKING:
    from btxh_desktop.services.backup import StartupCheck

# Failed recovery-key attempts are counted under a name no account can have ('#').
RECOVERY_ATTEMPTS = "#recovery"


class GateStatus(StrEnum):
    NEW = "new"  # no accounts yet: create the administrator (this encrypts the database)
    LOCKED = "locked"  # accounts exist: log in
    KEYS_MISSING = "keys_missing"  # an encrypted database whose key file is lost


@dataclass(frozen=True)
class Unlocked:
    """Proof that a password (or the recovery key) opened the database key."""

    username: str  # "" for the recovery key
    key: bytes = field(repr=False)
    via_recovery: bool = False
    failed_before: int = 0  # wrong passwords since the last good one, for the login entry


@dataclass(frozen=True)
class FirstAdmin:
    services: Services
    recovery_key: str = field(repr=False)  # show it once, to be printed and locked away


class DatabaseDamaged(DomainError):
    def __init__(self, check: StartupCheck) -> None:
        if check.latest_good is not None:
            super().__init__("database.damaged", backup=str(check.latest_good.path))
        else:
            super().__init__("database.damaged_no_backup")
        self.check = check


class Gate:
    def __init__(
        self,
        paths: AppPaths,
        *,
        clock: Callable[[], float] = time.time,
        policy: LockoutPolicy | None = None,
    ) -> None:
        self.paths = paths
        self.database_path = paths.database
        self.key_path = key_file_for(paths.database)
        self.mirror = keystore.mirror_for(paths.database, paths.backups)
        self.attempts = AttemptLog(
            keystore.attempts_file_for(paths.database), policy or LockoutPolicy(), clock
        )
        self._work = paths.database.with_name(paths.database.name + ".encrypting")
        # Entries for the next `open` to write (things done before the database was open).
        self._pending_audit: list[dict[str, object]] = []

    # ------------------------------------------------------------------ state

    def _load_keys(self) -> tuple[KeyFile, bool]:
        """The key file, or else the newest copy kept with a backup. True when it is a copy."""
        try:
            return KeyFile.load(self.key_path), False
        except KeyFileError:
            pass
        for copy in self._copies():
            try:
                return KeyFile.load(copy), True
            except KeyFileError:
                continue
        raise DomainError("keys.missing")

    def _copies(self) -> list[Path]:
        """Copies of the key file, best first: the mirror, then each backup's, newest first."""
        backups = files.list_backups(self.paths.backups)
        return [self.mirror, *(key_file_for(info.path) for info in backups)]

    def status(self) -> GateStatus:
        try:
            self._load_keys()
        except DomainError:
            if is_encrypted(self.database_path):
                return GateStatus.KEYS_MISSING
            return GateStatus.NEW
        return GateStatus.LOCKED

    def retry_after(self, username: str) -> int:
        from btxh_desktop.services.accounts import normalise_username

        return self.attempts.retry_after(normalise_username(username))

    # ------------------------------------------------------------------ first run

    def create_first_admin(
        self,
        username: str,
        full_name: str,
        password: str,
        *,
        today: Callable[[], dt.date] = system_today,
    ) -> FirstAdmin:
        """Create the administrator and encrypt the database (an existing plain one is
        converted; its plain file and plain backups are overwritten and removed).

        Crash-safe order: the encrypted copy is completed and checked first, then the key
        file is written, then the copy replaces the plain file. A cut before the key file
        leaves the plain database as it was; a cut after it is finished at the next login."""
        from sqlalchemy.orm import Session

        from btxh_desktop.services.accounts import check_password, check_username
        from btxh_desktop.services.audit import write_entries
        from btxh_desktop.storage import audit
        from btxh_desktop.storage.models import User

        if self.status() is not GateStatus.NEW:
            raise DomainError("accounts.already_set_up")
        name = check_username(username)
        check_password(password, name)
        key = keystore.new_database_key()
        recovery = keystore.new_recovery_key()
        self.paths.ensure()
        for leftover in (self._work, Path(f"{self._work}-wal"), Path(f"{self._work}-shm")):
            leftover.unlink(missing_ok=True)
        existing = self.database_path.is_file() and self.database_path.stat().st_size > 0
        if existing:
            export_encrypted(self.database_path, None, self._work, key)
            if files.table_counts(self._work, key) != files.table_counts(self.database_path, None):
                raise DomainError("database.encryption_incomplete")
        database = Database.open(self._work, key)
        try:
            # No backup: the plain original stays untouched until the swap.
            migrate.upgrade(database, None)
            with Session(database.writer()) as session, session.begin():
                session.add(User(username=name, full_name=full_name.strip(), role=Role.ADMIN.value))
                session.flush()
                columns = [c.key for c in User.__table__.columns]
                write_entries(
                    session,
                    [
                        audit.entry(name, "create", "users", name, columns),
                        audit.entry(name, "encrypt", "database", None, (), {"existing": existing}),
                    ],
                )
        finally:
            database.close()
        files.fold_wal(self._work, key)
        KeyFile.create(key, name, password, recovery, keystore.current_kdf()).save(
            self.key_path, key, self.mirror
        )
        self._finish_encryption(key)
        services = self.open(Unlocked(name, key), today=today)
        return FirstAdmin(services, recovery)

    def _finish_encryption(self, key: bytes) -> None:
        """Replace the plain database by its encrypted copy, if a copy is waiting; then
        encrypt plain backups and plain attachment files (each resumes where a cut left it)."""
        if self._work.exists():
            if files.check_file(self._work, key) != "ok":
                raise DomainError("database.damaged_no_backup")
            if is_encrypted(self.database_path):
                raise DomainError("keys.mismatch")
            for suffix in ("-wal", "-shm"):
                files.overwrite_and_remove(Path(f"{self.database_path}{suffix}"))
            files.overwrite_and_remove(self.database_path)
            os.replace(self._work, self.database_path)
            fsync_directory(self.database_path.parent)
        files.encrypt_plain_copies(self.paths.backups, key)
        attachment_files.encrypt_plain_files(self.paths.attachments, key)

    # ------------------------------------------------------------------ login

    def unlock(self, username: str, password: str) -> Unlocked:
        from btxh_desktop.services.accounts import normalise_username, unwrap_or_fail

        name = normalise_username(username)
        key_file, from_copy = self._load_keys()

        def attempt() -> bytes | None:
            if name in key_file.users:
                return key_file.unwrap_user(name, password)
            burn_time(key_file.slowest_params())
            return None

        key = unwrap_or_fail(self.attempts, name, attempt)
        self._accept_key_file(key_file, key, from_copy)
        return Unlocked(name, key, failed_before=self.attempts.record_success(name))

    def unlock_with_recovery_key(self, recovery_key: str) -> Unlocked:
        from btxh_desktop.services.accounts import unwrap_or_fail

        key_file, from_copy = self._load_keys()
        key = unwrap_or_fail(
            self.attempts, RECOVERY_ATTEMPTS, lambda: key_file.unwrap_recovery(recovery_key)
        )
        self._accept_key_file(key_file, key, from_copy)
        self.attempts.record_success(RECOVERY_ATTEMPTS)
        return Unlocked("", key, via_recovery=True)

    def _accept_key_file(self, key_file: KeyFile, key: bytes, from_copy: bool) -> None:
        """A key file edited outside the app is replaced by the best copy that verifies; a
        copy used because the file was lost becomes the file again."""
        from btxh_desktop.storage import audit

        if key_file.verify(key) and not from_copy:
            return
        if not key_file.verify(key):
            key_file = self._verified_copy(key)
        key_file.save(self.key_path, key, self.mirror)
        self._pending_audit.append(audit.entry("", "restore", "keys", None, (), {"from": "backup"}))

    def _verified_copy(self, key: bytes) -> KeyFile:
        for path in self._copies():
            try:
                copy = KeyFile.load(path)
            except KeyFileError:
                continue
            if copy.verify(key):
                return copy
        raise DomainError("keys.tampered")

    def startup_check(self, unlocked: Unlocked, full: bool | None = None) -> StartupCheck:
        from btxh_desktop.services.backup import startup_check

        self._finish_encryption(unlocked.key)
        return startup_check(self.database_path, self.paths.backups, unlocked.key, full=full)

    def open(self, unlocked: Unlocked, *, today: Callable[[], dt.date] = system_today) -> Services:
        """Migrate, find the account, record the login, take the daily backup if due."""
        from sqlalchemy.orm import Session

        from btxh_desktop.services.audit import write_on
        from btxh_desktop.services.context import Actor, ServiceContext
        from btxh_desktop.storage.models import User

        if unlocked.via_recovery:
            raise DomainError("auth.recovery_key_not_a_login")
        self._finish_encryption(unlocked.key)
        database, result = open_database(self.paths, unlocked.key)
        try:
            with Session(database.engine) as session:
                row = session.get(User, unlocked.username)
                if row is None or not row.active:
                    raise DomainError("auth.account_disabled", username=unlocked.username)
                actor = Actor(row.username, Role(row.role), row.full_name)
                must_change = row.must_change_password
            if self._pending_audit:
                for entry in self._pending_audit:
                    entry["username"] = entry["username"] or actor.username
                write_on(database, self._pending_audit)
                self._pending_audit = []
        except BaseException:
            database.close()
            raise
        services = Services(ServiceContext(database, self.paths, actor, today), result)
        services.accounts.record_login(unlocked.failed_before)
        try:
            services.backup.ensure_daily()
        except DomainError as exc:
            # A full or failing disk must not keep people from working; they are told.
            services.notices.append(exc.code)
        if must_change:
            services.notices.append("auth.must_change_password")
        return services

    def login(
        self, username: str, password: str, *, today: Callable[[], dt.date] = system_today
    ) -> Services:
        unlocked = self.unlock(username, password)
        check = self.startup_check(unlocked)
        if not check.ok:
            raise DatabaseDamaged(check)
        return self.open(unlocked, today=today)

    # ------------------------------------------------------------------ recovery

    def reset_password_with_recovery_key(
        self, recovery_key: str, username: str, new_password: str
    ) -> None:
        """Forgotten password: the recovery key sets a new one for an active account."""
        from sqlalchemy.orm import Session

        from btxh_desktop.services.accounts import check_password, normalise_username
        from btxh_desktop.services.audit import write_entries
        from btxh_desktop.storage import audit
        from btxh_desktop.storage.models import User, utcnow

        unlocked = self.unlock_with_recovery_key(recovery_key)
        name = normalise_username(username)
        check_password(new_password, name)
        self._finish_encryption(unlocked.key)
        database, _ = open_database(self.paths, unlocked.key)
        try:
            with Session(database.writer()) as session, session.begin():
                row = session.get(User, name)
                if row is None or not row.active:
                    raise DomainError("user.not_found", field="username", username=name)
                key_file, _ = self._load_keys()
                key_file.with_user(name, new_password, unlocked.key, keystore.current_kdf()).save(
                    self.key_path, unlocked.key, self.mirror
                )
                row.must_change_password = False
                row.password_changed_at = utcnow()
                entry = audit.entry(name, "password_reset", "users", name, (), {"via": "recovery"})
                write_entries(session, [entry])
        finally:
            database.close()
        self.attempts.record_success(name)

    def restore_damaged(self, unlocked: Unlocked, backup: Path) -> Path:
        """Put a good backup in place of a damaged live file (kept aside for inspection).
        Allowed to the recovery key's holder and to an account that is an active
        administrator in the backup itself — the live account list cannot be read."""
        from btxh_desktop.services.backup import check_candidate, startup_check
        from btxh_desktop.storage import audit

        check = startup_check(self.database_path, self.paths.backups, unlocked.key, full=True)
        if check.ok:
            raise DomainError("database.not_damaged")
        check_candidate(backup, unlocked.key)
        if not unlocked.via_recovery and not _may_restore(backup, unlocked):
            raise PermissionDenied(Permission.RESTORE, unlocked.username)
        kept = files.copy_damaged(self.database_path, self.paths.backups)
        files.replace_live(backup, self.database_path, unlocked.key)
        self._pending_audit.append(
            audit.entry(
                unlocked.username,
                "restore",
                "database",
                None,
                (),
                {"file": backup.name, "safety_copy": kept.name, "damaged": True},
            )
        )
        return kept

    def install_key_file(self, source: Path) -> None:
        """KEYS_MISSING: put back a key file copied from a backup kept elsewhere (a USB
        stick). Any copy of this installation's key file will do: the database key never
        changes, and the passwords valid when that copy was made open it."""
        try:
            KeyFile.load(source)
        except KeyFileError:
            raise DomainError("keys.unreadable", field="path", name=source.name) from None
        self.paths.ensure()
        files.copy_file(source, self.key_path)
        fsync_directory(self.key_path.parent)

    def restore_onto_new_pc(self, backup: Path) -> None:
        """Set up this PC from a backup (and the key file copied with it): nothing is
        unlocked here, the passwords valid when the backup was taken open it afterwards."""
        if self.status() is not GateStatus.NEW or self.database_path.exists():
            raise DomainError("backup.live_database_exists")
        if not backup.is_file():
            raise DomainError("backup.not_found", field="path", name=backup.name)
        keys = key_file_for(backup)
        if is_encrypted(backup) and not keys.is_file():
            raise DomainError("backup.keys_missing", field="path", name=backup.name)
        self.paths.ensure()
        files.copy_file(backup, self.database_path)
        if keys.is_file():
            files.copy_file(keys, self.key_path)
        fsync_directory(self.database_path.parent)


def _may_restore(backup: Path, unlocked: Unlocked) -> bool:
    account = files.read_account(backup, unlocked.key, unlocked.username)
    if account is None:
        return False
    role, active = account
    return active and Permission.RESTORE in ROLE_PERMISSIONS[Role(role)]
