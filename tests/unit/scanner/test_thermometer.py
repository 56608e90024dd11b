"""Tests of the thermometer sources (gatekeeper.scanner.thermometer): spec parsing, the
simulated device, a serial device over pyserial's loop:// (and a pty), the keyboard-wedge
line buffer. No Qt, no hardware."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import serial

from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.scanner.thermometer import (
    DEFAULT_LINE_PATTERN,
    HidLineBuffer,
    SerialThermometer,
    SimulatedThermometer,
    ThermometerSpec,
    compile_line_pattern,
    match_reading,
    open_device,
    parse_thermometer_spec,
)

WAIT = 5.0


class Inbox:
    """Readings and errors delivered from a device's thread."""

    def __init__(self) -> None:
        self.readings: list[str] = []
        self.errors: list[str] = []
        self._changed = threading.Condition()

    def on_reading(self, text: str) -> None:
        with self._changed:
            self.readings.append(text)
            self._changed.notify_all()

    def on_error(self, text: str) -> None:
        with self._changed:
            self.errors.append(text)
            self._changed.notify_all()

    def wait_for(self, condition: Callable[[Inbox], bool], timeout: float = WAIT) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: condition(self), timeout), (
                f"timed out: readings {self.readings}, errors {self.errors}"
            )


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


def thermometer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("thermometer")]


@pytest.fixture(autouse=True)
def no_thread_left_behind() -> Iterator[None]:
    yield
    assert thermometer_threads() == []


# --- the spec -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("manual", ThermometerSpec("manual")),
        (" Manual ", ThermometerSpec("manual")),
        ("hid", ThermometerSpec("hid")),
        ("HID", ThermometerSpec("hid")),
        ("serial:/dev/ttyUSB0", ThermometerSpec("serial", port="/dev/ttyUSB0")),
        ("serial:COM3,115200", ThermometerSpec("serial", port="COM3", baudrate=115200)),
        ("serial: COM3 , 4800", ThermometerSpec("serial", port="COM3", baudrate=4800)),
        ("serial:loop://", ThermometerSpec("serial", port="loop://")),
        (
            "serial:socket://10.0.0.5:4001,19200",
            ThermometerSpec("serial", port="socket://10.0.0.5:4001", baudrate=19200),
        ),
        ("sim:36.6", ThermometerSpec("sim", value="36.6")),
        ("sim:97.9F", ThermometerSpec("sim", value="97.9F")),
        ("SIM:37.8,36.5", ThermometerSpec("sim", value="37.8,36.5")),
        ("sim: 37.8 , 98 F", ThermometerSpec("sim", value="37.8,98F")),
    ],
)
def test_good_thermometer_specs(text: str, spec: ThermometerSpec) -> None:
    assert parse_thermometer_spec(text) == spec


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "No thermometer given"),
        ("   ", "No thermometer given"),
        ("infrared", "unknown kind"),
        ("usb:1", "unknown kind"),
        ("manual:1", "'manual' takes no value"),
        ("hid:x", "'hid' takes no value"),
        ("serial", "the serial port is missing"),
        ("serial:", "the serial port is missing"),
        ("serial:,9600", "the serial port is missing"),
        ("serial:COM3,fast", "'fast' is not a baud rate"),
        ("serial:COM3,", "'' is not a baud rate"),
        ("serial:COM3,-9600", "'-9600' is not a baud rate"),
        ("serial:COM3,0", "'0' is not a baud rate"),
        ("serial:COM3,99999999", "'99999999' is not a baud rate"),
        ("sim", "the simulated reading is missing"),
        ("sim:", "the simulated reading is missing"),
        ("sim:warm", "'warm' is not a reading"),
        ("sim:36.6,", "'' is not a reading"),
        ("sim:36.6K", "'36.6K' is not a reading"),
        ("sim:-36", "'-36' is not a reading"),
        ("sim:36,6", "'6' is not a reading"),  # the comma separates readings
    ],
)
def test_bad_thermometer_specs_name_the_accepted_forms(text: str, why: str) -> None:
    with pytest.raises(UserError) as info:
        parse_thermometer_spec(text)
    message = str(info.value)
    assert why in message
    for form in ("manual", "hid", "serial:PORT[,BAUD]", "sim:VALUE"):
        assert form in message


