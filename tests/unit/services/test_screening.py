from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision, Direction, Method
from gatekeeper.domain.screening import Reason
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.services.container import Services
from gatekeeper.services.screening import Declaration, DeclarationNeeded, TakenReading
from gatekeeper.storage.models import HealthDeclaration, Person, ScreeningEvent


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


@pytest.fixture
def token(services: Services) -> str:
    services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    return str(services.badges.issue(["1001"])[0].token)


def event_count(services: Services) -> int:
    with services.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(ScreeningEvent)) or 0)


def test_pass_is_recorded_with_reading(services: Services, token: str) -> None:
    s = services.screening
    outcome = s.screen(s.identify_token(token), read("36.6"), Direction.IN)
    assert (outcome.decision, outcome.reason) == (Decision.PASS, Reason.NORMAL)
    assert outcome.recorded and outcome.seq == 1
    with services.db.session() as session:
        event = session.get(ScreeningEvent, outcome.event_id)
        assert event is not None
        assert (event.method, event.direction, event.timezone) == ("qr", "in", "Asia/Shanghai")
        assert [(r.value_c, r.unit_entered, r.source_device) for r in event.readings] == [
            (36.6, "C", "sim")
        ]
        assert event.guard_id is None


def test_recheck_then_pass_stores_both(services: Services, token: str) -> None:
    s = services.screening
    first = s.screen(s.identify_token(token), read("37.5"), Direction.IN)
    assert first.decision is Decision.RECHECK
    second = s.recheck(first.event_id, read("36.9"))  # type: ignore[arg-type]
    assert (second.decision, second.reason) == (Decision.PASS, Reason.CLEARED_ON_RECHECK)
    assert second.recheck_of == first.event_id
    assert second.seq == 2 and event_count(services) == 2


def test_recheck_then_deny_alerts(services: Services, token: str) -> None:
    s = services.screening
    first = s.screen(s.identify_token(token), read("38.1"), Direction.IN)
    second = s.recheck(first.event_id, read("38.0"))  # type: ignore[arg-type]
    assert (second.decision, second.reason) == (Decision.DENY, Reason.FEVER_CONFIRMED)
    assert second.alert


def test_recheck_errors(services: Services, token: str) -> None:
    s = services.screening
    ok = s.screen(s.identify_token(token), read("36.5"), Direction.IN)
    with pytest.raises(UserError, match="does not need"):
        s.recheck(ok.event_id, read("36.5"))  # type: ignore[arg-type]
    with pytest.raises(UserError, match="No screening event"):
        s.recheck(uuid.uuid4(), read("36.5"))
    services.settings.update(duplicate_window_s=0)
    first = s.screen(s.identify_token(token), read("37.9"), Direction.OUT)
    s.recheck(first.event_id, read("36.5"))  # type: ignore[arg-type]
    with pytest.raises(UserError, match="already has its second reading"):
        s.recheck(first.event_id, read("36.5"))  # type: ignore[arg-type]


def test_duplicate_within_window_is_not_recorded(
    services: Services, token: str, clock: Any
) -> None:
    s = services.screening
    first = s.screen(s.identify_token(token), read("36.6"), Direction.IN)
    clock.advance(seconds=30)
    dup = s.screen(s.identify_token(token), read("36.7"), Direction.IN)
    assert not dup.recorded
    assert dup.duplicate_of == first.event_id and dup.duplicate_at == first.occurred_at
    out = s.screen(s.identify_token(token), read("36.6"), Direction.OUT)
    assert out.recorded  # the other direction is not a duplicate
    clock.advance(seconds=31)
    again = s.screen(s.identify_token(token), read("36.6"), Direction.IN)
    assert again.recorded
    assert event_count(services) == 3


def test_denied_person_trying_again_is_recorded(services: Services, token: str) -> None:
    s = services.screening
    first = s.screen(s.identify_token(token), read("38.5"), Direction.IN)
    s.recheck(first.event_id, read("38.5"))  # type: ignore[arg-type]
    again = s.screen(s.identify_token(token), read("38.4"), Direction.IN)
    assert again.recorded and again.decision is Decision.RECHECK


def test_revoked_and_forged_are_logged_as_deny(services: Services, token: str) -> None:
    s = services.screening
    services.badges.revoke("1001")
    with pytest.raises(TokenError) as info:
        s.identify_token(token)
    revoked = s.refuse(info.value, token, Method.QR, Direction.IN)
    assert (revoked.decision, revoked.reason) == (Decision.DENY, Reason.REVOKED)
    assert revoked.recorded and revoked.person is not None

    claims, _, _ = tokens.parse(token)
    body = claims._body()
    forged = "GK1" + base64.b32encode(body + keys.generate().sign(b"GK1" + body)).decode()
    with pytest.raises(TokenError) as info:
        s.identify_token(forged.rstrip("="))
    outcome = s.refuse(info.value, forged, Method.QR, Direction.IN)
    assert outcome.reason is Reason.BAD_SIGNATURE and outcome.recorded
    assert outcome.person is None  # a forgery's claims are not trusted
    with services.db.session() as session:
        events = session.scalars(select(ScreeningEvent).order_by(ScreeningEvent.seq)).all()
        assert [(e.decision, e.reason, e.readings) for e in events] == [
            ("deny", "revoked", []), ("deny", "bad_signature", []),
        ]
        assert events[1].person_id is None


