"""A guard attempting an officer's action. The services refuse and audit every registry,
badge, settings and record change (tests/unit/services/test_access_control.py); the kiosk's
officer door (leaving full screen, the settings: ui/kiosk/window.py asks UserService with
the officer and admin roles) is checked here at the service it calls: a guard's right PIN does
not open it, and the attempt is in the audit trail."""

from __future__ import annotations

import json

import pytest
from installations import Node
from sqlalchemy import select

from gatekeeper.domain.enums import Role
from gatekeeper.services.users import SignInError
from gatekeeper.storage.models import AuditEntry


def test_a_guards_pin_does_not_unlock_the_kiosk(site: Node) -> None:
    users = site.services.users
    users.add(username="guard", role=Role.GUARD, secret="1234", actor="test")
    users.add(username="officer", role=Role.OFFICER, secret="officer-pass", actor="test")
    with pytest.raises(SignInError, match="may not"):
        users.authenticate("guard", "1234", allowed=(Role.OFFICER, Role.ADMIN),
                           purpose="kiosk.unlock")
    assert users.authenticate("officer", "officer-pass", allowed=(Role.OFFICER, Role.ADMIN),
                              purpose="kiosk.unlock").role is Role.OFFICER
    with site.db.session() as session:
        tries = [(e.actor, json.loads(e.details)["outcome"]) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == "kiosk.unlock").order_by(AuditEntry.id))]
    assert tries == [("guard", "role"), ("officer", "ok")]
