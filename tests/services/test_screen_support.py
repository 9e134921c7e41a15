"""Service reads and writes the GUI screens rely on: previews that match what is saved,
refreshing a few rows by id, the resident file, recording several payments at once, and
correcting an emergency event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from btxh_desktop.domain.codes import (
    AdmissionType,
    CaseStatus,
    DischargeReason,
    HouseholdStatus,
    PaymentStatus,
    ResidentGroup,
    Role,
    Sex,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.permissions import PermissionDenied
from tests.conftest import COMMUNE, TODAY

LEVEL = 540_000


def person(services: Services, name: str, birth: PartialDate) -> str:
    draft = PersonDraft(full_name=name, birth=birth, sex=Sex.FEMALE, commune_code=COMMUNE)
    return services.people.create(draft).id


def test_the_decision_preview_is_what_deciding_records(services: Services) -> None:
    child = person(services, "Bé Lan", PartialDate(2023, 3, 10))
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 9, 20), sub_case="abandoned")
    preview = services.allowance.preview_decision(case_id, dt.date(2026, 10, 5))
    assert services.allowance.case(case_id).status == CaseStatus.APPLIED  # nothing saved
    decision = services.allowance.decide(case_id, "15/QĐ", dt.date(2026, 10, 5), "Chủ tịch")
    assert preview.start.month == decision.start.month == Month(2026, 10)
    assert preview.allowance.monthly_amount == decision.case.monthly_amount == 1_350_000
    assert preview.allowance.explanation == decision.allowance.explanation
    with pytest.raises(DomainError) as raised:
        services.allowance.preview_decision(case_id, dt.date(2026, 10, 5))
    assert raised.value.code == "allowance.not_awaiting_decision"


def test_the_decision_preview_refuses_a_date_before_the_application(services: Services) -> None:
    child = person(services, "Bé Na", PartialDate(2022, 1, 1))
    case_id = services.allowance.apply(child, "K1", dt.date(2026, 10, 1))
    with pytest.raises(ValidationFailed) as raised:
        services.allowance.preview_decision(case_id, dt.date(2026, 9, 1))
    assert raised.value.errors == {"decision_date": "allowance.decision_before_application"}


def test_cases_by_id_returns_only_live_cases_asked_for(services: Services) -> None:
    a = services.allowance.apply(person(services, "A", PartialDate(2020)), "K1", TODAY)
    b = services.allowance.apply(person(services, "B", PartialDate(2021)), "K1", TODAY)
    assert {c.id for c in services.allowance.cases_by_id([a, "missing"])} == {a}
    assert {c.id for c in services.allowance.cases_by_id([a, b])} == {a, b}
    assert services.allowance.cases_by_id([]) == []


def test_the_community_funeral_preview_is_20_standard_levels(services: Services) -> None:
    assert services.allowance.funeral_preview(dt.date(2026, 8, 1)).amount == 20 * LEVEL


def test_the_facility_funeral_preview_matches_what_a_death_discharge_records(
    facility_services: Services,
) -> None:
    svc = facility_services
    preview = svc.facility.funeral_preview(dt.date(2026, 8, 1))
    assert preview.amount == 50 * LEVEL
    pid = svc.people.create(PersonDraft(full_name="Cụ Bà", birth=PartialDate(1930))).id
    residency = svc.facility.admit(
        pid, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2025, 1, 2)
    )
    result = svc.facility.discharge(residency, dt.date(2026, 8, 1), DischargeReason.DEATH)
    assert result.funeral is not None and result.funeral.amount == preview.amount


def statuses(services: Services) -> set[PaymentStatus | None]:
    return {line.status for line in services.allowance.payment_list(Month(2026, 11)).lines}


def test_several_payments_are_recorded_together_or_not_at_all(services: Services) -> None:
    for name in ("Người A", "Người B"):
        pid = person(services, name, PartialDate(1940, 1, 1))
        services.people.set_household_status(pid, HouseholdStatus.POOR, dt.date(2026, 1, 1))
        case_id = services.allowance.apply(pid, "K5a", dt.date(2026, 10, 1))
        services.allowance.decide(case_id, "1/QĐ", dt.date(2026, 11, 2), "Chủ tịch")
    listing = services.allowance.finalise_payment_list(Month(2026, 11))
    ids = [line.payment_id for line in listing.lines]
    assert all(ids)
    payment_ids = [i for i in ids if i is not None]
    with pytest.raises(DomainError):
        services.allowance.record_payments([payment_ids[0], "missing"], PaymentStatus.NOT_COLLECTED)
    assert statuses(services) == {PaymentStatus.PLANNED}
    with pytest.raises(ValidationFailed) as raised:
        services.allowance.record_payments(payment_ids, PaymentStatus.PAID)
    assert raised.value.errors == {"paid_on": "field.required"}
    services.allowance.record_payments(payment_ids, PaymentStatus.PAID, TODAY)
    assert statuses(services) == {PaymentStatus.PAID}
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    with pytest.raises(PermissionDenied):
        services.allowance.record_payments(payment_ids, PaymentStatus.NOT_COLLECTED)


def test_the_resident_file_carries_admission_and_discharge_details(
    facility_services: Services,
) -> None:
    svc = facility_services
    pid = svc.people.create(PersonDraft(full_name="Cụ Ông", birth=PartialDate(1940))).id
    residency = svc.facility.admit(
        pid,
        AdmissionType.REGULAR,
        ResidentGroup.ELDERLY,
        dt.date(2025, 1, 2),
        decision_number="12/QĐ-SLĐTBXH",
        referred_by="UBND xã An Phú",
        needs_assessment="Cần hỗ trợ đi lại",
    )
    file = svc.facility.resident_file(residency)
    assert (file.decision_number, file.referred_by) == ("12/QĐ-SLĐTBXH", "UBND xã An Phú")
    assert file.needs_assessment == "Cần hỗ trợ đi lại"
    assert file.support_plan is None
    svc.facility.discharge(
        residency, dt.date(2026, 3, 1), DischargeReason.RETURN_FAMILY, destination="Con trai"
    )
    file = svc.facility.resident_file(residency)
    assert file.resident.discharged_on == dt.date(2026, 3, 1)
    assert file.discharge_destination == "Con trai"
    with pytest.raises(DomainError):
        svc.facility.resident_file("missing")


def test_an_event_can_be_corrected_but_not_moved_after_its_distributions(
    services: Services,
) -> None:
    event = services.emergency.create_event("Lũ", "flood", dt.date(2026, 10, 20))
    services.emergency.update_event(event, "Lũ tháng 10", "flood", dt.date(2026, 10, 19), "Thôn 3")
    summary = services.emergency.events()[0]
    assert (summary.name, summary.occurred_on, summary.note) == (
        "Lũ tháng 10",
        dt.date(2026, 10, 19),
        "Thôn 3",
    )
    services.emergency.distribute(
        event, "Nguyễn Văn Hộ", 2, "rice", dt.date(2026, 10, 25), rice_kg=Decimal(30)
    )
    with pytest.raises(ValidationFailed) as raised:
        services.emergency.update_event(event, "Lũ tháng 10", "flood", dt.date(2026, 10, 26))
    assert raised.value.errors == {"occurred_on": "emergency.after_distributions"}
    with pytest.raises(ValidationFailed) as raised:
        services.emergency.update_event(event, " ", "volcano", dt.date(2026, 10, 20))
    assert raised.value.errors == {"name": "field.required", "kind": "emergency.kind_invalid"}
    with pytest.raises(DomainError):
        services.emergency.update_event("missing", "X", "flood", dt.date(2026, 10, 20))


def test_a_household_given_several_kinds_of_support_is_counted_once(services: Services) -> None:
    event = services.emergency.create_event("Lũ", "flood", dt.date(2026, 10, 20))
    day = dt.date(2026, 10, 25)
    emergency = services.emergency
    emergency.distribute(event, "Bùi Văn Đông", 6, "rice", day, rice_kg=Decimal(270))
    emergency.distribute(event, "Bui Van  Đông", 6, "housing_repair", day, cash_amount=20_000_000)
    pid = person(services, "Lý Thị Hoa", PartialDate(1980))
    emergency.distribute(event, "Lý Thị Hoa", 2, "rice", day, rice_kg=Decimal(90), person_id=pid)
    emergency.distribute(event, "Chồng chị Hoa", 3, "cash", day, cash_amount=1, person_id=pid)
    summary = emergency.events()[0]
    assert (summary.households, summary.people) == (2, 9)
    assert (summary.rice_kg, summary.cash) == (360, 20_000_001)
