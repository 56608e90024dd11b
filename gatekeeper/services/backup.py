"""Backups of the data directory, made while gatekeeper runs, and putting one back.

A backup is a folder ``DATA_DIR/backups/YYYY-MM-DD/`` holding:

- ``gatekeeper.db``: a consistent copy of the SQLite database made with SQLite's online
  backup (``sqlite3.Connection.backup``) from a read-only connection. In WAL mode it never
  blocks a screening being recorded; the copy is a single file (journal mode DELETE).
- ``keys/``: the site's and the gate's keys (the signing key issues badges: whoever holds a
  backup holds it too, so keep backups as safe as the data directory).
- ``ui.ini``: this computer's screen settings, when there are any.
- ``manifest.json``: when and by which release it was made, the schema revision, and the size
  and SHA-256 of every file.

Each backup is checked before it counts: ``PRAGMA integrity_check`` on the copy (a copy made
page by page, so a damaged copy means a damaged database: the database is then marked for a
full check at the next start, see gatekeeper/storage/database.py). Only then is it moved into
place and are old ones rotated out: the newest ``backup.keep`` daily folders stay (7 unless the
setting says otherwise). The kiosk, the console and the home window make the day's backup in
a thread when they start (:meth:`BackupService.daily`, at most once a day, several programs
starting at once make one); ``gatekeeper backup`` makes one at any time and ``gatekeeper
restore BACKUP`` puts one back (:meth:`BackupService.restore`), refusing while any program
has the database open. Both are recorded in the audit trail.

A central PostgreSQL database is not backed up here: the server has its own backups
(pg_dump, or the hosting's), and the keys of the data directory are the only local files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from gatekeeper import __version__
from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.errors import DiskFull, UserError, disk_full_message, user_error_from_os
from gatekeeper.services import audit
from gatekeeper.services.setup import default_actor
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import (
    BACKUP_MANIFEST,
    BUSY_TIMEOUT_MS,
    DB_FILENAME,
    Database,
    backups_dir_of,
    damaged_marker,
    describe_check,
    list_backups,
    sqlite_file_problem,
    user_error_from_sqlite,
)

log = logging.getLogger(__name__)

#: The settings key holding how many daily backups to keep.
KEEP_SETTING = "backup.keep"
DEFAULT_KEEP = 7
MAX_KEEP = 366
#: The UI settings file of the data directory (gatekeeper/app.py writes it).
UI_SETTINGS_FILE = "ui.ini"
MANIFEST_FORMAT = 1
_DAILY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCK_NAME = ".lock"
#: SQLite's locks (its unix VFS): the "dead man switch" byte of the -shm file, read-locked by
#: every connection that has the database open in WAL mode; and the lock bytes of the file.
_SHM_DMS_BYTE = 128
_PENDING_BYTE = 0x40000000
_LOCK_BYTES = 2 + 510  # reserved, pending's neighbour and the shared range


class BackupSkipped(UserError):
    """No backup is made of this database (a PostgreSQL server)."""


class BackupCancelled(Exception):
    """:meth:`BackupService.cancel` stopped a backup half-way; nothing of it was kept."""


class DatabaseInUse(UserError):
    """The database is open in another program: it cannot be replaced now."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime | None
    size_bytes: int
    schema: str | None
    version: str | None


