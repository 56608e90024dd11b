"""The entry log's lazy table model (gatekeeper/ui/console/log_model.py): Qt's own model
tester finds nothing wrong through filter changes, sorts and refreshes; rows come in blocks,
in the order the review service gives; the reader thread delivers blocks and stops."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QIcon
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import review
from gatekeeper.services.amend import AmendService
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.review import LogFilter, LogSort, ReviewService, SortColumn
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.ui.console import log_model
from gatekeeper.ui.console.log_model import ROW_ROLE, Column, LogTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def logged(database: Database, paths: Paths, installation: Installation) -> Services:
    """A log of 150 events of 8 people in 2 departments; one event amended."""
    clock = Clock()
    services = build_services(database, paths, installation, clock)
    services.users.hasher = fast_hasher()
    services.settings.update(duplicate_window_s=0)
    people = [
        services.staff.add(staff_no=str(2001 + i), name=f"员工{i}",
                           department=("总装车间", "质检部")[i % 2]).id
        for i in range(8)
    ]
    rng = random.Random(3)
    s = services.screening
    for _ in range(150):
        clock.now += timedelta(seconds=rng.randint(30, 900))
        value = 37.8 if rng.random() < 0.1 else 36.5
        s.screen(s.identify_manual(rng.choice(people)),
                 TakenReading(parse_reading(f"{value}"), "sim"),
                 Direction.IN if rng.random() < 0.5 else Direction.OUT)
    officer = services.users.add(username="wang", role="officer", secret="officer-pass")
    first = ReviewService(database, installation).query(
        LogFilter(decision=Decision.PASS), LogSort(SortColumn.TIME, False)).rows_at(0, 1)[0]
    AmendService(database, installation, clock).amend(
        first.event_id, by=officer, reason="fever missed", decision=Decision.DENY)
    return services


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of 16 rows, at most 3 kept: a few hundred rows cross many blocks."""
    monkeypatch.setattr(log_model, "BLOCK", 16)
    monkeypatch.setattr(log_model, "MAX_BLOCKS", 3)


@pytest.fixture
def make_model(qtbot: QtBot, logged: Services) -> Iterator[type[LogTableModel]]:
    made: list[LogTableModel] = []

    class Made(LogTableModel):
        def __init__(self, *args: object, **kwargs: object) -> None:
            if not args:
                args = (ReviewService(logged.db, logged.installation),)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    yield Made
    for model in made:
        model.close()
        assert not model.reader_running


def shown(model: LogTableModel, column: Column) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def event_ids(model: LogTableModel) -> list[uuid.UUID]:
    return [model.data(model.index(r, 0), ROW_ROLE).event_id for r in range(model.rowCount())]


def test_the_model_tester_finds_no_problem(
    make_model: type[LogTableModel], small_blocks: None, logged: Services
) -> None:
    model = make_model(background=False)
    # Problems are reported as Qt warnings, and a Qt warning fails the test.
    tester = QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Warning
    )
    assert model.rowCount() == 150 and model.columnCount() == len(Column)
    for row in range(0, model.rowCount(), 7):
        for column in Column:
            for role in (DISPLAY, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
                         Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole):
                model.data(model.index(row, column), role)
    model.set_filter(LogFilter(decision=Decision.DENY))
    model.sort(int(Column.NAME), Qt.SortOrder.AscendingOrder)
    model.sort(int(Column.TEMPERATURE), Qt.SortOrder.DescendingOrder)
    model.set_filter(LogFilter())
    model.refresh()
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(model.rowCount(), 0)) is None
    del tester


def test_rows_come_in_the_order_of_the_review_service(
    make_model: type[LogTableModel], small_blocks: None, logged: Services
) -> None:
    service = ReviewService(logged.db, logged.installation)
    model = make_model(service, background=False)
    expected = service.query().rows_at(0, 1000)
    assert event_ids(model) == [r.event_id for r in expected]
    assert shown(model, Column.TIME)[0] == expected[0].local_text
    assert len(model._blocks) <= 3  # bounded: older blocks were let go
    # From the end backwards, across blocks let go and read again.
    for row in (149, 90, 3, 148):
        assert model.row_at(row) == expected[row]


