"""What a person sees when something goes wrong.

A UserError (bad input, a damaged database, a full disk) is shown as a plain warning with its
message. Anything else is a bug: its traceback is logged, a crash report with no personal or
health data is written (gatekeeper/crash_report.py), and a crash dialog says where it is,
with the traceback under "Show Details". Exceptions raised in worker threads are logged
where they happen and shown on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, Signal, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gatekeeper.crash_report import write_report
from gatekeeper.errors import UserError

log = logging.getLogger(__name__)

EXIT_BUG = 70  # EX_SOFTWARE
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def user_error_box(parent: QWidget | None, message: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ErrorReporter", "gatekeeper"))
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def crash_box(parent: QWidget | None, details: str, report_file: Path | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorReporter", "gatekeeper"))
    box.setText(
        QCoreApplication.translate(
            "ErrorReporter", "gatekeeper ran into a problem it did not expect."
        )
    )
    if report_file is not None:
        more = QCoreApplication.translate(
            "ErrorReporter",
            "A report was written to {report}. It holds no names and no health data: please "
            "send it to whoever looks after this gate. You can go on working or quit.",
        ).format(report=report_file)
    else:
        more = QCoreApplication.translate(
            "ErrorReporter",
            "Please tell whoever looks after this gate. You can go on working or quit.",
        )
    box.setInformativeText(more)
    box.setDetailedText(details)
    box.addButton(
        QCoreApplication.translate("ErrorReporter", "Quit"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    go_on = box.addButton(
        QCoreApplication.translate("ErrorReporter", "Continue"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.setDefaultButton(go_on)
    return box


def show_user_error(parent: QWidget | None, message: str) -> None:
    user_error_box(parent, message).exec()


def show_crash(parent: QWidget | None, details: str, report_file: Path | None) -> bool:
    """Shows the crash dialog; True when the person chose to quit."""
    box = crash_box(parent, details, report_file)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole


class ErrorReporter(QObject):
    """The application's sys.excepthook and threading.excepthook, while installed."""

    _from_worker = Signal(object)

    def __init__(
        self,
        logs_dir: Path | None = None,
        *,
        parent_window: Callable[[], QWidget | None] = QApplication.activeWindow,
        warn: Callable[[QWidget | None, str], None] = show_user_error,
        crash: Callable[[QWidget | None, str, Path | None], bool] = show_crash,
    ) -> None:
        super().__init__()
        #: Where crash reports go (gatekeeper/crash_report.py); None: none are written.
        self.logs_dir = logs_dir
        self._parent_window = parent_window
        self._warn = warn
        self._crash = crash
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._installed = False
        self._from_worker.connect(self._show_from_worker)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self._installed = True

    def uninstall(self) -> None:
        if self._installed:
            sys.excepthook = self._previous_hook
            threading.excepthook = self._previous_thread_hook
            self._installed = False

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, UserError):
            log.warning("%s", exc)
        else:
            log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        self._show((exc_type, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        if isinstance(args.exc_value, UserError):
            log.warning("In thread %s: %s", name, args.exc_value)
        else:
            log.error(
                "Unexpected error in thread %s",
                name,
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )
        # Queued to the GUI thread, where widgets may be touched.
        self._from_worker.emit((args.exc_type, args.exc_value, args.exc_traceback))

    def _show_from_worker(self, info: ExcInfo) -> None:
        self._show(info)

    def _show(self, info: ExcInfo) -> None:
        if self._showing:  # a second error while a dialog is open is only logged
            return
        exc_type, exc, tb = info
        self._showing = True
        try:
            parent = self._parent_window()
            if isinstance(exc, UserError):
                self._warn(parent, str(exc))
                return
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            report = None
            if self.logs_dir is not None:
                report = write_report(
                    self.logs_dir, exc_type, exc, tb,
                    environment={"qt": qVersion(), "pyside6": PySide6.__version__},
                )
            if self._crash(parent, details, report):
                QApplication.exit(EXIT_BUG)
        finally:
            self._showing = False
