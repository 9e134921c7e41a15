"""The push and pull contract over real HTTP: idempotency, per-operation answers, merge
rules, compression, pagination, digests and repair calls."""

from __future__ import annotations

import gzip
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from btxh_desktop.sync.client import OutboundOp, SyncClient
from btxh_desktop.sync.protocol import OpStatus, Reason, digest_of
from btxh_desktop.sync.transport import Transport
from tests.e2e.support import (
    PASSWORD,
    ServerProcess,
    call,
    fresh_commune,
    keyring_for,
    login_tokens,
    now,
)


def new_id() -> str:
    return str(uuid.uuid4())


def op(
    entity: str,
    record_id: str,
    fields: dict[str, Any],
    base: int = 0,
    kind: str = "upsert",
    op_id: str | None = None,
) -> OutboundOp:
    return OutboundOp(1, op_id or new_id(), entity, record_id, kind, fields, base, "cán bộ", now())


def device(
    server: ServerProcess, folder: Path, scope: str, username: str | None = None
) -> SyncClient:
    user = username or server.add_user(scope)
    client = SyncClient(Transport(server.url), keyring_for(folder), user, new_id())
    client.login(PASSWORD)
    return client


@pytest.fixture
def scope() -> str:
    return f"commune:{fresh_commune()}"


