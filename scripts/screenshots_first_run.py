"""Screenshots of the first-run wizard, each page as the user meets it on an empty desktop
of 1366×768, saved as docs/screenshots/first_run_*.png. Run offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_first_run.py [OUT_DIR]
        [--font-points 11] [--suffix ""] [--only NAME ...]

The wizard runs for real on a throwaway folder (with the test suite's cheap Argon2id, so the
account takes a second): the administrator is created, the site written, and the server
check fails against a closed port on 127.0.0.1, as a mistyped address would.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication
from screenshot_kit import arguments, on_desktop, save, screen_1366x768

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services
from btxh_desktop.services.gate import Gate
from btxh_desktop.storage import keys
from btxh_desktop.ui import i18n, theme
from btxh_desktop.ui.dialogs.first_run import FirstRunWizard
from btxh_desktop.ui.tasks import TaskRunner

PASSWORD = "Hoa mai nở sớm 2026"


@dataclass
class Studio:
    app: QApplication
    folder: Path
    runner: TaskRunner
    wizard: FirstRunWizard | None = None
    opened: Services | None = None

    def settle(self) -> None:
        for _ in range(1000):
            self.app.processEvents()
            if self.runner.idle():
                self.app.processEvents()
                if self.runner.idle():
                    break
            time.sleep(0.01)
        for _ in range(5):
            self.app.processEvents()

    def new_wizard(self) -> FirstRunWizard:
        """One wizard walked through the steps in order, as the shots ask for them."""
        if self.wizard is None:
            wizard = FirstRunWizard(
                self.runner,
                gate=Gate(AppPaths(self.folder / "new")),
                data_folder=r"C:\Users\canbo\AppData\Local\BTXH\BTXH Desktop",
            )
            wizard.completed.connect(self._completed)
            wizard.show()
            self.wizard = wizard
            self.settle()
        return self.wizard

    def _completed(self, services: Services) -> None:
        self.opened = services

    def close(self) -> None:
        if self.wizard is not None:
            self.wizard.hide()
        if self.opened is not None:
            self.opened.close()
        self.runner.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------------- steps


def kind(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    wizard.kind_page.facility.setChecked(True)
    wizard._kind_clicked()
    studio.settle()
    return on_desktop(wizard)


def place(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    wizard.go_next()
    studio.settle()
    page = wizard.place_page
    page.province_filter.setText("ha tinh")
    page.commune_filter.setText("thach")
    studio.settle()
    page.commune_list.setCurrentRow(0)
    studio.settle()
    return on_desktop(wizard)


def place_search(studio: Studio) -> QPixmap:
    """Searching the whole country, without diacritics, before a province is chosen."""
    runner = TaskRunner()
    wizard = FirstRunWizard(runner, gate=Gate(AppPaths(studio.folder / "search")))
    wizard.show()
    for _ in range(300):
        studio.app.processEvents()
        if runner.idle() and wizard.reference is not None:
            break
        time.sleep(0.01)
    wizard.kind_page.commune.setChecked(True)
    wizard.go_next()
    wizard.place_page.commune_filter.setText("dong hoa")
    for _ in range(5):
        studio.app.processEvents()
    shot = on_desktop(wizard)
    wizard.hide()
    runner.shutdown()
    return shot


def facility(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    wizard.go_next()
    studio.settle()
    page = wizard.facility_page
    page.name.setText("Trung tâm Bảo trợ xã hội tỉnh Hà Tĩnh")
    page.code.setText("TT BTXH 01")
    wizard.go_next()  # refused: a space; what was typed stays
    studio.settle()
    return on_desktop(wizard)


def admin(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    wizard.facility_page.code.setText("TTBTXH-HT")
    wizard.go_next()
    studio.settle()
    assert wizard.admin_page is not None
    page = wizard.admin_page
    page.full_name.setText("Nguyễn Thị Thu")
    page.password.first.setText("hoamai26")
    page.password.again.setText("hoamai26")
    studio.settle()
    return on_desktop(wizard)


def recovery(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    assert wizard.admin_page is not None
    page = wizard.admin_page
    page.password.first.setText(PASSWORD)
    page.password.again.setText(PASSWORD)
    shipped = keys.DEFAULT_KDF
    keys.DEFAULT_KDF = keys.FAST_FOR_TESTS  # screenshots only: a second, not half a minute
    try:
        page.submit()
        studio.settle()
    finally:
        keys.DEFAULT_KDF = shipped
    return on_desktop(wizard)


def server(studio: Studio) -> QPixmap:
    wizard = studio.new_wizard()
    assert wizard.key_panel is not None
    wizard.key_panel.confirm.setChecked(True)
    wizard.go_next()
    studio.settle()
    page = wizard.server_page
    page.url.setText(f"http://127.0.0.1:{closed_port()}")
    page.username.setText("ttbtxh_hatinh")
    page.password.setText("mật khẩu máy chủ")
    wizard.check_connection()
    studio.settle()
    return on_desktop(wizard)


def site_only(studio: Studio) -> QPixmap:
    """An installation whose administrator exists but whose site was never chosen."""
    shipped = keys.DEFAULT_KDF
    keys.DEFAULT_KDF = keys.FAST_FOR_TESTS
    try:
        first = Gate(AppPaths(studio.folder / "no-site")).create_first_admin(
            "quantri", "Nguyễn Thị Thu", PASSWORD
        )
    finally:
        keys.DEFAULT_KDF = shipped
    runner = TaskRunner()
    wizard = FirstRunWizard(runner, services=first.services)
    wizard.show()
    wizard.kind_page.commune.setChecked(True)
    wizard._kind_clicked()
    for _ in range(300):
        studio.app.processEvents()
        if runner.idle():
            break
        time.sleep(0.01)
    shot = on_desktop(wizard)
    wizard.hide()
    runner.shutdown()
    first.services.close()
    return shot


STEPS: list[tuple[str, Callable[[Studio], QPixmap]]] = [
    ("first_run_kind", kind),
    ("first_run_place", place),
    ("first_run_place_search", place_search),
    ("first_run_facility", facility),
    ("first_run_admin", admin),
    ("first_run_recovery", recovery),
    ("first_run_server", server),
    ("first_run_site_only", site_only),
]


def main(argv: list[str]) -> int:
    args = arguments("screenshots_first_run", argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screen_1366x768()
    app = QApplication(["btxh-screenshots"])
    i18n.install(args.lang)
    theme.apply(app, args.font_points)  # as the app does before the first dialog
    with tempfile.TemporaryDirectory(prefix="btxh-first-run-") as folder:
        studio = Studio(app, Path(folder), TaskRunner())
        try:
            # The new-installation shots walk one wizard forward, each from where the last
            # left it, so every step runs, in order; --only picks which are saved.
            for name, step in STEPS:
                shot = step(studio)
                if not args.only or name in args.only:
                    save(shot, out, name, args.suffix)
        finally:
            studio.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
