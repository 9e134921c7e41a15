"""Records pulled from the server are written by the raw driver: the values it stores must
read back through the ORM exactly as the original PC wrote them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.sync import SqliteSyncStore, codec, wire_to_storage
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import AllowanceCase, OutboxEntry, Person, Synced
from tests.conftest import ADMIN, COMMUNE, TODAY


@pytest.fixture
def other_pc(tmp_path: Path) -> Iterator[Services]:
    svc = open_services(AppPaths(tmp_path / "other"), ADMIN, today=lambda: TODAY)
    svc.site.initialise(SiteType.COMMUNE, COMMUNE)
    yield svc
    svc.close()


def as_pulled(services: Services, model: type[Synced], record_id: str) -> dict[str, Any]:
    """The record as a pull page carries it: the fields its create operation sent."""
    with services.ctx.read() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == record_id)).one()
        row = session.get(model, record_id)
        assert row is not None
        return {
            "kind": "upsert",
            "entity": model.__sync_entity__,
            "id": record_id,
            "version": 1,
            "created_at": row.created_at.isoformat(),
            "updated_at": row.updated_at.isoformat(),
            "updated_by": row.updated_by,
            "deleted_at": None,
            "fields": entry.fields,
        }


def columns(services: Services, model: type[Synced], record_id: str) -> dict[str, Any]:
    with services.ctx.read() as session:
        row = session.get(model, record_id)
        assert row is not None
        return {k: getattr(row, k) for k in (*tracking.data_columns(model), "created_at")}


def test_every_column_type_survives_the_trip(services: Services, other_pc: Services) -> None:
    person = services.people.create(
        PersonDraft(
            full_name="Lý Thị Mai",
            cccd="079190000001",
            cccd_issued_on=dt.date(2021, 4, 5),
            commune_code=COMMUNE,
        )
    )
    with services.ctx.unit_of_work() as session:
        case = AllowanceCase(
            person_id=person.id,
            commune_code=COMMUNE,
            category="K4",
            other_categories=["K6"],
            application_date=dt.date(2026, 2, 1),
            coefficient=Decimal("2.5"),
            monthly_amount=1250000,
            start_month=Month(2026, 3),
            children_count=2,
        )
        session.add(case)
        session.flush()
        case_id = case.id

    changes = [as_pulled(services, Person, person.id), as_pulled(services, AllowanceCase, case_id)]
    stats = SqliteSyncStore(other_pc.ctx).apply_records(changes)

    assert stats.applied == 2 and stats.failed == 0
    assert columns(other_pc, Person, person.id) == columns(services, Person, person.id)
    assert columns(other_pc, AllowanceCase, case_id) == columns(services, AllowanceCase, case_id)
    assert other_pc.people.search("ly thi mai")[0].id == person.id  # the search index too


def test_values_are_checked_before_they_are_stored() -> None:
    assert wire_to_storage("allowance_case", "coefficient", "1.50") == "1.5"
    assert wire_to_storage("allowance_case", "start_month", "2026-03") == "2026-03"
    assert wire_to_storage("person", "cccd_issued_on", "2021-04-05") == "2021-04-05"
    assert wire_to_storage("person", "full_name", None) is None
    assert wire_to_storage("guardian", "is_caregiver", True) == 1
    for entity, field, bad in (
        ("person", "cccd_issued_on", "2021-13-45"),
        ("allowance_case", "start_month", "tháng ba"),
        ("allowance_case", "coefficient", "nhiều"),
        ("allowance_case", "monthly_amount", "100"),
        ("person", "full_name", 12),
        ("person", "cccd", "1" * 13),
    ):
        with pytest.raises((ValueError, ArithmeticError)):
            wire_to_storage(entity, field, bad)


def test_a_required_column_a_record_lacks_takes_its_default() -> None:
    spec = codec("allowance_case")
    values = spec.values(
        {
            "id": "x",
            "version": 1,
            "fields": {"person_id": "p", "category": "K1", "payment_method": None},
        }
    )
    row = dict(zip(spec.columns, values, strict=True))
    assert row["payment_method"] == "post_office" and row["status"] == "applied"
    assert row["other_categories"] == "[]" and row["children_count"] == 0


def test_a_bad_incoming_row_is_skipped_and_the_rest_applied(
    services: Services, other_pc: Services
) -> None:
    good = services.people.create(PersonDraft(full_name="Tốt", commune_code=COMMUNE))
    change = as_pulled(services, Person, good.id)
    broken = {**change, "id": "00000000-0000-4000-8000-00000000000b"}
    broken["fields"] = {**change["fields"], "sex": "không rõ"}  # refused by a CHECK constraint
    bad_date = {**change, "id": "00000000-0000-4000-8000-00000000000c"}
    bad_date["fields"] = {**change["fields"], "death_date": "hôm qua"}

    stats = SqliteSyncStore(other_pc.ctx).apply_records([broken, bad_date, change])

    assert (stats.applied, stats.failed) == (1, 2)
    assert other_pc.people.count() == 1
