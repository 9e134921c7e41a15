"""Việc cần làm, the pure rules: every kind appears exactly when it should — not the day
before, on the day, still a month after when nothing was done — and goes once the facts
change. Amounts and coefficients are the policy engine's."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from btxh_desktop.domain.alerts import (
    ActionCode,
    Alert,
    AlertFacts,
    AlertKind,
    AlertRules,
    AssessmentFacts,
    BackPayFacts,
    CardFacts,
    CaseFacts,
    DocumentFacts,
    DossierFacts,
    PaymentFacts,
    SharedAnswers,
    StayFacts,
    StopReason,
    age_at_end,
)
from btxh_desktop.domain.codes import CaseStatus, DisabilityLevel, HouseholdStatus, PaymentStatus
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.payments import PaidMonth
from btxh_desktop.domain.policy import CategoryClaim, Fact, PersonFacts, PolicyEngine, stop_month
from btxh_desktop.domain.workdays import WorkCalendar

ENGINE = PolicyEngine.load()
CALENDAR = WorkCalendar.load()
D = dt.date


def rules() -> AlertRules:
    return AlertRules(ENGINE, CALENDAR, emergency_notice_days=14)


def case(
    category: str,
    birth: str,
    decided: str,
    *,
    status: CaseStatus = CaseStatus.ACTIVE,
    **facts: Any,
) -> CaseFacts:
    """An active case whose decision took the engine's coefficient for its month."""
    born = PartialDate.parse(birth)
    level = facts.pop("disability_level", None)
    base = CaseFacts(
        case_id=f"case-{category}-{birth}",
        person_id=f"person-{birth}",
        category=category,
        sub_case=None,
        other_categories=(),
        status=status,
        coefficient=None,
        monthly_amount=None,
        terms_from=Month.parse(decided),
        start_month=Month.parse(decided),
        stop_month=None,
        suspended_from=None,
        children_count=0,
        birth_year=born.year,
        birth_month=born.month,
        birth_day=born.day,
        studying=False,
        died_on=None,
        disability_level=level,
        household_status=HouseholdStatus.POOR,
        receives_pension=False,
        admitted_on=None,
    )._replace(**facts)
    answer = ENGINE.monthly_allowance(facts_of(base), Month.parse(decided))
    return base._replace(coefficient=answer.total_coefficient, monthly_amount=answer.monthly_amount)


def facts_of(c: CaseFacts) -> PersonFacts:
    return PersonFacts(
        birth=PartialDate(c.birth_year, c.birth_month, c.birth_day),
        claims=(CategoryClaim(c.category), *(CategoryClaim(o) for o in c.other_categories)),
        disability_level=c.disability_level,
        children_count=c.children_count,
        studying=c.studying,
        household_status=c.household_status,
        receives_pension=c.receives_pension,
        died=Month.of(c.died_on) if c.died_on else None,
    )


def of_kind(facts: AlertFacts, today: dt.date, kind: AlertKind) -> list[Alert]:
    return [a for a in rules().compute(facts, today) if a.kind == kind]


def one(facts: AlertFacts, today: dt.date, kind: AlertKind) -> Alert:
    found = of_kind(facts, today, kind)
    assert len(found) == 1, found
    return found[0]


def cases(*items: CaseFacts) -> AlertFacts:
    return AlertFacts(province_code=None, cases=items)


def adjusted(c: CaseFacts, alert: Alert) -> CaseFacts:
    """What AllowanceService.adjust records: the engine's coefficient from the action month."""
    action = alert.action
    assert action.code == ActionCode.ADJUST and action.month is not None
    moved = c._replace(category=action.category or c.category)
    answer = ENGINE.monthly_allowance(facts_of(moved), action.month)
    return moved._replace(
        coefficient=answer.total_coefficient,
        monthly_amount=answer.monthly_amount,
        terms_from=action.month,
    )


# ---------------------------------------------------------------------------- time travel


