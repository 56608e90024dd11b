"""Sync benchmark: 1,000,000 screening events (one reading each) through export, import into
SQLite, and push to PostgreSQL, each beside its raw floor measured in the same run.

Prints one JSON object per line:

- ``setup``: the generated gate database (events, readings, seconds to generate).
- ``export``: ``SyncService.export`` of every event (files of 10,000), and ``reference``:
  the floor, a plain sqlite3 SELECT of the same rows written as JSON lines through gzip
  (level 1, as the sync files are). Goal: export under 20 s, within 3x of the floor.
- ``import-sqlite``: the files imported by a receiving installation on SQLite (every check,
  one transaction per file), and ``reference``: sqlite3 ``executemany`` of the same rows
  into a fresh database of the same schema (WAL, synchronous=FULL, a commit per 10,000).
- ``push-postgresql``: ``Upstream.push`` of the same files into the site's central database
  on a throw-away PostgreSQL cluster (durable: fsync on), and ``reference``: ``COPY`` of
  the same rows into tables made ``LIKE ... INCLUDING ALL`` (same indexes and keys, no
  foreign keys), a commit per 10,000.

Each floor is measured just before and just after its step (``before_s``, ``after_s``); its
``seconds`` and the step's ``ratio`` use their mean, and ``load`` is the machine's load
average as the step began: on a shared machine the load drifts, and one floor measured
minutes away from the step can be off by half.

The site's installation lives on that PostgreSQL cluster; the gate is provisioned from it;
the SQLite receiver is another installation provisioned from the site and then given the
site's role (its ``installation.role`` setting removed) so that it imports gates' records.
Events are bulk-inserted with sqlite3, with their readings, content and chain hashes
computed as a gate computes them (domain/integrity.py): an intact chain, which the importer
recomputes and confirms. (Until the bulk import, the hash columns held placeholders: every
event then failed its check, a tampered gate's case, which the importer still handles but
which is not the one to measure.)

    .venv/bin/python benchmarks/sync.py [--quick] [--events N]

``--quick``: 100,000 events.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "pg"))

from pgserver import PgServer  # noqa: E402

from gatekeeper.config import Paths  # noqa: E402
from gatekeeper.domain import integrity  # noqa: E402
from gatekeeper.services.provision import ProvisionService  # noqa: E402
from gatekeeper.services.setup import SetupService  # noqa: E402
from gatekeeper.services.staff import StaffService  # noqa: E402
from gatekeeper.storage.database import Database, sqlite_url  # noqa: E402
from gatekeeper.sync.chain import event_fields  # noqa: E402
from gatekeeper.sync.identity import ROLE_SETTING  # noqa: E402
from gatekeeper.sync.service import SyncService  # noqa: E402
from gatekeeper.sync.upstream import Upstream  # noqa: E402

BATCH = 10_000
PEOPLE = 200
START = datetime(2026, 9, 1, tzinfo=UTC)


def emit(**fields: Any) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _hex_id(rng: random.Random, ms: int) -> str:
    return f"{ms & 0xFFFFFFFFFFFF:012x}7{rng.getrandbits(12):03x}{rng.getrandbits(64):016x}"


class Clock:
    def __call__(self) -> datetime:
        return datetime.now(UTC)


def generate(gate_db: Path, gate_id: str, people: Sequence[str], events: int) -> None:
    """N events, one reading each, appended to the gate's database with sqlite3."""
    rng = random.Random(7)
    con = sqlite3.connect(gate_db)
    con.execute("PRAGMA synchronous=OFF")
    event_cols = [r[1] for r in con.execute("PRAGMA table_info(screening_events)")]
    reading_cols = [r[1] for r in con.execute("PRAGMA table_info(readings)")]
    t0 = int(START.timestamp() * 1000)
    ev: list[tuple[Any, ...]] = []
    rd: list[tuple[Any, ...]] = []
    chain = integrity.GENESIS
    for i in range(events):
        ms = t0 + i * 2000
        moment = START + timedelta(milliseconds=i * 2000)
        at = _text(moment)
        event_id = _hex_id(rng, ms)
        temperature = round(rng.uniform(35.9, 37.2), 1)
        values = {
            "id": event_id, "gate_id": gate_id, "seq": i + 1,
            "person_id": people[rng.randrange(len(people))], "occurred_at": at,
            "timezone": "Asia/Shanghai", "direction": "in" if i % 2 else "out",
            "decision": "pass", "reason": "normal", "method": "qr", "badge_version": 1,
            "guard_id": None, "recheck_of": None, "readings_purged_at": None,
        }
        reading = {
            "id": _hex_id(rng, ms + 1), "event_id": event_id, "ordinal": 1,
            "value_c": temperature, "value_entered": temperature, "unit_entered": "C",
            "source_device": "sim", "taken_at": at,
        }
        readings_digest = integrity.readings_hash([{
            "ordinal": 1, "value_c": temperature, "value_entered": temperature,
            "unit_entered": "C", "source_device": "sim", "taken_at": moment.isoformat(),
        }])
        typed = {**values, "id": uuid.UUID(event_id), "gate_id": uuid.UUID(gate_id),
                 "person_id": uuid.UUID(values["person_id"]), "occurred_at": moment}
        content = integrity.content_hash(event_fields(typed), readings_digest)
        chain = integrity.chain_hash(chain, content)
        values.update(readings_hash=readings_digest, content_hash=content, chain_hash=chain)
        ev.append(tuple(values[c] for c in event_cols))
        rd.append(tuple(reading[c] for c in reading_cols))
        if len(ev) >= 50_000:
            _flush(con, event_cols, ev, reading_cols, rd)
    _flush(con, event_cols, ev, reading_cols, rd)
    con.execute("UPDATE gates SET next_seq = ?, last_chain_hash = ? WHERE id = ?",
                (events + 1, chain, gate_id))
    con.commit()
    con.close()


