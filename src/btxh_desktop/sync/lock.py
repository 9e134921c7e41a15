"""The data folder's sync lock: taken by an online sync and by a bundle export or import,
so the app and the command line never exchange the same folder's data at once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from btxh_desktop.sync.errors import FOLDER_BUSY, SyncError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

LOCK_FILE = "sync.lock"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def folder_lock(data_dir: Path) -> Iterator[None]:
    """Held while this process exchanges the folder's data with the server (a sync, a bundle
    export or import). The operating system drops it when the process ends, however it
    ends, so a killed sync never leaves the folder locked."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_FILE, "a+b") as handle:
        if not _try_lock(handle):
            raise SyncError(FOLDER_BUSY)
        try:
            yield
        finally:
            _unlock(handle)
