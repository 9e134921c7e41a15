"""Đồng bộ: the connection to the province's server, the state of sync told honestly, and
what needs a person — conflicts to settle, changes the server refused — and the history.

"Đã đồng bộ" appears only when `SyncStatus.synced` says so (nothing waits, the last pull
completed). Every network call (sign-in, connection check, the run itself) goes through the
task runner's network thread; reading and writing the local database through its database
thread. A choice made here (a conflict settled, a refused change sent again) is queued like
any edit and goes out with a sync started at once when the PC is signed in.

A commune with no link syncs by USB instead ("Đồng bộ bằng USB"): the account's bundle code
is typed in once, "Xuất gói đồng bộ…" writes what waits to a file for someone to carry where
there is a link, and "Nhập gói trả lời…" takes the answer in, as a sync would
(`services.bundle`). Both run on the database thread; the folder's sync lock keeps them and
an online run apart.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.bundle import BundleService, ExportSummary, ImportSummary
from btxh_desktop.services.permissions import Permission, allowed
from btxh_desktop.services.sync import (
    ConflictView,
    RejectedOp,
    SyncRunView,
    SyncSettings,
    SyncStatus,
)
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.sync.engine import Progress
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.sync_dialogs import (
    BundleKeyDialog,
    ResolveValueDialog,
    ServerLoginDialog,
    entity_label,
    field_label,
    fields_text,
    value_text,
)
from btxh_desktop.ui.models.rows_model import WARNING_BACKGROUND, Column, RowsModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.sync_runner import (
    RunOutcome,
    SyncController,
    error_text,
    progress_text,
    when_text,
)
from btxh_desktop.ui.widgets.form_kit import (
    FlowLayout,
    configure_table,
    error_label,
    heading,
    wrap_rows,
)

log = logging.getLogger(__name__)

HISTORY_LIMIT = 50
BUNDLE_SUFFIX = ".btxhb"
BUNDLE_FOLDER_KEY = "sync/bundle_folder"


@dataclass(frozen=True)
class SyncSnapshot:
    settings: SyncSettings
    status: SyncStatus
    conflicts: list[ConflictView]
    rejected: list[RejectedOp]
    history: list[SyncRunView]
    device_id: str | None
    site_code: str | None
    keyed_account: str | None  # the account whose bundle code this PC holds


class SyncPage(Page):
    entities = frozenset({"sync_conflict"})

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        # Owned by the page, so a pending arrangement dies with it.
        self.arrange_timer = QTimer(self)
        self.arrange_timer.setSingleShot(True)
        self.arrange_timer.setInterval(0)
        self.snapshot: SyncSnapshot | None = None
        self.confirm_box: QMessageBox | None = None
        self.login_dialog: ServerLoginDialog | None = None
        self.resolve_dialog: ResolveValueDialog | None = None
        self.details_box: QMessageBox | None = None
        self.key_dialog: BundleKeyDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.controller = SyncController(ui, self)
        self.controller.progress_changed.connect(self._show_progress)
        self.controller.run_started.connect(self._run_started)
        self.controller.run_finished.connect(self._run_finished)
        self.controller.status_changed.connect(self._show_status)

        # At large text sizes the page is taller than the window: it scrolls rather than
        # squeezing its lines on top of each other.
        body = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading(self.title()))
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.connection_box = self._build_connection()
        self.state_box = self._build_state()
        self.top.addWidget(self.connection_box, 5)
        self.top.addWidget(self.state_box, 6)
        layout.addLayout(self.top)
        self.arrange_timer.timeout.connect(self._arrange_top)
        layout.addWidget(self._build_bundle())
        self.message = error_label()
        self.message.setObjectName("sync_message")
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_conflicts(), "")
        self.tabs.addTab(self._build_rejected(), "")
        self.tabs.addTab(self._build_history(), self.tr("Sync history"))
        layout.addWidget(self.tabs, 1)
        self._set_tab_titles(0, 0)
        self._show_idle()

    def title(self) -> str:
        return self.tr("Sync")

    # ------------------------------------------------------------------ building

    def _build_connection(self) -> QGroupBox:
        box = QGroupBox(self.tr("Server"))
        column = QVBoxLayout(box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("https://btxh.tinh.gov.vn")
        self.username = QLineEdit()
        self.interval = QSpinBox()
        self.interval.setRange(1, 7 * 24 * 60)
        self.interval.setSuffix(self.tr(" minutes"))
        self.interval.setValue(15)
        self.login_state = QLabel()
        self.login_state.setObjectName("login_state")
        self.login_state.setWordWrap(True)
        form.addRow(self.tr("Server address"), self.server_url)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Sync automatically every"), self.interval)
        form.addRow(self.tr("Account"), self.login_state)
        column.addLayout(form)
        buttons = FlowLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.login_button = QPushButton(self.tr("Sign in…"))
        self.logout_button = QPushButton(self.tr("Sign out"))
        self.check_button = QPushButton(self.tr("Check the connection"))
        for button in (self.save_button, self.login_button, self.logout_button, self.check_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addStretch(1)
        actor = self.ui.services.ctx.actor
        may_configure = allowed(actor, Permission.SETTINGS)
        for widget in (self.server_url, self.username, self.interval, self.save_button):
            widget.setEnabled(may_configure)
        if not may_configure:
            self.save_button.setToolTip(self.tr("Only an administrator can change these settings."))
        self.save_button.clicked.connect(self.save_settings)
        self.login_button.clicked.connect(self.open_login)
        self.logout_button.clicked.connect(self.logout)
        self.check_button.clicked.connect(self.check_connection)
        return box

    def _build_state(self) -> QGroupBox:
        box = QGroupBox(self.tr("State"))
        column = QVBoxLayout(box)
        self.state_label = QLabel()
        self.state_label.setObjectName("sync_summary_state")
        self.state_label.setWordWrap(True)
        # Bold, at whatever text size is chosen (the colour comes from its role).
        self.state_label.setStyleSheet("font-weight: bold;")
        column.addWidget(self.state_label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.pending_value = QLabel()
        self.last_success_value = QLabel()
        self.conflicts_value = QLabel()
        self.rejected_value = QLabel()
        self.pending_value.setObjectName("pending_count")
        self.last_success_value.setObjectName("last_success")
        rows = (
            (self.tr("Changes waiting to be sent"), self.pending_value),
            (self.tr("Last successful sync"), self.last_success_value),
            (self.tr("Conflicts to settle"), self.conflicts_value),
            (self.tr("Changes refused by the server"), self.rejected_value),
        )
        for number, (text, value) in enumerate(rows):
            grid.addWidget(QLabel(text), number, 0)
            value.setProperty("role", "figure")
            grid.addWidget(value, number, 1)
        grid.setColumnStretch(2, 1)
        column.addLayout(grid)
        actions = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("primary")
        self.stop_button = QPushButton(self.tr("Stop"))
        actions.addWidget(self.sync_button)
        actions.addWidget(self.stop_button)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        actions.addWidget(self.progress, 1)
        column.addLayout(actions)
        self.stage_label = QLabel()
        self.stage_label.setObjectName("sync_stage")
        self.stage_label.setWordWrap(True)
        column.addWidget(self.stage_label)
        column.addStretch(1)
        self.sync_button.clicked.connect(self.sync_now)
        self.stop_button.clicked.connect(self.stop)
        return box

    def _build_bundle(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sync by USB (no network)"))
        box.setObjectName("bundle_box")
        column = QVBoxLayout(box)
        intro = QLabel(
            self.tr(
                "No network here? Export the changes to a USB stick, take it to a place with a "
                "network (the province office, or a PC that can sync), and bring the answer "
                "back to import it here."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        buttons = FlowLayout()
        self.key_button = QPushButton(self.tr("Enter the bundle code…"))
        self.export_button = QPushButton(self.tr("Export a sync bundle…"))
        self.import_button = QPushButton(self.tr("Import the answer…"))
        for button in (self.key_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.key_state = QLabel()
        self.key_state.setObjectName("bundle_key_state")
        self.key_state.setWordWrap(True)
        column.addWidget(self.key_state)
        actor = self.ui.services.ctx.actor
        if not allowed(actor, Permission.SETTINGS):
            self.key_button.setToolTip(self.tr("Only an administrator can enter the bundle code."))
        self.key_button.clicked.connect(self.open_key_dialog)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)
        self._bundle_busy = False
        self._show_bundle_state()
        return box

    def _build_conflicts(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        intro = QLabel(
            self.tr(
                "The same information was changed on two computers. The server kept one value; "
                "choose the right one, or enter the correct value. Information that changes "
                "a payment (highlighted) can only be settled by an approver."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.conflicts = RowsModel(self._conflict_columns(), key=lambda c: c.id, parent=self)
        self.conflicts_table = QTableView()
        self.conflicts_table.setObjectName("conflicts_table")
        self.conflicts_table.setModel(self.conflicts)
        configure_table(self.conflicts_table)
        self.conflicts_table.setSortingEnabled(False)
        self.conflicts_table.setWordWrap(True)
        self.conflicts_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        wrap_rows(self.conflicts_table)
        self.conflicts_table.selectionModel().selectionChanged.connect(self._conflict_selected)
        column.addWidget(self.conflicts_table, 1)
        buttons = FlowLayout()
        self.keep_server_button = QPushButton(self.tr("Use the server's value"))
        self.keep_mine_button = QPushButton(self.tr("Use this PC's value"))
        self.type_value_button = QPushButton(self.tr("Enter another value…"))
        for button in (self.keep_server_button, self.keep_mine_button, self.type_value_button):
            buttons.addWidget(button)
        self.conflict_note = QLabel()
        self.conflict_note.setWordWrap(True)
        buttons.addWidget(self.conflict_note)
        column.addLayout(buttons)
        self.keep_server_button.clicked.connect(lambda: self.resolve_with("server"))
        self.keep_mine_button.clicked.connect(lambda: self.resolve_with("mine"))
        self.type_value_button.clicked.connect(self.open_resolve_dialog)
        return panel

    def _build_rejected(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        intro = QLabel(
            self.tr(
                "The server did not accept these changes. They are kept on this PC and do not "
                "hold back the others. Correct the record if needed, then send it again; or "
                "give the change up and take the server's copy."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.rejected = RowsModel(self._rejected_columns(), key=lambda r: str(r.seq), parent=self)
        self.rejected_table = QTableView()
        self.rejected_table.setObjectName("rejected_table")
        self.rejected_table.setModel(self.rejected)
        configure_table(self.rejected_table)
        self.rejected_table.setSortingEnabled(False)
        self.rejected_table.setWordWrap(True)
        self.rejected_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        wrap_rows(self.rejected_table)
        self.rejected_table.selectionModel().selectionChanged.connect(self._rejected_selected)
        column.addWidget(self.rejected_table, 1)
        self.rejected_reason = QLabel()
        self.rejected_reason.setObjectName("rejected_reason")
        self.rejected_reason.setWordWrap(True)
        column.addWidget(self.rejected_reason)
        buttons = FlowLayout()
        self.edit_record_button = QPushButton(self.tr("Edit the record…"))
        self.resend_button = QPushButton(self.tr("Send again…"))
        self.discard_button = QPushButton(self.tr("Give up the change…"))
        for button in (self.edit_record_button, self.resend_button, self.discard_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.edit_record_button.clicked.connect(self.edit_rejected_record)
        self.resend_button.clicked.connect(self.confirm_resend)
        self.discard_button.clicked.connect(self.confirm_discard)
        return panel

    def _build_history(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        self.history = RowsModel(self._history_columns(), key=lambda r: str(r.id), parent=self)
        self.history_table = QTableView()
        self.history_table.setObjectName("history_table")
        self.history_table.setModel(self.history)
        configure_table(self.history_table)
        self.history_table.setSortingEnabled(False)
        column.addWidget(self.history_table, 1)
        return panel

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_top()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Hidden pages are not restyled: their sizes are right only once shown.
        self.arrange_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # The boxes' own sizes follow the new text size only once their children have
            # been restyled, after this event.
            self.arrange_timer.start()

    def _arrange_top(self) -> None:
        # At large text sizes the server and state boxes do not fit side by side on a laptop
        # screen: they stack instead of cutting their values off at the right edge.
        needed = self.connection_box.sizeHint().width() + self.state_box.sizeHint().width() + 48
        direction = (
            QBoxLayout.Direction.LeftToRight
            if self.width() >= needed
            else QBoxLayout.Direction.TopToBottom
        )
        if self.top.direction() != direction:
            self.top.setDirection(direction)

    # ------------------------------------------------------------------ columns

    def _conflict_columns(self) -> list[Column[ConflictView]]:
        """Both values side by side, each with who made it beneath it."""

        def server_text(c: ConflictView) -> str:
            value = value_text(c.entity, c.field, c.kept_value)
            return f"{value}\n{self._by(c.kept_by)}"

        def mine_text(c: ConflictView) -> str:
            value = value_text(c.entity, c.field, c.proposed_value)
            if not self._is_mine(c):
                value = self.tr("{value} (from another PC)").format(value=value)
            return f"{value}\n{self._by(c.proposed_by)}"

        def payment(c: ConflictView) -> Any:
            return WARNING_BACKGROUND if c.payment_field else None

        def field_text(c: ConflictView) -> str:
            name = field_label(c.entity, c.field)
            return self.tr("{field} (payment)").format(field=name) if c.payment_field else name

        return [
            Column(self.tr("Record"), lambda c: c.record_label),
            Column(self.tr("Information"), field_text, background=payment),
            Column(self.tr("Value on the server"), server_text),
            Column(self.tr("Value on this PC"), mine_text),
            Column(self.tr("Found"), lambda c: when_text(c.created_at)),
            Column(self.tr("State"), self._conflict_state),
        ]

    def _by(self, username: str) -> str:
        return self.tr("changed by {user}").format(user=username or "?")

    def _rejected_columns(self) -> list[Column[RejectedOp]]:
        return [
            Column(self.tr("Record"), lambda r: r.record_label),
            Column(self.tr("Kind"), lambda r: entity_label(r.entity)),
            Column(self.tr("Change"), self._op_text),
            Column(self.tr("Information"), lambda r: fields_text(r.entity, r.fields)),
            Column(self.tr("Made on"), lambda r: when_text(r.created_at)),
            Column(self.tr("Why"), lambda r: i18n.t(r.message_code, **r.detail)),
        ]

    def _history_columns(self) -> list[Column[SyncRunView]]:
        def size(r: SyncRunView) -> str:
            kilobytes = (r.bytes_sent + r.bytes_received + 1023) // 1024
            return f"{i18n.number(kilobytes)} KB"

        def error(r: SyncRunView) -> str:
            return i18n.t(r.error_code, **r.error_params) if r.error_code else ""

        def outcome_colour(r: SyncRunView) -> Any:
            return WARNING_BACKGROUND if r.outcome in ("failed", "interrupted") else None

        return [
            Column(self.tr("Started"), lambda r: when_text(r.started_at)),
            Column(self.tr("How"), self._trigger_text),
            Column(
                self.tr("Result"),
                lambda r: i18n.t(f"sync.outcome.{r.outcome}"),
                background=outcome_colour,
            ),
            Column(self.tr("Sent"), lambda r: i18n.number(r.pushed), numeric=True),
            Column(self.tr("Received"), lambda r: i18n.number(r.pulled), numeric=True),
            Column(self.tr("Conflicts"), lambda r: i18n.number(r.conflicts), numeric=True),
            Column(self.tr("Refused"), lambda r: i18n.number(r.rejected), numeric=True),
            Column(self.tr("Server calls"), lambda r: i18n.number(r.round_trips), numeric=True),
            Column(self.tr("Data"), size, numeric=True),
            Column(self.tr("Problem"), error, tooltip=error),
        ]

    def _conflict_state(self, c: ConflictView) -> str:
        if c.state == "resolving":
            return self.tr("Chosen, being sent")
        return self.tr("To settle")

    def _op_text(self, r: RejectedOp) -> str:
        return {
            "upsert": self.tr("Edit"),
            "delete": self.tr("Deletion"),
            "move": self.tr("Move to another commune"),
            "resolve": self.tr("Conflict choice"),
        }.get(r.op, r.op)

    def _trigger_text(self, r: SyncRunView) -> str:
        return {
            "manual": self.tr("By hand"),
            "scheduled": self.tr("Automatic"),
            "cli": self.tr("Command line"),
            "bundle": self.tr("USB bundle"),
        }.get(r.trigger, r.trigger)

    def _is_mine(self, c: ConflictView) -> bool:
        device = self.snapshot.device_id if self.snapshot else None
        return bool(device) and c.proposed_device == device

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        services = self.ui.services

        def load() -> SyncSnapshot:
            sync = services.sync
            info = services.site.info()
            return SyncSnapshot(
                sync.settings(),
                sync.status(),
                sync.conflicts(),
                sync.rejected(),
                sync.history(HISTORY_LIMIT),
                info.device_id if info else None,
                info.site_code if info else None,
                BundleService(services.ctx, sync).keyed_account(),
            )

        self.ui.runner.run(load, self._loaded, self._failed)

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self.refresh()

    def _loaded(self, snapshot: object) -> None:
        assert isinstance(snapshot, SyncSnapshot)
        # What the person is typing into the connection box stays; otherwise it follows.
        keep_typed = self._settings_edited()
        self.snapshot = snapshot
        if not keep_typed:
            self._show_settings(snapshot.settings)
        self._show_status(snapshot.status)
        self._keep_selection(self.conflicts_table, self.conflicts, snapshot.conflicts)
        self._keep_selection(self.rejected_table, self.rejected, snapshot.rejected)
        self.history.set_rows(snapshot.history)
        self._set_tab_titles(len(snapshot.conflicts), len(snapshot.rejected))
        for table in (self.conflicts_table, self.rejected_table, self.history_table):
            self._fit(table)
        self._conflict_selected()
        self._rejected_selected()
        self._show_bundle_state()

    def _failed(self, error: BaseException) -> None:
        self.show_message(error_text(error), error=True)

    def _keep_selection(self, table: QTableView, model: RowsModel[Any], rows: list[Any]) -> None:
        selected = self._selected_key(table)
        model.set_rows(rows)
        number = model.row_number(selected) if selected is not None else None
        if number is not None:
            table.selectRow(number)
        elif rows:
            table.selectRow(0)

    @staticmethod
    def _selected_key(table: QTableView) -> str | None:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        model = table.model()
        assert isinstance(model, RowsModel)
        return str(model.data(rows[0], Qt.ItemDataRole.UserRole))

    def _fit(self, table: QTableView) -> None:
        """Columns as wide as their contents, up to about 40 characters (the last one takes
        the rest and wraps), rows as tall as their wrapped text."""
        header = table.horizontalHeader()
        table.resizeColumnsToContents()
        widest = table.fontMetrics().averageCharWidth() * 40
        last = header.count() - 1
        for column in range(last):
            header.resizeSection(column, min(header.sectionSize(column), widest))
        # The last column takes the rest (Qt stretches it on the next resize only).
        rest = sum(header.sectionSize(column) for column in range(last))
        header.resizeSection(last, max(header.sectionSize(last), table.viewport().width() - rest))
        table.resizeRowsToContents()

    def _set_tab_titles(self, conflicts: int, rejected: int) -> None:
        self.tabs.setTabText(0, self.tr("Conflicts ({count})").format(count=conflicts))
        self.tabs.setTabText(1, self.tr("Refused changes ({count})").format(count=rejected))

    # ------------------------------------------------------------------ settings and sign-in

    def _settings_edited(self) -> bool:
        if self.snapshot is None:
            return False
        shown = self.snapshot.settings
        return (
            self.server_url.text().strip() != (shown.server_url or "")
            or self.username.text().strip() != (shown.username or "")
            or self.interval.value() != shown.interval_minutes
        )

    def _show_settings(self, settings: SyncSettings) -> None:
        self.server_url.setText(settings.server_url or "")
        self.username.setText(settings.username or "")
        self.interval.setValue(settings.interval_minutes)

    def save_settings(self) -> None:
        self._save_settings(None)

    def _save_settings(self, then: Callable[[], None] | None) -> None:
        sync = self.ui.services.sync
        url, user, minutes = (
            self.server_url.text().strip(),
            self.username.text().strip(),
            self.interval.value(),
        )

        def save() -> SyncSettings:
            return sync.configure(server_url=url, username=user, interval_minutes=minutes)

        def saved(settings: object) -> None:
            assert isinstance(settings, SyncSettings)
            if self.snapshot is not None:
                self.snapshot = dataclasses.replace(self.snapshot, settings=settings)
            self._show_settings(settings)
            self.show_message(self.tr("Settings saved."))
            self.refresh()
            if then is not None:
                then()

        self.ui.runner.run(save, saved, self._failed)

    def open_login(self) -> None:
        if self._settings_edited() and allowed(self.ui.services.ctx.actor, Permission.SETTINGS):
            self._save_settings(self._open_login_dialog)
        else:
            self._open_login_dialog()

    def _open_login_dialog(self) -> None:
        settings = self.snapshot.settings if self.snapshot else None
        if settings is None or not settings.configured:
            self.show_message(i18n.t("sync.not_configured"), error=True)
            return
        assert settings.server_url is not None and settings.username is not None
        dialog = ServerLoginDialog(self.ui, settings.server_url, settings.username, self.window())
        dialog.accepted.connect(self._logged_in)
        self.login_dialog = dialog
        dialog.open()

    def _logged_in(self) -> None:
        self.login_dialog = None
        self.show_message(self.tr("Signed in. The first sync starts now."))
        self.refresh()
        self.controller.run_now()

    def logout(self) -> None:
        sync = self.ui.services.sync

        def done(_result: object) -> None:
            self.show_message(self.tr("Signed out of the server. Changes keep waiting on this PC."))
            self.refresh()

        self.ui.runner.run(sync.logout, done, self._failed, network=True)

    def check_connection(self) -> None:
        sync = self.ui.services.sync
        self.check_button.setEnabled(False)
        self.show_message(self.tr("Checking the connection…"))

        def done(reachable: object) -> None:
            self.check_button.setEnabled(True)
            if reachable:
                self.show_message(self.tr("The server answers. The connection works."))
            else:
                self.show_message(
                    self.tr(
                        "Cannot reach the server — check the address and the network. Data "
                        "stays safe on this PC and sync will try again later."
                    ),
                    error=True,
                )

        def failed(error: BaseException) -> None:
            self.check_button.setEnabled(True)
            self._failed(error)

        self.ui.runner.run(lambda: sync.reachable(5.0), done, failed, network=True)

    # ------------------------------------------------------------------ running

    def sync_now(self) -> None:
        self.message.hide()
        self.controller.run_now()

    def stop(self) -> None:
        self.controller.cancel()
        self.stop_button.setEnabled(False)
        self.stage_label.setText(self.tr("Stopping after the current step…"))

    def _run_started(self, trigger: str) -> None:
        self.sync_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()

    def _show_progress(self, progress: Progress) -> None:
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        else:
            self.progress.setRange(0, 0)
        if self.stop_button.isEnabled():
            self.stage_label.setText(progress_text(progress))

    def _run_finished(self, outcome: RunOutcome) -> None:
        self._show_idle()
        if outcome.error is not None:
            self.show_message(error_text(outcome.error), error=True)
        elif outcome.run is not None:
            run = outcome.run
            self.show_message(
                self.tr(
                    "Sync finished: {pushed} changes sent, {pulled} received, {conflicts} "
                    "new conflicts, {rejected} refused."
                ).format(
                    pushed=i18n.number(run.pushed),
                    pulled=i18n.number(run.pulled),
                    conflicts=i18n.number(run.conflicts),
                    rejected=i18n.number(run.rejected),
                )
            )
        self.refresh()

    def _show_idle(self) -> None:
        self.sync_button.setEnabled(allowed(self.ui.services.ctx.actor, Permission.SYNC))
        self.stop_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        self.stage_label.clear()

    def _show_status(self, status: SyncStatus) -> None:
        configured = bool(status.server_url and status.username)
        # A commune that syncs only by USB has no server address, and is set up all the same.
        by_usb = self.snapshot is not None and self.snapshot.keyed_account is not None
        if status.synced:
            state = self.tr("Synced")
            role = "notice"
        elif not configured and not by_usb:
            state = self.tr("Sync is not set up: enter the server address and user name.")
            role = "warning"
        else:
            state = self.tr("Not fully synced")
            role = "warning"
        self.state_label.setText(state)
        self.state_label.setProperty("role", role)
        self.state_label.style().unpolish(self.state_label)
        self.state_label.style().polish(self.state_label)
        self.pending_value.setText(i18n.number(status.pending))
        self.last_success_value.setText(when_text(status.last_success) or self.tr("never"))
        self.conflicts_value.setText(i18n.number(status.open_conflicts))
        self.rejected_value.setText(i18n.number(status.rejected))
        if status.logged_in:
            self.login_state.setText(self.tr("Signed in"))
        elif configured:
            self.login_state.setText(self.tr("Not signed in: press “Sign in…”"))
        else:
            self.login_state.setText(self.tr("Not set up"))
        self.login_button.setEnabled(allowed(self.ui.services.ctx.actor, Permission.SYNC))
        self.logout_button.setEnabled(status.logged_in)
        self.check_button.setEnabled(configured)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "notice")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    # ------------------------------------------------------------------ USB bundles

    def _bundles(self) -> BundleService:
        return BundleService(self.ui.services.ctx, self.ui.services.sync)

    def _show_bundle_state(self) -> None:
        actor = self.ui.services.ctx.actor
        keyed = self.snapshot.keyed_account if self.snapshot else None
        idle = not self._bundle_busy
        self.key_button.setEnabled(idle and allowed(actor, Permission.SETTINGS))
        may_sync = idle and allowed(actor, Permission.SYNC)
        self.export_button.setEnabled(may_sync and keyed is not None)
        self.import_button.setEnabled(may_sync and keyed is not None)
        if keyed is None:
            self.key_state.setText(
                self.tr("Enter the bundle code the province issued before the first export.")
            )
        else:
            self.key_state.setText(
                self.tr("Bundle code entered for the account {account}.").format(account=keyed)
            )

    def _set_bundle_busy(self, busy: bool) -> None:
        self._bundle_busy = busy
        self._show_bundle_state()

    def open_key_dialog(self) -> None:
        settings = self.snapshot.settings if self.snapshot else None
        username = self.username.text().strip() or (settings.username if settings else "") or ""
        dialog = BundleKeyDialog(self.ui, username, self.window())
        dialog.accepted.connect(self._key_saved)
        self.key_dialog = dialog
        dialog.open()

    def _key_saved(self) -> None:
        self.key_dialog = None
        self.show_message(self.tr("The bundle code is saved. This PC can now sync by USB."))
        self.refresh()

    def _bundle_folder(self) -> Path:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(str(self.ui.settings.value(BUNDLE_FOLDER_KEY, documents or str(Path.home()))))

    def _open_file_dialog(
        self, title: str, start: Path, save: bool, chosen: Callable[[Path], None]
    ) -> QFileDialog:
        dialog = QFileDialog(
            self.window(), title, str(start), self.tr("BTXH sync bundles (*.btxhb)")
        )
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(BUNDLE_SUFFIX.lstrip("."))
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: chosen(Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def suggested_bundle_name(self) -> str:
        """btxh-26740-2026-12-06.btxhb: the site and the day, so files on a stick that
        several communes share stay apart."""
        site = (self.snapshot.site_code if self.snapshot else None) or "btxh"
        day = self.ui.services.ctx.today().isoformat()
        return f"btxh-{site}-{day}{BUNDLE_SUFFIX}"

    def ask_export(self) -> QFileDialog:
        start = self._bundle_folder() / self.suggested_bundle_name()
        return self._open_file_dialog(
            self.tr("Save the sync bundle"), start, save=True, chosen=self.export_bundle
        )

    def export_bundle(self, path: Path) -> None:
        if not path.suffix:
            path = path.with_suffix(BUNDLE_SUFFIX)
        self.ui.settings.setValue(BUNDLE_FOLDER_KEY, str(path.parent))
        bundles = self._bundles()
        self._set_bundle_busy(True)
        self.show_message(self.tr("Exporting the changes to {name}…").format(name=path.name))
        self.ui.runner.run(lambda: bundles.export(path), self._exported, self._bundle_failed)

    def _exported(self, summary: object) -> None:
        assert isinstance(summary, ExportSummary)
        self._set_bundle_busy(False)
        if summary.ops:
            done = self.tr("{count} changes were exported to {path}.").format(
                count=i18n.number(summary.ops), path=summary.path
            )
        else:
            done = self.tr(
                "No change is waiting; the bundle {path} still brings back what others changed."
            ).format(path=summary.path)
        self.show_message(
            done
            + " "
            + self.tr(
                "Take this file to a place with a network (the province office, or a PC that "
                "can sync) to be imported to the server, then bring the answer file back and "
                "press “Import the answer…”. Until then the changes stay waiting on this PC."
            )
        )
        self.refresh()

    def ask_import(self) -> QFileDialog:
        return self._open_file_dialog(
            self.tr("Choose the answer bundle"),
            self._bundle_folder(),
            save=False,
            chosen=self.import_answer,
        )

    def import_answer(self, path: Path) -> None:
        self.ui.settings.setValue(BUNDLE_FOLDER_KEY, str(path.parent))
        bundles = self._bundles()
        self._set_bundle_busy(True)
        self.show_message(self.tr("Importing the answer {name}…").format(name=path.name))
        self.ui.runner.run(lambda: bundles.import_answer(path), self._imported, self._bundle_failed)

    def _imported(self, summary: object) -> None:
        assert isinstance(summary, ImportSummary)
        self._set_bundle_busy(False)
        if summary.already_imported:
            self.show_message(self.tr("This answer was imported before; nothing changed."))
        else:
            text = self.tr(
                "Answer imported: {settled} changes accepted by the server, {rejected} "
                "refused, {conflicts} new conflicts, {pulled} records received; {pending} "
                "changes still waiting."
            ).format(
                settled=i18n.number(summary.settled),
                rejected=i18n.number(summary.rejected),
                conflicts=i18n.number(summary.conflicts),
                pulled=i18n.number(summary.pulled),
                pending=i18n.number(summary.still_pending),
            )
            if summary.conflicts or summary.rejected:
                text += " " + self.tr("See the tabs below for what needs a decision.")
            self.show_message(text)
        # The pulled records and new conflicts reach every screen through the change bus;
        # what only the sync history and the outbox hold (results, refusals) is read here.
        self.refresh()
        self.controller.refresh()

    def _bundle_failed(self, error: BaseException) -> None:
        self._set_bundle_busy(False)
        self._failed(error)

    # ------------------------------------------------------------------ conflicts

    def selected_conflict(self) -> ConflictView | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return self.conflicts.row(rows[0].row()) if rows else None

    def _conflict_selected(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        conflict = self.selected_conflict()
        actor = self.ui.services.ctx.actor
        open_ = conflict is not None and conflict.state == "open"
        payment = conflict is not None and conflict.payment_field
        needed = Permission.DECIDE if payment else Permission.EDIT_PEOPLE
        may = allowed(actor, needed)
        for button in (self.keep_server_button, self.keep_mine_button, self.type_value_button):
            button.setEnabled(open_ and may)
            button.setToolTip(
                ""
                if may or conflict is None
                else self.tr("This information changes a payment: only an approver can settle it.")
            )
        if conflict is not None and conflict.payment_field and not may:
            self.conflict_note.setText(
                self.tr("Only an approver can settle a conflict on payment information.")
            )
        elif conflict is not None and conflict.state == "resolving":
            self.conflict_note.setText(self.tr("A value was chosen; it goes out with the sync."))
        else:
            self.conflict_note.clear()

    def resolve_with(self, side: str) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        value = conflict.kept_value if side == "server" else conflict.proposed_value
        sync = self.ui.services.sync
        conflict_id = conflict.id
        self.ui.runner.run(
            lambda: sync.resolve_conflict(conflict_id, value, self),
            lambda _r: self._resolved(conflict),
            self._failed,
        )

    def open_resolve_dialog(self) -> None:
        conflict = self.selected_conflict()
        if conflict is None:
            return
        dialog = ResolveValueDialog(self.ui, conflict, self.window())
        dialog.accepted.connect(lambda: self._resolved(conflict))
        self.resolve_dialog = dialog
        dialog.open()

    def _resolved(self, conflict: ConflictView) -> None:
        self.resolve_dialog = None
        self.show_message(
            self.tr("Value chosen for “{field}” of {record}.").format(
                field=field_label(conflict.entity, conflict.field), record=conflict.record_label
            )
            + " "
            + self._send_soon()
        )
        self.refresh()

    def _send_soon(self) -> str:
        """Start a sync so the choice reaches the server now, if this PC is signed in."""
        status = self.snapshot.status if self.snapshot else None
        if status is not None and status.logged_in and self.controller.run_now():
            return self.tr("Sending it to the server now.")
        return self.tr("It goes to the server with the next sync.")

    # ------------------------------------------------------------------ refused changes

    def selected_rejected(self) -> RejectedOp | None:
        rows = self.rejected_table.selectionModel().selectedRows()
        return self.rejected.row(rows[0].row()) if rows else None

    def _rejected_selected(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        op = self.selected_rejected()
        may = allowed(self.ui.services.ctx.actor, Permission.SYNC)
        for button in (self.edit_record_button, self.resend_button, self.discard_button):
            button.setEnabled(op is not None and may)
        if op is None:
            self.rejected_reason.clear()
            return
        self.rejected_reason.setText(
            self.tr("{record}: {reason}").format(
                record=op.record_label, reason=i18n.t(op.message_code, **op.detail)
            )
        )

    def edit_rejected_record(self) -> None:
        op = self.selected_rejected()
        if op is None:
            return
        sync = self.ui.services.sync
        self.ui.runner.run(
            lambda: sync.person_of(op.entity, op.record_id),
            lambda person_id: self._open_record(op, person_id),
            self._failed,
        )

    def _open_record(self, op: RejectedOp, person_id: object) -> None:
        if isinstance(person_id, str):
            from btxh_desktop.ui.dialogs.person_form import open_person_form

            self.person_form = open_person_form(self.ui, person_id, self.window())
            return
        # Not a person's record (a facility, an emergency event): say what it is.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Refused change"),
            self.tr("{kind}: {record}\nInformation: {fields}\n\n{reason}").format(
                kind=entity_label(op.entity),
                record=op.record_label,
                fields=fields_text(op.entity, op.fields),
                reason=i18n.t(op.message_code, **op.detail),
            ),
            QMessageBox.StandardButton.Close,
            self.window(),
        )
        self.details_box = box
        box.open()

    def confirm_resend(self) -> None:
        op = self.selected_rejected()
        if op is None:
            return
        self._confirm(
            self.tr("Send the change again"),
            self.tr(
                "Send {record} to the server again, as it is now on this PC? If the cause was "
                "not corrected, the server may refuse it again."
            ).format(record=op.record_label),
            self.tr("Send again"),
            lambda: self._resend(op),
        )

    def confirm_discard(self) -> None:
        op = self.selected_rejected()
        if op is None:
            return
        self._confirm(
            self.tr("Give up the change"),
            self.tr(
                "Give up the change to {record}? What was changed on this PC is replaced by the "
                "server's copy at the next sync. This cannot be undone."
            ).format(record=op.record_label),
            self.tr("Give up the change"),
            lambda: self._discard(op),
        )

    def _confirm(self, title: str, text: str, yes_text: str, on_yes: Callable[[], None]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.window())
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)

        def answered() -> None:
            self.confirm_box = None
            if box.clickedButton() is yes:
                on_yes()

        box.finished.connect(lambda _code: answered())
        self.confirm_box = box
        box.open()

    def _resend(self, op: RejectedOp) -> None:
        sync = self.ui.services.sync

        def done(_result: object) -> None:
            self.show_message(
                self.tr("{record} will be sent again.").format(record=op.record_label)
                + " "
                + self._send_soon()
            )
            self.refresh()

        self.ui.runner.run(lambda: sync.resend(op.seq, self), done, self._failed)

    def _discard(self, op: RejectedOp) -> None:
        sync = self.ui.services.sync

        def done(_result: object) -> None:
            self.show_message(
                self.tr("The change was given up; the server's copy comes back.")
                + " "
                + self._send_soon()
            )
            self.refresh()

        self.ui.runner.run(lambda: sync.discard(op.seq, self), done, self._failed)
