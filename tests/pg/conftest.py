"""Fixtures for tests against a real PostgreSQL that the suite starts itself.

One cluster per test session (``pg_cluster``, a :class:`pgserver.PgServer`), a fresh database
per test (``pg_url``, ``pg_db``), and a private cluster per test for fault tests that must not
disturb the shared one (``pg_cluster_factory``). Where PostgreSQL is not installed, every test
here fails with a message saying what to install: they are never skipped.

For fault tests: ``pg_cluster.terminate_backends(name)`` cuts every connection to a database,
``pg_cluster.terminate_backend(pid)`` one of them (``backend_pids(name)`` lists them),
``pg_cluster.restart()`` restarts the server on the same port, ``stop()``/``start()`` keep it
down for a while (``stop("immediate")`` is a crash). ``pg_url``'s clean-up starts the shared
server again when a test left it stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pgserver import PgServer, PostgresUnavailable
from pgsupport import FakeClock
from sqlalchemy import make_url

from gatekeeper.config import Paths
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database

# The CLI helper of the end-to-end tests (tests/e2e/cliutil.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.postgres)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: runs against a real PostgreSQL cluster started by the suite"
    )


def _start(durable: bool = False) -> PgServer:
    try:
        return PgServer(durable=durable, watchdog=True).start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is needed by this test and could not be started: {exc}",
                    pytrace=False)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgServer]:
    """The session's cluster (fsync off: fast, not crash-safe)."""
    server = _start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_cluster_factory() -> Iterator[Callable[..., PgServer]]:
    """Starts private clusters, ``make(durable=True)`` for one with fsync on; each is
    destroyed after the test."""
    made: list[PgServer] = []

    def make(durable: bool = False) -> PgServer:
        server = _start(durable)
        made.append(server)
        return server

    try:
        yield make
    finally:
        for server in made:
            server.destroy()


@pytest.fixture
def pg_url(pg_cluster: PgServer) -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database; dropped after the test."""
    name = pg_cluster.create_database()
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.ensure_running()
        pg_cluster.drop_database(name)


@pytest.fixture
def pg_dbname(pg_url: str) -> str:
    name = make_url(pg_url).database
    assert name is not None
    return name


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """A Database on a new, empty (not yet migrated) PostgreSQL database."""
    database = Database(pg_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def pg_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def pg_paths(tmp_path: Path) -> Paths:
    """The data directory: keys, logs. The database is elsewhere (``pg_db``)."""
    return Paths(tmp_path / "data")


@pytest.fixture
def pg_installation(pg_db: Database, pg_paths: Paths, pg_clock: FakeClock) -> Installation:
    return SetupService(pg_db, pg_paths, pg_clock).initialise(
        "华东一厂", "North Gate", "Asia/Shanghai", actor="test"
    )


@pytest.fixture
def pg_services(
    pg_db: Database, pg_paths: Paths, pg_installation: Installation, pg_clock: FakeClock
) -> Services:
    """Every service of one installation whose database is on PostgreSQL."""
    built = build_services(pg_db, pg_paths, pg_installation, pg_clock)
    built.users.hasher = fast_hasher()
    return built
