"""Tables of the allowance screen: cases, a case's history of changes, a month's payments."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from btxh_desktop.domain.codes import CaseChangeKind, CaseStatus
from btxh_desktop.domain.identity import fold
from btxh_desktop.services.allowance import CaseRow, ChangeRow, PaymentListLine
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.i18n import date_text, money, month_text, number
from btxh_desktop.ui.models.rows_model import SORT_ROLE, Column, RowsModel

REASONS = {
    CaseChangeKind.SUSPEND: terms.SUSPEND_REASON,
    CaseChangeKind.STOP: terms.STOP_REASON,
    CaseChangeKind.REJECT: terms.REJECT_REASON,
}


def _month_key(value: object) -> str:
    return str(value) if value is not None else ""


class CaseTableModel(RowsModel[CaseRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                # The record code and coefficient are in the case file beside the list (and the
                # code in the tooltip): at 1366 pixels the amount matters more.
                Column(
                    self.tr("Full name"),
                    lambda c: c.full_name,
                    lambda c: fold(c.full_name),
                    tooltip=lambda c: c.person_code,
                ),
                Column(self.tr("Born"), lambda c: c.birth_display),
                Column(self.tr("Category"), lambda c: c.category),
                Column(self.tr("Status"), lambda c: terms.label(terms.CASE_STATUS, c.status)),
                Column(
                    self.tr("Monthly amount"),
                    lambda c: money(c.monthly_amount),
                    lambda c: c.monthly_amount or 0,
                    numeric=True,
                ),
                Column(
                    self.tr("Paid from"),
                    lambda c: month_text(c.start_month),
                    lambda c: _month_key(c.start_month),
                ),
            ],
            key=lambda c: c.id,
            parent=parent,
        )


class CaseFilter(QSortFilterProxyModel):
    """Status, category and typed text (a name without accents, or a record code)."""

    def __init__(self, source: CaseTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cases = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.status: CaseStatus | None = None
        self.category: str | None = None
        self.text = ""

    def set_filter(self, status: CaseStatus | None, category: str | None, text: str) -> None:
        self.beginFilterChange()
        self.status, self.category, self.text = status, category, fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        case = self.cases.row(row)
        if self.status is not None and case.status != self.status:
            return False
        if self.category is not None and case.category != self.category:
            return False
        if self.text:
            return self.text in fold(case.full_name) or self.text in case.person_code.lower()
        return True


@dataclass(frozen=True)
class HistoryLine:
    change: ChangeRow
    destination: str  # the commune moved to, by name


class HistoryModel(RowsModel[HistoryLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Change"), lambda h: terms.label(terms.CHANGE_KIND, h.change.kind)),
                Column(self.tr("From month"), lambda h: month_text(h.change.effective_month)),
                Column(self.tr("Decision"), _decision),
                Column(self.tr("Reason"), self._reason, tooltip=self._reason),
                Column(
                    self.tr("Amount"),
                    lambda h: _change(h, "amount"),
                    tooltip=self._coefficient,
                ),
            ],
            key=lambda h: h.change.id,
            parent=parent,
        )

    def _coefficient(self, line: HistoryLine) -> str:
        change = _change(line, "coefficient")
        return self.tr("Coefficient: {change}").format(change=change) if change else ""

    def _reason(self, line: HistoryLine) -> str:
        change = line.change
        if change.kind == CaseChangeKind.MOVE:
            return self.tr("To {commune}").format(commune=line.destination)
        labels = REASONS.get(change.kind)
        reason = terms.label(labels, change.reason) if labels else (change.reason or "")
        return f"{reason}: {change.note}" if change.note else reason


def _decision(line: HistoryLine) -> str:
    parts = [line.change.decision_number or "", date_text(line.change.decision_date)]
    return ", ".join(p for p in parts if p)


def _change(line: HistoryLine, what: str) -> str:
    change = line.change
    if what == "coefficient":
        old, new = number(change.old_coefficient), number(change.new_coefficient)
    else:
        old, new = money(change.old_amount), money(change.new_amount)
    if old and new:
        return f"{old} → {new}"
    return new or old


class PaymentLinesModel(RowsModel[PaymentListLine]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Full name"), lambda p: p.full_name, lambda p: fold(p.full_name)),
                Column(self.tr("Record code"), lambda p: p.person_code),
                Column(self.tr("Category"), lambda p: p.category),
                Column(
                    self.tr("Coefficient"),
                    lambda p: number(p.line.coefficient) if p.line.amount else "",
                    lambda p: float(p.line.coefficient),
                    numeric=True,
                ),
                Column(
                    self.tr("Allowance"),
                    lambda p: money(p.line.amount),
                    lambda p: p.line.amount,
                    numeric=True,
                ),
                Column(self.tr("Back pay months"), self._back_pay_period),
                Column(
                    self.tr("Back pay"),
                    lambda p: money(p.line.back_pay_amount) if p.line.back_pay_amount else "",
                    lambda p: p.line.back_pay_amount,
                    numeric=True,
                ),
                Column(
                    self.tr("Recovered"),
                    lambda p: money(p.line.recovery_amount) if p.line.recovery_amount else "",
                    lambda p: p.line.recovery_amount,
                    numeric=True,
                ),
                Column(
                    self.tr("Total"),
                    lambda p: money(p.line.total),
                    lambda p: p.line.total,
                    numeric=True,
                ),
                Column(
                    self.tr("Method"),
                    lambda p: terms.label(terms.PAYMENT_METHOD, p.method),
                    tooltip=self._where,
                ),
                Column(self.tr("Status"), self._status),
            ],
            key=lambda p: p.case_id,
            parent=parent,
        )

    def _back_pay_period(self, item: PaymentListLine) -> str:
        line = item.line
        if not line.back_pay_months:
            return ""
        return self.tr("{start}–{end} ({months} months)").format(
            start=month_text(line.back_pay_from),
            end=month_text(line.back_pay_to),
            months=line.back_pay_months,
        )

    def _status(self, item: PaymentListLine) -> str:
        if item.status is None:
            return self.tr("Not finalised")
        return terms.label(terms.PAYMENT_STATUS, item.status)

    @staticmethod
    def _where(item: PaymentListLine) -> str:
        parts = [item.payment_point, item.bank_name, item.account_number]
        return " — ".join(p for p in parts if p)
