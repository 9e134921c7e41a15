"""Use cases about people: record, correct, find, de-duplicate, and their related records."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft, normalise, validate_person
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.storage import people as repo
from btxh_desktop.storage.models import (
    Attachment,
    DisabilityAssessment,
    Guardian,
    HealthInsuranceCard,
    HouseholdStatusRecord,
    Person,
    Site,
)
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.storage.records import (
    AttachmentRecord,
    DisabilityRecord,
    GuardianRecord,
    HouseholdStatusRecordView,
    InsuranceCardRecord,
)


@dataclass(frozen=True)
class DuplicateCandidate:
    person: PersonRecord
    reason: str  # "same_cccd" or "same_name_birth_year_commune"


@dataclass(frozen=True)
class GuardianDraft:
    full_name: str
    relationship: str = ""
    birth_year: int | None = None
    cccd: str | None = None
    phone: str | None = None
    address: str | None = None
    is_caregiver: bool = False
    files_on_behalf: bool = False


@dataclass(frozen=True)
class DisabilityDraft:
    disability_type: int
    level: DisabilityLevel
    assessed_on: dt.date | None = None
    certificate_number: str | None = None
    certificate_issued_on: dt.date | None = None
    reassessment_due: dt.date | None = None
    notes: str | None = None


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ reading

    def get(self, person_id: str) -> PersonRecord:
        with self.ctx.read() as session:
            row = session.get(Person, person_id)
            if row is None or row.deleted_at is not None:
                raise DomainError("person.not_found")
            return repo.to_record(row)

    def search(self, text: str, limit: int = 500) -> list[PersonRecord]:
        with self.ctx.read() as session:
            return repo.get_people(session, repo.search_person_ids(session, text, limit))

    def count(self) -> int:
        with self.ctx.read() as session:
            return repo.count_live(session)

    def find_duplicates(
        self, draft: PersonDraft, exclude_id: str | None = None
    ) -> list[DuplicateCandidate]:
        """People who may be the same person: same CCCD, or same folded name, birth year and
        commune. Shown before saving so nobody is recorded (and paid) twice."""
        draft = normalise(draft)
        found: dict[str, DuplicateCandidate] = {}
        with self.ctx.read() as session:
            if draft.cccd:
                for row in session.scalars(repo.live_people().where(Person.cccd == draft.cccd)):
                    if row.id != exclude_id:
                        found[row.id] = DuplicateCandidate(repo.to_record(row), "same_cccd")
            if draft.full_name and draft.birth.year is not None:
                query = repo.live_people().where(
                    Person.search_name == fold(draft.full_name),
                    Person.birth_year == draft.birth.year,
                )
                if draft.commune_code:
                    query = query.where(Person.commune_code == draft.commune_code)
                for row in session.scalars(query.limit(20)):
                    if row.id != exclude_id and row.id not in found:
                        found[row.id] = DuplicateCandidate(
                            repo.to_record(row), "same_name_birth_year_commune"
                        )
        return list(found.values())

    # ------------------------------------------------------------------ writing

    def validate(self, draft: PersonDraft) -> dict[str, str]:
        ref = self.ctx.reference
        return validate_person(
            normalise(draft),
            self.ctx.today(),
            known_communes=ref.commune_codes(),
            known_ethnicities=ref.ethnicity_codes(),
        )

    def create(self, draft: PersonDraft, initiator: object | None = None) -> PersonRecord:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        draft = normalise(draft)
        errors = self.validate(draft)
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            row = Person(code=self._next_code(session))
            repo.apply_draft(row, draft)
            session.add(row)
            session.flush()
            return repo.to_record(row)

    def update(
        self, person_id: str, draft: PersonDraft, initiator: object | None = None
    ) -> PersonRecord:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        draft = normalise(draft)
        errors = self.validate(draft)
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            row = self._live(session, person_id)
            repo.apply_draft(row, draft)
            session.flush()
            return repo.to_record(row)

    def delete(self, person_id: str, initiator: object | None = None) -> None:
        """A tombstone, so the deletion travels to the server and other PCs."""
        require(self.ctx.actor, Permission.DELETE_RECORDS)
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id).deleted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def _live(self, session: Session, person_id: str) -> Person:
        row = session.get(Person, person_id)
        if row is None or row.deleted_at is not None:
            raise DomainError("person.not_found")
        return row

    @staticmethod
    def _next_code(session: Session) -> str:
        site = session.scalar(select(Site))
        assert site is not None
        number = site.next_record_number
        site.next_record_number = number + 1
        return f"{site.site_code}-{number:06d}"

    # ------------------------------------------------------------------ related records

    def guardians(self, person_id: str) -> list[GuardianRecord]:
        with self.ctx.read() as session:
            return [
                GuardianRecord.of(r)
                for r in session.scalars(
                    select(Guardian).where(
                        Guardian.person_id == person_id, Guardian.deleted_at.is_(None)
                    )
                )
            ]

    def save_guardian(
        self,
        person_id: str,
        draft: GuardianDraft,
        guardian_id: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        if not draft.full_name.strip():
            raise ValidationFailed({"full_name": "field.required"})
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id)
            row = session.get(Guardian, guardian_id) if guardian_id else None
            if row is None:
                row = Guardian(person_id=person_id)
                session.add(row)
            _assign(row, draft.__dict__)
            session.flush()
            return row.id

    def disability_assessments(self, person_id: str) -> list[DisabilityRecord]:
        with self.ctx.read() as session:
            return [
                DisabilityRecord.of(r)
                for r in session.scalars(
                    select(DisabilityAssessment)
                    .where(
                        DisabilityAssessment.person_id == person_id,
                        DisabilityAssessment.deleted_at.is_(None),
                    )
                    .order_by(DisabilityAssessment.assessed_on.desc())
                )
            ]

    def save_disability(
        self,
        person_id: str,
        draft: DisabilityDraft,
        assessment_id: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        errors: dict[str, str] = {}
        if not 1 <= draft.disability_type <= 6:
            errors["disability_type"] = "disability.type_invalid"
        today = self.ctx.today()
        for name in ("assessed_on", "certificate_issued_on"):
            value = getattr(draft, name)
            if value is not None and value > today:
                errors[name] = "date.in_future"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id)
            row = session.get(DisabilityAssessment, assessment_id) if assessment_id else None
            if row is None:
                row = DisabilityAssessment(person_id=person_id)
                session.add(row)
            values = dict(draft.__dict__)
            values["level"] = DisabilityLevel(draft.level).value
            _assign(row, values)
            session.flush()
            return row.id

    def household_statuses(self, person_id: str) -> list[HouseholdStatusRecordView]:
        with self.ctx.read() as session:
            return [
                HouseholdStatusRecordView.of(r)
                for r in session.scalars(
                    select(HouseholdStatusRecord)
                    .where(
                        HouseholdStatusRecord.person_id == person_id,
                        HouseholdStatusRecord.deleted_at.is_(None),
                    )
                    .order_by(HouseholdStatusRecord.valid_from.desc())
                )
            ]

    def set_household_status(
        self,
        person_id: str,
        status: HouseholdStatus,
        valid_from: dt.date,
        certificate_number: str | None = None,
        initiator: object | None = None,
    ) -> str:
        """A new status closes the previous open period the day before it starts."""
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id)
            for open_row in session.scalars(
                select(HouseholdStatusRecord).where(
                    HouseholdStatusRecord.person_id == person_id,
                    HouseholdStatusRecord.valid_to.is_(None),
                    HouseholdStatusRecord.deleted_at.is_(None),
                )
            ):
                if open_row.valid_from < valid_from:
                    open_row.valid_to = valid_from - dt.timedelta(days=1)
            row = HouseholdStatusRecord(
                person_id=person_id,
                status=HouseholdStatus(status).value,
                valid_from=valid_from,
                certificate_number=certificate_number,
            )
            session.add(row)
            session.flush()
            return row.id

    def household_status_on(self, person_id: str, day: dt.date) -> HouseholdStatus | None:
        with self.ctx.read() as session:
            row = session.scalar(
                select(HouseholdStatusRecord)
                .where(
                    HouseholdStatusRecord.person_id == person_id,
                    HouseholdStatusRecord.deleted_at.is_(None),
                    HouseholdStatusRecord.valid_from <= day,
                    (HouseholdStatusRecord.valid_to.is_(None))
                    | (HouseholdStatusRecord.valid_to >= day),
                )
                .order_by(HouseholdStatusRecord.valid_from.desc())
            )
            return HouseholdStatus(row.status) if row else None

    def insurance_cards(self, person_id: str) -> list[InsuranceCardRecord]:
        with self.ctx.read() as session:
            return [
                InsuranceCardRecord.of(r)
                for r in session.scalars(
                    select(HealthInsuranceCard)
                    .where(
                        HealthInsuranceCard.person_id == person_id,
                        HealthInsuranceCard.deleted_at.is_(None),
                    )
                    .order_by(HealthInsuranceCard.valid_to.desc())
                )
            ]

    def save_insurance_card(
        self,
        person_id: str,
        card_number: str,
        valid_from: dt.date | None,
        valid_to: dt.date | None,
        registered_hospital: str | None = None,
        card_id: str | None = None,
        initiator: object | None = None,
    ) -> str:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        errors: dict[str, str] = {}
        number = "".join(card_number.split()).upper()
        if not (10 <= len(number) <= 15 and number.isalnum()):
            errors["card_number"] = "insurance.card_number_invalid"
        if valid_from and valid_to and valid_to < valid_from:
            errors["valid_to"] = "insurance.ends_before_start"
        if errors:
            raise ValidationFailed(errors)
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id)
            row = session.get(HealthInsuranceCard, card_id) if card_id else None
            if row is None:
                row = HealthInsuranceCard(person_id=person_id)
                session.add(row)
            _assign(
                row,
                {
                    "card_number": number,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "registered_hospital": registered_hospital,
                },
            )
            session.flush()
            return row.id

    def attachments(self, person_id: str) -> list[AttachmentRecord]:
        with self.ctx.read() as session:
            return [
                AttachmentRecord.of(r)
                for r in session.scalars(
                    select(Attachment).where(
                        Attachment.person_id == person_id, Attachment.deleted_at.is_(None)
                    )
                )
            ]

    def attach_file(
        self,
        person_id: str,
        source: Path,
        kind: str,
        title: str = "",
        initiator: object | None = None,
    ) -> str:
        """Store a copy of the file under its sha256 (same file twice = stored once)."""
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        if kind not in ("photo", "document"):
            raise DomainError("attachment.kind_invalid")
        if not source.is_file():
            raise DomainError("attachment.missing_file", path=str(source))
        digest = hashlib.sha256()
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        target = self.attachment_path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            shutil.copyfile(source, partial)
            partial.replace(target)
        mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        with self.ctx.unit_of_work(initiator) as session:
            self._live(session, person_id)
            row = Attachment(
                person_id=person_id,
                kind=kind,
                title=title or source.stem,
                filename=source.name,
                mime_type=mime,
                sha256=sha,
                size_bytes=source.stat().st_size,
            )
            session.add(row)
            session.flush()
            return row.id

    def attachment_path(self, sha256: str) -> Path:
        return self.ctx.paths.attachments / sha256[:2] / sha256

    def remove_related(self, model: type, record_id: str, initiator: object | None = None) -> None:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        with self.ctx.unit_of_work(initiator) as session:
            row = session.get(model, record_id)
            if row is None:
                raise DomainError("record.not_found")
            row.deleted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def next_code_preview(self) -> str:
        with self.ctx.read() as session:
            site = session.scalar(select(Site))
            if site is None:
                return ""
            return f"{site.site_code}-{site.next_record_number:06d}"

    def count_by_commune(self) -> dict[str | None, int]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(Person.commune_code, func.count())
                .where(Person.deleted_at.is_(None))
                .group_by(Person.commune_code)
            )
            return {code: n for code, n in rows}


def _assign(row: object, values: dict[str, object]) -> None:
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
