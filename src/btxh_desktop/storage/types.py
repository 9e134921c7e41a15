"""Column types for values SQLite has no native type for."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from btxh_desktop.domain.dates import Month


class MonthType(TypeDecorator[Month]):
    """A calendar month stored as `YYYY-MM` text, so it sorts and compares in SQL."""

    impl = String(7)
    cache_ok = True

    def process_bind_param(self, value: Month | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(value if isinstance(value, Month) else Month.parse(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Month | None:
        return None if value is None else Month.parse(value)


class DecimalText(TypeDecorator[Decimal]):
    """An exact decimal (coefficients, kilograms) stored as text: SQLite has no decimal type
    and a float would turn 1.5 × 500,000 into rounding noise."""

    impl = String(20)
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)
