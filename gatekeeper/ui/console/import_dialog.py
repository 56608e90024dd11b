"""Importing a staff list (.csv or .xlsx) into the registry.

The file goes through the same reader and checks as ``gatekeeper staff import``
(services/staff_import.py), on the service worker. A file with any invalid row is not imported
at all: the dialog then lists every problem, row by row, so that the file can be fixed in Excel
or WPS and imported again. A good file shows how many people were added, updated and left as
they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.services.container import Services
from gatekeeper.services.staff import ImportSummary
from gatekeeper.services.staff_import import RowProblem, StaffImportError
from gatekeeper.services.users import UserView
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import ERROR, SUCCESS, MessageBar
from gatekeeper.ui.widgets.tables import style_table

# -- the reader's problems in the interface language ------------------------------------------
# The staff list reader (services/staff_import.py) writes its problems in English. The common
# ones are put in the interface language here; anything else shows as the reader wrote it.

def _field(name: str) -> str:
    return {
        "staff number": QCoreApplication.translate("ImportProblems", "staff number"),
        "name": QCoreApplication.translate("ImportProblems", "name"),
        "department": QCoreApplication.translate("ImportProblems", "department"),
        "phone": QCoreApplication.translate("ImportProblems", "phone"),
    }.get(name, name)


def _rows(text: str) -> str:
    """A list of row numbers ("2, 3 and 4 more", "5 (as A1)") in the interface language."""
    text = re.sub(r"(\d+) more$", lambda m: QCoreApplication.translate(
        "ImportProblems", "{count} more").format(count=m[1]), text)
    text = re.sub(r" \(as (.+?)\)", lambda m: QCoreApplication.translate(
        "ImportProblems", " (as {value})").format(value=m[1]), text)
    return text.replace(" and ", QCoreApplication.translate("ImportProblems", " and ")).replace(
        ", ", QCoreApplication.translate("ImportProblems", ", "))


def _missing(m: re.Match[str]) -> str:
    return QCoreApplication.translate("ImportProblems", "{field} is missing").format(
        field=_field(m[1]))


def _too_long(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems", "{field} is too long ({count} characters; at most {limit})"
    ).format(field=_field(m[1]), count=m[2], limit=m[3])


def _formula(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems",
        "{field} {value} starts with '{first}', which spreadsheets run as a formula; remove it",
    ).format(field=_field(m[1]), value=m[2], first=m[3])


def _scientific(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems",
        "staff number {value} looks like a number Excel shortened to scientific notation; "
        "format the column as text, type the numbers again and save",
    ).format(value=m[1])


def _kind(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems",
        "unknown kind {value} (use employee, contractor, visitor, 员工, 承包商 or 访客)",
    ).format(value=m[1])


def _phone_scientific(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems",
        "phone {value} may only contain digits, spaces, +, -, ( and ); it looks like a number "
        "Excel shortened to scientific notation: format the column as text, type the numbers "
        "again and save",
    ).format(value=m[1])


def _phone_characters(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems", "phone {value} may only contain digits, spaces, +, -, ( and )"
    ).format(value=m[1])


def _phone_plus(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems", "phone {value} may have '+' only in front").format(value=m[1])


def _phone_digits(m: re.Match[str]) -> str:
    return QCoreApplication.translate("ImportProblems", "phone {value} has no digits").format(
        value=m[1])


def _same_row(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems", "staff number {value} also appears in row {rows}"
    ).format(value=m[1], rows=_rows(m[2]))


def _same_rows(m: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ImportProblems", "staff number {value} also appears in rows {rows}"
    ).format(value=m[1], rows=_rows(m[2]))


_FIELDS = r"(staff number|name|department|phone)"
_SCIENTIFIC = (r"looks like a number Excel shortened to scientific notation: format the column "
               r"as text, type the numbers again and save")
_PROBLEMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(rf"{_FIELDS} is missing"), _missing),
    (re.compile(rf"{_FIELDS} is too long \((\d+) characters; at most (\d+)\)"), _too_long),
    (re.compile(rf"{_FIELDS} (.+) starts with '(.)', which spreadsheets run as a formula; "
                r"remove it"), _formula),
    (re.compile(r"staff number (.+) " + _SCIENTIFIC.replace(": format", "; format")),
     _scientific),
    (re.compile(r"unknown kind (.+) \(use employee, contractor, visitor, 员工, 承包商 or 访客\)"),
     _kind),
    (re.compile(r"phone (.+) may only contain digits, spaces, \+, -, \( and \); it "
                + _SCIENTIFIC), _phone_scientific),
    (re.compile(r"phone (.+) may only contain digits, spaces, \+, -, \( and \)"),
     _phone_characters),
    (re.compile(r"phone (.+) may have '\+' only in front"), _phone_plus),
    (re.compile(r"phone (.+) has no digits"), _phone_digits),
    (re.compile(r"staff number (.+) also appears in row (\d+(?: \(as .+\))?)"), _same_row),
    (re.compile(r"staff number (.+) also appears in rows (.+)"), _same_rows),
]


def problem_text(reason: str) -> str:
    """A problem of a staff list row in the interface language (as written when unknown)."""
    for pattern, make in _PROBLEMS:
        match = pattern.fullmatch(reason)
        if match is not None:
            return make(match)
    return reason


class ImportDialog(QDialog):
    # A file was imported (an ImportSummary): the registry has changed.
    imported = Signal(object)

    def __init__(
        self,
        services: Services,
        user: UserView,
        worker: ServiceWorker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.user = user
        self.worker = worker
        self.path: Path | None = None
        self.summary: ImportSummary | None = None
        self.problems: list[RowProblem] = []
        self._busy = False
        self.setModal(True)
        self.resize(760, 560)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("SectionTitle")
        self.help_label = QLabel(self)
        self.help_label.setObjectName("Hint")
        self.help_label.setWordWrap(True)
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.message = MessageBar(self)
        self.problems_table = QTableWidget(0, 3, self)
        style_table(self.problems_table)
        header = self.problems_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems_table.hide()
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("Primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_chosen)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.help_label)
        layout.addLayout(file_row)
        layout.addWidget(self.message)
        layout.addWidget(self.problems_table, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.retranslate_ui()

    # -- choosing and importing --------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a staff list"), str(self.path.parent if self.path else ""),
            self.tr("Staff lists (*.csv *.xlsx);;All files (*)"),
        )
        if chosen:
            self.set_file(chosen)

    def set_file(self, path: str | Path) -> None:
        self.path = Path(path)
        self.summary = None
        self._show_problems([])
        self.message.hide()
        self._show_file()
        self.import_button.setEnabled(not self._busy)

    def import_file(self, path: str | Path) -> None:
        """Choose ``path`` and import it at once."""
        self.set_file(path)
        self.import_chosen()

    def import_chosen(self) -> None:
        if self.path is None or self._busy:
            return
        path = self.path
        staff = self.services.staff
        by = self.user
        self._set_busy(True)
        self.message.show_message(self.tr("Checking and importing {file}…").format(file=path.name))
        if not submit(self.worker, lambda: staff.import_file(path, by=by), self._done,
                      self._failed, owner=self):
            self._set_busy(False)

    def _done(self, summary: ImportSummary) -> None:
        self._set_busy(False)
        self.summary = summary
        self._show_problems([])
        self.message.show_message(self._summary_text(summary), SUCCESS)
        self.import_button.setEnabled(False)  # imported; importing it again changes nothing
        self.imported.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, StaffImportError):
            self._show_problems(error.problems)
            rows = len({p.row for p in error.problems})
            self.message.show_message(
                self.tr("Nothing was imported: {rows} rows of {file} have problems. Fix them in "
                        "the file and import it again.").format(rows=rows, file=error.source)
                if rows != 1 else
                self.tr("Nothing was imported: 1 row of {file} has a problem. Fix it in the "
                        "file and import it again.").format(file=error.source),
                ERROR,
            )
            return
        self._show_problems([])
        self.message.show_error(error)

    def _summary_text(self, summary: ImportSummary) -> str:
        return self.tr(
            "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged."
        ).format(
            file=self.path.name if self.path else "", added=summary.added,
            updated=summary.updated, unchanged=summary.unchanged,
        )

    def _show_problems(self, problems: list[RowProblem]) -> None:
        self.problems = list(problems)
        table = self.problems_table
        table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            number = QTableWidgetItem(str(problem.row))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            line = QTableWidgetItem("" if problem.line is None else str(problem.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            text = problem_text(problem.reason)
            reason = QTableWidgetItem(text)
            reason.setToolTip(text)
            table.setItem(row, 0, number)
            table.setItem(row, 1, line)
            table.setItem(row, 2, reason)
        table.setColumnHidden(1, all(p.line is None for p in problems))
        table.setVisible(bool(problems))

    def problem_rows(self) -> list[tuple[str, str]]:
        """What the problems table shows: (row number, reason) per line."""
        table = self.problems_table
        def text(row: int, column: int) -> str:
            item = table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 2)) for r in range(table.rowCount())]

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.import_button.setEnabled(not busy and self.path is not None)
        self.choose_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy:  # an import under way finishes first
            super().reject()

    # -- texts -------------------------------------------------------------------------------

    def _show_file(self) -> None:
        if self.path is None:
            self.file_label.setText(self.tr("No file chosen."))
        else:
            self.file_label.setText(self.tr("File: {path}").format(path=str(self.path)))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import people"))
        self.title_label.setText(self.tr("Import people from a staff list"))
        self.help_label.setText(
            self.tr(
                "A CSV file or an Excel workbook (.xlsx) whose first row names the columns. "
                "Staff number and name are required (staff_no, name or 工号, 姓名); department, "
                "kind and phone are optional (部门, 类型, 电话). People already in the registry "
                "are found by staff number and updated. If any row has a problem, nothing is "
                "imported and every problem is listed here."
            )
        )
        self.choose_button.setText(self.tr("Choose file…"))
        self.import_button.setText(self.tr("Import"))
        self.close_button.setText(self.tr("Close"))
        self.problems_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Line"), self.tr("Problem")]
        )
        self._show_file()
        if self.summary is not None and not self.message.isHidden():
            self.message.show_message(self._summary_text(self.summary), SUCCESS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
