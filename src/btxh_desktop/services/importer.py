"""Importing a commune's existing beneficiary spreadsheet.

Most communes already keep their beneficiaries in Excel, laid out as each officer saw fit.
The import reads the file, finds the header row (also a two-row header such as "Ngày sinh"
over "Nam" | "Nữ"), guesses which column holds what from the Vietnamese headers (or applies
a saved mapping), checks every row with the same domain rules as the person form and the
policy engine, looks for duplicates in the file and in the database, and then writes all the
valid rows in ONE unit of work: everything or nothing, each row a normal tracked change that
syncs. Rejected rows come back with their reasons, in the user's language, and can be saved
to an .xlsx next to the original.

Decisions worth knowing:
- Merged cells: the value of a merged range's top-left cell applies to every cell of the
  range. A "Thôn" merged down over the households of a village fills each row; a header
  merged across sub-columns names each of them.
- Duplicates are rejected, never guessed at: every row sharing a CCCD with another row is
  rejected (which of them is right is the officer's call), as is a row whose CCCD, or folded
  name with birth year and commune, is already in the database.
- Dates are read as date cells, Excel serial numbers, or text (dd/mm/yyyy, mm/yyyy, yyyy,
  ISO; 00 for an unknown day or month); a number from 1850 to 2100 is a birth year.
- An allowance case brought in this way was decided by the old process: it is recorded as
  active from its start month with the engine's coefficient and amount (a differing
  coefficient or amount in the file is a warning, and the engine wins), and without a
  `decide` change, so the payment lists owe no back pay for the months before the first list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from sqlalchemy import select
from sqlalchemy.orm import Session

from btxh_desktop.domain import identity
from btxh_desktop.domain.codes import (
    CaseStatus,
    DisabilityLevel,
    HouseholdStatus,
    PaymentMethod,
    SchoolStatus,
    Sex,
    SiteType,
)
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.person import PersonDraft, normalise, validate_person
from btxh_desktop.domain.policy import Allowance, CategoryClaim, PersonFacts
from btxh_desktop.messages import render
from btxh_desktop.services.context import ServiceContext
from btxh_desktop.services.documents import Column, Document, Kind, Section, Table
from btxh_desktop.services.permissions import Permission, require
from btxh_desktop.services.spreadsheets import write_xlsx
from btxh_desktop.storage.bulk import insert_tracked
from btxh_desktop.storage.models import (
    AllowanceCase,
    DisabilityAssessment,
    HouseholdStatusRecord,
    Person,
    Site,
    new_id,
)

Progress = Callable[[int, int, str], None]
HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 1000
SAVE_CHUNK = 2000
MAPPING_VERSION = 1

# ---------------------------------------------------------------- fields and header guesses


@dataclass(frozen=True)
class FieldSpec:
    key: str
    aliases: tuple[str, ...]  # normalised header texts (see `header_key`)
    case: bool = False  # belongs to the allowance case rather than the person


def _spec(key: str, *aliases: str, case: bool = False) -> FieldSpec:
    return FieldSpec(key, aliases, case)


FIELDS: tuple[FieldSpec, ...] = (
    _spec("full_name", "ho va ten", "ho ten", "ho va ten doi tuong", "ho ten doi tuong",
          "ten doi tuong", "full name", "name"),
    _spec("other_name", "ten goi khac", "ten khac", "other name"),
    _spec("birth", "ngay sinh", "ngay thang nam sinh", "nam sinh", "sinh ngay",
          "ngay thang nam sinh cua doi tuong", "date of birth", "birth date", "birth"),
    _spec("birth_male"),
    _spec("birth_female"),
    _spec("sex", "gioi tinh", "gioi", "sex", "gender", "nam nu"),
    _spec("ethnicity", "dan toc", "ethnicity", "ethnic group"),
    _spec("cccd", "so cccd", "cccd", "can cuoc cong dan", "so can cuoc cong dan", "so can cuoc",
          "can cuoc", "so dinh danh", "so dinh danh ca nhan", "ma dinh danh", "cccd cmnd",
          "cmnd cccd", "so cmnd cccd", "so cccd cmnd", "citizen id", "id number"),
    _spec("old_id_number", "cmnd", "so cmnd", "chung minh nhan dan", "so chung minh nhan dan"),
    _spec("cccd_issued_on", "ngay cap", "ngay cap cccd", "ngay cap cmnd", "issue date"),
    _spec("phone", "dien thoai", "so dien thoai", "sdt", "dt", "phone"),
    _spec("commune", "xa", "phuong", "xa phuong", "phuong xa", "ma xa", "xa phuong thi tran",
          "don vi hanh chinh", "commune"),
    _spec("village", "thon", "xom", "ap", "ban", "thon xom", "thon to", "thon ban",
          "to dan pho", "khu pho", "thon to dan pho", "village"),
    _spec("address_detail", "dia chi", "noi o", "cho o", "noi o hien nay", "cho o hien nay",
          "dia chi thuong tru", "noi thuong tru", "dia chi cu tru", "address"),
    _spec("father_name", "ho ten cha", "ho va ten cha", "ten cha", "cha", "father"),
    _spec("mother_name", "ho ten me", "ho va ten me", "ten me", "me", "mother"),
    _spec("notes", "ghi chu", "notes", "note"),
    _spec("category", "doi tuong", "dien", "dien doi tuong", "loai doi tuong", "nhom doi tuong",
          "ma doi tuong", "phan loai doi tuong", "thuoc dien", "dien huong", "category",
          case=True),
    _spec("sub_case", "truong hop", "truong hop cu the", "sub case", case=True),
    _spec("disability_type", "dang tat", "dang khuyet tat", "loai khuyet tat",
          "disability type", case=True),
    _spec("disability_level", "muc do khuyet tat", "muc do", "muc do kt", "disability level",
          case=True),
    _spec("household_status", "ho ngheo", "ho ngheo can ngheo", "loai ho", "hoan canh",
          "thuoc ho", "household status", case=True),
    _spec("children_count", "so con", "so con dang nuoi", "children", case=True),
    _spec("decision_number", "so qd", "so quyet dinh", "quyet dinh so", "qd so",
          "so ngay quyet dinh", "so ngay qd", "decision number", case=True),
    _spec("decision_date", "ngay qd", "ngay quyet dinh", "ngay ky qd", "ngay ky",
          "decision date", case=True),
    _spec("start_month", "thang huong", "huong tu thang", "thoi diem huong", "tu thang",
          "thoi gian huong", "ngay huong", "thang bat dau huong", "thoi diem bat dau huong",
          "start month", case=True),
    _spec("coefficient", "he so", "he so tro cap", "he so huong", "coefficient", case=True),
    _spec("amount", "muc tro cap", "so tien", "muc huong", "so tien tro cap",
          "muc tro cap hang thang", "tro cap hang thang", "thanh tien", "so tien huong",
          "muc tro cap xa hoi hang thang", "amount", case=True),
    _spec("payment_method", "hinh thuc chi tra", "hinh thuc nhan", "phuong thuc chi tra",
          "hinh thuc chi tra tro cap", "payment method", case=True),
    _spec("payment_point", "diem chi tra", "noi nhan", "payment point", case=True),
    _spec("account_number", "so tai khoan", "stk", "tai khoan", "account number", case=True),
    _spec("bank_name", "ngan hang", "ten ngan hang", "bank", case=True),
)  # fmt: skip
FIELD_KEYS = tuple(f.key for f in FIELDS)
_SPECS = {f.key: f for f in FIELDS}
# Columns that look like a field but are not one of ours (a back-pay amount is not the
# monthly amount); they win the guess so the real field is not mapped to them.
_IGNORED = (
    "stt", "so tt", "tt", "so thu tu", "truy linh", "so tien truy linh", "truy thu",
    "ky nhan", "ky ten", "ma ho so", "noi cap", "nguoi nhan thay",
)  # fmt: skip
_BIRTH_ALIASES = _SPECS["birth"].aliases
_PUNCTUATION = re.compile(r"[/\\,.;:()\[\]\-–_*#°\"'’]+")


def header_key(text: object) -> str:
    """A header as the guesser compares it: folded, punctuation as spaces."""
    if text is None:
        return ""
    return " ".join(_PUNCTUATION.sub(" ", fold(str(text))).split())


def _score(key: str, alias: str) -> int:
    if key == alias:
        return 1000 + len(alias)
    if f" {alias} " in f" {key} ":
        return len(alias)
    return 0


def guess_field(header: object) -> str | None:
    """The field a header most likely names, or None."""
    key = header_key(header)
    if not key:
        return None
    for sex, field_key in (("nam", "birth_male"), ("nu", "birth_female")):
        if key.endswith(f" {sex}") and key.removesuffix(f" {sex}") in _BIRTH_ALIASES:
            return field_key
    best, best_score = None, 0
    for spec in FIELDS:
        for alias in spec.aliases:
            score = _score(key, alias)
            if score > best_score:
                best, best_score = spec.key, score
    ignored = max((_score(key, alias) for alias in _IGNORED), default=0)
    if ignored >= best_score:
        return None
    return best


@dataclass(frozen=True)
class ColumnMapping:
    """Which spreadsheet column (0-based) holds each field."""

    columns: Mapping[str, int]

    @classmethod
    def guess(cls, headers: Sequence[str]) -> ColumnMapping:
        """Each field to the column whose header names it best; the first column wins when
        two headers name the same field."""
        columns: dict[str, int] = {}
        for index, header in enumerate(headers):
            key = guess_field(header)
            if key is not None and key not in columns:
                columns[key] = index
        return cls(columns)

    def to_json(self, headers: Sequence[str]) -> dict[str, Any]:
        """A mapping file names headers, not column letters, so it survives a reordered
        spreadsheet of the same layout."""
        return {
            "version": MAPPING_VERSION,
            "columns": {key: headers[index] for key, index in sorted(self.columns.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], headers: Sequence[str]) -> ColumnMapping:
        columns = data.get("columns") if isinstance(data, Mapping) else None
        if not isinstance(columns, Mapping):
            raise DomainError("import.mapping_invalid")
        by_key = {header_key(h): i for i, h in reversed(list(enumerate(headers))) if h}
        found: dict[str, int] = {}
        missing = []
        for key, header in columns.items():
            if key not in _SPECS or not isinstance(header, str):
                raise DomainError("import.mapping_invalid")
            index = by_key.get(header_key(header))
            if index is None:
                missing.append(header)
            else:
                found[key] = index
        if missing:
            raise DomainError("import.mapping_headers_missing", headers=", ".join(missing))
        return cls(found)


# ---------------------------------------------------------------- the spreadsheet


@dataclass(frozen=True)
class Spreadsheet:
    path: Path
    sheet: str
    sheets: tuple[str, ...]
    header_row: int  # 1-based, as Excel numbers rows (the last row of a two-row header)
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (Excel row number, cell values)
    guess: ColumnMapping
    epoch: dt.datetime

    @property
    def width(self) -> int:
        return len(self.headers)


def _merged_ranges(path: Path, sheet: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 1-based, of the sheet's merged
    ranges. The streaming reader does not report them, so they are read from the sheet's
    XML (workbook.xml names the sheet, its relationships give the part)."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rel_id = None
        for match in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)/?>", workbook):
            attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', match.group(1)))
            if _xml_unescape(attrs.get("name", "")) == sheet:
                rel_id = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        target = None
        for match in re.finditer(r"<(?:\w+:)?Relationship\b([^>]*)/?>", rels):
            attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', match.group(1)))
            if attrs.get("Id") == rel_id:
                target = attrs.get("Target")
        if target is None:
            return []
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        ranges: list[tuple[int, int, int, int]] = []
        pattern = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
        tail = b""
        with archive.open(part) as fh:
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                last = 0
                for m in pattern.finditer(data):
                    c1, r1, c2, r2 = (g.decode() for g in m.groups())
                    ranges.append((int(r1), _column_index(c1), int(r2), _column_index(c2)))
                    last = m.end()
                tail = data[max(last, len(data) - 200) :]
        return ranges


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index


def _open_workbook(path: Path) -> Any:
    if not path.is_file():
        raise DomainError("import.file_missing", path=str(path))
    if path.suffix.lower() == ".xls":
        raise DomainError("import.xls_unsupported", path=str(path))
    if not zipfile.is_zipfile(path):
        raise DomainError("import.file_unreadable", path=str(path))
    try:
        return load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DomainError("import.file_unreadable", path=str(path)) from exc


def _read_rows(workbook: Any, sheet: str, limit: int | None = None) -> list[list[Any]]:
    worksheet = workbook[sheet]
    # The stored dimension is wrong in files from some programs; without this the
    # streaming reader would silently cut rows short.
    worksheet.reset_dimensions()
    rows = []
    for values in worksheet.iter_rows(values_only=True, max_row=limit):
        rows.append(list(values))
    return rows


def _fill_merged(rows: list[list[Any]], ranges: Sequence[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in ranges:
        if r1 > len(rows):
            continue
        top = rows[r1 - 1]
        value = top[c1 - 1] if c1 - 1 < len(top) else None
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            if len(row) < c2:
                row.extend([None] * (c2 - len(row)))
            for c in range(c1, c2 + 1):
                row[c - 1] = value


def _text_cells(row: Sequence[Any]) -> list[str]:
    return ["" if v is None else str(v).strip() for v in row]


def _header_score(headers: Sequence[str], wanted: set[str] | None) -> int:
    if wanted is not None:
        keys = {header_key(h) for h in headers}
        return sum(1 for w in wanted if w in keys)
    guessed = ColumnMapping.guess(headers).columns
    return len(guessed) if "full_name" in guessed else 0


_NUMBERING = re.compile(r"\(?[0-9]{1,2}\)?|\(?[A-Z]\)?|\([a-z]\)")


def _is_numbering_row(row: Sequence[Any]) -> bool:
    """The "(1) (2) (3)…" row Vietnamese forms put under their headers."""
    cells = [c for c in _text_cells(row) if c]
    return len(cells) >= 3 and all(_NUMBERING.fullmatch(c) for c in cells)


def _find_header(
    rows: list[list[Any]],
    horizontal: set[int],
    wanted: set[str] | None,
) -> tuple[int, tuple[str, ...], int] | None:
    """(index of the header's last row, header texts, score) for the best header row in the
    first rows. A header row with cells merged across columns may have sub-headers in the
    row below ("Ngày sinh" over "Nam" | "Nữ"): both readings are scored, and the two-row one
    is taken only when it names more fields, so a data row is never mistaken for one."""
    best: tuple[int, tuple[str, ...], int] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        headers = _text_cells(row)
        readings = [(index, headers)]
        if index + 1 in horizontal and index + 1 < len(rows):
            below = _text_cells(rows[index + 1])
            width = max(len(headers), len(below))
            top = headers + [""] * (width - len(headers))
            below += [""] * (width - len(below))
            combined = [
                " ".join(dict.fromkeys(t for t in (a, b) if t))
                for a, b in zip(top, below, strict=True)
            ]
            readings.append((index + 1, combined))
        for last, texts in readings:
            score = _header_score(texts, wanted)
            if score and (best is None or score > best[2]):
                best = (last, tuple(texts), score)
    return best


def read_spreadsheet(
    path: Path, sheet: str | None = None, mapping: Mapping[str, Any] | None = None
) -> Spreadsheet:
    """Read the rows of the sheet that looks like a beneficiary list (or `sheet`), with the
    header row found by the guesser or by the saved `mapping`'s header names."""
    workbook = _open_workbook(path)
    merged: dict[str, list[tuple[int, int, int, int]]] = {}

    def ranges_of(name: str) -> list[tuple[int, int, int, int]]:
        if name not in merged:
            merged[name] = _merged_ranges(path, name)
        return merged[name]

    def header_of(name: str, rows: list[list[Any]]) -> tuple[int, tuple[str, ...], int] | None:
        ranges = [r for r in ranges_of(name) if r[0] <= len(rows)]
        _fill_merged(rows, ranges)
        horizontal = {r1 for r1, c1, r2, c2 in ranges if c2 > c1 and r1 == r2}
        return _find_header(rows, horizontal, wanted)

    try:
        names = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise DomainError("import.sheet_missing", sheet=sheet, sheets=", ".join(names))
        wanted = None
        if mapping is not None:
            columns = mapping.get("columns") if isinstance(mapping, Mapping) else None
            if not isinstance(columns, Mapping) or not columns:
                raise DomainError("import.mapping_invalid")
            wanted = {header_key(h) for h in columns.values()}
        chosen: tuple[str, int] | None = None
        for name in [sheet] if sheet is not None else list(names):
            found = header_of(name, _read_rows(workbook, name, HEADER_SCAN_ROWS + 1))
            if found is not None and (chosen is None or found[2] > chosen[1]):
                chosen = (name, found[2])
        if chosen is None and mapping is not None:
            wanted_names = ", ".join(str(h) for h in mapping["columns"].values())
            raise DomainError("import.mapping_headers_missing", headers=wanted_names)
        if chosen is None:
            raise DomainError("import.headers_not_found", path=path.name)
        name = chosen[0]
        rows = _read_rows(workbook, name)
        epoch = workbook.epoch
    finally:
        workbook.close()
    header = header_of(name, rows)
    assert header is not None
    last, headers, _ = header
    width = max((len(r) for r in rows), default=0)
    headers = headers + ("",) * (width - len(headers))
    start = last + 1
    if start < len(rows) and _is_numbering_row(rows[start]):
        start += 1
    data = tuple(
        (number, tuple(row) + (None,) * (width - len(row)))
        for number, row in enumerate(rows[start:], start=start + 1)
        if any(not _blank(v) for v in row)
    )
    return Spreadsheet(
        path=path,
        sheet=name,
        sheets=names,
        header_row=last + 1,
        headers=headers,
        rows=data,
        guess=ColumnMapping.guess(headers),
        epoch=epoch,
    )


# ---------------------------------------------------------------- checking rows


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """Why a row is rejected (error) or imported with a remark (warning): a message code and
    its parameters, rendered in the reader's language."""

    field: str | None
    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)
    severity: Severity = Severity.ERROR
    cause: Issue | None = None  # the policy engine's reason, for "not eligible"

    def text(self, lang: str) -> str:
        params = dict(self.params)
        if self.cause is not None:
            params["reason"] = self.cause.text(lang)
        message = render(self.code, params, lang)
        if self.field is None:
            return message
        label = render(f"import.field.{self.field}", None, lang)
        return f"{label}: {message}"