def back_pay_facts(covered: bool = False) -> AlertFacts:
    elderly = case("K5a", "1955-01-01", "2026-06")
    # July–September paid at 500,000 before the 540,000 level (from July) was known.
    history = [PaidMonth(Month(2026, 6), 750_000, 500_000)] + [
        PaidMonth(Month(2026, m), 750_000, 500_000) for m in (7, 8, 9)
    ]
    if covered:
        history.append(PaidMonth(Month(2026, 10), 810_000, 540_000, Month(2026, 7), Month(2026, 9)))
    owed = BackPayFacts(
        case=elderly,
        lagging_from=Month(2026, 7),
        lagging_to=Month(2026, 9),
        paid_level=500_000,
        level=540_000,
        history=tuple(history),
        pauses=(),
        decided_here=True,
    )
    return AlertFacts(
        None,
        back_pay=(owed,),
        next_list_month=Month(2026, 11) if covered else Month(2026, 10),
    )


# kind, facts, first day shown, due date, a day a month after the due date
TIMELINE: list[tuple[str, AlertKind, Callable[[], AlertFacts], dt.date, dt.date]] = [
    (
        "K1 turns 4 (2.5 → 1.5)",
        AlertKind.AGE_BAND,
        lambda: cases(case("K1", "2023-03-10", "2026-10")),
        D(2027, 2, 1),
        D(2027, 3, 1),
    ),
    (
        "K1 born in a known month turns 4",
        AlertKind.AGE_BAND,
        lambda: cases(case("K1", "2023-03", "2026-10")),
        D(2027, 2, 1),
        D(2027, 3, 1),
    ),
    (
        "K1 born in a known year turns 4 in January",
        AlertKind.AGE_BAND,
        lambda: cases(case("K1", "2023", "2026-10")),
        D(2026, 12, 1),
        D(2027, 1, 1),
    ),
    (
        "K3 turns 4 (2.5 → 2.0)",
        AlertKind.AGE_BAND,
        lambda: cases(case("K3", "2023-05-31", "2026-10")),
        D(2027, 4, 1),
        D(2027, 5, 1),
    ),
    (
        "K5a turns 80 (1.5 → 2.0)",
        AlertKind.AGE_BAND,
        lambda: cases(case("K5a", "1947-06-20", "2026-10")),
        D(2027, 5, 1),
        D(2027, 6, 1),
    ),
    (
        "K6 child becomes an adult at 16 (2.0 → 1.5)",
        AlertKind.AGE_BAND,
        lambda: cases(case("K6", "2011-02-05", "2026-10", disability_level=DisabilityLevel.SEVERE)),
        D(2027, 1, 1),
        D(2027, 2, 1),
    ),
    (
        "K6 adult becomes elderly at 60 (1.5 → 2.0)",
        AlertKind.AGE_BAND,
        lambda: cases(case("K6", "1967-05-31", "2026-10", disability_level=DisabilityLevel.SEVERE)),
        D(2027, 4, 1),
        D(2027, 5, 1),
    ),
    (
        "K1 reaches 16: the birthday month is the last paid",
        AlertKind.ELIGIBILITY_END,
        lambda: cases(case("K1", "2011-01-20", "2026-10")),
        D(2027, 1, 1),
        D(2027, 2, 1),
    ),
    (
        "K1 born on the 1st reaches 16: its month is still paid",
        AlertKind.ELIGIBILITY_END,
        lambda: cases(case("K1", "2011-01-01", "2026-10")),
        D(2027, 1, 1),
        D(2027, 2, 1),
    ),
    (
        "K2 reaches 22",
        AlertKind.ELIGIBILITY_END,
        lambda: cases(case("K2", "2005-03-15", "2026-10", studying=True)),
        D(2027, 3, 1),
        D(2027, 4, 1),
    ),
    (
        "K7 reaches 3",
        AlertKind.ELIGIBILITY_END,
        lambda: cases(case("K7", "2024-05-15", "2026-10")),
        D(2027, 5, 1),
        D(2027, 6, 1),
    ),
    (
        "suspended three months",
        AlertKind.SUSPENSION_OVER,
        lambda: cases(
            case("K5a", "1950-01-01", "2026-01")._replace(
                status=CaseStatus.SUSPENDED, suspended_from=Month(2026, 9)
            )
        ),
        D(2026, 11, 1),
        D(2026, 12, 1),
    ),
    (
        "emergency admission reaching three months",
        AlertKind.EMERGENCY_STAY,
        lambda: AlertFacts(
            None, stays=(StayFacts("stay-1", "p-1", D(2026, 9, 10), D(2026, 12, 10)),)
        ),
        D(2026, 11, 26),
        D(2026, 12, 10),
    ),
    (
        "health-insurance card ending",
        AlertKind.INSURANCE_CARD,
        lambda: AlertFacts(None, cards=(CardFacts("card-1", "p-1", "DN47979", D(2026, 12, 31)),)),
        D(2026, 12, 1),
        D(2026, 12, 31),
    ),
    (
        "disability re-assessment date",
        AlertKind.REASSESSMENT,
        lambda: AlertFacts(None, assessments=(AssessmentFacts("a-1", "p-1", D(2027, 1, 15)),)),
        D(2026, 12, 16),
        D(2027, 1, 15),
    ),
    (
        "dossier received on a Monday: ten working days",
        AlertKind.DOSSIER_OVERDUE,
        lambda: AlertFacts(None, dossiers=(DossierFacts("c-1", "p-1", "K1", D(2026, 11, 2)),)),
        D(2026, 11, 16),
        D(2026, 11, 16),
    ),
    (
        "a missing paper asked for by a date",
        AlertKind.DOCUMENT_FOLLOW_UP,
        lambda: AlertFacts(
            None,
            documents=(DocumentFacts("c-1", "p-1", "K1", D(2026, 12, 10), "Giấy khai sinh"),),
        ),
        D(2026, 12, 3),
        D(2026, 12, 10),
    ),
    (
        "standard level raised for months already paid",
        AlertKind.BACK_PAY,
        back_pay_facts,
        D(2026, 7, 1),
        D(2026, 7, 1),
    ),
]


