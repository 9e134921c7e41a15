"""Moving a person to another commune, and edits the server refuses."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.people import GuardianDraft
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import Person
from btxh_desktop.sync.client import OutboundOp, SyncClient
from btxh_desktop.sync.protocol import OpStatus
from btxh_desktop.sync.transport import Transport
from tests.e2e.support import (
    PASSWORD,
    Client,
    ServerProcess,
    fresh_commune,
    keyring_for,
    now,
    server_records,
)


def move(client: Client, person_id: str, commune: str) -> None:
    """What the allowance service's move does at its end: the person's commune changes, then
    the file is handed to the new commune's scope."""
    with client.services.ctx.unit_of_work() as session:
        person = session.get(Person, person_id)
        assert person is not None
        person.commune_code = commune
        tracking.queue_move(session, person, f"commune:{commune}")


@dataclasses.dataclass
class Moved:
    here: Client
    other_pc: Client
    there: Client
    user_here: str
    commune_here: str
    commune_there: str
    person_id: str
    guardian_id: str


def moved_person(server: ServerProcess, clients: Callable[..., Client]) -> Moved:
    here, there = fresh_commune(), fresh_commune()
    user_here = server.add_user(f"commune:{here}")
    user_there = server.add_user(f"commune:{there}")
    a1 = clients(server.url, here, user_here)
    a2 = clients(server.url, here, user_here)
    b1 = clients(server.url, there, user_there)
    person = a1.services.people.create(PersonDraft(full_name="Trần Thị Bình", commune_code=here))
    guardian = a1.services.people.save_guardian(person.id, GuardianDraft("Trần Văn Cả", "con"))
    a1.sync.run()
    a2.sync.run()
    # The other PC of the old commune edits the person, offline, before it hears of the move.
    people = a2.services.people
    people.update(person.id, dataclasses.replace(people.get(person.id).draft, phone="0966666666"))
    move(a1, person.id, there)
    a1.sync.run()
    return Moved(a1, a2, b1, user_here, here, there, person.id, guardian)


def test_a_move_hands_the_whole_file_to_the_new_commune(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    m = moved_person(server, clients)

    run = m.there.sync.run()

    assert run.outcome == "ok" and run.verified
    assert m.there.services.people.get(m.person_id).draft.commune_code == m.commune_there
    assert [g.id for g in m.there.services.people.guardians(m.person_id)] == [m.guardian_id]
    assert set(server_records(server, f"commune:{m.commune_there}")) == {
        m.person_id,
        m.guardian_id,
    }
    assert server_records(server, f"commune:{m.commune_here}") == {}
    # The old commune no longer shows the person, and its books still balance.
    with pytest.raises(DomainError):
        m.here.services.people.get(m.person_id)
    assert m.here.sync.history(1)[0].verified


def test_an_edit_refused_by_the_server_is_held_and_can_be_discarded(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    m = moved_person(server, clients)
    m.other_pc.services.people.create(
        PersonDraft(full_name="Lê Văn Dũng", commune_code=m.commune_here)
    )

    run = m.other_pc.sync.run()

    # The refused edit does not hold back the other one.
    assert run.outcome == "ok" and run.rejected == 1 and run.pushed == 1
    refused = m.other_pc.sync.rejected()
    assert [(r.record_id, r.reason, r.fields) for r in refused] == [
        (m.person_id, "out_of_scope", ("phone",))
    ]
    assert refused[0].message_code == "sync.reason.out_of_scope"
    assert not m.other_pc.sync.status().synced
    assert m.other_pc.services.people.get(m.person_id).draft.phone == "0966666666"

    m.other_pc.sync.discard(refused[0].seq)
    m.other_pc.sync.run()

    assert m.other_pc.sync.rejected() == []
    with pytest.raises(DomainError):
        m.other_pc.services.people.get(m.person_id)
    assert m.other_pc.sync.status().synced


def test_a_refused_edit_is_resent_once_the_cause_is_fixed(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    m = moved_person(server, clients)
    m.other_pc.sync.run()
    refused = m.other_pc.sync.rejected()[0]
    # The province gives the old commune's account the new commune too.
    server.accounts().set_scopes(
        m.user_here, [f"commune:{m.commune_here}", f"commune:{m.commune_there}"]
    )

    m.other_pc.sync.resend(refused.seq)
    run = m.other_pc.sync.run()
    m.there.sync.run()

    assert run.rejected == 0 and m.other_pc.sync.rejected() == []
    assert m.there.services.people.get(m.person_id).draft.phone == "0966666666"


def test_a_person_moved_away_and_back_is_shown_again(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    here, there = fresh_commune(), fresh_commune()
    user = server.add_user(f"commune:{here}", f"commune:{there}")
    a = clients(server.url, here, user)
    b = clients(server.url, here, user)
    person = a.services.people.create(PersonDraft(full_name="Hồ Văn Lộc", commune_code=here))
    a.sync.run()
    b.sync.run()
    move(a, person.id, there)
    a.sync.run()
    with pytest.raises(DomainError):
        a.services.people.get(person.id)
    # Someone at the province hands the file back before B next syncs: B's next page holds
    # both the exit and the return, and only the later one counts.
    api = SyncClient(Transport(server.url), keyring_for(tmp_path / "api"), user, str(uuid.uuid4()))
    api.login(PASSWORD)
    back = OutboundOp(
        1,
        str(uuid.uuid4()),
        "person",
        person.id,
        "move",
        {"to_scope": f"commune:{here}"},
        0,
        "tỉnh",
        now(),
    )
    assert api.push(f"commune:{there}", [back])[0].status == OpStatus.APPLIED

    a.sync.run()
    b.sync.run()

    for pc in (a, b):
        assert pc.services.people.get(person.id).full_name == "Hồ Văn Lộc"
        assert pc.sync.history(1)[0].verified
