"""The divergence check, honest status, history, and the periodic schedule."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Callable

import pytest

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.sync.credentials import credential_key
from btxh_desktop.sync.engine import Progress, Stage
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.scheduler import PeriodicSync
from btxh_desktop.sync.transport import CancelToken
from tests.e2e.support import Client, ServerProcess, fresh_commune, server_records


def _one_client(server: ServerProcess, clients: Callable[..., Client]) -> Client:
    commune = fresh_commune()
    return clients(server.url, commune, server.add_user(f"commune:{commune}"))


def test_a_local_copy_that_drifted_is_repaired_record_by_record(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    pc = _one_client(server, clients)
    ids = [
        pc.services.people.create(
            PersonDraft(full_name=f"Người Số {i}", commune_code=pc.commune)
        ).id
        for i in range(6)
    ]
    pc.sync.run()
    # Damage the local copy behind the app's back: a row lost, a row at a wrong version
    # with wrong content, a row the server never had.
    with pc.services.ctx.database.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE people SET deleted_at = '2026-01-01 00:00:00' WHERE id = ?", (ids[0],)
        )
        conn.exec_driver_sql(
            "UPDATE people SET version = 9, full_name = 'Sai' WHERE id = ?", (ids[1],)
        )
        conn.exec_driver_sql(
            "INSERT INTO people (id, version, created_at, updated_at, updated_by, code,"
            " full_name, search_name, birth_precision, sex)"
            " VALUES ('00000000-0000-4000-8000-000000000001', 3, '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00', 'x', 'X-1', 'Không có', 'khong co', 'unknown', 'unknown')"
        )

    stages: list[Stage] = []
    run = pc.sync.run(progress=lambda p: stages.append(p.stage))

    assert Stage.REPAIR in stages
    assert run.verified is True and run.repaired == 3
    assert [pc.services.people.get(i).full_name for i in ids] == [f"Người Số {i}" for i in range(6)]
    assert pc.services.people.count() == 6
    assert set(server_records(server, f"commune:{pc.commune}")) == set(ids)


def test_status_is_honest_and_history_records_every_attempt(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    pc = _one_client(server, clients)
    assert not pc.sync.status().synced and pc.sync.is_due()
    pc.services.people.create(PersonDraft(full_name="Phạm Văn Em", commune_code=pc.commune))
    assert pc.sync.status().pending == 1

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings = pc.sync.settings()
    assert settings.server_url and settings.username
    good_url, bad_url = settings.server_url, f"http://127.0.0.1:{closed}"
    # The same account behind an address nothing answers on.
    token = pc.sync.credentials.get(credential_key(good_url, settings.username))
    assert token is not None
    pc.sync.credentials.set(credential_key(bad_url, settings.username), token)
    pc.sync.configure(server_url=bad_url)
    with pytest.raises(SyncError) as failed:
        pc.sync.run()
    assert failed.value.code == "sync.unreachable"
    assert not pc.sync.reachable(timeout=0.5)
    status = pc.sync.status()
    assert status.pending == 1 and not status.synced
    assert status.last_run is not None and status.last_run.error_code == "sync.unreachable"

    pc.sync.configure(server_url=good_url)
    assert pc.sync.reachable()
    pc.sync.run(trigger="scheduled")

    status = pc.sync.status()
    assert status.synced and status.pending == 0 and status.last_success is not None
    assert [(r.outcome, r.trigger) for r in pc.sync.history()] == [
        ("ok", "scheduled"),
        ("failed", "manual"),
    ]
    assert not pc.sync.is_due()
    assert pc.sync.is_due(dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=16))


def test_a_sync_can_be_cancelled_and_resumes_later(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    pc = _one_client(server, clients)
    pc.sync.configure(batch_size=10)
    for i in range(45):
        pc.services.people.create(PersonDraft(full_name=f"Hủy Số {i}", commune_code=pc.commune))
    cancel = CancelToken()

    def stop_after_two_batches(step: Progress) -> None:
        if step.stage == Stage.PUSH and step.done >= 20:
            cancel.cancel()

    with pytest.raises(SyncError) as stopped:
        pc.sync.run(progress=stop_after_two_batches, cancel=cancel)

    assert stopped.value.code == "sync.cancelled"
    assert pc.sync.history(1)[0].outcome == "cancelled"
    assert pc.sync.pending_count() == 25
    pc.sync.run()
    assert pc.sync.pending_count() == 0
    assert len(server_records(server, f"commune:{pc.commune}")) == 45


def test_one_run_at_a_time_and_the_periodic_schedule(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    pc = _one_client(server, clients)
    inside = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def hold(step: Progress) -> None:
        if step.stage == Stage.CONNECT:
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=lambda: pc.sync.run(progress=hold))
    worker.start()
    assert inside.wait(10)
    with pytest.raises(SyncError) as busy:
        pc.sync.run()
    assert busy.value.code == "sync.already_running"
    assert pc.sync.status().running
    release.set()
    worker.join(10)

    done = threading.Event()

    def scheduled() -> None:
        pc.sync.run(trigger="scheduled")
        done.set()

    schedule = PeriodicSync(scheduled, lambda: 0.05, pc.sync.reachable, errors.append)
    schedule.start()
    try:
        assert done.wait(10)
    finally:
        schedule.stop(10)
    assert errors == []
    assert pc.sync.history(1)[0].trigger == "scheduled"
