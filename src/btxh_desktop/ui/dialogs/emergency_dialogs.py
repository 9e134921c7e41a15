"""Emergency assistance forms: an event (Tết, a flood…) and what one household received,
with the rice and cash the rules suggest filled in but left editable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.policy import RiceSupport, Support
from btxh_desktop.services.emergency import (
    EVENT_KINDS,
    MAX_HOUSEHOLD,
    SUPPORT_KINDS,
    EventSummary,
)
from btxh_desktop.storage.people import PersonRecord
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.choose_person import PersonChooser
from btxh_desktop.ui.i18n import date_text
from btxh_desktop.ui.widgets.form_kit import (
    DateField,
    FormDialog,
    KilogramField,
    MoneyField,
    error_text,
)

SUGGEST_DELAY_MS = 150


def _optional(text: str) -> str | None:
    return text.strip() or None


class EventDialog(FormDialog):
    """A new event, or corrections to one already recorded."""

    def __init__(
        self, ui: UiContext, event: EventSummary | None = None, parent: QWidget | None = None
    ) -> None:
        title = (
            self.tr("New emergency assistance event")
            if event is None
            else self.tr("Edit the event")
        )
        super().__init__(ui, title, self.tr("Save"), parent)
        self.event = event
        self.name = QLineEdit(event.name if event else "")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("e.g. Hỗ trợ Tết Nguyên đán 2027, Lũ tháng 10/2026"))
        self.add_row("name", self.tr("Name"), self.name)
        self.kind = QComboBox()
        for code in EVENT_KINDS:
            self.kind.addItem(terms.label(terms.EVENT_KIND, code), code)
        if event is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(event.kind)))
        self.add_row("kind", self.tr("Kind"), self.kind)
        self.occurred_on = DateField(event.occurred_on if event else ui.services.ctx.today())
        self.add_row("occurred_on", self.tr("Date it happened"), self.occurred_on)
        self.note = QPlainTextEdit(event.note or "" if event else "")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.add_row("note", self.tr("Note"), self.note)
        self.fit_to_screen(600)

    def request(self) -> Callable[[], object] | None:
        emergency = self.ui.services.emergency
        name, kind = self.name.text(), str(self.kind.currentData())
        day, note = self.occurred_on.value(), _optional(self.note.toPlainText())
        if self.event is None:
            return lambda: emergency.create_event(name, kind, day, note=note)
        event_id = self.event.id
        return lambda: emergency.update_event(event_id, name, kind, day, note)


@dataclass(frozen=True)
class Suggestion:
    rice: RiceSupport | None
    max_months: int
    cash: Support | None


class DistributionDialog(FormDialog):
    """What one household (or person) received in an event."""

    def __init__(self, ui: UiContext, event: EventSummary, parent: QWidget | None = None) -> None:
        super().__init__(ui, self.tr("Record assistance given"), self.tr("Save"), parent)
        self.event = event
        header = QLabel(
            f"{event.name} — {terms.label(terms.EVENT_KIND, event.kind)} — "
            f"{date_text(event.occurred_on)}"
        )
        header.setWordWrap(True)
        self.add_row(None, self.tr("Event"), header)
        self.person = PersonChooser(ui)
        self.person.shown.setText(self.tr("Optional: someone already on record"))
        self.person.changed.connect(self._person_chosen)
        self.add_row("person", self.tr("From the records"), self.person)
        self.household_head = QLineEdit()
        self.household_head.setMaxLength(100)
        self.add_row(
            "household_head", self.tr("Head of household / recipient"), self.household_head
        )
        self.household_size = QSpinBox()
        self.household_size.setRange(1, MAX_HOUSEHOLD)
        self.household_size.setValue(1)
        self.add_row("household_size", self.tr("People in the household"), self.household_size)
        self.support_kind = QComboBox()
        for code in SUPPORT_KINDS:
            self.support_kind.addItem(terms.label(terms.SUPPORT_KIND, code), code)
        self.add_row("support_kind", self.tr("Kind of support"), self.support_kind)
        self.rice_months = QSpinBox()
        self.rice_months.setRange(1, 3)
        self.rice_months.setValue(1 if event.kind == "tet" else 3)
        self.add_row("months", self.tr("Months of rice"), self.rice_months)
        self.rice_kg = KilogramField()
        self.add_row("rice_kg", self.tr("Rice (kg)"), self.rice_kg)
        self.cash = MoneyField()
        self.add_row("cash_amount", self.tr("Cash"), self.cash)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.add_note(self.suggestion)
        self.distributed_on = DateField(ui.services.ctx.today())
        self.add_row("distributed_on", self.tr("Date given"), self.distributed_on)
        self.note = QLineEdit()
        self.add_row("note", self.tr("Note"), self.note)
        self.person_id: str | None = None
        self._suggest_number = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUGGEST_DELAY_MS)
        self._timer.timeout.connect(self.suggest)
        for signal in (
            self.household_size.valueChanged,
            self.rice_months.valueChanged,
            self.support_kind.currentIndexChanged,
            self.distributed_on.dateChanged,
        ):
            signal.connect(lambda *_args: self._timer.start())
        self.suggest()
        self.fit_to_screen(640)

    def _person_chosen(self, person: PersonRecord) -> None:
        self.person_id = person.id
        self.household_head.setText(person.full_name)

    def suggest(self) -> None:
        """Fill in what the rules give for this household; the officer may change it."""
        self._timer.stop()
        self._suggest_number += 1
        number = self._suggest_number
        services = self.ui.services
        event_kind, kind = self.event.kind, str(self.support_kind.currentData())
        size, months, day = (
            self.household_size.value(),
            self.rice_months.value(),
            self.distributed_on.value(),
        )
        occasion = "tet" if event_kind == "tet" else "disaster"

        def compute() -> Suggestion:
            limit = services.ctx.policy.rice_occasions(Month.of(day)).get(occasion, 1)
            rice = None
            if kind == "rice":
                rice = services.emergency.suggested_rice(event_kind, size, day, min(months, limit))
            return Suggestion(rice, limit, services.emergency.suggested_cash(kind, day))

        def shown(suggestion: Suggestion) -> None:
            if number == self._suggest_number:
                self._show(kind, suggestion)

        def failed(error: BaseException) -> None:
            if number == self._suggest_number:
                self.suggestion.setText(error_text(error))

        self.ui.runner.run(compute, shown, failed)

    def _show(self, kind: str, suggestion: Suggestion) -> None:
        self.rice_months.setMaximum(suggestion.max_months)
        self.rice_months.setEnabled(kind == "rice" and suggestion.max_months > 1)
        lines = []
        if suggestion.rice is not None:
            self.rice_kg.setValue(suggestion.rice.kg)
            lines += [terms.step_text(s) for s in suggestion.rice.explanation]
        elif kind != "rice":
            self.rice_kg.setValue(0)
        if suggestion.cash is not None:
            self.cash.setValue(suggestion.cash.amount)
            lines += [terms.step_text(s) for s in suggestion.cash.explanation[-1:]]
        elif kind == "rice":
            self.cash.setValue(0)
        prefix = self.tr("Suggested under the rules (you may change it):")
        self.suggestion.setText("\n".join([prefix, *lines]) if lines else "")
        self.grow_to_fit()

    def request(self) -> Callable[[], object] | None:
        emergency = self.ui.services.emergency
        event_id, head = self.event.id, self.household_head.text()
        size, kind = self.household_size.value(), str(self.support_kind.currentData())
        day, rice, cash = self.distributed_on.value(), self.rice_kg.kilograms(), self.cash.value()
        person_id, note = self.person_id, _optional(self.note.text())
        return lambda: emergency.distribute(
            event_id,
            head,
            size,
            kind,
            day,
            rice_kg=Decimal(rice),
            cash_amount=cash,
            person_id=person_id,
            note=note,
        )
