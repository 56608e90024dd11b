from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.amend import AmendService
from gatekeeper.services.container import Services
from gatekeeper.services.integrity import verify
from gatekeeper.services.retention import (
    ChainGap,
    PurgeCounts,
    RetentionService,
    RetentionSettings,
    merge_gaps,
)
from gatekeeper.services.screening import Declaration, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import (
    Amendment,
    AuditEntry,
    HealthDeclaration,
    Reading,
    ScreeningEvent,
    Visit,
)

ADMIN = UserView(uuid.uuid4(), "root", "Root", Role.ADMIN)
OFFICER = UserView(uuid.uuid4(), "olivia", "Olivia", Role.OFFICER)
GUARD = UserView(uuid.uuid4(), "gary", "Gary", Role.GUARD)
TABLES = {
    "events": ScreeningEvent, "readings": Reading, "declarations": HealthDeclaration,
    "visits": Visit, "amendments": Amendment, "audit": AuditEntry,
}


@dataclass
class Site:
    services: Services
    clock: Any
    paths: Paths
    retention: RetentionService
    amend: AmendService
    people: dict[str, uuid.UUID]

    def screen(self, who: str, temp: str = "36.6", direction: Direction = Direction.IN,
               declaration: Declaration | None = None) -> uuid.UUID:
        s = self.services.screening
        outcome = s.screen(s.identify_manual(self.people[who]),
                           TakenReading(parse_reading(temp), "sim"), direction, None, declaration)
        self.clock.advance(minutes=2)
        assert outcome.event_id is not None
        return outcome.event_id

    def recheck(self, event_id: uuid.UUID, temp: str) -> uuid.UUID:
        outcome = self.services.screening.recheck(
            event_id, TakenReading(parse_reading(temp), "sim")
        )
        self.clock.advance(minutes=2)
        assert outcome.event_id is not None
        return outcome.event_id

    def counts(self) -> dict[str, int]:
        with self.services.db.session() as session:
            return {
                name: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in TABLES.items()
            }

    def actions(self) -> list[tuple[str, str, dict[str, Any]]]:
        with self.services.db.session() as session:
            return [
                (e.action, e.actor, json.loads(e.details))
                for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            ]

    def event(self, event_id: uuid.UUID) -> ScreeningEvent | None:
        with self.services.db.session() as session:
            event = session.get(ScreeningEvent, event_id)
            if event is not None:
                _ = event.readings  # loaded while the session is open
            return event

    def verify_ok(self) -> None:
        report = verify(self.services.db)
        assert report.problems == []


@pytest.fixture
def site(services: Services, clock: Any, paths: Paths) -> Site:
    people = {
        who: services.staff.add(staff_no=no, name=name).id
        for who, no, name in (("a", "1001", "张伟"), ("b", "1002", "李娜"), ("c", "1003", "王芳"))
    }
    return Site(
        services, clock, paths,
        RetentionService(services.db, services.installation, clock),
        AmendService(services.db, services.installation, clock),
        people,
    )


@dataclass
class History:
    day0: dict[str, uuid.UUID]
    day100: dict[str, uuid.UUID]
    visitor_declaration: uuid.UUID
    late_visit: uuid.UUID


@pytest.fixture
def history(site: Site) -> History:
    """Day 0: screenings of a, b and c (a fever case: recheck then deny), a declaration of a,
    a corrected temperature, a visitor. Day 100: more screenings and a visitor. The clock is
    left at day 400."""
    start = site.clock.now
    day0 = {
        "a": site.screen("a", "36.6", declaration=Declaration()),
        "b": site.screen("b", "36.7"),
        "c1": site.screen("c", "38.2"),
    }
    day0["c2"] = site.recheck(day0["c1"], "38.1")
    site.amend.amend(day0["b"], by=OFFICER, reason="typed 36.7 for 36.2", temperature_c=36.2)
    visitor = site.services.visitors.register(
        VisitorForm(name="访客 陈先生", phone="13900001111", host="张伟")
    )
    site.clock.now = start + timedelta(days=100)
    day100 = {"a": site.screen("a", "36.5"), "b": site.screen("b", "36.4", Direction.OUT)}
    late = site.services.visitors.register(
        VisitorForm(name="访客 刘女士", phone="13900002222", host="李娜")
    )
    site.clock.now = start + timedelta(days=400)
    return History(day0, day100, visitor.declaration_id, late.visit_id)


