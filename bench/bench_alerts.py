"""Issue 8: computing every alert (Việc cần làm) for a province-sized population.

The population is the demo data, generated the way an officer would (`btxh init`, then
`btxh demo-data --people N --seed S`), plus three finalised months of payment lines (one case
in 256 has not collected any of them) and health-insurance cards for three people in ten,
ending anywhere from two months ago to a year ahead. Lines and cards are written with plain
SQL: what is measured is reading, and sync bookkeeping is beside it.

Generating 200,000 people takes minutes, so the data folder is kept under the system's
temporary folder (`btxh-bench-alerts/`) and reused; delete it to start afresh. The demo ages
people from the day it runs, so the scan is computed for that day (kept with the data).

A retroactive rise is then staged on the same data: the three months' lines are set to the
standard level before the one now in force (a list finalised before the rise was known), every
case is owed back pay, the scan is measured, and the lines are put back as they were.

Baseline, measured in the same run: a plain SELECT of the same case and person rows the
scan would otherwise read, fetched to Python through the same driver. The first scan runs
right after opening the database, with SQLite's page cache and the engine's shared answers
empty (the files themselves are likely in the system's cache); "again" is a running app's
case. Wall time depends on what else the machine is doing, so the CPU time of both sides is
shown too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import text

import btxh_desktop.services.alerts as alerts_service
from bench.common import Row, print_table, timer
from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.dates import Month
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor

ACTOR = Actor("bench", Role.ADMIN)
SITE = ("--site-type", "commune", "--site-code", "26740")
CACHE = Path(tempfile.gettempdir()) / "btxh-bench-alerts"

PAYMENTS = """
INSERT INTO payments (id, version, created_at, updated_at, updated_by, case_id, person_id,
    month, payment_round, method, coefficient, standard_level, amount, back_pay_months,
    back_pay_amount, recovery_amount, status)
SELECT lower(hex(randomblob(16))), 0, :now, :now, 'bench', id, person_id, :month, 1,
    payment_method, coefficient, standard_level, monthly_amount, 0, 0, 0,
    CASE WHEN id LIKE '00%' THEN 'not_collected' ELSE 'paid' END
FROM allowance_cases WHERE status = 'active' AND deleted_at IS NULL
"""
CARDS = """
INSERT INTO health_insurance_cards (id, version, created_at, updated_at, updated_by,
    person_id, card_number, valid_from, valid_to)
SELECT lower(hex(randomblob(16))), 0, :now, :now, 'bench', id,
    'DN479' || substr(replace(id, '-', ''), 1, 10), '2025-01-01',
    date(:today, '+' || (abs(random()) % 425 - 60) || ' days')
FROM people WHERE abs(random()) % 10 < 3
"""
# Lines paid at `:old` of the cases' own coefficients, and back again (the demo's cases hold
# the level and amount now in force, which the generated lines copied).
LAG = """
UPDATE payments SET standard_level = :old, amount = CAST(coefficient * :old AS INTEGER)
WHERE month >= :since AND updated_by = 'bench'
"""
RESTORE = """
UPDATE payments SET (standard_level, amount) = (
    SELECT c.standard_level, c.monthly_amount FROM allowance_cases c WHERE c.id = case_id)
WHERE month >= :since AND updated_by = 'bench'
"""
BASELINE = """
SELECT c.id, c.person_id, c.category, c.sub_case, c.other_categories, c.status,
    c.coefficient, c.monthly_amount, c.start_month, c.stop_month, c.application_date,
    c.children_count, c.commune_code, p.birth_year, p.birth_month, p.birth_day,
    p.school_status, p.death_date, p.full_name, p.code
FROM allowance_cases c JOIN people p ON p.id = c.person_id
WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL
    AND c.status IN ('applied', 'active', 'suspended')
