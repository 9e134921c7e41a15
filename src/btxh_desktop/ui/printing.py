"""Printing a `Document` to PDF with Qt: the signed paper copy of a list, report or record.

The document is laid out here, with a `QPainter` on a `QPdfWriter`, rather than through
`QTextDocument` HTML: Qt's rich-text layout took seconds per hundred table rows and split
rows across pages, and a payment list row cut in two is a signature line on the wrong page.
Laying out by hand, a table row always stays whole, the header row is repeated at the top of
every page, and each page gets "Trang n/N" at its foot. The page is measured first and drawn
second, so the page count is known before the first footer is drawn.

The text is set in DejaVu Sans, shipped in `resources/fonts` and registered with the
application, because the fonts a Windows PC happens to have may lack Vietnamese letters; Qt
embeds the font in the PDF, so the file prints the same anywhere.

Rendering needs a `QGuiApplication` (the GUI has one; `btxh` makes no PDFs) and may run on a
worker thread: Qt supports painting on a PDF writer and text layout off the GUI thread, which
keeps a 5,000-line payment list from freezing the window. `register_fonts` must have run on
the GUI thread first.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from btxh_desktop.messages import render
from btxh_desktop.paths import resource_path
from btxh_desktop.services.documents import (
    NUMERIC_KINDS,
    Column,
    Document,
    Fields,
    Kind,
    Paragraphs,
    Row,
    Table,
    cell_text,
)

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
FONT_FAMILY = "DejaVu Sans"
RESOLUTION = 300  # the layout grid in dots per inch; text and lines stay vector in the PDF
BODY_POINTS = 10.0
TABLE_POINTS = 8.0
TITLE_POINTS = 13.0
MARGINS_MM = QMarginsF(12, 10, 12, 10)
SIGNATURE_ROW_POINTS = 22.0  # room to sign a payment list by hand
CHAR_POINTS = 5.4  # what one unit of `Column.width` (an Excel character) takes on paper
HEADER_FILL = QColor("#e7ecf3")
_LEFT = Qt.AlignmentFlag.AlignLeft
_CENTRE = Qt.AlignmentFlag.AlignHCenter
_registered: list[str] = []


def register_fonts() -> str:
    """Make the shipped font available (once per process) and return its family name."""
    if not _registered:
        families: list[str] = []
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
        _registered.append(families[0] if families else FONT_FAMILY)
    return _registered[0]


def _px(points: float) -> float:
    return points * RESOLUTION / 72


@dataclass(frozen=True)
class _Style:
    font: QFont
    metrics: QFontMetricsF

    @property
    def line(self) -> float:
        return self.metrics.lineSpacing()


# What one part of the document draws, positioned relative to its own top while measuring
# and moved onto its page once placed; pages are drawn when the page count is known.
_Text = tuple[QFont, float, float, str]  # font, left, baseline, text
_Box = tuple[float, float, float, float, bool]  # left, top, width, height, filled


@dataclass
class _Piece:
    height: float
    texts: list[_Text] = field(default_factory=list)
    boxes: list[_Box] = field(default_factory=list)


@dataclass
class _Page:
    texts: list[_Text] = field(default_factory=list)
    boxes: list[_Box] = field(default_factory=list)


class _Layout:
    """Places the document's parts on pages of `width` × `height` layout pixels."""

    def __init__(self, writer: QPdfWriter, family: str, width: float, height: float) -> None:
        self.writer = writer
        self.width = width
        self.height = height
        self.pages: list[_Page] = [_Page()]
        self.y = 0.0
        self.body = self._style(family, BODY_POINTS)
        self.bold = self._style(family, BODY_POINTS, bold=True)
        self.italic = self._style(family, BODY_POINTS, italic=True)
        self.underlined = self._style(family, BODY_POINTS, bold=True, underline=True)
        self.title = self._style(family, TITLE_POINTS, bold=True)
        self.cell = self._style(family, TABLE_POINTS)
        self.cell_bold = self._style(family, TABLE_POINTS, bold=True)
        self.padding = _px(2)
        self.gap = _px(6)

    def _style(
        self,
        family: str,
        points: float,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
    ) -> _Style:
        font = QFont(family)
        font.setPointSizeF(points)
        font.setBold(bold)
        font.setItalic(italic)
        font.setUnderline(underline)
        return _Style(font, QFontMetricsF(font, self.writer))

    # ------------------------------------------------------------------ pages

    def room(self) -> float:
        return self.height - self.y

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = 0.0

    def ensure(self, height: float) -> bool:
        """Start a new page unless `height` fits on this one (or the page is still empty).
        Returns whether a page was started."""
        if height > self.room() and self.y > 0:
            self.new_page()
            return True
        return False

    def put(self, piece: _Piece) -> None:
        top = self.y
        page = self.pages[-1]
        page.texts += [(font, x, y + top, text) for font, x, y, text in piece.texts]
        page.boxes += [(x, y + top, w, h, filled) for x, y, w, h, filled in piece.boxes]
        self.y += piece.height

    # ------------------------------------------------------------------ text

    def wrap(self, text: str, style: _Style, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n") or [""]:
            if style.metrics.horizontalAdvance(paragraph) <= width:
                lines.append(paragraph)
                continue
            layout = QTextLayout(paragraph, style.font, self.writer)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                start = line.textStart()
                lines.append(paragraph[start : start + line.textLength()].rstrip())
            layout.endLayout()
        return lines

    @staticmethod
    def texts(
        lines: Sequence[str],
        style: _Style,
        x: float,
        y: float,
        width: float,
        align: Qt.AlignmentFlag,
    ) -> list[_Text]:
        placed = []
        baseline = y + style.metrics.ascent()
        for line in lines:
            if line:
                if align == Qt.AlignmentFlag.AlignLeft:
                    left = x
                else:
                    slack = width - style.metrics.horizontalAdvance(line)
                    left = x + (slack if align == Qt.AlignmentFlag.AlignRight else slack / 2)
                placed.append((style.font, left, baseline, line))
            baseline += style.line
        return placed

    def lines(
        self,
        text: str,
        style: _Style,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        x: float = 0.0,
        width: float | None = None,
    ) -> None:
        """Flowing text: wrapped, breaking across pages between lines if it must."""
        width = self.width - x if width is None else width
        for line in self.wrap(text, style, width):
            self.ensure(style.line)
            self.put(_Piece(style.line, self.texts([line], style, x, 0.0, width, align)))

    # ------------------------------------------------------------------ blocks

    def columns(self, parts: Sequence[tuple[float, Sequence[tuple[str, _Style]]]]) -> None:
        """Side-by-side centred columns (letterhead, signatures): (share of the width, lines)."""
        piece = _Piece(0.0)
        x = 0.0
        for share, items in parts:
            width = self.width * share
            y = 0.0
            for text, style in items:
                wrapped = self.wrap(text, style, width) if text else [""]
                piece.texts += self.texts(wrapped, style, x, y, width, _CENTRE)
                y += len(wrapped) * style.line
            piece.height = max(piece.height, y)
            x += width
        self.ensure(piece.height)
        self.put(piece)

    def table(self, table: Table, lang: str) -> None:
        total = sum(c.width for c in table.columns) or 1.0
        # Narrow tables keep their natural width (at least half the page) rather than
        # stretching two columns across it; wide ones shrink to fit.
        width = min(self.width, max(self.width / 2, total * _px(CHAR_POINTS)))
        widths = self._fit_unbreakable(
            table, lang, [width * c.width / total for c in table.columns]
        )
        header = self._row(
            [(c.title, Kind.TEXT, None) for c in table.columns], widths, self.cell_bold, True
        )
        signature = any(c.kind == Kind.SIGNATURE for c in table.columns)
        minimum = _px(SIGNATURE_ROW_POINTS) if signature else 0.0
        title = self.wrap(table.title, self.bold, self.width) if table.title else []
        # A title or header alone at the foot of a page is moved on with the first rows.
        self.ensure(len(title) * self.bold.line + header.height + max(minimum, 2 * self.cell.line))
        if title:
            self.put(
                _Piece(
                    len(title) * self.bold.line,
                    self.texts(title, self.bold, 0, 0, self.width, _LEFT),
                )
            )
        self.put(header)

        def place(piece: _Piece) -> None:
            if self.ensure(piece.height):
                self.put(header)
            self.put(piece)

        for section in table.sections:
            rows = [
                self._row(_cells(row, table.columns, lang), widths, self.cell, False, minimum)
                for row in section.rows
            ]
            if section.title:
                # A group's title goes to the next page with its first row.
                span = self._span(section.title, widths)
                if self.ensure(span.height + (rows[0].height if rows else 0.0)):
                    self.put(header)
                self.put(span)
            for piece in rows:
                place(piece)
            if section.subtotal is not None:
                cells = _cells(section.subtotal, table.columns, lang)
                place(self._row(cells, widths, self.cell_bold))
        if table.total is not None:
            place(self._row(_cells(table.total, table.columns, lang), widths, self.cell_bold))

    def _fit_unbreakable(self, table: Table, lang: str, widths: list[float]) -> list[float]:
        """Column widths in which nothing that must stay whole is broken: amounts, dates and
        text without spaces (record codes, account numbers) keep their widest value on one
        line, bold totals included, and no word of a header or a name is split. The room
        comes from the slack of the columns that can wrap; only a table too wide for the
        page at all is squeezed evenly."""
        lines: list[tuple[Row, _Style]] = []
        for section in table.sections:
            lines += [(row, self.cell) for row in section.rows]
            if section.subtotal is not None:
                lines.append((section.subtotal, self.cell_bold))
        if table.total is not None:
            lines.append((table.total, self.cell_bold))
        available = sum(widths)
        floors: list[float] = []
        sized = list(widths)
        for index, column in enumerate(table.columns):
            texts = [(word, self.cell_bold) for word in column.title.split()]
            values = [(cell_text(row[index], column.kind, lang), style) for row, style in lines]
            breakable = column.kind == Kind.TEXT and any(" " in text for text, _ in values)
            if breakable:
                # Text that wraps does so between words: the longest word is the floor.
                words = {w: style for text, style in values for w in text.split()}
                texts += sorted(words.items(), key=lambda item: -len(item[0]))[:50]
            elif column.kind != Kind.SIGNATURE:
                texts += values
            widest = max((style.metrics.horizontalAdvance(t) for t, style in texts), default=0.0)
            floor = min(widest + 2 * self.padding + 1, available * 0.3)
            floors.append(floor)
            sized[index] = max(widths[index], floor)
        overflow = sum(sized) - available
        if overflow <= 0:
            return sized
        slack = sum(w - f for w, f in zip(sized, floors, strict=True))
        if slack >= overflow:
            share = overflow / slack
            return [w - (w - f) * share for w, f in zip(sized, floors, strict=True)]
        return [f * available / sum(floors) for f in floors]

    def _row(
        self,
        cells: Sequence[tuple[str, Kind, object]],
        widths: Sequence[float],
        style: _Style,
        header: bool = False,
        minimum: float = 0.0,
    ) -> _Piece:
        pad = self.padding
        wrapped = [
            self.wrap(text, style, max(width - 2 * pad, 1.0))
            for (text, _, _), width in zip(cells, widths, strict=True)
        ]
        height = max(max(len(w) for w in wrapped) * style.line + 2 * pad, minimum)
        piece = _Piece(height)
        x = 0.0
        for (_, kind, value), lines, width in zip(cells, wrapped, widths, strict=True):
            if header or kind in (Kind.DATE, Kind.MONTH):
                align = _CENTRE
            elif kind in NUMERIC_KINDS and not isinstance(value, str):
                align = Qt.AlignmentFlag.AlignRight
            else:
                align = _LEFT
            top = pad if not header else (height - len(lines) * style.line) / 2
            piece.texts += self.texts(lines, style, x + pad, top, width - 2 * pad, align)
            piece.boxes.append((x, 0.0, width, height, header))
            x += width
        return piece

    def _span(self, text: str, widths: Sequence[float]) -> _Piece:
        width = sum(widths)
        pad = self.padding
        lines = self.wrap(text, self.cell_bold, width - 2 * pad)
        height = len(lines) * self.cell_bold.line + 2 * pad
        texts = self.texts(lines, self.cell_bold, pad, pad, width - 2 * pad, _LEFT)
        return _Piece(height, texts, [(0.0, 0.0, width, height, False)])

    def fields(self, block: Fields) -> None:
        if block.title:
            self.y += self.gap / 2
            self.lines(block.title, self.bold)
        label_width = self.width * 0.32
        value_width = self.width - label_width
        for label, value in block.items:
            labels = self.wrap(f"{label}:", self.body, label_width - self.padding)
            values = self.wrap(value, self.body, value_width)
            height = max(len(labels), len(values)) * self.body.line
            self.ensure(height)
            texts = self.texts(labels, self.body, 0, 0, label_width, _LEFT)
            texts += self.texts(values, self.body, label_width, 0, value_width, _LEFT)
            self.put(_Piece(height, texts))

    def paragraphs(self, block: Paragraphs) -> None:
        if block.title:
            self.y += self.gap / 2
            self.lines(block.title, self.bold, _CENTRE if block.centred_title else _LEFT)
        style = self.italic if block.italic else self.body
        for line in block.lines:
            self.lines(line, style)
            self.y += style.line * 0.25


def _cells(row: Row, columns: Sequence[Column], lang: str) -> list[tuple[str, Kind, object]]:
    return [(cell_text(v, c.kind, lang), c.kind, v) for v, c in zip(row, columns, strict=True)]


def lay_out(document: Document, writer: QPdfWriter, family: str) -> list[_Page]:
    """Measure `document` onto pages: what each page draws, and where."""
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = _px(BODY_POINTS * 2)
    layout = _Layout(writer, family, area.width(), area.height() - footer)
    if document.agency or document.motto:
        layout.columns(
            [
                (0.4, [(line, layout.bold) for line in document.agency]),
                (
                    0.6,
                    [
                        (line, layout.underlined if index == 1 else layout.bold)
                        for index, line in enumerate(document.motto)
                    ],
                ),
            ]
        )
        layout.y += layout.gap
    layout.lines(document.title.upper(), layout.title, _CENTRE)
    for line in document.subtitle:
        layout.lines(line, layout.italic, _CENTRE)
    for block in document.blocks:
        layout.y += layout.gap
        if isinstance(block, Table):
            layout.table(block, document.lang)
        elif isinstance(block, Fields):
            layout.fields(block)
        else:
            layout.paragraphs(block)
    if document.place_date or document.signatures:
        layout.y += layout.gap
        blank = layout.body.line
        needed = layout.italic.line + 8 * blank
        layout.ensure(needed)
    if document.place_date:
        layout.lines(
            document.place_date, layout.italic, _CENTRE, x=layout.width / 2, width=layout.width / 2
        )
    if document.signatures:
        blocks: list[tuple[float, Sequence[tuple[str, _Style]]]] = [
            (
                1 / max(2, len(document.signatures)),
                [
                    (s.title, layout.bold),
                    (s.note, layout.italic),
                    *[("", layout.body)] * 4,
                    (s.name, layout.bold),
                ],
            )
            for s in document.signatures
        ]
        if len(blocks) == 1:
            # One signer signs on the right, under the place and date.
            blocks.insert(0, (0.5, []))
        layout.columns(blocks)
    return layout.pages


def write_pdf(document: Document, path: Path) -> int:
    """Render `document` to a PDF at `path` (A4, landscape if it says so); returns the
    number of pages. The file is written aside and moved into place when complete."""
    partial = path.with_name(path.name + ".part")
    try:
        pages = _write(document, partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return pages


def _write(document: Document, path: Path) -> int:
    family = register_fonts()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("BTXH Desktop")
    orientation = (
        QPageLayout.Orientation.Landscape
        if document.landscape
        else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter
        )
    )
    pages = lay_out(document, writer, family)
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_font = QFont(family)
    footer_font.setPointSizeF(BODY_POINTS - 1)
    footer = QRectF(0, area.height() - _px(BODY_POINTS * 1.5), area.width(), _px(BODY_POINTS * 1.5))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EACCES, "cannot write the PDF", str(path))
    pen = QPen(QColor("black"))
    pen.setWidthF(_px(0.5))
    try:
        for index, page in enumerate(pages):
            if index:
                writer.newPage()
            painter.setPen(pen)
            for x, y, width, height, filled in page.boxes:
                box = QRectF(x, y, width, height)
                if filled:
                    painter.fillRect(box, HEADER_FILL)
                painter.drawRect(box)
            current: QFont | None = None
            for font, x, y, text in page.texts:
                if font is not current:
                    painter.setFont(font)
                    current = font
                painter.drawText(QPointF(x, y), text)
            painter.setFont(footer_font)
            painter.drawText(
                footer,
                int(Qt.AlignmentFlag.AlignCenter),
                render("report.page", {"page": index + 1, "pages": len(pages)}, document.lang),
            )
    finally:
        painter.end()
    return len(pages)
