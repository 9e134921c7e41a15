"""Backups as the user sees them: make one now, list them, restore one, check at start.

Copies are encrypted like the live file (they are copies of it), checked before they count,
and rotated by the policy in the settings. An automatic copy is taken at login when the newest
is more than a day old, and before every migration and every restore, so a restore can itself
be undone. Restoring replaces the whole database, which only an administrator may do.

`restore` must be called with no other database work in flight (from the GUI's database
worker, with nothing else queued): the file under the open engine is swapped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.audit import AuditService
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.services.settings import load_settings
from btxh_desktop.storage import audit, migrate
from btxh_desktop.storage import backup as files
from btxh_desktop.storage.backup import BackupFailed, BackupInfo, BackupKind
from btxh_desktop.storage.engine import fsync_directory
from btxh_desktop.storage.keys import key_file_for

DAILY = dt.timedelta(days=1)


@dataclass(frozen=True)
class StartupCheck:
    """The result of the check at start: `ok`, or what is wrong and the newest backup that
    passes its own check (None if there is none). `full` says which check ran."""

    ok: bool
    problem: str | None = None
    latest_good: BackupInfo | None = None
    full: bool = True


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path  # the live file as it was just before (pre-restore or damaged copy)
    from_revision: str


def daily_due(backups: Path, now: dt.datetime | None = None) -> bool:
    """No restorable backup from the last 24 hours: the first login of a day."""
    newest = next((b for b in files.list_backups(backups) if b.kind.restorable), None)
    return newest is None or (now or dt.datetime.now()) - newest.created_at >= DAILY


def startup_check(
    database_path: Path, backups: Path, key: bytes | None, *, full: bool | None = None
) -> StartupCheck:
    """The check at login. The full `quick_check` runs at the first login of a day (when the
    daily backup is due, so the copy taken next is known to come from a sound file) or when
    asked; other logins of an encrypted database verify every page's HMAC, which is what a
    dying disk breaks, at a third of the cost (storage/backup.check_live)."""
    thorough = daily_due(backups) if full is None else full
    problem = files.check_live(database_path, key, full=thorough)
    if problem == "ok":
        return StartupCheck(True, full=thorough)
    return StartupCheck(False, problem, files.latest_good(backups, key), thorough)


def known_revision(revision: str | None) -> bool:
    return revision is not None and any(
        r.revision == revision for r in migrate.script_directory().walk_revisions()
    )


def check_candidate(path: Path, key: bytes | None) -> str:
    """A file offered for restore must open with this database's key, pass its check and
    come from this app (or an older version of it). Returns its schema revision."""
    problem = files.check_file(path, key)
    if problem == "missing":
        raise DomainError("backup.not_found", field="path", name=path.name)
    if problem == "unreadable":
        raise DomainError("backup.wrong_key", field="path", name=path.name)
    if problem != "ok":
        raise DomainError("backup.damaged", field="path", name=path.name)
    revision = files.revision_of(path, key)
    if not known_revision(revision):
        raise DomainError("backup.not_compatible", field="path", name=path.name)
    assert revision is not None
    return revision


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def folder(self) -> Path:
        return self.ctx.paths.backups

    def _rotate(self) -> None:
        files.rotate(self.folder, load_settings(self.ctx.paths).rotation())

    def _audit(self) -> AuditService:
        return AuditService(self.ctx)

    def backup_now(self, to: Path | None = None) -> BackupInfo:
        """A checked copy in the backups folder; with `to`, also copied there (a USB stick,
        another disk) with its key file, so it survives the loss of this PC's disk."""
        require(self.ctx.actor, Permission.BACKUP)
        info = self._take(BackupKind.MANUAL)
        if to is not None:
            to.mkdir(parents=True, exist_ok=True)
            files.copy_file(info.path, to / info.name)
            if key_file_for(info.path).exists():
                files.copy_file(key_file_for(info.path), key_file_for(to / info.name))
            fsync_directory(to)
        self._audit().record(
            "backup", "database", None, (), {"file": info.name, "kind": info.kind.value}
        )
        return info

    def list_backups(self) -> list[BackupInfo]:
        require(self.ctx.actor, Permission.BACKUP)
        return files.list_backups(self.folder)

    def ensure_daily(self, now: dt.datetime | None = None) -> BackupInfo | None:
        """The automatic copy: taken when the newest restorable one is more than a day old."""
        moment = now or dt.datetime.now()
        if not daily_due(self.folder, moment):
            return None
        info = self._take(BackupKind.AUTO, moment)
        self._audit().record(
            "backup", "database", None, (), {"file": info.name, "kind": info.kind.value}
        )
        return info

    def _take(self, kind: BackupKind, now: dt.datetime | None = None) -> BackupInfo:
        try:
            info = files.take(self.ctx.database, self.folder, kind, now=now)
        except (BackupFailed, OSError) as exc:
            raise DomainError("backup.failed", reason=type(exc).__name__) from exc
        self._rotate()
        return info

    def startup_check(self, full: bool | None = None) -> StartupCheck:
        return startup_check(self.ctx.database.path, self.folder, self.ctx.database.key, full=full)

    def restore(self, path: Path) -> RestoreResult:
        """Replace the database with a backup. The current file is kept first (as a
        pre-restore backup, or as a damaged copy when it no longer reads), the restored copy
        is brought to this version's schema, and the restore is audited in it."""
        require(self.ctx.actor, Permission.RESTORE)
        database = self.ctx.database
        revision = check_candidate(path, database.key)
        live_ok = files.check_live(database.path, database.key) == "ok"
        previous: tuple[int, str] | None = None
        if live_ok:
            with self.ctx.read() as session:
                previous = audit.head(session.connection())
            safety = self._take(BackupKind.PRE_RESTORE).path
        else:
            safety = files.copy_damaged(database.path, self.folder)
        database.engine.dispose()
        try:
            files.replace_live(path, database.path, database.key)
        except BackupFailed as exc:
            raise DomainError("backup.damaged", field="path", name=path.name) from exc
        finally:
            database.engine.dispose()
        migrate.upgrade(database, self.folder)
        detail: dict[str, object] = {"file": path.name, "safety_copy": safety.name}
        if previous is not None:
            # Entries after the backup are gone from this file; the server may hold them.
            # Naming the old head lets it link the two chains instead of seeing a fork.
            detail.update(previous_head_seq=previous[0], previous_head_hash=previous[1])
        self._audit().record("restore", "database", None, (), detail)
        self._rotate()
        return RestoreResult(path, safety, revision)
