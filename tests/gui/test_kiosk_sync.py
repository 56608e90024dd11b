"""The kiosk with an upstream destination: records go up from a thread beside it, the strip
along the bottom shows how it stands, and a network that hangs never holds up screening."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.services.container import Services
from gatekeeper.services.demo import DemoData
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Gate, ScreeningEvent
from gatekeeper.sync.post import Poster
from gatekeeper.sync.service import SyncService
from gatekeeper.ui import i18n
from gatekeeper.ui.i18n import Translations
from gatekeeper.ui.kiosk import KioskOptions, KioskWindow

WAIT_MS = 5000


class HangingReceiver:
    """Takes batches; while ``open`` is clear, every request waits until it is set (a
    network that does not answer)."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.requests = 0
        self.batches: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()

    def handle(self, body: bytes) -> None:
        with self.lock:
            self.requests += 1
        self.open.wait(30)
        doc = json.loads(body)
        with self.lock:
            self.batches.setdefault(doc["batch_id"], doc)

    def seqs(self) -> list[int]:
        """Every sequence number of the records received (as a list: a duplicate would
        show)."""
        with self.lock:
            manifests = [doc["manifest"] for doc in self.batches.values()
                         if doc["manifest"]["stream"] == "records"]
        return sorted(n for m in manifests for n in range(m["first_seq"], m["last_seq"] + 1))


@pytest.fixture
def receiver() -> Iterator[tuple[HangingReceiver, str]]:
    taker = HangingReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            taker.handle(body)
            try:
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")
            except OSError:
                pass

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield taker, f"http://127.0.0.1:{server.server_address[1]}/batches"
    taker.open.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def sync_kiosk(
    qtbot: QtBot, services: Services, database: Database, paths: Paths
) -> Iterator[Callable[[str], KioskWindow]]:
    made: list[KioskWindow] = []

    def make(url: str) -> KioskWindow:
        channel = Poster(SyncService(database, paths, services.installation), url, timeout=20)
        kiosk = KioskWindow(services, options=KioskOptions(attended=False), sync=channel)
        qtbot.addWidget(kiosk)
        kiosk.resize(1280, 720)
        kiosk.show()
        kiosk.start()
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.shutdown()
    assert not [t for t in threading.enumerate() if t.name == "gatekeeper-sync"]


def screen(qtbot: QtBot, kiosk: KioskWindow, token: str) -> None:
    assert kiosk.handle_token(token)
    qtbot.waitUntil(lambda: kiosk.current == "temperature", timeout=WAIT_MS)
    kiosk.temperature.reading_edit.setText("36.6")
    qtbot.keyClick(kiosk.temperature.reading_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.current == "result", timeout=WAIT_MS)


def recorded(database: Database) -> set[str]:
    with database.session() as session:
        return {str(i) for i in session.scalars(select(ScreeningEvent.id))}


def used_seqs(database: Database, services: Services) -> list[int]:
    with database.session() as session:
        gate = session.get(Gate, services.installation.gate_id)
        assert gate is not None
        return list(range(1, gate.next_seq))


def test_screening_goes_on_while_the_network_hangs_then_everything_is_sent(
    qtbot: QtBot, sync_kiosk: Callable[[str], KioskWindow], demo_data: DemoData,
    database: Database, services: Services, receiver: tuple[HangingReceiver, str],
) -> None:
    taker, url = receiver
    kiosk = sync_kiosk(url)
    strip = kiosk.sync_strip
    assert strip is not None and strip.isVisible()
    qtbot.waitUntil(lambda: "everything sent" in strip.text(), timeout=WAIT_MS)

    taker.open.clear()  # from now on the receiver does not answer
    requests, batches = taker.requests, len(taker.batches)
    screen(qtbot, kiosk, demo_data.tokens[0])
    qtbot.waitUntil(lambda: taker.requests > requests, timeout=WAIT_MS)  # nudged: sent now
    # ... and hangs there. The next person is screened and recorded all the same.
    kiosk.back_to_scanning()
    screen(qtbot, kiosk, demo_data.tokens[1])
    assert len(recorded(database)) == 2
    assert len(taker.batches) == batches

    taker.open.set()  # the network answers again
    expected = used_seqs(database, services)
    qtbot.waitUntil(lambda: taker.seqs() == expected, timeout=3 * WAIT_MS)
    qtbot.waitUntil(lambda: "everything sent" in strip.text(), timeout=3 * WAIT_MS)
    assert strip.property("state") == "ok"


def test_the_strip_shows_an_unreachable_destination_and_the_waiting_records(
    qtbot: QtBot, sync_kiosk: Callable[[str], KioskWindow], demo_data: DemoData,
    database: Database,
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    kiosk = sync_kiosk(f"http://127.0.0.1:{port}/batches")
    strip = kiosk.sync_strip
    assert strip is not None
    screen(qtbot, kiosk, demo_data.tokens[0])
    qtbot.waitUntil(lambda: strip.property("state") == "error", timeout=3 * WAIT_MS)
    qtbot.waitUntil(lambda: "records waiting" in strip.text(), timeout=3 * WAIT_MS)
    waiting = re.search(r"(\d+) records waiting", strip.text())
    assert waiting is not None and int(waiting.group(1)) >= 1  # the screening, at least
    assert "error: POST" in strip.text() and "retrying at" in strip.text()
    assert len(recorded(database)) == 1  # kept, waiting


def test_the_strip_speaks_chinese(
    qtbot: QtBot, sync_kiosk: Callable[[str], KioskWindow], demo_data: DemoData,
    receiver: tuple[HangingReceiver, str], translations: Translations,
) -> None:
    translations.set_language(i18n.CHINESE)
    kiosk = sync_kiosk(receiver[1])
    strip = kiosk.sync_strip
    assert strip is not None
    qtbot.waitUntil(lambda: "同步" in strip.text() and "全部" in strip.text(), timeout=WAIT_MS)


def test_a_kiosk_without_a_destination_has_no_strip(qtbot: QtBot, services: Services) -> None:
    kiosk = KioskWindow(services, options=KioskOptions(attended=False))
    qtbot.addWidget(kiosk)
    assert kiosk.sync_strip is None
    kiosk.shutdown()
