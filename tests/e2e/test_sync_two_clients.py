"""Two PCs of one commune editing the same people offline, then syncing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import AllowanceCase, Person
from btxh_desktop.sync.engine import Progress, Stage
from tests.e2e.support import Client, ServerProcess, fresh_commune, server_records


def person_fields(client: Client, person_id: str) -> dict[str, object]:
    with client.services.ctx.read() as session:
        row = session.get(Person, person_id)
        assert row is not None
        return {k: tracking.to_wire(getattr(row, k)) for k in tracking.data_columns(Person)}


def pair(server: ServerProcess, clients: Callable[..., Client]) -> tuple[Client, Client, str]:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    return clients(server.url, commune, user), clients(server.url, commune, user), commune


def shared_person(a: Client, b: Client, commune: str) -> str:
    person = a.services.people.create(
        PersonDraft(full_name="Nguyễn Văn An", commune_code=commune, phone="0901000001")
    )
    a.sync.run()
    b.sync.run()
    return person.id


def edit(client: Client, person_id: str, **changes: object) -> None:
    people = client.services.people
    people.update(person_id, dataclasses.replace(people.get(person_id).draft, **changes))


def test_first_sync_sends_and_receives(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person = a.services.people.create(PersonDraft(full_name="Nguyễn Văn An", commune_code=commune))

    run = a.sync.run()
    b.sync.run()

    assert run.outcome == "ok" and run.pushed == 1 and run.verified
    assert b.services.people.get(person.id).full_name == "Nguyễn Văn An"
    assert set(server_records(server, f"commune:{commune}")) == {person.id}
    assert a.sync.status().synced and b.sync.status().synced


def test_offline_edits_to_different_fields_merge_on_both(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    edit(a, person_id, phone="0912345678")
    edit(b, person_id, address_detail="Số 5, đường Lê Lợi")

    a.sync.run()
    run_b = b.sync.run()
    a.sync.run()

    assert run_b.merged == 1 and run_b.conflicts == 0
    for client in (a, b):
        fields = person_fields(client, person_id)
        assert fields["phone"] == "0912345678"
        assert fields["address_detail"] == "Số 5, đường Lê Lợi"
        assert client.sync.conflicts() == []
        assert client.sync.status().synced
    assert person_fields(a, person_id) == person_fields(b, person_id)
    version, stored = server_records(server, f"commune:{commune}")[person_id]
    assert version == 3 and stored == person_fields(a, person_id)


def test_same_field_conflict_is_seen_on_both_resolved_on_one_and_both_converge(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    edit(a, person_id, phone="0911111111", notes="ghi chú của A")
    edit(b, person_id, phone="0922222222")

    a.sync.run()
    run_b = b.sync.run()
    a.sync.run()

    assert run_b.conflicts == 1
    seen = [client.sync.conflicts() for client in (a, b)]
    for found in seen:
        assert len(found) == 1
        conflict = found[0]
        assert (conflict.field, conflict.kept_value, conflict.proposed_value) == (
            "phone",
            "0911111111",
            "0922222222",
        )
        assert conflict.record_label.startswith("Nguyễn Văn An")
        assert conflict.current_value == "0911111111"  # the server kept the first value
    assert seen[0][0].id == seen[1][0].id

    b.sync.resolve_conflict(seen[1][0].id, seen[1][0].proposed_value)
    assert b.sync.conflicts()[0].state == "resolving"
    assert not b.sync.status().synced  # the choice still has to reach the server
    b.sync.run()
    a.sync.run()

    for client in (a, b):
        assert client.sync.conflicts() == []
        assert person_fields(client, person_id)["phone"] == "0922222222"
        assert person_fields(client, person_id)["notes"] == "ghi chú của A"
        resolved = client.sync.conflicts(include_resolved=True)
        assert [c.resolution for c in resolved] == ["0922222222"]
    assert person_fields(a, person_id) == person_fields(b, person_id)
    assert server_records(server, f"commune:{commune}")[person_id][1] == person_fields(a, person_id)


def test_a_typed_value_resolves_a_conflict(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    edit(a, person_id, phone="0911111111")
    edit(b, person_id, phone="0922222222")
    a.sync.run()
    b.sync.run()
    conflict = b.sync.conflicts()[0]

    with pytest.raises(DomainError):
        b.sync.resolve_conflict(conflict.id, 12345)  # not text: refused, nothing queued
    b.sync.resolve_conflict(conflict.id, b.sync.parse_value(conflict.id, " 0933333333 "))
    b.sync.run()
    a.sync.run()

    assert person_fields(a, person_id)["phone"] == person_fields(b, person_id)["phone"]
    assert person_fields(a, person_id)["phone"] == "0933333333"


def _case(client: Client, person_id: str, commune: str) -> str:
    with client.services.ctx.unit_of_work() as session:
        case = AllowanceCase(
            person_id=person_id,
            commune_code=commune,
            category="K5a",
            status="active",
            application_date=dt.date(2026, 1, 5),
            coefficient=Decimal("1.5"),
            standard_level=500000,
            monthly_amount=750000,
        )
        session.add(case)
        session.flush()
        return case.id


def _set_case(client: Client, case_id: str, **values: object) -> None:
    with client.services.ctx.unit_of_work() as session:
        case = session.get(AllowanceCase, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)


def test_payment_fields_are_never_merged_but_other_fields_are(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    case_id = _case(a, person_id, commune)
    a.sync.run()
    b.sync.run()
    # Different payment fields on each PC: merging them would pay an amount nobody decided.
    _set_case(a, case_id, coefficient=Decimal("2"), monthly_amount=1000000)
    _set_case(b, case_id, monthly_amount=800000, payment_point="Bưu điện xã")

    a.sync.run()
    b.sync.run()
    a.sync.run()

    for client in (a, b):
        conflicts = client.sync.conflicts()
        assert [(c.field, c.payment_field) for c in conflicts] == [("monthly_amount", True)]
        with client.services.ctx.read() as session:
            case = session.scalars(select(AllowanceCase)).one()
            assert (case.coefficient, case.monthly_amount) == (Decimal(2), 1000000)
            assert case.payment_point == "Bưu điện xã"


def test_an_edit_of_a_deleted_person_is_answered_target_deleted(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    a.services.people.delete(person_id)
    edit(b, person_id, phone="0944444444")

    a.sync.run()
    run_b = b.sync.run()

    assert run_b.outcome == "ok" and run_b.rejected == 0
    assert b.sync.pending_count() == 0
    with pytest.raises(DomainError):
        b.services.people.get(person_id)
    assert person_id not in server_records(server, f"commune:{commune}")
    assert b.sync.status().synced


def test_edits_made_while_a_sync_runs_are_never_overwritten(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    a, b, commune = pair(server, clients)
    person_id = shared_person(a, b, commune)
    edit(a, person_id, phone="0955555555", notes="từ A")
    a.sync.run()

    def edit_before_pull(step: Progress) -> None:
        # A person edits the record on B after B's push and before its pull applies A's.
        if step.stage == Stage.PUSH:
            edit(b, person_id, notes="từ B")

    b.sync.run(progress=edit_before_pull)

    fields = person_fields(b, person_id)
    assert fields["phone"] == "0955555555"  # the server's value for an untouched field
    assert fields["notes"] == "từ B"  # the local edit waiting to be sent is kept
    assert b.sync.pending_count() == 1
    b.sync.run()
    a.sync.run()
    # It was made without seeing A's note, so it is a conflict, not a silent overwrite.
    conflict = a.sync.conflicts()[0]
    assert (conflict.field, conflict.kept_value, conflict.proposed_value) == (
        "notes",
        "từ A",
        "từ B",
    )
    assert person_fields(a, person_id) == person_fields(b, person_id)
