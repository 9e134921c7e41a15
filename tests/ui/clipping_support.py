"""Finding text a person cannot read in full: cut off by its own widget, or by a parent.

The rule, per kind of widget (only widgets that are shown, with text):

- QLabel without word wrap: its size is below the size Qt computes for the whole text
  (`minimumSizeHint`: every line, rich text, margins, indent and style-sheet padding).
- QLabel with word wrap: narrower than its longest word, or shorter than the height its
  text needs at its width (`heightForWidth`).
- QPushButton, QCheckBox, QRadioButton: the text (and icon) is wider or taller than the
  rectangle the style draws the label in.
- QGroupBox: the title runs past the box.
- QTabBar: a tab's text is wider than the text rectangle of its tab (Qt elides it), or the
  tab lies outside the bar (behind the scroll arrows).
- QHeaderView (horizontal): a section is narrower than its title plus the header's margins
  and sort arrow. A table wider than its viewport is not clipping: it scrolls.

A widget's room is also what its parents leave of it: a part outside a parent's rectangle is
not painted, up to a scroll area's viewport in the directions that scroll (the content of
a scroll area is meant to be larger than its window).

Text shortened on purpose is not clipping: text elided before `setText` fits by
construction, and a label that elides itself when painted says so by reporting a
`minimumSizeHint` narrower than its text, which is what the label rule compares with. Cells
of tables and lists are left out: a column that elides its cells is the table's design.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionGroupBox,
    QStyleOptionTab,
    QTabBar,
    QTabWidget,
    QWidget,
)

_MNEMONIC = re.compile(r"&(.)")


@dataclass(frozen=True)
class Clipped:
    where: str
    kind: str
    name: str
    text: str
    needed: tuple[int, int]
    room: tuple[int, int]

    def __str__(self) -> str:
        name = f"#{self.name} " if self.name else ""
        return (
            f"{self.where}: {self.kind} {name}{self.text!r} needs "
            f"{self.needed[0]}×{self.needed[1]} px, has {self.room[0]}×{self.room[1]}"
        )


def shown_text(text: str) -> str:
    """`&Save` is shown as "Save" (underlined S); `&&` is a literal ampersand."""
    return _MNEMONIC.sub(r"\1", text)


def text_size(metrics: QFontMetrics, text: str) -> tuple[int, int]:
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    return width, metrics.height() + (len(lines) - 1) * metrics.lineSpacing()


def lost_to_parents(widget: QWidget) -> tuple[int, int]:
    """How much of the widget's width and height its parents cut off."""
    visible = widget.rect()
    scroll_x = scroll_y = False
    child, parent = widget, widget.parentWidget()
    offset = widget.pos()
    while parent is not None and not child.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            scroll_x = scroll_x or area.horizontalScrollBarPolicy() != off
            scroll_y = scroll_y or area.verticalScrollBarPolicy() != off
        inside = parent.rect().translated(-offset)
        left = visible.left() if scroll_x else max(visible.left(), inside.left())
        right = visible.right() if scroll_x else min(visible.right(), inside.right())
        top = visible.top() if scroll_y else max(visible.top(), inside.top())
        bottom = visible.bottom() if scroll_y else min(visible.bottom(), inside.bottom())
        visible = QRect(left, top, max(0, right - left + 1), max(0, bottom - top + 1))
        child, parent = parent, parent.parentWidget()
        offset += child.pos()
    return widget.width() - visible.width(), widget.height() - visible.height()


def _report(
    where: str, widget: QWidget, text: str, needed: tuple[int, int], room: tuple[int, int]
) -> Clipped | None:
    lost_w, lost_h = lost_to_parents(widget)
    room = (room[0] - lost_w, room[1] - lost_h)
    if needed[0] <= room[0] and needed[1] <= room[1]:
        return None
    kind = type(widget).__name__
    return Clipped(where, kind, widget.objectName(), text, needed, room)


def _label(where: str, label: QLabel) -> Clipped | None:
    if not label.text() or not label.pixmap().isNull():
        return None
    hint = label.minimumSizeHint()
    needed = (hint.width(), hint.height())
    if label.wordWrap():
        needed = (hint.width(), label.heightForWidth(label.width()))
    return _report(where, label, label.text(), needed, (label.width(), label.height()))