class RowStatus(StrEnum):
    OK = "ok"
    WARNING = "warning"
    REJECTED = "rejected"


@dataclass(frozen=True)
class CaseDraft:
    category: str
    sub_case: str | None
    other_categories: tuple[str, ...]
    disability_type: int | None
    disability_level: DisabilityLevel | None
    household_status: HouseholdStatus | None
    children_count: int
    decision_number: str | None
    decision_date: dt.date | None
    start_month: Month
    payment_method: PaymentMethod
    payment_point: str | None
    account_number: str | None
    bank_name: str | None
    allowance: Allowance  # the engine's answer for `checked_month`: what is recorded
    checked_month: Month


@dataclass(frozen=True)
class RowOutcome:
    row_number: int  # as Excel numbers it
    values: tuple[Any, ...]
    draft: PersonDraft | None
    case: CaseDraft | None
    issues: tuple[Issue, ...]
    household_status: HouseholdStatus | None = None
    disability_type: int | None = None
    disability_level: DisabilityLevel | None = None

    @property
    def status(self) -> RowStatus:
        if any(i.severity == Severity.ERROR for i in self.issues):
            return RowStatus.REJECTED
        if self.issues:
            return RowStatus.WARNING
        return RowStatus.OK

    def reasons(self, lang: str) -> str:
        return "; ".join(i.text(lang) for i in self.issues)


