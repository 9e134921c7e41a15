"""Inserting many records at once (spreadsheet import, demo data) as normal, tracked changes.

The ORM path costs about a millisecond per record, too slow for 50,000-row imports; this
writes the same rows, outbox entries and audit entries with `executemany`, in the caller's
transaction, so an import is still all-or-nothing and every row still syncs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from btxh_desktop.storage import audit, tracking
from btxh_desktop.storage.models import OutboxEntry, Synced, new_id, utcnow

CHUNK = 5000


def insert_tracked(
    session: Session,
    model: type[Synced],
    rows: Iterable[Mapping[str, Any]],
    action: str = "create",
) -> list[str]:
    """Insert rows of `model` (dicts of column values, ids optional) with their outbox and
    audit entries. Returns the ids in input order."""
    actor = session.info.get(tracking.ACTOR_KEY)
    device_id = session.info.get(tracking.DEVICE_KEY)
    if actor is None or device_id is None:
        raise RuntimeError("bulk writes must run inside a unit of work")
    columns = tracking.data_columns(model)
    changes = tracking.change_set(session)
    entity = model.__sync_entity__
    ids: list[str] = []
    batch: list[dict[str, Any]] = []
    for source in rows:
        now = utcnow()
        record = {key: source.get(key) for key in columns}
        record_id = str(source.get("id") or new_id())
        record.update(
            id=record_id,
            version=0,
            created_at=now,
            updated_at=now,
            updated_by=actor,
            deleted_at=None,
        )
        batch.append(record)
        ids.append(record_id)
        if len(batch) >= CHUNK:
            _flush(session, model, batch, columns, entity, actor, device_id, action)
            batch = []
    if batch:
        _flush(session, model, batch, columns, entity, actor, device_id, action)
    for record_id in ids:
        changes.add(entity, record_id)
    return ids


def _flush(
    session: Session,
    model: type[Synced],
    batch: list[dict[str, Any]],
    columns: list[str],
    entity: str,
    actor: str,
    device_id: str,
    action: str,
) -> None:
    # Core inserts, not ORM bulk: the ORM splits rows by which values are None (to let
    # defaults apply), which turned one executemany into thousands of statements.
    session.execute(model.__table__.insert(), batch)  # type: ignore[attr-defined]
    now = utcnow()
    outbox = []
    entries = []
    for record in batch:
        fields = {key: tracking.to_wire(record[key]) for key in columns}
        outbox.append(
            {
                "op_id": new_id(),
                "device_id": device_id,
                "username": actor,
                "entity": entity,
                "record_id": record["id"],
                "op": "upsert",
                "fields": fields,
                "base_version": 0,
                "created_at": now,
                "state": "pending",
                "attempts": 0,
            }
        )
        entries.append(
            audit.entry(
                actor,
                action,
                entity,
                record["id"],
                (k for k in columns if record[k] is not None),
                device_id=device_id,
                at=now,
            )
        )
    session.execute(OutboxEntry.__table__.insert(), outbox)  # type: ignore[attr-defined]
    audit.append(session, entries)
