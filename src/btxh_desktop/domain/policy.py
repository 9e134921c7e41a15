"""The policy engine: what the law pays whom for a month, and why (Decree 20/2021/NĐ-CP).

Every answer carries its explanation as a tuple of `Step`s (a message code and parameters,
rendered by `btxh_desktop.messages`), so a commune officer can see which level, band and
rule produced an amount. The legal figures live in `resources/policy/*.json`
(see `policy_data`); this module only interprets them.

Age rules, as the data files state them:
- a coefficient band uses the age reached by the END of the month: the birthday month
  already counts at the new age;
- a lower age limit (K5a 60+) makes a person eligible from the birthday month;
- an upper age limit (K1 under 16) keeps the birthday month paid: eligibility is lost at that
  birthday and payment stops from the following month;
- a partial birth date is taken as the 1st of its month, or 1 January of its year.

The engine is built once and queried many times (alerts scan every beneficiary), so loading
precompiles the figures and a query touches no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.dates import Month, PartialDate, Precision
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy_data import (
    STANDARD_LEVEL,
    Dated,
    Figure,
    FigureTable,
    PolicyData,
    PolicyDataError,
    RiceTerms,
    Scheme,
    StartRule,
    Terms,
    load_policy_data,
)
from btxh_desktop.paths import resource_path

__all__ = [
    "Allowance",
    "Benefit",
    "CareCaseInfo",
    "CareFacts",
    "CategoryClaim",
    "CategoryInfo",
    "ClaimResult",
    "Fact",
    "PersonFacts",
    "PolicyDataError",
    "PolicyEngine",
    "RiceSupport",
    "SocialPension",
    "StandardLevel",
    "StartRule",
    "Step",
    "SubCase",
    "Support",
    "Timing",
    "adjustment_month",
    "stop_month",
]

ParamValue = str | int | Decimal
E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Step:
    """One line of an explanation: a message code and its parameters (never prose)."""

    code: str
    params: Mapping[str, ParamValue]


def _step(code: str, params: Mapping[str, ParamValue] | None = None) -> Step:
    # Answers are cached and shared, so a caller must not be able to edit their steps.
    return Step(code, MappingProxyType(dict(params or {})))


def _money(value: Decimal) -> int:
    """Whole đồng, half up: 551,251.5 đồng is paid as 551,252."""
    return int(value.quantize(_ONE, rounding=ROUND_HALF_UP))


def _iso(month: Month) -> str:
    return month.first_day().isoformat()


def _verify(entry: Dated[T]) -> tuple[Step, ...]:
    return (_step("policy.data.verify", {"source": entry.source}),) if entry.verify else ()


# ---------------------------------------------------------------------------- inputs


class Fact(StrEnum):
    """A fact about a person that a category, case or rule needs."""

    BIRTH = "birth"
    DISABILITY_LEVEL = "disability_level"
    CHILDREN_COUNT = "children_count"
    STUDYING = "studying"
    PREGNANT = "pregnant"
    YOUNG_CHILDREN = "young_children"


@dataclass(frozen=True, slots=True)
class CategoryClaim:
    """A category the person is recorded (or applying) under, e.g. K1 / abandoned."""

    category: str
    sub_case: str | None = None

    @classmethod
    def of(cls, *categories: str) -> tuple[CategoryClaim, ...]:
        return tuple(cls(code) for code in categories)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the rules of the monthly social allowance and the social pension look at.

    The officer has verified each claim's non-age conditions (poor household, no one to
    support them...); the engine checks what changes with time and the recorded facts.
    """

    birth: PartialDate
    claims: tuple[CategoryClaim, ...] = ()
    disability_level: DisabilityLevel | None = None
    # K4: children raised who meet the conditions (under 16, or 16 to 22 in education).
    children_count: int = 0
    # K2: in education for a first qualification.
    studying: bool = False
    household_status: HouseholdStatus | None = None
    # A retirement pension or monthly social-insurance benefit (rules out the social pension).
    receives_pension: bool = False
    # A facility resident receives the facility allowance instead (Art. 25).
    in_facility: bool = False
    province_code: str | None = None
    died: Month | None = None

    def __post_init__(self) -> None:
        if self.children_count < 0:
            raise DomainError(
                "policy.children_count.invalid", field="children_count", value=self.children_count
            )


