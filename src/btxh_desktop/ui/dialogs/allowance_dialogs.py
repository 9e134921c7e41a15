"""The commune allowance's forms: application, decision (with the engine's computation shown
before signing), adjustment, suspension, resumption, stop, move, not approving, a change of
payment method, and cancelling a finalised payment list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import PaymentMethod
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.policy import Allowance, CategoryInfo, Step, Support, stop_month
from btxh_desktop.services.allowance import (
    ACCOUNT_METHODS,
    CANCEL_REASONS,
    CaseRow,
    DecisionPreview,
    PaymentList,
)
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import PersonChooser
from btxh_desktop.ui.i18n import money, month_text, number
from btxh_desktop.ui.widgets.form_kit import (
    DateField,
    FormDialog,
    MonthField,
    error_label,
    error_text,
)

PREVIEW_DELAY_MS = 200
SIGNER_KEY = "allowance/last_signer"
REASON_LENGTH = 40


def explanation_text(steps: Sequence[Step]) -> str:
    return "\n".join(f"• {terms.step_text(step)}" for step in steps)


def explanation_view() -> QPlainTextEdit:
    """The engine's reasons: a read-only text that scrolls rather than being cut off when
    they run long (long source names, large text sizes, English)."""
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setMinimumHeight(view.fontMetrics().lineSpacing() * 7)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return view


def case_summary(case: CaseRow) -> str:
    born = f" ({case.birth_display})" if case.birth_display else ""
    return f"{case.full_name}{born} — {case.person_code} — {case.category}"


def _combo(choices: Sequence[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    for code, text in choices:
        combo.addItem(text, code)
        combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    return combo


def _optional(text: str) -> str | None:
    return text.strip() or None


class CategoryFields(QObject):
    """Category, sub-case, other categories and K4's children: shared by the application and
    the adjustment, which both describe what a person is recorded under."""

    def __init__(self, dialog: FormDialog, categories: Sequence[CategoryInfo]) -> None:
        super().__init__(dialog)
        self.categories = {c.code: c for c in categories}
        self.category = _combo(
            [(c.code, f"{c.code} — {terms.category_name(c)}") for c in categories]
        )
        self.sub_case = _combo([])
        self.others = QListWidget()
        for info in categories:
            item = QListWidgetItem(f"{info.code} — {terms.category_name(info)}")
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            item.setToolTip(terms.category_name(info))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.others.addItem(item)
        self.others.setMaximumHeight(110)
        # Long category names are cut with "…" (the full name is the tooltip) rather than
        # widening the dialog past the screen.
        self.others.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.others.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.children = QSpinBox()
        self.children.setRange(0, 20)
        dialog.add_row("category", self.tr("Category"), self.category)
        dialog.add_row("sub_case", self.tr("Specific case"), self.sub_case)
        dialog.add_row("other_categories", self.tr("Also qualifies as"), self.others)
        note = QLabel(
            self.tr(
                "A person in several categories receives only the highest amount, except a "
                "single parent (K4), who also receives the other."
            )
        )
        note.setWordWrap(True)
        dialog.add_note(note)
        dialog.add_row("children_count", self.tr("Children raised (K4)"), self.children)
        self._dialog = dialog
        self.category.currentIndexChanged.connect(self._category_changed)
        self.others.itemChanged.connect(lambda _item: self._update_children())
        self._category_changed()

    def set_values(
        self, category: str, sub_case: str | None, others: Sequence[str], children: int
    ) -> None:
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self.sub_case.setCurrentIndex(max(0, self.sub_case.findData(sub_case or "")))
        for i in range(self.others.count()):
            item = self.others.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in others
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.children.setValue(children)

    def primary(self) -> str:
        return str(self.category.currentData())

    def chosen_sub_case(self) -> str | None:
        return str(self.sub_case.currentData()) or None

    def other_codes(self) -> list[str]:
        return [
            str(self.others.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.others.count())
            if self.others.item(i).checkState() == Qt.CheckState.Checked
            and not self.others.item(i).isHidden()
        ]

    def _category_changed(self) -> None:
        info = self.categories.get(self.primary())
        self.sub_case.clear()
        self.sub_case.addItem(self.tr("(not specified)"), "")
        for sub in info.sub_cases if info else ():
            name = terms.sub_case_name(info, sub.code) if info else sub.code
            self.sub_case.addItem(name, sub.code)
            self.sub_case.setItemData(self.sub_case.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.sub_case.setEnabled(bool(info and info.sub_cases))
        for i in range(self.others.count()):
            item = self.others.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) == self.primary())
        self._update_children()

    def _update_children(self) -> None:
        raising = "K4" in (self.primary(), *self.other_codes())
        self.children.setEnabled(raising)
        self._dialog.set_row_visible("children_count", raising)


class ApplicationDialog(FormDialog):
    """Nhập hồ sơ mới: who applies, under which category, and how they will be paid."""

    def __init__(
        self, ui: UiContext, categories: Sequence[CategoryInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ui, self.tr("New allowance application"), self.tr("Save application"), parent
        )
        self.person = PersonChooser(ui)
        self.add_row("person", self.tr("Person"), self.person)
        self.fields = CategoryFields(self, categories)
        self.application_date = DateField(ui.services.ctx.today())
        self.add_row("application_date", self.tr("Application date"), self.application_date)
        self.method = _combo(
            [(m.value, terms.label(terms.PAYMENT_METHOD, m)) for m in PaymentMethod]
        )
        self.add_row("payment_method", self.tr("Payment method"), self.method)
        self.account = QLineEdit()
        self.add_row("account_number", self.tr("Account number"), self.account)
        self.bank = QLineEdit()
        self.add_row("bank_name", self.tr("Bank"), self.bank)
        self.point = QLineEdit()
        self.point.setPlaceholderText(self.tr("e.g. Bưu điện văn hoá xã, Thôn Đông"))
        self.add_row("payment_point", self.tr("Payment point"), self.point)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self.fit_to_screen(720)

    def _method_changed(self) -> None:
        needs_account = self.method.currentData() in ACCOUNT_METHODS
        self.set_row_visible("account_number", needs_account)
        self.set_row_visible("bank_name", needs_account)

    def request(self) -> Callable[[], object] | None:
        person = self.person.person
        if person is None:
            self.show_field_error("person", self.tr("Choose the person who applies."))
            return None
        allowance = self.ui.services.allowance
        method = PaymentMethod(self.method.currentData())
        needs_account = method in ACCOUNT_METHODS
        fields = self.fields
        category, sub_case, others = (
            fields.primary(),
            fields.chosen_sub_case(),
            fields.other_codes(),
        )
        children = fields.children.value() if fields.children.isEnabled() else 0
        applied = self.application_date.value()
        account = _optional(self.account.text()) if needs_account else None
        bank = _optional(self.bank.text()) if needs_account else None
        point = _optional(self.point.text())
        return lambda: allowance.apply(
            person.id,
            category,
            applied,
            sub_case=sub_case,
            other_categories=others,
            children_count=children,
            payment_method=method,
            payment_point=point,
            account_number=account,
            bank_name=bank,
        )


class _ChangeDialog(FormDialog):
    """A change decided by the commune: which case, and the decision that makes it."""

    def __init__(
        self, ui: UiContext, case: CaseRow, title: str, submit: str, parent: QWidget | None
    ) -> None:
        super().__init__(ui, title, submit, parent)
        self.case = case
        summary = QLabel(case_summary(case))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_row(None, self.tr("Case"), summary)

    def add_decision_rows(self, required: bool = False) -> None:
        self.decision_number = QLineEdit()
        self.decision_number.setMaxLength(40)
        self.decision_number.setPlaceholderText(self.tr("e.g. 125/QĐ-UBND"))
        label = self.tr("Decision number") if required else self.tr("Decision number (if any)")
        self.add_row("decision_number", label, self.decision_number)
        self.decision_date = DateField(self.ui.services.ctx.today())
        self.add_row("decision_date", self.tr("Decision date"), self.decision_date)

    def decision(self) -> tuple[str | None, dt.date]:
        return _optional(self.decision_number.text()), self.decision_date.value()


class DecisionDialog(_ChangeDialog):
    """Ra quyết định: the officer types the decision's number, date and signer; the
    coefficient, amount and start month are the engine's, shown with their reasons before
    the decision is recorded."""

    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, case, self.tr("Decision on the application"), self.tr("Record the decision"), parent
        )
        self.add_decision_rows(required=True)
        self.signer = QLineEdit(str(ui.settings.value(SIGNER_KEY, "")))
        self.signer.setPlaceholderText(self.tr("e.g. Chủ tịch UBND xã"))
        self.add_row("decision_signer", self.tr("Signed by"), self.signer)

        box = QGroupBox(self.tr("Computed under the rules"))
        column = QVBoxLayout(box)
        self.coefficient = QLabel()
        self.level = QLabel()
        self.amount = QLabel()
        self.amount.setObjectName("computed_amount")
        self.start = QLabel()
        for label in (self.coefficient, self.level, self.amount, self.start):
            label.setWordWrap(True)
            column.addWidget(label)
        why = QLabel(self.tr("How it was computed:"))
        column.addWidget(why)
        self.explanation = explanation_view()
        column.addWidget(self.explanation, 1)
        self.preview_error = error_label()
        column.addWidget(self.preview_error)
        self.add_note(box)
        self.preview: DecisionPreview | None = None
        self._preview_number = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.decision_date.dateChanged.connect(lambda _d: self._timer.start())
        self.submit_button.setEnabled(False)
        self.refresh_preview()
        self.fit_to_screen(720)

    def refresh_preview(self) -> None:
        self._preview_number += 1
        number_now = self._preview_number
        self.submit_button.setEnabled(False)
        self.coefficient.setText(self.tr("Computing…"))
        case_id, day = self.case.id, self.decision_date.value()
        allowance = self.ui.services.allowance

        def shown(preview: DecisionPreview) -> None:
            if number_now == self._preview_number:
                self.show_preview(preview)

        def failed(error: BaseException) -> None:
            if number_now == self._preview_number:
                self.preview = None
                self._clear_preview()
                self.preview_error.setText(error_text(error))
                self.preview_error.show()
                self.grow_to_fit()

        self.ui.runner.run(lambda: allowance.preview_decision(case_id, day), shown, failed)

    def show_preview(self, preview: DecisionPreview) -> None:
        self.preview = preview
        result = preview.allowance
        self.coefficient.setText(
            self.tr("Coefficient: {value}").format(value=number(result.total_coefficient))
        )
        self.level.setText(
            self.tr("Standard level: {value}").format(value=money(result.standard_level))
        )
        self.amount.setText(
            self.tr("Monthly allowance: {value}").format(value=money(result.monthly_amount))
        )
        self.start.setText(
            self.tr("Paid from month: {value}").format(value=month_text(preview.start.month))
        )
        self.explanation.setPlainText(
            explanation_text((*preview.start.explanation, *result.explanation))
        )
        eligible = result.monthly_amount > 0
        self.preview_error.setText(
            "" if eligible else self.tr("Not eligible in the start month: nothing would be paid.")
        )
        self.preview_error.setVisible(not eligible)
        self.submit_button.setEnabled(eligible)
        self.grow_to_fit()

    def _clear_preview(self) -> None:
        for label in (self.coefficient, self.level, self.amount, self.start):
            label.clear()
        self.explanation.clear()

    def _succeeded(self, result: object) -> None:
        self.ui.settings.setValue(SIGNER_KEY, self.signer.text().strip())
        super()._succeeded(result)

    def _failed(self, error: BaseException) -> None:
        super()._failed(error)
        self.submit_button.setEnabled(self.preview is not None)

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        case_id = self.case.id
        number_text = self.decision_number.text()
        day = self.decision_date.value()
        signer = self.signer.text()
        return lambda: allowance.decide(case_id, number_text, day, signer)


class AdjustDialog(_ChangeDialog):
    """Điều chỉnh: a new category or new facts from a month; the new amount is shown first."""

    def __init__(
        self,
        ui: UiContext,
        case: CaseRow,
        categories: Sequence[CategoryInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ui, case, self.tr("Adjust the allowance"), self.tr("Record the adjustment"), parent
        )
        self.effective = MonthField(Month.of(ui.services.ctx.today()))
        self.add_row("effective_month", self.tr("From month"), self.effective)
        self.fields = CategoryFields(self, categories)
        self.fields.set_values(
            case.category, case.sub_case, case.other_categories, case.children_count
        )
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_LENGTH)
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.add_decision_rows(required=True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("computed_amount")
        self.add_note(self.outcome)
        self.explanation = explanation_view()
        self.add_note(self.explanation)
        self.preview_error = error_label()
        self.add_note(self.preview_error)
        self._preview_number = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in (
            self.effective.dateChanged,
            self.fields.category.currentIndexChanged,
            self.fields.sub_case.currentIndexChanged,
            self.fields.children.valueChanged,
            self.fields.others.itemChanged,
        ):
            signal.connect(lambda *_args: self._timer.start())
        self.refresh_preview()
        self.fit_to_screen(720)

    def refresh_preview(self) -> None:
        self._preview_number += 1
        number_now = self._preview_number
        allowance = self.ui.services.allowance
        fields = self.fields
        categories = [fields.primary(), *fields.other_codes()]
        children = fields.children.value() if fields.children.isEnabled() else 0
        sub_case, month, person_id = (
            fields.chosen_sub_case(),
            self.effective.value(),
            self.case.person_id,
        )

        def shown(result: Allowance) -> None:
            if number_now != self._preview_number:
                return
            self.preview_error.hide()
            self.outcome.setText(
                self.tr(
                    "From {month}: coefficient {old} → {new}; {old_amount} → {new_amount} a month"
                ).format(
                    month=month_text(month),
                    old=number(self.case.coefficient),
                    new=number(result.total_coefficient),
                    old_amount=money(self.case.monthly_amount),
                    new_amount=money(result.monthly_amount),
                )
            )
            self.explanation.setPlainText(explanation_text(result.explanation))
            self.grow_to_fit()

        def failed(error: BaseException) -> None:
            if number_now == self._preview_number:
                self.outcome.clear()
                self.explanation.clear()
                self.preview_error.setText(error_text(error))
                self.preview_error.show()

        self.ui.runner.run(
            lambda: allowance.preview(person_id, categories, month, children, sub_case),
            shown,
            failed,
        )

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        fields = self.fields
        case_id, month = self.case.id, self.effective.value()
        category, sub_case, others = (
            fields.primary(),
            fields.chosen_sub_case(),
            fields.other_codes(),
        )
        children = fields.children.value() if fields.children.isEnabled() else 0
        number_text, day = self.decision_number.text(), self.decision_date.value()
        reason = _optional(self.reason.text())
        return lambda: allowance.adjust(
            case_id,
            month,
            number_text,
            day,
            category=category,
            sub_case=sub_case,
            other_categories=others,
            children_count=children,
            reason=reason,
        )


class SuspendDialog(_ChangeDialog):
    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(ui, case, self.tr("Suspend the allowance"), self.tr("Suspend"), parent)
        self.effective = MonthField(Month.of(ui.services.ctx.today()))
        self.add_row("effective_month", self.tr("Not paid from month"), self.effective)
        self.reason = _combo([(code, text()) for code, text in terms.SUSPEND_REASON.items()])
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.add_decision_rows()
        self.fit_to_screen(640)

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        case_id, month, reason = (
            self.case.id,
            self.effective.value(),
            str(self.reason.currentData()),
        )
        number_text, day = self.decision()
        return lambda: allowance.suspend(case_id, month, reason, number_text, day)


class ResumeDialog(_ChangeDialog):
    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(ui, case, self.tr("Resume the allowance"), self.tr("Resume"), parent)
        self.effective = MonthField(Month.of(ui.services.ctx.today()))
        self.add_row("effective_month", self.tr("Paid again from month"), self.effective)
        self.add_decision_rows()
        self.fit_to_screen(640)

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        case_id, month = self.case.id, self.effective.value()
        number_text, day = self.decision()
        return lambda: allowance.resume(case_id, month, number_text, day)


class StopDialog(_ChangeDialog):
    """Thôi hưởng: from the month after the event; a death also shows the funeral support."""

    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, case, self.tr("Stop the allowance"), self.tr("Stop the allowance"), parent
        )
        self.reason = _combo([(code, text()) for code, text in terms.STOP_REASON.items()])
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.event_date = DateField(ui.services.ctx.today())
        self.add_row("event_date", self.tr("Date it happened (date of death…)"), self.event_date)
        self.stop_from = QLabel()
        self.add_note(self.stop_from)
        self.add_decision_rows()
        self.recipient = QLineEdit()
        self.recipient.setMaxLength(100)
        self.add_row("funeral_recipient", self.tr("Funeral support paid to"), self.recipient)
        self.funeral = QLabel()
        self.funeral.setObjectName("computed_amount")
        self.funeral.setWordWrap(True)
        self.add_note(self.funeral)
        self._preview_number = 0
        self.reason.currentIndexChanged.connect(self.refresh_preview)
        self.event_date.dateChanged.connect(lambda _d: self.refresh_preview())
        self.refresh_preview()
        self.fit_to_screen(640)

    def is_death(self) -> bool:
        return self.reason.currentData() == "death"

    def refresh_preview(self) -> None:
        self._preview_number += 1
        number_now = self._preview_number
        day = self.event_date.value()
        self.stop_from.setText(
            self.tr("Not paid from month {month}").format(month=month_text(stop_month(day).month))
        )
        self.set_row_visible("funeral_recipient", self.is_death())
        if not self.is_death():
            self.funeral.clear()
            return
        allowance = self.ui.services.allowance

        def shown(support: Support) -> None:
            if number_now == self._preview_number:
                self.funeral.setText(terms.funeral_text(support))
                self.grow_to_fit()

        def failed(error: BaseException) -> None:
            if number_now == self._preview_number:
                self.funeral.setText(error_text(error))

        self.ui.runner.run(lambda: allowance.funeral_preview(day), shown, failed)

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        case_id, day, reason = self.case.id, self.event_date.value(), str(self.reason.currentData())
        number_text, decided = self.decision()
        recipient = _optional(self.recipient.text()) if self.is_death() else None
        return lambda: allowance.stop(
            case_id, day, reason, number_text, decided, funeral_recipient=recipient
        )


class MoveDialog(_ChangeDialog):
    """Chuyển xã: the destination is chosen from the 2025 list of communes."""

    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, case, self.tr("Move to another commune"), self.tr("Record the move"), parent
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type the commune or ward name…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(150)
        column = QVBoxLayout()
        column.addWidget(self.search)
        column.addWidget(self.results)
        self.add_row("to_commune_code", self.tr("Moving to"), column)
        self.effective = MonthField(Month.of(ui.services.ctx.today()).next())
        self.add_row("effective_month", self.tr("Not paid here from month"), self.effective)
        self.add_decision_rows()
        note = QLabel(self.tr("The new commune makes its own decision for the allowance there."))
        note.setWordWrap(True)
        self.add_note(note)
        self._search_number = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.fit_to_screen(640)

    def search_now(self) -> None:
        self._timer.stop()
        self._search_number += 1
        number_now = self._search_number
        text = self.search.text()
        reference = self.ui.services.ctx

        def find() -> list[tuple[str, str]]:
            found = []
            for commune in reference.reference.search_communes(text, limit=30):
                province = reference.reference.province(commune.province_code)
                where = f", {province.full_name}" if province else ""
                found.append((commune.code, f"{commune.full_name}{where} ({commune.code})"))
            return found

        def shown(found: list[tuple[str, str]]) -> None:
            if number_now != self._search_number:
                return
            self.results.clear()
            for code, name in found:
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, code)
                self.results.addItem(item)
            if found:
                self.results.setCurrentRow(0)

        self.ui.runner.run(find, shown)

    def request(self) -> Callable[[], object] | None:
        item = self.results.currentItem()
        if item is None:
            self.show_field_error("to_commune_code", self.tr("Search and choose the commune."))
            return None
        allowance = self.ui.services.allowance
        case_id, month = self.case.id, self.effective.value()
        destination = str(item.data(Qt.ItemDataRole.UserRole))
        number_text, day = self.decision()
        return lambda: allowance.move_commune(case_id, destination, month, number_text, day)


class RejectDialog(_ChangeDialog):
    """Không chấp thuận: the application is closed with a reason, so it can be filed again."""

    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui, case, self.tr("Do not approve the application"), self.tr("Do not approve"), parent
        )
        self.reason = _combo([(code, text()) for code, text in terms.REJECT_REASON.items()])
        self.add_row("reason", self.tr("Reason"), self.reason)
        self.decision_date = DateField(ui.services.ctx.today())
        self.add_row("decision_date", self.tr("Date"), self.decision_date)
        self.note = QLineEdit()
        self.add_row("note", self.tr("Explanation for the applicant"), self.note)
        self.fit_to_screen(640)

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        case_id, reason = self.case.id, str(self.reason.currentData())
        day, note = self.decision_date.value(), _optional(self.note.text())
        return lambda: allowance.reject(case_id, reason, day, note)


class PaymentMethodDialog(_ChangeDialog):
    """Đổi hình thức chi trả: how the person is paid, prefilled from the case. A case holds one
    current method (no dated history), so the form says which list it reaches first."""

    def __init__(self, ui: UiContext, case: CaseRow, parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            case,
            self.tr("Change the payment method"),
            self.tr("Save the payment method"),
            parent,
        )
        self.method = _combo(
            [(m.value, terms.label(terms.PAYMENT_METHOD, m)) for m in PaymentMethod]
        )
        self.method.setCurrentIndex(max(0, self.method.findData(case.payment_method.value)))
        self.add_row("payment_method", self.tr("Payment method"), self.method)
        self.account = QLineEdit(case.account_number or "")
        self.account.setMaxLength(40)
        self.account.setPlaceholderText(self.tr("Digits only; for an e-wallet, its phone number"))
        self.add_row("account_number", self.tr("Account number"), self.account)
        self.bank = QLineEdit(case.bank_name or "")
        self.bank.setMaxLength(100)
        self.bank.setPlaceholderText(self.tr("e.g. Agribank chi nhánh Sài Gòn"))
        self.add_row("bank_name", self.tr("Bank or e-wallet provider"), self.bank)
        self.point = QLineEdit(case.payment_point or "")
        self.point.setMaxLength(100)
        self.point.setPlaceholderText(self.tr("e.g. Bưu điện văn hoá xã, Thôn Đông"))
        self.add_row("payment_point", self.tr("Payment point"), self.point)
        self.effective = QLabel()
        self.effective.setWordWrap(True)
        self.add_note(self.effective)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self._show_effective_month()
        self.fit_to_screen(640)

    def _method_changed(self) -> None:
        needs_account = self.method.currentData() in ACCOUNT_METHODS
        self.set_row_visible("account_number", needs_account)
        self.set_row_visible("bank_name", needs_account)

    def _show_effective_month(self) -> None:
        allowance = self.ui.services.allowance

        def shown(month: Month) -> None:
            self.effective.setText(
                self.tr(
                    "Applies from the payment list for {month}, the next one to be finalised. "
                    "Lists already finalised keep the method they were saved with."
                ).format(month=month_text(month))
            )
            self.grow_to_fit()

        self.ui.runner.run(allowance.next_list_month, shown)

    def show_error(self, error: BaseException) -> None:
        super().show_error(error)
        # The refusal adds lines under the fields: grow rather than push the note on which
        # list the change reaches out of sight.
        self.grow_to_fit()

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        method = PaymentMethod(self.method.currentData())
        needs_account = method in ACCOUNT_METHODS
        case_id = self.case.id
        account = self.account.text() if needs_account else None
        bank = self.bank.text() if needs_account else None
        point = self.point.text()
        return lambda: allowance.update_payment_details(case_id, method, point, account, bank)


class CancelListDialog(FormDialog):
    """Huỷ danh sách chi trả: a finalised list nobody has been paid from yet is withdrawn, with
    a reason, so the month can be computed and finalised again."""

    def __init__(self, ui: UiContext, listing: PaymentList, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Cancel the payment list"), self.tr("Cancel the list"), parent)
        # "Cancel" beside "Cancel the list" would leave the officer guessing which one keeps it.
        self.cancel_button.setText(self.tr("Keep the list"))
        self.month = listing.month
        summary = QLabel(
            self.tr("{month}: {count} people, {total}").format(
                month=month_text(listing.month),
                count=len(listing.lines),
                total=money(listing.total),
            )
        )
        summary.setWordWrap(True)
        self.add_row(None, self.tr("Finalised list"), summary)
        labels = {
            "amounts_wrong": self.tr("Amounts are wrong"),
            "people_missing_or_extra": self.tr("People missing, or listed who should not be"),
            "payment_details_wrong": self.tr("Wrong payment method or account"),
            "finalised_by_mistake": self.tr("Finalised by mistake (wrong month, too early)"),
            "other": self.tr("Other reason"),
        }
        self.reason = _combo([(code, labels[code]) for code in CANCEL_REASONS])
        self.add_row("reason", self.tr("Reason"), self.reason)
        warning = QLabel(
            self.tr(
                "The list's lines are withdrawn here and, at the next sync, on the server. The "
                "month is then computed again under the rules and can be finalised again. Do "
                "not hand out printed copies of the cancelled list."
            )
        )
        warning.setWordWrap(True)
        warning.setProperty("role", "notice")
        self.add_note(warning)
        self.fit_to_screen(600)

    def busy_text(self) -> str:
        return self.tr("Cancelling the payment list…")

    def request(self) -> Callable[[], object] | None:
        allowance = self.ui.services.allowance
        month, reason = self.month, str(self.reason.currentData())
        return lambda: allowance.cancel_payment_list(month, reason)
