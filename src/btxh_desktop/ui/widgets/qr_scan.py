"""Catching a CCCD QR payload that a USB scanner types into whatever text field has focus.

A keyboard-emulating scanner types `001090012345|…|…` character by character, often ending
with Enter (or Tab), into the field the cursor happens to be in. The catcher notices the start
of a payload (twelve digits and a bar) in a watched field, waits for the typing to settle or
for the closing Enter (which it swallows, so it does not also press the dialog's default
button), then gives the field back the text it had before the scan and hands the payload on.
A paste arrives in one change and is handled the same way.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from btxh_desktop.domain.identity import looks_like_cccd_qr

TextField = QLineEdit | QPlainTextEdit

_PAYLOAD_START = re.compile(r"[0-9]{12}\|")
# A scanner types faster than this between keys; a pause this long means it has finished.
SETTLE_MS = 150
# Some scanners end with CR and LF: an Enter this soon after a scan belongs to it.
TRAILING_ENTER_S = 0.4


def field_text(widget: TextField) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def set_field_text(widget: TextField, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
    else:
        widget.setPlainText(text)


def _cursor(widget: TextField) -> int:
    if isinstance(widget, QLineEdit):
        return widget.cursorPosition()
    return widget.textCursor().position()


class ScanCatcher(QObject):
    #: The field the scan landed in (already given back its own text) and the payload.
    scanned = Signal(QWidget, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._starts: dict[TextField, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.finish_all)
        self._restoring = False
        self._finished_at = 0.0

    def watch(self, widget: TextField) -> None:
        widget.installEventFilter(self)
        widget.textChanged.connect(lambda *_: self._changed(widget))

    def pending(self, widget: QWidget | None) -> bool:
        """Whether a scan is still arriving in `widget` (its text is not the user's yet)."""
        return widget in self._starts

    def put(self, widget: TextField, text: str) -> None:
        """Set a field's text without it being taken for a scan (a payload shown back)."""
        self._restoring = True
        try:
            set_field_text(widget, text)
        finally:
            self._restoring = False

    def _changed(self, widget: TextField) -> None:
        if self._restoring:
            return
        match = _PAYLOAD_START.search(field_text(widget))
        if match is None:
            self._starts.pop(widget, None)
            return
        self._starts.setdefault(widget, match.start())
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            return False
        if watched in self._starts:
            self.finish_all()
            return True
        enter = event.key() != Qt.Key.Key_Tab
        return enter and time.monotonic() - self._finished_at < TRAILING_ENTER_S

    def finish_all(self) -> None:
        self._timer.stop()
        for widget in list(self._starts):
            self._finish(widget)

    def _finish(self, widget: TextField) -> None:
        start = self._starts.pop(widget)
        text = field_text(widget)
        # A scanner types at the cursor, so the payload ends there; a paste too.
        end = _cursor(widget)
        if end <= start:
            end = len(text)
        payload = text[start:end]
        if not looks_like_cccd_qr(payload):
            return  # twelve digits and a bar, but not a card: the user's own text
        self.put(widget, text[:start] + text[end:])
        self._finished_at = time.monotonic()
        self.scanned.emit(widget, payload.strip())
