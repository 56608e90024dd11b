"""Deterministic synthetic webcam-like frames for the QR decoder benchmarks and tests.

Every frame is built from a seed, so a run on any machine produces the same pixels (the same
numpy and OpenCV versions assumed). A frame with a code shows a badge-like card: a white card
holding a QR code (error correction M) of a realistic badge token ("GK1" + 148 base32
characters, QR version 6), rendered at 3, 4, 5 or 6 pixels per module and then pushed through
what a cheap webcam does to it: a perspective tilt, defocus blur, sensor noise, low contrast or
uneven light, and JPEG compression (MJPEG webcams). Frames without a code hold noise, text-like
clutter, or a decoy: a QR-like pattern with real finder patterns and random modules, which a
decoder must not turn into text.

Usage::

    from synthetic import code_frames, no_code_frames
    for frame in code_frames(1280, 720, per_variant=10):
        frame.image, frame.expected  # BGR uint8 array, expected text

Run it as a script to write a sample of frames to a folder for looking at them.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import qrcode
import qrcode.constants

BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
PIXELS_PER_MODULE = (3, 4, 5, 6)
# The ways a frame is degraded; "combined" draws several at once, milder each.
VARIANTS = ("clean", "tilt", "blur", "noise", "low-contrast", "combined")
NO_CODE_KINDS = ("noise", "clutter", "decoy")
QUIET_ZONE_MODULES = 4


@dataclass(frozen=True)
class Frame:
    """One synthetic frame: BGR pixels, the text it holds (None: no code), how it was made."""

    name: str
    image: np.ndarray
    expected: str | None
    params: dict[str, float | int | str] = field(default_factory=dict)


def badge_token(rng: np.random.Generator) -> str:
    """A badge-token-like string: "GK1" and 148 base32 characters, 151 in all as in
    docs/decisions/0001-badge-token.md (QR alphanumeric mode)."""
    picks = rng.integers(0, len(BASE32_ALPHABET), size=148)
    return "GK1" + "".join(BASE32_ALPHABET[int(i)] for i in picks)


def qr_modules(text: str) -> np.ndarray:
    """The module matrix of `text` at error correction M: bool array, True is dark."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return np.array(code.get_matrix(), dtype=bool)


