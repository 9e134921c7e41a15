"""Funeral, care and facility support, emergency figures, social pension, start and stop
months, and the category catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy import (
    CareFacts,
    CategoryClaim,
    Fact,
    PersonFacts,
    PolicyEngine,
    StartRule,
    adjustment_month,
    stop_month,
)

ENGINE = PolicyEngine.load()
PS = DisabilityLevel.PARTICULARLY_SEVERE
SEVERE = DisabilityLevel.SEVERE
MILD = DisabilityLevel.MILD
MARCH_2026 = Month(2026, 3)

# ---------------------------------------------------------------- funeral (Art. 11, 25)

FUNERAL = [
    # death month  in facility  multiplier  amount
    ("2024-06", False, 20, 7_200_000),
    ("2024-07", False, 20, 10_000_000),
    ("2026-07", False, 20, 10_800_000),
    ("2024-07", True, 50, 25_000_000),
    ("2026-07", True, 50, 27_000_000),
]


@pytest.mark.parametrize(("month", "in_facility", "multiplier", "amount"), FUNERAL)
def test_funeral_support_is_a_multiple_of_the_level_of_the_death_month(
    month: str, in_facility: bool, multiplier: int, amount: int
) -> None:
    support = ENGINE.funeral_support(Month.parse(month), in_facility=in_facility)

    assert support.eligible
    assert support.coefficient == multiplier
    assert support.amount == amount
    assert support.code == ("funeral.facility" if in_facility else "funeral.community")
    assert f"policy.{support.code}" in [s.code for s in support.explanation]


# ---------------------------------------------------------------- care support (Art. 20)

CARE = [
    # case                    subject birth  facts                                 coefficient
    ("foster_child", "2022-03-15", {}, "2.5", "2026-02"),
    ("foster_child", "2022-03-15", {}, "1.5", "2026-03"),
    ("foster_child", "2010-03-15", {}, "1.5", "2026-03"),
    ("foster_elderly", "1950-01-15", {}, "1.5", "2026-03"),
    ("own_member_disability", "1990-01-15", {"disability_level": PS}, "1.0", "2026-03"),
    ("disabled_parent", "1995-01-15",
     {"disability_level": SEVERE, "pregnant": True}, "1.5", "2026-03"),
    ("disabled_parent", "1995-01-15",
     {"disability_level": PS, "children_births": (PartialDate(2025, 1, 1),)}, "1.5", "2026-03"),
    ("disabled_parent", "1995-01-15",
     {"disability_level": SEVERE, "pregnant": True,
      "children_births": (PartialDate(2025, 1, 1),)}, "2.0", "2026-03"),
    ("disabled_parent", "1995-01-15",
     {"disability_level": SEVERE,
      "children_births": (PartialDate(2024, 1, 1), PartialDate(2025, 6, 1))}, "2.0", "2026-03"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "birth", "facts", "coefficient", "month"), CARE)
def test_care_support_coefficients(
    case: str, birth: str, facts: dict[str, Any], coefficient: str, month: str
) -> None:
    support = ENGINE.care_support(
        CareFacts(case, PartialDate.parse(birth), **facts), Month.parse(month)
    )

    assert support.eligible, support.reason
    assert support.coefficient == Decimal(coefficient)
    assert support.amount == Decimal(coefficient) * 500_000
    assert support.code == case


CARE_REFUSED = [
    ("foster_child", "2010-03-15", {}, "age_over_limit", "2026-04"),
    ("foster_elderly", "1970-01-15", {}, "age_below_minimum", "2026-03"),
    ("own_member_disability", "1990-01-15", {"disability_level": SEVERE},
     "disability_level_not_covered", "2026-03"),
    ("own_member_disability", "1990-01-15", {}, "disability_level_missing", "2026-03"),
    ("disabled_parent", "1995-01-15", {"disability_level": MILD, "pregnant": True},
     "disability_level_not_covered", "2026-03"),
    ("disabled_parent", "1995-01-15", {"disability_level": SEVERE}, "not_pregnant_or_raising",
     "2026-03"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "birth", "facts", "reason", "month"), CARE_REFUSED)
def test_care_support_refusals(
    case: str, birth: str, facts: dict[str, Any], reason: str, month: str
) -> None:
    support = ENGINE.care_support(
        CareFacts(case, PartialDate.parse(birth), **facts), Month.parse(month)
    )

    assert not support.eligible
    assert support.amount == 0 and support.coefficient is None
    assert support.reason is not None and support.reason.code == f"policy.reason.{reason}"


@pytest.mark.parametrize(
    ("month", "counted"),
    [("2026-02", True), ("2026-03", True), ("2026-04", False), ("2023-02", False)],
)
def test_a_child_counts_as_under_36_months_through_the_third_birthday_month(
    month: str, counted: bool
) -> None:
    facts = CareFacts(
        "disabled_parent",
        PartialDate(1995, 1, 15),
        SEVERE,
        children_births=(PartialDate(2023, 3, 15),),
    )
    assert ENGINE.care_support(facts, Month.parse(month)).eligible is counted


def test_care_support_needs_each_child_birth_year() -> None:
    facts = CareFacts(
        "disabled_parent", PartialDate(1995), SEVERE, children_births=(PartialDate(),)
    )
    with pytest.raises(DomainError) as error:
        ENGINE.care_support(facts, MARCH_2026)
    assert error.value.code == "policy.care.child_birth_unknown"


def test_unknown_care_case_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.care_support(CareFacts("foster_pet"), MARCH_2026)
    assert error.value.code == "policy.care_case.unknown"


# ---------------------------------------------------------------- facility care (Art. 25)

FACILITY = [
    # birth         month      coefficient  amount
    ("2022-03-15", "2026-02", "5.0", 2_500_000),
    ("2022-03-15", "2026-03", "4.0", 2_000_000),
    ("2022-03-15", "2026-04", "4.0", 2_000_000),
    ("1950", "2026-07", "4.0", 2_160_000),
]


@pytest.mark.parametrize(("birth", "month", "coefficient", "amount"), FACILITY)
def test_facility_care_allowance(birth: str, month: str, coefficient: str, amount: int) -> None:
    support = ENGINE.facility_care(PartialDate.parse(birth), Month.parse(month))

    assert support.coefficient == Decimal(coefficient)
    assert support.amount == amount
    assert support.explanation[-1].code == "policy.facility.no_community_allowance"


def test_facility_care_with_unknown_birth_says_why() -> None:
    support = ENGINE.facility_care(PartialDate(), MARCH_2026)

    assert not support.eligible
    assert support.reason is not None and support.reason.code == "policy.reason.birth_unknown"


# ---------------------------------------------------------------- emergency (Art. 12–15)

EMERGENCY = [
    # kind                 month      multiplier  amount
    ("severe_injury", "2026-03", 10, 5_000_000),
    ("severe_injury", "2026-07", 10, 5_400_000),
    ("death_or_missing", "2026-03", 50, 25_000_000),
    ("housing_rebuild", "2026-03", None, 40_000_000),
    ("housing_relocation", "2026-03", None, 30_000_000),
    ("housing_repair", "2026-03", None, 20_000_000),
]


@pytest.mark.parametrize(("kind", "month", "multiplier", "amount"), EMERGENCY)
def test_emergency_cash_figures(kind: str, month: str, multiplier: int | None, amount: int) -> None:
    support = ENGINE.emergency_support(kind, Month.parse(month))

    assert support.amount == amount
    assert support.coefficient == multiplier
    assert (support.standard_level is None) is (multiplier is None)


def test_emergency_kinds_are_listed() -> None:
    assert set(ENGINE.emergency_kinds()) == {row[0] for row in EMERGENCY}


def test_unknown_emergency_kind_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.emergency_support("flood_bonus", MARCH_2026)
    assert error.value.code == "policy.emergency.unknown"


@pytest.mark.parametrize(
    ("occasion", "persons", "months", "kg", "chosen_months"),
    [
        ("tet", 4, None, 60, 1),
        ("disaster", 4, None, 180, 3),
        ("disaster", 1, 2, 30, 2),
    ],
)
def test_rice_support(
    occasion: str, persons: int, months: int | None, kg: int, chosen_months: int
) -> None:
    rice = ENGINE.rice_support(occasion, persons, MARCH_2026, months)

    assert rice.kg == kg
    assert rice.months == chosen_months
    assert rice.kg_per_person_month == 15


def test_rice_occasions_and_their_months() -> None:
    assert dict(ENGINE.rice_occasions(MARCH_2026)) == {"tet": 1, "disaster": 3}


@pytest.mark.parametrize(
    ("occasion", "persons", "months", "code"),
    [
        ("tet", 4, 2, "policy.emergency.rice_months_exceeded"),
        ("disaster", 4, 4, "policy.emergency.rice_months_exceeded"),
        ("disaster", 4, 0, "policy.emergency.rice_months_exceeded"),
        ("harvest", 4, None, "policy.emergency.rice_occasion_unknown"),
        ("tet", 0, None, "policy.persons.invalid"),
    ],
)
def test_rice_support_refusals(occasion: str, persons: int, months: int | None, code: str) -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.rice_support(occasion, persons, MARCH_2026, months)
    assert error.value.code == code


# ---------------------------------------------------------------- social pension (Decree 176/2025)

PENSION = [
    # birth         month      household                 receives pension  eligible  step
    ("1950-01-15", "2025-06", None, False, False, "not_in_force"),
    ("1950-01-15", "2025-07", None, False, True, "age_75"),
    ("1951-03-15", "2026-02", None, False, False, "household_not_eligible"),
    ("1951-03-15", "2026-03", None, False, True, "age_75"),
    ("1956-03-15", "2026-02", HouseholdStatus.POOR, False, False, "age_below"),
    ("1956-03-15", "2026-03", HouseholdStatus.POOR, False, True, "age_70_poor_household"),
    ("1956-03-15", "2026-03", HouseholdStatus.NEAR_POOR, False, True, "age_70_poor_household"),
    ("1956-03-15", "2026-03", HouseholdStatus.NOT_POOR, False, False, "household_not_eligible"),
    ("1940-01-15", "2026-03", None, True, False, "has_pension"),
    ("", "2026-03", None, False, False, "birth_unknown"),
]


@pytest.mark.parametrize(
    ("birth", "month", "household", "has_pension", "eligible", "step"), PENSION
)
def test_social_pension_eligibility(
    birth: str,
    month: str,
    household: HouseholdStatus | None,
    has_pension: bool,
    eligible: bool,
    step: str,
) -> None:
    facts = PersonFacts(
        PartialDate.parse(birth), household_status=household, receives_pension=has_pension
    )
    pension = ENGINE.social_pension(facts, Month.parse(month))

    assert pension.eligible is eligible
    assert ENGINE.social_pension_eligible(facts, Month.parse(month)) is eligible
    assert pension.amount == (500_000 if eligible else 0)
    assert f"policy.pension.{step}" in [s.code for s in pension.explanation]


def test_social_pension_amount_is_marked_for_verification() -> None:
    pension = ENGINE.social_pension(PersonFacts(PartialDate(1940)), MARCH_2026)

    assert "policy.data.verify" in [s.code for s in pension.explanation]


def test_no_social_pension_after_death() -> None:
    facts = PersonFacts(PartialDate(1940), died=Month(2026, 1))

    pension = ENGINE.social_pension(facts, MARCH_2026)
    assert not pension.eligible
    assert pension.explanation[-1].code == "policy.pension.deceased"


# ---------------------------------------------------------------- start, stop, adjustment


@pytest.mark.parametrize("category", ["K1", "K2", "K3", "K4", "K5a", "K5d", "K7", "K8"])
def test_start_is_the_month_the_decision_is_signed(category: str) -> None:
    timing = ENGINE.start_month(category, dt.date(2026, 3, 31))

    assert timing.month == MARCH_2026
    assert timing.explanation[0].code == "policy.start.decision"


def test_k6_starts_the_month_the_certificate_was_issued() -> None:
    timing = ENGINE.start_month("K6", dt.date(2026, 3, 5), certificate_date=dt.date(2026, 1, 20))

    assert timing.month == Month(2026, 1)
    assert [s.code for s in timing.explanation] == ["policy.start.certificate"]


def test_k6_certificate_in_the_application_month_starts_then() -> None:
    timing = ENGINE.start_month(
        "K6",
        dt.date(2026, 3, 5),
        certificate_date=dt.date(2026, 1, 2),
        application_date=dt.date(2026, 1, 28),
    )
    assert timing.month == Month(2026, 1)


def test_k6_old_certificate_starts_no_earlier_than_the_application() -> None:
    timing = ENGINE.start_month(
        "K6",
        dt.date(2026, 3, 5),
        certificate_date=dt.date(2015, 6, 1),
        application_date=dt.date(2026, 2, 10),
    )

    assert timing.month == Month(2026, 2)
    assert timing.explanation[-1].code == "policy.start.not_before_application"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, "policy.start.certificate_required"),
        ({"certificate_date": dt.date(2026, 4, 1)}, "policy.start.certificate_after_decision"),
        (
            {"certificate_date": dt.date(2026, 1, 1), "application_date": dt.date(2026, 4, 1)},
            "policy.start.application_after_decision",
        ),
    ],
)
def test_k6_start_refusals(kwargs: dict[str, Any], code: str) -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.start_month("K6", dt.date(2026, 3, 5), **kwargs)
    assert error.value.code == code


def test_start_of_an_unknown_category_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.start_month("K0", dt.date(2026, 3, 5))
    assert error.value.code == "policy.category.unknown"


@pytest.mark.parametrize(
    ("event", "month"),
    [(dt.date(2026, 3, 1), Month(2026, 4)), (dt.date(2026, 12, 31), Month(2027, 1))],
)
def test_stop_is_from_the_month_after_the_event(event: dt.date, month: Month) -> None:
    timing = stop_month(event)

    assert timing.month == month
    assert timing.explanation[0].code == "policy.stop.after_event"


def test_adjustment_is_from_the_month_of_eligibility() -> None:
    timing = adjustment_month(dt.date(2026, 3, 15))

    assert timing.month == MARCH_2026
    assert timing.explanation[0].code == "policy.adjust.from_eligibility"


def test_an_age_limit_stop_agrees_with_the_allowance() -> None:
    """The 16th birthday is the loss of eligibility: stop from the month after it."""
    birth = PartialDate(2010, 3, 15)
    stop = stop_month(dt.date(2026, 3, 15)).month
    facts = PersonFacts(birth, CategoryClaim.of("K1"))

    assert ENGINE.monthly_allowance(facts, stop.add(-1)).monthly_amount > 0
    assert ENGINE.monthly_allowance(facts, stop).monthly_amount == 0


# ---------------------------------------------------------------- catalogue


def test_catalogue_lists_every_category_in_legal_order() -> None:
    assert [c.code for c in ENGINE.categories()] == [
        "K1", "K2", "K3", "K4", "K5a", "K5b", "K5c", "K5d", "K6", "K7", "K8",
    ]  # fmt: skip


def test_catalogue_for_a_month_leaves_out_closed_categories() -> None:
    before = {c.code for c in ENGINE.categories(Month(2025, 6))}
    after = {c.code for c in ENGINE.categories(Month(2025, 7))}

    assert {"K5b", "K5c"} <= before
    assert before - after == {"K5b", "K5c"}
    assert ENGINE.category("K5c").closed_from == Month(2025, 7)
    assert ENGINE.category("K5a").closed_from is None


NEEDS = [
    ("K1", {Fact.BIRTH}),
    ("K2", {Fact.BIRTH, Fact.STUDYING}),
    ("K3", {Fact.BIRTH}),
    ("K4", {Fact.CHILDREN_COUNT}),
    ("K5a", {Fact.BIRTH}),
    ("K6", {Fact.BIRTH, Fact.DISABILITY_LEVEL}),
    ("K7", {Fact.BIRTH}),
    ("K8", set()),
]


@pytest.mark.parametrize(("code", "needs"), NEEDS)
def test_catalogue_says_which_facts_a_category_needs(code: str, needs: set[Fact]) -> None:
    assert ENGINE.category(code).needs == needs


def test_catalogue_details() -> None:
    k1 = ENGINE.category("K1")
    assert k1.name_vi.startswith("Trẻ em dưới 16 tuổi")
    assert k1.legal_ref == "Nghị định 20/2021/NĐ-CP, khoản 1 Điều 5"
    assert len(k1.sub_cases) == 11
    assert k1.sub_cases[0].code == "abandoned"
    assert [c.code for c in ENGINE.category("K4").sub_cases] == [
        "unmarried",
        "widowed",
        "spouse_missing",
    ]
    k6 = ENGINE.category("K6")
    assert k6.disability_levels == (PS, SEVERE)
    assert k6.starts_from is StartRule.CERTIFICATE
    assert ENGINE.category("K1").starts_from is StartRule.DECISION
    assert {c.code for c in ENGINE.categories() if c.sensitive} == {"K3", "K8"}


def test_catalogue_of_care_cases() -> None:
    cases = {c.code: c for c in ENGINE.care_cases()}

    assert list(cases) == [
        "foster_child",
        "foster_elderly",
        "own_member_disability",
        "disabled_parent",
    ]
    assert cases["disabled_parent"].needs == {
        Fact.DISABILITY_LEVEL,
        Fact.PREGNANT,
        Fact.YOUNG_CHILDREN,
    }
    assert cases["foster_child"].needs == {Fact.BIRTH}


def test_catalogue_refuses_an_unknown_code() -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.category("K42")
    assert error.value.code == "policy.category.unknown"
