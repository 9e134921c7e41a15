"""Việc cần làm: what the rules will require of the officer, worked out for a given day.

Wrong payments mostly come from changes nobody noticed in time. The service reads plain facts
(one tuple per case, stay, card, ...) in a few set-based queries and hands them here with the
policy engine and "today"; this module returns `Alert`s made of codes and parameters (text in
`resources/messages/alerts.json`), never prose. Every coefficient and amount is the policy
engine's, so an alert never disagrees with the payment list.

Timing, with M0 = today's month and M1 the next month:

- `age_band`, `eligibility_end`, `coefficient_change`: the engine's coefficient for a month of
  [max(M0, E), M1] differs from the one on the case's decision (E = the month that decision or
  the last adjustment took effect). The change month C is that month; when the difference is
  already there in M0 and the engine agrees with the decision at E, the change came with time
  (a birthday, a death, an admission, a category closing) and C is walked back to the first
  month it applies. So a change is shown from the first day of the month before C ("this month
  or next month"), is due on the first day of C, and stays (overdue) until an adjustment or a
  stop changes the case. A difference the engine already sees at E comes from a fact recorded
  without a date (no longer studying, a new disability level): it is due today.
  A change at a birthday month is `age_band` (K1/K3 at 4, K5a at 80, K6 at 16 and 60); a
  coefficient of zero is `eligibility_end`, whose stop month is C (K1 and K3 at 16, K2 at 22,
  K7 at 3 keep the birthday month paid, so C is the month after it); a K1 child who is
  studying is offered K2 from C instead.
- `not_collected`: three consecutive months of lines "not collected" with nothing collected
  since; suspension due from the month after the third (Thông tư 02/2021/TT-BLĐTBXH).
- `suspension_over`: suspended from month S without resuming; shown from the first day of
  S+2, stop due from S+3.
- `emergency_stay`: an emergency admission reaching its three months (Art. 25): shown from
  `emergency_notice_days` before the deadline.
- `insurance_card`: the person's latest health-insurance card ends within 30 days or has ended.
- `reassessment`: the disability re-assessment date recorded on the latest assessment is
  within 30 days or past.
- `dossier_overdue`: an application without a decision on the last of its 10 working days
  (the commune's deadline since 2025-07-01; older dossiers count from that day) or later.
- `document_follow_up`: the officer asked for a missing paper by a date recorded on the case;
  shown from a week before that date until the follow-up is cleared.
- `back_pay`: finalised lines paid at a standard level below the one now in force for their
  month, not yet back paid; one alert per level, from the first day of the first such month,
  for the sum `payments.payment_line` gives as back pay on the next list. After a retroactive
  rise that is every case: the service groups in SQL the cases whose back pay is the same
  sum (`BackPayGroup`: one situation, the same months paid the same amount, nothing else
  in the window), priced once a group from the engine's amounts by month; only the others
  come with their whole history (`BackPayFacts`).

A province holds 200,000 cases and almost none of them can give an alert on a given day, so
the service does not hand every case over: `ScanBounds` gives the dates a query can narrow
dated records with, and `AlertRules.settled` tells, once for all the cases in the same
situation, that the engine pays what their decisions record this month and next. Only the
cases it cannot vouch for (and those whose death, stay, suspension or payments can give an
alert) go through the rules. The queries narrow; the rules and the engine decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from btxh_desktop.domain.codes import CaseStatus, DisabilityLevel, HouseholdStatus, PaymentStatus
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.payments import CaseTerms, PaidMonth, Pause, payment_line
from btxh_desktop.domain.policy import (
    Allowance,
    CategoryClaim,
    CategoryInfo,
    Fact,
    PersonFacts,
    PolicyEngine,
    StandardLevel,
)
from btxh_desktop.domain.workdays import WorkCalendar

ParamValue = str | int | Decimal

CARD_NOTICE_DAYS = 30
REASSESSMENT_NOTICE_DAYS = 30
DOCUMENT_NOTICE_DAYS = 7
NOT_COLLECTED_MONTHS = 3  # Thông tư 02/2021/TT-BLĐTBXH
SUSPENSION_MONTHS = 3
BACK_PAY_MONTHS = 36  # how far back a payment list pays what is owed (payments.payment_line)
DECISION_WORKING_DAYS = 10  # the commune decides within 10 working days since 2025-07-01
DECISION_RULE_FROM = dt.date(2025, 7, 1)
STUDENT_CATEGORY = "K2"  # a K1 child still in education at 16 (Art. 5.2)
_ZERO = Decimal(0)


class AlertKind(StrEnum):
    AGE_BAND = "age_band"
    ELIGIBILITY_END = "eligibility_end"
    COEFFICIENT_CHANGE = "coefficient_change"
    NOT_COLLECTED = "not_collected"
    SUSPENSION_OVER = "suspension_over"
    EMERGENCY_STAY = "emergency_stay"
    INSURANCE_CARD = "insurance_card"
    REASSESSMENT = "reassessment"
    DOSSIER_OVERDUE = "dossier_overdue"
    BACK_PAY = "back_pay"
    DOCUMENT_FOLLOW_UP = "document_follow_up"


class ActionCode(StrEnum):
    ADJUST = "adjust"  # AllowanceService.adjust
    STOP = "stop"  # AllowanceService.stop
    SUSPEND = "suspend"  # AllowanceService.suspend
    DECIDE = "decide"  # AllowanceService.decide
    FINALISE_PAYMENTS = "finalise_payments"  # AllowanceService.finalise_payment_list
    RENEW_CARD = "renew_card"  # PeopleService.save_insurance_card
    EXTEND_STAY = "extend_stay"  # FacilityService.convert_to_regular
    DISCHARGE = "discharge"  # FacilityService.discharge
    CLEAR_DOCUMENTS = "clear_documents"  # AllowanceService.set_document_follow_up(.., None, None)
    REVIEW = "review"  # open the person's record: what to record is the officer's to find


class StopReason(StrEnum):
    """Reason codes an alert proposes for a stop or a suspension (stored on the change)."""

    AGE_LIMIT = "age_limit"
    NOT_STUDYING = "not_studying"
    DEATH = "death"  # AllowanceService.stop also records the funeral support
    IN_FACILITY = "in_facility"
    CATEGORY_CLOSED = "category_closed"
    NOT_ELIGIBLE = "not_eligible"
    SUSPENDED_TOO_LONG = "suspended_3_months"
    NOT_COLLECTED = "not_collected_3_months"


@dataclass(frozen=True, slots=True)
class Action:
    """What the alert leads to, pre-filled so that carrying it out gives the engine's result.

    `month` is the month it takes effect (adjust, suspend, stop) or the list to finalise;
    `event_date` is what `AllowanceService.stop` takes (it stops from the month after it)."""

    code: ActionCode
    month: Month | None = None
    event_date: dt.date | None = None
    category: str | None = None
    reason: StopReason | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    kind: AlertKind
    key: str  # stable while the facts behind it stay the same: what "done" and "snooze" hold
    due_date: dt.date
    person_id: str | None  # None for an alert about the site (back pay)
    subject_ids: tuple[str, ...]  # the case, stay, card or assessment (cases for back pay)
    reason: str
    params: Mapping[str, ParamValue]
    actions: tuple[Action, ...]
    old_coefficient: Decimal | None = None
    new_coefficient: Decimal | None = None
    old_amount: int | None = None
    new_amount: int | None = None
    # The case's category reveals HIV status (K3, K8): lists show the `.private` reason only.
    sensitive: bool = False

    @property
    def action(self) -> Action:
        return self.actions[0]

    def days_left(self, today: dt.date) -> int:
        return (self.due_date - today).days


# ---------------------------------------------------------------------------- facts


class CaseFacts(NamedTuple):
    """An active or suspended allowance case with what the engine needs about its person.

    A plain tuple: a province's scan builds 200,000 of them, and a tuple is the cheapest."""

    case_id: str
    person_id: str
    category: str
    sub_case: str | None
    other_categories: tuple[str, ...]
    status: CaseStatus
    coefficient: Decimal | None  # on the decision or the last adjustment
    monthly_amount: int | None
    terms_from: Month | None  # the month that decision or adjustment took effect
    start_month: Month | None
    stop_month: Month | None
    suspended_from: Month | None  # the open suspension's first month
    children_count: int
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    studying: bool
    died_on: dt.date | None
    disability_level: DisabilityLevel | None
    household_status: HouseholdStatus | None
    receives_pension: bool
    admitted_on: dt.date | None  # an open stay in a facility


