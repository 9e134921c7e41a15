"""Running sync from the GUI: on demand and every N minutes, never two at once, never on the
GUI thread; and the words the status bar and the Đồng bộ screen use for its state.

`SyncController` belongs to the Đồng bộ screen; the main window asks it for progress to show
in the status bar. Every run goes through the task runner's network thread. A timer on the
GUI thread looks every minute whether a run is due (`SyncService.is_due`: configured, signed
in, the interval has passed since the last attempt) and the server answers
(`SyncService.reachable`), and if so starts one with trigger "scheduled". A failed run keeps
everything queued (the service guarantees it); its error shows in the status bar until the
next run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from btxh_desktop.services.sync import SyncRunView, SyncStatus
from btxh_desktop.sync import errors
from btxh_desktop.sync.engine import Progress, Stage
from btxh_desktop.sync.errors import SyncError
from btxh_desktop.sync.transport import CancelToken
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.tasks import Cancelled
from btxh_desktop.ui.tasks import Progress as TaskProgress
from btxh_desktop.ui.widgets.form_kit import error_text as form_error_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

TICK_MS = 60_000
REFRESH_DELAY_MS = 300
REACHABLE_TIMEOUT = 3.0


@dataclass(frozen=True)
class RunOutcome:
    run: SyncRunView | None
    error: BaseException | None
    trigger: str


def local_time(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored UTC time (naive) in this PC's time zone."""
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def when_text(moment: dt.datetime | None) -> str:
    """dd/MM/yyyy HH:mm in local time; empty for never."""
    local = local_time(moment)
    return "" if local is None else local.strftime("%d/%m/%Y %H:%M")


def short_stage(stage: Stage | str) -> str:
    """A stage in a few words, for the status bar."""
    words = {
        Stage.CONNECT: lambda: translate("SyncStatus", "connecting"),
        Stage.PUSH: lambda: translate("SyncStatus", "sending"),
        Stage.AUDIT: lambda: translate("SyncStatus", "sending the log"),
        Stage.PULL: lambda: translate("SyncStatus", "receiving"),
        Stage.VERIFY: lambda: translate("SyncStatus", "checking"),
        Stage.REPAIR: lambda: translate("SyncStatus", "repairing"),
        Stage.DONE: lambda: translate("SyncStatus", "finishing"),
    }
    try:
        return words[Stage(stage)]()
    except (ValueError, KeyError):
        return str(stage)


def counts_text(progress: Progress) -> str:
    done = i18n.number(progress.done)
    if progress.total:
        return f"{done}/{i18n.number(progress.total)}"
    return done if progress.done else ""


def progress_line(progress: Progress) -> str:
    """ "Đang đồng bộ… (gửi 120/500)"."""
    counts = counts_text(progress)
    detail = f"{short_stage(progress.stage)} {counts}".strip()
    return translate("SyncStatus", "Syncing… ({detail})").format(detail=detail)


def progress_text(progress: Progress) -> str:
    """ "Đang gửi thay đổi: 120/500", for the Đồng bộ screen."""
    stage = i18n.t(f"sync.stage.{Stage(progress.stage).value}")
    counts = counts_text(progress)
    return f"{stage}: {counts}" if counts else f"{stage}…"


def error_text(error: BaseException) -> str:
    """What went wrong and what to do, in full."""
    if isinstance(error, SyncError):
        return i18n.t(error.code, **dict(error.params))
    return form_error_text(error)


