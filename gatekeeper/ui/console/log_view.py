"""The entry log page of the officer console: filters, the count of matching events, the log
itself (the lazy model of log_model.py), exports and corrections.

Filters: a period in the site's time zone (presets, or from/to), a gate, a department, a
person (by name or staff number, with completion from the registry), a decision and a
direction. Changing one reads the log again after a short pause; clicking a column header
sorts by it (the review service refuses what it cannot sort, and the page says why).

Export writes what the filters select, oldest first, as CSV (with a UTF-8 byte-order mark, for
Excel), XLSX or PDF, the format following the file name; it runs on the service worker with a
progress bar and can be cancelled. Amend corrects the chosen event with a required reason.
Guards may do neither: the services refuse, and the page shows their message.

The window refreshes the visible page every half minute: the page then looks for new events
and shows them at once only when the officer is at the top of the log with nothing selected;
otherwise it says how many are new, and Refresh shows them.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QPoint,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services.container import Services
from gatekeeper.services.export import describe_filter, export_log, format_from_path
from gatekeeper.services.log import LogService
from gatekeeper.services.review import GateChoice, LogFilter, LogRow, ReviewService
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.console.amend_dialog import AmendDialog
from gatekeeper.ui.console.log_model import Column, LogTableModel
from gatekeeper.ui.console.person_file import PersonFileDialog
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import SUCCESS, MessageBar
from gatekeeper.ui.widgets.tables import style_table

# Typing or picking a filter waits this long before the log is read again.
FILTER_DELAY_MS = 300
EXPORT_FORMATS = ("csv", "xlsx", "pdf")
DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm"

# The period presets (the period combo's data).
ALL_TIME, TODAY, YESTERDAY, LAST_7, LAST_30, CUSTOM = (
    "all", "today", "yesterday", "7d", "30d", "custom")
PERIODS = (ALL_TIME, TODAY, YESTERDAY, LAST_7, LAST_30, CUSTOM)
# "Any" in the gate, department, decision and direction combos.
ANY = ""

PERSON_SEPARATOR = " · "
# The widest a column is made when fitted to its contents (pixels); the officer may widen it.
COLUMN_LIMITS = {Column.NAME: 110, Column.DEPARTMENT: 110, Column.REASON: 170,
                 Column.GATE: 110, Column.METHOD: 110}
MIN_REASON_WIDTH = 100
# Columns hidden until the officer shows them (right click on the header).
HIDDEN_COLUMNS = (Column.METHOD,)


class ExportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


@dataclass(frozen=True)
class Choices:
    """What the filter bar offers, read on the worker."""

    gates: list[GateChoice]
    departments: list[str]
    people: list[PersonView]
    # The number of events ``where`` matches now.
    count: int
    where: LogFilter


class LogPage(QWidget):
    """The entry log; ``LogPage(services, user, worker)`` is the page factory. Call
    :meth:`shutdown` when the window closes: it stops the model's reader thread."""

    refreshed = Signal()
    status_message = Signal(str)
    error_message = Signal(str)
    # Rows exported so far (sent from the worker thread; queued to this one).
    _export_progress = Signal(int)

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        parent: QWidget | None = None,
        *,
        background: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.worker = worker
        self.zone = ZoneInfo(services.installation.timezone)
        self._people: list[PersonView] = []
        self._choices_loading = False
        self._exporting = False
        self._cancel_export = threading.Event()
        self._export_total = 0
        self._new_events = 0
        self._files: list[PersonFileDialog] = []
        self._amend_dialog: AmendDialog | None = None
        self._shut_down = False
        # Asks where to save an export (caption, suggested name, filters); tests replace it.
        self.ask_save_path: Callable[[str, str, str], str | None] = self._ask_save_path
        self.setObjectName("LogPage")

        self.count_label = QLabel(self)
        self.count_label.setObjectName("SectionTitle")
        self.new_label = QLabel(self)
        self.new_label.setObjectName("Hint")
        self.new_label.hide()

        # filters
        self.period_combo = QComboBox(self)
        for period in PERIODS:
            self.period_combo.addItem("", period)
        site_zone = QTimeZone(services.installation.timezone.encode())
        self.since_edit = self._date_time_edit(site_zone)
        self.until_edit = self._date_time_edit(site_zone)
        self.gate_combo = QComboBox(self)
        self.gate_combo.addItem("", ANY)
        self.department_combo = QComboBox(self)
        self.department_combo.addItem("", ANY)
        self.department_combo.setMinimumContentsLength(8)
        self.department_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person_edit = QLineEdit(self)
        self.person_edit.setClearButtonEnabled(True)
        self.person_edit.setMaxLength(100)
        self.person_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self._person_names = QStringListModel(self)
        self.person_completer = QCompleter(self._person_names, self)
        self.person_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person_edit.setCompleter(self.person_completer)
        self.decision_combo = QComboBox(self)
        for value in (ANY, *(str(d) for d in (Decision.PASS, Decision.RECHECK, Decision.DENY))):
            self.decision_combo.addItem("", value)
        self.direction_combo = QComboBox(self)
        for value in (ANY, *(str(d) for d in Direction)):
            self.direction_combo.addItem("", value)
        self.clear_button = self._button(self.clear_filters)
        self.filter_labels = {key: QLabel(self) for key in (
            "period", "from", "to", "gate", "department", "person", "decision", "direction")}
        for caption in self.filter_labels.values():
            caption.setObjectName("Caption")

        # actions
        self.refresh_button = self._button(self.reload)
        self.export_button = self._button(lambda: self.export())
        self.amend_button = self._button(lambda: self.amend_selected())
        self.amend_button.setObjectName("Primary")
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_export_button = self._button(self.cancel_export)
        self.cancel_export_button.hide()
        self.message = MessageBar(self)

        # the log
        self.model = LogTableModel(
            ReviewService(services.db, services.installation), background=background,
            parent=self,
        )
        self._counter = ReviewService(services.db, services.installation)
        self.table = style_table(QTableView(self))
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        column, order = self.model.sort_section()
        header.setSortIndicator(column, order)
        for hidden in HIDDEN_COLUMNS:
            self.table.setColumnHidden(int(hidden), True)
        # Columns the officer showed or hid; the others follow the data (the gate column
        # shows once the log holds more than one gate).
        self._chosen_columns: set[Column] = set()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.doubleClicked.connect(lambda index: self.open_person_file(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self._fitted = False
        self.model.countChanged.connect(lambda _count: self._show_count())
        self.model.sortRefused.connect(self._sort_refused)
        self.model.loadFailed.connect(self.report)
        self._export_progress.connect(self._show_export_progress)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.period_combo.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.since_edit.dateTimeChanged.connect(lambda _v: self._edited_period())
        self.until_edit.dateTimeChanged.connect(lambda _v: self._edited_period())
        for combo in (self.gate_combo, self.department_combo, self.decision_combo,
                      self.direction_combo):
            combo.currentIndexChanged.connect(lambda _i: self._filter_timer.start())
        self.person_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.person_edit.returnPressed.connect(self.apply_filters)
        self.person_completer.activated.connect(lambda _text: self.apply_filters())

        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

        self._lay_out()
        self._set_period_edits(ALL_TIME)
        self.retranslate_ui()
        self._update_buttons()
        self._load_choices()

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _date_time_edit(self, zone: QTimeZone) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_TIME_FORMAT)
        if zone.isValid():
            edit.setTimeZone(zone)
        return edit

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        top = (("period", self.period_combo), ("from", self.since_edit),
               ("to", self.until_edit), ("gate", self.gate_combo),
               ("department", self.department_combo))
        bottom = (("person", self.person_edit), ("decision", self.decision_combo),
                  ("direction", self.direction_combo))
        for column, (key, widget) in enumerate(top):
            grid.addWidget(self.filter_labels[key], 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.filter_labels["person"], 2, 0, 1, 2)
        grid.addWidget(self.person_edit, 3, 0, 1, 2)
        for column, (key, widget) in enumerate(bottom[1:], start=2):
            grid.addWidget(self.filter_labels[key], 2, column)
            grid.addWidget(widget, 3, column)
        grid.addWidget(self.clear_button, 3, 4, Qt.AlignmentFlag.AlignLeft)
        grid.setRowMinimumHeight(2, 24)
        for column, stretch in enumerate((2, 3, 3, 2, 2)):
            grid.setColumnStretch(column, stretch)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.count_label)
        actions.addSpacing(8)
        actions.addWidget(self.new_label)
        actions.addStretch(1)
        actions.addWidget(self.progress)
        actions.addWidget(self.cancel_export_button)
        actions.addWidget(self.refresh_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.amend_button)

        # The console window gives the page its title and margins.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    # -- the period --------------------------------------------------------------------------

    def today(self) -> date:
        return self.services.observation.today()

    def period_bounds(self, period: str) -> tuple[datetime, datetime] | None:
        """The [since, until) of a preset, in the site's time zone; None for all time."""
        today = self.today()
        first = {TODAY: today, YESTERDAY: today - timedelta(days=1),
                 LAST_7: today - timedelta(days=6), LAST_30: today - timedelta(days=29)}
        if period not in first:
            return None
        last = today if period != YESTERDAY else today - timedelta(days=1)
        return (datetime.combine(first[period], time(0), self.zone),
                datetime.combine(last + timedelta(days=1), time(0), self.zone))

    def _to_qt(self, moment: datetime) -> QDateTime:
        local = moment.astimezone(self.zone)
        value = QDateTime(QDate(local.year, local.month, local.day),
                          QTime(local.hour, local.minute))
        zone = self.since_edit.timeZone()
        if zone.isValid():
            value = QDateTime(value.date(), value.time(), zone)
        return value

    def _from_qt(self, edit: QDateTimeEdit) -> datetime:
        value = edit.dateTime()
        day, clock = value.date(), value.time()
        return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                        tzinfo=self.zone)

    def _set_period_edits(self, period: str) -> None:
        bounds = self.period_bounds(period)
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(True)
        if bounds is not None:
            self.since_edit.setDateTime(self._to_qt(bounds[0]))
            self.until_edit.setDateTime(self._to_qt(bounds[1]))
        elif period == ALL_TIME:
            today = self.today()
            self.since_edit.setDateTime(self._to_qt(
                datetime.combine(today, time(0), self.zone)))
            self.until_edit.setDateTime(self._to_qt(
                datetime.combine(today + timedelta(days=1), time(0), self.zone)))
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(False)
            edit.setEnabled(period != ALL_TIME)

    def set_period(self, since: datetime, until: datetime) -> None:
        """A custom period (tests, and a link from elsewhere)."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
        for edit, moment in ((self.since_edit, since), (self.until_edit, until)):
            edit.blockSignals(True)
            edit.setDateTime(self._to_qt(moment))
            edit.blockSignals(False)
        self._filter_timer.start()

    def _period_chosen(self) -> None:
        self._set_period_edits(str(self.period_combo.currentData()))
        self._filter_timer.start()

    def _edited_period(self) -> None:
        if self.period_combo.currentData() != CUSTOM:
            self.period_combo.blockSignals(True)
            self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
            self.period_combo.blockSignals(False)
        self._filter_timer.start()

    # -- filters -----------------------------------------------------------------------------

    def find_person(self, text: str) -> PersonView | list[PersonView] | None:
        """The person the text names: a completion ("name · staff number"), a staff number
        or a name (any letter case). Several people of that name: all of them; nobody: None."""
        wanted = text.strip()
        if not wanted:
            return None
        if PERSON_SEPARATOR in wanted:
            number = wanted.rsplit(PERSON_SEPARATOR, 1)[1].strip().casefold()
            for person in self._people:
                if person.staff_no.casefold() == number:
                    return person
        folded = wanted.casefold()
        for person in self._people:
            if person.staff_no.casefold() == folded:
                return person
        named = [p for p in self._people if p.name.casefold() == folded]
        if len(named) == 1:
            return named[0]
        return named or None

    def current_filter(self) -> LogFilter:
        """The filter the bar describes (UserError for a period that ends before it starts)."""
        since = until = None
        if self.period_combo.currentData() != ALL_TIME:
            since, until = self._from_qt(self.since_edit), self._from_qt(self.until_edit)
        gate = str(self.gate_combo.currentData() or "")
        department = str(self.department_combo.currentData() or "")
        decision = str(self.decision_combo.currentData() or "")
        direction = str(self.direction_combo.currentData() or "")
        person_id: uuid.UUID | None = None
        staff_no: str | None = None
        text = self.person_edit.text().strip()
        found = self.find_person(text)
        if isinstance(found, PersonView):
            person_id = found.id
        elif text:
            staff_no = text  # nobody by that name in the registry: matches by number, if any
        return LogFilter(
            since=since,
            until=until,
            gate_id=uuid.UUID(gate) if gate else None,
            department=department or None,
            person_id=person_id,
            staff_no=staff_no,
            decision=Decision(decision) if decision else None,
            direction=Direction(direction) if direction else None,
        )

    def apply_filters(self) -> None:
        """Read the log for the filters now (changing one does it after a short pause)."""
        self._filter_timer.stop()
        try:
            where = self.current_filter()
        except UserError as exc:
            self.report(exc)
            return
        self._show_person_hint()
        if where == self.model.where:
            return
        try:
            self.model.set_filter(where)
        except UserError as exc:  # a temperature sort too broad for the new filter
            self.report(exc)
            return
        self._new_events = 0
        self._show_count()

    def _show_person_hint(self) -> None:
        text = self.person_edit.text().strip()
        found = self.find_person(text)
        if isinstance(found, list):
            self.message.show_message(
                self.tr("Several people are called {name}: choose one from the list, or type "
                        "a staff number.").format(name=text))
        elif text and found is None and self._people:
            self.message.show_message(
                self.tr("Nobody in the registry is called or numbered {text}.").format(
                    text=text))

    def clear_filters(self) -> None:
        for combo in (self.period_combo, self.gate_combo, self.department_combo,
                      self.decision_combo, self.direction_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._set_period_edits(ALL_TIME)
        self.person_edit.blockSignals(True)
        self.person_edit.clear()
        self.person_edit.blockSignals(False)
        self.apply_filters()

    # -- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """The window's periodic refresh: the filter choices again, and new events shown
        when that moves nothing under the officer's eyes (see the module docstring)."""
        self._load_choices()

    def reload(self) -> None:
        """Read the log again now (the Refresh button)."""
        self.model.refresh()
        self._new_events = 0
        self._show_count()
        self._load_choices()

    def _load_choices(self) -> None:
        if self._choices_loading or self._shut_down:
            return
        counter, staff = self._counter, self.services.staff
        where = self.model.where

        def job() -> Choices:
            counter.refresh()
            return Choices(counter.gates(), counter.departments(), staff.list(),
                           counter.count(where), where)

        def failed(error: BaseException) -> None:
            self._choices_loading = False
            self.report(error)

        self._choices_loading = submit(self.worker, job, self._choices_loaded, failed, owner=self)

    def _choices_loaded(self, choices: Choices) -> None:
        self._choices_loading = False
        self._fill_combo(self.gate_combo, [(g.name, str(g.id)) for g in choices.gates])
        if Column.GATE not in self._chosen_columns:
            one_gate = len(choices.gates) <= 1
            if self.table.isColumnHidden(int(Column.GATE)) != one_gate:
                self.table.setColumnHidden(int(Column.GATE), one_gate)
                self._fitted = False
        self._fill_combo(self.department_combo, [(d, d) for d in choices.departments])
        self._people = choices.people
        self._person_names.setStringList(
            [f"{p.name}{PERSON_SEPARATOR}{p.staff_no}" for p in choices.people])
        if choices.where == self.model.where and choices.count != self.model.count:
            at_top = self.table.verticalScrollBar().value() == 0
            if at_top and not self.table.selectionModel().hasSelection():
                self.model.refresh()
                self._new_events = 0
            else:
                self._new_events = max(0, choices.count - self.model.count)
        self._show_count()
        self.refreshed.emit()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """The combo's choices after the first ("any"), keeping the one chosen."""
        chosen = combo.currentData()
        current = [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())]
        if current == items:
            return
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if index < 0 and chosen:
            combo.currentIndexChanged.emit(0)

    def _column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def column_menu(self) -> QMenu:
        """Show or hide each column (the header's context menu)."""
        menu = QMenu(self)
        model = self.model
        for column in Column:
            action = menu.addAction(str(model.headerData(int(column), Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(int(column)))
            action.setEnabled(column is not Column.TIME)
            action.toggled.connect(
                lambda shown, column=column: self.show_column(column, shown))
        return menu

    def show_column(self, column: Column, shown: bool = True) -> None:
        self._chosen_columns.add(column)
        self.table.setColumnHidden(int(column), not shown)
        if shown:
            self._fitted = False
            self._show_count()

    def fit_columns(self) -> None:
        """Columns as wide as their header's words and the rows read so far (long contents
        within limits; the reason gives way when the table is narrow). The officer may still
        widen them."""
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(bold)
        sorted_column, _ = self.model.sort_section()
        widths: dict[Column, int] = {}
        for column in Column:
            if self.table.isColumnHidden(int(column)):
                continue
            title = str(self.model.headerData(int(column), Qt.Orientation.Horizontal))
            wanted = metrics.horizontalAdvance(title) + 10
            if int(column) == sorted_column:
                wanted += 14  # the sort arrow
            content = self.table.sizeHintForColumn(int(column)) + 4
            limit = COLUMN_LIMITS.get(column)
            widths[column] = max(wanted, min(content, limit) if limit else content)
        if Column.REASON in widths:
            others = sum(w for c, w in widths.items() if c is not Column.REASON)
            room = self.table.viewport().width() - others - 2
            widths[Column.REASON] = max(MIN_REASON_WIDTH, min(widths[Column.REASON], room))
        for column, width in widths.items():
            self.table.setColumnWidth(int(column), width)
        self._fitted = self.model.count > 0

    def _show_count(self) -> None:
        if not self._fitted and self.model.count > 0:
            self.fit_columns()
        count = self.model.count
        self.count_label.setText(
            self.tr("Matching events: {count}").format(count=QLocale().toString(count)))
        if self._new_events > 0:
            self.new_label.setText(
                self.tr("{count} new since this list was read: press Refresh to show "
                        "them.").format(count=QLocale().toString(self._new_events)))
            self.new_label.show()
        else:
            self.new_label.hide()
        self._update_buttons()

    def _sort_refused(self, message: str) -> None:
        self.report(message)
        column, order = self.model.sort_section()
        self.table.horizontalHeader().setSortIndicator(column, order)

    # -- selection ---------------------------------------------------------------------------

    def selected_row(self) -> LogRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_event(self, event_id: uuid.UUID, near: int = 0, span: int = 400) -> bool:
        """Select the row of an event among the rows read near ``near``."""
        first = max(0, near - span // 2)
        for row in range(first, min(self.model.count, first + span)):
            found = self.model.row_at(row)
            if found is not None and found.event_id == event_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(self.model.index(row, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        self.amend_button.setEnabled(self.selected_row() is not None and not self._exporting)
        self.export_button.setEnabled(not self._exporting and self.model.count > 0)

    # -- export ------------------------------------------------------------------------------

    def _ask_save_path(self, caption: str, suggested: str, filters: str) -> str | None:
        path, chosen = QFileDialog.getSaveFileName(self, caption, suggested, filters)
        if path and not Path(path).suffix:
            for fmt in EXPORT_FORMATS:
                if f"*.{fmt}" in chosen:
                    path += f".{fmt}"
                    break
        return path or None

    def export(self, path: str | None = None) -> bool:
        """Export what the filters select to ``path`` (asked for when None); the format
        follows the file's suffix. False when nothing was started."""
        if self._exporting:
            return False
        if path is None:
            suggested = f"entry-log-{self.today().strftime('%Y%m%d')}.csv"
            filters = ";;".join((
                self.tr("CSV for Excel (*.csv)"), self.tr("Excel workbook (*.xlsx)"),
                self.tr("PDF for printing (*.pdf)")))
            path = self.ask_save_path(self.tr("Export the entry log"), suggested, filters)
            if not path:
                return False
        try:
            fmt = format_from_path(path, EXPORT_FORMATS)
        except UserError as exc:
            self.report(exc)
            return False
        where = self.model.where
        services, user = self.services, self.user
        cancel = self._cancel_export
        cancel.clear()
        progress = self._export_progress

        def report_progress(rows: int) -> None:  # on the worker thread
            if cancel.is_set():
                raise ExportCancelled()
            progress.emit(rows)

        def job() -> int:
            rows = LogService(services.db, services.installation).rows(where)
            return export_log(
                rows, path, fmt, by=user, db=services.db,
                description=describe_filter(where), progress=report_progress,
            )

        self._exporting = True
        self._export_total = self.model.count
        self.progress.setRange(0, max(self._export_total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_export_button.show()
        self._update_buttons()
        target = Path(path)

        def done(count: int) -> None:
            self._export_finished()
            self.say(self.tr("Exported {count} events to {file}.").format(
                count=QLocale().toString(count), file=str(target)))

        def failed(error: BaseException) -> None:
            self._export_finished()
            if isinstance(error, ExportCancelled):
                self.message.show_message(
                    self.tr("The export was cancelled; no file was written."))
                return
            self.report(error)

        if not submit(self.worker, job, done, failed, owner=self):
            self._export_finished()
            return False
        self.message.show_message(self.tr("Exporting to {file}…").format(file=target.name))
        return True

    def _show_export_progress(self, rows: int) -> None:
        if self._exporting:
            self.progress.setValue(min(rows, self.progress.maximum()))

    def cancel_export(self) -> None:
        self._cancel_export.set()

    def _export_finished(self) -> None:
        self._exporting = False
        self.progress.hide()
        self.cancel_export_button.hide()
        self._update_buttons()

    @property
    def exporting(self) -> bool:
        return self._exporting

    # -- amend -------------------------------------------------------------------------------

    def amend_selected(self) -> AmendDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        position = self.table.selectionModel().selectedRows()[0].row()
        dialog = AmendDialog(self.services, self.user, self.worker, row, self.model, self)
        self._amend_dialog = dialog

        def accepted() -> None:
            amendment = dialog.amendment
            if amendment is None:
                return
            self.model.refresh()
            self._new_events = 0
            self._show_count()
            self.select_event(row.event_id, near=position)
            fields = ", ".join(self.model.field_text(f) for f in amendment.changes)
            self.say(self.tr("Corrected the {fields} of the event at {time}. The original "
                             "stays in the record.").format(fields=fields,
                                                             time=row.local_text))

        def finished(_result: int) -> None:
            self._amend_dialog = None
            dialog.deleteLater()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    # -- person file -------------------------------------------------------------------------

    def open_person_file(self, row_number: int) -> PersonFileDialog | None:
        row = self.model.row_at(row_number)
        if row is None or row.person_id is None:
            return None
        for dialog in self._files:
            if dialog.person_id == row.person_id:
                dialog.raise_()
                return dialog
        dialog = PersonFileDialog(self.services, self.user, self.worker, row.person_id, self)
        self._files.append(dialog)

        def finished(_result: int) -> None:
            if dialog in self._files:
                self._files.remove(dialog)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.show()
        return dialog

    # -- messages ----------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.message.show_message(text, SUCCESS)
        self.status_message.emit(text)

    def report(self, error: BaseException | str) -> None:
        self.message.show_error(error)
        self.error_message.emit(self.message.label.text())

    # -- closing -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the reader thread of the log model, cancel an export, close person files."""
        if self._shut_down:
            return
        self._shut_down = True
        self._cancel_export.set()
        self._filter_timer.stop()
        for dialog in list(self._files):
            dialog.close_file()
        self.model.close()

    # -- language ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        captions = {
            "period": self.tr("Period"), "from": self.tr("From"), "to": self.tr("Until"),
            "gate": self.tr("Gate"), "department": self.tr("Department"),
            "person": self.tr("Person"), "decision": self.tr("Decision"),
            "direction": self.tr("Direction"),
        }
        for key, text in captions.items():
            self.filter_labels[key].setText(text)
        periods = {
            ALL_TIME: self.tr("All time"), TODAY: self.tr("Today"),
            YESTERDAY: self.tr("Yesterday"), LAST_7: self.tr("Last 7 days"),
            LAST_30: self.tr("Last 30 days"), CUSTOM: self.tr("Custom"),
        }
        for index in range(self.period_combo.count()):
            self.period_combo.setItemText(index, periods[str(self.period_combo.itemData(index))])
        self.gate_combo.setItemText(0, self.tr("All gates"))
        self.department_combo.setItemText(0, self.tr("All departments"))
        self.decision_combo.setItemText(0, self.tr("Any decision"))
        for index in range(1, self.decision_combo.count()):
            self.decision_combo.setItemText(
                index, self.model.decision_text(Decision(self.decision_combo.itemData(index))))
        self.direction_combo.setItemText(0, self.tr("In and out"))
        for index in range(1, self.direction_combo.count()):
            self.direction_combo.setItemText(
                index, self.model.direction_text(Direction(self.direction_combo.itemData(index))))
        self.person_edit.setPlaceholderText(self.tr("Name or staff number"))
        self.person_edit.setAccessibleName(self.tr("Person"))
        self.since_edit.setToolTip(self.tr("From this moment on (site time)"))
        self.until_edit.setToolTip(self.tr("Up to, not including, this moment (site time)"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Save the events the filters select as CSV, XLSX or PDF"))
        self.amend_button.setText(self.tr("Amend…"))
        self.amend_button.setToolTip(self.tr("Correct the selected event, with a reason"))
        self.cancel_export_button.setText(self.tr("Cancel export"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._fitted = False
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def row_texts(self, column: Column) -> list[Any]:
        """What a column shows, row by row (tests)."""
        return [self.model.data(self.model.index(r, int(column)))
                for r in range(self.model.rowCount())]
