"""The audit trail: an append-only, hash-chained log of who did what.

Each entry's hash covers its own fields and the previous entry's hash, so an entry edited,
inserted or deleted behind the application's back breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import AuditEntry

GENESIS = "0" * 64


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    prev_hash: str, at: datetime, actor: str, action: str, entity: str, entity_id: str,
    details: str,
) -> str:
    material = "\x1f".join([prev_hash, at.isoformat(), actor, action, entity, entity_id, details])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    entity: str = "",
    entity_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction."""
    last = repo.last_audit_entry(session)
    prev = GENESIS if last is None else last.hash
    text = canonical_json(details or {})
    at = at.astimezone(UTC)  # hashed in the form it is read back in
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=text,
        prev_hash=prev,
        hash=entry_hash(prev, at, actor, action, entity, entity_id, text),
    )
    session.add(entry)
    session.flush()
    return entry


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain, empty when it is intact."""
    problems: list[str] = []
    prev = GENESIS
    for entry in repo.audit_entries(session):
        if entry.prev_hash != prev:
            problems.append(f"audit entry {entry.id}: does not follow the entry before it")
        expected = entry_hash(
            entry.prev_hash, entry.at, entry.actor, entry.action, entry.entity,
            entry.entity_id, entry.details,
        )
        if expected != entry.hash:
            problems.append(f"audit entry {entry.id}: its content was changed")
        prev = entry.hash
    return problems
