"""Issue 5: what encryption at rest costs, and how long unlocking takes.

Baseline, measured in the same run: the same work on a plain (unencrypted) database, through
the same code — the two databases differ only in the key passed to the engine factory. The
two are measured alternately (batch by batch, query by query), so a busy machine slows both
alike; each figure is given as elapsed time and as this process's CPU time, which other
programs on the machine barely disturb.

- insert: N people through the tracked bulk path (rows, outbox, chained audit entries),
  in transactions of 10,000 as an import does;
- search: the people service's name search (what the search box calls), p50 and p95;
- open app: what login does after the password: the integrity check, opening and migrating
  (nothing to migrate), the first count for the home screen. At most logins the check of an
  encrypted file verifies every page's HMAC; at the first login of a day it is the full
  `quick_check` (a plain file always gets `quick_check`: it has no HMAC). Both are shown;
- unlock: Argon2id with the shipped parameters (no baseline; about 0.5 s is the target:
  slow for an attacker guessing passwords, quick enough for a person).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_storage import QUERIES, generate
from bench.common import Row, percentiles, print_table
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.backup import startup_check
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.gate import Gate
from btxh_desktop.storage import keys
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import Person

ACTOR = Actor("bench", Role.ADMIN)
TODAY = dt.date(2026, 11, 16)
BATCH = 10_000


@dataclass
class Clock:
    """Elapsed and CPU seconds, summed over the samples measured."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def measure(self, work: Callable[[], object]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        self.wall.append(time.perf_counter() - wall)
        self.cpu.append(time.process_time() - cpu)


@dataclass
class Side:
    folder: Path
    key: bytes | None
    insert: Clock = field(default_factory=Clock)
    search: Clock = field(default_factory=Clock)
    opening: Clock = field(default_factory=Clock)
    first_of_day: Clock = field(default_factory=Clock)

    def services(self) -> Services:
        return open_services(AppPaths(self.folder), ACTOR, self.key, today=lambda: TODAY)

    def login_after_password(self, full: bool = False) -> None:
        paths = AppPaths(self.folder)
        assert startup_check(paths.database, paths.backups, self.key, full=full).ok
        services = self.services()
        services.people.count()
        services.close()


def _unlock_seconds(folder: Path) -> tuple[float, float]:
    paths = AppPaths(folder)
    first = Gate(paths).create_first_admin("quantri", "", "mat-khau-do-thu-nghiem")
    first.services.close()
    gate = Gate(paths)
    clock = Clock()
    for _ in range(3):
        clock.measure(lambda: gate.unlock("quantri", "mat-khau-do-thu-nghiem"))
    return statistics.median(clock.wall), statistics.median(clock.cpu)


def run(options: argparse.Namespace) -> None:
    n = options.people
    rows = generate(n, options.seed)
    work = Path(tempfile.mkdtemp(prefix="btxh-bench-security-"))
    plain = Side(work / "plain", None)
    encrypted = Side(work / "encrypted", keys.new_database_key())
    sides = (plain, encrypted)
    try:
        opened = [side.services() for side in sides]
        for services in opened:
            services.site.initialise(SiteType.COMMUNE, "26740")
        for start in range(0, n, BATCH):
            for side, services in zip(sides, opened, strict=True):

                def batch(services: Services = services, start: int = start) -> None:
                    with services.ctx.unit_of_work() as session:
                        insert_tracked(session, Person, rows[start : start + BATCH])

                side.insert.measure(batch)
        for _ in range(5):
            for q in QUERIES:
                for side, services in zip(sides, opened, strict=True):
                    side.search.measure(lambda s=services, q=q: s.people.search(q))
        for services in opened:
            services.close()
        for side in sides:
            side.login_after_password()  # warm the OS file cache for both alike
        for _ in range(5):
            for side in sides:
                side.opening.measure(side.login_after_password)
                side.first_of_day.measure(lambda side=side: side.login_after_password(True))
        sizes = [(side.folder / "btxh.db").stat().st_size / 1e6 for side in sides]
        unlock_wall, unlock_cpu = _unlock_seconds(work / "unlock")

        def ms(samples: list[float]) -> list[float]:
            return [s * 1000 for s in samples]

        search_wall = [percentiles(ms(side.search.wall)) for side in sides]
        search_cpu = [percentiles(ms(side.search.cpu)) for side in sides]
        open_wall = [statistics.median(ms(side.opening.wall)) for side in sides]
        open_cpu = [statistics.median(ms(side.opening.cpu)) for side in sides]
        first_wall = [statistics.median(ms(side.first_of_day.wall)) for side in sides]
        first_cpu = [statistics.median(ms(side.first_of_day.cpu)) for side in sides]
        print_table(
            f"security — encrypted vs plain database, {n:,} people",
            [
                Row("insert people (rows+outbox+audit)", sum(encrypted.insert.wall), "s",
                    sum(plain.insert.wall), "≤ 1.3×"),
                Row("  … CPU time", sum(encrypted.insert.cpu), "s", sum(plain.insert.cpu),
                    "≤ 1.3×"),
                Row("name search p50", search_wall[1][0], "ms", search_wall[0][0]),
                Row("name search p95", search_wall[1][1], "ms", search_wall[0][1], "≤ 1.3×"),
                Row("  … CPU time p95", search_cpu[1][1], "ms", search_cpu[0][1], "≤ 1.3×"),
                Row("open app after password", open_wall[1], "ms", open_wall[0], "≤ 1.3×"),
                Row("  … CPU time", open_cpu[1], "ms", open_cpu[0], "≤ 1.3×"),
                Row("  … first login of a day (quick_check)", first_wall[1], "ms", first_wall[0]),
                Row("  … its CPU time", first_cpu[1], "ms", first_cpu[0]),
                Row("database size", sizes[1], "MB", sizes[0]),
                Row("unlock (Argon2id, shipped params)", unlock_wall, "s", None, "≈ 0.5 s"),
                Row("  … CPU time (2 lanes)", unlock_cpu, "s"),
            ],
        )  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
