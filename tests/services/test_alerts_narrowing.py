"""The alert scan reads in full only the cases that can give an alert, and dated records
within `ScanBounds`: on a varied demo site it finds exactly what the plain evaluation finds,
every case through the rules and every record unbounded, on days that cross birthdays,
leap days, suspensions and missed adjustments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import select, text

import btxh_desktop.services.alerts as alerts_service
from btxh_desktop.domain.alerts import Alert, ScanBounds
from btxh_desktop.domain.codes import CaseStatus, DisabilityLevel, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.people import DisabilityDraft
from btxh_desktop.storage.models import AllowanceCase, Person, Residency
from tests.conftest import ADMIN, COMMUNE, TODAY

PEOPLE = 3000
NOW = "2026-11-16 08:00:00.000000"
SYNCED = "id, version, created_at, updated_at, updated_by"
ROW = f"lower(hex(randomblob(16))), 0, '{NOW}', '{NOW}', 'test'"

# Three finalised months, not collected in patterns around the suspension rule: every month,
# two months only, two months apart, and not collected after a month collected.
PAYMENTS = f"""
INSERT INTO payments ({SYNCED}, case_id, person_id, month, payment_round, method,
    coefficient, standard_level, amount, back_pay_months, back_pay_amount, recovery_amount,
    status)
SELECT {ROW}, id, person_id, :month, 1, payment_method, coefficient, standard_level,
    monthly_amount, 0, 0, 0,
    CASE
        WHEN substr(id, 1, 2) IN ('00', '01') THEN 'not_collected'
        WHEN substr(id, 1, 2) = '02' AND :month < '2026-10' THEN 'not_collected'
        WHEN substr(id, 1, 2) = '03' AND :month <> '2026-09' THEN 'not_collected'
        WHEN substr(id, 1, 2) = '04' AND :month > '2026-08' THEN 'not_collected'
        ELSE 'paid'
    END
FROM allowance_cases WHERE status = 'active'
"""
CARDS = f"""
INSERT INTO health_insurance_cards ({SYNCED}, person_id, card_number, valid_from, valid_to)
SELECT {ROW}, id, 'DN479' || substr(id, 1, 8), '2025-01-01',
    CASE WHEN substr(id, 2, 1) = 'f' THEN NULL
         ELSE date('2026-11-16', '+' || (abs(random()) % 500 - 90) || ' days') END
FROM people WHERE abs(random()) % 10 < 4
"""
FACILITY = f"""
INSERT INTO facilities ({SYNCED}, code, name, commune_code, capacity)
VALUES ('facility-1', 0, '{NOW}', '{NOW}', 'test', 'TT01', 'Trung tâm BTXH', '26740', 50)
"""
STAYS = f"""
INSERT INTO residencies ({SYNCED}, person_id, facility_id, admission_type, resident_group,
    admitted_on)
SELECT {ROW}, person_id, 'facility-1',
    CASE WHEN substr(id, 3, 1) < '8' THEN 'emergency' ELSE 'regular' END, 'elderly',
    date('2026-06-01', '+' || (abs(random()) % 240) || ' days')
