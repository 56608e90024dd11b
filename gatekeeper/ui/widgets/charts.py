"""Small charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

- :class:`BarChart`: one bar per label (entries per hour, fever cases per day), a value axis
  with round steps, a value over each bar that has room for it, a tooltip per bar.
- :class:`SeriesChart`: a temperature per day as points joined by a line, with the fever
  threshold as a dashed line; days without a reading leave a gap.

Both take their texts (labels, tooltips, the text shown when there is nothing to draw) from
the caller, already translated, and say what they show in their accessible description.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

INK = QColor("#14212b")
MUTED = QColor("#5f6f7c")
GRID = QColor("#e3e9ee")
AXIS = QColor("#c3ced8")
ACCENT = QColor("#0b6e69")
ALARM = QColor("#c3281f")


def nice_step(maximum: float, lines: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) that divides 0..maximum into about
    ``lines`` parts; 1 for an empty or small range of whole numbers."""
    if maximum <= 0:
        return 1.0
    raw = maximum / lines
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


class _Chart(QWidget):
    """What both charts share: margins, fonts, the text shown when there is no data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""
        self._tooltips: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(240, 150))
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def sizeHint(self) -> QSize:
        return QSize(480, 220)

    def set_empty_text(self, text: str) -> None:
        """Shown over the chart while it has nothing to show (all zero, or no data)."""
        self._empty_text = text
        self.update()

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.82))
        return font

    def _paint_empty(self, painter: QPainter, area: QRectF) -> None:
        if not self._empty_text:
            return
        painter.setPen(MUTED)
        painter.setFont(self.font())
        painter.drawText(
            area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text
        )

    def _slot_at(self, x: float) -> int | None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._slot_at(event.position().x())
            if index is not None and 0 <= index < len(self._tooltips) and self._tooltips[index]:
                QToolTip.showText(event.globalPos(), self._tooltips[index], self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class BarChart(_Chart):
    """Bars over labels; ``label_every`` thins out the labels under narrow bars."""

    def __init__(
        self, parent: QWidget | None = None, *, colour: QColor | str = ACCENT
    ) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[float] = []
        self._label_every = 1
        self._highlight: int | None = None
        self._colour = QColor(colour)
        self._plot = QRectF()
        # Counts: the value axis steps by whole numbers.
        self.whole_numbers = True

    @property
    def values(self) -> list[float]:
        return list(self._values)

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    def set_colour(self, colour: QColor | str) -> None:
        self._colour = QColor(colour)
        self.update()

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        *,
        label_every: int = 1,
        tooltips: Sequence[str] | None = None,
        highlight: int | None = None,
        description: str = "",
    ) -> None:
        if len(labels) != len(values):
            raise ValueError("one label per value")
        self._labels = list(labels)
        self._values = [float(v) for v in values]
        self._label_every = max(1, label_every)
        self._tooltips = list(tooltips) if tooltips is not None else []
        self._highlight = highlight
        self.setAccessibleDescription(description)
        self.update()

    def _slot_at(self, x: float) -> int | None:
        if not self._values or self._plot.width() <= 0:
            return None
        if not self._plot.left() <= x <= self._plot.right():
            return None
        slot = self._plot.width() / len(self._values)
        return min(len(self._values) - 1, int((x - self._plot.left()) / slot))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        small = self._small_font()
        metrics = QFontMetricsF(small)
        top = metrics.height() + 4
        bottom = metrics.height() + 8
        highest = max(self._values, default=0.0)
        step = nice_step(highest)
        if self.whole_numbers:
            step = max(1.0, step)
        ceiling = max(step, math.ceil(highest / step) * step) if highest > 0 else 4 * step
        ticks = [step * i for i in range(round(ceiling / step) + 1)]
        left = max(metrics.horizontalAdvance(_number(t)) for t in ticks) + 10
        plot = QRectF(left, top, max(10.0, self.width() - left - 6), self.height() - top - bottom)
        self._plot = plot
        painter.setFont(small)

        # The value axis: a grid line and a number for each step.
        for tick in ticks:
            y = plot.bottom() - tick / ceiling * plot.height()
            painter.setPen(QPen(AXIS if tick == 0 else GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(tick),
            )

        count = len(self._values)
        if count:
            slot = plot.width() / count
            width = max(2.0, slot * 0.68)
            for index, value in enumerate(self._values):
                centre = plot.left() + slot * (index + 0.5)
                if value > 0:
                    height = value / ceiling * plot.height()
                    bar = QRectF(centre - width / 2, plot.bottom() - height, width, height)
                    colour = QColor(self._colour)
                    if self._highlight is not None and index != self._highlight:
                        colour.setAlpha(150)
                    path = QPainterPath()
                    radius = min(3.0, width / 3, height)
                    path.addRoundedRect(bar.adjusted(0, 0, 0, radius), radius, radius)
                    painter.save()
                    painter.setClipRect(QRectF(bar.left(), bar.top(), bar.width(), bar.height()))
                    painter.fillPath(path, colour)
                    painter.restore()
                    text = _number(value)
                    if metrics.horizontalAdvance(text) <= slot + 2:
                        painter.setPen(INK)
                        painter.drawText(
                            QRectF(centre - slot, bar.top() - metrics.height() - 1, slot * 2,
                                   metrics.height()),
                            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text,
                        )
                if index % self._label_every == 0 and index < len(self._labels):
                    painter.setPen(INK if index == self._highlight else MUTED)
                    label = self._labels[index]
                    span = slot * self._label_every
                    painter.drawText(
                        QRectF(centre - span / 2, plot.bottom() + 4, span, metrics.height()),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label,
                    )
        if highest <= 0:
            self._paint_empty(painter, plot)
        painter.end()


class SeriesChart(_Chart):
    """One value or none per day; a dashed line at the threshold; points at or above it in
    the alarm colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._values: list[float | None] = []
        self._threshold: float | None = None
        self._threshold_text = ""
        self._plot = QRectF()

    @property
    def values(self) -> list[float | None]:
        return list(self._values)

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float | None],
        *,
        threshold: float | None = None,
        threshold_text: str = "",
        tooltips: Sequence[str] | None = None,
        description: str = "",
    ) -> None:
        if len(labels) != len(values):
            raise ValueError("one label per value")
        self._labels = list(labels)
        self._values = list(values)
        self._threshold = threshold
        self._threshold_text = threshold_text
        self._tooltips = list(tooltips) if tooltips is not None else []
        self.setAccessibleDescription(description)
        self.update()

    def _range(self) -> tuple[float, float]:
        known = [v for v in self._values if v is not None]
        if self._threshold is not None:
            known.append(self._threshold)
        low = min([*known, 36.0]) - 0.3
        high = max([*known, 37.5]) + 0.3
        return math.floor(low * 2) / 2, math.ceil(high * 2) / 2

    def _slot_at(self, x: float) -> int | None:
        if not self._values or self._plot.width() <= 0:
            return None
        slot = self._plot.width() / len(self._values)
        index = int((x - self._plot.left()) / slot)
        return index if 0 <= index < len(self._values) else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        small = self._small_font()
        metrics = QFontMetricsF(small)
        low, high = self._range()
        ticks = [low + 0.5 * i for i in range(round((high - low) / 0.5) + 1)]
        left = max(metrics.horizontalAdvance(f"{t:.1f}") for t in ticks) + 10
        top = metrics.height() / 2 + 4
        bottom = metrics.height() + 8
        plot = QRectF(left, top, max(10.0, self.width() - left - 8), self.height() - top - bottom)
        self._plot = plot
        painter.setFont(small)

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        for tick in ticks:
            y = y_of(tick)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{tick:.1f}",
            )
        if self._threshold is not None:
            y = y_of(self._threshold)
            pen = QPen(ALARM, 1.4)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if self._threshold_text:
                painter.drawText(
                    QRectF(plot.left() + 4, y - metrics.height() - 1, plot.width() - 8,
                           metrics.height()),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                    self._threshold_text,
                )

        count = len(self._values)
        if count:
            slot = plot.width() / count
            every = max(1, math.ceil(count / max(1.0, plot.width() / 44)))
            points: list[QPointF | None] = []
            for index, value in enumerate(self._values):
                centre = plot.left() + slot * (index + 0.5)
                points.append(None if value is None else QPointF(centre, y_of(value)))
                if index % every == 0 and index < len(self._labels):
                    painter.setPen(MUTED)
                    painter.drawText(
                        QRectF(centre - slot * every / 2, plot.bottom() + 4, slot * every,
                               metrics.height()),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                        self._labels[index],
                    )
            painter.setPen(QPen(ACCENT, 2))
            for first, second in itertools.pairwise(points):
                if first is not None and second is not None:
                    painter.drawLine(first, second)
            for point, value in zip(points, self._values, strict=True):
                if point is None or value is None:
                    continue
                fever = self._threshold is not None and value >= self._threshold
                painter.setPen(QPen(QColor("#ffffff"), 1.5))
                painter.setBrush(ALARM if fever else ACCENT)
                painter.drawEllipse(point, 4.5, 4.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        if not any(v is not None for v in self._values):
            self._paint_empty(painter, plot)
        painter.end()
