"""Screenshots of the Đồng bộ screen at 1366×768: after a real sync with a local central
server, with one conflict (two PCs changed a phone number) and one refused change (an edit of
a person another PC had moved to another commune) to show.

The steps are (name, callable) pairs for `scripts/screenshots.py`'s list, which runs them
with its `Studio` (the commune's demo database and main window):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --only sync_conflicts \
        sync_rejected sync_history sync_resolve_dialog sync_bundle

The server runs from a temporary SQLite file on 127.0.0.1 for as long as the script does.
"""

from __future__ import annotations

import atexit
import dataclasses
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keyrings.alt.file import PlaintextKeyring
from PySide6.QtGui import QPixmap
from screenshot_kit import COMMUNE, with_dialog

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.bundle import BundleService
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.sync import SyncService
from btxh_desktop.storage import tracking
from btxh_desktop.storage.models import Person
from btxh_desktop.sync.credentials import KeyringCredentials
from btxh_desktop.sync.transport import TransportOptions
from btxh_server.accounts import Accounts, AuthSettings
from btxh_server.bundle import BundleDesk
from btxh_server.db import make_engine, migrate
from btxh_server.scopes import ScopeRules

USERNAME = "xa26740"
PASSWORD = "mat-khau-may-chu"
OPTIONS = TransportOptions(connect_timeout=3, read_timeout=30, attempts=3, backoff_base=0.05)


@dataclasses.dataclass
class Central:
    url: str
    process: subprocess.Popen[bytes]
    db_url: str


_state: dict[str, Any] = {}


def _keyring(folder: Path) -> KeyringCredentials:
    backend = PlaintextKeyring()
    backend.file_path = str(folder / "python_keyring" / "keyring_pass.cfg")
    return KeyringCredentials(backend)


def _central(folder: Path) -> Central:
    if "central" in _state:
        return _state["central"]  # type: ignore[no-any-return]
    db_url = f"sqlite:///{folder}/central.db"
    engine = make_engine(db_url, pool_size=1)
    migrate(engine)
    accounts = Accounts(
        engine,
        ScopeRules(engine, ReferenceData.load()),
        AuthSettings(argon2_time_cost=1, argon2_memory_kib=8192),
    )
    accounts.add_user(USERNAME, PASSWORD, [f"commune:{COMMUNE}"])
    engine.dispose()
    port_file = folder / "port"
    log = open(folder / "server.log", "ab")  # noqa: SIM115 - the child writes to it
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "btxh_server",
            "--db",
            db_url,
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "--argon2-memory-kib",
            "8192",
            "--argon2-time-cost",
            "1",
            "serve",
        ],
        stdout=log,
        stderr=log,
    )
    log.close()
    deadline = time.monotonic() + 60
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((folder / "server.log").read_text()[-2000:])
        time.sleep(0.05)
    time.sleep(0.5)
    central = Central(f"http://127.0.0.1:{int(port_file.read_text())}", process, db_url)

    def stop() -> None:
        central.process.terminate()
        central.process.wait(20)

    atexit.register(stop)
    _state["central"] = central
    return central


def _wait_run(studio: Any, scene: Any) -> None:
    page = scene.window.pages["sync"]
    deadline = time.monotonic() + 120
    while page.controller.running and time.monotonic() < deadline:
        studio.app.processEvents()
        time.sleep(0.02)
    studio.settle(scene, 0.3)


def _neighbour() -> str:
    reference = ReferenceData.load()
    home = reference.commune(COMMUNE)
    assert home is not None
    return next(
        c.code
        for c in reference.communes
        if c.province_code == home.province_code and c.code != COMMUNE
    )


def _edit(services: Services, person_id: str, **changes: Any) -> None:
    people = services.people
    people.update(person_id, dataclasses.replace(people.get(person_id).draft, **changes))


