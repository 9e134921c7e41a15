"""Killing the app while it writes to the encrypted database loses no committed row, leaves
the file sound and the audit chain unbroken."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from btxh_desktop.storage.engine import open_dbapi_connection
from tests.security.conftest import PASSWORDS, Installation

WRITER = """
import sys
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.gate import Gate

services = Gate(AppPaths.resolve(sys.argv[1])).login("nhaplieu", sys.argv[2])
print("ready", flush=True)
i = 0
while True:
    record = services.people.create(PersonDraft(full_name=f"Người Bị Ngắt {i}"))
    print(record.id, flush=True)  # only after the commit returned
    i += 1
"""


def test_killing_the_writer_twenty_times_loses_no_committed_row(
    installation: Installation,
) -> None:
    rng = random.Random(5)
    key = installation.gate().unlock("quantri", PASSWORDS["quantri"]).key
    committed: set[str] = set()
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(installation.paths.data_dir), PASSWORDS["nhaplieu"]],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        committed |= {line.strip() for line in out.splitlines() if len(line.strip()) == 36}

        conn = open_dbapi_connection(installation.paths.database, key)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {r[0] for r in conn.execute("SELECT id FROM people")}
        finally:
            conn.close()
        assert committed <= stored

    assert len(committed) > 20
    admin = installation.login("quantri")
    assert admin.audit.verify_chain().ok
