"""The policy data files: standard levels, province overrides, a new decree as a data change,
and malformed files refused with a clear location.

Province figures here are invented examples for the tests; the shipped data has none.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.policy import (
    Benefit,
    CategoryClaim,
    PersonFacts,
    PolicyDataError,
    PolicyEngine,
)
from btxh_desktop.paths import resource_path

ENGINE = PolicyEngine.load()
Data = dict[str, Any]


def policy_folder(tmp_path: Path, edits: dict[str, Callable[[Data], None]]) -> Path:
    """A copy of the shipped policy data with `edits` (file stem → change) applied."""
    folder = tmp_path / "policy"
    shutil.copytree(resource_path("policy"), folder)
    for stem, edit in edits.items():
        path = folder / f"{stem}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def engine_with(tmp_path: Path, **edits: Callable[[Data], None]) -> PolicyEngine:
    return PolicyEngine.load(policy_folder(tmp_path, edits))


def add_overrides(*overrides: Data) -> Callable[[Data], None]:
    def edit(data: Data) -> None:
        data["province_overrides"].extend(overrides)

    return edit


def k8(engine: PolicyEngine, month: Month, province: str | None) -> int:
    facts = PersonFacts(PartialDate(1985), CategoryClaim.of("K8"), province_code=province)
    return engine.monthly_allowance(facts, month).monthly_amount


# ---------------------------------------------------------------- national level


@pytest.mark.parametrize(
    ("month", "amount", "source"),
    [
        (Month(2021, 7), 360_000, "Nghị định 20/2021/NĐ-CP, Điều 4"),
        (Month(2024, 6), 360_000, "Nghị định 20/2021/NĐ-CP, Điều 4"),
        (Month(2024, 7), 500_000, "Nghị định 76/2024/NĐ-CP"),
        (Month(2026, 6), 500_000, "Nghị định 76/2024/NĐ-CP"),
        (Month(2026, 7), 540_000, "Nghị định 335/2026/NĐ-CP"),
        (Month(2030, 1), 540_000, "Nghị định 335/2026/NĐ-CP"),
    ],
)
def test_national_standard_level(month: Month, amount: int, source: str) -> None:
    level = ENGINE.standard_level(month)

    assert level.amount == level.national == amount
    assert level.province_code is None
    assert level.explanation[0].code == "policy.level.national"
    assert level.explanation[0].params["source"] == source


def test_unconfirmed_level_is_flagged_for_verification() -> None:
    assert "policy.data.verify" not in [
        s.code for s in ENGINE.standard_level(Month(2026, 6)).explanation
    ]
    verify = ENGINE.standard_level(Month(2026, 7)).explanation[1]
    assert verify.code == "policy.data.verify"
    assert verify.params["source"] == "Nghị định 335/2026/NĐ-CP"


def test_answers_are_shared_and_cannot_be_edited() -> None:
    level = ENGINE.standard_level(Month(2026, 3))

    assert ENGINE.standard_level(Month(2026, 3)) is level
    with pytest.raises(TypeError):
        level.explanation[0].params["amount"] = 1  # type: ignore[index]


def test_shipped_data_has_no_province_overrides() -> None:
    for stem in ("standard_level", "funeral", "emergency"):
        data = json.loads(resource_path("policy", f"{stem}.json").read_text(encoding="utf-8"))
        assert data["province_overrides"] == []


def test_a_new_decree_is_a_data_change(tmp_path: Path) -> None:
    engine = engine_with(
        tmp_path,
        standard_level=lambda d: d["national"]["standard_level"].append(
            {"from": "2028-01-01", "amount": 600_000, "source": "Nghị định mới (ví dụ)"}
        ),
    )

    assert engine.standard_level(Month(2027, 12)).amount == 540_000
    assert engine.standard_level(Month(2028, 1)).amount == 600_000
    assert k8(engine, Month(2028, 1), None) == 900_000


# ---------------------------------------------------------------- province overrides

EXAMPLE_PROVINCE = {
    "province": "35",
    "figure": "standard_level",
    "amount": 600_000,
    "from": "2022-01-01",
    "source": "Nghị quyết ví dụ/2021/NQ-HĐND",
}


@pytest.mark.parametrize(
    ("month", "province", "amount"),
    [
        (Month(2021, 12), "35", 360_000),  # before the resolution
        (Month(2022, 1), "35", 600_000),
        (Month(2024, 7), "35", 600_000),  # still above the new national 500,000
        (Month(2026, 7), "35", 600_000),  # still above 540,000
        (Month(2022, 1), "01", 360_000),  # another province
        (Month(2022, 1), None, 360_000),
    ],
)
def test_a_province_level_above_the_national_applies(
    tmp_path: Path, month: Month, province: str | None, amount: int
) -> None:
    engine = engine_with(tmp_path, standard_level=add_overrides(EXAMPLE_PROVINCE))

    level = engine.standard_level(month, province)
    assert level.amount == amount
    assert (level.province_code == "35") is (amount == 600_000)
    assert k8(engine, month, province) == amount * 3 // 2


def test_province_level_is_explained(tmp_path: Path) -> None:
    engine = engine_with(tmp_path, standard_level=add_overrides(EXAMPLE_PROVINCE))

    step = engine.standard_level(Month(2024, 7), "35").explanation[0]
    assert step.code == "policy.level.province"
    assert dict(step.params) == {
        "amount": 600_000,
        "province": "35",
        "from": "2022-01-01",
        "source": "Nghị quyết ví dụ/2021/NQ-HĐND",
        "national": 500_000,
    }


def test_a_province_level_below_the_national_gives_way(tmp_path: Path) -> None:
    engine = engine_with(
        tmp_path, standard_level=add_overrides({**EXAMPLE_PROVINCE, "amount": 400_000})
    )

    assert engine.standard_level(Month(2023, 1), "35").amount == 400_000
    level = engine.standard_level(Month(2024, 7), "35")
    assert level.amount == 500_000 and level.province_code is None
    assert level.explanation[-1].code == "policy.level.province_not_higher"


def test_a_later_province_resolution_replaces_the_earlier(tmp_path: Path) -> None:
    later = {**EXAMPLE_PROVINCE, "amount": 700_000, "from": "2025-01-01"}
    engine = engine_with(tmp_path, standard_level=add_overrides(EXAMPLE_PROVINCE, later))

    assert engine.standard_level(Month(2024, 12), "35").amount == 600_000
    assert engine.standard_level(Month(2025, 1), "35").amount == 700_000


def test_amounts_round_half_up_to_the_dong(tmp_path: Path) -> None:
    engine = engine_with(
        tmp_path, standard_level=add_overrides({**EXAMPLE_PROVINCE, "amount": 367_501})
    )

    assert k8(engine, Month(2022, 1), "35") == 551_252  # 1.5 × 367,501 = 551,251.5


def test_a_province_funeral_multiplier_above_the_minimum_applies(tmp_path: Path) -> None:
    engine = engine_with(
        tmp_path,
        funeral=add_overrides(
            {"province": "35", "figure": "community", "multiplier": 25, "from": "2024-01-01",
             "source": "Nghị quyết ví dụ"},
            {"province": "01", "figure": "community", "multiplier": 15, "from": "2024-01-01",
             "source": "Nghị quyết ví dụ"},
        ),
    )  # fmt: skip

    raised = engine.funeral_support(Month(2026, 3), province_code="35")
    assert raised.amount == 12_500_000
    assert raised.coefficient == 25
    assert "policy.figure.province" in [s.code for s in raised.explanation]
    assert engine.funeral_support(Month(2026, 3), province_code="01").amount == 10_000_000
    assert engine.funeral_support(Month(2026, 3), in_facility=True, province_code="35").amount == (
        25_000_000
    )


def test_funeral_uses_the_province_standard_level(tmp_path: Path) -> None:
    engine = engine_with(tmp_path, standard_level=add_overrides(EXAMPLE_PROVINCE))

    assert engine.funeral_support(Month(2026, 3), province_code="35").amount == 12_000_000


def test_a_province_housing_amount_above_the_minimum_applies(tmp_path: Path) -> None:
    engine = engine_with(
        tmp_path,
        emergency=add_overrides(
            {"province": "35", "figure": "housing_rebuild", "amount": 50_000_000,
             "from": "2024-01-01", "source": "Nghị quyết ví dụ"}
        ),
    )  # fmt: skip

    assert engine.emergency_support("housing_rebuild", Month(2026, 3), "35").amount == 50_000_000
    assert engine.emergency_support("housing_rebuild", Month(2026, 3), "01").amount == 40_000_000


def test_a_social_pension_above_the_allowance_is_paid(tmp_path: Path) -> None:
    def raise_pension(data: Data) -> None:
        data["amount"][0]["amount"] = 800_000

    engine = engine_with(tmp_path, social_pension=raise_pension)
    facts = PersonFacts(PartialDate(1950), CategoryClaim.of("K4"), children_count=1)

    answer = engine.monthly_allowance(facts, Month(2026, 3))
    assert answer.allowance_amount == 500_000
    assert answer.benefit is Benefit.SOCIAL_PENSION
    assert answer.monthly_amount == 800_000
    assert answer.explanation[-1].code == "policy.benefit.social_pension_higher"


# ---------------------------------------------------------------- malformed data refused


def rule(data: Data, category: int = 0, index: int = 0) -> Data:
    result: Data = data["categories"][category]["schedule"][0]["rules"][index]
    return result


def drop_k6_severe_adult(data: Data) -> None:
    del data["categories"][8]["schedule"][0]["rules"][5]


def reverse_k1_rules(data: Data) -> None:
    data["categories"][0]["schedule"][0]["rules"].reverse()


MALFORMED: list[tuple[str, Callable[[Data], None], str, str]] = [
    # file, change, where, problem
    ("community_allowance", lambda d: rule(d).update(coeficient=2.5),
     "categories[0].schedule[0].rules[0].coeficient", "unknown key"),
    ("community_allowance", lambda d: rule(d).update(coefficient=-1),
     "categories[0].schedule[0].rules[0].coefficient", "positive number"),
    ("community_allowance", lambda d: rule(d).update(coefficient="2,5"),
     "categories[0].schedule[0].rules[0].coefficient", "positive number"),
    ("community_allowance", lambda d: rule(d).pop("band"),
     "categories[0].schedule[0].rules[0].band", "missing"),
    ("community_allowance", lambda d: rule(d).update(band="Under 4!"),
     "categories[0].schedule[0].rules[0].band", "not a valid code"),
    ("community_allowance", lambda d: rule(d, 8).update(disability_level="very"),
     "categories[8].schedule[0].rules[0].disability_level", "unknown level"),
    ("community_allowance", drop_k6_severe_adult,
     "categories[8].schedule[0].rules", "no rule pays"),
    ("community_allowance", reverse_k1_rules,
     "categories[0].schedule[0].rules[1]", "can never apply"),
    ("community_allowance",
     lambda d: d["categories"][1]["schedule"][0]["eligibility"].update(age_from=22),
     "categories[1].schedule[0].eligibility.age_below", "must be above age_from"),
    ("community_allowance",
     lambda d: d["categories"][9]["schedule"][0]["eligibility"].update(excluded_by=["K9"]),
     "categories", "excluded by unknown K9"),
    ("community_allowance", lambda d: d["combinations"][0]["with_one_of"].append("K9"),
     "combinations[0].with_one_of", "unknown category K9"),
    ("community_allowance", lambda d: d["categories"][1].update(code="K1"),
     "categories[1].code", "defined twice"),
    ("community_allowance", lambda d: d["categories"][0].update(code="X1"),
     "categories[0].code", "not a valid code"),
    ("community_allowance", lambda d: d["categories"][6]["schedule"][1].update(closed="Moved!"),
     "categories[6].schedule[1].closed", "not a valid code"),
    ("community_allowance", lambda d: d["categories"][8].update(starts_from="application"),
     "categories[8].starts_from", "expected one of"),
    ("community_allowance", lambda d: d["categories"][0]["schedule"][0].pop("source"),
     "categories[0].schedule[0].source", "missing"),
    ("standard_level", lambda d: d["national"]["standard_level"][1].update({"from": "2024-07-15"}),
     "national.standard_level[1].from", "first day of a month"),
    ("standard_level", lambda d: d["national"]["standard_level"][1].update({"from": "July 2024"}),
     "national.standard_level[1].from", "not a date"),
    ("standard_level", lambda d: d["national"]["standard_level"].append(
        {"from": "2024-07-01", "amount": 1, "source": "x"}),
     "national.standard_level", "same month"),
    ("standard_level", lambda d: d["national"]["standard_level"][1].update(amount=500000.5),
     "national.standard_level[1].amount", "whole number"),
    ("standard_level", lambda d: d["national"]["standard_level"][1].update(amount=True),
     "national.standard_level[1].amount", "whole number"),
    ("standard_level", lambda d: d["national"]["standard_level"][1].update(multiplier=2),
     "national.standard_level[1].amount", "exactly one of amount or multiplier"),
    ("standard_level", lambda d: d["national"]["standard_level"].clear(),
     "national.standard_level", "at least one"),
    ("standard_level", lambda d: d["province_overrides"].append(
        {"province": "35", "figure": "funeral", "amount": 1, "from": "2022-01-01",
         "source": "x"}),
     "province_overrides[0].figure", "unknown figure"),
    ("standard_level", lambda d: d["province_overrides"].append(
        {"province": "HN", "figure": "standard_level", "amount": 1, "from": "2022-01-01",
         "source": "x"}),
     "province_overrides[0].province", "not a valid code"),
    ("funeral", lambda d: d["province_overrides"].append(
        {"province": "35", "figure": "community", "amount": 1, "from": "2022-01-01",
         "source": "x"}),
     "province_overrides[0].figure", "same kind"),
    ("care_support", lambda d: d["cases"][0]["schedule"][0].update(rules=[]),
     "cases[0].schedule[0].rules", "at least one rule"),
    ("care_support", lambda d: d.pop("young_child_age_below"),
     "young_child_age_below", "missing"),
    ("social_pension", lambda d: d["eligibility"][0]["rules"][1].update(households=["rich"]),
     "eligibility[0].rules[1].households", "expected values among"),
    ("emergency", lambda d: d["rice"][0]["max_months"].update(tet=0),
     "rice[0].max_months.tet", "whole number >= 1"),
    ("emergency", lambda d: d["cash"].update({"Flood Bonus": []}),
     "cash.Flood Bonus", "not a valid code"),
    ("facility_care", lambda d: d.update(extra=1), "extra", "unknown key"),
]  # fmt: skip


@pytest.mark.parametrize(("stem", "change", "where", "problem"), MALFORMED)
def test_malformed_data_is_refused_with_its_location(
    tmp_path: Path, stem: str, change: Callable[[Data], None], where: str, problem: str
) -> None:
    with pytest.raises(PolicyDataError) as error:
        engine_with(tmp_path, **{stem: change})

    assert error.value.code == "policy.data.invalid"
    assert error.value.params["file"] == f"{stem}.json"
    assert error.value.params["where"] == where
    assert problem in str(error.value.params["problem"])


def test_a_policy_data_error_is_a_domain_error() -> None:
    assert issubclass(PolicyDataError, DomainError)


def test_a_stray_file_is_refused(tmp_path: Path) -> None:
    folder = policy_folder(tmp_path, {})
    (folder / "standard_levels.json").write_text("{}", encoding="utf-8")

    with pytest.raises(PolicyDataError) as error:
        PolicyEngine.load(folder)
    assert error.value.params["file"] == "standard_levels.json"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    folder = policy_folder(tmp_path, {})
    (folder / "funeral.json").unlink()

    with pytest.raises(PolicyDataError) as error:
        PolicyEngine.load(folder)
    assert error.value.params["file"] == "funeral.json"
    assert error.value.params["problem"] == "file missing"


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    folder = policy_folder(tmp_path, {})
    (folder / "emergency.json").write_text('{"rice": [', encoding="utf-8")

    with pytest.raises(PolicyDataError) as error:
        PolicyEngine.load(folder)
    assert error.value.params["file"] == "emergency.json"
    assert "not valid JSON" in str(error.value.params["problem"])


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyDataError) as error:
        PolicyEngine.load(tmp_path / "nowhere")
    assert error.value.params["problem"] == "policy data folder missing"


def test_the_shipped_data_loads_and_coefficients_are_exact() -> None:
    assert ENGINE.monthly_allowance(
        PersonFacts(PartialDate(2022, 1, 1), CategoryClaim.of("K1")), Month(2024, 7)
    ).total_coefficient == Decimal("2.5")
