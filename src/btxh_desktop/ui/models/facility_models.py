"""Tables of the facility screen: residents (emergency stays highlighted as their three
months run out) and a resident's care log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from btxh_desktop.domain.identity import fold
from btxh_desktop.services.facility import CareLogRow, ResidentRow
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.i18n import date_text
from btxh_desktop.ui.models.rows_model import (
    DANGER_BACKGROUND,
    SORT_ROLE,
    WARNING_BACKGROUND,
    Column,
    RowsModel,
)

NO_DEADLINE = 100_000  # sorts stays without a deadline after every emergency one


class ResidentTableModel(RowsModel[ResidentRow]):
    DAYS_COLUMN = 4
    DISCHARGE_COLUMN = 6

    def __init__(self, today: dt.date, parent: QObject | None = None) -> None:
        self.today = today
        super().__init__(
            [
                Column(
                    self.tr("Full name"),
                    lambda r: r.full_name,
                    lambda r: fold(r.full_name),
                    background=self._highlight,
                ),
                Column(
                    self.tr("Age"),
                    lambda r: "" if r.age is None else str(r.age),
                    lambda r: -1 if r.age is None else r.age,
                    numeric=True,
                ),
                Column(
                    self.tr("Group"), lambda r: terms.label(terms.RESIDENT_GROUP, r.resident_group)
                ),
                Column(
                    self.tr("Admission"),
                    lambda r: terms.label(terms.ADMISSION_TYPE_SHORT, r.admission_type),
                ),
                Column(
                    self.tr("Emergency stay"),
                    self._days_left,
                    self._days_sort,
                    background=self._highlight,
                    tooltip=self._deadline,
                ),
                Column(
                    self.tr("Admitted on"),
                    lambda r: date_text(r.admitted_on),
                    lambda r: r.admitted_on.isoformat(),
                ),
                Column(
                    self.tr("Left the facility"),
                    self._discharge,
                    lambda r: r.discharged_on.isoformat() if r.discharged_on else "",
                ),
            ],
            key=lambda r: r.residency_id,
            parent=parent,
        )

    def _highlight(self, row: ResidentRow) -> QColor | None:
        state = row.emergency_state(self.today)
        if state == "overdue":
            return DANGER_BACKGROUND
        if state == "due_soon":
            return WARNING_BACKGROUND
        return None

    def _days_left(self, row: ResidentRow) -> str:
        left = row.days_left(self.today)
        if left is None:
            return ""
        if left < 0:
            return self.tr("{days} days overdue").format(days=-left)
        return self.tr("{days} days left").format(days=left)

    def _days_sort(self, row: ResidentRow) -> int:
        left = row.days_left(self.today)
        return NO_DEADLINE if left is None else left

    def _deadline(self, row: ResidentRow) -> str:
        if row.emergency_deadline is None:
            return ""
        return self.tr("At most until {date}").format(date=date_text(row.emergency_deadline))

    def _discharge(self, row: ResidentRow) -> str:
        if row.discharged_on is None:
            return ""
        reason = terms.label(terms.DISCHARGE_REASON, row.discharge_reason)
        return f"{date_text(row.discharged_on)} — {reason}"


class ResidentFilter(QSortFilterProxyModel):
    def __init__(self, source: ResidentTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.residents = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.text:
            return True
        resident = self.residents.row(row)
        return self.text in fold(resident.full_name) or self.text in resident.code.lower()


class CareLogModel(RowsModel[CareLogRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Date"),
                    lambda e: date_text(e.occurred_on),
                    lambda e: e.occurred_on.isoformat(),
                ),
                Column(self.tr("Kind"), lambda e: terms.label(terms.CARE_LOG_KIND, e.kind)),
                Column(self.tr("Content"), self._content, tooltip=self._content),
            ],
            key=lambda e: e.id,
            parent=parent,
        )

    def _content(self, entry: CareLogRow) -> str:
        if not entry.staff_name:
            return entry.summary
        return self.tr("{summary} (by {staff})").format(
            summary=entry.summary, staff=entry.staff_name
        )
