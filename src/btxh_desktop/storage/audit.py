"""The audit log's hash chain: every entry's hash covers its content and the previous hash.

Every writer (the flush listener in `tracking`, the bulk path, the services' view, export,
login and backup entries) goes through `append`, inside the writing transaction. Write
transactions begin IMMEDIATE, so reading the chain's head and appending after it cannot race
another writer. Triggers (migration 0003) refuse UPDATE and DELETE on `audit_log`; someone
who drops them and edits a row still breaks the chain, which `verify` reports. An attacker who
rewrites every later hash as well is caught only against the copy already sent to the server:
the local chain has no secret to sign with that such an attacker would not also have.

The hashed form is frozen: changing it would make every existing chain fail to verify.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from btxh_desktop.storage.models import AuditEntry, new_id, utcnow

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "id",
    "at",
    "username",
    "action",
    "entity",
    "record_id",
    "fields",
    "detail",
    "device_id",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def canonical(entry: Mapping[str, Any]) -> bytes:
    body = {name: _plain(entry.get(name)) for name in HASHED_FIELDS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(entry)).hexdigest()


def entry(
    username: str,
    action: str,
    entity: str,
    record_id: str | None = None,
    fields: Iterable[str] = (),
    detail: Mapping[str, Any] | None = None,
    device_id: str | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """One audit row, not yet chained. `fields` are names only: values never enter the log."""
    return {
        "id": new_id(),
        "at": at or utcnow(),
        "username": username,
        "action": action,
        "entity": entity,
        "record_id": record_id,
        "fields": sorted(fields),
        "detail": dict(detail or {}),
        "device_id": device_id,
    }


def head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(target: Session | Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Chain `rows` after the current head and insert them, in the caller's transaction."""
    if not rows:
        return
    conn = target.connection() if isinstance(target, Session) else target
    seq, prev = head(conn)
    for row in rows:
        seq += 1
        row["seq"] = seq
        row["prev_hash"] = prev
        row["hash"] = prev = chain_hash(prev, row)
    conn.execute(insert(AuditEntry), list(rows))


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    broken_at: int | None = None  # the first seq that does not verify
    reason: str | None = None  # "hash", "link", "sequence" or "truncated"


COLUMNS = [getattr(AuditEntry, name) for name in (*HASHED_FIELDS, "prev_hash", "hash")]


def verify(conn: Connection, uploaded_through: int = 0) -> ChainReport:
    """Recompute the chain from the first entry. `uploaded_through` is the last seq the
    server acknowledged: fewer entries than that means the tail was cut off."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    result = conn.execution_options(yield_per=2000).execute(
        select(*COLUMNS).order_by(AuditEntry.seq)
    )
    for row in result:
        entry_map = row._mapping
        seq = int(entry_map["seq"])
        if seq != expected_seq:
            return ChainReport(False, count, expected_seq, "sequence")
        if entry_map["prev_hash"] != prev:
            return ChainReport(False, count, seq, "link")
        prev = chain_hash(prev, {name: entry_map[name] for name in HASHED_FIELDS})
        if entry_map["hash"] != prev:
            return ChainReport(False, count, seq, "hash")
        expected_seq += 1
        count += 1
    if count < uploaded_through:
        return ChainReport(False, count, count + 1, "truncated")
    return ChainReport(True, count)
