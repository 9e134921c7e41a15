"""Working days (ngày làm việc) for legal deadlines: weekends and public holidays skipped.

The holidays are data (`resources/calendar/holidays_vn.json`), because the ones that matter
most move every year: Tết Nguyên đán and Giỗ Tổ Hùng Vương follow the lunar calendar, and the
government announces each year's days off, compensatory days and swapped Saturdays. Years the
file lists are exact as announced (2027 is computed and marked `verify`); for any other year
only the solar-calendar holidays are known, with a holiday on a weekend compensated on the next
working day. That approximation misses Tết, so a deadline in such a year can come out up to
about six working days early — an alert shown early, never late.

A period of N working days starts the day after the event (Bộ luật Dân sự 2015, Điều 147):
a dossier received on Monday with 10 working days is due on the Monday two weeks later.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.paths import resource_path

SATURDAY = 5


class CalendarDataError(DomainError):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__("calendar.data.invalid", where=where, problem=problem)


@dataclass(frozen=True, slots=True)
class _FixedRule:
    start: dt.date
    dates: tuple[tuple[int, int], ...]  # (month, day)


class WorkCalendar:
    def __init__(
        self,
        fixed: Iterable[_FixedRule],
        days_off: Iterable[dt.date],
        working_days: Iterable[dt.date],
        announced_years: Iterable[int],
    ) -> None:
        self._fixed = sorted(fixed, key=lambda r: r.start)
        self._days_off = frozenset(days_off)
        self._working = frozenset(working_days)
        self._announced = frozenset(announced_years)
        self._derived: dict[int, frozenset[dt.date]] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> WorkCalendar:
        source = path or resource_path("calendar", "holidays_vn.json")
        try:
            raw = json.loads(source.read_text(encoding="utf-8"))
            fixed = [
                _FixedRule(
                    dt.date.fromisoformat(rule["from"]),
                    tuple((int(d[:2]), int(d[3:])) for d in rule["dates"]),
                )
                for rule in raw["fixed"]
            ]
            days_off: list[dt.date] = []
            working: list[dt.date] = []
            years: list[int] = []
            for year in raw["years"]:
                number = int(year["year"])
                years.append(number)
                for key, out in (("days_off", days_off), ("working_days", working)):
                    for entry in year[key]:
                        day = dt.date.fromisoformat(entry["date"])
                        if day.year != number:
                            raise CalendarDataError(f"years[{number}].{key}", f"{day} not in year")
                        out.append(day)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, CalendarDataError):
                raise
            raise CalendarDataError(source.name, str(exc)) from None
        if any(day.weekday() < SATURDAY for day in working):
            raise CalendarDataError("working_days", "a swapped working day must be a weekend")
        return cls(fixed, days_off, working, years)

    def is_announced(self, year: int) -> bool:
        """True when the year's days off are the announced ones, not the fixed-date rule."""
        return year in self._announced

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._working:
            return True
        if day.weekday() >= SATURDAY:
            return False
        if day.year in self._announced:
            return day not in self._days_off
        return day not in self._fixed_days_off(day.year)

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (the start day itself is not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def _fixed_days_off(self, year: int) -> frozenset[dt.date]:
        cached = self._derived.get(year)
        if cached is not None:
            return cached
        first = dt.date(year, 1, 1)
        rule = next((r for r in reversed(self._fixed) if r.start <= first), None)
        off: set[dt.date] = set()
        for month, day_of_month in rule.dates if rule else ():
            day = dt.date(year, month, day_of_month)
            # A holiday on a weekend gives the next working day off (Điều 111 khoản 3).
            while day.weekday() >= SATURDAY or day in off:
                day += dt.timedelta(days=1)
            off.add(day)
        self._derived[year] = frozenset(off)
        return self._derived[year]
