"""Accounts and roles: lockout, idle lock, user management, recovery, and permissions that
hold whichever way a service is called."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.accounts import IdleLock, LoginFailed
from btxh_desktop.services.gate import GateStatus
from btxh_desktop.services.permissions import PermissionDenied
from btxh_desktop.services.settings import Settings
from btxh_desktop.storage import keys
from tests.conftest import COMMUNE, TODAY
from tests.security.conftest import PASSWORDS, Installation


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_repeated_wrong_passwords_lock_the_account_for_a_while(
    installation: Installation,
) -> None:
    clock = FakeClock()
    gate = installation.gate(clock=clock)
    left = []
    for _ in range(4):
        with pytest.raises(LoginFailed) as wrong:
            gate.unlock("nhaplieu", "doan-sai-mat-khau")
        assert wrong.value.code == "auth.failed"
        left.append(wrong.value.attempts_left)
    assert left == [4, 3, 2, 1]
    with pytest.raises(LoginFailed) as fifth:
        gate.unlock("nhaplieu", "doan-sai-mat-khau")
    assert (fifth.value.code, fifth.value.retry_after) == ("auth.locked", 30)

    # Locked means locked: even the right password waits (and no key is derived).
    clock.now += 29
    with pytest.raises(LoginFailed) as waiting:
        gate.unlock("nhaplieu", PASSWORDS["nhaplieu"])
    assert (waiting.value.code, waiting.value.retry_after) == ("auth.locked", 1)
    # A fresh Gate (the app restarted) remembers: the count lives beside the key file.
    assert installation.gate(clock=clock).retry_after("NhapLieu") == 1

    clock.now += 2
    with pytest.raises(LoginFailed) as sixth:
        gate.unlock("nhaplieu", "lan-nua-sai")
    assert sixth.value.retry_after == 60  # each further failure doubles the wait

    clock.now += 61
    services = gate.login("nhaplieu", PASSWORDS["nhaplieu"], today=lambda: TODAY)
    installation.opened.append(services)
    assert gate.retry_after("nhaplieu") == 0
    admin = installation.login("quantri")
    login = [r for r in admin.audit.query() if r.action == "login" and r.username == "nhaplieu"]
    assert login[0].detail["failed_attempts"] == 6


def test_an_unknown_name_fails_like_a_wrong_password(installation: Installation) -> None:
    gate = installation.gate(clock=FakeClock())
    with pytest.raises(LoginFailed) as unknown:
        gate.unlock("khong-co-ai", "bat-ky-mat-khau")
    with pytest.raises(LoginFailed) as wrong:
        gate.unlock("quantri", "bat-ky-mat-khau")
    assert unknown.value.code == wrong.value.code == "auth.failed"
    assert unknown.value.params == wrong.value.params


def test_the_idle_lock_keeps_the_session_and_the_unsaved_form(installation: Installation) -> None:
    clock = FakeClock()
    clerk = installation.login("nhaplieu")
    lock = IdleLock(Settings().idle_lock_minutes, clock)
    assert Settings().idle_lock_minutes == 10
    unsaved = PersonDraft(full_name="Lò Văn Đang Nhập", commune_code=COMMUNE)  # in the form
    clock.now += 9 * 60 + 59
    assert not lock.due()
    lock.touch()  # the user typed something
    clock.now += 10 * 60
    assert lock.due()

    with pytest.raises(LoginFailed):
        clerk.accounts.unlock("khong-phai")
    clerk.accounts.unlock(PASSWORDS["nhaplieu"])
    lock.touch()
    assert not lock.due()
    # The same session, never closed, saves what was being typed before the lock.
    saved = clerk.people.create(unsaved)
    assert clerk.people.search("lo van dang nhap")[0].id == saved.id


def test_unlocking_after_the_idle_lock_obeys_the_lockout(installation: Installation) -> None:
    clerk = installation.login("nhaplieu")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            clerk.accounts.unlock("sai")
    with pytest.raises(LoginFailed) as locked:
        clerk.accounts.unlock("sai")
    assert locked.value.code == "auth.locked"
    with pytest.raises(LoginFailed):
        clerk.accounts.unlock(PASSWORDS["nhaplieu"])


def test_the_administrator_manages_accounts(installation: Installation) -> None:
    admin = installation.login("quantri")
    added = admin.accounts.add_user(" KeToan ", "Kế Toán", "approver", "ke-toan-tam-thoi")
    assert (added.username, added.role, added.must_change_password) == (
        "ketoan",
        Role.APPROVER,
        True,
    )
    with pytest.raises(DomainError) as exists:
        admin.accounts.add_user("ketoan", "", "approver", "mat-khau-khac-1")
    assert exists.value.code == "user.exists"
    for bad_name, code in (
        ("ab", "user.username_invalid"),
        ("tên có dấu", "user.username_invalid"),
    ):
        with pytest.raises(DomainError) as invalid:
            admin.accounts.add_user(bad_name, "", "approver", "du-dai-roi-day")
        assert invalid.value.code == code
    with pytest.raises(DomainError) as short:
        admin.accounts.add_user("ngan", "", "approver", "ngan")
    assert (short.value.code, short.value.params["min"]) == ("password.too_short", 8)

    services = installation.gate().login("ketoan", "ke-toan-tam-thoi")
    installation.opened.append(services)
    assert services.notices == ["auth.must_change_password"]
    services.accounts.change_password("ke-toan-tam-thoi", "ke-toan-that-su")
    assert not services.accounts.must_change_password()

    assert admin.accounts.set_role("ketoan", Role.DATA_ENTRY).role is Role.DATA_ENTRY
    with pytest.raises(DomainError) as last:
        admin.accounts.set_role("quantri", Role.APPROVER)
    assert last.value.code == "user.last_admin"
    with pytest.raises(DomainError) as self_disable:
        admin.accounts.disable_user("quantri")
    assert self_disable.value.code == "user.cannot_disable_self"

    assert not admin.accounts.disable_user("ketoan").active
    key_file = keys.KeyFile.load(keys.key_file_for(installation.paths.database))
    assert "ketoan" not in key_file.users  # its copy of the key is gone
    with pytest.raises(LoginFailed):
        installation.gate().unlock("ketoan", "ke-toan-that-su")

    admin.accounts.enable_user("ketoan", "mo-lai-tam-thoi")
    admin.accounts.reset_password("nhaplieu", "dat-lai-tam-thoi")
    again = installation.gate().login("nhaplieu", "dat-lai-tam-thoi")
    installation.opened.append(again)
    assert "auth.must_change_password" in again.notices
    names = {u.username: u.active for u in admin.accounts.list_users()}
    assert names == {"quantri": True, "nhaplieu": True, "pheduyet": True, "ketoan": True}


def test_the_recovery_key_sets_a_forgotten_password(installation: Installation) -> None:
    gate = installation.gate()
    with pytest.raises(LoginFailed):
        gate.reset_password_with_recovery_key("AAAA-BBBB", "quantri", "mat-khau-moi-123")
    typed = installation.recovery_key.replace("-", " ").lower()  # as read off the paper
    gate.reset_password_with_recovery_key(typed, "quantri", "mat-khau-moi-123")
    admin = gate.login("quantri", "mat-khau-moi-123")
    installation.opened.append(admin)
    with pytest.raises(DomainError) as not_login:
        gate.open(gate.unlock_with_recovery_key(installation.recovery_key))
    assert not_login.value.code == "auth.recovery_key_not_a_login"

    renewed = admin.accounts.new_recovery_key("mat-khau-moi-123")
    with pytest.raises(LoginFailed):
        gate.unlock_with_recovery_key(installation.recovery_key)
    assert gate.unlock_with_recovery_key(renewed).via_recovery


def test_a_data_entry_user_can_record_but_not_decide_approve_restore_or_administer(
    installation: Installation, tmp_path: Path
) -> None:
    clerk = installation.login("nhaplieu")
    child = clerk.people.create(
        PersonDraft(full_name="Bé Nhập Liệu", birth=PartialDate(2022, 1, 1), commune_code=COMMUNE)
    )
    case_id = clerk.allowance.apply(child.id, "K1", dt.date(2026, 10, 1))
    backup = clerk.backup.backup_now()  # data entry may make a backup…
    denied: list[Callable[[], object]] = [
        lambda: clerk.allowance.decide(case_id, "1/QĐ", dt.date(2026, 10, 5), "Chủ tịch"),
        lambda: clerk.allowance.suspend(case_id, Month(2026, 11), "custody"),
        lambda: clerk.allowance.stop(case_id, dt.date(2026, 11, 1), "death"),
        lambda: clerk.allowance.finalise_payment_list(Month(2026, 11)),
        lambda: clerk.backup.restore(backup.path),  # …but never restore one
        lambda: clerk.accounts.add_user("moi", "", Role.ADMIN, "mat-khau-du-dai"),
        lambda: clerk.accounts.set_role("nhaplieu", Role.ADMIN),
        lambda: clerk.accounts.reset_password("quantri", "chiem-quyen-quan-tri"),
        clerk.accounts.list_users,
        lambda: clerk.settings.update(idle_lock_minutes=240),
        clerk.audit.query,
        clerk.audit.verify_chain,
        lambda: clerk.people.delete(child.id),
    ]
    for attempt in denied:
        with pytest.raises(PermissionDenied):
            attempt()
    assert clerk.allowance.case(case_id).status == "applied"

    # Restoring over a damaged file is for administrators too (by the backup's own list).
    clerk.close()
    installation.paths.database.write_bytes(b"\0" * 4096)
    gate = installation.gate()
    unlocked = gate.unlock("nhaplieu", PASSWORDS["nhaplieu"])
    assert not gate.startup_check(unlocked).ok
    with pytest.raises(PermissionDenied):
        gate.restore_damaged(unlocked, backup.path)
    assert installation.gate().status() is GateStatus.LOCKED