# --- settings -------------------------------------------------------------------------------


def test_settings_default_and_change(site: Site) -> None:
    assert site.retention.settings() == RetentionSettings(28, 28, 365)
    new = site.retention.update_settings(ADMIN, raw_temperature_days=14, event_days=730)
    assert new == RetentionSettings(14, 28, 730)
    assert site.retention.settings() == new
    action, actor, details = site.actions()[-1]
    assert (action, actor) == ("retention.settings", "root")
    assert details == {"event_days": {"from": 365, "to": 730},
                       "raw_temperature_days": {"from": 28, "to": 14}}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"raw_temperature_days": 0}, "between 1 and 3650"),
        ({"event_days": 3651}, "between 1 and 3650"),
        ({"declaration_days": True}, "whole number"),
        ({"declaration_days": 2.5}, "whole number"),
        ({"raw_temperature_days": 400}, "cannot be kept longer"),
        ({"event_days": 10}, "cannot be kept longer"),
        ({"forever": 1}, "Unknown retention setting"),
    ],
)
def test_bad_settings_are_refused(site: Site, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError, match=message):
        site.retention.update_settings(ADMIN, **changes)
    assert site.retention.settings() == RetentionSettings()


def test_only_admins_change_settings(site: Site) -> None:
    with pytest.raises(PermissionDenied):
        site.retention.update_settings(OFFICER, event_days=30)
    assert site.actions()[-1][0] == "denied"
    assert site.retention.settings() == RetentionSettings()


def test_a_damaged_setting_is_reported(site: Site) -> None:
    with site.services.db.session() as session:
        repo.put_setting(session, "retention.event_days", "forever")
    with pytest.raises(UserError, match=r"retention\.event_days"):
        site.retention.plan()


# --- plan and apply -------------------------------------------------------------------------


def test_nothing_to_purge_on_a_new_site(site: Site) -> None:
    plan = site.retention.plan()
    assert plan.counts == PurgeCounts() and plan.counts.total == 0
    result = site.retention.apply(ADMIN)
    assert result.removed == PurgeCounts()
    assert [a for a, _, _ in site.actions()][-1] == "retention.purge"
    site.verify_ok()


def test_dry_run_changes_nothing(site: Site, history: History) -> None:
    before = site.counts()
    plan = site.retention.plan()
    assert plan.counts == PurgeCounts(
        events=4, event_readings=4, amendments=1, alert_acks=0,
        stripped_events=2, readings=2, amended_temperatures=0,
        declarations=3, visits=1,
    )
    assert plan.cutoffs.events_before == site.clock.now - timedelta(days=365)
    assert plan.cutoffs.readings_before == site.clock.now - timedelta(days=28)
    assert plan.cutoffs.visits_before == "2027-01-01"  # site-local date of the event cut-off
    assert plan.to_json()["counts"]["events"] == 4
    assert site.counts() == before


def test_apply_removes_exactly_what_the_plan_said(site: Site, history: History) -> None:
    before = site.counts()
    plan = site.retention.plan()
    result = site.retention.apply(ADMIN)
    assert result.removed == plan.counts
    assert result.cutoffs == plan.cutoffs and result.actor == "root"
    after = site.counts()
    assert after["events"] == before["events"] - plan.counts.events
    assert after["readings"] == (
        before["readings"] - plan.counts.event_readings - plan.counts.readings
    )
    assert after["declarations"] == before["declarations"] - plan.counts.declarations
    assert after["visits"] == before["visits"] - plan.counts.visits
    assert after["amendments"] == before["amendments"] - plan.counts.amendments
    for event_id in history.day0.values():
        assert site.event(event_id) is None
    for event_id in history.day100.values():
        kept = site.event(event_id)
        assert kept is not None and kept.readings == []
        assert kept.readings_purged_at == site.clock.now
    # The day-100 visit stays without its (purged) declaration.
    with site.services.db.session() as session:
        visit = session.get(Visit, history.late_visit)
        assert visit is not None and visit.declaration_id is None
    assert result.visit_links_cleared == 1
    # Nothing is left to do.
    assert site.retention.plan().counts == PurgeCounts()
    site.verify_ok()


