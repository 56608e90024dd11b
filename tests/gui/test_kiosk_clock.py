"""The kiosk warns when this computer's clock was set back behind the gate's last record."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import Installation
from gatekeeper.storage.database import Database
from gatekeeper.ui.i18n import CHINESE, Translations
from gatekeeper.ui.kiosk import KioskOptions, KioskWindow

WAIT_MS = 5000


class SettableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def clocked(services: Services, database: Database, paths: Paths,
            installation: Installation, clock: SettableClock) -> Services:
    built = build_services(database, paths, installation, clock)
    return dataclasses.replace(built, users=services.users)


def kiosk_of(qtbot: QtBot, services: Services) -> KioskWindow:
    kiosk = KioskWindow(services, options=KioskOptions(attended=False))
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 720)
    kiosk.show()
    kiosk.start()
    return kiosk


def test_a_clock_set_back_is_shown_at_start_and_screening_goes_on(
    qtbot: QtBot, services: Services, demo_data: DemoData, database: Database, paths: Paths,
    installation: Installation, translations: Translations,
) -> None:
    clock = SettableClock(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    at_gate = clocked(services, database, paths, installation, clock)
    person = at_gate.staff.list()[0]
    s = at_gate.screening
    s.screen(s.identify_manual(person.id), TakenReading(parse_reading("36.6"), "sim"),
             Direction.IN)

    in_time = kiosk_of(qtbot, at_gate)
    qtbot.wait(300)
    assert in_time.clock_warning.isHidden()  # the clock is right: no warning
    in_time.shutdown()

    clock.now -= timedelta(hours=1)  # someone sets the clock back an hour
    kiosk = kiosk_of(qtbot, at_gate)
    qtbot.waitUntil(lambda: kiosk.clock_warning.isVisible(), timeout=WAIT_MS)
    assert "60 min behind" in kiosk.clock_warning.text()
    assert "16:00" in kiosk.clock_warning.text()  # the last record, in local time
    translations.set_language(CHINESE)
    qtbot.waitUntil(lambda: "时钟" in kiosk.clock_warning.text(), timeout=WAIT_MS)
    kiosk.shutdown()


def test_the_first_screening_after_the_clock_was_set_back_warns_and_is_recorded(
    qtbot: QtBot, services: Services, demo_data: DemoData, database: Database, paths: Paths,
    installation: Installation,
) -> None:
    clock = SettableClock(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))
    at_gate = clocked(services, database, paths, installation, clock)
    kiosk = kiosk_of(qtbot, at_gate)
    qtbot.wait(300)
    assert kiosk.clock_warning.isHidden()
    first = at_gate.staff.list()[0]
    s = at_gate.screening
    s.screen(s.identify_manual(first.id), TakenReading(parse_reading("36.6"), "sim"),
             Direction.IN)  # recorded at 08:00 (at another window of the same gate, say)
    clock.now -= timedelta(minutes=30)

    assert kiosk.handle_token(demo_data.tokens[1])
    qtbot.waitUntil(lambda: kiosk.current == "temperature", timeout=WAIT_MS)
    kiosk.temperature.reading_edit.setText("36.5")
    kiosk.temperature.submit()
    qtbot.waitUntil(lambda: kiosk.current == "result", timeout=WAIT_MS)
    outcome = kiosk.last_outcome
    assert outcome is not None and outcome.event_id is not None  # recorded all the same
    assert outcome.clock_jump is not None
    assert kiosk.clock_warning.isVisible() and "30 min behind" in kiosk.clock_warning.text()
    kiosk.shutdown()
