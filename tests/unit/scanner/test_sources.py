"""Tests of the frame sources (gatekeeper.scanner.sources). No Qt, no camera: there is no
/dev/video* on the build machines, so a camera number must fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from gatekeeper.errors import UserError
from gatekeeper.scanner.decoder import QrDecoder
from gatekeeper.scanner.sources import (
    DemoSource,
    DeviceSource,
    FrameSource,
    ImageFolderSource,
    SourceError,
    VideoFileSource,
    open_source,
    render_badge_frames,
    write_badge_video,
)

# the shape of a real badge token (base32 after "GK1", 151 characters)
TOKEN = "GK1" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 4 + "QRSTUVWXYZ23456745"
SMALL = (640, 360)


@pytest.fixture(scope="module")
def decoder() -> QrDecoder:
    return QrDecoder()


def texts(decoder: QrDecoder, frame: np.ndarray) -> list[str]:
    return [r.text for r in decoder.decode(frame)]


def read_n(source: FrameSource, n: int) -> list[np.ndarray]:
    frames = []
    for _ in range(n):
        frame = source.read()
        assert frame is not None
        frames.append(frame)
    return frames


def assert_bgr(frame: np.ndarray, size: tuple[int, int]) -> None:
    assert frame.dtype == np.uint8
    assert frame.shape == (size[1], size[0], 3)


# --- camera -------------------------------------------------------------------------------


def test_a_camera_number_is_a_device_source_that_fails_clearly_without_a_camera() -> None:
    source = open_source("0")
    assert isinstance(source, DeviceSource)
    assert source.description == "camera 0"
    assert not source.paced
    with pytest.raises(SourceError, match=r"Camera 0 is not available.*not connected"):
        source.open()
    assert source.read() is None  # never opened: lost, not a crash
    source.close()
    source.close()


def test_source_error_is_a_user_error() -> None:
    assert issubclass(SourceError, UserError)


# --- video files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def badge_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "badge.avi"
    return write_badge_video(path, TOKEN, fps=30, seconds=1.5, size=SMALL)


def test_write_badge_video_makes_an_mjpg_avi_with_empty_frames_around_the_badge(
    badge_video: Path, decoder: QrDecoder
) -> None:
    assert badge_video.read_bytes()[:4] == b"RIFF"
    cap = cv2.VideoCapture(str(badge_video))
    try:
        assert cap.isOpened()
        fourcc = int(cap.get(cv2.CAP_PROP_FOURCC))
        assert fourcc.to_bytes(4, "little") == b"MJPG"
        frames = []
        while True:
            ok, frame = cap.read()
            if not ok:
                break
            frames.append(frame)
    finally:
        cap.release()
    assert len(frames) == 45  # 1.5 s at 30 fps: 15 empty, 15 badge, 15 empty
    assert_bgr(frames[0], SMALL)
    found = [bool(texts(decoder, f)) for f in frames]
    assert found == [False] * 15 + [True] * 15 + [False] * 15
    assert texts(decoder, frames[22]) == [TOKEN]


def test_a_video_file_loops_and_its_badge_decodes(badge_video: Path, decoder: QrDecoder) -> None:
    source = open_source(str(badge_video))
    assert isinstance(source, VideoFileSource)
    assert source.description == "badge.avi"
    assert source.paced
    source.open()
    try:
        frames = read_n(source, 120)  # more than the 45 frames in the file
    finally:
        source.close()
    for frame in frames:
        assert_bgr(frame, SMALL)
    # every frame is a new array the receiver may keep
    assert len({f.ctypes.data for f in frames[:10]}) == 10
    decoded = [texts(decoder, frames[i]) for i in (22, 22 + 45, 22 + 90)]
    assert decoded == [[TOKEN]] * 3
    assert texts(decoder, frames[45]) == []  # the first frame again, empty
    assert source.read() is None  # closed


def test_a_video_file_source_can_be_reopened(badge_video: Path) -> None:
    source = VideoFileSource(badge_video)
    for _ in range(2):
        source.open()
        assert source.read() is not None
        source.close()


def test_write_badge_video_with_several_tokens_and_with_frames(
    tmp_path: Path, decoder: QrDecoder
) -> None:
    path = write_badge_video(
        tmp_path / "two.avi", ["GK1FIRST", "GK1SECOND"], fps=10, seconds=2.5, size=SMALL
    )
    source = VideoFileSource(path)
    source.open()
    frames = read_n(source, 25)
    source.close()
    seen = [t for f in frames for t in texts(decoder, f)]
    assert sorted(set(seen)) == ["GK1FIRST", "GK1SECOND"]
    assert seen.index("GK1FIRST") < seen.index("GK1SECOND")

    grey = [np.full((120, 160), 40 * i, np.uint8) for i in range(3)]
    path = write_badge_video(tmp_path / "grey.avi", grey, fps=5, size=(160, 120))
    cap = cv2.VideoCapture(str(path))
    assert cap.get(cv2.CAP_PROP_FRAME_COUNT) == 3
    cap.release()

    with pytest.raises(ValueError, match="at least one frame"):
        write_badge_video(tmp_path / "none.avi", [])
    with pytest.raises(TypeError):
        write_badge_video(tmp_path / "mixed.avi", ["GK1A", np.zeros((10, 10, 3), np.uint8)])


def test_render_badge_frames_splits_the_time_into_empty_and_badge_parts() -> None:
    frames = render_badge_frames(["GK1A"], fps=10, seconds=3, size=SMALL)
    assert len(frames) == 30
    with pytest.raises(ValueError):
        render_badge_frames([])


def test_a_file_that_is_not_a_video_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a video\n" * 100)
    with pytest.raises(SourceError, match=r"notes\.txt is a text file, not a video file"):
        open_source(str(notes))
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(np.random.default_rng(7).integers(0, 256, 50_000, np.uint8).tobytes())
    with pytest.raises(SourceError, match=r"broken\.mp4 is not a video file"):
        open_source(str(broken))
    empty = tmp_path / "empty.avi"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match="is not a video file"):
        open_source(str(empty))


def test_a_video_file_removed_after_the_choice_fails_to_open(
    tmp_path: Path, badge_video: Path
) -> None:
    copy = tmp_path / "copy.avi"
    copy.write_bytes(badge_video.read_bytes())
    source = open_source(str(copy))
    copy.unlink()
    with pytest.raises(SourceError, match="does not exist"):
        source.open()


# --- folders of images --------------------------------------------------------------------


def write_images(folder: Path, tokens: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    demo = DemoSource(tokens, SMALL, empty_frames=0, badge_frames=1)
    for i, suffix in enumerate([".png", ".JPG", ".webp", ".bmp", ".jpeg"][: len(tokens)]):
        path = folder / f"{i:02d}-badge{suffix}"
        ok, data = cv2.imencode(suffix.lower(), demo.frame(i))
        assert ok
        path.write_bytes(data.tobytes())
        paths.append(path)
    return paths


def test_a_folder_source_cycles_its_images_in_name_order(
    tmp_path: Path, decoder: QrDecoder
) -> None:
    tokens = ["GK1IMG0", "GK1IMG1", "GK1IMG2"]
    folder = tmp_path / "照片"  # non-ASCII paths work
    write_images(folder, tokens)
    (folder / "readme.txt").write_text("not an image")
    (folder / "sub.png").mkdir()  # a folder, not an image
    source = open_source(str(folder))
    assert isinstance(source, ImageFolderSource)
    assert source.paced
    assert source.description == "照片"
    source.frames_per_image = 2
    source.open()
    try:
        frames = read_n(source, 12)
    finally:
        source.close()
    for frame in frames:
        assert_bgr(frame, SMALL)
    seen = [texts(decoder, f) for f in frames]
    expected = [[t] for t in tokens for _ in range(2)]
    assert seen == expected * 2
    frames[0][:] = 0  # the receiver owns its frame: the next cycle is unchanged
    source.open()
    assert texts(decoder, read_n(source, 1)[0]) == ["GK1IMG0"]
    source.close()


def test_a_folder_source_skips_unreadable_images_and_is_lost_when_none_is_left(
    tmp_path: Path, decoder: QrDecoder
) -> None:
    folder = tmp_path / "images"
    good = write_images(folder, ["GK1GOOD"])[0]
    (folder / "00-broken.png").write_bytes(b"\x89PNG broken")
    source = ImageFolderSource(folder, frames_per_image=1)
    source.open()
    assert [texts(decoder, f) for f in read_n(source, 3)] == [["GK1GOOD"]] * 3
    source.close()
    source = ImageFolderSource(folder, frames_per_image=1)
    source.open()
    good.unlink()
    assert source.read() is None  # the only readable image is gone
    source.close()


def test_a_single_image_file_is_shown_as_a_still(tmp_path: Path, decoder: QrDecoder) -> None:
    image = write_images(tmp_path, ["GK1STILL"])[0]
    source = open_source(str(image))
    source.open()
    assert [texts(decoder, f) for f in read_n(source, 3)] == [["GK1STILL"]] * 3
    source.close()


def test_transparent_and_grey_images_become_bgr(tmp_path: Path) -> None:
    bgra = np.zeros((20, 30, 4), np.uint8)  # fully transparent: white
    cv2.imwrite(str(tmp_path / "a.png"), bgra)
    cv2.imwrite(str(tmp_path / "b.png"), np.full((20, 30), 77, np.uint8))
    cv2.imwrite(str(tmp_path / "c.png"), np.full((20, 30, 3), 1000, np.uint16))
    source = ImageFolderSource(tmp_path, frames_per_image=1)
    source.open()
    a, b, c = read_n(source, 3)
    source.close()
    assert a.shape == b.shape == c.shape == (20, 30, 3)
    assert a.min() == 255
    assert b.min() == b.max() == 77
    assert c.dtype == np.uint8


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(SourceError, match=r"has no images \(PNG, JPEG, BMP, WebP\)"):
        open_source(str(tmp_path))


# --- demo ---------------------------------------------------------------------------------


def test_the_demo_source_shows_the_tokens_in_order_between_empty_scenes(
    decoder: QrDecoder,
) -> None:
    tokens = [TOKEN, "GK1SECOND", "GK1THIRD"]
    source = open_source("demo", demo_tokens=tokens)
    assert isinstance(source, DemoSource)
    assert source.description == "demo"
    assert source.paced
    source.empty_frames, source.badge_frames = 4, 3
    source.open()
    frames = read_n(source, 7 * 4)  # one more cycle than there are tokens
    source.close()
    for frame in frames:
        assert_bgr(frame, (1280, 720))
    seen = [texts(decoder, f) for f in frames]
    empty: list[list[str]] = [[]] * 4
    expected = []
    for token in [*tokens, tokens[0]]:
        expected += empty + [[token]] * 3
    assert seen == expected
    assert [source.token_at(i) for i in range(7)] == [None] * 4 + [TOKEN] * 3


def test_the_demo_source_is_deterministic_and_hands_out_new_arrays() -> None:
    a = DemoSource(["GK1A"], SMALL, empty_frames=2, badge_frames=2)
    b = DemoSource(["GK1A"], SMALL, empty_frames=2, badge_frames=2)
    a.open()
    b.open()
    fa, fb = read_n(a, 8), read_n(b, 8)
    for x, y in zip(fa, fb, strict=True):
        assert np.array_equal(x, y)
    assert not np.array_equal(fa[0], fa[1])  # camera noise changes from frame to frame
    fa[0][:] = 0
    assert not np.array_equal(a.frame(0), fa[0])
    other = DemoSource(["GK1A"], SMALL, empty_frames=2, badge_frames=2, seed=1)
    assert not np.array_equal(other.frame(3), fb[3])


def test_the_demo_source_without_tokens_shows_an_empty_scene(decoder: QrDecoder) -> None:
    source = open_source("DEMO")
    source.open()
    assert all(texts(decoder, f) == [] for f in read_n(source, 5))
    source.close()
    assert source.read() is None


def test_the_demo_source_refuses_silly_sizes() -> None:
    with pytest.raises(ValueError):
        DemoSource(["x"], (10, 10))
    with pytest.raises(ValueError):
        DemoSource(["x"], badge_frames=0)


# --- choosing a source --------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["", "   ", "no/such/file.avi", "-1", "camera"])
def test_an_unknown_or_missing_source_says_what_is_expected(spec: str) -> None:
    with pytest.raises(SourceError, match=r"camera number \(0, 1, \.\.\.\).*'demo'") as info:
        open_source(spec)
    if spec.strip():
        assert spec in str(info.value)