def test_garbled_and_expired_are_shown_not_logged(services: Services) -> None:
    s = services.screening
    error = TokenError(TokenProblem.GARBLED)
    outcome = s.refuse(error, "junk", Method.HID, Direction.IN)
    assert outcome.reason is Reason.GARBLED and not outcome.recorded
    assert event_count(services) == 0


def test_inactive_person_is_denied(services: Services, token: str) -> None:
    identity = services.screening.identify_token(token)
    with services.db.session() as session:
        person = session.get(Person, identity.person.id)
        assert person is not None
        person.active = False
    manual = services.screening.identify_manual(identity.person.id)
    outcome = services.screening.screen(manual, read("36.5"), Direction.IN)
    assert (outcome.decision, outcome.reason) == (Decision.DENY, Reason.INACTIVE)
    with services.db.session() as session:
        event = session.get(ScreeningEvent, outcome.event_id)
        assert event is not None and event.method == "manual"


def test_manual_lookup(services: Services, token: str) -> None:
    services.staff.add(staff_no="2002", name="王芳", phone="13900001111")
    s = services.screening
    assert [p.staff_no for p in s.find_people("王")] == ["2002"]
    assert [p.staff_no for p in s.find_people("1390000")] == ["2002"]
    assert [p.staff_no for p in s.find_people("100")] == ["1001"]
    assert s.find_people("   ") == []
    assert s.find_people("%") == []  # LIKE wildcards are literal
    with pytest.raises(UserError):
        s.identify_manual(uuid.uuid4())


def test_required_declaration(services: Services, token: str) -> None:
    services.settings.update(declaration_required_for_all=True)
    s = services.screening
    identity = s.identify_token(token)
    assert s.declaration_needed(identity)
    with pytest.raises(DeclarationNeeded):
        s.screen(identity, read("36.5"), Direction.IN)
    assert event_count(services) == 0
    outcome = s.screen(identity, read("36.5"), Direction.IN, declaration=Declaration())
    assert outcome.decision is Decision.PASS
    assert not s.declaration_needed(identity)
    with services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(HealthDeclaration)) == 1


def test_risky_declaration_denies(services: Services, token: str) -> None:
    s = services.screening
    risky = Declaration(symptoms=("cough",), places_visited=("武汉",))
    outcome = s.screen(s.identify_token(token), read("36.5"), Direction.IN, declaration=risky)
    assert (outcome.decision, outcome.reason) == (Decision.DENY, Reason.DECLARATION_RISK)


def test_sequence_numbers_are_gapless_and_shared(services: Services, token: str) -> None:
    s = services.screening
    services.settings.update(duplicate_window_s=0)
    seqs = [s.screen(s.identify_token(token), read("36.5"), Direction.IN).seq for _ in range(5)]
    s.declare(s.identify_token(token).person.id, Declaration())
    assert seqs == [1, 2, 3, 4, 5]
    with services.db.session() as session:
        decl = session.scalars(select(HealthDeclaration)).one()
        assert decl.seq == 6


def test_todays_risky_declaration_denies_without_passing_it_again(
    services: Services, token: str
) -> None:
    s = services.screening
    identity = s.identify_token(token)
    s.declare(identity.person.id, Declaration(contact_with_confirmed=True))
    outcome = s.screen(identity, read("36.5"), Direction.IN)
    assert (outcome.decision, outcome.reason) == (Decision.DENY, Reason.DECLARATION_RISK)


def test_refusing_a_known_person_records_a_deny(services: Services, token: str) -> None:
    s = services.screening
    identity = s.identify_token(token)
    outcome = s.refuse_identity(identity, Reason.DECLARATION_MISSING, Direction.IN)
    assert (outcome.decision, outcome.recorded, outcome.readings_c) == (Decision.DENY, True, ())
    with services.db.session() as session:
        event = session.get(ScreeningEvent, outcome.event_id)
        assert event is not None and event.reason == "declaration_missing"


def test_inactive_badge_is_logged_with_the_person(services: Services, token: str) -> None:
    with services.db.session() as session:
        person = session.scalars(select(Person)).one()
        person.active = False
    with pytest.raises(TokenError) as info:
        services.screening.identify_token(token)
    outcome = services.screening.refuse(info.value, token, Method.QR, Direction.IN)
    assert (outcome.reason, outcome.recorded) == (Reason.INACTIVE, True)
    assert outcome.person is not None and outcome.person.staff_no == "1001"


def test_staff_photo(services: Services, token: str) -> None:
    person = services.screening.identify_token(token).person
    assert services.staff.photo(person.id) is None
    with services.db.session() as session:
        stored = session.get(Person, person.id)
        assert stored is not None
        stored.photo = b"\x89PNG..."
    assert services.staff.photo(person.id) == b"\x89PNG..."
    assert services.staff.photo(uuid.uuid4()) is None
