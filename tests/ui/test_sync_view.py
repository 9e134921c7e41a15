"""The Đồng bộ screen and the status bar, driven through their widgets against a real central
server on 127.0.0.1: setting up and signing in, a sync with its progress ending "Đã đồng bộ",
a conflict between two PCs settled on screen (and the other PC converging), a refused change
sent again once its cause is fixed, stopping a run, and a failed run that keeps everything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.sync import ConflictView, SqliteSyncStore, SyncService
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import Person
from btxh_desktop.sync.engine import Progress, Stage
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.sync_view import SyncPage
from tests.conftest import ADMIN, TODAY
from tests.e2e.support import (
    FAST_RETRIES,
    PASSWORD,
    Client,
    ServerProcess,
    fresh_commune,
    keyring_for,
    make_client,
)

RUN_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    folder = tmp_path_factory.mktemp("central")
    process = ServerProcess(f"sqlite:///{folder}/central.db", folder / "server").start()
    try:
        yield process
    finally:
        process.stop()


@dataclass
class Desk:
    """The PC whose screen is driven: its window on the Đồng bộ screen."""

    services: Services
    ui: UiContext
    window: MainWindow
    page: SyncPage
    commune: str
    username: str
    folder: Path
    others: list[Client]


@pytest.fixture
def desk(central: ServerProcess, tmp_path: Path, qapp: object, qtbot: QtBot) -> Iterator[Desk]:
    commune = fresh_commune()
    username = central.add_user(f"commune:{commune}")
    services = open_services(AppPaths(tmp_path / "gui" / "data"), ADMIN, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, commune)
    services.sync = SyncService(services.ctx, keyring_for(tmp_path / "gui"), FAST_RETRIES)
    i18n.install("vi")
    ui = UiContext.create(services)
    window = MainWindow(ui)
    window.show()
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    made = Desk(services, ui, window, page, commune, username, tmp_path, [])
    settle(qtbot, made)
    yield made
    page.controller.cancel()
    qtbot.waitUntil(lambda: not page.controller.running, timeout=RUN_TIMEOUT_MS)
    settle(qtbot, made)
    window.close()
    ui.close()
    services.close()
    for client in made.others:
        client.close()


# ---------------------------------------------------------------------- helpers


def settle(qtbot: QtBot, desk: Desk) -> None:
    """Background jobs done and their results (and the change notifications) shown."""
    for _ in range(3):
        qtbot.waitUntil(desk.ui.runner.idle, timeout=RUN_TIMEOUT_MS)
        qtbot.wait(30)
    qtbot.waitUntil(desk.ui.runner.idle, timeout=RUN_TIMEOUT_MS)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_run(qtbot: QtBot, desk: Desk) -> None:
    qtbot.waitUntil(lambda: not desk.page.controller.running, timeout=RUN_TIMEOUT_MS)
    settle(qtbot, desk)


def connect(qtbot: QtBot, desk: Desk, central: ServerProcess) -> None:
    """Set up and sign in through the screen, as the commune's officer does once."""
    page = desk.page
    page.server_url.setText(central.url)
    page.username.setText(desk.username)
    click(qtbot, page.login_button)  # saves the address first, then asks the password
    qtbot.waitUntil(lambda: page.login_dialog is not None, timeout=RUN_TIMEOUT_MS)
    dialog = page.login_dialog
    assert dialog is not None
    dialog.password.setText(PASSWORD)
    click(qtbot, dialog.sign_in)
    qtbot.waitUntil(lambda: page.login_dialog is None, timeout=RUN_TIMEOUT_MS)
    wait_run(qtbot, desk)  # signing in starts the first sync


def sync_now(qtbot: QtBot, desk: Desk) -> None:
    click(qtbot, desk.page.sync_button)
    wait_run(qtbot, desk)


