"""Queries. The only module that builds select()/insert() statements; services call these
functions inside their own short session."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Row,
    Select,
    String,
    and_,
    case,
    delete,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    tuple_,
    type_coerce,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.visitors import InternalTraversal

from gatekeeper.domain import integrity
from gatekeeper.domain.enums import Method
from gatekeeper.storage.models import (
    AlertAck,
    Amendment,
    AuditEntry,
    Badge,
    Gate,
    HealthDeclaration,
    Observation,
    Person,
    PersonCode,
    Reading,
    RetentionHold,
    ScreeningEvent,
    Setting,
    SigningKey,
    Site,
    SyncKeyGate,
    User,
    Visit,
    WebPass,
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
        escaped = _escape_like(search)
        if escaped is None:
            return []
        pattern = f"%{escaped}%"
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


def _escape_like(text: str) -> str | None:
    """``text`` for a LIKE pattern with ``escape="\\"``: its wildcards and the escape
    character stand for themselves. None when no stored text can hold ``text``, so that a
    search for it finds nothing: a NUL (SQLite would end the pattern there, so that "\\0" finds
    everybody; PostgreSQL refuses it) or a lone surrogate (it cannot be encoded at all)."""
    if "\x00" in text or (not text.isascii() and not _encodable(text)):
        return None
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- audit ----------------------------------------------------------------------------------


#: pg_advisory_xact_lock key under which audit entries are appended on PostgreSQL.
AUDIT_CHAIN_LOCK = 0x67_6B_61_75_64_69_74  # "gkaudit"


def last_audit_entry(session: Session) -> AuditEntry | None:
    """The newest entry, to chain the next one to. On PostgreSQL the caller's transaction
    first takes a lock held until it ends: two writers then append one after the other, rather
    than both chaining to the same entry (SQLite lets one writer at a time in by itself)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(AUDIT_CHAIN_LOCK)))
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
    escaped = _escape_like(prefix)
    if escaped is None:
        return 0
    return session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.site_id == site_id, Person.staff_no.like(escaped + "%", escape="\\"))
    ) or 0


# --- integrity ------------------------------------------------------------------------------


