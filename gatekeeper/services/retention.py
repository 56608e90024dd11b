"""Retention: how long records are kept, holds, and the purge.

Three periods, in the settings table under ``retention.*`` (JSON integers, days):

- ``raw_temperature_days`` (28): the temperature readings of older events are deleted, with the
  corrected temperatures of their amendments. The event stays, marked ``readings_purged_at``;
  its ``readings_hash`` still vouches for what was there, so its chain still verifies.
- ``declaration_days`` (28): older health declarations are deleted (a visit that pointed at
  one keeps its other fields and points at none).
- ``event_days`` (365): older screening events (the pass/deny outcome) are deleted with their
  readings, amendments and alert acknowledgements, and so are visits of older days.

People with an active :class:`~gatekeeper.storage.models.RetentionHold` (a fever case under
investigation) are left out of every purge. The first reading of a recheck pair stays as long
as its second reading does.

Removing events cuts holes in the gate's hash chain. Each purge of events records, in its
audit entry (itself hash-chained), the *gaps* of every gate it touched: for each run of removed
events, the chain hash of the event before it (or the start of the chain), the sequence numbers
it spans and the chain hash of its last event, from which the chain resumes. ``gatekeeper audit
verify`` (services/integrity.py) follows the chain across those gaps and nowhere else. The
audit trail rather than a settings row holds them, because a settings row can be edited
silently.

A purge runs each kind of record in its own transaction, each with its audit entry, and ends
with a summary entry (``retention.purge``) that holds the cut-offs and every count.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from gatekeeper.domain import integrity
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit
from gatekeeper.services.amend import clean_reason, purge_raw_changes
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AuditEntry, Person, RetentionHold

PREFIX = "retention."
LAST_PURGE_KEY = "retention.last_purge_at"
#: Written first by a purge of events: takes SQLite's write lock before anything is read.
STARTED_KEY = "retention.purge_started_at"
MAX_DAYS = 3650
SCHEDULER = "scheduler"
SCHEDULE_INTERVAL = timedelta(days=1)
BATCH = 2000

ACTION_EVENTS = "retention.events"
ACTION_READINGS = "retention.readings"
ACTION_VISITS = "retention.visits"
ACTION_DECLARATIONS = "retention.declarations"
ACTION_PURGE = "retention.purge"
ACTION_HOLD = "retention.hold"
ACTION_RELEASE = "retention.release"
ACTION_SETTINGS = "retention.settings"


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionSettings:
    #: Raw temperature readings (and corrected temperatures) are kept this many days.
    raw_temperature_days: int = 28
    #: Health declarations are kept this many days.
    declaration_days: int = 28
    #: Screening events (the pass/deny outcome) and visits are kept this many days.
    event_days: int = 365

    def validate(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise UserError(f"Retention: {f.name} must be a whole number of days.")
            if not 1 <= value <= MAX_DAYS:
                raise UserError(f"Retention: {f.name} must be between 1 and {MAX_DAYS} days.")
        if self.raw_temperature_days > self.event_days:
            raise UserError(
                "Retention: raw temperatures cannot be kept longer than the events they belong "
                f"to ({self.raw_temperature_days} > {self.event_days} days)."
            )

    def to_json(self) -> dict[str, int]:
        return asdict(self)


# --- chain gaps -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainGap:
    """A run of events removed from a gate's chain."""

    #: The event just before the run (None: the start of the chain) and its chain hash.
    after_seq: int | None
    after_chain: str
    #: The sequence numbers of the first and the last event removed.
    first_seq: int
    last_seq: int
    #: The chain hash of the last event removed: the next event chains from it.
    resume_chain: str
    count: int

    def covers(self, seq: int) -> bool:
        return self.first_seq <= seq <= self.last_seq

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChainGap:
        after = data["after_seq"]
        return cls(
            after_seq=None if after is None else int(after),
            after_chain=str(data["after_chain"]),
            first_seq=int(data["first_seq"]),
            last_seq=int(data["last_seq"]),
            resume_chain=str(data["resume_chain"]),
            count=int(data["count"]),
        )


