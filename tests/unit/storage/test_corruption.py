"""A damaged or unusable SQLite file, found when it is first opened (Database.check), and the
machine's failures SQLite reports, as UserErrors (gatekeeper/storage/database.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from gatekeeper.config import Paths
from gatekeeper.errors import DatabaseBusy, DiskFull, NotWritable, UserError
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.storage import database as storage
from gatekeeper.storage.database import (
    Database,
    DatabaseDamaged,
    damaged_marker,
    restore_command,
    sqlite_url,
    user_error_from_sqlite,
)
from gatekeeper.storage.models import Setting


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed(db: Database, installation: Installation, paths: Paths) -> Path:
    """An initialised database, closed (checkpointed into the one file)."""
    db.dispose()
    return paths.database_file


def _reopen(path: Path) -> Iterator[Database]:
    database = Database(sqlite_url(path))
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def reopened(closed: Path) -> Iterator[Database]:
    yield from _reopen(closed)


def _page_of(path: Path, table: str) -> tuple[int, int]:
    """(offset, page size) of the root page of ``table``."""
    conn = sqlite3.connect(path)
    try:
        query = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        root = conn.execute(query, (table,)).fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    return (root[0] - 1) * size, size


def _scribble(path: Path, offset: int, length: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xde\xad\xbe\xef" * (length // 4))


def _refused(database: Database, path: Path) -> DatabaseDamaged:
    before = _sha(path)
    with pytest.raises(DatabaseDamaged) as caught:
        database.migrate()
    assert _sha(path) == before  # never changed
    return caught.value


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "gatekeeper.db"
    path.write_bytes(b"PK\x03\x04 a zip file, not a database " * 200)
    for database in _reopen(path):
        error = _refused(database, path)
    assert "is not a gatekeeper database or it is damaged (the file is not an SQLite" in str(error)
    assert f"No backup was found in {tmp_path / 'backups'}" in str(error)
    assert "It was left exactly as it is." in str(error)


def test_a_file_cut_short(closed: Path) -> None:
    data = closed.read_bytes()
    closed.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    for database in _reopen(closed):
        assert "it is cut short" in _refused(database, closed).problem
    closed.write_bytes(data[:-100])
    for database in _reopen(closed):
        assert "is not a whole number of pages" in _refused(database, closed).problem


def test_a_damaged_start_table_is_found_even_in_a_large_database(
    closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "FULL_CHECK_MAX_BYTES", 0)  # as if it held a million events
    offset, size = _page_of(closed, "gates")
    _scribble(closed, offset + 8, size - 8)
    for database in _reopen(closed):
        error = _refused(database, closed)
    assert error.path == closed


def test_a_small_database_is_checked_whole_at_start(closed: Path) -> None:
    offset, size = _page_of(closed, "screening_events")
    _scribble(closed, offset, size)
    for database in _reopen(closed):
        _refused(database, closed)


def test_a_large_one_is_checked_whole_once_the_daily_check_marked_it(
    closed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "FULL_CHECK_MAX_BYTES", 0)
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(storage.sqlite3, "connect", traced)
    offset, size = _page_of(closed, "screening_events")
    _scribble(closed, offset, size)
    for database in _reopen(closed):
        database.check()  # cheap: the start tables only, not the events
    checks = [s for s in statements if "quick_check" in s]
    assert checks and all("quick_check(" in s and "(20)" not in s for s in checks)
    assert not any("screening_events" in s for s in checks)

    damaged_marker(closed).write_text("integrity_check of the daily backup: ...\n")
    for database in _reopen(closed):
        _refused(database, closed)
    assert damaged_marker(closed).exists()


def test_the_marker_goes_once_the_file_passes(closed: Path) -> None:
    damaged_marker(closed).write_text("found damaged\n")
    for database in _reopen(closed):
        database.migrate()
    assert not damaged_marker(closed).exists()


def test_the_message_names_the_newest_backup_and_the_restore_command(closed: Path) -> None:
    backups = closed.parent / "backups"
    for name in ("2026-11-25", "2026-11-26", ".partial-2026-11-27-1-2", "notes"):
        folder = backups / name
        folder.mkdir(parents=True)
        if name != "notes":
            (folder / "manifest.json").write_text("{}")
            (folder / "gatekeeper.db").write_bytes(b"")
    closed.write_bytes(b"\x00" * 8192)
    for database in _reopen(closed):
        message = str(_refused(database, closed))
    newest = backups / "2026-11-26"
    assert f"The newest backup is {newest}." in message
    assert f"gatekeeper --data-dir {closed.parent} restore {newest}" in message
    assert "records made since that backup are not in the backup" in message


def test_the_restore_command_is_quoted_for_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "data dir"
    assert restore_command(folder / "gatekeeper.db", folder / "backups" / "2026-11-26") == (
        f"gatekeeper --data-dir '{folder}' restore '{folder}/backups/2026-11-26'"
    )
    other = restore_command(tmp_path / "site.db", tmp_path / "backups" / "x")
    assert f"--database sqlite:///{tmp_path}/site.db restore" in other


def test_a_database_busy_past_the_timeout(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, installation: Installation, db: Database
) -> None:
    db.dispose()
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(paths.database_file, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        for database in _reopen(paths.database_file):
            with pytest.raises(DatabaseBusy, match="is busy: another gatekeeper"), \
                    database.session() as session:
                session.add(Setting(key="k", value="v"))
            other.execute("ROLLBACK")
            with database.session() as session:  # released: it works
                session.add(Setting(key="k", value="v"))
    finally:
        other.close()


def _sqlite_error(code: int, name: str, text: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize(
    ("code", "name", "text", "kind", "words"),
    [
        (13, "SQLITE_FULL", "database or disk is full", DiskFull, "The disk is full"),
        (778, "SQLITE_IOERR_WRITE", "disk I/O error", DiskFull, "The disk is full, or failing"),
        (5, "SQLITE_BUSY", "database is locked", DatabaseBusy, "is busy"),
        (6, "SQLITE_LOCKED", "database table is locked", DatabaseBusy, "is busy"),
        (8, "SQLITE_READONLY", "attempt to write a readonly database", NotWritable, "read-only"),
        (14, "SQLITE_CANTOPEN", "unable to open database file", NotWritable, "read-only"),
        (11, "SQLITE_CORRUPT", "database disk image is malformed", DatabaseDamaged, "damaged"),
        (26, "SQLITE_NOTADB", "file is not a database", DatabaseDamaged, "damaged"),
    ],
)
def test_machine_failures_are_worded_for_people(
    tmp_path: Path, code: int, name: str, text: str, kind: type[UserError], words: str
) -> None:
    error = user_error_from_sqlite(_sqlite_error(code, name, text), tmp_path / "gatekeeper.db")
    assert isinstance(error, kind)
    assert words in str(error)
    assert str(tmp_path / "gatekeeper.db") in str(error)


def test_other_sqlite_errors_stay_bugs() -> None:
    other = _sqlite_error(1, "SQLITE_ERROR", "no such table: x")
    assert user_error_from_sqlite(other, None) is None
    assert user_error_from_sqlite(ValueError("x"), None) is None


def test_a_start_on_a_damaged_database_goes_through_the_setup_service(
    closed: Path, paths: Paths
) -> None:
    closed.write_bytes(b"garbage" * 2000)
    for database in _reopen(closed):
        with pytest.raises(DatabaseDamaged):
            SetupService(database, paths).installation()
