"""Trợ cấp & chi trả driven through the widgets against a real database: application,
decision with the engine's amount shown first, changes, payment list totals, finalising."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from btxh_desktop.domain.codes import (
    CaseStatus,
    HouseholdStatus,
    PaymentMethod,
    PaymentStatus,
    Role,
    Sex,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.storage.models import OutboxEntry
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.allowance_dialogs import (
    AdjustDialog,
    ApplicationDialog,
    CancelListDialog,
    DecisionDialog,
    MoveDialog,
    PaymentMethodDialog,
    ResumeDialog,
    StopDialog,
    SuspendDialog,
)
from btxh_desktop.ui.dialogs.choose_person import ChoosePersonDialog
from btxh_desktop.ui.main_window import MainWindow
from btxh_desktop.ui.views.allowance_view import AllowancePage
from tests.conftest import COMMUNE
from tests.ui.assistance_support import click, settle

LEVEL = 540_000


def person(services: Services, name: str, birth: PartialDate, poor: bool = False) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=Sex.FEMALE, commune_code=COMMUNE)
    person_id = services.people.create(draft).id
    if poor:
        services.people.set_household_status(person_id, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    return person_id


def decided(services: Services, person_id: str, category: str = "K5a", **apply: object) -> str:
    case_id = services.allowance.apply(person_id, category, dt.date(2026, 10, 1), **apply)  # type: ignore[arg-type]
    services.allowance.decide(case_id, "7/QĐ-UBND", dt.date(2026, 11, 2), "Chủ tịch UBND")
    return case_id


def open_page(window: MainWindow, qtbot: QtBot, ui: UiContext) -> AllowancePage:
    page = window.show_page("allowance")
    assert isinstance(page, AllowancePage)
    settle(qtbot, ui)
    return page


def test_application_then_decision_with_the_computed_amount_shown_first(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    person(services, "Bé Trần Thị Lan", PartialDate(2023, 3, 10))
    page = open_page(window, qtbot, ui)
    cases = page.cases
    assert "Chưa có hồ sơ" in cases.count.text()

    click(qtbot, cases.new_button)
    application = cases.findChild(ApplicationDialog)
    assert application is not None and application.isVisible()
    click(qtbot, application.person.button)
    chooser = application.findChild(ChoosePersonDialog)
    assert chooser is not None
    chooser.search_now("tran lan")  # without accents, as people type
    settle(qtbot, ui)
    assert chooser.model.rowCount() == 1
    click(qtbot, chooser.choose_button)
    assert "Bé Trần Thị Lan" in application.person.shown.text()
    fields = application.fields
    fields.category.setCurrentIndex(fields.category.findData("K1"))
    fields.sub_case.setCurrentIndex(fields.sub_case.findData("abandoned"))
    assert not fields.children.isEnabled()  # only K4 counts children
    click(qtbot, application.submit_button)
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1)
    [case] = services.allowance.cases()
    assert (case.category, case.sub_case, case.status) == ("K1", "abandoned", CaseStatus.APPLIED)
    qtbot.waitUntil(lambda: cases.selected is not None and cases.selected.id == case.id)
    assert cases.fields["status"] == "Chờ quyết định"

    click(qtbot, cases.decide_button)
    decision = cases.findChild(DecisionDialog)
    assert decision is not None
    settle(qtbot, ui)
    assert decision.coefficient.text() == "Hệ số: 2,5"
    assert decision.amount.text() == "Mức trợ cấp hằng tháng: 1.350.000 ₫"
    assert decision.start.text() == "Hưởng từ tháng: 11/2026"
    assert "dưới 4 tuổi" in decision.explanation.toPlainText()
    assert "2,5 × mức chuẩn 540.000 ₫ = 1.350.000 ₫" in decision.explanation.toPlainText()
    decision.decision_number.setText("15/QĐ-UBND")
    decision.signer.setText("Chủ tịch UBND phường")
    click(qtbot, decision.submit_button)
    settle(qtbot, ui)
    saved = services.allowance.case(case.id)
    assert saved.status == CaseStatus.ACTIVE
    assert (saved.monthly_amount, saved.start_month) == (1_350_000, Month(2026, 11))
    qtbot.waitUntil(lambda: cases.fields["status"] == "Đang hưởng")
    assert cases.fields["amount"].startswith("1.350.000 ₫")
    assert "Mức trợ cấp hằng tháng\n1.350.000 ₫" in cases.detail.toPlainText()
    qtbot.waitUntil(lambda: cases.history.rowCount() == 1)
    assert cases.history.index(0, 0).data() == "Quyết định hưởng"
    assert not cases.decide_button.isEnabled()
    assert cases.stop_button.isEnabled()


def test_a_refused_decision_keeps_what_was_typed_and_saves_nothing(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    child = person(services, "Bé Na", PartialDate(2022, 1, 1))
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 10, 1))
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    click(qtbot, page.cases.decide_button)
    dialog = page.cases.findChild(DecisionDialog)
    assert dialog is not None
    settle(qtbot, ui)
    dialog.signer.setText("Chủ tịch")
    dialog.decision_date.set_value(dt.date(2026, 9, 1))  # before the application
    settle(qtbot, ui)
    qtbot.waitUntil(dialog.preview_error.isVisible)
    assert "trước ngày nộp hồ sơ" in dialog.preview_error.text()
    assert not dialog.submit_button.isEnabled()
    dialog.decision_date.set_value(dt.date(2026, 11, 3))
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=5000)
    click(qtbot, dialog.submit_button)  # no decision number
    settle(qtbot, ui)
    assert dialog.isVisible()
    assert dialog.error_for("decision_number").text() == "Bắt buộc nhập"
    assert dialog.error_for("decision_number").isVisible()
    assert "ô có thông báo màu đỏ" in dialog.message.text()
    assert dialog.signer.text() == "Chủ tịch"
    assert services.allowance.case(case_id).status == CaseStatus.APPLIED


def test_a_data_entry_account_can_apply_but_decision_buttons_say_why_not(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    pid = person(services, "Cụ Hoa", PartialDate(1940, 1, 1), poor=True)
    case_id = services.allowance.apply(pid, "K5a", dt.date(2026, 10, 1))
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    assert page.cases.new_button.isEnabled()
    assert not page.cases.decide_button.isEnabled()
    assert "phê duyệt" in page.cases.decide_button.toolTip()
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    assert not page.payments.finalise_button.isEnabled()


def test_permission_refused_by_the_service_is_shown_plainly(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    pid = person(services, "Cụ Hoa", PartialDate(1940, 1, 1), poor=True)
    case_id = services.allowance.apply(pid, "K5a", dt.date(2026, 10, 1))
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    click(qtbot, page.cases.decide_button)
    dialog = page.cases.findChild(DecisionDialog)
    assert dialog is not None
    settle(qtbot, ui)
    dialog.decision_number.setText("3/QĐ")
    dialog.signer.setText("Chủ tịch")
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)  # e.g. signed out meanwhile
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    assert dialog.isVisible()
    assert "không có quyền" in dialog.message.text()
    assert services.allowance.case(case_id).status == CaseStatus.APPLIED


def test_filters_by_status_category_and_name(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    decided(services, person(services, "Cụ Nguyễn Văn Đông", PartialDate(1940), poor=True))
    services.allowance.apply(
        person(services, "Bé Lê Thị Thu", PartialDate(2020)), "K1", dt.date(2026, 10, 1)
    )
    page = open_page(window, qtbot, ui)
    cases = page.cases
    assert cases.proxy.rowCount() == 2
    cases.search.setText("dong")
    assert cases.proxy.rowCount() == 1
    assert "1 trên 2" in cases.count.text()
    cases.search.clear()
    cases.status_filter.setCurrentIndex(cases.status_filter.findData("applied"))
    assert cases.proxy.rowCount() == 1
    cases.status_filter.setCurrentIndex(0)
    cases.category_filter.setCurrentIndex(cases.category_filter.findData("K5a"))
    assert cases.proxy.rowCount() == 1
    assert cases.proxy.index(0, 0).data() == "Cụ Nguyễn Văn Đông"


def test_adjust_suspend_resume_and_stop_by_death_with_funeral_support(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    pid = person(services, "Cụ Hoàng Văn Sơn", PartialDate(1950, 2, 2), poor=True)
    case_id = decided(services, pid)
    page = open_page(window, qtbot, ui)
    cases = page.cases
    cases.select_case(case_id)

    click(qtbot, cases.adjust_button)
    adjust = cases.findChild(AdjustDialog)
    assert adjust is not None
    adjust.fields.category.setCurrentIndex(adjust.fields.category.findData("K5d"))
    adjust.decision_number.setText("20/QĐ")
    adjust.refresh_preview()
    settle(qtbot, ui)
    assert "1,5 → 3" in adjust.outcome.text()
    assert "1.620.000 ₫" in adjust.outcome.text()
    click(qtbot, adjust.submit_button)
    settle(qtbot, ui)
    assert services.allowance.case(case_id).monthly_amount == 3 * LEVEL

    click(qtbot, cases.suspend_button)
    suspend = cases.findChild(SuspendDialog)
    assert suspend is not None
    suspend.effective.set_value(Month(2026, 12))
    click(qtbot, suspend.submit_button)
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: cases.fields["status"] == "Tạm dừng")
    assert cases.resume_button.isEnabled() and not cases.suspend_button.isEnabled()

    click(qtbot, cases.resume_button)
    resume = cases.findChild(ResumeDialog)
    assert resume is not None
    resume.effective.set_value(Month(2027, 1))
    click(qtbot, resume.submit_button)
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: cases.fields["status"] == "Đang hưởng")

    click(qtbot, cases.stop_button)
    stop = cases.findChild(StopDialog)
    assert stop is not None
    stop.reason.setCurrentIndex(stop.reason.findData("death"))
    stop.event_date.set_value(dt.date(2026, 11, 10))
    settle(qtbot, ui)
    assert stop.stop_from.text() == "Thôi hưởng từ tháng 12/2026"
    assert stop.funeral.text() == "Hỗ trợ mai táng: 10.800.000 ₫ (20 × 540.000 ₫)"
    stop.recipient.setText("Hoàng Văn Nam (con)")
    click(qtbot, stop.submit_button)
    settle(qtbot, ui)
    saved = services.allowance.case(case_id)
    assert (saved.status, saved.stop_month) == (CaseStatus.STOPPED, Month(2026, 12))
    assert services.people.get(pid).draft.death_date == dt.date(2026, 11, 10)
    qtbot.waitUntil(lambda: cases.history.rowCount() == 5)
    kinds = [cases.history.index(i, 0).data() for i in range(5)]
    assert kinds[-1] == "Thôi hưởng"


def test_move_to_a_commune_chosen_from_the_2025_list(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    pid = person(services, "Cụ Vũ Thị Yến", PartialDate(1944, 4, 4), poor=True)
    case_id = decided(services, pid)
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    click(qtbot, page.cases.move_button)
    move = page.cases.findChild(MoveDialog)
    assert move is not None
    click(qtbot, move.submit_button)  # nothing chosen yet
    assert move.error_for("to_commune_code").isVisible()
    move.search.setText("ben thanh")
    move.search_now()
    settle(qtbot, ui)
    assert move.results.count() >= 1
    assert "Bến Thành" in move.results.item(0).text()
    click(qtbot, move.submit_button)
    settle(qtbot, ui)
    assert services.allowance.case(case_id).status == CaseStatus.MOVED
    qtbot.waitUntil(lambda: page.cases.history.rowCount() == 2)
    assert "Bến Thành" in page.cases.history.index(1, 3).data()


def test_payment_list_totals_finalise_and_record_paid(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    decided(services, person(services, "Người A", PartialDate(1940, 1, 1), poor=True))
    decided(
        services,
        person(services, "Người B", PartialDate(1941, 1, 1), poor=True),
        payment_method=PaymentMethod.BANK,
        account_number="0123456789",
        bank_name="Agribank",
    )
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    payments = page.payments
    assert payments.month.value() == Month(2026, 11)  # the current month by default
    assert payments.model.rowCount() == 2
    assert "chưa chốt" in payments.state.text()
    assert payments.method_counts[PaymentMethod.POST_OFFICE].text() == "1"
    assert payments.method_totals[PaymentMethod.BANK].text() == "1.080.000 ₫"
    assert payments.grand_total.text() == "2.160.000 ₫"
    assert payments.model.index(0, 4).data() == "1.080.000 ₫"
    assert payments.model.index(0, 10).data() == "Chưa chốt"

    click(qtbot, payments.finalise_button)
    box = payments.findChild(QMessageBox)
    assert box is not None
    assert "2 người" in box.text() and "2.160.000 ₫" in box.text()
    finalise = next(b for b in box.buttons() if b.text() == "Chốt danh sách")
    qtbot.mouseClick(finalise, Qt.MouseButton.LeftButton)
    settle(qtbot, ui)
    listing = services.allowance.payment_list(Month(2026, 11))
    assert listing.finalised and listing.total == 2_160_000
    qtbot.waitUntil(lambda: "đã chốt" in payments.state.text())
    assert not payments.finalise_button.isEnabled()

    payments.table.selectRow(0)
    payments.paid_on.set_value(dt.date(2026, 11, 15))
    click(qtbot, payments.paid_button)
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: payments.model.index(0, 10).data() == "Đã chi trả")
    statuses = {
        line.full_name: line.status
        for line in services.allowance.payment_list(Month(2026, 11)).lines
    }
    assert statuses == {"Người A": PaymentStatus.PAID, "Người B": PaymentStatus.PLANNED}

    payments.previous_button.click()
    settle(qtbot, ui)
    assert payments.month.value() == Month(2026, 10)
    assert payments.model.rowCount() == 0
    assert payments.grand_total.text() == "0 ₫"


def test_every_allowance_model_passes_the_model_tester(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services, qtmodeltester: object
) -> None:
    case_id = decided(services, person(services, "Cụ Một", PartialDate(1940), poor=True))
    services.allowance.apply(
        person(services, "Bé Hai", PartialDate(2020)), "K1", dt.date(2026, 10, 1)
    )
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    assert page.cases.history.rowCount() == 1
    assert page.payments.model.rowCount() == 1
    for model in (page.cases.model, page.cases.proxy, page.cases.history, page.payments.model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_cancel_a_finalised_list_with_a_reason_then_finalise_it_again(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    decided(services, person(services, "Người A", PartialDate(1940, 1, 1), poor=True))
    services.allowance.finalise_payment_list(Month(2026, 11))
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    payments = page.payments
    assert "đã chốt" in payments.state.text()
    assert payments.cancel_list_button.text() == "Huỷ danh sách chi trả…"

    click(qtbot, payments.cancel_list_button)
    dialog = payments.findChild(CancelListDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Huỷ danh sách chi trả"
    assert (dialog.submit_button.text(), dialog.cancel_button.text()) == (
        "Huỷ danh sách",
        "Giữ lại danh sách",
    )
    click(qtbot, dialog.cancel_button)  # changing one's mind keeps the list
    settle(qtbot, ui)
    assert services.allowance.payment_list(Month(2026, 11)).finalised

    click(qtbot, payments.cancel_list_button)
    dialog = payments.findChild(CancelListDialog)
    assert dialog is not None
    dialog.reason.setCurrentIndex(dialog.reason.findData("finalised_by_mistake"))
    assert dialog.reason.currentText() == "Chốt nhầm (nhầm tháng, chốt quá sớm)"
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    assert not services.allowance.payment_list(Month(2026, 11)).finalised
    # The change bus brings the list back, computed again and ready to be finalised.
    qtbot.waitUntil(lambda: "chưa chốt" in payments.state.text())
    assert "Đã huỷ danh sách tháng 11/2026 (rút 1 dòng)" in payments.notice.text()
    assert payments.model.index(0, 10).data() == "Chưa chốt"
    assert payments.finalise_button.isEnabled()
    assert not payments.cancel_list_button.isEnabled()


def test_a_list_with_a_recorded_payment_cannot_be_cancelled_and_says_why(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    decided(services, person(services, "Người A", PartialDate(1940, 1, 1), poor=True))
    listing = services.allowance.finalise_payment_list(Month(2026, 11))
    page = open_page(window, qtbot, ui)
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    payments = page.payments
    click(qtbot, payments.cancel_list_button)
    dialog = payments.findChild(CancelListDialog)
    assert dialog is not None
    # Meanwhile the post office's report is recorded on another PC (or in another window).
    payment_id = listing.lines[0].payment_id
    assert payment_id is not None
    services.allowance.record_payment(payment_id, PaymentStatus.PAID, dt.date(2026, 11, 12))
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    assert dialog.isVisible()
    assert "không thể huỷ" in dialog.message.text()
    assert services.allowance.payment_list(Month(2026, 11)).finalised
    dialog.reject()
    qtbot.waitUntil(lambda: not payments.cancel_list_button.isEnabled())
    assert "chưa ghi nhận khoản chi nào" in payments.cancel_list_button.toolTip()


def test_change_payment_method_prefilled_checked_and_queued_for_sync(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    case_id = decided(services, person(services, "Cụ Đào Thị Mai", PartialDate(1940), poor=True))
    services.allowance.finalise_payment_list(Month(2026, 11))
    page = open_page(window, qtbot, ui)
    cases = page.cases
    cases.select_case(case_id)
    assert cases.payment_button.text() == "Đổi hình thức chi trả…"
    click(qtbot, cases.payment_button)
    dialog = cases.findChild(PaymentMethodDialog)
    assert dialog is not None
    settle(qtbot, ui)
    assert dialog.method.currentData() == "post_office"
    assert not dialog.account.isVisible()  # no account for the post office
    assert "danh sách chi trả tháng 12/2026" in dialog.effective.text()

    dialog.method.setCurrentIndex(dialog.method.findData("bank"))
    assert dialog.account.isVisible() and dialog.bank.isVisible()
    dialog.account.setText("3601-2051-2345O")
    dialog.bank.setText("Agribank")
    dialog.point.setText("Agribank chi nhánh Sài Gòn")
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    assert dialog.isVisible()
    error = dialog.error_for("account_number")
    assert error.isVisible()
    assert error.text() == (
        "Số tài khoản chỉ gồm chữ số, từ 6 đến 19 số "
        "(có thể cách nhóm bằng dấu cách, dấu chấm hoặc gạch ngang)"
    )
    assert "ô có thông báo màu đỏ" in dialog.message.text()
    # What was typed stays, to be corrected rather than typed again.
    assert (dialog.method.currentData(), dialog.account.text(), dialog.bank.text()) == (
        "bank",
        "3601-2051-2345O",
        "Agribank",
    )
    assert services.allowance.case(case_id).payment_method == PaymentMethod.POST_OFFICE

    dialog.account.setText("3601-2051-23456")
    click(qtbot, dialog.submit_button)
    settle(qtbot, ui)
    qtbot.waitUntil(lambda: cases.findChild(PaymentMethodDialog) is None)  # closed on saving
    saved = services.allowance.case(case_id)
    assert (saved.payment_method, saved.account_number, saved.bank_name) == (
        PaymentMethod.BANK,
        "3601205123456",
        "Agribank",
    )
    with services.ctx.read() as session:
        queued = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.entity == "allowance_case", OutboxEntry.record_id == case_id
            )
        ).all()
    assert queued[-1].fields["account_number"] == "3601205123456"
    qtbot.waitUntil(lambda: "Agribank" in cases.fields.get("method", ""))
    assert cases.fields["method"].startswith("Tài khoản ngân hàng")


def test_a_data_entry_account_may_change_the_payment_method_but_not_cancel_lists(
    window: MainWindow, ui: UiContext, qtbot: QtBot, services: Services
) -> None:
    case_id = decided(services, person(services, "Cụ Hoa", PartialDate(1940), poor=True))
    services.allowance.finalise_payment_list(Month(2026, 11))
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    page = open_page(window, qtbot, ui)
    page.cases.select_case(case_id)
    assert page.cases.payment_button.isEnabled()
    page.tabs.setCurrentWidget(page.payments)
    settle(qtbot, ui)
    assert not page.payments.cancel_list_button.isEnabled()
    assert "phê duyệt" in page.payments.cancel_list_button.toolTip()
