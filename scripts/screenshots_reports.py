"""Screenshots of Báo cáo (reports, the spreadsheet import) and Việc cần làm (the to-do list)
at 1366×768, on the commune of scripts/screenshots_services.py: paid and provisional payment
lists, a stopped allowance to recover, back pay, an application awaiting its decision.

The import reads a small spreadsheet written here, two of its rows wrong, and shows every
row's verdict; it is taken last, since importing changes the records the other steps show.
`reports_payment_list_pdf` is the first page of the PDF the payment list saves (the app opens
no preview of its own), drawn by Qt PDF. The studio, the drawing and the command line are
scripts/screenshot_kit.py. Run offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_reports.py [OUT_DIR]
        [--font-points 11] [--suffix ""] [--only NAME ...]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from screenshot_kit import (  # scripts/ is on the path when run
    DESKTOP,
    SIZE,
    Scene,
    Step,
    Studio,
    run,
    with_dialog,
)
from screenshots_services import DATA

from btxh_desktop.domain.alerts import AlertKind
from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.ui.dialogs.import_dialog import ImportDialog
from btxh_desktop.ui.views.alerts_view import AlertsPage
from btxh_desktop.ui.views.reports_view import ReportsPage

PAID_MONTH = Month(2026, 10)
# A commune's own list as officers keep it: two title lines, then the header row.
HEADERS = (
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Thôn", "Đối tượng",
    "Hệ số", "Mức trợ cấp", "Số QĐ", "Ngày QĐ",
)  # fmt: skip
ROWS = (
    (1, "Nguyễn Thị Lài", "12/03/1950", "Nữ", "079150000101", "K5a", 1.5, 810_000),
    (2, "Trần Văn Sáu", "1946", "Nam", "079046000102", "K5a", 1.5, 810_000),
    # The ID number says a woman born in 1950: the sex or the number was mistyped.
    (3, "Lê Văn Bảy", "05/07/1950", "Nam", "079150000103", "K5a", 1.5, 810_000),
    (4, "Phạm Thị Tám", "1944", "Nữ", "079144000104", "K5a", 1.5, 810_000),
    # Born in the future, and a category the rules do not have.
    (5, "Võ Văn Chín", "14/02/2031", "Nam", "079031000105", "K9", 1.5, 810_000),
    (6, "Huỳnh Thị Mười", "1952", "Nữ", "079152000106", "K5a", 1.5, 810_000),
)


def spreadsheet(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet["A1"] = "UBND PHƯỜNG SÀI GÒN"
    sheet["A2"] = "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG"
    sheet.append(HEADERS)
    for number, name, birth, sex, cccd, category, coefficient, amount in ROWS:
        sheet.append(
            [number, name, birth, sex, cccd, "Kinh", "Khu phố 3", category, coefficient, amount,
             f"{100 + number}/QĐ-UBND", dt.date(2025, 3, 5)]
        )  # fmt: skip
    path = folder / "danh-sach-doi-tuong.xlsx"
    book.save(path)
    return path


# ---------------------------------------------------------------------- Báo cáo


def reports_page(studio: Studio) -> tuple[Scene, ReportsPage]:
    scene = studio.scene(SiteType.COMMUNE)
    page = scene.window.show_page("reports")
    assert isinstance(page, ReportsPage)
    studio.settle(scene)
    return scene, page


def statistics(studio: Studio) -> QPixmap:
    scene, page = reports_page(studio)
    page.tabs.setCurrentIndex(0)
    page.period.setCurrentIndex(page.period.findData("year"))
    page.load_statistics()
    studio.settle(scene, 0.3)
    return scene.window.grab()


def payment_list(studio: Studio) -> QPixmap:
    scene, page = reports_page(studio)
    page.tabs.setCurrentIndex(1)
    page.payment_month.set_value(PAID_MONTH)
    page.load_payments()
    studio.settle(scene, 0.3)
    return scene.window.grab()


def payment_list_pdf(studio: Studio) -> QPixmap:
    """The saved PDF's first page, on the desktop, as a PDF reader would show it."""
    scene, page = reports_page(studio)
    if page.payment_document is None:
        page.payment_month.set_value(PAID_MONTH)
        page.load_payments()
        studio.settle(scene)
    path = studio.folder / f"danh-sach-chi-tra-{PAID_MONTH}.pdf"
    page.save("payments", "pdf", path)
    studio.settle(scene)
    assert page.last_saved == path, page.message.text()
    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(0)
    height = SIZE[1] - 40
    image = document.render(0, QSize(int(size.width() * height / size.height()), height))
    document.close()
    shot = QPixmap(*SIZE)
    shot.fill(DESKTOP)
    painter = QPainter(shot)
    left = (SIZE[0] - image.width()) // 2
    painter.fillRect(left - 1, 19, image.width() + 2, image.height() + 2, QColor("#5a6b80"))
    painter.fillRect(left, 20, image.width(), image.height(), QColor("white"))  # the paper
    painter.drawImage(left, 20, image)
    painter.end()
    return shot


