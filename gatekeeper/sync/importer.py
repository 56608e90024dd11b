"""Importing sync files: records from the site's gates (on the officer or central
installation), the registry from the site (on a gate).

Each file is checked whole before anything is written: its layout, its signature against the
key this site provisioned for the file's origin, and the SHA-256 of every part; then its
records are read and checked against what is stored (same id with other content is a
conflict; references must resolve); then it is written in one transaction. Any problem
rejects the whole file and nothing of it is imported.

A file of 10,000 events is handled in bulk, not record by record: its parts are decoded a
column at a time (sync/records.py); the ids it holds are looked up 10,000 to a statement and
only the records found are compared; the new rows are written by COPY (PostgreSQL) or one
executemany (SQLite) per 10,000 (storage/repositories.py, ``sync_*``). The events' hashes are
confirmed from texts built here and checked by sync/chain.py wherever they do not hold.

Records of a gate are imported in the order of the gate's sequence numbers: a file whose range
starts after what has been imported so far waits (a gap: the file before it is missing), and
is imported when the missing one arrives. Registry files carry the current state of the items
they hold and apply in any order (newer ``updated_at`` wins), so a missing registry file is
reported but does not hold back a revocation that arrived later.
"""

from __future__ import annotations

import gc
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from gatekeeper.domain import integrity
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.services import amend, audit, keys
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import (
    Amendment,
    Badge,
    Gate,
    HealthDeclaration,
    Person,
    ScreeningEvent,
    SigningKey,
    User,
)
from gatekeeper.sync import store
from gatekeeper.sync.chain import event_problems
from gatekeeper.sync.identity import SITE
from gatekeeper.sync.manifest import PROVISION, RECORDS, REGISTRY, Manifest
from gatekeeper.sync.models import SyncImport
from gatekeeper.sync.reader import Rejected, SyncFile, open_sync_file
from gatekeeper.sync.records import (
    AMENDMENTS,
    BADGES,
    DECLARATIONS,
    EVENTS,
    GATES,
    KEYS,
    PEOPLE,
    READINGS,
    RECORD_KINDS,
    REGISTRY_KINDS,
    SEQUENCED,
    USERS,
    VISITS,
    Kind,
)

IMPORT = "import"
#: Stored instead of a secret for a user who came with a gate's records: no PIN or password
#: matches it, so the account only names who was on duty.
NO_SECRET = "!imported"
_VISITOR_KINDS = ("visitor", "contractor")
#: Columns that may differ between two copies of one record without a conflict.
_LOCAL_COLUMNS = {"events": {"readings_purged_at"}}


class Status(StrEnum):
    IMPORTED = "imported"
    ALREADY = "already imported"
    WAITING = "waiting"
    SKIPPED = "skipped"
    REJECTED = "rejected"


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    status: Status
    reason: str = ""
    stream: str = ""
    origin: str = ""
    first_seq: int | None = None
    last_seq: int | None = None
    #: Rows written, by kind (records already present are not counted).
    added: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def describe(self) -> str:
        what = ""
        if self.stream == RECORDS:
            what = f" [{self.origin} seq {self.first_seq}-{self.last_seq}]"
        elif self.stream:
            what = f" [{self.stream} of {self.origin} #{self.last_seq}]"
        text = f"{self.status}: {self.path}{what}"
        if self.status is Status.IMPORTED:
            added = ", ".join(f"{n} {k}" for k, n in self.added.items() if n)
            text += f" ({added or 'nothing new'})"
        if self.reason:
            text += f": {self.reason}"
        for warning in self.warnings:
            text += f"\n  warning: {warning}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "status": str(self.status), "reason": self.reason,
            "stream": self.stream, "origin": self.origin, "first_seq": self.first_seq,
            "last_seq": self.last_seq, "added": self.added, "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileOutcome, ...]

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status is Status.REJECTED]

    @property
    def waiting(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status is Status.WAITING]

    @property
    def ok(self) -> bool:
        """Nothing was rejected and nothing waits for a missing file."""
        return not self.rejected and not self.waiting

    def lines(self) -> list[str]:
        return [f.describe() for f in self.files]


@dataclass(frozen=True)
class _Checked:
    index: int
    path: Path
    manifest: Manifest
    file_hash: str


def _at_most(problems: list[str], limit: int = 20) -> list[str]:
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], f"... and {len(problems) - limit} more"]


def _name(manifest: Manifest) -> str:
    """The file's origin as a person reads it: gate 'North Gate'."""
    what = "site" if manifest.origin_role == SITE else manifest.origin_role
    return f"{what} '{manifest.origin_name}'"


# --- the events' hashes, checked fast -----------------------------------------------------
# integrity.readings_hash and content_hash hash a JSON text (json.dumps, keys sorted, no
# spaces, ensure_ascii=False) of the event's fields. Building that text here from a template
# costs a third of building the dicts and encoding them, and a file holds 10,000 events. It is
# only ever used to confirm that an event is intact: when any of its three hashes differs, the
# event is checked again by sync/chain.py's event_problems, which says what is wrong. So the
# warnings are event_problems' own; and an event passes only when SHA-256 of the texts built
# here equals the hashes the gate stored (tests/unit/sync/test_sync_bulk_import.py checks that
# these texts are the very texts integrity hashes). The texts are made for the values a
# decoded file holds (texts, integers, floats, UUIDs, datetimes): a value of another type
# raises, and one that json writes otherwise (a float NaN) makes a text that does not match;
# either way event_problems decides.

