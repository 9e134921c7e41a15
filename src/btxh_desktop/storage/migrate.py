"""Bring the local database to this app's schema, safely.

Runs before anything else touches the database (and before any sync). The file is copied
aside before an upgrade (a checked backup, named and rotated like the others in
storage/backup.py) so a failed or interrupted migration can be undone, and a
database written by a newer app is refused rather than damaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from btxh_desktop.paths import migrations_path
from btxh_desktop.storage.backup import BackupKind, take
from btxh_desktop.storage.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

# A migration file's own revision and its parent, as alembic's template writes them.
_REVISION = re.compile(r'^revision(?:: *str)? *= *["\']([^"\']+)["\']', re.MULTILINE)
_PARENT = re.compile(r'^down_revision(?:: *[^=]+)? *= *["\']([^"\']+)["\']', re.MULTILINE)


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
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the file, read with plain SQL (None for a new file)."""
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if has_table is None:
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return str(rows[0][0]) if len(rows) == 1 else None


def _shipped_head() -> str | None:
    """The newest shipped revision, from the migration files' text; None when they do not
    form one simple chain (alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations_path() / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(text))
        parents.update(_PARENT.findall(text))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _known(revision: str) -> bool:
    return any(rev.revision == revision for rev in script_directory().walk_revisions())


def upgrade(database: Database, backups: Path | None) -> MigrationResult:
    """Upgrade to head; with `backups`, copy the file aside first."""
    engine = database.engine
    # Alembic takes longer to load than the rest of a login once the file is current, which
    # it is at all but the first start of a new version: it is used only when there is
    # something to migrate (or a revision to recognise).
    current = _stored_revision(engine)
    if current is not None and current == _shipped_head():
        return MigrationResult(current, current, None)
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
    from alembic import command

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
