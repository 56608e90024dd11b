"""``gatekeeper sync --upstream``: a gate (SQLite) pushing to the site's central PostgreSQL
database that the suite starts itself, through faults: no loss, no duplicates."""

from __future__ import annotations

import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pgserver import PgServer
from pgsupport import FakeClock
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.domain.tokens import TokenError
from gatekeeper.errors import UserError
from gatekeeper.services.amend import AmendService
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.screening import Declaration
from gatekeeper.services.setup import SetupService
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage import repositories
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import (
    Amendment,
    Badge,
    HealthDeclaration,
    Person,
    Reading,
    ScreeningEvent,
    SyncImport,
    SyncPublished,
    Visit,
)
from gatekeeper.sync.upstream import DeliveryError, Upstream

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "sync"))
from syncnodes import Node, token_of

GATE_RECORDS = (ScreeningEvent, Reading, HealthDeclaration, Visit, Amendment)


def no_sleep(_: threading.Event, __: float) -> bool:
    return False


@pytest.fixture
def site(pg_url: str, tmp_path: Path) -> Iterator[Node]:
    """The site's installation with its database on the central PostgreSQL."""
    clock = FakeClock()
    paths = Paths(tmp_path / "site")
    paths.data_dir.mkdir(parents=True)
    node = Node("site", paths, Database(pg_url), clock)
    SetupService(node.db, node.paths, clock).initialise(
        "华东一厂", "Main Gate", "Asia/Shanghai", actor="test"
    )
    node.services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    node.services.staff.add(staff_no="1002", name="Li Na", department="QA")
    node.services.badges.issue(["1001", "1002"])
    yield node
    node.db.dispose()


@pytest.fixture
def gate(site: Node, tmp_path: Path) -> Iterator[Node]:
    """A gate provisioned from the site, on its own SQLite database."""
    file = tmp_path / "north.provision"
    ProvisionService(site.db, site.paths, site.clock).provision("North Gate", file, actor="t")
    paths = Paths(tmp_path / "north")
    paths.data_dir.mkdir(parents=True)
    node = Node("north", paths, Database(sqlite_url(paths.database_file)), site.clock)
    ProvisionService(node.db, node.paths, node.clock).install(file, actor="test")
    yield node
    node.db.dispose()


@pytest.fixture
def upstream(gate: Node, pg_url: str) -> Iterator[Upstream]:
    made = Upstream(gate.sync, pg_url)
    yield made
    made.close()


def morning(site: Node, gate: Node, rounds: int = 3) -> None:
    """Screenings (with readings), a visitor with a declaration and a visit, a correction."""
    t1001, t1002 = token_of(site, "1001"), token_of(site, "1002")
    first = None
    for n in range(rounds):
        for token in (t1001, t1002):
            outcome = gate.screen(token, "36.6", Direction.IN if n % 2 == 0 else Direction.OUT)
            first = first or outcome.event_id
            gate.clock.advance(minutes=1)
    registered = gate.services.visitors.register(
        VisitorForm(name=f"王芳{uuid.uuid4().hex[:4]}", phone="13800138000", company="ACME",
                    host="Li Na", declaration=Declaration(places_visited=("上海",)))
    )
    gate.screen(registered.badge.token)
    users = gate.services.users
    name = f"olivia{uuid.uuid4().hex[:6]}"
    users.add(username=name, role="officer", secret="officer-pass", actor="test")
    officer = users.authenticate(name, "officer-pass")
    assert first is not None
    AmendService(gate.db, gate.installation, gate.clock).amend(
        first, by=officer, reason="he was leaving", direction=Direction.OUT
    )


def gate_ids(node: Node, model: type[Any], gate_id: uuid.UUID) -> list[uuid.UUID]:
    """Every id (as a list: a duplicate would show) of the gate's records of one kind."""
    with node.db.session() as session:
        if model is Reading:
            query = select(Reading.id).join(ScreeningEvent).where(
                ScreeningEvent.gate_id == gate_id)
        else:
            query = select(model.id).where(model.gate_id == gate_id)
        return sorted(session.scalars(query))