def event_fields(event: ScreeningEvent) -> dict[str, Any]:
    """The stored fields of an event that its content hash covers, as plain values."""
    return {
        "id": str(event.id),
        "gate_id": str(event.gate_id),
        "seq": event.seq,
        "person_id": str(event.person_id) if event.person_id else None,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
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
        "taken_at": reading.taken_at.astimezone(UTC).isoformat(),
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


# --- reports --------------------------------------------------------------------------------
# Read-only queries for the dashboard and the daily report (services/reports.py). Every query is
# limited to one site (events through their gate, the rest through their person) and returns
# plain columns rather than ORM objects, so that a busy day reads quickly.

#: Reasons that make an event part of a fever case whatever the threshold is today.
_FEVER_REASONS = ("fever_first_reading", "fever_confirmed")


def report_day_events(
    session: Session, site_id: uuid.UUID, since: datetime, until: datetime
) -> list[tuple[uuid.UUID, uuid.UUID | None, datetime, str, str, str | None, str | None]]:
    """Events of the site in [since, until) as (event id, person id, occurred at, direction,
    decision, person's department, person's kind); the person columns are None for a refused
    token that names nobody."""
    query = (
        select(
            ScreeningEvent.id,
            ScreeningEvent.person_id,
            ScreeningEvent.occurred_at,
            ScreeningEvent.direction,
            ScreeningEvent.decision,
            Person.department,
            Person.kind,
        )
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .outerjoin(Person, Person.id == ScreeningEvent.person_id)
        .where(
            Gate.site_id == site_id,
            ScreeningEvent.occurred_at >= since,
            ScreeningEvent.occurred_at < until,
        )
        .order_by(ScreeningEvent.occurred_at)
    )
    return [
        (r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in session.execute(query)
    ]


def report_fever_events(
    session: Session, site_id: uuid.UUID, since: datetime, until: datetime, threshold_c: float
) -> list[tuple[uuid.UUID, uuid.UUID | None, datetime]]:
    """Events of the site in [since, until) with a reading at or above ``threshold_c``, or
    decided as a fever at the gate (under the threshold of their time), as (event id, the
    event it rechecks, occurred at)."""
    has_fever_reading = (
        select(Reading.id)
        .where(Reading.event_id == ScreeningEvent.id, Reading.value_c >= threshold_c)
        .exists()
    )
    query = (
        select(ScreeningEvent.id, ScreeningEvent.recheck_of, ScreeningEvent.occurred_at)
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .where(
            Gate.site_id == site_id,
            ScreeningEvent.occurred_at >= since,
            ScreeningEvent.occurred_at < until,
            or_(has_fever_reading, ScreeningEvent.reason.in_(_FEVER_REASONS)),
        )
        .order_by(ScreeningEvent.occurred_at)
    )
    return [(r[0], r[1], r[2]) for r in session.execute(query)]


def report_case_events(
    session: Session, roots: Sequence[uuid.UUID]
) -> list[tuple[ScreeningEvent, Person | None, Gate, AlertAck | None]]:
    """The events ``roots`` and the rechecks of them, with person, gate and acknowledgement,
    in time order."""
    found: dict[uuid.UUID, tuple[ScreeningEvent, Person | None, Gate, AlertAck | None]] = {}
    for start in range(0, len(roots), 400):
        chunk = list(roots[start : start + 400])
        query = (
            select(ScreeningEvent, Person, Gate, AlertAck)
            .join(Gate, Gate.id == ScreeningEvent.gate_id)
            .outerjoin(Person, Person.id == ScreeningEvent.person_id)
            .outerjoin(AlertAck, AlertAck.event_id == ScreeningEvent.id)
            .where(or_(ScreeningEvent.id.in_(chunk), ScreeningEvent.recheck_of.in_(chunk)))
            .options(selectinload(ScreeningEvent.readings))
        )
        for event, person, gate, ack in session.execute(query):
            found[event.id] = (event, person, gate, ack)
    return sorted(found.values(), key=lambda row: (row[0].occurred_at, row[0].seq))


def report_on_site_count(session: Session, site_id: uuid.UUID, as_of: datetime) -> int:
    """People of the site whose latest pass event at or before ``as_of`` went in. One index
    seek per person (ix_events_log_person), so the whole history costs little."""
    latest = (
        select(ScreeningEvent.direction)
        .where(
            ScreeningEvent.person_id == Person.id,
            ScreeningEvent.decision == "pass",
            ScreeningEvent.occurred_at <= as_of,
        )
        .order_by(ScreeningEvent.occurred_at.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )
    return session.scalar(
        select(func.count())
        .select_from(Person)
        .where(Person.site_id == site_id, latest == "in")
    ) or 0


def report_visit_count(session: Session, site_id: uuid.UUID, visit_date: str) -> int:
    return session.scalar(
        select(func.count())
        .select_from(Visit)
        .join(Person, Person.id == Visit.person_id)
        .where(Person.site_id == site_id, Visit.visit_date == visit_date)
    ) or 0


def report_active_observation_count(
    session: Session, site_id: uuid.UUID, day: str, as_of: datetime
) -> int:
    """Observations running on ``day`` (arrived_on <= day < clears_on) and not ended before
    ``as_of``."""
    return session.scalar(
        select(func.count())
        .select_from(Observation)
        .join(Person, Person.id == Observation.person_id)
        .where(
            Person.site_id == site_id,
            Observation.arrived_on <= day,
            Observation.clears_on > day,
            or_(Observation.ended_at.is_(None), Observation.ended_at > as_of),
        )
    ) or 0


def report_observations(
    session: Session, site_id: uuid.UUID, day: str
) -> list[tuple[Observation, Person]]:
    """Observations whose period covers ``day`` or clears on it (arrived_on <= day <=
    clears_on), ended early or not, by origin and arrival."""
    query = (
        select(Observation, Person)
        .join(Person, Person.id == Observation.person_id)
        .where(
            Person.site_id == site_id,
            Observation.arrived_on <= day,
            Observation.clears_on >= day,
        )
        .order_by(Observation.origin, Observation.arrived_on, Person.staff_no)
    )
    return [(o, p) for o, p in session.execute(query)]


def report_registry_counts(session: Session, site_id: uuid.UUID) -> list[tuple[str, str, int]]:
    """Active people of the site as (department, kind, count)."""
    query = (
        select(Person.department, Person.kind, func.count())
        .where(Person.site_id == site_id, Person.active.is_(True))
        .group_by(Person.department, Person.kind)
    )
    return [(r[0], r[1], int(r[2])) for r in session.execute(query)]


# --- presence -------------------------------------------------------------------------------
# Who is on site, who was not screened, who was denied (services/presence.py). People are
# limited to the site through Person.site_id; a refused token that names nobody never counts.

#: The method of an event the application made by itself (an automatic exit), not a screening.


def latest_pass_events(
    session: Session, site_id: uuid.UUID
) -> list[tuple[ScreeningEvent, Person, Gate]]:
    """Every person's newest pass event (any gate, any direction), by time then sequence."""
    ranked = (
        select(
            ScreeningEvent.id.label("event_id"),
            func.row_number()
            .over(
                partition_by=ScreeningEvent.person_id,
                order_by=(ScreeningEvent.occurred_at.desc(), ScreeningEvent.seq.desc()),
            )
            .label("rank"),
        )
        .join(Person, Person.id == ScreeningEvent.person_id)
        .where(Person.site_id == site_id, ScreeningEvent.decision == "pass")
        .subquery()
    )
    query = (
        select(ScreeningEvent, Person, Gate)
        .join(ranked, ranked.c.event_id == ScreeningEvent.id)
        .join(Person, Person.id == ScreeningEvent.person_id)
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .where(ranked.c.rank == 1)
    )
    return [(e, p, g) for e, p, g in session.execute(query)]


def amendments_of(session: Session, event_ids: Sequence[uuid.UUID]) -> list[Amendment]:
    """The amendments of the events, oldest first (the order in which they apply)."""
    found: list[Amendment] = []
    for start in range(0, len(event_ids), 400):
        chunk = list(event_ids[start : start + 400])
        found.extend(session.scalars(select(Amendment).where(Amendment.event_id.in_(chunk))))
    found.sort(key=lambda a: (a.amended_at, a.seq))
    return found


def lock_gate(session: Session, gate_id: uuid.UUID) -> None:
    """Hold the gate's row until the transaction ends (PostgreSQL), so that two processes
    closing forgotten check-outs at once do it one after the other. SQLite takes its write
    lock at the first write instead, and refuses the later writer."""
    session.execute(select(Gate.id).where(Gate.id == gate_id).with_for_update())


def roll_people(session: Session, site_id: uuid.UUID, visit_date: str) -> list[Person]:
    """Who is expected on ``visit_date``, among the site's active people: employees; the
    registry's contractors; and whoever has a visit that day (visitors, and contractors who
    come through the visitor desk, who have visits and are expected only on those days); by
    department and staff number."""
    visiting = select(Visit.person_id).where(Visit.visit_date == visit_date)
    ever_visited = select(Visit.person_id)
    query = (
        select(Person)
        .where(
            Person.site_id == site_id,
            Person.active.is_(True),
            or_(
                Person.kind == "employee",
                (Person.kind == "contractor") & Person.id.not_in(ever_visited),
                Person.id.in_(visiting),
            ),
        )
        .order_by(Person.department, Person.staff_no)
    )
    return list(session.scalars(query))


def person_decisions_between(
    session: Session, site_id: uuid.UUID, since: datetime, until: datetime
) -> list[tuple[uuid.UUID, str, str, datetime]]:
    """Events of the site's people in [since, until) as (person id, decision, method,
    occurred at), in time order."""
    query = (
        select(
            ScreeningEvent.person_id,
            ScreeningEvent.decision,
            ScreeningEvent.method,
            ScreeningEvent.occurred_at,
        )
        .join(Person, Person.id == ScreeningEvent.person_id)
        .where(
            Person.site_id == site_id,
            ScreeningEvent.occurred_at >= since,
            ScreeningEvent.occurred_at < until,
        )
        .order_by(ScreeningEvent.occurred_at, ScreeningEvent.seq)
    )
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(query) if r[0] is not None]


def people_declared_for(session: Session, site_id: uuid.UUID, for_date: str) -> set[uuid.UUID]:
    """The site's people with a health declaration for ``for_date`` (any source)."""
    query = (
        select(HealthDeclaration.person_id)
        .join(Person, Person.id == HealthDeclaration.person_id)
        .where(Person.site_id == site_id, HealthDeclaration.for_date == for_date)
        .distinct()
    )
    return set(session.scalars(query))


def denials_not_cleared(
    session: Session, site_id: uuid.UUID
) -> list[tuple[ScreeningEvent, Person, Gate]]:
    """Each person's newest deny event when no pass made by a screening (an automatic exit
    is not one) came after it; newest first."""
    last_deny = (
        select(
            ScreeningEvent.person_id.label("person_id"),
            func.max(ScreeningEvent.occurred_at).label("at"),
        )
        .join(Person, Person.id == ScreeningEvent.person_id)
        .where(Person.site_id == site_id, ScreeningEvent.decision == "deny")
        .group_by(ScreeningEvent.person_id)
        .subquery()
    )
    last_pass = (
        select(
            ScreeningEvent.person_id.label("person_id"),
            func.max(ScreeningEvent.occurred_at).label("at"),
        )
        .where(ScreeningEvent.decision == "pass", ScreeningEvent.method != str(Method.AUTO))
        .where(ScreeningEvent.person_id.in_(select(last_deny.c.person_id)))
        .group_by(ScreeningEvent.person_id)
        .subquery()
    )
    query = (
        select(ScreeningEvent, Person, Gate)
        .join(
            last_deny,
            (last_deny.c.person_id == ScreeningEvent.person_id)
            & (last_deny.c.at == ScreeningEvent.occurred_at),
        )
        .outerjoin(last_pass, last_pass.c.person_id == ScreeningEvent.person_id)
        .join(Person, Person.id == ScreeningEvent.person_id)
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .where(
            ScreeningEvent.decision == "deny",
            or_(last_pass.c.at.is_(None), last_pass.c.at < last_deny.c.at),
        )
        .order_by(ScreeningEvent.occurred_at.desc(), ScreeningEvent.seq.desc())
    )
    seen: set[uuid.UUID] = set()
    found: list[tuple[ScreeningEvent, Person, Gate]] = []
    for event, person, gate in session.execute(query):
        if person.id not in seen:  # two denials in the same instant: keep one
            seen.add(person.id)
            found.append((event, person, gate))
    return found


# --- alerts ---------------------------------------------------------------------------------
# An alert is a case keyed by one event: the first reading of a recheck pair (a fever on the
# first reading), or a deny event that is not a second reading (a refused badge, an inactive
# person, a risky declaration). The acknowledgement is stored against the key event.


def alert_cases(
    session: Session,
    site_id: uuid.UUID,
    *,
    since: datetime | None = None,
    open_only: bool = False,
) -> list[tuple[ScreeningEvent, Person | None, Gate, AlertAck | None]]:
    """Key events of alert cases at the site's gates, newest first, with their
    acknowledgement."""
    query = (
        select(ScreeningEvent, Person, Gate, AlertAck)
        .join(Gate, Gate.id == ScreeningEvent.gate_id)
        .outerjoin(Person, Person.id == ScreeningEvent.person_id)
        .outerjoin(AlertAck, AlertAck.event_id == ScreeningEvent.id)
        .where(
            Gate.site_id == site_id,
            or_(
                ScreeningEvent.decision == "recheck",
                (ScreeningEvent.decision == "deny") & ScreeningEvent.recheck_of.is_(None),
            ),
        )
        .options(selectinload(ScreeningEvent.readings))
        .order_by(ScreeningEvent.occurred_at.desc(), ScreeningEvent.seq.desc())
    )
    if since is not None:
        query = query.where(ScreeningEvent.occurred_at >= since)
    if open_only:
        query = query.where(AlertAck.id.is_(None))
    return [(e, p, g, a) for e, p, g, a in session.execute(query)]


def second_readings_of(
    session: Session, first_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ScreeningEvent]:
    """The second reading of each of the events ``first_ids`` that has one, by first event."""
    found: dict[uuid.UUID, ScreeningEvent] = {}
    for start in range(0, len(first_ids), 400):
        chunk = list(first_ids[start : start + 400])
        query = (
            select(ScreeningEvent)
            .where(ScreeningEvent.recheck_of.in_(chunk))
            .options(selectinload(ScreeningEvent.readings))
        )
        for event in session.scalars(query):
            if event.recheck_of is not None:
                found[event.recheck_of] = event
    return found


def alert_ack_of(session: Session, event_id: uuid.UUID) -> AlertAck | None:
    return session.scalars(select(AlertAck).where(AlertAck.event_id == event_id)).first()


# --- observation ----------------------------------------------------------------------------
# Dates are site-local 'YYYY-MM-DD' strings, which compare correctly as text.


def observations_active_on(
    session: Session,
    site_id: uuid.UUID,
    day: str,
    not_ended_before: datetime,
    person_id: uuid.UUID | None = None,
) -> list[tuple[Observation, Person]]:
    """Observations running on ``day`` (arrived_on <= day < clears_on) that were not ended
    before ``not_ended_before`` (the start of the next day, for "all of ``day``"); by clearance
    date and staff number."""
    query = (
        select(Observation, Person)
        .join(Person, Person.id == Observation.person_id)
        .where(
            Person.site_id == site_id,
            Observation.arrived_on <= day,
            Observation.clears_on > day,
            or_(Observation.ended_at.is_(None), Observation.ended_at >= not_ended_before),
        )
        .order_by(Observation.clears_on, Person.staff_no, Observation.arrived_on)
    )
    if person_id is not None:
        query = query.where(Observation.person_id == person_id)
    return [(o, p) for o, p in session.execute(query)]


def observation_with_person(
    session: Session, observation_id: uuid.UUID
) -> tuple[Observation, Person] | None:
    row = session.execute(
        select(Observation, Person)
        .join(Person, Person.id == Observation.person_id)
        .where(Observation.id == observation_id)
    ).first()
    return None if row is None else (row[0], row[1])


def observations_of_person(session: Session, person_id: uuid.UUID) -> list[Observation]:
    """A person's travel history, newest arrival first."""
    return list(
        session.scalars(
            select(Observation)
            .where(Observation.person_id == person_id)
            .order_by(Observation.arrived_on.desc(), Observation.created_at.desc())
        )
    )


def person_events_between(
    session: Session, person_id: uuid.UUID, since: datetime, until: datetime
) -> list[ScreeningEvent]:
    """A person's events in [since, until) with their readings, in time order."""
    return list(
        session.scalars(
            select(ScreeningEvent)
            .where(
                ScreeningEvent.person_id == person_id,
                ScreeningEvent.occurred_at >= since,
                ScreeningEvent.occurred_at < until,
            )
            .options(selectinload(ScreeningEvent.readings))
            .order_by(ScreeningEvent.occurred_at, ScreeningEvent.seq)
        )
    )


def declaration_dates(
    session: Session, person_id: uuid.UUID, first: str, last: str
) -> set[str]:
    """The days in [first, last] for which the person made a health declaration."""
    return set(
        session.scalars(
            select(HealthDeclaration.for_date).where(
                HealthDeclaration.person_id == person_id,
                HealthDeclaration.for_date >= first,
                HealthDeclaration.for_date <= last,
            )
        )
    )


# --- amendments -----------------------------------------------------------------------------
# Corrections of screening events (services/amend.py) and what verifies them
# (services/integrity.py).


def amendments_for_event(session: Session, event_id: uuid.UUID) -> list[Amendment]:
    """The amendments of one event in the order they apply (time, then gate and sequence)."""
    return list(
        session.scalars(
            select(Amendment)
            .where(Amendment.event_id == event_id)
            .order_by(Amendment.amended_at, Amendment.gate_id, Amendment.seq)
        )
    )


def all_amendments(session: Session) -> Iterator[Amendment]:
    """Every amendment, streamed."""
    yield from session.scalars(
        select(Amendment)
        .order_by(Amendment.gate_id, Amendment.seq)
        .execution_options(yield_per=1000)
    )


def audit_entries_with_actions(session: Session, actions: Sequence[str]) -> Iterator[AuditEntry]:
    """Audit entries with one of ``actions``, oldest first, streamed."""
    yield from session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action.in_(list(actions)))
        .order_by(AuditEntry.id)
        .execution_options(yield_per=1000)
    )