@dataclass(frozen=True)
class ImportPlan:
    sheet: Spreadsheet
    mapping: ColumnMapping
    rows: tuple[RowOutcome, ...]

    @property
    def valid(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status != RowStatus.REJECTED]

    @property
    def rejected(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status == RowStatus.REJECTED]

    @property
    def warnings(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.status == RowStatus.WARNING]


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    people: int
    cases: int
    dry_run: bool
    person_ids: tuple[str, ...] = ()


class _Unreadable(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_MY = re.compile(r"(\d{1,2})[/.\-](\d{4})")
_MONTH_WORDS = re.compile(r"^(?:thang|t)\s*", re.IGNORECASE)
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?$")


def _excel_date(value: float, epoch: dt.datetime) -> dt.date:
    try:
        converted = from_excel(value, epoch)
    except (OverflowError, ValueError) as exc:
        raise _Unreadable("date.unreadable", value=_as_text(value)) from exc
    if not isinstance(converted, dt.datetime | dt.date):
        raise _Unreadable("date.unreadable", value=_as_text(value))
    return converted.date() if isinstance(converted, dt.datetime) else converted


def _partial_date(value: Any, epoch: dt.datetime) -> PartialDate:
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, bool):
        raise _Unreadable("date.unreadable", value=str(value))
    if isinstance(value, int | float):
        if float(value).is_integer() and 1850 <= value <= 2100:
            return PartialDate(int(value))
        if 1 <= value < 2958466:
            return PartialDate.from_date(_excel_date(float(value), epoch))
        raise _Unreadable("date.unreadable", value=_as_text(value))
    text = _TIME_SUFFIX.sub("", str(value).strip())
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _checked_date(year, month or None, day or None, text)
    match = _MY.fullmatch(text)
    if match:
        month, year = (int(g) for g in match.groups())
        return _checked_date(year, month or None, None, text)
    try:
        return PartialDate.parse(text)
    except DomainError as exc:
        raise _Unreadable(exc.code, **dict(exc.params)) from exc


