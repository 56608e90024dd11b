"""Fixtures for the Qt tests: a data directory, a database, the set-up service, translators.

Qt runs on the offscreen platform (no display needed, and no display used when there is one);
this is set before pytest-qt makes the QApplication. Every test here fails on a Qt warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gatekeeper.config import Paths
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.storage.database import Database, sqlite_url
from gatekeeper.ui.i18n import ENGLISH, Translations

# Importing Qt modules makes no QApplication; pytest-qt's qapp fixture makes it later.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

HERE = Path(__file__).resolve().parent
# The offscreen platform says this whenever a window is shown; it means nothing here.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "data")


@pytest.fixture
def database(paths: Paths) -> Iterator[Database]:
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(paths.database_file))
    yield db
    db.dispose()


@pytest.fixture
def setup_service(database: Database, paths: Paths) -> SetupService:
    return SetupService(database, paths)


@pytest.fixture
def installation(setup_service: SetupService) -> Installation:
    return setup_service.initialise("华东一厂", "North Gate", "Asia/Shanghai", actor="test")


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    """The application's translators; English again after the test, for the next one."""
    owned = Translations(qapp)
    yield owned
    owned.set_language(ENGLISH)