@dataclass(frozen=True, slots=True)
class CareFacts:
    """Care support (Art. 20) for one case; `subject` is the person the case is about: the
    fostered child or elderly person, the member with a disability, the disabled parent."""

    case: str
    subject_birth: PartialDate = field(default_factory=PartialDate)
    disability_level: DisabilityLevel | None = None
    pregnant: bool = False
    # disabled_parent: births of the children raised; those under 36 months are counted.
    children_births: tuple[PartialDate, ...] = ()
    province_code: str | None = None


# ---------------------------------------------------------------------------- answers


class Benefit(StrEnum):
    """Which monthly benefit is paid when both the allowance and the social pension apply."""

    ALLOWANCE = "allowance"
    SOCIAL_PENSION = "social_pension"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class StandardLevel:
    month: Month
    amount: int
    national: int
    province_code: str | None  # set when the province's higher level applies
    explanation: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class ClaimResult:
    category: str
    eligible: bool
    coefficient: Decimal  # zero when not eligible; K4: per-child coefficient × children
    amount: int
    step: Step  # the band that set the coefficient, or the reason it is not paid

    @property
    def reason(self) -> Step | None:
        return None if self.eligible else self.step


@dataclass(frozen=True, slots=True)
class SocialPension:
    month: Month
    eligible: bool
    amount: int  # zero when not eligible
    explanation: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Allowance:
    """The monthly social allowance for one person and month."""

    month: Month
    standard_level: int
    claims: tuple[ClaimResult, ...]
    chosen: tuple[str, ...]  # the categories paid (highest only, or K4 plus one)
    total_coefficient: Decimal
    allowance_amount: int
    social_pension: SocialPension
    benefit: Benefit
    monthly_amount: int  # what is paid: the allowance or the social pension, the higher
    explanation: tuple[Step, ...]

    @property
    def eligible(self) -> tuple[ClaimResult, ...]:
        return tuple(c for c in self.claims if c.eligible)


@dataclass(frozen=True, slots=True)
class Support:
    """A support amount: care, facility allowance, funeral, emergency cash."""

    code: str
    eligible: bool
    amount: int
    coefficient: Decimal | None  # × standard level; None for a fixed amount
    standard_level: int | None
    reason: Step | None
    explanation: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class RiceSupport:
    occasion: str
    persons: int
    months: int
    max_months: int
    kg_per_person_month: int
    kg: int
    explanation: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Timing:
    month: Month
    explanation: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class SubCase:
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    code: str
    name_vi: str
    name_en: str
    legal_ref: str
    needs: frozenset[Fact]
    sub_cases: tuple[SubCase, ...]
    disability_levels: tuple[DisabilityLevel, ...]  # K6: the levels it covers
    sensitive: bool  # reveals HIV status: never on public posting lists
    starts_from: StartRule
    closed_from: Month | None  # no longer a category from this month (K5b, K5c)


@dataclass(frozen=True, slots=True)
class CareCaseInfo:
    code: str
    name_vi: str
    name_en: str
    legal_ref: str
    needs: frozenset[Fact]


# ---------------------------------------------------------------------------- timing


def stop_month(event_date: dt.date) -> Timing:
    """A stop (death, loss of eligibility) takes effect from the month after the event."""
    month = Month.of(event_date).next()
    return Timing(
        month,
        (_step("policy.stop.after_event", {"event": event_date.isoformat(), "month": str(month)}),),
    )


def adjustment_month(eligible_on: dt.date) -> Timing:
    """An adjustment takes effect from the month the person became eligible for it."""
    month = Month.of(eligible_on)
    return Timing(
        month,
        (
            _step(
                "policy.adjust.from_eligibility",
                {"date": eligible_on.isoformat(), "month": str(month)},
            ),
        ),
    )


# ---------------------------------------------------------------------------- engine


@dataclass(frozen=True, slots=True)
class _Situation:
    """The facts a scheme's rules read, for one month."""

    age_end: int | None  # bands and lower limits
    # Upper limits: the age reached by the end of the PREVIOUS month, so the birthday month
    # stays paid even for a birthday on the 1st (which a partial birth date always is).
    age_start: int | None
    birth: PartialDate
    disability_level: DisabilityLevel | None = None
    studying: bool = False
    children: int = 0
    pregnant: bool = False
    young_children: int = 0


