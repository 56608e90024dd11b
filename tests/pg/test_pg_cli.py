"""The real `gatekeeper` command with `--database postgresql+psycopg://...`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli, Result
from pgserver import free_port
from sqlalchemy import func, select

from gatekeeper.scanner.sources import write_badge_video
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import ScreeningEvent

pytestmark = pytest.mark.e2e


class PgCli(Cli):
    """The command on a data directory (keys) and a PostgreSQL database."""

    def __init__(self, data_dir: Path, cwd: Path, url: str) -> None:
        super().__init__(data_dir, cwd)
        self.url = url

    def __call__(self, *args: str | os.PathLike[str], timeout: float = 60) -> Result:
        return super().__call__("--database", self.url, *args, timeout=timeout)


@pytest.fixture
def pg_cli(pg_url: str, tmp_path: Path) -> PgCli:
    assert GATEKEEPER.exists(), f"{GATEKEEPER} is not installed (pip install -e .)"
    return PgCli(tmp_path / "data", tmp_path, pg_url)


def test_cli_init_staff_badge_verify_screen_log(pg_cli: PgCli, pg_url: str) -> None:
    init = pg_cli("init", "--site", "华东一厂", "--gate", "North Gate", "--timezone",
                  "Asia/Shanghai")
    assert init.code == 0, init.err
    assert (pg_cli.data_dir / "keys" / "site_ed25519.pem").exists()
    assert not (pg_cli.data_dir / "gatekeeper.db").exists()

    added = pg_cli("staff", "add", "--staff-no", "1001", "--name", "张伟", "--department",
                   "总装车间")
    assert added.code == 0, added.err

    token = pg_cli("badge", "1001", "--token").out.strip()
    verified = pg_cli("verify", token)
    assert verified.code == 0, verified.err
    assert (verified.json()["valid"], verified.json()["name"]) == (True, "张伟")

    first = pg_cli("screen", "--token", token, "--temp", "36.6")
    assert first.code == 0, first.err
    assert (first.json()["decision"], first.json()["seq"]) == ("pass", 1)
    dup = pg_cli("screen", "--token", token, "--temp", "36.7")
    assert dup.code == 4 and dup.json()["duplicate_of"] == first.json()["event_id"]

    lines = pg_cli("log", "--format", "json").json_lines()
    assert [(e["seq"], e["decision"], e["name"], e["department"]) for e in lines] == [
        (1, "pass", "张伟", "总装车间"),
    ]
    assert lines[0]["local_time"].endswith("+08:00")

    database = Database(pg_url)  # what the command wrote is in PostgreSQL
    try:
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(ScreeningEvent)) == 1
    finally:
        database.dispose()


def test_cli_with_an_unreachable_server_says_so(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://gate:topsecret@127.0.0.1:{free_port()}/gatekeeper"
    cli = PgCli(tmp_path / "data", tmp_path, url)
    result = cli("staff", "list")
    assert result.code == 1
    assert "cannot be reached" in result.err
    assert "topsecret" not in result.err + result.out


def test_cli_gate_pushes_and_pulls_registry_through_the_central_database(
    pg_cli: PgCli, pg_url: str, tmp_path: Path
) -> None:
    """The site on the central PostgreSQL; a gate provisioned by file on its own SQLite. The
    site's machine publishes registry changes with `sync --upstream`; the gate, holding no
    key of the site's, pushes its screenings and pulls them with the same command."""
    assert pg_cli("init", "--site", "华东一厂", "--gate", "Office", "--timezone",
                  "Asia/Shanghai").code == 0
    provision = tmp_path / "north.gkprov"
    assert pg_cli("gate", "provision", "--name", "North Gate", "--out", provision).code == 0
    gate = Cli(tmp_path / "north", tmp_path)
    assert gate("init", "--provision", provision).code == 0

    assert pg_cli("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    token = pg_cli("badge", "1001", "--token").out.strip()
    assert gate("verify", token).code == 3  # the gate does not know him yet

    published = pg_cli("sync", "--upstream", pg_url)
    assert published.code == 0, published.out + published.err
    synced = gate("sync", "--upstream", pg_url)
    assert synced.code == 0, synced.out + synced.err
    assert synced.json()["ok"] is True
    assert gate("verify", token).code == 0  # pulled: known at the gate, offline from now on

    assert gate("screen", "--token", token, "--temp", "36.6").code == 0
    pushed = gate("sync", "--upstream", pg_url)
    assert pushed.code == 0 and pushed.json()["pending_records"] == 0, pushed.out
    events = pg_cli("log").json_lines()
    assert [(e["staff_no"], e["gate"]) for e in events] == [("1001", "North Gate")]


def test_cli_kiosk_with_upstream_sends_its_screenings_as_it_goes(
    pg_cli: PgCli, pg_url: str, tmp_path: Path
) -> None:
    """The real kiosk, offscreen, on a gate: the badge is screened from a video, and the
    sync thread beside the kiosk delivers the record to the central database before the
    kiosk closes, with no separate sync command."""
    assert pg_cli("init", "--site", "华东一厂", "--gate", "Office", "--timezone",
                  "Asia/Shanghai").code == 0
    assert pg_cli("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    token = pg_cli("badge", "1001", "--token").out.strip()
    provision = tmp_path / "north.gkprov"
    assert pg_cli("gate", "provision", "--name", "North Gate", "--out", provision).code == 0
    gate = Cli(tmp_path / "north", tmp_path)
    assert gate("init", "--provision", provision).code == 0
    video = write_badge_video(tmp_path / "badge.avi", token, fps=30, seconds=3.0)

    bad = gate("kiosk", "--upstream", "mysql://nowhere/db", "--run-seconds", "5")
    assert bad.code == 1 and "postgresql" in bad.err.lower(), bad.err

    # Set up once (as the admin's settings screen does), then started with no options.
    kept = gate("kiosk-settings", "--mode", "unattended", "--camera", video,
                "--thermometer", "sim:36.6", "--upstream", pg_url)
    assert kept.code == 0, kept.err
    assert (kept.json()["mode"], kept.json()["upstream"]) == ("unattended", pg_url)
    ran = gate("kiosk", "--run-seconds", "12", timeout=90)
    assert ran.code == 0, ran.err
    events = pg_cli("log").json_lines()
    assert [(e["staff_no"], e["gate"], e["decision"]) for e in events] == [
        ("1001", "North Gate", "pass")
    ]
    status = json.loads((tmp_path / "north" / "outbox" / "status.json").read_text("utf-8"))
    assert (status["ok"], status["pending_records"]) == (True, 0)
