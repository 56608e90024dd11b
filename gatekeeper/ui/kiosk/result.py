"""The result: a full-screen colour with an icon and a word (never colour alone), who it was,
the temperature, why, and when. Also used for refused badges and duplicate scans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from gatekeeper.ui.kiosk.common import KioskScreen, button, label
from gatekeeper.ui.kiosk.style import RESULT_COLOURS, RESULT_WORD_PX, result_style
from gatekeeper.ui.widgets.bold_text import BoldText
from gatekeeper.ui.widgets.person_photo import PersonPhoto
from gatekeeper.ui.widgets.status_icon import CROSS, EXCLAMATION, INFO, TICK, StatusIcon

ICONS = {"pass": TICK, "recheck": EXCLAMATION, "deny": CROSS, "duplicate": INFO}
MIN_WORD_PX = 72
# Smaller still only where a word would otherwise make the screen wider than the display (a
# long word in a longer language): a smaller word beats a cut-off one.
LAST_RESORT_WORD_PX = 36


@dataclass(frozen=True)
class ResultView:
    """Everything the result screen shows, already in the interface language."""

    kind: str  # pass | recheck | deny | duplicate
    word: str
    name: str = ""
    detail: str = ""
    temperature: str = ""
    reason: str = ""
    when: str = ""
    note: str = ""
    action: str = ""  # the primary button's text
    photo: bytes | None = None  # the person's photo, shown above the name when there is one


class ResultScreen(KioskScreen):
    action_clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("KioskResult")
        self._build: Callable[[], ResultView] | None = None
        self.view: ResultView | None = None

        self.icon = StatusIcon(self, diameter=132)
        self.word_label = BoldText(self, pixel_size=RESULT_WORD_PX)
        self.word_label.setObjectName("KResultWord")
        self.rule = QFrame(self)
        self.rule.setObjectName("KResultRule")
        self.rule.setFixedWidth(220)
        center = Qt.AlignmentFlag.AlignHCenter
        self.photo = PersonPhoto(self, side=150)
        self.photo.hide()
        self.name_label = label(self, "KResultName", align=center)
        self.detail_label = label(self, "KResultDetail", align=center)
        self.temperature_label = label(self, "KResultTemp", align=center)
        self.reason_label = label(self, "KResultReason", align=center)
        self.when_label = label(self, "KResultDetail", align=center)
        self.note_label = label(self, "KResultReason", align=center)
        for text_label in (self.reason_label, self.note_label):
            text_label.setContentsMargins(90, 0, 90, 0)
        self.countdown_label = label(self, "KResultDetail", wrap=False)
        self.action_button = button(self)
        self.action_button.setMinimumWidth(260)
        self.action_button.clicked.connect(self.action_clicked)

        top = QHBoxLayout()
        top.setSpacing(32)
        top.addStretch(1)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.word_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.countdown_label, 1, Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.action_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 30, 40, 28)
        outer.setSpacing(8)
        outer.addStretch(1)
        outer.addLayout(top)
        outer.addSpacing(10)
        outer.addWidget(self.rule, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addSpacing(14)
        outer.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.name_label)
        outer.addWidget(self.detail_label)
        outer.addSpacing(6)
        outer.addWidget(self.temperature_label)
        outer.addSpacing(6)
        outer.addWidget(self.reason_label)
        outer.addWidget(self.note_label)
        outer.addWidget(self.when_label)
        outer.addStretch(2)
        outer.addLayout(bottom)

    def show_result(self, build: Callable[[], ResultView]) -> None:
        """Show what ``build()`` returns; it is called again when the language changes."""
        self._build = build
        self._render()

    def _render(self) -> None:
        if self._build is None:
            return
        view = self._build()
        self.view = view
        self.setStyleSheet(result_style(view.kind))
        self.icon.set_shape(ICONS[view.kind], RESULT_COLOURS[view.kind][1])
        self.word_label.setText(view.word)
        self.word_label.set_colour(RESULT_COLOURS[view.kind][1])
        self._fit_word()
        for widget, text in (
            (self.name_label, view.name),
            (self.detail_label, view.detail),
            (self.temperature_label, view.temperature),
            (self.reason_label, view.reason),
            (self.when_label, view.when),
            (self.note_label, view.note),
        ):
            widget.setText(text)
            widget.setVisible(bool(text))
        self.action_button.setText(view.action)
        self.action_button.setVisible(bool(view.action))
        self.photo.set_person(view.name, view.photo)
        self.photo.setVisible(view.photo is not None and self.photo.has_photo)

    def _fit_word(self) -> None:
        """The word at 120 px, smaller (not below 72 px) when a long word would not fit, and
        below that only as far as it must to fit at all."""
        available = max(400, (self.width() or 1280) - self.icon.width() - 280)
        size = RESULT_WORD_PX
        while size > MIN_WORD_PX and self.word_label.text_width(size) > available:
            size -= 6
        # the screen's width less its margins, the icon and the gap beside it
        room = max(400, (self.width() or 1280) - self.icon.width() - 140)
        while size > LAST_RESORT_WORD_PX and self.word_label.text_width(size) > room:
            size -= 6
        self.word_label.set_pixel_size(size)

    def set_countdown(self, text: str) -> None:
        self.countdown_label.setText(text)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.view is not None:
            self._fit_word()

    def retranslate_ui(self) -> None:
        self._render()
