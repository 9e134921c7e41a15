"""The dashboard's figures, counted by SQLite for a commune and for a facility."""

from __future__ import annotations

import datetime as dt

from btxh_desktop.domain.codes import AdmissionType, HouseholdStatus, ResidentGroup, Sex, SiteType
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services


def add(services: Services, name: str, birth: PartialDate, sex: Sex = Sex.FEMALE) -> str:
    return services.people.create(PersonDraft(name, birth, sex)).id


def test_a_commune_counts_everyone_its_cases_and_the_money_by_month(services: Services) -> None:
    baby = add(services, "Bé Một", PartialDate(2023, 11, 17))  # 2 on 16/11/2026, 3 tomorrow
    old = add(services, "Cụ Hai", PartialDate(1946, 11), Sex.MALE)  # 80 this month
    add(services, "Không Rõ", PartialDate())
    allowance = services.allowance
    allowance.apply(baby, "K1", dt.date(2026, 1, 5), sub_case="abandoned")
    case = allowance.apply(old, "K5a", dt.date(2026, 5, 2))
    services.people.set_household_status(old, HouseholdStatus.POOR, dt.date(2026, 1, 1))
    allowance.decide(case, "9/QĐ", dt.date(2026, 6, 1), "Chủ tịch")
    allowance.finalise_payment_list(Month(2026, 8))

    summary = services.dashboard.summary()
    assert summary.site_type == SiteType.COMMUNE
    assert summary.site_name == "Phường Sài Gòn"
    assert summary.people == 3
    assert summary.by_sex == {"female": 2, "male": 1}
    bands = dict(summary.by_age_band)
    assert (bands["0_3"], bands["80_plus"], bands["unknown"]) == (1, 1, 1)
    assert list(bands) == ["0_3", "4_15", "16_21", "22_59", "60_79", "80_plus", "unknown"]
    assert summary.by_category == (("K5a", 1),)
    assert dict(summary.by_case_status) == {"active": 1, "applied": 1}
    months = [t.month for t in summary.monthly_totals]
    assert (months[0], months[-1], len(months)) == (Month(2025, 12), Month(2026, 11), 12)
    totals = {t.month: t for t in summary.monthly_totals}
    assert totals[Month(2026, 5)].amount == 0
    assert totals[Month(2026, 8)].finalised
    assert totals[Month(2026, 8)].amount > 0
    assert not totals[Month(2026, 9)].finalised
    assert totals[Month(2026, 9)].amount == allowance.case(case).monthly_amount
    assert summary.facilities == () and summary.residents_by_month == ()


def test_a_facility_counts_the_people_living_there_and_how_full_it_is(
    facility_services: Services,
) -> None:
    services = facility_services
    services.facility.set_capacity(4)
    here = add(services, "Đang Ở", PartialDate(2015))
    gone = add(services, "Đã Về", PartialDate(1950), Sex.MALE)
    add(services, "Chưa Vào", PartialDate(1990))
    facility = services.facility
    facility.admit(here, AdmissionType.REGULAR, ResidentGroup.CHILD, dt.date(2026, 3, 10))
    stay = facility.admit(gone, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2026, 2, 1))
    facility.discharge(stay, dt.date(2026, 9, 15), "return_family")

    summary = services.dashboard.summary()
    assert summary.site_type == SiteType.FACILITY
    assert summary.people == 1
    assert summary.by_category == (("child", 1),)
    assert [(f.capacity, f.residents) for f in summary.facilities] == [(4, 1)]
    months = dict(summary.residents_by_month)
    assert (months[Month(2026, 1)], months[Month(2026, 2)], months[Month(2026, 3)]) == (0, 1, 2)
    assert (months[Month(2026, 9)], months[Month(2026, 11)]) == (1, 1)
