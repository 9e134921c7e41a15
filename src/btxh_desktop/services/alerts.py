"""Việc cần làm: the alerts of `domain.alerts` for this site, and the officer's triage of them.

`compute(today)` reads what the rules need with a few set-based queries of plain columns (no
ORM object per row, no query per person; `bench/bench_alerts.py` measures a province of
200,000 beneficiaries against a plain SELECT of the same rows) and returns the alerts with the
names to show, read only for the people concerned. Most cases never reach Python: one pass
in SQL collects the distinct situations of the active cases, the rules vouch for each
situation once (`AlertRules.settled`), and only the cases they cannot vouch for are read in
full; dated records are read within `ScanBounds`. Acting on an alert is a call of the
ordinary service it names (`Action.code`), so the change is audited and synced like any
other, and the alert disappears on the next scan because the facts changed.

"Done" and "snoozed" (with a reason) are kept in `alert_acks`, a local table that never syncs:
see `storage.models.AlertAck` for why.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlalchemy import Integer, String, and_, case, exists, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from btxh_desktop.domain.alerts import (
    BACK_PAY_MONTHS,
    NOT_COLLECTED_MONTHS,
    Alert,
    AlertFacts,
    AlertRules,
    AssessmentFacts,
    BackPayFacts,
    BackPayGroup,
    CardFacts,
    CaseFacts,
    DocumentFacts,
    DossierFacts,
    PaymentFacts,
    ScanBounds,
    StayFacts,
    scan_bounds,
)
from btxh_desktop.domain.codes import (
    AdmissionType,
    CaseChangeKind,
    CaseStatus,
    DisabilityLevel,
    HouseholdStatus,
    PaymentStatus,
    SchoolStatus,
)
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.payments import PaidMonth, Pause
from btxh_desktop.domain.policy import Fact
from btxh_desktop.domain.workdays import WorkCalendar
from btxh_desktop.services.allowance import PENSION_INCOME_KINDS
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.facility import EMERGENCY_WARNING_DAYS, emergency_deadline
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage.models import (
    AlertAck,
    AllowanceCase,
    AllowanceChange,
    DisabilityAssessment,
    Facility,
    HealthInsuranceCard,
    HouseholdStatusRecord,
    OtherIncome,
    Payment,
    Person,
    Residency,
    Site,
    utcnow,
)

SERVED_STATUSES = (CaseStatus.APPLIED.value, CaseStatus.ACTIVE.value, CaseStatus.SUSPENDED.value)
# The cases the rules of `AlertRules.compute` look at (dossiers awaiting a decision aside).
CASE_STATUSES = (CaseStatus.ACTIVE.value, CaseStatus.SUSPENDED.value)
# The cases a payment list carries (AllowanceService._compute_lines): back pay reaches them too.
PAID_STATUSES = (
    CaseStatus.ACTIVE.value,
    CaseStatus.SUSPENDED.value,
    CaseStatus.STOPPED.value,
    CaseStatus.MOVED.value,
)
TERMS_KINDS = (CaseChangeKind.DECIDE.value, CaseChangeKind.ADJUST.value)


class AckState(StrEnum):
    DONE = "done"
    SNOOZED = "snoozed"


@dataclass(frozen=True)
class Ack:
    state: AckState
    until: dt.date | None
    reason: str
    username: str
    at: dt.datetime


@dataclass(frozen=True)
class AlertRow:
    """An alert with what a list shows beside it."""

    alert: Alert
    person_code: str
    full_name: str
    commune_code: str | None
    facility_name: str | None
    ack: Ack | None  # only in a list asked to include the alerts done or snoozed

    def hidden_on(self, today: dt.date) -> bool:
        return _hidden(self.ack, today)


def _hidden(ack: Ack | None, today: dt.date) -> bool:
    if ack is None:
        return False
    return ack.state == AckState.DONE or (ack.until is not None and today < ack.until)


@dataclass
class _Who:
    code: str
    name: str
    commune: str | None
    facility: str | None = None


class _Parsed:
    """Text values as SQLite stores them, parsed once per distinct value: months, decimals
    and JSON lists repeat across 200,000 rows, and their column types parse each row anew."""

    def __init__(self) -> None:
        self._months: dict[str, Month] = {}
        self._decimals: dict[str, Decimal] = {}
        self._lists: dict[str, tuple[str, ...]] = {}
        self._dates: dict[str, dt.date] = {}

    def month(self, text: str | None) -> Month | None:
        if text is None:
            return None
        value = self._months.get(text)
        if value is None:
            value = self._months[text] = Month.parse(text)
        return value

    def decimal(self, text: str | None) -> Decimal | None:
        if text is None:
            return None
        value = self._decimals.get(text)
        if value is None:
            value = self._decimals[text] = Decimal(text)
        return value

    def codes(self, text: str | None) -> tuple[str, ...]:
        if not text:
            return ()
        value = self._lists.get(text)
        if value is None:
            value = self._lists[text] = tuple(json.loads(text))
        return value

    def date(self, text: str | None) -> dt.date | None:
        if text is None:
            return None
        value = self._dates.get(text)
        if value is None:
            value = self._dates[text] = dt.date.fromisoformat(text[:10])
        return value


class _CollectorPause:
    """Python's cycle collector paused for the length of a scan.

    A scan at 200,000 people keeps a few hundred thousand objects (rows, facts, alerts)
    alive until it returns, none of them in a cycle; meanwhile the collector walks the whole
    heap several times over for nothing, a fifth of the scan. Scans may overlap (the GUI runs
    them off the main thread), so the last one out resumes it, and only if it was running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scans = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._scans == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._scans += 1

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._scans -= 1
            if self._scans == 0 and self._resume:
                gc.enable()


