"""SQLAlchemy 2 typed models: the one schema for the local SQLite file and the central
PostgreSQL server. Every change goes with an Alembic migration (storage/migrations)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from gatekeeper.domain.ids import uuid7
from gatekeeper.storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid7)


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    gates: Mapped[list[Gate]] = relationship(back_populates="site")
    keys: Mapped[list[SigningKey]] = relationship(back_populates="site")


class SigningKey(Base):
    """A public key that signs tokens for a site: the site's badge key (any token), or a gate's
    or web service's key (visitor passes only). Private keys never enter the database."""

    __tablename__ = "signing_keys"
    __table_args__ = (CheckConstraint("purpose IN ('badge', 'gate', 'web')", name="purpose"),)

    id: Mapped[uuid.UUID] = _id()
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    key_id: Mapped[bytes] = mapped_column(LargeBinary(4), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    purpose: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    site: Mapped[Site] = relationship(back_populates="keys")


class Gate(Base):
    __tablename__ = "gates"
    __table_args__ = (
        UniqueConstraint("site_id", "name"),
        CheckConstraint("default_direction IN ('in', 'out')", name="direction"),
    )

    id: Mapped[uuid.UUID] = _id()
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    default_direction: Mapped[str] = mapped_column(String(3), default="in")
    #: The sequence number the next record made at this gate gets (per-gate, monotonic).
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    #: The chain hash of the newest screening event of this gate (see domain/integrity.py).
    last_chain_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    site: Mapped[Site] = relationship(back_populates="gates")


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("site_id", "staff_no"),
        CheckConstraint("kind IN ('employee', 'contractor', 'visitor')", name="kind"),
        Index("ix_people_site_name", "site_id", "name"),
        # The entry log's department filter: department -> people -> their events.
        Index("ix_people_site_department", "site_id", "department"),
    )

    id: Mapped[uuid.UUID] = _id()
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    staff_no: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), default="employee")
    department: Mapped[str] = mapped_column(String(100), default="")
    employer: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    #: A health declaration is required before each day's first entry (a returnee under
    #: observation, say), whatever the site-wide setting.
    declaration_required: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The badge version that verifies now; older versions are revoked.
    badge_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    badges: Mapped[list[Badge]] = relationship(back_populates="person", order_by="Badge.version")


class Badge(Base):
    __tablename__ = "badges"
    __table_args__ = (UniqueConstraint("person_id", "version"),)

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    version: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    person: Mapped[Person] = relationship(back_populates="badges")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("site_id", "username"),
        CheckConstraint("role IN ('guard', 'officer', 'admin')", name="role"),
    )

    id: Mapped[uuid.UUID] = _id()
    site_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sites.id"))
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    #: Argon2 hash of the password (officers, admins) or PIN (guards).
    secret_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScreeningEvent(Base):
    """One pass through the gate (or one refused attempt). Never updated in place: a
    correction is an Amendment row."""

    __tablename__ = "screening_events"
    __table_args__ = (
        UniqueConstraint("gate_id", "seq"),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
        CheckConstraint("decision IN ('pass', 'recheck', 'deny')", name="decision"),
        CheckConstraint("method IN ('qr', 'manual', 'hid', 'auto')", name="method"),
        # The entry log (services/review.py): each index leads with the column of one filter
        # and carries the columns of the others, so that counting, and stepping through a
        # filtered log in time order, read the index alone, never the table.
        Index("ix_events_log_time", "occurred_at", "decision", "direction"),
        Index("ix_events_log_decision", "decision", "occurred_at", "direction"),
        Index("ix_events_log_direction", "direction", "occurred_at", "decision"),
        Index("ix_events_log_gate", "gate_id", "occurred_at", "decision", "direction"),
        Index(
            "ix_events_log_person", "person_id", "occurred_at", "decision", "direction", "gate_id"
        ),
        # Deleting an event (retention) checks this foreign key: without the index, a scan.
        Index("ix_events_recheck_of", "recheck_of"),
    )

    id: Mapped[uuid.UUID] = _id()
    gate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gates.id"))
    seq: Mapped[int] = mapped_column(Integer)
    #: None for a refused token that names nobody in the registry.
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64))
    direction: Mapped[str] = mapped_column(String(3))
    decision: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(64), default="")
    method: Mapped[str] = mapped_column(String(8))
    badge_version: Mapped[int | None] = mapped_column(Integer, default=None)
    #: None when no guard was present (unattended mode).
    guard_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    #: The first event of a recheck pair, when this one is the second reading.
    recheck_of: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("screening_events.id"), default=None
    )
    #: Integrity (domain/integrity.py): the hash of the readings, of the whole content, and
    #: of the content chained to the previous event of the same gate.
    readings_hash: Mapped[str] = mapped_column(String(64), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    chain_hash: Mapped[str] = mapped_column(String(64), default="")
    #: Set when retention removed the raw readings; readings_hash still vouches for them.
    readings_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    readings: Mapped[list[Reading]] = relationship(
        back_populates="event", order_by="Reading.ordinal", cascade="all, delete-orphan"
    )


class Reading(Base):
    __tablename__ = "readings"
    __table_args__ = (
        UniqueConstraint("event_id", "ordinal"),
        CheckConstraint("unit_entered IN ('C', 'F')", name="unit"),
    )

    id: Mapped[uuid.UUID] = _id()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_events.id"))
    ordinal: Mapped[int] = mapped_column(Integer)
    value_c: Mapped[float] = mapped_column(Float)
    value_entered: Mapped[float] = mapped_column(Float)
    unit_entered: Mapped[str] = mapped_column(String(1))
    source_device: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)

    event: Mapped[ScreeningEvent] = relationship(back_populates="readings")


