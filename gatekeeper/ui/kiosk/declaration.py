"""The health declaration: symptoms, places visited in the last 14 days, contact with a
confirmed case. Asked of visitors at registration, and of anyone the site requires it of."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.services.screening import Declaration
from gatekeeper.services.views import PersonView
from gatekeeper.ui.kiosk import texts
from gatekeeper.ui.kiosk.common import KioskScreen, button, label, panel
from gatekeeper.ui.widgets.flow_layout import FlowLayout
from gatekeeper.ui.widgets.vertical_scroll import VerticalScrollArea


def split_places(text: str) -> tuple[str, ...]:
    """'Shanghai, 苏州；Wuxi' -> ('Shanghai', '苏州', 'Wuxi')."""
    for separator in "，、；;\n":
        text = text.replace(separator, ",")
    return tuple(part.strip() for part in text.split(",") if part.strip())


class DeclarationFields(QWidget):
    """The three questions, as a part of a form."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, columns: int = 2) -> None:
        super().__init__(parent)
        self.symptoms_label = label(self, "KLabel")
        self.symptom_boxes: dict[str, QCheckBox] = {}
        # Up to ``columns`` columns; fewer where the symptoms' names are too long for them.
        grid = FlowLayout(spacing=16, vertical_spacing=4, max_columns=columns)
        for code in texts.SYMPTOMS:
            box = QCheckBox(self)
            box.toggled.connect(self.changed)
            self.symptom_boxes[code] = box
            grid.addWidget(box)
        self.places_label = label(self, "KLabel")
        self.places_edit = QLineEdit(self)
        self.places_edit.setMaxLength(500)
        self.places_error = label(self, "KFieldError")
        self.places_error.hide()
        self.contact_label = label(self, "KLabel")
        self.contact_no = QRadioButton(self)
        self.contact_yes = QRadioButton(self)
        group = QButtonGroup(self)
        group.addButton(self.contact_no)
        group.addButton(self.contact_yes)
        self.contact_no.setChecked(True)
        contact = QHBoxLayout()
        contact.setSpacing(32)
        contact.addWidget(self.contact_no)
        contact.addWidget(self.contact_yes)
        contact.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.symptoms_label)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(self.places_label)
        layout.addWidget(self.places_edit)
        layout.addWidget(self.places_error)
        layout.addSpacing(6)
        layout.addWidget(self.contact_label)
        layout.addLayout(contact)
        self.retranslate_ui()

    def declaration(self) -> Declaration:
        return Declaration(
            symptoms=tuple(code for code, box in self.symptom_boxes.items() if box.isChecked()),
            places_visited=split_places(self.places_edit.text()),
            contact_with_confirmed=self.contact_yes.isChecked(),
        )

    def clear(self) -> None:
        for box in self.symptom_boxes.values():
            box.setChecked(False)
        self.places_edit.clear()
        self.contact_no.setChecked(True)
        self.set_places_error("")

    def set_places_error(self, message: str) -> None:
        self.places_error.setText(message)
        self.places_error.setVisible(bool(message))
        self.places_edit.setProperty("invalid", bool(message))
        self.places_edit.style().unpolish(self.places_edit)
        self.places_edit.style().polish(self.places_edit)

    def retranslate_ui(self) -> None:
        self.symptoms_label.setText(self.tr("Do you have any of these symptoms today?"))
        for code, box in self.symptom_boxes.items():
            box.setText(texts.symptom_text(code))
        self.places_label.setText(
            self.tr("Cities or places visited in the last 14 days (separate with commas)")
        )
        self.places_edit.setPlaceholderText(self.tr("For example: Shanghai, Suzhou"))
        self.places_edit.setToolTip(self.places_edit.placeholderText())  # whole where elided
        self.contact_label.setText(
            self.tr("In the last 14 days, were you in contact with a confirmed case?")
        )
        self.contact_no.setText(self.tr("No"))
        self.contact_yes.setText(self.tr("Yes"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeclarationScreen(KioskScreen):
    """For a person whose declaration for today is required and missing."""

    submitted = Signal(object)  # Declaration
    declined = Signal()
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._name = ""
        self.title_label = label(self, "KTitle")
        self.subtitle_label = label(self, "KSubtitle")
        self.fields = DeclarationFields(self, columns=3)
        self.confirm_label = label(self, "KDetail")
        self.cancel_button = button(self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.decline_button = button(self)
        self.decline_button.clicked.connect(self.declined)
        self.submit_button = button(self, "KPrimary")
        self.submit_button.clicked.connect(self._submit)

        box, box_layout = panel(self, margins=28)
        # Scrolls where a longer language makes the questions taller than the screen.
        self.fields_scroll = VerticalScrollArea(self.fields, box)
        box_layout.addWidget(self.fields_scroll, 1)
        box_layout.addWidget(self.confirm_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.submit_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 22, 32, 28)
        outer.setSpacing(12)
        outer.addWidget(self.title_label)
        outer.addWidget(self.subtitle_label)
        outer.addWidget(box, 1)
        outer.addLayout(buttons)
        self.retranslate_ui()

    def start(self, person: PersonView) -> None:
        self._name = person.name
        self.fields.clear()
        self.retranslate_ui()
        self.fields.places_edit.setFocus()

    def _submit(self) -> None:
        self.submitted.emit(self.fields.declaration())

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Health declaration"))
        self.subtitle_label.setText(
            self.tr("{name}, this site asks for a health declaration today before entry.").format(
                name=self._name
            )
        )
        self.confirm_label.setText(
            self.tr("By confirming, you declare that these answers are true.")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.decline_button.setText(self.tr("Do not declare"))
        self.submit_button.setText(self.tr("Confirm declaration"))
