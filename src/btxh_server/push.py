"""Applying a batch of operations: idempotent, merged field by field, all in one transaction.

The order inside the transaction is what makes it safe under concurrency:
1. lock the pushing site's scope row (`SELECT … FOR UPDATE`; on SQLite the write
   transaction itself is exclusive), so positions in that scope are taken in commit order;
2. claim every operation id with `INSERT … ON CONFLICT DO NOTHING`: the primary key decides
   which operations are new; a retried or racing copy of an operation claims nothing and is
   answered with the stored result (a different payload under the same id is refused);
3. read the records the new operations touch (and lock any other scope they live in or move
   to), apply the operations in order in memory, then write records, log events, conflicts,
   results, positions and digests back with a handful of statements.

A deadlock or serialization failure (possible when two moves cross between the same two
scopes) rolls the whole batch back and it is retried here, so clients never see one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from btxh_desktop.sync.protocol import (
    ENTITIES,
    FIELD_PATTERN,
    MAX_FIELDS_PER_OP,
    MAX_TEXT_VALUE,
    MOVABLE_ENTITIES,
    PAYMENT_FIELDS,
    UUID_PATTERN,
    OpKind,
    OpStatus,
    Reason,
    Scope,
    depth,
    format_digest,
    is_payment_field,
    record_hash,
)
from btxh_server import logs
from btxh_server.accounts import Account
from btxh_server.db import (
    WRITE,
    conflicts,
    ops,
    records,
    scope_digests,
    scope_events,
    scope_heads,
    utcnow,
)
from btxh_server.schemas import PushOp, has_bad_characters
from btxh_server.scopes import ScopeRules

BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "updated_by", "deleted_at"})
MAX_INT = 2**53
CONFLICT_NAMESPACE = uuid.UUID("5f0c6f7e-2a47-4c8e-9a51-1d1c0b6f7a10")
TRANSACTION_ATTEMPTS = 8
# PostgreSQL: deadlock detected, serialization failure, lock not available.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "55P03"})


class ScopeDenied(Exception):
    def __init__(self, scope: str) -> None:
        super().__init__(scope)
        self.scope = scope


@dataclass
class Result:
    op_id: str
    status: OpStatus
    version: int | None = None
    reason: Reason | None = None
    detail: dict[str, Any] | None = None
    replayed: bool = False

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op_id": self.op_id, "status": self.status.value}
        if self.version is not None:
            out["version"] = self.version
        if self.reason is not None:
            out["reason"] = self.reason.value
        if self.detail:
            out["detail"] = self.detail
        if self.replayed:
            out["replayed"] = True
        return out


def rejected(op_id: str, reason: Reason, **detail: Any) -> Result:
    return Result(op_id, OpStatus.REJECTED, reason=reason, detail=detail or None)


@dataclass
class Op:
    """An operation that passed validation."""

    op_id: str
    seq: int
    entity: str
    record_id: str
    kind: OpKind
    fields: dict[str, Any]
    base_version: int
    username: str
    created_at: dt.datetime | None
    payload_hash: str


@dataclass
class Rec:
    """A record's state while a batch is applied."""

    entity: str
    id: str
    scope: str
    root_id: str
    version: int
    position: int
    data: dict[str, Any]
    field_versions: dict[str, list[Any]]
    origin_device: str
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str
    deleted_at: dt.datetime | None
    new: bool = False
    dirty: bool = False

    def field_version(self, name: str) -> tuple[int, str, str]:
        entry = self.field_versions.get(name)
        if entry is None:
            return 1, self.origin_device, ""
        return int(entry[0]), str(entry[1]), str(entry[2]) if len(entry) > 2 else ""

    @property
    def live(self) -> bool:
        return self.deleted_at is None


