"""The screening events' hash chain (domain/integrity.py) checked on plain records: those of
a sync file before they are imported, and those stored here, across every imported batch."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from gatekeeper.domain import integrity
from gatekeeper.storage import repositories as repo


def event_fields(event: Mapping[str, Any]) -> dict[str, Any]:
    """The fields an event's content hash covers (as repositories.event_fields gives them for
    a stored event)."""
    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "id": str(event["id"]),
        "gate_id": str(event["gate_id"]),
        "seq": event["seq"],
        "person_id": text(event["person_id"]),
        "occurred_at": event["occurred_at"].isoformat(),
        "timezone": event["timezone"],
        "direction": event["direction"],
        "decision": event["decision"],
        "reason": event["reason"],
        "method": event["method"],
        "badge_version": event["badge_version"],
        "guard_id": text(event["guard_id"]),
        "recheck_of": text(event["recheck_of"]),
    }


def event_problems(
    event: Mapping[str, Any], readings: Sequence[Mapping[str, Any]], previous_chain: str
) -> list[str]:
    """What is wrong with an event's hashes, given its readings and the chain hash of the
    gate's event before it."""
    label = f"event seq {event['seq']} ({event['id']})"
    problems: list[str] = []
    readings_digest = event["readings_hash"]
    if readings or event["readings_purged_at"] is None:
        ordered = sorted(readings, key=lambda r: r["ordinal"])
        readings_digest = integrity.readings_hash([
            {
                "ordinal": r["ordinal"], "value_c": r["value_c"],
                "value_entered": r["value_entered"], "unit_entered": r["unit_entered"],
                "source_device": r["source_device"], "taken_at": r["taken_at"].isoformat(),
            }
            for r in ordered
        ])
        if readings_digest != event["readings_hash"]:
            problems.append(f"{label}: its readings do not match its readings hash")
    content = integrity.content_hash(event_fields(event), readings_digest)
    if content != event["content_hash"]:
        problems.append(f"{label}: its content does not match its content hash")
    if integrity.chain_hash(previous_chain, event["content_hash"]) != event["chain_hash"]:
        problems.append(f"{label}: it does not follow the gate's event before it in the chain")
    return problems


def verify_gate_chain(session: Session, gate_id: uuid.UUID) -> list[str]:
    """Problems in the chain of one gate's events as stored here (empty when it is intact):
    on the receiving side, the chain runs on across the batches imported from the gate."""
    problems: list[str] = []
    chain = integrity.GENESIS
    for event in repo.gate_events_in_order(session, gate_id):
        record = {name: getattr(event, name) for name in _EVENT_COLUMNS}
        readings = [
            {name: getattr(r, name) for name in _READING_COLUMNS} for r in event.readings
        ]
        problems.extend(event_problems(record, readings, chain))
        chain = event.chain_hash
    return problems


_EVENT_COLUMNS = (
    "id", "gate_id", "seq", "person_id", "occurred_at", "timezone", "direction", "decision",
    "reason", "method", "badge_version", "guard_id", "recheck_of", "readings_hash",
    "content_hash", "chain_hash", "readings_purged_at",
)
_READING_COLUMNS = (
    "ordinal", "value_c", "value_entered", "unit_entered", "source_device", "taken_at",
)