class HealthDeclaration(Base):
    __tablename__ = "health_declarations"
    __table_args__ = (
        Index("ix_declarations_person_at", "person_id", "declared_at"),
        UniqueConstraint("gate_id", "seq"),
    )

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    #: The gate that recorded it, or None when it came from the self-service web.
    gate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("gates.id"), default=None)
    seq: Mapped[int | None] = mapped_column(Integer, default=None)
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    for_date: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, local to the site
    symptoms: Mapped[list[str]] = mapped_column(JSON, default=list)
    places_visited: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_with_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="gate")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Visit(Base):
    """A visitor's or contractor's visit: who they see and why, on which day."""

    __tablename__ = "visits"
    __table_args__ = (
        Index("ix_visits_date", "visit_date"),
        Index("ix_visits_declaration", "declaration_id"),
        UniqueConstraint("gate_id", "seq"),
    )

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    #: The gate that registered it, or None for a pre-registration from the web.
    gate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("gates.id"), default=None)
    seq: Mapped[int | None] = mapped_column(Integer, default=None)
    visit_date: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, local to the site
    company: Mapped[str] = mapped_column(String(100), default="")
    host: Mapped[str] = mapped_column(String(100), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    declaration_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("health_declarations.id"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16), default="gate")


class PersonCode(Base):
    """An employee's personal code for the self-service web pages (services/selfservice.py):
    an Argon2 hash only, and the failed tries that slow down guessing. Local to the database
    the web service uses: never in sync files."""

    __tablename__ = "person_codes"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    set_by: Mapped[str] = mapped_column(String(100))
    #: Wrong codes given since the last right one; past a few, tries must wait.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class WebPass(Base):
    """A visitor pass made on the self-service web pages: the signed token, reachable only
    through the capability URL given to the visitor (stored here as its SHA-256)."""

    __tablename__ = "web_passes"

    id: Mapped[uuid.UUID] = _id()
    visit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("visits.id", ondelete="CASCADE"), unique=True
    )
    capability_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: None when the declaration reported a risk: no pass was issued.
    token: Mapped[str | None] = mapped_column(Text, default=None)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Amendment(Base):
    """A correction of a screening event. The event itself never changes: the effective
    record is the event with its amendments applied in order."""

    __tablename__ = "amendments"
    __table_args__ = (
        Index("ix_amendments_event", "event_id"),
        UniqueConstraint("gate_id", "seq"),
    )

    id: Mapped[uuid.UUID] = _id()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_events.id"))
    #: The installation that made the correction, and its sequence number there.
    gate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gates.id"))
    seq: Mapped[int] = mapped_column(Integer)
    amended_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(500))
    #: {"field": {"from": old, "to": new}, ...}
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)


