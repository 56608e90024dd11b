"""The bulk import of sync files (sync/importer.py with the bulk functions of
storage/repositories.py): the ids of a file are looked up and its rows written many at a time
(SYNC_BULK, made small here so that a file spans several chunks), on SQLite and on
PostgreSQL (a cluster this module starts). Whatever the chunks, a file is checked whole and
written in one transaction: a conflict or a failed write anywhere rejects all of it.

Also here: the column-at-a-time decoding (sync/records.py, sync/reader.py) reads what the
line-by-line decoder reads, and the importer's fast check of the events' hashes agrees with
sync/chain.py's event_problems."""

from __future__ import annotations

import json
import math
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from syncnodes import Node, token_of

from gatekeeper.config import Paths
from gatekeeper.domain import integrity
from gatekeeper.domain.enums import Direction
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.setup import SetupService
from gatekeeper.storage import repositories
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import Reading, ScreeningEvent
from gatekeeper.storage.types import UTCDateTime
from gatekeeper.sync import importer, reader, records
from gatekeeper.sync.bundle import BundleWriter
from gatekeeper.sync.chain import event_fields, event_problems
from gatekeeper.sync.identity import load_signer
from gatekeeper.sync.reader import open_sync_file
from gatekeeper.sync.records import EVENTS, KINDS, READINGS, FileTime, RecordError

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pg"))
from pgserver import PgServer, PostgresUnavailable

CHUNK = 4


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    try:
        server = PgServer(watchdog=True).start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is needed by this test and could not be started: {exc}",
                    pytrace=False)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture(params=["sqlite", "postgresql"])
def home(request: pytest.FixtureRequest, tmp_path: Path, clock: Any) -> Iterator[Node]:
    """The site's installation, which imports its gates' files: on SQLite, or on
    PostgreSQL (the central database)."""
    paths = Paths(tmp_path / "home")
    paths.data_dir.mkdir(parents=True)
    if request.param == "sqlite":
        url = sqlite_url(paths.database_file)
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.url(server.create_database())
    node = Node("home", paths, Database(url), clock)
    SetupService(node.db, node.paths, clock).initialise(
        "华东一厂", "Main Gate", "Asia/Shanghai", actor="test"
    )
    node.services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    node.services.staff.add(staff_no="1002", name="Li Na", department="QA")
    node.services.badges.issue(["1001", "1002"])
    yield node
    node.db.dispose()


@pytest.fixture
def north(home: Node, tmp_path: Path) -> Iterator[Node]:
    """A gate provisioned from ``home``, on its own SQLite database."""
    file = tmp_path / "north.provision"
    ProvisionService(home.db, home.paths, home.clock).provision("North Gate", file, actor="t")
    paths = Paths(tmp_path / "north")
    paths.data_dir.mkdir(parents=True)
    node = Node("north", paths, Database(sqlite_url(paths.database_file)), home.clock)
    ProvisionService(node.db, node.paths, node.clock).install(file, actor="test")
    yield node
    node.db.dispose()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> int:
    """Ids looked up, and rows written, CHUNK at a time."""
    monkeypatch.setattr(repositories, "SYNC_BULK", CHUNK)
    return CHUNK


def screenings(home: Node, gate: Node, count: int) -> None:
    tokens = [token_of(home, "1001"), token_of(home, "1002")]
    for n in range(count):
        gate.screen(tokens[n % 2], f"36.{n % 10}", Direction.IN if n % 2 else Direction.OUT)
        gate.clock.advance(minutes=1, microseconds=n * 7919)


def statuses(report: importer.ImportReport) -> list[str]:
    return [str(f.status) for f in report.files]


def event_ids(node: Node) -> list[uuid.UUID]:
    with node.db.session() as session:
        return list(session.scalars(select(ScreeningEvent.id).order_by(ScreeningEvent.seq)))


