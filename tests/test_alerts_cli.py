"""`btxh alerts` as a scheduled daily check runs it: a real process on a real data folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from btxh_desktop.domain.codes import Role, SiteType
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import open_services
from btxh_desktop.services.context import Actor
from tests.conftest import COMMUNE
from tests.test_cli import btxh


def _site_with_a_child_turning_4(data: Path) -> None:
    services = open_services(
        AppPaths(data), Actor("canbo", Role.ADMIN), today=lambda: dt.date(2026, 11, 16)
    )
    try:
        services.site.initialise(SiteType.COMMUNE, COMMUNE)
        child = services.people.create(
            PersonDraft(full_name="Bé Lan", birth=PartialDate(2023, 3, 10), commune_code=COMMUNE)
        )
        case_id = services.allowance.apply(child.id, "K1", dt.date(2026, 9, 20))
        services.allowance.decide(case_id, "15/QĐ-UBND", dt.date(2026, 10, 5), "Chủ tịch")
    finally:
        services.close()


def test_alerts_for_a_given_day_in_json_vietnamese_and_english(tmp_path: Path) -> None:
    data = tmp_path / "xa"
    _site_with_a_child_turning_4(data)

    before = btxh("--data-dir", str(data), "alerts", "--today", "2027-01-31", "--json")
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)["count"] == 0

    due = btxh("--data-dir", str(data), "alerts", "--today", "2027-02-01", "--json")
    assert due.returncode == 0, due.stderr  # alerts are not an error
    report = json.loads(due.stdout)
    assert report["today"] == "2027-02-01" and report["count"] == 1
    alert = report["alerts"][0]
    assert (alert["kind"], alert["due_date"]) == ("age_band", "2027-03-01")
    assert (alert["old_coefficient"], alert["new_coefficient"]) == ("2.5", "1.5")
    assert alert["actions"][0] == {
        "code": "adjust",
        "month": "2027-03",
        "event_date": None,
        "category": None,
        "reason": None,
        "valid_from": None,
        "valid_to": None,
    }
    assert alert["full_name"] == "Bé Lan"

    text = btxh("--data-dir", str(data), "alerts", "--today", "2027-02-01")
    assert text.returncode == 0
    assert "Việc cần làm ngày 01/02/2027: 1" in text.stdout
    assert "hệ số 2,5 → 1,5" in text.stdout and "Còn 28 ngày" in text.stdout

    english = btxh("--data-dir", str(data), "--lang", "en", "alerts", "--today", "2027-04-01")
    assert english.returncode == 0
    assert "coefficient 2.5 → 1.5" in english.stdout and "31 days overdue" in english.stdout


def test_a_bad_day_is_an_error(tmp_path: Path) -> None:
    result = btxh("--data-dir", str(tmp_path / "d"), "alerts", "--today", "2027-13-01")
    assert result.returncode != 0
    assert "--today" in result.stderr
