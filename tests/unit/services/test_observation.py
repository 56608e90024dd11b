"""Travel history, the observation clock, its daily series, and the kiosk's declaration."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest

from gatekeeper.domain.enums import Decision, Direction, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.services.observation import ObservationService, normalise_region
from gatekeeper.services.screening import Declaration, DeclarationNeeded, TakenReading
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo

# The fixture clock starts at 2026-11-27 01:00 UTC, 09:00 in Asia/Shanghai (UTC+8).
TODAY = date(2026, 11, 27)


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


def user(services: Services, role: Role) -> UserView:
    secret = "1234" if role is Role.GUARD else "password-1"
    return services.users.add(username=f"u-{role}", role=role, secret=secret)


@pytest.fixture
def officer(services: Services) -> UserView:
    return user(services, Role.OFFICER)


@pytest.fixture
def observations(services: Services, clock: Any, officer: UserView) -> ObservationService:
    service = ObservationService(services.db, services.installation, services.settings, clock)
    service.update_settings(officer, regions=["武汉", "Lombardy"])
    return service


@pytest.fixture
def zhang(services: Services) -> PersonView:
    return services.staff.add(staff_no="1001", name="张伟", department="总装车间")


def audit_details(services: Services, action: str) -> list[dict[str, Any]]:
    with services.db.session() as session:
        return [json.loads(e.details) for e in repo.audit_entries(session) if e.action == action]


# --- settings -----------------------------------------------------------------------------------


def test_settings_defaults_update_and_audit(services: Services, clock: Any) -> None:
    service = ObservationService(services.db, services.installation, services.settings, clock)
    settings = service.settings()
    assert (settings.regions, settings.days) == ((), 14)
    officer = user(services, Role.OFFICER)
    updated = service.update_settings(
        officer, regions=[" Wuhan ", "WUHAN", "", "  湖北  省 ", "ｌｏｍｂａｒｄｙ"], days=10
    )
    assert updated.regions == ("Wuhan", "湖北 省", "ｌｏｍｂａｒｄｙ")
    assert updated.days == 10 and service.settings() == updated
    assert updated.lists("wuhan") and updated.lists("  湖北\u3000省") and updated.lists("Lombardy")
    assert not updated.lists("湖北武汉")  # exact names, not substrings
    assert normalise_region(" ＷＵＨＡＮ ") == "wuhan"
    service.update_settings(officer, days=10)  # no change: no audit entry
    assert audit_details(services, "settings.observation") == [{
        "regions": {"from": [], "to": ["Wuhan", "湖北 省", "ｌｏｍｂａｒｄｙ"]},
        "days": {"from": 14, "to": 10},
    }]


def test_settings_refuse_bad_input_and_guards(services: Services, clock: Any) -> None:
    service = ObservationService(services.db, services.installation, services.settings, clock)
    officer = user(services, Role.OFFICER)
    for days in (0, 61, True):
        with pytest.raises(UserError, match="1 to 60 days"):
            service.update_settings(officer, days=days)
    with pytest.raises(UserError, match="longer than 100"):
        service.update_settings(officer, regions=["x" * 101])
    with pytest.raises(UserError, match="list of names"):
        service.update_settings(officer, regions="武汉")
    with pytest.raises(PermissionDenied):
        service.update_settings(user(services, Role.GUARD), days=7)
    assert service.settings().days == 14
    assert audit_details(services, "denied")[0]["attempted"] == "change the observation settings"


# --- travel and observation ---------------------------------------------------------------------


def test_listed_region_starts_an_observation(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView,
) -> None:
    obs = observations.record_travel(zhang.id, "  武汉 ", date(2026, 11, 20), officer, "高铁")
    assert obs.observed and obs.origin == "武汉" and obs.note == "高铁"
    assert (obs.arrived_on, obs.clears_on, obs.ends_on) == (
        date(2026, 11, 20), date(2026, 12, 4), date(2026, 12, 4)
    )
    assert obs.person == zhang and obs.actor == officer.username
    assert observations.active_for(zhang.id, date(2026, 11, 19)) is None
    assert observations.active_for(zhang.id, date(2026, 11, 20)) == obs
    assert observations.active_for(zhang.id, date(2026, 12, 3)) == obs
    assert observations.active_for(zhang.id, date(2026, 12, 4)) is None  # the clearance date
    assert audit_details(services, "observation.record") == [{
        "staff_no": "1001", "origin": "武汉", "arrived_on": "2026-11-20",
        "clears_on": "2026-12-04", "observed": True,
    }]


def test_unlisted_origin_is_travel_history_only(
    observations: ObservationService, officer: UserView, zhang: PersonView
) -> None:
    trip = observations.record_travel(zhang.id, "Shanghai", TODAY, officer)
    assert not trip.observed and trip.clears_on == trip.arrived_on == TODAY
    assert observations.active_for(zhang.id, TODAY) is None
    assert observations.under_observation(TODAY) == []
    assert observations.temperature_series(trip.id) == []
    lombardy = observations.record_travel(zhang.id, "LOMBARDY", date(2026, 11, 1), officer)
    assert lombardy.observed  # case-insensitive
    assert [t.origin for t in observations.history(zhang.id)] == ["Shanghai", "LOMBARDY"]


def test_settings_change_does_not_move_running_observations(
    observations: ObservationService, officer: UserView, zhang: PersonView
) -> None:
    obs = observations.record_travel(zhang.id, "武汉", TODAY, officer)
    observations.update_settings(officer, regions=[], days=7)
    assert observations.get(obs.id).clears_on == date(2026, 12, 11)
    assert observations.active_for(zhang.id, date(2026, 12, 10)) is not None


def test_under_observation_lists_people(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView,
) -> None:
    wang = services.staff.add(staff_no="1002", name="王芳")
    observations.record_travel(zhang.id, "武汉", date(2026, 11, 20), officer)
    observations.record_travel(wang.id, "武汉", date(2026, 11, 25), officer)
    observations.record_travel(wang.id, "武汉", date(2026, 11, 26), officer)  # overlapping
    listed = observations.under_observation(TODAY)
    assert [(o.person.name, o.clears_on) for o in listed] == [
        ("张伟", date(2026, 12, 4)), ("王芳", date(2026, 12, 10)),
    ]
    assert observations.active_for(wang.id, TODAY).clears_on == date(2026, 12, 10)  # type: ignore[union-attr]
    assert [o.person.name for o in observations.under_observation(date(2026, 12, 5))] == ["王芳"]


def test_record_travel_refuses_bad_input(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView,
) -> None:
    with pytest.raises(UserError, match="place of origin is empty"):
        observations.record_travel(zhang.id, "  ", TODAY, officer)
    with pytest.raises(UserError, match="not in the registry"):
        observations.record_travel(uuid.uuid4(), "武汉", TODAY, officer)
    with pytest.raises(UserError, match="check the year"):
        observations.record_travel(zhang.id, "武汉", date(2062, 11, 27), officer)
    with pytest.raises(UserError, match="note is longer"):
        observations.record_travel(zhang.id, "武汉", TODAY, officer, note="x" * 501)
    with pytest.raises(PermissionDenied):
        observations.record_travel(zhang.id, "武汉", TODAY, user(services, Role.GUARD))
    assert observations.history(zhang.id) == []
    with pytest.raises(UserError, match="No observation"):
        observations.get(uuid.uuid4())


def test_end_early(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView, clock: Any,
) -> None:
    obs = observations.record_travel(zhang.id, "武汉", date(2026, 11, 25), officer)
    with pytest.raises(UserError, match="reason is empty"):
        observations.end_early(obs.id, officer, " ")
    with pytest.raises(PermissionDenied):
        observations.end_early(obs.id, user(services, Role.GUARD), "negative test")
    ended = observations.end_early(obs.id, officer, "核酸阴性 negative test")
    assert ended.ended_early and ended.ends_on == TODAY  # free from today on
    assert observations.active_for(zhang.id, TODAY) is None
    assert observations.active_for(zhang.id, date(2026, 11, 26)) is not None  # history stays
    assert [d.day for d in observations.temperature_series(obs.id)] == [
        date(2026, 11, 25), date(2026, 11, 26)
    ]
    with pytest.raises(UserError, match="already ended"):
        observations.end_early(obs.id, officer, "again")
    assert audit_details(services, "observation.end_early") == [{
        "staff_no": "1001", "reason": "核酸阴性 negative test", "clears_on": "2026-12-09",
    }]

    trip = observations.record_travel(zhang.id, "Beijing", TODAY, officer)
    with pytest.raises(UserError, match="nothing to end"):
        observations.end_early(trip.id, officer, "n/a")
    old = observations.record_travel(zhang.id, "武汉", date(2026, 11, 1), officer)
    with pytest.raises(UserError, match="already cleared on 2026-11-15"):
        observations.end_early(old.id, officer, "n/a")


# --- the daily series ---------------------------------------------------------------------------


def test_temperature_series_one_entry_per_day(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView, clock: Any,
) -> None:
    observations.update_settings(officer, days=4)
    obs = observations.record_travel(zhang.id, "武汉", date(2026, 11, 26), officer)
    assert obs.clears_on == date(2026, 11, 30)
    s = services.screening
    identity = s.identify_manual(zhang.id)
    decl = Declaration()
    # The 27th: a fever on the first reading, cleared on the second; then out at 23:50 local.
    first = s.screen(identity, read("37.6"), Direction.IN, declaration=decl)
    s.recheck(first.event_id, read("37.1"))  # type: ignore[arg-type]
    clock.now = datetime(2026, 11, 27, 15, 50, tzinfo=UTC)
    s.screen(identity, read("36.8"), Direction.OUT)
    # 00:10 local on the 28th: a new day (and a new declaration is due).
    clock.now = datetime(2026, 11, 27, 16, 10, tzinfo=UTC)
    with pytest.raises(DeclarationNeeded):
        s.screen(identity, read("36.5"), Direction.IN)
    s.screen(identity, read("36.5"), Direction.IN, declaration=decl)

    series = observations.temperature_series(obs.id)
    assert [d.day for d in series] == [
        date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)
    ]
    assert [d.screened for d in series] == [False, True, True, False]
    assert [d.declared for d in series] == [False, True, True, False]
    day27 = series[1]
    assert [r.value_c for r in day27.readings] == [37.6, 37.1, 36.8]
    assert [r.fever for r in day27.readings] == [True, False, False]
    assert [r.decision for r in day27.readings] == [Decision.RECHECK, Decision.PASS, Decision.PASS]
    assert day27.readings[2].direction is Direction.OUT
    assert day27.fever and day27.max_c == 37.6
    assert [r.value_c for r in series[2].readings] == [36.5]
    assert series[3].readings == () and series[3].max_c is None


# --- the kiosk ----------------------------------------------------------------------------------


def test_declaration_needed_while_under_observation(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView, clock: Any,
) -> None:
    s = services.screening
    other = services.staff.add(staff_no="1002", name="王芳")
    identity = s.identify_manual(zhang.id)
    assert not s.declaration_needed(identity)
    observations.update_settings(officer, days=2)
    observations.record_travel(zhang.id, "武汉", TODAY, officer)
    assert s.declaration_needed(identity)
    assert not s.declaration_needed(s.identify_manual(other.id))
    with pytest.raises(DeclarationNeeded):
        s.screen(identity, read("36.5"), Direction.IN)
    s.declare(zhang.id, Declaration(), source="web")  # from the phone
    assert not s.declaration_needed(identity)
    assert s.screen(identity, read("36.5"), Direction.IN).decision is Decision.PASS

    clock.now = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # local midnight: the 28th
    assert s.declaration_needed(identity)
    clock.now = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)  # the 29th: cleared
    assert not s.declaration_needed(identity)


def test_declaration_no_longer_needed_after_an_early_end(
    services: Services, observations: ObservationService, officer: UserView,
    zhang: PersonView,
) -> None:
    s = services.screening
    obs = observations.record_travel(zhang.id, "武汉", TODAY, officer)
    assert s.declaration_needed(s.identify_manual(zhang.id))
    observations.end_early(obs.id, officer, "cleared by the health office")
    assert not s.declaration_needed(s.identify_manual(zhang.id))
