"""The real central server in a subprocess, its database, and sync clients for tests.

Servers listen on 127.0.0.1 on a port the OS picks; PostgreSQL databases are created per
test session on 127.0.0.1:5432 and dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import Engine, text

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.domain.reference import ReferenceData
from btxh_desktop.paths import AppPaths
from btxh_desktop.services.container import Services, open_services
from btxh_desktop.services.sync import SyncService
from btxh_desktop.sync.credentials import KeyringCredentials
from btxh_desktop.sync.transport import TransportOptions
from btxh_server.accounts import Accounts, AuthSettings
from btxh_server.db import make_engine
from btxh_server.scopes import ScopeRules
from tests.conftest import ADMIN, TODAY

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PASSWORD = "mật-khẩu-thử"
FAST_RETRIES = TransportOptions(
    connect_timeout=2.0, read_timeout=5.0, attempts=6, backoff_base=0.02, backoff_cap=0.2
)
CHEAP_ARGON2 = ["--argon2-memory-kib", "8192", "--argon2-time-cost", "1"]


def postgres_available() -> bool:
    try:
        psycopg.connect(PG_ADMIN).close()
        return True
    except psycopg.Error:
        return False


def require_postgres() -> None:
    """PostgreSQL tests run in CI without exception; elsewhere they may be skipped, loudly."""
    if postgres_available():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but PostgreSQL is not reachable at 127.0.0.1:5432")
    pytest.skip(
        "PostgreSQL is not running at 127.0.0.1:5432: the server's production path is NOT "
        "tested on this machine (start PostgreSQL, trust auth for user postgres)"
    )


def create_pg_database() -> str:
    name = f"btxh_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_pg_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_url(name: str) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


_COMMUNES = ReferenceData.load().communes
_used_communes: set[str] = set()
_numbers = itertools.count(1)


def fresh_commune(province: str | None = None) -> str:
    """A commune no other test in this session uses: of `province` when the test needs one,
    otherwise from anywhere (the session's tests outnumber one province's communes)."""
    code = next(
        c.code
        for c in _COMMUNES
        if c.code not in _used_communes and province in (None, c.province_code)
    )
    _used_communes.add(code)
    return code


def fresh_name(prefix: str = "u") -> str:
    return f"{prefix}{next(_numbers)}_{uuid.uuid4().hex[:6]}"


@dataclass
class ServerProcess:
    db_url: str
    folder: Path
    extra: list[str] = field(default_factory=list)
    process: subprocess.Popen[bytes] | None = None
    port: int = 0
    _engine: Engine | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.folder / "server.log"

    def start(self) -> ServerProcess:
        self.folder.mkdir(parents=True, exist_ok=True)
        port_file = self.folder / "port"
        port_file.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "btxh_server",
            "--db",
            self.db_url,
            "--port",
            "0",
            "--port-file",
            str(port_file),
            *CHEAP_ARGON2,
            *self.extra,
            "serve",
        ]
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child writes to it until stop()
        self.process = subprocess.Popen(command, stdout=log, stderr=log, env=child_env())
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
            if port_file.exists():
                self.port = int(port_file.read_text())
                try:
                    requests.get(f"{self.url}/api/v1/health", timeout=2).raise_for_status()
                    return self
                except requests.RequestException:
                    pass
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.db_url, pool_size=2)
        return self._engine

    def accounts(self) -> Accounts:
        rules = ScopeRules(self.engine, ReferenceData.load())
        return Accounts(
            self.engine, rules, AuthSettings(argon2_time_cost=1, argon2_memory_kib=8192)
        )

    def add_user(self, *scopes: str, username: str | None = None) -> str:
        name = username or fresh_name()
        self.accounts().add_user(name, PASSWORD, list(scopes))
        return name

    def query(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def metrics(self) -> dict[str, float]:
        body = requests.get(f"{self.url}/metrics", timeout=5).text
        out: dict[str, float] = {}
        for line in body.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                out[name] = float(value)
        return out

    def requests_to(self, path: str) -> float:
        prefix = f'btxh_http_requests_total{{path="{path}"'
        return sum(v for k, v in self.metrics().items() if k.startswith(prefix))


def keyring_for(folder: Path) -> KeyringCredentials:
    """A file keyring in the test's folder: tests never touch a real user keyring."""
    backend = PlaintextKeyring()
    backend.file_path = str(folder / "python_keyring" / "keyring_pass.cfg")
    return KeyringCredentials(backend)


