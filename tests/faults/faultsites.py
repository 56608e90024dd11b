"""The installations the fault scenarios copy, made in this process (through
gatekeeper.cli.main and the services): once per session, because every run starts from a fresh
copy (tests/faults/conftest.py has the fixtures)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from faultutil import DB, gatekeeper_here

#: Events at the gate before any scenario starts: a backlog to export and import.
BACKLOG = 400
#: Records a sync file holds in these tests: many files, so that kills land between them.
BATCH = 20
#: Events that stay in the WAL of the schema-0001 database (not checkpointed into the file).
IN_WAL = 50
#: Events of the schema-0001 installation.
OLD_EVENTS = 300


@dataclass(frozen=True)
class Installations:
    site: Path  # the site's installation, with its own gate "North Gate"
    gate: Path  # "South Gate", provisioned by the site, with BACKLOG events not exported
    token: str  # a badge both accept
    gate_hex: str  # South Gate's id, as stored
    records: list[Path]  # the gate's backlog exported as sync files of BATCH records


def _ok(data_dir: Path, *args: str | Path) -> str:
    result = gatekeeper_here(data_dir, *args)
    assert result.code == 0, (args, result.out, result.err)
    return result.out


def _screen(data_dir: Path, token: str, count: int) -> None:
    """Set the installation's duplicate window to 0 (every screening is recorded), then
    record ``count`` passes through the screening service."""
    from gatekeeper.config import Paths
    from gatekeeper.domain.enums import Direction
    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import TakenReading
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    paths = Paths(data_dir)
    db = Database(sqlite_url(paths.database_file))
    try:
        services = build_services(db, paths, SetupService(db, paths).require_installation())
        services.settings.update(duplicate_window_s=0)
        identity = services.screening.identify_token(token)
        reading = TakenReading(parse_reading("36.6"), "sim")
        for _ in range(count):
            services.screening.screen(identity, reading, Direction.IN)
    finally:
        db.dispose()


def _gate_hex(data_dir: Path) -> str:
    from gatekeeper.config import Paths
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    paths = Paths(data_dir)
    db = Database(sqlite_url(paths.database_file))
    try:
        return SetupService(db, paths).require_installation().gate_id.hex
    finally:
        db.dispose()


def make_installations(root: Path) -> Installations:
    site, gate = root / "site", root / "gate"
    _ok(site, "init", "--site", "华东一厂", "--gate", "North Gate", "--timezone",
        "Asia/Shanghai")
    _ok(site, "staff", "add", "--staff-no", "1001", "--name", "张伟", "--department", "总装车间")
    token = _ok(site, "badge", "1001", "--token").strip()
    _ok(site, "gate", "provision", "--name", "South Gate", "--out", root / "south.gkprov")
    _ok(gate, "init", "--provision", root / "south.gkprov")
    registry = _ok(site, "export-sync", "--out", root / "down").split()
    _ok(gate, "import-sync", *registry)
    _screen(site, token, 0)  # no duplicate window at the site either, no events
    _screen(gate, token, BACKLOG)
    # The backlog as sync files, exported from a copy: the template itself has exported
    # nothing yet, for the export scenario.
    scratch = shutil.copytree(gate, root / "gate-exported")
    out = root / "records"
    files = [Path(p) for p in _ok(scratch, "export-sync", "--out", out, "--batch-size",
                                   str(BATCH)).split()]
    assert len(files) == -(-BACKLOG // BATCH)
    return Installations(site, gate, token, _gate_hex(gate), files)


def _make_schema_0001(path: Path) -> None:
    """A database file made by migration 0001 alone, as the first release left it."""
    from alembic import command

    from gatekeeper.storage.database import Database, alembic_config, sqlite_url

    db = Database(sqlite_url(path))
    try:
        cfg = alembic_config(db.engine)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
    finally:
        db.dispose()


@dataclass(frozen=True)
class OldInstallation:
    data_dir: Path  # schema 0001, with its newest events still in the WAL
    token: str
    event_ids: set[str]
    old_tables: set[str]  # the tables at schema 0001
    new_tables: set[str]  # the tables at the newest schema


def make_old_installation(installations: Installations, root: Path) -> OldInstallation:
    """The site's installation with OLD_EVENTS events, its database at schema 0001 (the data
    copied table by table into a file that migration 0001 made), the last IN_WAL events
    committed to the WAL but not checkpointed: a gate killed under the first release."""
    current = shutil.copytree(installations.site, root / "current")
    _screen(current, installations.token, OLD_EVENTS)
    old = root / "old.db"
    _make_schema_0001(old)
    data_dir = root / "data"
    shutil.copytree(current, data_dir, ignore=shutil.ignore_patterns(f"{DB}*"))
    with contextlib.closing(sqlite3.connect(old, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("ATTACH DATABASE ? AS src", (str(current / DB),))
        names = [r[0] for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
        )]
        late = "(SELECT id FROM src.screening_events ORDER BY seq DESC LIMIT ?)"
        split = {"screening_events": "id", "readings": "event_id"}
        for wal_part in (False, True):
            conn.execute("BEGIN")
            for name in names:
                columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({name})"))
                if name in split:
                    where = f"WHERE {split[name]} {'IN' if wal_part else 'NOT IN'} {late}"
                    params: tuple[int, ...] = (IN_WAL,)
                elif wal_part:
                    continue
                else:
                    where, params = "", ()
                conn.execute(
                    f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM src.{name} {where}",
                    params,
                )
            conn.execute("COMMIT")
            if not wal_part:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # Copied while the connection is open: the file and a WAL nobody checkpointed.
        shutil.copy2(old, data_dir / DB)
        shutil.copy2(old.with_name("old.db-wal"), data_dir / f"{DB}-wal")
        event_ids = {r[0] for r in conn.execute("SELECT id FROM src.screening_events")}
        old_tables, new_tables = (
            {r[0] for r in conn.execute(
                f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )}
            for schema in ("main", "src")
        )
    assert len(event_ids) == OLD_EVENTS
    assert (data_dir / f"{DB}-wal").stat().st_size > 0
    assert old_tables < new_tables
    return OldInstallation(data_dir, installations.token, event_ids, old_tables, new_tables)