def _checked_date(year: int, month: int | None, day: int | None, text: str) -> PartialDate:
    if month is None and day is not None:
        # "12/00/1950": a day without its month means nothing; keep the year.
        day = None
    try:
        return PartialDate(year, month, day)
    except DomainError as exc:
        raise _Unreadable(exc.code, **dict(exc.params) or {"value": text}) from exc


def _full_date(value: Any, epoch: dt.datetime) -> dt.date:
    year_only = isinstance(value, int | float) and 1850 <= value <= 2100
    if year_only and not isinstance(value, bool):
        raise _Unreadable("import.full_date_required", value=_as_text(value))
    partial = _partial_date(value, epoch)
    if partial.precision.value != "day":
        raise _Unreadable("import.full_date_required", value=_as_text(value))
    day = partial.assumed_date()
    assert day is not None
    return day


def _month(value: Any, epoch: dt.datetime) -> Month:
    if isinstance(value, dt.datetime | dt.date):
        return Month(value.year, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Month.of(_excel_date(float(value), epoch))
    text = _MONTH_WORDS.sub("", fold(str(value).strip()))
    text = _TIME_SUFFIX.sub("", text)
    try:
        return Month.parse(text)
    except DomainError:
        pass
    partial = _partial_date(text, epoch)
    if partial.year is None or partial.month is None:
        raise _Unreadable("month.invalid", value=_as_text(value))
    return Month(partial.year, partial.month)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _Unreadable("import.number_unreadable", value=str(value))
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise _Unreadable("import.number_unreadable", value=str(value)) from exc


def _money(value: Any) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value)
    text = re.sub(r"(?i)\s*(vnd|vnđ|đồng|dong|đ|d)\s*$", "", str(value).strip())
    digits = re.sub(r"[.,\s]", "", text)
    if not digits.isdigit():
        raise _Unreadable("import.number_unreadable", value=str(value))
    return int(digits)


def _count(value: Any) -> int:
    number = _decimal(value)
    if number != number.to_integral_value() or number < 0:
        raise _Unreadable("import.number_unreadable", value=_as_text(value))
    return int(number)


_SEX = {"nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "trai": Sex.MALE,
        "nu": Sex.FEMALE, "female": Sex.FEMALE, "f": Sex.FEMALE, "gai": Sex.FEMALE}  # fmt: skip
_LEVELS = {
    "dac biet nang": DisabilityLevel.PARTICULARLY_SEVERE,
    "particularly severe": DisabilityLevel.PARTICULARLY_SEVERE,
    "nang": DisabilityLevel.SEVERE,
    "severe": DisabilityLevel.SEVERE,
    "nhe": DisabilityLevel.MILD,
    "mild": DisabilityLevel.MILD,
}
_HOUSEHOLDS = {
    "ngheo": HouseholdStatus.POOR,
    "ho ngheo": HouseholdStatus.POOR,
    "poor": HouseholdStatus.POOR,
    "can ngheo": HouseholdStatus.NEAR_POOR,
    "ho can ngheo": HouseholdStatus.NEAR_POOR,
    "near poor": HouseholdStatus.NEAR_POOR,
    "khong": HouseholdStatus.NOT_POOR,
    "khong ngheo": HouseholdStatus.NOT_POOR,
    "not poor": HouseholdStatus.NOT_POOR,
}
_METHODS = (
    ("buu dien", PaymentMethod.POST_OFFICE),
    ("post", PaymentMethod.POST_OFFICE),
    ("vi dien tu", PaymentMethod.EWALLET),
    ("e wallet", PaymentMethod.EWALLET),
    ("ewallet", PaymentMethod.EWALLET),
    ("ngan hang", PaymentMethod.BANK),
    ("chuyen khoan", PaymentMethod.BANK),
    ("tai khoan", PaymentMethod.BANK),
    ("bank", PaymentMethod.BANK),
    ("tien mat", PaymentMethod.CASH),
    ("truc tiep", PaymentMethod.CASH),
    ("cash", PaymentMethod.CASH),
)
# "K1", "k5a", "5a", "Khoản 1", "khoản 5 điểm a", "Điều 5 khoản 6": Article 5's clause and
# point, which is what the K-codes are named after.
_CATEGORY = re.compile(
    r"^(?:dieu\s*5\s*)?(?:k|khoan)?\s*([1-8])\s*(?:diem\s*)?([a-d])?$",
)
_DECISION_WITH_DATE = re.compile(r"^(.*?)[\s,;]*(?:ngay|ngày)\s+(\d{1,2}/\d{1,2}/\d{4})$", re.I)


