"""Kiosk benchmark: from a frame delivered by the camera to the durable commit of the event.

Prints one JSON object per line:

- ``latency``: 500 scans at 720p (demo badge frames of the demo people): decode the frame,
  verify the badge, check for a duplicate, screen and commit (WAL, synchronous=FULL). Median
  and p95 ms, beside the references measured in the same run: raw zxing-cpp on the same
  frames, and raw sqlite3 committing one row per transaction with the same pragmas.
- ``camera-loop``: the capture loop on the demo camera at a 30 fps target while a writer
  thread records a screening each time a badge appears: the frame rate the loop kept.

    .venv/bin/python benchmarks/kiosk.py [--quick] [--scans N]
"""

from __future__ import annotations

import argparse
import json
import queue
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import zxingcpp  # noqa: E402

from gatekeeper.config import Paths  # noqa: E402
from gatekeeper.domain.enums import Direction  # noqa: E402
from gatekeeper.domain.temperature import parse_reading  # noqa: E402
from gatekeeper.scanner.capture import CaptureLoop, FrameResult  # noqa: E402
from gatekeeper.scanner.decoder import QrDecoder  # noqa: E402
from gatekeeper.scanner.sources import DemoSource  # noqa: E402
from gatekeeper.services import demo  # noqa: E402
from gatekeeper.services.container import Services, build_services  # noqa: E402
from gatekeeper.services.screening import TakenReading  # noqa: E402
from gatekeeper.services.setup import SetupService  # noqa: E402
from gatekeeper.storage.database import Database, sqlite_url  # noqa: E402


def emit(**fields: object) -> None:
    print(json.dumps({"bench": "kiosk", **fields}, ensure_ascii=False), flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 3),
        "p95_ms": round(percentile(values, 95), 3),
        "max_ms": round(max(values), 3),
    }


def make_site(root: Path) -> tuple[Services, tuple[str, ...]]:
    paths = Paths(root / "data")
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.database_file))
    installation = SetupService(db, paths).initialise("Bench Plant", "Gate 1", "Asia/Shanghai")
    services = build_services(db, paths, installation)
    data = demo.seed(services)
    services.settings.update(duplicate_window_s=0)  # every scan is recorded
    return services, data.tokens


def badge_frames(tokens: tuple[str, ...], count: int) -> list:  # type: ignore[type-arg]
    source = DemoSource(tokens, (1280, 720), empty_frames=0, badge_frames=5)
    source.open()
    frames = [source.frame(i) for i in range(count)]
    source.close()
    return frames


def bench_latency(services: Services, tokens: tuple[str, ...], scans: int) -> None:
    cv2.setNumThreads(1)
    decoder = QrDecoder()
    frames = badge_frames(tokens, scans)
    reading = TakenReading(parse_reading("36.6"), "bench")
    screening = services.screening
    total: list[float] = []
    decode: list[float] = []
    commit: list[float] = []
    missed = 0
    for frame in frames:
        t0 = time.perf_counter()
        codes = decoder.decode(frame)
        t1 = time.perf_counter()
        if not codes:
            missed += 1
            continue
        identity = screening.identify_token(codes[0].text)
        if screening.duplicate(identity, Direction.IN) is None:
            screening.screen(identity, reading, Direction.IN)
        t2 = time.perf_counter()
        total.append((t2 - t1 + t1 - t0) * 1000)
        decode.append((t1 - t0) * 1000)
        commit.append((t2 - t1) * 1000)
    emit(case="latency", what="frame to durable commit (gatekeeper)", scans=len(total),
         missed=missed, **summary(total))
    emit(case="latency", what="decode (gatekeeper QrDecoder)", **summary(decode))
    emit(case="latency", what="verify + screen + commit (gatekeeper)", **summary(commit))

    raw: list[float] = []
    gray = [cv2.cvtColor(f, cv2.COLOR_BGR2GRAY) for f in frames]
    for g in gray:
        t0 = time.perf_counter()
        zxingcpp.read_barcodes(g, formats=zxingcpp.BarcodeFormat.QRCode,
                               text_mode=zxingcpp.TextMode.Plain)
        raw.append((time.perf_counter() - t0) * 1000)
    emit(case="latency", what="reference: raw zxing-cpp on the same frames", **summary(raw))

    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "ref.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE e (id TEXT PRIMARY KEY, seq INT, person TEXT, at TEXT, "
                     "direction TEXT, decision TEXT, reason TEXT, temp REAL)")
        ref: list[float] = []
        for i in range(scans):
            t0 = time.perf_counter()
            conn.execute("BEGIN")
            conn.execute("INSERT INTO e VALUES (?,?,?,?,?,?,?,?)",
                         (f"id{i}", i, "p", "2026-11-27T08:00:00", "in", "pass", "normal", 36.6))
            conn.execute("COMMIT")
            ref.append((time.perf_counter() - t0) * 1000)
        conn.close()
    emit(case="latency", what="reference: raw sqlite3 one-row commit, WAL+FULL", **summary(ref))


def bench_camera_loop(services: Services, tokens: tuple[str, ...], seconds: float) -> None:
    found: queue.Queue[str | None] = queue.Queue()
    last_text = [""]

    def on_frame(result: FrameResult) -> None:
        text = result.codes[0].text if result.codes else ""
        if text and text != last_text[0]:
            found.put(text)
        last_text[0] = text

    recorded = [0]
    reading = TakenReading(parse_reading("36.6"), "bench")

    def writer() -> None:
        while (text := found.get()) is not None:
            identity = services.screening.identify_token(text)
            services.screening.screen(identity, reading, Direction.IN)
            recorded[0] += 1

    def source() -> DemoSource:
        return DemoSource(tokens, (1280, 720), empty_frames=15, badge_frames=15)

    thread = threading.Thread(target=writer, name="writer")
    thread.start()
    loop = CaptureLoop(source, QrDecoder(), on_frame, lambda state, message: None,
                       target_fps=30.0)
    loop.start()
    time.sleep(2.0)  # warm up
    start_frames, started = loop.stats.frames, time.monotonic()
    time.sleep(seconds)
    frames, elapsed = loop.stats.frames - start_frames, time.monotonic() - started
    stats = loop.stats
    loop.stop()
    found.put(None)
    thread.join()
    emit(case="camera-loop", target_fps=30.0, fps=round(frames / elapsed, 2),
         seconds=round(elapsed, 1), frames=frames, screenings_recorded=recorded[0],
         mean_decode_ms=round(stats.mean_decode_ms, 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer scans, a shorter run")
    parser.add_argument("--scans", type=int, default=None)
    args = parser.parse_args()
    scans = args.scans or (100 if args.quick else 500)
    with tempfile.TemporaryDirectory() as tmp:
        services, tokens = make_site(Path(tmp))
        bench_latency(services, tokens, scans)
        bench_camera_loop(services, tokens, 5.0 if args.quick else 20.0)
        services.db.dispose()


if __name__ == "__main__":
    main()