@pytest.mark.parametrize(
    ("kind", "make", "shown_from", "due"),
    [row[1:] for row in TIMELINE],
    ids=[row[0] for row in TIMELINE],
)
def test_each_kind_appears_on_its_day_and_stays_until_acted_on(
    kind: AlertKind, make: Callable[[], AlertFacts], shown_from: dt.date, due: dt.date
) -> None:
    facts = make()
    day_before = shown_from - dt.timedelta(days=1)
    month_after = Month.of(due).next().first_day() + dt.timedelta(days=due.day - 1)

    assert of_kind(facts, day_before, kind) == []
    on_the_day = one(facts, shown_from, kind)
    later = one(facts, month_after, kind)

    assert on_the_day.due_date == later.due_date == due
    assert on_the_day.key == later.key  # "done" or "snoozed" keeps holding it
    assert on_the_day.days_left(shown_from) >= 0 > later.days_left(month_after)


def test_age_band_amounts_are_the_engines_and_an_adjustment_clears_it() -> None:
    child = case("K1", "2023-03-10", "2026-10")
    alert = one(cases(child), D(2027, 2, 1), AlertKind.AGE_BAND)

    march = ENGINE.monthly_allowance(facts_of(child), Month(2027, 3))
    february = ENGINE.monthly_allowance(facts_of(child), Month(2027, 2))
    assert alert.action.month == Month(2027, 3)
    assert (alert.old_coefficient, alert.new_coefficient) == (Decimal("2.5"), Decimal("1.5"))
    assert (alert.new_coefficient, alert.new_amount) == (
        march.total_coefficient,
        march.monthly_amount,
    )
    assert alert.old_amount == february.monthly_amount == 1_350_000
    assert dict(alert.params)["age"] == 4

    done = adjusted(child, alert)
    assert done.coefficient == Decimal("1.5")
    for day in (D(2027, 2, 1), D(2027, 3, 1), D(2027, 4, 15)):
        assert rules().compute(cases(done), day) == []


def test_an_adjustment_missed_last_year_is_still_found_at_its_month() -> None:
    child = case("K1", "2022-03-10", "2025-10")  # turned 4 in March 2026, never adjusted
    alert = one(cases(child), D(2026, 11, 16), AlertKind.AGE_BAND)
    assert alert.due_date == D(2026, 3, 1)
    assert alert.action.month == Month(2026, 3)