def assert_same(site: Node, gate: Node) -> None:
    gate_id = gate.installation.gate_id
    for model in GATE_RECORDS:
        here, there = gate_ids(gate, model, gate_id), gate_ids(site, model, gate_id)
        assert there == here, model.__name__
        assert len(set(there)) == len(there)
    assert gate_ids(gate, ScreeningEvent, gate_id)  # something was compared


def central_rows(site: Node) -> dict[str, int]:
    return {k: v for k, v in site.counts().items() if k != "audit_log"}


def test_push_push_again_and_pull(site: Node, gate: Node, upstream: Upstream) -> None:
    morning(site, gate)
    assert upstream.status().pending_records > 0
    assert upstream.push() == 1
    assert_same(site, gate)
    status = upstream.status()
    assert (status.pending_files, status.pending_records) == (0, 0)
    assert list(upstream.outbox.folder.glob("*.gksync")) == []

    before = central_rows(site)
    assert upstream.push() == 0  # nothing new: nothing sent, nothing changed
    assert central_rows(site) == before

    morning(site, gate, rounds=2)
    assert upstream.push() == 1
    assert_same(site, gate)

    # Pull: the site adds a person and revokes a badge; the site's machine (holding its key)
    # publishes; the gate, with no key of the site's, pulls and imports them.
    site.services.staff.add(staff_no="1003", name="Zhao Lei", department="QA")
    site.services.badges.issue(["1003"])
    old = token_of(site, "1002")
    site.services.badges.revoke("1002")
    assert upstream.pull().files == 0  # nothing published yet
    publisher = Upstream(site.sync, site.db.url, site_paths=site.paths)
    try:
        assert publisher.publish() == 1
        assert publisher.publish() == 0  # nothing changed since: nothing written
        assert publisher.pull().skipped  # the site holds the registry itself
    finally:
        publisher.close()
    result = upstream.pull()
    assert (result.files, result.imported >= 2) == (1, True), result
    assert upstream.pull().files == 0  # again: nothing new
    assert gate.ids(Person) >= site.ids(Person)
    with site.db.session() as s, gate.db.session() as g:
        revoked = {b.id for b in s.scalars(select(Badge).where(Badge.revoked_at.is_not(None)))}
        assert revoked
        assert revoked <= {b.id for b in g.scalars(
            select(Badge).where(Badge.revoked_at.is_not(None)))}
    # The revoked badge is refused at the gate from now on, offline.
    with pytest.raises(TokenError):
        gate.services.badges.verify(old)


def test_gate_pulls_what_export_sync_published_in_order(
    site: Node, gate: Node, upstream: Upstream, tmp_path: Path
) -> None:
    """Registry files written by the site's ``export-sync`` are published too; a gate that
    was away for several of them imports them all, in order, in one pull."""
    for n in range(3):
        site.services.staff.add(staff_no=f"20{n}", name=f"Worker {n}", department="Paint")
        assert site.sync.export(tmp_path / f"out{n}")
    result = upstream.pull()
    assert result.files == 3
    with gate.db.session() as session:
        staff = set(session.scalars(select(Person.staff_no)))
    assert {"200", "201", "202"} <= staff


