"""The bundled reference data and its lookups."""

from __future__ import annotations

import json
import unicodedata

import pytest

from btxh_desktop.domain.codes import DisabilityLevel
from btxh_desktop.domain.identity import LEGACY_PROVINCE_CODES, parse_cccd
from btxh_desktop.domain.reference import (
    Commune,
    CommuneType,
    ProvinceType,
    ReferenceData,
)
from btxh_desktop.paths import resource_path


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData.load()


class TestAdministrativeUnits:
    def test_counts(self, ref: ReferenceData) -> None:
        assert len(ref.provinces) == 34
        assert len(ref.communes) == 3321
        assert len(ref.legacy_provinces) == 63

    def test_commune_types(self, ref: ReferenceData) -> None:
        counts = {kind: sum(c.type == kind for c in ref.communes) for kind in CommuneType}
        assert counts == {
            CommuneType.COMMUNE: 2621,
            CommuneType.WARD: 687,
            CommuneType.SPECIAL_ZONE: 13,
        }

    def test_six_centrally_governed_cities(self, ref: ReferenceData) -> None:
        cities = {p.name for p in ref.provinces if p.type == ProvinceType.CITY}
        assert cities == {"Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}

    def test_codes_are_unique_and_well_formed(self, ref: ReferenceData) -> None:
        province_codes = [p.code for p in ref.provinces]
        commune_codes = [c.code for c in ref.communes]
        assert len(set(province_codes)) == 34
        assert len(set(commune_codes)) == 3321
        assert all(len(code) == 2 and code.isdigit() for code in province_codes)
        assert all(len(code) == 5 and code.isdigit() for code in commune_codes)
        assert ref.commune_codes() == frozenset(commune_codes)

    def test_names_are_clean_nfc(self, ref: ReferenceData) -> None:
        names = [p.name for p in ref.provinces] + [c.name for c in ref.communes]
        names += [p.name for p in ref.legacy_provinces]
        for name in names:
            assert unicodedata.is_normalized("NFC", name)
            assert name == " ".join(name.split())

    def test_lookups(self, ref: ReferenceData) -> None:
        commune = ref.commune("00070")
        assert commune == Commune("00070", "Hoàn Kiếm", CommuneType.WARD, "01")
        assert commune.full_name == "Phường Hoàn Kiếm"
        hanoi = ref.province("01")
        assert hanoi is not None
        assert hanoi.full_name == "Thành phố Hà Nội"
        cao_bang = ref.province("04")
        assert cao_bang is not None
        assert cao_bang.full_name == "Tỉnh Cao Bằng"
        con_dao = ref.commune("26732")
        assert con_dao is not None
        assert con_dao.full_name == "Đặc khu Côn Đảo"
        assert con_dao.province_code == "79"
        assert ref.province("02") is None  # Hà Giang: a legacy code only
        assert ref.commune("26734") is None  # a ward merged away in 2025
        assert ref.commune("70") is None

    def test_communes_of(self, ref: ReferenceData) -> None:
        assert sum(len(ref.communes_of(p.code)) for p in ref.provinces) == 3321
        assert all(c.province_code == "01" for c in ref.communes_of("01"))
        assert ref.commune("00070") in ref.communes_of("01")
        assert ref.communes_of("02") == ()
        codes = [c.code for c in ref.communes_of("79")]
        assert codes == sorted(codes)


class TestLegacyProvinces:
    def test_same_codes_as_cccd_checks(self, ref: ReferenceData) -> None:
        assert {p.code for p in ref.legacy_provinces} == LEGACY_PROVINCE_CODES

    def test_lookup_from_a_cccd_number(self, ref: ReferenceData) -> None:
        province = ref.legacy_province(parse_cccd("079090000123").province_code)
        assert province is not None
        assert province.full_name == "Thành phố Hồ Chí Minh"
        assert ref.legacy_province("003") is None

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("02", "Tuyên Quang"),  # Hà Giang
            ("06", "Thái Nguyên"),  # Bắc Kạn
            ("35", "Ninh Bình"),  # Hà Nam
            ("84", "Vĩnh Long"),  # Trà Vinh
            ("89", "An Giang"),  # An Giang
            ("91", "An Giang"),  # Kiên Giang
            ("17", "Phú Thọ"),  # Hòa Bình
            ("15", "Lào Cai"),  # Yên Bái
            ("74", "Hồ Chí Minh"),  # Bình Dương
            ("62", "Quảng Ngãi"),  # Kon Tum
            ("01", "Hà Nội"),
            ("46", "Huế"),
        ],
    )
    def test_successors(self, ref: ReferenceData, old: str, new: str) -> None:
        successor = ref.successor(old)
        assert successor is not None
        assert successor.name == new

    def test_every_new_province_has_a_predecessor(self, ref: ReferenceData) -> None:
        successors = {p.successor_code for p in ref.legacy_provinces}
        assert successors == {p.code for p in ref.provinces}

    def test_eleven_provinces_were_not_merged(self, ref: ReferenceData) -> None:
        predecessors = {
            province.code: [
                p.code for p in ref.legacy_provinces if p.successor_code == province.code
            ]
            for province in ref.provinces
        }
        assert (
            sorted(len(codes) for codes in predecessors.values()) == [1] * 11 + [2] * 17 + [3] * 6
        )
        assert predecessors["37"] == ["35", "36", "37"]  # Hà Nam, Nam Định, Ninh Bình

    def test_unknown_code(self, ref: ReferenceData) -> None:
        assert ref.legacy_province("03") is None
        assert ref.successor("03") is None


