"""Tổng quan: who is on record at a glance — by category, sex and age, the money paid month by
month (a commune) or how full the facility is (a facility) — as charts, with the exact numbers
in a table beside them.

The figures come from one service call on the database thread. Changes from anywhere refresh
them, gathered over a short pause so an import of a thousand records recounts once. Under the
key figures, `AlertsTile` counts what is due within 30 days by kind (computed in the
background too); a click on it opens Việc cần làm.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from btxh_desktop.domain.codes import CaseStatus, ResidentGroup, Sex, SiteType
from btxh_desktop.domain.dates import Month
from btxh_desktop.services.dashboard import Dashboard
from btxh_desktop.storage.tracking import ChangeSet
from btxh_desktop.ui import assistance_terms as terms
from btxh_desktop.ui import i18n
from btxh_desktop.ui import person_terms as words
from btxh_desktop.ui.context import UiContext
from btxh_desktop.ui.models.rows_model import Column, RowsModel
from btxh_desktop.ui.page import Page
from btxh_desktop.ui.views.alerts_view import AlertsTile
from btxh_desktop.ui.widgets.form_kit import configure_table, error_label, error_text, heading

REFRESH_DELAY_MS = 500
MILLION = 1_000_000
BLUE = QColor("#2f5a8f")
GOLD = QColor("#e0a800")
GREEN = QColor("#3c8d5a")
PINK = QColor("#c0508a")
GREY = QColor("#9aa5b1")
CHART_HEIGHT_LINES = 12  # a chart is this many text lines tall, at any text size
LARGE_TEXT_POINTS = 15


@dataclass(frozen=True)
class Figure:
    group: str
    item: str
    value: str


class KeyFigure(QFrame):
    """A big number with what it counts underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("key_figure")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName("key_value")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)


