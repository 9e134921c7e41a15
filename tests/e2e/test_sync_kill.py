"""`btxh sync` killed with SIGKILL at random points, ten times while pushing and ten times
while pulling: afterwards every local change is on the server exactly once and both sides
hold the same data."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import open_services
from btxh_desktop.storage.models import OutboxEntry, Person
from tests.conftest import ADMIN
from tests.e2e.support import (
    Client,
    ServerProcess,
    bulk_people,
    fresh_commune,
    people_fields,
    server_records,
    subprocess_env,
)

KILLS_PER_STAGE = 10
BATCH = 10


def sync_command(data_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "btxh_desktop.cli",
        "--data-dir",
        str(data_dir),
        "sync",
        "--progress",
        "--batch-size",
        str(BATCH),
        "--page-size",
        str(BATCH),
    ]


def run_and_kill(command: list[str], env: dict[str, str], stage: str, rng: random.Random) -> str:
    """Start a sync, wait for 1–3 progress steps of `stage`, then SIGKILL it a random few
    milliseconds later (mid-request or mid-commit). Returns the stage it was killed in."""
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert process.stderr is not None
    wanted = rng.randint(1, 3)
    seen = 0
    last = "start"
    try:
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace").strip()
            if not line.startswith("{"):
                continue
            last = json.loads(line)["stage"]
            if last == stage:
                seen += 1
                if seen >= wanted:
                    time.sleep(rng.uniform(0, 0.03))
                    break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL, "the sync ended before it could be killed"
    return last


@pytest.mark.slow
def test_sigkill_at_random_points_during_push_and_pull(
    server: ServerProcess, clients: Callable[..., Client], tmp_path: Path
) -> None:
    rng = random.Random(20261129)
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    a = clients(server.url, commune, user)
    b = clients(server.url, commune, user)
    # B's people are what A will pull; A's own creates and edits are what it pushes.
    bulk_people(b, 250, "B")
    b.sync.run()
    edited = bulk_people(a, 300, "A")[:150]
    with a.services.ctx.unit_of_work() as session:
        for person_id in edited:
            row = session.get(Person, person_id)
            assert row is not None
            row.phone = "0988888888"
    with a.services.ctx.read() as session:
        sent = set(session.scalars(select(OutboxEntry.op_id)))
    assert len(sent) == 450
    device = a.services.site.info()
    assert device is not None
    data_dir = a.data_dir
    a.close()  # from here on only the killed processes touch A's database

    env = subprocess_env(a.folder)
    command = sync_command(data_dir)
    killed_in = [run_and_kill(command, env, "push", rng) for _ in range(KILLS_PER_STAGE)]
    killed_in += [run_and_kill(command, env, "pull", rng) for _ in range(KILLS_PER_STAGE)]
    assert killed_in == ["push"] * KILLS_PER_STAGE + ["pull"] * KILLS_PER_STAGE
    finished = subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]

    # Exactly once: every operation A made is on the server once, and no record moved past
    # the version its operations give it (a create is 1, a create and an edit 2).
    on_server = server.query("SELECT op_id FROM ops WHERE device_id = :d", d=device.device_id)
    assert sorted(r.op_id for r in on_server) == sorted(sent)
    stored = server_records(server, f"commune:{commune}")
    versions = {person_id: version for person_id, (version, _) in stored.items()}
    assert len(stored) == 550
    assert sorted(versions[i] for i in edited) == [2] * 150
    assert sum(1 for v in versions.values() if v == 1) == 400

    # Both sides converge: A, the server and B hold the same people with the same fields.
    reopened = open_services(AppPaths(data_dir), ADMIN)
    try:
        local = people_fields(reopened)
        with reopened.ctx.read() as session:
            assert session.scalar(select(OutboxEntry.seq).limit(1)) is None
        history = [r.outcome for r in reopened.sync.history(50)]
    finally:
        reopened.close()
    b.sync.run()
    assert local == {i: fields for i, (_, fields) in stored.items()}
    assert people_fields(b.services) == local
    assert history.count("interrupted") == 2 * KILLS_PER_STAGE and history[0] == "ok"
