"""The dashboard and the daily report, from events made through the real ScreeningService.

The site's zone is Asia/Shanghai (UTC+8): local 2026-11-27 runs from 2026-11-26 16:00 UTC to
2026-11-27 16:00 UTC, so an event at 00:30 local is on the 27th although its UTC date is the
26th.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gatekeeper.domain.enums import Direction, PersonKind
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.services.reports import DailyReport, ReportService
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import default_actor
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.models import AlertAck, AuditEntry, Observation, Person

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 27)
YESTERDAY = date(2026, 11, 26)


def local(text: str) -> datetime:
    """'2026-11-27 08:05' in Shanghai, as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(UTC)


@dataclass
class Site:
    services: Services
    clock: Any
    reports: ReportService
    people: dict[str, uuid.UUID]
    deny_event: uuid.UUID

    def screen(self, who: str, when: str, temp: str, direction: Direction = Direction.IN,
               recheck: str | None = None) -> uuid.UUID:
        """Screen ``who`` at local time ``when``; a second reading ``recheck`` two minutes
        later when the first asks for one. Returns the last event's id."""
        s = self.services.screening
        self.clock.now = local(when)
        identity = s.identify_manual(self.people[who])
        outcome = s.screen(identity, TakenReading(parse_reading(temp), "sim"), direction)
        assert outcome.event_id is not None
        if recheck is None:
            return outcome.event_id
        self.clock.advance(minutes=2)
        second = s.recheck(outcome.event_id, TakenReading(parse_reading(recheck), "sim"))
        assert second.event_id is not None
        return second.event_id


def _observe(services: Services, person: uuid.UUID, origin: str, arrived: str, clears: str,
             ended: datetime | None = None) -> None:
    with services.db.session() as session:
        session.add(Observation(
            person_id=person, origin=origin, arrived_on=arrived, clears_on=clears,
            created_at=local("2026-11-20 09:00"), actor="officer", ended_at=ended,
        ))


@pytest.fixture
def site(services: Services, clock: Any) -> Site:
    services.settings.update(duplicate_window_s=0)
    staff = services.staff
    people = {
        "张伟": staff.add(staff_no="1001", name="张伟", department="总装车间").id,
        "李娜": staff.add(staff_no="1002", name="李娜", department="总装车间").id,
        "王芳": staff.add(staff_no="2001", name="王芳", department="质检部").id,
        "赵强": staff.add(staff_no="C001", name="赵强", department="外包维修",
                          kind=PersonKind.CONTRACTOR).id,
        "陈晨": staff.add(staff_no="1003", name="陈晨", department="总装车间").id,
    }
    with services.db.session() as session:
        person = session.get(Person, people["陈晨"])
        assert person is not None
        person.active = False
    site = Site(services, clock, ReportService(services.db, services.installation, clock,
                                               services.settings), people, uuid.uuid4())

    # the fever trend window: 14 days ending today starts on 11-14
    site.screen("张伟", "2026-11-13 12:00", "38.0")  # 14 days ago: outside
    site.screen("张伟", "2026-11-14 12:00", "38.0", recheck="37.0")  # 13 days ago: inside
    # yesterday: one confirmed fever (one case, two events), and a late entry
    site.screen("张伟", "2026-11-26 10:00", "37.8", recheck="38.0")
    site.screen("王芳", "2026-11-26 23:50", "36.5")  # UTC 15:50 on the 26th: yesterday

    # today
    site.screen("李娜", "2026-11-27 00:30", "36.5")  # UTC 16:30 on the 26th: today
    site.screen("张伟", "2026-11-27 08:05", "36.6")
    site.screen("王芳", "2026-11-27 08:10", "37.6", recheck="36.9")  # cleared: an entry
    site.deny_event = site.screen("赵强", "2026-11-27 08:20", "38.2", recheck="38.4")
    clock.now = local("2026-11-27 08:50")
    visitor = services.visitors.register(
        VisitorForm(name="刘洋", phone="13800001234", company="顺丰速运")
    )
    people["刘洋"] = visitor.person.id
    site.screen("刘洋", "2026-11-27 09:00", "36.4")
    site.screen("陈晨", "2026-11-27 10:00", "36.5")  # inactive: denied
    site.screen("张伟", "2026-11-27 12:00", "36.5", Direction.OUT)

    with services.db.session() as session:
        session.add(AlertAck(
            event_id=site.deny_event, acknowledged_at=local("2026-11-27 08:40"),
            actor="officer1", outcome="sent_home", note="送医院 to hospital",
        ))
    _observe(services, people["李娜"], "武汉", "2026-11-20", "2026-12-04")
    _observe(services, people["张伟"], "上海", "2026-11-13", "2026-11-27")  # clears today
    _observe(services, people["王芳"], "武汉", "2026-11-25", "2026-12-09",
             ended=local("2026-11-26 15:00"))
    _observe(services, people["赵强"], "广州", "2026-11-28", "2026-12-12")  # not yet
    _observe(services, people["赵强"], "广州", "2026-11-01", "2026-11-15")  # long over
    clock.now = local("2026-11-27 14:00")
    return site


