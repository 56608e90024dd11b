from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from gatekeeper.services import audit
from gatekeeper.storage.database import Database

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def _fill(db: Database, count: int) -> None:
    db.migrate()
    with db.session() as session:
        for i in range(count):
            audit.record(
                session, at=T0 + timedelta(minutes=i), actor="officer", action="x",
                entity="person", entity_id=str(i), details={"n": i, "名字": "张伟"},
            )


def test_intact_chain_verifies(db: Database) -> None:
    _fill(db, 5)
    with db.session() as session:
        assert audit.verify_chain(session) == []


def test_edited_row_is_detected(db: Database) -> None:
    _fill(db, 5)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET details = :d WHERE id = 3"), {"d": '{"n":99}'})
    with db.session() as session:
        problems = audit.verify_chain(session)
    assert problems == ["audit entry 3: its content was changed"]


def test_deleted_row_is_detected(db: Database) -> None:
    _fill(db, 5)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 2"))
    with db.session() as session:
        assert audit.verify_chain(session) == ["audit entry 3: does not follow the entry before it"]


def test_rehashed_row_still_breaks_the_link_to_the_next(db: Database) -> None:
    _fill(db, 3)
    with db.session() as session:
        entries = list(audit.repo.audit_entries(session))
        forged = entries[0]
        forged.actor = "intruder"
        forged.hash = audit.entry_hash(
            forged.prev_hash, forged.at, forged.actor, forged.action, forged.entity,
            forged.entity_id, forged.details,
        )
    with db.session() as session:
        assert audit.verify_chain(session) == ["audit entry 2: does not follow the entry before it"]
