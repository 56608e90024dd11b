"""Small building blocks shared by the kiosk screens."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from gatekeeper.ui.kiosk.style import PANEL


def label(
    parent: QWidget, role: str, text: str = "", *, wrap: bool = True,
    align: Qt.AlignmentFlag | None = None,
) -> QLabel:
    widget = QLabel(text, parent)
    widget.setObjectName(role)
    widget.setWordWrap(wrap)
    if align is not None:
        widget.setAlignment(align)
    return widget


def button(parent: QWidget, role: str = "", *, focus: bool = True) -> QPushButton:
    widget = QPushButton(parent)
    if role:
        widget.setObjectName(role)
    widget.setAutoDefault(False)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if not focus:
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget


def panel(parent: QWidget, *, margins: int = 24, spacing: int = 14) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("KPanel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    return frame, layout


class KioskScreen(QWidget):
    """A page of the kiosk: dark background, and ``retranslate_ui()`` on a language change.
    Each screen class writes its own ``retranslate_ui`` (its ``tr`` context is its name)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class Clock(QLabel):
    """The gate's local time, to the minute, updated every few seconds."""

    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KClock")
        self._zone = ZoneInfo(timezone)
        self._timer = QTimer(self)
        self._timer.setInterval(5_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        self.setText(datetime.now(self._zone).strftime("%H:%M"))


class Avatar(QLabel):
    """The person's initial in a circle, where there is no photo."""

    def __init__(self, parent: QWidget | None = None, size: int = 120) -> None:
        super().__init__(parent)
        self.setFixedSize(size, size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"background: {PANEL}; border: 2px solid #2f4e60; border-radius: {size // 2}px;"
            f" font-size: {size * 45 // 100}px; font-weight: 700; color: #f1f5f7;"
        )

    def set_name(self, name: str) -> None:
        text = name.strip()
        self.setText(text[:1].upper() if text else "?")