FROM allowance_cases WHERE substr(id, 1, 2) = '05'
"""
CHANGES = [
    # Deaths recorded on the person, not yet stopped.
    "UPDATE people SET death_date = '2026-09-20' WHERE substr(id, 1, 2) IN ('06', '07')",
    # K2 students who left school; K1 children who are still studying.
    "UPDATE people SET school_status = 'graduated' WHERE substr(id, 1, 1) IN ('8', '9')"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K2')",
    "UPDATE people SET school_status = 'studying' WHERE substr(id, 1, 1) IN ('a', 'b')"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K1')",
    # Born on 29 February: a K7 child turns 3 at the end of February 2027 only in March;
    # children, people turning 60, elderly turning 80 in a leap year.
    "UPDATE people SET birth_year = 2024, birth_month = 2, birth_day = 29,"
    " birth_precision = 'day' WHERE substr(id, 1, 1) IN ('c', 'd')"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K7')",
    "UPDATE people SET birth_year = 2012, birth_month = 2, birth_day = 29,"
    " birth_precision = 'day' WHERE substr(id, 1, 1) = 'c'"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K1')",
    "UPDATE people SET birth_year = 1968, birth_month = 2, birth_day = 29,"
    " birth_precision = 'day' WHERE substr(id, 1, 1) = 'c'"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K6')",
    "UPDATE people SET birth_year = 1948, birth_month = 2, birth_day = 29,"
    " birth_precision = 'day' WHERE substr(id, 1, 1) = 'c'"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K5a')",
    # Raising children as well (K4 is paid on top of K6), and a coefficient typed by hand.
    "UPDATE allowance_cases SET other_categories = '[\"K4\"]', children_count = 2"
    " WHERE category = 'K6' AND substr(id, 1, 1) = 'd'",
    "UPDATE allowance_cases SET coefficient = '1.0' WHERE substr(id, 1, 2) = 'e0'",
    # Deleted records count for nothing.
    f"UPDATE allowance_cases SET deleted_at = '{NOW}' WHERE substr(id, 1, 2) = 'e1'",
    f"UPDATE people SET deleted_at = '{NOW}' WHERE substr(id, 1, 2) = 'e2'",
]
DAYS = [
    TODAY,
    dt.date(2026, 12, 31),
    dt.date(2027, 2, 15),  # 29 February does not come in 2027
    dt.date(2027, 3, 1),
    dt.date(2027, 7, 20),
    dt.date(2028, 2, 29),
    dt.date(2028, 11, 30),
]


def _sql(services: Services, *statements: str, **params: str) -> None:
    with services.ctx.database.writer().begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def _ids(services: Services, where: Any, limit: int) -> list[str]:
    """Live cases of live people (some of each were deleted above)."""
    with services.ctx.read() as session:
        return list(
            session.scalars(
                select(AllowanceCase.id)
                .join(Person, Person.id == AllowanceCase.person_id)
                .where(where, AllowanceCase.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(AllowanceCase.id)
                .limit(limit)
            )
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = open_services(
        AppPaths(tmp_path_factory.mktemp("site") / "data"), ADMIN, today=lambda: TODAY
    )
    services.site.initialise(SiteType.COMMUNE, COMMUNE)
    services.demo.generate(PEOPLE, seed=5)
    for month in ("2026-08", "2026-09", "2026-10"):
        _sql(services, PAYMENTS, month=month)
    _sql(services, CARDS, FACILITY, STAYS, *CHANGES)

    active = AllowanceCase.status == CaseStatus.ACTIVE.value
    for number, case_id in enumerate(_ids(services, active & (AllowanceCase.id > "f"), 12)):
        start = services.allowance.case(case_id).start_month
        assert start is not None
        services.allowance.suspend(case_id, max(start, Month(2026, 6 + number % 6)), "custody")
    # Adjusted cases must still be payable in November: not of the people given a death or
    # a stay in a facility above (a stay's admission date is random, so leaving them in
    # made the set-up fail now and then).
    payable = Person.death_date.is_(None) & AllowanceCase.person_id.not_in(
        select(Residency.person_id)
    )
    disabled = active & payable & (AllowanceCase.category == "K6") & (AllowanceCase.id < "1")
    for number, case_id in enumerate(_ids(services, disabled, 15)):
        person_id = services.allowance.case(case_id).person_id
        services.people.save_disability(
            person_id,
            DisabilityDraft(
                disability_type=2,
                level=DisabilityLevel.PARTICULARLY_SEVERE,
                assessed_on=dt.date(2026, 11, 2),
                certificate_issued_on=dt.date(2026, 11, 2),
                reassessment_due=dt.date(2027, 3, 1),
            ),
        )
        if number < 5:  # some adjusted since: their terms run from the adjustment
            services.allowance.adjust(case_id, Month(2026, 11), "7/QĐ-UBND", TODAY)
    papers = AllowanceCase.status.in_([CaseStatus.APPLIED.value, CaseStatus.ACTIVE.value])
    for number, case_id in enumerate(_ids(services, papers & (AllowanceCase.id < "2"), 20)):
        due = TODAY + dt.timedelta(days=number * 9 - 30)
        services.allowance.set_document_follow_up(case_id, due, f"Giấy tờ số {number}")
    yield services
    services.close()


def _every_case(session: Any, *_: Any) -> set[str]:
    return set(
        session.scalars(
            select(AllowanceCase.id)
            .join(Person, Person.id == AllowanceCase.person_id)
            .where(
                AllowanceCase.status.in_(alerts_service.CASE_STATUSES),
                AllowanceCase.deleted_at.is_(None),
                Person.deleted_at.is_(None),
            )
        )
    )


def _plain(services: Services, day: dt.date, monkeypatch: pytest.MonkeyPatch) -> list[Alert]:
    """Every case through the rules, every dated record, every line not collected."""
    with monkeypatch.context() as patch:
        patch.setattr(alerts_service, "_candidates", _every_case)
        patch.setattr(alerts_service, "NOT_COLLECTED_MONTHS", 1)
        far = dt.date.max
        patch.setattr(alerts_service, "scan_bounds", lambda _: ScanBounds(far, far, far, far))
        return [row.alert for row in services.alerts.compute(day, include_hidden=True)]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_narrowed_scan_finds_what_every_case_through_the_rules_finds(
    site: Services, day: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    case_rows = alerts_service._case_rows

    def counted(session: Any, today: dt.date, case_ids: Sequence[str]) -> Iterator[Any]:
        read.extend(case_ids)
        return iter(list(case_rows(session, today, case_ids)))

    monkeypatch.setattr(alerts_service, "_case_rows", counted)
    fast = [row.alert for row in site.alerts.compute(day, include_hidden=True)]
    monkeypatch.undo()

    assert fast == _plain(site, day, monkeypatch)
    assert len({a.kind for a in fast}) >= 6  # the site gives alerts of most kinds
    assert len(read) < PEOPLE / 4  # and most cases never needed reading in full


def test_the_scan_found_every_kind_the_site_was_given(site: Services) -> None:
    kinds = {row.alert.kind.value for day in DAYS for row in site.alerts.compute(day)}
    assert kinds >= {
        "age_band",
        "eligibility_end",
        "coefficient_change",
        "not_collected",
        "suspension_over",
        "emergency_stay",
        "insurance_card",
        "reassessment",
        "dossier_overdue",
        "document_follow_up",
    }


def test_demo_k2_beneficiaries_are_saved_as_studying(services: Services) -> None:
    services.demo.generate(400, seed=2)
    with services.ctx.read() as session:
        k2 = session.execute(
            select(Person.school_status, AllowanceCase.status)
            .join(AllowanceCase, AllowanceCase.person_id == Person.id)
            .where(AllowanceCase.category == "K2")
        ).all()
    assert k2 and {school for school, _ in k2} == {"studying"}
    assert {status for _, status in k2} <= {"active", "applied"}
