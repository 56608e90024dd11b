"""Fixtures for the Qt tests: a data directory, a database, the set-up service, translators,
and for the kiosk: services, demo people, a fake camera, a recording sound player.

Qt runs on the offscreen platform (no display needed, and no display used when there is one);
this is set before pytest-qt makes the QApplication. Every test here fails on a Qt warning.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.scanner.capture import CaptureLoop
from gatekeeper.scanner.decoder import QrDecoder
from gatekeeper.scanner.sources import DemoSource, SourceError
from gatekeeper.scanner.thermometer import open_device, parse_thermometer_spec
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.ui.i18n import ENGLISH, Translations
from gatekeeper.ui.kiosk import KioskOptions, KioskWindow
from gatekeeper.ui.kiosk.devices import CameraBridge, ThermometerBridge

# Importing Qt modules makes no QApplication; pytest-qt's qapp fixture makes it later.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

HERE = Path(__file__).resolve().parent
# The offscreen platform says this whenever a window is shown; it means nothing here.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "data")


@pytest.fixture
def database(paths: Paths) -> Iterator[Database]:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(paths.database_file))
    yield db
    db.dispose()


@pytest.fixture
def setup_service(database: Database, paths: Paths) -> SetupService:
    return SetupService(database, paths)


@pytest.fixture
def installation(setup_service: SetupService) -> Installation:
    return setup_service.initialise("华东一厂", "North Gate", "Asia/Shanghai", actor="test")


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The application's translators; English again after the test, for the next one."""
    owned = Translations(qapp)
    yield owned
    owned.set_language(ENGLISH)


# -- the kiosk -------------------------------------------------------------------------------
KIOSK_THREADS = ("capture", "thermometer-sim", "gatekeeper-writer")


class RecordingSound:
    """A sound player that remembers which sounds the kiosk asked for."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)


class FakeCamera:
    """A camera the test controls: an empty scene, a badge held up, or unplugged. Its
    ``source()`` is the capture loop's source factory (called on every reconnection)."""

    def __init__(self, size: tuple[int, int] = (640, 360)) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._blank = DemoSource((), size).frame(0)
        self._frame = self._blank
        self.unplugged = False
        self.opened = 0

    def show(self, token: str) -> None:
        frame = DemoSource([token], self.size, empty_frames=0, badge_frames=1).frame(0)
        with self._lock:
            self._frame = frame

    def blank(self) -> None:
        with self._lock:
            self._frame = self._blank

    def unplug(self) -> None:
        self.unplugged = True

    def plug_in(self) -> None:
        self.unplugged = False

    def frame(self) -> np.ndarray | None:
        if self.unplugged:
            return None
        with self._lock:
            return self._frame.copy()

    def source(self) -> _FakeSource:
        if self.unplugged:
            raise SourceError("The fake camera is unplugged.")
        self.opened += 1
        return _FakeSource(self)


class _FakeSource:
    description = "fake camera"
    paced = True

    def __init__(self, camera: FakeCamera) -> None:
        self.camera = camera

    def open(self) -> None:
        if self.camera.unplugged:
            raise SourceError("The fake camera is unplugged.")

    def read(self) -> np.ndarray | None:
        return self.camera.frame()

    def close(self) -> None:
        pass


@pytest.fixture
def services(database: Database, paths: Paths, installation: Installation) -> Services:
    """Every service on the test database; a cheap Argon2 profile for PINs and passwords."""
    built = build_services(database, paths, installation)
    return dataclasses.replace(
        built, users=UserService(database, installation, hasher=fast_hasher())
    )


@pytest.fixture
def demo_data(services: Services) -> DemoData:
    """The demo people (1001-1005, C2001) with badges, guard "guard" (PIN 1234) and officer
    "officer" (password "officer-demo")."""
    return demo.seed(services)


@pytest.fixture
def sounds() -> RecordingSound:
    return RecordingSound()


@pytest.fixture
def fake_camera() -> FakeCamera:
    return FakeCamera()


def _kiosk_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name in KIOSK_THREADS]


@pytest.fixture
def make_kiosk(
    qtbot: QtBot, services: Services, sounds: RecordingSound
) -> Iterator[Callable[..., KioskWindow]]:
    """Builds a kiosk on the test services; every thread it starts is stopped afterwards."""
    made: list[KioskWindow] = []

    def make(
        *,
        attended: bool = False,
        camera: FakeCamera | None = None,
        thermometer: str | None = None,
        direction: Direction = Direction.IN,
        language: str = ENGLISH,
        with_services: Services | None = None,
    ) -> KioskWindow:
        bridge = None
        if camera is not None:
            bridge = CameraBridge(
                lambda on_frame, on_state: CaptureLoop(
                    camera.source, QrDecoder(), on_frame, on_state,
                    reconnect_delays=(0.05, 0.1),
                )
            )
        device = None
        description = "manual"
        if thermometer is not None:
            spec = parse_thermometer_spec(thermometer)
            description = spec.text
            opened = open_device(spec, sim_delay=0.05)
            device = ThermometerBridge(opened, description=spec.text) if opened else None
        kiosk = KioskWindow(
            with_services or services,
            options=KioskOptions(
                attended=attended,
                thermometer_kind=spec.kind if thermometer is not None else "manual",
                thermometer_description=description,
                default_direction=direction,
                language=language,
                camera_description="fake camera" if camera is not None else "",
            ),
            camera=bridge,
            thermometer=device,
            sound=sounds,
        )
        qtbot.addWidget(kiosk)
        kiosk.resize(1280, 720)
        kiosk.show()
        kiosk.start()
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.shutdown()
        assert not kiosk.worker.running
    assert _kiosk_threads() == [], "a kiosk thread is still running"
