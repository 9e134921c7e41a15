"""Trợ cấp & chi trả: the commune's allowance cases and its monthly payment lists.

Cases are loaded once and filtered on screen; afterwards a change notification names the
cases that changed and only those are read again. The payment list is one unit (its totals
depend on every line), so it is read again whole, and only while its tab is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import CaseStatus, PaymentMethod, PaymentStatus
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.policy import CategoryInfo
from btxh_desktop.services.allowance import CaseRow, PaymentList
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs import allowance_dialogs as dialogs
from btxh_desktop.ui.i18n import date_text, money, month_text, number
from btxh_desktop.ui.models.allowance_models import (
    CaseFilter,
    CaseTableModel,
    HistoryLine,
    HistoryModel,
    PaymentLinesModel,
)
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import (
    DateField,
    FlowLayout,
    FormDialog,
    MonthField,
    configure_table,
    error_label,
    error_text,
    fit_columns,
    heading,
    permit,
)

# Beyond this many changed cases, reading the whole list is cheaper than one by one.
PARTIAL_REFRESH_LIMIT = 200
CASE_ENTITIES = frozenset({"allowance_case", "allowance_change", "person"})
PAYMENT_ENTITIES = frozenset(
    {"payment", "allowance_case", "person", "household_status", "disability_assessment"}
)


@dataclass(frozen=True)
class CasesLoad:
    categories: tuple[CategoryInfo, ...]
    cases: list[CaseRow]


class AllowancePage(Page):
    entities = CASE_ENTITIES | PAYMENT_ENTITIES

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading(self.title()))
        self.tabs = QTabWidget()
        self.cases = CasesTab(ui, self)
        self.payments = PaymentsTab(ui, self)
        self.tabs.addTab(self.cases, self.tr("Allowance cases"))
        self.tabs.addTab(self.payments, self.tr("Monthly payment lists"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)

    def title(self) -> str:
        return self.tr("Allowance & payments")

    def refresh(self) -> None:
        self.cases.reload()
        self.payments.stale = True
        self._tab_changed()

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        entities = changes.entities()
        if entities & CASE_ENTITIES:
            self.cases.apply_changes(changes)
        if entities & PAYMENT_ENTITIES:
            self.payments.stale = True
            self._tab_changed()

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.payments and self.payments.stale:
            self.payments.reload()


class CasesTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.categories: tuple[CategoryInfo, ...] = ()
        self.selected: CaseRow | None = None
        self.loaded = False
        self._history_number = 0
        # A case just recorded here, selected as soon as its row arrives.
        self._pending_select: str | None = None
        layout = QVBoxLayout(self)

        bar = FlowLayout(stretch_last=True)
        self.new_button = QPushButton(self.tr("New application…"))
        self.new_button.clicked.connect(self.open_application)
        bar.addWidget(self.new_button)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status_filter.addItem(terms.label(terms.CASE_STATUS, status), status.value)
        self.category_filter = QComboBox()
        self.category_filter.addItem(self.tr("All categories"), None)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or record code…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M" * 24))
        bar.addWidget(self.status_filter)
        bar.addWidget(self.category_filter)
        bar.addWidget(self.search)
        layout.addLayout(bar)
        self.count = QLabel()
        layout.addWidget(self.count)
        layout.addLayout(self._build_actions())
        self.message = error_label()
        layout.addWidget(self.message)

        self.model = CaseTableModel(self)
        self.proxy = CaseFilter(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([740, 360])
        layout.addWidget(splitter, 1)

        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.category_filter.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(self._filter_changed)
        self._show_case(None)

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(8, 0, 0, 0)
        self.detail_box = QGroupBox(self.tr("Case file"))
        box_layout = QVBoxLayout(self.detail_box)
        # One text view rather than a form of labels: long category names and decisions wrap
        # and scroll at any text size instead of being cut off in a squeezed form row.
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        box_layout.addWidget(self.detail)
        self.fields: dict[str, str] = {}
        self.field_labels = dict(
            (
                ("person", self.tr("Person")),
                ("category", self.tr("Category")),
                ("sub_case", self.tr("Specific case")),
                ("status", self.tr("Status")),
                ("applied", self.tr("Application date")),
                ("decision", self.tr("Decision")),
                ("coefficient", self.tr("Coefficient")),
                ("amount", self.tr("Monthly amount")),
                ("period", self.tr("Paid")),
                ("method", self.tr("Payment method")),
            )
        )
        column.addWidget(self.detail_box, 3)
        column.addWidget(QLabel(self.tr("History of decisions")))
        self.history = HistoryModel(self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history)
        configure_table(self.history_table, stretch_column=3)
        self.history_table.setSortingEnabled(False)
        self.history_table.setMinimumHeight(90)
        column.addWidget(self.history_table, 2)
        panel.setMinimumWidth(340)
        return panel

    def _build_actions(self) -> FlowLayout:
        """What can be done to the chosen case, in a row that wraps at large text sizes."""
        actions = FlowLayout()
        actions.addWidget(QLabel(self.tr("Chosen case:")))
        self.decide_button = QPushButton(self.tr("Decide…"))
        self.reject_button = QPushButton(self.tr("Do not approve…"))
        self.adjust_button = QPushButton(self.tr("Adjust…"))
        self.suspend_button = QPushButton(self.tr("Suspend…"))
        self.resume_button = QPushButton(self.tr("Resume…"))
        self.stop_button = QPushButton(self.tr("Stop…"))
        self.move_button = QPushButton(self.tr("Move commune…"))
        self.payment_button = QPushButton(self.tr("Change payment method…"))
        buttons: list[tuple[QPushButton, Callable[[], FormDialog | None]]] = [
            (self.decide_button, self.open_decision),
            (self.reject_button, lambda: self._open(dialogs.RejectDialog)),
            (self.adjust_button, self.open_adjustment),
            (self.suspend_button, lambda: self._open(dialogs.SuspendDialog)),
            (self.resume_button, lambda: self._open(dialogs.ResumeDialog)),
            (self.stop_button, lambda: self._open(dialogs.StopDialog)),
            (self.move_button, lambda: self._open(dialogs.MoveDialog)),
            (self.payment_button, lambda: self._open(dialogs.PaymentMethodDialog)),
        ]
        for button, action in buttons:
            button.clicked.connect(lambda _checked=False, act=action: act())
            actions.addWidget(button)
        return actions

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        services = self.ui.services

        def load() -> CasesLoad:
            month = Month.of(services.ctx.today())
            return CasesLoad(services.ctx.policy.categories(month), services.allowance.cases())

        self.ui.runner.run(
            load, self._loaded, self._failed, label=self.tr("Loading cases…"), parent=self
        )

    def _loaded(self, load: CasesLoad) -> None:
        self.loaded = True
        if not self.categories:
            self.categories = load.categories
            for info in load.categories:
                self.category_filter.addItem(
                    f"{info.code} — {terms.category_name(info)}", info.code
                )
            self.category_filter.setMinimumContentsLength(12)
            self.category_filter.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        selected = self.selected.id if self.selected else None
        self.model.set_rows(load.cases)
        fit_columns(self.table)
        self._update_count()
        if not self._select_pending():
            self._select(selected)

    def apply_changes(self, changes: ChangeSet) -> None:
        if not self.loaded:
            return
        ids = set(changes.changed.get("allowance_case", set()))
        people = changes.changed.get("person", set())
        if people:
            ids |= {c.id for c in self.model.rows if c.person_id in people}
        if len(ids) > PARTIAL_REFRESH_LIMIT:
            self.reload()
            return
        selected = self.selected.id if self.selected else None
        if not ids:
            if selected and changes.changed.get("allowance_change"):
                self._load_history(selected)
            return
        allowance = self.ui.services.allowance

        def updated(rows: list[CaseRow]) -> None:
            self.model.upsert(rows)
            self.model.remove(ids - {c.id for c in rows})
            self._update_count()
            if not self._select_pending() and selected in ids:
                self._select(selected)
                self._load_history(selected)

        self.ui.runner.run(lambda: allowance.cases_by_id(sorted(ids)), updated, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            self.count.setText(
                self.tr("No allowance cases yet. Press “New application…” to record one.")
            )
        elif shown == total:
            self.count.setText(self.tr("{count} cases").format(count=total))
        else:
            self.count.setText(
                self.tr("{shown} of {count} cases match").format(shown=shown, count=total)
            )

    def _filter_changed(self) -> None:
        status = self.status_filter.currentData()
        self.proxy.set_filter(
            CaseStatus(status) if status else None,
            self.category_filter.currentData(),
            self.search.text(),
        )
        self._update_count()

    # ------------------------------------------------------------------ selection

    def _select(self, case_id: str | None) -> None:
        number_found = self.model.row_number(case_id) if case_id else None
        if number_found is None:
            self.table.clearSelection()
            self._show_case(None)
            return
        index = self.proxy.mapFromSource(self.model.index(number_found, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        self._show_case(self.model.row(number_found))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._show_case(None)
            return
        source = self.proxy.mapToSource(rows[0])
        case = self.model.row(source.row())
        if self.selected is None or case.id != self.selected.id or case != self.selected:
            self._show_case(case)

    def select_case(self, case_id: str) -> None:
        self._select(case_id)

    def _show_case(self, case: CaseRow | None) -> None:
        changed = case is None or self.selected is None or case.id != self.selected.id
        self.selected = case
        self._update_actions()
        self.fields = self._case_fields(case) if case else {}
        self._render_detail()
        if case is None:
            self.history.set_rows([])
        elif changed:
            self._load_history(case.id)

    def _case_fields(self, case: CaseRow) -> dict[str, str]:
        info = next((c for c in self.categories if c.code == case.category), None)
        born = f" — {case.birth_display}" if case.birth_display else ""
        others = f" + {', '.join(case.other_categories)}" if case.other_categories else ""
        name = f" — {terms.category_name(info)}" if info else ""
        period = ""
        if case.start_month is not None:
            period = self.tr("From {start}").format(start=month_text(case.start_month))
        if case.stop_month is not None:
            period += " " + self.tr("until before {stop}").format(stop=month_text(case.stop_month))
        method = terms.label(terms.PAYMENT_METHOD, case.payment_method)
        where = [p for p in (case.payment_point, case.bank_name, case.account_number) if p]
        return {
            "person": f"{case.full_name}{born} ({case.person_code})",
            "category": f"{case.category}{name}{others}",
            "sub_case": terms.sub_case_name(info, case.sub_case) if info else "",
            "status": terms.label(terms.CASE_STATUS, case.status),
            "applied": date_text(case.application_date),
            "decision": (
                self.tr("No. {number} of {date}, signed by {signer}").format(
                    number=case.decision_number,
                    date=date_text(case.decision_date),
                    signer=case.decision_signer or "",
                )
                if case.decision_number
                else self.tr("Not decided yet")
            ),
            "coefficient": number(case.coefficient),
            "amount": (
                self.tr("{amount} (standard level {level})").format(
                    amount=money(case.monthly_amount), level=money(case.standard_level)
                )
                if case.monthly_amount
                else ""
            ),
            "period": period,
            "method": " — ".join([method, *where]),
        }

    def _render_detail(self) -> None:
        if not self.fields:
            self.detail.setPlainText(self.tr("Choose a case in the list to see its file."))
            return
        rows = "".join(
            f"<tr><td style='padding:2px 14px 2px 0; color:#555555'>{escape(label)}</td>"
            f"<td style='padding:2px 0'>{escape(self.fields[key])}</td></tr>"
            for key, label in self.field_labels.items()
            if self.fields.get(key)
        )
        self.detail.setHtml(f"<table>{rows}</table>")

    def _load_history(self, case_id: str) -> None:
        self._history_number += 1
        number_now = self._history_number
        services = self.ui.services

        def load() -> list[HistoryLine]:
            lines = []
            for change in services.allowance.history(case_id):
                destination = ""
                if change.to_commune_code:
                    commune = services.ctx.reference.commune(change.to_commune_code)
                    destination = commune.full_name if commune else change.to_commune_code
                lines.append(HistoryLine(change, destination))
            return lines

        def shown(lines: list[HistoryLine]) -> None:
            if number_now == self._history_number:
                self.history.set_rows(lines)
                fit_columns(self.history_table)

        self.ui.runner.run(load, shown, self._failed)

    def _update_actions(self) -> None:
        actor = self.ui.services.ctx.actor
        case = self.selected
        status = case.status if case else None
        permit(self.new_button, actor, Permission.RECORD_APPLICATION)
        applied = status == CaseStatus.APPLIED
        open_case = status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
        why = self.tr("Not possible for a case with this status.")
        for button, possible in (
            (self.decide_button, applied),
            (self.reject_button, applied),
            (self.adjust_button, open_case),
            (self.suspend_button, status == CaseStatus.ACTIVE),
            (self.resume_button, status == CaseStatus.SUSPENDED),
            (self.stop_button, open_case),
            (self.move_button, open_case),
        ):
            permit(button, actor, Permission.DECIDE, possible, why if case else "")
        # Payment details are the application's, not a decision: data entry may change them.
        permit(
            self.payment_button,
            actor,
            Permission.RECORD_APPLICATION,
            applied or open_case,
            why if case else "",
        )

    # ------------------------------------------------------------------ dialogs

    def open_application(self) -> dialogs.ApplicationDialog:
        dialog = dialogs.ApplicationDialog(self.ui, self.categories, self)
        dialog.saved.connect(self._application_saved)
        dialog.open()
        return dialog

    def _application_saved(self, case_id: object) -> None:
        self.message.hide()
        self._pending_select = str(case_id)
        self._select_pending()

    def _select_pending(self) -> bool:
        pending = self._pending_select
        if pending is None or self.model.find(pending) is None:
            return False
        self._pending_select = None
        self._select(pending)
        return True

    def open_decision(self) -> dialogs.DecisionDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.DecisionDialog(self.ui, self.selected, self)
        dialog.open()
        return dialog

    def open_adjustment(self) -> dialogs.AdjustDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.AdjustDialog(self.ui, self.selected, self.categories, self)
        dialog.open()
        return dialog

    def _open(self, kind: type[dialogs._ChangeDialog]) -> FormDialog | None:
        if self.selected is None:
            return None
        dialog = kind(self.ui, self.selected, self)
        dialog.open()
        return dialog


class PaymentsTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.stale = True
        self.listing: PaymentList | None = None
        self._load_number = 0
        layout = QVBoxLayout(self)

        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("Month")))
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("Previous month"))
        self.month = MonthField(Month.of(ui.services.ctx.today()))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next month"))
        for widget in (self.previous_button, self.month, self.next_button):
            bar.addWidget(widget)
        self.finalise_button = QPushButton(self.tr("Finalise the list…"))
        bar.addWidget(self.finalise_button)
        self.cancel_list_button = QPushButton(self.tr("Cancel the payment list…"))
        bar.addWidget(self.cancel_list_button)
        layout.addLayout(bar)
        self.state = QLabel()
        self.state.setObjectName("list_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

        paid_bar = FlowLayout()
        paid_bar.addWidget(QLabel(self.tr("For the selected lines:")))
        self.paid_on = DateField(ui.services.ctx.today())
        self.paid_button = QPushButton(self.tr("Paid on"))
        self.not_collected_button = QPushButton(self.tr("Not collected"))
        paid_bar.addWidget(self.paid_button)
        paid_bar.addWidget(self.paid_on)
        paid_bar.addWidget(self.not_collected_button)
        layout.addLayout(paid_bar)
        self.message = error_label()
        layout.addWidget(self.message)
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.model = PaymentLinesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setSortingEnabled(False)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        # The totals can be given more room (or less) by dragging, at any text size.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self._build_totals())
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        layout.addWidget(split, 1)

        self.previous_button.clicked.connect(
            lambda: self.month.set_value(self.month.value().add(-1))
        )
        self.next_button.clicked.connect(lambda: self.month.set_value(self.month.value().next()))
        self.month.dateChanged.connect(lambda _d: self.reload())
        self.finalise_button.clicked.connect(self.confirm_finalise)
        self.cancel_list_button.clicked.connect(self.open_cancel_list)
        self.paid_button.clicked.connect(lambda: self.record(PaymentStatus.PAID))
        self.not_collected_button.clicked.connect(lambda: self.record(PaymentStatus.NOT_COLLECTED))
        self._update_actions()

    def _build_totals(self) -> QWidget:
        box = QGroupBox(self.tr("Totals"))
        grid = QGridLayout(box)
        grid.addWidget(QLabel(self.tr("Payment method")), 0, 0)
        grid.addWidget(QLabel(self.tr("People")), 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(QLabel(self.tr("Amount")), 0, 2, Qt.AlignmentFlag.AlignRight)
        self.method_names: dict[PaymentMethod, QLabel] = {}
        self.method_counts: dict[PaymentMethod, QLabel] = {}
        self.method_totals: dict[PaymentMethod, QLabel] = {}
        for row, method in enumerate(PaymentMethod, start=1):
            self.method_names[method] = QLabel(terms.label(terms.PAYMENT_METHOD, method))
            grid.addWidget(self.method_names[method], row, 0)
            self.method_counts[method] = QLabel()
            self.method_totals[method] = QLabel()
            grid.addWidget(self.method_counts[method], row, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self.method_totals[method], row, 2, Qt.AlignmentFlag.AlignRight)
        last = len(PaymentMethod) + 1
        grand = QLabel(self.tr("Grand total"))
        grand.setObjectName("grand_total_label")
        grid.addWidget(grand, last, 0)
        self.total_count = QLabel()
        self.grand_total = QLabel()
        self.grand_total.setObjectName("grand_total")
        grid.addWidget(self.total_count, last, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.grand_total, last, 2, Qt.AlignmentFlag.AlignRight)
        # The breakdown has a grid of its own so that the row of a method left out this month
        # closes instead of staying open, blank, beside a line of the breakdown.
        breakdown = QGridLayout()
        breakdown.setHorizontalSpacing(16)
        breakdown.setVerticalSpacing(grid.verticalSpacing())
        breakdown.addWidget(QLabel(self.tr("Of which")), 0, 0)
        self.regular_total = QLabel()
        self.back_pay_total = QLabel()
        self.recovery_total = QLabel()
        for row, (text, label) in enumerate(
            (
                (self.tr("Monthly allowance"), self.regular_total),
                (self.tr("Back pay"), self.back_pay_total),
                (self.tr("Recovered"), self.recovery_total),
            ),
            start=1,
        ):
            breakdown.addWidget(QLabel(text), row, 0)
            breakdown.addWidget(label, row, 1, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(breakdown, 0, 4, last + 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnMinimumWidth(3, 24)
        grid.setColumnStretch(5, 1)
        # Room the splitter gives beyond the rows goes below them, not between them.
        grid.setRowStretch(last + 1, 1)
        grid.setHorizontalSpacing(16)
        # At the largest text sizes on a 1366-pixel screen the totals are wider than the page:
        # they scroll sideways rather than cut the amounts short.
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(box)
        return scroller

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        self.stale = False
        self._load_number += 1
        number_now = self._load_number
        month = self.month.value()
        allowance = self.ui.services.allowance
        self.state.setText(
            self.tr("Computing the list for {month}…").format(month=month_text(month))
        )

        def shown(listing: PaymentList) -> None:
            if number_now == self._load_number:
                self.show_list(listing)

        self.ui.runner.run(
            lambda: allowance.payment_list(month),
            shown,
            self._failed,
            label=self.tr("Computing the payment list…"),
            parent=self,
        )

    def show_list(self, listing: PaymentList) -> None:
        self.listing = listing
        self.model.set_rows(listing.lines)
        fit_columns(self.table)
        month = month_text(listing.month)
        if listing.finalised:
            self.state.setText(self.tr("List for {month}: finalised").format(month=month))
        elif listing.lines:
            self.state.setText(
                self.tr("List for {month}: not finalised (computed now under the rules)").format(
                    month=month
                )
            )
        else:
            self.state.setText(self.tr("Nobody is owed anything for {month}").format(month=month))
        for method in PaymentMethod:
            count = listing.count_by_method.get(method, 0)
            self.method_counts[method].setText(str(count))
            self.method_totals[method].setText(money(listing.totals_by_method.get(method, 0)))
            # A method nobody uses this month is left out rather than listed with zeros.
            for label in (
                self.method_names[method],
                self.method_counts[method],
                self.method_totals[method],
            ):
                label.setVisible(bool(count))
        self.total_count.setText(str(len(listing.lines)))
        self.grand_total.setText(money(listing.total))
        self.regular_total.setText(money(listing.regular_total))
        self.back_pay_total.setText(money(listing.back_pay_total))
        self.recovery_total.setText(money(listing.recovery_total))
        self._update_actions()

    def _failed(self, error: BaseException) -> None:
        self.state.setText("")
        self.message.setText(error_text(error))
        self.message.show()

    def _update_actions(self) -> None:
        actor = self.ui.services.ctx.actor
        listing = self.listing
        finalised = bool(listing and listing.finalised)
        permit(
            self.finalise_button,
            actor,
            Permission.APPROVE_PAYMENTS,
            bool(listing and not listing.finalised and listing.lines),
            self.tr("Already finalised, or nothing to pay."),
        )
        permit(
            self.cancel_list_button,
            actor,
            Permission.APPROVE_PAYMENTS,
            bool(listing and listing.cancellable),
            self.tr(
                "Only a finalised list from which no payment has been recorded yet can be "
                "cancelled."
            ),
        )
        chosen = bool(self.table.selectionModel().selectedRows())
        why = self.tr("Choose lines of a finalised list first.")
        for button in (self.paid_button, self.not_collected_button):
            permit(button, actor, Permission.APPROVE_PAYMENTS, finalised and chosen, why)

    # ------------------------------------------------------------------ actions

    def confirm_finalise(self) -> QMessageBox | None:
        listing = self.listing
        if listing is None:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Finalise the payment list"))
        box.setText(
            self.tr(
                "Finalise the list for {month}: {count} people, {total}? "
                "After finalising, the list is saved for paying and cannot be recomputed."
            ).format(
                month=month_text(listing.month),
                count=len(listing.lines),
                total=money(listing.total),
            )
        )
        yes = box.addButton(self.tr("Finalise"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.finalise() if button is yes else None)
        box.open()
        return box

    def finalise(self) -> None:
        month = self.month.value()
        allowance = self.ui.services.allowance
        self.message.hide()
        self.finalise_button.setEnabled(False)

        def done(listing: PaymentList) -> None:
            self.notice.setText(
                self.tr("The list for {month} is finalised: {count} people, {total}.").format(
                    month=month_text(month), count=len(listing.lines), total=money(listing.total)
                )
            )
            self.notice.show()
            self.show_list(listing)

        self.ui.runner.run(
            lambda: allowance.finalise_payment_list(month),
            done,
            self._action_failed,
            label=self.tr("Finalising the payment list…"),
            parent=self,
        )

    def open_cancel_list(self) -> dialogs.CancelListDialog | None:
        listing = self.listing
        if listing is None:
            return None
        dialog = dialogs.CancelListDialog(self.ui, listing, self)
        month = listing.month
        dialog.saved.connect(lambda count: self._list_cancelled(month, count))
        dialog.open()
        return dialog

    def _list_cancelled(self, month: Month, count: object) -> None:
        # The list itself is shown again when the change notification arrives.
        self.message.hide()
        self.notice.setText(
            self.tr(
                "The list for {month} is cancelled ({count} lines withdrawn). It is computed "
                "again under the rules and can be finalised again."
            ).format(month=month_text(month), count=count)
        )
        self.notice.show()

    def record(self, status: PaymentStatus) -> None:
        lines = [
            self.model.row(index.row()) for index in self.table.selectionModel().selectedRows()
        ]
        ids = [line.payment_id for line in lines if line.payment_id]
        if not ids:
            return
        paid_on: dt.date | None = self.paid_on.value() if status == PaymentStatus.PAID else None
        allowance = self.ui.services.allowance
        self.message.hide()
        self.ui.runner.run(
            lambda: allowance.record_payments(ids, status, paid_on),
            lambda _result: None,
            self._action_failed,
            label=self.tr("Recording payments…"),
            parent=self,
        )

    def _action_failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()
        self._update_actions()
