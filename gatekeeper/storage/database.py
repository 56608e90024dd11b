"""Engine set-up, sessions and migrations.

SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout on every connection: a
screening is durable once its transaction commits. PostgreSQL (the central server) is chosen by
URL, ``postgresql+psycopg://user:password@host:port/dbname``; a bare ``postgresql://`` URL
means the same driver. Its defaults are already durable (fsync, synchronous_commit).

Failures of the machine are UserErrors, worded here once for every front end: SQLite's "database
or disk is full" and write errors (:class:`~gatekeeper.errors.DiskFull`), "database is locked"
past the busy timeout (:class:`~gatekeeper.errors.DatabaseBusy`), a read-only file or folder
(:class:`~gatekeeper.errors.NotWritable`) and a damaged file (:class:`DatabaseDamaged`, which
names the newest backup and the command that restores it). The engine's ``handle_error`` hook
does it for every statement and commit. A SQLite file is checked when it is first migrated
(:meth:`Database.check`): cheaply, so that a start stays fast on a million events; the whole
file is checked daily by the backup (gatekeeper/services/backup.py).
"""

from __future__ import annotations

import logging
import os
import shlex
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from gatekeeper.errors import (
    NOTHING_LOST,
    DatabaseBusy,
    DiskFull,
    NotWritable,
    UserError,
    current_user,
    disk_full_message,
)

log = logging.getLogger(__name__)

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
_PG_DISK_FULL = "53100"

#: Milliseconds a SQLite connection waits for another one's write lock before "busy".
BUSY_TIMEOUT_MS = 5000
#: The backups folder in the data directory (gatekeeper/services/backup.py writes it), and
#: the file that makes a folder in it a backup.
BACKUPS_DIRNAME = "backups"
BACKUP_MANIFEST = "manifest.json"
#: Written beside the database (``gatekeeper.db.damaged``) when the daily check finds it
#: damaged: the next start checks the whole file, and refuses it while the damage is there.
DAMAGED_MARKER_SUFFIX = ".damaged"
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Tables that every start reads: checked at each start whatever the database's size.
START_TABLES = ("alembic_version", "settings", "sites", "gates", "signing_keys", "users")
#: Up to this size (database and WAL together) a start checks the whole file with
#: ``PRAGMA quick_check`` (under 0.1 s on the build machine); a larger one gets its header,
#: its schema and the start tables checked (1-15 ms with a million events, where the whole
#: file, 865 MB, takes 5-13 s), and the whole file is checked daily by the backup.
FULL_CHECK_MAX_BYTES = 16 * 2**20


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        database = parsed.database
        path = Path(database) if database and database != ":memory:" else None
        event.listen(engine, "handle_error", _translate_errors(path))
        return engine
    connect_args = _pg_connect_args(parsed) if parsed.get_backend_name() == "postgresql" else {}
    try:
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
        event.listen(engine, "handle_error", _translate_errors(None))
        return engine
    except ImportError as exc:
        raise UserError(
            f"The database driver for {parsed.drivername} is not installed ({exc}). For "
            "PostgreSQL install psycopg 3: pip install 'psycopg[binary]'."
        ) from exc
    except ArgumentError as exc:  # an unknown dialect or driver name
        raise UserError(f"Unusable database URL {parsed.render_as_string()}: {exc}") from exc


# --- failures of the machine, as UserErrors -----------------------------------------------


class DatabaseDamaged(UserError):
    """The SQLite file is not a database, or a check found it damaged. The message names the
    newest backup and the command that restores it; the file itself is never changed."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(damaged_message(path, problem))


def backups_dir_of(database: Path) -> Path:
    """Where the backups of the database file ``database`` go: beside it, in ``backups/``."""
    return database.parent / BACKUPS_DIRNAME


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder`` (folders holding a manifest and a database), oldest first:
    their names begin with the date (and time) they were made."""
    try:
        found = [
            entry for entry in folder.iterdir()
            if not entry.name.startswith(".") and (entry / BACKUP_MANIFEST).is_file()
            and (entry / DB_FILENAME).is_file()
        ]
    except OSError:
        return []
    return sorted(found, key=lambda entry: entry.name)


def _quote(argument: str) -> str:
    """An argument as the shell of this system reads it back."""
    if os.name != "nt":
        return shlex.quote(argument)
    return f'"{argument}"' if any(ch in argument for ch in ' \t&()^%!"') else argument