class _RowReader:
    """Turns one spreadsheet row into a person draft, a case draft and issues."""

    def __init__(self, importer: ImportService, sheet: Spreadsheet, mapping: ColumnMapping):
        ctx = importer.ctx
        self.ctx = ctx
        self.sheet = sheet
        self.mapping = mapping
        self.today = ctx.today()
        self.this_month = Month.of(self.today)
        self.reference = ctx.reference
        self.policy = ctx.policy
        self.communes = self.reference.commune_codes()
        self.ethnicities = self.reference.ethnicity_codes()
        site = ctx.site()
        self.default_commune = site.site_code if site.site_type == SiteType.COMMUNE else None
        self.province = site.province_code
        self.categories = {c.code: c for c in self.policy.categories()}
        self.open_categories = {c.code for c in self.policy.categories(self.this_month)}
        self.lower_categories = {code.lower(): code for code in self.categories}
        self.has_case_columns = "category" in mapping.columns
        self.parsers = self._parsers()
        # Many rows share their facts (same category, same birth month): ask the engine once.
        self.answers: dict[tuple[PersonFacts, Month], Allowance] = {}

    def cell(self, values: Sequence[Any], key: str) -> Any:
        index = self.mapping.columns.get(key)
        if index is None or index >= len(values):
            return None
        value = values[index]
        return None if _blank(value) else value

    def _parsers(self) -> list[tuple[str, int, Callable[[Any], Any]]]:
        """(field, column, parser) for the mapped fields that are parsed from their cell."""
        epoch = self.sheet.epoch
        text = _as_text
        parsers: dict[str, Callable[[Any], Any]] = {
            "full_name": self._name,
            "other_name": self._name,
            "father_name": self._name,
            "mother_name": self._name,
            "birth": lambda v: _partial_date(v, epoch),
            "birth_male": lambda v: _partial_date(v, epoch),
            "birth_female": lambda v: _partial_date(v, epoch),
            "sex": self._sex,
            "ethnicity": self._ethnicity,
            "cccd": self._id_number,
            "old_id_number": self._id_number,
            "cccd_issued_on": lambda v: _full_date(v, epoch),
            "phone": self._phone,
            "commune": self._commune,
            "village": text,
            "address_detail": text,
            "notes": text,
            "payment_point": text,
            "bank_name": text,
            "account_number": lambda v: re.sub(r"\s", "", text(v)),
            "category": self._category,
            "disability_type": self._disability_type,
            "disability_level": self._level,
            "household_status": self._household,
            "children_count": _count,
            "decision_number": text,
            "decision_date": lambda v: _full_date(v, epoch),
            "start_month": lambda v: _month(v, epoch),
            "coefficient": _decimal,
            "amount": _money,
            "payment_method": self._method,
        }
        return [
            (key, self.mapping.columns[key], parser)
            for key, parser in parsers.items()
            if key in self.mapping.columns
        ]

    def read(self, number: int, values: tuple[Any, ...]) -> RowOutcome:
        issues: list[Issue] = []
        parsed: dict[str, Any] = {}
        for key, index, parser in self.parsers:
            raw = values[index] if index < len(values) else None
            if _blank(raw):
                continue
            try:
                parsed[key] = parser(raw)
            except _Unreadable as exc:
                issues.append(Issue(key, exc.code, exc.params))

        draft = self._draft(parsed, issues)
        if "full_name" not in parsed and not any(i.field == "full_name" for i in issues):
            issues.append(Issue("full_name", "field.required"))
        case = None
        if self.has_case_columns:
            case = self._case(values, parsed, draft, issues)
        elif any(self.cell(values, k) is not None for k in ("coefficient", "decision_number")):
            issues.append(Issue("category", "field.required"))
        if draft is not None and case is not None and case.category == "K2":
            # K2 is defined by being in education; the record should say so too.
            draft = replace(draft, school_status=draft.school_status or SchoolStatus.STUDYING)
        return RowOutcome(
            row_number=number,
            values=values,
            draft=draft,
            case=case,
            issues=tuple(issues),
            household_status=parsed.get("household_status"),
            disability_type=parsed.get("disability_type"),
            disability_level=parsed.get("disability_level"),
        )

    # ------------------------------------------------------------------ the person

    @staticmethod
    def _name(value: Any) -> str:
        text = _as_text(value)
        try:
            return identity.title_case_name(identity.normalize_name(text))
        except DomainError as exc:
            raise _Unreadable(exc.code, **dict(exc.params)) from exc

    @staticmethod
    def _sex(value: Any) -> Sex:
        sex = _SEX.get(header_key(value))
        if sex is None:
            raise _Unreadable("import.sex_unknown", value=_as_text(value))
        return sex

    def _ethnicity(self, value: Any) -> str:
        text = _as_text(value)
        if text.isdigit():
            code = text.zfill(2)
            if code in self.ethnicities:
                return code
        group = self.reference.ethnic_group_by_name(text)
        if group is None:
            raise _Unreadable("import.ethnicity_unknown", value=text)
        return group.code

    @staticmethod
    def _id_number(value: Any) -> str:
        text = _as_text(value)
        digits = re.sub(r"[\s.\-]", "", text)
        if isinstance(value, int | float) and digits.isdigit():
            # A number cell drops the leading zero every CCCD (and most old IDs) has.
            digits = digits.zfill(12 if len(digits) > 9 else 9)
        return digits

    @staticmethod
    def _phone(value: Any) -> str:
        try:
            return identity.normalize_phone(_as_text(value))
        except DomainError as exc:
            raise _Unreadable(exc.code) from exc

    def _commune(self, value: Any) -> str:
        text = _as_text(value)
        if text.isdigit():
            code = text.zfill(5)
            if code in self.communes:
                return code
            raise _Unreadable("commune.unknown")
        found = self.reference.search_communes(text, self.province, limit=2)
        exact = [c for c in found if header_key(c.name) == header_key(text)]
        if len(exact) == 1 or len(found) == 1:
            return (exact or found)[0].code
        raise _Unreadable("import.commune_unknown", value=text)

    def _draft(self, parsed: dict[str, Any], issues: list[Issue]) -> PersonDraft | None:
        birth = parsed.get("birth")
        sex = parsed.get("sex", Sex.UNKNOWN)
        for key, column_sex in (("birth_male", Sex.MALE), ("birth_female", Sex.FEMALE)):
            if key in parsed:
                if birth is not None or (sex != Sex.UNKNOWN and sex != column_sex):
                    issues.append(Issue(key, "import.birth_columns_conflict"))
                birth = parsed[key]
                sex = column_sex
        cccd = parsed.get("cccd")
        old_id = parsed.get("old_id_number")
        if cccd is not None and len(cccd) == 9 and old_id is None:
            # A "Số CMND/CCCD" column holds either; nine digits is the old card.
            cccd, old_id = None, cccd
        village = parsed.get("village")
        address = parsed.get("address_detail")
        if village and address and header_key(village) not in header_key(address):
            address = f"{village}, {address}"
        elif village and not address:
            address = village
        if "full_name" not in parsed:
            return None
        draft = normalise(
            PersonDraft(
                full_name=parsed["full_name"],
                birth=birth if birth is not None else PartialDate(),
                sex=sex,
                other_name=parsed.get("other_name"),
                ethnicity_code=parsed.get("ethnicity"),
                cccd=cccd,
                cccd_issued_on=parsed.get("cccd_issued_on"),
                old_id_number=old_id,
                phone=parsed.get("phone"),
                commune_code=parsed.get("commune", self.default_commune),
                address_detail=address,
                father_name=parsed.get("father_name"),
                mother_name=parsed.get("mother_name"),
                notes=parsed.get("notes"),
            )
        )
        errors = validate_person(
            draft,
            self.today,
            known_communes=self.communes,
            known_ethnicities=self.ethnicities,
        )
        for field_name, code in errors.items():
            issues.append(Issue(_DRAFT_FIELDS.get(field_name, field_name), code))
        return draft

    # ------------------------------------------------------------------ the case

    def _category(self, value: Any) -> str:
        key = header_key(value).replace(" ", "")
        lowered = self.lower_categories.get(key)
        if lowered is not None:
            return lowered
        match = _CATEGORY.fullmatch(header_key(value))
        if match:
            code = f"K{match.group(1)}{match.group(2) or ''}"
            if code in self.categories:
                return code
        for code, info in self.categories.items():
            if header_key(value) in (header_key(info.name_vi), header_key(info.name_en)):
                return code
        raise _Unreadable("import.category_unknown", value=_as_text(value))

    def _disability_type(self, value: Any) -> int:
        text = _as_text(value)
        if text.isdigit() and 1 <= int(text) <= 6:
            return int(text)
        key = header_key(text)
        for kind in self.reference.disability_types:
            name = header_key(kind.name_vi).removeprefix("khuyet tat ")
            if key in (header_key(kind.name_vi), header_key(kind.name_en), name):
                return int(kind.code)
        raise _Unreadable("import.disability_type_unknown", value=text)

    @staticmethod
    def _level(value: Any) -> DisabilityLevel:
        level = _LEVELS.get(header_key(value).removeprefix("khuyet tat "))
        if level is None:
            raise _Unreadable("import.disability_level_unknown", value=_as_text(value))
        return level

    @staticmethod
    def _household(value: Any) -> HouseholdStatus:
        status = _HOUSEHOLDS.get(header_key(value))
        if status is None:
            raise _Unreadable("import.household_unknown", value=_as_text(value))
        return status

    @staticmethod
    def _method(value: Any) -> PaymentMethod:
        key = header_key(value)
        for word, method in _METHODS:
            if word in key:
                return method
        raise _Unreadable("import.method_unknown", value=_as_text(value))

    def _case(
        self,
        values: Sequence[Any],
        parsed: dict[str, Any],
        draft: PersonDraft | None,
        issues: list[Issue],
    ) -> CaseDraft | None:
        category = parsed.get("category")
        if category is None:
            if not any(i.field == "category" for i in issues):
                issues.append(Issue("category", "field.required"))
            return None
        info = self.categories[category]
        if category not in self.open_categories:
            issues.append(Issue("category", "import.category_closed", {"category": category}))
        sub_case = None
        raw_sub_case = self.cell(values, "sub_case")
        if raw_sub_case is not None:
            key = header_key(raw_sub_case)
            found = next(
                (s for s in info.sub_cases if key in (s.code, header_key(s.name_vi))), None
            )
            if found is None:
                issues.append(Issue("sub_case", "allowance.sub_case_unknown"))
            else:
                sub_case = found.code
        level = parsed.get("disability_level")
        disability_type = parsed.get("disability_type")
        if category == "K6":
            if level is None and "disability_level" not in {i.field for i in issues}:
                issues.append(Issue("disability_level", "import.k6_needs_level"))
            if disability_type is None and "disability_type" not in {i.field for i in issues}:
                issues.append(Issue("disability_type", "import.k6_needs_type"))
        decision_number = parsed.get("decision_number")
        decision_date = parsed.get("decision_date")
        if decision_number and decision_date is None:
            match = _DECISION_WITH_DATE.match(decision_number)
            if match:
                decision_number = match.group(1).strip() or None
                try:
                    decision_date = _full_date(match.group(2), self.sheet.epoch)
                except _Unreadable as exc:
                    issues.append(Issue("decision_number", exc.code, exc.params))
        if decision_date is not None and decision_date > self.today:
            issues.append(Issue("decision_date", "date.in_future"))
        start = parsed.get("start_month")
        if start is None and decision_date is not None:
            start = Month.of(decision_date)
        if start is None:
            if "start_month" not in {i.field for i in issues}:
                issues.append(Issue("start_month", "import.start_required"))
            return None
        if start > self.this_month.next():
            issues.append(Issue("start_month", "import.start_in_future", {"month": _shown(start)}))
        method = parsed.get("payment_method", PaymentMethod.POST_OFFICE)
        account = parsed.get("account_number")
        if method in (PaymentMethod.BANK, PaymentMethod.EWALLET) and not account:
            issues.append(Issue("account_number", "allowance.account_required"))
        if draft is None or any(i.severity == Severity.ERROR for i in issues):
            # The engine's verdict on a row already wrong would only repeat the error.
            return None
        month = max(start, self.this_month)
        facts = PersonFacts(
            birth=draft.birth,
            claims=(CategoryClaim(category, sub_case),),
            disability_level=level,
            children_count=parsed.get("children_count", 0),
            studying=category == "K2",
            household_status=parsed.get("household_status"),
            province_code=self.province,
        )
        try:
            answer = self.answers.get((facts, month)) or self.policy.monthly_allowance(facts, month)
        except DomainError as exc:
            issues.append(Issue("category", exc.code, dict(exc.params)))
            return None
        self.answers[(facts, month)] = answer
        if answer.monthly_amount <= 0:
            reasons = [c.step for c in answer.claims if not c.eligible]
            cause = Issue(None, reasons[0].code, dict(reasons[0].params)) if reasons else None
            issues.append(
                Issue("category", "import.not_eligible", {"month": _shown(month)}, cause=cause)
            )
            return None
        given = parsed.get("coefficient")
        if given is not None and given != answer.total_coefficient:
            issues.append(
                Issue(
                    "coefficient",
                    "import.coefficient_differs",
                    {"given": given, "engine": answer.total_coefficient, "month": _shown(month)},
                    Severity.WARNING,
                )
            )
        amount = parsed.get("amount")
        if amount is not None and amount != answer.monthly_amount:
            issues.append(
                Issue(
                    "amount",
                    "import.amount_differs",
                    {"given": amount, "engine": answer.monthly_amount, "month": _shown(month)},
                    Severity.WARNING,
                )
            )
        return CaseDraft(
            category=category,
            sub_case=sub_case,
            other_categories=(),
            disability_type=disability_type,
            disability_level=level,
            household_status=parsed.get("household_status"),
            children_count=parsed.get("children_count", 0),
            decision_number=decision_number,
            decision_date=decision_date,
            start_month=start,
            payment_method=method,
            payment_point=parsed.get("payment_point"),
            account_number=account,
            bank_name=parsed.get("bank_name"),
            allowance=answer,
            checked_month=month,
        )


