"""Screenshots of the kiosk for the README: docs/screenshots/kiosk-*-{en,zh}.png.

Run under a virtual display (the real xcb platform, fonts as a person sees them):

    xvfb-run -a .venv/bin/python tools/screenshots_kiosk.py

It makes a throw-away demo site, signs in the demo guard, and photographs the kiosk at
1280x720 in each state and language. The camera picture is a frame of the demo camera.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from gatekeeper.app import application
from gatekeeper.config import Paths
from gatekeeper.scanner.decoder import QrDecoder
from gatekeeper.scanner.sources import DemoSource
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.sync.upstream import SyncStatus
from gatekeeper.ui import i18n, theme
from gatekeeper.ui.kiosk import KioskOptions, KioskWindow
from gatekeeper.ui.kiosk.devices import frame_to_qimage

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SIZE = (1280, 720)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 5000) -> None:
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("the kiosk did not get there")
        wait(20)
        waited += 20


def shoot(kiosk: KioskWindow, name: str, language: str) -> Path:
    wait(150)
    suffix = "zh" if language == i18n.CHINESE else "en"
    path = OUT / f"kiosk-{name}-{suffix}.png"
    kiosk.grab().save(str(path))
    print(path.relative_to(REPO), kiosk.width(), "x", kiosk.height())
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="only this state (scanning, pass, recheck, deny, ...)")
    args = parser.parse_args(argv)
    app: QApplication = application()
    translations = i18n.Translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    for language in (i18n.ENGLISH, i18n.CHINESE):
        translations.set_language(language)
        theme.apply_theme(app, language)
        with tempfile.TemporaryDirectory() as tmp:
            run_language(app, Path(tmp), language, args.only)
    return 0


def run_language(app: QApplication, tmp: Path, language: str, only: str | None) -> None:
    paths = Paths(tmp / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    site = ("华东一厂", "北门") if language == i18n.CHINESE else ("Riverside Plant", "North Gate")
    installation = SetupService(db, paths).initialise(*site, "Asia/Shanghai", actor="demo")
    services = build_services(db, paths, installation)
    services = dataclasses.replace(
        services, users=UserService(db, installation, hasher=fast_hasher())
    )
    tokens = demo.seed(services).tokens
    kiosk = KioskWindow(
        services,
        options=KioskOptions(attended=True, language=language, camera_description="camera 0"),
    )
    kiosk.resize(*SIZE)
    kiosk.show()
    wait(200)

    def wanted(name: str) -> bool:
        return only is None or only == name

    # The guard signs in.
    kiosk.sign_in.select("guard")
    kiosk.sign_in.pin_edit.setText("1234")
    kiosk.sign_in.submit()
    wait_until(lambda: kiosk.current == "scanning")

    # The camera sees a badge held up (outlined).
    source = DemoSource(tokens[:1], SIZE, empty_frames=0, badge_frames=30)
    frame = source.frame(12)
    codes = QrDecoder().decode(frame)
    kiosk.scanning.set_camera_state("running", "camera 0")
    kiosk.scanning.camera_view.set_frame(frame_to_qimage(frame), [c.corners for c in codes])
    if wanted("scanning"):
        shoot(kiosk, "scanning", language)

    def screen(token: str, *readings: str) -> None:
        kiosk.back_to_scanning()
        kiosk.handle_token(token)
        for reading in readings:
            wait_until(lambda: kiosk.current == "temperature" and not kiosk.busy)
            kiosk.temperature.reading_edit.setText(reading)
            kiosk.temperature.submit()
            wait_until(lambda: kiosk.current == "result" and not kiosk.busy)
            kiosk._stop_timers()
            view = kiosk.result.view
            if view and view.kind == "recheck" and reading != readings[-1]:
                kiosk._result_timed_out()

    if wanted("temperature"):
        kiosk.back_to_scanning()
        kiosk.handle_token(tokens[4])
        wait_until(lambda: kiosk.current == "temperature" and not kiosk.busy)
        kiosk.temperature.reading_edit.setText("36.")
        shoot(kiosk, "temperature", language)
    if wanted("pass"):
        screen(tokens[0], "36.6")
        shoot(kiosk, "pass", language)
    if wanted("recheck"):
        screen(tokens[1], "37.6")
        shoot(kiosk, "recheck", language)
    if wanted("deny"):
        screen(tokens[2], "38.2", "38.0")
        shoot(kiosk, "deny", language)
    if wanted("duplicate"):
        screen(tokens[0])
        wait_until(lambda: kiosk.current == "result" and not kiosk.busy)
        kiosk._stop_timers()
        shoot(kiosk, "duplicate", language)
    if wanted("visitor"):
        kiosk.back_to_scanning()
        kiosk.open_visitor()
        form = kiosk.visitor
        chinese = language == i18n.CHINESE
        form.edits["name"].setText("周杰" if chinese else "Daniel Weber")
        form.edits["phone"].setText("138 0013 8000" if chinese else "+49 151 2345 6789")
        form.edits["company"].setText("苏州精工设备" if chinese else "Weber Tooling GmbH")
        form.edits["host"].setText("王芳")
        form.edits["purpose"].setText("设备维护" if chinese else "Press maintenance")
        form.contractor_radio.setChecked(True)
        form.declaration.places_edit.setText("苏州, 上海" if chinese else "Suzhou, Shanghai")
        shoot(kiosk, "visitor", language)
        form._submit()
        wait_until(lambda: kiosk.current == "temperature" and not kiosk.busy)
        kiosk.temperature.reading_edit.setText("36.4")
        kiosk.temperature.submit()
        wait_until(lambda: kiosk.current == "result" and not kiosk.busy)
        kiosk._result_timed_out()
        shoot(kiosk, "visitor-pass", language)
    if wanted("lost"):
        kiosk.back_to_scanning()
        kiosk.scanning.camera_view.clear_frame()
        kiosk.scanning.set_camera_state("lost", "camera 0")
        shoot(kiosk, "camera-lost", language)
    if wanted("signin"):
        kiosk.sign_out()
        wait(200)
        shoot(kiosk, "sign-in", language)

    kiosk.allow_close()
    kiosk.close()
    if wanted("sync"):
        shoot_sync(services, tokens, language)
    db.dispose()


class ShownStatus:
    """A sync destination that only reports a status (the strip along the bottom)."""

    def __init__(self, status: SyncStatus) -> None:
        self.status = status

    def start_thread(self, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(target=stop.wait, name="gatekeeper-sync", daemon=True)
        thread.start()
        return thread

    def snapshot(self) -> SyncStatus:
        return self.status

    def nudge(self) -> None:
        pass

    def close(self) -> None:
        pass


def shoot_sync(services: Services, tokens: tuple[str, ...], language: str) -> None:
    """An unattended kiosk whose network to the central server is down: it goes on
    screening, and the strip says how many records wait and what the last error was."""
    zone = ZoneInfo(services.installation.timezone)
    now = datetime.now(zone).replace(hour=10, minute=47, second=0)
    status = SyncStatus(
        "postgresql+psycopg://gatekeeper@central/gatekeeper", pending_records=12,
        last_success=now - timedelta(minutes=5),
        last_error="the central database cannot be reached (connection refused)",
        last_error_at=now, retry_at=now + timedelta(minutes=1),
    )
    kiosk = KioskWindow(
        services, options=KioskOptions(attended=False, language=language,
                                       camera_description="camera 0"),
        sync=ShownStatus(status),
    )
    kiosk.resize(*SIZE)
    kiosk.show()
    kiosk.start()
    source = DemoSource(tokens[:1], SIZE, empty_frames=0, badge_frames=30)
    frame = source.frame(12)
    kiosk.scanning.set_camera_state("running", "camera 0")
    kiosk.scanning.camera_view.set_frame(frame_to_qimage(frame), [])
    assert kiosk.sync_strip is not None
    kiosk.sync_strip.refresh()
    shoot(kiosk, "sync", language)
    kiosk.shutdown()
    kiosk.allow_close()
    kiosk.close()


if __name__ == "__main__":
    sys.exit(main())
