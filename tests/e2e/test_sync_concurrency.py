"""Fifty clients push a hundred operations each at the same moment.

Every operation must be applied exactly once, no client may see a server error (a deadlock
or serialization failure is retried inside the server), the scope logs must hand out each
position once, and the incrementally kept digests must equal a recount.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from pathlib import Path

import pytest

from btxh_desktop.sync.client import OpResult, OutboundOp, SyncClient
from btxh_desktop.sync.protocol import OpStatus, digest_of
from btxh_desktop.sync.transport import Transport, TransportOptions
from tests.e2e.support import PASSWORD, ServerProcess, fresh_commune, keyring_for, now

CLIENTS = 50
OPS = 100
COMMUNES = 5
SHARED = 20
NO_RETRIES = TransportOptions(connect_timeout=10, read_timeout=120, attempts=1)


def connect(server: ServerProcess, username: str, folder: Path) -> SyncClient:
    client = SyncClient(
        Transport(server.url, NO_RETRIES), keyring_for(folder), username, str(uuid.uuid4())
    )
    client.login(PASSWORD)
    return client


def person_op(seq: int, record_id: str, fields: dict[str, object], base: int) -> OutboundOp:
    return OutboundOp(
        seq, str(uuid.uuid4()), "person", record_id, "upsert", fields, base, "t", now()
    )


def push_all(
    jobs: list[tuple[SyncClient, str, list[OutboundOp]]],
) -> tuple[dict[int, list[OpResult]], list[BaseException]]:
    start = threading.Barrier(len(jobs))
    results: dict[int, list[OpResult]] = {}
    failures: list[BaseException] = []

    def work(index: int, client: SyncClient, scope: str, ops: list[OutboundOp]) -> None:
        start.wait()
        try:
            results[index] = client.push(scope, ops)
        except BaseException as exc:  # collected: any failure at all fails the test
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return results, failures


@pytest.mark.slow
def test_fifty_clients_push_at_once_and_every_op_lands_exactly_once(
    server: ServerProcess, tmp_path: Path
) -> None:
    rng = random.Random(7)
    communes = [fresh_commune() for _ in range(COMMUNES)]
    shared: dict[str, list[str]] = {}
    jobs: list[tuple[SyncClient, str, list[OutboundOp]]] = []
    for commune in communes:
        scope = f"commune:{commune}"
        user = server.add_user(scope)
        seeder = connect(server, user, tmp_path / f"seed{commune}")
        shared[scope] = [str(uuid.uuid4()) for _ in range(SHARED)]
        seeded = seeder.push(
            scope,
            [
                person_op(i, pid, {"full_name": f"Chung {i}", "sex": "unknown"}, 0)
                for i, pid in enumerate(shared[scope])
            ],
        )
        assert {r.status for r in seeded} == {OpStatus.APPLIED}
        for n in range(CLIENTS // COMMUNES):
            client = connect(server, user, tmp_path / f"c{commune}-{n}")
            ops = [
                person_op(i, str(uuid.uuid4()), {"full_name": f"Mới {n}-{i}", "sex": "male"}, 0)
                for i in range(OPS * 6 // 10)
            ]
            ops += [
                person_op(
                    OPS + i,
                    rng.choice(shared[scope]),
                    {rng.choice(("phone", "notes", "address_detail", "other_name")): f"{n}/{i}"},
                    1,
                )
                for i in range(OPS * 4 // 10)
            ]
            rng.shuffle(ops)
            jobs.append((client, scope, ops))
    before = server.metrics()

    results, failures = push_all(jobs)

    assert failures == []
    assert sorted(results) == list(range(CLIENTS))
    statuses = Counter(r.status for answer in results.values() for r in answer)
    assert sum(statuses.values()) == CLIENTS * OPS
    assert set(statuses) <= {OpStatus.APPLIED, OpStatus.MERGED, OpStatus.CONFLICT}
    errors = [
        k
        for k, v in server.metrics().items()
        if k.startswith("btxh_http_requests_total") and 'status="5' in k and v != before.get(k, 0)
    ]
    assert errors == []

    # Exactly once: each op id stored once, each create at version 1, and each shared record
    # at 1 + the number of operations that changed it.
    all_ids = [op.op_id for _, _, ops in jobs for op in ops]
    stored = server.query(
        "SELECT count(*) AS n, count(DISTINCT op_id) AS d FROM ops WHERE op_id IN :ids".replace(
            ":ids", "(" + ",".join(f"'{i}'" for i in all_ids) + ")"
        )
    )
    assert (stored[0].n, stored[0].d) == (CLIENTS * OPS, CLIENTS * OPS)
    changed: Counter[str] = Counter()
    for (_, _, ops), index in zip(jobs, range(CLIENTS), strict=True):
        for op, result in zip(ops, results[index], strict=True):
            if op.base_version == 1 and result.status in (OpStatus.APPLIED, OpStatus.MERGED):
                changed[op.record_id] += 1
    for scope in shared:
        rows = {
            r.id: r
            for r in server.query(
                "SELECT id, version, position, deleted_at FROM records WHERE scope = :s", s=scope
            )
        }
        assert len(rows) == SHARED + (CLIENTS // COMMUNES) * OPS * 6 // 10
        for pid in shared[scope]:
            assert rows[pid].version == 1 + changed[pid]
        assert {r.version for i, r in rows.items() if i not in shared[scope]} == {1}
        # The incremental digest equals a recount, and every position was handed out once.
        count, digest = digest_of("person", [(i, r.version) for i, r in rows.items()])
        kept = server.query(
            "SELECT live_count, digest FROM scope_digests WHERE scope = :s AND entity = 'person'",
            s=scope,
        )
        assert (kept[0].live_count, kept[0].digest) == (count, digest)
        events = server.query("SELECT position FROM scope_events WHERE scope = :s", s=scope)
        positions = [r.position for r in rows.values()] + [e.position for e in events]
        assert len(positions) == len(set(positions))
        head = server.query("SELECT position FROM scope_heads WHERE scope = :s", s=scope)
        assert max(positions) == head[0].position

    # The same batches again, all at once: every answer is the stored one; nothing changes.
    heads = server.query("SELECT scope, position FROM scope_heads ORDER BY scope")
    again, failures = push_all(jobs)
    assert failures == []
    for index, answer in again.items():
        assert all(r.replayed for r in answer)
        assert [(r.status, r.version) for r in answer] == [
            (r.status, r.version) for r in results[index]
        ]
    assert server.query("SELECT scope, position FROM scope_heads ORDER BY scope") == heads
