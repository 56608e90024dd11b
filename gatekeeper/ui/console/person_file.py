"""A person's file: who they are, and everything recorded about them.

The header shows the photo (or initials), the name, staff number, department, kind, phone,
whether the person is active, their badge version and a running observation. The tabs:

- Entries and exits: every screening event of the person, newest first, with its temperature,
  decision and an "amended" mark (the console's log model, filtered to the person);
- Badges: every badge version, when it was issued, replaced and when it expires;
- Declarations: the health declarations the person made, at a gate or from a phone;
- Amendments: the corrections officers made to the person's events, with their reasons;
- Travel and observation: recorded journeys and the observation clock, with the daily
  temperature series of the observation chosen. An officer can record travel here.

Everything but the events is read in one job on the service worker; the events are read by
the log model, block by block, as the table shows them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import Decision, Direction, Role
from gatekeeper.services.amend import AmendmentView
from gatekeeper.services.container import Services
from gatekeeper.services.observation import ObservationView, SeriesDay
from gatekeeper.services.review import LogFilter, LogRow, ReviewService
from gatekeeper.services.staff import BadgeRecord, DeclarationRecord
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.console.log_model import Column as LogColumn
from gatekeeper.ui.console.log_model import LogTableModel
from gatekeeper.ui.console.person_dialog import active_text, badge_text, kind_text
from gatekeeper.ui.kiosk.texts import symptom_text
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.charts import SeriesChart
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import SUCCESS, MessageBar
from gatekeeper.ui.widgets.person_photo import PersonPhoto
from gatekeeper.ui.widgets.save_dialog import SaveDialog
from gatekeeper.ui.widgets.tables import style_table

# The tabs, in order.
EVENTS, BADGES, DECLARATIONS, AMENDMENTS, TRAVEL = range(5)
# Columns of the log that say who: the file is about one person.
HIDDEN_LOG_COLUMNS = (LogColumn.STAFF_NO, LogColumn.NAME, LogColumn.DEPARTMENT)


@dataclass(frozen=True)
class Amended:
    """One correction of one of the person's events."""

    event: LogRow
    amendment: AmendmentView


@dataclass(frozen=True)
class PersonFileData:
    person: PersonView
    photo: bytes | None
    badges: list[BadgeRecord]
    declarations: list[DeclarationRecord]
    journeys: list[ObservationView]
    amendments: list[Amended]
    today: date
    fever_threshold_c: float


def read_person_file(services: Services, person_id: uuid.UUID) -> PersonFileData:
    """Everything the file shows but the events (runs on the service worker)."""
    person = services.staff.get(person_id)
    review = ReviewService(services.db, services.installation)
    query = review.query(LogFilter(person_id=person_id))
    amended: list[Amended] = []
    for row in query.rows_at(0, query.count):
        if row.amended:
            amended.extend(Amended(row, a) for a in services.amend.history(row.event_id))
    amended.sort(key=lambda a: a.amendment.amended_at, reverse=True)
    return PersonFileData(
        person=person,
        photo=services.staff.photo(person_id),
        badges=services.staff.badge_history(person_id),
        declarations=services.staff.declarations(person_id),
        journeys=services.observation.history(person_id),
        amendments=amended,
        today=services.observation.today(),
        fever_threshold_c=services.settings.screening().fever_threshold_c,
    )


