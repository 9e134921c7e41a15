"""The audit log for people: who created, changed, viewed, exported or deleted what, and when.

Changes are audited by the flush listener (storage/tracking.py) and the bulk path; what no
flush sees — showing sensitive fields, exports, logins, backups, restores — is recorded here.
The administrator reads and filters the log and checks its hash chain. Entries go to the
server too: `pending_audit_entries` hands sync what it has not acknowledged yet, and
`mark_audit_uploaded` records the acknowledgement (in `sync_state`, since the log itself
accepts no updates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage import audit
from btxh_desktop.storage.audit import ChainReport
from btxh_desktop.storage.engine import Database
from btxh_desktop.storage.models import AuditEntry, Site, SyncState

UPLOADED_KEY = "audit_uploaded_seq"


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    entity: str | None = None
    record_id: str | None = None
    since: dt.datetime | None = None  # UTC, inclusive
    until: dt.datetime | None = None  # UTC, exclusive
    before_seq: int | None = None  # paging: only entries older than this one
    limit: int = 500


@dataclass(frozen=True)
class AuditRecord:
    """One entry as the viewer shows it and as sync sends it (everything the server needs to
    re-check the chain: seq, the hashes and the device)."""

    seq: int
    id: str
    at: dt.datetime
    username: str
    action: str
    entity: str
    record_id: str | None
    fields: tuple[str, ...]
    detail: Mapping[str, Any] = field(default_factory=dict)
    device_id: str | None = None
    prev_hash: str = ""
    hash: str = ""

    @classmethod
    def of(cls, row: AuditEntry) -> AuditRecord:
        return cls(
            seq=row.seq,
            id=row.id,
            at=row.at,
            username=row.username,
            action=row.action,
            entity=row.entity,
            record_id=row.record_id,
            fields=tuple(row.fields),
            detail=dict(row.detail),
            device_id=row.device_id,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )

    def to_wire(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "id": self.id,
            "at": self.at.isoformat(),
            "username": self.username,
            "action": self.action,
            "entity": self.entity,
            "record_id": self.record_id,
            "fields": list(self.fields),
            "detail": dict(self.detail),
            "device_id": self.device_id,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def write_entries(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Chain and insert entries in the session's (write) transaction, stamped with this PC's
    device id."""
    device_id = session.scalar(select(Site.device_id))
    for row in rows:
        if row.get("device_id") is None:
            row["device_id"] = device_id
    audit.append(session, rows)


def write_on(database: Database, rows: Sequence[dict[str, Any]]) -> None:
    """The same, before any service context exists (login, restore at start)."""
    with Session(database.writer()) as session, session.begin():
        write_entries(session, rows)


def _uploaded_through(session: Session) -> int:
    value = session.scalar(select(SyncState.value).where(SyncState.key == UPLOADED_KEY))
    return int(value) if value else 0


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ writing

    def record(
        self,
        action: str,
        entity: str,
        record_id: str | None = None,
        fields: Iterable[str] = (),
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """An entry for an action no flush sees, by the current user."""
        row = audit.entry(self.ctx.actor.username, action, entity, record_id, fields, detail)
        with self.ctx.unit_of_work_unbound() as session:
            write_entries(session, [row])

    def record_view(self, entity: str, record_ids: Sequence[str], fields: Iterable[str]) -> None:
        """Sensitive fields were shown: one entry per record, in one transaction."""
        names = sorted(fields)
        rows = [
            audit.entry(self.ctx.actor.username, "view", entity, rid, names) for rid in record_ids
        ]
        with self.ctx.unit_of_work_unbound() as session:
            write_entries(session, rows)

    def record_export(
        self, kind: str, count: int, fields: Iterable[str], *, public: bool = False
    ) -> None:
        """An export left the application: what kind, how many rows, which columns."""
        require(self.ctx.actor, Permission.EXPORT)
        self.record("export", kind, None, fields, {"rows": count, "public": public})

    # ------------------------------------------------------------------ reading

    def query(self, filters: AuditFilter | None = None) -> list[AuditRecord]:
        """Newest first."""
        require(self.ctx.actor, Permission.VIEW_AUDIT)
        f = filters or AuditFilter()
        query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(max(1, f.limit))
        if f.username:
            query = query.where(AuditEntry.username == f.username)
        if f.action:
            query = query.where(AuditEntry.action == f.action)
        if f.entity:
            query = query.where(AuditEntry.entity == f.entity)
        if f.record_id:
            query = query.where(AuditEntry.record_id == f.record_id)
        if f.since:
            query = query.where(AuditEntry.at >= f.since)
        if f.until:
            query = query.where(AuditEntry.at < f.until)
        if f.before_seq:
            query = query.where(AuditEntry.seq < f.before_seq)
        with self.ctx.read() as session:
            return [AuditRecord.of(r) for r in session.scalars(query)]

    def verify_chain(self) -> ChainReport:
        require(self.ctx.actor, Permission.VIEW_AUDIT)
        with self.ctx.read() as session:
            return audit.verify(session.connection(), _uploaded_through(session))

    # ------------------------------------------------------------------ sync

    def pending_audit_entries(self, limit: int = 500) -> list[AuditRecord]:
        """The oldest entries the server has not acknowledged, in chain order."""
        require(self.ctx.actor, Permission.SYNC)
        with self.ctx.read() as session:
            after = _uploaded_through(session)
            rows = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.seq > after)
                .order_by(AuditEntry.seq)
                .limit(max(1, limit))
            )
            return [AuditRecord.of(r) for r in rows]

    def mark_audit_uploaded(self, through_seq: int) -> None:
        """The server has stored every entry up to `through_seq`. Never moves backwards."""
        require(self.ctx.actor, Permission.SYNC)
        with self.ctx.unit_of_work_unbound() as session:
            last = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
            if through_seq < 0 or through_seq > (last or 0):
                raise DomainError("audit.upload_mark_invalid", seq=through_seq)
            if through_seq <= _uploaded_through(session):
                return
            state = session.get(SyncState, UPLOADED_KEY)
            if state is None:
                session.add(SyncState(key=UPLOADED_KEY, value=str(through_seq)))
            else:
                state.value = str(through_seq)

    def uploaded_through(self) -> int:
        with self.ctx.read() as session:
            return _uploaded_through(session)
