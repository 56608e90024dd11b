"""The real services on PostgreSQL: one compact flow through the core use cases, and the
spots where several writers meet (only a server database has those)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from pgsupport import FakeClock
from sqlalchemy import func, select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Decision, Direction, Method, PersonKind, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.services import audit, integrity
from gatekeeper.services.alerts import AlertOutcome
from gatekeeper.services.container import Services
from gatekeeper.services.log import LogFilter
from gatekeeper.services.screening import Declaration, TakenReading
from gatekeeper.services.setup import AlreadyInitialised, SetupService
from gatekeeper.services.staff_import import StaffRow
from gatekeeper.services.users import SignInError
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AuditEntry, Gate, ScreeningEvent


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


def test_setup_keeps_keys_in_the_data_dir(
    pg_services: Services, pg_db: Database, pg_paths: Paths, pg_clock: FakeClock
) -> None:
    installation = pg_services.installation
    assert pg_paths.signing_key_file.exists() and pg_paths.public_key_file.exists()
    assert not list(pg_paths.data_dir.glob("*.db"))  # no SQLite file on the side
    again = SetupService(pg_db, pg_paths, pg_clock)
    assert again.installation() == installation
    with pytest.raises(AlreadyInitialised):
        again.initialise("华东一厂", "North Gate", "Asia/Shanghai")


def test_core_flow_on_postgresql(
    pg_services: Services, pg_clock: FakeClock, tmp_path: Path
) -> None:
    s = pg_services

    # Staff: one by hand, more from a GB18030 spreadsheet export, then search.
    s.staff.add(staff_no="1001", name="张伟", department="总装车间", phone="13800138000")
    sheet = tmp_path / "staff.csv"
    sheet.write_bytes("工号,姓名,部门,类型\n1002,王芳,质检部,员工\n1003,李娜_100%,仓库,承包商\n"
                      "1001,张伟,焊装车间,员工\n".encode("gb18030"))
    summary = s.staff.import_file(sheet)
    assert (summary.added, summary.updated, summary.unchanged) == (2, 1, 0)
    assert [p.staff_no for p in s.staff.list(search="_100%")] == ["1003"]
    assert [p.department for p in s.staff.list(search="张伟")] == ["焊装车间"]
    assert s.staff.count() == 3

    # Badges: issue, verify, revoke.
    token = s.badges.issue(["1001"])[0].token
    assert s.badges.verify(token).person.name == "张伟"
    old = s.badges.issue(["1002"])[0].token
    new = s.badges.revoke("1002").token
    with pytest.raises(TokenError) as info:
        s.badges.verify(old)
    assert info.value.problem is TokenProblem.REVOKED
    assert s.badges.verify(new).claims.version == 2

    # Screening: pass, duplicate, fever recheck, revoked badge refused and logged.
    scr = s.screening
    first = scr.screen(scr.identify_token(token), read("36.6"), Direction.IN)
    assert (first.decision, first.seq) == (Decision.PASS, 1)
    dup = scr.screen(scr.identify_token(token), read("36.7"), Direction.IN)
    assert not dup.recorded and dup.duplicate_of == first.event_id
    pg_clock.advance(minutes=1)
    fever = scr.screen(scr.identify_token(new), read("37.9"), Direction.IN)
    assert fever.decision is Decision.RECHECK
    assert fever.event_id is not None
    pg_clock.advance(seconds=20)
    confirmed = scr.recheck(fever.event_id, read("38.1"))
    assert (confirmed.decision, confirmed.recheck_of) == (Decision.DENY, fever.event_id)
    pg_clock.advance(minutes=1)
    with pytest.raises(TokenError) as info:
        scr.identify_token(old)
    refused = scr.refuse(info.value, old, Method.QR, Direction.IN)
    assert refused.recorded and refused.decision is Decision.DENY

    # A visitor registers with a declaration and goes through on the day pass.
    pg_clock.advance(minutes=1)
    visitor = s.visitors.register(VisitorForm(
        name="访客 陈先生", phone="139 0000 1111", company="华为", host="张伟",
        purpose="设备验收", declaration=Declaration(places_visited=("上海",)),
    ))
    passed = scr.screen(scr.identify_token(visitor.badge.token), read("36.4"), Direction.IN)
    assert passed.decision is Decision.PASS

    # Users: an officer signs in; a wrong password is refused and audited.
    officer = s.users.add(username="officer", role=Role.OFFICER, secret="correct horse 9")
    assert s.users.authenticate("officer", "correct horse 9").id == officer.id
    with pytest.raises(SignInError):
        s.users.authenticate("officer", "wrong")

    # The console's views read the same database.
    alert = next(a for a in s.alerts.open_alerts() if a.event_id == fever.event_id)
    s.alerts.acknowledge(alert.event_id, AlertOutcome.SENT_HOME, "", officer)
    assert fever.event_id not in {a.event_id for a in s.alerts.open_alerts()}
    assert {o.person.name for o in s.presence.on_site_now()} >= {"张伟", "访客 陈先生"}
    report = s.reports.daily(date(2026, 11, 27))
    assert (report.entries, report.denies, report.visitors) == (2, 2, 1)

    # The log, in time order, with local times; every chain intact.
    rows = list(s.log.rows(LogFilter()))
    assert [(r["seq"], r["decision"], r["name"]) for r in rows] == [
        (1, "pass", "张伟"), (2, "recheck", "王芳"), (3, "deny", "王芳"), (4, "deny", "王芳"),
        (rows[4]["seq"], "pass", "访客 陈先生"),
    ]
    assert rows[0]["local_time"] == "2026-11-27T09:00:00+08:00"
    assert rows[0]["temperatures_c"] == [36.6]
    checked = integrity.verify(s.db)
    assert checked.ok, checked.problems
    assert checked.events == 5


def test_screenings_from_two_threads_keep_every_chain(pg_services: Services) -> None:
    """Two kiosks of one gate writing to the central database at the same moment: sequence
    numbers stay unique, the gate's event chain and the audit trail stay linked."""
    s = pg_services
    per_thread = 15
    staff_nos = [f"T{i}-{n}" for i in range(2) for n in range(per_thread)]
    s.staff.import_rows([
        StaffRow(row=n, staff_no=no, name=f"工人{no}", department="", kind=PersonKind.EMPLOYEE,
                 phone="")
        for n, no in enumerate(staff_nos, start=2)
    ])
    tokens = {b.person.staff_no: b.token for b in s.badges.issue(staff_nos)}
    barrier = threading.Barrier(2)

    def kiosk(i: int) -> list[int]:
        barrier.wait(timeout=10)
        seqs = []
        for n in range(per_thread):
            identity = s.screening.identify_token(tokens[f"T{i}-{n}"])
            outcome = s.screening.screen(identity, read("36.5"), Direction.IN)
            assert outcome.seq is not None, outcome
            seqs.append(outcome.seq)
            s.staff.add(staff_no=f"K{i}-{n}", name="x")  # an audited write in between
        return seqs

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(kiosk, i) for i in range(2)]
        seqs = [seq for future in futures for seq in future.result(60)]
    assert len(set(seqs)) == len(seqs) == 2 * per_thread
    with s.db.session() as session:
        assert audit.verify_chain(session) == []
        assert (session.scalar(select(func.count()).select_from(AuditEntry)) or 0) > 2 * per_thread
    checked = integrity.verify(s.db)
    assert checked.ok, checked.problems
    assert checked.events == 2 * per_thread


