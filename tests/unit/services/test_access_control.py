"""A guard (or an officer, for the admin's actions) who reaches a service that changes the
registry, the settings or the records is refused by the service itself, whatever screen or
script called it: nothing changes, and the attempt is in the audit trail.

``by=None`` is the command line, run by whoever holds the data folder: not tested here."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.domain.enums import PersonKind, Role
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.services.export import export_log
from gatekeeper.services.log import LogFilter
from gatekeeper.services.staff_import import StaffRow
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import (
    AlertAck,
    Amendment,
    Badge,
    Observation,
    Person,
    RetentionHold,
    Setting,
    User,
)

Action = Callable[[Services, UserView, Path], Any]

OFFICER_ACTIONS: dict[str, tuple[str, Action]] = {
    "staff.add": ("add people to the registry", lambda s, u, _: s.staff.add(
        staff_no="9001", name="Mallory", by=u)),
    "staff.update": ("change people's details", lambda s, u, _: s.staff.update(
        s.staff.list()[0].id, name="Mallory", by=u)),
    "staff.deactivate": ("deactivate people", lambda s, u, _: s.staff.deactivate(
        s.staff.list()[0].id, by=u)),
    "staff.reactivate": ("reactivate people", lambda s, u, _: s.staff.reactivate(
        s.staff.list()[0].id, by=u)),
    "staff.set_photo": ("change people's photos", lambda s, u, _: s.staff.set_photo(
        s.staff.list()[0].id, None, by=u)),
    "staff.import_rows": ("import the staff registry", lambda s, u, _: s.staff.import_rows(
        [StaffRow(2, "9002", "Mallory", "", PersonKind.EMPLOYEE, "")], by=u)),
    "staff.import_file": ("import the staff registry", lambda s, u, tmp: s.staff.import_file(
        _csv(tmp), by=u)),
    "badges.issue": ("issue badges", lambda s, u, _: s.badges.issue(["1001"], by=u)),
    "badges.issue_all": ("issue badges", lambda s, u, _: s.badges.issue_all(by=u)),
    "badges.revoke": ("revoke badges", lambda s, u, _: s.badges.revoke("1001", by=u)),
    "settings.calibration": ("calibrate thermometers", lambda s, u, _:
                             s.settings.set_calibration_offset("serial:COM3", 0.5, by=u)),
    "amend": ("amend screening events", lambda s, u, _: s.amend.amend(
        uuid.uuid4(), by=u, reason="because")),
    "alerts.acknowledge": ("acknowledge alerts", lambda s, u, _: s.alerts.acknowledge(
        uuid.uuid4(), "other", "note", u)),
    "observation.settings": ("change the observation settings", lambda s, u, _:
                             s.observation.update_settings(u, days=7)),
    "observation.travel": ("record travel", lambda s, u, _: s.observation.record_travel(
        s.staff.list()[0].id, "武汉", date(2026, 11, 20), u)),
    "retention.hold": ("put records on hold", lambda s, u, _: s.retention.hold(
        s.staff.list()[0].id, "inquiry", u)),
    "export.log": ("export the log as csv", lambda s, u, tmp: export_log(
        s.log.rows(LogFilter()), tmp / "log.csv", "csv", by=u, db=s.db)),
    "reports.daily": ("export the daily report as xlsx", lambda s, u, tmp:
                      s.reports.export_daily(date(2026, 11, 27), tmp / "day.xlsx", by=u)),
}

ADMIN_ACTIONS: dict[str, tuple[str, Action]] = {
    "settings.update": ("change the screening settings", lambda s, u, _: s.settings.update(
        by=u, fever_threshold_c=38.0)),
    "users.add": ("add users", lambda s, u, _: s.users.add(
        username="eve", role="admin", secret="a-long-password", by=u)),
    "retention.settings": ("change retention settings", lambda s, u, _:
                           s.retention.update_settings(u, events_days=30)),
    "retention.purge": ("purge records", lambda s, u, _: s.retention.apply(u)),
    "presence.auto_checkout": ("change the automatic check-out time", lambda s, u, _:
                               s.presence.set_auto_checkout_time("23:00", u)),
}


def _csv(folder: Path) -> Path:
    path = folder / "staff.csv"
    path.write_text("staff_no,name\n9003,Mallory\n", encoding="utf-8")
    return path


def make_user(services: Services, role: Role) -> UserView:
    secret = "1234" if role is Role.GUARD else "password-1"
    return services.users.add(username=f"u-{role}", role=role, secret=secret)


def state(services: Services) -> dict[str, Any]:
    """Everything these actions could change."""
    with services.db.session() as session:
        counts = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Person, Badge, User, Amendment, AlertAck, Observation,
                          RetentionHold)
        }
        people = sorted((p.staff_no, p.name, p.active, p.photo is None, p.badge_version)
                        for p in session.scalars(select(Person)))
        settings = sorted((s.key, s.value) for s in session.scalars(select(Setting)))
    return {"counts": counts, "people": people, "settings": settings}


def denials(services: Services) -> list[dict[str, Any]]:
    with services.db.session() as session:
        return [json.loads(e.details) | {"actor": e.actor}
                for e in repo.audit_entries(session) if e.action == "denied"]


@pytest.fixture
def registry(services: Services) -> Services:
    services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    services.staff.add(staff_no="1002", name="Li Na", department="QA")
    services.badges.issue(["1001", "1002"])
    return services


def check_refused(services: Services, who: UserView, attempted: str, action: Action,
                  tmp_path: Path) -> None:
    before = state(services)
    with pytest.raises(PermissionDenied) as refused:
        action(services, who, tmp_path)
    assert attempted in str(refused.value) and who.display_name in str(refused.value)
    assert state(services) == before, "nothing changed"
    assert denials(services)[-1] == {"attempted": attempted, "role": str(who.role),
                                     "actor": who.username}
    assert not (tmp_path / "log.csv").exists() and not (tmp_path / "day.xlsx").exists()


@pytest.mark.parametrize("name", sorted(OFFICER_ACTIONS | ADMIN_ACTIONS))
def test_a_guard_is_refused_and_the_attempt_audited(
    registry: Services, name: str, tmp_path: Path
) -> None:
    attempted, action = (OFFICER_ACTIONS | ADMIN_ACTIONS)[name]
    check_refused(registry, make_user(registry, Role.GUARD), attempted, action, tmp_path)


@pytest.mark.parametrize("name", sorted(ADMIN_ACTIONS))
def test_an_officer_is_refused_the_admins_actions(
    registry: Services, name: str, tmp_path: Path
) -> None:
    attempted, action = ADMIN_ACTIONS[name]
    check_refused(registry, make_user(registry, Role.OFFICER), attempted, action, tmp_path)


def test_an_officer_may_keep_the_registry_under_their_own_name(registry: Services) -> None:
    officer = make_user(registry, Role.OFFICER)
    added = registry.staff.add(staff_no="1003", name="Zhao Lei", by=officer)
    registry.badges.issue(["1003"], by=officer)
    registry.badges.revoke("1003", by=officer)
    with registry.db.session() as session:
        actors = {(e.action, e.actor) for e in repo.audit_entries(session)}
    assert {("person.add", "u-officer"), ("badge.issue", "u-officer"),
            ("badge.revoke", "u-officer")} <= actors
    assert added.staff_no == "1003"
    assert denials(registry) == []


def test_an_admin_may_change_the_settings(registry: Services) -> None:
    admin = make_user(registry, Role.ADMIN)
    assert registry.settings.update(by=admin, fever_threshold_c=37.8).fever_threshold_c == 37.8
    with registry.db.session() as session:
        [entry] = [e for e in repo.audit_entries(session) if e.action == "settings.update"]
    assert entry.actor == "u-admin"