# One line for the status bar per way a run can fail: what happened and that nothing is lost.
SHORT_ERRORS: dict[str, Callable[[], str]] = {
    errors.UNREACHABLE: lambda: translate(
        "SyncStatus", "Cannot reach the server — data stays on this PC; sync will try again later"
    ),
    errors.TIMEOUT: lambda: translate(
        "SyncStatus",
        "Slow network, no answer in time — data stays on this PC; sync will try again later",
    ),
    errors.SERVER_ERROR: lambda: translate(
        "SyncStatus", "The server has a problem — data stays on this PC; sync will try again later"
    ),
    errors.BAD_RESPONSE: lambda: translate(
        "SyncStatus", "The link dropped — data stays on this PC; sync will try again later"
    ),
    errors.LOGIN_REQUIRED: lambda: translate(
        "SyncStatus", "Sign in to the server again (Sync screen)"
    ),
    errors.INVALID_CREDENTIALS: lambda: translate(
        "SyncStatus", "Wrong server user name or password (Sync screen)"
    ),
    errors.TOO_MANY_ATTEMPTS: lambda: translate(
        "SyncStatus", "Too many failed server sign-ins; wait, then try again"
    ),
    errors.NOT_CONFIGURED: lambda: translate("SyncStatus", "Sync is not set up"),
    errors.UPGRADE_REQUIRED: lambda: translate("SyncStatus", "Update the app to sync"),
    errors.SERVER_TOO_OLD: lambda: translate(
        "SyncStatus", "The server needs an update; tell its administrator"
    ),
    errors.OUT_OF_SCOPE: lambda: translate(
        "SyncStatus", "The server account has no access to this commune or facility"
    ),
    errors.REQUEST_REFUSED: lambda: translate(
        "SyncStatus", "The server refused the request — see the Sync screen"
    ),
    errors.LOCAL_ERROR: lambda: translate(
        "SyncStatus", "A problem on this PC during sync — see the Sync screen"
    ),
}


def short_error(code: str | None) -> str:
    """One line for the status bar: what happened and that nothing is lost."""
    found = SHORT_ERRORS.get(code or "")
    if found is not None:
        return found()
    return translate(
        "SyncStatus", "The last sync failed — data stays on this PC; sync will try again later"
    )


def status_line(status: SyncStatus) -> str:
    """The status bar's sync text: honest about what waits and about the last run."""
    if status.running:
        return translate("SyncStatus", "Syncing…")
    parts: list[str] = []
    last = status.last_run
    # A PC whose last sync came by USB bundle is set up for that, with no server address.
    by_usb = last is not None and last.trigger == "bundle"
    if not (status.server_url and status.username) and not by_usb:
        parts.append(translate("SyncStatus", "Sync not set up"))
    elif last is not None and last.outcome == "failed":
        parts.append(short_error(last.error_code))
    elif not status.logged_in:
        parts.append(translate("SyncStatus", "Sign in to the server to sync"))
    if status.synced and not parts:
        local = local_time(status.last_success)
        if local is not None and local.date() == dt.datetime.now().date():
            time = local.strftime("%H:%M")
            parts.append(translate("SyncStatus", "Synced at {time}").format(time=time))
        else:
            when = when_text(status.last_success)
            parts.append(translate("SyncStatus", "Synced on {when}").format(when=when))
    elif status.pending:
        parts.append(
            translate("SyncStatus", "Not synced: {count} changes waiting").format(
                count=i18n.number(status.pending)
            )
        )
    elif not parts and status.last_success is not None:
        # Nothing waits, yet not synced: a refused change is held, or the last run stopped.
        local = local_time(status.last_success)
        assert local is not None
        time = local.strftime(
            "%H:%M" if local.date() == dt.datetime.now().date() else "%d/%m %H:%M"
        )
        parts.append(translate("SyncStatus", "Last sync at {time}").format(time=time))
    elif not parts:
        parts.append(translate("SyncStatus", "Not synced yet"))
    if status.open_conflicts:
        parts.append(
            translate("SyncStatus", "{count} conflicts").format(
                count=i18n.number(status.open_conflicts)
            )
        )
    if status.rejected:
        parts.append(
            translate("SyncStatus", "{count} refused").format(count=i18n.number(status.rejected))
        )
    return " · ".join(parts)


def status_tooltip(status: SyncStatus) -> str:
    lines = []
    if status.last_success is not None:
        lines.append(
            translate("SyncStatus", "Last successful sync: {when}").format(
                when=when_text(status.last_success)
            )
        )
    last = status.last_run
    if last is not None and last.outcome == "failed" and last.error_code:
        lines.append(i18n.t(last.error_code, **last.error_params))
    return "\n".join(lines)


