"""Resource faults, through the real ``gatekeeper`` command: a full disk, a database held by
another process, a read-only data folder, a damaged database and its backup, a clock set back.

Every one: a clear message (exit 1, no traceback), nothing already stored lost, no
half-written file left, and the database still passes integrity_check afterwards.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from resources_util import (
    DB,
    GATEKEEPER,
    audit_actions,
    clean_env,
    count,
    database_held,
    files_in,
    gatekeeper,
    integrity,
    ok,
    record_many,
    snapshot,
    wait_for,
    without_privileges,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: The file size limit of a "full disk": above the 32 KiB SQLite's -shm file needs to open the
#: database, below what a screening's transaction adds to the WAL (about 10 pages) and below
#: every output file of these tests.
LIMIT = 36_000
PEOPLE = 30
EVENTS = 300


@dataclass(frozen=True)
class Base:
    data: Path
    token: str


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """A site with PEOPLE people with badges and EVENTS events, made once."""
    root = tmp_path_factory.mktemp("resources")
    data = root / "data"
    ok(data, "init", "--site", "华东一厂", "--gate", "North Gate", "--timezone", "Asia/Shanghai")
    staff = root / "staff.csv"
    staff.write_text(
        "staff_no,name,department\n"
        + "".join(f"{1001 + i},员工{i},总装车间\n" for i in range(PEOPLE)),
        encoding="utf-8",
    )
    ok(data, "staff", "import", staff)
    ok(data, "badge", "--all", "--out", root / "first.pdf")  # every badge issued once
    token = ok(data, "badge", "1001", "--token").strip()
    record_many(data, token, EVENTS)
    return Base(data, token)


@pytest.fixture
def site(base: Base, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(base.data, data)
    return data


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a full disk ----------------------------------------------------------------------------


def _outputs(out: Path) -> list[str]:
    return files_in(out) if out.exists() else []


@pytest.mark.parametrize("operation", ["screen", "export-sync", "log", "badge"])
def test_a_full_disk_fails_cleanly_and_loses_nothing(
    operation: str, site: Path, base: Base, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args: list[str | Path] = {
        "screen": ["screen", "--token", base.token, "--temp", "36.6", "--direction", "out"],
        "export-sync": ["export-sync", "--out", out],
        "log": ["log", "--format", "csv", "--out", out / "log.csv"],
        "badge": ["badge", "--all", "--out", out / "badges.pdf"],
    }[operation]
    db = site / DB
    events, audit = count(db, "screening_events"), count(db, "audit_log")

    full = gatekeeper(site, *args, limit=LIMIT)
    assert full.code == 1, full
    assert "The disk is full" in full.err, full.err
    assert "Nothing of this action was stored" in full.err
    # No half-written file: nothing hidden, nothing unfinished; what is there is whole.
    left = _outputs(out)
    assert not [name for name in left if name.startswith(".") or name.endswith((".tmp", ".part"))]
    if operation != "export-sync":
        assert left == []
    assert count(db, "screening_events") == events
    assert count(db, "audit_log") == audit
    assert integrity(db) == ["ok"]

    again = gatekeeper(site, *args)  # space freed: the same command works
    assert again.code == 0, again
    assert integrity(db) == ["ok"]
    if operation == "screen":
        assert count(db, "screening_events") == events + 1
    elif operation == "export-sync":
        records = [name for name in _outputs(out) if name.startswith("records-")]
        assert records and records[-1].endswith(f"-{events:010d}.gksync"), records
    elif operation == "log":
        assert len((out / "log.csv").read_text(encoding="utf-8").splitlines()) == events + 1
    else:
        assert (out / "badges.pdf").read_bytes().startswith(b"%PDF")


def test_a_full_disk_makes_no_backup_and_keeps_the_older_ones(site: Path) -> None:
    ok(site, "backup", "--out", site.parent)  # an older backup, elsewhere
    older = [p for p in site.parent.iterdir() if p.name.startswith("gatekeeper-backup-")]
    full = gatekeeper(site, "backup", limit=LIMIT)
    assert full.code == 1
    assert "No backup was made: the disk is full" in full.err, full.err
    assert "The older backups were kept." in full.err
    assert [p.name for p in (site / "backups").iterdir()] == [".lock"]  # nothing half-made
    assert all((p / "manifest.json").exists() for p in older)
    assert integrity(site / DB) == ["ok"]


# --- a database held by another process ---------------------------------------------------


def test_a_database_locked_by_another_writer_is_busy_then_works(site: Path, base: Base) -> None:
    db = site / DB
    events = count(db, "screening_events")
    args = ("screen", "--token", base.token, "--temp", "36.6", "--direction", "out")
    with database_held(db, "exclusive"):
        started = time.monotonic()
        busy = gatekeeper(site, *args)
        waited = time.monotonic() - started
    assert busy.code == 1, busy
    assert "is busy: another gatekeeper (or another program) is writing to it" in busy.err
    assert "Try again in a moment" in busy.err
    assert waited >= 4.5  # the busy timeout was waited out first
    assert count(db, "screening_events") == events
    again = gatekeeper(site, *args)  # the lock is released: it works
    assert again.code == 0, again
    assert count(db, "screening_events") == events + 1
    assert integrity(db) == ["ok"]


# --- a read-only data folder ----------------------------------------------------------------


@pytest.fixture
def read_only(site: Path) -> Iterator[Path]:
    for path in site.rglob("*"):
        path.chmod(0o555 if path.is_dir() else 0o444)
    site.chmod(0o555)
    yield site
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize(
    "args", [("staff", "list"), ("screen", "--temp", "36.6"), ("backup",), ("export-sync",)]
)
def test_a_read_only_data_folder_is_refused_at_start(
    read_only: Path, base: Base, tmp_path: Path, args: tuple[str, ...]
) -> None:
    if args[0] == "screen":
        args = (*args, "--token", base.token)
    if args[0] == "export-sync":
        out = tmp_path / "out"
        out.mkdir()
        args = (*args, "--out", str(out))
    before = snapshot(read_only)
    result = gatekeeper(read_only, *args, unprivileged=True)
    assert result.code == 1, result
    if args[0] == "backup":
        assert "No backup was made: gatekeeper may not use the backup in" in result.err
    else:
        assert f"gatekeeper cannot write the database {read_only / DB}" in result.err
        assert "are read-only for" in result.err
    assert snapshot(read_only) == before  # nothing written, not even the WAL


def test_the_kiosk_says_so_at_start_on_a_read_only_folder(read_only: Path, tmp_path: Path) -> None:
    before = snapshot(read_only)
    err = tmp_path / "stderr.txt"
    with err.open("wb") as sink:
        proc = subprocess.Popen(
            [*without_privileges(), str(GATEKEEPER), "--data-dir", str(read_only), "kiosk"],
            env=clean_env(), stdout=subprocess.DEVNULL, stderr=sink,
        )
        try:
            # The message box waits for a click: what it says is in the log as well.
            wait_for(lambda: "Cannot start the kiosk" in err.read_text(errors="replace"), 60)
        finally:
            proc.kill()
            proc.wait()
    text = err.read_text(errors="replace")
    assert f"gatekeeper cannot write the database {read_only / DB}" in text
    assert "Traceback" not in text
    assert snapshot(read_only) == before


# --- a damaged database, its backup and the restore --------------------------------------------


def _damage(path: Path) -> None:
    """Garbage over pages in the middle of the file, as a failing disk leaves it."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 3 * 4096] = b"\xde\xad\xbe\xef" * 3 * 1024
    path.write_bytes(bytes(data))