@dataclass
class Client:
    """One PC: its own database, its own device id, signed in to the server."""

    services: Services
    folder: Path
    commune: str

    @property
    def sync(self) -> SyncService:
        return self.services.sync

    @property
    def data_dir(self) -> Path:
        return self.services.ctx.paths.data_dir

    def close(self) -> None:
        self.services.close()


def make_client(
    folder: Path,
    server_url: str,
    commune: str,
    username: str,
    options: TransportOptions = FAST_RETRIES,
    login: bool = True,
) -> Client:
    paths = AppPaths(folder / "data")
    services = open_services(paths, ADMIN, today=lambda: TODAY)
    services.site.initialise(SiteType.COMMUNE, commune)
    services.sync = SyncService(services.ctx, keyring_for(folder), options)
    services.sync.configure(server_url=server_url, username=username)
    if login:
        services.sync.login(PASSWORD)
    return Client(services, folder, commune)


def child_env() -> dict[str, str]:
    """Environment for Python children: they compile the sources once, into a cache outside
    the source tree, even where the environment turns bytecode writing off."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "btxh-test-pycache")
    env.pop("BTXH_DATA_DIR", None)
    return env


def subprocess_env(folder: Path) -> dict[str, str]:
    """Environment for a `btxh` child: the same file keyring as `keyring_for(folder)`."""
    env = child_env()
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    env["XDG_DATA_HOME"] = str(folder)
    return env


def server_records(server: ServerProcess, scope: str) -> dict[str, tuple[int, dict[str, Any]]]:
    """id → (version, fields) of the live records of a scope, read from the server's DB."""
    import json

    rows = server.query(
        "SELECT id, version, data FROM records WHERE scope = :scope AND deleted_at IS NULL",
        scope=scope,
    )
    return {r.id: (int(r.version), json.loads(r.data)) for r in rows}


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def iter_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as fh:
        yield from fh


def bulk_people(client: Client, count: int, prefix: str) -> list[str]:
    """`count` people created in one tracked transaction (one outbox entry each)."""
    from btxh_desktop.domain.identity import fold
    from btxh_desktop.storage.bulk import insert_tracked
    from btxh_desktop.storage.models import Person

    rows = [
        {
            "code": f"{prefix}-{i:06d}",
            "full_name": f"{prefix} Người {i}",
            "search_name": fold(f"{prefix} Người {i}"),
            "birth_precision": "year",
            "birth_year": 1940 + i % 60,
            "sex": ("male", "female")[i % 2],
            "commune_code": client.commune,
            "phone": f"09{i:08d}",
        }
        for i in range(count)
    ]
    with client.services.ctx.unit_of_work() as session:
        return insert_tracked(session, Person, rows)


def people_fields(services: Services) -> dict[str, dict[str, Any]]:
    """id → wire fields of every live person on a PC."""
    from sqlalchemy import select

    from btxh_desktop.storage import tracking
    from btxh_desktop.storage.models import Person

    with services.ctx.read() as session:
        rows = session.scalars(select(Person).where(Person.deleted_at.is_(None)))
        return {
            row.id: {k: tracking.to_wire(getattr(row, k)) for k in tracking.data_columns(Person)}
            for row in rows
        }


def call(
    base_url: str,
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """One plain HTTP request to the API, with the protocol header unless overridden."""
    sent = {"X-BTXH-Protocol": "1", **(headers or {})}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    return requests.request(method, f"{base_url}/api/v1{path}", json=body, headers=sent, timeout=30)


def login_tokens(base_url: str, username: str, password: str = PASSWORD) -> dict[str, Any]:
    answer = call(base_url, "POST", "/auth/login", {"username": username, "password": password})
    answer.raise_for_status()
    tokens: dict[str, Any] = answer.json()
    return tokens