def all_gates(session: Session) -> list[tuple[uuid.UUID, str, int, str]]:
    """Every gate as (id, name, next sequence number, last chain hash), read in one statement
    so that the counter and the chain head belong together."""
    rows = session.execute(
        select(Gate.id, Gate.name, Gate.next_seq, Gate.last_chain_hash).order_by(Gate.name)
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def gate_next_seq(session: Session, gate_id: uuid.UUID) -> int | None:
    return session.scalar(select(Gate.next_seq).where(Gate.id == gate_id))


# --- retention ------------------------------------------------------------------------------
# What a purge removes (services/retention.py). The predicates are shared by the dry run (counts)
# and the purge itself (deletes), so that both always mean the same rows. People with an active
# retention hold are left out of every one.


def _held(person_id: Any) -> ColumnElement[bool]:
    """True when ``person_id`` names someone with an active hold (False for no person)."""
    active = select(RetentionHold.person_id).where(RetentionHold.released_at.is_(None))
    return and_(person_id.is_not(None), person_id.in_(active))


def purgeable_events(before: datetime) -> ColumnElement[bool]:
    """Events that occurred before ``before``, of nobody on hold, and not the first reading of
    a recheck that stays (the second reading points at it)."""
    second = aliased(ScreeningEvent)
    staying_rechecks = select(second.recheck_of).where(
        second.recheck_of.is_not(None),
        or_(second.occurred_at >= before, _held(second.person_id)),
    )
    return and_(
        ScreeningEvent.occurred_at < before,
        not_(_held(ScreeningEvent.person_id)),
        ScreeningEvent.id.not_in(staying_rechecks),
    )


def strippable_events(readings_before: datetime, events_before: datetime) -> ColumnElement[bool]:
    """Events that stay but whose raw readings go: older than ``readings_before``, readings not
    yet removed, of nobody on hold, and not removed whole by the event purge."""
    return and_(
        ScreeningEvent.occurred_at < readings_before,
        ScreeningEvent.readings_purged_at.is_(None),
        not_(_held(ScreeningEvent.person_id)),
        select(Reading.id).where(Reading.event_id == ScreeningEvent.id).exists(),
        not_(purgeable_events(events_before)),
    )


def purgeable_visits(before_date: str) -> ColumnElement[bool]:
    return and_(Visit.visit_date < before_date, not_(_held(Visit.person_id)))


def purgeable_declarations(before: datetime) -> ColumnElement[bool]:
    return and_(
        HealthDeclaration.declared_at < before, not_(_held(HealthDeclaration.person_id))
    )


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def count_events_where(session: Session, where: ColumnElement[bool]) -> int:
    return _count(session, select(ScreeningEvent.id).where(where))


def count_children_of_events(session: Session, where: ColumnElement[bool]) -> dict[str, int]:
    """Readings, amendments and alert acknowledgements of the events ``where`` selects."""
    ids = select(ScreeningEvent.id).where(where)
    return {
        "readings": _count(session, select(Reading.id).where(Reading.event_id.in_(ids))),
        "amendments": _count(session, select(Amendment.id).where(Amendment.event_id.in_(ids))),
        "alert_acks": _count(session, select(AlertAck.id).where(AlertAck.event_id.in_(ids))),
    }


def amendments_of_events_where(session: Session, where: ColumnElement[bool]) -> list[Amendment]:
    ids = select(ScreeningEvent.id).where(where)
    return list(session.scalars(select(Amendment).where(Amendment.event_id.in_(ids))))


def count_visits_where(session: Session, where: ColumnElement[bool]) -> int:
    return _count(session, select(Visit.id).where(where))


def count_declarations_where(session: Session, where: ColumnElement[bool]) -> int:
    return _count(session, select(HealthDeclaration.id).where(where))


def gates_with_events_where(session: Session, where: ColumnElement[bool]) -> list[uuid.UUID]:
    return list(
        session.scalars(select(ScreeningEvent.gate_id).where(where).distinct())
    )


def max_seq_where(session: Session, gate_id: uuid.UUID, where: ColumnElement[bool]) -> int | None:
    return session.scalar(
        select(func.max(ScreeningEvent.seq)).where(ScreeningEvent.gate_id == gate_id, where)
    )


def held_person_ids(session: Session) -> set[uuid.UUID]:
    return set(
        session.scalars(
            select(RetentionHold.person_id).where(RetentionHold.released_at.is_(None))
        )
    )


def staying_recheck_targets(session: Session, before: datetime) -> set[uuid.UUID]:
    """First readings older than ``before`` whose second reading stays (see
    :func:`purgeable_events`)."""
    second = aliased(ScreeningEvent)
    first = aliased(ScreeningEvent)
    return {
        target
        for target in session.scalars(
            select(second.recheck_of)
            .join(first, first.id == second.recheck_of)
            .where(
                first.occurred_at < before,
                or_(second.occurred_at >= before, _held(second.person_id)),
            )
        )
        if target is not None
    }


def chain_slice(
    session: Session, gate_id: uuid.UUID, after_seq: int, upto_seq: int, limit: int
) -> list[tuple[int, str, datetime, uuid.UUID, uuid.UUID | None]]:
    """Events of a gate with ``after_seq`` < seq <= ``upto_seq`` as (seq, chain hash, occurred
    at, id, person id), in sequence order, at most ``limit``."""
    rows = session.execute(
        select(
            ScreeningEvent.seq,
            ScreeningEvent.chain_hash,
            ScreeningEvent.occurred_at,
            ScreeningEvent.id,
            ScreeningEvent.person_id,
        )
        .where(
            ScreeningEvent.gate_id == gate_id,
            ScreeningEvent.seq > after_seq,
            ScreeningEvent.seq <= upto_seq,
        )
        .order_by(ScreeningEvent.seq)
        .limit(limit)
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def delete_events_where(session: Session, where: ColumnElement[bool]) -> dict[str, int]:
    """Delete the events ``where`` selects with their readings, amendments and alert
    acknowledgements; the number of rows of each removed. The events go in one statement, so
    that a recheck pair removed together never trips its foreign key."""
    ids = select(ScreeningEvent.id).where(where)
    removed: dict[str, int] = {}
    for name, model, column in (
        ("readings", Reading, Reading.event_id),
        ("amendments", Amendment, Amendment.event_id),
        ("alert_acks", AlertAck, AlertAck.event_id),
    ):
        removed[name] = _rowcount(
            session.execute(
                delete(model)
                .where(column.in_(ids))
                .execution_options(synchronize_session=False)
            )
        )
    removed["events"] = _rowcount(
        session.execute(
            delete(ScreeningEvent).where(where).execution_options(synchronize_session=False)
        )
    )
    return removed


def mark_readings_purged(session: Session, where: ColumnElement[bool], at: datetime) -> int:
    """Set ``readings_purged_at`` = ``at`` on the events ``where`` selects; how many."""
    return _rowcount(
        session.execute(
            update(ScreeningEvent)
            .where(where)
            .values(readings_purged_at=at)
            .execution_options(synchronize_session=False)
        )
    )


def delete_readings_purged_at(session: Session, at: datetime) -> int:
    """Delete the readings of the events marked purged at ``at``; how many."""
    ids = select(ScreeningEvent.id).where(ScreeningEvent.readings_purged_at == at)
    return _rowcount(
        session.execute(
            delete(Reading).where(Reading.event_id.in_(ids))
            .execution_options(synchronize_session=False)
        )
    )


def amendments_of_events_purged_at(session: Session, at: datetime) -> list[Amendment]:
    ids = select(ScreeningEvent.id).where(ScreeningEvent.readings_purged_at == at)
    return list(session.scalars(select(Amendment).where(Amendment.event_id.in_(ids))))


def delete_visits_where(session: Session, where: ColumnElement[bool]) -> int:
    return _rowcount(
        session.execute(
            delete(Visit).where(where).execution_options(synchronize_session=False)
        )
    )


def delete_declarations_where(session: Session, where: ColumnElement[bool]) -> tuple[int, int]:
    """Delete the declarations ``where`` selects; (declarations removed, visits that pointed
    at one and now point at none)."""
    ids = select(HealthDeclaration.id).where(where)
    unlinked = _rowcount(
        session.execute(
            update(Visit)
            .where(Visit.declaration_id.in_(ids))
            .values(declaration_id=None)
            .execution_options(synchronize_session=False)
        )
    )
    removed = _rowcount(
        session.execute(
            delete(HealthDeclaration).where(where).execution_options(synchronize_session=False)
        )
    )
    return removed, unlinked


def _rowcount(result: Any) -> int:
    return int(result.rowcount or 0)


def active_hold_of(session: Session, person_id: uuid.UUID) -> RetentionHold | None:
    return session.scalars(
        select(RetentionHold)
        .where(RetentionHold.person_id == person_id, RetentionHold.released_at.is_(None))
        .limit(1)
    ).first()


def retention_holds(session: Session, *, active_only: bool = True) -> list[RetentionHold]:
    query = select(RetentionHold).order_by(RetentionHold.created_at)
    if active_only:
        query = query.where(RetentionHold.released_at.is_(None))
    return list(session.scalars(query))


def count_held_people(session: Session) -> int:
    return len(held_person_ids(session))


# --- log review -----------------------------------------------------------------------------
# The officer console's entry log over a million events (services/review.py has the paging
# design). Each query names the index that answers it (SQLite: INDEXED BY). The indexes
# "ix_events_log_*" of models.ScreeningEvent lead with the column of one filter and carry the
# columns of the others, so that a count, and a walk through a filtered log in time order, read
# that index alone, never the table. Filters on other columns are written "+column" on SQLite:
# tested in the index rows, never taken for an index constraint, nor for a constant of the
# ORDER BY (either would make SQLite sort). PostgreSQL gets the same statements without the
# hints; its planner chooses.

LOG_INDEX_TIME = "ix_events_log_time"  # occurred_at, decision, direction
LOG_INDEX_DECISION = "ix_events_log_decision"  # decision, occurred_at, direction
LOG_INDEX_DIRECTION = "ix_events_log_direction"  # direction, occurred_at, decision
LOG_INDEX_GATE = "ix_events_log_gate"  # gate_id, occurred_at, decision, direction
LOG_INDEX_PERSON = "ix_events_log_person"  # person_id, occurred_at, decision, direction, gate_id
#: Not an index: events read by key only (SQLite: NOT INDEXED, which still looks rowids up).
LOG_BY_KEY = ""

#: How a log query addresses an event: SQLite's rowid (small, and in every index row), the
#: primary key elsewhere.
EventKey = int | uuid.UUID


@dataclass(frozen=True)
class TimeBound:
    at: datetime
    inclusive: bool


@dataclass(frozen=True)
class LogPredicate:
    """Which events a log query reads, as plain values (services/review.py builds it).

    Amended events: a field's ``*_not`` keys are events that match the field as recorded but
    not as amended; its ``*_also`` keys match as amended but not as recorded."""

    lo: TimeBound | None = None
    hi: TimeBound | None = None
    gate_id: uuid.UUID | None = None
    #: Events of these people only (None: of anybody, and of nobody).
    person_ids: tuple[uuid.UUID, ...] | None = None
    #: Events of the people of this department (of ``site_id`` when given).
    department: str | None = None
    site_id: uuid.UUID | None = None
    #: Only events that name nobody in the registry (refused tokens).
    nobody: bool = False
    person_not: tuple[EventKey, ...] = ()
    person_also: tuple[EventKey, ...] = ()
    decision: str | None = None
    decision_not: tuple[EventKey, ...] = ()
    decision_also: tuple[EventKey, ...] = ()
    direction: str | None = None
    direction_not: tuple[EventKey, ...] = ()
    direction_also: tuple[EventKey, ...] = ()
    #: Only these events (read by key, not through an index).
    keys: tuple[EventKey, ...] | None = None

    @property
    def has_people(self) -> bool:
        return self.person_ids is not None or self.department is not None or self.nobody

    def plain(self) -> LogPredicate:
        """The predicate on the values as recorded: without the amended keys."""
        return replace(self, person_not=(), person_also=(), decision_not=(), decision_also=(),
                       direction_not=(), direction_also=())

    def amended_keys(self) -> set[EventKey]:
        return {*self.person_not, *self.person_also, *self.decision_not,
                *self.decision_also, *self.direction_not, *self.direction_also}


class _IndexedBy(Alias):
    """The events table read through a named index: ``t AS t INDEXED BY ix`` on SQLite,
    ``t AS t`` elsewhere. Columns keep the table's name."""

    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own declaration, extended)
        *Alias._traverse_internals,
        ("index_name", InternalTraversal.dp_string),
    ]
    index_name: str

    @classmethod
    def of(cls, table: FromClause, index_name: str) -> _IndexedBy:
        alias = cls._construct(table, name="screening_events")
        alias.index_name = index_name
        return alias


