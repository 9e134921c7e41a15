"""Recording and finding people through the services, on a real database file."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import func, select

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import ValidationFailed
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.storage.models import AuditEntry, OutboxEntry, Person
from tests.conftest import COMMUNE


def draft(name: str = "Nguyễn Văn An", **extra: object) -> PersonDraft:
    values: dict[str, object] = {
        "full_name": name,
        "birth": PartialDate(1950, 3, 12),
        "sex": Sex.MALE,
        "commune_code": COMMUNE,
    }
    values.update(extra)
    return PersonDraft(**values)  # type: ignore[arg-type]


def counts(services: Services) -> tuple[int, int, int]:
    with services.ctx.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Person)) or 0,
            session.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "person")
            )
            or 0,
        )


def test_a_new_person_gets_a_code_an_outbox_entry_and_an_audit_entry(services: Services) -> None:
    person = services.people.create(draft(cccd="079050001234"))
    assert person.code == f"{COMMUNE}-000001"
    assert person.version == 0
    assert counts(services) == (1, 1, 1)
    with services.ctx.read() as session:
        op = session.scalars(select(OutboxEntry)).one()
    assert (op.entity, op.record_id, op.op, op.base_version) == ("person", person.id, "upsert", 0)
    assert op.fields["full_name"] == "Nguyễn Văn An"
    assert op.fields["cccd"] == "079050001234"


def test_an_edit_queues_only_the_fields_that_changed(services: Services) -> None:
    person = services.people.create(draft())
    services.people.update(person.id, draft(phone="0912345678"))
    services.people.update(person.id, draft(phone="0912345678"))  # nothing changed
    with services.ctx.read() as session:
        ops = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
    assert len(ops) == 2
    assert ops[1].fields == {"phone": "0912345678"}


def test_invalid_input_is_refused_whole_and_nothing_is_written(services: Services) -> None:
    bad = draft(
        name="",
        cccd="079150001234",  # century digit 1 = a woman born in the 1900s, but sex is male
        birth=PartialDate(2099, 1, 1),
    )
    with pytest.raises(ValidationFailed) as raised:
        services.people.create(bad)
    assert raised.value.errors["full_name"] == "field.required"
    assert raised.value.errors["birth"] == "date.in_future"
    assert counts(services) == (0, 0, 0)


def test_cccd_disagreeing_with_sex_is_reported_on_the_cccd_field(services: Services) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.people.create(draft(cccd="079150001234"))
    assert raised.value.errors == {"cccd": "cccd.sex_mismatch"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("nguyen van a", "Nguyễn Văn An"),
        ("NGUYEN VAN", "Nguyễn Văn An"),
        ("dang", "Đặng Thị Bích"),
        ("đặng thị", "Đặng Thị Bích"),
        ("079050001234", "Nguyễn Văn An"),
    ],
)
def test_search_ignores_diacritics_case_and_finds_by_cccd(
    services: Services, typed: str, expected: str
) -> None:
    services.people.create(draft(cccd="079050001234"))
    services.people.create(draft("Đặng Thị Bích", sex=Sex.FEMALE))
    services.people.create(draft("Trần Văn Cường"))
    found = [p.full_name for p in services.people.search(typed)]
    assert found == [expected]


def test_names_typed_in_nfd_are_stored_in_nfc_and_found(services: Services) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    person = services.people.create(draft(nfd, sex=Sex.FEMALE))
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hồng")
    assert [p.id for p in services.people.search("nguyen thi hong")] == [person.id]


def test_search_follows_edits_and_deletions(services: Services) -> None:
    person = services.people.create(draft("Lê Văn Tám"))
    services.people.update(person.id, draft("Lê Văn Chín"))
    assert services.people.search("tam") == []
    assert [p.id for p in services.people.search("chin")] == [person.id]
    services.people.delete(person.id)
    assert services.people.search("chin") == []
    with services.ctx.read() as session:
        last = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert last is not None and last.op == "delete"


def test_duplicates_are_found_by_cccd_or_by_name_birth_year_and_commune(
    services: Services,
) -> None:
    existing = services.people.create(draft(cccd="079050001234"))
    same_card = services.people.find_duplicates(draft("Nguyễn Văn Khác", cccd="079050001234"))
    assert [(d.person.id, d.reason) for d in same_card] == [(existing.id, "same_cccd")]
    typed_differently = draft("nguyễn  văn an", birth=PartialDate(1950))
    similar = services.people.find_duplicates(typed_differently)
    assert [(d.person.id, d.reason) for d in similar] == [
        (existing.id, "same_name_birth_year_commune")
    ]
    assert services.people.find_duplicates(draft(), exclude_id=existing.id) == []
    assert services.people.find_duplicates(draft(birth=PartialDate(1951))) == []
