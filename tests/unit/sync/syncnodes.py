"""The installations of a sync test (site and gates), as the fixtures in conftest.py make
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.screening import Outcome, TakenReading
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Base
from gatekeeper.sync.service import SyncService


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


@dataclass
class Node:
    """One installation (site or gate) in a temporary folder."""

    name: str
    paths: Paths
    db: Database
    clock: Any
    _services: Services | None = field(default=None, repr=False)

    @cached_property
    def installation(self) -> Installation:
        return SetupService(self.db, self.paths, self.clock).require_installation()

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = build_services(self.db, self.paths, self.installation, self.clock)
            self._services.users.hasher = fast_hasher()
        return self._services

    @property
    def sync(self) -> SyncService:
        return SyncService(self.db, self.paths, self.installation, self.clock)

    def counts(self) -> dict[str, int]:
        """Rows in every table: to show that a rejected file changed nothing."""
        found: dict[str, int] = {}
        with self.db.session() as session:
            for table in Base.metadata.sorted_tables:
                found[table.name] = int(
                    session.scalar(select(func.count()).select_from(table)) or 0
                )
        return found

    def ids(self, model: type[Any]) -> set[Any]:
        with self.db.session() as session:
            return set(session.scalars(select(model.id)))

    def screen(self, token: str, temp: str = "36.6", direction: Direction = Direction.IN
               ) -> Outcome:
        s = self.services.screening
        return s.screen(s.identify_token(token), read(temp), direction)

    def export(self, out: Path, **kwargs: Any) -> list[Path]:
        return [f.path for f in self.sync.export(out, **kwargs)]


def token_of(node: Node, staff_no: str) -> str:
    return str(node.services.badges.issue([staff_no])[0].token)
