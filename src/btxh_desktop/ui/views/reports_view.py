"""Báo cáo: statistics for a period (a chart and its tables), the month's payment list, the
list for the commune notice board, the printable documents of a person, and the way in to
importing a beneficiary spreadsheet.

What the screen shows is the very `Document` an export writes (services/report_layouts.py),
so the .xlsx or PDF always says what the officer saw. Building a report and writing a file
run in the background; exports are checked and audited by the reports service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services import report_layouts
from btxh_desktop.services.documents import NUMERIC_KINDS, Document, Kind, Row, Table, cell_text
from btxh_desktop.services.permissions import Permission
from btxh_desktop.services.reports import PersonDocuments
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import i18n, printing
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.import_dialog import ImportDialog
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import (
    FlowLayout,
    MonthField,
    configure_table,
    error_label,
    error_text,
    fit_columns,
    heading,
    permit,
)

FOLDER_KEY = "reports/folder"
MAX_BARS = 30
CHART_MIN_HEIGHT = 280
CHART_MAX_HEIGHT = 400
TABLE_ROWS_KEPT = 3  # the chart grows only as far as leaves the table this many rows
# Qt Charts shows a bar's name as "…" unless its band of the axis (the plot's height over
# the bars plus one) holds a line of the labels' font and 4 pixels above and below it.
BAR_LABEL_PADDING = 10
CHART_FRAME = 100  # title, value axis and margins around the plot
MIN_LABEL_POINTS = 7.0
Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------- a document's table on screen


@dataclass(frozen=True)
class _Line:
    kind: str  # "section", "row", "subtotal" or "total"
    values: Row | str


class DocumentTableModel(QAbstractTableModel):
    """One table of a document, its sections flattened: each section's title, rows and
    subtotal, then the total — as the printed list has them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: Table | None = None
        self._lang = "vi"
        self._lines: list[_Line] = []

    def set_table(self, table: Table | None, lang: str) -> None:
        self.beginResetModel()
        self.table = table
        self._lang = lang
        self._lines = []
        if table is not None:
            for section in table.sections:
                if section.title:
                    self._lines.append(_Line("section", section.title))
                self._lines += [_Line("row", row) for row in section.rows]
                if section.subtotal is not None:
                    self._lines.append(_Line("subtotal", section.subtotal))
            if table.total is not None:
                self._lines.append(_Line("total", table.total))
        self.endResetModel()

    def data_rows(self) -> list[Row]:
        return [line.values for line in self._lines if line.kind == "row"]  # type: ignore[misc]

    def section_rows(self) -> list[int]:
        return [i for i, line in enumerate(self._lines) if line.kind == "section"]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Unhandled roles return None explicitly (PySide6 6.12 crashed on super() here).
        if self.table is None or not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        column = self.table.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(line.values, str):
                return line.values if index.column() == 0 else ""
            return cell_text(line.values[index.column()], column.kind, self._lang)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = column.kind in NUMERIC_KINDS and not isinstance(line.values, str)
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.kind != "row":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            self.table is not None
            and role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.table.columns)
        ):
            return self.table.columns[section].title
        return None


def _table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    configure_table(view)
    view.setSortingEnabled(False)
    return view


def _show_table(
    view: QTableView, model: DocumentTableModel, table: Table | None, lang: str
) -> None:
    """Show `table` as the paper has it: group titles across the whole row, the widest text
    column taking the slack; the signature column stays on paper."""
    model.set_table(table, lang)
    view.clearSpans()
    if table is None:
        return
    for row in model.section_rows():
        view.setSpan(row, 0, 1, len(table.columns))
    configure_table(view)
    view.setSortingEnabled(False)  # subtotals belong under their own rows
    view.horizontalHeader().setStretchLastSection(False)
    for index, column in enumerate(table.columns):
        view.setColumnHidden(index, column.kind == Kind.SIGNATURE)
    fit_columns(view, widest=420)
    header = view.horizontalHeader()
    if header.length() < view.viewport().width():
        # Room to spare: the longest text (a category's name) takes it rather than wrapping.
        text_columns = [i for i, c in enumerate(table.columns) if c.kind == Kind.TEXT]
        widest = max(text_columns, key=lambda i: table.columns[i].width, default=None)
        if widest is not None:
            header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)