class PaymentFacts(NamedTuple):
    month: Month
    status: PaymentStatus


class StayFacts(NamedTuple):
    """An open emergency admission; `deadline` is `services.facility.emergency_deadline`."""

    residency_id: str
    person_id: str
    admitted_on: dt.date
    deadline: dt.date


class CardFacts(NamedTuple):
    """The health-insurance card of a person being served that ends last."""

    card_id: str
    person_id: str
    card_number: str
    valid_to: dt.date


class AssessmentFacts(NamedTuple):
    """The latest disability assessment of a person being served, when it sets a date."""

    assessment_id: str
    person_id: str
    reassessment_due: dt.date


class DossierFacts(NamedTuple):
    case_id: str
    person_id: str
    category: str
    application_date: dt.date


class DocumentFacts(NamedTuple):
    """A case on which the officer asked for a missing paper by `due`."""

    case_id: str
    person_id: str
    category: str
    due: dt.date
    note: str


class BackPayFacts(NamedTuple):
    """A case with finalised lines paid below the standard level now in force for their
    month (found in SQL), with what `payments.payment_line` needs to price the back pay."""

    case: CaseFacts
    lagging_from: Month
    lagging_to: Month
    paid_level: int
    level: int
    history: tuple[PaidMonth, ...]
    pauses: tuple[Pause, ...]
    decided_here: bool


class BackPayGroup(NamedTuple):
    """Cases whose back pay is the same sum, found alike in SQL: the same situation for the
    engine (`sample`, standing for all of them like `AlertRules.settled`'s), one line a month
    from `lagging_from` to `lagging_to` each paid `amount` at `paid_level`, the months from
    `unpaid_from` to `unpaid_to` before their first line owed in full (a case decided here),
    and nothing else in the back-pay window for `payments.payment_line` to find (no pause,
    stop, stay, gap, second round or back pay reaching part of those months). `paid_now`:
    the list month itself is payable, so `payment_line` asks the engine about it too."""

    sample: CaseFacts
    case_ids: tuple[str, ...]
    lagging_from: Month
    lagging_to: Month
    amount: int
    paid_level: int
    paid_now: bool
    unpaid_from: Month | None
    unpaid_to: Month | None


