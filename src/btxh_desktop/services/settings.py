"""Settings of this installation, in `settings.json` in the data folder.

Readable before anyone logs in (the lock screen needs the idle period), so the file is plain
JSON — and therefore holds nothing secret: no password, no token, no key. Server tokens belong
in the operating system's keyring (the sync service keeps them there). Keys this version does
not know are kept untouched when the file is rewritten, so an older and a newer app can share
a data folder.

TLS certificates are always verified; `ca_bundle` adds a provincial server's own certificate
authority (a PEM file) for servers not signed by a public one. `tls_verify()` is what the
sync service passes to `requests` as `verify`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.audit import AuditService
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage.backup import RotationPolicy
from btxh_desktop.storage.keys import write_atomically

# No setting may be named like a secret: this file is readable by anyone using the PC.
SECRET_WORDS = ("password", "passwd", "token", "secret", "credential", "private", "apikey")
PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----"


@dataclass(frozen=True)
class Settings:
    idle_lock_minutes: int = 10
    ca_bundle: str | None = None
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_manual: int = 10
    backup_keep_special_days: int = 30

    def rotation(self) -> RotationPolicy:
        return RotationPolicy(
            keep_daily=self.backup_keep_daily,
            keep_weekly=self.backup_keep_weekly,
            keep_manual=self.backup_keep_manual,
            keep_special_days=self.backup_keep_special_days,
        )

    def tls_verify(self) -> bool | str:
        """`verify=` for requests: True (the system's authorities), or the CA bundle's path.
        Never False: a missing bundle is an error, not a reason to stop checking."""
        if not self.ca_bundle:
            return True
        path = Path(self.ca_bundle)
        if not path.is_file():
            raise DomainError("settings.ca_bundle_missing", field="ca_bundle", path=str(path))
        return str(path)


# (smallest, largest) for each number.
_RANGES: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (1, 240),
    "backup_keep_daily": (1, 365),
    "backup_keep_weekly": (0, 520),
    "backup_keep_manual": (1, 1000),
    "backup_keep_special_days": (1, 3650),
}


def _looks_secret(name: str) -> bool:
    compact = name.lower().replace("_", "")
    return any(word in compact for word in SECRET_WORDS)


def _validated(name: str, value: Any) -> Any:
    if name == "ca_bundle":
        if value in (None, ""):
            return None
        path = Path(str(value)).expanduser()
        try:
            head = path.read_text("utf-8", errors="replace")[:65536]
        except OSError:
            raise DomainError("settings.ca_bundle_missing", field=name, path=str(path)) from None
        if PEM_CERTIFICATE not in head:
            raise DomainError("settings.ca_bundle_invalid", field=name, path=str(path))
        return str(path.resolve())
    low, high = _RANGES[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError("settings.out_of_range", field=name, name=name, low=low, high=high)
    return value


def _read_raw(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_settings(paths: AppPaths) -> Settings:
    """The saved settings; a missing, mangled or out-of-range value falls back to its default
    (the app must start even if someone edited the file badly)."""
    raw = _read_raw(paths.settings_file)
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        if f.name == "ca_bundle":
            # Kept even if the file has gone: `tls_verify` then says so, rather than quietly
            # checking against the public authorities only.
            if isinstance(raw[f.name], str) and raw[f.name]:
                values[f.name] = raw[f.name]
            continue
        try:
            values[f.name] = _validated(f.name, raw[f.name])
        except DomainError:
            continue
    return Settings(**values)


def save_settings(paths: AppPaths, settings: Settings) -> None:
    raw = _read_raw(paths.settings_file)
    raw.update(asdict(settings))
    for name in raw:
        if _looks_secret(name):
            raise ValueError(f"refusing to store a secret-looking setting: {name}")
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(paths.settings_file, json.dumps(raw, ensure_ascii=False, indent=2))


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> Settings:
        return load_settings(self.ctx.paths)

    def update(self, **changes: Any) -> Settings:
        require(self.ctx.actor, Permission.SETTINGS)
        known = {f.name for f in fields(Settings)}
        for name in changes:
            if name not in known:
                raise DomainError("settings.unknown", field=name, name=name)
        current = self.get()
        validated = {name: _validated(name, value) for name, value in changes.items()}
        changed = {k: v for k, v in validated.items() if getattr(current, k) != v}
        if not changed:
            return current
        updated = replace(current, **changed)
        save_settings(self.ctx.paths, updated)
        AuditService(self.ctx).record("update", "settings", None, changed)
        return updated
