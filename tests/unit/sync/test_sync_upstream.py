"""Records going upstream: a gate's export imported by the site."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from syncnodes import Node, read, token_of

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services.amend import AmendService
from gatekeeper.services.integrity import verify
from gatekeeper.services.screening import Declaration
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.models import (
    Amendment,
    Badge,
    Gate,
    HealthDeclaration,
    Person,
    Reading,
    ScreeningEvent,
    User,
    Visit,
)
from gatekeeper.sync import container

GATE_RECORDS = (ScreeningEvent, Reading, HealthDeclaration, Visit, Amendment)


@dataclass
class Activity:
    events: list[uuid.UUID]
    visitor_id: uuid.UUID
    guard_id: uuid.UUID
    amendment_id: uuid.UUID
    pass_token: str


def activity(site: Node, gate: Node, phone: str = "13800138000") -> Activity:
    """A morning at the gate: employees screened by a guard, a fever recheck, a visitor with
    a declaration and a pass, and an officer's correction. 11 sequence numbers."""
    users = gate.services.users
    guard = users.add(username="gary", role="guard", secret="1234", actor="test")
    users.add(username="olivia", role="officer", secret="officer-pass", actor="test")
    officer = users.authenticate("olivia", "officer-pass")
    s = gate.services.screening
    t1001, t1002 = token_of(site, "1001"), token_of(site, "1002")
    events = []
    for token, temp in ((t1001, "36.6"), (t1002, "37.9")):
        outcome = s.screen(s.identify_token(token), read(temp), Direction.IN, guard_id=guard.id)
        assert outcome.event_id is not None
        events.append(outcome.event_id)
        gate.clock.advance(minutes=1)
    second = s.recheck(events[1], read("37.0"), guard_id=guard.id)
    assert second.decision is Decision.PASS and second.event_id is not None
    events.append(second.event_id)
    registered = gate.services.visitors.register(
        VisitorForm(name="王芳", phone=phone, company="ACME", host="Li Na",
                    declaration=Declaration(places_visited=("上海",)))
    )
    gate.clock.advance(minutes=1)
    visitor = gate.screen(registered.badge.token)
    assert visitor.event_id is not None
    events.append(visitor.event_id)
    gate.clock.advance(minutes=1)
    made = AmendService(gate.db, gate.installation, gate.clock).amend(
        events[0], by=officer, reason="he was leaving", direction=Direction.OUT
    )
    s.declare(s.identify_token(t1001).person.id, Declaration())
    for _ in range(3):
        gate.clock.advance(minutes=1)
        outcome = gate.screen(t1002, "36.5", Direction.OUT if _ % 2 == 0 else Direction.IN)
        assert outcome.event_id is not None
        events.append(outcome.event_id)
    return Activity(events, registered.person.id, guard.id, made.id, registered.badge.token)


def gate_ids(node: Node, model: type[Any], gate_id: uuid.UUID) -> set[uuid.UUID]:
    with node.db.session() as session:
        if model is Reading:
            query = session.query(Reading.id).join(ScreeningEvent).filter(
                ScreeningEvent.gate_id == gate_id
            )
        else:
            query = session.query(model.id).filter(model.gate_id == gate_id)
        return {row[0] for row in query}


def statuses(report: Any) -> list[str]:
    return [str(f.status) for f in report.files]


def test_export_then_import_upstream(site: Node, gate: Node, tmp_path: Path) -> None:
    did = activity(site, gate)
    files = gate.export(tmp_path / "out")
    assert [f.name for f in files] == [
        f"records-{gate.installation.gate_id.hex[-8:]}-0000000001-0000000011.gksync"
    ]
    report = site.sync.import_files(files)
    assert statuses(report) == ["imported"], report.lines()
    outcome = report.files[0]
    assert outcome.added == {
        "events": 7, "readings": 7, "declarations": 2, "visits": 1, "amendments": 1,
        "people": 1, "badges": 1, "users": 1,
    }
    assert outcome.warnings == ()
    gate_id = gate.installation.gate_id
    for model in GATE_RECORDS:
        assert gate_ids(site, model, gate_id) == gate_ids(gate, model, gate_id), model
    assert set(did.events) <= site.ids(ScreeningEvent)
    # The visitor registered at the gate, her pass and the guard came with the records.
    with site.db.session() as session:
        visitor = session.get(Person, did.visitor_id)
        assert visitor is not None and visitor.name == "王芳" and visitor.kind == "visitor"
        assert session.query(Badge).filter_by(person_id=did.visitor_id).count() == 1
        guard = session.get(User, did.guard_id)
        assert guard is not None and guard.username == "gary" and not guard.active
        row = session.get(Gate, gate_id)
        gate_row = gate.installation
        assert row is not None and row.next_seq == 12 and gate_row is not None
    # The hashes are the gate's, untouched, and the chain verifies here; so does everything
    # `gatekeeper audit verify` checks (the correction has its audit entry here too).
    with site.db.session() as here, gate.db.session() as there:
        for event_id in did.events:
            a, b = here.get(ScreeningEvent, event_id), there.get(ScreeningEvent, event_id)
            assert a is not None and b is not None
            assert (a.content_hash, a.chain_hash, a.readings_hash) == (
                b.content_hash, b.chain_hash, b.readings_hash
            )
        gate_head = there.get(Gate, gate_id)
        site_head = here.get(Gate, gate_id)
        assert gate_head is not None and site_head is not None
        assert site_head.last_chain_hash == gate_head.last_chain_hash
    assert site.sync.verify_chain(gate_id) == []
    integrity = verify(site.db)
    assert integrity.problems == []
    assert integrity.amendments == 1
    # A guard who came with the records cannot sign in here.
    with pytest.raises(UserError):
        site.services.users.authenticate("gary", "1234")


