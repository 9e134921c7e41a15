"""A stolen laptop (or a copied backup) gives nothing away without a user's password."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.accounts import LoginFailed
from btxh_desktop.services.container import open_services
from btxh_desktop.services.gate import Gate, GateStatus
from btxh_desktop.storage import keys
from btxh_desktop.storage.engine import DatabaseKeyError, is_encrypted, open_dbapi_connection
from tests.conftest import ADMIN, TODAY
from tests.security.conftest import (
    PASSWORDS,
    SECRET_NAME,
    SECRET_NOTES,
    Installation,
    files_under,
    make_plain_site,
)


def plain_sqlite_refuses(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()


def names_in(path: Path, key: bytes) -> set[str]:
    conn = open_dbapi_connection(path, key)
    try:
        return {r[0] for r in conn.execute("SELECT full_name FROM people")}
    finally:
        conn.close()


def test_database_wal_and_backup_are_unreadable_without_a_password(
    installation: Installation,
) -> None:
    clerk = installation.login("nhaplieu")
    backup = clerk.backup.backup_now().path
    # A write that stays in the WAL: this session keeps its connections open, so nothing
    # checkpoints it into the main file before we look.
    clerk.people.create(PersonDraft(full_name="Trần Văn Chưa Ghi Sổ"))
    db = installation.paths.database
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0

    for path in (db, wal, backup):
        content = path.read_bytes()
        for secret in (SECRET_NAME, "Trần Văn Chưa Ghi Sổ", "tran van chua ghi so", SECRET_NOTES):
            assert secret.encode() not in content, (path.name, secret)
    plain_sqlite_refuses(db)
    plain_sqlite_refuses(backup)
    with pytest.raises(DatabaseKeyError):
        open_dbapi_connection(backup, keys.new_database_key())
    with pytest.raises(LoginFailed):
        installation.gate().unlock("quantri", "not the password")

    # Every user's password, and the recovery key, open the live file and the backup.
    gate = installation.gate()
    unlocked = [gate.unlock(name, password) for name, password in PASSWORDS.items()]
    unlocked.append(gate.unlock_with_recovery_key(installation.recovery_key.lower()))
    for u in unlocked:
        assert SECRET_NAME in names_in(backup, u.key)
        assert "Trần Văn Chưa Ghi Sổ" in names_in(db, u.key)


def test_an_existing_plain_database_is_encrypted_and_no_plain_copy_lingers(
    paths: AppPaths,
) -> None:
    make_plain_site(paths)
    plain = open_services_for_backup(paths)
    assert not is_encrypted(paths.database)

    first = Gate(paths).create_first_admin("quantri", "", PASSWORDS["quantri"])
    services = first.services
    try:
        assert is_encrypted(paths.database)
        assert services.people.search("bi mat")[0].full_name == SECRET_NAME
        assert services.people.count() == 6
        assert services.audit.verify_chain().ok
    finally:
        services.close()
    # The backup taken while the database was plain is now encrypted too, under its name.
    assert plain.exists() and is_encrypted(plain)
    for path in files_under(paths.data_dir):
        assert SECRET_NAME.encode() not in path.read_bytes(), path.name
    assert not Path(f"{paths.database}.encrypting").exists()


def open_services_for_backup(paths: AppPaths) -> Path:
    services = open_services(paths, ADMIN)
    try:
        return services.backup.backup_now().path
    finally:
        services.close()


class Interrupted(Exception):
    pass


def test_an_encryption_cut_off_after_the_key_file_is_finished_at_the_next_login(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = make_plain_site(paths)

    def power_cut(self: Gate, key: bytes) -> None:
        raise Interrupted()

    with monkeypatch.context() as m:
        m.setattr(Gate, "_finish_encryption", power_cut)
        with pytest.raises(Interrupted):
            Gate(paths).create_first_admin("quantri", "", PASSWORDS["quantri"])
    assert not is_encrypted(paths.database)  # still the plain original…
    assert Gate(paths).status() is GateStatus.LOCKED  # …but accounts exist now

    services = Gate(paths).login("quantri", PASSWORDS["quantri"], today=lambda: TODAY)
    try:
        assert is_encrypted(paths.database)
        assert services.people.get(person_id).full_name == SECRET_NAME
    finally:
        services.close()
    for path in files_under(paths.data_dir):
        assert SECRET_NAME.encode() not in path.read_bytes(), path.name


def test_changing_a_password_rewraps_the_key_and_leaves_the_database_alone(
    installation: Installation,
) -> None:
    gate = installation.gate()
    before = gate.unlock("nhaplieu", PASSWORDS["nhaplieu"]).key
    salt = installation.paths.database.read_bytes()[:16]  # SQLCipher's per-file salt
    clerk = installation.login("nhaplieu")
    clerk.accounts.change_password(PASSWORDS["nhaplieu"], "mot-mat-khau-moi")
    clerk.close()

    assert gate.unlock("nhaplieu", "mot-mat-khau-moi").key == before
    with pytest.raises(LoginFailed):
        gate.unlock("nhaplieu", PASSWORDS["nhaplieu"])
    assert installation.paths.database.read_bytes()[:16] == salt


def test_a_key_file_edited_outside_the_app_is_replaced_by_its_backup_copy(
    installation: Installation,
) -> None:
    key_file = keys.key_file_for(installation.paths.database)
    data = json.loads(key_file.read_text("utf-8"))
    del data["users"]["pheduyet"]  # someone removes an account's key copy by hand
    key_file.write_text(json.dumps(data), "utf-8")

    admin = installation.login("quantri")
    assert "pheduyet" in keys.KeyFile.load(key_file).users  # restored from the backup copy
    restored = [r for r in admin.audit.query() if r.entity == "keys"]
    assert restored and restored[0].action == "restore"


def test_a_lost_key_file_is_taken_from_the_newest_backup(installation: Installation) -> None:
    key_file = keys.key_file_for(installation.paths.database)
    key_file.unlink()
    assert installation.gate().status() is GateStatus.LOCKED
    installation.login("quantri")
    assert key_file.exists()


def test_without_the_key_file_or_a_copy_the_data_stays_closed(installation: Installation) -> None:
    keys.key_file_for(installation.paths.database).unlink()
    for copy in installation.paths.backups.glob("*.keys"):
        copy.unlink()
    assert installation.gate().status() is GateStatus.KEYS_MISSING


def test_the_shipped_key_derivation_is_the_strong_one(paths: AppPaths, strong_kdf: None) -> None:
    """Argon2id at 256 MiB, 4 passes, 2 lanes (about 0.5 s on the reference PC; the
    benchmark prints the time). The default as shipped is read in a fresh interpreter, where
    no test fixture has swapped it."""
    shipped = subprocess.run(
        [
            sys.executable,
            "-c",
            "from btxh_desktop.storage import keys; p = keys.current_kdf();"
            " print(p.memory_kib, p.time_cost, p.parallelism)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shipped.stdout.split() == ["262144", "4", "2"]

    first = Gate(paths).create_first_admin("quantri", "", PASSWORDS["quantri"])
    first.services.close()
    stored = keys.KeyFile.load(keys.key_file_for(paths.database))
    for slot in (stored.users["quantri"], stored.recovery):
        assert slot is not None
        assert slot.params == keys.STRONG
    start = time.perf_counter()
    Gate(paths).unlock("quantri", PASSWORDS["quantri"])
    print(f"unlock with the shipped KDF: {time.perf_counter() - start:.2f} s")
