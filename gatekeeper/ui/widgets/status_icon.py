"""A round status icon drawn with QPainter (no font glyphs, no image files): a tick, an
exclamation mark, a cross or an "i", so that a result is never told by colour alone."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

TICK = "tick"
EXCLAMATION = "exclamation"
CROSS = "cross"
INFO = "info"
SHAPES = (TICK, EXCLAMATION, CROSS, INFO)


class StatusIcon(QWidget):
    def __init__(self, parent: QWidget | None = None, *, diameter: int = 150) -> None:
        super().__init__(parent)
        self._shape = TICK
        self._ring = QColor("#ffffff")
        self._mark = QColor("#ffffff")
        self._fill = QColor(255, 255, 255, 40)
        self._diameter = diameter
        self.setFixedSize(QSize(diameter, diameter))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def shape(self) -> str:
        return self._shape

    def set_shape(self, shape: str, colour: str = "#ffffff") -> None:
        if shape not in SHAPES:
            raise ValueError(f"unknown icon shape {shape!r}")
        self._shape = shape
        self._ring = QColor(colour)
        self._mark = QColor(colour)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        d = float(min(self.width(), self.height()))
        stroke = d * 0.075
        ring = QRectF(stroke / 2, stroke / 2, d - stroke, d - stroke)
        painter.setPen(QPen(self._ring, stroke))
        painter.setBrush(self._fill)
        painter.drawEllipse(ring)
        pen = QPen(self._mark, d * 0.1)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)

        def p(x: float, y: float) -> QPointF:
            return QPointF(d * x, d * y)

        if self._shape == TICK:
            path = QPainterPath(p(0.29, 0.52))
            path.lineTo(p(0.44, 0.67))
            path.lineTo(p(0.72, 0.36))
            painter.drawPath(path)
        elif self._shape == CROSS:
            painter.drawLine(p(0.34, 0.34), p(0.66, 0.66))
            painter.drawLine(p(0.66, 0.34), p(0.34, 0.66))
        elif self._shape == EXCLAMATION:
            painter.drawLine(p(0.5, 0.27), p(0.5, 0.57))
            painter.drawPoint(p(0.5, 0.73))
        else:
            painter.drawPoint(p(0.5, 0.29))
            painter.drawLine(p(0.5, 0.45), p(0.5, 0.73))
        painter.end()
