"""The offline sync bundle: a commune PC that never reaches the server syncs by a file carried
to the province office, which applies it with `btxh-server bundle import` on the server's
database while the server keeps serving other PCs over HTTP on 127.0.0.1 — or carried to any
PC with a link, which relays it over HTTP (`btxh bundle relay`, `POST /api/v1/bundles`)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from btxh_desktop import messages
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.paths import resource_path
from btxh_desktop.services.bundle import BundleService, ImportSummary
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import OutboxEntry, Person, SyncConflict, SyncRun, SyncState
from btxh_desktop.sync import bundle as fmt
from btxh_desktop.sync.errors import FOLDER_BUSY, SyncError
from btxh_server.bundle import BundleDesk
from btxh_server.scopes import ScopeRules
from tests.e2e.support import (
    Client,
    ServerProcess,
    child_env,
    fresh_commune,
    server_records,
    subprocess_env,
)

BUSY_TEXT = "Đang đồng bộ ở cửa sổ khác"


# ---------------------------------------------------------------- helpers


def desk(server: ServerProcess) -> BundleDesk:
    return BundleDesk(server.engine, ScopeRules(server.engine, ReferenceData.load()))


def bundles(client: Client) -> BundleService:
    return BundleService(client.services.ctx, client.sync)


def offline_pc(
    server: ServerProcess, clients: Callable[..., Client], commune: str, user: str
) -> Client:
    """A PC that has never reached the server: no sign-in, only the account's bundle code."""
    client = clients(server.url, commune, user, login=False)
    bundles(client).set_key(user, desk(server).key_code(user))
    return client


def device(client: Client) -> str:
    return client.services.ctx.site().device_id


def carry(server: ServerProcess, client: Client, folder: Path, name: str) -> ImportSummary:
    """The whole trip in-process: export, import at the office, import the answer."""
    request, answer = folder / f"{name}.btxhb", folder / f"{name}-answer.btxhb"
    bundles(client).export(request)
    desk(server).import_file(request, answer)
    return bundles(client).import_answer(answer)


def local_state(client: Client) -> dict[str, Any]:
    """Everything an imported answer may change on a PC."""
    with client.services.ctx.read() as session:
        return {
            "outbox": [
                (r.op_id, r.state, r.result_code, r.attempts)
                for r in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
            ],
            "people": {
                r.id: (r.version, r.deleted_at, r.phone, r.full_name)
                for r in session.scalars(select(Person))
            },
            "conflicts": [
                (r.id, r.state)
                for r in session.scalars(select(SyncConflict).order_by(SyncConflict.id))
            ],
            "state": {r.key: r.value for r in session.scalars(select(SyncState))},
            "runs": len(list(session.scalars(select(SyncRun.id)))),
        }


def server_state(server: ServerProcess, scope: str, device_id: str) -> dict[str, Any]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in server.query(sql, s=scope, d=device_id)]

    return {
        "ops": rows("SELECT op_id, status, version FROM ops WHERE device_id = :d ORDER BY op_id"),
        "records": rows(
            "SELECT id, version, position FROM records WHERE scope = :s AND :d = :d ORDER BY id"
        ),
        "events": rows(
            "SELECT position, kind FROM scope_events WHERE scope = :s AND :d = :d ORDER BY 1"
        ),
        "audit": rows("SELECT id, chain FROM audit_entries WHERE device_id = :d ORDER BY id"),
        "head": rows("SELECT position FROM scope_heads WHERE scope = :s AND :d = :d"),
    }


