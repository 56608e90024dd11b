"""The staff registry page of the officer console: one row per person, with search and
filters; adding, editing, deactivating; photos; importing a staff list; badges.

Every read and write goes through the staff and badge services on the service worker; the page
shows each outcome in its message bar. A registry is thousands of people, not millions: the
list is read whole for each search and sorted in memory.

Badges are written by the same functions as ``gatekeeper badge``: one person as PNG, SVG or
PDF, several people (or everyone active) as A4 PDF sheets. Re-issuing a badge revokes the old
one: it stops working at every gate.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QEvent,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import PersonKind, Role
from gatekeeper.errors import UserError
from gatekeeper.services.badge_render import (
    BadgeCard,
    render_pdf_sheet,
    render_png,
    render_svg,
)
from gatekeeper.services.badges import IssuedBadge
from gatekeeper.services.container import Services
from gatekeeper.services.selfservice import SelfService, format_code
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.console.import_dialog import ImportDialog
from gatekeeper.ui.console.person_dialog import (
    PersonDialog,
    active_text,
    badge_text,
    kind_text,
)
from gatekeeper.ui.console.person_file import PersonFileDialog
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.flow_layout import FlowLayout
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import SUCCESS, MessageBar
from gatekeeper.ui.widgets.person_photo import photo_jpeg, read_photo_file
from gatekeeper.ui.widgets.tables import style_table

SEARCH_DELAY_MS = 250
# The role that gives a row's PersonView.
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
BADGE_SUFFIXES = (".png", ".svg", ".pdf")

Index = QModelIndex | QPersistentModelIndex

# Kind filter values (the combo's data): "" for every kind.
ALL = ""
# State filter values.
ACTIVE_AND_INACTIVE = "all"
ACTIVE_ONLY = "active"
INACTIVE_ONLY = "inactive"


class Column(IntEnum):
    STAFF_NO = 0
    NAME = 1
    DEPARTMENT = 2
    KIND = 3
    PHONE = 4
    STATE = 5
    BADGE = 6
    PHOTO = 7


# -- badges as files -------------------------------------------------------------------------


def badge_cards(issued: Sequence[IssuedBadge], installation: Installation) -> list[BadgeCard]:
    """The printed cards of issued badges, as ``gatekeeper badge`` makes them."""
    zone = ZoneInfo(installation.timezone)
    return [
        BadgeCard(
            token=b.token,
            name=b.person.name,
            staff_no=b.person.staff_no,
            department=b.person.department,
            site_name=installation.site_name,
            kind=str(b.person.kind),
            expires=(b.expires_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                     if b.expires_at else None),
        )
        for b in issued
    ]


def write_badges(cards: Sequence[BadgeCard], path: Path) -> None:
    """One card as .png or .svg, any number as a .pdf sheet; UserError otherwise."""
    suffix = path.suffix.lower()
    if suffix not in BADGE_SUFFIXES:
        raise UserError(f"{path.name}: badges are written as .png, .svg (one person) or .pdf.")
    if suffix != ".pdf" and len(cards) != 1:
        raise UserError(f"{path.name}: a {suffix} file holds one badge; use .pdf for several.")
    try:
        if suffix == ".png":
            render_png(cards[0], path)
        elif suffix == ".svg":
            render_svg(cards[0], path)
        else:
            render_pdf_sheet(cards, path)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}") from exc


# -- the table -------------------------------------------------------------------------------


class PeopleModel(QAbstractTableModel):
    """People in memory, sorted by any column (names in the order of the interface's
    language: pinyin in Chinese)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: list[PersonView] = []
        self._sort = (Column.STAFF_NO, Qt.SortOrder.AscendingOrder)

    @property
    def people(self) -> list[PersonView]:
        return list(self._people)

    def set_people(self, people: Sequence[PersonView]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self._sort_people()
        self.endResetModel()

    def person_at(self, row: int) -> PersonView | None:
        return self._people[row] if 0 <= row < len(self._people) else None

    def row_of(self, person_id: uuid.UUID) -> int:
        for row, person in enumerate(self._people):
            if person.id == person_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.STAFF_NO: self.tr("Staff no."),
            Column.NAME: self.tr("Name"),
            Column.DEPARTMENT: self.tr("Department"),
            Column.KIND: self.tr("Kind"),
            Column.PHONE: self.tr("Phone"),
            Column.STATE: self.tr("State"),
            Column.BADGE: self.tr("Badge"),
            Column.PHOTO: self.tr("Photo"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        column = Column(index.column())
        if role == PERSON_ROLE:
            return person
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(person, column)
        if role == Qt.ItemDataRole.ForegroundRole and not person.active:
            return QBrush(QColor("#7a8791"))
        if role == Qt.ItemDataRole.FontRole and not person.active and column is Column.STATE:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.BADGE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.BADGE:
            return badge_text(person.badge_version)
        return None

    def _text(self, person: PersonView, column: Column) -> str:
        if column is Column.STAFF_NO:
            return person.staff_no
        if column is Column.NAME:
            return person.name
        if column is Column.DEPARTMENT:
            return person.department or person.employer
        if column is Column.KIND:
            return kind_text(person.kind)
        if column is Column.PHONE:
            return person.phone
        if column is Column.STATE:
            return active_text(person.active)
        if column is Column.BADGE:
            return str(person.badge_version) if person.badge_version else "—"
        return "✓" if person.has_photo else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self.person_at(index.row()) for index in persistent]
        self._sort = (Column(column), order)
        self._sort_people()
        self.changePersistentIndexList(
            persistent,
            [self.index(self.row_of(person.id), index.column()) if person else QModelIndex()
             for index, person in zip(persistent, before, strict=True)],
        )
        self.layoutChanged.emit()

    def _sort_people(self) -> None:
        column, order = self._sort
        collator = QCollator(QLocale())
        collator.setNumericMode(True)
        collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        def key(person: PersonView) -> Any:
            if column is Column.BADGE:
                return (person.badge_version, collator.sortKey(person.staff_no))
            if column is Column.STATE:
                return (not person.active, collator.sortKey(person.staff_no))
            if column is Column.PHOTO:
                return (not person.has_photo, collator.sortKey(person.staff_no))
            return (collator.sortKey(self._text(person, column)),
                    collator.sortKey(person.staff_no))

        self._people.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def retranslate(self) -> None:
        if self._people:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._people) - 1, len(Column) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)


