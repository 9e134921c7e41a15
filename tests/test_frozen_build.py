"""The packaged app: PyInstaller builds the one-folder bundle from installer/btxh.spec and the
programs in it pass their smoke tests (scripts/build_frozen.sh does both, about 2-3 minutes);
the Windows installer script agrees with what the spec builds and never touches the data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from btxh_desktop.paths import APP_AUTHOR, APP_NAME

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "btxh.spec"
ISS = ROOT / "installer" / "btxh.iss"


def iss_sections() -> dict[str, list[str]]:
    """Section name -> its non-comment lines (preprocessor lines included)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text("utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_the_installer_script_installs_what_the_spec_builds() -> None:
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for the Vietnamese"
    spec = SPEC.read_text("utf-8")
    iss = ISS.read_text("utf-8-sig")
    assert 'name="btxh-desktop"' in spec and '#define AppExe "btxh-desktop.exe"' in iss
    assert 'name="btxh",\n)' in spec and 'Source: "{#DistDir}\\btxh\\*"' in iss
    assert '"btxh-version.iss"' in spec and '#include DistDir + "\\btxh-version.iss"' in iss
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"] if "=" in line)
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    assert setup["PrivilegesRequired"] == "admin"


def test_uninstalling_keeps_the_data_folder_and_says_so() -> None:
    sections = iss_sections()
    for entry in sections.get("UninstallDelete", []) + sections.get("InstallDelete", []):
        name = re.search(r'Name:\s*"([^"]+)"', entry)
        assert name is not None and name.group(1).startswith("{app}\\"), entry
    data_folder = f"AppData\\Local\\{APP_AUTHOR}\\{APP_NAME}"  # platformdirs on Windows
    messages = dict(line.split("=", 1) for line in sections["Messages"] if "=" in line)
    assert data_folder in messages["ConfirmUninstall"]
    assert data_folder in messages["UninstalledAll"]


def test_every_custom_message_the_script_uses_is_in_vietnamese() -> None:
    sections = iss_sections()
    defined = {line.split("=", 1)[0] for line in sections["CustomMessages"] if "=" in line}
    used = set(re.findall(r"\{cm:(\w+)", ISS.read_text("utf-8-sig")))
    assert used <= defined


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(sys.platform != "linux", reason="scripts/build_frozen.sh is the Linux build")
def test_frozen_app_builds_and_passes_its_smoke_tests(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "build"
    env = {
        **os.environ,
        "VENV": sys.prefix,
        "BTXH_FROZEN_DIST": str(dist),
        "BTXH_FROZEN_WORK": str(work),
        "TMPDIR": str(tmp_path),
    }
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_frozen.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,
        check=False,
        env=env,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "smoke test: main window shown" in result.stdout
    assert "smoke test: login dialog shown" in result.stdout
    assert "810.000 ₫" in result.stdout
    assert "sync: ok" in result.stdout
    # About 270 MB of build output: not worth keeping once it passed.
    shutil.rmtree(dist)
    shutil.rmtree(work)