@dataclass(frozen=True)
class AlertFacts:
    province_code: str | None
    cases: Sequence[CaseFacts] = ()
    payments: Mapping[str, Sequence[PaymentFacts]] = field(default_factory=dict)
    stays: Sequence[StayFacts] = ()
    cards: Sequence[CardFacts] = ()
    assessments: Sequence[AssessmentFacts] = ()
    dossiers: Sequence[DossierFacts] = ()
    documents: Sequence[DocumentFacts] = ()
    back_pay: Sequence[BackPayFacts] = ()
    back_pay_groups: Sequence[BackPayGroup] = ()
    next_list_month: Month | None = None  # the first month without a finalised list


# ---------------------------------------------------------------------------- ages


def _index(month: Month) -> int:
    return month.year * 12 + month.month - 1


def _month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def age_at_end(birth: tuple[int, int, int], month_index: int) -> int:
    """`PartialDate.age_at_end_of` on an assumed birth date (year, month, day), without
    building dates: the scan asks it twice per beneficiary."""
    born_year, born_month, born_day = birth
    year, month = divmod(month_index, 12)
    month += 1
    age = year - born_year - (month < born_month)
    if month == born_month == 2 and born_day == 29 and not _leap(year):
        age -= 1  # no 29 February this year: the birthday has not come by the 28th
    return age


def _assumed(year: int | None, month: int | None, day: int | None) -> tuple[int, int, int] | None:
    return None if year is None else (year, month or 1, day or 1)


# ---------------------------------------------------------------------------- shared answers


_Key = tuple[object, ...]


class SharedAnswers(PolicyEngine):
    """The policy engine, answering once for everyone in the same situation.

    What `monthly_allowance` pays depends on the claims, the recorded facts, the month and two
    ages (at the end of the month for bands, at the end of the previous month for upper
    limits), never on the birth date itself; a province's 200,000 beneficiaries fall into a
    few thousand such situations. The amounts are shared; the explanation is the first
    person's, so this is for scans (alerts, `payments.payment_line` over many cases) and never
    for telling one person why.

    It holds no policy data of its own (so it does not run `PolicyEngine.__init__`): every
    question it cannot answer from memory goes to `engine`.
    """

    def __init__(self, engine: PolicyEngine) -> None:
        self.engine = engine
        self._answers: dict[_Key, Allowance | DomainError] = {}
        self._categories: dict[str, CategoryInfo] = {}

    def standard_level(self, month: Month, province_code: str | None = None) -> StandardLevel:
        return self.engine.standard_level(month, province_code)

    def category(self, code: str) -> CategoryInfo:
        info = self._categories.get(code)
        if info is None:
            info = self._categories[code] = self.engine.category(code)
        return info

    def monthly_allowance(self, facts: PersonFacts, month: Month) -> Allowance:
        birth = facts.birth.assumed_date()
        base = _base(facts)
        index = _index(month)
        key = _situation(
            base,
            index,
            None if birth is None else (birth.year, birth.month, birth.day),
            facts.died is not None and month > facts.died,
            facts.in_facility,
        )
        answer = self._answers.get(key)
        if answer is None:
            answer = self._ask(facts, month, key)
        if isinstance(answer, DomainError):
            raise answer
        return answer

    def answer(
        self,
        base: _Key,
        index: int,
        birth: tuple[int, int, int] | None,
        died: bool,
        in_facility: bool,
        build: _FactsBuilder,
    ) -> Allowance | None:
        """The fast path of the scan: `build` makes the facts only when nobody in the same
        situation was asked before. None when the engine refuses the facts."""
        key = _situation(base, index, birth, died, in_facility)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._ask(build(in_facility), _month(index), key)
        return None if isinstance(answer, DomainError) else answer

    def _ask(self, facts: PersonFacts, month: Month, key: _Key) -> Allowance | DomainError:
        answer: Allowance | DomainError
        try:
            answer = self.engine.monthly_allowance(facts, month)
        except DomainError as exc:
            answer = exc
        self._answers[key] = answer
        return answer


def _base(facts: PersonFacts) -> _Key:
    return (
        facts.claims,
        facts.disability_level,
        facts.children_count,
        facts.studying,
        facts.household_status,
        facts.receives_pension,
        facts.province_code,
    )


def _situation(
    base: _Key, index: int, birth: tuple[int, int, int] | None, died: bool, in_facility: bool
) -> _Key:
    if birth is None:
        return (base, index, None, None, died, in_facility)
    return (base, index, age_at_end(birth, index), age_at_end(birth, index - 1), died, in_facility)


