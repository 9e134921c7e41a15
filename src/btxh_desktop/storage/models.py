"""The local database schema (SQLAlchemy 2.x typed models).

Every record that travels through sync inherits `Synced`: a client-made UUID key (sync needs
ids that two offline PCs can mint without colliding), the server version the row reflects
(0 until the server first accepts it), who changed it last and when, and a tombstone so a
deletion can travel too. Schema changes are alembic revisions in `migrations/`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from btxh_desktop.domain.dates import Month
from btxh_desktop.storage.types import DecimalText, MonthType

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        Month: MonthType(),
        Decimal: DecimalText(),
        dt.date: Date(),
        dt.datetime: DateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Synced:
    """Columns every synced record carries."""

    __sync_entity__: str

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    deleted_at: Mapped[dt.datetime | None] = mapped_column(default=None)


# ---------------------------------------------------------------- site and reference data


class Site(Base):
    """This installation: which facility or commune it serves. One row."""

    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_type: Mapped[str] = mapped_column(String(16))
    site_code: Mapped[str] = mapped_column(String(16))
    site_name: Mapped[str] = mapped_column(String(200), default="")
    province_code: Mapped[str | None] = mapped_column(String(8))
    device_id: Mapped[str] = mapped_column(String(36), default=new_id)
    next_record_number: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("site_type IN ('facility', 'commune')", name="site_type"),
    )


class Province(Base):
    """The 34 provinces since 2025-07-01 (Decision 19/2025/QĐ-TTg codes)."""

    __tablename__ = "provinces"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(120))


class LegacyProvince(Base):
    """The 63 provinces before the merger, kept for old records and CCCD numbers."""

    __tablename__ = "legacy_provinces"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    successor_code: Mapped[str] = mapped_column(String(8))


class Commune(Base):
    __tablename__ = "communes"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(120))
    province_code: Mapped[str] = mapped_column(String(8), index=True)
    search_name: Mapped[str] = mapped_column(String(120))


class EthnicGroup(Base):
    __tablename__ = "ethnic_groups"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))


# ---------------------------------------------------------------- people


class Person(Synced, Base):
    __tablename__ = "people"
    __sync_entity__ = "person"

    # A label for people to quote ("mã hồ sơ"), not an identity: two PCs of one site may
    # mint the same one offline, so it is indexed but not unique.
    code: Mapped[str] = mapped_column(String(32), index=True)
    full_name: Mapped[str] = mapped_column(String(100))
    search_name: Mapped[str] = mapped_column(String(100), index=True)
    other_name: Mapped[str | None] = mapped_column(String(100))
    birth_year: Mapped[int | None]
    birth_month: Mapped[int | None]
    birth_day: Mapped[int | None]
    birth_precision: Mapped[str] = mapped_column(String(8), default="unknown")
    sex: Mapped[str] = mapped_column(String(8), default="unknown")
    ethnicity_code: Mapped[str | None] = mapped_column(String(4))
    cccd: Mapped[str | None] = mapped_column(String(12), index=True)
    cccd_issued_on: Mapped[dt.date | None]
    old_id_number: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(16))
    commune_code: Mapped[str | None] = mapped_column(String(8), index=True)
    address_detail: Mapped[str | None] = mapped_column(String(300))
    father_name: Mapped[str | None] = mapped_column(String(100))
    mother_name: Mapped[str | None] = mapped_column(String(100))
    school_status: Mapped[str | None] = mapped_column(String(16))
    school_level: Mapped[str | None] = mapped_column(String(60))
    # Sensitive (Law 91/2025): never shown in lists or public postings without the right role.
    hiv_status: Mapped[str | None] = mapped_column(String(16))
    health_notes: Mapped[str | None] = mapped_column(Text)
    death_date: Mapped[dt.date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("sex IN ('male', 'female', 'unknown')", name="sex"),
        CheckConstraint(
            "(birth_precision = 'unknown' AND birth_year IS NULL AND birth_month IS NULL"
            " AND birth_day IS NULL)"
            " OR (birth_precision = 'year' AND birth_year IS NOT NULL AND birth_month IS NULL"
            " AND birth_day IS NULL)"
            " OR (birth_precision = 'month' AND birth_year IS NOT NULL"
            " AND birth_month IS NOT NULL AND birth_day IS NULL)"
            " OR (birth_precision = 'day' AND birth_year IS NOT NULL"
            " AND birth_month IS NOT NULL AND birth_day IS NOT NULL)",
            name="birth_precision",
        ),
        CheckConstraint("hiv_status IS NULL OR hiv_status IN ('positive', 'negative')", name="hiv"),
        Index("ix_people_birth_year", "birth_year"),
    )


class Guardian(Synced, Base):
    """A guardian, caregiver or the person who files on the beneficiary's behalf."""

    __tablename__ = "guardians"
    __sync_entity__ = "guardian"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(100))
    relationship: Mapped[str] = mapped_column(String(40), default="")
    birth_year: Mapped[int | None]
    cccd: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(300))
    is_caregiver: Mapped[bool] = mapped_column(Boolean, default=False)
    files_on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)


