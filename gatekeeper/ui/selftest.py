"""Qt probes for ``gatekeeper --self-test``: wait for a condition while Qt works, render a
widget to an image, and check that Chinese text is drawn with real glyphs.

A font that lacks a character draws glyph 0 (".notdef", the empty box); Qt's fallback picks
another font for such characters when it has one. Laying the text out with QTextLayout shows
which fonts were chosen and which glyphs: any glyph 0 is a box on screen.
"""

from __future__ import annotations

import gc
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QImage, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """Process Qt's events until ``condition()`` holds or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)


class QtMessages:
    """Collects Qt's messages while in a ``with`` block (without the offscreen platform's
    noise), rather than letting them go to standard error unannounced."""

    NOISE = frozenset({"This plugin does not support propagateSizeHints()"})

    def __init__(self) -> None:
        self.messages: list[tuple[QtMsgType, str]] = []
        self._previous: object = None

    def __enter__(self) -> QtMessages:
        self._previous = qInstallMessageHandler(self._handle)
        return self

    def __exit__(self, *_exc: object) -> None:
        qInstallMessageHandler(self._previous)  # type: ignore[arg-type]

    def _handle(self, kind: QtMsgType, _context: object, message: str) -> None:
        if message not in self.NOISE:
            self.messages.append((kind, message))

    def warnings(self) -> list[str]:
        return [m for kind, m in self.messages if kind != QtMsgType.QtDebugMsg]


def dispose(widget: QWidget) -> None:
    """Delete a closed widget now, with what it owns (threads, decoders), rather than when
    the interpreter exits."""
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@dataclass(frozen=True)
class Rendered:
    image: QImage
    colours: int  # distinct colours in a sample of the pixels

    @property
    def blank(self) -> bool:
        return self.image.isNull() or self.colours < 8


def render(widget: QWidget) -> Rendered:
    """The widget as it is painted on screen (``QWidget.grab``), with a rough measure of how
    much is drawn on it."""
    image = widget.grab().toImage()
    colours: set[int] = set()
    if not image.isNull():
        step_x = max(1, image.width() // 160)
        step_y = max(1, image.height() // 90)
        for y in range(0, image.height(), step_y):
            for x in range(0, image.width(), step_x):
                colours.add(image.pixel(x, y))
    return Rendered(image, len(colours))


def is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) == "W" and ch.isalpha() for ch in text)


def shown_texts(widget: QWidget) -> list[tuple[str, QFont]]:
    """The texts of the labels and buttons in ``widget`` (every screen of a stack, shown or
    not), with their fonts."""
    found: list[tuple[str, QFont]] = []
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton) and child.text().strip():
            found.append((child.text(), child.font()))
    return found


@dataclass(frozen=True)
class GlyphReport:
    texts: int
    chinese: int  # Chinese texts among them
    families: tuple[str, ...]  # the fonts Qt drew the Chinese characters with
    missing: tuple[str, ...]  # characters drawn as a box


def check_glyphs(samples: Iterable[tuple[str, QFont]]) -> GlyphReport:
    """Lay out each character of the texts in its font: which fonts Qt drew the Chinese ones
    with, and which characters have no glyph in any font Qt found."""
    by_font: dict[str, tuple[QFont, set[str]]] = {}
    count = chinese = 0
    for text, font in samples:
        count += 1
        chinese += is_cjk(text)
        chars = by_font.setdefault(font.key(), (font, set()))[1]
        chars.update(ch for ch in text if ch.isprintable() and not ch.isspace())
    families: set[str] = set()
    missing: set[str] = set()
    for font, chars in by_font.values():
        for ch in sorted(chars):
            layout = QTextLayout(ch, font)
            layout.beginLayout()
            layout.createLine()
            layout.endLayout()
            runs = layout.glyphRuns()
            if is_cjk(ch):
                families.update(run.rawFont().familyName() for run in runs)
            if not runs or any(0 in run.glyphIndexes() for run in runs):
                missing.add(ch)
    return GlyphReport(count, chinese, tuple(sorted(families)), tuple(sorted(missing)))