def _button(where: str, button: QAbstractButton) -> Clipped | None:
    if not button.text():
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    else:
        element = QStyle.SubElement.SE_PushButtonContents
    contents = button.style().subElementRect(element, option, button)
    text = shown_text(button.text())
    width, height = text_size(button.fontMetrics(), text)
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
        height = max(height, button.iconSize().height())
    return _report(where, button, text, (width, height), (contents.width(), contents.height()))


def _group(where: str, box: QGroupBox) -> Clipped | None:
    if not box.title():
        return None
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)  # type: ignore[attr-defined]
    label = box.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
    )
    text = shown_text(box.title())
    needed = text_size(box.fontMetrics(), text)
    room = (min(label.width(), box.width() - max(0, label.left())), label.height())
    return _report(where, box, text, needed, room)


def _tabs(where: str, bar: QTabBar) -> Iterator[Clipped]:
    for index in range(bar.count()):
        if not bar.isTabVisible(index) or not bar.tabText(index):
            continue
        option = QStyleOptionTab()
        bar.initStyleOption(option, index)  # type: ignore[attr-defined]
        text_rect = bar.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, bar)
        text = shown_text(bar.tabText(index))
        # Qt elides a tab's text to the width of its text rectangle; the height of that
        # rectangle is no limit (the text is centred on it and painted whole).
        width = bar.fontMetrics().horizontalAdvance(text)
        tab = bar.tabRect(index)
        outside = tab.width() - tab.intersected(bar.rect()).width()
        room = (text_rect.width() - outside, bar.height())
        found = _report(where, bar, text, (width, 0), room)
        if found is not None:
            yield found


def _sections(where: str, header: QHeaderView) -> Iterator[Clipped]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    metrics = QFontMetrics(header.font())
    for logical in range(header.count()):
        title = model.headerData(logical, Qt.Orientation.Horizontal)
        if header.isSectionHidden(logical) or not title:
            continue
        width, height = text_size(metrics, str(title))
        width += 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            width += arrow + margin
        room = (header.sectionSize(logical), header.height())
        if width > room[0] or height > room[1]:
            yield Clipped(
                where, "QHeaderView", header.objectName(), str(title), (width, height), room
            )


def clipped_text(top: QWidget, where: str) -> list[Clipped]:
    """Every shown widget under `top` (itself included) whose text is cut off."""
    found: list[Clipped] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            one = _label(where, widget)
        elif isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
            one = _button(where, widget)
        elif isinstance(widget, QGroupBox):
            one = _group(where, widget)
        elif isinstance(widget, QTabBar):
            found.extend(_tabs(where, widget))
            continue
        elif isinstance(widget, QHeaderView):
            found.extend(_sections(where, widget))
            continue
        else:
            continue
        if one is not None:
            found.append(one)
    return found


def each_tab(top: QWidget, where: str, settle: Callable[[], None]) -> Iterator[str]:
    """Shows every tab of every tab widget under `top` in turn (nested ones too), yielding a
    name for what is on screen: `where`, then `where › Tab`, `where › Tab › Inner tab`...
    `settle` lets the work a newly shown tab starts finish."""
    yield where
    yield from _other_tabs(top, where, settle)


def _other_tabs(container: QWidget, where: str, settle: Callable[[], None]) -> Iterator[str]:
    for tabs in container.findChildren(QTabWidget):
        if not tabs.isVisible() or _outer_tabs(tabs, container) is not None:
            continue
        start = tabs.currentIndex()
        for index in range(tabs.count()):
            if not tabs.isTabEnabled(index) or not tabs.isTabVisible(index):
                continue
            name = f"{where} › {shown_text(tabs.tabText(index))}"
            if index != start:  # the first tab was on screen with its parent
                tabs.setCurrentIndex(index)
                settle()
                yield name
            yield from _other_tabs(tabs.widget(index), name, settle)
        tabs.setCurrentIndex(start)
        settle()


def _outer_tabs(widget: QWidget, container: QWidget) -> QTabWidget | None:
    """The tab widget between `widget` and `container` that holds it, if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not container:
        if isinstance(parent, QTabWidget):
            return parent
        parent = parent.parentWidget()
    return None


def save_render(top: QWidget, folder: Path | None, name: str) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^\w.-]+", "_", name).strip("_")
        top.grab().save(str(folder / f"{safe}.png"))
