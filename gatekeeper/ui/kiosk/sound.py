"""Result sounds: a short high chime (pass), two tones (recheck), a low buzz (deny).

The WAV files in gatekeeper/resources/sounds/ are made by :func:`write_sounds` (Python's wave
module, no samples from elsewhere) and committed. PySide6-Essentials has no QtMultimedia, so
:class:`SystemSoundPlayer` hands the file to the platform's own player without waiting for it
(paplay, pw-play or aplay on Linux, afplay on macOS, winsound on Windows). A machine without a
player or a sound card stays silent: a sound never blocks or stops the kiosk.
"""

from __future__ import annotations

import io
import logging
import math
import shutil
import struct
import sys
import wave
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QProcess

log = logging.getLogger(__name__)

PASS = "pass"
RECHECK = "recheck"
DENY = "deny"
NOTICE = "notice"
SOUNDS = (PASS, RECHECK, DENY, NOTICE)
SAMPLE_RATE = 16_000
LINUX_PLAYERS = ("paplay", "pw-play", "aplay")


class SoundPlayer(Protocol):
    def play(self, name: str) -> None: ...


class SilentPlayer:
    """Plays nothing (tests, or a kiosk set up without sound)."""

    def play(self, name: str) -> None:
        return None


def sound_file(name: str) -> Path | None:
    if name not in SOUNDS:
        raise ValueError(f"unknown sound {name!r}")
    path = resources.files("gatekeeper").joinpath("resources", "sounds", f"{name}.wav")
    return Path(str(path)) if path.is_file() else None


class SystemSoundPlayer:
    """Starts the platform's player as a detached process and forgets it."""

    def __init__(self, players: Sequence[str] = LINUX_PLAYERS) -> None:
        self._command: list[str] | None = None
        self._winsound = None
        if sys.platform == "win32":
            try:
                import winsound
            except ImportError:
                winsound = None  # type: ignore[assignment]
            self._winsound = winsound
        else:
            candidates = ("afplay",) if sys.platform == "darwin" else players
            for program in candidates:
                found = shutil.which(program)
                if found:
                    self._command = [found]
                    if program == "aplay":
                        self._command.append("-q")
                    break
        if self._command is None and self._winsound is None:
            log.info("No sound player found; the kiosk will be silent")

    @property
    def available(self) -> bool:
        return self._command is not None or self._winsound is not None

    def play(self, name: str) -> None:
        path = sound_file(name)
        if path is None or not self.available:
            return
        try:
            if self._winsound is not None:
                flags = self._winsound.SND_FILENAME | self._winsound.SND_ASYNC
                self._winsound.PlaySound(str(path), flags)
            elif self._command is not None:
                ok, _pid = QProcess.startDetached(self._command[0], [*self._command[1:], str(path)])
                if not ok:
                    log.info("The sound player %s could not start", self._command[0])
        except (OSError, RuntimeError) as exc:
            log.info("Cannot play %s: %s", name, exc)


# -- making the files --------------------------------------------------------------------


def _tone(
    freq: float, seconds: float, *, volume: float, harmonics: Iterable[tuple[int, float]] = (),
    decay: float = 0.0, attack: float = 0.005, release: float = 0.02,
) -> list[float]:
    n = int(SAMPLE_RATE * seconds)
    parts = [(1, 1.0), *harmonics]
    norm = sum(weight for _, weight in parts)
    out = []
    for i in range(n):
        t = i / SAMPLE_RATE
        value = sum(w * math.sin(2 * math.pi * freq * k * t) for k, w in parts) / norm
        envelope = math.exp(-decay * t) if decay else 1.0
        envelope *= min(1.0, t / attack) if attack else 1.0
        envelope *= min(1.0, (seconds - t) / release) if release else 1.0
        out.append(volume * value * envelope)
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(SAMPLE_RATE * seconds)


def samples(name: str) -> list[float]:
    if name == PASS:  # one bright bell-like note
        return _tone(1568.0, 0.32, volume=0.55, harmonics=((2, 0.3), (3, 0.12)), decay=9.0)
    if name == RECHECK:  # two tones, high then lower: attention, not alarm
        first = _tone(988.0, 0.17, volume=0.5, harmonics=((2, 0.2),))
        second = _tone(740.0, 0.22, volume=0.5, harmonics=((2, 0.2),))
        return first + _silence(0.07) + second
    if name == DENY:  # a low buzz: odd harmonics make it rough
        return _tone(196.0, 0.55, volume=0.6, harmonics=((3, 0.5), (5, 0.3), (7, 0.2)))
    if name == NOTICE:  # a soft short blip (already recorded, measurement error)
        return _tone(1175.0, 0.12, volume=0.35, decay=12.0)
    raise ValueError(f"unknown sound {name!r}")


def wav_bytes(name: str) -> bytes:
    data = b"".join(
        struct.pack("<h", max(-32767, min(32767, round(v * 32767)))) for v in samples(name)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(data)
    return buffer.getvalue()


def write_sounds(directory: Path) -> list[Path]:
    """(Re)make every sound file in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SOUNDS:
        path = directory / f"{name}.wav"
        path.write_bytes(wav_bytes(name))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[2] / "resources" / "sounds"
    for written_path in write_sounds(target):
        print(written_path, written_path.stat().st_size)
