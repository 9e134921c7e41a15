"""Back pay after a retroactive rise of the standard level: the groups priced from SQL give
the very alert that pricing every case one by one with its whole history gives, on a demo
site whose lists were finalised at the old level, with the cases that make pricing differ
(stops, suspensions, gaps, second rounds, earlier back pay, deaths, stays, overpayments,
birthdays within the months owed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from sqlalchemy import select, text

import btxh_desktop.services.alerts as alerts_service
from btxh_desktop.domain.alerts import BACK_PAY_MONTHS, Alert, AlertKind
from btxh_desktop.domain.codes import CaseStatus, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.storage.models import AllowanceCase, Payment
from tests.conftest import ADMIN, COMMUNE, TODAY

PEOPLE = 1500
OLD_LEVEL = 500_000  # before the rise of 2026-07 to 540,000
NOW = "2026-11-16 08:00:00.000000"
SYNCED = "id, version, created_at, updated_at, updated_by"
ROW = f"lower(hex(randomblob(16))), 0, '{NOW}', '{NOW}', 'test'"

# July to October 2026 finalised at the old level, one line a case a month.
LINES = f"""
INSERT INTO payments ({SYNCED}, case_id, person_id, month, payment_round, method,
    coefficient, standard_level, amount, back_pay_months, back_pay_amount, recovery_amount,
    status)
SELECT {ROW}, id, person_id, :month, 1, payment_method, coefficient, {OLD_LEVEL},
    CAST(coefficient * {OLD_LEVEL} AS INTEGER), 0, 0, 0, 'paid'