class TestSearchCommunes:
    def test_without_diacritics(self, ref: ReferenceData) -> None:
        assert [c.code for c in ref.search_communes("hoan kiem")] == ["00070"]

    @pytest.mark.parametrize(
        "query",
        ["Hoàn Kiếm", "HOÀN KIẾM", "hoan", "phuong hoan kiem", "P. Hoàn Kiếm", "hoàn kiếm"],
    )
    def test_spellings(self, ref: ReferenceData, query: str) -> None:
        nfd = unicodedata.normalize("NFD", query)
        for text in (query, nfd):
            assert ref.commune("00070") in ref.search_communes(text, province_code="01")

    def test_words_match_from_their_start(self, ref: ReferenceData) -> None:
        assert ref.search_communes("oan kiem") == []

    def test_apostrophes_and_dashes_are_ignored(self, ref: ReferenceData) -> None:
        assert [c.full_name for c in ref.search_communes("cu mgar")] == ["Xã Cư M’gar"]
        assert [c.full_name for c in ref.search_communes("chan may lang co")] == [
            "Xã Chân Mây – Lăng Cô"
        ]

    def test_exact_name_ranks_first(self, ref: ReferenceData) -> None:
        results = ref.search_communes("an binh", limit=50)
        assert len(results) > 3
        assert {c.name for c in results[:3]} == {"An Bình"}
        assert all(c.name.startswith("An Bình") for c in results[:5])

    def test_province_filter_and_limit(self, ref: ReferenceData) -> None:
        everywhere = ref.search_communes("tan", limit=1000)
        in_hcm = ref.search_communes("tan", province_code="79", limit=1000)
        assert 0 < len(in_hcm) < len(everywhere)
        assert all(c.province_code == "79" for c in in_hcm)
        assert len(ref.search_communes("tan", limit=5)) == 5

    @pytest.mark.parametrize("query", ["", "   ", "P."])
    def test_nothing_to_search_for(self, ref: ReferenceData, query: str) -> None:
        assert ref.search_communes(query) == []


class TestEthnicGroups:
    def test_54_official_groups_and_two_extras(self, ref: ReferenceData) -> None:
        official = [g for g in ref.ethnic_groups if g.official]
        assert [g.code for g in official] == [f"{n:02d}" for n in range(1, 55)]
        assert [g.code for g in ref.ethnic_groups if not g.official] == ["55", "00"]
        assert len({g.code for g in ref.ethnic_groups}) == 56
        assert len({g.name_vi for g in ref.ethnic_groups}) == 56
        assert ref.ethnicity_codes() == frozenset(g.code for g in ref.ethnic_groups)

    @pytest.mark.parametrize(
        ("code", "name"),
        [
            ("01", "Kinh"),
            ("02", "Tày"),
            ("03", "Thái"),
            ("04", "Hoa"),
            ("05", "Khơ-me"),
            ("06", "Mường"),
            ("07", "Nùng"),
            ("08", "Mông"),
            ("09", "Dao"),
            ("10", "Gia-rai"),
            ("11", "Ngái"),
            ("12", "Ê-đê"),
            ("23", "Bru-Vân Kiều"),
            ("47", "Cơ Lao"),
            ("52", "Brâu"),
            ("53", "Ơ Đu"),
            ("54", "Rơ-măm"),
            ("55", "Người nước ngoài"),
            ("00", "Không xác định"),
        ],
    )
    def test_codes(self, ref: ReferenceData, code: str, name: str) -> None:
        group = ref.ethnic_group(code)
        assert group is not None
        assert group.label("vi") == name

    @pytest.mark.parametrize(
        ("text", "code"),
        [("H'Mông", "08"), ("Hmông", "08"), ("mèo", "08"), ("Khmer", "05"), ("kinh", "01")],
    )
    def test_by_name(self, ref: ReferenceData, text: str, code: str) -> None:
        group = ref.ethnic_group_by_name(text)
        assert group is not None
        assert group.code == code

    def test_names_and_aliases_resolve_to_one_group_each(self, ref: ReferenceData) -> None:
        document = json.loads(resource_path("reference", "ethnic_groups.json").read_text("utf-8"))
        for entry in document["groups"] + document["extras"]:
            for name in (entry["vi"], entry["en"], *entry["aliases"]):
                group = ref.ethnic_group_by_name(name)
                assert group is not None
                assert group.code == entry["code"], name

    def test_english_labels(self, ref: ReferenceData) -> None:
        group = ref.ethnic_group("08")
        assert group is not None
        assert group.label("en") == "Hmong"


class TestDisability:
    def test_types(self, ref: ReferenceData) -> None:
        assert [t.code for t in ref.disability_types] == ["1", "2", "3", "4", "5", "6"]
        mobility = ref.disability_type("1")
        assert mobility is not None
        assert mobility.label("vi") == "Khuyết tật vận động"
        assert ref.disability_type("7") is None

    def test_levels_match_the_stored_vocabulary(self, ref: ReferenceData) -> None:
        assert [d.level for d in ref.disability_levels] == list(DisabilityLevel)
        assert ref.disability_level(DisabilityLevel.PARTICULARLY_SEVERE).label() == "Đặc biệt nặng"
        assert ref.disability_level(DisabilityLevel.SEVERE).label() == "Nặng"
        assert ref.disability_level(DisabilityLevel.MILD).label("en") == "Mild"

    def test_every_entry_has_both_languages(self, ref: ReferenceData) -> None:
        for lang in ("vi", "en"):
            labels = [t.label(lang) for t in ref.disability_types]
            labels += [d.label(lang) for d in ref.disability_levels]
            labels += [g.label(lang) for g in ref.ethnic_groups]
            assert all(label.strip() for label in labels)


def test_load_is_cached() -> None:
    assert ReferenceData.load() is ReferenceData.load()


def test_commune_file_stays_small() -> None:
    # Read at every start-up.
    assert resource_path("reference", "communes.json").stat().st_size < 150_000
