"""Use cases about people: record, correct, find, de-duplicate, and their related records."""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import DisabilityLevel, HouseholdStatus
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft, normalise, validate_person
from btxh_desktop.services import privacy
from btxh_desktop.services.audit import AuditService
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.permissions import Permission, PermissionDenied, require
from btxh_desktop.storage import attachments as files
from btxh_desktop.storage import people as repo
from btxh_desktop.storage.models import (
    MODEL_BY_ENTITY,
    Attachment,
    DisabilityAssessment,
    Facility,
    Guardian,
    HealthInsuranceCard,
    HouseholdStatusRecord,
    Person,
    Site,
)
from btxh_desktop.storage.people import PeopleFilter, PeopleList, PersonListRow, PersonRecord
from btxh_desktop.storage.records import (
    AttachmentRecord,
    DisabilityRecord,
    GuardianRecord,
    HouseholdStatusRecordView,
    InsuranceCardRecord,
)

# Scans and photos are read whole (to hash and encrypt them); a phone photo is a few MB.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# A person's own records that the person form adds and removes one by one.
PERSON_RECORD_ENTITIES = frozenset(
    {"guardian", "disability_assessment", "household_status", "health_insurance_card", "attachment"}
)


@dataclass(frozen=True)
class CategoryChoice:
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class ListChoices:
    categories: tuple[CategoryChoice, ...]
    communes: tuple[tuple[str, str, int], ...]  # code, full name, people living there
    facilities: tuple[tuple[str, str], ...]  # id, name


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
        """The person's record for their own form. Sensitive fields are blank for a role that
        may not see them; for one that may, showing them is recorded in the audit log."""
        with self.ctx.read() as session:
            row = session.get(Person, person_id)
            if row is None or row.deleted_at is not None:
                raise DomainError("person.not_found")
            record = repo.to_record(row)
        if not privacy.can_view_sensitive(self.ctx.actor):
            return privacy.blank_person(record)
        shown = privacy.shown_sensitive("person", record.draft.__dict__)
        if shown:
            AuditService(self.ctx).record_view("person", [record.id], shown)
        return record

    def search(self, text: str, limit: int = 500) -> list[PersonRecord]:
        """Lists never carry sensitive fields, whatever the role (services/privacy.py)."""
        with self.ctx.read() as session:
            found = repo.get_people(session, repo.search_person_ids(session, text, limit))
        return [privacy.person_for_list(r) for r in found]

    def count(self) -> int:
        with self.ctx.read() as session:
            return repo.count_live(session)

    # ------------------------------------------------------------------ the people list

    def list_ids(self, wanted: PeopleFilter) -> PeopleList:
        """The people list's ids in the asked order; its rows come by page (`list_rows`).

        Filtering by a category that reveals HIV status needs the right to see it."""
        if wanted.category in self._sensitive_categories() and not privacy.can_view_sensitive(
            self.ctx.actor
        ):
            raise PermissionDenied(Permission.VIEW_SENSITIVE, self.ctx.actor.username)
        with self.ctx.read() as session:
            return repo.list_people(session, wanted)

    def list_rows(self, ids: Sequence[str]) -> list[PersonListRow]:
        """One page of the people list. A category that reveals HIV status is left out for a
        role that may not see it."""
        with self.ctx.read() as session:
            rows = repo.list_rows(session, ids)
        if privacy.can_view_sensitive(self.ctx.actor):
            return rows
        hidden = self._sensitive_categories()
        return [replace(r, category=None) if r.category in hidden else r for r in rows]

    def list_choices(self) -> ListChoices:
        """What the list's filters offer: the categories this user may filter by, the
        communes people live in (with how many), and the facilities."""
        ref = self.ctx.reference
        may_see = privacy.can_view_sensitive(self.ctx.actor)
        with self.ctx.read() as session:
            communes = session.execute(
                select(Person.commune_code, func.count())
                .where(Person.deleted_at.is_(None), Person.commune_code.is_not(None))
                .group_by(Person.commune_code)
            ).all()
            facilities = session.execute(
                select(Facility.id, Facility.name)
                .where(Facility.deleted_at.is_(None))
                .order_by(Facility.name)
            ).all()
        named: list[tuple[str, str, int]] = []
        for code, count in communes:
            commune = ref.commune(str(code))
            named.append((str(code), commune.full_name if commune else str(code), count))
        named.sort(key=lambda c: fold(c[1]))
        return ListChoices(
            categories=tuple(
                CategoryChoice(c.code, c.name_vi, c.name_en)
                for c in self.ctx.policy.categories()
                if may_see or not c.sensitive
            ),
            communes=tuple(named),
            facilities=tuple((str(i), str(n)) for i, n in facilities),
        )

    def _sensitive_categories(self) -> frozenset[str]:
        return frozenset(c.code for c in self.ctx.policy.categories() if c.sensitive)

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
                        found[row.id] = DuplicateCandidate(_listed(row), "same_cccd")
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
                            _listed(row), "same_name_birth_year_commune"
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
            return privacy.person_for(self.ctx.actor, repo.to_record(row))

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
            stored = {name: getattr(row, name) for name in privacy.SENSITIVE_FIELDS["person"]}
            repo.apply_draft(row, privacy.keep_hidden_values(self.ctx.actor, stored, draft))
            session.flush()
            return privacy.person_for(self.ctx.actor, repo.to_record(row))

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
            records = [
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
        if not privacy.can_view_sensitive(self.ctx.actor):
            return [privacy.disability_for(self.ctx.actor, r) for r in records]
        with_notes = [r.id for r in records if r.notes]
        if with_notes:
            AuditService(self.ctx).record_view("disability_assessment", with_notes, ["notes"])
        return records

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
            if not values["notes"] and not privacy.can_view_sensitive(self.ctx.actor):
                del values["notes"]  # blank to this user means hidden, not cleared
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
        """Store a copy of the file under its sha256 (same file twice = stored once),
        encrypted when the database is (storage/attachments.py)."""
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        if kind not in ("photo", "document"):
            raise DomainError("attachment.kind_invalid")
        if not source.is_file():
            raise DomainError("attachment.missing_file", path=str(source))
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise DomainError(
                "attachment.too_large", name=source.name, max_mb=MAX_ATTACHMENT_BYTES >> 20
            )
        sha = files.store(self.ctx.paths.attachments, source.read_bytes(), self.ctx.database.key)
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
                size_bytes=size,
            )
            session.add(row)
            session.flush()
            return row.id

    def attachment_path(self, sha256: str) -> Path:
        """Where an attachment is stored — encrypted when the database is, so not for reading
        (`read_attachment` is)."""
        return files.path_for(self.ctx.paths.attachments, sha256)

    def read_attachment(self, attachment_id: str) -> bytes:
        """The attachment's content (decrypted, checked against its sha256). ID-card photos
        and scans are personal data: each reading is recorded in the audit log."""
        require(self.ctx.actor, Permission.VIEW)
        with self.ctx.read() as session:
            row = session.get(Attachment, attachment_id)
            if row is None or row.deleted_at is not None:
                raise DomainError("attachment.not_found")
            sha, person_id, kind, name = row.sha256, row.person_id, row.kind, row.filename
        try:
            plain = files.read(self.ctx.paths.attachments, sha, self.ctx.database.key)
        except files.AttachmentUnreadable as exc:
            raise DomainError("attachment.unreadable", name=name) from exc
        AuditService(self.ctx).record(
            "view", "attachment", attachment_id, ["content"], {"person_id": person_id, "kind": kind}
        )
        return plain

    def open_attachment_copy(self, attachment_id: str) -> Path:
        """A decrypted copy for another program to show (a PDF viewer cannot read the stored
        file). Copies live in the data folder's `opened/` and are removed at start and exit."""
        plain = self.read_attachment(attachment_id)
        with self.ctx.read() as session:
            row = session.get(Attachment, attachment_id)
            name = row.filename if row is not None else ""
        return files.write_opened_copy(self.ctx.paths.data_dir, name, plain)

    def remove_related(self, model: type, record_id: str, initiator: object | None = None) -> None:
        require(self.ctx.actor, Permission.EDIT_PEOPLE)
        with self.ctx.unit_of_work(initiator) as session:
            row = session.get(model, record_id)
            if row is None:
                raise DomainError("record.not_found")
            row.deleted_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def remove_record(self, entity: str, record_id: str, initiator: object | None = None) -> None:
        """`remove_related` by the record's entity name ("guardian", "attachment", …), for
        callers that do not see the storage models (the GUI)."""
        if entity not in PERSON_RECORD_ENTITIES:
            raise DomainError("record.not_found")
        self.remove_related(MODEL_BY_ENTITY[entity], record_id, initiator)

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


def _listed(row: Person) -> PersonRecord:
    return privacy.person_for_list(repo.to_record(row))
