"""The fault-injection harness: start an operation in a real process, SIGKILL it at a random
point, then look at what it left behind.

A *point* is either a delay after the process said ``ready`` (drawn over the measured
duration of the operation, plus a tenth so that some kills land just after it finished) or
the index of an SQL statement after which the process kills itself (drawn over the measured
number of statements: a precise point inside a transaction, which no timer on a busy
machine reaches reliably). Every run draws its point from ``random.Random`` seeded with the
session's seed, the scenario and the run's number; a failure names the seed.

``GATEKEEPER_FAULT_RUNS`` (default :data:`DEFAULT_RUNS`) is the number of runs per scenario;
``GATEKEEPER_FAULT_SEED`` replays a session (default: a new seed each session).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DRIVER = Path(__file__).with_name("fault_driver.py")
GATEKEEPER = Path(sys.executable).with_name("gatekeeper")
DB = "gatekeeper.db"
DEFAULT_RUNS = 3
RUNS = int(os.environ.get("GATEKEEPER_FAULT_RUNS", DEFAULT_RUNS))
SEED = int(os.environ.get("GATEKEEPER_FAULT_SEED") or random.SystemRandom().randrange(10**9))
#: The longest any one process may take before the test gives up on it.
TIMEOUT = 180.0


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GATEKEEPER_", "FAULT_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


# --- running gatekeeper -------------------------------------------------------------------


@dataclass
class Result:
    code: int
    out: str
    err: str


def gatekeeper(data_dir: Path, *args: str | os.PathLike[str]) -> Result:
    """The real command in its own process: what "the next start" means."""
    proc = subprocess.run(
        [str(GATEKEEPER), "--data-dir", str(data_dir), *map(str, args)],
        env=clean_env(), capture_output=True, timeout=TIMEOUT, check=False,
    )
    result = Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert "Traceback" not in result.err, result.err
    return result


def gatekeeper_here(data_dir: Path, *args: str | os.PathLike[str]) -> Result:
    """The command's code (gatekeeper.cli.main) in this process: for setting up and checking,
    where the start-up of a new interpreter would only cost time."""
    from gatekeeper import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(data_dir), *map(str, args)])
    return Result(code, out.getvalue(), err.getvalue())


def copy_installation(template: Path, to: Path) -> Path:
    shutil.copytree(template, to)
    return to


# --- measuring and killing ------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """One run of an operation without a kill: seconds from "ready" to its end, and the
    number of SQL statements it ran."""

    seconds: float
    statements: int


@dataclass(frozen=True)
class Point:
    delay: float | None = None
    statement: int | None = None

    def __str__(self) -> str:
        if self.statement is not None:
            return f"after SQL statement {self.statement}"
        return f"{self.delay:.4f} s after ready"


@dataclass
class Killed:
    lines: list[str]  # complete lines of standard output, "ready" not included
    err: str
    code: int

    @property
    def was_killed(self) -> bool:
        return self.code == -signal.SIGKILL


def _start(args: list[str], workdir: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    workdir.mkdir(parents=True, exist_ok=True)
    # Files, not pipes: a writer never blocks on a full pipe, so it dies where it was working.
    with open(workdir / "stdout", "wb") as out, open(workdir / "stderr", "wb") as err:
        return subprocess.Popen(
            [sys.executable, str(DRIVER), *args], stdout=out, stderr=err, env=env,
            cwd=workdir,
        )


def _wait_ready(proc: subprocess.Popen[bytes], workdir: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not (workdir / "stdout").read_bytes().startswith(b"ready\n"):
        if proc.poll() is not None:
            raise AssertionError(
                f"the driver ended before it was ready (exit {proc.returncode}): "
                + (workdir / "stderr").read_text()
            )
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("the driver never got ready")
        time.sleep(0.002)


def _finish(proc: subprocess.Popen[bytes], workdir: Path) -> Killed:
    code = proc.wait(timeout=TIMEOUT)
    text = (workdir / "stdout").read_text()
    # Only complete lines: a kill may cut the last one.
    lines = text.split("\n")[:-1]
    assert lines[:1] == ["ready"], text[:200]
    return Killed(lines[1:], (workdir / "stderr").read_text(), code)


def measure(args: list[str], workdir: Path) -> Measured:
    """Run the driver to its end (no kill), for the duration and the statements of the
    operation."""
    count_file = workdir / "statements"
    proc = _start(args, workdir, {**clean_env(), "FAULT_STATEMENT_COUNT": str(count_file)})
    _wait_ready(proc, workdir)
    started = time.monotonic()
    done = _finish(proc, workdir)
    seconds = time.monotonic() - started
    assert done.code == 0, f"the operation failed without a kill: {done.err}"
    return Measured(seconds, int(count_file.read_text()))


def pick(rng: random.Random, measured: Measured) -> Point:
    if rng.random() < 0.5 and measured.statements > 0:
        return Point(statement=rng.randint(1, measured.statements))
    return Point(delay=rng.uniform(0.0, measured.seconds * 1.1))


def run_killed(args: list[str], point: Point, workdir: Path) -> Killed:
    """Start the driver and SIGKILL it at ``point`` (or let it end, if it ends first)."""
    env = clean_env()
    if point.statement is not None:
        env["FAULT_KILL_AT_STATEMENT"] = str(point.statement)
    proc = _start(args, workdir, env)
    _wait_ready(proc, workdir)
    if point.delay is not None:
        time.sleep(point.delay)
        # Not waited for yet: the pid is the driver's (or its zombie's) and nobody else's.
        os.kill(proc.pid, signal.SIGKILL)
    return _finish(proc, workdir)


@dataclass(frozen=True)
class Run:
    scenario: str
    index: int
    rng: random.Random

    def context(self, point: Point) -> str:
        return (
            f"{self.scenario}, run {self.index + 1} of {RUNS}, killed {point}; replay with "
            f"GATEKEEPER_FAULT_SEED={SEED} GATEKEEPER_FAULT_RUNS={self.index + 1}"
        )


def runs(scenario: str) -> Iterator[Run]:
    for index in range(RUNS):
        yield Run(scenario, index, random.Random(f"{SEED}/{scenario}/{index}"))


@contextlib.contextmanager
def explained(run: Run, point: Point) -> Iterator[None]:
    """Any failure inside names the run, the point and the seed that replays it."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"[{run.context(point)}]\n{exc}") from exc


