"""Nhật ký truy cập: who created, changed, viewed, exported or deleted what, and when.

For administrators only (the service refuses anyone else). The newest entries come first, a
page at a time (`before_seq`); filters are the service's. "Check integrity" recomputes the
hash chain and says plainly whether the log was edited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.accounts import UserInfo
from btxh_desktop.services.audit import AuditFilter, AuditRecord
from btxh_desktop.storage.audit import ChainReport
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.dialogs.login_kit import role_label
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.widgets.form_kit import (
    DateField,
    FlowLayout,
    configure_table,
    error_label,
    error_text,
    fit_columns,
    heading,
    translate,
)

PAGE_SIZE = 200


def action_names() -> dict[str, str]:
    return {
        "create": translate("AuditLog", "Created"),
        "update": translate("AuditLog", "Changed"),
        "delete": translate("AuditLog", "Deleted"),
        "view": translate("AuditLog", "Viewed"),
        "export": translate("AuditLog", "Exported"),
        "login": translate("AuditLog", "Logged in"),
        "backup": translate("AuditLog", "Backup"),
        "restore": translate("AuditLog", "Restore"),
        "password_reset": translate("AuditLog", "Password reset"),
        "encrypt": translate("AuditLog", "Data encrypted"),
        "new_recovery_key": translate("AuditLog", "New recovery key"),
        "move": translate("AuditLog", "Moved to another commune"),
        "resolve": translate("AuditLog", "Conflict resolved"),
        "import": translate("AuditLog", "Imported from a file"),
        "demo": translate("AuditLog", "Demo data"),
    }


def entity_names() -> dict[str, str]:
    return {
        "person": translate("AuditLog", "Person"),
        "attachment": translate("AuditLog", "Attachment (photo, scan)"),
        "guardian": translate("AuditLog", "Guardian"),
        "disability_assessment": translate("AuditLog", "Disability assessment"),
        "household_status": translate("AuditLog", "Household status"),
        "health_insurance_card": translate("AuditLog", "Health insurance card"),
        "allowance_case": translate("AuditLog", "Allowance case"),
        "allowance_change": translate("AuditLog", "Allowance change"),
        "payment": translate("AuditLog", "Payment"),
        "residency": translate("AuditLog", "Facility stay"),
        "emergency_distribution": translate("AuditLog", "Emergency assistance"),
        "emergency_event": translate("AuditLog", "Emergency event"),
        "other_income": translate("AuditLog", "Other income"),
        "facility": translate("AuditLog", "Facility"),
        "care_log_entry": translate("AuditLog", "Care log"),
        "care_support": translate("AuditLog", "Care support"),
        "funeral_support": translate("AuditLog", "Funeral support"),
        "alert_acks": translate("AuditLog", "To-do item handled"),
        "sync_conflicts": translate("AuditLog", "Sync conflict"),
        "users": translate("AuditLog", "User account"),
        "database": translate("AuditLog", "Database"),
        "settings": translate("AuditLog", "Settings"),
        "keys": translate("AuditLog", "Key file"),
        "site": translate("AuditLog", "Site"),
    }


def _local(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M:%S")


def detail_names() -> dict[str, str]:
    return {
        "failed_attempts": translate("AuditLog", "wrong passwords before"),
        "file": translate("AuditLog", "file"),
        "kind": translate("AuditLog", "kind"),
        "safety_copy": translate("AuditLog", "safety copy"),
        "person_id": translate("AuditLog", "person"),
        "via": translate("AuditLog", "by"),
        "rows": translate("AuditLog", "rows"),
        "public": translate("AuditLog", "public"),
        "existing": translate("AuditLog", "existing data"),
        "damaged": translate("AuditLog", "damaged"),
        "from": translate("AuditLog", "from"),
    }


def _detail(detail: Any) -> str:
    if not detail:
        return ""
    names = detail_names()
    return ", ".join(
        f"{names.get(key, key)}: {value}" for key, value in sorted(dict(detail).items())
    )


def _short(record_id: str | None) -> str:
    """Record ids are UUIDs: the first 8 characters tell them apart on screen."""
    if not record_id:
        return ""
    return record_id if len(record_id) <= 12 else record_id[:8] + "…"


def audit_columns() -> list[Column[AuditRecord]]:
    actions, entities = action_names(), entity_names()
    return [
        Column(translate("AuditLog", "No."), lambda r: str(r.seq), sort=lambda r: r.seq),
        Column(
            translate("AuditLog", "Time"), lambda r: _local(r.at), sort=lambda r: r.at.isoformat()
        ),
        Column(translate("AuditLog", "User"), lambda r: r.username),
        Column(translate("AuditLog", "Action"), lambda r: actions.get(r.action, r.action)),
        Column(translate("AuditLog", "Record type"), lambda r: entities.get(r.entity, r.entity)),
        Column(
            translate("AuditLog", "Record"),
            lambda r: _short(r.record_id),
            sort=lambda r: r.record_id or "",
            tooltip=lambda r: r.record_id or "",
        ),
        Column(
            translate("AuditLog", "Fields"),
            lambda r: ", ".join(r.fields),
            tooltip=lambda r: ", ".join(r.fields),
        ),
        Column(
            translate("AuditLog", "Details"),
            lambda r: _detail(r.detail),
            tooltip=lambda r: _detail(r.detail),
        ),
    ]


def _utc_start(day: QDate) -> dt.datetime:
    """Local midnight of `day`, in UTC as the log stores it."""
    value = day.toPython()
    assert isinstance(value, dt.date)
    local = dt.datetime.combine(value, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


class AuditLogDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(self.tr("Access log"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._filter = AuditFilter(limit=PAGE_SIZE)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Access log")))
        intro = QLabel(
            self.tr(
                "Every change, every view of sensitive data, export, login, backup and "
                "restore on this PC, newest first. Values are never recorded, only which "
                "fields."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QWidget()
        filters = FlowLayout(bar, spacing=8)
        self.user = QComboBox()
        self.user.addItem(self.tr("All users"), "")
        self.action = QComboBox()
        self.action.addItem(self.tr("All actions"), "")
        for code, name in action_names().items():
            self.action.addItem(name, code)
        self.entity = QComboBox()
        self.entity.addItem(self.tr("All record types"), "")
        for code, name in entity_names().items():
            self.entity.addItem(name, code)
        self.by_date = QCheckBox(self.tr("From"))
        today = ui.services.ctx.today()
        self.since = DateField(today - dt.timedelta(days=30))
        self.until_label = QLabel(self.tr("to"))
        self.until = DateField(today)
        self.by_date.toggled.connect(self._dates_toggled)
        self._dates_toggled(False)
        self.apply_button = QPushButton(self.tr("Show"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_filters)
        for widget in (
            self.user,
            self.action,
            self.entity,
            self.by_date,
            self.since,
            self.until_label,
            self.until,
            self.apply_button,
        ):
            filters.addWidget(widget)
        layout.addWidget(bar)

        self.model: RowsModel[AuditRecord] = RowsModel(audit_columns(), lambda r: str(r.seq), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=7)
        self.table.setSortingEnabled(False)  # newest first, as loaded page by page
        layout.addWidget(self.table, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.message = error_label()
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.more_button = QPushButton(self.tr("Show older entries"))
        self.more_button.setAutoDefault(False)
        self.more_button.clicked.connect(self.load_more)
        self.verify_button = QPushButton(self.tr("Check integrity"))
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.verify)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.more_button)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(1200, 680)
        self._load_users()
        self.apply_filters()

    # ------------------------------------------------------------------ filters

    def _dates_toggled(self, on: bool) -> None:
        for widget in (self.since, self.until_label, self.until):
            widget.setEnabled(on)

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.by_date.isChecked():
            since = _utc_start(self.since.date())
            until = _utc_start(self.until.date().addDays(1))
        return AuditFilter(
            username=self.user.currentData() or None,
            action=self.action.currentData() or None,
            entity=self.entity.currentData() or None,
            since=since,
            until=until,
            limit=PAGE_SIZE,
        )

    def _load_users(self) -> None:
        accounts = self.ui.services.accounts
        self.ui.runner.run(accounts.list_users, self._users_loaded, self._failed)

    def _users_loaded(self, users: list[UserInfo]) -> None:
        for user in users:
            label = f"{user.username} — {user.full_name}" if user.full_name else user.username
            self.user.addItem(label, user.username)

    # ------------------------------------------------------------------ loading

    def apply_filters(self) -> None:
        self._filter = self.current_filter()
        self.model.set_rows([])
        self._load(self._filter)

    def load_more(self) -> None:
        rows = self.model.rows
        if not rows:
            return
        oldest = min(r.seq for r in rows)
        self._load(replace(self._filter, before_seq=oldest))

    def _load(self, wanted: AuditFilter) -> None:
        if self._loading:
            return
        self._loading = True
        self.more_button.setEnabled(False)
        self.message.hide()
        audit = self.ui.services.audit
        self.ui.runner.run(lambda: audit.query(wanted), self._loaded, self._failed)

    def _loaded(self, records: list[AuditRecord]) -> None:
        self._loading = False
        first_page = not self.model.rows
        self.model.upsert(records)
        if first_page:
            fit_columns(self.table, widest_chars=22)
        shown = len(self.model.rows)
        more = len(records) == PAGE_SIZE
        self.more_button.setEnabled(more)
        if not shown:
            self.status.setText(self.tr("No entries match."))
        elif more:
            self.status.setText(
                self.tr("Showing the newest {count} entries that match.").format(count=shown)
            )
        else:
            self.status.setText(
                self.tr("Showing all {count} entries that match.").format(count=shown)
            )

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.verify_button.setEnabled(True)
        role_label(self.message, "error")
        self.message.setText(error_text(error))
        self.message.show()

    # ------------------------------------------------------------------ the chain

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        role_label(self.message, "notice")
        self.message.setText(self.tr("Checking every entry…"))
        self.message.show()
        audit = self.ui.services.audit
        self.ui.runner.run(
            audit.verify_chain,
            self._verified,
            self._failed,
            label=self.tr("Checking the access log…"),
            parent=self,
        )

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            role_label(self.message, "notice")
            self.message.setText(
                self.tr(
                    "The log is intact: {count} entries checked, none changed or removed."
                ).format(count=report.entries)
            )
        else:
            role_label(self.message, "error")
            self.message.setText(
                self.tr(
                    "The log has been tampered with: entry {seq} was changed, removed or "
                    "inserted outside the program. Keep this PC as it is and inform the "
                    "provincial social protection office."
                ).format(seq=report.broken_at)
            )
        self.message.show()
