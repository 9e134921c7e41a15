"""Frozen copies of rows, handed to services' callers so no ORM object leaves storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Self


class RowRecord:
    @classmethod
    def of(cls, row: Any) -> Self:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})  # type: ignore[arg-type]


@dataclass(frozen=True)
class GuardianRecord(RowRecord):
    id: str
    person_id: str
    full_name: str
    relationship: str
    birth_year: int | None
    cccd: str | None
    phone: str | None
    address: str | None
    is_caregiver: bool
    files_on_behalf: bool


@dataclass(frozen=True)
class DisabilityRecord(RowRecord):
    id: str
    person_id: str
    disability_type: int
    level: str
    assessed_on: dt.date | None
    certificate_number: str | None
    certificate_issued_on: dt.date | None
    reassessment_due: dt.date | None
    notes: str | None


@dataclass(frozen=True)
class HouseholdStatusRecordView(RowRecord):
    id: str
    person_id: str
    status: str
    valid_from: dt.date
    valid_to: dt.date | None
    certificate_number: str | None


@dataclass(frozen=True)
class InsuranceCardRecord(RowRecord):
    id: str
    person_id: str
    card_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    registered_hospital: str | None


@dataclass(frozen=True)
class AttachmentRecord(RowRecord):
    id: str
    person_id: str
    kind: str
    title: str
    filename: str
    mime_type: str
    sha256: str
    size_bytes: int
    created_at: dt.datetime
