"""Reading a scope's log by position, the divergence digests, and targeted repair.

A pull runs in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite):
the scope's head position, the page and the digests all describe the same moment, so the
digests sent with the last page are exactly the state the client reaches by applying it.

Pages are assembled as text around the stored JSON of each record: a 200,000-person initial
pull never parses and re-serialises record data on the server.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from btxh_desktop.sync.protocol import ENTITIES, Scope, depth
from btxh_server import logs
from btxh_server.accounts import Account
from btxh_server.db import records, scope_digests, scope_events, scope_heads
from btxh_server.push import ScopeDenied
from btxh_server.scopes import ScopeRules

RECORD_COLUMNS = (
    records.c.entity,
    records.c.id,
    records.c.scope,
    records.c.version,
    records.c.position,
    records.c.created_at,
    records.c.updated_at,
    records.c.updated_by,
    records.c.deleted_at,
    records.c.data,
)


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _time(value: Any) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def upsert_json(row: Any, early: bool = False) -> str:
    return (
        f'{{"kind":"upsert","scope":{_text(row.scope)},"position":{row.position},'
        f'"entity":{_text(row.entity)},"id":{_text(row.id)},"version":{row.version},'
        f'"created_at":{_time(row.created_at)},"updated_at":{_time(row.updated_at)},'
        f'"updated_by":{_text(row.updated_by)},"deleted_at":{_time(row.deleted_at)},'
        f'"fields":{row.data}' + (',"early":true}' if early else "}")
    )


def event_json(row: Any) -> str:
    body = json.loads(row.data)
    change: dict[str, Any] = {
        "kind": row.kind,
        "scope": row.scope,
        "position": row.position,
        "entity": row.entity,
        "id": row.record_id,
    }
    if row.kind != "exit":
        change["conflict"] = body
    return json.dumps(change, ensure_ascii=False)


@dataclass
class _Item:
    position: int
    text: str
    row: Any = None  # the record row, for upserts


class PullService:
    def __init__(self, engine: Engine, rules: ScopeRules, server_id: str) -> None:
        self.engine = engine
        self.rules = rules
        self.server_id = server_id

    def check(self, account: Account, scopes: list[str], action: str) -> None:
        for scope in scopes:
            try:
                ok = Scope.parse(scope).holds_records
            except ValueError:
                ok = False
            if not ok or not self.rules.covers(account.scopes, scope):
                logs.warning("scope.denied", account=account.id, scope=scope[:40], action=action)
                raise ScopeDenied(scope)

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        conn = self.engine.connect()
        try:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
        finally:
            conn.close()

    def pull(self, account: Account, cursors: dict[str, int], limit: int) -> bytes:
        self.check(account, list(cursors), "pull")
        changes: list[str] = []
        out_cursors: dict[str, int] = {}
        resets: list[str] = []
        has_more = False
        with self.snapshot() as conn:
            remaining = limit
            for scope in sorted(cursors):
                head = _head(conn, scope)
                cursor = max(0, cursors[scope])
                if cursor > head:
                    # The client has seen positions this database never handed out (it was
                    # restored from a backup): start that scope again from the beginning.
                    resets.append(scope)
                    cursor = 0
                if remaining <= 0:
                    out_cursors[scope] = cursor
                    has_more = has_more or cursor < head
                    continue
                items, new_cursor = self._page(conn, scope, cursor, head, remaining)
                remaining -= len(items)
                changes.extend(item.text for item in items)
                out_cursors[scope] = new_cursor
                has_more = has_more or new_cursor < head
            digests = None if has_more else self._digests(conn, sorted(cursors))
        logs.event("sync.pull", account=account.id, changes=len(changes), has_more=has_more)
        parts = [
            f'{{"server_id":{_text(self.server_id)},"changes":[',
            ",".join(changes),
            f'],"cursors":{json.dumps(out_cursors)},"has_more":{"true" if has_more else "false"},',
            f'"resets":{json.dumps(resets)},"digests":{json.dumps(digests)}}}',
        ]
        return "".join(parts).encode()

    def _page(
        self, conn: Connection, scope: str, cursor: int, head: int, limit: int
    ) -> tuple[list[_Item], int]:
        rows = conn.execute(
            select(*RECORD_COLUMNS)
            .where(records.c.scope == scope, records.c.position > cursor)
            .order_by(records.c.position)
            .limit(limit + 1)
        ).all()
        events = conn.execute(
            select(scope_events)
            .where(scope_events.c.scope == scope, scope_events.c.position > cursor)
            .order_by(scope_events.c.position)
            .limit(limit + 1)
        ).all()
        items = [_Item(r.position, "", r) for r in rows]
        items += [_Item(e.position, event_json(e)) for e in events]
        items.sort(key=lambda item: item.position)
        if len(items) > limit:
            items = items[:limit]
            new_cursor = items[-1].position
        else:
            new_cursor = head
        early = self._parents_ahead(
            conn, scope, [i.row for i in items if i.row is not None], new_cursor
        )
        out = [_Item(r.position, upsert_json(r, early=True)) for r in early]
        for item in items:
            if item.row is not None:
                item.text = upsert_json(item.row)
            out.append(item)
        return out, new_cursor

    @staticmethod
    def _parents_ahead(conn: Connection, scope: str, rows: list[Any], cursor: int) -> list[Any]:
        """Parents of the page's records whose own position lies beyond the page (they
        changed after their children were made): sent first, so a child never arrives
        before the record it refers to."""
        found: dict[str, Any] = {}
        pending = rows
        while pending:
            wanted: set[str] = set()
            for row in pending:
                spec = ENTITIES.get(row.entity)
                if spec is None or spec.parent_field is None:
                    continue
                parent = json.loads(row.data).get(spec.parent_field)
                if isinstance(parent, str) and parent not in found:
                    wanted.add(parent)
            if not wanted:
                break
            pending = list(
                conn.execute(
                    select(*RECORD_COLUMNS).where(
                        records.c.id.in_(sorted(wanted)),
                        records.c.scope == scope,
                        records.c.position > cursor,
                    )
                )
            )
            for row in pending:
                found[row.id] = row
        return sorted(found.values(), key=lambda r: (depth(r.entity), r.position))

    @staticmethod
    def _digests(conn: Connection, scopes: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
        out: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in scopes}
        rows = conn.execute(select(scope_digests).where(scope_digests.c.scope.in_(scopes)))
        for row in rows:
            if row.live_count:
                out[row.scope][row.entity] = {"count": int(row.live_count), "digest": row.digest}
        return out

    def digest(self, account: Account, scope: str) -> dict[str, Any]:
        self.check(account, [scope], "digest")
        with self.snapshot() as conn:
            head = _head(conn, scope)
            entities = self._digests(conn, [scope])[scope]
        return {"scope": scope, "position": head, "entities": entities}

    def manifest(
        self, account: Account, scope: str, entity: str, after: str | None, limit: int
    ) -> dict[str, Any]:
        """The live records of one entity in a scope, as (id, version), by id."""
        self.check(account, [scope], "manifest")
        query = (
            select(records.c.id, records.c.version)
            .where(
                records.c.scope == scope,
                records.c.entity == entity,
                records.c.deleted_at.is_(None),
            )
            .order_by(records.c.id)
            .limit(limit + 1)
        )
        if after is not None:
            query = query.where(records.c.id > after)
        with self.snapshot() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return {
            "items": [[r.id, int(r.version)] for r in rows],
            "next": rows[-1].id if more and rows else None,
        }

    def fetch(
        self, account: Account, refs: list[tuple[str, str]], covers: Callable[[str], bool]
    ) -> bytes:
        """Current state of named records; anything unknown or out of scope is `missing`."""
        wanted = set(refs)
        ids = sorted({record_id for _, record_id in refs})
        found: dict[tuple[str, str], Any] = {}
        with self.snapshot() as conn:
            for start in range(0, len(ids), 500):
                for row in conn.execute(
                    select(*RECORD_COLUMNS).where(records.c.id.in_(ids[start : start + 500]))
                ):
                    if (row.entity, row.id) in wanted and covers(row.scope):
                        found[(row.entity, row.id)] = row
        present = sorted(found.values(), key=lambda r: (depth(r.entity), r.position))
        missing = [{"entity": e, "id": i} for e, i in refs if (e, i) not in found]
        logs.event("sync.fetch", account=account.id, found=len(present), missing=len(missing))
        return (
            '{"records":['
            + ",".join(upsert_json(r) for r in present)
            + f'],"missing":{json.dumps(missing)}}}'
        ).encode()


def _head(conn: Connection, scope: str) -> int:
    value = conn.scalar(select(scope_heads.c.position).where(scope_heads.c.scope == scope))
    return int(value or 0)
