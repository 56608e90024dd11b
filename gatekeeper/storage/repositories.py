"""Queries. The only module that builds select()/insert() statements; services call these
functions inside their own short session."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, or_, select, tuple_, update
from sqlalchemy.orm import Session, selectinload

from gatekeeper.domain import integrity
from gatekeeper.storage.models import (
    AuditEntry,
    Badge,
    Gate,
    HealthDeclaration,
    Person,
    Reading,
    ScreeningEvent,
    Setting,
    SigningKey,
    Site,
    User,
)
from gatekeeper.storage.types import UTCDateTime

# --- settings -------------------------------------------------------------------------------


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


# --- sites, gates, keys ---------------------------------------------------------------------


def get_site(session: Session, site_id: uuid.UUID) -> Site | None:
    return session.get(Site, site_id)


def get_gate(session: Session, gate_id: uuid.UUID) -> Gate | None:
    return session.get(Gate, gate_id)


def signing_key_by_key_id(session: Session, key_id: bytes) -> SigningKey | None:
    return session.scalars(select(SigningKey).where(SigningKey.key_id == key_id)).first()


def badge_key_of_site(session: Session, site_id: uuid.UUID) -> SigningKey | None:
    return session.scalars(
        select(SigningKey)
        .where(
            SigningKey.site_id == site_id,
            SigningKey.purpose == "badge",
            SigningKey.retired_at.is_(None),
        )
        .order_by(SigningKey.created_at.desc())
    ).first()


# --- people and badges ----------------------------------------------------------------------


def person_by_staff_no(session: Session, site_id: uuid.UUID, staff_no: str) -> Person | None:
    return session.scalars(
        select(Person).where(Person.site_id == site_id, Person.staff_no == staff_no)
    ).first()


def people_by_staff_nos(
    session: Session, site_id: uuid.UUID, staff_nos: Sequence[str]
) -> dict[str, Person]:
    found: dict[str, Person] = {}
    # Chunked: SQLite limits the number of bound parameters in one statement.
    for start in range(0, len(staff_nos), 500):
        chunk = staff_nos[start : start + 500]
        for person in session.scalars(
            select(Person).where(Person.site_id == site_id, Person.staff_no.in_(chunk))
        ):
            found[person.staff_no] = person
    return found


def list_people(
    session: Session,
    site_id: uuid.UUID,
    *,
    search: str = "",
    include_inactive: bool = True,
) -> list[Person]:
    query = select(Person).where(Person.site_id == site_id)
    if not include_inactive:
        query = query.where(Person.active.is_(True))
    if search:
        pattern = f"%{_escape_like(search)}%"
        query = query.where(
            or_(
                Person.name.like(pattern, escape="\\"),
                Person.staff_no.like(pattern, escape="\\"),
                Person.phone.like(pattern, escape="\\"),
                Person.department.like(pattern, escape="\\"),
            )
        )
    return list(session.scalars(query.order_by(Person.staff_no)))


def count_people(session: Session, site_id: uuid.UUID) -> int:
    return session.scalar(
        select(func.count()).select_from(Person).where(Person.site_id == site_id)
    ) or 0


def current_badge(session: Session, person: Person) -> Badge | None:
    return session.scalars(
        select(Badge).where(Badge.person_id == person.id, Badge.version == person.badge_version)
    ).first()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- audit ----------------------------------------------------------------------------------


def last_audit_entry(session: Session) -> AuditEntry | None:
    return session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()


def audit_entries(session: Session) -> Sequence[AuditEntry]:
    return session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()


# --- screening ------------------------------------------------------------------------------


def allocate_seq(session: Session, gate_id: uuid.UUID) -> int:
    """The next per-gate sequence number, taken atomically in the caller's transaction."""
    taken = session.execute(
        update(Gate)
        .where(Gate.id == gate_id)
        .values(next_seq=Gate.next_seq + 1)
        .returning(Gate.next_seq)
    ).scalar_one()
    return int(taken) - 1


def last_event_of(
    session: Session, person_id: uuid.UUID, direction: str, since: datetime
) -> ScreeningEvent | None:
    return session.scalars(
        select(ScreeningEvent)
        .where(
            ScreeningEvent.person_id == person_id,
            ScreeningEvent.direction == direction,
            ScreeningEvent.occurred_at >= since,
        )
        .order_by(ScreeningEvent.occurred_at.desc())
        .limit(1)
    ).first()


def get_event(session: Session, event_id: uuid.UUID) -> ScreeningEvent | None:
    return session.get(ScreeningEvent, event_id)


def recheck_of(session: Session, event_id: uuid.UUID) -> ScreeningEvent | None:
    return session.scalars(
        select(ScreeningEvent).where(ScreeningEvent.recheck_of == event_id).limit(1)
    ).first()


