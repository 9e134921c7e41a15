"""Language of the GUI: Qt translators, Vietnamese formats, text for domain codes.

Vietnamese is the default; English is selectable in settings. Widget strings go through
`tr()` (English source, Vietnamese in `resources/i18n/vi/*.ts`); codes returned by the domain
and services are rendered through `messages.render` in the same language, so one screen never
mixes the two.

A pseudo-locale (`BTXH_PSEUDO_LOCALE=1`, or `install("vi", pseudo=True)`) shows every
Vietnamese string lengthened and bracketed, "[Ŝửa ťhông ťin ~~~]": layouts that only just fit
Vietnamese show up as clipped, a missing "]" shows where, and text that never went through a
translation stands out by having no brackets.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from btxh_desktop import messages
from btxh_desktop.domain.dates import Month, PartialDate
from btxh_desktop.paths import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
PSEUDO_ENV = "BTXH_PSEUDO_LOCALE"
# Real translations run up to about a third longer than the language they were sized for.
PSEUDO_GROWTH = 0.35
_state = {"lang": "vi"}
_pseudo = {"on": False}
_installed: list[QTranslator] = []
# Left exactly as they are: format fields ({name}, {amount:vnd}, {{ }}), Qt's %1 and %n,
# HTML tags and entities. Everything between them is text a person reads.
_KEEP = re.compile(r"\{\{|\}\}|\{[^{}]*\}|%L?\d+|%n|<[^<>]*>|&#?\w+;")
_ACCENTED = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåĈĉĐđÊêĜĝĤĥÎîĴĵĶķĹĺŃńÖöŔŕŜŝŤťÛûŴŵŶŷŽž",
)


def language() -> str:
    return _state["lang"]


def pseudo_enabled() -> bool:
    return _pseudo["on"]


def pseudo(text: str) -> str:
    """`text` accented, bracketed, and each line padded to about a third longer, with its
    placeholders intact."""
    if not text.strip():
        return text
    return "[" + "\n".join(_pseudo_line(line) for line in text.split("\n")) + "]"


def _pseudo_line(line: str) -> str:
    if not line.strip():
        return line
    parts = []
    at = 0
    for kept in _KEEP.finditer(line):
        parts.append(line[at : kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        at = kept.end()
    parts.append(line[at:].translate(_ACCENTED))
    # The brackets and the space count towards the growth.
    padding = "~" * max(1, math.ceil(len(line) * PSEUDO_GROWTH) - 3)
    return f"{''.join(parts)} {padding}"


class PseudoTranslator(QTranslator):
    """The Vietnamese translation of a `.qm`, passed through `pseudo`."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        text = super().translate(context, source, disambiguation, n)
        # None reaches Qt as a null string: "not in this file, ask the next translator".
        # An empty string would end the search with no text at all.
        return pseudo(text) if text else None


def ts_dir() -> Path:
    return resource_path("i18n", "vi")


def qm_dir() -> Path:
    return resource_path("i18n", "qm")


def compile_translations(out: Path | None = None) -> list[Path]:
    """Compile every `.ts` newer than its `.qm` (a source checkout; packaging does it once)."""
    target = out or qm_dir()
    target.mkdir(parents=True, exist_ok=True)
    lrelease = Path(PySide6.__file__).parent / "lrelease"
    built = []
    for ts in sorted(ts_dir().glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def install(lang: str, *, pseudo: bool | None = None) -> None:
    """Switch the whole application to `lang` ("vi" or "en"); `pseudo` (by default from
    `BTXH_PSEUDO_LOCALE`) lengthens the Vietnamese to check that layouts have room."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _state["lang"] = lang if lang in LANGUAGES else "vi"
    if pseudo is None:
        pseudo = os.environ.get(PSEUDO_ENV, "") not in ("", "0")
    _pseudo["on"] = pseudo and _state["lang"] == "vi"
    kind = PseudoTranslator if _pseudo["on"] else QTranslator
    if _state["lang"] == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        files = (
            sorted(qm_dir().glob("*.qm"))
            if getattr(sys, "frozen", False)
            else compile_translations()
        )
        for qm in files:
            translator = kind(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def t(code: str, /, **params: object) -> str:
    """Text for a domain or service code, in the GUI's language."""
    text = messages.render(code, params, language())
    return pseudo(text) if pseudo_enabled() else text


def money(amount: int | Decimal | None) -> str:
    return "" if amount is None else messages.format_money(amount, _state["lang"])


def number(value: int | float | Decimal | None) -> str:
    return "" if value is None else messages.format_number(value, _state["lang"])


def date_text(day: dt.date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def month_text(month: Month | None) -> str:
    return "" if month is None else f"{month.month:02d}/{month.year}"


def partial_date_text(value: PartialDate) -> str:
    return value.display()
