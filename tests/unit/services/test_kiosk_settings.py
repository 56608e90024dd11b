"""The kiosk's settings on this machine: devices, mode and where its records go."""

from __future__ import annotations

import json

import pytest

from gatekeeper.domain.enums import Role
from gatekeeper.errors import UserError
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.storage import repositories as repo

CENTRAL = "postgresql+psycopg://gate:s3cret-pw@central.example:5432/gatekeeper"


def audited(services: Services) -> list[dict[str, object]]:
    with services.db.session() as session:
        return [json.loads(e.details) for e in repo.audit_entries(session)
                if e.action == "settings.update"]


def test_defaults(services: Services) -> None:
    kept = services.settings.kiosk()
    assert (kept.mode, kept.unattended, kept.upstream, kept.post) == (None, False, None, None)


def test_mode_and_a_destination_are_kept_and_audited_without_the_password(
    services: Services
) -> None:
    kept = services.settings.update_kiosk(mode=" Unattended ", upstream=CENTRAL)
    assert (kept.mode, kept.unattended, kept.upstream) == ("unattended", True, CENTRAL)
    assert services.settings.kiosk() == kept
    [details] = audited(services)
    assert details["kiosk.mode"] == {"from": None, "to": "unattended"}
    text = json.dumps(details)
    assert "s3cret-pw" not in text and "central.example" in text

    # One destination at a time: switching to HTTPS clears the database.
    kept = services.settings.update_kiosk(upstream=None, post="https://cloud.example/batches")
    assert (kept.upstream, kept.post) == (None, "https://cloud.example/batches")
    assert services.settings.update_kiosk(post="").post is None  # empty: back to nowhere


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mode": "sometimes"}, "attended"),
        ({"upstream": "mysql://nowhere/db"}, "PostgreSQL"),
        ({"upstream": "not a url"}, "not a database URL"),
        ({"post": "ftp://example.com/x"}, "http"),
        ({"post": "example.com/batches"}, "http"),
        ({"upstream": CENTRAL, "post": "https://cloud.example/b"}, "one destination"),
        ({"colour": "blue"}, "Unknown kiosk setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    services: Services, changes: dict[str, str], message: str
) -> None:
    before = services.settings.kiosk()
    with pytest.raises(UserError, match=message):
        services.settings.update_kiosk(**changes)
    assert services.settings.kiosk() == before
    assert audited(services) == []


def test_only_an_admin_changes_them(services: Services) -> None:
    officer = services.users.add(username="wang", role=Role.OFFICER, secret="password-1")
    with pytest.raises(PermissionDenied):
        services.settings.update_kiosk(by=officer, mode="unattended")
    assert services.settings.kiosk().mode is None
    admin = services.users.add(username="root", role=Role.ADMIN, secret="password-1")
    assert services.settings.update_kiosk(by=admin, mode="unattended").unattended