def without_bookkeeping(counts: dict[str, int]) -> dict[str, int]:
    """Row counts but those an import adds even when it adds no record (the audit trail
    and the list of files imported)."""
    return {k: v for k, v in counts.items() if k not in ("audit_log", "sync_imports")}


def rewrite(path: Path, out: Path, gate: Node,
            change: Callable[[dict[str, list[list[Any]]]], None]) -> Path:
    """The sync file at ``path`` with the rows of its parts changed by ``change``, signed
    again with the gate's key: a file the gate could have made."""
    with open_sync_file(path) as sync_file:
        manifest = sync_file.manifest
        rows: dict[str, list[list[Any]]] = {}
        for part in manifest.parts:
            assert part.columns and list(part.columns) == KINDS[part.kind].names
            text = sync_file.part_bytes(part).decode("utf-8")
            rows[part.kind] = [json.loads(line) for line in text.splitlines()]
    change(rows)
    with BundleWriter(out) as bundle:
        for part in manifest.parts:
            bundle.write_kind(KINDS[part.kind], rows[part.kind])
        return bundle.commit(manifest, load_signer(gate.paths, "gate")).path


# --- the whole file, whatever the chunks --------------------------------------------------


def test_a_file_of_several_chunks_imports_every_record_as_stored_at_the_gate(
    home: Node, north: Node, tmp_path: Path, small_chunks: int
) -> None:
    screenings(home, north, 3 * small_chunks + 1)
    report = home.sync.import_files(north.export(tmp_path / "out"))
    assert statuses(report) == ["imported"] and report.files[0].warnings == ()
    assert report.files[0].added["events"] == report.files[0].added["readings"] == 13
    for model in (ScreeningEvent, Reading):
        columns = [c for c in model.__table__.columns]
        with north.db.session() as session:
            there = sorted(session.execute(select(*columns)))
        with home.db.session() as session:
            here = sorted(session.execute(select(*columns)))
        assert here == there, model.__name__
    assert home.sync.verify_chain(north.installation.gate_id) == []
    if home.db.is_sqlite:  # the very texts SQLite stores (UUIDs, datetimes, floats)
        query = ("SELECT e.*, r.* FROM screening_events e JOIN readings r ON r.event_id = e.id"
                 " ORDER BY e.seq")
        raw = [sqlite3.connect(n.paths.database_file).execute(query).fetchall()
               for n in (north, home)]
        assert raw[0] == raw[1] and len(raw[0]) == 13


def test_a_conflict_in_a_later_chunk_rejects_the_whole_file(
    home: Node, north: Node, tmp_path: Path, small_chunks: int
) -> None:
    screenings(home, north, 6)
    assert statuses(home.sync.import_files(north.export(tmp_path / "first"))) == ["imported"]
    sixth = event_ids(north)[5]  # looked up with the second chunk of ids
    with sqlite3.connect(north.paths.database_file) as conn:
        conn.execute("UPDATE screening_events SET reason = 'forged' WHERE id = ?",
                     (sixth.hex,))
    screenings(home, north, 4)  # new records in the same file: none of them may go in
    (again,) = north.export(tmp_path / "again", since_seq=1)
    before = home.counts()
    report = home.sync.import_files([again])
    assert statuses(report) == ["rejected"]
    assert f"its event {sixth} differs from the one stored here" in report.files[0].reason
    assert without_bookkeeping(home.counts()) == without_bookkeeping(before)
    assert len(event_ids(home)) == 6


def test_a_write_that_fails_in_a_later_chunk_leaves_nothing_of_the_file(
    home: Node, north: Node, tmp_path: Path, small_chunks: int
) -> None:
    """Two readings of one event with the same ordinal pass every check but the database's
    own (unique event_id, ordinal): the write of the third chunk fails, and the chunks
    written before it are rolled back with it."""
    screenings(home, north, 10)
    (path,) = north.export(tmp_path / "out")

    def second_reading(rows: dict[str, list[list[Any]]]) -> None:
        twin = list(rows["readings"][-1])
        twin[READINGS.names.index("id")] = uuid.uuid4().hex
        rows["readings"].append(twin)

    forged = rewrite(path, tmp_path / "forged.gksync", north, second_reading)
    before = home.counts()
    report = home.sync.import_files([forged])
    assert statuses(report) == ["rejected"]
    assert "conflicts with what is stored here" in report.files[0].reason
    assert without_bookkeeping(home.counts()) == without_bookkeeping(before)
    # The file as the gate made it still goes in, whole.
    assert statuses(home.sync.import_files([path])) == ["imported"]
    assert len(event_ids(home)) == 10


