"""A modal dialog that saves through the service worker: Save and Cancel buttons, a busy state
while the save runs (the dialog cannot be cancelled then: the answer comes back here), the
service's error shown in the dialog's message bar, and accept() once the save succeeded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from gatekeeper.ui.kiosk.worker import ServiceWorker
from gatekeeper.ui.widgets.jobs import submit
from gatekeeper.ui.widgets.message_bar import MessageBar


class SaveDialog(QDialog):
    """Subclasses set ``self.message`` (a MessageBar), call :meth:`make_buttons`, implement
    ``save()`` and call :meth:`run_save` from it."""

    message: MessageBar

    def __init__(self, worker: ServiceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self._busy = False

    def make_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("Primary")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        return self.buttons

    def save(self) -> None:
        raise NotImplementedError

    def run_save(self, job: Callable[[], Any], saved: Callable[[Any], None]) -> None:
        """Run ``job`` in the worker; on success hand its result to ``saved`` and close."""
        if self._busy:
            return

        def done(result: Any) -> None:
            self._set_busy(False)
            saved(result)
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            self.message.show_error(error)

        self._set_busy(True)
        if not submit(self.worker, job, done, failed, owner=self):
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if not self._busy:  # a save under way finishes first: its answer comes back here
            super().reject()
