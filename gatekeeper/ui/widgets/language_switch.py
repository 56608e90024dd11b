"""A two-way switch between the interface languages, each named in its own language."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from gatekeeper.ui.i18n import LANGUAGE_NAMES, LANGUAGES


class LanguageSwitch(QWidget):
    """Emits ``language_selected(code)`` when a person picks a language; setting the
    language from code (``set_language``) emits nothing."""

    language_selected = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for index, code in enumerate(LANGUAGES):
            button = QPushButton(LANGUAGE_NAMES[code], self)
            button.setObjectName("LanguageButton")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("first", index == 0)
            button.setProperty("last", index == len(LANGUAGES) - 1)
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[code] = button
            button.clicked.connect(lambda _checked=False, code=code: self._picked(code))
        self.set_language(language)
        self.retranslate_ui()

    @property
    def language(self) -> str:
        for code, button in self.buttons.items():
            if button.isChecked():
                return code
        return LANGUAGES[0]

    def set_language(self, language: str) -> None:
        self.buttons[language].setChecked(True)

    def _picked(self, code: str) -> None:
        self.language_selected.emit(code)

    def retranslate_ui(self) -> None:
        self.setToolTip(self.tr("Language of the screens"))
        self.setAccessibleName(self.tr("Language"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
