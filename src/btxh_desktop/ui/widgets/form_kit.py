"""What the allowance, facility and emergency forms share: date and month fields, money and
kilogram fields, a dialog that saves through a service and shows refusals beside the field,
and buttons that say why they are disabled.

A form dialog never closes on a refusal: what was typed stays, the reason appears in red next
to the field it concerns (or at the top when it concerns no single field), and since every
service call is one transaction nothing was saved half-way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.dates import Month
from btxh_desktop.domain.errors import DomainError, ValidationFailed
from btxh_desktop.services.permissions import Permission, allowed
from btxh_desktop.ui.i18n import t

# Annotations only: the login dialogs use this kit and show before the services load.
if TYPE_CHECKING:
    from btxh_desktop.services.context import Actor
    from btxh_desktop.ui.context import UiContext

log = logging.getLogger(__name__)
# lupdate finds `translate("Context", "literal")` calls in module-level functions.
translate = QCoreApplication.translate

MIN_COLUMN = 40  # pixels
MAX_MONEY = 2_000_000_000  # a QSpinBox holds a 32-bit int; no single payment comes near


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("page_title")
    return label


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto a new line when the row is full, so a bar of
    buttons stays whole at large text sizes instead of clipping its labels."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, stretch_last: bool = False
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        # A search box at the end of a bar takes the rest of its line.
        self._stretch_last = stretch_last
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        shown = [item for item in self._items if not item.isEmpty()]
        lines: list[list[QLayoutItem]] = [[]]
        x = area.x()
        for item in shown:
            width = item.sizeHint().width()
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append(item)
            x += width + self._spacing
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for item in line), default=0)
            x = area.x()
            for item in line:
                hint = item.sizeHint()
                if move:
                    size = QSize(hint)
                    if self._stretch_last and item is shown[-1]:
                        size.setWidth(max(hint.width(), area.right() + 1 - x))
                    # Items of one line share its middle, so a label sits level with buttons.
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing) - rect.y() + margins.bottom()


def configure_table(view: QTableView, stretch_column: int | None = None) -> None:
    """A read-only list: whole rows selected, sortable; the slack goes to `stretch_column`
    (free text such as a note) or else to the last column."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_column is None)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(MIN_COLUMN)
    if header.findChild(TitleRoom) is None:
        TitleRoom(header)


class TitleRoom(QObject):
    """Widens a column narrower than its title: Qt's default width cuts longer titles
    ("Chủ hộ / người nhận") in an empty table, and at a larger text size in any table.
    Runs when the columns, their titles or the text size change; a column the user made
    narrower since stays so until then, and wider columns are never touched."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header
        # After the header has re-measured itself for the new font or style sheet.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        header.installEventFilter(self)
        header.sectionCountChanged.connect(self.timer.start)
        model = header.model()
        if model is not None:
            model.headerDataChanged.connect(self.timer.start)
            model.modelReset.connect(self.timer.start)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.timer.start()
        return False

    def fit(self) -> None:
        header = self.header
        stretched = [MIN_COLUMN]
        for column in range(header.count()):
            title = header.sectionSizeHint(column)  # -1 for a hidden column
            mode = header.sectionResizeMode(column)
            last = header.stretchLastSection() and column == header.count() - 1
            if mode == QHeaderView.ResizeMode.Stretch or last:
                stretched.append(title)
            # A stretched last column falls back to this width when the others leave no room.
            if mode == QHeaderView.ResizeMode.Interactive and header.sectionSize(column) < title:
                header.resizeSection(column, title)
        # Qt has no minimum per column: a stretched one shrinks to the header's minimum when
        # the others fill the table, so that minimum is the widest stretched title.
        header.setMinimumSectionSize(max(stretched))


def fit_columns(view: QTableView, widest: int | None = None, widest_chars: int = 32) -> None:
    """Size columns to their contents (Qt looks at the first thousand rows, not all), none
    wider than `widest` pixels or else about `widest_chars` characters of the current text
    size, so one long name does not push the amounts out of sight; but never narrower than
    the column's title."""
    view.resizeColumnsToContents()
    if widest is None:
        widest = view.fontMetrics().averageCharWidth() * widest_chars
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
            width = min(header.sectionSize(column), widest)
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))


