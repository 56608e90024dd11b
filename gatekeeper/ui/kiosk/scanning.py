"""The screen between screenings: the camera, "Show your badge", the direction, and the ways
round a badge (forgotten badge, visitor registration); where the site has self-service pages,
their address as a QR code for visitors' phones."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gatekeeper.domain.enums import Direction
from gatekeeper.ui.kiosk import texts
from gatekeeper.ui.kiosk.common import Clock, KioskScreen, button, label, panel
from gatekeeper.ui.kiosk.style import BACKGROUND
from gatekeeper.ui.widgets.camera_view import CameraView
from gatekeeper.ui.widgets.language_switch import LanguageSwitch
from gatekeeper.ui.widgets.qr_code import QrCodeView

#: The side of the self-service QR code, in pixels: about 4 px a module for an address of up
#: to 60 characters, which a phone reads from an arm's length.
SELF_SERVICE_QR_PX = 132
#: The prompt's size (style.py, QLabel#KPrompt) and the least it shrinks to for a long text.
PROMPT_PX = 60
MIN_PROMPT_PX = 36


class ScanningScreen(KioskScreen):
    direction_changed = Signal(object)  # Direction
    lookup_requested = Signal()
    visitor_requested = Signal()
    settings_requested = Signal()
    sign_out_requested = Signal()
    language_selected = Signal(str)

    def __init__(
        self, site_line: str, timezone: str, *, language: str, attended: bool
    ) -> None:
        super().__init__()
        self._attended = attended
        self._guard_name = ""
        self._camera_state = "starting"
        self._camera_detail = ""
        #: The self-service address: set by set_self_service_url(), else read from the kiosk
        #: window's settings each time the screen shows.
        self._self_service_url = ""
        self._self_service_url_set = False

        self.site_label = label(self, "KSiteLine", site_line, wrap=False)
        self.clock = Clock(timezone, self)
        self.language_switch = LanguageSwitch(language, self)
        for language_button in self.language_switch.buttons.values():
            language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_switch.language_selected.connect(self.language_selected)
        self.settings_button = button(self, "KSmall", focus=False)
        self.settings_button.clicked.connect(self.settings_requested)

        self.camera_view = CameraView(self, surround=BACKGROUND)

        self.prompt_label = label(self, "KPrompt")
        self.hint_label = label(self, "KSubtitle")
        self.direction_label = label(self, "KLabel")
        self.direction_buttons: dict[Direction, object] = {}
        self._direction_group = QButtonGroup(self)
        self._direction_group.setExclusive(True)
        self.in_button = button(self, "KDirection", focus=False)
        self.out_button = button(self, "KDirection", focus=False)
        for direction, widget in ((Direction.IN, self.in_button), (Direction.OUT, self.out_button)):
            widget.setCheckable(True)
            self._direction_group.addButton(widget)
            widget.clicked.connect(
                lambda _checked=False, direction=direction: self._direction_clicked(direction)
            )
        self.in_button.setChecked(True)

        self.lookup_button = button(self, focus=False)
        self.lookup_button.clicked.connect(self.lookup_requested)
        self.visitor_button = button(self, focus=False)
        self.visitor_button.clicked.connect(self.visitor_requested)

        self.self_service = QWidget(self)
        self.self_service_qr = QrCodeView(self.self_service)
        self.self_service_qr.setMinimumSize(SELF_SERVICE_QR_PX, SELF_SERVICE_QR_PX)
        self.self_service_qr.setFixedSize(SELF_SERVICE_QR_PX, SELF_SERVICE_QR_PX)
        self.self_service_caption = label(self.self_service, "KLabel")
        self.self_service_address = label(self.self_service, "KStatus")
        self.self_service_address.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.self_service.setVisible(False)

        self.status_dot = QLabel(self)
        self.status_dot.setObjectName("KStatusDot")
        self.status_dot.setFixedSize(16, 16)
        self.camera_status = label(self, "KStatus", wrap=False)
        self.guard_status = label(self, "KStatus", wrap=False)
        self.sign_out_button = button(self, "KSmall", focus=False)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.sign_out_button.setVisible(attended)

        self._lay_out()
        self.retranslate_ui()

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(self.site_label, 1)
        header.addWidget(self.clock)
        header.addWidget(self.language_switch)
        header.addWidget(self.settings_button)

        side, side_layout = panel(self, margins=28, spacing=12)
        side_layout.addWidget(self.prompt_label)
        side_layout.addWidget(self.hint_label)
        side_layout.addStretch(1)
        side_layout.addWidget(self.direction_label)
        toggle = QHBoxLayout()
        toggle.setSpacing(12)
        toggle.addWidget(self.in_button)
        toggle.addWidget(self.out_button)
        side_layout.addLayout(toggle)
        side_layout.addStretch(1)
        side_layout.addWidget(self.lookup_button)
        side_layout.addWidget(self.visitor_button)

        # Below the camera, where a 16:9 picture leaves room anyway.
        qr_row = QHBoxLayout(self.self_service)
        qr_row.setContentsMargins(0, 0, 0, 0)
        qr_row.setSpacing(16)
        qr_row.addWidget(self.self_service_qr, 0, Qt.AlignmentFlag.AlignTop)
        qr_text = QVBoxLayout()
        qr_text.setSpacing(6)
        qr_text.addStretch(1)
        qr_text.addWidget(self.self_service_caption)
        qr_text.addWidget(self.self_service_address)
        qr_text.addStretch(1)
        qr_row.addLayout(qr_text, 1)

        camera_frame = QWidget(self)
        camera_layout = QVBoxLayout(camera_frame)
        camera_layout.setContentsMargins(0, 0, 0, 0)
        camera_layout.setSpacing(14)
        camera_layout.addWidget(self.camera_view, 1)
        camera_layout.addWidget(self.self_service)

        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(camera_frame, 5)
        body.addWidget(side, 3)

        status = QHBoxLayout()
        status.setSpacing(10)
        status.addWidget(self.status_dot)
        status.addWidget(self.camera_status)
        status.addStretch(1)
        status.addWidget(self.guard_status)
        status.addWidget(self.sign_out_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 16, 28, 14)
        outer.setSpacing(14)
        outer.addLayout(header)
        outer.addLayout(body, 1)
        outer.addLayout(status)

    # -- state -------------------------------------------------------------------------

    @property
    def direction(self) -> Direction:
        return Direction.OUT if self.out_button.isChecked() else Direction.IN

    def set_direction(self, direction: Direction) -> None:
        (self.out_button if direction is Direction.OUT else self.in_button).setChecked(True)

    def _direction_clicked(self, direction: Direction) -> None:
        self.direction_changed.emit(direction)

    def set_guard(self, name: str) -> None:
        self._guard_name = name
        self._show_guard()

    def set_language(self, language: str) -> None:
        self.language_switch.set_language(language)

    def set_self_service_url(self, url: str) -> None:
        """Show the address of the self-service pages as a QR code (none for "")."""
        self._self_service_url_set = True
        self._show_self_service(url)

    @property
    def self_service_url(self) -> str:
        return self._self_service_url

    def _show_self_service(self, url: str) -> None:
        if url == self._self_service_url and self.self_service.isVisible() == bool(url):
            return
        self._self_service_url = url
        self.self_service_qr.set_text(url)
        self.self_service_address.setText(url.removeprefix("https://").removeprefix("http://"))
        self.self_service.setVisible(bool(url))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._self_service_url_set:
            # The kiosk window holds the services; the setting may change while it runs
            # (services/settings.py caches it for a few seconds).
            services = getattr(self.window(), "services", None)
            settings = getattr(services, "settings", None)
            read = getattr(settings, "self_service_url", None)
            if callable(read):
                self._show_self_service(str(read()))

    def set_camera_state(self, state: str, detail: str = "") -> None:
        self._camera_state = state
        self._camera_detail = detail
        self.status_dot.setProperty("state", state)
        style = self.status_dot.style()
        style.unpolish(self.status_dot)
        style.polish(self.status_dot)
        self._show_camera_state()

    @property
    def camera_state(self) -> str:
        return self._camera_state

    def _show_camera_state(self) -> None:
        self.camera_status.setText(texts.camera_state_text(self._camera_state))
        if self._camera_state == "lost":
            self.camera_view.set_overlay(
                self.tr("Camera not available"),
                self.tr("Reconnecting automatically. Meanwhile, use “Forgot badge”."),
                "problem",
            )
        elif self._camera_state == "starting":
            self.camera_view.set_overlay(self.tr("Starting the camera…"))
        elif self._camera_state == "stopped":
            self.camera_view.set_overlay(self.tr("Camera stopped"), "", "problem")
        else:
            self.camera_view.set_overlay("")

    def _show_guard(self) -> None:
        if self._attended:
            self.guard_status.setText(
                self.tr("Guard on duty: {name}").format(name=self._guard_name)
            )
        else:
            self.guard_status.setText(self.tr("Self-service · no guard present"))

    def _fit_prompt(self) -> None:
        """The prompt at its full size, smaller (not below 36 px) when a longer language
        would need more than two lines for it in the side panel."""
        width = self.prompt_label.width()
        if width <= 0:
            return
        font = QFont(self.prompt_label.font())
        size = PROMPT_PX
        while size > MIN_PROMPT_PX:
            font.setPixelSize(size)
            metrics = QFontMetrics(font)
            needed = metrics.boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, self.prompt_label.text()
            ).height()
            if needed <= 2 * metrics.lineSpacing():
                break
            size -= 4
        wanted = "" if size == PROMPT_PX else f"font-size: {size}px;"
        if self.prompt_label.styleSheet() != wanted:
            self.prompt_label.setStyleSheet(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_prompt()

    def retranslate_ui(self) -> None:
        self.prompt_label.setText(self.tr("Show your badge"))
        self._fit_prompt()
        self.hint_label.setText(self.tr("Hold the QR code of your badge up to the camera."))
        self.direction_label.setText(self.tr("Direction"))
        self.in_button.setText(texts.direction_word(Direction.IN))
        self.out_button.setText(texts.direction_word(Direction.OUT))
        self.lookup_button.setText(self.tr("Forgot badge"))
        self.visitor_button.setText(self.tr("Visitor registration"))
        self.settings_button.setText(self.tr("Settings"))
        self.sign_out_button.setText(self.tr("End shift"))
        self.self_service_caption.setText(
            self.tr("Visitors and daily declarations: scan with your phone.")
        )
        self._show_camera_state()
        self._show_guard()
