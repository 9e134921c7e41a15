"""`make demo`: a local central server, a demo commune's PC synced with it, and the app.

    python -m btxh_desktop.demo_launch [--folder DIR] [--fresh] [--people 300] [--lang en]
                                       [--no-gui | --screenshot FILE.png]

The demo folder (default: btxh-demo-USER in the temporary folder) holds

    server/       the server's embedded SQLite database (central.db) and its log
    pc/           the desktop data folder: Phường Sài Gòn (26740), encrypted, with a local
                  administrator, several hundred people with allowance cases and the last two
                  months' payment lists paid, set to sync with the server and signed in to it
    keyring/      the server's refresh token, kept by the PC through the keyring API
    demo.json     written last: the folder is complete and is reused by the next run

Preparing the folder also plays a second PC: the province's officer pulls the commune, corrects
one person's phone number and syncs, while this PC, not yet aware, changes the same number. The
first sync in the app therefore meets one conflict on the Đồng bộ screen.

Every run starts the server on a free port of 127.0.0.1, points the PC at it and signs in again
(the address changes with the port), prints how to log in and what to click, in Vietnamese and
English, then opens the app. The server stops when the app closes. With --no-gui the run syncs
once and prints the state instead; with --screenshot it syncs from the Đồng bộ screen and saves
a picture of it, which is how docs/screenshots/demo_sync_conflict.png is made:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m btxh_desktop.demo_launch --fresh
        --folder /tmp/btxh-demo-shot --screenshot docs/screenshots/demo_sync_conflict.png

A folder left incomplete by an interrupted run is recreated; --fresh recreates it anyway.

The packaged app leaves the server out on purpose, so this runs from the source checkout only.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import keyring
import requests
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import func, select

from btxh_desktop.domain.codes import PaymentStatus, Role, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.messages import render
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.gate import Gate
from btxh_desktop.services.sync import SyncService
from btxh_desktop.storage.models import Person
from btxh_desktop.sync.credentials import KeyringCredentials, credential_key
from btxh_desktop.sync.errors import SyncError
from btxh_server.accounts import Accounts, AuthSettings
from btxh_server.db import make_engine, migrate
from btxh_server.scopes import ScopeRules

COMMUNE = "26740"
LOCAL_USER = "demo"
# One password for the local administrator and both server accounts. It is printed on every
# run: the data is synthetic and the server listens on 127.0.0.1 only while the demo runs.
PASSWORD = "btxh-demo"
COMMUNE_ACCOUNT = f"xa{COMMUNE}"
PROVINCE_OFFICER = Actor("canbo.tinh", Role.ADMIN, "Trần Văn Hải")
PHONE_HERE = "0987654321"
PHONE_PROVINCE = "0903111222"
DEFAULT_PEOPLE = 300
SERVER_START_SECONDS = 60
SCREEN_SIZE = (1366, 768)
EXIT_OK = 0
EXIT_FAILED = 1


@dataclasses.dataclass(frozen=True)
class DemoFolder:
    root: Path

    @property
    def server_dir(self) -> Path:
        return self.root / "server"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{(self.server_dir / 'central.db').as_posix()}"

    @property
    def pc(self) -> AppPaths:
        return AppPaths(self.root / "pc")

    @property
    def marker(self) -> Path:
        return self.root / "demo.json"

    def keyring_backend(self) -> PlaintextKeyring:
        """keyrings.alt's file backend (what a headless PC uses), kept in the demo folder: the
        token of a throwaway server stays out of the user's own keyring and goes with --fresh."""
        backend = PlaintextKeyring()
        backend.file_path = str(self.root / "keyring" / "keyring_pass.cfg")
        return backend

    def credentials(self) -> KeyringCredentials:
        return KeyringCredentials(self.keyring_backend())

    def state(self) -> dict[str, Any] | None:
        """What the preparation recorded, or None when it never finished."""
        try:
            state: dict[str, Any] = json.loads(self.marker.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return state


def default_folder() -> Path:
    return Path(tempfile.gettempdir()) / f"btxh-demo-{getpass.getuser()}"


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def province_account() -> tuple[str, str]:
    """The province officer's account name and scope (the province of the demo commune)."""
    commune = ReferenceData.load().commune(COMMUNE)
    assert commune is not None and commune.province_code is not None
    return f"tinh{commune.province_code}", f"province:{commune.province_code}"


# ---------------------------------------------------------------------- the server


def seed_accounts(folder: DemoFolder) -> None:
    """The server's database with the commune's account and the province officer's."""
    folder.server_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(folder.database_url, pool_size=1)
    try:
        migrate(engine)
        accounts = Accounts(engine, ScopeRules(engine, ReferenceData.load()), AuthSettings())
        accounts.add_user(COMMUNE_ACCOUNT, PASSWORD, [f"commune:{COMMUNE}"])
        name, scope = province_account()
        accounts.add_user(name, PASSWORD, [scope])
    finally:
        engine.dispose()


@dataclasses.dataclass
class DemoServer:
    process: subprocess.Popen[bytes]
    url: str

    @classmethod
    def start(cls, folder: DemoFolder) -> DemoServer:
        """`btxh-server` on a free port of 127.0.0.1, answering its health check."""
        port_file = folder.server_dir / "port"
        port_file.unlink(missing_ok=True)
        log_path = folder.server_dir / "server.log"
        command = [
            sys.executable,
            "-m",
            "btxh_server",
            "--db",
            folder.database_url,
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "serve",
        ]
        with open(log_path, "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=log)
        server = cls(process, "")
        try:
            server.url = wait_until_listening(process, port_file, log_path)
        except BaseException:
            server.stop()
            raise
        return server

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_until_listening(process: subprocess.Popen[bytes], port_file: Path, log: Path) -> str:
    """The server's address, once it answers its health check."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"btxh-server exited; see {log}")
        if port_file.exists():
            url = f"http://127.0.0.1:{int(port_file.read_text())}"
            try:
                requests.get(f"{url}/api/v1/health", timeout=2).raise_for_status()
                return url
            except requests.RequestException:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"btxh-server did not start within {SERVER_START_SECONDS} s; see {log}")


# ---------------------------------------------------------------------- the PC


def connect(services: Services, folder: DemoFolder, url: str) -> None:
    """Point the PC at this run's server and sign in; the refresh token goes to the keyring."""
    sync = SyncService(services.ctx, folder.credentials())
    services.sync = sync
    old = sync.settings()
    if old.server_url and old.username and old.server_url != url:
        sync.credentials.delete(credential_key(old.server_url, old.username))
    sync.configure(server_url=url, username=COMMUNE_ACCOUNT)
    sync.login(PASSWORD)


def prepare(
    folder: DemoFolder, url: str, people: int, seed: int
) -> tuple[Services, dict[str, Any]]:
    """A new PC with demo data, synced, then the edits that will meet on the server."""
    say(f"Đang tạo dữ liệu demo / preparing the demo data: {folder.pc.data_dir}")
    # The recovery key is not kept: --fresh makes a new folder rather than recovering one.
    services = Gate(folder.pc).create_first_admin(LOCAL_USER, "Cán bộ demo", PASSWORD).services
    try:
        services.site.initialise(SiteType.COMMUNE, COMMUNE)
        summary = services.demo.generate(people, seed)
        paid = pay_last_months(services, 2)
        connect(services, folder, url)
        services.sync.run(trigger="manual")
        person = chosen_person(services)
        province_officer_edits(url, person["id"])
        set_phone(services, person["id"], PHONE_HERE)
    except BaseException:
        services.close()
        raise
    state = {
        "people": summary.people,
        "cases": summary.cases,
        "paid_months": [f"{m.month:02d}/{m.year}" for m in paid],
        "person": person,
    }
    folder.marker.write_text(json.dumps(state, ensure_ascii=False, indent=2), "utf-8")
    return services, state


def reopen(folder: DemoFolder, url: str) -> Services:
    say(f"Dùng lại thư mục demo / reusing the demo folder: {folder.root}")
    services = Gate(folder.pc).login(LOCAL_USER, PASSWORD)
    try:
        connect(services, folder, url)
    except BaseException:
        services.close()
        raise
    return services


def pay_last_months(services: Services, count: int) -> list[Month]:
    """Finalise the payment lists of the last `count` months and record them as paid on the
    10th, as the post office reports back."""
    this_month = Month.of(services.ctx.today())
    months = [this_month.add(-back) for back in range(count, 0, -1)]
    for month in months:
        payments = services.allowance.finalise_payment_list(month)
        ids = [line.payment_id for line in payments.lines if line.payment_id]
        paid_on = month.first_day() + dt.timedelta(days=9)
        services.allowance.record_payments(ids, PaymentStatus.PAID, paid_on)
    return months


def chosen_person(services: Services) -> dict[str, str]:
    """The person both PCs edit: the first, by record number, who has a phone number."""
    with services.ctx.read() as session:
        row = session.scalars(
            select(Person)
            .where(Person.deleted_at.is_(None), Person.phone.is_not(None))
            .order_by(Person.code)
            .limit(1)
        ).one()
        return {"id": row.id, "name": row.full_name, "code": row.code}


def set_phone(services: Services, person_id: str, phone: str) -> None:
    people = services.people
    people.update(person_id, dataclasses.replace(people.get(person_id).draft, phone=phone))


def province_officer_edits(url: str, person_id: str) -> None:
    """Another PC, signed in with the province's account, corrects the phone number first."""
    name, _scope = province_account()
    with tempfile.TemporaryDirectory(prefix="btxh-demo-province-") as scratch:
        other = open_services(AppPaths(Path(scratch) / "data"), PROVINCE_OFFICER)
        try:
            other.site.initialise(SiteType.COMMUNE, COMMUNE)
            backend = PlaintextKeyring()
            backend.file_path = str(Path(scratch) / "keyring_pass.cfg")
            other.sync = SyncService(other.ctx, KeyringCredentials(backend))
            other.sync.configure(server_url=url, username=name)
            other.sync.login(PASSWORD)
            other.sync.run(trigger="manual")
            set_phone(other, person_id, PHONE_PROVINCE)
            other.sync.run(trigger="manual")
        finally:
            other.close()


def people_count(services: Services) -> int:
    with services.ctx.read() as session:
        return int(session.scalar(select(func.count()).where(Person.deleted_at.is_(None))) or 0)


# ---------------------------------------------------------------------- telling the user


def instructions(folder: DemoFolder, url: str, state: dict[str, Any], people: int) -> str:
    person = state["person"]
    who = f"{person['name']} ({person['code']})"
    paid = ", ".join(state["paid_months"])
    province, _scope = province_account()
    return f"""
================================ BTXH Desktop — demo ================================
Máy chủ / Server       {url}   (dừng khi đóng ứng dụng / stops when the app closes)
Dữ liệu / Data folder  {folder.pc.data_dir}
                       Phường Sài Gòn ({COMMUNE}): {people} người / people
Đăng nhập ứng dụng     tên / user: {LOCAL_USER}    mật khẩu / password: {PASSWORD}
Tài khoản máy chủ      {COMMUNE_ACCOUNT} (máy này đã đăng nhập / this PC is signed in),
Server accounts        {province} (cán bộ tỉnh / province officer) — mật khẩu / password: {PASSWORD}

Tiếng Việt
  1. Đăng nhập bằng {LOCAL_USER} / {PASSWORD}.
  2. Mở "Đồng bộ", bấm "Đồng bộ ngay". Máy này và cán bộ tỉnh cùng sửa số điện thoại của
     {who}: thẻ "Xung đột (1)" hiện ra.
  3. Chọn dòng xung đột, bấm "Dùng giá trị trên máy chủ" hoặc "Dùng giá trị trên máy này",
     rồi "Đồng bộ ngay" lần nữa.
  4. Mở "Báo cáo": "Danh sách chi trả" (đã chi tháng {paid}), "Thống kê".
English
  1. Log in as {LOCAL_USER} / {PASSWORD}.
  2. Open "Đồng bộ" (Sync), click "Đồng bộ ngay" (Sync now). This PC and the province officer
     both changed the phone number of {who}: "Xung đột (1)" (1 conflict).
  3. Select the conflict, click "Dùng giá trị trên máy chủ" (keep the server's value) or
     "Dùng giá trị trên máy này" (use this PC's), then sync again.
  4. Open "Báo cáo" (Reports): "Danh sách chi trả" (payment list, paid for {paid}),
     "Thống kê" (statistics).
Làm lại từ đầu / Start over: make demo ARGS=--fresh
=====================================================================================
"""


def print_state(services: Services) -> None:
    """One sync, as the first click on "Đồng bộ ngay" does, and what it left to settle."""
    run = services.sync.run(trigger="manual")
    status = services.sync.status()
    conflicts = services.sync.conflicts()
    for lang in ("vi", "en"):
        say(
            render(
                "sync.cli.done",
                {
                    "pushed": run.pushed,
                    "pulled": run.pulled,
                    "conflicts": run.conflicts,
                    "rejected": run.rejected,
                    "round_trips": run.round_trips,
                },
                lang,
            )
        )
        say(render("sync.cli.pending", {"count": status.pending}, lang))
        say(render("sync.cli.conflict_count", {"count": status.open_conflicts}, lang))
    for c in conflicts:
        say(
            render(
                "sync.cli.conflict_line",
                {
                    "id": c.id,
                    "label": c.record_label,
                    "field": c.field,
                    "kept": json.dumps(c.kept_value, ensure_ascii=False),
                    "kept_by": c.kept_by,
                    "proposed": json.dumps(c.proposed_value, ensure_ascii=False),
                    "proposed_by": c.proposed_by,
                },
                "en",
            )
        )


# ---------------------------------------------------------------------- the app


def launch_app(folder: DemoFolder, lang: str | None) -> int:
    """The real app, in this process so that it finds the demo folder's keyring."""
    from PySide6.QtCore import QTimer

    from btxh_desktop import app as desktop

    keyring.set_keyring(folder.keyring_backend())
    settings = desktop.ui_settings(folder.pc)
    settings.setValue(desktop.LAST_USER_KEY, LOCAL_USER)  # the login dialog offers it
    settings.sync()
    qt_app = desktop.create_application(sys.argv[:1])
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: qt_app.quit())
    # Qt's event loop runs no Python code by itself; this timer lets the handlers above run.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    argv = ["--data-dir", str(folder.pc.data_dir)]
    if lang:
        argv += ["--lang", lang]
    code = desktop.main(argv)
    wake.stop()
    return code


def save_screenshot(services: Services, target: Path) -> int:
    """The Đồng bộ screen at 1366×768 after "Đồng bộ ngay", with the conflict selected."""
    from PySide6.QtWidgets import QApplication

    from btxh_desktop.app import create_application
    from btxh_desktop.ui import i18n, theme
    from btxh_desktop.ui.context import UiContext
    from btxh_desktop.ui.main_window import MainWindow
    from btxh_desktop.ui.preferences import DEFAULT_FONT_POINTS
    from btxh_desktop.ui.views.sync_view import SyncPage

    app = create_application(sys.argv[:1])
    i18n.install("vi")
    theme.apply(app, DEFAULT_FONT_POINTS)  # before the widgets, as the app's sign-in does
    ui = UiContext.create(services)
    window = MainWindow(ui)
    window.resize(*SCREEN_SIZE)
    window.show()

    def settle(until: Any = None) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            QApplication.processEvents()
            if ui.runner.idle() and (until is None or until()):
                break
            time.sleep(0.02)
        QApplication.processEvents()

    try:
        page = window.show_page("sync")
        assert isinstance(page, SyncPage)
        settle()
        page.sync_now()
        settle(lambda: not page.controller.running)
        settle()
        page.conflicts_table.selectRow(0)
        window.resize(*SCREEN_SIZE)
        settle()
        target.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(target))
        say(f"{target}: {page.conflicts_value.text()} xung đột / conflicts")
    finally:
        window.close()
        ui.close()
        app.processEvents()
    return EXIT_OK if saved else EXIT_FAILED


