"""Handing a job to the service worker from a page or dialog, either of which may go first.

The console window stops its worker when it closes; a page's search timer or a dialog still
open may try to submit afterwards: :func:`submit` then does nothing and says so, instead of
raising in a slot. And a dialog closed (deleted) while its job runs is not called back: its
answer is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from gatekeeper.ui.kiosk.worker import ServiceWorker

log = logging.getLogger(__name__)


def submit(
    worker: ServiceWorker,
    job: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> bool:
    """``worker.submit(job, done, failed)``; False (and nothing runs) once the worker has
    stopped. With an ``owner``, the callbacks run only while it still exists."""
    if not worker.running:
        log.info("A job was dropped: the service worker has stopped")
        return False
    if owner is not None:
        done, failed = _while_alive(owner, done), (
            _while_alive(owner, failed) if failed is not None else None)
    try:
        worker.submit(job, done, failed)
    except RuntimeError:  # stopped between the check and the submit
        return False
    return True


def _while_alive(owner: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
        elif isinstance(value, BaseException):
            log.warning("A job failed after its window closed: %s", value)

    return call
