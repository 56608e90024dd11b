"""Writing sync files: this installation's records going upstream, and (on the site) the
registry going down to the gates.

Records are read in the order of the gate's sequence, one file per batch, straight from the
database to the disk (yield_per, gzip per part): a million events never sit in memory. Each
file's range starts where the previous one ended, and its manifest names the previous file's
hash. The export state is written after the file is on disk, so a crash in between writes the
same range again next time, which the receiving side imports as a no-op.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.ids import uuid7
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import (
    Amendment,
    Gate,
    HealthDeclaration,
    Person,
    ScreeningEvent,
    SigningKey,
    Site,
    SyncPublished,
    Visit,
)
from gatekeeper.sync import store
from gatekeeper.sync.bundle import BundleWriter, Committed
from gatekeeper.sync.identity import SITE, Signer
from gatekeeper.sync.manifest import RECORDS, REGISTRY, Manifest
from gatekeeper.sync.records import (
    AMENDMENTS,
    BADGES,
    DECLARATIONS,
    EVENTS,
    GATES,
    KEYS,
    PEOPLE,
    READINGS,
    USERS,
    VISITS,
    Kind,
)

DEFAULT_BATCH = 10_000
MAX_BATCH = 10_000_000
EXPORT = "export"
SUFFIX = ".gksync"


@dataclass(frozen=True)
class ExportedFile:
    path: Path
    stream: str
    first_seq: int
    last_seq: int
    counts: dict[str, int]
    file_hash: str

    def describe(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in self.counts.items() if n)
        if self.stream == RECORDS:
            span = f"records seq {self.first_seq}-{self.last_seq}"
        else:
            span = f"{self.stream} #{self.last_seq}"
        return f"{self.path}  ({span}: {counts or 'nothing'})"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "stream": self.stream, "first_seq": self.first_seq,
            "last_seq": self.last_seq, "counts": self.counts, "file_hash": self.file_hash,
        }


def _digest(values: Sequence[Any]) -> str:
    text = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_PHOTO = PEOPLE.names.index("photo")


def _person_digest(encoded: list[Any], photo_length: int | None) -> str:
    """People are compared without reading their photos: the photo's length stands for it."""
    values = list(encoded)
    values[_PHOTO] = photo_length
    return _digest(values)


@dataclass
class RegistryChanges:
    gates: list[Sequence[Any]] = field(default_factory=list)
    keys: list[Sequence[Any]] = field(default_factory=list)
    people: list[uuid.UUID] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.gates or self.keys or self.people)