def public_posting(studio: Studio) -> QPixmap:
    scene, page = reports_page(studio)
    page.tabs.setCurrentIndex(2)
    page.posting_month.set_value(PAID_MONTH)
    page.posting_kind.setCurrentIndex(page.posting_kind.findData(False))
    page.load_posting()
    studio.settle(scene, 0.3)
    return scene.window.grab()


def printable_documents(studio: Studio) -> QPixmap:
    scene, page = reports_page(studio)
    page.tabs.setCurrentIndex(3)
    page.person_search.setText("Lê Văn Khải")
    page.search_people()
    studio.settle(scene, 0.3)
    return scene.window.grab()


def import_dialog(studio: Studio) -> tuple[Scene, ImportDialog]:
    scene, page = reports_page(studio)
    page.open_import()
    dialog = page.import_dialog
    assert dialog is not None
    dialog.path_edit.setText(str(spreadsheet(studio.folder)))
    dialog.next()  # read the file
    studio.settle(scene)
    return scene, dialog


def import_mapping(studio: Studio) -> QPixmap:
    scene, dialog = import_dialog(studio)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def import_errors(studio: Studio) -> QPixmap:
    """Every row's verdict after the check, the row with two mistakes chosen."""
    scene, dialog = import_dialog(studio)
    dialog.next()  # check the rows
    studio.settle(scene)
    rows = dialog.preview.rows
    dialog.preview_table.selectRow(next(i for i, r in enumerate(rows) if r.row_number == 8))
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


def import_done(studio: Studio) -> QPixmap:
    scene, dialog = import_dialog(studio)
    dialog.next()  # check the rows
    studio.settle(scene)
    dialog.next()  # import the valid ones
    studio.settle(scene, 0.5)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


# ---------------------------------------------------------------------- Việc cần làm


def alerts_page(studio: Studio) -> tuple[Scene, AlertsPage]:
    scene = studio.scene(SiteType.COMMUNE)
    page = scene.window.show_page("alerts")
    assert isinstance(page, AlertsPage)
    studio.settle(scene, 0.5)
    return scene, page


def alerts_list(studio: Studio) -> QPixmap:
    scene, page = alerts_page(studio)
    page.select_kind(AlertKind.AGE_BAND)
    studio.settle(scene)
    return scene.window.grab()


def alerts_action(studio: Studio) -> QPixmap:
    """An age-band change, one click from the list: the adjustment, pre-filled."""
    scene, page = alerts_page(studio)
    page.select_kind(AlertKind.AGE_BAND)
    studio.settle(scene)
    dialog = page.take_action()
    assert dialog is not None
    dialog.decision_number.setText("236/QĐ-UBND")
    studio.settle(scene)
    shot = with_dialog(scene.window, dialog)
    dialog.reject()
    return shot


STEPS: list[Step] = [
    ("reports_statistics", statistics),
    ("reports_payment_list", payment_list),
    ("reports_public_posting", public_posting),
    ("reports_documents", printable_documents),
    ("reports_payment_list_pdf", payment_list_pdf),
    ("alerts_list", alerts_list),
    ("alerts_action", alerts_action),
    ("reports_import_mapping", import_mapping),
    ("reports_import_errors", import_errors),
    ("reports_import_done", import_done),
]


if __name__ == "__main__":
    sys.exit(run("screenshots_reports", sys.argv[1:], STEPS, DATA))
