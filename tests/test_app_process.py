"""The real program in its own process, as a user or the installer's smoke test runs it.

PySide6 6.12.0 on CPython 3.11 aborted at interpreter exit (exit 134) after tests passed;
this catches any such crash at exit."""

from __future__ import annotations

import os
import subprocess
import sys


def test_smoke_test_opens_the_main_window_and_exits_cleanly() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "btxh_desktop.app", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    assert "Fatal Python error" not in result.stderr
