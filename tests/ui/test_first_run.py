"""The first-run wizard, driven through its widgets: a commune and a facility set up all the
way to the main window, the place found by typing without diacritics, the sync server put
off or connected (against a real server on 127.0.0.1, a mistyped address first), and an
installation whose administrator exists but whose site does not asked for the site only."""

from __future__ import annotations

import socket
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from btxh_desktop.app import AppController
from btxh_desktop.domain.codes import SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate, GateStatus
from btxh_desktop.storage.models import Facility
from btxh_desktop.sync import credentials
from btxh_desktop.ui import i18n
from btxh_desktop.ui.dialogs.first_run import FirstRunWizard
from btxh_desktop.ui.dialogs.login import LoginDialog
from btxh_desktop.ui.tasks import TaskRunner
from tests.conftest import TODAY
from tests.e2e.support import PASSWORD, ServerProcess, fresh_commune
from tests.ui.security_support import click, type_into

ADMIN_PASSWORD = "Hoa mai nở sớm 2026"
TIMEOUT = 15_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("central")
    process = ServerProcess(f"sqlite:///{folder}/central.db", folder / "server").start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sign-in key goes to a file in the test's folder, never a real user keyring."""
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "python_keyring" / "keyring_pass.cfg")
    monkeypatch.setattr(credentials, "default_backend", lambda: backend)


@pytest.fixture
def controller(paths: AppPaths, qapp: QApplication) -> Iterator[AppController]:
    i18n.install("vi")
    made = AppController(qapp, paths)
    yield made
    made.close()


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    i18n.install("vi")
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def opened() -> Iterator[list[Services]]:
    made: list[Services] = []
    yield made
    for services in made:
        services.close()


# ---------------------------------------------------------------------- helpers


def wizard_of(qtbot: QtBot, controller: AppController) -> FirstRunWizard:
    def shown() -> FirstRunWizard | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, FirstRunWizard) and widget.isVisible():
                return widget
        return None

    qtbot.waitUntil(lambda: shown() is not None, timeout=TIMEOUT)
    wizard = shown()
    assert wizard is not None
    qtbot.waitUntil(lambda: wizard.runner.idle() and wizard.reference is not None)
    return wizard