# --------------------------------------------------------------------------------------------
# Dashboard


def test_dashboard_counts_today_in_local_time(site: Site) -> None:
    board = site.reports.today()
    assert board.day == TODAY
    assert board.entries == 4  # 李娜 00:30, 张伟, 王芳 (cleared on recheck), 刘洋
    assert board.unique_people == 4
    assert board.on_site_now == 3  # 张伟 went out; 赵强 and 陈晨 never got in
    assert board.fevers == 2  # 王芳 and 赵强: a recheck pair is one case
    assert board.rechecks == 2
    assert board.denies == 2  # 赵强's confirmed fever, 陈晨 inactive
    assert board.visitors == 1
    assert board.under_observation == 1  # 李娜; 张伟 clears today, 王芳 ended early
    assert board.fever_threshold_c == 37.3
    hours = [0] * 24
    hours[0], hours[8], hours[9] = 1, 2, 1
    assert board.entries_per_hour == tuple(hours)


def test_fever_trend_covers_fourteen_days_ending_today(site: Site) -> None:
    trend = site.reports.today().fever_trend
    assert len(trend) == 14
    assert trend[0] == (date(2026, 11, 14), 1)  # 11-13 is outside the window
    assert trend[-2:] == ((YESTERDAY, 1), (TODAY, 2))
    assert sum(n for _, n in trend) == 4


def test_dashboard_as_of_another_moment_and_threshold(site: Site) -> None:
    # at 08:15 local the contractor has not come yet and 张伟 is still in
    early = site.reports.today(local("2026-11-27 08:15"))
    assert early.on_site_now == 3  # 李娜, 张伟, 王芳
    # a lower threshold makes 张伟's 36.6 a fever reading
    assert site.reports.today(fever_threshold_c=36.6).fevers == 3
    # the site setting is the default
    site.services.settings.update(fever_threshold_c=38.3)
    assert site.reports.today().fevers == 2  # 38.4, and 王芳's gate decision stands
    assert site.reports.today().fever_threshold_c == 38.3


def test_dashboard_of_an_empty_site(services: Services, clock: Any) -> None:
    board = ReportService(services.db, services.installation, clock).today()
    assert (board.entries, board.on_site_now, board.fevers, board.visitors) == (0, 0, 0, 0)
    assert board.entries_per_hour == (0,) * 24 and len(board.fever_trend) == 14


# --------------------------------------------------------------------------------------------
# Daily report


def test_daily_report_figures(site: Site) -> None:
    report = site.reports.daily(TODAY)
    assert (report.site_name, report.timezone) == ("华东一厂", "Asia/Shanghai")
    assert report.generated_at == local("2026-11-27 14:00")
    assert (report.entries, report.exits, report.people_entered) == (4, 1, 4)
    assert (report.people_screened, report.screenings) == (6, 9)
    assert (report.rechecks, report.denies, report.visitors) == (2, 2, 1)
    assert report.entries_per_hour[8] == 2


