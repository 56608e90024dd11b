"""Visitors, users, settings and the log."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from gatekeeper.domain.enums import Decision, Direction, PersonKind, Role, TempUnit
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services import audit, log
from gatekeeper.services.container import Services
from gatekeeper.services.log import LogFilter
from gatekeeper.services.screening import Declaration, TakenReading
from gatekeeper.services.users import SignInError
from gatekeeper.services.visitors import VisitorForm, VisitorFormError
from gatekeeper.storage.models import HealthDeclaration, Person, User, Visit

FORM = VisitorForm(
    name="访客 陈先生", phone="139 0000 1111", company="华为", host="张伟", purpose="设备验收",
    declaration=Declaration(places_visited=("上海", " ")),
)


def test_visitor_registration_issues_a_day_pass(services: Services, clock: Any) -> None:
    registered = services.visitors.register(FORM)
    person = registered.person
    assert (person.kind, person.phone, person.employer) == (
        PersonKind.VISITOR, "13900001111", "华为",
    )
    assert person.staff_no == "V2611270001"
    badge = registered.badge
    # 2026-11-27 01:00 UTC is 09:00 in Shanghai: the pass runs to 23:59:59 local time.
    assert badge.expires_at == datetime(2026, 11, 27, 15, 59, 59, tzinfo=UTC)
    assert services.badges.verify(badge.token).person.id == person.id
    with services.db.session() as session:
        visit = session.get(Visit, registered.visit_id)
        decl = session.get(HealthDeclaration, registered.declaration_id)
        assert visit is not None and decl is not None
        assert (visit.host, visit.purpose, visit.visit_date) == ("张伟", "设备验收", "2026-11-27")
        assert decl.places_visited == ["上海"]
    identity = services.screening.identify_token(badge.token)
    assert not services.screening.declaration_needed(identity)
    outcome = services.screening.screen(
        identity, TakenReading(parse_reading("36.4"), "sim"), Direction.IN
    )
    assert outcome.decision is Decision.PASS
    clock.advance(hours=15)  # past local midnight
    with pytest.raises(TokenError) as info:
        services.badges.verify(badge.token)
    assert info.value.problem is TokenProblem.EXPIRED


def test_returning_visitor_is_found_by_phone(services: Services, clock: Any) -> None:
    first = services.visitors.register(FORM)
    clock.advance(days=1)
    again = services.visitors.register(
        VisitorForm(name="陈先生", phone="13900001111", company="华为技术")
    )
    assert again.person.id == first.person.id
    assert again.person.name == "陈先生"
    with pytest.raises(TokenError) as info:
        services.badges.verify(first.badge.token)
    assert info.value.problem in (TokenProblem.REVOKED, TokenProblem.EXPIRED)
    services.badges.verify(again.badge.token)


def test_bad_visitor_form_names_every_field_and_stores_nothing(services: Services) -> None:
    with pytest.raises(VisitorFormError) as info:
        services.visitors.register(
            VisitorForm(name=" ", phone="call me", company="x" * 101, purpose="a\x00b")
        )
    assert {p.field for p in info.value.problems} == {"name", "phone", "company", "purpose"}
    with services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_users_and_sign_in(services: Services, clock: Any) -> None:
    users = services.users
    users.add(username="wang", role=Role.GUARD, secret="1234", display_name="王师傅")
    users.add(username="zhao", role="officer", secret="s3cret-pass")
    with pytest.raises(UserError, match="4 to 8 digits"):
        users.add(username="x", role=Role.GUARD, secret="12a4")
    with pytest.raises(UserError, match="at least 8"):
        users.add(username="y", role=Role.ADMIN, secret="short")
    with pytest.raises(UserError, match="already"):
        users.add(username="wang", role=Role.GUARD, secret="9999")
    assert users.authenticate("wang", "1234").display_name == "王师傅"
    with pytest.raises(SignInError, match="may not"):
        users.authenticate("wang", "1234", allowed=(Role.OFFICER, Role.ADMIN))
    assert [u.username for u in users.list((Role.GUARD,))] == ["wang"]
    with services.db.session() as session:
        hashes = [u.secret_hash for u in session.scalars(select(User))]
        assert all(h.startswith("$argon2id$") for h in hashes)
        trail = [e.details for e in session.scalars(select(audit.AuditEntry))]
        assert not any("1234" in d or "s3cret" in d for d in trail)


def test_failed_sign_ins_are_slowed_down(services: Services, clock: Any) -> None:
    users = services.users
    users.add(username="wang", role=Role.GUARD, secret="1234")
    for _ in range(3):
        with pytest.raises(SignInError, match="Wrong"):
            users.authenticate("wang", "0000")
    with pytest.raises(SignInError, match="Too many") as info:
        users.authenticate("wang", "1234")  # even the right PIN must wait
    assert info.value.wait_seconds > 0
    clock.advance(seconds=info.value.wait_seconds)
    assert users.authenticate("wang", "1234").username == "wang"
    with pytest.raises(SignInError, match="Wrong"):
        users.authenticate("nobody", "1234")
    with services.db.session() as session:
        entries = [e for e in session.scalars(select(audit.AuditEntry)) if e.action == "sign-in"]
        outcomes = [json.loads(e.details)["outcome"] for e in entries]
        assert outcomes == ["wrong", "wrong", "wrong", "blocked", "ok", "wrong"]
        assert audit.verify_chain(session) == []


def test_settings_validate_and_audit(services: Services) -> None:
    settings = services.settings
    assert settings.screening().fever_threshold_c == 37.3
    new = settings.update(fever_threshold_c=37.5, temperature_unit=TempUnit.F, actor="admin")
    assert (new.fever_threshold_c, new.temperature_unit) == (37.5, TempUnit.F)
    assert settings.screening() == new
    with pytest.raises(UserError, match="fever threshold"):
        settings.update(fever_threshold_c=50)
    with pytest.raises(UserError, match="Unknown setting"):
        settings.update(colour="red")
    assert settings.screening() == new
    settings.set_calibration_offset("serial:COM3", 0.3)
    assert settings.calibration_offset("serial:COM3") == 0.3
    assert settings.calibration_offset("sim") == 0.0
    with pytest.raises(UserError):
        settings.set_calibration_offset("x", 5)


def test_log_rows_in_batches(services: Services, clock: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(log, "BATCH", 3)
    services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    token = services.badges.issue(["1001"])[0].token
    services.settings.update(duplicate_window_s=0)
    s = services.screening
    for i in range(7):
        clock.advance(minutes=1)
        s.screen(s.identify_token(token), TakenReading(parse_reading(f"36.{i}"), "sim"),
                 Direction.IN if i % 2 == 0 else Direction.OUT)
    rows = list(services.log.rows(LogFilter()))
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert rows[0]["local_time"] == "2026-11-27T09:01:00+08:00"
    assert rows[0]["temperatures_c"] == [36.0]
    assert rows[0]["name"] == "张伟" and rows[1]["direction"] == "out"
    since = datetime(2026, 11, 27, 1, 3, tzinfo=UTC)
    assert [r["seq"] for r in services.log.rows(LogFilter(since=since))] == [3, 4, 5, 6, 7]