def test_eligibility_end_stops_from_the_engines_first_unpaid_month() -> None:
    child = case("K1", "2011-01-20", "2026-10")
    for today in (D(2027, 1, 1), D(2027, 1, 25), D(2027, 3, 1)):
        alert = one(cases(child), today, AlertKind.ELIGIBILITY_END)
        action = alert.action
        assert action.code == ActionCode.STOP and action.reason == StopReason.AGE_LIMIT
        assert action.event_date is not None and action.event_date <= today
        # What AllowanceService.stop will record is the engine's first unpaid month.
        assert stop_month(action.event_date).month == action.month == Month(2027, 2)
        assert ENGINE.monthly_allowance(facts_of(child), Month(2027, 1)).total_coefficient > 0
        assert ENGINE.monthly_allowance(facts_of(child), Month(2027, 2)).total_coefficient == 0
    assert one(cases(child), D(2027, 1, 25), AlertKind.ELIGIBILITY_END).action.event_date == D(
        2027, 1, 20
    )  # the birthday, once it has passed


def test_a_k1_child_still_studying_at_16_is_offered_k2() -> None:
    student = case("K1", "2011-01-20", "2026-10", studying=True)
    alert = one(cases(student), D(2027, 1, 5), AlertKind.ELIGIBILITY_END)

    assert [a.code for a in alert.actions] == [ActionCode.ADJUST, ActionCode.STOP]
    assert alert.action.category == "K2" and alert.action.month == Month(2027, 2)
    assert alert.new_coefficient == Decimal("1.5")
    assert alert.reason == "alerts.eligibility_end.age_limit_studying"

    as_k2 = adjusted(student, alert)
    assert as_k2.category == "K2" and as_k2.coefficient == Decimal("1.5")
    assert rules().compute(cases(as_k2), D(2027, 3, 1)) == []


def test_k2_no_longer_studying_is_due_today_and_stops_next_month() -> None:
    student = case("K2", "2008-03-15", "2026-10", studying=True)
    assert rules().compute(cases(student), D(2026, 11, 16)) == []

    left = student._replace(studying=False)
    alert = one(cases(left), D(2026, 11, 16), AlertKind.ELIGIBILITY_END)
    assert alert.due_date == D(2026, 11, 16)
    assert alert.reason == "alerts.eligibility_end.not_studying"
    assert alert.action.month == Month(2026, 12)
    assert alert.action.event_date is not None
    assert stop_month(alert.action.event_date).month == Month(2026, 12)
    # The key does not move with the day, so "done" keeps holding it.
    assert one(cases(left), D(2026, 11, 20), AlertKind.ELIGIBILITY_END).key == alert.key


def test_a_death_recorded_on_the_person_asks_for_a_stop_from_the_next_month() -> None:
    elderly = case("K5a", "1940-05-05", "2026-01")._replace(died_on=D(2026, 10, 3))
    alert = one(cases(elderly), D(2026, 11, 16), AlertKind.ELIGIBILITY_END)
    assert alert.action.reason == StopReason.DEATH
    assert alert.action.event_date == D(2026, 10, 3)
    assert alert.action.month == Month(2026, 11) == stop_month(D(2026, 10, 3)).month


def test_a_new_disability_level_is_a_coefficient_change_due_now() -> None:
    adult = case("K6", "1980-05-05", "2026-01", disability_level=DisabilityLevel.SEVERE)
    worse = adult._replace(disability_level=DisabilityLevel.PARTICULARLY_SEVERE)
    alert = one(cases(worse), D(2026, 11, 16), AlertKind.COEFFICIENT_CHANGE)
    assert alert.due_date == D(2026, 11, 16)
    assert (alert.old_coefficient, alert.new_coefficient) == (Decimal("1.5"), Decimal("2.0"))
    assert alert.action.month == Month(2026, 11)
    assert rules().compute(cases(adjusted(worse, alert)), D(2026, 11, 16)) == []


def test_hiv_categories_never_show_the_category_in_the_reason() -> None:
    child = case("K3", "2023-05-31", "2026-10")
    alert = one(cases(child), D(2027, 5, 1), AlertKind.AGE_BAND)
    assert alert.sensitive
    assert alert.reason == "alerts.age_band.private"
    assert "category" not in alert.params


