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

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from btxh_desktop.domain.dates import Month
from btxh_desktop.storage.models import AuditEntry, OutboxEntry, Synced, new_id, utcnow

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
    session.add(
        AuditEntry(
            username=actor,
            action=action,
            entity=entity,
            record_id=obj.id,
            fields=sorted(fields),
        )
    )


def install(session_factory: Any) -> None:
    """Attach change tracking to a sessionmaker (or Session class)."""
    event.listen(session_factory, "before_flush", _before_flush)
