from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.domain.enums import Decision, Direction, Method, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError
from gatekeeper.errors import UserError
from gatekeeper.services import integrity
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.amend import AmendService, amendment_hash
from gatekeeper.services.container import Services
from gatekeeper.services.screening import Outcome, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.storage.models import Amendment, AuditEntry, ScreeningEvent


@pytest.fixture
def amend(services: Services, clock: Any) -> AmendService:
    return AmendService(services.db, services.installation, clock)


@pytest.fixture
def officer(services: Services) -> UserView:
    services.users.add(username="olivia", role="officer", secret="officer-pass", actor="test")
    return services.users.authenticate("olivia", "officer-pass")


@pytest.fixture
def guard(services: Services) -> UserView:
    return services.users.add(username="gary", role="guard", secret="1234", actor="test")


@pytest.fixture
def person(services: Services) -> uuid.UUID:
    return services.staff.add(staff_no="1001", name="张伟", department="总装车间").id


def screen(services: Services, person_id: uuid.UUID, temp: str = "36.6",
           direction: Direction = Direction.IN) -> Outcome:
    s = services.screening
    return s.screen(s.identify_manual(person_id), TakenReading(parse_reading(temp), "sim"),
                    direction)


def snapshot(services: Services, event_id: uuid.UUID) -> tuple[Any, ...]:
    with services.db.session() as session:
        event = session.get(ScreeningEvent, event_id)
        assert event is not None
        return (
            event.direction, event.decision, event.person_id, event.content_hash,
            event.chain_hash, [(r.value_c, r.value_entered) for r in event.readings],
        )


def amendment_count(services: Services) -> int:
    with services.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Amendment)) or 0)


def test_officer_amends_direction_and_the_original_stays(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    before = snapshot(services, outcome.event_id)

    made = amend.amend(outcome.event_id, by=officer, reason="Guard pressed IN for a leaver",
                       direction=Direction.OUT)

    assert made.changes == {"direction": {"from": "in", "to": "out"}}
    assert (made.actor, made.reason, made.event_id) == (
        "olivia", "Guard pressed IN for a leaver", outcome.event_id
    )
    assert made.gate_id == services.installation.gate_id and made.seq == 2
    assert snapshot(services, outcome.event_id) == before  # the event row never changes
    effective = amend.effective(outcome.event_id)
    assert effective.direction is Direction.OUT and effective.decision is Decision.PASS
    assert effective.amended and effective.amended_fields == ("direction",)
    assert effective.temperature_c == 36.6
    assert [a.id for a in amend.history(outcome.event_id)] == [made.id]
    assert integrity.verify(services.db).ok


def test_the_audit_entry_records_the_amendment_and_its_hash(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    made = amend.amend(outcome.event_id, by=officer, reason="wrong gate direction",
                       direction="out")
    with services.db.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "event.amend")
        ).one()
        row = session.get(Amendment, made.id)
        assert row is not None
        details = json.loads(entry.details)
        assert (entry.actor, entry.entity_id) == ("olivia", str(outcome.event_id))
        assert details["amendment_id"] == str(made.id)
        assert details["amendment_hash"] == amendment_hash(row)
        assert details["fields"] == ["direction"]
        assert details["event_seq"] == outcome.seq


def test_guard_is_refused_and_the_refusal_is_audited(
    services: Services, amend: AmendService, guard: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    with pytest.raises(PermissionDenied, match="may not amend"):
        amend.amend(outcome.event_id, by=guard, reason="typo", direction=Direction.OUT)
    assert amendment_count(services) == 0
    with services.db.session() as session:
        denied = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "denied")
        ).one()
        assert denied.actor == "gary"
        assert json.loads(denied.details)["attempted"] == "amend screening events"


