"""The legal figures of the policy engine, read from `resources/policy/*.json` and checked.

A new decree is a data change: every figure is effective-dated (`from` a first day of a
month, until the next entry), and the rules of a scheme (a community-allowance category, a
care-support case, the facility allowance) are small tables the engine evaluates in order.
The files are checked strictly on load — unknown keys, overlapping dates, a band no person
could reach, or an age an eligible person could have with no band to pay it are refused —
because a typo in a legal figure would otherwise surface as a wrong payment months later.

Rule vocabulary (all conditions of a rule must hold; the first rule that holds gives the
coefficient):
- `age_below` / `age_from`: the age reached by the END of the month (a birthday month
  already counts at the new age, so a K1 child turning 4 in March is paid 1.5 from March).
- `disability_level`, `pregnant`, `young_children_from` (children under 36 months).
- `per_child`: the coefficient is paid once per child raised (K4).

Eligibility vocabulary (checked before the rules):
- `age_from`: eligible from the month of that birthday (K5a from the month of turning 60).
- `age_below`: the month of that birthday is the last month paid; the loss of eligibility
  stops payment from the following month (K1 is paid for the month of turning 16).
- `studying`, `children`, `disability_levels`, `excluded_by` (K7 is not paid to a child who
  is K1, K3 or K6 that month).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Generic, TypeVar

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError

T = TypeVar("T")
StrEnumT = TypeVar("StrEnumT", bound=StrEnum)

FILES = (
    "standard_level",
    "community_allowance",
    "social_pension",
    "care_support",
    "facility_care",
    "funeral",
    "emergency",
)
STANDARD_LEVEL = "standard_level"
# Message codes are built from these names (`policy.band.<band>`), so keep them code-shaped.
_CODE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_CATEGORY_CODE = re.compile(r"K[0-9][a-z]?")
_PROVINCE_CODE = re.compile(r"[0-9]{2,3}")


class PolicyDataError(DomainError):
    """A policy data file is malformed; `where` is the JSON path inside `file`."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__("policy.data.invalid", file=file, where=where, problem=problem)


class StartRule(StrEnum):
    DECISION = "decision"  # from the month the decision is signed
    CERTIFICATE = "certificate"  # from the month the disability certificate was issued


def month_index(month: Month) -> int:
    return month.year * 12 + month.month - 1


@dataclass(frozen=True, slots=True)
class Dated(Generic[T]):
    start: Month
    value: T
    source: str
    verify: bool  # reported but not confirmed against the legal text


class Timeline(Generic[T]):
    """Effective-dated values: each applies from its start month until the next one."""

    __slots__ = ("_entries", "_starts")

    def __init__(self, entries: Iterable[Dated[T]]) -> None:
        self._entries = tuple(sorted(entries, key=lambda e: month_index(e.start)))
        self._starts = tuple(month_index(e.start) for e in self._entries)

    def at(self, month: Month) -> Dated[T] | None:
        position = bisect.bisect_right(self._starts, month_index(month)) - 1
        return self._entries[position] if position >= 0 else None

    @property
    def entries(self) -> tuple[Dated[T], ...]:
        return self._entries

    @property
    def first(self) -> Dated[T]:
        return self._entries[0]


@dataclass(frozen=True, slots=True)
class Rule:
    coefficient: Decimal
    band: str
    age_below: int | None = None
    age_from: int | None = None
    disability_level: DisabilityLevel | None = None
    pregnant: bool | None = None
    young_children_from: int | None = None
    per_child: bool = False

    @property
    def uses_age(self) -> bool:
        return self.age_below is not None or self.age_from is not None

    def matches(
        self,
        age: int | None,
        disability_level: DisabilityLevel | None,
        pregnant: bool,
        young_children: int,
    ) -> bool:
        if self.age_below is not None and (age is None or age >= self.age_below):
            return False
        if self.age_from is not None and (age is None or age < self.age_from):
            return False
        if self.disability_level is not None and disability_level != self.disability_level:
            return False
        if self.pregnant is not None and pregnant != self.pregnant:
            return False
        return self.young_children_from is None or young_children >= self.young_children_from


