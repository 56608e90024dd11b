"""Attended mode: a guard picks their name and types their PIN to start the shift."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from gatekeeper.services.users import UserView
from gatekeeper.ui.kiosk.common import Clock, KioskScreen, button, label, panel
from gatekeeper.ui.widgets.keypad import ENTER, NumericKeypad, apply_key


class SignInScreen(KioskScreen):
    submitted = Signal(str, str)  # username, PIN
    settings_requested = Signal()

    def __init__(self, site_line: str, timezone: str) -> None:
        super().__init__()
        self._guards: list[UserView] = []
        self._error = ""

        self.site_label = label(self, "KSiteLine", site_line, wrap=False)
        self.clock = Clock(timezone, self)
        self.settings_button = button(self, "KSmall", focus=False)
        self.settings_button.clicked.connect(self.settings_requested)

        self.title_label = label(self, "KTitle")
        self.subtitle_label = label(self, "KSubtitle")
        self.guards_label = label(self, "KLabel")
        self.guard_list = QListWidget(self)
        self.guard_list.currentRowChanged.connect(self._guard_changed)
        self.no_guards_label = label(self, "KDetail")
        self.no_guards_label.hide()

        self.pin_label = label(self, "KLabel")
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(8)
        self.pin_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_edit.setStyleSheet("font-size: 40px; min-height: 64px; letter-spacing: 8px;")
        self.pin_edit.returnPressed.connect(self.submit)
        self.pin_edit.textEdited.connect(lambda _text: self.set_error(""))
        self.keypad = NumericKeypad(self, decimal_point=False)
        self.keypad.key_pressed.connect(self._key)
        self.error_label = label(self, "KError")
        self.error_label.hide()

        header = QHBoxLayout()
        header.addWidget(self.site_label, 1)
        header.addWidget(self.clock)
        header.addSpacing(16)
        header.addWidget(self.settings_button)

        left, left_layout = panel(self)
        left_layout.addWidget(self.guards_label)
        left_layout.addWidget(self.guard_list, 1)
        left_layout.addWidget(self.no_guards_label)
        # Under the list, which gives up the room: under the keypad it made the screen taller
        # than 720 px.
        left_layout.addWidget(self.error_label)

        right, right_layout = panel(self)
        right_layout.addWidget(self.pin_label)
        right_layout.addWidget(self.pin_edit)
        right_layout.addWidget(self.keypad, 1)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(left, 5)
        body.addWidget(right, 4)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 28)
        outer.setSpacing(10)
        outer.addLayout(header)
        outer.addWidget(self.title_label)
        outer.addWidget(self.subtitle_label)
        outer.addSpacing(8)
        outer.addLayout(body, 1)
        self.retranslate_ui()

    def set_guards(self, guards: Sequence[UserView]) -> None:
        self._guards = list(guards)
        self.guard_list.clear()
        for guard in self._guards:
            item = QListWidgetItem(guard.display_name)
            item.setData(Qt.ItemDataRole.UserRole, guard.username)
            self.guard_list.addItem(item)
        self.no_guards_label.setVisible(not self._guards)
        self.guard_list.setVisible(bool(self._guards))
        if len(self._guards) == 1:
            self.guard_list.setCurrentRow(0)

    @property
    def selected_username(self) -> str | None:
        item = self.guard_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, username: str) -> None:
        for row, guard in enumerate(self._guards):
            if guard.username == username:
                self.guard_list.setCurrentRow(row)

    def _guard_changed(self, _row: int) -> None:
        self.set_error("")
        self.pin_edit.setFocus()

    def _key(self, key: str) -> None:
        if key == ENTER:
            self.submit()
            return
        self.set_error("")
        self.pin_edit.setText(apply_key(self.pin_edit.text(), key, max_length=8, decimals=False))

    def submit(self) -> None:
        username = self.selected_username
        if username is None:
            self.set_error(self.tr("Choose your name first."))
            return
        if not self.pin_edit.text():
            self.pin_edit.setFocus()
            return
        self.submitted.emit(username, self.pin_edit.text())

    def set_busy(self, busy: bool) -> None:
        self.keypad.setEnabled(not busy)
        self.pin_edit.setReadOnly(busy)

    def set_error(self, message: str) -> None:
        self._error = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def reset(self) -> None:
        self.pin_edit.clear()
        self.set_error("")
        self.set_busy(False)
        self.pin_edit.setFocus()

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Guard sign-in"))
        self.subtitle_label.setText(
            self.tr("Choose your name and enter your PIN to start the shift.")
        )
        self.guards_label.setText(self.tr("Guard"))
        self.pin_label.setText(self.tr("PIN"))
        self.keypad.set_enter_text(self.tr("Sign in"))
        self.settings_button.setText(self.tr("Settings"))
        self.no_guards_label.setText(
            self.tr(
                "No guard accounts yet. An officer adds them on this computer with: "
                "gatekeeper user add --role guard --username NAME"
            )
        )
