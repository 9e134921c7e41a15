"""The figures behind reports and printed documents, with the privacy rules applied.

Amounts are never recomputed here: the payment list is `AllowanceService.payment_list`
(the saved list once finalised), statistics read the stored cases, payments, stays and
distributions. What leaves the application goes through `export` (spreadsheets) or
`authorise_export` + `record_export` (PDFs rendered by the GUI): the role must hold
`Permission.EXPORT` and every export leaves an audit entry naming its columns.

Sensitive data (services/privacy.py): a category that reveals HIV (K3, K8 —
`CategoryInfo.sensitive`) is shown on lists only to a role that may see sensitive fields,
and a public posting list never includes the people concerned at all — even a blank
category next to a name would single them out on a notice board.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import (
    CaseChangeKind,
    CaseStatus,
    DisabilityLevel,
    DischargeReason,
    PaymentMethod,
    PaymentStatus,
    ResidentGroup,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.policy import Allowance, PolicyEngine, Support
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.services import privacy
from btxh_desktop.services.allowance import AllowanceService, CaseRow, PaymentList, PaymentListLine
from btxh_desktop.services.audit import AuditService
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.documents import CellValue, Document
from btxh_desktop.services.facility import FacilityService, ResidentRow
from btxh_desktop.services.people import PeopleService
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.services.spreadsheets import write_csv, write_xlsx
from btxh_desktop.storage.models import (
    AllowanceCase,
    AllowanceChange,
    EmergencyDistribution,
    EmergencyEvent,
    Facility,
    FuneralSupport,
    Payment,
    Person,
    Residency,
    Site,
)
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.storage.records import (
    DisabilityRecord,
    GuardianRecord,
    HouseholdStatusRecordView,
)

EXPORT_FORMATS = ("xlsx", "csv")
# Statuses whose payment period (start month up to the stop month) is a matter of record.
DECIDED = (
    CaseStatus.ACTIVE.value,
    CaseStatus.SUSPENDED.value,
    CaseStatus.STOPPED.value,
    CaseStatus.MOVED.value,
)
# Bounded IN lists: SQLite builds may cap bound parameters at 999.
_IN_CHUNK = 900


@dataclass(frozen=True)
class AgeBand:
    """An age range at the end of the period; limits follow the coefficient bands (4, 16,
    22, 60, 80), so the report shows where the rules change."""

    code: str
    low: int | None
    high: int | None  # inclusive


AGE_BANDS = (
    AgeBand("0-3", 0, 3),
    AgeBand("4-15", 4, 15),
    AgeBand("16-21", 16, 21),
    AgeBand("22-59", 22, 59),
    AgeBand("60-79", 60, 79),
    AgeBand("80+", 80, None),
    AgeBand("unknown", None, None),
)


@dataclass(frozen=True)
class Names:
    """Names for the codes records store, in either language, for the layouts."""

    policy: PolicyEngine
    reference: ReferenceData

    def category(self, code: str, lang: str) -> str:
        try:
            info = self.policy.category(code)
        except DomainError:
            return code
        return info.name_en if lang == "en" else info.name_vi

    def sub_case(self, category: str, code: str | None, lang: str) -> str:
        if code is None:
            return ""
        try:
            cases = self.policy.category(category).sub_cases
        except DomainError:
            return code
        found = next((c for c in cases if c.code == code), None)
        if found is None:
            return code
        return found.name_en if lang == "en" else found.name_vi

    def commune(self, code: str | None) -> str:
        commune = self.reference.commune(code) if code else None
        return commune.full_name if commune else (code or "")

    def ethnicity(self, code: str | None, lang: str) -> str:
        group = self.reference.ethnic_group(code) if code else None
        return group.label(lang) if group else (code or "")

    def disability_type(self, code: int, lang: str) -> str:
        found = self.reference.disability_type(str(code))
        return found.label(lang) if found else str(code)

    def disability_level(self, level: str, lang: str) -> str:
        try:
            return self.reference.disability_level(DisabilityLevel(level)).label(lang)
        except ValueError:
            return level


@dataclass(frozen=True)
class Issuer:
    """Who issues the document: this site, as its letterhead names it."""

    site_type: SiteType
    site_code: str
    site_name: str  # "Phường Sài Gòn", or the facility's name
    place: str  # "Sài Gòn": where the document is signed
    province_name: str | None
    names: Names


# ---------------------------------------------------------------- payment list


@dataclass(frozen=True)
class PaymentRow:
    line: PaymentListLine
    birth_year: int | None
    sex: Sex
    address: str | None
    category: str | None  # None when it reveals HIV and the role may not see that


@dataclass(frozen=True)
class PaymentGroup:
    method: PaymentMethod
    point: str | None
    rows: tuple[PaymentRow, ...]

    @property
    def amount(self) -> int:
        return sum(r.line.line.amount for r in self.rows)

    @property
    def back_pay(self) -> int:
        return sum(r.line.line.back_pay_amount for r in self.rows)

    @property
    def recovery(self) -> int:
        return sum(r.line.line.recovery_amount for r in self.rows)

    @property
    def total(self) -> int:
        return sum(r.line.line.total for r in self.rows)


@dataclass(frozen=True)
class PaymentListReport:
    issuer: Issuer
    payments: PaymentList
    groups: tuple[PaymentGroup, ...]
    standard_level: int


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True)
class CategoryFigure:
    category: str
    count: int
    male: int
    female: int
    monthly_amount: int  # the stored monthly amounts of these cases, summed


@dataclass(frozen=True)
class SubCaseFigure:
    category: str
    sub_case: str | None
    count: int


@dataclass(frozen=True)
class Movement:
    category: str
    new: int
    stopped: int
    moved: int


@dataclass(frozen=True)
class MonthPayments:
    month: Month
    lines: int
    amount: int
    back_pay: int
    recovery: int
    total: int
    paid_lines: int


@dataclass(frozen=True)
class FacilityFigures:
    name: str
    capacity: int
    admissions: dict[ResidentGroup, int]
    discharges: dict[DischargeReason, int]
    census: dict[ResidentGroup, int]  # residents on the last day of the period

    @property
    def residents(self) -> int:
        return sum(self.census.values())


@dataclass(frozen=True)
class EventFigures:
    event_id: str
    name: str
    kind: str
    occurred_on: dt.date
    households: int
    people: int
    rice_kg: Decimal
    cash: int


@dataclass(frozen=True)
class Statistics:
    issuer: Issuer
    start: Month
    end: Month
    beneficiaries: int  # entitled in the period's last month
    by_category: tuple[CategoryFigure, ...]
    by_sub_case: tuple[SubCaseFigure, ...]
    by_sex: dict[Sex, int]
    by_age_band: tuple[tuple[AgeBand, int], ...]
    by_commune: tuple[tuple[str, int], ...]
    movements: tuple[Movement, ...]
    payments: tuple[MonthPayments, ...]
    facility: FacilityFigures | None
    emergency: tuple[EventFigures, ...]

    @property
    def new_cases(self) -> int:
        return sum(m.new for m in self.movements)

    @property
    def stopped_cases(self) -> int:
        return sum(m.stopped for m in self.movements)

    @property
    def moved_cases(self) -> int:
        return sum(m.moved for m in self.movements)

    @property
    def paid_total(self) -> int:
        return sum(p.total for p in self.payments)


# ---------------------------------------------------------------- lists


@dataclass(frozen=True)
class PostingRow:
    full_name: str
    birth_year: int | None
    sex: Sex
    address: str | None
    category: str
    amount: int | None
    start_month: Month | None
    application_date: dt.date | None


@dataclass(frozen=True)
class PublicPosting:
    issuer: Issuer
    month: Month
    applicants: bool  # the applications awaiting a decision, rather than the beneficiaries
    rows: tuple[PostingRow, ...]


PEOPLE_COLUMNS = (
    "code",
    "full_name",
    "other_name",
    "birth",
    "sex",
    "ethnicity_code",
    "cccd",
    "cccd_issued_on",
    "old_id_number",
    "phone",
    "commune_code",
    "address_detail",
    "father_name",
    "mother_name",
    "hiv_status",
    "health_notes",
    "death_date",
    "category",
    "case_status",
    "coefficient",
    "monthly_amount",
    "start_month",
)


@dataclass(frozen=True)
class PeopleExport:
    issuer: Issuer
    columns: tuple[str, ...]  # PEOPLE_COLUMNS minus what this role may not take out
    rows: tuple[tuple[CellValue, ...], ...]


# ---------------------------------------------------------------- printable documents


@dataclass(frozen=True)
class PersonProfile:
    issuer: Issuer
    person: PersonRecord  # sensitive fields blank unless the role may see them
    hidden: frozenset[str]
    cases: tuple[CaseRow, ...]
    disabilities: tuple[DisabilityRecord, ...]
    households: tuple[HouseholdStatusRecordView, ...]
    guardians: tuple[GuardianRecord, ...]
    residencies: tuple[ResidentRow, ...]


@dataclass(frozen=True)
class DecisionDraft:
    issuer: Issuer
    case: CaseRow
    person: PersonRecord
    allowance: Allowance
    start_month: Month
    decided: bool  # False: a draft for a case still awaiting its decision


@dataclass(frozen=True)
class AdmissionRecord:
    issuer: Issuer
    resident: ResidentRow
    person: PersonRecord
    facility_name: str
    decision_number: str | None
    referred_by: str | None
    needs_assessment: str | None
    support_plan: str | None


@dataclass(frozen=True)
class FuneralRecord:
    issuer: Issuer
    person: PersonRecord
    death_date: dt.date
    in_facility: bool
    amount: int
    minimum: Support  # what the Decree sets as the least, for the record's legal basis
    recipient_name: str | None
    recipient_relationship: str | None
    decision_number: str | None
    paid_on: dt.date | None


@dataclass(frozen=True)
class PersonDocuments:
    """Which printable documents exist for a person (for the GUI's buttons)."""

    case_ids: tuple[str, ...]
    residency_ids: tuple[str, ...]
    funeral_ids: tuple[str, ...]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


class ReportsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ exports

    def authorise_export(self) -> None:
        """Raise unless this role may take data out (checked before a file is written)."""
        require(self.ctx.actor, Permission.EXPORT)

    def record_export(self, document: Document) -> None:
        """The audit entry for a document that left the application."""
        AuditService(self.ctx).record_export(
            document.kind, document.row_count, document.audited_fields(), public=document.public
        )

    def export(self, document: Document, path: Path, fmt: str) -> ExportResult:
        """Write `document` as .xlsx or .csv and record the export."""
        if fmt not in EXPORT_FORMATS:
            raise DomainError("report.format_unknown", format=fmt)
        self.authorise_export()
        try:
            if fmt == "xlsx":
                write_xlsx(document, path)
            else:
                write_csv(document, path)
        except OSError as exc:
            raise DomainError("report.cannot_write", path=str(path), reason=exc.strerror) from exc
        self.record_export(document)
        return ExportResult(path, document.row_count)

    # ------------------------------------------------------------------ issuer

    def issuer(self) -> Issuer:
        site = self.ctx.site()
        ref = self.ctx.reference
        province = ref.province(site.province_code) if site.province_code else None
        place = site.site_name
        if site.site_type == SiteType.COMMUNE:
            commune = ref.commune(site.site_code)
            if commune is not None:
                place = commune.name
        else:
            with self.ctx.read() as session:
                facility_commune = session.scalar(
                    select(Facility.commune_code).where(Facility.code == site.site_code)
                )
            commune = ref.commune(facility_commune) if facility_commune else None
            if commune is not None:
                place = commune.name
        return Issuer(
            SiteType(site.site_type),
            site.site_code,
            site.site_name,
            place,
            province.full_name if province else None,
            Names(self.ctx.policy, ref),
        )

    # ------------------------------------------------------------------ payment list

    def payment_list(self, month: Month) -> PaymentListReport:
        """The month's payment list as `AllowanceService` has it, grouped by method and
        payment point, with what the paper list also shows about each person."""
        payments = AllowanceService(self.ctx).payment_list(month)
        people = self._people_facts([line.person_id for line in payments.lines])
        visible = privacy.can_view_sensitive(self.ctx.actor)
        hidden = {c.code for c in self.ctx.policy.categories() if c.sensitive}
        groups: dict[tuple[PaymentMethod, str | None], list[PaymentRow]] = defaultdict(list)
        for line in payments.lines:
            year, sex, address = people.get(line.person_id, (None, Sex.UNKNOWN, None))
            category = line.category if visible or line.category not in hidden else None
            point = (line.payment_point or "").strip() or None
            groups[(line.method, point)].append(PaymentRow(line, year, sex, address, category))
        method_order = list(PaymentMethod)
        ordered = sorted(
            groups.items(),
            key=lambda item: (method_order.index(item[0][0]), item[0][1] is None, item[0][1] or ""),
        )
        site = self.ctx.site()
        level = self.ctx.policy.standard_level(month, site.province_code).amount
        return PaymentListReport(
            self.issuer(),
            payments,
            tuple(PaymentGroup(m, p, tuple(rows)) for (m, p), rows in ordered),
            level,
        )

    def _people_facts(
        self, person_ids: Sequence[str]
    ) -> dict[str, tuple[int | None, Sex, str | None]]:
        out: dict[str, tuple[int | None, Sex, str | None]] = {}
        ids = list(dict.fromkeys(person_ids))
        with self.ctx.read() as session:
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = ids[start : start + _IN_CHUNK]
                for pid, year, sex, address in session.execute(
                    select(Person.id, Person.birth_year, Person.sex, Person.address_detail).where(
                        Person.id.in_(chunk)
                    )
                ):
                    out[pid] = (year, Sex(sex), address)
        return out

    # ------------------------------------------------------------------ statistics

    def statistics(self, start: Month, end: Month) -> Statistics:
        """The period's figures: who is entitled in its last month, by category, sub-case,
        sex, age band and commune; new, stopped and moved cases; what the finalised lists
        paid; facility admissions, discharges and census; emergency assistance by event."""
        if end < start:
            raise DomainError("report.period_invalid", start=str(start), end=str(end))
        first_day, last_day = start.first_day(), end.last_day()
        with self.ctx.read() as session:
            grouped = self._entitled_groups(session, end, last_day)
            movements = self._movements(session, start, end)
            payments = self._payments(session, start, end)
            facility = self._facility(session, first_day, last_day)
            emergency = self._emergency(session, first_day, last_day)

        by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        by_sub_case: Counter[tuple[str, str | None]] = Counter()
        by_sex: Counter[Sex] = Counter()
        by_band: Counter[str] = Counter()
        by_commune: Counter[str] = Counter()
        for category, sub_case, sex, commune, band, count, amount in grouped:
            figure = by_category[category]
            figure[0] += count
            figure[1] += count if sex == Sex.MALE else 0
            figure[2] += count if sex == Sex.FEMALE else 0
            figure[3] += int(amount or 0)
            by_sub_case[(category, sub_case)] += count
            by_sex[Sex(sex)] += count
            by_band[band] += count
            by_commune[commune] += count
        order = {c.code: i for i, c in enumerate(self.ctx.policy.categories())}
        categories = sorted(by_category, key=lambda c: (order.get(c, len(order)), c))
        return Statistics(
            issuer=self.issuer(),
            start=start,
            end=end,
            beneficiaries=sum(f[0] for f in by_category.values()),
            by_category=tuple(CategoryFigure(c, *by_category[c]) for c in categories),
            by_sub_case=tuple(
                SubCaseFigure(c, s, n)
                for (c, s), n in sorted(
                    by_sub_case.items(),
                    key=lambda item: (order.get(item[0][0], len(order)), item[0][1] or ""),
                )
                if s is not None
            ),
            by_sex={s: by_sex.get(s, 0) for s in Sex},
            by_age_band=tuple((b, by_band.get(b.code, 0)) for b in AGE_BANDS),
            by_commune=tuple(sorted(by_commune.items())),
            movements=tuple(
                sorted(movements, key=lambda m: (order.get(m.category, len(order)), m.category))
            ),
            payments=payments,
            facility=facility,
            emergency=emergency,
        )

    def _entitled_groups(
        self, session: Session, month: Month, day: dt.date
    ) -> list[tuple[str, str | None, str, str, str, int, int | None]]:
        """Cases whose payment period covers `month`, counted by category, sub-case, sex,
        commune and age band on `day` — one grouped query, whatever the population."""
        born_key = func.coalesce(Person.birth_month, 1) * 100 + func.coalesce(Person.birth_day, 1)
        before_birthday = case((born_key > day.month * 100 + day.day, 1), else_=0)
        age = day.year - Person.birth_year - before_birthday
        band = case(
            (Person.birth_year.is_(None), "unknown"),
            *(
                (age <= b.high, b.code)
                for b in AGE_BANDS
                if b.high is not None and b.low is not None
            ),
            else_="80+",
        )
        rows = session.execute(
            select(
                AllowanceCase.category,
                AllowanceCase.sub_case,
                Person.sex,
                AllowanceCase.commune_code,
                band,
                func.count(),
                func.sum(AllowanceCase.monthly_amount),
            )
            .join(Person, Person.id == AllowanceCase.person_id)
            .where(
                AllowanceCase.deleted_at.is_(None),
                Person.deleted_at.is_(None),
                AllowanceCase.status.in_(DECIDED),
                AllowanceCase.start_month <= month,
                or_(
                    AllowanceCase.stop_month.is_(None),
                    AllowanceCase.stop_month > month,
                ),
            )
            .group_by(
                AllowanceCase.category,
                AllowanceCase.sub_case,
                Person.sex,
                AllowanceCase.commune_code,
                band,
            )
        ).all()
        return [(r[0], r[1], r[2], r[3], r[4], int(r[5]), r[6]) for r in rows]

    def _movements(self, session: Session, start: Month, end: Month) -> list[Movement]:
        new: Counter[str] = Counter(
            dict(
                session.execute(
                    select(AllowanceCase.category, func.count())
                    .where(
                        AllowanceCase.deleted_at.is_(None),
                        AllowanceCase.status.in_(DECIDED),
                        AllowanceCase.start_month >= start,
                        AllowanceCase.start_month <= end,
                    )
                    .group_by(AllowanceCase.category)
                ).all()
            )
        )
        ended: dict[str, Counter[str]] = {
            CaseChangeKind.STOP.value: Counter(),
            CaseChangeKind.MOVE.value: Counter(),
        }
        for kind, category, count in session.execute(
            select(AllowanceChange.kind, AllowanceCase.category, func.count())
            .join(AllowanceCase, AllowanceCase.id == AllowanceChange.case_id)
            .where(
                AllowanceChange.deleted_at.is_(None),
                AllowanceChange.kind.in_(list(ended)),
                AllowanceChange.effective_month >= start,
                AllowanceChange.effective_month <= end,
            )
            .group_by(AllowanceChange.kind, AllowanceCase.category)
        ):
            ended[kind][category] += count
        stopped, moved = ended[CaseChangeKind.STOP.value], ended[CaseChangeKind.MOVE.value]
        return [
            Movement(c, new.get(c, 0), stopped.get(c, 0), moved.get(c, 0))
            for c in set(new) | set(stopped) | set(moved)
        ]

    def _payments(self, session: Session, start: Month, end: Month) -> tuple[MonthPayments, ...]:
        paid = case((Payment.status == PaymentStatus.PAID.value, 1), else_=0)
        rows = session.execute(
            select(
                Payment.month,
                func.count(),
                func.sum(Payment.amount),
                func.sum(Payment.back_pay_amount),
                func.sum(Payment.recovery_amount),
                func.sum(paid),
            )
            .where(
                Payment.deleted_at.is_(None),
                Payment.month >= start,
                Payment.month <= end,
            )
            .group_by(Payment.month)
            .order_by(Payment.month)
        ).all()
        return tuple(
            MonthPayments(
                month=m,
                lines=int(n),
                amount=int(a or 0),
                back_pay=int(b or 0),
                recovery=int(r or 0),
                total=int(a or 0) + int(b or 0) - int(r or 0),
                paid_lines=int(p or 0),
            )
            for m, n, a, b, r, p in rows
        )

    def _facility(
        self, session: Session, first_day: dt.date, last_day: dt.date
    ) -> FacilityFigures | None:
        site = session.scalar(select(Site))
        facility = (
            session.scalar(select(Facility).where(Facility.code == site.site_code))
            if site is not None
            else None
        )
        if facility is None:
            return None
        live = and_(Residency.deleted_at.is_(None), Residency.facility_id == facility.id)
        admissions = dict(
            session.execute(
                select(Residency.resident_group, func.count())
                .where(live, Residency.admitted_on >= first_day, Residency.admitted_on <= last_day)
                .group_by(Residency.resident_group)
            ).all()
        )
        discharges = dict(
            session.execute(
                select(Residency.discharge_reason, func.count())
                .where(
                    live,
                    Residency.discharged_on >= first_day,
                    Residency.discharged_on <= last_day,
                )
                .group_by(Residency.discharge_reason)
            ).all()
        )
        census = dict(
            session.execute(
                select(Residency.resident_group, func.count())
                .where(
                    live,
                    Residency.admitted_on <= last_day,
                    or_(Residency.discharged_on.is_(None), Residency.discharged_on > last_day),
                )
                .group_by(Residency.resident_group)
            ).all()
        )
        return FacilityFigures(
            name=facility.name,
            capacity=facility.capacity,
            admissions={g: int(admissions.get(g.value, 0)) for g in ResidentGroup},
            discharges={r: int(discharges.get(r.value, 0)) for r in DischargeReason},
            census={g: int(census.get(g.value, 0)) for g in ResidentGroup},
        )

    def _emergency(
        self, session: Session, first_day: dt.date, last_day: dt.date
    ) -> tuple[EventFigures, ...]:
        totals: dict[str, list[Any]] = {}
        # Rice is an exact decimal stored as text, so it is summed here, not in SQL.
        for event_id, size, rice, cash in session.execute(
            select(
                EmergencyDistribution.event_id,
                EmergencyDistribution.household_size,
                EmergencyDistribution.rice_kg,
                EmergencyDistribution.cash_amount,
            ).where(
                EmergencyDistribution.deleted_at.is_(None),
                EmergencyDistribution.distributed_on >= first_day,
                EmergencyDistribution.distributed_on <= last_day,
            )
        ):
            entry = totals.setdefault(event_id, [0, 0, Decimal(0), 0])
            entry[0] += 1
            entry[1] += size
            entry[2] += rice
            entry[3] += cash
        if not totals:
            return ()
        events = session.scalars(
            select(EmergencyEvent)
            .where(EmergencyEvent.id.in_(list(totals)))
            .order_by(EmergencyEvent.occurred_on, EmergencyEvent.name)
        ).all()
        return tuple(
            EventFigures(e.id, e.name, e.kind, e.occurred_on, *totals[e.id]) for e in events
        )

    # ------------------------------------------------------------------ public posting

    def public_posting(self, month: Month, applicants: bool = False) -> PublicPosting:
        """The list for the commune notice board: beneficiaries paid for `month` (amount
        from the payment list) or applications awaiting a decision. Birth year only, no ID
        numbers, nothing sensitive, and nobody whose category or record reveals HIV."""
        sensitive = {c.code for c in self.ctx.policy.categories() if c.sensitive}

        def reveals_hiv(row: AllowanceCase, person: Person) -> bool:
            codes = {row.category, *row.other_categories}
            return bool(codes & sensitive) or person.hiv_status is not None

        rows: list[PostingRow] = []
        with self.ctx.read() as session:
            if applicants:
                found = session.execute(
                    select(AllowanceCase, Person)
                    .join(Person, Person.id == AllowanceCase.person_id)
                    .where(
                        AllowanceCase.deleted_at.is_(None),
                        Person.deleted_at.is_(None),
                        AllowanceCase.status == CaseStatus.APPLIED.value,
                    )
                    .order_by(Person.search_name)
                ).all()
                for c, p in found:
                    if not reveals_hiv(c, p):
                        rows.append(_posting_row(c, p, None, None, c.application_date))
            else:
                lines = {
                    line.case_id: line.line.amount
                    for line in AllowanceService(self.ctx).payment_list(month).lines
                    if line.line.amount > 0
                }
                ids = list(lines)
                for first in range(0, len(ids), _IN_CHUNK):
                    for c, p in session.execute(
                        select(AllowanceCase, Person)
                        .join(Person, Person.id == AllowanceCase.person_id)
                        .where(AllowanceCase.id.in_(ids[first : first + _IN_CHUNK]))
                    ):
                        if not reveals_hiv(c, p):
                            rows.append(_posting_row(c, p, lines[c.id], c.start_month, None))
                rows.sort(key=lambda r: (fold(r.full_name), r.birth_year or 0))
        return PublicPosting(self.issuer(), month, applicants, tuple(rows))

    # ------------------------------------------------------------------ people

    def people(self) -> PeopleExport:
        """Every live person with their latest allowance case, cut down to what this role may
        take out (services/privacy.py)."""
        columns = tuple(privacy.export_columns(self.ctx.actor, "person", PEOPLE_COLUMNS))
        visible = privacy.can_view_sensitive(self.ctx.actor)
        hidden = {c.code for c in self.ctx.policy.categories() if c.sensitive}
        with self.ctx.read() as session:
            cases: dict[str, AllowanceCase] = {}
            for row in session.scalars(
                select(AllowanceCase)
                .where(AllowanceCase.deleted_at.is_(None))
                .order_by(AllowanceCase.application_date, AllowanceCase.created_at)
            ):
                cases[row.person_id] = row  # the latest application wins
            rows = []
            for p in session.scalars(
                select(Person).where(Person.deleted_at.is_(None)).order_by(Person.search_name)
            ):
                c = cases.get(p.id)
                category: str | None = c.category if c is not None else None
                if category in hidden and not visible:
                    category = None
                values: dict[str, CellValue] = {
                    "code": p.code,
                    "full_name": p.full_name,
                    "other_name": p.other_name,
                    "birth": PartialDate(p.birth_year, p.birth_month, p.birth_day).display(),
                    "sex": p.sex,
                    "ethnicity_code": p.ethnicity_code,
                    "cccd": p.cccd,
                    "cccd_issued_on": p.cccd_issued_on,
                    "old_id_number": p.old_id_number,
                    "phone": p.phone,
                    "commune_code": p.commune_code,
                    "address_detail": p.address_detail,
                    "father_name": p.father_name,
                    "mother_name": p.mother_name,
                    "hiv_status": p.hiv_status,
                    "health_notes": p.health_notes,
                    "death_date": p.death_date,
                    "category": category,
                    "case_status": c.status if c is not None else None,
                    "coefficient": c.coefficient if c is not None else None,
                    "monthly_amount": c.monthly_amount if c is not None else None,
                    "start_month": c.start_month if c is not None else None,
                }
                rows.append(tuple(values[k] for k in columns))
        return PeopleExport(self.issuer(), columns, tuple(rows))

    # ------------------------------------------------------------------ printable documents

    def documents_for(self, person_id: str) -> PersonDocuments:
        with self.ctx.read() as session:
            case_ids = session.scalars(
                select(AllowanceCase.id)
                .where(
                    AllowanceCase.person_id == person_id,
                    AllowanceCase.deleted_at.is_(None),
                    AllowanceCase.status != CaseStatus.REJECTED.value,
                )
                .order_by(AllowanceCase.application_date.desc())
            ).all()
            residency_ids = session.scalars(
                select(Residency.id)
                .where(Residency.person_id == person_id, Residency.deleted_at.is_(None))
                .order_by(Residency.admitted_on.desc())
            ).all()
            funeral_ids = session.scalars(
                select(FuneralSupport.id).where(
                    FuneralSupport.person_id == person_id, FuneralSupport.deleted_at.is_(None)
                )
            ).all()
        return PersonDocuments(tuple(case_ids), tuple(residency_ids), tuple(funeral_ids))

    def person_profile(self, person_id: str) -> PersonProfile:
        """The person's file on paper. Sensitive fields follow `PeopleService.get`: blank
        for a role that may not see them, audited as viewed for one that may."""
        people = PeopleService(self.ctx)
        record = people.get(person_id)
        residencies: list[ResidentRow] = []
        facility = FacilityService(self.ctx)
        with self.ctx.read() as session:
            stay_ids = session.scalars(
                select(Residency.id)
                .where(Residency.person_id == person_id, Residency.deleted_at.is_(None))
                .order_by(Residency.admitted_on)
            ).all()
        residencies = [facility.resident(stay_id) for stay_id in stay_ids]
        return PersonProfile(
            issuer=self.issuer(),
            person=record,
            hidden=privacy.hidden_fields(self.ctx.actor, "person"),
            cases=tuple(AllowanceService(self.ctx).cases(person_id=person_id)),
            disabilities=tuple(people.disability_assessments(person_id)),
            households=tuple(people.household_statuses(person_id)),
            guardians=tuple(people.guardians(person_id)),
            residencies=tuple(residencies),
        )

    def decision_draft(self, case_id: str) -> DecisionDraft:
        """The decision as the commune chair signs it. A decided case shows what was decided;
        an application shows what a decision signed today would say."""
        allowance = AllowanceService(self.ctx)
        row = allowance.case(case_id)
        person = PeopleService(self.ctx).get(row.person_id)
        if row.start_month is not None and row.status != CaseStatus.APPLIED:
            answer = allowance.amount_for(case_id, row.start_month)
            return DecisionDraft(self.issuer(), row, person, answer, row.start_month, True)
        if row.status != CaseStatus.APPLIED:
            raise DomainError("report.case_not_decidable", status=row.status.value)
        preview = allowance.preview_decision(case_id, self.ctx.today())
        return DecisionDraft(
            self.issuer(), row, person, preview.allowance, preview.start.month, False
        )

    def admission_record(self, residency_id: str) -> AdmissionRecord:
        stay = FacilityService(self.ctx).resident_file(residency_id)
        person = PeopleService(self.ctx).get(stay.resident.person_id)
        with self.ctx.read() as session:
            facility_name = session.scalar(
                select(Facility.name)
                .join(Residency, Residency.facility_id == Facility.id)
                .where(Residency.id == residency_id)
            )
        return AdmissionRecord(
            issuer=self.issuer(),
            resident=stay.resident,
            person=person,
            facility_name=facility_name or "",
            decision_number=stay.decision_number,
            referred_by=stay.referred_by,
            needs_assessment=stay.needs_assessment,
            support_plan=stay.support_plan,
        )

    def funeral_record(self, funeral_id: str) -> FuneralRecord:
        with self.ctx.read() as session:
            row = session.get(FuneralSupport, funeral_id)
            if row is None or row.deleted_at is not None:
                raise DomainError("report.funeral_not_found")
            site = session.scalar(select(Site))
            province = site.province_code if site else None
            values = (
                row.person_id,
                row.death_date,
                row.in_facility,
                row.amount,
                row.recipient_name,
                row.recipient_relationship,
                row.decision_number,
                row.paid_on,
            )
        person_id, death, in_facility, amount, recipient, relationship, number, paid = values
        minimum = self.ctx.policy.funeral_support(
            Month.of(death), in_facility=in_facility, province_code=province
        )
        return FuneralRecord(
            issuer=self.issuer(),
            person=PeopleService(self.ctx).get(person_id),
            death_date=death,
            in_facility=in_facility,
            amount=amount,
            minimum=minimum,
            recipient_name=recipient,
            recipient_relationship=relationship,
            decision_number=number,
            paid_on=paid,
        )


def _posting_row(
    c: AllowanceCase,
    p: Person,
    amount: int | None,
    start_month: Month | None,
    applied: dt.date | None,
) -> PostingRow:
    return PostingRow(
        full_name=p.full_name,
        birth_year=p.birth_year,
        sex=Sex(p.sex),
        address=p.address_detail,
        category=c.category,
        amount=amount,
        start_month=start_month,
        application_date=applied,
    )