def settle(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    qtbot.wait(20)
    qtbot.waitUntil(wizard.runner.idle, timeout=TIMEOUT)
    qtbot.wait(20)


def choose(qtbot: QtBot, wizard: FirstRunWizard, kind: SiteType) -> None:
    button = wizard.kind_page.facility if kind == SiteType.FACILITY else wizard.kind_page.commune
    click(qtbot, button)
    click(qtbot, wizard.next_button)
    assert wizard.current == "place"


def pick(qtbot: QtBot, wizard: FirstRunWizard, typed: str, label: str) -> None:
    """Type into the commune search and pick the line that reads `label`."""
    page = wizard.place_page
    type_into(qtbot, page.commune_filter, typed)
    lines = [page.commune_list.item(row).text() for row in range(page.commune_list.count())]
    assert label in lines, lines
    page.commune_list.setCurrentRow(lines.index(label))


def pick_code(qtbot: QtBot, wizard: FirstRunWizard, code: str) -> None:
    assert wizard.reference is not None
    commune = wizard.reference.commune(code)
    province = wizard.reference.province(commune.province_code) if commune else None
    assert commune is not None and province is not None
    pick(qtbot, wizard, commune.name, f"{commune.full_name}, {province.full_name}")


def create_admin(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.admin_page
    assert page is not None and wizard.current == "admin"
    assert not wizard.next_button.isVisible()  # the form's own button takes its place
    type_into(qtbot, page.full_name, "Nguyễn Thị Thu")
    type_into(qtbot, page.password.first, ADMIN_PASSWORD)
    type_into(qtbot, page.password.again, ADMIN_PASSWORD)
    assert page.create_button.text() == "Tạo tài khoản quản trị"
    click(qtbot, page.create_button)
    qtbot.waitUntil(lambda: wizard.current == "recovery", timeout=TIMEOUT)
    settle(qtbot, wizard)


def record_key(qtbot: QtBot, wizard: FirstRunWizard) -> str:
    panel = wizard.key_panel
    assert panel is not None and panel.isVisible()
    assert not panel.continue_button.isVisible()
    # No way back and no way on until the key is recorded: Esc and closing do nothing.
    assert not wizard.back_button.isVisible() and not wizard.quit_button.isVisible()
    assert not wizard.next_button.isEnabled()
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    wizard.close()
    assert wizard.isVisible() and wizard.current == "recovery"
    panel.confirm.setChecked(True)
    click(qtbot, wizard.next_button)
    assert wizard.current == "server"
    return panel.key_label.text()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------------- new installations


def test_a_commune_is_set_up_to_the_main_window_with_the_server_put_off(
    controller: AppController, paths: AppPaths, qtbot: QtBot
) -> None:
    controller.start()
    wizard = wizard_of(qtbot, controller)
    assert wizard.windowTitle() == "BTXH Desktop — lần đầu sử dụng"
    assert wizard.step_titles() == [
        "Loại đơn vị",
        "Địa bàn",
        "Tài khoản quản trị",
        "Mã khôi phục",
        "Máy chủ đồng bộ",
    ]
    click(qtbot, wizard.next_button)  # nothing chosen
    assert wizard.kind_page.error.text() == "Hãy chọn một trong hai loại đơn vị."
    assert wizard.current == "kind"
    choose(qtbot, wizard, SiteType.COMMUNE)
    assert wizard.place_page.title.text() == "Xã/phường nào?"
    click(qtbot, wizard.next_button)  # no commune yet
    assert wizard.place_page.error.text() == (
        "Hãy chọn tỉnh/thành phố, rồi chọn xã/phường trong danh sách."
    )
    type_into(qtbot, wizard.place_page.province_filter, "ho chi minh")
    assert wizard.place_page.province_code() == "79"  # the only match is taken
    type_into(qtbot, wizard.place_page.commune_filter, "sai gon")
    click(qtbot, wizard.next_button)  # one commune left: as good as picking it
    assert wizard.place_page.commune_code() == "26740"
    assert wizard.current == "admin"
    assert Gate(paths).status() is GateStatus.NEW  # nothing written before the account

    # Back keeps what was chosen.
    click(qtbot, wizard.back_button)
    assert wizard.place_page.chosen.text() == ("Đã chọn: Phường Sài Gòn, Thành phố Hồ Chí Minh")
    click(qtbot, wizard.next_button)
    create_admin(qtbot, wizard)
    record_key(qtbot, wizard)

    assert wizard.skip_button.text() == "Để sau"
    click(qtbot, wizard.skip_button)
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=TIMEOUT
    )
    assert controller.services is not None
    info = controller.services.site.info()
    assert info is not None
    assert (info.site_type, info.site_code, info.site_name, info.province_code) == (
        SiteType.COMMUNE,
        "26740",
        "Phường Sài Gòn",
        "79",
    )
    assert not controller.services.sync.settings().configured
    assert not wizard.isVisible()


def test_a_facility_is_set_up_to_the_main_window(controller: AppController, qtbot: QtBot) -> None:
    controller.start()
    wizard = wizard_of(qtbot, controller)
    choose(qtbot, wizard, SiteType.FACILITY)
    assert wizard.step_titles()[2] == "Thông tin cơ sở"
    assert wizard.place_page.title.text() == "Cơ sở đặt tại đâu?"
    type_into(qtbot, wizard.place_page.province_filter, "ha tinh")
    pick(qtbot, wizard, "thach ha", "Xã Thạch Hà")
    click(qtbot, wizard.next_button)
    assert wizard.current == "facility"
    page = wizard.facility_page
    assert page.place.text() == "Xã Thạch Hà, Tỉnh Hà Tĩnh"
    type_into(qtbot, page.name, "Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh")
    type_into(qtbot, page.code, "TT BTXH 01")
    click(qtbot, wizard.next_button)
    assert wizard.current == "facility"
    assert page.code_error.text() == (
        "Mã cơ sở phải gồm 1 đến 16 ký tự: chữ cái không dấu, chữ số, dấu - hoặc _ "
        "(không có dấu cách), ví dụ TTBTXH01."
    )
    assert page.code.text() == "TT BTXH 01"  # what was typed stays
    type_into(qtbot, page.code, "TTBTXH-HT")
    click(qtbot, wizard.next_button)
    assert wizard.current == "admin"
    create_admin(qtbot, wizard)
    record_key(qtbot, wizard)
    wizard.close()  # on the server step, closing means "later"
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=TIMEOUT
    )
    services = controller.services
    assert services is not None
    info = services.site.info()
    assert info is not None
    assert (info.site_type, info.site_code, info.site_name, info.province_code) == (
        SiteType.FACILITY,
        "TTBTXH-HT",
        "Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh",
        "42",
    )
    with services.ctx.read() as session:
        facility = session.scalars(select(Facility)).one()
    assert (facility.code, facility.commune_code) == ("TTBTXH-HT", "18562")


