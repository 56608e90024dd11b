"""The capture loop: reads a frame source and decodes QR codes on a thread of its own.

One plain thread named "capture" opens the source, reads frames, decodes them and hands each
one to ``on_frame``; changes of the camera's state go to ``on_state``. Both callbacks run on
the capture thread: the kiosk wraps them in Qt signals (no Qt here). A source that is lost or
cannot be opened is closed and reopened after the reconnect delays, until stop(). The loop
never touches a widget, and stop() is cooperative: it sets an event and joins.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from gatekeeper.errors import UserError
from gatekeeper.scanner.decoder import DecodeResult, QrDecoder
from gatekeeper.scanner.sources import FrameSource

__all__ = ["CameraState", "CaptureLoop", "CaptureStats", "FrameResult"]

log = logging.getLogger(__name__)

# a failing callback is logged with its traceback at most this often (it may fail every frame)
_CALLBACK_LOG_INTERVAL = 10.0


class CameraState(StrEnum):
    STARTING = "starting"  # start() called; the source is being opened the first time
    RUNNING = "running"  # frames are coming in
    LOST = "lost"  # the source failed or cannot be opened; reconnecting
    STOPPED = "stopped"  # not started, or stop() has ended the thread


@dataclass(frozen=True, eq=False)
class FrameResult:
    """One frame as read, and the codes found in it."""

    frame: np.ndarray  # the BGR frame; the receiver owns it (the loop never reuses it)
    codes: list[DecodeResult]
    index: int  # frame counter of this loop, across reconnects and restarts
    captured_at: float  # the loop's clock (time.monotonic()) just after the read
    decode_ms: float  # 0.0 when this frame was not decoded
    decoded: bool = True  # False for the frames skipped by decode_every > 1


@dataclass(frozen=True)
class CaptureStats:
    """Figures for the status bar and the benchmark."""

    fps: float  # frames per second over the last second
    frames: int  # frames read by this loop
    decoded: int  # frames in which at least one code was found
    decode_runs: int  # frames the decoder ran on
    lost: int  # times the source was lost or could not be opened
    last_decode_ms: float
    mean_decode_ms: float  # over all decode runs


class CaptureLoop:
    """Reads `source_factory()`'s frames on a "capture" thread, decodes them, reports them.

    `source_factory` is called for every (re)connection, so it may open a fresh device or
    raise SourceError. `target_fps` paces the sources that do not block by themselves
    (``paced``: files, folders, demo); a camera sets its own pace. `decode_every` = N decodes
    one frame in N (the others are still passed on, with ``decoded=False``). The delays
    between reconnection attempts are `reconnect_delays`, the last one repeated.

    `clock` and `sleep` are for tests: a fake clock, and a sleep that advances it.
    """

    def __init__(
        self,
        source_factory: Callable[[], FrameSource],
        decoder: QrDecoder,
        on_frame: Callable[[FrameResult], None],
        on_state: Callable[[CameraState, str], None],
        *,
        target_fps: float = 30.0,
        reconnect_delays: Sequence[float] = (0.5, 1, 2, 5),
        decode_every: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if target_fps <= 0:
            raise ValueError("target_fps must be positive")
        if decode_every < 1:
            raise ValueError("decode_every must be at least 1")
        if not reconnect_delays or any(d < 0 for d in reconnect_delays):
            raise ValueError("reconnect_delays must be a non-empty list of delays >= 0")
        self._source_factory = source_factory
        self._decoder = decoder
        self._on_frame = on_frame
        self._on_state = on_state
        self.target_fps = float(target_fps)
        self.reconnect_delays = tuple(float(d) for d in reconnect_delays)
        self.decode_every = decode_every
        self._clock = clock
        self._sleep = sleep
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = CameraState.STOPPED
        self._message = ""
        self._description = ""
        self._lock = threading.Lock()  # guards the figures below
        self._window: deque[float] = deque()  # captured_at of the frames of the last second
        self._frames = 0
        self._decoded = 0
        self._decode_runs = 0
        self._decode_ms_total = 0.0
        self._last_decode_ms = 0.0
        self._lost = 0
        self._first_frame_at: float | None = None
        self._callback_logged_at: dict[str, float] = {}

    # --- control, from any thread -------------------------------------------------------

    def start(self) -> None:
        """Start the capture thread. RuntimeError when it is already running."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("the capture loop is already running")
        self._stop.clear()
        with self._lock:
            self._window.clear()
            self._first_frame_at = None
        self._state = CameraState.STARTING
        self._message = ""
        self._thread = threading.Thread(target=self._run, name="capture", daemon=False)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to stop and wait up to `timeout` s for it. Idempotent.

        The source is closed by the thread itself. A camera read that blocks longer than
        `timeout` is not interrupted: the thread ends when it returns (logged). Called from
        a callback (on the capture thread), it only asks.
        """
        self._stop.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning(
                "the capture thread did not stop within %.1f s (a camera read is blocking); "
                "it will end when the read returns",
                timeout,
            )

    @property
    def state(self) -> CameraState:
        return self._state

    @property
    def message(self) -> str:
        """The text that went with the last state (why the camera is lost, ...)."""
        return self._message

    @property
    def running(self) -> bool:
        """True while the capture thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    @property
    def stats(self) -> CaptureStats:
        now = self._clock()
        with self._lock:
            self._prune(now)
            if self._first_frame_at is not None and now - self._first_frame_at >= 1.0:
                fps = float(len(self._window))  # the frames of the last full second
            else:
                fps = _rate(list(self._window))  # not a second yet: from the spacing
            runs = self._decode_runs
            return CaptureStats(
                fps=fps,
                frames=self._frames,
                decoded=self._decoded,
                decode_runs=runs,
                lost=self._lost,
                last_decode_ms=self._last_decode_ms,
                mean_decode_ms=self._decode_ms_total / runs if runs else 0.0,
            )

    # --- the capture thread -------------------------------------------------------------

    def _run(self) -> None:
        attempt = 0  # failed (re)connections in a row
        try:
            self._set_state(CameraState.STARTING, "Starting the camera…")
            while not self._stop.is_set():
                lost_message = self._session()
                if lost_message is None:  # stopped
                    break
                if self._state is CameraState.RUNNING:
                    attempt = 0  # it worked for a while: start the delays again
                with self._lock:
                    self._lost += 1
                self._set_state(CameraState.LOST, lost_message)
                delay = self.reconnect_delays[min(attempt, len(self.reconnect_delays) - 1)]
                attempt += 1
                if self._wait(delay):
                    break
        except Exception:  # a bug: the thread must still end cleanly
            log.exception("the capture loop failed")
        finally:
            self._set_state(CameraState.STOPPED, "Camera stopped.")

    def _session(self) -> str | None:
        """Open the source and read until it is lost (returns why) or stop() (returns None)."""
        source: FrameSource | None = None
        try:
            try:
                source = self._source_factory()
                self._description = source.description
                source.open()
            except UserError as exc:
                return str(exc)
            except Exception as exc:
                log.exception("cannot open the camera source")
                name = self._description or "the camera"
                return f"Cannot open {name}: {exc}"
            return self._pump(source)
        finally:
            if source is not None:
                try:
                    source.close()
                except Exception:
                    log.exception("closing the camera source %s failed", self._description)

    def _pump(self, source: FrameSource) -> str | None:
        period = 1.0 / self.target_fps if source.paced else 0.0
        due = self._clock()
        name = source.description
        while not self._stop.is_set():
            if period:
                now = self._clock()
                if due > now:
                    if self._wait(due - now):
                        return None
                else:
                    due = now  # late (a stall, or slow reads): go on from now, no catching up
                due += period
            try:
                frame = source.read()
            except Exception as exc:
                log.exception("reading %s failed", name)
                return f"Lost {name}: reading failed ({exc})."
            if frame is None:
                return f"Lost {name} (unplugged or not responding)."
            captured_at = self._clock()
            if self._stop.is_set():
                return None
            if self._state is not CameraState.RUNNING:
                self._set_state(CameraState.RUNNING, name)
            self._deliver(frame, captured_at)
        return None

    def _deliver(self, frame: np.ndarray, captured_at: float) -> None:
        with self._lock:
            index = self._frames
        decode = index % self.decode_every == 0
        codes: list[DecodeResult] = []
        decode_ms = 0.0
        if decode:
            started = time.perf_counter()
            try:
                codes = self._decoder.decode(frame)
            except Exception:
                self._callback_failed("decode")
            decode_ms = (time.perf_counter() - started) * 1000.0
        with self._lock:
            self._frames += 1
            if self._first_frame_at is None:
                self._first_frame_at = captured_at
            self._window.append(captured_at)
            self._prune(captured_at)
            if decode:
                self._decode_runs += 1
                self._decode_ms_total += decode_ms
                self._last_decode_ms = decode_ms
                if codes:
                    self._decoded += 1
        result = FrameResult(frame, codes, index, captured_at, decode_ms, decode)
        try:
            self._on_frame(result)
        except Exception:
            self._callback_failed("on_frame")

    def _set_state(self, state: CameraState, message: str) -> None:
        if state is self._state and message == self._message:
            return
        self._state = state
        self._message = message
        try:
            self._on_state(state, message)
        except Exception:
            self._callback_failed("on_state")

    def _wait(self, seconds: float) -> bool:
        """Sleep `seconds` unless stop() comes first; True when stopped."""
        if self._sleep is None:
            return self._stop.wait(max(0.0, seconds))
        if seconds > 0:
            self._sleep(seconds)
        return self._stop.is_set()

    def _prune(self, now: float) -> None:
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()

    def _callback_failed(self, name: str) -> None:
        """Log a failing callback (or decoder) with its traceback, at most every 10 s each."""
        now = time.monotonic()
        last = self._callback_logged_at.get(name)
        if last is None or now - last >= _CALLBACK_LOG_INTERVAL:
            self._callback_logged_at[name] = now
            log.exception("%s failed in the capture loop (the loop goes on)", name)


def _rate(times: list[float]) -> float:
    """Frames per second from the capture times of the frames of the last second."""
    if len(times) < 2:
        return float(len(times))
    span = times[-1] - times[0]
    return (len(times) - 1) / span if span > 0 else 0.0
