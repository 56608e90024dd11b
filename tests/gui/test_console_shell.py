"""The console around its pages: signing in (officers and admins only, wrong passwords
slowed down), the window (navigation, status bar, periodic refresh, the housekeeping timer,
language, signing out), the page registry, and run_console as the application starts it."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.app import ConsoleLauncher, GateApp, UiPreferences
from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction, Method, Role
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import UserService, UserView, fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import AuditEntry, ScreeningEvent
from gatekeeper.ui import i18n
from gatekeeper.ui.console import pages as console_pages
from gatekeeper.ui.console.pages import PAGES, Page, pages_for
from gatekeeper.ui.console.signin import SignInDialog
from gatekeeper.ui.console.window import ConsoleWindow
from gatekeeper.ui.kiosk.worker import ServiceWorker

REPO = Path(__file__).resolve().parents[2]
WAIT_MS = 5000
START = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)  # 10:00 in Asia/Shanghai


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def site(database: Database, paths: Paths, installation: Installation, clock: Clock) -> Services:
    """The demo site on a clock the test moves, with an admin; 张伟 came in yesterday
    morning and never left, 李娜 was denied an hour ago (an open alert)."""
    built = build_services(database, paths, installation, clock)
    services = dataclasses.replace(
        built, users=UserService(database, installation, clock, hasher=fast_hasher())
    )
    demo.seed(services)
    services.users.add(username="admin", role="admin", secret="admin-pass")
    people = {p.staff_no: p for p in services.staff.list()}
    s = services.screening
    clock.now = START - timedelta(days=1)
    s.screen(s.identify_manual(people["1001"].id), read("36.5"), Direction.IN)
    clock.now = START - timedelta(hours=1)
    first = s.screen(s.identify_manual(people["1003"].id), read("38.0"), Direction.IN)
    assert first.event_id is not None
    clock.now += timedelta(seconds=30)
    s.recheck(first.event_id, read("38.1"))
    clock.now = START
    return services


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


def user(services: Services, name: str) -> UserView:
    return next(u for u in services.users.list() if u.username == name)


def audit(database: Database, action: str) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ))


# -- signing in -----------------------------------------------------------------------------


@pytest.fixture
def make_dialog(qtbot: QtBot) -> Iterator[Callable[[Services], SignInDialog]]:
    made: list[SignInDialog] = []

    def make(services: Services) -> SignInDialog:
        dialog = SignInDialog(services.users, site_line="华东一厂 · North Gate")
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.shutdown()
        assert not dialog.worker.running


def sign_in(qtbot: QtBot, dialog: SignInDialog, name: str, password: str) -> None:
    dialog.user_edit.setText(name)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.password_edit.text() == "", "the password leaves the field at once"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_an_officer_signs_in(
    qtbot: QtBot, make_dialog: Callable[[Services], SignInDialog], services: Services,
    demo_data: Any, database: Database,
) -> None:
    dialog = make_dialog(services)
    assert dialog.title_label.text() == "Officer console"
    assert dialog.site_label.text() == "华东一厂 · North Gate"
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT_MS) as signed:
        sign_in(qtbot, dialog, "officer", "officer-demo")
    [signed_in] = signed.args
    assert (signed_in.username, signed_in.role) == ("officer", Role.OFFICER)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert not dialog.worker.running, "the dialog's worker stops when it closes"
    [entry] = audit(database, "console.sign-in")
    assert json.loads(entry.details)["outcome"] == "ok"


@pytest.mark.parametrize(
    ("name", "password", "message", "outcome"),
    [
        ("officer", "wrong-password", "Wrong user name or password.", "wrong"),
        ("nobody", "officer-demo", "Wrong user name or password.", "wrong"),
        ("guard", "1234",
         "This account may not open the console: only officers and admins can.", "role"),
    ],
)
def test_a_refused_sign_in_is_said_in_the_dialog_and_audited(
    qtbot: QtBot, make_dialog: Callable[[Services], SignInDialog], services: Services,
    demo_data: Any, database: Database, name: str, password: str, message: str, outcome: str,
) -> None:
    dialog = make_dialog(services)
    signed: list[object] = []
    dialog.signed_in.connect(signed.append)
    sign_in(qtbot, dialog, name, password)
    assert dialog.error_text == message
    assert signed == [] and dialog.isVisible()
    assert dialog.sign_in_button.isEnabled()
    [entry] = audit(database, "console.sign-in")
    assert json.loads(entry.details)["outcome"] == outcome
    dialog.password_edit.setText("x")
    dialog.password_edit.textEdited.emit("x")
    assert dialog.error_text == "", "typing again clears the message"


def test_repeated_failures_make_the_next_attempt_wait_with_a_countdown(
    qtbot: QtBot, make_dialog: Callable[[Services], SignInDialog], services: Services,
    demo_data: Any,
) -> None:
    dialog = make_dialog(services)
    for _ in range(3):
        sign_in(qtbot, dialog, "officer", "wrong-password")
    sign_in(qtbot, dialog, "officer", "officer-demo")  # right, but too soon
    assert dialog.error_text.startswith("Too many failed attempts. Try again in ")
    first = dialog.wait_left
    assert 1 <= first <= 3
    assert not dialog.sign_in_button.isEnabled()
    dialog.password_edit.setText("officer-demo")
    dialog.submit()
    assert not dialog.busy, "no attempt is made while the wait runs"
    qtbot.waitUntil(lambda: f"Try again in {first - 1} s." in dialog.error_text,
                    timeout=WAIT_MS)
    qtbot.waitUntil(dialog.sign_in_button.isEnabled, timeout=WAIT_MS)
    assert dialog.error_text == ""
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT_MS):
        dialog.submit()


def test_the_dialog_speaks_chinese(
    qtbot: QtBot, make_dialog: Callable[[Services], SignInDialog], services: Services,
    demo_data: Any, translations: i18n.Translations,
) -> None:
    dialog = make_dialog(services)
    dialog.language_selected.connect(translations.set_language)
    sign_in(qtbot, dialog, "guard", "1234")
    qtbot.mouseClick(dialog.language_switch.buttons[i18n.CHINESE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.title_label.text() == "安全员控制台")
    assert dialog.sign_in_button.text() == "登录"
    assert "安全员" in dialog.error_text and "may not" not in dialog.error_text


# -- the window -----------------------------------------------------------------------------


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[..., ConsoleWindow]]:
    made: list[ConsoleWindow] = []

    def make(services: Services, username: str = "officer", **options: Any) -> ConsoleWindow:
        options.setdefault("housekeeping_delay_ms", 60_000)
        window = ConsoleWindow(services, user(services, username), **options)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
        assert not window.worker.running


def test_the_window_shows_the_pages_the_user_and_the_open_alerts(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services,
) -> None:
    window = make_window(site)
    titles = [window.nav_list.item(r).text() for r in range(window.nav_list.count())]
    assert titles == [
        "Dashboard", "Alerts", "On site now", "Nobody missed", "Observation", "Entry log",
        "Staff registry", "Settings",
    ]
    assert window.current_key == "dashboard"
    assert window.title_label.text() == "Dashboard"
    assert window.status_user.text() == "Signed in as 安全员 赵主任 (Officer)"
    assert window.user_role_label.text() == "Officer"
    assert window.windowTitle() == "gatekeeper console — North Gate, 华东一厂"
    dashboard = window.page("dashboard")
    with qtbot.waitSignal(dashboard.refreshed, timeout=WAIT_MS):
        window.start()
    qtbot.waitUntil(lambda: window.open_alerts == 1, timeout=WAIT_MS)
    assert window.updated_label.text() == "Updated 10:00"
    assert dashboard.tiles["denies"].text == "1"

    alerts = window.page("alerts")
    with qtbot.waitSignal(alerts.refreshed, timeout=WAIT_MS):
        window.select_page("alerts")
    assert window.current_page is alerts and window.title_label.text() == "Alerts"
    assert alerts.open_table.column_texts(1) == ["李娜"]


def test_the_visible_page_is_read_again_periodically(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services,
) -> None:
    window = make_window(site, refresh_ms=50)
    window.select_page("onsite")
    page = window.page("onsite")
    loads: list[None] = []
    page.refreshed.connect(lambda: loads.append(None))
    window.start()
    qtbot.waitUntil(lambda: len(loads) >= 3, timeout=WAIT_MS)
    hidden = window.page("missed")
    assert hidden.data is None, "pages not shown are not read"


def test_housekeeping_closes_forgotten_checkouts_and_runs_the_retention_schedule(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services, database: Database,
) -> None:
    window = make_window(site, housekeeping_delay_ms=0)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: messages.append(text))
    window.start()
    qtbot.waitUntil(lambda: window.last_purge is not None, timeout=WAIT_MS)
    [closed] = window.last_auto_exits
    assert closed.person.staff_no == "1001"
    # Closed at yesterday's 23:30 cut-off, never silently: an event, an audit entry, a message.
    assert closed.exited_at == datetime(2026, 11, 26, 15, 30, tzinfo=UTC)
    assert any("1 forgotten check-outs were closed automatically" in m for m in messages)
    with database.session() as session:
        auto = session.scalars(select(ScreeningEvent).where(ScreeningEvent.method == Method.AUTO))
        assert [(e.direction, e.reason) for e in auto] == [("out", "auto_exit")]
    assert len(audit(database, "presence.auto_exit")) == 1
    assert [json.loads(e.details)["trigger"] for e in audit(database, "retention.purge")] == [
        "scheduled"
    ]
    assert window.status_error_text == ""

    window.run_housekeeping()  # again: nothing is due, nothing twice
    qtbot.waitUntil(lambda: window.worker.pending == 0, timeout=WAIT_MS)
    assert window.last_auto_exits == [] and window.last_purge is None
    assert len(audit(database, "retention.purge")) == 1


def test_housekeeping_failures_go_to_the_status_bar_not_a_crash(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full() -> list[Any]:
        raise UserError("The disk is full.")

    def bug(now: Any = None) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(site.presence, "close_forgotten_checkouts", full)
    monkeypatch.setattr(site.retention, "run_scheduled", bug)
    window = make_window(site)
    window.run_housekeeping()
    qtbot.waitUntil(lambda: "RuntimeError" in window.status_error_text, timeout=WAIT_MS)
    assert "Closing forgotten check-outs failed: The disk is full." in window.status_error_text
    assert "The scheduled purge failed: RuntimeError" in window.status_error_text

    monkeypatch.undo()
    window.run_housekeeping()
    qtbot.waitUntil(lambda: window.status_error_text == "", timeout=WAIT_MS)


def test_switching_the_language_retranslates_the_window_and_its_pages(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services,
    translations: i18n.Translations,
) -> None:
    window = make_window(site)
    window.language_selected.connect(translations.set_language)
    dashboard = window.page("dashboard")
    with qtbot.waitSignal(dashboard.refreshed, timeout=WAIT_MS):
        window.start()
    qtbot.mouseClick(window.language_switch.buttons[i18n.CHINESE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.title_label.text() == "今日概览")
    titles = [window.nav_list.item(r).text() for r in range(window.nav_list.count())]
    assert titles == [
        "今日概览", "警报", "在场人员", "漏检核查", "隔离观察", "出入记录", "人员名册", "设置"
    ]
    assert window.status_user.text() == "当前用户：安全员 赵主任（安全员）"
    assert window.sign_out_button.text() == "退出登录"
    assert dashboard.tiles["entries"].caption_label.text() == "入场人次"
    assert dashboard.report_button.text() == "每日报告…"
    assert dashboard.day_label.text().startswith("今天，2026年11月27日")
    alerts = window.page("alerts")
    with qtbot.waitSignal(alerts.refreshed, timeout=WAIT_MS):
        window.select_page("alerts")
    assert alerts.open_title.text() == "未处理警报"
    assert alerts.open_table.row_texts(0)[5] == "确认发热"
    assert window.page("settings").tabs.tabText(0) == "筛查"
    assert window.page("missed").missing_title.text() == "今天未筛查"
    assert window.page("onsite").roll_button.text() == "紧急疏散点名表（PDF）…"
    assert window.page("observation").record_button.text() == "登记行程…"

    for page_key in window.pages:
        page = window.page(page_key)
        english = [label.text() for label in page.findChildren(QLabel) if label.text()]
        assert not any(text.startswith(("Today", "Open alerts", "By department"))
                       for text in english), page_key


def test_signing_out_closes_the_window(
    qtbot: QtBot, make_window: Callable[..., ConsoleWindow], site: Services,
) -> None:
    window = make_window(site)
    window.start()
    with qtbot.waitSignal(window.signed_out, timeout=WAIT_MS):
        qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()
    assert not window.worker.running


def test_an_admin_sees_every_page_and_may_change_the_admin_settings(
    make_window: Callable[..., ConsoleWindow], site: Services,
) -> None:
    window = make_window(site, "admin")
    settings = window.page("settings")
    assert settings.threshold_spin.isEnabled() and settings.notice_label.isHidden()
    assert window.user_role_label.text() == "Admin"
    officer = make_window(site, "officer").page("settings")
    assert not officer.threshold_spin.isEnabled() and not officer.notice_label.isHidden()


# -- the page registry ----------------------------------------------------------------------


class _Blank(QLabel):
    def __init__(self, services: Services, user: UserView, worker: ServiceWorker) -> None:
        super().__init__(f"{user.username} on {services.installation.gate_name}")
        self.refreshes = 0
        self.stopped = 0

    def refresh(self) -> None:
        self.refreshes += 1

    def shutdown(self) -> None:
        self.stopped += 1


def test_a_page_is_one_line_in_the_registry(
    make_window: Callable[..., ConsoleWindow], site: Services,
) -> None:
    extra = Page("extra", "Extra", _Blank, roles=(Role.ADMIN,))
    by_path = Page("path", "By path", f"{__name__}:_Blank")
    assert by_path.resolve() is _Blank
    officer, admin = user(site, "officer"), user(site, "admin")
    assert [p.key for p in pages_for(officer, (*PAGES, extra))] == [p.key for p in PAGES]
    assert pages_for(admin, (*PAGES, extra))[-1] is extra

    window = make_window(site, "admin", pages=(by_path, extra))
    assert list(window.pages) == ["path", "extra"]
    assert window.page("path").text() == "admin on North Gate"
    assert window.page("path").refreshes == 1, "shown, so read"
    window.select_page("extra")
    assert window.page("extra").refreshes == 1
    with pytest.raises(KeyError):
        window.select_page("nothing")
    window.close()
    assert [window.page(key).stopped for key in ("path", "extra")] == [1, 1]
    assert not window.worker.running


def test_every_registered_page_resolves() -> None:
    keys = [page.key for page in PAGES]
    assert len(keys) == len(set(keys))
    for page in PAGES:
        assert callable(page.resolve())
        assert page.translated_title() == page.title
    assert console_pages.ask_save_path is not None


# -- as the application starts it -----------------------------------------------------------


@pytest.fixture
def launcher(
    qapp: QApplication, paths: Paths, database: Database, translations: i18n.Translations,
) -> Iterator[tuple[ConsoleLauncher, list[str]]]:
    quits: list[str] = []
    gui = GateApp(
        qapp, paths=paths, db=database, translations=translations,
        preferences=UiPreferences(paths.data_dir / "ui.ini"),
    )
    made = ConsoleLauncher(gui, hasher=fast_hasher(), quit_app=lambda: quits.append("quit"))
    gui.after_setup = made.show
    yield made, quits
    made.shutdown()
    for window in (gui.first_run, gui.home):
        if window is not None:
            window.close()
            window.deleteLater()
    # Closed windows and dialogs are deleted here, on the GUI thread.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_sign_in_then_the_console_then_sign_out_and_cancel(
    qtbot: QtBot, launcher: tuple[ConsoleLauncher, list[str]], installation: Installation,
    paths: Paths, database: Database,
) -> None:
    console, quits = launcher
    services = build_services(database, paths, installation)
    services.users.hasher = fast_hasher()
    demo.seed(services)

    dialog = console.gui.start()
    assert isinstance(dialog, SignInDialog) and console.gui.console is dialog
    dialog.user_edit.setText("officer")
    dialog.password_edit.setText("officer-demo")
    dialog.submit()
    qtbot.waitUntil(lambda: console.window is not None, timeout=WAIT_MS)
    window = console.window
    assert isinstance(window, ConsoleWindow) and window.isVisible()
    assert console.dialog is None and not dialog.worker.running

    console.gui.set_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: window.sign_out_button.text() == "退出登录")
    assert window.language_switch.language == i18n.CHINESE
    assert UiPreferences(paths.data_dir / "ui.ini").language() == i18n.CHINESE
    console.gui.set_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: window.sign_out_button.text() == "Sign out")

    worker = window.worker
    window.sign_out()
    assert not window.isVisible() and not worker.running
    again = console.dialog
    assert isinstance(again, SignInDialog) and again.isVisible()
    assert quits == []
    again.reject()
    assert quits == ["quit"], "cancelling the sign-in with no console open ends the app"


def test_first_run_comes_before_the_sign_in(
    launcher: tuple[ConsoleLauncher, list[str]],
) -> None:
    console, _ = launcher
    screen = console.gui.start()
    assert screen is console.gui.first_run
    first_run = console.gui.first_run
    first_run.site_edit.setText("Plant")
    first_run.gate_edit.setText("Gate")
    first_run.timezone_combo.setEditText("Asia/Shanghai")
    first_run.admin_page.password_edit.setText("gate-admin-2026")
    first_run.admin_page.again_edit.setText("gate-admin-2026")
    first_run.create()
    assert isinstance(console.dialog, SignInDialog)
    assert console.gui.first_run is None


@pytest.mark.slow
def test_run_console_starts_and_quits(tmp_path: Path) -> None:
    """The real application in its own process, offscreen: the sign-in dialog opens, nobody
    signs in, it quits after the time given."""
    data = tmp_path / "data"
    data.mkdir()
    paths = Paths(data)
    db = Database(sqlite_url(paths.database_file))
    SetupService(db, paths).initialise("Plant", "Gate", "Asia/Shanghai")
    db.dispose()
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QTimer\n"
        "from gatekeeper.app import application, run_console\n"
        "app = application()\n"
        "def report():\n"
        "    shown = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]\n"
        "    print('SHOWN', shown, flush=True)\n"
        "QTimer.singleShot(1000, report)\n"
        f"sys.exit(run_console({str(data)!r}, None, language='en', run_seconds=2))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("GATEKEEPER_DATA_DIR", None)
    env.pop(i18n.ENV_LANGUAGE, None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "SHOWN ['gatekeeper console — sign in']" in done.stdout
    log = (data / "logs" / "gatekeeper.log").read_text(encoding="utf-8")
    assert "Starting the gatekeeper" in log and "console" in log
