"""The kiosk's sync strip: a thin line along the bottom of every screen saying how many
records wait to go upstream, when the last delivery succeeded, and the last error.

The destination (sync/channel.py) runs its watch loop in its own thread; the strip only
polls the status that loop leaves behind after each round (``Round.snapshot``), which reads
nothing, so neither the network nor the database is ever touched on the GUI thread."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from gatekeeper.sync.upstream import SyncStatus

log = logging.getLogger(__name__)

# How often the strip looks at the status (ms).
POLL_MS = 2000
# How long closing the kiosk waits for a sync round in progress (s); the thread is a
# daemon, so a hung connection never keeps the application from quitting.
JOIN_SECONDS = 3.0


class SyncChannel(Protocol):
    def start_thread(self, stop: threading.Event) -> threading.Thread: ...
    def snapshot(self) -> SyncStatus | None: ...
    def nudge(self) -> None: ...
    def close(self) -> None: ...


class SyncStrip(QLabel):
    """Runs ``channel`` beside the kiosk and shows its status."""

    def __init__(self, channel: SyncChannel, zone: ZoneInfo, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.channel = channel
        self.zone = zone
        self.setObjectName("KSyncStrip")
        self.setProperty("state", "waiting")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._status: SyncStatus | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        self.retranslate_ui()

    def start(self) -> None:
        if self._thread is None:
            self._thread = self.channel.start_thread(self._stop)
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(JOIN_SECONDS)
            if self._thread.is_alive():
                log.warning("The sync round in progress did not finish; leaving it behind")
            self._thread = None
        try:
            self.channel.close()
        except Exception:  # closing must go on whatever the connection does
            log.exception("Closing the sync destination failed")

    def nudge(self) -> None:
        """A record was just written: the sync thread starts its next round now."""
        self.channel.nudge()

    def refresh(self) -> None:
        status = self.channel.snapshot()
        if status != self._status:
            self._status = status
            self.retranslate_ui()

    def _time(self, moment: datetime | None) -> str:
        return "—" if moment is None else moment.astimezone(self.zone).strftime("%H:%M")

    def retranslate_ui(self) -> None:
        status = self._status
        if status is None:
            state, text = "waiting", self.tr("Sync: starting…")
        elif status.last_error:
            state = "error"
            text = self.tr(
                "Sync: {pending} records waiting · last sent {last} · error: {error} · "
                "retrying at {retry}"
            ).format(pending=status.pending_records, last=self._time(status.last_success),
                     error=status.last_error[:80], retry=self._time(status.retry_at))
        elif status.pending_records:
            state = "waiting"
            text = self.tr("Sync: {pending} records waiting · last sent {last}").format(
                pending=status.pending_records, last=self._time(status.last_success))
        else:
            state = "ok"
            text = self.tr("Sync: everything sent · {last}").format(
                last=self._time(status.last_success))
        if status is not None and status.rejected_files:
            text += " · " + self.tr("{n} files refused").format(n=status.rejected_files)
        self.setText(text)
        self.setToolTip(status.last_error or "" if status is not None else "")
        if self.property("state") != state:
            self.setProperty("state", state)
            self.style().unpolish(self)
            self.style().polish(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