def test_three_months_not_collected_asks_for_a_suspension() -> None:
    elderly = case("K5a", "1950-01-01", "2026-01")

    def with_lines(*lines: tuple[int, PaymentStatus]) -> AlertFacts:
        return AlertFacts(
            None,
            cases=(elderly,),
            payments={elderly.case_id: [PaymentFacts(Month(2026, m), s) for m, s in lines]},
        )

    nc, paid = PaymentStatus.NOT_COLLECTED, PaymentStatus.PAID
    today = D(2026, 11, 16)
    assert of_kind(with_lines((8, nc), (9, nc)), today, AlertKind.NOT_COLLECTED) == []
    assert of_kind(with_lines((8, nc), (9, paid), (10, nc)), today, AlertKind.NOT_COLLECTED) == []
    facts = with_lines((7, paid), (8, nc), (9, nc), (10, nc))
    alert = one(facts, today, AlertKind.NOT_COLLECTED)
    assert alert.due_date == D(2026, 11, 1)
    assert alert.action.code == ActionCode.SUSPEND and alert.action.month == Month(2026, 11)
    assert one(facts, D(2026, 12, 16), AlertKind.NOT_COLLECTED).key == alert.key
    # Collected again, or suspended: nothing to do.
    assert of_kind(with_lines((8, nc), (9, nc), (10, nc), (11, paid)), today, alert.kind) == []
    suspended = replace(facts, cases=(elderly._replace(status=CaseStatus.SUSPENDED),))
    assert of_kind(suspended, today, AlertKind.NOT_COLLECTED) == []


def test_a_suspension_resumed_or_stopped_asks_nothing() -> None:
    resumed = case("K5a", "1950-01-01", "2026-01")  # active again, no open suspension
    assert of_kind(cases(resumed), D(2027, 1, 1), AlertKind.SUSPENSION_OVER) == []


def test_suspension_over_stops_from_the_fourth_month() -> None:
    suspended = case("K5a", "1950-01-01", "2026-01")._replace(
        status=CaseStatus.SUSPENDED, suspended_from=Month(2026, 9)
    )
    alert = one(cases(suspended), D(2026, 11, 5), AlertKind.SUSPENSION_OVER)
    assert alert.action.code == ActionCode.STOP
    assert alert.action.event_date == D(2026, 11, 5)
    assert stop_month(D(2026, 11, 5)).month == alert.action.month == Month(2026, 12)


def test_emergency_stay_offers_both_ways_out_and_says_when_overdue() -> None:
    facts = AlertFacts(None, stays=(StayFacts("s", "p", D(2026, 9, 10), D(2026, 12, 10)),))
    assert [a.code for a in one(facts, D(2026, 12, 1), AlertKind.EMERGENCY_STAY).actions] == [
        ActionCode.EXTEND_STAY,
        ActionCode.DISCHARGE,
    ]
    assert one(facts, D(2026, 12, 10), AlertKind.EMERGENCY_STAY).reason.endswith(".due")
    assert one(facts, D(2026, 12, 11), AlertKind.EMERGENCY_STAY).reason.endswith(".overdue")


def test_card_renewal_is_prefilled_from_the_day_after() -> None:
    card = CardFacts("c", "p", "DN4797912345678", D(2026, 12, 31))
    alert = one(AlertFacts(None, cards=(card,)), D(2027, 1, 2), AlertKind.INSURANCE_CARD)
    assert alert.reason == "alerts.insurance_card.expired"
    assert (alert.action.valid_from, alert.action.valid_to) == (D(2027, 1, 1), D(2027, 12, 31))


def test_document_follow_up_opens_the_case_or_clears_it() -> None:
    paper = DocumentFacts("c-1", "p-1", "K1", D(2026, 12, 10), "Giấy khai sinh bản sao")
    alert = one(AlertFacts(None, documents=(paper,)), D(2026, 12, 10), AlertKind.DOCUMENT_FOLLOW_UP)
    assert [a.code for a in alert.actions] == [ActionCode.REVIEW, ActionCode.CLEAR_DOCUMENTS]
    assert alert.subject_ids == ("c-1",) and alert.reason == "alerts.document_follow_up"
    assert alert.params == {"due": "10/12/2026", "note": "Giấy khai sinh bản sao"}
    # A new date is a new request: "done" on the old one does not hide it.
    later = one(
        AlertFacts(None, documents=(paper._replace(due=D(2027, 1, 5)),)),
        D(2027, 1, 5),
        AlertKind.DOCUMENT_FOLLOW_UP,
    )
    assert later.key != alert.key


