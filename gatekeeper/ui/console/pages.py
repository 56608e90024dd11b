"""The console's pages: the contract every page keeps, the registry of pages, and what pages
share (the base class, cards, the words for values that come from the core).

The contract
------------
A page is made by a factory ``factory(services, user, worker) -> QWidget``: the installation's
services, the signed-in :class:`UserView` and the window's single-writer
:class:`~gatekeeper.ui.kiosk.worker.ServiceWorker`. The widget has a ``refresh()`` method that
reloads what it shows without blocking the GUI thread (the window calls it when the page is
shown and every 30 s while it is); it may have the signals ``status_message(str)`` and
``error_message(str)``, which the window puts in its status bar, ``refreshed()`` (the window
shows when the page was last read) and ``open_alerts_changed(int)`` (the count beside
"Alerts"); and a ``shutdown()`` method, which the window calls when it closes, before it stops
the worker (a page stops the threads it owns there). It retranslates itself on a
LanguageChange event.

:class:`ConsolePage` keeps that contract for the pages here: a page says what to read
(:meth:`ConsolePage.load`, which returns a job for the worker) and how to show it
(:meth:`ConsolePage.show_data`); service calls go through :meth:`ConsolePage.run`.

The registry
------------
:data:`PAGES` lists the pages in the order of the navigation. A page is one line: its key,
its title marked for translation with ``QT_TRANSLATE_NOOP("ConsolePages", ...)``, and its
factory, either a callable or the import path ``"module:attribute"`` of one (imported when
the window is built, so that this module imports no page).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import PersonKind, Role, TempUnit
from gatekeeper.errors import UserError
from gatekeeper.services.access import OFFICERS
from gatekeeper.services.alerts import AlertOutcome
from gatekeeper.services.container import Services
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.ui.kiosk.texts import format_temperature
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN

log = logging.getLogger(__name__)

CONTEXT = "ConsolePages"

PageFactory = Callable[[Services, UserView, ServiceWorker], QWidget]

# People shown at most for one search of the registry.
SEARCH_LIMIT = 50


# --------------------------------------------------------------------------------------------
# The registry


@dataclass(frozen=True)
class Page:
    """One entry of the navigation."""

    key: str
    # The English title, marked with QT_TRANSLATE_NOOP("ConsolePages", ...).
    title: str
    # A factory, or the import path "package.module:attribute" of one.
    factory: PageFactory | str
    # Who sees the page in the navigation.
    roles: tuple[Role, ...] = OFFICERS

    def translated_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def resolve(self) -> PageFactory:
        if not isinstance(self.factory, str):
            return self.factory
        module, _, attribute = self.factory.partition(":")
        return cast(PageFactory, getattr(importlib.import_module(module), attribute))

    def build(self, services: Services, user: UserView, worker: ServiceWorker) -> QWidget:
        return self.resolve()(services, user, worker)


PAGES: tuple[Page, ...] = (
    Page("dashboard", QT_TRANSLATE_NOOP("ConsolePages", "Dashboard"),
         "gatekeeper.ui.console.dashboard:DashboardPage"),
    Page("alerts", QT_TRANSLATE_NOOP("ConsolePages", "Alerts"),
         "gatekeeper.ui.console.alerts_view:AlertsPage"),
    Page("onsite", QT_TRANSLATE_NOOP("ConsolePages", "On site now"),
         "gatekeeper.ui.console.presence_view:OnSitePage"),
    Page("missed", QT_TRANSLATE_NOOP("ConsolePages", "Nobody missed"),
         "gatekeeper.ui.console.presence_view:MissedPage"),
    Page("observation", QT_TRANSLATE_NOOP("ConsolePages", "Observation"),
         "gatekeeper.ui.console.observation_view:ObservationPage"),
    Page("log", QT_TRANSLATE_NOOP("ConsolePages", "Entry log"),
         "gatekeeper.ui.console.log_view:LogPage"),
    Page("registry", QT_TRANSLATE_NOOP("ConsolePages", "Staff registry"),
         "gatekeeper.ui.console.registry:RegistryPage"),
    Page("settings", QT_TRANSLATE_NOOP("ConsolePages", "Settings"),
         "gatekeeper.ui.console.settings_view:SettingsPage"),
)


def pages_for(user: UserView, pages: Sequence[Page] = PAGES) -> list[Page]:
    """The pages a user sees, in navigation order."""
    return [page for page in pages if user.role in page.roles]


# --------------------------------------------------------------------------------------------
# Asking the person (replaceable in tests: pages keep these as attributes)


def ask_save_path(parent: QWidget, caption: str, suggested: str, filters: str) -> str | None:
    """A file name to write to, from a save dialog; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
    return path or None


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    """Ask before doing something that cannot be undone; True to go ahead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


# --------------------------------------------------------------------------------------------
# The base class


def card(parent: QWidget, *, margins: int = 20, spacing: int = 10) -> tuple[QFrame, QVBoxLayout]:
    """A white card with rounded corners (the home window's look)."""
    frame = QFrame(parent)
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins - 4, margins, margins - 4)
    layout.setSpacing(spacing)
    return frame, layout