class PolicyEngine:
    def __init__(self, data: PolicyData) -> None:
        self._data = data
        self._levels: dict[tuple[Month, str | None], StandardLevel] = {}
        self._categories = {code: _category_info(s) for code, s in data.categories.items()}
        self._care_cases = {code: _care_case_info(s) for code, s in data.care_cases.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> PolicyEngine:
        """Read and check the policy data folder (default: the bundled resources/policy)."""
        return cls(load_policy_data(path if path is not None else resource_path("policy")))

    # ------------------------------------------------------------------ catalogue

    def categories(self, month: Month | None = None) -> tuple[CategoryInfo, ...]:
        """Every category, or those a decision can use in `month` (K5c is gone in 2026)."""
        infos = tuple(self._categories.values())
        if month is None:
            return infos
        return tuple(i for i in infos if self._terms(self._data.categories[i.code], month))

    def category(self, code: str) -> CategoryInfo:
        self._scheme(code)
        return self._categories[code]

    def care_cases(self) -> tuple[CareCaseInfo, ...]:
        return tuple(self._care_cases.values())

    def emergency_kinds(self) -> tuple[str, ...]:
        return tuple(self._data.emergency.national)

    def rice_occasions(self, month: Month) -> Mapping[str, int]:
        """Occasion → the most months of rice it allows."""
        return self._rice(month).value.max_months

    # ------------------------------------------------------------------ standard level

    def standard_level(self, month: Month, province_code: str | None = None) -> StandardLevel:
        """The higher of the national level and the province's own level for that month."""
        # Cached: an alert scan asks the same few months for every beneficiary.
        key = (month, province_code)
        cached = self._levels.get(key)
        if cached is None:
            cached = self._levels[key] = self._standard_level(month, province_code)
        return cached

    def _standard_level(self, month: Month, province_code: str | None) -> StandardLevel:
        entry, province_entry = self._figure(
            self._data.standard_level, STANDARD_LEVEL, month, province_code
        )
        assert entry.value.amount is not None  # checked on load
        national = entry.value.amount
        steps = [
            _step(
                "policy.level.national",
                {"amount": national, "from": _iso(entry.start), "source": entry.source},
            ),
            *_verify(entry),
        ]
        if province_entry is None:
            return StandardLevel(month, national, national, None, tuple(steps))
        assert province_code is not None and province_entry.value.amount is not None
        own = province_entry.value.amount
        if own <= national:
            steps.append(
                _step(
                    "policy.level.province_not_higher",
                    {"province": province_code, "amount": own, "national": national},
                )
            )
            return StandardLevel(month, national, national, None, tuple(steps))
        steps = [
            _step(
                "policy.level.province",
                {
                    "amount": own,
                    "province": province_code,
                    "from": _iso(province_entry.start),
                    "source": province_entry.source,
                    "national": national,
                },
            ),
            *_verify(province_entry),
        ]
        return StandardLevel(month, own, national, province_code, tuple(steps))

    def _figure(
        self, table: FigureTable, name: str, month: Month, province_code: str | None
    ) -> tuple[Dated[Figure], Dated[Figure] | None]:
        """The national figure in force, and the province's own one if it has any."""
        entry = table.national[name].at(month)
        if entry is None:
            raise DomainError(
                "policy.month_not_covered",
                field="month",
                month=str(month),
                first=_iso(table.national[name].first.start),
            )
        province_timeline = table.provinces.get((province_code, name)) if province_code else None
        province_entry = province_timeline.at(month) if province_timeline else None
        return entry, province_entry

    # ------------------------------------------------------------------ monthly allowance

    def monthly_allowance(self, facts: PersonFacts, month: Month) -> Allowance:
        """What the person is paid for `month`: each claim assessed, highest only applied
        (Art. 6.2, with the K4 exception), compared with the social pension.

        Raises DomainError only for malformed input (unknown category or sub-case, the same
        category twice, a month before birth or outside the data); a category the person
        does not qualify for in that month is reported as not eligible, with the reason.
        """
        schemes: list[Scheme] = []
        for claim in facts.claims:
            if any(s.code == claim.category for s in schemes):
                raise DomainError(
                    "policy.category.duplicate", field="category", category=claim.category
                )
            schemes.append(self._claimed_scheme(claim))
        situation, person_steps = self._situation(
            facts.birth,
            month,
            disability_level=facts.disability_level,
            studying=facts.studying,
            children=facts.children_count,
        )
        level = self.standard_level(month, facts.province_code)
        blocked = self._blocked(facts, month)
        results = [
            _refused(s.code, *blocked)
            if blocked
            else self._assess(s, month, situation, level.amount)
            for s in schemes
        ]
        results = self._apply_exclusions(results, month)
        chosen, choice_step = self._choose(results)
        by_code = {r.category: r for r in results}
        total = sum((by_code[c].coefficient for c in chosen), _ZERO)
        allowance_amount = _money(total * level.amount)
        pension = self._pension(facts, month, situation)

        steps = [*level.explanation, *person_steps, *(r.step for r in results), choice_step]
        if chosen:
            steps.append(
                _step(
                    "policy.amount.total",
                    {"coefficient": total, "level": level.amount, "amount": allowance_amount},
                )
            )
        # A claimed category that does not exist this month (K5b and K5c, closed into the
        # social pension): show where the person stands with the pension instead.
        unavailable = any(self._terms(s, month) is None for s in schemes)
        if pension.eligible or unavailable:
            steps.extend(pension.explanation)

        values = {"pension": pension.amount, "allowance": allowance_amount}
        if pension.eligible and pension.amount > allowance_amount:
            benefit, paid = Benefit.SOCIAL_PENSION, pension.amount
            if allowance_amount:
                steps.append(_step("policy.benefit.social_pension_higher", values))
        elif allowance_amount:
            # On a tie the allowance the person already receives is kept.
            benefit, paid = Benefit.ALLOWANCE, allowance_amount
            if pension.eligible:
                steps.append(_step("policy.benefit.allowance_higher", values))
        else:
            benefit, paid = Benefit.NONE, 0
        return Allowance(
            month=month,
            standard_level=level.amount,
            claims=tuple(results),
            chosen=chosen,
            total_coefficient=total,
            allowance_amount=allowance_amount,
            social_pension=pension,
            benefit=benefit,
            monthly_amount=paid,
            explanation=tuple(steps),
        )

    def allowance_from_text(
        self,
        categories: Sequence[str],
        birth: str,
        month: str,
        *,
        disability_level: str | None = None,
        children: int = 0,
        studying: bool = False,
        province: str | None = None,
        household_status: str | None = None,
        receives_pension: bool = False,
    ) -> Allowance:
        """`monthly_allowance` from what a command line gives (`btxh allowance ...`)."""
        return self.monthly_allowance(
            PersonFacts(
                birth=PartialDate.parse(birth),
                claims=CategoryClaim.of(*categories),
                disability_level=_parse_enum(DisabilityLevel, disability_level, "disability_level"),
                children_count=children,
                studying=studying,
                household_status=_parse_enum(HouseholdStatus, household_status, "household_status"),
                receives_pension=receives_pension,
                province_code=province,
            ),
            Month.parse(month),
        )

    def _claimed_scheme(self, claim: CategoryClaim) -> Scheme:
        scheme = self._scheme(claim.category)
        if claim.sub_case is not None and claim.sub_case not in {c.code for c in scheme.sub_cases}:
            raise DomainError(
                "policy.sub_case.unknown",
                field="sub_case",
                category=claim.category,
                sub_case=claim.sub_case,
            )
        return scheme

    def _scheme(self, code: str) -> Scheme:
        scheme = self._data.categories.get(code)
        if scheme is None:
            raise DomainError("policy.category.unknown", field="category", category=code)
        return scheme

    @staticmethod
    def _blocked(facts: PersonFacts, month: Month) -> tuple[str, dict[str, ParamValue]] | None:
        """A reason no category pays this month, whatever the claims."""
        if facts.died is not None and month > facts.died:
            return "deceased", {"died": str(facts.died), "stop_from": str(facts.died.next())}
        if facts.in_facility:
            return "in_facility", {}
        return None

    def _situation(
        self,
        birth: PartialDate,
        month: Month,
        *,
        disability_level: DisabilityLevel | None = None,
        studying: bool = False,
        children: int = 0,
        pregnant: bool = False,
        young_children: int = 0,
    ) -> tuple[_Situation, tuple[Step, ...]]:
        steps: list[Step] = []
        assumed = birth.assumed_date()
        if assumed is not None:
            if month < Month.of(assumed):
                raise DomainError(
                    "policy.month_before_birth", field="month", month=str(month), birth=birth.iso()
                )
            if birth.precision is not Precision.DAY:
                steps.append(
                    _step(
                        "policy.birth.assumed",
                        {"birth": birth.iso(), "assumed": assumed.isoformat()},
                    )
                )
        age_end = birth.age_at_end_of(month)
        if age_end is not None:
            steps.append(_step("policy.age.end_of_month", {"month": str(month), "age": age_end}))
        situation = _Situation(
            age_end=age_end,
            age_start=birth.age_at_end_of(month.add(-1)),
            birth=birth,
            disability_level=disability_level,
            studying=studying,
            children=children,
            pregnant=pregnant,
            young_children=young_children,
        )
        return situation, tuple(steps)

    @staticmethod
    def _terms(scheme: Scheme, month: Month) -> Terms | None:
        """The scheme's terms for `month`; None before it starts or once it is closed."""
        entry = scheme.schedule.at(month)
        return entry.value if entry is not None and entry.value.closed is None else None

    def _assess(self, scheme: Scheme, month: Month, s: _Situation, level: int) -> ClaimResult:
        code = scheme.code

        def no(reason: str, **params: ParamValue) -> ClaimResult:
            return _refused(code, reason, params)

        entry = scheme.schedule.at(month)
        if entry is None:
            return no("not_yet_in_force", **{"from": _iso(scheme.schedule.first.start)})
        terms = entry.value
        if terms.closed is not None:
            return no(terms.closed, source=entry.source, **{"from": _iso(entry.start)})
        el = terms.eligibility
        if terms.needs_age and (s.age_end is None or s.age_start is None):
            return no("birth_unknown")
        if el.age_from is not None and s.age_end is not None and s.age_end < el.age_from:
            first = s.birth.birthday_month(el.age_from)
            return no("age_below_minimum", minimum=el.age_from, first_month=str(first))
        if el.age_below is not None and s.age_start is not None and s.age_start >= el.age_below:
            last = s.birth.birthday_month(el.age_below)
            return no("age_over_limit", limit=el.age_below, last_month=str(last))
        if el.studying and not s.studying:
            return no("not_studying")
        if el.children and s.children < 1:
            return no("no_children")
        if el.disability_levels is not None:
            if s.disability_level is None:
                return no("disability_level_missing")
            if s.disability_level not in el.disability_levels:
                return no("disability_level_not_covered")
        rule = next(
            (
                r
                for r in terms.rules
                if r.matches(s.age_end, s.disability_level, s.pregnant, s.young_children)
            ),
            None,
        )
        if rule is None:
            assert terms.otherwise is not None  # the loader proved the rules cover the rest
            return no(terms.otherwise)
        coefficient = rule.coefficient * s.children if rule.per_child else rule.coefficient
        params: dict[str, ParamValue] = {
            "category": code,
            "coefficient": coefficient,
            "source": entry.source,
        }
        if s.age_end is not None:
            params["age"] = s.age_end
        if rule.per_child:
            params["children"] = s.children
            params["per_child"] = rule.coefficient
        return ClaimResult(
            code,
            True,
            coefficient,
            _money(coefficient * level),
            _step(f"policy.band.{rule.band}", params),
        )

    def _apply_exclusions(self, results: list[ClaimResult], month: Month) -> list[ClaimResult]:
        """K7 is for a child not already K1, K3 or K6 (Art. 5.7)."""
        paid = {r.category for r in results if r.eligible}
        if len(paid) < 2:
            return results

        def excluded(result: ClaimResult) -> ClaimResult:
            terms = self._terms(self._data.categories[result.category], month)
            excluders = [c for c in terms.eligibility.excluded_by if c in paid] if terms else []
            if not result.eligible or not excluders:
                return result
            return _refused(result.category, "excluded_by", {"other": excluders[0]})

        return [excluded(r) for r in results]

    def _choose(self, results: Sequence[ClaimResult]) -> tuple[tuple[str, ...], Step]:
        """Highest only (Art. 6.2), except the combinations the data lists (K4 + K5/K6/K8).

        Every lawful plan is tried — one category alone, or a combination — and the one
        paying most wins; ties go to the category claimed first.
        """
        eligible = {r.category: r.coefficient for r in results if r.eligible}
        if not eligible:
            return (), _step("policy.choice.none")
        plans: list[tuple[tuple[str, ...], str | None]] = [((c,), None) for c in eligible]
        for combination in self._data.combinations:
            if combination.category in eligible:
                plans.extend(
                    ((combination.category, other), combination.source)
                    for other in eligible
                    if other in combination.with_one_of
                )
        chosen, source = max(plans, key=lambda plan: sum(eligible[c] for c in plan[0]))
        if source is not None:
            return chosen, _step(
                "policy.choice.combined",
                {"category": chosen[0], "other": chosen[1], "source": source},
            )
        if len(eligible) == 1:
            return chosen, _step("policy.choice.only", {"category": chosen[0]})
        return chosen, _step(
            "policy.choice.highest", {"category": chosen[0], "coefficient": eligible[chosen[0]]}
        )

    # ------------------------------------------------------------------ social pension

    def social_pension(self, facts: PersonFacts, month: Month) -> SocialPension:
        """The social pension (Decree 176/2025) the person could receive for `month`."""
        situation, steps = self._situation(facts.birth, month)
        pension = self._pension(facts, month, situation)
        return SocialPension(month, pension.eligible, pension.amount, steps + pension.explanation)

    def social_pension_eligible(self, facts: PersonFacts, month: Month) -> bool:
        return self.social_pension(facts, month).eligible

    def _pension(self, facts: PersonFacts, month: Month, s: _Situation) -> SocialPension:
        def no(reason: str, params: Mapping[str, ParamValue] | None = None) -> SocialPension:
            return SocialPension(month, False, 0, (_step(f"policy.pension.{reason}", params),))

        rules = self._data.pension_rules.at(month)
        amount = self._data.pension_amount.at(month)
        if rules is None or amount is None:
            first = max(self._data.pension_rules.first.start, self._data.pension_amount.first.start)
            return no("not_in_force", {"from": _iso(first)})
        if facts.died is not None and month > facts.died:
            return no("deceased", {"died": str(facts.died)})
        if s.age_end is None:
            return no("birth_unknown")
        if facts.receives_pension:
            return no("has_pension")
        for rule in rules.value:
            if s.age_end >= rule.age_from and (
                rule.households is None or facts.household_status in rule.households
            ):
                params: dict[str, ParamValue] = {
                    "age": s.age_end,
                    "amount": amount.value,
                    "source": rules.source,
                }
                step = _step(f"policy.pension.{rule.band}", params)
                return SocialPension(month, True, amount.value, (step, *_verify(amount)))
        youngest = min(rule.age_from for rule in rules.value)
        if s.age_end < youngest:
            return no("age_below", {"age": s.age_end, "minimum": youngest})
        # Old enough for a rule that also asks for a poor or near-poor household.
        return no("household_not_eligible", {"age": s.age_end})

    # ------------------------------------------------------------------ start month

    def start_month(
        self,
        category: str,
        decision_date: dt.date,
        *,
        certificate_date: dt.date | None = None,
        application_date: dt.date | None = None,
    ) -> Timing:
        """The first month paid: the month the decision is signed; for K6 the month the
        disability certificate was issued.

        The K6 rule exists so that the weeks between certification and decision are not
        lost; it does not create back pay for months before the person asked. A certificate
        issued long before the application (a person certified in 2015 who applies in 2026)
        therefore starts at the application month when `application_date` is given.
        """
        scheme = self._scheme(category)
        decision = Month.of(decision_date)
        if application_date is not None and application_date > decision_date:
            raise DomainError(
                "policy.start.application_after_decision",
                field="application_date",
                application=application_date.isoformat(),
                decision=decision_date.isoformat(),
            )
        if scheme.starts_from is StartRule.DECISION:
            return Timing(
                decision,
                (
                    _step(
                        "policy.start.decision",
                        {
                            "category": category,
                            "decision": decision_date.isoformat(),
                            "month": str(decision),
                        },
                    ),
                ),
            )
        if certificate_date is None:
            raise DomainError(
                "policy.start.certificate_required", field="certificate_date", category=category
            )
        if certificate_date > decision_date:
            # The certificate is part of the dossier the decision rests on.
            raise DomainError(
                "policy.start.certificate_after_decision",
                field="certificate_date",
                certificate=certificate_date.isoformat(),
                decision=decision_date.isoformat(),
            )
        month = Month.of(certificate_date)
        steps = [
            _step(
                "policy.start.certificate",
                {
                    "category": category,
                    "certificate": certificate_date.isoformat(),
                    "month": str(month),
                },
            )
        ]
        if application_date is not None and Month.of(application_date) > month:
            month = Month.of(application_date)
            steps.append(
                _step(
                    "policy.start.not_before_application",
                    {"application": application_date.isoformat(), "month": str(month)},
                )
            )
        return Timing(month, tuple(steps))

    # ------------------------------------------------------------------ other supports

    def care_support(self, facts: CareFacts, month: Month) -> Support:
        """Monthly care support (Art. 20) paid to the carer or the disabled parent."""
        scheme = self._data.care_cases.get(facts.case)
        if scheme is None:
            raise DomainError("policy.care_case.unknown", field="case", case=facts.case)
        level = self.standard_level(month, facts.province_code)
        situation, steps = self._situation(
            facts.subject_birth,
            month,
            disability_level=facts.disability_level,
            pregnant=facts.pregnant,
            young_children=self._young_children(facts.children_births, month),
        )
        return self._support(scheme, month, situation, level, steps, ())

    def _young_children(self, births: Iterable[PartialDate], month: Month) -> int:
        """Children under 36 months in `month`; the month of the 3rd birthday still counts."""
        count = 0
        for birth in births:
            born = birth.assumed_date()
            if born is None:
                raise DomainError("policy.care.child_birth_unknown", field="children_births")
            age = birth.age_at_end_of(month.add(-1))
            if (
                Month.of(born) <= month
                and age is not None
                and age < self._data.young_child_age_below
            ):
                count += 1
        return count

    def facility_care(
        self, birth: PartialDate, month: Month, province_code: str | None = None
    ) -> Support:
        """The monthly care allowance of a facility resident (Art. 25)."""
        level = self.standard_level(month, province_code)
        situation, steps = self._situation(birth, month)
        return self._support(
            self._data.facility_care,
            month,
            situation,
            level,
            steps,
            (_step("policy.facility.no_community_allowance"),),
        )

    def _support(
        self,
        scheme: Scheme,
        month: Month,
        situation: _Situation,
        level: StandardLevel,
        person_steps: tuple[Step, ...],
        notes: tuple[Step, ...],
    ) -> Support:
        result = self._assess(scheme, month, situation, level.amount)
        steps = [*level.explanation, *person_steps, result.step]
        if result.eligible:
            steps.append(
                _step(
                    "policy.amount.total",
                    {
                        "coefficient": result.coefficient,
                        "level": level.amount,
                        "amount": result.amount,
                    },
                )
            )
        return Support(
            code=scheme.code,
            eligible=result.eligible,
            amount=result.amount,
            coefficient=result.coefficient if result.eligible else None,
            standard_level=level.amount,
            reason=result.reason,
            explanation=(*steps, *notes),
        )

    def funeral_support(
        self, death_month: Month, *, in_facility: bool = False, province_code: str | None = None
    ) -> Support:
        """The minimum funeral support (Art. 11; Art. 25 in a facility) for a beneficiary
        who died in `death_month`, at that month's standard level."""
        setting = "facility" if in_facility else "community"
        return self._figure_support(
            self._data.funeral, "funeral", setting, death_month, province_code
        )

    def emergency_support(
        self, kind: str, month: Month, province_code: str | None = None
    ) -> Support:
        """One emergency cash figure (Art. 13–15), per person or per household."""
        if kind not in self._data.emergency.national:
            raise DomainError("policy.emergency.unknown", field="kind", kind=kind)
        return self._figure_support(self._data.emergency, "emergency", kind, month, province_code)

    def _figure_support(
        self, table: FigureTable, area: str, name: str, month: Month, province_code: str | None
    ) -> Support:
        entry, province_entry = self._figure(table, name, month, province_code)
        steps: list[Step] = []
        chosen = entry
        if province_entry is not None and _figure_above(province_entry.value, entry.value):
            chosen = province_entry
            steps.append(
                _step(
                    "policy.figure.province",
                    {"province": province_code or "", "source": province_entry.source},
                )
            )
        figure = chosen.value
        params: dict[str, ParamValue] = {"source": chosen.source}
        if figure.multiplier is None:
            assert figure.amount is not None
            amount, coefficient, level_amount = figure.amount, None, None
        else:
            level = self.standard_level(month, province_code)
            steps[:0] = level.explanation
            coefficient, level_amount = figure.multiplier, level.amount
            amount = _money(figure.multiplier * level.amount)
            params.update(multiplier=figure.multiplier, level=level.amount)
        params["amount"] = amount
        steps.append(_step(f"policy.{area}.{name}", params))
        steps.extend(_verify(chosen))
        return Support(
            f"{area}.{name}", True, amount, coefficient, level_amount, None, tuple(steps)
        )

    def rice_support(
        self, occasion: str, persons: int, month: Month, months: int | None = None
    ) -> RiceSupport:
        """Rice for a household (Art. 12): kg per person per month, for at most the months
        the occasion allows (all of them when `months` is None)."""
        entry = self._rice(month)
        terms = entry.value
        max_months = terms.max_months.get(occasion)
        if max_months is None:
            raise DomainError(
                "policy.emergency.rice_occasion_unknown", field="occasion", occasion=occasion
            )
        if persons < 1:
            raise DomainError("policy.persons.invalid", field="persons", value=persons)
        chosen_months = max_months if months is None else months
        if not 1 <= chosen_months <= max_months:
            raise DomainError(
                "policy.emergency.rice_months_exceeded",
                field="months",
                occasion=occasion,
                months=chosen_months,
                max=max_months,
            )
        kg = terms.kg_per_person_month * persons * chosen_months
        step = _step(
            "policy.emergency.rice",
            {
                "persons": persons,
                "months": chosen_months,
                "max": max_months,
                "kg_per_person_month": terms.kg_per_person_month,
                "kg": kg,
                "source": entry.source,
            },
        )
        return RiceSupport(
            occasion,
            persons,
            chosen_months,
            max_months,
            terms.kg_per_person_month,
            kg,
            (step, *_verify(entry)),
        )

    def _rice(self, month: Month) -> Dated[RiceTerms]:
        entry = self._data.rice.at(month)
        if entry is None:
            raise DomainError(
                "policy.month_not_covered",
                field="month",
                month=str(month),
                first=_iso(self._data.rice.first.start),
            )
        return entry


def _refused(category: str, reason: str, params: Mapping[str, ParamValue]) -> ClaimResult:
    return ClaimResult(
        category,
        False,
        _ZERO,
        0,
        _step(f"policy.reason.{reason}", {"category": category, **params}),
    )


def _figure_above(candidate: Figure, floor: Figure) -> bool:
    if candidate.multiplier is not None and floor.multiplier is not None:
        return candidate.multiplier > floor.multiplier
    return (candidate.amount or 0) > (floor.amount or 0)


def _parse_enum(enum: type[E], value: str | None, field: str) -> E | None:
    if value is None or not value.strip():
        return None
    try:
        return enum(value.strip())
    except ValueError:
        raise DomainError(f"policy.{field}.unknown", field=field, value=value) from None


def _needs(schedule_terms: Iterable[Terms]) -> frozenset[Fact]:
    needs: set[Fact] = set()
    for terms in schedule_terms:
        el = terms.eligibility
        if terms.needs_age:
            needs.add(Fact.BIRTH)
        if el.studying:
            needs.add(Fact.STUDYING)
        if el.children or any(r.per_child for r in terms.rules):
            needs.add(Fact.CHILDREN_COUNT)
        if el.disability_levels is not None or any(r.disability_level for r in terms.rules):
            needs.add(Fact.DISABILITY_LEVEL)
        if any(r.pregnant is not None for r in terms.rules):
            needs.add(Fact.PREGNANT)
        if any(r.young_children_from is not None for r in terms.rules):
            needs.add(Fact.YOUNG_CHILDREN)
    return frozenset(needs)


def _open_terms(scheme: Scheme) -> list[Terms]:
    return [e.value for e in scheme.schedule.entries if e.value.closed is None]


def _category_info(scheme: Scheme) -> CategoryInfo:
    levels: set[DisabilityLevel] = set()
    for terms in _open_terms(scheme):
        levels |= terms.eligibility.disability_levels or set()
    last = scheme.schedule.entries[-1]
    return CategoryInfo(
        code=scheme.code,
        name_vi=scheme.name.vi,
        name_en=scheme.name.en,
        legal_ref=scheme.legal_ref,
        needs=_needs(_open_terms(scheme)),
        sub_cases=tuple(SubCase(c.code, c.name.vi, c.name.en) for c in scheme.sub_cases),
        disability_levels=tuple(level for level in DisabilityLevel if level in levels),
        sensitive=scheme.sensitive,
        starts_from=scheme.starts_from,
        closed_from=last.start if last.value.closed is not None else None,
    )


def _care_case_info(scheme: Scheme) -> CareCaseInfo:
    return CareCaseInfo(
        code=scheme.code,
        name_vi=scheme.name.vi,
        name_en=scheme.name.en,
        legal_ref=scheme.legal_ref,
        needs=_needs(_open_terms(scheme)),
    )
