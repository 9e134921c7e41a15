"""What the screenshot scripts share: the 1366×768 laptop screen, the demo databases with a
fixed "today" and their main windows (`Studio`), drawing a dialog over its window or on an
empty desktop, and the command line that saves each step as docs/screenshots/NAME.png.

A step is a (name, callable) pair: the callable gets the studio and returns the pixmap to
save. Each script lists its steps and the data its sites start with, and hands them to
`run`; scripts/ is on the path when a script runs, so they import this module by name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from btxh_desktop.app import create_application
from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 16)
COMMUNE = "26740"
SIZE = (1366, 768)
TITLE_BAR = 30
DESKTOP = QColor("#2d4a6b")

# Fills a new site's database; returns the people a step looks up by name (name → id).
SiteData = Callable[[Services, Path], dict[str, str]]


@dataclass
class Scene:
    services: Services
    ui: UiContext
    window: MainWindow
    people: dict[str, str] = field(default_factory=dict)


@dataclass
class Studio:
    app: QApplication
    folder: Path
    font_points: int
    data: dict[SiteType, SiteData] = field(default_factory=dict)
    scenes: dict[SiteType, Scene] = field(default_factory=dict)
    # Scenes built by step modules of their own (screenshots_security), closed with these.
    closers: list[Callable[[], None]] = field(default_factory=list)

    def scene(self, site: SiteType) -> Scene:
        if site not in self.scenes:
            self.scenes[site] = self._build(site)
        return self.scenes[site]

    def _build(self, site: SiteType) -> Scene:
        paths = AppPaths(self.folder / site.value)
        actor = Actor("canbo", Role.ADMIN, "Nguyễn Thị Thu")
        services = open_services(paths, actor, today=lambda: TODAY)
        if site == SiteType.COMMUNE:
            services.site.initialise(SiteType.COMMUNE, COMMUNE)
        else:
            services.site.initialise(
                SiteType.FACILITY, "TTBTXH01", "Trung tâm Bảo trợ xã hội tỉnh", COMMUNE
            )
        people = self.data[site](services, self.folder)
        ui = UiContext.create(services)
        window = MainWindow(ui)
        window.resize(*SIZE)
        window.apply_font_size(self.font_points)
        # An application font change does not reach widgets already styled by the style
        # sheet until the sheet is applied again.
        self.app.setStyleSheet(self.app.styleSheet())
        window.show()
        scene = Scene(services, ui, window, people)
        self.settle(scene)
        return scene

    def settle(self, scene: Scene, seconds: float = 0.0) -> None:
        """Let timers, notifications and background jobs finish, then lay out."""
        deadline = time.monotonic() + seconds
        for _ in range(400):
            self.app.processEvents()
            if scene.ui.runner.idle() and time.monotonic() >= deadline:
                self.app.processEvents()
                if scene.ui.runner.idle():
                    break
            time.sleep(0.01)
        scene.window.resize(*SIZE)
        self.app.processEvents()

    def close(self) -> None:
        for scene in self.scenes.values():
            scene.window.close()
            scene.ui.close()
            scene.services.close()
        for closer in self.closers:
            closer()


# ---------------------------------------------------------------------- drawing


def screen_1366x768() -> None:
    """Offscreen, Qt's screen is 800×600; dialogs size themselves to the screen, so give it
    the laptop's 1366×768 (less a 40-pixel taskbar). Call before the application exists."""
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "btxh-screen-1366x768.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728, "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [screen]}), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def frame(shot: QPixmap, dialog: QWidget, offset: QPoint | None = None) -> None:
    """Draw `dialog` with a plain title bar, centred on `shot` (moved by `offset`)."""
    inner = dialog.grab()
    font = QFont(dialog.font())
    font.setBold(True)
    bar = max(TITLE_BAR, QFontMetrics(font).height() + 8)  # the title whole at large text
    painter = QPainter(shot)
    width, height = inner.width(), inner.height() + bar
    top_left = QPoint((shot.width() - width) // 2, max(0, (shot.height() - height) // 2))
    if offset is not None:
        top_left += offset
    box = QRect(top_left.x(), top_left.y(), width, height)
    painter.fillRect(box.adjusted(-1, -1, 1, 1), QColor("#5a6b80"))
    painter.fillRect(QRect(box.x(), box.y(), width, bar), QColor("#e6eaf0"))
    painter.setFont(font)
    painter.setPen(QColor("#1a1a1a"))
    painter.drawText(
        QRect(box.x() + 10, box.y(), width - 20, bar),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(box.x(), box.y() + bar, inner)
    painter.end()


def with_dialog(window: QWidget | QPixmap, *dialogs: QWidget) -> QPixmap:
    """The window (or a picture of it), dimmed, with the dialogs over it as the user sees
    them: one centred, several stepped down and to the left, the last on top."""
    shot = QPixmap(window) if isinstance(window, QPixmap) else window.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    painter.end()
    for number, dialog in enumerate(dialogs):
        frame(shot, dialog, QPoint(40 * (len(dialogs) - 1 - number), 30 * number))
    return shot


def on_desktop(dialog: QWidget) -> QPixmap:
    """A dialog shown before any window exists, on an empty desktop."""
    shot = QPixmap(*SIZE)
    shot.fill(DESKTOP)
    frame(shot, dialog)
    return shot


def fit_dialog(dialog: QWidget) -> None:
    """As the window manager would: no taller than the screen under the title bar."""
    width = min(dialog.width(), SIZE[0] - 40)
    height = min(dialog.height(), SIZE[1] - TITLE_BAR - 40)
    dialog.resize(width, height)


# ---------------------------------------------------------------------- the command line


def arguments(prog: str, argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--font-points", type=int, default=11)
    parser.add_argument("--suffix", default="")
    parser.add_argument("--lang", default="vi", choices=sorted(i18n.LANGUAGES))
    parser.add_argument("--only", nargs="*", default=None)
    return parser.parse_args(list(argv))


def save(pixmap: QPixmap, out: Path, name: str, suffix: str) -> None:
    target = out / f"{name}{suffix}.png"
    if not pixmap.save(str(target)):
        raise OSError(f"cannot write {target}")
    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


Step = tuple[str, Callable[[Studio], QPixmap]]


def run(
    prog: str, argv: Sequence[str], steps: Sequence[Step], data: dict[SiteType, SiteData]
) -> int:
    """Take the `steps` (those named by --only, if given) on sites filled by `data`."""
    args = arguments(prog, argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screen_1366x768()
    app = create_application([prog])
    i18n.install(args.lang)
    with tempfile.TemporaryDirectory(prefix="btxh-shots-") as folder:
        studio = Studio(app, Path(folder), args.font_points, data)
        try:
            for name, step in steps:
                if not args.only or name in args.only:
                    save(step(studio), out, name, args.suffix)
        finally:
            studio.close()
    return 0
