"""A part of a screen that scrolls up and down when, and only when, it does not fit.

For a form that fits in English and Chinese but might not in a longer language (or with its
error messages shown): rather than the layout squeezing labels until their last line is cut
off, the part gets a scroll bar. It never scrolls sideways: a layout gives it at least the
width its content needs, as it would the content itself.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

# The least height it asks for: a few lines, so that a layout can squeeze it to that.
MIN_HEIGHT = 120


class VerticalScrollArea(QScrollArea):
    """Holds ``content`` at the top, its full width, scrolling vertically when needed. With
    ``fill``, content lower than the room is stretched to fill it (for a page with a
    background of its own and buttons at its bottom)."""

    def __init__(
        self, content: QWidget, parent: QWidget | None = None, *, fill: bool = False
    ) -> None:
        super().__init__(parent)
        self.content = content
        holder = QWidget()
        holder.setObjectName("VerticalScrollContent")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content, 1 if fill else 0)
        if not fill:
            layout.addStretch(1)
        self.setWidget(holder)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setAutoFillBackground(False)
        holder.setAutoFillBackground(False)

    def _bar_width(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        content = self.content.minimumSizeHint()
        return QSize(content.width() + self._bar_width(), min(content.height(), MIN_HEIGHT))

    def sizeHint(self) -> QSize:
        content = self.content.sizeHint()
        return QSize(content.width() + self._bar_width(), content.height())