class DateField(QDateEdit):
    """A day, shown dd/MM/yyyy, with a calendar to pick from."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(QDate(1900, 1, 1))
        if value is not None:
            self.set_value(value)

    def value(self) -> dt.date:
        day = self.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def set_value(self, day: dt.date) -> None:
        self.setDate(QDate(day.year, day.month, day.day))


class MonthField(QDateEdit):
    """A calendar month, shown MM/yyyy."""

    def __init__(self, value: Month | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("MM/yyyy")
        self.setMinimumDate(QDate(2000, 1, 1))
        if value is not None:
            self.set_value(value)

    def value(self) -> Month:
        day = self.date()
        return Month(day.year(), day.month())

    def set_value(self, month: Month) -> None:
        self.setDate(QDate(month.year, month.month, 1))


class MoneyField(QSpinBox):
    """Whole đồng with thousands separators in the GUI's locale (1.234.567 ₫)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_MONEY)
        self.setSingleStep(100_000)
        self.setGroupSeparatorShown(True)
        self.setSuffix(" ₫")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)


class KilogramField(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100_000)
        self.setDecimals(1)
        self.setSingleStep(5)
        self.setSuffix(" kg")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def kilograms(self) -> Decimal:
        return Decimal(str(round(self.value(), 1)))


def error_text(error: BaseException) -> str:
    """What to tell the user about a refusal or failure, in the GUI's language."""
    if isinstance(error, ValidationFailed):
        return " ".join(t(code) for code in error.errors.values())
    if isinstance(error, DomainError):
        return t(error.code, **error.params)
    return translate("FormKit", "The work could not be completed: {error}").format(error=error)


_PERMISSION_REASONS: Mapping[Permission, Callable[[], str]] = {
    Permission.RECORD_APPLICATION: lambda: translate(
        "FormKit", "Your account may not record applications."
    ),
    Permission.DECIDE: lambda: translate(
        "FormKit", "Only an approver can make or change decisions."
    ),
    Permission.APPROVE_PAYMENTS: lambda: translate(
        "FormKit", "Only an approver can finalise payment lists and record payments."
    ),
    Permission.MANAGE_FACILITY: lambda: translate(
        "FormKit", "Your account may not change residents' records."
    ),
    Permission.RECORD_EMERGENCY: lambda: translate(
        "FormKit", "Your account may not record emergency assistance."
    ),
    Permission.SETTINGS: lambda: translate(
        "FormKit", "Only an administrator can change this setting."
    ),
}


def permit(
    button: QAbstractButton,
    actor: Actor,
    permission: Permission,
    possible: bool = True,
    why_not: str = "",
) -> None:
    """Enable `button` when the record allows the action and the actor may do it; otherwise
    disable it with a tooltip saying why (the service refuses anyway)."""
    may = allowed(actor, permission)
    button.setEnabled(possible and may)
    if not may:
        reason = _PERMISSION_REASONS.get(permission)
        button.setToolTip(reason() if reason else "")
    else:
        button.setToolTip("" if possible else why_not)


