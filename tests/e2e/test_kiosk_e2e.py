"""The real kiosk, offscreen, in a subprocess: a badge video, a simulated thermometer."""

from __future__ import annotations

from pathlib import Path

import pytest
from cliutil import Cli

from gatekeeper.scanner.sources import write_badge_video

pytestmark = pytest.mark.e2e


def test_unattended_kiosk_records_exactly_one_pass(site: Cli, tmp_path: Path) -> None:
    assert site("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    token = site("badge", "1001", "--token").out.strip()
    video = write_badge_video(tmp_path / "badge.avi", token, fps=30, seconds=3.0)
    result = site(
        "kiosk", "--unattended", "--camera", video, "--thermometer", "sim:36.6",
        "--run-seconds", "12", timeout=90,
    )
    assert result.code == 0, result.err
    events = site("log", "--format", "json").json_lines()
    # The video loops: the badge is shown again and again within the duplicate window.
    assert [(e["staff_no"], e["decision"], e["direction"], e["method"]) for e in events] == [
        ("1001", "pass", "in", "qr")
    ]
    assert events[0]["temperatures_c"] == [36.6]
    assert events[0]["guard"] is None  # unattended: no guard present
