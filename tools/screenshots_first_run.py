"""Screenshots of the first-run wizard as the real run_gui shows it, page by page, then home.

    python tools/screenshots_first_run.py LANGUAGE OUT_DIR [--problems]

LANGUAGE is en or zh_CN. Runs on a fresh temporary data directory, offscreen unless
QT_QPA_PLATFORM says otherwise (under xvfb-run, set it to xcb). Writes
first-run-N-PAGE-{en,zh}.png for the seven pages (the camera page with the demo camera's
picture, the thermometer page after a simulated test reading) and home-{en,zh}.png; with
--problems also the inline messages: first-run-problem-{site,admin,thermometer}-*.png.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from gatekeeper import app as gateapp
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.home import HomeWindow

language, out = sys.argv[1], sys.argv[2]
problems = "--problems" in sys.argv[3:]
suffix = {"en": "en", "zh_CN": "zh"}[language]
names = {"en": ("Shenzhen Plant 2", "North Gate"), "zh_CN": ("深圳二厂", "北门")}[language]
data_dir = tempfile.mkdtemp(prefix="gatekeeper-shots-")
os.environ["GATEKEEPER_DATA_DIR"] = data_dir
os.environ.pop("GATEKEEPER_LANG", None)
qapp = QApplication(sys.argv[:1])
steps: list[Callable[[], None]] = []


def visible(kind: type) -> object:
    return next(w for w in qapp.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def wizard() -> FirstRunScreen:
    screen = visible(FirstRunScreen)
    assert isinstance(screen, FirstRunScreen)
    return screen


def save(name: str) -> None:
    path = f"{out}/first-run-{name}-{suffix}.png"
    wizard().grab().save(path)
    print(path)


def wait(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.3) -> None:
    wait(lambda: False, seconds)


def run() -> None:
    screen = wizard()
    settle()
    save("1-language")

    screen.go_next()
    if problems:
        screen.site_edit.setText(names[0])
        screen.gate_edit.setText(names[1])
        screen.timezone_combo.setEditText("Mars/Olympus")
        screen.go_next()
        settle()
        save("problem-site")
    screen.site_edit.setText(names[0])
    screen.gate_edit.setText(names[1])
    screen.timezone_combo.setEditText("Asia/Shanghai")
    settle()
    save("2-site")

    screen.go_next()
    page = screen.admin_page
    if problems:
        page.password_edit.setText("gate-2026")
        page.again_edit.setText("gate-2025")
        screen.go_next()
        settle()
        save("problem-admin")
    page.password_edit.setText("gate-admin-2026")
    page.again_edit.setText("gate-admin-2026")
    settle()
    save("3-admin")

    screen.go_next()
    camera = screen.camera_page
    wait(lambda: camera.found is not None)
    camera.demo_radio.setChecked(True)
    wait(lambda: camera.codes_read > 0, 20)  # the sample badge read and outlined
    settle(0.2)
    save("4-camera")

    screen.go_next()
    thermometer = screen.thermometer_page
    if problems:
        thermometer.radios["serial"].setChecked(True)
        thermometer.port_combo.setEditText("")
        thermometer.take_test_reading()
        settle()
        save("problem-thermometer")
    thermometer.radios["sim"].setChecked(True)
    thermometer.take_test_reading()
    wait(lambda: thermometer.result_kind == "ok", 10)
    settle()
    save("5-thermometer")

    screen.go_next()
    settle()
    save("6-screening")

    screen.go_next()
    settle()
    save("7-summary")
    screen.create()
    QTimer.singleShot(700, home)


def home() -> None:
    window = visible(HomeWindow)
    assert isinstance(window, HomeWindow)
    path = f"{out}/home-{suffix}.png"
    window.grab().save(path)
    print(path)
    qapp.quit()


QTimer.singleShot(900, run)
try:
    code = gateapp.run_gui(None, None, language)
finally:
    shutil.rmtree(data_dir, ignore_errors=True)
sys.exit(code)
