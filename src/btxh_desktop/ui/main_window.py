"""The main window: navigation on the left, one screen at a time, a status bar that tells the
truth about the site, the user, the records and sync."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.services.site import SiteInfo
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.page import Page

FONT_KEY = "ui/font_point_size"
DEFAULT_FONT_POINTS = 11
MIN_FONT_POINTS, MAX_FONT_POINTS = 9, 20

PageFactory = Callable[[UiContext], Page]


def page_factories(site_type: SiteType | None) -> list[tuple[str, PageFactory]]:
    """The screens, in navigation order; facility and commune sites see their own work."""
    from btxh_desktop.ui.views.settings_view import SettingsPage

    pages: list[tuple[str, PageFactory]] = []
    pages.append(("settings", SettingsPage))
    return pages


class MainWindow(QMainWindow):
    status_refreshed = Signal()

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.site: SiteInfo | None = ui.services.site.info()
        self.setWindowTitle(self.tr("BTXH Desktop — Social assistance records"))
        self.resize(1366, 768)
        self.setMinimumSize(QSize(1024, 640))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(230)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        site_type = self.site.site_type if self.site else None
        for key, factory in page_factories(site_type):
            page = factory(ui)
            self.pages[key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(200, 40))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self._build_status_bar()
        self.apply_font_size(int(ui.settings.value(FONT_KEY, DEFAULT_FONT_POINTS)))
        ui.bus.changed.connect(self._on_changes)
        self.nav.setCurrentRow(0)
        self.refresh_status()

    # ------------------------------------------------------------------ navigation

    def show_page(self, key: str) -> Page:
        page = self.pages[key]
        self.nav.setCurrentRow(self.stack.indexOf(page))
        return page

    # ------------------------------------------------------------------ toolbar

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Tools"))
        bar.setMovable(False)
        bar.setObjectName("main_toolbar")
        self.addToolBar(bar)
        bigger = QAction(self.tr("A+ Larger text"), self)
        bigger.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        bigger.triggered.connect(lambda: self.apply_font_size(self.font_points + 1))
        smaller = QAction(self.tr("A− Smaller text"), self)
        smaller.setShortcut(QKeySequence.StandardKey.ZoomOut)
        smaller.triggered.connect(lambda: self.apply_font_size(self.font_points - 1))
        bar.addAction(bigger)
        bar.addAction(smaller)
        self.bigger_action, self.smaller_action = bigger, smaller

    def apply_font_size(self, points: int) -> None:
        points = max(MIN_FONT_POINTS, min(MAX_FONT_POINTS, points))
        self.font_points = points
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        font = QFont(app.font())
        font.setPointSize(points)
        app.setFont(font)
        self.ui.settings.setValue(FONT_KEY, points)

    # ------------------------------------------------------------------ status bar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.site_label = QLabel()
        self.user_label = QLabel()
        self.count_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync_state")
        for label in (self.site_label, self.user_label, self.count_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.sync_label)
        if self.site is not None:
            kind = (
                self.tr("Facility")
                if self.site.site_type == SiteType.FACILITY
                else self.tr("Commune")
            )
            self.site_label.setText(f"{kind}: {self.site.site_name} ({self.site.site_code})")
        actor = self.ui.services.ctx.actor
        self.user_label.setText(
            self.tr("User: {name}").format(name=actor.full_name or actor.username)
        )

    def refresh_status(self) -> None:
        services = self.ui.services

        def load() -> tuple[int, int]:
            report_people = services.people.count()
            return report_people, services.site.pending_changes()

        def show(result: tuple[int, int]) -> None:
            people, pending = result
            self.count_label.setText(
                self.tr("{count} people").format(count=f"{people:,}".replace(",", "."))
            )
            self.set_sync_state(
                self.tr("Not synced: {count} changes waiting").format(count=pending)
                if pending
                else self.tr("No local changes waiting")
            )
            self.status_refreshed.emit()

        self.ui.runner.run(load, show)

    def set_sync_state(self, text: str) -> None:
        self.sync_label.setText(text)

    def _on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self.refresh_status()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ui.settings.sync()
        super().closeEvent(event)
