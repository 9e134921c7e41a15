"""Screenshots of the people list, the person form and the overview at 1366×768, in Vietnamese.

`STEPS` is a list of (name, callable): a callable gets the `Studio` (demo databases for a
commune and a facility, with a fixed "today", and their main windows) and returns the pixmap
saved as docs/screenshots/NAME.png. A dialog is drawn over its window, dimmed, as the user
sees it. Add a screen by appending a step. Run offscreen (or under `xvfb-run -a`):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
        [--font-points 11] [--suffix ""] [--only NAME ...]

`--font-points 20 --suffix _large` shows the screens at the largest text size, to find
clipped Vietnamese. The studio, the drawing and the command line are scripts/screenshot_kit.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from screenshot_kit import (  # scripts/ is on the path when run
    COMMUNE,
    TODAY,
    Scene,
    Step,
    Studio,
    fit_dialog,
    run,
    with_dialog,
)
from screenshots_sync import SYNC_STEPS

from btxh_desktop.domain.codes import (
    AdmissionType,
    DisabilityLevel,
    HouseholdStatus,
    ResidentGroup,
    SchoolStatus,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.people import DisabilityDraft, GuardianDraft
from btxh_desktop.ui.dialogs.person_form import PersonForm
from btxh_desktop.ui.views.people_view import PeoplePage

QR = (
    "079190004521||LÊ THỊ HỒNG NHUNG|05091990|Nữ|"
    "Số 12 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh|20042021"
)


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


def facility_data(services: Services, folder: Path) -> dict[str, str]:
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


def people_page(studio: Studio, site: SiteType = SiteType.COMMUNE) -> tuple[Scene, PeoplePage]:
    scene = studio.scene(site)
    page = scene.window.show_page("people")
    assert isinstance(page, PeoplePage)
    studio.settle(scene)
    return scene, page


def open_form(studio: Studio, scene: Scene, page: PeoplePage, person_id: str | None) -> PersonForm:
    form = page.open_person(person_id)
    fit_dialog(form)
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


STEPS: list[Step] = [
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


DATA = {SiteType.COMMUNE: commune_data, SiteType.FACILITY: facility_data}


if __name__ == "__main__":
    sys.exit(run("screenshots", sys.argv[1:], STEPS, DATA))