@dataclass(frozen=True, slots=True)
class Eligibility:
    age_from: int | None = None
    age_below: int | None = None
    studying: bool = False
    children: bool = False
    disability_levels: frozenset[DisabilityLevel] | None = None
    excluded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Terms:
    """What a scheme pays during one period, or `closed` (a reason) if it no longer exists."""

    rules: tuple[Rule, ...] = ()
    eligibility: Eligibility = Eligibility()
    otherwise: str | None = None  # reason when no rule holds; without it the rules must cover
    closed: str | None = None
    needs_age: bool = False  # derived on load: queried for every person and month

    @classmethod
    def open(
        cls, rules: tuple[Rule, ...], eligibility: Eligibility, otherwise: str | None
    ) -> Terms:
        needs_age = (
            eligibility.age_from is not None
            or eligibility.age_below is not None
            or any(r.uses_age for r in rules)
        )
        return cls(rules, eligibility, otherwise, None, needs_age)


@dataclass(frozen=True, slots=True)
class Name:
    vi: str
    en: str


@dataclass(frozen=True, slots=True)
class SubCaseData:
    code: str
    name: Name


@dataclass(frozen=True, slots=True)
class Scheme:
    code: str
    name: Name
    legal_ref: str
    schedule: Timeline[Terms]
    sub_cases: tuple[SubCaseData, ...] = ()
    sensitive: bool = False
    starts_from: StartRule = StartRule.DECISION