def texts(model: Any, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def edit_person(services: Services, person_id: str, **changes: Any) -> None:
    people = services.people
    people.update(person_id, dataclasses.replace(people.get(person_id).draft, **changes))


def answer_yes(qtbot: QtBot, page: SyncPage) -> None:
    qtbot.waitUntil(lambda: page.confirm_box is not None)
    box = page.confirm_box
    assert box is not None
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    yes.click()


# ---------------------------------------------------------------------- tests


def test_set_up_sign_in_and_sync_now_with_progress_ending_synced(
    desk: Desk, central: ServerProcess, qtbot: QtBot
) -> None:
    page, window = desk.page, desk.window
    assert page.title() == "Đồng bộ"
    keys = [window.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.nav.count())]
    assert keys.index("sync") == keys.index("reports") + 1 == keys.index("settings") - 1
    assert page.state_label.text().startswith("Chưa cấu hình đồng bộ")
    assert window.sync_label.text() == "Chưa cấu hình đồng bộ"
    for i in range(3):
        desk.services.people.create(
            PersonDraft(full_name=f"Nguyễn Văn {i}", commune_code=desk.commune)
        )
    settle(qtbot, desk)
    assert window.sync_label.text() == "Chưa cấu hình đồng bộ · Chưa đồng bộ: 3 thay đổi chờ gửi"
    seen: list[tuple[Progress, str, str]] = []
    page.controller.progress_changed.connect(
        lambda p: seen.append((p, window.sync_label.text(), page.stage_label.text()))
    )

    connect(qtbot, desk, central)

    pushes = [(p, bar, stage) for p, bar, stage in seen if p.stage == Stage.PUSH and p.done]
    assert pushes and pushes[-1][0].total == 3
    assert pushes[-1][1] == "Đang đồng bộ… (gửi 3/3)"
    assert pushes[-1][2] == "Đang gửi thay đổi: 3/3"
    assert {p.stage for p, _, _ in seen} >= {Stage.CONNECT, Stage.PUSH, Stage.AUDIT, Stage.PULL}
    assert page.state_label.text() == "Đã đồng bộ"
    assert page.pending_value.text() == "0"
    assert page.login_state.text() == "Đã đăng nhập"
    assert window.sync_label.text().startswith("Đã đồng bộ lúc ")
    assert not page.progress.isVisible() and not page.stop_button.isEnabled()
    assert texts(page.history, 2) == ["Thành công"]

    # A new edit: no longer "synced" until the next run has sent it.
    desk.services.people.create(PersonDraft(full_name="Trần Thị Tư", commune_code=desk.commune))
    qtbot.waitUntil(lambda: page.state_label.text() == "Chưa đồng bộ hết")
    settle(qtbot, desk)
    assert page.pending_value.text() == "1"
    assert window.sync_label.text() == "Chưa đồng bộ: 1 thay đổi chờ gửi"
    sync_now(qtbot, desk)
    assert page.state_label.text() == "Đã đồng bộ"
    assert texts(page.history, 1) == ["Bấm tay", "Bấm tay"]
    assert texts(page.history, 3) == ["1", "3"]


def test_a_conflict_shows_both_values_and_settling_it_on_screen_syncs(
    desk: Desk, central: ServerProcess, qtbot: QtBot, qtmodeltester: Any
) -> None:
    page = desk.page
    connect(qtbot, desk, central)
    person = desk.services.people.create(
        PersonDraft(
            full_name="Lê Thị Năm",
            birth=PartialDate(1948),
            phone="0900000000",
            commune_code=desk.commune,
        )
    )
    sync_now(qtbot, desk)
    other = make_client(desk.folder / "pc2", central.url, desk.commune, desk.username)
    desk.others.append(other)
    other.sync.run()
    edit_person(other.services, person.id, phone="0911111111", birth=PartialDate(1949))
    other.sync.run()
    edit_person(desk.services, person.id, phone="0922222222", birth=PartialDate(1950))

    sync_now(qtbot, desk)

    assert page.tabs.tabText(0) == "Xung đột (2)"
    model = page.conflicts
    qtmodeltester.check(model)
    rows = {texts(model, 1)[r]: r for r in range(model.rowCount())}
    assert set(rows) == {"Số điện thoại", "Năm sinh"}
    phone = rows["Số điện thoại"]
    assert model.data(model.index(phone, 0)) == f"Lê Thị Năm ({person.code})"
    # Side by side: the value the server kept, and this PC's, each with who made it.
    assert model.data(model.index(phone, 2)) == "0911111111\nngười sửa: quantri"
    assert model.data(model.index(phone, 3)) == "0922222222\nngười sửa: quantri"
    assert page.conflicts_value.text() == "2"
    assert "2 xung đột" in desk.window.sync_label.text()

    # This PC's phone number is the right one: chosen with one click, and sent at once.
    page.conflicts_table.selectRow(phone)
    click(qtbot, page.keep_mine_button)
    wait_run(qtbot, desk)
    # The year of birth is typed: a wrong value is refused in the dialog, a right one kept.
    year = next(r for r in range(model.rowCount()) if texts(model, 1)[r] == "Năm sinh")
    page.conflicts_table.selectRow(year)
    click(qtbot, page.type_value_button)
    dialog = page.resolve_dialog
    assert dialog is not None and dialog.edit is not None
    dialog.edit.setText("năm bốn tám")
    click(qtbot, dialog.save)
    settle(qtbot, desk)
    assert dialog.message.text() == "Giá trị không hợp lệ cho trường này."
    dialog.edit.setText("1947")
    click(qtbot, dialog.save)
    wait_run(qtbot, desk)

    assert page.conflicts.rowCount() == 0 and page.tabs.tabText(0) == "Xung đột (0)"
    assert page.state_label.text() == "Đã đồng bộ"
    draft = desk.services.people.get(person.id).draft
    assert (draft.phone, draft.birth) == ("0922222222", PartialDate(1947))
    other.sync.run()
    theirs = other.services.people.get(person.id).draft
    assert (theirs.phone, theirs.birth) == ("0922222222", PartialDate(1947))
    assert other.sync.conflicts() == []
    qtmodeltester.check(page.history)


