"""Copies of the database file: taking, naming, checking, rotating and putting one back.

A copy is taken at the file level after a WAL checkpoint, so it keeps whatever encryption the
live file has: a backup of an encrypted database is encrypted with the same key. Each copy is
one self-contained file (its journal folded in), checked with `PRAGMA quick_check` before it
counts, and kept next to a copy of the key file (`<backup>.keys`) so it can be opened on
another PC with the passwords that were valid when it was taken.

Names carry the time and the reason: `btxh_20261116-101500_auto.db`, `…_manual.db`,
`…_pre-migrate_0002.db`, `…_pre-restore.db`; `…_damaged.db` is a damaged live file kept for
inspection, never offered for restore.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import sqlcipher3

from btxh_desktop.storage.engine import (
    Database,
    DatabaseKeyError,
    export_encrypted,
    fsync_directory,
    is_encrypted,
    open_dbapi_connection,
    open_readonly,
)
from btxh_desktop.storage.keys import key_file_for


class BackupKind(StrEnum):
    AUTO = "auto"  # the daily copy taken when the app starts
    MANUAL = "manual"  # asked for by a person (`btxh backup`, the Backup menu)
    PRE_MIGRATE = "pre-migrate"  # before a schema upgrade
    PRE_RESTORE = "pre-restore"  # the live file just before a restore replaced it
    DAMAGED = "damaged"  # a live file that failed its check, kept for inspection

    @property
    def restorable(self) -> bool:
        return self is not BackupKind.DAMAGED


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: BackupKind
    created_at: dt.datetime  # local time, from the name
    size_bytes: int
    label: str | None = None

    @property
    def name(self) -> str:
        return self.path.name


class BackupFailed(Exception):
    """A copy was made but does not pass its own check, so it was not kept."""


_NAME = re.compile(
    r"^btxh_(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?_(?P<kind>[a-z-]+)(?:_(?P<label>[A-Za-z0-9.-]+))?\.db$"
)
_STAMP = "%Y%m%d-%H%M%S"


def parse_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        kind = BackupKind(match["kind"])
        created = dt.datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, kind, created, size, match["label"])


def _unique_path(folder: Path, kind: BackupKind, when: dt.datetime, label: str | None) -> Path:
    suffix = f"_{label}" if label else ""
    stamp = when.strftime(_STAMP)
    candidate = folder / f"btxh_{stamp}_{kind.value}{suffix}.db"
    n = 2
    while candidate.exists():
        candidate = folder / f"btxh_{stamp}-{n}_{kind.value}{suffix}.db"
        n += 1
    return candidate


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = [info for p in folder.glob("btxh_*.db") if (info := parse_name(p)) is not None]
    return sorted(found, key=lambda b: (b.created_at, b.name), reverse=True)


# ---------------------------------------------------------------- taking a copy


def checkpoint(database: Database) -> None:
    """Fold the WAL into the main file so the file alone holds every committed row."""
    with database.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def snapshot_file(database: Database, target: Path) -> Path:
    """Copy the database to `target` durably as one consistent, self-contained file.

    The copy is taken while holding the write lock, so nobody commits during it; a write
    that landed in the WAL between the checkpoint and the lock is folded in afterwards by
    opening the copy's own WAL, which is copied alongside and checkpointed away."""
    target.parent.mkdir(parents=True, exist_ok=True)
    checkpoint(database)
    wal = Path(f"{database.path}-wal")
    partial = target.with_name(target.name + ".part")
    partial_wal = Path(f"{partial}-wal")
    with database.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("BEGIN IMMEDIATE")
        try:
            _copy_durably(database.path, partial)
            if wal.exists() and wal.stat().st_size > 0:
                _copy_durably(wal, partial_wal)
        finally:
            raw.execute("ROLLBACK")
    fold_wal(partial, database.key)
    os.replace(partial, target)
    fsync_directory(target.parent)
    return target


def copy_file(source: Path, target: Path) -> None:
    """Copy durably under a temporary name, then rename: `target` is whole or absent."""
    partial = target.with_name(target.name + ".part")
    _copy_durably(source, partial)
    os.replace(partial, target)


