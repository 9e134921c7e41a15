"""Background work for the GUI: the GUI thread never waits on the database or the network.

Every job is an operation with success / failure / progress callbacks (after Anki's task
manager). One single-thread executor owns database work, so writes never contend with each
other; another runs network work so a slow sync never delays a search. Results come back to
the GUI thread through one queued signal. A progress dialog appears only when a labelled job
runs longer than 600 ms, so fast work never flashes a window; it can cancel jobs that accept
a `CancelToken`.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600


class Cancelled(Exception):
    """Raised inside a job that saw its token cancelled."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Progress:
    """Handed to a job that wants to report progress: `progress(done, total, stage)`."""

    def __init__(self, runner: TaskRunner, job_id: int, token: CancelToken) -> None:
        self._runner = runner
        self._job_id = job_id
        self.token = token

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        self.token.check()
        self._runner._progress.emit(self._job_id, done, total, stage)


@dataclass
class _Job:
    id: int
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[int, int, str], None] | None
    label: str | None
    token: CancelToken
    parent: QWidget | None
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    finished: bool = False
    future: Future[Any] | None = field(default=None, repr=False)


class TaskRunner(QObject):
    _finished = Signal(int, object, object)  # job id, result, error
    _progress = Signal(int, int, int, str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="btxh-db")
        self._net = ThreadPoolExecutor(max_workers=1, thread_name_prefix="btxh-net")
        self._jobs: dict[int, _Job] = {}
        self._ids = itertools.count(1)
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
        label: str | None = None,
        network: bool = False,
        parent: QWidget | None = None,
    ) -> CancelToken:
        """Run `fn` off the GUI thread. If `fn` takes a `progress` parameter it receives a
        `Progress` (whose `.token` cancels); `label` enables the delayed progress dialog."""
        job = _Job(next(self._ids), on_done, on_error, on_progress, label, CancelToken(), parent)
        self._jobs[job.id] = job
        wants_progress = "progress" in inspect.signature(fn).parameters
        executor = self._net if network else self._db

        def work() -> None:
            try:
                if job.token.cancelled:
                    raise Cancelled()
                progress = Progress(self, job.id, job.token)
                result = fn(progress=progress) if wants_progress else fn()
            except BaseException as exc:
                self._finished.emit(job.id, None, exc)
            else:
                self._finished.emit(job.id, result, None)

        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        job.future = executor.submit(work)
        if label is not None:
            job.timer = QTimer(self)
            job.timer.setSingleShot(True)
            job.timer.timeout.connect(lambda: self._show_dialog(job))
            job.timer.start(PROGRESS_DELAY_MS)
        return job.token

    def _show_dialog(self, job: _Job) -> None:
        if job.finished:
            return
        dialog = QProgressDialog(job.label or "", self.tr("Cancel"), 0, 0, job.parent)
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(job.token.cancel)
        dialog.show()
        job.dialog = dialog

    @Slot(int, int, int, str)
    def _on_progress(self, job_id: int, done: int, total: int, stage: str) -> None:
        job = self._jobs.get(job_id)
        if job is None:
            return
        if job.dialog is not None:
            job.dialog.setMaximum(max(total, 0))
            job.dialog.setValue(min(done, total) if total else 0)
            if stage:
                job.dialog.setLabelText(stage)
        if job.on_progress is not None:
            job.on_progress(done, total, stage)

    @Slot(int, object, object)
    def _on_finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        job.finished = True
        if job.timer is not None:
            job.timer.stop()
        if job.dialog is not None:
            job.dialog.reset()
            job.dialog.deleteLater()
        if not self._jobs:
            self.busy_changed.emit(False)
        if error is None:
            if job.on_done is not None:
                job.on_done(result)
            return
        if isinstance(error, Cancelled):
            return
        if job.on_error is not None:
            job.on_error(error)
        else:
            log.error("background job failed", exc_info=error)
            raise error

    def idle(self) -> bool:
        return not self._jobs

    def shutdown(self) -> None:
        for job in self._jobs.values():
            job.token.cancel()
        self._db.shutdown(wait=True, cancel_futures=True)
        self._net.shutdown(wait=True, cancel_futures=True)
