"""Trợ giúp đột xuất: events (Tết, floods…) with their totals, and what each household
received in the chosen event."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.emergency import DistributionRow, EventSummary
from btxh_desktop.services.permissions import Permission
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs import emergency_dialogs as dialogs
from btxh_desktop.ui.i18n import money, number
from btxh_desktop.ui.models.emergency_models import DistributionTableModel, EventTableModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import (
    configure_table,
    error_label,
    error_text,
    fit_columns,
    heading,
    permit,
)


class EmergencyPage(Page):
    # Events are few and carry totals over all their distributions, so they are read again
    # whole; distributions only for the event shown.
    entities = frozenset({"emergency_event", "emergency_distribution"})

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.selected: EventSummary | None = None
        self._pending_select: str | None = None
        self._list_number = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading(self.title()))

        bar = QHBoxLayout()
        self.new_event_button = QPushButton(self.tr("New event…"))
        self.edit_event_button = QPushButton(self.tr("Edit the event…"))
        bar.addWidget(self.new_event_button)
        bar.addWidget(self.edit_event_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.message = error_label()
        layout.addWidget(self.message)

        self.events = EventTableModel(self)
        self.events_table = QTableView()
        self.events_table.setModel(self.events)
        configure_table(self.events_table)
        self.events_table.setSortingEnabled(False)
        self.events_table.selectionModel().selectionChanged.connect(self._selection_changed)
        events_box = QWidget()
        events_layout = QVBoxLayout(events_box)
        events_layout.setContentsMargins(0, 0, 0, 0)
        events_layout.addWidget(self.events_table, 1)
        self.all_totals = QLabel()
        self.all_totals.setWordWrap(True)
        events_layout.addWidget(self.all_totals)

        self.distribution_box = QGroupBox(self.tr("Assistance given"))
        inner = QVBoxLayout(self.distribution_box)
        dist_bar = QHBoxLayout()
        self.distribute_button = QPushButton(self.tr("Record assistance given…"))
        dist_bar.addWidget(self.distribute_button)
        self.event_totals = QLabel()
        self.event_totals.setObjectName("event_totals")
        self.event_totals.setWordWrap(True)
        dist_bar.addWidget(self.event_totals, 1)
        inner.addLayout(dist_bar)
        self.distributions = DistributionTableModel(self)
        self.distributions_table = QTableView()
        self.distributions_table.setModel(self.distributions)
        configure_table(self.distributions_table)
        inner.addWidget(self.distributions_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(events_box)
        splitter.addWidget(self.distribution_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

        self.new_event_button.clicked.connect(self.open_new_event)
        self.edit_event_button.clicked.connect(self.open_edit_event)
        self.distribute_button.clicked.connect(self.open_distribution)
        self._show_event(None)

    def title(self) -> str:
        return self.tr("Emergency assistance")

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        self.ui.runner.run(
            self.ui.services.emergency.events,
            self._loaded,
            self._failed,
            label=self.tr("Loading events…"),
            parent=self,
        )

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self.refresh()
        if self.selected is not None and "emergency_distribution" in changes.entities():
            self._load_distributions(self.selected.id)

    def _loaded(self, events: list[EventSummary]) -> None:
        selected = self._pending_select or (self.selected.id if self.selected else None)
        self._pending_select = None
        self.events.set_rows(events)
        fit_columns(self.events_table, widest_chars=60)
        households = sum(e.households for e in events)
        people = sum(e.people for e in events)
        rice = sum((e.rice_kg for e in events), Decimal(0))
        cash = sum(e.cash for e in events)
        self.all_totals.setText(
            self.tr(
                "All events: {events} events, {households} households, {people} people, "
                "{rice} kg of rice, {cash}"
            ).format(
                events=len(events),
                households=households,
                people=people,
                rice=number(rice),
                cash=money(cash),
            )
            if events
            else self.tr("No events yet. Press “New event…” to record one.")
        )
        if selected is None and events:
            selected = events[0].id
        number_found = self.events.row_number(selected) if selected else None
        if number_found is None:
            self._show_event(None)
            return
        self.events_table.selectRow(number_found)
        self._show_event(self.events.row(number_found))

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.events_table.selectionModel().selectedRows()
        event = self.events.row(rows[0].row()) if rows else None
        previous = self.selected.id if self.selected else None
        self._show_event(event)
        if event is not None and event.id != previous:
            self._load_distributions(event.id)

    def _show_event(self, event: EventSummary | None) -> None:
        changed = event is None or self.selected is None or event.id != self.selected.id
        self.selected = event
        actor = self.ui.services.ctx.actor
        why = self.tr("Choose an event first.")
        permit(self.new_event_button, actor, Permission.RECORD_EMERGENCY)
        permit(self.edit_event_button, actor, Permission.RECORD_EMERGENCY, event is not None, why)
        permit(self.distribute_button, actor, Permission.RECORD_EMERGENCY, event is not None, why)
        if event is None:
            self.distribution_box.setTitle(self.tr("Assistance given"))
            self.event_totals.setText(self.tr("Choose an event to see who received what."))
            self.distributions.set_rows([])
            return
        self.distribution_box.setTitle(
            self.tr("Assistance given — {event}").format(event=event.name)
        )
        self.event_totals.setText(
            self.tr("{households} households, {people} people, {rice} kg of rice, {cash}").format(
                households=event.households,
                people=event.people,
                rice=number(event.rice_kg),
                cash=money(event.cash),
            )
        )
        if changed:
            self._load_distributions(event.id)

    def _load_distributions(self, event_id: str) -> None:
        self._list_number += 1
        number_now = self._list_number
        emergency = self.ui.services.emergency

        def shown(rows: list[DistributionRow]) -> None:
            if number_now == self._list_number:
                self.distributions.set_rows(rows)
                fit_columns(self.distributions_table)

        self.ui.runner.run(lambda: emergency.distributions(event_id), shown, self._failed)

    # ------------------------------------------------------------------ actions

    def open_new_event(self) -> dialogs.EventDialog:
        dialog = dialogs.EventDialog(self.ui, None, self)
        dialog.saved.connect(self._event_created)
        dialog.open()
        return dialog

    def _event_created(self, event_id: object) -> None:
        number_found = self.events.row_number(str(event_id))
        if number_found is None:
            self._pending_select = str(event_id)  # selected when the list is read again
        else:
            self.events_table.selectRow(number_found)

    def open_edit_event(self) -> dialogs.EventDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.EventDialog(self.ui, self.selected, self)
        dialog.open()
        return dialog

    def open_distribution(self) -> dialogs.DistributionDialog | None:
        if self.selected is None:
            return None
        dialog = dialogs.DistributionDialog(self.ui, self.selected, self)
        dialog.open()
        return dialog
