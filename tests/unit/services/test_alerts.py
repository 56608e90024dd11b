"""Fever and deny alerts, grouped per case, and their acknowledgement."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision, Direction, Method, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError
from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.alerts import (
    AlertKind,
    AlertOutcome,
    AlertService,
    AlreadyAcknowledged,
)
from gatekeeper.services.container import Services
from gatekeeper.services.screening import Declaration, Outcome, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import AlertAck, Person


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


def user(services: Services, role: Role, name: str = "") -> UserView:
    secret = "1234" if role is Role.GUARD else "password-1"
    return services.users.add(username=name or f"u-{role}", role=role, secret=secret)


@pytest.fixture
def alerts(services: Services, clock: Any) -> AlertService:
    return AlertService(services.db, services.installation, clock)


@pytest.fixture
def officer(services: Services) -> UserView:
    return user(services, Role.OFFICER, "officer.li")


@pytest.fixture
def people(services: Services) -> dict[str, PersonView]:
    add = services.staff.add
    return {
        "zhang": add(staff_no="1001", name="张伟", department="总装车间"),
        "wang": add(staff_no="1002", name="王芳", department="总装车间"),
        "li": add(staff_no="1003", name="李娜", department="质检部"),
        "zhao": add(staff_no="1004", name="赵敏"),
    }


def screen(
    services: Services, person: PersonView, temp: str, declaration: Declaration | None = None
) -> Outcome:
    s = services.screening
    return s.screen(s.identify_manual(person.id), read(temp), Direction.IN,
                    declaration=declaration)


def recheck(services: Services, first: Outcome, temp: str) -> Outcome:
    assert first.event_id is not None
    return services.screening.recheck(first.event_id, read(temp))


def test_open_alerts_group_recheck_pairs(
    services: Services, alerts: AlertService, people: dict[str, PersonView], clock: Any
) -> None:
    assert alerts.open_alerts() == []
    screen(services, people["zhao"], "36.5")  # a normal pass: no alert
    confirmed = screen(services, people["zhang"], "38.1")
    second = recheck(services, confirmed, "38.0")
    clock.advance(minutes=1)
    cleared = screen(services, people["wang"], "37.5")
    recheck(services, cleared, "36.9")
    clock.advance(minutes=1)
    pending = screen(services, people["li"], "37.8")  # walked away before the second reading
    clock.advance(minutes=1)
    risky = screen(services, people["zhao"], "36.4", Declaration(contact_with_confirmed=True))

    found = alerts.open_alerts()
    assert [a.event_id for a in found] == [
        risky.event_id, pending.event_id, cleared.event_id, confirmed.event_id
    ]  # newest first; one alert per recheck pair, keyed by its first reading
    by_name = {a.person.name: a for a in found if a.person is not None}
    fever = by_name["张伟"]
    assert (fever.kind, fever.decision, fever.reason) == (
        AlertKind.FEVER, Decision.DENY, "fever_confirmed"
    )
    assert fever.temperatures_c == (38.1, 38.0) and fever.second_event_id == second.event_id
    assert (fever.gate, fever.direction, fever.timezone) == (
        "North Gate", Direction.IN, "Asia/Shanghai"
    )
    assert fever.occurred_at == datetime(2026, 11, 27, 1, 0, tzinfo=UTC) and fever.open
    assert (by_name["王芳"].decision, by_name["王芳"].reason) == (
        Decision.PASS, "cleared_on_recheck"
    )
    assert (by_name["李娜"].decision, by_name["李娜"].second_event_id) == (Decision.RECHECK, None)
    assert (by_name["赵敏"].kind, by_name["赵敏"].reason, by_name["赵敏"].temperatures_c) == (
        AlertKind.DENY, "declaration_risk", (36.4,)
    )


def test_refused_badges_and_inactive_people_alert(
    services: Services, alerts: AlertService, people: dict[str, PersonView], clock: Any
) -> None:
    s = services.screening
    token = str(services.badges.issue(["1001"])[0].token)
    services.badges.revoke("1001")
    with pytest.raises(TokenError) as info:
        s.identify_token(token)
    s.refuse(info.value, token, Method.QR, Direction.IN)
    clock.advance(minutes=1)
    claims, _, _ = tokens.parse(token)
    body = claims._body()
    forged = "GK1" + base64.b32encode(body + keys.generate().sign(b"GK1" + body)).decode()
    with pytest.raises(TokenError) as info:
        s.identify_token(forged.rstrip("="))
    s.refuse(info.value, forged, Method.QR, Direction.IN)
    clock.advance(minutes=1)
    with services.db.session() as session:
        person = session.get(Person, people["wang"].id)
        assert person is not None
        person.active = False
    screen(services, people["wang"], "36.6")

    found = alerts.open_alerts()
    assert [(a.kind, a.reason) for a in found] == [
        (AlertKind.DENY, "inactive_person"),
        (AlertKind.DENY, "bad_signature"),
        (AlertKind.DENY, "revoked"),
    ]
    assert found[1].person is None and found[1].temperatures_c == ()
    assert found[2].person is not None and found[2].person.staff_no == "1001"


def test_acknowledge_a_case_once(
    services: Services, alerts: AlertService, people: dict[str, PersonView], officer: UserView,
    clock: Any,
) -> None:
    first = screen(services, people["zhang"], "38.1")
    second = recheck(services, first, "38.2")
    other = screen(services, people["wang"], "37.9")
    clock.advance(minutes=5)
    assert second.event_id and first.event_id and other.event_id

    # Either event of the pair names the case; the acknowledgement is kept on the first.
    ack = alerts.acknowledge(second.event_id, AlertOutcome.ISOLATION_ROOM, " 送隔离室  ", officer)
    assert (ack.event_id, ack.outcome, ack.note, ack.actor) == (
        first.event_id, AlertOutcome.ISOLATION_ROOM, "送隔离室", "officer.li"
    )
    assert ack.at == datetime(2026, 11, 27, 1, 5, tzinfo=UTC)
    assert [a.event_id for a in alerts.open_alerts()] == [other.event_id]

    admin = user(services, Role.ADMIN, "admin")
    with pytest.raises(AlreadyAcknowledged, match=r"officer\.li at 2026-11-27 09:05 "
                       r"\(isolation_room\)"):
        alerts.acknowledge(first.event_id, "sent_home", "", admin)
    with services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(AlertAck)) == 1
        entries = [e for e in repo.audit_entries(session) if e.action == "alert.acknowledge"]
    assert len(entries) == 1 and entries[0].actor == "officer.li"
    assert entries[0].entity_id == str(first.event_id)
    assert json.loads(entries[0].details) == {
        "outcome": "isolation_room", "note": "送隔离室", "reason": "fever_first_reading",
        "staff_no": "1001",
    }

    # An outcome given as its stored value works too (the CLI passes text).
    assert alerts.acknowledge(other.event_id, "cleared_by_recheck", "", admin).outcome is (
        AlertOutcome.CLEARED_BY_RECHECK
    )
    assert alerts.open_alerts() == []


def test_acknowledge_refuses_guards_and_bad_input(
    services: Services, alerts: AlertService, people: dict[str, PersonView], officer: UserView
) -> None:
    fever = screen(services, people["zhang"], "38.1")
    normal = screen(services, people["wang"], "36.5")
    assert fever.event_id is not None and normal.event_id is not None
    guard = user(services, Role.GUARD)
    with pytest.raises(PermissionDenied):
        alerts.acknowledge(fever.event_id, AlertOutcome.SENT_HOME, "", guard)
    with services.db.session() as session:
        denied = [e for e in repo.audit_entries(session) if e.action == "denied"]
    assert json.loads(denied[-1].details)["attempted"] == "acknowledge alerts"

    with pytest.raises(UserError, match="'home' is not an outcome; use one of: sent_home"):
        alerts.acknowledge(fever.event_id, "home", "", officer)
    with pytest.raises(UserError, match="not an alert"):
        alerts.acknowledge(normal.event_id, AlertOutcome.FALSE_ALARM, "", officer)
    with pytest.raises(UserError, match="No screening event"):
        alerts.acknowledge(uuid.uuid4(), AlertOutcome.FALSE_ALARM, "", officer)
    with pytest.raises(UserError, match="note is longer than 500"):
        alerts.acknowledge(fever.event_id, AlertOutcome.SENT_HOME, "x" * 501, officer)
    with pytest.raises(UserError, match="'other'"):
        alerts.acknowledge(fever.event_id, AlertOutcome.OTHER, "  ", officer)
    assert len(alerts.open_alerts()) == 1  # nothing was stored
    ack = alerts.acknowledge(fever.event_id, AlertOutcome.OTHER, "家属接回 family took him",
                             officer)
    assert ack.outcome is AlertOutcome.OTHER


def test_recent_includes_acknowledged_with_their_outcome(
    services: Services, alerts: AlertService, people: dict[str, PersonView], officer: UserView,
    clock: Any,
) -> None:
    clock.now = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)  # 23:30 local on the 25th
    old = screen(services, people["zhang"], "38.1")
    clock.now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)  # 00:30 local on the 26th
    newer = screen(services, people["wang"], "38.3")
    recheck(services, newer, "38.3")
    assert newer.event_id is not None
    alerts.acknowledge(newer.event_id, AlertOutcome.SENT_HOME, "", officer)
    clock.now = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)  # 10:00 local on the 27th

    assert alerts.recent(1) == []  # today only
    two_days = alerts.recent(2)  # the 26th and 27th local: the 23:30 case on the 25th is out
    assert [a.event_id for a in two_days] == [newer.event_id]
    ack = two_days[0].acknowledgement
    assert ack is not None and ack.outcome is AlertOutcome.SENT_HOME and not two_days[0].open
    three_days = alerts.recent(3)
    assert [a.event_id for a in three_days] == [newer.event_id, old.event_id]
    assert three_days[1].open and three_days[1].decision is Decision.RECHECK
    assert [a.event_id for a in alerts.open_alerts()] == [old.event_id]
    for bad in (0, 367, True):
        with pytest.raises(UserError, match="from 1 to 366"):
            alerts.recent(bad)


def test_two_officers_at_once_get_a_clear_message(
    services: Services, alerts: AlertService, people: dict[str, PersonView], officer: UserView,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fever = screen(services, people["zhang"], "38.1")
    assert fever.event_id is not None
    alerts.acknowledge(fever.event_id, AlertOutcome.SENT_HOME, "", officer)
    # The other officer's check ran before the first acknowledgement was committed: the
    # database's unique constraint is what stops the second one.
    real = repo.alert_ack_of
    calls: list[uuid.UUID] = []

    def missed_once(session: Any, event_id: uuid.UUID) -> AlertAck | None:
        calls.append(event_id)
        return None if len(calls) == 1 else real(session, event_id)

    monkeypatch.setattr(repo, "alert_ack_of", missed_once)
    admin = user(services, Role.ADMIN)
    with pytest.raises(AlreadyAcknowledged, match=r"officer\.li"):
        alerts.acknowledge(fever.event_id, AlertOutcome.FALSE_ALARM, "", admin)
    with services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(AlertAck)) == 1
        assert [e.action for e in repo.audit_entries(session)].count("alert.acknowledge") == 1
