"""One line of a monthly payment list: what a case is owed for a month, with back pay
(truy lĩnh) and recovery (truy thu).

The amount for a month is recomputed by the policy engine for that month (age bands move,
standard levels rise), never copied from the decision. Back pay arises when a decision takes
effect before the first list that pays it, or when a level rise is applied to months already
paid at the old level; recovery when a stop is recorded after months past it were paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.policy import PersonFacts, PolicyEngine


@dataclass(frozen=True, slots=True)
class Pause:
    """A suspension: not paid from `start` until `end` (exclusive; None = still suspended)."""

    start: Month
    end: Month | None

    def covers(self, month: Month) -> bool:
        return self.start <= month and (self.end is None or month < self.end)


@dataclass(frozen=True, slots=True)
class CaseTerms:
    case_id: str
    facts: PersonFacts
    start_month: Month
    stop_month: Month | None  # first month no longer paid
    pauses: tuple[Pause, ...] = ()
    # Back pay for months before the first list only when the decision was made here; a case
    # brought in from an old spreadsheet was paid by the old process.
    owed_from_start: bool = True


@dataclass(frozen=True, slots=True)
class PaidMonth:
    """A line already on a finalised list."""

    month: Month
    amount: int
    standard_level: int
    back_pay_from: Month | None = None
    back_pay_to: Month | None = None
    recovery_amount: int = 0
    collected: bool = True


@dataclass(frozen=True, slots=True)
class PaymentLine:
    case_id: str
    month: Month
    amount: int
    coefficient: Decimal
    standard_level: int
    back_pay_from: Month | None
    back_pay_to: Month | None
    back_pay_months: int
    back_pay_amount: int
    recovery_amount: int

    @property
    def total(self) -> int:
        return self.amount + self.back_pay_amount - self.recovery_amount


def payable(terms: CaseTerms, month: Month) -> bool:
    if month < terms.start_month:
        return False
    if terms.stop_month is not None and month >= terms.stop_month:
        return False
    return not any(p.covers(month) for p in terms.pauses)


def payment_line(
    engine: PolicyEngine,
    terms: CaseTerms,
    month: Month,
    history: Sequence[PaidMonth],
    max_back_pay_months: int = 36,
) -> PaymentLine | None:
    """The line for `month`, or None when nothing is owed either way."""
    paid = {p.month: p for p in history}
    covered_by_back_pay = {
        m
        for p in history
        if p.back_pay_from is not None and p.back_pay_to is not None
        for m in _months(p.back_pay_from, p.back_pay_to)
    }

    amount, coefficient = 0, Decimal(0)
    level = engine.standard_level(month, terms.facts.province_code).amount
    if payable(terms, month):
        answer = engine.monthly_allowance(terms.facts, month)
        amount, coefficient, level = (
            answer.monthly_amount,
            answer.total_coefficient,
            answer.standard_level,
        )

    owed: list[tuple[Month, int]] = []
    earliest = month.add(-max_back_pay_months)
    first_paid = min(paid) if paid else None
    candidate = max(terms.start_month, earliest)
    while candidate < month:
        if payable(terms, candidate) and candidate not in covered_by_back_pay:
            line = paid.get(candidate)
            if line is None:
                before_first_list = first_paid is None or candidate < first_paid
                if terms.owed_from_start or not before_first_list:
                    owed.append((candidate, _due(engine, terms, candidate)))
            elif (
                line.standard_level
                < engine.standard_level(candidate, terms.facts.province_code).amount
            ):
                # Paid before a retroactive level rise was known: the difference is owed.
                difference = _due(engine, terms, candidate) - line.amount
                if difference > 0:
                    owed.append((candidate, difference))
        candidate = candidate.next()

    recovery = 0
    if terms.stop_month is not None:
        already_recovered = sum(p.recovery_amount for p in history)
        overpaid = sum(p.amount for p in history if p.month >= terms.stop_month and p.collected)
        recovery = max(0, overpaid - already_recovered)

    if amount == 0 and not owed and recovery == 0:
        return None
    return PaymentLine(
        case_id=terms.case_id,
        month=month,
        amount=amount,
        coefficient=coefficient,
        standard_level=level,
        back_pay_from=owed[0][0] if owed else None,
        back_pay_to=owed[-1][0] if owed else None,
        back_pay_months=len(owed),
        back_pay_amount=sum(v for _, v in owed),
        recovery_amount=recovery,
    )


def _level(engine: PolicyEngine, terms: CaseTerms, month: Month) -> int:
    return engine.standard_level(month, terms.facts.province_code).amount


def _due(engine: PolicyEngine, terms: CaseTerms, month: Month) -> int:
    return engine.monthly_allowance(terms.facts, month).monthly_amount


def _months(first: Month, last: Month) -> list[Month]:
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = month.next()
    return out
