"""The audit log travels with the sync: every entry reaches the server once, a retry stores
nothing twice, and an entry edited on the PC is stored with its broken chain flagged."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

import pytest

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.sync import SqliteSyncStore
from btxh_desktop.storage.audit import chain_hash
from btxh_desktop.sync.client import SyncClient
from btxh_desktop.sync.transport import Transport
from tests.e2e.support import Client, ServerProcess, fresh_commune, keyring_for


def held(server: ServerProcess, client: Client) -> dict[int, tuple[str, str, str]]:
    """seq → (id, username, chain state) of this PC's entries on the server."""
    device = client.services.site.info()
    assert device is not None
    rows = server.query(
        "SELECT seq, id, username, chain FROM audit_entries WHERE device_id = :device",
        device=device.device_id,
    )
    seqs = [int(r.seq) for r in rows]
    assert len(seqs) == len(set(seqs)), "an entry stored twice"
    return {int(r.seq): (r.id, r.username, r.chain) for r in rows}


def local_head(client: Client) -> int:
    return SqliteSyncStore(client.services.ctx).audit_head()


def raw(client: Client) -> sqlite3.Connection:
    """The PC's database file as someone with a SQL tool sees it (tests run unencrypted)."""
    client.services.ctx.database.engine.dispose()
    return sqlite3.connect(client.services.ctx.paths.database, isolation_level=None)


def api_for(client: Client, server: ServerProcess, username: str) -> SyncClient:
    device = client.services.site.info()
    assert device is not None
    api = SyncClient(Transport(server.url), keyring_for(client.folder), username, device.device_id)
    api.connect()
    return api


def test_every_entry_reaches_the_server_once_in_the_same_run(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    for name in ("Nguyễn Văn An", "Trần Thị Bích"):
        pc.services.people.create(PersonDraft(full_name=name, commune_code=commune))
    before = server.requests_to("/api/v1/audit")

    pc.sync.run()

    head = local_head(pc)
    stored = held(server, pc)
    assert sorted(stored) == list(range(1, head + 1))
    assert {state for _, _, state in stored.values()} == {"ok"}
    assert pc.services.audit.uploaded_through() == head
    assert server.requests_to("/api/v1/audit") == before + 1

    # Nothing new: the next run sends no audit request at all.
    pc.sync.run()
    assert server.requests_to("/api/v1/audit") == before + 1
    assert held(server, pc) == stored


def test_a_lost_acknowledgement_resends_and_nothing_is_stored_twice(
    server: ServerProcess, clients: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    pc.services.people.create(PersonDraft(full_name="Lê Văn Cường", commune_code=commune))

    # The server stores the entries, but the PC dies before it records the answer.
    def crash(self: SqliteSyncStore, through_seq: int) -> None:
        raise OSError("disk unplugged")

    with monkeypatch.context() as patch:
        patch.setattr(SqliteSyncStore, "mark_audit_uploaded", crash)
        with pytest.raises(OSError):
            pc.sync.run()
    first = held(server, pc)
    assert pc.services.audit.uploaded_through() == 0 and first

    pc.services.people.create(PersonDraft(full_name="Phạm Thị Dung", commune_code=commune))
    pc.sync.run()

    after = held(server, pc)
    assert sorted(after) == list(range(1, local_head(pc) + 1))
    assert {seq: after[seq] for seq in first} == first
    assert pc.services.audit.uploaded_through() == local_head(pc)

    # The same entries sent again by hand: all duplicates, nothing new.
    entries = [e.to_wire() for e in pc.services.audit.query()][::-1]
    answer = api_for(pc, server, user).upload_audit(f"commune:{commune}", entries)
    assert (answer.stored, answer.duplicates, answer.flagged) == (0, len(entries), [])
    assert held(server, pc) == after


def test_an_entry_edited_on_the_pc_is_stored_and_flagged(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    pc.sync.run()
    for i in range(4):
        pc.services.people.create(PersonDraft(full_name=f"Người {i}", commune_code=commune))
    head = local_head(pc)
    edited, rehashed = head - 2, head - 1
    conn = raw(pc)
    conn.execute("DROP TRIGGER audit_log_no_update")
    # Someone rewrites who made a change, leaving its hash as it was...
    conn.execute(f"UPDATE audit_log SET username = 'nguoi_khac' WHERE seq = {edited}")
    # ...and someone more careful rewrites another and recomputes its hash.
    entry = next(e for e in pc.services.audit.query() if e.seq == rehashed).to_wire()
    entry["username"] = "nguoi_khac"
    forged = chain_hash(entry["prev_hash"], entry)
    conn.execute(
        f"UPDATE audit_log SET username = 'nguoi_khac', hash = '{forged}' WHERE seq = {rehashed}"
    )
    conn.close()

    run = pc.sync.run()

    assert run.outcome == "ok"  # the sync goes on; the evidence is on the server
    stored = held(server, pc)
    assert sorted(stored) == list(range(1, head + 1))
    assert stored[edited][1:] == ("nguoi_khac", "hash")
    # The recomputed hash verifies on its own; the entry after it no longer links to it.
    assert stored[rehashed][2] == "ok" and stored[head][2] == "link"
    assert {s for q, (_, _, s) in stored.items() if q not in (edited, head)} == {"ok"}
    problems = server.query(
        "SELECT count(*) AS n FROM audit_entries WHERE chain NOT IN ('ok', 'restored')"
        " AND scope = :scope",
        scope=f"commune:{commune}",
    )
    assert problems[0].n == 2
    assert "audit.chain_broken" in server.log_path.read_text(encoding="utf-8")


def test_an_id_sent_again_with_other_content_is_kept_apart(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    pc.services.people.create(PersonDraft(full_name="Võ Văn Em", commune_code=commune))
    pc.sync.run()
    original = held(server, pc)
    entry = pc.services.audit.query()[-1].to_wire()
    entry["username"] = "ke_gian"

    answer = api_for(pc, server, user).upload_audit(f"commune:{commune}", [entry])
    again = api_for(pc, server, user).upload_audit(f"commune:{commune}", [entry])

    assert answer.stored == 0 and answer.flagged == [
        {"id": entry["id"], "seq": entry["seq"], "problem": "id_reused"}
    ]
    assert again.flagged == answer.flagged
    assert held(server, pc) == original  # the first copy stays as it was
    clashes = server.query("SELECT body FROM audit_clashes WHERE entry_id = :id", id=entry["id"])
    assert [json.loads(c.body)["username"] for c in clashes] == ["ke_gian"]


def test_the_server_copy_is_append_only(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    pc.sync.run()
    seq = min(held(server, pc))
    device = pc.services.site.info()
    assert device is not None
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for sql in (
        "UPDATE audit_entries SET username = 'x' WHERE device_id = :d AND seq = :s",
        "DELETE FROM audit_entries WHERE device_id = :d AND seq = :s",
    ):
        with pytest.raises(DBAPIError, match="append-only"), server.engine.begin() as conn:
            conn.execute(text(sql), {"d": device.device_id, "s": seq})
    assert seq in held(server, pc)
