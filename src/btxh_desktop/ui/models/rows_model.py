"""A table of frozen rows. Columns say how a row is shown; rows are replaced, updated or
removed by key, so a screen can refresh only the records a change notification names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

WARNING_BACKGROUND = QColor("#ffe3a3")
DANGER_BACKGROUND = QColor("#f6c4c4")
DARK_TEXT = QColor("#1a1a1a")


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    # What the column sorts by (numbers as numbers, dates as ISO text); the text by default.
    sort: Callable[[R], str | int | float] | None = None
    numeric: bool = False  # right-aligned, as amounts are read
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[R] = []
        self._index: dict[str, int] = {}

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Unhandled roles return None explicitly: asking super() made PySide6 6.12 crash at
        # interpreter exit, and there is nothing for it to add.
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort is not None else column.text(row)
        if role == KEY_ROLE:
            return self._key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            color = column.background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column.background is not None:
            # A highlighted cell keeps dark text whatever the palette, so it stays readable.
            return QBrush(DARK_TEXT) if column.background(row) is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None

    # ------------------------------------------------------------------ rows

    @property
    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, number: int) -> R:
        return self._rows[number]

    def row_number(self, key: str) -> int | None:
        return self._index.get(key)

    def find(self, key: str) -> R | None:
        number = self._index.get(key)
        return None if number is None else self._rows[number]

    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self.endResetModel()

    def upsert(self, rows: Iterable[R]) -> None:
        """Replace rows already shown (same key), append the others."""
        for row in rows:
            key = self._key(row)
            number = self._index.get(key)
            if number is None:
                end = len(self._rows)
                self.beginInsertRows(QModelIndex(), end, end)
                self._rows.append(row)
                self._index[key] = end
                self.endInsertRows()
            else:
                self._rows[number] = row
                self.dataChanged.emit(
                    self.index(number, 0), self.index(number, len(self._columns) - 1)
                )

    def remove(self, keys: Iterable[str]) -> None:
        numbers = sorted((self._index[k] for k in set(keys) if k in self._index), reverse=True)
        for number in numbers:
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self.endRemoveRows()
        if numbers:
            self._reindex()

    def _reindex(self) -> None:
        self._index = {self._key(row): i for i, row in enumerate(self._rows)}
