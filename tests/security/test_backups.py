"""Backups: taken daily, before migrations and restores, rotated, checked at start, and
offered back when the live file is damaged — without losing anything committed before."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.gate import DatabaseDamaged, Gate, GateStatus
from btxh_desktop.storage import backup as files
from btxh_desktop.storage import migrate
from btxh_desktop.storage.backup import BackupInfo, BackupKind, RotationPolicy, plan_rotation
from btxh_desktop.storage.engine import is_encrypted, open_dbapi_connection
from btxh_desktop.storage.keys import key_file_for
from tests.conftest import TODAY
from tests.security.conftest import PASSWORDS, Installation


def damage(path: Path) -> None:
    """Overwrite the middle half of the file, as a failing disk would: enough pages that
    some of them hold tables (a few stray bytes could land on a free page nobody reads)."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size // 4 - (size // 4) % 4096)
        fh.write(os.urandom(size // 2))


def people_in(path: Path, key: bytes) -> set[str]:
    conn = open_dbapi_connection(path, key)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM people")}
    finally:
        conn.close()


def test_a_damaged_database_is_noticed_at_start_and_the_last_good_backup_restored(
    installation: Installation,
) -> None:
    clerk = installation.login("nhaplieu")
    before = {clerk.people.create(PersonDraft(full_name=f"Trước {i}")).id for i in range(20)}
    good = clerk.backup.backup_now()
    clerk.close()
    installation.opened.clear()
    damage(installation.paths.database)

    gate = installation.gate()
    with pytest.raises(DatabaseDamaged) as damaged:
        gate.login("quantri", PASSWORDS["quantri"])
    assert damaged.value.check.latest_good is not None
    assert damaged.value.check.latest_good.path == good.path
    assert damaged.value.params["backup"] == str(good.path)

    unlocked = gate.unlock("quantri", PASSWORDS["quantri"])
    kept = gate.restore_damaged(unlocked, damaged.value.check.latest_good.path)
    assert files.parse_name(kept) is not None  # the damaged file is kept for inspection
    admin = gate.open(unlocked, today=lambda: TODAY)
    installation.opened.append(admin)
    assert admin.site.check().integrity == "ok"
    assert before <= people_in(installation.paths.database, unlocked.key)
    assert admin.audit.verify_chain().ok
    restore = [r for r in admin.audit.query() if r.action == "restore"]
    assert restore[0].detail["damaged"] is True
    assert damaged.value.check.latest_good.kind is BackupKind.MANUAL


@pytest.mark.parametrize("full", [True, False])
def test_both_checks_at_start_notice_a_damaged_page(installation: Installation, full: bool) -> None:
    gate = installation.gate()
    unlocked = gate.unlock("quantri", PASSWORDS["quantri"])
    assert gate.startup_check(unlocked, full=full).ok
    damage(installation.paths.database)
    check = gate.startup_check(unlocked, full=full)
    assert (check.ok, check.full) == (False, full)
    assert check.latest_good is not None


def test_the_first_login_of_a_day_runs_the_full_check(installation: Installation) -> None:
    gate = installation.gate()
    unlocked = gate.unlock("quantri", PASSWORDS["quantri"])
    assert not gate.startup_check(unlocked).full  # the template's backup is from today
    for copy in installation.paths.backups.glob("btxh_*"):
        copy.unlink()
    assert gate.startup_check(unlocked).full


def test_restoring_from_the_running_app_keeps_what_it_replaces(
    installation: Installation,
) -> None:
    admin = installation.login("quantri")
    kept = admin.people.create(PersonDraft(full_name="Có Trong Bản Sao")).id
    copy = admin.backup.backup_now()
    later = admin.people.create(PersonDraft(full_name="Sau Bản Sao")).id
    result = admin.backup.restore(copy.path)

    assert admin.people.get(kept).full_name == "Có Trong Bản Sao"
    with pytest.raises(DomainError):
        admin.people.get(later)
    key = admin.ctx.database.key
    assert key is not None
    assert later in people_in(result.safety_copy, key)  # undoable: the replaced data is kept
    assert files.parse_name(result.safety_copy).kind is BackupKind.PRE_RESTORE  # type: ignore[union-attr]

    foreign = installation.paths.data_dir / "khac.db"
    foreign.write_bytes(os.urandom(8192))
    with pytest.raises(DomainError) as wrong:
        admin.backup.restore(foreign)
    assert wrong.value.code == "backup.wrong_key"


def test_a_daily_backup_is_taken_at_login_once_a_day(installation: Installation) -> None:
    admin = installation.login("quantri")
    now = dt.datetime.now()
    assert admin.backup.ensure_daily(now) is None  # the one from this morning's login counts
    taken = admin.backup.ensure_daily(now + dt.timedelta(days=1, minutes=1))
    assert taken is not None and taken.kind is BackupKind.AUTO
    assert is_encrypted(taken.path)
    assert key_file_for(taken.path).exists()  # opens on another PC with that day's passwords
    assert files.check_file(taken.path, admin.ctx.database.key) == "ok"


def test_a_migration_is_preceded_by_a_named_checked_backup(installation: Installation) -> None:
    admin = installation.login("quantri")
    migrate.downgrade(admin.ctx.database, "0003")
    admin.close()
    installation.opened.clear()
    services = installation.login("quantri")
    backup = services.migration.backup
    assert backup is not None
    info = files.parse_name(backup)
    assert info is not None and (info.kind, info.label) == (BackupKind.PRE_MIGRATE, "0003")
    assert files.check_file(backup, services.ctx.database.key) == "ok"


def test_a_backup_carried_to_a_new_pc_opens_there_with_the_old_passwords(
    installation: Installation, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    admin = installation.login("quantri")
    info = admin.backup.backup_now(to=usb)
    new_pc = AppPaths(tmp_path / "may-moi")
    gate = Gate(new_pc)
    assert gate.status() is GateStatus.NEW
    gate.restore_onto_new_pc(usb / info.name)
    services = Gate(new_pc).login("pheduyet", PASSWORDS["pheduyet"])
    try:
        assert services.people.get(installation.person_id).draft.hiv_status == "positive"
    finally:
        services.close()


def _info(kind: BackupKind, when: dt.datetime) -> BackupInfo:
    return BackupInfo(Path(f"btxh_{when:%Y%m%d-%H%M%S}_{kind.value}.db"), kind, when, 1)


def test_rotation_keeps_seven_days_four_weeks_and_recent_safety_copies() -> None:
    now = dt.datetime(2026, 11, 16, 8, 0)
    daily = [_info(BackupKind.AUTO, now - dt.timedelta(days=d, hours=h)) for d in range(60)
             for h in (0, 5)]  # fmt: skip
    special = [
        _info(BackupKind.PRE_MIGRATE, now - dt.timedelta(days=90)),
        _info(BackupKind.PRE_MIGRATE, now - dt.timedelta(days=120)),
        _info(BackupKind.PRE_RESTORE, now - dt.timedelta(days=3)),
    ]
    manual = [_info(BackupKind.MANUAL, now - dt.timedelta(days=d)) for d in range(12)]
    everything = daily + special + manual
    deleted = {b.path for b in plan_rotation(everything, now, RotationPolicy())}
    kept = [b for b in everything if b.path not in deleted]

    kept_auto = sorted({b.created_at.date() for b in kept if b.kind is BackupKind.AUTO})
    last_week = [(now - dt.timedelta(days=d)).date() for d in range(7)]
    assert set(last_week) <= set(kept_auto)
    assert len({b.created_at.isocalendar()[:2] for b in kept if b.kind is BackupKind.AUTO}) == 4
    assert all(  # one copy per day: the newest
        sum(1 for b in kept if b.kind is BackupKind.AUTO and b.created_at.date() == day) == 1
        for day in kept_auto
    )
    assert sum(1 for b in kept if b.kind is BackupKind.MANUAL) == 10
    # The newest pre-migration copy stays however old; the older one past 30 days goes.
    assert [b.created_at for b in kept if b.kind is BackupKind.PRE_MIGRATE] == [
        now - dt.timedelta(days=90)
    ]
    assert any(b.kind is BackupKind.PRE_RESTORE for b in kept)
