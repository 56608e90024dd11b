"""User errors are shown as they are; bugs are logged with their traceback and a crash dialog."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gatekeeper.errors import UserError
from gatekeeper.ui.errors import ErrorReporter, crash_box, user_error_box


class Dialogs:
    """Stands in for the modal dialogs and records what they would have shown."""

    def __init__(self, quit_on_crash: bool = False) -> None:
        self.warnings: list[str] = []
        self.crashes: list[tuple[str, Path | None]] = []
        self.threads: list[threading.Thread] = []
        self.quit_on_crash = quit_on_crash

    def warn(self, parent: QWidget | None, message: str) -> None:
        self.warnings.append(message)

    def crash(self, parent: QWidget | None, details: str, report: Path | None) -> bool:
        self.crashes.append((details, report))
        self.threads.append(threading.current_thread())
        return self.quit_on_crash


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


@pytest.fixture
def reporter(qapp, dialogs: Dialogs, tmp_path: Path) -> ErrorReporter:
    return ErrorReporter(
        tmp_path / "logs",
        parent_window=lambda: None,
        warn=dialogs.warn,
        crash=dialogs.crash,
    )


def raised(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:  # an exc_info triple, as the interpreter makes it
        return type(caught), caught, caught.__traceback__


def test_user_error_is_a_plain_warning(
    reporter: ErrorReporter, dialogs: Dialogs, caplog: pytest.LogCaptureFixture
) -> None:
    reporter.excepthook(*raised(UserError("The disk is full.")))
    assert dialogs.warnings == ["The disk is full."]
    assert dialogs.crashes == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_bug_is_logged_with_its_traceback_and_shown(
    reporter: ErrorReporter, dialogs: Dialogs, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    reporter.excepthook(*raised(ZeroDivisionError("张伟 38.4 °C")))
    assert dialogs.warnings == []
    [(details, report)] = dialogs.crashes
    assert "Traceback" in details
    assert "ZeroDivisionError: 张伟 38.4 °C" in details  # on screen, in full
    # The report to send on: the crash, without the message that named the person.
    assert report is not None and report.parent == tmp_path / "logs" / "crash-reports"
    text = report.read_text("utf-8")
    assert "builtins.ZeroDivisionError" in text and "qt: " in text
    assert "张伟" not in text and "38.4" not in text
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.exc_info is not None
    assert record.exc_info[0] is ZeroDivisionError


def test_install_and_uninstall_restore_the_hooks(reporter: ErrorReporter) -> None:
    before = (sys.excepthook, threading.excepthook)
    reporter.install()
    try:
        assert sys.excepthook == reporter.excepthook
        assert threading.excepthook == reporter.thread_excepthook
    finally:
        reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_a_bug_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot: QtBot, reporter: ErrorReporter, dialogs: Dialogs, caplog: pytest.LogCaptureFixture
) -> None:
    def work() -> None:
        raise ValueError("bad frame")

    reporter.install()
    try:
        worker = threading.Thread(target=work, name="camera")
        worker.start()
        worker.join(5)
        qtbot.waitUntil(lambda: bool(dialogs.crashes), timeout=3000)
    finally:
        reporter.uninstall()
    assert "ValueError: bad frame" in dialogs.crashes[0][0]
    assert dialogs.threads == [threading.main_thread()]
    assert any("thread camera" in r.getMessage() for r in caplog.records)


def test_crash_dialog_offers_details_and_a_choice(qapp, tmp_path: Path) -> None:
    report = tmp_path / "crash-reports" / "crash-1.txt"
    box = crash_box(None, "Traceback ...\nKeyError: 'x'", report)
    try:
        assert box.icon() == QMessageBox.Icon.Critical
        assert str(report) in box.informativeText()
        assert "no health data" in box.informativeText()
        assert box.detailedText() == "Traceback ...\nKeyError: 'x'"
        roles = sorted(box.buttonRole(b).name for b in box.buttons() if b.text())
        assert "AcceptRole" in roles
        assert "DestructiveRole" in roles
        default = box.defaultButton()
        assert default is not None and box.buttonRole(default) == QMessageBox.ButtonRole.AcceptRole
    finally:
        box.deleteLater()


def test_user_error_box_shows_the_message_only(qapp) -> None:
    box = user_error_box(None, "Unknown time zone 'Mars/Base'.")
    try:
        assert box.icon() == QMessageBox.Icon.Warning
        assert box.text() == "Unknown time zone 'Mars/Base'."
        assert box.detailedText() == ""
    finally:
        box.deleteLater()
