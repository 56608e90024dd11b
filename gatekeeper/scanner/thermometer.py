"""Thermometer sources: what ``--thermometer SRC`` names, and the devices that send readings.

``manual``: the guard types the reading on the screen's keypad or the keyboard (the kiosk UI).
``hid``: a thermometer that types its reading like a keyboard (a "keyboard wedge"); the UI
feeds the typed characters to a :class:`HidLineBuffer`. ``serial:PORT[,BAUD]``: a thermometer
on a serial port that sends lines of text (:class:`SerialThermometer`). ``sim:VALUE``: a
simulated thermometer for demos and tests (:class:`SimulatedThermometer`).

Devices deliver text ("36.6", "98.1F"); parsing, plausibility and the calibration offset of
each device are the domain's (:func:`gatekeeper.domain.temperature.parse_reading`). Devices
call back from their own threads; no Qt here.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import serial

from gatekeeper.errors import UserError

__all__ = [
    "DEFAULT_LINE_PATTERN",
    "HidLineBuffer",
    "ReadingDevice",
    "SerialThermometer",
    "SimulatedThermometer",
    "ThermometerSpec",
    "compile_line_pattern",
    "match_reading",
    "open_device",
    "parse_thermometer_spec",
]

log = logging.getLogger(__name__)

# A temperature in a line of text: 2-3 digits, optional decimals, optional ° and unit.
# Digits around it are not part of it (in "ID 1234" there is no reading "123"), nor is a
# letter after the unit ("36.6 Celsius" gives "36.6", unit unknown).
DEFAULT_LINE_PATTERN = (
    r"(?<![\d.,])(?P<value>\d{2,3}(?:[.,]\d{1,2})?)(?![.,]?\d)"
    r"\s*(?:°|º|deg)?\s*(?P<unit>[CcFf](?![A-Za-z]))?"
)

ThermometerKind = Literal["manual", "hid", "serial", "sim"]

ACCEPTED_FORMS = (
    "manual, hid, serial:PORT[,BAUD] (for example serial:/dev/ttyUSB0 or serial:COM3,115200) "
    "or sim:VALUE (for example sim:36.6, sim:97.9F, or sim:37.8,36.5 for a sequence)"
)

_SIM_VALUE = re.compile(r"^\d{2,3}(?:\.\d{1,2})?\s*[CcFf]?$")


@dataclass(frozen=True)
class ThermometerSpec:
    """A parsed ``--thermometer`` value."""

    kind: ThermometerKind
    port: str | None = None  # serial only
    baudrate: int = 9600  # serial only
    value: str | None = None  # sim only: "36.6", "97.9F", or a sequence "37.8,36.5"

    @property
    def text(self) -> str:
        """The canonical form, also a stable key for the device's calibration offset."""
        if self.kind == "serial":
            return f"serial:{self.port},{self.baudrate}"
        if self.kind == "sim":
            return f"sim:{self.value}"
        return self.kind

    @property
    def sim_values(self) -> tuple[str, ...]:
        """The simulated readings in turn ("sim:37.8,36.5" -> ("37.8", "36.5"))."""
        if not self.value:
            return ()
        return tuple(v.strip() for v in self.value.split(","))

    def __str__(self) -> str:
        return self.text


