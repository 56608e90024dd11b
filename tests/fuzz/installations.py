"""Installations for the fuzz and security tests: a site and the gates provisioned from it,
each in its own folder with its own SQLite database. Hypothesis runs many examples on one
installation, so these are built once per module (not by the unit tests' function-scoped
fixtures), and :class:`Snapshot` puts a database back as it was between examples."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction, Method
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.screening import Outcome, TakenReading
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import Base

START = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
#: The people of a site (staff number, name, department), each with a badge.
PEOPLE = (("1001", "张伟", "总装车间"), ("1002", "Li Na", "QA"))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@dataclass
class Node:
    """One installation (site or gate) in a folder of its own."""

    name: str
    paths: Paths
    db: Database
    clock: Clock
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
    def sync(self) -> Any:
        from gatekeeper.sync.service import SyncService

        return SyncService(self.db, self.paths, self.installation, self.clock)

    def counts(self) -> dict[str, int]:
        """Rows in every table."""
        return table_counts(self.db)

    def token(self, staff_no: str) -> str:
        return str(self.services.badges.issue([staff_no])[0].token)

    def scan(self, token: str, direction: Direction = Direction.IN) -> Outcome | None:
        """What the kiosk does with a scanned text (ui/kiosk/window.py handle_token): the
        person it names (None here), or the refusal as the kiosk shows it."""
        screening = self.services.screening
        try:
            screening.identify_token(token, Method.QR)
        except TokenError as error:
            return screening.refuse(error, token, Method.QR, direction)
        return None

    def screen(self, token: str, temp: str = "36.6", direction: Direction = Direction.IN
               ) -> Outcome:
        s = self.services.screening
        return s.screen(s.identify_token(token), TakenReading(parse_reading(temp), "sim"),
                        direction)

    def export(self, out: Path, **kwargs: Any) -> list[Path]:
        return [f.path for f in self.sync.export(out, **kwargs)]

    def close(self) -> None:
        self.db.dispose()


def table_counts(db: Database) -> dict[str, int]:
    found: dict[str, int] = {}
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            found[table.name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
    return found


def open_node(folder: Path, clock: Clock | None = None) -> Node:
    paths = Paths(folder)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    return Node(folder.name, paths, Database(sqlite_url(paths.database_file)), clock or Clock())


def make_site(
    folder: Path,
    clock: Clock | None = None,
    *,
    site: str = "华东一厂",
    gate: str = "Main Gate",
    people: tuple[tuple[str, str, str], ...] = PEOPLE,
) -> Node:
    """A site's installation (it holds the site key) with ``people`` (staff number, name,
    department), each with a badge."""
    node = open_node(folder, clock)
    SetupService(node.db, node.paths, node.clock).initialise(
        site, gate, "Asia/Shanghai", actor="test"
    )
    for staff_no, name, department in people:
        node.services.staff.add(staff_no=staff_no, name=name, department=department)
    if people:
        node.services.badges.issue([p[0] for p in people])
    return node


def provision(site: Node, folder: Path, name: str, role: str = "gate") -> Node:
    """A gate (or web service) provisioned from ``site``."""
    file = folder.with_suffix(".provision")
    ProvisionService(site.db, site.paths, site.clock).provision(name, file, role=role,
                                                                actor="test")
    node = open_node(folder, site.clock)
    ProvisionService(node.db, node.paths, node.clock).install(file, actor="test")
    file.unlink()
    return node


class Snapshot:
    """A copy of a node's database, to put back between examples: each example then starts
    from the same state, whatever the one before it imported."""

    def __init__(self, node: Node, folder: Path) -> None:
        self.node = node
        folder.mkdir(parents=True, exist_ok=True)
        self.copy = folder / f"{node.name}.db"
        node.db.dispose()
        with sqlite3.connect(node.paths.database_file) as source, sqlite3.connect(
            self.copy
        ) as target:
            source.backup(target)
        source.close()
        target.close()
        self.counts = node.counts()

    def restore(self) -> None:
        database = self.node.paths.database_file
        self.node.db.dispose()  # the last connection closes: the WAL is checkpointed away
        for suffix in ("-wal", "-shm"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(self.copy, database)
