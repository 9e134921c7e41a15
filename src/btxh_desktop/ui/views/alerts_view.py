"""Việc cần làm: what the rules will require, before it is late.

The list is computed by `AlertsService` in the background; filters (kind, due date, commune
or facility, done/snoozed) work on what is loaded. One click opens the person or starts the
action the alert leads to, pre-filled; "done" and "snooze" ask for a reason. The page keeps
its count current even while hidden (the navigation and the status bar show it), and
`AlertsTile` shows the next 30 days on the dashboard (Tổng quan).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.alerts import ActionCode, Alert, AlertKind
from btxh_desktop.services.alerts import AckState, AlertRow
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.alert_action import (
    ACTION_PERMISSIONS,
    AckDialog,
    AlertActionDialog,
    PersonSummaryDialog,
)
from btxh_desktop.ui.models.rows_model import (
    DANGER_BACKGROUND,
    SORT_ROLE,
    WARNING_BACKGROUND,
    Column,
    RowsModel,
)
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.widgets.form_kit import (
    DateField,
    FlowLayout,
    configure_table,
    error_text,
    fit_columns,
    heading,
    permit,
)

# lupdate finds `translate("Context", "literal")`; the columns are made before the QObject.
translate = QCoreApplication.translate

DETAILS_COLUMN, AMOUNT_COLUMN, PLACE_COLUMN, TRIAGE_COLUMN = 4, 6, 7, 8

# The records whose change can make an alert appear or go.
ALERT_ENTITIES = frozenset(
    {
        "person",
        "allowance_case",
        "allowance_change",
        "payment",
        "health_insurance_card",
        "disability_assessment",
        "household_status",
        "other_income",
        "residency",
    }
)
REFRESH_DELAY_MS = 400  # one scan for a burst of changes (an import, a finalised list)
DAY_CHECK_MS = 30 * 60 * 1000  # a list left open overnight moves to the new day
SOON_DAYS = 7
TILE_DAYS = 30


def due_text(alert: Alert, today: dt.date) -> str:
    days = alert.days_left(today)
    if days == 0:
        return i18n.t("alerts.due.today")
    if days > 0:
        return i18n.t("alerts.due.in_days", days=days)
    return i18n.t("alerts.due.overdue", days=-days)


def reason_text(alert: Alert) -> str:
    return i18n.t(alert.reason, **dict(alert.params))


def ack_text(row: AlertRow) -> str:
    ack = row.ack
    if ack is None:
        return ""
    return i18n.t(
        f"alerts.state.{ack.state.value}",
        reason=ack.reason,
        until=i18n.date_text(ack.until),
    )


def _labelled(label: str, fields: tuple[QWidget, ...]) -> QWidget:
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel(label))
    for field in fields:
        row.addWidget(field)
    return group


def _change(old: object, new: object) -> str:
    return "" if old is None and new is None else f"{old} → {new}"


class AlertsModel(RowsModel[AlertRow]):
    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        self.ui = ui
        self.today = ui.services.ctx.today()
        super().__init__(
            [
                Column(
                    translate("AlertsModel", "Due"),
                    lambda r: i18n.date_text(r.alert.due_date),
                    sort=lambda r: r.alert.due_date.isoformat(),
                ),
                Column(
                    translate("AlertsModel", "When"),
                    lambda r: due_text(r.alert, self.today),
                    sort=lambda r: r.alert.days_left(self.today),
                    background=self._urgency,
                ),
                Column(
                    translate("AlertsModel", "What"),
                    lambda r: i18n.t(f"alerts.kind.{r.alert.kind.value}"),
                ),
                Column(translate("AlertsModel", "Person"), self._who, tooltip=self._who),
                Column(
                    translate("AlertsModel", "Details"),
                    lambda r: reason_text(r.alert),
                    tooltip=lambda r: reason_text(r.alert),
                ),
                Column(translate("AlertsModel", "Coefficient"), self._coefficients),
                Column(translate("AlertsModel", "Amount / month"), self._amounts, numeric=True),
                Column(translate("AlertsModel", "Commune / facility"), self.place),
                Column(translate("AlertsModel", "Triage"), ack_text, tooltip=ack_text),
            ],
            key=lambda r: r.alert.key,
            parent=parent,
        )

    def _urgency(self, row: AlertRow) -> QColor | None:
        days = row.alert.days_left(self.today)
        if days < 0:
            return DANGER_BACKGROUND
        return WARNING_BACKGROUND if days <= SOON_DAYS else None

    def _who(self, row: AlertRow) -> str:
        if row.alert.person_id is None:
            return self.tr("Whole site")
        return f"{row.full_name} ({row.person_code})"

    def place(self, row: AlertRow) -> str:
        if row.facility_name:
            return row.facility_name
        commune = self.ui.services.ctx.reference.commune(row.commune_code or "")
        return commune.full_name if commune else (row.commune_code or "")

    @staticmethod
    def _coefficients(row: AlertRow) -> str:
        alert = row.alert
        if alert.sensitive or alert.old_coefficient is None:
            return ""
        return _change(i18n.number(alert.old_coefficient), i18n.number(alert.new_coefficient))

    @staticmethod
    def _amounts(row: AlertRow) -> str:
        alert = row.alert
        if alert.sensitive or alert.new_amount is None:
            return ""
        if alert.old_amount is None:
            return i18n.money(alert.new_amount)
        return _change(i18n.money(alert.old_amount), i18n.money(alert.new_amount))


class DueFilter:
    ANY = "any"
    OVERDUE = "overdue"
    WEEK = "week"
    MONTH = "month"
    RANGE = "range"


class AlertsFilter(QSortFilterProxyModel):
    """Kind, due date, place and triage state: all on the rows already loaded."""

    def __init__(self, model: AlertsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alerts = model
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.kind: AlertKind | None = None
        self.due = DueFilter.ANY
        self.due_from: dt.date | None = None
        self.due_to: dt.date | None = None
        self.place: str | None = None
        self.show_hidden = False

    def set_filter(
        self,
        kind: AlertKind | None,
        due: str,
        due_from: dt.date | None,
        due_to: dt.date | None,
        place: str | None,
        show_hidden: bool,
    ) -> None:
        self.beginFilterChange()
        self.kind, self.due, self.due_from, self.due_to = kind, due, due_from, due_to
        self.place, self.show_hidden = place, show_hidden
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = self.alerts.row(source_row)
        alert = row.alert
        today = self.alerts.today
        if not self.show_hidden and row.hidden_on(today):
            return False
        if self.kind is not None and alert.kind != self.kind:
            return False
        if self.place is not None and self.alerts.place(row) != self.place:
            return False
        days = alert.days_left(today)
        if self.due == DueFilter.OVERDUE:
            return days < 0
        if self.due == DueFilter.WEEK:
            return days <= SOON_DAYS
        if self.due == DueFilter.MONTH:
            return days <= TILE_DAYS
        if self.due == DueFilter.RANGE:
            return (self.due_from is None or alert.due_date >= self.due_from) and (
                self.due_to is None or alert.due_date <= self.due_to
            )
        return True


class AlertsPage(Page):
    count_changed = Signal(int)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.model = AlertsModel(ui, self)
        self.filter = AlertsFilter(self.model, self)
        self.count = 0
        self._loading = False
        self._again = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading(self.title()))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        # Wraps at large text sizes rather than cutting the labels short; a label stays on
        # the line of the fields it names.
        filters = FlowLayout()
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("All kinds"), None)
        for kind in AlertKind:
            self.kind_box.addItem(i18n.t(f"alerts.kind.{kind.value}"), kind.value)
        self.due_box = QComboBox()
        for text, value in (
            (self.tr("Any due date"), DueFilter.ANY),
            (self.tr("Overdue"), DueFilter.OVERDUE),
            (self.tr("Due within 7 days"), DueFilter.WEEK),
            (self.tr("Due within 30 days"), DueFilter.MONTH),
            (self.tr("Due between…"), DueFilter.RANGE),
        ):
            self.due_box.addItem(text, value)
        today = ui.services.ctx.today()
        self.due_from = DateField(today)
        self.due_to = DateField(today + dt.timedelta(days=TILE_DAYS))
        self.place_box = QComboBox()
        self.place_box.setMinimumContentsLength(16)
        self.place_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.hidden_box = QCheckBox(self.tr("Show done and snoozed"))
        for label, fields in (
            (self.tr("Kind"), (self.kind_box,)),
            (self.tr("Due"), (self.due_box, self.due_from, self.due_to)),
            (self.tr("Where"), (self.place_box,)),
        ):
            filters.addWidget(_labelled(label, fields))
        filters.addWidget(self.hidden_box)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setModel(self.filter)
        configure_table(self.table, stretch_column=DETAILS_COLUMN)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("alert_detail")
        layout.addWidget(self.detail)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open the record"))
        self.act_button = QPushButton(self.tr("Take action"))
        self.other_button = QPushButton()
        self.done_button = QPushButton(self.tr("Mark done…"))
        self.snooze_button = QPushButton(self.tr("Snooze…"))
        self.reopen_button = QPushButton(self.tr("Show again"))
        for button in (
            self.open_button,
            self.act_button,
            self.other_button,
            self.done_button,
            self.snooze_button,
            self.reopen_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.kind_box.currentIndexChanged.connect(self._filters_changed)
        self.due_box.currentIndexChanged.connect(self._filters_changed)
        self.due_from.dateChanged.connect(self._filters_changed)
        self.due_to.dateChanged.connect(self._filters_changed)
        self.place_box.currentIndexChanged.connect(self._filters_changed)
        self.hidden_box.toggled.connect(self._filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.open_record())
        self.open_button.clicked.connect(self.open_record)
        self.act_button.clicked.connect(lambda: self.take_action(0))
        self.other_button.clicked.connect(lambda: self.take_action(1))
        self.done_button.clicked.connect(lambda: self.open_ack(AckState.DONE))
        self.snooze_button.clicked.connect(lambda: self.open_ack(AckState.SNOOZED))
        self.reopen_button.clicked.connect(self.reopen)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DELAY_MS)
        self._debounce.timeout.connect(self._refresh_if_open)
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        ui.bus.changed.connect(self._records_changed)
        self._filters_changed()
        self._selection_changed()
        # Loaded now, not when first shown: the navigation shows the count from the start.
        self._stale = False
        self.refresh()

    def title(self) -> str:
        return self.tr("To do")

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        if self._loading:
            self._again = True
            return
        self._loading = True
        self.ui.runner.run(
            lambda: self.ui.services.alerts.compute(include_hidden=True),
            self._loaded,
            self._failed,
        )

    def _records_changed(self, changes: ChangeSet, initiator: object | None) -> None:
        if changes.entities() & ALERT_ENTITIES:
            self._debounce.start()

    def _refresh_if_open(self) -> None:
        # Timers outlive a closed window by a moment; its services may be closed by then.
        if self.window().isVisible():
            self.refresh()

    def _check_day(self) -> None:
        if self.ui.services.ctx.today() != self.model.today:
            self._refresh_if_open()

    def _loaded(self, rows: Sequence[AlertRow]) -> None:
        self._loading = False
        selected = self.selected()
        self.model.today = self.ui.services.ctx.today()
        self.model.set_rows(rows)
        self._fill_places(rows)
        self._filters_changed()
        fit_columns(self.table, widest=180)
        # The amounts ("810.000 ₫ → 1.080.000 ₫") are never cut: the details column gives up
        # the width, shown whole under the table and in its tooltip.
        self.table.resizeColumnToContents(AMOUNT_COLUMN)
        # One commune's own list need not say where every line is.
        self.table.setColumnHidden(PLACE_COLUMN, self.place_box.count() <= 2)
        if selected is not None:
            self._select(selected.alert.key)
        self._selection_changed()
        shown = [r for r in rows if not r.hidden_on(self.model.today)]
        overdue = sum(1 for r in shown if r.alert.days_left(self.model.today) < 0)
        self.summary.setText(
            self.tr("{count} things to do, {overdue} of them overdue.").format(
                count=len(shown), overdue=overdue
            )
        )
        self.count = len(shown)
        self.count_changed.emit(self.count)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.summary.setText(error_text(error))

    def _fill_places(self, rows: Sequence[AlertRow]) -> None:
        current = self.place_box.currentData()
        places = sorted({self.model.place(r) for r in rows} - {""})
        self.place_box.blockSignals(True)
        self.place_box.clear()
        self.place_box.addItem(self.tr("Everywhere"), None)
        for place in places:
            self.place_box.addItem(place, place)
        index = self.place_box.findData(current) if current is not None else 0
        self.place_box.setCurrentIndex(max(index, 0))
        self.place_box.blockSignals(False)

    # ------------------------------------------------------------------ filters and selection

    def _filters_changed(self) -> None:
        kind = self.kind_box.currentData()
        due = self.due_box.currentData()
        in_range = due == DueFilter.RANGE
        self.due_from.setVisible(in_range)
        self.due_to.setVisible(in_range)
        self.table.setColumnHidden(TRIAGE_COLUMN, not self.hidden_box.isChecked())
        self.filter.set_filter(
            AlertKind(kind) if kind else None,
            due,
            self.due_from.value(),
            self.due_to.value(),
            self.place_box.currentData(),
            self.hidden_box.isChecked(),
        )
        self._selection_changed()

    def selected(self) -> AlertRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(self.filter.mapToSource(rows[0]).row())

    def _select(self, key: str) -> None:
        number = self.model.row_number(key)
        if number is None:
            return
        index = self.filter.mapFromSource(self.model.index(number, 0))
        if index.isValid():
            self.table.selectRow(index.row())

    def select_kind(self, kind: AlertKind) -> None:
        """Select the first listed alert of `kind` (for people and tests driving the page)."""
        for number in range(self.filter.rowCount()):
            row = self.model.row(self.filter.mapToSource(self.filter.index(number, 0)).row())
            if row.alert.kind == kind:
                self.table.selectRow(number)
                return

    def _selection_changed(self) -> None:
        row = self.selected()
        actor = self.ui.services.ctx.actor
        if row is None:
            self.detail.setText(self.tr("Choose a line to see what to do."))
            for button in (self.open_button, self.act_button, self.done_button):
                button.setEnabled(False)
            self.snooze_button.setEnabled(False)
            self.other_button.hide()
            self.reopen_button.hide()
            return
        alert = row.alert
        actions = [a for a in alert.actions if a.code != ActionCode.REVIEW]
        self.detail.setText(
            f"{reason_text(alert)}\n"
            + self.tr("Suggested: {action}.").format(
                action=i18n.t(f"alerts.action.{alert.action.code.value}")
            )
        )
        self.open_button.setEnabled(alert.person_id is not None)
        for button, number in ((self.act_button, 0), (self.other_button, 1)):
            if number < len(actions):
                button.setText(i18n.t(f"alerts.action.{actions[number].code.value}"))
                permit(button, actor, ACTION_PERMISSIONS[actions[number].code])
                button.setVisible(True)
            elif number == 0:
                button.setText(self.tr("Take action"))
                button.setEnabled(False)
            else:
                button.hide()
        hidden = row.hidden_on(self.model.today)
        self.done_button.setEnabled(not hidden)
        self.snooze_button.setEnabled(not hidden)
        self.reopen_button.setVisible(hidden)

    # ------------------------------------------------------------------ one click

    def open_record(self) -> PersonSummaryDialog | None:
        row = self.selected()
        if row is None or row.alert.person_id is None:
            return None
        dialog = PersonSummaryDialog(self.ui, row.alert.person_id, self)
        dialog.open()
        return dialog

    def take_action(self, number: int = 0) -> AlertActionDialog | None:
        row = self.selected()
        if row is None:
            return None
        actions = [a for a in row.alert.actions if a.code != ActionCode.REVIEW]
        if number >= len(actions):
            return None
        dialog = AlertActionDialog(self.ui, row, actions[number], self)
        dialog.saved.connect(lambda _: self.refresh())
        dialog.open()
        return dialog

    def open_ack(self, state: AckState) -> AckDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = AckDialog(self.ui, row.alert, state, self)
        dialog.saved.connect(lambda _: self.refresh())
        dialog.open()
        return dialog

    def reopen(self) -> None:
        row = self.selected()
        if row is None:
            return
        key = row.alert.key
        self.ui.runner.run(
            lambda: self.ui.services.alerts.reopen(key), lambda _: self.refresh(), self._failed
        )


class AlertsTile(QFrame):
    """ "Việc cần làm 30 ngày tới" for a dashboard: how many are due within 30 days or
    overdue, and how many of each kind; `open_requested` (the button, or a click anywhere on
    the tile) asks the window to show the full list. It computes in the background, like
    the list."""

    open_requested = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        # A strip across the page, dressed like the dashboard's key figures (their style).
        self.setObjectName("key_figure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Open the to-do list"))
        self.title = QLabel(self.tr("To do in the next 30 days"))
        self.title.setObjectName("tile_title")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)  # at large text sizes, so the kinds keep the width
        self.count = QLabel("…")
        self.count.setObjectName("key_value")
        self.breakdown = QLabel()
        self.breakdown.setWordWrap(True)
        self.open_button = QPushButton(self.tr("See the list"))
        self.open_button.clicked.connect(self.open_requested)
        # One row, so the charts under it keep their height.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(12)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.breakdown, 4)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(REFRESH_DELAY_MS)
        self._debounce.timeout.connect(self._refresh_if_open)
        ui.bus.changed.connect(self._records_changed)
        self.refresh()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.open_requested.emit()

    def refresh(self) -> None:
        self.ui.runner.run(self.ui.services.alerts.compute, self.show_rows, self._failed)

    def _refresh_if_open(self) -> None:
        if self.window().isVisible():
            self.refresh()

    def _records_changed(self, changes: ChangeSet, initiator: object | None) -> None:
        if changes.entities() & ALERT_ENTITIES:
            self._debounce.start()

    def show_rows(self, rows: Sequence[AlertRow]) -> None:
        today = self.ui.services.ctx.today()
        coming = [r.alert for r in rows if r.alert.days_left(today) <= TILE_DAYS]
        overdue = sum(1 for a in coming if a.days_left(today) < 0)
        self.count.setText(str(len(coming)))
        # Every kind, most first (ties in the list's order of kinds): what the officer
        # opens the app to see.
        order = {kind: number for number, kind in enumerate(AlertKind)}
        kinds = sorted(Counter(a.kind for a in coming).items(), key=lambda k: (-k[1], order[k[0]]))
        self.breakdown.setText(
            "  ·  ".join(
                [
                    self.tr("{count} overdue").format(count=overdue),
                    *(f"{i18n.t(f'alerts.kind.{kind.value}')}: {n}" for kind, n in kinds),
                ]
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.breakdown.setText(error_text(error))