FROM allowance_cases WHERE status = 'active' AND start_month <= :month
"""
CHANGES = [
    # October already paid at the new level: only July to September lag.
    "UPDATE payments SET standard_level = 540000, amount = CAST(coefficient * 540000 AS INTEGER)"
    " WHERE month = '2026-10' AND substr(case_id, 1, 1) = '1'",
    # A month missing (owed in full), and a line cancelled (the same, by tombstone).
    "DELETE FROM payments WHERE month = '2026-08' AND substr(case_id, 1, 2) = '20'",
    f"UPDATE payments SET deleted_at = '{NOW}' WHERE month = '2026-07'"
    " AND substr(case_id, 1, 2) = '21'",
    # A second round in September, at the new level.
    f"INSERT INTO payments ({SYNCED}, case_id, person_id, month, payment_round, method,"
    " coefficient, standard_level, amount, back_pay_months, back_pay_amount, recovery_amount,"
    f" status) SELECT {ROW}, case_id, person_id, month, 2, method, coefficient, 540000,"
    " CAST(coefficient * 540000 AS INTEGER), 0, 0, 0, 'paid' FROM payments"
    " WHERE month = '2026-09' AND substr(case_id, 1, 2) = '22'",
    # Back pay already on a line for July and August, or for July only.
    "UPDATE payments SET back_pay_from = '2026-07', back_pay_to = '2026-08'"
    " WHERE month = '2026-10' AND substr(case_id, 1, 2) = '23'",
    "UPDATE payments SET back_pay_from = '2026-07', back_pay_to = '2026-07'"
    " WHERE month = '2026-10' AND substr(case_id, 1, 2) = '24'",
    # Paid more than the new level gives (a coefficient typed too high).
    "UPDATE payments SET amount = amount * 2 WHERE substr(case_id, 1, 2) = '25'",
    "UPDATE payments SET amount = amount * 2 WHERE month = '2026-07'"
    " AND substr(case_id, 1, 2) = '26'",
    # Decided here, from before the first list: the months before it are owed in full,
    # unless back pay on the first line reached them.
    f"INSERT INTO allowance_changes ({SYNCED}, case_id, kind, effective_month)"
    f" SELECT {ROW}, id, 'decide', start_month FROM allowance_cases"
    " WHERE substr(id, 1, 1) IN ('3', '4') AND start_month IS NOT NULL",
    "UPDATE payments SET back_pay_from = (SELECT max(c.start_month, :window)"
    " FROM allowance_cases c WHERE c.id = case_id), back_pay_to = '2026-06'"
    " WHERE month = '2026-07' AND substr(case_id, 1, 1) = '4'",
    # Stopped within the months owed (a death recorded late), or after them.
    "UPDATE allowance_cases SET status = 'stopped', stop_month = '2026-09'"
    " WHERE substr(id, 1, 2) = '50'",
    "UPDATE allowance_cases SET status = 'stopped', stop_month = '2026-11'"
    " WHERE substr(id, 1, 2) = '51'",
    "UPDATE people SET death_date = '2026-08-20'"
    " WHERE id IN (SELECT person_id FROM allowance_cases WHERE substr(id, 1, 2) = '52')",
    # Started after the first lines (a start month corrected since).
    "UPDATE allowance_cases SET start_month = '2026-08' WHERE substr(id, 1, 2) = '53'",
    # Paid by a facility now, and moved away.
    f"INSERT INTO facilities ({SYNCED}, code, name, commune_code, capacity) VALUES"
    f" ('facility-1', 0, '{NOW}', '{NOW}', 'test', 'TT01', 'Trung tâm BTXH', '{COMMUNE}', 50)",
    f"INSERT INTO residencies ({SYNCED}, person_id, facility_id, admission_type,"
    f" resident_group, admitted_on) SELECT {ROW}, person_id, 'facility-1', 'regular',"
    " 'elderly', '2026-08-10' FROM allowance_cases WHERE substr(id, 1, 2) = '54'",
    "UPDATE allowance_cases SET status = 'moved', stop_month = '2026-12'"
    " WHERE substr(id, 1, 2) = '55'",
    # Removed records are owed nothing.
    f"UPDATE allowance_cases SET deleted_at = '{NOW}' WHERE substr(id, 1, 2) = '56'",
    f"UPDATE people SET deleted_at = '{NOW}'"
    " WHERE id IN (SELECT person_id FROM allowance_cases WHERE substr(id, 1, 2) = '57')",
    # Children turning 4 in August: the amount owed changes within the months lagging.
    "UPDATE people SET birth_year = 2022, birth_month = 8, birth_day = 12,"
    " birth_precision = 'day' WHERE substr(id, 1, 1) = '6'"
    " AND id IN (SELECT person_id FROM allowance_cases WHERE category = 'K1')",
]
DAYS = [TODAY, dt.date(2026, 11, 30), dt.date(2026, 12, 5)]


def _sql(services: Services, *statements: str, **params: str) -> None:
    with services.ctx.database.writer().begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = open_services(
        AppPaths(tmp_path_factory.mktemp("back-pay") / "data"), ADMIN, today=lambda: TODAY
    )
    services.site.initialise(SiteType.COMMUNE, COMMUNE)
    services.demo.generate(PEOPLE, seed=11)
    for month in ("2026-07", "2026-08", "2026-09", "2026-10"):
        _sql(services, LINES, month=month)
    window = str(Month(2026, 11).add(-BACK_PAY_MONTHS))
    _sql(services, *CHANGES, window=window)
    with services.ctx.read() as session:
        active = select(AllowanceCase.id).where(
            AllowanceCase.status == CaseStatus.ACTIVE.value,
            AllowanceCase.start_month <= Month(2026, 7),
            AllowanceCase.id > "f",
        )
        suspended = list(session.scalars(active.order_by(AllowanceCase.id).limit(6)))
    for number, case_id in enumerate(suspended):
        services.allowance.suspend(case_id, Month(2026, 8 + number % 3), "custody")
    yield services
    services.close()


def _one_by_one(
    session: Any,
    today: dt.date,
    rules: Any,
    province: str | None,
    parsed: Any,
    stays: Any,
) -> tuple[Month | None, list[Any], list[Any]]:
    """Every case with a line, priced one by one against the level of every month of the
    window: no probing, no grouping."""
    last = session.scalar(select(Payment.month).order_by(Payment.month.desc()).limit(1))
    if last is None:
        return None, [], []
    next_list = last.next()
    levels = {}
    month = next_list.add(-BACK_PAY_MONTHS)
    while month <= min(last, Month.of(today)):
        levels[str(month)] = rules.answers.standard_level(month, province).amount
        month = month.next()
    ids = sorted(set(session.scalars(select(Payment.case_id))))
    cases = alerts_service._back_pay_cases(session, today, ids, levels, parsed, stays)
    return next_list, cases, []


def _back_pay(alerts: Sequence[Any]) -> list[Alert]:
    return [row.alert for row in alerts if row.alert.kind == AlertKind.BACK_PAY]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_grouped_back_pay_is_what_pricing_every_case_gives(
    site: Services, day: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_by_one: list[str] = []
    read_in_full = alerts_service._back_pay_cases

    def counted(session: Any, today: dt.date, case_ids: Sequence[str], *rest: Any) -> Any:
        one_by_one.extend(case_ids)
        return read_in_full(session, today, case_ids, *rest)

    with monkeypatch.context() as patch:
        patch.setattr(alerts_service, "_back_pay_cases", counted)
        fast = _back_pay(site.alerts.compute(day, include_hidden=True))
    with monkeypatch.context() as patch:
        patch.setattr(alerts_service, "_back_pay", _one_by_one)
        plain = _back_pay(site.alerts.compute(day, include_hidden=True))

    assert fast == plain
    (alert,) = fast
    assert alert.params["level"] == 540_000 and alert.params["old_level"] == OLD_LEVEL
    members = len(alert.subject_ids)
    assert members > PEOPLE / 2
    # Most cases were priced in groups; the unusual ones were read in full.
    assert 0 < len(set(one_by_one) & set(alert.subject_ids)) < members / 4


def test_each_owed_case_s_lines_are_read_from_the_index_alone(site: Services) -> None:
    rules = site.alerts.rules()
    query = alerts_service._alike_back_pay(
        rules, {"2026-07": 540_000, "2026-08": 540_000}, TODAY, Month(2026, 11)
    )
    with site.ctx.read() as session:
        sql = str(query.compile(session.bind, compile_kwargs={"literal_binds": True}))
        plan = [row[3] for row in session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert any("COVERING INDEX ix_payments_case_lines" in step for step in plan), "\n".join(plan)
