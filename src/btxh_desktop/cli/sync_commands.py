"""`btxh sync`: the same sync as the app, for a scheduled weekly task or by hand.

btxh sync login --server https://btxh.tinh.gov.vn --username xa26740
btxh sync                      # push, pull, check (what the weekly task runs)
btxh sync status | history | conflicts | rejected
btxh sync resolve ID --keep | --proposed | --value TEXT
btxh sync resend SEQ | discard SEQ
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from btxh_desktop.cli.common import EXIT_OK, EXIT_PROBLEM, Output, open_for, read_secret
from btxh_desktop.services.container import Services
from btxh_desktop.services.sync import SyncRunView
from btxh_desktop.sync.engine import Progress
from btxh_desktop.sync.errors import SyncError

SYNC_PASSWORD_ENV = "BTXH_SYNC_PASSWORD"


def _with_services(args: argparse.Namespace, out: Output, action: Any) -> int:
    services = open_for(args)
    try:
        code: int = action(services)
        return code
    except SyncError as exc:
        out.error(exc.code, **dict(exc.params))
        return EXIT_PROBLEM
    finally:
        services.close()


def _run_text(out: Output, run: SyncRunView) -> str:
    return out.t(
        "sync.cli.done",
        pushed=run.pushed,
        pulled=run.pulled,
        conflicts=run.conflicts,
        rejected=run.rejected,
        round_trips=run.round_trips,
    )


def cmd_run(args: argparse.Namespace, out: Output) -> int:
    def progress(step: Progress) -> None:
        line = {"stage": step.stage.value, "done": step.done, "total": step.total}
        print(json.dumps(line), file=sys.stderr, flush=True)

    def action(services: Services) -> int:
        if args.batch_size or args.page_size:
            services.sync.configure(batch_size=args.batch_size, page_size=args.page_size)
        run = services.sync.run(progress if args.progress else None, trigger=args.trigger)
        out.emit(run, _run_text(out, run))
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_login(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        services.sync.configure(server_url=args.server, username=args.username)
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            prompt = out.t("sync.cli.password", username=args.username)
            password = read_secret(SYNC_PASSWORD_ENV, prompt)
        info = services.sync.login(password)
        out.emit(
            {"scopes": list(info.scopes), "server_id": info.server_id},
            out.t("sync.cli.logged_in", username=args.username, scopes=", ".join(info.scopes)),
        )
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_logout(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        services.sync.logout()
        out.emit({"logged_out": True}, out.t("sync.cli.logged_out"))
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_config(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        settings = services.sync.configure(
            server_url=args.server,
            username=args.username,
            interval_minutes=args.interval,
            batch_size=args.batch_size,
            page_size=args.page_size,
        )
        out.emit(
            settings,
            out.t(
                "sync.cli.config",
                server=settings.server_url or "-",
                username=settings.username or "-",
                interval=settings.interval_minutes,
            ),
        )
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        status = services.sync.status()

        def text() -> str:
            lines = [
                out.t(
                    "sync.cli.server",
                    server=status.server_url or "-",
                    username=status.username or "-",
                ),
                out.t("sync.cli.pending", count=status.pending),
                out.t("sync.cli.rejected_count", count=status.rejected),
                out.t("sync.cli.conflict_count", count=status.open_conflicts),
                out.t(
                    "sync.cli.last_success",
                    when=status.last_success.isoformat(" ", "seconds")
                    if status.last_success
                    else "-",
                ),
                out.t("sync.state.synced" if status.synced else "sync.state.not_synced"),
            ]
            return "\n".join(lines)

        out.emit({**status.__dict__, "synced": status.synced}, text)
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_history(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        runs = services.sync.history(args.limit)

        def text() -> str:
            lines = []
            for run in runs:
                when = run.started_at.isoformat(" ", "seconds")
                what = out.t(f"sync.outcome.{run.outcome}")
                if run.error_code:
                    what += f" — {out.t(run.error_code, **run.error_params)}"
                lines.append(f"{when}  {what}  {_run_text(out, run)}")
            return "\n".join(lines) or out.t("sync.cli.no_history")

        out.emit(runs, text)
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_conflicts(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        items = services.sync.conflicts(include_resolved=args.all)

        def text() -> str:
            lines = [
                out.t(
                    "sync.cli.conflict_line",
                    id=c.id,
                    label=c.record_label,
                    field=c.field,
                    kept=json.dumps(c.kept_value, ensure_ascii=False),
                    kept_by=c.kept_by,
                    proposed=json.dumps(c.proposed_value, ensure_ascii=False),
                    proposed_by=c.proposed_by,
                )
                for c in items
            ]
            return "\n".join(lines) or out.t("sync.cli.no_conflicts")

        out.emit(items, text)
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_resolve(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        chosen = next((c for c in services.sync.conflicts() if c.id == args.conflict_id), None)
        if chosen is None:
            out.error("sync.conflict_not_found")
            return EXIT_PROBLEM
        if args.keep:
            value = chosen.kept_value
        elif args.proposed:
            value = chosen.proposed_value
        else:
            value = services.sync.parse_value(chosen.id, args.value)
        services.sync.resolve_conflict(chosen.id, value)
        out.emit({"resolved": chosen.id}, out.t("sync.cli.resolved", field=chosen.field))
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_rejected(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        items = services.sync.rejected()

        def text() -> str:
            lines = [
                f"{r.seq}  {r.record_label}  {r.op}  "
                f"{out.t(r.message_code, **r.detail)} ({', '.join(r.fields) or '-'})"
                for r in items
            ]
            return "\n".join(lines) or out.t("sync.cli.no_rejected")

        out.emit(items, text)
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_resend(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        services.sync.resend(args.seq)
        out.emit({"resent": args.seq}, out.t("sync.cli.resent"))
        return EXIT_OK

    return _with_services(args, out, action)


def cmd_discard(args: argparse.Namespace, out: Output) -> int:
    def action(services: Services) -> int:
        services.sync.discard(args.seq)
        out.emit({"discarded": args.seq}, out.t("sync.cli.discarded"))
        return EXIT_OK

    return _with_services(args, out, action)


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "sync", help="đồng bộ với máy chủ tỉnh (mặc định: đẩy lên, tải về, kiểm tra)"
    )
    p.add_argument("--progress", action="store_true", help="in tiến độ (JSON) ra stderr")
    p.add_argument("--batch-size", type=int, help="số thay đổi mỗi lần gửi")
    p.add_argument("--page-size", type=int, help="số thay đổi mỗi trang tải về")
    p.add_argument("--trigger", default="cli", choices=("cli", "scheduled", "manual"))
    p.set_defaults(handler=cmd_run)
    commands = p.add_subparsers(dest="sync_command")
    commands.add_parser("run", help="đồng bộ ngay").set_defaults(handler=cmd_run)

    q = commands.add_parser("login", help="đăng nhập máy chủ (lưu mã làm mới vào keyring)")
    q.add_argument("--server", required=True, help="địa chỉ máy chủ, ví dụ https://…")
    q.add_argument("--username", required=True)
    q.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ stdin")
    q.set_defaults(handler=cmd_login)

    commands.add_parser("logout", help="đăng xuất máy chủ").set_defaults(handler=cmd_logout)

    q = commands.add_parser("config", help="cấu hình đồng bộ")
    q.add_argument("--server")
    q.add_argument("--username")
    q.add_argument("--interval", type=int, help="phút giữa hai lần tự đồng bộ")
    q.add_argument("--batch-size", type=int)
    q.add_argument("--page-size", type=int)
    q.set_defaults(handler=cmd_config)

    commands.add_parser("status", help="tình trạng đồng bộ").set_defaults(handler=cmd_status)

    q = commands.add_parser("history", help="lịch sử đồng bộ")
    q.add_argument("--limit", type=int, default=20)
    q.set_defaults(handler=cmd_history)

    q = commands.add_parser("conflicts", help="các xung đột cần xử lý")
    q.add_argument("--all", action="store_true", help="cả những xung đột đã xử lý")
    q.set_defaults(handler=cmd_conflicts)

    q = commands.add_parser("resolve", help="xử lý một xung đột")
    q.add_argument("conflict_id")
    choice = q.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="giữ giá trị máy chủ đang có")
    choice.add_argument("--proposed", action="store_true", help="lấy giá trị bên kia đề xuất")
    choice.add_argument("--value", help="nhập giá trị khác")
    q.set_defaults(handler=cmd_resolve)

    commands.add_parser("rejected", help="thay đổi bị máy chủ từ chối").set_defaults(
        handler=cmd_rejected
    )
    q = commands.add_parser("resend", help="gửi lại một thay đổi bị từ chối (sau khi sửa)")
    q.add_argument("seq", type=int)
    q.set_defaults(handler=cmd_resend)
    q = commands.add_parser("discard", help="bỏ một thay đổi bị từ chối, lấy lại bản máy chủ")
    q.add_argument("seq", type=int)
    q.set_defaults(handler=cmd_discard)