@dataclass(frozen=True)
class BackupResult:
    """What a backup did. ``path`` is None when none was made (``message`` says why)."""

    path: Path | None
    message: str
    size_bytes: int = 0
    removed: tuple[Path, ...] = ()
    seconds: float = 0.0

    @property
    def made(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    made_at: datetime | None
    #: Where the files it replaced were moved (nothing is deleted).
    previous: Path
    moved: tuple[str, ...] = field(default=())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # folders cannot be opened there; NTFS journals the names itself
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ro_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


@contextlib.contextmanager
def _try_lock(path: Path) -> Iterator[bool]:
    """An exclusive lock on the file ``path`` (made if missing) while the block runs; True
    when it was taken, False when another process holds it."""
    handle: IO[bytes] = path.open("a+b")
    taken = False
    try:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            taken = True
        except OSError:
            taken = False
        yield taken
    finally:
        handle.close()  # releases the lock


class BackupService:
    """Backups of one data directory and its database."""

    def __init__(
        self,
        db: Database,
        paths: Paths,
        *,
        clock: Clock = utc_now,
        keep: int | None = None,
    ) -> None:
        self.db = db
        self.paths = paths
        self.clock = clock
        #: Overrides the setting (tests).
        self._keep = keep
        self._cancel = threading.Event()
        self._busy: sqlite3.Connection | None = None  # the connection a cancel interrupts
        self._busy_lock = threading.Lock()

    # --- where and how many -------------------------------------------------------------------

    @property
    def backups_dir(self) -> Path:
        path = self.db.sqlite_path
        return backups_dir_of(path) if path is not None else self.paths.data_dir / "backups"

    def backups(self) -> list[BackupInfo]:
        """The backups in the backups folder, oldest first."""
        return [self.info(path) for path in list_backups(self.backups_dir)]

    @staticmethod
    def info(path: Path) -> BackupInfo:
        manifest = _read_manifest(path)
        made = manifest.get("made_at")
        files = manifest.get("files", {})
        return BackupInfo(
            path=path,
            made_at=datetime.fromisoformat(made) if isinstance(made, str) else None,
            size_bytes=sum(int(f.get("size", 0)) for f in files.values()),
            schema=manifest.get("schema"),
            version=manifest.get("gatekeeper"),
        )

    def keep(self) -> int:
        """How many daily backups are kept (the ``backup.keep`` setting, default 7)."""
        if self._keep is not None:
            return self._keep
        with self.db.session() as session:
            value = repo.get_setting(session, KEEP_SETTING)
        try:
            return max(1, min(MAX_KEEP, int(value))) if value is not None else DEFAULT_KEEP
        except ValueError:
            return DEFAULT_KEEP

    def set_keep(self, count: int, *, actor: str | None = None) -> int:
        if not 1 <= count <= MAX_KEEP:
            raise UserError(f"Keep between 1 and {MAX_KEEP} daily backups.")
        with self.db.session() as session:
            before = repo.get_setting(session, KEEP_SETTING)
            repo.put_setting(session, KEEP_SETTING, str(count))
            audit.record(
                session, at=self.clock(), actor=actor or default_actor(),
                action="settings.update", entity="setting", entity_id=KEEP_SETTING,
                details={"before": before, "after": str(count)},
            )
        self._keep = None
        return count

    def _local_day(self) -> str:
        return self.clock().astimezone().date().isoformat()

    def _require_sqlite(self) -> Path:
        path = self.db.sqlite_path
        if path is None:
            raise BackupSkipped(
                f"The database is a central server ({self.db.url_for_humans()}): gatekeeper "
                "backs up only a gate's own SQLite database. Back the server up where it runs "
                "(pg_dump, or the server's own backups), and keep the keys folder "
                f"{self.paths.keys_dir} safe."
            )
        if not path.exists():
            raise UserError(f"There is no database to back up yet at {path}.")
        return path

    # --- making one ---------------------------------------------------------------------------

    def daily(self, *, actor: str = "system:backup") -> BackupResult:
        """Today's backup in the backups folder, unless it is made already, or another program
        is making it now, or the database is on a server: those are results, not errors.
        UserError when it cannot be made (a full disk) or the check finds damage."""
        path = self.db.sqlite_path
        if path is None:
            return BackupResult(None, "Not backed up here: the database is a central server, "
                                      "which has backups of its own.")
        if not path.exists():
            return BackupResult(None, "Nothing to back up yet: there is no database.")
        day = self._local_day()
        if (self.backups_dir / day / BACKUP_MANIFEST).exists():
            return BackupResult(None, f"Today's backup is already made: {self.backups_dir / day}")
        result = self._make(self.backups_dir, day, rotate=True, actor=actor, replace=False)
        return result

    def make(self, out: Path | None = None, *, actor: str | None = None) -> BackupResult:
        """A backup now: today's in the backups folder (replacing one made earlier today, then
        rotating), or with ``out`` a new folder ``gatekeeper-backup-DATE-TIME`` in that folder
        (not rotated)."""
        actor = actor or default_actor()
        if out is None:
            return self._make(self.backups_dir, self._local_day(), rotate=True, actor=actor,
                              replace=True)
        if not out.is_dir():
            raise UserError(f"The folder {out} does not exist.")
        stamp = self.clock().astimezone().strftime("%Y-%m-%d-%H%M%S")
        return self._make(out, f"gatekeeper-backup-{stamp}", rotate=False, actor=actor,
                          replace=False)

    def cancel(self) -> None:
        """Stop a backup running on another thread as soon as possible (the application is
        closing); it raises BackupCancelled there and leaves nothing behind."""
        self._cancel.set()
        with self._busy_lock:
            if self._busy is not None:
                self._busy.interrupt()

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise BackupCancelled()

    @contextlib.contextmanager
    def _interruptible(self, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        with self._busy_lock:
            self._busy = conn
        try:
            yield conn
        finally:
            with self._busy_lock:
                self._busy = None

    def _make(
        self, folder: Path, name: str, *, rotate: bool, actor: str, replace: bool
    ) -> BackupResult:
        source = self._require_sqlite()
        started = datetime.now(UTC)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with _try_lock(folder / _LOCK_NAME) as locked:
                if not locked:
                    return BackupResult(None, "Another gatekeeper is making a backup now.")
                final = folder / name
                if final.exists() and not replace:
                    return BackupResult(None, f"The backup {final} is already made.")
                size = self._build(source, folder, final)
                removed = self._rotate(folder, keep=final) if rotate else ()
        except BackupCancelled:
            raise
        except OSError as exc:
            raise _backup_error(exc, folder) from exc
        seconds = (datetime.now(UTC) - started).total_seconds()
        message = f"Backup made: {final} ({size / 1e6:.1f} MB, checked, {seconds:.1f} s)"
        if removed:
            message += f"; {len(removed)} older one{'s' if len(removed) > 1 else ''} removed"
        log.info("%s", message)
        self._audit(actor, "backup.create", {
            "path": str(final), "bytes": size, "integrity": "ok",
            "removed": [p.name for p in removed], "seconds": round(seconds, 1),
        })
        return BackupResult(final, message, size, removed, seconds)

    def _build(self, source: Path, folder: Path, final: Path) -> int:
        """Make the backup in a hidden folder beside ``final``, check it, and move it there.
        Returns its size in bytes. Nothing is left behind when anything fails."""
        staging = folder / f".partial-{final.name}-{os.getpid()}-{threading.get_ident()}"
        old = folder / f".old-{final.name}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        try:
            self._check_cancel()
            copy = staging / DB_FILENAME
            schema = self._copy_database(source, copy)
            self._check_cancel()
            files = [copy]
            keys = self.paths.keys_dir
            if keys.is_dir():
                shutil.copytree(keys, staging / keys.name, copy_function=shutil.copy2)
                files += sorted(p for p in (staging / keys.name).rglob("*") if p.is_file())
            ui = self.paths.data_dir / UI_SETTINGS_FILE
            if ui.is_file():
                shutil.copy2(ui, staging / UI_SETTINGS_FILE)
                files.append(staging / UI_SETTINGS_FILE)
            for path in files:
                _fsync_file(path)
            self._verify_copy(source, copy)
            manifest = {
                "format": MANIFEST_FORMAT,
                "made_at": self.clock().astimezone(UTC).isoformat(),
                "gatekeeper": __version__,
                "source": str(self.paths.data_dir),
                "database": DB_FILENAME,
                "schema": schema,
                "integrity": "ok",
                "files": {
                    path.relative_to(staging).as_posix(): {
                        "size": path.stat().st_size, "sha256": _sha256(path),
                    }
                    for path in files
                },
            }
            (staging / BACKUP_MANIFEST).write_text(
                json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
            )
            _fsync_file(staging / BACKUP_MANIFEST)
            _fsync_dir(staging)
            self._check_cancel()
            if final.exists():
                os.replace(final, old)
            os.replace(staging, final)
            _fsync_dir(folder)
            return sum(path.stat().st_size for path in final.rglob("*") if path.is_file())
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)

    def _copy_database(self, source: Path, copy: Path) -> str | None:
        """SQLite's online backup of ``source`` into ``copy`` (a single file, journal mode
        DELETE); the schema revision of the copy."""
        _lower_priority()
        timeout = BUSY_TIMEOUT_MS / 1000
        try:
            with contextlib.closing(
                sqlite3.connect(_ro_uri(source), uri=True, timeout=timeout)
            ) as src, contextlib.closing(sqlite3.connect(copy)) as dst:
                # In one step: the read transaction it holds does not stop writers (WAL),
                # whereas a backup in steps starts again whenever another program writes.
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                row = dst.execute(
                    "SELECT version_num FROM alembic_version"
                ).fetchone() if _has_table(dst, "alembic_version") else None
                return str(row[0]) if row else None
        except sqlite3.Error as exc:
            if self._cancel.is_set():
                raise BackupCancelled() from exc
            translated = user_error_from_sqlite(exc, source)
            if isinstance(translated, DiskFull):  # writing the copy: the backups' disk
                full = disk_full_message(f"the backup in {copy.parent.parent}")
                raise DiskFull(
                    f"No backup was made: {_lower_first(full)} The older backups were kept."
                ) from exc
            raise (translated or UserError(
                f"The backup of {source} could not be made: {exc}."
            )) from exc

    def _verify_copy(self, source: Path, copy: Path) -> None:
        """``PRAGMA integrity_check`` on the copy; when it fails, the database itself is
        damaged: it is marked for a full check at the next start, and a UserError says so."""
        try:
            with contextlib.closing(sqlite3.connect(_ro_uri(copy), uri=True)) as conn, \
                    self._interruptible(conn):
                rows = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
        except sqlite3.Error as exc:
            if self._cancel.is_set():
                raise BackupCancelled() from exc
            rows = [str(exc)]
        text = describe_check(rows)
        if text is None:
            return
        log.info("The copy of %s fails its integrity check: %s", source, text)
        marker = damaged_marker(source)
        with contextlib.suppress(OSError):
            marker.write_text(
                f"{self.clock().isoformat()} integrity_check of the daily backup: {text}\n",
                encoding="utf-8",
            )
        newest = list_backups(self.backups_dir)
        tail = (
            f" The newest good backup is {newest[-1]}; close every gatekeeper window and "
            f"restore it with: gatekeeper --data-dir {self.paths.data_dir} restore {newest[-1]}"
            if newest else " No earlier backup exists."
        )
        raise UserError(
            f"The daily check found the database {source} damaged ({text}). The damaged copy "
            f"was not kept and the older backups were left as they are.{tail}"
        )

    def _rotate(self, folder: Path, keep: Path) -> tuple[Path, ...]:
        """Remove the oldest daily backups beyond the number to keep (never ``keep``, the one
        just made, whatever its date says: a clock set back makes an "older" one)."""
        daily = [p for p in list_backups(folder) if _DAILY_NAME.match(p.name) and p != keep]
        excess = len(daily) + 1 - self.keep()
        removed: list[Path] = []
        for path in daily[: max(0, excess)]:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
            log.info("Old backup removed: %s", path)
        for leftover in folder.glob(".partial-*"):  # a backup cut short (power, kill)
            if f"-{os.getpid()}-" not in leftover.name:
                shutil.rmtree(leftover, ignore_errors=True)
        return tuple(removed)

    def _audit(self, actor: str, action: str, details: dict[str, Any]) -> None:
        """Record in the audit trail; a database that cannot take it now is only logged."""
        try:
            self.db.migrate()
            with self.db.session() as session:
                audit.record(session, at=self.clock(), actor=actor, action=action,
                             entity="data_dir", entity_id=str(self.paths.data_dir),
                             details=details)
        except UserError as exc:
            log.warning("Could not record %s in the audit trail: %s", action, exc)

    # --- putting one back ---------------------------------------------------------------------

    def resolve(self, name: str | Path) -> Path:
        """The backup folder ``name`` names: a path, or a folder name in the backups folder
        (``2026-11-27``); its manifest file works too."""
        path = Path(name).expanduser()
        if path.name == BACKUP_MANIFEST:
            path = path.parent
        if not path.exists() and not path.is_absolute() and (self.backups_dir / path).exists():
            path = self.backups_dir / path
        if not path.is_dir() or not (path / BACKUP_MANIFEST).is_file():
            found = list_backups(self.backups_dir)
            hint = f" The newest in {self.backups_dir} is {found[-1].name}." if found else ""
            raise UserError(f"{path} is not a gatekeeper backup (a folder with a "
                            f"{BACKUP_MANIFEST}).{hint}")
        return path.resolve()

    def verify(self, backup: Path) -> dict[str, Any]:
        """The backup's manifest once every file matches its size and SHA-256 and the database
        passes ``PRAGMA integrity_check``; UserError naming what does not."""
        manifest = _read_manifest(backup)
        files = manifest.get("files")
        if manifest.get("format") != MANIFEST_FORMAT or not isinstance(files, dict) \
                or DB_FILENAME not in files:
            raise UserError(f"{backup / BACKUP_MANIFEST} is not a manifest this release reads.")
        for name, expected in files.items():
            path = backup / name
            if not path.is_file():
                raise UserError(f"The backup {backup} is incomplete: {name} is missing.")
            if path.stat().st_size != expected.get("size") or _sha256(path) != expected.get(
                "sha256"
            ):
                raise UserError(f"The backup {backup} is damaged: {name} is not the file that "
                                "was backed up (its checksum differs).")
        problem = sqlite_file_problem(backup / DB_FILENAME, full=True)
        if problem is None:
            with contextlib.closing(sqlite3.connect(_ro_uri(backup / DB_FILENAME), uri=True)) \
                    as conn:
                rows = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            problem = describe_check(rows)
        if problem is not None:
            raise UserError(f"The database in the backup {backup} is damaged ({problem}).")
        return manifest

    def restore(self, name: str | Path, *, actor: str | None = None) -> RestoreResult:
        """Put a backup back in place of the database, the keys and the UI settings. Refuses
        (DatabaseInUse) while any program has the database open. The files it replaces are
        moved to ``before-restore-STAMP/`` in the data directory, never deleted; on any
        failure they are moved back. The restored database is checked, then the restore is
        recorded in its audit trail."""
        target = self._require_sqlite_target()
        backup = self.resolve(name)
        manifest = self.verify(backup)
        self.db.dispose()  # this process's own connections: none may stay open
        stamp = self.clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        previous = self.paths.data_dir / f"before-restore-{stamp}"
        moved: list[tuple[Path, Path]] = []
        try:
            with _exclusive_database(target):
                previous.mkdir(parents=True, exist_ok=False)
                companions = [target.with_name(target.name + s) for s in ("-wal", "-journal")]
                for path in [target, *companions, self.paths.keys_dir,
                             self.paths.data_dir / UI_SETTINGS_FILE, damaged_marker(target)]:
                    if path.exists():
                        aside = previous / path.name
                        os.replace(path, aside)
                        moved.append((path, aside))
                target.with_name(target.name + "-shm").unlink(missing_ok=True)
                temp = target.with_name(f".{target.name}.restoring")
                shutil.copy2(backup / DB_FILENAME, temp)
                _fsync_file(temp)
                os.replace(temp, target)
                if (backup / "keys").is_dir():
                    shutil.copytree(backup / "keys", self.paths.keys_dir,
                                    copy_function=shutil.copy2)
                if (backup / UI_SETTINGS_FILE).is_file():
                    shutil.copy2(backup / UI_SETTINGS_FILE, self.paths.data_dir / UI_SETTINGS_FILE)
                _fsync_dir(self.paths.data_dir)
                if _sha256(target) != manifest["files"][DB_FILENAME]["sha256"]:
                    raise UserError(f"The restored {target} differs from the backup.")
                problem = sqlite_file_problem(target, full=True)
                if problem is not None:
                    raise UserError(f"The restored {target} fails its check ({problem}).")
        except BaseException as exc:
            self._put_back(target, moved, previous)
            if isinstance(exc, OSError):
                translated = user_error_from_os(exc, f"the restored files in "
                                                     f"{self.paths.data_dir}")
                if translated is not None:
                    raise type(translated)(
                        f"The backup was not restored: {_lower_first(str(translated))} The "
                        f"files in {self.paths.data_dir} are as they were."
                    ) from exc
            raise
        made = manifest.get("made_at")
        result = RestoreResult(
            backup=backup,
            made_at=datetime.fromisoformat(made) if isinstance(made, str) else None,
            previous=previous,
            moved=tuple(path.name for path, _ in moved),
        )
        log.info("Backup %s restored; the files it replaced are in %s", backup, previous)
        self._audit(actor or default_actor(), "backup.restore", {
            "backup": str(backup), "made_at": made, "previous": str(previous),
            "schema": manifest.get("schema"),
        })
        return result

    def _require_sqlite_target(self) -> Path:
        path = self.db.sqlite_path
        if path is None:
            raise BackupSkipped(
                f"The database is a central server ({self.db.url_for_humans()}): restore it "
                "with the server's own tools (pg_restore), not with gatekeeper."
            )
        return path

    def _put_back(self, target: Path, moved: list[tuple[Path, Path]], previous: Path) -> None:
        """Undo a restore that failed half-way: the files moved aside go back."""
        for path, aside in reversed(moved):
            try:
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
                os.replace(aside, path)
            except OSError:
                log.exception("Could not move %s back to %s", aside, path)
        target.with_name(f".{target.name}.restoring").unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            previous.rmdir()  # only when empty: anything left in it stays


# --- helpers ----------------------------------------------------------------------------------


def _read_manifest(backup: Path) -> dict[str, Any]:
    try:
        data = json.loads((backup / BACKUP_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"The backup manifest {backup / BACKUP_MANIFEST} cannot be read: "
                        f"{exc}.") from exc
    if not isinstance(data, dict):
        raise UserError(f"{backup / BACKUP_MANIFEST} is not a backup manifest.")
    return data


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(query, (name,)).fetchone() is not None


def _backup_error(exc: OSError, folder: Path) -> UserError:
    translated = user_error_from_os(exc, f"the backup in {folder}")
    if isinstance(translated, DiskFull):
        return DiskFull(
            f"No backup was made: {_lower_first(str(translated))} The older backups were kept."
        )
    if translated is not None:
        return UserError(f"No backup was made: {_lower_first(str(translated))}")
    return UserError(f"No backup was made in {folder}: {exc.strerror or exc}.")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _lower_priority() -> None:
    """Let the screening go first: this thread (on Linux, a thread has its own nice value)
    runs at a lower priority. Best effort."""
    if not hasattr(os, "setpriority") or threading.current_thread() is threading.main_thread():
        return
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


@contextlib.contextmanager
def _exclusive_database(path: Path) -> Iterator[None]:
    """Hold SQLite's own locks on the database so that no program has it open or opens it
    while the block runs; DatabaseInUse when one has it open now.

    A connection in WAL mode read-locks one byte of the -shm file (the "dead man switch")
    for as long as it is open, and any transaction locks bytes of the database file: taking
    write locks on both, without waiting, succeeds only when nobody else holds them. (POSIX
    record locks, as SQLite's unix VFS takes them. On Windows, where a file open in another
    program cannot be moved, moving it aside fails instead.)"""
    if sys.platform == "win32":
        try:
            yield
        except PermissionError as exc:
            raise _in_use(path) from exc
        return
    import fcntl

    fds: list[int] = []
    try:
        for name, start, length in (
            (path.name + "-shm", _SHM_DMS_BYTE, 1),
            (path.name, _PENDING_BYTE, _LOCK_BYTES),
        ):
            candidate = path.with_name(name)
            if not candidate.exists():
                continue
            fd = os.open(candidate, os.O_RDWR)
            fds.append(fd)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start, os.SEEK_SET)
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EAGAIN):
                    raise _in_use(path) from exc
                raise
        yield
    finally:
        for fd in fds:
            os.close(fd)  # releases the locks


def _in_use(path: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"The database {path} is open in another program (a kiosk, a console, the web "
        "pages, a sync or another command of this data folder): close it first, then "
        "restore again. Nothing was changed."
    )


def run_daily(
    service: BackupService,
    *,
    on_done: Callable[[BackupResult], None] | None = None,
) -> threading.Thread:
    """Start today's backup on a thread of its own (named "backup"); stop it with
    ``service.cancel()`` then ``join()``. A UserError (a full disk, damage found) is raised
    out of the thread, where the application's thread hook shows it; a cancelled backup is
    only logged."""

    def work() -> None:
        try:
            result = service.daily()
        except BackupCancelled:
            log.info("The daily backup was cancelled: gatekeeper is closing")
            return
        log.info("%s", result.message)
        if on_done is not None:
            on_done(result)

    thread = threading.Thread(target=work, name="backup", daemon=True)
    thread.start()
    return thread
