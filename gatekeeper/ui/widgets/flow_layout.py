"""A layout that wraps its items onto more rows when a row runs out of width.

A row of buttons or a grid of check boxes sized for English may not fit when their texts are
longer in another language; in a box or grid layout they would then make the whole window
wider than the screen. Here the items stay on one row (or in ``max_columns`` columns) while
there is room and wrap onto the next row when there is not, like words in a paragraph; the
layout tells its parent the height it needs for a width (height-for-width), so the rows below
move down. Based on Qt's Flow Layout example.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping onto new rows.

    With ``max_columns`` the items sit in columns of equal width (the widest item's), as in a
    grid of at most that many columns, and fewer when the width does not allow them."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 12,
        vertical_spacing: int | None = None,
        max_columns: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h_spacing = spacing
        self._v_spacing = spacing if vertical_spacing is None else vertical_spacing
        self._max_columns = max_columns
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ---------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # type: ignore[override]
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def minimumSize(self) -> QSize:
        """The widest item: at that width every item has a row of its own."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def sizeHint(self) -> QSize:
        """Everything on one row (or in ``max_columns`` columns)."""
        items = self._visible()
        margins = self.contentsMargins()
        extra = margins.left() + margins.right()
        if not items:
            return QSize(extra, margins.top() + margins.bottom())
        if self._max_columns is not None:
            widths = self._column_widths(items, min(len(items), self._max_columns))
        else:
            widths = [item.sizeHint().width() for item in items]
        width = sum(widths) + (len(widths) - 1) * self._h_spacing + extra
        return QSize(width, self.heightForWidth(width))

    # -- arranging ---------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _column_widths(items: list[QLayoutItem], columns: int) -> list[int]:
        """The width of each of ``columns`` columns: its widest item, as in a grid."""
        widths = [0] * columns
        for index, item in enumerate(items):
            column = index % columns
            widths[column] = max(widths[column], item.sizeHint().width())
        return widths

    def _columns(self, items: list[QLayoutItem], width: int) -> list[int]:
        """The widths of the most columns, up to ``max_columns``, that fit ``width``."""
        assert self._max_columns is not None
        for columns in range(min(len(items), self._max_columns), 1, -1):
            widths = self._column_widths(items, columns)
            if sum(widths) + (columns - 1) * self._h_spacing <= width:
                return widths
        return [width]

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in ``rect`` (or only measure); the height they take."""
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        items = self._visible()
        if not items:
            return margins.top() + margins.bottom()
        if self._max_columns is not None:
            widths = self._columns(items, area.width())
            y = area.y()
            for start in range(0, len(items), len(widths)):
                row = items[start:start + len(widths)]
                x, row_height = area.x(), 0
                for item, column_width in zip(row, widths, strict=False):
                    height = item.sizeHint().height()
                    if apply:
                        item.setGeometry(QRect(x, y, column_width, height))
                    x += column_width + self._h_spacing
                    row_height = max(row_height, height)
                y += row_height + self._v_spacing
            return y - self._v_spacing - rect.y() + margins.bottom()
        x, y, row_height = area.x(), area.y(), 0
        for item in items:
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.x() + area.width():
                x = area.x()
                y += row_height + self._v_spacing
                row_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._h_spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()
