"""Cài đặt for an administrator (accounts, backups, screen lock, certificate, access log) and
for the others (their own password and a backup, nothing else), driven through the widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.accounts import LoginFailed
from btxh_desktop.services.settings import load_settings
from btxh_desktop.storage.engine import open_dbapi_connection
from btxh_desktop.ui.dialogs import audit_log
from btxh_desktop.ui.dialogs.audit_log import AuditLogDialog
from btxh_desktop.ui.dialogs.recovery import RecoveryKeyDialog
from btxh_desktop.ui.dialogs.restore import RestoreConfirmDialog
from btxh_desktop.ui.dialogs.users import (
    AddUserDialog,
    ChangeRoleDialog,
    EnableUserDialog,
    NewRecoveryKeyDialog,
    ResetPasswordDialog,
)
from btxh_desktop.ui.views.settings_view import SettingsPage
from tests.ui import security_support as support
from tests.ui.security_support import (
    PASSWORDS,
    Installation,
    Session,
    click,
    settle,
    type_into,
)

installed_template = support.installed_template
installation = support.installation
open_session = support.open_session

PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUTinh\n-----END CERTIFICATE-----\n"


def tab_titles(page: SettingsPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_the_administrator_sees_everything_the_others_only_their_own(
    open_session: Callable[[str], Session], qtbot: QtBot, qtmodeltester: object
) -> None:
    admin = open_session("quantri").settings_page(qtbot)
    assert tab_titles(admin) == ["Chung", "Tài khoản", "Sao lưu", "Bảo mật"]
    assert admin.users_model is not None
    qtmodeltester.check(admin.users_model)  # type: ignore[attr-defined]
    qtmodeltester.check(admin.backups_model)  # type: ignore[attr-defined]
    users = {u.username: u for u in admin.users_model.rows}
    assert set(users) == {"quantri", "nhaplieu", "pheduyet"}
    headers = [
        admin.users_model.headerData(c, admin.users_table.horizontalHeader().orientation())
        for c in range(admin.users_model.columnCount())
    ]
    assert headers == ["Tên đăng nhập", "Họ và tên", "Vai trò", "Trạng thái", "Đăng nhập lần cuối"]
    row = admin.users_model.row_number("nhaplieu")
    assert admin.users_model.index(row, 2).data() == "Nhập liệu"
    assert admin.users_model.index(row, 3).data() == "Đang dùng (mật khẩu tạm thời)"
    assert admin.backups_model.rowCount() >= 1
    assert admin.backups_model.index(0, 1).data() == "Hằng ngày (tự động)"
    for button in (admin.restore_selected_button, admin.restore_file_button):
        assert not button.isHidden()

    clerk = open_session("nhaplieu").settings_page(qtbot)
    assert tab_titles(clerk) == ["Chung", "Tài khoản", "Sao lưu"]
    assert clerk.users_box is None and clerk.users_model is None
    assert clerk.security_tab is None
    assert not clerk.change_password_button.isHidden()
    assert clerk.me_label.text() == (
        "Bạn đang đăng nhập là Nhập Liệu (nhaplieu), vai trò: Nhập liệu."
    )
    assert clerk.backup_button.isEnabled()  # data entry may make a backup…
    for button in (clerk.restore_selected_button, clerk.restore_file_button):
        assert button.isHidden()  # …but never restore one


def test_the_administrator_manages_accounts(
    open_session: Callable[[str], Session], installation: Installation, qtbot: QtBot
) -> None:
    session = open_session("quantri")
    page = session.settings_page(qtbot)
    page.show_tab(page.add_user_button)
    click(qtbot, page.add_user_button)
    dialog = page.dialog
    assert isinstance(dialog, AddUserDialog)
    assert dialog.windowTitle() == "Thêm người dùng"
    type_into(qtbot, dialog.username, "nhaplieu")
    type_into(qtbot, dialog.full_name, "Trùng Tên")
    type_into(qtbot, dialog.new_password.first, "Tạm thời 2026")
    type_into(qtbot, dialog.new_password.again, "Tạm thời 2026")
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: dialog.error_for("username").isVisible(), timeout=10_000)
    assert dialog.error_for("username").text() == "Đã có tài khoản nhaplieu."
    type_into(qtbot, dialog.username, "ketoan")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.APPROVER.value))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        click(qtbot, dialog.submit_button)
    settle(qtbot, session.ui)
    assert page.accounts_message.text() == "Đã thêm ketoan. Hãy đưa mật khẩu tạm thời cho người đó."
    assert page.users_model is not None
    assert page.users_model.find("ketoan") is not None
    accountant = installation.gate().login("ketoan", "Tạm thời 2026")
    installation.opened.append(accountant)
    assert accountant.ctx.actor.role is Role.APPROVER

    # Change the role.
    page.select_user("ketoan")
    click(qtbot, page.role_button)
    role_dialog = page.dialog
    assert isinstance(role_dialog, ChangeRoleDialog)
    role_dialog.role.setCurrentIndex(role_dialog.role.findData(Role.DATA_ENTRY.value))
    with qtbot.waitSignal(role_dialog.saved, timeout=10_000):
        click(qtbot, role_dialog.submit_button)
    settle(qtbot, session.ui)
    assert page.users_model.find("ketoan").role is Role.DATA_ENTRY  # type: ignore[union-attr]

    # Reset the password.
    page.select_user("ketoan")
    click(qtbot, page.reset_button)
    reset = page.dialog
    assert isinstance(reset, ResetPasswordDialog)
    type_into(qtbot, reset.new_password.first, "dat-lai-tam")
    type_into(qtbot, reset.new_password.again, "dat-lai-tam")
    with qtbot.waitSignal(reset.saved, timeout=10_000):
        click(qtbot, reset.submit_button)
    installation.gate().unlock("ketoan", "dat-lai-tam")

    # Disable (after a question), then enable with a new temporary password.
    page.select_user("quantri")
    assert not page.disable_button.isEnabled()
    assert page.disable_button.toolTip() == "Bạn không thể tự khoá tài khoản của mình."
    page.select_user("ketoan")
    assert page.disable_button.text() == "Khoá tài khoản"
    click(qtbot, page.disable_button)
    box = page.dialog
    assert isinstance(box, QMessageBox)
    yes = next(b for b in box.buttons() if b.text() == "Khoá")
    click(qtbot, yes)
    settle(qtbot, session.ui)
    assert page.accounts_message.text() == "Đã khoá tài khoản ketoan."
    with pytest.raises(LoginFailed):
        installation.gate().unlock("ketoan", "dat-lai-tam")
    page.select_user("ketoan")
    assert page.disable_button.text() == "Mở lại tài khoản…"
    assert not page.reset_button.isEnabled()
    click(qtbot, page.disable_button)
    enable = page.dialog
    assert isinstance(enable, EnableUserDialog)
    type_into(qtbot, enable.new_password.first, "mo-lai-tam-thoi")
    type_into(qtbot, enable.new_password.again, "mo-lai-tam-thoi")
    with qtbot.waitSignal(enable.saved, timeout=10_000):
        click(qtbot, enable.submit_button)
    installation.gate().unlock("ketoan", "mo-lai-tam-thoi")


def test_a_new_recovery_key_is_confirmed_with_the_password_and_shown_once(
    open_session: Callable[[str], Session], installation: Installation, qtbot: QtBot
) -> None:
    session = open_session("quantri")
    page = session.settings_page(qtbot)
    page.show_tab(page.recovery_button)
    click(qtbot, page.recovery_button)
    dialog = page.dialog
    assert isinstance(dialog, NewRecoveryKeyDialog)
    type_into(qtbot, dialog.password, "sai")
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: dialog.error_for("password").isVisible(), timeout=10_000)
    type_into(qtbot, dialog.password, PASSWORDS["quantri"])
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: isinstance(page.dialog, RecoveryKeyDialog), timeout=10_000)
    shown = page.dialog
    assert isinstance(shown, RecoveryKeyDialog)
    with pytest.raises(LoginFailed):
        installation.gate().unlock_with_recovery_key(installation.recovery_key)
    assert installation.gate().unlock_with_recovery_key(shown.key_label.text()).via_recovery
    shown.confirm.setChecked(True)
    click(qtbot, shown.continue_button)


def test_backup_now_and_restore_then_the_program_starts_over(
    open_session: Callable[[str], Session], installation: Installation, qtbot: QtBot
) -> None:
    session = open_session("quantri")
    page = session.settings_page(qtbot)
    page.show_tab(page.backup_button)
    before = page.backups_model.rowCount()
    click(qtbot, page.backup_button)
    settle(qtbot, session.ui)
    assert page.backups_message.text().startswith("Đã sao lưu và kiểm tra: btxh_")
    assert page.backups_model.rowCount() == before + 1
    newest = page.backups_model.row(0)
    assert newest.kind.value == "manual"
    session.services.people.create(PersonDraft(full_name="Người Nhập Sau Sao Lưu"))
    assert session.services.people.count() == 7

    assert not page.restore_selected_button.isEnabled()
    page.backups_table.selectRow(0)
    click(qtbot, page.restore_selected_button)
    confirm = page.dialog
    assert isinstance(confirm, RestoreConfirmDialog)
    assert confirm.windowTitle() == "Khôi phục bản sao lưu"
    assert confirm.cancel_button.isDefault()  # Enter does not replace the data
    with qtbot.waitSignal(page.restart_requested, timeout=20_000):
        click(qtbot, confirm.restore_button)
        qtbot.waitUntil(lambda: isinstance(page.dialog, QMessageBox), timeout=20_000)
        done = page.dialog
        assert isinstance(done, QMessageBox)
        assert "Phần mềm sẽ đóng và mở lại" in done.text()
        done.button(QMessageBox.StandardButton.Ok).click()
    assert session.services.people.count() == 6  # as it was when the backup was made
    kinds = [b.kind.value for b in session.services.backup.list_backups()]
    assert "pre-restore" in kinds  # the data as it was before, kept


def test_restoring_a_file_that_is_not_a_backup_is_refused_and_said(
    open_session: Callable[[str], Session], qtbot: QtBot, tmp_path: Path
) -> None:
    session = open_session("quantri")
    page = session.settings_page(qtbot)
    stray = tmp_path / "btxh_20260101-000000_manual.db"
    stray.write_bytes(b"not a database at all" * 100)
    page.show_tab(page.backups_table)
    confirm = page.confirm_restore(stray)
    click(qtbot, confirm.restore_button)
    qtbot.waitUntil(page.backups_message.isVisible, timeout=10_000)
    settle(qtbot, session.ui)
    assert page.backups_message.text().startswith("Chưa khôi phục gì: ")
    assert page.restore_progress is None
    assert session.services.people.count() == 6


def test_the_screen_lock_period_and_the_certificate_are_saved(
    open_session: Callable[[str], Session],
    installation: Installation,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    session = open_session("quantri")
    page = session.settings_page(qtbot)
    page.show_tab(page.idle_minutes)
    assert page.idle_minutes.value() == 10
    page.idle_minutes.setValue(5)
    not_pem = tmp_path / "ghi-chu.txt"
    not_pem.write_text("không phải chứng chỉ", "utf-8")
    page.ca_bundle.setText(str(not_pem))
    click(qtbot, page.save_settings_button)
    qtbot.waitUntil(page.security_message.isVisible, timeout=10_000)
    assert page.security_message.text() == f"Tệp {not_pem.resolve()} không chứa chứng chỉ (PEM)."
    assert load_settings(installation.paths).idle_lock_minutes == 10  # nothing saved

    bundle = tmp_path / "tinh.pem"
    bundle.write_text(PEM, "utf-8")
    page.ca_bundle.setText(str(bundle))
    with qtbot.waitSignal(page.idle_minutes_changed, timeout=10_000) as changed:
        click(qtbot, page.save_settings_button)
    assert changed.args == [5]
    assert page.security_message.text() == "Đã lưu cài đặt."
    saved = load_settings(installation.paths)
    assert (saved.idle_lock_minutes, saved.ca_bundle) == (5, str(bundle.resolve()))
    click(qtbot, page.ca_clear_button)
    click(qtbot, page.save_settings_button)
    settle(qtbot, session.ui)
    assert load_settings(installation.paths).ca_bundle is None


def test_the_access_log_filters_pages_and_checks_its_integrity(
    open_session: Callable[[str], Session],
    installation: Installation,
    qtbot: QtBot,
    qtmodeltester: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 5)
    session = open_session("quantri")
    for i in range(8):
        session.services.people.create(PersonDraft(full_name=f"Người Số {i}"))
    page = session.settings_page(qtbot)
    page.show_tab(page.audit_button)
    click(qtbot, page.audit_button)
    dialog = page.dialog
    assert isinstance(dialog, AuditLogDialog)
    settle(qtbot, session.ui)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 5
    seqs = [r.seq for r in dialog.model.rows]
    assert seqs == sorted(seqs, reverse=True)
    assert dialog.status.text() == "Đang hiện 5 mục phù hợp mới nhất."
    click(qtbot, dialog.more_button)
    settle(qtbot, session.ui)
    assert dialog.model.rowCount() == 10
    assert [r.seq for r in dialog.model.rows] == list(range(seqs[0], seqs[0] - 10, -1))

    # Only logins by the clerk.
    installation.opened.append(installation.gate().login("nhaplieu", PASSWORDS["nhaplieu"]))
    dialog.user.setCurrentIndex(dialog.user.findData("nhaplieu"))
    dialog.action.setCurrentIndex(dialog.action.findData("login"))
    click(qtbot, dialog.apply_button)
    settle(qtbot, session.ui)
    assert [(r.username, r.action) for r in dialog.model.rows] == [("nhaplieu", "login")]
    assert dialog.model.index(0, 3).data() == "Đăng nhập"
    assert dialog.status.text() == "Đang hiện tất cả 1 mục phù hợp."
    # A day with nothing in it.
    dialog.user.setCurrentIndex(0)
    dialog.action.setCurrentIndex(0)
    dialog.by_date.setChecked(True)
    dialog.since.setDate(dialog.since.date().addYears(-3))
    dialog.until.setDate(dialog.since.date())
    click(qtbot, dialog.apply_button)
    settle(qtbot, session.ui)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Không có mục nào phù hợp."

    click(qtbot, dialog.verify_button)
    settle(qtbot, session.ui)
    assert dialog.message.text().startswith("Nhật ký nguyên vẹn: đã kiểm tra ")
    key = session.services.ctx.database.key
    conn = open_dbapi_connection(installation.paths.database, key)
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET username = 'khac' WHERE seq = 4")
    finally:
        conn.close()
    click(qtbot, dialog.verify_button)
    settle(qtbot, session.ui)
    assert dialog.message.text().startswith("Nhật ký đã bị can thiệp: mục 4 đã bị sửa")


def test_the_services_refuse_whatever_the_screen_shows(
    open_session: Callable[[str], Session], qtbot: QtBot
) -> None:
    """A clerk never sees the access log; if a screen offered it anyway, the refusal reads
    plainly."""
    session = open_session("nhaplieu")
    dialog = AuditLogDialog(session.ui)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, session.ui)
    assert dialog.message.text() == "Tài khoản nhaplieu không có quyền thực hiện việc này"
    assert dialog.model.rowCount() == 0
    buttons = dialog.findChildren(QPushButton)
    assert any(b.text() == "Kiểm tra tính toàn vẹn" for b in buttons)
