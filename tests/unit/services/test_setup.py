from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from gatekeeper.config import Paths
from gatekeeper.errors import UserError
from gatekeeper.services import audit, keys
from gatekeeper.services.setup import AlreadyInitialised, Installation, NotInitialised, SetupService
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database


def test_fresh_directory_has_no_installation(setup_service: SetupService) -> None:
    assert setup_service.installation() is None
    with pytest.raises(NotInitialised, match="gatekeeper init"):
        setup_service.require_installation()


def test_initialise_creates_site_gate_and_private_key(
    setup_service: SetupService, paths: Paths
) -> None:
    inst = setup_service.initialise("  华东一厂 ", "North  Gate", "Asia/Shanghai")
    assert (inst.site_name, inst.gate_name, inst.timezone) == (
        "华东一厂", "North Gate", "Asia/Shanghai",
    )
    assert setup_service.installation() == inst
    mode = stat.S_IMODE(os.stat(paths.signing_key_file).st_mode)
    assert mode == 0o600
    private = keys.load_private_key(paths.signing_key_file)
    public = keys.load_public_key_file(paths.public_key_file)
    assert keys.raw_public(private.public_key()) == keys.raw_public(public)


def test_second_initialise_changes_nothing(
    setup_service: SetupService, installation: Installation, paths: Paths, db: Database
) -> None:
    key_before = paths.signing_key_file.read_bytes()
    db_before = paths.database_file.read_bytes()
    with pytest.raises(AlreadyInitialised) as info:
        setup_service.initialise("Other", "Gate 2", "UTC")
    assert info.value.installation == installation
    assert "already initialised" in str(info.value)
    assert paths.signing_key_file.read_bytes() == key_before
    assert paths.database_file.read_bytes() == db_before


@pytest.mark.parametrize(
    ("site", "gate", "zone", "message"),
    [
        ("", "g", "UTC", "site name is empty"),
        ("s", "   ", "UTC", "gate name is empty"),
        ("s" * 101, "g", "UTC", "longer than"),
        ("s\x07", "g", "UTC", "control characters"),
        ("s", "g", "Mars/Olympus", "Unknown time zone"),
        ("s", "g", "../../etc/passwd", "Unknown time zone"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(
    setup_service: SetupService, paths: Paths, site: str, gate: str, zone: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        setup_service.initialise(site, gate, zone)
    assert not paths.signing_key_file.exists()
    assert setup_service.installation() is None


def test_init_after_a_crash_reuses_the_key_already_written(
    setup_service: SetupService, paths: Paths
) -> None:
    key = keys.generate()
    keys.write_private_key(key, paths.signing_key_file)  # a crash after this, before the DB
    setup_service.initialise("s", "g", "UTC")
    reloaded = keys.load_private_key(paths.signing_key_file)
    assert keys.raw_public(reloaded.public_key()) == keys.raw_public(key.public_key())


def test_key_readable_by_others_is_refused(setup_service: SetupService, paths: Paths) -> None:
    setup_service.initialise("s", "g", "UTC")
    os.chmod(paths.signing_key_file, 0o644)
    with pytest.raises(UserError, match="chmod 600"):
        keys.load_private_key(paths.signing_key_file)


def test_init_is_audited(installation: Installation, db: Database) -> None:
    with db.session() as session:
        assert audit.verify_chain(session) == []
        entries = list(repo.audit_entries(session))
    assert [e.action for e in entries] == ["init"]


def test_a_private_key_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keys" / "site_ed25519.pem"
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        keys.write_private_key(keys.generate(), path)
    assert not path.exists()  # nothing half-written under the real name
    assert list(path.parent.iterdir()) == []  # and nothing left aside
    monkeypatch.setattr(os, "fsync", real_fsync)

    key = keys.generate()
    keys.write_private_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.raw_public(keys.load_private_key(path).public_key()) == keys.raw_public(
        key.public_key())
    with pytest.raises(FileExistsError):
        keys.write_private_key(keys.generate(), path)  # never overwritten
    assert keys.raw_public(keys.load_private_key(path).public_key()) == keys.raw_public(
        key.public_key())
    assert [p.name for p in path.parent.iterdir()] == [path.name]
