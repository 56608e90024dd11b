"""The entry log as a lazy Qt table model, over :class:`~gatekeeper.services.review.
ReviewService`.

``rowCount`` is the exact count of the filtered log; rows are read in blocks of :data:`BLOCK`
when the view shows them, and at most :data:`MAX_BLOCKS` blocks are kept (least recently shown
first out), so a log of a million events costs the memory of a few thousand rows.

The count and the first block are read on the GUI thread when the filter or the order changes
(bounded: tens of milliseconds on a million events, see benchmarks/review.py), so the view is
never empty after a change. Other blocks are read on a reader thread, newest request first
(while the scroll bar is dragged, only where it stops matters); their cells are empty until
``dataChanged`` brings them. With ``background=False`` every block is read on the GUI thread
(a few milliseconds each; tests and benchmarks use it).

Call :meth:`LogTableModel.close` when the window closes: it stops the reader thread.

(Comments here are plain ``#``: lupdate would take ``#:`` for notes to the translators.)
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.domain.screening import Reason
from gatekeeper.errors import UserError
from gatekeeper.services.review import (
    LogFilter,
    LogQuery,
    LogRow,
    LogSort,
    ReviewService,
    SortColumn,
)

log = logging.getLogger(__name__)

# Rows read at once, and blocks kept.
BLOCK = 200
MAX_BLOCKS = 64
# Block requests waiting for the reader beyond this are dropped, oldest first.
MAX_PENDING = 8

# The role that gives the whole :class:`LogRow` of a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TIME = 0
    GATE = 1
    STAFF_NO = 2
    NAME = 3
    DEPARTMENT = 4
    DIRECTION = 5
    DECISION = 6
    TEMPERATURE = 7
    REASON = 8
    METHOD = 9
    AMENDED = 10


# The order each column sorts by; columns missing here do not sort.
SORTS: dict[Column, SortColumn] = {
    Column.TIME: SortColumn.TIME,
    Column.GATE: SortColumn.GATE,
    Column.STAFF_NO: SortColumn.STAFF_NO,
    Column.NAME: SortColumn.NAME,
    Column.DEPARTMENT: SortColumn.DEPARTMENT,
    Column.DIRECTION: SortColumn.DIRECTION,
    Column.DECISION: SortColumn.DECISION,
    Column.TEMPERATURE: SortColumn.TEMPERATURE,
}

# The cell of a field an amendment changed.
AMENDED_COLUMNS = {
    "direction": Column.DIRECTION,
    "decision": Column.DECISION,
    "temperature_c": Column.TEMPERATURE,
    "person_id": Column.NAME,
}

# Decision colours: a tint behind the row's decision cell, and a darker mark for its icon.
# The decision's word is always in the cell: colour is never the only sign.
DECISION_COLOURS = {
    Decision.PASS: ("#e3f4e6", "#1b7f3b"),
    Decision.RECHECK: ("#fff1d6", "#a35f00"),
    Decision.DENY: ("#fde2e1", "#b3261e"),
}


class _Reader:
    """The reader thread: reads the block most recently asked for, one at a time."""

    def __init__(self, model: LogTableModel) -> None:
        self._model = model
        self._lock = threading.Condition()
        self._wanted: OrderedDict[tuple[int, int], LogQuery] = OrderedDict()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="gatekeeper-log-reader",
                                        daemon=True)
        self._thread.start()

    def want(self, generation: int, block: int, query: LogQuery) -> None:
        with self._lock:
            self._wanted[(generation, block)] = query
            self._wanted.move_to_end((generation, block))
            while len(self._wanted) > MAX_PENDING:
                self._wanted.popitem(last=False)
            self._lock.notify()

    def forget(self) -> None:
        with self._lock:
            self._wanted.clear()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._wanted and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                (generation, block), query = self._wanted.popitem(last=True)
            try:
                rows: object = query.rows_at(block * BLOCK, BLOCK)
            except Exception as exc:  # handed to the GUI thread, which reports it
                rows = exc
            try:
                self._model._delivered.emit(generation, block, rows)
            except RuntimeError:  # the model is gone
                return

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._wanted.clear()
            self._lock.notify()
        self._thread.join(timeout=10)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


class LogTableModel(QAbstractTableModel):
    """The entry log: one row per screening event, effective values (amendments applied)."""

    # The number of matching events, after each change of filter, order or refresh.
    countChanged = Signal(int)
    # A sort that could not be applied (the message says why); the order stays as it was.
    sortRefused = Signal(str)
    # Reading rows failed (the database went away...): a message for the person.
    loadFailed = Signal(str)
    _delivered = Signal(int, int, object)

    def __init__(
        self,
        review: ReviewService,
        where: LogFilter | None = None,
        sort: LogSort | None = None,
        *,
        background: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.review = review
        self._where = where or LogFilter()
        self._sort = sort or LogSort()
        self._background = background
        self._reader: _Reader | None = None
        self._blocks: OrderedDict[int, list[LogRow]] = OrderedDict()
        self._generation = 0
        self._icons: dict[Decision, QIcon] = {}
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)
        self._query = self.review.query(self._where, self._sort)
        self._start_generation(self._first_block(self._query))

    # -- the query ---------------------------------------------------------------------------

    @property
    def where(self) -> LogFilter:
        return self._where

    @property
    def order(self) -> LogSort:
        return self._sort

    @property
    def count(self) -> int:
        return self._query.count

    def set_filter(self, where: LogFilter) -> None:
        """Show the events ``where`` selects (newest data: the log is read again)."""
        self._reset(where, self._sort)

    def set_order(self, order: LogSort) -> None:
        """Sort the log (SortTooBroad, a UserError, when it cannot: nothing changes)."""
        self._reset(self._where, order)

    def set_query(self, where: LogFilter, order: LogSort) -> None:
        """A filter and an order at once: the log is read once."""
        self._reset(where, order)

    def refresh(self) -> None:
        """Read the log again: events recorded since the last change show."""
        self._reset(self._where, self._sort)

    def _reset(self, where: LogFilter, order: LogSort) -> None:
        # Read before the reset: when reading fails (SortTooBroad, a database error), the
        # model still shows what it showed.
        query = self.review.query(where, order)
        first = self._first_block(query)
        self.beginResetModel()
        self._where, self._sort, self._query = where, order, query
        self._start_generation(first)
        self.endResetModel()
        self.countChanged.emit(self._query.count)

    @staticmethod
    def _first_block(query: LogQuery) -> list[LogRow]:
        """The first rows, read at once: a changed view is never empty for a moment."""
        return query.rows_at(0, BLOCK) if query.count else []

    def _start_generation(self, first: list[LogRow]) -> None:
        self._generation += 1
        self._blocks.clear()
        if self._reader is not None:
            self._reader.forget()
        if first:
            self._blocks[0] = first

    def close(self) -> None:
        """Stop the reader thread (the model still answers, reading on the GUI thread)."""
        self._background = False
        if self._reader is not None:
            self._reader.stop()
            self._reader = None

    @property
    def reader_running(self) -> bool:
        return self._reader is not None and self._reader.running

    # -- rows --------------------------------------------------------------------------------

    def row_at(self, row: int) -> LogRow | None:
        """The event shown in ``row``; None while its block is being read."""
        if not 0 <= row < self._query.count:
            return None
        block, at = divmod(row, BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            rows = self._fetch(block)
            if rows is None:
                return None
        else:
            self._blocks.move_to_end(block)
        return rows[at] if at < len(rows) else None

    def _fetch(self, block: int) -> list[LogRow] | None:
        if self._background:
            if self._reader is None:
                self._reader = _Reader(self)
            self._reader.want(self._generation, block, self._query)
            return None
        try:
            rows = self._query.rows_at(block * BLOCK, BLOCK)
        except Exception as exc:
            self._failed(exc)
            rows = []
        self._keep(block, rows)
        return rows

    def _keep(self, block: int, rows: list[LogRow]) -> None:
        self._blocks[block] = rows
        self._blocks.move_to_end(block)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)

    @Slot(int, int, object)
    def _on_delivered(self, generation: int, block: int, rows: object) -> None:
        if generation != self._generation:
            return  # read for a filter or an order no longer shown
        if isinstance(rows, BaseException):
            self._failed(rows)
            return
        assert isinstance(rows, list)
        self._keep(block, rows)
        first = block * BLOCK
        last = min(first + BLOCK, self._query.count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0),
                                  self.index(last, len(Column) - 1))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.loadFailed.emit(str(exc))
        else:
            log.error("Reading the entry log failed", exc_info=exc)
            self.loadFailed.emit(self.tr("The entry log could not be read: %s") % exc)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._query.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(Column(section))
        if role == Qt.ItemDataRole.ToolTipRole and Column(section) not in SORTS:
            return self.tr("This column does not sort.")
        return None

    def _header(self, column: Column) -> str:
        return {
            Column.TIME: self.tr("Time"),
            Column.GATE: self.tr("Gate"),
            Column.STAFF_NO: self.tr("Staff no."),
            Column.NAME: self.tr("Name"),
            Column.DEPARTMENT: self.tr("Department"),
            Column.DIRECTION: self.tr("Direction"),
            Column.DECISION: self.tr("Decision"),
            Column.TEMPERATURE: self.tr("Temperature"),
            Column.REASON: self.tr("Reason"),
            Column.METHOD: self.tr("Identified by"),
            Column.AMENDED: self.tr("Amended"),
        }[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if not (0 <= index.column() < len(Column)) or not (0 <= index.row() < self.count):
            return None
        wanted = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                  Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
                  Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                  Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE)
        if role not in wanted:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column is Column.TEMPERATURE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole:
            if _first_changed(row, column):
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if column is not Column.DECISION:
            return None
        tint, mark = DECISION_COLOURS[row.decision]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(tint))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(mark))
        return self._icon(row.decision)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            by = SORTS[Column(column)]
        except (ValueError, KeyError):
            self.sortRefused.emit(self.tr("This column does not sort."))
            return
        wanted = LogSort(by, descending=order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:
            return
        try:
            self._reset(self._where, wanted)
        except UserError as exc:
            self.sortRefused.emit(str(exc))

    def sort_section(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the log is sorted by, for the header's sort indicator."""
        column = next(c for c, s in SORTS.items() if s is self._sort.column)
        order = (Qt.SortOrder.DescendingOrder if self._sort.descending
                 else Qt.SortOrder.AscendingOrder)
        return int(column), order

    # -- texts -------------------------------------------------------------------------------

    def _text(self, row: LogRow, column: Column) -> str:
        if column is Column.TIME:
            return row.local_text
        if column is Column.GATE:
            return row.gate
        if column is Column.STAFF_NO:
            return row.staff_no or ""
        if column is Column.NAME:
            return row.name if row.name is not None else self.tr("(not in the registry)")
        if column is Column.DEPARTMENT:
            return row.department or ""
        if column is Column.DIRECTION:
            return self.direction_text(row.direction)
        if column is Column.DECISION:
            return self.decision_text(row.decision)
        if column is Column.TEMPERATURE:
            if row.temperature_c is not None:
                return f"{row.temperature_c:.1f} °C"
            return self.tr("removed") if row.readings_purged else ""
        if column is Column.REASON:
            return self.reason_text(row.reason)
        if column is Column.METHOD:
            return self.method_text(row.method)
        return self.tr("Amended") if row.amended else ""

    def _tooltip(self, row: LogRow, column: Column) -> str | None:
        if column is Column.TIME:
            return self.tr("%s (time zone %s)") % (row.local_time.isoformat(), row.timezone)
        if row.amended and (column is Column.AMENDED or _first_changed(row, column)):
            names = ", ".join(self.field_text(f) for f in row.amended_fields)
            return self.tr("Corrected after the event: %s") % names
        if column is Column.TEMPERATURE and len(row.readings_c) > 1:
            return self.tr("Readings: %s") % ", ".join(f"{v:.1f} °C" for v in row.readings_c)
        return None

    def decision_text(self, decision: Decision) -> str:
        return {
            Decision.PASS: self.tr("Pass"),
            Decision.RECHECK: self.tr("Recheck"),
            Decision.DENY: self.tr("Denied"),
        }[decision]

    def direction_text(self, direction: Direction) -> str:
        return self.tr("In") if direction is Direction.IN else self.tr("Out")

    def method_text(self, method: str) -> str:
        return {
            "qr": self.tr("Badge"),
            "manual": self.tr("Looked up"),
            "hid": self.tr("Card reader"),
            "auto": self.tr("Automatic"),
        }.get(method, method)

    def field_text(self, name: str) -> str:
        return {
            "direction": self.tr("direction"),
            "decision": self.tr("decision"),
            "temperature_c": self.tr("temperature"),
            "person_id": self.tr("person"),
        }.get(name, name)

    def reason_text(self, code: str) -> str:
        try:
            reason = Reason(code)
        except ValueError:
            return code
        return {
            Reason.NORMAL: self.tr("Normal"),
            Reason.FEVER_FIRST: self.tr("Raised, second reading needed"),
            Reason.CLEARED_ON_RECHECK: self.tr("Normal on second reading"),
            Reason.FEVER_CONFIRMED: self.tr("Raised on second reading"),
            Reason.INACTIVE: self.tr("Not active"),
            Reason.DECLARATION_MISSING: self.tr("No health declaration"),
            Reason.DECLARATION_RISK: self.tr("Declaration reports a risk"),
            Reason.BAD_SIGNATURE: self.tr("Forged badge"),
            Reason.REVOKED: self.tr("Replaced badge"),
            Reason.EXPIRED: self.tr("Expired badge"),
            Reason.FOREIGN_KEY: self.tr("Badge of another site"),
            Reason.UNKNOWN_PERSON: self.tr("Badge of nobody here"),
            Reason.GARBLED: self.tr("Unreadable code"),
        }[reason]

    # -- icons -------------------------------------------------------------------------------

    def _icon(self, decision: Decision) -> QIcon:
        icon = self._icons.get(decision)
        if icon is None:
            icon = self._icons[decision] = _decision_icon(decision)
        return icon


def _first_changed(row: LogRow, column: Column) -> str:
    """The amended field shown in ``column`` (empty: none)."""
    for name in row.amended_fields:
        if AMENDED_COLUMNS.get(name) is column:
            return name
    return ""


def _decision_icon(decision: Decision, size: int = 16) -> QIcon:
    """A round mark in the decision's colour with a tick, an exclamation mark or a cross: a
    shape for each decision, beside its word."""
    colour = QColor(DECISION_COLOURS[decision][1])
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    pen = QPen(QColor("#ffffff"), size / 8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    s = size
    if decision is Decision.PASS:
        painter.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68),
                              QPointF(s * 0.72, s * 0.34)])
    elif decision is Decision.RECHECK:
        painter.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.58))
        painter.drawPoint(QPointF(s * 0.5, s * 0.74))
    else:
        painter.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        painter.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    painter.end()
    return QIcon(pixmap)
