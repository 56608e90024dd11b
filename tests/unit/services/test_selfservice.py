"""Self-service from a phone (services/selfservice.py): pre-registration with a pass signed by
the web service's own key, the pass at a gate that was never online, employees' declarations
with a personal code, and every rule on the way."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision, Direction, PersonKind
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.domain.tokens import BadgeClaims, TokenError, TokenKind, TokenProblem
from gatekeeper.domain.webpass import WebPass
from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.services.badges import (
    PASS_HOLDER_UPDATED_AT,
    BadgeService,
    PassesOnly,
    installation_key_file,
)
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.selfservice import (
    MAX_DAYS_AHEAD,
    CodeRefused,
    DeclarationRequest,
    FormProblems,
    HealthAnswers,
    SelfService,
    VisitRequest,
    normalise_code,
    web_installation,
)
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import (
    HealthDeclaration,
    Person,
    PersonCode,
    ScreeningEvent,
    Visit,
)
from gatekeeper.storage.models import WebPass as WebPassRow
from gatekeeper.sync.service import SyncService

NO_RISK = HealthAnswers(symptoms=(), places="", contact="no")


def visit(**changes: Any) -> VisitRequest:
    base = VisitRequest(
        name="王芳", phone="+86 138 0000 1111", company="华东物流", host="张伟",
        purpose="Delivery", kind="visitor", visit_date="2026-11-27", health=NO_RISK,
    )
    return replace(base, **changes)


@dataclass
class Installed:
    paths: Paths
    db: Database
    installation: Installation
    services: Services


@pytest.fixture
def provisioned(
    services: Services, tmp_path: Path, clock: Any
) -> Iterator[dict[str, Installed]]:
    """Installations provisioned from the site (the unit fixtures'), made on first use: the
    web service first, then a gate (so that the gate's registry knows the web key), which is
    never online again."""
    made: dict[str, Installed] = {}

    class Lazy(dict[str, Installed]):
        def __missing__(self, name: str) -> Installed:
            if name == "gate":
                self["web"]  # the web service is provisioned before the gate
            role = "web" if name == "web" else "gate"
            file = tmp_path / f"{name}.gkprov"
            ProvisionService(services.db, services.paths, clock).provision(
                "Web" if role == "web" else "South Gate", file, role=role, actor="test"
            )
            paths = Paths(tmp_path / name)
            db = Database(sqlite_url(paths.database_file))
            done = ProvisionService(db, paths, clock).install(file, actor="test")
            built = build_services(db, paths, done.installation, clock)
            made[name] = self[name] = Installed(paths, db, done.installation, built)
            return made[name]

    yield Lazy()
    for node in made.values():
        node.db.dispose()


@pytest.fixture
def web(services: Services, provisioned: dict[str, Installed], clock: Any) -> SelfService:
    """The web service on the site's database, with its own key."""
    paths = provisioned["web"].paths
    installation = web_installation(services.db, paths)
    badges = BadgeService(services.db, paths, installation, clock)
    return SelfService(services.db, installation, badges, clock, fast_hasher())


@pytest.fixture
def gate(web: SelfService, provisioned: dict[str, Installed]) -> Services:
    return provisioned["gate"].services


def reading(value: str = "36.6") -> TakenReading:
    return TakenReading(parse_reading(value), "sim")


def problems(error: pytest.ExceptionInfo[FormProblems]) -> dict[str, tuple[str, int]]:
    return {p.field: (p.code, p.limit) for p in error.value.problems}


# --- where the web service stands -----------------------------------------------------------


def test_the_web_service_is_the_gate_entry_the_site_made_for_it(
    web: SelfService, services: Services
) -> None:
    assert web.installation.site_id == services.installation.site_id
    assert web.installation.gate_name == "Web"
    assert web.installation.gate_id != services.installation.gate_id


def test_the_web_service_refuses_the_sites_folder(services: Services) -> None:
    with pytest.raises(UserError, match="site's private key"):
        web_installation(services.db, services.paths)


def test_the_web_service_needs_its_key(services: Services, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="holds no web service key"):
        web_installation(services.db, Paths(tmp_path / "empty"))


def test_the_web_key_must_belong_to_the_database(
    provisioned: dict[str, Installed], tmp_path: Path, clock: Any
) -> None:
    other = Paths(tmp_path / "other")
    other_db = Database(sqlite_url(other.database_file))
    other.data_dir.mkdir()
    try:
        SetupService(other_db, other, clock).initialise("Other", "Gate", "Asia/Shanghai")
        with pytest.raises(UserError, match="not a web service key of the site"):
            web_installation(other_db, provisioned["web"].paths)
        # A gate's key is not a web key either.
        with pytest.raises(UserError, match="not a web service key"):
            web_installation(provisioned["gate"].db, provisioned["gate"].paths)
    finally:
        other_db.dispose()


# --- pre-registration -----------------------------------------------------------------------


def test_preregistration_records_person_visit_declaration_and_a_pass(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit(
        health=HealthAnswers(places="上海，苏州\nHangzhou", contact="no"),
    ))
    assert issued.token is not None
    assert issued.visit_date == date(2026, 11, 27)
    assert issued.person.staff_no == "W" + issued.person.id.hex[-10:].upper()
    with services.db.session() as session:
        person = session.get(Person, issued.person.id)
        assert person is not None
        assert (person.name, person.kind, person.phone, person.employer) == (
            "王芳", "visitor", "+8613800001111", "华东物流"
        )
        (row,) = session.scalars(select(Visit).where(Visit.person_id == person.id))
        assert (row.source, row.gate_id, row.seq, row.visit_date) == ("web", None, None,
                                                                      "2026-11-27")
        assert (row.host, row.purpose, row.company) == ("张伟", "Delivery", "华东物流")
        declaration = session.get(HealthDeclaration, row.declaration_id)
        assert declaration is not None
        assert (declaration.source, declaration.gate_id, declaration.for_date) == (
            "web", None, "2026-11-27"
        )
        assert declaration.places_visited == ["上海", "苏州", "Hangzhou"]
        assert declaration.contact_with_confirmed is False
        (stored,) = session.scalars(select(WebPassRow))
        # Only the capability's hash is stored, never the capability itself.
        assert issued.capability not in (stored.capability_hash, stored.token)
        assert len(issued.capability) == 43


def test_the_pass_is_signed_by_the_web_key_and_carries_the_day_and_holder(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit(kind="contractor", visit_date="2026-11-28"))
    assert issued.token is not None
    claims, _, _ = tokens.parse(issued.token)
    assert claims.kind is TokenKind.VISITOR_PASS
    web_key = keys.load_private_key(installation_key_file(web.badges.paths))
    assert claims.key_id == tokens.key_id_of(web_key.public_key())
    assert WebPass.decode(claims.extra) == WebPass(
        PersonKind.CONTRACTOR, date(2026, 11, 28), "王芳", declared=True
    )
    # Valid to the end of its day, site time (UTC+8).
    assert claims.expires is not None
    assert claims.expires.isoformat() == "2026-11-28T15:59:59+00:00"
    # Small enough for QR version 7 at error correction M, so that a webcam reads it.
    assert len(issued.token) <= 178
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(issued.token)
    code.make(fit=True)
    assert code.version <= 7


def test_the_web_key_signs_passes_only(web: SelfService, services: Services) -> None:
    services.staff.add(staff_no="1001", name="张伟")
    with pytest.raises(PassesOnly):
        web.badges.issue(["1001"])


def test_long_names_are_cut_on_the_pass_not_in_the_record(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit(name="欧阳娜娜娜娜娜"))
    assert issued.token is not None
    claims, _, _ = tokens.parse(issued.token)
    assert WebPass.decode(claims.extra).name == "欧阳娜娜"
    assert issued.person.name == "欧阳娜娜娜娜娜"


def test_each_preregistration_is_a_person_of_its_own(web: SelfService) -> None:
    first = web.preregister(visit())
    second = web.preregister(visit(visit_date="2026-11-28"))
    assert first.person.id != second.person.id
    # Registering again with the same phone number revokes nobody's pass.
    assert web.pass_page(first.capability).state == "valid"  # type: ignore[union-attr]
    assert web.pass_page(second.capability).state == "valid"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "   "}, "name", "required"),
        ({"name": "x" * 101}, "name", "too_long"),
        ({"name": "a\x00b"}, "name", "control"),
        ({"phone": ""}, "phone", "required"),
        ({"phone": "call me"}, "phone", "phone"),
        ({"phone": "12"}, "phone", "phone"),
        ({"phone": "1" * 40}, "phone", "phone"),
        ({"company": "c" * 101}, "company", "too_long"),
        ({"host": ""}, "host", "required"),
        ({"host": "h" * 101}, "host", "too_long"),
        ({"purpose": ""}, "purpose", "required"),
        ({"purpose": "p" * 201}, "purpose", "too_long"),
        ({"kind": "employee"}, "kind", "choice"),
        ({"kind": ""}, "kind", "choice"),
        ({"visit_date": ""}, "visit_date", "required"),
        ({"visit_date": "tomorrow"}, "visit_date", "date"),
        ({"visit_date": "2026-02-30"}, "visit_date", "date"),
        ({"visit_date": "2026-11-26"}, "visit_date", "date_past"),
        ({"visit_date": "2026-12-05"}, "visit_date", "date_far"),
        ({"health": HealthAnswers(symptoms=("hiccups",), contact="no")}, "symptoms", "choice"),
        ({"health": HealthAnswers(symptoms=("fever",) * 50, contact="no")}, "symptoms",
         "choice"),
        ({"health": HealthAnswers(places="x" * 601, contact="no")}, "places", "too_long"),
        ({"health": HealthAnswers(places=",".join("abcdefghijk"), contact="no")}, "places",
         "too_many"),
        ({"health": HealthAnswers(places="y" * 61, contact="no")}, "places", "place_too_long"),
        ({"health": HealthAnswers(places="a\x07", contact="no")}, "places", "control"),
        ({"health": HealthAnswers(contact="")}, "contact", "required"),
        ({"health": HealthAnswers(contact="maybe")}, "contact", "required"),
    ],
)
def test_every_bad_field_is_named_and_nothing_is_stored(
    web: SelfService, services: Services, changes: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(FormProblems) as error:
        web.preregister(visit(**changes))
    assert problems(error)[field][0] == code
    with services.db.session() as session:
        assert session.scalars(select(Visit)).first() is None
        assert session.scalars(select(Person)).first() is None


def test_all_problems_are_reported_at_once(web: SelfService) -> None:
    with pytest.raises(FormProblems) as error:
        web.preregister(VisitRequest(name="", phone="", kind="x", visit_date=""))
    assert set(problems(error)) == {
        "name", "phone", "host", "purpose", "kind", "visit_date", "contact"
    }
    assert problems(error)["visit_date"] == ("required", 0)


def test_the_far_limit_is_named(web: SelfService) -> None:
    last = (date(2026, 11, 27) + timedelta(days=MAX_DAYS_AHEAD)).isoformat()
    assert web.preregister(visit(visit_date=last)).token is not None
    assert [d.isoformat() for d in web.visit_dates()][-1] == last
    with pytest.raises(FormProblems) as error:
        web.preregister(visit(visit_date="2026-12-05"))
    assert problems(error)["visit_date"] == ("date_far", MAX_DAYS_AHEAD)


def test_a_risky_declaration_is_recorded_without_a_pass(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit(health=HealthAnswers(symptoms=("fever", "cough"),
                                                         contact="no")))
    assert issued.token is None
    page = web.pass_page(issued.capability)
    assert page is not None and page.state == "refused" and page.token is None
    with services.db.session() as session:
        (row,) = session.scalars(select(HealthDeclaration))
        assert row.symptoms == ["fever", "cough"]
        person = session.get(Person, issued.person.id)
        assert person is not None and person.badge_version == 0
    contact = web.preregister(visit(health=HealthAnswers(contact="yes")))
    assert contact.token is None


# --- the pass page --------------------------------------------------------------------------


def test_the_pass_page_shows_the_holders_own_pass(web: SelfService) -> None:
    issued = web.preregister(visit())
    page = web.pass_page(issued.capability)
    assert page is not None
    assert (page.name, page.host, page.state, page.token) == ("王芳", "张伟", "valid",
                                                              issued.token)


@pytest.mark.parametrize(
    "capability", ["", "x", "A" * 43, "../" * 20, "%00" * 15, "A" * 42 + "=", "A" * 400]
)
def test_no_other_text_opens_a_pass(web: SelfService, capability: str) -> None:
    web.preregister(visit())
    assert web.pass_page(capability) is None


def test_a_pass_page_after_its_day_shows_no_code(web: SelfService, clock: Any) -> None:
    issued = web.preregister(visit())
    clock.advance(days=1)
    page = web.pass_page(issued.capability)
    assert page is not None and page.state == "expired" and page.token is None


def test_a_revoked_pass_shows_no_code(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit())
    services.badges.revoke(issued.person.staff_no)
    page = web.pass_page(issued.capability)
    assert page is not None and page.state == "replaced" and page.token is None


# --- at the gate ----------------------------------------------------------------------------


def test_a_gate_that_was_never_online_admits_the_pass(
    web: SelfService, gate: Services, services: Services
) -> None:
    issued = web.preregister(visit())
    assert issued.token is not None
    with gate.db.session() as session:
        assert session.get(Person, issued.person.id) is None  # the gate has never heard of it
    verified = gate.badges.verify(issued.token)
    assert verified.web_pass is not None
    assert (verified.person.name, verified.person.staff_no) == ("王芳", issued.person.staff_no)
    # The site requires a declaration from everyone: the pass says it was made on the phone.
    gate.settings.update(declaration_required_for_all=True, actor="test")
    identity = gate.screening.identify_token(issued.token)
    assert identity.declared_on_pass
    assert not gate.screening.declaration_needed(identity)
    outcome = gate.screening.screen(identity, reading(), Direction.IN)
    assert outcome.decision is Decision.PASS and outcome.recorded
    with gate.db.session() as session:
        holder = session.get(Person, issued.person.id)
        assert holder is not None
        assert (holder.kind, holder.badge_version) == ("visitor", 1)
        assert holder.updated_at == PASS_HOLDER_UPDATED_AT
    # Scanned again: the holder is not stored twice.
    gate.screening.identify_token(issued.token)


def test_the_gates_event_imports_centrally_without_changing_the_visitor(
    web: SelfService, gate: Services, services: Services, tmp_path: Path, clock: Any
) -> None:
    issued = web.preregister(visit())
    assert issued.token is not None
    outcome = gate.screening.screen(
        gate.screening.identify_token(issued.token), reading(), Direction.IN
    )
    out = tmp_path / "usb"
    out.mkdir()
    files = [f.path for f in SyncService(gate.db, gate.paths, gate.installation,
                                         clock).export(out)]
    report = SyncService(services.db, services.paths, services.installation,
                         clock).import_files(files)
    assert report.ok, report
    with services.db.session() as session:
        event = session.get(ScreeningEvent, outcome.event_id)
        assert event is not None and event.person_id == issued.person.id
        person = session.get(Person, issued.person.id)
        assert person is not None
        # The site's record of the visitor keeps its own details.
        assert (person.name, person.phone) == ("王芳", "+8613800001111")


def test_a_pass_is_valid_on_its_day_only(
    web: SelfService, gate: Services, clock: Any
) -> None:
    tomorrow = web.preregister(visit(visit_date="2026-11-28"))
    assert tomorrow.token is not None
    with pytest.raises(TokenError) as early:
        gate.badges.verify(tomorrow.token)
    assert early.value.problem is TokenProblem.EXPIRED
    assert "2026-11-28" in str(early.value)
    clock.advance(days=1)
    assert gate.badges.verify(tomorrow.token).person.name == "王芳"
    clock.advance(days=1)
    with pytest.raises(TokenError) as late:
        gate.badges.verify(tomorrow.token)
    assert late.value.problem is TokenProblem.EXPIRED


def _web_signed(web: SelfService, person_id: Any, version: int, extra: bytes) -> str:
    key = keys.load_private_key(installation_key_file(web.badges.paths))
    claims = BadgeClaims(TokenKind.VISITOR_PASS, tokens.key_id_of(key.public_key()), person_id,
                         version, web.end_of(date(2026, 11, 27)), extra)
    return tokens.sign(claims, key)


def test_the_web_key_cannot_admit_an_employee(
    web: SelfService, services: Services, gate: Services
) -> None:
    """A compromised web server signs a pass naming an employee: refused as a forgery."""
    employee = services.staff.add(staff_no="1001", name="张伟")
    services.badges.issue(["1001"])
    extra = WebPass(PersonKind.VISITOR, date(2026, 11, 27), "张伟", True).encode()
    forged = _web_signed(web, employee.id, 1, extra)
    with pytest.raises(TokenError) as error:
        services.badges.verify(forged)
    assert error.value.problem is TokenProblem.BAD_SIGNATURE
    with pytest.raises(TokenError) as plain:
        services.badges.verify(_web_signed(web, employee.id, 1, b""))
    assert plain.value.problem is TokenProblem.GARBLED


def test_a_newer_web_pass_than_the_gate_knows_is_admitted(
    web: SelfService, gate: Services
) -> None:
    issued = web.preregister(visit())
    assert issued.token is not None
    gate.screening.identify_token(issued.token)
    extra = WebPass(PersonKind.VISITOR, date(2026, 11, 27), "王芳", True).encode()
    newer = _web_signed(web, issued.person.id, 2, extra)
    assert gate.screening.identify_token(newer).badge_version == 2
    with pytest.raises(TokenError) as old:
        gate.badges.verify(issued.token)
    assert old.value.problem is TokenProblem.REVOKED


def test_a_kiosk_on_the_central_database_sees_the_declaration(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit())
    assert issued.token is not None
    services.settings.update(declaration_required_for_all=True, actor="test")
    identity = services.screening.identify_token(issued.token)
    assert not services.screening.declaration_needed(identity)
    assert services.screening.declared_today(issued.person.id) is not None


# --- employees ------------------------------------------------------------------------------


@pytest.fixture
def employee(web: SelfService, services: Services) -> str:
    services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    return web.set_code("1001", actor="officer")


def declare(web: SelfService, code: str, staff_no: str = "1001", **health: Any
            ) -> Any:
    answers = HealthAnswers(**{"contact": "no", **health})
    return web.declare(DeclarationRequest(staff_no, code, answers))


def test_a_personal_code_is_shown_once_and_stored_hashed(
    web: SelfService, services: Services, employee: str
) -> None:
    assert len(employee) == 8 and normalise_code(employee) == employee
    with services.db.session() as session:
        (row,) = session.scalars(select(PersonCode))
        assert row.code_hash.startswith("$argon2id$")
        assert employee not in row.code_hash
    assert employee.encode() not in services.paths.database_file.read_bytes()
    again = web.set_code("1001")
    assert again != employee
    with pytest.raises(CodeRefused):
        declare(web, employee)
    declare(web, again)


def test_the_employees_declaration_counts_at_the_kiosk_and_for_officers(
    web: SelfService, services: Services, employee: str
) -> None:
    services.settings.update(declaration_required_for_all=True, actor="test")
    (zhang,) = services.screening.find_people("1001")
    identity = services.screening.identify_manual(zhang.id)
    assert services.screening.declaration_needed(identity)
    (missed,) = services.presence.not_screened_today()
    assert not missed.declared_today

    done = declare(web, employee[:4] + "-" + employee[4:].lower(), places="Wuhan")
    assert (done.name, done.for_date, done.risky) == ("张伟", date(2026, 11, 27), False)
    assert not services.screening.declaration_needed(identity)
    assert services.screening.declared_today(zhang.id) is not None
    (missed,) = services.presence.not_screened_today()
    assert missed.declared_today
    with services.db.session() as session:
        (row,) = session.scalars(select(HealthDeclaration))
        assert (row.source, row.gate_id, row.for_date, row.places_visited) == (
            "web", None, "2026-11-27", ["Wuhan"]
        )


def test_a_risky_employee_declaration_is_denied_at_the_gate(
    web: SelfService, services: Services, employee: str
) -> None:
    assert declare(web, employee, symptoms=("cough",)).risky
    token = services.badges.issue(["1001"])[0].token
    outcome = services.screening.screen(
        services.screening.identify_token(token), reading(), Direction.IN
    )
    assert outcome.decision is Decision.DENY
    assert str(outcome.reason) == "declaration_risk"


def test_wrong_codes_are_refused_alike_and_then_throttled(
    web: SelfService, services: Services, employee: str, clock: Any
) -> None:
    wrong = "AAAA2222" if employee != "AAAA2222" else "BBBB3333"
    for _ in range(5):
        with pytest.raises(CodeRefused) as error:
            declare(web, wrong)
        assert error.value.wait_seconds == 0
    # Now even the right code must wait.
    with pytest.raises(CodeRefused) as blocked:
        declare(web, employee)
    assert blocked.value.wait_seconds == 60
    clock.advance(seconds=61)
    with pytest.raises(CodeRefused):
        declare(web, wrong)
    with pytest.raises(CodeRefused) as longer:
        declare(web, employee)
    assert longer.value.wait_seconds == 120
    clock.advance(seconds=121)
    declare(web, employee)
    with services.db.session() as session:
        assert session.scalars(select(HealthDeclaration)).one() is not None
        (row,) = session.scalars(select(PersonCode))
        assert (row.failures, row.blocked_until) == (0, None)


def test_unknown_staff_numbers_are_throttled_the_same_way(
    web: SelfService, services: Services, employee: str
) -> None:
    services.staff.add(staff_no="1002", name="Li Na")  # no code set
    for staff_no in ("9999", "1002"):
        for _ in range(5):
            with pytest.raises(CodeRefused) as error:
                declare(web, "AAAA2222", staff_no=staff_no)
            assert error.value.wait_seconds == 0
        with pytest.raises(CodeRefused) as blocked:
            declare(web, "AAAA2222", staff_no=staff_no)
        assert blocked.value.wait_seconds == 60
    # Another staff number is not held back by these.
    declare(web, employee)


def test_an_inactive_employee_cannot_declare(
    web: SelfService, services: Services, employee: str
) -> None:
    with services.db.session() as session:
        person = session.scalars(select(Person).where(Person.staff_no == "1001")).one()
        person.active = False
    with pytest.raises(CodeRefused):
        declare(web, employee)


@pytest.mark.parametrize(
    ("staff_no", "code", "field", "problem"),
    [
        ("", "AAAA2222", "staff_no", "required"),
        ("1" * 33, "AAAA2222", "staff_no", "too_long"),
        ("1001", "", "code", "required"),
        ("1001", "AAAA222", "code", "code_format"),
        ("1001", "AAAA22220", "code", "code_format"),
        ("1001", "AAAA2220", "code", "code_format"),  # 0 is not in the alphabet
        ("1001", "ÄAAA2222", "code", "code_format"),
    ],
)
def test_declaration_fields_are_checked(
    web: SelfService, employee: str, staff_no: str, code: str, field: str, problem: str
) -> None:
    with pytest.raises(FormProblems) as error:
        declare(web, code, staff_no=staff_no)
    assert problems(error)[field][0] == problem


def test_codes_are_for_the_registry_not_for_visitors(
    web: SelfService, services: Services
) -> None:
    issued = web.preregister(visit())
    with pytest.raises(UserError, match="visitor"):
        web.set_code(issued.person.staff_no)
    with pytest.raises(UserError, match="No person"):
        web.set_code("4242")


def test_a_code_can_be_cleared(web: SelfService, employee: str) -> None:
    assert web.has_code("1001")
    assert web.clear_code("1001", actor="officer")
    assert not web.has_code("1001")
    assert not web.clear_code("1001")
    with pytest.raises(CodeRefused):
        declare(web, employee)


# --- the address the kiosk shows ------------------------------------------------------------


def test_the_self_service_address_setting(services: Services) -> None:
    settings = services.settings
    assert settings.self_service_url() == ""
    assert settings.set_self_service_url(" http://192.168.1.20:8080/ ", actor="it") == (
        "http://192.168.1.20:8080/"
    )
    assert settings.self_service_url() == "http://192.168.1.20:8080/"
    for bad in ("ftp://x/", "192.168.1.20:8080", "http://", "http://a b/",
                "https://x/" + "y" * 200, "javascript:alert(1)"):
        with pytest.raises(UserError, match="self-service address"):
            settings.set_self_service_url(bad)
    assert settings.self_service_url() == "http://192.168.1.20:8080/"
    assert settings.set_self_service_url("") == ""
    assert settings.self_service_url() == ""
