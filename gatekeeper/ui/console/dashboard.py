"""Today at a glance: the day's figures as tiles, entries per hour, the 14-day fever trend, and
the daily report for the authorities in one click (services/reports.py has the definitions)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.services.container import Services
from gatekeeper.services.reports import DailyReport, Dashboard
from gatekeeper.services.users import UserView
from gatekeeper.ui.console.pages import ConsolePage, button, card, count_text, label
from gatekeeper.ui.kiosk.texts import format_temperature
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.widgets.charts import ALARM, BarChart
from gatekeeper.ui.widgets.window_fit import fit_height

# The tiles, in order: the Dashboard field, and when its number needs attention.
TILES: tuple[tuple[str, str | None], ...] = (
    ("entries", "accent"),
    ("unique_people", None),
    ("on_site_now", None),
    ("visitors", None),
    ("fevers", "alarm"),
    ("rechecks", "warn"),
    ("denies", "alarm"),
    ("under_observation", "warn"),
)
FORMATS = ("xlsx", "pdf")


class Tile(QFrame):
    """A big number over what it counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.number_label = QLabel("—", self)
        self.number_label.setObjectName("TileNumber")
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("TileCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(2)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, value: int, tone: str | None) -> None:
        self.number_label.setText(count_text(value))
        shown = tone if tone == "accent" or value > 0 else None
        if self.number_label.property("tone") != (shown or ""):
            self.number_label.setProperty("tone", shown or "")
            self.number_label.style().unpolish(self.number_label)
            self.number_label.style().polish(self.number_label)

    @property
    def text(self) -> str:
        return self.number_label.text()


class DailyReportDialog(QDialog):
    """Which day and which format; the file name is asked for after."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.xlsx_radio = QRadioButton(self)
        self.pdf_radio = QRadioButton(self)
        self.xlsx_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.xlsx_radio)
        group.addButton(self.pdf_radio)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("Hint")
        self.hint_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.date_label = QLabel(self)
        self.format_label = QLabel(self)
        formats = QVBoxLayout()
        formats.setSpacing(4)
        formats.addWidget(self.xlsx_radio)
        formats.addWidget(self.pdf_radio)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow(self.date_label, self.date_edit)
        form.addRow(self.format_label, formats)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)  # the hint wraps onto more lines when the screen narrows the dialog

    @property
    def day(self) -> date:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    @property
    def fmt(self) -> str:
        return "pdf" if self.pdf_radio.isChecked() else "xlsx"

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Daily report"))
        self.date_label.setText(self.tr("Day"))
        self.format_label.setText(self.tr("Format"))
        self.xlsx_radio.setText(self.tr("Excel workbook (.xlsx)"))
        self.pdf_radio.setText(self.tr("PDF for printing (.pdf)"))
        self.hint_label.setText(
            self.tr(
                "Entries and exits, headcount by department, entries by hour, fever cases "
                "with their outcomes and the returnees under observation, in Chinese and "
                "English. The export is recorded in the audit trail."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DashboardPage(ConsolePage):
    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)
        self.report_dialog: DailyReportDialog | None = None
        self.last_report: Path | None = None

        self.day_label = label(self, "SectionTitle")
        self.threshold_label = label(self, "Caption")
        self.report_button = button(self, "Primary")
        self.report_button.clicked.connect(self.open_report_dialog)

        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        for index, (name, _tone) in enumerate(TILES):
            tile = Tile(self)
            self.tiles[name] = tile
            grid.addWidget(tile, index // 4, index % 4)

        self.hours_card, hours_layout = card(self)
        self.hours_title = label(self.hours_card, "CardTitle", wrap=False)
        self.hours_chart = BarChart(self.hours_card)
        hours_layout.addWidget(self.hours_title)
        hours_layout.addWidget(self.hours_chart, 1)

        self.trend_card, trend_layout = card(self)
        self.trend_title = label(self.trend_card, "CardTitle", wrap=False)
        self.trend_chart = BarChart(self.trend_card, colour=ALARM)
        trend_layout.addWidget(self.trend_title)
        trend_layout.addWidget(self.trend_chart, 1)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.day_label)
        titles.addWidget(self.threshold_label)
        top.addLayout(titles, 1)
        top.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignVCenter)

        charts = QHBoxLayout()
        charts.setSpacing(14)
        charts.addWidget(self.hours_card, 3)
        charts.addWidget(self.trend_card, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        self.retranslate_ui()

    # -- data ------------------------------------------------------------------------------

    def load(self) -> Callable[[], Any]:
        return self.services.reports.today

    def show_data(self, data: Dashboard) -> None:
        for name, tone in TILES:
            self.tiles[name].set_value(int(getattr(data, name)), tone)
        locale = QLocale()
        day = QDate(data.day.year, data.day.month, data.day.day)
        self.day_label.setText(
            self.tr("Today, {date}").format(
                date=locale.toString(day, QLocale.FormatType.LongFormat)
            )
        )
        self.threshold_label.setText(
            self.tr("Fever threshold {temperature} · as of {time}").format(
                temperature=format_temperature(data.fever_threshold_c, self.temperature_unit()),
                time=self.local(data.as_of).strftime("%H:%M"),
            )
        )
        hours = data.entries_per_hour
        self.hours_chart.set_data(
            [f"{h:02d}" for h in range(24)],
            hours,
            label_every=3,
            tooltips=[
                self.tr("{start}–{end}: {count} entries").format(
                    start=f"{h:02d}:00", end=f"{(h + 1) % 24:02d}:00", count=n
                )
                for h, n in enumerate(hours)
            ],
            description=self.tr("Entries per hour today: {values}").format(
                values=", ".join(f"{h:02d}:00 {n}" for h, n in enumerate(hours) if n)
            ),
        )
        trend = data.fever_trend
        self.trend_chart.set_data(
            [d.strftime("%m-%d") for d, _ in trend],
            [n for _, n in trend],
            label_every=2,
            highlight=len(trend) - 1,
            tooltips=[
                self.tr("{date}: {count} fever cases").format(date=d.isoformat(), count=n)
                for d, n in trend
            ],
            description=self.tr("Fever cases per day: {values}").format(
                values=", ".join(f"{d.isoformat()} {n}" for d, n in trend)
            ),
        )

    # -- the daily report ------------------------------------------------------------------

    def open_report_dialog(self) -> DailyReportDialog:
        """Ask for the day and the format (then for the file)."""
        dialog = DailyReportDialog(self.today(), self)
        self.open_dialog("report_dialog", dialog, self._report_chosen)
        return dialog

    def _report_chosen(self, dialog: DailyReportDialog) -> None:
        day, fmt = dialog.day, dialog.fmt
        filters = {
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "pdf": self.tr("PDF (*.pdf)"),
        }
        chosen = self.ask_save_path(
            self, self.tr("Save the daily report"),
            f"daily-report-{day.isoformat()}.{fmt}", filters[fmt],
        )
        if chosen is None:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self.export_report(day, path)

    def export_report(self, day: date, path: Path) -> None:
        """Write the report of ``day`` to ``path`` (its suffix gives the format), on the
        worker; audited by the report service."""
        reports, user = self.services.reports, self.user
        self.report_button.setEnabled(False)

        def done(report: DailyReport) -> None:
            self.report_button.setEnabled(True)
            self.last_report = path
            self.set_error("")
            self.say(
                self.tr("The daily report of {date} was saved to {path}.").format(
                    date=report.day.isoformat(), path=str(path)
                )
            )

        def failed(error: BaseException) -> None:
            self.report_button.setEnabled(True)
            self.report(error)

        if not self.run(lambda: reports.export_daily(day, path, by=user), done, failed):
            self.report_button.setEnabled(True)

    # -- language --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        captions = {
            "entries": (self.tr("Entries"), self.tr("Passes going in today")),
            "unique_people": (self.tr("People entered"), self.tr("Different people who came in")),
            "on_site_now": (self.tr("On site now"), self.tr("Came in and have not left")),
            "visitors": (self.tr("Visitors"), self.tr("Visits registered today")),
            "fevers": (self.tr("Fever cases"), self.tr("A reading at or above the threshold")),
            "rechecks": (self.tr("Rechecks"), self.tr("First readings at or above the threshold")),
            "denies": (self.tr("Denied"), self.tr("Refused at a gate today")),
            "under_observation": (
                self.tr("Under observation"), self.tr("Returnees in their observation period")
            ),
        }
        for name, (caption, hint) in captions.items():
            self.tiles[name].caption_label.setText(caption)
            self.tiles[name].setToolTip(hint)
        self.report_button.setText(self.tr("Daily report…"))
        self.report_button.setToolTip(
            self.tr("Save the daily report for the authorities (Excel or PDF)")
        )
        self.hours_title.setText(self.tr("Entries per hour"))
        self.trend_title.setText(self.tr("Fever cases, last 14 days"))
        self.hours_chart.set_empty_text(self.tr("No entries yet today."))
        self.trend_chart.set_empty_text(self.tr("No fever cases in the last 14 days."))
        if self.data is None:
            self.day_label.setText(self.tr("Today"))
        else:
            self.show_data(self.data)
