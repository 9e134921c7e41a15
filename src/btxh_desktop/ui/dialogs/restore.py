"""Putting data back: a damaged file at start, a lost key file, and a restore chosen by the
administrator from Cài đặt → Sao lưu.

Every restore keeps what it replaces (a damaged copy or a pre-restore backup), so it can be
undone; the dialogs say so, because people hesitate to press a button that sounds final.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.gate import Gate, Unlocked
from btxh_desktop.services.permissions import PermissionDenied
from btxh_desktop.storage.backup import BackupInfo
from btxh_desktop.ui.dialogs.login_kit import (
    fit_to_contents,
    login_error_text,
    monospace,
    role_label,
)
from btxh_desktop.ui.tasks import TaskRunner
from btxh_desktop.ui.widgets.form_kit import error_label, heading

if TYPE_CHECKING:  # the backup service loads after the login dialog shows
    from btxh_desktop.services.backup import StartupCheck


def when_text(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M")


class DamagedDatabaseDialog(QDialog):
    """At start, the data file failed its check: offer the newest backup that passes."""

    restored = Signal()

    def __init__(
        self,
        gate: Gate,
        runner: TaskRunner,
        unlocked: Unlocked,
        check: StartupCheck,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gate = gate
        self.runner = runner
        self.unlocked = unlocked
        self.backup = check.latest_good
        self.setWindowTitle(self.tr("The data file is damaged"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The data file is damaged")))
        explain = QLabel(
            self.tr(
                "The check at start found damage in the data file (after a power cut or a "
                "failing disk, for example). Working on it could make things worse."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.restore_button = QPushButton()
        self.recovery_key = QLineEdit()
        self.recovery_button = QPushButton(self.tr("Restore with the recovery key"))
        if self.backup is not None:
            offer = QLabel(
                self.tr(
                    "The latest good backup was made on {when}. Restoring it puts the data "
                    "back as it was then: what was entered after that must be entered again. "
                    "The damaged file is kept in the backups folder."
                ).format(when=when_text(self.backup.created_at))
            )
            self.restore_button.setText(
                self.tr("Restore the backup of {when}").format(
                    when=when_text(self.backup.created_at)
                )
            )
        else:
            offer = QLabel(
                self.tr(
                    "There is no good backup on this PC. Do not use the program: call your "
                    "administrator or IT support, and bring any backup copied to a USB stick."
                )
            )
            self.restore_button.hide()
        offer.setWordWrap(True)
        layout.addWidget(offer)
        self.message = error_label()
        layout.addWidget(self.message)

        self.recovery_box = QWidget()
        recovery = QFormLayout(self.recovery_box)
        recovery.setContentsMargins(0, 0, 0, 0)
        monospace(self.recovery_key, 1)
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        recovery.addRow(self.tr("Recovery key"), self.recovery_key)
        recovery.addRow("", self.recovery_button)
        self.recovery_box.hide()
        layout.addWidget(self.recovery_box)
        layout.addStretch(1)

        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.quit_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore)
        self.recovery_button.clicked.connect(self.restore_with_recovery_key)
        fit_to_contents(self, 660, slack_lines=3)

    def _busy(self, busy: bool) -> None:
        for button in (self.restore_button, self.recovery_button, self.quit_button):
            button.setEnabled(not busy)
        if busy:
            role_label(self.message, "notice")
            self.message.setText(self.tr("Restoring… this can take a minute."))
            self.message.show()

    def restore(self) -> None:
        if self.backup is None:
            return
        path, unlocked = self.backup.path, self.unlocked
        self._busy(True)
        self.runner.run(lambda: self.gate.restore_damaged(unlocked, path), self._done, self._failed)

    def restore_with_recovery_key(self) -> None:
        if self.backup is None:
            return
        path, typed = self.backup.path, self.recovery_key.text()

        def work() -> Path:
            return self.gate.restore_damaged(self.gate.unlock_with_recovery_key(typed), path)

        self._busy(True)
        self.runner.run(work, self._done, self._failed)

    def _done(self, _kept: Path) -> None:
        self._busy(False)
        self.restored.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        role_label(self.message, "error")
        if isinstance(error, PermissionDenied):
            self.message.setText(
                self.tr(
                    "Only an administrator (as recorded in that backup) or the holder of the "
                    "recovery key can restore. Ask the administrator to log in on this PC, "
                    "or type the recovery key below."
                )
            )
            self.recovery_box.show()
            self.recovery_key.setFocus()
        else:
            self.message.setText(login_error_text(error))
        self.message.show()


class KeysMissingDialog(QDialog):
    """The data is encrypted and its key file (and every copy the program knows of) is gone."""

    installed = Signal()

    def __init__(self, gate: Gate, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.runner = runner
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("The key file is missing"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The key file is missing")))
        explain = QLabel(
            self.tr(
                "The data on this PC is encrypted. The small file that lets the passwords open "
                "it (btxh.db.keys) is missing from the data folder, and so are its copies in "
                "the backups folder.\n\n"
                "Every backup copied elsewhere (a USB stick, another disk) has its own key "
                "file next to it, named like the backup and ending in .keys. Choose one of "
                "those: the passwords that were valid when that backup was made will work."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.folder = QLabel(self.tr("Data folder: {folder}").format(folder=gate.paths.data_dir))
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder)
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.choose_button = QPushButton(self.tr("Choose a key file…"))
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.choose_file)
        row.addWidget(self.quit_button)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        fit_to_contents(self, 660, slack_lines=2)

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the key file of a backup"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Key files (*.keys)"))
        dialog.fileSelected.connect(lambda name: self.install(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def install(self, path: Path) -> None:
        self.choose_button.setEnabled(False)
        self.runner.run(lambda: self.gate.install_key_file(path), self._done, self._failed)

    def _done(self, _none: object) -> None:
        self.installed.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.choose_button.setEnabled(True)
        role_label(self.message, "error")
        self.message.setText(login_error_text(error))
        self.message.show()


class RestoreConfirmDialog(QDialog):
    """Before an administrator replaces the data with a backup: what will happen, plainly."""

    def __init__(self, backup: BackupInfo | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = backup.path if isinstance(backup, BackupInfo) else backup
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Replace the current data?")))
        if isinstance(backup, BackupInfo):
            which = self.tr("the backup of {when} ({name})").format(
                when=when_text(backup.created_at), name=backup.name
            )
        else:
            which = self.tr("the file {name}").format(name=path.name)
        text = QLabel(
            self.tr(
                "All the data on this PC will be replaced by {which}. Whatever was entered "
                "after it was made will no longer be there.\n\n"
                "A safety copy of the current data is kept in the backups folder first, so "
                "this can be undone by restoring that copy.\n\n"
                "Afterwards the program closes and opens again, and everyone logs in again."
            ).format(which=which)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.restore_button = QPushButton(self.tr("Replace the data with this backup"))
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.accept)
        row.addWidget(self.cancel_button)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        fit_to_contents(self, 620)
