"""Editing one person in the registry (the console's registry page): details, deactivation,
photo; and the reads of the person file: badge history and declarations."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import select

from gatekeeper.domain.enums import PersonKind
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services.container import Services
from gatekeeper.services.screening import Declaration
from gatekeeper.services.staff import MAX_PHOTO_BYTES, check_photo
from gatekeeper.storage.models import AuditEntry, Person


def audit_actions(services: Services) -> list[tuple[str, str, dict[str, Any]]]:
    with services.db.session() as session:
        return [
            (e.actor, e.action, json.loads(e.details))
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def zhang(services: Services) -> uuid.UUID:
    return services.staff.add(
        staff_no="1001", name="张伟", department="总装车间", phone="138 0013 8000"
    ).id


def test_update_changes_the_given_fields_only_and_audits_their_names(
    services: Services, zhang: uuid.UUID
) -> None:
    updated = services.staff.update(
        zhang, name=" 张 伟 ", kind="contractor", phone="+86 139-0000-1111", actor="wang"
    )
    assert (updated.name, updated.kind, updated.phone, updated.department) == (
        "张 伟", PersonKind.CONTRACTOR, "+8613900001111", "总装车间",
    )
    assert services.staff.get(zhang) == updated
    actor, action, details = audit_actions(services)[-1]
    assert (actor, action) == ("wang", "person.update")
    assert details == {"staff_no": "1001", "fields": ["kind", "name", "phone"]}
    # The phone number itself stays out of the audit trail.
    assert "13900001111" not in json.dumps(details)


def test_update_with_nothing_new_records_nothing(services: Services, zhang: uuid.UUID) -> None:
    before = len(audit_actions(services))
    services.staff.update(zhang, name="张伟", department="总装车间")
    assert len(audit_actions(services)) == before


def test_a_new_staff_number_must_be_free_and_keeps_the_badge_valid(
    services: Services, zhang: uuid.UUID
) -> None:
    services.staff.add(staff_no="1002", name="王芳")
    (badge,) = services.badges.issue(["1001"])
    with pytest.raises(UserError, match="1002 already belongs to 王芳"):
        services.staff.update(zhang, staff_no="1002")
    assert services.staff.get(zhang).staff_no == "1001"
    renamed = services.staff.update(zhang, staff_no="1001A", actor="wang")
    assert renamed.staff_no == "1001A"
    assert services.badges.verify(badge.token).person.staff_no == "1001A"
    assert audit_actions(services)[-1][2]["previous_staff_no"] == "1001"


def test_update_refuses_bad_values_and_changes_nothing(
    services: Services, zhang: uuid.UUID
) -> None:
    with pytest.raises(UserError) as caught:
        services.staff.update(zhang, name="", phone="call me", kind="boss")
    message = str(caught.value)
    assert "name is missing" in message and "phone" in message and "unknown kind" in message
    person = services.staff.get(zhang)
    assert (person.name, person.phone, person.kind) == ("张伟", "13800138000", "employee")


def test_unknown_person_is_a_user_error(services: Services) -> None:
    nobody = uuid.uuid4()
    for call in (
        lambda: services.staff.get(nobody),
        lambda: services.staff.update(nobody, name="x"),
        lambda: services.staff.deactivate(nobody),
        lambda: services.staff.set_photo(nobody, None),
        lambda: services.staff.badge_history(nobody),
        lambda: services.staff.declarations(nobody),
    ):
        with pytest.raises(UserError, match="not in the registry"):
            call()


def test_deactivate_stops_the_badge_and_reactivate_restores_it(
    services: Services, zhang: uuid.UUID
) -> None:
    (badge,) = services.badges.issue(["1001"])
    assert not services.staff.deactivate(zhang, actor="wang").active
    with pytest.raises(TokenError) as caught:
        services.badges.verify(badge.token)
    assert caught.value.problem is TokenProblem.INACTIVE_PERSON
    assert [p.staff_no for p in services.staff.list(include_inactive=False)] == []
    # Twice is once.
    services.staff.deactivate(zhang, actor="wang")
    assert services.staff.reactivate(zhang, actor="wang").active
    assert services.badges.verify(badge.token).person.id == zhang
    actions = [(a, b) for a, b, _ in audit_actions(services) if b.startswith("person.")]
    assert actions[-2:] == [("wang", "person.deactivate"), ("wang", "person.reactivate")]


def test_photo_is_stored_checked_and_removed(services: Services, zhang: uuid.UUID) -> None:
    jpeg = image_bytes("JPEG")
    assert services.staff.set_photo(zhang, jpeg, actor="wang").has_photo
    assert services.staff.photo(zhang) == jpeg
    png = image_bytes("PNG")
    services.staff.set_photo(zhang, png, actor="wang")
    assert services.staff.photo(zhang) == png
    assert not services.staff.set_photo(zhang, None, actor="wang").has_photo
    assert services.staff.photo(zhang) is None
    actions = [b for _, b, _ in audit_actions(services) if b.startswith("person.photo")]
    assert actions == ["person.photo", "person.photo", "person.photo_removed"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"not an image at all", "not a readable JPEG or PNG"),
        (image_bytes("JPEG")[:60], "not a readable JPEG or PNG"),
        (image_bytes("GIF"), "GIF image"),
        (image_bytes("PNG", (2100, 10)), "2100 x 10 pixels"),
        (b"\xff\xd8\xff" + b"\0" * MAX_PHOTO_BYTES, "too large"),
    ],
)
def test_bad_photos_are_refused_and_the_old_one_stays(
    services: Services, zhang: uuid.UUID, data: bytes, message: str
) -> None:
    services.staff.set_photo(zhang, image_bytes("JPEG"))
    with pytest.raises(UserError, match=message):
        services.staff.set_photo(zhang, data)
    assert services.staff.photo(zhang) == image_bytes("JPEG")


def test_check_photo_names_the_format() -> None:
    assert check_photo(image_bytes("JPEG")) == "JPEG"
    assert check_photo(image_bytes("PNG")) == "PNG"


def test_badge_history_newest_first(services: Services, zhang: uuid.UUID, clock: Any) -> None:
    assert services.staff.badge_history(zhang) == []
    services.badges.issue(["1001"])
    clock.advance(days=3)
    services.badges.revoke("1001")
    history = services.staff.badge_history(zhang)
    assert [(b.version, b.current) for b in history] == [(2, True), (1, False)]
    assert history[1].revoked_at == history[0].issued_at == clock.now
    assert history[0].revoked_at is None


def test_declarations_newest_first(services: Services, zhang: uuid.UUID, clock: Any) -> None:
    assert services.staff.declarations(zhang) == []
    services.screening.declare(zhang, Declaration(places_visited=("上海",)))
    clock.advance(days=1)
    services.screening.declare(zhang, Declaration(symptoms=("cough",)), source="web")
    clock.advance(hours=2)
    services.screening.declare(zhang, Declaration(contact_with_confirmed=True))
    found = services.staff.declarations(zhang)
    assert [(str(d.for_date), d.source, d.risky) for d in found] == [
        ("2026-11-28", "gate", True),
        ("2026-11-28", "web", True),
        ("2026-11-27", "gate", False),
    ]
    assert found[2].places_visited == ("上海",)
    assert found[1].symptoms == ("cough",)
    assert [str(d.for_date) for d in services.staff.declarations(zhang, limit=1)] == [
        "2026-11-28", "2026-11-28",
    ]


def test_list_keeps_inactive_people_apart(services: Services, zhang: uuid.UUID) -> None:
    other = services.staff.add(staff_no="1002", name="王芳").id
    services.staff.deactivate(other)
    assert {p.staff_no: p.active for p in services.staff.list()} == {"1001": True, "1002": False}
    with services.db.session() as session:
        assert session.get(Person, other) is not None
