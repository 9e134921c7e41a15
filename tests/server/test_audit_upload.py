"""POST /api/v1/audit: what the server finds when it checks each PC's chain, and the gates."""

from __future__ import annotations

import uuid
from typing import Any

from btxh_desktop.storage.audit import GENESIS, chain_hash
from tests.e2e.support import ServerProcess, call, fresh_commune, login_tokens


def entry(seq: int, prev_hash: str, action: str = "update", **detail: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "seq": seq,
        "id": str(uuid.uuid4()),
        "at": f"2026-11-16T08:{seq % 60:02d}:00.000001",
        "username": "canbo1",
        "action": action,
        "entity": "person",
        "record_id": str(uuid.uuid4()),
        "fields": ["phone"],
        "detail": detail,
        "device_id": None,
    }
    body["prev_hash"] = prev_hash
    body["hash"] = chain_hash(prev_hash, body)
    return body


def chain(length: int, start: int = 1, prev: str = GENESIS) -> list[dict[str, Any]]:
    out = []
    for seq in range(start, start + length):
        out.append(entry(seq, prev))
        prev = out[-1]["hash"]
    return out


class Uploader:
    def __init__(self, server: ServerProcess) -> None:
        self.commune = fresh_commune()
        user = server.add_user(f"commune:{self.commune}")
        self.token = login_tokens(server.url, user)["access_token"]
        self.url = server.url
        self.device = str(uuid.uuid4())

    def send(self, entries: list[dict[str, Any]], scope: str | None = None) -> Any:
        return call(
            self.url,
            "POST",
            "/audit",
            {
                "device_id": self.device,
                "scope": scope or f"commune:{self.commune}",
                "entries": entries,
            },
            token=self.token,
        )


def states(server: ServerProcess, device: str) -> dict[str, str]:
    rows = server.query("SELECT id, chain FROM audit_entries WHERE device_id = :d", d=device)
    return {r.id: r.chain for r in rows}


def test_a_sound_chain_in_any_order_is_stored_ok(server: ServerProcess) -> None:
    pc = Uploader(server)
    entries = chain(5)

    answer = pc.send(entries[::-1])

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"stored": 5, "duplicates": 0, "through_seq": 5, "flagged": []}
    assert set(states(server, pc.device).values()) == {"ok"}


def test_a_restore_a_fork_and_a_gap_are_told_apart(server: ServerProcess) -> None:
    pc = Uploader(server)
    first = chain(4)
    assert pc.send(first).json()["stored"] == 4
    # The PC went back to a backup taken after entry 2: its next entry is the restore's.
    restore = entry(3, first[1]["hash"], "restore", previous_head_seq=4)
    after = chain(2, 4, restore["hash"])
    # An entry that also follows entry 2, but is no restore: the log was cut and rewritten.
    rewritten = entry(3, first[1]["hash"])
    # An entry whose predecessor never arrived.
    orphan = entry(10, "a" * 64)

    answer = pc.send([restore, *after, rewritten, orphan]).json()

    found = states(server, pc.device)
    assert found[restore["id"]] == "restored"
    assert [found[e["id"]] for e in after] == ["ok", "ok"]
    assert found[rewritten["id"]] == "fork" and found[orphan["id"]] == "gap"
    assert sorted((f["seq"], f["problem"]) for f in answer["flagged"]) == [
        (3, "fork"),
        (10, "gap"),
    ]
    assert answer["through_seq"] == 10


def test_a_first_entry_that_does_not_start_from_genesis_is_a_broken_link(
    server: ServerProcess,
) -> None:
    pc = Uploader(server)
    bad = entry(1, "b" * 64)

    answer = pc.send([bad]).json()

    assert answer["flagged"] == [{"id": bad["id"], "seq": 1, "problem": "link"}]


def test_uploads_are_refused_outside_the_accounts_scope(server: ServerProcess) -> None:
    pc = Uploader(server)
    other = fresh_commune()

    answer = pc.send(chain(1), scope=f"commune:{other}")

    assert answer.status_code == 403 and answer.json()["error"] == "out_of_scope"
    assert states(server, pc.device) == {}


def test_text_no_database_can_store_is_refused_whole(server: ServerProcess) -> None:
    pc = Uploader(server)
    bad = entry(1, GENESIS, note="a\x00b")

    answer = pc.send([bad])

    assert answer.status_code == 400 or answer.status_code == 422, answer.text
    assert states(server, pc.device) == {}


def test_an_upload_needs_a_signed_in_account(server: ServerProcess) -> None:
    answer = call(
        server.url,
        "POST",
        "/audit",
        {"device_id": "x", "scope": "commune:26740", "entries": []},
    )

    assert answer.status_code == 401
