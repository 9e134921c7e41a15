"""Issue 2: inserting 200,000 people, name search, database size per person.

Baselines, measured in the same run:
- insert: raw `sqlite3.executemany` of the same person rows into a database with the same
  schema (same indexes and search triggers), with no outbox or audit;
- search: a bare FTS5 MATCH on the same index returning rowids only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Row, percentiles, print_table, sample_ms, timer
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.demo import AGE_RANGE, CATEGORY_WEIGHTS, _person_row, _weighted
from btxh_desktop.storage.backup import checkpoint
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import Person
from btxh_desktop.storage.people import fts_query, search_people

ACTOR = Actor("bench", Role.ADMIN)
TODAY = dt.date(2026, 11, 16)
QUERIES = (
    "nguyen van",
    "tran thi h",
    "le van an",
    "dang",
    "pham thi thu",
    "hoang",
    "vu minh",
    "bui thi lan",
    "do",
    "ngo van t",
    "079",
    "duong ngoc",
)


def generate(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        low, high = AGE_RANGE[_weighted(rng, CATEGORY_WEIGHTS)]
        row, _, _ = _person_row(rng, TODAY, low, high, ["26740"])
        row["code"] = f"26740-{i + 1:06d}"
        rows.append(row)
    return rows


def _fresh(folder: Path) -> Any:
    services = open_services(AppPaths(folder), ACTOR, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, "26740")
    return services


def run(options: argparse.Namespace) -> None:
    n = options.people
    rows = generate(n, options.seed)
    work = Path(tempfile.mkdtemp(prefix="btxh-bench-"))
    try:
        # Baseline: the same schema, raw executemany of the same rows.
        base = _fresh(work / "raw")
        base_path = base.ctx.paths.database
        base.close()
        columns = list(rows[0])
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        raw_rows = [(*(r[c] for c in columns), 0, now, now, "bench") for r in rows]
        sql = (
            f"INSERT INTO people ({','.join(columns)}, version, created_at, updated_at,"
            f" updated_by) VALUES ({','.join('?' * (len(columns) + 4))})"
        )
        conn = sqlite3.connect(base_path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        with timer() as raw_t, conn:
            conn.executemany(sql, raw_rows)
        conn.close()

        ours = _fresh(work / "ours")
        with timer() as ours_t, ours.ctx.unit_of_work() as session:
            insert_tracked(session, Person, rows)

        # Search: our service query (ids, live rows, sorted by name, limit) vs bare FTS5.
        ours_samples: list[float] = []
        bare_samples: list[float] = []
        raw = sqlite3.connect(ours.ctx.paths.database)
        with ours.ctx.read() as session:
            for _ in range(3):
                for q in QUERIES:
                    match = fts_query(q)
                    ours_samples += sample_ms(lambda q=q: search_people(session, q), 1)
                    bare_samples += sample_ms(
                        lambda m=match: raw.execute(
                            "SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT 200",
                            (m,),
                        ).fetchall(),
                        1,
                    )
        raw.close()
        checkpoint(ours.ctx.database)
        size = ours.ctx.paths.database.stat().st_size
        ours.close()
        p50, p95 = percentiles(ours_samples)
        b50, b95 = percentiles(bare_samples)
        print_table(
            f"storage — {n:,} people",
            [
                Row(
                    "insert people (rows + outbox + audit)",
                    ours_t[0],
                    "s",
                    raw_t[0],
                    "≤ 3× raw executemany",
                ),
                Row("insert rate", n / ours_t[0], "rows/s"),
                Row("name search p50", p50, "ms", b50),
                Row("name search p95", p95, "ms", b95, "p95 ≤ 20 ms"),
                Row("database size per person", size / n, "bytes"),
            ],
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
