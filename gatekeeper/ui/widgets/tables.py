"""The look and behaviour the console's table views share: whole rows selected, nothing edited
in place, alternating rows, no row numbers; white with the console's selection colour (the
same as the console window gives its table widgets), headers a little tighter so that the
entry log's columns fit a 1280-pixel screen."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

TABLE_STYLE = """
QTableView {
    background: #ffffff;
    alternate-background-color: #f6f8fa;
    border: 1px solid #dfe6ec;
    border-radius: 6px;
    selection-background-color: #cfe7e4;
    selection-color: #14212b;
}
QTableView QHeaderView::section {
    padding: 6px 4px;
}
"""


def style_table(view: QTableView, *, multiple: bool = False) -> QTableView:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection if multiple
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.setStyleSheet(TABLE_STYLE)
    return view
