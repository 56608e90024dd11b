"""Fixtures for core tests: a data directory, a migrated database, an initialised site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from gatekeeper.config import Paths
from gatekeeper.services.badges import BadgeService
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.storage.database import Database, sqlite_url

if TYPE_CHECKING:
    from gatekeeper.services.container import Services
    from gatekeeper.services.staff import StaffService


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 27, 1, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "data")


@pytest.fixture
def db(paths: Paths) -> Iterator[Database]:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(sqlite_url(paths.database_file))
    yield database
    database.dispose()


@pytest.fixture
def setup_service(db: Database, paths: Paths, clock: FakeClock) -> SetupService:
    return SetupService(db, paths, clock)


@pytest.fixture
def installation(setup_service: SetupService) -> Installation:
    return setup_service.initialise("华东一厂", "North Gate", "Asia/Shanghai", actor="test")


@pytest.fixture
def staff(db: Database, installation: Installation, clock: FakeClock) -> StaffService:
    from gatekeeper.services.staff import StaffService

    return StaffService(db, installation, clock)


@pytest.fixture
def badges(
    db: Database, paths: Paths, installation: Installation, clock: FakeClock
) -> BadgeService:
    return BadgeService(db, paths, installation, clock)


@pytest.fixture
def services(db: Database, paths: Paths, installation: Installation, clock: FakeClock) -> Services:
    from gatekeeper.services.container import build_services
    from gatekeeper.services.users import fast_hasher

    built = build_services(db, paths, installation, clock)
    built.users.hasher = fast_hasher()
    return built
