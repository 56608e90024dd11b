"""The composition root: which window comes first, language choice, the real run_gui."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gatekeeper.app import GateApp, UiPreferences, cli_command, picker_timezones
from gatekeeper.config import Paths
from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.staff import StaffService
from gatekeeper.storage.database import Database
from gatekeeper.ui import i18n
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.home import HomeWindow
from gatekeeper.ui.theme import ui_font_families

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def gate_app(
    qapp: QApplication, paths: Paths, database: Database, translations: i18n.Translations
) -> Iterator[GateApp]:
    font = qapp.font()
    gui = GateApp(
        qapp,
        paths=paths,
        db=database,
        translations=translations,
        preferences=UiPreferences(paths.data_dir / "ui.ini"),
    )
    yield gui
    for window in (gui.first_run, gui.home):
        if window is not None:
            window.close()
            window.deleteLater()
    qapp.setFont(font)


def test_first_run_then_home(qtbot: QtBot, gate_app: GateApp, paths: Paths) -> None:
    window = gate_app.start()
    assert isinstance(window, FirstRunScreen)
    assert window.isVisible()
    assert gate_app.home is None

    window.site_edit.setText("深圳二厂")
    window.gate_edit.setText("North Gate")
    window.timezone_combo.setEditText("Asia/Shanghai")
    window.admin_page.password_edit.setText("gate-admin-2026")
    window.admin_page.again_edit.setText("gate-admin-2026")
    window.create()

    home = gate_app.home
    assert isinstance(home, HomeWindow)
    assert home.isVisible()
    assert not window.isVisible()
    assert gate_app.first_run is None
    assert home.site_value.text() == "深圳二厂"
    assert home.people_count == 0
    assert SetupService(gate_app.db, paths).installation() == home.installation


def test_an_installed_site_goes_straight_home(
    gate_app: GateApp, installation: Installation, database: Database
) -> None:
    window = gate_app.start()
    assert isinstance(window, HomeWindow)
    assert gate_app.first_run is None
    assert window.gate_value.text() == "North Gate"
    assert window.people_count == 0

    StaffService(database, installation).add(staff_no="A001", name="王伟", actor="test")
    window.refresh()
    assert window.people_count == 1


def test_a_damaged_database_is_a_user_error(tmp_path: Path, qapp, translations) -> None:
    paths = Paths(tmp_path / "data")
    paths.data_dir.mkdir()
    paths.database_file.write_bytes(b"this is not a database" * 100)
    db = Database(f"sqlite:///{paths.database_file}")
    try:
        gui = GateApp(qapp, paths=paths, db=db, translations=translations)
        with pytest.raises(UserError, match="cannot be read"):
            gui.start()
        assert gui.window is None
    finally:
        db.dispose()


def test_language_choice_switches_windows_and_is_remembered(
    qtbot: QtBot, gate_app: GateApp, installation: Installation, paths: Paths
) -> None:
    home = gate_app.start()
    assert isinstance(home, HomeWindow)
    qtbot.mouseClick(home.language_switch.buttons[i18n.CHINESE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.details_title.text() == "本门岗")
    assert gate_app.translations.language == i18n.CHINESE
    assert QApplication.font().families()[0] == "Noto Sans CJK SC"
    assert UiPreferences(paths.data_dir / "ui.ini").language() == i18n.CHINESE


@pytest.mark.parametrize(
    ("explicit", "environment", "saved", "system", "expected"),
    [
        ("zh_CN", None, "en", "en_US", "zh_CN"),
        (None, "zh", "en", "en_US", "zh_CN"),
        (None, "zh-CN.UTF-8", None, "en_US", "zh_CN"),
        (None, None, "zh_CN", "en_US", "zh_CN"),
        (None, None, None, "zh_TW", "zh_CN"),
        (None, None, None, "zh_CN", "zh_CN"),
        (None, None, None, "de_DE", "en"),
        (None, None, None, None, "en"),
        ("en", "zh_CN", "zh_CN", "zh_CN", "en"),
        (None, "fr_FR", None, "zh_CN", "zh_CN"),  # a language we lack is passed over
        (None, "", "", "C", "en"),
    ],
)
def test_choose_language(explicit, environment, saved, system, expected) -> None:
    assert i18n.choose_language(explicit, environment, saved, system) == expected


def test_chinese_fonts_come_first_for_chinese() -> None:
    chinese = ui_font_families(i18n.CHINESE)
    assert chinese[:2] == ["Noto Sans CJK SC", "Source Han Sans SC"]
    assert "WenQuanYi Micro Hei" in chinese
    english = ui_font_families(i18n.ENGLISH)
    assert english.index("WenQuanYi Micro Hei") > english.index("DejaVu Sans")
    assert not any("JP" in family or "Gothic" in family for family in chinese)


def test_translations_are_packaged() -> None:
    data = i18n.catalogue_bytes(i18n.CHINESE)
    assert data is not None and len(data) > 1000
    assert i18n.catalogue_bytes("fr_FR") is None


def test_cli_command_names_the_same_installation(tmp_path: Path) -> None:
    assert cli_command(None, None) == "gatekeeper"
    spaced = tmp_path / "my gate"
    assert cli_command(str(spaced), None) == f'gatekeeper --data-dir "{spaced}"'
    assert (
        cli_command(None, "postgresql://central/gk")
        == "gatekeeper --database postgresql://central/gk"
    )


RUN_GUI = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gatekeeper.app import run_gui

app = QApplication(sys.argv[:1])

def look():
    for window in app.topLevelWidgets():
        if window.isVisible():
            print("WINDOW", type(window).__name__, window.windowTitle(), flush=True)
    app.quit()

QTimer.singleShot(300, look)
sys.exit(run_gui(sys.argv[1], None, sys.argv[2] if len(sys.argv) > 2 else None))
"""


def run_gui_process(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.pop("GATEKEEPER_LANG", None)
    return subprocess.run(
        [sys.executable, "-c", RUN_GUI, str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
        check=False,
    )


def test_run_gui_starts_the_first_run_screen_then_home(tmp_path: Path) -> None:
    data_dir = tmp_path / "new site"
    result = run_gui_process(data_dir, "zh_CN")
    assert result.returncode == 0, result.stderr
    assert "WINDOW FirstRunScreen gatekeeper — 设置本门岗" in result.stdout
    assert "Starting the gatekeeper" in (data_dir / "logs" / "gatekeeper.log").read_text("utf-8")
    assert not (data_dir / "ui.ini").exists()  # nothing chosen, nothing saved

    paths = Paths(data_dir)
    db = Database(f"sqlite:///{paths.database_file}")
    try:
        SetupService(db, paths).initialise("Plant", "South", "UTC", actor="test")
    finally:
        db.dispose()
    result = run_gui_process(data_dir, "en")
    assert result.returncode == 0, result.stderr
    assert "WINDOW HomeWindow gatekeeper — South, Plant" in result.stdout


def test_time_zone_picker_offers_area_city_names_and_the_local_zone() -> None:
    zones = picker_timezones("Asia/Shanghai")
    assert "Asia/Shanghai" in zones and "UTC" in zones and "Etc/GMT-8" in zones
    assert "localtime" not in zones and "Factory" not in zones and "PRC" not in zones
    assert zones == sorted(zones)
    assert "PRC" in picker_timezones("PRC")  # a machine set to an alias still gets its zone


def test_the_application_has_its_icon(qapp) -> None:
    from gatekeeper.app import application

    assert application() is qapp
    assert not qapp.windowIcon().isNull()
    assert qapp.windowIcon().pixmap(32, 32).width() == 32
