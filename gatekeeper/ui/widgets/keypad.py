"""A big on-screen numeric keypad for touch screens (temperatures and PINs).

It never takes the keyboard focus, so that typing on a real keyboard keeps going to the field
that has it; each key press is reported as ``key_pressed(text)``: a digit, ``"."``,
``BACKSPACE`` or ``ENTER``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

BACKSPACE = "backspace"
ENTER = "enter"
CLEAR = "clear"


class NumericKeypad(QWidget):
    key_pressed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        decimal_point: bool = True,
        enter_key: bool = True,
    ) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        rows = (("7", "8", "9"), ("4", "5", "6"), ("1", "2", "3"))
        for row, keys in enumerate(rows):
            for column, key in enumerate(keys):
                grid.addWidget(self._button(key, key), row, column)
        grid.addWidget(self._button("." if decimal_point else CLEAR,
                                    "." if decimal_point else "C"), 3, 0)
        grid.addWidget(self._button("0", "0"), 3, 1)
        grid.addWidget(self._button(BACKSPACE, "⌫"), 3, 2)
        if enter_key:
            enter = self._button(ENTER, "")
            enter.setObjectName("KeypadEnter")
            grid.addWidget(enter, 4, 0, 1, 3)
        self.retranslate_ui()

    def _button(self, key: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("KeypadKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(key == BACKSPACE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.setMinimumSize(72, 44)
        button.clicked.connect(lambda _checked=False, key=key: self.key_pressed.emit(key))
        self.buttons[key] = button
        return button

    def retranslate_ui(self) -> None:
        if ENTER in self.buttons:
            self.buttons[ENTER].setText(self.tr("OK"))
        self.buttons[BACKSPACE].setToolTip(self.tr("Delete the last digit"))
        self.buttons[BACKSPACE].setAccessibleName(self.tr("Delete"))
        if CLEAR in self.buttons:
            self.buttons[CLEAR].setAccessibleName(self.tr("Clear"))

    def set_enter_text(self, text: str) -> None:
        if ENTER in self.buttons:
            self.buttons[ENTER].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def apply_key(text: str, key: str, *, max_length: int = 6, decimals: bool = True) -> str:
    """The text after a keypad key: a digit or point appended, the last character deleted,
    or everything cleared. Enter leaves the text as it is."""
    if key == BACKSPACE:
        return text[:-1]
    if key == CLEAR:
        return ""
    if key == ENTER:
        return text
    if key == "." and (not decimals or "." in text):
        return text
    if len(text) >= max_length:
        return text
    if key == "." and not text:
        return "0."
    return text + key
