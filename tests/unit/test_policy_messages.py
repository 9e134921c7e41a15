"""Every code the policy engine emits has Vietnamese and English text whose placeholders the
step's parameters fill, and every policy text in the catalogue is actually used.

The engine is swept over categories, births, months and facts, and the steps and errors it
produces are collected; that catches a code built at run time (`policy.band.<band>`) that a
search of the source would miss.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from btxh_desktop import messages
from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy import (
    CareFacts,
    CategoryClaim,
    PersonFacts,
    PolicyEngine,
    Step,
    adjustment_month,
    stop_month,
)
from btxh_desktop.paths import resource_path

POLICY_MESSAGES = resource_path("messages", "policy.json")
MONTHS = [Month(2021, 7), Month(2024, 6), Month(2025, 6), Month(2025, 7), Month(2026, 7)]
BIRTHS = [
    PartialDate(),
    PartialDate(1940),
    PartialDate(1950, 3),
    PartialDate(1955, 6, 15),
    PartialDate(1964, 7, 1),
    PartialDate(1990, 1, 1),
    PartialDate(2005, 7, 1),
    PartialDate(2008, 5, 1),
    PartialDate(2010, 7, 15),
    PartialDate(2019, 1, 1),
    PartialDate(2021, 1, 1),
]


def example_engine(root: Path) -> PolicyEngine:
    """Shipped data plus invented figures, so every step can be produced: province levels,
    a category that starts later, a social pension above some allowances."""
    folder = root / "policy"
    shutil.copytree(resource_path("policy"), folder)
    edit(folder, "social_pension", lambda d: d["amount"][0].update(amount=800000))
    later = {
        "code": "K9",
        "name": {"vi": "Diện ví dụ", "en": "Example category"},
        "legal_ref": "Ví dụ",
        "schedule": [
            {"from": "2027-01-01", "source": "Ví dụ", "rules": [{"coefficient": 1, "band": "k8"}]}
        ],
    }
    edit(folder, "community_allowance", lambda d: d["categories"].append(later))
    overrides = {
        "standard_level": [
            {"province": "35", "figure": "standard_level", "amount": 600000},
            {"province": "01", "figure": "standard_level", "amount": 400000},
        ],
        "funeral": [{"province": "35", "figure": "community", "multiplier": 30}],
    }
    for stem, entries in overrides.items():
        dated = [{**e, "from": "2022-01-01", "source": "Nghị quyết ví dụ"} for e in entries]
        edit(folder, stem, setting("province_overrides", dated))
    return PolicyEngine.load(folder)


def setting(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[key] = value

    return change


def edit(folder: Path, stem: str, change: Callable[[dict[str, Any]], object]) -> None:
    path = folder / f"{stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def person_variants(engine: PolicyEngine) -> Iterator[PersonFacts]:
    claims = [CategoryClaim.of(c.code) for c in engine.categories()]
    claims += [CategoryClaim.of("K4", "K6"), CategoryClaim.of("K1", "K6", "K7"), ()]
    for birth in BIRTHS:
        for claim in claims:
            for level in (None, *DisabilityLevel):
                yield PersonFacts(birth, claim, level, children_count=2, studying=True)
            yield PersonFacts(birth, claim, children_count=0, receives_pension=True)
            yield PersonFacts(birth, claim, household_status=HouseholdStatus.POOR)
            yield PersonFacts(birth, claim, in_facility=True, province_code="35")
            yield PersonFacts(birth, claim, died=Month(2024, 1), province_code="01")


def care_variants() -> Iterator[CareFacts]:
    young = (PartialDate(2025, 1, 1),)
    for case in ("foster_child", "foster_elderly", "own_member_disability", "disabled_parent"):
        for birth in BIRTHS:
            for level in (None, *DisabilityLevel):
                for children in ((), young, young * 2):
                    for pregnant in (False, True):
                        yield CareFacts(case, birth, level, pregnant, children)


def expected_errors(engine: PolicyEngine, root: Path) -> Iterator[Callable[[], object]]:
    def facts(*codes: str, **kwargs: Any) -> PersonFacts:
        return PersonFacts(PartialDate(2000), CategoryClaim.of(*codes), **kwargs)

    march = Month(2026, 3)
    yield lambda: engine.monthly_allowance(facts("K0"), march)
    yield lambda: engine.monthly_allowance(facts("K8", "K8"), march)
    yield lambda: engine.monthly_allowance(
        PersonFacts(PartialDate(2000), (CategoryClaim("K1", "x"),)), march
    )
    yield lambda: engine.monthly_allowance(
        PersonFacts(PartialDate(2026), CategoryClaim.of("K8")), Month(2025, 12)
    )
    yield lambda: engine.monthly_allowance(facts("K8"), Month(2021, 6))
    yield lambda: facts("K4", children_count=-1)
    yield lambda: engine.allowance_from_text(["K6"], "2000", "2026-03", disability_level="x")
    yield lambda: engine.allowance_from_text(["K6"], "2000", "2026-03", household_status="x")
    yield lambda: engine.care_support(CareFacts("x"), march)
    yield lambda: engine.care_support(
        CareFacts("disabled_parent", children_births=(PartialDate(),)), march
    )
    yield lambda: engine.emergency_support("x", march)
    yield lambda: engine.rice_support("x", 1, march)
    yield lambda: engine.rice_support("tet", 1, march, 5)
    yield lambda: engine.rice_support("tet", 0, march)
    yield lambda: engine.rice_support("tet", 1, Month(2020, 1))
    decision = dt.date(2026, 3, 1)
    yield lambda: engine.start_month("K6", decision)
    yield lambda: engine.start_month("K6", decision, certificate_date=dt.date(2026, 4, 1))
    yield lambda: engine.start_month("K1", decision, application_date=dt.date(2026, 4, 1))
    yield lambda: PolicyEngine.load(root / "missing")


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Step], list[DomainError]]:
    root = tmp_path_factory.mktemp("policy")
    engine = example_engine(root)
    steps: list[Step] = []
    for month in MONTHS:
        for person in person_variants(engine):
            if person.birth.year is None or month >= Month(person.birth.year, 1):
                answer = engine.monthly_allowance(person, month)
                steps += answer.explanation
                steps += engine.social_pension(person, month).explanation
        for care in care_variants():
            if care.subject_birth.year is None or month >= Month(care.subject_birth.year, 1):
                steps += engine.care_support(care, month).explanation
        for birth in (PartialDate(), PartialDate(2021, 1, 1), PartialDate(2017)):
            steps += engine.facility_care(birth, month, "35").explanation
        for province in (None, "35"):
            for in_facility in (False, True):
                steps += engine.funeral_support(
                    month, in_facility=in_facility, province_code=province
                ).explanation
            for kind in engine.emergency_kinds():
                steps += engine.emergency_support(kind, month, province).explanation
        for occasion in engine.rice_occasions(month):
            steps += engine.rice_support(occasion, 3, month).explanation
    decision = dt.date(2026, 3, 20)
    steps += engine.start_month("K1", decision).explanation
    steps += engine.start_month(
        "K6", decision, certificate_date=dt.date(2015, 1, 1), application_date=decision
    ).explanation
    steps += stop_month(decision).explanation + adjustment_month(decision).explanation

    errors: list[DomainError] = []
    for call in expected_errors(engine, root):
        with pytest.raises(DomainError) as error:
            call()
        errors.append(error.value)
    return steps, errors


def policy_catalogue() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(POLICY_MESSAGES.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("code", sorted(policy_catalogue()))
def test_each_policy_message_has_vietnamese_and_english_with_the_same_placeholders(
    code: str,
) -> None:
    texts = policy_catalogue()[code]

    assert set(texts) == {"vi", "en"}
    assert texts["vi"].strip() and texts["en"].strip()
    assert messages.placeholders(texts["vi"]) == messages.placeholders(texts["en"])
    assert code.startswith("policy.")


def test_every_produced_code_has_text_its_parameters_fill(
    produced: tuple[list[Step], list[DomainError]],
) -> None:
    steps, errors = produced
    catalogue = messages.catalogue()
    emitted = [(s.code, dict(s.params)) for s in steps] + [(e.code, dict(e.params)) for e in errors]

    missing = sorted({code for code, _ in emitted if code not in catalogue})
    assert missing == []
    for code, params in emitted:
        for lang in messages.LANGUAGES:
            needed = messages.placeholders(catalogue[code][lang])
            assert needed <= set(params), (code, lang, needed - set(params))
            text = messages.render(code, params, lang)
            assert "{" not in text, (code, lang, text)


def test_every_policy_message_is_produced(
    produced: tuple[list[Step], list[DomainError]],
) -> None:
    steps, errors = produced
    used = {s.code for s in steps} | {e.code for e in errors} | {"policy.data.invalid"}

    assert sorted(set(policy_catalogue()) - used) == []


def test_rendered_explanation_reads_in_both_languages() -> None:
    engine = PolicyEngine.load()
    answer = engine.allowance_from_text(["K1"], "2022-03", "2026-03")

    vi = [messages.render(s.code, s.params, "vi") for s in answer.explanation]
    en = [messages.render(s.code, s.params, "en") for s in answer.explanation]
    assert vi == [
        "Mức chuẩn trợ giúp xã hội 500.000 ₫/tháng, áp dụng từ 2024-07-01"
        " (Nghị định 76/2024/NĐ-CP)",
        "Ngày sinh chỉ biết 2022-03: tính tuổi theo ngày 2022-03-01"
        " (ngày, tháng thiếu lấy ngày 01, tháng 01)",
        "Tuổi tính đến hết tháng 2026-03: 4 tuổi (tháng sinh nhật đã tính tuổi mới)",
        "K1: trẻ em từ đủ 4 tuổi (4 tuổi) → hệ số 1,5 (Nghị định 20/2021/NĐ-CP, khoản 1 Điều 6)",
        "Hưởng theo diện K1",
        "Hệ số 1,5 × mức chuẩn 500.000 ₫ = 750.000 ₫/tháng",
    ]
    assert en[-1] == "Coefficient 1.5 × standard level 500,000 ₫ = 750,000 ₫/month"