def _flush(con: sqlite3.Connection, ec: list[str], ev: list[tuple[Any, ...]],
           rc: list[str], rd: list[tuple[Any, ...]]) -> None:
    con.executemany(f"INSERT INTO screening_events VALUES ({','.join('?' * len(ec))})", ev)
    con.executemany(f"INSERT INTO readings VALUES ({','.join('?' * len(rc))})", rd)
    ev.clear()
    rd.clear()


def rows_of(gate_db: Path, gate_id: str) -> tuple[list[str], list[tuple[Any, ...]], list[str],
                                                 list[tuple[Any, ...]]]:
    con = sqlite3.connect(gate_db)
    ec = [r[1] for r in con.execute("PRAGMA table_info(screening_events)")]
    rc = [r[1] for r in con.execute("PRAGMA table_info(readings)")]
    events = con.execute(
        "SELECT * FROM screening_events WHERE gate_id = ? ORDER BY seq", (gate_id,)).fetchall()
    readings = con.execute(
        "SELECT r.* FROM readings r JOIN screening_events e ON e.id = r.event_id "
        "WHERE e.gate_id = ? ORDER BY e.seq, r.ordinal", (gate_id,)).fetchall()
    con.close()
    return ec, events, rc, readings


def batches(rows: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


# --- floors -------------------------------------------------------------------------------------


def floor_export(gate_db: Path, gate_id: str, out: Path) -> float:
    started = time.perf_counter()
    con = sqlite3.connect(gate_db)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for name, sql in (
        ("events", "SELECT * FROM screening_events WHERE gate_id = ? ORDER BY seq"),
        ("readings", "SELECT r.* FROM readings r JOIN screening_events e ON e.id = r.event_id "
                     "WHERE e.gate_id = ? ORDER BY e.seq, r.ordinal"),
    ):
        with gzip.open(out / f"{name}.jsonl.gz", "wb", compresslevel=1) as sink:
            cursor = con.execute(sql, (gate_id,))
            while chunk := cursor.fetchmany(BATCH):
                sink.write(("\n".join(encode(row) for row in chunk) + "\n").encode("utf-8"))
    con.close()
    return time.perf_counter() - started


def floor_sqlite(schema_db: Path, target: Path, ec: list[str], events: list[tuple[Any, ...]],
                 rc: list[str], readings: list[tuple[Any, ...]]) -> float:
    shutil.copy(schema_db, target)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=OFF")
    started = time.perf_counter()
    ins_e = f"INSERT INTO screening_events VALUES ({','.join('?' * len(ec))})"
    ins_r = f"INSERT INTO readings VALUES ({','.join('?' * len(rc))})"
    for ev, rd in zip(batches(events), batches(readings), strict=True):
        con.execute("BEGIN")
        con.executemany(ins_e, ev)
        con.executemany(ins_r, rd)
        con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def floor_copy(server: PgServer, database: str, ec: list[str], events: list[tuple[Any, ...]],
               rc: list[str], readings: list[tuple[Any, ...]]) -> float:
    import psycopg

    schema = Database(server.url(database))
    schema.migrate()  # the same schema, empty
    schema.dispose()
    url = server.url(database).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE floor_events (LIKE screening_events INCLUDING ALL)")
        conn.execute("CREATE TABLE floor_readings (LIKE readings INCLUDING ALL)")
        conn.commit()
        started = time.perf_counter()
        for ev, rd in zip(batches(events), batches(readings), strict=True):
            with conn.cursor() as cur:
                with cur.copy(f"COPY floor_events ({','.join(ec)}) FROM STDIN") as copy:
                    for row in ev:
                        copy.write_row(row)
                with cur.copy(f"COPY floor_readings ({','.join(rc)}) FROM STDIN") as copy:
                    for row in rd:
                        copy.write_row(row)
            conn.commit()
        return time.perf_counter() - started


# --- the run ------------------------------------------------------------------------------------


def reference(what: str, before: float, after: float, **extra: Any) -> dict[str, Any]:
    """The floor of a step, measured just before and just after it (the load of the machine
    drifts: other work comes and goes); ``seconds`` is their mean."""
    return {"what": what, "seconds": round((before + after) / 2, 2),
            "before_s": round(before, 2), "after_s": round(after, 2), **extra}


def ratio(seconds: float, before: float, after: float) -> float:
    return round(seconds / ((before + after) / 2), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 events")
    parser.add_argument("--events", type=int, default=None)
    args = parser.parse_args()
    events = args.events or (100_000 if args.quick else 1_000_000)
    clock = Clock()
    work = Path(tempfile.mkdtemp(prefix="gk-sync-bench-"))
    server = PgServer(durable=True).start()
    try:
        run(work, server, events, clock)
    finally:
        server.destroy()
        shutil.rmtree(work, ignore_errors=True)


def _node(work: Path, name: str) -> tuple[Paths, Database]:
    paths = Paths(work / name)
    paths.data_dir.mkdir(parents=True)
    return paths, Database(sqlite_url(paths.database_file))


def run(work: Path, server: PgServer, events: int, clock: Clock) -> None:
    central = server.create_database("central")
    central_url = server.url(central)
    site_paths = Paths(work / "site")
    site_db = Database(central_url)
    site = SetupService(site_db, site_paths, clock).initialise(
        "华东一厂", "Main Gate", "Asia/Shanghai", actor="bench")
    staff = StaffService(site_db, site, clock)
    people = [staff.add(staff_no=f"{1000 + i}", name=f"Worker {i}", department="D").id
              for i in range(PEOPLE)]
    installs = {}
    for name in ("gate", "receiver"):
        file = work / f"{name}.provision"
        ProvisionService(site_db, site_paths, clock).provision(name, file, actor="bench")
        paths, db = _node(work, name)
        installs[name] = (paths, db,
                          ProvisionService(db, paths, clock).install(file, actor="bench"))
    gate_paths, gate_db, gate_made = installs["gate"]
    recv_paths, recv_db, _ = installs["receiver"]
    recv_db.dispose()
    con = sqlite3.connect(recv_paths.database_file)
    con.execute("DELETE FROM settings WHERE key = ?", (ROLE_SETTING,))
    con.commit()
    con.close()
    schema_db = work / "schema.db"
    shutil.copy(recv_paths.database_file, schema_db)  # a fresh database of the same schema
    recv_db = Database(sqlite_url(recv_paths.database_file))

    gate_id = gate_made.installation.gate_id.hex
    started = time.perf_counter()
    generate(gate_paths.database_file, gate_id, [p.hex for p in people], events)
    emit(step="setup", events=events, readings=events,
         seconds=round(time.perf_counter() - started, 2))

    # export
    gate_sync = SyncService(gate_db, gate_paths, gate_made.installation, clock)
    out = work / "out"
    floor_outs = [work / "floor-out-before", work / "floor-out-after"]
    for folder in floor_outs:
        folder.mkdir()
    floor_before = floor_export(gate_paths.database_file, gate_id, floor_outs[0])
    load = os.getloadavg()[0]
    started = time.perf_counter()
    files = gate_sync.export(out)
    export_s = time.perf_counter() - started
    floor_after = floor_export(gate_paths.database_file, gate_id, floor_outs[1])
    size = sum(f.path.stat().st_size for f in files)
    floor_size = sum(p.stat().st_size for p in floor_outs[1].iterdir())
    emit(step="export", seconds=round(export_s, 2), files=len(files), bytes=size,
         events_per_s=round(events / export_s), goal_s=20, within_goal=export_s < 20,
         reference=reference("sqlite3 SELECT -> JSON lines -> gzip level 1", floor_before,
                             floor_after, bytes=floor_size),
         ratio=ratio(export_s, floor_before, floor_after), load=round(load, 2))

    ec, ev_rows, rc, rd_rows = rows_of(gate_paths.database_file, gate_id)

    # import into SQLite
    recv_made = SetupService(recv_db, recv_paths, clock).require_installation()
    recv_sync = SyncService(recv_db, recv_paths, recv_made, clock)
    floor_before = floor_sqlite(schema_db, work / "floor-before.db", ec, ev_rows, rc, rd_rows)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    report = recv_sync.import_files([f.path for f in files])
    import_s = time.perf_counter() - started
    assert not report.rejected and not report.waiting, report.lines()[:3]
    floor_after = floor_sqlite(schema_db, work / "floor-after.db", ec, ev_rows, rc, rd_rows)
    emit(step="import-sqlite", seconds=round(import_s, 2), events_per_s=round(events / import_s),
         warnings=sum(len(f.warnings) for f in report.files),
         reference=reference("sqlite3 executemany, WAL, synchronous=FULL, commit per 10,000",
                             floor_before, floor_after),
         ratio=ratio(import_s, floor_before, floor_after), load=round(load, 2))

    # push to PostgreSQL
    upstream = Upstream(gate_sync, central_url)
    upstream.outbox.folder.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f.path, upstream.outbox.folder / f.path.name)
    floor_db = server.create_database("floor_before")
    floor_before = floor_copy(server, floor_db, ec, ev_rows, rc, rd_rows)
    server.drop_database(floor_db)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    delivered = upstream.push()
    push_s = time.perf_counter() - started
    upstream.close()
    assert delivered == len(files), delivered
    floor_after = floor_copy(server, server.create_database("floor_after"), ec, ev_rows, rc,
                             rd_rows)
    emit(step="push-postgresql", seconds=round(push_s, 2), events_per_s=round(events / push_s),
         files=delivered,
         reference=reference("psycopg COPY of the same rows, same indexes, commit per 10,000",
                             floor_before, floor_after),
         ratio=ratio(push_s, floor_before, floor_after), load=round(load, 2))
    for db in (site_db, gate_db, recv_db):
        db.dispose()


if __name__ == "__main__":
    main()