def restore_command(database: Path, backup: Path) -> str:
    """The command line that puts ``backup`` back in place of the SQLite file ``database``."""
    parts = ["gatekeeper", "--data-dir", _quote(str(database.parent))]
    if database.name != DB_FILENAME:
        parts += ["--database", _quote(sqlite_url(database))]
    return " ".join([*parts, "restore", _quote(str(backup))])


def damaged_message(database: Path, problem: str) -> str:
    found = list_backups(backups_dir_of(database))
    head = (
        f"The database {database} cannot be read: it is not a gatekeeper database or it is "
        f"damaged ({problem}). It was left exactly as it is."
    )
    if not found:
        return (
            f"{head} No backup was found in {backups_dir_of(database)}: restore the data folder "
            "from a copy kept elsewhere, or ask whoever looks after this gate before starting "
            "afresh."
        )
    newest = found[-1]
    return (
        f"{head} The newest backup is {newest}. Close every gatekeeper window on this computer, "
        f"then restore it with:\n\n    {restore_command(database, newest)}\n\n(the damaged "
        "file is kept, in a before-restore folder beside it; records made since that backup "
        "are not in the backup)."
    )


def busy_message(where: str) -> str:
    return (
        f"The database {where} is busy: another gatekeeper (or another program) is writing to "
        f"it and did not finish within {BUSY_TIMEOUT_MS // 1000} seconds. {NOTHING_LOST} Try "
        "again in a moment; if it stays busy, close the other program using this data folder."
    )


def not_writable_message(database: Path | None) -> str:
    folder = str(database.parent) if database is not None else "the data folder"
    where = str(database) if database is not None else "the database"
    return (
        f"gatekeeper cannot write the database {where}: the data folder {folder} or its files "
        f"are read-only for {current_user()}. {NOTHING_LOST} Give {current_user()} write "
        "access to that folder and its files, or start gatekeeper as the user who owns them."
    )


_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