def _shown(month: Month) -> str:
    return f"{month.month:02d}/{month.year}"


# A validation error on a draft field names the spreadsheet field the value came from.
_DRAFT_FIELDS = {"commune_code": "commune", "ethnicity_code": "ethnicity"}


# ---------------------------------------------------------------- the service


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def read(
        self, path: Path, sheet: str | None = None, mapping: Mapping[str, Any] | None = None
    ) -> Spreadsheet:
        require(self.ctx.actor, Permission.IMPORT)
        return read_spreadsheet(path, sheet, mapping)

    @staticmethod
    def load_mapping(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError as exc:
            raise DomainError("import.file_missing", path=str(path)) from exc
        except (OSError, ValueError) as exc:
            raise DomainError("import.mapping_invalid") from exc
        if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
            raise DomainError("import.mapping_invalid")
        return data

    @staticmethod
    def save_mapping(mapping: ColumnMapping, sheet: Spreadsheet, path: Path) -> None:
        text = json.dumps(mapping.to_json(sheet.headers), ensure_ascii=False, indent=2)
        path.write_text(text + "\n", "utf-8")

    def validate(
        self,
        sheet: Spreadsheet,
        mapping: ColumnMapping,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """Check every row: domain rules, the engine, duplicates in the file and in the
        database. Nothing is written."""
        require(self.ctx.actor, Permission.IMPORT)
        if "full_name" not in mapping.columns:
            raise DomainError("import.name_column_required")
        reader = _RowReader(self, sheet, mapping)
        total = len(sheet.rows)
        outcomes: list[RowOutcome] = []
        for done, (number, values) in enumerate(sheet.rows, start=1):
            outcomes.append(reader.read(number, values))
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total, "import.stage.checking")
        with self.ctx.read() as session:
            outcomes = _with_duplicates(outcomes, _ExistingPeople.load(session))
        if progress is not None:
            progress(total, total, "import.stage.checking")
        return ImportPlan(sheet, mapping, tuple(outcomes))

    def commit(
        self,
        plan: ImportPlan,
        progress: Progress | None = None,
        initiator: object | None = None,
    ) -> ImportResult:
        """Write every valid row in one unit of work. A `progress` callback that raises
        (the GUI's cancel) rolls everything back, as does any error."""
        require(self.ctx.actor, Permission.IMPORT)
        valid = plan.valid
        people = cases = 0
        ids: list[str] = []
        with self.ctx.unit_of_work(initiator) as session:
            # Someone may have added a person since the check; nothing is written then.
            if _duplicate_against(valid, _ExistingPeople.load(session)):
                raise DomainError("import.changed_since_check")
            site = session.scalar(select(Site))
            assert site is not None
            number = site.next_record_number
            for first in range(0, len(valid), SAVE_CHUNK):
                chunk = valid[first : first + SAVE_CHUNK]
                written = self._write_chunk(session, chunk, site.site_code, number)
                number += len(chunk)
                people += len(chunk)
                cases += written[0]
                ids.extend(written[1])
                if progress is not None:
                    progress(people, len(valid), "import.stage.saving")
            site.next_record_number = number
        return ImportResult(plan, people, cases, dry_run=False, person_ids=tuple(ids))

    def _write_chunk(
        self, session: Session, rows: Sequence[RowOutcome], site_code: str, number: int
    ) -> tuple[int, list[str]]:
        people: list[dict[str, Any]] = []
        cases: list[dict[str, Any]] = []
        disabilities: list[dict[str, Any]] = []
        households: list[dict[str, Any]] = []
        for offset, row in enumerate(rows):
            draft = row.draft
            assert draft is not None
            person_id = new_id()
            people.append(person_row(person_id, f"{site_code}-{number + offset:06d}", draft))
            case = row.case
            if case is not None:
                cases.append(case_row(person_id, case, draft, site_code))
            if row.disability_type is not None and row.disability_level is not None:
                disabilities.append(
                    {
                        "person_id": person_id,
                        "disability_type": row.disability_type,
                        "level": row.disability_level.value,
                    }
                )
            if row.household_status is not None:
                valid_from = case.start_month.first_day() if case else self.ctx.today()
                households.append(
                    {
                        "person_id": person_id,
                        "status": row.household_status.value,
                        "valid_from": valid_from,
                    }
                )
        ids = insert_tracked(session, Person, people, action="import")
        insert_tracked(session, AllowanceCase, cases, action="import")
        insert_tracked(session, DisabilityAssessment, disabilities, action="import")
        insert_tracked(session, HouseholdStatusRecord, households, action="import")
        return len(cases), ids

    def import_file(
        self,
        path: Path,
        mapping: Mapping[str, Any] | None = None,
        sheet: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Read, check and (unless `dry_run`) write, as `btxh import` does."""
        spreadsheet = self.read(path, sheet, mapping)
        columns = (
            ColumnMapping.from_json(mapping, spreadsheet.headers)
            if mapping is not None
            else spreadsheet.guess
        )
        plan = self.validate(spreadsheet, columns, progress)
        if dry_run:
            return ImportResult(plan, 0, 0, dry_run=True)
        return self.commit(plan, progress)

    def write_report(self, plan: ImportPlan, path: Path, lang: str) -> int:
        """The rejected rows (and the warnings) with their reasons, as .xlsx. Returns how
        many rejected rows it holds."""
        require(self.ctx.actor, Permission.IMPORT)
        try:
            write_xlsx(rejected_rows_document(plan, lang), path)
        except OSError as exc:
            raise DomainError("report.cannot_write", path=str(path), reason=exc.strerror) from exc
        return len(plan.rejected)


def person_row(person_id: str, code: str, draft: PersonDraft) -> dict[str, Any]:
    """The `people` row the import writes for a checked draft."""
    return {
        "id": person_id,
        "code": code,
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
        "notes": draft.notes,
    }


def case_row(person_id: str, case: CaseDraft, draft: PersonDraft, site_code: str) -> dict[str, Any]:
    """The `allowance_cases` row the import writes: active, with the engine's figures."""
    answer = case.allowance
    return {
        "person_id": person_id,
        "commune_code": draft.commune_code or site_code,
        "category": case.category,
        "sub_case": case.sub_case,
        "other_categories": list(case.other_categories),
        "status": CaseStatus.ACTIVE.value,
        "application_date": case.decision_date or case.start_month.first_day(),
        "children_count": case.children_count,
        "decision_number": case.decision_number,
        "decision_date": case.decision_date,
        "coefficient": answer.total_coefficient,
        "standard_level": answer.standard_level,
        "monthly_amount": answer.monthly_amount,
        "start_month": case.start_month,
        "payment_method": case.payment_method.value,
        "payment_point": case.payment_point,
        "account_number": case.account_number,
        "bank_name": case.bank_name,
    }


# ---------------------------------------------------------------- duplicates


@dataclass(frozen=True)
class _ExistingPeople:
    by_cccd: dict[str, str]  # cccd → record code
    by_name: dict[tuple[str, int, str | None], str]  # (folded name, birth year, commune) → code

    @classmethod
    def load(cls, session: Session) -> _ExistingPeople:
        by_cccd: dict[str, str] = {}
        by_name: dict[tuple[str, int, str | None], str] = {}
        for code, cccd, name, year, commune in session.execute(
            select(
                Person.code, Person.cccd, Person.search_name, Person.birth_year, Person.commune_code
            ).where(Person.deleted_at.is_(None))
        ):
            if cccd:
                by_cccd[cccd] = code
            if year is not None:
                by_name[(name, year, commune)] = code
        return cls(by_cccd, by_name)


def _name_key(draft: PersonDraft) -> tuple[str, int, str | None] | None:
    if draft.birth.year is None or not draft.full_name:
        return None
    return (fold(draft.full_name), draft.birth.year, draft.commune_code)


def _with_duplicates(rows: list[RowOutcome], existing: _ExistingPeople) -> list[RowOutcome]:
    by_cccd: dict[str, list[int]] = defaultdict(list)
    by_name: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        if row.draft is None:
            continue
        if row.draft.cccd:
            by_cccd[row.draft.cccd].append(index)
        key = _name_key(row.draft)
        if key is not None:
            by_name[key].append(index)
    extra: dict[int, list[Issue]] = defaultdict(list)
    for groups, field_name, code in (
        (by_cccd, "cccd", "import.duplicate_cccd_in_file"),
        (by_name, "full_name", "import.duplicate_name_in_file"),
    ):
        for indexes in groups.values():
            if len(indexes) < 2:
                continue
            for index in indexes:
                others = ", ".join(str(rows[i].row_number) for i in indexes if i != index)
                extra[index].append(Issue(field_name, code, {"rows": others}))
    for index, row in enumerate(rows):
        draft = row.draft
        if draft is None:
            continue
        if draft.cccd and draft.cccd in existing.by_cccd:
            extra[index].append(
                Issue(
                    "cccd",
                    "import.duplicate_cccd_in_database",
                    {"code": existing.by_cccd[draft.cccd]},
                )
            )
        key = _name_key(draft)
        if key is not None and key in existing.by_name:
            extra[index].append(
                Issue(
                    "full_name",
                    "import.duplicate_name_in_database",
                    {"code": existing.by_name[key]},
                )
            )
    return [
        replace(row, issues=row.issues + tuple(extra[i])) if i in extra else row
        for i, row in enumerate(rows)
    ]


def _duplicate_against(rows: Sequence[RowOutcome], existing: _ExistingPeople) -> bool:
    for row in rows:
        draft = row.draft
        if draft is None:
            continue
        if draft.cccd and draft.cccd in existing.by_cccd:
            return True
        key = _name_key(draft)
        if key is not None and key in existing.by_name:
            return True
    return False


# ---------------------------------------------------------------- the rejected-rows report


def _report_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else Decimal(str(value))
    return None if value is None else str(value)


def rejected_rows_document(plan: ImportPlan, lang: str) -> Document:
    """The rows as they were in the file, with the reasons beside them: what the officer
    corrects and imports again."""

    def t(code: str, /, **params: object) -> str:
        return render(code, params, lang)

    headers = plan.sheet.headers
    columns = (
        Column("row", t("import.report.row"), Kind.INT, 7),
        *(
            Column(f"column_{i}", h or t("import.report.column", number=i + 1), Kind.TEXT, 14)
            for i, h in enumerate(headers)
        ),
        Column("reasons", t("import.report.reasons"), Kind.TEXT, 60),
    )

    def rows(items: Sequence[RowOutcome]) -> tuple[tuple[Any, ...], ...]:
        return tuple(
            (r.row_number, *(_report_cell(v) for v in r.values), r.reasons(lang)) for r in items
        )

    return Document(
        kind="import_report",
        title=t("import.report.title"),
        sheet=t("import.report.sheet"),
        lang=lang,
        subtitle=(
            t(
                "import.report.subtitle",
                file=plan.sheet.path.name,
                sheet=plan.sheet.sheet,
                rejected=len(plan.rejected),
                total=len(plan.rows),
            ),
        ),
        blocks=(
            Table(t("import.report.rejected"), columns, (Section(None, rows(plan.rejected)),)),
            Table(t("import.report.warnings"), columns, (Section(None, rows(plan.warnings)),)),
        ),
        landscape=True,
    )
