"""The way in, driven through the dialogs: first run, login, lockout, forgotten password,
a damaged data file, a lost key file, and what happens right after login."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from btxh_desktop.app import AppController
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate, GateStatus
from btxh_desktop.storage import keys
from btxh_desktop.storage.backup import list_backups
from btxh_desktop.storage.engine import is_encrypted
from btxh_desktop.ui import i18n
from btxh_desktop.ui.dialogs.first_run import FirstRunWizard
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.dialogs.login_flow import SignInFlow
from btxh_desktop.ui.dialogs.login_kit import Strength, strength
from btxh_desktop.ui.dialogs.recovery import RecoveryKeyDialog
from btxh_desktop.ui.dialogs.restore import DamagedDatabaseDialog, KeysMissingDialog
from btxh_desktop.ui.dialogs.users import ChangePasswordDialog
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.views.settings_view import SettingsPage
from tests.conftest import TODAY
from tests.ui import security_support as support
from tests.ui.security_support import PASSWORDS, Installation, click, top_windows, type_into

installed_template = support.installed_template
installation = support.installation


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    i18n.install("vi")
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def signed_in() -> Iterator[list[Services]]:
    """Services the flow opened (closed at the end)."""
    opened: list[Services] = []
    yield opened
    for services in opened:
        services.close()


def start_flow(paths: AppPaths, runner: TaskRunner, opened: list[Services]) -> SignInFlow:
    flow = SignInFlow(paths, runner, today=lambda: TODAY)
    flow.signed_in.connect(opened.append)
    flow.start()
    return flow


def wait_for(qtbot: QtBot, flow: SignInFlow, kind: type) -> object:
    qtbot.waitUntil(
        lambda: isinstance(flow.dialog, kind) and flow.dialog.isVisible(), timeout=10_000
    )
    return flow.dialog


def test_password_strength_hints() -> None:
    assert strength("ngan") is Strength.TOO_SHORT
    assert strength("12345678") is Strength.WEAK
    assert strength("quantri1", "quantri1") is Strength.WEAK
    assert strength("aaaaaaaaaa") is Strength.WEAK
    assert strength("hoamai26") is Strength.FAIR
    assert strength("Hoa mai 26") is Strength.GOOD
    assert strength("Hoa mai nở sớm năm 2026") is Strength.STRONG


def test_first_run_creates_the_administrator_and_shows_the_recovery_key_once(
    paths: AppPaths,
    runner: TaskRunner,
    signed_in: list[Services],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    flow = start_flow(paths, runner, signed_in)
    wizard = wait_for(qtbot, flow, FirstRunWizard)
    assert isinstance(wizard, FirstRunWizard)
    assert wizard.windowTitle() == "BTXH Desktop — lần đầu sử dụng"
    # The site comes first (tests/ui/test_first_run.py goes through it in detail).
    qtbot.waitUntil(lambda: runner.idle() and wizard.reference is not None)
    click(qtbot, wizard.kind_page.commune)
    click(qtbot, wizard.next_button)
    type_into(qtbot, wizard.place_page.commune_filter, "phuong sai gon")
    click(qtbot, wizard.next_button)
    page = wizard.admin_page
    assert page is not None and wizard.current == "admin"
    assert page.username.text() == "quantri"
    type_into(qtbot, page.full_name, "Nguyễn Thị Thu")

    type_into(qtbot, page.password.first, "12345678")
    assert page.password.hint.text() == "Quá dễ đoán. Hãy chọn một câu ngắn mà bạn dễ nhớ."
    type_into(qtbot, page.password.again, "12345678")
    click(qtbot, page.create_button)
    assert page.password_error.text() == "Mật khẩu này quá dễ đoán. Hãy chọn mật khẩu khác."
    assert Gate(paths).status() is GateStatus.NEW  # nothing was created

    type_into(qtbot, page.password.first, "Hoa mai nở sớm 2026")
    assert page.password.hint.text() == "Rất tốt."
    type_into(qtbot, page.password.again, "Hoa mai nở sớm 2025")
    click(qtbot, page.create_button)
    assert page.again_error.text() == "Hai lần nhập mật khẩu không giống nhau."

    type_into(qtbot, page.password.again, "Hoa mai nở sớm 2026")
    qtbot.keyClick(page.password.again, Qt.Key.Key_Return)  # Enter creates
    qtbot.waitUntil(lambda: wizard.current == "recovery", timeout=10_000)
    recovery = wizard.key_panel
    assert isinstance(recovery, RecoveryKeyDialog)
    key = recovery.key_label.text()
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", key)
    assert is_encrypted(paths.database)

    # It cannot be skipped: Esc, the close button and Next do nothing until confirmed.
    assert not wizard.next_button.isEnabled()
    qtbot.keyClick(recovery, Qt.Key.Key_Escape)
    wizard.close()
    assert recovery.isVisible() and wizard.current == "recovery" and not signed_in
    pdf = tmp_path / "ma-khoi-phuc.pdf"
    recovery.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "ma-khoi-phuc.pdf" in recovery.message.text()

    recovery.confirm.setChecked(True)
    assert recovery.confirm.text() == "Tôi đã ghi lại (hoặc in) mã khôi phục"
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.skip_button)  # no sync server yet
    qtbot.waitUntil(lambda: len(signed_in) == 1)
    assert not top_windows(FirstRunWizard)
    admin = signed_in[0].ctx.actor
    assert (admin.username, admin.full_name, admin.role.value) == (
        "quantri",
        "Nguyễn Thị Thu",
        "admin",
    )
    # The key on screen is the real one.
    assert Gate(paths).unlock_with_recovery_key(key.lower()).via_recovery


def test_login_with_enter_says_how_many_tries_are_left(
    installation: Installation, runner: TaskRunner, signed_in: list[Services], qtbot: QtBot
) -> None:
    flow = start_flow(installation.paths, runner, signed_in)
    login = wait_for(qtbot, flow, LoginDialog)
    assert isinstance(login, LoginDialog)
    assert login.windowTitle() == "BTXH Desktop — đăng nhập"
    type_into(qtbot, login.username, "nhaplieu")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)  # Enter moves on to the password
    assert login.password.hasFocus()
    assert not login.message.isVisible()
    type_into(qtbot, login.password, "sai mật khẩu")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.login_button.isEnabled() and login.message.isVisible())
    assert login.message.text() == (
        "Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần thử trước khi tài khoản bị tạm khoá."
    )
    assert login.password.text() == ""

    type_into(qtbot, login.password, PASSWORDS["nhaplieu"])
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(signed_in) == 1, timeout=10_000)
    clerk = signed_in[0]
    assert clerk.ctx.actor.username == "nhaplieu"
    assert clerk.notices == ["auth.must_change_password"]  # a temporary password
    assert flow.dialog is None


def test_too_many_wrong_passwords_show_a_live_countdown(
    installation: Installation, runner: TaskRunner, qtbot: QtBot
) -> None:
    clock = FakeClock()
    gate = Gate(installation.paths, clock=clock)
    login = LoginDialog(gate, runner, last_user="pheduyet", clock=clock)
    qtbot.addWidget(login)
    login.show()
    assert login.focusWidget() is login.password  # the remembered name is filled in
    for _ in range(5):
        type_into(qtbot, login.password, "sai")
        click(qtbot, login.login_button)
        qtbot.waitUntil(lambda: not login._busy)
    assert login.message.text() == "Nhập sai mật khẩu quá nhiều lần. Thử lại sau 30 giây."
    assert not login.login_button.isEnabled()

    clock.now += 2
    qtbot.waitUntil(lambda: "28 giây" in login.message.text())
    assert login.message.text() == "Nhập sai mật khẩu quá nhiều lần. Thử lại sau 28 giây."
    assert not login.login_button.isEnabled()
    type_into(qtbot, login.password, PASSWORDS["pheduyet"])
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # ignored while waiting
    assert not login._busy

    clock.now += 28
    qtbot.waitUntil(login.login_button.isEnabled)
    assert login.message.text() == "Bây giờ bạn có thể thử lại."
    with qtbot.waitSignal(login.unlocked, timeout=10_000) as unlocked:
        click(qtbot, login.login_button)
    assert unlocked.args[0].username == "pheduyet"

    # A long wait reads in minutes and seconds.
    from btxh_desktop.ui.dialogs.login_kit import countdown_text

    assert countdown_text(125) == "Nhập sai mật khẩu quá nhiều lần. Thử lại sau 2 phút 5 giây."


def test_a_forgotten_password_is_set_again_with_the_recovery_key(
    installation: Installation, runner: TaskRunner, signed_in: list[Services], qtbot: QtBot
) -> None:
    flow = start_flow(installation.paths, runner, signed_in)
    login = wait_for(qtbot, flow, LoginDialog)
    assert isinstance(login, LoginDialog)
    type_into(qtbot, login.username, "quantri")
    forgot = login.show_forgot()
    assert forgot.username.text() == "quantri"
    type_into(qtbot, forgot.recovery_key, "AAAA-BBBB-CCCC")
    type_into(qtbot, forgot.new_password.first, "Mật khẩu mới của tôi")
    type_into(qtbot, forgot.new_password.again, "Mật khẩu mới của tôi")
    click(qtbot, forgot.submit_button)
    qtbot.waitUntil(forgot.submit_button.isEnabled)
    assert forgot.message.text() == ("Mã khôi phục không đúng. Còn 4 lần thử trước khi phải chờ.")
    # As read off the paper: lower case, spaces instead of dashes.
    typed = installation.recovery_key.lower().replace("-", " ")
    type_into(qtbot, forgot.recovery_key, typed)
    with qtbot.waitSignal(forgot.reset_done, timeout=10_000):
        click(qtbot, forgot.submit_button)
    assert login.message.text() == "Đã đặt mật khẩu mới. Hãy đăng nhập bằng mật khẩu đó."
    assert login.username.text() == "quantri"
    type_into(qtbot, login.password, "Mật khẩu mới của tôi")
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: len(signed_in) == 1, timeout=10_000)
    assert signed_in[0].ctx.actor.username == "quantri"


def damage(installation: Installation) -> None:
    """A dying disk: the data file no longer reads. The daily backup of the set-up remains."""
    assert list_backups(installation.paths.backups)
    installation.paths.database.write_bytes(b"\0" * 4096)


def test_a_damaged_data_file_offers_the_latest_good_backup(
    installation: Installation, runner: TaskRunner, signed_in: list[Services], qtbot: QtBot
) -> None:
    damage(installation)
    latest = list_backups(installation.paths.backups)[0]
    flow = start_flow(installation.paths, runner, signed_in)
    login = wait_for(qtbot, flow, LoginDialog)
    assert isinstance(login, LoginDialog)

    # A clerk may not restore: the dialog says who can, and takes the recovery key.
    type_into(qtbot, login.username, "nhaplieu")
    type_into(qtbot, login.password, PASSWORDS["nhaplieu"])
    click(qtbot, login.login_button)
    damaged = wait_for(qtbot, flow, DamagedDatabaseDialog)
    assert isinstance(damaged, DamagedDatabaseDialog)
    assert damaged.windowTitle() == "Tệp dữ liệu bị hỏng"
    when = latest.created_at.strftime("%d/%m/%Y %H:%M")
    assert damaged.restore_button.text() == f"Khôi phục bản sao lưu ngày {when}"
    click(qtbot, damaged.restore_button)
    qtbot.waitUntil(damaged.recovery_box.isVisible, timeout=10_000)
    assert damaged.message.text().startswith("Chỉ quản trị viên")
    assert not installation.paths.database.read_bytes().strip(b"\0")  # still the damaged one

    type_into(qtbot, damaged.recovery_key, installation.recovery_key)
    click(qtbot, damaged.recovery_button)
    # The only backup is from the set-up, before the clerk's account existed: restored, the
    # data no longer knows them, and the login dialog says so.
    qtbot.waitUntil(lambda: login.isVisible() and login.login_button.isEnabled(), timeout=20_000)
    assert login.message.text() == (
        "Tài khoản nhaplieu đã bị khoá hoặc không còn trên máy này. Hãy liên hệ quản trị viên."
    )
    type_into(qtbot, login.username, "quantri")
    type_into(qtbot, login.password, PASSWORDS["quantri"])
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: len(signed_in) == 1, timeout=20_000)
    admin = signed_in[0]
    assert admin.people.count() == 6
    kept = [b for b in list_backups(installation.paths.backups) if b.kind.value == "damaged"]
    assert len(kept) == 1


def test_an_administrator_restores_a_damaged_file_and_opens(
    installation: Installation, runner: TaskRunner, signed_in: list[Services], qtbot: QtBot
) -> None:
    damage(installation)
    flow = start_flow(installation.paths, runner, signed_in)
    login = wait_for(qtbot, flow, LoginDialog)
    assert isinstance(login, LoginDialog)
    type_into(qtbot, login.username, "quantri")
    type_into(qtbot, login.password, PASSWORDS["quantri"])
    click(qtbot, login.login_button)
    damaged = wait_for(qtbot, flow, DamagedDatabaseDialog)
    assert isinstance(damaged, DamagedDatabaseDialog)
    click(qtbot, damaged.restore_button)
    qtbot.waitUntil(lambda: len(signed_in) == 1, timeout=20_000)
    assert signed_in[0].people.count() == 6


def test_a_lost_key_file_is_explained_and_taken_from_a_backup(
    installation: Installation,
    runner: TaskRunner,
    signed_in: list[Services],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    paths = installation.paths
    usb = tmp_path / "usb"
    usb.mkdir()
    admin = installation.login("quantri")
    backup = admin.backup.backup_now()  # with every account's slot in its key file
    admin.close()
    shutil.copy(keys.key_file_for(backup.path), usb / (backup.name + ".keys"))
    (usb / "not-a-key.keys").write_text("{}", "utf-8")
    for path in [keys.key_file_for(paths.database), *paths.backups.glob("*.keys")]:
        path.unlink()
    assert Gate(paths).status() is GateStatus.KEYS_MISSING

    flow = start_flow(paths, runner, signed_in)
    missing = wait_for(qtbot, flow, KeysMissingDialog)
    assert isinstance(missing, KeysMissingDialog)
    assert missing.windowTitle() == "Thiếu tệp khoá"
    missing.install(usb / "not-a-key.keys")
    qtbot.waitUntil(missing.message.isVisible)
    assert missing.message.text() == "Tệp not-a-key.keys không phải tệp khoá của phần mềm này."
    missing.install(usb / (backup.name + ".keys"))
    login = wait_for(qtbot, flow, LoginDialog)
    assert isinstance(login, LoginDialog)
    type_into(qtbot, login.username, "pheduyet")
    type_into(qtbot, login.password, PASSWORDS["pheduyet"])
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: len(signed_in) == 1, timeout=10_000)


def test_after_login_the_window_opens_and_a_temporary_password_is_changed_first(
    installation: Installation, qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install("vi")
    controller = AppController(qapp, installation.paths)
    clerk = installation.gate().login("nhaplieu", PASSWORDS["nhaplieu"], today=lambda: TODAY)
    try:
        controller.open_window(clerk)
        assert controller.window is not None and controller.window.isVisible()
        page = controller.window.pages["settings"]
        assert isinstance(page, SettingsPage)
        dialog = page.dialog
        assert isinstance(dialog, ChangePasswordDialog)
        assert dialog.message.text() == "Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu ngay."
        type_into(qtbot, dialog.old_password, "sai")
        type_into(qtbot, dialog.new_password.first, "Mật khẩu riêng của tôi")
        type_into(qtbot, dialog.new_password.again, "Mật khẩu riêng của tôi")
        click(qtbot, dialog.submit_button)
        qtbot.waitUntil(lambda: dialog.error_for("old_password").isVisible(), timeout=10_000)
        assert dialog.error_for("old_password").text().startswith("Sai tên đăng nhập")
        type_into(qtbot, dialog.old_password, PASSWORDS["nhaplieu"])
        with qtbot.waitSignal(dialog.saved, timeout=10_000):
            click(qtbot, dialog.submit_button)
        assert not clerk.accounts.must_change_password()
        assert page.accounts_message.text() == "Đã đổi mật khẩu của bạn."
        assert controller.guard is not None and controller.guard.minutes == 10
    finally:
        controller.close()
    assert clerk.ctx.database.engine.pool.checkedout() == 0


def test_after_a_restore_the_program_closes_its_window_and_asks_to_log_in_again(
    installation: Installation, qtbot: QtBot, qapp: QApplication
) -> None:
    i18n.install("vi")
    controller = AppController(qapp, installation.paths)
    admin = installation.gate().login("quantri", PASSWORDS["quantri"], today=lambda: TODAY)
    try:
        controller.open_window(admin)
        window = controller.window
        assert window is not None
        page = window.pages["settings"]
        assert isinstance(page, SettingsPage)
        page.restart_requested.emit()  # what the restore's closing message does
        assert controller.window is None and controller.services is None
        assert admin.ctx.database.engine.pool.checkedout() == 0
        assert controller.flow is not None
        qtbot.waitUntil(
            lambda: controller.flow is not None and isinstance(controller.flow.dialog, LoginDialog),
            timeout=10_000,
        )
        assert controller.flow.dialog.isVisible()
        assert controller.flow.dialog.username.text() == "quantri"  # remembered
    finally:
        controller.close()
