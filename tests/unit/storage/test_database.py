from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from gatekeeper.errors import UserError
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import Base, Setting, Site


def test_sqlite_pragmas_are_durable(db: Database) -> None:
    db.migrate()
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_migrations_match_the_models(db: Database) -> None:
    db.migrate()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrate_is_idempotent_and_reports_head(db: Database) -> None:
    assert db.current_revision() is None
    db.migrate()
    head = db.head_revision()
    assert head is not None and db.current_revision() == head
    db.migrate()
    assert db.current_revision() == head


def test_utc_datetimes_round_trip_aware(db: Database) -> None:
    db.migrate()
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2026, 11, 27, 9, 30, 15, 123456, tzinfo=shanghai)
    with db.session() as session:
        site = Site(name="s", timezone="Asia/Shanghai", created_at=moment)
        session.add(site)
        session.flush()
        site_id = site.id
    with db.session() as session:
        stored = session.get(Site, site_id)
        assert stored is not None
        assert stored.created_at == moment
        assert stored.created_at.tzinfo is UTC


def test_naive_datetime_is_refused(db: Database) -> None:
    db.migrate()
    with pytest.raises(Exception, match="naive"), db.session() as session:
        session.add(Site(name="s", timezone="UTC", created_at=datetime(2026, 1, 1)))
        session.flush()


def test_session_rolls_back_on_error(db: Database) -> None:
    db.migrate()
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Setting(key="k", value="v"))
        session.flush()
        raise RuntimeError("boom")
    with db.session() as session:
        assert session.get(Setting, "k") is None


def test_garbage_file_is_a_clear_user_error(tmp_path: Path) -> None:
    path = tmp_path / "gatekeeper.db"
    path.write_bytes(b"this is not a database at all" * 100)
    database = Database(sqlite_url(path))
    try:
        with pytest.raises(UserError, match="not a gatekeeper database or it is damaged"):
            database.migrate()
    finally:
        database.dispose()
    assert path.read_bytes().startswith(b"this is not a database")  # untouched


def test_database_of_a_newer_release_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "gatekeeper.db"
    database = Database(sqlite_url(path))
    database.migrate()
    database.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    database = Database(sqlite_url(path))
    try:
        with pytest.raises(UserError, match="newer release"):
            database.migrate()
    finally:
        database.dispose()
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))
