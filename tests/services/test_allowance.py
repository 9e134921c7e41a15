"""The commune's allowance workflow: application, decision, changes and payment lists,
with every amount checked against the legal figures."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from btxh_desktop.domain.codes import (
    CaseStatus,
    DisabilityLevel,
    HouseholdStatus,
    PaymentMethod,
    PaymentStatus,
    Role,
    Sex,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.domain.policy import PolicyEngine
from btxh_desktop.paths import resource_path
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.services.permissions import PermissionDenied
from btxh_desktop.storage.models import OutboxEntry
from tests.conftest import COMMUNE

LEVEL = 540_000  # from 2026-07-01


def person(services: Services, name: str, birth: PartialDate, sex: Sex = Sex.FEMALE) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=sex, commune_code=COMMUNE)
    return services.people.create(draft).id


def decided_case(
    services: Services,
    person_id: str,
    category: str,
    applied: dt.date,
    decided: dt.date,
    **apply_args: object,
) -> str:
    case_id = services.allowance.apply(person_id, category, applied, **apply_args)  # type: ignore[arg-type]
    services.allowance.decide(case_id, "12/QĐ-UBND", decided, "Chủ tịch UBND xã")
    return case_id


def test_decision_takes_the_engines_coefficient_and_start_month(services: Services) -> None:
    child = person(services, "Bé Lan", PartialDate(2023, 3, 10))
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 9, 20), sub_case="abandoned")
    decision = services.allowance.decide(
        case_id, "15/QĐ-UBND", dt.date(2026, 10, 5), "Chủ tịch UBND xã"
    )
    assert decision.start.month == Month(2026, 10)
    assert decision.case.status == CaseStatus.ACTIVE
    assert decision.case.coefficient == 2.5
    assert decision.case.monthly_amount == 1_350_000
    assert decision.allowance.explanation  # shown to the officer


def test_payment_list_drops_the_coefficient_in_the_month_of_the_fourth_birthday(
    services: Services,
) -> None:
    child = person(services, "Bé Lan", PartialDate(2023, 3, 10))
    decided_case(services, child, "K1", dt.date(2026, 9, 20), dt.date(2026, 10, 5))
    for month in ("2026-10", "2026-11", "2026-12", "2027-01", "2027-02"):
        services.allowance.finalise_payment_list(Month.parse(month))
    february = services.allowance.payment_list(Month(2027, 2)).lines[0].line
    march = services.allowance.payment_list(Month(2027, 3)).lines[0].line
    assert (february.coefficient, february.amount) == (2.5, 1_350_000)
    assert (march.coefficient, march.amount) == (1.5, 810_000)
    assert march.back_pay_amount == 0


def test_k6_starts_from_the_certificate_month_and_is_back_paid_on_the_first_list(
    services: Services,
) -> None:
    adult = person(services, "Trần Văn Bình", PartialDate(1980, 5, 1), Sex.MALE)
    services.people.save_disability(
        adult,
        DisabilityDraft(
            disability_type=1,
            level=DisabilityLevel.PARTICULARLY_SEVERE,
            assessed_on=dt.date(2026, 8, 10),
            certificate_issued_on=dt.date(2026, 8, 12),
        ),
    )
    decided_case(services, adult, "K6", dt.date(2026, 8, 20), dt.date(2026, 10, 2))
    line = services.allowance.payment_list(Month(2026, 11)).lines[0].line
    assert line.amount == 2 * LEVEL
    # August (certificate), September and October were never paid: back pay on November's list.
    assert (line.back_pay_from, line.back_pay_to, line.back_pay_months) == (
        Month(2026, 8),
        Month(2026, 10),
        3,
    )
    assert line.back_pay_amount == 3 * 2 * LEVEL
    assert line.total == 4 * 2 * LEVEL


def test_a_retroactive_level_rise_is_back_paid_once(services: Services, tmp_path: Path) -> None:
    elderly = person(services, "Phạm Thị Hoa", PartialDate(1940, 1, 1))
    services.people.set_household_status(elderly, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    decided_case(services, elderly, "K5a", dt.date(2026, 5, 20), dt.date(2026, 6, 3))

    # July–September were paid before the 540,000 decree was known (old data: 500,000).
    old_data = tmp_path / "policy"
    shutil.copytree(resource_path("policy"), old_data)
    levels = json.loads((old_data / "standard_level.json").read_text("utf-8"))
    levels["national"]["standard_level"] = [
        e for e in levels["national"]["standard_level"] if e["from"] < "2026-07-01"
    ]
    (old_data / "standard_level.json").write_text(json.dumps(levels), "utf-8")
    real_policy = services.ctx.policy
    services.ctx.policy = PolicyEngine.load(old_data)
    for month in ("2026-06", "2026-07", "2026-08", "2026-09"):
        services.allowance.finalise_payment_list(Month.parse(month))
    services.ctx.policy = real_policy

    october = services.allowance.finalise_payment_list(Month(2026, 10)).lines[0].line
    assert october.amount == 2 * LEVEL  # aged 86: coefficient 2.0
    assert (october.back_pay_from, october.back_pay_to) == (Month(2026, 7), Month(2026, 9))
    assert october.back_pay_amount == 3 * 2 * (540_000 - 500_000)
    november = services.allowance.payment_list(Month(2026, 11)).lines[0].line
    assert november.back_pay_amount == 0


def test_suspended_months_are_not_paid_and_resuming_restarts_payment(services: Services) -> None:
    elderly = person(services, "Lê Thị Mai", PartialDate(1945, 6, 1))
    case_id = decided_case(services, elderly, "K5a", dt.date(2026, 5, 2), dt.date(2026, 6, 1))
    services.allowance.finalise_payment_list(Month(2026, 6))
    services.allowance.suspend(case_id, Month(2026, 7), "not_collected_3_months")
    assert services.allowance.payment_list(Month(2026, 7)).lines == ()
    services.allowance.resume(case_id, Month(2026, 9))
    september = services.allowance.payment_list(Month(2026, 9)).lines[0].line
    assert september.amount == 2 * LEVEL  # aged 81
    assert september.back_pay_amount == 0


def test_a_death_recorded_late_stops_payment_records_funeral_support_and_recovers(
    services: Services,
) -> None:
    elderly = person(services, "Hoàng Văn Sơn", PartialDate(1938, 2, 2), Sex.MALE)
    case_id = decided_case(services, elderly, "K5a", dt.date(2026, 5, 2), dt.date(2026, 6, 1))
    for month in ("2026-06", "2026-07", "2026-08", "2026-09"):
        services.allowance.finalise_payment_list(Month.parse(month))
    result = services.allowance.stop(case_id, dt.date(2026, 7, 15), "death")
    assert result.stop.month == Month(2026, 8)  # from the month after the death
    assert result.funeral is not None and result.funeral.amount == 20 * LEVEL  # July 2026
    october = services.allowance.payment_list(Month(2026, 10))
    line = october.lines[0].line
    assert line.amount == 0
    assert line.recovery_amount == 2 * 2 * LEVEL  # August and September at 2.0
    assert october.total == -line.recovery_amount
    assert services.people.get(elderly).draft.death_date == dt.date(2026, 7, 15)


def test_totals_per_payment_method(services: Services) -> None:
    a = person(services, "Người A", PartialDate(1940, 1, 1))
    b = person(services, "Người B", PartialDate(1941, 1, 1))
    for pid in (a, b):
        services.people.set_household_status(pid, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    decided_case(services, a, "K5a", dt.date(2026, 10, 1), dt.date(2026, 11, 2))
    decided_case(
        services,
        b,
        "K5a",
        dt.date(2026, 10, 1),
        dt.date(2026, 11, 2),
        payment_method=PaymentMethod.BANK,
        account_number="123456789",
    )
    listing = services.allowance.finalise_payment_list(Month(2026, 11))
    assert listing.finalised
    assert listing.count_by_method[PaymentMethod.POST_OFFICE] == 1
    assert listing.totals_by_method[PaymentMethod.BANK] == 2 * LEVEL
    assert listing.total == 4 * LEVEL
    with pytest.raises(DomainError) as raised:
        services.allowance.finalise_payment_list(Month(2026, 11))
    assert raised.value.code == "payments.already_finalised"
    line = services.allowance.payment_list(Month(2026, 11)).lines[0]
    assert line.status == PaymentStatus.PLANNED


def test_moving_commune_stops_payment_here_and_moves_the_person(services: Services) -> None:
    elderly = person(services, "Vũ Thị Yến", PartialDate(1944, 4, 4))
    case_id = decided_case(services, elderly, "K5a", dt.date(2026, 5, 2), dt.date(2026, 6, 1))
    for month in ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"):
        services.allowance.finalise_payment_list(Month.parse(month))
    moved = services.allowance.move_commune(case_id, "26743", Month(2026, 12))
    assert moved.status == CaseStatus.MOVED
    assert services.people.get(elderly).draft.commune_code == "26743"
    assert services.allowance.payment_list(Month(2026, 12)).lines == ()
    with services.ctx.read() as session:
        last = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    # The move travels as an explicit operation handing the file to the new commune.
    assert last is not None
    assert (last.op, last.record_id, last.fields) == (
        "move",
        elderly,
        {"to_scope": "commune:26743"},
    )


def test_data_entry_can_apply_but_not_decide(services: Services) -> None:
    clerk = Actor("nhaplieu", Role.DATA_ENTRY)
    child = person(services, "Bé Na", PartialDate(2022, 1, 1))
    services.ctx.actor = clerk
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 10, 1))
    with pytest.raises(PermissionDenied):
        services.allowance.decide(case_id, "1/QĐ", dt.date(2026, 10, 5), "Chủ tịch")
    with pytest.raises(PermissionDenied):
        services.allowance.finalise_payment_list(Month(2026, 11))
    assert services.allowance.case(case_id).status == CaseStatus.APPLIED


def test_a_person_not_eligible_in_the_start_month_is_not_decided(services: Services) -> None:
    too_old = person(services, "Ngô Văn Lớn", PartialDate(2000, 1, 1), Sex.MALE)
    case_id = services.allowance.apply(too_old, "K1", dt.date(2026, 10, 1))
    with pytest.raises(DomainError) as raised:
        services.allowance.decide(case_id, "2/QĐ", dt.date(2026, 10, 5), "Chủ tịch")
    assert raised.value.code == "allowance.not_eligible"
    assert services.allowance.case(case_id).status == CaseStatus.APPLIED
