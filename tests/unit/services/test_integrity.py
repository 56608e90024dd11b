"""``audit verify`` against edits made to the SQLite file behind the application's back."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, replace
from typing import Any

import pytest

from gatekeeper.config import Paths
from gatekeeper.domain import integrity as chain
from gatekeeper.domain.enums import Direction, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services.amend import AmendService
from gatekeeper.services.container import Services
from gatekeeper.services.integrity import verify
from gatekeeper.services.screening import ScreeningService, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import Gate, ScreeningEvent

GATE = "screening_events gate 'North Gate'"
OFFICER = UserView(uuid.uuid4(), "olivia", "Olivia", Role.OFFICER)


@dataclass
class Log:
    services: Services
    paths: Paths
    #: Event ids by sequence number (6 is the amendment's number).
    events: dict[int, uuid.UUID]
    amendment: uuid.UUID
    people: tuple[uuid.UUID, uuid.UUID]

    def sql(self, statement: str, *params: Any) -> None:
        """Edit the file directly, as someone with a SQLite shell would."""
        con = sqlite3.connect(self.paths.database_file)
        try:
            with con:
                con.execute(statement, params)
        finally:
            con.close()

    def row(self, statement: str, *params: Any) -> tuple[Any, ...]:
        con = sqlite3.connect(self.paths.database_file)
        try:
            found = con.execute(statement, params).fetchone()
            assert found is not None
            return tuple(found)
        finally:
            con.close()

    def problems(self) -> list[str]:
        return verify(self.services.db).problems


@pytest.fixture
def log(services: Services, paths: Paths, clock: Any) -> Log:
    a = services.staff.add(staff_no="1001", name="张伟").id
    b = services.staff.add(staff_no="1002", name="李娜").id
    s = services.screening

    def screen(person: uuid.UUID, temp: str, direction: Direction) -> uuid.UUID:
        outcome = s.screen(s.identify_manual(person), TakenReading(parse_reading(temp), "sim"),
                           direction)
        clock.advance(minutes=2)
        assert outcome.event_id is not None
        return outcome.event_id

    events = {1: screen(a, "36.6", Direction.IN), 2: screen(b, "36.8", Direction.IN)}
    events[3] = screen(a, "37.9", Direction.OUT)
    second = s.recheck(events[3], TakenReading(parse_reading("37.0"), "sim"))
    assert second.event_id is not None and second.seq == 4
    events[4] = second.event_id
    events[5] = screen(b, "36.5", Direction.OUT)
    made = AmendService(services.db, services.installation, clock).amend(
        events[2], by=OFFICER, reason="she was leaving", direction=Direction.OUT
    )
    assert made.seq == 6
    events[7] = screen(a, "36.7", Direction.IN)
    return Log(services, paths, events, made.id, (a, b))


def test_an_untouched_database_verifies(log: Log) -> None:
    report = verify(log.services.db)
    assert report.ok and report.problems == []
    assert (report.gates, report.events, report.amendments) == (1, 6, 1)
    assert report.to_json()["ok"] is True


def test_an_empty_database_verifies(services: Services) -> None:
    report = verify(services.db)
    assert report.ok and report.events == 0


def test_a_changed_temperature_is_found(log: Log) -> None:
    log.sql("UPDATE readings SET value_c = 36.9 WHERE event_id = ?", log.events[3].hex)
    assert log.problems() == [
        f"{GATE} seq 3: its temperature readings were changed, added or removed"
    ]


def test_a_removed_reading_is_found(log: Log) -> None:
    log.sql("DELETE FROM readings WHERE event_id = ?", log.events[4].hex)
    assert log.problems() == [
        f"{GATE} seq 4: its temperature readings were changed, added or removed"
    ]


@pytest.mark.parametrize(
    ("column", "value"),
    [("decision", "pass"), ("direction", "in"), ("reason", "normal"),
     ("occurred_at", "2026-11-27 00:00:00.000000")],
)
def test_a_changed_field_is_found(log: Log, column: str, value: str) -> None:
    log.sql(f"UPDATE screening_events SET {column} = ? WHERE id = ?", value, log.events[3].hex)
    assert log.problems() == [
        f"{GATE} seq 3: its recorded content (person, time, direction, decision, reason...) "
        "was changed"
    ]


def test_a_changed_person_is_found(log: Log) -> None:
    log.sql("UPDATE screening_events SET person_id = ? WHERE id = ?", log.people[1].hex,
            log.events[1].hex)
    problems = log.problems()
    assert len(problems) == 1 and problems[0].startswith(f"{GATE} seq 1: its recorded content")


def test_a_rehashed_event_still_breaks_the_chain(log: Log) -> None:
    """Someone who also recomputes the content hash is caught by the link to the event before
    it."""
    with log.services.db.session() as session:
        event = session.get(ScreeningEvent, log.events[2])
        assert event is not None
        fields = repo.event_fields(event)
        readings_hash = event.readings_hash
    fields["decision"] = "deny"
    log.sql("UPDATE screening_events SET decision = 'deny', content_hash = ? WHERE id = ?",
            chain.content_hash(fields, readings_hash), log.events[2].hex)
    assert log.problems() == [
        f"{GATE} seq 2: does not follow the event before it in the chain: an event before it "
        "was deleted, or this one was inserted or re-hashed"
    ]


def test_a_deleted_event_in_the_middle_is_found(log: Log) -> None:
    log.sql("DELETE FROM readings WHERE event_id = ?", log.events[2].hex)
    log.sql("DELETE FROM amendments WHERE event_id = ?", log.events[2].hex)
    log.sql("DELETE FROM screening_events WHERE id = ?", log.events[2].hex)
    problems = log.problems()
    assert f"{GATE} seq 3: does not follow the event before it in the chain: an event before " \
        "it was deleted, or this one was inserted or re-hashed" in problems
    # Its amendment went with it, and the audit trail still names it.
    assert any(p.startswith(f"amendments id {log.amendment}: recorded in audit entry")
               and "missing" in p for p in problems)
    assert len(problems) == 2


def test_a_deleted_newest_event_is_found(log: Log) -> None:
    log.sql("DELETE FROM readings WHERE event_id = ?", log.events[7].hex)
    log.sql("DELETE FROM screening_events WHERE id = ?", log.events[7].hex)
    assert log.problems() == [
        "gates 'North Gate': its chain of events ends elsewhere than the gate records: the "
        "newest event was deleted, or an event was added behind the application's back"
    ]


def _forge(log: Log, seq: int, chain_hash: str = "", content_hash: str = "") -> None:
    source = log.events[5].hex
    log.sql(
        "INSERT INTO screening_events (id, gate_id, seq, person_id, occurred_at, timezone, "
        "direction, decision, reason, method, badge_version, guard_id, recheck_of, "
        "readings_hash, content_hash, chain_hash, readings_purged_at) "
        "SELECT ?, gate_id, ?, person_id, occurred_at, timezone, direction, 'pass', reason, "
        "method, badge_version, guard_id, NULL, readings_hash, ?, ?, NULL "
        "FROM screening_events WHERE id = ?",
        uuid.uuid4().hex, seq, content_hash, chain_hash, source,
    )


def test_a_forged_event_in_the_middle_is_found(log: Log) -> None:
    _forge(log, 6)  # the number the amendment took: free among events
    problems = log.problems()
    assert f"{GATE} seq 6: does not follow the event before it in the chain: an event before " \
        "it was deleted, or this one was inserted or re-hashed" in problems
    assert f"{GATE} seq 7: does not follow the event before it in the chain: an event before " \
        "it was deleted, or this one was inserted or re-hashed" in problems


def test_a_forged_event_at_the_end_is_found(log: Log) -> None:
    last_chain = log.row("SELECT last_chain_hash FROM gates")[0]
    content = "ab" * 32
    _forge(log, 500, chain.chain_hash(last_chain, content), content)
    problems = log.problems()
    assert problems == [
        f"{GATE} seq 500: beyond the gate's sequence counter (8); it was inserted behind the "
        "application's back"
    ]


def test_an_edited_audit_entry_is_found(log: Log) -> None:
    entry = log.row("SELECT id FROM audit_log WHERE action = 'event.amend'")[0]
    log.sql("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", entry)
    assert log.problems() == [f"audit entry {entry}: its content was changed"]


def test_a_deleted_audit_entry_is_found(log: Log) -> None:
    log.sql("DELETE FROM audit_log WHERE id = 2")
    assert log.problems() == ["audit entry 3: does not follow the entry before it"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("reason", "no reason"),
        ("actor", "admin"),
        ("changes", '{"direction": {"from": "in", "to": "in"}}'),
        ("amended_at", "2026-11-27 00:00:00.000000"),
    ],
)
def test_an_edited_amendment_is_found(log: Log, column: str, value: str) -> None:
    entry = log.row("SELECT id FROM audit_log WHERE action = 'event.amend'")[0]
    log.sql(f"UPDATE amendments SET {column} = ? WHERE id = ?", value, log.amendment.hex)
    assert log.problems() == [
        f"amendments gate 'North Gate' seq 6 (id {log.amendment}, of event {log.events[2]}): "
        f"its content was changed since audit entry {entry} recorded it"
    ]


def test_a_deleted_amendment_is_found(log: Log) -> None:
    entry = log.row("SELECT id FROM audit_log WHERE action = 'event.amend'")[0]
    log.sql("DELETE FROM amendments WHERE id = ?", log.amendment.hex)
    assert log.problems() == [
        f"amendments id {log.amendment}: recorded in audit entry {entry} as a correction of "
        "the event at gate 'North Gate' seq 2, but missing (deleted behind the application's "
        "back)"
    ]


def test_an_inserted_amendment_is_found(log: Log) -> None:
    forged = uuid.uuid4()
    log.sql(
        "INSERT INTO amendments (id, event_id, gate_id, seq, amended_at, actor, reason, changes)"
        " SELECT ?, ?, gate_id, 99, amended_at, actor, 'cover-up', "
        "'{\"decision\": {\"from\": \"deny\", \"to\": \"pass\"}}' FROM amendments WHERE id = ?",
        forged.hex, log.events[4].hex, log.amendment.hex,
    )
    assert log.problems() == [
        f"amendments gate 'North Gate' seq 99 (id {forged}, of event {log.events[4]}): no audit "
        "entry records it; it was inserted behind the application's back"
    ]


def test_readings_removed_behind_the_applications_back_are_found(log: Log) -> None:
    """Marking readings as purged by retention does not hide their removal."""
    log.sql("DELETE FROM readings WHERE event_id = ?", log.events[1].hex)
    log.sql("UPDATE screening_events SET readings_purged_at = '2026-11-27 02:00:00.000000' "
            "WHERE id = ?", log.events[1].hex)
    problems = log.problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"{GATE} seq 1: its readings are marked as removed at")
    assert problems[0].endswith("but no purge recorded in the audit trail removed them")


def test_progress_is_reported(log: Log) -> None:
    seen: list[int] = []
    verify(log.services.db, progress=seen.append)
    assert seen == []  # every 10,000 events; six here


def test_each_gate_has_its_own_chain(log: Log, clock: Any) -> None:
    services = log.services
    with services.db.session() as session:
        gate = Gate(site_id=services.installation.site_id, name="South Gate",
                    timezone="Asia/Shanghai", created_at=clock())
        session.add(gate)
        session.flush()
        south = replace(services.installation, gate_id=gate.id, gate_name="South Gate")
    gates = {
        "north": services.screening,
        "south": ScreeningService(services.db, south, services.badges, services.settings, clock),
    }
    made: dict[str, list[uuid.UUID]] = {"north": [], "south": []}
    for temp in ("36.5", "36.6", "36.7"):  # interleaved
        for name, screening in gates.items():
            outcome = screening.screen(
                screening.identify_manual(log.people[1]),
                TakenReading(parse_reading(temp), "sim"),
                Direction.IN if name == "north" else Direction.OUT,
            )
            clock.advance(minutes=2)
            assert outcome.event_id is not None
            made[name].append(outcome.event_id)
    report = verify(services.db)
    assert report.ok and (report.gates, report.events) == (2, 12)
    log.sql("DELETE FROM readings WHERE event_id = ?", made["south"][1].hex)
    log.sql("DELETE FROM screening_events WHERE id = ?", made["south"][1].hex)
    assert log.problems() == [
        "screening_events gate 'South Gate' seq 3: does not follow the event before it in the "
        "chain: an event before it was deleted, or this one was inserted or re-hashed"
    ]