def test_a_tampered_published_file_is_refused_and_nothing_of_it_imported(
    site: Node, gate: Node, upstream: Upstream, tmp_path: Path
) -> None:
    site.services.staff.add(staff_no="3001", name="Evil Twin", department="Paint")
    site.sync.export(tmp_path / "out")
    with site.db.session() as session:
        row = session.scalars(select(SyncPublished)).one()
        data = bytearray(row.data)
        data[len(data) // 2] ^= 0xFF
        row.data = bytes(data)
    with pytest.raises(DeliveryError, match="refused"):
        upstream.pull()
    with gate.db.session() as session:
        assert "3001" not in set(session.scalars(select(Person.staff_no)))
    status = upstream.once()  # in a sync round it is an error shown, not a crash
    assert not status.ok and "refused" in (status.last_error or "")


def test_connection_killed_mid_batch(
    site: Node, gate: Node, upstream: Upstream, pg_cluster: PgServer, pg_dbname: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    morning(site, gate, rounds=4)
    gate.sync.export(upstream.outbox.folder, batch_size=3)
    files = len(upstream.outbox.pending())
    assert files >= 4
    original = repositories.sync_insert
    calls = {"events": 0, "killed": 0}

    def killing_insert(session: Any, model: Any, rows: Any) -> None:
        if model is ScreeningEvent and rows:
            calls["events"] += 1
            if calls["events"] == 2 and not calls["killed"]:  # the second file, mid-write
                calls["killed"] = pg_cluster.terminate_backends(pg_dbname)
        original(session, model, rows)

    monkeypatch.setattr(repositories, "sync_insert", killing_insert)
    with pytest.raises(OperationalError):
        upstream.push()
    assert calls["killed"] >= 1
    # The first file committed and left the outbox; the second was rolled back whole.
    assert len(upstream.outbox.pending()) == files - 1
    with site.db.session() as session:
        assert session.scalar(select(func.count()).select_from(SyncImport)) == 1

    status = upstream.run(watch=False, sleep=no_sleep)  # retried: goes through
    assert status.ok, status
    assert status.pending_files == 0
    assert_same(site, gate)
    with site.db.session() as session:
        assert session.scalar(select(func.count()).select_from(SyncImport)) == files


@pytest.mark.parametrize("when", ["between batches", "mid-batch"])
def test_server_restarted(
    site: Node, gate: Node, upstream: Upstream, pg_cluster: PgServer, when: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    morning(site, gate, rounds=3)
    gate.sync.export(upstream.outbox.folder, batch_size=4)
    assert len(upstream.outbox.pending()) >= 3
    restarted: list[Path] = []
    if when == "between batches":
        seen: list[Path] = []

        def restart_before(path: Path) -> None:
            seen.append(path)
            if len(seen) == 2:  # after the first file committed, before the second
                restarted.append(path)
                pg_cluster.restart()

        upstream.before_import = restart_before
    else:
        original = repositories.sync_insert

        def restarting_insert(session: Any, model: Any, rows: Any) -> None:
            if model is ScreeningEvent and rows and not restarted:
                restarted.append(Path())
                pg_cluster.restart()
            original(session, model, rows)

        monkeypatch.setattr(repositories, "sync_insert", restarting_insert)
    status = upstream.run(watch=False, sleep=no_sleep)
    assert restarted
    assert status.ok, status
    assert status.pending_files == 0
    assert_same(site, gate)
    # The same batch pushed again (a second copy of every file): still one copy of each.
    upstream.sync.export(upstream.outbox.folder, since_seq=1)
    assert upstream.push() >= 1
    assert_same(site, gate)


def test_watch_loop_backs_off_while_the_server_is_down_and_catches_up(
    site: Node, gate: Node, upstream: Upstream, pg_cluster: PgServer,
) -> None:
    morning(site, gate, rounds=2)
    pg_cluster.stop()
    stop = threading.Event()
    delays: list[float] = []

    def sleep(event: threading.Event, seconds: float) -> bool:
        delays.append(seconds)
        if len(delays) == 3:
            pg_cluster.start()
        if len(delays) >= 5:
            event.set()
        return event.is_set()

    upstream.run(watch=True, stop=stop, sleep=sleep, interval=0.01)
    assert len(delays) >= 5
    assert delays[0] >= 1.0  # backed off, not a busy loop
    status = upstream.status()
    assert status.ok and status.last_success is not None, status
    assert_same(site, gate)


def test_bad_urls_are_user_errors(gate: Node) -> None:
    for url in ("not a url", "mysql://u@h/db", "postgresql://u@h:5432"):
        with pytest.raises(UserError):
            Upstream(gate.sync, url)


def test_a_central_database_of_another_site_is_refused(
    gate: Node, pg_cluster: PgServer, tmp_path: Path
) -> None:
    name = pg_cluster.create_database()
    other = Database(pg_cluster.url(name))
    try:
        SetupService(other, Paths(tmp_path / "other"), FakeClock()).initialise(
            "Other Site", "Gate", "Asia/Shanghai", actor="test")
        upstream = Upstream(gate.sync, pg_cluster.url(name))
        status = upstream.run(watch=False, sleep=no_sleep)
        upstream.close()
        assert not status.ok and "belongs to site 'Other Site'" in (status.last_error or "")
    finally:
        other.dispose()
        pg_cluster.drop_database(name)

