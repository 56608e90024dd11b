"""Signing in to the console: an officer's or an admin's user name and password.

The password is checked on a worker thread (Argon2 takes a moment). It leaves the password
field as soon as it is submitted and is held only by the job that checks it, which lets go
of it once it ran: nothing here keeps it afterwards. After repeated failures the user
service makes the next attempts wait; the dialog counts the wait down and accepts no attempt
before it is over. A guard's account is refused: guards cannot open the console.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gatekeeper.domain.enums import Role
from gatekeeper.errors import UserError
from gatekeeper.services.users import SignInError, UserService, UserView
from gatekeeper.ui.i18n import ENGLISH
from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.theme import TEXT_MARGIN
from gatekeeper.ui.widgets.language_switch import LanguageSwitch
from gatekeeper.ui.widgets.window_fit import fit_height

log = logging.getLogger(__name__)

CONSOLE_ROLES = (Role.OFFICER, Role.ADMIN)
PURPOSE = "console.sign-in"
MAX_NAME = 64
MAX_PASSWORD = 200


class SignInDialog(QDialog):
    """Emits ``signed_in(UserView)`` and accepts when an officer or an admin signed in."""

    signed_in = Signal(object)
    language_selected = Signal(str)

    def __init__(
        self,
        users: UserService,
        *,
        site_line: str = "",
        language: str = ENGLISH,
        worker: ServiceWorker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._users = users
        self._owns_worker = worker is None
        self.worker = worker or ServiceWorker(self, name="gatekeeper-sign-in")
        self.user: UserView | None = None
        self._busy = False
        self._error: Callable[[], str] | None = None
        self._deadline = 0.0

        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setModal(True)

        self.language_switch = LanguageSwitch(language, self)
        self.language_switch.language_selected.connect(self.language_selected)
        self.title_label = self._label("Title")
        self.subtitle_label = self._label("Subtitle")
        self.site_label = self._label("Caption", site_line)
        self.site_label.setVisible(bool(site_line))
        self.user_label = self._label("FieldLabel")
        self.user_edit = QLineEdit(self)
        self.user_edit.setMaxLength(MAX_NAME)
        self.user_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.user_label.setBuddy(self.user_edit)
        self.password_label = self._label("FieldLabel")
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(MAX_PASSWORD)
        self.password_edit.setTextMargins(TEXT_MARGIN, 0, 0, 0)
        self.password_label.setBuddy(self.password_edit)
        self.error_label = self._label("Error")
        self.error_label.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("Primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sign_in_button.clicked.connect(self.submit)
        for edit in (self.user_edit, self.password_edit):
            edit.textEdited.connect(self._edited)

        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)

        self._lay_out()
        self.retranslate_ui()
        self.user_edit.setFocus()

    def _label(self, role: str, text: str = "") -> QLabel:
        widget = QLabel(text, self)
        widget.setObjectName(role)
        widget.setWordWrap(True)
        return widget

    def _lay_out(self) -> None:
        box = QFrame(self)
        box.setObjectName("Card")
        form = QVBoxLayout(box)
        form.setContentsMargins(32, 28, 32, 26)
        form.setSpacing(0)
        form.addWidget(self.title_label)
        form.addSpacing(6)
        form.addWidget(self.subtitle_label)
        form.addSpacing(4)
        form.addWidget(self.site_label)
        form.addSpacing(18)
        form.addWidget(self.user_label)
        form.addSpacing(5)
        form.addWidget(self.user_edit)
        form.addSpacing(12)
        form.addWidget(self.password_label)
        form.addSpacing(5)
        form.addWidget(self.password_edit)
        form.addSpacing(12)
        form.addWidget(self.error_label)
        form.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(8)
        buttons.addWidget(self.sign_in_button)
        form.addLayout(buttons)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_switch)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 20)
        outer.setSpacing(12)
        outer.addLayout(top)
        outer.addWidget(box)
        outer.addStretch(1)
        self.setFixedWidth(480)

    # -- signing in ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def wait_left(self) -> int:
        """Seconds until the next attempt is accepted (0: now)."""
        return max(0, int(self._deadline - time.monotonic() + 0.999))

    def submit(self) -> None:
        if self._busy or self.wait_left > 0:
            return
        name = self.user_edit.text().strip()
        if not name:
            self.user_edit.setFocus()
            return
        if not self.password_edit.text():
            self.password_edit.setFocus()
            return
        # The password leaves the field now; only the job holds it, until it has run.
        secret = [self.password_edit.text()]
        self.password_edit.clear()
        users = self._users

        def check() -> UserView:
            return users.authenticate(
                name, secret.pop(), allowed=CONSOLE_ROLES, purpose=PURPOSE
            )

        self._set_busy(True)
        self._set_error(None)
        self.worker.submit(check, self._done, self._failed)

    def _done(self, user: UserView) -> None:
        self._set_busy(False)
        self.user = user
        log.info("%s (%s) signed in to the console", user.username, user.role)
        self.signed_in.emit(user)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.setFocus()
        if isinstance(error, SignInError):
            if error.wait_seconds > 0:
                self._deadline = time.monotonic() + error.wait_seconds
                self._countdown.start()
                self._set_error(
                    lambda: self.tr("Too many failed attempts. Try again in {seconds} s.").format(
                        seconds=self.wait_left
                    )
                )
                self._tick()
            elif "may not" in str(error):
                self._set_error(
                    lambda: self.tr(
                        "This account may not open the console: only officers and admins can."
                    )
                )
            else:
                self._set_error(lambda: self.tr("Wrong user name or password."))
        elif isinstance(error, UserError):
            message = str(error)
            self._set_error(lambda: message)
        else:
            log.error("Signing in failed", exc_info=error)
            name = type(error).__name__
            self._set_error(
                lambda: self.tr("Signing in failed ({error}). The details are in the log file.")
                .format(error=name)
            )

    def _tick(self) -> None:
        if self.wait_left <= 0:
            self._countdown.stop()
            self._deadline = 0.0
            self._set_error(None)
            self._update_button()
            return
        self._update_button()
        if self._error is not None:
            self.error_label.setText(self._error())

    def _edited(self, _text: str) -> None:
        if self.wait_left <= 0:
            self._set_error(None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.user_edit.setReadOnly(busy)
        self.password_edit.setReadOnly(busy)
        self._update_button()

    def _update_button(self) -> None:
        self.sign_in_button.setEnabled(not self._busy and self.wait_left <= 0)

    def _set_error(self, message: Callable[[], str] | None) -> None:
        self._error = message
        self.error_label.setText(message() if message is not None else "")
        self.error_label.setVisible(message is not None)
        self._fit()

    def _fit(self) -> None:
        """Grow or shrink to the message (a wrapped label needs the height for its width;
        adjustSize() would stop at two thirds of the screen's height)."""
        fit_height(self)

    @property
    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def set_language(self, language: str) -> None:
        self.language_switch.set_language(language)

    # -- closing ---------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._countdown.stop()
        if self._owns_worker:
            self.worker.stop()
        super().done(result)

    def shutdown(self) -> None:
        """Stop the worker this dialog made (also when it is never closed)."""
        self._countdown.stop()
        if self._owns_worker:
            self.worker.stop()

    # -- translation -----------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("gatekeeper console — sign in"))
        self.title_label.setText(self.tr("Officer console"))
        self.subtitle_label.setText(self.tr("Sign in with an officer or admin account."))
        self.user_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.sign_in_button.setText(self.tr("Sign in"))
        if self._error is not None:
            self.error_label.setText(self._error())
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
