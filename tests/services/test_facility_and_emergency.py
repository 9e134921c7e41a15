"""Facility residents and emergency assistance through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from btxh_desktop.domain.codes import (
    AdmissionType,
    CareLogKind,
    DischargeReason,
    ResidentGroup,
    Sex,
)
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.facility import emergency_deadline
from tests.conftest import TODAY


def resident(services: Services, name: str, birth: PartialDate) -> str:
    return services.people.create(PersonDraft(full_name=name, birth=birth, sex=Sex.MALE)).id


def test_emergency_admission_shows_its_three_month_limit(facility_services: Services) -> None:
    svc = facility_services
    pid = resident(svc, "Trẻ Lang Thang", PartialDate(2014))
    admitted = TODAY - dt.timedelta(days=80)
    residency = svc.facility.admit(
        pid, AdmissionType.EMERGENCY, ResidentGroup.EMERGENCY, admitted, referred_by="Công an xã"
    )
    row = svc.facility.resident(residency)
    assert row.emergency_deadline == emergency_deadline(admitted)
    assert row.days_left(TODAY) == (row.emergency_deadline - TODAY).days
    assert row.emergency_state(TODAY) == "due_soon"
    assert row.emergency_state(row.emergency_deadline + dt.timedelta(days=1)) == "overdue"


def test_a_person_cannot_be_admitted_twice_or_before_birth(facility_services: Services) -> None:
    svc = facility_services
    pid = resident(svc, "Cụ Ông", PartialDate(1935))
    svc.facility.admit(pid, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2025, 1, 2))
    with pytest.raises(DomainError) as raised:
        svc.facility.admit(pid, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2025, 2, 2))
    assert raised.value.code == "facility.already_resident"
    baby = resident(svc, "Bé Sơ Sinh", PartialDate(2026, 10, 1))
    with pytest.raises(ValidationFailed):
        svc.facility.admit(baby, AdmissionType.REGULAR, ResidentGroup.CHILD, dt.date(2026, 9, 1))


def test_care_log_and_discharge_by_death_records_funeral_support(
    facility_services: Services,
) -> None:
    svc = facility_services
    pid = resident(svc, "Cụ Bà", PartialDate(1930, 5))
    residency = svc.facility.admit(
        pid, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2024, 3, 1)
    )
    svc.facility.add_care_log(residency, CareLogKind.HEALTH_CHECK, dt.date(2026, 1, 5), "Ổn định")
    svc.facility.add_care_log(residency, CareLogKind.VISIT, dt.date(2026, 2, 5), "Cháu đến thăm")
    assert [e.kind for e in svc.facility.care_log(residency)] == [
        CareLogKind.VISIT,
        CareLogKind.HEALTH_CHECK,
    ]
    result = svc.facility.discharge(residency, dt.date(2026, 11, 2), DischargeReason.DEATH)
    assert result.funeral is not None
    assert result.funeral.amount == 50 * 540_000  # in a facility: 50 × the standard level
    assert svc.people.get(pid).draft.death_date == dt.date(2026, 11, 2)
    assert svc.facility.residents() == []
    census = svc.facility.census()
    assert census.total == 0


def test_census_counts_current_residents_by_group(facility_services: Services) -> None:
    svc = facility_services
    for i, group in enumerate(
        (ResidentGroup.CHILD, ResidentGroup.CHILD, ResidentGroup.ELDERLY, ResidentGroup.DISABILITY)
    ):
        pid = resident(svc, f"Đối Tượng {i}", PartialDate(1960 + i))
        svc.facility.admit(pid, AdmissionType.REGULAR, group, dt.date(2025, 6, 1))
    svc.facility.set_capacity(8)
    census = svc.facility.census()
    assert census.total == 4
    assert census.by_group[ResidentGroup.CHILD] == 2
    assert census.occupancy == 0.5


def test_emergency_event_totals(services: Services) -> None:
    event = services.emergency.create_event("Lũ tháng 10", "flood", dt.date(2026, 10, 20))
    rice = services.emergency.suggested_rice("flood", 4, dt.date(2026, 10, 25), months=3)
    assert rice.kg == 4 * 15 * 3
    services.emergency.distribute(
        event, "Nguyễn Văn Hộ", 4, "rice", dt.date(2026, 10, 25), rice_kg=Decimal(rice.kg)
    )
    services.emergency.distribute(
        event, "Trần Thị Nhà", 2, "housing_repair", dt.date(2026, 10, 26), cash_amount=20_000_000
    )
    summary = services.emergency.events()[0]
    assert (summary.households, summary.people) == (2, 6)
    assert summary.rice_kg == 180
    assert summary.cash == 20_000_000
    with pytest.raises(ValidationFailed) as raised:
        services.emergency.distribute(event, "Ai Đó", 1, "rice", dt.date(2026, 10, 26))
    assert raised.value.errors == {"rice_kg": "emergency.nothing_given"}
