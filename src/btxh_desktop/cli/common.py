"""What every `btxh` command shares: output in Vietnamese/English/JSON, exit codes, and
opening the services on the chosen data folder."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from typing import Any

from btxh_desktop.domain.codes import Role
from btxh_desktop.messages import render
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor

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


def open_for(args: argparse.Namespace) -> Services:
    return open_services(AppPaths.resolve(args.data_dir), cli_actor())
