"""The server's schema, its engine factory and its migrations.

Every sync invariant is held by the database, not by Python checks: an operation id is a
primary key (a retried batch inserts nothing twice, even when two retries race), and each
scope's log position is taken under a lock on that scope's row, so positions are handed out
in commit order and a reader never skips a change committed after it read (see
docs/sync-protocol.md, "Positions").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import make_url

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

# Execution option asking for a write transaction: on SQLite it begins IMMEDIATE, so two
# writers queue on the busy timeout instead of failing when a reader upgrades.
WRITE = {"btxh_write": True}
SQLITE_BUSY_TIMEOUT_MS = 30_000


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


server_info = Table(
    "server_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

user_scopes = Table(
    "user_scopes",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("scope", String(40), nullable=False),
    PrimaryKeyConstraint("user_id", "scope"),
)

# Facilities known to the server, so a province account can see the ones in its province.
facilities = Table(
    "facilities",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("province_code", String(8), nullable=False),
    Column("name", String(200), nullable=False, default=""),
)

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("family_id", String(36), nullable=False, index=True),
    Column("device_id", String(64), nullable=True),
    Column("issued_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("replaced_at", DateTime, nullable=True),
    Column("revoked_at", DateTime, nullable=True),
    CheckConstraint("kind IN ('access', 'refresh')", name="kind"),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username_hash", String(64), nullable=False),
    Column("ip", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_login_failures_key", "username_hash", "ip", "at"),
)

# One row per scope that holds records: the last position handed out. Writers lock it.
scope_heads = Table(
    "scope_heads",
    metadata,
    Column("scope", String(40), primary_key=True),
    Column("position", BigInteger, nullable=False, default=0),
)

# Count and XOR digest of the live records of each entity in a scope, kept up to date in
# the same transaction as every change, so the divergence check costs one read.
scope_digests = Table(
    "scope_digests",
    metadata,
    Column("scope", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("live_count", BigInteger, nullable=False, default=0),
    Column("digest", String(32), nullable=False),
    PrimaryKeyConstraint("scope", "entity"),
)

# The current state of every record. `position` is the place of its latest change in its
# scope's log: pulling a scope is reading records (and events) by position.
records = Table(
    "records",
    metadata,
    Column("entity", String(40), nullable=False),
    Column("id", String(36), nullable=False),
    Column("scope", String(40), nullable=False),
    Column("root_id", String(36), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("position", BigInteger, nullable=False),
    # Field values as a JSON object, stored as text so pages are assembled without parsing.
    Column("data", Text, nullable=False),
    # {field: [version, device]} for fields changed after creation; the rest date from
    # version 1 by `origin_device`.
    Column("field_versions", Text, nullable=False),
    Column("origin_device", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("deleted_at", DateTime, nullable=True),
    # id first: a batch looks records up by id (its ops and their parents' ids).
    PrimaryKeyConstraint("id", "entity"),
    UniqueConstraint("scope", "position"),
)

# Log entries that are not a record's state: a record left the scope, a conflict was
# recorded or resolved. They share the scope's positions with `records`.
scope_events = Table(
    "scope_events",
    metadata,
    Column("scope", String(40), nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    PrimaryKeyConstraint("scope", "position"),
    CheckConstraint("kind IN ('exit', 'conflict', 'resolved')", name="kind"),
)

# Every operation ever received, keyed by its id: the idempotency key. A retry of the same
# operation finds its row and gets the stored answer.
ops = Table(
    "ops",
    metadata,
    Column("op_id", String(36), primary_key=True),
    Column("device_id", String(64), nullable=False),
    Column("account_id", Integer, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entity", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("op", String(16), nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=True),
    Column("reason", String(40), nullable=True),
    Column("detail", Text, nullable=True),
    Column("received_at", DateTime, nullable=False),
    Index("ix_ops_device_seq", "device_id", "seq"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("scope", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("field", String(64), nullable=False),
    Column("base_version", Integer, nullable=False),
    Column("kept_value", Text, nullable=False),
    Column("kept_version", Integer, nullable=False),
    Column("kept_by", String(64), nullable=False),
    Column("proposed_value", Text, nullable=False),
    Column("proposed_by", String(64), nullable=False),
    Column("proposed_device", String(64), nullable=False),
    Column("op_id", String(36), nullable=False),
    Column("payment_field", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("resolved_at", DateTime, nullable=True),
    Column("resolved_by", String(64), nullable=True),
    Column("resolution", Text, nullable=True),
    Index("ix_conflicts_record", "record_id", "field"),
)

# The PCs' audit logs, as they upload them (docs/sync-protocol.md, "Audit log"). Append-only:
# the server never updates or deletes a row (triggers refuse it, migration 0002). The entry id
# is the key, so a retried upload stores nothing twice. `chain` is what the server found when
# it checked the entry against the hash chain of the PC (`device_id`) that sent it.
AUDIT_CHAIN_STATES = ("ok", "restored", "fork", "hash", "link", "gap")
audit_entries = Table(
    "audit_entries",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("device_id", String(64), nullable=False),  # the uploading PC: whose chain
    Column("seq", BigInteger, nullable=False),
    Column("scope", String(40), nullable=False),
    Column("account_id", Integer, nullable=False),
    # The entry's own fields as hashed on the PC (`at` as the text it was hashed as).
    Column("at", String(40), nullable=False),
    Column("username", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("record_id", String(64), nullable=True),
    Column("fields", Text, nullable=False),  # JSON list of field names
    Column("detail", Text, nullable=False),  # JSON object
    Column("entry_device_id", String(64), nullable=True),
    Column("prev_hash", String(128), nullable=False),
    Column("hash", String(128), nullable=False),
    Column("chain", String(8), nullable=False),
    Column("received_at", DateTime, nullable=False),
    CheckConstraint(f"chain IN {AUDIT_CHAIN_STATES!r}", name="chain"),
    Index("ix_audit_entries_device_seq", "device_id", "seq"),
    Index("ix_audit_entries_scope_at", "scope", "at"),
)

# An entry whose id the server already holds with other content: kept here as received,
# never in place of the first copy. One row per distinct copy (a retry adds nothing).
audit_clashes = Table(
    "audit_clashes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(36), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("scope", String(40), nullable=False),
    Column("account_id", Integer, nullable=False),
    Column("hash", String(128), nullable=False),  # the hash the copy claims
    Column("body", Text, nullable=False),  # the entry as received, JSON
    Column("body_hash", String(64), nullable=False),  # SHA-256 of body
    Column("received_at", DateTime, nullable=False),
    UniqueConstraint("entry_id", "body_hash"),
)


# ---------------------------------------------------------------- engine


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """The engine for `url`: a SQLite file (WAL, full sync, IMMEDIATE writes) or
    PostgreSQL through psycopg 3 (READ COMMITTED; pulls ask for REPEATABLE READ)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database in ("", ":memory:"):
            raise ValueError("the server needs a SQLite file, not an in-memory database")
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, pool_size=pool_size, max_overflow=20)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, record: Any) -> None:
            # Transactions are begun by the "begin" listener, never implicitly by the driver.
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            write = conn.get_execution_options().get("btxh_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed, pool_size=pool_size, max_overflow=40, pool_pre_ping=True, pool_timeout=60
        )
    raise ValueError(f"unsupported database: {parsed.get_backend_name()}")


# ---------------------------------------------------------------- migrations


def _alembic_config(connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    with engine.execution_options(**WRITE).begin() as conn:
        command.upgrade(_alembic_config(connection=conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.execution_options(**WRITE).begin() as conn:
        command.downgrade(_alembic_config(connection=conn), revision)
