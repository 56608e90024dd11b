"""A message inside a page or dialog: what just happened, or why something was refused.

A console page shows its outcomes here rather than in a modal box: the officer keeps working,
the message stays until the next one or until closed, and it is read in place. Kinds:
``info`` (neutral), ``success`` (green), ``error`` (red); the kind is also said by an icon
shape, never by colour alone.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from gatekeeper.errors import UserError

log = logging.getLogger(__name__)

INFO = "info"
SUCCESS = "success"
ERROR = "error"

# background, border, text/icon colour
COLOURS = {
    INFO: ("#eaf2f8", "#b7cfe0", "#1d4f73"),
    SUCCESS: ("#e6f4ea", "#a8d5b5", "#1b6b36"),
    ERROR: ("#fdeceb", "#f4b9b5", "#a8201a"),
}


class _Mark(QWidget):
    """A small round mark: a tick (success), an exclamation mark (error), an "i" (info)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = INFO
        self.setFixedSize(QSize(20, 20))

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = QColor(COLOURS[self.kind][2])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(1, 1, 18, 18))
        pen = QPen(QColor("#ffffff"), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self.kind == SUCCESS:
            painter.drawPolyline([QPointF(5.5, 10.5), QPointF(8.8, 13.6), QPointF(14.5, 7)])
        elif self.kind == ERROR:
            painter.drawLine(QPointF(10, 5.5), QPointF(10, 11.5))
            painter.drawPoint(QPointF(10, 14.8))
        else:
            painter.drawPoint(QPointF(10, 5.8))
            painter.drawLine(QPointF(10, 9), QPointF(10, 14.5))
        painter.end()


class MessageBar(QFrame):
    """Hidden until :meth:`show_message`; the close button hides it again."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._kind = INFO
        self.mark = _Mark(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._apply_colours()
        self.hide()
        self.retranslate_ui()

    @property
    def kind(self) -> str:
        return self._kind

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_message(self, text: str, kind: str = INFO) -> None:
        if kind not in COLOURS:
            raise ValueError(f"unknown message kind {kind!r}")
        self._kind = kind
        self.mark.kind = kind
        self.label.setText(text)
        self._apply_colours()
        self.mark.update()
        self.show()

    def show_error(self, error: BaseException | str) -> None:
        """A UserError (or a text) as it is; anything else is a bug: logged with its
        traceback, and named briefly."""
        self.show_message(error_text(error), ERROR)

    def dismiss(self) -> None:
        self.hide()
        self.closed.emit()

    def _apply_colours(self) -> None:
        background, border, ink = COLOURS[self._kind]
        self.setStyleSheet(
            f"QFrame#MessageBar {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f" QFrame#MessageBar QLabel {{ color: {ink}; background: transparent; }}"
            f" QFrame#MessageBar QToolButton {{ color: {ink}; font-size: 14pt; border: none;"
            f" padding: 0 4px; }}"
        )

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.setAccessibleName(self.tr("Close this message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def error_text(error: BaseException | str) -> str:
    """What a person is told about a failed job: a UserError's own message, or for a bug a
    short sentence (the traceback goes to the log)."""
    if isinstance(error, str):
        return error
    if isinstance(error, UserError):
        return str(error)
    log.error("A console job failed", exc_info=error)
    return QCoreApplication.translate(
        "MessageBar", "This did not work because of an unexpected problem ({error}). The "
        "details are in the log."
    ).format(error=type(error).__name__)
