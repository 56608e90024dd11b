"""Locate a Chinese-capable TrueType font for badges (Pillow PNG and reportlab PDF).

reportlab can embed only fonts with TrueType (``glyf``) outlines, so OpenType/CFF fonts such as
Noto Sans CJK are refused even where they are installed. Every candidate is checked the same
way: it must parse as TrueType (the first face of a ``.ttc`` collection) and its character map
must cover a handful of common Chinese characters.

Search order, first usable font wins:

1. the file named by the environment variable ``GATEKEEPER_CJK_FONT`` (set but unusable is an
   error, not a fallthrough: someone chose that font on purpose and should hear that it failed);
2. ``*.ttf`` / ``*.ttc`` in the bundled directory ``gatekeeper/resources/fonts/``;
3. well-known system locations (WenQuanYi, Droid Sans Fallback, Microsoft YaHei, SimHei, ...);
4. ``fc-match -f '%{file}' ':lang=zh-cn'`` when fontconfig is installed.

The result is cached; :func:`find_cjk_font.cache_clear` forgets it (tests, or after the
environment variable changes).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

from gatekeeper.errors import UserError

ENV_VAR = "GATEKEEPER_CJK_FONT"

#: Fonts shipped with the application (the installer may add this directory).
BUNDLED_FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

#: Characters a usable font must have: common ones from names, departments and site names.
REQUIRED_CHARS = "中国工厂车间张伟王李部门员访客"

#: Font faces are always taken from index 0 of a collection (the regular, proportional face
#: of WenQuanYi Micro Hei, WenQuanYi Zen Hei, Microsoft YaHei, ...).
SUBFONT_INDEX = 0

_FONT_SUFFIXES = (".ttf", ".ttc")


def _system_font_paths() -> tuple[Path, ...]:
    if sys.platform.startswith("win"):
        fonts = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        names = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "Deng.ttf")
        return tuple(fonts / name for name in names)
    if sys.platform == "darwin":
        return (
            Path("/System/Library/Fonts/PingFang.ttc"),
            Path("/System/Library/Fonts/STHeiti Medium.ttc"),
            Path("/System/Library/Fonts/STHeiti Light.ttc"),
            Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"),
            Path("/Library/Fonts/Arial Unicode.ttf"),
        )
    return (
        # Debian/Ubuntu: fonts-wqy-microhei, fonts-wqy-zenhei, fonts-droid-fallback
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        # Fedora/RHEL/Arch: wqy-microhei-fonts, wqy-zenhei-fonts
        Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
        Path("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf"),
    )


#: Known system locations, tried in order. Module level so that tests can replace it.
SYSTEM_FONT_PATHS: tuple[Path, ...] = _system_font_paths()

#: The fontconfig matcher; ``None`` (or a name not on PATH) skips that step.
FC_MATCH: str | None = "fc-match"

INSTALL_HINT = (
    "No Chinese-capable TrueType font was found, so badges cannot be drawn. "
    "Install one (Debian/Ubuntu: sudo apt install fonts-wqy-microhei; "
    "Fedora: sudo dnf install wqy-microhei-fonts; Windows and macOS normally have one), "
    f"or set {ENV_VAR} to a .ttf/.ttc file with TrueType outlines. "
    "OpenType/CFF fonts such as Noto Sans CJK (.otf) cannot be embedded in PDF badge sheets."
)


def font_problem(path: Path) -> str | None:
    """Why ``path`` cannot serve as the badge font, or ``None`` when it can."""
    if not path.is_file():
        return f"{path} does not exist or is not a file"
    try:
        face = TTFontFile(str(path), charInfo=1, subfontIndex=SUBFONT_INDEX)
    except (TTFError, OSError, ValueError, IndexError, KeyError) as exc:
        return f"{path} is not a usable TrueType font ({exc})"
    if "glyf" not in face.table:
        return f"{path} has no TrueType outlines (glyf table)"
    missing = [ch for ch in REQUIRED_CHARS if ord(ch) not in face.charToGlyph]
    if missing:
        return f"{path} has no Chinese glyphs (missing {''.join(missing)})"
    return None


def _bundled_candidates(directory: Path) -> Iterator[Path]:
    if not directory.is_dir():
        return
    yield from sorted(p for p in directory.iterdir() if p.suffix.lower() in _FONT_SUFFIXES)


def bundled_font_files() -> list[Path]:
    """The font files shipped in ``resources/fonts`` (the interface registers them with Qt,
    so that Chinese renders on a machine without a CJK font of its own)."""
    return list(_bundled_candidates(BUNDLED_FONT_DIR))


def _fontconfig_candidate() -> Path | None:
    program = shutil.which(FC_MATCH) if FC_MATCH else None
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "-f", "%{file}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    if done.returncode != 0 or not out:
        return None
    return Path(out)


def _first_usable(candidates: Iterable[Path | None]) -> Path | None:
    for candidate in candidates:
        if candidate is None or candidate.suffix.lower() not in _FONT_SUFFIXES:
            continue
        if font_problem(candidate) is None:
            return candidate
    return None


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> Path:
    """The TrueType CJK font used for badges (see the module docstring for the search order).

    Raises :class:`~gatekeeper.errors.UserError` when the environment variable names an
    unusable font, or when no usable font is found anywhere.
    """
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        path = Path(chosen).expanduser()
        problem = font_problem(path)
        if problem is not None:
            raise UserError(
                f"{ENV_VAR} names a font that cannot be used for badges: {problem}. "
                "Point it at a .ttf/.ttc file with TrueType outlines and Chinese glyphs "
                "(for example wqy-microhei.ttc), or unset it to search the usual places."
            )
        return path.absolute()

    found = _first_usable(_bundled_candidates(BUNDLED_FONT_DIR))
    if found is None:
        found = _first_usable(SYSTEM_FONT_PATHS)
    if found is None:
        found = _first_usable([_fontconfig_candidate()])
    if found is None:
        raise UserError(INSTALL_HINT)
    return found.absolute()