def test_a_damaged_database_names_the_backup_and_its_restore_command(
    site: Path, base: Base
) -> None:
    made = ok(site, "backup")
    backup = next(p for p in (site / "backups").iterdir() if p.name != ".lock")
    assert str(backup) in made
    events_at_backup = count(site / DB, "screening_events")
    ok(site, "screen", "--token", base.token, "--temp", "36.6", "--direction", "out")
    db = site / DB
    _damage(db)
    damaged = _sha(db)

    for args in (("staff", "list"), ("screen", "--token", base.token, "--temp", "36.6")):
        refused = gatekeeper(site, *args)
        assert refused.code == 1, refused
        assert "it is not a gatekeeper database or it is damaged" in refused.err
        assert "It was left exactly as it is." in refused.err
        assert f"The newest backup is {backup}." in refused.err
        assert _sha(db) == damaged  # never changed

    line = next(line for line in refused.err.splitlines() if "restore" in line
                and line.strip().startswith("gatekeeper --data-dir"))
    command = shlex.split(line)
    assert command[1:] == ["--data-dir", str(site), "restore", str(backup)]
    restored = subprocess.run([str(GATEKEEPER), *command[1:]], env=clean_env(),
                              capture_output=True, text=True, timeout=120, check=False)
    assert restored.returncode == 0, restored
    assert f"Restored the backup {backup}" in restored.stdout
    assert len(json.loads(ok(site, "staff", "list", "--format", "json"))) == PEOPLE
    assert count(db, "screening_events") == events_at_backup
    assert integrity(db) == ["ok"]
    assert audit_actions(db)[-1] == "backup.restore"
    kept = [p for p in site.iterdir() if p.name.startswith("before-restore-")]
    assert len(kept) == 1 and _sha(kept[0] / DB) == damaged  # the damaged file is kept
    assert ok(site, "audit", "verify")


