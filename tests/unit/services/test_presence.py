"""On site now, not screened today, denied and not cleared, automatic exits, evacuation roll."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.domain import integrity
from gatekeeper.domain.enums import Decision, Direction, Method, PersonKind, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.services.presence import (
    OnSite,
    PresenceService,
    by_department,
    department_counts,
    first_cutoff_after,
    parse_cutoff,
)
from gatekeeper.services.screening import Declaration, Outcome, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import Amendment, AuditEntry, Gate, ScreeningEvent

# The fixture clock starts at 2026-11-27 01:00 UTC, 09:00 in Asia/Shanghai (UTC+8).
SHANGHAI_2330 = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # 23:30 local, the default cut-off


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


@pytest.fixture
def presence(services: Services, clock: Any) -> PresenceService:
    return PresenceService(services.db, services.installation, services.settings, clock)


@pytest.fixture
def people(services: Services) -> dict[str, PersonView]:
    add = services.staff.add
    return {
        "zhang": add(staff_no="1001", name="张伟", department="总装车间"),
        "wang": add(staff_no="1002", name="王芳", department="总装车间"),
        "li": add(staff_no="1003", name="李娜", department="质检部"),
        "chen": add(staff_no="C001", name="陈工", department="质检部",
                    kind=PersonKind.CONTRACTOR),
        "zhao": add(staff_no="1005", name="赵敏"),
    }


def screen(
    services: Services, person: PersonView, temp: str = "36.6",
    direction: Direction = Direction.IN,
) -> Outcome:
    s = services.screening
    return s.screen(s.identify_manual(person.id), read(temp), direction)


def names(rows: list[Any]) -> list[str]:
    return [r.person.name for r in rows]


def amend_direction(services: Services, event_id: uuid.UUID, to: str, at: datetime) -> None:
    with services.db.session() as session:
        event = session.get(ScreeningEvent, event_id)
        assert event is not None
        session.add(Amendment(
            event_id=event_id, gate_id=services.installation.gate_id,
            seq=repo.allocate_seq(session, services.installation.gate_id), amended_at=at,
            actor="officer", reason="wrong direction key",
            changes={"direction": {"from": event.direction, "to": to}},
        ))


def event_chain_problems(services: Services) -> list[str]:
    """Recompute every event's hashes and the gate's chain, as an auditor would."""
    problems: list[str] = []
    with services.db.session() as session:
        gate = session.get(Gate, services.installation.gate_id)
        assert gate is not None
        previous = integrity.GENESIS
        seqs = []
        for event in repo.gate_events_in_order(session, gate.id):
            seqs.append(event.seq)
            readings = integrity.readings_hash([repo.reading_fields(r) for r in event.readings])
            content = integrity.content_hash(repo.event_fields(event), readings)
            chained = integrity.chain_hash(previous, content)
            if (event.readings_hash, event.content_hash, event.chain_hash) != (
                readings, content, chained
            ):
                problems.append(f"event {event.seq} does not verify")
            previous = event.chain_hash
        if previous != gate.last_chain_hash:
            problems.append("the gate's chain head is not its newest event")
        if seqs != sorted(set(seqs)):
            problems.append(f"sequence numbers out of order: {seqs}")
    return problems


def audit_actions(services: Services, action: str) -> list[AuditEntry]:
    with services.db.session() as session:
        return [e for e in repo.audit_entries(session) if e.action == action]


def officer(services: Services, role: Role = Role.OFFICER) -> UserView:
    secret = "1234" if role is Role.GUARD else "password-1"
    return services.users.add(username=f"u-{role}", role=role, secret=secret)


# --- on site ------------------------------------------------------------------------------------


def test_on_site_follows_the_latest_pass(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    assert presence.on_site_now() == []
    screen(services, people["zhang"])
    screen(services, people["li"])
    clock.advance(minutes=5)
    screen(services, people["chen"])
    clock.advance(hours=3)
    screen(services, people["zhang"], direction=Direction.OUT)

    rows = presence.on_site_now()
    assert names(rows) == ["李娜", "陈工"]  # by department (质检部), then name
    li = rows[0]
    assert isinstance(li, OnSite)
    assert (li.department, li.kind, li.gate) == ("质检部", PersonKind.EMPLOYEE, "North Gate")
    assert li.since == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
    assert presence.on_site_counts() == {"质检部": 2}

    # Left and came back: on site again, since the second IN.
    clock.advance(hours=1)
    back = screen(services, people["zhang"])
    rows = presence.on_site_now()
    assert names(rows) == ["张伟", "李娜", "陈工"]
    assert rows[0].since == back.occurred_at and rows[0].event_id == back.event_id
    assert presence.on_site_counts() == {"总装车间": 1, "质检部": 2}


def test_refused_screenings_do_not_change_presence(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    s = services.screening
    first = screen(services, people["zhang"], "37.8")  # recheck: not in yet
    assert first.decision is Decision.RECHECK
    assert presence.on_site_now() == []
    s.recheck(first.event_id, read("36.9"))  # type: ignore[arg-type]
    assert names(presence.on_site_now()) == ["张伟"]

    fever = screen(services, people["wang"], "38.4")
    s.recheck(fever.event_id, read("38.3"))  # type: ignore[arg-type]  # denied at the door
    assert names(presence.on_site_now()) == ["张伟"]

    # A fever on the way out (no second reading yet) does not take anybody out.
    clock.advance(hours=2)
    out = screen(services, people["zhang"], "37.9", Direction.OUT)
    assert out.decision is Decision.RECHECK
    assert names(presence.on_site_now()) == ["张伟"]


def test_amended_direction_changes_who_is_on_site(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    went_in = screen(services, people["zhang"])  # really went out: the guard keyed IN
    screen(services, people["li"])
    clock.advance(hours=1)
    came_in = screen(services, people["wang"], direction=Direction.OUT)  # the reverse
    assert names(presence.on_site_now()) == ["张伟", "李娜"]

    amend_direction(services, went_in.event_id, "out", clock())  # type: ignore[arg-type]
    amend_direction(services, came_in.event_id, "in", clock())  # type: ignore[arg-type]
    assert names(presence.on_site_now()) == ["王芳", "李娜"]

    # The newest amendment wins; one that changes something else leaves the direction alone.
    clock.advance(minutes=1)
    amend_direction(services, came_in.event_id, "out", clock())  # type: ignore[arg-type]
    clock.advance(minutes=1)
    with services.db.session() as session:
        session.add(Amendment(
            event_id=came_in.event_id, gate_id=services.installation.gate_id,
            seq=repo.allocate_seq(session, services.installation.gate_id),
            amended_at=clock(), actor="officer", reason="typo",
            changes={"reason": {"from": "normal", "to": "normal"}},
        ))
    assert names(presence.on_site_now()) == ["李娜"]


def test_grouping_helpers() -> None:
    rows = [
        OnSite(_view("1", "甲", ""), "", PersonKind.EMPLOYEE, datetime.now(UTC), "G", uuid.uuid4()),
        OnSite(_view("2", "乙", "b"), "b", PersonKind.EMPLOYEE, datetime.now(UTC), "G",
               uuid.uuid4()),
        OnSite(_view("3", "丙", "a"), "a", PersonKind.VISITOR, datetime.now(UTC), "G",
               uuid.uuid4()),
    ]
    assert list(by_department(rows)) == ["a", "b", ""]  # no department last
    assert department_counts(rows) == {"a": 1, "b": 1, "": 1}


def _view(staff_no: str, name: str, department: str) -> PersonView:
    return PersonView(uuid.uuid4(), staff_no, name, PersonKind.EMPLOYEE, department, "", "",
                      True, 0, False)


# --- not screened today -------------------------------------------------------------------------


def test_not_screened_today_by_department_and_local_day(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    everyone = ["1001", "1002", "1003", "C001", "1005"]
    assert [r.person.staff_no for r in presence.not_screened_today()] == [
        "1001", "1002", "1003", "C001", "1005",  # 总装车间, 质检部, then no department
    ]
    screen(services, people["zhang"])
    denied = screen(services, people["wang"], "38.5")
    services.screening.recheck(denied.event_id, read("38.6"))  # type: ignore[arg-type]
    services.screening.declare(people["li"].id, Declaration(), source="web")

    rows = {r.person.staff_no: r for r in presence.not_screened_today()}
    assert sorted(rows) == sorted(set(everyone) - {"1001"})
    assert rows["1002"].attempt_today is Decision.DENY and not rows["1002"].declared_today
    assert rows["1003"].declared_today and rows["1003"].attempt_today is None
    assert rows["C001"].kind is PersonKind.CONTRACTOR
    assert [r.person.staff_no for r in presence.not_screened_today("质检部")] == [
        "1003", "C001"
    ]
    assert presence.not_screened_today("no such department") == []
    assert department_counts(presence.not_screened_today()) == {"总装车间": 1, "质检部": 2, "": 1}

    # 23:50 local: still today. 00:10 local the next day: a new day, nobody screened yet,
    # and yesterday's declaration does not count.
    clock.now = datetime(2026, 11, 27, 15, 50, tzinfo=UTC)
    screen(services, people["zhao"], direction=Direction.OUT)
    assert "1005" not in {r.person.staff_no for r in presence.not_screened_today()}
    clock.now = datetime(2026, 11, 27, 16, 10, tzinfo=UTC)
    rows = {r.person.staff_no: r for r in presence.not_screened_today()}
    assert sorted(rows) == sorted(everyone)
    assert not any(r.declared_today or r.attempt_today for r in rows.values())
    # Zhang came in yesterday morning and is still inside: a blind spot, marked as such.
    assert [s for s, r in rows.items() if r.on_site] == ["1001"]


def test_visitors_count_only_on_the_day_of_their_visit(
    services: Services, presence: PresenceService, clock: Any
) -> None:
    services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    registered = services.visitors.register(VisitorForm(name="访客 陈先生", phone="13900001111"))
    missing = {r.person.staff_no: r for r in presence.not_screened_today()}
    assert set(missing) == {"1001", registered.person.staff_no}
    assert missing[registered.person.staff_no].declared_today  # the gate form declares
    contractor = services.visitors.register(VisitorForm(
        name="承包商 刘工", phone="13900002222", kind=PersonKind.CONTRACTOR,
    ))
    assert contractor.person.staff_no in {r.person.staff_no for r in presence.not_screened_today()}
    clock.advance(days=1)
    # The next day neither is expected: the desk's contractor came for a visit, not for good.
    assert [r.person.staff_no for r in presence.not_screened_today()] == ["1001"]


def test_inactive_people_are_not_expected(
    services: Services, presence: PresenceService, people: dict[str, PersonView]
) -> None:
    from gatekeeper.storage.models import Person

    with services.db.session() as session:
        person = session.get(Person, people["zhao"].id)
        assert person is not None
        person.active = False
    assert "1005" not in {r.person.staff_no for r in presence.not_screened_today()}


# --- denied and not cleared ---------------------------------------------------------------------


def test_denied_not_cleared_until_a_later_pass(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    s = services.screening
    fever = screen(services, people["zhang"], "38.5")
    s.recheck(fever.event_id, read("38.4"))  # type: ignore[arg-type]
    clock.advance(minutes=10)
    token = str(services.badges.issue(["1003"])[0].token)
    services.badges.revoke("1003")
    with pytest.raises(TokenError) as info:
        s.identify_token(token)
    s.refuse(info.value, token, Method.QR, Direction.IN)
    screen(services, people["wang"])

    rows = presence.denied_not_cleared()
    assert names(rows) == ["李娜", "张伟"]  # newest denial first
    assert [r.reason for r in rows] == ["revoked", "fever_confirmed"]
    assert rows[1].direction is Direction.IN and rows[1].gate == "North Gate"

    # Days later, Zhang passes: cleared. Another try that only reaches recheck clears nobody.
    clock.advance(days=2)
    screen(services, people["zhang"])
    again = screen(services, people["li"], "37.6")
    assert again.decision is Decision.RECHECK
    assert names(presence.denied_not_cleared()) == ["李娜"]


# --- automatic exits ----------------------------------------------------------------------------


def test_forgotten_checkouts_close_at_the_cutoff_once(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    screen(services, people["zhang"])  # 09:00 local, never checks out
    screen(services, people["wang"])
    clock.advance(hours=8)
    screen(services, people["wang"], direction=Direction.OUT)  # 17:00, checked out
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)  # 23:00 local
    assert presence.close_forgotten_checkouts() == []
    clock.now = datetime(2026, 11, 27, 15, 45, tzinfo=UTC)  # 23:45: a night-shift arrival
    night = screen(services, people["li"])

    clock.now = datetime(2026, 11, 27, 15, 50, tzinfo=UTC)
    closed = presence.close_forgotten_checkouts()
    assert [c.person.staff_no for c in closed] == ["1001"]
    assert closed[0].exited_at == SHANGHAI_2330
    assert names(presence.on_site_now()) == ["李娜"]  # came in after the cut-off: stays
    with services.db.session() as session:
        event = session.get(ScreeningEvent, closed[0].event_id)
        assert event is not None
        assert (event.direction, event.decision, event.method, event.reason) == (
            "out", "pass", "auto", "auto_exit"
        )
        assert event.occurred_at == SHANGHAI_2330 and event.readings == []
        assert event.timezone == "Asia/Shanghai"
        assert event.seq == night.seq + 1  # type: ignore[operator]
    assert event_chain_problems(services) == []

    entries = audit_actions(services, "presence.auto_exit")
    assert len(entries) == 1
    assert json.loads(entries[0].details) == {
        "count": 1, "cutoff": "23:30", "staff_nos": ["1001"]
    }
    # Idempotent: again now, and again later the same night, nothing more.
    assert presence.close_forgotten_checkouts() == []
    clock.advance(minutes=30)
    assert presence.close_forgotten_checkouts() == []
    assert len(audit_actions(services, "presence.auto_exit")) == 1

    # The next night the night-shift arrival is closed at that night's cut-off.
    clock.now = datetime(2026, 11, 28, 15, 31, tzinfo=UTC)
    closed = presence.close_forgotten_checkouts()
    assert [(c.person.staff_no, c.exited_at) for c in closed] == [
        ("1003", datetime(2026, 11, 28, 15, 30, tzinfo=UTC))
    ]
    assert presence.on_site_now() == []
    assert event_chain_problems(services) == []
    with services.db.session() as session:
        assert audit.verify_chain(session) == []


def test_a_missed_night_closes_at_the_first_cutoff(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    screen(services, people["zhang"])
    clock.advance(days=2)  # nobody ran the job for two nights
    closed = presence.close_forgotten_checkouts()
    assert [c.exited_at for c in closed] == [SHANGHAI_2330]
    assert presence.on_site_now() == []
    assert presence.close_forgotten_checkouts() == []


def test_auto_exit_today_does_not_count_as_screened(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    clock.now = datetime(2026, 11, 26, 15, 50, tzinfo=UTC)  # 23:50 on the 26th
    screen(services, people["zhang"])
    clock.now = datetime(2026, 11, 27, 15, 40, tzinfo=UTC)  # 23:40 on the 27th
    closed = presence.close_forgotten_checkouts()
    assert [c.exited_at for c in closed] == [SHANGHAI_2330]  # a pass OUT on the 27th...
    assert "1001" in {r.person.staff_no for r in presence.not_screened_today()}  # ...not seen


def test_auto_checkout_time_setting(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    assert presence.auto_checkout_time() == time(23, 30)
    admin = officer(services, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        presence.set_auto_checkout_time("22:00", officer(services, Role.OFFICER))
    assert audit_actions(services, "denied")
    for bad in ("24:00", "7pm", "", "12:60"):
        with pytest.raises(UserError, match="HH:MM"):
            presence.set_auto_checkout_time(bad, admin)
    assert presence.set_auto_checkout_time(" 7:05 ", admin) == time(7, 5)
    assert presence.auto_checkout_time() == time(7, 5)
    presence.set_auto_checkout_time(time(7, 5, 30), admin)  # same minute: no change
    entries = audit_actions(services, "settings.presence")
    assert [json.loads(e.details) for e in entries] == [
        {"auto_checkout_time": {"from": "23:30", "to": "07:05"}}
    ]
    assert parse_cutoff("00:00") == time(0, 0)


def test_first_cutoff_after_crosses_local_midnight() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Asia/Shanghai")
    cutoff = time(23, 30)
    # 2026-11-27 16:10 UTC is 00:10 on the 28th in Shanghai: the next cut-off is the 28th's.
    assert first_cutoff_after(datetime(2026, 11, 27, 16, 10, tzinfo=UTC), cutoff, zone) == (
        datetime(2026, 11, 28, 15, 30, tzinfo=UTC)
    )
    assert first_cutoff_after(SHANGHAI_2330, cutoff, zone) == datetime(
        2026, 11, 28, 15, 30, tzinfo=UTC
    )


def test_exit_scan_right_after_an_auto_exit(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any
) -> None:
    screen(services, people["zhang"])
    clock.now = SHANGHAI_2330
    assert presence.close_forgotten_checkouts()
    clock.advance(seconds=20)
    outcome = screen(services, people["zhang"], direction=Direction.OUT)
    assert outcome.recorded


# --- evacuation roll call -----------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    program = shutil.which("pdftotext")
    assert program is not None, "pdftotext (poppler-utils) is needed for this test"
    done = subprocess.run(
        [program, "-layout", str(path), "-"], capture_output=True, text=True, check=True,
        timeout=60,
    )
    return done.stdout


def test_evacuation_roll_lists_everybody_on_site(
    services: Services, presence: PresenceService, people: dict[str, PersonView], clock: Any,
    tmp_path: Path,
) -> None:
    odd = services.staff.add(staff_no="1006", name="O'Brien <Tom> & Co", department="维修 & 动力")
    for key in ("zhang", "li", "chen", "zhao"):
        screen(services, people[key])
    screen(services, odd)
    clock.advance(hours=1)
    screen(services, people["zhang"], direction=Direction.OUT)
    out = tmp_path / "roll.pdf"
    assert presence.evacuation_roll_pdf(out, actor="officer") == 4
    assert out.read_bytes().startswith(b"%PDF")
    with services.db.session() as session:
        last = repo.last_audit_entry(session)
        assert last is not None
        assert (last.action, last.actor) == ("roll_call.export", "officer")
    text = pdf_text(out)
    for expected in ("Evacuation roll call", "华东一厂", "李娜", "1003", "陈工", "C001",
                     "赵敏", "O'Brien <Tom> & Co", "维修 & 动力", "质检部", "承包商",
                     "no department", "2026-11-27 10:00", "09:00", "/ 1"):
        assert expected in text, expected
    assert "张伟" not in text  # left before the roll was printed


def test_evacuation_roll_pages_and_empty_roll(
    services: Services, presence: PresenceService, clock: Any, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.pdf"
    assert presence.evacuation_roll_pdf(empty) == 0
    assert "Nobody is on site" in pdf_text(empty)

    services.settings.update(duplicate_window_s=0)
    for i in range(70):
        person = services.staff.add(
            staff_no=f"E{i:03d}", name=f"员工{i:03d}", department=f"车间{i % 3}"
        )
        screen(services, person)
    out = tmp_path / "roll.pdf"
    assert presence.evacuation_roll_pdf(out) == 70
    text = pdf_text(out)
    assert all(f"员工{i:03d}" in text for i in range(70))
    pages = text.count("\f")
    assert pages >= 2
    assert f"page 1 / {pages}" in text and f"page {pages} / {pages}" in text

    with pytest.raises(UserError, match="could not be written"):
        presence.evacuation_roll_pdf(tmp_path / "missing-dir" / "roll.pdf")
