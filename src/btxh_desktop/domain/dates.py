"""Calendar months and partial dates.

Birth dates of the people served are often partial (an abandoned baby, an elderly person
without papers), so a date carries its precision. Ages for the allowance rules are computed
the way Vietnamese regulations do when part of a date is unknown: a missing day or month is
taken as the first one (01/01 of the birth year, or the 1st of the month).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import total_ordering

from btxh_desktop.domain.errors import DomainError


@total_ordering
@dataclass(frozen=True, slots=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise DomainError("month.invalid", value=f"{self.year}-{self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text) or re.fullmatch(
            r"\s*(\d{1,2})/(\d{4})\s*", text
        )
        if not m:
            raise DomainError("month.invalid", value=text)
        a, b = m.groups()
        year, month = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
        return cls(year, month)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def add(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    def next(self) -> Month:
        return self.add(1)

    def months_until(self, other: Month) -> int:
        """How many months from self to other (0 when equal, negative when other is earlier)."""
        return (other.year - self.year) * 12 + (other.month - self.month)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of which only the year, or the year and month, may be known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and (self.month is not None or self.day is not None):
            raise DomainError("date.partial_without_year")
        if self.month is None and self.day is not None:
            raise DomainError("date.day_without_month")
        if self.year is not None and not 1850 <= self.year <= 9999:
            raise DomainError("date.year_out_of_range", value=str(self.year))
        if self.month is not None and not 1 <= self.month <= 12:
            raise DomainError("date.invalid", value=self.iso())
        if self.day is not None:
            assert self.year is not None and self.month is not None
            if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
                raise DomainError("date.invalid", value=self.iso())

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return Precision.UNKNOWN
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @classmethod
    def unknown(cls) -> PartialDate:
        return cls()

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str | None) -> PartialDate:
        """Accept ISO (`1950-03-12`, `1950-03`, `1950`) and Vietnamese (`12/03/1950`, `03/1950`)."""
        if text is None or not text.strip():
            return cls()
        s = text.strip()
        patterns: list[tuple[str, tuple[str, ...]]] = [
            (r"(\d{4})", ("y",)),
            (r"(\d{4})-(\d{1,2})", ("y", "m")),
            (r"(\d{4})-(\d{1,2})-(\d{1,2})", ("y", "m", "d")),
            (r"(\d{1,2})[/.-](\d{4})", ("m", "y")),
            (r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", ("d", "m", "y")),
            (r"(\d{2})(\d{2})(\d{4})", ("d", "m", "y")),
        ]
        for pattern, parts in patterns:
            match = re.fullmatch(pattern, s)
            if match:
                values = dict(zip(parts, (int(g) for g in match.groups()), strict=True))
                return cls(values.get("y"), values.get("m"), values.get("d"))
        raise DomainError("date.unreadable", value=text)

    def iso(self) -> str:
        if self.year is None:
            return ""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """Vietnamese order: dd/MM/yyyy, MM/yyyy or yyyy; empty when unknown."""
        if self.year is None:
            return ""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"

    def assumed_date(self) -> dt.date | None:
        """The date used for age rules: missing month or day taken as the first."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def earliest(self) -> dt.date | None:
        return self.assumed_date()

    def latest(self) -> dt.date | None:
        """The last day this partial date could denote (for 'not in the future' checks)."""
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return Month(self.year, self.month).last_day()
        return dt.date(self.year, self.month, self.day)

    def age_on(self, day: dt.date) -> int | None:
        """Completed years on `day`, from the assumed date; None when the year is unknown."""
        born = self.assumed_date()
        if born is None:
            return None
        years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day):
            years -= 1
        return years

    def age_at_end_of(self, month: Month) -> int | None:
        """Age reached by the last day of the month: a birthday month counts at the new age."""
        return self.age_on(month.last_day())

    def age_at_start_of(self, month: Month) -> int | None:
        return self.age_on(month.first_day())

    def birthday_month(self, age: int) -> Month | None:
        """The month in which the person reaches `age` (using the assumed date)."""
        born = self.assumed_date()
        if born is None:
            return None
        return Month(born.year + age, born.month)
