"""Composition root: builds the database, services, runner and windows. No globals."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from btxh_desktop import __version__
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths, resource_path
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.storage.migrate import DatabaseTooNew
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.settings_view import LANGUAGE_KEY

EXIT_OK = 0
EXIT_DATABASE = 3
EXIT_NOT_SET_UP = 4

log = logging.getLogger("btxh_desktop")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="btxh-desktop")
    parser.add_argument("--data-dir", help="data folder (or BTXH_DATA_DIR)")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="override the language")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open a temporary database, show the main window, exit 0",
    )
    parser.add_argument("--version", action="version", version=f"btxh-desktop {__version__}")
    return parser.parse_args(argv)


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv))
    app.setApplicationName("BTXH Desktop")
    app.setOrganizationName("BTXH")
    app.setApplicationVersion(__version__)
    style = resource_path("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text("utf-8"))
    return app


def configure_logging(paths: AppPaths) -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(paths.logs / "btxh-desktop.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def desktop_actor() -> Actor:
    return Actor(getpass.getuser(), Role.ADMIN)


def build_main_window(services: Services) -> tuple[MainWindow, UiContext]:
    ui = UiContext.create(services)
    return MainWindow(ui), ui


def run_smoke_test(app: QApplication) -> int:
    """Used by the packaging script on the frozen app: everything a real start does."""
    with tempfile.TemporaryDirectory(prefix="btxh-smoke-") as folder:
        paths = AppPaths(Path(folder))
        services = open_services(paths, desktop_actor())
        services.site.initialise(SiteType.COMMUNE, "26740")
        i18n.install("vi")
        window, ui = build_main_window(services)
        window.show()
        shown: list[bool] = []

        def check_and_quit() -> None:
            shown.append(window.isVisible() and window.ui.runner.idle())
            app.quit()

        QTimer.singleShot(500, check_and_quit)
        app.exec()
        painted = bool(shown and shown[0])
        window.close()
        ui.close()
        services.close()
    sys.stdout.write("smoke test: main window shown\n" if painted else "smoke test: failed\n")
    return EXIT_OK if painted else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_application(sys.argv[:1])
    if args.smoke_test:
        return run_smoke_test(app)
    paths = AppPaths.resolve(args.data_dir)
    paths.ensure()
    configure_logging(paths)
    stored_language = QSettings(str(paths.data_dir / "ui.ini"), QSettings.Format.IniFormat)
    i18n.install(args.lang or str(stored_language.value(LANGUAGE_KEY, "vi")))
    try:
        services = open_services(paths, desktop_actor())
    except DatabaseTooNew as exc:
        QMessageBox.critical(
            None, "BTXH Desktop", i18n.t("database.too_new", revision=exc.revision)
        )
        return EXIT_DATABASE
    if services.site.info() is None:
        QMessageBox.information(None, "BTXH Desktop", i18n.t("site.not_initialised"))
        services.close()
        return EXIT_NOT_SET_UP
    window, ui = build_main_window(services)
    window.show()
    code = app.exec()
    ui.close()
    services.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
