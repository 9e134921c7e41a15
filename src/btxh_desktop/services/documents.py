"""A report or printable document, laid out once and written as .xlsx, .csv or PDF.

Services assemble the figures; `report_layouts` turns them into a `Document` in the user's
language; `spreadsheets` writes it for Excel and `ui.printing` renders it to PDF. One layout
for every format is why the post office's spreadsheet and the signed paper copy always agree.
Cells keep their Python values (int đồng, Decimal coefficients, dates, months) so each writer
can format them its own way: Excel number formats, plain CSV text, Vietnamese PDF text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from btxh_desktop.domain.dates import Month
from btxh_desktop.messages import format_money, format_number

CellValue = str | int | Decimal | dt.date | Month | None
Row = tuple[CellValue, ...]


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    MONEY = "money"  # whole đồng
    DECIMAL = "decimal"  # coefficients, kilograms of rice
    DATE = "date"
    MONTH = "month"
    SIGNATURE = "signature"  # left blank for a signature on paper


NUMERIC_KINDS = frozenset({Kind.INT, Kind.MONEY, Kind.DECIMAL})


@dataclass(frozen=True)
class Column:
    key: str  # the field it shows, for the audit entry of an export
    title: str
    kind: Kind = Kind.TEXT
    width: float = 12  # in characters: Excel's unit, and the PDF's proportions


@dataclass(frozen=True)
class Section:
    """A group of rows (one payment point, one category) with its own subtotal."""

    title: str | None
    rows: tuple[Row, ...]
    subtotal: Row | None = None


@dataclass(frozen=True)
class Table:
    title: str | None
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    total: Row | None = None
    chart: str | None = None  # the column a screen may draw as bars, by the first column

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


@dataclass(frozen=True)
class Fields:
    """Label–value pairs: the body of a profile or a record."""

    title: str | None
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Paragraphs:
    title: str | None
    lines: tuple[str, ...]
    centred_title: bool = False  # a decision's "QUYẾT ĐỊNH:" and its issuer line
    italic: bool = False  # a decision's legal bases


Block = Table | Fields | Paragraphs


@dataclass(frozen=True)
class Signature:
    title: str  # "NGƯỜI LẬP BIỂU"
    note: str = ""  # "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclass(frozen=True)
class Document:
    kind: str  # what the audit entry of an export names
    title: str
    lang: str
    sheet: str = ""  # the worksheet's name in Excel (31 characters at most)
    subtitle: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()  # the issuing body, top left
    motto: tuple[str, ...] = ()  # the national motto, top right
    blocks: tuple[Block, ...] = ()
    place_date: str = ""
    signatures: tuple[Signature, ...] = ()
    landscape: bool = False
    public: bool = False  # a public posting list (the audit says so)
    fields: tuple[str, ...] = field(default=())  # extra audited fields beyond table columns

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def row_count(self) -> int:
        return sum(t.row_count for t in self.tables())

    def audited_fields(self) -> list[str]:
        keys = {c.key for t in self.tables() for c in t.columns if c.kind != Kind.SIGNATURE}
        return sorted(keys | set(self.fields))


def cell_text(value: CellValue, kind: Kind, lang: str) -> str:
    """A cell as people read it: `1.350.000`, `2,5`, `05/10/2026`, `10/2026`."""
    if value is None or kind == Kind.SIGNATURE:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Month):
        return f"{value.month:02d}/{value.year}"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return format_number(value, lang)
    # Whole numbers of every kind get thousands separators: 1.350.000, 12.500 kg.
    return format_money(int(value), lang).removesuffix(" ₫")


def plain_text(value: CellValue) -> str:
    """A cell for a machine (CSV): no thousands separators, a dot for decimals."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, Month):
        return f"{value.month:02d}/{value.year}"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
