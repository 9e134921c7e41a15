"""Đối tượng: the lazy list, search as you type without diacritics, filters, sorting, opening
a person, and refreshing after changes made elsewhere."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.storage.people import PeopleFilter, PeopleList
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.models.people_model import PLACEHOLDER
from tests.ui.people_support import (
    load_all_rows,
    people_page,
    person,
    search,
    settle,
    shown_names,
)


def test_the_list_holds_ids_and_fetches_only_the_rows_it_paints(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    qtmodeltester: ModelTester,
) -> None:
    services.demo.generate(450, seed=2)
    page = people_page(window, qtbot, ui)
    model = page.model
    assert model.rowCount() == 450
    assert page.result_label.text() == "450 đối tượng"
    # The view painted the first screen; rows far below were never asked for.
    far = model.ids()[440]
    assert model.cached(far) is None
    assert model.index(440, 1).data() == PLACEHOLDER
    settle(qtbot, ui)
    assert model.cached(far) is not None
    assert model.index(440, 1).data() == model.cached(far).full_name
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert header[:3] == ["Mã hồ sơ", "Họ và tên", "Ngày sinh"]
    qtmodeltester.check(model)


def test_search_as_you_type_without_diacritics_by_cccd_and_by_record_code(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    an = person(services, "Nguyễn Văn An", PartialDate(1950), Sex.MALE, cccd="079050012345")
    person(services, "Nguyễn Thị Bình", PartialDate(1960), Sex.FEMALE)
    person(services, "Đặng Thị Ánh", PartialDate(1970, 5), Sex.FEMALE)
    person(services, "Trần Văn Cường")
    code = services.people.get(an).code
    page = people_page(window, qtbot, ui)
    assert search(page, qtbot, ui, "nguyen van a") == ["Nguyễn Văn An"]
    assert page.result_label.text() == "1 kết quả"
    assert search(page, qtbot, ui, "dang") == ["Đặng Thị Ánh"]
    assert search(page, qtbot, ui, "NGUYEN") == ["Nguyễn Thị Bình", "Nguyễn Văn An"]
    assert search(page, qtbot, ui, "079050012345") == ["Nguyễn Văn An"]
    assert search(page, qtbot, ui, code) == ["Nguyễn Văn An"]
    assert search(page, qtbot, ui, "không có ai") == []
    assert "Không tìm thấy" in page.result_label.text()
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.search.clear()
    assert page.model.rowCount() == 4


def test_only_the_latest_question_is_answered(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    person(services, "Nguyễn Văn An")
    person(services, "Đặng Thị Ánh")
    page = people_page(window, qtbot, ui)
    shown: list[int] = []
    page.results_shown.connect(lambda: shown.append(page.model.rowCount()))
    # Three questions leave before any answer comes back; only the last one is shown.
    for text in ("n", "ng", "dang"):
        page.search.setText(text)
        page.run_query()
    settle(qtbot, ui)
    assert shown == [1]
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Đặng Thị Ánh"]


def test_a_search_past_the_cap_asks_for_more_letters(
    window: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    page = people_page(window, qtbot, ui)
    text = page._count_text(PeopleList(["x"] * 5000, 12_345, True), PeopleFilter(text="n"))
    assert text == "12.345 kết quả: đang hiện 5.000 người đầu. Gõ thêm để thu hẹp danh sách."
    filtered = page._count_text(
        PeopleList(["x"] * 5000, None, True), PeopleFilter(text="n", commune_code="26740")
    )
    assert filtered.startswith("Hơn 5.000 kết quả")


def test_filters_and_sorting_are_done_by_the_database(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    old = person(services, "Lê Văn Già", PartialDate(1940, 1, 2), Sex.MALE)
    child = person(services, "Phạm Bé Út", PartialDate(2024, 6), Sex.FEMALE)
    person(services, "Võ Văn Khác", PartialDate(1990), Sex.MALE, commune="00004")
    allowance = services.allowance
    allowance.apply(child, "K1", dt.date(2026, 10, 1), sub_case="abandoned")
    case = allowance.apply(old, "K5c", dt.date(2025, 1, 10))
    allowance.decide(case, "12/QĐ-UBND", dt.date(2025, 2, 1), "Chủ tịch UBND phường")
    page = people_page(window, qtbot, ui)
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Lê Văn Già", "Phạm Bé Út", "Võ Văn Khác"]
    row = shown_names(page).index("Phạm Bé Út")
    assert page.model.index(row, 7).data() == "K1"
    assert page.model.index(row, 8).data() == "Chờ quyết định"

    def choose(combo_name: str, data: object) -> list[str]:
        combo = getattr(page, combo_name)
        with qtbot.waitSignal(page.results_shown, timeout=5000):
            combo.setCurrentIndex(combo.findData(data))
        load_all_rows(page, qtbot, ui)
        return shown_names(page)

    assert choose("category", "K1") == ["Phạm Bé Út"]
    assert choose("category", None) == ["Lê Văn Già", "Phạm Bé Út", "Võ Văn Khác"]
    assert choose("status", "active") == ["Lê Văn Già"]
    assert choose("status", None) == ["Lê Văn Già", "Phạm Bé Út", "Võ Văn Khác"]
    # Communes offered are those people live in, with how many.
    assert page.commune.itemText(page.commune.findData("00004")) == "Phường Ba Đình (1)"
    assert choose("commune", "00004") == ["Võ Văn Khác"]
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.clear_filters()

    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        header.sectionClicked.emit(2)  # Ngày sinh
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Lê Văn Già", "Võ Văn Khác", "Phạm Bé Út"]
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        header.sectionClicked.emit(2)
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Phạm Bé Út", "Võ Văn Khác", "Lê Văn Già"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    # Sex is not a sort order anyone needs; the indicator stays where the order is.
    header.sectionClicked.emit(3)
    assert header.sortIndicatorSection() == 2


def test_enter_or_double_click_opens_the_person(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    person(services, "Nguyễn Văn An", PartialDate(1950, 3, 12), Sex.MALE)
    page = people_page(window, qtbot, ui)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    form = page.last_form
    assert form is not None
    settle(qtbot, ui)
    assert form.full_name.text() == "Nguyễn Văn An"
    assert form.birth.text_edit.text() == "12/03/1950"
    form.close()
    index = page.model.index(0, 1)
    rect = page.table.visualRect(index)
    assert not form.isVisible()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.last_form is not form
    settle(qtbot, ui)
    page.last_form.close()


def test_changes_made_elsewhere_refresh_only_what_they_name(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    an = person(services, "Nguyễn Văn An")
    person(services, "Trần Thị Bình")
    page = people_page(window, qtbot, ui)
    load_all_rows(page, qtbot, ui)
    answers: list[int] = []
    page.results_shown.connect(lambda: answers.append(1))
    record = services.people.get(an)
    renamed = PersonDraft(**{**record.draft.__dict__, "full_name": "Nguyễn Văn Anh"})
    ui.runner.run(lambda: services.people.update(an, renamed))
    settle(qtbot, ui)
    load_all_rows(page, qtbot, ui)
    # The row was fetched again; the list of ids was not asked for again.
    assert "Nguyễn Văn Anh" in shown_names(page)
    assert answers == []
    ui.runner.run(lambda: services.people.create(PersonDraft(full_name="Lê Văn Mới")))
    settle(qtbot, ui)
    load_all_rows(page, qtbot, ui)
    assert answers == [1]
    assert "Lê Văn Mới" in shown_names(page)
    ui.runner.run(lambda: services.people.delete(an))
    settle(qtbot, ui)
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Lê Văn Mới", "Trần Thị Bình"]
