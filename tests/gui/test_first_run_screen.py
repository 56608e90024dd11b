"""The first-run screen, with a real SetupService on a temporary data directory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.i18n import CHINESE, ENGLISH, Translations

ZONES = ["America/New_York", "Asia/Shanghai", "Europe/Berlin", "UTC"]


def make_screen(qtbot: QtBot, initialise, default_timezone: str = "Asia/Shanghai"):
    screen = FirstRunScreen(
        initialise, timezones=ZONES, default_timezone=default_timezone, data_dir="/srv/gate"
    )
    qtbot.addWidget(screen)
    screen.show()
    return screen


def real_initialise(service: SetupService):
    return lambda site, gate, zone: service.initialise(site, gate, zone, actor="test")


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


def test_create_sets_up_the_installation(qtbot: QtBot, setup_service: SetupService) -> None:
    screen = make_screen(qtbot, real_initialise(setup_service))
    fill(qtbot, screen, "深圳二厂", "North Gate")
    assert screen.create_button.isEnabled()

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


def test_return_in_a_field_creates(qtbot: QtBot, setup_service: SetupService) -> None:
    screen = make_screen(qtbot, real_initialise(setup_service))
    fill(qtbot, screen, "Plant", "Gate 3")
    with qtbot.waitSignal(screen.created, timeout=5000):
        qtbot.keyClick(screen.gate_edit, Qt.Key.Key_Return)
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
def test_create_is_disabled_while_a_field_is_empty(
    qtbot: QtBot, setup_service: SetupService, site: str, gate: str, zone: str
) -> None:
    screen = make_screen(qtbot, real_initialise(setup_service))
    fill(qtbot, screen, site, gate, zone)
    assert not screen.create_button.isEnabled()
    with qtbot.assertNotEmitted(screen.created):
        screen.create()  # what Return in a field calls
    assert setup_service.installation() is None


def test_unknown_time_zone_is_shown_inline_and_creates_nothing(
    qtbot: QtBot, setup_service: SetupService
) -> None:
    screen = make_screen(qtbot, real_initialise(setup_service))
    fill(qtbot, screen, "Plant", "North", "Mars/Olympus_Mons")

    with qtbot.assertNotEmitted(screen.created):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)

    assert screen.error_label.isVisible()
    assert "Mars/Olympus_Mons" in screen.error_label.text()
    assert "Traceback" not in screen.error_label.text()
    assert setup_service.installation() is None
    assert not setup_service.paths.signing_key_file.exists()

    # Correcting the field clears the message.
    screen.timezone_combo.setEditText("UTC")
    assert screen.error_label.isHidden()


def test_time_zone_case_is_forgiven(qtbot: QtBot) -> None:
    calls: list[tuple[str, str, str]] = []

    def initialise(site: str, gate: str, zone: str) -> Installation:
        calls.append((site, gate, zone))
        raise UserError("stop here")

    screen = make_screen(qtbot, initialise)
    fill(qtbot, screen, "  Plant  ", "North", "asia/SHANGHAI")
    screen.create()
    assert calls == [("Plant", "North", "Asia/Shanghai")]
    assert screen.timezone_combo.currentText() == "Asia/Shanghai"


def test_a_service_refusal_is_shown_inline(
    qtbot: QtBot, setup_service: SetupService, installation: Installation
) -> None:
    # The data directory was set up meanwhile (say, from the command line).
    screen = make_screen(qtbot, real_initialise(setup_service))
    fill(qtbot, screen, "Other plant", "South")
    with qtbot.assertNotEmitted(screen.created):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.error_label.isVisible()
    assert "already initialised" in screen.error_label.text()
    assert setup_service.installation() == installation
    assert screen.create_button.isEnabled()  # the person may correct and try again


def test_a_bug_is_not_dressed_up_as_a_user_error(qtbot: QtBot) -> None:
    def initialise(site: str, gate: str, zone: str) -> Installation:
        raise RuntimeError("a bug")

    screen = make_screen(qtbot, initialise)
    fill(qtbot, screen, "Plant", "North")
    with qtbot.captureExceptions() as exceptions:
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert [type(exc) for _, exc, _ in exceptions] == [RuntimeError]
    assert screen.error_label.isHidden()


def test_language_switch_retranslates_live(qtbot: QtBot, translations: Translations) -> None:
    screen = make_screen(qtbot, lambda *_: pytest.fail("not called"))
    screen.language_selected.connect(translations.set_language)
    fill(qtbot, screen, "Plant", "North", "Nowhere/Special")
    screen.create()
    assert screen.title_label.text() == "Welcome to gatekeeper"
    assert screen.site_label.text() == "&Site name"

    with qtbot.waitSignal(screen.language_selected) as selected:
        qtbot.mouseClick(screen.language_switch.buttons[CHINESE], Qt.MouseButton.LeftButton)

    assert selected.args == [CHINESE]
    # Qt posts LanguageChange to each window: it arrives on the next turn of the event loop.
    qtbot.waitUntil(lambda: screen.title_label.text() == "欢迎使用 gatekeeper")
    assert screen.site_label.text() == "厂区名称(&S)"
    assert screen.gate_label.text() == "门岗名称(&G)"
    assert screen.timezone_label.text() == "时区(&T)"
    assert screen.create_button.text() == "创建"
    assert "时区" in screen.error_label.text()  # the message on screen follows too
    assert "Nowhere/Special" in screen.error_label.text()
    assert screen.language_switch.language == CHINESE

    qtbot.mouseClick(screen.language_switch.buttons[ENGLISH], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.title_label.text() == "Welcome to gatekeeper")
    assert screen.create_button.text() == "Create"
