"""Printing a visitor pass: the same card as `gatekeeper badge` makes, at its real size
(85.6 x 54 mm). Without Qt's print support, a PDF sheet is written and opened instead."""

from __future__ import annotations

import logging
import tempfile
from datetime import tzinfo
from pathlib import Path

from PIL.Image import Image
from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPainter
from PySide6.QtWidgets import QWidget

from gatekeeper.services.badge_render import (
    CARD_H,
    CARD_W,
    BadgeCard,
    render_image,
    render_pdf_sheet,
)
from gatekeeper.services.setup import Installation
from gatekeeper.services.visitors import RegisteredVisitor

log = logging.getLogger(__name__)


def pass_card(visitor: RegisteredVisitor, installation: Installation, zone: tzinfo) -> BadgeCard:
    expires = visitor.badge.expires_at
    person = visitor.person
    return BadgeCard(
        token=visitor.badge.token,
        name=person.name,
        staff_no=person.staff_no,
        department=person.employer or person.department,
        site_name=installation.site_name,
        kind=str(person.kind),
        expires=expires.astimezone(zone).strftime("%Y-%m-%d %H:%M") if expires else None,
    )


def pil_to_qimage(image: Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()


def print_visitor_pass(
    parent: QWidget, visitor: RegisteredVisitor, installation: Installation, zone: tzinfo
) -> bool:
    """Ask for a printer and print the pass; True when it was sent to the printer."""
    card = pass_card(visitor, installation, zone)
    try:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    except ImportError:
        return _open_pdf(card)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    image = pil_to_qimage(render_image(card))
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("The printer could not be started")
        return False
    dpi = printer.resolution()
    painter.drawImage(QRectF(0, 0, CARD_W / 25.4 * dpi, CARD_H / 25.4 * dpi), image)
    painter.end()
    return True


def _open_pdf(card: BadgeCard) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="gatekeeper-pass-"))
    path = folder / "visitor-pass.pdf"
    render_pdf_sheet([card], path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
