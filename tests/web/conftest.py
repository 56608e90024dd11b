"""Fixtures for the self-service web tests: a site, its web service provisioned from it (the
web service's own key, on the site's database), and the pages under FastAPI's test client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webhelp import FakeClock

from gatekeeper.config import Paths
from gatekeeper.services.badges import BadgeService
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.selfservice import SelfService, web_installation
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.web.app import WebConfig, create_app
from gatekeeper.web.security import Limits


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def site(tmp_path: Path, clock: FakeClock) -> Iterator[Services]:
    paths = Paths(tmp_path / "site")
    paths.data_dir.mkdir()
    db = Database(sqlite_url(paths.database_file))
    installation = SetupService(db, paths, clock).initialise(
        "华东一厂", "North Gate", "Asia/Shanghai", actor="test"
    )
    services = build_services(db, paths, installation, clock)
    services.users.hasher = fast_hasher()
    yield services
    db.dispose()


@pytest.fixture
def web_paths(site: Services, tmp_path: Path, clock: FakeClock) -> Iterator[Paths]:
    file = tmp_path / "web.gkprov"
    ProvisionService(site.db, site.paths, clock).provision("Web", file, role="web",
                                                           actor="test")
    paths = Paths(tmp_path / "web")
    own = Database(sqlite_url(paths.database_file))
    ProvisionService(own, paths, clock).install(file, actor="test")
    own.dispose()
    yield paths


@pytest.fixture
def selfservice(site: Services, web_paths: Paths, clock: FakeClock) -> SelfService:
    installation = web_installation(site.db, web_paths)
    badges = BadgeService(site.db, web_paths, installation, clock)
    return SelfService(site.db, installation, badges, clock, fast_hasher())


@pytest.fixture
def limits() -> Limits:
    return Limits()


@pytest.fixture
def client(selfservice: SelfService, limits: Limits) -> Iterator[TestClient]:
    app = create_app(selfservice, WebConfig(secret=b"s" * 32, limits=limits))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