class AlertAck(Base):
    """An officer's acknowledgement of a fever or deny alert, with what was done."""

    __tablename__ = "alert_acks"

    id: Mapped[uuid.UUID] = _id()
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("screening_events.id"), unique=True)
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    outcome: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(500), default="")


class Observation(Base):
    """A returnee from a listed region under observation for a number of days."""

    __tablename__ = "observations"
    __table_args__ = (Index("ix_observations_person", "person_id"),)

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    origin: Mapped[str] = mapped_column(String(100))
    arrived_on: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, site-local
    clears_on: Mapped[str] = mapped_column(String(10))  # the first day free of observation
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(String(500), default="")
    #: Ended early by an officer (with the reason in the audit trail).
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class RetentionHold(Base):
    """Keeps a person's records (a fever case under investigation) out of purges."""

    __tablename__ = "retention_holds"

    id: Mapped[uuid.UUID] = _id()
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


# --- sync: what was exported and imported (see gatekeeper/sync) -------------------------


class SyncKeyGate(Base):
    """The gate (or web service) a 'gate' or 'web' signing key belongs to, so that a sync file
    of gate G is accepted only when G's own key signed it. (Could instead be a nullable
    ``signing_keys.gate_id`` column.)"""

    __tablename__ = "sync_key_gates"

    signing_key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("signing_keys.id"), primary_key=True
    )
    gate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gates.id"), index=True)


class SyncState(Base):
    """Where a stream stands on this installation.

    - ``records``/``export``: ``origin_id`` is this installation's gate; ``last_seq`` the
      highest sequence number written to a file; ``last_file_hash`` that file's hash (the next
      file's ``prev_file``).
    - ``registry``/``export``: ``origin_id`` is the site; ``last_seq`` the serial number of
      the last registry file.
    - ``records``/``import`` and ``registry``/``import``: ``last_seq`` is the highest sequence
      (serial) number up to which everything has been imported without a gap, and
      ``last_file_hash`` the hash of the file that brought it there.
    """

    __tablename__ = "sync_state"
    __table_args__ = (
        CheckConstraint("stream IN ('records', 'registry')", name="stream"),
        CheckConstraint("direction IN ('export', 'import')", name="direction"),
    )

    stream: Mapped[str] = mapped_column(String(16), primary_key=True)
    origin_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_file_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncImport(Base):
    """One sync file imported here (its hash is the SHA-256 of its signed manifest)."""

    __tablename__ = "sync_imports"
    __table_args__ = (
        CheckConstraint("stream IN ('records', 'registry', 'provision')", name="stream"),
        Index("ix_sync_imports_origin", "stream", "origin_id", "last_seq"),
    )

    file_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    stream: Mapped[str] = mapped_column(String(16))
    origin_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    first_seq: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(Integer)
    prev_file_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SyncSent(Base):
    """The digest of each registry item (gate, key, person, badge) as last exported by this
    site, so that the next registry file carries only what changed."""

    __tablename__ = "sync_registry_sent"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))


class SyncPublished(Base):
    """A registry file the site published for its gates to pull (``sync --upstream``): the
    signed file itself, kept in the database that the gates reach. A gate imports the files
    whose serial number is above what it has, in order; it verifies each with the site's
    public key as it would a file carried by hand."""

    __tablename__ = "sync_published"
    __table_args__ = (
        CheckConstraint("stream IN ('registry')", name="stream"),
        Index("ix_sync_published_origin", "stream", "origin_id", "last_seq"),
    )

    file_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    stream: Mapped[str] = mapped_column(String(16))
    origin_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    last_seq: Mapped[int] = mapped_column(Integer)
    prev_file_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    file_name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEntry(Base):
    """The audit trail. Each row carries the hash of the previous one, so that an edit made
    behind the application's back breaks the chain."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
