"""Text for the codes the domain and services return, in Vietnamese and English.

The domain speaks in codes (`cccd.sex_mismatch`); people read sentences. Catalogues live in
`resources/messages/*.json` as `{code: {"vi": ..., "en": ...}}` with `{name}` placeholders,
one file per area so each area owns its wording. Both the CLI and the Qt UI render through
here, so a message reads the same wherever it appears.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from btxh_desktop.paths import resource_path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(resource_path("messages").glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        for code, texts in entries.items():
            if code in merged:
                raise ValueError(f"message code {code!r} defined twice (again in {path.name})")
            merged[code] = texts
    return merged


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_money(amount: int | Decimal, lang: str = DEFAULT_LANGUAGE) -> str:
    """`1.234.567 ₫` in Vietnamese, `1,234,567 ₫` in English."""
    digits = f"{int(amount):,}"
    if lang == "vi":
        digits = digits.replace(",", ".")
    return f"{digits} ₫"


def format_number(value: int | float | Decimal, lang: str = DEFAULT_LANGUAGE) -> str:
    """Coefficients and quantities: `2,5` in Vietnamese, `2.5` in English; no trailing zeros."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",") if lang == "vi" else text


class _Formatter(string.Formatter):
    """Adds `{x:vnd}` (money) and `{x:num}` (decimal number) to the usual format specs."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "vnd":
            return format_money(value, self.lang)
        if format_spec == "num":
            return format_number(value, self.lang)
        return super().format_field(value, format_spec)


def render(
    code: str, params: Mapping[str, object] | None = None, lang: str = DEFAULT_LANGUAGE
) -> str:
    texts = catalogue().get(code)
    if texts is None:
        return code if not params else f"{code} {dict(params)}"
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    try:
        return _Formatter(lang).format(template, **(params or {}))
    except (KeyError, IndexError, ValueError):
        return template
