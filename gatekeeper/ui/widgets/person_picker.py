"""Pick one person from the registry: a search field and the people it finds.

The widget does not read the registry itself: it is given ``search(text, show)``, which
looks the text up (off the GUI thread, say) and later calls ``show(people)`` with what it
found. Answers to an older search than the newest one are dropped.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gatekeeper.services.views import PersonView
from gatekeeper.ui.theme import TEXT_MARGIN

Search = Callable[[str, Callable[[Sequence[PersonView]], None]], None]

# Typing pauses this long before the registry is searched.
SEARCH_DELAY_MS = 200


class PersonPicker(QWidget):
    # The chosen person changed (None: nobody chosen).
    chosen = Signal(object)

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._serial = 0
        self._people: list[PersonView] = []

        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(140)
        self.results.currentRowChanged.connect(self._row_changed)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("Hint")
        self.hint_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.retranslate_ui()
        self._show_hint()

    @property
    def people(self) -> list[PersonView]:
        return list(self._people)

    @property
    def selected(self) -> PersonView | None:
        row = self.results.currentRow()
        return self._people[row] if 0 <= row < len(self._people) else None

    def select(self, person_id: uuid.UUID) -> bool:
        for row, person in enumerate(self._people):
            if person.id == person_id:
                self.results.setCurrentRow(row)
                return True
        return False

    def search_now(self) -> None:
        """Search for the text in the field now (typing does it after a short pause)."""
        self._timer.stop()
        text = self.search_edit.text().strip()
        self._serial += 1
        serial = self._serial
        if not text:
            self.set_people([])
            return

        def show(people: Sequence[PersonView]) -> None:
            if serial == self._serial:
                self.set_people(people)

        self._search(text, show)

    def set_people(self, people: Sequence[PersonView]) -> None:
        self._people = list(people)
        self.results.clear()
        for person in self._people:
            parts = [person.name, person.staff_no]
            if person.department:
                parts.append(person.department)
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, str(person.id))
            if not person.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.results.addItem(item)
        if len(self._people) == 1:
            self.results.setCurrentRow(0)
        self._show_hint()
        self.chosen.emit(self.selected)

    def _row_changed(self, _row: int) -> None:
        self.chosen.emit(self.selected)

    def _show_hint(self) -> None:
        if not self.search_edit.text().strip():
            self.hint_label.setText(self.tr("Type a name, staff number or phone number."))
        elif not self._people:
            self.hint_label.setText(self.tr("Nobody found."))
        else:
            count = len(self._people)
            self.hint_label.setText(
                self.tr("1 person found.") if count == 1
                else self.tr("{count} people found.").format(count=count)
            )

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search the registry"))
        self.search_edit.setAccessibleName(self.tr("Search the registry"))
        self._show_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