class DisabilityAssessment(Synced, Base):
    __tablename__ = "disability_assessments"
    __sync_entity__ = "disability_assessment"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    disability_type: Mapped[int]
    level: Mapped[str] = mapped_column(String(24))
    assessed_on: Mapped[dt.date | None]
    certificate_number: Mapped[str | None] = mapped_column(String(40))
    certificate_issued_on: Mapped[dt.date | None]
    reassessment_due: Mapped[dt.date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("disability_type BETWEEN 1 AND 6", name="type"),
        CheckConstraint("level IN ('particularly_severe', 'severe', 'mild')", name="level"),
    )


class HouseholdStatusRecord(Synced, Base):
    """Poverty status of the person's household (hộ nghèo / cận nghèo), by period."""

    __tablename__ = "household_statuses"
    __sync_entity__ = "household_status"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None]
    certificate_number: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        CheckConstraint("status IN ('poor', 'near_poor', 'not_poor')", name="status"),
    )


class OtherIncome(Synced, Base):
    """Other regular income: social insurance, merit-person allowance and the like."""

    __tablename__ = "other_incomes"
    __sync_entity__ = "other_income"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    monthly_amount: Mapped[int]
    start_month: Mapped[Month | None]


class HealthInsuranceCard(Synced, Base):
    __tablename__ = "health_insurance_cards"
    __sync_entity__ = "health_insurance_card"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    card_number: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None] = mapped_column(index=True)
    registered_hospital: Mapped[str | None] = mapped_column(String(200))


class Attachment(Synced, Base):
    """A photo or scanned document; the bytes live in the attachments folder by sha256."""

    __tablename__ = "attachments"
    __sync_entity__ = "attachment"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int]

    __table_args__ = (CheckConstraint("kind IN ('photo', 'document')", name="kind"),)


# ---------------------------------------------------------------- facilities


class Facility(Synced, Base):
    __tablename__ = "facilities"
    __sync_entity__ = "facility"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    commune_code: Mapped[str | None] = mapped_column(String(8))
    capacity: Mapped[int] = mapped_column(default=0)


class Residency(Synced, Base):
    """One stay of a person in a facility: admission to discharge."""

    __tablename__ = "residencies"
    __sync_entity__ = "residency"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    facility_id: Mapped[str] = mapped_column(ForeignKey("facilities.id"), index=True)
    admission_type: Mapped[str] = mapped_column(String(16))
    resident_group: Mapped[str] = mapped_column(String(24))
    admitted_on: Mapped[dt.date]
    admission_decision_number: Mapped[str | None] = mapped_column(String(40))
    referred_by: Mapped[str | None] = mapped_column(String(200))
    needs_assessment: Mapped[str | None] = mapped_column(Text)
    support_plan: Mapped[str | None] = mapped_column(Text)
    discharged_on: Mapped[dt.date | None]
    discharge_reason: Mapped[str | None] = mapped_column(String(24))
    discharge_destination: Mapped[str | None] = mapped_column(String(200))
    discharge_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("admission_type IN ('regular', 'emergency')", name="admission_type"),
        CheckConstraint(
            "discharged_on IS NULL OR discharged_on >= admitted_on", name="discharge_after"
        ),
        Index("ix_residencies_open", "facility_id", "discharged_on"),
    )


