"""The home window: what it shows about the installation and the registry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from gatekeeper.errors import UserError
from gatekeeper.services.setup import Installation
from gatekeeper.ui.home import HomeWindow, quote_argument, zone_with_offset
from gatekeeper.ui.i18n import CHINESE, Translations


def make_home(qtbot: QtBot, installation: Installation, count_people=lambda: 0, **kwargs):
    kwargs.setdefault("data_dir", "/srv/gatekeeper")
    home = HomeWindow(installation, count_people=count_people, **kwargs)
    qtbot.addWidget(home)
    home.show()
    return home


def shown_texts(home: HomeWindow) -> list[str]:
    return [label.text() for label in home.findChildren(QLabel) if label.isVisible()]


def test_shows_site_gate_zone_count_and_data_dir(qtbot: QtBot, installation: Installation) -> None:
    # Numbers follow the interface language's locale (i18n sets the default); English here,
    # whatever ran before this test.
    previous = QLocale()
    QLocale.setDefault(QLocale("en"))
    try:
        _check_home(qtbot, installation)
    finally:
        QLocale.setDefault(previous)


def _check_home(qtbot: QtBot, installation: Installation) -> None:
    home = make_home(qtbot, installation, lambda: 1234, data_dir="/srv/gatekeeper")
    assert home.site_value.text() == "华东一厂"
    assert home.gate_value.text() == "North Gate"
    assert home.timezone_value.text() == "Asia/Shanghai (UTC+08:00)"
    assert home.data_dir_value.text() == "/srv/gatekeeper"
    assert home.people_count == 1234
    assert home.count_label.text() == "1,234"
    assert "North Gate" in home.windowTitle()
    assert "华东一厂 · North Gate" in shown_texts(home)
    assert home.database_value.isHidden()


def test_refresh_counts_again(qtbot: QtBot, installation: Installation) -> None:
    registry = {"people": 0}
    home = make_home(qtbot, installation, lambda: registry["people"])
    assert home.count_label.text() == "0"
    assert "Nobody is registered yet" in home.count_caption.text()
    registry["people"] = 3  # say, `gatekeeper staff import` ran meanwhile
    qtbot.mouseClick(home.refresh_button, Qt.MouseButton.LeftButton)
    assert home.count_label.text() == "3"
    assert "Nobody" not in home.count_caption.text()


def test_an_unreadable_registry_is_said_plainly(qtbot: QtBot, installation: Installation) -> None:
    def count() -> int:
        raise UserError("The database is locked.")

    home = make_home(qtbot, installation, count)
    assert home.people_count is None
    assert home.count_label.text() == "—"
    assert "The database is locked." in home.count_caption.text()


def test_another_database_is_named(qtbot: QtBot, installation: Installation) -> None:
    home = make_home(qtbot, installation, database="postgresql://gate@central/gatekeeper")
    assert home.database_value.isVisible()
    assert home.database_value.text() == "postgresql://gate@central/gatekeeper"


def test_commands_are_selectable_and_copy_to_the_clipboard(
    qtbot: QtBot, installation: Installation
) -> None:
    home = make_home(qtbot, installation, command='gatekeeper --data-dir "/srv/my gate"')
    texts = [label.text() for label in home.command_labels.values()]
    assert texts == [
        'gatekeeper --data-dir "/srv/my gate" staff import FILE',
        'gatekeeper --data-dir "/srv/my gate" badge --all --out badges.pdf',
        'gatekeeper --data-dir "/srv/my gate" kiosk --fullscreen',
        'gatekeeper --data-dir "/srv/my gate" console',
        'gatekeeper --data-dir "/srv/my gate" --help',
    ]
    for label in home.command_labels.values():
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    qtbot.mouseClick(home.copy_buttons["badges"], Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == texts[1]
    assert home.copy_buttons["badges"].text() == "Copied"
    qtbot.waitUntil(lambda: home.copy_buttons["badges"].text() == "Copy", timeout=3000)


def test_language_switch_retranslates_live(
    qtbot: QtBot, installation: Installation, translations: Translations
) -> None:
    home = make_home(qtbot, installation)
    home.language_selected.connect(translations.set_language)
    assert home.details_title.text() == "This gate"
    qtbot.mouseClick(home.language_switch.buttons[CHINESE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: home.details_title.text() == "本门岗")
    assert home.site_caption.text() == "厂区"
    assert home.gate_caption.text() == "门岗"
    assert home.timezone_caption.text() == "时区"
    assert home.refresh_button.text() == "刷新"
    assert "还没有登记任何人员" in home.count_caption.text()
    assert home.windowTitle() == "gatekeeper — 华东一厂 · North Gate"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Shanghai", "Asia/Shanghai (UTC+08:00)"),
        ("America/St_Johns", "America/St_Johns (UTC-03:30)"),
        ("Asia/Kolkata", "Asia/Kolkata (UTC+05:30)"),
        ("UTC", "UTC"),
        ("No/Such_Zone", "No/Such_Zone"),
    ],
)
def test_zone_with_offset(zone: str, expected: str) -> None:
    # 2026-07-01: St John's keeps daylight saving time (UTC-02:30) then; in January it is -03:30.
    assert zone_with_offset(zone, datetime(2026, 1, 15, 12, tzinfo=UTC)) == expected


def test_quote_argument() -> None:
    assert quote_argument("/srv/gate") == "/srv/gate"
    assert quote_argument(r"C:\Users\Li Wei\gate") == r'"C:\Users\Li Wei\gate"'
