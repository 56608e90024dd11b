"""Site settings: screening (threshold, duplicate window, unit, declaration), the automatic
check-out time, observation regions and length, retention periods, holds and the purge.

Admins change everything. Officers see every setting; they may change what the services let
them (the observation settings, retention holds) and see the rest read-only. Every change is
audited by the service that makes it. A periodic refresh never overwrites a form that is
being edited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import TempUnit
from gatekeeper.domain.temperature import PLAUSIBLE_MAX_C, PLAUSIBLE_MIN_C
from gatekeeper.services.container import Services
from gatekeeper.services.observation import MAX_DAYS as MAX_OBSERVATION_DAYS
from gatekeeper.services.observation import ObservationSettings
from gatekeeper.services.retention import (
    MAX_DAYS as MAX_RETENTION_DAYS,
)
from gatekeeper.services.retention import (
    HoldView,
    PurgeCounts,
    PurgePlan,
    PurgeResult,
    RetentionSettings,
)
from gatekeeper.services.settings import KioskSettings, ScreeningSettings
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.console.pages import ConsolePage, button, card, count_text, label
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.data_table import Cell, DataTable
from gatekeeper.ui.widgets.person_picker import PersonPicker, Search
from gatekeeper.ui.widgets.vertical_scroll import VerticalScrollArea

SCREENING, OBSERVATION, RETENTION = "screening", "observation", "retention"
KIOSK = "kiosk"
#: The kiosk's sync destination choices (the combo's data).
NO_SYNC, UPSTREAM, POST = "", "upstream", "post"
FIELD_WIDTH = 160


@dataclass(frozen=True)
class HoldRow:
    hold: HoldView
    person: PersonView | None


@dataclass(frozen=True)
class SettingsData:
    screening: ScreeningSettings
    cutoff: time
    observation: ObservationSettings
    retention: RetentionSettings
    last_purge: datetime | None
    holds: list[HoldRow]
    kiosk: KioskSettings


class HoldDialog(QDialog):
    """Whose records to keep out of purges, and why."""

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = PersonPicker(search, self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.picker.chosen.connect(lambda _p: self._update())
        self.reason_edit.textChanged.connect(lambda _t: self._update())
        self.person_label = label(self, "FieldLabel")
        self.reason_label = label(self, "FieldLabel")
        self.hint_label = label(self, "Hint")
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.addRow(self.person_label, self.picker)
        form.addRow(self.reason_label, self.reason_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    @property
    def person(self) -> PersonView | None:
        return self.picker.selected

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.person is not None and bool(self.reason))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Put records on hold"))
        self.person_label.setText(self.tr("Person"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("For example: fever case under investigation"))
        self.reason_edit.setToolTip(self.reason_edit.placeholderText())  # whole where elided
        self.hint_label.setText(
            self.tr("Every record of this person is kept, whatever the retention periods say, "
                    "until the hold is released.")
        )
        self.ok_button.setText(self.tr("Put on hold"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _spin(parent: QWidget, low: int, high: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    return box


class SettingsPage(ConsolePage):
    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)
        self._dirty: set[str] = set()
        self._filling = False
        self.plan: PurgePlan | None = None
        self.purge_result: PurgeResult | None = None
        self.hold_dialog: HoldDialog | None = None

        self.notice_label = label(self, "Notice")
        self.notice_label.setVisible(not self.is_admin)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(False)

        self._build_screening()
        self._build_observation()
        self._build_retention()
        self._build_kiosk()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self._apply_roles()
        self.retranslate_ui()

    # -- construction ----------------------------------------------------------------------

    def _tab(self) -> tuple[QWidget, QVBoxLayout]:
        tab = QWidget(self.tabs)
        tab.setObjectName("TabPage")
        tab.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        return tab, layout

    def _add_tab(self, tab: QWidget) -> None:
        # A tab scrolls where it is higher than the window leaves it (long hints in a longer
        # language); squeezed, its wrapped hints lost their last lines.
        self.tabs.addTab(VerticalScrollArea(tab, self.tabs, fill=True), "")

    @staticmethod
    def _grid(rows: list[tuple[QWidget, QWidget, QWidget | None]]) -> QGridLayout:
        """Caption, field and hint side by side, one setting a row."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(14)
        top = Qt.AlignmentFlag.AlignTop
        for row, (caption, field, hint) in enumerate(rows):
            caption.setMinimumHeight(30)
            grid.addWidget(caption, row, 0, top | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(field, row, 1, top | Qt.AlignmentFlag.AlignLeft)
            if hint is not None:
                hint.setMinimumHeight(30)
                grid.addWidget(hint, row, 2, top)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, FIELD_WIDTH)
        return grid

    def _watch(self, group: str, *signals: Any) -> None:
        for signal in signals:
            signal.connect(lambda *_args, group=group: self._edited(group))

    def _build_screening(self) -> None:
        tab, layout = self._tab()
        self.screening_tab = tab
        self.screening_title = label(tab, "SectionTitle")
        self.threshold_spin = QDoubleSpinBox(tab)
        self.threshold_spin.setDecimals(1)
        self.threshold_spin.setSingleStep(0.1)
        self.threshold_spin.setRange(PLAUSIBLE_MIN_C + 0.1, PLAUSIBLE_MAX_C - 0.1)
        self.threshold_spin.setSuffix(" °C")  # notr: a unit symbol
        self.duplicate_spin = _spin(tab, 0, 24 * 3600)
        self.unit_combo = QComboBox(tab)
        self.unit_combo.addItem("°C", TempUnit.C.value)  # notr: a unit symbol
        self.unit_combo.addItem("°F", TempUnit.F.value)  # notr: a unit symbol
        self.result_spin = _spin(tab, 1, 120)
        self.declaration_check = QCheckBox(tab)
        self.cutoff_edit = QTimeEdit(tab)
        self.cutoff_edit.setDisplayFormat("HH:mm")
        fields_ = (
            self.threshold_spin, self.duplicate_spin, self.unit_combo, self.result_spin,
            self.declaration_check, self.cutoff_edit,
        )
        for field in fields_:
            if field is not self.declaration_check:
                field.setFixedWidth(FIELD_WIDTH)
        self._watch(
            SCREENING, self.threshold_spin.valueChanged, self.duplicate_spin.valueChanged,
            self.unit_combo.currentIndexChanged, self.result_spin.valueChanged,
            self.declaration_check.toggled, self.cutoff_edit.timeChanged,
        )
        self.screening_labels = [label(tab, "FieldLabel", wrap=False) for _ in fields_]
        self.screening_hints = [label(tab, "Hint") for _ in fields_]
        grid = self._grid(list(zip(self.screening_labels, fields_, self.screening_hints,
                                   strict=True)))
        self.screening_save = button(tab, "Primary")
        self.screening_save.clicked.connect(self.save_screening)
        self.screening_revert = button(tab)
        self.screening_revert.clicked.connect(lambda: self._revert(SCREENING))
        layout.addWidget(self.screening_title)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(self._buttons(self.screening_revert, self.screening_save))
        self._add_tab(tab)

    def _build_observation(self) -> None:
        tab, layout = self._tab()
        self.observation_tab = tab
        self.observation_title = label(tab, "SectionTitle")
        self.regions_edit = QPlainTextEdit(tab)
        self.regions_edit.setTabChangesFocus(True)
        self.regions_edit.setFixedSize(FIELD_WIDTH + 120, 180)
        self.days_spin = _spin(tab, 1, MAX_OBSERVATION_DAYS)
        self.days_spin.setFixedWidth(FIELD_WIDTH)
        self._watch(OBSERVATION, self.regions_edit.textChanged, self.days_spin.valueChanged)
        self.regions_label = label(tab, "FieldLabel", wrap=False)
        self.regions_hint = label(tab, "Hint")
        self.days_label = label(tab, "FieldLabel", wrap=False)
        self.days_hint = label(tab, "Hint")
        grid = self._grid([
            (self.regions_label, self.regions_edit, self.regions_hint),
            (self.days_label, self.days_spin, self.days_hint),
        ])
        self.observation_save = button(tab, "Primary")
        self.observation_save.clicked.connect(self.save_observation)
        self.observation_revert = button(tab)
        self.observation_revert.clicked.connect(lambda: self._revert(OBSERVATION))
        layout.addWidget(self.observation_title)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(self._buttons(self.observation_revert, self.observation_save))
        self._add_tab(tab)

    def _build_kiosk(self) -> None:
        """This machine's kiosk: camera, thermometer, mode and where its records go."""
        tab, layout = self._tab()
        self.kiosk_tab = tab
        self.kiosk_title = label(tab, "SectionTitle")
        self.camera_edit = QLineEdit(tab)
        self.thermometer_edit = QLineEdit(tab)
        self.mode_combo = QComboBox(tab)
        for mode in ("attended", "unattended"):
            self.mode_combo.addItem("", mode)
        self.sync_combo = QComboBox(tab)
        for choice in (NO_SYNC, UPSTREAM, POST):
            self.sync_combo.addItem("", choice)
        self.sync_url_edit = QLineEdit(tab)
        fields_ = (self.camera_edit, self.thermometer_edit, self.mode_combo, self.sync_combo,
                   self.sync_url_edit)
        for field in fields_:
            field.setFixedWidth(FIELD_WIDTH * 2 + 60)
            if isinstance(field, QLineEdit):
                field.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self._watch(
            KIOSK, self.camera_edit.textEdited, self.thermometer_edit.textEdited,
            self.mode_combo.currentIndexChanged, self.sync_combo.currentIndexChanged,
            self.sync_url_edit.textEdited,
        )
        self.sync_combo.currentIndexChanged.connect(lambda _i: self._show_sync_url())
        self.kiosk_labels = [label(tab, "FieldLabel", wrap=False) for _ in fields_]
        self.kiosk_hints = [label(tab, "Hint") for _ in fields_]
        grid = self._grid(list(zip(self.kiosk_labels, fields_, self.kiosk_hints, strict=True)))
        self.kiosk_save = button(tab, "Primary")
        self.kiosk_save.clicked.connect(self.save_kiosk)
        self.kiosk_revert = button(tab)
        self.kiosk_revert.clicked.connect(lambda: self._revert(KIOSK))
        layout.addWidget(self.kiosk_title)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(self._buttons(self.kiosk_revert, self.kiosk_save))
        self._add_tab(tab)

    def _show_sync_url(self) -> None:
        self.sync_url_edit.setEnabled(self.is_admin and bool(self.sync_combo.currentData()))

    def _build_retention(self) -> None:
        tab, layout = self._tab()
        self.retention_tab = tab
        self.retention_title = label(tab, "SectionTitle")
        self.retention_spins: dict[str, QSpinBox] = {}
        self.retention_labels: dict[str, QLabel] = {}
        rows: list[tuple[QWidget, QWidget, QWidget | None]] = []
        for f in fields(RetentionSettings):
            spin = _spin(tab, 1, MAX_RETENTION_DAYS)
            spin.setFixedWidth(FIELD_WIDTH)
            self.retention_spins[f.name] = spin
            self.retention_labels[f.name] = label(tab, "FieldLabel")
            self._watch(RETENTION, spin.valueChanged)
            rows.append((self.retention_labels[f.name], spin, None))
        self.retention_save = button(tab, "Primary")
        self.retention_save.clicked.connect(self.save_retention)
        self.retention_revert = button(tab)
        self.retention_revert.clicked.connect(lambda: self._revert(RETENTION))

        purge_card, purge_layout = card(tab, margins=18)
        self.purge_title = label(purge_card, "CardTitle", wrap=False)
        self.last_purge_label = label(purge_card, "Caption")
        self.plan_label = label(purge_card, "")
        self.preview_button = button(purge_card)
        self.preview_button.clicked.connect(self.preview_purge)
        self.purge_button = button(purge_card)
        self.purge_button.clicked.connect(self.ask_purge)
        purge_layout.addWidget(self.purge_title)
        purge_layout.addWidget(self.last_purge_label)
        purge_layout.addWidget(self.plan_label)
        purge_layout.addStretch(1)
        purge_layout.addLayout(self._buttons(self.preview_button, self.purge_button, left=True))

        holds_card, holds_layout = card(tab, margins=18)
        self.holds_title = label(holds_card, "CardTitle", wrap=False)
        self.holds_hint = label(holds_card, "Hint")
        self.holds_table = DataTable(holds_card, stretch_column=2)
        self.holds_table.selection_changed.connect(lambda _k: self._update_buttons())
        self.hold_button = button(holds_card)
        self.hold_button.clicked.connect(self.open_hold_dialog)
        self.release_button = button(holds_card)
        self.release_button.clicked.connect(self.release_selected)
        holds_layout.addWidget(self.holds_title)
        holds_layout.addWidget(self.holds_hint)
        holds_layout.addWidget(self.holds_table, 1)
        holds_layout.addLayout(self._buttons(self.hold_button, self.release_button, left=True))

        periods = QVBoxLayout()
        periods.setSpacing(14)
        periods.addWidget(self.retention_title)
        periods.addLayout(self._grid(rows))
        periods.addStretch(1)
        periods.addLayout(self._buttons(self.retention_revert, self.retention_save))
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addLayout(periods)
        top.addWidget(purge_card, 1)
        layout.addLayout(top)
        layout.addWidget(holds_card, 1)
        self._add_tab(tab)

    @staticmethod
    def _buttons(*widgets: QWidget, left: bool = False) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        if not left:
            row.addStretch(1)
        for widget in widgets:
            row.addWidget(widget)
        if left:
            row.addStretch(1)
        return row

    def _apply_roles(self) -> None:
        """Officers see the admin-only settings read-only."""
        admin = self.is_admin
        for widget in (
            self.threshold_spin, self.duplicate_spin, self.unit_combo, self.result_spin,
            self.declaration_check, self.cutoff_edit, *self.retention_spins.values(),
            self.camera_edit, self.thermometer_edit, self.mode_combo, self.sync_combo,
        ):
            widget.setEnabled(admin)
        self._show_sync_url()
        for widget in (
            self.screening_save, self.screening_revert, self.retention_save,
            self.retention_revert, self.purge_button, self.kiosk_save, self.kiosk_revert,
        ):
            widget.setVisible(admin)

    # -- data ------------------------------------------------------------------------------

    def load(self) -> Callable[[], Any]:
        s = self.services

        def job() -> SettingsData:
            holds = s.retention.holds()
            people = {p.id: p for p in s.staff.list()} if holds else {}
            return SettingsData(
                s.settings.screening(), s.presence.auto_checkout_time(),
                s.observation.settings(), s.retention.settings(),
                s.retention.last_purge_at(),
                [HoldRow(h, people.get(h.person_id)) for h in holds],
                s.settings.kiosk(),
            )

        return job

    def show_data(self, data: SettingsData) -> None:
        self._filling = True
        try:
            if SCREENING not in self._dirty:
                self._fill_screening(data)
            if OBSERVATION not in self._dirty:
                self.regions_edit.setPlainText("\n".join(data.observation.regions))
                self.days_spin.setValue(data.observation.days)
            if RETENTION not in self._dirty:
                for name, spin in self.retention_spins.items():
                    spin.setValue(getattr(data.retention, name))
            if KIOSK not in self._dirty:
                self._fill_kiosk(data.kiosk)
        finally:
            self._filling = False
        if data.last_purge is None:
            self.last_purge_label.setText(
                self.tr("No purge has run yet. The console runs one once a day.")
            )
        else:
            self.last_purge_label.setText(
                self.tr("Last purge: {time}. The console runs one once a day.").format(
                    time=self.local(data.last_purge).strftime("%Y-%m-%d %H:%M")
                )
            )
        self.holds_table.set_rows(
            [self._hold_row(row) for row in data.holds], [row.hold.id for row in data.holds]
        )
        self.holds_title.setText(
            self.tr("Records on hold ({count})").format(count=count_text(len(data.holds)))
        )
        self._show_plan()
        self._update_buttons()

    def _fill_screening(self, data: SettingsData) -> None:
        screening = data.screening
        self.threshold_spin.setValue(screening.fever_threshold_c)
        self.duplicate_spin.setValue(screening.duplicate_window_s)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(screening.temperature_unit.value))
        self.result_spin.setValue(screening.result_seconds)
        self.declaration_check.setChecked(screening.declaration_required_for_all)
        self.cutoff_edit.setTime(QTime(data.cutoff.hour, data.cutoff.minute))

    def _fill_kiosk(self, kiosk: KioskSettings) -> None:
        self.camera_edit.setText(kiosk.camera_or_default)
        self.thermometer_edit.setText(kiosk.thermometer_or_default)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(kiosk.mode or "attended"))
        choice = UPSTREAM if kiosk.upstream else POST if kiosk.post else NO_SYNC
        self.sync_combo.setCurrentIndex(self.sync_combo.findData(choice))
        self.sync_url_edit.setText(kiosk.upstream or kiosk.post or "")
        self._show_sync_url()

    def _hold_row(self, row: HoldRow) -> list[Any]:
        person = row.person
        today = self.today()
        return [
            Cell(person.name if person else str(row.hold.person_id), bold=True),
            person.staff_no if person else "",
            row.hold.reason,
            self.time_text(row.hold.created_at, today),
            row.hold.actor,
        ]

    def _edited(self, group: str) -> None:
        if not self._filling:
            self._dirty.add(group)
            self._update_buttons()

    def _revert(self, group: str) -> None:
        self._dirty.discard(group)
        if self.data is not None:
            self.show_data(self.data)

    @property
    def dirty(self) -> set[str]:
        return set(self._dirty)

    def _update_buttons(self) -> None:
        for group, save, revert in (
            (SCREENING, self.screening_save, self.screening_revert),
            (OBSERVATION, self.observation_save, self.observation_revert),
            (RETENTION, self.retention_save, self.retention_revert),
            (KIOSK, self.kiosk_save, self.kiosk_revert),
        ):
            save.setEnabled(group in self._dirty)
            revert.setEnabled(group in self._dirty)
        self.release_button.setEnabled(self.holds_table.selected_key() is not None)

    # -- saving ----------------------------------------------------------------------------

    def _saved(self, group: str, message: str) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            self._dirty.discard(group)
            self.set_error("")
            self.say(message)
            self.refresh()

        return done

    def save_screening(self) -> None:
        if not self.is_admin:
            return
        settings, presence, user = self.services.settings, self.services.presence, self.user
        changes = {
            "fever_threshold_c": round(self.threshold_spin.value(), 1),
            "duplicate_window_s": self.duplicate_spin.value(),
            "temperature_unit": TempUnit(self.unit_combo.currentData()),
            "result_seconds": self.result_spin.value(),
            "declaration_required_for_all": self.declaration_check.isChecked(),
        }
        chosen = self.cutoff_edit.time()
        cutoff = time(chosen.hour(), chosen.minute())

        def job() -> None:
            settings.update(by=user, **changes)
            presence.set_auto_checkout_time(cutoff, by=user)

        self.run(job, self._saved(SCREENING, self.tr("The screening settings were saved.")))

    def save_kiosk(self) -> None:
        if not self.is_admin:
            return
        settings, user = self.services.settings, self.user
        choice = self.sync_combo.currentData()
        url = self.sync_url_edit.text().strip()
        if choice and not url:
            self.set_error(self.tr("Give the address the kiosk sends its records to."))
            return
        changes = {
            "camera": self.camera_edit.text(),
            "thermometer": self.thermometer_edit.text(),
            "mode": self.mode_combo.currentData(),
            "upstream": url if choice == UPSTREAM else None,
            "post": url if choice == POST else None,
        }
        self.run(
            lambda: settings.update_kiosk(by=user, **changes),
            self._saved(KIOSK, self.tr("The kiosk settings were saved. They take effect when "
                                       "the kiosk starts next.")),
        )

    def save_observation(self) -> None:
        observation, user = self.services.observation, self.user
        regions = [line.strip() for line in self.regions_edit.toPlainText().splitlines()]
        days = self.days_spin.value()
        self.run(
            lambda: observation.update_settings(user, regions=[r for r in regions if r],
                                                days=days),
            self._saved(OBSERVATION, self.tr("The observation settings were saved.")),
        )

    def save_retention(self) -> None:
        if not self.is_admin:
            return
        retention, user = self.services.retention, self.user
        changes = {name: spin.value() for name, spin in self.retention_spins.items()}
        self.run(
            lambda: retention.update_settings(user, **changes),
            self._saved(RETENTION, self.tr("The retention settings were saved.")),
        )

    # -- purging ---------------------------------------------------------------------------

    def preview_purge(self) -> None:
        retention = self.services.retention

        def done(plan: PurgePlan) -> None:
            self.plan = plan
            self.purge_result = None
            self._show_plan()

        self.run(retention.plan, done)

    def _counts_text(self, counts: PurgeCounts) -> str:
        return self.tr(
            "{events} screening events (with {readings} readings, {amendments} amendments and "
            "{acks} alert acknowledgements); the raw temperatures of {stripped} more events "
            "({stripped_readings} readings); {declarations} health declarations; {visits} "
            "visits."
        ).format(
            events=counts.events, readings=counts.event_readings, amendments=counts.amendments,
            acks=counts.alert_acks, stripped=counts.stripped_events,
            stripped_readings=counts.readings, declarations=counts.declarations,
            visits=counts.visits,
        )

    def _show_plan(self) -> None:
        if self.purge_result is not None:
            result = self.purge_result
            self.plan_label.setText(
                self.tr("Purged at {time}: {counts}").format(
                    time=self.local(result.at).strftime("%H:%M"),
                    counts=self._counts_text(result.removed),
                )
            )
        elif self.plan is not None:
            plan = self.plan
            text = self.tr("A purge now would remove {counts}").format(
                counts=self._counts_text(plan.counts)
            )
            if plan.held_people:
                text += " " + self.tr("The records of {count} people on hold are kept.").format(
                    count=plan.held_people
                )
            self.plan_label.setText(text)
        else:
            self.plan_label.setText(
                self.tr("Preview what the retention periods would remove now; nothing is "
                        "changed until you purge.")
            )

    def ask_purge(self) -> None:
        if not self.is_admin:
            return
        if self.confirm(
            self,
            self.tr("Purge old records"),
            self.tr("Delete every record older than the retention periods now? Records on hold "
                    "are kept. This cannot be undone; the purge is recorded in the audit "
                    "trail."),
            self.tr("Purge"),
        ):
            self.purge()

    def purge(self) -> None:
        retention, user = self.services.retention, self.user
        self.purge_button.setEnabled(False)

        def done(result: PurgeResult) -> None:
            self.purge_button.setEnabled(True)
            self.purge_result = result
            self.plan = None
            self.say(self.tr("The purge removed {count} records.").format(
                count=result.removed.total))
            self.refresh()

        def failed(error: BaseException) -> None:
            self.purge_button.setEnabled(True)
            self.report(error)

        if not self.run(lambda: retention.apply(user), done, failed):
            self.purge_button.setEnabled(True)

    # -- holds -----------------------------------------------------------------------------

    def open_hold_dialog(self) -> HoldDialog:
        dialog = HoldDialog(self.search_people, self)
        self.open_dialog("hold_dialog", dialog, self._hold_chosen)
        return dialog

    def _hold_chosen(self, dialog: HoldDialog) -> None:
        if dialog.person is not None:
            self.hold(dialog.person, dialog.reason)

    def hold(self, person: PersonView, reason: str) -> None:
        retention, user = self.services.retention, self.user
        self.run(
            lambda: retention.hold(person.id, reason, user),
            self._saved(
                "", self.tr("The records of {name} are on hold.").format(name=person.name)
            ),
        )

    def release_selected(self) -> None:
        key = self.holds_table.selected_key()
        if isinstance(key, uuid.UUID):
            self.release(key)

    def release(self, hold_id: uuid.UUID) -> None:
        retention, user = self.services.retention, self.user
        self.run(
            lambda: retention.release(hold_id, user),
            self._saved("", self.tr("The hold was released.")),
        )

    # -- language --------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.notice_label.setText(
            self.tr("Only an admin can change the screening and retention settings; you see "
                    "them read-only. You can change the observation settings and put records "
                    "on hold.")
        )
        self.tabs.setTabText(0, self.tr("Screening"))
        self.tabs.setTabText(1, self.tr("Observation"))
        self.tabs.setTabText(2, self.tr("Retention"))
        self.tabs.setTabText(3, self.tr("Kiosk"))
        self.kiosk_title.setText(self.tr("The kiosk on this computer"))
        kiosk_captions = (
            (self.tr("Camera"),
             self.tr("A camera number (0, 1, ...), a video file, a folder of pictures, or "
                     "demo.")),
            (self.tr("Thermometer"),
             self.tr("manual (typed), hid (a USB thermometer that types), serial:PORT,BAUD, "
                     "or sim:36.6 for a demonstration.")),
            (self.tr("Mode"),
             self.tr("Attended: a guard signs in with a PIN. Unattended: people screen "
                     "themselves.")),
            (self.tr("Send records to"),
             self.tr("As the kiosk runs, in the background; screening never waits for the "
                     "network.")),
            (self.tr("Address"),
             self.tr("postgresql+psycopg://user@host/gatekeeper, or https://... for a "
                     "platform that takes the signed batches.")),
        )
        for (caption, hint), caption_label, hint_label in zip(
            kiosk_captions, self.kiosk_labels, self.kiosk_hints, strict=True
        ):
            caption_label.setText(caption)
            hint_label.setText(hint)
        for index, text in enumerate((self.tr("Attended (a guard)"),
                                      self.tr("Unattended (self-service)"))):
            self.mode_combo.setItemText(index, text)
        for index, text in enumerate((self.tr("Nowhere (files carried by hand)"),
                                      self.tr("The central database"),
                                      self.tr("An HTTPS receiver"))):
            self.sync_combo.setItemText(index, text)
        self.kiosk_save.setText(self.tr("Save"))
        self.kiosk_revert.setText(self.tr("Revert"))
        self.screening_title.setText(self.tr("Screening at the gates"))
        captions = (
            (self.tr("Fever threshold"),
             self.tr("A reading at or above this asks for a second reading; a second one "
                     "at or above it denies entry.")),
            (self.tr("Duplicate-scan window"),
             self.tr("The same person in the same direction within this time is not "
                     "recorded again.")),
            (self.tr("Temperature unit"), self.tr("The unit guards type readings in.")),
            (self.tr("Result shown for"),
             self.tr("How long the kiosk shows a result before it scans again.")),
            (self.tr("Health declaration"),
             self.tr("People under observation always declare, whatever this says.")),
            (self.tr("Automatic check-out"),
             self.tr("Who is still on site at this time gets an exit marked automatic.")),
        )
        for (caption, hint), caption_label, hint_label in zip(
            captions, self.screening_labels, self.screening_hints, strict=True
        ):
            caption_label.setText(caption)
            hint_label.setText(hint)
        self.declaration_check.setText(self.tr("Required of everyone, every day"))
        for spin in (self.duplicate_spin, self.result_spin):
            spin.setSuffix(self.tr(" s", "seconds, after a number"))
        for button_ in (self.screening_save, self.observation_save, self.retention_save):
            button_.setText(self.tr("Save"))
        for button_ in (self.screening_revert, self.observation_revert, self.retention_revert):
            button_.setText(self.tr("Revert"))
        self.observation_title.setText(self.tr("Returnees under observation"))
        self.regions_label.setText(self.tr("Listed regions"))
        self.regions_hint.setText(
            self.tr("One per line. A returnee from one of these is put under observation.")
        )
        self.days_label.setText(self.tr("Observation length"))
        self.days_spin.setSuffix(self.tr(" days"))
        self.days_hint.setText(
            self.tr("Changing it does not move the clearance dates of running observations.")
        )
        self.retention_title.setText(self.tr("How long records are kept"))
        names = {
            "raw_temperature_days": self.tr("Raw temperatures"),
            "declaration_days": self.tr("Health declarations"),
            "event_days": self.tr("Screening events and visits"),
        }
        for name, caption in names.items():
            self.retention_labels[name].setText(caption)
            self.retention_spins[name].setSuffix(self.tr(" days"))
        self.purge_title.setText(self.tr("Purge"))
        self.preview_button.setText(self.tr("Preview"))
        self.purge_button.setText(self.tr("Purge now…"))
        self.holds_hint.setText(
            self.tr("The records of people on hold (a fever case under investigation) are "
                    "never purged.")
        )
        self.holds_table.set_headers([
            self.tr("Name"), self.tr("Staff no."), self.tr("Reason"), self.tr("Since"),
            self.tr("By"),
        ])
        self.hold_button.setText(self.tr("Put on hold…"))
        self.release_button.setText(self.tr("Release"))
        if self.data is not None:
            self.show_data(self.data)
        else:
            self.holds_title.setText(self.tr("Records on hold"))
            self._show_plan()