def declarations_for(
    session: Session, person_id: uuid.UUID, for_date: str
) -> Sequence[HealthDeclaration]:
    return session.scalars(
        select(HealthDeclaration)
        .where(HealthDeclaration.person_id == person_id, HealthDeclaration.for_date == for_date)
        .order_by(HealthDeclaration.declared_at)
    ).all()


def events(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    after: tuple[datetime, str, int] | None = None,
    limit: int | None = None,
) -> Sequence[tuple[ScreeningEvent, Person | None, Gate]]:
    """Events in (time, gate name, seq) order; ``after`` continues from a previous batch."""
    query = (
        select(ScreeningEvent, Person, Gate)
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .outerjoin(Person, Person.id == ScreeningEvent.person_id)
        .options(selectinload(ScreeningEvent.readings))
    )
    if since is not None:
        query = query.where(ScreeningEvent.occurred_at >= since)
    if until is not None:
        query = query.where(ScreeningEvent.occurred_at < until)
    if after is not None:
        query = query.where(
            tuple_(ScreeningEvent.occurred_at, Gate.name, ScreeningEvent.seq)
            > tuple_(literal(after[0], UTCDateTime()), literal(after[1]), literal(after[2]))
        )
    query = query.order_by(ScreeningEvent.occurred_at, Gate.name, ScreeningEvent.seq)
    if limit is not None:
        query = query.limit(limit)
    return [(e, p, g) for e, p, g in session.execute(query)]


# --- users ----------------------------------------------------------------------------------


def user_by_name(session: Session, site_id: uuid.UUID, username: str) -> User | None:
    return session.scalars(
        select(User).where(User.site_id == site_id, User.username == username)
    ).first()


def users(session: Session, site_id: uuid.UUID) -> Sequence[User]:
    return session.scalars(
        select(User).where(User.site_id == site_id).order_by(User.role, User.username)
    ).all()


# --- visitors -------------------------------------------------------------------------------


def visitor_by_phone(session: Session, site_id: uuid.UUID, phone: str) -> Person | None:
    return session.scalars(
        select(Person)
        .where(
            Person.site_id == site_id,
            Person.phone == phone,
            Person.kind.in_(("visitor", "contractor")),
            Person.staff_no.like("V%"),
        )
        .order_by(Person.created_at.desc())
        .limit(1)
    ).first()


def count_staff_with_prefix(session: Session, site_id: uuid.UUID, prefix: str) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.site_id == site_id, Person.staff_no.like(_escape_like(prefix) + "%",
                                                             escape="\\"))
    ) or 0


# --- integrity ------------------------------------------------------------------------------


def event_fields(event: ScreeningEvent) -> dict[str, Any]:
    """The stored fields of an event that its content hash covers, as plain values."""
    return {
        "id": str(event.id),
        "gate_id": str(event.gate_id),
        "seq": event.seq,
        "person_id": str(event.person_id) if event.person_id else None,
        "occurred_at": event.occurred_at.isoformat(),
        "timezone": event.timezone,
        "direction": event.direction,
        "decision": event.decision,
        "reason": event.reason,
        "method": event.method,
        "badge_version": event.badge_version,
        "guard_id": str(event.guard_id) if event.guard_id else None,
        "recheck_of": str(event.recheck_of) if event.recheck_of else None,
    }


def reading_fields(reading: Reading) -> dict[str, Any]:
    return {
        "ordinal": reading.ordinal,
        "value_c": reading.value_c,
        "value_entered": reading.value_entered,
        "unit_entered": reading.unit_entered,
        "source_device": reading.source_device,
        "taken_at": reading.taken_at.isoformat(),
    }


def chain_event(session: Session, event: ScreeningEvent) -> None:
    """Fill in the event's hashes and make it the head of its gate's chain. Call after the
    event and its readings are complete, in the same transaction that inserts it."""
    gate = session.get(Gate, event.gate_id)
    assert gate is not None
    readings = integrity.readings_hash([reading_fields(r) for r in event.readings])
    content = integrity.content_hash(event_fields(event), readings)
    event.readings_hash = readings
    event.content_hash = content
    event.chain_hash = integrity.chain_hash(gate.last_chain_hash, content)
    gate.last_chain_hash = event.chain_hash


def gate_events_in_order(session: Session, gate_id: uuid.UUID) -> Iterator[ScreeningEvent]:
    yield from session.scalars(
        select(ScreeningEvent)
        .where(ScreeningEvent.gate_id == gate_id)
        .order_by(ScreeningEvent.seq)
        .options(selectinload(ScreeningEvent.readings))
        .execution_options(yield_per=1000)
    )
