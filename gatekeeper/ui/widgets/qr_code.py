"""A QR code drawn crisply at any size, with its quiet zone, from a text (a visitor pass)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gatekeeper.services.badge_render import qr_matrix

QUIET_MODULES = 4


def qr_image(text: str, module_px: int = 8) -> QImage:
    """The code as a black-on-white image, ``module_px`` pixels per module, quiet zone
    included."""
    matrix = qr_matrix(text)
    n = len(matrix) + 2 * QUIET_MODULES
    image = QImage(n, n, QImage.Format.Format_Grayscale8)
    image.fill(255)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                image.setPixel(c + QUIET_MODULES, r + QUIET_MODULES, 0)
    return image.scaled(
        n * module_px, n * module_px, Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


class QrCodeView(QWidget):
    """Draws the code at the largest whole number of pixels per module that fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(180, 180))

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self._matrix = qr_matrix(text) if text else ()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._matrix:
            painter.end()
            return
        n = len(self._matrix) + 2 * QUIET_MODULES
        side = min(self.width(), self.height())
        module = max(1, side // n)
        size = module * n
        x0 = (self.width() - size) // 2
        y0 = (self.height() - size) // 2
        painter.fillRect(QRectF(x0, y0, size, size), QColor("#ffffff"))
        ink = QColor("#000000")
        for r, row in enumerate(self._matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        x0 + (c + QUIET_MODULES) * module,
                        y0 + (r + QUIET_MODULES) * module,
                        module, module, ink,
                    )
        painter.end()
