"""`btxh` as a scheduled task or an officer would run it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def btxh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "btxh_desktop.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_init_demo_data_and_check(tmp_path: Path) -> None:
    data = str(tmp_path / "xa")
    made = btxh("--data-dir", data, "init", "--site-type", "commune", "--site-code", "26740")
    assert made.returncode == 0, made.stderr
    made = btxh("--data-dir", data, "--json", "demo-data", "--people", "300", "--seed", "3")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["people"] == 300
    check = btxh("--data-dir", data, "--json", "check")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["ok"] is True
    assert report["counts"]["person"] == 300
    assert report["pending_changes"] > 300


def test_allowance_prints_the_amount_and_why() -> None:
    result = btxh("allowance", "--category", "K1", "--birth", "2023-03-10", "--month", "2027-03")
    assert result.returncode == 0, result.stderr
    assert "Hệ số: 1,5" in result.stdout
    assert "810.000 ₫" in result.stdout
    as_json = btxh(
        "--json", "allowance", "--category", "K4", "--category", "K6", "--birth", "1980-01-01",
        "--month", "2026-11", "--children", "2", "--disability-level", "severe",
    )  # fmt: skip
    answer = json.loads(as_json.stdout)
    # K4 single parent with a severe disability gets both (Art. 6.2): 2 × 1.0 + 1.5.
    assert answer["coefficient"] == "3.5"
    assert answer["monthly_amount"] == 3.5 * 540_000


def test_bad_input_gives_a_clear_message_and_a_non_zero_exit(tmp_path: Path) -> None:
    unknown = btxh("allowance", "--category", "K99", "--birth", "2000", "--month", "2026-11")
    assert unknown.returncode == 2
    assert "K99" in unknown.stderr
    before_birth = btxh("allowance", "--category", "K1", "--birth", "2025-05", "--month", "2024-01")
    assert before_birth.returncode == 2
    assert before_birth.stderr.strip()
    bad_site = btxh(
        "--data-dir", str(tmp_path / "d"), "init", "--site-type", "commune", "--site-code", "1"
    )
    assert bad_site.returncode == 2
    assert "Lỗi" in bad_site.stderr
