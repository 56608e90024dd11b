"""The entry log for the console (services/review.py): every filter, every sort both ways, the
count, and blocks anywhere in the result, checked against a plain reference computed in Python
from the same events, made through the real screening and amendment services.

Each check runs twice: with the defaults (people filters ordered in memory) and with the index
walk forced everywhere, with anchors every few rows (``index`` mode), so that both paths and the
anchors' arithmetic are exercised on a small log.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.orm import selectinload

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Decision, Direction, Method
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services import review
from gatekeeper.services.amend import AmendService, effective_event
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.log import LogFilter, LogService
from gatekeeper.services.review import LogSort, ReviewService, SortColumn, SortTooBroad
from gatekeeper.services.screening import ScreeningService, TakenReading
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import Amendment, Gate, Person, ScreeningEvent

START = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
DEPARTMENTS = ("总装车间", "质检部", "仓储物流")
NAMES = ("张伟", "王芳", "李娜", "刘强", "陈静", "杨洋", "赵磊", "黄敏", "周杰", "吴涛", "徐丽",
         "孙明")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Expected:
    id: uuid.UUID
    at: datetime
    gate: str
    gate_id: uuid.UUID
    person_id: uuid.UUID | None
    staff_no: str | None
    name: str | None
    department: str | None
    direction: str
    decision: str
    temperature_c: float | None


@dataclass
class Log:
    """The test log: its services, and facts about the events in it."""

    services: Services
    review: ReviewService
    clock: Clock
    south_gate: uuid.UUID
    people: list[uuid.UUID]
    amended: dict[str, uuid.UUID]
    expected: list[Expected] | None = None


def read(value: float) -> TakenReading:
    return TakenReading(parse_reading(f"{value:.1f}"), "sim")


def make_log(folder: Path) -> Log:
    paths = Paths(folder / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    clock = Clock()
    installation = SetupService(db, paths, clock).initialise(
        "华东一厂", "North Gate", "Asia/Shanghai", actor="test"
    )
    services = build_services(db, paths, installation, clock)
    services.users.hasher = fast_hasher()
    services.settings.update(duplicate_window_s=0)
    with db.session() as session:
        gate = Gate(site_id=installation.site_id, name="South Gate", timezone="Asia/Tokyo",
                    created_at=START)
        session.add(gate)
        session.flush()
        south_id = gate.id
    south = ScreeningService(
        db, dataclasses.replace(installation, gate_id=south_id, gate_name="South Gate",
                                timezone="Asia/Tokyo"),
        services.badges, services.settings, clock,
    )
    people = [
        services.staff.add(staff_no=str(1001 + i), name=NAMES[i],
                           department=DEPARTMENTS[i % len(DEPARTMENTS)]).id
        for i in range(len(NAMES))
    ]
    rng = random.Random(20261127)
    events: list[uuid.UUID] = []
    for _ in range(300):
        clock.advance(rng.randint(60, 3600))
        gate = services.screening if rng.random() < 0.6 else south
        direction = Direction.IN if rng.random() < 0.55 else Direction.OUT
        if rng.random() < 0.04:
            outcome = gate.refuse(TokenError(TokenProblem.BAD_SIGNATURE), "x", Method.QR,
                                  direction)
        else:
            person = rng.choice(people)
            roll = rng.random()
            value = 37.6 if roll < 0.12 else round(rng.uniform(35.8, 37.1), 1)
            outcome = gate.screen(gate.identify_manual(person), read(value), direction)
            if outcome.decision is Decision.RECHECK and rng.random() < 0.8:
                events.append(outcome.event_id)  # type: ignore[arg-type]
                clock.advance(40)
                second = 38.2 if rng.random() < 0.5 else 36.8
                outcome = gate.recheck(outcome.event_id, read(second))  # type: ignore[arg-type]
        assert outcome.event_id is not None
        events.append(outcome.event_id)
    officer = services.users.add(username="wang", role="officer", secret="officer-pass")
    amend = AmendService(db, installation, clock)
    with db.session() as session:
        rows = {e.id: e for e in session.scalars(
            select(ScreeningEvent).options(selectinload(ScreeningEvent.readings)))}
    passes = [e for e in events if rows[e].decision == "pass" and rows[e].readings]
    ins = [e for e in events if rows[e].direction == "in" and rows[e].person_id is not None]
    amended = {
        "decision": passes[10],
        "direction": ins[20],
        "temperature": passes[30],
        "person": passes[50],
        "twice": passes[70],
        "nobody": next(e for e in events if rows[e].person_id is None),
    }
    clock.advance(60)
    amend.amend(amended["decision"], by=officer, reason="fever missed", decision=Decision.DENY)
    amend.amend(amended["direction"], by=officer, reason="wrong button",
                direction=Direction.OUT)
    amend.amend(amended["temperature"], by=officer, reason="typo", temperature_c=38.4)
    person = rows[amended["person"]].person_id
    other = next(p for p in people if p != person
                 and people.index(p) % 3 != people.index(person) % 3)  # type: ignore[arg-type]
    amend.amend(amended["person"], by=officer, reason="wrong person", person_id=other)
    amend.amend(amended["twice"], by=officer, reason="first", decision=Decision.RECHECK)
    clock.advance(60)
    amend.amend(amended["twice"], by=officer, reason="second", decision=Decision.DENY,
                direction=Direction.OUT if rows[amended["twice"]].direction == "in"
                else Direction.IN)
    amend.amend(amended["nobody"], by=officer, reason="identified later", person_id=people[0])
    return Log(services, ReviewService(db, installation), clock, south_id, people, amended)


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Log]:
    made = make_log(tmp_path_factory.mktemp("review"))
    yield made
    made.services.db.dispose()


@pytest.fixture(params=["memory", "index"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """"memory": the defaults, but a people filter in time order hands over from its walk to
    its list of keys 3 rows from its ends; "index": people filters walked through the index
    only, and anchors every few rows."""
    monkeypatch.setattr(review, "MATERIALISE_DEPTH", 3)
    if request.param == "index":
        monkeypatch.setattr(review, "MATERIALISE_MAX", 0)
        monkeypatch.setattr(review, "MATERIALISE_LAZY_MAX", 0)
        monkeypatch.setattr(review, "HOP", 5)
        monkeypatch.setattr(review, "LOOKUP_HOP", 3)
        monkeypatch.setattr(review, "MAX_ANCHORS", 12)
        monkeypatch.setattr(review, "MAX_CACHED_GROUPS", 3)
    return str(request.param)


# --- the reference ----------------------------------------------------------------------------


def reference(log: Log) -> list[Expected]:
    """Every event as amended, computed with the amendment service's own fold (once: the log
    does not change)."""
    if log.expected is None:
        log.expected = events_as_amended(log.services.db)
    return log.expected


def events_as_amended(db: Database) -> list[Expected]:
    with db.session() as session:
        people = {p.id: p for p in session.scalars(select(Person))}
        gates = {g.id: g.name for g in session.scalars(select(Gate))}
        found = []
        for e in session.scalars(
            select(ScreeningEvent).options(selectinload(ScreeningEvent.readings))
        ):
            eff = effective_event(e, repo.amendments_for_event(session, e.id))
            p = people.get(eff.person_id) if eff.person_id else None
            found.append(Expected(
                e.id, e.occurred_at, gates[e.gate_id], e.gate_id, eff.person_id,
                p.staff_no if p else None, p.name if p else None, p.department if p else None,
                str(eff.direction), str(eff.decision), eff.temperature_c,
            ))
    return found


def matches(row: Expected, f: LogFilter, log: Log) -> bool:
    if f.since is not None and row.at < f.since:
        return False
    if f.until is not None and row.at >= f.until:
        return False
    if f.gate_id is not None and row.gate_id != f.gate_id:
        return False
    if f.department is not None and row.department != f.department:
        return False
    if f.person_id is not None and row.person_id != f.person_id:
        return False
    if f.staff_no is not None and row.staff_no != f.staff_no:
        return False
    if f.decision is not None and row.decision != f.decision:
        return False
    return f.direction is None or row.direction == f.direction


DECISION_RANK = {"pass": 0, "recheck": 1, "deny": 2}


def expected_order(rows: list[Expected], sort: LogSort) -> list[uuid.UUID]:
    newest = sorted(rows, key=lambda r: r.at, reverse=True)
    column, desc = sort.column, sort.descending
    if column is SortColumn.TIME:
        return [r.id for r in sorted(rows, key=lambda r: r.at, reverse=desc)]
    if column is SortColumn.TEMPERATURE:
        known = [r for r in newest if r.temperature_c is not None]
        known.sort(key=lambda r: r.temperature_c or 0.0, reverse=desc)
        return [r.id for r in known] + [r.id for r in newest if r.temperature_c is None]
    keys: dict[SortColumn, Callable[[Expected], Any]] = {
        SortColumn.GATE: lambda r: r.gate,
        SortColumn.DECISION: lambda r: DECISION_RANK[r.decision],
        SortColumn.DIRECTION: lambda r: r.direction,
        SortColumn.NAME: lambda r: (0, r.name, r.staff_no, str(r.person_id))
        if r.person_id else (1,),
        SortColumn.STAFF_NO: lambda r: (0, r.staff_no, str(r.person_id))
        if r.person_id else (1,),
        SortColumn.DEPARTMENT: lambda r: (0, r.department, r.name, r.staff_no,
                                          str(r.person_id)) if r.person_id else (1,),
    }
    return [r.id for r in sorted(newest, key=keys[column], reverse=desc)]


def ids_of(query: review.LogQuery, block: int) -> list[uuid.UUID]:
    found: list[uuid.UUID] = []
    for offset in range(0, query.count, block):
        found.extend(r.event_id for r in query.rows_at(offset, block))
    return found


def filters(log: Log) -> dict[str, LogFilter]:
    day = START + timedelta(days=2)
    return {
        "all": LogFilter(),
        "period": LogFilter(since=day, until=day + timedelta(days=2)),
        "since": LogFilter(since=day),
        "until": LogFilter(until=day),
        "gate": LogFilter(gate_id=log.south_gate),
        "department": LogFilter(department=DEPARTMENTS[1]),
        "person": LogFilter(person_id=log.people[0]),
        "staff_no": LogFilter(staff_no=" 1005 "),
        "pass": LogFilter(decision=Decision.PASS),
        "recheck": LogFilter(decision=Decision.RECHECK),
        "deny": LogFilter(decision=Decision.DENY),
        "in": LogFilter(direction=Direction.IN),
        "out": LogFilter(direction=Direction.OUT),
        "department+deny": LogFilter(department=DEPARTMENTS[0], decision=Decision.DENY),
        "gate+in+pass": LogFilter(gate_id=log.south_gate, direction=Direction.IN,
                                  decision=Decision.PASS),
        "since+department+out": LogFilter(since=day, department=DEPARTMENTS[2],
                                          direction=Direction.OUT),
        "person+gate": LogFilter(person_id=log.people[3], gate_id=log.south_gate),
        "unknown staff_no": LogFilter(staff_no="9999"),
        "empty period": LogFilter(since=day, until=day),
    }


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "all", "period", "since", "until", "gate", "department", "person", "staff_no", "pass",
    "recheck", "deny", "in", "out", "department+deny", "gate+in+pass", "since+department+out",
    "person+gate", "unknown staff_no", "empty period",
])
def test_every_filter_counts_and_lists_what_the_reference_does(
    log: Log, mode: str, name: str
) -> None:
    where = filters(log)[name]
    expected = [r for r in reference(log) if matches(r, where, log)]
    query = log.review.query(where)
    assert query.count == len(expected)
    assert ids_of(query, 7) == expected_order(expected, LogSort())
    assert log.review.count(where) == len(expected)
    if name not in ("unknown staff_no", "empty period"):
        assert expected, "the test log should hold events for every filter"


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("column", list(SortColumn))
@pytest.mark.parametrize("name", ["all", "department", "deny", "since+department+out"])
def test_every_sort_both_ways(
    log: Log, mode: str, column: SortColumn, descending: bool, name: str
) -> None:
    where = filters(log)[name]
    sort = LogSort(column, descending)
    expected = [r for r in reference(log) if matches(r, where, log)]
    query = log.review.query(where, sort)
    assert query.count == len(expected)
    assert ids_of(query, 11) == expected_order(expected, sort)


@pytest.mark.parametrize("name", ["all", "department", "in"])
@pytest.mark.parametrize("column", [SortColumn.TIME, SortColumn.DECISION, SortColumn.NAME])
def test_blocks_anywhere_agree_with_one_full_read(
    log: Log, mode: str, column: SortColumn, name: str
) -> None:
    sort = LogSort(column, True)
    where = filters(log)[name]
    whole = [r.event_id for r in log.review.query(where, sort).rows_at(0, 10_000)]
    n = len(whole)
    assert n > 80
    rng = random.Random(7)
    query = log.review.query(where, sort)  # a fresh query: no anchors yet
    # The end first, then the middle, then the start, then anywhere.
    starts = [n - 20, n // 2, 0, n - 1, *(rng.randrange(n) for _ in range(40))]
    for offset in starts:
        size = rng.choice((1, 5, 20, 64))
        got = [r.event_id for r in query.rows_at(offset, size)]
        assert got == whole[offset : offset + size], (offset, size)
    assert query.rows_at(n, 10) == [] and query.rows_at(n + 5, 10) == []


def test_rows_show_the_amended_values_and_say_so(log: Log) -> None:
    rows = {r.event_id: r for r in log.review.query().rows_at(0, 10_000)}
    a = log.amended
    assert rows[a["decision"]].decision is Decision.DENY
    assert rows[a["decision"]].amended_fields == ("decision",)
    assert rows[a["direction"]].direction is Direction.OUT
    assert rows[a["temperature"]].temperature_c == 38.4
    assert rows[a["temperature"]].readings_c != (38.4,)  # as recorded
    twice = rows[a["twice"]]
    assert twice.decision is Decision.DENY and set(twice.amended_fields) == {
        "decision", "direction"}
    moved = rows[a["person"]]
    with log.services.db.session() as session:
        person = session.get(Person, moved.person_id)
        assert person is not None
        assert (moved.staff_no, moved.name, moved.department) == (
            person.staff_no, person.name, person.department)
    named = rows[a["nobody"]]
    assert named.person_id == log.people[0] and named.name == NAMES[0]
    plain = [r for r in rows.values() if r.event_id not in a.values()]
    assert not any(r.amended for r in plain)


def test_filters_follow_the_amended_values(log: Log, mode: str) -> None:
    a = log.amended
    review_ = log.review

    def ids(where: LogFilter) -> set[uuid.UUID]:
        query = review_.query(where)
        return {r.event_id for r in query.rows_at(0, query.count)}

    assert a["decision"] in ids(LogFilter(decision=Decision.DENY))
    assert a["decision"] not in ids(LogFilter(decision=Decision.PASS))
    assert a["direction"] in ids(LogFilter(direction=Direction.OUT))
    assert a["direction"] not in ids(LogFilter(direction=Direction.IN))
    assert a["nobody"] in ids(LogFilter(person_id=log.people[0]))
    assert a["nobody"] in ids(LogFilter(staff_no="1001"))
    with log.services.db.session() as session:
        moved = session.get(ScreeningEvent, a["person"])
        assert moved is not None
        amendment = session.scalars(
            select(Amendment).where(Amendment.event_id == moved.id)).one()
        was = session.get(Person, moved.person_id)
        now = session.get(Person, uuid.UUID(amendment.changes["person_id"]["to"]))
        assert was is not None and now is not None
    assert was.department != now.department
    assert a["person"] in ids(LogFilter(person_id=now.id))
    assert a["person"] not in ids(LogFilter(person_id=was.id))
    assert a["person"] in ids(LogFilter(department=now.department))
    assert a["person"] not in ids(LogFilter(department=was.department))


def test_local_time_is_in_the_zone_of_the_event(log: Log) -> None:
    rows = log.review.query(LogFilter(gate_id=log.south_gate)).rows_at(0, 3)
    for row in rows:
        assert row.gate == "South Gate" and row.timezone == "Asia/Tokyo"
        assert row.local_time.utcoffset() == timedelta(hours=9)
        assert row.local_time == row.occurred_at
        assert row.local_text == row.local_time.strftime("%Y-%m-%d %H:%M:%S")
    north = log.review.query(LogFilter(), LogSort(SortColumn.GATE, False)).rows_at(0, 1)[0]
    assert north.gate == "North Gate" and north.local_time.utcoffset() == timedelta(hours=8)


def test_a_query_is_a_snapshot(tmp_path: Path) -> None:
    small = make_small_log(tmp_path)
    query = small.review.query()
    before = query.count
    first = query.rows_at(0, 1)[0]
    assert small.review.count() == before
    screen_once(small)
    assert query.count == before and query.rows_at(0, 1)[0] == first
    assert small.review.count() == before  # cached until refreshed
    small.review.refresh()
    assert small.review.count() == before + 1
    assert small.review.query().count == before + 1
    # The only gate: its filter holds every event (and is left out of the queries).
    only = small.services.installation.gate_id
    assert small.review.count(LogFilter(gate_id=only)) == before + 1
    assert small.review.count(LogFilter(gate_id=uuid.uuid4())) == 0


def test_an_empty_log(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    installation = SetupService(db, paths).initialise("S", "G", "Asia/Shanghai", actor="t")
    service = ReviewService(db, installation)
    for column in SortColumn:
        query = service.query(LogFilter(), LogSort(column))
        assert query.count == 0 and query.rows_at(0, 50) == []
    assert service.gates()[0].name == "G" and service.departments() == []
    db.dispose()


def test_sorting_too_many_events_by_temperature_is_refused(
    log: Log, monkeypatch: pytest.MonkeyPatch
) -> None:
    denied = log.review.count(LogFilter(decision=Decision.DENY))
    monkeypatch.setattr(review, "TEMPERATURE_SORT_MAX", denied)
    with pytest.raises(SortTooBroad, match="narrower filter"):
        log.review.query(LogFilter(), LogSort(SortColumn.TEMPERATURE))
    assert log.review.query(LogFilter(decision=Decision.DENY),
                            LogSort(SortColumn.TEMPERATURE)).count == denied


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": datetime(2026, 11, 1)}, "start of the period .* has no time zone"),
        ({"until": datetime(2026, 11, 1)}, "end of the period .* has no time zone"),
        ({"since": START, "until": START - timedelta(seconds=1)}, "before its start"),
    ],
)
def test_a_bad_filter_is_refused_with_a_clear_message(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        LogFilter(**kwargs)


def test_filter_values_are_normalised() -> None:
    where = LogFilter(staff_no="  ", department=" 质检部 ", decision="deny",  # type: ignore[arg-type]
                      direction="in")  # type: ignore[arg-type]
    assert where.staff_no is None and where.department == "质检部"
    assert where.decision is Decision.DENY and where.direction is Direction.IN
    with pytest.raises(ValueError, match="maybe"):
        LogFilter(decision="maybe")  # type: ignore[arg-type]


def test_gates_and_departments_for_the_filter_bar(log: Log) -> None:
    assert [g.name for g in log.review.gates()] == ["North Gate", "South Gate"]
    assert log.review.departments() == sorted(DEPARTMENTS)


def test_log_rows_stream_the_filtered_log_oldest_first(
    log: Log, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gatekeeper.services.log as log_module

    monkeypatch.setattr(log_module, "BATCH", 7)
    service = LogService(log.services.db, log.services.installation)
    where = LogFilter(department=DEPARTMENTS[0], direction=Direction.IN)
    expected = [r for r in reference(log) if matches(r, where, log)]
    rows = list(service.rows(where))
    assert [r["event_id"] for r in rows] == [
        str(i) for i in expected_order(expected, LogSort(SortColumn.TIME, False))]
    assert all(r["direction"] == "in" and r["department"] == DEPARTMENTS[0] for r in rows)
    amended = next(r for r in service.rows(LogFilter(decision=Decision.DENY))
                   if r["event_id"] == str(log.amended["decision"]))
    assert amended["amended"] is True and amended["amended_fields"] == ["decision"]


def test_log_walks_read_one_index_and_never_sort(log: Log, mode: str) -> None:
    """The statements that find positions name an index, read it alone, and need no sort:
    SQLite's plan for each shows neither the table nor a temporary B-tree."""
    engine = log.services.db.engine
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "INDEXED BY ix_events_log" in statement and "ORDER BY" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        # (A filter on people with an amended event walks the time index and looks the
        # person up: not covered, by design.)
        for name in ("all", "gate", "deny", "in", "gate+in+pass", "since", "period"):
            for column in (SortColumn.TIME, SortColumn.DECISION, SortColumn.DIRECTION,
                           SortColumn.GATE):
                query = log.review.query(filters(log)[name], LogSort(column))
                query.rows_at(query.count // 2, 5)
                query.rows_at(0, 5)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert seen
    with engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[3] for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)]
            assert not any("TEMP B-TREE" in step for step in plan), (statement, plan)
            if "INDEXED BY ix_events_log_decision" in statement and "gate_id" in statement:
                continue  # a rare decision at one gate: the small slice, the gate looked up
            assert any("COVERING INDEX ix_events_log" in step for step in plan), (statement, plan)


