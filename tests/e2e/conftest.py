"""The central server over real HTTP on 127.0.0.1, once per database backend per session.

Every test that takes `server` runs twice: against the embedded SQLite file and against
PostgreSQL (a fresh database created for the session). Tests keep out of each other's way
by using their own communes and accounts (`fresh_commune`, `server.add_user`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.support import (
    Client,
    ServerProcess,
    create_pg_database,
    drop_pg_database,
    make_client,
    pg_url,
    require_postgres,
)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_postgres()
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('central')}/central.db"
        return
    name = create_pg_database()
    try:
        yield pg_url(name)
    finally:
        drop_pg_database(name)


@pytest.fixture(scope="session")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    process = ServerProcess(database_url, tmp_path_factory.mktemp("server")).start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def clients(tmp_path: Path) -> Iterator[Callable[..., Client]]:
    """`clients(server_url, commune, username)` → a signed-in PC; all closed afterwards."""
    made: list[Client] = []

    def make(server_url: str, commune: str, username: str, **kwargs: object) -> Client:
        client = make_client(tmp_path / f"pc{len(made)}", server_url, commune, username, **kwargs)  # type: ignore[arg-type]
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
