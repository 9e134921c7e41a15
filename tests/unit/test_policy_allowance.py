"""Monthly social allowance (Decree 20/2021 Art. 5–6): coefficients, age bands, limits,
highest only, the K4 exception, K5b/K5c moving to the social pension.

Birthdays are on the 15th so each boundary is tested in the month before the birthday, the
birthday month and the month after.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy import (
    Allowance,
    Benefit,
    CategoryClaim,
    ClaimResult,
    PersonFacts,
    PolicyEngine,
)

ENGINE = PolicyEngine.load()
PS = DisabilityLevel.PARTICULARLY_SEVERE
SEVERE = DisabilityLevel.SEVERE
MILD = DisabilityLevel.MILD
STUDYING: dict[str, Any] = {"studying": True}


def allowance(*categories: str, birth: str, month: str, **facts: Any) -> Allowance:
    return ENGINE.monthly_allowance(
        PersonFacts(PartialDate.parse(birth), CategoryClaim.of(*categories), **facts),
        Month.parse(month),
    )


def claim(answer: Allowance, category: str) -> ClaimResult:
    return next(c for c in answer.claims if c.category == category)


def codes(answer: Allowance) -> list[str]:
    return [step.code for step in answer.explanation]


# Coefficient for a month. Bands use the age reached by the END of the month, so the
# birthday month already counts at the new age.
COEFFICIENTS = [
    # category  birth          month      facts                  coefficient
    # K1 child with no one to support them: 2.5 under 4; 1.5 from 4
    ("K1", "2022-03-15", "2026-02", {}, "2.5"),
    ("K1", "2022-03-15", "2026-03", {}, "1.5"),
    ("K1", "2022-03-15", "2026-04", {}, "1.5"),
    ("K1", "2026-01-31", "2026-01", {}, "2.5"),
    # K2 aged 16 to 22 in education: 1.5
    ("K2", "2008-06-15", "2026-06", STUDYING, "1.5"),
    # K3 child with HIV in a poor household: 2.5 under 4; 2.0 from 4 to 16
    ("K3", "2022-03-15", "2026-02", {}, "2.5"),
    ("K3", "2022-03-15", "2026-03", {}, "2.0"),
    ("K3", "2022-03-15", "2026-04", {}, "2.0"),
    # K4 single parent: 1.0 per child raised
    ("K4", "1990-01-01", "2026-03", {"children_count": 1}, "1.0"),
    ("K4", "1990-01-01", "2026-03", {"children_count": 3}, "3.0"),
    # K5a elderly, poor, no one to support them: 1.5 aged 60 to 80; 2.0 from 80
    ("K5a", "1966-03-15", "2026-03", {}, "1.5"),
    ("K5a", "1946-03-15", "2026-02", {}, "1.5"),
    ("K5a", "1946-03-15", "2026-03", {}, "2.0"),
    ("K5a", "1946-03-15", "2026-04", {}, "2.0"),
    # K5b aged 75 to 80 in difficult communes: 1.0 (until 2025-06)
    ("K5b", "1948-01-15", "2025-06", {}, "1.0"),
    # K5c aged 80+ without a pension: 1.0 (until 2025-06)
    ("K5c", "1940-01-15", "2025-06", {}, "1.0"),
    # K5d elderly cared for in the community instead of a facility: 3.0
    ("K5d", "1950-01-15", "2026-03", {}, "3.0"),
    # K6 particularly severe disability: 2.0; 2.5 if child (under 16) or elderly (60+)
    ("K6", "2010-03-15", "2026-02", {"disability_level": PS}, "2.5"),
    ("K6", "2010-03-15", "2026-03", {"disability_level": PS}, "2.0"),
    ("K6", "1990-01-15", "2026-03", {"disability_level": PS}, "2.0"),
    ("K6", "1966-03-15", "2026-02", {"disability_level": PS}, "2.0"),
    ("K6", "1966-03-15", "2026-03", {"disability_level": PS}, "2.5"),
    ("K6", "1966-03-15", "2026-04", {"disability_level": PS}, "2.5"),
    # K6 severe disability: 1.5; 2.0 if child or elderly
    ("K6", "2010-03-15", "2026-02", {"disability_level": SEVERE}, "2.0"),
    ("K6", "2010-03-15", "2026-03", {"disability_level": SEVERE}, "1.5"),
    ("K6", "1990-01-15", "2026-03", {"disability_level": SEVERE}, "1.5"),
    ("K6", "1966-03-15", "2026-02", {"disability_level": SEVERE}, "1.5"),
    ("K6", "1966-03-15", "2026-03", {"disability_level": SEVERE}, "2.0"),
    # K7 child under 3, poor, in difficult communes: 1.5
    ("K7", "2024-05-15", "2026-03", {}, "1.5"),
    # K8 person with HIV, poor, no stable income: 1.5
    ("K8", "1985-01-15", "2026-03", {}, "1.5"),
]


@pytest.mark.parametrize(("category", "birth", "month", "facts", "coefficient"), COEFFICIENTS)
def test_coefficient_of_each_category(
    category: str, birth: str, month: str, facts: dict[str, Any], coefficient: str
) -> None:
    answer = allowance(category, birth=birth, month=month, **facts)

    result = claim(answer, category)
    assert result.eligible, result.step
    assert result.coefficient == Decimal(coefficient)
    assert answer.chosen == (category,)
    assert answer.total_coefficient == Decimal(coefficient)
    level = ENGINE.standard_level(Month.parse(month)).amount
    assert answer.allowance_amount == Decimal(coefficient) * level
    assert result.step.code.startswith("policy.band.")


# Eligibility limits. An upper limit keeps the birthday month paid and stops from the
# month after; a lower limit pays from the birthday month.
LIMITS = [
    # category  birth          month      facts              paid?  reason when not
    ("K1", "2010-03-15", "2026-02", {}, True, None),
    ("K1", "2010-03-15", "2026-03", {}, True, None),
    ("K1", "2010-03-15", "2026-04", {}, False, "age_over_limit"),
    ("K2", "2010-03-15", "2026-02", STUDYING, False, "age_below_minimum"),
    ("K2", "2010-03-15", "2026-03", STUDYING, True, None),
    ("K2", "2004-03-15", "2026-03", STUDYING, True, None),
    ("K2", "2004-03-15", "2026-04", STUDYING, False, "age_over_limit"),
    ("K2", "2008-03-15", "2026-06", {}, False, "not_studying"),
    ("K3", "2010-03-15", "2026-03", {}, True, None),
    ("K3", "2010-03-15", "2026-04", {}, False, "age_over_limit"),
    ("K4", "1990-01-01", "2026-03", {"children_count": 0}, False, "no_children"),
    ("K5a", "1966-03-15", "2026-02", {}, False, "age_below_minimum"),
    ("K5a", "1966-03-15", "2026-03", {}, True, None),
    ("K5b", "1950-03-15", "2025-02", {}, False, "age_below_minimum"),
    ("K5b", "1950-03-15", "2025-03", {}, True, None),
    ("K5b", "1945-03-15", "2025-03", {}, True, None),
    ("K5b", "1945-03-15", "2025-04", {}, False, "age_over_limit"),
    ("K5c", "1945-03-15", "2025-02", {}, False, "age_below_minimum"),
    ("K5c", "1945-03-15", "2025-03", {}, True, None),
    ("K5d", "1966-03-15", "2026-02", {}, False, "age_below_minimum"),
    ("K5d", "1966-03-15", "2026-03", {}, True, None),
    ("K6", "1990-01-15", "2026-03", {}, False, "disability_level_missing"),
    ("K6", "1990-01-15", "2026-03", {"disability_level": MILD}, False,
     "disability_level_not_covered"),
    ("K7", "2023-03-15", "2026-02", {}, True, None),
    ("K7", "2023-03-15", "2026-03", {}, True, None),
    ("K7", "2023-03-15", "2026-04", {}, False, "age_over_limit"),
    # A birthday on the 1st (as every partial birth date is taken) still pays its month.
    ("K1", "2010-03-01", "2026-03", {}, True, None),
    ("K1", "2010-03-01", "2026-04", {}, False, "age_over_limit"),
    ("K1", "2010-03", "2026-03", {}, True, None),
    ("K1", "2010", "2026-01", {}, True, None),
    ("K1", "2010", "2026-02", {}, False, "age_over_limit"),
    ("K7", "2023", "2026-01", {}, True, None),
    ("K7", "2023", "2026-02", {}, False, "age_over_limit"),
]  # fmt: skip


@pytest.mark.parametrize(("category", "birth", "month", "facts", "paid", "reason"), LIMITS)
def test_eligibility_limits(
    category: str, birth: str, month: str, facts: dict[str, Any], paid: bool, reason: str | None
) -> None:
    result = claim(allowance(category, birth=birth, month=month, **facts), category)

    assert result.eligible is paid
    if reason is None:
        assert result.reason is None
    else:
        assert result.reason is not None
        assert result.reason.code == f"policy.reason.{reason}"
        assert result.amount == 0 and result.coefficient == 0


def test_upper_limit_names_the_last_month_paid() -> None:
    result = claim(allowance("K1", birth="2010-03-15", month="2026-05"), "K1")

    assert result.reason is not None
    assert dict(result.reason.params) == {"category": "K1", "limit": 16, "last_month": "2026-03"}


def test_lower_limit_names_the_first_month() -> None:
    result = claim(allowance("K5a", birth="1966-03-15", month="2025-11"), "K5a")

    assert result.reason is not None
    assert result.reason.params["first_month"] == "2026-03"


def test_birthday_on_the_last_day_of_the_month_counts_for_that_month() -> None:
    assert claim(allowance("K1", birth="2022-02-28", month="2026-02"), "K1").coefficient == Decimal(
        "1.5"
    )


# ---------------------------------------------------------------- standard level changes


@pytest.mark.parametrize(
    ("month", "level", "amount"),
    [
        ("2021-07", 360_000, 540_000),
        ("2024-06", 360_000, 540_000),
        ("2024-07", 500_000, 750_000),
        ("2026-06", 500_000, 750_000),
        ("2026-07", 540_000, 810_000),
    ],
)
def test_amount_follows_the_standard_level(month: str, level: int, amount: int) -> None:
    answer = allowance("K8", birth="1985-01-15", month=month)

    assert answer.standard_level == level
    assert answer.allowance_amount == answer.monthly_amount == amount


def test_k4_amount_is_per_child_at_the_level() -> None:
    answer = allowance("K4", birth="1990-01-01", month="2026-07", children_count=2)

    assert answer.allowance_amount == 2 * 540_000
    band = claim(answer, "K4").step
    assert band.params["children"] == 2 and band.params["per_child"] == Decimal("1.0")


# ---------------------------------------------------------------- highest only, K4 exception

HIGHEST_ONLY = [
    # claims                 facts                                        chosen          total
    (("K1", "K6"), "2023-01-15", {"disability_level": SEVERE}, ("K1",), "2.5"),
    (("K6", "K1"), "2023-01-15", {"disability_level": SEVERE}, ("K1",), "2.5"),
    (("K5a", "K6"), "1950-01-15", {"disability_level": PS}, ("K6",), "2.5"),
    (("K5a", "K5d"), "1950-01-15", {}, ("K5d",), "3.0"),
    (("K1", "K2"), "2010-03-15", STUDYING, ("K1",), "1.5"),
    (("K3", "K6"), "2020-01-15", {"disability_level": PS}, ("K6",), "2.5"),
    (("K3", "K6"), "2023-01-15", {"disability_level": PS}, ("K3",), "2.5"),  # tie: first
    (("K8", "K6"), "1990-01-15", {"disability_level": PS}, ("K6",), "2.0"),
]


@pytest.mark.parametrize(("claims", "birth", "facts", "chosen", "total"), HIGHEST_ONLY)
def test_several_categories_pay_only_the_highest(
    claims: tuple[str, ...], birth: str, facts: dict[str, Any], chosen: tuple[str, ...], total: str
) -> None:
    answer = allowance(*claims, birth=birth, month="2026-03", **facts)

    assert answer.chosen == chosen
    assert answer.total_coefficient == Decimal(total)
    assert answer.allowance_amount == Decimal(total) * 500_000
    assert "policy.choice.highest" in codes(answer)
    assert len(answer.eligible) == len(claims)


K4_COMBINED = [
    # K4 with a K5, K6 or K8 category: both paid (Art. 6.2)
    (("K4", "K6"), "1980-01-15", {"disability_level": SEVERE}, ("K4", "K6"), "3.5"),
    (("K6", "K4"), "1980-01-15", {"disability_level": PS}, ("K4", "K6"), "4.0"),
    (("K4", "K5a"), "1960-01-15", {}, ("K4", "K5a"), "3.5"),
    (("K4", "K5d"), "1960-01-15", {}, ("K4", "K5d"), "5.0"),
    (("K4", "K8"), "1980-01-15", {}, ("K4", "K8"), "3.5"),
    # K4 plus the highest of several others
    (("K4", "K6", "K5a", "K8"), "1960-01-15", {"disability_level": PS}, ("K4", "K6"), "4.5"),
    (("K4", "K5a", "K5d"), "1960-01-15", {}, ("K4", "K5d"), "5.0"),
]


@pytest.mark.parametrize(("claims", "birth", "facts", "chosen", "total"), K4_COMBINED)
def test_single_parent_also_in_k5_k6_k8_receives_both(
    claims: tuple[str, ...], birth: str, facts: dict[str, Any], chosen: tuple[str, ...], total: str
) -> None:
    answer = allowance(*claims, birth=birth, month="2026-03", children_count=2, **facts)

    assert answer.chosen == chosen
    assert answer.total_coefficient == Decimal(total)
    assert answer.allowance_amount == Decimal(total) * 500_000
    combined = next(s for s in answer.explanation if s.code == "policy.choice.combined")
    assert combined.params["category"] == "K4" and combined.params["other"] == chosen[1]


def test_k4_with_k5c_before_it_moved_to_the_social_pension() -> None:
    answer = allowance("K4", "K5c", birth="1944-01-15", month="2025-06", children_count=1)

    assert answer.chosen == ("K4", "K5c")
    assert answer.allowance_amount == 2 * 500_000


@pytest.mark.parametrize(
    ("children", "chosen"),
    [
        (2, ("K4",)),  # 2 × 1.0 beats K2's 1.5
        (1, ("K2",)),  # K2's 1.5 beats 1 × 1.0: K2 is not one K4 combines with
    ],
)
def test_k4_with_a_category_outside_the_exception_pays_the_highest(
    children: int, chosen: tuple[str, ...]
) -> None:
    answer = allowance(
        "K4", "K2", birth="2006-01-15", month="2026-03", children_count=children, studying=True
    )

    assert answer.chosen == chosen
    assert "policy.choice.combined" not in codes(answer)


@pytest.mark.parametrize("other", ["K1", "K3", "K6"])
def test_k7_is_not_paid_to_a_child_already_k1_k3_or_k6(other: str) -> None:
    answer = allowance("K7", other, birth="2024-05-15", month="2026-03", disability_level=SEVERE)

    k7 = claim(answer, "K7")
    assert not k7.eligible and k7.reason is not None
    assert k7.reason.code == "policy.reason.excluded_by"
    assert k7.reason.params["other"] == other
    assert answer.chosen == (other,)


def test_k7_is_paid_when_the_excluding_category_is_not_met() -> None:
    answer = allowance("K7", "K6", birth="2024-05-15", month="2026-03", disability_level=MILD)

    assert answer.chosen == ("K7",)


def test_only_one_category_is_explained_as_such() -> None:
    assert "policy.choice.only" in codes(allowance("K8", birth="1985-01-15", month="2026-03"))


def test_no_eligible_category_pays_nothing() -> None:
    answer = allowance("K1", birth="2000-01-15", month="2026-03")

    assert answer.chosen == ()
    assert answer.allowance_amount == answer.monthly_amount == 0
    assert answer.benefit is Benefit.NONE
    assert "policy.choice.none" in codes(answer)
    assert "policy.amount.total" not in codes(answer)


def test_no_claims_at_all_is_a_valid_question() -> None:
    answer = allowance(birth="1990-01-15", month="2026-03")

    assert answer.claims == () and answer.monthly_amount == 0


# ---------------------------------------------------------------- K5b / K5c and social pension


@pytest.mark.parametrize(("category", "birth"), [("K5b", "1948-01-15"), ("K5c", "1940-01-15")])
def test_k5b_k5c_paid_until_june_2025(category: str, birth: str) -> None:
    answer = allowance(category, birth=birth, month="2025-06")

    assert answer.chosen == (category,)
    assert answer.benefit is Benefit.ALLOWANCE
    assert answer.monthly_amount == 500_000


@pytest.mark.parametrize(("category", "birth"), [("K5b", "1948-01-15"), ("K5c", "1940-01-15")])
def test_k5b_k5c_move_to_the_social_pension_from_july_2025(category: str, birth: str) -> None:
    answer = allowance(category, birth=birth, month="2025-07")

    result = claim(answer, category)
    assert result.reason is not None
    assert result.reason.code == "policy.reason.moved_to_social_pension"
    assert result.reason.params["from"] == "2025-07-01"
    assert answer.allowance_amount == 0
    assert answer.benefit is Benefit.SOCIAL_PENSION
    assert answer.monthly_amount == answer.social_pension.amount == 500_000
    assert "policy.pension.age_75" in codes(answer)


def test_k5c_with_a_pension_gets_neither_after_july_2025() -> None:
    answer = allowance("K5c", birth="1940-01-15", month="2026-03", receives_pension=True)

    assert answer.benefit is Benefit.NONE
    assert "policy.pension.has_pension" in codes(answer)


def test_allowance_higher_than_the_social_pension_is_kept() -> None:
    answer = allowance("K5a", birth="1946-01-15", month="2026-03")

    assert answer.social_pension.eligible
    assert answer.benefit is Benefit.ALLOWANCE
    assert answer.monthly_amount == 1_000_000
    assert "policy.benefit.allowance_higher" in codes(answer)


def test_social_pension_is_paid_when_no_category_is() -> None:
    answer = allowance("K4", birth="1950-01-15", month="2026-03", children_count=0)

    assert answer.allowance_amount == 0
    assert answer.benefit is Benefit.SOCIAL_PENSION
    assert answer.monthly_amount == 500_000


def test_a_tie_keeps_the_allowance() -> None:
    answer = allowance("K4", birth="1950-01-15", month="2026-03", children_count=1)

    assert answer.allowance_amount == answer.social_pension.amount == 500_000
    assert answer.benefit is Benefit.ALLOWANCE


# ---------------------------------------------------------------- partial and unknown births


def test_year_only_birth_is_taken_as_1_january() -> None:
    december = allowance("K1", birth="2022", month="2025-12")
    january = allowance("K1", birth="2022", month="2026-01")

    assert december.total_coefficient == Decimal("2.5")
    assert january.total_coefficient == Decimal("1.5")
    assumed = next(s for s in january.explanation if s.code == "policy.birth.assumed")
    assert dict(assumed.params) == {"birth": "2022", "assumed": "2022-01-01"}


def test_month_and_year_birth_is_taken_as_the_first_of_the_month() -> None:
    assert allowance("K1", birth="03/2022", month="2026-02").total_coefficient == Decimal("2.5")
    answer = allowance("K1", birth="03/2022", month="2026-03")
    assert answer.total_coefficient == Decimal("1.5")
    assert "policy.birth.assumed" in codes(answer)


def test_full_birth_date_needs_no_assumption() -> None:
    assert "policy.birth.assumed" not in codes(allowance("K1", birth="2022-03-15", month="2026-03"))


@pytest.mark.parametrize(
    ("category", "facts"),
    [("K1", {}), ("K2", STUDYING), ("K5a", {}), ("K6", {"disability_level": PS}), ("K7", {})],
)
def test_unknown_birth_cannot_settle_an_age_condition(category: str, facts: dict[str, Any]) -> None:
    result = claim(allowance(category, birth="", month="2026-03", **facts), category)

    assert result.reason is not None and result.reason.code == "policy.reason.birth_unknown"


@pytest.mark.parametrize(("category", "facts"), [("K8", {}), ("K4", {"children_count": 2})])
def test_unknown_birth_is_fine_without_an_age_condition(
    category: str, facts: dict[str, Any]
) -> None:
    answer = allowance(category, birth="", month="2026-03", **facts)

    assert answer.chosen == (category,)
    assert "policy.age.end_of_month" not in codes(answer)
    assert answer.social_pension.explanation[0].code == "policy.pension.birth_unknown"


# ---------------------------------------------------------------- death, facility


def test_death_month_is_paid_and_the_next_is_not() -> None:
    died = Month(2026, 3)
    march = allowance("K8", birth="1985-01-15", month="2026-03", died=died)
    april = allowance("K8", birth="1985-01-15", month="2026-04", died=died)

    assert march.monthly_amount == 750_000
    assert april.monthly_amount == 0
    reason = claim(april, "K8").reason
    assert reason is not None and reason.code == "policy.reason.deceased"
    assert reason.params["stop_from"] == "2026-04"


def test_facility_resident_gets_no_community_allowance() -> None:
    answer = allowance("K1", birth="2020-01-15", month="2026-03", in_facility=True)

    reason = claim(answer, "K1").reason
    assert reason is not None and reason.code == "policy.reason.in_facility"
    assert answer.monthly_amount == 0


# ---------------------------------------------------------------- malformed questions


def test_unknown_category_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        allowance("K9", birth="2000-01-01", month="2026-03")
    assert error.value.code == "policy.category.unknown"
    assert error.value.field == "category"
    assert error.value.params["category"] == "K9"


def test_same_category_twice_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        allowance("K8", "K8", birth="2000-01-01", month="2026-03")
    assert error.value.code == "policy.category.duplicate"


def test_unknown_sub_case_is_refused() -> None:
    facts = PersonFacts(PartialDate(2020), (CategoryClaim("K1", "adopted"),))
    with pytest.raises(DomainError) as error:
        ENGINE.monthly_allowance(facts, Month(2026, 3))
    assert error.value.code == "policy.sub_case.unknown"


def test_known_sub_case_is_accepted() -> None:
    facts = PersonFacts(PartialDate(2020), (CategoryClaim("K1", "orphaned_both"),))
    assert ENGINE.monthly_allowance(facts, Month(2026, 3)).chosen == ("K1",)


@pytest.mark.parametrize(("birth", "month"), [("2026-03-15", "2026-02"), ("2026", "2025-12")])
def test_month_before_birth_is_refused(birth: str, month: str) -> None:
    with pytest.raises(DomainError) as error:
        allowance("K1", birth=birth, month=month)
    assert error.value.code == "policy.month_before_birth"


def test_birth_month_itself_is_a_valid_month() -> None:
    assert allowance("K1", birth="2026-03-31", month="2026-03").total_coefficient == Decimal("2.5")


def test_month_before_the_data_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        allowance("K1", birth="2015-01-01", month="2021-06")
    assert error.value.code == "policy.month_not_covered"
    assert error.value.params["first"] == "2021-07-01"


def test_negative_children_count_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        PersonFacts(PartialDate(1990), CategoryClaim.of("K4"), children_count=-1)
    assert error.value.code == "policy.children_count.invalid"


# ---------------------------------------------------------------- command-line helper


def test_allowance_from_text_reads_what_the_cli_gives() -> None:
    answer = ENGINE.allowance_from_text(
        ["K4", "K6"],
        "1980-05-01",
        "2026-07",
        disability_level="particularly_severe",
        children=2,
        province=None,
    )

    assert answer.chosen == ("K4", "K6")
    assert answer.total_coefficient == Decimal("4.0")
    assert answer.monthly_amount == 2_160_000


def test_allowance_from_text_reads_household_and_studying() -> None:
    answer = ENGINE.allowance_from_text(
        ["K2"], "2008-01-01", "2026-03", studying=True, household_status="poor"
    )
    assert answer.chosen == ("K2",)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"disability_level": "very_severe"}, "disability_level"),
        ({"household_status": "rich"}, "household_status"),
    ],
)
def test_allowance_from_text_refuses_unknown_codes(options: dict[str, Any], field: str) -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.allowance_from_text(["K6"], "1980", "2026-03", **options)
    assert error.value.code == f"policy.{field}.unknown" and error.value.field == field


def test_allowance_from_text_refuses_a_bad_month() -> None:
    with pytest.raises(DomainError) as error:
        ENGINE.allowance_from_text(["K1"], "2020", "March")
    assert error.value.code == "month.invalid"


def test_household_status_values_round_trip() -> None:
    answer = ENGINE.allowance_from_text(
        [], "1954-01-15", "2026-03", household_status=HouseholdStatus.NEAR_POOR.value
    )
    assert answer.benefit is Benefit.SOCIAL_PENSION