class CareLogEntry(Synced, Base):
    __tablename__ = "care_log_entries"
    __sync_entity__ = "care_log_entry"

    residency_id: Mapped[str] = mapped_column(ForeignKey("residencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    occurred_on: Mapped[dt.date]
    summary: Mapped[str] = mapped_column(Text, default="")
    staff_name: Mapped[str | None] = mapped_column(String(100))


# ---------------------------------------------------------------- community allowance


class AllowanceCase(Synced, Base):
    """A person's monthly social allowance: application, decision and current terms."""

    __tablename__ = "allowance_cases"
    __sync_entity__ = "allowance_case"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    commune_code: Mapped[str] = mapped_column(String(8), index=True)
    category: Mapped[str] = mapped_column(String(8))
    sub_case: Mapped[str | None] = mapped_column(String(40))
    # Further categories the person also qualifies under: highest only is paid, except K4
    # with K5/K6/K8 (Art. 6.2), so the engine needs all of them.
    other_categories: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="applied")
    application_date: Mapped[dt.date]
    submission_channel: Mapped[str | None] = mapped_column(String(16))
    result_channel: Mapped[str | None] = mapped_column(String(16))
    children_count: Mapped[int] = mapped_column(default=0)
    decision_number: Mapped[str | None] = mapped_column(String(40))
    decision_date: Mapped[dt.date | None]
    decision_signer: Mapped[str | None] = mapped_column(String(100))
    coefficient: Mapped[Decimal | None]
    standard_level: Mapped[int | None]
    monthly_amount: Mapped[int | None]
    start_month: Mapped[Month | None]
    stop_month: Mapped[Month | None]
    payment_method: Mapped[str] = mapped_column(String(16), default="post_office")
    payment_point: Mapped[str | None] = mapped_column(String(100))
    account_number: Mapped[str | None] = mapped_column(String(40))
    bank_name: Mapped[str | None] = mapped_column(String(100))
    # The officer asked for a missing paper by this date (Việc cần làm follows it up);
    # cleared when the paper comes in.
    documents_due: Mapped[dt.date | None] = mapped_column(index=True)
    documents_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "status IN ('applied', 'active', 'suspended', 'stopped', 'moved', 'rejected')",
            name="status",
        ),
        CheckConstraint(
            "payment_method IN ('post_office', 'bank', 'ewallet', 'cash')", name="payment_method"
        ),
        Index("ix_allowance_cases_status_category", "status", "category"),
    )


