"""The dashboard's figures: a few aggregate queries, so the first screen opens fast at 200,000.

Who is counted depends on the site: a commune counts everyone on its records; a facility
counts the people living there now. Categories are the allowance categories of open cases at
a commune, and the resident groups at a facility. The money trend takes a month's finalised
payment list when there is one, and otherwise estimates the month from the decided amounts of
the cases running in it (marked as such, so nobody mistakes it for what was paid).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from btxh_desktop.domain.codes import CaseStatus, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.storage.models import (
    AllowanceCase,
    Facility,
    Payment,
    Person,
    Residency,
    Site,
)

TREND_MONTHS = 12
# Bands where the rules change: under 4 (higher coefficients), under 16 (children), 16–21
# (K2 students), working age, 60+ (elderly), 80+ (higher elderly coefficient).
AGE_BANDS = (("0_3", 4), ("4_15", 16), ("16_21", 22), ("22_59", 60), ("60_79", 80))
OLDEST_BAND = "80_plus"
UNKNOWN_AGE = "unknown"
_OPEN = (CaseStatus.ACTIVE.value, CaseStatus.SUSPENDED.value)
# Cases that were (or still are) paid between their start and stop months.
_PAID_STATUSES = (
    CaseStatus.ACTIVE.value,
    CaseStatus.SUSPENDED.value,
    CaseStatus.STOPPED.value,
    CaseStatus.MOVED.value,
)


@dataclass(frozen=True)
class MonthTotal:
    month: Month
    amount: int
    finalised: bool  # False: estimated from decided monthly amounts


@dataclass(frozen=True)
class FacilityLoad:
    name: str
    capacity: int
    residents: int


@dataclass(frozen=True)
class Dashboard:
    site_type: SiteType
    site_name: str
    today: dt.date
    people: int
    by_sex: dict[str, int]
    by_age_band: tuple[tuple[str, int], ...]  # every band, in order, zeros included
    by_category: tuple[tuple[str, int], ...]  # category (commune) or resident group (facility)
    by_case_status: tuple[tuple[str, int], ...]  # commune only
    monthly_totals: tuple[MonthTotal, ...]  # commune only, oldest first
    residents_by_month: tuple[tuple[Month, int], ...]  # facility only, oldest first
    facilities: tuple[FacilityLoad, ...]


class DashboardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def summary(self) -> Dashboard:
        today = self.ctx.today()
        months = [Month.of(today).add(-i) for i in range(TREND_MONTHS - 1, -1, -1)]
        with self.ctx.read() as session:
            site = session.scalar(select(Site))
            site_type = SiteType(site.site_type) if site else SiteType.COMMUNE
            site_name = site.site_name if site else ""
            facility = site_type == SiteType.FACILITY
            scope = _in_residence() if facility else None
            by_sex: Counter[str] = Counter()
            ages: Counter[str] = Counter()
            # One pass over the people for both breakdowns.
            for (sex, band), count in _count_by(
                session, (Person.sex, _age_band(today)), scope
            ).items():
                by_sex[sex] += count
                ages[band] += count
            facilities = _facility_loads(session)
            if facility:
                groups = {
                    str(group): int(count)
                    for group, count in session.execute(
                        select(Residency.resident_group, func.count())
                        .where(Residency.deleted_at.is_(None), Residency.discharged_on.is_(None))
                        .group_by(Residency.resident_group)
                    )
                }
                by_category = tuple(sorted(groups.items()))
                by_status: tuple[tuple[str, int], ...] = ()
                totals: tuple[MonthTotal, ...] = ()
                residents = _residents_by_month(session, months)
            else:
                categories: Counter[str] = Counter()
                statuses: Counter[str] = Counter()
                for category, status, count in session.execute(
                    select(AllowanceCase.category, AllowanceCase.status, func.count())
                    .where(AllowanceCase.deleted_at.is_(None))
                    .group_by(AllowanceCase.category, AllowanceCase.status)
                ):
                    statuses[status] += count
                    if status in _OPEN:
                        categories[category] += count
                by_category = tuple(sorted(categories.items()))
                by_status = tuple(sorted(statuses.items()))
                totals = _monthly_totals(session, months)
                residents = ()
        bands = [name for name, _ in AGE_BANDS] + [OLDEST_BAND, UNKNOWN_AGE]
        return Dashboard(
            site_type=site_type,
            site_name=site_name,
            today=today,
            people=sum(by_sex.values()),
            by_sex=dict(by_sex),
            by_age_band=tuple((band, ages.get(band, 0)) for band in bands),
            by_category=by_category,
            by_case_status=by_status,
            monthly_totals=totals,
            residents_by_month=residents,
            facilities=facilities,
        )


def _in_residence() -> Select[str]:
    return select(Residency.person_id).where(
        Residency.deleted_at.is_(None), Residency.discharged_on.is_(None)
    )


def _count_by(
    session: Session,
    keys: tuple[ColumnElement[str] | InstrumentedAttribute[str], ...],
    scope: Select[str] | None,
) -> dict[tuple[str, ...], int]:
    query = select(*keys, func.count()).where(Person.deleted_at.is_(None)).group_by(*keys)
    if scope is not None:
        query = query.where(Person.id.in_(scope))
    return {tuple(str(k) for k in row[:-1]): int(row[-1]) for row in session.execute(query)}


def _age_band(today: dt.date) -> ColumnElement[str]:
    """Completed years on `today`, a missing month or day taken as the first (as the rules
    do), put in its band by SQLite."""
    born_later_in_year = (
        func.coalesce(Person.birth_month, 1) * 100 + func.coalesce(Person.birth_day, 1)
        > today.month * 100 + today.day
    )
    age = (literal(today.year) - Person.birth_year) - case((born_later_in_year, 1), else_=0)
    bands = [(age < upper, literal(name)) for name, upper in AGE_BANDS]
    return case(
        (Person.birth_year.is_(None), literal(UNKNOWN_AGE)), *bands, else_=literal(OLDEST_BAND)
    )


def _monthly_totals(session: Session, months: list[Month]) -> tuple[MonthTotal, ...]:
    first = months[0]
    paid = {
        month: int(total or 0)
        for month, total in session.execute(
            select(
                Payment.month,
                func.sum(Payment.amount + Payment.back_pay_amount - Payment.recovery_amount),
            )
            .where(Payment.deleted_at.is_(None), Payment.month >= first)
            .group_by(Payment.month)
        )
    }
    # Grouped by start and stop month, 200,000 cases come back as a few hundred rows.
    spans = session.execute(
        select(
            AllowanceCase.start_month,
            AllowanceCase.stop_month,
            func.sum(AllowanceCase.monthly_amount),
        )
        .where(
            AllowanceCase.deleted_at.is_(None),
            AllowanceCase.status.in_(_PAID_STATUSES),
            AllowanceCase.start_month.is_not(None),
            AllowanceCase.monthly_amount.is_not(None),
        )
        .group_by(AllowanceCase.start_month, AllowanceCase.stop_month)
    ).all()
    out = []
    for month in months:
        if month in paid:
            out.append(MonthTotal(month, paid[month], True))
            continue
        estimate = sum(
            int(amount or 0)
            for start, stop, amount in spans
            if start <= month and (stop is None or month < stop)
        )
        out.append(MonthTotal(month, estimate, False))
    return tuple(out)


def _residents_by_month(session: Session, months: list[Month]) -> tuple[tuple[Month, int], ...]:
    stays = session.execute(
        select(Residency.admitted_on, Residency.discharged_on).where(Residency.deleted_at.is_(None))
    ).all()
    out = []
    for month in months:
        end = month.last_day()
        out.append(
            (
                month,
                sum(
                    1
                    for admitted, discharged in stays
                    if admitted <= end and (discharged is None or discharged > end)
                ),
            )
        )
    return tuple(out)


def _facility_loads(session: Session) -> tuple[FacilityLoad, ...]:
    residents = Counter(
        str(facility_id)
        for facility_id in session.scalars(
            select(Residency.facility_id).where(
                Residency.deleted_at.is_(None), Residency.discharged_on.is_(None)
            )
        )
    )
    return tuple(
        FacilityLoad(name, capacity, residents.get(facility_id, 0))
        for facility_id, name, capacity in session.execute(
            select(Facility.id, Facility.name, Facility.capacity)
            .where(Facility.deleted_at.is_(None))
            .order_by(Facility.name)
        )
    )