class _FactsBuilder:
    """Builds one case's `PersonFacts` for a month, only when an answer is not shared yet."""

    __slots__ = ("case", "claims", "province_code")

    def __init__(
        self, case: CaseFacts, claims: tuple[CategoryClaim, ...], province_code: str | None
    ) -> None:
        self.case = case
        self.claims = claims
        self.province_code = province_code

    def __call__(self, in_facility: bool) -> PersonFacts:
        case = self.case
        return PersonFacts(
            birth=PartialDate(case.birth_year, case.birth_month, case.birth_day),
            claims=self.claims,
            disability_level=case.disability_level,
            children_count=case.children_count,
            studying=case.studying,
            household_status=case.household_status,
            receives_pension=case.receives_pension,
            in_facility=in_facility,
            province_code=self.province_code,
            died=Month.of(case.died_on) if case.died_on else None,
        )


def person_facts(case: CaseFacts, province_code: str | None, month: Month) -> PersonFacts:
    """The facts of `case` as the engine takes them for `month`."""
    claims = (
        CategoryClaim(case.category, case.sub_case),
        *(CategoryClaim(code) for code in case.other_categories),
    )
    in_facility = case.admitted_on is not None and Month.of(case.admitted_on) <= month
    return _FactsBuilder(case, claims, province_code)(in_facility)


# ---------------------------------------------------------------------------- the rules


def _params(**values: ParamValue | None) -> Mapping[str, ParamValue]:
    return MappingProxyType({k: v for k, v in values.items() if v is not None})


def _month_text(month: Month) -> str:
    return f"{month.month:02d}/{month.year}"


