"""A person's identity as typed into a form or a spreadsheet, and its validation.

Validation is a pure function returning field → error code; the caller decides how to show
it (beside the field in the UI, per row in an import report) and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

from btxh_desktop.domain import identity
from btxh_desktop.domain.codes import SchoolStatus, Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError

MAX_NAME = 100
MAX_ADDRESS = 300
MAX_NOTES = 4000
OLDEST_PLAUSIBLE_AGE = 125


@dataclass(frozen=True)
class PersonDraft:
    full_name: str
    birth: PartialDate = field(default_factory=PartialDate)
    sex: Sex = Sex.UNKNOWN
    other_name: str | None = None
    ethnicity_code: str | None = None
    cccd: str | None = None
    cccd_issued_on: dt.date | None = None
    old_id_number: str | None = None
    phone: str | None = None
    commune_code: str | None = None
    address_detail: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    school_status: SchoolStatus | None = None
    school_level: str | None = None
    hiv_status: str | None = None
    health_notes: str | None = None
    death_date: dt.date | None = None
    notes: str | None = None

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def normalise(draft: PersonDraft) -> PersonDraft:
    """Tidy what was typed without judging it: NFC names, trimmed text, digits-only ids."""

    def name(value: str | None) -> str | None:
        value = _blank_to_none(value)
        if value is None:
            return None
        try:
            return identity.normalize_name(value)
        except DomainError:
            return value

    cccd = _blank_to_none(draft.cccd)
    if cccd is not None:
        cccd = "".join(cccd.split())
    return replace(
        draft,
        full_name=name(draft.full_name) or "",
        other_name=name(draft.other_name),
        father_name=name(draft.father_name),
        mother_name=name(draft.mother_name),
        cccd=cccd,
        old_id_number=_blank_to_none(draft.old_id_number),
        phone=_blank_to_none(draft.phone),
        address_detail=_blank_to_none(draft.address_detail),
        school_level=_blank_to_none(draft.school_level),
        health_notes=_blank_to_none(draft.health_notes),
        notes=_blank_to_none(draft.notes),
        ethnicity_code=_blank_to_none(draft.ethnicity_code),
        commune_code=_blank_to_none(draft.commune_code),
    )


def validate_person(
    draft: PersonDraft,
    today: dt.date,
    known_communes: frozenset[str] | None = None,
    known_ethnicities: frozenset[str] | None = None,
) -> dict[str, str]:
    """Field → error code for everything wrong with the draft (empty when it can be saved)."""
    errors: dict[str, str] = {}

    def check_name(field: str, value: str | None, required: bool) -> None:
        if value is None or not value.strip():
            if required:
                errors[field] = "field.required"
            return
        try:
            identity.normalize_name(value)
        except DomainError as exc:
            errors[field] = exc.code

    check_name("full_name", draft.full_name, required=True)
    check_name("other_name", draft.other_name, required=False)
    check_name("father_name", draft.father_name, required=False)
    check_name("mother_name", draft.mother_name, required=False)

    latest_birth = draft.birth.latest()
    earliest_birth = draft.birth.earliest()
    if latest_birth is not None and earliest_birth is not None:
        if earliest_birth > today:
            errors["birth"] = "date.in_future"
        elif today.year - earliest_birth.year > OLDEST_PLAUSIBLE_AGE:
            errors["birth"] = "birth.implausibly_old"

    if draft.cccd:
        problems = identity.validate_cccd(
            draft.cccd,
            sex=draft.sex if draft.sex != Sex.UNKNOWN else None,
            birth=draft.birth if "birth" not in errors else None,
        )
        if problems:
            errors["cccd"] = problems[0]
    if draft.cccd_issued_on is not None:
        if draft.cccd_issued_on > today:
            errors["cccd_issued_on"] = "date.in_future"
        elif earliest_birth is not None and draft.cccd_issued_on < earliest_birth:
            errors["cccd_issued_on"] = "cccd.issued_before_birth"
    if draft.old_id_number:
        problems = identity.validate_old_id(draft.old_id_number)
        if problems:
            errors["old_id_number"] = problems[0]
    if draft.phone:
        try:
            identity.normalize_phone(draft.phone)
        except DomainError as exc:
            errors["phone"] = exc.code
    if draft.death_date is not None:
        if draft.death_date > today:
            errors["death_date"] = "date.in_future"
        elif earliest_birth is not None and draft.death_date < earliest_birth:
            errors["death_date"] = "death.before_birth"
    if (
        known_communes is not None
        and draft.commune_code
        and draft.commune_code not in known_communes
    ):
        errors["commune_code"] = "commune.unknown"
    if (
        known_ethnicities is not None
        and draft.ethnicity_code
        and draft.ethnicity_code not in known_ethnicities
    ):
        errors["ethnicity_code"] = "ethnicity.unknown"
    if draft.hiv_status not in (None, "positive", "negative"):
        errors["hiv_status"] = "hiv.invalid"
    for name, value, limit in (
        ("address_detail", draft.address_detail, MAX_ADDRESS),
        ("school_level", draft.school_level, 60),
        ("notes", draft.notes, MAX_NOTES),
        ("health_notes", draft.health_notes, MAX_NOTES),
    ):
        if value is not None and len(value) > limit:
            errors[name] = "field.too_long"
    return errors
