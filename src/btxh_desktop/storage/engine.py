"""The one place that opens the local database.

Every connection goes through `sqlcipher3` (SQLite with the SQLCipher codec) so that an
encrypted and a plain database behave identically; the key, when there is one, is applied
before anything else touches the file. Pragmas favour durability: power cuts are common at
the sites this runs on, so `synchronous=FULL` in WAL mode.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000
# A write session begins with BEGIN IMMEDIATE so two writers queue on the busy timeout
# instead of failing half-way when a read transaction tries to upgrade.
WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}


class DatabaseKeyError(Exception):
    """The file is encrypted and the key given does not open it (or none was given)."""


def _raw_key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex().upper()}'\""


def open_dbapi_connection(path: Path | str, key: bytes | None = None) -> Any:
    """A DB-API connection with the key applied and our pragmas set."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    # We issue BEGIN ourselves (see the "begin" listener) so the driver never opens
    # transactions behind SQLAlchemy's back.
    conn.isolation_level = None
    if key is not None:
        conn.execute(_raw_key_pragma(key))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise DatabaseKeyError(str(path)) from exc
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def make_engine(
    path: Path | str,
    key: bytes | None = None,
    *,
    echo: bool = False,
) -> Engine:
    """The engine every part of the app uses for the local database."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    creator: Callable[[], Any] = lambda: open_dbapi_connection(path, key)  # noqa: E731
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,
        creator=creator,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_pre_ping=False,
        echo=echo,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@dataclass(frozen=True)
class Database:
    """The open local database: its file, its engine and (in memory only) its key."""

    path: Path
    engine: Engine
    key: bytes | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path, key: bytes | None = None) -> Database:
        return cls(path, make_engine(path, key), key)

    def writer(self) -> Engine:
        """The engine for write transactions (BEGIN IMMEDIATE)."""
        return self.engine.execution_options(**WRITE_OPTIONS)

    def close(self) -> None:
        self.engine.dispose()


def is_encrypted(path: Path | str) -> bool:
    """A plain SQLite file starts with a known header; an SQLCipher one looks random."""
    p = Path(path)
    if not p.exists() or p.stat().st_size == 0:
        return False
    with open(p, "rb") as fh:
        return fh.read(16) != b"SQLite format 3\x00"


def fsync_directory(path: Path) -> None:
    """Make a rename or new file in `path` survive a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
