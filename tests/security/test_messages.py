"""Every code the security services and commands return has Vietnamese and English text whose
placeholders are exactly the parameters passed with it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from btxh_desktop import messages
from btxh_desktop.cli import security_commands
from btxh_desktop.domain.codes import Role
from btxh_desktop.paths import resource_path
from btxh_desktop.services import accounts, audit, backup, gate, privacy, settings
from btxh_desktop.services.accounts import LoginFailed

MODULES = (accounts, audit, backup, gate, privacy, settings, security_commands)
CALLS = {"DomainError", "t", "error", "LoginFailed", "render"}


def own_entries() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        resource_path("messages", "security.json").read_text("utf-8")
    )
    return data


def uses() -> list[tuple[str, frozenset[str]]]:
    """(code, parameter names) for each literal code passed to DomainError, out.t, render."""
    found = []
    for module in MODULES:
        tree = ast.parse(Path(str(module.__file__)).read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name not in CALLS or not isinstance(first, ast.Constant):
                continue
            if not isinstance(first.value, str) or "." not in first.value:
                continue
            params = {k.arg for k in node.keywords if k.arg and k.arg != "field"}
            if name == "render" and len(node.args) > 1 and isinstance(node.args[1], ast.Dict):
                params |= {k.value for k in node.args[1].keys if isinstance(k, ast.Constant)}
            found.append((first.value, frozenset(params)))
    return found


@pytest.mark.parametrize("code", sorted(own_entries()))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    texts = own_entries()[code]
    assert set(texts) == set(messages.LANGUAGES)
    assert all(text.strip() for text in texts.values())
    assert messages.placeholders(texts["vi"]) == messages.placeholders(texts["en"])


def test_every_code_used_has_text_with_matching_placeholders() -> None:
    found = uses()
    assert len(found) > 40  # the scan still sees the modules' codes
    catalogue = messages.catalogue()
    for code, params in found:
        assert code in catalogue, code
        if code.startswith("auth.") and code in ("auth.locked", "auth.failed"):
            continue  # LoginFailed chooses the parameter; checked below
        assert messages.placeholders(catalogue[code]["vi"]) == set(params), code


def test_login_failures_render_with_their_numbers() -> None:
    locked = LoginFailed("auth.locked", seconds=30)
    failed = LoginFailed("auth.failed", attempts_left=2)
    assert "30" in messages.render(locked.code, locked.params, "vi")
    assert "2" in messages.render(failed.code, failed.params, "en")


def test_every_role_has_a_name() -> None:
    for role in Role:
        assert f"role.{role.value}" in own_entries()
