"""The table model under every list of the allowance, facility and emergency screens, and the
person picker's model: rows replaced, updated and removed by key stay consistent."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import ChoosePersonDialog
from btxh_desktop.ui.models.rows_model import KEY_ROLE, SORT_ROLE, Column, RowsModel
from tests.ui.assistance_support import settle


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    amount: int


def model() -> RowsModel[Row]:
    return RowsModel(
        [
            Column("Name", lambda r: r.name),
            Column("Amount", lambda r: f"{r.amount:,}", lambda r: r.amount, numeric=True),
        ],
        key=lambda r: r.key,
    )


def test_rows_are_updated_in_place_appended_and_removed_by_key(
    qtmodeltester: object, qapp: object
) -> None:
    rows = model()
    rows.set_rows([Row("a", "An", 1), Row("b", "Bình", 2), Row("c", "Chi", 3)])
    qtmodeltester.check(rows)  # type: ignore[attr-defined]
    rows.upsert([Row("b", "Bình", 20), Row("d", "Dũng", 4)])
    assert [r.key for r in rows.rows] == ["a", "b", "c", "d"]
    assert rows.index(1, 1).data() == "20"
    assert rows.index(1, 1).data(SORT_ROLE) == 20
    assert rows.index(3, 0).data(KEY_ROLE) == "d"
    rows.remove(["a", "c", "missing"])
    assert [r.key for r in rows.rows] == ["b", "d"]
    assert rows.row_number("d") == 1 and rows.find("a") is None
    assert rows.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert rows.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert rows.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert rows.headerData(0, Qt.Orientation.Vertical) is None
    qtmodeltester.check(rows)  # type: ignore[attr-defined]


def test_the_person_picker_finds_people_without_accents(
    ui: UiContext, qtbot: QtBot, services: Services, qtmodeltester: object
) -> None:
    for name in ("Nguyễn Văn Đức", "Nguyễn Thị Duyên", "Trần Văn Đức"):
        services.people.create(PersonDraft(full_name=name, birth=PartialDate(1960)))
    dialog = ChoosePersonDialog(ui, "Chọn đối tượng")
    qtbot.addWidget(dialog)
    dialog.open()
    chosen: list[object] = []
    dialog.chosen.connect(chosen.append)
    dialog.search_now("nguyen duc")
    settle(qtbot, ui)
    assert dialog.model.rowCount() == 1
    assert dialog.status.text() == "Tìm thấy 1 người."
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    dialog.search_now("khong co ai")
    settle(qtbot, ui)
    assert dialog.model.rowCount() == 0
    assert not dialog.choose_button.isEnabled()
    dialog.search_now("duc")
    settle(qtbot, ui)
    assert dialog.model.rowCount() == 2
    dialog.choose_button.click()
    assert len(chosen) == 1
