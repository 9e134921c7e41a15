"""The OpenAPI schema: the checked-in copy is the one served, and fuzzing the API with
schemathesis against it never produces a server error."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from btxh_desktop.paths import bundled_root
from tests.e2e.support import ServerProcess, child_env, fresh_commune, login_tokens

CHECKED_IN = bundled_root() / "docs" / "openapi.json"


def test_the_served_schema_is_the_checked_in_one(server: ServerProcess) -> None:
    served = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    assert served == json.loads(CHECKED_IN.read_text(encoding="utf-8")), (
        "the API changed: run `btxh-server openapi --output docs/openapi.json`"
    )


def test_the_command_prints_the_checked_in_schema() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "btxh_server", "openapi"],
        capture_output=True,
        check=True,
        timeout=120,
        env=child_env(),
    ).stdout
    assert printed.decode() == CHECKED_IN.read_text(encoding="utf-8")


@pytest.fixture
def api_schema(server: ServerProcess) -> Any:
    schema = schemathesis.openapi.from_dict(json.loads(CHECKED_IN.read_text(encoding="utf-8")))
    schema.config.update(base_url=server.url)
    return schema


@pytest.fixture
def bearer(server: ServerProcess) -> str:
    commune = fresh_commune()
    token: str = login_tokens(server.url, server.add_user(f"commune:{commune}"))["access_token"]
    return token


fuzzed = schemathesis.pytest.from_fixture("api_schema")


@fuzzed.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_fuzzing_the_api_never_causes_a_server_error(
    case: schemathesis.Case, server: ServerProcess, bearer: str
) -> None:
    # Signed in and speaking the current protocol, so the fuzzing reaches past the gates
    # (the gates themselves have their own tests).
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {bearer}"}
    case.headers["X-BTXH-Protocol"] = "1"
    case.call_and_validate(
        base_url=server.url, checks=[not_a_server_error, response_schema_conformance]
    )
