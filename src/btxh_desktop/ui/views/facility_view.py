"""Cơ sở: the facility's residents, their files and care log, admissions and discharges,
and the census by group. Emergency stays are counted down to their three-month limit."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import AdmissionType, ResidentGroup
from btxh_desktop.services.facility import (
    EMERGENCY_STAY_MONTHS,
    EMERGENCY_WARNING_DAYS,
    CareLogRow,
    Census,
    DischargeResult,
    ResidentFile,
    ResidentRow,
)
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs import facility_dialogs as dialogs
from btxh_desktop.ui.i18n import date_text
from btxh_desktop.ui.models.facility_models import CareLogModel, ResidentFilter, ResidentTableModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import (
    FlowLayout,
    configure_table,
    error_label,
    error_text,
    fit_columns,
    heading,
    permit,
)

PARTIAL_REFRESH_LIMIT = 100
ROW_ENTITIES = frozenset({"residency", "person"})


@dataclass(frozen=True)
class FacilityLoad:
    census: Census
    residents: list[ResidentRow]


@dataclass(frozen=True)
class RowsUpdate:
    census: Census
    rows: list[ResidentRow]


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FacilityPage(Page):
    entities = frozenset({"residency", "care_log_entry", "person", "facility"})

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.selected: ResidentRow | None = None
        self.census: Census | None = None
        self.loaded = False
        self._file_number = 0
        self._pending_select: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        self.heading = heading(self.title())
        layout.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setObjectName("warning_banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addWidget(self._build_census())

        bar = FlowLayout()
        self.admit_button = QPushButton(self.tr("Admit…"))
        self.discharge_button = QPushButton(self.tr("Discharge…"))
        self.convert_button = QPushButton(self.tr("Change to long-term care…"))
        for button in (self.admit_button, self.discharge_button, self.convert_button):
            bar.addWidget(button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or record code…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("M" * 14))
        bar.addWidget(self.search)
        self.show_discharged = QCheckBox(self.tr("Include people who left"))
        bar.addWidget(self.show_discharged)
        layout.addLayout(bar)
        self.message = error_label()
        layout.addWidget(self.message)
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.model = ResidentTableModel(ui.services.ctx.today(), self)
        self.proxy = ResidentFilter(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        configure_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setColumnHidden(ResidentTableModel.DISCHARGE_COLUMN, True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_file())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([740, 360])
        layout.addWidget(splitter, 1)

        self.admit_button.clicked.connect(self.open_admission)
        self.discharge_button.clicked.connect(self.open_discharge)
        self.convert_button.clicked.connect(self.open_conversion)
        self.search.textChanged.connect(self.proxy.set_text)
        self.show_discharged.toggled.connect(self._discharged_toggled)
        self._show_file(None, None)

    def title(self) -> str:
        return self.tr("Facility")

    # ------------------------------------------------------------------ building

    def _build_census(self) -> QWidget:
        box = QGroupBox(self.tr("Residents now"))
        row = QHBoxLayout(box)
        self.occupancy = QLabel()
        self.occupancy.setObjectName("occupancy")
        row.addWidget(self.occupancy)
        row.addSpacing(12)
        self.group_counts = QLabel()
        self.group_counts.setWordWrap(True)
        row.addWidget(self.group_counts, 1)
        self.capacity_button = QPushButton(self.tr("Capacity…"))
        self.capacity_button.clicked.connect(self.open_capacity)
        row.addWidget(self.capacity_button)
        return box

    def _build_file(self) -> QWidget:
        self.file_tabs = QTabWidget()
        # Every tab title stays whole and in view (not elided, not behind scroll arrows): the
        # splitter gives this side the room they need, at any text size. (A minimum width
        # set on the tabs themselves would override that; the file page carries it.)
        self.file_tabs.setUsesScrollButtons(False)
        self.file_tabs.setElideMode(Qt.TextElideMode.ElideNone)

        details = QWidget()
        form = QFormLayout(details)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("person", self.tr("Resident")),
            ("group", self.tr("Group")),
            ("admission", self.tr("Admission")),
            ("decision", self.tr("Decision number")),
            ("referred_by", self.tr("Referred by")),
            ("deadline", self.tr("Emergency stay until")),
            ("discharge", self.tr("Left the facility")),
        ):
            self.fields[key] = _value_label()
            form.addRow(text, self.fields[key])
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        scroll.setMinimumWidth(360)
        self.file_tabs.addTab(scroll, self.tr("File"))

        plan = QWidget()
        plan_layout = QVBoxLayout(plan)
        plan_layout.addWidget(QLabel(self.tr("Needs assessment")))
        self.needs = QPlainTextEdit()
        self.needs.setTabChangesFocus(True)
        plan_layout.addWidget(self.needs, 1)
        plan_layout.addWidget(QLabel(self.tr("Support plan")))
        self.plan = QPlainTextEdit()
        self.plan.setTabChangesFocus(True)
        plan_layout.addWidget(self.plan, 1)
        plan_bar = QHBoxLayout()
        self.save_plan_button = QPushButton(self.tr("Save assessment and plan"))
        self.save_plan_button.clicked.connect(self.save_plan)
        self.plan_state = QLabel()
        self.plan_state.setWordWrap(True)
        plan_bar.addWidget(self.save_plan_button)
        plan_bar.addWidget(self.plan_state, 1)
        plan_layout.addLayout(plan_bar)
        self.file_tabs.addTab(plan, self.tr("Assessment and plan"))

        log = QWidget()
        log_layout = QVBoxLayout(log)
        self.add_log_button = QPushButton(self.tr("Add to the care log…"))
        self.add_log_button.clicked.connect(self.open_care_log)
        log_bar = QHBoxLayout()
        log_bar.addWidget(self.add_log_button)
        log_bar.addStretch(1)
        log_layout.addLayout(log_bar)
        self.care_log = CareLogModel(self)
        self.care_log_table = QTableView()
        self.care_log_table.setModel(self.care_log)
        configure_table(self.care_log_table, stretch_column=2)
        self.care_log_table.setSortingEnabled(False)
        self.care_log_table.setWordWrap(True)
        log_layout.addWidget(self.care_log_table, 1)
        self.file_tabs.addTab(log, self.tr("Care log"))
        return self.file_tabs

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        facility = self.ui.services.facility
        include = self.show_discharged.isChecked()
        self.model.today = self.ui.services.ctx.today()

        def load() -> FacilityLoad:
            return FacilityLoad(facility.census(), facility.residents(include_discharged=include))

        self.ui.runner.run(
            load, self._loaded, self._failed, label=self.tr("Loading residents…"), parent=self
        )

    def _loaded(self, load: FacilityLoad) -> None:
        self.loaded = True
        selected = self.selected.residency_id if self.selected else None
        self.model.set_rows(load.residents)
        fit_columns(self.table)
        self._show_census(load.census)
        if not self._select_pending():
            self._select(selected)

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        if not self.loaded:
            self.refresh()
            return
        ids = set(changes.changed.get("residency", set()))
        people = changes.changed.get("person", set())
        if people:
            ids |= {r.residency_id for r in self.model.rows if r.person_id in people}
        if len(ids) > PARTIAL_REFRESH_LIMIT:
            self.refresh()
            return
        selected = self.selected.residency_id if self.selected else None
        if changes.changed.get("care_log_entry") and selected and selected not in ids:
            self._load_file(selected)
        if ids or "facility" in changes.entities():
            self._update_rows(ids, selected)

    def _update_rows(self, ids: set[str], selected: str | None) -> None:
        facility = self.ui.services.facility
        include = self.show_discharged.isChecked()

        def load() -> RowsUpdate:
            return RowsUpdate(facility.census(), [facility.resident(i) for i in sorted(ids)])

        def updated(update: RowsUpdate) -> None:
            keep = [r for r in update.rows if include or r.discharged_on is None]
            self.model.upsert(keep)
            self.model.remove(ids - {r.residency_id for r in keep})
            self._show_census(update.census)
            if not self._select_pending() and selected in ids:
                self._select(selected)
                self._load_file(selected)

        self.ui.runner.run(load, updated, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()

    def _discharged_toggled(self, checked: bool) -> None:
        self.table.setColumnHidden(ResidentTableModel.DISCHARGE_COLUMN, not checked)
        self.refresh()

    def _show_census(self, census: Census) -> None:
        self.census = census
        self.heading.setText(
            self.tr("Facility: {name}").format(name=census.facility_name)
            if census.facility_name
            else self.title()
        )
        if census.capacity:
            self.occupancy.setText(
                self.tr("{total} of {capacity} places ({percent}%)").format(
                    total=census.total,
                    capacity=census.capacity,
                    percent=round(census.occupancy * 100),
                )
            )
        else:
            self.occupancy.setText(
                self.tr("{total} residents (capacity not set)").format(total=census.total)
            )
        self.group_counts.setText(
            "  ·  ".join(
                f"{terms.label(terms.RESIDENT_GROUP, group)}: {census.by_group.get(group, 0)}"
                for group in ResidentGroup
            )
        )
        self._update_banner()
        permit(self.capacity_button, self.ui.services.ctx.actor, Permission.SETTINGS)

    def _update_banner(self) -> None:
        today = self.model.today
        states = [r.emergency_state(today) for r in self.model.rows]
        overdue, due_soon = states.count("overdue"), states.count("due_soon")
        parts = []
        if overdue:
            parts.append(
                self.tr("{count} emergency admissions are past the {months}-month limit").format(
                    count=overdue, months=EMERGENCY_STAY_MONTHS
                )
            )
        if due_soon:
            parts.append(
                self.tr("{count} more are due within {days} days").format(
                    count=due_soon, days=EMERGENCY_WARNING_DAYS
                )
            )
        if not parts:
            self.banner.hide()
            return
        self.banner.setText(
            "⚠ "
            + "; ".join(parts)
            + ". "
            + self.tr("Discharge them or change them to long-term care by a decision.")
        )
        self.banner.show()

    # ------------------------------------------------------------------ selection

    def _select(self, residency_id: str | None) -> None:
        number = self.model.row_number(residency_id) if residency_id else None
        if number is None:
            self.table.clearSelection()
            self._show_file(None, None)
            return
        index = self.proxy.mapFromSource(self.model.index(number, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
        row = self.model.row(number)
        if self.selected is None or self.selected.residency_id != row.residency_id:
            self._show_file(row, None)
            self._load_file(row.residency_id)
        self.selected = row
        self._update_actions()

    def select_resident(self, residency_id: str) -> None:
        self._select(residency_id)

    def _select_pending(self) -> bool:
        pending = self._pending_select
        if pending is None or self.model.find(pending) is None:
            return False
        self._pending_select = None
        self._select(pending)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.selected = None
            self._show_file(None, None)
            return
        row = self.model.row(self.proxy.mapToSource(rows[0]).row())
        if self.selected is None or row.residency_id != self.selected.residency_id:
            self._show_file(row, None)
            self._load_file(row.residency_id)

    def _load_file(self, residency_id: str) -> None:
        self._file_number += 1
        number = self._file_number
        facility = self.ui.services.facility

        def load() -> tuple[ResidentFile, list[CareLogRow]]:
            return facility.resident_file(residency_id), facility.care_log(residency_id)

        def shown(result: tuple[ResidentFile, list[CareLogRow]]) -> None:
            if number == self._file_number:
                self._show_file(result[0].resident, result[0])
                self.care_log.set_rows(result[1])
                fit_columns(self.care_log_table)
                self.care_log_table.resizeRowsToContents()

        self.ui.runner.run(load, shown, self._failed)

    def _show_file(self, row: ResidentRow | None, file: ResidentFile | None) -> None:
        changed = (
            row is None or self.selected is None or self.selected.residency_id != row.residency_id
        )
        self.selected = row
        self._update_actions()
        if row is None:
            for label in self.fields.values():
                label.clear()
            self.fields["person"].setText(self.tr("Choose a resident in the list to see the file."))
            self.needs.clear()
            self.plan.clear()
            self.plan_state.clear()
            self.care_log.set_rows([])
            return
        age = self.tr(", {age} years old").format(age=row.age) if row.age is not None else ""
        born = f", {row.birth_display}" if row.birth_display else ""
        self.fields["person"].setText(f"{row.full_name} ({row.code}{born}{age})")
        self.fields["group"].setText(terms.label(terms.RESIDENT_GROUP, row.resident_group))
        self.fields["admission"].setText(
            f"{terms.label(terms.ADMISSION_TYPE, row.admission_type)} — "
            f"{date_text(row.admitted_on)}"
        )
        self.fields["deadline"].setText(
            date_text(row.emergency_deadline) if row.emergency_deadline else ""
        )
        discharge = ""
        if row.discharged_on is not None:
            discharge = (
                f"{date_text(row.discharged_on)} — "
                f"{terms.label(terms.DISCHARGE_REASON, row.discharge_reason)}"
            )
        if changed:
            for key in ("decision", "referred_by"):
                self.fields[key].clear()
            for box in (self.needs, self.plan):
                box.clear()
                box.document().setModified(False)
            self.plan_state.clear()
            self.care_log.set_rows([])
        if file is None:
            self.fields["discharge"].setText(discharge)
            return
        self.fields["decision"].setText(file.decision_number or "")
        self.fields["referred_by"].setText(file.referred_by or "")
        extra = [p for p in (file.discharge_destination, file.discharge_note) if p]
        self.fields["discharge"].setText(" — ".join([discharge, *extra]) if discharge else "")
        # Text being typed is kept when the file is read again after some other change.
        for box, text in ((self.needs, file.needs_assessment), (self.plan, file.support_plan)):
            if not box.document().isModified():
                box.setPlainText(text or "")
                box.document().setModified(False)

    def _update_actions(self) -> None:
        actor = self.ui.services.ctx.actor
        row = self.selected
        current = row is not None and row.discharged_on is None
        why = self.tr("Choose a current resident first.")
        permit(self.admit_button, actor, Permission.MANAGE_FACILITY)
        permit(self.discharge_button, actor, Permission.MANAGE_FACILITY, current, why)
        permit(
            self.convert_button,
            actor,
            Permission.MANAGE_FACILITY,
            current and row is not None and row.admission_type == AdmissionType.EMERGENCY,
            self.tr("Only for a current emergency admission."),
        )
        permit(self.add_log_button, actor, Permission.MANAGE_FACILITY, current, why)
        permit(self.save_plan_button, actor, Permission.MANAGE_FACILITY, current, why)
        self.needs.setReadOnly(not self.save_plan_button.isEnabled())
        self.plan.setReadOnly(not self.save_plan_button.isEnabled())

    # ------------------------------------------------------------------ actions

    def open_admission(self) -> dialogs.AdmissionDialog:
        dialog = dialogs.AdmissionDialog(self.ui, self)
        dialog.saved.connect(self._admitted)
        dialog.open()
        return dialog

    def _admitted(self, residency_id: object) -> None:
        self.message.hide()
        self._pending_select = str(residency_id)
        self._select_pending()

    def open_discharge(self) -> dialogs.DischargeDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.DischargeDialog(self.ui, self.selected, self)
        dialog.saved.connect(self._discharged)
        dialog.open()
        return dialog

    def _discharged(self, result: object) -> None:
        assert isinstance(result, DischargeResult)
        text = self.tr("Discharge recorded.")
        if result.funeral is not None:
            text += " " + terms.funeral_text(result.funeral)
        self.notice.setText(text)
        self.notice.show()

    def open_conversion(self) -> dialogs.ConvertDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.ConvertDialog(self.ui, self.selected, self)
        dialog.open()
        return dialog

    def open_care_log(self) -> dialogs.CareLogDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.CareLogDialog(self.ui, self.selected, self)
        dialog.open()
        return dialog

    def open_capacity(self) -> dialogs.CapacityDialog:
        dialog = dialogs.CapacityDialog(self.ui, self.census.capacity if self.census else 0, self)
        dialog.open()
        return dialog

    def save_plan(self) -> None:
        if self.selected is None:
            return
        facility = self.ui.services.facility
        residency_id = self.selected.residency_id
        needs = self.needs.toPlainText().strip() or None
        plan = self.plan.toPlainText().strip() or None
        self.save_plan_button.setEnabled(False)
        self.plan_state.setText(self.tr("Saving…"))

        def saved(_result: object) -> None:
            self.save_plan_button.setEnabled(True)
            self.needs.document().setModified(False)
            self.plan.document().setModified(False)
            self.plan_state.setText(self.tr("Saved."))

        def failed(error: BaseException) -> None:
            self.save_plan_button.setEnabled(True)
            self.plan_state.setText(error_text(error))

        self.ui.runner.run(lambda: facility.update_plan(residency_id, needs, plan), saved, failed)
