"""Corrections of screening events.

An officer amends an event (the wrong direction, a mistyped temperature, the wrong person, the
wrong decision) and says why. The event row never changes: each correction is an
:class:`~gatekeeper.storage.models.Amendment` row, and the effective record is the event with
its amendments applied in order.

Every amendment goes into the audit trail with a hash of its content, so that an amendment
edited, inserted or deleted behind the application's back is found by
``gatekeeper audit verify`` (services/integrity.py).

A corrected temperature is a raw reading like any other: retention removes it with the event's
readings. Its change is hashed through a salted digest, so that the amendment's hash still
verifies once the value is gone, and the value cannot be recovered from the digest.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction, TempUnit
from gatekeeper.domain.temperature import ReadingError, reading
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Amendment, Person, ScreeningEvent

#: The audit action of an amendment; its details carry the amendment id and content hash.
ACTION = "event.amend"
MAX_REASON = 500
#: Fields whose values are raw health data, removed by retention with the readings.
RAW_FIELDS = frozenset({"temperature_c"})
FIELDS = ("direction", "decision", "temperature_c", "person_id")

_E = TypeVar("_E", bound=StrEnum)


def clean_reason(reason: str, what: str = "reason") -> str:
    """The reason, trimmed; UserError when it is empty, longer than 500 characters or holds
    control characters (a line break included)."""
    text = reason.strip()
    if not text:
        raise UserError(f"A {what} is required.")
    if len(text) > MAX_REASON:
        raise UserError(f"The {what} is longer than {MAX_REASON} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise UserError(f"The {what} contains control characters (line breaks, tabs...).")
    return text


def _digest(material: Any) -> str:
    return hashlib.sha256(audit.canonical_json({"v": material}).encode("utf-8")).hexdigest()


def raw_change_digest(change: Mapping[str, Any]) -> str:
    """What stands for a raw change in the amendment's hash: its digest, kept when retention
    removes the values."""
    if change.get("purged"):
        return str(change.get("digest", ""))
    return _digest(dict(change))


def sealed_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes as the amendment's hash covers them: raw fields by their digest."""
    return {
        name: raw_change_digest(change) if name in RAW_FIELDS and isinstance(change, Mapping)
        else change
        for name, change in changes.items()
    }


def purge_raw_changes(changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The changes with raw values replaced by their digest, or None when there are none left
    to remove."""
    purged = dict(changes)
    found = False
    for name in RAW_FIELDS:
        change = changes.get(name)
        if isinstance(change, Mapping) and not change.get("purged"):
            purged[name] = {"purged": True, "digest": raw_change_digest(change)}
            found = True
    return purged if found else None


def amendment_hash(row: Amendment) -> str:
    """The hash of an amendment's content, recorded in its audit entry."""
    return _digest(
        {
            "id": str(row.id),
            "event_id": str(row.event_id),
            "gate_id": str(row.gate_id),
            "seq": row.seq,
            "amended_at": row.amended_at.astimezone(UTC).isoformat(),
            "actor": row.actor,
            "reason": row.reason,
            "changes": sealed_changes(row.changes),
        }
    )


@dataclass(frozen=True)
class AmendmentView:
    id: uuid.UUID
    event_id: uuid.UUID
    gate_id: uuid.UUID
    seq: int
    amended_at: datetime
    actor: str
    reason: str
    #: {"field": {"from": old, "to": new}}; a removed raw value reads {"purged": True}.
    changes: dict[str, dict[str, Any]]

    @classmethod
    def of(cls, row: Amendment) -> AmendmentView:
        changes: dict[str, dict[str, Any]] = {}
        for name, change in row.changes.items():
            if not isinstance(change, Mapping):
                continue
            if change.get("purged"):
                changes[name] = {"purged": True}
            else:
                changes[name] = {"from": change.get("from"), "to": change.get("to")}
        return cls(
            row.id, row.event_id, row.gate_id, row.seq, row.amended_at, row.actor, row.reason,
            changes,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "event_id": str(self.event_id),
            "gate_id": str(self.gate_id),
            "seq": self.seq,
            "amended_at": self.amended_at.isoformat(),
            "actor": self.actor,
            "reason": self.reason,
            "changes": self.changes,
        }


@dataclass(frozen=True)
class EffectiveEvent:
    """A screening event as amended. ``temperature_c`` is the event's (last) reading, or the
    corrected one; None when the event has none or retention removed it."""

    id: uuid.UUID
    gate_id: uuid.UUID
    seq: int
    occurred_at: datetime
    timezone: str
    person_id: uuid.UUID | None
    direction: Direction
    decision: Decision
    reason: str
    method: str
    temperature_c: float | None
    #: The readings as recorded at the gate (empty once retention removed them).
    readings_c: tuple[float, ...]
    readings_purged: bool
    #: The fields some amendment changed, and how many amendments there are.
    amended_fields: tuple[str, ...]
    amendments: int

    @property
    def amended(self) -> bool:
        return self.amendments > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "gate_id": str(self.gate_id),
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "timezone": self.timezone,
            "person_id": str(self.person_id) if self.person_id else None,
            "direction": str(self.direction),
            "decision": str(self.decision),
            "reason": self.reason,
            "method": self.method,
            "temperature_c": self.temperature_c,
            "readings_c": list(self.readings_c),
            "readings_purged": self.readings_purged,
            "amended_fields": list(self.amended_fields),
            "amendments": self.amendments,
        }


