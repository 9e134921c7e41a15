"""An account reaches its own scopes only: every request outside them is refused and logged."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.sync.client import OutboundOp, SyncClient
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.protocol import OpStatus, Reason
from btxh_desktop.sync.transport import Transport
from tests.e2e.support import (
    PASSWORD,
    Client,
    ServerProcess,
    fresh_commune,
    iter_lines,
    keyring_for,
    now,
    server_records,
)


def api(server: ServerProcess, username: str, folder: Path) -> SyncClient:
    client = SyncClient(Transport(server.url), keyring_for(folder), username, str(uuid.uuid4()))
    client.login(PASSWORD)
    return client


def op(entity: str, record_id: str, fields: dict[str, object], base: int = 0) -> OutboundOp:
    return OutboundOp(1, str(uuid.uuid4()), entity, record_id, "upsert", fields, base, "x", now())


def test_a_commune_account_can_neither_push_into_nor_pull_from_another_commune(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    mine, theirs = fresh_commune(), fresh_commune()
    me = server.add_user(f"commune:{mine}")
    other = clients(server.url, theirs, server.add_user(f"commune:{theirs}"))
    person = other.services.people.create(
        PersonDraft(full_name="Đỗ Thị Giang", commune_code=theirs, cccd="079190000123")
    )
    other.sync.run()
    intruder = api(server, me, tmp_path)

    for attempt in (
        lambda: intruder.pull({f"commune:{theirs}": 0}, 100),
        lambda: intruder.pull({f"commune:{mine}": 0, f"commune:{theirs}": 0}, 100),
        lambda: intruder.digest(f"commune:{theirs}"),
        lambda: intruder.manifest(f"commune:{theirs}", "person", None, 10),
        lambda: intruder.push(f"commune:{theirs}", [op("person", str(uuid.uuid4()), {})]),
    ):
        with pytest.raises(SyncError) as refused:
            attempt()
        assert refused.value.code == "sync.out_of_scope"

    # Declaring its own scope does not let it touch, or hang records under, the other's.
    results = intruder.push(
        f"commune:{mine}",
        [
            op("person", person.id, {"full_name": "Đổi Tên"}, base=1),
            op("guardian", str(uuid.uuid4()), {"person_id": person.id, "full_name": "X"}),
        ],
    )
    assert [(r.status, r.reason) for r in results] == [
        (OpStatus.REJECTED, Reason.OUT_OF_SCOPE),
        (OpStatus.REJECTED, Reason.OUT_OF_SCOPE),
    ]
    found, missing = intruder.fetch([("person", person.id)])
    assert found == [] and missing == [("person", person.id)]
    assert server_records(server, f"commune:{theirs}")[person.id][1]["full_name"] == "Đỗ Thị Giang"

    denied = [
        json.loads(line)
        for line in iter_lines(server.log_path)
        if '"scope.denied"' in line and f"commune:{theirs}" in line
    ]
    assert len(denied) >= 6
    assert all(entry["account"] for entry in denied)


def test_a_province_account_sees_its_communes_and_no_others(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune("79")
    pc = clients(server.url, commune, server.add_user(f"commune:{commune}"))
    pc.services.people.create(PersonDraft(full_name="Vũ Văn Hải", commune_code=commune))
    pc.sync.run()
    elsewhere = fresh_commune("01")
    province = api(server, server.add_user("province:79"), tmp_path)

    page = province.pull({f"commune:{commune}": 0}, 100)
    assert [c["fields"]["full_name"] for c in page.changes] == ["Vũ Văn Hải"]
    with pytest.raises(SyncError):
        province.pull({f"commune:{elsewhere}": 0}, 100)
    with pytest.raises(SyncError):
        province.pull({"province:79": 0}, 100)


def test_a_pc_whose_account_does_not_cover_its_site_is_told_so(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    site, other = fresh_commune(), fresh_commune()
    pc = clients(server.url, site, server.add_user(f"commune:{other}"))
    pc.services.people.create(PersonDraft(full_name="Ngô Văn Ích", commune_code=site))

    with pytest.raises(SyncError) as refused:
        pc.sync.run()

    assert refused.value.code == "sync.out_of_scope"
    assert pc.sync.pending_count() == 1
    assert server_records(server, f"commune:{site}") == {}
