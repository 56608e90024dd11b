"""Correcting a screening event: the wrong direction, the wrong decision, a mistyped
temperature. The officer sees the values as recorded at the gate and as they read now, changes
what is wrong and says why; the reason is required.

The event itself never changes: the amendment service (services/amend.py) records a new row
with who, when and why, and the log shows the corrected values marked as amended. A refusal
(no reason, a temperature that cannot be right, a guard's attempt) shows in the dialog, which
stays open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.services.amend import MAX_REASON, AmendmentView
from gatekeeper.services.container import Services
from gatekeeper.services.review import LogRow
from gatekeeper.services.users import UserView
from gatekeeper.ui.console.log_model import LogTableModel
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import ERROR, MessageBar
from gatekeeper.ui.widgets.save_dialog import SaveDialog

FIELDS = ("direction", "decision", "temperature_c")


def parse_temperature(text: str) -> float | None:
    """A temperature as typed ("36.8", "36,8", " 37 °C"); None when it is not a number."""
    cleaned = text.strip().replace(",", ".").removesuffix("°C").removesuffix("℃").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


class AmendDialog(SaveDialog):
    """On success the dialog is accepted and ``amendment`` holds what was recorded."""

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        row: LogRow,
        words: LogTableModel,
        parent: QWidget | None = None,
    ) -> None:
        """``words``: the log model, whose texts for directions, decisions and fields the
        dialog shares."""
        super().__init__(worker, parent)
        self.services = services
        self.user = user
        self.row = row
        self.words = words
        self.history: list[AmendmentView] = []
        self.amendment: AmendmentView | None = None
        self.setModal(True)
        self.setMinimumWidth(620)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionTitle")
        self.event_label = QLabel(self)
        self.event_label.setWordWrap(True)
        self.event_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = MessageBar(self)

        self.field_labels = {name: QLabel(self) for name in FIELDS}
        self.recorded_labels = {name: QLabel(self) for name in FIELDS}
        self.header_labels = [QLabel(self) for _ in range(3)]
        for header in self.header_labels:
            header.setObjectName("FieldLabel")
        self.direction_combo = QComboBox(self)
        for direction in Direction:
            self.direction_combo.addItem("", str(direction))
        self.decision_combo = QComboBox(self)
        for decision in (Decision.PASS, Decision.RECHECK, Decision.DENY):
            self.decision_combo.addItem("", str(decision))
        self.temperature_edit = QLineEdit(self)
        self.temperature_edit.setMaxLength(8)
        self.temperature_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.temperature_note = QLabel(self)
        self.temperature_note.setObjectName("Hint")
        self.temperature_note.setWordWrap(True)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("FieldLabel")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.history_label = QLabel(self)
        self.history_label.setObjectName("Hint")
        self.history_label.setWordWrap(True)
        self.history_label.hide()

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        for column, header in enumerate(self.header_labels):
            grid.addWidget(header, 0, column)
        editors: dict[str, QWidget] = {
            "direction": self.direction_combo,
            "decision": self.decision_combo,
            "temperature_c": self.temperature_edit,
        }
        for row_number, name in enumerate(FIELDS, start=1):
            grid.addWidget(self.field_labels[name], row_number, 0)
            grid.addWidget(self.recorded_labels[name], row_number, 1)
            grid.addWidget(editors[name], row_number, 2)
        grid.addWidget(self.temperature_note, len(FIELDS) + 1, 2)
        grid.setColumnStretch(2, 1)

        self.make_buttons()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.event_label)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.history_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)

        self.direction_combo.setCurrentIndex(self.direction_combo.findData(str(row.direction)))
        self.decision_combo.setCurrentIndex(self.decision_combo.findData(str(row.decision)))
        if row.temperature_c is not None:
            self.temperature_edit.setText(f"{row.temperature_c:.1f}")
        self.temperature_edit.setEnabled(row.temperature_c is not None)
        self.retranslate_ui()
        self.reason_edit.setFocus()
        if row.amended:
            amend = services.amend
            event_id = row.event_id
            submit(worker, lambda: amend.history(event_id), self._history_loaded,
                   self.message.show_error, owner=self)

    # -- values ------------------------------------------------------------------------------

    def _history_loaded(self, history: list[AmendmentView]) -> None:
        self.history = history
        self._show_recorded()

    def recorded_value(self, name: str) -> Any:
        """The value as recorded at the gate: the "from" of the first amendment that changed
        it, else the value the event reads now."""
        for amendment in self.history:
            change = amendment.changes.get(name)
            if change is not None:
                return None if change.get("purged") else change.get("from")
        return {
            "direction": str(self.row.direction),
            "decision": str(self.row.decision),
            "temperature_c": self.row.temperature_c,
        }[name]

    def value_text(self, name: str, value: Any) -> str:
        if value is None:
            return "—"
        if name == "direction":
            return self.words.direction_text(Direction(value))
        if name == "decision":
            return self.words.decision_text(Decision(value))
        return f"{float(value):.1f} °C"

    def _show_recorded(self) -> None:
        for name in FIELDS:
            self.recorded_labels[name].setText(self.value_text(name, self.recorded_value(name)))
        if self.history:
            lines = [
                self.tr("Corrected before: {when} by {who}: {reason}").format(
                    when=a.amended_at.astimezone(self.row.local_time.tzinfo).strftime(
                        "%Y-%m-%d %H:%M"),
                    who=a.actor, reason=a.reason)
                for a in self.history
            ]
            self.history_label.setText("\n".join(lines))
            self.history_label.show()

    def changes(self) -> dict[str, Any]:
        """The fields the officer changed, with their new values (raises ValueError with a
        message for a temperature that is not a number)."""
        wanted: dict[str, Any] = {}
        direction = Direction(str(self.direction_combo.currentData()))
        if direction is not self.row.direction:
            wanted["direction"] = direction
        decision = Decision(str(self.decision_combo.currentData()))
        if decision is not self.row.decision:
            wanted["decision"] = decision
        if self.temperature_edit.isEnabled():
            value = parse_temperature(self.temperature_edit.text())
            if value is None:
                raise ValueError(
                    self.tr("The temperature must be a number, such as 36.8.")
                )
            if self.row.temperature_c is None or round(value, 1) != round(
                    self.row.temperature_c, 1):
                wanted["temperature_c"] = value
        return wanted

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        try:
            wanted = self.changes()
        except ValueError as exc:
            self.message.show_message(str(exc), ERROR)
            return
        reason = self.reason_edit.text().strip()
        if not reason:
            self.message.show_message(
                self.tr("Say why the event is corrected: a reason is required."), ERROR)
            self.reason_edit.setFocus()
            return
        if not wanted:
            self.message.show_message(
                self.tr("Nothing is changed: correct at least one value, or cancel."), ERROR)
            return
        amend = self.services.amend
        event_id, user = self.row.event_id, self.user
        self.run_save(
            lambda: amend.amend(event_id, by=user, reason=reason, **wanted), self._saved
        )

    def _saved(self, amendment: AmendmentView) -> None:
        self.amendment = amendment

    def retranslate_ui(self) -> None:
        row = self.row
        self.setWindowTitle(self.tr("Correct an event"))
        self.title_label.setText(self.tr("Correct an event"))
        who = (self.tr("{name} ({staff_no})").format(name=row.name, staff_no=row.staff_no or "")
               if row.name is not None else self.tr("nobody in the registry"))
        self.event_label.setText(
            self.tr("{time} at {gate}: {who}. The event stays as it was recorded; the "
                    "correction is kept beside it with your name and reason.").format(
                time=row.local_text, gate=row.gate, who=who)
        )
        for header, text in zip(self.header_labels, ("", self.tr("As recorded"),
                                                     self.tr("Corrected value")), strict=True):
            header.setText(text)
        self.field_labels["direction"].setText(self.tr("Direction"))
        self.field_labels["decision"].setText(self.tr("Decision"))
        self.field_labels["temperature_c"].setText(self.tr("Temperature (°C)"))
        for index in range(self.direction_combo.count()):
            self.direction_combo.setItemText(
                index, self.words.direction_text(Direction(self.direction_combo.itemData(index))))
        for index in range(self.decision_combo.count()):
            self.decision_combo.setItemText(
                index, self.words.decision_text(Decision(self.decision_combo.itemData(index))))
        if row.temperature_c is None:
            self.temperature_note.setText(
                self.tr("Retention has removed this event's readings: its temperature can no "
                        "longer be corrected.") if row.readings_purged
                else self.tr("This event has no temperature reading to correct.")
            )
            self.temperature_note.show()
        else:
            self.temperature_note.hide()
        self.reason_label.setText(self.tr("Reason for the correction (required)"))
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. The guard chose In for a person leaving"))
        self.save_button.setText(self.tr("Save correction"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_recorded()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
