"""Nothing secret in settings or logs; TLS always verified, with an optional CA bundle."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.settings import SECRET_WORDS, Settings, load_settings
from btxh_desktop.storage import keys
from tests.security.conftest import PASSWORDS, SECRET_NAME, SECRET_NOTES, Installation

PEM = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n"


def test_tls_is_verified_by_default_and_a_provincial_ca_bundle_can_be_added(
    installation: Installation, tmp_path: Path
) -> None:
    admin = installation.login("quantri")
    assert admin.settings.get().tls_verify() is True
    bundle = tmp_path / "so-ldtbxh-ca.pem"
    bundle.write_text(PEM, "ascii")
    updated = admin.settings.update(ca_bundle=str(bundle))
    assert updated.tls_verify() == str(bundle.resolve())
    assert load_settings(installation.paths).tls_verify() == str(bundle.resolve())

    not_pem = tmp_path / "khong-phai.pem"
    not_pem.write_text("hello", "ascii")
    refusals = [
        (not_pem, "settings.ca_bundle_invalid"),
        (tmp_path / "x.pem", "settings.ca_bundle_missing"),
    ]
    for bad, code in refusals:
        with pytest.raises(DomainError) as refused:
            admin.settings.update(ca_bundle=str(bad))
        assert refused.value.code == code
    bundle.unlink()  # removed after it was set: an error, never "stop checking"
    with pytest.raises(DomainError) as missing:
        admin.settings.get().tls_verify()
    assert missing.value.code == "settings.ca_bundle_missing"


def test_settings_are_validated_and_unknown_keys_survive(installation: Installation) -> None:
    admin = installation.login("quantri")
    installation.paths.settings_file.write_text(
        json.dumps({"idle_lock_minutes": "nonsense", "ui_theme": "dark"}), "utf-8"
    )
    assert admin.settings.get().idle_lock_minutes == 10  # a bad value falls back
    assert admin.settings.update(idle_lock_minutes=15).idle_lock_minutes == 15
    assert json.loads(installation.paths.settings_file.read_text("utf-8"))["ui_theme"] == "dark"
    for bad in ({"idle_lock_minutes": 0}, {"idle_lock_minutes": True}, {"server_token": "x"}):
        with pytest.raises(DomainError):
            admin.settings.update(**bad)


def test_no_setting_is_named_like_a_secret() -> None:
    for f in dataclasses.fields(Settings):
        assert not any(word in f.name.replace("_", "") for word in SECRET_WORDS), f.name


def test_no_password_key_or_personal_data_reaches_plain_files_or_logs(
    installation: Installation, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    admin = installation.login("quantri")
    admin.ctx.database.engine.echo = True  # even with SQL echo on
    admin.people.get(installation.person_id)
    admin.people.create(PersonDraft(full_name="Người Trong Nhật Ký", health_notes=SECRET_NOTES))
    admin.accounts.reset_password("nhaplieu", "tam-thoi-trong-log")
    admin.backup.backup_now()
    key = admin.ctx.database.key
    assert key is not None
    admin.close()
    installation.opened.clear()

    secrets = [*PASSWORDS.values(), "tam-thoi-trong-log", installation.recovery_key]
    secrets += [key.hex(), key.hex().upper(), SECRET_NAME, SECRET_NOTES, "Người Trong Nhật Ký"]
    logged = caplog.text
    assert "SQL parameters hidden" in logged  # the echo did log statements…
    for secret in secrets:
        assert secret not in logged  # …but not one value
    data = installation.paths.data_dir
    plain = [data / "settings.json", keys.key_file_for(installation.paths.database)]
    plain += [keys.attempts_file_for(installation.paths.database)]
    plain += list(data.glob("logs/*")) + list(data.glob("backups/*.keys"))
    for path in plain:
        if path.exists():
            text = path.read_text("utf-8", errors="replace")
            for secret in secrets:
                assert secret not in text, path.name
