"""Bridges from the scanner's threads into Qt.

The capture loop and the thermometer call back on their own threads. These QObjects live on
the GUI thread; their signals are emitted from those threads and reach the kiosk through
queued connections, so that no widget is ever touched off the GUI thread. Frames become
QImages (copies, detached from the capture buffer) before they cross.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

# Camera states as the capture loop names them (gatekeeper.scanner.capture.CameraState).
STARTING = "starting"
RUNNING = "running"
LOST = "lost"
STOPPED = "stopped"


def frame_to_qimage(frame: np.ndarray) -> QImage:
    """A QImage that owns a copy of an OpenCV frame (grey, BGR or BGRA, uint8)."""
    frame = np.ascontiguousarray(frame)
    if frame.dtype != np.uint8:
        raise ValueError(f"frame must be uint8, not {frame.dtype}")
    if frame.ndim == 2:
        fmt = QImage.Format.Format_Grayscale8
    elif frame.ndim == 3 and frame.shape[2] == 3:
        fmt = QImage.Format.Format_BGR888
    elif frame.ndim == 3 and frame.shape[2] == 4:
        fmt = QImage.Format.Format_ARGB32  # BGRA bytes on little-endian machines
    else:
        raise ValueError(f"unsupported frame shape {frame.shape}")
    height, width = frame.shape[:2]
    image = QImage(frame.data, width, height, frame.strides[0], fmt)
    return image.copy()


@dataclass(frozen=True)
class SeenCode:
    """A decoded QR code as the GUI thread gets it."""

    text: str
    corners: tuple[tuple[float, float], ...]


class CaptureLoopLike(Protocol):
    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> Any: ...


#: Builds the capture loop with the two callbacks it must call (on its own thread).
LoopFactory = Callable[[Callable[[Any], None], Callable[[Any, str], None]], CaptureLoopLike]


def state_name(state: Any) -> str:
    """'running' for CameraState.RUNNING, whatever the enum's spelling."""
    text = str(getattr(state, "value", state))
    return text.rsplit(".", 1)[-1].lower()


class CameraBridge(QObject):
    """Owns the capture loop; reports frames, codes and camera states as signals.

    ``frame_ready`` is throttled: a new preview frame is sent only after the view painted the
    previous one (``preview_shown()``), so a slow GUI drops frames instead of queueing them.
    ``codes_seen`` is never throttled: no decoded badge is lost.
    """

    frame_ready = Signal(QImage, object)  # image, tuple[SeenCode, ...]
    codes_seen = Signal(object)  # tuple[SeenCode, ...]
    state_changed = Signal(str, str)  # state name, detail

    def __init__(self, make_loop: LoopFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_loop = make_loop
        self._loop: CaptureLoopLike | None = None
        self._lock = threading.Lock()
        self._preview_pending = False
        self._state = STOPPED
        self.frames = 0

    @property
    def state(self) -> str:
        return self._state

    def start(self) -> None:
        if self._loop is not None:
            return
        self._state = STARTING
        self._loop = self._make_loop(self._on_frame, self._on_state)
        self._loop.start()

    def stop(self, timeout: float = 5.0) -> None:
        loop, self._loop = self._loop, None
        if loop is not None:
            loop.stop(timeout=timeout)
        self._state = STOPPED

    def preview_shown(self) -> None:
        with self._lock:
            self._preview_pending = False

    # -- called on the capture thread ----------------------------------------------------

    def _on_frame(self, result: Any) -> None:
        codes = tuple(
            SeenCode(code.text, tuple((float(x), float(y)) for x, y in code.corners))
            for code in result.codes
        )
        self.frames += 1
        if codes:
            self.codes_seen.emit(codes)
        with self._lock:
            if self._preview_pending:
                return
            self._preview_pending = True
        try:
            image = frame_to_qimage(result.frame)
        except ValueError as exc:
            log.warning("Cannot show a camera frame: %s", exc)
            with self._lock:
                self._preview_pending = False
            return
        self.frame_ready.emit(image, codes)

    def _on_state(self, state: Any, detail: str) -> None:
        name = state_name(state)
        self._state = name
        self.state_changed.emit(name, detail or "")


class ReadingDeviceLike(Protocol):
    description: str

    def start(
        self, on_reading: Callable[[str], None], on_error: Callable[[str], None]
    ) -> None: ...
    def request(self) -> None: ...
    def stop(self) -> None: ...


class ThermometerBridge(QObject):
    """A thermometer that sends its readings by itself (serial, simulated)."""

    reading = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        device: ReadingDeviceLike,
        parent: QObject | None = None,
        *,
        description: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.device = device
        self._description = description
        self._started = False

    @property
    def description(self) -> str:
        """The name readings are stored under and calibration offsets are kept for (the
        thermometer's spec text, such as "serial:COM3,9600")."""
        return self._description or str(self.device.description)

    def start(self) -> None:
        if not self._started:
            self.device.start(self._on_reading, self._on_error)
            self._started = True

    def request(self) -> None:
        try:
            self.device.request()
        except Exception as exc:  # a device that cannot be asked is a state to show
            log.warning("Thermometer request failed: %s", exc)
            self.failed.emit(str(exc))

    def stop(self) -> None:
        if self._started:
            self._started = False
            self.device.stop()

    def _on_reading(self, text: str) -> None:
        self.reading.emit(text)

    def _on_error(self, message: str) -> None:
        self.failed.emit(message)


class KeyWedgeBuffer:
    """Characters typed by a keyboard-wedge device (a USB barcode scanner), completed by
    Enter. Input interrupted by a pause longer than ``gap_s`` starts afresh, so that a stray
    key pressed minutes earlier does not spoil the next scan."""

    def __init__(
        self,
        gap_s: float = 1.0,
        max_length: int = 512,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.gap_s = gap_s
        self.max_length = max_length
        self._clock = clock
        self._chars: list[str] = []
        self._last = 0.0

    @property
    def text(self) -> str:
        return "".join(self._chars)

    def clear(self) -> None:
        self._chars = []

    def feed(self, text: str) -> None:
        now = self._clock()
        if self._chars and now - self._last > self.gap_s:
            self._chars = []
        self._last = now
        for ch in text:
            if ch.isprintable() and len(self._chars) < self.max_length:
                self._chars.append(ch)

    def enter(self) -> str:
        """The completed line (possibly empty); the buffer starts afresh."""
        now = self._clock()
        line = "" if now - self._last > self.gap_s else self.text.strip()
        self._chars = []
        return line


def outline_corners(codes: Sequence[SeenCode]) -> list[tuple[tuple[float, float], ...]]:
    return [code.corners for code in codes if len(code.corners) >= 3]
