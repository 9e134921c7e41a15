"""An installation with accounts: a commune site with people (some with sensitive data),
encrypted when its administrator was created, plus a data-entry clerk and an approver."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.gate import Gate
from btxh_desktop.storage import keys
from tests.conftest import ADMIN, COMMUNE, TODAY

PASSWORDS = {
    "quantri": "Mật khẩu quản trị 2026",
    "nhaplieu": "nhap-lieu-an-toan",
    "pheduyet": "phe-duyet-an-toan",
}
SECRET_NAME = "Hoàng Thị Bí Mật"
SECRET_NOTES = "Điều trị ARV tại trung tâm y tế"


@dataclass
class Installation:
    paths: AppPaths
    recovery_key: str = field(repr=False)
    person_id: str
    opened: list[Services] = field(default_factory=list)

    def gate(self, **options: object) -> Gate:
        return Gate(self.paths, **options)  # type: ignore[arg-type]

    def login(self, username: str) -> Services:
        services = self.gate().login(username, PASSWORDS[username], today=lambda: TODAY)
        self.opened.append(services)
        return services


def make_plain_site(paths: AppPaths) -> str:
    """A plain (pre-accounts) database with one person carrying sensitive data."""
    services = open_services(paths, ADMIN, today=lambda: TODAY)
    try:
        services.site.initialise(SiteType.COMMUNE, COMMUNE)
        record = services.people.create(
            PersonDraft(
                full_name=SECRET_NAME,
                commune_code=COMMUNE,
                hiv_status="positive",
                health_notes=SECRET_NOTES,
                ethnicity_code="01",
            )
        )
        for i in range(5):
            services.people.create(PersonDraft(full_name=f"Người Thường {i}"))
    finally:
        services.close()
    return record.id


@pytest.fixture(scope="session")
def installed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """Built once (migrations and encryption take a second or two); each test gets a copy."""
    paths = AppPaths(tmp_path_factory.mktemp("template") / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "DEFAULT_KDF", keys.FAST_FOR_TESTS)
        person_id = make_plain_site(paths)
        first = Gate(paths).create_first_admin(
            "quantri", "Quản trị viên", PASSWORDS["quantri"], today=lambda: TODAY
        )
        admin = first.services
        admin.accounts.add_user("nhaplieu", "Nhập Liệu", Role.DATA_ENTRY, PASSWORDS["nhaplieu"])
        admin.accounts.add_user("pheduyet", "Phê Duyệt", Role.APPROVER, PASSWORDS["pheduyet"])
        admin.close()
    return paths.data_dir, first.recovery_key, person_id


@pytest.fixture
def installation(
    paths: AppPaths, installed_template: tuple[Path, str, str]
) -> Iterator[Installation]:
    template, recovery_key, person_id = installed_template
    shutil.copytree(template, paths.data_dir)
    setup = Installation(paths, recovery_key, person_id)
    yield setup
    for services in setup.opened:
        services.close()


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]
