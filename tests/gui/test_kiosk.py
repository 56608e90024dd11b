"""The kiosk at the gate, with the real services on a temporary SQLite database.

Each test drives the kiosk the way people at the gate do (a badge in front of the camera, a
USB scanner typing, the keypad, the forms) and then checks the database, not only the screen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.services.container import Services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.setup import Installation
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import (
    HealthDeclaration,
    Person,
    ScreeningEvent,
    Visit,
)
from gatekeeper.ui.kiosk.window import KioskWindow

if TYPE_CHECKING:
    from tests.gui.conftest import FakeCamera, RecordingSound

MakeKiosk = Callable[..., KioskWindow]
WAIT_MS = 5000


@dataclass(frozen=True)
class Row:
    id: uuid.UUID
    seq: int
    person_id: uuid.UUID | None
    direction: str
    decision: str
    reason: str
    method: str
    guard_id: uuid.UUID | None
    recheck_of: uuid.UUID | None
    readings: tuple[float, ...]
    sources: tuple[str, ...]


def events(database: Database) -> list[Row]:
    with database.session() as session:
        rows = session.scalars(select(ScreeningEvent).order_by(ScreeningEvent.seq)).all()
        return [
            Row(
                e.id, e.seq, e.person_id, e.direction, e.decision, e.reason, e.method,
                e.guard_id, e.recheck_of,
                tuple(r.value_c for r in sorted(e.readings, key=lambda r: r.ordinal)),
                tuple(r.source_device for r in e.readings),
            )
            for e in rows
        ]


def person_id(database: Database, staff_no: str) -> uuid.UUID:
    with database.session() as session:
        person = session.scalars(select(Person).where(Person.staff_no == staff_no)).one()
        return person.id


def wait_for(qtbot: QtBot, kiosk: KioskWindow, screen: str) -> None:
    qtbot.waitUntil(lambda: kiosk.current == screen and not kiosk.busy, timeout=WAIT_MS)


def type_reading(qtbot: QtBot, kiosk: KioskWindow, text: str) -> None:
    edit = kiosk.temperature.reading_edit
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def press_keypad(qtbot: QtBot, kiosk: KioskWindow, keys: str) -> None:
    buttons = kiosk.temperature.keypad.buttons
    for key in keys:
        qtbot.mouseClick(buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["enter"], Qt.MouseButton.LeftButton)


def scan(qtbot: QtBot, kiosk: KioskWindow, token: str) -> None:
    assert kiosk.handle_token(token)
    qtbot.waitUntil(lambda: not kiosk.busy, timeout=WAIT_MS)


# -- the main path --------------------------------------------------------------------------


def test_badge_in_front_of_the_camera_then_a_normal_temperature_passes(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
    fake_camera: FakeCamera, sounds: RecordingSound,
) -> None:
    kiosk = make_kiosk(camera=fake_camera)
    qtbot.waitUntil(lambda: kiosk.scanning.camera_state == "running", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: kiosk.scanning.camera_view.image is not None, timeout=WAIT_MS)
    assert kiosk.current == "scanning"

    fake_camera.show(demo_data.tokens[0])
    wait_for(qtbot, kiosk, "temperature")
    [outline] = kiosk.scanning.camera_view.last_outlines  # the detected code is outlined
    assert len(outline) == 4
    assert kiosk.temperature.name_label.text() == "张伟"
    assert events(database) == [], "nothing is recorded before the temperature"

    press_keypad(qtbot, kiosk, "36.6")
    wait_for(qtbot, kiosk, "result")
    view = kiosk.result.view
    assert view is not None
    assert (view.kind, view.word, view.name) == ("pass", "PASS", "张伟")
    assert view.temperature == "36.6 °C"
    assert "总装车间" in view.detail
    assert sounds.played == ["pass"]

    [row] = events(database)
    assert (row.decision, row.reason, row.method, row.direction) == ("pass", "normal", "qr", "in")
    assert row.readings == (36.6,)
    assert row.sources == ("manual",)
    assert row.guard_id is None, "unattended: no guard present"
    assert row.person_id == person_id(database, "1001")
    assert kiosk.last_outcome is not None and kiosk.last_outcome.event_id == row.id

    # The same badge still held up is not screened twice; the result returns to scanning.
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "scanning"
    qtbot.wait(300)
    assert kiosk.current == "scanning"
    assert len(events(database)) == 1


def test_the_result_returns_to_scanning_by_itself(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
) -> None:
    services.settings.update(result_seconds=1, actor="test")
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[1])
    type_reading(qtbot, kiosk, "36.4")
    wait_for(qtbot, kiosk, "result")
    assert "1 s" in kiosk.result.countdown_label.text()
    wait_for(qtbot, kiosk, "scanning")


def test_the_result_shows_the_persons_photo_when_there_is_one(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (200, 120, 60)).save(buffer, format="JPEG")
    zhang = services.badges.verify(demo_data.tokens[0]).person
    services.staff.set_photo(zhang.id, buffer.getvalue(), actor="test")
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "36.5")
    wait_for(qtbot, kiosk, "result")
    assert kiosk.result.photo.isVisible() and kiosk.result.photo.has_photo
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    scan(qtbot, kiosk, demo_data.tokens[1])  # no photo: none shown
    type_reading(qtbot, kiosk, "36.5")
    wait_for(qtbot, kiosk, "result")
    assert not kiosk.result.photo.isVisible()


def test_the_next_badge_is_taken_while_a_result_shows(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "36.5")
    wait_for(qtbot, kiosk, "result")
    scan(qtbot, kiosk, demo_data.tokens[1])
    assert kiosk.current == "temperature"
    assert kiosk.temperature.name_label.text() == "王芳"


def test_fever_on_the_first_reading_then_normal_on_the_second_passes(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
    sounds: RecordingSound,
) -> None:
    """A simulated thermometer sends 37.8, then 36.5 on the recheck."""
    kiosk = make_kiosk(thermometer="sim:37.8,36.5")
    scan(qtbot, kiosk, demo_data.tokens[2])
    wait_for(qtbot, kiosk, "result")
    view = kiosk.result.view
    assert view is not None and (view.kind, view.word) == ("recheck", "RECHECK")
    assert view.temperature == "37.8 °C"
    assert sounds.played == ["recheck"]
    [first] = events(database)
    assert (first.decision, first.reason, first.readings) == ("recheck", "fever_first_reading",
                                                              (37.8,))
    assert first.sources == ("sim:37.8,36.5",)

    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "temperature"
    assert kiosk.temperature.second_reading
    assert "37.8" in kiosk.temperature.first_reading_label.text()
    # The device is asked again and answers by itself.
    qtbot.waitUntil(lambda: len(events(database)) == 2, timeout=WAIT_MS)
    wait_for(qtbot, kiosk, "result")
    view = kiosk.result.view
    assert view is not None and (view.kind, view.word) == ("pass", "PASS")
    first, second = events(database)
    assert (second.decision, second.reason) == ("pass", "cleared_on_recheck")
    assert second.recheck_of == first.id
    assert second.readings == (36.5,)
    assert sounds.played == ["recheck", "pass"]


def test_fever_confirmed_on_the_second_reading_is_denied_with_an_alert(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
    sounds: RecordingSound, services: Services,
) -> None:
    services.settings.update(result_seconds=1, actor="test")
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[3])
    type_reading(qtbot, kiosk, "38.1")
    wait_for(qtbot, kiosk, "result")
    assert kiosk.result.view is not None and kiosk.result.view.kind == "recheck"
    # After the amber screen the kiosk moves on to the second reading by itself.
    wait_for(qtbot, kiosk, "temperature")
    assert kiosk.temperature.title_label.text() == "Second reading"
    type_reading(qtbot, kiosk, "37.9")
    wait_for(qtbot, kiosk, "result")
    view = kiosk.result.view
    assert view is not None
    assert (view.kind, view.word) == ("deny", "DENIED")
    assert view.note == "Security has been alerted."
    assert kiosk.last_outcome is not None and kiosk.last_outcome.alert
    assert sounds.played == ["recheck", "deny"]
    first, second = events(database)
    assert (second.decision, second.reason, second.readings) == (
        "deny", "fever_confirmed", (37.9,)
    )
    assert second.recheck_of == first.id


def test_an_implausible_reading_is_refused_and_never_stored(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
    sounds: RecordingSound,
) -> None:
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[0])
    for text in ("45.0", "33.2", "20"):
        type_reading(qtbot, kiosk, text)
        assert kiosk.current == "temperature"
        assert "re-measure" in kiosk.temperature.error_text
        assert kiosk.temperature.error_label.isVisible()
    assert events(database) == []
    assert sounds.played == ["notice"] * 3

    type_reading(qtbot, kiosk, "36.7")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert row.readings == (36.7,)


def test_fahrenheit_where_the_unit_is_set_to_f(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database,
) -> None:
    services.settings.update(temperature_unit="F", actor="test")
    kiosk = make_kiosk()
    assert kiosk.temperature.unit_label.text() == "°F"
    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "97.9")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert row.readings == (36.61,)
    assert kiosk.result.view is not None and kiosk.result.view.temperature == "97.9 °F"


# -- refused badges -----------------------------------------------------------------------------


def test_a_revoked_badge_is_denied_and_logged(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database, sounds: RecordingSound,
) -> None:
    old_token = demo_data.tokens[1]
    services.badges.revoke("1002", actor="test")
    kiosk = make_kiosk()
    scan(qtbot, kiosk, old_token)
    assert kiosk.current == "result"
    view = kiosk.result.view
    assert view is not None and (view.kind, view.word) == ("deny", "DENIED")
    assert view.name == "王芳"
    assert "replaced by a newer one" in view.reason
    assert view.note == "Security has been alerted."
    assert sounds.played == ["deny"]
    [row] = events(database)
    assert (row.decision, row.reason, row.method) == ("deny", "revoked", "qr")
    assert row.person_id == person_id(database, "1002")
    assert row.readings == ()


def test_a_forged_badge_is_denied_and_logged(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    token = demo_data.tokens[0]
    # Flip one character of the signature: still a well-formed token, but forged.
    last = "A" if token[-2] != "A" else "B"
    forged = token[:-2] + last + token[-1]
    kiosk = make_kiosk()
    scan(qtbot, kiosk, forged)
    view = kiosk.result.view
    assert view is not None and view.kind == "deny"
    assert "forged" in view.reason
    [row] = events(database)
    assert (row.decision, row.reason, row.person_id) == ("deny", "bad_signature", None)


def test_a_code_that_is_not_a_badge_is_refused_without_a_record(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    kiosk = make_kiosk()
    scan(qtbot, kiosk, "https://example.com/menu")
    view = kiosk.result.view
    assert view is not None and view.kind == "deny"
    assert "not a gatekeeper badge" in view.reason
    assert events(database) == []


# -- duplicates -------------------------------------------------------------------------------


def test_a_second_scan_within_the_window_records_nothing(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
    sounds: RecordingSound,
) -> None:
    kiosk = make_kiosk()
    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "36.6")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    first_time = kiosk._local_time(kiosk.last_outcome.occurred_at)  # type: ignore[union-attr]

    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    scan(qtbot, kiosk, demo_data.tokens[0])
    assert kiosk.current == "result", "shown at once, without asking for a temperature"
    view = kiosk.result.view
    assert view is not None
    assert (view.kind, view.word) == ("duplicate", "ALREADY RECORDED")
    assert f"Already recorded at {first_time} (IN)" in view.reason
    assert events(database) == [row]
    assert sounds.played == ["pass", "notice"]

    # The other direction is a new pass.
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.scanning.out_button, Qt.MouseButton.LeftButton)
    scan(qtbot, kiosk, demo_data.tokens[0])
    assert kiosk.current == "temperature"


# -- ways round a badge ----------------------------------------------------------------------


def test_forgot_badge_lookup_records_method_manual(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.scanning.lookup_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "lookup"
    qtbot.keyClicks(kiosk.lookup.search_edit, "1003")
    qtbot.waitUntil(lambda: len(kiosk.lookup.people) == 1, timeout=WAIT_MS)
    assert kiosk.lookup.people[0].name == "李娜"
    qtbot.mouseClick(kiosk.lookup.choose_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, kiosk, "temperature")
    type_reading(qtbot, kiosk, "36.8")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert (row.method, row.decision) == ("manual", "pass")
    assert row.person_id == person_id(database, "1003")


def test_lookup_by_name_and_nobody_found(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData,
) -> None:
    kiosk = make_kiosk()
    kiosk.open_lookup()
    kiosk.lookup.search_edit.setText("Mark")
    qtbot.waitUntil(lambda: len(kiosk.lookup.people) == 1, timeout=WAIT_MS)
    kiosk.lookup.search_edit.setText("nobody-like-this")
    qtbot.waitUntil(lambda: kiosk.lookup.empty_label.isVisible(), timeout=WAIT_MS)
    assert "Nobody found" in kiosk.lookup.empty_label.text()
    qtbot.keyClick(kiosk.lookup.search_edit, Qt.Key.Key_Escape)
    assert kiosk.current == "scanning"


def test_usb_barcode_scanner_types_the_token_and_enter(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    kiosk = make_kiosk()
    # Focus on a button of the screen, as after a touch: the keys still reach the kiosk.
    kiosk.scanning.lookup_button.setFocus()
    qtbot.keyClicks(kiosk, demo_data.tokens[4])
    qtbot.keyClick(kiosk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current == "temperature", timeout=WAIT_MS)
    assert kiosk.temperature.name_label.text() == "陈静"
    type_reading(qtbot, kiosk, "36.3")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert row.method == "hid"


def test_stray_keys_are_not_a_scan(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, database: Database,
) -> None:
    kiosk = make_kiosk()
    qtbot.keyClicks(kiosk, "hello")
    qtbot.keyClick(kiosk, Qt.Key.Key_Return)
    assert kiosk.current == "scanning"
    assert not kiosk.busy
    assert events(database) == []


# -- declarations and visitors -------------------------------------------------------------


def test_a_required_declaration_is_asked_for_before_the_temperature(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database, paths, installation,
) -> None:
    from gatekeeper.services.container import build_services

    services.settings.update(declaration_required_for_all=True, actor="test")
    kiosk = make_kiosk(with_services=build_services(database, paths, installation))
    scan(qtbot, kiosk, demo_data.tokens[0])
    assert kiosk.current == "declaration"
    kiosk.declaration.fields.places_edit.setText("Shanghai, 苏州")
    qtbot.mouseClick(kiosk.declaration.submit_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "temperature"
    type_reading(qtbot, kiosk, "36.6")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert row.decision == "pass"
    with database.session() as session:
        [declaration] = session.scalars(select(HealthDeclaration)).all()
        assert declaration.places_visited == ["Shanghai", "苏州"]
        assert declaration.symptoms == []

    # Someone else declines: a red screen with the reason, recorded as a deny for officers.
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    scan(qtbot, kiosk, demo_data.tokens[1])
    qtbot.mouseClick(kiosk.declaration.decline_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: kiosk.result.view is not None and kiosk.result.view.kind == "deny"
    )
    view = kiosk.result.view
    assert view is not None and "health declaration" in view.reason
    _first, declined = events(database)
    assert (declined.decision, declined.reason, declined.readings) == (
        "deny", "declaration_missing", ()
    )


def test_visitor_registration_issues_a_pass_that_verifies(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database,
) -> None:
    kiosk = make_kiosk()
    qtbot.mouseClick(kiosk.scanning.visitor_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "visitor"
    screen = kiosk.visitor
    screen.edits["name"].setText("周杰")
    qtbot.keyClicks(screen.edits["phone"], "call me")
    qtbot.keyClicks(screen.edits["company"], "Acme Tools")
    screen.edits["host"].setText("王芳")
    qtbot.keyClicks(screen.edits["purpose"], "Maintenance")
    screen.contractor_radio.setChecked(True)
    screen.declaration.places_edit.setText("Shenzhen")

    qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(screen.field_error("phone")), timeout=WAIT_MS)
    assert screen.field_error("phone") == "Digits only, optionally starting with +."
    assert screen.field_error("name") == ""
    assert kiosk.current == "visitor"
    with database.session() as session:
        assert session.scalars(select(Visit)).all() == []

    screen.edits["phone"].setText("+86 138 0013 8000")
    qtbot.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, kiosk, "temperature")
    assert kiosk.temperature.name_label.text() == "周杰"
    type_reading(qtbot, kiosk, "36.5")
    wait_for(qtbot, kiosk, "result")
    assert kiosk.result.action_button.text() == "Show visitor pass"
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "visitor_pass"

    token = kiosk.visitor_pass.qr_view.text
    assert token.startswith("GK1")
    verified = services.badges.verify(token)
    assert verified.person.name == "周杰"
    assert verified.claims.expires is not None
    assert "today" in kiosk.visitor_pass.valid_label.text()

    [row] = events(database)
    assert (row.decision, row.method) == ("pass", "manual")
    with database.session() as session:
        person = session.get(Person, row.person_id)
        assert person is not None
        assert (person.kind, person.phone, person.employer) == (
            "contractor", "+8613800138000", "Acme Tools"
        )
        [visit] = session.scalars(select(Visit)).all()
        assert (visit.host, visit.purpose, visit.person_id) == ("王芳", "Maintenance", person.id)
        [declaration] = session.scalars(select(HealthDeclaration)).all()
        assert declaration.id == visit.declaration_id
        assert declaration.places_visited == ["Shenzhen"]

    # The pass screen goes away by itself too.
    kiosk._result_timer.start(50)
    wait_for(qtbot, kiosk, "scanning")

    # Later the pass works like a badge (the other direction: not a duplicate).
    kiosk.scanning.set_direction(Direction.OUT)
    scan(qtbot, kiosk, token)
    assert kiosk.current == "temperature"
    assert kiosk.temperature.name_label.text() == "周杰"


# -- the camera -------------------------------------------------------------------------------


def test_a_lost_camera_shows_and_comes_back_without_a_restart(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, fake_camera: FakeCamera,
) -> None:
    kiosk = make_kiosk(camera=fake_camera)
    view = kiosk.scanning.camera_view
    qtbot.waitUntil(lambda: kiosk.scanning.camera_state == "running", timeout=WAIT_MS)
    assert view.overlay_title == ""

    fake_camera.unplug()
    qtbot.waitUntil(lambda: kiosk.scanning.camera_state == "lost", timeout=WAIT_MS)
    assert view.overlay_title == "Camera not available"
    assert kiosk.scanning.camera_status.text() == "Camera lost: reconnecting…"
    assert view.image is None
    qtbot.wait(300)  # a few failed reconnections
    assert kiosk.scanning.camera_state == "lost"

    fake_camera.plug_in()
    qtbot.waitUntil(lambda: kiosk.scanning.camera_state == "running", timeout=WAIT_MS)
    assert view.overlay_title == ""
    assert fake_camera.opened >= 2
    fake_camera.show(demo_data.tokens[0])
    wait_for(qtbot, kiosk, "temperature")


# -- guards and officers ---------------------------------------------------------------------


def test_a_guard_signs_in_with_a_pin_and_events_record_the_guard(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database,
) -> None:
    kiosk = make_kiosk(attended=True)
    assert kiosk.current == "sign_in"
    qtbot.waitUntil(lambda: kiosk.sign_in.guard_list.count() == 1, timeout=WAIT_MS)
    assert not kiosk.handle_token(demo_data.tokens[0]), "no scans before a guard signs in"

    kiosk.sign_in.select("guard")
    for digit in "9999":
        qtbot.mouseClick(kiosk.sign_in.keypad.buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.sign_in.keypad.buttons["enter"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.sign_in.error_label.isVisible(), timeout=WAIT_MS)
    assert kiosk.sign_in.error_label.text() == "Wrong PIN. Try again."
    assert kiosk.current == "sign_in"

    qtbot.keyClicks(kiosk.sign_in.pin_edit, "1234")
    qtbot.keyClick(kiosk.sign_in.pin_edit, Qt.Key.Key_Return)
    wait_for(qtbot, kiosk, "scanning")
    assert kiosk.guard is not None and kiosk.guard.username == "guard"
    assert "门卫 王师傅" in kiosk.scanning.guard_status.text()

    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "36.6")
    wait_for(qtbot, kiosk, "result")
    [row] = events(database)
    assert row.guard_id == kiosk.guard.id

    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.scanning.sign_out_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "sign_in"
    assert kiosk.guard is None


def test_settings_need_an_officer_password(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData,
) -> None:
    kiosk = make_kiosk()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.current == "unlock"
    unlock = kiosk.unlock
    # A guard's PIN does not open the settings.
    qtbot.keyClicks(unlock.user_edit, "guard")
    qtbot.keyClicks(unlock.password_edit, "1234")
    qtbot.mouseClick(unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: unlock.error_label.isVisible(), timeout=WAIT_MS)
    assert unlock.error_label.text() == "This account may not do this."
    unlock.user_edit.setText("officer")
    qtbot.keyClicks(unlock.password_edit, "officer-demo")
    qtbot.keyClick(unlock.password_edit, Qt.Key.Key_Return)
    wait_for(qtbot, kiosk, "settings")
    assert "安全员 赵主任" in kiosk.settings_screen.officer_label.text()
    qtbot.mouseClick(kiosk.settings_screen.back_button, Qt.MouseButton.LeftButton)
    assert kiosk.current == "scanning"


def test_a_full_screen_kiosk_closes_only_when_unlocked(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData,
) -> None:
    kiosk = make_kiosk()
    kiosk.showFullScreen()
    qtbot.waitUntil(kiosk.isFullScreen, timeout=WAIT_MS)
    assert not kiosk.close()
    assert kiosk.current == "unlock"
    kiosk.allow_close()
    assert kiosk.close()
    assert not kiosk.worker.running


# -- language ---------------------------------------------------------------------------------


def test_the_kiosk_speaks_chinese(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, translations,
) -> None:
    translations.set_language("zh_CN")
    kiosk = make_kiosk(language="zh_CN")
    assert kiosk.scanning.prompt_label.text() == "请出示工牌"
    assert kiosk.scanning.in_button.text() == "进"
    scan(qtbot, kiosk, demo_data.tokens[0])
    type_reading(qtbot, kiosk, "36.6")
    wait_for(qtbot, kiosk, "result")
    assert kiosk.result.view is not None and kiosk.result.view.word == "通行"
    translations.set_language("en")  # the LanguageChange event comes through the event loop
    qtbot.waitUntil(lambda: kiosk.scanning.prompt_label.text() == "Show your badge")
    assert kiosk.result.view is not None and kiosk.result.view.word == "PASS"


@pytest.mark.parametrize("name", ["pass", "recheck", "deny", "notice"])
def test_sound_files_are_small_and_made_by_the_generator(name: str) -> None:
    from gatekeeper.ui.kiosk import sound

    path = sound.sound_file(name)
    assert path is not None
    assert path.read_bytes() == sound.wav_bytes(name)
    assert path.stat().st_size < 30_000


def test_the_kiosk_closes_forgotten_check_outs_itself(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services,
    database: Database, paths: Paths, installation: Installation,
) -> None:
    from datetime import UTC, datetime, timedelta

    from gatekeeper.domain.temperature import parse_reading
    from gatekeeper.services.container import build_services
    from gatekeeper.services.screening import TakenReading

    # Somebody came in yesterday morning and never checked out.
    yesterday = datetime.now(UTC) - timedelta(days=1)
    earlier = build_services(database, paths, installation, clock=lambda: yesterday)
    identity = earlier.screening.identify_token(demo_data.tokens[2])
    earlier.screening.screen(identity, TakenReading(parse_reading("36.5"), "sim"), Direction.IN)
    kiosk = make_kiosk()
    kiosk.close_forgotten_checkouts()
    qtbot.waitUntil(lambda: any(r.method == "auto" for r in events(database)), timeout=5000)
    [auto] = [r for r in events(database) if r.method == "auto"]
    assert (auto.direction, auto.reason) == ("out", "auto_exit")
    kiosk.close_forgotten_checkouts()  # again: nothing more
    qtbot.waitUntil(lambda: not kiosk.worker.pending, timeout=5000)
    assert len([r for r in events(database) if r.method == "auto"]) == 1
