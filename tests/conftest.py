"""Shared fixtures: a real SQLite database in a temp folder, opened through the services."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never look for a display, in any test (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("BTXH_DATA_DIR", None)

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.storage import keys

TODAY = dt.date(2026, 11, 16)
COMMUNE = "26740"  # Phường Sài Gòn, TP. Hồ Chí Minh (2025 code)
ADMIN = Actor("quantri", Role.ADMIN, "Quản trị")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "ui" in path.parts:
            item.add_marker(pytest.mark.gui)
        if "e2e" in path.parts:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords are wrapped with a cheap Argon2id in tests (the real one costs 0.5 s and
    256 MiB per wrap). Only the `strong_kdf` fixture's test sees the shipped default."""
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.FAST_FOR_TESTS)


@pytest.fixture
def strong_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.STRONG)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir)


@pytest.fixture
def services(paths: AppPaths) -> Iterator[Services]:
    """Services on a fresh commune site, with a fixed 'today'."""
    svc = open_services(paths, ADMIN, today=lambda: TODAY)
    svc.site.initialise(SiteType.COMMUNE, COMMUNE)
    yield svc
    svc.close()


@pytest.fixture
def facility_services(paths: AppPaths) -> Iterator[Services]:
    svc = open_services(paths, ADMIN, today=lambda: TODAY)
    svc.site.initialise(SiteType.FACILITY, "TTBTXH01", "Trung tâm Bảo trợ xã hội tỉnh", COMMUNE)
    yield svc
    svc.close()