# -- the page --------------------------------------------------------------------------------


#: The personal code, large, above the translated note (markup only).
CODE_HTML = (
    "<p style='font-size:28px; font-weight:700; letter-spacing:3px'>{code}</p>"  # notr: markup
    "<p>{note}</p>"
)


class RegistryPage(QWidget):
    """The registry; ``RegistryPage(services, user, worker)`` is the page factory."""

    # The registry was read (the number of people shown).
    loaded = Signal(int)
    # The console window's contract (ui/console/pages.py): a read finished; something was
    # done; something failed (the texts also show in the page's message bar).
    refreshed = Signal()
    status_message = Signal(str)
    error_message = Signal(str)

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
        self.can_edit = user.role in (Role.OFFICER, Role.ADMIN)
        self._serial = 0
        self._loading = False
        self._busy = 0
        self._total: int | None = None
        self._files: list[PersonFileDialog] = []
        self._dialogs: list[Any] = []
        #: The personal code made last (shown once in a dialog; tests read it).
        self.last_code: str | None = None
        # Asks a yes/no question (title, text, action); tests replace it.
        self.confirm: Callable[[str, str, str], bool] = self._confirm

        self.setObjectName("RegistryPage")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("Caption")

        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(100)
        self.search_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.kind_combo = QComboBox(self)
        for value in (ALL, *(str(k) for k in PersonKind)):
            self.kind_combo.addItem("", value)
        self.state_combo = QComboBox(self)
        for value in (ACTIVE_AND_INACTIVE, ACTIVE_ONLY, INACTIVE_ONLY):
            self.state_combo.addItem("", value)

        self.add_button = self._button(self.add_person)
        self.edit_button = self._button(self.edit_person)
        self.active_button = self._button(self.toggle_active)
        self.photo_button = self._button(self.choose_photo)
        self.import_button = self._button(self.open_import)
        self.file_button = self._button(self.open_selected_file)
        self.badge_button = QPushButton(self)
        self.badge_button.setAutoDefault(False)
        self.badge_menu = QMenu(self.badge_button)
        self.save_badge_action = QAction(self.badge_menu)
        self.save_badge_action.triggered.connect(lambda: self.save_badges())
        self.sheet_action = QAction(self.badge_menu)
        self.sheet_action.triggered.connect(lambda: self.save_badges(everyone=True))
        self.reissue_action = QAction(self.badge_menu)
        self.reissue_action.triggered.connect(lambda: self.reissue_badge())
        self.code_action = QAction(self.badge_menu)
        self.code_action.triggered.connect(lambda: self.new_personal_code())
        self.badge_menu.addAction(self.save_badge_action)
        self.badge_menu.addAction(self.sheet_action)
        self.badge_menu.addSeparator()
        self.badge_menu.addAction(self.reissue_action)
        self.badge_menu.addSeparator()
        self.badge_menu.addAction(self.code_action)
        self.badge_button.setMenu(self.badge_menu)

        self.message = MessageBar(self)
        self.model = PeopleModel(self)
        self.table = style_table(QTableView(self), multiple=True)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(int(Column.STAFF_NO), Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(int(Column.DEPARTMENT), QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.STAFF_NO, 110), (Column.NAME, 170), (Column.KIND, 110),
                              (Column.PHONE, 150), (Column.STATE, 90), (Column.BADGE, 70),
                              (Column.PHOTO, 60)):
            self.table.setColumnWidth(int(column), width)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self.refresh)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state_combo.currentIndexChanged.connect(lambda _i: self.refresh())

        self._lay_out()
        self.retranslate_ui()
        self._update_buttons()
        self.refresh()

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.state_combo, 1)
        filters.addSpacing(8)
        filters.addWidget(self.count_label)

        # The editing actions wrap onto a second row where their texts are long.
        editing = FlowLayout(spacing=8, vertical_spacing=8)
        for button in (self.add_button, self.edit_button, self.active_button,
                       self.photo_button, self.import_button):
            editing.addWidget(button)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addLayout(editing, 1)
        actions.addWidget(self.badge_button, 0, Qt.AlignmentFlag.AlignTop)
        actions.addWidget(self.file_button, 0, Qt.AlignmentFlag.AlignTop)

        # The console window gives the page its title and margins.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    # -- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the registry again with the current search and filters."""
        self._timer.stop()
        self._serial += 1
        serial = self._serial
        search = self.search_edit.text().strip()
        kind = str(self.kind_combo.currentData())
        state = str(self.state_combo.currentData())
        staff = self.services.staff

        def job() -> tuple[list[PersonView], int]:
            people = staff.list(search=search, include_inactive=state != ACTIVE_ONLY)
            return people, staff.count()

        def done(found: tuple[list[PersonView], int]) -> None:
            if serial != self._serial:
                return  # an older search than the newest
            self._loading = False
            people, total = found
            if kind:
                people = [p for p in people if str(p.kind) == kind]
            if state == INACTIVE_ONLY:
                people = [p for p in people if not p.active]
            self._total = total
            self._show_people(people)

        def failed(error: BaseException) -> None:
            if serial == self._serial:
                self._loading = False
                self.report(error)

        self._loading = submit(self.worker, job, done, failed, owner=self)

    @property
    def loading(self) -> bool:
        return self._loading

    def _show_people(self, people: list[PersonView]) -> None:
        if people == self.model.people and self.model.rowCount() == len(people):
            self._show_count()  # the periodic refresh: nothing changed, nothing moves
            self.loaded.emit(len(people))
            self.refreshed.emit()
            return
        selected = {p.id for p in self.selected_people()}
        current = self.current_person()
        self.model.set_people(people)
        selection = self.table.selectionModel()
        for person_id in selected:
            row = self.model.row_of(person_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        if current is not None and (row := self.model.row_of(current.id)) >= 0:
            selection.setCurrentIndex(self.model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_count()
        self._update_buttons()
        self.loaded.emit(len(people))
        self.refreshed.emit()

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if self._total is None:
            self.count_label.setText("")
        elif shown == self._total:
            self.count_label.setText(self.tr("{count} people").format(count=shown))
        else:
            self.count_label.setText(
                self.tr("{shown} of {total} people").format(shown=shown, total=self._total)
            )

    # -- selection ---------------------------------------------------------------------------

    def selected_people(self) -> list[PersonView]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [p for r in rows if (p := self.model.person_at(r)) is not None]

    def current_person(self) -> PersonView | None:
        selected = self.selected_people()
        if len(selected) == 1:
            return selected[0]
        index = self.table.selectionModel().currentIndex()
        person = self.model.person_at(index.row()) if index.isValid() else None
        return person if person is not None and person in selected else None

    def select_staff_no(self, staff_no: str, *, add: bool = False) -> bool:
        """Select the row of a staff number (tests, and after adding someone)."""
        for row, person in enumerate(self.model.people):
            if person.staff_no == staff_no:
                flags = QItemSelectionModel.SelectionFlag.Rows | (
                    QItemSelectionModel.SelectionFlag.Select if add
                    else QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
                return True
        return False

    def _update_buttons(self) -> None:
        selected = self.selected_people()
        one = len(selected) == 1
        busy = self._busy > 0
        edit = self.can_edit and not busy
        self.add_button.setEnabled(edit)
        self.import_button.setEnabled(edit)
        self.edit_button.setEnabled(edit and one)
        self.active_button.setEnabled(edit and one)
        self.photo_button.setEnabled(edit and one)
        self.file_button.setEnabled(one)
        self.badge_button.setEnabled(edit)
        self.save_badge_action.setEnabled(bool(selected))
        self.reissue_action.setEnabled(one)
        self.code_action.setEnabled(
            one and selected[0].kind != PersonKind.VISITOR and selected[0].active
        )
        person = selected[0] if one else None
        if person is not None and not person.active:
            self.active_button.setText(self.tr("Reactivate…"))
        else:
            self.active_button.setText(self.tr("Deactivate…"))
        if len(selected) > 1:
            self.save_badge_action.setText(
                self.tr("Badges of the {count} selected people (PDF)…").format(
                    count=len(selected))
            )
        else:
            self.save_badge_action.setText(self.tr("Badge of the selected person…"))
        for control in (self.edit_button, self.active_button, self.photo_button,
                        self.add_button, self.import_button, self.badge_button):
            control.setToolTip("" if self.can_edit else self.tr("Officers only"))

    # -- running jobs ------------------------------------------------------------------------

    def _run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        working: str = "",
    ) -> None:
        self._busy += 1
        self._update_buttons()
        if working:
            self.message.show_message(working)

        def finish(result: Any) -> None:
            self._busy -= 1
            self._update_buttons()
            done(result)

        def fail(error: BaseException) -> None:
            self._busy -= 1
            self._update_buttons()
            self.report(error)

        if not submit(self.worker, job, finish, fail, owner=self):
            self._busy -= 1
            self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._busy > 0 or self._loading

    def say(self, text: str) -> None:
        """A success, in the message bar and the window's status bar."""
        self.message.show_message(text, SUCCESS)
        self.status_message.emit(text)

    def report(self, error: BaseException | str) -> None:
        """A failure (a UserError's message as it is; a bug briefly, logged in full)."""
        self.message.show_error(error)
        self.error_message.emit(self.message.label.text())

    def _confirm(self, title: str, text: str, action: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.exec()
        return box.clickedButton() is go

    # -- people ------------------------------------------------------------------------------

    def _departments(self) -> list[str]:
        return sorted({p.department for p in self.model.people if p.department})

    def add_person(self) -> PersonDialog:
        dialog = PersonDialog(self.services, self.user, self.worker,
                              departments=self._departments(), parent=self)
        self._open(dialog, lambda: self._person_saved(dialog, added=True))
        return dialog

    def edit_person(self) -> PersonDialog | None:
        person = self.current_person()
        if person is None:
            return None
        dialog = PersonDialog(self.services, self.user, self.worker, person,
                              departments=self._departments(), parent=self)
        self._open(dialog, lambda: self._person_saved(dialog, added=False))
        return dialog

    def _open(self, dialog: Any, accepted: Callable[[], None]) -> None:
        self._dialogs.append(dialog)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: Any) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()

    def _person_saved(self, dialog: PersonDialog, *, added: bool) -> None:
        person = dialog.saved
        if person is None:
            return
        if added:
            text = self.tr("Added {name} ({staff_no}) to the registry.")
        else:
            text = self.tr("Saved the changes to {name} ({staff_no}).")
        self.say(text.format(name=person.name, staff_no=person.staff_no))
        self._reselect_after_refresh(person.staff_no)

    def _reselect_after_refresh(self, staff_no: str) -> None:
        def select(_count: int) -> None:
            self.loaded.disconnect(select)
            self.select_staff_no(staff_no)

        self.loaded.connect(select)
        self.refresh()

    def toggle_active(self) -> None:
        person = self.current_person()
        if person is None:
            return
        staff = self.services.staff
        by = self.user
        label = {"name": person.name, "staff_no": person.staff_no}
        if person.active:
            if not self.confirm(
                self.tr("Deactivate"),
                self.tr("Deactivate {name} ({staff_no})? Their badge is refused at every gate "
                        "until they are reactivated. Their records stay.").format(**label),
                self.tr("Deactivate"),
            ):
                return
            self._run(lambda: staff.deactivate(person.id, by=by),
                      lambda p: self._changed(p, self.tr(
                          "{name} ({staff_no}) is deactivated: their badge no longer opens "
                          "the gate.")))
        else:
            if not self.confirm(
                self.tr("Reactivate"),
                self.tr("Reactivate {name} ({staff_no})? Their current badge works again."
                        ).format(**label),
                self.tr("Reactivate"),
            ):
                return
            self._run(lambda: staff.reactivate(person.id, by=by),
                      lambda p: self._changed(p, self.tr(
                          "{name} ({staff_no}) is active again.")))

    def _changed(self, person: PersonView, text: str) -> None:
        self.say(text.format(name=person.name, staff_no=person.staff_no))
        self.refresh()

    def choose_photo(self, path: str | None = None) -> None:
        """Set the selected person's photo from a picture file (asked for when None)."""
        person = self.current_person()
        if person is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Photo of {name}").format(name=person.name), "",
                self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.webp);;All files (*)"),
            )
            if not path:
                return
        try:
            data = photo_jpeg(read_photo_file(path))
        except UserError as exc:
            self.report(exc)
            return
        staff = self.services.staff
        by = self.user
        self._run(lambda: staff.set_photo(person.id, data, by=by),
                  lambda p: self._changed(p, self.tr("Saved the photo of {name}.")))

    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.services, self.user, self.worker, self)
        dialog.imported.connect(lambda _summary: self.refresh())
        self._open(dialog, lambda: None)
        return dialog

    # -- badges ------------------------------------------------------------------------------

    def save_badges(self, path: str | None = None, *, everyone: bool = False) -> None:
        """Write the badges of the selected people (or of everyone active) to a file: one
        person as .png, .svg or .pdf, several as a .pdf sheet. The file is asked for when
        ``path`` is None. A person without a badge gets their first one."""
        people = [] if everyone else self.selected_people()
        if not everyone and not people:
            self.report(self.tr("Select the people whose badges to print."))
            return
        if path is None:
            path = self._ask_badge_file(people)
            if not path:
                return
        target = Path(path)
        badges = self.services.badges
        installation = self.services.installation
        by = self.user
        staff_nos = [p.staff_no for p in people]

        def job() -> int:
            if target.suffix.lower() not in BADGE_SUFFIXES:
                raise UserError(
                    f"{target.name}: badges are written as .png, .svg (one person) or .pdf."
                )
            issued = badges.issue_all(by=by) if everyone else badges.issue(
                staff_nos, by=by)
            write_badges(badge_cards(issued, installation), target)
            return len(issued)

        def done(count: int) -> None:
            if count == 1 and people:
                text = self.tr("Saved the badge of {name} to {file}.").format(
                    name=people[0].name, file=str(target))
            else:
                text = self.tr("Saved {count} badges to {file}.").format(
                    count=count, file=str(target))
            self.say(text)
            self.refresh()  # first badges change the badge column

        self._run(job, done, self.tr("Writing badges…"))

    def _ask_badge_file(self, people: Sequence[PersonView]) -> str:
        if len(people) == 1:
            name = f"badge-{people[0].staff_no}.png"
            filters = ";;".join((self.tr("PNG picture (*.png)"), self.tr("SVG drawing (*.svg)"),
                                 self.tr("PDF sheet for printing (*.pdf)")))
        else:
            name = "badges.pdf"
            filters = self.tr("PDF sheet for printing (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Save badges"), name, filters)
        if path and not Path(path).suffix:
            for suffix in BADGE_SUFFIXES:
                if f"*{suffix}" in chosen:
                    path += suffix
                    break
        return path

    def reissue_badge(self) -> None:
        """Give the selected person a new badge version: every older badge stops working."""
        person = self.current_person()
        if person is None:
            return
        if not self.confirm(
            self.tr("Re-issue badge"),
            self.tr("Re-issue the badge of {name} ({staff_no})? The badge they have now stops "
                    "working at every gate at once; print the new one and hand it over."
                    ).format(name=person.name, staff_no=person.staff_no),
            self.tr("Re-issue"),
        ):
            return
        badges = self.services.badges
        by = self.user

        def done(issued: IssuedBadge) -> None:
            self.say(
                self.tr("{name} has a new badge (version {version}); the old one no longer "
                        "works. Print the new one from Badges.").format(
                    name=issued.person.name, version=issued.version)
            )
            self.refresh()

        self._run(lambda: badges.revoke(person.staff_no, by=by), done)

    def new_personal_code(self) -> None:
        """A new personal code for the selected employee's or contractor's phone declarations
        (the self-service pages): shown once, stored only as a hash; any earlier code stops
        working."""
        person = self.current_person()
        if person is None:
            return
        if not self.confirm(
            self.tr("New personal code"),
            self.tr("Make a new personal code for {name} ({staff_no})? They sign their daily "
                    "declarations on their phone with their staff number and this code. It is "
                    "shown once only; any earlier code stops working.").format(
                name=person.name, staff_no=person.staff_no),
            self.tr("Make code"),
        ):
            return
        service = SelfService(self.services.db, self.services.installation,
                              self.services.badges)
        by = self.user

        def done(code: str) -> None:
            self.last_code = format_code(code)
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(self.tr("Personal code of {name}").format(name=person.name))
            box.setText(self.tr("Personal code of {name} ({staff_no}):").format(
                name=person.name, staff_no=person.staff_no))
            note = self.tr("Give it to them now: it is not shown again, and it is stored only "
                           "in a form nobody can read back.")
            box.setInformativeText(CODE_HTML.format(code=self.last_code, note=note))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.say(self.tr("{name} has a new personal code.").format(name=person.name))
            self._open(box, lambda: None)

        self._run(lambda: service.set_code(person.staff_no, by=by), done)

    # -- the person file ---------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        person = self.model.person_at(index.row())
        if person is not None:
            self.open_person_file(person.id)

    def open_selected_file(self) -> PersonFileDialog | None:
        person = self.current_person()
        return self.open_person_file(person.id) if person is not None else None

    def open_person_file(self, person_id: uuid.UUID | None) -> PersonFileDialog | None:
        if person_id is None:
            return None
        for dialog in self._files:
            if dialog.person_id == person_id:
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        dialog = PersonFileDialog(self.services, self.user, self.worker, person_id, self)
        self._files.append(dialog)
        dialog.finished.connect(lambda _result: self._file_closed(dialog))
        dialog.show()
        return dialog

    def _file_closed(self, dialog: PersonFileDialog) -> None:
        if dialog in self._files:
            self._files.remove(dialog)
        dialog.deleteLater()
        self.refresh()  # travel recorded from the file may change what the registry shows

    @property
    def open_files(self) -> list[PersonFileDialog]:
        return list(self._files)

    # -- language ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(
            self.tr("Search by name, staff number, phone or department"))
        self.search_edit.setToolTip(self.search_edit.placeholderText())  # whole where elided
        self.search_edit.setAccessibleName(self.tr("Search the registry"))
        for index, text in enumerate((self.tr("All kinds"), self.tr("Employees"),
                                      self.tr("Contractors"), self.tr("Visitors"))):
            self.kind_combo.setItemText(index, text)
        for index, text in enumerate((self.tr("Active and inactive"), self.tr("Active only"),
                                      self.tr("Inactive only"))):
            self.state_combo.setItemText(index, text)
        self.kind_combo.setAccessibleName(self.tr("Kind of person"))
        self.state_combo.setAccessibleName(self.tr("Active or not"))
        self.add_button.setText(self.tr("Add…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.photo_button.setText(self.tr("Photo…"))
        self.import_button.setText(self.tr("Import…"))
        self.file_button.setText(self.tr("Open file"))
        self.badge_button.setText(self.tr("Badges"))
        self.sheet_action.setText(self.tr("Badge sheet of everyone active (PDF)…"))
        self.reissue_action.setText(self.tr("Re-issue badge (the old one stops working)…"))
        self.code_action.setText(self.tr("New personal code for phone declarations…"))
        self.model.retranslate()
        self._show_count()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Close the person files this page opened (the worker belongs to the shell)."""
        for dialog in list(self._files):
            dialog.close_file()