def test_a_refused_change_shows_why_and_is_sent_again_once_fixed(
    desk: Desk, central: ServerProcess, qtbot: QtBot, qtmodeltester: Any
) -> None:
    page = desk.page
    connect(qtbot, desk, central)
    there = fresh_commune()
    first = make_client(desk.folder / "pc2", central.url, desk.commune, desk.username)
    newcomer = make_client(
        desk.folder / "pc3", central.url, there, central.add_user(f"commune:{there}")
    )
    desk.others += [first, newcomer]
    person = first.services.people.create(
        PersonDraft(full_name="Trần Thị Bình", commune_code=desk.commune)
    )
    first.sync.run()
    sync_now(qtbot, desk)
    # This PC edits the person while the other one moves her to another commune.
    edit_person(desk.services, person.id, phone="0966666666")
    with first.services.ctx.unit_of_work() as session:
        row = session.get(Person, person.id)
        assert row is not None
        row.commune_code = there
        tracking.queue_move(session, row, f"commune:{there}")
    first.sync.run()

    sync_now(qtbot, desk)

    assert page.tabs.tabText(1) == "Thay đổi bị từ chối (1)"
    qtmodeltester.check(page.rejected)
    reason = "Hồ sơ không thuộc xã/cơ sở của tài khoản (có thể đã chuyển đi)."
    assert texts(page.rejected, 5) == [reason]
    assert texts(page.rejected, 3) == ["Số điện thoại"]
    assert page.rejected_reason.text().endswith(reason)
    assert page.state_label.text() == "Chưa đồng bộ hết"
    assert "1 bị từ chối" in desk.window.sync_label.text()

    # "Sửa hồ sơ" opens the person's own form.
    click(qtbot, page.edit_record_button)
    qtbot.waitUntil(lambda: getattr(page, "person_form", None) is not None)
    form = page.person_form
    assert isinstance(form, PersonForm) and form.person_id == person.id
    settle(qtbot, desk)
    form.close()

    # The province gives this commune's account the new commune too; then send again.
    central.accounts().set_scopes(desk.username, [f"commune:{desk.commune}", f"commune:{there}"])
    click(qtbot, page.resend_button)
    answer_yes(qtbot, page)
    wait_run(qtbot, desk)

    assert page.rejected.rowCount() == 0
    newcomer.sync.run()
    assert newcomer.services.people.get(person.id).draft.phone == "0966666666"


