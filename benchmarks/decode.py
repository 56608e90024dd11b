"""QR decoder benchmark: gatekeeper's QrDecoder against raw zxing-cpp and OpenCV's detectors.

Runs in one process on one thread and prints one JSON object per line and per (set, decoder):

    {"bench": "decode", "set": "synthetic-720p", "decoder": "gatekeeper", "correct": ...,
     "wrong": ..., "total": ..., "median_ms": ..., "p95_ms": ...}

`correct` counts frames where the expected text is among the decoded texts; `wrong` counts
frames where a decoder returned any other text (on a no-code frame: any text at all). Times
are per frame, including any colour conversion the decoder does: `median_ms`/`p95_ms` are
wall-clock, `cpu_median_ms`/`cpu_p95_ms` the CPU time of this one thread (what one core
spends; unlike wall-clock, not inflated when other processes share the machine).

Sets: qr-real (the photographs in ../shared/testdata/qr-real, or $GATEKEEPER_QR_REAL),
synthetic-480p and synthetic-720p (benchmarks/synthetic.py: badge QR at 3-6 px per module,
tilted, blurred, noisy, low contrast), no-code-480p and no-code-720p (noise, clutter, decoy
QR patterns: frames where every step of the second pass runs, so the slowest case).

    .venv/bin/python benchmarks/decode.py            # a few hundred frames per set, minutes
    .venv/bin/python benchmarks/decode.py --quick    # under a minute
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import zxingcpp  # noqa: E402
from synthetic import code_frames, no_code_frames  # noqa: E402

from gatekeeper.scanner.decoder import QrDecoder, read_image_file  # noqa: E402

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
# "raw zxing-cpp": its QR family (models 1 and 2, Micro QR, rMQR), all other options default
QR_FAMILY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

# Images in qr-real that hold a second, genuine code besides the one in NAME.txt.
KNOWN_EXTRA_TEXTS = {
    "qrcode-2/16.webp": {"[外側QRコード]\r\n \r\n*ﾀﾞﾌﾞﾙQR*\r\nhttp://d-qr.net/ex/"},
}


@dataclass(frozen=True)
class Sample:
    name: str
    image: np.ndarray
    expected: str | None
    extra: frozenset[str] = frozenset()


# A decoder under test: frame in, texts out.
Decoder = Callable[[np.ndarray], list[str]]


def qr_real_dir() -> Path:
    env = os.environ.get("GATEKEEPER_QR_REAL")
    return Path(env) if env else (REPO / ".." / "shared" / "testdata" / "qr-real").resolve()


def qr_real_samples(root: Path) -> list[Sample]:
    samples = []
    for image_path in sorted(root.glob("qrcode-*/*")):
        if image_path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        name = image_path.relative_to(root).as_posix()
        expected = image_path.with_suffix(".txt").read_bytes().decode("utf-8")
        extra = frozenset(KNOWN_EXTRA_TEXTS.get(name, set()))
        samples.append(Sample(name, read_image_file(image_path), expected, extra))
    return samples


def synthetic_samples(width: int, height: int, per_variant: int) -> list[Sample]:
    return [Sample(f.name, f.image, f.expected) for f in code_frames(width, height, per_variant)]


def no_code_samples(width: int, height: int, per_kind: int) -> list[Sample]:
    return [Sample(f.name, f.image, None) for f in no_code_frames(width, height, per_kind)]


def gatekeeper_decoder(second_pass: bool) -> tuple[Decoder, Counter[str]]:
    decoder = QrDecoder(second_pass=second_pass)
    passes: Counter[str] = Counter()

    def run(frame: np.ndarray) -> list[str]:
        results = decoder.decode(frame)
        passes.update({r.pass_ for r in results})
        return [r.text for r in results]

    return run, passes


def zxing_raw(frame: np.ndarray) -> list[str]:
    barcodes = zxingcpp.read_barcodes(frame, formats=QR_FAMILY, text_mode=zxingcpp.TextMode.Plain)
    return [b.text for b in barcodes]


def cv2_decoder(detector: cv2.QRCodeDetector | cv2.QRCodeDetectorAruco) -> Decoder:
    def run(frame: np.ndarray) -> list[str]:
        try:
            text, _points, _straight = detector.detectAndDecode(frame)
        except (UnicodeDecodeError, cv2.error):  # non-UTF-8 payload, unsupported mode: no text
            return []
        return [text] if text else []

    return run


def measure(
    set_name: str,
    samples: Iterable[Sample],
    decoder_name: str,
    decoder: Decoder,
    misses: bool,
    after_warm_up: Callable[[], None] = lambda: None,
) -> dict[str, object]:
    samples = list(samples)
    decoder(samples[0].image)  # warm-up: first-call allocations are not what we measure
    after_warm_up()
    correct = wrong = 0
    times: list[float] = []
    cpu_times: list[float] = []
    for sample in samples:
        start, cpu_start = time.perf_counter(), time.thread_time()
        texts = decoder(sample.image)
        cpu_times.append((time.thread_time() - cpu_start) * 1000.0)
        times.append((time.perf_counter() - start) * 1000.0)
        ok = sample.expected is not None and sample.expected in texts
        bad = any(t != sample.expected and t not in sample.extra for t in texts)
        correct += ok
        wrong += bad
        if misses and (bad or (sample.expected is not None and not ok)):
            what = "WRONG " + repr(texts)[:120] if bad else "miss"
            print(f"  {set_name} {decoder_name}: {sample.name}: {what}", file=sys.stderr)
    return {
        "bench": "decode",
        "set": set_name,
        "decoder": decoder_name,
        "correct": correct,
        "wrong": wrong,
        "total": len(samples),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(float(np.percentile(times, 95)), 2),
        "cpu_median_ms": round(statistics.median(cpu_times), 2),
        "cpu_p95_ms": round(float(np.percentile(cpu_times, 95)), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer synthetic frames (< 1 min)")
    parser.add_argument("--no-cv2", action="store_true", help="skip OpenCV's QR detectors")
    parser.add_argument("--misses", action="store_true", help="list misses on stderr")
    args = parser.parse_args()

    cv2.setNumThreads(1)
    per_variant = 2 if args.quick else 12  # x 24 (4 module sizes x 6 variants) frames
    per_kind = 5 if args.quick else 40  # x 3 kinds of frames without a code

    root = qr_real_dir()
    if not root.is_dir():
        print(f"qr-real test data not found at {root} (set GATEKEEPER_QR_REAL)", file=sys.stderr)
        return 2

    print(
        json.dumps(
            {
                "bench": "decode-env",
                "python": platform.python_version(),
                "zxing_cpp": _version("zxing-cpp"),
                "opencv": cv2.__version__,
                "machine": platform.machine(),
                "cpu_threads": 1,
                "quick": args.quick,
            }
        ),
        flush=True,
    )

    sets: list[tuple[str, Callable[[], list[Sample]]]] = [
        ("qr-real", lambda: qr_real_samples(root)),
        ("synthetic-480p", lambda: synthetic_samples(640, 480, per_variant)),
        ("synthetic-720p", lambda: synthetic_samples(1280, 720, per_variant)),
        ("no-code-480p", lambda: no_code_samples(640, 480, per_kind)),
        ("no-code-720p", lambda: no_code_samples(1280, 720, per_kind)),
    ]
    for set_name, load in sets:
        samples = load()
        ours, passes = gatekeeper_decoder(second_pass=True)
        first_only, _ = gatekeeper_decoder(second_pass=False)
        decoders: list[tuple[str, Decoder]] = [
            ("gatekeeper", ours),
            ("gatekeeper-first-pass", first_only),
            ("zxing-cpp", zxing_raw),
        ]
        if not args.no_cv2:
            decoders.append(("cv2-qrcodedetector", cv2_decoder(cv2.QRCodeDetector())))
            if hasattr(cv2, "QRCodeDetectorAruco"):
                decoders.append(
                    ("cv2-qrcodedetector-aruco", cv2_decoder(cv2.QRCodeDetectorAruco()))
                )
        for decoder_name, decoder in decoders:
            line = measure(set_name, samples, decoder_name, decoder, args.misses, passes.clear)
            if decoder_name == "gatekeeper":
                line["found_by_pass"] = dict(sorted(passes.items()))
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
