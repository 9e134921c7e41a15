"""The CCCD QR payload as a USB scanner types it (all data synthetic)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate, Precision
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import QrIdentity, looks_like_cccd_qr, parse_cccd_qr

ADDRESS = "Số 1 Đường Thử Nghiệm, Phường Mẫu, Thành phố Hà Nội"
SEVEN = f"001090000123|012345678|Nguyễn Văn A|01021990|Nam|{ADDRESS}|15082021"
SIX = f"001190000456|Trần Thị B|28021991|Nữ|{ADDRESS}|01072021"

EXPECTED_SEVEN = QrIdentity(
    cccd="001090000123",
    old_id="012345678",
    full_name="Nguyễn Văn A",
    birth=PartialDate(1990, 2, 1),
    sex=Sex.MALE,
    address=ADDRESS,
    issue_date=dt.date(2021, 8, 15),
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


class TestLayouts:
    def test_seven_fields(self) -> None:
        assert parse_cccd_qr(SEVEN) == EXPECTED_SEVEN

    def test_empty_old_id(self) -> None:
        result = parse_cccd_qr(SEVEN.replace("|012345678|", "||"))
        assert result.old_id is None
        assert result.full_name == "Nguyễn Văn A"

    def test_twelve_digit_old_id(self) -> None:
        assert parse_cccd_qr(SEVEN.replace("012345678", "001090000999")).old_id == "001090000999"

    def test_old_id_field_omitted(self) -> None:
        assert parse_cccd_qr(SIX) == QrIdentity(
            cccd="001190000456",
            old_id=None,
            full_name="Trần Thị B",
            birth=PartialDate(1991, 2, 28),
            sex=Sex.FEMALE,
            address=ADDRESS,
            issue_date=dt.date(2021, 7, 1),
        )

    def test_issue_date_missing(self) -> None:
        result = parse_cccd_qr(SEVEN.rsplit("|", 1)[0])
        assert result.issue_date is None
        assert result.old_id == "012345678"

    def test_issue_date_empty(self) -> None:
        assert parse_cccd_qr(SEVEN.rsplit("|", 1)[0] + "|").issue_date is None

    def test_trailing_fields_are_ignored(self) -> None:
        assert parse_cccd_qr(SEVEN + "|") == EXPECTED_SEVEN
        assert parse_cccd_qr(SEVEN + "|extra|fields") == EXPECTED_SEVEN


class TestScannerNoise:
    @pytest.mark.parametrize(
        "payload",
        [SEVEN + "\r\n", SEVEN + "\n", "  " + SEVEN + " \t", "\ufeff" + SEVEN + "\r"],
    )
    def test_noise_around_the_payload(self, payload: str) -> None:
        assert parse_cccd_qr(payload) == EXPECTED_SEVEN

    def test_spaces_around_fields(self) -> None:
        padded = " | ".join(SEVEN.split("|"))
        assert parse_cccd_qr(padded) == EXPECTED_SEVEN

    def test_nfd_input_gives_nfc_output(self) -> None:
        result = parse_cccd_qr(nfd(SEVEN))
        assert result == EXPECTED_SEVEN
        assert unicodedata.is_normalized("NFC", result.full_name)
        assert unicodedata.is_normalized("NFC", result.address)

    @pytest.mark.parametrize("word", ["Nữ", "NỮ", "nữ", "Nu", "NU", nfd("Nữ"), nfd("NỮ")])
    def test_female_in_any_form(self, word: str) -> None:
        assert parse_cccd_qr(SIX.replace("|Nữ|", f"|{word}|")).sex == Sex.FEMALE

    @pytest.mark.parametrize("word", ["Nam", "NAM", "nam"])
    def test_male_in_any_case(self, word: str) -> None:
        assert parse_cccd_qr(SEVEN.replace("|Nam|", f"|{word}|")).sex == Sex.MALE

    def test_name_whitespace_is_normalised(self) -> None:
        assert parse_cccd_qr(SEVEN.replace("Nguyễn Văn A", "Nguyễn  Văn\u00a0A")).full_name == (
            "Nguyễn Văn A"
        )


class TestPartialBirthDates:
    @pytest.mark.parametrize(
        ("field", "birth", "precision"),
        [
            ("00021990", PartialDate(1990, 2), Precision.MONTH),
            ("00001990", PartialDate(1990), Precision.YEAR),
            ("1990", PartialDate(1990), Precision.YEAR),
        ],
    )
    def test_zeros_for_unknown_parts(
        self, field: str, birth: PartialDate, precision: Precision
    ) -> None:
        result = parse_cccd_qr(SEVEN.replace("|01021990|", f"|{field}|"))
        assert result.birth == birth
        assert result.birth.precision == precision


class TestUnreadable:
    @pytest.mark.parametrize(
        "payload",
        [
            "",
            "\r\n",
            "hello world",
            "001090000123",
            "001090000123|012345678|Nguyễn Văn A|01021990",  # cut short
            SEVEN.replace("001090000123", "00109000012"),  # 11-digit ID
            SEVEN.replace("|Nam|", "|Khác|"),
            SEVEN.replace("|Nam|", "||"),
            SEVEN.replace("Nguyễn Văn A", ""),
            SEVEN.replace("Nguyễn Văn A", "Nguyễn 😀"),
            SEVEN.replace("01021990", "31021990"),  # no such date
            SEVEN.replace("01021990", "01131990"),
            SEVEN.replace("01021990", "05001990"),  # a day without a month
            SEVEN.replace("01021990", "1/2/1990"),
            SEVEN.replace("15082021", "32082021"),
            SEVEN.replace("15082021", "2021"),
            "|".join(["x"] * 7),
        ],
    )
    def test_garbage(self, payload: str) -> None:
        with pytest.raises(DomainError) as caught:
            parse_cccd_qr(payload)
        assert caught.value.code == "qr.unreadable"


class TestLooksLikeQr:
    @pytest.mark.parametrize("payload", [SEVEN, SIX, SEVEN + "\r\n", " " + SIX])
    def test_payloads(self, payload: str) -> None:
        assert looks_like_cccd_qr(payload)

    @pytest.mark.parametrize(
        "text",
        [
            "001090000123",  # a CCCD number typed by hand
            "Nguyễn Văn A",
            "001090000123|012345678|Nguyễn Văn A|01021990|Nam",  # too few separators
            "00109000012|012345678|Nguyễn Văn A|01021990|Nam|x|y",
            "",
        ],
    )
    def test_ordinary_input(self, text: str) -> None:
        assert not looks_like_cccd_qr(text)
