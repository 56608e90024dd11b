"""Frame sources for the gate camera: a webcam, a video file, a folder of images, a demo.

``--camera SRC`` names one of them (see :func:`open_source`). Every source delivers BGR uint8
frames, a new array for each :meth:`FrameSource.read` (the receiver owns it), and ``None``
when the source is lost (a camera unplugged, a read failure); the capture loop
(:mod:`gatekeeper.scanner.capture`) then closes it and reconnects.

There is no camera on the build machines: tests and demos use video files (see
:func:`write_badge_video`) or the synthetic :class:`DemoSource`. No Qt here.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import cv2
import numpy as np
import qrcode
import qrcode.constants

from gatekeeper.errors import UserError

__all__ = [
    "IMAGE_SUFFIXES",
    "DemoSource",
    "DeviceSource",
    "FrameSource",
    "ImageFolderSource",
    "SourceError",
    "VideoFileSource",
    "open_source",
    "render_badge_frames",
    "write_badge_video",
]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")

EXPECTED_FORMS = (
    "a camera number (0, 1, ...), a video file, a folder of images (PNG, JPEG, BMP, WebP) or 'demo'"
)


class SourceError(UserError):
    """A camera source that cannot be opened or used; the message says what to check."""


@runtime_checkable
class FrameSource(Protocol):
    """Where camera frames come from. Used from one thread at a time (the capture thread)."""

    description: str
    """Short text for the screen: "camera 0", "badge.avi", "demo"."""

    def open(self) -> None:
        """Acquire the device or file. Raises SourceError with a message for a person."""

    def read(self) -> np.ndarray | None:
        """The next BGR uint8 frame, a new array; None when the source is lost."""

    def close(self) -> None:
        """Release the device or file. Safe to call twice, or without open()."""

    @property
    def paced(self) -> bool:
        """True when read() returns at once (files, folders, demo): the caller sets the pace."""


# --- a camera device ----------------------------------------------------------------------


class DeviceSource:
    """A camera by its index (cv2.VideoCapture(i)). read() blocks until the camera's next frame."""

    def __init__(self, index: int, *, size: tuple[int, int] | None = None) -> None:
        self.index = index
        self.size = size  # requested (width, height); the camera may choose another
        self.description = f"camera {index}"
        self._cap: cv2.VideoCapture | None = None

    @property
    def paced(self) -> bool:
        return False

    def open(self) -> None:
        self.close()
        cap = cv2.VideoCapture(self.index)
        if not cap.isOpened():
            cap.release()
            raise SourceError(
                f"Camera {self.index} is not available: it is not connected, or another "
                "program is using it. Check the cable, or choose another camera number."
            )
        if self.size is not None:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.size[0])
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.size[1])
        self._cap = cap

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        if not ok or frame is None or frame.size == 0:
            return None
        return _to_bgr(frame)

    def close(self) -> None:
        cap, self._cap = self._cap, None
        if cap is not None:
            cap.release()


# --- a video file -------------------------------------------------------------------------


