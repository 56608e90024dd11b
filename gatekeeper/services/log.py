"""The entry log as plain rows, for ``gatekeeper log`` and the exports: screening events with
their person, gate and readings, amendments applied, in time order.

The filtering and paging live in services/review.py (the console's log view uses the same
queries); this module streams a whole filtered log in batches, so that a large log is never all
in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gatekeeper.services.review import LogFilter, LogSort, ReviewService, SortColumn
from gatekeeper.services.setup import Installation
from gatekeeper.storage.database import Database

__all__ = ["BATCH", "LogFilter", "LogService"]

BATCH = 2000


class LogService:
    def __init__(self, db: Database, installation: Installation) -> None:
        self.db = db
        self.installation = installation

    def rows(self, where: LogFilter) -> Iterator[dict[str, Any]]:
        """The events that ``where`` selects, oldest first, as of the moment of the call (events
        recorded meanwhile are left out), read in batches of :data:`BATCH`. Each row is
        :meth:`LogRow.to_json <gatekeeper.services.review.LogRow.to_json>`: the effective
        direction, decision, temperature and person, ``amended`` when a correction exists,
        and the readings as recorded in ``temperatures_c``."""
        review = ReviewService(self.db, self.installation)
        query = review.query(where, LogSort(SortColumn.TIME, descending=False))
        for offset in range(0, query.count, BATCH):
            for row in query.rows_at(offset, BATCH):
                yield row.to_json()