def test_admin_may_amend(
    services: Services, amend: AmendService, person: uuid.UUID
) -> None:
    admin = UserView(uuid.uuid4(), "root", "Root", Role.ADMIN)
    outcome = screen(services, person, "37.6")
    assert outcome.event_id is not None
    amend.amend(outcome.event_id, by=admin, reason="Sent home by the nurse", decision="deny")
    assert amend.effective(outcome.event_id).decision is Decision.DENY


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "reason is required"),
        ("   ", "reason is required"),
        ("x" * 501, "longer than 500"),
        ("two\nlines", "control characters"),
        ("tab\there", "control characters"),
    ],
)
def test_a_reason_is_required(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID,
    reason: str, message: str,
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    with pytest.raises(UserError, match=message):
        amend.amend(outcome.event_id, by=officer, reason=reason, direction=Direction.OUT)
    assert amendment_count(services) == 0


def test_a_reason_of_500_characters_is_accepted(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    made = amend.amend(outcome.event_id, by=officer, reason="原" * 500, direction="out")
    assert len(made.reason) == 500


def test_no_op_changes_are_refused(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    with pytest.raises(UserError, match="Say what to correct"):
        amend.amend(outcome.event_id, by=officer, reason="nothing")
    with pytest.raises(UserError, match="Nothing to change"):
        amend.amend(outcome.event_id, by=officer, reason="same", direction=Direction.IN,
                    decision=Decision.PASS, temperature_c=36.6, person_id=person)
    assert amendment_count(services) == 0
    # A field given with its current value is left out of a real change.
    made = amend.amend(outcome.event_id, by=officer, reason="left", direction="out",
                       decision="pass")
    assert set(made.changes) == {"direction"}


def test_bad_values_are_refused(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person)
    assert outcome.event_id is not None
    with pytest.raises(UserError, match="not a direction"):
        amend.amend(outcome.event_id, by=officer, reason="r", direction="sideways")
    with pytest.raises(UserError, match="not a decision"):
        amend.amend(outcome.event_id, by=officer, reason="r", decision="maybe")
    with pytest.raises(UserError, match="plausible range"):
        amend.amend(outcome.event_id, by=officer, reason="r", temperature_c=50.0)
    with pytest.raises(UserError, match="not a number"):
        amend.amend(outcome.event_id, by=officer, reason="r", temperature_c=float("nan"))
    with pytest.raises(UserError, match="not in the registry"):
        amend.amend(outcome.event_id, by=officer, reason="r", person_id=uuid.uuid4())
    with pytest.raises(UserError, match="No screening event"):
        amend.amend(uuid.uuid4(), by=officer, reason="r", direction="out")
    with pytest.raises(UserError, match="No screening event"):
        amend.effective(uuid.uuid4())
    assert amendment_count(services) == 0
    assert amend.history(uuid.uuid4()) == []


def test_a_mistyped_temperature_is_corrected(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    outcome = screen(services, person, "39.6")
    assert outcome.event_id is not None and outcome.decision is Decision.RECHECK
    before = snapshot(services, outcome.event_id)
    made = amend.amend(outcome.event_id, by=officer, reason="Guard typed 39.6 for 36.9",
                       temperature_c=36.9, decision=Decision.PASS)
    assert made.changes == {
        "temperature_c": {"from": 39.6, "to": 36.9},
        "decision": {"from": "recheck", "to": "pass"},
    }
    effective = amend.effective(outcome.event_id)
    assert (effective.temperature_c, effective.readings_c) == (36.9, (39.6,))
    assert effective.decision is Decision.PASS
    assert snapshot(services, outcome.event_id) == before
    assert integrity.verify(services.db).ok


def test_amendments_apply_in_order(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID, clock: Any
) -> None:
    other = services.staff.add(staff_no="1002", name="李娜").id
    outcome = screen(services, person)
    assert outcome.event_id is not None
    first = amend.amend(outcome.event_id, by=officer, reason="left", direction="out")
    clock.advance(minutes=5)
    second = amend.amend(outcome.event_id, by=officer, reason="was the colleague",
                         person_id=other)
    clock.advance(minutes=5)
    third = amend.amend(outcome.event_id, by=officer, reason="came back in after all",
                        direction="in")
    assert third.changes == {"direction": {"from": "out", "to": "in"}}
    assert [a.id for a in amend.history(outcome.event_id)] == [first.id, second.id, third.id]
    assert [a.seq for a in amend.history(outcome.event_id)] == [2, 3, 4]
    effective = amend.effective(outcome.event_id)
    assert (effective.direction, effective.person_id) == (Direction.IN, other)
    assert effective.amendments == 3 and effective.amended_fields == ("direction", "person_id")
    assert integrity.verify(services.db).ok


def test_an_event_without_a_reading_gets_no_temperature(
    services: Services, amend: AmendService, officer: UserView, person: uuid.UUID
) -> None:
    token = services.badges.issue(["1001"])[0].token
    services.badges.revoke("1001")
    with pytest.raises(TokenError) as info:
        services.screening.identify_token(token)
    refused = services.screening.refuse(info.value, token, Method.QR, Direction.IN)
    assert refused.event_id is not None
    with pytest.raises(UserError, match="no temperature reading"):
        amend.amend(refused.event_id, by=officer, reason="r", temperature_c=36.5)
    assert amend.effective(refused.event_id).temperature_c is None
