"""Where the app keeps its files, and where it finds the files it ships with.

Data, backups and logs follow the platform's conventions (platformdirs) unless `--data-dir`
or `BTXH_DATA_DIR` points elsewhere (tests, portable installs, several sites on one PC).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "BTXH Desktop"
APP_AUTHOR = "BTXH"
DATA_DIR_ENV = "BTXH_DATA_DIR"


def bundled_root() -> Path:
    """The folder holding `resources/` and `migrations/`: the source checkout, or the
    PyInstaller bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return bundled_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    return bundled_root() / "migrations"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            return cls(Path(chosen).expanduser().resolve())
        return cls(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))

    @property
    def database(self) -> Path:
        return self.data_dir / "btxh.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def attachments(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.json"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.backups, self.logs, self.attachments):
            folder.mkdir(parents=True, exist_ok=True)
        return self