def test_document_follow_up_of_a_protected_category_keeps_the_note_off_the_list() -> None:
    paper = DocumentFacts("c-1", "p-1", "K8", D(2026, 12, 10), "Kết quả xét nghiệm HIV")
    alert = one(AlertFacts(None, documents=(paper,)), D(2026, 12, 10), AlertKind.DOCUMENT_FOLLOW_UP)
    assert alert.sensitive and alert.reason == "alerts.document_follow_up.private"
    assert alert.params == {"due": "10/12/2026"}


def test_back_pay_is_priced_by_the_payment_line_and_gone_once_paid() -> None:
    alert = one(back_pay_facts(), D(2026, 10, 5), AlertKind.BACK_PAY)
    assert alert.person_id is None and len(alert.subject_ids) == 1
    # K5a 1.5 × (540,000 − 500,000) for July, August and September.
    assert alert.params["amount"] == 3 * 60_000
    assert alert.action.code == ActionCode.FINALISE_PAYMENTS
    assert alert.action.month == Month(2026, 10)
    assert of_kind(back_pay_facts(covered=True), D(2026, 11, 5), AlertKind.BACK_PAY) == []


# ---------------------------------------------------------------------------- narrowing


COEFFICIENT_KINDS = {AlertKind.AGE_BAND, AlertKind.ELIGIBILITY_END, AlertKind.COEFFICIENT_CHANGE}


def random_case(rng: random.Random) -> CaseFacts:
    """A case of any category and age, decided at any month of the past three years (so
    some are due for a change, some long overdue), sometimes with facts that changed since."""
    category = rng.choice(["K1", "K2", "K3", "K4", "K5a", "K5b", "K6", "K7", "K8"])
    year = {"K5a": 1935, "K5b": 1940, "K6": 1950, "K4": 1975, "K8": 1975}.get(category, 2004)
    day = D(year, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 24))
    birth = rng.choice([str(day.year), f"{day.year}-{day.month:02d}", day.isoformat()])
    if rng.random() < 0.05:
        birth = rng.choice(["2012-02-29", "1966-02-29", "2024-02-29"])
    decided = Month(2024, 1).add(rng.randint(0, 36))
    facts: dict[str, Any] = {
        "studying": rng.random() < 0.6,
        "children_count": rng.randint(1, 3) if category == "K4" else 0,
        "other_categories": ("K4",) if category == "K6" and rng.random() < 0.1 else (),
    }
    if category == "K6" or facts["other_categories"]:
        facts["disability_level"] = rng.choice(list(DisabilityLevel))
    try:
        made = case(category, birth, str(decided), **facts)
    except DomainError:  # born after the decision month: the engine refuses it
        return case("K8", "1980", str(decided))
    if rng.random() < 0.1:
        made = made._replace(studying=not made.studying)
    if rng.random() < 0.05:
        made = made._replace(coefficient=Decimal("1.0"))
    return made


@pytest.mark.parametrize("today", [D(2026, 11, 16), D(2027, 2, 10), D(2027, 12, 31), D(2029, 2, 1)])
def test_a_settled_case_gives_no_coefficient_alert_whenever_it_was_decided(today: dt.date) -> None:
    rng = random.Random(today.toordinal())
    checked = rules()
    samples = [random_case(rng) for _ in range(400)]
    answers = checked.settled(samples, None, today)
    assert 100 < sum(answers) < len(samples)
    for sample, settled in zip(samples, answers, strict=True):
        if not settled:
            continue
        # What the service reads only for a case that is not settled: when its terms took
        # effect, its household and pension. None of them can make a settled case alert.
        for decided in (Month(2021, 7), Month.of(today).add(-1), Month.of(today).next()):
            variant = sample._replace(
                terms_from=decided,
                household_status=rng.choice([None, *HouseholdStatus]),
                receives_pension=rng.random() < 0.5,
            )
            found = {a.kind for a in checked.compute(cases(variant), today)}
            assert not found & COEFFICIENT_KINDS, (variant, found)