def test_spec_text_is_canonical_and_names_the_device() -> None:
    assert parse_thermometer_spec(" serial: COM3 ").text == "serial:COM3,9600"
    assert str(parse_thermometer_spec("SIM:37.8, 36.5")) == "sim:37.8,36.5"
    assert parse_thermometer_spec("HID").text == "hid"
    assert parse_thermometer_spec("sim:37.8,36.5").sim_values == ("37.8", "36.5")
    assert ThermometerSpec("manual").sim_values == ()


def test_open_device_gives_a_device_only_for_serial_and_sim() -> None:
    assert open_device(parse_thermometer_spec("manual")) is None
    assert open_device(parse_thermometer_spec("hid")) is None
    sim = open_device(parse_thermometer_spec("sim:36.6"))
    assert isinstance(sim, SimulatedThermometer)
    assert sim.delay == 0.2
    dev = open_device(
        parse_thermometer_spec("serial:COM7,115200"), line_pattern=r"T=(?P<value>\S+)"
    )
    assert isinstance(dev, SerialThermometer)
    assert (dev.port, dev.baudrate, dev.pattern.pattern) == ("COM7", 115200, r"T=(?P<value>\S+)")
    assert dev.description == "serial thermometer on COM7 (115200 baud)"
    with pytest.raises(UserError, match=r"line pattern .* is not valid"):
        open_device(parse_thermometer_spec("serial:COM7"), line_pattern="(?P<value>")


# --- the line pattern ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reading"),
    [
        ("36.6", "36.6"),
        ("36.6C", "36.6C"),
        ("TEMP: 36.6 °C", "36.6C"),
        ("T=98.1F", "98.1F"),
        ("body 37,2 c", "37,2C"),
        ("36.6 deg F", "36.6F"),
        ("37", "37"),
        ("101.25", "101.25"),
        ("36.6 Celsius", "36.6"),  # "C" of a word is not a unit
        ("ID 1234", None),  # not "123"
        ("36.655", None),  # too many decimals: not "36.65"
        ("ERR", None),
        ("", None),
        ("---.-", None),
        ("5", None),
    ],
)
def test_the_default_line_pattern(line: str, reading: str | None) -> None:
    assert match_reading(compile_line_pattern(DEFAULT_LINE_PATTERN), line) == reading


def test_what_the_default_pattern_finds_is_what_the_domain_parses() -> None:
    pattern = compile_line_pattern(DEFAULT_LINE_PATTERN)
    for line, celsius in [("TEMP: 36.6 °C", 36.6), ("T=98.1F", 36.72), ("body 37,2 c", 37.2)]:
        text = match_reading(pattern, line)
        assert text is not None
        assert parse_reading(text).value_c == pytest.approx(celsius)


def test_custom_line_patterns() -> None:
    no_groups = compile_line_pattern(r"\d+\.\d")
    assert match_reading(no_groups, "xx 36.6 yy") == "36.6"
    optional_value = compile_line_pattern(r"OK(?: (?P<value>\d+\.\d))?")
    assert match_reading(optional_value, "OK") is None
    assert match_reading(optional_value, "OK 36.9") == "36.9"


# --- the simulated thermometer ------------------------------------------------------------


def test_the_simulated_thermometer_answers_requests_with_its_sequence(inbox: Inbox) -> None:
    device = open_device(parse_thermometer_spec("sim:37.8,36.5"), sim_delay=0)
    assert device is not None
    assert device.description == "simulated thermometer (37.8, 36.5)"
    device.request()  # before start(): nothing
    device.start(inbox.on_reading, inbox.on_error)
    try:
        for n in range(1, 4):
            device.request()
            inbox.wait_for(lambda i, n=n: len(i.readings) == n)  # type: ignore[misc]
    finally:
        device.stop()
    assert inbox.readings == ["37.8", "36.5", "36.5"]  # then the last again
    assert inbox.errors == []


def test_the_simulated_thermometer_answers_from_a_timer_thread_after_its_delay(
    inbox: Inbox,
) -> None:
    threads: list[str] = []
    device = SimulatedThermometer("97.9F", delay=0.05)
    device.start(
        lambda text: (threads.append(threading.current_thread().name), inbox.on_reading(text)),
        inbox.on_error,
    )
    started = time.monotonic()
    device.request()
    device.request()  # while one is pending: ignored
    inbox.wait_for(lambda i: len(i.readings) == 1)
    elapsed = time.monotonic() - started
    time.sleep(0.1)
    device.stop()
    assert elapsed >= 0.04
    assert inbox.readings == ["97.9F"]
    assert threads == ["thermometer-sim"]