def _document_table(document: Document, view: QTableView, model: DocumentTableModel) -> None:
    tables = document.tables()
    _show_table(view, model, tables[0] if tables else None, document.lang)


# ---------------------------------------------------------------- the page


class ReportsPage(Page):
    entities = frozenset(
        {
            "person",
            "allowance_case",
            "allowance_change",
            "payment",
            "residency",
            "funeral_support",
            "emergency_event",
            "emergency_distribution",
        }
    )

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        printing.register_fonts()  # on the GUI thread, before any PDF is drawn in the background
        self.statistics_document: Document | None = None
        self.payment_document: Document | None = None
        self.posting_document: Document | None = None
        self.person_documents: PersonDocuments | None = None
        self.save_dialog: QFileDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.last_saved: Path | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading(self.title()))
        bar = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.clicked.connect(self.open_import)
        self.people_button = QPushButton(self.tr("Export the list of people (Excel)…"))
        self.people_button.clicked.connect(self.export_people)
        bar.addWidget(self.import_button)
        bar.addWidget(self.people_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = error_label()
        layout.addWidget(self.message)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_label.hide()  # until a file is saved: an empty line would push the tabs down
        layout.addWidget(self.saved_label)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._statistics_tab(), self.tr("Statistics"))
        self.tabs.addTab(self._payments_tab(), self.tr("Payment list"))
        self.tabs.addTab(self._posting_tab(), self.tr("Public posting"))
        self.tabs.addTab(self._documents_tab(), self.tr("Printable documents"))
        layout.addWidget(self.tabs, 1)

        actor = ui.services.ctx.actor
        permit(self.import_button, actor, Permission.IMPORT)
        permit(self.people_button, actor, Permission.EXPORT)
        for button in (
            self.statistics_xlsx,
            self.statistics_pdf,
            self.payments_xlsx,
            self.payments_pdf,
            self.posting_xlsx,
            self.posting_pdf,
        ):
            permit(button, actor, Permission.EXPORT, False, self.tr("Show the report first."))
        self._person_chosen()

    def title(self) -> str:
        return self.tr("Reports")

    # ------------------------------------------------------------------ refreshing

    def refresh(self) -> None:
        """Reports already shown are built again from the current records."""
        if self.statistics_document is not None:
            self.load_statistics()
        if self.payment_document is not None:
            self.load_payments()
        if self.posting_document is not None:
            self.load_posting()

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self.refresh()

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None], label: str) -> None:
        self.message.hide()
        self.ui.runner.run(work, done, self._failed, label=label, parent=self)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()

    # ------------------------------------------------------------------ statistics

    def _statistics_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        # Wraps at large text sizes rather than squeezing its labels and buttons.
        form = FlowLayout()
        today = Month.of(self.ui.services.ctx.today())
        half_start = Month(today.year, 1 if today.month <= 6 else 7)
        self.period = QComboBox()
        self.period.addItem(self.tr("This half-year"), "half")
        self.period.addItem(self.tr("Previous half-year"), "previous_half")
        self.period.addItem(self.tr("This year"), "year")
        self.period.addItem(self.tr("This month"), "month")
        self.period.addItem(self.tr("Chosen months"), "custom")
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.from_month = MonthField(half_start)
        self.to_month = MonthField(today)
        self.statistics_button = QPushButton(self.tr("Show"))
        self.statistics_button.clicked.connect(self.load_statistics)
        self.statistics_xlsx = QPushButton(self.tr("Save as Excel…"))
        self.statistics_xlsx.clicked.connect(lambda: self._ask_save("statistics", "xlsx"))
        self.statistics_pdf = QPushButton(self.tr("Save as PDF…"))
        self.statistics_pdf.clicked.connect(lambda: self._ask_save("statistics", "pdf"))
        form.addWidget(QLabel(self.tr("Period")))
        form.addWidget(self.period)
        form.addWidget(QLabel(self.tr("from")))
        form.addWidget(self.from_month)
        form.addWidget(QLabel(self.tr("to")))
        form.addWidget(self.to_month)
        form.addWidget(self.statistics_button)
        form.addWidget(self.statistics_xlsx)
        form.addWidget(self.statistics_pdf)
        layout.addLayout(form)

        self.chart = QChart()
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(CHART_MIN_HEIGHT)
        self.section = QComboBox()
        self.section.currentIndexChanged.connect(self._section_chosen)
        self.statistics_model = DocumentTableModel(self)
        self.statistics_table = _table_view(self.statistics_model)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.section)
        lower_layout.addWidget(self.statistics_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart_view)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        return tab

    def _period_chosen(self) -> None:
        today = Month.of(self.ui.services.ctx.today())
        first_half = today.month <= 6
        choice = self.period.currentData()
        periods = {
            "half": (Month(today.year, 1 if first_half else 7), today),
            "previous_half": (
                Month(today.year - 1, 7) if first_half else Month(today.year, 1),
                Month(today.year - 1, 12) if first_half else Month(today.year, 6),
            ),
            "year": (Month(today.year, 1), today),
            "month": (today, today),
        }
        if choice in periods:
            start, end = periods[choice]
            self.from_month.set_value(start)
            self.to_month.set_value(end)

    def load_statistics(self) -> None:
        reports = self.ui.services.reports
        start, end = self.from_month.value(), self.to_month.value()
        lang, today = i18n.language(), self.ui.services.ctx.today()
        self._run(
            lambda: report_layouts.statistics(reports.statistics(start, end), lang, today),
            self._statistics_loaded,
            self.tr("Preparing the statistics…"),
        )

    def _statistics_loaded(self, document: Document) -> None:
        self.statistics_document = document
        chosen = self.section.currentIndex()
        self.section.blockSignals(True)
        self.section.clear()
        for table in document.tables():
            self.section.addItem(table.title or document.title)
        self.section.blockSignals(False)
        charted = next((i for i, t in enumerate(document.tables()) if t.chart), 0)
        self.section.setCurrentIndex(chosen if chosen >= 0 else charted)
        self._section_chosen()
        self._enable_exports(self.statistics_xlsx, self.statistics_pdf)

    def _section_chosen(self) -> None:
        document = self.statistics_document
        if document is None:
            return
        tables = document.tables()
        index = self.section.currentIndex()
        table = tables[index] if 0 <= index < len(tables) else None
        _show_table(self.statistics_table, self.statistics_model, table, document.lang)
        self._draw_chart(table)

    def _draw_chart(self, table: Table | None) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        keys = [c.key for c in table.columns] if table is not None else []
        if table is None or table.chart not in keys:
            self.chart.setTitle(self.tr("No chart for this table"))
            return
        column = keys.index(table.chart)
        rows = self.statistics_model.data_rows()[:MAX_BARS]
        labels = [cell_text(r[0], table.columns[0].kind, i18n.language()) for r in rows]
        values = [float(r[column] or 0) for r in rows]  # type: ignore[arg-type]
        bars = QBarSet(table.columns[column].title)
        bars.append(list(reversed(values)))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        bars.setLabelColor(QColor("#1a1a1a"))
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(list(reversed(labels)))
        small = QFont(self.font())
        small.setPointSizeF(max(8.0, small.pointSizeF() - 1))
        categories.setLabelsFont(self._fit_chart(len(rows), small))
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        amounts = QValueAxis()
        amounts.setRange(0, max([*values, 1.0]) * 1.15)
        amounts.applyNiceNumbers()
        amounts.setLabelFormat("%.0f")
        self.chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(amounts)
        self.chart.setTitle(f"{table.title or ''} — {table.columns[column].title}")

    def _fit_chart(self, bars: int, font: QFont) -> QFont:
        """Make the chart tall enough for every bar's name, as far as the table under it
        keeps a few rows; past that, the names get a smaller font. Returns their font."""
        table = self.statistics_table
        kept = (
            self.section.sizeHint().height()
            + table.horizontalHeader().sizeHint().height()
            + TABLE_ROWS_KEPT * table.verticalHeader().defaultSectionSize()
        )
        limit = max(CHART_MIN_HEIGHT, min(CHART_MAX_HEIGHT, self.splitter.height() - kept))
        font = QFont(font)
        while True:
            band = QFontMetrics(font).height() + BAR_LABEL_PADDING
            needed = CHART_FRAME + (bars + 1) * band
            if needed <= limit or font.pointSizeF() <= MIN_LABEL_POINTS:
                break
            font.setPointSizeF(font.pointSizeF() - 1)
        self.chart_view.setMinimumHeight(max(CHART_MIN_HEIGHT, min(needed, limit)))
        return font

    # ------------------------------------------------------------------ payment list

    def _payments_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        form = QHBoxLayout()
        self.payment_month = MonthField(Month.of(self.ui.services.ctx.today()))
        self.payments_button = QPushButton(self.tr("Show"))
        self.payments_button.clicked.connect(self.load_payments)
        self.payments_xlsx = QPushButton(self.tr("Save as Excel…"))
        self.payments_xlsx.clicked.connect(lambda: self._ask_save("payments", "xlsx"))
        self.payments_pdf = QPushButton(self.tr("Save as PDF…"))
        self.payments_pdf.clicked.connect(lambda: self._ask_save("payments", "pdf"))
        form.addWidget(QLabel(self.tr("Month")))
        form.addWidget(self.payment_month)
        form.addWidget(self.payments_button)
        form.addStretch(1)
        form.addWidget(self.payments_xlsx)
        form.addWidget(self.payments_pdf)
        layout.addLayout(form)
        self.payment_summary = QLabel()
        self.payment_summary.setWordWrap(True)
        layout.addWidget(self.payment_summary)
        self.payment_model = DocumentTableModel(self)
        self.payment_table = _table_view(self.payment_model)
        layout.addWidget(self.payment_table, 1)
        return tab

    def load_payments(self) -> None:
        reports = self.ui.services.reports
        month = self.payment_month.value()
        lang, today = i18n.language(), self.ui.services.ctx.today()

        def build() -> tuple[Document, int, int, bool]:
            report = reports.payment_list(month)
            document = report_layouts.payment_list(report, lang, today)
            payments = report.payments
            return document, len(payments.lines), payments.total, payments.finalised

        self._run(build, self._payments_loaded, self.tr("Preparing the payment list…"))

    def _payments_loaded(self, result: tuple[Document, int, int, bool]) -> None:
        document, lines, total, finalised = result
        self.payment_document = document
        _document_table(document, self.payment_table, self.payment_model)
        state = self.tr("finalised") if finalised else self.tr("provisional, not finalised yet")
        self.payment_summary.setText(
            self.tr("{count} people, {total} in all ({state}).").format(
                count=lines, total=i18n.money(total), state=state
            )
        )
        self._enable_exports(self.payments_xlsx, self.payments_pdf)

    # ------------------------------------------------------------------ public posting

    def _posting_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        form = QHBoxLayout()
        self.posting_month = MonthField(Month.of(self.ui.services.ctx.today()))
        self.posting_kind = QComboBox()
        self.posting_kind.addItem(self.tr("Beneficiaries paid in the month"), False)
        self.posting_kind.addItem(self.tr("Applications awaiting a decision"), True)
        self.posting_button = QPushButton(self.tr("Show"))
        self.posting_button.clicked.connect(self.load_posting)
        self.posting_xlsx = QPushButton(self.tr("Save as Excel…"))
        self.posting_xlsx.clicked.connect(lambda: self._ask_save("posting", "xlsx"))
        self.posting_pdf = QPushButton(self.tr("Save as PDF…"))
        self.posting_pdf.clicked.connect(lambda: self._ask_save("posting", "pdf"))
        form.addWidget(QLabel(self.tr("Month")))
        form.addWidget(self.posting_month)
        form.addWidget(self.posting_kind)
        form.addWidget(self.posting_button)
        form.addStretch(1)
        form.addWidget(self.posting_xlsx)
        form.addWidget(self.posting_pdf)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "For the notice board: name, birth year, address, category and amount only. "
                "People whose category or record reveals HIV are never on this list, and no "
                "ID numbers, ethnicity or health details are printed."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.posting_model = DocumentTableModel(self)
        self.posting_table = _table_view(self.posting_model)
        layout.addWidget(self.posting_table, 1)
        return tab

    def load_posting(self) -> None:
        reports = self.ui.services.reports
        month, applicants = self.posting_month.value(), bool(self.posting_kind.currentData())
        lang, today = i18n.language(), self.ui.services.ctx.today()
        self._run(
            lambda: report_layouts.public_posting(
                reports.public_posting(month, applicants), lang, today
            ),
            self._posting_loaded,
            self.tr("Preparing the list…"),
        )

    def _posting_loaded(self, document: Document) -> None:
        self.posting_document = document
        _document_table(document, self.posting_table, self.posting_model)
        self._enable_exports(self.posting_xlsx, self.posting_pdf)

    # ------------------------------------------------------------------ printable documents

    def _documents_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        search = QHBoxLayout()
        self.person_search = QLineEdit()
        self.person_search.setPlaceholderText(self.tr("Name, record code or ID number"))
        self.person_search.returnPressed.connect(self.search_people)
        self.search_button = QPushButton(self.tr("Find"))
        self.search_button.clicked.connect(self.search_people)
        search.addWidget(self.person_search, 1)
        search.addWidget(self.search_button)
        layout.addLayout(search)
        self.people_model: RowsModel[PersonRecord] = RowsModel(
            [
                Column(self.tr("Record code"), lambda p: p.code),
                Column(self.tr("Full name"), lambda p: p.full_name),
                Column(self.tr("Date of birth"), lambda p: p.birth.display()),
            ],
            key=lambda p: p.id,
            parent=self,
        )
        self.people_table = QTableView()
        self.people_table.setModel(self.people_model)
        configure_table(self.people_table, stretch_column=1)
        self.people_table.setSortingEnabled(False)  # found people come sorted by name
        self.people_table.selectionModel().selectionChanged.connect(
            lambda *_: self._person_chosen()
        )
        layout.addWidget(self.people_table, 1)
        self.profile_button = QPushButton(self.tr("Personal file (PDF)…"))
        self.decision_button = QPushButton(self.tr("Allowance decision (PDF)…"))
        self.admission_button = QPushButton(self.tr("Admission record (PDF)…"))
        self.funeral_button = QPushButton(self.tr("Funeral support record (PDF)…"))
        for button, kind in (
            (self.profile_button, "profile"),
            (self.decision_button, "decision"),
            (self.admission_button, "admission"),
            (self.funeral_button, "funeral"),
        ):
            button.clicked.connect(lambda _=False, k=kind: self._ask_save(k, "pdf"))
        # Four long titles: they wrap onto a second line rather than being cut.
        row = FlowLayout()
        for button in (
            self.profile_button,
            self.decision_button,
            self.admission_button,
            self.funeral_button,
        ):
            row.addWidget(button)
        layout.addLayout(row)
        return tab

    def search_people(self) -> None:
        text = self.person_search.text().strip()
        if not text:
            return
        people = self.ui.services.people
        self._run(lambda: people.search(text, 200), self._people_found, self.tr("Searching…"))

    def _people_found(self, found: list[PersonRecord]) -> None:
        self.people_model.set_rows(found)
        fit_columns(self.people_table)
        if found:
            self.people_table.selectRow(0)
        self._person_chosen()

    def chosen_person(self) -> PersonRecord | None:
        rows = self.people_table.selectionModel().selectedRows()
        return self.people_model.row(rows[0].row()) if rows else None

    def _person_chosen(self) -> None:
        person = self.chosen_person()
        self.person_documents = None
        self._show_person_documents()
        if person is None:
            return
        reports = self.ui.services.reports
        person_id = person.id

        def found(documents: PersonDocuments) -> None:
            chosen = self.chosen_person()
            if chosen is not None and chosen.id == person_id:
                self.person_documents = documents
                self._show_person_documents()

        self.ui.runner.run(lambda: reports.documents_for(person_id), found, self._failed)

    def _show_person_documents(self) -> None:
        actor = self.ui.services.ctx.actor
        docs = self.person_documents
        why = self.tr("Choose a person who has this record.")
        permit(self.profile_button, actor, Permission.EXPORT, docs is not None, why)
        permit(self.decision_button, actor, Permission.EXPORT, bool(docs and docs.case_ids), why)
        permit(
            self.admission_button, actor, Permission.EXPORT, bool(docs and docs.residency_ids), why
        )
        permit(self.funeral_button, actor, Permission.EXPORT, bool(docs and docs.funeral_ids), why)

    # ------------------------------------------------------------------ saving files

    def _enable_exports(self, *buttons: QPushButton) -> None:
        for button in buttons:
            permit(button, self.ui.services.ctx.actor, Permission.EXPORT)

    def _suggested_name(self, kind: str, fmt: str) -> str:
        if kind == "statistics":
            start, end = self.from_month.value(), self.to_month.value()
            return f"thong-ke-{start}-den-{end}.{fmt}"
        if kind == "payments":
            return f"danh-sach-chi-tra-{self.payment_month.value()}.{fmt}"
        if kind == "posting":
            return f"niem-yet-{self.posting_month.value()}.{fmt}"
        if kind == "people":
            return f"danh-sach-doi-tuong.{fmt}"
        person = self.chosen_person()
        code = person.code if person is not None else ""
        names = {
            "profile": "ho-so",
            "decision": "quyet-dinh",
            "admission": "bien-ban-tiep-nhan",
            "funeral": "mai-tang",
        }
        return f"{names[kind]}-{code}.{fmt}"

    def _ask_save(self, kind: str, fmt: str) -> None:
        folder = Path(
            str(
                self.ui.settings.value(
                    FOLDER_KEY,
                    QStandardPaths.writableLocation(
                        QStandardPaths.StandardLocation.DocumentsLocation
                    ),
                )
            )
        )
        filters = {
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "pdf": self.tr("PDF document (*.pdf)"),
        }
        dialog = QFileDialog(
            self, self.tr("Save as"), str(folder / self._suggested_name(kind, fmt)), filters[fmt]
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.fileSelected.connect(lambda path: self.save(kind, fmt, Path(path)))
        self.save_dialog = dialog
        dialog.open()

    def save(self, kind: str, fmt: str, path: Path) -> None:
        """Write the report of `kind` to `path` as `fmt` ("xlsx" or "pdf"), in the background."""
        self.ui.settings.setValue(FOLDER_KEY, str(path.parent))
        services = self.ui.services
        reports = services.reports
        lang, today = i18n.language(), services.ctx.today()
        shown = {
            "statistics": self.statistics_document,
            "payments": self.payment_document,
            "posting": self.posting_document,
        }
        person = self.chosen_person()
        docs = self.person_documents

        def document() -> Document:
            if kind in shown:
                ready = shown[kind]
                assert ready is not None
                return ready
            if kind == "people":
                return report_layouts.people(reports.people(), lang, today)
            assert person is not None and docs is not None
            if kind == "profile":
                return report_layouts.profile(reports.person_profile(person.id), lang, today)
            if kind == "decision":
                draft = reports.decision_draft(docs.case_ids[0])
                return report_layouts.decision(draft, lang, today)
            if kind == "admission":
                record = reports.admission_record(docs.residency_ids[0])
                return report_layouts.admission(record, lang, today)
            funeral = reports.funeral_record(docs.funeral_ids[0])
            return report_layouts.funeral(funeral, lang, today)

        def work() -> Path:
            reports.authorise_export()
            written = document()
            if fmt == "pdf":
                try:
                    printing.write_pdf(written, path)
                except OSError as error:
                    raise DomainError(
                        "report.cannot_write", path=str(path), reason=str(error)
                    ) from error
                reports.record_export(written)
            else:
                reports.export(written, path, fmt)
            return path

        self._run(work, self._saved, self.tr("Saving {name}…").format(name=path.name))

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        self.saved_label.setText(self.tr("Saved: {path}").format(path=str(path)))
        self.saved_label.show()

    def export_people(self) -> None:
        self._ask_save("people", "xlsx")

    # ------------------------------------------------------------------ import

    def open_import(self) -> None:
        dialog = ImportDialog(self.ui, self)
        self.import_dialog = dialog
        dialog.open()
