"""Queries on the sync tables (gatekeeper/sync/models.py).

INTERIM: these move into gatekeeper/storage/repositories.py (section ``# --- sync ---``) when
the sync models move into the main schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from gatekeeper.storage.models import SigningKey
from gatekeeper.sync.models import SyncImport, SyncKeyGate, SyncPublished, SyncSent, SyncState


def get_state(
    session: Session, stream: str, origin_id: uuid.UUID, direction: str
) -> SyncState | None:
    return session.get(SyncState, (stream, origin_id, direction))


def state(
    session: Session, stream: str, origin_id: uuid.UUID, direction: str, now: datetime
) -> SyncState:
    """The state row, created (at 0, no file) when there is none yet."""
    row = get_state(session, stream, origin_id, direction)
    if row is None:
        row = SyncState(
            stream=stream, origin_id=origin_id, direction=direction, last_seq=0,
            last_file_hash=None, updated_at=now,
        )
        session.add(row)
        session.flush()
    return row


def get_import(session: Session, file_hash: str) -> SyncImport | None:
    return session.get(SyncImport, file_hash)


def imports_of(session: Session, stream: str, origin_id: uuid.UUID) -> Sequence[SyncImport]:
    return session.scalars(
        select(SyncImport)
        .where(SyncImport.stream == stream, SyncImport.origin_id == origin_id)
        .order_by(SyncImport.first_seq, SyncImport.last_seq)
    ).all()


def add_import(session: Session, row: SyncImport) -> None:
    session.add(row)
    session.flush()


def gate_of_key(session: Session, signing_key_id: uuid.UUID) -> uuid.UUID | None:
    row = session.get(SyncKeyGate, signing_key_id)
    return None if row is None else row.gate_id


def key_gates(session: Session, site_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID]:
    """Signing key id to gate id, for the site's gate and web keys."""
    query = (
        select(SyncKeyGate.signing_key_id, SyncKeyGate.gate_id)
        .join(SigningKey, SigningKey.id == SyncKeyGate.signing_key_id)
        .where(SigningKey.site_id == site_id)
    )
    return {k: g for k, g in session.execute(query)}


def map_key(session: Session, signing_key_id: uuid.UUID, gate_id: uuid.UUID) -> None:
    row = session.get(SyncKeyGate, signing_key_id)
    if row is None:
        session.add(SyncKeyGate(signing_key_id=signing_key_id, gate_id=gate_id))
    else:
        row.gate_id = gate_id
    session.flush()


def sent_digests(session: Session, kind: str) -> dict[uuid.UUID, str]:
    query = select(SyncSent.item_id, SyncSent.digest).where(SyncSent.kind == kind)
    return {i: d for i, d in session.execute(query)}


def put_sent(session: Session, kind: str, digests: Mapping[uuid.UUID, str]) -> None:
    if not digests:
        return
    known = sent_digests(session, kind)
    new: list[dict[str, Any]] = []
    for item_id, digest in digests.items():
        if item_id in known:
            if known[item_id] != digest:
                row = session.get(SyncSent, (kind, item_id))
                assert row is not None
                row.digest = digest
        else:
            new.append({"kind": kind, "item_id": item_id, "digest": digest})
    if new:
        session.execute(insert(SyncSent), new)
    session.flush()


# --- registry files published for gates to pull (sync_published) ---------------------------


def publish(session: Session, row: SyncPublished) -> bool:
    """Keep a registry file for the gates to pull; False when it is there already."""
    if session.get(SyncPublished, row.file_hash) is not None:
        return False
    session.add(row)
    session.flush()
    return True


def published_after(
    session: Session, stream: str, origin_id: uuid.UUID, last_seq: int, limit: int
) -> Sequence[SyncPublished]:
    """The published files of a stream above serial ``last_seq``, oldest first."""
    return session.scalars(
        select(SyncPublished)
        .where(
            SyncPublished.stream == stream,
            SyncPublished.origin_id == origin_id,
            SyncPublished.last_seq > last_seq,
        )
        .order_by(SyncPublished.last_seq, SyncPublished.created_at)
        .limit(limit)
    ).all()