def test_the_simulated_thermometer_can_be_asked_again_from_its_callback(inbox: Inbox) -> None:
    device = SimulatedThermometer(["37.8", "36.5"], delay=0)

    def on_reading(text: str) -> None:
        inbox.on_reading(text)
        if len(inbox.readings) == 1:
            device.request()  # a recheck at once

    device.start(on_reading, inbox.on_error)
    device.request()
    inbox.wait_for(lambda i: len(i.readings) == 2)
    device.stop()
    assert inbox.readings == ["37.8", "36.5"]


def test_stopping_the_simulated_thermometer_cancels_a_pending_answer(inbox: Inbox) -> None:
    device = SimulatedThermometer("36.6", delay=30)
    device.start(inbox.on_reading, inbox.on_error)
    device.request()
    started = time.monotonic()
    device.stop()
    device.stop()
    assert time.monotonic() - started < 1
    device.request()  # after stop(): nothing
    assert inbox.readings == []
    with pytest.raises(ValueError):
        SimulatedThermometer([])


# --- the serial thermometer ---------------------------------------------------------------


class LoopPorts:
    """Opens pyserial loop:// ports and keeps them, so a test can write what the "device"
    sends; `failures` opens fail first."""

    def __init__(self, failures: int = 0) -> None:
        self.ports: list[serial.SerialBase] = []
        self.failures = failures
        self.calls: list[tuple[str, int, float]] = []

    def __call__(self, port: str, baudrate: int, timeout: float) -> serial.SerialBase:
        self.calls.append((port, baudrate, timeout))
        if self.failures:
            self.failures -= 1
            raise serial.SerialException(f"could not open port {port}: busy")
        opened = serial.serial_for_url("loop://", baudrate=baudrate, timeout=timeout)
        self.ports.append(opened)
        return opened


@pytest.fixture
def serial_devices() -> Iterator[list[SerialThermometer]]:
    devices: list[SerialThermometer] = []
    yield devices
    for device in devices:
        device.stop()


def test_serial_readings_are_found_in_lines_and_garbage_is_ignored(
    inbox: Inbox, serial_devices: list[SerialThermometer], caplog: pytest.LogCaptureFixture
) -> None:
    ports = LoopPorts()
    device = SerialThermometer("COM9", 19200, open_port=ports)
    serial_devices.append(device)
    device.start(inbox.on_reading, inbox.on_error)
    assert device.connected.wait(WAIT)
    assert ports.calls == [("COM9", 19200, 0.1)]
    port = ports.ports[0]
    caplog.set_level("DEBUG", logger="gatekeeper.scanner.thermometer")
    port.write(b"READY\r\n\xff\xfe garbage\r\nTEMP 36.6 C\r\n#####\n")
    port.write(b"98.1F\rBody: 37,2\xb0C\r\n")  # CR alone ends a line; Latin-1 degree sign
    port.write(b"T=37.")  # a line in two parts
    time.sleep(0.05)
    port.write(b"05 \xc2\xb0C\n")  # UTF-8 degree sign
    inbox.wait_for(lambda i: len(i.readings) == 4)
    device.request()  # ignored: a serial thermometer sends when it measures
    device.stop()
    assert inbox.readings == ["36.6C", "98.1F", "37,2C", "37.05C"]
    assert inbox.errors == []
    assert "thermometer line ignored: 'READY'" in caplog.text
    assert port.is_open is False  # closed by the reader thread


def test_a_serial_line_without_an_end_is_dropped_when_too_long(
    inbox: Inbox, serial_devices: list[SerialThermometer]
) -> None:
    ports = LoopPorts()
    device = SerialThermometer("loop://", open_port=ports)
    serial_devices.append(device)
    device.start(inbox.on_reading, inbox.on_error)
    assert device.connected.wait(WAIT)
    ports.ports[0].write(b"9" * 600)
    ports.ports[0].write(b"\n36.8\n")
    inbox.wait_for(lambda i: len(i.readings) == 1)
    assert inbox.readings == ["36.8"]


