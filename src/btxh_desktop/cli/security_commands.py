"""`btxh admin`, `btxh user`, `btxh backup`, `btxh restore` and `btxh audit`.

Passwords are typed at a hidden prompt, or taken from BTXH_PASSWORD (the logging-in user),
BTXH_NEW_PASSWORD (a password being set) and BTXH_RECOVERY_KEY, for scheduled tasks.
Nothing secret is ever printed, except the recovery key, once, when it is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from btxh_desktop.cli.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    RECOVERY_KEY_ENV,
    Output,
    cli_actor,
    credentials,
    open_for,
    read_new_password,
    read_secret,
)
from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.accounts import UserInfo
from btxh_desktop.services.audit import AuditFilter, AuditRecord
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.gate import Gate, GateStatus
from btxh_desktop.storage.backup import BackupInfo


def _gate(args: argparse.Namespace) -> Gate:
    return Gate(AppPaths.resolve(args.data_dir))


def _recovery_key(args: argparse.Namespace) -> str:
    return read_secret(RECOVERY_KEY_ENV, Output(False, args.lang).t("cli.recovery.prompt"))


# ---------------------------------------------------------------- admin


def cmd_admin_create(args: argparse.Namespace, out: Output) -> int:
    gate = _gate(args)
    password = read_new_password(args)
    first = gate.create_first_admin(args.username, args.full_name or "", password)
    first.services.close()
    user = first.services.ctx.actor.username
    out.emit(
        {"username": user, "recovery_key": first.recovery_key},
        lambda: "\n".join(
            [
                out.t("cli.admin.created", username=user),
                "",
                f"    {first.recovery_key}",
                "",
                out.t("cli.admin.recovery_key_once"),
            ]
        ),
    )
    return EXIT_OK


def cmd_admin_recover(args: argparse.Namespace, out: Output) -> int:
    gate = _gate(args)
    recovery = _recovery_key(args)
    password = read_new_password(args)
    gate.reset_password_with_recovery_key(recovery, args.username, password)
    out.emit({"username": args.username}, out.t("cli.admin.recovered", username=args.username))
    return EXIT_OK


def cmd_admin_recovery_key(args: argparse.Namespace, out: Output) -> int:
    username, password = credentials(args)
    services = _gate(args).login(username, password)
    try:
        recovery = services.accounts.new_recovery_key(password)
    finally:
        services.close()
    out.emit(
        {"recovery_key": recovery},
        lambda: "\n".join(["", f"    {recovery}", "", out.t("cli.admin.recovery_key_once")]),
    )
    return EXIT_OK


# ---------------------------------------------------------------- users


def _user_json(user: UserInfo) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role.value,
        "active": user.active,
        "must_change_password": user.must_change_password,
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
    }


def _user_line(out: Output, user: UserInfo) -> str:
    state = out.t("cli.user.active" if user.active else "cli.user.disabled")
    role = out.t(f"role.{user.role.value}")
    return f"{user.username:<20} {role:<14} {state:<12} {user.full_name}"


def cmd_user_list(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        users = services.accounts.list_users()
    finally:
        services.close()
    out.emit([_user_json(u) for u in users], lambda: "\n".join(_user_line(out, u) for u in users))
    return EXIT_OK


def _one_user(args: argparse.Namespace, out: Output, user: UserInfo, code: str) -> int:
    out.emit(_user_json(user), out.t(code, username=user.username))
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        password = read_new_password(args)
        user = services.accounts.add_user(args.username, args.full_name or "", args.role, password)
    finally:
        services.close()
    return _one_user(args, out, user, "cli.user.added")


def cmd_user_role(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        user = services.accounts.set_role(args.username, args.role)
    finally:
        services.close()
    return _one_user(args, out, user, "cli.user.role_set")


def cmd_user_disable(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        user = services.accounts.disable_user(args.username)
    finally:
        services.close()
    return _one_user(args, out, user, "cli.user.disabled_done")


def cmd_user_enable(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        user = services.accounts.enable_user(args.username, read_new_password(args))
    finally:
        services.close()
    return _one_user(args, out, user, "cli.user.enabled")


def cmd_user_passwd(args: argparse.Namespace, out: Output) -> int:
    """Without a name: change your own password. With one: an administrator sets a
    temporary password that user must change."""
    username, password = credentials(args)
    services = _gate(args).login(username, password)
    try:
        new = read_new_password(args)
        if args.username:
            services.accounts.reset_password(args.username, new)
        else:
            services.accounts.change_password(password, new)
    finally:
        services.close()
    target = args.username or username
    out.emit({"username": target}, out.t("cli.user.password_set", username=target))
    return EXIT_OK


# ---------------------------------------------------------------- backup and restore


def _backup_json(info: BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "kind": info.kind.value,
        "created_at": info.created_at.isoformat(),
        "size_bytes": info.size_bytes,
    }


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        if args.list:
            backups = services.backup.list_backups()
            out.emit(
                [_backup_json(b) for b in backups],
                lambda: "\n".join(
                    f"{b.created_at:%Y-%m-%d %H:%M}  {b.kind.value:<12} {b.path}" for b in backups
                ),
            )
            return EXIT_OK
        info = services.backup.backup_now(Path(args.to) if args.to else None)
    finally:
        services.close()
    out.emit(_backup_json(info), out.t("cli.backup.done", path=str(info.path)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    source = Path(args.file).expanduser().resolve()
    paths = AppPaths.resolve(args.data_dir)
    gate = Gate(paths)
    status = gate.status()
    if status is GateStatus.KEYS_MISSING:
        raise DomainError("keys.missing")
    if status is GateStatus.NEW:
        if not paths.database.exists():
            gate.restore_onto_new_pc(source)
            out.emit({"restored": str(source)}, out.t("cli.restore.new_pc", path=str(source)))
            return EXIT_OK
        services = open_services(paths, cli_actor())
        return _restore_with(services, source, out)
    if args.with_recovery_key:
        unlocked = gate.unlock_with_recovery_key(_recovery_key(args))
    else:
        username, password = credentials(args)
        unlocked = gate.unlock(username, password)
    check = gate.startup_check(unlocked)
    if check.ok:
        if unlocked.via_recovery:
            raise DomainError("database.not_damaged")
        return _restore_with(gate.open(unlocked), source, out)
    kept = gate.restore_damaged(unlocked, source)
    out.emit(
        {"restored": str(source), "damaged_copy": str(kept)},
        out.t("cli.restore.done", path=str(source), safety=str(kept)),
    )
    return EXIT_OK


def _restore_with(services: Services, source: Path, out: Output) -> int:
    try:
        result = services.backup.restore(source)
    finally:
        services.close()
    out.emit(
        {"restored": str(result.restored_from), "safety_copy": str(result.safety_copy)},
        out.t("cli.restore.done", path=str(result.restored_from), safety=str(result.safety_copy)),
    )
    return EXIT_OK


# ---------------------------------------------------------------- audit


def _moment(text: str) -> dt.datetime:
    """A date or date-time the officer typed, in local time, as the log's UTC."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise DomainError("date.unreadable", value=text) from None
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _audit_line(r: AuditRecord) -> str:
    fields = ",".join(r.fields)
    return (
        f"{r.seq:>7}  {_local(r.at)}  {r.username:<16} {r.action:<14} {r.entity:<20}"
        f" {r.record_id or '-':<36} {fields}"
    )


