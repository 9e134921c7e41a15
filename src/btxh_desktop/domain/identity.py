"""Names, citizen ID numbers (CCCD), the CCCD QR payload and phone numbers.

Names arrive in NFC or NFD (typed on Windows with Unikey, pasted from Word, typed by a USB
QR scanner), so everything is normalised to NFC before it is stored, and searched through
`fold`, which drops diacritics. A CCCD number encodes the province of registration, sex and
birth year; those digits must agree with what the record says. Functions here return or raise
error codes (`DomainError`), never prose.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.errors import DomainError

NAME_MAX_LENGTH = 100

# Provinces as they were before the 2025 merger (GSO codes). CCCD numbers start with one of
# them, zero-padded to three digits. Kept here rather than read from the reference data so
# identity checks stay free of file access; a test holds it equal to legacy_provinces.json.
# fmt: off
LEGACY_PROVINCE_CODES: frozenset[str] = frozenset((
    "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25",
    "26", "27", "30", "31", "33", "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48",
    "49", "51", "52", "54", "56", "58", "60", "62", "64", "66", "67", "68", "70", "72", "74", "75",
    "77", "79", "80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96",
))
# fmt: on

# --- names -------------------------------------------------------------------------------

# Invisible characters that copy-paste from Word or the web leaves in names; nobody means
# them, so they are dropped rather than rejected.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Apostrophes and hyphens occur in ethnic-minority names (H'Lan, Bru-Vân Kiều); dots, commas
# and parentheses in abbreviations and notes kept with unidentified residents' names.
_NAME_PUNCTUATION = frozenset("'’‘ʼ-‐‑.,()")

# Combining marks are allowed (scripts without precomposed letters need them) except those
# that only decorate emoji: variation selectors and the keycap enclosing mark.
_EMOJI_MARKS = frozenset([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x20E3])


def _is_name_character(ch: str) -> bool:
    if ch == " " or ch in _NAME_PUNCTUATION:
        return True
    category = unicodedata.category(ch)
    if category[0] == "L" or category == "Nd":
        return True
    return category in ("Mn", "Mc") and ord(ch) not in _EMOJI_MARKS


def _shown(ch: str) -> str:
    # Controls, lone marks and selectors are invisible in a message: name them by code point.
    return ch if unicodedata.category(ch)[0] in "LNPS" else f"U+{ord(ch):04X}"


def normalize_name(text: str) -> str:
    """NFC, trimmed, runs of any whitespace (tabs, NBSP, newlines) made one space.

    The user's casing is kept. An empty result is returned as "": whether a name is required
    is the form's decision. Raises `name.invalid_characters` (control characters, emoji,
    symbols) or `name.too_long`.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).split())
    bad = [ch for ch in cleaned if not _is_name_character(ch)]
    if bad:
        shown = ", ".join(_shown(ch) for ch in dict.fromkeys(bad))
        raise DomainError("name.invalid_characters", characters=shown)
    if len(cleaned) > NAME_MAX_LENGTH:
        raise DomainError("name.too_long", max=NAME_MAX_LENGTH)
    return cleaned


def title_case_name(text: str) -> str:
    """Title-case a name typed or scanned entirely in upper or lower case.

    "NGUYỄN VĂN ĐỨC" → "Nguyễn Văn Đức", "ksor h'lan" → "Ksor H'Lan". Mixed-case input is
    returned as it is (only NFC-normalised): the user chose that casing.
    """
    text = unicodedata.normalize("NFC", text)
    if not (text.isupper() or text.islower()):
        return text
    out: list[str] = []
    word_start = True
    for ch in text:
        if ch.isalpha():
            out.append(ch.upper() if word_start else ch.lower())
            word_start = False
        else:
            out.append(ch)
            # A combining mark belongs to the letter before it; anything else ends the word.
            if unicodedata.category(ch)[0] != "M":
                word_start = True
    return "".join(out)


