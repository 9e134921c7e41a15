"""Language of the GUI: Qt translators, Vietnamese formats, text for domain codes.

Vietnamese is the default; English is selectable in settings. Widget strings go through
`tr()` (English source, Vietnamese in `resources/i18n/vi/*.ts`); codes returned by the domain
and services are rendered through `messages.render` in the same language, so one screen never
mixes the two.
"""

from __future__ import annotations

import datetime as dt
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
_state = {"lang": "vi"}
_installed: list[QTranslator] = []


def language() -> str:
    return _state["lang"]


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


def install(lang: str) -> None:
    """Switch the whole application to `lang` ("vi" or "en")."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _state["lang"] = lang if lang in LANGUAGES else "vi"
    if _state["lang"] == "vi":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        files = (
            sorted(qm_dir().glob("*.qm"))
            if getattr(sys, "frozen", False)
            else compile_translations()
        )
        for qm in files:
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def t(code: str, /, **params: object) -> str:
    """Text for a domain or service code, in the GUI's language."""
    return messages.render(code, params, _state["lang"])


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
