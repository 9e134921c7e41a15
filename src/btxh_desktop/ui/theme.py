"""The application's look: one stylesheet whose font sizes follow the chosen text size.

Qt does not re-apply `QApplication.setFont` to widgets already polished under a stylesheet,
and a stylesheet's own sizes are absolute; so sizes in `resources/style.qss` are written
relative to the base size (`@base+4@pt`) and the whole sheet is re-applied on every change.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from btxh_desktop.paths import resource_path

_SIZE = re.compile(r"@base([+-]\d+)?@")


@cache
def _template() -> str:
    path = resource_path("style.qss")
    return path.read_text("utf-8") if path.exists() else ""


def style_sheet(points: int) -> str:
    return _SIZE.sub(lambda m: str(points + int(m.group(1) or 0)), _template())


def apply(app: QApplication, points: int) -> None:
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)
    app.setStyleSheet(style_sheet(points))
