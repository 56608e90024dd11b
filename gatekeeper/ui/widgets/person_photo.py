"""A person's photo, or their initials where there is none; and preparing a photo to store.

Photos are kept small in the registry: :func:`photo_jpeg` scales a picture so that its longer
side is at most :data:`PHOTO_MAX_SIDE` pixels and encodes it as JPEG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageReader,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from gatekeeper.errors import UserError

PHOTO_MAX_SIDE = 400
PHOTO_QUALITY = 85
# Pictures larger than this are refused before they are decoded (a photo from a phone is a
# few MB; a file of hundreds of MB is a mistake).
MAX_SOURCE_BYTES = 40 * 1024 * 1024

# Background colours for initials, picked by the name so that a person keeps theirs.
INITIAL_COLOURS = ("#0b6e69", "#1d4f73", "#6b3fa0", "#8a5a00", "#a8201a", "#2f6b2f", "#4a5a68")


def initials(name: str) -> str:
    """One Chinese character (the family name) or up to two Latin initials."""
    text = " ".join(name.split())
    if not text:
        return "?"
    if ord(text[0]) >= 0x2E80:
        return text[0]
    parts = text.split(" ")
    letters = parts[0][:1] + (parts[-1][:1] if len(parts) > 1 else "")
    return letters.upper()


def photo_jpeg(
    image: QImage, max_side: int = PHOTO_MAX_SIDE, quality: int = PHOTO_QUALITY
) -> bytes:
    """``image`` scaled down (never up) to at most ``max_side`` pixels a side, as JPEG."""
    if image.isNull():
        raise ValueError("no image")
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(
            max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    if image.hasAlphaChannel():  # JPEG has no transparency: put the picture on white
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("#ffffff"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes; PySide6 takes only a str here.
    if not image.save(buffer, "JPEG", quality):  # type: ignore[call-overload]
        raise ValueError("the image could not be encoded as JPEG")
    buffer.close()
    return bytes(data.data())


def read_photo_file(path: str | Path) -> QImage:
    """A picture file as an image, turned upright as its EXIF data says; UserError when the file
    is not a picture Qt can read."""
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise UserError(f"Cannot read {file}: {exc.strerror or exc}") from exc
    if size > MAX_SOURCE_BYTES:
        raise UserError(f"{file.name} is too large for a photo ({size / 1024 / 1024:.0f} MB).")
    reader = QImageReader(str(file))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise UserError(f"{file.name} is not a picture that can be read ({reader.errorString()}).")
    return image


class PersonPhoto(QWidget):
    """A rounded square: the photo, cropped to fill it, or the initials on a colour."""

    def __init__(self, parent: QWidget | None = None, *, side: int = 96) -> None:
        super().__init__(parent)
        self._side = side
        self._pixmap: QPixmap | None = None
        self._name = ""
        self.setFixedSize(QSize(side, side))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def has_photo(self) -> bool:
        return self._pixmap is not None

    def set_person(self, name: str, photo: bytes | None) -> None:
        self._name = name
        self._pixmap = None
        if photo:
            pixmap = QPixmap()
            if pixmap.loadFromData(photo):
                self._pixmap = pixmap
        self.setToolTip(name)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        rect = QRectF(0.5, 0.5, self.width() - 1, self.height() - 1)
        clip = QPainterPath()
        radius = self._side * 0.14
        clip.addRoundedRect(rect, radius, radius)
        painter.setClipPath(clip)
        if self._pixmap is not None:
            pixmap = self._pixmap
            scale = max(self.width() / pixmap.width(), self.height() / pixmap.height())
            w, h = pixmap.width() * scale, pixmap.height() * scale
            painter.drawPixmap(
                QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h),
                pixmap, QRectF(pixmap.rect()),
            )
        else:
            colour = INITIAL_COLOURS[sum(map(ord, self._name)) % len(INITIAL_COLOURS)]
            painter.fillRect(rect, QColor(colour))
            font = QFont(self.font())
            font.setPixelSize(int(self._side * 0.42))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(self._name))
        painter.end()
