"""Fuzzing what thermometers send: random byte streams, cut into random chunks, through the
serial thermometer's reader thread (a fake serial port stands in for the device), and random
typing through the keyboard-wedge line buffer; then what comes out through the domain's
parser, as the kiosk does (parse_reading with a unit and a calibration offset).

Whatever arrives: the reader neither crashes nor reports a port error; every reading it
delivers has the shape of a reading; the readings are those of the complete lines, however the
bytes were chunked (lines of at most MAX_LINE bytes); garbage lines are logged and ignored;
and the domain turns every reading into a plausible temperature or a ReadingError."""

from __future__ import annotations

import logging
import re
import threading
import time

import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context, event

from gatekeeper.domain.enums import TempUnit
from gatekeeper.domain.temperature import (
    PLAUSIBLE_MAX_C,
    PLAUSIBLE_MIN_C,
    ReadingError,
    parse_reading,
)
from gatekeeper.scanner.thermometer import (
    DEFAULT_LINE_PATTERN,
    HidLineBuffer,
    SerialThermometer,
    compile_line_pattern,
    match_reading,
)

READING_SHAPE = re.compile(r"\d{2,3}(?:[.,]\d{1,2})?[CF]?")
PATTERN = compile_line_pattern(DEFAULT_LINE_PATTERN)
WAIT = 10.0


class FakePort:
    """A serial port that hands out the given chunks, then times out (empty reads)."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = list(chunks)
        self.drained = threading.Event()
        self.is_open = True
        self.in_waiting = 0

    def read(self, size: int = 1) -> bytes:
        if self.chunks:
            return self.chunks.pop(0)
        self.drained.set()
        time.sleep(0.001)  # a read timeout
        return b""

    def close(self) -> None:
        self.is_open = False


def reading_of(line: bytes) -> str | None:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text = line.decode("latin-1")
    text = text.strip()
    return match_reading(PATTERN, text) if text else None


def note(what: str) -> None:
    if currently_in_test_context():  # --hypothesis-show-statistics shows how often
        event(what)


def check_domain(reading: str, unit: TempUnit, offset: float) -> None:
    """What the kiosk does with a reading: a plausible temperature, or a ReadingError."""
    try:
        temperature = parse_reading(reading, unit, offset)
    except ReadingError as error:
        assert str(error)
    else:
        assert PLAUSIBLE_MIN_C <= temperature.value_c <= PLAUSIBLE_MAX_C


# --- what a device sends --------------------------------------------------------------------

_VALUE = st.one_of(
    st.sampled_from(["36.6", "37,2", "38.45", "98.6", "101.3", "35", "42.9", "43.01"]),
    st.builds(
        lambda whole, frac, comma: f"{whole}{(',' if comma else '.') + frac if frac else ''}",
        st.integers(0, 1200), st.text("0123456789", max_size=3), st.booleans(),
    ),
)
_LINE_TEXT = st.one_of(
    st.builds(lambda p, v, u: f"{p}{v}{u}", st.sampled_from(["", "T=", "TEMP: ", "Body ",
                                                             "ID 1234 ", "#", "-"]),
              _VALUE, st.sampled_from(["", "C", "F", " °C", "°F", " deg C", "c", " Celsius",
                                       "K", "CF"])),
    st.text(max_size=40),
)
_LINE = st.one_of(
    _LINE_TEXT.map(lambda t: t.encode("utf-8")),
    _LINE_TEXT.map(lambda t: t.encode("latin-1", errors="replace")),
    st.binary(max_size=60),
    st.binary(min_size=257, max_size=700),  # longer than a line may be
)
_END = st.sampled_from([b"\r\n", b"\n", b"\r", b"\n\r", b"\r\r\n"])


@st.composite
def streams(draw: st.DrawFn) -> tuple[bytes, list[bytes]]:
    """A byte stream of lines, and the chunks it arrives in."""
    parts: list[bytes] = []
    for line in draw(st.lists(_LINE, max_size=12)):
        parts += [line, draw(_END)]
    if draw(st.booleans()):
        parts.append(draw(st.binary(max_size=20)))  # an unfinished line at the end
    data = b"".join(parts)
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=10)))
    chunks = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    return data, [c for c in chunks if c]


def run_device(chunks: list[bytes]) -> tuple[list[str], list[str]]:
    """Feed ``chunks`` to a serial thermometer; the readings and errors it delivers."""
    port = FakePort(chunks)
    readings: list[str] = []
    errors: list[str] = []
    device = SerialThermometer("fuzz", open_port=lambda *_: port,  # type: ignore[arg-type,return-value]
                               reconnect_delays=(60,), read_timeout=0.001)
    device.start(readings.append, errors.append)
    try:
        assert port.drained.wait(WAIT), "the reader stopped reading"
    finally:
        device.stop()
    assert device._thread is not None and not device._thread.is_alive()
    assert not port.is_open  # closed by the reader thread
    return readings, errors


# --- the targets ----------------------------------------------------------------------------


@fuzz(200)
@given(stream=streams(), unit=st.sampled_from(TempUnit),
       offset=st.floats(-2, 2, allow_nan=False))
def test_fuzz_serial_thermometer_lines(
    stream: tuple[bytes, list[bytes]], unit: TempUnit, offset: float
) -> None:
    data, chunks = stream
    readings, errors = run_device(chunks)
    assert errors == []
    for reading in readings:
        assert READING_SHAPE.fullmatch(reading), reading
        check_domain(reading, unit, offset)
    *lines, rest = re.split(rb"\r\n|\r|\n", data)
    if all(len(line) <= SerialThermometer.MAX_LINE for line in [*lines, rest]):
        expected = [r for r in map(reading_of, lines) if r is not None]
        assert readings == expected  # however the bytes were chunked
        note("compared with the lines")
    note("some readings" if readings else "no reading")


def test_garbage_lines_are_logged_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="gatekeeper.scanner.thermometer")
    readings, errors = run_device([b"\xff\xfe\x00garbage\r\n", b"ERR --.-\n", b"36.", b"6\n",
                                   b"9" * 300, b"\n37.0\n"])
    assert (readings, errors) == (["36.6", "37.0"], [])
    assert "thermometer line ignored: '" in caplog.text
    assert "without an end of line; dropped" in caplog.text


@fuzz(300)
@given(
    keys=st.lists(st.tuples(
        st.one_of(st.text(max_size=3), st.sampled_from(["\r", "\n", "\b", "\x7f", "36.6\r"])),
        st.floats(0, 0.5),
    ), max_size=40),
    unit=st.sampled_from(TempUnit),
)
def test_fuzz_keyboard_wedge_typing(keys: list[tuple[str, float]], unit: TempUnit) -> None:
    buffer = HidLineBuffer(gap_ms=200, max_length=32)
    now = 0.0
    for text, pause in keys:
        now += pause
        line = buffer.feed(text, at=now)
        if line is None:
            continue
        assert line == line.strip() and line
        assert len(line) <= 32 and line.isprintable()
        check_domain(line, unit, 0.0)
    assert len(buffer.pending) <= 32
