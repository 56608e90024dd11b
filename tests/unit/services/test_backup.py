"""Backups of the data directory and putting one back (gatekeeper/services/backup.py)."""

from __future__ import annotations

import errno
import hashlib
import json
import shutil
import sqlite3
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.config import Paths
from gatekeeper.errors import DiskFull, UserError
from gatekeeper.services import backup as backup_module
from gatekeeper.services.backup import (
    BackupCancelled,
    BackupService,
    BackupSkipped,
    run_daily,
)
from gatekeeper.services.container import Services
from gatekeeper.services.setup import Installation
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database, DatabaseDamaged, damaged_marker, sqlite_url


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _actions(db: Database) -> list[str]:
    with db.session() as session:
        return [entry.action for entry in repo.audit_entries(session)]


def _people(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def backups(db: Database, paths: Paths, installation: Installation, clock: Any) -> BackupService:
    (paths.data_dir / "ui.ini").write_text("[ui]\nlanguage=zh_CN\n", encoding="utf-8")
    return BackupService(db, paths, clock=clock)


def _day(clock: Any) -> str:
    return clock().astimezone().date().isoformat()


def test_the_daily_backup_holds_the_database_keys_and_screen_settings(
    backups: BackupService, paths: Paths, db: Database, clock: Any
) -> None:
    result = backups.daily()
    assert result.made and result.path == paths.data_dir / "backups" / _day(clock)
    folder = result.path
    assert sorted(p.name for p in folder.iterdir()) == [
        "gatekeeper.db", "keys", "manifest.json", "ui.ini",
    ]
    assert stat.S_IMODE((folder / "keys" / "site_ed25519.pem").stat().st_mode) == 0o600
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["integrity"] == "ok" and manifest["schema"] == db.current_revision()
    for name, entry in manifest["files"].items():
        assert _sha(folder / name) == entry["sha256"]
    assert set(manifest["files"]) == {
        "gatekeeper.db", "keys/site_ed25519.pem", "keys/site_ed25519.pub.pem", "ui.ini",
    }
    conn = sqlite3.connect(folder / "gatekeeper.db")
    try:  # one file that opens by itself
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert _actions(db)[-1] == "backup.create"
    assert "checked" in result.message

    again = backups.daily()  # once a day
    assert not again.made and "already made" in again.message
    assert [info.path for info in backups.backups()] == [folder]


def test_only_the_newest_daily_backups_are_kept(
    backups: BackupService, clock: Any, db: Database
) -> None:
    backups.set_keep(3)
    assert backups.keep() == 3
    assert _actions(db)[-1] == "settings.update"
    made = []
    for _ in range(5):
        made.append(backups.daily().path)
        clock.advance(days=1)
    assert [info.path for info in backups.backups()] == made[-3:]
    clock.advance(days=-30)  # the clock set back: an "older" backup, kept all the same
    back = backups.daily()
    assert back.path is not None and back.path.exists()
    assert [info.path for info in backups.backups()] == [back.path, *made[-2:]]
    with pytest.raises(UserError, match="Keep between 1 and"):
        backups.set_keep(0)


def test_a_backup_elsewhere_is_not_rotated(backups: BackupService, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    result = backups.make(out)
    assert result.path is not None and result.path.parent == out
    assert result.path.name.startswith("gatekeeper-backup-")
    assert backups.backups() == []
    with pytest.raises(UserError, match="does not exist"):
        backups.make(tmp_path / "missing")


def test_a_backup_does_not_wait_for_a_writer_nor_take_its_unfinished_work(
    backups: BackupService, paths: Paths
) -> None:
    writer = sqlite3.connect(paths.database_file, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO settings (key, value) VALUES ('unfinished', 'x')")
        result = backups.make()
        writer.execute("COMMIT")  # the writer was never blocked
    finally:
        writer.close()
    assert result.path is not None
    conn = sqlite3.connect(result.path / "gatekeeper.db")
    try:
        query = "SELECT count(*) FROM settings WHERE key = 'unfinished'"
        assert conn.execute(query).fetchone()[0] == 0
    finally:
        conn.close()


def _damage_events(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'screening_events'"
        ).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))


def test_a_damaged_database_makes_no_backup_and_is_refused_at_the_next_start(
    backups: BackupService, db: Database, paths: Paths, clock: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    older = backups.daily().path
    clock.advance(days=1)
    db.dispose()
    _damage_events(paths.database_file)
    fresh = Database(sqlite_url(paths.database_file))
    try:
        with pytest.raises(UserError, match=r"daily check found the database .* damaged") as caught:
            BackupService(fresh, paths, clock=clock).daily()
        assert f"The newest good backup is {older}" in str(caught.value)
        assert [info.path for info in backups.backups()] == [older]  # nothing new, nothing lost
        assert not [p for p in (paths.data_dir / "backups").iterdir() if p.name.startswith(".p")]
        assert damaged_marker(paths.database_file).exists()
    finally:
        fresh.dispose()
    monkeypatch.setattr("gatekeeper.storage.database.FULL_CHECK_MAX_BYTES", 0)  # a big one
    again = Database(sqlite_url(paths.database_file))
    try:
        with pytest.raises(DatabaseDamaged, match=f"The newest backup is {older}"):
            again.migrate()
    finally:
        again.dispose()


def test_a_central_server_is_not_backed_up_here(paths: Paths) -> None:
    central = Database("postgresql+psycopg://gate@127.0.0.1:9/gatekeeper")  # never connected
    try:
        service = BackupService(central, paths)
        result = service.daily()
        assert not result.made and "central server" in result.message
        with pytest.raises(BackupSkipped, match="pg_dump"):
            service.make()
        with pytest.raises(BackupSkipped, match="pg_restore"):
            service.restore("2026-11-27")
    finally:
        central.dispose()


def test_nothing_to_back_up_before_the_first_start(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "new")
    paths.data_dir.mkdir()
    fresh = Database(sqlite_url(paths.database_file))
    try:
        result = BackupService(fresh, paths).daily()
    finally:
        fresh.dispose()
    assert not result.made and not paths.database_file.exists()


def test_two_programs_starting_at_once_make_one_backup(
    backups: BackupService, db: Database, paths: Paths, clock: Any
) -> None:
    results = []
    gate = threading.Barrier(2)

    def start() -> None:
        gate.wait()
        results.append(BackupService(db, paths, clock=clock).daily())

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.made for r in results) == [False, True]
    assert len(backups.backups()) == 1


def test_a_cancelled_backup_leaves_nothing(backups: BackupService, paths: Paths) -> None:
    backups.cancel()
    with pytest.raises(BackupCancelled):
        backups.daily()
    thread = run_daily(backups)  # on its thread: ends quietly
    thread.join(10)
    assert not thread.is_alive()
    assert [p.name for p in (paths.data_dir / "backups").iterdir()] == [".lock"]


def test_a_full_disk_keeps_the_older_backups(
    backups: BackupService, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = backups.daily().path
    clock.advance(days=1)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module.shutil, "copytree", full)
    with pytest.raises(DiskFull, match="No backup was made: the disk is full"):
        backups.daily()
    assert [info.path for info in backups.backups()] == [older]


# --- restore --------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(
    backups: BackupService, services: Services, paths: Paths, clock: Any
) -> None:
    made = backups.daily().path
    assert made is not None
    services.staff.add(staff_no="1001", name="张伟", actor="test")
    key = paths.signing_key_file
    key_before = key.read_bytes()
    key.write_bytes(b"changed")
    (paths.data_dir / "ui.ini").write_text("[ui]\nlanguage=en\n", encoding="utf-8")
    services.db.dispose()
    replaced_db = paths.database_file.read_bytes()

    clock.advance(hours=1)
    result = backups.restore(made.name)  # by its name in the backups folder
    assert result.backup == made
    assert _people(paths.database_file) == 0
    assert key.read_bytes() == key_before
    assert "zh_CN" in (paths.data_dir / "ui.ini").read_text(encoding="utf-8")
    previous = result.previous
    assert previous.parent == paths.data_dir and previous.name.startswith("before-restore-")
    assert (previous / "keys" / key.name).read_bytes() == b"changed"
    assert (previous / "gatekeeper.db").read_bytes()[:100] == replaced_db[:100]
    assert _people(previous / "gatekeeper.db") == 1  # what it replaced is kept whole
    assert _actions(backups.db)[-1] == "backup.restore"


