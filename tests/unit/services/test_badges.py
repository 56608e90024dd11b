from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from gatekeeper.config import Paths
from gatekeeper.domain import tokens
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.services.badges import BadgeService, UnknownStaff
from gatekeeper.services.setup import SetupService
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import Person


@pytest.fixture
def people(staff, badges):  # type: ignore[no-untyped-def]
    staff.add(staff_no="1001", name="张伟", department="总装车间")
    staff.add(staff_no="1002", name="Li Na", kind="contractor")


def _problem(badges: BadgeService, token: str) -> TokenProblem:
    with pytest.raises(TokenError) as info:
        badges.verify(token)
    return info.value.problem


def test_issue_and_verify(badges: BadgeService, people: None) -> None:
    (issued,) = badges.issue(["1001"])
    assert issued.version == 1
    verified = badges.verify(issued.token)
    assert verified.person.staff_no == "1001"
    assert verified.person.name == "张伟"


def test_printing_again_keeps_the_same_badge(badges: BadgeService, people: None) -> None:
    (first,) = badges.issue(["1001"])
    (again,) = badges.issue(["1001"])
    assert again.version == first.version == 1
    assert again.token == first.token
    badges.verify(first.token)


def test_revoke_makes_old_badge_fail_as_revoked(badges: BadgeService, people: None) -> None:
    (old,) = badges.issue(["1001"])
    new = badges.revoke("1001")
    assert new.version == 2
    assert _problem(badges, old.token) is TokenProblem.REVOKED
    assert badges.verify(new.token).claims.version == 2


def test_unknown_staff_numbers_are_all_named(badges: BadgeService, people: None) -> None:
    with pytest.raises(UnknownStaff, match="9998, 9999"):
        badges.issue(["1001", "9998", "9999"])
    with pytest.raises(UnknownStaff):
        badges.revoke("9999")


def test_inactive_person(badges: BadgeService, people: None, db: Database) -> None:
    (issued,) = badges.issue(["1002"])
    with db.session() as session:
        person = session.get(Person, issued.person.id)
        assert person is not None
        person.active = False
    assert _problem(badges, issued.token) is TokenProblem.INACTIVE_PERSON


def test_person_removed_from_registry_is_unknown(
    badges: BadgeService, people: None, db: Database
) -> None:
    (issued,) = badges.issue(["1002"])
    with db.session() as session:
        person = session.get(Person, issued.person.id)
        assert person is not None
        for badge in person.badges:
            session.delete(badge)
        session.delete(person)
    assert _problem(badges, issued.token) is TokenProblem.UNKNOWN_PERSON


def test_badge_of_another_site_is_foreign(
    badges: BadgeService, people: None, tmp_path: Path, clock: Any
) -> None:
    other_paths = Paths(tmp_path / "other")
    other_paths.data_dir.mkdir()
    other_db = Database(sqlite_url(other_paths.database_file))
    try:
        other = SetupService(other_db, other_paths, clock).initialise("Other site", "g", "UTC")
        from gatekeeper.services.staff import StaffService

        StaffService(other_db, other, clock).add(staff_no="1001", name="Someone")
        (foreign,) = BadgeService(other_db, other_paths, other, clock).issue(["1001"])
    finally:
        other_db.dispose()
    assert _problem(badges, foreign.token) is TokenProblem.FOREIGN_KEY


def test_forged_badge_has_bad_signature(
    badges: BadgeService, people: None, paths: Paths
) -> None:
    (issued,) = badges.issue(["1001"])
    claims, _, _ = tokens.parse(issued.token)
    attacker = keys.generate()
    body = claims._body()
    forged = "GK1" + base64.b32encode(body + attacker.sign(b"GK1" + body)).decode().rstrip("=")
    assert _problem(badges, forged) is TokenProblem.BAD_SIGNATURE
    assert _problem(badges, issued.token[:-10]) is TokenProblem.GARBLED


def test_expired_visitor_pass(
    badges: BadgeService, staff, clock: Any  # type: ignore[no-untyped-def]
) -> None:
    staff.add(staff_no="V1", name="访客", kind="visitor")
    (issued,) = badges.issue(["V1"], expires_at=clock.now + timedelta(hours=8))
    badges.verify(issued.token)
    clock.advance(hours=8)
    assert _problem(badges, issued.token) is TokenProblem.EXPIRED


def test_gate_without_private_key_verifies_but_cannot_issue(
    badges: BadgeService, people: None, paths: Paths, db: Database, installation, clock  # type: ignore[no-untyped-def]
) -> None:
    (issued,) = badges.issue(["1001"])
    paths.signing_key_file.unlink()
    gate_side = BadgeService(db, paths, installation, clock)
    assert gate_side.verify(issued.token).person.staff_no == "1001"
    with pytest.raises(UserError, match=r"signing key .* is missing"):
        gate_side.issue(["1002"])
