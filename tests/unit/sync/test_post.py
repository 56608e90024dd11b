"""``gatekeeper sync --post URL``: signed batches sent as JSON to a local HTTP receiver that
the test starts on a loopback port, including one that fails or times out half the time."""

from __future__ import annotations

import base64
import json
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from syncnodes import Node, token_of

from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.storage import repositories as repo
from gatekeeper.sync.manifest import Manifest, file_hash, signature_valid
from gatekeeper.sync.post import Poster, check_url
from gatekeeper.sync.upstream import Backoff, read_status


def no_sleep(_: threading.Event, __: float) -> bool:
    return False


@dataclass
class Receiver:
    """A reference receiver: batches kept by batch id, duplicates counted. ``flaky``: half
    the requests (seeded) fail with 500 or answer after the client's timeout, some of them
    after storing the batch (so that the client sends it again)."""

    flaky: bool = False
    seed: int = 7
    delay: float = 0.6
    refuse: set[str] = field(default_factory=set)
    batches: dict[str, dict[str, Any]] = field(default_factory=dict)
    duplicates: int = 0
    requests: int = 0
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def handle(self, body: bytes, headers: Any) -> tuple[int, bytes]:
        doc = json.loads(body)
        batch_id = doc["batch_id"]
        with self.lock:
            self.requests += 1
            roll = self.rng.random() if self.flaky else 1.0
            store_first = self.rng.random() < 0.5
        if batch_id in self.refuse:
            return 422, b'{"error": "bad batch"}'
        if headers.get("Idempotency-Key") != batch_id:
            return 400, b'{"error": "no idempotency key"}'
        if roll < 0.5:
            with self.lock:
                self.failures += 1
            if store_first:
                self.store(batch_id, doc)
            if roll < 0.25:
                return 500, b'{"error": "internal"}'
            time.sleep(self.delay)  # past the client's timeout
            return 200, b"{}"
        self.store(batch_id, doc)
        return 200, b'{"ok": true}'

    def store(self, batch_id: str, doc: dict[str, Any]) -> None:
        with self.lock:
            if batch_id in self.batches:
                self.duplicates += 1
            else:
                self.batches[batch_id] = doc


@pytest.fixture
def serve() -> Iterator[Callable[[Receiver], str]]:
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(receiver: Receiver) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                status, answer = receiver.handle(self.rfile.read(length), self.headers)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *_: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/batches"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(5)


def busy_gate(site: Node, gate: Node, screenings: int = 12) -> None:
    token = token_of(site, "1001")
    for _ in range(screenings):
        gate.screen(token)
        gate.clock.advance(minutes=1)


def exported_batches(gate: Node, poster: Poster, batch_size: int) -> dict[str, str]:
    """Fill the outbox in small batches; batch id to file hash."""
    files = gate.sync.export(poster.outbox.folder, batch_size=batch_size)
    found: dict[str, str] = {}
    for pending in poster.outbox.pending():
        found[str(pending.manifest.batch_id)] = ""
    assert len(found) == len(files)
    return found


def check_received(gate: Node, doc: dict[str, Any]) -> None:
    """What arrived is the signed file: its manifest, its signature by the gate's key."""
    data = base64.b64decode(doc["file"])
    tail = data[data.rindex(b"#manifest.json "):]
    header, rest = tail.split(b"\n", 1)
    size = int(header.split(b" ")[1])
    manifest_bytes = rest[:size]
    assert json.loads(manifest_bytes) == doc["manifest"]
    assert file_hash(manifest_bytes) == doc["file_hash"]
    signature = rest[size + 1:].split(b"\n", 1)[1][:64]
    manifest = Manifest.from_bytes(manifest_bytes)
    assert str(manifest.batch_id) == doc["batch_id"]
    with gate.db.session() as session:
        key = repo.signing_key_by_key_id(session, manifest.key_id)
        assert key is not None
        assert signature_valid(manifest_bytes, signature, keys.public_from_raw(key.public_key))