class SyncController(QObject):
    """Starts runs (on demand or when due) on the network thread and reports on them."""

    status_changed = Signal(object)  # SyncStatus
    progress_changed = Signal(object)  # sync.engine.Progress
    run_started = Signal(str)  # trigger
    run_finished = Signal(object)  # RunOutcome

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.status: SyncStatus | None = None
        self.progress: Progress | None = None
        self._cancel: CancelToken | None = None
        self._checking = False
        self._trigger = ""
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        ui.bus.changed.connect(self._changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    # ------------------------------------------------------------------ schedule

    def start_schedule(self) -> None:
        """Look every minute whether a run is due (the interval itself is a setting)."""
        self.timer.start()

    def stop_schedule(self) -> None:
        self.timer.stop()

    def _changed(self, _changes: object, _initiator: object) -> None:
        self._refresh_timer.start()

    def _showing(self) -> bool:
        """Whether the window this belongs to is open: a closed one runs nothing."""
        owner = self.parent()
        return isinstance(owner, QWidget) and owner.window().isVisible()

    def _submit(self, *args: Any, **kwargs: Any) -> bool:
        """`runner.run`, unless the runner was shut down (the window is closing)."""
        try:
            self.ui.runner.run(*args, **kwargs)
        except RuntimeError:  # the executors no longer take work
            self.stop_schedule()
            return False
        return True

    def tick(self) -> None:
        if self.running or self._checking or not self._showing():
            return
        sync = self.ui.services.sync

        def due() -> bool:
            status = sync.status()
            if not (status.server_url and status.username and status.logged_in):
                return False
            return sync.is_due() and sync.reachable(REACHABLE_TIMEOUT)

        self._checking = self._submit(due, self._due_checked, self._check_failed, network=True)

    def _due_checked(self, due: object) -> None:
        self._checking = False
        if due:
            self.run_now("scheduled")

    # ------------------------------------------------------------------ runs

    def run_now(self, trigger: str = "manual") -> bool:
        """Start a run unless one is going; False if one was."""
        if self.running:
            return False
        cancel = CancelToken()
        self._cancel = cancel
        self._trigger = trigger
        self.progress = Progress(Stage.CONNECT, 0, None)
        sync = self.ui.services.sync

        def work(progress: TaskProgress) -> SyncRunView:
            def report(step: Progress) -> None:
                # The runner's own token is cancelled only when the application closes: the
                # run then stops through its sync token, and ends as "cancelled".
                try:
                    progress(step.done, -1 if step.total is None else step.total, step.stage.value)
                except Cancelled:
                    cancel.cancel()

            return sync.run(report, cancel, trigger)

        if not self._submit(
            work, self._finished, self._failed, on_progress=self._on_progress, network=True
        ):
            self._cancel = None
            self.progress = None
            return False
        self.run_started.emit(trigger)
        self.progress_changed.emit(self.progress)
        return True

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        self.progress = Progress(Stage(stage), done, None if total < 0 else total)
        self.progress_changed.emit(self.progress)

    def _finished(self, run: object) -> None:
        self._end(RunOutcome(run if isinstance(run, SyncRunView) else None, None, self._trigger))

    def _failed(self, error: BaseException) -> None:
        self._end(RunOutcome(None, error, self._trigger))

    def _end(self, outcome: RunOutcome) -> None:
        self._cancel = None
        self.progress = None
        self.run_finished.emit(outcome)
        self.refresh()

    # ------------------------------------------------------------------ status

    def refresh(self) -> None:
        self._submit(self.ui.services.sync.status, self._got_status, self._status_failed)

    def _got_status(self, status: object) -> None:
        if isinstance(status, SyncStatus):
            self.status = status
            self.status_changed.emit(status)

    def _status_failed(self, error: BaseException) -> None:
        # The next change or run tries again; the screen keeps what it showed.
        log.warning("reading the sync status failed", exc_info=error)

    def _check_failed(self, error: BaseException) -> None:
        self._checking = False
        log.warning("checking whether a sync is due failed", exc_info=error)
