"""QR decoding for camera frames and image files (no Qt).

A frame goes through zxing-cpp once, the way zxing-cpp reads best and fastest (the *first
pass*). Only when that finds nothing does a short *second pass* try a few cheap rewrites of the
frame, each chosen because it measurably adds decodes on the real photographs or the synthetic
webcam frames (see docs/decisions/0002-qr-decoder.md and benchmarks/decode.py):

1. ``sharpen``: an unsharp mask (frame plus its difference from a 5x5 box mean). Restores the
   module edges that defocus blur, low contrast and JPEG flatten, which is most of what a
   cheap webcam does to a badge held at arm's length.
2. ``global-threshold``: the same frame with zxing-cpp's global histogram binarizer instead of
   its local-average one; rescues codes printed on textured or mottled surfaces.
3. ``upscale``: for frames no larger than 640x480 only, the frame enlarged 1.5x and sharpened,
   which helps codes of about 3 pixels per module. On bigger frames it costs more than the
   time budget allows (about 10 ms per 720p frame, one core).

Every text returned is one that zxing-cpp decoded and Reed-Solomon-checked; nothing here
guesses or repairs a text. Only QR Code models 1 and 2 are read: zxing-cpp 3's ``QRCode``
format family also holds Micro QR, whose smallest size (M1) has error detection only and
decodes random patterns next to a finder pattern (measured: 1 in 2,700) into short numbers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from gatekeeper.errors import UserError

__all__ = ["DecodeResult", "QrDecoder", "decode_image_file", "read_image_file"]

# QR Code model 2 (everything printed today) and the legacy model 1; not Micro QR or rMQR.
QR_FORMATS = zxingcpp.BarcodeFormats(
    [zxingcpp.BarcodeFormat.QRCodeModel1, zxingcpp.BarcodeFormat.QRCodeModel2]
)

# The upscale step runs only on frames up to this many pixels (640x480).
UPSCALE_MAX_PIXELS = 640 * 480


@dataclass(frozen=True)
class DecodeResult:
    """One decoded QR code.

    ``text`` is the payload exactly as encoded (control characters and CR LF kept; Shift-JIS
    and other ECI payloads transcoded to str). ``corners`` are the code's four corners in
    frame pixel coordinates: top-left, top-right, bottom-right, bottom-left as the code is
    read. ``pass`` is ``"first"``, or the name of the second-pass step that found it.
    """

    text: str
    corners: tuple[tuple[int, int], ...]
    pass_: str  # "pass" is a Python keyword


@dataclass(frozen=True)
class _Step:
    """A second-pass step: rewrite the grey frame, then read it once with zxing-cpp."""

    name: str
    prepare: Callable[[np.ndarray], np.ndarray]
    scale: float = 1.0
    binarizer: zxingcpp.Binarizer = zxingcpp.Binarizer.LocalAverage
    max_pixels: int | None = None


def _unsharp(gray: np.ndarray, kernel: int, amount: float) -> np.ndarray:
    """gray + amount * (gray - box_mean(gray)), saturated to 0..255."""
    mean = cv2.blur(gray, (kernel, kernel))
    out: np.ndarray = cv2.addWeighted(gray, 1.0 + amount, mean, -amount, 0.0)
    return out


def _sharpen(gray: np.ndarray) -> np.ndarray:
    return _unsharp(gray, 5, 1.0)


def _unchanged(gray: np.ndarray) -> np.ndarray:
    return gray


def _upscale_sharpen(gray: np.ndarray) -> np.ndarray:
    big = cv2.resize(gray, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_LINEAR)
    return _unsharp(big, 7, 1.0)


SECOND_PASS: tuple[_Step, ...] = (
    _Step("sharpen", _sharpen),
    _Step("global-threshold", _unchanged, binarizer=zxingcpp.Binarizer.GlobalHistogram),
    _Step("upscale", _upscale_sharpen, scale=1.5, max_pixels=UPSCALE_MAX_PIXELS),
)


def _to_gray(frame: np.ndarray) -> np.ndarray:
    """An 8-bit grey, C-contiguous view or copy of an OpenCV frame (grey, BGR or BGRA)."""
    if not isinstance(frame, np.ndarray):
        raise TypeError(f"frame must be a numpy array, not {type(frame).__name__}")
    if frame.dtype != np.uint8:
        raise ValueError(f"frame must be uint8, not {frame.dtype}")
    if frame.ndim == 3 and frame.shape[2] == 1:
        frame = frame[:, :, 0]
    if frame.ndim == 2:
        gray = frame
    elif frame.ndim == 3 and frame.shape[2] == 3:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    elif frame.ndim == 3 and frame.shape[2] == 4:
        gray = cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    else:
        raise ValueError(f"frame must be HxW or HxWx3 (BGR), not shape {frame.shape}")
    if gray.shape[0] == 0 or gray.shape[1] == 0:
        raise ValueError(f"frame is empty: shape {frame.shape}")
    return np.ascontiguousarray(gray)


class QrDecoder:
    """Decodes QR codes in camera frames: one zxing-cpp pass, then a cheap second pass.

    Stateless apart from its settings, so one instance can serve a whole camera worker.
    ``second_pass=False`` gives the first pass alone (for comparisons and for callers that
    prefer the lowest latency over the last few decodes).
    """

    def __init__(self, *, second_pass: bool = True) -> None:
        self._steps: Sequence[_Step] = SECOND_PASS if second_pass else ()

    def decode(self, frame: np.ndarray) -> list[DecodeResult]:
        """Every QR code zxing-cpp can read in `frame` (HxW grey or HxWx3 BGR uint8)."""
        gray = _to_gray(frame)
        found = _read(
            gray,
            try_downscale=True,  # large codes in high-resolution photos need it
            try_invert=True,  # light-on-dark codes; the same as a separate inverted step
            binarizer=zxingcpp.Binarizer.LocalAverage,
        )
        if found:
            return _results(found, 1.0, "first")
        pixels = gray.shape[0] * gray.shape[1]
        for step in self._steps:
            if step.max_pixels is not None and pixels > step.max_pixels:
                continue
            found = _read(
                step.prepare(gray),
                try_downscale=False,
                try_invert=False,
                binarizer=step.binarizer,
            )
            if found:
                return _results(found, step.scale, step.name)
        return []


def _read(
    gray: np.ndarray, *, try_downscale: bool, try_invert: bool, binarizer: zxingcpp.Binarizer
) -> list[zxingcpp.Barcode]:
    barcodes = zxingcpp.read_barcodes(
        gray,
        formats=QR_FORMATS,
        try_rotate=False,  # QR detection is rotation invariant; this only costs time
        try_downscale=try_downscale,
        try_invert=try_invert,
        text_mode=zxingcpp.TextMode.Plain,
        binarizer=binarizer,
    )
    # read_barcodes returns only error-free symbols unless asked otherwise; check anyway.
    return [b for b in barcodes if b.valid]


def _results(barcodes: list[zxingcpp.Barcode], scale: float, pass_name: str) -> list[DecodeResult]:
    results: list[DecodeResult] = []
    for barcode in barcodes:
        pos = barcode.position
        points = (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
        corners = tuple((round(p.x / scale), round(p.y / scale)) for p in points)
        results.append(DecodeResult(text=barcode.text, corners=corners, pass_=pass_name))
    return results


def read_image_file(path: str | os.PathLike[str]) -> np.ndarray:
    """The pixels of an image file as an OpenCV array (grey or BGR, uint8).

    Raises UserError when the file is missing, unreadable, empty or not an image. Reads the
    bytes with Python and decodes them with OpenCV, so paths with non-ASCII characters work on
    Windows too. Transparent pixels are put on white, as a QR image is meant to be seen.
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"No such file: {file}") from None
    except IsADirectoryError:
        raise UserError(f"{file} is a folder, not an image file") from None
    except OSError as exc:
        raise UserError(f"Cannot read {file}: {exc.strerror or exc}") from None
    if not data:
        raise UserError(f"{file} is empty, not an image")
    try:
        image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    except cv2.error:  # e.g. more pixels than OpenCV agrees to allocate (2**30)
        raise UserError(f"{file} is an image too large to read") from None
    if image is None or image.size == 0:
        raise UserError(
            f"{file} is not an image this program can read (PNG, JPEG, WebP, BMP, TIFF, GIF)"
        )
    image = _to_uint8(image)
    if image.ndim == 3 and image.shape[2] == 4:
        image = _flatten_alpha(image)
    return image


def _to_uint8(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint8:
        return image
    if image.dtype == np.uint16:
        out: np.ndarray = (image // 257).astype(np.uint8)
        return out
    # float (HDR, EXR, TIFF) and other depths: stretch to 0..255
    image = np.nan_to_num(image.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    lo, hi = float(image.min()), float(image.max())
    scale = 255.0 / (hi - lo) if hi > lo else 0.0
    stretched: np.ndarray = ((image - lo) * scale + 0.5).astype(np.uint8)
    return stretched


def _flatten_alpha(bgra: np.ndarray) -> np.ndarray:
    """BGRA to BGR over a white background."""
    a = bgra[:, :, 3:4].astype(np.float32) / 255.0
    out = bgra[:, :, :3].astype(np.float32) * a + 255.0 * (1.0 - a)
    flat: np.ndarray = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    return flat


def decode_image_file(path: str | os.PathLike[str]) -> list[DecodeResult]:
    """Decode the QR codes in an image file (PNG, JPEG, WebP and what else OpenCV reads).

    Raises UserError for a missing, unreadable, empty or non-image file.
    """
    return QrDecoder().decode(read_image_file(path))
