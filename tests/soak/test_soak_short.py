"""A short soak: benchmarks/soak.py's run, 500 scans instead of 20,000, the same checks.

The real unattended kiosk, offscreen, with the demo camera and the simulated thermometer,
through a 12-hour shift on an accelerated clock: memory grows less than 10 % from the warm-up
to the end, the GUI thread never stalls 100 ms, the threads and file descriptors are back to
their counts once the kiosk has shut down, and the database holds exactly the events the
screening rules predict (duplicates within the window not recorded, the automatic exits at
the cut-off). The figures are soak.py's: ``met`` is its verdict on each goal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import soak

pytestmark = pytest.mark.slow


def test_a_short_shift_records_every_scan_and_leaks_nothing(qapp: object, tmp_path: Path) -> None:
    result = soak.run_soak(soak.SoakConfig(scans=500, warmup=100), tmp_path, progress=False)

    missed = [f for f in result.figures if not f["met"] and f.get("gating", True)]
    assert not missed, json.dumps(missed, indent=1, ensure_ascii=False)
    assert result.ok
    assert result.figure("scans")["value"] == 500
    events = result.figure("events recorded")
    assert events["value"] == events["reference"]["value"] > 0
    assert result.figure("automatic exits")["value"] == 30  # everybody came in before 23:30
