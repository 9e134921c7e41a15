"""The people list's model: every matching id, and only the rows on screen.

A search or a filter gives the ids of all matches in order (200,000 ids are a few megabytes);
rows are fetched by the page when the view first asks for them, shown as a placeholder until
they arrive, and kept in a bounded cache so scrolling the whole list does not keep it all.
Requests made while painting are gathered and sent once the paint is over.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from btxh_desktop.storage.people import PeopleSort, PersonListRow

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole
_ID = int(ID_ROLE.value)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ROLES = frozenset({_ID, _DISPLAY, _TOOLTIP, _FOREGROUND})
PLACEHOLDER = "…"
PLACEHOLDER_COLOR = QColor("#8a8a8a")


@dataclass(frozen=True)
class PeopleColumn:
    title: str
    text: Callable[[PersonListRow], str]
    sort: PeopleSort | None = None  # the order SQLite applies when the header is clicked
    tooltip: bool = False  # long values (names, addresses) also as a tooltip


class PeopleTableModel(QAbstractTableModel):
    #: Ids whose rows the view needs; answer with `put_rows`.
    rows_needed = Signal(list)
    #: Ids the list holds but the database no longer shows (deleted meanwhile).
    rows_gone = Signal()

    PAGE_SIZE = 100
    # A hundred screens around where the user is; older rows are dropped and fetched again
    # if the user scrolls back to them.
    CACHE_ROWS = 5_000

    def __init__(self, columns: Sequence[PeopleColumn], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._ids: list[str] = []
        self._id_set: set[str] | None = None
        # id → the row and the text of each column
        self._cache: OrderedDict[str, tuple[PersonListRow, tuple[str, ...]]] = OrderedDict()
        self._stale: set[str] = set()
        self._pending: set[str] = set()
        self._wanted: list[str] = []
        self._gone: set[str] = set()
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._send_requests)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every painted cell and role: the texts were made when the row arrived,
        # and roles the list does not use return at once. Unhandled roles return None
        # explicitly (asking super() crashed PySide6 6.12 at exit).
        if role not in _ROLES or not index.isValid() or index.row() >= len(self._ids):
            return None
        number = index.row()
        person_id = self._ids[number]
        if role == _ID:
            return person_id
        texts = self._texts(number, person_id)
        column = index.column()
        if role == _DISPLAY:
            if texts is None:
                return PLACEHOLDER if column <= 1 else ""
            return texts[column]
        if role == _TOOLTIP:
            if texts is None or not self._columns[column].tooltip:
                return None
            return texts[column] or None
        return PLACEHOLDER_COLOR if texts is None else None  # foreground

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ ids and rows

    def column(self, number: int) -> PeopleColumn:
        return self._columns[number]

    def set_ids(self, ids: list[str], first_rows: Iterable[PersonListRow] = ()) -> None:
        """A new result, with the rows already fetched for it. Cached rows stay: a person's
        row reads the same in any result."""
        self.beginResetModel()
        self._ids = ids
        self._id_set = None
        self._gone.clear()
        self._store(first_rows)
        self.endResetModel()

    def ids(self) -> list[str]:
        return self._ids

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: str) -> int | None:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return None

    def holds(self, ids: Iterable[str]) -> bool:
        """Whether the list holds every one of `ids` (the set is built once per result)."""
        if self._id_set is None:
            self._id_set = set(self._ids)
        return all(i in self._id_set for i in ids)

    def cached(self, person_id: str) -> PersonListRow | None:
        found = self._cache.get(person_id)
        return found[0] if found else None

    def put_rows(self, asked: Sequence[str], rows: Iterable[PersonListRow]) -> None:
        """Rows fetched for the ids `asked`; an asked id without a row was deleted."""
        arrived = {row.id: row for row in rows}
        for person_id in asked:
            self._pending.discard(person_id)
            if person_id not in arrived:
                self._cache.pop(person_id, None)
                self._gone.add(person_id)
        self._store(arrived.values())
        if self._ids:
            # Only painted rows are redrawn, whatever the range; finding each row would cost
            # a scan of the ids.
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1)
            )
        if len(arrived) < len(asked):
            self.rows_gone.emit()

    def _store(self, rows: Iterable[PersonListRow]) -> None:
        for row in rows:
            self._cache[row.id] = (row, tuple(column.text(row) for column in self._columns))
            self._cache.move_to_end(row.id)
            self._stale.discard(row.id)
        while len(self._cache) > self.CACHE_ROWS:
            self._cache.popitem(last=False)

    def forget(self, ids: Iterable[str]) -> None:
        """These people changed: show what is cached until their fresh rows arrive."""
        self._stale.update(i for i in ids if i in self._cache)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1)
            )

    def forget_all(self) -> None:
        self.forget(list(self._cache))

    def _texts(self, number: int, person_id: str) -> tuple[str, ...] | None:
        found = self._cache.get(person_id)
        if (found is None or person_id in self._stale) and person_id not in self._gone:
            self._want_page(number)
        return found[1] if found else None

    def _want_page(self, number: int) -> None:
        start = number - number % self.PAGE_SIZE
        for person_id in self._ids[start : start + self.PAGE_SIZE]:
            if person_id in self._pending or person_id in self._gone:
                continue
            if person_id in self._cache and person_id not in self._stale:
                continue
            self._pending.add(person_id)
            self._wanted.append(person_id)
        if self._wanted and not self._request_timer.isActive():
            self._request_timer.start()

    def _send_requests(self) -> None:
        wanted, self._wanted = self._wanted, []
        for start in range(0, len(wanted), self.PAGE_SIZE):
            self.rows_needed.emit(wanted[start : start + self.PAGE_SIZE])

    def drop_requests(self, ids: Iterable[str]) -> None:
        """A fetch failed: let the next paint ask again."""
        self._pending.difference_update(ids)