class DashboardPage(Page):
    entities = frozenset(
        {"person", "allowance_case", "allowance_change", "payment", "residency", "facility"}
    )

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.summary: Dashboard | None = None
        self._asked = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(heading(self.title()))
        self.subtitle = QLabel(self.tr("Counting…"))
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        self.message = error_label()
        layout.addWidget(self.message)

        cards = QHBoxLayout()
        self.cards = [KeyFigure() for _ in range(4)]
        for card in self.cards:
            cards.addWidget(card, 1)
        layout.addLayout(cards)
        # Việc cần làm under the key figures: what is due is the first thing to see.
        self.alerts_tile = AlertsTile(ui)
        self.alerts_tile.open_requested.connect(self.open_alerts)
        layout.addWidget(self.alerts_tile)

        self.tabs = QTabWidget()
        charts = QWidget()
        self.chart_grid = QGridLayout(charts)
        self.chart_grid.setContentsMargins(0, 0, 0, 0)
        self.category_chart = self._chart_view()
        self.sex_chart = self._chart_view()
        self.age_chart = self._chart_view()
        self.trend_chart = self._chart_view()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(charts)
        self.tabs.addTab(scroll, self.tr("Charts"))
        self.model: RowsModel[Figure] = RowsModel(
            [
                Column(self.tr("Group"), lambda f: f.group),
                Column(self.tr("Item"), lambda f: f.item, tooltip=lambda f: f.item),
                Column(self.tr("Number"), lambda f: f.value, numeric=True),
            ],
            key=lambda f: f"{f.group}/{f.item}",
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table, stretch_column=1)
        self.table.setSortingEnabled(False)
        self.tabs.addTab(self.table, self.tr("Numbers"))
        layout.addWidget(self.tabs, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._changes_settled)
        self._size_charts()

    def title(self) -> str:
        return self.tr("Overview")

    def open_alerts(self) -> None:
        """Show the full to-do list; the window owns the navigation."""
        from btxh_desktop.ui.main_window import MainWindow

        window = self.window()
        if isinstance(window, MainWindow) and "alerts" in window.pages:
            window.show_page("alerts")

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        self._asked += 1
        number = self._asked
        services = self.ui.services

        def count() -> Dashboard:
            # The first screen's job also reads the reference data (communes, ethnic
            # groups) once for the process, off the GUI thread: the first person form
            # opened later then has nothing to load.
            services.ctx.reference.commune_codes()
            return services.dashboard.summary()

        self.ui.runner.run(count, lambda summary: self._show(number, summary), self._failed)

    def on_changes(self, changes: ChangeSet, initiator: object | None) -> None:
        self._refresh_timer.start()

    def _changes_settled(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # hidden (or closed) meanwhile: count again when shown

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error))
        self.message.show()

    def _show(self, number: int, summary: Dashboard) -> None:
        if number != self._asked:
            return
        self.message.hide()
        self.summary = summary
        facility = summary.site_type == SiteType.FACILITY
        place = summary.site_name
        scope = (
            self.tr("People living in the facility")
            if facility
            else self.tr("Everyone on the commune's records")
        )
        self.subtitle.setText(
            self.tr("{scope} — {place}, figures on {day}").format(
                scope=scope, place=place, day=i18n.date_text(summary.today)
            )
        )
        if facility:
            self._show_facility_cards(summary)
        else:
            self._show_commune_cards(summary)
        self._show_charts(summary)
        self.model.set_rows(self._figures(summary))
        self.table.resizeColumnToContents(0)

    # ------------------------------------------------------------------ key figures

    def _show_commune_cards(self, summary: Dashboard) -> None:
        statuses = dict(summary.by_case_status)
        latest = summary.monthly_totals[-1] if summary.monthly_totals else None
        self.cards[0].set(words.count(summary.people), self.tr("people on record"))
        self.cards[1].set(
            words.count(statuses.get(CaseStatus.ACTIVE, 0)), self.tr("receiving the allowance")
        )
        self.cards[2].set(
            words.count(statuses.get(CaseStatus.APPLIED, 0)), self.tr("awaiting a decision")
        )
        if latest is None:
            self.cards[3].set("—", self.tr("paid this month"))
            return
        caption = (
            self.tr("paid in {month} (finalised list)")
            if latest.finalised
            else self.tr("for {month} (estimate from decisions)")
        )
        self.cards[3].set(
            i18n.money(latest.amount), caption.format(month=i18n.month_text(latest.month))
        )

    def _show_facility_cards(self, summary: Dashboard) -> None:
        capacity = sum(f.capacity for f in summary.facilities)
        residents = sum(f.residents for f in summary.facilities)
        groups = dict(summary.by_category)
        self.cards[0].set(words.count(residents), self.tr("people living here"))
        self.cards[1].set(words.count(capacity), self.tr("places"))
        share = f"{round(100 * residents / capacity)}%" if capacity else "—"
        self.cards[2].set(share, self.tr("of places taken"))
        self.cards[3].set(
            words.count(groups.get(ResidentGroup.CHILD, 0)), self.tr("children in care")
        )

    # ------------------------------------------------------------------ charts

    def _chart_view(self) -> QChartView:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        return view

    def _size_charts(self) -> None:
        """Two charts a row at the usual text size; one a row (scrolling) at large sizes,
        where two side by side would cut their labels short."""
        views = (self.category_chart, self.sex_chart, self.age_chart, self.trend_chart)
        height = self.fontMetrics().height() * CHART_HEIGHT_LINES
        per_row = 2 if self.font().pointSize() < LARGE_TEXT_POINTS else 1
        for number, view in enumerate(views):
            view.setMinimumHeight(height)
            self.chart_grid.removeWidget(view)
            self.chart_grid.addWidget(view, number // per_row, number % per_row)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Children hear of a new text size after the page: redraw once they have.
            QTimer.singleShot(0, self, self._font_changed)

    def _font_changed(self) -> None:
        self._size_charts()
        if self.summary is not None:
            self._show_charts(self.summary)

    def _fresh_chart(self, view: QChartView, title: str) -> QChart:
        # A new chart each time: QtCharts keeps axes and series in step more reliably when
        # rebuilt than when emptied and refilled.
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setTitle(title)
        font = QFont(self.font())
        title_font = QFont(font)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setFont(font)
        old = view.chart()
        view.setChart(chart)
        old.deleteLater()
        return chart

    def _bar_chart(
        self,
        view: QChartView,
        title: str,
        items: list[tuple[str, int]],
        color: QColor,
        series_name: str,
        horizontal: bool = False,
    ) -> None:
        """Bars with their numbers on them; `horizontal` when the names are long (resident
        groups), so they are written out beside the bars instead of cut short beneath."""
        chart = self._fresh_chart(view, title)
        if horizontal:
            items = items[::-1]  # drawn bottom up: keep the first at the top
        bars = QBarSet(series_name)
        bars.setColor(color)
        for _, value in items:
            bars.append(value)
        bars.setLabelColor(QColor("#1a1a1a"))
        bars.setLabelFont(self.font())
        series: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsVisible(True)
        names = QBarCategoryAxis()
        names.append([name for name, _ in items])
        names.setLabelsFont(self.font())
        values = QValueAxis()
        values.setRange(0, max([value for _, value in items] + [1]) * 1.2)
        values.setLabelFormat("%d")
        values.setLabelsFont(self.font())
        values.applyNiceNumbers()
        chart.addAxis(
            names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        )
        chart.addAxis(
            values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        )
        series.attachAxis(names)
        series.attachAxis(values)
        chart.legend().hide()

    def _show_charts(self, summary: Dashboard) -> None:
        facility = summary.site_type == SiteType.FACILITY
        if facility:
            order = {group.value: i for i, group in enumerate(ResidentGroup)}
            groups = sorted(summary.by_category, key=lambda item: order.get(item[0], 99))
            items = [(terms.label(terms.RESIDENT_GROUP, code), n) for code, n in groups]
            title = self.tr("Residents by group")
        else:
            items = list(summary.by_category)
            title = self.tr("Receiving or suspended, by category")
        self._bar_chart(
            self.category_chart, title, items, BLUE, self.tr("People"), horizontal=facility
        )
        self._sex_chart(summary)
        ages = [(terms.label(words.AGE_BAND_SHORT, band), n) for band, n in summary.by_age_band]
        if ages and ages[-1][1] == 0:
            ages = ages[:-1]  # "age unknown" only when someone's age is unknown
        self._bar_chart(self.age_chart, self.tr("By age (years)"), ages, GREEN, self.tr("People"))
        if facility:
            self._occupancy_chart(summary)
        else:
            self._money_chart(summary)

    def _sex_chart(self, summary: Dashboard) -> None:
        chart = self._fresh_chart(self.sex_chart, self.tr("By sex"))
        series = QPieSeries()
        total = max(summary.people, 1)
        for sex, color in ((Sex.MALE, BLUE), (Sex.FEMALE, PINK), (Sex.UNKNOWN, GREY)):
            count = summary.by_sex.get(sex, 0)
            if not count:
                continue
            name = terms.label(terms.SEX, sex)
            piece = series.append(f"{name}: {words.count(count)} ({round(100 * count / total)}%)",
                                  count)  # fmt: skip
            piece.setColor(color)
            piece.setLabelVisible(True)
            piece.setLabelFont(self.font())
        series.setPieSize(0.6)
        chart.addSeries(series)
        chart.legend().hide()

    def _money_chart(self, summary: Dashboard) -> None:
        chart = self._fresh_chart(self.trend_chart, self.tr("Allowance paid by month (million ₫)"))
        paid = QBarSet(self.tr("Finalised payment list"))
        paid.setColor(BLUE)
        estimated = QBarSet(self.tr("Estimate from decisions"))
        estimated.setColor(GOLD)
        months = []
        for total in summary.monthly_totals:
            millions = round(total.amount / MILLION)
            paid.append(millions if total.finalised else 0)
            estimated.append(0 if total.finalised else millions)
            months.append(self._month_label(total.month))
        series = QStackedBarSeries()
        series.append(paid)
        series.append(estimated)
        chart.addSeries(series)
        axis_x = self._month_axis(chart, months, [t.month for t in summary.monthly_totals])
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([round(t.amount / MILLION) for t in summary.monthly_totals] + [1])
        axis_y.setRange(0, top * 1.1)
        axis_y.setLabelFormat("%d")
        axis_y.setLabelsFont(self.font())
        axis_y.applyNiceNumbers()
        # Under the axis title and the legend the bars are short: three labels fit where
        # five would be cut to "…"; the exact sums are in the table.
        axis_y.setTickCount(3)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def _month_label(self, month: Month) -> str:
        # Only the month's number: twelve fit under a chart, and the axis title gives years.
        return str(month.month)

    def _month_axis(
        self, chart: QChart, labels: list[str], months: list[Month]
    ) -> QBarCategoryAxis:
        axis = QBarCategoryAxis()
        axis.append(labels)
        axis.setLabelsFont(self.font())
        if months:
            axis.setTitleText(
                self.tr("Months {first} – {last}").format(
                    first=i18n.month_text(months[0]), last=i18n.month_text(months[-1])
                )
            )
            axis.setTitleFont(self.font())
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        return axis

    def _occupancy_chart(self, summary: Dashboard) -> None:
        chart = self._fresh_chart(self.trend_chart, self.tr("Residents at the end of each month"))
        bars = QBarSet(self.tr("Residents"))
        bars.setColor(BLUE)
        months = []
        for month, count in summary.residents_by_month:
            bars.append(count)
            months.append(self._month_label(month))
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        capacity = sum(f.capacity for f in summary.facilities)
        places = QLineSeries()
        places.setName(self.tr("Places: {count}").format(count=words.count(capacity)))
        places.setColor(GOLD)
        for index in range(len(months)):
            places.append(index - 0.5, capacity)
            places.append(index + 0.5, capacity)
        chart.addSeries(places)
        axis_x = self._month_axis(chart, months, [m for m, _ in summary.residents_by_month])
        series.attachAxis(axis_x)
        places.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([count for _, count in summary.residents_by_month] + [capacity, 1])
        axis_y.setRange(0, top * 1.15)
        axis_y.setLabelFormat("%d")
        axis_y.setLabelsFont(self.font())
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        places.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    # ------------------------------------------------------------------ the numbers

    def _figures(self, summary: Dashboard) -> list[Figure]:
        out: list[Figure] = []
        facility = summary.site_type == SiteType.FACILITY
        total = self.tr("Total")
        out.append(
            Figure(
                total,
                self.tr("People living here") if facility else self.tr("People on record"),
                words.count(summary.people),
            )
        )
        sex = self.tr("Sex")
        for code in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
            count = summary.by_sex.get(code, 0)
            out.append(Figure(sex, terms.label(terms.SEX, code), words.count(count)))
        ages = self.tr("Age")
        for band, count in summary.by_age_band:
            out.append(Figure(ages, terms.label(words.AGE_BAND, band), words.count(count)))
        if facility:
            groups = self.tr("Group")
            counts = dict(summary.by_category)
            for group in ResidentGroup:
                out.append(
                    Figure(
                        groups,
                        terms.label(terms.RESIDENT_GROUP, group),
                        words.count(counts.get(group, 0)),
                    )
                )
        else:
            policy = self.ui.services.ctx.policy
            categories = self.tr("Category (receiving or suspended)")
            for category, count in summary.by_category:
                name = terms.category_name(policy.category(category))
                out.append(Figure(categories, f"{category} — {name}", words.count(count)))
            statuses = self.tr("Case status")
            for status, count in summary.by_case_status:
                out.append(
                    Figure(statuses, terms.label(terms.CASE_STATUS, status), words.count(count))
                )
            money = self.tr("Allowance by month")
            for month in summary.monthly_totals:
                how = self.tr("finalised") if month.finalised else self.tr("estimate")
                out.append(
                    Figure(
                        money, f"{i18n.month_text(month.month)} ({how})", i18n.money(month.amount)
                    )
                )
        places = self.tr("Facility")
        for load in summary.facilities:
            share = f" ({round(100 * load.residents / load.capacity)}%)" if load.capacity else ""
            out.append(
                Figure(
                    places,
                    load.name,
                    self.tr("{residents} of {capacity} places{share}").format(
                        residents=words.count(load.residents),
                        capacity=words.count(load.capacity),
                        share=share,
                    ),
                )
            )
        return out