def btxh(client: Client, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "btxh_desktop.cli", "--data-dir", str(client.data_dir)]
    return subprocess.run(
        [*command, *args],
        env=subprocess_env(client.folder),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def btxh_server(server: ServerProcess, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "btxh_server", "--db", server.db_url, *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def flip(path: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    changed = path.with_name(f"flipped-{offset}-{path.name}")
    changed.write_bytes(bytes(data))
    return changed


def edit_phone(client: Client, person_id: str, phone: str) -> None:
    people = client.services.people
    people.update(person_id, dataclasses.replace(people.get(person_id).draft, phone=phone))


# ---------------------------------------------------------------- the round trip


def test_round_trip_by_the_command_lines(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    scope = f"commune:{commune}"
    user = server.add_user(scope)
    office_pc = clients(server.url, commune, user)
    from_office = office_pc.services.people.create(
        PersonDraft(full_name="Phạm Văn Cường", commune_code=commune)
    )
    office_pc.sync.run()

    # The commune PC has no link: it gets its code once, from `btxh-server bundle key`.
    village = clients(server.url, commune, user, login=False)
    code = btxh_server(server, "bundle", "key", "--username", user)
    assert code.returncode == 0, code.stderr
    entered = subprocess.run(
        [
            sys.executable,
            "-m",
            "btxh_desktop.cli",
            "--data-dir",
            str(village.data_dir),
            "bundle",
            "key",
            "--username",
            user,
            "--key-stdin",
        ],
        input=code.stdout,
        env=subprocess_env(village.folder),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert entered.returncode == 0, entered.stderr
    hoa = village.services.people.create(
        PersonDraft(full_name="Nguyễn Thị Hoa", commune_code=commune)
    )
    lan = village.services.people.create(
        PersonDraft(full_name="Trần Thị Lan", commune_code=commune)
    )
    edit_phone(village, hoa.id, "0912345678")
    with village.services.ctx.read() as session:
        queued = sorted(session.scalars(select(OutboxEntry.op_id)))
    assert len(queued) == 3

    request = tmp_path / "xa.btxhb"
    exported = btxh(village, "bundle", "export", str(request))
    assert exported.returncode == 0, exported.stderr
    assert "3 thay đổi" in exported.stdout
    # Sealed: nothing of what it carries is readable on the stick.
    assert "Nguyễn Thị Hoa".encode() not in request.read_bytes()
    assert hoa.id.encode() not in request.read_bytes()
    # Nothing leaves the queue until the answer says what the server did with it.
    assert village.sync.pending_count() == 3

    answer = tmp_path / "xa-answer.btxhb"
    imported = btxh_server(server, "bundle", "import", str(request), "--answer", str(answer))
    assert imported.returncode == 0, imported.stderr
    on_server = server.query("SELECT op_id FROM ops WHERE device_id = :d", d=device(village))
    assert sorted(r.op_id for r in on_server) == queued
    records = server_records(server, scope)
    assert records[hoa.id][0] == 2 and records[hoa.id][1]["phone"] == "0912345678"
    assert lan.id in records
    # Another PC of the commune, online, sees them at its next sync.
    office_pc.sync.run()
    assert office_pc.services.people.get(hoa.id).draft.phone == "0912345678"
    assert office_pc.services.people.get(lan.id).full_name == "Trần Thị Lan"
    assert village.sync.pending_count() == 3

    applied = btxh(village, "bundle", "import", str(answer))
    assert applied.returncode == 0, applied.stderr
    assert village.sync.pending_count() == 0
    assert village.services.people.get(from_office.id).full_name == "Phạm Văn Cường"
    with village.services.ctx.read() as session:
        assert session.get(Person, hoa.id).version == 2  # type: ignore[union-attr]
    status = village.sync.status()
    assert status.last_run is not None and status.last_run.trigger == "bundle"
    assert status.synced
    # The audit log reached the server too, chain intact.
    chains = server.query("SELECT chain FROM audit_entries WHERE device_id = :d", d=device(village))
    assert chains and {r.chain for r in chains} == {"ok"}

    before = local_state(village)
    again = btxh(village, "bundle", "import", str(answer))
    assert again.returncode == 0 and "đã được nhập" in again.stdout
    assert local_state(village) == before


def test_importing_a_bundle_twice_at_the_office_changes_nothing(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    scope = f"commune:{commune}"
    user = server.add_user(scope)
    village = offline_pc(server, clients, commune, user)
    for i in range(5):
        village.services.people.create(PersonDraft(full_name=f"Người {i}", commune_code=commune))
    request = tmp_path / "xa.btxhb"
    bundles(village).export(request)

    first = desk(server).import_file(request, tmp_path / "a1.btxhb")
    after_first = server_state(server, scope, device(village))
    second = desk(server).import_file(request, tmp_path / "a2.btxhb")

    assert first.results == {"applied": 5} and second.results == {"applied": 5}
    assert server_state(server, scope, device(village)) == after_first
    assert len(after_first["ops"]) == 5 and len(after_first["records"]) == 5
    assert second.audit_stored == 0 and second.audit_duplicates == first.audit_stored > 0
    # Either answer settles the queue; the other then changes nothing.
    bundles(village).import_answer(tmp_path / "a2.btxhb")
    settled = local_state(village)
    assert settled["outbox"] == []
    bundles(village).import_answer(tmp_path / "a1.btxhb")
    assert {k: v for k, v in local_state(village).items() if k not in ("state", "runs")} == {
        k: v for k, v in settled.items() if k not in ("state", "runs")
    }


def test_changes_made_after_the_export_stay_queued(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    village = offline_pc(server, clients, commune, user)
    first = village.services.people.create(PersonDraft(full_name="Lê Văn A", commune_code=commune))
    request, answer = tmp_path / "r.btxhb", tmp_path / "a.btxhb"
    bundles(village).export(request)
    later = village.services.people.create(PersonDraft(full_name="Lê Văn B", commune_code=commune))
    desk(server).import_file(request, answer)

    done = bundles(village).import_answer(answer)

    assert done.settled == 1 and done.still_pending == 1
    with village.services.ctx.read() as session:
        assert [r.record_id for r in session.scalars(select(OutboxEntry))] == [later.id]
    assert not village.sync.status().synced
    assert set(server_records(server, f"commune:{commune}")) == {first.id}
    # The next bundle carries only what is still waiting.
    carry(server, village, tmp_path, "next")
    assert set(server_records(server, f"commune:{commune}")) == {first.id, later.id}
    assert village.sync.pending_count() == 0


def test_conflicts_and_refusals_land_as_after_an_online_sync(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune, elsewhere = fresh_commune(), fresh_commune()
    user = server.add_user(f"commune:{commune}")
    online = clients(server.url, commune, user)
    shared = online.services.people.create(
        PersonDraft(full_name="Võ Thị Mai", commune_code=commune, phone="0900000001")
    )
    leaving = online.services.people.create(
        PersonDraft(full_name="Đỗ Văn Nam", commune_code=commune)
    )
    online.sync.run()
    village = offline_pc(server, clients, commune, user)
    carry(server, village, tmp_path, "first")
    assert village.services.people.get(shared.id).full_name == "Võ Thị Mai"

    edit_phone(online, shared.id, "0911111111")
    with online.services.ctx.unit_of_work() as session:
        person = session.get(Person, leaving.id)
        assert person is not None
        person.commune_code = elsewhere
        tracking.queue_move(session, person, f"commune:{elsewhere}")
    online.sync.run()
    edit_phone(village, shared.id, "0922222222")
    edit_phone(village, leaving.id, "0933333333")

    done = carry(server, village, tmp_path, "second")

    assert done.conflicts == 1 and done.rejected == 1
    conflicts = village.sync.conflicts()
    assert [(c.record_id, c.field, c.kept_value, c.proposed_value) for c in conflicts] == [
        (shared.id, "phone", "0911111111", "0922222222")
    ]
    assert village.services.people.get(shared.id).draft.phone == "0911111111"
    refused = village.sync.rejected()
    assert [(r.record_id, r.reason) for r in refused] == [(leaving.id, "out_of_scope")]
    online.sync.run()
    assert [c.field for c in online.sync.conflicts()] == ["phone"]


# ---------------------------------------------------------------- relayed by another PC


def test_a_bundle_relayed_by_another_pc_over_http(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune, elsewhere = fresh_commune(), fresh_commune()
    scope = f"commune:{commune}"
    user = server.add_user(scope)
    # The relaying PC belongs to another commune's account: it needs no code of the
    # village's, only its own sign-in.
    relay_user = server.add_user(f"commune:{elsewhere}")
    village = offline_pc(server, clients, commune, user)
    relay_pc = clients(server.url, elsewhere, relay_user)
    hoa = village.services.people.create(
        PersonDraft(full_name="Nguyễn Thị Hoa", commune_code=commune)
    )
    village.services.people.create(PersonDraft(full_name="Trần Văn Sơn", commune_code=commune))
    edit_phone(village, hoa.id, "0912345678")
    with village.services.ctx.read() as session:
        queued = sorted(session.scalars(select(OutboxEntry.op_id)))
    request = tmp_path / "xa.btxhb"
    bundles(village).export(request)

    answer = tmp_path / "answer.btxhb"
    relayed = bundles(relay_pc).relay(request, answer)

    assert (relayed.username, relayed.scope, relayed.path) == (user, scope, answer)
    first = server_state(server, scope, device(village))
    assert sorted(op for op, _, _ in first["ops"]) == queued
    assert server_records(server, scope)[hoa.id][1]["phone"] == "0912345678"
    # Relayed again, by the command line this time: every operation is a replay.
    again = tmp_path / "again.btxhb"
    by_cli = btxh(relay_pc, "bundle", "relay", str(request), "--answer", str(again))
    assert by_cli.returncode == 0, by_cli.stderr
    assert str(again) in by_cli.stdout and user in by_cli.stdout
    assert server_state(server, scope, device(village)) == first
    # The relaying PC took nothing in, and cannot open the answer it carries.
    assert relay_pc.sync.pending_count() == 0
    assert relay_pc.services.people.search("") == []
    office = desk(server)
    with pytest.raises(fmt.BundleError):
        fmt.unseal(answer.read_bytes(), office.account_secret(office.account(relay_user)), "answer")
    # The log names the two accounts by id, never by name, and nothing of the content.
    ids = {
        r.username: r.id
        for r in server.query(
            "SELECT id, username FROM users WHERE username IN (:a, :b)", a=user, b=relay_user
        )
    }
    log_text = server.log_path.read_text(encoding="utf-8")
    imports = [
        entry
        for entry in map(json.loads, log_text.splitlines())
        if entry["event"] == "bundle.import" and entry.get("relayed_by") == ids[relay_user]
    ]
    assert len(imports) == 2 and {e["account"] for e in imports} == {ids[user]}
    assert user not in log_text and relay_user not in log_text and "Hoa" not in log_text

    done = bundles(village).import_answer(answer)
    assert done.settled == 3 and done.still_pending == 0
    assert village.sync.status().synced
    settled = local_state(village)
    later = bundles(village).import_answer(again)
    assert later.settled == 0
    assert {k: v for k, v in local_state(village).items() if k not in ("state", "runs")} == {
        k: v for k, v in settled.items() if k not in ("state", "runs")
    }


def test_a_relayed_bundle_the_server_refuses_says_why(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune, elsewhere = fresh_commune(), fresh_commune()
    scope = f"commune:{commune}"
    user = server.add_user(scope)
    village = offline_pc(server, clients, commune, user)
    relay_pc = clients(server.url, elsewhere, server.add_user(f"commune:{elsewhere}"))
    village.services.people.create(PersonDraft(full_name="Hồ Văn Tâm", commune_code=commune))
    request = tmp_path / "xa.btxhb"
    bundles(village).export(request)
    untouched = server_state(server, scope, device(village))

    with pytest.raises(fmt.BundleError) as caught:
        bundles(relay_pc).relay(flip(request, request.stat().st_size - 5), tmp_path / "a.btxhb")
    assert caught.value.code == fmt.DAMAGED
    server.accounts().set_disabled(user, True)
    try:
        refused = btxh(
            relay_pc, "bundle", "relay", str(request), "--answer", str(tmp_path / "a.btxhb")
        )
    finally:
        server.accounts().set_disabled(user, False)
    assert refused.returncode != 0
    assert f"Tài khoản {user} không có trên máy chủ hoặc đã bị khóa" in refused.stderr
    # A PC not signed in has nothing to relay with, and an answer is not relayed.
    with pytest.raises(SyncError) as caught:
        bundles(village).relay(request, tmp_path / "c.btxhb")
    assert caught.value.code == "sync.login_required"
    assert server_state(server, scope, device(village)) == untouched
    assert not any((tmp_path / n).exists() for n in ("a.btxhb", "c.btxhb"))
    answer = tmp_path / "answer.btxhb"
    desk(server).import_file(request, answer)
    with pytest.raises(fmt.BundleError) as caught:
        bundles(relay_pc).relay(answer, tmp_path / "b.btxhb")
    assert caught.value.code == fmt.WRONG_KIND
    assert not (tmp_path / "b.btxhb").exists()


# ---------------------------------------------------------------- refusals


def test_a_tampered_or_cut_bundle_is_refused_and_nothing_is_applied(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    scope = f"commune:{commune}"
    user = server.add_user(scope)
    village = offline_pc(server, clients, commune, user)
    village.services.people.create(PersonDraft(full_name="Hồ Văn Tâm", commune_code=commune))
    request = tmp_path / "xa.btxhb"
    bundles(village).export(request)
    size = request.stat().st_size
    prefix = len(fmt.MAGIC) + 5 + int.from_bytes(request.read_bytes()[9:13], "big")
    untouched = server_state(server, scope, device(village))

    broken = [flip(request, offset) for offset in (prefix + 40, size - 1, prefix - 3, 20)]
    cut = tmp_path / "cut.btxhb"
    cut.write_bytes(request.read_bytes()[: size - 100])
    for bad in [*broken, cut]:
        with pytest.raises(fmt.BundleError) as caught:
            desk(server).import_file(bad, tmp_path / "never.btxhb")
        assert caught.value.code in (fmt.DAMAGED, fmt.UNKNOWN_ACCOUNT), bad.name
    assert not (tmp_path / "never.btxhb").exists()
    assert server_state(server, scope, device(village)) == untouched

    refused = btxh_server(server, "bundle", "import", str(broken[0]), "--answer", "x.btxhb")
    assert refused.returncode == 2
    assert "bị hỏng" in refused.stderr and "Không có dữ liệu nào được nhập" in refused.stderr

    # The answer is sealed the same way: a changed byte and the PC takes none of it.
    answer = tmp_path / "answer.btxhb"
    desk(server).import_file(request, answer)
    before = local_state(village)
    damaged = flip(answer, answer.stat().st_size - 20)
    with pytest.raises(fmt.BundleError) as caught:
        bundles(village).import_answer(damaged)
    assert caught.value.code == fmt.DAMAGED
    assert local_state(village) == before
    # A request is not an answer, even to the PC that made it.
    with pytest.raises(fmt.BundleError) as caught:
        bundles(village).import_answer(request)
    assert caught.value.code == fmt.WRONG_KIND
    assert local_state(village) == before


def test_an_answer_for_another_pc_or_site_is_refused(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune, other = fresh_commune(), fresh_commune()
    user, other_user = server.add_user(f"commune:{commune}"), server.add_user(f"commune:{other}")
    village = offline_pc(server, clients, commune, user)
    same_commune_pc = offline_pc(server, clients, commune, user)
    other_site = offline_pc(server, clients, other, other_user)
    village.services.people.create(PersonDraft(full_name="Mai Văn Hùng", commune_code=commune))
    request, answer = tmp_path / "r.btxhb", tmp_path / "a.btxhb"
    bundles(village).export(request)
    desk(server).import_file(request, answer)

    for wrong in (same_commune_pc, other_site):
        before = local_state(wrong)
        with pytest.raises(fmt.BundleError) as caught:
            bundles(wrong).import_answer(answer)
        assert caught.value.code == fmt.WRONG_SITE
        assert local_state(wrong) == before
    refused = btxh(other_site, "bundle", "import", str(answer))
    assert refused.returncode != 0 and "dành cho máy hoặc xã/cơ sở khác" in refused.stderr

    # A commune's bundle opened with another account's key is not accepted as that account.
    office = desk(server)
    other_secret = office.account_secret(office.account(other_user))
    with pytest.raises(fmt.BundleError):
        fmt.unseal(request.read_bytes(), other_secret, fmt.KIND_REQUEST)
    assert bundles(village).import_answer(answer).settled == 1


def test_an_account_without_the_site_or_a_wrong_code_is_refused(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    village = offline_pc(server, clients, commune, user)
    village.services.people.create(PersonDraft(full_name="Lý Thị Thu", commune_code=commune))
    request = tmp_path / "r.btxhb"
    bundles(village).export(request)
    server.accounts().set_scopes(user, [f"commune:{fresh_commune()}"])
    with pytest.raises(fmt.BundleError) as caught:
        desk(server).import_file(request, tmp_path / "a.btxhb")
    assert caught.value.code == fmt.OUT_OF_SCOPE
    assert server.query("SELECT op_id FROM ops WHERE device_id = :d", d=device(village)) == []

    code = desk(server).key_code(user)
    mistyped = ("A" if code[0] != "A" else "B") + code[1:]
    with pytest.raises(fmt.BundleError) as caught:
        bundles(village).set_key(user, mistyped)
    assert caught.value.code == fmt.KEY_INVALID


# ---------------------------------------------------------------- the folder lock


HOLD_LOCK = """
import sys
from pathlib import Path
from btxh_desktop.sync.lock import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_process_on_the_same_folder_is_refused(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    pc = clients(server.url, commune, user)
    pc.services.people.create(PersonDraft(full_name="Cao Văn Lộc", commune_code=commune))
    bundles(pc).set_key(user, desk(server).key_code(user))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(pc.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=child_env(),
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncError) as caught:
            pc.sync.run()
        assert caught.value.code == FOLDER_BUSY
        assert BUSY_TEXT in messages.render(caught.value.code)
        with pytest.raises(SyncError):
            bundles(pc).export(tmp_path / "r.btxhb")
        refused = btxh(pc, "bundle", "export", str(tmp_path / "r.btxhb"))
        assert refused.returncode != 0 and BUSY_TEXT in refused.stderr
        assert not (tmp_path / "r.btxhb").exists()
        assert pc.sync.pending_count() == 1
    finally:
        holder.stdin.close()
        holder.wait(30)
        holder.stdout.close()

    # The lock goes with the process that held it.
    assert pc.sync.run().outcome == "ok"
    assert pc.sync.pending_count() == 0


def test_every_bundle_message_reads_the_same_in_both_languages() -> None:
    catalogue = json.loads(resource_path("messages", "bundle.json").read_text(encoding="utf-8"))
    for code, texts in catalogue.items():
        assert set(texts) == set(messages.LANGUAGES), code
        assert messages.placeholders(texts["vi"]) == messages.placeholders(texts["en"]), code
    codes = {v for k, v in vars(fmt).items() if k.isupper() and isinstance(v, str) and "." in v}
    assert codes <= set(catalogue)