def test_a_serial_port_that_cannot_be_opened_is_reported_once_and_retried(
    inbox: Inbox, serial_devices: list[SerialThermometer]
) -> None:
    ports = LoopPorts(failures=3)
    device = SerialThermometer("COM4", open_port=ports, reconnect_delays=(0.01,))
    serial_devices.append(device)
    device.start(inbox.on_reading, inbox.on_error)
    assert device.connected.wait(WAIT)
    ports.ports[0].write(b"36.7\n")
    inbox.wait_for(lambda i: len(i.readings) == 1)
    assert len(ports.calls) == 4
    assert inbox.errors == ["Cannot open the thermometer port COM4: could not open port COM4: busy"]


def test_a_lost_serial_port_is_reported_and_reopened(
    inbox: Inbox, serial_devices: list[SerialThermometer]
) -> None:
    ports = LoopPorts()
    device = SerialThermometer("COM5", open_port=ports, reconnect_delays=(0.01,))
    serial_devices.append(device)
    device.start(inbox.on_reading, inbox.on_error)
    assert device.connected.wait(WAIT)
    ports.ports[0].write(b"36.4\n")
    inbox.wait_for(lambda i: len(i.readings) == 1)
    ports.ports[0].close()  # unplugged
    inbox.wait_for(lambda i: len(i.errors) == 1)
    assert inbox.errors[0].startswith("The thermometer on COM5 was lost: ")
    deadline = time.monotonic() + WAIT
    while len(ports.ports) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert device.connected.wait(WAIT)
    ports.ports[1].write(b"36.5\n")
    inbox.wait_for(lambda i: len(i.readings) == 2)
    assert inbox.readings == ["36.4", "36.5"]


def test_stopping_a_serial_thermometer_is_prompt_even_while_retrying(
    inbox: Inbox,
) -> None:
    device = SerialThermometer("COM6", open_port=LoopPorts(failures=10**6), reconnect_delays=(60,))
    device.start(inbox.on_reading, inbox.on_error)
    inbox.wait_for(lambda i: len(i.errors) == 1)
    started = time.monotonic()
    device.stop()
    device.stop()
    assert time.monotonic() - started < 1
    real = SerialThermometer("loop://")  # pyserial's own opener
    real.start(inbox.on_reading, inbox.on_error)
    assert real.connected.wait(WAIT)
    with pytest.raises(RuntimeError, match="already running"):
        real.start(inbox.on_reading, inbox.on_error)
    started = time.monotonic()
    real.stop()
    assert time.monotonic() - started < 1
    assert not real.connected.is_set()


def test_a_missing_serial_device_is_reported(inbox: Inbox) -> None:
    device = SerialThermometer("/no/such/tty", reconnect_delays=(60,))
    device.start(inbox.on_reading, inbox.on_error)
    inbox.wait_for(lambda i: len(i.errors) == 1)
    device.stop()
    assert inbox.errors[0].startswith("Cannot open the thermometer port /no/such/tty")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_serial_thermometer_on_a_pty(inbox: Inbox) -> None:
    master, slave = os.openpty()
    try:
        device = SerialThermometer(os.ttyname(slave), 9600)
        device.start(inbox.on_reading, inbox.on_error)
        try:
            assert device.connected.wait(WAIT)
            os.write(master, b"hello\r\n36.9 C\r\n")
            inbox.wait_for(lambda i: len(i.readings) == 1)
        finally:
            device.stop()
    finally:
        os.close(master)
        os.close(slave)
    assert inbox.readings == ["36.9C"]


# --- the keyboard wedge -------------------------------------------------------------------


def typed(buffer: HidLineBuffer, text: str, start: float, step: float = 0.01) -> list[str]:
    """Feed `text` a character at a time, `step` s apart; the lines completed."""
    lines = []
    for i, char in enumerate(text):
        line = buffer.feed(char, at=start + i * step)
        if line is not None:
            lines.append(line)
    return lines


def test_enter_completes_a_line() -> None:
    buffer = HidLineBuffer()
    assert typed(buffer, "36.6\r", 0.0) == ["36.6"]
    assert buffer.pending == ""
    assert typed(buffer, " 98.2F \n", 1.0) == ["98.2F"]
    assert typed(buffer, "\r", 2.0) == []  # an empty line is no reading
    assert buffer.feed("37.1\r", at=3.0) == "37.1"  # several characters at once


