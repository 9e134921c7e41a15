"""Receiving the PCs' audit logs: stored once, append-only, checked against each PC's chain.

A PC uploads its entries oldest first, after its push, as `AuditRecord.to_wire()` gives them
(docs/sync-protocol.md, "Audit log"). For each entry the server, inside one write
transaction:

1. claims its id: the id is the primary key of `audit_entries`, so an entry already held
   (a retried upload, a racing copy of it) stores nothing twice. The same id with any other
   content (even under the same hash) is kept apart in `audit_clashes` and reported, never
   written over the first copy;
2. re-computes its hash from its content and `prev_hash` (`storage.audit.chain_hash`, the
   same function the PC used) and finds the entry it links to: this PC's entry at `seq - 1`
   whose hash is `prev_hash`;
3. stores it with what it found in `chain`:

   - `ok`: the hash verifies and it links to the entry before it (or starts the chain);
   - `restored`: a `restore` entry linking to an entry that already has a successor — the
     PC went back to a backup, and the entries after that backup stay on the server;
   - `fork`: any other entry linking to an entry that already has a successor: the PC's log
     was cut back and written again;
   - `hash`: its content does not give its hash — it was edited after it was written;
   - `link`: its `prev_hash` is not the hash of this PC's entry before it — that entry was
     edited and its hash recomputed, or entries were removed;
   - `gap`: the server holds nothing of this PC at `seq - 1`, so the link cannot be checked.

Nothing is refused for a broken chain: refusing would only make the evidence disappear from
the server and stall the PC's upload. Entries with a problem are stored with the flag, logged
(`audit.chain_broken`), counted in /metrics and listed in the answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, select

from btxh_desktop.storage.audit import GENESIS, chain_hash
from btxh_server import logs
from btxh_server.accounts import Account
from btxh_server.db import audit_clashes, audit_entries, utcnow
from btxh_server.push import (
    ScopeDenied,
    _chunks,
    _is_record_scope,
    insert_ignoring_duplicates,
    run_with_retries,
)
from btxh_server.schemas import AuditEntryIn
from btxh_server.scopes import ScopeRules

#: Chain states that are not a problem (a restore is expected, and named by its entry).
SOUND = frozenset({"ok", "restored"})


@dataclass(frozen=True)
class Flagged:
    id: str
    seq: int
    problem: str  # a chain state outside SOUND, or "id_reused"


@dataclass
class AuditUpload:
    stored: int = 0
    duplicates: int = 0
    through_seq: int = 0
    flagged: list[Flagged] = field(default_factory=list)


@dataclass(frozen=True)
class _Known:
    id: str
    prev_hash: str
    hash: str


def dumps(value: Any) -> str:
    # ASCII only: whatever text a PC sends, the stored form is plain and the same on every
    # database; the values (and so the hash) are unchanged when read back.
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def same_copy(entry: AuditEntryIn) -> tuple[Any, ...]:
    """What must be equal for a received entry to be the copy the server holds."""
    return (
        entry.seq,
        entry.at,
        entry.username,
        entry.action,
        entry.entity,
        entry.record_id,
        dumps(entry.fields),
        dumps(entry.detail),
        entry.device_id,
        entry.prev_hash,
        entry.hash,
    )


def content_hash(entry: AuditEntryIn) -> str | None:
    """The hash the entry's content gives, as the PC computed it; None if it cannot be
    computed at all (which is as bad as a wrong one)."""
    try:
        return chain_hash(
            entry.prev_hash,
            {
                "seq": entry.seq,
                "id": entry.id,
                "at": entry.at,
                "username": entry.username,
                "action": entry.action,
                "entity": entry.entity,
                "record_id": entry.record_id,
                "fields": entry.fields,
                "detail": entry.detail,
                "device_id": entry.device_id,
            },
        )
    except (UnicodeEncodeError, ValueError, TypeError):
        return None


class AuditReceiver:
    def __init__(self, engine: Engine, rules: ScopeRules) -> None:
        self.engine = engine
        self.rules = rules

    def upload(
        self, account: Account, device_id: str, scope: str, entries: list[AuditEntryIn]
    ) -> AuditUpload:
        if not _is_record_scope(scope) or not self.rules.covers(account.scopes, scope):
            logs.warning("scope.denied", account=account.id, scope=scope[:40], action="audit")
            raise ScopeDenied(scope)
        ordered = sorted(entries, key=lambda e: e.seq)

        def work(conn: Connection) -> AuditUpload:
            return self._store(conn, account, device_id, scope, ordered)

        result: AuditUpload = run_with_retries(self.engine, work)
        for flag in result.flagged:
            logs.warning(
                "audit.chain_broken",
                account=account.id,
                scope=scope,
                device=device_id[:64],
                seq=flag.seq,
                problem=flag.problem,
            )
        return result

    def _store(
        self,
        conn: Connection,
        account: Account,
        device_id: str,
        scope: str,
        entries: list[AuditEntryIn],
    ) -> AuditUpload:
        result = AuditUpload(through_seq=max((e.seq for e in entries), default=0))
        if not entries:
            return result
        now = utcnow()
        by_seq = self._neighbours(conn, device_id, entries[0].seq, entries[-1].seq)
        held = self._held(conn, [e.id for e in entries])
        rows: list[dict[str, Any]] = []
        for entry in entries:
            if entry.id in held:
                if held[entry.id] == same_copy(entry):
                    result.duplicates += 1
                else:
                    self._clash(conn, account, device_id, scope, entry, now)
                    result.flagged.append(Flagged(entry.id, entry.seq, "id_reused"))
                continue
            state = self._check(entry, by_seq)
            rows.append(self._row(account, device_id, scope, entry, state, now))
            held[entry.id] = same_copy(entry)
            by_seq.setdefault(entry.seq, []).append(_Known(entry.id, entry.prev_hash, entry.hash))
            if state not in SOUND:
                result.flagged.append(Flagged(entry.id, entry.seq, state))
        for chunk in _chunks_of(rows, 500):
            stmt = insert_ignoring_duplicates(conn, audit_entries, chunk).returning(
                audit_entries.c.id
            )
            result.stored += len(list(conn.scalars(stmt)))
        # A racing copy of this upload committed first: its rows count as duplicates here.
        result.duplicates += len(rows) - result.stored
        return result

    @staticmethod
    def _check(entry: AuditEntryIn, by_seq: dict[int, list[_Known]]) -> str:
        if content_hash(entry) != entry.hash:
            return "hash"
        if entry.seq == 1:
            if entry.prev_hash != GENESIS:
                return "link"
        else:
            before = by_seq.get(entry.seq - 1, [])
            if not before:
                return "gap"
            if entry.prev_hash not in {k.hash for k in before}:
                return "link"
        siblings = [
            k
            for k in by_seq.get(entry.seq, [])
            if k.prev_hash == entry.prev_hash and k.id != entry.id
        ]
        if siblings:
            return "restored" if entry.action == "restore" else "fork"
        return "ok"

    @staticmethod
    def _neighbours(
        conn: Connection, device_id: str, low: int, high: int
    ) -> dict[int, list[_Known]]:
        """This PC's entries from the one before the upload to its last: what it links to."""
        found: dict[int, list[_Known]] = {}
        rows = conn.execute(
            select(
                audit_entries.c.id,
                audit_entries.c.seq,
                audit_entries.c.prev_hash,
                audit_entries.c.hash,
            ).where(
                audit_entries.c.device_id == device_id,
                audit_entries.c.seq >= low - 1,
                audit_entries.c.seq <= high,
            )
        )
        for row in rows:
            found.setdefault(int(row.seq), []).append(_Known(row.id, row.prev_hash, row.hash))
        return found

    @staticmethod
    def _held(conn: Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
        """id → `same_copy` of the entries of this upload the server already holds."""
        held: dict[str, tuple[Any, ...]] = {}
        c = audit_entries.c
        columns = (
            c.seq,
            c.at,
            c.username,
            c.action,
            c.entity,
            c.record_id,
            c.fields,
            c.detail,
            c.entry_device_id,
            c.prev_hash,
            c.hash,
        )
        for chunk in _chunks(sorted(set(ids)), 500):
            for row in conn.execute(select(c.id, *columns).where(c.id.in_(chunk))):
                held[row.id] = (int(row.seq), *row[2:])
        return held

    @staticmethod
    def _row(
        account: Account,
        device_id: str,
        scope: str,
        entry: AuditEntryIn,
        state: str,
        now: dt.datetime,
    ) -> dict[str, Any]:
        return {
            "id": entry.id,
            "device_id": device_id,
            "seq": entry.seq,
            "scope": scope,
            "account_id": account.id,
            "at": entry.at,
            "username": entry.username,
            "action": entry.action,
            "entity": entry.entity,
            "record_id": entry.record_id,
            "fields": dumps(entry.fields),
            "detail": dumps(entry.detail),
            "entry_device_id": entry.device_id,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
            "chain": state,
            "received_at": now,
        }

    @staticmethod
    def _clash(
        conn: Connection,
        account: Account,
        device_id: str,
        scope: str,
        entry: AuditEntryIn,
        now: dt.datetime,
    ) -> None:
        body = dumps(entry.model_dump())
        conn.execute(
            insert_ignoring_duplicates(
                conn,
                audit_clashes,
                [
                    {
                        "entry_id": entry.id,
                        "device_id": device_id,
                        "seq": entry.seq,
                        "scope": scope,
                        "account_id": account.id,
                        "hash": entry.hash,
                        "body": body,
                        "body_hash": hashlib.sha256(body.encode()).hexdigest(),
                        "received_at": now,
                    }
                ],
            )
        )


def _chunks_of(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]