@pytest.mark.parametrize(
    ("kind", "how", "reason"),
    [
        ("events", "same record twice", "two of its records share seq"),
        ("events", "another record, same seq", "two of its records share seq"),
        ("readings", "same record twice", "its readings list a record twice"),
    ],
)
def test_a_record_twice_in_one_file_rejects_it(
    home: Node, north: Node, tmp_path: Path, small_chunks: int, kind: str, how: str,
    reason: str,
) -> None:
    screenings(home, north, 7)
    (path,) = north.export(tmp_path / "out")

    def double(rows: dict[str, list[list[Any]]]) -> None:
        twin = list(rows[kind][1])
        if how == "another record, same seq":
            twin[KINDS[kind].names.index("id")] = uuid.uuid4().hex
        rows[kind].append(twin)

    forged = rewrite(path, tmp_path / "twice.gksync", north, double)
    before = home.counts()
    report = home.sync.import_files([forged])
    assert statuses(report) == ["rejected"]
    assert reason in report.files[0].reason
    assert without_bookkeeping(home.counts()) == without_bookkeeping(before)


def test_importing_again_changes_nothing(
    home: Node, north: Node, tmp_path: Path, small_chunks: int
) -> None:
    screenings(home, north, 9)
    files = north.export(tmp_path / "out", batch_size=5)
    assert statuses(home.sync.import_files(files)) == ["imported", "imported"]
    before = home.counts()
    # The same files: known by their hash.
    assert statuses(home.sync.import_files(files)) == ["already imported"] * 2
    assert home.counts() == before
    # The same records in another file (exported again): known by their ids.
    (again,) = north.export(tmp_path / "again", since_seq=1)
    report = home.sync.import_files([again])
    assert statuses(report) == ["imported"]
    assert not any(report.files[0].added.values()), report.files[0].added
    assert without_bookkeeping(home.counts()) == without_bookkeeping(before)
    # More screenings, exported again from the start: only the new ones are added.
    screenings(home, north, 3)
    (more,) = north.export(tmp_path / "more", since_seq=1)
    report = home.sync.import_files([more])
    assert report.files[0].added["events"] == report.files[0].added["readings"] == 3
    assert event_ids(home) == event_ids(north)
    assert home.sync.verify_chain(north.installation.gate_id) == []


# --- decoding a column at a time ----------------------------------------------------------

_text = st.text(max_size=8)
_hex = st.uuids().map(lambda u: u.hex)
_moment = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(0))]),
)
_any = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False),
    _text, _hex, st.lists(st.integers(), max_size=2),
)


@st.composite
def event_value(draw: st.DrawFn, column: str) -> Any:
    """A value for one column of an event: mostly the right type in the forms a file may
    hold it, sometimes anything."""
    spec = next(c for c in EVENTS.columns if c.name == column)
    if draw(st.integers(0, 30)) == 0:
        return draw(_any)
    if spec.nullable and draw(st.integers(0, 3)) == 0:
        return None
    if spec.type == "uuid":
        value = draw(st.uuids())
        return draw(st.sampled_from([value.hex, str(value), value.hex.upper()]))
    if spec.type == "datetime":
        moment = draw(_moment)
        return draw(st.sampled_from([
            moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
            moment.isoformat(),
            moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S,%f"),
            moment.astimezone(UTC).replace(tzinfo=None).isoformat(" "),
        ]))
    if spec.type == "int":
        return draw(st.one_of(st.integers(-(2**31), 2**31 - 1), st.integers()))
    return draw(_text)


