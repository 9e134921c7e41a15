"""Structured logs without personal data, health and metrics, the admin command, and the
server's own migrations on both databases."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from btxh_desktop.domain.codes import Sex
from btxh_desktop.domain.dates import PartialDate
from btxh_desktop.domain.person import PersonDraft
from btxh_server import db
from tests.e2e.support import (
    Client,
    ServerProcess,
    child_env,
    create_pg_database,
    drop_pg_database,
    fresh_commune,
    iter_lines,
    pg_url,
)

# Values that must never reach a log line.
NAME = "Quách Thị Ngọc Yến"
CCCD = "079195012345"
PHONE = "0987654321"
ADDRESS = "Tổ 7, ấp Phú Hữu"


def test_logs_are_json_lines_without_personal_data(
    server: ServerProcess, clients: Callable[..., Client]
) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    a = clients(server.url, commune, user)
    b = clients(server.url, commune, user)
    draft = PersonDraft(
        full_name=NAME,
        birth=PartialDate(1995, 3, 1),
        sex=Sex.FEMALE,
        cccd=CCCD,
        phone=PHONE,
        address_detail=ADDRESS,
        commune_code=commune,
    )
    person = a.services.people.create(draft)
    a.sync.run()
    b.sync.run()
    a.services.people.update(person.id, dataclasses.replace(draft, notes="Ghi chú riêng tư A"))
    b.services.people.update(person.id, dataclasses.replace(draft, notes="Ghi chú riêng tư B"))
    a.sync.run()
    b.sync.run()
    assert b.sync.conflicts()  # values travelled through conflicts too

    lines = list(iter_lines(server.log_path))
    entries = [json.loads(line) for line in lines]
    assert all({"ts", "level", "event"} <= set(e) for e in entries)
    assert {"http.request", "sync.push", "sync.pull"} <= {e["event"] for e in entries}
    text = "".join(lines)
    for secret in (NAME, CCCD, PHONE, ADDRESS, "riêng tư", user):
        assert secret not in text
    # Failed logins name a key derived from the username, never the username itself.
    requests.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": user, "password": "sai"},
        headers={"X-BTXH-Protocol": "1"},
        timeout=10,
    )
    assert user not in server.log_path.read_text(encoding="utf-8")


def test_health_and_metrics(server: ServerProcess) -> None:
    health = requests.get(f"{server.url}/api/v1/health", timeout=10).json()
    assert health["status"] == "ok" and (health["min_protocol"], health["max_protocol"]) == (1, 1)
    metrics = server.metrics()
    assert any(k.startswith("btxh_http_requests_total") for k in metrics)


def run_admin(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "btxh_server", "--db", url, "--argon2-memory-kib", "8192", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=child_env(),
    )


def test_accounts_are_managed_from_the_command_line(server: ServerProcess) -> None:
    commune = fresh_commune()
    name = f"cli{commune}"
    added = run_admin(
        server.db_url,
        "user",
        "add",
        "--username",
        name,
        "--scope",
        f"commune:{commune}",
        "--password-stdin",
        stdin="một-mật-khẩu\n",
    )
    assert added.returncode == 0, added.stderr
    assert f"{name}: commune:{commune}" in run_admin(server.db_url, "user", "list").stdout
    bad = run_admin(
        server.db_url,
        "user",
        "add",
        "--username",
        "x",
        "--scope",
        "commune:00000",
        "--password-stdin",
        stdin="một-mật-khẩu\n",
    )
    assert bad.returncode == 2 and "unknown commune" in bad.stderr
    assert (
        run_admin(server.db_url, "facility", "add", "--code", "TT01", "--province", "79").returncode
        == 0
    )
    answer = requests.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": name, "password": "một-mật-khẩu"},
        headers={"X-BTXH-Protocol": "1"},
        timeout=10,
    )
    assert answer.status_code == 200


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> object:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/fresh.db"
        return
    from tests.e2e.support import require_postgres

    require_postgres()
    name = create_pg_database()
    try:
        yield pg_url(name)
    finally:
        drop_pg_database(name)


def test_server_migrations_build_the_models_schema_and_step_down_and_up(
    empty_database: str,
) -> None:
    engine = db.make_engine(empty_database, pool_size=1)
    try:
        db.migrate(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            server_id = conn.execute(db.server_info.select()).one().value
        assert diff == []
        assert db.current_revision(engine) == db.head_revision()
        db.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        db.migrate(engine)
        assert db.current_revision(engine) == db.head_revision() and server_id
    finally:
        engine.dispose()
