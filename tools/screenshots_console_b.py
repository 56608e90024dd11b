"""Screenshots of the console's registry, person file and entry log for the README:
docs/screenshots/console-{registry,person,log}-*-{en,zh}.png.

Run under a virtual display (the real xcb platform, fonts as a person sees them):

    xvfb-run -a .venv/bin/python tools/screenshots_console_b.py

It makes a throw-away demo site with a few weeks of screenings (a fever case, a correction, a
returnee under observation), and photographs each page at 1280x800 in each language. The
pages are shown in the console window when it offers them, else on their own.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from gatekeeper.app import application
from gatekeeper.config import Paths
from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.screening import Declaration, TakenReading
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import UserService, UserView, fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.ui import i18n, theme
from gatekeeper.ui.console.log_view import LogPage
from gatekeeper.ui.console.person_file import TRAVEL
from gatekeeper.ui.console.registry import RegistryPage
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.widgets.person_photo import photo_jpeg

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SIZE = (1280, 800)

MORE_PEOPLE = (
    ("1006", "赵磊", "总装车间", "employee", "13800138006"),
    ("1007", "孙丽", "质检部", "employee", "13800138007"),
    ("1008", "周强", "焊装车间", "employee", "13800138008"),
    ("1009", "吴敏", "涂装车间", "employee", "13800138009"),
    ("1010", "郑浩", "仓储物流", "employee", "13800138010"),
    ("1011", "冯雪", "行政部", "employee", ""),
    ("1012", "何军", "总装车间", "employee", "13800138012"),
    ("1013", "许婷", "质检部", "employee", "13800138013"),
    ("1014", "韩冰", "涂装车间", "employee", "13800138014"),
    ("1015", "曹阳", "焊装车间", "employee", "13800138015"),
    ("C2002", "Anna Schmidt", "设备维修", "contractor", "+49 151 2345 6789"),
    ("C2003", "黄师傅", "设备维修", "contractor", "13900139003"),
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the page did not get there")
        wait(20)
        waited += 20


def portrait(seed: int) -> bytes:
    """A plain drawn portrait (a head and shoulders on a tint) as a stored photo."""
    image = QImage(300, 360, QImage.Format.Format_RGB32)
    rng = random.Random(seed)
    image.fill(QColor.fromHsv(rng.randrange(360), 40, 235))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor("#2f3b46"))
    painter.drawEllipse(40, 250, 220, 220)
    painter.setBrush(QColor("#e8c4a2"))
    painter.drawEllipse(95, 80, 110, 130)
    painter.setBrush(QColor("#1f1a17"))
    painter.drawChord(90, 70, 120, 90, 0, 180 * 16)
    painter.end()
    return photo_jpeg(image)


def build_site(tmp: Path, language: str) -> tuple[Services, Clock, UserView]:
    """A demo site with three weeks of screenings up to 'now'."""
    paths = Paths(tmp / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    site = ("华东一厂", "北门") if language == i18n.CHINESE else ("Riverside Plant", "North Gate")
    start = datetime(2026, 11, 6, 0, 0, tzinfo=UTC)
    clock = Clock(start)
    installation = SetupService(db, paths, clock).initialise(
        *site, "Asia/Shanghai", actor="demo")
    services = build_services(db, paths, installation, clock)
    services = dataclasses.replace(
        services, users=UserService(db, installation, clock, hasher=fast_hasher()))
    demo.seed(services)
    for staff_no, name, department, kind, phone in MORE_PEOPLE:
        services.staff.add(staff_no=staff_no, name=name, department=department, kind=kind,
                           phone=phone, actor="demo")
    services.badges.issue([p[0] for p in MORE_PEOPLE[:-2]], actor="demo")
    people = {p.staff_no: p for p in services.staff.list()}
    for index, staff_no in enumerate(("1001", "1002", "1003", "1006", "C2001")):
        services.staff.set_photo(people[staff_no].id, portrait(index), actor="demo")
    services.staff.update(people["1004"].id, phone="13800138004", actor="demo")
    services.staff.update(people["1001"].id, phone="13800138001", actor="demo")
    services.staff.deactivate(people["1015"].id, actor="demo")
    services.settings.update(duplicate_window_s=0)
    officer = next(u for u in services.users.list() if u.username == "officer")
    services.observation.update_settings(officer, regions=["武汉"], days=14)

    rng = random.Random(7)
    s = services.screening
    staff = [p for p in services.staff.list() if p.active]
    zhang = people["1001"]
    amended_event = None
    for day in range(21):
        morning = start + timedelta(days=day)  # 08:00 in Shanghai
        if (morning + timedelta(hours=8)).weekday() == 6:
            continue
        for person in staff:
            clock.now = morning + timedelta(minutes=rng.randint(-30, 40),
                                            seconds=rng.randint(0, 59))
            if person.id == zhang.id and day >= 10:
                s.declare(person.id, Declaration(places_visited=("武汉",) if day == 10 else ()))
            value = round(rng.gauss(36.5, 0.25), 1)
            if person.staff_no == "1003" and day == 18:
                value = 38.1
            outcome = s.screen(s.identify_manual(person.id),
                               TakenReading(parse_reading(f"{value}"), "sim"), Direction.IN)
            if outcome.decision is Decision.RECHECK and outcome.event_id is not None:
                clock.now += timedelta(minutes=5)
                s.recheck(outcome.event_id, TakenReading(parse_reading("37.9"), "sim"))
            if person.staff_no == "1004" and day == 19:
                amended_event = outcome.event_id
        for person in staff:
            clock.now = morning + timedelta(hours=9, minutes=rng.randint(0, 50))
            s.screen(s.identify_manual(person.id),
                     TakenReading(parse_reading(f"{round(rng.gauss(36.6, 0.2), 1)}"), "sim"),
                     Direction.OUT)
        if day == 10:
            services.observation.record_travel(
                zhang.id, "武汉", (clock.now + timedelta(hours=8)).date(), officer,
                note="探亲返回" if language == i18n.CHINESE else "Family visit")
    clock.now = start + timedelta(days=20, hours=3)
    if amended_event is not None:
        services.amend.amend(amended_event, by=officer, reason=(
            "门卫误选了进入方向" if language == i18n.CHINESE else "The guard chose In by mistake"),
            direction=Direction.OUT)
    services.observation.record_travel(
        people["1007"].id, "上海", (clock.now + timedelta(hours=8) - timedelta(days=2)).date(),
        officer, note="")
    return services, clock, officer


def shoot(widget: QWidget, name: str, language: str) -> Path:
    wait(250)
    suffix = "zh" if language == i18n.CHINESE else "en"
    path = OUT / f"console-{name}-{suffix}.png"
    widget.grab().save(str(path))
    print(path.relative_to(REPO), widget.width(), "x", widget.height())
    return path


def framed(
    factory: Callable[[Services, UserView, ServiceWorker], QWidget], key: str,
    services: Services, user: UserView, worker: ServiceWorker, alone: bool,
) -> tuple[QWidget, QWidget]:
    """The page inside the console window (which the shell's window offers), or alone."""
    if alone:
        page = factory(services, user, worker)
        return page, page
    from PySide6.QtCore import QT_TRANSLATE_NOOP

    from gatekeeper.ui.console.pages import PAGES, Page
    from gatekeeper.ui.console.window import ConsoleWindow

    title = str({"registry": QT_TRANSLATE_NOOP("ConsolePages", "Staff registry"),
                 "log": QT_TRANSLATE_NOOP("ConsolePages", "Entry log")}[key])
    pages = [p for p in PAGES if p.key != key]
    at = 1 if key == "log" else 2
    pages.insert(min(at, len(pages)), Page(key, title, factory))
    window = ConsoleWindow(services, user, worker=worker, pages=pages)
    window.select_page(key)
    return window, window.page(key)


def close(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    wait(100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="registry, person or log")
    parser.add_argument("--alone", action="store_true", help="pages without the window")
    args = parser.parse_args(argv)
    app: QApplication = application()
    translations = i18n.Translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for language in (i18n.ENGLISH, i18n.CHINESE):
        translations.set_language(language)
        theme.apply_theme(app, language)
        with tempfile.TemporaryDirectory() as tmp:
            run_language(Path(tmp), language, args.only, args.alone)
    return 0


def run_language(tmp: Path, language: str, only: str | None, alone: bool) -> None:
    services, _clock, officer = build_site(tmp, language)

    def wanted(name: str) -> bool:
        return only is None or only == name

    if wanted("registry") or wanted("person"):
        worker = ServiceWorker(name="gatekeeper-console")
        shown, registry = framed(RegistryPage, "registry", services, officer, worker, alone)
        assert isinstance(registry, RegistryPage)
        shown.resize(*SIZE)
        shown.show()
        wait_until(lambda: not registry.busy and registry.model.rowCount() > 0)
        registry.select_staff_no("1003")
        registry.say(registry.tr("Saved the changes to {name} ({staff_no}).").format(
            name="李娜", staff_no="1003"))
        if wanted("registry"):
            shoot(shown, "registry", language)
            importer = registry.open_import()
            importer.resize(760, 520)
            bad = tmp / ("员工名单.csv" if language == i18n.CHINESE else "staff-list.csv")
            bad.write_text(
                "工号,姓名,部门,电话\n3001,马超,总装车间,138 0000 0001\n3002,,质检部,\n"
                "3003,赵云,焊装车间,call me\n1.23457E+11,黄忠,仓储物流,\n3001,马超,总装车间,\n",
                encoding="utf-8-sig")
            importer.import_file(bad)
            wait_until(lambda: not importer.busy and bool(importer.problems))
            shoot(importer, "registry-import", language)
            importer.reject()
        if wanted("person"):
            opened = registry.open_person_file(registry.model.people[0].id)
            assert opened is not None
            file = opened
            file.resize(*SIZE)
            wait_until(lambda: not file.loading and file.data is not None)
            shoot(file, "person-entries", language)
            file.tabs.setCurrentIndex(TRAVEL)
            wait(400)
            shoot(file, "person-travel", language)
            file.close_file()
            wait(100)
        registry.shutdown()
        close(shown)
        worker.stop()
    if wanted("log"):
        worker = ServiceWorker(name="gatekeeper-console")
        shown, log_page = framed(LogPage, "log", services, officer, worker, alone)
        assert isinstance(log_page, LogPage)
        shown.resize(*SIZE)
        shown.show()
        wait_until(lambda: log_page.model.count > 0)
        wait(300)
        shoot(shown, "log", language)
        log_page.period_combo.setCurrentIndex(log_page.period_combo.findData("7d"))
        log_page.department_combo.setCurrentIndex(
            log_page.department_combo.findData("仓储物流"))
        log_page.apply_filters()
        amended = next(r for r in range(log_page.model.count)
                       if (row := log_page.model.row_at(r)) is not None and row.amended)
        log_page.table.selectRow(amended)
        wait(300)
        shoot(shown, "log-filtered", language)
        amending = log_page.amend_selected()
        assert amending is not None
        dialog = amending
        wait_until(lambda: bool(dialog.history))
        dialog.decision_combo.setCurrentIndex(dialog.decision_combo.findData("pass"))
        dialog.reason_edit.setText(
            "核对监控录像后确认" if language == i18n.CHINESE else "Checked on the camera footage")
        dialog.adjustSize()
        shoot(dialog, "log-amend", language)
        dialog.reject()
        log_page.shutdown()
        close(shown)
        worker.stop()
    services.db.dispose()


if __name__ == "__main__":
    sys.exit(main())