def merge_gaps(
    rows: Iterable[tuple[int, str, bool]], existing: Sequence[ChainGap]
) -> tuple[list[ChainGap], int]:
    """The gaps of a gate after removing events: ``rows`` are the gate's remaining events as
    (seq, chain hash, removed now?) in sequence order, up to the last one removed now;
    ``existing`` its gaps so far. Runs that touch merge into one. Returns the gaps and how many
    rows were removed."""
    pending = {g.after_seq: g for g in existing}
    out: list[ChainGap] = []
    removed = 0
    last_seq: int | None = None
    last_chain = integrity.GENESIS
    run = pending.pop(None, None)
    for seq, chain, remove in rows:
        if remove:
            removed += 1
            if run is None:
                run = ChainGap(last_seq, last_chain, seq, seq, chain, 1)
            else:
                run = replace(run, last_seq=seq, resume_chain=chain, count=run.count + 1)
            follows = pending.pop(seq, None)
            if follows is not None:
                run = replace(
                    run, last_seq=follows.last_seq, resume_chain=follows.resume_chain,
                    count=run.count + follows.count,
                )
        else:
            if run is not None:
                out.append(run)
            last_seq, last_chain = seq, chain
            run = pending.pop(seq, None)
    if run is not None:
        out.append(run)
    out.extend(pending.values())  # after events further on, untouched
    out.sort(key=lambda g: -1 if g.after_seq is None else g.after_seq)
    return out, removed


def entry_details(entry: AuditEntry) -> dict[str, Any]:
    try:
        data = json.loads(entry.details)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def recorded_chain_gaps(session: Session) -> dict[uuid.UUID, tuple[int, list[ChainGap]]]:
    """Per gate, the gaps recorded by the newest purge of its events, with that audit
    entry's id."""
    found: dict[uuid.UUID, tuple[int, list[ChainGap]]] = {}
    for entry in repo.audit_entries_with_actions(session, [ACTION_EVENTS]):
        gates = entry_details(entry).get("chain_gaps")
        if not isinstance(gates, dict):
            continue
        for gate_id, gaps in gates.items():
            try:
                found[uuid.UUID(gate_id)] = (entry.id, [ChainGap.from_json(g) for g in gaps])
            except (KeyError, TypeError, ValueError):
                continue
    return found


def recorded_readings_purges(session: Session) -> dict[datetime, datetime]:
    """When each purge of readings ran (its audit time, which is also the events'
    ``readings_purged_at``) -> its cut-off."""
    found: dict[datetime, datetime] = {}
    for entry in repo.audit_entries_with_actions(session, [ACTION_READINGS]):
        before = entry_details(entry).get("before")
        try:
            found[entry.at] = datetime.fromisoformat(str(before))
        except ValueError:
            continue
    return found


# --- plans and results ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cutoffs:
    """Records older than these go (visits: of days before ``visits_before``, site-local)."""

    readings_before: datetime
    declarations_before: datetime
    events_before: datetime
    visits_before: str

    def to_json(self) -> dict[str, str]:
        return {
            "readings_before": self.readings_before.isoformat(),
            "declarations_before": self.declarations_before.isoformat(),
            "events_before": self.events_before.isoformat(),
            "visits_before": self.visits_before,
        }


@dataclass(frozen=True)
class PurgeCounts:
    #: Screening events removed whole, with their readings, amendments and acknowledgements.
    events: int = 0
    event_readings: int = 0
    amendments: int = 0
    alert_acks: int = 0
    #: Events that stay but lose their raw readings; the readings removed from them; the
    #: corrected temperatures removed from their amendments.
    stripped_events: int = 0
    readings: int = 0
    amended_temperatures: int = 0
    declarations: int = 0
    visits: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class PurgePlan:
    """What a purge at ``now`` would remove (a dry run changes nothing)."""

    now: datetime
    settings: RetentionSettings
    cutoffs: Cutoffs
    #: People with an active hold, whose records are all kept.
    held_people: int
    counts: PurgeCounts

    def to_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "settings": self.settings.to_json(),
            "cutoffs": self.cutoffs.to_json(),
            "held_people": self.held_people,
            "counts": self.counts.to_json(),
        }


@dataclass(frozen=True)
class PurgeResult:
    at: datetime
    actor: str
    cutoffs: Cutoffs
    held_people: int
    removed: PurgeCounts
    #: Visits kept whose declaration was removed (they now point at none).
    visit_links_cleared: int = 0
    #: The gates whose chain gaps changed.
    gates: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "cutoffs": self.cutoffs.to_json(),
            "held_people": self.held_people,
            "removed": self.removed.to_json(),
            "visit_links_cleared": self.visit_links_cleared,
            "gates": list(self.gates),
        }