def parse_thermometer_spec(text: str) -> ThermometerSpec:
    """A ``--thermometer`` value as a spec: manual, hid, serial:PORT[,BAUD] or
    sim:VALUE[,VALUE...]. Anything else is a UserError naming the accepted forms."""
    raw = text.strip()
    kind, sep, rest = raw.partition(":")
    kind = kind.strip().lower()
    rest = rest.strip()

    def bad(why: str) -> UserError:
        return UserError(f"Thermometer '{text}': {why}. Use {ACCEPTED_FORMS}.")

    if kind in ("manual", "hid"):
        if sep:
            raise bad(f"'{kind}' takes no value")
        return ThermometerSpec(kind="manual" if kind == "manual" else "hid")
    if kind == "serial":
        if not rest:
            raise bad("the serial port is missing")
        port, comma, baud_text = rest.rpartition(",")
        if not comma:
            port, baud_text = rest, ""
        port = port.strip()
        if not port:
            raise bad("the serial port is missing")
        baudrate = 9600
        if comma:
            baud_text = baud_text.strip()
            if not (baud_text.isdigit() and baud_text.isascii()) or not (
                50 <= int(baud_text) <= 4_000_000
            ):
                raise bad(f"'{baud_text}' is not a baud rate (a number such as 9600 or 115200)")
            baudrate = int(baud_text)
        return ThermometerSpec(kind="serial", port=port, baudrate=baudrate)
    if kind == "sim":
        if not rest:
            raise bad("the simulated reading is missing")
        values = [v.strip() for v in rest.split(",")]
        for value in values:
            if not _SIM_VALUE.match(value):
                raise bad(
                    f"'{value}' is not a reading (such as 36.6 or 97.9F; a point before the "
                    "decimals, a comma between readings)"
                )
        return ThermometerSpec(kind="sim", value=",".join(v.replace(" ", "") for v in values))
    if not raw:
        raise UserError(f"No thermometer given. Use {ACCEPTED_FORMS}.")
    raise bad("unknown kind")


# --- the line pattern ---------------------------------------------------------------------


def compile_line_pattern(pattern: str) -> re.Pattern[str]:
    """The line pattern compiled; UserError when it is not a valid regular expression."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UserError(f"The thermometer line pattern '{pattern}' is not valid: {exc}") from None


def match_reading(pattern: re.Pattern[str], line: str) -> str | None:
    """The reading in `line` ("36.6", "98.1F"), or None when the pattern finds none.

    With the groups ``value`` and ``unit``: the value followed by the upper-case unit, if
    any. Without a ``value`` group: the whole match.
    """
    match = pattern.search(line)
    if match is None:
        return None
    groups = match.groupdict()
    value = groups.get("value")
    if value is None:
        if "value" in groups:
            return None
        text = match.group(0).strip()
        return text or None
    unit = groups.get("unit") or ""
    return f"{value.strip()}{unit.strip().upper()}"


# --- devices ------------------------------------------------------------------------------


class ReadingDevice(Protocol):
    """A thermometer that produces readings by itself. Callbacks run on the device's thread."""

    description: str

    def start(self, on_reading: Callable[[str], None], on_error: Callable[[str], None]) -> None:
        """Begin delivering readings (text such as "36.6" or "98.1F") and errors."""

    def request(self) -> None:
        """The kiosk is waiting for a reading now (a simulator answers; a serial one ignores)."""

    def stop(self) -> None:
        """Stop delivering; joins any thread. Idempotent."""


def _call(callback: Callable[[str], None] | None, text: str, what: str) -> None:
    if callback is None:
        return
    try:
        callback(text)
    except Exception:
        log.exception("the thermometer's %s callback failed", what)


class SimulatedThermometer:
    """Answers each request() with the next of its values after `delay` seconds.

    The values are used in turn, then the last one again ("37.8", "36.5": a fever, then a
    normal recheck). Answers come from one thread of its own ("thermometer-sim"), started by
    start() and ended by stop(): request() only notes the request, so the kiosk's GUI thread
    never waits for a thread to start (a thread per request did, up to tens of ms on a busy
    machine). A request while one is pending is ignored.
    """

    def __init__(
        self, values: str | Sequence[str], *, delay: float = 0.2, description: str | None = None
    ) -> None:
        items = [values] if isinstance(values, str) else list(values)
        if not items:
            raise ValueError("a simulated thermometer needs at least one value")
        self.values = tuple(items)
        self.delay = delay
        self.description = description or f"simulated thermometer ({', '.join(self.values)})"
        self._next = 0
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._due: tuple[float, str] | None = None  # (time.monotonic() to answer, value)
        self._on_reading: Callable[[str], None] | None = None
        self._running = False

    def start(self, on_reading: Callable[[str], None], on_error: Callable[[str], None]) -> None:
        with self._wake:
            self._on_reading = on_reading  # a simulator has no errors to report
            self._running = True
            if self._thread is not None:
                return
            thread = self._thread = threading.Thread(
                target=self._run, name="thermometer-sim", daemon=True
            )
        thread.start()

    def request(self) -> None:
        with self._wake:
            if not self._running or self._due is not None:
                return
            value = self.values[min(self._next, len(self.values) - 1)]
            self._next += 1
            self._due = (time.monotonic() + self.delay, value)
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._running and self._due is None:
                    self._wake.wait()
                if not self._running or self._thread is not threading.current_thread():
                    return  # stopped (and perhaps started again with a thread of its own)
                assert self._due is not None
                due, value = self._due
                left = due - time.monotonic()
                if left > 0:
                    self._wake.wait(left)  # then look again: stop() may have come
                    continue
                self._due = None
                callback = self._on_reading
            _call(callback, value, "on_reading")  # may request() again (a recheck)

    def stop(self) -> None:
        with self._wake:
            self._running = False
            self._due = None
            thread, self._thread = self._thread, None
            self._wake.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join()


