"""Writing a `Document` for Excel (.xlsx) and as plain CSV.

The .xlsx is what officers send to the post office and the province: the letterhead and
national motto, a centred title, one bordered table per block with bold subtotals, amounts as
numbers with thousands separators (Excel shows them the Vietnamese way on a Vietnamese PC),
the place and date, and the signature blocks. It prints on A4 — landscape when the document
says so — fitted to the page width, with the table's header row repeated on every page.
The workbook is streamed (openpyxl write-only), so a list of 200,000 people never sits in
memory as cell objects.

The CSV is for other programs: UTF-8 with a byte-order mark (so Excel on Windows reads the
Vietnamese letters), plain numbers, dd/mm/yyyy dates, no letterhead.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from btxh_desktop.domain.dates import Month
from btxh_desktop.messages import render
from btxh_desktop.services.documents import (
    CellValue,
    Column,
    Document,
    Fields,
    Kind,
    Paragraphs,
    Row,
    Table,
    plain_text,
)

FONT_NAME = "Times New Roman"  # what Vietnamese administrative documents are set in
NUMBER_FORMATS = {
    Kind.INT: "#,##0",
    Kind.MONEY: "#,##0",
    Kind.DECIMAL: "0.0##",
    Kind.DATE: "DD/MM/YYYY",
}
SIGNATURE_ROW_HEIGHT = 30  # points: room to sign by hand

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_FILL = PatternFill("solid", fgColor="E7ECF3")
_REGULAR = Font(name=FONT_NAME, size=11)
_BOLD = Font(name=FONT_NAME, size=11, bold=True)
_ITALIC = Font(name=FONT_NAME, size=11, italic=True)
_TITLE = Font(name=FONT_NAME, size=14, bold=True)
_WRAP_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="center")
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


@contextmanager
def _replacing(path: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """A file written next to `path` and moved over it when complete: an error half-way
    (or a folder that does not exist, found before any work) never leaves half a report."""
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, mode, **options) as target:
            yield target
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_xlsx(document: Document, path: Path) -> None:
    with _replacing(path, "wb") as target:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_sheet_title(document.sheet or document.title))
        _SheetWriter(sheet, document).write()
        workbook.save(target)


def _sheet_title(title: str) -> str:
    # Excel refuses these characters and more than 31 in a sheet name.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (cleaned or "Sheet")[:31]


class _SheetWriter:
    def __init__(self, sheet: Any, document: Document) -> None:
        self.sheet = sheet
        self.document = document
        tables = document.tables()
        self.width = max([len(t.columns) for t in tables] + [4])
        self.row = 0
        self.styles: dict[tuple[int, int, bool, bool, str | None], str] = {}

    def write(self) -> None:
        doc = self.document
        # Columns, frozen panes and the print setup go out before the first row is streamed.
        self._setup_columns()
        self._print_setup(self._first_header_row())
        self._letterhead()
        self._merged_line(doc.title.upper(), _TITLE, _CENTRE)
        for line in doc.subtitle:
            self._merged_line(line, _ITALIC, _CENTRE)
        self._blank()
        for block in doc.blocks:
            if isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Fields):
                self._fields(block)
            else:
                self._paragraphs(block)
            self._blank()
        self._signatures()

    def _first_header_row(self) -> int | None:
        """The row the first table's header will land on (`write` streams in this order)."""
        doc = self.document
        row = 0
        if doc.agency or doc.motto:
            row += max(len(doc.agency), len(doc.motto)) + 1
        row += 1 + len(doc.subtitle) + 1
        for block in doc.blocks:
            if isinstance(block, Table):
                return row + (1 if block.title else 0) + 1
            items = block.items if isinstance(block, Fields) else block.lines
            row += (1 if block.title else 0) + len(items) + 1
        return None

    # ------------------------------------------------------------------ layout

    def _setup_columns(self) -> None:
        tables = self.document.tables()
        widths = [8.0] * self.width
        for table in tables:
            for i, column in enumerate(table.columns):
                widths[i] = max(widths[i], column.width)
        if not tables:
            widths = [24.0] + [16.0] * (self.width - 1)
        for i, width in enumerate(widths, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width

    def _append(self, cells: Sequence[Any], height: float | None = None) -> int:
        self.row += 1
        if height is not None:
            self.sheet.row_dimensions[self.row].height = height
        self.sheet.append(list(cells))
        return self.row

    def _cell(
        self,
        value: Any,
        font: Font = _REGULAR,
        align: Alignment | None = None,
        bordered: bool = False,
        filled: bool = False,
        number_format: str | None = None,
    ) -> Any:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.style = self._style(font, align, bordered, filled, number_format)
        return cell

    def _style(
        self,
        font: Font,
        align: Alignment | None,
        bordered: bool,
        filled: bool,
        number_format: str | None,
    ) -> str:
        """One named style per combination, registered once: setting a cell's font, border
        and alignment one by one looks each up again, which was most of a list's writing
        time."""
        key = (id(font), id(align), bordered, filled, number_format)
        name = self.styles.get(key)
        if name is None:
            name = f"BTXH {len(self.styles) + 1}"
            self.sheet.parent.add_named_style(
                NamedStyle(
                    name=name,
                    font=font,
                    alignment=align or Alignment(),
                    border=_BORDER if bordered else Border(),
                    fill=_FILL if filled else PatternFill(),
                    number_format=number_format or "General",
                )
            )
            self.styles[key] = name
        return name

    def _merge(self, first_col: int, last_col: int) -> None:
        if last_col > first_col:
            self.sheet.merged_cells.add(
                f"{get_column_letter(first_col)}{self.row}:{get_column_letter(last_col)}{self.row}"
            )

    def _merged_line(self, text: str, font: Font, align: Alignment) -> None:
        self._append([self._cell(text, font, align)])
        self._merge(1, self.width)

    def _blank(self) -> None:
        self._append([])

    def _letterhead(self) -> None:
        doc = self.document
        if not doc.agency and not doc.motto:
            return
        split = max(1, self.width // 2 - 1)
        for i in range(max(len(doc.agency), len(doc.motto))):
            left = doc.agency[i] if i < len(doc.agency) else None
            right = doc.motto[i] if i < len(doc.motto) else None
            cells: list[Any] = [self._cell(left, _BOLD, _CENTRE)]
            cells += [None] * (split - 1)
            cells.append(self._cell(right, _BOLD, _CENTRE))
            self._append(cells)
            self._merge(1, split)
            self._merge(split + 1, self.width)
        self._blank()

    def _table(self, table: Table) -> None:
        if table.title:
            self._append([self._cell(table.title, _BOLD, _LEFT)])
            self._merge(1, self.width)
        header = [
            self._cell(c.title, _BOLD, _WRAP_CENTRE, bordered=True, filled=True)
            for c in table.columns
        ]
        self._append(header, height=32)
        signature = any(c.kind == Kind.SIGNATURE for c in table.columns)
        height = SIGNATURE_ROW_HEIGHT if signature else None
        for section in table.sections:
            if section.title:
                first = self._cell(section.title, _BOLD, _LEFT, bordered=True)
                rest = [self._bordered(None, Kind.TEXT, _BOLD) for _ in table.columns[1:]]
                self._append([first, *rest])
                self._merge(1, len(table.columns))
            for row in section.rows:
                self._append(self._row(row, table.columns, _REGULAR), height)
            if section.subtotal is not None:
                self._append(self._row(section.subtotal, table.columns, _BOLD))
        if table.total is not None:
            self._append(self._row(table.total, table.columns, _BOLD))

    def _row(self, row: Row, columns: Sequence[Column], font: Font) -> list[Any]:
        return [self._bordered(value, c.kind, font) for value, c in zip(row, columns, strict=True)]

    def _bordered(self, value: CellValue, kind: Kind, font: Font) -> Any:
        if isinstance(value, str) or value is None:
            align = _LEFT if kind != Kind.MONTH else _CENTRE
        elif isinstance(value, dt.date):
            align = _CENTRE
        else:
            align = _RIGHT
        number_format = None if isinstance(value, str) else NUMBER_FORMATS.get(kind)
        return self._cell(_excel_value(value), font, align, True, False, number_format)

    def _fields(self, block: Fields) -> None:
        if block.title:
            self._append([self._cell(block.title, _BOLD, _LEFT)])
            self._merge(1, self.width)
        for label, value in block.items:
            self._append([self._cell(label, _BOLD, _LEFT), self._cell(value, _REGULAR, _LEFT)])
            self._merge(2, self.width)

    def _paragraphs(self, block: Paragraphs) -> None:
        if block.title:
            self._append([self._cell(block.title, _BOLD, _LEFT)])
            self._merge(1, self.width)
        for line in block.lines:
            self._append([self._cell(line, _REGULAR, _LEFT)])
            self._merge(1, self.width)

    def _signatures(self) -> None:
        doc = self.document
        if doc.place_date:
            start = self.width // 2 + 1
            self._append([None] * (start - 1) + [self._cell(doc.place_date, _ITALIC, _CENTRE)])
            self._merge(start, self.width)
        if not doc.signatures:
            return
        count = len(doc.signatures)
        spans = _spans(self.width, count)
        for texts, font in (
            ([s.title for s in doc.signatures], _BOLD),
            ([s.note for s in doc.signatures], _ITALIC),
        ):
            self._span_row(texts, spans, font)
        for _ in range(4):
            self._blank()
        self._span_row([s.name for s in doc.signatures], spans, _BOLD)

    def _span_row(self, texts: Sequence[str], spans: Sequence[tuple[int, int]], font: Font) -> None:
        cells: list[Any] = [None] * self.width
        for text, (first, _) in zip(texts, spans, strict=True):
            cells[first - 1] = self._cell(text or None, font, _CENTRE)
        self._append(cells)
        for first, last in spans:
            self._merge(first, last)

    def _print_setup(self, header_row: int | None) -> None:
        sheet = self.sheet
        setup = sheet.page_setup
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.orientation = "landscape" if self.document.landscape else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.5
        sheet.print_options.horizontalCentered = True
        if header_row is not None:
            # The first table's header: what a multi-page list needs on every page.
            sheet.print_title_rows = f"{header_row}:{header_row}"
            if len(self.document.tables()) == 1:
                sheet.freeze_panes = f"A{header_row + 1}"


def _spans(width: int, count: int) -> list[tuple[int, int]]:
    """Split `width` columns into `count` consecutive ranges for the signature blocks."""
    step = max(1, width // count)
    spans = []
    for i in range(count):
        first = i * step + 1
        last = width if i == count - 1 else min(width, first + step - 1)
        spans.append((first, max(first, last)))
    return spans


def _excel_value(value: CellValue) -> Any:
    if isinstance(value, Month):
        return f"{value.month:02d}/{value.year}"
    if isinstance(value, Decimal):
        # Excel stores doubles; coefficients and kilograms have at most a few decimals.
        return float(value)
    return value


# ---------------------------------------------------------------- CSV


def write_csv(document: Document, path: Path) -> None:
    with _replacing(path, "w", encoding="utf-8-sig", newline="") as target:
        writer = csv.writer(target)
        for line in _csv_lines(document):
            writer.writerow(line)


def _csv_lines(document: Document) -> Iterator[list[str]]:
    tables = document.tables()
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                yield []
            yield [table.title or ""]
        grouped = any(s.title for s in table.sections)
        prefix = [document_group_title(document)] if grouped else []
        yield prefix + [c.title for c in table.columns]
        for section in table.sections:
            group = [section.title or ""] if grouped else []
            for row in section.rows:
                yield group + [plain_text(v) for v in row]
        if table.total is not None:
            yield ([""] if grouped else []) + [plain_text(v) for v in table.total]


def document_group_title(document: Document) -> str:
    return render("report.col.group", None, document.lang)