def _date_text(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"  # strftime costs several times more


class ScanBounds(NamedTuple):
    """Dated records past these bounds cannot give an alert on the day: what a query may
    leave out. The rules still decide about everything within them."""

    applied_by: dt.date  # a dossier received later is not yet due for a decision
    card_ends_by: dt.date
    reassessment_by: dt.date
    documents_due_by: dt.date


def scan_bounds(today: dt.date) -> ScanBounds:
    # A deadline of N working days is at least N calendar days after the application.
    return ScanBounds(
        applied_by=today - dt.timedelta(days=DECISION_WORKING_DAYS),
        card_ends_by=today + dt.timedelta(days=CARD_NOTICE_DAYS),
        reassessment_by=today + dt.timedelta(days=REASSESSMENT_NOTICE_DAYS),
        documents_due_by=today + dt.timedelta(days=DOCUMENT_NOTICE_DAYS),
    )


class AlertRules:
    """Holds what stays the same between scans: the shared answers and the calendar."""

    def __init__(
        self,
        engine: PolicyEngine,
        calendar: WorkCalendar,
        emergency_notice_days: int,
    ) -> None:
        self.answers = engine if isinstance(engine, SharedAnswers) else SharedAnswers(engine)
        self.calendar = calendar
        self.emergency_notice_days = emergency_notice_days
        self._claims: dict[tuple[str, str | None, tuple[str, ...]], tuple[CategoryClaim, ...]] = {}
        self._sensitive: dict[tuple[str, ...], bool] = {}
        self._deadlines: dict[dt.date, dt.date] = {}

    def compute(self, facts: AlertFacts, today: dt.date) -> list[Alert]:
        """Every alert shown on `today`, soonest due first."""
        scan = _Scan(self, facts.province_code, today)
        alerts: list[Alert] = []
        for case in facts.cases:
            found = scan.case_change(case)
            if found is not None:
                alerts.append(found)
            if case.status == CaseStatus.ACTIVE and case.case_id in facts.payments:
                found = scan.not_collected(case, facts.payments[case.case_id])
            elif case.status == CaseStatus.SUSPENDED:
                found = scan.suspension_over(case)
            else:
                found = None
            if found is not None:
                alerts.append(found)
        alerts.extend(a for a in map(scan.emergency_stay, facts.stays) if a is not None)
        alerts.extend(a for a in map(scan.insurance_card, facts.cards) if a is not None)
        alerts.extend(a for a in map(scan.reassessment, facts.assessments) if a is not None)
        alerts.extend(a for a in map(scan.dossier, facts.dossiers) if a is not None)
        alerts.extend(a for a in map(scan.document_follow_up, facts.documents) if a is not None)
        if (facts.back_pay or facts.back_pay_groups) and facts.next_list_month is not None:
            alerts.extend(
                scan.back_pay(facts.back_pay, facts.back_pay_groups, facts.next_list_month)
            )
        alerts.sort(key=lambda a: (a.due_date, a.kind.value, a.key))
        return alerts

    def claims(self, case: CaseFacts) -> tuple[CategoryClaim, ...]:
        key = (case.category, case.sub_case, case.other_categories)
        claims = self._claims.get(key)
        if claims is None:
            claims = self._claims[key] = (
                CategoryClaim(case.category, case.sub_case),
                *(CategoryClaim(code) for code in case.other_categories),
            )
        return claims

    def sensitive(self, categories: tuple[str, ...]) -> bool:
        known = self._sensitive.get(categories)
        if known is None:
            try:
                known = any(self.answers.category(code).sensitive for code in categories)
            except DomainError:
                known = False
            self._sensitive[categories] = known
        return known

    def settled(
        self, cases: Iterable[CaseFacts], province_code: str | None, today: dt.date
    ) -> list[bool]:
        """For each case: True when the engine pays its recorded coefficient both this month
        and next, so that no coefficient alert (`age_band`, `eligibility_end`,
        `coefficient_change`) can be found for it on `today`, whenever its terms took effect.

        The answer holds for every case with the same claims, recorded coefficient, facts
        its categories need (`categories_needing`), ages at the end of last month, this month
        and next, and no death or stay in a facility: one case answers for all of them. The
        household and a pension are not among those facts: they decide the social pension,
        which can change the amount paid but never the coefficient. Whatever the engine
        refuses is not settled, so that the rules report on it."""
        scan = _Scan(self, province_code, today)
        return [scan.settled(case) for case in cases]

    def categories_needing(self, fact: Fact) -> frozenset[str]:
        """The categories whose coefficient reads `fact`, as the engine declares them."""
        return frozenset(c.code for c in self.answers.engine.categories() if fact in c.needs)

    def decision_deadline(self, applied: dt.date) -> dt.date:
        deadline = self._deadlines.get(applied)
        if deadline is None:
            counted_from = max(applied, DECISION_RULE_FROM - dt.timedelta(days=1))
            deadline = self.calendar.add_working_days(counted_from, DECISION_WORKING_DAYS)
            self._deadlines[applied] = deadline
        return deadline


class _Scan:
    """One computation for one day."""

    def __init__(self, rules: AlertRules, province_code: str | None, today: dt.date) -> None:
        self.rules = rules
        self.province_code = province_code
        self.today = today
        self.m0 = _index(Month.of(today))
        self.m1 = self.m0 + 1
        self._dues: dict[CaseFacts, _Dues] = {}

    # ------------------------------------------------------------------ coefficients

    def settled(self, case: CaseFacts) -> bool:
        recorded = case.coefficient
        if recorded is None:
            return True
        at = self._asker(case)[0]
        for index in (self.m0, self.m1):
            answer = at(index)
            if answer is None or answer.total_coefficient != recorded:
                return False
        return True

    def _asker(
        self, case: CaseFacts
    ) -> tuple[Callable[[int], Allowance | None], _Key, tuple[int, int, int] | None]:
        """The engine's answer for the case in a month (by index), its situation without the
        month, and its assumed birth date."""
        claims = self.rules.claims(case)
        base: _Key = (
            claims,
            case.disability_level,
            case.children_count,
            case.studying,
            case.household_status,
            case.receives_pension,
            self.province_code,
        )
        birth = _assumed(case.birth_year, case.birth_month, case.birth_day)
        died = _index(Month.of(case.died_on)) if case.died_on else None
        admitted = _index(Month.of(case.admitted_on)) if case.admitted_on else None
        build = _FactsBuilder(case, claims, self.province_code)
        answers = self.rules.answers

        def at(index: int) -> Allowance | None:
            return answers.answer(
                base,
                index,
                birth,
                died is not None and index > died,
                admitted is not None and admitted <= index,
                build,
            )

        return at, base, birth

    def case_change(self, case: CaseFacts) -> Alert | None:
        recorded = case.coefficient
        if recorded is None or case.terms_from is None:
            return None
        decided = _index(case.terms_from)
        first = max(decided, self.m0)
        if first > self.m1:
            return None
        at, base, birth = self._asker(case)
        change = None
        for index in range(first, self.m1 + 1):
            answer = at(index)
            if answer is None:
                return None
            if answer.total_coefficient != recorded:
                change = index
                break
        if change is None:
            return None
        dated = change > decided
        if dated and change == self.m0:
            at_decision = at(decided)
            if at_decision is None or at_decision.total_coefficient != recorded:
                dated = False
            else:
                while change - 1 > decided:
                    earlier = at(change - 1)
                    if earlier is None or earlier.total_coefficient == recorded:
                        break
                    change -= 1
        new = at(change)
        before = at(change - 1) if dated else None
        assert new is not None
        old_amount = (
            before.monthly_amount
            if before is not None and before.total_coefficient == recorded
            else case.monthly_amount
        )
        sensitive = self.rules.sensitive((case.category, *case.other_categories))
        if new.total_coefficient == _ZERO:
            return self._eligibility_end(case, new, change, dated, birth, sensitive, base)
        month = _month(change) if dated else Month.of(self.today)
        birthday = (
            dated
            and birth is not None
            and age_at_end(birth, change) != age_at_end(birth, change - 1)
        )
        kind = AlertKind.AGE_BAND if birthday else AlertKind.COEFFICIENT_CHANGE
        category = new.chosen[0] if new.chosen else case.category
        reason = f"alerts.{kind.value}" + (".private" if sensitive else "")
        return Alert(
            kind=kind,
            key=f"{kind.value}:{case.case_id}:{month if dated else new.total_coefficient}",
            due_date=month.first_day() if dated else self.today,
            person_id=case.person_id,
            subject_ids=(case.case_id,),
            reason=reason,
            params=_params(
                category=None if sensitive else category,
                age=age_at_end(birth, change) if birthday and birth else None,
                month=_month_text(month),
                old=recorded,
                new=new.total_coefficient,
                old_amount=old_amount,
                new_amount=new.monthly_amount,
            ),
            actions=(Action(ActionCode.ADJUST, month=month),),
            old_coefficient=recorded,
            new_coefficient=new.total_coefficient,
            old_amount=old_amount,
            new_amount=new.monthly_amount,
            sensitive=sensitive,
        )

    def _eligibility_end(
        self,
        case: CaseFacts,
        new: Allowance,
        change: int,
        dated: bool,
        birth: tuple[int, int, int] | None,
        sensitive: bool,
        base: _Key,
    ) -> Alert:
        step = new.claims[0].step if new.claims else None
        cause = step.code.removeprefix("policy.reason.") if step else "other"
        reason, stop_reason = _END_REASONS.get(cause, ("other", StopReason.NOT_ELIGIBLE))
        if dated:
            stop = _month(change)
            last_paid = stop.add(-1)
            natural: dt.date | None = None
            if cause == "deceased":
                natural = case.died_on
            elif cause == "age_over_limit" and birth is not None and birth[1] == last_paid.month:
                # The birthday reaching the limit: the last month paid is its month.
                natural = dt.date(
                    last_paid.year, last_paid.month, min(birth[2], last_paid.last_day().day)
                )
            if natural is None or Month.of(natural) != last_paid:
                natural = last_paid.last_day()
            # The stop month depends only on the event's month, and the service refuses an
            # event in the future: today is in the last month paid whenever this is shown.
            event = min(natural, self.today)
            due = stop.first_day()
        else:
            event = self.today
            stop = Month.of(event).next()
            due = self.today
        actions = [Action(ActionCode.STOP, month=stop, event_date=event, reason=stop_reason)]
        student = None
        if cause == "age_over_limit" and case.category == "K1" and case.studying:
            # A K1 child still in education at 16 is K2 from the month K1 ends (Art. 5.2).
            student = self.rules.answers.answer(
                ((CategoryClaim(STUDENT_CATEGORY),), *base[1:]),
                change,
                birth,
                False,
                False,
                _FactsBuilder(case, (CategoryClaim(STUDENT_CATEGORY),), self.province_code),
            )
            if student is not None and student.total_coefficient > _ZERO:
                actions.insert(0, Action(ActionCode.ADJUST, month=stop, category=STUDENT_CATEGORY))
                reason = "age_limit_studying"
            else:
                student = None
        died = case.died_on
        return Alert(
            kind=AlertKind.ELIGIBILITY_END,
            key=f"eligibility_end:{case.case_id}:{stop if dated else cause}",
            due_date=due,
            person_id=case.person_id,
            subject_ids=(case.case_id,),
            reason="alerts.eligibility_end." + ("private" if sensitive else reason),
            params=_params(
                category=None if sensitive else case.category,
                limit=step.params.get("limit") if step and not sensitive else None,
                last_month=_month_text(stop.add(-1)),
                stop_month=_month_text(stop),
                died=_date_text(died) if died else None,
                new_category=STUDENT_CATEGORY if student else None,
                new=student.total_coefficient if student else None,
                new_amount=student.monthly_amount if student else None,
            ),
            actions=tuple(actions),
            old_coefficient=case.coefficient,
            new_coefficient=student.total_coefficient if student else _ZERO,
            old_amount=case.monthly_amount,
            new_amount=student.monthly_amount if student else 0,
            sensitive=sensitive,
        )

    # ------------------------------------------------------------------ payment and status

    def not_collected(self, case: CaseFacts, lines: Sequence[PaymentFacts]) -> Alert | None:
        ordered = sorted(lines, key=lambda line: line.month)
        paid = [i for i, line in enumerate(ordered) if line.status == PaymentStatus.PAID]
        run: list[Month] = []
        for line in ordered[paid[-1] + 1 if paid else 0 :]:
            if line.status != PaymentStatus.NOT_COLLECTED:
                continue
            if run and run[-1].next() != line.month:
                run = []
            run.append(line.month)
            if len(run) == NOT_COLLECTED_MONTHS:
                break
        if len(run) < NOT_COLLECTED_MONTHS:
            return None
        suspend_from = run[-1].next()
        return Alert(
            kind=AlertKind.NOT_COLLECTED,
            key=f"not_collected:{case.case_id}:{run[-1]}",
            due_date=suspend_from.first_day(),
            person_id=case.person_id,
            subject_ids=(case.case_id,),
            reason="alerts.not_collected",
            params=_params(
                months=NOT_COLLECTED_MONTHS,
                first=_month_text(run[0]),
                last=_month_text(run[-1]),
                suspend_from=_month_text(suspend_from),
            ),
            actions=(
                Action(ActionCode.SUSPEND, month=suspend_from, reason=StopReason.NOT_COLLECTED),
            ),
        )

    def suspension_over(self, case: CaseFacts) -> Alert | None:
        since = case.suspended_from
        if since is None:
            return None
        stop = since.add(SUSPENSION_MONTHS)
        last = stop.add(-1)
        if self.today < last.first_day():
            return None
        return Alert(
            kind=AlertKind.SUSPENSION_OVER,
            key=f"suspension_over:{case.case_id}:{since}",
            due_date=stop.first_day(),
            person_id=case.person_id,
            subject_ids=(case.case_id,),
            reason="alerts.suspension_over",
            params=_params(
                since=_month_text(since), months=SUSPENSION_MONTHS, stop_month=_month_text(stop)
            ),
            actions=(
                Action(
                    ActionCode.STOP,
                    month=stop,
                    event_date=min(last.last_day(), self.today),
                    reason=StopReason.SUSPENDED_TOO_LONG,
                ),
            ),
        )

    # ------------------------------------------------------------------ dated records

    def emergency_stay(self, stay: StayFacts) -> Alert | None:
        notice = dt.timedelta(days=self.rules.emergency_notice_days)
        if self.today < stay.deadline - notice:
            return None
        overdue = self.today > stay.deadline
        return Alert(
            kind=AlertKind.EMERGENCY_STAY,
            key=f"emergency_stay:{stay.residency_id}",
            due_date=stay.deadline,
            person_id=stay.person_id,
            subject_ids=(stay.residency_id,),
            reason="alerts.emergency_stay." + ("overdue" if overdue else "due"),
            params=_params(
                admitted=_date_text(stay.admitted_on), deadline=_date_text(stay.deadline)
            ),
            actions=(
                Action(ActionCode.EXTEND_STAY),
                Action(ActionCode.DISCHARGE, event_date=self.today),
            ),
        )

    def insurance_card(self, card: CardFacts) -> Alert | None:
        if self.today < card.valid_to - dt.timedelta(days=CARD_NOTICE_DAYS):
            return None
        renewal = card.valid_to + dt.timedelta(days=1)
        try:
            renewal_end = renewal.replace(year=renewal.year + 1) - dt.timedelta(days=1)
        except ValueError:  # from 29 February
            renewal_end = dt.date(renewal.year + 1, 2, 28)
        expired = self.today > card.valid_to
        return Alert(
            kind=AlertKind.INSURANCE_CARD,
            key=f"insurance_card:{card.card_id}:{card.valid_to.isoformat()}",
            due_date=card.valid_to,
            person_id=card.person_id,
            subject_ids=(card.card_id,),
            reason="alerts.insurance_card." + ("expired" if expired else "expiring"),
            params=_params(card=card.card_number, valid_to=_date_text(card.valid_to)),
            actions=(Action(ActionCode.RENEW_CARD, valid_from=renewal, valid_to=renewal_end),),
        )

    def reassessment(self, assessment: AssessmentFacts) -> Alert | None:
        due = assessment.reassessment_due
        if self.today < due - dt.timedelta(days=REASSESSMENT_NOTICE_DAYS):
            return None
        return Alert(
            kind=AlertKind.REASSESSMENT,
            key=f"reassessment:{assessment.assessment_id}:{due.isoformat()}",
            due_date=due,
            person_id=assessment.person_id,
            subject_ids=(assessment.assessment_id,),
            reason="alerts.reassessment",
            params=_params(due=_date_text(due)),
            actions=(Action(ActionCode.REVIEW),),
        )

    def dossier(self, dossier: DossierFacts) -> Alert | None:
        deadline = self.rules.decision_deadline(dossier.application_date)
        if self.today < deadline:
            return None
        sensitive = self.rules.sensitive((dossier.category,))
        return Alert(
            kind=AlertKind.DOSSIER_OVERDUE,
            key=f"dossier_overdue:{dossier.case_id}",
            due_date=deadline,
            person_id=dossier.person_id,
            subject_ids=(dossier.case_id,),
            reason="alerts.dossier_overdue" + (".private" if sensitive else ""),
            params=_params(
                category=None if sensitive else dossier.category,
                applied=_date_text(dossier.application_date),
                deadline=_date_text(deadline),
                days=DECISION_WORKING_DAYS,
            ),
            actions=(Action(ActionCode.DECIDE), Action(ActionCode.REVIEW)),
            sensitive=sensitive,
        )

    def document_follow_up(self, document: DocumentFacts) -> Alert | None:
        if self.today < document.due - dt.timedelta(days=DOCUMENT_NOTICE_DAYS):
            return None
        sensitive = self.rules.sensitive((document.category,))
        # The note is the officer's own words and may name the category: kept off the list
        # for a protected one, like the category itself.
        return Alert(
            kind=AlertKind.DOCUMENT_FOLLOW_UP,
            key=f"document_follow_up:{document.case_id}:{document.due.isoformat()}",
            due_date=document.due,
            person_id=document.person_id,
            subject_ids=(document.case_id,),
            reason="alerts.document_follow_up" + (".private" if sensitive else ""),
            params=_params(due=_date_text(document.due), note=None if sensitive else document.note),
            actions=(Action(ActionCode.REVIEW), Action(ActionCode.CLEAR_DOCUMENTS)),
            sensitive=sensitive,
        )

    def back_pay(
        self, cases: Sequence[BackPayFacts], alike: Sequence[BackPayGroup], list_month: Month
    ) -> list[Alert]:
        owed_at: dict[int, _Owed] = {}  # by the level now due in the first month lagging
        for owed in cases:
            if self.today < owed.lagging_from.first_day():
                continue
            terms = CaseTerms(
                case_id=owed.case.case_id,
                facts=person_facts(owed.case, self.province_code, list_month),
                start_month=owed.case.start_month or owed.lagging_from,
                stop_month=owed.case.stop_month,
                pauses=owed.pauses,
                owed_from_start=owed.decided_here,
            )
            try:
                line = payment_line(
                    self.rules.answers, terms, list_month, owed.history, BACK_PAY_MONTHS
                )
            except DomainError:
                continue
            if line is not None and line.back_pay_amount > 0:
                members = owed_at.setdefault(owed.level, _Owed())
                members.add(
                    (owed.case.case_id,),
                    owed.lagging_from,
                    owed.lagging_to,
                    owed.paid_level,
                    line.back_pay_amount,
                )
        for group in alike:
            each = self._alike_back_pay(group, list_month)
            if each:
                due = self.rules.answers.standard_level(group.lagging_from, self.province_code)
                members = owed_at.setdefault(due.amount, _Owed())
                members.add(
                    group.case_ids, group.lagging_from, group.lagging_to, group.paid_level, each
                )
        alerts = []
        for level, members in sorted(owed_at.items()):
            assert members.first is not None and members.last is not None
            alerts.append(
                Alert(
                    kind=AlertKind.BACK_PAY,
                    key=f"back_pay:{level}",
                    due_date=members.first.first_day(),
                    person_id=None,
                    subject_ids=tuple(sorted(members.case_ids)),
                    reason="alerts.back_pay",
                    params=_params(
                        level=level,
                        old_level=members.paid_level,
                        first=_month_text(members.first),
                        last=_month_text(members.last),
                        cases=len(members.case_ids),
                        amount=members.amount,
                        list_month=_month_text(list_month),
                    ),
                    actions=(Action(ActionCode.FINALISE_PAYMENTS, month=list_month),),
                    new_amount=members.amount,
                )
            )
        return alerts

    def _alike_back_pay(self, group: BackPayGroup, list_month: Month) -> int:
        """What `payment_line` gives each case of the group as back pay: the engine's amount
        for each month unpaid, and its amount less the amount paid for each month lagging
        where it is more; 0 when the group is not shown yet, or when the engine refuses the
        facts for one of those months or the list's (as `payment_line` would)."""
        if self.today < group.lagging_from.first_day():
            return 0
        due = self._dues.get(group.sample)
        if due is None:
            due = self._dues[group.sample] = _Dues(self._asker(group.sample)[0], _index(list_month))
        if group.paid_now and due.refused(_index(list_month)):
            return 0
        owed = 0
        if group.unpaid_from is not None and group.unpaid_to is not None:
            unpaid = due.total(_index(group.unpaid_from), _index(group.unpaid_to))
            if unpaid is None:
                return 0
            owed += unpaid
        for index in range(_index(group.lagging_from), _index(group.lagging_to) + 1):
            amount = due.amount(index)
            if amount is None:
                return 0
            owed += max(0, amount - group.amount)
        return owed


class _Owed:
    """The cases owed back pay at one level: what its alert says of them together."""

    __slots__ = ("amount", "case_ids", "first", "last", "paid_level")

    def __init__(self) -> None:
        self.case_ids: list[str] = []
        self.first: Month | None = None
        self.last: Month | None = None
        self.paid_level = 0
        self.amount = 0

    def add(
        self, case_ids: Sequence[str], first: Month, last: Month, paid_level: int, each: int
    ) -> None:
        self.paid_level = min(self.paid_level, paid_level) if self.case_ids else paid_level
        self.case_ids.extend(case_ids)
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)
        self.amount += each * len(case_ids)


