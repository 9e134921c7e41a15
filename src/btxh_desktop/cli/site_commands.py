"""`btxh init` and `btxh check`."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, open_for
from btxh_desktop.domain.codes import SiteType


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        info = services.site.initialise(
            SiteType(args.site_type), args.site_code, args.site_name or "", args.commune
        )
    finally:
        services.close()
    out.emit(
        {"site_type": info.site_type.value, "site_code": info.site_code, "name": info.site_name},
        out.t("cli.init.done", name=info.site_name, code=info.site_code),
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        report = services.site.check()
    finally:
        services.close()

    def text() -> str:
        lines = [
            out.t("cli.check.integrity", result=report.integrity),
            out.t(
                "cli.check.schema", revision=report.schema_revision or "-", head=report.schema_head
            ),
            out.t("cli.check.pending", count=report.pending_changes),
        ]
        lines += [f"  {entity}: {count}" for entity, count in report.counts.items()]
        return "\n".join(lines)

    out.emit({**asdict(report), "ok": report.ok}, text)
    return EXIT_OK if report.ok else EXIT_PROBLEM


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "init", help="khởi tạo cơ sở dữ liệu cho một xã hoặc một cơ sở"
    )
    p.add_argument("--site-type", required=True, choices=[t.value for t in SiteType])
    p.add_argument("--site-code", required=True, help="mã xã/phường 2025, hoặc mã cơ sở")
    p.add_argument("--site-name")
    p.add_argument("--commune", help="mã xã/phường nơi đặt cơ sở (với --site-type facility)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("check", help="kiểm tra toàn vẹn, phiên bản lược đồ, số bản ghi")
    p.set_defaults(handler=cmd_check)