def user_error_from_sqlite(exc: BaseException, database: Path | None) -> UserError | None:
    """The UserError for a SQLite error that the machine caused (full disk, a lock held too
    long, a read-only or damaged file), or None for any other (a bug)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    primary = code & 0xFF
    where = str(database) if database is not None else "the database"
    if primary == _SQLITE_FULL:
        return DiskFull(disk_full_message(f"the database {where}"))
    if primary == _SQLITE_IOERR:
        return DiskFull(
            f"The disk is full, or failing: the database {where} could not be written ({exc}, "
            f"{getattr(exc, 'sqlite_errorname', '')}). {NOTHING_LOST} Free some space on the "
            "disk (or have it checked) and try again."
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusy(busy_message(where))
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return NotWritable(not_writable_message(database))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        if database is None:
            return UserError(f"The database is damaged ({exc}). Restore it from a backup.")
        return DatabaseDamaged(database, str(exc))
    return None


def _translate_errors(database: Path | None) -> Callable[[ExceptionContext], None]:
    """The engine's handle_error hook: machine failures become UserErrors (the transaction
    is rolled back by SQLAlchemy first, so nothing of it is stored)."""

    def handle(context: ExceptionContext) -> None:
        original = context.original_exception
        translated = user_error_from_sqlite(original, database)
        if translated is None and getattr(original, "sqlstate", None) == _PG_DISK_FULL:
            translated = DiskFull(
                f"The database server's disk is full ({original}). {NOTHING_LOST} Ask whoever "
                "looks after the server to free some space, then try again."
            )
        if translated is not None:
            raise translated from original

    return handle


# --- the start check of a SQLite file -------------------------------------------------------


def damaged_marker(database: Path) -> Path:
    return database.with_name(database.name + DAMAGED_MARKER_SUFFIX)


def check_writable(database: Path) -> None:
    """NotWritable unless this user may write the database, its WAL files and its folder
    (SQLite in WAL mode writes beside the file even to read)."""
    wanted = [database.parent, database]
    wanted += [database.with_name(database.name + s) for s in ("-wal", "-shm")]
    for item in wanted:
        if item.exists() and not os.access(item, os.R_OK | os.W_OK):
            raise NotWritable(not_writable_message(database))


def sqlite_file_problem(database: Path, *, full: bool = False) -> str | None:
    """What is wrong with the SQLite file ``database``, or None. Reads it without changing
    it (a read-only connection). Checks the header and size, reads the schema, and runs
    ``PRAGMA quick_check``: on the whole file when ``full`` or when it is small (see
    FULL_CHECK_MAX_BYTES), else on the START_TABLES. Raises the UserError of a failure that
    is not damage (busy, not writable, disk error)."""
    try:
        size = database.stat().st_size
        with database.open("rb") as handle:
            header = handle.read(100)
        wal = database.with_name(database.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
    except PermissionError as exc:
        raise NotWritable(not_writable_message(database)) from exc
    except OSError as exc:
        return f"it cannot be read: {exc.strerror or exc}"
    if size == 0:
        return None  # an empty file is an empty database: the first start sets it up
    if size < len(header) or len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "the file is not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return "its header is damaged"
    if size % page_size:
        return f"its size, {size} bytes, is not a whole number of pages: it is cut short"
    pages = int.from_bytes(header[28:32], "big")
    if header[92:96] == header[24:28] and pages and size < pages * page_size:
        return f"it is cut short: {size // page_size} of its {pages} pages are there"
    whole = full or size + wal_size <= FULL_CHECK_MAX_BYTES
    uri = f"{database.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            tables = {name for (name,) in conn.execute(query)}
            if whole:
                rows = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
            else:
                rows = []
                for table in START_TABLES:
                    if table in tables:
                        rows += [row[0] for row in conn.execute(f"PRAGMA quick_check({table})")]
    except sqlite3.DatabaseError as exc:
        translated = user_error_from_sqlite(exc, database)
        if translated is not None and not isinstance(translated, DatabaseDamaged):
            raise translated from exc
        return str(exc)
    return describe_check(rows)


def describe_check(rows: list[str]) -> str | None:
    """The problems in the rows of ``PRAGMA quick_check`` or ``integrity_check`` on one line,
    or None when they say "ok". (One row may hold several lines: "*** in database main ***",
    then "Page 7: ...".)"""
    bad = [row for row in rows if row != "ok"]
    if not bad:
        return None
    problems = [
        line.strip() for row in bad for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ] or [" ".join(bad)]
    more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def copy_before_migrating(path: Path, head: str | None) -> Path:
    """Copy the SQLite database ``path`` aside before its schema changes, as
    ``NAME.pre-HEAD-STAMP.bak``, and return the copy. SQLite's backup reads the transactions
    still in the WAL too (after a crash they are not in the file yet, and a copy of the file
    alone would lack them); the copy is written under a temporary name and renamed once it is
    whole and on disk, so a crash while copying leaves no partial backup behind (the next
    start removes the temporary file and copies again)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.pre-{head}-{stamp}.bak")
    partial = path.with_name(f"{path.name}.pre-{head}.bak.partial")
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    with closing(sqlite3.connect(path, timeout=5)) as source, closing(
        sqlite3.connect(partial)
    ) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    if os.name == "posix":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return target


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
        self._checked = False

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

    def check(self) -> None:
        """Once per handle, before the first use of an existing SQLite file: NotWritable when
        this user may not write it, DatabaseDamaged when it is not a database or a check
        fails (see :func:`sqlite_file_problem`; the whole file when the daily check left a
        marker). The file is never changed. Nothing to do for PostgreSQL or a new file."""
        path = self.sqlite_path
        if self._checked or path is None or not path.exists():
            return
        check_writable(path)
        marker = damaged_marker(path)
        problem = sqlite_file_problem(path, full=marker.exists())
        if problem is not None:
            log.info("The database %s is damaged: %s", path, problem)
            raise DatabaseDamaged(path, problem)
        if marker.exists():
            log.warning("The database %s passes its check again: %s removed", path, marker)
            marker.unlink(missing_ok=True)
        self._checked = True

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
            path = self.sqlite_path
            if path is not None:
                raise DatabaseDamaged(path, str(exc.orig)) from exc
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
        migrating at the same time waits, then finds the work done. An existing SQLite file is
        checked first (:meth:`check`)."""
        self.check()
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
            copy_before_migrating(path, head)
        cfg = alembic_config(self.engine)
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    # Python's sqlite3 begins a transaction only before INSERT, UPDATE or
                    # DELETE: left to it, every CREATE and DROP of a migration commits on its
                    # own, and a crash between two leaves a schema that its recorded revision
                    # does not describe, which no later start can upgrade ("table ... already
                    # exists"). One explicit transaction makes the upgrade all or nothing;
                    # IMMEDIATE makes a second program that migrates at the same time wait,
                    # then find the work done (Alembic reads the revision inside it).
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif self.is_postgresql:
                    # Alembic reads the schema version again once the lock is granted.
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK}
                    )
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                conn.commit()
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
