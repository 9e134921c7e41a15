"""Sync as use cases: run it, see its state, resolve conflicts, fix rejected edits.

`SyncService` is what the GUI (from a background thread, with progress and cancel) and the
CLI call. `SqliteSyncStore` is the local database as the pure sync engine needs it: pending
operations out, server pages in.

Incoming rows are written with the SQLite driver's `executemany` (an initial pull is
hundreds of thousands of rows) in one transaction per page, together with the cursor. A row
with local edits not yet accepted by the server is never overwritten: it takes the server's
version and the server's values for the other fields only, and the local edits are pushed
on their original base version, so the server still sees any concurrent change to them.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import JSON as JSONType
from sqlalchemy import Boolean, Date, DateTime, Integer, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.audit import AuditService
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.services.settings import SettingsService
from btxh_desktop.storage import audit, tracking
from btxh_desktop.storage.models import (
    MODEL_BY_ENTITY,
    AuditEntry,
    OutboxEntry,
    Person,
    SyncConflict,
    SyncRun,
    SyncState,
    utcnow,
)
from btxh_desktop.storage.types import DecimalText, MonthType
from btxh_desktop.sync import errors
from btxh_desktop.sync.client import LoginInfo, OpResult, OutboundOp, PullPage, SyncClient
from btxh_desktop.sync.credentials import CredentialStore, KeyringCredentials, credential_key
from btxh_desktop.sync.engine import (
    PageStats,
    ProgressCallback,
    SyncEngine,
    SyncOptions,
    SyncReport,
)
from btxh_desktop.sync.errors import SyncCancelled, SyncError
from btxh_desktop.sync.lock import folder_lock
from btxh_desktop.sync.protocol import (
    ENTITIES,
    SETTLED,
    ChangeKind,
    OpKind,
    OpStatus,
    depth,
    digest_of,
)
from btxh_desktop.sync.transport import CancelToken, Transport, TransportOptions, WireStats

DEFAULT_INTERVAL_MINUTES = 15
KEY_SERVER_URL = "server_url"
KEY_USERNAME = "username"
KEY_INTERVAL = "interval_minutes"
KEY_BATCH = "batch_size"
KEY_PAGE = "page_size"
KEY_CURSORS = "cursors"
KEY_LAST_SUCCESS = "last_success"
KEY_PULL_COMPLETE = "pull_complete_at"
KEY_REFETCH = "refetch"
BOOKKEEPING = ("id", "version", "created_at", "updated_at", "updated_by", "deleted_at")
SQL_CHUNK = 500


# ---------------------------------------------------------------- wire ↔ storage


def _datetime(value: Any) -> str:
    parsed = dt.datetime.fromisoformat(str(value))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    # SQLAlchemy's storage format for DateTime on SQLite.
    return parsed.strftime("%Y-%m-%d %H:%M:%S.%f")


def _date(value: Any) -> str:
    return dt.date.fromisoformat(str(value)).isoformat()


def _month(value: Any) -> str:
    return str(Month.parse(str(value)))


def _decimal(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not an integer")
    return value


def _boolean(value: Any) -> int:
    if not isinstance(value, bool | int):
        raise ValueError("not a boolean")
    return int(bool(value))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _decoder(column: Any) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, MonthType):
        return _month
    if isinstance(kind, DecimalText):
        return _decimal
    if isinstance(kind, DateTime):
        return _datetime
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _integer
    if isinstance(kind, JSONType):
        return _json
    return None


@dataclass(frozen=True)
class TableCodec:
    """How a pulled record becomes a row of one table, written by the raw driver."""

    entity: str
    table: str
    columns: tuple[str, ...]  # data columns, then BOOKKEEPING
    fallbacks: tuple[tuple[str, Any], ...]  # (data column, value when the server has none)
    # (index, default) of required columns: a null from an older client takes the default
    required: tuple[tuple[int, Any], ...]
    decoders: tuple[tuple[int, Callable[[Any], Any]], ...]  # (index, decoder) typed columns
    upsert: str  # only when the incoming version is newer
    overwrite: str  # whatever the versions (repair)

    def values(self, change: dict[str, Any]) -> list[Any]:
        fields = change["fields"]
        out = [fields.get(name, fallback) for name, fallback in self.fallbacks]
        for index, default in self.required:
            if out[index] is None:
                out[index] = default
        out += [
            change["id"],
            int(change["version"]),
            change.get("created_at"),
            change.get("updated_at"),
            change.get("updated_by") or "",
            change.get("deleted_at"),
        ]
        for index, decode in self.decoders:
            value = out[index]
            if value is not None:
                out[index] = decode(value)
        return out


@cache
def codec(entity: str) -> TableCodec:
    model = MODEL_BY_ENTITY[entity]
    table = model.__table__  # type: ignore[attr-defined]
    data = tracking.data_columns(model)
    columns = (*data, *BOOKKEEPING)
    fallbacks = []
    for name in data:
        default = table.c[name].default
        value = default.arg if default is not None and not callable(default.arg) else None
        if (
            value is None
            and table.c[name].nullable is False
            and isinstance(table.c[name].type, JSONType)
        ):
            value = []
        fallbacks.append((name, value))
    decoders = tuple(
        (i, d) for i, name in enumerate(columns) if (d := _decoder(table.c[name])) is not None
    )
    required = tuple(
        (i, value)
        for i, (name, value) in enumerate(fallbacks)
        if value is not None and not table.c[name].nullable
    )
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    base = (
        f"INSERT INTO {table.name} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}"
    )
    return TableCodec(
        entity,
        table.name,
        columns,
        tuple(fallbacks),
        required,
        decoders,
        f"{base} WHERE excluded.version > {table.name}.version",
        base,
    )


def wire_to_storage(entity: str, field: str, value: Any) -> Any:
    """One field's wire value as the raw driver stores it (raises ValueError if invalid)."""
    column = MODEL_BY_ENTITY[entity].__table__.c[field]  # type: ignore[attr-defined]
    if value is None:
        return None
    decode = _decoder(column)
    if decode is not None:
        return decode(value)
    length = getattr(column.type, "length", None)
    if not isinstance(value, str) or (length is not None and len(value) > length):
        raise ValueError("not text of the column's length")
    return value