def test_every_purge_is_audited(site: Site, history: History) -> None:
    mark = len(site.actions())
    result = site.retention.apply(ADMIN)
    entries = site.actions()[mark:]
    assert [a for a, _, _ in entries] == [
        "retention.events", "retention.visits", "retention.declarations",
        "retention.readings", "retention.purge",
    ]
    assert {actor for _, actor, _ in entries} == {"root"}
    details = {action: d for action, _, d in entries}
    assert details["retention.events"]["events"] == 4
    assert details["retention.events"]["before"] == result.cutoffs.events_before.isoformat()
    assert details["retention.events"]["chain_gaps"] == {
        str(site.services.installation.gate_id): [
            {"after_seq": None, "after_chain": "0" * 64, "first_seq": 2, "last_seq": 5,
             "resume_chain": details["retention.events"]["chain_gaps"][
                 str(site.services.installation.gate_id)][0]["resume_chain"],
             "count": 4},
        ]
    }
    assert details["retention.readings"]["events"] == 2
    assert details["retention.visits"] == {"before_date": "2027-01-01", "visits": 1}
    assert details["retention.declarations"]["declarations"] == 3
    summary = details["retention.purge"]
    assert summary["removed"] == result.removed.to_json()
    assert summary["cutoffs"] == result.cutoffs.to_json()
    assert summary["trigger"] == "manual"
    # A purge with nothing to remove still leaves its summary.
    site.retention.apply(ADMIN)
    assert [a for a, _, _ in site.actions()[mark + len(entries):]] == ["retention.purge"]


@pytest.mark.parametrize("user", [GUARD, OFFICER], ids=["guard", "officer"])
def test_only_admins_purge(site: Site, history: History, user: UserView) -> None:
    before = site.counts()
    with pytest.raises(PermissionDenied, match="may not purge records"):
        site.retention.apply(user)
    action, actor, details = site.actions()[-1]
    assert (action, actor, details["attempted"]) == ("denied", user.username, "purge records")
    after = site.counts()
    assert after.pop("audit") == before.pop("audit") + 1
    assert after == before


# --- holds ----------------------------------------------------------------------------------


def test_a_hold_protects_a_fever_case(site: Site, history: History) -> None:
    hold = site.retention.hold(site.people["c"], "fever case 2026-11-27, CDC asked", OFFICER)
    assert hold.active and site.retention.holds() == [hold]
    plan = site.retention.plan()
    assert plan.held_people == 1
    assert plan.counts.events == 2  # a and b; c's recheck pair stays
    result = site.retention.apply(ADMIN)
    assert result.removed == plan.counts
    for key in ("c1", "c2"):
        kept = site.event(history.day0[key])
        assert kept is not None and len(kept.readings) == 1 and kept.readings_purged_at is None
    assert site.event(history.day0["a"]) is None
    site.verify_ok()

    site.clock.advance(hours=1)
    released = site.retention.release(hold.id, OFFICER)
    assert not released.active and site.retention.holds() == []
    assert site.retention.holds(active_only=False) == [released]
    site.clock.advance(days=1)
    result = site.retention.apply(ADMIN)
    assert result.removed.events == 2
    assert site.event(history.day0["c1"]) is None
    site.verify_ok()
    assert [a for a, _, _ in site.actions() if a.startswith("retention.h") or
            a == "retention.release"] == ["retention.hold", "retention.release"]


