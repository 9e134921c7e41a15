"""First run: create the administrator (which also encrypts the data).

`FirstAdminPage` is a plain widget so that the set-up wizard can embed it as one of its
steps; `FirstAdminDialog` shows it on its own. Either way `created` carries the
`FirstAdmin` (the open services and the recovery key, to be shown once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.errors import DomainError
from btxh_desktop.services.clock import system_today
from btxh_desktop.services.gate import FirstAdmin, Gate
from btxh_desktop.ui.dialogs.login_kit import NewPassword, role_label
from btxh_desktop.ui.i18n import t
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.widgets.form_kit import error_label, error_text, heading

DEFAULT_ADMIN_NAME = "quantri"


class FirstAdminPage(QWidget):
    created = Signal(object)  # FirstAdmin

    def __init__(
        self,
        gate: Gate,
        runner: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = system_today,
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self.runner = runner
        self.today = today
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Create the administrator")))
        intro = QLabel(
            self.tr(
                "This is the first time the program runs on this PC. Create the administrator's "
                "account: the administrator adds the other users and can restore backups. "
                "The data on this PC will be encrypted with a key that only the users' "
                "passwords (and a recovery key, shown next) can open."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit(DEFAULT_ADMIN_NAME)
        self.username.setMaxLength(32)
        self.username_error = error_label()
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.full_name.setPlaceholderText(self.tr("e.g. Nguyễn Thị Thu"))
        self.password = NewPassword(self.username.text, self)
        self.password_error = error_label()
        self.again_error = error_label()
        form.addRow(self.tr("User name"), _stack(self.username, self.username_error))
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(
            self.tr("Password"),
            _stack(self.password.first, self.password.hint, self.password_error),
        )
        form.addRow(self.tr("Password again"), _stack(self.password.again, self.again_error))
        form.addRow("", self.password.show_box)
        layout.addLayout(form)

        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        # A wizard or dialog around the page adds its own buttons to this row.
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.create_button = QPushButton(self.tr("Create the administrator"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.buttons.addWidget(self.create_button)
        layout.addLayout(self.buttons)
        for edit in (self.username, self.full_name, self.password.first, self.password.again):
            edit.returnPressed.connect(self.submit)

    def clear_errors(self) -> None:
        for label in (self.username_error, self.password_error, self.again_error, self.message):
            label.clear()
            label.hide()

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    def submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        self.clear_errors()
        problem = self.password.problem()
        if problem is not None:
            which, text = problem
            self._show(self.password_error if which == "first" else self.again_error, text)
            (self.password.first if which == "first" else self.password.again).setFocus()
            return
        username, full_name = self.username.text(), self.full_name.text()
        password = self.password.value()
        self.create_button.setEnabled(False)
        role_label(self.message, "notice")
        self._show(self.message, self.tr("Creating the account and encrypting the data…"))
        self.runner.run(
            lambda: self.gate.create_first_admin(username, full_name, password, today=self.today),
            self._created,
            self._failed,
            label=self.tr("Encrypting the data…"),
            parent=self,
        )

    def _created(self, first: FirstAdmin) -> None:
        self.message.hide()
        self.created.emit(first)

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        role_label(self.message, "error")
        self.message.hide()
        if isinstance(error, DomainError) and error.field == "username":
            self._show(self.username_error, t(error.code, **error.params))
            self.username.setFocus()
        elif isinstance(error, DomainError) and error.field == "password":
            self._show(self.password_error, t(error.code, **error.params))
            self.password.first.setFocus()
        else:
            self._show(self.message, error_text(error))


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    for widget in widgets:
        column.addWidget(widget)
    return box
