"""A read-only table of rows of text, each row with a key (the id of what it shows), that
keeps the selected row selected when its rows are replaced (a periodic refresh)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

# Text colours of cells that need attention.
TONES = {
    "alarm": "#a8201a",
    "warn": "#8a5a00",
    "ok": "#1b6b35",
    "muted": "#6b7a86",
}


@dataclass(frozen=True)
class Cell:
    text: str
    # A key of :data:`TONES`, or None for the normal ink.
    tone: str | None = None
    tooltip: str = ""
    bold: bool = False
    align_right: bool = False


CellLike = str | Cell

# The widest a column grows to fit its contents (longer texts are elided, and in the tooltip).
MAX_COLUMN = 320


class DataTable(QTableWidget):
    # The key of the selected row (None: no row selected).
    selection_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, stretch_column: int = -1) -> None:
        """``stretch_column`` takes the width the others leave (-1: the last one)."""
        super().__init__(parent)
        self._keys: list[Hashable] = []
        self._stretch_column = stretch_column
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.itemSelectionChanged.connect(
            lambda: self.selection_changed.emit(self.selected_key())
        )

    def set_headers(self, labels: Sequence[str]) -> None:
        self.setColumnCount(len(labels))
        self.setHorizontalHeaderLabels(list(labels))
        self._fit_columns()

    def set_rows(self, rows: Sequence[Sequence[CellLike]], keys: Sequence[Hashable]) -> None:
        """Replace the rows; the row with the key selected before stays selected."""
        if len(rows) != len(keys):
            raise ValueError("one key per row")
        selected = self.selected_key()
        blocked = self.blockSignals(True)
        try:
            self.clearSelection()
            self.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    self.setItem(r, c, self._item(value))
            self._keys = list(keys)
            if selected is not None and selected in self._keys:
                self.selectRow(self._keys.index(selected))
        finally:
            self.blockSignals(blocked)
        self._fit_columns()
        self.selection_changed.emit(self.selected_key())

    def _item(self, value: CellLike) -> QTableWidgetItem:
        cell = value if isinstance(value, Cell) else Cell(value)
        item = QTableWidgetItem(cell.text)
        if cell.tone is not None:
            item.setForeground(QBrush(QColor(TONES[cell.tone])))
        if cell.bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        item.setToolTip(cell.tooltip or cell.text)
        align = Qt.AlignmentFlag.AlignRight if cell.align_right else Qt.AlignmentFlag.AlignLeft
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fit_columns(self) -> None:
        """Columns as wide as their contents (at most :data:`MAX_COLUMN`), the stretch column
        taking what is left."""
        header = self.horizontalHeader()
        for column in range(self.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            if self.columnWidth(column) > MAX_COLUMN:
                self.setColumnWidth(column, MAX_COLUMN)
        stretch = self._stretch_column if self._stretch_column >= 0 else self.columnCount() - 1
        if 0 <= stretch < self.columnCount():
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    @property
    def keys(self) -> list[Hashable]:
        return list(self._keys)

    def selected_key(self) -> Hashable | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        row = rows[0].row()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def select_key(self, key: Hashable) -> bool:
        if key in self._keys:
            self.selectRow(self._keys.index(key))
            return True
        return False

    def column_texts(self, column: int) -> list[str]:
        """The texts of one column, top to bottom."""
        texts = []
        for row in range(self.rowCount()):
            item = self.item(row, column)
            texts.append(item.text() if item is not None else "")
        return texts

    def row_texts(self, row: int) -> list[str]:
        texts = []
        for column in range(self.columnCount()):
            item = self.item(row, column)
            texts.append(item.text() if item is not None else "")
        return texts
