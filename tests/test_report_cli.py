"""`btxh import` and `btxh export` as a scheduled task or an officer would run them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook

from tests.services.test_import import row, workbook


def btxh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "btxh_desktop.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def commune(tmp_path: Path) -> str:
    data = str(tmp_path / "xa")
    made = btxh("--data-dir", data, "init", "--site-type", "commune", "--site-code", "26740")
    assert made.returncode == 0, made.stderr
    return data


def test_import_dry_run_then_import_with_a_report_of_rejected_rows(tmp_path: Path) -> None:
    data = commune(tmp_path)
    sheet = workbook(
        tmp_path / "ds.xlsx",
        [
            row(1, "Nguyễn Văn An", "12/03/1950", "Nam", "079050000001"),
            row(2, "Trần Văn Sai", "1950", "Nữ", "079050000002"),
            row(3, "Phạm Thị Dung", "1948", "Nữ", "079148000004"),
        ],
    )
    dry = btxh("--data-dir", data, "--json", "import", str(sheet), "--dry-run")
    assert dry.returncode == 4, dry.stderr
    result = json.loads(dry.stdout)
    assert (result["rows"], result["valid"], result["rejected"]) == (3, 2, 1)
    assert result["dry_run"] and result["imported_people"] == 0
    assert result["mapping"]["full_name"] == "Họ và tên"
    assert result["rejected_rows"][0]["row"] == 5
    assert result["rejected_rows"][0]["reasons"][0]["code"] == "cccd.sex_mismatch"

    report = tmp_path / "ket-qua.xlsx"
    done = btxh("--data-dir", data, "import", str(sheet), "--report", str(report))
    assert done.returncode == 4, done.stderr
    assert "Đã nhập 2 đối tượng và 2 hồ sơ trợ cấp." in done.stdout
    assert "Dòng 5: Số CCCD: Số CCCD không khớp với giới tính đã ghi" in done.stdout
    assert any(r[0] == 5 for r in load_workbook(report).active.iter_rows(values_only=True))

    again = btxh("--data-dir", data, "--json", "import", str(sheet))
    assert json.loads(again.stdout)["imported_people"] == 0  # everything is a duplicate now


def test_import_of_a_clean_file_exits_zero_and_a_bad_file_exits_two(tmp_path: Path) -> None:
    data = commune(tmp_path)
    clean = workbook(tmp_path / "sach.xlsx", [row(1, "Nguyễn Văn An", "1950", "Nam", None)])
    assert btxh("--data-dir", data, "import", str(clean)).returncode == 0
    book = Workbook()
    book.active.append(["x", "y"])
    book.save(tmp_path / "sai.xlsx")
    wrong = btxh("--data-dir", data, "import", str(tmp_path / "sai.xlsx"))
    assert wrong.returncode == 2
    assert "Không tìm thấy dòng tiêu đề" in wrong.stderr
    missing = btxh("--data-dir", data, "--lang", "en", "import", str(tmp_path / "none.xlsx"))
    assert missing.returncode == 2 and "File not found" in missing.stderr
    mapping = tmp_path / "m.json"
    mapping.write_text("{not json", "utf-8")
    bad_mapping = btxh("--data-dir", data, "import", str(clean), "--mapping", str(mapping))
    assert bad_mapping.returncode == 2 and "ánh xạ" in bad_mapping.stderr


def test_exports_of_people_payments_and_statistics(tmp_path: Path) -> None:
    data = commune(tmp_path)
    made = btxh("--data-dir", data, "demo-data", "--people", "120", "--seed", "5")
    assert made.returncode == 0, made.stderr

    people = tmp_path / "doi-tuong.csv"
    done = btxh("--data-dir", data, "--json", "export", "--format", "csv", "--what", "people",
                str(people))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == 120
    rows = list(csv.reader(people.read_text("utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Mã hồ sơ", "Họ và tên"] and len(rows) == 121

    payments = tmp_path / "chi-tra.xlsx"
    done = btxh("--data-dir", data, "export", "--what", "payments", "--month", "2026-11",
                str(payments))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "dòng vào" in done.stdout
    sheet = load_workbook(payments).active
    assert sheet.page_setup.orientation == "landscape"

    statistics = tmp_path / "thong-ke.xlsx"
    done = btxh("--data-dir", data, "--lang", "en", "export", "--what", "statistics", "--from",
                "2026-01", "--to", "2026-06", str(statistics))  # fmt: skip
    assert done.returncode == 0, done.stderr
    flat = [v for r in load_workbook(statistics).active.iter_rows(values_only=True) for v in r]
    assert "SOCIAL ASSISTANCE STATISTICS" in flat

    no_month = btxh("--data-dir", data, "export", "--what", "payments", str(payments))
    assert no_month.returncode == 2 and "--month" in no_month.stderr
    bad_month = btxh("--data-dir", data, "export", "--what", "posting", "--month", "13/2026",
                     str(tmp_path / "x.xlsx"))  # fmt: skip
    assert bad_month.returncode == 2 and "Tháng không hợp lệ" in bad_month.stderr
