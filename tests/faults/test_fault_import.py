"""SIGKILL during `gatekeeper import-sync` of many files: each file is in whole or not at
all, and importing again completes with every record exactly once."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from faultsites import Installations
from faultutil import (
    DB,
    assert_contiguous,
    connect,
    copy_installation,
    explained,
    gate_records,
    gate_seqs,
    gatekeeper,
    gatekeeper_here,
    import_statuses,
    integrity,
    measure,
    pick,
    records_range,
    run_killed,
    runs,
    snapshot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _per_file(db: Path, gate_hex: str, files: list[Path]) -> dict[Path, tuple[int, int, bool]]:
    """For each file: the gate's events stored in its range, their readings, and whether the
    file is recorded as imported."""
    found: dict[Path, tuple[int, int, bool]] = {}
    with contextlib.closing(connect(db)) as conn:
        for path in files:
            first, last = records_range(path)
            events, readings = conn.execute(
                "SELECT COUNT(DISTINCT e.id), COUNT(r.id) FROM screening_events e "
                "LEFT JOIN readings r ON r.event_id = e.id "
                "WHERE e.gate_id = ? AND e.seq BETWEEN ? AND ?",
                (gate_hex, first, last),
            ).fetchone()
            remembered = conn.execute(
                "SELECT COUNT(*) FROM sync_imports WHERE file_name = ?", (path.name,)
            ).fetchone()[0]
            found[path] = (events, readings, remembered == 1)
    return found


def test_sigkill_during_import_leaves_each_file_whole_or_absent(
    installations: Installations, tmp_path: Path
) -> None:
    files = installations.records
    gate_hex = installations.gate_hex
    events, readings = gate_records(installations.gate / DB, gate_hex)

    def import_(data: Path, order: list[Path]) -> list[str]:
        return ["cli", "--data-dir", str(data), "import-sync", *map(str, order)]

    calibration = copy_installation(installations.site, tmp_path / "calibration")
    measured = measure(import_(calibration, files), tmp_path / "calibration-run")
    for run in runs("import"):
        site = copy_installation(installations.site, tmp_path / f"site{run.index}")
        order = list(files)
        run.rng.shuffle(order)  # named in any order: the importer sorts them
        point = pick(run.rng, measured)
        with explained(run, point):
            killed = run_killed(import_(site, order), point, tmp_path / f"proc{run.index}")
            snap = snapshot(site, tmp_path / f"snap{run.index}")
            assert integrity(snap) == "ok"
            whole = 0
            for path, (stored, with_readings, remembered) in _per_file(
                snap, gate_hex, files
            ).items():
                first, last = records_range(path)
                size = last - first + 1
                assert (stored, with_readings, remembered) in ((0, 0, False), (size, size, True)), (
                    f"{path.name} is half imported: {stored} of {size} events, "
                    f"{with_readings} readings, recorded as imported: {remembered}"
                )
                whole += stored == size
            print(f"{run.context(point)}: {'killed' if killed.was_killed else 'finished'}, "
                  f"{whole} of {len(files)} files in")

            # The next start imports the rest.
            again = gatekeeper(site, "import-sync", *order)
            assert again.code == 0, again.out + again.err
            statuses = import_statuses(again.out, order)
            assert set(statuses.values()) <= {"imported", "already imported"}, again.out
            got_events, got_readings = gate_records(site / DB, gate_hex)
            assert len(got_events) == len(set(got_events))
            assert set(got_events) == set(events)
            assert sorted(got_readings) == sorted(readings)
            assert_contiguous(gate_seqs(site / DB, gate_hex))
            verified = gatekeeper_here(site, "audit", "verify")
            assert verified.code == 0, verified.err
