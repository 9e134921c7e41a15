"""Issue 6: payment list for 5,000 beneficiaries (.xlsx and PDF), import of 50,000 rows,
statistics over the population (`--people`, 200,000 by default).

Baselines, measured in the same run:
- payment list report: `AllowanceService.payment_list` alone (what grouping and the
  people's details add); .xlsx: the same cells streamed by openpyxl without any styling or
  layout; PDF: the same cell texts drawn one after another with QPainter, without layout;
- import: raw `sqlite3.executemany` of the very person and case rows the import writes, into
  a database with the same schema (no outbox, no audit, no checks, no spreadsheet);
- statistics: one bare grouped count of the cases by category in SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import Workbook
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from bench.common import Row, print_table, timer
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.paths import AppPaths
from btxh_desktop.services import report_layouts
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.documents import cell_text
from btxh_desktop.services.importer import case_row, person_row
from btxh_desktop.services.spreadsheets import write_xlsx
from btxh_desktop.storage import tracking
from btxh_desktop.ui import printing

ACTOR = Actor("bench", Role.ADMIN)
TODAY = dt.date(2026, 11, 16)
MONTH = Month(2026, 11)
COMMUNE = "26740"
PAYMENT_PEOPLE = 5_000
IMPORT_ROWS = 50_000
HEADERS = ("STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Thôn",
           "Đối tượng", "Hệ số", "Mức trợ cấp", "Số QĐ", "Ngày QĐ")  # fmt: skip
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thanh", "Đức", "Thu")
GIVEN = (
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến",
)  # fmt: skip


def _fresh(folder: Path) -> Services:
    services = open_services(AppPaths(folder), ACTOR, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, COMMUNE)
    return services


# ---------------------------------------------------------------- payment list


def _plain_xlsx(rows: list[tuple[Any, ...]], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("plain")
    for row in rows:
        sheet.append([cell if isinstance(cell, int | str) or cell is None else str(cell)
                      for cell in row])  # fmt: skip
    book.save(path)


def _plain_pdf(texts: list[str], path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(printing.RESOLUTION)
    painter = QPainter(writer)
    font = QFont(printing.register_fonts())
    font.setPointSizeF(printing.TABLE_POINTS)
    painter.setFont(font)
    step = printing.RESOLUTION / 8
    y = step
    for text in texts:
        painter.drawText(QPointF(0, y), text)
        y += step
        if y > writer.height():
            writer.newPage()
            y = step
    painter.end()


def bench_payment_list(work: Path, seed: int) -> list[Row]:
    services = _fresh(work / "payments")
    try:
        services.demo.generate(PAYMENT_PEOPLE, seed)
        services.allowance.payment_list(MONTH)  # warm the page cache for both timings
        with timer() as base_t:
            services.allowance.payment_list(MONTH)
        with timer() as report_t:
            report = services.reports.payment_list(MONTH)
            document = report_layouts.payment_list(report, "vi", TODAY)
        lines = len(report.payments.lines)
        [table] = document.tables()
        cells = [row for section in table.sections for row in section.rows]
        with timer() as xlsx_t:
            write_xlsx(document, work / "payments.xlsx")
        with timer() as plain_xlsx_t:
            _plain_xlsx(cells, work / "plain.xlsx")
        with timer() as pdf_t:
            pages = printing.write_pdf(document, work / "payments.pdf")
        texts = [
            cell_text(value, column.kind, "vi")
            for row in cells
            for value, column in zip(row, table.columns, strict=True)
        ]
        with timer() as plain_pdf_t:
            _plain_pdf(texts, work / "plain.pdf")
    finally:
        services.close()
    return [
        Row(f"payment list report ({lines:,} lines)", report_t[0], "s", base_t[0]),
        Row("payment list .xlsx", xlsx_t[0], "s", plain_xlsx_t[0], "≤ 3× unstyled"),
        Row(f"payment list PDF ({pages} pages)", pdf_t[0], "s", plain_pdf_t[0]),
        Row("PDF rate", lines / pdf_t[0], "lines/s"),
    ]


# ---------------------------------------------------------------- import


def _spreadsheet(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(HEADERS)
    seen: set[tuple[str, int]] = set()
    number = 0
    while number < rows:
        year = rng.randint(1930, 1965)
        female = rng.random() < 0.55
        name = (f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(MIDDLE)} "
                f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}")  # fmt: skip
        if (name, year) in seen:  # a real duplicate would be rejected, not imported
            continue
        seen.add((name, year))
        number += 1
        birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
        cccd = f"079{int(female)}{year % 100:02d}{number:06d}"
        sheet.append([number, name, birth, "Nữ" if female else "Nam", cccd, "Kinh",
                      rng.choice(("Thôn Đông", "Thôn Tây", "Xóm Mới")), "K5a", None, None,
                      f"{number}/QĐ-UBND", dt.date(2025, 3, 5)])  # fmt: skip
    book.save(path)


def _sql(value: Any) -> Any:
    wire = tracking.to_wire(value)
    return json.dumps(wire) if isinstance(wire, list | dict) else wire


def _raw_insert(path: Path, tables: list[tuple[str, list[dict[str, Any]]]]) -> float:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    with timer() as raw_t, conn:
        for table, rows in tables:
            columns = list(rows[0])
            sql = (
                f"INSERT INTO {table} ({','.join(columns)}, version, created_at, updated_at,"
                f" updated_by) VALUES ({','.join('?' * (len(columns) + 4))})"
            )
            conn.executemany(
                sql, [(*(_sql(r[c]) for c in columns), 0, now, now, "bench") for r in rows]
            )
    conn.close()
    return raw_t[0]


def bench_import(work: Path, seed: int) -> list[Row]:
    source = work / "nhap.xlsx"
    _spreadsheet(source, IMPORT_ROWS, seed)
    services = _fresh(work / "import")
    try:
        importer = services.importer
        with timer() as read_t:
            sheet = importer.read(source)
        with timer() as check_t:
            plan = importer.validate(sheet, sheet.guess)
        with timer() as write_t:
            result = importer.commit(plan)
    finally:
        services.close()
    assert result.people == IMPORT_ROWS, f"{len(plan.rejected)} rows rejected"

    people, cases = [], []
    for number, outcome in enumerate(plan.valid, start=1):
        assert outcome.draft is not None and outcome.case is not None
        people.append(person_row(f"p{number}", f"{COMMUNE}-{number:06d}", outcome.draft))
        case = case_row(f"p{number}", outcome.case, outcome.draft, COMMUNE)
        cases.append({"id": f"c{number}", **case})
    base = _fresh(work / "raw")
    base_path = base.ctx.paths.database
    base.close()
    raw = _raw_insert(base_path, [("people", people), ("allowance_cases", cases)])
    total = read_t[0] + check_t[0] + write_t[0]
    return [
        Row("import: read the .xlsx", read_t[0], "s"),
        Row("import: check every row", check_t[0], "s"),
        Row("import: write (one transaction)", write_t[0], "s", raw),
        Row(f"import {IMPORT_ROWS:,} rows, all steps", total, "s", raw),
        Row("import rate", IMPORT_ROWS / total, "rows/s"),
    ]


# ---------------------------------------------------------------- statistics


def bench_statistics(work: Path, people: int, seed: int) -> list[Row]:
    services = _fresh(work / "statistics")
    try:
        with timer() as generate_t:
            services.demo.generate(people, seed)
        database = services.ctx.paths.database
        services.reports.statistics(Month(2026, 1), Month(2026, 6))  # warm the page cache
        with timer() as stats_t:
            stats = services.reports.statistics(Month(2026, 1), Month(2026, 6))
        with timer() as layout_t:
            report_layouts.statistics(stats, "vi", TODAY)
    finally:
        services.close()
    conn = sqlite3.connect(database)
    with timer() as bare_t:
        conn.execute(
            "SELECT category, count(*) FROM allowance_cases WHERE deleted_at IS NULL"
            " GROUP BY category"
        ).fetchall()
    conn.close()
    return [
        Row(f"generate {people:,} people (demo data)", generate_t[0], "s"),
        Row(f"statistics over {people:,} people", stats_t[0], "s", bare_t[0], "≤ 2 s"),
        Row("statistics layout", layout_t[0], "s"),
    ]


def run(options: argparse.Namespace) -> None:
    # A QApplication, not only a QGuiApplication: `python -m bench` runs the ui benchmark in
    # this same process afterwards, and it needs widgets.
    app = QApplication.instance() or QApplication([])
    printing.register_fonts()
    work = Path(tempfile.mkdtemp(prefix="btxh-bench-reports-"))
    try:
        rows = bench_payment_list(work, options.seed)
        rows += bench_import(work, options.seed)
        rows += bench_statistics(work, options.people, options.seed)
        print_table(
            f"reports — payment list {PAYMENT_PEOPLE:,}, import {IMPORT_ROWS:,}, "
            f"statistics {options.people:,}",
            rows,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
        del app
