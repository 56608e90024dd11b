"""The console's entry log page: filters and the count, sorting, exports, corrections; on the
real services and a temporary SQLite database with three days of screenings of the demo
people. The files written and the database are checked, not only the screen."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.review import LogFilter, ReviewService, SortColumn
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserService, UserView, fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Amendment, Person, ScreeningEvent
from gatekeeper.ui.console.amend_dialog import AmendDialog
from gatekeeper.ui.console.log_model import Column
from gatekeeper.ui.console.log_view import ALL_TIME, CUSTOM, TODAY, YESTERDAY, LogPage
from gatekeeper.ui.i18n import CHINESE, Translations
from gatekeeper.ui.kiosk.worker import ServiceWorker

WAIT_MS = 10_000
ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def logged(database: Database, paths: Paths, installation: Installation, clock: Clock) -> Services:
    """The demo people; three days (20-22 Nov, Shanghai) of one entry and one exit each; on the
    last morning 李娜 (1003) is refused after two raised readings. 37 events; 'now' is the
    evening of the third day."""
    services = build_services(database, paths, installation, clock)
    services = dataclasses.replace(
        services, users=UserService(database, installation, clock, hasher=fast_hasher()))
    demo.seed(services)
    services.settings.update(duplicate_window_s=0)
    s = services.screening
    people = services.staff.list()
    for day in range(3):
        morning = START + timedelta(days=day)
        for index, person in enumerate(people):
            clock.now = morning + timedelta(minutes=index)
            fever = day == 2 and person.staff_no == "1003"
            outcome = s.screen(s.identify_manual(person.id), TakenReading(
                parse_reading("38.2" if fever else f"36.{4 + index}"), "sim"), Direction.IN)
            if fever:
                assert outcome.event_id is not None
                clock.now += timedelta(minutes=3)
                s.recheck(outcome.event_id, TakenReading(parse_reading("38.0"), "sim"))
        for index, person in enumerate(people):
            clock.now = morning + timedelta(hours=9, minutes=index)
            s.screen(s.identify_manual(person.id),
                     TakenReading(parse_reading("36.5"), "sim"), Direction.OUT)
    clock.now = START + timedelta(days=2, hours=11)  # 19:00 on the 22nd
    return services


def user(services: Services, name: str) -> UserView:
    return next(u for u in services.users.list() if u.username == name)


def count(services: Services, where: LogFilter) -> int:
    return ReviewService(services.db, services.installation).count(where)


@pytest.fixture
def worker() -> Iterator[ServiceWorker]:
    made = ServiceWorker(name="gatekeeper-console")
    yield made
    assert made.stop()


@pytest.fixture
def make_page(
    qtbot: QtBot, logged: Services, worker: ServiceWorker
) -> Iterator[type[LogPage]]:
    made: list[LogPage] = []

    class Made(LogPage):
        def __init__(self, username: str = "officer") -> None:
            super().__init__(logged, user(logged, username), worker)
            qtbot.addWidget(self)
            self.resize(1200, 760)
            self.show()
            made.append(self)
            qtbot.waitUntil(lambda: not self._choices_loading and self.gate_combo.count() > 1,
                            timeout=WAIT_MS)

    yield Made
    for page in made:
        page.shutdown()
        assert not page.model.reader_running
    assert worker.stop() and not worker.running
    assert not [t for t in threading.enumerate() if t.name == "gatekeeper-log-reader"]


@pytest.fixture
def page(make_page: type[LogPage]) -> LogPage:
    return make_page()


def choose(combo: object, data: str) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def shown_count(page: LogPage) -> int:
    page.apply_filters()
    assert page.count_label.text() == f"Matching events: {page.model.count}"
    return page.model.count


# -- filters and the count -------------------------------------------------------------------


def test_the_whole_log_newest_first(page: LogPage) -> None:
    assert page.model.count == 37
    assert page.count_label.text() == "Matching events: 37"
    times = page.row_texts(Column.TIME)
    assert times == sorted(times, reverse=True)
    assert times[0] == "2026-11-22 17:05:00"


def test_period_presets_count_site_days(page: LogPage) -> None:
    choose(page.period_combo, TODAY)
    assert shown_count(page) == 13
    assert page.since_edit.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-22 00:00"
    choose(page.period_combo, YESTERDAY)
    assert shown_count(page) == 12
    choose(page.period_combo, ALL_TIME)
    assert shown_count(page) == 37
    assert not page.since_edit.isEnabled()


def test_a_custom_period_in_the_site_time_zone(page: LogPage) -> None:
    since = datetime(2026, 11, 21, 12, 0, tzinfo=ZONE)
    until = datetime(2026, 11, 22, 12, 0, tzinfo=ZONE)
    page.set_period(since, until)
    assert page.period_combo.currentData() == CUSTOM
    assert page.current_filter().since == since and page.current_filter().until == until
    assert shown_count(page) == 13 == count(page.services, LogFilter(since=since, until=until))
    # An end before the start is refused, and the log stays as it was.
    page.set_period(until, since)
    page.apply_filters()
    assert "before its start" in page.message.text()
    assert page.model.count == 13


def test_gate_department_decision_and_direction(page: LogPage) -> None:
    gate = str(page.services.installation.gate_id)
    choose(page.gate_combo, gate)
    assert shown_count(page) == 37
    choose(page.department_combo, "质检部")
    assert shown_count(page) == 6
    assert set(page.row_texts(Column.NAME)) == {"王芳"}
    choose(page.department_combo, "")
    choose(page.direction_combo, str(Direction.IN))
    assert shown_count(page) == 19
    choose(page.decision_combo, str(Decision.DENY))
    assert shown_count(page) == 1
    assert page.row_texts(Column.NAME) == ["李娜"]
    page.clear_filters()
    assert page.model.count == 37


def test_person_by_name_staff_number_or_completion(qtbot: QtBot, page: LogPage) -> None:
    for text in ("张伟", "1001", "张伟 · 1001"):
        page.person_edit.setText(text)
        assert shown_count(page) == 6, text
        assert set(page.row_texts(Column.STAFF_NO)) == {"1001"}
    page.person_edit.setText("c2001")
    assert shown_count(page) == 6
    page.person_edit.setText("无此人")
    assert shown_count(page) == 0
    assert "Nobody in the registry is called or numbered 无此人" in page.message.text()
    # Typing waits a moment, then filters by itself.
    page.person_edit.setText("王芳")
    qtbot.waitUntil(lambda: page.model.count == 6, timeout=WAIT_MS)


def test_the_count_follows_new_events_on_refresh(qtbot: QtBot, page: LogPage) -> None:
    services = page.services
    s = services.screening
    zhang = next(p for p in services.staff.list() if p.staff_no == "1001")
    s.screen(s.identify_manual(zhang.id), TakenReading(parse_reading("36.6"), "sim"),
             Direction.IN)
    # The officer reads an older row: the new event is announced, not shown.
    page.table.selectRow(5)
    page.refresh()
    qtbot.waitUntil(lambda: not page._choices_loading, timeout=WAIT_MS)
    assert page.model.count == 37
    assert page.new_label.text().startswith("1 new since this list was read")
    page.reload()
    assert page.model.count == 38 and page.new_label.isHidden()


# -- sorting ---------------------------------------------------------------------------------


def test_clicking_a_header_sorts(page: LogPage) -> None:
    page.table.sortByColumn(int(Column.NAME), Qt.SortOrder.AscendingOrder)
    assert page.model.order.column is SortColumn.NAME
    names = page.row_texts(Column.NAME)
    assert names == sorted(names) and names[:6] == ["Mark Evans"] * 6
    page.table.sortByColumn(int(Column.TEMPERATURE), Qt.SortOrder.DescendingOrder)
    assert page.model.order.column is SortColumn.TEMPERATURE
    temperatures = page.row_texts(Column.TEMPERATURE)
    assert temperatures[:2] == ["38.2 °C", "38.0 °C"]
    values = [float(t.split()[0]) for t in temperatures]
    assert values == sorted(values, reverse=True)
    # Sorting keeps the filter.
    choose(page.direction_combo, str(Direction.OUT))
    assert shown_count(page) == 18
    assert page.model.order.column is SortColumn.TEMPERATURE


def test_a_column_that_does_not_sort_says_so(page: LogPage) -> None:
    page.table.sortByColumn(int(Column.REASON), Qt.SortOrder.AscendingOrder)
    assert "does not sort" in page.message.text()
    assert page.model.order.column is SortColumn.TIME
    column, _ = page.model.sort_section()
    assert page.table.horizontalHeader().sortIndicatorSection() == column


# -- export ----------------------------------------------------------------------------------


def wait_export(qtbot: QtBot, page: LogPage) -> None:
    qtbot.waitUntil(lambda: not page.exporting, timeout=WAIT_MS)


def test_export_csv_has_a_bom_and_the_chinese_names(
    qtbot: QtBot, page: LogPage, tmp_path: Path
) -> None:
    choose(page.direction_combo, str(Direction.IN))
    assert shown_count(page) == 19
    target = tmp_path / "入口记录.csv"
    asked: list[str] = []

    def ask(caption: str, suggested: str, filters: str) -> str:
        asked.append(suggested)
        return str(target)

    page.ask_save_path = ask
    assert page.export()
    assert page.progress.isVisibleTo(page)
    wait_export(qtbot, page)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "张伟" in text and "王芳" in text and "李娜" in text
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 19
    assert all(",out," not in line for line in lines[1:])
    assert asked == ["entry-log-20261122.csv"]
    assert f"Exported 19 events to {target}" in page.message.text()
    assert page.progress.isHidden()


def test_export_xlsx_and_pdf(qtbot: QtBot, page: LogPage, tmp_path: Path) -> None:
    choose(page.decision_combo, str(Decision.PASS))
    expected = shown_count(page)
    page.export(str(tmp_path / "log.xlsx"))
    wait_export(qtbot, page)
    sheet = load_workbook(tmp_path / "log.xlsx", read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert any("张伟" in [str(v) for v in row] for row in rows)
    assert sum(1 for row in rows if row and any(v == "pass" for v in row)) == expected
    page.export(str(tmp_path / "log.pdf"))
    wait_export(qtbot, page)
    assert (tmp_path / "log.pdf").read_bytes().startswith(b"%PDF")


def test_export_to_a_file_of_no_known_kind_is_refused(page: LogPage, tmp_path: Path) -> None:
    assert not page.export(str(tmp_path / "log.txt"))
    assert "Cannot tell the format" in page.message.text()
    assert not (tmp_path / "log.txt").exists()


def test_a_guard_may_not_export(
    qtbot: QtBot, make_page: type[LogPage], tmp_path: Path
) -> None:
    page = make_page("guard")
    page.export(str(tmp_path / "log.csv"))
    wait_export(qtbot, page)
    assert "门卫 王师傅 (guard) may not export the log as csv." in page.message.text()
    assert not (tmp_path / "log.csv").exists()


# -- amend -----------------------------------------------------------------------------------


def select_first(page: LogPage, person: str) -> None:
    page.person_edit.setText(person)
    page.apply_filters()
    page.table.selectRow(0)
    assert page.selected_row() is not None


def open_amend(page: LogPage) -> AmendDialog:
    dialog = page.amend_selected()
    assert isinstance(dialog, AmendDialog)
    return dialog


def amendments(services: Services) -> int:
    with services.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Amendment)) or 0)


def test_amend_with_a_reason_keeps_the_original(qtbot: QtBot, page: LogPage) -> None:
    services = page.services
    select_first(page, "1001")
    row = page.selected_row()
    assert row is not None and row.direction is Direction.OUT
    dialog = open_amend(page)
    assert dialog.recorded_labels["direction"].text() == "Out"
    assert dialog.temperature_edit.text() == "36.5"
    dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData("in"))
    dialog.temperature_edit.setText("36,6")
    dialog.reason_edit.setText("The guard chose Out for a person coming in")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.amendment is not None, timeout=WAIT_MS)
    # The event is as it was recorded; the correction is a row of its own.
    with services.db.session() as session:
        event = session.get(ScreeningEvent, row.event_id)
        assert event is not None and event.direction == "out"
        assert [r.value_c for r in event.readings] == [36.5]
    (amendment,) = services.amend.history(row.event_id)
    assert amendment.actor == "officer"
    assert amendment.reason == "The guard chose Out for a person coming in"
    assert amendment.changes["direction"] == {"from": "out", "to": "in"}
    assert amendment.changes["temperature_c"] == {"from": 36.5, "to": 36.6}
    # The log shows the corrected values, marked.
    selected = page.selected_row()
    assert selected is not None and selected.event_id == row.event_id
    at = page.table.selectionModel().selectedRows()[0].row()
    model = page.model
    assert model.data(model.index(at, Column.AMENDED)) == "Amended"
    assert model.data(model.index(at, Column.DIRECTION)) == "In"
    assert model.data(model.index(at, Column.TEMPERATURE)) == "36.6 °C"
    assert model.data(model.index(at, Column.DIRECTION), Qt.ItemDataRole.FontRole).italic()
    assert "Corrected the direction, temperature" in page.message.text()
    # A second correction shows the recorded values and the earlier correction.
    second = open_amend(page)
    qtbot.waitUntil(lambda: len(second.history) == 1, timeout=WAIT_MS)
    assert second.recorded_labels["direction"].text() == "Out"
    assert second.recorded_labels["temperature_c"].text() == "36.5 °C"
    assert "The guard chose Out" in second.history_label.text()
    second.reject()


def test_amend_without_a_reason_is_refused_in_the_dialog(qtbot: QtBot, page: LogPage) -> None:
    select_first(page, "1002")
    dialog = open_amend(page)
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("deny"))
    dialog.reason_edit.setText("   ")
    dialog.save()
    assert "a reason is required" in dialog.message.text()
    assert dialog.isVisible() and dialog.amendment is None
    assert amendments(page.services) == 0
    # Nothing changed: also refused.
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("pass"))
    dialog.reason_edit.setText("checked again")
    dialog.save()
    assert "Nothing is changed" in dialog.message.text()
    dialog.reject()


def test_the_services_message_shows_in_the_dialog(qtbot: QtBot, page: LogPage) -> None:
    select_first(page, "1005")
    dialog = open_amend(page)
    dialog.temperature_edit.setText("45")
    dialog.reason_edit.setText("typo")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy and "refused" in dialog.message.text(),
                    timeout=WAIT_MS)
    assert "The corrected temperature is refused" in dialog.message.text()
    dialog.temperature_edit.setText("abc")
    dialog.save()
    assert "must be a number" in dialog.message.text()
    assert amendments(page.services) == 0
    dialog.reject()


def test_a_guard_may_not_amend(qtbot: QtBot, make_page: type[LogPage]) -> None:
    page = make_page("guard")
    select_first(page, "1001")
    dialog = open_amend(page)
    dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("deny"))
    dialog.reason_edit.setText("looked unwell")
    dialog.save()
    qtbot.waitUntil(lambda: "may not amend" in dialog.message.text(), timeout=WAIT_MS)
    assert "门卫 王师傅 (guard) may not amend screening events." in dialog.message.text()
    assert amendments(page.services) == 0
    dialog.reject()


def test_double_click_opens_the_person_file(qtbot: QtBot, page: LogPage) -> None:
    select_first(page, "1003")
    dialog = page.open_person_file(0)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=WAIT_MS)
    assert dialog.name_label.text() == "李娜"
    assert dialog.events_model.count == 7
    with page.services.db.session() as session:
        li = session.scalars(select(Person).where(Person.staff_no == "1003")).one()
        assert dialog.person_id == li.id
    dialog.close_file()


def test_the_page_speaks_chinese(page: LogPage, translations: Translations) -> None:
    translations.set_language(CHINESE)
    QApplication.processEvents()
    assert page.export_button.text() == "导出…"
    assert page.count_label.text() == "符合条件的记录：37"
    assert page.period_combo.itemText(0) == "全部时间"


def test_an_export_can_be_cancelled(
    qtbot: QtBot, page: LogPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gatekeeper.services import export
    from gatekeeper.ui.console import log_view

    go = threading.Event()
    real = log_view.LogService

    class SlowLog(real):  # type: ignore[misc, valid-type]
        def rows(self, where: LogFilter) -> Iterator[dict[str, object]]:
            go.wait(5)
            yield from super().rows(where)

    monkeypatch.setattr(log_view, "LogService", SlowLog)
    monkeypatch.setattr(export, "PROGRESS_EVERY", 1)
    target = tmp_path / "log.csv"
    target.write_text("the old file\n")
    assert page.export(str(target))
    assert page.cancel_export_button.isVisibleTo(page)
    page.cancel_export()
    go.set()
    wait_export(qtbot, page)
    assert "cancelled; no file was written" in page.message.text()
    assert target.read_text() == "the old file\n"
    assert page.export_button.isEnabled()


def test_rows_come_from_the_reader_thread_which_stops_with_the_page(
    qtbot: QtBot, make_page: type[LogPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gatekeeper.ui.console import log_model

    monkeypatch.setattr(log_model, "BLOCK", 8)
    page = make_page()
    # Rows past the first block come from the reader thread, as the view shows them.
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.row_at(36) is not None, timeout=WAIT_MS)
    assert page.model.reader_running
    assert page.row_texts(Column.TIME)[-1] == "2026-11-20 08:00:00"
    page.shutdown()
    assert not page.model.reader_running
    assert not [t for t in threading.enumerate() if t.name == "gatekeeper-log-reader"]