"""


def _btxh(data: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "btxh_desktop.cli", "--data-dir", str(data), *args], check=True
    )


def _site(people: int, seed: int) -> tuple[Path, dt.date]:
    """The cached data folder for this size and seed, made on first use, and its day."""
    folder = CACHE / f"people-{people}-seed-{seed}"
    data, day_file = folder / "data", folder / "generated-on"
    if day_file.exists():
        return data, dt.date.fromisoformat(day_file.read_text().strip())
    shutil.rmtree(folder, ignore_errors=True)  # a generation that did not finish
    today = dt.date.today()
    started = time.perf_counter()
    _btxh(data, "init", *SITE)
    _btxh(data, "demo-data", "--people", str(people), "--seed", str(seed))
    services = open_services(AppPaths(data), ACTOR, today=lambda: today)
    try:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        with services.ctx.database.writer().begin() as conn:
            for back in (3, 2, 1):
                month = str(Month.of(today).add(-back))
                conn.execute(text(PAYMENTS), {"now": now, "month": month})
            conn.execute(text(CARDS), {"now": now, "today": today.isoformat()})
    finally:
        services.close()
    day_file.write_text(today.isoformat())
    print(f"generated {people:,} people in {time.perf_counter() - started:.0f} s: {folder}")
    return data, today


def _open(data: Path, today: dt.date) -> Services:
    services = open_services(AppPaths(data), ACTOR, today=lambda: today)
    # A newer schema migrated the cached folder: the copy set aside is of no use here.
    if services.migration.backup is not None:
        Path(services.migration.backup).unlink(missing_ok=True)
    return services


def _baseline(services: Services) -> tuple[float, float, int]:
    """Wall and CPU seconds of the plain SELECT, and its row count."""
    with services.ctx.read() as session:
        cpu = time.process_time()
        with timer() as wall:
            rows = session.execute(text(BASELINE)).all()
        return wall[0], time.process_time() - cpu, len(rows)


def _retroactive_rise(services: Services, today: dt.date) -> tuple[float, float, Any]:
    """Wall and CPU seconds of a scan with every line of the staged months lagging, and the
    back-pay alert it found."""
    engine = services.ctx.policy
    since = Month.of(today).add(-3)
    level = engine.standard_level(since).amount
    before = since
    while engine.standard_level(before).amount == level:
        before = before.add(-1)
    old = engine.standard_level(before).amount
    writer = services.ctx.database.writer()
    with writer.begin() as conn:
        conn.execute(text(LAG), {"old": old, "since": str(since)})
    try:
        cpu = time.process_time()
        with timer() as wall:
            rows = services.alerts.compute(today)
        cpu = time.process_time() - cpu
    finally:
        with writer.begin() as conn:
            conn.execute(text(RESTORE), {"since": str(since)})
    back_pay = next((r.alert for r in rows if r.alert.kind.value == "back_pay"), None)
    return wall[0], cpu, back_pay


def run(options: argparse.Namespace) -> None:
    n = options.people
    data, today = _site(n, options.seed)
    services = _open(data, today)
    read_in_full: list[str] = []
    case_rows = alerts_service._case_rows

    def counted(session: Any, day: dt.date, case_ids: Sequence[str]) -> Iterator[Any]:
        read_in_full.extend(case_ids)
        return case_rows(session, day, case_ids)

    alerts_service._case_rows = counted
    try:
        with timer() as first:
            alerts = services.alerts.compute(today)
        first_read = len(read_in_full)
        plain_wall, plain_cpu, cases = _baseline(services)
        cpu = time.process_time()
        with timer() as again:
            services.alerts.compute(today)
        again_cpu = time.process_time() - cpu
        with timer() as month_later:
            services.alerts.compute(today + dt.timedelta(days=31))
        plain_wall_2, plain_cpu_2, _ = _baseline(services)
        rise_wall, rise_cpu, back_pay = _retroactive_rise(services, today)
    finally:
        alerts_service._case_rows = case_rows
        services.close()

    kinds = Counter(a.alert.kind.value for a in alerts)
    baseline, baseline_cpu = min(plain_wall, plain_wall_2), min(plain_cpu, plain_cpu_2)
    print_table(
        f"alerts — {n:,} people, {cases:,} cases, on {today.isoformat()}",
        [
            Row("plain SELECT of the case rows (baseline)", baseline, "s"),
            Row("compute all alerts, first scan (cold)", first[0], "s", baseline, "< 2 s"),
            Row("compute all alerts, again", again[0], "s", baseline, "< 2 s"),
            Row("compute for a month later", month_later[0], "s", baseline, "< 2 s"),
            Row("plain SELECT, CPU time", baseline_cpu, "s"),
            Row("compute all alerts again, CPU time", again_cpu, "s", baseline_cpu),
            Row("cases read in full (first scan)", float(first_read), "cases", float(cases)),
            Row("alerts found", float(len(alerts)), "alerts"),
            Row("compute after a retroactive rise", rise_wall, "s", baseline),
            Row("compute after a retroactive rise, CPU time", rise_cpu, "s", baseline_cpu),
        ],
    )
    print("alerts by kind: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    if back_pay is not None:
        params = back_pay.params
        print(
            f"back pay after the rise: {params['cases']:,} cases, {params['amount']:,} VND,"
            f" {params['first']}–{params['last']}"
        )
