"""Báo cáo driven through the widgets: statistics with a chart, the payment list and the
public posting list on screen and saved as Excel and PDF, printable documents for a person."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from btxh_desktop.domain.codes import Role
from btxh_desktop.domain.dates import Month
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.storage.models import AuditEntry
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.reports_view import ReportsPage
from tests.services.test_reports import commune_with_beneficiaries
from tests.ui.conftest import wait_idle


def open_page(window: MainWindow, qtbot: QtBot, ui: UiContext) -> ReportsPage:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    qtbot.wait(20)
    wait_idle(qtbot, ui)
    return page


def settle(qtbot: QtBot, ui: UiContext) -> None:
    qtbot.wait(20)
    wait_idle(qtbot, ui)


def column_texts(model: object, column: int) -> list[str]:
    return [
        model.index(row, column).data()  # type: ignore[attr-defined]
        for row in range(model.rowCount())  # type: ignore[attr-defined]
    ]


def test_reports_come_after_emergency_assistance_and_before_settings(window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles.index("Trợ giúp đột xuất") < titles.index("Báo cáo") < titles.index("Cài đặt")


def test_statistics_show_a_chart_and_each_table(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, qtmodeltester: object
) -> None:
    commune_with_beneficiaries(services)
    page = open_page(window, qtbot, ui)
    assert not page.statistics_xlsx.isEnabled()
    page.period.setCurrentIndex(page.period.findData("half"))
    assert page.from_month.value() == Month(2026, 7) and page.to_month.value() == Month(2026, 11)
    page.statistics_button.click()
    settle(qtbot, ui)
    assert page.statistics_document is not None
    titles = [page.section.itemText(i) for i in range(page.section.count())]
    assert "II. Đối tượng hưởng trợ cấp theo diện" in titles
    assert page.section.currentText() == "II. Đối tượng hưởng trợ cấp theo diện"
    assert column_texts(page.statistics_model, 0)[:4] == ["K1", "K5a", "K6", "K8"]
    assert column_texts(page.statistics_model, 1)[-1] == "Tổng cộng"
    [series] = page.chart.series()
    assert series.count() == 1 and series.barSets()[0].count() == 4
    qtmodeltester.check(page.statistics_model)  # type: ignore[attr-defined]
    page.section.setCurrentIndex(titles.index("Theo giới tính"))
    assert column_texts(page.statistics_model, 0) == ["Nam", "Nữ", "Tổng cộng"]
    page.section.setCurrentIndex(0)  # the summary mixes units: no chart
    assert page.chart.series() == []
    assert page.statistics_xlsx.isEnabled() and page.statistics_pdf.isEnabled()


def test_payment_list_on_screen_and_saved_as_excel_and_pdf(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    qtmodeltester: object,
) -> None:
    commune_with_beneficiaries(services)
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentIndex(1)
    page.payments_button.click()
    settle(qtbot, ui)
    texts = column_texts(page.payment_model, 0)
    assert texts[0] == "Chi trả qua bưu điện"
    names = column_texts(page.payment_model, 2)
    assert "Bé Lan" in names and names[-1] == "Tổng cộng (4 người)"
    assert "4 người" in page.payment_summary.text() and "tạm tính" in page.payment_summary.text()
    qtmodeltester.check(page.payment_model)  # type: ignore[attr-defined]

    page._ask_save("payments", "xlsx")
    dialog = page.save_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("danh-sach-chi-tra-2026-11.xlsx")
    dialog.fileSelected.emit(str(tmp_path / "chi-tra.xlsx"))
    dialog.reject()
    settle(qtbot, ui)
    assert page.last_saved == tmp_path / "chi-tra.xlsx"
    flat = [v for r in load_workbook(tmp_path / "chi-tra.xlsx").active.iter_rows(values_only=True)
            for v in r if v]  # fmt: skip
    assert "Bé Lan" in flat
    page.save("payments", "pdf", tmp_path / "chi-tra.pdf")
    settle(qtbot, ui)
    assert (tmp_path / "chi-tra.pdf").read_bytes().startswith(b"%PDF")
    assert "chi-tra.pdf" in page.saved_label.text()
    with services.ctx.read() as session:
        kinds = list(
            session.scalars(select(AuditEntry.entity).where(AuditEntry.action == "export"))
        )
    assert kinds == ["payment_list", "payment_list"]


def test_public_posting_leaves_out_people_whose_record_reveals_hiv(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    commune_with_beneficiaries(services)
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentIndex(2)
    page.posting_button.click()
    settle(qtbot, ui)
    names = column_texts(page.posting_model, 1)
    assert names == ["Bé Lan", "Phạm Thị Hoa", "Trần Văn Bình"]
    headers = [
        page.posting_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.posting_model.columnCount())
    ]
    assert "Số CCCD" not in headers and "Năm sinh" in headers


def test_printable_documents_for_the_chosen_person(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentIndex(3)
    assert not page.profile_button.isEnabled()
    page.person_search.setText("be lan")
    page.search_button.click()
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: page.person_documents is not None)
    assert page.chosen_person() is not None
    assert page.profile_button.isEnabled() and page.decision_button.isEnabled()
    assert not page.admission_button.isEnabled() and not page.funeral_button.isEnabled()
    page.save("profile", "pdf", tmp_path / "ho-so.pdf")
    page.save("decision", "pdf", tmp_path / "quyet-dinh.pdf")
    settle(qtbot, ui)
    assert (tmp_path / "ho-so.pdf").stat().st_size > 1000
    assert (tmp_path / "quyet-dinh.pdf").stat().st_size > 1000


def test_a_people_export_by_a_data_entry_clerk_leaves_sensitive_columns_out(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    commune_with_beneficiaries(services)
    page = open_page(window, qtbot, ui)
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    page.save("people", "xlsx", tmp_path / "doi-tuong.xlsx")
    settle(qtbot, ui)
    flat = [v for r in load_workbook(tmp_path / "doi-tuong.xlsx").active.iter_rows(values_only=True)
            for v in r if v]  # fmt: skip
    assert "Họ và tên" in flat and "Tình trạng HIV" not in flat and "Dân tộc" not in flat


def test_a_failed_save_says_why(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentIndex(1)
    page.payments_button.click()
    settle(qtbot, ui)
    page.save("payments", "xlsx", tmp_path / "no-such-folder" / "chi-tra.xlsx")
    settle(qtbot, ui)
    assert page.message.isVisible()
    assert "Không ghi được tệp" in page.message.text()
