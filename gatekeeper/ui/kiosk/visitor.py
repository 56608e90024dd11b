"""Visitor and contractor registration at the gate, and the day pass it issues."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import PersonKind
from gatekeeper.services.visitors import FieldProblem, VisitorForm
from gatekeeper.ui.kiosk import texts
from gatekeeper.ui.kiosk.common import KioskScreen, button, label, panel
from gatekeeper.ui.kiosk.declaration import DeclarationFields
from gatekeeper.ui.widgets.flow_layout import FlowLayout
from gatekeeper.ui.widgets.qr_code import QrCodeView
from gatekeeper.ui.widgets.vertical_scroll import VerticalScrollArea

FIELDS = ("name", "phone", "company", "host", "purpose")
LIMITS = {"name": 100, "phone": 32, "company": 100, "host": 100, "purpose": 200}


class VisitorScreen(KioskScreen):
    submitted = Signal(object)  # VisitorForm
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title_label = label(self, "KTitle")
        self.subtitle_label = label(self, "KSubtitle")
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        row = 0
        for field in FIELDS:
            self.labels[field] = label(self, "KLabel", wrap=False)
            edit = QLineEdit(self)
            edit.setMaxLength(LIMITS[field])
            edit.textEdited.connect(lambda _text, field=field: self._clear_error(field))
            edit.returnPressed.connect(self.focusNextChild)
            self.edits[field] = edit
            self.errors[field] = label(self, "KFieldError")
            self.errors[field].hide()
            grid.addWidget(self.labels[field], row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(edit, row, 1)
            grid.addWidget(self.errors[field], row + 1, 1)
            row += 2
        self.edits["phone"].setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.kind_label = label(self, "KLabel", wrap=False)
        self.visitor_radio = QRadioButton(self)
        self.contractor_radio = QRadioButton(self)
        kinds = QButtonGroup(self)
        kinds.addButton(self.visitor_radio)
        kinds.addButton(self.contractor_radio)
        self.visitor_radio.setChecked(True)
        # One above the other where the two do not fit side by side.
        kind_row = FlowLayout(spacing=28, vertical_spacing=2)
        kind_row.addWidget(self.visitor_radio)
        kind_row.addWidget(self.contractor_radio)
        grid.addWidget(self.kind_label, row, 0)
        grid.addLayout(kind_row, row, 1)
        grid.setColumnStretch(1, 1)

        self.declaration_title = label(self, "KSectionTitle")
        self.declaration = DeclarationFields(self, columns=2)
        self.error_label = label(self, "KError")
        self.error_label.hide()
        self.cancel_button = button(self)
        self.cancel_button.clicked.connect(self.cancelled)
        self.submit_button = button(self, "KPrimary")
        self.submit_button.clicked.connect(self._submit)

        # Both halves scroll where a longer language, or the errors shown under the fields,
        # make them taller than the screen.
        left, left_layout = panel(self, margins=22, spacing=8)
        fields = QWidget()
        fields.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.fields_scroll = VerticalScrollArea(fields, left)
        left_layout.addWidget(self.fields_scroll, 1)
        right, right_layout = panel(self, margins=22, spacing=8)
        right_layout.addWidget(self.declaration_title)
        self.declaration_scroll = VerticalScrollArea(self.declaration, right)
        right_layout.addWidget(self.declaration_scroll, 1)
        body = QHBoxLayout()
        body.setSpacing(20)
        body.addWidget(left, 11)
        body.addWidget(right, 10)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.error_label, 1)
        buttons.addSpacing(16)
        buttons.addWidget(self.submit_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 18, 32, 22)
        outer.setSpacing(8)
        outer.addWidget(self.title_label)
        outer.addWidget(self.subtitle_label)
        outer.addLayout(body, 1)
        outer.addLayout(buttons)
        self.retranslate_ui()

    def start(self) -> None:
        for field in FIELDS:
            self.edits[field].clear()
            self._clear_error(field)
        self.visitor_radio.setChecked(True)
        self.declaration.clear()
        self.set_busy(False)
        self.error_label.hide()
        self.edits["name"].setFocus()

    def form(self) -> VisitorForm:
        return VisitorForm(
            name=self.edits["name"].text(),
            phone=self.edits["phone"].text(),
            company=self.edits["company"].text(),
            host=self.edits["host"].text(),
            purpose=self.edits["purpose"].text(),
            kind=PersonKind.CONTRACTOR if self.contractor_radio.isChecked() else PersonKind.VISITOR,
            declaration=self.declaration.declaration(),
        )

    def _submit(self) -> None:
        self.submitted.emit(self.form())

    def set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def _set_invalid(self, field: str, invalid: bool) -> None:
        edit = self.edits[field]
        edit.setProperty("invalid", invalid)
        edit.style().unpolish(edit)
        edit.style().polish(edit)

    def _clear_error(self, field: str) -> None:
        self.errors[field].clear()
        self.errors[field].hide()
        self._set_invalid(field, False)

    def set_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Each problem next to its field, in the interface language."""
        first = None
        for problem in problems:
            message = texts.problem_text(problem.message)
            if problem.field in self.edits:
                self.errors[problem.field].setText(message)
                self.errors[problem.field].show()
                self._set_invalid(problem.field, True)
                first = first or self.edits[problem.field]
            elif problem.field == "places_visited":
                self.declaration.set_places_error(message)
            else:
                self.error_label.setText(f"{texts.field_name(problem.field)}: {message}")
                self.error_label.show()
        if problems and not self.error_label.isVisible():
            self.error_label.setText(self.tr("Please correct the fields marked in red."))
            self.error_label.show()
        if first is not None:
            first.setFocus()

    def field_error(self, field: str) -> str:
        return self.errors[field].text()

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Visitor registration"))
        self.subtitle_label.setText(
            self.tr("For visitors and contractors. Fields marked * are required.")
        )
        for field in FIELDS:
            name = texts.field_name(field)
            self.labels[field].setText(name + (" *" if field in ("name", "phone") else ""))
        self.edits["host"].setPlaceholderText(self.tr("Whom are you visiting?"))
        self.edits["phone"].setPlaceholderText(self.tr("Mobile number"))
        # Qt elides a placeholder longer than its field; the tooltip has it whole.
        for edit in (self.edits["host"], self.edits["phone"]):
            edit.setToolTip(edit.placeholderText())
        self.kind_label.setText(self.tr("I am a"))
        self.declaration_title.setText(self.tr("Health declaration"))
        self.visitor_radio.setText(self.tr("Visitor"))
        self.contractor_radio.setText(self.tr("Contractor"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.submit_button.setText(self.tr("Register and take temperature"))


class VisitorPassScreen(KioskScreen):
    """The day pass: its QR code to photograph, or print."""

    print_requested = Signal()
    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._name = ""
        self._number = ""
        self._valid_until = ""
        self.qr_view = QrCodeView(self)
        self.qr_view.setMinimumSize(420, 420)
        self.title_label = label(self, "KTitle")
        self.name_label = label(self, "KName")
        self.number_label = label(self, "KDetail")
        self.valid_label = label(self, "KSubtitle")
        self.hint_label = label(self, "KSubtitle")
        self.print_button = button(self)
        self.print_button.clicked.connect(self.print_requested)
        self.done_button = button(self, "KPrimary")
        self.done_button.clicked.connect(self.done)

        info, info_layout = panel(self, margins=32, spacing=12)
        info_layout.addWidget(self.title_label)
        info_layout.addWidget(self.name_label)
        info_layout.addWidget(self.number_label)
        info_layout.addSpacing(12)
        info_layout.addWidget(self.valid_label)
        info_layout.addWidget(self.hint_label)
        info_layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        info_layout.addLayout(buttons)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 36, 40, 36)
        outer.setSpacing(32)
        outer.addWidget(self.qr_view, 1)
        outer.addWidget(info, 1)
        self.retranslate_ui()

    def show_pass(self, token: str, name: str, number: str, valid_until: str) -> None:
        self.qr_view.set_text(token)
        self._name, self._number, self._valid_until = name, number, valid_until
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Visitor pass"))
        self.name_label.setText(self._name)
        self.number_label.setText(self._number)
        self.valid_label.setText(self.tr("Valid until {time} today").format(time=self._valid_until))
        self.hint_label.setText(
            self.tr(
                "Photograph this code with your phone, or print it. Show it to the camera "
                "to enter and leave today."
            )
        )
        self.print_button.setText(self.tr("Print"))
        self.done_button.setText(self.tr("Done"))
