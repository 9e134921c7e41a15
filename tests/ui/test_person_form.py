"""The person form, driven through its widgets against a real database: creating a person,
errors beside the fields that keep what was typed, Enter and Esc, editing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from btxh_desktop.domain.codes import Role, Sex
from btxh_desktop.domain.dates import PartialDate, Precision
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.main_window import MainWindow
from tests.ui.people_support import (
    click,
    load_all_rows,
    new_form,
    people_page,
    person,
    settle,
    shown_names,
    type_text,
)


def test_a_new_person_typed_in_and_saved_with_enter(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    assert form.windowTitle() == "Thêm đối tượng mới"
    assert form.code_label.text() == "Mã hồ sơ khi lưu: 26740-000001"
    # A commune site's own commune is filled in; a facility's people come from anywhere.
    assert form.commune.code() == "26740"
    assert form.full_name.hasFocus()
    type_text(form.full_name, "Nguyễn Thị Lan")
    form.birth.text_edit.setFocus()
    type_text(form.birth.text_edit, "03/1950")
    qtbot.keyClick(form.birth.text_edit, Qt.Key.Key_Tab)
    assert form.birth.current_precision() == Precision.MONTH
    form.sex_buttons[Sex.FEMALE].setChecked(True)
    form.cccd.setFocus()
    type_text(form.cccd, "079150012345")
    form.address_detail.setFocus()
    type_text(form.address_detail, "Khu phố 3")
    type_text(form.phone, "0912 345 678")
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    settle(qtbot, ui)

    saved = services.people.search("nguyen thi lan")
    assert [p.full_name for p in saved] == ["Nguyễn Thị Lan"]
    draft = services.people.get(saved[0].id).draft
    assert draft.birth == PartialDate(1950, 3)
    assert (draft.sex, draft.cccd, draft.phone) == (Sex.FEMALE, "079150012345", "0912345678")
    assert draft.commune_code == "26740"
    assert form.banner.text().startswith("Đã lưu lúc")
    assert "26740-000001" in form.banner.text()
    assert form.windowTitle() == "Nguyễn Thị Lan — hồ sơ 26740-000001"
    # Saved: the records kept with the person can be added now, and the list shows them.
    assert all(form.tabs.isTabEnabled(i) for i in form.related_tabs)
    load_all_rows(page, qtbot, ui)
    assert shown_names(page) == ["Nguyễn Thị Lan"]
    form.close()
    assert not form.isVisible()


def test_errors_appear_beside_the_field_in_vietnamese_and_keep_what_was_typed(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    long_name = "Nguyễn " + "A" * 493
    form.full_name.setText(long_name)
    form.birth.text_edit.setText("01/01/2030")
    form.sex_buttons[Sex.FEMALE].setChecked(True)
    form.cccd.setText("079090012345")  # the fourth digit says a man born in 1990
    form.phone.setText("12345")
    click(qtbot, form.save_button)
    settle(qtbot, ui)

    def error(key: str) -> str:
        label = form.fields[key].error
        assert label.isVisible(), key
        return label.text()

    assert error("full_name") == "Họ tên quá dài (tối đa 100 ký tự)"
    assert error("birth") == "Ngày không được ở tương lai"
    assert error("cccd") == "Số CCCD không khớp với giới tính đã ghi"
    assert error("phone").startswith("Số điện thoại không hợp lệ")
    assert form.banner.text() == "Chưa lưu: có 4 ô cần sửa (đánh dấu màu đỏ)."
    assert form.full_name.text() == long_name
    assert form.birth.text_edit.text() == "01/01/2030"
    assert form.cccd.text() == "079090012345"
    assert services.people.count() == 0

    # Fixing a field clears its error as soon as it is right again.
    form.full_name.setText("Lê Thị 🙂 Hoa")
    form.full_name.setFocus()
    qtbot.keyClick(form.full_name, Qt.Key.Key_Tab)
    assert error("full_name") == "Họ tên có ký tự không dùng được: 🙂"
    form.full_name.setText("Lê Thị Hoa")
    qtbot.wait(400)
    assert not form.fields["full_name"].error.isVisible()
    form.sex_buttons[Sex.MALE].setChecked(True)
    assert not form.fields["cccd"].error.isVisible()
    assert services.people.count() == 0


def test_unreadable_dates_and_an_unknown_commune_are_refused_beside_the_field(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.full_name.setText("Trần Văn Tư")
    form.birth.text_edit.setText("31/02/1950")
    form.death_date.setText("hôm qua")
    form.commune.clear()
    type_text(form.commune, "khong co xa nay")
    click(qtbot, form.save_button)
    settle(qtbot, ui)
    assert form.fields["birth"].error.text() == "Ngày không có thật: 1950-02-31"
    assert form.fields["death_date"].error.text().startswith('Không đọc được ngày "hôm qua"')
    assert form.fields["commune_code"].error.text() == "Hãy chọn xã/phường trong danh sách gợi ý."
    # The first error's tab is shown and its field has focus.
    assert form.tabs.currentIndex() == 0
    assert services.people.count() == 0


def test_nfd_text_is_stored_as_nfc_and_unknown_birth_keeps_its_precision(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    form.full_name.setText(unicodedata.normalize("NFD", "Đỗ Thị Thuỷ"))
    form.birth.set_precision(Precision.UNKNOWN)
    assert not form.birth.text_edit.isEnabled()
    form.save()
    settle(qtbot, ui)
    found = services.people.search("do thi thuy")
    assert [p.full_name for p in found] == ["Đỗ Thị Thuỷ"]
    assert found[0].birth == PartialDate()
    form.close()


def test_esc_asks_before_discarding_typed_changes(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    page = people_page(window, qtbot, ui)
    form = new_form(page, qtbot, ui)
    type_text(form.full_name, "Phan Văn Bảy")
    qtbot.keyClick(form.full_name, Qt.Key.Key_Escape)
    box = form.discard_box
    assert isinstance(box, QMessageBox)
    assert box.text() == "Bạn có thay đổi chưa lưu. Đóng và bỏ các thay đổi này?"
    keep = next(b for b in box.buttons() if b.text() == "Tiếp tục sửa")
    click(qtbot, keep)
    assert form.isVisible()
    assert form.full_name.text() == "Phan Văn Bảy"
    qtbot.keyClick(form.full_name, Qt.Key.Key_Escape)
    box = form.discard_box
    discard = next(b for b in box.buttons() if b.text() == "Bỏ thay đổi")
    click(qtbot, discard)
    assert not form.isVisible()
    assert services.people.count() == 0


def test_editing_a_person_and_adding_guardian_disability_household_and_a_photo(
    window: MainWindow,
    ui: UiContext,
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
) -> None:
    pid = person(services, "Hoàng Văn Sáu", PartialDate(1975, 4, 30), Sex.MALE)
    page = people_page(window, qtbot, ui)
    form = page.open_person(pid)
    settle(qtbot, ui)
    assert form.full_name.text() == "Hoàng Văn Sáu"
    form.father_name.setText("Hoàng Văn Bảy")
    form.save()
    settle(qtbot, ui)
    assert services.people.get(pid).draft.father_name == "Hoàng Văn Bảy"

    guardians = form.guardians
    form.tabs.setCurrentIndex(form.related_tabs[0])
    guardians.full_name.setText("Hoàng Thị Tám")
    guardians.relationship.setText("vợ")
    guardians.is_caregiver.setChecked(True)
    guardians.full_name.setFocus()
    qtbot.keyClick(guardians.full_name, Qt.Key.Key_Return)  # Enter saves the entry
    settle(qtbot, ui)
    assert [(g.full_name, g.is_caregiver) for g in services.people.guardians(pid)] == [
        ("Hoàng Thị Tám", True)
    ]
    assert guardians.model.rowCount() == 1
    assert guardians.notice.text() == "Đã lưu Hoàng Thị Tám."

    disability = form.disability
    disability.disability_type.setCurrentIndex(disability.disability_type.findData(1))
    disability.assessed_on.setText("12/08/2026")
    disability.certificate_number.setText("GXN-123")
    click(qtbot, disability.save_button)
    settle(qtbot, ui)
    [assessment] = services.people.disability_assessments(pid)
    assert (assessment.disability_type, assessment.certificate_number) == (1, "GXN-123")
    disability.assessed_on.setText("12/08/2030")
    click(qtbot, disability.save_button)
    settle(qtbot, ui)
    assert disability._errors["assessed_on"].text() == "Ngày không được ở tương lai"
    assert disability.assessed_on.text() == "12/08/2030"

    household = form.household
    household.status.setCurrentIndex(household.status.findData("poor"))
    household.valid_from.setText("01/01/2026")
    click(qtbot, household.save_button)
    settle(qtbot, ui)
    assert [h.status for h in services.people.household_statuses(pid)] == ["poor"]
    assert household.model.index(0, 0).data() == "Hộ nghèo"

    image = QImage(60, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3c8d5a"))
    photo = tmp_path / "anh-the.png"
    assert image.save(str(photo))
    attachments = form.attachments
    attachments.attach(photo, "photo")
    settle(qtbot, ui)
    assert [a.filename for a in services.people.attachments(pid)] == ["anh-the.png"]
    assert not attachments.photo.pixmap().isNull()
    chooser = attachments.choose_file("document")
    assert chooser.isVisible()
    chooser.reject()
    form.close()


def test_a_data_entry_clerk_sees_sensitive_fields_hidden_and_saving_keeps_them(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    draft = PersonDraft("Lò Văn Pá", PartialDate(1960), Sex.MALE, ethnicity_code="03")
    pid = services.people.create(draft).id
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    page = people_page(window, qtbot, ui)
    form = page.open_person(pid)
    settle(qtbot, ui)
    assert form.ethnicity.currentText().startswith("Đã ẩn với tài khoản của bạn")
    form.phone.setText("0912345678")
    form.save()
    settle(qtbot, ui)
    services.ctx.actor = Actor("quantri", Role.ADMIN)
    saved = services.people.get(pid).draft
    assert (saved.phone, saved.ethnicity_code) == ("0912345678", "03")
    form.close()
