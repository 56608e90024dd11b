"""Who is on site now, who has not been screened today, who was denied and not cleared since,
forgotten check-outs, and the printable evacuation roll call.

Definitions ("today" and the cut-off are in the installation's time zone):

- **On site**: the person's newest *pass* event (any gate, ordered by time) has the effective
  direction IN. The effective direction is the stored one unless amendments changed it: the
  newest amendment whose ``changes`` carry ``{"direction": {"to": ...}}`` wins. Recheck and
  deny events never change presence: someone refused at the door did not come in, and a
  screening on the way out that is not a pass does not take anybody out.
- **Not screened today**: the active people expected today - employees, the registry's
  contractors, and whoever has a visit today (visitors, and contractors registered at the
  visitor desk, who are expected only on the days of their visits) - with no pass event today.
  An automatic exit is not a screening. Somebody on site since before midnight (a night
  shift) and not screened since is listed too, marked ``on_site``.
- **Denied, not cleared**: people whose newest deny event has no pass after it (again, an
  automatic exit does not count), whenever it happened.
- **Forgotten check-outs**: at the cut-off (setting ``presence.auto_checkout_time``, local
  "HH:MM", default 23:30) everybody still on site who came in before it gets an automatic OUT
  event *at the cut-off* (method 'auto', reason 'auto_exit'): the first cut-off after their
  IN. :meth:`PresenceService.close_forgotten_checkouts` may be called at any time and any
  number of times (a timer, the CLI, the console opening): it closes what is due and nothing
  twice. Somebody who came in after today's cut-off (a night shift) stays on site until the
  next one. Each run that closes anything writes one audit entry with the count.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction, Method, PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.access import ADMINS, require
from gatekeeper.services.fonts import SUBFONT_INDEX, find_cjk_font
from gatekeeper.services.screening import insert_auto_exit
from gatekeeper.services.settings import SettingsService
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Amendment, ScreeningEvent

CUTOFF_KEY = "presence.auto_checkout_time"
DEFAULT_CUTOFF = time(23, 30)
AUTO_EXIT_ACTOR = "system:auto-exit"
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_cutoff(text: str) -> time:
    """'23:30' -> time(23, 30); UserError for anything that is not a 24-hour HH:MM."""
    match = _HHMM.match(text.strip())
    if match is None:
        raise UserError(f"'{text.strip()[:20]}' is not a time of day; use HH:MM, e.g. 23:30.")
    return time(int(match.group(1)), int(match.group(2)))


def effective_direction(event: ScreeningEvent, amendments: Iterable[Amendment]) -> Direction:
    """The event's direction with ``amendments`` (oldest first) applied: the newest one that
    changes the direction wins."""
    direction = Direction(event.direction)
    for amendment in amendments:
        change = amendment.changes.get("direction") if isinstance(amendment.changes, dict) else None
        if isinstance(change, dict) and change.get("to") in (Direction.IN, Direction.OUT):
            direction = Direction(change["to"])
    return direction


def first_cutoff_after(moment: datetime, cutoff: time, zone: ZoneInfo) -> datetime:
    """The first local cut-off strictly after ``moment``."""
    local_day = moment.astimezone(zone).date()
    candidate = datetime.combine(local_day, cutoff, zone)
    if candidate <= moment:
        candidate = datetime.combine(local_day + timedelta(days=1), cutoff, zone)
    return candidate


@dataclass(frozen=True)
class OnSite:
    person: PersonView
    department: str
    kind: PersonKind
    #: The last IN (UTC).
    since: datetime
    gate: str
    event_id: uuid.UUID


@dataclass(frozen=True)
class NotScreened:
    person: PersonView
    department: str
    kind: PersonKind
    #: A health declaration for today exists (from the gate or the phone).
    declared_today: bool
    #: When the person was seen today without a pass: the newest decision (recheck or deny).
    attempt_today: Decision | None = None
    #: Inside since before today (a night shift, a forgotten check-out) and not screened today.
    on_site: bool = False


@dataclass(frozen=True)
class Denied:
    person: PersonView
    department: str
    kind: PersonKind
    denied_at: datetime  # UTC
    reason: str
    direction: Direction
    gate: str
    event_id: uuid.UUID


@dataclass(frozen=True)
class AutoExit:
    person: PersonView
    entered_at: datetime  # UTC
    exited_at: datetime  # the cut-off, UTC
    event_id: uuid.UUID


class _HasDepartment(Protocol):
    @property
    def department(self) -> str: ...


R = TypeVar("R", bound=_HasDepartment)


def by_department(rows: Iterable[R]) -> dict[str, list[R]]:
    """Rows grouped by department, departments in name order ("" - no department - last),
    each group in the order given."""
    groups: dict[str, list[R]] = {}
    for row in rows:
        groups.setdefault(row.department, []).append(row)
    return {d: groups[d] for d in sorted(groups, key=lambda d: (d == "", d))}


def department_counts(rows: Iterable[_HasDepartment]) -> dict[str, int]:
    return {d: len(g) for d, g in by_department(rows).items()}


class PresenceService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        settings_service: SettingsService,
        clock: Clock = utc_now,
    ) -> None:
        self.db = db
        self.installation = installation
        #: Kept for the composition root's uniform signature; presence has no screening
        #: setting of its own to read.
        self.settings_service = settings_service
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)

    # --- settings ---------------------------------------------------------------------------

    def auto_checkout_time(self) -> time:
        with self.db.session() as session:
            raw = repo.get_setting(session, CUTOFF_KEY)
        if raw is None:
            return DEFAULT_CUTOFF
        try:
            return parse_cutoff(str(json.loads(raw)))
        except (UserError, ValueError):
            return DEFAULT_CUTOFF  # unreadable: the default rather than no exits at all

    def set_auto_checkout_time(self, value: str | time, by: UserView) -> time:
        """Change the cut-off (admins; audited, like every site setting)."""
        require(self.db, by, ADMINS, "change the automatic check-out time", self.clock)
        cutoff = value.replace(second=0, microsecond=0) if isinstance(value, time) else (
            parse_cutoff(value)
        )
        current = self.auto_checkout_time()
        if cutoff != current:
            text = cutoff.strftime("%H:%M")
            with self.db.session() as session:
                repo.put_setting(session, CUTOFF_KEY, json.dumps(text))
                audit.record(
                    session, at=self.clock(), actor=by.username, action="settings.presence",
                    entity="settings",
                    details={"auto_checkout_time": {"from": current.strftime("%H:%M"),
                                                    "to": text}},
                )
        return cutoff

    # --- queries ----------------------------------------------------------------------------

    def on_site_now(self) -> list[OnSite]:
        """Everybody on site, by department then name."""
        with self.db.session() as session:
            rows = self._on_site(session)
        return sorted(rows, key=lambda r: (r.department == "", r.department, r.person.name,
                                           r.person.staff_no))

    def on_site_counts(self) -> dict[str, int]:
        return department_counts(self.on_site_now())

    def not_screened_today(self, department: str | None = None) -> list[NotScreened]:
        """Who is expected today and has not passed a screening yet, by department then
        name (optionally one department only)."""
        now = self.clock()
        today = now.astimezone(self.zone).date()
        start, end = self._day_bounds(today)
        with self.db.session() as session:
            people = repo.roll_people(session, self.installation.site_id, today.isoformat())
            events = repo.person_decisions_between(session, self.installation.site_id, start, end)
            declared = repo.people_declared_for(
                session, self.installation.site_id, today.isoformat()
            )
            inside = {row.person.id for row in self._on_site(session)}
            screened: set[uuid.UUID] = set()
            attempts: dict[uuid.UUID, Decision] = {}
            for person_id, decision, method, _ in events:
                if method == Method.AUTO:
                    continue
                if decision == Decision.PASS:
                    screened.add(person_id)
                else:
                    attempts[person_id] = Decision(decision)
            missing = [
                NotScreened(
                    person=PersonView.of(p),
                    department=p.department,
                    kind=PersonKind(p.kind),
                    declared_today=p.id in declared,
                    attempt_today=attempts.get(p.id),
                    on_site=p.id in inside,
                )
                for p in people
                if p.id not in screened and (department is None or p.department == department)
            ]
        return sorted(missing, key=lambda r: (r.department == "", r.department, r.person.name,
                                              r.person.staff_no))

    def denied_not_cleared(self) -> list[Denied]:
        """People denied at a gate and not passed since, newest denial first."""
        with self.db.session() as session:
            rows = repo.denials_not_cleared(session, self.installation.site_id)
            return [
                Denied(
                    person=PersonView.of(person),
                    department=person.department,
                    kind=PersonKind(person.kind),
                    denied_at=event.occurred_at,
                    reason=event.reason,
                    direction=Direction(event.direction),
                    gate=gate.name,
                    event_id=event.id,
                )
                for event, person, gate in rows
            ]

    # --- forgotten check-outs ---------------------------------------------------------------

    def close_forgotten_checkouts(
        self, now: datetime | None = None, *, actor: str = AUTO_EXIT_ACTOR
    ) -> list[AutoExit]:
        """Give everybody still on site past a cut-off after their IN an automatic exit at
        that cut-off (see the module docstring). Returns what was closed (empty when nothing
        was due); idempotent."""
        now = self.clock() if now is None else now
        cutoff = self.auto_checkout_time()
        closed: list[AutoExit] = []
        with self.db.session() as session:
            repo.lock_gate(session, self.installation.gate_id)
            for row in sorted(self._on_site(session), key=lambda r: (r.since, r.person.staff_no)):
                at = first_cutoff_after(row.since, cutoff, self.zone)
                if at > now:
                    continue
                event = insert_auto_exit(session, self.installation, row.person.id, at)
                closed.append(AutoExit(row.person, row.since, event.occurred_at, event.id))
            if closed:
                audit.record(
                    session, at=self.clock(), actor=actor, action="presence.auto_exit",
                    entity="screening_events",
                    details={
                        "count": len(closed),
                        "cutoff": cutoff.strftime("%H:%M"),
                        "staff_nos": [c.person.staff_no for c in closed],
                    },
                )
        return closed

    # --- evacuation roll call ---------------------------------------------------------------

    def evacuation_roll_pdf(
        self, path: str | os.PathLike[str], *, actor: str | None = None
    ) -> int:
        """Write the evacuation roll call of everybody on site now as an A4 PDF; returns how
        many people it lists. Recorded in the audit trail (it is an export of names)."""
        rows = self.on_site_now()
        data = render_evacuation_roll(
            rows, site=self.installation.site_name, printed_at=self.clock(), zone=self.zone
        )
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            raise UserError(f"The roll call could not be written to {path}: {exc}") from exc
        with self.db.session() as session:
            audit.record(
                session, at=self.clock(), actor=actor or default_actor(), action="roll_call.export",
                entity="presence", details={"people": len(rows), "path": os.fspath(path)},
            )
        return len(rows)

    # --- helpers ----------------------------------------------------------------------------

    def _on_site(self, session: Session) -> list[OnSite]:
        rows = repo.latest_pass_events(session, self.installation.site_id)
        amendments: dict[uuid.UUID, list[Amendment]] = {}
        for amendment in repo.amendments_of(session, [e.id for e, _, _ in rows]):
            amendments.setdefault(amendment.event_id, []).append(amendment)
        return [
            OnSite(
                person=PersonView.of(person),
                department=person.department,
                kind=PersonKind(person.kind),
                since=event.occurred_at,
                gate=gate.name,
                event_id=event.id,
            )
            for event, person, gate in rows
            if effective_direction(event, amendments.get(event.id, ())) is Direction.IN
        ]

    def _day_bounds(self, day: date) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0), self.zone)
        return start, datetime.combine(day + timedelta(days=1), time(0), self.zone)


# --------------------------------------------------------------------------------------------
# The evacuation roll call (reportlab)

KIND_LABELS = {
    PersonKind.EMPLOYEE: "员工 employee",
    PersonKind.CONTRACTOR: "承包商 contractor",
    PersonKind.VISITOR: "访客 visitor",
}
NO_DEPARTMENT = "未填部门 no department"
MARGIN = 15 * mm
#: check box, name, staff no, kind, since, gate (mm): 180 mm, A4 less the margins.
COLUMNS_MM = (12, 48, 26, 36, 26, 32)
HEADER_FILL = "#E5E7EB"
RULE = "#9CA3AF"


@functools.lru_cache(maxsize=4)
def _roll_font(path: Path) -> str:
    name = "GatekeeperRoll-" + hashlib.sha256(str(path).encode()).hexdigest()[:8]
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=SUBFONT_INDEX))
    return name


def _check_box() -> Table:
    box = Table([[""]], colWidths=[4.5 * mm], rowHeights=[4.5 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.9, HexColor("#111827"))]))
    return box


def render_evacuation_roll(
    rows: Sequence[OnSite], *, site: str, printed_at: datetime, zone: ZoneInfo
) -> bytes:
    """The roll call as PDF bytes: a title, the site, when it was printed, then per
    department a table (check box, name, staff number, kind, since, gate); page numbers in
    the footer. Long names wrap; Chinese is drawn with the embedded CJK font."""
    font = _roll_font(find_cjk_font())
    local_now = printed_at.astimezone(zone)
    styles = {
        "title": ParagraphStyle("title", fontName=font, fontSize=17, leading=22),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=9.5, leading=13,
                              textColor=HexColor("#374151")),
        "dept": ParagraphStyle("dept", fontName=font, fontSize=12.5, leading=16),
        "empty": ParagraphStyle("empty", fontName=font, fontSize=12.5, leading=16),
        # Names wrap between Chinese characters too; the other columns between words.
        "name": ParagraphStyle("name", fontName=font, fontSize=9.5, leading=12,
                               wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12),
        "head": ParagraphStyle("head", fontName=font, fontSize=8.5, leading=11,
                               textColor=HexColor("#374151")),
    }

    def since_text(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return local.strftime("%H:%M" if local.date() == local_now.date() else "%m-%d %H:%M")

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(escape(text), styles[style])

    def story() -> list[Any]:
        printed = local_now.strftime("%Y-%m-%d %H:%M")
        flow: list[Any] = [
            Paragraph("紧急疏散点名表 Evacuation roll call", styles["title"]),
            Paragraph(
                escape(f"{site} · 打印时间 printed {printed} ({zone.key}) · "
                       f"在场 on site: {len(rows)}"),
                styles["sub"],
            ),
            Spacer(1, 4 * mm),
        ]
        if not rows:
            flow.append(Paragraph("目前无人在场。Nobody is on site.", styles["empty"]))
        header = [
            cell("到场 here", "head"), cell("姓名 name", "head"), cell("工号 staff no", "head"),
            cell("类别 kind", "head"), cell("进入 since", "head"), cell("门岗 gate", "head"),
        ]
        for department, group in by_department(rows).items():
            title = department or NO_DEPARTMENT
            # The department's title is the table's first row, so that it repeats with the
            # column headings when a department runs on to the next page.
            data: list[list[Any]] = [
                [cell(f"{title} — {len(group)}", "dept"), "", "", "", "", ""], header,
            ]
            data.extend(
                [
                    _check_box(), cell(r.person.name, "name"), cell(r.person.staff_no),
                    cell(KIND_LABELS.get(r.kind, str(r.kind))), cell(since_text(r.since)),
                    cell(r.gate),
                ]
                for r in group
            )
            table = Table(data, colWidths=[w * mm for w in COLUMNS_MM], repeatRows=2)
            table.setStyle(TableStyle([
                ("SPAN", (0, 0), (-1, 0)),
                ("LEFTPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("BACKGROUND", (0, 1), (-1, 1), HexColor(HEADER_FILL)),
                ("GRID", (0, 1), (-1, -1), 0.4, HexColor(RULE)),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 2), (0, -1), "CENTER"),
                ("TOPPADDING", (0, 2), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 2), (-1, -1), 4),
            ]))
            flow.append(table)
        return flow

    def footer(total: int | None) -> Callable[[Any, Any], None]:
        def draw(canvas: Any, doc: Any) -> None:
            page = canvas.getPageNumber()
            of = f" / {total}" if total is not None else ""
            canvas.saveState()
            canvas.setFont(font, 8)
            canvas.setFillColor(HexColor("#6B7280"))
            canvas.drawCentredString(
                A4[0] / 2, MARGIN / 2,
                f"{site} · 疏散点名 evacuation roll · {printed_text} · 第 {page}{of} 页 page "
                f"{page}{of}",
            )
            canvas.restoreState()
            pages.append(page)

        return draw

    printed_text = local_now.strftime("%Y-%m-%d %H:%M")
    pages: list[int] = []

    def build(total: int | None) -> bytes:
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, title="Evacuation roll call", author="gatekeeper",
            creator="gatekeeper",
        )
        draw = footer(total)
        doc.build(story(), onFirstPage=draw, onLaterPages=draw)
        return buf.getvalue()

    build(None)  # a first pass counts the pages, for "page n / total"
    total = max(pages, default=1)
    return build(total)