def effective_event(event: ScreeningEvent, amendments: list[Amendment]) -> EffectiveEvent:
    """``event`` with ``amendments`` (in the order they apply) applied."""
    values: dict[str, Any] = {
        "direction": event.direction,
        "decision": event.decision,
        "temperature_c": event.readings[-1].value_c if event.readings else None,
        "person_id": str(event.person_id) if event.person_id else None,
    }
    changed: list[str] = []
    for amendment in amendments:
        for name, change in amendment.changes.items():
            if name not in values or not isinstance(change, Mapping):
                continue
            values[name] = None if change.get("purged") else change.get("to")
            if name not in changed:
                changed.append(name)
    if event.readings_purged_at is not None:
        values["temperature_c"] = None
    person = values["person_id"]
    temperature = values["temperature_c"]
    return EffectiveEvent(
        id=event.id,
        gate_id=event.gate_id,
        seq=event.seq,
        occurred_at=event.occurred_at,
        timezone=event.timezone,
        person_id=uuid.UUID(person) if person else None,
        direction=Direction(values["direction"]),
        decision=Decision(values["decision"]),
        reason=event.reason,
        method=event.method,
        temperature_c=float(temperature) if temperature is not None else None,
        readings_c=tuple(r.value_c for r in event.readings),
        readings_purged=event.readings_purged_at is not None,
        amended_fields=tuple(changed),
        amendments=len(amendments),
    )


def _enum(kind: type[_E], value: _E | str, what: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(v) for v in kind)
        raise UserError(f"'{value}' is not a {what} ({allowed}).") from None


class AmendService:
    def __init__(self, db: Database, installation: Installation, clock: Clock = utc_now) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock

    def amend(
        self,
        event_id: uuid.UUID,
        *,
        by: UserView,
        reason: str,
        direction: Direction | str | None = None,
        decision: Decision | str | None = None,
        temperature_c: float | None = None,
        person_id: uuid.UUID | None = None,
    ) -> AmendmentView:
        """Record a correction of the event; the event itself is never changed.

        Officers and admins only (a guard's attempt is refused and audited). The reason is
        required. Fields given with their current value are left out; when nothing would
        change, UserError. A corrected temperature (°C) must be plausible, and cannot be given
        once retention removed the event's readings.
        """
        access.require(self.db, by, access.OFFICERS, "amend screening events", self.clock)
        why = clean_reason(reason)
        wanted: dict[str, Any] = {}
        if direction is not None:
            wanted["direction"] = str(_enum(Direction, direction, "direction"))
        if decision is not None:
            wanted["decision"] = str(_enum(Decision, decision, "decision"))
        if temperature_c is not None:
            try:
                wanted["temperature_c"] = reading(float(temperature_c), TempUnit.C).value_c
            except (ReadingError, ValueError, TypeError) as exc:
                raise UserError(f"The corrected temperature is refused: {exc}") from exc
        if person_id is not None:
            wanted["person_id"] = str(person_id)
        if not wanted:
            raise UserError(
                "Say what to correct: the direction, the decision, the temperature or the person."
            )
        now = self.clock().astimezone(UTC)
        with self.db.session() as session:
            event = repo.get_event(session, event_id)
            if event is None:
                raise UserError(f"No screening event {event_id}.")
            current = effective_event(event, repo.amendments_for_event(session, event_id))
            changes = self._changes(session, event, current, wanted)
            row = Amendment(
                event_id=event.id,
                gate_id=self.installation.gate_id,
                seq=repo.allocate_seq(session, self.installation.gate_id),
                amended_at=now,
                actor=by.username[:100],
                reason=why,
                changes=changes,
            )
            session.add(row)
            session.flush()
            audit.record(
                session, at=now, actor=by.username[:100], action=ACTION,
                entity="screening_event", entity_id=str(event.id),
                details={
                    "amendment_id": str(row.id),
                    "amendment_hash": amendment_hash(row),
                    "event_gate_id": str(event.gate_id),
                    "event_seq": event.seq,
                    "fields": sorted(changes),
                    "reason": why,
                },
            )
            return AmendmentView.of(row)

    def _changes(
        self,
        session: Session,
        event: ScreeningEvent,
        current: EffectiveEvent,
        wanted: dict[str, Any],
    ) -> dict[str, dict[str, Any]]:
        now_values: dict[str, Any] = {
            "direction": str(current.direction),
            "decision": str(current.decision),
            "temperature_c": current.temperature_c,
            "person_id": str(current.person_id) if current.person_id else None,
        }
        changes: dict[str, dict[str, Any]] = {}
        for name, new in wanted.items():
            old = now_values[name]
            if new == old:
                continue
            if name == "temperature_c":
                if event.readings_purged_at is not None:
                    raise UserError(
                        f"Retention removed the readings of event {event.id}; its temperature "
                        "can no longer be corrected."
                    )
                if not event.readings:
                    raise UserError(f"Event {event.id} has no temperature reading to correct.")
                changes[name] = {"from": old, "to": new, "salt": secrets.token_hex(16)}
                continue
            if name == "person_id":
                person = session.get(Person, uuid.UUID(new))
                if person is None or person.site_id != self.installation.site_id:
                    raise UserError("That person is not in the registry.")
            changes[name] = {"from": old, "to": new}
        if not changes:
            raise UserError(f"Nothing to change: event {event.id} already reads so.")
        return changes

    def effective(self, event_id: uuid.UUID) -> EffectiveEvent:
        """The event as amended; UserError when there is no such event."""
        with self.db.session() as session:
            event = repo.get_event(session, event_id)
            if event is None:
                raise UserError(f"No screening event {event_id}.")
            return effective_event(event, repo.amendments_for_event(session, event_id))

    def history(self, event_id: uuid.UUID) -> list[AmendmentView]:
        """The event's amendments in the order they apply (empty when there are none)."""
        with self.db.session() as session:
            return [AmendmentView.of(a) for a in repo.amendments_for_event(session, event_id)]