def test_a_tampered_backup_is_not_restored(
    backups: BackupService, paths: Paths, db: Database
) -> None:
    made = backups.daily().path
    assert made is not None
    db.dispose()
    with (made / "gatekeeper.db").open("r+b") as handle:
        handle.seek(5000)
        handle.write(b"x")
    before = _sha(paths.database_file)
    with pytest.raises(UserError, match=r"is damaged: gatekeeper\.db is not the file"):
        backups.restore(made)
    assert _sha(paths.database_file) == before
    with pytest.raises(UserError, match="is not a gatekeeper backup"):
        backups.restore(paths.data_dir / "nowhere")


def test_a_restore_that_fails_half_way_puts_everything_back(
    backups: BackupService, paths: Paths, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backups.daily().path
    assert made is not None
    db.dispose()
    before = {p.name: _sha(p) for p in [paths.database_file, paths.signing_key_file]}

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module.shutil, "copytree", full)  # the keys: after the database
    with pytest.raises(DiskFull, match="The backup was not restored: the disk is full"):
        backups.restore(made)
    after = {p.name: _sha(p) for p in [paths.database_file, paths.signing_key_file]}
    assert after == before
    assert not [p for p in paths.data_dir.iterdir() if p.name.startswith(("before-", "."))]
    monkeypatch.undo()
    assert backups.restore(made).backup == made


def test_a_backup_of_a_copied_folder_restores_elsewhere(
    backups: BackupService, tmp_path: Path
) -> None:
    made = backups.daily().path
    assert made is not None
    other = Paths(tmp_path / "other")
    other.data_dir.mkdir()
    target = Database(sqlite_url(other.database_file))
    try:
        BackupService(target, other).restore(made)
    finally:
        target.dispose()
    assert other.signing_key_file.exists()
    assert _people(other.database_file) == 0
    shutil.rmtree(other.data_dir)
