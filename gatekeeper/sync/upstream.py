"""Pushing this installation's sync files straight to the central PostgreSQL database, and
pulling the site's registry back: what ``gatekeeper sync --upstream URL [--watch]`` runs.

The design reuses the sync files (docs/decisions/0003-sync-files.md) end to end:

- *Spool.* Pending records are exported into ``DATA_DIR/outbox`` with the ordinary exporter.
  A file stays there until the central side has committed it, so a crash between export and
  delivery loses nothing; a crash after the export but before its state is saved exports the
  same range again, which the central side imports as a no-op.
- *Delivery.* Each outbox file is imported into the central database by the ordinary
  importer (signature, checks, one transaction per file, idempotent by record id and by file
  hash). A connection cut in the middle of a file rolls the whole file back; the next attempt
  imports it again. The file leaves the outbox only after the import committed (or the
  central side reported it already had it). Delivery is therefore at least once, and the
  writes are idempotent: every record ends up exactly once.
- *Gaps.* When the central side misses a range (its database was restored from a backup, an
  outbox file was deleted by hand) the importer reports the file as waiting; the pusher then
  exports again from the first sequence number the central side lacks.
- *Registry.* Registry files must be signed with the site's private key, which a gate never
  holds. Whoever holds it (``site_paths``: the site's data folder, on the officer's machine
  or a relay) *publishes*: :meth:`Upstream.publish` exports the central database's registry
  changes as ordinary registry files and keeps each, signed, in the central table
  ``sync_published`` (``export-sync`` on the site keeps them there too). A gate *pulls*:
  :meth:`Upstream.pull` downloads the published files above the serial number it has and
  imports them unchanged, verified with the site's public key like a file carried by hand.
- *Watch.* :meth:`Upstream.run` repeats rounds; errors of the network or of the server are
  recorded (``status().last_error``) and retried with exponential backoff (1 s to 5 min,
  full jitter), never raised out of the loop. It runs in its own thread beside the kiosk and
  never holds a lock screening needs: the local database is read in short transactions.

One installation sends its records to one destination: the outbox is consumed by either
``--upstream`` or ``--post`` (sync/post.py), not both.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL
from sqlalchemy.exc import SQLAlchemyError

from gatekeeper.config import Paths
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.storage.database import Database, parse_url
from gatekeeper.sync import store
from gatekeeper.sync.exporter import SUFFIX, SyncExporter
from gatekeeper.sync.identity import SITE, load_signer, role_of
from gatekeeper.sync.importer import IMPORT, ImportReport, Status, SyncImporter
from gatekeeper.sync.manifest import RECORDS, REGISTRY, Manifest
from gatekeeper.sync.reader import Rejected, open_sync_file
from gatekeeper.sync.service import SyncService

log = logging.getLogger(__name__)

OUTBOX = "outbox"
INBOX = "inbox"
REJECTED = "rejected"
STATUS_FILE = "status.json"
MIN_BACKOFF = 1.0
MAX_BACKOFF = 300.0
#: Seconds between rounds in watch mode when the last round succeeded.
IDLE_INTERVAL = 10.0
#: Attempts of one run without --watch before it gives up and reports the error.
ONCE_ATTEMPTS = 5
#: Registry files read from the central database at a time when pulling.
PULL_BATCH = 20


class DeliveryError(Exception):
    """A batch could not be delivered this time (network, server, or the central side's
    answer); retried later. ``permanent`` when retrying the same batch cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


# --- the spool ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    path: Path
    manifest: Manifest

    @property
    def records(self) -> int:
        return self.manifest.total_records


