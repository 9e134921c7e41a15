"""Every code identity and reference data return has Vietnamese and English text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from btxh_desktop import messages
from btxh_desktop.domain import identity
from btxh_desktop.domain.errors import DomainError
from btxh_desktop.domain.reference import CommuneType, ProvinceType
from btxh_desktop.paths import resource_path

CATALOGUES = ("identity.json", "reference.json")


def entries() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in CATALOGUES:
        merged.update(json.loads(resource_path("messages", name).read_text("utf-8")))
    return merged


def codes_in_source() -> set[str]:
    source = Path(identity.__file__).read_text("utf-8")
    return set(re.findall(r'"((?:name|cccd|old_id|qr|phone)\.[a-z_]+)"', source))


@pytest.mark.parametrize("code", sorted(entries()))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    texts = entries()[code]
    assert set(texts) == set(messages.LANGUAGES)
    assert all(text.strip() for text in texts.values())
    assert messages.placeholders(texts["vi"]) == messages.placeholders(texts["en"])


def test_every_code_in_identity_has_text() -> None:
    found = codes_in_source()
    assert len(found) >= 10  # the pattern still matches the module's codes
    assert found <= set(entries())


def test_no_catalogue_entry_is_orphaned() -> None:
    labels = {kind.label_code for kind in (*ProvinceType, *CommuneType)}
    assert set(entries()) == codes_in_source() | labels


def test_catalogue_loads_with_the_other_areas() -> None:
    assert set(entries()) <= set(messages.catalogue())


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: identity.normalize_name("A 😀"), "name.invalid_characters"),
        (lambda: identity.normalize_name("A" * 101), "name.too_long"),
    ],
)
def test_raised_params_fill_the_placeholders(call: Callable[[], object], code: str) -> None:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code
    for lang in messages.LANGUAGES:
        template = entries()[code][lang]
        assert messages.placeholders(template) == set(caught.value.params)
        rendered = messages.render(code, caught.value.params, lang)
        assert "{" not in rendered


def test_codes_returned_in_lists_need_no_parameters() -> None:
    # validate_* return bare codes, so their text cannot depend on parameters.
    listed = {code for code in codes_in_source() if code.split(".")[0] in ("cccd", "old_id")}
    for code in listed | {"qr.unreadable", "phone.invalid"}:
        for text in entries()[code].values():
            assert messages.placeholders(text) == set()
