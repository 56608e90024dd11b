"""The kiosk as the application starts it (run_kiosk), and its parts: the worker thread, the
camera bridge's frames, the keyboard-wedge buffer, the sound player."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.app import GateApp, UiPreferences
from gatekeeper.config import Paths
from gatekeeper.scanner.sources import write_badge_video
from gatekeeper.services import demo
from gatekeeper.services.container import build_services
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.storage.models import ScreeningEvent
from gatekeeper.ui import i18n
from gatekeeper.ui.kiosk import sound
from gatekeeper.ui.kiosk.devices import KeyWedgeBuffer, frame_to_qimage, state_name
from gatekeeper.ui.kiosk.worker import ServiceWorker

REPO = Path(__file__).resolve().parents[2]


# -- the real application, end to end -------------------------------------------------------


@pytest.mark.slow
def test_run_kiosk_screens_a_badge_from_a_video_camera(tmp_path: Path) -> None:
    """The real kiosk, offscreen, in its own process: a looping video of a badge is the
    camera, a simulated thermometer answers 36.6, nobody touches anything."""
    data = tmp_path / "data"
    data.mkdir()
    paths = Paths(data)
    db = Database(sqlite_url(paths.database_file))
    installation = SetupService(db, paths).initialise("Plant", "Gate", "Asia/Shanghai")
    token = demo.seed(build_services(db, paths, installation)).tokens[0]
    db.dispose()
    video = write_badge_video(tmp_path / "badge.avi", token, seconds=3, size=(640, 360))

    script = (
        "import sys\n"
        "from gatekeeper.app import run_kiosk\n"
        f"sys.exit(run_kiosk({str(data)!r}, None, camera={str(video)!r}, "
        "thermometer='sim:36.6', unattended=True, language='en', run_seconds=6))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GATEKEEPER_LANG": "en"}
    env.pop("GATEKEEPER_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Fatal Python error" not in done.stderr

    db = Database(sqlite_url(paths.database_file))
    try:
        with db.session() as session:
            rows = session.scalars(select(ScreeningEvent)).all()
            # The badge comes round again in the looping video: a duplicate, not recorded.
            assert len(rows) == 1
            [event] = rows
            assert (event.decision, event.method, event.guard_id) == ("pass", "qr", None)
            [reading] = event.readings
            assert (reading.value_c, reading.source_device) == (36.6, "sim:36.6")
    finally:
        db.dispose()


# -- what comes first ---------------------------------------------------------------------


@pytest.fixture
def kiosk_gate_app(
    qapp: QApplication, paths: Paths, database: Database, translations: i18n.Translations
) -> Iterator[tuple[GateApp, list[Installation]]]:
    started: list[Installation] = []
    shown: list[QWidget] = []

    def after_setup(installation: Installation) -> QWidget:
        started.append(installation)
        window = QLabel("kiosk")
        window.show()
        shown.append(window)
        return window

    gui = GateApp(
        qapp, paths=paths, db=database, translations=translations,
        preferences=UiPreferences(paths.data_dir / "ui.ini"), after_setup=after_setup,
    )
    yield gui, started
    for window in (gui.first_run, gui.home, *shown):
        if window is not None:
            window.close()


def test_first_run_then_the_kiosk(kiosk_gate_app: tuple[GateApp, list[Installation]]) -> None:
    gui, started = kiosk_gate_app
    screen = gui.start()
    assert screen is gui.first_run
    assert started == []
    gui.first_run.site_edit.setText("Plant")
    gui.first_run.gate_edit.setText("Gate")
    gui.first_run.timezone_combo.setEditText("Asia/Shanghai")
    gui.first_run.admin_page.password_edit.setText("gate-admin-2026")
    gui.first_run.admin_page.again_edit.setText("gate-admin-2026")
    gui.first_run.create()
    assert [i.site_name for i in started] == ["Plant"]
    assert gui.first_run is None
    assert gui.home is None


def test_an_installed_site_goes_straight_to_the_kiosk(
    kiosk_gate_app: tuple[GateApp, list[Installation]], installation: Installation
) -> None:
    gui, started = kiosk_gate_app
    window = gui.start()
    assert isinstance(window, QLabel)
    assert started == [installation]
    assert gui.first_run is None


# -- the parts ------------------------------------------------------------------------------


def test_the_worker_runs_jobs_in_order_and_reports_back_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    worker = ServiceWorker()
    gui_thread = threading.current_thread()
    ran_on: list[str] = []
    results: list[object] = []
    errors: list[BaseException] = []

    def job(n: int) -> int:
        ran_on.append(threading.current_thread().name)
        return n * n

    for n in range(5):
        worker.submit(lambda n=n: job(n), results.append, errors.append)
    worker.submit(lambda: 1 / 0, results.append, errors.append)
    worker.submit(lambda: None, results.append)

    def callbacks_on_gui_thread(value: object) -> None:
        assert threading.current_thread() is gui_thread
        results.append(value)

    worker.submit(lambda: "last", callbacks_on_gui_thread)
    qtbot.waitUntil(lambda: len(results) == 7, timeout=3000)
    assert results == [0, 1, 4, 9, 16, None, "last"]
    assert [type(e) for e in errors] == [ZeroDivisionError]
    assert all(name != gui_thread.name for name in ran_on)
    assert worker.stop()
    assert not worker.running
    with pytest.raises(RuntimeError):
        worker.submit(lambda: 1, results.append)


def test_stop_lets_submitted_jobs_finish(qtbot: QtBot) -> None:
    worker = ServiceWorker()
    done = []
    release = threading.Event()
    worker.submit(lambda: release.wait(2), lambda _: None)
    worker.submit(lambda: done.append("second"), lambda _: None)
    release.set()
    assert worker.stop()
    assert done == ["second"]


def test_frames_become_independent_images() -> None:
    frame = np.zeros((36, 64, 3), np.uint8)
    frame[:, :, 2] = 255  # red in BGR
    image = frame_to_qimage(frame)
    frame[:] = 0  # the capture thread reuses nothing, but the image owns its pixels anyway
    assert (image.width(), image.height()) == (64, 36)
    assert image.pixelColor(10, 10).name() == "#ff0000"
    gray = frame_to_qimage(np.full((10, 20), 128, np.uint8))
    assert gray.pixelColor(0, 0).red() == 128
    with pytest.raises(ValueError):
        frame_to_qimage(np.zeros((4, 4, 2), np.uint8))


def test_camera_state_names() -> None:
    from gatekeeper.scanner.capture import CameraState

    assert state_name(CameraState.LOST) == "lost"
    assert state_name("RUNNING") == "running"


def test_the_wedge_buffer_completes_a_line_and_forgets_old_keys() -> None:
    now = [0.0]
    buffer = KeyWedgeBuffer(gap_s=0.5, clock=lambda: now[0])
    buffer.feed("x")
    now[0] = 5.0  # minutes later, the scanner types
    for ch in "GK1ABC":
        buffer.feed(ch)
        now[0] += 0.01
    assert buffer.enter() == "GK1ABC"
    buffer.feed("GK1")
    now[0] += 3
    assert buffer.enter() == "", "an old half line is not a scan"


def test_a_machine_without_a_sound_player_stays_silent() -> None:
    player = sound.SystemSoundPlayer(players=("no-such-player-here",))
    if sys.platform.startswith("linux"):
        assert not player.available
    for name in sound.SOUNDS:
        player.play(name)  # nothing happens, nothing is raised
    with pytest.raises(ValueError):
        sound.sound_file("fanfare")
