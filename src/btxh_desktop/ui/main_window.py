"""The main window: navigation on the left, one screen at a time, a status bar that tells the
truth about the site, the user, the records and sync."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from btxh_desktop.domain.codes import SiteType
from btxh_desktop.services.site import SiteInfo
from btxh_desktop.services.sync import SyncStatus
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import sync_runner, theme
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.preferences import (
    DEFAULT_FONT_POINTS,
    FONT_KEY,
    MAX_FONT_POINTS,
    MIN_FONT_POINTS,
)

PageFactory = Callable[[UiContext], Page]

# The navigation's font is one point larger than the text (style.qss); the paddings are its
# items' (12 px each side, a 4 px marker, the list's frame) and rows' (8 px above and below).
NAV_EXTRA_POINTS = 1
NAV_MIN_WIDTH = 230
NAV_PADDING = 44
NAV_ROW_PADDING = 22


class ElidedLabel(QLabel):
    """A one-line label that may be narrower than its text: it then shows its short form
    (say, the name without "Người dùng:") and, if even that does not fit, ends it in "…".
    `text()` stays whole, and so does the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.short_text = ""
        # Its whole text when there is room; shortened, down to a few letters, when not.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_texts(self, text: str, short_text: str, tooltip: str = "") -> None:
        self.short_text = short_text
        self.setText(text)
        self.setToolTip(tooltip or text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        metrics = self.fontMetrics()
        shown = self.text()
        if self.short_text and metrics.horizontalAdvance(shown) > rect.width():
            shown = self.short_text
        shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
        painter.end()


def page_factories(site_type: SiteType | None) -> list[tuple[str, PageFactory]]:
    """The screens, in navigation order; facility and commune sites see their own work."""
    from btxh_desktop.ui.views.alerts_view import AlertsPage
    from btxh_desktop.ui.views.allowance_view import AllowancePage
    from btxh_desktop.ui.views.dashboard_view import DashboardPage
    from btxh_desktop.ui.views.emergency_view import EmergencyPage
    from btxh_desktop.ui.views.facility_view import FacilityPage
    from btxh_desktop.ui.views.people_view import PeoplePage
    from btxh_desktop.ui.views.reports_view import ReportsPage
    from btxh_desktop.ui.views.settings_view import SettingsPage
    from btxh_desktop.ui.views.sync_view import SyncPage

    pages: list[tuple[str, PageFactory]] = []
    if site_type is not None:
        pages.append(("dashboard", DashboardPage))
        pages.append(("people", partial(PeoplePage, site_type=site_type)))
    if site_type is not None:
        # Right after the overview (Tổng quan), first while there is none.
        pages.append(("alerts", AlertsPage))
    if site_type == SiteType.FACILITY:
        pages.append(("facility", FacilityPage))
    if site_type == SiteType.COMMUNE:
        pages.append(("allowance", AllowancePage))
    if site_type is not None:
        pages.append(("emergency", EmergencyPage))
    if site_type is not None:
        pages.append(("reports", ReportsPage))
    if site_type is not None:
        pages.append(("sync", SyncPage))
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
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._connect_alert_count()
        self._connect_sync()

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
        theme.apply(app, points)
        self._fit_navigation(points)
        self.ui.settings.setValue(FONT_KEY, points)

    def _fit_navigation(self, points: int) -> None:
        # The screen names are how staff find their way: at any text size they are shown
        # whole (with room for a to-do count), the pages giving up the width.
        font = QFont(self.font())
        font.setPointSize(points + NAV_EXTRA_POINTS)
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance(f"{page.title()} (999)") for page in self.pages.values()
        )
        self.nav.setFixedWidth(max(NAV_MIN_WIDTH, widest + NAV_PADDING))
        for row in range(self.nav.count()):
            self.nav.item(row).setSizeHint(QSize(widest, metrics.height() + NAV_ROW_PADDING))

    # ------------------------------------------------------------------ status bar

    def _build_status_bar(self) -> None:
        # At the largest text sizes the status bar cannot hold everything: the site's and
        # the user's names and the sync state are shortened with "…" (whole in their
        # tooltips); the counts are short and always shown whole.
        bar = self.statusBar()
        self.site_label = ElidedLabel()
        self.user_label = ElidedLabel()
        self.count_label = QLabel()
        self.alerts_label = QLabel()
        self.alerts_label.setObjectName("alerts_count")
        self.sync_label = ElidedLabel()
        self.sync_label.setObjectName("sync_state")
        bar.addWidget(self.site_label)
        bar.addWidget(self.user_label)
        bar.addWidget(self.count_label)
        bar.addWidget(self.alerts_label)
        # Not a permanent widget: those keep their whole width and would squeeze the names.
        bar.addWidget(self.sync_label)
        if self.site is not None:
            kind = (
                self.tr("Facility")
                if self.site.site_type == SiteType.FACILITY
                else self.tr("Commune")
            )
            self.site_label.set_texts(
                f"{kind}: {self.site.site_name} ({self.site.site_code})", self.site.site_name
            )
        actor = self.ui.services.ctx.actor
        name = actor.full_name or actor.username
        self.user_label.set_texts(
            self.tr("User: {name}").format(name=name),
            name,
            f"{actor.full_name} ({actor.username})".strip(),
        )

    def refresh_status(self) -> None:
        services = self.ui.services

        def load() -> tuple[int, SyncStatus]:
            return services.people.count(), services.sync.status()

        def show(result: tuple[int, SyncStatus]) -> None:
            people, status = result
            self.count_label.setText(
                self.tr("{count} people").format(count=f"{people:,}".replace(",", "."))
            )
            controller = self.sync_controller
            if controller is not None and controller.progress is not None:
                self.set_sync_state(sync_runner.progress_line(controller.progress))
            else:
                self.set_sync_state(sync_runner.status_line(status))
            self.sync_label.setToolTip(sync_runner.status_tooltip(status))
            self.status_refreshed.emit()

        self.ui.runner.run(load, show)

    def _connect_alert_count(self) -> None:
        from btxh_desktop.ui.views.alerts_view import AlertsPage

        page = self.pages.get("alerts")
        if isinstance(page, AlertsPage):
            page.count_changed.connect(self.show_alert_count)

    def _connect_sync(self) -> None:
        """The Đồng bộ screen runs sync (on demand and every N minutes); the status bar shows
        its progress while it runs and the real state after."""
        from btxh_desktop.ui.views.sync_view import SyncPage

        page = self.pages.get("sync")
        self.sync_controller = page.controller if isinstance(page, SyncPage) else None
        if self.sync_controller is not None:
            self.sync_controller.progress_changed.connect(
                lambda progress: self.set_sync_state(sync_runner.progress_line(progress))
            )
            self.sync_controller.run_finished.connect(lambda _outcome: self.refresh_status())
            self.sync_controller.start_schedule()

    def show_alert_count(self, count: int) -> None:
        """The to-do count beside "Việc cần làm" in the navigation and in the status bar."""
        page = self.pages["alerts"]
        item = self.nav.item(self.stack.indexOf(page))
        item.setText(f"{page.title()} ({count})" if count else page.title())
        self.alerts_label.setText(self.tr("To do: {count}").format(count=count))

    def set_sync_state(self, text: str) -> None:
        self.sync_label.setText(text)

    def _on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self.refresh_status()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ui.settings.sync()
        super().closeEvent(event)
