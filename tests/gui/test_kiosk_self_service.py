"""The kiosk and the self-service pages: the address shown as a QR code for phones, and a
declaration made on a phone counted where the site requires one."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from gatekeeper.scanner.decoder import QrDecoder
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.selfservice import DeclarationRequest, HealthAnswers, SelfService
from gatekeeper.services.users import fast_hasher
from gatekeeper.ui.kiosk.window import KioskWindow

MakeKiosk = Callable[..., KioskWindow]


def decoded(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), np.uint8, count=stride * height)
    frame = pixels.reshape(height, stride)[:, :width].copy()
    return [r.text for r in QrDecoder().decode(frame)]


def test_the_scanning_screen_shows_the_self_service_address(
    qtbot: QtBot, make_kiosk: MakeKiosk, services: Services
) -> None:
    kiosk = make_kiosk()
    assert not kiosk.scanning.self_service.isVisible()
    services.settings.set_self_service_url("http://192.168.1.20:8080/", actor="test")
    # The kiosk reads the setting when the scanning screen shows again.
    fresh = make_kiosk(with_services=build_services(services.db, services.paths,
                                                    services.installation))
    qtbot.waitUntil(lambda: fresh.scanning.self_service.isVisible(), timeout=5000)
    assert fresh.scanning.self_service_url == "http://192.168.1.20:8080/"
    assert fresh.scanning.self_service_address.text() == "192.168.1.20:8080/"
    assert "scan with your phone" in fresh.scanning.self_service_caption.text()
    # A phone reads the address from the screen.
    assert decoded(fresh.scanning.self_service_qr.grab().toImage()) == [
        "http://192.168.1.20:8080/"
    ]
    fresh.scanning.set_self_service_url("")
    assert not fresh.scanning.self_service.isVisible()


def test_a_declaration_made_on_a_phone_counts_at_the_kiosk(
    qtbot: QtBot, make_kiosk: MakeKiosk, demo_data: DemoData, services: Services
) -> None:
    services.settings.update(declaration_required_for_all=True, actor="test")
    web = SelfService(services.db, services.installation, services.badges,
                      hasher=fast_hasher())
    code = web.set_code("1001", actor="officer")
    web.declare(DeclarationRequest("1001", code, HealthAnswers(contact="no")))
    kiosk = make_kiosk(with_services=build_services(services.db, services.paths,
                                                    services.installation))
    assert kiosk.handle_token(demo_data.tokens[0])  # 1001's badge
    qtbot.waitUntil(lambda: not kiosk.busy, timeout=5000)
    # Straight to the temperature: the declaration for today is there.
    assert kiosk.current == "temperature"
    # Someone who did not declare is asked to.
    kiosk.back_to_scanning()
    assert kiosk.handle_token(demo_data.tokens[1])
    qtbot.waitUntil(lambda: not kiosk.busy, timeout=5000)
    assert kiosk.current == "declaration"
