"""`btxh` with accounts: as an officer or a scheduled task would use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from btxh_desktop.cli import main
from btxh_desktop.paths import AppPaths
from btxh_desktop.storage.engine import is_encrypted
from tests.security.conftest import PASSWORDS, make_plain_site
from tests.security.test_backups import damage


class Cli:
    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch):
        self.data = data
        self.capsys = capsys
        self.mp = mp
        self.printed: list[str] = []

    def __call__(
        self, *args: str, password: str | None = None, new_password: str | None = None
    ) -> tuple[int, str, str]:
        for name, value in (("BTXH_PASSWORD", password), ("BTXH_NEW_PASSWORD", new_password)):
            if value is None:
                self.mp.delenv(name, raising=False)
            else:
                self.mp.setenv(name, value)
        code = main(["--data-dir", str(self.data), *args])
        out, err = self.capsys.readouterr()
        self.printed += [out, err]
        return code, out, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(tmp_path / "data", capsys, monkeypatch)


def test_accounts_backups_restore_and_audit_from_the_command_line(cli: Cli) -> None:
    make_plain_site(AppPaths(cli.data))
    code, out, _ = cli("--json", "admin", "create", "--username", "quantri",
                       new_password=PASSWORDS["quantri"])  # fmt: skip
    assert code == 0
    recovery = json.loads(out)["recovery_key"]
    assert is_encrypted(cli.data / "btxh.db")

    code, _, err = cli("check")
    assert code == 2 and "--user" in err
    code, _, err = cli("--user", "quantri", "check", password="sai-mat-khau")
    assert code == 2 and "Sai tên đăng nhập hoặc mật khẩu" in err
    code, _, err = cli("--user", "quantri", "check")  # no password given, no terminal to ask
    assert code == 2 and "BTXH_PASSWORD" in err

    admin = {"password": PASSWORDS["quantri"]}
    assert cli("--user", "quantri", "check", **admin)[0] == 0
    code, _, _ = cli("--user", "quantri", "user", "add", "nhaplieu", "--role", "data_entry",
                     "--full-name", "Nhập Liệu", new_password="tam-thoi-123", **admin)  # fmt: skip
    assert code == 0
    code, out, _ = cli("--json", "--user", "quantri", "user", "list", **admin)
    assert {u["username"]: u["role"] for u in json.loads(out)} == {
        "quantri": "admin",
        "nhaplieu": "data_entry",
    }
    code, _, _ = cli("--user", "nhaplieu", "user", "passwd", password="tam-thoi-123",
                     new_password=PASSWORDS["nhaplieu"])  # fmt: skip
    assert code == 0
    clerk = {"password": PASSWORDS["nhaplieu"]}

    code, out, _ = cli("--json", "--user", "nhaplieu", "backup", **clerk)
    assert code == 0
    backup = json.loads(out)["path"]
    code, _, err = cli("--lang", "en", "--user", "nhaplieu", "restore", backup, **clerk)
    assert code == 2 and "may not do this" in err
    code, out, _ = cli("--user", "quantri", "restore", backup, **admin)
    assert code == 0 and "Đã khôi phục" in out

    code, out, _ = cli("--user", "quantri", "audit", "--verify", **admin)
    assert code == 0 and "nguyên vẹn" in out
    code, out, _ = cli("--json", "--user", "quantri", "audit", "--user", "nhaplieu", **admin)
    assert {e["username"] for e in json.loads(out)} == {"nhaplieu"}
    code, _, err = cli("--user", "nhaplieu", "audit", **clerk)
    assert code == 2

    # A damaged file: every command says so and names the backup; an admin restores it.
    damage(cli.data / "btxh.db")
    code, _, err = cli("--user", "nhaplieu", "check", **clerk)
    assert code == 3 and "backups" in err
    code, out, _ = cli("--user", "quantri", "restore", backup, **admin)
    assert code == 0
    assert cli("--user", "nhaplieu", "check", **clerk)[0] == 0

    # A forgotten administrator password, and the recovery key on paper.
    cli.mp.setenv("BTXH_RECOVERY_KEY", recovery)
    code, _, _ = cli("admin", "recover", "--username", "quantri", new_password="moi-hoan-toan")
    assert code == 0
    assert cli("--user", "quantri", "check", password="moi-hoan-toan")[0] == 0

    everything = "\n".join(cli.printed)
    for secret in (*PASSWORDS.values(), "tam-thoi-123", "moi-hoan-toan"):
        assert secret not in everything
    assert everything.count(recovery) == 1  # shown once, when it was made
