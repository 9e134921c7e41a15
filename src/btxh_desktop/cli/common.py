"""What every `btxh` command shares: output in Vietnamese/English/JSON, exit codes, and
opening the services on the chosen data folder."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from typing import Any

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.messages import render
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.gate import Gate, GateStatus

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_DATABASE = 3
EXIT_PROBLEM = 4

Handler = Callable[[argparse.Namespace, "Output"], int]


class Output:
    def __init__(self, as_json: bool, lang: str) -> None:
        self.as_json = as_json
        self.lang = lang

    def t(self, code: str, /, **params: object) -> str:
        return render(code, params, self.lang)

    def emit(self, payload: Any, text: str | Callable[[], str]) -> None:
        if self.as_json:
            print(json.dumps(payload, ensure_ascii=False, indent=2, default=json_default))
        else:
            print(text() if callable(text) else text)

    def error(self, code: str, /, **params: object) -> None:
        message = self.t(code, **params)
        if self.as_json:
            payload = {"error": code, "message": message, **params}
            print(json.dumps(payload, ensure_ascii=False, default=json_default), file=sys.stderr)
        else:
            print(f"{self.t('cli.error')}: {message}", file=sys.stderr)


def json_default(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def cli_actor() -> Actor:
    return Actor(username=getpass.getuser(), role=Role.ADMIN)


# For scheduled tasks only: a password in the environment can be read by other programs of the
# same Windows user and may end up in scripts. docs/security.md says how to limit the damage.
PASSWORD_ENV = "BTXH_PASSWORD"
NEW_PASSWORD_ENV = "BTXH_NEW_PASSWORD"
RECOVERY_KEY_ENV = "BTXH_RECOVERY_KEY"


def read_secret(env: str, prompt: str) -> str:
    """From the environment variable if set, else typed at a hidden prompt."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise DomainError("auth.password_required", variable=env)
    return getpass.getpass(prompt)


def read_new_password(args: argparse.Namespace) -> str:
    """A new password: from BTXH_NEW_PASSWORD, or typed twice."""
    if os.environ.get(NEW_PASSWORD_ENV) is not None:
        return os.environ[NEW_PASSWORD_ENV]
    first = read_secret(NEW_PASSWORD_ENV, render("cli.password.new", None, args.lang))
    again = read_secret(NEW_PASSWORD_ENV, render("cli.password.again", None, args.lang))
    if first != again:
        raise DomainError("password.mismatch", field="password")
    return first


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    if not args.user:
        raise DomainError("auth.user_required")
    prompt = render("cli.password.prompt", {"username": args.user}, args.lang)
    return args.user, read_secret(PASSWORD_ENV, prompt)


def open_for(args: argparse.Namespace) -> Services:
    """The services as the user named by `--user` (asking for the password), or, while the
    database has no accounts yet, as before accounts existed."""
    paths = AppPaths.resolve(args.data_dir)
    gate = Gate(paths)
    status = gate.status()
    if status is GateStatus.NEW:
        return open_services(paths, cli_actor())
    if status is GateStatus.KEYS_MISSING:
        raise DomainError("keys.missing")
    username, password = credentials(args)
    return gate.login(username, password)