class VideoFileSource:
    """A video file played in a loop (a fake camera for tests and demos)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.description = self.path.name
        self._cap: cv2.VideoCapture | None = None
        self._first: np.ndarray | None = None  # read by open(), returned by the next read()

    @property
    def paced(self) -> bool:
        return True

    def open(self) -> None:
        self.close()
        if not self.path.exists():
            raise SourceError(f"Video file {self.path} does not exist.")
        if not self.path.is_file():
            raise SourceError(f"{self.path} is not a video file.")
        if _looks_like_text(self.path):  # FFmpeg would "play" a text file as ANSI art
            raise SourceError(
                f"{self.path} is a text file, not a video file this program can play "
                "(AVI, MP4, MKV, ...)."
            )
        cap = cv2.VideoCapture(str(self.path))
        ok, frame = cap.read() if cap.isOpened() else (False, None)
        if not ok or frame is None or frame.size == 0:
            cap.release()
            raise SourceError(
                f"{self.path} is not a video file this program can play (AVI, MP4, MKV, ...)."
            )
        self._cap = cap
        self._first = _to_bgr(frame)

    def read(self) -> np.ndarray | None:
        if self._cap is None:
            return None
        if self._first is not None:
            first, self._first = self._first, None
            return first
        ok, frame = self._cap.read()
        if ok and frame is not None:
            return _to_bgr(frame)
        again = self._rewind()
        return None if again is None else _to_bgr(again)

    def _rewind(self) -> np.ndarray | None:
        """Back to the first frame: seek, or reopen when the container cannot seek."""
        assert self._cap is not None
        if self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0):
            ok, frame = self._cap.read()
            if ok and frame is not None:
                return np.asarray(frame)
        self._cap.release()
        self._cap = cv2.VideoCapture(str(self.path))
        if self._cap.isOpened():
            ok, frame = self._cap.read()
            if ok and frame is not None:
                return np.asarray(frame)
        log.warning("video file %s cannot be read again from the start", self.path)
        return None

    def close(self) -> None:
        cap, self._cap = self._cap, None
        self._first = None
        if cap is not None:
            cap.release()


def _looks_like_text(path: Path) -> bool:
    """True for a file whose start is UTF-8 text without NUL bytes (no video container is)."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    if not head or b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # only a character cut at the end
    return True


# --- a folder of images -------------------------------------------------------------------