@dataclass(frozen=True)
class HoldView:
    id: uuid.UUID
    person_id: uuid.UUID
    reason: str
    created_at: datetime
    actor: str
    released_at: datetime | None

    @property
    def active(self) -> bool:
        return self.released_at is None

    @classmethod
    def of(cls, row: RetentionHold) -> HoldView:
        return cls(row.id, row.person_id, row.reason, row.created_at, row.actor, row.released_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "person_id": str(self.person_id),
            "reason": self.reason,
            "created_at": self.created_at.isoformat(),
            "actor": self.actor,
            "released_at": self.released_at.isoformat() if self.released_at else None,
        }


# --- the service ----------------------------------------------------------------------------


class RetentionService:
    def __init__(self, db: Database, installation: Installation, clock: Clock = utc_now) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)

    # settings

    def settings(self) -> RetentionSettings:
        values: dict[str, Any] = {}
        with self.db.session() as session:
            for f in fields(RetentionSettings):
                raw = repo.get_setting(session, PREFIX + f.name)
                if raw is None:
                    continue
                try:
                    values[f.name] = json.loads(raw)
                except ValueError as exc:
                    raise UserError(
                        f"The setting {PREFIX + f.name} is not a number of days ({raw[:20]!r})."
                    ) from exc
        current = RetentionSettings(**values)
        current.validate()
        return current

    def update_settings(self, by: UserView, **changes: int) -> RetentionSettings:
        """Admins only; every change is audited."""
        access.require(self.db, by, access.ADMINS, "change retention settings", self.clock)
        known = {f.name for f in fields(RetentionSettings)}
        unknown = set(changes) - known
        if unknown:
            raise UserError("Unknown retention setting: " + ", ".join(sorted(unknown)))
        current = self.settings()
        new = replace(current, **changes)
        new.validate()
        changed = {
            name: {"from": getattr(current, name), "to": value}
            for name, value in asdict(new).items()
            if value != getattr(current, name)
        }
        if changed:
            with self.db.session() as session:
                for name in changed:
                    repo.put_setting(session, PREFIX + name, json.dumps(getattr(new, name)))
                audit.record(
                    session, at=self.clock(), actor=by.username, action=ACTION_SETTINGS,
                    entity="settings", details=changed,
                )
        return new

    # planning

    def cutoffs(self, now: datetime, settings: RetentionSettings | None = None) -> Cutoffs:
        rules = settings or self.settings()
        events_before = now - timedelta(days=rules.event_days)
        return Cutoffs(
            readings_before=now - timedelta(days=rules.raw_temperature_days),
            declarations_before=now - timedelta(days=rules.declaration_days),
            events_before=events_before,
            visits_before=events_before.astimezone(self.zone).date().isoformat(),
        )

    def plan(self, now: datetime | None = None) -> PurgePlan:
        """What a purge at ``now`` (default: the clock) would remove. Reads only."""
        at = (now or self.clock()).astimezone(UTC)
        rules = self.settings()
        cut = self.cutoffs(at, rules)
        with self.db.session() as session:
            gone = repo.purgeable_events(cut.events_before)
            stripped = repo.strippable_events(cut.readings_before, cut.events_before)
            children = repo.count_children_of_events(session, gone)
            counts = PurgeCounts(
                events=repo.count_events_where(session, gone),
                event_readings=children["readings"],
                amendments=children["amendments"],
                alert_acks=children["alert_acks"],
                stripped_events=repo.count_events_where(session, stripped),
                readings=repo.count_children_of_events(session, stripped)["readings"],
                amended_temperatures=sum(
                    1
                    for a in repo.amendments_of_events_where(session, stripped)
                    if purge_raw_changes(a.changes) is not None
                ),
                declarations=repo.count_declarations_where(
                    session, repo.purgeable_declarations(cut.declarations_before)
                ),
                visits=repo.count_visits_where(session, repo.purgeable_visits(cut.visits_before)),
            )
            held = repo.count_held_people(session)
        return PurgePlan(at, rules, cut, held, counts)

    # purging

    def apply(self, by: UserView) -> PurgeResult:
        """Purge now, as ``by`` (admins only; a refusal is audited)."""
        access.require(self.db, by, access.ADMINS, "purge records", self.clock)
        return self.purge(by.username, trigger="manual")

    def run_scheduled(self, now: datetime | None = None) -> PurgeResult | None:
        """For the application to call (daily, or at start-up): purge as the scheduler when
        the last purge is a day old or more; None when it is not due."""
        at = (now or self.clock()).astimezone(UTC)
        last = self.last_purge_at()
        if last is not None and at - last < SCHEDULE_INTERVAL:
            return None
        return self.purge(SCHEDULER, now=at, trigger="scheduled")

    def last_purge_at(self) -> datetime | None:
        with self.db.session() as session:
            raw = repo.get_setting(session, LAST_PURGE_KEY)
        if raw is None:
            return None
        try:
            moment = datetime.fromisoformat(json.loads(raw))
        except (ValueError, TypeError):
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    def purge(
        self, actor: str, now: datetime | None = None, trigger: str = "unattended"
    ) -> PurgeResult:
        """Purge without a signed-in user: no role check, but audited under ``actor``. For the
        scheduler, and for an operator at the machine's command line. Each kind of record goes
        in its own transaction: events, visits, declarations, readings."""
        at = (now or self.clock()).astimezone(UTC)
        rules = self.settings()
        cut = self.cutoffs(at, rules)
        with self.db.session() as session:
            events, gates = self._purge_events(session, cut, at, actor)
        with self.db.session() as session:
            visits = repo.delete_visits_where(session, repo.purgeable_visits(cut.visits_before))
            if visits:
                audit.record(
                    session, at=at, actor=actor, action=ACTION_VISITS, entity="retention",
                    details={"before_date": cut.visits_before, "visits": visits},
                )
        with self.db.session() as session:
            declarations, unlinked = repo.delete_declarations_where(
                session, repo.purgeable_declarations(cut.declarations_before)
            )
            if declarations:
                audit.record(
                    session, at=at, actor=actor, action=ACTION_DECLARATIONS, entity="retention",
                    details={
                        "before": cut.declarations_before.isoformat(),
                        "declarations": declarations,
                        "visit_links_cleared": unlinked,
                    },
                )
        with self.db.session() as session:
            readings = self._purge_readings(session, cut, at, actor)
        removed = PurgeCounts(
            events=events["events"],
            event_readings=events["readings"],
            amendments=events["amendments"],
            alert_acks=events["alert_acks"],
            stripped_events=readings["events"],
            readings=readings["readings"],
            amended_temperatures=readings["amended_temperatures"],
            declarations=declarations,
            visits=visits,
        )
        with self.db.session() as session:
            held = repo.count_held_people(session)
            repo.put_setting(session, LAST_PURGE_KEY, json.dumps(at.isoformat()))
            audit.record(
                session, at=at, actor=actor, action=ACTION_PURGE, entity="retention",
                details={
                    "trigger": trigger,
                    "settings": rules.to_json(),
                    "cutoffs": cut.to_json(),
                    "held_people": held,
                    "removed": removed.to_json(),
                    "visit_links_cleared": unlinked,
                },
            )
        return PurgeResult(at, actor, cut, held, removed, unlinked, gates)

    def _exclusive(self, session: Session, now: datetime) -> None:
        """Make the transaction see one state of the database from its first read to its
        last write: PostgreSQL by its isolation level, SQLite by writing first (its write lock
        is then held until the commit)."""
        if not self.db.is_sqlite:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        repo.put_setting(session, STARTED_KEY, json.dumps(now.isoformat()))
        session.flush()

    def _purge_events(
        self, session: Session, cut: Cutoffs, now: datetime, actor: str
    ) -> tuple[dict[str, int], tuple[str, ...]]:
        self._exclusive(session, now)
        where = repo.purgeable_events(cut.events_before)
        gate_ids = sorted(repo.gates_with_events_where(session, where))
        if not gate_ids:
            return {"events": 0, "readings": 0, "amendments": 0, "alert_acks": 0}, ()
        recorded = recorded_chain_gaps(session)
        held = repo.held_person_ids(session)
        staying = repo.staying_recheck_targets(session, cut.events_before)
        new_gaps: dict[str, list[dict[str, Any]]] = {}
        walked = 0
        for gate_id in gate_ids:
            upto = repo.max_seq_where(session, gate_id, where)
            assert upto is not None
            rows = (
                (seq, chain, occurred < cut.events_before and person not in held
                 and event_id not in staying)
                for seq, chain, occurred, event_id, person in self._chain(session, gate_id, upto)
            )
            _, existing = recorded.get(gate_id, (0, []))
            gaps, removed = merge_gaps(rows, existing)
            walked += removed
            new_gaps[str(gate_id)] = [g.to_json() for g in gaps]
        removed_rows = repo.delete_events_where(session, where)
        if removed_rows["events"] != walked:
            raise RuntimeError(
                f"purge: {removed_rows['events']} events deleted but {walked} expected"
            )
        audit.record(
            session, at=now, actor=actor, action=ACTION_EVENTS, entity="retention",
            details={
                "before": cut.events_before.isoformat(),
                **removed_rows,
                "chain_gaps": new_gaps,
            },
        )
        return removed_rows, tuple(new_gaps)

    @staticmethod
    def _chain(
        session: Session, gate_id: uuid.UUID, upto: int
    ) -> Iterator[tuple[int, str, datetime, uuid.UUID, uuid.UUID | None]]:
        after = -1
        while True:
            batch = repo.chain_slice(session, gate_id, after, upto, BATCH)
            yield from batch
            if len(batch) < BATCH:
                return
            after = batch[-1][0]

    def _purge_readings(
        self, session: Session, cut: Cutoffs, now: datetime, actor: str
    ) -> dict[str, int]:
        where = repo.strippable_events(cut.readings_before, cut.events_before)
        stripped = repo.mark_readings_purged(session, where, now)
        if not stripped:
            return {"events": 0, "readings": 0, "amended_temperatures": 0}
        amended = 0
        for amendment in repo.amendments_of_events_purged_at(session, now):
            purged = purge_raw_changes(amendment.changes)
            if purged is not None:
                amendment.changes = purged
                amended += 1
        readings = repo.delete_readings_purged_at(session, now)
        counts = {"events": stripped, "readings": readings, "amended_temperatures": amended}
        audit.record(
            session, at=now, actor=actor, action=ACTION_READINGS, entity="retention",
            details={"before": cut.readings_before.isoformat(), **counts},
        )
        return counts

    # holds

    def hold(self, person_id: uuid.UUID, reason: str, by: UserView) -> HoldView:
        """Keep everything of a person out of purges until released (officers and admins)."""
        access.require(self.db, by, access.OFFICERS, "put records on hold", self.clock)
        why = clean_reason(reason)
        now = self.clock()
        with self.db.session() as session:
            person = session.get(Person, person_id)
            if person is None or person.site_id != self.installation.site_id:
                raise UserError("That person is not in the registry.")
            if repo.active_hold_of(session, person_id) is not None:
                raise UserError(f"The records of {person.name} ({person.staff_no}) are on hold "
                                "already.")
            row = RetentionHold(
                person_id=person_id, reason=why, created_at=now, actor=by.username[:100]
            )
            session.add(row)
            session.flush()
            audit.record(
                session, at=now, actor=by.username, action=ACTION_HOLD, entity="person",
                entity_id=str(person_id), details={"hold_id": str(row.id), "reason": why},
            )
            return HoldView.of(row)

    def release(self, hold_id: uuid.UUID, by: UserView) -> HoldView:
        """End a hold (officers and admins): the next purge treats the person like anyone."""
        access.require(self.db, by, access.OFFICERS, "release records from hold", self.clock)
        now = self.clock()
        with self.db.session() as session:
            row = session.get(RetentionHold, hold_id)
            if row is None:
                raise UserError(f"No retention hold {hold_id}.")
            if row.released_at is not None:
                raise UserError(f"The hold {hold_id} was released already.")
            row.released_at = now
            audit.record(
                session, at=now, actor=by.username, action=ACTION_RELEASE, entity="person",
                entity_id=str(row.person_id), details={"hold_id": str(row.id)},
            )
            return HoldView.of(row)

    def holds(self, *, active_only: bool = True) -> list[HoldView]:
        with self.db.session() as session:
            return [HoldView.of(h) for h in repo.retention_holds(session, active_only=active_only)]
