"""Cài đặt: language, text size, where the data lives and whether it is healthy; accounts,
backups, the screen lock, the provincial server's certificate and the access log.

Everyone changes their own password and may make a backup. The rest is for administrators:
the other users do not see it (and the services refuse it anyway). Every service call runs on
the task runner; a refusal is said in words next to the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.accounts import UserInfo
from btxh_desktop.services.backup import RestoreResult
from btxh_desktop.services.permissions import Permission, allowed
from btxh_desktop.services.settings import Settings
from btxh_desktop.services.site import HealthReport
from btxh_desktop.storage.backup import BackupInfo, BackupKind
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.audit_log import AuditLogDialog
from btxh_desktop.ui.dialogs.login_kit import role_label
from btxh_desktop.ui.dialogs.recovery import RecoveryKeyDialog
from btxh_desktop.ui.dialogs.restore import RestoreConfirmDialog, when_text
from btxh_desktop.ui.dialogs.users import (
    AddUserDialog,
    ChangePasswordDialog,
    ChangeRoleDialog,
    EnableUserDialog,
    NewRecoveryKeyDialog,
    ResetPasswordDialog,
    role_name,
    user_columns,
)
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.preferences import LANGUAGE_KEY
from btxh_desktop.ui.widgets.form_kit import (
    FlowLayout,
    configure_table,
    error_label,
    error_text,
    fit_columns,
    translate,
)

RECENT_BACKUPS = 30


def kind_name(kind: BackupKind) -> str:
    return {
        BackupKind.AUTO: translate("SettingsPage", "Daily (automatic)"),
        BackupKind.MANUAL: translate("SettingsPage", "Made by hand"),
        BackupKind.PRE_MIGRATE: translate("SettingsPage", "Before an update"),
        BackupKind.PRE_RESTORE: translate("SettingsPage", "Before a restore"),
        BackupKind.DAMAGED: translate("SettingsPage", "Damaged file (kept for inspection)"),
    }[kind]


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{i18n.number(max(1, round(size / 1024)))} KB"
    return f"{i18n.number(round(size / (1024 * 1024), 1))} MB"


def backup_columns() -> list[Column[BackupInfo]]:
    return [
        Column(
            translate("SettingsPage", "Made on"),
            lambda b: when_text(b.created_at),
            sort=lambda b: b.created_at.isoformat(),
        ),
        Column(translate("SettingsPage", "Kind"), lambda b: kind_name(b.kind)),
        Column(
            translate("SettingsPage", "Size"),
            lambda b: size_text(b.size_bytes),
            sort=lambda b: b.size_bytes,
            numeric=True,
        ),
        Column(translate("SettingsPage", "File"), lambda b: b.name),
    ]


def _scrolling(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    return area


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SettingsPage(Page):
    #: After a restore the program closes its window and services and opens again.
    restart_requested = Signal()
    #: The screen-lock period was changed (minutes).
    idle_minutes_changed = Signal(int)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.actor = ui.services.ctx.actor
        self.dialog: QWidget | None = None  # the last dialog opened from here (tests use it)
        self.restore_progress: QProgressDialog | None = None
        self.users_model: RowsModel[UserInfo] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        heading = QLabel(self.title())
        heading.setObjectName("page_title")
        layout.addWidget(heading)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(_scrolling(self._general_tab()), self.tr("General"))
        self.tabs.addTab(_scrolling(self._accounts_tab()), self.tr("Accounts"))
        self.tabs.addTab(_scrolling(self._backups_tab()), self.tr("Backups"))
        self.security_tab: QWidget | None = None
        if allowed(self.actor, Permission.SETTINGS) or allowed(self.actor, Permission.VIEW_AUDIT):
            self.security_tab = _scrolling(self._security_tab())
            self.tabs.addTab(self.security_tab, self.tr("Security"))

    def title(self) -> str:
        return self.tr("Settings")

    def show_tab(self, widget: QWidget) -> None:
        """Bring the tab holding `widget` to the front."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is widget or page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                return

    # ------------------------------------------------------------------ General

    def _general_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        appearance = QGroupBox(self.tr("Display"))
        form = QFormLayout(appearance)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(self.tr("Language"), self.language)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        form.addRow("", self.language_note)
        layout.addWidget(appearance)

        data = QGroupBox(self.tr("Data"))
        data_form = QFormLayout(data)
        paths = self.ui.services.ctx.paths
        self.folder = QLabel(str(paths.data_dir))
        self.folder.setWordWrap(True)
        data_form.addRow(self.tr("Data folder"), self.folder)
        self.health = QLabel(self.tr("Not checked yet"))
        self.health.setWordWrap(True)
        check_row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check the database"))
        self.check_button.clicked.connect(self.run_check)
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        data_form.addRow(self.tr("Health"), self.health)
        data_form.addRow("", check_row)
        layout.addWidget(data)
        layout.addStretch(1)
        return tab

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        self.ui.settings.setValue(LANGUAGE_KEY, code)
        self.language_note.setText(
            self.tr("The new language applies the next time the program starts.")
            if code != i18n.language()
            else ""
        )

    def run_check(self) -> None:
        self.check_button.setEnabled(False)
        self.health.setText(self.tr("Checking…"))
        self.ui.runner.run(
            self.ui.services.site.check,
            self._show_health,
            self._check_failed,
            label=self.tr("Checking the database…"),
            parent=self,
        )

    def _show_health(self, report: HealthReport) -> None:
        self.check_button.setEnabled(True)
        if report.ok:
            self.health.setText(
                self.tr(
                    "Healthy. Schema version {revision}; {pending} changes waiting to sync."
                ).format(revision=report.schema_revision, pending=report.pending_changes)
            )
        else:
            self.health.setText(
                self.tr(
                    "Problem found: {detail}. Restore the latest backup or call support."
                ).format(detail=report.integrity)
            )

    def _check_failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.health.setText(self.tr("The check could not run: {error}").format(error=error))

    # ------------------------------------------------------------------ Accounts

    def _accounts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        mine = QGroupBox(self.tr("My account"))
        mine_layout = QVBoxLayout(mine)
        who = self.actor.full_name or self.actor.username
        self.me_label = _note(
            self.tr("You are logged in as {name} ({username}), role: {role}.").format(
                name=who, username=self.actor.username, role=role_name(self.actor.role)
            )
        )
        mine_layout.addWidget(self.me_label)
        row = QHBoxLayout()
        self.change_password_button = QPushButton(self.tr("Change my password…"))
        self.change_password_button.clicked.connect(self.change_own_password)
        row.addWidget(self.change_password_button)
        row.addStretch(1)
        mine_layout.addLayout(row)
        layout.addWidget(mine)

        self.users_box: QGroupBox | None = None
        self.accounts_message = error_label()
        if allowed(self.actor, Permission.MANAGE_USERS):
            self.users_box = self._users_group()
            layout.addWidget(self.users_box, 1)
        layout.addWidget(self.accounts_message)
        if self.users_box is None:
            layout.addStretch(1)
        return tab

    def _users_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Users on this PC"))
        layout = QVBoxLayout(box)
        self.users_model = RowsModel(user_columns(), lambda u: u.username, self)
        self.users_table = QTableView()
        self.users_table.setModel(self.users_model)
        configure_table(self.users_table)
        self.users_table.setMinimumHeight(200)
        self.users_table.selectionModel().selectionChanged.connect(self._user_selected)
        self.users_table.doubleClicked.connect(lambda _index: self.change_role())
        layout.addWidget(self.users_table, 1)
        bar = QWidget()
        buttons = FlowLayout(bar, spacing=8)
        self.add_user_button = QPushButton(self.tr("Add a user…"))
        self.add_user_button.clicked.connect(self.add_user)
        self.role_button = QPushButton(self.tr("Change the role…"))
        self.role_button.clicked.connect(self.change_role)
        self.reset_button = QPushButton(self.tr("Reset the password…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button = QPushButton(self.tr("Disable the account"))
        self.disable_button.clicked.connect(self.toggle_active)
        self.recovery_button = QPushButton(self.tr("New recovery key…"))
        self.recovery_button.clicked.connect(self.new_recovery_key)
        for button in (
            self.add_user_button,
            self.role_button,
            self.reset_button,
            self.disable_button,
            self.recovery_button,
        ):
            buttons.addWidget(button)
        layout.addWidget(bar)
        layout.addWidget(
            _note(
                self.tr(
                    "A disabled account can no longer log in; its name stays in the access "
                    "log. New users and reset passwords are temporary: the person chooses "
                    "their own at the next login."
                )
            )
        )
        self._user_selected(QItemSelection(), QItemSelection())
        return box

    def selected_user(self) -> UserInfo | None:
        if self.users_model is None:
            return None
        rows = self.users_table.selectionModel().selectedRows()
        return self.users_model.row(rows[0].row()) if rows else None

    def select_user(self, username: str) -> None:
        assert self.users_model is not None
        number = self.users_model.row_number(username)
        if number is not None:
            self.users_table.selectRow(number)

    def _user_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        user = self.selected_user()
        for button in (self.role_button, self.reset_button, self.disable_button):
            button.setEnabled(user is not None)
        if user is None:
            self.disable_button.setText(self.tr("Disable the account"))
            return
        self.reset_button.setEnabled(user.active)
        self.disable_button.setText(
            self.tr("Disable the account") if user.active else self.tr("Enable the account…")
        )
        own = user.username == self.actor.username
        self.disable_button.setEnabled(not own)
        self.disable_button.setToolTip(
            self.tr("You cannot disable your own account.") if own else ""
        )

    def load_users(self) -> None:
        if self.users_model is None:
            return
        self.ui.runner.run(
            self.ui.services.accounts.list_users, self._users_loaded, self._accounts_failed
        )

    def _users_loaded(self, users: list[UserInfo]) -> None:
        assert self.users_model is not None
        chosen = self.selected_user()
        self.users_model.set_rows(users)
        fit_columns(self.users_table)
        if chosen is not None:
            self.select_user(chosen.username)
        self._user_selected(QItemSelection(), QItemSelection())

    def _accounts_failed(self, error: BaseException) -> None:
        self._say(self.accounts_message, error_text(error), "error")

    def _say(self, label: QLabel, text: str, role: str = "notice") -> None:
        role_label(label, role)
        label.setText(text)
        label.setVisible(bool(text))

    def _open(self, dialog: QWidget, done: Callable[[object], None]) -> None:
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(done)
        self.dialog = dialog
        dialog.open()

    def add_user(self) -> None:
        dialog = AddUserDialog(self.ui, self)
        self._open(
            dialog,
            lambda user: self._account_changed(
                self.tr("Added {username}. Give them the temporary password.").format(
                    username=getattr(user, "username", "")
                )
            ),
        )

    def change_role(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        self._open(
            ChangeRoleDialog(self.ui, user, self),
            lambda _info: self._account_changed(
                self.tr("Changed the role of {username}.").format(username=user.username)
            ),
        )

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        self._open(
            ResetPasswordDialog(self.ui, user, self),
            lambda _none: self._account_changed(
                self.tr("Set a temporary password for {username}.").format(username=user.username)
            ),
        )

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        if not user.active:
            self._open(
                EnableUserDialog(self.ui, user, self),
                lambda _info: self._account_changed(
                    self.tr("Enabled {username} with a temporary password.").format(
                        username=user.username
                    )
                ),
            )
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Disable the account"),
            self.tr(
                "Disable {username}? They will no longer be able to log in on this PC. "
                "Their records and their entries in the access log stay."
            ).format(username=user.username),
            parent=self,
        )
        yes = box.addButton(self.tr("Disable"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(
            lambda _result: self._disable(user) if box.clickedButton() is yes else None
        )
        self.dialog = box
        box.open()

    def _disable(self, user: UserInfo) -> None:
        accounts = self.ui.services.accounts
        self.ui.runner.run(
            lambda: accounts.disable_user(user.username),
            lambda _info: self._account_changed(
                self.tr("Disabled {username}.").format(username=user.username)
            ),
            self._accounts_failed,
        )

    def new_recovery_key(self) -> None:
        self._open(NewRecoveryKeyDialog(self.ui, self), self._show_recovery_key)

    def _show_recovery_key(self, key: object) -> None:
        dialog = RecoveryKeyDialog(
            str(key),
            self.actor.username,
            str(self.ui.services.ctx.paths.data_dir),
            self,
            renewed=True,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def change_own_password(self, notice: str = "") -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.ui, notice, self)
        self._open(
            dialog,
            lambda _none: self._say(
                self.accounts_message, self.tr("Your password has been changed.")
            ),
        )
        return dialog

    def _account_changed(self, text: str) -> None:
        self._say(self.accounts_message, text)
        self.load_users()

    # ------------------------------------------------------------------ Backups

    def _backups_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        box = QGroupBox(self.tr("Backups"))
        inner = QVBoxLayout(box)
        inner.addWidget(
            _note(
                self.tr(
                    "A backup is made every day at the first login, and before every update "
                    "and restore. Backups are encrypted like the data. They are on the same "
                    "disk as the data: copy the backups folder to a USB stick regularly."
                )
            )
        )
        self.backups_model: RowsModel[BackupInfo] = RowsModel(
            backup_columns(), lambda b: b.name, self
        )
        self.backups_table = QTableView()
        self.backups_table.setModel(self.backups_model)
        configure_table(self.backups_table)
        self.backups_table.setMinimumHeight(220)
        self.backups_table.selectionModel().selectionChanged.connect(self._backup_selected)
        inner.addWidget(self.backups_table, 1)
        bar = QWidget()
        buttons = FlowLayout(bar, spacing=8)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.backup_now)
        self.backup_button.setEnabled(allowed(self.actor, Permission.BACKUP))
        self.restore_selected_button = QPushButton(self.tr("Restore the selected backup…"))
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"))
        self.restore_file_button.clicked.connect(self.choose_backup_file)
        buttons.addWidget(self.backup_button)
        may_restore = allowed(self.actor, Permission.RESTORE)
        for button in (self.restore_selected_button, self.restore_file_button):
            button.setVisible(may_restore)
            buttons.addWidget(button)
        inner.addWidget(bar)
        self.backups_message = error_label()
        inner.addWidget(self.backups_message)
        layout.addWidget(box, 1)
        self._backup_selected(QItemSelection(), QItemSelection())
        return tab

    def selected_backup(self) -> BackupInfo | None:
        rows = self.backups_table.selectionModel().selectedRows()
        return self.backups_model.row(rows[0].row()) if rows else None

    def _backup_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected_backup()
        self.restore_selected_button.setEnabled(
            chosen is not None
            and chosen.kind.restorable
            and allowed(self.actor, Permission.RESTORE)
        )

    def load_backups(self) -> None:
        if not allowed(self.actor, Permission.BACKUP):
            return
        self.ui.runner.run(
            self.ui.services.backup.list_backups, self._backups_loaded, self._backups_failed
        )

    def _backups_loaded(self, backups: list[BackupInfo]) -> None:
        self.backups_model.set_rows(backups[:RECENT_BACKUPS])
        fit_columns(self.backups_table)
        self._backup_selected(QItemSelection(), QItemSelection())

    def _backups_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(allowed(self.actor, Permission.BACKUP))
        self._say(self.backups_message, error_text(error), "error")

    def backup_now(self) -> None:
        self.backup_button.setEnabled(False)
        self._say(self.backups_message, self.tr("Making a backup…"))
        self.ui.runner.run(
            self.ui.services.backup.backup_now,
            self._backed_up,
            self._backups_failed,
            label=self.tr("Making a backup…"),
            parent=self,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        self.backup_button.setEnabled(True)
        self._say(
            self.backups_message,
            self.tr("Backup made and checked: {name}.").format(name=info.name),
        )
        self.load_backups()

    def restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is not None:
            self.confirm_restore(chosen)

    def choose_backup_file(self) -> QFileDialog:
        dialog = QFileDialog(
            self,
            self.tr("Choose a backup"),
            str(self.ui.services.ctx.paths.backups),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Backups (*.db)"))
        dialog.fileSelected.connect(lambda name: self.confirm_restore(Path(name)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def confirm_restore(self, backup: BackupInfo | Path) -> RestoreConfirmDialog:
        path = backup.path if isinstance(backup, BackupInfo) else backup
        dialog = RestoreConfirmDialog(backup, self)
        dialog.accepted.connect(lambda: self.start_restore(path))
        self.dialog = dialog
        dialog.open()
        return dialog

    def start_restore(self, path: Path) -> None:
        """Restore on the database worker with nothing else queued, while a modal notice
        keeps anyone from starting more work; then the program closes and opens again."""
        progress = QProgressDialog(
            self.tr("Restoring the backup… Do not switch off the PC."), "", 0, 0, self.window()
        )
        progress.setCancelButton(None)
        progress.setWindowTitle(self.tr("Restore a backup"))
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(0)
        progress.show()
        self.restore_progress = progress
        backup = self.ui.services.backup

        def when_idle() -> None:
            if not self.ui.runner.idle():
                QTimer.singleShot(50, when_idle)
                return
            self.ui.runner.run(lambda: backup.restore(path), self._restored, self._restore_failed)

        when_idle()

    def _close_progress(self) -> None:
        if self.restore_progress is not None:
            self.restore_progress.reset()
            self.restore_progress.hide()
            self.restore_progress.deleteLater()
            self.restore_progress = None

    def _restored(self, result: RestoreResult) -> None:
        self._close_progress()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Restore a backup"),
            self.tr(
                "The data was restored from {name}. The data as it was is kept in {safety}.\n\n"
                "The program will now close and open again: log in again."
            ).format(name=result.restored_from.name, safety=result.safety_copy.name),
            parent=self,
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _result: self.restart_requested.emit())
        self.dialog = box
        box.open()

    def _restore_failed(self, error: BaseException) -> None:
        self._close_progress()
        self._say(
            self.backups_message,
            self.tr("Nothing was restored: {reason}").format(reason=error_text(error)),
            "error",
        )

    # ------------------------------------------------------------------ Security

    def _security_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.security_message = error_label()
        if allowed(self.actor, Permission.SETTINGS):
            box = QGroupBox(self.tr("Screen lock and provincial server"))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self.idle_minutes = QSpinBox()
            self.idle_minutes.setRange(1, 240)
            self.idle_minutes.setValue(Settings().idle_lock_minutes)
            self.idle_minutes.setSuffix(self.tr(" minutes"))
            self.idle_minutes.setMinimumWidth(140)
            minutes_row = QHBoxLayout()
            minutes_row.addWidget(self.idle_minutes)
            minutes_row.addStretch(1)
            form.addRow(self.tr("Lock after"), minutes_row)
            form.addRow(
                "",
                _note(
                    self.tr(
                        "The program locks itself after this long without use; the same "
                        "user's password unlocks it, and open forms are kept."
                    )
                ),
            )
            self.ca_bundle = QLineEdit()
            self.ca_bundle.setReadOnly(True)
            self.ca_bundle.setPlaceholderText(self.tr("None: only public authorities"))
            ca_row = QHBoxLayout()
            ca_row.addWidget(self.ca_bundle, 1)
            self.ca_choose_button = QPushButton(self.tr("Choose…"))
            self.ca_choose_button.clicked.connect(self.choose_ca_bundle)
            self.ca_clear_button = QPushButton(self.tr("Remove"))
            self.ca_clear_button.clicked.connect(self.ca_bundle.clear)
            ca_row.addWidget(self.ca_choose_button)
            ca_row.addWidget(self.ca_clear_button)
            form.addRow(self.tr("Server certificate"), ca_row)
            form.addRow(
                "",
                _note(
                    self.tr(
                        "Only if the province's sync server uses its own certificate "
                        "authority: choose the PEM file the province gave you. Certificates "
                        "are always checked."
                    )
                ),
            )
            save_row = QHBoxLayout()
            self.save_settings_button = QPushButton(self.tr("Save these settings"))
            self.save_settings_button.clicked.connect(self.save_settings)
            save_row.addWidget(self.save_settings_button)
            save_row.addStretch(1)
            form.addRow("", save_row)
            layout.addWidget(box)
        if allowed(self.actor, Permission.VIEW_AUDIT):
            log_box = QGroupBox(self.tr("Access log"))
            log_layout = QVBoxLayout(log_box)
            log_layout.addWidget(
                _note(
                    self.tr(
                        "Who created, changed, viewed, exported or deleted what, and when; "
                        "logins, backups and restores. The log cannot be edited: the "
                        "integrity check shows whether anyone tried."
                    )
                )
            )
            row = QHBoxLayout()
            self.audit_button = QPushButton(self.tr("Open the access log…"))
            self.audit_button.clicked.connect(self.open_audit_log)
            row.addWidget(self.audit_button)
            row.addStretch(1)
            log_layout.addLayout(row)
            layout.addWidget(log_box)
        layout.addWidget(self.security_message)
        layout.addStretch(1)
        return tab

    def load_settings(self) -> None:
        if not allowed(self.actor, Permission.SETTINGS):
            return
        self.ui.runner.run(
            self.ui.services.settings.get, self._settings_loaded, self._settings_failed
        )

    def _settings_loaded(self, settings: Settings) -> None:
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.ca_bundle.setText(settings.ca_bundle or "")

    def _settings_failed(self, error: BaseException) -> None:
        if allowed(self.actor, Permission.SETTINGS):
            self.save_settings_button.setEnabled(True)
        self._say(self.security_message, error_text(error), "error")

    def choose_ca_bundle(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the province's certificate (PEM)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        dialog.fileSelected.connect(self.ca_bundle.setText)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save_settings(self) -> None:
        minutes, bundle = self.idle_minutes.value(), self.ca_bundle.text().strip() or None
        self.save_settings_button.setEnabled(False)
        settings = self.ui.services.settings
        self.ui.runner.run(
            lambda: settings.update(idle_lock_minutes=minutes, ca_bundle=bundle),
            self._settings_saved,
            self._settings_failed,
        )

    def _settings_saved(self, settings: Settings) -> None:
        self.save_settings_button.setEnabled(True)
        self._settings_loaded(settings)
        self._say(self.security_message, self.tr("Settings saved."))
        self.idle_minutes_changed.emit(settings.idle_lock_minutes)

    def open_audit_log(self) -> AuditLogDialog:
        dialog = AuditLogDialog(self.ui, self)
        self.dialog = dialog
        dialog.show()
        return dialog

    # ------------------------------------------------------------------ refreshing

    def refresh(self) -> None:
        """Accounts, backups and settings are not records: reloaded each time the page shows."""
        self.load_users()
        self.load_backups()
        self.load_settings()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._stale = True