def label(parent: QWidget, role: str = "", text: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setObjectName(role)
    widget.setWordWrap(wrap)
    return widget


def button(parent: QWidget, role: str = "") -> QPushButton:
    widget = QPushButton(parent)
    if role:
        widget.setObjectName(role)
    widget.setAutoDefault(False)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


class ConsolePage(QWidget):
    """A console page: loads its data on the worker, shows it on the GUI thread, and says
    what went wrong on the page and in the status bar instead of crashing.

    Subclasses give :meth:`load` (a job of reads for the worker), :meth:`show_data` and
    :meth:`retranslate_ui` (which calls :meth:`show_data` again when texts are computed from
    the data)."""

    # A load finished and its data is on screen.
    refreshed = Signal()
    # Something was done (a file written, an alert acknowledged), for the status bar.
    status_message = Signal(str)
    # A job failed, for the status bar.
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
        self.zone = ZoneInfo(services.installation.timezone)
        self.data: Any = None
        self._loading = False
        self._again = False
        # The dialogs that block; tests put answers in their place.
        self.ask_save_path: Callable[[QWidget, str, str, str], str | None] = ask_save_path
        self.confirm: Callable[[QWidget, str, str, str], bool] = confirm
        self.setObjectName("ConsolePage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.error_label = label(self, "Error")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

    # -- what subclasses give ---------------------------------------------------------------

    def load(self) -> Callable[[], Any]:
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    # -- loading ----------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def is_admin(self) -> bool:
        return self.user.role is Role.ADMIN

    def refresh(self) -> None:
        """Read again, on the worker; a refresh asked for while one runs follows it."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        self.run(self.load(), self._loaded, self._load_failed)

    def _loaded(self, data: Any) -> None:
        self._loading = False
        self.data = data
        self.set_error("")
        self.show_data(data)
        self.refreshed.emit()
        if self._again:
            self.refresh()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.report(error)
        if self._again:
            self.refresh()

    def run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Run ``job`` on the worker, then ``done(result)`` or ``failed(error)`` (default:
        :meth:`report`) here. False when the worker has stopped (the window is closing)."""
        if not self.worker.running:
            self._loading = False
            return False
        self.worker.submit(job, done, failed or self.report)
        return True

    def report(self, error: BaseException) -> None:
        """Show what went wrong: a UserError's message as it is, a bug as a short note (its
        traceback goes to the log)."""
        if isinstance(error, UserError):
            log.warning("Console: %s", error)
            message = str(error)
        else:
            log.error("A console job failed", exc_info=error)
            message = QCoreApplication.translate(
                "ConsoleTexts", "Something went wrong ({error}). The details are in the log file."
            ).format(error=type(error).__name__)
        self.set_error(message)
        self.error_message.emit(message)

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def say(self, message: str) -> None:
        self.status_message.emit(message)

    def open_dialog(
        self, name: str, dialog: QDialog, accepted: Callable[[Any], None]
    ) -> None:
        """Open ``dialog`` (window-modal, not blocking) as the attribute ``name`` of this page
        until it closes; ``accepted(dialog)`` runs when it was accepted. It is deleted after."""
        setattr(self, name, dialog)

        def finished(result: int) -> None:
            if getattr(self, name, None) is dialog:
                setattr(self, name, None)
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                accepted(dialog)

        dialog.finished.connect(finished)
        dialog.open()

    def search_people(
        self, text: str, show: Callable[[Sequence[PersonView]], None]
    ) -> None:
        """Look people up in the registry on the worker (a person picker's search)."""
        staff = self.services.staff
        self.run(lambda: staff.list(search=text)[:SEARCH_LIMIT], show)

    # -- time -------------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def time_text(self, moment: datetime, today: date | None = None) -> str:
        """'09:41' today, '2026-11-26 09:41' on another day (site-local)."""
        local = self.local(moment)
        if today is not None and local.date() == today:
            return local.strftime("%H:%M")
        return local.strftime("%Y-%m-%d %H:%M")

    def today(self) -> date:
        return self.services.observation.today()

    def temperature_unit(self) -> TempUnit:
        return self.services.settings.screening().temperature_unit

    # -- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ReasonDialog(QDialog):
    """Asks for a reason (required) before an action that is recorded with it."""

    def __init__(
        self, parent: QWidget, *, title: str, text: str, action: str, max_length: int = 500,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text_label = label(self, "", text)
        self.reason_label = label(
            self, "FieldLabel", QCoreApplication.translate("ConsoleTexts", "Reason")
        )
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(max_length)
        self.reason_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.reason_edit.setPlaceholderText(placeholder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(
            lambda text: self.ok_button.setEnabled(bool(text.strip()))
        )
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(self.text_label)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()


# --------------------------------------------------------------------------------------------
# Words for the core's values


def role_text(role: Role | str) -> str:
    names = {
        Role.GUARD: QCoreApplication.translate("ConsoleTexts", "Guard"),
        Role.OFFICER: QCoreApplication.translate("ConsoleTexts", "Officer"),
        Role.ADMIN: QCoreApplication.translate("ConsoleTexts", "Admin"),
    }
    return names.get(Role(role), str(role))


def kind_text(kind: PersonKind | str) -> str:
    names = {
        PersonKind.EMPLOYEE: QCoreApplication.translate("ConsoleTexts", "Employee"),
        PersonKind.CONTRACTOR: QCoreApplication.translate("ConsoleTexts", "Contractor"),
        PersonKind.VISITOR: QCoreApplication.translate("ConsoleTexts", "Visitor"),
    }
    try:
        return names[PersonKind(kind)]
    except ValueError:
        return str(kind)


def reason_text(reason: str) -> str:
    """A stored reason (domain.screening.Reason's values) in a few words, for an officer."""
    names = {
        "normal": QCoreApplication.translate("ConsoleTexts", "Normal"),
        "fever_first_reading": QCoreApplication.translate(
            "ConsoleTexts", "Fever, second reading not taken"
        ),
        "cleared_on_recheck": QCoreApplication.translate(
            "ConsoleTexts", "Cleared on the second reading"
        ),
        "fever_confirmed": QCoreApplication.translate("ConsoleTexts", "Fever confirmed"),
        "inactive_person": QCoreApplication.translate("ConsoleTexts", "Not active in the registry"),
        "declaration_missing": QCoreApplication.translate("ConsoleTexts", "No health declaration"),
        "declaration_risk": QCoreApplication.translate(
            "ConsoleTexts", "Declaration reports a risk"
        ),
        "bad_signature": QCoreApplication.translate("ConsoleTexts", "Forged or altered badge"),
        "revoked": QCoreApplication.translate("ConsoleTexts", "Replaced badge"),
        "expired": QCoreApplication.translate("ConsoleTexts", "Expired badge or pass"),
        "foreign_key": QCoreApplication.translate("ConsoleTexts", "Badge of another site"),
        "unknown_person": QCoreApplication.translate("ConsoleTexts", "Badge of nobody registered"),
        "garbled": QCoreApplication.translate("ConsoleTexts", "Unreadable code"),
        "auto_exit": QCoreApplication.translate("ConsoleTexts", "Automatic exit"),
    }
    return names.get(reason, reason)


def outcome_text(outcome: AlertOutcome | str) -> str:
    names = {
        AlertOutcome.SENT_HOME: QCoreApplication.translate("ConsoleTexts", "Sent home"),
        AlertOutcome.ISOLATION_ROOM: QCoreApplication.translate("ConsoleTexts", "Isolation room"),
        AlertOutcome.CLEARED_BY_RECHECK: QCoreApplication.translate(
            "ConsoleTexts", "Cleared by recheck"
        ),
        AlertOutcome.REFERRED_TO_HOSPITAL: QCoreApplication.translate(
            "ConsoleTexts", "Referred to hospital"
        ),
        AlertOutcome.FALSE_ALARM: QCoreApplication.translate("ConsoleTexts", "False alarm"),
        AlertOutcome.OTHER: QCoreApplication.translate(
            "ConsoleTexts", "Other (say what in the note)"
        ),
    }
    try:
        return names[AlertOutcome(outcome)]
    except ValueError:
        return str(outcome)


def temperatures_text(values_c: Sequence[float], unit: TempUnit) -> str:
    """'38.2 → 37.9 °C' for a pair of readings; '—' without any."""
    if not values_c:
        return "—"
    texts = [format_temperature(v, unit) for v in values_c]
    suffix = texts[-1].rsplit(" ", 1)[-1]
    return " → ".join(t.rsplit(" ", 1)[0] for t in texts) + f" {suffix}"


def count_text(value: int) -> str:
    return QLocale().toString(value)


def no_department() -> str:
    return QCoreApplication.translate("ConsoleTexts", "No department")
