"""Emergency assistance (trợ giúp đột xuất): events and what each household received."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.policy import RiceSupport, Support
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage.models import EmergencyDistribution, EmergencyEvent, Person

EVENT_KINDS = ("tet", "flood", "storm", "landslide", "drought", "fire", "epidemic", "other")
SUPPORT_KINDS = (
    "rice",
    "cash",
    "severe_injury",
    "death_or_missing",
    "housing_rebuild",
    "housing_relocation",
    "housing_repair",
    "other",
)
MAX_HOUSEHOLD = 50


@dataclass(frozen=True)
class EventSummary:
    id: str
    name: str
    kind: str
    occurred_on: dt.date
    commune_code: str | None
    note: str | None
    households: int
    people: int
    rice_kg: Decimal
    cash: int


@dataclass(frozen=True)
class DistributionRow:
    id: str
    event_id: str
    person_id: str | None
    household_head: str
    household_size: int
    support_kind: str
    rice_kg: Decimal
    cash_amount: int
    distributed_on: dt.date
    note: str | None


class EmergencyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def create_event(
        self,
        name: str,
        kind: str,
        occurred_on: dt.date,
        commune_code: str | None = None,
        note: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.RECORD_EMERGENCY)
        errors: dict[str, str] = {}
        if not name.strip():
            errors["name"] = "field.required"
        if kind not in EVENT_KINDS:
            errors["kind"] = "emergency.kind_invalid"
        if occurred_on > self.ctx.today():
            errors["occurred_on"] = "date.in_future"
        if commune_code and self.ctx.reference.commune(commune_code) is None:
            errors["commune_code"] = "commune.unknown"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            row = EmergencyEvent(
                name=name.strip(),
                kind=kind,
                occurred_on=occurred_on,
                commune_code=commune_code,
                note=note,
            )
            session.add(row)
            session.flush()
            return row.id

    def update_event(
        self,
        event_id: str,
        name: str,
        kind: str,
        occurred_on: dt.date,
        note: str | None = None,
        initiator: object | None = None,
    ) -> None:
        """Correct an event's name, kind, date or note (its distributions stay with it)."""
        require(self.ctx.actor, Permission.RECORD_EMERGENCY)
        errors: dict[str, str] = {}
        if not name.strip():
            errors["name"] = "field.required"
        if kind not in EVENT_KINDS:
            errors["kind"] = "emergency.kind_invalid"
        if occurred_on > self.ctx.today():
            errors["occurred_on"] = "date.in_future"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            event = session.get(EmergencyEvent, event_id)
            if event is None or event.deleted_at is not None:
                raise DomainError("emergency.event_not_found")
            first = session.scalar(
                select(func.min(EmergencyDistribution.distributed_on)).where(
                    EmergencyDistribution.event_id == event_id,
                    EmergencyDistribution.deleted_at.is_(None),
                )
            )
            if first is not None and occurred_on > first:
                raise ValidationFailed({"occurred_on": "emergency.after_distributions"})
            for key, value in (
                ("name", name.strip()),
                ("kind", kind),
                ("occurred_on", occurred_on),
                ("note", note),
            ):
                if getattr(event, key) != value:
                    setattr(event, key, value)

    def suggested_rice(
        self, event_kind: str, household_size: int, on: dt.date, months: int | None = None
    ) -> RiceSupport:
        """15 kg per person per month (Art. 12): 1 month at Tết, up to 3 after a disaster."""
        occasion = "tet" if event_kind == "tet" else "disaster"
        return self.ctx.policy.rice_support(occasion, household_size, Month.of(on), months)

    def suggested_cash(self, support_kind: str, on: dt.date) -> Support | None:
        """The minimum cash for injury, death or housing support; None for other kinds."""
        if support_kind not in self.ctx.policy.emergency_kinds():
            return None
        return self.ctx.policy.emergency_support(support_kind, Month.of(on))

    def distribute(
        self,
        event_id: str,
        household_head: str,
        household_size: int,
        support_kind: str,
        distributed_on: dt.date,
        rice_kg: Decimal = Decimal(0),
        cash_amount: int = 0,
        person_id: str | None = None,
        note: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.RECORD_EMERGENCY)
        errors: dict[str, str] = {}
        if not household_head.strip():
            errors["household_head"] = "field.required"
        if not 1 <= household_size <= MAX_HOUSEHOLD:
            errors["household_size"] = "emergency.household_size_invalid"
        if support_kind not in SUPPORT_KINDS:
            errors["support_kind"] = "emergency.support_kind_invalid"
        if rice_kg < 0:
            errors["rice_kg"] = "emergency.negative"
        if cash_amount < 0:
            errors["cash_amount"] = "emergency.negative"
        if rice_kg == 0 and cash_amount == 0 and "rice_kg" not in errors:
            errors["rice_kg"] = "emergency.nothing_given"
        if distributed_on > self.ctx.today():
            errors["distributed_on"] = "date.in_future"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            event = session.get(EmergencyEvent, event_id)
            if event is None or event.deleted_at is not None:
                raise DomainError("emergency.event_not_found")
            if distributed_on < event.occurred_on:
                raise ValidationFailed({"distributed_on": "emergency.before_event"})
            if person_id is not None and session.get(Person, person_id) is None:
                raise DomainError("person.not_found")
            row = EmergencyDistribution(
                event_id=event_id,
                person_id=person_id,
                household_head=household_head.strip(),
                household_size=household_size,
                support_kind=support_kind,
                rice_kg=rice_kg,
                cash_amount=cash_amount,
                distributed_on=distributed_on,
                note=note,
            )
            session.add(row)
            session.flush()
            return row.id

    def events(self) -> list[EventSummary]:
        with self.ctx.read() as session:
            events = session.scalars(
                select(EmergencyEvent)
                .where(EmergencyEvent.deleted_at.is_(None))
                .order_by(EmergencyEvent.occurred_on.desc())
            ).all()
            # A household given rice and then housing support is still one household: it is
            # counted once (by its person, or by the head's name), with its largest size.
            sizes: dict[str, dict[str, int]] = defaultdict(dict)
            # Rice is an exact decimal stored as text, so it is summed here, not in SQL.
            amounts: dict[str, tuple[Decimal, int]] = {}
            for event_id, person_id, head, size, rice, cash in session.execute(
                select(
                    EmergencyDistribution.event_id,
                    EmergencyDistribution.person_id,
                    EmergencyDistribution.household_head,
                    EmergencyDistribution.household_size,
                    EmergencyDistribution.rice_kg,
                    EmergencyDistribution.cash_amount,
                ).where(EmergencyDistribution.deleted_at.is_(None))
            ):
                household = person_id or fold(head)
                households = sizes[event_id]
                households[household] = max(size, households.get(household, 0))
                kg, money = amounts.get(event_id, (Decimal(0), 0))
                amounts[event_id] = (kg + rice, money + cash)
            return [
                EventSummary(
                    id=e.id,
                    name=e.name,
                    kind=e.kind,
                    occurred_on=e.occurred_on,
                    commune_code=e.commune_code,
                    note=e.note,
                    households=len(sizes.get(e.id, {})),
                    people=sum(sizes.get(e.id, {}).values()),
                    rice_kg=amounts.get(e.id, (Decimal(0), 0))[0],
                    cash=amounts.get(e.id, (Decimal(0), 0))[1],
                )
                for e in events
            ]

    def distributions(self, event_id: str) -> list[DistributionRow]:
        with self.ctx.read() as session:
            rows = session.scalars(
                select(EmergencyDistribution)
                .where(
                    EmergencyDistribution.event_id == event_id,
                    EmergencyDistribution.deleted_at.is_(None),
                )
                .order_by(EmergencyDistribution.distributed_on, EmergencyDistribution.created_at)
            )
            return [
                DistributionRow(
                    r.id,
                    r.event_id,
                    r.person_id,
                    r.household_head,
                    r.household_size,
                    r.support_kind,
                    r.rice_kg,
                    r.cash_amount,
                    r.distributed_on,
                    r.note,
                )
                for r in rows
            ]
