"""The storage layer on PostgreSQL: migrations, types, sessions and the queries that differ
from SQLite (UPDATE ... RETURNING, row-value comparisons, LIKE escapes, locking)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pgserver import PgServer
from sqlalchemy import inspect, select, text

from gatekeeper.errors import UserError
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import PG_MIGRATION_LOCK, Database
from gatekeeper.storage.models import (
    Base,
    Gate,
    HealthDeclaration,
    Person,
    Reading,
    ScreeningEvent,
    Setting,
    Site,
)

T0 = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def run_in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(i)`` in ``count`` threads started together; their results, or their first error
    raised here."""
    barrier = threading.Barrier(count)

    def task(i: int) -> Any:
        barrier.wait(timeout=10)
        return work(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(task, range(count)))


@pytest.fixture
def db(pg_db: Database) -> Database:
    pg_db.migrate()
    return pg_db


@pytest.fixture
def gate_id(db: Database) -> uuid.UUID:
    with db.session() as session:
        site = Site(name="华东一厂", timezone="Asia/Shanghai", created_at=T0)
        session.add(site)
        session.flush()
        gate = Gate(site_id=site.id, name="North Gate", timezone="Asia/Shanghai", created_at=T0)
        session.add(gate)
        session.flush()
        return gate.id


# --- migrations -----------------------------------------------------------------------------


def test_migrations_match_the_models_on_postgresql(pg_db: Database) -> None:
    assert pg_db.is_postgresql and not pg_db.is_sqlite
    assert pg_db.current_revision() is None
    pg_db.migrate()
    assert pg_db.current_revision() == pg_db.head_revision()
    with pg_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        tables = set(inspect(conn).get_table_names())
    assert diff == []
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_column_types_are_native(db: Database) -> None:
    query = text(
        "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public'"
    )
    with db.engine.connect() as conn:
        types = {str(k): str(v) for k, v in conn.execute(query)}
    assert types["screening_events.occurred_at"] == "timestamp with time zone"
    assert types["screening_events.id"] == "uuid"
    assert types["people.photo"] == "bytea"
    assert types["people.active"] == "boolean"
    assert types["health_declarations.symptoms"] == "json"
    assert types["readings.value_c"] == "double precision"


def test_migrate_is_idempotent_and_makes_no_backup(pg_db: Database, tmp_path: Any) -> None:
    assert pg_db.sqlite_path is None
    pg_db.migrate()
    pg_db.migrate()
    assert pg_db.current_revision() == pg_db.head_revision()