_event_row = st.tuples(*(event_value(name) for name in EVENTS.names)).map(list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_event_row, max_size=6))
def test_columns_decode_as_rows_do(rows: list[list[Any]]) -> None:
    decode = EVENTS.decoder(EVENTS.names)
    try:
        expected: list[dict[str, Any]] | None = [decode(row) for row in rows]
    except RecordError:
        expected = None
    try:
        got: list[dict[str, Any]] | None = EVENTS.decode_all(EVENTS.names, rows)
    except RecordError:
        got = None
    assert got == expected
    for record in got or []:
        for name in ("occurred_at", "readings_purged_at"):
            moment = record[name]
            if isinstance(moment, FileTime):
                assert moment.utc_text == moment.replace(tzinfo=None).isoformat(
                    " ", "microseconds")
                assert moment.tzinfo is UTC


def test_a_part_with_unusual_lines_is_read_line_by_line() -> None:
    """A line the fast reader does not take as it is (spaces around the JSON, a BOM, bad
    JSON) is left to json.loads, line by line, which accepts or names it as before."""
    row = [uuid.uuid4().hex, uuid.uuid4().hex, 1, 36.6, 97.9, "F", "sim",
           "2026-11-27 01:02:03.000004"]
    plain = (json.dumps(row) + "\n").encode()
    expected = [READINGS.decoder(READINGS.names)(row)]
    assert reader._decode_fast(plain, 1, READINGS, READINGS.names) == expected
    for odd in (b" " + plain, plain[:-1] + b" \n", b"\xef\xbb\xbf" + plain, b"[1,\n"):
        assert reader._decode_fast(odd, 1, READINGS, READINGS.names) is None


# --- the events' hashes -------------------------------------------------------------------


