"""Engine set-up, sessions and migrations.

SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout on every connection: a
screening is durable once its transaction commits. PostgreSQL is chosen by URL.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gatekeeper.errors import UserError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DB_FILENAME = "gatekeeper.db"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


class Database:
    """The one handle on a database: engine, session factory, schema version."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = self.engine.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short unit of work: committed when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def current_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except OperationalError as exc:
            raise UserError(
                f"The database {self.url_for_humans()} cannot be opened ({exc.orig}). Check "
                "that its folder exists and is writable, and that the server is reachable."
            ) from exc
        except DatabaseError as exc:
            raise UserError(
                f"The database {self.url_for_humans()} cannot be read: it is not a gatekeeper "
                f"database or it is damaged ({exc.orig}). Restore it from a backup."
            ) from exc

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(alembic_config()).get_current_head()

    def migrate(self) -> None:
        """Bring the schema to the newest revision; copy the SQLite file aside first when an
        existing database is about to be changed."""
        current = self.current_revision()
        head = self.head_revision()
        if current == head:
            return
        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise UserError(
                f"The database {self.url_for_humans()} was made by a newer release of gatekeeper "
                f"(schema {current}). Install that release, or restore a backup."
            )
        path = self.sqlite_path
        if current is not None and path is not None and path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            shutil.copy2(path, path.with_name(f"{path.name}.pre-{head}-{stamp}.bak"))
        cfg = alembic_config(self.engine)
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise UserError(f"The database could not be upgraded: {exc.orig}") from exc

    def url_for_humans(self) -> str:
        path = self.sqlite_path
        return str(path) if path is not None else make_url(self.url).render_as_string()

    def dispose(self) -> None:
        self.engine.dispose()