def _indexed_by_sqlite(element: _IndexedBy, compiler: SQLCompiler, **kw: Any) -> str:
    text = str(compiler.visit_alias(element, **kw))  # type: ignore[no-untyped-call]
    if kw.get("asfrom") and not kw.get("ashint"):
        name = element.index_name
        text += f" INDEXED BY {name}" if name else " NOT INDEXED"
    return text


class _Unindexed(ColumnElement[Any]):
    """A column SQLite must test row by row (``+column``) rather than use an index for."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


def _unindexed_default(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


def _unindexed_sqlite(element: _Unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + str(compiler.process(element.column, **kw))


compiles(_IndexedBy, "sqlite")(_indexed_by_sqlite)
compiles(_Unindexed)(_unindexed_default)
compiles(_Unindexed, "sqlite")(_unindexed_sqlite)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


#: One alias per index, made once: building an alias's column collection costs a millisecond.
_LOG_SOURCES: dict[str | None, FromClause] = {}
_ROWID = literal_column("screening_events.rowid", Integer)


def _log_source(
    session: Session, index: str | None
) -> tuple[FromClause, ColumnElement[Any]]:
    """The events table (through ``index`` when given) and its event key column."""
    source = _LOG_SOURCES.get(index)
    if source is None:
        table = ScreeningEvent.__table__
        source = _LOG_SOURCES[index] = table if index is None else _IndexedBy.of(table, index)
    key: ColumnElement[Any] = _ROWID if _is_sqlite(session) else source.c.id
    return source, key


#: Rare decisions: their index slice is small, even when the table must be read for a gate.
_RARE_DECISIONS = ("deny", "recheck")


def log_scan_index(where: LogPredicate) -> str:
    """The index that yields ``where`` in time order (after its leading equality): the one
    whose slice is the smallest in a factory's log, without statistics. One person (or
    nobody) first, then a rare decision, a gate, a direction, the common decision."""
    single = where.person_ids is not None and len(where.person_ids) == 1
    if (single or where.nobody) and where.department is None and not where.person_also:
        return LOG_INDEX_PERSON
    decision = where.decision is not None and not where.decision_also
    if decision and where.decision in _RARE_DECISIONS:
        return LOG_INDEX_DECISION
    if where.gate_id is not None:
        return LOG_INDEX_GATE
    if where.direction is not None and not where.direction_also:
        return LOG_INDEX_DIRECTION
    if decision:
        return LOG_INDEX_DECISION
    return LOG_INDEX_TIME


def _log_count_index(where: LogPredicate) -> str:
    return LOG_INDEX_PERSON if where.has_people else log_scan_index(where)


def log_scan_covers(where: LogPredicate) -> bool:
    """Whether the time-ordered index answers ``where`` alone: not when the person (people of
    a department, several people) or the gate must be looked up in the table for each index
    row."""
    index = log_scan_index(where)
    if where.has_people and index != LOG_INDEX_PERSON:
        return False
    return where.gate_id is None or index in (LOG_INDEX_GATE, LOG_INDEX_PERSON)


def _overlaid(
    condition: ColumnElement[bool], key: ColumnElement[Any],
    exclude: Sequence[EventKey], include: Sequence[EventKey],
) -> ColumnElement[bool]:
    if exclude:
        condition = and_(condition, key.not_in(list(exclude)))
    if include:
        condition = or_(condition, key.in_(list(include)))
    return condition


def _log_conditions(
    source: FromClause, key: ColumnElement[Any], where: LogPredicate, index: str | None
) -> list[ColumnElement[bool]]:
    """The WHERE terms of ``where`` for a read through ``index``: the index's leading column
    and the time as index constraints, every other column tested in the index rows."""
    c = source.c
    terms: list[ColumnElement[bool]] = []
    if where.keys is not None:
        terms.append(key.in_(list(where.keys)))
    if where.lo is not None:
        terms.append(c.occurred_at >= where.lo.at if where.lo.inclusive
                     else c.occurred_at > where.lo.at)
    if where.hi is not None:
        terms.append(c.occurred_at <= where.hi.at if where.hi.inclusive
                     else c.occurred_at < where.hi.at)
    if where.gate_id is not None:
        gate = c.gate_id if index == LOG_INDEX_GATE else _Unindexed(c.gate_id)
        terms.append(gate == where.gate_id)
    people: list[ColumnElement[bool]] = []
    if where.nobody:
        people.append(c.person_id.is_(None))
    if where.person_ids is not None:
        if len(where.person_ids) == 1:
            person = c.person_id if index == LOG_INDEX_PERSON else _Unindexed(c.person_id)
            people.append(person == where.person_ids[0])
        else:
            people.append(c.person_id.in_(list(where.person_ids)))
    if where.department is not None:
        members = select(Person.id).where(Person.department == where.department)
        if where.site_id is not None:
            members = members.where(Person.site_id == where.site_id)
        people.append(c.person_id.in_(members))
    if people:
        terms.append(_overlaid(and_(*people), key, where.person_not, where.person_also))
    elif where.person_not:
        terms.append(key.not_in(list(where.person_not)))
    if where.decision is not None:
        decision = c.decision if index == LOG_INDEX_DECISION else _Unindexed(c.decision)
        terms.append(_overlaid(
            decision == where.decision, key, where.decision_not, where.decision_also
        ))
    if where.direction is not None:
        direction = c.direction if index == LOG_INDEX_DIRECTION else _Unindexed(c.direction)
        terms.append(_overlaid(
            direction == where.direction, key, where.direction_not, where.direction_also
        ))
    return terms


def _log_order(source: FromClause, index: str) -> list[ColumnElement[Any]]:
    """The columns of ``index`` after its leading equality: the order it holds rows in."""
    c = source.c
    if index == LOG_INDEX_DECISION:
        return [c.occurred_at, c.direction]
    if index == LOG_INDEX_DIRECTION:
        return [c.occurred_at, c.decision]
    if index == LOG_INDEX_PERSON:
        return [c.occurred_at, c.decision, c.direction, c.gate_id]
    return [c.occurred_at, c.decision, c.direction]


def _log_read(
    session: Session, where: LogPredicate
) -> tuple[FromClause, ColumnElement[Any], list[ColumnElement[bool]]]:
    """The source, key and terms that read ``where`` whole: through its count index, or by
    key when it names its events."""
    index = LOG_BY_KEY if where.keys is not None else _log_count_index(where)
    source, key = _log_source(session, index)
    return source, key, _log_conditions(source, key, where, index)


def log_count(session: Session, where: LogPredicate) -> int:
    source, _, terms = _log_read(session, where)
    return int(session.scalar(select(func.count()).select_from(source).where(*terms)) or 0)


def log_person_counts(
    session: Session, where: LogPredicate
) -> list[tuple[uuid.UUID | None, int]]:
    """How many events of ``where`` each person has as recorded (None: events that name
    nobody)."""
    source, key = _log_source(session, LOG_INDEX_PERSON)
    query = (
        select(source.c.person_id, func.count())
        .select_from(source)
        .where(*_log_conditions(source, key, where, LOG_INDEX_PERSON))
        .group_by(source.c.person_id)
    )
    return [(person, int(n)) for person, n in session.execute(query)]


def log_keys(
    session: Session, where: LogPredicate, *, descending: bool, offset: int, limit: int
) -> list[tuple[Any, ...]]:
    """The events of ``where`` from ``offset`` on, in time order, each as the values it is
    ordered by: the time, the scan index's other columns, and the key (last). Events of the
    same microsecond follow the index's other columns, then the key: an order fixed for one
    predicate."""
    index = log_scan_index(where)
    source, key = _log_source(session, index)
    columns = [*_log_order(source, index), key]
    query = (
        select(*columns)
        .select_from(source)
        .where(*_log_conditions(source, key, where, index))
        .order_by(*(col.desc() if descending else col.asc() for col in columns))
        .limit(limit)
        .offset(offset)
    )
    return [tuple(row) for row in session.execute(query)]


def log_order_of(
    session: Session, where: LogPredicate, keys: Sequence[EventKey]
) -> dict[EventKey, tuple[Any, ...]]:
    """For these events, what log_keys gives for each when it reads ``where``: the values
    ``where``'s walk orders them by, by key."""
    if not keys:
        return {}
    index = log_scan_index(where)
    ordered, _ = _log_source(session, index)
    source, key = _log_source(session, LOG_BY_KEY)
    columns = [source.c[col.name] for col in _log_order(ordered, index)]
    query = select(*columns, key).select_from(source).where(key.in_(list(keys)))
    return {row[-1]: tuple(row) for row in session.execute(query)}


