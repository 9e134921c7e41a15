"""Bring the local database to this app's schema, safely.

Runs before anything else touches the database (and before any sync). The file is copied
aside before an upgrade (a checked backup, named and rotated like the others in
storage/backup.py) so a failed or interrupted migration can be undone, and a
database written by a newer app is refused rather than damaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from btxh_desktop.paths import migrations_path
from btxh_desktop.storage.backup import BackupKind, take
from btxh_desktop.storage.engine import Database


class DatabaseTooNew(Exception):
    """The database was last written by a newer version of the app."""

    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known(revision: str) -> bool:
    return any(rev.revision == revision for rev in script_directory().walk_revisions())


def upgrade(database: Database, backups: Path | None) -> MigrationResult:
    """Upgrade to head; with `backups`, copy the file aside first."""
    engine = database.engine
    current = current_revision(engine)
    head = head_revision()
    if current is not None and not _known(current):
        raise DatabaseTooNew(current)
    if current == head:
        return MigrationResult(current, head, None)
    backup = None
    if current is not None and backups is not None:
        backup = take(database, backups, BackupKind.PRE_MIGRATE, label=current).path
    _run(engine, "upgrade", head)
    return MigrationResult(current, head, backup)


def downgrade(database: Database, revision: str) -> None:
    _run(database.engine, "downgrade", revision)


def _run(engine: Engine, direction: str, revision: str) -> None:
    # SQLite alters a table by copying it; with foreign keys enforced the copy would cascade
    # or fail. They are switched off for the migration (only possible outside a transaction)
    # and checked as a whole before commit.
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                step = command.upgrade if direction == "upgrade" else command.downgrade
                step(_config(conn), revision)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"migration left broken references: {problems[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