def test_every_batch_arrives_once(
    site: Node, gate: Node, serve: Callable[[Receiver], str]
) -> None:
    busy_gate(site, gate)
    receiver = Receiver()
    poster = Poster(gate.sync, serve(receiver), timeout=5)
    batches = exported_batches(gate, poster, batch_size=3)
    status = poster.run(watch=False, sleep=no_sleep)
    assert status.ok and status.pending_files == 0 and status.pending_records == 0, status
    assert set(receiver.batches) == set(batches)
    assert receiver.duplicates == 0
    for doc in receiver.batches.values():
        check_received(gate, doc)
    assert poster.push() == 0  # nothing new, nothing sent
    assert receiver.requests == len(batches)
    assert read_status(gate.paths) is not None


def test_a_flaky_receiver_gets_every_batch_and_none_counted_twice(
    site: Node, gate: Node, serve: Callable[[Receiver], str]
) -> None:
    busy_gate(site, gate, screenings=20)
    receiver = Receiver(flaky=True, seed=11, delay=0.5)
    poster = Poster(gate.sync, serve(receiver), timeout=0.2)
    batches = exported_batches(gate, poster, batch_size=2)
    stop = threading.Event()
    rounds: list[float] = []

    def sleep(event: threading.Event, seconds: float) -> bool:
        rounds.append(seconds)
        if not poster.outbox.pending() and poster.status().ok:
            event.set()
        return event.is_set()

    poster.run(watch=True, stop=stop, sleep=sleep)
    assert receiver.failures > 0, "the receiver failed nothing: the test proves nothing"
    assert set(receiver.batches) == set(batches)  # every batch, by batch id, once
    assert receiver.duplicates > 0  # the client did send some again (stored, then failed)
    assert receiver.requests > len(batches)
    assert poster.outbox.pending() == []
    assert all(d >= 1.0 for d in rounds[:-1]), rounds  # backed off between failed rounds


def test_a_refused_batch_is_set_aside_and_reported_not_retried_forever(
    site: Node, gate: Node, serve: Callable[[Receiver], str]
) -> None:
    busy_gate(site, gate, screenings=10)
    receiver = Receiver()
    poster = Poster(gate.sync, serve(receiver), timeout=5)
    batches = list(exported_batches(gate, poster, batch_size=2))
    receiver.refuse.add(batches[1])
    status = poster.run(watch=False, sleep=no_sleep)
    assert not status.ok
    assert "HTTP 422" in (status.last_error or "") and batches[1] in (status.last_error or "")
    assert status.rejected_files == 1 and status.pending_files == 0
    assert "1 refused" in status.line()
    assert len(batches) >= 3
    assert set(receiver.batches) == set(batches) - {batches[1]}
    assert receiver.requests == len(batches)  # the refused one was sent once
    assert len(poster.outbox.rejected()) == 1


def test_a_server_that_is_down_leaves_the_batches_in_the_outbox(
    site: Node, gate: Node
) -> None:
    busy_gate(site, gate, screenings=3)
    poster = Poster(gate.sync, "http://127.0.0.1:9/batches", timeout=1)
    status = poster.run(watch=False, attempts=2, sleep=no_sleep)
    assert not status.ok and "POST" in (status.last_error or "")
    assert status.pending_files == 1 and status.pending_records > 0


@pytest.mark.parametrize("url", ["ftp://example.com/x", "example.com/batches", "http://",
                                 "https://host:99999/x"])
def test_bad_urls_are_user_errors(url: str) -> None:
    with pytest.raises(UserError):
        check_url(url)


def test_backoff_grows_to_five_minutes_with_jitter() -> None:
    backoff = Backoff(rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(20)]
    assert all(1.0 <= d <= 300.0 for d in delays)
    assert max(delays[10:]) > 60
    backoff.reset()
    assert backoff.next_delay() <= 1.0 + 1e-9 or backoff.failures == 1