def _chunks(items: list[Any], size: int = SQL_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------- the local store


class SqliteSyncStore:
    """`sync.engine.LocalStore` over the app's database."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        site = ctx.site()
        self._scope = f"{site.site_type}:{site.site_code}"  # the site is this PC's scope

    def scope(self) -> str:
        return self._scope

    # ------------------------------------------------------------------ state keys

    def get_state(self, key: str) -> str | None:
        with self.ctx.read() as session:
            value = session.get(SyncState, key)
            return None if value is None else value.value

    @staticmethod
    def _put(session: Session, key: str, value: str | None) -> None:
        session.execute(delete(SyncState).where(SyncState.key == key))
        if value is not None:
            session.execute(insert(SyncState).values(key=key, value=value))

    def set_state(self, **values: str | None) -> None:
        with self.ctx.unit_of_work_unbound() as session:
            for key, value in values.items():
                self._put(session, key, value)

    # ------------------------------------------------------------------ push

    def last_seq(self) -> int:
        with self.ctx.read() as session:
            return int(session.scalar(select(func.max(OutboxEntry.seq))) or 0)

    def pending_count(self, up_to: int | None = None) -> int:
        query = select(func.count()).where(OutboxEntry.state == "pending")
        if up_to is not None:
            query = query.where(OutboxEntry.seq <= up_to)
        with self.ctx.read() as session:
            return int(session.scalar(query) or 0)

    def next_batch(self, after_seq: int, up_to: int, limit: int) -> list[OutboundOp]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(OutboxEntry)
                .where(
                    OutboxEntry.state == "pending",
                    OutboxEntry.seq > after_seq,
                    OutboxEntry.seq <= up_to,
                )
                .order_by(OutboxEntry.seq)
                .limit(limit)
            ).all()
            return [
                OutboundOp(
                    r.seq,
                    r.op_id,
                    r.entity,
                    r.record_id,
                    r.op,
                    dict(r.fields),
                    r.base_version,
                    r.username,
                    r.created_at,
                )
                for r in rows
            ]

    def record_results(self, batch: list[OutboundOp], results: list[OpResult]) -> None:
        """Store the server's answers: settled entries leave the outbox, rejected ones stay,
        held for a person, and never block the entries behind them."""
        settled = [r.op_id for r in results if r.status in SETTLED]
        refused = [r for r in results if r.status == OpStatus.REJECTED]
        ops = {op.op_id: op for op in batch}
        reopened = [
            ops[r.op_id]
            for r in results
            if r.status == OpStatus.CONFLICT and ops[r.op_id].op == OpKind.RESOLVE
        ]
        with self.ctx.unit_of_work_unbound() as session:
            for chunk in _chunks(settled):
                session.execute(delete(OutboxEntry).where(OutboxEntry.op_id.in_(chunk)))
            for result in refused:
                session.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.op_id == result.op_id)
                    .values(
                        state="rejected",
                        result_code=result.reason or "rejected",
                        result_detail=result.detail,
                        attempts=OutboxEntry.attempts + 1,
                    )
                )
            # A choice that clashed with a newer edit leaves its conflict open again.
            for op in reopened:
                session.execute(
                    update(SyncConflict)
                    .where(
                        SyncConflict.entity == op.entity,
                        SyncConflict.record_id == op.record_id,
                        SyncConflict.field.in_(list(op.fields)),
                        SyncConflict.state == "resolving",
                    )
                    .values(state="open", resolved_at=None, resolved_by=None, resolution=None)
                )

    # ------------------------------------------------------------------ audit log

    def audit_head(self) -> int:
        with self.ctx.read() as session:
            return int(session.scalar(select(func.max(AuditEntry.seq))) or 0)

    def pending_audit(self, limit: int) -> list[dict[str, Any]]:
        return [e.to_wire() for e in AuditService(self.ctx).pending_audit_entries(limit)]

    def mark_audit_uploaded(self, through_seq: int) -> None:
        AuditService(self.ctx).mark_audit_uploaded(through_seq)

    # ------------------------------------------------------------------ pull

    def cursors(self, server_id: str) -> dict[str, int]:
        saved = self.get_state(KEY_CURSORS)
        if not saved:
            return {}
        data = json.loads(saved)
        if data.get("server_id") != server_id:
            # Another server (or a restored one) behind the URL: start from the beginning;
            # the divergence check then repairs whatever the versions disagree on.
            return {}
        return {str(k): int(v) for k, v in data.get("cursors", {}).items()}

    def apply_page(self, page: PullPage) -> PageStats:
        stats = PageStats()
        with self.ctx.remote_unit_of_work() as session:
            self._apply(session, page.changes, stats, force=False)
            self._put(
                session,
                KEY_CURSORS,
                json.dumps({"server_id": page.server_id, "cursors": page.cursors}),
            )
            if not page.has_more:
                self._put(session, KEY_PULL_COMPLETE, utcnow().isoformat())
        return stats

    def apply_records(self, records: list[dict[str, Any]]) -> PageStats:
        stats = PageStats()
        if records:
            with self.ctx.remote_unit_of_work() as session:
                self._apply(session, records, stats, force=True)
        return stats

    def _apply(
        self, session: Session, changes: list[dict[str, Any]], stats: PageStats, force: bool
    ) -> None:
        # A record that left the scope and came back (or the reverse) within one page: only
        # its latest entry counts.
        latest: dict[tuple[str, str], int] = {}
        for change in changes:
            if change.get("kind") in (ChangeKind.UPSERT, ChangeKind.EXIT):
                key = (str(change.get("entity")), str(change.get("id")))
                latest[key] = max(latest.get(key, -1), int(change.get("position") or 0))
        upserts: dict[str, list[dict[str, Any]]] = {}
        notes: list[dict[str, Any]] = []
        for change in changes:
            kind = change.get("kind")
            entity = str(change.get("entity"))
            if entity not in MODEL_BY_ENTITY:
                continue
            is_latest = int(change.get("position") or 0) == latest.get(
                (entity, str(change.get("id")))
            )
            if kind == ChangeKind.UPSERT and is_latest:
                upserts.setdefault(entity, []).append(change)
            elif (kind == ChangeKind.EXIT and is_latest) or kind in (
                ChangeKind.CONFLICT,
                ChangeKind.RESOLVED,
            ):
                notes.append(change)
        touched = [(e, str(c["id"])) for e, cs in upserts.items() for c in cs]
        touched += [(str(c["entity"]), str(c["id"])) for c in notes]
        held = self._held_fields(session, touched)
        # Parents before children, so a child's reference is there when it is written.
        for entity in sorted(upserts, key=depth):
            self._upsert(session, entity, upserts[entity], held, stats, force)
        for change in sorted(notes, key=lambda c: int(c.get("position") or 0)):
            if change["kind"] == ChangeKind.EXIT:
                self._exit(session, change, held, stats)
            elif change["kind"] == ChangeKind.CONFLICT:
                self._conflict(session, change, held)
                stats.conflicts += 1
            else:
                self._resolved(session, change)
                stats.resolved += 1

    @staticmethod
    def _held_fields(
        session: Session, refs: list[tuple[str, str]]
    ) -> dict[tuple[str, str], set[str]]:
        """Fields of these records with local edits the server has not accepted yet."""
        if not refs or session.scalar(select(OutboxEntry.seq).limit(1)) is None:
            return {}
        held: dict[tuple[str, str], set[str]] = {}
        ids = sorted({record_id for _, record_id in refs})
        for chunk in _chunks(ids):
            rows = session.execute(
                select(
                    OutboxEntry.entity, OutboxEntry.record_id, OutboxEntry.op, OutboxEntry.fields
                ).where(OutboxEntry.record_id.in_(chunk))
            )
            for entity, record_id, op, fields in rows:
                names = held.setdefault((entity, record_id), set())
                if op in (OpKind.UPSERT, OpKind.RESOLVE):
                    names.update(fields)
                elif op == OpKind.DELETE:
                    names.add("deleted_at")
        return held

    def _upsert(
        self,
        session: Session,
        entity: str,
        changes: list[dict[str, Any]],
        held: dict[tuple[str, str], set[str]],
        stats: PageStats,
        force: bool,
    ) -> None:
        spec = codec(entity)
        plain: list[tuple[Any, ...]] = []
        rebase: list[tuple[list[Any], set[str]]] = []
        for change in changes:
            try:
                values = spec.values(change)
            except (ValueError, KeyError, TypeError, ArithmeticError):
                stats.failed += 1
                continue
            fields = held.get((entity, str(change["id"])))
            if fields is None:
                plain.append(tuple(values))
            else:
                rebase.append((values, fields))
        conn = session.connection()
        sql = spec.overwrite if force else spec.upsert
        written = len(plain)
        if plain:
            try:
                with session.begin_nested():
                    conn.exec_driver_sql(sql, plain)
            except IntegrityError:
                # One bad row (a reference to a record outside this scope, a value the
                # schema refuses) must not hold back the page: write the rows one by one.
                for row in plain:
                    try:
                        with session.begin_nested():
                            conn.exec_driver_sql(sql, row)
                    except IntegrityError:
                        stats.failed += 1
                        written -= 1
        for values, fields in rebase:
            self._rebase(session, spec, values, fields, force)
        stats.applied += written
        stats.rebased += len(rebase)
        tracking_changes = tracking.change_set(session)
        for change in changes:
            tracking_changes.add(entity, str(change["id"]))

    @staticmethod
    def _rebase(
        session: Session, spec: TableCodec, values: list[Any], held: set[str], force: bool
    ) -> None:
        """The server's values for every field without a pending local edit."""
        keep = [
            (name, value)
            for name, value in zip(spec.columns, values, strict=True)
            if name not in held and name != "id"
        ]
        sets = ", ".join(f"{name} = ?" for name, _ in keep)
        guard = "" if force else " AND version < ?"
        params = [v for _, v in keep] + [values[spec.columns.index("id")]]
        if not force:
            params.append(values[spec.columns.index("version")])
        conn = session.connection()
        try:
            with session.begin_nested():
                conn.exec_driver_sql(
                    f"UPDATE {spec.table} SET {sets} WHERE id = ?{guard}", tuple(params)
                )
        except IntegrityError:
            pass  # the local row stays as it is; its pending edits still go out

    @staticmethod
    def _exit(
        session: Session,
        change: dict[str, Any],
        held: dict[tuple[str, str], set[str]],
        stats: PageStats,
    ) -> None:
        """The record left this scope (its person moved): hide it like a deletion, unless
        local edits of it still wait for the server's answer. The row is kept, not erased,
        because rows that stay may still refer to it."""
        entity, record_id = str(change["entity"]), str(change["id"])
        if (entity, record_id) in held:
            return
        table = codec(entity).table
        session.connection().exec_driver_sql(
            f"UPDATE {table} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (_datetime(utcnow().isoformat()), record_id),
        )
        session.execute(
            delete(SyncConflict).where(
                SyncConflict.entity == entity, SyncConflict.record_id == record_id
            )
        )
        tracking.change_set(session).add(entity, record_id)
        stats.exits += 1

    @staticmethod
    def _conflict(
        session: Session, change: dict[str, Any], held: dict[tuple[str, str], set[str]]
    ) -> None:
        """Record the conflict; and where this copy of the record is at the version the
        server kept, show the kept value: the edit that lost may still be on screen here
        (it was made on this PC), and no newer version of the record will come to fix it."""
        c = change["conflict"]
        values = {
            "scope": str(change["scope"]),
            "entity": str(c["entity"]),
            "record_id": str(c["record_id"]),
            "field": str(c["field"]),
            "base_version": int(c["base_version"]),
            "kept_value": c["kept_value"],
            "kept_version": int(c["kept_version"]),
            "kept_by": str(c["kept_by"]),
            "proposed_value": c["proposed_value"],
            "proposed_by": str(c["proposed_by"]),
            "proposed_device": str(c["proposed_device"]),
            "payment_field": bool(c["payment_field"]),
            "created_at": dt.datetime.fromisoformat(str(c["created_at"])),
        }
        exists = session.scalar(select(SyncConflict.id).where(SyncConflict.id == c["id"]))
        if exists is None:
            session.execute(insert(SyncConflict).values(id=str(c["id"]), state="open", **values))
        else:
            session.execute(
                update(SyncConflict).where(SyncConflict.id == c["id"]).values(scope=values["scope"])
            )
        tracking.change_set(session).add("sync_conflict", str(c["id"]))
        entity, record_id, field = values["entity"], values["record_id"], values["field"]
        version = c.get("record_version")
        if version is None or field in held.get((entity, record_id), ()):
            return
        try:
            kept = wire_to_storage(entity, field, values["kept_value"])
        except (ValueError, KeyError, ArithmeticError):
            return
        session.connection().exec_driver_sql(
            f"UPDATE {codec(entity).table} SET {field} = ? WHERE id = ? AND version = ?",
            (kept, record_id, int(version)),
        )
        tracking.change_set(session).add(entity, record_id)

    @staticmethod
    def _resolved(session: Session, change: dict[str, Any]) -> None:
        c = change["conflict"]
        session.execute(
            update(SyncConflict)
            .where(SyncConflict.id == str(c["id"]))
            .values(
                state="resolved",
                resolved_at=utcnow(),
                resolved_by=str(c.get("by") or ""),
                resolution=c.get("value"),
            )
        )
        tracking.change_set(session).add("sync_conflict", str(c["id"]))

    def hide(self, refs: list[tuple[str, str]]) -> int:
        """Hide records the server no longer has in this scope (never ones with edits
        waiting to be sent)."""
        if not refs:
            return 0
        hidden = 0
        with self.ctx.remote_unit_of_work() as session:
            held = self._held_fields(session, refs)
            stats = PageStats()
            for entity, record_id in refs:
                if entity in MODEL_BY_ENTITY:
                    self._exit(session, {"entity": entity, "id": record_id}, held, stats)
            hidden = stats.exits
        return hidden

    # ------------------------------------------------------------------ divergence

    def has_unsent(self) -> bool:
        with self.ctx.read() as session:
            return session.scalar(select(OutboxEntry.seq).limit(1)) is not None

    def local_versions(self, entity: str) -> dict[str, int]:
        model = MODEL_BY_ENTITY[entity]
        with self.ctx.read() as session:
            rows = session.execute(
                select(model.id, model.version).where(model.deleted_at.is_(None), model.version > 0)
            )
            return {str(i): int(v) for i, v in rows}

    def local_digests(self) -> dict[str, tuple[int, str]]:
        out = {}
        for entity in MODEL_BY_ENTITY:
            count, digest = digest_of(entity, self.local_versions(entity).items())
            if count:
                out[entity] = (count, digest)
        return out

    def refetch_queue(self) -> list[tuple[str, str]]:
        saved = self.get_state(KEY_REFETCH)
        return [(str(e), str(i)) for e, i in json.loads(saved)] if saved else []

    def clear_refetch(self, refs: list[tuple[str, str]]) -> None:
        done = set(refs)
        left = [list(r) for r in self.refetch_queue() if r not in done]
        self.set_state(**{KEY_REFETCH: json.dumps(left) if left else None})


# ---------------------------------------------------------------- what the GUI shows


@dataclass(frozen=True)
class SyncSettings:
    server_url: str | None
    username: str | None
    interval_minutes: int
    batch_size: int
    page_size: int

    @property
    def configured(self) -> bool:
        return bool(self.server_url and self.username)


@dataclass(frozen=True)
class SyncStatus:
    server_url: str | None
    username: str | None
    logged_in: bool
    pending: int
    rejected: int
    open_conflicts: int
    last_success: dt.datetime | None
    last_pull_complete: dt.datetime | None
    last_run: SyncRunView | None
    running: bool

    @property
    def synced(self) -> bool:
        """Only when nothing waits to be sent and the last pull reached the end."""
        return (
            self.pending == 0
            and self.rejected == 0
            and self.last_pull_complete is not None
            and self.last_run is not None
            and self.last_run.outcome == "ok"
        )


@dataclass(frozen=True)
class ConflictView:
    id: str
    entity: str
    record_id: str
    record_label: str
    field: str
    kept_value: Any
    kept_by: str
    proposed_value: Any
    proposed_by: str
    current_value: Any
    payment_field: bool
    created_at: dt.datetime
    state: str
    resolution: Any
    proposed_device: str = ""  # the PC whose edit was not applied


@dataclass(frozen=True)
class RejectedOp:
    seq: int
    op_id: str
    entity: str
    record_id: str
    record_label: str
    op: str
    fields: tuple[str, ...]
    reason: str
    detail: dict[str, Any]
    created_at: dt.datetime

    @property
    def message_code(self) -> str:
        return f"sync.reason.{self.reason}"


@dataclass(frozen=True)
class SyncRunView:
    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    trigger: str
    outcome: str
    error_code: str | None
    error_params: dict[str, Any]
    pushed: int
    merged: int
    conflicts: int
    rejected: int
    pulled: int
    incoming_failed: int
    repaired: int
    round_trips: int
    bytes_sent: int
    bytes_received: int
    verified: bool | None

    @classmethod
    def of(cls, row: SyncRun) -> SyncRunView:
        return cls(
            row.id,
            row.started_at,
            row.finished_at,
            row.trigger,
            row.outcome,
            row.error_code,
            dict(row.error_params or {}),
            row.pushed,
            row.merged,
            row.conflicts,
            row.rejected,
            row.pulled,
            row.incoming_failed,
            row.repaired,
            row.round_trips,
            row.bytes_sent,
            row.bytes_received,
            row.verified,
        )


@dataclass
class RunRecord:
    """A sync history entry being written (`SyncService.recording`): what the run has done
    so far, what went over the wire if it talked to a server, and, once it has ended well,
    the entry as stored."""

    report: SyncReport = field(default_factory=SyncReport)
    stats: WireStats | None = None
    view: SyncRunView | None = None


class SyncService:
    """Sync with the central server, for the GUI and the CLI.

    `run()` blocks: call it from a worker thread. `progress` is called on that thread with
    `sync.engine.Progress(stage, done, total)`; `cancel.cancel()` from any thread stops the
    run at the next request, batch or page. Only one run at a time per service."""

    def __init__(
        self,
        ctx: ServiceContext,
        credentials: CredentialStore | None = None,
        transport_options: TransportOptions | None = None,
    ) -> None:
        self.ctx = ctx
        self._credentials = credentials
        self.transport_options = transport_options
        self._running = threading.Lock()

    @property
    def credentials(self) -> CredentialStore:
        if self._credentials is None:
            self._credentials = KeyringCredentials()
        return self._credentials

    def _store(self) -> SqliteSyncStore:
        return SqliteSyncStore(self.ctx)

    # ------------------------------------------------------------------ settings

    def settings(self) -> SyncSettings:
        with self.ctx.read() as session:
            values = {r.key: r.value for r in session.scalars(select(SyncState))}
        return SyncSettings(
            values.get(KEY_SERVER_URL),
            values.get(KEY_USERNAME),
            int(values.get(KEY_INTERVAL) or DEFAULT_INTERVAL_MINUTES),
            int(values.get(KEY_BATCH) or SyncOptions.batch_size),
            int(values.get(KEY_PAGE) or SyncOptions.page_size),
        )

    def configure(
        self,
        server_url: str | None = None,
        username: str | None = None,
        interval_minutes: int | None = None,
        batch_size: int | None = None,
        page_size: int | None = None,
    ) -> SyncSettings:
        require(self.ctx.actor, Permission.SETTINGS)
        changes: dict[str, str | None] = {}
        if server_url is not None:
            url = server_url.strip().rstrip("/")
            if not url.startswith(("http://", "https://")):
                raise DomainError("sync.server_url_invalid", field="server_url", url=url)
            changes[KEY_SERVER_URL] = url
        if username is not None:
            if not username.strip():
                raise DomainError("field.required", field="username")
            changes[KEY_USERNAME] = username.strip()
        for key, value, low, high in (
            (KEY_INTERVAL, interval_minutes, 1, 7 * 24 * 60),
            (KEY_BATCH, batch_size, 1, 1000),
            (KEY_PAGE, page_size, 1, 5000),
        ):
            if value is not None:
                if not low <= value <= high:
                    raise DomainError("sync.setting_out_of_range", field=key, low=low, high=high)
                changes[key] = str(value)
        if changes:
            self._store().set_state(**changes)
        return self.settings()

    def _client(self, cancel: CancelToken | None = None) -> SyncClient:
        settings = self.settings()
        if not settings.configured:
            raise SyncError(errors.NOT_CONFIGURED)
        assert settings.server_url is not None and settings.username is not None
        options = self.transport_options or TransportOptions(
            verify=SettingsService(self.ctx).get().tls_verify()
        )
        transport = Transport(settings.server_url, options, cancel)
        return SyncClient(transport, self.credentials, settings.username, self.ctx.site().device_id)

    def login(self, password: str) -> LoginInfo:
        """Sign in once; only the refresh token is kept (in the keyring)."""
        require(self.ctx.actor, Permission.SYNC)
        client = self._client()
        try:
            return client.login(password)
        finally:
            client.transport.close()

    def logout(self) -> None:
        require(self.ctx.actor, Permission.SYNC)
        client = self._client()
        try:
            client.logout()
        finally:
            client.transport.close()

    def relay_bundle(self, bundle: bytes) -> bytes:
        """Hand another PC's sealed request bundle to the server, signed in as this PC's own
        account, and return the server's sealed answer for that PC. Nothing of this PC's
        data goes with it, so it does not wait for the folder's sync lock."""
        require(self.ctx.actor, Permission.SYNC)
        client = self._client()
        try:
            return client.relay_bundle(bundle)
        finally:
            client.transport.close()

    def reachable(self, timeout: float = 3.0) -> bool:
        settings = self.settings()
        if not settings.configured or settings.server_url is None:
            return False
        transport = Transport(
            settings.server_url,
            TransportOptions(connect_timeout=timeout, read_timeout=timeout, attempts=1),
        )
        try:
            transport.call("GET", "/health", attempts=1)
            return True
        except SyncError:
            return False
        finally:
            transport.close()

    # ------------------------------------------------------------------ status

    def pending_count(self) -> int:
        return self._store().pending_count()

    def status(self) -> SyncStatus:
        settings = self.settings()
        store = self._store()
        with self.ctx.read() as session:
            rejected = session.scalar(select(func.count()).where(OutboxEntry.state == "rejected"))
            conflicts = session.scalar(select(func.count()).where(SyncConflict.state != "resolved"))
            last = session.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(1)).first()
            last_run = SyncRunView.of(last) if last else None
        logged_in = False
        if settings.configured:
            assert settings.server_url and settings.username
            key = credential_key(settings.server_url, settings.username)
            logged_in = self.credentials.get(key) is not None
        success = store.get_state(KEY_LAST_SUCCESS)
        complete = store.get_state(KEY_PULL_COMPLETE)
        return SyncStatus(
            settings.server_url,
            settings.username,
            logged_in,
            store.pending_count(),
            int(rejected or 0),
            int(conflicts or 0),
            dt.datetime.fromisoformat(success) if success else None,
            dt.datetime.fromisoformat(complete) if complete else None,
            last_run,
            self._running.locked(),
        )

    def is_due(self, now: dt.datetime | None = None) -> bool:
        """For the periodic timer: configured, and the interval has passed since the last
        attempt."""
        settings = self.settings()
        if not settings.configured:
            return False
        with self.ctx.read() as session:
            last = session.scalar(select(func.max(SyncRun.started_at)))
        now = now or utcnow()
        return last is None or now - last >= dt.timedelta(minutes=settings.interval_minutes)

    def history(self, limit: int = 50) -> list[SyncRunView]:
        with self.ctx.read() as session:
            rows = session.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit))
            return [SyncRunView.of(r) for r in rows]

    # ------------------------------------------------------------------ running

    def run(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        trigger: str = "manual",
    ) -> SyncRunView:
        """Push, pull and check. Returns the history entry; raises `SyncError` (after
        recording it) when the sync could not finish."""
        require(self.ctx.actor, Permission.SYNC)
        if not self._running.acquire(blocking=False):
            raise SyncError(errors.ALREADY_RUNNING)
        try:
            # Refused while another process (the app, `btxh`) exchanges this folder's data.
            with folder_lock(self.ctx.paths.data_dir):
                return self._run(progress, cancel or CancelToken(), trigger)
        finally:
            self._running.release()

    def _run(
        self, progress: ProgressCallback | None, cancel: CancelToken, trigger: str
    ) -> SyncRunView:
        store = self._store()
        settings = self.settings()
        with self.recording(trigger) as record:
            client: SyncClient | None = None
            try:
                client = self._client(cancel)
                record.stats = client.transport.stats
                engine = SyncEngine(
                    store,
                    client,
                    SyncOptions(settings.batch_size, settings.page_size),
                    progress,
                    cancel,
                )
                engine.run(record.report)
            finally:
                if client is not None:
                    client.transport.close()
        assert record.view is not None
        return record.view

    @contextmanager
    def recording(self, trigger: str) -> Iterator[RunRecord]:
        """Keep a run in the sync history: "running" while the block runs, then how it
        ended — ok, cancelled, failed with the `SyncError` it raised, or failed as a problem
        on this PC (a full disk, a locked file, a bug) for any other exception, which goes
        on to the caller. An online sync and an imported bundle answer both go through here.

        A process that ends inside the block (killed, or interrupted at the keyboard) leaves
        the entry "running"; the next run marks it "interrupted"."""
        run_id = self._begin_run(trigger)
        record = RunRecord()
        try:
            yield record
        except SyncError as exc:
            self._finish_run(run_id, record.report, exc, record.stats)
            raise
        except Exception as exc:
            error = SyncError(errors.LOCAL_ERROR, kind=type(exc).__name__)
            self._finish_run(run_id, record.report, error, record.stats)
            raise
        record.view = self._finish_run(run_id, record.report, None, record.stats)

    def _begin_run(self, trigger: str) -> int:
        with self.ctx.unit_of_work_unbound() as session:
            session.execute(
                update(SyncRun)
                .where(SyncRun.outcome == "running")
                .values(outcome="interrupted", finished_at=utcnow())
            )
            run_id = session.execute(
                insert(SyncRun)
                .values(started_at=utcnow(), trigger=trigger, outcome="running", error_params={})
                .returning(SyncRun.id)
            ).scalar_one()
        return int(run_id)

    def _finish_run(
        self, run_id: int, report: SyncReport, error: SyncError | None, stats: WireStats | None
    ) -> SyncRunView:
        now = utcnow()
        if error is None:
            outcome = "ok"
        elif isinstance(error, SyncCancelled):
            outcome = "cancelled"
        else:
            outcome = "failed"
        results = report.results
        with self.ctx.unit_of_work_unbound() as session:
            session.execute(
                update(SyncRun)
                .where(SyncRun.id == run_id)
                .values(
                    finished_at=now,
                    outcome=outcome,
                    error_code=error.code if error else None,
                    error_params={k: str(v) for k, v in error.params.items()} if error else {},
                    pushed=report.pushed,
                    merged=results[OpStatus.MERGED.value],
                    conflicts=report.incoming.conflicts,
                    rejected=results[OpStatus.REJECTED.value],
                    pulled=report.incoming.applied + report.incoming.rebased,
                    incoming_failed=report.incoming.failed,
                    repaired=report.repaired,
                    round_trips=stats.requests if stats else 0,
                    bytes_sent=stats.bytes_sent if stats else 0,
                    bytes_received=stats.bytes_received if stats else 0,
                    verified=report.verified,
                )
            )
            if error is None:
                self._store()._put(session, KEY_LAST_SUCCESS, now.isoformat())
            row = session.get(SyncRun, run_id)
            assert row is not None
            session.refresh(row)
            return SyncRunView.of(row)

    # ------------------------------------------------------------------ conflicts

    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        with self.ctx.read() as session:
            query = select(SyncConflict).order_by(SyncConflict.created_at)
            if not include_resolved:
                query = query.where(SyncConflict.state != "resolved")
            rows = session.scalars(query).all()
            out = []
            for row in rows:
                record = session.get(MODEL_BY_ENTITY[row.entity], row.record_id)
                current = (
                    tracking.to_wire(getattr(record, row.field, None))
                    if record is not None
                    else None
                )
                out.append(
                    ConflictView(
                        row.id,
                        row.entity,
                        row.record_id,
                        record_label(session, row.entity, row.record_id),
                        row.field,
                        row.kept_value,
                        row.kept_by,
                        row.proposed_value,
                        row.proposed_by,
                        current,
                        row.payment_field,
                        row.created_at,
                        row.state,
                        row.resolution,
                        row.proposed_device,
                    )
                )
            return out

    def parse_value(self, conflict_id: str, text: str | None) -> Any:
        """The wire value for what a person typed as the new value of a conflicted field."""
        with self.ctx.read() as session:
            conflict = session.get(SyncConflict, conflict_id)
            if conflict is None:
                raise DomainError("sync.conflict_not_found")
            entity, field = conflict.entity, conflict.field
        column = MODEL_BY_ENTITY[entity].__table__.c[field]  # type: ignore[attr-defined]
        text = (text or "").strip()
        if not text:
            return None
        kind = column.type
        try:
            if isinstance(kind, MonthType):
                return str(Month.parse(text))
            if isinstance(kind, DecimalText):
                return _decimal(text.replace(",", "."))
            if isinstance(kind, Date):
                return _date(text)
            if isinstance(kind, Boolean):
                return text.lower() in ("1", "true", "yes", "có", "co")
            if isinstance(kind, Integer):
                return int(text.replace(".", "").replace(",", ""))
            if isinstance(kind, JSONType):
                return json.loads(text)
        except (ValueError, ArithmeticError):
            raise DomainError("sync.resolve_invalid_value", field=field) from None
        return text

    def resolve_conflict(
        self, conflict_id: str, value: Any, initiator: object | None = None
    ) -> None:
        """Settle a conflict with `value` (a wire value: the kept one, the proposed one, or
        one the person typed). The choice becomes an operation, so it reaches the server and
        closes the conflict on every PC of the scope."""
        with self.ctx.read() as session:
            conflict = session.get(SyncConflict, conflict_id)
            if conflict is None or conflict.state != "open":
                raise DomainError("sync.conflict_not_found")
            payment = conflict.payment_field
        require(self.ctx.actor, Permission.DECIDE if payment else Permission.EDIT_PEOPLE)
        try:
            stored = wire_to_storage(conflict.entity, conflict.field, value)
        except (ValueError, ArithmeticError, KeyError):
            raise DomainError("sync.resolve_invalid_value", field=conflict.field) from None
        model = MODEL_BY_ENTITY[conflict.entity]
        try:
            with self.ctx.unit_of_work(initiator) as session:
                record = session.get(model, conflict.record_id)
                if record is None or record.deleted_at is not None:
                    raise DomainError("sync.record_gone")
                session.connection().exec_driver_sql(
                    f"UPDATE {codec(conflict.entity).table} SET {conflict.field} = ?,"
                    " updated_at = ?, updated_by = ? WHERE id = ?",
                    (stored, _datetime(utcnow().isoformat()), self.ctx.actor.username, record.id),
                )
                tracking.queue_operation(
                    session, record, OpKind.RESOLVE.value, {conflict.field: value}, "resolve"
                )
                session.execute(
                    update(SyncConflict)
                    .where(SyncConflict.id == conflict_id)
                    .values(
                        state="resolving",
                        resolved_at=utcnow(),
                        resolved_by=self.ctx.actor.username,
                        resolution=value,
                    )
                )
                tracking.change_set(session).add(conflict.entity, record.id)
        except IntegrityError:
            raise DomainError("sync.resolve_invalid_value", field=conflict.field) from None

    # ------------------------------------------------------------------ rejected edits

    def rejected(self) -> list[RejectedOp]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(OutboxEntry).where(OutboxEntry.state == "rejected").order_by(OutboxEntry.seq)
            ).all()
            return [
                RejectedOp(
                    r.seq,
                    r.op_id,
                    r.entity,
                    r.record_id,
                    record_label(session, r.entity, r.record_id),
                    r.op,
                    tuple(sorted(r.fields)),
                    r.result_code or "rejected",
                    dict(r.result_detail or {}),
                    r.created_at,
                )
                for r in rows
            ]

    def _rejected_group(self, session: Session, seq: int) -> list[OutboxEntry]:
        entry = session.get(OutboxEntry, seq)
        if entry is None or entry.state != "rejected":
            raise DomainError("sync.rejected_not_found")
        return list(
            session.scalars(
                select(OutboxEntry)
                .where(
                    OutboxEntry.entity == entry.entity,
                    OutboxEntry.record_id == entry.record_id,
                    OutboxEntry.state == "rejected",
                )
                .order_by(OutboxEntry.seq)
            )
        )

    def resend(self, seq: int, initiator: object | None = None) -> None:
        """Send a rejected record again, as it is now (after the person fixed it): one
        new operation with a new id carrying the whole record, since the server keeps its
        answer to the old id forever."""
        require(self.ctx.actor, Permission.SYNC)
        with self.ctx.unit_of_work(initiator) as session:
            group = self._rejected_group(session, seq)
            first = group[0]
            record = session.get(MODEL_BY_ENTITY[first.entity], first.record_id)
            if record is None:
                raise DomainError("sync.record_gone")
            extras = [
                (e.op, dict(e.fields)) for e in group if e.op in (OpKind.MOVE, OpKind.RESOLVE)
            ]
            edited = any(e.op in (OpKind.UPSERT, OpKind.DELETE) for e in group)
            for chunk in _chunks([e.seq for e in group]):
                session.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_(chunk)))
            if edited:
                if record.deleted_at is not None:
                    tracking.queue_operation(session, record, OpKind.DELETE.value, {}, "resend")
                else:
                    fields = {
                        name: tracking.to_wire(getattr(record, name))
                        for name in tracking.data_columns(type(record))
                    }
                    tracking.queue_operation(session, record, OpKind.UPSERT.value, fields, "resend")
            for op, fields in extras:
                tracking.queue_operation(session, record, op, fields, "resend")

    def person_of(self, entity: str, record_id: str) -> str | None:
        """The person a record belongs to (itself, or the person up its parents); None for
        records of no person (a facility, an emergency event)."""
        with self.ctx.read() as session:
            return person_of(session, entity, record_id)

    def discard(self, seq: int, initiator: object | None = None) -> None:
        """Give up a rejected edit: the record is restored from the server at the next sync
        (or hidden, if the server does not have it for this site)."""
        require(self.ctx.actor, Permission.SYNC)
        with self.ctx.unit_of_work(initiator) as session:
            group = self._rejected_group(session, seq)
            ref = [group[0].entity, group[0].record_id]
            for chunk in _chunks([e.seq for e in group]):
                session.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_(chunk)))
            # Giving up an edit is a decision about the data: it goes in the audit log.
            audit.append(
                session,
                [
                    audit.entry(
                        self.ctx.actor.username,
                        "discard",
                        ref[0],
                        ref[1],
                        {name for e in group for name in e.fields},
                        device_id=session.info.get(tracking.DEVICE_KEY),
                    )
                ],
            )
            saved = session.get(SyncState, KEY_REFETCH)
            queue = json.loads(saved.value) if saved else []
            if ref not in queue:
                queue.append(ref)
            SqliteSyncStore._put(session, KEY_REFETCH, json.dumps(queue))


def person_of(session: Session, entity: str, record_id: str | None) -> str | None:
    """Follow a record's parents up to its person, if it has one."""
    for _ in range(len(ENTITIES)):
        if record_id is None or entity not in MODEL_BY_ENTITY:
            return None
        if MODEL_BY_ENTITY[entity] is Person:
            return record_id
        row = session.get(MODEL_BY_ENTITY[entity], record_id)
        if row is None:
            return None
        direct = getattr(row, "person_id", None)
        if direct:
            return str(direct)
        spec = ENTITIES[entity]
        if spec.parent_field is None or spec.parent_entity is None:
            return None
        entity, record_id = spec.parent_entity, getattr(row, spec.parent_field, None)
    return None


def record_label(session: Session, entity: str, record_id: str) -> str:
    """What a person recognises a record by: the name and code of the person it concerns."""
    model = MODEL_BY_ENTITY.get(entity)
    if model is None:
        return record_id
    person_id: str | None = record_id if model is Person else None
    if person_id is None:
        row = session.get(model, record_id)
        person_id = getattr(row, "person_id", None) if row is not None else None
    person = session.get(Person, person_id) if person_id else None
    if person is None:
        return f"{entity} {record_id[:8]}"
    return f"{person.full_name} ({person.code})"
