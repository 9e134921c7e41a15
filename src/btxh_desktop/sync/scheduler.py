"""Running a sync every N minutes while the server is reachable, off the GUI thread.

Pure Python (a thread and an event), so the CLI, tests and the Qt app share it; the app
starts it after login and stops it on exit. A failed run is reported and retried at the
next interval; an unreachable server is simply skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class PeriodicSync:
    def __init__(
        self,
        run: Callable[[], object],
        interval_seconds: Callable[[], float],
        reachable: Callable[[], bool],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._run = run
        self._interval = interval_seconds
        self._reachable = reachable
        self._on_error = on_error
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="btxh-sync", daemon=True)
            self._thread.start()

    def run_now(self) -> None:
        """Run at once instead of at the end of the current wait."""
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(max(0.01, self._interval()))
            self._wake.clear()
            if self._stopping.is_set():
                break
            try:
                if self._reachable():
                    self.runs += 1
                    self._run()
            except Exception as exc:  # a failed run must not end the schedule
                if self._on_error is not None:
                    self._on_error(exc)
