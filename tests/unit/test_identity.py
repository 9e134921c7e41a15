"""Names, folding, CCCD numbers and phone numbers (all data synthetic)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import (
    LEGACY_PROVINCE_CODES,
    NAME_MAX_LENGTH,
    CccdInfo,
    fold,
    normalize_name,
    normalize_phone,
    parse_cccd,
    title_case_name,
    validate_cccd,
    validate_old_id,
)

TODAY = dt.date(2026, 1, 15)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cccd(province: str = "01", digit: int = 0, yy: str = "90", tail: str = "000123") -> str:
    return f"0{province}{digit}{yy}{tail}"


# --- names -------------------------------------------------------------------------------


class TestNormalizeName:
    def test_nfd_becomes_nfc(self) -> None:
        result = normalize_name(nfd("Nguyễn Thị Ánh"))
        assert result == "Nguyễn Thị Ánh"
        assert unicodedata.is_normalized("NFC", result)

    @pytest.mark.parametrize(
        "raw",
        [
            "  Trần   Văn B  ",
            "Trần\tVăn\tB",
            "Trần\u00a0Văn\u00a0B",  # NBSP from Word and web pages
            "Trần \u2003 Văn\nB\r\n",
            "\ufeffTrần\u200b Văn B",  # BOM and zero-width space from copy-paste
        ],
    )
    def test_whitespace_is_collapsed_and_trimmed(self, raw: str) -> None:
        assert normalize_name(raw) == "Trần Văn B"

    def test_casing_is_kept(self) -> None:
        assert normalize_name("NGUYỄN văn A") == "NGUYỄN văn A"

    @pytest.mark.parametrize("name", ["Ksor H'Lan", "Bru-Vân Kiều", "Nguyễn T. B", "Bé trai 2"])
    def test_names_with_apostrophes_hyphens_dots_digits(self, name: str) -> None:
        assert normalize_name(name) == name

    def test_blank_gives_empty(self) -> None:
        assert normalize_name(" \t\u00a0") == ""

    @pytest.mark.parametrize(
        ("raw", "shown"),
        [
            ("Nguyễn Văn A 😀", "😀"),
            ("Lê Thị 👍🏽 C", "👍, 🏽"),
            ("Phạm\x1bVăn D", "U+001B"),
            ("Phạm\x00Văn D", "U+0000"),
            ("Võ 1\ufe0f\u20e3", "U+FE0F, U+20E3"),  # keycap emoji
            ("Đỗ <Văn> E", "<, >"),
        ],
    )
    def test_invalid_characters_are_rejected_and_named(self, raw: str, shown: str) -> None:
        with pytest.raises(DomainError) as caught:
            normalize_name(raw)
        assert caught.value.code == "name.invalid_characters"
        assert caught.value.params == {"characters": shown}

    def test_500_characters_is_too_long(self) -> None:
        with pytest.raises(DomainError) as caught:
            normalize_name("Nguyễn " + "A" * 493)
        assert caught.value.code == "name.too_long"
        assert caught.value.params == {"max": NAME_MAX_LENGTH}

    def test_limit_counts_after_collapsing(self) -> None:
        name = "A" * 50 + " " + "B" * 49
        assert normalize_name(name.replace(" ", " \t  ")) == name
        assert len(normalize_name(nfd("Đ" + "ễ" * 99))) == NAME_MAX_LENGTH


class TestTitleCaseName:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("NGUYỄN VĂN ĐỨC", "Nguyễn Văn Đức"),
            ("trần thị ánh", "Trần Thị Ánh"),
            ("KSOR H'LAN", "Ksor H'Lan"),
            ("ĐINH THỊ Ư-ÊN", "Đinh Thị Ư-Ên"),
        ],
    )
    def test_all_upper_or_lower(self, raw: str, expected: str) -> None:
        assert title_case_name(raw) == expected
        assert title_case_name(nfd(raw)) == expected

    def test_mixed_case_is_left_alone(self) -> None:
        assert title_case_name("Nguyễn văn A") == "Nguyễn văn A"


class TestFold:
    def test_spec_examples(self) -> None:
        assert fold("Nguyễn Văn A") == "nguyen van a"
        assert fold("Đặng") == "dang"
        assert fold("đặng") == "dang"

    def test_nfc_and_nfd_fold_alike(self) -> None:
        for text in ["Nguyễn Thị Ánh Tuyết", "Đoàn Ưng Hoàng", "Lê Thị Thu Hường"]:
            assert fold(nfd(text)) == fold(text)

    def test_every_vietnamese_letter_folds_to_ascii(self) -> None:
        letters = "aăâeêioôơuưy"
        marks = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
        precomposed = "".join(
            unicodedata.normalize("NFC", base + mark) for base in letters for mark in marks
        )
        word = precomposed + precomposed.upper() + "đĐ"
        assert fold(word).isascii()
        assert fold(word) == fold(nfd(word))

    def test_whitespace_is_collapsed(self) -> None:
        assert fold("  Trần\u00a0\tThị  B ") == "tran thi b"

    def test_lookalike_d_from_legacy_fonts(self) -> None:
        assert fold("\u00d0ặng") == "dang"  # Ð (eth) in place of Đ

    def test_ascii_input(self) -> None:
        assert fold("NGUYEN  Van A") == "nguyen van a"


# --- CCCD ---------------------------------------------------------------------------------


class TestParseCccd:
    def test_decodes_every_digit_group(self) -> None:
        assert parse_cccd("079 1 85 000456") == CccdInfo(
            number="079185000456",
            province_code="79",
            sex=Sex.FEMALE,
            century=1900,
            birth_year=1985,
        )

    @pytest.mark.parametrize("province", sorted(LEGACY_PROVINCE_CODES))
    def test_each_legacy_province(self, province: str) -> None:
        assert parse_cccd(cccd(province)).province_code == province
        assert validate_cccd(cccd(province), today=TODAY) == []

    @pytest.mark.parametrize(
        ("digit", "sex", "century"),
        [
            (0, Sex.MALE, 1900),
            (1, Sex.FEMALE, 1900),
            (2, Sex.MALE, 2000),
            (3, Sex.FEMALE, 2000),
            (4, Sex.MALE, 2100),
            (5, Sex.FEMALE, 2100),
            (6, Sex.MALE, 2200),
            (7, Sex.FEMALE, 2200),
            (8, Sex.MALE, 2300),
            (9, Sex.FEMALE, 2300),
        ],
    )
    def test_sex_and_century_digit(self, digit: int, sex: Sex, century: int) -> None:
        info = parse_cccd(cccd(digit=digit, yy="07"))
        assert (info.sex, info.century, info.birth_year) == (sex, century, century + 7)

    @pytest.mark.parametrize(
        "text",
        ["", "00109000012", "0010900001234", "00109000012a", "001-090-000123", "０01090000123"],
    )
    def test_format(self, text: str) -> None:
        with pytest.raises(DomainError) as caught:
            parse_cccd(text)
        assert caught.value.code == "cccd.format"

    @pytest.mark.parametrize("prefix", ["000", "003", "099", "100", "901", "013"])
    def test_province_unknown(self, prefix: str) -> None:
        with pytest.raises(DomainError) as caught:
            parse_cccd(prefix + "090000123")
        assert caught.value.code == "cccd.province_unknown"


class TestValidateCccd:
    def test_spaces_are_ignored(self) -> None:
        assert validate_cccd(" 001 090 000123\t", today=TODAY) == []

    def test_format_error_stands_alone(self) -> None:
        assert validate_cccd("12345", Sex.MALE, PartialDate(1990), today=TODAY) == ["cccd.format"]

    def test_province_unknown_is_reported_with_other_problems(self) -> None:
        errors = validate_cccd("003190000123", Sex.MALE, PartialDate(1990), today=TODAY)
        assert errors == ["cccd.province_unknown", "cccd.sex_mismatch"]

    @pytest.mark.parametrize(
        ("digit", "sex", "expected"),
        [
            (0, Sex.MALE, []),
            (0, Sex.FEMALE, ["cccd.sex_mismatch"]),
            (1, Sex.FEMALE, []),
            (1, Sex.MALE, ["cccd.sex_mismatch"]),
            (3, Sex.MALE, ["cccd.sex_mismatch"]),
            (1, Sex.UNKNOWN, []),
            (1, None, []),
        ],
    )
    def test_sex(self, digit: int, sex: Sex | None, expected: list[str]) -> None:
        assert validate_cccd(cccd(digit=digit, yy="05"), sex, today=TODAY) == expected

    @pytest.mark.parametrize(
        ("birth", "expected"),
        [
            (PartialDate(1990, 2, 1), []),
            (PartialDate(1990, 2), []),
            (PartialDate(1990), []),
            (PartialDate.unknown(), []),
            (None, []),
            (PartialDate(1991, 2, 1), ["cccd.birth_year_mismatch"]),
            (PartialDate(1989, 12), ["cccd.birth_year_mismatch"]),
            (PartialDate(2090), ["cccd.birth_year_mismatch"]),  # right digits, wrong century
        ],
    )
    def test_birth_year(self, birth: PartialDate | None, expected: list[str]) -> None:
        assert validate_cccd(cccd(digit=0, yy="90"), birth=birth, today=TODAY) == expected

    def test_century_in_the_future(self) -> None:
        assert validate_cccd(cccd(digit=2, yy="27"), today=TODAY) == ["cccd.century_invalid"]
        assert validate_cccd(cccd(digit=4, yy="00"), today=TODAY) == ["cccd.century_invalid"]
        assert validate_cccd(cccd(digit=2, yy="26"), today=TODAY) == []

    def test_every_problem_at_once(self) -> None:
        errors = validate_cccd(cccd(digit=5, yy="10"), Sex.MALE, PartialDate(1950), today=TODAY)
        assert errors == ["cccd.century_invalid", "cccd.sex_mismatch", "cccd.birth_year_mismatch"]


class TestValidateOldId:
    @pytest.mark.parametrize("text", ["012345678", " 012 345 678 "])
    def test_nine_digits(self, text: str) -> None:
        assert validate_old_id(text) == []

    @pytest.mark.parametrize("text", ["", "01234567", "0123456789", "001090000123", "01234567x"])
    def test_anything_else(self, text: str) -> None:
        assert validate_old_id(text) == ["old_id.format"]


# --- phone numbers ------------------------------------------------------------------------


class TestNormalizePhone:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("0912345678", "0912345678"),
            ("0912 345 678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("091-234-5678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("+84912345678", "0912345678"),
            ("+84 (0) 912 345 678", "0912345678"),
            ("0084 912345678", "0912345678"),
            ("84912345678", "0912345678"),
            ("912345678", "0912345678"),  # leading 0 lost in a spreadsheet
            ("0356789012", "0356789012"),
            ("0701234567", "0701234567"),
            ("0523456789", "0523456789"),
            ("(024) 3823 4567", "02438234567"),
            ("+84 24 3823 4567", "02438234567"),
            ("0290 3123 456", "02903123456"),
            ("", ""),
            ("   ", ""),
        ],
    )
    def test_accepted(self, raw: str, expected: str) -> None:
        assert normalize_phone(raw) == expected

    @pytest.mark.parametrize(
        "raw",
        [
            "091234567",  # 9 digits with the 0: one short
            "09123456789",  # 11-digit mobile
            "0112345678",  # no such prefix
            "0612345678",
            "0243823456",  # 10-digit landline (pre-2017 numbering)
            "1900123456",  # hotline, not a person's number
            "+1 212 555 0100",
            "0912 345 67a",
            "phone",
        ],
    )
    def test_rejected(self, raw: str) -> None:
        with pytest.raises(DomainError) as caught:
            normalize_phone(raw)
        assert caught.value.code == "phone.invalid"
