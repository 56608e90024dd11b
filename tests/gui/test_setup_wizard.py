"""The first-run wizard page by page: every page, every bad input, the camera preview, the
thermometer's test reading, and Create writing everything at once (or nothing)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Role, TempUnit
from gatekeeper.errors import UserError
from gatekeeper.scanner.sources import DemoSource
from gatekeeper.scanner.thermometer import open_device
from gatekeeper.services import settings as settings_module
from gatekeeper.services.first_run import AdminAccount, FirstRunService, SetupPlan
from gatekeeper.services.settings import KioskSettings, SettingsService
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AuditEntry, Setting, User
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.i18n import CHINESE, ENGLISH, Translations
from gatekeeper.ui.setup_wizard_devices import (
    DEMO,
    HID,
    MANUAL,
    SAMPLE_CODE,
    SERIAL,
    SIMULATED,
    WizardDevices,
)

ZONES = ["America/New_York", "Asia/Shanghai", "Europe/Berlin", "UTC"]
PASSWORD = "gate-admin-2026"
WAIT_MS = 10_000
WIZARD_THREADS = ("capture", "camera-probe", "thermometer-sim", "thermometer-serial")
LANGUAGE, SITE, ADMIN, CAMERA, THERMOMETER, SCREENING, SUMMARY = range(7)


def wizard_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name in WIZARD_THREADS and t.is_alive()]


def fake_devices(**changes) -> WizardDevices:
    values = {
        "probe_cameras": lambda: [],
        "open_thermometer": lambda spec: open_device(spec, sim_delay=0.05),
        "serial_ports": lambda: ["/dev/ttyS0"],
        "reading_timeout_s": 3.0,
    }
    values.update(changes)
    return WizardDevices(**values)


@pytest.fixture
def first_run_service(database: Database, paths: Paths) -> FirstRunService:
    return FirstRunService(database, paths, hasher=fast_hasher())


@pytest.fixture
def make_wizard(
    qtbot: QtBot, first_run_service: FirstRunService
) -> Iterator[Callable[..., FirstRunScreen]]:
    """Builds the wizard (Create: the real set-up service); every thread it started is
    stopped when the test ends."""
    made: list[FirstRunScreen] = []

    def make(
        initialise: Callable[[SetupPlan], Installation] | None = None,
        devices: WizardDevices | None = None,
    ) -> FirstRunScreen:
        screen = FirstRunScreen(
            initialise or (lambda plan: first_run_service.set_up(plan, actor="test")),
            timezones=ZONES,
            default_timezone="Asia/Shanghai",
            data_dir="/srv/gate",
            devices=devices or fake_devices(),
        )
        qtbot.addWidget(screen)
        screen.resize(1040, 760)
        screen.show()
        made.append(screen)
        return screen

    yield make
    for screen in made:
        screen.close()
    for thread in threading.enumerate():
        if thread.name in WIZARD_THREADS:
            thread.join(5)
    assert wizard_threads() == [], "a wizard thread is still running"


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types ASCII only; Chinese arrives as an input method's commit would
        edit.insert(text)


def click(qtbot: QtBot, button) -> None:
    """A click where a person would: on the box of a radio button or check box (they are as
    wide as the page, their text is at the left), in the middle of anything else."""
    if isinstance(button, QRadioButton | QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_page(qtbot: QtBot, screen: FirstRunScreen, page: int, *, site=("深圳二厂", "North Gate"),
            password: str = PASSWORD) -> None:
    """Fill the pages before `page` with good values, pressing Next on each."""
    while screen.current_index < page:
        index = screen.current_index
        if index == SITE and not screen.site_edit.text():
            type_into(qtbot, screen.site_edit, site[0])
            type_into(qtbot, screen.gate_edit, site[1])
        if index == ADMIN and not screen.admin_page.password_edit.text():
            type_into(qtbot, screen.admin_page.password_edit, password)
            type_into(qtbot, screen.admin_page.again_edit, password)
        click(qtbot, screen.next_button)
        assert screen.current_index == index + 1, screen.error_label.text()


def nothing_stored(database: Database, setup_service: SetupService) -> bool:
    if setup_service.installation() is not None:
        return False
    if database.sqlite_path is not None and not database.sqlite_path.exists():
        return True
    with database.session() as session:
        return not any(
            session.scalars(select(model)).first() for model in (User, Setting, AuditEntry)
        )


# -- moving between pages -----------------------------------------------------------------------


def test_pages_in_order_with_back_next_and_create(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    assert screen.windowTitle() == "gatekeeper — set up this gate"
    assert screen.current_page is screen.welcome_page
    assert screen.step_count_label.text() == "Step 1 of 7"
    assert screen.title_label.text() == "Welcome to gatekeeper"
    assert screen.back_button.isHidden() and screen.create_button.isHidden()

    click(qtbot, screen.next_button)
    assert screen.current_page is screen.site_page
    assert screen.title_label.text() == "Where is this gate?"
    assert screen.back_button.isVisible()
    assert screen.step_buttons[LANGUAGE].text().startswith("✓")
    click(qtbot, screen.back_button)
    assert screen.current_page is screen.welcome_page

    to_page(qtbot, screen, SUMMARY)
    assert screen.step_count_label.text() == "Step 7 of 7"
    assert screen.next_button.isHidden() and screen.create_button.isVisible()
    assert screen.create_button.text() == "Create"
    # A step already reached is one click away; one not reached yet is not.
    click(qtbot, screen.step_buttons[ADMIN])
    assert screen.current_page is screen.admin_page
    click(qtbot, screen.back_button)
    assert screen.current_page is screen.site_page


def test_steps_ahead_cannot_be_jumped_to(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    assert not screen.step_buttons[SUMMARY].isEnabled()
    screen.go_to(SUMMARY)
    assert screen.current_page is screen.welcome_page


def test_nothing_is_written_before_create(
    qtbot: QtBot, make_wizard, database: Database, setup_service: SetupService
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SUMMARY)
    screen.camera_page.demo_radio.setChecked(True)
    assert nothing_stored(database, setup_service)


# -- 1. language ------------------------------------------------------------------------------


def test_language_switches_live_from_the_welcome_page(
    qtbot: QtBot, make_wizard, translations: Translations
) -> None:
    screen = make_wizard()
    screen.language_selected.connect(translations.set_language)
    screen.language_selected.connect(screen.set_language)
    with qtbot.waitSignal(screen.language_selected) as selected:
        click(qtbot, screen.welcome_page.language_buttons[CHINESE])
    assert selected.args == [CHINESE]
    qtbot.waitUntil(lambda: screen.title_label.text() == "欢迎使用 gatekeeper")
    assert screen.welcome_page.language == CHINESE
    assert screen.language_switch.language == CHINESE
    assert screen.next_button.text() == "下一步(&N)"
    assert screen.step_count_label.text() == "第 1 步，共 7 步"
    assert screen.welcome_page.summary() == [("界面语言", "简体中文")]

    click(qtbot, screen.language_switch.buttons[ENGLISH])
    qtbot.waitUntil(lambda: screen.title_label.text() == "Welcome to gatekeeper")
    assert screen.welcome_page.language == ENGLISH


def test_every_page_is_translated(
    qtbot: QtBot, make_wizard, translations: Translations
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SUMMARY)
    translations.set_language(CHINESE)
    qtbot.waitUntil(lambda: screen.title_label.text() == "准备创建厂区")
    for index in range(7):
        screen.go_to(index)
        texts = [screen.title_label.text(), screen.subtitle_label.text()]
        assert all(not text.isascii() for text in texts), texts
    assert screen.site_page.site_label.text() == "厂区名称(&S)"
    assert screen.admin_page.password_label.text() == "密码(&P)"
    assert screen.camera_page.demo_radio.text() == "演示摄像头"
    assert screen.thermometer_page.test_button.text() == "测试读数"
    assert screen.screening_page.threshold_label.text() == "发热阈值(&F)"
    assert screen.create_button.text() == "创建"
    names = [name for name, _ in screen.summary_page.rows()]
    assert names[:3] == ["界面语言", "厂区", "门岗"]


# -- 2. site and gate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "gate", "zone"),
    [("", "North", "UTC"), ("Plant", "", "UTC"), ("Plant", "North", ""), ("   ", "North", "UTC")],
)
def test_next_is_disabled_while_a_site_field_is_empty(
    qtbot: QtBot, make_wizard, site: str, gate: str, zone: str
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SITE)
    screen.site_edit.setText(site)
    screen.gate_edit.setText(gate)
    screen.timezone_combo.setEditText(zone)
    assert not screen.next_button.isEnabled()
    qtbot.keyClick(screen.gate_edit, Qt.Key.Key_Return)  # Return says what is missing
    assert screen.current_page is screen.site_page
    assert screen.error_label.isVisible()


def test_unknown_time_zone_is_told_inline(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SITE)
    screen.site_edit.setText("Plant")
    screen.gate_edit.setText("North")
    screen.timezone_combo.setEditText("Mars/Olympus_Mons")
    click(qtbot, screen.next_button)
    assert screen.current_page is screen.site_page
    assert "Mars/Olympus_Mons" in screen.error_label.text()
    assert screen.focusWidget() in (screen.timezone_combo, screen.timezone_combo.lineEdit())
    screen.timezone_combo.setEditText("UTC")
    assert screen.error_label.isHidden()  # correcting the field clears the message


def test_control_characters_in_a_name_are_refused(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SITE)
    screen.site_edit.setText("Plant\x07one")  # pasted
    screen.gate_edit.setText("North")
    click(qtbot, screen.next_button)
    assert screen.current_page is screen.site_page
    assert "invisible control characters" in screen.error_label.text()


def test_time_zone_case_is_forgiven_and_return_goes_on(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SITE)
    type_into(qtbot, screen.site_edit, "  Plant  ")
    type_into(qtbot, screen.gate_edit, "North")
    screen.timezone_combo.setEditText("asia/SHANGHAI")
    qtbot.keyClick(screen.gate_edit, Qt.Key.Key_Return)
    assert screen.current_page is screen.admin_page
    assert screen.timezone_combo.currentText() == "Asia/Shanghai"
    assert screen.plan().site_name == "Plant"


# -- 3. the admin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "password", "again", "message", "focus"),
    [
        ("admin", "short", "short", "at least 8 characters", "password_edit"),
        ("admin", PASSWORD, PASSWORD + "x", "differ", "again_edit"),
        ("ad\x07min", PASSWORD, PASSWORD, "1 to 64 characters", "username_edit"),
    ],
)
def test_admin_bad_inputs_are_told_inline(
    qtbot: QtBot, make_wizard, username: str, password: str, again: str, message: str,
    focus: str,
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, ADMIN)
    page = screen.admin_page
    page.username_edit.setText(username)
    page.password_edit.setText(password)
    page.again_edit.setText(again)
    click(qtbot, screen.next_button)
    assert screen.current_page is page
    assert message in screen.error_label.text()
    assert screen.focusWidget() is getattr(page, focus)
    assert password not in screen.error_label.text()


def test_admin_page_needs_every_field(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, ADMIN)
    page = screen.admin_page
    assert page.username_edit.text() == "admin"
    assert not screen.next_button.isEnabled()
    page.password_edit.setText(PASSWORD)
    assert not screen.next_button.isEnabled()
    page.again_edit.setText(PASSWORD)
    assert screen.next_button.isEnabled()
    page.username_edit.setText("   ")
    assert not screen.next_button.isEnabled()


def test_password_rules_show_as_typed_and_passwords_are_hidden(
    qtbot: QtBot, make_wizard
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, ADMIN)
    page = screen.admin_page
    assert page.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert page.length_rule.text().startswith("○")
    type_into(qtbot, page.password_edit, "12345678")
    assert page.length_rule.text().startswith("✓")
    assert page.match_rule.text().startswith("○")
    type_into(qtbot, page.again_edit, "12345678")
    assert page.match_rule.text().startswith("✓")
    click(qtbot, page.show_check)
    assert page.again_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert page.summary() == [("Administrator", "admin (password set)")]


# -- 4. the camera --------------------------------------------------------------------------------


def test_no_camera_found_looks_right(qtbot: QtBot, make_wizard) -> None:
    """The real search (cameras 0-3 through OpenCV): this machine has none."""
    screen = make_wizard(devices=fake_devices(probe_cameras=WizardDevices().probe_cameras))
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    qtbot.waitUntil(lambda: page.found is not None, timeout=WAIT_MS)
    assert page.found == []
    assert page.camera_buttons == {}
    assert "No camera found" in page.search_status.text()
    assert page.spec() is None
    assert page.view.overlay_title == "Choose a camera to see its picture"
    assert "camera 0" in page.preview_caption.text()
    assert screen.next_button.isEnabled()  # a camera may be chosen later
    click(qtbot, screen.next_button)
    assert screen.camera_page.summary() == [("Camera", "Not chosen (camera 0)")]


def test_cameras_found_are_offered_and_searched_again(qtbot: QtBot, make_wizard) -> None:
    found = [[1, 3]]
    screen = make_wizard(devices=fake_devices(
        probe_cameras=lambda: found[0],
        camera_loop=lambda spec: WizardDevices().camera_loop(DEMO),
    ))
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    qtbot.waitUntil(lambda: page.found == [1, 3], timeout=WAIT_MS)
    assert [b.text() for b in page.camera_buttons.values()] == ["Camera 1", "Camera 3"]
    assert page.spec() == "1"  # the first one found is chosen
    qtbot.waitUntil(lambda: page.view.image is not None, timeout=WAIT_MS)
    assert page.search_status.text() == "Cameras found: 2."

    found[0] = [3]
    click(qtbot, page.search_button)
    qtbot.waitUntil(lambda: page.found == [3], timeout=WAIT_MS)
    # The camera chosen stays offered, marked as missing now.
    assert page.camera_buttons[1].text() == "Camera 1 (not found now)"
    assert page.spec() == "1"


def test_demo_camera_preview_shows_frames_and_reads_the_sample_badge(
    qtbot: QtBot, make_wizard
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    click(qtbot, page.demo_radio)
    assert page.spec() == DEMO
    qtbot.waitUntil(lambda: page.view.image is not None, timeout=WAIT_MS)
    assert page.bridge is not None and "capture" in wizard_threads()
    qtbot.waitUntil(lambda: page.codes_read > 0, timeout=20_000)
    assert "QR code was read" in page.preview_caption.text()
    assert page.view.overlay_title == ""

    click(qtbot, screen.next_button)  # leaving the page stops the capture thread
    assert page.bridge is None
    assert "capture" not in wizard_threads()
    click(qtbot, screen.back_button)  # and coming back starts it again
    qtbot.waitUntil(lambda: page.bridge is not None and page.bridge.frames > 0,
                    timeout=WAIT_MS)


def test_image_folder_chosen_with_the_file_dialog_is_previewed(
    qtbot: QtBot, make_wizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    frame = DemoSource([SAMPLE_CODE], (640, 360), empty_frames=0).frame(0)
    assert cv2.imwrite(str(folder / "badge.png"), frame)
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *args: str(folder))
    )
    screen = make_wizard()
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    click(qtbot, page.folder_button)
    assert page.file_radio.isChecked()
    assert page.spec() == str(folder)
    qtbot.waitUntil(lambda: page.view.image is not None, timeout=WAIT_MS)
    assert page.view.image.width() == 640
    qtbot.waitUntil(lambda: page.codes_read > 0, timeout=WAIT_MS)
    click(qtbot, screen.next_button)
    assert screen.camera_page.summary() == [("Camera", f"Pictures in {folder}")]


def test_a_video_that_cannot_be_opened_shows_the_reason(
    qtbot: QtBot, make_wizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    video = tmp_path / "notes.avi"
    video.write_text("not a video")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(video), ""))
    )
    screen = make_wizard()
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    click(qtbot, page.video_button)
    qtbot.waitUntil(lambda: page.view.overlay_title == "No picture from this camera",
                    timeout=WAIT_MS)
    assert "notes.avi" in page.view._detail
    assert "Check the cable" in page.preview_caption.text()


def test_file_choice_without_a_file_or_with_a_file_gone_is_refused(
    qtbot: QtBot, make_wizard, tmp_path: Path
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    click(qtbot, page.file_radio)
    click(qtbot, screen.next_button)
    assert screen.current_page is page
    assert "Choose a video file or a folder" in screen.error_label.text()

    gone = tmp_path / "gone.avi"
    page.set_file(str(gone))
    click(qtbot, screen.next_button)
    assert screen.current_page is page
    assert "cannot be found" in screen.error_label.text()


def test_closing_the_wizard_stops_the_preview_and_the_search(
    qtbot: QtBot, make_wizard
) -> None:
    release = threading.Event()

    def slow_probe() -> list[int]:
        release.wait(5)
        return []

    screen = make_wizard(devices=fake_devices(probe_cameras=slow_probe))
    to_page(qtbot, screen, CAMERA)
    page = screen.camera_page
    assert page.searching and "camera-probe" in wizard_threads()
    click(qtbot, page.demo_radio)
    release.set()
    qtbot.waitUntil(lambda: page.view.image is not None, timeout=WAIT_MS)
    screen.close()
    assert wizard_threads() == []
    assert page.bridge is None


# -- 5. the thermometer ---------------------------------------------------------------------------


def test_manual_entry_has_nothing_to_test(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    assert page.kind == MANUAL and page.spec_text() == "manual"
    assert not page.test_button.isEnabled()
    assert "nothing to test" in page.result_text


def test_simulated_test_reading_shows_the_value(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SIMULATED])
    page.sim_edit.setText("36.6")
    click(qtbot, page.test_button)
    assert page.testing and "Waiting for a reading" in page.result_text
    qtbot.waitUntil(lambda: page.result_kind == "ok", timeout=WAIT_MS)
    assert page.result_text == "Reading received: 36.6 °C. The thermometer works."
    assert not page.testing and page.bridge is None
    assert page.spec_text() == "sim:36.6"


def test_a_fahrenheit_reading_is_shown_in_both_units(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SIMULATED])
    page.sim_edit.setText("97.9F")
    click(qtbot, page.test_button)
    qtbot.waitUntil(lambda: page.result_kind == "ok", timeout=WAIT_MS)
    assert "97.9 °F = 36.6 °C" in page.result_text


def test_an_implausible_reading_is_a_problem(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SIMULATED])
    page.sim_edit.setText("45.5")
    click(qtbot, page.test_button)
    qtbot.waitUntil(lambda: page.result_kind == "problem", timeout=WAIT_MS)
    assert "outside the plausible range" in page.result_text


def test_a_serial_port_that_does_not_open_shows_the_error(
    qtbot: QtBot, make_wizard, tmp_path: Path
) -> None:
    """The real serial thermometer on a port that is not there."""
    screen = make_wizard(devices=fake_devices(open_thermometer=open_device))
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SERIAL])
    page.port_combo.setEditText(str(tmp_path / "ttyUSB9"))
    page.baud_combo.setCurrentText("115200")
    assert page.spec_text() == f"serial:{tmp_path / 'ttyUSB9'},115200"
    click(qtbot, page.test_button)
    qtbot.waitUntil(lambda: page.result_kind == "problem", timeout=WAIT_MS)
    assert page.result_text.startswith("The thermometer did not answer: Cannot open")
    assert "ttyUSB9" in page.result_text
    assert "thermometer-serial" not in wizard_threads()
    # A thermometer not plugged in now does not keep the page from being left.
    click(qtbot, screen.next_button)
    assert screen.current_page is screen.screening_page


def test_a_thermometer_that_never_answers_times_out(qtbot: QtBot, make_wizard) -> None:
    """A serial loopback port opens fine but no reading ever comes."""
    screen = make_wizard(devices=fake_devices(open_thermometer=open_device,
                                              reading_timeout_s=0.5))
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SERIAL])
    page.port_combo.setEditText("loop://")
    click(qtbot, page.test_button)
    qtbot.waitUntil(lambda: page.result_kind == "problem", timeout=WAIT_MS)
    assert page.result_text.startswith("No reading arrived within 0.5 s.")
    assert page.bridge is None


def test_keyboard_wedge_test_reading(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[HID])
    assert page.spec_text() == "hid"
    click(qtbot, page.test_button)
    assert page.hid_edit.isVisible() and screen.focusWidget() is page.hid_edit
    qtbot.keyClicks(page.hid_edit, "36.8")
    qtbot.keyClick(page.hid_edit, Qt.Key.Key_Return)
    assert page.result_kind == "ok" and "36.8 °C" in page.result_text
    assert page.hid_edit.isHidden()

    click(qtbot, page.test_button)
    qtbot.keyClicks(page.hid_edit, "abc")
    qtbot.keyClick(page.hid_edit, Qt.Key.Key_Return)
    assert page.result_kind == "problem" and "not a temperature" in page.result_text


@pytest.mark.parametrize(
    ("kind", "port", "value", "message"),
    [
        (SERIAL, "", "", "Choose or type the serial port"),
        (SIMULATED, "", "hot", "“hot” is not a reading"),
        (SIMULATED, "", "", "“” is not a reading"),
    ],
)
def test_thermometer_bad_inputs_are_told_inline(
    qtbot: QtBot, make_wizard, kind: str, port: str, value: str, message: str
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[kind])
    page.port_combo.setEditText(port)
    page.sim_edit.setText(value)
    click(qtbot, page.test_button)  # the test says so too, and opens nothing
    assert page.result_kind == "problem" and message in page.result_text
    assert page.bridge is None and not any(n.startswith("thermometer") for n in wizard_threads())
    click(qtbot, screen.next_button)
    assert screen.current_page is page
    assert message in screen.error_label.text()


def test_leaving_during_a_test_reading_stops_the_device(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard(devices=fake_devices(open_thermometer=open_device))
    to_page(qtbot, screen, THERMOMETER)
    page = screen.thermometer_page
    click(qtbot, page.radios[SERIAL])
    page.port_combo.setEditText("loop://")
    click(qtbot, page.test_button)
    assert "thermometer-serial" in wizard_threads()
    click(qtbot, screen.back_button)
    assert page.bridge is None and not page.testing
    assert "thermometer-serial" not in wizard_threads()


# -- 6. screening ---------------------------------------------------------------------------------


def test_screening_defaults_and_fahrenheit_equivalent(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SCREENING)
    page = screen.screening_page
    assert page.threshold_c == 37.3 and page.unit is TempUnit.C
    assert page.fahrenheit_label.text() == "= 99.1 °F"
    assert page.unusual_label.isHidden()
    assert (page.threshold_spin.minimum(), page.threshold_spin.maximum()) == (34.1, 42.9)
    page.threshold_spin.setValue(36.5)
    assert page.unusual_label.isVisible() and "Most sites use 37.3 °C" in page.unusual_label.text()
    page.unit_combo.setCurrentIndex(1)
    assert page.unit is TempUnit.F
    click(qtbot, screen.next_button)
    assert screen.current_page is screen.summary_page


@pytest.mark.parametrize("typed", ["50", "", "abc", "33"])
def test_a_threshold_out_of_range_is_told_inline(
    qtbot: QtBot, make_wizard, typed: str
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SCREENING)
    page = screen.screening_page
    page.threshold_spin.lineEdit().selectAll()
    page.threshold_spin.lineEdit().del_()
    qtbot.keyClicks(page.threshold_spin.lineEdit(), typed)
    click(qtbot, screen.next_button)
    assert screen.current_page is page
    assert "between 34.1 and 42.9 °C" in screen.error_label.text()


# -- 7. summary and Create --------------------------------------------------------------------


def test_summary_lists_everything_but_the_password(qtbot: QtBot, make_wizard) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, CAMERA)
    click(qtbot, screen.camera_page.demo_radio)
    to_page(qtbot, screen, SCREENING)
    screen.screening_page.threshold_spin.setValue(37.5)
    to_page(qtbot, screen, SUMMARY)
    rows = dict(screen.summary_page.rows())
    assert rows == {
        "Language": "English",
        "Site": "深圳二厂",
        "Gate": "North Gate",
        "Time zone": "Asia/Shanghai",
        "Administrator": "admin (password set)",
        "Camera": "Demo camera",
        "Thermometer": "Typed by the guard",
        "Fever threshold": "37.5 °C",
        "Readings typed in": "°C (Celsius)",
        "Data folder": "/srv/gate",
    }
    assert PASSWORD not in " ".join(rows.values())


def test_create_writes_site_gate_admin_and_settings(
    qtbot: QtBot, make_wizard, database: Database, setup_service: SetupService
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, ADMIN)
    screen.admin_page.username_edit.setText("chief")
    to_page(qtbot, screen, CAMERA)
    click(qtbot, screen.camera_page.demo_radio)
    to_page(qtbot, screen, THERMOMETER)
    click(qtbot, screen.thermometer_page.radios[SIMULATED])
    to_page(qtbot, screen, SCREENING)
    screen.screening_page.threshold_spin.setValue(37.5)
    screen.screening_page.unit_combo.setCurrentIndex(1)
    to_page(qtbot, screen, SUMMARY)

    with qtbot.waitSignal(screen.created, timeout=WAIT_MS) as created:
        click(qtbot, screen.create_button)

    installation = created.args[0]
    assert isinstance(installation, Installation)
    assert (installation.site_name, installation.gate_name, installation.timezone) == (
        "深圳二厂", "North Gate", "Asia/Shanghai",
    )
    assert setup_service.installation() == installation
    users = UserService(database, installation, hasher=fast_hasher())
    assert [(u.username, u.role) for u in users.list()] == [("chief", Role.ADMIN)]
    assert users.authenticate("chief", PASSWORD).role is Role.ADMIN
    settings = SettingsService(database)
    assert settings.kiosk() == KioskSettings("demo", "sim:36.6")
    screening = settings.screening()
    assert (screening.fever_threshold_c, screening.temperature_unit) == (37.5, TempUnit.F)
    assert screen.error_label.isHidden()
    assert wizard_threads() == []  # Create stops the preview


def test_a_failure_at_create_is_shown_and_writes_nothing(
    qtbot: QtBot, make_wizard, database: Database, setup_service: SetupService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings fail inside the transaction, after the site, the gate and the admin
    were added: all of it is rolled back; corrected, Create works."""

    def full_disk(*args, **kwargs) -> None:
        raise UserError("The disk is full.")

    monkeypatch.setattr(settings_module, "write_first_settings", full_disk)
    screen = make_wizard()
    to_page(qtbot, screen, SUMMARY)
    with qtbot.assertNotEmitted(screen.created):
        click(qtbot, screen.create_button)
    assert screen.current_page is screen.summary_page
    assert screen.error_label.isVisible()
    assert screen.error_label.text() == "Nothing was created: The disk is full."
    assert "Traceback" not in screen.error_label.text()
    assert nothing_stored(database, setup_service)
    assert screen.create_button.isEnabled() and screen.back_button.isEnabled()

    monkeypatch.undo()
    with qtbot.waitSignal(screen.created, timeout=WAIT_MS):
        click(qtbot, screen.create_button)
    assert setup_service.installation() is not None


