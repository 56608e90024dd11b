"""The live camera picture, with the QR codes found in it outlined.

The view only paints what it is given: a copied QImage per frame and the corners of the codes
decoded in that frame (in frame pixels). A message can be laid over the picture (the camera is
starting, or lost and being reconnected) so that the state is clear from a distance.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Corners = Sequence[tuple[float, float]]

#: An outline stays this long after the code was last seen, so that it does not flicker.
OUTLINE_HOLD_S = 0.6
#: The picture fills the view; at most this share of each side is cropped to do so (the
#: rest is letterboxed), so that a badge held near the edge stays in the picture.
MAX_CROP = 0.22
CORNER_RADIUS = 16

BACKGROUND = QColor("#0a131a")
GUIDE = QColor(255, 255, 255, 90)
OUTLINE = QColor("#3ddc84")
OVERLAY = QColor(6, 12, 18, 200)


class CameraView(QWidget):
    """Paints frames scaled to fit (letterboxed), outlines and an optional overlay message."""

    #: Emitted after a frame was painted; the producer may then send the next one.
    frame_shown = Signal()

    def __init__(self, parent: QWidget | None = None, *, surround: str = "#0f1c24") -> None:
        """``surround``: the colour around the rounded corners (the parent's background)."""
        super().__init__(parent)
        self._surround = QColor(surround)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._image: QImage | None = None
        self._outlines: list[list[tuple[float, float]]] = []
        self._outlined_at = 0.0
        self._title = ""
        self._detail = ""
        self._overlay_kind = ""

    # -- input -------------------------------------------------------------------------

    @property
    def image(self) -> QImage | None:
        return self._image

    @property
    def outlines(self) -> list[list[tuple[float, float]]]:
        if time.monotonic() - self._outlined_at > OUTLINE_HOLD_S:
            return []
        return self._outlines

    @property
    def last_outlines(self) -> list[list[tuple[float, float]]]:
        """The outlines last set, however long ago."""
        return self._outlines

    def set_frame(self, image: QImage, codes: Sequence[Corners] = ()) -> None:
        self._image = image
        if codes:
            self.set_outlines(codes)
        self.update()

    def set_outlines(self, codes: Sequence[Corners]) -> None:
        """Outline codes found in the current frame (frame pixel coordinates)."""
        self._outlines = [[(float(x), float(y)) for x, y in corners] for corners in codes]
        self._outlined_at = time.monotonic()
        self.update()

    def clear_frame(self) -> None:
        self._image = None
        self._outlines = []
        self.update()

    def set_overlay(self, title: str, detail: str = "", kind: str = "info") -> None:
        """A message over the picture; ``kind`` is 'info' or 'problem'. Empty title: none."""
        self._title, self._detail, self._overlay_kind = title, detail, kind
        self.update()

    @property
    def overlay_title(self) -> str:
        return self._title

    # -- painting ----------------------------------------------------------------------

    def _image_rect(self) -> QRectF:
        if self._image is None or self._image.isNull():
            return QRectF(self.rect())
        w, h = self._image.width(), self._image.height()
        fit = min(self.width() / w, self.height() / h)
        cover = max(self.width() / w, self.height() / h)
        scale = min(cover, fit / (1.0 - MAX_CROP))
        sw, sh = w * scale, h * scale
        return QRectF((self.width() - sw) / 2, (self.height() - sh) / 2, sw, sh)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.fillRect(self.rect(), self._surround)  # outside the rounded corners
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(self.rect()), CORNER_RADIUS, CORNER_RADIUS)
        painter.setClipPath(clip)
        painter.fillRect(self.rect(), BACKGROUND)
        target = self._image_rect()
        if self._image is not None and not self._image.isNull():
            painter.drawImage(target, self._image)
            self._paint_outlines(painter, target)
        if self._title:
            self._paint_overlay(painter)
        else:
            self._paint_guide(painter, target.intersected(QRectF(self.rect())))
        painter.end()
        if self._image is not None:
            self.frame_shown.emit()

    def _paint_guide(self, painter: QPainter, target: QRectF) -> None:
        """Corner brackets in the middle: where to hold the badge."""
        side = min(target.width(), target.height()) * 0.55
        box = QRectF(
            target.center().x() - side / 2, target.center().y() - side / 2, side, side
        )
        arm = side * 0.16
        pen = QPen(GUIDE, max(3.0, side / 90))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for corner, dx, dy in (
            (box.topLeft(), 1, 1),
            (box.topRight(), -1, 1),
            (box.bottomLeft(), 1, -1),
            (box.bottomRight(), -1, -1),
        ):
            painter.drawLine(corner, corner + QPointF(dx * arm, 0))
            painter.drawLine(corner, corner + QPointF(0, dy * arm))

    def _paint_outlines(self, painter: QPainter, target: QRectF) -> None:
        outlines = self.outlines
        if not outlines or self._image is None:
            return
        sx = target.width() / self._image.width()
        sy = target.height() / self._image.height()
        pen = QPen(OUTLINE, 6)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        fill = QColor(OUTLINE)
        fill.setAlpha(50)
        painter.setBrush(fill)
        for corners in outlines:
            if len(corners) < 3:
                continue
            path = QPainterPath()
            points = [QPointF(target.x() + x * sx, target.y() + y * sy) for x, y in corners]
            path.moveTo(points[0])
            for point in points[1:]:
                path.lineTo(point)
            path.closeSubpath()
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_overlay(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), OVERLAY)
        problem = self._overlay_kind == "problem"
        accent = QColor("#ffb020") if problem else QColor("#9fc6d8")
        size = max(16, min(self.width(), self.height()) // 9)
        centre_y = self.height() / 2
        # A ring with a mark: "!" for a problem, three dots while waiting.
        radius = size * 0.9
        ring = QRectF(self.width() / 2 - radius, centre_y - radius * 2.4, radius * 2, radius * 2)
        pen = QPen(accent, max(3.0, size / 8))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(ring)
        font = QFont(self.font())
        font.setPixelSize(int(radius * 1.2))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(ring, Qt.AlignmentFlag.AlignCenter, "!" if problem else "…")

        title_font = QFont(self.font())
        title_font.setPixelSize(int(size * 0.62))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#ffffff"))
        margin = self.width() * 0.08
        title_rect = QRectF(margin, centre_y - size * 0.1, self.width() - 2 * margin, size * 0.9)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            | Qt.TextFlag.TextWordWrap, self._title,
        )
        if self._detail:
            detail_font = QFont(self.font())
            detail_font.setPixelSize(max(14, int(size * 0.36)))
            painter.setFont(detail_font)
            painter.setPen(QColor("#c9d6df"))
            detail_rect = QRectF(
                margin, title_rect.bottom() + size * 0.1, self.width() - 2 * margin, size * 2.5
            )
            painter.drawText(
                detail_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap, self._detail,
            )
