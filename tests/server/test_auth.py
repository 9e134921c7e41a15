"""Accounts and tokens: argon2 passwords, short-lived access tokens, rotating refresh tokens
with theft detection, login throttling, protocol version check."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from btxh_desktop.sync.client import SyncClient
from btxh_desktop.sync.transport import Transport
from tests.e2e.support import (
    PASSWORD,
    ServerProcess,
    call,
    fresh_commune,
    keyring_for,
    login_tokens,
)


@pytest.fixture(scope="module")
def strict(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A second server on the same database with tight limits, to watch them act."""
    process = ServerProcess(
        database_url,
        tmp_path_factory.mktemp("strict"),
        ["--access-ttl", "1", "--refresh-reuse-grace", "1", "--login-attempts", "3"],
    ).start()
    yield process
    process.stop()


def test_passwords_are_stored_as_argon2id_hashes(server: ServerProcess) -> None:
    user = server.add_user(f"commune:{fresh_commune()}")
    stored = server.query("SELECT password_hash FROM users WHERE username = :u", u=user)[0][0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)


def test_login_gives_tokens_bound_to_the_account_scopes(server: ServerProcess) -> None:
    commune = fresh_commune()
    user = server.add_user(f"commune:{commune}")
    tokens = login_tokens(server.url, user)
    assert tokens["scopes"] == [f"commune:{commune}"] and tokens["expires_in"] == 900
    assert call(server.url, "GET", "/sync/scopes", token=tokens["access_token"]).json() == {
        "scopes": [f"commune:{commune}"]
    }
    wrong = call(server.url, "POST", "/auth/login", {"username": user, "password": "sai-mật-khẩu"})
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_credentials")
    assert call(server.url, "GET", "/sync/scopes", token="forged").status_code == 401
    assert call(server.url, "GET", "/sync/scopes").status_code == 401


def test_failed_logins_are_throttled_per_username(strict: ServerProcess) -> None:
    user = strict.add_user(f"commune:{fresh_commune()}")
    other = strict.add_user(f"commune:{fresh_commune()}")
    for _ in range(3):
        assert (
            call(strict.url, "POST", "/auth/login", {"username": user, "password": "x"}).status_code
            == 401
        )
    # Even the right password is refused now, before it is checked.
    blocked = call(strict.url, "POST", "/auth/login", {"username": user, "password": PASSWORD})
    assert blocked.status_code == 429 and blocked.json()["error"] == "too_many_attempts"
    assert int(blocked.headers["Retry-After"]) > 0
    assert (
        call(
            strict.url, "POST", "/auth/login", {"username": other, "password": PASSWORD}
        ).status_code
        == 200
    )


def test_refresh_rotates_and_a_stolen_token_revokes_the_family(strict: ServerProcess) -> None:
    user = strict.add_user(f"commune:{fresh_commune()}")
    first = login_tokens(strict.url, user)
    second = call(
        strict.url, "POST", "/auth/refresh", {"refresh_token": first["refresh_token"]}
    ).json()
    assert second["refresh_token"] != first["refresh_token"]
    # A client killed before saving the new token comes back with the old one at once: fine.
    retry = call(strict.url, "POST", "/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert retry.status_code == 200
    time.sleep(1.5)
    # Later, the old token can only be a copy: everything issued from it stops working.
    stolen = call(strict.url, "POST", "/auth/refresh", {"refresh_token": first["refresh_token"]})
    assert stolen.status_code == 401
    for tokens in (second, retry.json()):
        assert (
            call(
                strict.url, "POST", "/auth/refresh", {"refresh_token": tokens["refresh_token"]}
            ).status_code
            == 401
        )


def test_access_tokens_expire_and_the_client_refreshes_by_itself(
    strict: ServerProcess, tmp_path: Path
) -> None:
    commune = fresh_commune()
    user = strict.add_user(f"commune:{commune}")
    client = SyncClient(Transport(strict.url), keyring_for(tmp_path), user, str(uuid.uuid4()))
    client.login(PASSWORD)
    saved = client.credentials.get(client.key)
    time.sleep(1.5)
    assert call(strict.url, "GET", "/sync/scopes", token=client._access).status_code == 401
    assert client.pull({f"commune:{commune}": 0}, 10).has_more is False
    assert client.credentials.get(client.key) != saved  # the rotated token was stored


def test_logout_password_change_and_disabling_end_sessions(server: ServerProcess) -> None:
    user = server.add_user(f"commune:{fresh_commune()}")
    tokens = login_tokens(server.url, user)
    assert (
        call(
            server.url, "POST", "/auth/logout", {"refresh_token": tokens["refresh_token"]}
        ).status_code
        == 204
    )
    assert call(server.url, "GET", "/sync/scopes", token=tokens["access_token"]).status_code == 401

    tokens = login_tokens(server.url, user)
    server.accounts().set_password(user, "mật-khẩu-mới-1")
    assert call(server.url, "GET", "/sync/scopes", token=tokens["access_token"]).status_code == 401
    tokens = login_tokens(server.url, user, "mật-khẩu-mới-1")
    server.accounts().set_disabled(user, True)
    assert call(server.url, "GET", "/sync/scopes", token=tokens["access_token"]).status_code == 401
    assert (
        call(
            server.url, "POST", "/auth/login", {"username": user, "password": "mật-khẩu-mới-1"}
        ).status_code
        == 401
    )


@pytest.mark.parametrize("version", ["0", "2", "999"])
def test_an_unserved_protocol_version_is_told_to_upgrade(
    server: ServerProcess, version: str
) -> None:
    answer = call(
        server.url,
        "POST",
        "/auth/login",
        {"username": "x", "password": "y"},
        headers={"X-BTXH-Protocol": version},
    )
    assert answer.status_code == 426
    assert answer.json() == {"error": "upgrade_required", "min_version": 1, "max_version": 1}