class Outbox:
    """``DATA_DIR/outbox``: sync files exported and not yet delivered; ``rejected/`` below it
    holds the files a destination refused for good."""

    def __init__(self, paths: Paths) -> None:
        self.folder = paths.data_dir / OUTBOX

    @property
    def rejected_folder(self) -> Path:
        return self.folder / REJECTED

    def fill(self, sync: SyncService, *, since_seq: int | None = None) -> int:
        """Export what has not been exported yet into the outbox; how many files."""
        return len(sync.export(self.folder, since_seq=since_seq))

    def pending(self) -> list[Pending]:
        """Files waiting for delivery, registry first, then records in sequence order.
        Unreadable files (damaged on disk) are moved to ``rejected/``."""
        if not self.folder.is_dir():
            return []
        found: list[Pending] = []
        for path in self.folder.iterdir():
            if path.name.startswith(".") or not path.name.endswith(SUFFIX) or not path.is_file():
                continue
            try:
                with open_sync_file(path) as sync_file:
                    found.append(Pending(path, sync_file.manifest))
            except Rejected as exc:
                log.error("outbox file %s is unreadable (%s): set aside", path, exc.reason)
                self.reject(path)
        found.sort(key=lambda p: (p.manifest.stream != REGISTRY, p.manifest.first_seq,
                                  p.manifest.last_seq, p.path.name))
        return found

    def done(self, path: Path) -> None:
        """The destination has the file: it leaves the outbox."""
        path.unlink(missing_ok=True)

    def reject(self, path: Path) -> Path:
        self.rejected_folder.mkdir(parents=True, exist_ok=True)
        target = self.rejected_folder / path.name
        os.replace(path, target)
        return target

    def rejected(self) -> list[Path]:
        if not self.rejected_folder.is_dir():
            return []
        return sorted(p for p in self.rejected_folder.iterdir() if p.name.endswith(SUFFIX))


# --- status ---------------------------------------------------------------------------------


@dataclass
class SyncStatus:
    """What the kiosk's status line shows, and ``gatekeeper sync --status`` prints."""

    destination: str
    pending_files: int = 0
    #: Records in the outbox plus records not exported yet.
    pending_records: int = 0
    rejected_files: int = 0
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    #: The next attempt in watch mode after an error (None: not waiting on an error).
    retry_at: datetime | None = None
    delivered_files: int = 0

    @property
    def ok(self) -> bool:
        return self.last_error is None

    def to_json(self) -> dict[str, Any]:
        doc = asdict(self)
        for key in ("last_success", "last_error_at", "retry_at"):
            value = doc[key]
            doc[key] = None if value is None else value.isoformat()
        doc["ok"] = self.ok
        return doc

    def line(self) -> str:
        """One short line for the kiosk."""
        when = "never" if self.last_success is None else self.last_success.strftime("%H:%M")
        text = f"sync: {self.pending_records} pending, last success {when}"
        if self.rejected_files:
            text += f", {self.rejected_files} refused"
        if self.last_error:
            text += f"; error: {self.last_error[:80]}"
        return text


def unexported_records(sync: SyncService) -> int:
    """Sequence numbers this installation has used but not exported yet."""
    from gatekeeper.storage.models import Gate

    with sync.db.session() as session:
        gate = session.get(Gate, sync.installation.gate_id)
        used = 0 if gate is None else gate.next_seq - 1
        state = store.get_state(session, RECORDS, sync.installation.gate_id, "export")
        exported = 0 if state is None else state.last_seq
    return max(0, used - exported)