_COLLECTOR_PAUSE = _CollectorPause()


def _raw(column: Any) -> Any:
    """The column as stored (text), skipping its type's per-row conversion."""
    return type_coerce(column, String)


class AlertsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._rules: AlertRules | None = None

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar.load()

    def rules(self) -> AlertRules:
        """Rebuilt when the policy engine is replaced (new legal figures), so shared answers
        never outlive the figures they came from."""
        engine = self.ctx.policy
        if self._rules is None or self._rules.answers.engine is not engine:
            self._rules = AlertRules(engine, self.calendar, EMERGENCY_WARNING_DAYS)
        return self._rules

    # ------------------------------------------------------------------ reading

    def compute(self, today: dt.date | None = None, include_hidden: bool = False) -> list[AlertRow]:
        """The alerts for `today` (the context's today by default), soonest due first; those
        marked done or snoozed are left out unless `include_hidden`."""
        require(self.ctx.actor, Permission.VIEW)
        day = today or self.ctx.today()
        rules = self.rules()
        with _COLLECTOR_PAUSE, self.ctx.read() as session:
            facts, stays, site_code = _read_facts(session, day, rules)
            alerts = rules.compute(facts, day)
            who = _names(session, {a.person_id for a in alerts if a.person_id}, stays)
            acks = _acks(session)
            rows = []
            for alert in alerts:
                ack = acks.get(alert.key)
                if not include_hidden and _hidden(ack, day):
                    continue
                person = who.get(alert.person_id) if alert.person_id else None
                rows.append(
                    AlertRow(
                        alert=alert,
                        person_code=person.code if person else "",
                        full_name=person.name if person else "",
                        commune_code=person.commune if person else site_code,
                        facility_name=person.facility if person else None,
                        ack=ack if include_hidden else None,
                    )
                )
        return rows

    # ------------------------------------------------------------------ triage

    def mark_done(self, alert: Alert, reason: str) -> None:
        self._acknowledge(alert, AckState.DONE, reason, None)

    def snooze(self, alert: Alert, until: dt.date, reason: str) -> None:
        if until <= self.ctx.today():
            raise ValidationFailed({"until": "alerts.snooze_not_future"})
        self._acknowledge(alert, AckState.SNOOZED, reason, until)

    def reopen(self, key: str) -> None:
        """Show an alert marked done or snoozed again."""
        require(self.ctx.actor, Permission.VIEW)
        with self.ctx.unit_of_work_unbound() as session:
            row = session.get(AlertAck, key)
            if row is not None:
                session.delete(row)

    def _acknowledge(
        self, alert: Alert, state: AckState, reason: str, until: dt.date | None
    ) -> None:
        require(self.ctx.actor, Permission.VIEW)
        if not reason.strip():
            raise ValidationFailed({"reason": "field.required"})
        with self.ctx.unit_of_work_unbound() as session:
            row = session.get(AlertAck, alert.key)
            if row is None:
                row = AlertAck(key=alert.key, kind=alert.kind.value, person_id=alert.person_id)
                session.add(row)
            row.state = state.value
            row.until = until
            row.reason = reason.strip()
            row.username = self.ctx.actor.username
            row.created_at = utcnow()


def _acks(session: Session) -> dict[str, Ack]:
    return {
        row.key: Ack(AckState(row.state), row.until, row.reason, row.username, row.created_at)
        for row in session.scalars(select(AlertAck))
    }


# ---------------------------------------------------------------------------- the facts


def _read_facts(
    session: Session, today: dt.date, rules: AlertRules
) -> tuple[AlertFacts, dict[str, tuple[dt.date, str]], str]:
    parsed = _Parsed()
    site = session.scalar(select(Site))
    if site is None:
        raise DomainError("site.not_initialised")
    province = site.province_code
    bounds = scan_bounds(today)
    stays, emergencies = _stays(session, parsed)
    lines = _not_collected(session, parsed)
    candidates = _candidates(session, today, rules, province, parsed, stays, lines)
    cases = [
        _case(row, parsed, stays)
        for row in _case_rows(session, today, sorted(candidates))
        if row.status in CASE_STATUSES
    ]
    next_list, back_pay, back_pay_groups = _back_pay(session, today, rules, province, parsed, stays)
    facts = AlertFacts(
        province_code=province,
        cases=cases,
        payments=lines,
        stays=emergencies,
        cards=_cards(session, bounds, parsed, stays),
        assessments=_assessments(session, bounds, parsed, stays),
        dossiers=_dossiers(session, bounds, parsed),
        documents=_documents(session, bounds, parsed),
        back_pay=back_pay,
        back_pay_groups=back_pay_groups,
        next_list_month=next_list,
    )
    return facts, stays, site.site_code