@st.composite
def gate_event(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An event and its readings, with their hashes as a gate computes them."""
    def moment() -> datetime:
        value = draw(_moment).astimezone(UTC)
        if draw(st.booleans()):
            value = value.replace(microsecond=0)
        if draw(st.booleans()):  # as read from a file
            text = value.replace(tzinfo=None).isoformat(" ", "microseconds")
            read = FileTime.fromisoformat(text + "+00:00")
            read.utc_text = text
            return read
        return value

    def maybe_id() -> uuid.UUID | None:
        return draw(st.one_of(st.none(), st.uuids()))

    event: dict[str, Any] = {
        "id": draw(st.uuids()), "gate_id": draw(st.uuids()), "seq": draw(st.integers(1, 2**31)),
        "person_id": maybe_id(), "occurred_at": moment(), "timezone": draw(st.text()),
        "direction": draw(st.text(max_size=3)), "decision": draw(st.text()),
        "reason": draw(st.text()), "method": draw(st.text()),
        "badge_version": draw(st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1))),
        "guard_id": maybe_id(), "recheck_of": maybe_id(), "readings_purged_at": None,
    }
    readings: list[dict[str, Any]] = [
        {
            "ordinal": draw(st.integers(-5, 5)),
            "value_c": draw(st.one_of(st.floats(), st.integers(30, 45).map(float))),
            "value_entered": draw(st.floats()),
            "unit_entered": draw(st.text(max_size=2)),
            "source_device": draw(st.text()),
            "taken_at": moment(),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    digest = integrity.readings_hash([
        {**{k: r[k] for k in ("ordinal", "value_c", "value_entered", "unit_entered",
                              "source_device")}, "taken_at": r["taken_at"].isoformat()}
        for r in sorted(readings, key=lambda r: r["ordinal"])
    ])
    if not readings and draw(st.booleans()):  # purged: the digest stays, the readings go
        event["readings_purged_at"] = moment()
        digest = draw(st.sampled_from([digest, "0" * 64, "x\u00e9\"\\"]))
    event["readings_hash"] = digest
    event["content_hash"] = integrity.content_hash(event_fields(event), digest)
    return event, readings


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gate_event(), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
       st.integers(0, 7))
def test_the_fast_hash_check_finds_what_event_problems_finds(
    made: tuple[dict[str, Any], list[dict[str, Any]]], previous: str, tamper: int
) -> None:
    event, readings = made
    event["chain_hash"] = integrity.chain_hash(previous, event["content_hash"])
    assert event_problems(event, readings, previous) == []
    assert importer._event_problems(event, readings, previous, {}) == []
    # The fast path confirms it (but for a NaN or an infinity, which json writes its own way
    # and which it leaves to event_problems).
    finite = all(math.isfinite(r[k]) for r in readings for k in ("value_c", "value_entered"))
    assert importer._hashes_hold(event, readings, previous, {}) is finite
    # One thing changed: the fast check must not pass it, and the warnings are
    # event_problems' own.
    if tamper == 0:
        event = {**event, "reason": event["reason"] + "!"}
    elif tamper == 1:
        event = {**event, "seq": event["seq"] + 1}
    elif tamper == 2:
        event = {**event, "occurred_at": event["occurred_at"] + timedelta(microseconds=1)}
    elif tamper == 3 and readings:
        first = readings[0]
        value = first["value_c"]
        changed = math.nextafter(value, math.inf) if math.isfinite(value) else 1.0
        readings = [{**first, "value_c": changed}, *readings[1:]]
    elif tamper == 4:
        previous = "0" * 64 if previous != "0" * 64 else "1" * 64
    elif tamper == 5:
        event = {**event, "person_id": uuid.uuid4()}
    elif tamper == 6:
        event = {**event, "content_hash": "0" * 64}
    else:
        return
    slow = event_problems(event, readings, previous)
    assert slow, "the change must show"
    assert not importer._hashes_hold(event, readings, previous, {})
    assert importer._event_problems(event, readings, previous, {}) == slow


# --- what SQLite stores ---------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(_moment)
def test_datetimes_are_stored_on_sqlite_as_utc_datetime_stores_them(moment: datetime) -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    process = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert process is not None
    text = process(moment)
    assert repositories._sync_sqlite_utc(moment) == text
    (read,) = records._datetime_column([text])  # as a sync file gives it
    assert isinstance(read, FileTime) and read == moment
    assert repositories._sync_sqlite_utc(read) == text
    # And what PostgreSQL gets (COPY): what UTCDateTime gives it.
    from sqlalchemy.dialects.postgresql import psycopg

    pg = psycopg.dialect()
    column = ScreeningEvent.__table__.c.occurred_at
    given = UTCDateTime().dialect_impl(pg).bind_processor(pg)
    fast = repositories._sync_bind_processor(column, pg)
    assert given is not None and fast is not None
    for value in (moment, read, None):
        assert fast(value) == given(value)
        assert getattr(fast(value), "tzinfo", UTC) is UTC
    assert repositories._sync_sqlite_utc(None) is None
    with pytest.raises(ValueError, match="naive"):
        repositories._sync_sqlite_utc(moment.replace(tzinfo=None))


# --- the garbage collector ----------------------------------------------------------------


def test_the_collector_runs_again_after_an_import_whatever_its_end(
    home: Node, north: Node, tmp_path: Path
) -> None:
    import gc

    screenings(home, north, 3)
    (path,) = north.export(tmp_path / "out")
    forged = rewrite(path, tmp_path / "forged.gksync", north,
                     lambda rows: rows["events"].append(list(rows["events"][0])))
    assert gc.isenabled()
    assert statuses(home.sync.import_files([forged])) == ["rejected"]
    assert gc.isenabled()
    assert statuses(home.sync.import_files([path])) == ["imported"]
    assert gc.isenabled()
    gc.disable()  # whoever turned it off keeps it off
    try:
        screenings(home, north, 1)
        assert statuses(home.sync.import_files(north.export(tmp_path / "more"))) == ["imported"]
        assert not gc.isenabled()
    finally:
        gc.enable()
