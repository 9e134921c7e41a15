"""The per-PC display preferences kept in `ui.ini`: text size and language.

Apart from the main window and the settings screen that change them, because the login
dialog reads them before either of those (or what they import) is loaded."""

from __future__ import annotations

FONT_KEY = "ui/font_point_size"
DEFAULT_FONT_POINTS = 11
MIN_FONT_POINTS, MAX_FONT_POINTS = 9, 20
LANGUAGE_KEY = "ui/language"