def _candidates(
    session: Session,
    today: dt.date,
    rules: AlertRules,
    province: str | None,
    parsed: _Parsed,
    stays: dict[str, tuple[dt.date, str]],
    not_collected: dict[str, list[PaymentFacts]],
) -> set[str]:
    """The active and suspended cases that can give an alert today. Any other case is
    settled (`AlertRules.settled`) and has fewer lines not collected than a suspension
    needs. The distinct situations of the active cases come from one pass over them, each
    is asked once, and only the members of the unsettled ones are looked up (by birth
    year). A death or a stay changes the answer month by month, so those cases are never
    vouched for, nor the suspended ones (their suspension can be due)."""
    situation = _situation(rules)
    # DISTINCT keeps a small tree of the situations seen; GROUP BY would sort every case.
    # `|| ''` keeps SQLite off the status index: nearly every case is active, and reading
    # the table through the index costs a fifth more than reading it in order.
    keys = (
        session.connection()
        .execute(
            select(*situation)
            .distinct()
            .join(Person, Person.id == AllowanceCase.person_id)
            .where(
                AllowanceCase.deleted_at.is_(None),
                Person.deleted_at.is_(None),
                AllowanceCase.status + "" == CaseStatus.ACTIVE.value,
            )
        )
        .all()
    )
    samples = [_sample(key, parsed) for key in keys]
    open_keys = [
        key
        for key, settled in zip(keys, rules.settled(samples, province, today), strict=True)
        if key.died or not settled
    ]
    found = set(not_collected)
    found.update(_members(session, situation, open_keys))
    found.update(
        session.scalars(
            select(AllowanceCase.id).where(
                AllowanceCase.deleted_at.is_(None),
                AllowanceCase.status == CaseStatus.SUSPENDED.value,
            )
        )
    )
    for chunk in _chunks(sorted(stays)):
        found.update(
            session.scalars(
                select(AllowanceCase.id).where(
                    AllowanceCase.person_id.in_(chunk),
                    AllowanceCase.deleted_at.is_(None),
                    AllowanceCase.status.in_(CASE_STATUSES),
                )
            )
        )
    return found


def _members(session: Session, situation: tuple[Any, ...], keys: Sequence[Any]) -> Iterable[str]:
    """The active cases in these situations, found through their people's birth year
    (ix_people_birth_year) rather than another pass over every case."""
    wanted = {tuple(key) for key in keys}
    births = {(key.year, key.month) for key in keys}
    years = sorted({year for year, _ in births if year is not None})
    members = (
        select(AllowanceCase.id, AllowanceCase.status, *situation)
        .select_from(Person)
        .join(AllowanceCase, AllowanceCase.person_id == Person.id)
        .where(AllowanceCase.deleted_at.is_(None), Person.deleted_at.is_(None))
    )
    queries = []
    if years:
        month_of_birth = Person.birth_year * 100 + func.coalesce(Person.birth_month, 0)
        months = sorted({y * 100 + (m or 0) for y, m in births if y is not None})
        # The month is checked before the join: only the people born in a month that
        # matters meet their cases (and their disability assessments).
        queries.append(members.where(Person.birth_year.in_(years), month_of_birth.in_(months)))
    if any(year is None for year, _ in births):
        queries.append(members.where(Person.birth_year.is_(None)))
    for query in queries:
        for row in session.connection().execute(query):
            if row.status == CaseStatus.ACTIVE and tuple(row)[2:] in wanted:
                yield row.id


def _situation(rules: AlertRules) -> tuple[Any, ...]:
    """What a case's coefficient can depend on besides the month (`AlertRules.settled`),
    as columns of the case and its person."""
    others = _raw(AllowanceCase.other_categories)
    needs_level = AllowanceCase.category.in_(
        sorted(rules.categories_needing(Fact.DISABILITY_LEVEL))
    ) | (func.coalesce(others, "[]") != "[]")
    return (
        Person.birth_year.label("year"),
        Person.birth_month.label("month"),
        _raw(AllowanceCase.coefficient).label("coefficient"),
        AllowanceCase.category.label("category"),
        Person.school_status.label("school"),
        AllowanceCase.children_count.label("children"),
        AllowanceCase.sub_case.label("sub_case"),
        others.label("others"),
        # Read only where a category needs it: a lookup per person is a third of the pass.
        case(
            (needs_level, _latest_assessment(AllowanceCase.person_id, DisabilityAssessment.level)),
            else_=None,
        ).label("level"),
        # A birthday on 29 February is the only day that moves the age at the end of a
        # month (`age_at_end`); any other day ages like the 1st.
        and_(Person.birth_month == 2, Person.birth_day == 29).label("leapling"),
        Person.death_date.is_not(None).label("died"),
    )


def _sample(group: Any, parsed: _Parsed) -> CaseFacts:
    """A case standing for its group: what the group shares, nothing else (`settled`
    holds for all of them alike)."""
    return CaseFacts(
        case_id="",
        person_id="",
        category=group.category,
        sub_case=group.sub_case,
        other_categories=parsed.codes(group.others),
        status=CaseStatus.ACTIVE,
        coefficient=parsed.decimal(group.coefficient),
        monthly_amount=None,
        terms_from=None,
        start_month=None,
        stop_month=None,
        suspended_from=None,
        children_count=group.children,
        birth_year=group.year,
        birth_month=group.month,
        birth_day=29 if group.leapling else None,
        studying=group.school == SchoolStatus.STUDYING,
        died_on=None,
        disability_level=DisabilityLevel(group.level) if group.level else None,
        household_status=None,
        receives_pension=False,
        admitted_on=None,
    )


