"""The kiosk's single writer: every service call runs, one at a time and in order, on one
worker thread, and its outcome comes back to the GUI thread through a signal.

The GUI thread never waits for the database (or for Argon2 checking a PIN), and no two
screenings race for the same sequence number. A callback runs only after the service call
returned, so whatever it shows is already committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Reply:
    """What a job gave (its result or its exception), sent back as one object."""

    __slots__ = ("error", "result", "ticket")

    def __init__(self, ticket: int, result: Any, error: BaseException | None) -> None:
        self.ticket = ticket
        self.result = result
        self.error = error


class _Job:
    __slots__ = ("run", "ticket")

    def __init__(self, ticket: int, run: Callable[[], Any]) -> None:
        self.ticket = ticket
        self.run = run


class _Executor(QObject):
    """Lives on the worker thread; runs what it is sent."""

    finished = Signal(object)  # _Reply

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.run()
        except Exception as exc:  # handed back to the GUI thread, which decides
            self.finished.emit(_Reply(job.ticket, None, exc))
        else:
            self.finished.emit(_Reply(job.ticket, result, None))


class ServiceWorker(QObject):
    """``submit(job, on_done, on_error)``: ``job()`` runs on the worker thread; ``on_done``
    or ``on_error`` later on the GUI thread. ``stop()`` lets the jobs already submitted
    finish, then ends the thread."""

    _submit = Signal(object)  # _Job
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, name: str = "gatekeeper-writer") -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._executor = _Executor()
        self._executor.moveToThread(self._thread)
        self._thread.finished.connect(self._executor.deleteLater)
        self._submit.connect(self._executor.run, Qt.ConnectionType.QueuedConnection)
        self._executor.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, tuple[Done, Failed | None]] = {}
        self._next = 1
        self._stopped = False
        self._thread.start()

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def submit(self, job: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> int:
        if self._stopped:
            raise RuntimeError("the worker is stopped")
        ticket = self._next
        self._next += 1
        was_idle = not self._callbacks
        self._callbacks[ticket] = (on_done, on_error)
        self._submit.emit(_Job(ticket, job))
        if was_idle:
            self.busy_changed.emit(True)
        return ticket

    @Slot(object)
    def _finished(self, reply: _Reply) -> None:
        result, error = reply.result, reply.error
        callbacks = self._callbacks.pop(reply.ticket, None)
        if callbacks is None:
            return
        if not self._callbacks:
            self.busy_changed.emit(False)
        on_done, on_error = callbacks
        if error is None:
            on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            log.error("Unhandled error in a kiosk job", exc_info=error)

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Finish the submitted jobs, end the thread and wait for it; True when it ended.
        Callbacks of jobs that finish from now on are dropped."""
        if self._stopped:
            return not self._thread.isRunning()
        self._stopped = True
        self._callbacks.clear()
        thread = self._thread
        # Queued behind every job already submitted: they all run before the thread ends.
        self._submit.emit(_Job(0, thread.quit))
        ended = thread.wait(timeout_ms)
        if not ended:
            log.error("The kiosk's database worker did not stop within %d ms", timeout_ms)
        return bool(ended)
