"""Every change to a synced record writes its outbox entry and audit entry in the same flush.

This is done by a session listener rather than by each service so that no write path can
forget it: whatever a service adds or modifies is queued for sync and audited, in the same
SQLite transaction as the change itself (sync-protocol.md property 1).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from btxh_desktop.domain.dates import Month
from btxh_desktop.storage import audit
from btxh_desktop.storage.models import OutboxEntry, Site, Synced, new_id, utcnow

# Columns that describe the row's sync bookkeeping rather than the person's data.
BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "updated_by", "deleted_at"})

ACTOR_KEY = "btxh_actor"
DEVICE_KEY = "btxh_device_id"
REMOTE_KEY = "btxh_applying_remote"
LOCAL_ONLY_KEY = "btxh_local_only"
CHANGES_KEY = "btxh_changes"


def to_wire(value: Any) -> Any:
    """A column value as JSON: dates ISO, decimals and months as text."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Month):
        return str(value)
    return value


def data_columns(model: type[Synced]) -> list[str]:
    mapper = inspect(model)
    return [c.key for c in mapper.column_attrs if c.key not in BOOKKEEPING]


@dataclass
class ChangeSet:
    """What a unit of work changed, for views that need to refresh: entity → record ids."""

    changed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, entity: str, record_id: str) -> None:
        self.changed[entity].add(record_id)

    def merge(self, other: ChangeSet) -> None:
        for entity, ids in other.changed.items():
            self.changed[entity] |= ids

    def __bool__(self) -> bool:
        return any(self.changed.values())

    def entities(self) -> frozenset[str]:
        return frozenset(e for e, ids in self.changed.items() if ids)


def change_set(session: Session) -> ChangeSet:
    changes = session.info.get(CHANGES_KEY)
    if changes is None:
        changes = session.info[CHANGES_KEY] = ChangeSet()
    assert isinstance(changes, ChangeSet)
    return changes


def _changed_fields(obj: Synced) -> dict[str, Any]:
    state = inspect(obj)
    changed: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in BOOKKEEPING:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            changed[attr.key] = to_wire(getattr(obj, attr.key))
    return changed


def _apply_defaults(obj: Synced) -> None:
    """Give unset columns their defaults now rather than at INSERT, so the create operation
    carries the values the row will hold (a `payment_method` left to its default would
    otherwise travel as null)."""
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        default = attr.columns[0].default
        if attr.key in state.dict or default is None:
            continue
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def _all_fields(obj: Synced) -> dict[str, Any]:
    return {key: to_wire(getattr(obj, key)) for key in data_columns(type(obj))}


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    if session.info.get(REMOTE_KEY):
        for obj in session.new | session.dirty:
            if isinstance(obj, Synced):
                change_set(session).add(obj.__sync_entity__, obj.id)
        return
    if session.info.get(LOCAL_ONLY_KEY):
        if any(isinstance(obj, Synced) for obj in session.new | session.dirty | session.deleted):
            raise RuntimeError("a local-only transaction touched a synced record")
        _write_pending_audit(session)
        return
    actor = session.info.get(ACTOR_KEY)
    device_id = session.info.get(DEVICE_KEY)
    if actor is None or device_id is None:
        raise RuntimeError("writes to synced records must go through a unit of work")
    now = utcnow()
    changes = change_set(session)
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise RuntimeError("synced records are deleted with a tombstone, not removed")
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        if obj.id is None:
            obj.id = new_id()
        obj.created_at = obj.updated_at = now
        obj.updated_by = actor
        _apply_defaults(obj)
        _queue(session, obj, "upsert", _all_fields(obj), device_id, actor, "create")
        changes.add(obj.__sync_entity__, obj.id)
    for obj in list(session.dirty):
        if not isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        fields = _changed_fields(obj)
        tombstoned = inspect(obj).attrs["deleted_at"].history.has_changes()
        if not fields and not tombstoned:
            continue
        obj.updated_at = now
        obj.updated_by = actor
        if tombstoned and obj.deleted_at is not None:
            _queue(session, obj, "delete", {}, device_id, actor, "delete")
        else:
            _queue(session, obj, "upsert", fields, device_id, actor, "update")
        changes.add(obj.__sync_entity__, obj.id)
    _write_pending_audit(session)


def _queue(
    session: Session,
    obj: Synced,
    op: str,
    fields: dict[str, Any],
    device_id: str,
    actor: str,
    action: str,
) -> None:
    entity = obj.__sync_entity__
    session.add(
        OutboxEntry(
            device_id=device_id,
            username=actor,
            entity=entity,
            record_id=obj.id,
            op=op,
            fields=fields,
            base_version=obj.version or 0,
        )
    )
    _pending_audit(session).append(
        audit.entry(actor, action, entity, obj.id, fields, device_id=device_id)
    )