# --- looking at a database ------------------------------------------------------------------


def connect(path: Path) -> sqlite3.Connection:
    assert path.exists(), f"{path} is missing"
    return sqlite3.connect(path)


def integrity(path: Path) -> str:
    with contextlib.closing(connect(path)) as conn:
        return "\n".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def hex_ids(path: Path, table: str) -> list[str]:
    """Every id of ``table`` (as 32 hex digits), duplicates kept."""
    with contextlib.closing(connect(path)) as conn:
        return [str(row[0]) for row in conn.execute(f"SELECT id FROM {table}")]


def gate_seqs(path: Path, gate_hex: str) -> list[int]:
    with contextlib.closing(connect(path)) as conn:
        rows = conn.execute(
            "SELECT seq FROM screening_events WHERE gate_id = ? ORDER BY seq", (gate_hex,)
        )
        return [row[0] for row in rows]


def assert_contiguous(seqs: list[int]) -> None:
    assert seqs == list(range(1, len(seqs) + 1)), (
        f"the gate's sequence has gaps or duplicates: {len(seqs)} events, "
        f"first wrong at {next(i for i, s in enumerate(seqs, 1) if s != i)}"
    )


def revision(path: Path) -> str | None:
    with contextlib.closing(connect(path)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else str(row[0])


def tables(path: Path) -> set[str]:
    with contextlib.closing(connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows if not row[0].startswith("sqlite_")}


def snapshot(data_dir: Path, to: Path) -> Path:
    """A copy of the database as a crash left it (the file and its WAL), to look at without
    touching the original before the next start recovers it by itself."""
    to.mkdir(parents=True, exist_ok=True)
    for name in (DB, f"{DB}-wal"):
        if (data_dir / name).exists():
            shutil.copy2(data_dir / name, to / name)
    return to / DB


RECORDS_NAME = re.compile(r"records-[0-9a-f]{8}-(\d{10})-(\d{10})(?:-\d+)?\.gksync")


def records_range(path: Path) -> tuple[int, int]:
    match = RECORDS_NAME.fullmatch(path.name)
    assert match is not None, path.name
    return int(match.group(1)), int(match.group(2))


def import_statuses(out: str, files: list[Path]) -> dict[Path, str]:
    """The status `gatekeeper import-sync` printed for each file ("imported", "already
    imported", "waiting", "skipped", "rejected")."""
    statuses: dict[Path, str] = {}
    for line in out.splitlines():
        if line.startswith(" "):
            continue  # a warning under the line before
        status, _, rest = line.partition(": ")
        for path in files:
            name = str(path)
            if rest == name or rest.startswith((name + " ", name + ":")):
                statuses[path] = status
    missing = [p for p in files if p not in statuses]
    assert not missing, f"import-sync said nothing about {missing}:\n{out}"
    return statuses


def gate_records(path: Path, gate_hex: str) -> tuple[list[str], list[str]]:
    """The ids of a gate's events and of their readings (duplicates kept)."""
    with contextlib.closing(connect(path)) as conn:
        events = [r[0] for r in conn.execute(
            "SELECT id FROM screening_events WHERE gate_id = ?", (gate_hex,)
        )]
        readings = [r[0] for r in conn.execute(
            "SELECT r.id FROM readings r JOIN screening_events e "
            "ON e.id = r.event_id WHERE e.gate_id = ?", (gate_hex,)
        )]
    return events, readings