class AllowanceChange(Synced, Base):
    """A decision that changed a case: decide, adjust, suspend, resume, stop, move, reject."""

    __tablename__ = "allowance_changes"
    __sync_entity__ = "allowance_change"

    case_id: Mapped[str] = mapped_column(ForeignKey("allowance_cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    effective_month: Mapped[Month]
    decision_number: Mapped[str | None] = mapped_column(String(40))
    decision_date: Mapped[dt.date | None]
    reason: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    old_coefficient: Mapped[Decimal | None]
    new_coefficient: Mapped[Decimal | None]
    old_amount: Mapped[int | None]
    new_amount: Mapped[int | None]
    to_commune_code: Mapped[str | None] = mapped_column(String(8))


class Payment(Synced, Base):
    """One line of a monthly payment list."""

    __tablename__ = "payments"
    __sync_entity__ = "payment"

    case_id: Mapped[str] = mapped_column(ForeignKey("allowance_cases.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    month: Mapped[Month] = mapped_column(index=True)
    payment_round: Mapped[int] = mapped_column(default=1)
    method: Mapped[str] = mapped_column(String(16))
    coefficient: Mapped[Decimal]
    standard_level: Mapped[int]
    amount: Mapped[int]
    back_pay_from: Mapped[Month | None]
    back_pay_to: Mapped[Month | None]
    back_pay_months: Mapped[int] = mapped_column(default=0)
    back_pay_amount: Mapped[int] = mapped_column(default=0)
    recovery_amount: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    paid_on: Mapped[dt.date | None]

    __table_args__ = (
        UniqueConstraint("case_id", "month", "payment_round"),
        CheckConstraint("status IN ('planned', 'paid', 'not_collected')", name="status"),
    )


class CareSupport(Synced, Base):
    """Monthly support to a household or carer looking after a beneficiary (Art. 20)."""

    __tablename__ = "care_supports"
    __sync_entity__ = "care_support"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    carer_name: Mapped[str] = mapped_column(String(100))
    carer_cccd: Mapped[str | None] = mapped_column(String(12))
    coefficient: Mapped[Decimal]
    monthly_amount: Mapped[int]
    start_month: Mapped[Month]
    end_month: Mapped[Month | None]
    decision_number: Mapped[str | None] = mapped_column(String(40))
    decision_date: Mapped[dt.date | None]


class FuneralSupport(Synced, Base):
    __tablename__ = "funeral_supports"
    __sync_entity__ = "funeral_support"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    death_date: Mapped[dt.date]
    in_facility: Mapped[bool] = mapped_column(Boolean, default=False)
    amount: Mapped[int]
    recipient_name: Mapped[str | None] = mapped_column(String(100))
    recipient_relationship: Mapped[str | None] = mapped_column(String(40))
    decision_number: Mapped[str | None] = mapped_column(String(40))
    paid_on: Mapped[dt.date | None]


# ---------------------------------------------------------------- emergency assistance


class EmergencyEvent(Synced, Base):
    __tablename__ = "emergency_events"
    __sync_entity__ = "emergency_event"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    occurred_on: Mapped[dt.date]
    commune_code: Mapped[str | None] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)


class EmergencyDistribution(Synced, Base):
    """What one household (or person) received in an event: rice, cash, or both."""

    __tablename__ = "emergency_distributions"
    __sync_entity__ = "emergency_distribution"

    event_id: Mapped[str] = mapped_column(ForeignKey("emergency_events.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    household_head: Mapped[str] = mapped_column(String(100))
    household_size: Mapped[int] = mapped_column(default=1)
    support_kind: Mapped[str] = mapped_column(String(24))
    rice_kg: Mapped[Decimal] = mapped_column(default=Decimal(0))
    cash_amount: Mapped[int] = mapped_column(default=0)
    distributed_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("household_size >= 1", name="household_size"),
        CheckConstraint("cash_amount >= 0", name="cash"),
    )


# ---------------------------------------------------------------- audit and sync


class AuditEntry(Base):
    """Append-only: who did what to which record. Field names only, never values.

    Rows are written only by `storage.audit.append`, which chains them: `hash` covers the
    entry and `prev_hash`, so an edited or removed row breaks the chain. `seq` and `hash`
    are what the server needs to check the copy it receives; `device_id` says which PC."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(36), index=True)
    fields: Mapped[list[Any]] = mapped_column(default=list)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    device_id: Mapped[str | None] = mapped_column(String(36))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """A local change waiting to reach the server. Written in the same transaction as the
    change itself; `seq` is the per-device sequence."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    device_id: Mapped[str] = mapped_column(String(36))
    username: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(16))
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    base_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    result_code: Mapped[str | None] = mapped_column(String(40))
    result_detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        CheckConstraint("op IN ('upsert', 'delete', 'move', 'resolve')", name="op"),
        CheckConstraint("state IN ('pending', 'rejected')", name="state"),
        Index("ix_outbox_record", "entity", "record_id"),
        Index("ix_outbox_state", "state", "seq"),
    )


class SyncState(Base):
    """Small key/value facts about sync: cursor, last success, server URL."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# ---------------------------------------------------------------- local accounts


class User(Base):
    """A person who logs in on this PC. Local to the PC: never synced.

    The password is not here: it unwraps this user's copy of the database key in the key
    file next to the database (storage/keys.py), which is what proves it."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(32), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]

    __table_args__ = (CheckConstraint("role IN ('data_entry', 'approver', 'admin')", name="role"),)


def is_mapped_table(name: str | None) -> bool:
    """False for the search tables created by raw SQL in migrations (FTS5 and its shadow
    tables), which autogenerate must not try to drop."""
    return not (name or "").startswith(("people_fts", "people_search"))


SYNCED_MODELS: tuple[type[Synced], ...] = (
    Person,
    Guardian,
    DisabilityAssessment,
    HouseholdStatusRecord,
    OtherIncome,
    HealthInsuranceCard,
    Attachment,
    Facility,
    Residency,
    CareLogEntry,
    AllowanceCase,
    AllowanceChange,
    Payment,
    CareSupport,
    FuneralSupport,
    EmergencyEvent,
    EmergencyDistribution,
)

MODEL_BY_ENTITY: dict[str, type[Synced]] = {m.__sync_entity__: m for m in SYNCED_MODELS}


# ---------------------------------------------------------------- sync bookkeeping (local)


class SyncConflict(Base):
    """A field two people changed to different values, as the server recorded it: the value
    it kept and the value it did not. Every PC of the scope holds a copy until a person
    resolves it on one of them and the resolution comes back through sync."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    base_version: Mapped[int]
    kept_value: Mapped[Any] = mapped_column(JSON)
    kept_version: Mapped[int]
    kept_by: Mapped[str] = mapped_column(String(64))
    proposed_value: Mapped[Any] = mapped_column(JSON)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_device: Mapped[str] = mapped_column(String(64))
    payment_field: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]
    # open → resolving (chosen here, waiting to be pushed) → resolved (confirmed by sync)
    state: Mapped[str] = mapped_column(String(16), default="open")
    resolved_at: Mapped[dt.datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[Any] = mapped_column(JSON, nullable=True)

    __table_args__ = (
        CheckConstraint("state IN ('open', 'resolving', 'resolved')", name="state"),
        Index("ix_sync_conflicts_record", "entity", "record_id"),
        Index("ix_sync_conflicts_state", "state"),
    )


class SyncRun(Base):
    """One sync attempt, for the history list: when, what moved, and how it ended."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(index=True)
    finished_at: Mapped[dt.datetime | None]
    trigger: Mapped[str] = mapped_column(String(16))
    # running (or killed while running, until the next run marks it interrupted)
    outcome: Mapped[str] = mapped_column(String(16), default="running")
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    pushed: Mapped[int] = mapped_column(default=0)
    merged: Mapped[int] = mapped_column(default=0)
    conflicts: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    pulled: Mapped[int] = mapped_column(default=0)
    incoming_failed: Mapped[int] = mapped_column(default=0)
    repaired: Mapped[int] = mapped_column(default=0)
    round_trips: Mapped[int] = mapped_column(default=0)
    bytes_sent: Mapped[int] = mapped_column(default=0)
    bytes_received: Mapped[int] = mapped_column(default=0)
    verified: Mapped[bool | None] = mapped_column(Boolean)

    __table_args__ = (
        CheckConstraint(
            "outcome IN ('running', 'ok', 'failed', 'cancelled', 'interrupted')", name="outcome"
        ),
    )


# ---------------------------------------------------------------- alerts (local)


class AlertAck(Base):
    """An officer's "done" or "snoozed until" on one alert (Việc cần làm), with the reason.

    Local to this PC, never synced. An alert is recomputed on every PC from synced facts, and
    acting on it (an adjustment, a new card) changes those facts, so it disappears everywhere;
    this row only says how one officer triaged the list. It is not a record about the person
    (the province has no use for it), and it has no place in the per-person sync scopes. On a
    site with several PCs, each keeps its own triage. `key` is `Alert.key`, stable while the
    facts behind the alert stay the same."""

    __tablename__ = "alert_acks"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[str | None] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(16))
    until: Mapped[dt.date | None]
    reason: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("state IN ('done', 'snoozed')", name="state"),
        CheckConstraint("state = 'done' OR until IS NOT NULL", name="snooze_until"),
    )


# The alert scan reads two things from payments without touching every line: each month's
# lowest standard level (back pay owed after a retroactive rise) and the lines not collected
# (suspension due), a handful among millions.
Index("ix_payments_month_level", Payment.month, Payment.standard_level)
Index(
    "ix_payments_not_collected",
    Payment.case_id,
    Payment.month,
    sqlite_where=Payment.status == "not_collected",
)
# After a rise every case is owed: each one's live lines in the back-pay window, read from
# the index alone (migration 0007).
Index(
    "ix_payments_case_lines",
    Payment.case_id,
    Payment.month,
    Payment.payment_round,
    Payment.back_pay_from,
    Payment.back_pay_to,
    Payment.deleted_at,
    sqlite_where=Payment.deleted_at.is_(None),
)
