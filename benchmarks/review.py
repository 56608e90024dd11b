"""Officer console benchmark: the entry log view over a generated log of 1,000,000 events.

Prints one JSON object per line:

- ``database``: the generated log (events, people, departments, gates, days, amendments),
  whether it came from the cache, its size.
- ``first-rows``: a new review service and log model (``LogTableModel``), its row count, and
  the text of every column of the first 50 rows. Goal: under 100 ms.
- ``filter``: each filter applied to the model (``set_filter``: the exact count and the first
  block), then the first 50 rows shown. Goal: each under 100 ms.
- ``sort``: each sort column, both ways, applied to the model, first 50 rows shown.
- ``scroll``: the last rows shown (the end of the log, unfiltered and filtered), a jump to the
  middle, and 100 blocks read one after another from the middle (median and p95 per block),
  and 50 random jumps: what a read of a block costs on the GUI thread.
- ``daily-report``: building the daily report of the newest day and writing it as XLSX and
  PDF, beside sqlite3 counting that day's events by department.
- ``memory``: the peak resident memory of this process (ru_maxrss), which built the model and
  scrolled. Goal: under 300 MB. The log is generated in a child process, so its cost is not
  counted here.

Every timed step also replays, with plain ``sqlite3`` on its own connection, the very SQL the
step sent (captured from SQLAlchemy, same parameters): ``sqlite3_ms`` is the database's share
and the rest the Python layers'. The ``naive`` figures time the textbook statements the design
avoids (``OFFSET`` from the start, a department through a join), with plain sqlite3 too.

The log is built by bulk inserts with sqlite3 into the schema that ``Database.migrate()``
creates: 2 gates, 8,000 people in 20 departments, 60 days, about 1% deny and 2% recheck, a
reading per screened event, 0.2% refused tokens that name nobody, one amendment per 2,000
events. The hash columns hold placeholder text (no chain is computed): nothing here reads them.
The file is cached in the temp directory under a name keyed by a hash of the schema and of
this generator, so a second run starts at once.

    .venv/bin/python benchmarks/review.py [--quick] [--events N] [--fresh]

``--quick``: 200,000 events.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import event  # noqa: E402

from gatekeeper.domain.enums import Decision, Direction  # noqa: E402
from gatekeeper.services.review import (  # noqa: E402
    LogFilter,
    LogSort,
    ReviewService,
    SortColumn,
)
from gatekeeper.services.setup import Installation  # noqa: E402
from gatekeeper.storage.database import Database, sqlite_url  # noqa: E402

#: Change when the generated data changes: the cache key includes it.
GENERATOR_VERSION = "review-3"
EVENTS = 1_000_000
QUICK_EVENTS = 200_000
PEOPLE = 8_000
DAYS = 60
START = datetime(2026, 9, 27, 16, 0, tzinfo=UTC)  # midnight in Shanghai
GOAL_MS = 100
#: Each filter, and the first rows, are timed this many times (another filter in between).
REPEAT = 5
GOAL_MB = 300
SHOWN_ROWS = 50

DEPARTMENTS = (
    "总装车间", "焊接车间", "涂装车间", "冲压车间", "质检部", "仓储物流", "设备维修", "采购部",
    "财务部", "人力资源", "行政部", "研发中心", "工艺部", "安全环保", "信息技术", "销售部",
    "市场部", "客服中心", "食堂", "保安部",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建波宁红飞云峰林琳斌浩凯亮健俊帅鑫雪梅丹玲"  # noqa: E501


def emit(**fields: Any) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


# --- the generated log -------------------------------------------------------------------------


def schema_hash() -> str:
    """A hash of the schema that Database.migrate() makes, and of this generator."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database(sqlite_url(Path(folder) / "schema.db"))
        db.migrate()
        db.dispose()
        con = sqlite3.connect(Path(folder) / "schema.db")
        sql = "\n".join(s for (s,) in con.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"))
        con.close()
    return hashlib.sha256(f"{GENERATOR_VERSION}\n{sql}".encode()).hexdigest()[:16]


def cache_path(events: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "gatekeeper-bench"
    folder.mkdir(exist_ok=True)
    return folder / f"review-{schema_hash()}-{events}.db"


def _hex_id(rng: random.Random, ms: int, counter: int) -> str:
    """A UUIDv7-like id in SQLAlchemy's SQLite form (32 hex digits): sorts by time."""
    return f"{ms & 0xFFFFFFFFFFFF:012x}7{counter & 0xFFF:03x}{rng.getrandbits(64):016x}"


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DateTime text


def generate(path: Path, events: int, seed: int = 7) -> None:
    """Write the log to ``path`` (migrated schema, bulk inserts; indexes built at the end)."""
    tmp = path.with_suffix(".part")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    db = Database(sqlite_url(tmp))
    db.migrate()
    db.dispose()
    rng = random.Random(seed)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('screening_events', 'readings', 'amendments')").fetchall()
    for name, _ in indexes:
        con.execute(f"DROP INDEX {name}")
    t0 = int(START.timestamp() * 1000)
    now = _text(START)
    site = _hex_id(rng, t0, 0)
    gates = [_hex_id(rng, t0, 1), _hex_id(rng, t0, 2)]
    con.execute("INSERT INTO sites VALUES (?, ?, ?, ?)", (site, "华东一厂", "Asia/Shanghai", now))
    for gate, name in zip(gates, ("North Gate", "South Gate"), strict=True):
        con.execute("INSERT INTO gates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (gate, site, name, "Asia/Shanghai", "in", 1, "0" * 64, now))
    con.execute("INSERT INTO settings VALUES ('installation.site_id', ?)", (site,))
    con.execute("INSERT INTO settings VALUES ('installation.gate_id', ?)", (gates[0],))
    people = []
    rows: list[tuple[Any, ...]] = []
    for i in range(PEOPLE):
        person = _hex_id(rng, t0, 100 + i)
        people.append(person)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        rows.append((person, site, str(100001 + i), name, "employee",
                     DEPARTMENTS[rng.randrange(len(DEPARTMENTS))], "", "", 1, None, 0, 1, now,
                     now))
    con.executemany("INSERT INTO people VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    offsets = sorted(rng.randrange(DAYS * 86_400_000) for _ in range(events))
    seqs = [0, 0]
    batch_events: list[tuple[Any, ...]] = []
    batch_readings: list[tuple[Any, ...]] = []
    amendable: list[tuple[str, str, str, str, float | None]] = []

    def flush() -> None:
        con.executemany("INSERT INTO screening_events VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_events)
        con.executemany("INSERT INTO readings VALUES (?,?,?,?,?,?,?,?)", batch_readings)
        batch_events.clear()
        batch_readings.clear()

    for i, offset in enumerate(offsets):
        ms = t0 + offset
        at = _text(START + timedelta(milliseconds=offset))
        g = rng.getrandbits(1)
        seqs[g] += 1
        event_id = _hex_id(rng, ms, i)
        roll = rng.random()
        person: str | None = people[rng.randrange(PEOPLE)]
        temperature: float | None
        if roll < 0.002:
            person, decision, reason, temperature = None, "deny", "bad_signature", None
        elif roll < 0.012:
            decision, reason = "deny", "fever_confirmed"
            temperature = round(rng.uniform(37.6, 39.2), 1)
        elif roll < 0.032:
            decision, reason = "recheck", "fever_first_reading"
            temperature = round(rng.uniform(37.3, 38.4), 1)
        else:
            decision, reason = "pass", "normal"
            temperature = round(rng.uniform(35.9, 37.2), 1)
        method = "manual" if roll > 0.95 else "qr"
        direction = "in" if rng.getrandbits(1) else "out"
        batch_events.append((
            event_id, gates[g], seqs[g], person, at, "Asia/Shanghai", direction, decision,
            reason, method, 1 if person else None, None, None, "placeholder", "placeholder",
            "placeholder", None,
        ))
        if temperature is not None:
            batch_readings.append((_hex_id(rng, ms, i + 1), event_id, 1, temperature,
                                   temperature, "C", "sim", at))
        if i % 2000 == 1000 and person is not None:
            amendable.append((event_id, direction, decision, person, temperature))
        if len(batch_events) >= 50_000:
            flush()
    flush()
    # Corrections: decision, direction, temperature or person, in turn.
    amended_at = _text(START + timedelta(days=DAYS))
    for n, (event_id, direction, decision, person, temperature) in enumerate(amendable):
        kind = n % 4
        if kind == 0:
            changes = {"decision": {"from": decision,
                                    "to": "deny" if decision != "deny" else "pass"}}
        elif kind == 1:
            changes = {"direction": {"from": direction,
                                     "to": "out" if direction == "in" else "in"}}
        elif kind == 2 and temperature is not None:
            changes = {"temperature_c": {"from": temperature, "to": 37.9, "salt": "00" * 16}}
        else:
            changes = {"person_id": {"from": person, "to": people[(n * 7919) % PEOPLE]}}
        seqs[0] += 1
        con.execute("INSERT INTO amendments VALUES (?,?,?,?,?,?,?,?)", (
            _hex_id(rng, t0 + DAYS * 86_400_000, n), event_id, gates[0], seqs[0], amended_at,
            "benchmark", "generated", json.dumps(changes)))
    for gate, last in zip(gates, seqs, strict=True):
        con.execute("UPDATE gates SET next_seq = ? WHERE id = ?", (last + 1, gate))
    con.commit()
    for _, sql in indexes:
        con.execute(sql)
    con.commit()
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    tmp.replace(path)


def installation_of(db: Database) -> Installation:
    with db.engine.connect() as conn:
        site_id, site_name, gate_id, gate_name, zone = conn.exec_driver_sql(
            "SELECT s.id, s.name, g.id, g.name, g.timezone FROM gates g JOIN sites s "
            "ON s.id = g.site_id ORDER BY g.name LIMIT 1").one()
    import uuid

    return Installation(uuid.UUID(site_id), site_name, uuid.UUID(gate_id), gate_name, zone)


# --- timing --------------------------------------------------------------------------------------


@dataclass
class Captured:
    """The SQL statements a step sent, to replay with plain sqlite3."""

    statements: list[tuple[str, Any]] = field(default_factory=list)


@contextmanager
def capturing(db: Database) -> Iterator[Captured]:
    captured = Captured()

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            captured.statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield captured
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


class Reference:
    """Plain sqlite3 on its own connection, with the application's pragmas."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path)
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                       "busy_timeout=5000"):
            self.con.execute(f"PRAGMA {pragma}")

    def replay(self, captured: Captured) -> float:
        start = time.perf_counter()
        for statement, parameters in captured.statements:
            self.con.execute(statement, parameters).fetchall()
        return (time.perf_counter() - start) * 1000

    def time(self, statement: str, parameters: Any = ()) -> tuple[float, Any]:
        start = time.perf_counter()
        rows = self.con.execute(statement, parameters).fetchall()
        return (time.perf_counter() - start) * 1000, rows


def timed(db: Database, ref: Reference, step: Callable[[], Any]) -> tuple[float, float, Any]:
    """ms of ``step``, ms of its SQL replayed with sqlite3, and what it returned."""
    with capturing(db) as captured:
        start = time.perf_counter()
        result = step()
        ms = (time.perf_counter() - start) * 1000
    return ms, ref.replay(captured), result


def show_rows(model: Any, first: int, count: int) -> None:
    """What the view does for visible rows: every column's text."""
    from gatekeeper.ui.console.log_model import Column

    for row in range(first, min(first + count, model.rowCount())):
        for column in Column:
            model.data(model.index(row, column))


def summary(runs: list[tuple[float, float, Any]]) -> dict[str, float]:
    """First (colder caches), median and worst of repeated runs, and the median of the same
    SQL replayed with sqlite3."""
    times = [r[0] for r in runs]
    return {
        "first_ms": round(times[0], 1),
        "ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "sqlite3_ms": round(statistics.median(r[1] for r in runs), 1),
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- the run ------------------------------------------------------------------------------------


def run(path: Path, events: int, cached: bool, generate_s: float) -> None:
    from PySide6.QtWidgets import QApplication  # noqa: TID251 (a benchmark of a Qt model)

    from gatekeeper.ui.console.log_model import BLOCK, LogTableModel

    app = QApplication.instance() or QApplication([])
    db = Database(sqlite_url(path))
    installation = installation_of(db)
    ref = Reference(path)
    with db.engine.connect() as conn:
        counts = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM screening_events), (SELECT count(*) FROM people), "
            "(SELECT count(DISTINCT department) FROM people), (SELECT count(*) FROM gates), "
            "(SELECT count(*) FROM amendments)").one()
    emit(bench="database", events=counts[0], people=counts[1], departments=counts[2],
         gates=counts[3], days=DAYS, amendments=counts[4], cached=cached,
         generate_s=round(generate_s, 1), size_mb=round(path.stat().st_size / 1e6),
         note="hash columns hold placeholder text")

    # First rows: a fresh service and model, the count, the first 50 rows shown.
    def first_rows() -> Any:
        service = ReviewService(db, installation)
        model = LogTableModel(service, background=False)
        model.rowCount()
        show_rows(model, 0, SHOWN_ROWS)
        return model

    runs = [timed(db, ref, first_rows) for _ in range(REPEAT)]
    model = runs[-1][2]
    emit(bench="first-rows", rows=model.rowCount(), **summary(runs), goal_ms=GOAL_MS,
         ok=max(r[0] for r in runs) < GOAL_MS)

    service = model.review
    with db.engine.connect() as conn:
        person, staff_no, department = conn.exec_driver_sql(
            "SELECT id, staff_no, department FROM people ORDER BY staff_no LIMIT 1 OFFSET 17"
        ).one()
    import uuid

    latest = START + timedelta(days=DAYS)
    gates = service.gates()
    filters = {
        "all": LogFilter(),
        "last 7 days": LogFilter(since=latest - timedelta(days=7)),
        "one day": LogFilter(since=latest - timedelta(days=30),
                             until=latest - timedelta(days=29)),
        "until day 30": LogFilter(until=latest - timedelta(days=30)),
        "gate": LogFilter(gate_id=gates[1].id),
        "department": LogFilter(department=department),
        "person": LogFilter(person_id=uuid.UUID(person)),
        "staff no": LogFilter(staff_no=staff_no),
        "decision pass": LogFilter(decision=Decision.PASS),
        "decision recheck": LogFilter(decision=Decision.RECHECK),
        "decision deny": LogFilter(decision=Decision.DENY),
        "direction in": LogFilter(direction=Direction.IN),
        "direction out": LogFilter(direction=Direction.OUT),
        "department + deny": LogFilter(department=department, decision=Decision.DENY),
        "gate + in + pass": LogFilter(gate_id=gates[1].id, direction=Direction.IN,
                                      decision=Decision.PASS),
        "last 7 days + department + in": LogFilter(
            since=latest - timedelta(days=7), department=department, direction=Direction.IN),
    }
    filter_ms = []
    for name, where in filters.items():
        def apply(where: LogFilter = where) -> None:
            model.set_filter(where)
            show_rows(model, 0, SHOWN_ROWS)

        runs, ends = [], []
        for _ in range(REPEAT):
            model.set_filter(LogFilter(since=latest))  # another filter between the runs
            runs.append(timed(db, ref, apply))
            # The end of the filtered log: the last rows shown.
            ends.append(timed(db, ref, lambda: show_rows(
                model, max(model.rowCount() - SHOWN_ROWS, 0), SHOWN_ROWS)))
        worst = max(r[0] for r in runs)
        filter_ms.append(worst)
        emit(bench="filter", filter=name, count=model.rowCount(), **summary(runs),
             end_ms=round(statistics.median(e[0] for e in ends), 1),
             end_sqlite3_ms=round(statistics.median(e[1] for e in ends), 1),
             goal_ms=GOAL_MS, ok=worst < GOAL_MS)

    # Naive references: what the design avoids, with plain sqlite3.
    naive_count_ms, _ = ref.time(
        "SELECT count(*) FROM screening_events e JOIN people p ON p.id = e.person_id "
        "WHERE p.department = ?", (department,))
    naive_end_ms, _ = ref.time(
        "SELECT e.id, e.occurred_at, p.name FROM screening_events e "
        "LEFT JOIN people p ON p.id = e.person_id ORDER BY e.occurred_at DESC "
        "LIMIT 50 OFFSET ?", (counts[0] - 50,))
    naive_middle_ms, _ = ref.time(
        "SELECT e.id, e.occurred_at, p.name FROM screening_events e "
        "LEFT JOIN people p ON p.id = e.person_id WHERE e.direction = 'in' "
        "ORDER BY e.occurred_at DESC LIMIT 50 OFFSET ?", (counts[0] // 4,))
    emit(bench="naive", department_count_join_ms=round(naive_count_ms, 1),
         end_by_offset_ms=round(naive_end_ms, 1),
         middle_of_direction_by_offset_ms=round(naive_middle_ms, 1))

    # Sorts, on the whole log (temperature: on the denied events, see SortTooBroad).
    for column in SortColumn:
        for descending in (False, True):
            where = (LogFilter(decision=Decision.DENY) if column is SortColumn.TEMPERATURE
                     else LogFilter())

            def resort(where: LogFilter = where, column: SortColumn = column,
                       descending: bool = descending) -> None:
                model.set_query(where, LogSort(column, descending))
                show_rows(model, 0, SHOWN_ROWS)

            runs, ends, middles = [], [], []
            for _ in range(3):
                model.set_query(LogFilter(since=latest), LogSort())
                runs.append(timed(db, ref, resort))
                ends.append(timed(db, ref, lambda: show_rows(
                    model, model.rowCount() - SHOWN_ROWS, SHOWN_ROWS))[0])
                middles.append(timed(db, ref, lambda: show_rows(
                    model, model.rowCount() // 2, SHOWN_ROWS))[0])
            emit(bench="sort", column=str(column), descending=descending,
                 filter="decision deny" if column is SortColumn.TEMPERATURE else "all",
                 count=model.rowCount(), **summary(runs),
                 end_ms=round(statistics.median(ends), 1),
                 middle_ms=round(statistics.median(middles), 1))

    # Scrolling: the end, the middle, block after block, random jumps; default order.
    model.set_query(LogFilter(), LogSort())
    n = model.rowCount()
    end_ms, end_sqlite_ms, _ = timed(db, ref, lambda: show_rows(model, n - SHOWN_ROWS,
                                                                SHOWN_ROWS))
    middle_ms, middle_sqlite_ms, _ = timed(db, ref, lambda: show_rows(model, n // 2,
                                                                      SHOWN_ROWS))
    blocks = []
    for i in range(100):
        ms, _, _ = timed(db, ref, lambda i=i: model.row_at(n // 2 + (i + 1) * BLOCK))
        blocks.append(ms)
    rng = random.Random(1)
    jumps = []
    for _ in range(50):
        row = rng.randrange(n)
        ms, _, _ = timed(db, ref, lambda row=row: model.row_at(row))
        jumps.append(ms)
    emit(bench="scroll", rows=n, end_ms=round(end_ms, 1), end_sqlite3_ms=round(end_sqlite_ms, 1),
         middle_ms=round(middle_ms, 1), middle_sqlite3_ms=round(middle_sqlite_ms, 1),
         next_block_median_ms=round(statistics.median(blocks), 2),
         next_block_p95_ms=round(percentile(blocks, 95), 2),
         random_jump_median_ms=round(statistics.median(jumps), 2),
         random_jump_p95_ms=round(percentile(jumps, 95), 2),
         random_jump_max_ms=round(max(jumps), 2), block_rows=BLOCK)
    # The same on a filter that the index cannot answer alone (a department: people looked up).
    model.set_filter(LogFilter(direction=Direction.IN))
    n = model.rowCount()
    jumps = []
    for _ in range(30):
        row = rng.randrange(n)
        ms, _, _ = timed(db, ref, lambda row=row: model.row_at(row))
        jumps.append(ms)
    emit(bench="scroll", filter="direction in", rows=n,
         random_jump_median_ms=round(statistics.median(jumps), 2),
         random_jump_p95_ms=round(percentile(jumps, 95), 2),
         random_jump_max_ms=round(max(jumps), 2))

    daily_report_hook(db, installation)
    model.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit(bench="memory", peak_rss_mb=round(peak_mb), goal_mb=GOAL_MB, ok=peak_mb < GOAL_MB,
         filters_ok=all(ms < GOAL_MS for ms in filter_ms))
    db.dispose()
    del app


def daily_report_hook(db: Database, installation: Installation) -> None:
    """The daily report of the newest day in the log: building it (ReportService.daily) and
    writing it as XLSX and PDF, beside plain sqlite3 counting that day's events by
    department, the floor of what the report has to read."""
    from zoneinfo import ZoneInfo

    from gatekeeper.services.reports import ReportService, write_daily_pdf, write_daily_xlsx

    path = db.sqlite_path
    assert path is not None
    with sqlite3.connect(path) as conn:
        newest = conn.execute("SELECT max(occurred_at) FROM screening_events").fetchone()[0]
    moment = datetime.fromisoformat(str(newest)).replace(tzinfo=UTC)
    day = moment.astimezone(ZoneInfo(installation.timezone)).date()
    reports = ReportService(db, installation)
    started = time.perf_counter()
    report = reports.daily(day)
    build_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        write_daily_xlsx(report, Path(tmp) / "daily.xlsx")
        xlsx_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        write_daily_pdf(report, Path(tmp) / "daily.pdf")
        pdf_ms = (time.perf_counter() - started) * 1000
    zone = ZoneInfo(installation.timezone)
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    end = start + timedelta(days=1)
    with sqlite3.connect(path) as conn:
        started = time.perf_counter()
        conn.execute(
            "SELECT p.department, count(*) FROM screening_events e JOIN people p "
            "ON p.id = e.person_id WHERE e.occurred_at >= ? AND e.occurred_at < ? "
            "GROUP BY p.department",
            (start.replace(tzinfo=None).isoformat(sep=" "),
             end.replace(tzinfo=None).isoformat(sep=" ")),
        ).fetchall()
        reference_ms = (time.perf_counter() - started) * 1000
    emit(bench="daily-report", day=day.isoformat(), build_ms=round(build_ms, 1),
         xlsx_ms=round(xlsx_ms, 1), pdf_ms=round(pdf_ms, 1),
         reference={"what": "sqlite3: that day's events by department",
                    "ms": round(reference_ms, 1)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_EVENTS:,} events")
    parser.add_argument("--events", type=int, help=f"events to generate (default {EVENTS:,})")
    parser.add_argument("--fresh", action="store_true", help="generate even when cached")
    parser.add_argument("--generate", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    events = args.events or (QUICK_EVENTS if args.quick else EVENTS)
    if args.generate:
        generate(Path(args.generate), events)
        return 0
    path = cache_path(events)
    cached = path.exists() and not args.fresh
    generate_s = 0.0
    if not cached:
        start = time.perf_counter()
        # In a child process: its memory is not the console's.
        subprocess.run([sys.executable, __file__, "--generate", str(path), "--events",
                        str(events)], check=True)
        generate_s = time.perf_counter() - start
    run(path, events, cached, generate_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