def log_key_rows(
    session: Session, where: LogPredicate, fields: Sequence[str] = (), *,
    raw_time: bool = False, newest_first: bool | None = None,
    leave_out: Sequence[EventKey] = (),
) -> list[tuple[Any, ...]]:
    """Key, time and the recorded ``fields`` (person_id, gate_id, decision, direction,
    temperature_c) of every event of ``where``
    but those of ``leave_out``: to order a small result in memory. temperature_c is the last
    reading (None when there is none, or retention removed it). ``raw_time``: the time as the
    database gives it (SQLite: its fixed-width UTC text, which sorts as the time does and
    costs no parsing). ``newest_first``: in the order log_keys walks ``where`` (time, the scan
    index's other columns, key), that way or the other (None: in no particular order)."""
    source, key, terms = _log_read(session, where)
    if leave_out:
        terms = [*terms, key.not_in(list(leave_out))]
    time: ColumnElement[Any] = source.c.occurred_at
    if raw_time:
        time = type_coerce(time, String)
    columns: list[Any] = [key, time]
    for name in fields:
        if name == "temperature_c":
            last = (
                select(Reading.value_c)
                .where(Reading.event_id == source.c.id)
                .order_by(Reading.ordinal.desc())
                .limit(1)
                .scalar_subquery()
            )
            columns.append(case((source.c.readings_purged_at.is_(None), last), else_=None))
        else:
            columns.append(source.c[name])
    query = select(*columns).select_from(source).where(*terms)
    if newest_first is not None:
        order = [*_log_order(source, log_scan_index(where)), key]
        query = query.order_by(*(c.desc() if newest_first else c.asc() for c in order))
    # On the connection: the session's ORM layer would cost a third more for many rows.
    return [tuple(r) for r in session.connection().execute(query)]


def log_latest_time(session: Session) -> datetime | None:
    return session.scalar(select(func.max(ScreeningEvent.occurred_at)))


def log_count_all(session: Session) -> tuple[int, datetime | None]:
    """How many events there are, and the time of the newest, read together (one statement:
    one snapshot). Counting a whole table reads no row: SQLite counts the pages of its
    smallest index."""
    total = select(func.count()).select_from(ScreeningEvent).scalar_subquery()
    latest = select(func.max(ScreeningEvent.occurred_at)).scalar_subquery()
    count, at = session.execute(select(total, type_coerce(latest, UTCDateTime()))).one()
    return int(count), at


def log_people(
    session: Session, site_id: uuid.UUID | None
) -> list[tuple[uuid.UUID, str, str, str]]:
    """(id, staff number, name, department) of everybody."""
    query = select(Person.id, Person.staff_no, Person.name, Person.department)
    if site_id is not None:
        query = query.where(Person.site_id == site_id)
    return [(i, s, n, d) for i, s, n, d in session.execute(query)]


def log_people_state(session: Session, site_id: uuid.UUID | None) -> tuple[int, Any]:
    """A cheap fingerprint of the registry: how many people, and the newest change."""
    query = select(func.count(), func.max(Person.updated_at)).select_from(Person)
    if site_id is not None:
        query = query.where(Person.site_id == site_id)
    count, newest = session.execute(query).one()
    return int(count), newest


