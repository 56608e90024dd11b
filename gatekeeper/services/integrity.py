"""``gatekeeper audit verify``: is every record still as the application wrote it?

Checked, with each problem told as a sentence naming the table, the gate and the sequence
number (or id):

- every gate's chain of screening events, in sequence order: the readings against
  ``readings_hash`` (unless retention removed them, which a recorded purge must vouch for),
  the fields against ``content_hash``, each ``chain_hash`` against the one before it, and the
  end of the chain against ``Gate.last_chain_hash`` (a deleted newest event). Runs of events
  that retention removed are crossed only where a purge recorded them in the audit trail (see
  services/retention.py). Gaps in the sequence numbers alone prove nothing: declarations,
  visits and amendments take numbers from the same counter;
- the audit trail's own chain (services/audit.py);
- every amendment against the hash its audit entry recorded, and every recorded amendment
  against its row (a deleted amendment, unless retention removed its event).

Events are streamed gate by gate, so a log of millions of events is never all in memory.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from gatekeeper.domain import integrity
from gatekeeper.services import audit
from gatekeeper.services.amend import ACTION as AMEND_ACTION
from gatekeeper.services.amend import amendment_hash
from gatekeeper.services.retention import (
    ChainGap,
    entry_details,
    recorded_chain_gaps,
    recorded_readings_purges,
)
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import ScreeningEvent

PROGRESS_EVERY = 10_000


@dataclass
class IntegrityReport:
    problems: list[str] = field(default_factory=list)
    gates: int = 0
    events: int = 0
    amendments: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "gates": self.gates,
            "events": self.events,
            "amendments": self.amendments,
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class _Witness:
    """What an amendment's audit entry recorded."""

    entry_id: int
    digest: str
    event_gate_id: uuid.UUID | None
    event_seq: int | None


def verify(db: Database, progress: Callable[[int], None] | None = None) -> IntegrityReport:
    """Check everything; ``progress`` is called with the number of events checked so far, every
    10,000 events."""
    report = IntegrityReport()
    with db.session() as session:
        # Amendments before their audit entries: one made while this runs is then seen with
        # its entry rather than without.
        amendments = _amendments(session)
        witnesses = _amendment_witnesses(session)
        gaps = recorded_chain_gaps(session)
        purges = recorded_readings_purges(session)
        gates = repo.all_gates(session)
        names = {gate_id: name for gate_id, name, _, _ in gates}
        for gate in gates:
            _verify_gate(session, gate, gaps.get(gate[0], (0, []))[1], purges, report, progress)
        report.gates = len(gates)
        _verify_amendments(amendments, witnesses, gaps, names, report)
        report.problems.extend(audit.verify_chain(session))
    return report


def _verify_gate(
    session: Session,
    gate: tuple[uuid.UUID, str, int, str],
    gaps: list[ChainGap],
    purges: dict[datetime, datetime],
    report: IntegrityReport,
    progress: Callable[[int], None] | None,
) -> None:
    gate_id, name, next_seq, last_chain = gate
    label = f"gate '{name}'"
    pending = {g.after_seq: g for g in gaps}
    prev_chain = integrity.GENESIS
    floor = 0  # every event from here on must have a greater sequence number
    origin = pending.pop(None, None)
    if origin is not None:
        prev_chain, floor = origin.resume_chain, origin.last_seq
    beyond: list[int] = []
    for event in repo.gate_events_in_order(session, gate_id):
        if event.seq >= next_seq:
            # Recorded after this check began, or forged: told apart below.
            beyond.append(event.seq)
            continue
        report.events += 1
        if progress is not None and report.events % PROGRESS_EVERY == 0:
            progress(report.events)
        where = f"screening_events {label} seq {event.seq}"
        if event.seq <= floor:
            report.problems.append(
                f"{where}: lies inside a run of events that retention removed; it was "
                "inserted behind the application's back"
            )
        report.problems.extend(f"{where}: {p}" for p in _event_problems(event, purges))
        if event.chain_hash != integrity.chain_hash(prev_chain, event.content_hash):
            report.problems.append(
                f"{where}: does not follow the event before it in the chain: an event before "
                "it was deleted, or this one was inserted or re-hashed"
            )
        prev_chain, floor = event.chain_hash, event.seq
        gap = pending.pop(event.seq, None)
        if gap is not None:
            if gap.after_chain != event.chain_hash:
                report.problems.append(
                    f"{where}: differs from the event that retention recorded before the "
                    f"{gap.count} events it removed (seq {gap.first_seq}-{gap.last_seq})"
                )
            prev_chain, floor = gap.resume_chain, gap.last_seq
    if prev_chain != last_chain:
        report.problems.append(
            f"gates '{name}': its chain of events ends elsewhere than the gate records: the "
            "newest event was deleted, or an event was added behind the application's back"
        )
    for gap in pending.values():
        report.problems.append(
            f"screening_events {label} seq {gap.after_seq}: missing (deleted?); retention "
            f"recorded it before the {gap.count} events it removed "
            f"(seq {gap.first_seq}-{gap.last_seq})"
        )
    if beyond:
        current = repo.gate_next_seq(session, gate_id) or next_seq
        for seq in beyond:
            if seq >= current:
                report.problems.append(
                    f"screening_events {label} seq {seq}: beyond the gate's sequence counter "
                    f"({current}); it was inserted behind the application's back"
                )