def test_stop_ends_the_run_and_keeps_what_is_left_for_later(
    desk: Desk, central: ServerProcess, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = desk.page
    connect(qtbot, desk, central)
    desk.services.sync.configure(batch_size=5)
    for i in range(30):
        desk.services.people.create(
            PersonDraft(full_name=f"Phạm Văn {i}", commune_code=desk.commune)
        )
    settle(qtbot, desk)
    recorded = SqliteSyncStore.record_results

    def slow(self: SqliteSyncStore, *args: Any) -> None:
        time.sleep(0.15)  # a slow link: each batch takes a while
        recorded(self, *args)

    monkeypatch.setattr(SqliteSyncStore, "record_results", slow)
    click(qtbot, page.sync_button)
    qtbot.waitUntil(
        lambda: (
            page.controller.progress is not None
            and page.controller.progress.stage == Stage.PUSH
            and page.controller.progress.done > 0
        ),
        timeout=RUN_TIMEOUT_MS,
    )
    assert page.stop_button.isEnabled() and page.progress.isVisible()
    click(qtbot, page.stop_button)
    wait_run(qtbot, desk)

    assert texts(page.history, 2)[0] == "Đã dừng"
    status = desk.services.sync.status()
    assert 0 < status.pending < 30 and not status.synced
    assert page.message.text().startswith("Đã dừng đồng bộ.")
    assert page.sync_button.isEnabled() and not page.stop_button.isEnabled()


def test_a_failed_run_keeps_everything_and_says_so_in_the_status_bar(
    desk: Desk, central: ServerProcess, qtbot: QtBot
) -> None:
    page = desk.page
    connect(qtbot, desk, central)
    desk.services.sync.configure(interval_minutes=1)
    desk.services.people.create(PersonDraft(full_name="Võ Thị Sáu", commune_code=desk.commune))
    port = central.port
    central.stop()
    try:
        sync_now(qtbot, desk)
        assert desk.window.sync_label.text() == (
            "Không kết nối được máy chủ — dữ liệu vẫn được giữ trên máy, sẽ thử lại sau"
            " · Chưa đồng bộ: 1 thay đổi chờ gửi"
        )
        assert page.message.text().startswith("Không kết nối được máy chủ")
        assert texts(page.history, 2)[:2] == ["Không thành công", "Thành công"]
        assert desk.services.sync.status().pending == 1
        # Due by the clock, but the server does not answer: the schedule does not run.
        a_while_ago(desk)
        page.controller.tick()
        settle(qtbot, desk)
        assert page.history.rowCount() == 2
    finally:
        central.extra = ["--port", str(port)]  # back where the PC expects it
        central.start()
        central.extra = []

    # The server is back: the schedule finds the run due and sends the change.
    page.controller.tick()
    qtbot.waitUntil(lambda: page.history.rowCount() == 3, timeout=RUN_TIMEOUT_MS)
    wait_run(qtbot, desk)
    assert texts(page.history, 1)[0] == "Tự động"
    assert texts(page.history, 2)[0] == "Thành công"
    assert page.state_label.text() == "Đã đồng bộ"
    assert desk.window.sync_label.text().startswith("Đã đồng bộ lúc ")


def a_while_ago(desk: Desk) -> None:
    """As if the last attempts were five minutes ago."""
    with desk.services.ctx.unit_of_work_unbound() as session:
        session.execute(
            text("UPDATE sync_runs SET started_at = datetime(started_at, '-5 minutes')")
        )


def test_a_payment_conflict_is_marked_and_left_to_an_approver(
    tmp_path: Path, qapp: object, qtbot: QtBot, qtmodeltester: Any
) -> None:
    paths = AppPaths(tmp_path / "data")
    admin = open_services(paths, ADMIN, today=lambda: TODAY)
    admin.site.initialise(SiteType.COMMUNE, fresh_commune())
    admin.close()
    services = open_services(
        paths, Actor("nhaplieu", Role.DATA_ENTRY, "Nhập Liệu"), today=lambda: TODAY
    )
    i18n.install("vi")
    ui = UiContext.create(services)
    page = SyncPage(ui)
    qtbot.addWidget(page)
    page.show()
    try:
        qtbot.waitUntil(lambda: page.snapshot is not None)
        assert page.snapshot is not None
        moment = dt.datetime(2026, 11, 16, 2, 0)
        payment = ConflictView(
            "c1", "allowance_case", "a1", "Lê Văn Tám (26740-000008)", "coefficient",
            "2.5", "canbo2", "3", "canbo", "2.5", True, moment, "open", None, "other-pc",
        )  # fmt: skip
        phone = dataclasses.replace(
            payment, id="c2", entity="person", field="phone", payment_field=False,
            kept_value="0911111111", proposed_value="0922222222",
        )  # fmt: skip
        page._loaded(dataclasses.replace(page.snapshot, conflicts=[payment, phone]))
        qtmodeltester.check(page.conflicts)

        model = page.conflicts
        assert texts(model, 1) == ["Hệ số (chi trả)", "Số điện thoại"]
        assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None
        assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is None
        assert texts(model, 2)[0] == "2,5\nngười sửa: canbo2"
        assert texts(model, 3)[0] == "3 (sửa trên máy khác)\nngười sửa: canbo"
        page.conflicts_table.selectRow(0)
        assert not page.keep_mine_button.isEnabled()
        assert page.keep_mine_button.toolTip().startswith("Thông tin này ảnh hưởng đến chi trả")
        assert page.conflict_note.text() == (
            "Chỉ người phê duyệt được xử lý xung đột về thông tin chi trả."
        )
        page.conflicts_table.selectRow(1)
        assert page.keep_mine_button.isEnabled() and page.type_value_button.isEnabled()
        # Data entry may sync but not change where the PC syncs to.
        assert not page.save_button.isEnabled() and not page.server_url.isEnabled()
    finally:
        page.close()
        qtbot.waitUntil(ui.runner.idle)
        ui.close()
        services.close()
