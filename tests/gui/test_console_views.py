"""The officer console's pages, each built alone with the real services on a temporary SQLite
database: the demo people, screenings made through the screening service at known times, and
a clock the test moves. Every check reads the database too, not only the screen."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction, TempUnit
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import demo
from gatekeeper.services.alerts import AlertOutcome
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.screening import Declaration, Outcome, TakenReading
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserService, UserView, fast_hasher
from gatekeeper.services.views import PersonView
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AuditEntry, ScreeningEvent
from gatekeeper.ui.console.alerts_view import AlertsPage
from gatekeeper.ui.console.dashboard import DashboardPage
from gatekeeper.ui.console.observation_view import ObservationPage
from gatekeeper.ui.console.pages import ConsolePage
from gatekeeper.ui.console.presence_view import MissedPage, OnSitePage
from gatekeeper.ui.console.settings_view import KIOSK, OBSERVATION, SCREENING, SettingsPage
from gatekeeper.ui.kiosk.worker import ServiceWorker

WAIT_MS = 5000
#: 10:00 in Asia/Shanghai, the fixture installation's zone.
START = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def local(self, day_offset: int, hour: int, minute: int = 0) -> datetime:
        """A site-local (UTC+8) moment, ``day_offset`` days from the start day."""
        return datetime(2026, 11, 27 + day_offset, hour, minute, tzinfo=UTC) - timedelta(hours=8)


@dataclasses.dataclass
class Site:
    services: Services
    clock: Clock
    officer: UserView
    admin: UserView
    people: dict[str, PersonView]

    def screen(self, staff_no: str, *temps: str, direction: Direction = Direction.IN,
               declaration: Declaration | None = None) -> Outcome:
        s = self.services.screening
        identity = s.identify_manual(self.people[staff_no].id)
        outcome = s.screen(identity, read(temps[0]), direction, declaration=declaration)
        for temp in temps[1:]:
            self.clock.now += timedelta(seconds=30)
            assert outcome.event_id is not None
            outcome = s.recheck(outcome.event_id, read(temp))
        return outcome


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


@pytest.fixture
def site(database: Database, paths: Paths, installation: Installation) -> Site:
    """Today (27 November, Shanghai) at 10:00: 张伟 and 王芳 came in; 李娜's fever was
    confirmed (denied); 刘洋's first reading was high, the second normal (in); Mark Evans came
    in and left; 陈静 has not come. Two days ago 张伟 had a first reading at 37.8 and walked
    away (a fever case still open)."""
    clock = Clock()
    built = build_services(database, paths, installation, clock)
    services = dataclasses.replace(
        built, users=UserService(database, installation, clock, hasher=fast_hasher())
    )
    demo.seed(services)
    officer = next(u for u in services.users.list() if u.username == "officer")
    admin = services.users.add(username="admin", role="admin", secret="admin-pass",
                               display_name="系统管理员")
    people = {p.staff_no: p for p in services.staff.list()}
    result = Site(services, clock, officer, admin, people)

    clock.now = clock.local(-2, 7, 50)
    result.screen("1001", "37.8")
    for staff_no, temps, at, direction in (
        ("1001", ("36.5",), (8, 10), Direction.IN),
        ("1002", ("36.7",), (8, 20), Direction.IN),
        ("1003", ("37.9", "38.1"), (8, 30), Direction.IN),
        ("1004", ("37.6", "36.8"), (8, 40), Direction.IN),
        ("C2001", ("36.4",), (8, 50), Direction.IN),
        ("C2001", ("36.5",), (9, 30), Direction.OUT),
    ):
        clock.now = clock.local(0, *at)
        result.screen(staff_no, *temps, direction=direction)
    clock.now = START
    return result


Make = Callable[..., Any]


@pytest.fixture
def make_page(qtbot: QtBot, site: Site) -> Iterator[Make]:
    """Builds a page on a worker of its own, shows it and waits for its first load; the
    workers are stopped afterwards."""
    workers: list[ServiceWorker] = []

    def make(kind: type[ConsolePage], user: UserView | None = None) -> Any:
        worker = ServiceWorker()
        workers.append(worker)
        page = kind(site.services, user or site.officer, worker)
        qtbot.addWidget(page)
        page.resize(1040, 720)
        page.show()
        refresh(qtbot, page)
        return page

    yield make
    for worker in workers:
        worker.stop()
        assert not worker.running


def refresh(qtbot: QtBot, page: ConsolePage) -> None:
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.refresh()


def idle(qtbot: QtBot, page: ConsolePage) -> None:
    qtbot.waitUntil(lambda: page.worker.pending == 0, timeout=WAIT_MS)


def audit(database: Database, action: str) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def messages(page: ConsolePage) -> list[str]:
    said: list[str] = []
    page.status_message.connect(said.append)
    return said


# -- dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_todays_figures_and_both_charts(make_page: Make, site: Site) -> None:
    page: DashboardPage = make_page(DashboardPage)
    texts = {name: tile.text for name, tile in page.tiles.items()}
    assert texts == {
        "entries": "4",  # 张伟, 王芳, 刘洋 (on the second reading), Mark Evans
        "unique_people": "4",
        "on_site_now": "3",  # Mark Evans left
        "visitors": "0",
        "fevers": "2",  # 李娜 and 刘洋: each pair is one case
        "rechecks": "2",
        "denies": "1",
        "under_observation": "0",
    }
    assert page.tiles["fevers"].number_label.property("tone") == "alarm"
    assert page.tiles["visitors"].number_label.property("tone") == ""
    hours = page.hours_chart.values
    assert len(hours) == 24 and hours[8] == 4 and sum(hours) == 4
    assert page.hours_chart.labels[:4] == ["00", "01", "02", "03"]
    trend = page.trend_chart.values
    assert len(trend) == 14
    assert trend[-1] == 2 and trend[-3] == 1 and sum(trend) == 3
    assert page.trend_chart.labels[-1] == "11-27"
    assert page.day_label.text().startswith("Today, ") and "2026" in page.day_label.text()
    assert "37.3 °C" in page.threshold_label.text()


def test_the_daily_report_is_saved_from_the_dialog_and_audited(
    qtbot: QtBot, make_page: Make, site: Site, tmp_path: Path, database: Database
) -> None:
    page: DashboardPage = make_page(DashboardPage)
    asked: list[tuple[str, str]] = []

    def answer(_parent: QWidget, _caption: str, suggested: str, filters: str) -> str:
        asked.append((suggested, filters))
        return str(tmp_path / "report")  # no suffix: the format's is added

    page.ask_save_path = answer
    said = messages(page)
    dialog = page.open_report_dialog()
    assert dialog.date_edit.maximumDate() == QDate(2026, 11, 27)
    dialog.date_edit.setDate(QDate(2026, 11, 25))
    dialog.pdf_radio.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.last_report is not None, timeout=WAIT_MS)

    assert asked == [("daily-report-2026-11-25.pdf", "PDF (*.pdf)")]
    written = tmp_path / "report.pdf"
    assert page.last_report == written
    assert written.read_bytes().startswith(b"%PDF")
    assert said and "2026-11-25" in said[-1] and str(written) in said[-1]
    [entry] = audit(database, "report.export")
    assert entry.actor == "officer"
    details = json.loads(entry.details)
    assert (details["format"], details["day"]) == ("pdf", "2026-11-25")


def test_a_report_that_cannot_be_written_is_said_on_the_page(
    qtbot: QtBot, make_page: Make, tmp_path: Path
) -> None:
    page: DashboardPage = make_page(DashboardPage)
    errors: list[str] = []
    page.error_message.connect(errors.append)
    page.export_report(date(2026, 11, 27), tmp_path / "no-such-folder" / "report.xlsx")
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert page.error_label.isVisible()
    assert page.report_button.isEnabled()
    assert page.last_report is None


# -- alerts ---------------------------------------------------------------------------------


def open_names(page: AlertsPage) -> list[str]:
    return page.open_table.column_texts(1)


def test_alerts_lists_the_open_cases_newest_first(make_page: Make, site: Site) -> None:
    page: AlertsPage = make_page(AlertsPage)
    assert open_names(page) == ["刘洋", "李娜", "张伟"]
    liu, li, zhang = (page.open_table.row_texts(r) for r in range(3))
    assert liu[0] == "08:40" and liu[4] == "Fever" and liu[5] == "Cleared on the second reading"
    assert liu[6] == "37.6 → 36.8 °C"
    assert li[5] == "Fever confirmed" and li[6] == "37.9 → 38.1 °C" and li[3] == "焊装车间"
    assert zhang[0] == "2026-11-25 07:50" and zhang[5] == "Second reading not taken"
    assert zhang[6] == "37.8 °C"
    assert page.open_count.text() == "3"
    assert not page.ack_button.isEnabled()
    assert page.done_empty.isVisible() and not page.done_table.isVisible()


def test_acknowledging_an_alert_moves_it_to_the_acknowledged_list(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    page: AlertsPage = make_page(AlertsPage)
    counts: list[int] = []
    page.open_alerts_changed.connect(counts.append)
    li = next(a for a in page.open_alerts if a.person and a.person.staff_no == "1003")
    assert page.select_alert(li.event_id)
    page.set_outcome(AlertOutcome.ISOLATION_ROOM)
    qtbot.keyClicks(page.note_edit, "Taken to the isolation room")
    page.note_edit.insert(" by 赵主任")
    assert page.ack_button.isEnabled()
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        qtbot.mouseClick(page.ack_button, Qt.MouseButton.LeftButton)

    assert open_names(page) == ["刘洋", "张伟"]
    assert counts[-1] == 2
    assert page.done_table.column_texts(1) == ["李娜"]
    assert page.done_table.row_texts(0)[5:8] == [
        "Isolation room", "Taken to the isolation room by 赵主任", "officer",
    ]
    assert page.note_edit.text() == "" and page.outcome is None
    [entry] = audit(database, "alert.acknowledge")
    assert entry.actor == "officer" and entry.entity_id == str(li.event_id)
    assert json.loads(entry.details)["outcome"] == "isolation_room"
    assert [a.event_id for a in site.services.alerts.open_alerts()] == [
        a.event_id for a in page.open_alerts
    ]


def test_other_needs_a_note_and_a_cleared_fever_suggests_its_outcome(
    make_page: Make, site: Site
) -> None:
    page: AlertsPage = make_page(AlertsPage)
    liu = next(a for a in page.open_alerts if a.person and a.person.staff_no == "1004")
    page.select_alert(liu.event_id)
    assert page.outcome is AlertOutcome.CLEARED_BY_RECHECK
    assert page.ack_button.isEnabled()
    page.set_outcome(AlertOutcome.OTHER)
    assert not page.ack_button.isEnabled()
    assert page.form_hint.text() == "Say in the note what was done."
    page.note_edit.setText("Went home on his own")
    assert page.ack_button.isEnabled()
    labels = [page.outcome_combo.itemText(i) for i in range(page.outcome_combo.count())]
    assert labels[:3] == ["Sent home", "Isolation room", "Cleared by recheck"]


def test_an_alert_acknowledged_elsewhere_meanwhile_is_said_and_dropped(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: AlertsPage = make_page(AlertsPage)
    zhang = page.open_alerts[-1]
    site.services.alerts.acknowledge(zhang.event_id, AlertOutcome.SENT_HOME, "", by=site.admin)
    errors: list[str] = []
    page.error_message.connect(errors.append)
    page.acknowledge(zhang.event_id, AlertOutcome.FALSE_ALARM, "")
    qtbot.waitUntil(lambda: bool(errors) and len(page.open_alerts) == 2, timeout=WAIT_MS)
    assert "already acknowledged by admin" in errors[0]
    assert "张伟" not in open_names(page)


# -- on site now and nobody missed ----------------------------------------------------------


def test_on_site_now_by_department_and_the_evacuation_roll_call(
    qtbot: QtBot, make_page: Make, site: Site, tmp_path: Path
) -> None:
    page: OnSitePage = make_page(OnSitePage)
    assert page.people.column_texts(0) == ["刘洋", "张伟", "王芳"]  # by department, then name
    assert page.people.row_texts(0) == [
        "刘洋", "1004", "仓储物流", "Employee", "08:40", "North Gate"
    ]
    assert page.departments.column_texts(0) == ["All departments", "仓储物流", "总装车间", "质检部"]
    assert page.departments.column_texts(1) == ["3", "1", "1", "1"]
    assert page.chosen_department() is None
    assert page.choose_department("质检部")
    assert page.people.column_texts(0) == ["王芳"]
    assert page.people_count.text() == "1"
    assert "23:30" in page.cutoff_label.text()
    refresh(qtbot, page)
    assert page.chosen_department() == "质检部", "a refresh keeps the department chosen"
    page.choose_department(None)

    opened: list[Path] = []
    page.open_file = opened.append
    page.ask_save_path = lambda *_args: str(tmp_path / "roll")
    said = messages(page)
    page.roll_button.click()
    qtbot.waitUntil(lambda: page.last_roll_call is not None, timeout=WAIT_MS)
    pdf = tmp_path / "roll.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert opened == [pdf]
    assert "(3 people)" in said[-1]


def test_cancelling_the_roll_call_dialog_writes_nothing(
    make_page: Make, site: Site, tmp_path: Path
) -> None:
    page: OnSitePage = make_page(OnSitePage)
    page.ask_save_path = lambda *_args: None
    page.save_roll_call()
    assert page.worker.pending == 0
    assert page.last_roll_call is None


def test_nobody_missed_lists_the_unscreened_by_department_and_the_uncleared_denials(
    make_page: Make, site: Site
) -> None:
    page: MissedPage = make_page(MissedPage)
    assert page.missing.column_texts(0) == ["李娜", "陈静"]
    assert page.missing.row_texts(0)[4:] == ["—", "Denied today"]
    assert page.missing.row_texts(1)[4:] == ["—", "Not at a gate yet"]
    assert page.departments.column_texts(0) == ["All departments", "焊装车间", "行政部"]
    assert page.departments.column_texts(1) == ["2", "1", "1"]
    page.choose_department("行政部")
    assert page.missing.column_texts(0) == ["陈静"]
    assert page.missing_count.text() == "2", "the title counts everybody"
    assert page.denied.column_texts(1) == ["李娜"]
    assert page.denied.row_texts(0)[4] == "Fever confirmed"
    assert page.denied_count.text() == "1"


def test_nobody_missed_is_empty_when_everybody_passed(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: MissedPage = make_page(MissedPage)
    site.clock.now = START + timedelta(minutes=5)
    site.screen("1003", "36.6")
    site.clock.now += timedelta(minutes=1)
    site.screen("1005", "36.5")
    refresh(qtbot, page)
    assert not page.missing.isVisible() and page.missing_empty.isVisible()
    assert not page.denied.isVisible() and page.denied_empty.isVisible()
    assert page.departments.column_texts(1) == ["0"]


# -- observation ----------------------------------------------------------------------------


def test_recording_travel_starts_an_observation_with_its_daily_series(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    site.services.observation.update_settings(site.officer, regions=["武汉"], days=14)
    page: ObservationPage = make_page(ObservationPage)
    assert page.empty_label.isVisible()
    assert "武汉" in page.rules_label.text() and "14 days" in page.rules_label.text()

    page.open_travel_dialog()
    qtbot.waitUntil(lambda: page.travel_dialog is not None, timeout=WAIT_MS)
    dialog = page.travel_dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()
    dialog.picker.search_edit.setText("陈静")
    dialog.picker.search_now()
    qtbot.waitUntil(lambda: dialog.person is not None, timeout=WAIT_MS)
    dialog.origin_combo.setEditText(" 武汉 ")
    dialog.arrived_edit.setDate(QDate(2026, 11, 25))
    assert "cleared on 2026-12-09" in dialog.preview_label.text()
    dialog.note_edit.setText("G1234 from Wuhan")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and bool(page.series), timeout=WAIT_MS)

    assert page.table.row_texts(0) == [
        "陈静", "1005", "行政部", "武汉", "2026-11-25", "3 of 14", "2026-12-09"
    ]
    [view] = site.services.observation.under_observation(date(2026, 11, 27))
    assert (view.person.staff_no, view.origin, view.note) == ("1005", "武汉", "G1234 from Wuhan")
    assert len(page.series) == 14
    assert page.chart.values == [None] * 14
    assert page.days_table.row_texts(2) == ["11-27", "not screened", "0", "No"]
    [entry] = audit(database, "observation.record")
    assert entry.actor == "officer"

    # 陈静 comes in: the kiosk asks for a declaration, then a reading.
    site.clock.now = START + timedelta(minutes=10)
    site.screen("1005", "37.4", declaration=Declaration())
    page.load_series(view)
    qtbot.waitUntil(lambda: page.chart.values[2] == 37.4, timeout=WAIT_MS)
    assert page.days_table.row_texts(2) == ["11-27", "37.4 °C", "1", "Yes"]
    assert "Days with a fever: 1" in page.series_hint.text()


def test_travel_from_elsewhere_is_history_only(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: ObservationPage = make_page(ObservationPage)
    said = messages(page)
    page.record_travel(site.people["1002"], "上海", date(2026, 11, 26), "")
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    assert "recorded as travel history" in said[0]
    idle(qtbot, page)
    assert page.table.rowCount() == 0
    [journey] = site.services.observation.history(site.people["1002"].id)
    assert not journey.observed


def test_ending_an_observation_early_needs_a_reason(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    site.services.observation.update_settings(site.officer, regions=["武汉"])
    view = site.services.observation.record_travel(
        site.people["1005"].id, "武汉", date(2026, 11, 20), site.officer
    )
    page: ObservationPage = make_page(ObservationPage)
    qtbot.waitUntil(lambda: page.selected_observation() is not None, timeout=WAIT_MS)
    dialog = page.open_end_dialog()
    assert dialog is not None and "陈静" in dialog.text_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.reason_edit.setText("Negative test, confirmed by the clinic")
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert page.table.rowCount() == 0
    assert site.services.observation.get(view.id).ended_early
    [entry] = audit(database, "observation.end_early")
    assert "Negative test" in entry.details


# -- settings -------------------------------------------------------------------------------


def test_an_admin_changes_the_screening_settings_and_the_checkout_time(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    page: SettingsPage = make_page(SettingsPage, site.admin)
    assert not page.notice_label.isVisible()
    assert page.threshold_spin.isEnabled() and page.screening_save.isVisible()
    assert page.threshold_spin.value() == pytest.approx(37.3)
    assert not page.screening_save.isEnabled()
    page.threshold_spin.setValue(37.5)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("F"))
    page.cutoff_edit.setTime(QTime(22, 0))
    assert page.dirty == {SCREENING} and page.screening_save.isEnabled()

    refresh(qtbot, page)
    assert page.threshold_spin.value() == pytest.approx(37.5), "a refresh keeps the edits"

    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.screening_save.click()
    assert page.dirty == set()
    saved = site.services.settings.screening()
    assert saved.fever_threshold_c == 37.5 and saved.temperature_unit is TempUnit.F
    assert site.services.presence.auto_checkout_time() == time(22, 0)
    [entry] = audit(database, "settings.update")
    assert entry.actor == "admin"
    assert len(audit(database, "settings.presence")) == 1


def test_an_officer_sees_admin_settings_read_only_and_changes_observation(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: SettingsPage = make_page(SettingsPage, site.officer)
    assert page.notice_label.isVisible()
    for widget in (page.threshold_spin, page.cutoff_edit, *page.retention_spins.values()):
        assert not widget.isEnabled()
    for widget in (page.screening_save, page.retention_save, page.purge_button):
        assert widget.isHidden()
    page.save_screening()  # even called directly, nothing happens
    assert page.worker.pending == 0

    page.regions_edit.setPlainText("武汉\n\n  Wuhan \n")
    page.days_spin.setValue(10)
    assert page.dirty == {OBSERVATION}
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.observation_save.click()
    settings = site.services.observation.settings()
    assert settings.regions == ("武汉", "Wuhan") and settings.days == 10
    assert page.regions_edit.toPlainText() == "武汉\nWuhan"


def test_an_admin_sets_the_kiosk_mode_and_where_its_records_go(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    page: SettingsPage = make_page(SettingsPage, site.admin)
    assert page.camera_edit.text() == "0" and page.thermometer_edit.text() == "manual"
    assert not page.sync_url_edit.isEnabled()  # nowhere: no address to give
    page.mode_combo.setCurrentIndex(page.mode_combo.findData("unattended"))
    page.sync_combo.setCurrentIndex(page.sync_combo.findData("upstream"))
    assert page.sync_url_edit.isEnabled() and page.dirty == {KIOSK}

    page.save_kiosk()  # no address yet: said, nothing stored
    assert "address" in page.error_label.text()
    assert site.services.settings.kiosk().mode is None

    page.sync_url_edit.setText("mysql://nowhere/db")
    page.save_kiosk()
    qtbot.waitUntil(lambda: "PostgreSQL" in page.error_label.text(), timeout=WAIT_MS)
    assert site.services.settings.kiosk().upstream is None

    url = "postgresql+psycopg://gate:pw@central.example/gatekeeper"
    page.sync_url_edit.setText(url)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.kiosk_save.click()
    kept = site.services.settings.kiosk()
    assert (kept.mode, kept.upstream, kept.post) == ("unattended", url, None)
    [entry] = [e for e in audit(database, "settings.update") if "kiosk.mode" in e.details]
    assert entry.actor == "admin" and "pw@" not in entry.details
    assert page.dirty == set() and page.sync_url_edit.text() == url


def test_an_officer_sees_the_kiosk_settings_read_only(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: SettingsPage = make_page(SettingsPage, site.officer)
    for widget in (page.camera_edit, page.mode_combo, page.sync_combo, page.sync_url_edit):
        assert not widget.isEnabled()
    assert page.kiosk_save.isHidden()
    page.save_kiosk()  # even called directly, nothing happens
    assert page.worker.pending == 0


def test_holds_and_the_purge_with_its_preview_and_confirmation(
    qtbot: QtBot, make_page: Make, site: Site, database: Database
) -> None:
    page: SettingsPage = make_page(SettingsPage, site.admin)
    for spin in page.retention_spins.values():
        spin.setValue(1)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.retention_save.click()
    assert site.services.retention.settings().event_days == 1

    # 李娜's records are kept: her fever case is under investigation.
    dialog = page.open_hold_dialog()
    dialog.picker.search_edit.setText("1003")
    dialog.picker.search_now()
    qtbot.waitUntil(lambda: dialog.person is not None, timeout=WAIT_MS)
    dialog.reason_edit.setText("Fever case under investigation")
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert page.holds_table.column_texts(0) == ["李娜"]

    site.clock.now = START + timedelta(days=3)
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.plan is not None, timeout=WAIT_MS)
    assert page.plan is not None and page.plan.held_people == 1
    planned = page.plan.counts.events
    assert planned > 0 and f"{planned} screening events" in page.plan_label.text()

    asked: list[str] = []

    def refuse(_parent: QWidget, title: str, _text: str, _action: str) -> bool:
        asked.append(title)
        return False

    page.confirm = refuse
    page.purge_button.click()
    assert asked == ["Purge old records"] and page.worker.pending == 0

    page.confirm = lambda *_args: True
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.purge_button.click()
    assert page.purge_result is not None and page.purge_result.removed.events == planned
    with database.session() as session:
        left = session.scalars(select(ScreeningEvent.person_id)).all()
    assert set(left) == {site.people["1003"].id}
    [entry] = audit(database, "retention.purge")
    assert entry.actor == "admin"

    page.holds_table.select_key(page.holds_table.keys[0])
    with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
        page.release_button.click()
    assert page.holds_table.rowCount() == 0
    assert len(audit(database, "retention.release")) == 1


# -- every page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", [DashboardPage, AlertsPage, OnSitePage, MissedPage, ObservationPage, SettingsPage]
)
def test_a_page_says_what_went_wrong_instead_of_crashing(
    qtbot: QtBot, make_page: Make, site: Site, kind: type[ConsolePage],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = make_page(kind)

    def broken() -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(page, "load", lambda: broken)
    errors: list[str] = []
    page.error_message.connect(errors.append)
    page.refresh()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert "RuntimeError" in errors[0] and "log file" in errors[0]
    assert page.error_label.isVisible()
    assert not page.loading
    monkeypatch.undo()
    refresh(qtbot, page)
    assert not page.error_label.isVisible()


def test_a_refresh_asked_for_while_one_runs_follows_it(
    qtbot: QtBot, make_page: Make, site: Site
) -> None:
    page: OnSitePage = make_page(OnSitePage)
    loads: list[None] = []
    page.refreshed.connect(lambda: loads.append(None))
    page.refresh()
    page.refresh()
    page.refresh()
    assert page.loading
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=WAIT_MS)
    idle(qtbot, page)
    assert len(loads) == 2 and not page.loading