def _event_problems(event: ScreeningEvent, purges: dict[datetime, datetime]) -> list[str]:
    problems: list[str] = []
    if event.readings_purged_at is None:
        readings = integrity.readings_hash([repo.reading_fields(r) for r in event.readings])
        if readings != event.readings_hash:
            problems.append("its temperature readings were changed, added or removed")
    else:
        if event.readings:
            problems.append("its readings are marked as removed by retention, yet some remain")
        cutoff = purges.get(event.readings_purged_at)
        if cutoff is None or not event.occurred_at < cutoff:
            problems.append(
                "its readings are marked as removed at "
                f"{event.readings_purged_at.isoformat()}, but no purge recorded in the audit "
                "trail removed them"
            )
    content = integrity.content_hash(repo.event_fields(event), event.readings_hash)
    if content != event.content_hash:
        problems.append(
            "its recorded content (person, time, direction, decision, reason...) was changed"
        )
    return problems


@dataclass(frozen=True)
class _AmendmentRow:
    id: uuid.UUID
    gate_id: uuid.UUID
    seq: int
    event_id: uuid.UUID
    digest: str


def _amendments(session: Session) -> list[_AmendmentRow]:
    return [
        _AmendmentRow(a.id, a.gate_id, a.seq, a.event_id, amendment_hash(a))
        for a in repo.all_amendments(session)
    ]


def _amendment_witnesses(session: Session) -> dict[str, _Witness]:
    found: dict[str, _Witness] = {}
    for entry in repo.audit_entries_with_actions(session, [AMEND_ACTION]):
        details = entry_details(entry)
        amendment_id = details.get("amendment_id")
        if not isinstance(amendment_id, str):
            continue
        try:
            gate_id: uuid.UUID | None = uuid.UUID(str(details.get("event_gate_id")))
        except ValueError:
            gate_id = None
        seq = details.get("event_seq")
        found[amendment_id] = _Witness(
            entry.id, str(details.get("amendment_hash", "")), gate_id,
            seq if isinstance(seq, int) else None,
        )
    return found


def _verify_amendments(
    rows: list[_AmendmentRow],
    witnesses: dict[str, _Witness],
    gaps: dict[uuid.UUID, tuple[int, list[ChainGap]]],
    names: dict[uuid.UUID, str],
    report: IntegrityReport,
) -> None:
    for row in rows:
        report.amendments += 1
        where = f"amendments gate '{names.get(row.gate_id, row.gate_id)}' seq {row.seq}"
        witness = witnesses.pop(str(row.id), None)
        if witness is None:
            report.problems.append(
                f"{where} (id {row.id}, of event {row.event_id}): no audit entry records it; "
                "it was inserted behind the application's back"
            )
        elif witness.digest != row.digest:
            report.problems.append(
                f"{where} (id {row.id}, of event {row.event_id}): its content was changed "
                f"since audit entry {witness.entry_id} recorded it"
            )
    for amendment_id, witness in witnesses.items():
        gate_id, seq = witness.event_gate_id, witness.event_seq
        removed = gate_id is not None and seq is not None and any(
            g.covers(seq) for g in gaps.get(gate_id, (0, []))[1]
        )
        if removed:
            continue  # retention removed the event, and its amendments with it
        event = (
            f"the event at gate '{names.get(gate_id, gate_id)}' seq {seq}"
            if gate_id is not None else "its event"
        )
        report.problems.append(
            f"amendments id {amendment_id}: recorded in audit entry {witness.entry_id} as a "
            f"correction of {event}, but missing (deleted behind the application's back)"
        )