def _background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A dim, smooth, slightly coloured scene with a few soft blobs: a gate at dusk."""
    small = rng.uniform(40, 200, size=(6, 8, 3)).astype(np.float32)
    bg = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    for _ in range(int(rng.integers(2, 6))):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        w = int(rng.integers(width // 10, width // 3))
        h = int(rng.integers(height // 10, height // 3))
        color = tuple(float(c) for c in rng.uniform(20, 230, size=3))
        cv2.rectangle(bg, (x0, y0), (x0 + w, y0 + h), color, thickness=-1)
    bg = cv2.GaussianBlur(bg, (0, 0), sigmaX=3.0)
    return bg


def _card(modules: np.ndarray, ppm: int, dark: float, light: float) -> np.ndarray:
    """The badge card: the code with a 4-module quiet zone and a margin, float32 grey levels."""
    n = modules.shape[0]
    side = (n + 2 * QUIET_ZONE_MODULES) * ppm
    margin = 2 * ppm
    card = np.full((side + 2 * margin, side + 2 * margin), light, dtype=np.float32)
    code = np.where(modules, dark, light).astype(np.float32)
    code = np.kron(code, np.ones((ppm, ppm), dtype=np.float32))
    off = margin + QUIET_ZONE_MODULES * ppm
    card[off : off + n * ppm, off : off + n * ppm] = code
    return card


def _rotation(ax: float, ay: float, az: float) -> np.ndarray:
    cx, sx = math.cos(ax), math.sin(ax)
    cy, sy = math.cos(ay), math.sin(ay)
    cz, sz = math.cos(az), math.sin(az)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    result: np.ndarray = rz @ ry @ rx
    return result


def _place(
    frame: np.ndarray,
    card: np.ndarray,
    rng: np.random.Generator,
    tilt_deg: float,
    roll_deg: float,
) -> None:
    """Warp the card into the frame (in place): a pinhole view of a card tilted by `tilt_deg`."""
    height, width = frame.shape[:2]
    side = card.shape[0]
    half = side / 2.0
    corners3d = np.array([[-half, -half, 0], [half, -half, 0], [half, half, 0], [-half, half, 0]])
    direction = rng.uniform(0, 2 * math.pi)
    tilt = math.radians(tilt_deg)
    rot = _rotation(tilt * math.cos(direction), tilt * math.sin(direction), math.radians(roll_deg))
    focal = float(width)
    pts = corners3d @ rot.T
    pts[:, 2] += focal  # at distance `focal` one card pixel projects to one frame pixel
    proj = pts[:, :2] * (focal / pts[:, 2:3])
    span = proj.max(axis=0) - proj.min(axis=0)
    cx = rng.uniform(span[0] / 2 + 4, max(span[0] / 2 + 5, width - span[0] / 2 - 4))
    cy = rng.uniform(span[1] / 2 + 4, max(span[1] / 2 + 5, height - span[1] / 2 - 4))
    dst = (proj - (proj.max(axis=0) + proj.min(axis=0)) / 2 + [cx, cy]).astype(np.float32)
    src = np.array([[0, 0], [side, 0], [side, side], [0, side]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(card, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones_like(card), matrix, (width, height), flags=cv2.INTER_LINEAR)
    for ch in range(3):
        frame[:, :, ch] = frame[:, :, ch] * (1 - mask) + warped * mask


def _finish(
    frame: np.ndarray,
    rng: np.random.Generator,
    blur_sigma: float,
    noise_sigma: float,
    jpeg_quality: int,
    light_gradient: float,
) -> np.ndarray:
    """Camera effects on a float BGR frame: uneven light, defocus, noise, 8 bits, JPEG."""
    height, width = frame.shape[:2]
    if light_gradient > 0:
        angle = rng.uniform(0, 2 * math.pi)
        xs = np.linspace(-0.5, 0.5, width, dtype=np.float32)[None, :]
        ys = np.linspace(-0.5, 0.5, height, dtype=np.float32)[:, None]
        ramp = 1.0 + light_gradient * (xs * math.cos(angle) + ys * math.sin(angle))
        frame = frame * ramp[:, :, None]
    if blur_sigma > 0:
        frame = cv2.GaussianBlur(frame, (0, 0), sigmaX=blur_sigma)
    if noise_sigma > 0:
        frame = frame + rng.normal(0, noise_sigma, size=frame.shape).astype(np.float32)
    out = np.clip(frame + 0.5, 0, 255).astype(np.uint8)
    if jpeg_quality < 100:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        if not ok:
            raise RuntimeError("JPEG encoding failed")
        decoded: np.ndarray | None = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        if decoded is None:
            raise RuntimeError("JPEG decoding failed")
        out = decoded
    return out


def _variant_params(variant: str, rng: np.random.Generator) -> dict[str, float | int | str]:
    """Degradation parameters for a variant; ranges chosen to straddle what decoders manage."""
    p: dict[str, float | int | str] = {
        "tilt_deg": float(rng.uniform(0, 8)),
        "roll_deg": float(rng.uniform(-15, 15)),
        "blur_sigma": float(rng.uniform(0.3, 0.6)),
        "noise_sigma": float(rng.uniform(1, 3)),
        "dark": float(rng.uniform(20, 50)),
        "light": float(rng.uniform(190, 235)),
        "light_gradient": 0.0,
        "jpeg_quality": int(rng.integers(80, 95)),
    }
    if variant == "tilt":
        p["tilt_deg"] = float(rng.uniform(25, 55))
        p["roll_deg"] = float(rng.uniform(-45, 45))
    elif variant == "blur":
        p["blur_sigma"] = float(rng.uniform(0.8, 2.0))
    elif variant == "noise":
        p["noise_sigma"] = float(rng.uniform(10, 28))
    elif variant == "low-contrast":
        mid = float(rng.uniform(70, 170))
        spread = float(rng.uniform(12, 40))
        p["dark"], p["light"] = mid - spread / 2, mid + spread / 2
        p["light_gradient"] = float(rng.uniform(0.2, 0.8))
    elif variant == "combined":
        p["tilt_deg"] = float(rng.uniform(15, 40))
        p["blur_sigma"] = float(rng.uniform(0.6, 1.3))
        p["noise_sigma"] = float(rng.uniform(5, 14))
        mid = float(rng.uniform(90, 160))
        spread = float(rng.uniform(40, 90))
        p["dark"], p["light"] = mid - spread / 2, mid + spread / 2
        p["light_gradient"] = float(rng.uniform(0.0, 0.5))
        p["jpeg_quality"] = int(rng.integers(60, 85))
    elif variant != "clean":
        raise ValueError(f"unknown variant {variant!r}")
    return p


def code_frame(width: int, height: int, ppm: int, variant: str, seed: int) -> Frame:
    """One frame showing a badge QR at `ppm` pixels per module, degraded as `variant` says."""
    rng = np.random.default_rng([seed, width, height, ppm, VARIANTS.index(variant)])
    text = badge_token(rng)
    p = _variant_params(variant, rng)
    card = _card(qr_modules(text), ppm, float(p["dark"]), float(p["light"]))
    frame = _background(rng, width, height)
    _place(frame, card, rng, float(p["tilt_deg"]), float(p["roll_deg"]))
    image = _finish(
        frame,
        rng,
        float(p["blur_sigma"]),
        float(p["noise_sigma"]),
        int(p["jpeg_quality"]),
        float(p["light_gradient"]),
    )
    p["ppm"] = ppm
    p["variant"] = variant
    name = f"{width}x{height}-{variant}-ppm{ppm}-s{seed}"
    return Frame(name=name, image=image, expected=text, params=p)


def _decoy(rng: np.random.Generator, ppm: int) -> np.ndarray:
    """A QR-looking card: three real finder patterns, timing lines, random data modules."""
    n = 41
    modules = rng.random((n, n)) < 0.5
    finder = np.ones((7, 7), dtype=bool)
    finder[1:6, 1:6] = False
    finder[2:5, 2:5] = True
    for r, c in ((0, 0), (0, n - 7), (n - 7, 0)):
        # the finder and its one-module light separator
        modules[max(r - 1, 0) : r + 8, max(c - 1, 0) : c + 8] = False
        modules[r : r + 7, c : c + 7] = finder
    modules[6, 8 : n - 8] = np.arange(8, n - 8) % 2 == 0
    modules[8 : n - 8, 6] = np.arange(8, n - 8) % 2 == 0
    return _card(modules, ppm, 30.0, 220.0)


def no_code_frame(width: int, height: int, kind: str, seed: int) -> Frame:
    """One frame with no decodable code: sensor noise, text-like clutter, or a decoy code."""
    rng = np.random.default_rng([seed, width, height, 1000 + NO_CODE_KINDS.index(kind)])
    frame = _background(rng, width, height)
    if kind == "noise":  # a dark scene: sensor noise from mild to heavy
        sigma = float(rng.uniform(5, 25))
        frame = frame + rng.normal(0, sigma, size=frame.shape).astype(np.float32)
    elif kind == "clutter":
        words = ("GATE", "EXIT", "NO ENTRY", "SHIFT B", "LOT 42", "2026-11-27", "HELMET", "PPE")
        for _ in range(int(rng.integers(8, 20))):
            org = (int(rng.integers(0, width - 50)), int(rng.integers(20, height)))
            scale = float(rng.uniform(0.5, 2.5))
            color = tuple(float(c) for c in rng.uniform(0, 255, size=3))
            word = words[int(rng.integers(0, len(words)))]
            cv2.putText(frame, word, org, cv2.FONT_HERSHEY_SIMPLEX, scale, color, 2)
        for _ in range(int(rng.integers(3, 8))):
            # small checkerboards and bar patterns: structure a detector may latch on to
            x0, y0 = int(rng.integers(0, width - 80)), int(rng.integers(0, height - 80))
            cell = int(rng.integers(3, 10))
            for i in range(8):
                for j in range(8):
                    if (i + j) % 2 == 0:
                        x, y = x0 + i * cell, y0 + j * cell
                        cv2.rectangle(frame, (x, y), (x + cell, y + cell), (20, 20, 20), -1)
    elif kind == "decoy":
        ppm = int(rng.integers(3, 7))
        _place(frame, _decoy(rng, ppm), rng, float(rng.uniform(0, 30)), float(rng.uniform(-20, 20)))
    else:
        raise ValueError(f"unknown kind {kind!r}")
    image = _finish(frame, rng, float(rng.uniform(0.3, 1.0)), float(rng.uniform(1, 6)), 85, 0.0)
    return Frame(
        name=f"{width}x{height}-nocode-{kind}-s{seed}",
        image=image,
        expected=None,
        params={"kind": kind},
    )


def code_frames(width: int, height: int, per_variant: int, seed: int = 0) -> Iterator[Frame]:
    """`per_variant` frames for each (pixels per module, variant) pair: 24 x per_variant frames."""
    for i in range(per_variant):
        for ppm in PIXELS_PER_MODULE:
            for variant in VARIANTS:
                yield code_frame(width, height, ppm, variant, seed + i)


def no_code_frames(width: int, height: int, per_kind: int, seed: int = 0) -> Iterator[Frame]:
    """`per_kind` frames of each kind of frame without a code."""
    for i in range(per_kind):
        for kind in NO_CODE_KINDS:
            yield no_code_frame(width, height, kind, seed + i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write PNG frames into")
    parser.add_argument("--per-variant", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    frames = [
        *code_frames(640, 480, args.per_variant),
        *code_frames(1280, 720, args.per_variant),
        *no_code_frames(1280, 720, args.per_variant),
    ]
    for frame in frames:
        cv2.imwrite(str(args.out / f"{frame.name}.png"), frame.image)
    print(f"wrote {len(frames)} frames to {args.out}")


if __name__ == "__main__":
    main()