def _copy_durably(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def fold_wal(copy: Path, key: bytes | None) -> None:
    """Checkpoint a copied WAL into its copied main file and leave the copy in rollback-journal
    mode, so it is one file that opens read-only anywhere."""
    conn = open_dbapi_connection(copy, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        conn.close()
    with open(copy, "rb+") as fh:
        os.fsync(fh.fileno())


def take(
    database: Database,
    folder: Path,
    kind: BackupKind,
    *,
    label: str | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """A checked copy of the live database (and of its key file) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = _unique_path(folder, kind, now or dt.datetime.now(), label)
    snapshot_file(database, target)
    problem = check_file(target, database.key)
    if problem != "ok":
        target.unlink(missing_ok=True)
        raise BackupFailed(problem)
    keys = key_file_for(database.path)
    if keys.exists():
        _copy_durably(keys, key_file_for(target))
        fsync_directory(folder)
    info = parse_name(target)
    assert info is not None
    return info


def copy_damaged(live: Path, folder: Path, now: dt.datetime | None = None) -> Path:
    """Keep a damaged live file (and its WAL) as found, before it is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    target = _unique_path(folder, BackupKind.DAMAGED, now or dt.datetime.now(), None)
    if live.exists():
        _copy_durably(live, target)
    else:
        target.touch()
    wal = Path(f"{live}-wal")
    if wal.exists():
        _copy_durably(wal, Path(f"{target}-wal"))
    fsync_directory(folder)
    return target


# ---------------------------------------------------------------- checking a copy


def check_file(path: Path, key: bytes | None) -> str:
    """ "ok", or what is wrong: "missing", "unreadable" (wrong key or not a database),
    or the first problem `quick_check` reports. Never changes the file."""
    if not path.is_file():
        return "missing"
    try:
        conn = open_readonly(path, key)
    except DatabaseKeyError:
        return "unreadable"
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlcipher3.DatabaseError as exc:
        return f"damaged: {exc}"
    finally:
        conn.close()
    first = str(rows[0][0]) if rows else "damaged"
    return "ok" if first == "ok" else first


def check_live(path: Path, key: bytes | None, *, full: bool = True) -> str:
    """The check of the live file, read through its WAL (so opened read-write).

    `full`: `quick_check`, every page read and the b-tree structure checked. Otherwise, for
    an encrypted file, `cipher_integrity_check`: every page's HMAC verified, which catches
    any page a failing disk, a cut write or another program damaged, for about a third of
    the cost (no decryption, no tree walk). A plain file has no HMAC, so it always gets the
    full check."""
    if not path.is_file():
        return "missing"
    try:
        conn = open_dbapi_connection(path, key)
    except DatabaseKeyError:
        return "unreadable"
    try:
        if full or key is None:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            first = str(rows[0][0]) if rows else "damaged"
            return "ok" if first == "ok" else first
        # One row per page that fails (none when all is well).
        bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        return "ok" if not bad else f"damaged: {bad[0][0]}"
    except sqlcipher3.DatabaseError as exc:
        return f"damaged: {exc}"
    finally:
        conn.close()


def table_counts(path: Path, key: bytes | None) -> dict[str, int]:
    """Rows per table (virtual tables aside): to prove a converted copy lost nothing."""
    conn = open_dbapi_connection(path, key)
    try:
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        conn.close()


def read_account(path: Path, key: bytes | None, username: str) -> tuple[str, bool] | None:
    """(role, active) of an account in a copy; None if absent or the copy predates accounts."""
    conn = open_readonly(path, key)
    try:
        row = conn.execute(
            "SELECT role, active FROM users WHERE username = ?", (username,)
        ).fetchone()
    except sqlcipher3.DatabaseError:
        return None
    finally:
        conn.close()
    return (str(row[0]), bool(row[1])) if row else None


def revision_of(path: Path, key: bytes | None) -> str | None:
    """The schema revision a (checked) copy was written at."""
    conn = open_readonly(path, key)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlcipher3.DatabaseError:
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def latest_good(folder: Path, key: bytes | None) -> BackupInfo | None:
    """The newest restorable backup that passes its own check."""
    for info in list_backups(folder):
        if info.kind.restorable and check_file(info.path, key) == "ok":
            return info
    return None


# ---------------------------------------------------------------- putting a copy back


def replace_live(candidate: Path, live: Path, key: bytes | None) -> None:
    """Make `candidate` the live database. No connection may be open on `live`.

    The candidate is first copied next to the live file and checked there, so a failure at
    any point leaves either the old live file or the new one, never a mix. The live file's
    WAL and shared-memory files are removed before the swap: SQLite would otherwise replay
    the old WAL onto the new file."""
    partial = live.with_name(live.name + ".restoring")
    _copy_durably(candidate, partial)
    source_wal = Path(f"{candidate}-wal")
    if source_wal.exists():
        _copy_durably(source_wal, Path(f"{partial}-wal"))
    fold_wal(partial, key)
    problem = check_file(partial, key)
    if problem != "ok":
        partial.unlink(missing_ok=True)
        raise BackupFailed(problem)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(partial, live)
    fsync_directory(live.parent)


def overwrite_and_remove(path: Path) -> None:
    """Overwrite a plain (unencrypted) file with zeros, then remove it.

    On a hard disk this destroys the old contents. On an SSD, or a file system that copies on
    write or keeps snapshots, the old blocks may survive elsewhere on the device: only full-disk
    encryption (BitLocker) protects against that, which docs/security.md says."""
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        block = b"\0" * (1024 * 1024)
        left = size
        while left > 0:
            left -= fh.write(block[: min(left, len(block))])
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()
    fsync_directory(path.parent)


def encrypt_plain_copies(folder: Path, key: bytes) -> list[Path]:
    """Encrypt, in place, every plain database copy in `folder` (backups taken before the
    database was encrypted, whatever their name). Each is exported to an encrypted file,
    then the plain one is overwritten and the encrypted one takes its name. Returns them."""
    done: list[Path] = []
    if not folder.is_dir():
        return done
    for leftover in folder.glob("*.db.encrypting"):
        # An earlier run was cut off after overwriting the plain copy: finish the rename.
        os.replace(leftover, leftover.with_name(leftover.name.removesuffix(".encrypting")))
    for path in sorted(folder.glob("*.db")):
        if is_encrypted(path) or path.stat().st_size == 0:
            continue
        encrypted = path.with_name(path.name + ".encrypting")
        encrypted.unlink(missing_ok=True)
        export_encrypted(path, None, encrypted, key)
        for suffix in ("-wal", "-shm"):
            overwrite_and_remove(Path(f"{path}{suffix}"))
        overwrite_and_remove(path)
        os.replace(encrypted, path)
        done.append(path)
    if done:
        fsync_directory(folder)
    return done


# ---------------------------------------------------------------- rotation


@dataclass(frozen=True)
class RotationPolicy:
    keep_daily: int = 7  # newest automatic copy of each of the last N days with one
    keep_weekly: int = 4  # … and of each of the last N ISO weeks
    keep_manual: int = 10
    keep_special_days: int = 30  # pre-migrate and pre-restore copies (the newest always stays)
    keep_damaged: int = 2


def plan_rotation(
    backups: Sequence[BackupInfo], now: dt.datetime, policy: RotationPolicy
) -> list[BackupInfo]:
    """Which backups to delete. Pure, so the policy is tested without files."""
    newest_first = sorted(backups, key=lambda b: (b.created_at, b.name), reverse=True)
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    newest_special: set[BackupKind] = set()
    manual = damaged = 0
    for b in newest_first:
        if b.kind is BackupKind.AUTO:
            day = b.created_at.date()
            week = b.created_at.isocalendar()[:2]
            if day not in days and len(days) < policy.keep_daily:
                days.add(day)
                keep.add(b.path)
            if week not in weeks and len(weeks) < policy.keep_weekly:
                weeks.add((week[0], week[1]))
                keep.add(b.path)
        elif b.kind is BackupKind.MANUAL:
            manual += 1
            if manual <= policy.keep_manual:
                keep.add(b.path)
        elif b.kind is BackupKind.DAMAGED:
            damaged += 1
            if damaged <= policy.keep_damaged:
                keep.add(b.path)
        else:
            young = now - b.created_at <= dt.timedelta(days=policy.keep_special_days)
            if young or b.kind not in newest_special:
                keep.add(b.path)
            newest_special.add(b.kind)
    return [b for b in newest_first if b.path not in keep]


def rotate(folder: Path, policy: RotationPolicy, now: dt.datetime | None = None) -> list[Path]:
    """Delete what the policy no longer keeps (with each one's key-file copy)."""
    removed = []
    for info in plan_rotation(list_backups(folder), now or dt.datetime.now(), policy):
        for path in (info.path, key_file_for(info.path), Path(f"{info.path}-wal")):
            path.unlink(missing_ok=True)
        removed.append(info.path)
    if removed:
        fsync_directory(folder)
    return removed
