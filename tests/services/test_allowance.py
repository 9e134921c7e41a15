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
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.domain.policy import PolicyEngine
from btxh_desktop.paths import resource_path
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.services.permissions import PermissionDenied
from btxh_desktop.storage.models import AuditEntry, OutboxEntry, Payment
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
        bank_name="Agribank",
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


def poor_elderly_case(services: Services, name: str, **apply_args: object) -> str:
    pid = person(services, name, PartialDate(1940, 1, 1))
    services.people.set_household_status(pid, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    return decided_case(
        services, pid, "K5a", dt.date(2026, 10, 1), dt.date(2026, 11, 2), **apply_args
    )


def test_cancelling_a_finalised_list_withdraws_its_lines_and_allows_finalising_again(
    services: Services,
) -> None:
    case_id = poor_elderly_case(services, "Người A")
    first = services.allowance.finalise_payment_list(Month(2026, 11))
    assert first.cancellable
    # An adjustment recorded after finalising: the saved list is wrong, so it is cancelled.
    services.allowance.adjust(
        case_id, Month(2026, 11), "30/QĐ", dt.date(2026, 11, 10), category="K5d"
    )
    cancelled = services.allowance.cancel_payment_list(Month(2026, 11), "amounts_wrong")
    assert cancelled == 1
    listing = services.allowance.payment_list(Month(2026, 11))
    assert not listing.finalised and listing.total == 3 * LEVEL  # computed again
    assert services.allowance.payment_months() == []
    with services.ctx.read() as session:
        deletes = session.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "payment", OutboxEntry.op == "delete")
        ).all()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "cancel")).one()
    assert [d.record_id for d in deletes] == [first.lines[0].payment_id]  # synced tombstone
    assert (entry.entity, entry.record_id) == ("payment_list", "2026-11")
    assert entry.detail == {"reason": "amounts_wrong", "lines": 1}

    again = services.allowance.finalise_payment_list(Month(2026, 11))
    assert again.finalised and again.total == 3 * LEVEL
    with services.ctx.read() as session:
        rounds = sorted(
            (p.payment_round, p.deleted_at is None)
            for p in session.scalars(select(Payment).where(Payment.month == Month(2026, 11)))
        )
    assert rounds == [(1, False), (2, True)]  # the cancelled round stays as a tombstone


def test_a_list_with_recorded_payments_or_none_finalised_cannot_be_cancelled(
    services: Services,
) -> None:
    poor_elderly_case(services, "Người A")
    with pytest.raises(DomainError) as nothing:
        services.allowance.cancel_payment_list(Month(2026, 11), "finalised_by_mistake")
    assert nothing.value.code == "payments.not_finalised"
    listing = services.allowance.finalise_payment_list(Month(2026, 11))
    payment_id = listing.lines[0].payment_id
    assert payment_id is not None
    services.allowance.record_payment(payment_id, PaymentStatus.PAID, dt.date(2026, 11, 12))
    assert not services.allowance.payment_list(Month(2026, 11)).cancellable
    with pytest.raises(DomainError) as paid:
        services.allowance.cancel_payment_list(Month(2026, 11), "amounts_wrong")
    assert paid.value.code == "payments.already_paid"
    assert services.allowance.payment_list(Month(2026, 11)).finalised


def test_cancelling_needs_a_known_reason_and_the_approver(services: Services) -> None:
    poor_elderly_case(services, "Người A")
    services.allowance.finalise_payment_list(Month(2026, 11))
    for reason, code in (("", "field.required"), ("tôi muốn", "payments.cancel_reason_unknown")):
        with pytest.raises(ValidationFailed) as refused:
            services.allowance.cancel_payment_list(Month(2026, 11), reason)
        assert refused.value.errors == {"reason": code}
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    with pytest.raises(PermissionDenied):
        services.allowance.cancel_payment_list(Month(2026, 11), "other")
    assert services.allowance.payment_list(Month(2026, 11)).finalised


def test_changing_the_payment_method_is_a_tracked_edit_of_the_case(services: Services) -> None:
    case_id = poor_elderly_case(services, "Người A")
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)  # data entry may change it
    row = services.allowance.update_payment_details(
        case_id, PaymentMethod.BANK, None, " 3601 2051.23456 ", " Agribank "
    )
    assert (row.payment_method, row.account_number, row.bank_name) == (
        PaymentMethod.BANK,
        "3601205123456",  # as it is printed on the list, without the grouping
        "Agribank",
    )
    with services.ctx.read() as session:
        last = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert last is not None
    assert (last.entity, last.record_id, last.op) == ("allowance_case", case_id, "upsert")
    assert last.fields == {
        "payment_method": "bank",
        "account_number": "3601205123456",
        "bank_name": "Agribank",
    }
    assert services.allowance.payment_list(Month(2026, 11)).lines[0].method == PaymentMethod.BANK
    # Back to the post office: the account is not kept to be printed on later lists.
    row = services.allowance.update_payment_details(
        case_id, PaymentMethod.POST_OFFICE, "Bưu điện xã", "3601205123456", "Agribank"
    )
    assert (row.account_number, row.bank_name, row.payment_point) == (None, None, "Bưu điện xã")


def test_a_finalised_list_keeps_the_method_it_was_saved_with(services: Services) -> None:
    case_id = poor_elderly_case(services, "Người A")
    services.allowance.finalise_payment_list(Month(2026, 11))
    assert services.allowance.next_list_month() == Month(2026, 12)
    services.allowance.update_payment_details(case_id, PaymentMethod.CASH, None, None, None)
    november = services.allowance.payment_list(Month(2026, 11)).lines[0]
    december = services.allowance.payment_list(Month(2026, 12)).lines[0]
    assert (november.method, december.method) == (PaymentMethod.POST_OFFICE, PaymentMethod.CASH)


@pytest.mark.parametrize(
    ("method", "account", "bank", "errors"),
    [
        (PaymentMethod.BANK, "", "Agribank", {"account_number": "allowance.account_required"}),
        (
            PaymentMethod.BANK,
            "12-34-567O",
            "Agribank",
            {"account_number": "allowance.account_digits"},
        ),
        (PaymentMethod.BANK, "12345", "Agribank", {"account_number": "allowance.account_digits"}),
        (PaymentMethod.BANK, "1" * 20, "Agribank", {"account_number": "allowance.account_digits"}),
        (PaymentMethod.BANK, "0123456789", " ", {"bank_name": "allowance.bank_required"}),
        (PaymentMethod.EWALLET, "09x1234567", None, {"account_number": "allowance.account_digits"}),
    ],
)
def test_payment_details_are_checked_before_anything_is_saved(
    services: Services,
    method: PaymentMethod,
    account: str,
    bank: str | None,
    errors: dict[str, str],
) -> None:
    case_id = poor_elderly_case(services, "Người A")
    with pytest.raises(ValidationFailed) as refused:
        services.allowance.update_payment_details(case_id, method, None, account, bank)
    assert dict(refused.value.errors) == errors
    assert services.allowance.case(case_id).payment_method == PaymentMethod.POST_OFFICE


def test_the_payment_method_of_a_closed_case_is_not_changed(services: Services) -> None:
    case_id = poor_elderly_case(services, "Người A")
    services.allowance.stop(case_id, dt.date(2026, 11, 5), "death")
    with pytest.raises(DomainError) as refused:
        services.allowance.update_payment_details(case_id, PaymentMethod.CASH, None, None, None)
    assert refused.value.code == "allowance.status_not_allowed"