def payload_hash(op: PushOp) -> str:
    canonical = json.dumps(
        [op.entity, op.record_id, op.op, op.fields, op.base_version],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _valid_value(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -MAX_INT <= value <= MAX_INT
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return len(value) <= MAX_TEXT_VALUE and not has_bad_characters(value)
    if isinstance(value, list | dict):
        # A JSON column (a list of categories): small, and made of valid values itself.
        items = value.values() if isinstance(value, dict) else value
        return len(dumps(value)) <= MAX_TEXT_VALUE and all(_valid_value(v) for v in items)
    return False


def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def validate(op: PushOp) -> Op | Result:
    if not UUID_PATTERN.match(op.op_id):
        return rejected(op.op_id, Reason.INVALID_OP, field="op_id")
    if op.entity not in ENTITIES:
        return rejected(op.op_id, Reason.UNKNOWN_ENTITY)
    if not UUID_PATTERN.match(op.record_id):
        return rejected(op.op_id, Reason.INVALID_OP, field="record_id")
    try:
        kind = OpKind(op.op)
    except ValueError:
        return rejected(op.op_id, Reason.INVALID_OP, field="op")
    if len(op.fields) > MAX_FIELDS_PER_OP:
        return rejected(op.op_id, Reason.INVALID_FIELDS)
    for name, value in op.fields.items():
        if not FIELD_PATTERN.match(name) or name in BOOKKEEPING or not _valid_value(value):
            return rejected(op.op_id, Reason.INVALID_FIELDS, field=name[:64])
    if kind == OpKind.MOVE:
        if op.entity not in MOVABLE_ENTITIES:
            return rejected(op.op_id, Reason.INVALID_OP, field="entity")
        target = op.fields.get("to_scope")
        if set(op.fields) != {"to_scope"} or not isinstance(target, str):
            return rejected(op.op_id, Reason.INVALID_FIELDS, field="to_scope")
    if kind == OpKind.RESOLVE and not op.fields:
        return rejected(op.op_id, Reason.INVALID_FIELDS)
    return Op(
        op.op_id,
        op.seq,
        op.entity,
        op.record_id,
        kind,
        dict(op.fields),
        op.base_version,
        op.username,
        _parse_time(op.created_at),
        payload_hash(op),
    )


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def same(a: Any, b: Any) -> bool:
    """JSON equality that tells `1`, `1.0` and `true` apart."""
    return type(a) is type(b) and a == b


def is_retryable(exc: DBAPIError) -> bool:
    code = getattr(exc.orig, "sqlstate", None)
    if code in RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(exc.orig)


def run_with_retries(engine: Engine, work: Callable[[Connection], Any]) -> Any:
    """Run `work` in a write transaction, again from scratch on a deadlock."""
    for attempt in range(TRANSACTION_ATTEMPTS):
        try:
            with engine.execution_options(**WRITE).begin() as conn:
                return work(conn)
        except DBAPIError as exc:
            if not is_retryable(exc) or attempt == TRANSACTION_ATTEMPTS - 1:
                raise
            logs.event("db.retry", attempt=attempt + 1, sqlstate=getattr(exc.orig, "sqlstate", ""))
            time.sleep(random.uniform(0, 0.05 * 2**attempt))
    raise AssertionError("unreachable")


def insert_ignoring_duplicates(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).values(rows).on_conflict_do_nothing()


class Batch:
    """One push request being applied inside one transaction."""

    def __init__(
        self,
        conn: Connection,
        account: Account,
        device_id: str,
        scope: str,
        covers: Callable[[str], bool],
        rules: ScopeRules,
    ) -> None:
        self.conn = conn
        self.account = account
        self.device_id = device_id
        self.scope = scope
        self.covers = covers
        self.rules = rules
        self.now = utcnow()
        self.heads: dict[str, int] = {}
        self.records: dict[tuple[str, str], Rec] = {}
        self.events: list[dict[str, Any]] = []
        self.new_conflicts: list[dict[str, Any]] = []
        self.resolved_conflicts: list[dict[str, Any]] = []
        self.conflict_scope_moves: list[dict[str, Any]] = []
        self.open_conflicts: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.digest_deltas: dict[tuple[str, str], list[int]] = {}

    # ------------------------------------------------------------------ locking and loading

    def lock(self, scopes: Iterable[str]) -> None:
        for scope in sorted(set(scopes) - set(self.heads)):
            self.conn.execute(
                insert_ignoring_duplicates(
                    self.conn, scope_heads, [{"scope": scope, "position": 0}]
                )
            )
            position = self.conn.scalar(
                select(scope_heads.c.position).where(scope_heads.c.scope == scope).with_for_update()
            )
            self.heads[scope] = int(position or 0)

    def next_position(self, scope: str) -> int:
        self.heads[scope] += 1
        return self.heads[scope]

    def load(self, batch_ops: list[Op]) -> None:
        ids: set[str] = set()
        for op in batch_ops:
            ids.add(op.record_id)
            spec = ENTITIES[op.entity]
            parent = op.fields.get(spec.parent_field) if spec.parent_field else None
            if isinstance(parent, str):
                ids.add(parent)
        roots = {op.record_id for op in batch_ops if op.kind == OpKind.MOVE}
        # Read, lock any other scope those records live in or move to, and read again: a
        # record may have changed (or moved) between the first read and the lock.
        for _ in range(4):
            self.records = {}
            self._read(ids, roots)
            wanted = {r.scope for r in self.records.values() if self.covers(r.scope)}
            for op in batch_ops:
                target = op.fields.get("to_scope") if op.kind == OpKind.MOVE else None
                if isinstance(target, str) and _is_record_scope(target):
                    wanted.add(target)
            if wanted <= set(self.heads):
                break
            self.lock(wanted)
        resolving = [op.record_id for op in batch_ops if op.kind == OpKind.RESOLVE]
        moving = [r.id for r in self.records.values() if r.root_id in roots]
        self._read_open_conflicts(set(resolving) | set(moving))

    def _read(self, ids: set[str], roots: set[str]) -> None:
        columns = [c for c in records.c]
        chunks = _chunks(sorted(ids), 500)
        for chunk in chunks:
            for row in self.conn.execute(select(*columns).where(records.c.id.in_(chunk))):
                self._keep(row)
        for chunk in _chunks(sorted(roots), 500):
            for row in self.conn.execute(select(*columns).where(records.c.root_id.in_(chunk))):
                self._keep(row)

    def _keep(self, row: Any) -> None:
        rec = Rec(
            row.entity,
            row.id,
            row.scope,
            row.root_id,
            row.version,
            row.position,
            json.loads(row.data),
            json.loads(row.field_versions),
            row.origin_device,
            row.created_at,
            row.updated_at,
            row.updated_by,
            row.deleted_at,
        )
        self.records[(rec.entity, rec.id)] = rec

    def _read_open_conflicts(self, record_ids: set[str]) -> None:
        for chunk in _chunks(sorted(record_ids), 500):
            for row in self.conn.execute(
                select(conflicts).where(
                    conflicts.c.record_id.in_(chunk), conflicts.c.resolved_at.is_(None)
                )
            ):
                self.open_conflicts.setdefault((row.entity, row.record_id), []).append(
                    dict(row._mapping)
                )

    # ------------------------------------------------------------------ digests and log

    def _digest(self, rec: Rec, sign: int) -> None:
        if not rec.live:
            return
        delta = self.digest_deltas.setdefault((rec.scope, rec.entity), [0, 0])
        delta[0] += sign
        delta[1] ^= record_hash(rec.entity, rec.id, rec.version)

    def _bump(self, rec: Rec, op: Op) -> None:
        """A new version, at the end of its scope's log."""
        rec.version += 1
        rec.position = self.next_position(rec.scope)
        rec.updated_at = op.created_at or self.now
        rec.updated_by = op.username
        rec.dirty = True

    def _touch(self, rec: Rec, op: Op) -> None:
        self._digest(rec, -1)
        self._bump(rec, op)
        self._digest(rec, +1)

    def _event(self, scope: str, kind: str, rec: Rec, data: dict[str, Any]) -> None:
        self.events.append(
            {
                "scope": scope,
                "position": self.next_position(scope),
                "kind": kind,
                "entity": rec.entity,
                "record_id": rec.id,
                "data": dumps(data),
                "created_at": self.now,
            }
        )

    # ------------------------------------------------------------------ applying

    def apply(self, op: Op) -> Result:
        rec = self.records.get((op.entity, op.record_id))
        if rec is None:
            if op.kind == OpKind.UPSERT and op.base_version == 0:
                return self._create(op)
            return rejected(op.op_id, Reason.NOT_FOUND)
        if not self.covers(rec.scope):
            logs.warning(
                "scope.denied",
                account=self.account.id,
                scope=rec.scope,
                entity=op.entity,
                op_id=op.op_id,
            )
            return rejected(op.op_id, Reason.OUT_OF_SCOPE)
        if not rec.live:
            return Result(op.op_id, OpStatus.DELETED, rec.version)
        if op.kind == OpKind.DELETE:
            self._digest(rec, -1)
            self._bump(rec, op)
            rec.deleted_at = op.created_at or self.now
            return Result(op.op_id, OpStatus.APPLIED, rec.version)
        if op.kind == OpKind.MOVE:
            return self._move(op, rec)
        return self._merge(op, rec)

    def _create(self, op: Op) -> Result:
        spec = ENTITIES[op.entity]
        if spec.parent_field is not None:
            parent_id = op.fields.get(spec.parent_field)
            assert spec.parent_entity is not None
            parent = (
                self.records.get((spec.parent_entity, parent_id))
                if isinstance(parent_id, str)
                else None
            )
            if parent is None:
                return rejected(op.op_id, Reason.PARENT_MISSING, field=spec.parent_field)
            if not self.covers(parent.scope):
                return rejected(op.op_id, Reason.OUT_OF_SCOPE)
            scope, root = parent.scope, parent.root_id
        else:
            scope, root = self.scope, op.record_id
        when = op.created_at or self.now
        rec = Rec(
            op.entity,
            op.record_id,
            scope,
            root,
            1,
            self.next_position(scope),
            dict(op.fields),
            {},
            self.device_id,
            when,
            when,
            op.username,
            None,
            new=True,
        )
        self.records[(rec.entity, rec.id)] = rec
        self._digest(rec, +1)
        return Result(op.op_id, OpStatus.APPLIED, 1)

    def _merge(self, op: Op, rec: Rec) -> Result:
        spec = ENTITIES[op.entity]
        if spec.parent_field and spec.parent_field in op.fields:
            current = rec.data.get(spec.parent_field)
            if not same(op.fields[spec.parent_field], current):
                return rejected(op.op_id, Reason.INVALID_FIELDS, field=spec.parent_field)
        base = op.base_version
        by_others = {
            name
            for name in set(rec.data) | set(rec.field_versions)
            if (fv := rec.field_version(name))[0] > base and fv[1] != self.device_id
        }
        payment_held = op.entity in PAYMENT_FIELDS and any(
            is_payment_field(op.entity, name) for name in by_others
        )
        changes: dict[str, Any] = {}
        clashes: list[str] = []
        for name, value in op.fields.items():
            current = rec.data.get(name)
            if name in rec.data and same(current, value):
                continue
            if name in by_others or (payment_held and is_payment_field(op.entity, name)):
                clashes.append(name)
            else:
                changes[name] = value
        if changes:
            self._touch(rec, op)
            for name, value in changes.items():
                rec.data[name] = value
                rec.field_versions[name] = [rec.version, self.device_id, op.username]
        ids = [self._conflict(op, rec, name) for name in clashes]
        if op.kind == OpKind.RESOLVE:
            self._resolve(op, rec, [n for n in op.fields if n not in clashes])
        if clashes:
            return Result(
                op.op_id,
                OpStatus.CONFLICT,
                rec.version,
                detail={"fields": clashes, "conflicts": ids},
            )
        status = OpStatus.MERGED if by_others and op.kind == OpKind.UPSERT else OpStatus.APPLIED
        return Result(op.op_id, status, rec.version)

    def _conflict(self, op: Op, rec: Rec, name: str) -> str:
        version, _device, user = rec.field_version(name)
        conflict_id = str(uuid.uuid5(CONFLICT_NAMESPACE, f"{op.op_id}:{name}"))
        row = {
            "id": conflict_id,
            "scope": rec.scope,
            "entity": rec.entity,
            "record_id": rec.id,
            "field": name,
            "base_version": op.base_version,
            "kept_value": dumps(rec.data.get(name)),
            "kept_version": version,
            "kept_by": user or rec.updated_by,
            "proposed_value": dumps(op.fields[name]),
            "proposed_by": op.username,
            "proposed_device": self.device_id,
            "op_id": op.op_id,
            "payment_field": is_payment_field(rec.entity, name),
            "created_at": self.now,
        }
        self.new_conflicts.append(row)
        self.open_conflicts.setdefault((rec.entity, rec.id), []).append(row)
        self._event(
            rec.scope, "conflict", rec, {**conflict_body(row), "record_version": rec.version}
        )
        return conflict_id

    def _resolve(self, op: Op, rec: Rec, names: list[str]) -> None:
        """Close the open conflicts on `names`: the value the record now holds is the one a
        person chose."""
        created_here = {id(c) for c in self.new_conflicts}
        still_open = []
        for row in self.open_conflicts.get((rec.entity, rec.id), []):
            if row["field"] not in names or row["op_id"] == op.op_id:
                still_open.append(row)
                continue
            value = rec.data.get(row["field"])
            resolution = {
                "resolved_at": self.now,
                "resolved_by": op.username,
                "resolution": dumps(value),
            }
            if id(row) in created_here:
                row.update(resolution)
            else:
                self.resolved_conflicts.append({"id": row["id"], **resolution})
            self._event(
                rec.scope,
                "resolved",
                rec,
                {"id": row["id"], "field": row["field"], "value": value, "by": op.username},
            )
        self.open_conflicts[(rec.entity, rec.id)] = still_open

    def _move(self, op: Op, rec: Rec) -> Result:
        target = str(op.fields["to_scope"])
        if not _is_record_scope(target) or not self.rules.exists(Scope.parse(target)):
            return rejected(op.op_id, Reason.INVALID_TARGET_SCOPE, field="to_scope")
        if target == rec.scope:
            return Result(op.op_id, OpStatus.APPLIED, rec.version)
        family = sorted(
            (r for r in self.records.values() if r.root_id == rec.root_id),
            key=lambda r: (depth(r.entity), r.id),
        )
        for member in family:
            self._event(member.scope, "exit", member, {})
            self._digest(member, -1)
            member.scope = target
            member.version += 1
            member.position = self.next_position(target)
            member.dirty = True
            self._digest(member, +1)
            for row in self.open_conflicts.get((member.entity, member.id), []):
                row["scope"] = target
                self.conflict_scope_moves.append({"id": row["id"], "scope": target})
                self._event(target, "conflict", member, conflict_body(row))
        logs.event("scope.move", account=self.account.id, records=len(family), to_scope=target)
        return Result(op.op_id, OpStatus.APPLIED, rec.version)

    # ------------------------------------------------------------------ writing back

    def write(self, results: list[tuple[Op, Result]]) -> None:
        conn = self.conn
        new = [r for r in self.records.values() if r.new]
        dirty = [r for r in self.records.values() if r.dirty and not r.new]
        if new:
            conn.execute(insert(records), [_row(r) for r in new])
        if dirty:
            conn.execute(
                update(records)
                .where(records.c.entity == bindparam("k_entity"), records.c.id == bindparam("k_id"))
                .values(
                    scope=bindparam("scope"),
                    version=bindparam("version"),
                    position=bindparam("position"),
                    data=bindparam("data"),
                    field_versions=bindparam("field_versions"),
                    updated_at=bindparam("updated_at"),
                    updated_by=bindparam("updated_by"),
                    deleted_at=bindparam("deleted_at"),
                ),
                [
                    {
                        "k_entity": r.entity,
                        "k_id": r.id,
                        "scope": r.scope,
                        "version": r.version,
                        "position": r.position,
                        "data": dumps(r.data),
                        "field_versions": dumps(r.field_versions),
                        "updated_at": r.updated_at,
                        "updated_by": r.updated_by,
                        "deleted_at": r.deleted_at,
                    }
                    for r in dirty
                ],
            )
        if self.events:
            conn.execute(insert(scope_events), self.events)
        if self.new_conflicts:
            conn.execute(
                insert(conflicts),
                [
                    {"resolved_at": None, "resolved_by": None, "resolution": None, **c}
                    for c in self.new_conflicts
                ],
            )
        if self.resolved_conflicts:
            conn.execute(
                update(conflicts)
                .where(conflicts.c.id == bindparam("k_id"))
                .values(
                    resolved_at=bindparam("resolved_at"),
                    resolved_by=bindparam("resolved_by"),
                    resolution=bindparam("resolution"),
                ),
                [
                    {"k_id": c["id"], **{k: v for k, v in c.items() if k != "id"}}
                    for c in self.resolved_conflicts
                ],
            )
        if self.conflict_scope_moves:
            conn.execute(
                update(conflicts)
                .where(conflicts.c.id == bindparam("k_id"))
                .values(scope=bindparam("scope")),
                [{"k_id": c["id"], "scope": c["scope"]} for c in self.conflict_scope_moves],
            )
        if results:
            conn.execute(
                update(ops)
                .where(ops.c.op_id == bindparam("k_op_id"))
                .values(
                    status=bindparam("status"),
                    version=bindparam("version"),
                    reason=bindparam("reason"),
                    detail=bindparam("detail"),
                ),
                [
                    {
                        "k_op_id": op.op_id,
                        "status": res.status.value,
                        "version": res.version,
                        "reason": res.reason.value if res.reason else None,
                        "detail": dumps(res.detail) if res.detail else None,
                    }
                    for op, res in results
                ],
            )
        if self.heads:
            conn.execute(
                update(scope_heads)
                .where(scope_heads.c.scope == bindparam("k_scope"))
                .values(position=bindparam("position")),
                [{"k_scope": s, "position": p} for s, p in self.heads.items()],
            )
        self._write_digests()

    def _write_digests(self) -> None:
        deltas = {k: v for k, v in self.digest_deltas.items() if v != [0, 0]}
        if not deltas:
            return
        conn = self.conn
        current: dict[tuple[str, str], tuple[int, int]] = {}
        for scope in {s for s, _ in deltas}:
            for row in conn.execute(select(scope_digests).where(scope_digests.c.scope == scope)):
                current[(row.scope, row.entity)] = (int(row.live_count), int(row.digest, 16))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for key, (count, xor) in deltas.items():
            before = current.get(key)
            value = {
                "scope": key[0],
                "entity": key[1],
                "live_count": (before[0] if before else 0) + count,
                "digest": format_digest((before[1] if before else 0) ^ xor),
            }
            (updates if before else inserts).append(value)
        if inserts:
            conn.execute(insert(scope_digests), inserts)
        if updates:
            conn.execute(
                update(scope_digests)
                .where(
                    scope_digests.c.scope == bindparam("k_scope"),
                    scope_digests.c.entity == bindparam("k_entity"),
                )
                .values(live_count=bindparam("live_count"), digest=bindparam("digest")),
                [
                    {
                        "k_scope": u["scope"],
                        "k_entity": u["entity"],
                        "live_count": u["live_count"],
                        "digest": u["digest"],
                    }
                    for u in updates
                ],
            )


def conflict_body(row: dict[str, Any]) -> dict[str, Any]:
    """A conflict as clients see it in a pull page."""
    return {
        "id": row["id"],
        "entity": row["entity"],
        "record_id": row["record_id"],
        "field": row["field"],
        "base_version": row["base_version"],
        "kept_value": json.loads(row["kept_value"]),
        "kept_version": row["kept_version"],
        "kept_by": row["kept_by"],
        "proposed_value": json.loads(row["proposed_value"]),
        "proposed_by": row["proposed_by"],
        "proposed_device": row["proposed_device"],
        "payment_field": bool(row["payment_field"]),
        "created_at": row["created_at"].isoformat(),
        # The record's version holding the kept value: a client whose copy is at this
        # version takes the kept value (it may still show the edit that lost).
        "record_version": row.get("record_version"),
    }


def _row(r: Rec) -> dict[str, Any]:
    return {
        "entity": r.entity,
        "id": r.id,
        "scope": r.scope,
        "root_id": r.root_id,
        "version": r.version,
        "position": r.position,
        "data": dumps(r.data),
        "field_versions": dumps(r.field_versions),
        "origin_device": r.origin_device,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "updated_by": r.updated_by,
        "deleted_at": r.deleted_at,
    }


def _is_record_scope(text: str) -> bool:
    try:
        return Scope.parse(text).holds_records
    except ValueError:
        return False


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class PushService:
    def __init__(self, engine: Engine, rules: ScopeRules) -> None:
        self.engine = engine
        self.rules = rules

    def push(
        self, account: Account, device_id: str, scope: str, raw_ops: list[PushOp]
    ) -> list[Result]:
        if not _is_record_scope(scope) or not self.rules.covers(account.scopes, scope):
            logs.warning("scope.denied", account=account.id, scope=scope[:40], action="push")
            raise ScopeDenied(scope)
        cache: dict[str, bool] = {}

        def covers(s: str) -> bool:
            if s not in cache:
                cache[s] = self.rules.covers(account.scopes, s)
            return cache[s]

        def work(conn: Connection) -> list[Result]:
            return self._apply(conn, account, device_id, scope, raw_ops, covers)

        results: list[Result] = run_with_retries(self.engine, work)
        return results

    def _apply(
        self,
        conn: Connection,
        account: Account,
        device_id: str,
        scope: str,
        raw_ops: list[PushOp],
        covers: Callable[[str], bool],
    ) -> list[Result]:
        batch = Batch(conn, account, device_id, scope, covers, self.rules)
        batch.lock([scope])
        answers: dict[int, Result] = {}
        valid: list[tuple[int, Op]] = []
        first_index: dict[str, int] = {}
        for index, raw in enumerate(raw_ops):
            checked = validate(raw)
            if isinstance(checked, Result):
                answers[index] = checked
            elif checked.op_id in first_index:
                # The same id twice in one batch: the copy gets the first one's answer below.
                valid.append((index, checked))
            else:
                first_index[checked.op_id] = index
                valid.append((index, checked))
        claimed = self._claim(
            conn, account, device_id, [op for i, op in valid if first_index[op.op_id] == i]
        )
        stored = self._stored(conn, [op.op_id for _, op in valid if op.op_id not in claimed])
        fresh = [(i, op) for i, op in valid if op.op_id in claimed and first_index[op.op_id] == i]
        batch.load([op for _, op in fresh])
        applied: list[tuple[Op, Result]] = []
        for index, op in fresh:
            result = batch.apply(op)
            answers[index] = result
            applied.append((op, result))
        batch.write(applied)
        by_id = {op.op_id: (op, answers[i]) for i, op in fresh}
        for index, op in valid:
            if index in answers:
                continue
            if op.op_id in by_id:
                original_op, original = by_id[op.op_id]
                answers[index] = (
                    Result(
                        op.op_id,
                        original.status,
                        original.version,
                        original.reason,
                        original.detail,
                        replayed=True,
                    )
                    if original_op.payload_hash == op.payload_hash
                    else rejected(op.op_id, Reason.OP_ID_REUSED)
                )
                continue
            prior = stored.get(op.op_id)
            if prior is None or prior[0] != op.payload_hash:
                answers[index] = rejected(op.op_id, Reason.OP_ID_REUSED)
            else:
                answers[index] = prior[1]
        return [answers[i] for i in range(len(raw_ops))]

    @staticmethod
    def _claim(conn: Connection, account: Account, device_id: str, new: list[Op]) -> set[str]:
        claimed: set[str] = set()
        now = utcnow()
        for chunk_start in range(0, len(new), 500):
            chunk = new[chunk_start : chunk_start + 500]
            rows = [
                {
                    "op_id": op.op_id,
                    "device_id": device_id,
                    "account_id": account.id,
                    "seq": op.seq,
                    "entity": op.entity,
                    "record_id": op.record_id,
                    "op": op.kind.value,
                    "payload_hash": op.payload_hash,
                    "status": "pending",
                    "received_at": now,
                }
                for op in chunk
            ]
            stmt = insert_ignoring_duplicates(conn, ops, rows).returning(ops.c.op_id)
            claimed.update(conn.scalars(stmt))
        return claimed

    @staticmethod
    def _stored(conn: Connection, op_ids: list[str]) -> dict[str, tuple[str, Result]]:
        found: dict[str, tuple[str, Result]] = {}
        for chunk in _chunks(op_ids, 500):
            for row in conn.execute(select(ops).where(ops.c.op_id.in_(chunk))):
                found[row.op_id] = (
                    row.payload_hash,
                    Result(
                        row.op_id,
                        OpStatus(row.status),
                        row.version,
                        Reason(row.reason) if row.reason else None,
                        json.loads(row.detail) if row.detail else None,
                        replayed=True,
                    ),
                )
        return found