def test_a_hold_between_purged_runs_keeps_the_chain_verifiable(site: Site) -> None:
    """Held events in the middle of purged ones split the chain into several gaps; a second
    purge after the release merges them."""
    start = site.clock.now
    site.screen("a")
    held_event = site.screen("c")
    site.screen("b")
    site.clock.now = start + timedelta(days=1)
    site.screen("c", "36.9")
    site.screen("a")
    site.clock.now = start + timedelta(days=400)
    site.screen("b")
    site.retention.hold(site.people["c"], "investigation", OFFICER)
    result = site.retention.apply(ADMIN)
    assert result.removed.events == 3
    site.verify_ok()
    # Deleting a held event between two gaps is found.
    con = sqlite3.connect(site.paths.database_file)
    with con:
        con.execute("DELETE FROM readings WHERE event_id = ?", (held_event.hex,))
        con.execute("DELETE FROM screening_events WHERE id = ?", (held_event.hex,))
    con.close()
    problems = verify(site.services.db).problems
    assert any("seq 2: missing (deleted?)" in p for p in problems)
    assert any("seq 4: does not follow the event before it" in p for p in problems)


def test_gaps_merge_after_a_release(site: Site) -> None:
    start = site.clock.now
    site.screen("a")
    site.screen("c")
    site.screen("b")
    site.screen("c", direction=Direction.OUT)
    site.screen("a", direction=Direction.OUT)
    site.clock.now = start + timedelta(days=400)
    site.screen("b")
    hold = site.retention.hold(site.people["c"], "investigation", OFFICER)
    site.retention.apply(ADMIN)
    site.verify_ok()
    site.retention.release(hold.id, OFFICER)
    site.clock.advance(days=1)
    assert site.retention.apply(ADMIN).removed.events == 2
    gaps = [d for a, _, d in site.actions() if a == "retention.events"][-1]["chain_gaps"]
    (only,) = gaps.values()
    assert [(g["after_seq"], g["first_seq"], g["last_seq"], g["count"]) for g in only] == [
        (None, 1, 5, 5)
    ]
    site.screen("a")
    site.verify_ok()


def test_hold_and_release_rules(site: Site) -> None:
    with pytest.raises(PermissionDenied):
        site.retention.hold(site.people["a"], "reason", GUARD)
    with pytest.raises(UserError, match="reason is required"):
        site.retention.hold(site.people["a"], " ", OFFICER)
    with pytest.raises(UserError, match="not in the registry"):
        site.retention.hold(uuid.uuid4(), "reason", OFFICER)
    hold = site.retention.hold(site.people["a"], "reason", OFFICER)
    with pytest.raises(UserError, match="on hold already"):
        site.retention.hold(site.people["a"], "again", OFFICER)
    with pytest.raises(PermissionDenied):
        site.retention.release(hold.id, GUARD)
    with pytest.raises(UserError, match="No retention hold"):
        site.retention.release(uuid.uuid4(), OFFICER)
    site.retention.release(hold.id, ADMIN)
    with pytest.raises(UserError, match="released already"):
        site.retention.release(hold.id, OFFICER)


# --- the chain and the readings -------------------------------------------------------------


def test_verify_is_ok_after_a_readings_purge(site: Site, history: History) -> None:
    site.clock.now -= timedelta(days=300)  # day 100: only raw readings are due
    plan = site.retention.plan()
    assert plan.counts.events == 0 and plan.counts.stripped_events == 4
    site.retention.apply(ADMIN)
    kept = site.event(history.day0["a"])
    assert kept is not None and kept.readings == [] and kept.readings_purged_at is not None
    site.verify_ok()
    # The event purge later still verifies, and so do events recorded after it.
    site.clock.now += timedelta(days=300)
    site.retention.apply(ADMIN)
    site.verify_ok()
    site.screen("a")
    site.screen("b")
    site.verify_ok()


