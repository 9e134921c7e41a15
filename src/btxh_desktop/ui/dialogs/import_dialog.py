"""Importing a beneficiary spreadsheet, step by step: choose the file, check which column
holds what, look at every row's verdict, import with a progress bar that can be cancelled,
and save the rejected rows with their reasons.

Reading, checking and writing run in the background (services/importer.py); the import is
one transaction, so a cancelled or failed import leaves nothing behind. The dialog opens with
`open()` and reports through `imported`, so tests drive it like a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.importer import (
    FIELD_KEYS,
    ColumnMapping,
    ImportPlan,
    ImportResult,
    RowOutcome,
    RowStatus,
    Spreadsheet,
)
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.models.rows_model import (
    DANGER_BACKGROUND,
    WARNING_BACKGROUND,
    Column,
    RowsModel,
)
from btxh_desktop.ui.tasks import CancelToken
from btxh_desktop.ui.widgets.form_kit import (
    configure_table,
    error_label,
    error_text,
    fit_columns,
    wrap_rows,
)

FOLDER_KEY = "import/folder"
CHOOSE, MAPPING, PROGRESS, PREVIEW, SUMMARY = range(5)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class PreviewModel(RowsModel[RowOutcome]):
    """Every row of the file with its verdict; rejected rows in red, remarks in amber."""

    def __init__(self, parent: QWidget | None = None) -> None:
        lang = i18n.language()

        def colour(row: RowOutcome) -> QColor | None:
            if row.status == RowStatus.REJECTED:
                return DANGER_BACKGROUND
            return WARNING_BACKGROUND if row.status == RowStatus.WARNING else None

        statuses = {
            RowStatus.OK: self.tr("Valid"),
            RowStatus.WARNING: self.tr("Valid, with remarks"),
            RowStatus.REJECTED: self.tr("Rejected"),
        }
        super().__init__(
            [
                Column(self.tr("Row"), lambda r: str(r.row_number), lambda r: r.row_number, True),
                Column(self.tr("Result"), lambda r: statuses[r.status], background=colour),
                Column(self.tr("Full name"), lambda r: r.draft.full_name if r.draft else ""),
                Column(
                    self.tr("Date of birth"), lambda r: r.draft.birth.display() if r.draft else ""
                ),
                Column(self.tr("ID number"), lambda r: (r.draft.cccd or "") if r.draft else ""),
                Column(self.tr("Category"), lambda r: r.case.category if r.case else ""),
                Column(
                    self.tr("Reasons"),
                    lambda r: r.reasons(lang),
                    tooltip=lambda r: r.reasons(lang),
                ),
            ],
            key=lambda r: str(r.row_number),
            parent=parent,
        )


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.sheet: Spreadsheet | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.saved_mapping: dict[str, Any] | None = None
        self.token: CancelToken | None = None
        self.file_dialog: QFileDialog | None = None
        self._returning_to = CHOOSE
        self.setWindowTitle(self.tr("Import beneficiaries from Excel"))
        self.resize(980, 640)

        layout = QVBoxLayout(self)
        self.message = error_label()
        layout.addWidget(self.message)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._summary_page())
        layout.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._show(CHOOSE)

    # ------------------------------------------------------------------ pages

    def _choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Choose the spreadsheet (.xlsx) with the beneficiaries. The header row is "
                "found by itself; the next step shows which column was taken for what."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(lambda _: self._update_buttons())
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse_file)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        form.addRow(self.tr("File"), file_row)
        mapping_row = QHBoxLayout()
        self.mapping_label = QLabel(self.tr("None: the columns are guessed from the headers"))
        self.mapping_label.setWordWrap(True)
        load_mapping = QPushButton(self.tr("Use a saved mapping…"))
        load_mapping.clicked.connect(self.browse_mapping)
        mapping_row.addWidget(self.mapping_label, 1)
        mapping_row.addWidget(load_mapping)
        form.addRow(self.tr("Column mapping"), mapping_row)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.sheet_label = QLabel()
        self.sheet_label.setWordWrap(True)
        layout.addWidget(self.sheet_label)
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for key in FIELD_KEYS:
            combo = QComboBox()
            sample = QLabel()
            sample.setMinimumWidth(220)
            self.combos[key] = combo
            self.samples[key] = sample
            combo.currentIndexChanged.connect(lambda _=0, k=key: self._show_sample(k))
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(sample)
            form.addRow(i18n.t(f"import.field.{key}"), row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        save = QPushButton(self.tr("Save this mapping…"))
        save.clicked.connect(self.browse_save_mapping)
        row.addWidget(save)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.stage_label = QLabel()
        layout.addWidget(self.stage_label)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)
        top.addWidget(self.preview_summary, 1)
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All rows"), None)
        self.filter.addItem(self.tr("Rejected rows"), RowStatus.REJECTED)
        self.filter.addItem(self.tr("Rows with remarks"), RowStatus.WARNING)
        self.filter.addItem(self.tr("Valid rows"), RowStatus.OK)
        self.filter.currentIndexChanged.connect(self._filter_rows)
        top.addWidget(self.filter)
        layout.addLayout(top)
        self.preview = PreviewModel(self)
        self.preview_table = QTableView()
        self.preview_table.setModel(self.preview)
        configure_table(self.preview_table, stretch_column=6)
        self.preview_table.setSortingEnabled(False)
        self.preview_table.selectionModel().selectionChanged.connect(
            lambda *_: self._show_details()
        )
        layout.addWidget(self.preview_table, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        row = QHBoxLayout()
        self.report_button = QPushButton(self.tr("Save the check results (Excel)…"))
        self.report_button.clicked.connect(self.browse_report)
        row.addWidget(self.report_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        # The rejected rows stay in sight after the import, each with its reasons, so the
        # officer sees what to correct without first saving the report.
        self.rejected_rows = PreviewModel(self)
        self.rejected_table = QTableView()
        self.rejected_table.setModel(self.rejected_rows)
        configure_table(self.rejected_table, stretch_column=6)
        self.rejected_table.setSortingEnabled(False)
        self.rejected_table.setWordWrap(True)  # a row's every reason, not only the first
        wrap_rows(self.rejected_table)
        layout.addWidget(self.rejected_table, 1)
        row = QHBoxLayout()
        self.summary_report_button = QPushButton(self.tr("Save the rejected rows (Excel)…"))
        self.summary_report_button.clicked.connect(self.browse_report)
        row.addWidget(self.summary_report_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.report_saved = QLabel()
        self.report_saved.setWordWrap(True)
        layout.addWidget(self.report_saved)
        layout.addStretch()  # takes the room only while the table of rejected rows is hidden
        return page

    # ------------------------------------------------------------------ navigation

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        texts = {
            CHOOSE: self.tr("Read the file"),
            MAPPING: self.tr("Check the rows"),
            PREVIEW: self.tr("Import {count} rows").format(
                count=len(self.plan.valid) if self.plan else 0
            ),
        }
        self.next_button.setText(texts.get(page, ""))
        self.next_button.setVisible(page in texts)
        self.back_button.setVisible(page in (MAPPING, PREVIEW))
        self.close_button.setEnabled(page != PROGRESS)
        if page == CHOOSE:
            self.next_button.setEnabled(bool(self.path_edit.text().strip()))
        elif page == PREVIEW:
            self.next_button.setEnabled(bool(self.plan and self.plan.valid))
        else:
            self.next_button.setEnabled(True)

    def back(self) -> None:
        page = self.pages.currentIndex()
        self.message.hide()
        self._show(CHOOSE if page == MAPPING else MAPPING)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == CHOOSE:
            self.read_file()
        elif page == MAPPING:
            self.check_rows()
        elif page == PREVIEW:
            self.import_rows()

    # ------------------------------------------------------------------ file choices

    def _folder(self) -> str:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(self.ui.settings.value(FOLDER_KEY, documents))

    def _ask(
        self, title: str, pattern: str, save: bool, done: Callable[[Path], None], name: str = ""
    ) -> None:
        dialog = QFileDialog(self, title, str(Path(self._folder()) / name), pattern)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(pattern.rsplit(".", 1)[-1].rstrip(")"))
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: done(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    def browse_file(self) -> None:
        self._ask(self.tr("Choose the spreadsheet"), self.tr("Excel workbook (*.xlsx)"), False,
                  lambda path: self.path_edit.setText(str(path)))  # fmt: skip

    def browse_mapping(self) -> None:
        self._ask(self.tr("Choose a saved mapping"), self.tr("Column mapping (*.json)"), False,
                  self.use_mapping)  # fmt: skip

    def browse_save_mapping(self) -> None:
        self._ask(self.tr("Save the column mapping"), self.tr("Column mapping (*.json)"), True,
                  self.save_mapping, "anh-xa-cot.json")  # fmt: skip

    def browse_report(self) -> None:
        self._ask(self.tr("Save the check results"), self.tr("Excel workbook (*.xlsx)"), True,
                  self.save_report, "ket-qua-kiem-tra.xlsx")  # fmt: skip

    def use_mapping(self, path: Path) -> None:
        try:
            self.saved_mapping = self.ui.services.importer.load_mapping(path)
        except DomainError as error:
            self._failed(error)
            return
        self.message.hide()
        self.mapping_label.setText(path.name)

    # ------------------------------------------------------------------ reading

    def read_file(self) -> None:
        path = Path(self.path_edit.text().strip())
        self.ui.settings.setValue(FOLDER_KEY, str(path.parent))
        importer = self.ui.services.importer
        mapping = self.saved_mapping
        self._start(self.tr("Reading the file…"))
        self.token = self.ui.runner.run(
            lambda: importer.read(path, None, mapping), self._read_done, self._failed
        )

    def _read_done(self, sheet: Spreadsheet) -> None:
        self.sheet = sheet
        mapping = sheet.guess
        if self.saved_mapping is not None:
            try:
                mapping = ColumnMapping.from_json(self.saved_mapping, sheet.headers)
            except DomainError as error:
                self._show(CHOOSE)
                self._failed(error)
                return
        self.sheet_label.setText(
            self.tr(
                "Sheet “{sheet}”: header in row {row}, {count} data rows. Check the column "
                "taken for each field; choose “not imported” for fields the file lacks."
            ).format(sheet=sheet.sheet, row=sheet.header_row, count=len(sheet.rows))
        )
        choices = [
            (f"{_column_letter(i)}: {header}" if header else _column_letter(i), i)
            for i, header in enumerate(sheet.headers)
        ]
        for key, combo in self.combos.items():
            combo.clear()
            combo.addItem(self.tr("— not imported —"), -1)
            for text, index in choices:
                combo.addItem(text, index)
            chosen = mapping.columns.get(key)
            combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else 0)
        self.message.hide()
        self._show(MAPPING)

    def _show_sample(self, key: str) -> None:
        """The first value the chosen column holds, so a wrong choice shows at once."""
        index = self.combos[key].currentData()
        sheet = self.sheet
        text = ""
        if sheet is not None and index is not None and int(index) >= 0:
            value = next(
                (v[int(index)] for _, v in sheet.rows if int(index) < len(v) and v[int(index)]),
                None,
            )
            if value is not None:
                text = self.tr("e.g. {value}").format(value=str(value)[:40])
        self.samples[key].setText(text)

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(
            {
                key: int(combo.currentData())
                for key, combo in self.combos.items()
                if combo.currentData() is not None and int(combo.currentData()) >= 0
            }
        )

    def save_mapping(self, path: Path) -> None:
        if self.sheet is None:
            return
        try:
            self.ui.services.importer.save_mapping(self.mapping(), self.sheet, path)
        except OSError as error:
            self._failed(error)

    # ------------------------------------------------------------------ checking

    def check_rows(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        importer = self.ui.services.importer
        mapping = self.mapping()
        self._start(i18n.t("import.stage.checking"))

        def work(progress: Callable[[int, int, str], None]) -> ImportPlan:
            return importer.validate(sheet, mapping, progress)

        self.token = self.ui.runner.run(
            work, self._checked, self._failed, on_progress=self._progressed
        )

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview_summary.setText(
            self.tr(
                "{rows} rows checked: {valid} can be imported ({warnings} with remarks), "
                "{rejected} rejected. Rejected rows are not imported; save the check results "
                "to correct them in Excel."
            ).format(
                rows=len(plan.rows),
                valid=len(plan.valid),
                warnings=len(plan.warnings),
                rejected=len(plan.rejected),
            )
        )
        self.filter.setCurrentIndex(0)
        self._filter_rows()
        self._show(PREVIEW)

    def _show_details(self) -> None:
        rows = self.preview_table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        outcome = self.preview.row(rows[0].row())
        self.details.setText(
            self.tr("Row {row}: {reasons}").format(
                row=outcome.row_number, reasons=outcome.reasons(i18n.language()) or self.tr("valid")
            )
        )

    def _filter_rows(self) -> None:
        if self.plan is None:
            return
        wanted = self.filter.currentData()
        rows = [r for r in self.plan.rows if wanted is None or r.status == wanted]
        self.preview.set_rows(rows)
        fit_columns(self.preview_table, widest=320)

    # ------------------------------------------------------------------ importing

    def import_rows(self) -> None:
        plan = self.plan
        if plan is None:
            return
        importer = self.ui.services.importer
        self._start(i18n.t("import.stage.saving"))

        def work(progress: Callable[[int, int, str], None]) -> ImportResult:
            return importer.commit(plan, progress, initiator=self)

        self.token = self.ui.runner.run(
            work, self._imported, self._failed, on_progress=self._progressed
        )

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.summary_label.setText(
            self.tr(
                "Imported {people} people and {cases} allowance cases. {rejected} rows were "
                "rejected and not imported."
            ).format(people=result.people, cases=result.cases, rejected=len(result.plan.rejected))
        )
        rejected = result.plan.rejected
        self.rejected_rows.set_rows(rejected)
        fit_columns(self.rejected_table, widest=320)
        self.rejected_table.resizeRowsToContents()
        self.rejected_table.setVisible(bool(rejected))
        self.summary_report_button.setVisible(bool(rejected))
        self._show(SUMMARY)
        self.imported.emit(result)

    # ------------------------------------------------------------------ progress and cancel

    def _start(self, stage: str) -> None:
        self.message.hide()
        self.stage_label.setText(stage)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._returning_to = self.pages.currentIndex()
        self._show(PROGRESS)

    def _progressed(self, done: int, total: int, stage: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if stage:
            self.stage_label.setText(i18n.t(stage))

    def cancel(self) -> None:
        """Stop the running step. An import being written is rolled back whole; the page
        changes once the background work has really stopped."""
        if self.token is None:
            return
        self.token.cancel()
        self.cancel_button.setEnabled(False)
        self.stage_label.setText(self.tr("Cancelling…"))
        # The database worker runs one job at a time: this runs once the cancelled one ended.
        self.ui.runner.run(lambda: None, lambda _: self._cancelled())

    def _cancelled(self) -> None:
        if self.pages.currentIndex() != PROGRESS:
            return  # the step had finished before the cancel reached it
        self._show(self._returning_to)
        self.message.setText(self.tr("Cancelled. Nothing was imported."))
        self.message.show()

    def _failed(self, error: BaseException) -> None:
        if self.pages.currentIndex() == PROGRESS:
            self._show(self._returning_to)
        self.message.setText(error_text(error))
        self.message.show()

    # ------------------------------------------------------------------ the report

    def save_report(self, path: Path) -> None:
        plan = self.plan
        if plan is None:
            return
        importer = self.ui.services.importer
        lang = i18n.language()
        self.ui.runner.run(
            lambda: importer.write_report(plan, path, lang),
            lambda _: self._report_saved(path),
            self._failed,
        )

    def _report_saved(self, path: Path) -> None:
        text = self.tr("Saved: {path}").format(path=str(path))
        self.report_saved.setText(text)
        self.preview_summary.setToolTip(text)
