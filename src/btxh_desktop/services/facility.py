"""Facility residents: admission, the resident file, care log, discharge, census."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import (
    AdmissionType,
    CareLogKind,
    DischargeReason,
    ResidentGroup,
    Sex,
)
from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.policy import Support
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage.models import (
    CareLogEntry,
    Facility,
    FuneralSupport,
    Person,
    Residency,
    Site,
)
from btxh_desktop.storage.people import birth_of

EMERGENCY_STAY_MONTHS = 3
EMERGENCY_WARNING_DAYS = 14


def emergency_deadline(admitted_on: dt.date) -> dt.date:
    """The last day of an emergency stay: three months after admission (Art. 25)."""
    month = Month.of(admitted_on).add(EMERGENCY_STAY_MONTHS)
    day = min(admitted_on.day, month.last_day().day)
    return dt.date(month.year, month.month, day)


@dataclass(frozen=True)
class ResidentRow:
    residency_id: str
    person_id: str
    code: str
    full_name: str
    sex: Sex
    birth_display: str
    age: int | None
    resident_group: ResidentGroup
    admission_type: AdmissionType
    admitted_on: dt.date
    discharged_on: dt.date | None
    discharge_reason: DischargeReason | None
    emergency_deadline: dt.date | None

    def days_left(self, today: dt.date) -> int | None:
        if self.emergency_deadline is None or self.discharged_on is not None:
            return None
        return (self.emergency_deadline - today).days

    def emergency_state(self, today: dt.date) -> str | None:
        """None, "ok", "due_soon" (two weeks left) or "overdue"."""
        left = self.days_left(today)
        if left is None:
            return None
        if left < 0:
            return "overdue"
        if left <= EMERGENCY_WARNING_DAYS:
            return "due_soon"
        return "ok"


@dataclass(frozen=True)
class ResidentFile:
    """One resident's file: the list row plus the admission and discharge details."""

    resident: ResidentRow
    decision_number: str | None
    referred_by: str | None
    needs_assessment: str | None
    support_plan: str | None
    discharge_destination: str | None
    discharge_note: str | None


@dataclass(frozen=True)
class CareLogRow:
    id: str
    kind: CareLogKind
    occurred_on: dt.date
    summary: str
    staff_name: str | None


@dataclass(frozen=True)
class DischargeResult:
    residency_id: str
    funeral: Support | None
    funeral_support_id: str | None


@dataclass(frozen=True)
class Census:
    facility_name: str
    capacity: int
    total: int
    by_group: dict[ResidentGroup, int]
    by_sex: dict[Sex, int]
    emergency_overdue: int

    @property
    def occupancy(self) -> float:
        return self.total / self.capacity if self.capacity else 0.0


class FacilityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def site_facility_id(self) -> str:
        with self.ctx.read() as session:
            site = session.scalar(select(Site))
            if site is None:
                raise DomainError("site.not_initialised")
            facility_id = session.scalar(
                select(Facility.id).where(
                    Facility.code == site.site_code, Facility.deleted_at.is_(None)
                )
            )
            if facility_id is None:
                raise DomainError("facility.not_a_facility_site")
            return facility_id

    def set_capacity(self, capacity: int, initiator: object | None = None) -> None:
        require(self.ctx.actor, Permission.SETTINGS)
        if capacity < 0:
            raise ValidationFailed({"capacity": "facility.capacity_invalid"})
        facility_id = self.site_facility_id()
        with self.ctx.unit_of_work(initiator) as session:
            facility = session.get(Facility, facility_id)
            assert facility is not None
            facility.capacity = capacity

    # ------------------------------------------------------------------ admission

    def admit(
        self,
        person_id: str,
        admission_type: AdmissionType,
        resident_group: ResidentGroup,
        admitted_on: dt.date,
        decision_number: str | None = None,
        referred_by: str | None = None,
        needs_assessment: str | None = None,
        support_plan: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.MANAGE_FACILITY)
        facility_id = self.site_facility_id()
        errors: dict[str, str] = {}
        if admitted_on > self.ctx.today():
            errors["admitted_on"] = "date.in_future"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            person = session.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise DomainError("person.not_found")
            if person.death_date is not None:
                raise DomainError("facility.person_deceased")
            born = birth_of(person).earliest()
            if born is not None and admitted_on < born:
                raise ValidationFailed({"admitted_on": "facility.admitted_before_birth"})
            if self._open_residency(session, person_id) is not None:
                raise DomainError("facility.already_resident")
            row = Residency(
                person_id=person_id,
                facility_id=facility_id,
                admission_type=AdmissionType(admission_type).value,
                resident_group=ResidentGroup(resident_group).value,
                admitted_on=admitted_on,
                admission_decision_number=decision_number,
                referred_by=referred_by,
                needs_assessment=needs_assessment,
                support_plan=support_plan,
            )
            session.add(row)
            session.flush()
            return row.id

    def update_plan(
        self,
        residency_id: str,
        needs_assessment: str | None,
        support_plan: str | None,
        initiator: object | None = None,
    ) -> None:
        require(self.ctx.actor, Permission.MANAGE_FACILITY)
        with self.ctx.unit_of_work(initiator) as session:
            row = self._residency(session, residency_id)
            if row.needs_assessment != needs_assessment:
                row.needs_assessment = needs_assessment
            if row.support_plan != support_plan:
                row.support_plan = support_plan

    def convert_to_regular(
        self, residency_id: str, decision_number: str, initiator: object | None = None
    ) -> None:
        """An emergency case that needs to stay becomes a regular admission by decision."""
        require(self.ctx.actor, Permission.MANAGE_FACILITY)
        with self.ctx.unit_of_work(initiator) as session:
            row = self._residency(session, residency_id)
            if row.admission_type != AdmissionType.EMERGENCY:
                raise DomainError("facility.not_emergency")
            row.admission_type = AdmissionType.REGULAR.value
            row.admission_decision_number = decision_number

    # ------------------------------------------------------------------ care log

    def add_care_log(
        self,
        residency_id: str,
        kind: CareLogKind,
        occurred_on: dt.date,
        summary: str,
        staff_name: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.MANAGE_FACILITY)
        errors: dict[str, str] = {}
        if occurred_on > self.ctx.today():
            errors["occurred_on"] = "date.in_future"
        if not summary.strip():
            errors["summary"] = "field.required"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            residency = self._residency(session, residency_id)
            if occurred_on < residency.admitted_on:
                raise ValidationFailed({"occurred_on": "facility.log_before_admission"})
            row = CareLogEntry(
                residency_id=residency_id,
                kind=CareLogKind(kind).value,
                occurred_on=occurred_on,
                summary=summary.strip(),
                staff_name=staff_name,
            )
            session.add(row)
            session.flush()
            return row.id

    def care_log(self, residency_id: str) -> list[CareLogRow]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(CareLogEntry)
                .where(CareLogEntry.residency_id == residency_id, CareLogEntry.deleted_at.is_(None))
                .order_by(CareLogEntry.occurred_on.desc())
            )
            return [
                CareLogRow(r.id, CareLogKind(r.kind), r.occurred_on, r.summary, r.staff_name)
                for r in rows
            ]

    # ------------------------------------------------------------------ discharge

    def discharge(
        self,
        residency_id: str,
        discharged_on: dt.date,
        reason: DischargeReason,
        destination: str | None = None,
        note: str | None = None,
        funeral_recipient: str | None = None,
        initiator: object | None = None,
    ) -> DischargeResult:
        """End a stay. A death also records the date of death and the funeral support the
        facility pays (Art. 11: at least 50 × the standard level in a facility)."""
        require(self.ctx.actor, Permission.MANAGE_FACILITY)
        if discharged_on > self.ctx.today():
            raise ValidationFailed({"discharged_on": "date.in_future"})
        reason = DischargeReason(reason)
        with self.ctx.unit_of_work(initiator) as session:
            row = self._residency(session, residency_id)
            if row.discharged_on is not None:
                raise DomainError("facility.already_discharged")
            if discharged_on < row.admitted_on:
                raise ValidationFailed({"discharged_on": "facility.discharge_before_admission"})
            row.discharged_on = discharged_on
            row.discharge_reason = reason.value
            row.discharge_destination = destination
            row.discharge_note = note
            funeral: Support | None = None
            funeral_id: str | None = None
            if reason == DischargeReason.DEATH:
                person = session.get(Person, row.person_id)
                assert person is not None
                person.death_date = discharged_on
                site = session.scalar(select(Site))
                funeral = self.ctx.policy.funeral_support(
                    Month.of(discharged_on),
                    in_facility=True,
                    province_code=site.province_code if site else None,
                )
                support = FuneralSupport(
                    person_id=person.id,
                    death_date=discharged_on,
                    in_facility=True,
                    amount=funeral.amount,
                    recipient_name=funeral_recipient,
                )
                session.add(support)
                session.flush()
                funeral_id = support.id
            return DischargeResult(residency_id, funeral, funeral_id)

    # ------------------------------------------------------------------ lists

    def residents(self, include_discharged: bool = False) -> list[ResidentRow]:
        facility_id = self.site_facility_id()
        today = self.ctx.today()
        with self.ctx.read() as session:
            query = (
                select(Residency, Person)
                .join(Person, Person.id == Residency.person_id)
                .where(
                    Residency.facility_id == facility_id,
                    Residency.deleted_at.is_(None),
                    Person.deleted_at.is_(None),
                )
                .order_by(Person.search_name)
            )
            if not include_discharged:
                query = query.where(Residency.discharged_on.is_(None))
            return [_resident_row(r, p, today) for r, p in session.execute(query)]

    def resident(self, residency_id: str) -> ResidentRow:
        with self.ctx.read() as session:
            found = session.execute(
                select(Residency, Person)
                .join(Person, Person.id == Residency.person_id)
                .where(Residency.id == residency_id)
            ).first()
            if found is None:
                raise DomainError("facility.residency_not_found")
            return _resident_row(found[0], found[1], self.ctx.today())

    def resident_file(self, residency_id: str) -> ResidentFile:
        with self.ctx.read() as session:
            found = session.execute(
                select(Residency, Person)
                .join(Person, Person.id == Residency.person_id)
                .where(Residency.id == residency_id, Residency.deleted_at.is_(None))
            ).first()
            if found is None:
                raise DomainError("facility.residency_not_found")
            r, p = found
            return ResidentFile(
                resident=_resident_row(r, p, self.ctx.today()),
                decision_number=r.admission_decision_number,
                referred_by=r.referred_by,
                needs_assessment=r.needs_assessment,
                support_plan=r.support_plan,
                discharge_destination=r.discharge_destination,
                discharge_note=r.discharge_note,
            )

    def funeral_preview(self, death_date: dt.date) -> Support:
        """The funeral support `discharge(..., DEATH)` would record for a death on that date."""
        with self.ctx.read() as session:
            site = session.scalar(select(Site))
            return self.ctx.policy.funeral_support(
                Month.of(death_date),
                in_facility=True,
                province_code=site.province_code if site else None,
            )

    def residency_of(self, person_id: str) -> str | None:
        with self.ctx.read() as session:
            row = self._open_residency(session, person_id)
            return row.id if row else None

    def census(self) -> Census:
        facility_id = self.site_facility_id()
        today = self.ctx.today()
        residents = self.residents()
        with self.ctx.read() as session:
            facility = session.get(Facility, facility_id)
            assert facility is not None
            capacity, name = facility.capacity, facility.name
        groups = Counter(r.resident_group for r in residents)
        sexes = Counter(r.sex for r in residents)
        return Census(
            facility_name=name,
            capacity=capacity,
            total=len(residents),
            by_group={g: groups.get(g, 0) for g in ResidentGroup},
            by_sex={s: sexes.get(s, 0) for s in Sex},
            emergency_overdue=sum(1 for r in residents if r.emergency_state(today) == "overdue"),
        )

    def admissions_between(self, start: dt.date, end: dt.date) -> int:
        with self.ctx.read() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(Residency)
                    .where(
                        Residency.deleted_at.is_(None),
                        Residency.admitted_on >= start,
                        Residency.admitted_on <= end,
                    )
                )
                or 0
            )

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _residency(session: Session, residency_id: str) -> Residency:
        row = session.get(Residency, residency_id)
        if row is None or row.deleted_at is not None:
            raise DomainError("facility.residency_not_found")
        return row

    @staticmethod
    def _open_residency(session: Session, person_id: str) -> Residency | None:
        return session.scalar(
            select(Residency).where(
                Residency.person_id == person_id,
                Residency.discharged_on.is_(None),
                Residency.deleted_at.is_(None),
            )
        )


def _resident_row(r: Residency, p: Person, today: dt.date) -> ResidentRow:
    birth = birth_of(p)
    admission = AdmissionType(r.admission_type)
    return ResidentRow(
        residency_id=r.id,
        person_id=p.id,
        code=p.code,
        full_name=p.full_name,
        sex=Sex(p.sex),
        birth_display=birth.display(),
        age=birth.age_on(today),
        resident_group=ResidentGroup(r.resident_group),
        admission_type=admission,
        admitted_on=r.admitted_on,
        discharged_on=r.discharged_on,
        discharge_reason=DischargeReason(r.discharge_reason) if r.discharge_reason else None,
        emergency_deadline=(
            emergency_deadline(r.admitted_on) if admission == AdmissionType.EMERGENCY else None
        ),
    )