# ---------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m btxh_desktop.demo_launch",
        description="BTXH Desktop demo: a local server, a synced demo commune, the app",
    )
    parser.add_argument("--folder", type=Path, default=default_folder(), help="demo folder")
    parser.add_argument("--fresh", action="store_true", help="delete the demo folder first")
    parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lang", choices=("vi", "en"), help="the app's language")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--no-gui", action="store_true", help="prepare, sync once, print the state, stop"
    )
    mode.add_argument(
        "--screenshot", type=Path, help="prepare, sync on the Đồng bộ screen, save it as PNG"
    )
    return parser.parse_args(argv)


def interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    folder = DemoFolder(args.folder.expanduser().resolve())
    # A stop request (Ctrl+C, `kill`, `timeout`) still stops the server below.
    signal.signal(signal.SIGTERM, interrupted)
    state = None if args.fresh else folder.state()
    if state is None:
        shutil.rmtree(folder.root, ignore_errors=True)
        seed_accounts(folder)
    server: DemoServer | None = None
    try:
        server = DemoServer.start(folder)
        if state is None:
            services, state = prepare(folder, server.url, args.people, args.seed)
        else:
            services = reopen(folder, server.url)
        try:
            say(instructions(folder, server.url, state, people_count(services)))
            if args.no_gui:
                print_state(services)
                return EXIT_OK
            if args.screenshot:
                return save_screenshot(services, args.screenshot)
        finally:
            services.close()
        return launch_app(folder, args.lang)
    except (DomainError, SyncError) as exc:
        message = render(exc.code, exc.params)
        say(f"Lỗi / error: {message}\nLàm lại từ đầu / start over: make demo ARGS=--fresh")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_FAILED
    finally:
        if server is not None:
            server.stop()
            say("Đã dừng máy chủ demo / the demo server has stopped.")


if __name__ == "__main__":
    sys.exit(main())