_json_text = json.encoder.encode_basestring  # json.dumps of a str, ensure_ascii=False
_json_other = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json_value(value: Any) -> str:
    """What json.dumps (ensure_ascii=False) writes for a str, an int, a float or None."""
    kind = type(value)
    if kind is str:
        return _json_text(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and value - value == 0.0:  # finite: json writes float.__repr__
        return float.__repr__(value)
    if value is None:
        return "null"
    return _json_other(value)


def _json_uuid(value: uuid.UUID | None, names: dict[int, str]) -> str:
    """The JSON of str(value) (chain.event_fields' form of an id), remembered in ``names``
    (by the id's int: a UUID hashes in Python)."""
    if value is None:
        return "null"
    text = names.get(value.int)
    if text is None:
        text = names[value.int] = _json_text(str(value))
    return text


_READING_JSON = (
    '{"ordinal":%s,"source_device":%s,"taken_at":%s,"unit_entered":%s,"value_c":%s,'
    '"value_entered":%s}'
)
_EVENT_JSON = (
    '["event",{"badge_version":%s,"decision":%s,"direction":%s,"gate_id":%s,"guard_id":%s,'
    '"id":%s,"method":%s,"occurred_at":%s,"person_id":%s,"reason":%s,"recheck_of":%s,'
    '"seq":%s,"timezone":%s},%s]'
)


def _json_moment(value: datetime) -> str:
    """The JSON of value.isoformat(), made from the text a FileTime was read from."""
    text = getattr(value, "utc_text", None)
    if text is None:
        return _json_text(value.isoformat())
    if text.endswith(".000000"):  # isoformat() leaves out a zero fraction
        return f'"{text[:10]}T{text[11:19]}+00:00"'
    return f'"{text[:10]}T{text[11:]}+00:00"'


def _hashes_hold(
    event: Mapping[str, Any],
    readings: Sequence[Mapping[str, Any]],
    previous: str,
    names: dict[int, str],
) -> bool:
    """Whether the event's readings, content and chain hashes are those that
    chain.event_problems recomputes (True: it would find nothing). Raises for a value of a
    type it does not expect."""
    sha256 = hashlib.sha256
    digest = event["readings_hash"]
    if readings or event["readings_purged_at"] is None:
        if len(readings) > 1:
            readings = sorted(readings, key=lambda r: r["ordinal"])
        items = ",".join([
            _READING_JSON % (
                int.__repr__(r["ordinal"]), _json_text(r["source_device"]),
                _json_moment(r["taken_at"]), _json_text(r["unit_entered"]),
                float.__repr__(r["value_c"]), float.__repr__(r["value_entered"]),
            )
            for r in readings
        ])
        if sha256(f'["readings",[{items}]]'.encode()).hexdigest() != digest:
            return False
    guard, recheck = event["guard_id"], event["recheck_of"]
    content = _EVENT_JSON % (
        _json_value(event["badge_version"]), _json_text(event["decision"]),
        _json_text(event["direction"]), _json_uuid(event["gate_id"], names),
        "null" if guard is None else _json_uuid(guard, names), f'"{event["id"]}"',
        _json_text(event["method"]), _json_moment(event["occurred_at"]),
        _json_uuid(event["person_id"], names), _json_text(event["reason"]),
        "null" if recheck is None else _json_uuid(recheck, names),
        int.__repr__(event["seq"]), _json_text(event["timezone"]), _json_text(digest),
    )
    stored = event["content_hash"]
    if sha256(content.encode()).hexdigest() != stored:
        return False
    return bool(integrity.chain_hash(previous, stored) == event["chain_hash"])


def _event_problems(
    event: Mapping[str, Any],
    readings: Sequence[Mapping[str, Any]],
    previous: str,
    names: dict[int, str],
) -> list[str]:
    """chain.event_problems, by the fast path when the event is intact."""
    try:
        if _hashes_hold(event, readings, previous, names):
            return []
    except (TypeError, ValueError, AttributeError, KeyError):
        pass  # a value of a shape the fast path does not know: event_problems decides
    return event_problems(event, readings, previous)


class _ChainCheck:
    """The hash check of the new events of a file (event_problems, by the fast path where an
    event is intact), the chain running on from ``previous``: the chain hash of the gate's
    event before the file's first (None: there is none). The problems are warnings, never a
    reason to refuse the file, so the events are checked as they are handed to the database
    (:meth:`passing`): on PostgreSQL the hashing then runs while the server stores the rows
    sent before."""

    def __init__(
        self,
        events: Sequence[dict[str, Any]],
        new_ids: set[uuid.UUID],
        readings: Sequence[Mapping[str, Any]],
        previous: str | None,
    ) -> None:
        # Keyed by the ids' int: a UUID hashes in Python, an int in C.
        self._readings: dict[int, list[Mapping[str, Any]]] = {}
        for reading in readings:
            self._readings.setdefault(reading["event_id"].int, []).append(reading)
        new = {i.int for i in new_ids}
        #: The new events in seq order, each with the chain hash of the event before it.
        self._new: list[tuple[dict[str, Any], str]] = []
        chain = integrity.GENESIS if previous is None else previous
        for event in sorted(events, key=lambda e: e["seq"]):
            if event["id"].int in new:
                self._new.append((event, chain))
            chain = event["chain_hash"]
        self._found: list[list[str]] = []
        self._names: dict[int, str] = {}

    def _check(self, event: Mapping[str, Any], previous: str) -> list[str]:
        readings = self._readings.get(event["id"].int, [])
        return _event_problems(event, readings, previous, self._names)

    def passing(self) -> Iterator[dict[str, Any]]:
        """The new events in seq order, each checked as it is taken."""
        found, check = self._found, self._check
        for event, previous in self._new[len(found):]:
            found.append(check(event, previous))
            yield event

    def problems(self) -> list[str]:
        """What is wrong, in seq order (the events not taken yet are checked now)."""
        for event, previous in self._new[len(self._found):]:
            self._found.append(self._check(event, previous))
        return _at_most([problem for found in self._found for problem in found])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while one file is imported. Reading a file
    makes some 100,000 dicts, UUIDs and datetimes, none in a cycle (freed as usual when they
    go); the collector would walk them again and again as they are made, a third of the
    time the reading takes. It runs again afterwards, over whatever is left. (Process-wide:
    another thread's work meanwhile only waits a little longer for a collection.)"""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class SyncImporter:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        role: str,
        clock: Clock = utc_now,
        actor: str | None = None,
    ) -> None:
        self.db = db
        self.installation = installation
        self.role = role
        self.clock = clock
        self.actor = actor or default_actor()

    # --- the whole run ----------------------------------------------------------------------

    def import_files(self, paths: Sequence[Path]) -> ImportReport:
        outcomes: dict[int, FileOutcome] = {}
        checked: list[_Checked] = []
        for index, path in enumerate(paths):
            outcome, ok = self._check(index, Path(path))
            if ok is None:
                assert outcome is not None
                outcomes[index] = outcome
            else:
                checked.append(ok)
        done: set[str] = set()

        def run(item: _Checked) -> None:
            if item.file_hash in done:
                outcomes[item.index] = self._outcome(item, Status.ALREADY)
                return
            outcomes[item.index] = self._import_one(item)
            if outcomes[item.index].status is Status.IMPORTED:
                done.add(item.file_hash)

        registry = [c for c in checked if c.manifest.stream == REGISTRY]
        for item in sorted(registry, key=lambda c: (c.manifest.last_seq, c.manifest.created_at)):
            run(item)
        by_origin: dict[uuid.UUID, list[_Checked]] = {}
        for item in checked:
            if item.manifest.stream == RECORDS:
                by_origin.setdefault(item.manifest.origin_id, []).append(item)
        for origin, items in by_origin.items():
            pending = sorted(items, key=lambda c: (c.manifest.first_seq, c.manifest.last_seq))
            while pending:
                covered = self._coverage(RECORDS, origin)
                ready = next((c for c in pending if c.manifest.first_seq <= covered + 1), None)
                if ready is None:
                    break
                pending.remove(ready)
                run(ready)
            covered = self._coverage(RECORDS, origin)
            blocker = next(
                (outcomes[c.index] for c in items
                 if outcomes.get(c.index) is not None
                 and outcomes[c.index].status is Status.REJECTED
                 and c.manifest.first_seq <= covered + 1 <= c.manifest.last_seq),
                None,
            )
            for item in pending:
                outcomes[item.index] = self._waiting(item, covered, blocker)
        report = ImportReport(tuple(outcomes[i] for i in sorted(outcomes)))
        self._audit_rejected(report.rejected)
        return report

    def _audit_rejected(self, rejected: Sequence[FileOutcome]) -> None:
        """Each rejected file leaves an entry in the audit trail (nothing of the file itself
        is stored): a damaged, altered or foreign file offered here is not forgotten."""
        if not rejected:
            return
        now = self.clock()

        def text(value: str, limit: int) -> str:  # a file's name or a manifest's text
            return value[:limit].encode("utf-8", "backslashreplace").decode("utf-8")

        with self.db.session() as session:
            for outcome in rejected:
                audit.record(
                    session, at=now, actor=self.actor, action="sync.import.rejected",
                    entity="sync_file", details={
                        "file": text(outcome.path.name, 255), "reason": text(outcome.reason, 2000),
                        "stream": outcome.stream, "origin": text(outcome.origin, 200),
                        "first_seq": outcome.first_seq, "last_seq": outcome.last_seq,
                    },
                )

    def _coverage(self, stream: str, origin: uuid.UUID) -> int:
        with self.db.session() as session:
            state = store.get_state(session, stream, origin, IMPORT)
            return 0 if state is None else state.last_seq

    def _outcome(
        self, item: _Checked, status: Status, reason: str = "", *,
        added: dict[str, int] | None = None, warnings: Sequence[str] = (),
    ) -> FileOutcome:
        m = item.manifest
        return FileOutcome(
            item.path, status, reason, m.stream, m.origin_name, m.first_seq, m.last_seq,
            dict(added or {}), tuple(warnings),
        )

    def _waiting(
        self, item: _Checked, covered: int, blocker: FileOutcome | None = None
    ) -> FileOutcome:
        m = item.manifest
        if blocker is not None:
            return self._outcome(
                item, Status.WAITING,
                f"it follows {blocker.path.name}, which was rejected: sequence numbers "
                f"{covered + 1}-{m.first_seq - 1} of {_name(m)} must be imported first",
            )
        return self._outcome(
            item, Status.WAITING,
            f"gap: sequence numbers {covered + 1}-{m.first_seq - 1} of {_name(m)} have not been "
            f"imported, so this file cannot be checked in order yet. The file before it "
            f"(hash {m.prev_file or 'unknown'}) is missing: import it, then this one again, or "
            f"export again on that installation with --since-seq {covered + 1}",
        )

    # --- checking ---------------------------------------------------------------------------

    def _check(self, index: int, path: Path) -> tuple[FileOutcome | None, _Checked | None]:
        """Everything that can be checked without writing: layout, source, signature, parts."""
        try:
            sync_file = open_sync_file(path)
        except Rejected as exc:
            return FileOutcome(path, Status.REJECTED, exc.reason), None
        with sync_file:
            item = _Checked(index, path, sync_file.manifest, sync_file.file_hash)
            try:
                with self.db.session() as session:
                    skip = self._check_source(session, sync_file)
                    known = store.get_import(session, sync_file.file_hash) is not None
            except Rejected as exc:
                return self._outcome(item, Status.REJECTED, exc.reason), None
        if skip:
            return self._outcome(item, Status.SKIPPED, skip), None
        if known:
            return self._outcome(item, Status.ALREADY), None
        return None, item

    def _check_source(self, session: Session, sync_file: SyncFile) -> str | None:
        """Rejected unless the file was signed by the key this site gave its origin, and is
        intact. Returns why it is skipped when it is not for this installation."""
        m = sync_file.manifest
        site_id = self.installation.site_id
        if m.stream == PROVISION:
            raise Rejected(
                "it is a provisioning file: it makes a new installation (gatekeeper init "
                "--provision FILE), it is not imported"
            )
        key = repo.signing_key_by_key_id(session, m.key_id)
        if key is None or key.site_id != site_id:
            if m.site_id != site_id:
                raise Rejected(
                    f"it comes from another site ('{m.site_name}', {m.site_id}); this "
                    f"installation belongs to site '{self.installation.site_name}' ({site_id})"
                )
            raise Rejected(
                f"it is signed by key {m.key_id.hex()}, which this site never provisioned: it "
                f"does not come from one of this site's gates (it claims to come from "
                f"{_name(m)})"
            )
        sync_file.check_signature(keys.public_from_raw(key.public_key), _name(m))
        if m.site_id != site_id or key.purpose != m.key_purpose:
            raise Rejected("its manifest does not agree with the key that signed it")
        if key.retired_at is not None and m.created_at >= key.retired_at:
            raise Rejected(
                f"it is signed with a key retired on {key.retired_at.isoformat()}, after which "
                "that key signs nothing"
            )
        if m.stream == REGISTRY:
            if key.purpose != "badge" or m.origin_id != site_id:
                raise Rejected("a registry file must be signed by the site's own key")
        else:
            gate = session.get(Gate, m.origin_id)
            if gate is None or gate.site_id != site_id:
                raise Rejected(
                    f"it comes from {_name(m)} ({m.origin_id}), a gate this installation does "
                    "not know: provision the gate from this site, or import the site's "
                    "registry files first"
                )
            if key.purpose == "badge":
                if m.origin_id in set(store.key_gates(session, site_id).values()):
                    raise Rejected(
                        f"{_name(m)} has a key of its own, and only that key signs its records"
                    )
            elif store.gate_of_key(session, key.id) != m.origin_id:
                raise Rejected(
                    f"it is signed by the key of another gate, not by the key of {_name(m)}"
                )
        sync_file.check_parts()
        if m.stream == RECORDS:
            if m.origin_id == self.installation.gate_id:
                return "it holds this installation's own records"
            if self.role != SITE:
                return "records go to the site's officer or central installation, not to a gate"
        if m.stream == REGISTRY and self.role == SITE:
            return "it holds this site's own registry"
        return None

    # --- importing one file -----------------------------------------------------------------

    def _import_one(self, item: _Checked) -> FileOutcome:
        m = item.manifest
        now = self.clock()
        try:
            with (
                _collector_paused(),
                self.db.session() as session,
                open_sync_file(item.path) as sync_file,
            ):
                if sync_file.file_hash != item.file_hash:
                    raise Rejected("it changed on disk while it was being imported")
                if m.stream == RECORDS:
                    added, warnings = self._apply_records(session, sync_file)
                else:
                    added, warnings = self._apply_registry(session, sync_file)
                    warnings += self._registry_coverage(session, m, item.file_hash, now)
                self._remember(session, sync_file, now)
                audit.record(
                    session, at=now, actor=self.actor, action=f"sync.import.{m.stream}",
                    entity="gate" if m.stream == RECORDS else "site",
                    entity_id=str(m.origin_id),
                    details={
                        "file": item.path.name, "hash": item.file_hash, "origin": m.origin_name,
                        "first_seq": m.first_seq, "last_seq": m.last_seq, "added": added,
                        "warnings": warnings,
                    },
                )
        except Rejected as exc:
            return self._outcome(item, Status.REJECTED, exc.reason)
        except IntegrityError as exc:
            return self._outcome(
                item, Status.REJECTED,
                f"it conflicts with what is stored here ({exc.orig}); nothing of it was imported",
            )
        except DataError as exc:
            return self._outcome(
                item, Status.REJECTED,
                f"it holds a value this database cannot store ({exc.orig}); nothing of it was "
                "imported",
            )
        return self._outcome(item, Status.IMPORTED, added=added, warnings=warnings)

    def _remember(self, session: Session, sync_file: SyncFile, now: datetime) -> None:
        m = sync_file.manifest
        store.add_import(
            session,
            SyncImport(
                file_hash=sync_file.file_hash, batch_id=m.batch_id, stream=m.stream,
                origin_id=m.origin_id, first_seq=m.first_seq, last_seq=m.last_seq,
                prev_file_hash=m.prev_file, file_name=sync_file.path.name[:255],
                created_at=m.created_at, imported_at=now, counts=m.counts,
            ),
        )

    # --- records from a gate ----------------------------------------------------------------

    def _apply_records(
        self, session: Session, sync_file: SyncFile
    ) -> tuple[dict[str, int], list[str]]:
        m = sync_file.manifest
        gate_id = m.origin_id
        data = sync_file.records(RECORD_KINDS)
        self._check_shape(m, data)
        new = {kind.name: self._new_records(session, kind, data[kind.name])
               for kind in (EVENTS, READINGS, DECLARATIONS, VISITS, AMENDMENTS)}
        new_event_ids = {e["id"] for e in new["events"]}
        if len(new["events"]) < len(data["events"]):  # else every reading's event is new
            new["readings"] = [r for r in new["readings"] if r["event_id"] in new_event_ids]
        self._check_seqs_free(session, gate_id, new)

        warnings: list[str] = []
        people_added, accepted = self._merge_people(session, data["people"], warnings,
                                                   from_gate=True)
        users_added = self._merge_users(session, data["users"])
        badges_added = self._merge_badges(
            session, [b for b in data["badges"] if b["person_id"] in accepted], warnings
        )
        self._check_references(session, data, new)
        chain = self._check_chain(
            session, gate_id, data["events"], new_event_ids, data["readings"]
        )

        for model, kind in ((HealthDeclaration, DECLARATIONS), (VISITS.model, VISITS),
                            (ScreeningEvent, EVENTS), (READINGS.model, READINGS),
                            (AMENDMENTS.model, AMENDMENTS)):
            rows: Iterable[dict[str, Any]] = new[kind.name]
            if kind is EVENTS and new_event_ids:
                rows = chain.passing()  # by seq, each checked as it goes
            repo.sync_insert(session, model, rows)
        warnings += chain.problems()

        self._witness_amendments(session, new["amendments"], data["events"], sync_file)

        gate = session.get(Gate, gate_id)
        assert gate is not None
        gate.next_seq = max(gate.next_seq, m.last_seq + 1)
        newest = repo.sync_chain_before(session, gate_id, None)
        if newest is not None:
            gate.last_chain_hash = newest
        state = store.state(session, RECORDS, gate_id, IMPORT, self.clock())
        if m.first_seq <= state.last_seq + 1 and m.last_seq > state.last_seq:
            state.last_seq = m.last_seq
            state.last_file_hash = sync_file.file_hash
            state.updated_at = self.clock()
        added = {kind: len(rows) for kind, rows in new.items()}
        added.update(people=people_added, badges=badges_added, users=users_added)
        return added, warnings

    def _witness_amendments(
        self,
        session: Session,
        amendments: list[dict[str, Any]],
        events: list[dict[str, Any]],
        sync_file: SyncFile,
    ) -> None:
        """Each correction gets the audit entry that ``gatekeeper audit verify`` expects of
        it (services/integrity.py), here as at the installation that made it."""
        if not amendments:
            return
        in_file = {e["id"]: (e["gate_id"], e["seq"]) for e in events}
        for record in sorted(amendments, key=lambda a: a["seq"]):
            row = Amendment(**{name: record[name] for name in AMENDMENTS.names})
            event = in_file.get(record["event_id"])
            if event is None:
                stored = repo.get_event(session, record["event_id"])
                assert stored is not None  # references were checked
                event = (stored.gate_id, stored.seq)
            audit.record(
                session, at=self.clock(), actor=self.actor, action=amend.ACTION,
                entity="screening_event", entity_id=str(record["event_id"]),
                details={
                    "amendment_id": str(record["id"]),
                    "amendment_hash": amend.amendment_hash(row),
                    "event_gate_id": str(event[0]),
                    "event_seq": event[1],
                    "fields": sorted(record["changes"]),
                    "reason": record["reason"],
                    "imported_from": sync_file.path.name,
                    "amended_by": record["actor"],
                },
            )

    def _check_shape(self, m: Manifest, data: Mapping[str, list[dict[str, Any]]]) -> None:
        """Every record belongs to the file's gate and range, and nothing is there twice."""
        if not self._shape_holds(m, data):
            self._find_shape_problem(m, data)
        site_id = self.installation.site_id
        for kind in (PEOPLE, USERS):
            if any(r["site_id"] != site_id for r in data[kind.name]):
                raise Rejected(f"its {kind.name} include someone of another site")
        if any(p["kind"] not in _VISITOR_KINDS for p in data["people"]):
            raise Rejected("it includes employees: a gate sends only the visitors and "
                           "contractors it registered")
        people = {p["id"] for p in data["people"]}
        if any(b["person_id"] not in people for b in data["badges"]):
            raise Rejected("its badges include one of a person it does not hold")

    @staticmethod
    def _shape_holds(m: Manifest, data: Mapping[str, list[dict[str, Any]]]) -> bool:
        """Whether the sequenced records are all of the file's gate and range, no seq and no
        id is there twice, and every reading's event is in the file: a file of 10,000 events
        looked at a column at a time (ids by their int: a UUID hashes in Python)."""
        seqs: list[int] = []
        for kind in SEQUENCED:
            records = data[kind.name]
            if not records:
                continue
            if {r["gate_id"].int for r in records} != {m.origin_id.int}:
                return False
            numbers = [r["seq"] for r in records]
            if min(numbers) < m.first_seq or max(numbers) > m.last_seq:
                return False
            seqs += numbers
        if len(set(seqs)) != len(seqs):
            return False
        for kind in RECORD_KINDS:
            if len({r["id"].int for r in data[kind.name]}) != len(data[kind.name]):
                return False
        events = {e["id"].int for e in data["events"]}
        return all(r["event_id"].int in events for r in data["readings"])

    @staticmethod
    def _find_shape_problem(m: Manifest, data: Mapping[str, list[dict[str, Any]]]) -> None:
        """What _shape_holds found wrong, record by record: the first problem, as a
        Rejected."""
        seqs: set[int] = set()
        for kind in SEQUENCED:
            for record in data[kind.name]:
                if record["gate_id"] != m.origin_id:
                    raise Rejected(f"its {kind.name} include a record of another gate")
                if not m.first_seq <= record["seq"] <= m.last_seq:
                    raise Rejected(
                        f"its {kind.name} include seq {record['seq']}, outside the file's range"
                    )
                if record["seq"] in seqs:
                    raise Rejected(f"two of its records share seq {record['seq']}")
                seqs.add(record["seq"])
        for kind in RECORD_KINDS:
            ids = [r["id"] for r in data[kind.name]]
            if len(set(ids)) != len(ids):
                raise Rejected(f"its {kind.name} list a record twice")
        events = {e["id"] for e in data["events"]}
        if any(r["event_id"] not in events for r in data["readings"]):
            raise Rejected("its readings include one of an event it does not hold")
        raise AssertionError("_shape_holds and _find_shape_problem disagree")  # pragma: no cover

    def _new_records(
        self, session: Session, kind: Kind, records: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The records not stored yet. A stored record with the same id must be the same."""
        if not records:
            return []
        stored = {
            row[0]: kind.encode(row)
            for row in repo.sync_rows_with_ids(session, kind.model, kind.names,
                                               [r["id"] for r in records])
        }
        if not stored:
            return list(records)
        local = _LOCAL_COLUMNS.get(kind.name, set())
        skip = [i for i, name in enumerate(kind.names) if name in local]
        fresh: list[dict[str, Any]] = []
        for record in records:
            before = stored.get(record["id"])
            if before is None:
                fresh.append(record)
                continue
            after = kind.encode_record(record)
            for i in skip:
                before[i] = after[i] = None
            if before != after:
                raise Rejected(
                    f"its {kind.name[:-1]} {record['id']} differs from the one stored here "
                    "under the same id: one of the two copies was altered"
                )
        return fresh

    def _check_seqs_free(
        self, session: Session, gate_id: uuid.UUID, new: Mapping[str, list[dict[str, Any]]]
    ) -> None:
        seqs = sorted(r["seq"] for kind in SEQUENCED for r in new[kind.name])
        if not seqs:
            return
        for kind in SEQUENCED:
            owners = repo.sync_seq_owners(session, kind.model, gate_id, seqs)
            if owners:
                seq = min(owners)
                raise Rejected(
                    f"seq {seq} of this gate is already held here by another record "
                    f"({kind.name[:-1]} {owners[seq]}): the file or this database was altered"
                )

    def _check_references(
        self,
        session: Session,
        data: Mapping[str, list[dict[str, Any]]],
        new: Mapping[str, list[dict[str, Any]]],
    ) -> None:
        """Every id the new records refer to is in the file or already here."""
        checks: list[tuple[str, type[Any], set[uuid.UUID], Iterable[Any]]] = [
            ("person", Person, {p["id"] for p in data["people"]},
             [r["person_id"] for kind in ("events", "declarations", "visits")
              for r in new[kind]]),
            ("user", User, {u["id"] for u in data["users"]},
             [e["guard_id"] for e in new["events"]]),
            ("event", ScreeningEvent, {e["id"] for e in data["events"]},
             [e["recheck_of"] for e in new["events"]]
             + [a["event_id"] for a in new["amendments"]]),
            ("declaration", HealthDeclaration, {d["id"] for d in data["declarations"]},
             [v["declaration_id"] for v in new["visits"]]),
        ]
        for what, model, in_file, refs in checks:
            distinct = {r.int: r for r in refs if r is not None}.values()  # int: hashed in C
            wanted = sorted(r for r in distinct if r not in in_file)
            if not wanted:
                continue
            missing = set(wanted) - repo.sync_existing_ids(session, model, wanted)
            if missing:
                raise Rejected(
                    f"its records refer to {what} {min(missing)}, which is neither in the file "
                    "nor here: import the files it depends on first (for a correction, the "
                    "files of the gate whose event it corrects)"
                )

    def _check_chain(
        self,
        session: Session,
        gate_id: uuid.UUID,
        events: list[dict[str, Any]],
        new_ids: set[uuid.UUID],
        readings: list[dict[str, Any]],
    ) -> _ChainCheck:
        """The check of the new events' hashes; problems are reported, not refused: the
        events are the gate's evidence, kept exactly as the gate recorded them."""
        previous = None
        if new_ids:
            first = min(e["seq"] for e in events)
            previous = repo.sync_chain_before(session, gate_id, first)
        return _ChainCheck(events, new_ids, readings, previous)

    # --- people, users, badges --------------------------------------------------------------

    def _merge_people(
        self, session: Session, people: list[dict[str, Any]], warnings: list[str], *,
        from_gate: bool,
    ) -> tuple[int, set[uuid.UUID]]:
        """Insert the people not here; update those here when the copy is newer. A gate may
        change only visitors and contractors. Returns how many were added, and the people
        whose badges may follow."""
        if not people:
            return 0, set()
        site_id = self.installation.site_id
        names = PEOPLE.names
        stored = {
            row[0]: dict(zip(names, row, strict=True))
            for row in repo.sync_rows_by_ids(session, Person, names, [p["id"] for p in people])
        }
        taken = {
            no: person.id
            for no, person in repo.people_by_staff_nos(
                session, site_id, sorted({p["staff_no"] for p in people})
            ).items()
        }
        fresh: list[dict[str, Any]] = []
        accepted: set[uuid.UUID] = set()
        for person in people:
            old = stored.get(person["id"])
            if old is None:
                staff_no = self._free_staff_no(session, person, taken)
                if staff_no != person["staff_no"]:
                    warnings.append(
                        f"staff number {person['staff_no']} is taken here by someone else: "
                        f"{person['name']} is stored as {staff_no}"
                    )
                taken[staff_no] = person["id"]
                fresh.append({**person, "staff_no": staff_no})
                accepted.add(person["id"])
                continue
            if from_gate and old["kind"] not in _VISITOR_KINDS:
                continue  # the site's own record of an employee is the one that counts
            accepted.add(person["id"])
            values: dict[str, Any] = {}
            if person["updated_at"] > old["updated_at"]:
                values = {
                    n: person[n] for n in names
                    if n not in ("id", "site_id", "created_at", "staff_no")
                    and person[n] != old[n]
                }
                if not from_gate and person["staff_no"] != old["staff_no"]:
                    staff_no = self._free_staff_no(session, person, taken)
                    if staff_no != old["staff_no"]:
                        taken[staff_no] = person["id"]
                        values["staff_no"] = staff_no
            # A badge version only goes up: an older copy never brings back a revoked badge.
            version = max(old["badge_version"], person["badge_version"])
            if version != old["badge_version"]:
                values["badge_version"] = version
            elif "badge_version" in values and values["badge_version"] < old["badge_version"]:
                del values["badge_version"]
            if values:
                repo.sync_update(session, Person, person["id"], values)
        repo.sync_insert(session, Person, fresh)
        return len(fresh), accepted

    def _free_staff_no(
        self, session: Session, person: Mapping[str, Any], taken: dict[str, uuid.UUID]
    ) -> str:
        """The person's staff number, or (when someone else has it here: two gates numbered
        their visitors alike) the number with the end of the person's id appended."""
        wanted = str(person["staff_no"])
        site_id = self.installation.site_id
        candidates = [wanted] + [
            f"{wanted[: 31 - n]}-{person['id'].hex[-n:]}" for n in (4, 8, 12, 16)
        ]
        for candidate in candidates:
            owner = taken.get(candidate)
            if owner is None:
                row = repo.person_by_staff_no(session, site_id, candidate)
                owner = None if row is None else row.id
            if owner is None or owner == person["id"]:
                return candidate
        raise Rejected(f"no free staff number for {person['staff_no']}")  # pragma: no cover

    def _merge_users(self, session: Session, users: list[dict[str, Any]]) -> int:
        """The gate's guards named by its events: stored (if new) without any secret and
        inactive, so that the log names them and nobody can sign in as them here."""
        if not users:
            return 0
        known = repo.sync_existing_ids(session, User, [u["id"] for u in users])
        fresh: list[dict[str, Any]] = []
        for user in users:
            if user["id"] in known:
                continue
            username = str(user["username"])
            existing = repo.user_by_name(session, self.installation.site_id, username)
            if existing is not None or any(f["username"] == username for f in fresh):
                username = f"{username[:56]}~{user['id'].hex[-6:]}"
            fresh.append({**user, "username": username, "active": False,
                          "secret_hash": NO_SECRET})
        repo.sync_insert(session, User, fresh)
        return len(fresh)

    def _merge_badges(
        self, session: Session, badges: list[dict[str, Any]], warnings: list[str]
    ) -> int:
        """Insert the badges not here; a revocation that arrives is kept."""
        if not badges:
            return 0
        stored = {
            row[0]: dict(zip(BADGES.names, row, strict=True))
            for row in repo.sync_rows_by_ids(session, Badge, BADGES.names,
                                             [b["id"] for b in badges])
        }
        people = sorted({b["person_id"] for b in badges})
        missing = set(people) - repo.sync_existing_ids(session, Person, people)
        if missing:
            raise Rejected(f"its badges refer to person {min(missing)}, who is not here")
        slots = repo.sync_badge_slots(session, people)
        fresh: list[dict[str, Any]] = []
        for badge in badges:
            old = stored.get(badge["id"])
            if old is None:
                slot = (badge["person_id"], badge["version"])
                if slots.get(slot, badge["id"]) != badge["id"]:
                    warnings.append(
                        f"badge version {badge['version']} of person {badge['person_id']} was "
                        "issued both here and elsewhere; the copy here is kept"
                    )
                    continue
                slots[slot] = badge["id"]
                fresh.append(badge)
            elif badge["revoked_at"] is not None and old["revoked_at"] is None:
                repo.sync_update(session, Badge, badge["id"], {"revoked_at": badge["revoked_at"]})
        repo.sync_insert(session, Badge, fresh)
        return len(fresh)

    # --- the registry from the site ---------------------------------------------------------

    def _apply_registry(
        self, session: Session, sync_file: SyncFile
    ) -> tuple[dict[str, int], list[str]]:
        data = sync_file.records(REGISTRY_KINDS)
        warnings: list[str] = []
        added = self.apply_registry_records(session, data, warnings)
        return added, warnings

    def apply_registry_records(
        self, session: Session, data: Mapping[str, list[dict[str, Any]]], warnings: list[str]
    ) -> dict[str, int]:
        """Gates, keys, people and badges of the site, merged into this database."""
        site_id = self.installation.site_id
        for kind in (GATES, KEYS, PEOPLE):
            if any(r["site_id"] != site_id for r in data[kind.name]):
                raise Rejected(f"its {kind.name} include one of another site")
            ids = [r["id"] for r in data[kind.name]]
            if len(set(ids)) != len(ids):
                raise Rejected(f"its {kind.name} list one twice")
        gates_added = self._merge_gates(session, data["gates"])
        keys_added = self._merge_keys(session, data["keys"])
        people_added, _ = self._merge_people(session, data["people"], warnings, from_gate=False)
        badges_added = self._merge_badges(session, data["badges"], warnings)
        return {"gates": gates_added, "keys": keys_added, "people": people_added,
                "badges": badges_added}

    def _merge_gates(self, session: Session, gates: list[dict[str, Any]]) -> int:
        fresh: list[dict[str, Any]] = []
        for gate in gates:
            row = session.get(Gate, gate["id"])
            if row is None:
                fresh.append(gate)
                continue
            row.name = gate["name"]
            row.timezone = gate["timezone"]
            row.default_direction = gate["default_direction"]
        session.flush()
        repo.sync_insert(session, Gate, fresh)
        return len(fresh)

    def _merge_keys(self, session: Session, signing_keys: list[dict[str, Any]]) -> int:
        fresh: list[dict[str, Any]] = []
        mappings: list[tuple[uuid.UUID, uuid.UUID]] = []
        for key in signing_keys:
            row = session.get(SigningKey, key["id"])
            if row is None:
                other = repo.signing_key_by_key_id(session, key["key_id"])
                if other is not None:
                    raise Rejected(f"its key {key['key_id'].hex()} is stored here under "
                                   "another id: one of the two was altered")
                fresh.append({n: key[n] for n in KEYS.table_names})
            else:
                if (row.key_id, row.public_key, row.purpose) != (
                    key["key_id"], key["public_key"], key["purpose"]
                ):
                    raise Rejected(f"its key {key['id']} differs from the one stored here")
                if key["retired_at"] is not None and row.retired_at is None:
                    row.retired_at = key["retired_at"]
            if key["gate_id"] is not None:
                mappings.append((key["id"], key["gate_id"]))
        session.flush()
        repo.sync_insert(session, SigningKey, fresh)
        gates = sorted({g for _, g in mappings})
        missing = set(gates) - repo.sync_existing_ids(session, Gate, gates)
        if missing:
            raise Rejected(f"its keys belong to gate {min(missing)}, which is not here")
        for key_id, gate_id in mappings:
            store.map_key(session, key_id, gate_id)
        return len(fresh)

    def _registry_coverage(
        self, session: Session, m: Manifest, file_hash: str, now: datetime
    ) -> list[str]:
        state = store.state(session, REGISTRY, m.origin_id, IMPORT, now)
        serials = {row.last_seq for row in store.imports_of(session, REGISTRY, m.origin_id)}
        serials.add(m.last_seq)
        while state.last_seq + 1 in serials:
            state.last_seq += 1
            state.last_file_hash = file_hash if state.last_seq == m.last_seq else None
            state.updated_at = now
        if m.last_seq > state.last_seq:
            return [
                f"registry files {state.last_seq + 1}-{m.last_seq - 1} of the site have not "
                "been imported here; what they changed is missing until they are (this file "
                "was applied: newer changes win whatever the order)"
            ]
        return []

