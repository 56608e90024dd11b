"""SIGKILL during a stream of screenings: every acknowledged record survives."""

from __future__ import annotations

from pathlib import Path

import pytest
from faultsites import Installations
from faultutil import (
    assert_contiguous,
    copy_installation,
    explained,
    gate_seqs,
    gatekeeper,
    gatekeeper_here,
    hex_ids,
    integrity,
    measure,
    pick,
    run_killed,
    runs,
    snapshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: Screenings of the measuring run; a kill is drawn over its duration.
MEASURED = 60


def test_sigkill_during_screenings_loses_no_acknowledged_record(
    installations: Installations, tmp_path: Path
) -> None:
    token = installations.token
    before = set(hex_ids(snapshot(installations.gate, tmp_path / "before"), "screening_events"))
    calibration = copy_installation(installations.gate, tmp_path / "calibration")
    measured = measure(["screen", str(calibration), token, str(MEASURED)],
                       tmp_path / "calibration-run")
    for run in runs("screening"):
        data = copy_installation(installations.gate, tmp_path / f"run{run.index}")
        point = pick(run.rng, measured)
        with explained(run, point):
            killed = run_killed(["screen", str(data), token], point, tmp_path / f"proc{run.index}")
            assert killed.was_killed, f"the stream ended by itself: {killed.err}"
            db = snapshot(data, tmp_path / f"snap{run.index}")
            assert integrity(db) == "ok"
            ids = hex_ids(db, "screening_events")
            acknowledged = {line.replace("-", "") for line in killed.lines}
            assert all(len(line) == 36 for line in killed.lines), killed.lines[-3:]
            lost = acknowledged - set(ids)
            assert not lost, f"{len(lost)} acknowledged screening(s) lost: {sorted(lost)[:5]}"
            assert len(ids) == len(set(ids))
            # At most the one screening the kill cut between its commit and its report.
            unreported = set(ids) - before - acknowledged
            assert len(unreported) <= 1, f"{len(unreported)} recorded but never reported"
            print(f"{run.context(point)}: {len(acknowledged)} reported, "
                  f"{len(unreported)} recorded but not reported")
            assert_contiguous(gate_seqs(db, installations.gate_hex))
            # The next start recovers by itself and screens.
            after = gatekeeper(data, "screen", "--token", token, "--temp", "36.5")
            assert after.code == 0, after.err
            verified = gatekeeper_here(data, "audit", "verify")
            assert verified.code == 0, verified.err