def test_the_place_is_found_by_typing_without_diacritics(
    paths: AppPaths, runner: TaskRunner, qtbot: QtBot
) -> None:
    wizard = FirstRunWizard(runner, gate=Gate(paths), today=lambda: TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: runner.idle() and wizard.reference is not None)
    choose(qtbot, wizard, SiteType.COMMUNE)
    page = wizard.place_page

    # Before a province: the whole country, each line saying its province.
    type_into(qtbot, page.commune_filter, "dong hoa")
    lines = [page.commune_list.item(row).text() for row in range(page.commune_list.count())]
    assert "Phường Đông Hòa, Tỉnh Đắk Lắk" in lines
    assert "Phường Đông Hòa, Thành phố Hồ Chí Minh" in lines
    page.commune_list.setCurrentRow(lines.index("Phường Đông Hòa, Tỉnh Đắk Lắk"))
    # The commune brings its province along.
    assert page.province_code() == "66"
    assert page.province_list.currentItem().text() == "Tỉnh Đắk Lắk"
    assert page.chosen.text() == "Đã chọn: Phường Đông Hòa, Tỉnh Đắk Lắk"

    # Đ is folded to D, capitals and NFD spellings too.
    type_into(qtbot, page.province_filter, "DAK L")
    assert [page.province_list.item(r).text() for r in range(page.province_list.count())] == [
        "Tỉnh Đắk Lắk"
    ]
    type_into(qtbot, page.commune_filter, "DONG")
    within = [page.commune_list.item(r).text() for r in range(page.commune_list.count())]
    # Within a province, names alone; Đông and Đồng alike.
    assert within == ["Phường Đông Hòa", "Xã Đồng Xuân", "Xã Tuy An Đông"]
    type_into(qtbot, page.commune_filter, unicodedata.normalize("NFD", "Đông Hòa"))
    assert [page.commune_list.item(r).text() for r in range(page.commune_list.count())] == [
        "Phường Đông Hòa"
    ]


# ---------------------------------------------------------------------- the server