def test_counts_read_one_index_alone(log: Log) -> None:
    engine = log.services.db.engine
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.startswith("SELECT count(*)") and "INDEXED BY" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        for where in filters(log).values():
            log.review.query(where, LogSort(SortColumn.TIME))
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert len(seen) >= 10
    with engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[3] for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)]
            main = [step for step in plan if "screening_events" in step]
            assert main and all("COVERING INDEX" in step for step in main), (statement, plan)
            assert conn.execute(text("SELECT 1")).scalar() == 1


# --- a small log for tests that change it ---------------------------------------------------


@dataclass
class SmallLog:
    services: Services
    review: ReviewService
    person: uuid.UUID
    clock: Clock


def make_small_log(folder: Path) -> SmallLog:
    paths = Paths(folder / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    clock = Clock()
    installation = SetupService(db, paths, clock).initialise(
        "S", "North Gate", "Asia/Shanghai", actor="test"
    )
    services = build_services(db, paths, installation, clock)
    services.settings.update(duplicate_window_s=0)
    person = services.staff.add(staff_no="1001", name="张伟", department="总装车间").id
    small = SmallLog(services, ReviewService(db, installation), person, clock)
    for _ in range(5):
        screen_once(small)
    return small


def screen_once(small: SmallLog) -> None:
    small.clock.advance(60)
    s = small.services.screening
    s.screen(s.identify_manual(small.person), read(36.5), Direction.IN)


def test_events_of_the_same_instant_and_many_amendments(
    tmp_path: Path, mode: str
) -> None:
    """Events recorded at the same microsecond, and amendments taking events in and out of
    a filter at those instants: counts match, and blocks anywhere agree with one read."""
    small = make_small_log(tmp_path)
    s = small.services.screening
    services = small.services
    other = services.staff.add(staff_no="1002", name="王芳", department="质检部").id
    made = []
    for _instant in range(4):
        small.clock.advance(60)
        for i in range(12):  # the clock stands still: one instant for all twelve
            value = 37.6 if i % 3 == 0 else 36.4
            outcome = s.screen(s.identify_manual(small.person if i % 2 else other),
                               read(value), Direction.IN if i % 4 else Direction.OUT)
            made.append(outcome)
    officer = services.users.add(username="wang", role="officer", secret="officer-pass")
    amend = AmendService(services.db, services.installation, small.clock)
    for n, outcome in enumerate(made[::3]):
        assert outcome.event_id is not None
        if outcome.decision is Decision.PASS:
            amend.amend(outcome.event_id, by=officer, reason="r", decision=Decision.RECHECK)
        else:
            amend.amend(outcome.event_id, by=officer, reason="r", decision=Decision.PASS)
        if n % 2:
            amend.amend(outcome.event_id, by=officer, reason="r",
                        direction=Direction.OUT if outcome.direction is Direction.IN
                        else Direction.IN)
    expected_rows = events_as_amended(services.db)
    service = ReviewService(services.db, services.installation)
    for where in (LogFilter(), LogFilter(decision=Decision.PASS),
                  LogFilter(decision=Decision.RECHECK), LogFilter(direction=Direction.OUT),
                  LogFilter(decision=Decision.PASS, direction=Direction.IN),
                  LogFilter(person_id=other, decision=Decision.RECHECK)):
        for sort in (LogSort(SortColumn.TIME, True), LogSort(SortColumn.TIME, False),
                     LogSort(SortColumn.DECISION, False), LogSort(SortColumn.NAME, True)):
            wanted = {r.id for r in expected_rows if matches_filter(r, where)}
            query = service.query(where, sort)
            whole = [r.event_id for r in query.rows_at(0, 1000)]
            assert query.count == len(wanted) == len(whole)
            assert set(whole) == wanted
            fresh = service.query(where, sort)
            for offset in (len(whole) - 3, len(whole) // 2, 0, 5, 17, 1):
                got = [r.event_id for r in fresh.rows_at(offset, 4)]
                assert got == whole[offset : offset + 4], (where, sort, offset)
            if sort.column is SortColumn.TIME:
                times = [r.occurred_at for r in query.rows_at(0, 1000)]
                assert times == sorted(times, reverse=sort.descending)


def matches_filter(row: Expected, f: LogFilter) -> bool:
    return ((f.decision is None or row.decision == f.decision)
            and (f.direction is None or row.direction == f.direction)
            and (f.person_id is None or row.person_id == f.person_id))
