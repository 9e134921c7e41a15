"""Screenshots of the people list, the person form and the overview at 1366×768, in Vietnamese.

`STEPS` is a list of (name, callable): a callable gets the `Studio` (demo databases for a
commune and a facility, with a fixed "today", and their main windows) and returns the pixmap
saved as docs/screenshots/NAME.png. A dialog is drawn over its window, dimmed, as the user
sees it. Add a screen by appending a step. Run offscreen (or under `xvfb-run -a`):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
        [--font-points 11] [--suffix ""] [--only NAME ...]

`--font-points 20 --suffix _large` shows the screens at the largest text size, to find
clipped Vietnamese.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget
from screenshots_sync import SYNC_STEPS

from btxh_desktop.app import create_application
from btxh_desktop.domain.codes import (
    AdmissionType,
    DisabilityLevel,
    HouseholdStatus,
    ResidentGroup,
    Role,
    SchoolStatus,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.people import DisabilityDraft, GuardianDraft
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.people_view import PeoplePage

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 16)
COMMUNE = "26740"
SIZE = (1366, 768)
TITLE_BAR = 30
QR = (
    "079190004521||LÊ THỊ HỒNG NHUNG|05091990|Nữ|"
    "Số 12 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh|20042021"
)


@dataclass
class Scene:
    services: Services
    ui: UiContext
    window: MainWindow
    people: dict[str, str] = field(default_factory=dict)  # name → id


@dataclass
class Studio:
    app: QApplication
    folder: Path
    font_points: int
    scenes: dict[SiteType, Scene] = field(default_factory=dict)

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
            people = commune_data(services, self.folder)
        else:
            services.site.initialise(
                SiteType.FACILITY, "TTBTXH01", "Trung tâm Bảo trợ xã hội tỉnh", COMMUNE
            )
            people = facility_data(services)
        ui = UiContext.create(services)
        window = MainWindow(ui)
        window.resize(*SIZE)
        window.apply_font_size(self.font_points)
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


# ---------------------------------------------------------------------- data


def commune_data(services: Services, folder: Path) -> dict[str, str]:
    services.demo.generate(400, seed=11)
    people = services.people
    draft = PersonDraft(
        full_name="Trần Văn Bình",
        birth=PartialDate(1958, 4, 2),
        sex=Sex.MALE,
        ethnicity_code="01",
        cccd="079058003321",
        cccd_issued_on=dt.date(2021, 6, 14),
        phone="0903123456",
        commune_code=COMMUNE,
        address_detail="Số 45 đường Nguyễn Huệ, khu phố 2",
        father_name="Trần Văn Tâm",
        mother_name="Lê Thị Hạnh",
        school_status=SchoolStatus.NOT_IN_SCHOOL,
        notes="Sống một mình, đi lại khó khăn sau tai biến năm 2019.",
    )
    binh = people.create(draft).id
    people.save_guardian(
        binh, GuardianDraft("Trần Thị Mai", "con gái", 1985, phone="0912345678", is_caregiver=True)
    )
    people.save_disability(
        binh,
        DisabilityDraft(
            1,
            DisabilityLevel.PARTICULARLY_SEVERE,
            dt.date(2024, 3, 8),
            "GXN-2024-118",
            dt.date(2024, 3, 12),
        ),
    )
    people.set_household_status(binh, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    photo = QImage(240, 320, QImage.Format.Format_RGB32)
    photo.fill(QColor("#c9d6e3"))
    painter = QPainter(photo)
    painter.setBrush(QColor("#6d8299"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(70, 60, 100, 110)
    painter.drawRoundedRect(40, 190, 160, 150, 60, 60)
    painter.end()
    path = folder / "anh-the.png"
    photo.save(str(path))
    people.attach_file(binh, path, "photo", "Ảnh thẻ")
    case = services.allowance.apply(binh, "K6", dt.date(2024, 4, 1))
    services.allowance.decide(case, "45/QĐ-UBND", dt.date(2024, 4, 20), "Chủ tịch UBND phường")
    nhung = people.create(
        PersonDraft(
            full_name="Lê Thị Hồng Nhung",
            birth=PartialDate(1990, 9, 5),
            sex=Sex.FEMALE,
            cccd="079190004521",
            commune_code=COMMUNE,
            address_detail="Số 12 đường Lê Lợi",
        )
    ).id
    return {"Trần Văn Bình": binh, "Lê Thị Hồng Nhung": nhung}


def facility_data(services: Services) -> dict[str, str]:
    services.demo.generate(120, seed=5)
    for name, birth, sex, days in (
        ("Nguyễn Văn Tí", PartialDate(2014, 6, 2), Sex.MALE, 40),
        ("Trần Thị Mơ", PartialDate(2012), Sex.FEMALE, 70),
    ):
        pid = services.people.create(PersonDraft(name, birth, sex)).id
        services.facility.admit(
            pid,
            AdmissionType.EMERGENCY,
            ResidentGroup.EMERGENCY,
            TODAY - dt.timedelta(days=days),
            referred_by="Công an phường Sài Gòn",
        )
    return {}


# ---------------------------------------------------------------------- rendering


def _screen_1366x768() -> None:
    """Offscreen, Qt's screen is 800×600; dialogs size themselves to the screen, so give it
    the laptop's 1366×768 (less a 40-pixel taskbar)."""
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return
    config = Path(tempfile.gettempdir()) / "btxh-screen-1366x768.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 728, "logicalDpi": 96}
    config.write_text(json.dumps({"screens": [screen]}), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def with_dialog(window: QWidget | QPixmap, dialog: QWidget) -> QPixmap:
    """The window (or a picture of it), dimmed, with the dialog and a plain title bar
    centred over it."""
    shot = QPixmap(window) if isinstance(window, QPixmap) else window.grab()
    inner = dialog.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    width, height = inner.width(), inner.height() + TITLE_BAR
    top_left = QPoint((shot.width() - width) // 2, max(0, (shot.height() - height) // 2))
    frame = QRect(top_left.x(), top_left.y(), width, height)
    painter.fillRect(frame.adjusted(-1, -1, 1, 1), QColor("#5a6b80"))
    painter.fillRect(QRect(frame.x(), frame.y(), width, TITLE_BAR), QColor("#e6eaf0"))
    font = QFont(dialog.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1a1a1a"))
    painter.drawText(
        QRect(frame.x() + 10, frame.y(), width - 20, TITLE_BAR),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(frame.x(), frame.y() + TITLE_BAR, inner)
    painter.end()
    return shot


def people_page(studio: Studio, site: SiteType = SiteType.COMMUNE) -> tuple[Scene, PeoplePage]:
    scene = studio.scene(site)
    page = scene.window.show_page("people")
    assert isinstance(page, PeoplePage)
    studio.settle(scene)
    return scene, page


def fit_dialog(dialog: QWidget, scene: Scene) -> None:
    """As the window manager would: no taller than the screen under the title bar."""
    width = min(dialog.width(), SIZE[0] - 40)
    height = min(dialog.height(), SIZE[1] - TITLE_BAR - 40)
    dialog.resize(width, height)


def open_form(studio: Studio, scene: Scene, page: PeoplePage, person_id: str | None) -> PersonForm:
    form = page.open_person(person_id)
    fit_dialog(form, scene)
    studio.settle(scene)
    return form


def people_list(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    page.clear_filters()
    studio.settle(scene)
    page.table.selectRow(2)
    studio.settle(scene)
    return scene.window.grab()


def people_search(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    page.search.setText("nguyen thi")
    page.status.setCurrentIndex(page.status.findData("active"))
    studio.settle(scene, 0.3)
    shot = scene.window.grab()
    page.clear_filters()
    studio.settle(scene)
    return shot


def people_list_facility(studio: Studio) -> QPixmap:
    scene, page = people_page(studio, SiteType.FACILITY)
    page.table.selectRow(0)
    studio.settle(scene)
    return scene.window.grab()


def person_form(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    form = open_form(studio, scene, page, scene.people["Trần Văn Bình"])
    shot = with_dialog(scene.window, form)
    form.close()
    return shot


def person_form_related(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    form = open_form(studio, scene, page, scene.people["Trần Văn Bình"])
    form.tabs.setCurrentIndex(form.related_tabs[1])
    studio.settle(scene)
    shot = with_dialog(scene.window, form)
    form.close()
    return shot


def person_form_errors(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    form = open_form(studio, scene, page, None)
    form.full_name.setText("Phạm Văn 🙂 Long")
    form.birth.text_edit.setText("12/05/2031")
    form.sex_buttons[Sex.FEMALE].setChecked(True)
    form.cccd.setText("079088001234")
    form.cccd_issued_on.setText("31/02/2022")
    form.phone.setText("09123")
    form.save()
    studio.settle(scene)
    shot = with_dialog(scene.window, form)
    form._closing = True
    form.close()
    return shot


def person_form_qr(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    form = open_form(studio, scene, page, None)
    form.phone.setFocus()
    form.fill_from_qr(QR, form.phone)
    studio.settle(scene)
    shot = with_dialog(scene.window, form)
    form._closing = True
    form.close()
    return shot


def duplicate_warning(studio: Studio) -> QPixmap:
    scene, page = people_page(studio)
    form = open_form(studio, scene, page, None)
    form.fill_from_qr(QR)
    form.save()
    studio.settle(scene)
    dialog = form.duplicates
    assert dialog is not None
    shot = with_dialog(with_dialog(scene.window, form), dialog)
    dialog.reject()
    studio.settle(scene)
    form._closing = True
    form.close()
    return shot


def dashboard(studio: Studio) -> QPixmap:
    scene = studio.scene(SiteType.COMMUNE)
    scene.window.show_page("dashboard")
    studio.settle(scene, 0.8)
    return scene.window.grab()


def dashboard_numbers(studio: Studio) -> QPixmap:
    scene = studio.scene(SiteType.COMMUNE)
    page = scene.window.show_page("dashboard")
    studio.settle(scene, 0.8)
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    studio.settle(scene)
    shot = scene.window.grab()
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    return shot


def dashboard_facility(studio: Studio) -> QPixmap:
    scene = studio.scene(SiteType.FACILITY)
    scene.window.show_page("dashboard")
    studio.settle(scene, 0.8)
    return scene.window.grab()


STEPS: list[tuple[str, Callable[[Studio], QPixmap]]] = [
    ("dashboard", dashboard),
    ("dashboard_numbers", dashboard_numbers),
    ("dashboard_facility", dashboard_facility),
    ("people_list", people_list),
    ("people_search", people_search),
    ("people_list_facility", people_list_facility),
    ("person_form", person_form),
    ("person_form_related", person_form_related),
    ("person_form_errors", person_form_errors),
    ("person_form_qr", person_form_qr),
    ("duplicate_warning", duplicate_warning),
    # The Đồng bộ screen (scripts/screenshots_sync.py; starts a local central server).
    *SYNC_STEPS,
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="screenshots")
    parser.add_argument("out", nargs="?", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--font-points", type=int, default=11)
    parser.add_argument("--suffix", default="")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _screen_1366x768()
    app = create_application(["screenshots"])
    i18n.install("vi")
    with tempfile.TemporaryDirectory(prefix="btxh-shots-") as folder:
        studio = Studio(app, Path(folder), args.font_points)
        try:
            for name, step in STEPS:
                if args.only and name not in args.only:
                    continue
                pixmap = step(studio)
                target = out / f"{name}{args.suffix}.png"
                pixmap.save(str(target))
                print(
                    f"saved {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                )
        finally:
            studio.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