def test_the_server_is_checked_and_signed_in_and_a_wrong_address_keeps_what_was_typed(
    central: ServerProcess,
    paths: AppPaths,
    runner: TaskRunner,
    opened: list[Services],
    file_keyring: None,
    qtbot: QtBot,
) -> None:
    commune = fresh_commune()
    username = central.add_user(f"commune:{commune}")
    wizard = FirstRunWizard(runner, gate=Gate(paths), today=lambda: TODAY)
    qtbot.addWidget(wizard)
    wizard.completed.connect(opened.append)
    wizard.show()
    qtbot.waitUntil(lambda: runner.idle() and wizard.reference is not None)
    choose(qtbot, wizard, SiteType.COMMUNE)
    pick_code(qtbot, wizard, commune)
    click(qtbot, wizard.next_button)
    create_admin(qtbot, wizard)
    record_key(qtbot, wizard)
    page = wizard.server_page
    assert wizard.next_button.text() == "Đăng nhập và bắt đầu"

    # No scheme: refused by the service, the text stays.
    typed = central.url.removeprefix("http://")
    type_into(qtbot, page.url, typed)
    type_into(qtbot, page.username, username)
    click(qtbot, page.check_button)
    settle(qtbot, wizard)
    assert page.url_error.text() == (
        f"Địa chỉ máy chủ không hợp lệ: {typed} (phải bắt đầu bằng http:// hoặc https://)"
    )
    assert page.url.text() == typed

    # Nothing listens there.
    wrong = f"http://127.0.0.1:{closed_port()}"
    type_into(qtbot, page.url, wrong)
    click(qtbot, page.check_button)
    settle(qtbot, wizard)
    assert not page.url_error.isVisible()
    assert page.message.text().startswith(f"Không kết nối được máy chủ {wrong}. Hãy kiểm tra")
    assert page.url.text() == wrong
    assert wizard.current == "server" and not opened

    type_into(qtbot, page.url, central.url)
    click(qtbot, page.check_button)
    settle(qtbot, wizard)
    assert page.message.text() == "Máy chủ trả lời bình thường. Kết nối tốt."

    click(qtbot, wizard.next_button)  # no password
    assert page.password_error.text() == "Hãy nhập mật khẩu."
    type_into(qtbot, page.password, "sai mật khẩu")
    click(qtbot, wizard.next_button)
    settle(qtbot, wizard)
    assert page.message.isVisible() and "mật khẩu" in page.message.text()
    assert wizard.isVisible() and not opened

    type_into(qtbot, page.password, PASSWORD)
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=TIMEOUT)
    status = opened[0].sync.status()
    assert (status.server_url, status.username, status.logged_in) == (
        central.url,
        username,
        True,
    )
    info = opened[0].site.info()
    assert info is not None and info.site_code == commune


# ---------------------------------------------------------------------- an unfinished set-up


def test_an_administrator_without_a_site_is_asked_for_the_site_only(
    controller: AppController, paths: AppPaths, qtbot: QtBot
) -> None:
    first = Gate(paths).create_first_admin("quantri", "Nguyễn Thị Thu", ADMIN_PASSWORD)
    first.services.close()
    controller.start()
    qtbot.waitUntil(
        lambda: controller.flow is not None and isinstance(controller.flow.dialog, LoginDialog),
        timeout=TIMEOUT,
    )
    assert controller.flow is not None
    login = controller.flow.dialog
    assert isinstance(login, LoginDialog)
    type_into(qtbot, login.username, "quantri")
    type_into(qtbot, login.password, ADMIN_PASSWORD)
    click(qtbot, login.login_button)

    wizard = wizard_of(qtbot, controller)
    assert wizard.windowTitle() == "BTXH Desktop — thiết lập đơn vị"
    assert wizard.admin_page is None
    assert wizard.step_titles() == ["Loại đơn vị", "Địa bàn"]
    assert controller.window is None
    choose(qtbot, wizard, SiteType.COMMUNE)
    assert wizard.next_button.text() == "Hoàn tất"
    pick_code(qtbot, wizard, "26740")
    click(qtbot, wizard.next_button)
    qtbot.waitUntil(
        lambda: controller.window is not None and controller.window.isVisible(), timeout=TIMEOUT
    )
    assert controller.services is not None
    info = controller.services.site.info()
    assert info is not None and info.site_code == "26740"
    assert not wizard.isVisible()