def test_a_filter_change_and_a_sort(
    make_model: type[LogTableModel], qtbot: QtBot, logged: Services
) -> None:
    model = make_model(background=False)
    with qtbot.waitSignal(model.countChanged) as counted:
        model.set_filter(LogFilter(decision=Decision.DENY))
    deny = ReviewService(logged.db, logged.installation).count(LogFilter(decision=Decision.DENY))
    assert counted.args == [deny] and model.rowCount() == deny > 0
    assert set(shown(model, Column.DECISION)) == {"Denied"}
    with qtbot.waitSignal(model.modelReset):
        model.sort(int(Column.NAME), Qt.SortOrder.AscendingOrder)
    names = shown(model, Column.NAME)
    assert names == sorted(names)
    assert model.sort_section() == (int(Column.NAME), Qt.SortOrder.AscendingOrder)
    model.sort(int(Column.NAME), Qt.SortOrder.DescendingOrder)
    assert shown(model, Column.NAME) == sorted(names, reverse=True)
    model.set_filter(LogFilter(department="质检部", direction=Direction.IN))
    assert set(shown(model, Column.DEPARTMENT)) == {"质检部"}
    assert set(shown(model, Column.DIRECTION)) == {"In"}


def test_a_sort_that_cannot_be_done_is_refused_and_changes_nothing(
    make_model: type[LogTableModel], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = make_model(background=False)
    before = event_ids(model)
    monkeypatch.setattr(review, "TEMPERATURE_SORT_MAX", 10)
    with qtbot.waitSignal(model.sortRefused) as refused:
        model.sort(int(Column.TEMPERATURE), Qt.SortOrder.DescendingOrder)
    assert "narrower filter" in refused.args[0]
    with qtbot.waitSignal(model.sortRefused) as refused:
        model.sort(int(Column.REASON), Qt.SortOrder.AscendingOrder)
    assert "does not sort" in refused.args[0]
    assert event_ids(model) == before and model.order == LogSort()


def test_decisions_show_a_word_an_icon_and_a_colour(
    make_model: type[LogTableModel], qtbot: QtBot
) -> None:
    model = make_model(background=False)
    model.set_filter(LogFilter(decision=Decision.DENY))
    index = model.index(0, Column.DECISION)
    assert model.data(index) == "Denied"
    assert isinstance(model.data(index, Qt.ItemDataRole.DecorationRole), QIcon)
    assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert isinstance(model.data(index, Qt.ItemDataRole.BackgroundRole), QBrush)
    assert model.data(model.index(0, Column.NAME), Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(int(Column.DECISION), Qt.Orientation.Horizontal) == "Decision"


def test_an_amended_event_is_marked(make_model: type[LogTableModel]) -> None:
    model = make_model(background=False)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    (row,) = [i for i, r in enumerate(rows) if r is not None and r.amended]
    decision = model.index(row, Column.DECISION)
    assert model.data(decision) == "Denied"
    font = model.data(decision, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert "decision" in model.data(decision, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(row, Column.AMENDED)) == "Amended"
    assert model.data(model.index(row, Column.GATE), Qt.ItemDataRole.FontRole) is None


def test_blocks_are_read_on_the_reader_thread(
    make_model: type[LogTableModel], qtbot: QtBot, small_blocks: None, logged: Services
) -> None:
    model = make_model(background=True)
    expected = ReviewService(logged.db, logged.installation).query().rows_at(0, 1000)
    assert model.row_at(0) == expected[0]  # the first block is read at once
    assert not model.reader_running
    far = model.index(120, Column.NAME)
    assert model.data(far) is None  # not read yet: asked for
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        pass
    top, bottom = changed.args[0], changed.args[1]
    assert top.row() <= 120 <= bottom.row()
    assert model.data(far) == expected[120].name
    assert model.reader_running
    # A filter change forgets what is in flight: late blocks of the old filter are dropped.
    model.data(model.index(60, 0))
    model.set_filter(LogFilter(direction=Direction.OUT))
    outs = ReviewService(logged.db, logged.installation).query(
        LogFilter(direction=Direction.OUT)).rows_at(0, 1000)
    assert model.rowCount() == len(outs)
    qtbot.wait(50)
    assert [model.row_at(r) for r in range(16)] == outs[:16]
    model.close()
    assert not model.reader_running
    assert model.row_at(50) == outs[50]  # after close, blocks are read on the GUI thread
