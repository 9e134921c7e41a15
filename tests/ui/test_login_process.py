"""The real program, in its own process, on an encrypted data folder and with nobody's
password: it shows the login dialog, not the records."""

from __future__ import annotations

import os
import subprocess
import sys

from btxh_desktop.paths import AppPaths
from btxh_desktop.services.gate import Gate, GateStatus
from tests.security.conftest import PASSWORDS


def test_an_encrypted_data_folder_opens_on_the_login_dialog(paths: AppPaths) -> None:
    first = Gate(paths).create_first_admin("quantri", "Quản trị", PASSWORDS["quantri"])
    first.services.close()
    assert Gate(paths).status() is GateStatus.LOCKED
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("BTXH_PASSWORD", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "btxh_desktop.app",
            "--data-dir",
            str(paths.data_dir),
            "--smoke-test",
            "login",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "login dialog shown" in result.stdout
    assert "Fatal Python error" not in result.stderr
