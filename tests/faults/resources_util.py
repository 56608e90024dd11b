"""Helpers of the resource-fault tests (test_resources.py): the real ``gatekeeper`` command
in a subprocess, under a file size limit (a full disk), without root's power to ignore
permissions (a read-only data folder), next to another process that holds the database.

A full disk is RLIMIT_FSIZE: every write past the limit fails with EFBIG, as on a full file
system (SIGXFSZ, which would kill the process, is ignored first). Tests run as root, who
ignores file permissions; ``setpriv --bounding-set=-all`` starts the command as root without
any capability, so that the permission bits apply to it as to any user (the interpreter lives
under /root, where ``runuser -u nobody`` could not run it).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

GATEKEEPER = Path(sys.executable).with_name("gatekeeper")
DB = "gatekeeper.db"
TIMEOUT = 120.0


@dataclass
class Result:
    code: int
    out: str
    err: str


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn: writes past ``limit`` bytes in any file fail with EFBIG."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def without_privileges() -> list[str]:
    """The prefix that runs a command as root without capabilities (permissions apply)."""
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv (util-linux) is needed"
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]


def gatekeeper(
    data_dir: Path,
    *args: str | os.PathLike[str],
    limit: int | None = None,
    unprivileged: bool = False,
    timeout: float = TIMEOUT,
) -> Result:
    command = [str(GATEKEEPER), "--data-dir", str(data_dir), *map(str, args)]
    if unprivileged:
        command = [*without_privileges(), *command]
    proc = subprocess.run(
        command, env=clean_env(), capture_output=True, timeout=timeout, check=False,
        preexec_fn=file_size_limit(limit) if limit is not None else None,
    )
    result = Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert "Traceback" not in result.err, result.err
    return result


def ok(data_dir: Path, *args: str | os.PathLike[str]) -> str:
    result = gatekeeper(data_dir, *args)
    assert result.code == 0, (args, result.out, result.err)
    return result.out


# --- what is stored ---------------------------------------------------------------------------


def integrity(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def audit_actions(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        conn.close()


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time (ns)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- an installation to copy ------------------------------------------------------------------


def screen_many(data_dir: Path, token: str, times: int) -> None:
    """``times`` passes through the screening service (no duplicate window), in this
    process: many events quickly."""
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
        for _ in range(times):
            services.screening.screen(identity, reading, Direction.IN)
    finally:
        db.dispose()


def record_many(data_dir: Path, token: str, times: int) -> None:
    """``times`` pass events of the badge's holder in one transaction: a backlog, quickly."""
    from datetime import timedelta

    from gatekeeper.config import Paths
    from gatekeeper.domain.enums import Decision, Direction, Method
    from gatekeeper.domain.screening import Reason, Verdict
    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import TakenReading, insert_event
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    paths = Paths(data_dir)
    db = Database(sqlite_url(paths.database_file))
    try:
        installation = SetupService(db, paths).require_installation()
        services = build_services(db, paths, installation)
        person = services.screening.identify_token(token).person
        reading = TakenReading(parse_reading("36.6"), "sim")
        start = services.screening.clock() - timedelta(hours=1)
        with db.session() as session:
            for i in range(times):
                insert_event(
                    session, installation, person_id=person.id,
                    verdict=Verdict(Decision.PASS, Reason.NORMAL),
                    direction=Direction.IN if i % 2 == 0 else Direction.OUT,
                    method=Method.QR, at=start + timedelta(seconds=i), readings=[reading],
                )
    finally:
        db.dispose()


# --- another process on the database ----------------------------------------------------------

_HOLDER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
if sys.argv[2] == "exclusive":
    conn.execute("BEGIN EXCLUSIVE")
print("ready", flush=True)
sys.stdin.readline()  # until the test says so
if sys.argv[2] == "exclusive":
    conn.execute("COMMIT")
conn.close()
"""


@contextmanager
def database_held(path: Path, how: str) -> Iterator[subprocess.Popen[str]]:
    """Another process with the database open (``how`` = "open": a connection that has read,
    as any running gatekeeper's has) or writing (``how`` = "exclusive": BEGIN EXCLUSIVE,
    held) until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), how],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        if proc.stdin is not None:
            proc.stdin.write("\n")
            proc.stdin.close()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def started(command: Sequence[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        list(command), env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