def test_a_pause_drops_what_was_typed_before_it() -> None:
    buffer = HidLineBuffer(gap_ms=100)
    assert typed(buffer, "5", 0.0) == []  # a stray key
    assert buffer.pending == "5"
    assert typed(buffer, "36.6\r", 5.0) == ["36.6"]  # not "536.6"
    assert typed(buffer, "36.", 10.0) == []
    # a device that paused mid-reading: only the rest is left, which the domain refuses
    assert typed(buffer, "6\r", 10.02 + 0.15) == ["6"]
    assert typed(buffer, "37.0\r", 20.0, step=0.099) == ["37.0"]  # under the gap: kept


def test_a_pause_before_enter_drops_the_line() -> None:
    buffer = HidLineBuffer(gap_ms=100)
    typed(buffer, "36.6", 0.0)
    assert buffer.feed("\r", at=1.0) is None


def test_backspace_and_control_characters() -> None:
    buffer = HidLineBuffer()
    assert typed(buffer, "36.7\b6\r", 0.0) == ["36.6"]
    assert typed(buffer, "\b\b37\x7f8.0\x1b\t\r", 1.0) == ["38.0"]


def test_an_overlong_line_is_not_a_reading() -> None:
    buffer = HidLineBuffer(max_length=8)
    assert typed(buffer, "123456789012\r", 0.0) == ["9012"]
    buffer.feed("36")
    buffer.clear()
    assert buffer.pending == ""


def test_the_buffer_uses_its_clock_when_no_time_is_given() -> None:
    now = [100.0]
    buffer = HidLineBuffer(gap_ms=50, clock=lambda: now[0])
    buffer.feed("9")
    now[0] += 1
    assert buffer.feed("36.6\r") == "36.6"


def test_a_thermometer_sending_garbage_between_readings_lets_only_readings_through(
    inbox: Inbox, serial_devices: list[SerialThermometer]
) -> None:
    """A cable with noise, a device that talks binary at the wrong baud rate, a wall of NULs:
    nothing crashes, the port stays open, and the readings between come through in order.
    What the pattern takes for a number but no body has (12.5, 999.9) comes through too and
    is refused by the domain's plausibility check, as the kiosk does with it."""
    import random

    from gatekeeper.domain.temperature import ReadingError

    rng = random.Random(20261127)
    # Any byte but digits and ends of line: no reading can hide in the noise by chance.
    noise = bytes(b for b in range(256) if not 48 <= b <= 57 and b not in (10, 13))
    good = [b"36.6", b"TEMP 37.2 C", b"98.6F", b"Body: 36,9\xb0C"]
    stream = b""
    for reading in good:
        for _ in range(rng.randint(3, 8)):
            junk = bytes(rng.choice(noise) for _ in range(rng.randint(0, 120)))
            stream += junk + rng.choice([b"\r\n", b"\n", b"\r"])
        stream += reading + b"\r\n"
    stream += b"\x00" * 5000  # no end of line for a long while: dropped
    stream += b"\nTEMP 12.5\n999.9\n\x1b[2J\x1b[H\n36.7\n"

    ports = LoopPorts()
    device = SerialThermometer("COM7", open_port=ports)
    serial_devices.append(device)
    device.start(inbox.on_reading, inbox.on_error)
    assert device.connected.wait(WAIT)
    position = 0
    while position < len(stream):  # in pieces of any size, as a UART delivers them
        size = rng.randint(1, 300)
        ports.ports[0].write(stream[position : position + size])
        position += size
        if rng.random() < 0.1:
            time.sleep(0.01)
    inbox.wait_for(lambda i: len(i.readings) == 7)

    assert inbox.errors == []
    assert device.connected.is_set()  # the port was never given up
    assert inbox.readings == ["36.6", "37.2C", "98.6F", "36,9C", "12.5", "999.9", "36.7"]
    accepted = []
    for text in inbox.readings:
        try:
            accepted.append(parse_reading(text).value_c)
        except ReadingError:
            continue
    assert accepted == [36.6, 37.2, 37.0, 36.9, 36.7]