def _write_status(path: Path, status: SyncStatus) -> None:
    """Atomically, so another process (``gatekeeper sync --status``) reads it whole."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(status.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


def read_status(paths: Paths) -> dict[str, Any] | None:
    """The status the last sync run wrote (any process), or None."""
    try:
        doc = json.loads((paths.data_dir / OUTBOX / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


# --- backoff and the loop -------------------------------------------------------------------


@dataclass
class Backoff:
    """Exponential backoff with full jitter: attempt n waits a random time up to
    min(maximum, base * 2**n)."""

    base: float = MIN_BACKOFF
    maximum: float = MAX_BACKOFF
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.maximum, self.base * (2.0 ** min(self.failures, 30)))
        self.failures += 1
        return max(self.base, self.rng.uniform(0.0, ceiling))

    def reset(self) -> None:
        self.failures = 0


#: Errors one round may meet that are about the network, the server or the destination's
#: answer: recorded and retried, never raised out of the loop.
TRANSIENT: tuple[type[BaseException], ...] = (
    SQLAlchemyError, OSError, DeliveryError, UserError, TimeoutError,
)


class Round:
    """One destination's round: deliver what is pending. Subclassed by Upstream and Poster."""

    def __init__(self, sync: SyncService, destination: str, clock: Callable[[], datetime]
                 ) -> None:
        self.sync = sync
        self.outbox = Outbox(sync.paths)
        self._status = SyncStatus(destination)
        self._lock = threading.Lock()
        self.clock = clock
        self.backoff = Backoff()
        self._snapshot: SyncStatus | None = None
        self._nudged = threading.Event()
        #: The last round failed in a way retrying cannot mend (a refused batch, the wrong
        #: central database): a run without --watch stops at once.
        self.permanent = False

    # subclasses ------------------------------------------------------------------------------

    def sync_round(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    # shared ----------------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        """The status now: pending counts are read afresh (cheap: manifests only)."""
        try:
            pending = self.outbox.pending()
            unexported = unexported_records(self.sync)
        except (SQLAlchemyError, OSError):
            pending, unexported = [], 0
        with self._lock:
            self._status.pending_files = len(pending)
            self._status.pending_records = sum(p.records for p in pending) + unexported
            self._status.rejected_files = len(self.outbox.rejected())
            return SyncStatus(**asdict(self._status))

    def _succeeded(self) -> None:
        with self._lock:
            self._status.last_success = self.clock()
            self._status.last_error = None
            self._status.last_error_at = None
            self._status.retry_at = None
        self.backoff.reset()

    def _failed(self, message: str) -> None:
        with self._lock:
            self._status.last_error = message
            self._status.last_error_at = self.clock()

    def _delivered(self, n: int = 1) -> None:
        with self._lock:
            self._status.delivered_files += n

    def _save_status(self) -> SyncStatus:
        status = self.status()
        _write_status(self.outbox.folder / STATUS_FILE, status)
        with self._lock:
            self._snapshot = status
        return status

    def nudge(self) -> None:
        """Something new is waiting (the kiosk just recorded a screening): in watch mode,
        start the next round now rather than at the end of the idle interval. A nudge does
        not cut short the backoff after an error."""
        self._nudged.set()

    def _idle(self, stop: threading.Event, seconds: float) -> bool:
        """Wait up to ``seconds`` or until nudged; True when ``stop`` was set."""
        deadline = time.monotonic() + seconds
        while not stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self._nudged.wait(min(left, 0.25)):
                self._nudged.clear()
                return stop.is_set()
        return True

    def snapshot(self) -> SyncStatus | None:
        """The status as of the end of the last round, without reading anything (the
        kiosk's status line polls it on the GUI thread); None before the first round."""
        with self._lock:
            return self._snapshot

    def close(self) -> None:
        """Release what the destination holds (connections)."""

    def once(self) -> SyncStatus:
        """One round; an error is recorded in the status, not raised."""
        try:
            self.sync_round()
        except TRANSIENT as exc:
            self.permanent = isinstance(exc, DeliveryError) and exc.permanent
            message = _describe(exc)
            log.warning("sync to %s failed: %s", self._status.destination, message)
            self._failed(message)
        else:
            self.permanent = False
            self._succeeded()
        return self._save_status()

    def run(
        self,
        watch: bool = False,
        stop: threading.Event | None = None,
        *,
        interval: float = IDLE_INTERVAL,
        attempts: int = ONCE_ATTEMPTS,
        sleep: Callable[[threading.Event, float], bool] | None = None,
    ) -> SyncStatus:
        """Without ``watch``: rounds until one succeeds, at most ``attempts``, with backoff
        in between; returns the status (``ok`` False when every attempt failed). With
        ``watch``: rounds until ``stop`` is set, ``interval`` seconds apart while all goes
        well, backing off after errors. Network and server errors never escape; a bug does
        (it is logged with its traceback first)."""
        stop = stop or threading.Event()
        wait = sleep or (lambda event, seconds: event.wait(seconds))
        tries = 0
        while not stop.is_set():
            try:
                status = self.once()
            except Exception:
                log.exception("sync round failed with an unexpected error")
                if not watch:
                    raise
                self._failed("internal error (see the log)")
                status = self._save_status()
            tries += 1
            pause = wait
            if status.ok:
                if not watch:
                    return status
                delay = interval
                if sleep is None:
                    pause = self._idle  # a nudge starts the next round early
            else:
                if not watch and (tries >= attempts or self.permanent):
                    return status
                delay = self.backoff.next_delay()
                with self._lock:
                    self._status.retry_at = _later(self.clock(), delay)
            if pause(stop, delay):
                break
        return self.status()

    def start_thread(self, stop: threading.Event, **kwargs: Any) -> threading.Thread:
        """The watch loop in a daemon thread (for the kiosk); set ``stop`` and join it."""
        thread = threading.Thread(
            target=self.run, args=(True, stop), kwargs=kwargs, name="gatekeeper-sync",
            daemon=True,
        )
        thread.start()
        return thread


def _later(now: datetime, seconds: float) -> datetime:
    from datetime import timedelta

    return now + timedelta(seconds=seconds)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        text = str(orig) if orig is not None else str(exc).splitlines()[0]
        return f"database: {' '.join(text.split())[:300]}"
    return " ".join(str(exc).split())[:300] or type(exc).__name__


# --- the central database -------------------------------------------------------------------


def central_url(url: str) -> URL:
    """The URL checked: a PostgreSQL URL (or SQLite, for trials); anything else is a
    UserError."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend not in ("postgresql", "sqlite"):
        raise UserError(
            f"'{parsed.render_as_string()}' is not a PostgreSQL URL. Use "
            "postgresql://user:password@host:5432/gatekeeper."
        )
    if backend == "postgresql" and not parsed.database:
        raise UserError(f"The URL '{parsed.render_as_string()}' names no database.")
    return parsed


@dataclass(frozen=True)
class PullResult:
    #: Registry items added or changed here.
    imported: int
    skipped: str = ""
    report: ImportReport | None = None
    #: Registry files imported.
    files: int = 0


class Upstream(Round):
    """Push this installation's records to the central database, pull the registry back.

    ``local`` is this installation's SyncService; ``url`` the central database (the site's
    installation, migrated and initialised there). ``site_paths``: the site's data folder
    when this process holds the site key (the site's own machine, or a relay); only then can
    :meth:`pull` sign registry files."""

    def __init__(
        self,
        local: SyncService,
        url: str,
        *,
        site_paths: Paths | None = None,
        clock: Callable[[], datetime] | None = None,
        actor: str | None = None,
    ) -> None:
        parsed = central_url(url)
        super().__init__(local, parsed.render_as_string(), clock or local.clock)
        self.central = Database(parsed.render_as_string(hide_password=False))
        self.site_paths = site_paths
        self.actor = actor or "sync:upstream"
        self._central_installation: Installation | None = None
        #: Called with each outbox file just before it is imported centrally (tests use it).
        self.before_import: Callable[[Path], None] | None = None

    def close(self) -> None:
        self.central.dispose()

    def central_installation(self) -> Installation:
        if self._central_installation is None:
            found = SetupService(self.central, self.sync.paths).installation()
            if found is None:
                raise DeliveryError(
                    f"the central database {self.central.url_for_humans()} holds no site: "
                    "initialise the site there first", permanent=True,
                )
            if found.site_id != self.sync.installation.site_id:
                raise DeliveryError(
                    f"the central database belongs to site '{found.site_name}', not to this "
                    f"installation's site '{self.sync.installation.site_name}'",
                    permanent=True,
                )
            self._central_installation = found
        return self._central_installation

    def _importer(self) -> SyncImporter:
        installation = self.central_installation()
        with self.central.session() as session:
            role = role_of(session)
        return SyncImporter(self.central, installation, role, self.clock, self.actor)

    def central_coverage(self) -> int:
        """The last sequence number of this gate the central side has without a gap."""
        with self.central.session() as session:
            state = store.get_state(session, RECORDS, self.sync.installation.gate_id, IMPORT)
            return 0 if state is None else state.last_seq

    # --- push -------------------------------------------------------------------------------

    def sync_round(self) -> None:
        self.push()
        self.publish()
        self.pull()

    def push(self) -> int:
        """Export what is pending into the outbox, then deliver every outbox file; returns
        how many were delivered. Raises on a network or server error (the files stay)."""
        self.outbox.fill(self.sync)
        delivered = self._deliver(self.outbox.pending())
        return delivered

    def _deliver(self, pending: Iterable[Pending], *, refilled: bool = False) -> int:
        importer = self._importer()
        delivered = 0
        for item in pending:
            if self.before_import is not None:
                self.before_import(item.path)
            report = importer.import_files([item.path])
            outcome = report.files[0]
            if outcome.status in (Status.IMPORTED, Status.ALREADY, Status.SKIPPED):
                self.outbox.done(item.path)
                delivered += 1
                self._delivered()
                continue
            if outcome.status is Status.WAITING and not refilled:
                # The central side lacks an earlier range: export it again from there.
                since = self.central_coverage() + 1
                log.warning("central side lacks seq %d-: exporting again", since)
                self.outbox.fill(self.sync, since_seq=since)
                return delivered + self._deliver(self.outbox.pending(), refilled=True)
            raise DeliveryError(
                f"the central database refused {item.path.name}: {outcome.reason}",
                permanent=outcome.status is Status.REJECTED,
            )
        return delivered

    # --- registry: publish (the site) and pull (a gate) --------------------------------------

    def publish(self) -> int:
        """On a machine holding the site key: write the central database's registry changes
        as registry files signed by the site, kept in the central database
        (``sync_published``) for the gates to pull. Returns how many files were written."""
        if self.site_paths is None:
            return 0
        central = self.central_installation()
        signer = load_signer(self.site_paths, SITE)
        exporter = SyncExporter(self.central, central, SITE, signer, self.clock, self.actor)
        spool = self.sync.paths.data_dir / INBOX / f"publish-{os.getpid()}"
        spool.mkdir(parents=True, exist_ok=True)
        try:
            files = exporter.registry(spool)
        finally:
            for leftover in spool.glob(f"*{SUFFIX}"):
                leftover.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                spool.rmdir()
        return len(files)

    def pull(self) -> PullResult:
        """The registry files the site published in the central database that this
        installation has not imported yet, oldest first, each verified with the site's key
        and imported exactly as a file carried by hand would be. A gate needs no key of the
        site's for this: the files are signed already."""
        if self.sync.role() == SITE:
            return PullResult(0, "the site's own installation holds the registry")
        site_id = self.sync.installation.site_id
        self.central_installation()  # the right site, or a permanent error
        with self.sync.db.session() as session:
            state = store.get_state(session, REGISTRY, site_id, IMPORT)
            # Past a file that never arrives (a gap), files already imported are not fetched
            # again.
            have = max(
                [0 if state is None else state.last_seq]
                + [row.last_seq for row in store.imports_of(session, REGISTRY, site_id)]
            )
        inbox = self.sync.paths.data_dir / INBOX
        inbox.mkdir(parents=True, exist_ok=True)
        imported = 0
        reports: list[ImportReport] = []
        while True:
            with self.central.session() as session:
                batch = [
                    (row.file_hash, row.last_seq, bytes(row.data))
                    for row in store.published_after(session, REGISTRY, site_id, have,
                                                     PULL_BATCH)
                ]
            if not batch:
                break
            for file_hash, serial, data in batch:
                path = inbox / f"registry-pulled-{serial:08d}-{file_hash[:12]}{SUFFIX}"
                tmp = path.with_name(f".{path.name}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
                try:
                    report = self.sync.import_files([path])
                finally:
                    path.unlink(missing_ok=True)
                outcome = report.files[0]
                if outcome.status is Status.REJECTED:
                    raise DeliveryError(
                        f"registry file {serial} from the central database was refused: "
                        f"{outcome.reason}", permanent=True,
                    )
                imported += sum(outcome.added.values())
                reports.append(report)
                have = max(have, serial)
        return PullResult(imported, "", reports[-1] if reports else None, len(reports))
