"""A bad link or a failing server: the client retries, says clearly what went wrong, and
nothing is lost or applied twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.transport import TransportOptions
from tests.e2e.faults import FaultProxy
from tests.e2e.support import Client, ServerProcess, fresh_commune, server_records

PATIENT = TransportOptions(
    connect_timeout=2.0, read_timeout=1.0, attempts=10, backoff_base=0.01, backoff_cap=0.05
)
IMPATIENT = TransportOptions(
    connect_timeout=2.0, read_timeout=1.0, attempts=3, backoff_base=0.01, backoff_cap=0.05
)


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    running = FaultProxy(server.port, stall_seconds=1.2).start()
    yield running
    running.stop()


def pc_behind(
    proxy: FaultProxy,
    server: ServerProcess,
    clients: Callable[..., Client],
    options: TransportOptions,
    people: int,
) -> Client:
    commune = fresh_commune()
    pc = clients(proxy.url, commune, server.add_user(f"commune:{commune}"), options=options)
    pc.sync.configure(batch_size=10, page_size=10)
    for i in range(people):
        pc.services.people.create(PersonDraft(full_name=f"Lỗi Mạng {i}", commune_code=commune))
    return pc


def assert_exactly_once(server: ServerProcess, pc: Client, people: int) -> None:
    device = pc.services.site.info()
    assert device is not None
    ops = server.query("SELECT count(*) AS n FROM ops WHERE device_id = :d", d=device.device_id)
    assert ops[0].n == people
    stored = server_records(server, f"commune:{pc.commune}")
    assert len(stored) == people
    # Version 1 everywhere: no create was applied twice.
    assert {version for version, _ in stored.values()} == {1}
    assert pc.sync.pending_count() == 0
    assert pc.services.people.count() == people


def test_every_kind_of_failure_is_retried_until_the_sync_completes(
    server: ServerProcess, proxy: FaultProxy, clients: Callable[..., Client]
) -> None:
    pc = pc_behind(proxy, server, clients, PATIENT, 30)
    proxy.fail("/auth/refresh", "500_before", "reset_before")
    proxy.fail("/sync/push", "500_before", "500_after", "timeout_after", "cut_after")
    proxy.fail("/sync/pull", "garbage_after", "cut_after", "500_after", "timeout_after")

    run = pc.sync.run()

    assert run.outcome == "ok" and run.verified
    assert proxy.pending_faults() == 0
    # Every attempt is counted, failed ones too (the login before the run is not).
    assert run.round_trips == len(proxy.seen) - 1
    assert_exactly_once(server, pc, 30)


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ("500_after", "sync.server_error"),
        ("garbage_after", "sync.bad_response"),
        ("cut_after", "sync.bad_response"),
        ("timeout_after", "sync.timeout"),
    ],
)
def test_a_failure_that_lasts_is_reported_and_the_next_sync_loses_nothing(
    server: ServerProcess,
    proxy: FaultProxy,
    clients: Callable[..., Client],
    fault: str,
    code: str,
) -> None:
    pc = pc_behind(proxy, server, clients, IMPATIENT, 25)
    pc.sync.run()
    assert_exactly_once(server, pc, 25)
    for i in range(12):
        pc.services.people.create(PersonDraft(full_name=f"Lần Hai {i}", commune_code=pc.commune))
    # Every attempt at the next batch fails; with "_after" faults the server applies it each
    # time and only the answer is lost.
    proxy.fail("/sync/push", *[fault] * 3)

    with pytest.raises(SyncError) as failed:
        pc.sync.run()

    assert failed.value.code == code
    last = pc.sync.history(1)[0]
    assert (last.outcome, last.error_code) == ("failed", code)
    assert pc.sync.pending_count() == 12  # kept: nothing was acknowledged
    assert not pc.sync.status().synced

    run = pc.sync.run()

    assert run.outcome == "ok"
    assert_exactly_once(server, pc, 37)