# NFD splits every Vietnamese letter into a base letter and combining marks, so stripping the
# marks is a single `translate`. Đ/đ have no decomposition and must be mapped explicitly; Ð
# (Icelandic eth) and Ɖ look the same and come out of legacy-font (VNI, TCVN3) conversions.
_COMBINING_BLOCKS = (
    (0x0300, 0x0370),
    (0x1AB0, 0x1B00),
    (0x1DC0, 0x1E00),
    (0x20D0, 0x2100),
    (0xFE20, 0xFE30),
)
_FOLD_TABLE: dict[int, str | None] = {
    code: None for start, stop in _COMBINING_BLOCKS for code in range(start, stop)
}
_FOLD_TABLE.update(dict.fromkeys(map(ord, "đðɖ"), "d"))


def fold(text: str) -> str:
    """Diacritic- and case-insensitive search key: fold("Đặng  Thị\u00a0Ánh") == "dang thi anh".

    NFC and NFD spellings of the same text give the same key.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    # Lower-case first: upper-case letters can lower to a letter plus a combining mark (İ).
    return " ".join(unicodedata.normalize("NFD", text.lower()).translate(_FOLD_TABLE).split())


# --- CCCD ---------------------------------------------------------------------------------

_CCCD = re.compile(r"[0-9]{12}")
_OLD_ID = re.compile(r"[0-9]{9}")


@dataclass(frozen=True, slots=True)
class CccdInfo:
    """What the digits of a CCCD number say about its holder."""

    number: str
    province_code: str  # two-digit legacy province code ("01"), as in legacy_provinces.json
    sex: Sex
    century: int  # first year of the birth century: 1900, 2000, …
    birth_year: int


def normalize_cccd(text: str) -> str:
    """Drop the spaces people type to group the digits ("001 090 012345")."""
    return "".join(text.split())


def _decode(number: str) -> CccdInfo:
    # Digit 4 runs 0–9: even male, odd female; each pair of digits moves one century on.
    digit = int(number[3])
    century = 1900 + 100 * (digit // 2)
    return CccdInfo(
        number=number,
        province_code=number[1:3],
        sex=Sex.FEMALE if digit % 2 else Sex.MALE,
        century=century,
        birth_year=century + int(number[4:6]),
    )


def _province_known(number: str) -> bool:
    return number[0] == "0" and number[1:3] in LEGACY_PROVINCE_CODES


def parse_cccd(text: str) -> CccdInfo:
    """Decode a CCCD number; raises `cccd.format` or `cccd.province_unknown`."""
    number = normalize_cccd(text)
    if not _CCCD.fullmatch(number):
        raise DomainError("cccd.format")
    if not _province_known(number):
        raise DomainError("cccd.province_unknown")
    return _decode(number)


def validate_cccd(
    text: str,
    sex: Sex | None = None,
    birth: PartialDate | None = None,
    *,
    today: dt.date | None = None,
) -> list[str]:
    """Error codes for a CCCD number, checked against the recorded sex and birth date.

    An unknown sex or an unknown birth year is not a mismatch. `cccd.century_invalid` means the
    digits give a birth year after `today` (default: the current date).
    """
    number = normalize_cccd(text)
    if not _CCCD.fullmatch(number):
        return ["cccd.format"]
    errors = [] if _province_known(number) else ["cccd.province_unknown"]
    info = _decode(number)
    if info.birth_year > (today or dt.date.today()).year:
        errors.append("cccd.century_invalid")
    if sex in (Sex.MALE, Sex.FEMALE) and sex != info.sex:
        errors.append("cccd.sex_mismatch")
    if birth is not None and birth.year is not None and birth.year != info.birth_year:
        errors.append("cccd.birth_year_mismatch")
    return errors


def validate_old_id(text: str) -> list[str]:
    """Error codes for an old 9-digit identity card number (CMND)."""
    return [] if _OLD_ID.fullmatch(normalize_cccd(text)) else ["old_id.format"]


# --- CCCD QR payload ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QrIdentity:
    """The fields printed in the QR code on the back of a CCCD card."""

    cccd: str
    old_id: str | None
    full_name: str
    birth: PartialDate
    sex: Sex
    address: str
    issue_date: dt.date | None


_QR_START = re.compile(r"\s*[0-9]{12}\|")
# The old-ID slot holds the 9-digit CMND, or the 12-digit one issued 2012–2016, or nothing.
_QR_OLD_ID = re.compile(r"[0-9]{9}|[0-9]{12}|")
_QR_DATE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_QR_YEAR = re.compile(r"[0-9]{4}")


def looks_like_cccd_qr(text: str) -> bool:
    """Cheap test for a QR payload that a keyboard-emulating scanner typed into a field."""
    return bool(_QR_START.match(text)) and text.count("|") >= 5


def _qr_birth(field: str) -> PartialDate:
    # Cards of people whose birth day or month is unknown carry zeros in those places, and
    # some carry the year alone.
    if _QR_YEAR.fullmatch(field):
        return PartialDate(int(field))
    match = _QR_DATE.fullmatch(field)
    if not match:
        raise DomainError("qr.unreadable")
    day, month, year = (int(part) for part in match.groups())
    if month == 0 and day != 0:
        raise DomainError("qr.unreadable")
    return PartialDate(year, month or None, day or None)


def _qr_issue_date(field: str) -> dt.date | None:
    if not field:
        return None
    match = _QR_DATE.fullmatch(field)
    if not match:
        raise DomainError("qr.unreadable")
    day, month, year = (int(part) for part in match.groups())
    return dt.date(year, month, day)


def parse_cccd_qr(text: str) -> QrIdentity:
    """Read `ID|old ID|name|DDMMYYYY|Nam/Nữ|address|issue DDMMYYYY`.

    Some cards leave the old-ID field out altogether (six fields); which layout a payload
    uses is told by whether the second field looks like an ID number. Fields after the issue
    date are ignored. Anything that does not fit raises `qr.unreadable`. The ID is not
    checked against the province list here: `validate_cccd` does that with the other fields.
    """
    payload = unicodedata.normalize("NFC", text).translate(_INVISIBLE).strip()
    fields = [field.strip() for field in payload.split("|")]
    if len(fields) < 6 or not _CCCD.fullmatch(fields[0]):
        raise DomainError("qr.unreadable")
    rest = fields[1:]
    old_id: str | None = None
    if _QR_OLD_ID.fullmatch(rest[0]):
        old_id = rest[0] or None
        rest = rest[1:]
    if len(rest) < 4:
        raise DomainError("qr.unreadable")
    name_field, birth_field, sex_field, address_field = rest[:4]
    sex = {"nam": Sex.MALE, "nu": Sex.FEMALE}.get(fold(sex_field))
    try:
        full_name = normalize_name(name_field)
        birth = _qr_birth(birth_field)
        issue_date = _qr_issue_date(rest[4] if len(rest) > 4 else "")
    except ValueError as error:  # DomainError is one too
        raise DomainError("qr.unreadable") from error
    if sex is None or not full_name:
        raise DomainError("qr.unreadable")
    return QrIdentity(
        cccd=fields[0],
        old_id=old_id,
        full_name=full_name,
        birth=birth,
        sex=sex,
        address=" ".join(address_field.split()),
        issue_date=issue_date,
    )


# --- phone numbers ------------------------------------------------------------------------

# Mobile numbers have 10 digits (03x, 05x, 07x, 08x, 09x); landlines since the 2017
# renumbering have 11 (02 + area code + subscriber number, e.g. 024 3xxx xxxx).
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")
# Spreadsheets drop the leading 0 of phone numbers stored as numbers.
_MISSING_TRUNK_ZERO = re.compile(r"[35789][0-9]{8}|2[0-9]{9}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()/]")


def normalize_phone(text: str) -> str:
    """`0912 345 678`, `+84 912.345.678`, `(024) 3823 4567` → digits with a leading 0.

    Blank input gives "" (the number is optional); anything else that is not a Vietnamese
    mobile or landline number raises `phone.invalid`.
    """
    number = _PHONE_SEPARATORS.sub("", text)
    if not number:
        return ""
    for prefix in ("+84", "0084", "84"):
        # A bare 84 is a country code only when the rest is a whole national number.
        if number.startswith(prefix) and (prefix != "84" or len(number) in (11, 12)):
            number = number[len(prefix) :]
            break
    if _MISSING_TRUNK_ZERO.fullmatch(number):
        number = "0" + number
    if _MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number):
        return number
    raise DomainError("phone.invalid")