def test_export_again_writes_nothing_and_import_again_changes_nothing(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    activity(site, gate)
    files = gate.export(tmp_path / "out")
    assert gate.export(tmp_path / "out") == []
    site.sync.import_files(files)
    before = site.counts()
    again = site.sync.import_files(files + files)
    assert statuses(again) == ["already imported", "already imported"]
    assert site.counts() == before
    gate.screen(token_of(site, "1001"), "36.4", Direction.OUT)
    more = gate.export(tmp_path / "out")
    assert len(more) == 1 and more[0].name.endswith("-0000000012-0000000012.gksync")
    assert statuses(site.sync.import_files(more)) == ["imported"]
    assert site.sync.verify_chain(gate.installation.gate_id) == []


def test_since_seq_exports_again_and_the_import_is_idempotent(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    activity(site, gate)
    first = gate.export(tmp_path / "out", batch_size=4)
    assert len(first) == 3
    report = site.sync.import_files(first)
    assert statuses(report) == ["imported"] * 3
    before = site.counts()
    again = gate.export(tmp_path / "again", since_seq=5)
    assert [p.name.split("-", 2)[2] for p in again] == [
        "0000000005-0000000011.gksync"
    ]
    report = site.sync.import_files(again)
    assert statuses(report) == ["imported"]
    assert set(report.files[0].added.values()) == {0}
    after = site.counts()
    assert after.pop("sync_imports") == before.pop("sync_imports") + 1
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # the import itself
    assert after == before
    # Same names in the same folder: never overwritten.
    same = gate.export(tmp_path / "again", since_seq=5)
    assert same[0].name.endswith("-0000000005-0000000011-2.gksync")


def test_a_gap_is_reported_and_what_is_in_order_is_imported(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    activity(site, gate)
    files = gate.export(tmp_path / "out", batch_size=4)
    assert [f.name.split("-", 2)[2] for f in files] == [
        "0000000001-0000000004.gksync", "0000000005-0000000008.gksync",
        "0000000009-0000000011.gksync",
    ]
    report = site.sync.import_files([files[2], files[0]])
    assert statuses(report) == ["waiting", "imported"]
    assert not report.ok and report.waiting == [report.files[0]]
    reason = report.files[0].reason
    assert "gap" in reason and "5-8" in reason and "--since-seq 5" in reason
    gate_id = gate.installation.gate_id
    with site.db.session() as session:
        seqs = sorted(s for (s,) in session.query(ScreeningEvent.seq).filter_by(gate_id=gate_id))
    assert seqs and max(seqs) <= 4
    # The missing file arrives: both go in, in order, whatever order they are named in.
    report = site.sync.import_files([files[2], files[1]])
    assert statuses(report) == ["imported", "imported"] and report.ok
    for model in GATE_RECORDS:
        assert gate_ids(site, model, gate_id) == gate_ids(gate, model, gate_id)
    assert site.sync.verify_chain(gate_id) == []


def test_files_named_in_any_order_are_imported_in_sequence(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    activity(site, gate)
    files = gate.export(tmp_path / "out", batch_size=2)
    assert len(files) == 6
    report = site.sync.import_files(list(reversed(files)))
    assert statuses(report) == ["imported"] * 6
    assert verify(site.db).problems == []


def test_a_record_changed_since_it_was_imported_is_a_conflict(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    did = activity(site, gate)
    site.sync.import_files(gate.export(tmp_path / "out"))
    with sqlite3.connect(gate.paths.database_file) as conn:
        conn.execute("UPDATE screening_events SET reason = 'forged' WHERE id = ?",
                     (did.events[1].hex,))
    again = gate.export(tmp_path / "again", since_seq=1)
    before = site.counts()
    report = site.sync.import_files(again)
    assert statuses(report) == ["rejected"]
    assert "differs from the one stored here" in report.files[0].reason
    after = site.counts()
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # the rejection
    assert after == before


def test_a_broken_chain_at_the_gate_is_imported_and_reported(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    """The events are the gate's evidence: kept as they are, and the break is told."""
    did = activity(site, gate)
    with sqlite3.connect(gate.paths.database_file) as conn:
        conn.execute("UPDATE screening_events SET decision = 'pass' WHERE id = ?",
                     (did.events[1].hex,))
    report = site.sync.import_files(gate.export(tmp_path / "out"))
    assert statuses(report) == ["imported"]
    assert any("content does not match" in w for w in report.files[0].warnings)
    problems = site.sync.verify_chain(gate.installation.gate_id)
    assert len(problems) == 1 and "seq 2" in problems[0]


def test_files_not_for_this_installation_are_skipped(
    site: Node, gate: Node, provision: Callable[..., Node], tmp_path: Path
) -> None:
    activity(site, gate)
    records = gate.export(tmp_path / "gate")
    other = provision("South Gate", folder="south")
    assert statuses(other.sync.import_files(records)) == ["skipped"]  # records go upstream
    assert statuses(gate.sync.import_files(records)) == ["skipped"]  # its own
    site.screen(token_of(site, "1001"))
    own = site.export(tmp_path / "site")
    assert {p.name.split("-")[0] for p in own} == {"registry", "records"}
    report = site.sync.import_files(own)
    assert statuses(report) == ["skipped", "skipped"]


def test_two_gates_number_their_visitors_alike(
    site: Node, gate: Node, provision: Callable[..., Node], tmp_path: Path
) -> None:
    """Both gates call their first visitor of the day V2611270001: the site keeps both."""
    south = provision("South Gate", folder="south")
    north_visit = activity(site, gate, phone="13800138000")
    south_reg = south.services.visitors.register(
        VisitorForm(name="Bob", phone="13900139000", declaration=Declaration())
    )
    assert south_reg.person.staff_no == north_visit_staff_no(gate, north_visit.visitor_id)
    first = site.sync.import_files(gate.export(tmp_path / "north"))
    second = site.sync.import_files(south.export(tmp_path / "south"))
    assert statuses(first) == statuses(second) == ["imported"]
    assert any("is taken here" in w for w in second.files[0].warnings)
    with site.db.session() as session:
        bob = session.get(Person, south_reg.person.id)
        assert bob is not None and bob.staff_no.startswith(south_reg.person.staff_no + "-")


def north_visit_staff_no(node: Node, person_id: uuid.UUID) -> str:
    with node.db.session() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.staff_no


def test_records_stream_from_the_database(site: Node, gate: Node, tmp_path: Path) -> None:
    """The parts are gzipped JSON lines in seq order; the file is read section by section."""
    activity(site, gate)
    (path,) = gate.export(tmp_path / "out")
    with container.ContainerReader(path) as reader:
        names = [s.name for s in reader.parts]
        assert names == [
            "events.jsonl.gz", "readings.jsonl.gz", "declarations.jsonl.gz", "visits.jsonl.gz",
            "amendments.jsonl.gz", "people.jsonl.gz", "badges.jsonl.gz", "users.jsonl.gz",
        ]
        events = reader.parts[0]
        text = b"".join(container.decompressed(reader.chunks(events), 1 << 20))
    seqs = [int(line.split(b",")[2]) for line in text.splitlines()]
    assert seqs == sorted(seqs) and len(seqs) == 7


def test_files_after_a_rejected_one_wait_for_it(
    site: Node, gate: Node, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gatekeeper.sync.importer import SyncImporter
    from gatekeeper.sync.reader import Rejected

    activity(site, gate)
    files = gate.export(tmp_path / "out", batch_size=4)
    apply = SyncImporter._apply_records

    def refuse_the_second(self: SyncImporter, session: Any, sync_file: Any) -> Any:
        if sync_file.manifest.first_seq == 5:
            raise Rejected("refused for the test")
        return apply(self, session, sync_file)

    monkeypatch.setattr(SyncImporter, "_apply_records", refuse_the_second)
    report = site.sync.import_files(files)
    assert statuses(report) == ["imported", "rejected", "waiting"]
    assert "which was rejected" in report.files[2].reason
    assert files[1].name in report.files[2].reason
