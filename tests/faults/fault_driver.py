"""The process tests/faults kills: one gatekeeper operation, run in a fresh interpreter.

Usage::

    python fault_driver.py screen DATA_DIR TOKEN [LIMIT]
        screens TOKEN in a loop through the screening service (LIMIT times, or until killed)
        and prints each recorded event's id on its own line, flushed, only after screen()
        returned: a printed id is an acknowledged record.
    python fault_driver.py cli ARG...
        the `gatekeeper` command (gatekeeper.cli.main) with ARG..., every module it needs
        imported first, so that a kill timed from "ready" lands in the operation rather than
        in Python's start-up.

Both print ``ready`` (flushed) once the operation is about to start. Two environment
variables help the harness (tests/faults/faultutil.py) pick points to kill at:

- ``FAULT_KILL_AT_STATEMENT=K``: the process sends itself SIGKILL right after its K-th SQL
  statement (any engine), a precise point that no timer on a busy machine reaches;
- ``FAULT_STATEMENT_COUNT=FILE``: the number of SQL statements run is written to FILE at
  exit (a run without a kill, to measure the operation).
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
from pathlib import Path
from typing import Any


def _watch_statements() -> None:
    kill_at = int(os.environ.get("FAULT_KILL_AT_STATEMENT", "0"))
    count_file = os.environ.get("FAULT_STATEMENT_COUNT")
    if not kill_at and not count_file:
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    count = 0

    def after_statement(*_: Any) -> None:
        nonlocal count
        count += 1
        if count == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_cursor_execute", after_statement)
    if count_file:
        atexit.register(lambda: Path(count_file).write_text(str(count)))


def _ready() -> None:
    sys.stdout.write("ready\n")
    sys.stdout.flush()


def screen(data_dir: str, token: str, limit: int | None) -> int:
    from gatekeeper.config import Paths
    from gatekeeper.domain.enums import Direction
    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import TakenReading
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    paths = Paths(Path(data_dir))
    db = Database(sqlite_url(paths.database_file))
    services = build_services(db, paths, SetupService(db, paths).require_installation())
    identity = services.screening.identify_token(token)
    reading = TakenReading(parse_reading("36.6"), "sim")
    _ready()
    done = 0
    while limit is None or done < limit:
        # The installation's duplicate window is 0 (tests/faults/conftest.py): every call
        # records an event.
        outcome = services.screening.screen(identity, reading, Direction.IN)
        # Reported only after screen() returned: the event is committed.
        sys.stdout.write(f"{outcome.event_id}\n")
        sys.stdout.flush()
        done += 1
    db.dispose()
    return 0


def cli(args: list[str]) -> int:
    import gatekeeper.cli
    import gatekeeper.services.container
    import gatekeeper.services.integrity
    import gatekeeper.sync.service

    _ready()
    return gatekeeper.cli.main(args)


def main(argv: list[str]) -> int:
    _watch_statements()
    mode, *rest = argv
    if mode == "screen":
        return screen(rest[0], rest[1], int(rest[2]) if len(rest) > 2 else None)
    if mode == "cli":
        return cli(rest)
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