def cmd_audit(args: argparse.Namespace, out: Output) -> int:
    services = open_for(args)
    try:
        if args.verify:
            report = services.audit.verify_chain()
            if report.ok:
                text = out.t("cli.audit.chain_ok", count=report.entries)
            else:
                text = out.t(
                    "cli.audit.chain_broken", seq=report.broken_at, reason=report.reason or ""
                )
            out.emit(
                {
                    "ok": report.ok,
                    "entries": report.entries,
                    "broken_at": report.broken_at,
                    "reason": report.reason,
                },
                text,
            )
            return EXIT_OK if report.ok else EXIT_PROBLEM
        filters = AuditFilter(
            username=args.audit_user,
            action=args.action,
            entity=args.entity,
            record_id=args.record,
            since=_moment(args.since) if args.since else None,
            until=_moment(args.until) if args.until else None,
            limit=args.limit,
        )
        records = services.audit.query(filters)
    finally:
        services.close()
    out.emit([r.to_wire() for r in records], lambda: "\n".join(_audit_line(r) for r in records))
    return EXIT_OK


# ---------------------------------------------------------------- parser


def register(sub: Any) -> None:
    roles = [r.value for r in Role]

    admin = sub.add_parser("admin", help="tài khoản quản trị: tạo lần đầu, khôi phục mật khẩu")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    p = admin_sub.add_parser("create", help="tạo quản trị viên đầu tiên và mã hoá dữ liệu")
    p.add_argument("--username", required=True)
    p.add_argument("--full-name")
    p.set_defaults(handler=cmd_admin_create)
    p = admin_sub.add_parser("recover", help="đặt mật khẩu mới bằng mã khôi phục")
    p.add_argument("--username", required=True)
    p.set_defaults(handler=cmd_admin_recover)
    p = admin_sub.add_parser("recovery-key", help="cấp mã khôi phục mới (mã cũ hết hiệu lực)")
    p.set_defaults(handler=cmd_admin_recovery_key)

    user = sub.add_parser("user", help="quản lý người dùng trên máy này")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    p = user_sub.add_parser("list", help="danh sách người dùng")
    p.set_defaults(handler=cmd_user_list)
    p = user_sub.add_parser("add", help="thêm người dùng")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=roles)
    p.add_argument("--full-name")
    p.set_defaults(handler=cmd_user_add)
    p = user_sub.add_parser("passwd", help="đổi mật khẩu của mình, hoặc đặt lại cho người khác")
    p.add_argument("username", nargs="?")
    p.set_defaults(handler=cmd_user_passwd)
    p = user_sub.add_parser("role", help="đổi vai trò")
    p.add_argument("username")
    p.add_argument("role", choices=roles)
    p.set_defaults(handler=cmd_user_role)
    p = user_sub.add_parser("disable", help="khoá tài khoản")
    p.add_argument("username")
    p.set_defaults(handler=cmd_user_disable)
    p = user_sub.add_parser("enable", help="mở lại tài khoản (với mật khẩu mới)")
    p.add_argument("username")
    p.set_defaults(handler=cmd_user_enable)

    p = sub.add_parser("backup", help="sao lưu ngay (đã mã hoá), hoặc liệt kê bản sao lưu")
    p.add_argument("--to", help="chép thêm bản sao lưu vào thư mục này (USB, ổ đĩa khác)")
    p.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục dữ liệu từ một bản sao lưu")
    p.add_argument("file")
    p.add_argument(
        "--with-recovery-key",
        action="store_true",
        help="dùng mã khôi phục (khi dữ liệu hỏng và không có mật khẩu quản trị)",
    )
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("audit", help="nhật ký truy cập và thay đổi (quản trị viên)")
    p.add_argument("--verify", action="store_true", help="kiểm tra chuỗi băm của nhật ký")
    p.add_argument("--user", dest="audit_user", help="chỉ thao tác của người dùng này")
    p.add_argument("--action")
    p.add_argument("--entity")
    p.add_argument("--record")
    p.add_argument("--since", help="từ thời điểm (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM)")
    p.add_argument("--until", help="trước thời điểm")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(handler=cmd_audit)
