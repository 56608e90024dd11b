"""Leaving full screen and the kiosk settings need an officer's or an admin's password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from gatekeeper.ui.kiosk.common import KioskScreen, button, label, panel
from gatekeeper.ui.widgets.flow_layout import FlowLayout
from gatekeeper.ui.widgets.language_switch import LanguageSwitch


class UnlockScreen(KioskScreen):
    submitted = Signal(str, str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title_label = label(self, "KTitle")
        self.subtitle_label = label(self, "KSubtitle")
        self.user_label = label(self, "KLabel")
        self.user_edit = QLineEdit(self)
        self.user_edit.setMaxLength(64)
        self.password_label = label(self, "KLabel")
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(200)
        self.error_label = label(self, "KError")
        self.error_label.hide()
        self.cancel_button = button(self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.unlock_button = button(self, "KPrimary")
        self.unlock_button.clicked.connect(self.submit)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.submit)

        box, box_layout = panel(self, margins=32, spacing=10)
        box.setFixedWidth(620)
        box_layout.addWidget(self.title_label)
        box_layout.addWidget(self.subtitle_label)
        box_layout.addSpacing(10)
        box_layout.addWidget(self.user_label)
        box_layout.addWidget(self.user_edit)
        box_layout.addWidget(self.password_label)
        box_layout.addWidget(self.password_edit)
        box_layout.addWidget(self.error_label)
        box_layout.addSpacing(10)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box_layout.addLayout(buttons)

        # Centred by stretches, not by an alignment flag: an aligned widget gets the height
        # of its size hint, not the height its wrapped texts need at its width.
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box)
        centre.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(1)
        self.retranslate_ui()

    def start(self) -> None:
        self.user_edit.clear()
        self.password_edit.clear()
        self.set_error("")
        self.set_busy(False)
        self.user_edit.setFocus()

    def submit(self) -> None:
        if self.user_edit.text().strip() and self.password_edit.text():
            self.submitted.emit(self.user_edit.text().strip(), self.password_edit.text())

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.password_edit.clear()
            self.password_edit.setFocus()

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Officer sign-in"))
        self.subtitle_label.setText(
            self.tr("An officer or an admin must sign in to change the kiosk.")
        )
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.unlock_button.setText(self.tr("Unlock"))


class SettingsScreen(KioskScreen):
    """What an officer may do at the kiosk: language, full screen, end the guard's shift,
    close the kiosk."""

    back = Signal()
    fullscreen_toggled = Signal()
    sign_out_requested = Signal()
    close_requested = Signal()
    language_selected = Signal(str)

    def __init__(
        self, details: Callable[[], list[tuple[str, str]]], *, language: str, attended: bool
    ) -> None:
        super().__init__()
        self._details = details
        self._fullscreen = False
        self.title_label = label(self, "KTitle")
        self.officer_label = label(self, "KSubtitle")
        self.language_label = label(self, "KLabel")
        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)
        self.details_label = label(self, "KDetail")
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fullscreen_button = button(self)
        self.fullscreen_button.clicked.connect(self.fullscreen_toggled)
        self.sign_out_button = button(self)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.sign_out_button.setVisible(attended)
        self.close_button = button(self)
        self.close_button.clicked.connect(self.close_requested)
        self.back_button = button(self, "KPrimary")
        self.back_button.clicked.connect(self.back)

        box, box_layout = panel(self, margins=32, spacing=12)
        box_layout.addWidget(self.title_label)
        box_layout.addWidget(self.officer_label)
        box_layout.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addSpacing(12)
        row.addWidget(self.language_switch)
        row.addStretch(1)
        box_layout.addLayout(row)
        box_layout.addWidget(self.details_label)
        box_layout.addStretch(1)
        # The other actions wrap onto a second row where their texts are long.
        others = FlowLayout(spacing=12)
        others.addWidget(self.fullscreen_button)
        others.addWidget(self.sign_out_button)
        others.addWidget(self.close_button)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addLayout(others, 1)
        actions.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignBottom)
        box_layout.addLayout(actions)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        outer.addWidget(box)
        self._officer = ""
        self.retranslate_ui()

    def start(self, officer: str, fullscreen: bool) -> None:
        self._officer = officer
        self._fullscreen = fullscreen
        self.retranslate_ui()

    def set_language(self, language: str) -> None:
        self.language_switch.set_language(language)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Kiosk settings"))
        self.officer_label.setText(self.tr("Unlocked by {name}").format(name=self._officer))
        self.language_label.setText(self.tr("Language"))
        self.details_label.setText("\n".join(f"{k}: {v}" for k, v in self._details()))
        self.fullscreen_button.setText(
            self.tr("Leave full screen") if self._fullscreen else self.tr("Full screen")
        )
        self.sign_out_button.setText(self.tr("End guard's shift"))
        self.close_button.setText(self.tr("Close the kiosk"))
        self.back_button.setText(self.tr("Back to scanning"))
