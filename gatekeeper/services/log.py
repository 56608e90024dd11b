"""The entry log: screening events with their person, gate and readings, as plain rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from gatekeeper.services.setup import Installation
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database

BATCH = 2000


@dataclass(frozen=True)
class LogFilter:
    since: datetime | None = None
    until: datetime | None = None


class LogService:
    def __init__(self, db: Database, installation: Installation) -> None:
        self.db = db
        self.installation = installation

    def rows(self, where: LogFilter) -> Iterator[dict[str, Any]]:
        """Events in time order, read in batches so that a large log is never all in memory."""
        zones: dict[str, ZoneInfo] = {}
        after: tuple[datetime, str, int] | None = None
        while True:
            with self.db.session() as session:
                batch = repo.events(
                    session, since=where.since, until=where.until, after=after, limit=BATCH
                )
                rows = []
                for event, person, gate in batch:
                    zone = zones.setdefault(event.timezone, ZoneInfo(event.timezone))
                    rows.append({
                        "event_id": str(event.id),
                        "seq": event.seq,
                        "gate": gate.name,
                        "occurred_at": event.occurred_at.isoformat(),
                        "local_time": event.occurred_at.astimezone(zone).isoformat(),
                        "timezone": event.timezone,
                        "direction": event.direction,
                        "decision": event.decision,
                        "reason": event.reason,
                        "method": event.method,
                        "staff_no": person.staff_no if person else None,
                        "name": person.name if person else None,
                        "department": person.department if person else None,
                        "temperatures_c": [r.value_c for r in event.readings],
                        "guard": str(event.guard_id) if event.guard_id else None,
                        "recheck_of": str(event.recheck_of) if event.recheck_of else None,
                    })
                if batch:
                    last_event, _, last_gate = batch[-1]
                    after = (last_event.occurred_at, last_gate.name, last_event.seq)
            yield from rows
            if len(batch) < BATCH:
                return
