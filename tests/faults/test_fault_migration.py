"""SIGKILL while gatekeeper migrates a database of the first release (schema 0001): the
database is at the old schema intact or at the new one whole, the copy taken before holds
every record, and the next start migrates by itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from faultsites import OldInstallation
from faultutil import (
    DB,
    copy_installation,
    explained,
    gatekeeper,
    gatekeeper_here,
    hex_ids,
    integrity,
    measure,
    pick,
    revision,
    run_killed,
    runs,
    snapshot,
    tables,
)

from gatekeeper.storage.database import alembic_config

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _check_backups(data: Path, old: OldInstallation, look: Path) -> int:
    """Every backup copy in ``data`` is a whole database of schema 0001 with every record."""
    backups = sorted(data.glob(f"{DB}.pre-*.bak"))
    for number, backup in enumerate(backups):
        copy = look / f"backup{number}" / DB
        copy.parent.mkdir(parents=True)
        shutil.copy2(backup, copy)
        assert integrity(copy) == "ok", backup.name
        assert revision(copy) == "0001", backup.name
        assert tables(copy) == old.old_tables, backup.name
        ids = hex_ids(copy, "screening_events")
        missing = old.event_ids - set(ids)
        assert not missing, f"{backup.name} lacks {len(missing)} of the {len(old.event_ids)} events"
    return len(backups)


def test_sigkill_during_migration_recovers_on_the_next_start(
    old_installation: OldInstallation, tmp_path: Path
) -> None:
    old = old_installation
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head != "0001"

    def start(data: Path) -> list[str]:  # any command migrates first
        return ["cli", "--data-dir", str(data), "screen", "--token", old.token, "--temp", "36.6"]

    calibration = copy_installation(old.data_dir, tmp_path / "calibration")
    measured = measure(start(calibration), tmp_path / "calibration-run")
    assert revision(calibration / DB) == head
    for run in runs("migration"):
        data = copy_installation(old.data_dir, tmp_path / f"data{run.index}")
        point = pick(run.rng, measured)
        with explained(run, point):
            killed = run_killed(start(data), point, tmp_path / f"proc{run.index}")
            look = tmp_path / f"look{run.index}"
            snap = snapshot(data, look)
            assert integrity(snap) == "ok"
            at = revision(snap)
            assert at in ("0001", head)
            # Old and intact, or new and whole: never a schema its version does not describe.
            assert tables(snap) == (old.old_tables if at == "0001" else old.new_tables), at
            missing = old.event_ids - set(hex_ids(snap, "screening_events"))
            assert not missing, f"{len(missing)} events lost"
            backups = _check_backups(data, old, look / "before")
            if at == head:
                assert backups, "migrated without a copy of the old database"
            print(f"{run.context(point)}: {'killed' if killed.was_killed else 'finished'} "
                  f"at schema {at}, {backups} backup(s)")

            # The next start recovers by itself.
            after = gatekeeper(data, "screen", "--token", old.token, "--temp", "36.5")
            assert after.code == 0, after.err
            assert revision(data / DB) == head
            assert integrity(data / DB) == "ok"
            assert old.event_ids <= set(hex_ids(data / DB, "screening_events"))
            assert _check_backups(data, old, look / "after") >= 1
            verified = gatekeeper_here(data, "audit", "verify")
            assert verified.code == 0, verified.err
