"""Tests of the capture loop (gatekeeper.scanner.capture) with fake and synthetic sources.
No Qt, no camera."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pytest

from gatekeeper.scanner.capture import CameraState, CaptureLoop, CaptureStats, FrameResult
from gatekeeper.scanner.decoder import DecodeResult, QrDecoder
from gatekeeper.scanner.sources import DemoSource, FrameSource, SourceError

SMALL = (320, 240)
WAIT = 5.0  # seconds a test waits for something that should take milliseconds

_demo = DemoSource(["GK1FAKE"], SMALL, empty_frames=1, badge_frames=1)
EMPTY_FRAME = _demo.frame(0)
BADGE_FRAME = _demo.frame(1)


class FakeSource:
    """A camera that gives `frames` frames (badge, empty, badge, ...) and then is lost.

    `frames=None`: never lost. `fail_open`: open() raises SourceError. `read_error`: read()
    raises it instead of returning None. `paced`: as a file would be; otherwise each read
    takes `read_delay` s, as a camera's does.
    """

    def __init__(
        self,
        frames: int | None = None,
        *,
        fail_open: bool = False,
        read_error: Exception | None = None,
        paced: bool = False,
        read_delay: float = 0.002,
    ) -> None:
        self.description = "fake camera"
        self.frames = frames
        self.fail_open = fail_open
        self.read_error = read_error
        self._paced = paced
        self.read_delay = read_delay
        self.opened = False
        self.closed = False
        self.reads = 0

    @property
    def paced(self) -> bool:
        return self._paced

    def open(self) -> None:
        if self.fail_open:
            raise SourceError("Fake camera is not connected.")
        self.opened = True

    def read(self) -> np.ndarray | None:
        assert self.opened and not self.closed
        if self.frames is not None and self.reads >= self.frames:
            if self.read_error is not None:
                raise self.read_error
            return None
        if not self._paced and self.read_delay:
            time.sleep(self.read_delay)
        self.reads += 1
        return (BADGE_FRAME if self.reads % 2 else EMPTY_FRAME).copy()

    def close(self) -> None:
        self.closed = True


@dataclass
class Recorder:
    """Collects what the loop reports, and lets a test wait for it."""

    states: list[tuple[CameraState, str]] = field(default_factory=list)
    frames: list[FrameResult] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self.changed = threading.Condition(self.lock)

    def on_frame(self, result: FrameResult) -> None:
        with self.changed:
            self.frames.append(result)
            self.changed.notify_all()

    def on_state(self, state: CameraState, message: str) -> None:
        with self.changed:
            self.states.append((state, message))
            self.changed.notify_all()

    def wait_for(self, condition: Callable[[Recorder], bool], timeout: float = WAIT) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: condition(self), timeout), (
                f"timed out; states {self.state_names()}, {len(self.frames)} frames"
            )

    def state_names(self) -> list[CameraState]:
        return [s for s, _ in self.states]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_loop(recorder: Recorder) -> Iterator[Callable[..., CaptureLoop]]:
    """Makes capture loops reporting to `recorder`; stops every one at the end."""
    loops: list[CaptureLoop] = []

    def make(factory: Callable[[], FrameSource], **kwargs: object) -> CaptureLoop:
        kwargs.setdefault("reconnect_delays", (0.01,))
        loop = CaptureLoop(factory, QrDecoder(), recorder.on_frame, recorder.on_state, **kwargs)  # type: ignore[arg-type]
        loops.append(loop)
        return loop

    yield make
    for loop in loops:
        loop.stop()
    assert not any(t.name == "capture" for t in threading.enumerate())


def capture_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "capture"]


def scripted(sources: list[FakeSource], then: Callable[[], FakeSource]) -> Callable[[], FakeSource]:
    """A source factory: the given sources in turn, then `then()` each time."""
    made: list[FakeSource] = []

    def factory() -> FakeSource:
        source = sources[len(made)] if len(made) < len(sources) else then()
        made.append(source)
        return source

    factory.made = made  # type: ignore[attr-defined]
    return factory


# --- reconnection -------------------------------------------------------------------------


def test_a_lost_camera_is_reported_and_reconnected(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    first = FakeSource(frames=3)  # lost after three frames
    unplugged = FakeSource(fail_open=True)  # the first reconnection fails
    factory = scripted([first, unplugged], then=lambda: FakeSource())
    loop = make_loop(factory, reconnect_delays=(0.01, 0.02))
    assert loop.state is CameraState.STOPPED
    loop.start()
    assert loop.state in (CameraState.STARTING, CameraState.RUNNING)
    recorder.wait_for(lambda r: r.state_names().count(CameraState.RUNNING) == 2)
    recorder.wait_for(lambda r: len(r.frames) >= 8)
    assert loop.state is CameraState.RUNNING
    assert len(capture_threads()) == 1
    assert capture_threads()[0].daemon is False

    loop.stop()
    assert loop.state is CameraState.STOPPED
    assert capture_threads() == []
    made: list[FakeSource] = factory.made  # type: ignore[attr-defined]
    assert all(source.closed for source in made)  # the lost ones, and the last one

    names = recorder.state_names()
    assert names == [
        CameraState.STARTING,
        CameraState.RUNNING,
        CameraState.LOST,  # read() returned None
        CameraState.LOST,  # open() failed: another message
        CameraState.RUNNING,
        CameraState.STOPPED,
    ]
    messages = [m for _, m in recorder.states]
    assert messages[1] == "fake camera"
    assert messages[2] == "Lost fake camera (unplugged or not responding)."
    assert messages[3] == "Fake camera is not connected."
    assert loop.stats.lost == 2

    # frames: numbered across the reconnection, badge frames decoded
    frames = recorder.frames
    assert [f.index for f in frames] == list(range(len(frames)))
    assert [f.codes[0].text if f.codes else None for f in frames[:4]] == [
        "GK1FAKE",
        None,
        "GK1FAKE",
        "GK1FAKE",  # three frames, then the new source's first
    ]
    assert isinstance(frames[0].codes[0], DecodeResult)
    assert all(f.decoded and f.decode_ms > 0 for f in frames)
    assert all(f.frame.shape == (240, 320, 3) for f in frames)
    times = [f.captured_at for f in frames]
    assert times == sorted(times)


def test_a_read_that_raises_counts_as_lost(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop], caplog: pytest.LogCaptureFixture
) -> None:
    broken = FakeSource(frames=2, read_error=OSError("driver crashed"))
    loop = make_loop(scripted([broken], then=lambda: FakeSource()))
    with caplog.at_level(logging.ERROR, logger="gatekeeper.scanner.capture"):
        loop.start()
        recorder.wait_for(lambda r: r.state_names().count(CameraState.RUNNING) == 2)
        loop.stop()
    lost = [m for s, m in recorder.states if s is CameraState.LOST]
    assert lost == ["Lost fake camera: reading failed (driver crashed)."]
    assert "reading fake camera failed" in caplog.text
    assert broken.closed


def test_reconnection_waits_the_delays_then_repeats_the_last(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    waits: list[float] = []
    loop: CaptureLoop

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 6:
            loop.stop()  # from the capture thread: only asks

    loop = make_loop(
        lambda: FakeSource(fail_open=True), reconnect_delays=(0.5, 1, 2, 5), sleep=sleep
    )
    loop.start()
    recorder.wait_for(lambda r: CameraState.STOPPED in r.state_names())
    loop.stop()
    assert waits == [0.5, 1, 2, 5, 5, 5]
    assert recorder.state_names() == [CameraState.STARTING, CameraState.LOST, CameraState.STOPPED]
    assert loop.stats.lost == 6


def test_the_delays_start_again_after_the_camera_worked(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    waits: list[float] = []
    loop: CaptureLoop
    sources = [FakeSource(fail_open=True), FakeSource(frames=1), FakeSource(fail_open=True)]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            loop.stop()

    loop = make_loop(
        scripted(sources, then=lambda: FakeSource(fail_open=True)),
        reconnect_delays=(0.5, 1, 2),
        sleep=sleep,
    )
    loop.start()
    recorder.wait_for(lambda r: CameraState.STOPPED in r.state_names())
    assert waits == [0.5, 0.5, 1]


def test_stop_interrupts_a_reconnection_delay(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    loop = make_loop(lambda: FakeSource(fail_open=True), reconnect_delays=(60,))
    loop.start()
    recorder.wait_for(lambda r: CameraState.LOST in r.state_names())
    started = time.monotonic()
    loop.stop(timeout=WAIT)
    assert time.monotonic() - started < 1.0
    assert loop.state is CameraState.STOPPED


def test_a_factory_that_raises_is_lost_with_its_message(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    def factory() -> FrameSource:
        raise SourceError("There is no camera, video file or folder 'x'.")

    loop = make_loop(factory)
    loop.start()
    recorder.wait_for(lambda r: CameraState.LOST in r.state_names())
    loop.stop()
    assert recorder.states[1] == (CameraState.LOST, "There is no camera, video file or folder 'x'.")


# --- callbacks ----------------------------------------------------------------------------


def test_callbacks_that_raise_do_not_stop_the_loop(
    make_loop: Callable[..., CaptureLoop], caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def on_frame(result: FrameResult) -> None:
        calls.append(result.index)
        raise RuntimeError("preview broke")

    def on_state(state: CameraState, message: str) -> None:
        raise RuntimeError("status bar broke")

    loop = CaptureLoop(lambda: FakeSource(), QrDecoder(), on_frame, on_state)
    with caplog.at_level(logging.ERROR, logger="gatekeeper.scanner.capture"):
        loop.start()
        deadline = time.monotonic() + WAIT
        while len(calls) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert loop.state is CameraState.RUNNING
        loop.stop()
    assert len(calls) >= 20
    assert loop.state is CameraState.STOPPED
    assert capture_threads() == []
    # logged with the traceback, but not once per frame
    frame_errors = [r for r in caplog.records if "on_frame failed" in r.getMessage()]
    assert len(frame_errors) == 1
    assert frame_errors[0].exc_info is not None
    assert any("on_state failed" in r.getMessage() for r in caplog.records)


def test_a_decoder_that_raises_gives_frames_without_codes(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenDecoder(QrDecoder):
        def decode(self, frame: np.ndarray) -> list[DecodeResult]:
            raise ValueError("bad frame")

    loop = CaptureLoop(lambda: FakeSource(), BrokenDecoder(), recorder.on_frame, recorder.on_state)
    with caplog.at_level(logging.ERROR, logger="gatekeeper.scanner.capture"):
        loop.start()
        recorder.wait_for(lambda r: len(r.frames) >= 3)
        loop.stop()
    assert all(f.codes == [] for f in recorder.frames)
    assert "decode failed" in caplog.text


def test_stop_from_a_callback_does_not_deadlock(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    loop: CaptureLoop

    def on_frame(result: FrameResult) -> None:
        if result.index == 2:
            loop.stop()

    loop = CaptureLoop(lambda: FakeSource(), QrDecoder(), on_frame, recorder.on_state)
    loop.start()
    recorder.wait_for(lambda r: CameraState.STOPPED in r.state_names())
    loop.stop()
    assert capture_threads() == []
    assert loop.stats.frames == 3


def test_the_receiver_owns_each_frame(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    loop = make_loop(lambda: FakeSource())
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 6)
    loop.stop()
    arrays = [f.frame for f in recorder.frames]
    assert len({a.ctypes.data for a in arrays[:6]}) == 6


def test_decode_every_decodes_one_frame_in_n(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    loop = make_loop(lambda: FakeSource(), decode_every=3)
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 7)
    loop.stop()
    frames = recorder.frames[:7]
    assert [f.decoded for f in frames] == [True, False, False, True, False, False, True]
    assert all(f.codes == [] and f.decode_ms == 0.0 for f in frames if not f.decoded)
    assert [bool(f.codes) for f in frames if f.decoded] == [True, False, True]


# --- start and stop -----------------------------------------------------------------------


def test_start_and_stop_misuse(recorder: Recorder, make_loop: Callable[..., CaptureLoop]) -> None:
    loop = make_loop(lambda: FakeSource())
    loop.stop()  # before start: nothing to do
    assert loop.state is CameraState.STOPPED
    loop.start()
    with pytest.raises(RuntimeError, match="already running"):
        loop.start()
    loop.stop()
    loop.stop()  # idempotent
    assert recorder.state_names().count(CameraState.STOPPED) == 1
    loop.start()  # a stopped loop can start again
    recorder.wait_for(lambda r: r.state_names()[-2:] == [CameraState.STARTING, CameraState.RUNNING])
    loop.stop()
    assert capture_threads() == []
    with pytest.raises(ValueError):
        CaptureLoop(FakeSource, QrDecoder(), recorder.on_frame, recorder.on_state, target_fps=0)
    with pytest.raises(ValueError):
        CaptureLoop(FakeSource, QrDecoder(), recorder.on_frame, recorder.on_state, decode_every=0)
    with pytest.raises(ValueError):
        CaptureLoop(
            FakeSource, QrDecoder(), recorder.on_frame, recorder.on_state, reconnect_delays=()
        )


def test_a_read_blocking_past_the_stop_timeout_is_waited_for_not_killed(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    release = threading.Event()
    source = FakeSource()

    class StuckSource(FakeSource):
        def read(self) -> np.ndarray | None:
            if self.reads >= 2:
                release.wait(WAIT)
            return super().read()

    source = StuckSource()
    loop = CaptureLoop(lambda: source, QrDecoder(), recorder.on_frame, recorder.on_state)
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) == 2)
    with caplog.at_level(logging.WARNING, logger="gatekeeper.scanner.capture"):
        loop.stop(timeout=0.05)
    assert "did not stop within 0.1 s" in caplog.text
    assert loop.running and not source.closed
    release.set()
    loop.stop()
    assert not loop.running and source.closed
    assert len(recorder.frames) == 2  # the frame read after stop() is not delivered


# --- pace and figures ---------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_a_paced_source_is_read_at_the_target_rate(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    clock = FakeClock()
    loop = make_loop(lambda: FakeSource(paced=True), target_fps=30, clock=clock, sleep=clock.sleep)
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 91)
    loop.stop()
    times = [f.captured_at for f in recorder.frames[:91]]
    assert times[-1] - times[0] == pytest.approx(3.0)
    assert np.diff(times) == pytest.approx(np.full(90, 1 / 30))


def test_a_device_source_is_not_slowed_down(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    clock = FakeClock()
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)

    loop = make_loop(
        lambda: FakeSource(paced=False, read_delay=0), target_fps=30, clock=clock, sleep=sleep
    )
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 50)
    loop.stop()
    assert slept == []


def test_a_paced_source_does_not_catch_up_after_a_stall(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    clock = FakeClock()

    class StallingSource(FakeSource):
        def read(self) -> np.ndarray | None:
            if self.reads == 5:
                clock.now += 2.0  # a two-second hiccup
            return super().read()

    loop = make_loop(
        lambda: StallingSource(paced=True), target_fps=10, clock=clock, sleep=clock.sleep
    )
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 10)
    loop.stop()
    gaps = np.diff([f.captured_at for f in recorder.frames[:10]])
    assert gaps[:4] == pytest.approx(np.full(4, 0.1))
    assert gaps[4] == pytest.approx(2.1)  # the stall (and the regular wait before it)
    assert gaps[5] == 0  # late: the next frame at once
    assert gaps[6:] == pytest.approx(np.full(3, 0.1))  # then the regular pace, no burst


def test_the_demo_source_keeps_the_pace_in_real_time(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    """Loose on purpose (timing on a shared machine): never faster than the target, and not
    far slower."""
    source = DemoSource(["GK1DEMO"], SMALL, empty_frames=3, badge_frames=3)
    loop = make_loop(lambda: source, target_fps=40)
    loop.start()
    recorder.wait_for(lambda r: len(r.frames) >= 1)
    started = recorder.frames[0].captured_at
    time.sleep(0.75)
    stats = loop.stats
    loop.stop()
    frames = [f for f in recorder.frames if f.captured_at - started <= 0.5]
    assert 10 <= len(frames) <= 40 * 0.5 + 2
    assert isinstance(stats, CaptureStats)
    assert 20 <= stats.fps <= 42
    assert stats.frames >= 20
    assert 0 < stats.decoded <= stats.decode_runs == stats.frames
    assert stats.mean_decode_ms > 0 and stats.last_decode_ms > 0


def test_the_fps_figure_falls_when_frames_stop(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    clock = FakeClock()
    reconnect = threading.Event()

    def sleep(seconds: float) -> None:
        if seconds < 1:
            clock.sleep(seconds)  # the pace
        else:
            reconnect.wait(WAIT)  # the reconnection delay: until the test is done

    loop = make_loop(
        lambda: FakeSource(frames=30, paced=True),
        target_fps=20,
        clock=clock,
        sleep=sleep,
        reconnect_delays=(3600,),
    )
    assert loop.stats.fps == 0
    loop.start()
    recorder.wait_for(lambda r: CameraState.LOST in r.state_names())
    assert loop.stats.fps == 20  # the frames of the last second
    assert loop.stats.frames == 30
    clock.now += 0.5
    assert loop.stats.fps == 10
    clock.now += 1.0
    assert loop.stats.fps == 0
    loop._stop.set()  # stop() would wait for the blocked fake sleep first
    reconnect.set()
    loop.stop()


# --- a camera unplugged and plugged back ------------------------------------------------------


class UsbPort:
    """Where a fake camera is plugged in: each opening makes a new source on it (as
    open_source does on every reconnection); while it is unplugged, reads return nothing (as
    cv2.VideoCapture.read does) and opening fails."""

    def __init__(self) -> None:
        self.plugged = threading.Event()
        self.plugged.set()
        self.opened = 0

    def source(self) -> FrameSource:
        port = self

        class Camera(FakeSource):
            def open(self) -> None:
                if not port.plugged.is_set():
                    raise SourceError("Camera 0 is not connected.")
                port.opened += 1
                super().open()

            def read(self) -> np.ndarray | None:
                if not port.plugged.is_set():
                    return None
                return super().read()

        return Camera()


def test_a_camera_unplugged_mid_stream_comes_back_when_plugged_in_again(
    recorder: Recorder, make_loop: Callable[..., CaptureLoop]
) -> None:
    port = UsbPort()
    loop = make_loop(port.source, reconnect_delays=(0.01, 0.02))
    loop.start()
    for running in (1, 2):  # unplugged twice: it comes back each time
        recorder.wait_for(lambda r, n=running: r.state_names().count(CameraState.RUNNING) == n)
        recorder.wait_for(lambda r, n=running: len(r.frames) >= 4 * n)
        port.plugged.clear()  # unplugged while frames come in
        recorder.wait_for(lambda r: r.state_names()[-1] is CameraState.LOST
                          and "not connected" in r.states[-1][1])
        time.sleep(0.1)  # several attempts fail meanwhile
        frames_while_lost = len(recorder.frames)
        time.sleep(0.05)
        assert len(recorder.frames) == frames_while_lost  # nothing from an unplugged camera
        port.plugged.set()  # plugged back
    recorder.wait_for(lambda r: r.state_names().count(CameraState.RUNNING) == 3)
    recorder.wait_for(lambda r: len(r.frames) >= frames_while_lost + 4)
    loop.stop()

    names = recorder.state_names()
    assert names[0] is CameraState.STARTING and names[-1] is CameraState.STOPPED
    # lost (reading stopped), lost (opening fails): said once each, however many attempts
    assert names[1:-1] == [CameraState.RUNNING, CameraState.LOST, CameraState.LOST] * 2 + [
        CameraState.RUNNING
    ]
    lost = [m for s, m in recorder.states if s is CameraState.LOST]
    assert lost[:2] == ["Lost fake camera (unplugged or not responding).",
                        "Camera 0 is not connected."]
    assert port.opened == 3
    assert loop.stats.lost > 4  # every failed attempt is counted
    after = [f for f in recorder.frames[frames_while_lost:] if f.codes]
    assert after and after[0].codes[0].text == "GK1FAKE"  # badges read again at once
    assert [f.index for f in recorder.frames] == list(range(len(recorder.frames)))
