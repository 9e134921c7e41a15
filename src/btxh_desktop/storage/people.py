"""Reading people: frozen records for the layers above, and the name search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.storage.models import Person


@dataclass(frozen=True)
class PersonRecord:
    id: str
    code: str
    version: int
    draft: PersonDraft
    search_name: str
    updated_at: dt.datetime
    updated_by: str

    @property
    def full_name(self) -> str:
        return self.draft.full_name

    @property
    def birth(self) -> PartialDate:
        return self.draft.birth


def birth_of(row: Person) -> PartialDate:
    return PartialDate(row.birth_year, row.birth_month, row.birth_day)


def to_record(row: Person) -> PersonRecord:
    from btxh_desktop.domain.codes import SchoolStatus

    draft = PersonDraft(
        full_name=row.full_name,
        birth=birth_of(row),
        sex=Sex(row.sex),
        other_name=row.other_name,
        ethnicity_code=row.ethnicity_code,
        cccd=row.cccd,
        cccd_issued_on=row.cccd_issued_on,
        old_id_number=row.old_id_number,
        phone=row.phone,
        commune_code=row.commune_code,
        address_detail=row.address_detail,
        father_name=row.father_name,
        mother_name=row.mother_name,
        school_status=SchoolStatus(row.school_status) if row.school_status else None,
        school_level=row.school_level,
        hiv_status=row.hiv_status,
        health_notes=row.health_notes,
        death_date=row.death_date,
        notes=row.notes,
    )
    return PersonRecord(
        id=row.id,
        code=row.code,
        version=row.version,
        draft=draft,
        search_name=row.search_name,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def apply_draft(row: Person, draft: PersonDraft) -> None:
    """Copy a (normalised, validated) draft onto a row; unchanged values stay unchanged so
    the outbox carries only what the user really edited."""
    values = {
        "full_name": draft.full_name,
        "search_name": fold(draft.full_name),
        "other_name": draft.other_name,
        "birth_year": draft.birth.year,
        "birth_month": draft.birth.month,
        "birth_day": draft.birth.day,
        "birth_precision": draft.birth.precision.value,
        "sex": draft.sex.value,
        "ethnicity_code": draft.ethnicity_code,
        "cccd": draft.cccd,
        "cccd_issued_on": draft.cccd_issued_on,
        "old_id_number": draft.old_id_number,
        "phone": draft.phone,
        "commune_code": draft.commune_code,
        "address_detail": draft.address_detail,
        "father_name": draft.father_name,
        "mother_name": draft.mother_name,
        "school_status": draft.school_status.value if draft.school_status else None,
        "school_level": draft.school_level,
        "hiv_status": draft.hiv_status,
        "health_notes": draft.health_notes,
        "death_date": draft.death_date,
        "notes": draft.notes,
    }
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


_TOKEN = re.compile(r"[0-9a-z]+")


def fts_query(user_text: str) -> str | None:
    """Each folded word of what was typed must start a word of the name, code or CCCD."""
    tokens = _TOKEN.findall(fold(user_text))
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def live_people() -> Select[Person]:
    return select(Person).where(Person.deleted_at.is_(None))


SEARCH_CAP = 5000


@dataclass(frozen=True)
class SearchResult:
    ids: list[str]  # sorted by folded name
    total: int  # all matches, even beyond the cap
    truncated: bool


def search_people(session: Session, user_text: str, cap: int = SEARCH_CAP) -> SearchResult:
    """Live people whose name, code or CCCD words start with each typed word, by name.

    At most `cap` matches are sorted and returned (bounding the cost on a one-letter query
    over 200,000 people); `total` says how many there are, so the screen can ask for more
    letters instead of pretending the list is complete."""
    query = fts_query(user_text)
    if query is None:
        return SearchResult([], 0, False)
    ids = [
        r[0]
        for r in session.execute(
            text(
                "SELECT s.person_id FROM"
                " (SELECT rowid FROM people_fts WHERE people_fts MATCH :q LIMIT :cap) f"
                " JOIN people_search s ON s.rowid = f.rowid ORDER BY s.search_name"
            ),
            {"q": query, "cap": cap + 1},
        )
    ]
    if len(ids) <= cap:
        return SearchResult(ids, len(ids), False)
    total = session.execute(
        text("SELECT count(*) FROM people_fts WHERE people_fts MATCH :q"), {"q": query}
    ).scalar_one()
    return SearchResult(ids[:cap], int(total), True)


def search_person_ids(session: Session, user_text: str, limit: int = 500) -> list[str]:
    return search_people(session, user_text, limit).ids


def get_people(session: Session, ids: Sequence[str]) -> list[PersonRecord]:
    rows = session.scalars(select(Person).where(Person.id.in_(ids))).all()
    by_id = {r.id: to_record(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def count_live(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(live_people().subquery())) or 0
