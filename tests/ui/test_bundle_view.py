"""Đồng bộ bằng USB on the Đồng bộ screen, driven through its widgets: the bundle code typed
in (a typo refused and kept for correcting), a bundle exported from a PC that never reaches
the server, applied at the office (`BundleDesk`, as `btxh-server bundle import` does) on a
real central server on 127.0.0.1, and the answer imported back — new records, a conflict
with another PC and the pending count on screen — and the refusals: a changed byte in the
answer, the folder busy with another sync."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.sync import SyncService
from btxh_desktop.sync.lock import folder_lock
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.sync_view import SyncPage
from btxh_server.bundle import BundleDesk
from btxh_server.scopes import ScopeRules
from tests.conftest import ADMIN, TODAY
from tests.e2e.support import (
    FAST_RETRIES,
    Client,
    ServerProcess,
    fresh_commune,
    keyring_for,
    make_client,
)

TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("central")
    process = ServerProcess(f"sqlite:///{folder}/central.db", folder / "server").start()
    try:
        yield process
    finally:
        process.stop()


@dataclass
class Village:
    """The commune PC with no link, its window on the Đồng bộ screen."""

    services: Services
    ui: UiContext
    window: MainWindow
    page: SyncPage
    commune: str
    username: str
    office: BundleDesk


@pytest.fixture
def village(
    central: ServerProcess, tmp_path: Path, qapp: object, qtbot: QtBot
) -> Iterator[Village]:
    commune = fresh_commune()
    username = central.add_user(f"commune:{commune}")
    services = open_services(AppPaths(tmp_path / "gui" / "data"), ADMIN, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, commune)
    services.sync = SyncService(services.ctx, keyring_for(tmp_path / "gui"), FAST_RETRIES)
    i18n.install("vi")
    ui = UiContext.create(services)
    # Files chosen earlier are remembered per PC; this one starts in the test's folder.
    ui.settings.setValue("sync/bundle_folder", str(tmp_path))
    window = MainWindow(ui)
    window.show()
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    office = BundleDesk(central.engine, ScopeRules(central.engine, ReferenceData.load()))
    made = Village(services, ui, window, page, commune, username, office)
    settle(qtbot, made)
    yield made
    settle(qtbot, made)
    window.close()
    ui.close()
    services.close()


@pytest.fixture
def online(central: ServerProcess, village: Village, tmp_path: Path) -> Iterator[Client]:
    """Another PC of the same commune, signed in and syncing over the network."""
    client = make_client(tmp_path / "online", central.url, village.commune, village.username)
    yield client
    client.close()


# ---------------------------------------------------------------------- helpers


def settle(qtbot: QtBot, pc: Village) -> None:
    for _ in range(3):
        qtbot.waitUntil(pc.ui.runner.idle, timeout=TIMEOUT_MS)
        qtbot.wait(30)
    qtbot.waitUntil(pc.ui.runner.idle, timeout=TIMEOUT_MS)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_file(qtbot: QtBot, pc: Village, button: QPushButton, path: Path | None) -> str:
    """Press the button, pick `path` in the file dialog it opens (as a person would by
    double-clicking), and return the name the dialog first offered."""
    click(qtbot, button)
    dialog = pc.page.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    offered = Path(dialog.selectedFiles()[0]).name if dialog.selectedFiles() else ""
    if path is not None:
        dialog.fileSelected.emit(str(path))
    dialog.reject()
    settle(qtbot, pc)
    return offered


def enter_code(qtbot: QtBot, pc: Village, code: str) -> None:
    click(qtbot, pc.page.key_button)
    dialog = pc.page.key_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.username.text() == ""  # nothing set up yet: the officer types it
    dialog.username.setText(pc.username)
    qtbot.keyClicks(dialog.code, code)
    click(qtbot, dialog.save)
    settle(qtbot, pc)


def trip(qtbot: QtBot, pc: Village, folder: Path, name: str) -> None:
    """Export from the screen, apply at the office, import the answer from the screen."""
    request, answer = folder / f"{name}.btxhb", folder / f"{name}-tra-loi.btxhb"
    choose_file(qtbot, pc, pc.page.export_button, request)
    assert request.exists()
    pc.office.import_file(request, answer)
    choose_file(qtbot, pc, pc.page.import_button, answer)


def flip(path: Path, offset: int) -> Path:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    changed = path.with_name(f"hong-{path.name}")
    changed.write_bytes(bytes(data))
    return changed


def edit_phone(services: Services, person_id: str, phone: str) -> None:
    people = services.people
    people.update(person_id, replace(people.get(person_id).draft, phone=phone))


# ---------------------------------------------------------------------- tests


def test_a_mistyped_code_is_refused_and_kept_for_correcting(village: Village, qtbot: QtBot) -> None:
    page = village.page
    assert page.findChild(object, "bundle_box").title() == "Đồng bộ bằng USB (không có mạng)"
    assert not page.export_button.isEnabled() and not page.import_button.isEnabled()
    assert page.key_state.text().startswith("Hãy nhập mã gói")
    code = village.office.key_code(village.username)
    typo = ("A" if code[0] != "A" else "B") + code[1:]

    enter_code(qtbot, village, typo)

    dialog = page.key_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.message.text().startswith("Mã gói đồng bộ không đúng")
    assert dialog.code.text() == typo and dialog.username.text() == village.username
    assert not page.export_button.isEnabled()

    dialog.code.setText(code.lower().replace("-", " "))  # as copied from paper, loosely
    click(qtbot, dialog.save)
    settle(qtbot, village)

    assert page.key_dialog is None  # accepted and closed
    assert page.key_state.text() == (f"Đã nhập mã gói đồng bộ cho tài khoản {village.username}.")
    assert page.export_button.isEnabled() and page.import_button.isEnabled()
    assert page.username.text() == village.username  # the PC's sync account from now on


def test_export_carry_and_import_the_answer_from_the_screen(
    village: Village, online: Client, central: ServerProcess, qtbot: QtBot, tmp_path: Path
) -> None:
    page = village.page
    shared = online.services.people.create(
        PersonDraft(full_name="Võ Thị Mai", commune_code=village.commune, phone="0900000001")
    )
    online.sync.run()
    enter_code(qtbot, village, village.office.key_code(village.username))
    for name in ("Nguyễn Thị Hoa", "Trần Văn Sơn"):
        village.services.people.create(PersonDraft(full_name=name, commune_code=village.commune))
    qtbot.waitUntil(lambda: page.pending_value.text() == "2", timeout=TIMEOUT_MS)

    request = tmp_path / "chuyen-1.btxhb"
    offered = choose_file(qtbot, village, page.export_button, request)

    assert offered == f"btxh-{village.commune}-{TODAY.isoformat()}.btxhb"
    assert request.exists()
    assert page.message.text().startswith(f"Đã xuất 2 thay đổi vào tệp {request}.")
    assert "Mang tệp này đến nơi có mạng" in page.message.text()
    assert page.message.property("role") == "notice"
    assert page.pending_value.text() == "2"  # still waiting until the answer comes back

    answer = tmp_path / "chuyen-1-tra-loi.btxhb"
    village.office.import_file(request, answer)
    choose_file(qtbot, village, page.import_button, answer)

    result = page.message.text()
    assert result.startswith(
        "Đã nhập gói trả lời: 2 thay đổi được máy chủ nhận, 0 bị từ chối, 0 xung đột mới, "
    )
    assert result.endswith("hồ sơ mới nhận; còn 0 thay đổi chờ gửi.")
    assert page.pending_value.text() == "0"
    assert village.services.people.get(shared.id).full_name == "Võ Thị Mai"
    history = page.history
    assert history.data(history.index(0, 1)) == "Gói USB"
    assert history.data(history.index(0, 2)) == "Thành công"
    assert page.state_label.text() == "Đã đồng bộ"

    # The other PC and this one change the same phone number; the next trip brings the
    # clash back as a conflict to settle on this screen.
    edit_phone(online.services, shared.id, "0911111111")
    online.sync.run()
    edit_phone(village.services, shared.id, "0922222222")
    qtbot.waitUntil(lambda: page.pending_value.text() == "1", timeout=TIMEOUT_MS)

    trip(qtbot, village, tmp_path, "chuyen-2")

    assert "1 xung đột mới" in page.message.text()
    assert page.message.text().endswith("Xem các thẻ bên dưới để biết việc cần quyết định.")
    assert page.conflicts_value.text() == "1" and page.tabs.tabText(0) == "Xung đột (1)"
    assert page.conflicts.data(page.conflicts.index(0, 0)).startswith("Võ Thị Mai")
    assert page.pending_value.text() == "0"
    assert "1 xung đột" in village.window.sync_label.text()
    assert [row.trigger for row in village.services.sync.history()] == ["bundle", "bundle"]

    # The same answer again: reported, nothing changes.
    choose_file(qtbot, village, page.import_button, tmp_path / "chuyen-2-tra-loi.btxhb")
    assert page.message.text() == "Gói trả lời này đã được nhập trước đó; không có gì thay đổi."
    assert len(village.services.sync.history()) == 2


def test_a_changed_answer_or_a_busy_folder_is_refused_with_the_reason(
    village: Village, qtbot: QtBot, tmp_path: Path
) -> None:
    page = village.page
    enter_code(qtbot, village, village.office.key_code(village.username))
    village.services.people.create(
        PersonDraft(full_name="Hồ Văn Tâm", commune_code=village.commune)
    )
    request, answer = tmp_path / "r.btxhb", tmp_path / "a.btxhb"
    choose_file(qtbot, village, page.export_button, request)
    village.office.import_file(request, answer)

    damaged = flip(answer, answer.stat().st_size - 20)
    choose_file(qtbot, village, page.import_button, damaged)

    assert page.message.property("role") == "error"
    assert page.message.text().startswith("Tệp gói đồng bộ bị hỏng")
    assert "Không có dữ liệu nào được nhập" in page.message.text()
    assert page.pending_value.text() == "1"
    assert page.import_button.isEnabled() and page.export_button.isEnabled()
    assert village.services.sync.history() == []

    # Another window (or `btxh`) syncing the same data folder: refused, nothing written.
    with folder_lock(village.services.ctx.paths.data_dir):
        choose_file(qtbot, village, page.export_button, tmp_path / "busy.btxhb")
    assert page.message.text().startswith("Đang đồng bộ ở cửa sổ khác")
    assert not (tmp_path / "busy.btxhb").exists()

    choose_file(qtbot, village, page.import_button, answer)
    assert page.pending_value.text() == "0"