def test_two_programs_migrating_a_new_database_at_once(
    pg_cluster: PgServer, pg_url: str, pg_dbname: str
) -> None:
    """Gates starting together against a new central database: the first migrates, the
    others wait for it and then find the schema in place."""
    code = (
        "import sys\n"
        "from gatekeeper.storage.database import Database\n"
        "db = Database(sys.argv[1])\n"
        "db.migrate()\n"
        "db.dispose()\n"
    )
    waiting = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    with pg_cluster.admin(pg_dbname) as holder:
        # Hold the migration lock so that all three reach it before any can migrate.
        holder.execute("SELECT pg_advisory_lock(%s)", (PG_MIGRATION_LOCK,))
        procs = [
            subprocess.Popen([sys.executable, "-c", code, pg_url], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        try:
            deadline = time.monotonic() + 60
            while holder.execute(waiting).fetchone() != (3,):
                assert all(p.poll() is None for p in procs), "a migrator ended early"
                assert time.monotonic() < deadline, "the migrators never waited"
                time.sleep(0.05)
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (PG_MIGRATION_LOCK,))
            results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    database = Database(pg_url)
    try:
        assert database.current_revision() == database.head_revision()
    finally:
        database.dispose()


def test_database_of_a_newer_release_is_refused(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(UserError, match="newer release"):
        db.migrate()
    assert db.current_revision() == "9999_future"


# --- URLs and errors ------------------------------------------------------------------------


def test_url_for_humans_hides_the_password(pg_cluster: PgServer, pg_dbname: str) -> None:
    # The cluster trusts every local connection, so any password works; this one needs
    # escaping in the URL and in Alembic's config (configparser reads "%" specially).
    url = f"postgresql+psycopg://postgres:s3cr%40t%25x@127.0.0.1:{pg_cluster.port}/{pg_dbname}"
    database = Database(url)
    try:
        shown = database.url_for_humans()
        assert "s3cr" not in shown and "***" in shown
        assert shown.endswith(f"127.0.0.1:{pg_cluster.port}/{pg_dbname}")
        database.migrate()
        assert database.current_revision() == database.head_revision()
    finally:
        database.dispose()


def test_bare_postgresql_url_uses_psycopg(pg_cluster: PgServer, pg_dbname: str) -> None:
    database = Database(f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/{pg_dbname}")
    try:
        assert database.engine.dialect.driver == "psycopg"
        assert database.url.startswith("postgresql+psycopg://")
        assert database.current_revision() is None
    finally:
        database.dispose()


def test_unreachable_server_is_a_user_error(pg_cluster: PgServer) -> None:
    from pgserver import free_port

    database = Database(f"postgresql+psycopg://u:pw@127.0.0.1:{free_port()}/nowhere")
    try:
        with pytest.raises(UserError, match="cannot be reached") as info:
            database.migrate()
        assert "pw" not in str(info.value).replace("password", "")
    finally:
        database.dispose()


def test_missing_database_is_a_user_error(pg_cluster: PgServer) -> None:
    database = Database(pg_cluster.url("no_such_database"))
    try:
        with pytest.raises(UserError, match="does not exist"):
            database.current_revision()
    finally:
        database.dispose()


def test_user_without_rights_gets_a_clear_message(
    pg_cluster: PgServer, pg_dbname: str
) -> None:
    with pg_cluster.admin(pg_dbname) as conn:
        conn.execute("CREATE ROLE gate_reader LOGIN")
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    database = Database(
        f"postgresql+psycopg://gate_reader@127.0.0.1:{pg_cluster.port}/{pg_dbname}"
    )
    try:
        with pytest.raises(UserError, match="may not change the schema"):
            database.migrate()
    finally:
        database.dispose()
        with pg_cluster.admin(pg_dbname) as conn:
            conn.execute("DROP OWNED BY gate_reader")
        with pg_cluster.admin() as conn:
            conn.execute("DROP ROLE gate_reader")


def test_malformed_url_is_a_user_error() -> None:
    with pytest.raises(UserError, match="not a database URL"):
        Database("not a url at all")
    with pytest.raises(UserError, match="Unusable database URL"):
        Database("nosuchdialect://host/db")


# --- types and sessions ---------------------------------------------------------------------


def test_aware_datetimes_round_trip_as_utc(db: Database) -> None:
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 27, 9, 30, 15, 123456, tzinfo=shanghai)
    with db.session() as session:
        site = Site(name="s", timezone="Asia/Shanghai", created_at=moment)
        session.add(site)
        session.flush()
        site_id = site.id
    # The session's own time zone changes nothing: timestamptz holds an instant.
    with db.session() as session:
        session.execute(text("SET LOCAL TIME ZONE 'America/New_York'"))
        stored = session.get(Site, site_id)
        assert stored is not None
        assert stored.created_at == moment
        assert stored.created_at.tzinfo is UTC
        as_text = session.scalar(
            text("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
                 "FROM sites")
        )
    assert as_text == "2026-11-27 01:30:15.123456"


def test_naive_datetime_is_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive"), db.session() as session:
        session.add(Site(name="s", timezone="UTC", created_at=datetime(2026, 1, 1)))
        session.flush()


def test_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Setting(key="k", value="v"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.get(Setting, "k") is None


def test_chinese_text_json_and_bytes_round_trip(db: Database, gate_id: uuid.UUID) -> None:
    name = "张伟 𠮷野家 😷"  # includes characters outside the BMP
    with db.session() as session:
        gate = session.get(Gate, gate_id)
        assert gate is not None
        person = Person(
            site_id=gate.site_id, staff_no="1001", name=name, department="总装车间",
            photo=b"\x00\xff\x89PNG", created_at=T0, updated_at=T0,
        )
        session.add(person)
        session.flush()
        session.add(HealthDeclaration(
            person_id=person.id, declared_at=T0, for_date="2026-11-27",
            symptoms=["发热", "咳嗽"], places_visited=["武汉"], details={"备注": "无", "n": 1},
        ))
        person_id = person.id
    with db.session() as session:
        stored = session.get(Person, person_id)
        assert stored is not None
        assert (stored.name, stored.department, stored.photo) == (
            name, "总装车间", b"\x00\xff\x89PNG"
        )
        decl = session.scalars(select(HealthDeclaration)).one()
        assert (decl.symptoms, decl.places_visited, decl.details) == (
            ["发热", "咳嗽"], ["武汉"], {"备注": "无", "n": 1}
        )
        assert [p.name for p in repo.list_people(session, stored.site_id, search="𠮷野")] == [
            name
        ]


def test_like_search_takes_percent_and_underscore_literally(
    db: Database, gate_id: uuid.UUID
) -> None:
    with db.session() as session:
        gate = session.get(Gate, gate_id)
        assert gate is not None
        site_id = gate.site_id
        for staff_no, name in [
            ("A_1", "100% 张伟"), ("AB1", "1000 王芳"), ("A\\1", "back\\slash"), ("X1", "a_b"),
            ("X2", "axb"),
        ]:
            session.add(Person(site_id=site_id, staff_no=staff_no, name=name,
                               created_at=T0, updated_at=T0))

    def found(search: str) -> list[str]:
        with db.session() as session:
            return [p.staff_no for p in repo.list_people(session, site_id, search=search)]

    assert found("0%") == ["A_1"]
    assert found("A_") == ["A_1"]
    assert found("a_b") == ["X1"]
    assert found("\\") == ["A\\1"]
    assert found("%") == ["A_1"]
    assert found("_") == ["A_1", "X1"]
    with db.session() as session:
        assert repo.count_staff_with_prefix(session, site_id, "A_") == 1
        assert repo.count_staff_with_prefix(session, site_id, "A") == 3


# --- concurrency ----------------------------------------------------------------------------


def test_allocate_seq_from_two_threads_never_repeats(db: Database, gate_id: uuid.UUID) -> None:
    per_thread = 40

    def allocate(_: int) -> list[int]:
        taken = []
        for _ in range(per_thread):
            with db.session() as session:
                taken.append(repo.allocate_seq(session, gate_id))
        return taken

    first, second = run_in_threads(2, allocate)
    assert first == sorted(first) and second == sorted(second)  # monotonic per writer
    assert sorted(first + second) == list(range(1, 2 * per_thread + 1))
    with db.session() as session:
        gate = session.get(Gate, gate_id)
        assert gate is not None and gate.next_seq == 2 * per_thread + 1


def test_allocate_seq_waits_for_an_open_transaction(db: Database, gate_id: uuid.UUID) -> None:
    """A second writer blocks on the gate's row until the first commits, then takes the
    next number; a rolled-back number is given out again (no gap)."""
    holding = threading.Event()
    release = threading.Event()

    def first_writer() -> int:
        with db.session() as session:
            seq = repo.allocate_seq(session, gate_id)
            holding.set()
            assert release.wait(10)
            return seq

    def second_writer() -> int:
        assert holding.wait(10)
        with db.session() as session:
            return repo.allocate_seq(session, gate_id)

    with ThreadPoolExecutor(2) as pool:
        one = pool.submit(first_writer)
        two = pool.submit(second_writer)
        assert holding.wait(10)
        with pytest.raises(TimeoutError):
            two.result(timeout=0.3)  # blocked behind the first transaction
        release.set()
        assert (one.result(10), two.result(10)) == (1, 2)

    with pytest.raises(RuntimeError), db.session() as session:
        assert repo.allocate_seq(session, gate_id) == 3
        raise RuntimeError("rolled back")
    with db.session() as session:
        assert repo.allocate_seq(session, gate_id) == 3


# --- the events query -----------------------------------------------------------------------


def test_events_keyset_pagination(db: Database, gate_id: uuid.UUID) -> None:
    """Pages of the log in (time, gate name, seq) order: events in the same instant at two
    gates, and at one gate, are neither lost nor repeated between pages."""
    with db.session() as session:
        gate = session.get(Gate, gate_id)
        assert gate is not None
        other = Gate(site_id=gate.site_id, name="East Gate 东门", timezone="Asia/Shanghai",
                     created_at=T0)
        session.add(other)
        session.flush()
        moments = [T0, T0, T0 + timedelta(microseconds=1), T0 + timedelta(seconds=1)]
        expected = []
        for at in moments:
            for g in (gate, other):
                for _ in range(2):
                    seq = repo.allocate_seq(session, g.id)
                    event = ScreeningEvent(
                        gate_id=g.id, seq=seq, occurred_at=at, timezone="Asia/Shanghai",
                        direction="in", decision="pass", method="qr",
                    )
                    event.readings.append(Reading(
                        ordinal=1, value_c=36.5, value_entered=36.5, unit_entered="C",
                        source_device="sim", taken_at=at,
                    ))
                    session.add(event)
                    expected.append((at, g.name, seq))
    expected.sort()

    for size in (1, 3, 5, len(expected)):
        seen: list[tuple[datetime, str, int]] = []
        after: tuple[datetime, str, int] | None = None
        while True:
            with db.session() as session:
                batch = repo.events(session, after=after, limit=size)
                assert all(len(e.readings) == 1 for e, _, _ in batch)
                keys = [(e.occurred_at, g.name, e.seq) for e, _, g in batch]
            seen.extend(keys)
            if len(keys) < size:
                break
            after = keys[-1]
        assert seen == expected, size

    with db.session() as session:
        later = repo.events(session, since=T0 + timedelta(microseconds=1), until=T0 + timedelta(
            seconds=1))
        assert [(e.occurred_at, g.name) for e, _, g in later] == [
            (T0 + timedelta(microseconds=1), "East Gate 东门")] * 2 + [
            (T0 + timedelta(microseconds=1), "North Gate")] * 2