def test_an_installation_made_meanwhile_is_told(
    qtbot: QtBot, make_wizard, installation: Installation, database: Database
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SUMMARY)
    with qtbot.assertNotEmitted(screen.created):
        click(qtbot, screen.create_button)
    assert "already initialised" in screen.error_label.text()
    with database.session() as session:
        assert session.scalars(select(User)).all() == []


def test_the_message_of_a_failure_follows_the_language(
    qtbot: QtBot, make_wizard, translations: Translations
) -> None:
    def refuse(plan: SetupPlan) -> Installation:
        raise UserError("The disk is full.")

    screen = make_wizard(initialise=refuse)
    to_page(qtbot, screen, SUMMARY)
    click(qtbot, screen.create_button)
    translations.set_language(CHINESE)
    qtbot.waitUntil(lambda: screen.error_label.text() == "未能创建任何内容：The disk is full.")


def test_create_from_an_early_page_shows_the_first_page_with_a_problem(
    qtbot: QtBot, make_wizard, database: Database, setup_service: SetupService
) -> None:
    screen = make_wizard()
    to_page(qtbot, screen, SITE)
    screen.site_edit.setText("Plant")
    screen.gate_edit.setText("Gate")
    with qtbot.assertNotEmitted(screen.created):
        screen.create()
    assert screen.current_page is screen.admin_page
    assert "at least 8 characters" in screen.error_label.text()
    assert nothing_stored(database, setup_service)