def queue_operation(
    session: Session, obj: Synced, op: str, fields: dict[str, Any], action: str
) -> None:
    """Queue an operation that is not a plain edit of `obj`'s columns: a `move` handing a
    person's file to another scope, or a `resolve` carrying a person's choice for a
    conflicted field. Edits already made in this unit of work are flushed first, so the
    server receives them before this operation."""
    actor = session.info.get(ACTOR_KEY)
    device_id = session.info.get(DEVICE_KEY)
    if actor is None or device_id is None or session.info.get(REMOTE_KEY):
        raise RuntimeError("operations are queued inside a unit of work")
    session.flush()
    _queue(session, obj, op, fields, str(device_id), str(actor), action)
    session.flush()


def queue_move(session: Session, person: Synced, to_scope: str) -> None:
    """Hand `person` and every record of their file to another scope (`commune:CODE`).
    Call it last in the unit of work that records the move: after it, this site can no
    longer change the file."""
    queue_operation(session, person, "move", {"to_scope": to_scope}, "move")


# ---------------------------------------------------------------- audit
#
# Audit rows are chained (storage/audit.py), so they are inserted by `audit.append` in
# order, at the end of each flush, rather than added to the session as objects. Rows of
# local tables (the site, user accounts) are audited as well as synced records, so every
# service mutation leaves an entry whichever kind of unit of work it used.

PENDING_AUDIT_KEY = "btxh_pending_audit"
# Bookkeeping tables whose rows are not anybody's action on the data.
UNAUDITED_TABLES = frozenset({"audit_log", "outbox", "sync_state"})
# Columns bumped as a side effect of an action that has its own entry (a new record, a login).
UNAUDITED_COLUMNS = frozenset({("site", "next_record_number"), ("users", "last_login_at")})


def _pending_audit(session: Session) -> list[dict[str, Any]]:
    pending: list[dict[str, Any]] = session.info.setdefault(PENDING_AUDIT_KEY, [])
    return pending


def _table(obj: object) -> str:
    return str(inspect(obj).mapper.local_table.name)


def _primary_key(obj: object) -> str:
    mapper = inspect(obj).mapper
    return "/".join(
        str(getattr(obj, mapper.get_property_by_column(c).key)) for c in mapper.primary_key
    )


def _local_changes(session: Session) -> list[tuple[str, object, list[str]]]:
    touched: list[tuple[str, object, list[str]]] = []
    for obj in list(session.new):
        if not isinstance(obj, Synced):
            touched.append(("create", obj, [a.key for a in inspect(obj).mapper.column_attrs]))
    for obj in list(session.dirty):
        if isinstance(obj, Synced) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        table = _table(obj)
        changed = [
            a.key
            for a in state.mapper.column_attrs
            if state.attrs[a.key].history.has_changes() and (table, a.key) not in UNAUDITED_COLUMNS
        ]
        if changed:
            touched.append(("update", obj, changed))
    for obj in list(session.deleted):
        if not isinstance(obj, Synced):
            touched.append(("delete", obj, []))
    return [t for t in touched if _table(t[1]) not in UNAUDITED_TABLES]


def _local_device(session: Session) -> str | None:
    known = session.info.get(DEVICE_KEY)
    if known is not None:
        return str(known)
    with session.no_autoflush:
        return session.scalar(select(Site.device_id))


def _write_pending_audit(session: Session) -> None:
    """Queue entries for local rows, then chain and insert everything queued."""
    local = _local_changes(session)
    if local:
        actor = session.info.get(ACTOR_KEY)
        if actor is None:
            raise RuntimeError("writes to local records must go through a unit of work")
        for _, obj, _ in local:
            # The site's device id is a Python-side default, set only at INSERT; the entry
            # recording the site's creation needs it now.
            if isinstance(obj, Site) and obj.device_id is None:
                obj.device_id = new_id()
        site = next((o for _, o, _ in local if isinstance(o, Site)), None)
        device_id = site.device_id if site is not None else _local_device(session)
        for action, obj, fields in local:
            _pending_audit(session).append(
                audit.entry(
                    str(actor), action, _table(obj), _primary_key(obj), fields, device_id=device_id
                )
            )
    pending = session.info.pop(PENDING_AUDIT_KEY, [])
    with session.no_autoflush:
        audit.append(session, pending)


def install(session_factory: Any) -> None:
    """Attach change tracking to a sessionmaker (or Session class)."""
    event.listen(session_factory, "before_flush", _before_flush)
