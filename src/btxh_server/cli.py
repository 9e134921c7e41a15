"""`btxh-server`: run the central server and administer its accounts.

    btxh-server --db sqlite:///central.db                       # migrate and serve on :8080
    btxh-server --db postgresql+psycopg://u@host/btxh --port 9000
    btxh-server --db … user add --username xa26740 --scope commune:26740
    btxh-server --db … facility add --code TTBTXH01 --province 79
    btxh-server --db … bundle import xa26740.btxhb --answer xa26740-tra-loi.btxhb
    btxh-server openapi --output docs/openapi.json

The database URL may also come from BTXH_SERVER_DB. Passwords are read from the terminal,
or from standard input with --password-stdin (one line), never from the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.messages import render
from btxh_desktop.sync.bundle import BundleError
from btxh_server import __version__, logs
from btxh_server.accounts import AccountError, Accounts, AuthSettings
from btxh_server.app import ServerSettings, create_app
from btxh_server.bundle import BundleDesk
from btxh_server.db import make_engine, migrate
from btxh_server.scopes import ScopeRules

DEFAULT_DB = "sqlite:///central.db"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="btxh-server", description="BTXH central sync server")
    parser.add_argument("--version", action="version", version=f"btxh-server {__version__}")
    parser.add_argument(
        "--db",
        default=os.environ.get("BTXH_SERVER_DB", DEFAULT_DB),
        help="database URL: sqlite:///FILE (default central.db) or postgresql+psycopg://…",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--port-file", type=Path, help="write the port actually bound here")
    parser.add_argument("--no-migrate", action="store_true", help="refuse an old schema")
    parser.add_argument("--access-ttl", type=int, default=900, help="seconds")
    parser.add_argument("--refresh-ttl", type=int, default=60 * 86400, help="seconds")
    parser.add_argument(
        "--refresh-reuse-grace",
        type=int,
        default=120,
        help="seconds a rotated refresh token still works (a client killed mid-refresh)",
    )
    parser.add_argument("--login-attempts", type=int, default=5)
    parser.add_argument("--login-window", type=int, default=300, help="seconds")
    parser.add_argument("--argon2-memory-kib", type=int, default=65536)
    parser.add_argument("--argon2-time-cost", type=int, default=3)
    parser.add_argument("--log-level", default="info", choices=("debug", "info", "warning"))
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="run the server (the default)")
    sub.add_parser("migrate", help="bring the database schema up to date")

    user = sub.add_parser("user", help="accounts").add_subparsers(
        dest="user_command", required=True
    )
    p = user.add_parser("add", help="create an account bound to scopes")
    p.add_argument("--username", required=True)
    p.add_argument(
        "--scope",
        action="append",
        required=True,
        help="commune:CODE, facility:CODE or province:CODE (repeatable)",
    )
    p.add_argument("--password-stdin", action="store_true")
    p = user.add_parser("scopes", help="replace an account's scopes")
    p.add_argument("--username", required=True)
    p.add_argument("--scope", action="append", required=True)
    p = user.add_parser("password", help="set a new password (signs the account out)")
    p.add_argument("--username", required=True)
    p.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable"):
        user.add_parser(name, help=f"{name} an account").add_argument("--username", required=True)
    user.add_parser("list", help="accounts and their scopes")

    facility = sub.add_parser("facility", help="facilities").add_subparsers(
        dest="facility_command", required=True
    )
    p = facility.add_parser("add", help="register a facility in a province")
    p.add_argument("--code", required=True)
    p.add_argument("--province", required=True)
    p.add_argument("--name", default="")

    bundle = sub.add_parser("bundle", help="offline sync bundles (USB)").add_subparsers(
        dest="bundle_command", required=True
    )
    p = bundle.add_parser("key", help="print an account's bundle code, for its PCs")
    p.add_argument("--username", required=True)
    p = bundle.add_parser("import", help="apply a PC's bundle and write the answer bundle")
    p.add_argument("input", type=Path)
    p.add_argument("--answer", type=Path, required=True, help="where to write the answer")

    p = sub.add_parser("openapi", help="print the OpenAPI schema")
    p.add_argument("--output", type=Path)
    return parser


def settings_from(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings(
        auth=AuthSettings(
            access_ttl=dt.timedelta(seconds=args.access_ttl),
            refresh_ttl=dt.timedelta(seconds=args.refresh_ttl),
            refresh_reuse_grace=dt.timedelta(seconds=args.refresh_reuse_grace),
            max_login_failures=args.login_attempts,
            login_window=dt.timedelta(seconds=args.login_window),
            argon2_time_cost=args.argon2_time_cost,
            argon2_memory_kib=args.argon2_memory_kib,
        )
    )


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AccountError("the passwords differ")
    return first


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    engine = make_engine(args.db, pool_size=20)
    if not args.no_migrate:
        migrate(engine)
    app = create_app(engine, settings_from(args))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Inherited by accepted connections: uvicorn writes a response's head and body
    # separately, and without this each keep-alive request waits out a delayed ACK (~40 ms).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    if args.port_file:
        partial = args.port_file.with_suffix(".part")
        partial.write_text(str(port))
        partial.replace(args.port_file)
    logs.event("server.listening", host=args.host, port=port)
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        timeout_keep_alive=30,
        limit_concurrency=500,
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = getattr(logging, args.log_level.upper())
    logs.configure(level=level)
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = logging.getLogger(logs.LOGGER_NAME).handlers
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    command = args.command or "serve"
    if command == "serve":
        return serve(args)
    if command == "openapi":
        return print_openapi(args)
    engine = make_engine(args.db, pool_size=2)
    try:
        if command == "migrate":
            migrate(engine)
            print("schema up to date")
            return 0
        migrate(engine)
        rules = ScopeRules(engine, ReferenceData.load())
        if command == "bundle":
            return bundle_command(args, BundleDesk(engine, rules))
        if command == "facility":
            rules.add_facility(args.code, args.province, args.name)
            print(f"facility {args.code} in province {args.province}")
            return 0
        accounts = Accounts(engine, rules, settings_from(args).auth)
        return user_command(args, accounts)
    except (AccountError, ValueError) as exc:
        print(f"btxh-server: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def user_command(args: argparse.Namespace, accounts: Accounts) -> int:
    match args.user_command:
        case "add":
            accounts.add_user(args.username, read_password(args.password_stdin), args.scope)
            print(f"user {args.username}: {', '.join(accounts.validate_scopes(args.scope))}")
        case "scopes":
            accounts.set_scopes(args.username, args.scope)
            print(f"user {args.username}: {', '.join(accounts.validate_scopes(args.scope))}")
        case "password":
            accounts.set_password(args.username, read_password(args.password_stdin))
            print(f"user {args.username}: password changed, sessions ended")
        case "disable" | "enable":
            accounts.set_disabled(args.username, args.user_command == "disable")
            print(f"user {args.username}: {args.user_command}d")
        case "list":
            for username, scopes, disabled in accounts.list_users():
                flag = " (disabled)" if disabled else ""
                print(f"{username}{flag}: {', '.join(scopes)}")
    return 0


def bundle_command(args: argparse.Namespace, desk: BundleDesk) -> int:
    """In Vietnamese, like the PC's side: the office clerk reads the same words as the
    commune officer."""
    try:
        if args.bundle_command == "key":
            print(desk.key_code(args.username))
            return 0
        done = desk.import_file(args.input, args.answer)
    except BundleError as exc:
        print(f"btxh-server: {render(exc.code, exc.params)}", file=sys.stderr)
        return 2
    print(
        render(
            "bundle.server.imported",
            {
                "username": done.username,
                "scope": done.scope,
                "ops": sum(done.results.values()),
                "rejected": done.results.get("rejected", 0),
                "audit": done.audit_stored,
                "changes": done.changes,
                "answer": args.answer,
            },
        )
    )
    return 0


def openapi_document() -> dict[str, object]:
    """The schema as served, built on a throwaway database (the routes do not depend on it)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/schema.db", pool_size=1)
        try:
            migrate(engine)
            document: dict[str, object] = create_app(engine).openapi()
        finally:
            engine.dispose()
    return document


def print_openapi(args: argparse.Namespace) -> int:
    text = json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
