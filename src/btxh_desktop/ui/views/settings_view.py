"""Cài đặt: language, text size, where the data lives and whether it is healthy."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.services.site import HealthReport
from btxh_desktop.ui import i18n
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.page import Page

LANGUAGE_KEY = "ui/language"


class SettingsPage(Page):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        heading = QLabel(self.title())
        heading.setObjectName("page_title")
        layout.addWidget(heading)

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
        paths = ui.services.ctx.paths
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

    def title(self) -> str:
        return self.tr("Settings")

    def refresh(self) -> None:
        """Nothing here depends on records; the health check runs on request."""

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
