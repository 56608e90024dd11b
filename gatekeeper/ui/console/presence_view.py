"""Who is where: everybody on site now (with the printable evacuation roll call), and the
"nobody missed" check of a morning roll: who is expected today and has not been screened,
by department, and who was denied at a gate and has not been cleared since.

The definitions are the presence service's (services/presence.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from gatekeeper.domain.enums import Decision
from gatekeeper.services.container import Services
from gatekeeper.services.presence import Denied, NotScreened, OnSite
from gatekeeper.services.users import UserView
from gatekeeper.ui.console.pages import (
    ConsolePage,
    button,
    card,
    count_text,
    kind_text,
    label,
    no_department,
    reason_text,
)
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.widgets.data_table import Cell, DataTable

ALL = "*"  # the key of "all departments"
DEPARTMENTS_WIDTH = 270


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class _DepartmentFilter:
    """A table of departments with their counts, "all" first; choosing one filters the
    people shown beside it. Mixed into pages that have ``self.departments`` (a DataTable)."""

    departments: DataTable

    def _department_rows(
        self, groups: dict[str, int], total: int, all_text: str
    ) -> tuple[list[list[Any]], list[Hashable]]:
        rows: list[list[Any]] = [[Cell(all_text, bold=True),
                                  Cell(count_text(total), bold=True, align_right=True)]]
        keys: list[Hashable] = [ALL]
        for department in sorted(groups, key=lambda d: (d == "", d)):
            rows.append([department or no_department(),
                         Cell(count_text(groups[department]), align_right=True)])
            keys.append(department)
        return rows, keys

    def chosen_department(self) -> str | None:
        """The department chosen (None: all)."""
        key = self.departments.selected_key()
        return None if key in (None, ALL) else str(key)

    def choose_department(self, department: str | None) -> bool:
        return self.departments.select_key(ALL if department is None else department)


def _department_table(parent: QWidget) -> DataTable:
    table = DataTable(parent, stretch_column=0)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _counts(rows: Sequence[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.department] = counts.get(row.department, 0) + 1
    return counts


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OnSiteData:
    rows: list[OnSite]
    cutoff: time


class OnSitePage(ConsolePage, _DepartmentFilter):
    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)
        self.last_roll_call: Path | None = None
        self.open_file: Callable[[Path], None] = open_file

        self.cutoff_label = label(self, "Caption")
        self.roll_button = button(self, "Primary")
        self.roll_button.clicked.connect(self.save_roll_call)

        self.departments_card, departments_layout = card(self)
        self.departments_card.setFixedWidth(DEPARTMENTS_WIDTH)
        # wraps: the card has a fixed width
        self.departments_title = label(self.departments_card, "CardTitle")
        self.departments = _department_table(self.departments_card)
        self.departments.selection_changed.connect(lambda _key: self._show_people())
        departments_layout.addWidget(self.departments_title)
        departments_layout.addWidget(self.departments, 1)

        self.people_card, people_layout = card(self)
        self.people_title = label(self.people_card, "CardTitle", wrap=False)
        self.people_count = label(self.people_card, "CardCount", wrap=False)
        self.people = DataTable(self.people_card)
        self.empty_label = label(self.people_card, "Hint")
        self.empty_label.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.people_title)
        title_row.addWidget(self.people_count)
        title_row.addStretch(1)
        people_layout.addLayout(title_row)
        people_layout.addWidget(self.people, 1)
        people_layout.addWidget(self.empty_label)
        people_layout.addStretch(0)

        top = QHBoxLayout()
        top.addWidget(self.cutoff_label, 1)
        top.addWidget(self.roll_button)
        body = QHBoxLayout()
        body.setSpacing(14)
        body.addWidget(self.departments_card)
        body.addWidget(self.people_card, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addLayout(body, 1)
        self.retranslate_ui()

    def load(self) -> Callable[[], Any]:
        presence = self.services.presence
        return lambda: OnSiteData(presence.on_site_now(), presence.auto_checkout_time())

    def show_data(self, data: OnSiteData) -> None:
        rows, keys = self._department_rows(
            _counts(data.rows), len(data.rows), self.tr("All departments")
        )
        self.departments.set_rows(rows, keys)
        if self.departments.selected_key() is None:
            self.departments.select_key(ALL)
        self.cutoff_label.setText(
            self.tr("Forgotten check-outs are closed automatically at {time} every day and "
                    "marked as automatic exits.").format(time=data.cutoff.strftime("%H:%M"))
        )
        self._show_people()

    def _show_people(self) -> None:
        data: OnSiteData | None = self.data
        if data is None:
            return
        department = self.chosen_department()
        rows = [r for r in data.rows if department is None or r.department == department]
        today = self.today()
        self.people.set_rows(
            [
                [Cell(r.person.name, bold=True), r.person.staff_no,
                 r.department or no_department(), kind_text(r.kind),
                 self.time_text(r.since, today), r.gate]
                for r in rows
            ],
            [r.person.id for r in rows],
        )
        self.people_count.setText(count_text(len(rows)))
        self.people.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)

    # -- the roll call ---------------------------------------------------------------------

    def save_roll_call(self) -> None:
        """Ask where, then write the evacuation roll call PDF of everybody on site now."""
        now = self.services.presence.clock().astimezone(self.zone)
        chosen = self.ask_save_path(
            self, self.tr("Save the evacuation roll call"),
            f"evacuation-roll-{now.strftime('%Y%m%d-%H%M')}.pdf", self.tr("PDF (*.pdf)"),
        )
        if chosen is None:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.write_roll_call(path)

    def write_roll_call(self, path: Path, *, open_after: bool = True) -> None:
        presence = self.services.presence
        self.roll_button.setEnabled(False)

        def done(count: int) -> None:
            self.roll_button.setEnabled(True)
            self.last_roll_call = path
            self.set_error("")
            self.say(
                self.tr("The evacuation roll call ({count} people) was saved to {path}.")
                .format(count=count, path=str(path))
            )
            if open_after:
                self.open_file(path)

        def failed(error: BaseException) -> None:
            self.roll_button.setEnabled(True)
            self.report(error)

        actor = self.user.username
        if not self.run(lambda: presence.evacuation_roll_pdf(path, actor=actor), done, failed):
            self.roll_button.setEnabled(True)

    def retranslate_ui(self) -> None:
        self.roll_button.setText(self.tr("Evacuation roll call (PDF)…"))
        self.roll_button.setToolTip(
            self.tr("Everybody on site now, by department, with a box to tick for each")
        )
        self.departments_title.setText(self.tr("By department"))
        self.departments.set_headers([self.tr("Department"), self.tr("People")])
        self.people_title.setText(self.tr("People on site"))
        self.people.set_headers([
            self.tr("Name"), self.tr("Staff no."), self.tr("Department"), self.tr("Kind"),
            self.tr("In since"), self.tr("Gate"),
        ])
        self.empty_label.setText(self.tr("Nobody is on site."))
        if self.data is None:
            self.cutoff_label.setText("")
        else:
            self.show_data(self.data)


# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissedData:
    missing: list[NotScreened]
    denied: list[Denied]


class MissedPage(ConsolePage, _DepartmentFilter):
    def __init__(
        self, services: Services, user: UserView, worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, user, worker, parent)

        self.intro_label = label(self, "Caption")

        self.missing_card, missing_layout = card(self)
        self.missing_title = label(self.missing_card, "CardTitle", wrap=False)
        self.missing_count = label(self.missing_card, "CardCount", wrap=False)
        self.departments = _department_table(self.missing_card)
        self.departments.setFixedWidth(DEPARTMENTS_WIDTH - 40)
        self.departments.selection_changed.connect(lambda _key: self._show_missing())
        self.missing = DataTable(self.missing_card, stretch_column=5)
        self.missing_empty = label(self.missing_card, "Hint")
        self.missing_empty.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(self.missing_title)
        title_row.addWidget(self.missing_count)
        title_row.addStretch(1)
        people = QVBoxLayout()
        people.addWidget(self.missing, 1)
        people.addWidget(self.missing_empty)
        people.addStretch(0)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.departments)
        body.addLayout(people, 1)
        missing_layout.addLayout(title_row)
        missing_layout.addLayout(body, 1)

        self.denied_card, denied_layout = card(self)
        self.denied_title = label(self.denied_card, "CardTitle", wrap=False)
        self.denied_count = label(self.denied_card, "CardCount", wrap=False)
        self.denied = DataTable(self.denied_card, stretch_column=4)
        self.denied_empty = label(self.denied_card, "Hint")
        self.denied_empty.hide()
        denied_row = QHBoxLayout()
        denied_row.addWidget(self.denied_title)
        denied_row.addWidget(self.denied_count)
        denied_row.addStretch(1)
        denied_layout.addLayout(denied_row)
        denied_layout.addWidget(self.denied, 1)
        denied_layout.addWidget(self.denied_empty)
        denied_layout.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.missing_card, 5)
        layout.addWidget(self.denied_card, 2)
        self.retranslate_ui()

    def load(self) -> Callable[[], Any]:
        presence = self.services.presence
        return lambda: MissedData(presence.not_screened_today(), presence.denied_not_cleared())

    def show_data(self, data: MissedData) -> None:
        rows, keys = self._department_rows(
            _counts(data.missing), len(data.missing), self.tr("All departments")
        )
        self.departments.set_rows(rows, keys)
        if self.departments.selected_key() is None:
            self.departments.select_key(ALL)
        self._show_missing()
        today = self.today()
        self.denied.set_rows(
            [
                [self.time_text(d.denied_at, today), Cell(d.person.name, bold=True),
                 d.person.staff_no, d.department or no_department(),
                 Cell(reason_text(d.reason), "alarm"), d.gate]
                for d in data.denied
            ],
            [d.event_id for d in data.denied],
        )
        self.denied_count.setText(count_text(len(data.denied)))
        self.denied_count.setVisible(bool(data.denied))
        self.denied.setVisible(bool(data.denied))
        self.denied_empty.setVisible(not data.denied)

    def _show_missing(self) -> None:
        data: MissedData | None = self.data
        if data is None:
            return
        department = self.chosen_department()
        rows = [r for r in data.missing if department is None or r.department == department]
        self.missing.set_rows([self._missing_row(r) for r in rows], [r.person.id for r in rows])
        self.missing_count.setText(count_text(len(data.missing)))
        self.missing_count.setVisible(bool(data.missing))
        self.missing.setVisible(bool(rows))
        self.missing_empty.setVisible(not rows)

    def _missing_row(self, row: NotScreened) -> list[Any]:
        declared = Cell(self.tr("Yes"), "ok") if row.declared_today else Cell("—", "muted")
        return [
            Cell(row.person.name, bold=True), row.person.staff_no,
            row.department or no_department(), kind_text(row.kind), declared,
            self._missing_status(row),
        ]

    def _missing_status(self, row: NotScreened) -> Cell:
        parts: list[str] = []
        tone = "muted"
        if row.attempt_today is Decision.DENY:
            parts.append(self.tr("Denied today"))
            tone = "alarm"
        elif row.attempt_today is Decision.RECHECK:
            parts.append(self.tr("Waiting for a second reading"))
            tone = "warn"
        if row.on_site:
            parts.append(self.tr("On site since before today"))
            tone = "alarm" if tone == "alarm" else "warn"
        if not parts:
            return Cell(self.tr("Not at a gate yet"), "muted")
        return Cell("; ".join(parts), tone)

    def retranslate_ui(self) -> None:
        self.intro_label.setText(
            self.tr("Everybody expected today (employees, contractors, today's visitors) "
                    "should pass a screening. Nobody is missed if both lists are empty.")
        )
        self.missing_title.setText(self.tr("Not screened today"))
        self.departments.set_headers([self.tr("Department"), self.tr("People")])
        self.missing.set_headers([
            self.tr("Name"), self.tr("Staff no."), self.tr("Department"), self.tr("Kind"),
            self.tr("Declared"), self.tr("Status"),
        ])
        self.missing_empty.setText(self.tr("Everybody expected today has been screened."))
        self.denied_title.setText(self.tr("Denied and not cleared since"))
        self.denied.set_headers([
            self.tr("Denied at"), self.tr("Name"), self.tr("Staff no."), self.tr("Department"),
            self.tr("Reason"), self.tr("Gate"),
        ])
        self.denied_empty.setText(
            self.tr("Nobody who was denied is waiting to be cleared.")
        )
        if self.data is not None:
            self.show_data(self.data)
