"""Copies of the database file.

A copy is taken at the file level after a WAL checkpoint, so it keeps whatever encryption the
live file has and needs no key to be made.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from btxh_desktop.storage.engine import Database, fsync_directory, open_dbapi_connection


def checkpoint(database: Database) -> None:
    """Fold the WAL into the main file so the file alone holds every committed row."""
    with database.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def snapshot_file(database: Database, target: Path) -> Path:
    """Copy the database to `target` durably as one consistent file.

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
    if partial_wal.exists():
        _fold_wal(database, partial)
    os.replace(partial, target)
    fsync_directory(target.parent)
    return target


def _copy_durably(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())


def _fold_wal(database: Database, copy: Path) -> None:
    """Checkpoint a copied WAL into its copied main file (needs the same key)."""
    conn = open_dbapi_connection(copy, database.key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        conn.close()
