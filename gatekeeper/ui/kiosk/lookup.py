"""A forgotten badge: find the person by staff number, name or phone (method "manual")."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from gatekeeper.services.views import PersonView
from gatekeeper.ui.kiosk.common import KioskScreen, button, label, panel

SEARCH_DELAY_MS = 250


class LookupScreen(KioskScreen):
    search_changed = Signal(str)
    chosen = Signal(object)  # uuid.UUID
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._people: list[PersonView] = []
        self._searched = ""

        self.title_label = label(self, "KTitle")
        self.subtitle_label = label(self, "KSubtitle")
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(100)
        self.search_edit.setStyleSheet("font-size: 32px; min-height: 60px;")
        self.results = QListWidget(self)
        self.results.itemActivated.connect(lambda _item: self.choose())
        self.results.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.empty_label = label(self, "KDetail")
        self.cancel_button = button(self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.choose_button = button(self, "KPrimary")
        self.choose_button.clicked.connect(self.choose)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self._return_pressed)

        box, box_layout = panel(self, margins=24)
        box_layout.addWidget(self.search_edit)
        box_layout.addWidget(self.results, 1)
        box_layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.choose_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 22, 32, 28)
        outer.setSpacing(14)
        outer.addWidget(self.title_label)
        outer.addWidget(self.subtitle_label)
        outer.addWidget(box, 1)
        outer.addLayout(buttons)
        self.retranslate_ui()

    def start(self) -> None:
        self.search_edit.clear()
        self._searched = ""
        self.set_results([])
        self.search_edit.setFocus()

    def _search_now(self) -> None:
        text = self.search_edit.text().strip()
        self._searched = text
        self.search_changed.emit(text)

    def _return_pressed(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._search_now()
        elif self.results.count() == 1 or self.results.currentRow() >= 0:
            self.choose()

    @property
    def people(self) -> list[PersonView]:
        return list(self._people)

    def set_results(self, people: Sequence[PersonView]) -> None:
        self._people = list(people)
        self.results.clear()
        for person in self._people:
            parts = [person.staff_no, person.department or person.employer]
            text = person.name + "    " + " · ".join(p for p in parts if p)
            if not person.active:
                text += "    " + self.tr("(inactive)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(person.id))
            self.results.addItem(item)
        if len(self._people) == 1:
            self.results.setCurrentRow(0)
        self._show_empty()
        self._update_buttons()

    def _show_empty(self) -> None:
        if self._people:
            self.empty_label.hide()
            return
        self.empty_label.show()
        if self._searched:
            self.empty_label.setText(self.tr("Nobody found. Check the spelling, or ask the guard."))
        else:
            self.empty_label.setText(self.tr("Type at least a few letters or digits."))

    def _update_buttons(self) -> None:
        self.choose_button.setEnabled(self.results.currentRow() >= 0)

    def select_person(self, person_id: uuid.UUID) -> None:
        for row, person in enumerate(self._people):
            if person.id == person_id:
                self.results.setCurrentRow(row)

    def choose(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self._people):
            self.chosen.emit(self._people[row].id)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Forgot badge"))
        self.subtitle_label.setText(
            self.tr("Find yourself by staff number, name or phone number.")
        )
        self.search_edit.setPlaceholderText(self.tr("Staff number, name or phone"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.choose_button.setText(self.tr("This is me"))
        self.set_results(self._people)
