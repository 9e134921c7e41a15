"""The people list's reads: ids in SQL order with filters, rows by page, filter choices."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from btxh_desktop.domain.codes import AdmissionType, ResidentGroup, Role, Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.services.container import Services
from btxh_desktop.services.context import Actor
from btxh_desktop.services.people import GuardianDraft
from btxh_desktop.services.permissions import PermissionDenied
from btxh_desktop.storage import people as repo
from btxh_desktop.storage.people import PeopleFilter, PeopleSort
from tests.conftest import COMMUNE


def add(
    services: Services,
    name: str,
    birth: PartialDate | None = None,
    commune: str | None = COMMUNE,
    cccd: str | None = None,
) -> str:
    draft = PersonDraft(name, birth or PartialDate(), Sex.UNKNOWN, cccd=cccd, commune_code=commune)
    return services.people.create(draft).id


def names(services: Services, wanted: PeopleFilter) -> list[str]:
    found = services.people.list_ids(wanted)
    return [r.full_name for r in services.people.list_rows(found.ids)]


def test_ids_come_sorted_and_filtered_by_sqlite(services: Services) -> None:
    old = add(services, "Lê Văn Già", PartialDate(1940, 1, 2))
    child = add(services, "Phạm Bé Út", PartialDate(2024, 6))
    add(services, "Võ Văn Khác", PartialDate(1990), commune="00004")
    add(services, "Đặng Thị Ánh")
    services.allowance.apply(child, "K1", dt.date(2026, 10, 1), sub_case="abandoned")
    case = services.allowance.apply(old, "K5c", dt.date(2025, 1, 10))
    services.allowance.decide(case, "1/QĐ", dt.date(2025, 2, 1), "Chủ tịch")

    everyone = ["Đặng Thị Ánh", "Lê Văn Già", "Phạm Bé Út", "Võ Văn Khác"]
    assert names(services, PeopleFilter()) == everyone
    assert names(services, PeopleFilter(descending=True)) == everyone[::-1]
    # Unknown birth dates first, then by year, month, day.
    by_birth = names(services, PeopleFilter(sort=PeopleSort.BIRTH))
    assert by_birth == ["Đặng Thị Ánh", "Lê Văn Già", "Võ Văn Khác", "Phạm Bé Út"]
    by_commune = names(services, PeopleFilter(sort=PeopleSort.COMMUNE))
    assert by_commune[0] == "Võ Văn Khác"  # Phường Ba Đình before Phường Sài Gòn
    by_code = names(services, PeopleFilter(sort=PeopleSort.CODE))
    assert by_code == ["Lê Văn Già", "Phạm Bé Út", "Võ Văn Khác", "Đặng Thị Ánh"]
    assert names(services, PeopleFilter(category="K1")) == ["Phạm Bé Út"]
    assert names(services, PeopleFilter(case_status="active")) == ["Lê Văn Già"]
    assert names(services, PeopleFilter(commune_code="00004")) == ["Võ Văn Khác"]
    # With text, the same filters and orders apply to the matches.
    assert names(services, PeopleFilter(text="van")) == ["Lê Văn Già", "Võ Văn Khác"]
    assert names(services, PeopleFilter(text="van", commune_code=COMMUNE)) == ["Lê Văn Già"]
    assert names(services, PeopleFilter(text="van", sort=PeopleSort.BIRTH, descending=True)) == [
        "Võ Văn Khác",
        "Lê Văn Già",
    ]
    assert names(services, PeopleFilter(text="dang")) == ["Đặng Thị Ánh"]


def test_a_one_letter_search_is_capped_and_says_how_many_there_are(services: Services) -> None:
    services.demo.generate(60, seed=4)
    with services.ctx.read() as session:
        everyone = repo.list_people(session, PeopleFilter(text="thi"), cap=10_000)
        capped = repo.list_people(session, PeopleFilter(text="thi"), cap=5)
        filtered = repo.list_people(session, PeopleFilter(text="thi", commune_code=COMMUNE), cap=5)
    assert not everyone.truncated and everyone.total == len(everyone.ids) > 5
    assert capped.truncated and len(capped.ids) == 5 and capped.total == everyone.total
    # Counting every match past the filters would cost a scan; the list says "more than".
    assert filtered.truncated and filtered.total is None
    folded = [fold(r.full_name) for r in services.people.list_rows(capped.ids)]
    assert folded == sorted(folded)


def test_rows_describe_the_current_case_and_skip_deleted_people(services: Services) -> None:
    kept = add(services, "Trần Văn Còn", cccd=None)
    gone = add(services, "Trần Văn Mất")
    services.allowance.apply(kept, "K6", dt.date(2026, 9, 1))
    services.people.delete(gone)
    [row] = services.people.list_rows([gone, kept])
    assert (row.full_name, row.category, row.case_status) == ("Trần Văn Còn", "K6", "applied")
    assert row.commune_name == "Phường Sài Gòn"
    assert row.resident_group is None
    assert not any(f.name in ("hiv_status", "health_notes") for f in dataclasses.fields(row))


def test_a_category_that_reveals_hiv_status_needs_the_right_to_see_it(services: Services) -> None:
    pid = add(services, "Người Có Hồ Sơ K8", PartialDate(1980))
    services.allowance.apply(pid, "K8", dt.date(2026, 9, 1))
    people = services.people
    assert people.list_rows([pid])[0].category == "K8"
    assert "K8" in [c.code for c in people.list_choices().categories]
    services.ctx.actor = Actor("nhaplieu", Role.DATA_ENTRY)
    with pytest.raises(PermissionDenied):
        people.list_ids(PeopleFilter(category="K8"))
    [row] = people.list_rows([pid])
    assert row.category is None
    assert "K8" not in [c.code for c in people.list_choices().categories]


def test_filter_choices_offer_the_communes_people_live_in(services: Services) -> None:
    add(services, "A")
    add(services, "B")
    add(services, "C", commune="00004")
    choices = services.people.list_choices()
    assert choices.communes == (("00004", "Phường Ba Đình", 1), (COMMUNE, "Phường Sài Gòn", 2))
    assert choices.facilities == ()


def test_facility_filters_look_at_stays(facility_services: Services) -> None:
    services = facility_services
    here = add(services, "Đang Ở", commune=None)
    left = add(services, "Đã Về", commune=None)
    facility = services.facility
    facility.admit(here, AdmissionType.REGULAR, ResidentGroup.ELDERLY, dt.date(2026, 1, 5))
    stay = facility.admit(left, AdmissionType.REGULAR, ResidentGroup.CHILD, dt.date(2026, 2, 5))
    facility.discharge(stay, dt.date(2026, 10, 1), "return_family")
    assert names(services, PeopleFilter(in_residence=True)) == ["Đang Ở"]
    assert names(services, PeopleFilter(in_residence=False)) == ["Đã Về"]
    assert names(services, PeopleFilter(resident_group="child")) == ["Đã Về"]
    [facility_id] = [f for f, _ in services.people.list_choices().facilities]
    assert names(services, PeopleFilter(text="o", facility_id=facility_id)) == ["Đang Ở"]
    [row] = services.people.list_rows([left])
    assert (row.resident_group, row.in_residence) == ("child", False)


def test_related_records_are_removed_by_entity_name(services: Services) -> None:
    pid = add(services, "Có Người Giám Hộ")
    guardian = services.people.save_guardian(pid, GuardianDraft("Mẹ Của Người Đó", "mẹ"))
    services.people.remove_record("guardian", guardian)
    assert services.people.guardians(pid) == []
    with pytest.raises(DomainError):
        services.people.remove_record("person", pid)
