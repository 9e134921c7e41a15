"""Today's date as the services see it outside tests (which pass a fixed one).

Its own module so that the login screens, which take it as a default, need not load the
service context (SQLAlchemy and the policy engine) to show."""

from __future__ import annotations

import datetime as dt


def system_today() -> dt.date:
    return dt.date.today()
