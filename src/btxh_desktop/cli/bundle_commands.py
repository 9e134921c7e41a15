"""`btxh bundle`: sync with no link at all, by a file carried to the province office.

btxh bundle key --username xa26740     # once: the code from `btxh-server bundle key`
btxh bundle export E:/xa26740.btxhb    # what waits to be sent, sealed
btxh bundle import E:/tra-loi.btxhb    # the office's answer: results, new data
btxh bundle relay E:/xa26740.btxhb --answer E:/tra-loi.btxhb   # on a PC with a link: carry
                                       # another PC's bundle to the server, under this PC's login
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, open_for, read_secret
from btxh_desktop.services.bundle import BundleService
from btxh_desktop.services.container import Services
from btxh_desktop.sync.errors import SyncError

BUNDLE_KEY_ENV = "BTXH_BUNDLE_KEY"


def _with_bundles(
    args: argparse.Namespace, out: Output, action: Callable[[BundleService], int]
) -> int:
    services: Services = open_for(args)
    try:
        return action(BundleService(services.ctx, services.sync))
    except SyncError as exc:
        out.error(exc.code, **dict(exc.params))
        return EXIT_PROBLEM
    finally:
        services.close()


def cmd_key(args: argparse.Namespace, out: Output) -> int:
    def action(bundles: BundleService) -> int:
        if args.key_stdin:
            code = sys.stdin.readline().strip()
        else:
            code = read_secret(
                BUNDLE_KEY_ENV, out.t("bundle.cli.key_prompt", username=args.username)
            )
        bundles.set_key(args.username, code)
        out.emit({"username": args.username}, out.t("bundle.cli.key_saved", username=args.username))
        return EXIT_OK

    return _with_bundles(args, out, action)


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    def action(bundles: BundleService) -> int:
        done = bundles.export(args.output)
        out.emit(
            done,
            out.t("bundle.cli.exported", ops=done.ops, audit=done.audit_entries, path=done.path),
        )
        return EXIT_OK

    return _with_bundles(args, out, action)


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    def action(bundles: BundleService) -> int:
        done = bundles.import_answer(args.answer)
        if done.already_imported:
            text = out.t("bundle.cli.already_imported")
        else:
            text = out.t(
                "bundle.cli.imported",
                settled=done.settled,
                rejected=done.rejected,
                conflicts=done.conflicts,
                pulled=done.pulled,
                pending=done.still_pending,
            )
        out.emit(done, text)
        return EXIT_OK

    return _with_bundles(args, out, action)


def cmd_relay(args: argparse.Namespace, out: Output) -> int:
    def action(bundles: BundleService) -> int:
        done = bundles.relay(args.bundle, args.answer)
        out.emit(
            done,
            out.t("bundle.cli.relayed", username=done.username, scope=done.scope, path=done.path),
        )
        return EXIT_OK

    return _with_bundles(args, out, action)


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "bundle", help="đồng bộ không cần mạng: gói dữ liệu mang lên tỉnh bằng USB"
    )
    commands = p.add_subparsers(dest="bundle_command", required=True)

    q = commands.add_parser("key", help="nhập mã gói đồng bộ do tỉnh cấp cho tài khoản")
    q.add_argument("--username", required=True, help="tài khoản máy chủ của xã")
    q.add_argument("--key-stdin", action="store_true", help="đọc mã từ stdin")
    q.set_defaults(handler=cmd_key)

    q = commands.add_parser("export", help="xuất các thay đổi chờ gửi ra một tệp đã mã hóa")
    q.add_argument("output", type=Path, help="tệp gói sẽ ghi (ví dụ trên USB)")
    q.set_defaults(handler=cmd_export)

    q = commands.add_parser("import", help="nhập gói trả lời từ tỉnh")
    q.add_argument("answer", type=Path, help="tệp gói trả lời")
    q.set_defaults(handler=cmd_import)

    q = commands.add_parser(
        "relay",
        help="máy có mạng chuyển gói của máy khác lên máy chủ (bằng đăng nhập của máy này)",
    )
    q.add_argument("bundle", type=Path, help="tệp gói do máy kia xuất")
    q.add_argument("--answer", type=Path, required=True, help="nơi ghi gói trả lời cho máy kia")
    q.set_defaults(handler=cmd_relay)
