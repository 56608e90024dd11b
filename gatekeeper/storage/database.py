"""Engine set-up, sessions and migrations.

SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout on every connection: a
screening is durable once its transaction commits. PostgreSQL (the central server) is chosen by
URL, ``postgresql+psycopg://user:password@host:port/dbname``; a bare ``postgresql://`` URL
means the same driver. Its defaults are already durable (fsync, synchronous_commit).
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
from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from gatekeeper.errors import UserError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DB_FILENAME = "gatekeeper.db"

#: The PostgreSQL driver: psycopg 3. ``postgresql://`` and ``postgres://`` URLs are read as it.
PG_DRIVER = "postgresql+psycopg"
#: pg_advisory_xact_lock key held while migrating, so that two programs starting against a new
#: central database migrate one after the other.
PG_MIGRATION_LOCK = 0x67_6B_6D_69_67_72_61  # "gkmigra"
#: Seconds to wait for a PostgreSQL server before giving up (unless the URL says otherwise).
PG_CONNECT_TIMEOUT = 10
_PG_INSUFFICIENT_PRIVILEGE = "42501"


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


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it, with PostgreSQL's bare schemes pointed at psycopg 3.
    A malformed URL is a UserError (it comes from --database or GATEKEEPER_DATABASE)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UserError(
            f"'{url}' is not a database URL. Use a SQLAlchemy URL such as "
            "postgresql+psycopg://user:password@host:5432/gatekeeper."
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername=PG_DRIVER)
    return parsed


def _pg_connect_args(parsed: URL) -> dict[str, Any]:
    """Defaults for a PostgreSQL connection that the URL's own query may override."""
    args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        args["connect_timeout"] = PG_CONNECT_TIMEOUT
    if "application_name" not in parsed.query:
        args["application_name"] = "gatekeeper"
    return args


def make_engine(url: str | URL) -> Engine:
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args = _pg_connect_args(parsed) if parsed.get_backend_name() == "postgresql" else {}
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except ImportError as exc:
        raise UserError(
            f"The database driver for {parsed.drivername} is not installed ({exc}). For "
            "PostgreSQL install psycopg 3: pip install 'psycopg[binary]'."
        ) from exc
    except ArgumentError as exc:  # an unknown dialect or driver name
        raise UserError(f"Unusable database URL {parsed.render_as_string()}: {exc}") from exc


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        # The option is interpolated by configparser: a "%" in a password must be doubled.
        rendered = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return cfg


class Database:
    """The one handle on a database: engine, session factory, schema version."""

    def __init__(self, url: str) -> None:
        parsed = parse_url(url)
        #: The URL as given; a bare postgresql:// one in the psycopg form the engine uses.
        self.url = url
        if parsed.drivername != make_url(url).drivername:
            self.url = parsed.render_as_string(hide_password=False)
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

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
            if self.is_postgresql:
                raise UserError(
                    f"The database {self.url_for_humans()} cannot be reached ({exc.orig}). "
                    "Check the server's address and port, the database name, the user and "
                    "password, and that the server is running."
                ) from exc
            raise UserError(
                f"The database {self.url_for_humans()} cannot be opened ({exc.orig}). Check "
                "that its folder exists and is writable, and that the server is reachable."
            ) from exc
        except DatabaseError as exc:
            if self.is_postgresql:
                raise UserError(
                    f"The database {self.url_for_humans()} cannot be read ({exc.orig}). Check "
                    "that the user may read it and that it is a gatekeeper database."
                ) from exc
            raise UserError(
                f"The database {self.url_for_humans()} cannot be read: it is not a gatekeeper "
                f"database or it is damaged ({exc.orig}). Restore it from a backup."
            ) from exc

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(alembic_config()).get_current_head()

    def migrate(self) -> None:
        """Bring the schema to the newest revision; copy the SQLite file aside first when an
        existing database is about to be changed. On PostgreSQL the migration is one
        transaction (DDL is transactional there) under an advisory lock: a second program
        migrating at the same time waits, then finds the work done."""
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
                if self.is_postgresql:
                    # Alembic reads the schema version again once the lock is granted.
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK}
                    )
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except OperationalError as exc:
            raise UserError(f"The database could not be upgraded: {exc.orig}") from exc
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != _PG_INSUFFICIENT_PRIVILEGE:
                raise
            raise UserError(
                f"The database {self.url_for_humans()} could not be upgraded: its user may not "
                f"change the schema ({exc.orig}). Run the upgrade once as the database's owner."
            ) from exc

    def url_for_humans(self) -> str:
        """The SQLite file's path, or the URL with its password hidden."""
        path = self.sqlite_path
        return str(path) if path is not None else self.engine.url.render_as_string()

    def dispose(self) -> None:
        self.engine.dispose()
