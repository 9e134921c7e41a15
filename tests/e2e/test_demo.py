"""`make demo` without the window (`--no-gui`): the launcher starts its own server, prepares the
demo PC (people, a conflict in the making), syncs once and stops the server; the folder it
leaves is what the app opens, with the conflict on the Đồng bộ screen."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from btxh_desktop import demo_launch
from btxh_desktop.demo_launch import DemoFolder, DemoServer
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate
from btxh_desktop.services.sync import SyncService
from btxh_desktop.storage.models import Person
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.sync_view import SyncPage
from btxh_server.db import make_engine
from tests.e2e.support import child_env

pytestmark = pytest.mark.slow

PEOPLE = 120
SCOPE = f"commune:{demo_launch.COMMUNE}"


@dataclass
class DemoRun:
    folder: DemoFolder
    output: str
    url: str


def run_demo(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "btxh_desktop.demo_launch",
            "--folder",
            str(folder),
            "--people",
            str(PEOPLE),
            "--no-gui",
        ],
        env=child_env(),
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )


def server_url(output: str) -> str:
    found = re.search(r"http://127\.0\.0\.1:\d+", output)
    assert found is not None, output
    return found.group(0)


def assert_stopped(folder: DemoFolder, url: str) -> None:
    """Nothing listens on the demo's port, and no server process of this folder is left."""
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    proc = Path("/proc")
    if proc.is_dir():
        database = folder.database_url.encode()
        for cmdline in proc.glob("[0-9]*/cmdline"):
            try:
                assert database not in cmdline.read_bytes(), f"server left running: {cmdline}"
            except OSError:  # the process ended while we looked
                continue


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    folder = tmp_path_factory.mktemp("demo") / "btxh-demo"
    done = run_demo(folder)
    assert done.returncode == 0, done.stdout + done.stderr
    return DemoRun(DemoFolder(folder), done.stdout, server_url(done.stdout))


@pytest.fixture
def pc(demo: DemoRun) -> Iterator[Services]:
    """The demo PC, logged in as the printed account, with the demo's keyring."""
    services = Gate(demo.folder.pc).login(demo_launch.LOCAL_USER, demo_launch.PASSWORD)
    services.sync = SyncService(services.ctx, demo.folder.credentials())
    yield services
    services.close()


def server_people(folder: DemoFolder) -> set[str]:
    engine = make_engine(folder.database_url, pool_size=1)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT id FROM records WHERE entity = 'person' AND scope = :scope"
                    " AND deleted_at IS NULL"
                ),
                {"scope": SCOPE},
            )
            return {row.id for row in rows}
    finally:
        engine.dispose()


def test_the_server_starts_on_a_free_port_and_stops(tmp_path: Path) -> None:
    folder = DemoFolder(tmp_path / "demo")
    demo_launch.seed_accounts(folder)
    server = DemoServer.start(folder)
    try:
        assert requests.get(f"{server.url}/api/v1/health", timeout=5).ok
        login = requests.post(
            f"{server.url}/api/v1/auth/login",
            json={"username": demo_launch.COMMUNE_ACCOUNT, "password": demo_launch.PASSWORD},
            headers={"X-BTXH-Protocol": "1"},
            timeout=30,
        )
        assert login.status_code == 200, login.text
    finally:
        server.stop()
    assert server.process.returncode is not None
    assert_stopped(folder, server.url)


def test_no_gui_prepares_syncs_once_and_stops_the_server(demo: DemoRun, pc: Services) -> None:
    assert "demo / btxh-demo" in demo.output  # the printed login
    assert "Open conflicts: 1" in demo.output
    assert_stopped(demo.folder, demo.url)

    with pc.ctx.read() as session:
        local = set(session.scalars(select(Person.id).where(Person.deleted_at.is_(None))))
    assert len(local) == PEOPLE
    assert server_people(demo.folder) == local

    status = pc.sync.status()
    assert status.logged_in and status.pending == 0
    [conflict] = pc.sync.conflicts()
    assert conflict.field == "phone"
    assert conflict.kept_value == demo_launch.PHONE_PROVINCE
    assert conflict.proposed_value == demo_launch.PHONE_HERE


def test_a_second_run_reuses_the_folder_and_signs_in_to_the_new_server(demo: DemoRun) -> None:
    done = run_demo(demo.folder.root)
    assert done.returncode == 0, done.stdout + done.stderr
    url = server_url(done.stdout)
    assert "reusing the demo folder" in done.stdout
    assert "Open conflicts: 1" in done.stdout
    assert_stopped(demo.folder, url)
    # The PC keeps one refresh token: for this run's server, not the last run's.
    tokens = (demo.folder.root / "keyring" / "keyring_pass.cfg").read_text("utf-8")
    assert "127_2e0_2e0_2e1" in tokens
    assert tokens.count(demo_launch.COMMUNE_ACCOUNT) == 1
    assert str(url.rsplit(":", 1)[1]) in tokens
    state = json.loads(demo.folder.marker.read_text("utf-8"))
    assert state["people"] == PEOPLE


@pytest.mark.gui
def test_the_sync_screen_shows_the_conflict(pc: Services, qapp: object, qtbot: QtBot) -> None:
    i18n.install("vi")
    ui = UiContext.create(pc)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    try:
        page = window.show_page("sync")
        assert isinstance(page, SyncPage)
        qtbot.waitUntil(lambda: page.conflicts_value.text() == "1", timeout=10_000)
        qtbot.waitUntil(ui.runner.idle, timeout=10_000)
        assert page.tabs.tabText(0) == "Xung đột (1)"
        assert page.conflicts.rowCount() == 1
    finally:
        window.close()
        ui.close()