class ImageFolderSource:
    """Image files shown in name order, each for `frames_per_image` frames, in a loop.

    `path` is a folder (its images, not its subfolders) or a single image file. An image that
    cannot be read is skipped with a warning; when none can be read, the source is lost.
    """

    def __init__(self, path: str | os.PathLike[str], *, frames_per_image: int = 30) -> None:
        if frames_per_image < 1:
            raise ValueError("frames_per_image must be at least 1")
        self.path = Path(path)
        self.frames_per_image = frames_per_image
        self.description = self.path.name or str(self.path)
        self._files: list[Path] = []
        self._cache: dict[Path, np.ndarray] = {}
        self._count = 0
        self._opened = False

    @property
    def paced(self) -> bool:
        return True

    @property
    def files(self) -> list[Path]:
        """The images found by open(), in the order they are shown."""
        return list(self._files)

    def open(self) -> None:
        self.close()
        self._files = list_images(self.path)
        self._count = 0
        self._opened = True

    def read(self) -> np.ndarray | None:
        if not self._opened or not self._files:
            return None
        for _ in range(len(self._files)):
            file = self._files[(self._count // self.frames_per_image) % len(self._files)]
            image = self._load(file)
            if image is not None:
                self._count += 1
                return image.copy()
            # skip to the first frame of the next image
            self._count = (self._count // self.frames_per_image + 1) * self.frames_per_image
        return None

    def _load(self, file: Path) -> np.ndarray | None:
        image = self._cache.get(file)
        if image is None:
            image = load_image(file)
            if image is None:
                log.warning("cannot read image %s; skipped", file)
                return None
            if len(self._files) <= 64:  # a small folder is kept in memory
                self._cache[file] = image
        return image

    def close(self) -> None:
        self._opened = False
        self._cache.clear()


def list_images(path: Path) -> list[Path]:
    """The image files of a folder in name order (or [path] for an image file); SourceError
    when there are none."""
    if path.is_file():
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise SourceError(f"{path} is not an image file (PNG, JPEG, BMP, WebP).")
        return [path]
    if not path.is_dir():
        raise SourceError(f"Image folder {path} does not exist.")
    try:
        files = sorted(
            (p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
            key=lambda p: p.name,
        )
    except OSError as exc:
        raise SourceError(f"Cannot read the folder {path}: {exc.strerror or exc}") from None
    if not files:
        raise SourceError(f"The folder {path} has no images (PNG, JPEG, BMP, WebP).")
    return files


def load_image(file: Path) -> np.ndarray | None:
    """An image file as BGR uint8 (transparency on white), or None when it cannot be read.

    Reads the bytes with Python so that non-ASCII paths work on Windows too.
    """
    try:
        data = file.read_bytes()
    except OSError:
        return None
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        return None
    if image.dtype == np.uint16:
        image = (image // 257).astype(np.uint8)
    elif image.dtype != np.uint8:
        return None
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        over_white = image[:, :, :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
        image = np.clip(over_white + 0.5, 0, 255).astype(np.uint8)
    return _to_bgr(image)


def _to_bgr(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        out: np.ndarray = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        return out
    if frame.ndim == 3 and frame.shape[2] == 4:
        out = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
        return out
    return frame


# --- the synthetic demo camera ------------------------------------------------------------


class DemoSource:
    """A synthetic webcam: an empty scene, then a person's badge held up, in turn.

    Each cycle shows the empty scene for `empty_frames` frames, then the badge QR code
    (error correction M) of the next token for `badge_frames` frames, slightly moving and
    with camera noise. The frames depend only on `seed` and the frame number, and each badge
    is rendered once, so a frame costs a few milliseconds (two copies and a small paste).
    Without tokens the scene stays empty.
    """

    NOISE_FRAMES = 6  # pre-rendered noisy scenes, used in turn

    def __init__(
        self,
        tokens: Sequence[str] = (),
        size: tuple[int, int] = (1280, 720),
        *,
        empty_frames: int = 60,
        badge_frames: int = 60,
        seed: int = 20261127,
        description: str = "demo",
    ) -> None:
        if size[0] < 160 or size[1] < 120:
            raise ValueError(f"demo frame size {size} is too small (at least 160x120)")
        if empty_frames < 0 or badge_frames < 1:
            raise ValueError("empty_frames must be >= 0 and badge_frames >= 1")
        self.tokens = tuple(tokens)
        self.size = size
        self.empty_frames = empty_frames
        self.badge_frames = badge_frames
        self.seed = seed
        self.description = description
        self._scenes: list[np.ndarray] = []
        self._cards: list[tuple[np.ndarray, np.ndarray]] = []  # (card BGR, mask 0/1) per token
        self._card_noise: np.ndarray | None = None
        self._count = 0
        self._opened = False

    @property
    def paced(self) -> bool:
        return True

    @property
    def cycle_frames(self) -> int:
        """Frames from one badge's first frame to the next badge's first frame."""
        return self.empty_frames + self.badge_frames

    def token_at(self, index: int) -> str | None:
        """The token whose badge frame `index` shows, or None for an empty scene."""
        if not self.tokens:
            return None
        cycle, phase = divmod(index, self.cycle_frames)
        if phase < self.empty_frames:
            return None
        return self.tokens[cycle % len(self.tokens)]

    def open(self) -> None:
        if not self._scenes:
            self._render()
        self._count = 0
        self._opened = True

    def read(self) -> np.ndarray | None:
        if not self._opened:
            return None
        index = self._count
        self._count += 1
        return self.frame(index)

    def close(self) -> None:
        self._opened = False

    def frame(self, index: int) -> np.ndarray:
        """Frame number `index` (a new array), the same every time for the same seed."""
        if not self._scenes:
            self._render()
        frame = self._scenes[index % len(self._scenes)].copy()
        token = self.token_at(index)
        if token is None:
            return frame
        cycle, phase = divmod(index, self.cycle_frames)
        card, mask = self._cards[cycle % len(self.tokens)]
        x, y = self._card_position(cycle, phase - self.empty_frames, card.shape)
        ch, cw = card.shape[:2]
        roi = frame[y : y + ch, x : x + cw]
        assert self._card_noise is not None
        noise = self._card_noise[index % 4, :ch, :cw]
        noisy = cv2.add(card, noise)  # the card is darker by _NOISE: centred noise
        np.copyto(roi, noisy, where=mask)
        return frame

    def _card_position(
        self, cycle: int, phase: int, card_shape: tuple[int, ...]
    ) -> tuple[int, int]:
        """Where the card is: a place per appearance, and a slow sway of a few pixels."""
        width, height = self.size
        ch, cw = card_shape[:2]
        rng = np.random.default_rng((self.seed, cycle))
        room_x, room_y = max(0, width - cw - 8), max(0, height - ch - 8)
        cx = int(rng.integers(room_x // 4, room_x * 3 // 4 + 1)) + 4
        cy = int(rng.integers(room_y // 4, room_y * 3 // 4 + 1)) + 4
        dx = round(3 * math.sin(phase / 7.0))
        dy = round(2 * math.cos(phase / 9.0))
        x = min(max(cx + dx, 0), width - cw)
        y = min(max(cy + dy, 0), height - ch)
        return x, y

    def _render(self) -> None:
        width, height = self.size
        rng = np.random.default_rng(self.seed)
        # a dim, uneven room: a diagonal gradient, a bright "door" and a dark floor band
        xs = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
        ys = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
        base = 70.0 + 60.0 * xs + 30.0 * ys
        scene = np.repeat(base[:, :, None], 3, axis=2)
        scene *= np.array([0.85, 0.95, 1.0], dtype=np.float32)  # a warm cast (BGR)
        scene[: height * 3 // 4, width // 12 : width // 5] += 50.0
        scene[height * 5 // 6 :, :] *= 0.6
        scene_u8 = np.clip(scene, 0, 255).astype(np.uint8)
        scene_u8 = cv2.GaussianBlur(scene_u8, (0, 0), 3)
        scene_i16 = scene_u8.astype(np.int16)
        self._scenes = [
            np.clip(
                scene_i16 + rng.integers(-_NOISE, _NOISE + 1, scene_u8.shape, np.int16), 0, 255
            ).astype(np.uint8)
            for _ in range(self.NOISE_FRAMES)
        ]
        module = max(2, round(5 * height / 720))  # pixels per QR module: ~5 at 720p
        self._cards = [
            _render_card(token, module, max_side=min(width, height) - 16) for token in self.tokens
        ]
        big_h = max((c.shape[0] for c, _ in self._cards), default=1)
        big_w = max((c.shape[1] for c, _ in self._cards), default=1)
        self._card_noise = rng.integers(0, 2 * _NOISE + 1, (4, big_h, big_w, 3), np.uint8)


_NOISE = 6  # camera noise amplitude, grey levels


def _render_card(token: str, module: int, *, max_side: int) -> tuple[np.ndarray, np.ndarray]:
    """A badge card with the token's QR code, as held up to a camera: (BGR, mask)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(token)
    qr.make(fit=True)
    matrix = np.array(qr.get_matrix(), dtype=bool)
    module = max(1, min(module, max_side * 10 // 13 // matrix.shape[0]))
    # ink and paper, not pure black and white; darker by _NOISE, as noise 0..2*_NOISE is added
    code = np.where(matrix, 30 - _NOISE, 235 - _NOISE).astype(np.uint8)
    code = np.kron(code, np.ones((module, module), dtype=np.uint8))
    side = code.shape[0]
    band = side // 5
    pad = side // 16
    card = np.full((side + band + 2 * pad, side + 2 * pad, 3), 235 - _NOISE, dtype=np.uint8)
    card[:band, :] = (150, 90, 30)  # a coloured header band, like a company badge
    card[band + pad : band + pad + side, pad : pad + side] = code[:, :, None]
    h, w = card.shape[:2]
    # a slight tilt, as a hand holds it; the mask marks the card's pixels
    angle = 4.0
    rot = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    cos, sin = abs(rot[0, 0]), abs(rot[0, 1])
    out_w, out_h = int(h * sin + w * cos) + 2, int(h * cos + w * sin) + 2
    rot[0, 2] += out_w / 2.0 - w / 2.0
    rot[1, 2] += out_h / 2.0 - h / 2.0
    tilted = cv2.warpAffine(
        card, rot, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    mask = cv2.warpAffine(
        np.ones((h, w), dtype=np.uint8), rot, (out_w, out_h), flags=cv2.INTER_NEAREST
    )
    tilted = cv2.GaussianBlur(tilted, (3, 3), 0.7)  # a webcam's soft focus
    return tilted, mask.astype(bool)[:, :, None]


# --- making test videos -------------------------------------------------------------------


def render_badge_frames(
    tokens: Sequence[str],
    *,
    fps: float = 30.0,
    seconds: float = 3.0,
    size: tuple[int, int] = (1280, 720),
) -> list[np.ndarray]:
    """Frames of an empty scene, each token's badge in turn, and the empty scene again.

    The time is split into 2 * len(tokens) + 1 equal parts: empty, badge, empty, badge, ...,
    empty. So the default, one token in 3 s at 30 fps, gives 30 empty frames, 30 frames
    with the badge and 30 empty frames.
    """
    if not tokens:
        raise ValueError("render_badge_frames needs at least one token")
    parts = 2 * len(tokens) + 1
    part = max(1, round(seconds * fps / parts))
    demo = DemoSource(tokens, size, empty_frames=part, badge_frames=part)
    return [demo.frame(i) for i in range(parts * part)]


def write_badge_video(
    path: str | os.PathLike[str],
    tokens_or_frames: str | Sequence[str] | Iterable[np.ndarray],
    fps: float = 30.0,
    seconds: float = 3.0,
    size: tuple[int, int] = (1280, 720),
    *,
    fourcc: str = "MJPG",
) -> Path:
    """Write a video file (Motion JPEG .avi by default) to use as a fake camera.

    `tokens_or_frames` is a token, a sequence of tokens (see :func:`render_badge_frames`:
    empty scene, badge, empty scene, ...; `seconds` is the whole length), or BGR frames to
    write as they are (resized to `size` when they differ; `seconds` is then unused).
    Returns the path. Raises OSError when the file cannot be written.
    """
    out = Path(path)
    if isinstance(tokens_or_frames, str):
        frames: Iterable[np.ndarray] = render_badge_frames(
            [tokens_or_frames], fps=fps, seconds=seconds, size=size
        )
    else:
        items = list(tokens_or_frames)
        if items and all(isinstance(item, str) for item in items):
            frames = render_badge_frames(
                [str(item) for item in items], fps=fps, seconds=seconds, size=size
            )
        elif all(isinstance(item, np.ndarray) for item in items):
            frames = [item for item in items if isinstance(item, np.ndarray)]
        else:
            raise TypeError("tokens_or_frames must be tokens (str) or frames (numpy arrays)")
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter.fourcc(*fourcc), float(fps), size)
    if not writer.isOpened():
        writer.release()
        raise OSError(f"cannot write a {fourcc} video to {out}")
    written = 0
    try:
        for frame in frames:
            bgr = _to_bgr(frame)
            if (bgr.shape[1], bgr.shape[0]) != size:
                bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
            writer.write(np.ascontiguousarray(bgr, dtype=np.uint8))
            written += 1
    finally:
        writer.release()
    if written == 0:
        out.unlink(missing_ok=True)
        raise ValueError("write_badge_video needs at least one frame")
    return out


# --- choosing a source --------------------------------------------------------------------


def open_source(spec: str, *, demo_tokens: Sequence[str] = ()) -> FrameSource:
    """The frame source that ``--camera SPEC`` names; it still has to be opened.

    "0", "1", ...: a camera by number; "demo": the synthetic camera showing `demo_tokens`;
    a folder: its images; an image file: that image; any other file: a video file, played
    in a loop. Raises SourceError for a path that does not exist, an empty folder, or a file
    that is not a playable video (a camera is only checked when opened: it may be plugged in
    later).
    """
    text = spec.strip()
    if not text:
        raise SourceError(f"No camera given. Expected {EXPECTED_FORMS}.")
    if text.lower() == "demo":
        return DemoSource(demo_tokens)
    if text.isdigit() and text.isascii():
        return DeviceSource(int(text))
    path = Path(text).expanduser()
    if not path.exists():
        raise SourceError(
            f"There is no camera, video file or folder '{text}'. Expected {EXPECTED_FORMS}."
        )
    if path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES:
        list_images(path)  # raises SourceError for an empty folder
        return ImageFolderSource(path)
    video = VideoFileSource(path)
    video.open()  # raises SourceError when it is not a video
    video.close()
    return video
