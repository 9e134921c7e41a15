"""Change notifications for open views.

Services tell their listeners, after every commit, which records changed and who initiated
the change; the bus re-emits that on the GUI thread. A view refreshes only when it shows one
of the changed entities; a hidden view just marks itself stale and reloads when shown, and the
view that made the change can skip reloading what it already shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from btxh_desktop.services.context import ServiceContext
from btxh_desktop.storage.tracking import ChangeSet


class ChangeBus(QObject):
    changed = Signal(object, object)  # ChangeSet, initiator
    _from_worker = Signal(object, object)

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # Services notify from the database thread; the queued connection hops to the GUI.
        self._from_worker.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        ctx.subscribe(self._listen)

    def _listen(self, changes: ChangeSet, initiator: object | None) -> None:
        self._from_worker.emit(changes, initiator)

    @Slot(object, object)
    def _deliver(self, changes: ChangeSet, initiator: object | None) -> None:
        self.changed.emit(changes, initiator)

    def close(self) -> None:
        self._ctx.unsubscribe(self._listen)