def log_people_by_ids(
    session: Session, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str, str]]:
    """(staff number, name, department) of each of these people."""
    found: dict[uuid.UUID, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        query = select(Person.id, Person.staff_no, Person.name, Person.department).where(
            Person.id.in_(list(ids[start : start + 500]))
        )
        found.update({i: (s, n, d) for i, s, n, d in session.execute(query)})
    return found


def log_person_ids(
    session: Session, site_id: uuid.UUID | None, *, staff_no: str | None = None,
    department: str | None = None,
) -> list[uuid.UUID]:
    query = select(Person.id)
    if site_id is not None:
        query = query.where(Person.site_id == site_id)
    if staff_no is not None:
        query = query.where(Person.staff_no == staff_no)
    if department is not None:
        query = query.where(Person.department == department)
    return list(session.scalars(query))


def log_departments(session: Session, site_id: uuid.UUID | None) -> list[str]:
    query = select(Person.department).distinct().where(Person.department != "")
    if site_id is not None:
        query = query.where(Person.site_id == site_id)
    return sorted(session.scalars(query))


def log_gates(session: Session) -> list[tuple[uuid.UUID, str, str]]:
    """(id, name, time zone) of every gate, by name."""
    query = select(Gate.id, Gate.name, Gate.timezone).order_by(Gate.name, Gate.id)
    return [(i, n, z) for i, n, z in session.execute(query)]


def log_amended_events(
    session: Session, hi: TimeBound | None
) -> list[tuple[EventKey, str, str, uuid.UUID | None, dict[str, Any]]]:
    """Each amendment of an event up to ``hi`` with the event's key and recorded direction,
    decision and person, in the order they apply: by event, then time, gate and sequence."""
    source, key = _log_source(session, None)
    query = (
        select(key, source.c.direction, source.c.decision, source.c.person_id,
               Amendment.changes)
        .select_from(source)
        .join(Amendment, Amendment.event_id == source.c.id)
        .order_by(key, Amendment.amended_at, Amendment.gate_id, Amendment.seq)
    )
    if hi is not None:
        query = query.where(source.c.occurred_at <= hi.at if hi.inclusive
                            else source.c.occurred_at < hi.at)
    return [(k, d, s, p, c) for k, d, s, p, c in session.execute(query)]


def log_amendment_state(session: Session) -> tuple[int, Any]:
    """A cheap fingerprint of the amendments table: its size and newest amendment."""
    count, newest = session.execute(
        select(func.count(), func.max(Amendment.amended_at)).select_from(Amendment)
    ).one()
    return int(count), newest


def log_event_rows(session: Session, keys: Sequence[EventKey]) -> list[Row[Any]]:
    """The shown fields of the events with these keys (in no particular order), with their
    gate's name and recorded person's staff number, name and department."""
    if not keys:
        return []
    source, key = _log_source(session, LOG_BY_KEY)
    c = source.c
    query = (
        select(
            key.label("key"), c.id, c.seq, c.gate_id, Gate.name.label("gate"), c.person_id,
            c.occurred_at, c.timezone, c.direction, c.decision, c.reason, c.method,
            c.guard_id, c.recheck_of, c.readings_purged_at,
            Person.staff_no, Person.name, Person.department,
        )
        .select_from(source)
        .join(Gate, Gate.id == c.gate_id)
        .outerjoin(Person, Person.id == c.person_id)
        .where(key.in_(list(keys)))
    )
    return list(session.execute(query))


def log_readings(
    session: Session, event_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[float]]:
    found: dict[uuid.UUID, list[float]] = {}
    if not event_ids:
        return found
    query = (
        select(Reading.event_id, Reading.value_c)
        .where(Reading.event_id.in_(list(event_ids)))
        .order_by(Reading.event_id, Reading.ordinal)
    )
    for event_id, value in session.execute(query):
        found.setdefault(event_id, []).append(value)
    return found


def log_amendments_of(
    session: Session, event_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """The changes of each amended event among ``event_ids``, in the order they apply."""
    found: dict[uuid.UUID, list[dict[str, Any]]] = {}
    if not event_ids:
        return found
    query = (
        select(Amendment.event_id, Amendment.changes)
        .where(Amendment.event_id.in_(list(event_ids)))
        .order_by(Amendment.event_id, Amendment.amended_at, Amendment.gate_id, Amendment.seq)
    )
    for event_id, changes in session.execute(query):
        found.setdefault(event_id, []).append(changes)
    return found


# --- sync -----------------------------------------------------------------------------------
# Streams and bulk writes for sync files (gatekeeper/sync). Rows are plain column tuples in
# the order asked for; streams are read with yield_per, so that a million events never sit in
# memory at once. ``model`` is a mapped class of storage/models.py.

#: The record kinds numbered by a gate's sequence (ScreeningEvent, HealthDeclaration, Visit,
#: Amendment): they share one counter per gate (allocate_seq).
SYNC_SEQUENCED: tuple[type[Any], ...] = (ScreeningEvent, HealthDeclaration, Visit, Amendment)
_SYNC_CHUNK = 500
_SYNC_YIELD = 2000


def _sync_columns(table: Any, columns: Sequence[str], raw: Sequence[str]) -> list[Any]:
    """The columns of ``table``; those named in ``raw`` as the driver gives them, without
    the column type's conversion (for a fast export: SQLite gives UUIDs as 32 hex digits and
    datetimes as naive UTC text, PostgreSQL gives uuid.UUID and aware datetimes)."""
    from sqlalchemy import type_coerce
    from sqlalchemy.types import NullType

    return [
        type_coerce(table.c[name], NullType()).label(name) if name in raw else table.c[name]
        for name in columns
    ]


def _sync_chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    # SQLite limits the number of bound parameters in one statement.
    for start in range(0, len(ids), _SYNC_CHUNK):
        yield list(ids[start : start + _SYNC_CHUNK])


def sync_seqs_after(
    session: Session, gate_id: uuid.UUID, after: int, limit: int
) -> list[int]:
    """The first ``limit`` sequence numbers above ``after`` that the gate's records use,
    across all sequenced kinds, ascending."""
    seqs: list[int] = []
    for model in SYNC_SEQUENCED:
        seqs.extend(
            session.scalars(
                select(model.seq)
                .where(model.gate_id == gate_id, model.seq > after)
                .order_by(model.seq)
                .limit(limit)
            )
        )
    seqs.sort()
    return seqs[:limit]


def sync_gate_rows(
    session: Session,
    model: type[Any],
    columns: Sequence[str],
    gate_id: uuid.UUID,
    first: int,
    last: int,
    raw: Sequence[str] = (),
) -> Iterator[Sequence[Sequence[Any]]]:
    """The gate's records of one sequenced kind with ``first <= seq <= last``, by seq, in
    lists of up to 2,000 rows; the columns ``raw`` unconverted (see _sync_columns)."""
    table = model.__table__
    query = (
        select(*_sync_columns(table, columns, raw))
        .where(table.c.gate_id == gate_id, table.c.seq >= first, table.c.seq <= last)
        .order_by(table.c.seq)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    yield from session.execute(query).partitions()


def sync_native_json(session: Session) -> bool:
    """Whether the database writes the JSON arrays of sync_gate_json_rows itself: SQLite
    (3.38 or later, json_array built in) does, from the values as it stores them."""
    from sqlalchemy.exc import OperationalError

    if session.get_bind().dialect.name != "sqlite":
        return False
    try:
        session.execute(select(func.json_array(1)))
    except OperationalError:
        return False
    return True


def sync_gate_json_rows(
    session: Session,
    model: type[Any],
    columns: Sequence[str],
    gate_id: uuid.UUID,
    first: int,
    last: int,
) -> Iterator[list[str]]:
    """:func:`sync_gate_rows` as one JSON array of the stored values per row, made by SQLite
    (check sync_native_json first). Only for columns stored as integers or text (UUIDs as 32
    hex digits, datetimes as UTC text): SQLite writes them exactly, with no conversion in
    Python; it would shorten a float and write a boolean as 0 or 1."""
    table = model.__table__
    query = (
        select(func.json_array(*(table.c[name] for name in columns)))
        .where(table.c.gate_id == gate_id, table.c.seq >= first, table.c.seq <= last)
        .order_by(table.c.seq)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    for part in session.execute(query).partitions():
        yield [text for (text,) in part]


def sync_gate_readings(
    session: Session,
    columns: Sequence[str],
    gate_id: uuid.UUID,
    first: int,
    last: int,
    raw: Sequence[str] = (),
) -> Iterator[Sequence[Sequence[Any]]]:
    """The readings of the gate's events with ``first <= seq <= last``, by event seq and
    ordinal, in lists of up to 2,000 rows; the columns ``raw`` unconverted."""
    readings = Reading.__table__
    events = ScreeningEvent.__table__
    query = (
        select(*_sync_columns(readings, columns, raw))
        .join(events, events.c.id == readings.c.event_id)
        .where(events.c.gate_id == gate_id, events.c.seq >= first, events.c.seq <= last)
        .order_by(events.c.seq, readings.c.ordinal)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    yield from session.execute(query).partitions()


def _sync_referred(
    gate_id: uuid.UUID, first: int, last: int, refs: Sequence[tuple[type[Any], str]]
) -> Any:
    """The ids in the columns ``refs`` (model, column) of the gate's records with
    ``first <= seq <= last``, as a subquery."""
    from sqlalchemy import union

    parts = [
        select(model.__table__.c[column].label("ref")).where(
            model.__table__.c.gate_id == gate_id,
            model.__table__.c.seq >= first,
            model.__table__.c.seq <= last,
        )
        for model, column in refs
    ]
    return union(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


_SYNC_PERSON_REFS: tuple[tuple[type[Any], str], ...] = (
    (ScreeningEvent, "person_id"), (HealthDeclaration, "person_id"), (Visit, "person_id"),
)


def sync_referred_visitors(
    session: Session, columns: Sequence[str], gate_id: uuid.UUID, first: int, last: int
) -> list[Sequence[Any]]:
    """The visitors and contractors that the gate's events, declarations and visits with
    ``first <= seq <= last`` name, by id: a gate registers them itself, and they travel
    upstream with its records."""
    people = Person.__table__
    referred = _sync_referred(gate_id, first, last, _SYNC_PERSON_REFS)
    query = (
        select(*(people.c[name] for name in columns))
        .where(
            people.c.id.in_(select(referred.c.ref)),
            people.c.kind.in_(("visitor", "contractor")),
        )
        .order_by(people.c.id)
    )
    return list(session.execute(query))


def sync_referred_visitor_badges(
    session: Session, columns: Sequence[str], gate_id: uuid.UUID, first: int, last: int
) -> list[Sequence[Any]]:
    """Every badge of the people :func:`sync_referred_visitors` gives."""
    people = Person.__table__
    badges = Badge.__table__
    referred = _sync_referred(gate_id, first, last, _SYNC_PERSON_REFS)
    query = (
        select(*(badges.c[name] for name in columns))
        .join(people, people.c.id == badges.c.person_id)
        .where(
            people.c.id.in_(select(referred.c.ref)),
            people.c.kind.in_(("visitor", "contractor")),
        )
        .order_by(badges.c.person_id, badges.c.version)
    )
    return list(session.execute(query))


def sync_referred_users(
    session: Session, columns: Sequence[str], gate_id: uuid.UUID, first: int, last: int
) -> list[Sequence[Any]]:
    """The guards on duty at the gate's events with ``first <= seq <= last``, by id."""
    users = User.__table__
    referred = _sync_referred(gate_id, first, last, ((ScreeningEvent, "guard_id"),))
    query = (
        select(*(users.c[name] for name in columns))
        .where(users.c.id.in_(select(referred.c.ref)))
        .order_by(users.c.id)
    )
    return list(session.execute(query))


def sync_rows_by_ids(
    session: Session, model: type[Any], columns: Sequence[str], ids: Sequence[uuid.UUID]
) -> list[Sequence[Any]]:
    """Rows of ``model`` whose id is in ``ids`` (in no particular order)."""
    table = model.__table__
    found: list[Sequence[Any]] = []
    for chunk in _sync_chunks(ids):
        query = select(*(table.c[name] for name in columns)).where(table.c.id.in_(chunk))
        found.extend(session.execute(query))
    return found


def sync_existing_ids(
    session: Session, model: type[Any], ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of ``ids`` are ids of ``model`` here (one statement per 10,000 ids)."""
    return {row[0] for row in sync_rows_with_ids(session, model, ("id",), ids)}


def sync_badges_of_people(
    session: Session, columns: Sequence[str], person_ids: Sequence[uuid.UUID]
) -> list[Sequence[Any]]:
    badges = Badge.__table__
    found: list[Sequence[Any]] = []
    for chunk in _sync_chunks(person_ids):
        query = (
            select(*(badges.c[name] for name in columns))
            .where(badges.c.person_id.in_(chunk))
            .order_by(badges.c.person_id, badges.c.version)
        )
        found.extend(session.execute(query))
    return found


def sync_site_rows(
    session: Session, model: type[Any], columns: Sequence[str], site_id: uuid.UUID
) -> Iterator[Sequence[Any]]:
    """Every row of a site-owned table (gates, signing_keys, people) of the site, by id."""
    table = model.__table__
    query = (
        select(*(table.c[name] for name in columns))
        .where(table.c.site_id == site_id)
        .order_by(table.c.id)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    yield from session.execute(query)


def sync_site_people_summary(
    session: Session, columns: Sequence[str], site_id: uuid.UUID
) -> Iterator[Sequence[Any]]:
    """The site's people without their photos: ``columns`` and then the photo's length (None
    when there is none), by id. Cheap enough to read whole at every registry export."""
    people = Person.__table__
    query = (
        select(*(people.c[name] for name in columns), func.length(people.c.photo))
        .where(people.c.site_id == site_id)
        .order_by(people.c.id)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    yield from session.execute(query)


def sync_site_badges(
    session: Session, columns: Sequence[str], site_id: uuid.UUID
) -> Iterator[Sequence[Any]]:
    """Every badge of the site's people, by person and version."""
    badges = Badge.__table__
    people = Person.__table__
    query = (
        select(*(badges.c[name] for name in columns))
        .join(people, people.c.id == badges.c.person_id)
        .where(people.c.site_id == site_id)
        .order_by(badges.c.person_id, badges.c.version)
        .execution_options(yield_per=_SYNC_YIELD)
    )
    yield from session.execute(query)


def sync_insert(session: Session, model: type[Any], records: Iterable[dict[str, Any]]) -> None:
    """Insert plain records (column name to value, all with the same columns) in the
    session's transaction, in bulk: see sync_write_rows."""
    sync_write_rows(session, model, records)


def sync_update(
    session: Session, model: type[Any], row_id: uuid.UUID, values: dict[str, Any]
) -> None:
    table = model.__table__
    session.execute(table.update().where(table.c.id == row_id).values(**values))


def sync_seq_owners(
    session: Session, model: type[Any], gate_id: uuid.UUID, seqs: Sequence[int]
) -> dict[int, uuid.UUID]:
    """Which record of ``model`` holds each of the gate's sequence numbers ``seqs``: one
    range query over the gate's unique (gate_id, seq) index, whatever their number."""
    if not seqs:
        return {}
    table = model.__table__
    wanted = set(seqs)
    query = select(table.c.seq, table.c.id).where(
        table.c.gate_id == gate_id, table.c.seq >= min(wanted), table.c.seq <= max(wanted)
    )
    return {seq: row_id for seq, row_id in session.execute(query) if seq in wanted}


def sync_chain_before(session: Session, gate_id: uuid.UUID, seq: int | None) -> str | None:
    """The chain hash of the gate's newest event numbered below ``seq`` (of its newest event
    when ``seq`` is None); None when there is none."""
    query = select(ScreeningEvent.chain_hash).where(ScreeningEvent.gate_id == gate_id)
    if seq is not None:
        query = query.where(ScreeningEvent.seq < seq)
    return session.scalars(query.order_by(ScreeningEvent.seq.desc()).limit(1)).first()


def sync_badge_slots(
    session: Session, person_ids: Sequence[uuid.UUID]
) -> dict[tuple[uuid.UUID, int], uuid.UUID]:
    """The badge id of each (person, version) of the people ``person_ids``."""
    found: dict[tuple[uuid.UUID, int], uuid.UUID] = {}
    for chunk in _sync_chunks(person_ids):
        query = select(Badge.person_id, Badge.version, Badge.id).where(
            Badge.person_id.in_(chunk)
        )
        found.update({(p, v): i for p, v, i in session.execute(query)})
    return found


# --- self-service web (services/selfservice.py) ---------------------------------------------


def web_key_gate(session: Session, key_id: bytes) -> tuple[SigningKey, Gate] | None:
    """The signing key with ``key_id`` when it is a web service's key, and the gate entry the
    site made for that web service when it provisioned it."""
    row = session.execute(
        select(SigningKey, Gate)
        .join(SyncKeyGate, SyncKeyGate.signing_key_id == SigningKey.id)
        .join(Gate, Gate.id == SyncKeyGate.gate_id)
        .where(SigningKey.key_id == key_id, SigningKey.purpose == "web")
    ).first()
    return None if row is None else (row[0], row[1])


def person_code_of(session: Session, person_id: uuid.UUID) -> PersonCode | None:
    """The PersonCode row of a person (their self-service personal code), or None."""
    return session.get(PersonCode, person_id)


def web_pass_by_capability(
    session: Session, capability_hash: str
) -> tuple[WebPass, Visit, Person] | None:
    """The web pass whose capability hashes to ``capability_hash``, with its visit and
    holder; None when there is none."""
    row = session.execute(
        select(WebPass, Visit, Person)
        .join(Visit, Visit.id == WebPass.visit_id)
        .join(Person, Person.id == Visit.person_id)
        .where(WebPass.capability_hash == capability_hash)
    ).first()
    return None if row is None else (row[0], row[1], row[2])


# --- sync: bulk import ----------------------------------------------------------------------
# What gatekeeper/sync/importer.py needs to check and write a file of 10,000 records in a few
# statements rather than thousands: ids looked up 10,000 at a time in one parameter, rows
# written by the driver's bulk path (PostgreSQL COPY, SQLite executemany) in the session's
# transaction.

#: Ids per statement in sync_rows_with_ids; rows per COPY or executemany in sync_write_rows.
SYNC_BULK = 10_000


def _sync_rows_query(
    session: Session, table: Any, columns: Sequence[str], ids: Sequence[Any]
) -> Select[Any]:
    """The rows of ``table`` whose id is in ``ids``, as one statement with one bound
    parameter however many ids: on PostgreSQL an array, each id looked up in the primary key
    (a LATERAL that cannot be flattened: for thousands of ids the planner would otherwise
    scan the whole table); on SQLite a JSON array of the stored values (``IN json_each``, which
    SQLite looks up in the primary key's index)."""
    import json

    from sqlalchemy import ARRAY, bindparam, true

    dialect = session.get_bind().dialect
    wanted_columns = [table.c[name] for name in columns]
    if dialect.name == "postgresql":
        array = bindparam(None, list(ids), type_=ARRAY(table.c.id.type))
        wanted = func.unnest(array).table_valued("id").render_derived(name="wanted")
        found = (
            select(*wanted_columns).where(table.c.id == wanted.c.id).limit(1).lateral("found")
        )
        return select(found).select_from(wanted).join(found, true())
    if dialect.name == "sqlite":
        store = table.c.id.type.bind_processor(dialect)
        stored = [store(i) for i in ids] if store is not None else list(ids)
        values = func.json_each(json.dumps(stored)).table_valued("value")
        return select(*wanted_columns).where(table.c.id.in_(select(values.c.value)))
    return select(*wanted_columns).where(table.c.id.in_(list(ids)))


def sync_rows_with_ids(
    session: Session, model: type[Any], columns: Sequence[str], ids: Sequence[uuid.UUID]
) -> list[Sequence[Any]]:
    """Rows of ``model`` whose id is in ``ids`` (in no particular order): one statement per
    SYNC_BULK ids, so that checking a file of new records costs a few index probes each.
    On PostgreSQL the ids are first looked up alone, as one binary array (a text array of
    10,000 UUIDs costs more to write and parse than the lookup); the rows of those found, if
    any, are then read."""
    table = model.__table__
    found: list[Sequence[Any]] = []
    for start in range(0, len(ids), SYNC_BULK):
        chunk = ids[start : start + SYNC_BULK]
        if session.get_bind().dialect.name == "postgresql":
            chunk = _sync_pg_present(session, table.name, chunk)
            if not chunk:
                continue
        found.extend(session.execute(_sync_rows_query(session, table, columns, chunk)))
    return found


def _sync_pg_present(session: Session, table: str, ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """Which of ``ids`` are ids of ``table`` here (PostgreSQL), by psycopg with the ids as
    one binary uuid[] parameter. Each is looked up in the primary key (a LATERAL that cannot
    be flattened): for 10,000 ids the planner would otherwise scan the whole table, which
    costs more with every file imported."""
    connection = session.connection()
    quoted = connection.dialect.identifier_preparer.quote(table)
    statement = (
        f"SELECT found.id FROM unnest(%b::uuid[]) AS wanted(id) CROSS JOIN LATERAL"
        f" (SELECT t.id FROM {quoted} AS t WHERE t.id = wanted.id LIMIT 1) AS found"
    )
    with _SyncDriverErrors(connection, statement):
        driver: Any = connection.connection.driver_connection
        with driver.cursor() as cursor:
            cursor.execute(statement, (list(ids),))
            return [row[0] for row in cursor.fetchall()]


def sync_write_rows(
    session: Session, model: type[Any], records: Iterable[dict[str, Any]]
) -> None:
    """Insert records (column name to value, every record with the same columns) in the
    session's transaction, each value stored exactly as an ORM or Core insert would store it
    (the column type's own bind processor converts it): on PostgreSQL by COPY, on SQLite by
    INSERTs of many rows each, SYNC_BULK rows at a time; elsewhere, or when a column left out
    has a default to fill in, by a Core executemany. A constraint that fails raises
    SQLAlchemy's IntegrityError, as an INSERT would. ``records`` is read once, as the rows
    go: on PostgreSQL, whatever produces them runs while the server stores those before."""
    from itertools import chain, islice
    from operator import itemgetter

    remaining = iter(records)
    first = next(remaining, None)
    if first is None:
        return
    table = model.__table__
    dialect = session.get_bind().dialect
    names = list(first)
    given = set(names)
    defaults = [
        c for c in table.columns
        if c.name not in given and (c.default is not None or c.server_default is not None)
    ]
    if dialect.name not in ("postgresql", "sqlite") or defaults:
        session.execute(table.insert(), [first, *remaining])
        return
    columns = [table.c[name] for name in names]
    processors = [
        (i, p) for i, c in enumerate(columns)
        if (p := _sync_bind_processor(c, dialect)) is not None
    ]
    values = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))

    def stored(record: dict[str, Any]) -> tuple[Any, ...]:
        row = values(record)
        if not processors:
            return tuple(row)
        row = list(row)
        for i, process in processors:
            row[i] = process(row[i])
        return tuple(row)

    quote = dialect.identifier_preparer.quote
    target = f"{quote(table.name)} ({', '.join(quote(n) for n in names)})"
    connection = session.connection()
    copy = None if dialect.name == "sqlite" else _SyncCopy(connection, quote(table.name), names)
    head: dict[str, Any] | None = first
    while head is not None:
        chunk = (stored(record) for record in chain([head], islice(remaining, SYNC_BULK - 1)))
        if copy is None:
            _sync_sqlite_insert(connection, target, len(names), list(chunk))
        else:
            copy.write(target, chunk)  # rows made as they are sent
        head = next(remaining, None)


def _sync_sqlite_insert(
    connection: Any, target: str, width: int, rows: Sequence[tuple[Any, ...]]
) -> None:
    """INSERT ``rows`` into ``target`` on SQLite with as many rows to a statement as its
    limit of bound values allows (a third less work than one statement a row)."""
    import sqlite3
    from itertools import chain

    driver: Any = connection.connection.driver_connection
    most = max(1, driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width)
    one = "(" + ", ".join("?" * width) + ")"
    for start in range(0, len(rows), most):
        part = rows[start : start + most]
        statement = f"INSERT INTO {target} VALUES " + ", ".join([one] * len(part))
        connection.exec_driver_sql(statement, tuple(chain.from_iterable(part)))


def _sync_sqlite_utc(value: datetime | None) -> str | None:
    """What UTCDateTime's bind processor stores on SQLite (naive UTC text, always with
    microseconds), without its generic formatting: the bulk of an import is datetimes. A
    datetime read from a sync file carries that very text already (``utc_text``, see
    gatekeeper/sync/records.py's FileTime)."""
    text = getattr(value, "utc_text", None)
    if text is not None:
        return str(text)
    if value is None or value.tzinfo is None:
        stored: str | None = _SQLITE_UTC(value)  # None, or its error for a naive value
        return stored
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sync_sqlite_utc_processor() -> Any:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    return UTCDateTime().dialect_impl(dialect).bind_processor(dialect)


_SQLITE_UTC = _sync_sqlite_utc_processor()


def _sync_bind_processor(column: Any, dialect: Any) -> Any:
    """The function that turns a value of ``column`` into what the driver gets."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(column.type, UTCDateTime):
        if dialect.name == "sqlite":
            return _sync_sqlite_utc
        if process is not None:
            # A datetime in UTC already (all of a sync file's) is what UTCDateTime gives.
            def utc(value: datetime | None) -> Any:
                return value if value is not None and value.tzinfo is UTC else process(value)

            return utc
    return process


#: PostgreSQL column types that COPY writes in binary form (no text to parse) from the
#: values psycopg gets: uuid, int2/4/8, float4/8, varchar, text, timestamptz, bool.
_PG_BINARY_COPY = frozenset({2950, 21, 23, 20, 700, 701, 1043, 25, 1184, 16})


class _SyncCopy:
    """COPY into one table with psycopg on a SQLAlchemy connection's transaction: binary when
    every column has one of the types _PG_BINARY_COPY names (the server then parses no text),
    text otherwise."""

    def __init__(self, connection: Any, table: str, names: Sequence[str]) -> None:
        self.connection = connection
        self.driver: Any = connection.connection.driver_connection
        statement = (
            "SELECT attname, atttypid::int FROM pg_attribute WHERE attrelid = %s::regclass"
            " AND attnum > 0 AND NOT attisdropped"
        )
        with _SyncDriverErrors(connection, statement), self.driver.cursor() as cursor:
            cursor.execute(statement, (table,))
            oids = dict(cursor.fetchall())
        types = [oids.get(name) for name in names]
        self.types = types if all(oid in _PG_BINARY_COPY for oid in types) else None

    def write(self, target: str, rows: Iterable[Sequence[Any]]) -> None:
        statement = f"COPY {target} FROM STDIN"
        if self.types is not None:
            statement += " (FORMAT BINARY)"
        with (
            _SyncDriverErrors(self.connection, statement),
            self.driver.cursor() as cursor,
            cursor.copy(statement) as copy,
        ):
            if self.types is not None:
                copy.set_types(self.types)
            for row in rows:
                copy.write_row(row)


class _SyncDriverErrors:
    """psycopg used directly on a SQLAlchemy connection: its errors come out as
    SQLAlchemy's (IntegrityError, DataError, OperationalError...), and a connection that
    died is invalidated, as for any statement SQLAlchemy runs."""

    def __init__(self, connection: Any, statement: str) -> None:
        self.connection = connection
        self.statement = statement

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, exc: BaseException | None, tb: Any) -> None:
        import psycopg
        from sqlalchemy.exc import DBAPIError

        if not isinstance(exc, psycopg.Error):
            return
        dialect = self.connection.dialect
        gone = bool(dialect.is_disconnect(exc, self.connection.connection, None))
        translated = DBAPIError.instance(
            self.statement, None, exc, psycopg.Error, connection_invalidated=gone,
            dialect=dialect,
        )
        if gone:
            self.connection.invalidate(exc)
        raise translated from exc
