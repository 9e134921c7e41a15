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
from typing import TYPE_CHECKING, Any

import sqlcipher3

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 64 * 1024
# A write session begins with BEGIN IMMEDIATE so two writers queue on the busy timeout
# instead of failing half-way when a read transaction tries to upgrade.
WRITE_OPTIONS = {"sqlite_begin": "IMMEDIATE"}


class DatabaseKeyError(Exception):
    """The file is encrypted and the key given does not open it (or none was given)."""


def _raw_key_pragma(key: bytes) -> str:
    # The raw-key form skips SQLCipher's own PBKDF2: our key is already random (see keys.py).
    return f"PRAGMA key = \"x'{key.hex().upper()}'\""


# Applied after the key on every connection to an encrypted file (a raw key stores no
# settings in the file, so they must always match). 16 KiB pages quarter the per-page cost
# (IV, HMAC, cipher setup) and HMAC-SHA256 uses the CPU's SHA extensions where present: a
# full quick_check went from 2.3x to 1.3x the plain database's CPU time on the reference PC.
# On a CPU without SHA extensions SHA-256 is ~1.4x slower than SQLCipher's default SHA-512
# for the HMAC part; see docs/security.md. Changing these needs a conversion of existing
# files (export_encrypted with the new settings).
CIPHER_SETTINGS: tuple[str, ...] = (
    "cipher_page_size = 16384",
    "cipher_hmac_algorithm = HMAC_SHA256",
)


def _apply_key(conn: Any, path: Path | str, key: bytes | None) -> None:
    # SQLCipher reports a wrong key or a damaged page on stderr as well as by error code;
    # the error code is what we act on, and stderr is no place for it in a desktop app.
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(_raw_key_pragma(key))
        for setting in CIPHER_SETTINGS:
            conn.execute(f"PRAGMA {setting}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise DatabaseKeyError(str(path)) from exc


def open_dbapi_connection(path: Path | str, key: bytes | None = None) -> Any:
    """A DB-API connection with the key applied and our pragmas set."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    # We issue BEGIN ourselves (see the "begin" listener) so the driver never opens
    # transactions behind SQLAlchemy's back.
    conn.isolation_level = None
    _apply_key(conn, path, key)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    # Up to 64 MiB of pages kept per connection (SQLite's default is 2 MiB). An encrypted page
    # evicted and read again is decrypted and HMAC-checked again; with 200,000 people, inserts
    # into the random-UUID indexes cost 2.3x the plain database's CPU with the default cache
    # and 1.2x with this one.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def make_engine(
    path: Path | str,
    key: bytes | None = None,
    *,
    echo: bool = False,
) -> Engine:
    """The engine every part of the app uses for the local database."""
    # SQLAlchemy is imported here, not at the top: the key file and backup helpers that the
    # login dialog needs live beside it, and the dialog must show before SQLAlchemy loads.
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

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
        # The most recently used connection first, so the one whose page cache is warm
        # serves the next request instead of each connection warming its own.
        pool_use_lifo=True,
        echo=echo,
        # Statement parameters are people's data: never in a log, even with echo on.
        hide_parameters=True,
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


def open_readonly(path: Path, key: bytes | None) -> Any:
    """A read-only connection for checking a copy (a backup) without changing it."""
    conn = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.isolation_level = None
    _apply_key(conn, path, key)
    return conn


def export_encrypted(source: Path, source_key: bytes | None, target: Path, key: bytes) -> None:
    """Write an encrypted copy of `source` to `target` (which must not exist) with SQLCipher's
    `sqlcipher_export`: schema, data, triggers and the FTS index, read through the source's
    WAL so nothing committed is missed. The copy is fsynced before this returns."""
    conn = open_dbapi_connection(source, source_key)
    try:
        conn.execute(
            "ATTACH DATABASE ? AS encrypted KEY ?", (str(target), f"x'{key.hex().upper()}'")
        )
        for setting in CIPHER_SETTINGS:
            conn.execute(f"PRAGMA encrypted.{setting}")
        try:
            conn.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        finally:
            conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


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
