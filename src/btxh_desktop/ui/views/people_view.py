"""Đối tượng: everyone on record, found as you type, filtered and sorted by the database.

Typing waits for a short pause, then asks for the ids of the matches on the database thread;
only the answer to the latest question is shown, so a slow answer to an old one never
overwrites a newer list. The table holds ids and fetches the rows it paints
(`PeopleTableModel`). Changes made elsewhere refresh only the rows they name, unless they
add people or move them in or out of the filters, which needs the ids asked for again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import CaseStatus, ResidentGroup, SiteType
from btxh_desktop.services.people import ListChoices
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.people import PeopleFilter, PeopleList, PeopleSort, PersonListRow
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui import i18n
from btxh_desktop.ui import person_terms as person_terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.person_form import PersonForm, open_person_form
from btxh_desktop.ui.models.people_model import ID_ROLE, PeopleColumn, PeopleTableModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import FlowLayout, error_label, error_text, heading, permit

SEARCH_DELAY_MS = 150
BUSY_DELAY_MS = 300
FIRST_ROWS = 40  # a screen's worth, at the usual text size, comes with each answer
ADDRESS_COLUMN = 6
CASE_ENTITIES = frozenset({"allowance_case", "residency"})


@dataclass(frozen=True)
class _Answer:
    number: int  # which question this answers
    found: PeopleList | None  # None: a newer question was asked before this one ran
    first_rows: list[PersonListRow]


class PeoplePage(Page):
    entities = frozenset({"person"}) | CASE_ENTITIES
    #: A person's file is to open (None: an empty one for a new person).
    open_requested = Signal(object)
    #: Every time a list of ids is shown (tests and benchmarks wait for it).
    results_shown = Signal()

    def __init__(
        self, ui: UiContext, site_type: SiteType | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ui, parent)
        self.facility_site = site_type == SiteType.FACILITY
        self.sort = PeopleSort.NAME
        self.descending = False
        self._asked = 0
        self._shown: PeopleFilter | None = None
        self._keep_id: str | None = None
        self.choices: ListChoices | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_query)
        # "Searching…" only for an answer slow to come: flashing it at every keystroke
        # would redraw the page twice for each letter.
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        top = QHBoxLayout()
        top.addWidget(heading(self.title()))
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("Add a person…"))
        self.new_button.setObjectName("primary")
        permit(self.new_button, ui.services.ctx.actor, Permission.EDIT_PEOPLE)
        self.new_button.clicked.connect(lambda: self.open_requested.emit(None))
        self.open_requested.connect(self.open_person)
        self.last_form: PersonForm | None = None
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search by name, CCCD number or record code — no accents needed")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._typed)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)

        filters = FlowLayout(spacing=8)
        self.category = QComboBox()
        self.status = QComboBox()
        self.commune = QComboBox()
        self.facility = QComboBox()
        group_label = self.tr("Group:") if self.facility_site else self.tr("Category:")
        for text, combo in (
            (group_label, self.category),
            (self.tr("Status:"), self.status),
            (self.tr("Commune:"), self.commune),
            (self.tr("Facility:"), self.facility),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            filters.addWidget(pair)
            if combo is self.facility:
                self.facility_pair = pair
        self.clear_button = QPushButton(self.tr("Clear search and filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        filters.addWidget(self.clear_button)
        layout.addLayout(filters)
        self._fill_fixed_filters()
        for combo in (self.category, self.status, self.commune, self.facility):
            combo.currentIndexChanged.connect(self._filters_changed)

        self.result_label = QLabel()
        self.result_label.setObjectName("result_count")
        self.message = error_label()
        layout.addWidget(self.result_label)
        layout.addWidget(self.message)

        self.model = PeopleTableModel(self._columns(), self)
        self.model.rows_needed.connect(self._fetch_rows)
        self.model.rows_gone.connect(self.reload)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: with 200,000 rows nothing may be measured row by row.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self._sort_column(), Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._header_clicked)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("Double-click a person, or press Enter, to open their file."))
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        self._size_columns()

    def title(self) -> str:
        return self.tr("People")

    # ------------------------------------------------------------------ building

    def _columns(self) -> list[PeopleColumn]:
        def birth(row: PersonListRow) -> str:
            return row.birth.display()

        def group(row: PersonListRow) -> str:
            if self.facility_site:
                return terms.label(terms.RESIDENT_GROUP, row.resident_group)
            return row.category or ""

        def status(row: PersonListRow) -> str:
            if self.facility_site:
                if row.in_residence is None:
                    return ""
                key = "yes" if row.in_residence else "no"
                return terms.label(person_terms.IN_RESIDENCE, key)
            return terms.label(terms.CASE_STATUS, row.case_status)

        return [
            PeopleColumn(self.tr("Record code"), lambda r: r.code, PeopleSort.CODE),
            PeopleColumn(self.tr("Full name"), lambda r: r.full_name, PeopleSort.NAME, True),
            PeopleColumn(self.tr("Date of birth"), birth, PeopleSort.BIRTH),
            PeopleColumn(self.tr("Sex"), lambda r: terms.label(terms.SEX, r.sex)),
            PeopleColumn(self.tr("CCCD number"), lambda r: r.cccd or ""),
            PeopleColumn(
                self.tr("Commune"), lambda r: r.commune_name or "", PeopleSort.COMMUNE, True
            ),
            PeopleColumn(self.tr("Address"), lambda r: r.address_detail or "", tooltip=True),
            PeopleColumn(self.tr("Group") if self.facility_site else self.tr("Category"), group),
            PeopleColumn(self.tr("Status"), status),
        ]

    def _size_columns(self) -> None:
        """Widths from the text size, so the nine columns fit a 1366-pixel screen at the
        usual size (the last one takes what is left); at larger sizes the list scrolls
        sideways rather than squeezing names. Nothing is measured row by row."""
        metrics = self.table.fontMetrics()
        group = "Người khuyết tật" if self.facility_site else "K5a"
        status = "Đã rời đi" if self.facility_site else "Chờ quyết định"
        samples = ("26740-000000", "Nguyễn Thị Thanh Hương", "00/00/0000", "Giới tính",
                   "000000000000", "Phường Sài Gòn", "Khu phố 1", group, status)  # fmt: skip
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(metrics.horizontalAdvance("K5a") + 16)
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wanted = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, wanted + 20)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 12)
        # At a facility the address is where a resident came from; it stays in their file
        # and leaves room for whether they still live here.
        self.table.setColumnHidden(ADDRESS_COLUMN, self.facility_site)

    def _fit_popup(self, combo: QComboBox) -> None:
        """Closed, a filter is a short box; opened, its list is wide enough to read."""
        metrics = combo.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())),
            default=0,
        )
        combo.view().setMinimumWidth(widest + 40)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # The page hears of a new text size before the table it holds does.
            QTimer.singleShot(0, self, self._size_columns)

    def _fill_fixed_filters(self) -> None:
        self.category.addItem(self.tr("All"), None)
        self.status.addItem(self.tr("All"), None)
        if self.facility_site:
            for group in ResidentGroup:
                self.category.addItem(terms.label(terms.RESIDENT_GROUP, group), group.value)
            self.status.addItem(terms.label(person_terms.IN_RESIDENCE, "yes"), True)
            self.status.addItem(terms.label(person_terms.IN_RESIDENCE, "no"), False)
        else:
            for status in CaseStatus:
                self.status.addItem(terms.label(terms.CASE_STATUS, status), status.value)
        self.commune.addItem(self.tr("All"), None)
        self.facility.addItem(self.tr("All"), None)
        self.facility_pair.setVisible(self.facility_site)
        for combo in (self.category, self.status):
            self._fit_popup(combo)

    def _fill_choices(self, choices: ListChoices) -> None:
        self.choices = choices
        combos = (self.category, self.commune, self.facility)
        kept = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
        try:
            if not self.facility_site:
                del_items(self.category)
                for category in choices.categories:
                    name = category.name_vi if i18n.language() == "vi" else category.name_en
                    self.category.addItem(f"{category.code} — {name}", category.code)
            del_items(self.commune)
            for code, name, count in choices.communes:
                self.commune.addItem(f"{name} ({person_terms.count(count)})", code)
            del_items(self.facility)
            for facility_id, name in choices.facilities:
                self.facility.addItem(name, facility_id)
            for combo, data in zip(combos, kept, strict=True):
                found = combo.findData(data)
                combo.setCurrentIndex(max(found, 0))
        finally:
            for combo in combos:
                combo.blockSignals(False)
        self.facility_pair.setVisible(len(choices.facilities) > 0)
        for combo in (self.category, self.status, self.commune, self.facility):
            self._fit_popup(combo)

    # ------------------------------------------------------------------ asking

    def wanted(self) -> PeopleFilter:
        group = self.category.currentData()
        status = self.status.currentData()
        return PeopleFilter(
            text=self.search.text(),
            category=None if self.facility_site else group,
            case_status=None if self.facility_site else status,
            resident_group=group if self.facility_site else None,
            in_residence=status if self.facility_site else None,
            commune_code=self.commune.currentData(),
            facility_id=self.facility.currentData(),
            sort=self.sort,
            descending=self.descending,
        )

    def refresh(self) -> None:
        services = self.ui.services
        self.ui.runner.run(services.people.list_choices, self._fill_choices, self._failed)
        self.run_query()

    def reload(self) -> None:
        """Ask again, keeping the person at the top of the view in sight."""
        top = self.table.rowAt(0)
        self._keep_id = self.model.id_at(top) if top >= 0 else None
        self.run_query()

    def _typed(self) -> None:
        self._search_timer.start()

    def _filters_changed(self) -> None:
        self.run_query()

    def clear_filters(self) -> None:
        for combo in (self.category, self.status, self.commune, self.facility):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.run_query()

    def run_query(self) -> None:
        self._search_timer.stop()
        self._asked += 1
        number = self._asked
        wanted = self.wanted()
        people = self.ui.services.people

        def ask() -> _Answer:
            # Questions queue on the database thread: skip those already overtaken.
            if number != self._asked:
                return _Answer(number, None, [])
            found = people.list_ids(wanted)
            # The first screen of rows comes with the answer: one trip to the database
            # thread, not two, before the user sees names.
            first = people.list_rows(found.ids[:FIRST_ROWS])
            return _Answer(number, found, first)

        self._busy_timer.start()
        self.ui.runner.run(ask, lambda answer: self._answered(answer, wanted), self._failed)

    def _show_busy(self) -> None:
        self.result_label.setText(self.tr("Searching…"))

    def _answered(self, answer: _Answer, wanted: PeopleFilter) -> None:
        if answer.found is None or answer.number != self._asked:
            return
        found = answer.found
        self._busy_timer.stop()
        self.message.hide()
        self._shown = wanted
        selected = self.selected_id()
        self.model.set_ids(found.ids, answer.first_rows)
        self.result_label.setText(self._count_text(found, wanted))
        keep = self._keep_id or selected
        self._keep_id = None
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.table.scrollTo(
                self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )
        if selected and (row := self.model.row_of(selected)) is not None:
            self.table.selectRow(row)
        self.results_shown.emit()

    def _count_text(self, found: PeopleList, wanted: PeopleFilter) -> str:
        searching = bool(wanted.text.strip()) or wanted != PeopleFilter(
            sort=wanted.sort, descending=wanted.descending
        )
        if found.truncated:
            if found.total is not None:
                return self.tr(
                    "{total} matches: showing the first {shown}. Type more to narrow the list."
                ).format(
                    total=person_terms.count(found.total),
                    shown=person_terms.count(len(found.ids)),
                )
            return self.tr(
                "More than {shown} matches: showing the first {shown}. "
                "Type more to narrow the list."
            ).format(shown=person_terms.count(len(found.ids)))
        if not found.ids:
            if searching:
                return self.tr("Nobody found. Check the spelling or clear some filters.")
            return self.tr("Nobody is recorded yet. Press “Add a person…” to start.")
        if searching:
            return self.tr("{count} matches").format(count=person_terms.count(len(found.ids)))
        return self.tr("{count} people").format(count=person_terms.count(len(found.ids)))

    def _fetch_rows(self, ids: list[str]) -> None:
        people = self.ui.services.people
        self.ui.runner.run(
            lambda: people.list_rows(ids),
            lambda rows: self._rows_arrived(ids, rows),
            lambda error: self._rows_failed(ids, error),
        )

    def _rows_arrived(self, ids: list[str], rows: list[PersonListRow]) -> None:
        self.model.put_rows(ids, rows)
        # Record codes differ in length by site (26740-000001, TTBTXH01-000001): the column
        # follows the codes actually shown, so their numbers are never cut off.
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(r.code) for r in rows), default=0) + 20
        header = self.table.horizontalHeader()
        if widest > header.sectionSize(0):
            header.resizeSection(0, widest)

    def _rows_failed(self, ids: list[str], error: BaseException) -> None:
        self.model.drop_requests(ids)
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self._busy_timer.stop()
        self.result_label.setText("")
        self.message.setText(error_text(error))
        self.message.show()

    # ------------------------------------------------------------------ sorting

    def _sort_column(self) -> int:
        for number in range(self.model.columnCount()):
            if self.model.column(number).sort == self.sort:
                return number
        return 1

    def _header_clicked(self, column: int) -> None:
        key = self.model.column(column).sort
        header = self.table.horizontalHeader()
        if key is None:
            # Sorting 200,000 people by sex or status would tell nobody anything; the
            # indicator goes back to the column the list is sorted by.
            order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self._sort_column(), order)
            return
        self.descending = not self.descending if key == self.sort else False
        self.sort = key
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        self.run_query()

    # ------------------------------------------------------------------ opening

    def open_person(self, person_id: str | None) -> PersonForm:
        """The person's file, or an empty one, over the main window."""
        form = open_person_form(self.ui, person_id, self.window())
        self.last_form = form
        return form

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _open_index(self, index: QModelIndex) -> None:
        person_id = index.data(ID_ROLE)
        if person_id:
            self.open_requested.emit(person_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                person_id = self.selected_id()
                if person_id:
                    self.open_requested.emit(person_id)
                    return True
            if watched is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                # From the search box straight into the results, as in a web search.
                self.table.setFocus()
                if not self.selected_id():
                    self.table.selectRow(0)
                return True
            if watched is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_query()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ changes

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        wanted = self._shown
        case_filter = wanted is not None and (
            wanted.category is not None
            or wanted.case_status is not None
            or wanted.resident_group is not None
            or wanted.in_residence is not None
            or wanted.facility_id is not None
        )
        changed_people = changes.changed.get("person", set())
        case_changed = bool(changes.entities() & CASE_ENTITIES)
        moved = bool(changed_people) and wanted is not None and wanted.commune_code is not None
        if not self.model.holds(changed_people) or (case_changed and case_filter) or moved:
            # New people, or people who may have entered or left the filters.
            self.reload()
            self.ui.runner.run(
                self.ui.services.people.list_choices, self._fill_choices, self._failed
            )
            return
        if case_changed:
            self.model.forget_all()
        self.model.forget(changed_people)


def del_items(combo: QComboBox) -> None:
    """Drop every choice but the first ("All")."""
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
