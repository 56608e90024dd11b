"""Screenshots of the officer console for the README: docs/screenshots/console-*-{en,zh}.png.

Run under a virtual display (the real xcb platform, fonts as a person sees them):

    xvfb-run -a .venv/bin/python tools/screenshots_console.py

It makes a throw-away site with forty people in six departments and two weeks of screenings
(made through the screening service on a clock that it moves: entries in the morning, exits
in the evening, a few fever cases, two returnees under observation), signs in the demo
officer and photographs the console at 1280x800 in each language.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from gatekeeper.app import application
from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import demo
from gatekeeper.services.alerts import AlertOutcome
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.screening import Declaration, DeclarationNeeded, TakenReading
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.services.views import PersonView
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.ui import i18n, theme
from gatekeeper.ui.console.signin import SignInDialog
from gatekeeper.ui.console.window import ConsoleWindow

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SIZE = (1280, 800)
ZONE_OFFSET = timedelta(hours=8)  # Asia/Shanghai
#: "Now" in the pictures: Friday 27 November 2026, 10:40 at the site.
NOW = datetime(2026, 11, 27, 10, 40, tzinfo=UTC) - ZONE_OFFSET

DEPARTMENTS = ("总装车间", "焊装车间", "质检部", "仓储物流", "设备维修", "行政部")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
         "明", "超", "秀英", "霞", "平", "刚", "桂英", "华", "建国", "海燕")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def local_date(self) -> date:
        return (self.now + ZONE_OFFSET).date()

    def at(self, day: int, hour: int, minute: int) -> None:
        """``day`` days from today (negative: before), at a local time."""
        local = datetime(2026, 11, 27, hour, minute, tzinfo=UTC) + timedelta(days=day)
        self.now = local - ZONE_OFFSET


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the console did not get there")
        wait(20)
        waited += 20


def read(value: float) -> TakenReading:
    return TakenReading(parse_reading(f"{value:.1f}"), "sim")


class History:
    """Two weeks of a small plant's screenings."""

    def __init__(self, services: Services, clock: Clock, seed: int = 7) -> None:
        self.s = services
        self.clock = clock
        self.rng = random.Random(seed)
        self.people: list[PersonView] = []

    def add_people(self) -> None:
        used: set[str] = {p.name for p in self.s.staff.list()}
        number = 1101
        while len(self.people) < 40:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if name in used:
                continue
            used.add(name)
            department = DEPARTMENTS[len(self.people) % len(DEPARTMENTS)]
            self.people.append(self.s.staff.add(
                staff_no=str(number), name=name, department=department, actor="demo"
            ))
            number += 1

    def screen(self, person: PersonView, value: float, direction: Direction) -> object:
        s = self.s.screening
        identity = s.identify_manual(person.id)
        try:
            return s.screen(identity, read(value), direction)
        except DeclarationNeeded:
            return s.screen(identity, read(value), direction, declaration=Declaration())

    def fever(self, person: PersonView, first: float, second: float | None) -> object:
        outcome = self.screen(person, first, Direction.IN)
        if second is None:
            return outcome
        self.clock.now += timedelta(seconds=40)
        event_id = getattr(outcome, "event_id", None)
        assert event_id is not None
        return self.s.screening.recheck(event_id, read(second))

    def normal(self) -> float:
        return round(self.rng.uniform(36.1, 36.9), 1)

    def day(self, offset: int, absent: float = 0.1, fevers: int = 0) -> list[PersonView]:
        """Everybody comes in in the morning (a few are absent) and leaves in the evening;
        ``fevers`` of them have a first reading over the threshold."""
        present = [p for p in self.people if self.rng.random() > absent]
        feverish = set(self.rng.sample(range(len(present)), fevers))
        times = sorted(self.rng.randint(7 * 60, 9 * 60 + 40) for _ in present)
        outcomes = []
        for index, (person, minute) in enumerate(zip(present, times, strict=True)):
            self.clock.at(offset, minute // 60, minute % 60)
            if index in feverish:
                second = self.rng.choice((37.9, 36.8, 38.2))
                outcomes.append(self.fever(person, 37.8, second))
            else:
                self.screen(person, self.normal(), Direction.IN)
        if offset < 0:
            leave = sorted(self.rng.randint(17 * 60, 18 * 60 + 50) for _ in present)
            for person, minute in zip(present, leave, strict=True):
                self.clock.at(offset, minute // 60, minute % 60)
                self.screen(person, self.normal(), Direction.OUT)
        return present


def build_site(tmp: Path, language: str) -> tuple[Database, Services, Clock]:
    paths = Paths(tmp / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    site = ("华东一厂", "北门") if language == i18n.CHINESE else ("Riverside Plant", "North Gate")
    installation = SetupService(db, paths).initialise(*site, "Asia/Shanghai", actor="demo")
    clock = Clock()
    clock.at(-15, 8, 0)
    services = build_services(db, paths, installation, clock)
    services = dataclasses.replace(
        services, users=UserService(db, installation, clock, hasher=fast_hasher())
    )
    demo.seed(services)
    officer = next(u for u in services.users.list() if u.username == "officer")
    history = History(services, clock)
    history.add_people()
    services.observation.update_settings(officer, regions=["武汉", "Wuhan"], days=14)
    returnees = history.people[7], history.people[20]
    clock.at(-9, 7, 0)
    services.observation.record_travel(returnees[0].id, "武汉", clock.local_date(), officer,
                                       "G1722")
    clock.at(-4, 7, 0)
    services.observation.record_travel(returnees[1].id, "Wuhan", clock.local_date(), officer)

    fevers = {-13: 1, -11: 2, -10: 1, -8: 1, -6: 3, -4: 1, -3: 2, -2: 1, -1: 1}
    for offset in range(-13, 0):
        if offset in (-12, -5):  # Sundays
            continue
        history.day(offset, fevers=fevers.get(offset, 0))
    # Past fever cases: most were dealt with.
    for alert in services.alerts.open_alerts():
        clock.now = alert.occurred_at + timedelta(minutes=12)
        if alert.decision.value == "pass":
            outcome, note = AlertOutcome.CLEARED_BY_RECHECK, ""
        else:
            outcome, note = AlertOutcome.SENT_HOME, "体温复测仍高，已通知部门主管"
        services.alerts.acknowledge(alert.event_id, outcome, note, by=officer)

    # Today, up to 10:40: most have come in; two fever cases wait for an officer.
    present = history.day(0, absent=0.2, fevers=0)
    absent = [p for p in history.people if p not in present]
    clock.at(0, 9, 52)
    history.fever(absent[0], 38.1, 38.3)
    clock.at(0, 10, 18)
    history.fever(absent[1], 37.7, 37.0)
    clock.at(0, 10, 25)
    visitor = services.visitors.register(
        VisitorForm(name="周杰", phone="13800138000", company="苏州精工设备", host="王芳",
                    purpose="设备维护"), actor="demo",
    )
    clock.at(0, 10, 27)
    history.screen(visitor.person, 36.5, Direction.IN)
    clock.now = NOW
    return db, services, clock


def shoot(window: ConsoleWindow, name: str, language: str) -> Path:
    wait(250)
    suffix = "zh" if language == i18n.CHINESE else "en"
    path = OUT / f"console-{name}-{suffix}.png"
    window.grab().save(str(path))
    print(path.relative_to(REPO), window.width(), "x", window.height())
    return path


def show_page(window: ConsoleWindow, key: str) -> None:
    page = window.page(key)
    loads: list[None] = []
    page.refreshed.connect(lambda: loads.append(None))
    if window.current_key == key:
        page.refresh()
    else:
        window.select_page(key)
    wait_until(lambda: bool(loads) and window.worker.pending == 0)


def shoot_sign_in(services: Services, language: str) -> None:
    """The sign-in dialog after a guard tried to open the console."""
    installation = services.installation
    dialog = SignInDialog(
        services.users, site_line=f"{installation.site_name} · {installation.gate_name}",
        language=language,
    )
    dialog.show()
    dialog.user_edit.setText("guard")
    dialog.password_edit.setText("1234")
    dialog.submit()
    wait_until(lambda: not dialog.busy)
    wait(250)
    suffix = "zh" if language == i18n.CHINESE else "en"
    path = OUT / f"console-signin-{suffix}.png"
    dialog.grab().save(str(path))
    print(path.relative_to(REPO), dialog.width(), "x", dialog.height())
    dialog.shutdown()
    dialog.close()
    dialog.deleteLater()


def run_language(tmp: Path, language: str, only: str | None) -> None:
    db, services, _clock = build_site(tmp, language)
    if only in (None, "signin"):
        shoot_sign_in(services, language)
    officer = next(u for u in services.users.list() if u.username == "officer")
    window = ConsoleWindow(
        services, officer, language=language, housekeeping_delay_ms=3_600_000
    )
    window.resize(*SIZE)
    window.show()
    window.start()
    try:
        wait_until(lambda: window.open_alerts is not None and window.worker.pending == 0)
        photograph(window, language, only)
    finally:
        window.close()
        db.dispose()


def photograph(window: ConsoleWindow, language: str, only: str | None) -> None:
    def wanted(name: str) -> bool:
        return only is None or only == name

    if wanted("dashboard"):
        show_page(window, "dashboard")
        shoot(window, "dashboard", language)
    if wanted("alerts"):
        show_page(window, "alerts")
        page = window.page("alerts")
        first = page.open_alerts[-1]
        page.select_alert(first.event_id)
        page.set_outcome(AlertOutcome.ISOLATION_ROOM)
        page.note_edit.setText(
            "已送隔离室，通知行政部" if language == i18n.CHINESE
            else "Taken to the isolation room; admin office told"
        )
        shoot(window, "alerts", language)
    if wanted("onsite"):
        show_page(window, "onsite")
        shoot(window, "onsite", language)
    if wanted("missed"):
        show_page(window, "missed")
        shoot(window, "missed", language)
    if wanted("observation"):
        show_page(window, "observation")
        wait_until(lambda: bool(window.page("observation").series))
        shoot(window, "observation", language)
    if wanted("settings"):
        show_page(window, "settings")
        shoot(window, "settings", language)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="only this page (dashboard, alerts, onsite, missed, ...)")
    parser.add_argument("--language", choices=i18n.LANGUAGES)
    args = parser.parse_args(argv)
    app: QApplication = application()
    translations = i18n.Translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for language in (args.language,) if args.language else i18n.LANGUAGES:
        translations.set_language(language)
        theme.apply_theme(app, language)
        with tempfile.TemporaryDirectory() as tmp:
            run_language(Path(tmp), language, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
