"""`gatekeeper screen` and `gatekeeper log`. (Crash safety of recorded screenings: SIGKILL
at random points, tests/faults/test_fault_screening.py.)"""

from __future__ import annotations

import json
import subprocess

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