class _Dues:
    """A situation's monthly amounts, each month asked of the engine once, with running
    totals back from the list month: groups in the same situation differ only in their
    months, and a case decided here years before its first list is owed every one of them.
    The samples have no stay, so the answers do not depend on one (`payment_line` sees the
    facts as at the list month)."""

    __slots__ = ("at", "known", "since")

    def __init__(self, at: Callable[[int], Allowance | None], list_index: int) -> None:
        self.at = at
        # month index -> (amount or None when refused, total from there to the list month,
        # months refused from there to the list month)
        self.known: dict[int, tuple[int | None, int, int]] = {list_index + 1: (0, 0, 0)}
        self.since = list_index + 1

    def _back_to(self, index: int) -> None:
        while self.since > index:
            month = self.since - 1
            answer = self.at(month)
            _, total, refused = self.known[self.since]
            if answer is None:
                self.known[month] = (None, total, refused + 1)
            else:
                self.known[month] = (answer.monthly_amount, total + answer.monthly_amount, refused)
            self.since = month

    def amount(self, index: int) -> int | None:
        self._back_to(index)
        return self.known[index][0]

    def refused(self, index: int) -> bool:
        return self.amount(index) is None

    def total(self, first: int, last: int) -> int | None:
        """The sum over [first, last], None when the engine refused one of them."""
        self._back_to(first)
        _, from_first, refused_first = self.known[first]
        _, after_last, refused_after = self.known[last + 1]
        if refused_first != refused_after:
            return None
        return from_first - after_last


# engine reason (policy.reason.*) → (alert reason, stop reason)
_END_REASONS: dict[str, tuple[str, StopReason]] = {
    "age_over_limit": ("age_limit", StopReason.AGE_LIMIT),
    "not_studying": ("not_studying", StopReason.NOT_STUDYING),
    "deceased": ("deceased", StopReason.DEATH),
    "in_facility": ("in_facility", StopReason.IN_FACILITY),
    "moved_to_social_pension": ("closed", StopReason.CATEGORY_CLOSED),
}
