"""`gatekeeper screen` and `gatekeeper log`, and crash safety of recorded screenings."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def token(site: Cli) -> str:
    assert site("staff", "add", "--staff-no", "1001", "--name", "张伟", "--department",
                "总装车间").code == 0
    return site("badge", "1001", "--token").out.strip()


def test_screen_pass_then_duplicate_then_log(site: Cli, token: str) -> None:
    result = site("screen", "--token", token, "--temp", "36.6")
    assert result.code == 0, result.err
    outcome = result.json()
    assert (outcome["decision"], outcome["reason"], outcome["seq"]) == ("pass", "normal", 1)
    assert outcome["name"] == "张伟" and outcome["event_id"]

    dup = site("screen", "--token", token, "--temp", "36.7")
    assert dup.code == 4
    assert dup.json()["duplicate_of"] == outcome["event_id"]
    assert "Already recorded" in dup.err

    out = site("screen", "--token", token, "--temp", "97.9", "--unit", "F", "--direction", "out")
    assert out.code == 0 and out.json()["direction"] == "out"
    assert out.json()["readings_c"] == [36.61]

    lines = site("log", "--format", "json").json_lines()
    assert [(e["seq"], e["decision"], e["direction"]) for e in lines] == [
        (1, "pass", "in"), (2, "pass", "out"),
    ]
    assert lines[0]["local_time"].endswith("+08:00")
    csv_lines = site("log", "--format", "csv").out.splitlines()
    assert csv_lines[0].startswith("event_id,seq,gate,occurred_at")
    assert "张伟" in csv_lines[1] and "36.6" in csv_lines[1]


def test_recheck_flow(site: Cli, token: str) -> None:
    first = site("screen", "--token", token, "--temp", "37.8").json()
    assert first["decision"] == "recheck"
    second = site("screen", "--recheck", first["event_id"], "--temp", "37.9")
    assert second.code == 0
    assert (second.json()["decision"], second.json()["alert"]) == ("deny", True)
    again = site("screen", "--recheck", first["event_id"], "--temp", "36.5")
    assert again.code == 1 and "already has its second reading" in again.err
    assert len(site("log").json_lines()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--temp", "36.6"], "--token"),
        (["--temp", "45"], "re-measure"),
        (["--temp", "abc"], "not a temperature"),
        (["--temp", "33.0"], "re-measure"),
        (["--recheck", "not-a-uuid", "--temp", "36.6"], "not an event id"),
        (["--recheck", "0193f1a2-0000-7000-8000-000000000001", "--temp", "36.6"],
         "No screening event"),
    ],
)
def test_invalid_input_records_nothing(
    site: Cli, token: str, args: list[str], message: str
) -> None:
    if "--token" not in args and "--recheck" not in args and message != "--token":
        args = ["--token", token, *args]
    result = site("screen", *args)
    assert result.code == 1
    assert message in result.err
    assert site("log").json_lines() == []


def test_refused_badges(site: Cli, token: str) -> None:
    garbled = site("screen", "--token", "hello", "--temp", "36.6")
    assert garbled.code == 3 and garbled.json()["reason"] == "garbled"
    assert site("badge", "--revoke", "1001").code == 0
    revoked = site("screen", "--token", token, "--temp", "36.6")
    assert revoked.code == 0  # a deny event was recorded for the officers
    assert (revoked.json()["decision"], revoked.json()["reason"]) == ("deny", "revoked")
    assert [e["reason"] for e in site("log").json_lines()] == ["revoked"]


def test_user_add_and_list(site: Cli) -> None:
    proc = subprocess.run(
        [str(GATEKEEPER), "--data-dir", str(site.data_dir), "user", "add",
         "--username", "wang", "--role", "guard", "--display-name", "王师傅",
         "--password-stdin"],
        input=b"1234\n", capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    users = json.loads(site("user", "list", "--format", "json").out)
    assert users == [{"username": "wang", "display_name": "王师傅", "role": "guard"}]


STREAM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gatekeeper.config import Paths
    from gatekeeper.domain.enums import Direction
    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import TakenReading
    from gatekeeper.services.setup import SetupService
    from gatekeeper.storage.database import Database, sqlite_url

    paths = Paths(Path(sys.argv[1]))
    db = Database(sqlite_url(paths.database_file))
    services = build_services(db, paths, SetupService(db, paths).require_installation())
    services.settings.update(duplicate_window_s=0)
    identity = services.screening.identify_token(sys.argv[2])
    reading = TakenReading(parse_reading("36.6"), "sim")
    while True:
        outcome = services.screening.screen(identity, reading, Direction.IN)
        # Reported only after screen() returned: the event is committed.
        sys.stdout.write(f"{outcome.event_id}\\n")
        sys.stdout.flush()
    """
)


@pytest.mark.parametrize("after", [5, 60, 200])
def test_sigkill_during_screenings_loses_nothing_reported(
    site: Cli, token: str, tmp_path: Path, after: int
) -> None:
    script = tmp_path / "stream.py"
    script.write_text(STREAM)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(site.data_dir), token],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ},
    )
    reported: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while len(reported) < after and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported.append(line.decode().strip())
    os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate(timeout=10)
    reported.extend(x for x in rest.decode().split("\n") if len(x) == 36)  # complete lines only
    assert len(reported) >= after, err.decode()
    with sqlite3.connect(site.data_dir / "gatekeeper.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM screening_events")}
        seqs = [row[0] for row in conn.execute("SELECT seq FROM screening_events ORDER BY seq")]
    as_hex = {r.replace("-", "") for r in reported}
    assert as_hex <= stored
    assert seqs == list(range(1, len(seqs) + 1))  # no gaps, no duplicates
    # The next start recovers by itself: the CLI reads and writes the same database.
    assert site("screen", "--token", token, "--temp", "36.5", "--direction", "out").code == 0
