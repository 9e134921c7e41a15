"""Reading people: frozen records for the layers above, and the name search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Integer, Select, String, column, func, select, table, text
from sqlalchemy.orm import Session

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.storage.models import AllowanceCase, Commune, Person, Residency


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


# --- the people list: ids in the chosen order, then rows for the visible page ---------------


class PeopleSort(StrEnum):
    NAME = "name"
    BIRTH = "birth"
    COMMUNE = "commune"
    CODE = "code"


@dataclass(frozen=True)
class PeopleFilter:
    """What the people list shows: typed text, the filters and the order.

    `category` and `case_status` look at the person's allowance cases (a commune's list);
    `resident_group`, `in_residence` and `facility_id` at their stays in a facility. Each
    group must hold for one and the same case (or stay)."""

    text: str = ""
    category: str | None = None
    case_status: str | None = None
    commune_code: str | None = None
    facility_id: str | None = None
    resident_group: str | None = None
    in_residence: bool | None = None
    sort: PeopleSort = PeopleSort.NAME
    descending: bool = False


@dataclass(frozen=True)
class PersonListRow:
    """What one line of the people list shows (no sensitive field: lists never carry them)."""

    id: str
    code: str
    full_name: str
    birth: PartialDate
    sex: Sex
    cccd: str | None
    commune_code: str | None
    commune_name: str | None  # "Phường Sài Gòn", from the reference tables
    address_detail: str | None
    category: str | None  # of the person's current allowance case
    case_status: str | None
    resident_group: str | None  # of the person's latest stay in a facility
    in_residence: bool | None


def _sort_columns(sort: PeopleSort) -> list[Any]:
    # Ties fall back to the name and then the id, so the order is total and stable.
    tail = [Person.search_name, Person.id]
    if sort == PeopleSort.BIRTH:
        return [Person.birth_year, Person.birth_month, Person.birth_day, *tail]
    if sort == PeopleSort.COMMUNE:
        return [Commune.search_name, *tail]
    if sort == PeopleSort.CODE:
        return [Person.code, Person.id]
    return tail


def _filtered(query: Select[Any], wanted: PeopleFilter) -> Select[Any]:
    query = query.where(Person.deleted_at.is_(None))
    if wanted.commune_code is not None:
        query = query.where(Person.commune_code == wanted.commune_code)
    if wanted.category is not None or wanted.case_status is not None:
        # IN, not EXISTS: a correlated EXISTS lets SQLite probe the status index once per
        # person, which is quadratic over 200,000 people.
        case = select(AllowanceCase.person_id).where(AllowanceCase.deleted_at.is_(None))
        if wanted.category is not None:
            case = case.where(AllowanceCase.category == wanted.category)
        if wanted.case_status is not None:
            case = case.where(AllowanceCase.status == wanted.case_status)
        query = query.where(Person.id.in_(case))
    if (
        wanted.facility_id is not None
        or wanted.resident_group is not None
        or wanted.in_residence is not None
    ):
        stay = select(Residency.person_id).where(Residency.deleted_at.is_(None))
        if wanted.facility_id is not None:
            stay = stay.where(Residency.facility_id == wanted.facility_id)
        if wanted.resident_group is not None:
            stay = stay.where(Residency.resident_group == wanted.resident_group)
        if wanted.in_residence is True:
            stay = stay.where(Residency.discharged_on.is_(None))
        elif wanted.in_residence is False:
            stay = stay.where(Residency.discharged_on.is_not(None))
        query = query.where(Person.id.in_(stay))
    return query


def _ordered(query: Select[Any], wanted: PeopleFilter) -> Select[Any]:
    columns = _sort_columns(wanted.sort)
    if wanted.sort == PeopleSort.COMMUNE:
        query = query.outerjoin(Commune, Commune.code == Person.commune_code)
    return query.order_by(*(c.desc() if wanted.descending else c.asc() for c in columns))


_search_table = table(
    "people_search",
    column("rowid", Integer),
    column("person_id", String),
    column("search_name", String),
    column("code", String),
)


@dataclass(frozen=True)
class PeopleList:
    ids: list[str]  # in the order asked for
    total: int | None  # all matches; None when counting them would cost more than it tells
    truncated: bool


def list_people(session: Session, wanted: PeopleFilter, cap: int = SEARCH_CAP) -> PeopleList:
    """Ids of the live people the list shows, in the chosen order, sorted by SQLite.

    Without text every match is returned (ids only: 200,000 of them are a few megabytes, and
    the list fetches the rows it shows). With text, the first `cap` matches that pass the
    filters are sorted and returned; past the cap, `total` counts every match when no filter
    is set (the index alone answers that), and is None otherwise."""
    if not wanted.text.strip():
        ids = list(session.scalars(_ordered(_filtered(select(Person.id), wanted), wanted)))
        return PeopleList(ids, len(ids), False)
    match = fts_query(wanted.text)
    if match is None:
        return PeopleList([], 0, False)
    checks, params = _row_checks(wanted)
    # CROSS JOIN keeps the name index as the outer loop, and the filters are checked per
    # match through each table's person_id index: a narrow query ("nguyen van an") then
    # costs a few lookups instead of building the set of everyone in a commune.
    capped = (
        text(
            "SELECT s.rowid AS search_rowid, s.person_id FROM people_fts f"
            " CROSS JOIN people_search s ON s.rowid = f.rowid WHERE people_fts MATCH :q"
            + checks
            + " LIMIT :cap"
        )
        .bindparams(q=match, cap=cap + 1, **params)
        .columns(column("search_rowid", Integer), column("person_id", String))
        .subquery()
    )
    if wanted.sort in (PeopleSort.NAME, PeopleSort.CODE):
        # The narrow search table holds both keys: sorting there avoids reading a wide
        # `people` row per match. Same keys and tie-break as `_ordered`.
        key = (
            _search_table.c.search_name if wanted.sort == PeopleSort.NAME else _search_table.c.code
        )
        keys = (key, _search_table.c.person_id)
        query = (
            select(_search_table.c.person_id)
            .join_from(capped, _search_table, _search_table.c.rowid == capped.c.search_rowid)
            .order_by(*(k.desc() if wanted.descending else k.asc() for k in keys))
        )
    else:
        query = _ordered(select(Person.id).where(Person.id.in_(select(capped.c.person_id))), wanted)
    ids = list(session.scalars(query))
    # One match past the cap says there are more; which one is dropped does not matter, the
    # capped set is already an arbitrary sample of a query that needs more letters.
    truncated = len(ids) > cap
    del ids[cap:]
    if not truncated:
        return PeopleList(ids, len(ids), False)
    total = None
    if not checks:
        total = int(
            session.execute(
                text("SELECT count(*) FROM people_fts WHERE people_fts MATCH :q"), {"q": match}
            ).scalar_one()
        )
    return PeopleList(ids, total, True)


def _row_checks(wanted: PeopleFilter) -> tuple[str, dict[str, object]]:
    """SQL conditions on `s.person_id` for the filters (for `list_people`'s text search).

    A unary `+` keeps SQLite from probing the status or facility index once per match; the
    person_id index is the one to use there."""
    sql: list[str] = []
    params: dict[str, object] = {}
    if wanted.commune_code is not None:
        sql.append(
            "EXISTS (SELECT 1 FROM people p WHERE p.id = s.person_id AND p.commune_code = :commune)"
        )
        params["commune"] = wanted.commune_code
    case: list[str] = []
    if wanted.category is not None:
        case.append("+c.category = :category")
        params["category"] = wanted.category
    if wanted.case_status is not None:
        case.append("+c.status = :case_status")
        params["case_status"] = wanted.case_status
    if case:
        sql.append(
            "EXISTS (SELECT 1 FROM allowance_cases c WHERE c.person_id = s.person_id"
            " AND c.deleted_at IS NULL AND " + " AND ".join(case) + ")"
        )
    stay: list[str] = []
    if wanted.facility_id is not None:
        stay.append("+r.facility_id = :facility")
        params["facility"] = wanted.facility_id
    if wanted.resident_group is not None:
        stay.append("+r.resident_group = :group")
        params["group"] = wanted.resident_group
    if wanted.in_residence is not None:
        stay.append(
            "r.discharged_on IS NULL" if wanted.in_residence else "r.discharged_on IS NOT NULL"
        )
    if stay:
        sql.append(
            "EXISTS (SELECT 1 FROM residencies r WHERE r.person_id = s.person_id"
            " AND r.deleted_at IS NULL AND " + " AND ".join(stay) + ")"
        )
    return "".join(" AND " + condition for condition in sql), params


# An open case is the one the list describes; otherwise the latest application.
_CASE_RANK = {"active": 0, "suspended": 0, "applied": 1}


def list_rows(session: Session, ids: Sequence[str]) -> list[PersonListRow]:
    """The list's rows for `ids`, in the order given (unknown or deleted ids are skipped)."""
    if not ids:
        return []
    people = {
        row.id: row
        for row in session.execute(
            select(
                Person.id,
                Person.code,
                Person.full_name,
                Person.birth_year,
                Person.birth_month,
                Person.birth_day,
                Person.sex,
                Person.cccd,
                Person.commune_code,
                Commune.full_name.label("commune_name"),
                Person.address_detail,
            )
            .outerjoin(Commune, Commune.code == Person.commune_code)
            .where(Person.id.in_(ids), Person.deleted_at.is_(None))
        )
    }
    cases: dict[str, tuple[tuple[int, int], str, str]] = {}
    for person_id, category, status, applied in session.execute(
        select(
            AllowanceCase.person_id,
            AllowanceCase.category,
            AllowanceCase.status,
            AllowanceCase.application_date,
        ).where(AllowanceCase.person_id.in_(ids), AllowanceCase.deleted_at.is_(None))
    ):
        rank = (_CASE_RANK.get(status, 2), -applied.toordinal())
        if person_id not in cases or rank < cases[person_id][0]:
            cases[person_id] = (rank, category, status)
    stays: dict[str, tuple[tuple[int, int], str, bool]] = {}
    for person_id, group, admitted, discharged in session.execute(
        select(
            Residency.person_id,
            Residency.resident_group,
            Residency.admitted_on,
            Residency.discharged_on,
        ).where(Residency.person_id.in_(ids), Residency.deleted_at.is_(None))
    ):
        rank = (0 if discharged is None else 1, -admitted.toordinal())
        if person_id not in stays or rank < stays[person_id][0]:
            stays[person_id] = (rank, group, discharged is None)
    out = []
    for person_id in ids:
        row = people.get(person_id)
        if row is None:
            continue
        case = cases.get(person_id)
        stay = stays.get(person_id)
        out.append(
            PersonListRow(
                id=row.id,
                code=row.code,
                full_name=row.full_name,
                birth=PartialDate(row.birth_year, row.birth_month, row.birth_day),
                sex=Sex(row.sex),
                cccd=row.cccd,
                commune_code=row.commune_code,
                commune_name=row.commune_name,
                address_detail=row.address_detail,
                category=case[1] if case else None,
                case_status=case[2] if case else None,
                resident_group=stay[1] if stay else None,
                in_residence=stay[2] if stay else None,
            )
        )
    return out
