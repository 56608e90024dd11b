"""The officers' dashboard ("today at a glance") and the daily report for the authorities.

Days are the site's local days (the installation's time zone): a day runs from local midnight
to local midnight, whatever UTC says.

Definitions (the dashboard and the report use the same ones):

- an *entry* is a pass event going in; *unique people* are the people with an entry;
- *on site now*: people whose latest pass event, at any time before now, went in;
- a *fever case* is a first screening with a reading at or above the fever threshold together
  with its second reading, if any: the pair is one case, not two. A day's fever cases are the
  cases with a fever event that day (an event with a reading at or above the threshold, or one
  the gate decided as a fever under the threshold of its time). Its *outcome* is the officer's
  acknowledgement (AlertAck.outcome) of either event, or "open";
- *under observation*: an observation with arrived_on <= day < clears_on, not ended early.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.access import OFFICERS, require
from gatekeeper.services.export import (
    HEADER_FILL,
    HEADER_INK,
    StrPath,
    actor_of,
    atomic_path,
    format_from_path,
    numbered_canvas,
    pdf_font,
    pdf_text,
    table_style,
    xlsx_text,
)
from gatekeeper.services.settings import SettingsService
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AlertAck, Gate, Observation, Person, ScreeningEvent

CaseRow = tuple[ScreeningEvent, Person | None, Gate, AlertAck | None]

TREND_DAYS: Final = 14
REPORT_FORMATS: Final = ("xlsx", "pdf")

KIND_ORDER: Final = {"employee": 0, "contractor": 1, "visitor": 2}
KIND_LABELS: Final = {
    "employee": "员工 Employee",
    "contractor": "承包商 Contractor",
    "visitor": "访客 Visitor",
}
DECISION_LABELS: Final = {"pass": "通过 Pass", "recheck": "复测 Recheck", "deny": "拒绝 Deny"}
REASON_LABELS: Final = {
    "fever_first_reading": "首次体温高 first reading high",
    "cleared_on_recheck": "复测正常 cleared on recheck",
    "fever_confirmed": "复测确认发热 fever confirmed",
    "normal": "正常 normal",
}
STATUS_LABELS: Final = {
    "observing": "观察中 Under observation",
    "cleared": "已解除 Cleared",
    "ended": "提前结束 Ended early",
}
OPEN: Final = "open"
NO_DEPARTMENT: Final = "—"


def parse_day(text: str) -> date:
    """A day given as YYYY-MM-DD (the CLI's ``--date``); UserError otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{text!r} is not a date: give it as YYYY-MM-DD, e.g. 2026-11-27.") \
            from None


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def outcome_label(outcome: str) -> str:
    return "未处理 Open" if outcome == OPEN else outcome


# --------------------------------------------------------------------------------------------
# What the service hands out


@dataclass(frozen=True)
class Dashboard:
    """Today at a glance (see the module docstring for the definitions)."""

    day: date
    as_of: datetime
    fever_threshold_c: float
    entries: int
    unique_people: int
    on_site_now: int
    fevers: int
    rechecks: int
    denies: int
    visitors: int
    under_observation: int
    #: Entries per local hour, 0 to 23.
    entries_per_hour: tuple[int, ...]
    #: (day, fever cases) for the 14 days ending today, oldest first.
    fever_trend: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class HeadcountRow:
    department: str
    kind: str
    #: Active people of this department and kind in the registry.
    registered: int
    #: People with any screening event that day.
    screened: int
    #: People with an entry (a pass going in) that day.
    entered: int


@dataclass(frozen=True)
class FeverCase:
    event_id: uuid.UUID  # the first screening of the case
    at: datetime  # site-local
    staff_no: str
    name: str
    department: str
    kind: str
    gate: str
    first_c: float | None
    second_c: float | None
    #: The gate's last word on the case: its decision and reason.
    decision: str
    reason: str
    #: AlertAck.outcome, or "open" when no officer has acknowledged it.
    outcome: str
    acknowledged_by: str = ""
    acknowledged_at: datetime | None = None  # site-local
    note: str = ""


@dataclass(frozen=True)
class Returnee:
    staff_no: str
    name: str
    department: str
    kind: str
    origin: str
    arrived_on: date
    clears_on: date
    #: Which day of the observation the report's day is (1 = the day of arrival).
    day_of: int
    days: int
    #: "observing", "cleared" (clears on the report's day) or "ended" (ended early).
    status: str
    entered: bool


@dataclass(frozen=True)
class OriginSummary:
    origin: str
    observing: int
    cleared: int
    ended: int

    @property
    def total(self) -> int:
        return self.observing + self.cleared + self.ended


@dataclass(frozen=True)
class DailyReport:
    site_name: str
    timezone: str
    day: date
    generated_at: datetime  # site-local
    fever_threshold_c: float
    entries: int
    exits: int
    people_entered: int
    people_screened: int
    screenings: int
    rechecks: int
    denies: int
    visitors: int
    entries_per_hour: tuple[int, ...]
    headcount: tuple[HeadcountRow, ...]
    fever_cases: tuple[FeverCase, ...]
    origins: tuple[OriginSummary, ...]
    returnees: tuple[Returnee, ...]

    @property
    def under_observation(self) -> int:
        return sum(1 for r in self.returnees if r.status == "observing")

    def summary(self) -> list[tuple[str, str | int | float]]:
        """(label, value) pairs of the key figures, as both writers show them."""
        return [
            ("站点 Site", self.site_name),
            ("日期 Date", self.day.isoformat()),
            ("时区 Time zone", self.timezone),
            ("生成时间 Generated at", self.generated_at.strftime("%Y-%m-%d %H:%M")),
            ("发热阈值 Fever threshold °C", self.fever_threshold_c),
            ("入场人次 Entries", self.entries),
            ("出场人次 Exits", self.exits),
            ("入场人数 People entered", self.people_entered),
            ("筛查人数 People screened", self.people_screened),
            ("筛查次数 Screenings", self.screenings),
            ("复测 Rechecks", self.rechecks),
            ("拒绝 Denies", self.denies),
            ("访客登记 Visits", self.visitors),
            ("发热病例 Fever cases", len(self.fever_cases)),
            ("观察中 Under observation", self.under_observation),
        ]


# --------------------------------------------------------------------------------------------
# The service


class ReportService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        clock: Clock = utc_now,
        settings: SettingsService | None = None,
    ) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)
        self.settings = settings if settings is not None else SettingsService(db, clock)

    def _threshold(self, given: float | None) -> float:
        return given if given is not None else self.settings.screening().fever_threshold_c

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """[start, end) of the local ``day`` in UTC."""
        start = datetime.combine(day, time(0), self.zone)
        end = datetime.combine(day + timedelta(days=1), time(0), self.zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def today(
        self, now: datetime | None = None, *, fever_threshold_c: float | None = None
    ) -> Dashboard:
        """Today's figures as of ``now`` (default: the clock). The fever threshold defaults to
        the site setting."""
        now = now if now is not None else self.clock()
        threshold = self._threshold(fever_threshold_c)
        day = self.local_day(now)
        start, end = self.day_bounds(day)
        first_day = day - timedelta(days=TREND_DAYS - 1)
        trend_start, _ = self.day_bounds(first_day)
        site = self.installation.site_id
        with self.db.session() as session:
            events = repo.report_day_events(session, site, start, end)
            fevers = repo.report_fever_events(session, site, trend_start, end, threshold)
            on_site = repo.report_on_site_count(session, site, now)
            visitors = repo.report_visit_count(session, site, day.isoformat())
            observed = repo.report_active_observation_count(session, site, day.isoformat(), now)
        entries = [e for e in events if _is_entry(e[3], e[4])]
        cases: dict[date, set[uuid.UUID]] = {}
        for event_id, recheck_of, occurred in fevers:
            cases.setdefault(self.local_day(occurred), set()).add(recheck_of or event_id)
        trend = tuple(
            (d, len(cases.get(d, ())))
            for d in (first_day + timedelta(days=i) for i in range(TREND_DAYS))
        )
        decisions = Counter(e[4] for e in events)
        return Dashboard(
            day=day,
            as_of=now,
            fever_threshold_c=threshold,
            entries=len(entries),
            unique_people=len({e[1] for e in entries if e[1] is not None}),
            on_site_now=on_site,
            fevers=trend[-1][1],
            rechecks=decisions[Decision.RECHECK],
            denies=decisions[Decision.DENY],
            visitors=visitors,
            under_observation=observed,
            entries_per_hour=self._per_hour(entries),
            fever_trend=trend,
        )

    def daily(self, day: date, *, fever_threshold_c: float | None = None) -> DailyReport:
        """The report of the local ``day`` (see the module docstring for the definitions)."""
        threshold = self._threshold(fever_threshold_c)
        start, end = self.day_bounds(day)
        site = self.installation.site_id
        with self.db.session() as session:
            events = repo.report_day_events(session, site, start, end)
            fevers = repo.report_fever_events(session, site, start, end, threshold)
            roots = list(dict.fromkeys(again or event_id for event_id, again, _ in fevers))
            case_rows = repo.report_case_events(session, roots)
            registry = repo.report_registry_counts(session, site)
            visitors = repo.report_visit_count(session, site, day.isoformat())
            observations = repo.report_observations(session, site, day.isoformat())
            fever_cases = self._cases(roots, case_rows)
            screened = {e[1] for e in events if e[1] is not None}
            entered = {e[1] for e in events if e[1] is not None and _is_entry(e[3], e[4])}
            returnees = [
                self._returnee(o, p, day, end, p.id in entered) for o, p in observations
            ]

        entries = [e for e in events if _is_entry(e[3], e[4])]
        decisions = Counter(e[4] for e in events)
        return DailyReport(
            site_name=self.installation.site_name,
            timezone=self.installation.timezone,
            day=day,
            generated_at=self.clock().astimezone(self.zone),
            fever_threshold_c=threshold,
            entries=len(entries),
            exits=sum(1 for e in events if e[3] == Direction.OUT and e[4] == Decision.PASS),
            people_entered=len(entered),
            people_screened=len(screened),
            screenings=len(events),
            rechecks=decisions[Decision.RECHECK],
            denies=decisions[Decision.DENY],
            visitors=visitors,
            entries_per_hour=self._per_hour(entries),
            headcount=_headcount(registry, events, entered),
            fever_cases=tuple(fever_cases),
            origins=_origins(returnees),
            returnees=tuple(returnees),
        )

    def _per_hour(self, entries: Sequence[tuple[Any, ...]]) -> tuple[int, ...]:
        """Entries counted by local hour (0 to 23)."""
        hours = [0] * 24
        for entry in entries:
            hours[entry[2].astimezone(self.zone).hour] += 1
        return tuple(hours)

    def _cases(
        self, roots: Sequence[uuid.UUID], rows: Sequence[CaseRow]
    ) -> list[FeverCase]:
        by_root: dict[uuid.UUID, list[CaseRow]] = {}
        for row in rows:
            event = row[0]
            by_root.setdefault(event.recheck_of or event.id, []).append(row)
        cases = []
        for root in roots:
            group = by_root.get(root, [])
            first = next((r for r in group if r[0].id == root), None)
            if first is None:
                continue
            later = [r for r in group if r[0].id != root]
            last = later[-1] if later else first
            acks = [r[3] for r in group if r[3] is not None]
            ack = max(acks, key=lambda a: a.acknowledged_at) if acks else None
            event, person, gate, _ = first
            cases.append(
                FeverCase(
                    event_id=event.id,
                    at=event.occurred_at.astimezone(self.zone),
                    staff_no=person.staff_no if person else "",
                    name=person.name if person else "",
                    department=person.department if person else "",
                    kind=person.kind if person else "",
                    gate=gate.name,
                    first_c=_highest(event),
                    second_c=_highest(later[0][0]) if later else None,
                    decision=last[0].decision,
                    reason=last[0].reason,
                    outcome=ack.outcome if ack is not None else OPEN,
                    acknowledged_by=ack.actor if ack is not None else "",
                    acknowledged_at=(
                        ack.acknowledged_at.astimezone(self.zone) if ack is not None else None
                    ),
                    note=ack.note if ack is not None else "",
                )
            )
        return cases

    def _returnee(
        self, observation: Observation, person: Person, day: date, day_end: datetime,
        entered: bool,
    ) -> Returnee:
        arrived = date.fromisoformat(observation.arrived_on)
        clears = date.fromisoformat(observation.clears_on)
        if observation.ended_at is not None and observation.ended_at < day_end:
            status = "ended"
        elif clears <= day:
            status = "cleared"
        else:
            status = "observing"
        return Returnee(
            staff_no=person.staff_no,
            name=person.name,
            department=person.department,
            kind=person.kind,
            origin=observation.origin,
            arrived_on=arrived,
            clears_on=clears,
            day_of=(day - arrived).days + 1,
            days=(clears - arrived).days,
            status=status,
            entered=entered,
        )

    # --- audited exports ------------------------------------------------------------------

    def export_daily(
        self,
        day: date,
        path: StrPath,
        *,
        by: UserView | None,
        fmt: str | None = None,
        fever_threshold_c: float | None = None,
    ) -> DailyReport:
        """Make the report of ``day`` and write it to ``path`` (XLSX or PDF, from the file name
        unless ``fmt`` says); officer+ only when ``by`` is a user, None is the local command
        line. Audited; the file appears whole or not at all."""
        fmt = self._format(path, fmt)
        self._require(by, fmt)
        report = self.daily(day, fever_threshold_c=fever_threshold_c)
        self._write(report, path, fmt, by)
        return report

    def export_report(
        self, report: DailyReport, path: StrPath, *, by: UserView | None, fmt: str | None = None
    ) -> None:
        """Write a report already made (the one the console shows), audited like
        :meth:`export_daily`."""
        fmt = self._format(path, fmt)
        self._require(by, fmt)
        self._write(report, path, fmt, by)

    def _format(self, path: StrPath, fmt: str | None) -> str:
        if fmt is None:
            return format_from_path(path, REPORT_FORMATS)
        if fmt not in REPORT_FORMATS:
            raise UserError(f"A report is written as xlsx or pdf, not {fmt!r}.")
        return fmt

    def _require(self, by: UserView | None, fmt: str) -> None:
        if by is not None:
            require(self.db, by, OFFICERS, f"export the daily report as {fmt}", self.clock)

    def _write(self, report: DailyReport, path: StrPath, fmt: str, by: UserView | None) -> None:
        with atomic_path(path) as temp:
            if fmt == "xlsx":
                write_daily_xlsx(report, temp)
            else:
                write_daily_pdf(report, temp)
            with self.db.session() as session:
                audit.record(
                    session, at=self.clock(), actor=actor_of(by), action="report.export",
                    entity="report", entity_id=report.day.isoformat(),
                    details={
                        "format": fmt,
                        "day": report.day.isoformat(),
                        "entries": report.entries,
                        "fever_cases": len(report.fever_cases),
                        "returnees": len(report.returnees),
                        "file": os.fspath(os.path.abspath(path)),
                    },
                )


def _is_entry(direction: str, decision: str) -> bool:
    return direction == Direction.IN and decision == Decision.PASS


def _highest(event: ScreeningEvent) -> float | None:
    values = [r.value_c for r in event.readings]
    return max(values) if values else None


def _headcount(
    registry: Sequence[tuple[str, str, int]],
    events: Sequence[tuple[Any, ...]],
    entered: set[uuid.UUID],
) -> tuple[HeadcountRow, ...]:
    registered = {(dept, kind): n for dept, kind, n in registry}
    people: dict[uuid.UUID, tuple[str, str]] = {}
    for e in events:
        if e[1] is not None:
            people[e[1]] = (e[5] or "", e[6] or "")
    screened = Counter(people.values())
    came_in = Counter(key for pid, key in people.items() if pid in entered)
    keys = set(registered) | set(screened)
    ordered = sorted(keys, key=lambda k: (k[0] == "", k[0], KIND_ORDER.get(k[1], 9), k[1]))
    return tuple(
        HeadcountRow(dept, kind, registered.get((dept, kind), 0), screened[(dept, kind)],
                     came_in[(dept, kind)])
        for dept, kind in ordered
    )


def _origins(returnees: Sequence[Returnee]) -> tuple[OriginSummary, ...]:
    counts: dict[str, Counter[str]] = {}
    for r in returnees:
        counts.setdefault(r.origin, Counter())[r.status] += 1
    return tuple(
        OriginSummary(origin, c["observing"], c["cleared"], c["ended"])
        for origin, c in sorted(counts.items())
    )


# --------------------------------------------------------------------------------------------
# Tables: what both writers print, section by section


@dataclass(frozen=True)
class Section:
    sheet: str  # an XLSX sheet name (at most 31 characters)
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    #: Relative column widths (characters in the sheet; scaled to the PDF page).
    widths: tuple[float, ...]
    total: tuple[Any, ...] | None = None


def _case_time(case: FeverCase, day: date) -> str:
    return case.at.strftime("%H:%M" if case.at.date() == day else "%Y-%m-%d %H:%M")


def _text(value: Any) -> str:
    """A table value as the PDF prints it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _decision(decision: str, reason: str) -> str:
    label = DECISION_LABELS.get(decision, decision)
    return f"{label} · {REASON_LABELS.get(reason, reason)}" if reason else label


def sections(report: DailyReport) -> list[Section]:
    head = report.headcount
    hours = report.entries_per_hour
    return [
        Section(
            "概况 Summary", "概况 Summary", ("项目 Item", "数值 Value"),
            tuple(report.summary()), (30, 36),
        ),
        Section(
            "人数 Headcount", "部门与类别人数 Headcount by department and kind",
            ("部门 Department", "类别 Kind", "在册 Registered", "筛查 Screened",
             "入场 Entered"),
            tuple(
                (h.department or NO_DEPARTMENT, kind_label(h.kind), h.registered, h.screened,
                 h.entered)
                for h in head
            ),
            (26, 18, 14, 14, 14),
            ("合计 Total", "", sum(h.registered for h in head), sum(h.screened for h in head),
             sum(h.entered for h in head)),
        ),
        Section(
            "分时入场 Hourly", "分时入场 Entries by hour", ("时段 Hour", "入场人次 Entries"),
            tuple((f"{h:02d}:00–{(h + 1) % 24:02d}:00", n) for h, n in enumerate(hours)),
            (16, 16),
            ("合计 Total", sum(hours)),
        ),
        Section(
            "发热 Fever cases", "发热病例及处置 Fever cases and outcomes",
            ("时间 Time", "工号 Staff no.", "姓名 Name", "部门 Department", "类别 Kind",
             "闸口 Gate", "初测 °C First", "复测 °C Second", "闸口结果 Gate result",
             "处置 Outcome", "处理人 By", "备注 Note", "记录编号 Event ID"),
            tuple(
                (_case_time(c, report.day), c.staff_no, c.name, c.department or NO_DEPARTMENT,
                 kind_label(c.kind), c.gate, c.first_c, c.second_c,
                 _decision(c.decision, c.reason), outcome_label(c.outcome),
                 c.acknowledged_by, c.note, str(c.event_id))
                for c in report.fever_cases
            ),
            (7, 10, 10, 14, 14, 14, 8, 8, 26, 14, 12, 20, 38),
        ),
        Section(
            "返程来源 By origin", "返程人员来源地 Returnees by origin",
            ("来源地 Origin", "观察中 Under observation", "已解除 Cleared",
             "提前结束 Ended early", "合计 Total"),
            tuple((o.origin, o.observing, o.cleared, o.ended, o.total) for o in report.origins),
            (24, 16, 12, 14, 10),
            ("合计 Total", sum(o.observing for o in report.origins),
             sum(o.cleared for o in report.origins), sum(o.ended for o in report.origins),
             sum(o.total for o in report.origins)),
        ),
        Section(
            "返程人员 Returnees", "返程人员观察状态 Returnees and their observation status",
            ("来源地 Origin", "工号 Staff no.", "姓名 Name", "部门 Department", "类别 Kind",
             "到达 Arrived", "解除 Clears on", "第几天 Day", "状态 Status",
             "今日入场 Entered"),
            tuple(
                (r.origin, r.staff_no, r.name, r.department or NO_DEPARTMENT,
                 kind_label(r.kind), r.arrived_on, r.clears_on,
                 f"{r.day_of}/{r.days}", STATUS_LABELS.get(r.status, r.status),
                 "是 Yes" if r.entered else "否 No")
                for r in report.returnees
            ),
            (10, 9, 10, 14, 14, 13, 13, 7, 26, 10),
        ),
    ]


# --------------------------------------------------------------------------------------------
# XLSX


def _display_width(value: Any) -> float:
    text = str(value)
    return sum(2.0 if ord(ch) > 0x2E80 else 1.0 for ch in text)


def write_daily_xlsx(report: DailyReport, path: StrPath) -> None:
    """A workbook with a sheet per section: bilingual bold header row, frozen; columns sized
    to their content; a bold total row where there is one; printable (landscape, the header
    repeated, site and date in the page header, page numbers in the footer)."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"{report.site_name} {report.day.isoformat()} 每日报告 Daily report"
    wb.properties.creator = "gatekeeper"
    header_font = Font(bold=True, color=HEADER_INK)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    total_font = Font(bold=True)
    line = Side(style="thin", color="1B2A41")
    for section in sections(report):
        ws = wb.create_sheet(section.sheet)
        ws.append(list(section.headers))
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in section.rows:
            ws.append([xlsx_text(v) if isinstance(v, str) else v for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
                elif isinstance(cell.value, datetime | date):
                    cell.number_format = "yyyy-mm-dd"
        if section.total is not None:
            ws.append(list(section.total))
            for cell in ws[ws.max_row]:
                cell.font = total_font
                cell.border = Border(top=line)
        for index, header in enumerate(section.headers, start=1):
            values = [header, *(_text(row[index - 1]) for row in section.rows)]
            widest = max(_display_width(v) for v in values)
            ws.column_dimensions[get_column_letter(index)].width = min(
                60.0, max(section.widths[index - 1] * 0.6, widest + 2)
            )
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddHeader.center.text = f"{report.site_name} · {report.day.isoformat()}"
        ws.oddFooter.right.text = "&P / &N"
    wb.save(os.fspath(path))


# --------------------------------------------------------------------------------------------
# PDF


def write_daily_pdf(report: DailyReport, path: StrPath) -> None:
    """A4 portrait: a title with the site and the day, a table per section (the header row
    repeated on every page), page numbers; the CJK font embedded."""
    font = pdf_font()
    margin = 15 * mm
    title = f"{report.site_name} 每日健康筛查报告 Daily health screening report"
    doc = SimpleDocTemplate(
        os.fspath(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=16 * mm,
        title=f"{title} {report.day.isoformat()}",
        author="gatekeeper",
        initialFontName=font,
    )
    size = 7.5
    h1 = ParagraphStyle("h1", fontName=font, fontSize=15, leading=20)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=10.5, leading=14, spaceBefore=8,
                        spaceAfter=3, textColor=colors.HexColor("#" + HEADER_FILL))
    meta = ParagraphStyle("meta", fontName=font, fontSize=8.5, leading=12)
    cell = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size + 2)
    cjk_cell = ParagraphStyle("cjk", parent=cell, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, textColor=colors.white)

    def wrap(value: Any) -> ParagraphStyle:
        """Text with spaces breaks between words; Chinese without spaces anywhere."""
        return cell if " " in _text(value) else cjk_cell

    story: list[Any] = [
        Paragraph(pdf_text(title), h1),
        Paragraph(
            pdf_text(
                f"日期 Date: {report.day.isoformat()} ({report.timezone}) · "
                f"生成 Generated: {report.generated_at.strftime('%Y-%m-%d %H:%M')} · "
                f"发热阈值 Fever threshold: {report.fever_threshold_c:.1f} °C"
            ),
            meta,
        ),
        Spacer(1, 2 * mm),
    ]
    for section in sections(report):
        if section.sheet.endswith("Hourly"):
            story.extend(_hourly(section, report, font, size, h2, doc.width))
            continue
        heading = Paragraph(pdf_text(section.title), h2)
        widths = [w / sum(section.widths) * doc.width for w in section.widths]
        if section.sheet.endswith("Fever cases"):
            keep = (0, 1, 2, 3, 5, 6, 7, 8, 9, 11)  # the rest is in the workbook
            widths = [section.widths[i] for i in keep]
            widths = [w / sum(widths) * doc.width for w in widths]
            headers = [section.headers[i] for i in keep]
            rows = [[row[i] for i in keep] for row in section.rows]
        else:
            headers = list(section.headers)
            rows = [list(row) for row in section.rows]
        if not rows:
            story.append(KeepTogether([heading, Paragraph("无 · None.", meta)]))
            continue
        data = [[Paragraph(_two_lines(h), head) for h in headers]]
        data += [[Paragraph(pdf_text(_text(v)), wrap(v)) for v in row] for row in rows]
        style = table_style(font, size)
        if section.total is not None:
            total = [section.total[i] for i in range(len(headers))]
            data.append(
                [Paragraph("<b>" + pdf_text(_text(v)) + "</b>", wrap(v)) for v in total]
            )
            style.add("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor("#" + HEADER_FILL))
        table = Table(data, colWidths=widths, repeatRows=1, style=style)
        story.extend([CondPageBreak(30 * mm), heading, table])
    footer = f"{report.site_name} · {report.day.isoformat()}"
    doc.build(story, canvasmaker=numbered_canvas(footer, font))


def _two_lines(label: str) -> str:
    """A bilingual header as Chinese over English."""
    zh, _, en = label.partition(" ")
    return pdf_text(zh) + ("<br/>" + pdf_text(en) if en else "")


def _hourly(
    section: Section, report: DailyReport, font: str, size: float, h2: ParagraphStyle,
    width: float,
) -> list[Any]:
    """Entries by hour as two compact rows of twelve hours each."""
    hours = report.entries_per_hour
    data: list[list[Any]] = []
    for half in (0, 12):
        data.append([f"{h:02d}" for h in range(half, half + 12)])
        data.append([str(n) for n in hours[half : half + 12]])
    style = table_style(font, size)
    style.add("BACKGROUND", (0, 2), (-1, 2), colors.HexColor("#" + HEADER_FILL))
    style.add("TEXTCOLOR", (0, 2), (-1, 2), colors.white)
    style.add("BACKGROUND", (0, 1), (-1, 1), colors.white)
    style.add("BACKGROUND", (0, 3), (-1, 3), colors.white)
    style.add("ALIGN", (0, 0), (-1, -1), "CENTER")
    table = Table(data, colWidths=[width / 12] * 12, style=style)
    heading = Paragraph(pdf_text(f"{section.title} (合计 Total {sum(hours)})"), h2)
    return [KeepTogether([heading, table])]