def test_two_installations_share_one_central_database(
    pg_services: Services, pg_url: str, tmp_path: Path, pg_clock: FakeClock
) -> None:
    """A second gate of the site, pointed at the same database, sees the registry and writes
    its own sequence."""
    s = pg_services
    s.staff.add(staff_no="1001", name="张伟")
    token = s.badges.issue(["1001"])[0].token
    with s.db.session() as session:
        session.add(Gate(
            site_id=s.installation.site_id, name="East Gate", timezone="Asia/Shanghai",
            created_at=pg_clock(),
        ))
    from dataclasses import replace

    from gatekeeper.services.container import build_services

    with s.db.session() as session:
        east = session.scalars(select(Gate).where(Gate.name == "East Gate")).one()
    other_db = Database(pg_url)
    try:
        other = build_services(
            other_db, s.paths, replace(s.installation, gate_id=east.id, gate_name="East Gate"),
            pg_clock,
        )
        outcome = other.screening.screen(
            other.screening.identify_token(token), read("36.5"), Direction.IN
        )
        assert outcome.seq == 1
        mine = s.screening.screen(s.screening.identify_token(token), read("36.5"), Direction.OUT)
        assert mine.seq == 1
    finally:
        other_db.dispose()
    with s.db.session() as session:
        gates = {e.gate_id for e in session.scalars(select(ScreeningEvent))}
    assert gates == {east.id, s.installation.gate_id}
    assert isinstance(east.id, uuid.UUID)


def test_concurrent_audited_writes_keep_one_audit_chain(pg_services: Services) -> None:
    """Each audit entry chains to the one before it: on PostgreSQL, writers in other
    transactions wait for the chain's head rather than fork it."""
    s = pg_services
    workers, each = 4, 15
    barrier = threading.Barrier(workers)

    def clerk(i: int) -> None:
        barrier.wait(timeout=10)
        for n in range(each):
            s.staff.add(staff_no=f"A{i}-{n}", name="x")

    with ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(clerk, i) for i in range(workers)]:
            future.result(60)
    with s.db.session() as session:
        assert audit.verify_chain(session) == []
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1 + workers * each
