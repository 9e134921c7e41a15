"""Every sync code the app can show has Vietnamese and English text with the same
placeholders, and every text in sync.json is used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from btxh_desktop import messages
from btxh_desktop.cli import sync_commands
from btxh_desktop.paths import resource_path
from btxh_desktop.services import sync as sync_service
from btxh_desktop.storage.models import SyncRun
from btxh_desktop.sync import client, engine, errors, transport
from btxh_desktop.sync.engine import Stage
from btxh_desktop.sync.protocol import Reason

SOURCES = (client, engine, errors, transport, sync_service, sync_commands)


def catalogue() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        resource_path("messages", "sync.json").read_text(encoding="utf-8")
    )
    return data


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for module in SOURCES:
        text = Path(str(module.__file__)).read_text(encoding="utf-8")
        found |= set(re.findall(r'"(sync\.[a-z_]+(?:\.[a-z_]+)*)"', text))
    return found


def dynamic_codes() -> set[str]:
    """Codes built at run time: a rejection's reason, a stage, a history outcome."""
    checks = [str(getattr(c, "sqltext", "")) for c in SyncRun.__table__.constraints]  # type: ignore[attr-defined]
    outcomes = re.findall(r"'(\w+)'", next(c for c in checks if c.startswith("outcome IN")))
    return (
        {f"sync.reason.{r.value}" for r in Reason}
        | {"sync.reason.rejected"}
        | {f"sync.stage.{s.value}" for s in Stage}
        | {f"sync.outcome.{o}" for o in outcomes}
    )


@pytest.mark.parametrize("code", sorted(catalogue()))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    texts = catalogue()[code]
    assert set(texts) == set(messages.LANGUAGES)
    assert all(t.strip() for t in texts.values())
    assert messages.placeholders(texts["vi"]) == messages.placeholders(texts["en"])


def test_every_code_has_text_and_every_text_is_used() -> None:
    used = codes_in_source() | dynamic_codes()
    assert used - set(catalogue()) == set()
    assert set(catalogue()) - used == set()


def test_error_constants_are_all_in_the_catalogue() -> None:
    constants = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}
    assert constants <= set(catalogue())
