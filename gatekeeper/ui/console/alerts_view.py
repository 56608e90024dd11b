"""Fever and deny alerts: the open cases, newest first, and what officers did about the recent
ones. An officer acknowledges a case with an outcome and a note (required for "other"); the
alert service stores it once per case and writes it to the audit trail."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from gatekeeper.domain.enums import Decision
from gatekeeper.services.alerts import MAX_NOTE, Acknowledgement, Alert, AlertKind, AlertOutcome
from gatekeeper.services.container import Services
from gatekeeper.services.settings import ScreeningSettings
from gatekeeper.services.users import UserView
from gatekeeper.ui.console.pages import (
    ConsolePage,
    button,
    card,
    count_text,
    label,
    outcome_text,
    reason_text,
    temperatures_text,
)
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.data_table import Cell, DataTable

RECENT_DAYS = 7


@dataclass(frozen=True)
class AlertsData:
    open: list[Alert]
    acknowledged: list[Alert]
    settings: ScreeningSettings


class AlertsPage(ConsolePage):
    # The number of open alerts, after every load (the window's navigation shows it).
    open_alerts_changed = Signal(int)

    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)
        self._acknowledging = False

        self.open_card, open_layout = card(self)
        self.open_title = label(self.open_card, "CardTitle", wrap=False)
        self.open_count = label(self.open_card, "CardCount", wrap=False)
        self.open_table = DataTable(self.open_card, stretch_column=5)
        self.open_table.selection_changed.connect(self._selected)
        self.empty_label = label(self.open_card, "Hint")
        self.empty_label.hide()

        self.outcome_label = label(self.open_card, "FieldLabel", wrap=False)
        self.outcome_combo = QComboBox(self.open_card)
        for outcome in AlertOutcome:
            self.outcome_combo.addItem("", outcome.value)
        self.outcome_combo.setCurrentIndex(-1)
        self.outcome_combo.setMinimumWidth(220)
        self.outcome_combo.currentIndexChanged.connect(lambda _i: self._update_form())
        self.outcome_label.setBuddy(self.outcome_combo)
        self.note_label = label(self.open_card, "FieldLabel", wrap=False)
        self.note_edit = QLineEdit(self.open_card)
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.note_edit.textChanged.connect(lambda _t: self._update_form())
        self.note_edit.returnPressed.connect(self.acknowledge_selected)
        self.note_label.setBuddy(self.note_edit)
        self.ack_button = button(self.open_card, "Primary")
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.form_hint = label(self.open_card, "Hint")

        title_row = QHBoxLayout()
        title_row.addWidget(self.open_title)
        title_row.addWidget(self.open_count)
        title_row.addStretch(1)
        form = QHBoxLayout()
        form.setSpacing(10)
        form.addWidget(self.outcome_label)
        form.addWidget(self.outcome_combo)
        form.addSpacing(8)
        form.addWidget(self.note_label)
        form.addWidget(self.note_edit, 1)
        form.addWidget(self.ack_button)
        open_layout.addLayout(title_row)
        open_layout.addWidget(self.open_table, 1)
        open_layout.addWidget(self.empty_label)
        open_layout.addStretch(0)
        open_layout.addLayout(form)
        open_layout.addWidget(self.form_hint)

        self.done_card, done_layout = card(self)
        self.done_title = label(self.done_card, "CardTitle", wrap=False)
        self.done_table = DataTable(self.done_card, stretch_column=6)
        self.done_empty = label(self.done_card, "Hint")
        self.done_empty.hide()
        done_layout.addWidget(self.done_title)
        done_layout.addWidget(self.done_table, 1)
        done_layout.addWidget(self.done_empty)
        done_layout.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.error_label)
        layout.addWidget(self.open_card, 3)
        layout.addWidget(self.done_card, 2)
        self.retranslate_ui()
        self._update_form()

    # -- data ------------------------------------------------------------------------------

    def load(self) -> Callable[[], Any]:
        alerts, settings = self.services.alerts, self.services.settings

        def job() -> AlertsData:
            return AlertsData(
                alerts.open_alerts(),
                [a for a in alerts.recent(RECENT_DAYS) if not a.open],
                settings.screening(),
            )

        return job

    @property
    def open_alerts(self) -> list[Alert]:
        return list(self.data.open) if self.data is not None else []

    def show_data(self, data: AlertsData) -> None:
        today = self.today()
        settings = data.settings
        self.open_table.set_rows(
            [self._open_row(a, settings, today) for a in data.open],
            [a.event_id for a in data.open],
        )
        self.done_table.set_rows(
            [self._done_row(a, settings, today) for a in data.acknowledged],
            [a.event_id for a in data.acknowledged],
        )
        self.open_count.setText(count_text(len(data.open)))
        self.empty_label.setVisible(not data.open)
        self.open_table.setVisible(bool(data.open))
        self.done_empty.setVisible(not data.acknowledged)
        self.done_table.setVisible(bool(data.acknowledged))
        self._update_form()
        self.open_alerts_changed.emit(len(data.open))

    def _person(self, alert: Alert) -> tuple[str, str, str]:
        if alert.person is None:
            return self.tr("Unknown badge"), "", ""
        person = alert.person
        return person.name, person.staff_no, person.department

    def _status(self, alert: Alert) -> Cell:
        if alert.kind is AlertKind.FEVER:
            texts = {
                Decision.RECHECK: (self.tr("Second reading not taken"), "warn"),
                Decision.PASS: (self.tr("Cleared on the second reading"), "ok"),
                Decision.DENY: (self.tr("Fever confirmed"), "alarm"),
            }
            text, tone = texts[alert.decision]
            return Cell(text, tone)
        return Cell(reason_text(alert.reason), "alarm")

    def _temperatures(self, alert: Alert, settings: ScreeningSettings) -> Cell:
        text = temperatures_text(alert.temperatures_c, settings.temperature_unit)
        values = alert.temperatures_c
        fever = bool(values) and values[-1] >= settings.fever_threshold_c
        return Cell(text, "alarm" if fever else None)

    def _kind(self, alert: Alert) -> str:
        return self.tr("Fever") if alert.kind is AlertKind.FEVER else self.tr("Denied")

    def _open_row(self, alert: Alert, settings: ScreeningSettings, today: date) -> list[Any]:
        name, staff_no, department = self._person(alert)
        return [
            self.time_text(alert.occurred_at, today),
            Cell(name, bold=True),
            staff_no,
            department,
            self._kind(alert),
            self._status(alert),
            self._temperatures(alert, settings),
            alert.gate,
        ]

    def _done_row(self, alert: Alert, settings: ScreeningSettings, today: date) -> list[Any]:
        name, staff_no, _department = self._person(alert)
        ack = alert.acknowledgement
        assert ack is not None
        return [
            self.time_text(alert.occurred_at, today),
            name,
            staff_no,
            self._status(alert),
            self._temperatures(alert, settings),
            Cell(outcome_text(ack.outcome), bold=True),
            ack.note,
            ack.actor,
            self.time_text(ack.at, today),
        ]

    # -- acknowledging ---------------------------------------------------------------------

    def selected_alert(self) -> Alert | None:
        key = self.open_table.selected_key()
        return next((a for a in self.open_alerts if a.event_id == key), None)

    def select_alert(self, event_id: uuid.UUID) -> bool:
        return self.open_table.select_key(event_id)

    def _selected(self, _key: Any) -> None:
        alert = self.selected_alert()
        if alert is not None and alert.decision is Decision.PASS and (
            self.outcome_combo.currentIndex() < 0
        ):
            # A fever cleared on the second reading: the usual outcome, offered.
            self.set_outcome(AlertOutcome.CLEARED_BY_RECHECK)
        self._update_form()

    @property
    def outcome(self) -> AlertOutcome | None:
        value = self.outcome_combo.currentData()
        return AlertOutcome(value) if value else None

    def set_outcome(self, outcome: AlertOutcome) -> None:
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(outcome.value))

    def _form_problem(self) -> str:
        if self.selected_alert() is None:
            return self.tr("Choose an alert in the list to acknowledge it.")
        if self.outcome is None:
            return self.tr("Choose what was done.")
        if self.outcome is AlertOutcome.OTHER and not self.note_edit.text().strip():
            return self.tr("Say in the note what was done.")
        return ""

    def _update_form(self) -> None:
        problem = self._form_problem()
        self.ack_button.setEnabled(not problem and not self._acknowledging)
        alert = self.selected_alert()
        if problem:
            self.form_hint.setText(problem)
        elif alert is not None:
            name = self._person(alert)[0]
            self.form_hint.setText(
                self.tr("The acknowledgement of {name}'s alert is recorded in the audit trail "
                        "and cannot be changed.").format(name=name)
            )

    def acknowledge_selected(self) -> None:
        alert, outcome = self.selected_alert(), self.outcome
        if alert is None or outcome is None or self._form_problem() or self._acknowledging:
            return
        self.acknowledge(alert.event_id, outcome, self.note_edit.text())

    def acknowledge(self, event_id: uuid.UUID, outcome: AlertOutcome, note: str) -> None:
        """Record the outcome of the alert of ``event_id`` as the signed-in user."""
        alerts, user = self.services.alerts, self.user
        alert = next((a for a in self.open_alerts if a.event_id == event_id), None)
        name = self._person(alert)[0] if alert is not None else ""
        self._acknowledging = True
        self._update_form()

        def done(ack: Acknowledgement) -> None:
            self._acknowledging = False
            self.note_edit.clear()
            self.outcome_combo.setCurrentIndex(-1)
            self.set_error("")
            self.say(
                self.tr("The alert of {name} was acknowledged: {outcome}.").format(
                    name=name, outcome=outcome_text(ack.outcome)
                )
            )
            self.refresh()

        def failed(error: BaseException) -> None:
            self._acknowledging = False
            self._update_form()
            self.report(error)
            self.refresh()  # another officer may have acknowledged it meanwhile

        if not self.run(lambda: alerts.acknowledge(event_id, outcome, note, by=user),
                        done, failed):
            self._acknowledging = False
        self._update_form()

    # -- language --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.open_title.setText(self.tr("Open alerts"))
        self.done_title.setText(
            self.tr("Acknowledged in the last {days} days").format(days=RECENT_DAYS)
        )
        self.open_table.set_headers([
            self.tr("Time"), self.tr("Name"), self.tr("Staff no."), self.tr("Department"),
            self.tr("Alert"), self.tr("Status"), self.tr("Temperatures"), self.tr("Gate"),
        ])
        self.done_table.set_headers([
            self.tr("Time"), self.tr("Name"), self.tr("Staff no."), self.tr("Status"),
            self.tr("Temperatures"), self.tr("Outcome"), self.tr("Note"), self.tr("By"),
            self.tr("Acknowledged"),
        ])
        self.empty_label.setText(self.tr("No open alerts. Every fever and deny is dealt with."))
        self.done_empty.setText(
            self.tr("No alert was acknowledged in the last {days} days.").format(days=RECENT_DAYS)
        )
        self.outcome_label.setText(self.tr("&Outcome"))
        self.outcome_combo.setPlaceholderText(self.tr("Choose what was done"))
        for index in range(self.outcome_combo.count()):
            self.outcome_combo.setItemText(
                index, outcome_text(AlertOutcome(self.outcome_combo.itemData(index)))
            )
        self.note_label.setText(self.tr("&Note"))
        self.note_edit.setPlaceholderText(self.tr("What was done, by whom (required for other)"))
        self.note_edit.setToolTip(self.note_edit.placeholderText())  # whole where elided
        self.ack_button.setText(self.tr("Acknowledge"))
        if self.data is not None:
            self.show_data(self.data)
        self._update_form()
        self.open_table.setAccessibleName(self.open_title.text())
        self.done_table.setAccessibleName(self.done_title.text())