def test_the_plan_given_to_create(qtbot: QtBot, make_wizard) -> None:
    plans: list[SetupPlan] = []

    def initialise(plan: SetupPlan) -> Installation:
        plans.append(plan)
        raise UserError("stop here")

    screen = make_wizard(initialise=initialise)
    to_page(qtbot, screen, SITE)
    type_into(qtbot, screen.site_edit, "深圳二厂")
    type_into(qtbot, screen.gate_edit, "北门")
    screen.timezone_combo.setEditText("europe/berlin")
    to_page(qtbot, screen, SUMMARY)
    click(qtbot, screen.create_button)
    assert plans == [
        SetupPlan(
            site_name="深圳二厂", gate_name="北门", timezone="Europe/Berlin",
            admin=AdminAccount("admin", PASSWORD), camera=None, thermometer="manual",
            fever_threshold_c=37.3, temperature_unit=TempUnit.C,
        )
    ]


def test_a_bug_at_create_is_not_dressed_up_as_a_user_error(
    qtbot: QtBot, make_wizard
) -> None:
    def initialise(plan: SetupPlan) -> Installation:
        raise RuntimeError("a bug")

    screen = make_wizard(initialise=initialise)
    to_page(qtbot, screen, SUMMARY)
    with qtbot.captureExceptions() as exceptions:
        click(qtbot, screen.create_button)
    assert [type(exc) for _, exc, _ in exceptions] == [RuntimeError]
    assert screen.error_label.isHidden()
    assert screen.create_button.isEnabled()
