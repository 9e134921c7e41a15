"""Entry point of the frozen `btxh-desktop` (windowed) executable.

A windowed PyInstaller program on Windows starts with `sys.stdout` and `sys.stderr` set to
None; anything that writes to them (the smoke test's result line, a library's warning) would
then fail. They are pointed at the null device instead. From a console (Linux, or the smoke
test on the build machine) the real streams are kept.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from btxh_desktop.app import main

sys.exit(main())