class FormDialog(QDialog):
    """A form that saves through one service call. Subclasses add rows and implement
    `request()`; `saved` carries the service's result."""

    saved = Signal(object)

    def __init__(
        self,
        ui: UiContext,
        title: str,
        submit_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._errors: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._rows: dict[str, QWidget] = {}

        outer = QVBoxLayout(self)
        self._outer = outer
        self.message = error_label()
        outer.addWidget(self.message)
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # A long form scrolls instead of growing past a 768-pixel screen at large text sizes.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll
        outer.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton(submit_text)
        self.submit_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    # ------------------------------------------------------------------ building

    def add_row(self, key: str | None, label: str, field: QWidget | QLayout) -> None:
        """A labelled field, with room beneath it for the reason it was refused."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(field, QLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)
        if key is not None:
            self._errors[key] = error_label()
            column.addWidget(self._errors[key])
            self._fields[key] = field if isinstance(field, QWidget) else box
            self._rows[key] = box
        self.form.addRow(label, box)

    def add_note(self, widget: QWidget) -> None:
        self.form.addRow(widget)

    def error_for(self, key: str) -> QLabel:
        return self._errors[key]

    def set_row_visible(self, key: str, visible: bool) -> None:
        """Show only the fields that apply (an account number only for a bank transfer)."""
        self.form.setRowVisible(self._rows[key], visible)

    def fit_to_screen(self, width: int) -> None:
        """Open wide enough for the form and tall enough for all of it, unless the screen
        is smaller (then the form scrolls)."""
        self.resize(width, self._wanted_height(width))

    def grow_to_fit(self) -> None:
        """After text arrives (a computed amount, its explanation), grow rather than scroll."""
        wanted = self._wanted_height(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _wanted_height(self, width: int) -> int:
        body = self.scroll.widget()
        body_height = body.heightForWidth(width) if body.hasHeightForWidth() else -1
        if body_height < 0:
            body_height = body.sizeHint().height()
        margins = self._outer.contentsMargins()
        wanted = (
            body_height
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 2 * self._outer.spacing()
            + (self.message.sizeHint().height() if self.message.isVisible() else 0)
        )
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 60)
        return max(wanted, 160)

    # ------------------------------------------------------------------ saving

    def request(self) -> Callable[[], object] | None:
        """The service call the fields describe; None (after showing errors) when a field
        cannot even be read."""
        raise NotImplementedError

    def busy_text(self) -> str:
        return self.tr("Saving…")

    def submit(self) -> None:
        self.clear_errors()
        call = self.request()
        if call is None:
            return
        self.submit_button.setEnabled(False)
        self.ui.runner.run(call, self._succeeded, self._failed, label=self.busy_text(), parent=self)

    def _succeeded(self, result: object) -> None:
        self.submit_button.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):
            self.show_errors(error.errors)
        elif isinstance(error, DomainError) and error.field in self._errors:
            assert error.field is not None
            self.show_errors({error.field: error.code}, error.params)
        elif isinstance(error, DomainError):
            self.show_message(t(error.code, **error.params))
        else:
            log.error("saving failed", exc_info=error)
            self.show_message(
                self.tr("Could not save: {error}. Nothing was changed.").format(error=error)
            )

    def show_errors(
        self, errors: Mapping[str, str], params: Mapping[str, object] | None = None
    ) -> None:
        elsewhere = []
        first: QWidget | None = None
        for key, code in errors.items():
            text = t(code, **(params or {}))
            label = self._errors.get(key)
            if label is None:
                elsewhere.append(text)
                continue
            label.setText(text)
            label.show()
            if first is None:
                first = self._fields.get(key)
        summary = self.tr("Not saved yet: correct the fields marked in red.")
        self.show_message(" ".join([summary, *elsewhere]) if first else " ".join(elsewhere))
        if first is not None:
            first.setFocus()
            self.scroll.ensureWidgetVisible(first)

    def show_field_error(self, key: str, text: str) -> None:
        """A refusal found before calling the service (nothing chosen yet)."""
        label = self._errors[key]
        label.setText(text)
        label.show()
        self.show_message(self.tr("Not saved yet: correct the fields marked in red."))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        self.show_message("")


def wrap_rows(table: QTableView) -> None:
    """Rows as tall as their wrapped text, again whenever the columns change width (after
    the header has laid itself out: during its own resize the rows would be measured at the
    old widths)."""
    timer = QTimer(table)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(table.resizeRowsToContents)
    table.horizontalHeader().sectionResized.connect(lambda *_: timer.start())