def test_a_repeated_operation_is_answered_from_the_store_and_a_reused_id_is_refused(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    pc = device(server, tmp_path, scope)
    person = new_id()
    create = op("person", person, {"full_name": "Hà Văn Khải", "sex": "male"})

    first = pc.push(scope, [create, create])
    again = pc.push(scope, [create])
    changed = op("person", person, {"full_name": "Khác"}, op_id=create.op_id)
    reused = pc.push(scope, [changed])

    assert [(r.status, r.version, r.replayed) for r in first] == [
        (OpStatus.APPLIED, 1, False),
        (OpStatus.APPLIED, 1, True),
    ]
    assert [(r.status, r.version, r.replayed) for r in again] == [(OpStatus.APPLIED, 1, True)]
    assert [(r.status, r.reason) for r in reused] == [(OpStatus.REJECTED, Reason.OP_ID_REUSED)]
    rows = server.query("SELECT version, data FROM records WHERE id = :i", i=person)
    assert rows[0].version == 1 and json.loads(rows[0].data)["full_name"] == "Hà Văn Khải"


def test_one_bad_operation_is_refused_alone(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    pc = device(server, tmp_path, scope)
    good = op("person", new_id(), {"full_name": "Đúng"})
    batch = [
        op("spaceship", new_id(), {}),
        op("person", "not-a-uuid", {"full_name": "X"}),
        op("person", new_id(), {"Bad Field": 1}),
        op("person", new_id(), {"version": 7}),
        op("person", new_id(), {"full_name": "x" * 30_000}),
        op("person", new_id(), {"full_name": "x"}, kind="teleport"),
        op("guardian", new_id(), {"person_id": new_id(), "full_name": "mồ côi"}),
        op("person", new_id(), {"full_name": "chưa có"}, base=3),
        op("guardian", new_id(), {"full_name": "không cha"}),
        op("person", new_id(), {"to_scope": "commune:99999"}, kind="move"),
        good,
    ]

    results = pc.push(scope, batch)

    assert [r.reason for r in results] == [
        Reason.UNKNOWN_ENTITY,
        Reason.INVALID_OP,
        Reason.INVALID_FIELDS,
        Reason.INVALID_FIELDS,
        Reason.INVALID_FIELDS,
        Reason.INVALID_OP,
        Reason.PARENT_MISSING,
        Reason.NOT_FOUND,
        Reason.PARENT_MISSING,
        Reason.NOT_FOUND,
        None,
    ]
    assert results[-1].status == OpStatus.APPLIED


def test_merge_rules_field_by_field(server: ServerProcess, tmp_path: Path, scope: str) -> None:
    user = server.add_user(scope)
    a = device(server, tmp_path / "a", scope, user)
    b = device(server, tmp_path / "b", scope, user)
    person = new_id()
    a.push(scope, [op("person", person, {"full_name": "Gốc", "phone": "0900000000"})])

    # The same device edits on an old base: its own earlier edits are not a conflict.
    own = a.push(
        scope,
        [op("person", person, {"phone": "0911111111"}, 1), op("person", person, {"notes": "a"}, 1)],
    )
    other_field = b.push(scope, [op("person", person, {"other_name": "Út"}, 1)])
    same_value = b.push(scope, [op("person", person, {"phone": "0911111111"}, 1)])
    clash = b.push(scope, [op("person", person, {"phone": "0922222222", "sex": "female"}, 1)])

    assert [r.status for r in own] == [OpStatus.APPLIED, OpStatus.APPLIED]
    assert [r.status for r in other_field] == [OpStatus.MERGED]
    assert [r.status for r in same_value] == [OpStatus.MERGED]  # equal values never clash
    assert [(r.status, r.detail) for r in clash] == [
        (OpStatus.CONFLICT, {"fields": ["phone"], "conflicts": clash[0].detail["conflicts"]})
    ]
    stored = json.loads(server.query("SELECT data FROM records WHERE id = :i", i=person)[0][0])
    assert stored["phone"] == "0911111111" and stored["sex"] == "female"
    assert stored["other_name"] == "Út" and stored["notes"] == "a"


def test_resolving_closes_the_conflict_for_everyone(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    user = server.add_user(scope)
    a = device(server, tmp_path / "a", scope, user)
    b = device(server, tmp_path / "b", scope, user)
    person = new_id()
    a.push(scope, [op("person", person, {"full_name": "Gốc"})])
    a.push(scope, [op("person", person, {"full_name": "Của A"}, 1)])
    b.push(scope, [op("person", person, {"full_name": "Của B"}, 1)])

    resolved = b.push(scope, [op("person", person, {"full_name": "Của B"}, 2, "resolve")])

    assert resolved[0].status == OpStatus.APPLIED
    kinds = [
        (c["kind"], c.get("conflict", {}).get("field")) for c in a.pull({scope: 0}, 100).changes
    ]
    assert kinds == [("conflict", "full_name"), ("upsert", None), ("resolved", "full_name")]
    row = server.query(
        "SELECT resolved_by, resolution FROM conflicts WHERE record_id = :i", i=person
    )
    assert row[0].resolution == '"Của B"'


def test_pages_never_deliver_a_child_before_its_parent(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    pc = device(server, tmp_path, scope)
    person, case, change = new_id(), new_id(), new_id()
    pc.push(
        scope,
        [
            op("person", person, {"full_name": "Cha Mẹ"}),
            op("allowance_case", case, {"person_id": person, "category": "K1"}),
            op("allowance_change", change, {"case_id": case, "kind": "decide"}),
            # The parents change after their children: their positions move past them.
            op("allowance_case", case, {"category": "K2"}, 1),
            op("person", person, {"phone": "0977777777"}, 1),
        ],
    )
    seen: set[str] = set()
    cursors = {scope: 0}
    order: list[str] = []
    while True:
        page = pc.pull(cursors, 1)
        for change_ in page.changes:
            parent = change_["fields"].get("case_id") or change_["fields"].get("person_id")
            assert parent is None or parent in seen, "a child arrived before its parent"
            seen.add(change_["id"])
            order.append(change_["entity"] + ("*" if change_.get("early") else ""))
        cursors = page.cursors
        if not page.has_more:
            break
    assert order[:3] == ["person*", "allowance_case*", "allowance_change"]
    assert page.digests is not None
    assert page.digests[scope]["person"]["count"] == 1


def test_digests_manifests_and_fetches_describe_the_stored_records(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    pc = device(server, tmp_path, scope)
    ids = [new_id() for _ in range(7)]
    pc.push(scope, [op("person", i, {"full_name": f"Số {n}"}) for n, i in enumerate(ids)])
    pc.push(
        scope,
        [op("person", ids[0], {"full_name": "Đổi"}, 1), op("person", ids[1], {}, 1, "delete")],
    )

    digest = pc.digest(scope)["entities"]["person"]
    live = [(i, 2 if i == ids[0] else 1) for i in ids[2:] + ids[:1]]
    assert (digest["count"], digest["digest"]) == digest_of("person", live)
    items, after = pc.manifest(scope, "person", None, 4)
    rest, end = pc.manifest(scope, "person", after, 4)
    assert sorted(items + rest) == sorted(live) and end is None
    found, missing = pc.fetch([("person", ids[0]), ("person", new_id()), ("guardian", ids[2])])
    assert [r["fields"]["full_name"] for r in found] == ["Đổi"]
    assert len(missing) == 2


def test_a_cursor_past_the_end_starts_that_scope_again(
    server: ServerProcess, tmp_path: Path, scope: str
) -> None:
    pc = device(server, tmp_path, scope)
    pc.push(scope, [op("person", new_id(), {"full_name": "Một"})])
    page = pc.pull({scope: 10_000}, 100)
    assert page.resets == [scope] and len(page.changes) == 1


def test_bodies_travel_gzip_both_ways_and_bad_bodies_are_refused(
    server: ServerProcess, scope: str
) -> None:
    token = login_tokens(server.url, server.add_user(scope))["access_token"]
    url = f"{server.url}/api/v1/sync/pull"
    headers = {"X-BTXH-Protocol": "1", "Authorization": f"Bearer {token}"}
    body = json.dumps({"cursors": {scope: 0}}).encode()

    zipped = requests.post(
        url,
        data=gzip.compress(body),
        headers={**headers, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        timeout=10,
    )
    broken = requests.post(
        url, data=b"\x1f\x8b not gzip", headers={**headers, "Content-Encoding": "gzip"}, timeout=10
    )
    bomb = requests.post(
        url,
        data=gzip.compress(b" " * (80 * 1024 * 1024)),
        headers={**headers, "Content-Encoding": "gzip"},
        timeout=30,
    )
    odd = requests.post(url, data=body, headers={**headers, "Content-Encoding": "br"}, timeout=10)

    assert zipped.status_code == 200 and zipped.json()["has_more"] is False
    assert (broken.status_code, broken.json()) == (400, {"error": "bad_encoding"})
    assert bomb.status_code == 413
    assert odd.status_code == 415
    big = call(server.url, "POST", "/sync/pull", {"cursors": {scope: 0}}, token)
    assert big.status_code == 200
