"""The import dialog driven like an officer would: file, column mapping, preview with every
row's verdict, import with progress, cancel, and the rejected rows saved for correction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from btxh_desktop.services import importer as importer_module
from btxh_desktop.services.container import Services
from btxh_desktop.services.importer import RowStatus
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.import_dialog import (
    CHOOSE,
    MAPPING,
    PREVIEW,
    SUMMARY,
    ImportDialog,
)
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.reports_view import ReportsPage
from tests.services.test_import import row, workbook
from tests.ui.conftest import wait_idle


def settle(qtbot: QtBot, ui: UiContext) -> None:
    qtbot.wait(20)
    wait_idle(qtbot, ui)


def open_dialog(window: MainWindow, qtbot: QtBot, ui: UiContext) -> ImportDialog:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    settle(qtbot, ui)
    page.import_button.click()
    dialog = page.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    return dialog


def sample(tmp_path: Path) -> Path:
    return workbook(
        tmp_path / "danh-sach.xlsx",
        [
            row(1, "Nguyễn Văn An", "12/03/1950", "Nam", "079050000001"),
            row(2, "Trần Văn Sai", "1950", "Nữ", "079050000002"),
            row(3, "Lê Văn Hệ Số", "1940", "Nam", "079040000003"),
            row(4, "Phạm Thị Dung", "1948", "Nữ", "079148000004"),
        ],
    )


def test_file_mapping_preview_import_and_report(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    qtmodeltester: object,
) -> None:
    dialog = open_dialog(window, qtbot, ui)
    assert dialog.pages.currentIndex() == CHOOSE
    assert not dialog.next_button.isEnabled()
    dialog.path_edit.setText(str(sample(tmp_path)))
    assert dialog.next_button.text() == "Đọc tệp"
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == MAPPING
    assert "dòng tiêu đề 3" in dialog.sheet_label.text()
    assert dialog.combos["full_name"].currentText() == "B: Họ và tên"
    assert dialog.combos["phone"].currentText() == "— không nhập —"

    mapping_file = tmp_path / "anh-xa.json"
    dialog.save_mapping(mapping_file)
    assert json.loads(mapping_file.read_text("utf-8"))["columns"]["cccd"] == "Số CCCD"

    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == PREVIEW
    assert dialog.plan is not None
    assert "4 dòng" in dialog.preview_summary.text() and "1 dòng bị từ chối" in (
        dialog.preview_summary.text()
    )
    assert dialog.preview.rowCount() == 4
    assert dialog.preview.index(1, 1).data() == "Bị từ chối"
    assert "Số CCCD" in dialog.preview.index(1, 6).data()
    qtmodeltester.check(dialog.preview)  # type: ignore[attr-defined]
    dialog.filter.setCurrentIndex(dialog.filter.findData(RowStatus.REJECTED))
    assert dialog.preview.rowCount() == 1
    assert dialog.next_button.text() == "Nhập 3 dòng"

    results: list[object] = []
    dialog.imported.connect(results.append)
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == SUMMARY
    assert len(results) == 1
    assert "Đã nhập 3 đối tượng và 3 hồ sơ trợ cấp" in dialog.summary_label.text()
    assert services.people.count() == 3
    report = tmp_path / "ket-qua.xlsx"
    dialog.save_report(report)
    settle(qtbot, ui)
    assert str(report) in dialog.report_saved.text()
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert any(r[0] == 5 and r[2] == "Trần Văn Sai" for r in rows)


def test_a_file_without_headers_is_explained_and_the_dialog_stays_on_the_file(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", "b", "c"])
    book.save(tmp_path / "la.xlsx")
    dialog = open_dialog(window, qtbot, ui)
    dialog.path_edit.setText(str(tmp_path / "la.xlsx"))
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == CHOOSE
    assert dialog.message.isVisible()
    assert "Không tìm thấy dòng tiêu đề" in dialog.message.text()


def test_a_saved_mapping_is_applied_and_a_mismatched_one_is_refused(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = sample(tmp_path)
    mapping = tmp_path / "m.json"
    mapping.write_text(
        json.dumps({"version": 1, "columns": {"full_name": "Họ và tên", "cccd": "Số CCCD"}}),
        "utf-8",
    )
    dialog = open_dialog(window, qtbot, ui)
    dialog.use_mapping(mapping)
    assert dialog.mapping_label.text() == "m.json"
    dialog.path_edit.setText(str(path))
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == MAPPING
    assert dialog.combos["birth"].currentText() == "— không nhập —"  # only what was saved
    assert dialog.combos["cccd"].currentText() == "E: Số CCCD"

    mapping.write_text(json.dumps({"columns": {"full_name": "Tên khác hẳn"}}), "utf-8")
    dialog.back_button.click()
    dialog.use_mapping(mapping)
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == CHOOSE
    assert "Tên khác hẳn" in dialog.message.text()


def test_cancelling_the_import_leaves_nothing_behind(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer_module, "SAVE_CHUNK", 2)
    rows = [row(i, f"Nguyễn Văn Số {i}", "1950", "Nam", f"0790500{i:05d}") for i in range(1, 41)]
    dialog = open_dialog(window, qtbot, ui)
    dialog.path_edit.setText(str(workbook(tmp_path / "huy.xlsx", rows)))
    dialog.next_button.click()
    settle(qtbot, ui)
    dialog.next_button.click()
    settle(qtbot, ui)
    assert dialog.plan is not None and len(dialog.plan.valid) == 40
    dialog.next_button.click()
    dialog.cancel()
    settle(qtbot, ui)
    assert dialog.pages.currentIndex() == PREVIEW
    assert dialog.message.text() == "Đã hủy. Không có dòng nào được nhập."
    assert services.people.count() == 0
