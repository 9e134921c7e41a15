"""Tables of the emergency assistance screen: events with their totals, and distributions."""

from __future__ import annotations

from PySide6.QtCore import QObject

from btxh_desktop.domain.identity import fold
from btxh_desktop.services.emergency import DistributionRow, EventSummary
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.i18n import date_text, money, number
from btxh_desktop.ui.models.rows_model import Column, RowsModel


class EventTableModel(RowsModel[EventSummary]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Event"), lambda e: e.name, lambda e: fold(e.name)),
                Column(self.tr("Kind"), lambda e: terms.label(terms.EVENT_KIND, e.kind)),
                Column(
                    self.tr("Date"),
                    lambda e: date_text(e.occurred_on),
                    lambda e: e.occurred_on.isoformat(),
                ),
                Column(
                    self.tr("Households"),
                    lambda e: str(e.households),
                    lambda e: e.households,
                    numeric=True,
                ),
                Column(
                    self.tr("People"), lambda e: str(e.people), lambda e: e.people, numeric=True
                ),
                Column(
                    self.tr("Rice (kg)"),
                    lambda e: number(e.rice_kg),
                    lambda e: float(e.rice_kg),
                    numeric=True,
                ),
                Column(self.tr("Cash"), lambda e: money(e.cash), lambda e: e.cash, numeric=True),
            ],
            key=lambda e: e.id,
            parent=parent,
        )


class DistributionTableModel(RowsModel[DistributionRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Head of household / recipient"),
                    lambda d: d.household_head,
                    lambda d: fold(d.household_head),
                ),
                Column(
                    self.tr("People"),
                    lambda d: str(d.household_size),
                    lambda d: d.household_size,
                    numeric=True,
                ),
                Column(
                    self.tr("Kind of support"),
                    lambda d: terms.label(terms.SUPPORT_KIND, d.support_kind),
                ),
                Column(
                    self.tr("Rice (kg)"),
                    lambda d: number(d.rice_kg) if d.rice_kg else "",
                    lambda d: float(d.rice_kg),
                    numeric=True,
                ),
                Column(
                    self.tr("Cash"),
                    lambda d: money(d.cash_amount) if d.cash_amount else "",
                    lambda d: d.cash_amount,
                    numeric=True,
                ),
                Column(
                    self.tr("Date given"),
                    lambda d: date_text(d.distributed_on),
                    lambda d: d.distributed_on.isoformat(),
                ),
                Column(self.tr("Note"), lambda d: d.note or "", tooltip=lambda d: d.note or ""),
            ],
            key=lambda d: d.id,
            parent=parent,
        )