@dataclass(frozen=True, slots=True)
class Combination:
    """Art. 6.2: `category` is paid on top of the highest one of `with_one_of`."""

    category: str
    with_one_of: frozenset[str]
    source: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A money figure: a fixed amount, or a multiple of the standard level."""

    amount: int | None = None
    multiplier: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FigureTable:
    national: Mapping[str, Timeline[Figure]]
    provinces: Mapping[tuple[str, str], Timeline[Figure]]  # (province, figure)


@dataclass(frozen=True, slots=True)
class PensionRule:
    age_from: int
    band: str
    households: frozenset[HouseholdStatus] | None = None  # None: any household


@dataclass(frozen=True, slots=True)
class RiceTerms:
    kg_per_person_month: int
    max_months: Mapping[str, int]  # occasion → months


@dataclass(frozen=True, slots=True)
class PolicyData:
    standard_level: FigureTable
    categories: Mapping[str, Scheme]
    combinations: tuple[Combination, ...]
    pension_amount: Timeline[int]
    pension_rules: Timeline[tuple[PensionRule, ...]]
    care_cases: Mapping[str, Scheme]
    young_child_age_below: int  # "a child under 36 months", in years
    facility_care: Scheme
    funeral: FigureTable
    emergency: FigureTable
    rice: Timeline[RiceTerms]


# ---------------------------------------------------------------------------- reading


class _Node:
    """A JSON object being read: every key must be used, so a misspelt key is refused."""

    def __init__(self, file: str, where: str, raw: object) -> None:
        if not isinstance(raw, dict):
            raise PolicyDataError(file, where, "expected an object")
        self.file = file
        self.where = where
        self._raw: dict[str, object] = raw
        self._used = {"notes"}  # free text documenting the data, for people

    def fail(self, key: str, problem: str) -> PolicyDataError:
        return PolicyDataError(self.file, f"{self.where}.{key}".lstrip("."), problem)

    def has(self, key: str) -> bool:
        return key in self._raw

    def names(self) -> tuple[str, ...]:
        """Keys that are data names (figure names, occasions), checked to be code-shaped."""
        for key in self._raw:
            if not _CODE_NAME.fullmatch(key):
                raise self.fail(key, "is not a valid code")
        return tuple(self._raw)

    def _get(self, key: str, required: bool) -> object:
        self._used.add(key)
        if key not in self._raw:
            if required:
                raise self.fail(key, "missing")
            return None
        return self._raw[key]

    def text(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected non-empty text")
        return value

    def code(self, key: str, pattern: re.Pattern[str] = _CODE_NAME) -> str:
        value = self.text(key)
        if not pattern.fullmatch(value):
            raise self.fail(key, f"{value!r} is not a valid code")
        return value

    def optional_code(self, key: str) -> str | None:
        return self.code(key) if self.has(key) else None

    def integer(self, key: str, minimum: int = 0) -> int:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"expected a whole number >= {minimum}")
        return value

    def optional_integer(self, key: str, minimum: int = 0) -> int | None:
        return self.integer(key, minimum) if self.has(key) else None

    def decimal(self, key: str) -> Decimal:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int | Decimal) or value <= 0:
            raise self.fail(key, "expected a positive number")
        return Decimal(value)

    def optional_flag(self, key: str) -> bool | None:
        value = self._get(key, False)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def flag(self, key: str) -> bool:
        return self.optional_flag(key) or False

    def start(self, key: str = "from") -> Month:
        text = self.text(key)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise self.fail(key, f"{text!r} is not a date (YYYY-MM-DD)") from None
        if day.day != 1:
            # Payments are monthly: a mid-month start would leave the month's amount undecided.
            raise self.fail(key, "must be the first day of a month")
        return Month.of(day)

    def node(self, key: str) -> _Node:
        return _Node(self.file, f"{self.where}.{key}".lstrip("."), self._get(key, True))

    def nodes(self, key: str, required: bool = True) -> Iterator[_Node]:
        value = self._get(key, required)
        if value is None:
            return
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        for i, item in enumerate(value):
            yield _Node(self.file, f"{self.where}.{key}[{i}]".lstrip("."), item)

    def codes(self, key: str, pattern: re.Pattern[str] = _CODE_NAME) -> tuple[str, ...]:
        value = self._get(key, True)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "expected a non-empty list")
        for item in value:
            if not isinstance(item, str) or not pattern.fullmatch(item):
                raise self.fail(key, f"{item!r} is not a valid code")
        if len(set(value)) != len(value):
            raise self.fail(key, "lists a code twice")
        return tuple(value)

    def enums(self, key: str, enum: type[StrEnumT]) -> frozenset[StrEnumT]:
        values = self.codes(key)
        try:
            return frozenset(enum(v) for v in values)
        except ValueError:
            raise self.fail(key, f"expected values among {[e.value for e in enum]}") from None

    def name(self) -> Name:
        node = self.node("name")
        name = Name(vi=node.text("vi"), en=node.text("en"))
        node.done()
        return name

    def done(self) -> None:
        unknown = sorted(set(self._raw) - self._used)
        if unknown:
            raise self.fail(unknown[0], "unknown key")


def _dated(node: _Node, value: T) -> Dated[T]:
    return Dated(node.start(), value, node.text("source"), node.flag("verify"))


def _timeline(entries: Sequence[Dated[T]], node: _Node, key: str) -> Timeline[T]:
    if not entries:
        raise node.fail(key, "needs at least one dated entry")
    starts = [month_index(e.start) for e in entries]
    if len(set(starts)) != len(starts):
        raise node.fail(key, "two entries start in the same month")
    return Timeline(entries)


def _load_json(directory: Path, name: str) -> _Node:
    path = directory / f"{name}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise PolicyDataError(path.name, "", "file missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PolicyDataError(path.name, "", f"not valid JSON: {exc}") from None
    return _Node(path.name, "", raw)


def _figure(node: _Node) -> Figure:
    if node.has("amount") == node.has("multiplier"):
        raise node.fail("amount", "give exactly one of amount or multiplier")
    if node.has("amount"):
        return Figure(amount=node.integer("amount", minimum=1))
    return Figure(multiplier=node.decimal("multiplier"))


def _figure_table(root: _Node, key: str, figures: Iterable[str] | None = None) -> FigureTable:
    """`key` maps figure name → dated entries; `province_overrides` may raise any of them."""
    national_node = root.node(key)
    names = tuple(figures) if figures is not None else national_node.names()
    national: dict[str, Timeline[Figure]] = {}
    for name in names:
        entries = []
        for n in national_node.nodes(name):
            entries.append(_dated(n, _figure(n)))
            n.done()
        national[name] = _timeline(entries, national_node, name)
        kinds = {e.value.amount is None for e in entries}
        if len(kinds) > 1:
            raise national_node.fail(name, "mixes amounts and multipliers")
    national_node.done()

    overrides: dict[tuple[str, str], list[Dated[Figure]]] = {}
    for n in root.nodes("province_overrides"):
        province = n.code("province", _PROVINCE_CODE)
        figure_name = n.text("figure")
        if figure_name not in national:
            raise n.fail("figure", f"unknown figure {figure_name!r}")
        value = _figure(n)
        if (value.amount is None) != (national[figure_name].first.value.amount is None):
            raise n.fail("figure", "must use the same kind (amount/multiplier) as the national")
        overrides.setdefault((province, figure_name), []).append(_dated(n, value))
        n.done()
    provinces = {k: _timeline(v, root, "province_overrides") for k, v in overrides.items()}
    return FigureTable(MappingProxyType(national), MappingProxyType(provinces))


def _rule(node: _Node) -> Rule:
    level = node.optional_code("disability_level")
    try:
        disability = DisabilityLevel(level) if level is not None else None
    except ValueError:
        raise node.fail("disability_level", f"unknown level {level!r}") from None
    rule = Rule(
        coefficient=node.decimal("coefficient"),
        band=node.code("band"),
        age_below=node.optional_integer("age_below", minimum=1),
        age_from=node.optional_integer("age_from", minimum=1),
        disability_level=disability,
        pregnant=node.optional_flag("pregnant"),
        young_children_from=node.optional_integer("young_children_from", minimum=1),
        per_child=node.flag("per_child"),
    )
    node.done()
    return rule


def _eligibility(node: _Node) -> Eligibility:
    eligibility = Eligibility(
        age_from=node.optional_integer("age_from", minimum=1),
        age_below=node.optional_integer("age_below", minimum=1),
        studying=node.flag("studying"),
        children=node.flag("children"),
        disability_levels=(
            node.enums("disability_levels", DisabilityLevel)
            if node.has("disability_levels")
            else None
        ),
        excluded_by=node.codes("excluded_by", _CATEGORY_CODE) if node.has("excluded_by") else (),
    )
    node.done()
    if (
        eligibility.age_from is not None
        and eligibility.age_below is not None
        and eligibility.age_from >= eligibility.age_below
    ):
        raise node.fail("age_below", "must be above age_from")
    return eligibility


def _terms(node: _Node) -> Terms:
    if node.has("closed"):
        terms = Terms(closed=node.code("closed"))
    else:
        terms = Terms.open(
            rules=tuple(_rule(n) for n in node.nodes("rules")),
            eligibility=_eligibility(node.node("eligibility"))
            if node.has("eligibility")
            else Eligibility(),
            otherwise=node.optional_code("otherwise"),
        )
        if not terms.rules:
            raise node.fail("rules", "needs at least one rule")
        _check_coverage(node, terms)
    return terms


def _check_coverage(node: _Node, terms: Terms) -> None:
    """Try every kind of person the rules can tell apart: each one the eligibility admits
    must meet a rule (unless `otherwise` names the reason), and each rule must be reachable.

    Ages are tried at each threshold and the year before it, which hits every age interval
    the thresholds delimit; the other facts are tried with every value the rules mention.
    """
    el = terms.eligibility
    rules = terms.rules
    thresholds = {el.age_from, el.age_below}
    for rule in rules:
        thresholds |= {rule.age_below, rule.age_from}
    ages: Sequence[int | None] = [None]
    if terms.needs_age:
        ages = sorted({0, 150} | {a for t in thresholds if t is not None for a in (t - 1, t)})
    levels: list[DisabilityLevel | None] = [None, *DisabilityLevel]
    if el.disability_levels is not None:
        levels = [*sorted(el.disability_levels)]
    young = {r.young_children_from for r in rules if r.young_children_from is not None}
    young_counts = sorted({0} | {n for y in young for n in (y - 1, y, y + 1)})
    pregnancies = [False, True] if any(r.pregnant is not None for r in rules) else [False]

    reached: set[int] = set()
    for age, level, pregnant, count in itertools.product(ages, levels, pregnancies, young_counts):
        if age is not None:
            if el.age_from is not None and age < el.age_from:
                continue
            # The age at the start of the month is at least age - 1: in the month of the
            # upper-limit birthday the person is still eligible, at the new age.
            if el.age_below is not None and age - 1 >= el.age_below:
                continue
        index = next(
            (i for i, r in enumerate(rules) if r.matches(age, level, pregnant, count)), None
        )
        if index is not None:
            reached.add(index)
        elif terms.otherwise is None:
            raise node.fail(
                "rules",
                f"no rule pays age={age} disability_level={level} pregnant={pregnant} "
                f"young_children={count}",
            )
    unreachable = sorted(set(range(len(rules))) - reached)
    if unreachable:
        raise node.fail(f"rules[{unreachable[0]}]", "can never apply (an earlier rule wins)")


def _schedule(node: _Node) -> Timeline[Terms]:
    entries = []
    for n in node.nodes("schedule"):
        entries.append(_dated(n, _terms(n)))
        n.done()
    return _timeline(entries, node, "schedule")


def _sub_cases(node: _Node) -> tuple[SubCaseData, ...]:
    cases = []
    for n in node.nodes("sub_cases", required=False):
        cases.append(SubCaseData(n.code("code"), n.name()))
        n.done()
    if len({c.code for c in cases}) != len(cases):
        raise node.fail("sub_cases", "lists a code twice")
    return tuple(cases)


def _scheme(node: _Node, code_pattern: re.Pattern[str] = _CODE_NAME) -> Scheme:
    starts_from = node.text("starts_from") if node.has("starts_from") else StartRule.DECISION
    if starts_from not in {r.value for r in StartRule}:
        raise node.fail("starts_from", f"expected one of {[r.value for r in StartRule]}")
    scheme = Scheme(
        code=node.code("code", code_pattern),
        name=node.name(),
        legal_ref=node.text("legal_ref"),
        schedule=_schedule(node),
        sub_cases=_sub_cases(node),
        sensitive=node.flag("sensitive"),
        starts_from=StartRule(starts_from),
    )
    node.done()
    return scheme


def _schemes(root: _Node, key: str, pattern: re.Pattern[str]) -> Mapping[str, Scheme]:
    schemes: dict[str, Scheme] = {}
    for n in root.nodes(key):
        scheme = _scheme(n, pattern)
        if scheme.code in schemes:
            raise n.fail("code", f"{scheme.code} defined twice")
        schemes[scheme.code] = scheme
    if not schemes:
        raise root.fail(key, "is empty")
    return MappingProxyType(schemes)


def _check_categories(root: _Node, categories: Mapping[str, Scheme]) -> None:
    for scheme in categories.values():
        for entry in scheme.schedule.entries:
            for other in entry.value.eligibility.excluded_by:
                if other not in categories or other == scheme.code:
                    raise root.fail("categories", f"{scheme.code} excluded by unknown {other}")
                # One pass of exclusions: an excluding category is never itself excluded.
                if any(e.value.eligibility.excluded_by for e in categories[other].schedule.entries):
                    raise root.fail("categories", f"{other} excludes others and is excluded")


def _combinations(root: _Node, categories: Mapping[str, Scheme]) -> tuple[Combination, ...]:
    combinations = []
    for n in root.nodes("combinations"):
        combination = Combination(
            category=n.code("category", _CATEGORY_CODE),
            with_one_of=frozenset(n.codes("with_one_of", _CATEGORY_CODE)),
            source=n.text("source"),
        )
        n.done()
        for code in {combination.category, *combination.with_one_of}:
            if code not in categories:
                raise n.fail("with_one_of", f"unknown category {code}")
        if combination.category in combination.with_one_of:
            raise n.fail("with_one_of", "a category cannot combine with itself")
        combinations.append(combination)
    return tuple(combinations)


def _load_standard_level(directory: Path) -> FigureTable:
    root = _load_json(directory, "standard_level")
    table = _figure_table(root, "national", figures=[STANDARD_LEVEL])
    root.done()
    if any(e.value.amount is None for e in table.national[STANDARD_LEVEL].entries):
        raise root.fail("national", "the standard level is an amount, not a multiplier")
    return table


def _load_pension(directory: Path) -> tuple[Timeline[int], Timeline[tuple[PensionRule, ...]]]:
    root = _load_json(directory, "social_pension")
    amounts = []
    for n in root.nodes("amount"):
        amounts.append(_dated(n, n.integer("amount", minimum=1)))
        n.done()
    schedule = []
    for n in root.nodes("eligibility"):
        rules = []
        for r in n.nodes("rules"):
            rules.append(
                PensionRule(
                    age_from=r.integer("age_from", minimum=1),
                    band=r.code("band"),
                    households=r.enums("households", HouseholdStatus)
                    if r.has("households")
                    else None,
                )
            )
            r.done()
        if not rules:
            raise n.fail("rules", "needs at least one rule")
        schedule.append(_dated(n, tuple(rules)))
        n.done()
    root.done()
    return _timeline(amounts, root, "amount"), _timeline(schedule, root, "eligibility")


def _load_emergency(directory: Path) -> tuple[FigureTable, Timeline[RiceTerms]]:
    root = _load_json(directory, "emergency")
    cash = _figure_table(root, "cash")
    rice = []
    for n in root.nodes("rice"):
        months_node = n.node("max_months")
        max_months = {o: months_node.integer(o, minimum=1) for o in months_node.names()}
        months_node.done()
        terms = RiceTerms(n.integer("kg_per_person_month", minimum=1), MappingProxyType(max_months))
        rice.append(_dated(n, terms))
        n.done()
    root.done()
    return cash, _timeline(rice, root, "rice")


def load_policy_data(directory: Path) -> PolicyData:
    if not directory.is_dir():
        raise PolicyDataError(str(directory), "", "policy data folder missing")
    stray = sorted(p.name for p in directory.glob("*.json") if p.stem not in FILES)
    if stray:
        # A renamed or misspelt file would otherwise be silently ignored.
        raise PolicyDataError(stray[0], "", f"unexpected file; expected {', '.join(FILES)}")

    standard_level = _load_standard_level(directory)

    root = _load_json(directory, "community_allowance")
    categories = _schemes(root, "categories", _CATEGORY_CODE)
    _check_categories(root, categories)
    combinations = _combinations(root, categories)
    root.done()

    pension_amount, pension_rules = _load_pension(directory)

    root = _load_json(directory, "care_support")
    care_cases = _schemes(root, "cases", _CODE_NAME)
    young_child_age_below = root.integer("young_child_age_below", minimum=1)
    root.done()

    root = _load_json(directory, "facility_care")
    facility_care = _scheme(root)

    root = _load_json(directory, "funeral")
    funeral = _figure_table(root, "national", figures=["community", "facility"])
    root.done()

    emergency, rice = _load_emergency(directory)

    return PolicyData(
        standard_level=standard_level,
        categories=categories,
        combinations=combinations,
        pension_amount=pension_amount,
        pension_rules=pension_rules,
        care_cases=care_cases,
        young_child_age_below=young_child_age_below,
        facility_care=facility_care,
        funeral=funeral,
        emergency=emergency,
        rice=rice,
    )