class SyncExporter:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        role: str,
        signer: Signer,
        clock: Clock = utc_now,
        actor: str | None = None,
    ) -> None:
        self.db = db
        self.installation = installation
        self.role = role
        self.signer = signer
        self.clock = clock
        self.actor = actor or default_actor()

    def _audit(self, session: Session, committed: Committed) -> None:
        m = committed.manifest
        audit.record(
            session, at=self.clock(), actor=self.actor, action=f"sync.export.{m.stream}",
            entity="gate" if m.stream == RECORDS else "site", entity_id=str(m.origin_id),
            details={"file": committed.path.name, "hash": committed.file_hash,
                     "first_seq": m.first_seq, "last_seq": m.last_seq, "counts": m.counts},
        )

    # --- the manifest's header --------------------------------------------------------------

    def _header(
        self, session: Session, stream: str, first: int, last: int, prev: str | None
    ) -> Manifest:
        site = session.get(Site, self.installation.site_id)
        if site is None:
            raise UserError("The installation's site is missing from its database.")
        if stream == RECORDS:
            origin_id, origin_name = self.installation.gate_id, self.installation.gate_name
            origin_role = self.role
        else:
            origin_id, origin_name, origin_role = site.id, site.name, SITE
        return Manifest(
            stream=stream, batch_id=uuid7(), created_at=self.clock(), site_id=site.id,
            site_name=site.name, site_timezone=site.timezone, origin_id=origin_id,
            origin_name=origin_name, origin_role=origin_role, key_id=self.signer.key_id,
            key_purpose=self.signer.purpose, first_seq=first, last_seq=last, prev_file=prev,
        )

    # --- records ----------------------------------------------------------------------------

    def records(
        self, out_dir: Path, *, since_seq: int | None = None, batch_size: int = DEFAULT_BATCH
    ) -> list[ExportedFile]:
        """Files of this installation's own records not exported yet (or from ``since_seq``)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        gate_id = self.installation.gate_id
        with self.db.session() as session:
            state = store.get_state(session, RECORDS, gate_id, EXPORT)
            after = state.last_seq if state is not None else 0
            prev = state.last_file_hash if state is not None else None
        if since_seq is not None:
            after = since_seq - 1
        files: list[ExportedFile] = []
        while True:
            with self.db.session() as session:  # one snapshot per file
                seqs = repo.sync_seqs_after(session, gate_id, after, batch_size)
                if not seqs:
                    break
                first, last = after + 1, seqs[-1]
                committed = self._write_records(session, out_dir, first, last, prev)
            now = self.clock()
            with self.db.session() as session:
                state = store.state(session, RECORDS, gate_id, EXPORT, now)
                state.last_seq = max(state.last_seq, last)
                state.last_file_hash = committed.file_hash
                state.updated_at = now
                self._audit(session, committed)
            files.append(_exported(committed))
            after, prev = last, committed.file_hash
        return files

    def _write_records(
        self, session: Session, out_dir: Path, first: int, last: int, prev: str | None
    ) -> Committed:
        gate_id = self.installation.gate_id
        name = f"records-{gate_id.hex[-8:]}-{first:010d}-{last:010d}{SUFFIX}"

        def rows(model: type[Any], kind: Kind) -> Iterator[Sequence[Sequence[Any]]]:
            return repo.sync_gate_rows(
                session, model, kind.names, gate_id, first, last, raw=kind.raw_names
            )

        with BundleWriter(out_dir / name) as bundle:
            if EVENTS.sql_json_safe and repo.sync_native_json(session):
                bundle.write_lines(
                    EVENTS,
                    repo.sync_gate_json_rows(
                        session, ScreeningEvent, EVENTS.names, gate_id, first, last
                    ),
                )
            else:
                bundle.write_batches(EVENTS, rows(ScreeningEvent, EVENTS))
            bundle.write_batches(
                READINGS,
                repo.sync_gate_readings(
                    session, READINGS.names, gate_id, first, last, raw=READINGS.raw_names
                ),
            )
            bundle.write_batches(DECLARATIONS, rows(HealthDeclaration, DECLARATIONS))
            bundle.write_batches(VISITS, rows(Visit, VISITS))
            bundle.write_batches(AMENDMENTS, rows(Amendment, AMENDMENTS))
            # The visitors and contractors the records name: a gate registers them itself,
            # and they must arrive with the visits and events that name them.
            bundle.write_kind(
                PEOPLE,
                repo.sync_referred_visitors(session, PEOPLE.names, gate_id, first, last),
            )
            bundle.write_kind(
                BADGES,
                repo.sync_referred_visitor_badges(session, BADGES.names, gate_id, first, last),
            )
            bundle.write_kind(
                USERS, repo.sync_referred_users(session, USERS.names, gate_id, first, last)
            )
            header = self._header(session, RECORDS, first, last, prev)
            return bundle.commit(header, self.signer)

    # --- registry ---------------------------------------------------------------------------

    def registry(
        self, out_dir: Path, *, full: bool = False, batch_size: int = DEFAULT_BATCH
    ) -> list[ExportedFile]:
        """Files of the registry changes not exported yet (everything when ``full``)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        site_id = self.installation.site_id
        with self.db.session() as session:
            state = store.get_state(session, REGISTRY, site_id, EXPORT)
            serial = state.last_seq if state is not None else 0
            prev = state.last_file_hash if state is not None else None
            changes = self.registry_changes(session, full=full)
        if changes.empty:
            return []
        chunks = [
            changes.people[start : start + batch_size]
            for start in range(0, len(changes.people), batch_size)
        ] or [[]]
        files: list[ExportedFile] = []
        for number, people in enumerate(chunks):
            serial += 1
            gates, keys = (changes.gates, changes.keys) if number == 0 else ([], [])
            name = f"registry-{site_id.hex[-8:]}-{serial:08d}{SUFFIX}"
            with self.db.session() as session:
                committed, digests = self.write_registry(
                    session, out_dir / name, REGISTRY, serial, prev, gates, keys, people
                )
            now = self.clock()
            with self.db.session() as session:
                state = store.state(session, REGISTRY, site_id, EXPORT, now)
                state.last_seq = serial
                state.last_file_hash = committed.file_hash
                state.updated_at = now
                for kind, sent in digests.items():
                    store.put_sent(session, kind, sent)
                self._publish(session, committed)
                self._audit(session, committed)
            files.append(_exported(committed))
            prev = committed.file_hash
        return files

    @staticmethod
    def _publish(session: Session, committed: Committed) -> None:
        """Keep the registry file in this database too, for the gates that pull it
        (``gatekeeper sync --upstream`` on a gate; sync/upstream.py)."""
        m = committed.manifest
        store.publish(
            session,
            SyncPublished(
                file_hash=committed.file_hash, stream=m.stream, origin_id=m.origin_id,
                last_seq=m.last_seq, prev_file_hash=m.prev_file,
                file_name=committed.path.name[:255], created_at=m.created_at,
                data=committed.path.read_bytes(),
            ),
        )

    def registry_changes(self, session: Session, *, full: bool) -> RegistryChanges:
        """What changed in the registry since it was last exported (by digest per item)."""
        site_id = self.installation.site_id
        changes = RegistryChanges()
        sent = {kind: store.sent_digests(session, kind) for kind in ("gates", "keys",
                                                                     "people", "badges")}
        for row in repo.sync_site_rows(session, Gate, GATES.names, site_id):
            if full or sent["gates"].get(row[0]) != _digest(GATES.encode(row)):
                changes.gates.append(row)
        for row in self._key_rows(session):
            if full or sent["keys"].get(row[0]) != _digest(KEYS.encode(row)):
                changes.keys.append(row)
        people: set[uuid.UUID] = set()
        summary_names = [n for n in PEOPLE.names if n != "photo"]
        for row in repo.sync_site_people_summary(session, summary_names, site_id):
            values = list(row[:-1])
            values.insert(_PHOTO, None)
            if full or sent["people"].get(row[0]) != _person_digest(
                PEOPLE.encode(values), row[-1]
            ):
                people.add(row[0])
        for row in repo.sync_site_badges(session, BADGES.names, site_id):
            if full or sent["badges"].get(row[0]) != _digest(BADGES.encode(row)):
                people.add(row[BADGES.names.index("person_id")])
        changes.people = sorted(people)
        return changes

    def _key_rows(self, session: Session) -> list[Sequence[Any]]:
        gates = store.key_gates(session, self.installation.site_id)
        return [
            (*row, gates.get(row[0]))
            for row in repo.sync_site_rows(
                session, SigningKey, KEYS.table_names, self.installation.site_id
            )
        ]

    def write_registry(
        self,
        session: Session,
        path: Path,
        stream: str,
        serial: int,
        prev: str | None,
        gates: Sequence[Sequence[Any]],
        keys: Sequence[Sequence[Any]],
        people: Sequence[uuid.UUID],
        *,
        document: dict[str, Any] | None = None,
        mode: int = 0o600,
    ) -> tuple[Committed, dict[str, dict[uuid.UUID, str]]]:
        """One registry file (or, with ``document``, a provisioning file) holding ``gates``,
        ``keys``, and ``people`` with all their badges. Returns it with the digests of what it
        holds."""
        digests: dict[str, dict[uuid.UUID, str]] = {
            "gates": {r[0]: _digest(GATES.encode(r)) for r in gates},
            "keys": {r[0]: _digest(KEYS.encode(r)) for r in keys},
            "people": {},
            "badges": {},
        }
        person_rows = sorted(
            repo.sync_rows_by_ids(session, Person, PEOPLE.names, people), key=lambda r: r[0]
        )
        for row in person_rows:
            photo = row[_PHOTO]
            digests["people"][row[0]] = _person_digest(
                PEOPLE.encode(row), None if photo is None else len(photo)
            )
        badge_rows = repo.sync_badges_of_people(session, BADGES.names, list(people))
        for row in badge_rows:
            digests["badges"][row[0]] = _digest(BADGES.encode(row))
        with BundleWriter(path) as bundle:
            if document is not None:
                bundle.write_document("provision.json", "provision", document)
            bundle.write_kind(GATES, gates)
            bundle.write_kind(KEYS, keys)
            bundle.write_kind(PEOPLE, person_rows)
            bundle.write_kind(BADGES, badge_rows)
            header = self._header(session, stream, serial, serial, prev)
            return bundle.commit(header, self.signer, mode=mode), digests

    def registry_serial(self, session: Session) -> tuple[int, str | None]:
        """The serial number and hash of the last registry file exported."""
        state = store.get_state(session, REGISTRY, self.installation.site_id, EXPORT)
        return (0, None) if state is None else (state.last_seq, state.last_file_hash)


def _exported(committed: Committed) -> ExportedFile:
    m = committed.manifest
    return ExportedFile(
        committed.path, m.stream, m.first_seq, m.last_seq, m.counts, committed.file_hash
    )