def test_restore_refuses_while_the_database_is_open_elsewhere(site: Path, base: Base) -> None:
    ok(site, "backup")
    ok(site, "screen", "--token", base.token, "--temp", "36.6", "--direction", "out")
    db = site / DB
    events = count(db, "screening_events")
    day = datetime.now().astimezone().date().isoformat()
    with database_held(db, "open"):
        before = _sha(db)
        refused = gatekeeper(site, "restore", day)
        assert refused.code == 1, refused
        assert "is open in another program" in refused.err
        assert "Nothing was changed." in refused.err
        assert _sha(db) == before
        assert not [p for p in site.iterdir() if p.name.startswith("before-restore-")]
    assert count(db, "screening_events") == events
    done = gatekeeper(site, "restore", day)  # the other program closed it: it works
    assert done.code == 0, done
    assert count(db, "screening_events") == events - 1


def test_a_backup_while_the_gate_screens_blocks_nothing(site: Path, base: Base) -> None:
    db = site / DB
    events = count(db, "screening_events")
    writes = 150
    faults = Path(__file__).parent
    writer = subprocess.Popen(
        [sys.executable, "-c",
         f"import sys; sys.path.insert(0, {str(faults)!r}); import resources_util; "
         f"resources_util.screen_many(__import__('pathlib').Path({str(site)!r}), "
         f"{base.token!r}, {writes})"],
        env=clean_env(),
    )
    try:
        backups = [gatekeeper(site, "backup") for _ in range(3)]
    finally:
        assert writer.wait(timeout=180) == 0
    assert all(b.code == 0 for b in backups), backups
    assert count(db, "screening_events") == events + writes  # no screening was refused
    backup = next(p for p in (site / "backups").iterdir() if p.name != ".lock")
    assert integrity(backup / DB) == ["ok"]
    assert events <= count(backup / DB, "screening_events") <= events + writes


# --- the clock set back an hour -------------------------------------------------------------


def test_a_clock_set_back_an_hour_keeps_the_order_and_warns(tmp_path: Path) -> None:
    from gatekeeper.config import Paths
    from gatekeeper.domain.enums import Direction
    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import CLOCK_JUMP_TOLERANCE, TakenReading
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    now = [datetime(2026, 11, 27, 9, 0, tzinfo=UTC)]
    paths = Paths(tmp_path / "data")
    paths.data_dir.mkdir()
    db = Database(sqlite_url(paths.database_file))
    try:
        installation = SetupService(db, paths, lambda: now[0]).initialise(
            "Plant", "North Gate", "Asia/Shanghai", actor="test"
        )
        services = build_services(db, paths, installation, lambda: now[0])
        services.staff.add(staff_no="1001", name="Zhang", actor="test")
        token = services.badges.issue(["1001"])[0].token
        identity = services.screening.identify_token(token)
        reading = TakenReading(parse_reading("36.6"), "sim")
        screening = services.screening

        first = screening.screen(identity, reading, Direction.IN)
        assert first.clock_jump is None and screening.check_clock() is None
        now[0] += timedelta(minutes=30)
        second = screening.screen(identity, reading, Direction.OUT)
        now[0] -= timedelta(hours=1)  # the clock jumps back an hour
        assert screening.check_clock() is not None  # before anyone is screened
        third = screening.screen(identity, reading, Direction.IN)  # not hidden as a duplicate
        assert third.recorded
        jump = third.clock_jump
        assert jump is not None and jump.previous_at == second.occurred_at
        assert jump.behind == timedelta(hours=1)
        assert "clock is 1 h 0 min behind" in jump.message
        assert third.to_json()["clock_warning"] == jump.message
        assert screening.clock_jump == jump
        fourth = screening.screen(identity, reading, Direction.OUT)
        assert fourth.clock_jump is None  # warned once, at the jump
        assert [o.seq for o in (first, second, third, fourth)] == sorted(
            o.seq for o in (first, second, third, fourth)
        )
        assert third.occurred_at < second.occurred_at  # stored as the clock said

        actions = audit_actions(paths.database_file)
        assert actions.count("clock.jump") == 1
        from gatekeeper.storage import repositories as repo

        with db.session() as session:
            entry = next(e for e in repo.audit_entries(session) if e.action == "clock.jump")
            assert entry.entity_id == str(third.event_id)
            assert f'"previous_at":"{second.occurred_at.isoformat()}"' in entry.details
            assert f'"now":"{third.occurred_at.isoformat()}"' in entry.details
        # A small step back (a time server's correction) is no jump.
        now[0] += timedelta(hours=2)
        screening.screen(identity, reading, Direction.IN)
        now[0] -= CLOCK_JUMP_TOLERANCE
        assert screening.screen(identity, reading, Direction.OUT).clock_jump is None
        assert ok(paths.data_dir, "audit", "verify")
    finally:
        db.dispose()
