"""Fields of the person form that Qt has no widget for: a birth date of which only part may be
known, a day that may be left empty, and a commune picked by typing part of its name.

Each field keeps exactly what was typed; reading its value raises a `DomainError` that the
form shows beside the field, and the text stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from btxh_desktop.domain.dates import PartialDate, Precision
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.identity import fold
from btxh_desktop.domain.reference import Commune, ReferenceData

_DAY = re.compile(r"\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*|\s*(\d{2})(\d{2})(\d{4})\s*")


def parse_day(text: str) -> dt.date | None:
    """`16/11/2026` (also with dots or dashes, or as 16112026); empty gives None."""
    if not text.strip():
        return None
    match = _DAY.fullmatch(text)
    if match is None:
        raise DomainError("date.unreadable", value=text.strip())
    day, month, year = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DomainError("date.invalid", value=text.strip()) from None


def day_text(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


class DayField(QLineEdit):
    """A day typed as dd/mm/yyyy, or left empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") + 24)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") * 2)

    def value(self) -> dt.date | None:
        return parse_day(self.text())

    def set_value(self, day: dt.date | None) -> None:
        self.setText(day_text(day))


class PartialDateField(QWidget):
    """A date of which the day, the month or all of it may be unknown.

    The precision is chosen in the list or follows from what is typed (`1950` is a year,
    `03/1950` a month); "unknown" greys the text out but keeps it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.precision = QComboBox()
        for precision, text in (
            (Precision.DAY, self.tr("Full date")),
            (Precision.MONTH, self.tr("Month and year")),
            (Precision.YEAR, self.tr("Year only")),
            (Precision.UNKNOWN, self.tr("Unknown")),
        ):
            self.precision.addItem(text, precision.value)
        self.text_edit = QLineEdit()
        self.text_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") + 24)
        self.text_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") * 2)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text_edit)
        row.addWidget(self.precision)
        row.addStretch(1)
        self.setFocusProxy(self.text_edit)
        self.precision.currentIndexChanged.connect(self._precision_chosen)
        self.text_edit.editingFinished.connect(self._follow_text)
        self.text_edit.textChanged.connect(self.changed)
        self._precision_chosen()

    def current_precision(self) -> Precision:
        return Precision(self.precision.currentData())

    def _precision_chosen(self) -> None:
        precision = self.current_precision()
        self.text_edit.setEnabled(precision != Precision.UNKNOWN)
        self.text_edit.setPlaceholderText(
            {
                Precision.DAY: self.tr("dd/mm/yyyy"),
                Precision.MONTH: self.tr("mm/yyyy"),
                Precision.YEAR: self.tr("yyyy"),
                Precision.UNKNOWN: self.tr("not known"),
            }[precision]
        )
        self.changed.emit()

    def _follow_text(self) -> None:
        try:
            value = PartialDate.parse(self.text_edit.text())
        except DomainError:
            return
        if value.precision != Precision.UNKNOWN:
            self.set_precision(value.precision)

    def set_precision(self, precision: Precision) -> None:
        self.precision.setCurrentIndex(self.precision.findData(precision.value))

    def value(self) -> PartialDate:
        """What was typed, at the precision it was typed with; raises when unreadable."""
        if self.current_precision() == Precision.UNKNOWN:
            return PartialDate()
        text = self.text_edit.text()
        if not text.strip():
            return PartialDate()
        return PartialDate.parse(text)

    def set_value(self, value: PartialDate) -> None:
        self.set_precision(value.precision if value.year is not None else Precision.DAY)
        self.text_edit.setText(value.display())

    def snapshot(self) -> tuple[str, str]:
        return self.text_edit.text(), str(self.precision.currentData())


class CommuneField(QLineEdit):
    """A commune chosen by typing part of its name, without diacritics if need be ("sai gon"
    offers Phường Sài Gòn, Thành phố Hồ Chí Minh). Holds the code of the commune chosen."""

    chosen = Signal()

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self._code: str | None = None
        self._offered: list[Commune] = []
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        # The reference data does the matching (folded, word starts); the popup shows it all.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._picked)  # type: ignore[index]
        self.setCompleter(completer)
        self.setPlaceholderText(self.tr("Type part of the name, e.g. sai gon"))
        self.textEdited.connect(self._offer)
        self.editingFinished.connect(self._settle)

    def label(self, commune: Commune) -> str:
        province = self.reference.province(commune.province_code)
        return f"{commune.full_name}, {province.full_name}" if province else commune.full_name

    def code(self) -> str | None:
        return self._code

    def set_code(self, code: str | None) -> None:
        commune = self.reference.commune(code) if code else None
        self._code = commune.code if commune else None
        self.setText(self.label(commune) if commune else (code or ""))
        self.setCursorPosition(0)  # the commune's name, not the province's, when it is long

    def unresolved(self) -> bool:
        """Text was typed but no commune was chosen from the suggestions."""
        return bool(self.text().strip()) and self._code is None

    def _offer(self, text: str) -> None:
        self._code = None
        self._offered = self.reference.search_communes(text, limit=15)
        self._names.setStringList([self.label(c) for c in self._offered])

    def _picked(self, text: str) -> None:
        for commune in self._offered:
            if self.label(commune) == text:
                self._code = commune.code
                self.chosen.emit()
                return

    def _settle(self) -> None:
        """Typing a name that only one commune has is as good as picking it."""
        if self._code is not None or not self.text().strip():
            return
        offered = self.reference.search_communes(self.text(), limit=2)
        if len(offered) == 1:
            self.set_code(offered[0].code)
            self.chosen.emit()

    def find_in_address(self, address: str) -> tuple[Commune | None, str]:
        """The commune named in an address from a card's QR code, and the rest of it.

        Addresses run from house to province, separated by commas ("Tổ 3, Phường Sài Gòn,
        Thành phố Hồ Chí Minh"); the commune is the part whose whole name matches exactly
        one commune."""
        parts = [p.strip() for p in address.split(",") if p.strip()]
        for index in range(len(parts) - 1, -1, -1):
            found = [
                c
                for c in self.reference.search_communes(parts[index], limit=50)
                if _same_words(c.full_name, parts[index])
            ]
            if len(found) > 1 and index + 1 < len(parts):
                found = [c for c in found if _province_named(self.reference, c, parts[index + 1])]
            if len(found) == 1:
                return found[0], ", ".join(parts[:index])
        return None, address


def _same_words(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _province_named(reference: ReferenceData, commune: Commune, text: str) -> bool:
    province = reference.province(commune.province_code)
    if province is None:
        return False
    wanted = fold(text)
    return wanted in (fold(province.full_name), fold(province.name))