PortOpener = Callable[[str, int, float], serial.SerialBase]


def _open_port(port: str, baudrate: int, timeout: float) -> serial.SerialBase:
    return serial.serial_for_url(port, baudrate=baudrate, timeout=timeout)


class SerialThermometer:
    """A thermometer on a serial port that sends a line of text per reading.

    A reader thread opens `port` (a device such as /dev/ttyUSB0 or COM3, or any pyserial URL
    such as loop:// or socket://host:port), reads lines, and delivers the reading that
    `line_pattern` finds in each (see :func:`match_reading`); other lines are ignored (debug
    log). When the port cannot be opened or fails, on_error(message) is called once and the
    port is reopened after the reconnect delays (the last one repeated) until stop().
    `open_port` is for tests.
    """

    MAX_LINE = 256  # longer input without an end of line is dropped

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        line_pattern: str = DEFAULT_LINE_PATTERN,
        *,
        reconnect_delays: Sequence[float] = (0.5, 1, 2, 5),
        read_timeout: float = 0.1,
        open_port: PortOpener = _open_port,
        description: str | None = None,
    ) -> None:
        if not reconnect_delays or any(d < 0 for d in reconnect_delays):
            raise ValueError("reconnect_delays must be a non-empty list of delays >= 0")
        self.port = port
        self.baudrate = baudrate
        self.pattern = compile_line_pattern(line_pattern)
        self.reconnect_delays = tuple(float(d) for d in reconnect_delays)
        self.read_timeout = read_timeout
        self.description = description or f"serial thermometer on {port} ({baudrate} baud)"
        self._open_port = open_port
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_reading: Callable[[str], None] | None = None
        self._on_error: Callable[[str], None] | None = None
        self.connected = threading.Event()  # set while the port is open (for tests, status)

    def start(self, on_reading: Callable[[str], None], on_error: Callable[[str], None]) -> None:
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError("the serial thermometer is already running")
        self._on_reading = on_reading
        self._on_error = on_error
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="thermometer-serial")
        self._thread.start()

    def request(self) -> None:
        """Nothing to do: the device sends a reading when it takes one."""

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the serial thermometer thread did not stop within %.1f s", timeout)

    def _run(self) -> None:
        attempt = 0
        failing = False  # on_error was called and the port has not worked since
        while not self._stop.is_set():
            try:
                port = self._open_port(self.port, self.baudrate, self.read_timeout)
            except (serial.SerialException, OSError, ValueError) as exc:
                if not failing:
                    failing = True
                    _call(
                        self._on_error,
                        f"Cannot open the thermometer port {self.port}: {exc}",
                        "on_error",
                    )
                else:
                    log.debug("thermometer port %s still cannot be opened: %s", self.port, exc)
            else:
                self.connected.set()
                if failing:
                    log.info("thermometer port %s is open again", self.port)
                failing = False
                attempt = 0
                try:
                    problem = self._read_lines(port)
                finally:
                    self.connected.clear()
                    try:
                        port.close()
                    except Exception:
                        log.debug("closing thermometer port %s failed", self.port, exc_info=True)
                if problem is None:
                    return  # stopped
                failing = True
                _call(
                    self._on_error,
                    f"The thermometer on {self.port} was lost: {problem}",
                    "on_error",
                )
            delay = self.reconnect_delays[min(attempt, len(self.reconnect_delays) - 1)]
            attempt += 1
            if self._stop.wait(delay):
                return

    def _read_lines(self, port: serial.SerialBase) -> str | None:
        """Read until stop() (returns None) or a port failure (returns what happened)."""
        buffer = b""
        while not self._stop.is_set():
            try:
                waiting: int = getattr(port, "in_waiting", 0)  # not in SerialBase's stubs
                chunk = port.read(max(1, waiting))
            except (serial.SerialException, OSError, ValueError, TypeError) as exc:
                # TypeError/ValueError: pyserial's posix port when the file is gone
                return str(exc) or type(exc).__name__
            if not chunk:
                continue  # timeout: look at the stop flag
            buffer += chunk
            *lines, buffer = re.split(rb"\r\n|\r|\n", buffer)
            for raw in lines:
                self._line(raw)
            if len(buffer) > self.MAX_LINE:
                log.debug("thermometer sent %d bytes without an end of line; dropped", len(buffer))
                buffer = b""
        return None

    def _line(self, raw: bytes) -> None:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("latin-1")  # "°" is one byte, 0xB0, in Latin-1
        line = line.strip()
        if not line:
            return
        reading = match_reading(self.pattern, line)
        if reading is None:
            log.debug("thermometer line ignored: %r", line[:80])
            return
        _call(self._on_reading, reading, "on_reading")