def test_daily_headcount_by_department_and_kind(site: Site) -> None:
    rows = {(h.department, h.kind): (h.registered, h.screened, h.entered)
            for h in site.reports.daily(TODAY).headcount}
    assert rows == {
        ("外包维修", "contractor"): (1, 1, 0),
        ("总装车间", "employee"): (2, 3, 2),  # 陈晨 is inactive: screened, not registered
        ("质检部", "employee"): (1, 1, 1),
        ("", "visitor"): (1, 1, 1),
    }
    assert site.reports.daily(TODAY).headcount[-1].department == ""  # no department last


def test_daily_fever_cases_and_outcomes(site: Site) -> None:
    cases = site.reports.daily(TODAY).fever_cases
    assert [(c.name, c.first_c, c.second_c, c.decision, c.reason, c.outcome) for c in cases] == [
        ("王芳", 37.6, 36.9, "pass", "cleared_on_recheck", "open"),
        ("赵强", 38.2, 38.4, "deny", "fever_confirmed", "sent_home"),
    ]
    assert cases[1].acknowledged_by == "officer1" and cases[1].note == "送医院 to hospital"
    assert cases[1].at == local("2026-11-27 08:20") and cases[1].at.utcoffset() is not None
    assert cases[1].kind == "contractor" and cases[1].gate == "North Gate"


def test_daily_returnees_by_origin(site: Site) -> None:
    report = site.reports.daily(TODAY)
    assert [(r.name, r.origin, r.status, r.day_of, r.days, r.entered) for r in report.returnees] \
        == [
            ("张伟", "上海", "cleared", 15, 14, True),
            ("李娜", "武汉", "observing", 8, 14, True),
            ("王芳", "武汉", "ended", 3, 14, True),
        ]
    assert [(o.origin, o.observing, o.cleared, o.ended) for o in report.origins] == [
        ("上海", 0, 1, 0), ("武汉", 1, 0, 1),
    ]
    assert report.under_observation == 1


def test_daily_report_of_yesterday_keeps_to_its_local_day(site: Site) -> None:
    report = site.reports.daily(YESTERDAY)
    # 王芳 at 23:50 local is yesterday's; 李娜 at 00:30 local (UTC the 26th too) is not
    assert report.entries == 1 and report.people_entered == 1
    assert [c.name for c in report.fever_cases] == ["张伟"]
    assert report.fever_cases[0].decision == "deny"
    # 张伟 clears on the 27th; 王芳's observation was ended at 15:00 on the 26th
    statuses = {r.name: r.status for r in report.returnees}
    assert statuses == {"张伟": "observing", "李娜": "observing", "王芳": "ended"}


# --------------------------------------------------------------------------------------------
# Exports