def prepare(studio: Any) -> Any:
    """The commune's PC signed in and synced, with a conflict and a refused change."""
    scene = studio.scene(SiteType.COMMUNE)
    if "prepared" in _state:
        return scene
    folder = Path(studio.folder) / "sync"
    folder.mkdir(exist_ok=True)
    central = _central(folder)
    here = scene.services
    here.sync = SyncService(here.ctx, _keyring(folder / "pc1"), OPTIONS)
    page = scene.window.show_page("sync")
    studio.settle(scene)
    # Set up and signed in as the officer does: address, user name, password.
    page.server_url.setText(central.url)
    page.username.setText(USERNAME)
    page.interval.setValue(15)
    page.save_settings()
    studio.settle(scene)
    here.sync.login(PASSWORD)
    page.sync_now()
    _wait_run(studio, scene)

    other = open_services(
        AppPaths(folder / "pc2" / "data"),
        Actor("canbo2", Role.ADMIN, "Trần Văn Hải"),
        today=here.ctx.today,
    )
    other.site.initialise(SiteType.COMMUNE, COMMUNE)
    other.sync = SyncService(other.ctx, _keyring(folder / "pc2"), OPTIONS)
    other.sync.configure(server_url=central.url, username=USERNAME)
    other.sync.login(PASSWORD)
    other.sync.run()
    binh, nhung = scene.people["Trần Văn Bình"], scene.people["Lê Thị Hồng Nhung"]
    # The other PC corrects Bình's phone number and moves Nhung to the next ward...
    _edit(other, binh, phone="0903999888")
    with other.ctx.unit_of_work() as session:
        row = session.get(Person, nhung)
        assert row is not None
        row.commune_code = _neighbour()
        tracking.queue_move(session, row, f"commune:{_neighbour()}")
    other.sync.run()
    other.close()
    # ...while this one, not yet aware, changes both.
    _edit(here, binh, phone="0903123457")
    _edit(here, nhung, phone="0987654321")
    page.sync_now()
    _wait_run(studio, scene)
    _state["prepared"] = True
    return scene


def _show_tab(studio: Any, index: int) -> QPixmap:
    scene = prepare(studio)
    page = scene.window.show_page("sync")
    page.message.hide()
    page.tabs.setCurrentIndex(index)
    studio.settle(scene, 0.3)
    return scene.window.grab()


def sync_conflicts(studio: Any) -> QPixmap:
    return _show_tab(studio, 0)


def sync_rejected(studio: Any) -> QPixmap:
    return _show_tab(studio, 1)


def sync_history(studio: Any) -> QPixmap:
    return _show_tab(studio, 2)


def sync_bundle(studio: Any) -> QPixmap:
    """The USB section with the code entered and an answer just imported: a bundle exported
    from the screen, applied at the office, its answer taken in ("Gói USB" in the history)."""
    scene = prepare(studio)
    page = scene.window.show_page("sync")
    folder = Path(studio.folder) / "sync"
    engine = make_engine(_central(folder).db_url, pool_size=1)
    try:
        office = BundleDesk(engine, ScopeRules(engine, ReferenceData.load()))
        code = office.key_code(USERNAME)
        BundleService(scene.services.ctx, scene.services.sync).set_key(USERNAME, code)
        _edit(scene.services, scene.people["Trần Văn Bình"], address_detail="Ấp 3")
        page.refresh()
        studio.settle(scene, 0.3)
        request = folder / page.suggested_bundle_name()
        page.export_bundle(request)
        studio.settle(scene, 0.3)
        answer = request.with_name(f"tra-loi-{request.name}")
        office.import_file(request, answer)
    finally:
        engine.dispose()
    page.import_answer(answer)
    studio.settle(scene, 0.5)
    page.tabs.setCurrentIndex(2)
    studio.settle(scene, 0.3)
    return scene.window.grab()


def sync_resolve_dialog(studio: Any) -> QPixmap:
    scene = prepare(studio)
    page = scene.window.show_page("sync")
    page.tabs.setCurrentIndex(0)
    page.conflicts_table.selectRow(0)
    studio.settle(scene)
    page.open_resolve_dialog()
    dialog = page.resolve_dialog
    assert dialog is not None
    dialog.adjustSize()
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    studio.settle(scene)
    return shot


def sync_login_dialog(studio: Any) -> QPixmap:
    scene = prepare(studio)
    page = scene.window.show_page("sync")
    page.open_login()
    studio.settle(scene)
    dialog = page.login_dialog
    assert dialog is not None
    dialog.adjustSize()
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    studio.settle(scene)
    return shot


SYNC_STEPS: list[tuple[str, Callable[[Any], QPixmap]]] = [
    ("sync_conflicts", sync_conflicts),
    ("sync_rejected", sync_rejected),
    ("sync_history", sync_history),
    ("sync_bundle", sync_bundle),
    ("sync_resolve_dialog", sync_resolve_dialog),
    ("sync_login_dialog", sync_login_dialog),
]
