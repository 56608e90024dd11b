"""The first-run screen (now the set-up wizard) as the one-page screen was tested: the site
page's fields, Return, the time zone, refusals shown inline; with a real set-up service on a
temporary data directory. The other pages: tests/gui/test_setup_wizard.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gatekeeper.config import Paths
from gatekeeper.errors import UserError
from gatekeeper.scanner.thermometer import open_device
from gatekeeper.services.first_run import FirstRunService, SetupPlan
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.i18n import CHINESE, ENGLISH, Translations
from gatekeeper.ui.setup_wizard_devices import WizardDevices

ZONES = ["America/New_York", "Asia/Shanghai", "Europe/Berlin", "UTC"]
PASSWORD = "gate-admin-2026"
DEVICES = WizardDevices(
    probe_cameras=lambda: [], open_thermometer=lambda spec: open_device(spec, sim_delay=0.05)
)


def make_screen(qtbot: QtBot, initialise, default_timezone: str = "Asia/Shanghai"):
    screen = FirstRunScreen(
        initialise, timezones=ZONES, default_timezone=default_timezone, data_dir="/srv/gate",
        devices=DEVICES,
    )
    qtbot.addWidget(screen)
    screen.show()
    screen.go_next()  # from the welcome page to the site and gate
    assert screen.current_page is screen.site_page
    return screen


def real_initialise(database: Database, paths: Paths):
    service = FirstRunService(database, paths, hasher=fast_hasher())
    return lambda plan: service.set_up(plan, actor="test")


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types ASCII only; Chinese arrives as an input method's commit would
        edit.insert(text)


def fill(qtbot: QtBot, screen: FirstRunScreen, site: str, gate: str, zone: str | None = None):
    type_into(qtbot, screen.site_edit, site)
    type_into(qtbot, screen.gate_edit, gate)
    if zone is not None:
        screen.timezone_combo.setEditText(zone)


def fill_admin(screen: FirstRunScreen) -> None:
    screen.admin_page.password_edit.setText(PASSWORD)
    screen.admin_page.again_edit.setText(PASSWORD)


def test_create_sets_up_the_installation(
    qtbot: QtBot, database: Database, paths: Paths, setup_service: SetupService
) -> None:
    screen = make_screen(qtbot, real_initialise(database, paths))
    fill(qtbot, screen, "深圳二厂", "North Gate")
    assert screen.next_button.isEnabled()
    fill_admin(screen)
    while screen.current_page is not screen.summary_page:
        qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(screen.created, timeout=5000) as created:
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)

    emitted = created.args[0]
    assert isinstance(emitted, Installation)
    assert (emitted.site_name, emitted.gate_name, emitted.timezone) == (
        "深圳二厂",
        "North Gate",
        "Asia/Shanghai",
    )
    assert setup_service.installation() == emitted
    assert screen.error_label.isHidden()


def test_return_in_a_field_goes_on_and_creates_at_the_end(
    qtbot: QtBot, database: Database, paths: Paths, setup_service: SetupService
) -> None:
    screen = make_screen(qtbot, real_initialise(database, paths))
    fill(qtbot, screen, "Plant", "Gate 3")
    qtbot.keyClick(screen.gate_edit, Qt.Key.Key_Return)
    assert screen.current_page is screen.admin_page
    type_into(qtbot, screen.admin_page.password_edit, PASSWORD)
    type_into(qtbot, screen.admin_page.again_edit, PASSWORD)
    qtbot.keyClick(screen.admin_page.again_edit, Qt.Key.Key_Return)
    assert screen.current_page is screen.camera_page
    while screen.current_page is not screen.summary_page:
        screen.go_next()
    assert setup_service.installation() is None
    # On the summary page Create has the focus and is the default button: Return creates.
    assert screen.focusWidget() is screen.create_button and screen.create_button.isDefault()
    with qtbot.waitSignal(screen.created, timeout=5000):
        qtbot.keyClick(screen.create_button, Qt.Key.Key_Return)
    assert setup_service.installation() is not None


def test_time_zone_defaults_to_the_system_zone_and_completes(qtbot: QtBot) -> None:
    screen = make_screen(qtbot, lambda *_: pytest.fail("not called"), "Europe/Berlin")
    assert screen.timezone_combo.currentText() == "Europe/Berlin"
    assert screen.timezone_combo.isEditable()
    completer = screen.timezone_combo.completer()
    assert completer is not None
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive


@pytest.mark.parametrize(
    ("site", "gate", "zone"),
    [("", "North", "UTC"), ("Plant", "", "UTC"), ("Plant", "North", ""), ("   ", "North", "UTC")],
)
def test_next_and_create_refuse_while_a_field_is_empty(
    qtbot: QtBot, database: Database, paths: Paths, setup_service: SetupService,
    site: str, gate: str, zone: str,
) -> None:
    screen = make_screen(qtbot, real_initialise(database, paths))
    fill(qtbot, screen, site, gate, zone)
    assert not screen.next_button.isEnabled()
    with qtbot.assertNotEmitted(screen.created):
        screen.create()  # what Return on the last page calls
    assert screen.current_page is screen.site_page
    assert screen.error_label.isVisible()
    assert setup_service.installation() is None


def test_unknown_time_zone_is_shown_inline_and_creates_nothing(
    qtbot: QtBot, database: Database, paths: Paths, setup_service: SetupService
) -> None:
    screen = make_screen(qtbot, real_initialise(database, paths))
    fill(qtbot, screen, "Plant", "North", "Mars/Olympus_Mons")
    fill_admin(screen)

    with qtbot.assertNotEmitted(screen.created):
        screen.create()

    assert screen.current_page is screen.site_page
    assert screen.error_label.isVisible()
    assert "Mars/Olympus_Mons" in screen.error_label.text()
    assert "Traceback" not in screen.error_label.text()
    assert setup_service.installation() is None
    assert not setup_service.paths.signing_key_file.exists()

    # Correcting the field clears the message.
    screen.timezone_combo.setEditText("UTC")
    assert screen.error_label.isHidden()


def test_time_zone_case_is_forgiven(qtbot: QtBot) -> None:
    plans: list[SetupPlan] = []

    def initialise(plan: SetupPlan) -> Installation:
        plans.append(plan)
        raise UserError("stop here")

    screen = make_screen(qtbot, initialise)
    fill(qtbot, screen, "  Plant  ", "North", "asia/SHANGHAI")
    fill_admin(screen)
    screen.create()
    assert [(p.site_name, p.gate_name, p.timezone) for p in plans] == [
        ("Plant", "North", "Asia/Shanghai")
    ]
    assert screen.timezone_combo.currentText() == "Asia/Shanghai"
    assert screen.error_label.text() == "Nothing was created: stop here"


def test_a_service_refusal_is_shown_inline(
    qtbot: QtBot, database: Database, paths: Paths, setup_service: SetupService,
    installation: Installation,
) -> None:
    # The data directory was set up meanwhile (say, from the command line).
    screen = make_screen(qtbot, real_initialise(database, paths))
    fill(qtbot, screen, "Other plant", "South")
    fill_admin(screen)
    with qtbot.assertNotEmitted(screen.created):
        screen.create()
    assert screen.current_page is screen.summary_page
    assert screen.error_label.isVisible()
    assert "already initialised" in screen.error_label.text()
    assert setup_service.installation() == installation
    assert screen.create_button.isEnabled()  # the person may correct and try again


def test_a_bug_is_not_dressed_up_as_a_user_error(qtbot: QtBot) -> None:
    def initialise(plan: SetupPlan) -> Installation:
        raise RuntimeError("a bug")

    screen = make_screen(qtbot, initialise)
    fill(qtbot, screen, "Plant", "North")
    fill_admin(screen)
    while screen.current_page is not screen.summary_page:
        screen.go_next()
    with qtbot.captureExceptions() as exceptions:
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert [type(exc) for _, exc, _ in exceptions] == [RuntimeError]
    assert screen.error_label.isHidden()


def test_language_switch_retranslates_live(qtbot: QtBot, translations: Translations) -> None:
    screen = make_screen(qtbot, lambda *_: pytest.fail("not called"))
    screen.language_selected.connect(translations.set_language)
    fill(qtbot, screen, "Plant", "North", "Nowhere/Special")
    screen.go_next()
    assert screen.title_label.text() == "Where is this gate?"
    assert screen.site_page.site_label.text() == "&Site name"

    with qtbot.waitSignal(screen.language_selected) as selected:
        qtbot.mouseClick(screen.language_switch.buttons[CHINESE], Qt.MouseButton.LeftButton)

    assert selected.args == [CHINESE]
    # Qt posts LanguageChange to each window: it arrives on the next turn of the event loop.
    qtbot.waitUntil(lambda: screen.title_label.text() == "这个门岗在哪里？")
    assert screen.site_page.site_label.text() == "厂区名称(&S)"
    assert screen.site_page.gate_label.text() == "门岗名称(&G)"
    assert screen.site_page.timezone_label.text() == "时区(&T)"
    assert screen.next_button.text() == "下一步(&N)"
    assert "时区" in screen.error_label.text()  # the message on screen follows too
    assert "Nowhere/Special" in screen.error_label.text()
    assert screen.language_switch.language == CHINESE

    qtbot.mouseClick(screen.language_switch.buttons[ENGLISH], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.title_label.text() == "Where is this gate?")
    assert screen.next_button.text() == "&Next"
