"""Very large bold text that stays bold with any font.

Qt draws glyphs above about 64 px as outlines, and outlines skip the synthetic bold that Qt
adds to a font without a bold face, such as WenQuanYi Micro Hei, the Chinese font Debian
installs: "禁止通行" at 120 px would come out thin. This widget draws the text as a path and,
where the font has no bold face, strokes it as well, so that the result word is bold in every
language.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


def has_bold_face(font: QFont) -> bool:
    family = QFontInfo(font).family()
    return any("bold" in style.lower() or "heavy" in style.lower() or "black" in style.lower()
               for style in QFontDatabase.styles(family))


def needs_synthetic_bold(text: str, font: QFont) -> bool:
    """Whether the glyphs of ``text`` would come from a font without a bold face (checked for
    the font of the first non-Latin character, which Qt takes from a fallback family)."""
    wide = next((ch for ch in text if ord(ch) >= 0x2E80), None)
    if wide is None:
        return not has_bold_face(font)
    for family in font.families() or [font.family()]:
        if QFontDatabase.hasFamily(family) and QFontDatabase.WritingSystem.SimplifiedChinese in (
            QFontDatabase.writingSystems(family)
        ):
            probe = QFont(font)
            probe.setFamilies([family])
            return not has_bold_face(probe)
    return True


class BoldText(QWidget):
    def __init__(self, parent: QWidget | None = None, *, pixel_size: int = 120) -> None:
        super().__init__(parent)
        self._text = ""
        self._colour = QColor("#ffffff")
        self._pixel_size = pixel_size
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        self._text = text
        self.updateGeometry()
        self.update()

    def set_colour(self, colour: str) -> None:
        self._colour = QColor(colour)
        self.update()

    def set_pixel_size(self, size: int) -> None:
        self._pixel_size = size
        self.updateGeometry()
        self.update()

    @property
    def pixel_size(self) -> int:
        return self._pixel_size

    def text_font(self, size: int | None = None) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(size or self._pixel_size)
        font.setWeight(QFont.Weight.Bold)
        return font

    def text_width(self, size: int | None = None) -> float:
        return QFontMetricsF(self.text_font(size)).horizontalAdvance(self._text)

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.text_font())
        return QSize(int(metrics.horizontalAdvance(self._text)) + 16, int(metrics.height()) + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        font = self.text_font()
        metrics = QFontMetricsF(font)
        path = QPainterPath()
        x = (self.width() - metrics.horizontalAdvance(self._text)) / 2
        y = (self.height() - metrics.height()) / 2 + metrics.ascent()
        path.addText(QPointF(x, y), font, self._text)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillPath(path, self._colour)
        if needs_synthetic_bold(self._text, font):
            pen = QPen(self._colour, max(1.5, self._pixel_size / 26))
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(path, pen)
        painter.end()
