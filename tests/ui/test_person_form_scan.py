"""The CCCD QR scan and the duplicate warning, driven through the form's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.services.container import Services
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.duplicate_dialog import DuplicateDialog
from btxh_desktop.ui.main_window import MainWindow
from tests.ui.people_support import click, new_form, people_page, person, settle, type_text

ADDRESS = "Tổ 3, Khu phố 5, Phường Sài Gòn, Thành phố Hồ Chí Minh"
PAYLOAD = f"001090000123|012345678|NGUYỄN VĂN AN|12031990|Nam|{ADDRESS}|15082021"


def test_a_scan_into_any_field_fills_the_identity_and_gives_the_field_its_text_back(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.phone.setText("0912345678")
    form.phone.setFocus()
    form.phone.end(False)
    # The scanner types the payload, then Enter, into the phone field.
    type_text(form.phone, PAYLOAD)
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    settle(qtbot, ui)

    assert form.phone.text() == "0912345678"
    assert form.full_name.text() == "Nguyễn Văn An"
    assert form.birth.text_edit.text() == "12/03/1990"
    assert form.sex_buttons[Sex.MALE].isChecked()
    assert form.cccd.text() == "001090000123"
    assert form.cccd_issued_on.text() == "15/08/2021"
    assert form.old_id_number.text() == "012345678"
    assert form.commune.code() == "26740"
    assert form.address_detail.text() == "Tổ 3, Khu phố 5"
    assert form.banner.text().startswith("Đã điền từ mã QR trên thẻ: họ tên, ngày sinh, giới tính")
    # The scanner's Enter did not also save the form.
    assert services.people.count() == 0
    form.save()
    settle(qtbot, ui)
    assert services.people.search("001090000123")[0].full_name == "Nguyễn Văn An"


def test_a_scan_that_disagrees_with_itself_is_shown_beside_the_field(
    window: MainWindow, ui: UiContext, qtbot: QtBot
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    # The number says a man; the card's text says a woman.
    payload = PAYLOAD.replace("|Nam|", "|Nữ|")
    form.qr_edit.setFocus()
    type_text(form.qr_edit, payload)
    qtbot.wait(300)  # no Enter: the scanner just stops typing
    settle(qtbot, ui)
    assert form.sex_buttons[Sex.FEMALE].isChecked()
    assert form.fields["cccd"].error.text() == "Số CCCD không khớp với giới tính đã ghi"
    assert "Có thông tin cần xem lại" in form.banner.text()


def test_garbage_pasted_into_the_qr_field_changes_nothing(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.full_name.setText("Tên đã gõ")
    garbage = "001090000123|<script>|||||"
    form.qr_edit.setText(garbage)
    qtbot.keyClick(form.qr_edit, Qt.Key.Key_Return)
    settle(qtbot, ui)
    assert form.qr_error.isVisible()
    assert form.qr_error.text().startswith("Không đọc được mã QR trên thẻ CCCD")
    assert form.qr_edit.text() == garbage
    assert form.full_name.text() == "Tên đã gõ"
    assert form.cccd.text() == ""
    assert services.people.count() == 0


def test_the_same_cccd_warns_side_by_side_before_saving(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    qtmodeltester: ModelTester,
) -> None:
    existing = person(
        services, "Nguyễn Văn An", PartialDate(1990, 3, 12), Sex.MALE, cccd="001090000123"
    )
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.fill_from_qr(PAYLOAD)
    click(qtbot, form.save_button)
    settle(qtbot, ui)
    dialog = form.duplicates
    assert isinstance(dialog, DuplicateDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Có thể người này đã có trong danh sách"
    assert dialog.reason.text() == "Trùng số CCCD"
    rows = {
        dialog.model.index(r, 0).data(): (
            dialog.model.index(r, 1).data(),
            dialog.model.index(r, 2).data(),
        )
        for r in range(dialog.model.rowCount())
    }
    assert rows["Số CCCD"] == ("001090000123", "001090000123")
    assert rows["Họ và tên"] == ("Nguyễn Văn An", "Nguyễn Văn An")
    assert rows["Mã hồ sơ"] == ("(mới)", "26740-000001")
    assert rows["Địa chỉ"] == ("Tổ 3, Khu phố 5", "")
    same = dialog.model.index(4, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert same is not None  # equal values are highlighted
    qtmodeltester.check(dialog.model)
    assert [b.text() for b in (dialog.save_button, dialog.open_button, dialog.back_button)] == [
        "Lưu người mới",
        "Mở hồ sơ đã có",
        "Quay lại sửa",
    ]

    click(qtbot, dialog.back_button)
    settle(qtbot, ui)
    assert services.people.count() == 1
    assert form.full_name.text() == "Nguyễn Văn An"
    assert form.save_button.isEnabled()

    click(qtbot, form.save_button)
    settle(qtbot, ui)
    click(qtbot, form.duplicates.open_button)
    settle(qtbot, ui)
    [opened] = form.opened_forms
    assert opened.person_id == existing
    assert opened.full_name.text() == "Nguyễn Văn An"
    opened.close()
    assert services.people.count() == 1

    click(qtbot, form.save_button)
    settle(qtbot, ui)
    click(qtbot, form.duplicates.save_button)
    settle(qtbot, ui)
    assert services.people.count() == 2
    assert form.record is not None and form.record.code == "26740-000002"


def test_same_name_birth_year_and_commune_also_warns_and_editing_does_not_warn_about_itself(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    pid = person(services, "Trần Thị Mai", PartialDate(1948), Sex.FEMALE)
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.full_name.setText("Trần Thị MAI")  # the same name, folded
    form.birth.text_edit.setText("05/06/1948")
    form.save()
    settle(qtbot, ui)
    assert form.duplicates is not None
    assert form.duplicates.reason.text() == "Trùng họ tên, năm sinh và xã/phường"
    form.duplicates.reject()  # Esc: back to editing
    settle(qtbot, ui)
    assert form.banner.text() == "Chưa lưu. Hãy sửa thông tin rồi lưu lại."
    form.close()
    existing = page.open_person(pid)
    settle(qtbot, ui)
    existing.notes.setPlainText("Sống một mình")
    existing.save()
    settle(qtbot, ui)
    assert existing.duplicates is None
    assert services.people.get(pid).draft.notes == "Sống một mình"