def _names(
    session: Session, person_ids: set[str], stays: dict[str, tuple[dt.date, str]]
) -> dict[str, _Who]:
    """Names only for the people an alert is about: a few percent of those scanned."""
    who: dict[str, _Who] = {}
    for chunk in _chunks(sorted(person_ids)):
        for person_id, code, name, commune in session.connection().execute(
            select(Person.id, Person.code, Person.full_name, Person.commune_code).where(
                Person.id.in_(chunk)
            )
        ):
            stay = stays.get(person_id)
            who[person_id] = _Who(code, name, commune, stay[1] if stay else None)
    return who


# What the engine needs beyond the case's and the person's own rows, as subqueries correlated
# to the outer query: an index lookup per row, for the few thousand rows a scan reads.


def _latest_assessment(person_id: Any, column: Any) -> Any:
    latest = aliased(DisabilityAssessment)
    return (
        select(getattr(latest, column.key))
        .where(latest.person_id == person_id, latest.deleted_at.is_(None))
        .order_by(latest.assessed_on.desc(), latest.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _household(person_id: Any, today: dt.date) -> Any:
    return (
        select(HouseholdStatusRecord.status)
        .where(
            HouseholdStatusRecord.person_id == person_id,
            HouseholdStatusRecord.deleted_at.is_(None),
            HouseholdStatusRecord.valid_from <= today,
            HouseholdStatusRecord.valid_to.is_(None) | (HouseholdStatusRecord.valid_to >= today),
        )
        .order_by(HouseholdStatusRecord.valid_from.desc())
        .limit(1)
        .scalar_subquery()
    )


def _pension(person_id: Any) -> Any:
    return exists().where(
        OtherIncome.person_id == person_id,
        OtherIncome.deleted_at.is_(None),
        OtherIncome.kind.in_(sorted(PENSION_INCOME_KINDS)),
    )


def _latest_change(case_id: Any, kinds: Sequence[str]) -> Any:
    change = aliased(AllowanceChange)
    return (
        select(_raw(change.effective_month))
        .where(change.case_id == case_id, change.deleted_at.is_(None), change.kind.in_(kinds))
        .order_by(change.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _served(person_id: Any) -> Any:
    """The person has a case being served; callers also count the people in a facility."""
    return exists().where(
        AllowanceCase.person_id == person_id,
        AllowanceCase.deleted_at.is_(None),
        AllowanceCase.status.in_(SERVED_STATUSES),
    )


def _case_rows(session: Session, today: dt.date, case_ids: Sequence[str]) -> Iterable[Any]:
    """The cases by id, with what the engine needs about their people. The caller checks
    the status: in SQL, the status index would lead SQLite to scan every active case."""
    for chunk in _chunks(case_ids):
        yield from session.connection().execute(_case_query(today, chunk))


def _case_query(today: dt.date, case_ids: Sequence[str]) -> Any:
    return (
        select(
            AllowanceCase.id,
            AllowanceCase.person_id,
            AllowanceCase.category,
            AllowanceCase.sub_case,
            _raw(AllowanceCase.other_categories),
            AllowanceCase.status,
            _raw(AllowanceCase.coefficient),
            AllowanceCase.monthly_amount,
            _raw(AllowanceCase.start_month),
            _raw(AllowanceCase.stop_month),
            AllowanceCase.children_count,
            Person.birth_year,
            Person.birth_month,
            Person.birth_day,
            Person.school_status,
            _raw(Person.death_date),
            _latest_change(AllowanceCase.id, TERMS_KINDS),
            _latest_change(AllowanceCase.id, (CaseChangeKind.SUSPEND.value,)),
            _latest_assessment(AllowanceCase.person_id, DisabilityAssessment.level),
            _household(AllowanceCase.person_id, today),
            _pension(AllowanceCase.person_id),
        )
        .join(Person, Person.id == AllowanceCase.person_id)
        .where(
            AllowanceCase.id.in_(list(case_ids)),
            AllowanceCase.deleted_at.is_(None),
            Person.deleted_at.is_(None),
        )
    )


def _case(row: Any, parsed: _Parsed, stays: dict[str, tuple[dt.date, str]]) -> CaseFacts:
    (
        case_id,
        person_id,
        category,
        sub_case,
        others,
        status_text,
        coefficient,
        monthly_amount,
        start_month,
        stop_month,
        children_count,
        birth_year,
        birth_month,
        birth_day,
        school_status,
        death_date,
        terms_from,
        suspended_from,
        level,
        household,
        pension,
    ) = row
    stay = stays.get(person_id)
    status = CaseStatus(status_text)
    return CaseFacts(
        case_id,
        person_id,
        category,
        sub_case,
        parsed.codes(others),
        status,
        parsed.decimal(coefficient),
        monthly_amount,
        parsed.month(terms_from),
        parsed.month(start_month),
        parsed.month(stop_month),
        parsed.month(suspended_from) if status == CaseStatus.SUSPENDED else None,
        children_count,
        birth_year,
        birth_month,
        birth_day,
        school_status == SchoolStatus.STUDYING,
        parsed.date(death_date),
        DisabilityLevel(level) if level else None,
        HouseholdStatus(household) if household else None,
        bool(pension),
        stay[0] if stay else None,
    )


def _stays(
    session: Session, parsed: _Parsed
) -> tuple[dict[str, tuple[dt.date, str]], list[StayFacts]]:
    """Open stays by person (admission date, facility name), and the emergency ones."""
    by_person: dict[str, tuple[dt.date, str]] = {}
    emergencies: list[StayFacts] = []
    for row in session.execute(
        select(
            Residency.id,
            Residency.person_id,
            Residency.admission_type,
            _raw(Residency.admitted_on).label("admitted_on"),
            Facility.name,
        )
        .join(Facility, Facility.id == Residency.facility_id)
        .join(Person, Person.id == Residency.person_id)
        .where(
            Residency.deleted_at.is_(None),
            Residency.discharged_on.is_(None),
            Person.deleted_at.is_(None),
        )
    ):
        admitted = parsed.date(row.admitted_on)
        assert admitted is not None
        by_person[row.person_id] = (admitted, row.name)
        if row.admission_type == AdmissionType.EMERGENCY:
            emergencies.append(
                StayFacts(row.id, row.person_id, admitted, emergency_deadline(admitted))
            )
    return by_person, emergencies


def _not_collected(session: Session, parsed: _Parsed) -> dict[str, list[PaymentFacts]]:
    """Every line of the cases with enough lines not collected for a suspension (found on
    ix_payments_not_collected; their lines on the case's own index)."""
    flagged = list(
        session.scalars(
            select(Payment.case_id)
            .where(
                Payment.status == PaymentStatus.NOT_COLLECTED.value,
                Payment.deleted_at.is_(None),
            )
            .group_by(Payment.case_id)
            .having(func.count() >= NOT_COLLECTED_MONTHS)
        )
    )
    lines: dict[str, list[PaymentFacts]] = defaultdict(list)
    for chunk in _chunks(sorted(flagged)):
        for case_id, month, status in session.execute(
            select(Payment.case_id, _raw(Payment.month), Payment.status).where(
                Payment.case_id.in_(chunk), Payment.deleted_at.is_(None)
            )
        ):
            paid_month = parsed.month(month)
            assert paid_month is not None
            lines[case_id].append(PaymentFacts(paid_month, PaymentStatus(status)))
    return lines


def _cards(
    session: Session, bounds: ScanBounds, parsed: _Parsed, stays: dict[str, tuple[dt.date, str]]
) -> list[CardFacts]:
    """Each served person's card that ends last, when it ends within the notice period; a
    card with no end date means the person is covered."""
    last = func.max(_raw(HealthInsuranceCard.valid_to))
    open_ended = func.count() - func.count(HealthInsuranceCard.valid_to)
    ending = (
        select(
            HealthInsuranceCard.id,
            HealthInsuranceCard.person_id,
            HealthInsuranceCard.card_number,
            last.label("valid_to"),
        )
        .where(HealthInsuranceCard.deleted_at.is_(None))
        .group_by(HealthInsuranceCard.person_id)
        .having(and_(last <= bounds.card_ends_by.isoformat(), open_ended == 0))
        .subquery()
    )
    cards = []
    for card_id, person_id, number, valid_to, served in session.execute(
        select(
            ending.c.id,
            ending.c.person_id,
            ending.c.card_number,
            ending.c.valid_to,
            _served(ending.c.person_id),
        )
        .join(Person, Person.id == ending.c.person_id)
        .where(Person.deleted_at.is_(None))
    ):
        if served or person_id in stays:
            day = parsed.date(valid_to)
            assert day is not None
            cards.append(CardFacts(card_id, person_id, number, day))
    return cards


def _assessments(
    session: Session, bounds: ScanBounds, parsed: _Parsed, stays: dict[str, tuple[dt.date, str]]
) -> list[AssessmentFacts]:
    """The served people's latest assessments, when the re-assessment date they set is
    within the notice period or past."""
    found = []
    for assessment_id, person_id, due, served in session.execute(
        select(
            DisabilityAssessment.id,
            DisabilityAssessment.person_id,
            _raw(DisabilityAssessment.reassessment_due),
            _served(DisabilityAssessment.person_id),
        )
        .join(Person, Person.id == DisabilityAssessment.person_id)
        .where(
            DisabilityAssessment.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            DisabilityAssessment.reassessment_due <= bounds.reassessment_by,
            DisabilityAssessment.id
            == _latest_assessment(DisabilityAssessment.person_id, DisabilityAssessment.id),
        )
    ):
        if served or person_id in stays:
            day = parsed.date(due)
            assert day is not None
            found.append(AssessmentFacts(assessment_id, person_id, day))
    return found


def _dossiers(session: Session, bounds: ScanBounds, parsed: _Parsed) -> list[DossierFacts]:
    found = []
    for case_id, person_id, category, applied in session.execute(
        select(
            AllowanceCase.id,
            AllowanceCase.person_id,
            AllowanceCase.category,
            _raw(AllowanceCase.application_date),
        )
        .join(Person, Person.id == AllowanceCase.person_id)
        .where(
            AllowanceCase.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            AllowanceCase.status == CaseStatus.APPLIED.value,
            AllowanceCase.application_date <= bounds.applied_by,
        )
    ):
        day = parsed.date(applied)
        assert day is not None
        found.append(DossierFacts(case_id, person_id, category, day))
    return found


def _documents(session: Session, bounds: ScanBounds, parsed: _Parsed) -> list[DocumentFacts]:
    """Cases with a follow-up date within the notice period or past, found on
    ix_allowance_cases_documents_due (the status is checked here, or SQLite would rather
    scan the status index)."""
    found = []
    for case_id, person_id, category, status, due, note in session.execute(
        select(
            AllowanceCase.id,
            AllowanceCase.person_id,
            AllowanceCase.category,
            AllowanceCase.status,
            _raw(AllowanceCase.documents_due),
            AllowanceCase.documents_note,
        )
        .join(Person, Person.id == AllowanceCase.person_id)
        .where(
            AllowanceCase.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            AllowanceCase.documents_due <= bounds.documents_due_by,
        )
    ):
        if status not in SERVED_STATUSES:
            continue
        day = parsed.date(due)
        assert day is not None
        found.append(DocumentFacts(case_id, person_id, category, day, note or ""))
    return found


def _back_pay(
    session: Session,
    today: dt.date,
    rules: AlertRules,
    province: str | None,
    parsed: _Parsed,
    stays: dict[str, tuple[dt.date, str]],
) -> tuple[Month | None, list[BackPayFacts], list[BackPayGroup]]:
    """Cases with finalised lines paid below the level now in force for their month and not
    yet back paid: most of them (every case, after a retroactive rise) in groups whose back
    pay is one sum, found and grouped in SQL (`_alike_back_pay`); the others one by one with
    their whole history, for `payments.payment_line` to price.

    Each month of the back-pay window is first probed on ix_payments_month_level, so a site
    with nothing owed (nearly always) costs a few index lookups."""
    engine = rules.answers
    last_list = parsed.month(session.scalar(select(func.max(_raw(Payment.month)))))
    if last_list is None:
        return None, [], []
    next_list = last_list.next()
    lagging: dict[str, int] = {}
    month = next_list.add(-BACK_PAY_MONTHS)
    while month <= last_list:
        lowest = session.scalar(
            select(func.min(Payment.standard_level)).where(Payment.month == month)
        )
        level = engine.standard_level(month, province).amount
        if lowest is not None and lowest < level:
            lagging[str(month)] = level
        month = month.next()
    if not lagging:
        return next_list, [], []
    groups: list[BackPayGroup] = []
    one_by_one: list[str] = []
    samples: dict[tuple[Any, ...], CaseFacts] = {}
    for row in session.connection().execute(_alike_back_pay(rules, lagging, today, next_list)):
        ids = tuple(row.case_ids.split(","))
        if not row.alike:
            one_by_one.extend(ids)
            continue
        first, last = parsed.month(row.first), parsed.month(row.last)
        assert first is not None and last is not None
        situation = tuple(getattr(row, name) for name in _BACK_PAY_SITUATION)
        sample = samples.get(situation)
        if sample is None:
            sample = samples[situation] = _back_pay_sample(row, parsed)
        groups.append(
            BackPayGroup(
                sample,
                ids,
                first,
                last,
                row.amount,
                row.paid_level,
                bool(row.paid_now),
                parsed.month(row.unpaid_from),
                parsed.month(row.unpaid_to),
            )
        )
    probed = {m: level for m, level in lagging.items() if m <= str(Month.of(today))}
    return (
        next_list,
        _back_pay_cases(session, today, sorted(one_by_one), probed, parsed, stays),
        groups,
    )


def _month_number(month: Any) -> Any:
    """A 'YYYY-MM' text as a count of months, for spans in SQL."""
    return func.cast(func.substr(month, 1, 4), Integer) * 12 + func.cast(
        func.substr(month, 6, 2), Integer
    )


def _span(first: Any, last: Any) -> Any:
    return _month_number(last) - _month_number(first) + 1


def _alike_back_pay(
    rules: AlertRules, lagging: dict[str, int], today: dt.date, next_list: Month
) -> Any:
    """The cases owed back pay, grouped by what their back pay depends on, with `alike`
    true for the groups `BackPayGroup` can price: the rest are read one by one.

    A case's lagging lines (below the level in force for their month) are gathered on
    ix_payments_month_level; its lines in the window of `BACK_PAY_MONTHS` then only answer,
    on ix_payments_case_lines (which holds all they need), whether anything besides those
    lines and the months before its first line can change what `payment_line` finds: a
    gap (a month owed in full), a second round, back pay already reaching part of those
    months. Each stage is worked out once per case (MATERIALIZED), then grouped."""
    last_list = str(next_list.add(-1))
    this_month = str(Month.of(today))
    month = _raw(Payment.month)
    lines = (
        select(
            Payment.case_id.label("case_id"),
            func.min(month).label("first"),
            func.max(month).label("last"),
            func.count().label("lines"),
            func.min(Payment.amount).label("low"),
            func.max(Payment.amount).label("high"),
            func.min(Payment.standard_level).label("paid_level"),
        )
        .where(
            Payment.month.in_(sorted(lagging)),
            Payment.standard_level < case(lagging, value=month),
            Payment.deleted_at.is_(None),
        )
        .group_by(Payment.case_id)
        # Owed from a month already begun, as the alert is shown from its first day.
        .having(func.min(month) <= this_month)
        .subquery("lines")
    )
    start = func.coalesce(_raw(AllowanceCase.start_month), lines.c.first)
    owed = (
        select(
            lines,
            AllowanceCase.person_id,
            _raw(AllowanceCase.start_month).label("start_month"),
            _raw(AllowanceCase.stop_month).label("stop_month"),
            (start <= str(next_list)).label("started"),
            # Where payment_line starts looking.
            func.max(start, str(next_list.add(-BACK_PAY_MONTHS))).label("window_start"),
            AllowanceCase.id.in_(_changed(CaseChangeKind.DECIDE)).label("decided"),
            AllowanceCase.id.in_(_changed(CaseChangeKind.SUSPEND)).label("paused"),
            AllowanceCase.person_id.in_(
                select(Residency.person_id).where(
                    Residency.deleted_at.is_(None), Residency.discharged_on.is_(None)
                )
            ).label("stays"),
        )
        .join(AllowanceCase, AllowanceCase.id == lines.c.case_id)
        # `|| ''` keeps SQLite off the status index: the cases are found by their lines.
        .where(AllowanceCase.deleted_at.is_(None), (AllowanceCase.status + "").in_(PAID_STATUSES))
        .cte("owed")
        .prefix_with("MATERIALIZED")
    )
    line = aliased(Payment)
    line_month = _raw(line.month)
    earlier = aliased(Payment)
    history = (
        select(
            owed.c.case_id,
            func.count().label("window_lines"),
            func.min(line_month).label("window_first"),
            func.max(line.payment_round).label("rounds"),
            # Back pay on a line of the window: at most one is priced here.
            func.count(line.back_pay_to).label("covers"),
            func.min(_raw(line.back_pay_from)).label("covered_from"),
            func.max(_raw(line.back_pay_to)).label("covered_to"),
            exists()
            .where(
                earlier.case_id == owed.c.case_id,
                earlier.deleted_at.is_(None),
                _raw(earlier.month) < owed.c.window_start,
            )
            .label("paid_before"),
        )
        .join(
            line,
            and_(
                line.case_id == owed.c.case_id,
                line.deleted_at.is_(None),
                line_month >= owed.c.window_start,
            ),
        )
        .group_by(owed.c.case_id)
        .subquery("history")
    )
    before_first = func.strftime("%Y-%m", history.c.window_first + "-01", "-1 month")
    covered = history.c.covers == 1
    # Payable months of the window before the case's first line there: owed in full when
    # the case was decided here or paid before the window, unless back pay reached them.
    owed_before = and_(
        history.c.window_first > owed.c.window_start,
        history.c.paid_before | owed.c.decided,
        ~(
            covered
            & (history.c.covered_from <= owed.c.window_start)
            & (history.c.covered_to >= before_first)
        ),
    )
    alike = and_(
        owed.c.low == owed.c.high,
        owed.c.lines == _span(owed.c.first, owed.c.last),
        owed.c.last <= this_month,
        func.coalesce(owed.c.start_month <= owed.c.first, True),
        func.coalesce(owed.c.stop_month > last_list, True),
        history.c.rounds == 1,
        history.c.window_lines == _span(history.c.window_first, last_list),
        history.c.covers <= 1,
        # The back pay reaches neither the months lagging nor, partly, those owed in full.
        ~(
            covered
            & (history.c.covered_from <= owed.c.last)
            & (history.c.covered_to >= owed.c.first)
        ),
        ~(owed_before & covered & (history.c.covered_from < history.c.window_first)),
        ~owed.c.paused,
        ~owed.c.stays,
    )
    others = _raw(AllowanceCase.other_categories)
    needs_level = AllowanceCase.category.in_(
        sorted(rules.categories_needing(Fact.DISABILITY_LEVEL))
    ) | (func.coalesce(others, "[]") != "[]")
    cases = (
        select(
            owed.c.case_id,
            alike.label("alike"),
            owed.c.first,
            owed.c.last,
            owed.c.low.label("amount"),
            owed.c.paid_level,
            and_(owed.c.started, func.coalesce(owed.c.stop_month > str(next_list), True)).label(
                "paid_now"
            ),
            case((owed_before, owed.c.window_start)).label("unpaid_from"),
            case((owed_before, before_first)).label("unpaid_to"),
            Person.birth_year.label("year"),
            Person.birth_month.label("month"),
            # Only 29 February moves the age at the end of a month (`age_at_end`).
            and_(Person.birth_month == 2, Person.birth_day == 29).label("leapling"),
            func.substr(_raw(Person.death_date), 1, 7).label("died"),
            AllowanceCase.category.label("category"),
            AllowanceCase.sub_case.label("sub_case"),
            others.label("others"),
            AllowanceCase.children_count.label("children"),
            Person.school_status.label("school"),
            case(
                (needs_level, _latest_assessment(owed.c.person_id, DisabilityAssessment.level)),
                else_=None,
            ).label("level"),
            _household(owed.c.person_id, today).label("household"),
            _pension(owed.c.person_id).label("pension"),
        )
        .select_from(owed)
        # A case with no line since its window started is priced one by one (not alike).
        .outerjoin(history, history.c.case_id == owed.c.case_id)
        .join(AllowanceCase, AllowanceCase.id == owed.c.case_id)
        .join(Person, Person.id == owed.c.person_id)
        .where(Person.deleted_at.is_(None))
        .cte("cases")
        .prefix_with("MATERIALIZED")
    )
    key = [column for column in cases.c if column.key != "case_id"]
    return select(*key, func.group_concat(cases.c.case_id).label("case_ids")).group_by(*key)


def _changed(kind: CaseChangeKind) -> Any:
    return select(AllowanceChange.case_id).where(
        AllowanceChange.kind == kind.value, AllowanceChange.deleted_at.is_(None)
    )


# The columns of `_alike_back_pay` that `_back_pay_sample` reads: groups sharing them share
# a sample, and so the engine's answers by month (`domain.alerts._Dues`).
_BACK_PAY_SITUATION = (
    "year",
    "month",
    "leapling",
    "died",
    "category",
    "sub_case",
    "others",
    "children",
    "school",
    "level",
    "household",
    "pension",
)


def _back_pay_sample(group: Any, parsed: _Parsed) -> CaseFacts:
    """A case standing for its group, with what the engine reads to price back pay."""
    died = parsed.month(group.died)
    return CaseFacts(
        case_id="",
        person_id="",
        category=group.category,
        sub_case=group.sub_case,
        other_categories=parsed.codes(group.others),
        status=CaseStatus.ACTIVE,
        coefficient=None,
        monthly_amount=None,
        terms_from=None,
        start_month=None,
        stop_month=None,
        suspended_from=None,
        children_count=group.children,
        birth_year=group.year,
        birth_month=group.month,
        birth_day=29 if group.leapling else None,
        studying=group.school == SchoolStatus.STUDYING,
        died_on=died.first_day() if died else None,
        disability_level=DisabilityLevel(group.level) if group.level else None,
        household_status=HouseholdStatus(group.household) if group.household else None,
        receives_pension=bool(group.pension),
        admitted_on=None,
    )


def _back_pay_cases(
    session: Session,
    today: dt.date,
    case_ids: Sequence[str],
    lagging: dict[str, int],
    parsed: _Parsed,
    stays: dict[str, tuple[dt.date, str]],
) -> list[BackPayFacts]:
    """The cases SQL could not group, with their whole history: a case is owed when one of
    its lines in a `lagging` month is below that month's level and no back pay on another
    line reaches that month."""
    history: dict[str, list[PaidMonth]] = defaultdict(list)
    pauses: dict[str, list[Pause]] = defaultdict(list)
    decided: set[str] = set()
    for chunk in _chunks(case_ids):
        for line in session.execute(
            select(
                Payment.case_id,
                _raw(Payment.month).label("month"),
                Payment.amount,
                Payment.standard_level,
                _raw(Payment.back_pay_from).label("back_pay_from"),
                _raw(Payment.back_pay_to).label("back_pay_to"),
                Payment.recovery_amount,
                Payment.status,
            ).where(Payment.case_id.in_(chunk), Payment.deleted_at.is_(None))
        ):
            paid_month = parsed.month(line.month)
            assert paid_month is not None
            history[line.case_id].append(
                PaidMonth(
                    paid_month,
                    line.amount,
                    line.standard_level,
                    parsed.month(line.back_pay_from),
                    parsed.month(line.back_pay_to),
                    line.recovery_amount,
                    collected=line.status != PaymentStatus.NOT_COLLECTED,
                )
            )
        suspended: dict[str, Month] = {}
        for case_id, kind, effective in session.execute(
            select(AllowanceChange.case_id, AllowanceChange.kind, AllowanceChange.effective_month)
            .where(AllowanceChange.case_id.in_(chunk), AllowanceChange.deleted_at.is_(None))
            .order_by(AllowanceChange.case_id, AllowanceChange.created_at)
        ):
            if kind == CaseChangeKind.DECIDE:
                decided.add(case_id)
            elif kind == CaseChangeKind.SUSPEND:
                suspended[case_id] = effective
            elif kind == CaseChangeKind.RESUME and case_id in suspended:
                pauses[case_id].append(Pause(suspended.pop(case_id), effective))
        for case_id, since in suspended.items():
            pauses[case_id].append(Pause(since, None))
    owed: dict[str, list[tuple[Month, int, int]]] = {}
    for case_id, paid in history.items():
        covered = [(p.back_pay_from, p.back_pay_to) for p in paid if p.back_pay_from]
        found = sorted(
            (p.month, p.standard_level, lagging[str(p.month)])
            for p in paid
            if str(p.month) in lagging
            and p.standard_level < lagging[str(p.month)]
            and not any(f <= p.month and t is not None and p.month <= t for f, t in covered)
        )
        if found:
            owed[case_id] = found
    facts = []
    for row in _case_rows(session, today, sorted(owed)):
        if row.status not in PAID_STATUSES:
            continue
        lagging_lines = owed[row.id]
        facts.append(
            BackPayFacts(
                case=_case(row, parsed, stays),
                lagging_from=lagging_lines[0][0],
                lagging_to=lagging_lines[-1][0],
                paid_level=min(level for _, level, _ in lagging_lines),
                level=lagging_lines[0][2],
                history=tuple(history[row.id]),
                pauses=tuple(pauses[row.id]),
                decided_here=row.id in decided,
            )
        )
    return facts


def _chunks(values: Sequence[str], size: int = 5000) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