def _item(text: str, *, align_right: bool = False, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    style_table(table)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class TravelDialog(SaveDialog):
    """Record a journey of the person: where from, the day of arrival, a note."""

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        person: PersonView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, parent)
        self.services = services
        self.user = user
        self.person = person
        self.recorded: ObservationView | None = None
        self.setModal(True)
        self.setMinimumWidth(440)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionTitle")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("Hint")
        self.hint_label.setWordWrap(True)
        self.message = MessageBar(self)
        self.origin_edit = QLineEdit(self)
        self.origin_edit.setMaxLength(100)
        self.origin_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.arrived_edit = QDateEdit(self)
        self.arrived_edit.setCalendarPopup(True)
        self.arrived_edit.setDisplayFormat("yyyy-MM-dd")
        self.arrived_edit.setDate(QDate(today.year, today.month, today.day))
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        self.note_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.origin_label = QLabel(self)
        self.arrived_label = QLabel(self)
        self.note_label = QLabel(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.origin_label, self.origin_edit)
        form.addRow(self.arrived_label, self.arrived_edit)
        form.addRow(self.note_label, self.note_edit)
        self.make_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def save(self) -> None:
        if self._busy:
            return
        arrived = self.arrived_edit.date()
        arrived_on = date(arrived.year(), arrived.month(), arrived.day())
        origin = self.origin_edit.text()
        note = self.note_edit.text()
        observation = self.services.observation
        person_id, user = self.person.id, self.user
        self.run_save(
            lambda: observation.record_travel(person_id, origin, arrived_on, user, note),
            self._recorded,
        )

    def _recorded(self, view: ObservationView) -> None:
        self.recorded = view

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Record travel"))
        self.title_label.setText(
            self.tr("Travel of {name} ({staff_no})").format(
                name=self.person.name, staff_no=self.person.staff_no)
        )
        self.hint_label.setText(
            self.tr("Coming back from a listed region starts an observation: a health "
                    "declaration every day at the gate until it clears. Travel from "
                    "anywhere else is kept as travel history.")
        )
        self.origin_label.setText(self.tr("Coming from"))
        self.arrived_label.setText(self.tr("Arrived on"))
        self.note_label.setText(self.tr("Note"))
        self.origin_edit.setPlaceholderText(self.tr("City or region, e.g. 武汉"))
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.save_button.setText(self.tr("Record"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class PersonFileDialog(QDialog):
    """The file of one person; a window of its own, several may be open at once."""

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        person_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.worker = worker
        self.person_id = person_id
        self.zone = ZoneInfo(services.installation.timezone)
        self.data: PersonFileData | None = None
        self._loading = False
        self._series: list[SeriesDay] = []
        self._series_for: uuid.UUID | None = None
        self._travel_dialog: TravelDialog | None = None
        self.can_record = user.role in (Role.OFFICER, Role.ADMIN)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1000, 700)

        # header
        self.photo = PersonPhoto(self, side=96)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("Title")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel(self)
        self.observation_label = QLabel(self)
        self.facts: dict[str, tuple[QLabel, QLabel]] = {}
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(2)
        for column, key in enumerate(("staff_no", "department", "kind", "phone", "badge")):
            caption = QLabel(self)
            caption.setObjectName("Caption")
            value = QLabel(self)
            value.setObjectName("Value")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(caption, 0, column)
            facts.addWidget(value, 1, column)
            self.facts[key] = (caption, value)
        facts.setColumnStretch(5, 1)
        self.travel_button = QPushButton(self)
        self.travel_button.setAutoDefault(False)
        self.travel_button.clicked.connect(lambda _checked=False: self.record_travel())
        self.travel_button.setEnabled(self.can_record)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_file)
        self.message = MessageBar(self)

        # entries and exits
        self.events_model = LogTableModel(
            ReviewService(services.db, services.installation),
            LogFilter(person_id=person_id), background=False, parent=self,
        )
        self.events_model.loadFailed.connect(self.message.show_error)
        self.events_model.sortRefused.connect(self.message.show_error)
        self.events_table = style_table(QTableView(self))
        self.events_table.setModel(self.events_model)
        self.events_table.setSortingEnabled(True)
        column, order = self.events_model.sort_section()
        self.events_table.horizontalHeader().setSortIndicator(column, order)
        for hidden in HIDDEN_LOG_COLUMNS:
            self.events_table.setColumnHidden(int(hidden), True)
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_count = QLabel(self)
        self.events_count.setObjectName("Caption")
        self.events_model.countChanged.connect(lambda _n: self._show_event_count())

        self.badges_table = _table(self, 4)
        self.declarations_table = _table(self, 6)
        self.amendments_table = _table(self, 5)
        self.journeys_table = _table(self, 5)
        self.journeys_table.itemSelectionChanged.connect(self._journey_chosen)
        self.series_title = QLabel(self)
        self.series_title.setObjectName("SectionTitle")
        self.series_summary = QLabel(self)
        self.series_summary.setObjectName("Hint")
        self.series_summary.setWordWrap(True)
        self.series_chart = SeriesChart(self)
        self.series_chart.setMinimumHeight(180)

        self.tabs = QTabWidget(self)
        for content in (self._events_tab(), self.badges_table, self.declarations_table,
                        self.amendments_table, self._travel_tab()):
            self.tabs.addTab(self._tab_page(content), "")
        self._lay_out(facts)
        self.retranslate_ui()
        self.refresh()

    # -- layout ------------------------------------------------------------------------------

    def _tab_page(self, content: QWidget) -> QWidget:
        page = QWidget(self)
        page.setObjectName("TabPage")
        page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(content)
        return page

    def _events_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.events_count)
        layout.addWidget(self.events_table, 1)
        return page

    def _travel_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.journeys_table)
        below = QWidget(splitter)
        layout = QVBoxLayout(below)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.series_title)
        layout.addWidget(self.series_summary)
        layout.addWidget(self.series_chart, 1)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _lay_out(self, facts: QGridLayout) -> None:
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(self.name_label)
        title_row.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.observation_label, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addLayout(title_row)
        text.addLayout(facts)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.travel_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        header = QFrame(self)
        header.setObjectName("Card")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(16, 14, 16, 14)
        header_layout.setSpacing(18)
        header_layout.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        header_layout.addLayout(text, 1)
        header_layout.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(12)
        layout.addWidget(header)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    # -- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the file again."""
        if self._loading:
            return
        services, person_id = self.services, self.person_id
        self.events_model.refresh()
        self._loading = submit(self.worker, lambda: read_person_file(services, person_id),
                               self._loaded, self._failed, owner=self)

    @property
    def loading(self) -> bool:
        return self._loading

    def _loaded(self, data: PersonFileData) -> None:
        self._loading = False
        self.data = data
        self._show()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.message.show_error(error)

    def _local(self, moment: datetime | None, with_time: bool = True) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(self.zone)
        return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    def _show(self) -> None:
        data = self.data
        if data is None:
            return
        person = data.person
        self.setWindowTitle(self.tr("{name} ({staff_no}): person file").format(
            name=person.name, staff_no=person.staff_no))
        self.photo.set_person(person.name, data.photo)
        self.name_label.setText(person.name)
        self._show_state(person)
        values = {
            "staff_no": person.staff_no,
            "department": person.department or person.employer or "—",
            "kind": kind_text(person.kind),
            "phone": person.phone or "—",
            "badge": badge_text(person.badge_version),
        }
        for key, value in values.items():
            self.facts[key][1].setText(value)
        self._show_observation_state(data)
        self._show_badges(data.badges)
        self._show_declarations(data.declarations)
        self._show_amendments(data.amendments)
        self._show_journeys(data.journeys, data.today)
        self._show_event_count()

    def _show_state(self, person: PersonView) -> None:
        colour, background = ("#1b6b36", "#e6f4ea") if person.active else ("#a8201a", "#fdeceb")
        self.state_label.setText(active_text(person.active))
        self.state_label.setStyleSheet(
            f"color: {colour}; background: {background}; border-radius: 10px;"
            " padding: 2px 10px; font-weight: 600;"
        )

    def _show_observation_state(self, data: PersonFileData) -> None:
        running = [j for j in data.journeys if j.observed and j.active_on(data.today)]
        if not running:
            self.observation_label.hide()
            return
        clears = max(j.ends_on for j in running)
        self.observation_label.setText(
            self.tr("Under observation until {day}").format(
                day=(clears - timedelta(days=1)).isoformat())
        )
        self.observation_label.setStyleSheet(
            "color: #8a5a00; background: #fff1d6; border-radius: 10px;"
            " padding: 2px 10px; font-weight: 600;"
        )
        self.observation_label.show()

    def _show_event_count(self) -> None:
        count = self.events_model.count
        for log_column in LogColumn:
            if log_column not in HIDDEN_LOG_COLUMNS:
                self.events_table.resizeColumnToContents(int(log_column))
        self.events_table.setColumnWidth(
            int(LogColumn.REASON), min(self.events_table.columnWidth(int(LogColumn.REASON)), 260))
        self.events_count.setText(
            self.tr("No entries or exits recorded.") if count == 0
            else self.tr("{count} entries and exits, newest first. Italic values were "
                         "corrected after the event.").format(count=count)
        )

    def _show_badges(self, badges: Sequence[BadgeRecord]) -> None:
        table = self.badges_table
        table.setRowCount(len(badges))
        now = datetime.now(self.zone)
        for row, badge in enumerate(badges):
            if badge.current and badge.expires_at is not None and badge.expires_at <= now:
                state = self.tr("Expired")
            elif badge.current:
                state = self.tr("Current")
            elif badge.revoked_at is not None:
                state = self.tr("Replaced on {day}").format(
                    day=self._local(badge.revoked_at, with_time=False))
            else:
                state = self.tr("Replaced")
            table.setItem(row, 0, _item(str(badge.version), align_right=True))
            table.setItem(row, 1, _item(self._local(badge.issued_at)))
            table.setItem(row, 2, _item(self._local(badge.expires_at) or self.tr("Never")))
            table.setItem(row, 3, _item(state))
        table.resizeColumnsToContents()

    def _source_text(self, source: str) -> str:
        return {
            "gate": self.tr("At a gate"),
            "web": self.tr("On a phone"),
        }.get(source, source)

    def _show_declarations(self, declarations: Sequence[DeclarationRecord]) -> None:
        table = self.declarations_table
        table.setRowCount(len(declarations))
        for row, declaration in enumerate(declarations):
            symptoms = ", ".join(symptom_text(s) for s in declaration.symptoms)
            table.setItem(row, 0, _item(declaration.for_date.isoformat()))
            table.setItem(row, 1, _item(self._local(declaration.declared_at)))
            table.setItem(row, 2, _item(self._source_text(declaration.source)))
            table.setItem(row, 3, _item(symptoms or self.tr("None"), tooltip=symptoms))
            places = ", ".join(declaration.places_visited)
            table.setItem(row, 4, _item(places or "—", tooltip=places))
            contact = self.tr("Yes") if declaration.contact_with_confirmed else self.tr("No")
            table.setItem(row, 5, _item(contact))
            if declaration.risky:
                for column in range(6):
                    cell = table.item(row, column)
                    if cell is not None:
                        cell.setForeground(Qt.GlobalColor.darkRed)
        table.resizeColumnsToContents()

    def _value_text(self, field: str, value: Any) -> str:
        if value is None:
            return "—"
        model = self.events_model
        try:
            if field == "direction":
                return model.direction_text(Direction(value))
            if field == "decision":
                return model.decision_text(Decision(value))
        except ValueError:
            return str(value)
        if field == "temperature_c":
            return f"{float(value):.1f} °C"
        return str(value)

    def change_text(self, amendment: AmendmentView) -> str:
        """The changes of one amendment in words: "Direction: In → Out; ..."."""
        parts = []
        for field, change in amendment.changes.items():
            name = self.events_model.field_text(field)
            name = name[:1].upper() + name[1:]
            if change.get("purged"):
                parts.append(self.tr("{field}: removed by retention").format(field=name))
            elif field == "person_id":
                parts.append(self.tr("{field}: moved to another person").format(field=name))
            else:
                parts.append(f"{name}: {self._value_text(field, change.get('from'))} → "
                             f"{self._value_text(field, change.get('to'))}")
        return "; ".join(parts)

    def _show_amendments(self, amendments: Sequence[Amended]) -> None:
        table = self.amendments_table
        table.setRowCount(len(amendments))
        for row, amended in enumerate(amendments):
            changes = self.change_text(amended.amendment)
            table.setItem(row, 0, _item(amended.event.local_text))
            table.setItem(row, 1, _item(changes, tooltip=changes))
            table.setItem(row, 2, _item(amended.amendment.reason,
                                        tooltip=amended.amendment.reason))
            table.setItem(row, 3, _item(amended.amendment.actor))
            table.setItem(row, 4, _item(self._local(amended.amendment.amended_at)))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)

    def journey_state(self, journey: ObservationView, today: date) -> str:
        if not journey.observed:
            return self.tr("Travel history only")
        if journey.ended_early and journey.ended_at is not None:
            return self.tr("Ended early on {day}").format(
                day=self._local(journey.ended_at, with_time=False))
        if today < journey.arrived_on:
            return self.tr("Starts on {day}").format(day=journey.arrived_on.isoformat())
        if journey.active_on(today):
            return self.tr("Under observation, clears on {day}").format(
                day=journey.clears_on.isoformat())
        return self.tr("Cleared on {day}").format(day=journey.clears_on.isoformat())

    def _show_journeys(self, journeys: Sequence[ObservationView], today: date) -> None:
        table = self.journeys_table
        chosen = self._chosen_journey()
        table.blockSignals(True)
        table.clearSelection()
        table.setRowCount(len(journeys))
        for row, journey in enumerate(journeys):
            origin = _item(journey.origin)
            origin.setData(Qt.ItemDataRole.UserRole, str(journey.id))
            table.setItem(row, 0, origin)
            table.setItem(row, 1, _item(journey.arrived_on.isoformat()))
            table.setItem(row, 2, _item(self.journey_state(journey, today)))
            table.setItem(row, 3, _item(journey.actor))
            table.setItem(row, 4, _item(journey.note, tooltip=journey.note))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        table.blockSignals(False)
        wanted = next((r for r, j in enumerate(journeys) if chosen and j.id == chosen.id),
                      next((r for r, j in enumerate(journeys) if j.observed), -1))
        if wanted >= 0:
            table.selectRow(wanted)
        else:
            self._show_series(None, [])

    def _chosen_journey(self) -> ObservationView | None:
        if self.data is None:
            return None
        rows = self.journeys_table.selectionModel().selectedRows()
        if not rows:
            return None
        wanted = self.journeys_table.item(rows[0].row(), 0)
        if wanted is None:
            return None
        chosen = str(wanted.data(Qt.ItemDataRole.UserRole))
        return next((j for j in self.data.journeys if str(j.id) == chosen), None)

    def _journey_chosen(self) -> None:
        journey = self._chosen_journey()
        if journey is None or not journey.observed:
            self._show_series(journey, [])
            return
        observation = self.services.observation
        journey_id = journey.id

        def done(series: list[SeriesDay]) -> None:
            current = self._chosen_journey()
            if current is not None and current.id == journey_id:
                self._show_series(current, series)

        submit(self.worker, lambda: observation.temperature_series(journey_id), done,
               self.message.show_error, owner=self)

    def _show_series(self, journey: ObservationView | None, series: list[SeriesDay]) -> None:
        self._series = series
        self._series_for = journey.id if journey is not None else None
        if journey is None or not journey.observed:
            self.series_title.setText(self.tr("Daily temperatures"))
            self.series_summary.setText(
                self.tr("Choose an observation above to see its daily temperatures.")
                if journey is None else
                self.tr("{origin} is not a listed region: no observation was started.").format(
                    origin=journey.origin)
            )
            self.series_chart.set_data([], [])
            self.series_chart.set_empty_text(self.tr("No observation chosen."))
            return
        threshold = self.data.fever_threshold_c if self.data else 37.3
        self.series_title.setText(
            self.tr("Daily highest temperature after {origin}, {first} to {last}").format(
                origin=journey.origin, first=journey.arrived_on.isoformat(),
                last=(journey.ends_on - timedelta(days=1)).isoformat())
        )
        screened = sum(1 for d in series if d.screened)
        declared = sum(1 for d in series if d.declared)
        fever = sum(1 for d in series if d.fever)
        self.series_summary.setText(
            self.tr("{days} days: screened on {screened}, declared on {declared}, raised "
                    "temperature on {fever}.").format(
                days=len(series), screened=screened, declared=declared, fever=fever)
        )
        labels = [d.day.strftime("%m-%d") for d in series]
        values = [d.max_c for d in series]
        tooltips = []
        for d in series:
            value = f"{d.max_c:.1f} °C" if d.max_c is not None else self.tr("no reading")
            declared_text = self.tr("declared") if d.declared else self.tr("no declaration")
            tooltips.append(f"{d.day.isoformat()}: {value}, {declared_text}")
        self.series_chart.set_data(
            labels, values, threshold=threshold,
            threshold_text=self.tr("Fever from {value} °C").format(value=f"{threshold:.1f}"),
            tooltips=tooltips,
            description=self.tr("Daily highest temperature during the observation"),
        )
        self.series_chart.set_empty_text(self.tr("No readings yet."))

    # -- travel ------------------------------------------------------------------------------

    def record_travel(self) -> TravelDialog | None:
        if self.data is None or not self.can_record:
            return None
        dialog = TravelDialog(self.services, self.user, self.worker, self.data.person,
                              self.data.today, self)
        self._travel_dialog = dialog

        def accepted() -> None:
            view = dialog.recorded
            if view is not None:
                if view.observed:
                    text = self.tr("Recorded: {name} is under observation until {day}.").format(
                        name=view.person.name,
                        day=(view.clears_on - timedelta(days=1)).isoformat())
                else:
                    text = self.tr("Recorded as travel history: {origin} is not a listed "
                                   "region.").format(origin=view.origin)
                self.message.show_message(text, SUCCESS)
                self.tabs.setCurrentIndex(TRAVEL)
                self.refresh()

        def finished(_result: int) -> None:
            self._travel_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    # -- closing -----------------------------------------------------------------------------

    def close_file(self) -> None:
        if self._travel_dialog is not None:
            self._travel_dialog.reject()
        self.events_model.close()
        self.done(QDialog.DialogCode.Accepted)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.events_model.close()
        super().closeEvent(event)

    # -- language ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Person file"))
        captions = {
            "staff_no": self.tr("Staff no."),
            "department": self.tr("Department"),
            "kind": self.tr("Kind"),
            "phone": self.tr("Phone"),
            "badge": self.tr("Badge"),
        }
        for key, text in captions.items():
            self.facts[key][0].setText(text)
        self.travel_button.setText(self.tr("Record travel…"))
        if not self.can_record:
            self.travel_button.setToolTip(self.tr("Officers only"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.close_button.setText(self.tr("Close"))
        for index, text in enumerate((self.tr("Entries and exits"), self.tr("Badges"),
                                      self.tr("Declarations"), self.tr("Amendments"),
                                      self.tr("Travel and observation"))):
            self.tabs.setTabText(index, text)
        self.badges_table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Issued"), self.tr("Expires"), self.tr("State")])
        self.declarations_table.setHorizontalHeaderLabels(
            [self.tr("For the day"), self.tr("Declared at"), self.tr("Where"),
             self.tr("Symptoms"), self.tr("Places visited"),
             self.tr("Contact with a confirmed case")])
        self.amendments_table.setHorizontalHeaderLabels(
            [self.tr("Event"), self.tr("Changes"), self.tr("Reason"), self.tr("By"),
             self.tr("When")])
        self.journeys_table.setHorizontalHeaderLabels(
            [self.tr("Coming from"), self.tr("Arrived on"), self.tr("Observation"),
             self.tr("Recorded by"), self.tr("Note")])
        if self.data is not None:
            self._show()
        else:
            self._show_series(None, [])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
