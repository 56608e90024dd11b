"""The tables sync needs: what was exported and imported, and which gate a key belongs to.

INTERIM. These models belong in gatekeeper/storage/models.py (on ``Base``) with an Alembic
migration; until they move there they live on their own ``SyncBase`` metadata and
:func:`ensure_schema` creates them on first use. They are kept off ``Base`` on purpose: a model
registered on ``Base`` without a migration makes ``test_migrations_match_the_models`` fail in
every test run that imports this package. Moving them is mechanical: change ``SyncBase`` to
``Base``, ``ForeignKey(Gate.__table__.c.id)`` to ``ForeignKey("gates.id")`` (and the same for
signing_keys), add the migration, and make :func:`ensure_schema` a no-op.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gatekeeper.storage.database import Database
from gatekeeper.storage.models import NAMING, Gate, SigningKey
from gatekeeper.storage.types import UTCDateTime


class SyncBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncKeyGate(SyncBase):
    """The gate (or web service) a 'gate' or 'web' signing key belongs to, so that a sync file
    of gate G is accepted only when G's own key signed it. (Could instead be a nullable
    ``signing_keys.gate_id`` column.)"""

    __tablename__ = "sync_key_gates"

    signing_key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(SigningKey.__table__.c.id), primary_key=True
    )
    gate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(Gate.__table__.c.id), index=True)


class SyncState(SyncBase):
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


class SyncImport(SyncBase):
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


class SyncSent(SyncBase):
    """The digest of each registry item (gate, key, person, badge) as last exported by this
    site, so that the next registry file carries only what changed."""

    __tablename__ = "sync_registry_sent"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))


def ensure_schema(db: Database) -> None:
    """Create the sync tables where they are missing (INTERIM, see the module docstring)."""
    SyncBase.metadata.create_all(db.engine, checkfirst=True)
