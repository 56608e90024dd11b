"""Fixtures for the self-service web tests: a site, its web service provisioned from it (the
web service's own key, on the site's database), and the pages under FastAPI's test client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

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

CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


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


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def good_visit(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "name": "王芳", "phone": "13800001111", "company": "华东物流", "host": "张伟",
        "purpose": "Delivery", "kind": "visitor", "visit_date": "2026-11-27",
        "places": "", "contact": "no",
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}
