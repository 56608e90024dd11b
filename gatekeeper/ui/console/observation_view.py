"""Travel history and the observation clock: who is under observation today, their daily
temperatures, recording a journey (a returnee from a listed region is put under observation
until the clearance date), and ending an observation early with a reason.

The rules are the observation service's (services/observation.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.services.container import Services
from gatekeeper.services.observation import (
    MAX_DAYS_AHEAD,
    MAX_NOTE,
    MAX_TEXT,
    ObservationSettings,
    ObservationView,
    SeriesDay,
)
from gatekeeper.services.settings import ScreeningSettings
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.console.pages import (
    ConsolePage,
    ReasonDialog,
    button,
    card,
    count_text,
    label,
    no_department,
)
from gatekeeper.ui.kiosk.texts import format_temperature
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.charts import SeriesChart
from gatekeeper.ui.widgets.data_table import Cell, DataTable
from gatekeeper.ui.widgets.person_picker import PersonPicker, Search


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class ObservationData:
    today: date
    observed: list[ObservationView]
    settings: ObservationSettings
    screening: ScreeningSettings


class RecordTravelDialog(QDialog):
    """Who came back, from where, when; says before saving whether it starts an
    observation and until when."""

    def __init__(
        self, search: Search, settings: ObservationSettings, today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.picker = PersonPicker(search, self)
        self.picker.chosen.connect(lambda _p: self._update())
        self.origin_combo = QComboBox(self)
        self.origin_combo.setEditable(True)
        self.origin_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.origin_combo.addItems(list(settings.regions))
        self.origin_combo.setCurrentIndex(-1)
        line = self.origin_combo.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_TEXT)
            line.setTextMargins(TEXT_MARGIN - 2, 0, 0, 0)
        self.origin_combo.editTextChanged.connect(lambda _t: self._update())
        self.arrived_edit = QDateEdit(self)
        self.arrived_edit.setCalendarPopup(True)
        self.arrived_edit.setDisplayFormat("yyyy-MM-dd")
        self.arrived_edit.setMaximumDate(qdate(today + timedelta(days=MAX_DAYS_AHEAD)))
        self.arrived_edit.setDate(qdate(today))
        self.arrived_edit.dateChanged.connect(lambda _d: self._update())
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.preview_label = label(self, "Notice")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.person_label = label(self, "FieldLabel")
        self.origin_label = label(self, "FieldLabel")
        self.arrived_label = label(self, "FieldLabel")
        self.note_label = label(self, "FieldLabel")
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.addRow(self.person_label, self.picker)
        form.addRow(self.origin_label, self.origin_combo)
        form.addRow(self.arrived_label, self.arrived_edit)
        form.addRow(self.note_label, self.note_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        self.picker.search_edit.setFocus()

    @property
    def person(self) -> PersonView | None:
        return self.picker.selected

    @property
    def origin(self) -> str:
        return " ".join(self.origin_combo.currentText().split())

    @property
    def arrived_on(self) -> date:
        return pydate(self.arrived_edit.date())

    @property
    def note(self) -> str:
        return self.note_edit.text().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.person is not None and bool(self.origin))
        if not self.origin:
            self.preview_label.setText(
                self.tr("A journey from a listed region starts an observation of {days} days.")
                .format(days=self._settings.days)
            )
        elif self._settings.lists(self.origin):
            clears = self.arrived_on + timedelta(days=self._settings.days)
            self.preview_label.setText(
                self.tr("{origin} is a listed region: under observation for {days} days, "
                        "cleared on {date}. A health declaration is asked for every day.")
                .format(origin=self.origin, days=self._settings.days, date=clears.isoformat())
            )
        else:
            self.preview_label.setText(
                self.tr("{origin} is not a listed region: recorded as travel history, without "
                        "observation.").format(origin=self.origin)
            )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Record travel"))
        self.person_label.setText(self.tr("Person"))
        self.origin_label.setText(self.tr("Came from"))
        self.origin_combo.setPlaceholderText(self.tr("City or region"))
        self.arrived_label.setText(self.tr("Arrived on"))
        self.note_label.setText(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Optional: flight, train, who reported it"))
        self.note_edit.setToolTip(self.note_edit.placeholderText())  # whole where elided
        self.ok_button.setText(self.tr("Record"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ObservationPage(ConsolePage):
    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)
        self.series: list[SeriesDay] = []
        self._series_serial = 0
        self.travel_dialog: RecordTravelDialog | None = None
        self.end_dialog: ReasonDialog | None = None
        self._select_after: uuid.UUID | None = None

        self.rules_label = label(self, "Caption")
        self.record_button = button(self, "Primary")
        self.record_button.clicked.connect(self.open_travel_dialog)
        self.end_button = button(self)
        self.end_button.clicked.connect(self.open_end_dialog)

        self.list_card, list_layout = card(self)
        self.list_title = label(self.list_card, "CardTitle", wrap=False)
        self.list_count = label(self.list_card, "CardCount", wrap=False)
        self.table = DataTable(self.list_card)
        self.table.selection_changed.connect(self._selected)
        self.empty_label = label(self.list_card, "Hint")
        self.empty_label.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.list_title)
        title_row.addWidget(self.list_count)
        title_row.addStretch(1)
        title_row.addWidget(self.end_button)
        list_layout.addLayout(title_row)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_label)
        list_layout.addStretch(0)

        self.series_card, series_layout = card(self)
        self.series_title = label(self.series_card, "CardTitle", wrap=False)
        self.series_hint = label(self.series_card, "Hint")
        self.chart = SeriesChart(self.series_card)
        self.days_table = DataTable(self.series_card, stretch_column=3)
        self.days_table.setFixedWidth(380)
        self.days_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(self.chart, 1)
        row.addWidget(self.days_table)
        series_layout.addWidget(self.series_title)
        series_layout.addWidget(self.series_hint)
        series_layout.addLayout(row, 1)

        top = QHBoxLayout()
        top.addWidget(self.rules_label, 1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.list_card, 2)
        layout.addWidget(self.series_card, 3)
        self.retranslate_ui()
        self._show_series(None)

    # -- data ------------------------------------------------------------------------------

    def load(self) -> Callable[[], Any]:
        observation, settings = self.services.observation, self.services.settings

        def job() -> ObservationData:
            today = observation.today()
            return ObservationData(
                today, observation.under_observation(today), observation.settings(),
                settings.screening(),
            )

        return job

    def show_data(self, data: ObservationData) -> None:
        regions = ", ".join(data.settings.regions) or self.tr("none yet")
        self.rules_label.setText(
            self.tr("Listed regions: {regions}. An observation lasts {days} days from the day "
                    "of arrival.").format(regions=regions, days=data.settings.days)
        )
        self.table.set_rows(
            [self._row(view, data.today) for view in data.observed],
            [view.id for view in data.observed],
        )
        if self._select_after is not None:
            self.table.select_key(self._select_after)
            self._select_after = None
        elif self.table.selected_key() is None and data.observed:
            self.table.selectRow(0)  # the one who clears first
        self.list_count.setText(count_text(len(data.observed)))
        self.table.setVisible(bool(data.observed))
        self.empty_label.setVisible(not data.observed)

    def _row(self, view: ObservationView, today: date) -> list[Any]:
        total = (view.clears_on - view.arrived_on).days
        return [
            Cell(view.person.name, bold=True), view.person.staff_no,
            view.person.department or no_department(), view.origin,
            view.arrived_on.isoformat(),
            self.tr("{day} of {days}").format(day=(today - view.arrived_on).days + 1, days=total),
            view.clears_on.isoformat(),
        ]

    def selected_observation(self) -> ObservationView | None:
        if self.data is None:
            return None
        key = self.table.selected_key()
        return next((v for v in self.data.observed if v.id == key), None)

    def select_observation(self, observation_id: uuid.UUID) -> bool:
        return self.table.select_key(observation_id)

    def _selected(self, _key: Any) -> None:
        view = self.selected_observation()
        self.end_button.setEnabled(view is not None)
        if view is None:
            self._series_serial += 1
            self._show_series(None)
            return
        self.load_series(view)

    def load_series(self, view: ObservationView) -> None:
        self._series_serial += 1
        serial = self._series_serial
        observation = self.services.observation

        def done(days: list[SeriesDay]) -> None:
            if serial == self._series_serial:
                self.series = days
                self._show_series(view)

        self.run(lambda: observation.temperature_series(view.id), done)

    def _show_series(self, view: ObservationView | None) -> None:
        if view is None or self.data is None:
            self.series = []
            self.series_title.setText(self.tr("Daily temperatures"))
            self.series_hint.setText(
                self.tr("Choose a person above to see their temperature on each day of the "
                        "observation.")
            )
            self.chart.set_data([], [])
            self.days_table.set_rows([], [])
            return
        data: ObservationData = self.data
        unit = data.screening.temperature_unit
        threshold = data.screening.fever_threshold_c
        self.series_title.setText(
            self.tr("Daily temperatures of {name}").format(name=view.person.name)
        )
        fevers = sum(1 for d in self.series if d.fever)
        self.series_hint.setText(
            self.tr("From {origin}, arrived {arrived}, clears on {clears}. Days with a fever: "
                    "{fevers}.").format(origin=view.origin, arrived=view.arrived_on.isoformat(),
                                        clears=view.clears_on.isoformat(), fevers=fevers)
        )
        self.chart.set_data(
            [d.day.strftime("%m-%d") for d in self.series],
            [d.max_c for d in self.series],
            threshold=threshold,
            threshold_text=self.tr("fever {temperature}").format(
                temperature=format_temperature(threshold, unit)
            ),
            tooltips=[self._day_tooltip(d, unit) for d in self.series],
            description=self.series_hint.text(),
        )
        rows = []
        for day in self.series:
            highest = day.max_c
            if day.day > data.today:
                rows.append([Cell(day.day.strftime("%m-%d"), "muted"), Cell("—", "muted"),
                             Cell("—", "muted"), Cell("—", "muted")])
                continue
            rows.append([
                Cell(day.day.strftime("%m-%d"), bold=day.day == data.today,
                     tooltip=day.day.isoformat()),
                Cell(format_temperature(highest, unit), "alarm" if day.fever else None)
                if highest is not None else Cell(self.tr("not screened"), "warn"),
                count_text(len(day.readings)),
                Cell(self.tr("Yes"), "ok") if day.declared else Cell(self.tr("No"), "warn"),
            ])
        self.days_table.set_rows(rows, [d.day for d in self.series])

    def _day_tooltip(self, day: SeriesDay, unit: Any) -> str:
        if day.max_c is None:
            return self.tr("{date}: no reading").format(date=day.day.isoformat())
        return self.tr("{date}: highest {temperature}").format(
            date=day.day.isoformat(), temperature=format_temperature(day.max_c, unit)
        )

    # -- recording travel ------------------------------------------------------------------

    def open_travel_dialog(self) -> None:
        """Read the listed regions as they are now, then ask who came back from where (the
        dialog is ``travel_dialog`` while it is open)."""
        observation = self.services.observation
        self.record_button.setEnabled(False)

        def show(settings: ObservationSettings) -> None:
            self.record_button.setEnabled(True)
            dialog = RecordTravelDialog(self.search_people, settings, self.today(), self)
            self.open_dialog("travel_dialog", dialog, self._travel_chosen)

        def failed(error: BaseException) -> None:
            self.record_button.setEnabled(True)
            self.report(error)

        if not self.run(observation.settings, show, failed):
            self.record_button.setEnabled(True)

    def _travel_chosen(self, dialog: RecordTravelDialog) -> None:
        person = dialog.person
        if person is not None:
            self.record_travel(person, dialog.origin, dialog.arrived_on, dialog.note)

    def record_travel(self, person: PersonView, origin: str, arrived_on: date, note: str) -> None:
        observation, user = self.services.observation, self.user

        def done(view: ObservationView) -> None:
            self.set_error("")
            if view.observed:
                message = self.tr("{name}'s travel from {origin} was recorded: under "
                                  "observation until {date}.").format(
                    name=person.name, origin=view.origin, date=view.clears_on.isoformat()
                )
            else:
                message = self.tr("{name}'s travel from {origin} was recorded as travel "
                                  "history.").format(name=person.name, origin=view.origin)
            self.say(message)
            self._select_after = view.id
            self.refresh()

        self.run(
            lambda: observation.record_travel(person.id, origin, arrived_on, user, note), done
        )

    # -- ending early ----------------------------------------------------------------------

    def open_end_dialog(self) -> ReasonDialog | None:
        view = self.selected_observation()
        if view is None:
            return None
        dialog = ReasonDialog(
            self,
            title=self.tr("End the observation early"),
            text=self.tr("End the observation of {name} (from {origin}, planned to clear on "
                         "{date}) today. The reason is kept in the audit trail.").format(
                name=view.person.name, origin=view.origin, date=view.clears_on.isoformat()
            ),
            action=self.tr("End observation"),
            placeholder=self.tr("For example: negative test result, confirmed by the clinic"),
        )
        self.open_dialog("end_dialog", dialog, lambda _dialog: self._end_chosen(view, dialog))
        return dialog

    def _end_chosen(self, view: ObservationView, dialog: ReasonDialog) -> None:
        self.end_early(view, dialog.reason)

    def end_early(self, view: ObservationView, reason: str) -> None:
        observation, user = self.services.observation, self.user

        def done(_ended: ObservationView) -> None:
            self.set_error("")
            self.say(self.tr("The observation of {name} was ended early.").format(
                name=view.person.name))
            self.refresh()

        self.run(lambda: observation.end_early(view.id, user, reason), done)

    # -- language --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.record_button.setText(self.tr("Record travel…"))
        self.end_button.setText(self.tr("End early…"))
        self.list_title.setText(self.tr("Under observation today"))
        self.table.set_headers([
            self.tr("Name"), self.tr("Staff no."), self.tr("Department"), self.tr("From"),
            self.tr("Arrived"), self.tr("Day"), self.tr("Clears on"),
        ])
        self.days_table.set_headers([
            self.tr("Date"), self.tr("Highest"), self.tr("Readings"), self.tr("Declared"),
        ])
        self.empty_label.setText(self.tr("Nobody is under observation today."))
        self.chart.set_empty_text(self.tr("No readings yet."))
        if self.data is None:
            self.rules_label.setText("")
        else:
            self.show_data(self.data)