def _audit(services: Services, action: str) -> list[AuditEntry]:
    with services.db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_daily_xlsx_reads_back(site: Site, tmp_path: Path) -> None:
    officer = site.services.users.add(username="wang", role="officer", secret="officer-pass")
    out = tmp_path / "daily.xlsx"
    report = site.reports.export_daily(TODAY, out, by=officer)
    assert isinstance(report, DailyReport)
    wb = load_workbook(out)
    assert wb.sheetnames == ["概况 Summary", "人数 Headcount", "分时入场 Hourly",
                             "发热 Fever cases", "返程来源 By origin", "返程人员 Returnees"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
    summary = {row[0]: row[1] for row in wb["概况 Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["站点 Site"] == "华东一厂" and summary["入场人次 Entries"] == 4
    assert summary["发热病例 Fever cases"] == 2 and summary["发热阈值 Fever threshold °C"] == 37.3
    head = list(wb["人数 Headcount"].iter_rows(values_only=True))
    assert head[0] == ("部门 Department", "类别 Kind", "在册 Registered", "筛查 Screened",
                       "入场 Entered")
    assert ("总装车间", "员工 Employee", 2, 3, 2) in head
    assert head[-1] == ("合计 Total", None, 5, 6, 4)
    fevers = list(wb["发热 Fever cases"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[6], r[7], r[9], r[11]) for r in fevers] == [
        ("08:10", "王芳", 37.6, 36.9, "未处理 Open", None),
        ("08:20", "赵强", 38.2, 38.4, "sent_home", "送医院 to hospital"),
    ]
    assert wb["发热 Fever cases"]["G2"].number_format == "0.0"
    assert wb["发热 Fever cases"].column_dimensions["M"].width >= 36  # the event id fits
    returnees = list(wb["返程人员 Returnees"].iter_rows(min_row=2, values_only=True))
    assert returnees[1][:3] == ("武汉", "1002", "李娜")
    assert returnees[1][5:9] == (datetime(2026, 11, 20), datetime(2026, 12, 4), "8/14",
                                 "观察中 Under observation")
    hourly = list(wb["分时入场 Hourly"].iter_rows(min_row=2, values_only=True))
    assert hourly[8] == ("08:00–09:00", 2) and hourly[-1] == ("合计 Total", 4)

    (entry,) = _audit(site.services, "report.export")
    assert entry.actor == "wang" and entry.entity_id == "2026-11-27"
    assert '"format":"xlsx"' in entry.details and '"fever_cases":2' in entry.details


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_daily_pdf_has_the_chinese_text(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "daily.pdf"
    site.reports.export_daily(TODAY, out, by=None)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for word in ("华东一厂", "2026-11-27", "Daily health screening report", "总装车间",
                 "王芳", "赵强", "sent_home", "武汉", "上海", "观察中", "Page 1 of"):
        assert word in text, word
    assert b"/FontFile2" in out.read_bytes()  # the TrueType font is embedded
    (entry,) = _audit(site.services, "report.export")
    assert entry.actor == default_actor() and '"format":"pdf"' in entry.details


def test_guard_may_not_export_the_report(site: Site, tmp_path: Path) -> None:
    guard = site.services.users.add(username="gate1", role="guard", secret="1234")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PermissionDenied):
        site.reports.export_daily(TODAY, folder / "daily.pdf", by=guard)
    assert list(folder.iterdir()) == []
    (refusal,) = _audit(site.services, "denied")
    assert refusal.actor == "gate1" and "daily report" in refusal.details
    assert _audit(site.services, "report.export") == []


def test_report_format_comes_from_the_file_name(site: Site, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.xlsx, \.pdf"):
        site.reports.export_daily(TODAY, tmp_path / "daily.csv", by=None)
    with pytest.raises(UserError, match="xlsx or pdf"):
        site.reports.export_daily(TODAY, tmp_path / "daily.xlsx", by=None, fmt="csv")
    with pytest.raises(UserError, match="does not exist"):
        site.reports.export_daily(TODAY, tmp_path / "missing" / "daily.xlsx", by=None)
    assert _audit(site.services, "report.export") == []


def test_a_failed_report_leaves_the_old_file(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gatekeeper.services import reports

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "daily.xlsx"
    out.write_bytes(b"yesterday's report")

    def broken(report: DailyReport, path: Path) -> None:
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports, "write_daily_xlsx", broken)
    with pytest.raises(UserError, match="No space left"):
        site.reports.export_daily(TODAY, out, by=None)
    assert out.read_bytes() == b"yesterday's report"
    assert [p.name for p in folder.iterdir()] == ["daily.xlsx"]
    assert _audit(site.services, "report.export") == []


def test_parse_day() -> None:
    from gatekeeper.services.reports import parse_day

    assert parse_day(" 2026-11-27 ") == TODAY
    with pytest.raises(UserError, match="YYYY-MM-DD"):
        parse_day("27/11/2026")


def test_a_day_without_events_still_makes_a_report(
    services: Services, clock: Any, tmp_path: Path
) -> None:
    reports = ReportService(services.db, services.installation, clock)
    report = reports.export_daily(date(2026, 1, 1), tmp_path / "empty.xlsx", by=None)
    assert (report.entries, report.fever_cases, report.returnees) == (0, (), ())
    fevers = load_workbook(tmp_path / "empty.xlsx")["发热 Fever cases"]
    assert fevers.max_row == 1  # the header only
    if shutil.which("pdftotext") is not None:
        reports.export_daily(date(2026, 1, 1), tmp_path / "empty.pdf", by=None)
        text = subprocess.run(["pdftotext", str(tmp_path / "empty.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "2026-01-01" in text and "None." in text
