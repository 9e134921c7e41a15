"""A screen reachable from the navigation.

A page says which entities it shows; after a change it refreshes at once if visible, or
marks itself stale and refreshes when next shown (so hidden screens cost nothing)."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui.context import UiContext


class Page(QWidget):
    #: Sync entity names this page displays; a change to any of them refreshes it.
    entities: frozenset[str] = frozenset()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self._stale = True
        ui.bus.changed.connect(self._on_changes)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows (through the task runner, never blocking)."""
        raise NotImplementedError

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        """Refresh for relevant changes; pages with cheaper partial updates override this."""
        self.refresh()

    def _on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        if not (changes.entities() & self.entities):
            return
        if self.isVisible():
            self.on_changes(changes, initiator)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