def test_corrected_temperatures_go_with_the_readings(site: Site) -> None:
    event_id = site.screen("a", "39.5")
    site.amend.amend(event_id, by=OFFICER, reason="typed 39.5 for 36.5", temperature_c=36.5,
                     decision="pass")
    site.clock.advance(days=29)
    plan = site.retention.plan()
    assert (plan.counts.stripped_events, plan.counts.amended_temperatures) == (1, 1)
    assert site.retention.apply(ADMIN).removed.amended_temperatures == 1
    (amendment,) = site.amend.history(event_id)
    assert amendment.changes == {
        "temperature_c": {"purged": True}, "decision": {"from": "recheck", "to": "pass"},
    }
    with site.services.db.session() as session:
        row = session.scalars(select(Amendment)).one()
        assert "36.5" not in json.dumps(row.changes) and "39.5" not in json.dumps(row.changes)
    effective = site.amend.effective(event_id)
    assert effective.temperature_c is None and effective.readings_purged
    assert effective.decision.value == "pass"
    with pytest.raises(UserError, match="can no longer be corrected"):
        site.amend.amend(event_id, by=OFFICER, reason="again", temperature_c=36.6)
    site.verify_ok()


def test_a_recheck_pair_is_removed_together(site: Site) -> None:
    start = site.clock.now
    first = site.screen("a", "38.0")
    site.clock.now = start + timedelta(days=2)
    second = site.recheck(first, "36.8")  # a (late) second reading, two days on
    site.clock.now = start + timedelta(days=366)
    plan = site.retention.plan()
    assert plan.counts.events == 0  # the first stays while the second does
    site.retention.apply(ADMIN)
    assert site.event(first) is not None
    site.clock.now = start + timedelta(days=368)
    assert site.retention.apply(ADMIN).removed.events == 2
    assert site.event(first) is None and site.event(second) is None
    site.verify_ok()


def test_a_gate_whose_every_event_was_purged_still_verifies(site: Site) -> None:
    site.screen("a")
    site.screen("b")
    site.clock.advance(days=366)
    assert site.retention.apply(ADMIN).removed.events == 2
    site.verify_ok()
    site.screen("a")
    site.verify_ok()


def test_purged_ranges_cannot_be_forged(site: Site, history: History) -> None:
    site.retention.apply(ADMIN)
    con = sqlite3.connect(site.paths.database_file)
    with con:
        entry = con.execute(
            "SELECT id FROM audit_log WHERE action = 'retention.events'"
        ).fetchone()[0]
        con.execute("UPDATE audit_log SET details = replace(details, '\"count\":4', "
                    "'\"count\":5') WHERE id = ?", (entry,))
    con.close()
    assert f"audit entry {entry}: its content was changed" in verify(site.services.db).problems


# --- the schedule ---------------------------------------------------------------------------


def test_the_scheduler_purges_once_a_day(site: Site, history: History) -> None:
    assert site.retention.last_purge_at() is None
    first = site.retention.run_scheduled()
    assert first is not None and first.actor == "scheduler" and first.removed.events == 4
    assert site.retention.last_purge_at() == site.clock.now
    site.clock.advance(hours=23)
    assert site.retention.run_scheduled() is None
    site.clock.advance(hours=1)
    again = site.retention.run_scheduled()
    assert again is not None and again.removed == PurgeCounts()
    summaries = [(actor, d["trigger"]) for a, actor, d in site.actions()
                 if a == "retention.purge"]
    assert summaries == [("scheduler", "scheduled"), ("scheduler", "scheduled")]
    site.verify_ok()


# --- gaps (pure) ----------------------------------------------------------------------------


def test_merge_gaps() -> None:
    rows = [(1, "c1", True), (2, "c2", True), (4, "c4", False), (5, "c5", True)]
    gaps, removed = merge_gaps(rows, [])
    assert removed == 3
    assert gaps == [
        ChainGap(None, "0" * 64, 1, 2, "c2", 2),
        ChainGap(4, "c4", 5, 5, "c5", 1),
    ]
    # Later: 4 is released and goes too, and 7 after the last gap.
    gaps, removed = merge_gaps([(4, "c4", True), (7, "c7", True)], gaps)
    assert removed == 2
    assert gaps == [ChainGap(None, "0" * 64, 1, 7, "c7", 5)]
