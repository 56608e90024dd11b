"""Render the application icon from its SVG source: the PNG beside it (Linux menus, the
window icon) and installer/gatekeeper.ico (the Windows executable and its shortcuts).

    .venv/bin/python installer/make_icons.py

The outputs are committed; run this again only after changing gatekeeper.svg.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

# A build tool, not part of the package: Qt's SVG renderer draws the icon.
from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: TID251
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251
from PySide6.QtSvg import QSvgRenderer  # noqa: TID251

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "gatekeeper" / "resources" / "icons" / "gatekeeper.svg"
PNG = SVG.with_suffix(".png")
ICO = ROOT / "installer" / "gatekeeper.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    render(256).save(PNG, optimize=True)
    largest = render(256)
    largest.save(ICO, sizes=[(s, s) for s in ICO_SIZES])
    print(f"wrote {PNG.relative_to(ROOT)} and {ICO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
