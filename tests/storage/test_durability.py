"""A power cut or a killed process must never lose a committed row or damage the file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import open_services
from tests.conftest import ADMIN, COMMUNE

WRITER = """
import sys
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import open_services
from btxh_desktop.services.context import Actor

services = open_services(AppPaths.resolve(sys.argv[1]), Actor("writer", Role.ADMIN))
if services.site.info() is None:
    services.site.initialise(SiteType.COMMUNE, sys.argv[2])
print("ready", flush=True)
i = 0
while True:
    record = services.people.create(PersonDraft(full_name=f"Người Ghi {i}"))
    print(record.id, flush=True)  # only after the commit returned
    i += 1
"""


def test_killing_the_writer_at_random_moments_loses_no_committed_row(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(20)
    committed: set[str] = set()
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data), COMMUNE],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        committed |= {line.strip() for line in out.splitlines() if len(line.strip()) == 36}

    services = open_services(AppPaths(data), ADMIN)
    report = services.site.check()
    with services.ctx.read() as session:
        stored = {
            r[0] for r in session.connection().exec_driver_sql("SELECT id FROM people").fetchall()
        }
        queued = {
            r[0]
            for r in session.connection().exec_driver_sql("SELECT record_id FROM outbox").fetchall()
        }
    services.close()
    assert report.integrity == "ok"
    assert len(committed) > 20
    assert committed <= stored
    assert stored <= queued  # every stored row also reached the outbox (same transaction)