def open_device(
    spec: ThermometerSpec, *, line_pattern: str = DEFAULT_LINE_PATTERN, sim_delay: float = 0.2
) -> ReadingDevice | None:
    """The device for `spec`, not yet started; None for manual and hid (the UI reads keys)."""
    if spec.kind == "serial":
        assert spec.port is not None
        return SerialThermometer(spec.port, spec.baudrate, line_pattern)
    if spec.kind == "sim":
        return SimulatedThermometer(spec.sim_values or ("36.6",), delay=sim_delay)
    return None


# --- a keyboard-wedge thermometer ---------------------------------------------------------


class HidLineBuffer:
    """Collects the characters a keyboard-wedge thermometer types; Enter completes a line.

    A device types a reading in one quick burst. A pause longer than `gap_ms` between two
    characters drops what was typed before it, so a stray key pressed by the guard does not
    end up in front of the next reading. Backspace removes the last character; other control
    characters are ignored. The times are the key events' times in seconds (by default
    time.monotonic() when fed).
    """

    def __init__(
        self,
        gap_ms: float = 200.0,
        *,
        max_length: int = 32,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.gap = gap_ms / 1000.0
        self.max_length = max_length
        self._clock = clock
        self._chars: list[str] = []
        self._last: float | None = None

    @property
    def pending(self) -> str:
        """What has been typed since the last Enter (or drop)."""
        return "".join(self._chars)

    def clear(self) -> None:
        self._chars.clear()
        self._last = None

    def feed(self, text: str, at: float | None = None) -> str | None:
        """Feed one key's text (or several characters typed at once).

        Returns the completed line (stripped, not empty) when Enter ("\\r" or "\\n") comes,
        otherwise None.
        """
        now = self._clock() if at is None else at
        if self._last is not None and now - self._last > self.gap:
            if self._chars:
                log.debug("typed input %r dropped after a pause", self.pending)
            self._chars.clear()
        self._last = now
        completed: str | None = None
        for char in text:
            if char in "\r\n":
                line = self.pending.strip()
                self._chars.clear()
                if line:
                    completed = line
            elif char in "\b\x7f":
                if self._chars:
                    self._chars.pop()
            elif char.isprintable():
                if len(self._chars) >= self.max_length:
                    self._chars.clear()  # not a reading: too long
                self._chars.append(char)
        return completed
