"""Taking a temperature: typed on the keypad or a keyboard, typed by a keyboard-wedge
thermometer (HID) into the focused field, or sent by a connected thermometer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from gatekeeper.domain.enums import TempUnit
from gatekeeper.services.views import PersonView
from gatekeeper.ui.kiosk.common import Avatar, KioskScreen, button, label, panel
from gatekeeper.ui.kiosk.style import LATIN_FONTS
from gatekeeper.ui.widgets.keypad import ENTER, NumericKeypad, apply_key

#: What may be typed: a number with one decimal separator, an optional degree sign and unit.
READING_PATTERN = r"^[0-9]{0,3}([.,][0-9]{0,2})?\s?°?\s?[CcFf]?$"


class TemperatureScreen(KioskScreen):
    submitted = Signal(str)
    cancelled = Signal()
    remeasure_requested = Signal()

    def __init__(self, unit: TempUnit, *, device: bool, keypad: bool = True) -> None:
        super().__init__()
        self.unit = unit
        self._device = device
        self._second = False
        self._first_text = ""
        self._error = ""
        self._measuring = False

        self.avatar = Avatar(self, 112)
        self.name_label = label(self, "KName", wrap=False)
        self.detail_label = label(self, "KDetail")
        self.title_label = label(self, "KTitle")
        self.instruction_label = label(self, "KSubtitle")
        self.first_reading_label = label(self, "KDetail")
        self.first_reading_label.hide()
        self.status_label = label(self, "KDetail")
        self.status_label.hide()
        self.error_label = label(self, "KError")
        self.error_label.hide()

        self.reading_edit = QLineEdit(self)
        self.reading_edit.setObjectName("KReadingEdit")
        self.reading_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reading_edit.setMaxLength(9)
        self.reading_edit.setValidator(QRegularExpressionValidator(READING_PATTERN, self))
        self.reading_edit.setStyleSheet(
            f"font-size: 84px; font-weight: 700; min-height: 110px; font-family: {LATIN_FONTS};"
        )
        self.reading_edit.returnPressed.connect(self.submit)
        self.reading_edit.textEdited.connect(lambda _t: self.set_error(""))
        self.unit_label = label(self, "KTitle", f"°{unit}", wrap=False)
        self.keypad = NumericKeypad(self)
        self.keypad.key_pressed.connect(self._key)
        self.keypad.setVisible(keypad)

        self.cancel_button = button(self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.remeasure_button = button(self)
        self.remeasure_button.clicked.connect(self.remeasure_requested)
        self.remeasure_button.setVisible(device)

        person = QVBoxLayout()
        person.setSpacing(2)
        person.addWidget(self.name_label)
        person.addWidget(self.detail_label)
        header = QHBoxLayout()
        header.setSpacing(20)
        header.addWidget(self.avatar)
        header.addLayout(person, 1)

        left, left_layout = panel(self, margins=28)
        left_layout.addWidget(self.title_label)
        left_layout.addWidget(self.instruction_label)
        left_layout.addWidget(self.first_reading_label)
        left_layout.addWidget(self.status_label)
        left_layout.addStretch(1)
        left_layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remeasure_button)
        left_layout.addLayout(buttons)

        right, right_layout = panel(self, margins=20)
        entry = QHBoxLayout()
        entry.addWidget(self.reading_edit, 1)
        entry.addWidget(self.unit_label)
        right_layout.addLayout(entry)
        right_layout.addWidget(self.keypad, 1)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(left, 1)
        body.addWidget(right, 1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 22, 32, 28)
        outer.setSpacing(18)
        outer.addLayout(header)
        outer.addLayout(body, 1)
        self.retranslate_ui()

    # -- state -------------------------------------------------------------------------

    @property
    def second_reading(self) -> bool:
        return self._second

    def start(self, person: PersonView, *, second: bool = False, first_text: str = "") -> None:
        self._second = second
        self._first_text = first_text
        self.avatar.set_name(person.name)
        self.name_label.setText(person.name)
        parts = [p for p in (person.department or person.employer, person.staff_no) if p]
        self.detail_label.setText(" · ".join(parts))
        self.reading_edit.clear()
        self.set_error("")
        self.set_busy(False)
        self.set_measuring(False)
        self.retranslate_ui()
        self.reading_edit.setFocus()

    def _key(self, key: str) -> None:
        if key == ENTER:
            self.submit()
            return
        self.set_error("")
        self.reading_edit.setText(apply_key(self.reading_edit.text(), key, max_length=5))

    def submit(self) -> None:
        text = self.reading_edit.text().strip()
        if text:
            self.submitted.emit(text)

    def set_reading_text(self, text: str) -> None:
        """Show what a device sent, as if it had been typed."""
        self.reading_edit.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.keypad.setEnabled(not busy)
        self.reading_edit.setReadOnly(busy)
        self.cancel_button.setEnabled(not busy)

    def set_measuring(self, measuring: bool) -> None:
        self._measuring = measuring
        self.status_label.setVisible(measuring)
        self.status_label.setText(self.tr("Measuring… hold still in front of the thermometer."))

    def set_error(self, message: str) -> None:
        self._error = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    @property
    def error_text(self) -> str:
        return self._error

    def retranslate_ui(self) -> None:
        if self._second:
            self.title_label.setText(self.tr("Second reading"))
            self.first_reading_label.setText(
                self.tr("First reading: {value}").format(value=self._first_text)
            )
            self.first_reading_label.setVisible(bool(self._first_text))
        else:
            self.title_label.setText(self.tr("Temperature"))
            self.first_reading_label.hide()
        if self._device:
            self.instruction_label.setText(
                self.tr("Stand in front of the thermometer. The reading appears by itself.")
            )
        elif self.unit is TempUnit.F:
            self.instruction_label.setText(
                self.tr("Take the temperature and type it in °F, for example 97.9.")
            )
        else:
            self.instruction_label.setText(
                self.tr("Take the temperature and type it in °C, for example 36.6.")
            )
        self.keypad.set_enter_text(self.tr("Confirm"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.remeasure_button.setText(self.tr("Measure again"))
        self.set_measuring(self._measuring)
