"""`btxh import` (a beneficiary spreadsheet) and `btxh export` (lists and reports).

`btxh import` exits 0 when every row was imported, 4 when some rows were rejected (the valid
ones are imported; `--report` saves the rejected ones with their reasons), and 2 when the
file cannot be used at all (nothing is imported). PDFs are made by the desktop app, which
has the printing engine; the command line writes .xlsx and .csv.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, open_for
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services import report_layouts
from btxh_desktop.services.container import Services
from btxh_desktop.services.documents import Document
from btxh_desktop.services.importer import ImportResult, RowOutcome
from btxh_desktop.services.reports import EXPORT_FORMATS

EXPORT_WHAT = ("people", "payments", "statistics", "posting")
LISTED_ROWS = 50


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        mapping = services.importer.load_mapping(Path(args.mapping)) if args.mapping else None
        result = services.importer.import_file(
            Path(args.file), mapping, sheet=args.sheet, dry_run=args.dry_run
        )
        report = None
        if args.report:
            report = Path(args.report)
            services.importer.write_report(result.plan, report, out.lang)
    finally:
        services.close()
    out.emit(_import_json(result, out, report), lambda: _import_text(result, out, report))
    return EXIT_PROBLEM if result.plan.rejected else EXIT_OK


def _mapping(result: ImportResult) -> dict[str, str]:
    headers = result.plan.sheet.headers
    return {key: headers[index] for key, index in result.plan.mapping.columns.items()}


def _rows(rows: list[RowOutcome], out: Output) -> list[dict[str, Any]]:
    return [
        {
            "row": r.row_number,
            "reasons": [
                {"field": i.field, "code": i.code, "message": i.text(out.lang)} for i in r.issues
            ],
        }
        for r in rows
    ]


def _import_json(result: ImportResult, out: Output, report: Path | None) -> dict[str, Any]:
    plan = result.plan
    return {
        "file": str(plan.sheet.path),
        "sheet": plan.sheet.sheet,
        "header_row": plan.sheet.header_row,
        "mapping": _mapping(result),
        "rows": len(plan.rows),
        "valid": len(plan.valid),
        "warnings": len(plan.warnings),
        "rejected": len(plan.rejected),
        "dry_run": result.dry_run,
        "imported_people": result.people,
        "imported_cases": result.cases,
        "report": str(report) if report else None,
        "rejected_rows": _rows(plan.rejected, out),
        "warning_rows": _rows(plan.warnings, out),
    }


def _import_text(result: ImportResult, out: Output, report: Path | None) -> str:
    plan = result.plan
    sheet = plan.sheet
    lines = [
        out.t("cli.import.file", file=sheet.path.name, sheet=sheet.sheet, row=sheet.header_row),
        out.t("cli.import.mapping"),
    ]
    for key, header in sorted(_mapping(result).items(), key=lambda kv: kv[0]):
        lines.append(f'  {out.t(f"import.field.{key}")} ← "{header}"')
    lines.append(
        out.t(
            "cli.import.checked",
            rows=len(plan.rows),
            valid=len(plan.valid),
            warnings=len(plan.warnings),
            rejected=len(plan.rejected),
        )
    )
    for title, rows in (
        (out.t("cli.import.rejected_rows"), plan.rejected),
        (out.t("cli.import.warning_rows"), plan.warnings),
    ):
        if not rows:
            continue
        lines.append(title)
        for row in rows[:LISTED_ROWS]:
            label = out.t("cli.import.row", row=row.row_number)
            lines.append(f"  {label}: {row.reasons(out.lang)}")
        if len(rows) > LISTED_ROWS:
            lines.append(f"  {out.t('cli.import.more_rows', count=len(rows) - LISTED_ROWS)}")
    if result.dry_run:
        lines.append(out.t("cli.import.dry_run"))
    else:
        lines.append(out.t("cli.import.done", people=result.people, cases=result.cases))
    if report is not None:
        lines.append(out.t("cli.import.report", path=str(report)))
    return "\n".join(lines)


def _month(text: str | None, option: str) -> Month:
    if not text:
        raise DomainError("cli.export.month_required", option=option)
    return Month.parse(text)


def _document(services: Services, args: argparse.Namespace, lang: str) -> Document:
    reports = services.reports
    today = services.ctx.today()
    if args.what == "people":
        return report_layouts.people(reports.people(), lang, today)
    if args.what == "payments":
        month = _month(args.month, "--month")
        return report_layouts.payment_list(reports.payment_list(month), lang, today)
    if args.what == "posting":
        month = _month(args.month, "--month")
        posting = reports.public_posting(month, applicants=args.applicants)
        return report_layouts.public_posting(posting, lang, today)
    start = _month(args.start or args.month, "--from")
    end = _month(args.end or args.month or args.start, "--to")
    return report_layouts.statistics(reports.statistics(start, end), lang, today)


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        document = _document(services, args, out.lang)
        result = services.reports.export(document, Path(args.out), args.format)
    finally:
        services.close()
    out.emit(
        {"path": str(result.path), "rows": result.rows, "what": args.what, "format": args.format},
        out.t("cli.export.done", rows=result.rows, path=str(result.path)),
    )
    return EXIT_OK


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "import",
        help="nhập danh sách đối tượng từ tệp Excel (.xlsx)",
        description="Thoát với mã 0 khi nhập hết, 4 khi có dòng bị từ chối (các dòng hợp lệ"
        " vẫn được nhập), 2 khi không dùng được tệp (không nhập gì).",
    )
    p.add_argument("file", help="tệp .xlsx")
    p.add_argument("--mapping", help="tệp JSON ánh xạ cột đã lưu")
    p.add_argument("--sheet", help="tên trang tính (mặc định: trang giống danh sách nhất)")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument("--report", help="ghi các dòng bị từ chối kèm lý do ra tệp .xlsx")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", help="xuất danh sách, báo cáo ra .xlsx hoặc .csv")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="xlsx")
    p.add_argument("--what", choices=EXPORT_WHAT, required=True)
    p.add_argument("--month", help="tháng YYYY-MM (danh sách chi trả, niêm yết, thống kê)")
    p.add_argument("--from", dest="start", help="thống kê: từ tháng YYYY-MM")
    p.add_argument("--to", dest="end", help="thống kê: đến tháng YYYY-MM")
    p.add_argument(
        "--applicants", action="store_true", help="niêm yết: người đề nghị thay vì người hưởng"
    )
    p.add_argument("out", help="tệp kết quả")
    p.set_defaults(handler=cmd_export)