def test_every_case_the_rules_alert_on_is_unsettled() -> None:
    rng = random.Random(11)
    today = D(2027, 3, 5)
    checked = rules()
    samples = [random_case(rng) for _ in range(600)]
    alerting = [
        s for s in samples if {a.kind for a in checked.compute(cases(s), today)} & COEFFICIENT_KINDS
    ]
    assert alerting  # the sample does reach boundaries, missed adjustments, changed facts
    assert not any(checked.settled(alerting, None, today))


def test_the_categories_needing_a_fact_are_the_engines() -> None:
    assert rules().categories_needing(Fact.DISABILITY_LEVEL) == {"K6"}
    assert rules().categories_needing(Fact.STUDYING) == {"K2"}


# ---------------------------------------------------------------------------- working days


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (D(2026, 11, 2), D(2026, 11, 16)),  # two plain weeks
        (D(2026, 11, 13), D(2026, 11, 30)),  # across the Ngày Văn hóa Việt Nam, 24/11
        (D(2026, 2, 10), D(2026, 3, 3)),  # across Tết Bính Ngọ (16–20/02)
        (D(2026, 8, 20), D(2026, 9, 7)),  # Saturday 22/08 worked, 31/08–02/09 off
        (D(2025, 4, 24), D(2025, 7, 14)),  # before the 2025 procedure: counted from 01/07
        (D(2025, 7, 1), D(2025, 7, 15)),
    ],
)
def test_decision_deadline_counts_working_days(received: dt.date, deadline: dt.date) -> None:
    assert rules().decision_deadline(received) == deadline


def test_a_year_without_announced_days_keeps_the_fixed_holidays() -> None:
    assert not CALENDAR.is_announced(2030)
    assert not CALENDAR.is_working_day(D(2030, 1, 1))
    assert not CALENDAR.is_working_day(D(2030, 9, 2))
    # 1 September 2029 is a Saturday... 2 September 2029 a Sunday: Monday 3rd is off instead.
    assert not CALENDAR.is_working_day(D(2029, 9, 3))
    assert CALENDAR.is_working_day(D(2029, 9, 4))


def test_announced_swaps_make_a_saturday_a_working_day() -> None:
    assert CALENDAR.is_working_day(D(2025, 4, 26))
    assert not CALENDAR.is_working_day(D(2025, 5, 2))


# ---------------------------------------------------------------------------- the engine's ages


def test_fast_ages_agree_with_partial_dates_for_every_day_of_three_years() -> None:
    day = D(2019, 1, 1)
    months = range(2020 * 12, 2027 * 12, 5)
    while day < D(2022, 1, 1):
        birth = PartialDate.from_date(day)
        for index in months:
            month = Month(index // 12, index % 12 + 1)
            assert age_at_end((day.year, day.month, day.day), index) == birth.age_at_end_of(month)
        day += dt.timedelta(days=1)


def test_shared_answers_pay_what_the_engine_pays_person_by_person() -> None:
    rng = random.Random(5)
    shared = SharedAnswers(ENGINE)
    for _ in range(1500):
        category = rng.choice(["K1", "K2", "K3", "K5a", "K6", "K7"])
        year = {"K5a": 1935, "K6": 1950}.get(category, 2005) + rng.randint(0, 20)
        birth = rng.choice(
            [
                PartialDate(year),
                PartialDate(year, rng.randint(1, 12)),
                PartialDate.from_date(D(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))),
            ]
        )
        facts = PersonFacts(
            birth=birth,
            claims=CategoryClaim.of(category),
            disability_level=DisabilityLevel.SEVERE if category == "K6" else None,
            studying=rng.random() < 0.5,
            household_status=HouseholdStatus.POOR,
        )
        month = Month(2025 + rng.randint(0, 2), rng.randint(1, 12))
        if month < Month.of(birth.assumed_date() or D(1900, 1, 1)):
            continue
        expected = ENGINE.monthly_allowance(facts, month)
        got = shared.monthly_allowance(facts, month)
        assert (got.total_coefficient, got.monthly_amount) == (
            expected.total_coefficient,
            expected.monthly_amount,
        )
