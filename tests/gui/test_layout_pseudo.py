"""No text is cut off, in English, in Chinese, or in a longer language.

A stretched pseudo-translation (tools/pseudo_translate.py: every English text accented,
bracketed and about 40% longer, "Save" -> "[Ŝåṽé ~]") is compiled at test time and installed
as a translator; then each window is built offscreen at the size gatekeeper/app.py gives it
(read from its source), with the application's theme, driven through its screens, and every
visible text is measured against the room it has. The same runs with the real Simplified
Chinese catalogue and with the English source texts.

What counts as cut off:
- a QLabel whose text (wrapped at its width when it word-wraps) needs more width or height
  than its contents rectangle;
- a button, check box or radio button whose text needs more width than the style leaves it;
- the kiosk's large result word wider than its widget; tabs that do not fit their bar;
- an entry of a list wider than the list, a field's placeholder longer than the field
  (Qt elides both: allowed when the entry's or the field's tooltip has the whole text);
- any of those partly outside an ancestor that is not a scroll area (clipped);
- a window whose layouts need more than its standard size.

The tests at the end feed the check deliberately broken widgets, to show that it can fail.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionFrame,
    QStyleOptionViewItem,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import demo
from gatekeeper.services.container import Services, build_services
from gatekeeper.services.demo import DemoData
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.storage.database import Database
from gatekeeper.ui import theme
from gatekeeper.ui.i18n import CHINESE, ENGLISH, Translations
from gatekeeper.ui.widgets.bold_text import BoldText

REPO = Path(__file__).resolve().parents[2]


def _load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pseudo_translate = _load_tool("pseudo_translate")

pytestmark = pytest.mark.slow

WAIT_MS = 5000
PSEUDO = "pseudo"
TOLERANCE = 1  # px: rounding between font metrics and layouts


def app_size(window_class: str) -> QSize:
    """The size gatekeeper/app.py gives a window: its ``.resize(w, h)`` in the function that
    makes the window (read from the source, so that the test follows the application)."""
    tree = ast.parse((REPO / "gatekeeper" / "app.py").read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
        if not any(isinstance(c.func, ast.Name) and c.func.id == window_class for c in calls):
            continue
        for call in calls:
            if isinstance(call.func, ast.Attribute) and call.func.attr == "resize" and all(
                isinstance(a, ast.Constant) and isinstance(a.value, int) for a in call.args
            ) and len(call.args) == 2:
                width, height = (a.value for a in call.args)  # type: ignore[attr-defined]
                return QSize(width, height)
    raise AssertionError(f"gatekeeper/app.py gives {window_class} no size")


KIOSK_SIZE = app_size("KioskWindow")  # 1280x720
CONSOLE_SIZE = app_size("ConsoleWindow")  # 1280x800
HOME_SIZE = app_size("HomeWindow")  # 980x720
FIRST_RUN_SIZE = app_size("FirstRunScreen")


# -- the check -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CutOff:
    where: str  # the window and screen
    widget: str  # class#objectName
    text: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.widget} {self.text!r}: {self.problem}"


def describe(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def _plain(text: str) -> str:
    """A button's text as drawn: '&' marks the shortcut letter, '&&' is an ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if rich:
        return None  # gatekeeper shows no rich text; a QTextDocument would be needed
    room = label.contentsRect()
    margin = label.margin()
    room = room.adjusted(margin, margin, -margin, -margin)
    if label.indent() > 0:
        room.setWidth(room.width() - label.indent())
    flags = int(label.alignment().value)
    if label.buddy() is not None:  # "&Name": the ampersand marks the shortcut, not drawn
        text = _plain(text)
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
    metrics = QFontMetrics(label.font())
    need = metrics.boundingRect(QRect(0, 0, max(room.width(), 1), 100_000), flags, text)
    problems = []
    if need.width() > room.width() + TOLERANCE:
        problems.append(f"needs {need.width()} px wide, has {room.width()}")
    if need.height() > room.height() + TOLERANCE:
        problems.append(f"needs {need.height()} px high, has {room.height()}")
    return "; ".join(problems) or None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text.strip():
        return None
    metrics = QFontMetrics(button.font())
    text_width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    style = button.style()
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    if isinstance(button, QPushButton):
        element = QStyle.SubElement.SE_PushButtonContents
    elif isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    else:
        hint = button.sizeHint().width()
        if button.width() + TOLERANCE < hint:
            return f"needs {hint} px wide, has {button.width()}"
        return None
    room = style.subElementRect(element, option, button).width()
    need = text_width
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    # A button as wide as the style asks for its text (sizeHint) shows the text: the style
    # may let it use a pixel or two of the padding that SE_*Contents leaves out.
    if button.width() + TOLERANCE < button.sizeHint().width() and need > room + TOLERANCE:
        return f"needs {need} px for its text, has {room}"
    return None


def _tab_bar_problem(bar: QTabBar) -> str | None:
    """Tabs that do not fit side by side: Qt elides their texts or scrolls them."""
    need = bar.sizeHint().width()
    if bar.count() and need > bar.width() + TOLERANCE:
        return f"tabs need {need} px, have {bar.width()}"
    return None


def _placeholder_problem(edit: QLineEdit) -> str | None:
    """An empty field's placeholder (Qt elides one that does not fit)."""
    text = edit.placeholderText()
    if edit.text() or not text.strip():
        return None
    option = QStyleOptionFrame()
    option.initFrom(edit)
    option.rect = edit.rect()
    option.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    width = room.width() - margins.left() - margins.right() - 4  # QLineEdit's own 2 px a side
    need = QFontMetrics(edit.font()).horizontalAdvance(text)
    if need > width + TOLERANCE and text not in edit.toolTip():
        return f"placeholder needs {need} px, has {width} (and no tooltip has it whole)"
    return None


def _list_problems(view: QListView) -> list[tuple[str, str]]:
    """Entries of a list (not a table) wider than the list: scrolled sideways or cut off,
    unless elided with the whole text in the entry's tooltip."""
    model = view.model()
    delegate = view.itemDelegate()
    room = view.viewport().width()
    found = []
    for row in range(model.rowCount(view.rootIndex())):
        if view.isRowHidden(row):
            continue
        index = model.index(row, view.modelColumn(), view.rootIndex())
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text.strip():
            continue
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.font = view.font()
        option.rect = view.visualRect(index)
        # The plain delegate's measure: a delegate of the view's own may cap its size hint.
        base = delegate if isinstance(delegate, QStyledItemDelegate) else QStyledItemDelegate()
        need = QStyledItemDelegate.sizeHint(base, option, index).width()
        tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        if need > room + TOLERANCE and text not in tooltip:
            found.append((text, f"entry needs {need} px, the list has {room}"))
    return found


def _bold_text_problem(widget: BoldText) -> str | None:
    need = int(widget.text_width()) + 1
    if widget.text() and need > widget.width() + TOLERANCE:
        return f"needs {need} px wide, has {widget.width()}"
    return None


def _clipped(widget: QWidget, window: QWidget) -> str | None:
    """Whether an ancestor (not a scroll area's viewport) hides part of the widget."""
    rect = QRect(QPoint(0, 0), widget.size())
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        scroll = parent.parentWidget()
        if isinstance(scroll, QAbstractScrollArea) and parent is scroll.viewport():
            break  # what a scroll area hides, it scrolls to
        rect = rect.translated(child.pos()).intersected(parent.rect())
        if parent is window:
            break
        child, parent = parent, parent.parentWidget()
    lost_w = widget.width() - rect.width()
    lost_h = widget.height() - rect.height()
    if lost_w > TOLERANCE or lost_h > TOLERANCE:
        return f"clipped by an ancestor: {rect.width()}x{rect.height()} of " \
               f"{widget.width()}x{widget.height()} shown"
    return None


def _text_of(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else ""


def cut_offs(window: QWidget, where: str) -> list[CutOff]:
    """Every visible text widget of a window whose text does not fit."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QTabBar):
            problem = _tab_bar_problem(widget)
        elif isinstance(widget, BoldText):
            problem = _bold_text_problem(widget)
        elif isinstance(widget, QListView) and not widget.isWrapping():
            for text, list_problem in _list_problems(widget):
                found.append(CutOff(where, describe(widget), text, list_problem))
            continue
        elif isinstance(widget, QLineEdit):
            problem = _placeholder_problem(widget)
            if problem is not None:
                found.append(CutOff(where, describe(widget), widget.placeholderText(), problem))
            continue
        else:
            continue
        if problem is None and _text_of(widget).strip():
            problem = _clipped(widget, window)
        if problem is not None:
            found.append(CutOff(where, describe(widget), _text_of(widget), problem))
    return found


def size_problem(window: QWidget, size: QSize, where: str) -> list[CutOff]:
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if window.size() != size or minimum.width() > size.width() or (
        minimum.height() > size.height()
    ):
        return [CutOff(
            where, describe(window), window.windowTitle(),
            f"the window needs {minimum.width()}x{minimum.height()}, its standard size is "
            f"{size.width()}x{size.height()}",
        )]
    return []


def report(found: list[CutOff]) -> str:
    return "cut off:\n" + "\n".join(f"  {line}" for line in found)


class Layouts:
    """Collects the cut-offs of each state of a window, to assert on all of them at once;
    a window with a standard ``size`` is also checked to be able to have it."""

    def __init__(self, where: str, size: QSize | None = None) -> None:
        self.where = where
        self.size = size
        self.found: list[CutOff] = []

    def check(self, window: QWidget, state: str, *, dialog: bool = False) -> None:
        QApplication.processEvents()  # pending layout requests and LanguageChange events
        where = f"{self.where} {state}"
        if self.size is not None and not dialog:
            self.found.extend(size_problem(window, self.size, where))
        self.found.extend(cut_offs(window, where))


# -- the languages ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pseudo_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pseudo_translate.build_qm(tmp_path_factory.mktemp("pseudo") / "gatekeeper_en_XA.qm")


@pytest.fixture(params=[PSEUDO, CHINESE, ENGLISH])
def language(
    request: pytest.FixtureRequest, qapp: QApplication, translations: Translations,
    pseudo_qm: Path,
) -> Iterator[str]:
    """The pseudo-translation, Chinese or English (the source texts), with the application's
    theme (fonts, style sheet, Fusion); afterwards English, and the application as it was."""
    sheet, font, style = qapp.styleSheet(), qapp.font(), qapp.style().name()
    translator = QTranslator(qapp)
    if request.param == PSEUDO:
        assert translator.load(str(pseudo_qm))
        qapp.installTranslator(translator)
        theme.apply_theme(qapp, ENGLISH)
    else:
        translations.set_language(request.param)
        theme.apply_theme(qapp, request.param)
    yield request.param
    qapp.removeTranslator(translator)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setStyle(style)


def test_the_pseudo_translation_is_longer_and_keeps_what_code_reads(pseudo_qm: Path) -> None:
    pseudo = pseudo_translate.pseudo
    assert pseudo("Save") == "[Ŝåṽé ~]"
    assert pseudo("") == "" and pseudo("  ") == "  "
    text = "Export {count} rows to {path} as %s with &Save (*.csv *.xlsx);;All files (*)"
    stretched = pseudo(text)
    for kept in ("{count}", "{path}", "%s", "&S", "(*.csv *.xlsx)", ";;", "(*)"):
        assert kept in stretched
    assert "Export" not in stretched and "Éẋþöŕţ" in stretched
    sentence = "Hold the QR code of your badge up to the camera."
    assert 1.35 <= len(pseudo(sentence)) / len(sentence) <= 1.6
    padding = [word for word in pseudo(sentence).split() if set(word) <= {"~", "]"}]
    assert padding and max(map(len, padding)) <= pseudo_translate.PAD_WORD + 1  # wrappable
    assert pseudo("Two\nlines").count("\n") == 1
    catalogue = pseudo_qm.with_suffix(".ts")
    english = pseudo_translate.EN_TS.read_text(encoding="utf-8")
    written = catalogue.read_text(encoding="utf-8")
    assert written.count("<message>") == english.count("<message>") > 100
    assert 'type="unfinished"' not in written
    assert pseudo_qm.stat().st_size > 1000


def ui_language(language: str) -> str:
    """What the windows are told (the switch they highlight): pseudo is stretched English."""
    return ENGLISH if language == PSEUDO else language


def test_the_pseudo_translation_is_installed(qapp: QApplication, language: str) -> None:
    text = QCoreApplication.translate("KioskTexts", "PASS")
    expected = {ENGLISH: "PASS", CHINESE: "通行"}
    if language == PSEUDO:
        assert text.startswith("[") and text != "PASS" and len(text) >= 6
    else:
        assert text == expected[language]


# -- the kiosk -------------------------------------------------------------------------------


def wait_for(qtbot: QtBot, kiosk: Any, screen: str) -> None:
    qtbot.waitUntil(lambda: kiosk.current == screen and not kiosk.busy, timeout=WAIT_MS)


def test_kiosk_screens_fit(
    qtbot: QtBot, make_kiosk: Callable[..., Any], demo_data: DemoData, language: str,
) -> None:
    layouts = Layouts(f"kiosk[{language}]", KIOSK_SIZE)
    kiosk = make_kiosk(attended=True, language=ui_language(language))
    tokens = demo_data.tokens

    qtbot.waitUntil(lambda: kiosk.sign_in.guard_list.count() > 0, timeout=WAIT_MS)
    layouts.check(kiosk, "sign-in")
    kiosk.sign_in.select("guard")
    kiosk.sign_in.pin_edit.setText("9999")
    kiosk.sign_in.submit()
    qtbot.waitUntil(lambda: kiosk.sign_in.error_label.isVisible(), timeout=WAIT_MS)
    layouts.check(kiosk, "sign-in with an error")
    kiosk.sign_in.pin_edit.setText("1234")
    kiosk.sign_in.submit()
    wait_for(qtbot, kiosk, "scanning")
    layouts.check(kiosk, "scanning")
    for state in ("starting", "lost", "stopped", "running"):
        kiosk.scanning.set_camera_state(state, "camera 0")
        layouts.check(kiosk, f"scanning, camera {state}")
    kiosk.toggle_direction()
    layouts.check(kiosk, "scanning, out")
    kiosk.toggle_direction()

    kiosk.open_lookup()
    kiosk.lookup.search_edit.setText("zzz-nobody")
    qtbot.waitUntil(lambda: kiosk.lookup.empty_label.isVisible(), timeout=WAIT_MS)
    layouts.check(kiosk, "lookup, nobody found")
    kiosk.lookup.search_edit.setText("1")
    qtbot.waitUntil(lambda: len(kiosk.lookup.people) > 0, timeout=WAIT_MS)
    layouts.check(kiosk, "lookup")
    kiosk.back_to_scanning()

    def screen(token: str, *readings: str) -> None:
        kiosk.back_to_scanning()
        assert kiosk.handle_token(token)
        for reading in readings:
            wait_for(qtbot, kiosk, "temperature")
            kiosk.temperature.reading_edit.setText(reading)
            kiosk.temperature.submit()
            wait_for(qtbot, kiosk, "result")
            view = kiosk.result.view
            if view is not None and view.kind == "recheck" and reading != readings[-1]:
                layouts.check(kiosk, "result recheck")
                qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not kiosk.busy, timeout=WAIT_MS)

    kiosk.back_to_scanning()
    assert kiosk.handle_token(tokens[4])
    wait_for(qtbot, kiosk, "temperature")
    layouts.check(kiosk, "temperature")
    kiosk.temperature.reading_edit.setText("45.0")
    kiosk.temperature.submit()
    qtbot.waitUntil(lambda: kiosk.temperature.error_label.isVisible(), timeout=WAIT_MS)
    layouts.check(kiosk, "temperature with an error")

    screen(tokens[0], "36.6")
    layouts.check(kiosk, "result pass")
    screen(tokens[1], "37.6")
    layouts.check(kiosk, "result recheck")
    screen(tokens[2], "38.2", "38.0")
    layouts.check(kiosk, "result deny")
    screen(tokens[0])
    wait_for(qtbot, kiosk, "result")
    layouts.check(kiosk, "result duplicate")
    screen("not a badge at all")
    wait_for(qtbot, kiosk, "result")
    layouts.check(kiosk, "result refused")

    kiosk.back_to_scanning()
    person = next(p for p in kiosk.services.staff.list() if p.staff_no == "1001")
    kiosk.declaration.start(person)
    kiosk.stack.setCurrentWidget(kiosk.declaration)
    layouts.check(kiosk, "declaration")

    kiosk.back_to_scanning()
    kiosk.open_visitor()
    wait_for(qtbot, kiosk, "visitor")
    layouts.check(kiosk, "visitor form")
    kiosk.visitor._submit()
    qtbot.waitUntil(lambda: not kiosk.busy, timeout=WAIT_MS)
    layouts.check(kiosk, "visitor form with errors")
    form = kiosk.visitor
    form.edits["name"].setText("Daniel Weber")
    form.edits["phone"].setText("+49 151 2345 6789")
    form.edits["company"].setText("Weber Tooling GmbH")
    form.edits["host"].setText("王芳")
    form.edits["purpose"].setText("Press maintenance")
    form.contractor_radio.setChecked(True)
    form.declaration.places_edit.setText("Suzhou, Shanghai")
    form._submit()
    wait_for(qtbot, kiosk, "temperature")
    kiosk.temperature.reading_edit.setText("36.4")
    kiosk.temperature.submit()
    wait_for(qtbot, kiosk, "result")
    layouts.check(kiosk, "result visitor")
    qtbot.mouseClick(kiosk.result.action_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, kiosk, "visitor_pass")
    layouts.check(kiosk, "visitor pass")

    kiosk.back_to_scanning()
    kiosk.request_settings()
    wait_for(qtbot, kiosk, "unlock")
    layouts.check(kiosk, "unlock")
    kiosk.unlock.user_edit.setText("officer")
    kiosk.unlock.password_edit.setText("wrong")
    kiosk.unlock.submit()
    qtbot.waitUntil(lambda: kiosk.unlock.error_label.isVisible(), timeout=WAIT_MS)
    layouts.check(kiosk, "unlock with an error")
    kiosk.unlock.password_edit.setText("officer-demo")
    kiosk.unlock.submit()
    wait_for(qtbot, kiosk, "settings")
    layouts.check(kiosk, "settings")

    assert layouts.found == [], report(layouts.found)


def test_unattended_kiosk_fits(
    qtbot: QtBot, make_kiosk: Callable[..., Any], demo_data: DemoData, language: str,
) -> None:
    layouts = Layouts(f"unattended kiosk[{language}]", KIOSK_SIZE)
    kiosk = make_kiosk(attended=False, language=ui_language(language))
    wait_for(qtbot, kiosk, "scanning")
    layouts.check(kiosk, "scanning")
    assert layouts.found == [], report(layouts.found)


# -- the console -----------------------------------------------------------------------------


def read(text: str) -> TakenReading:
    return TakenReading(parse_reading(text), "sim")


@pytest.fixture
def site(database: Database, paths: Paths, installation: Installation) -> Services:
    """The demo site with an admin, someone on site and an open fever alert."""
    built = build_services(database, paths, installation)
    services = dataclasses.replace(
        built, users=UserService(database, installation, hasher=fast_hasher())
    )
    demo.seed(services)
    services.users.add(username="admin", role="admin", secret="admin-pass")
    people = {p.staff_no: p for p in services.staff.list()}
    s = services.screening
    s.screen(s.identify_manual(people["1001"].id), read("36.5"), Direction.IN)
    first = s.screen(s.identify_manual(people["1003"].id), read("38.0"), Direction.IN)
    assert first.event_id is not None
    s.recheck(first.event_id, read("38.1"))
    return services


def admin(services: Services) -> Any:
    return next(u for u in services.users.list() if u.username == "admin")


def test_console_pages_and_dialogs_fit(
    qtbot: QtBot, site: Services, language: str,
) -> None:
    from gatekeeper.ui.console.window import ConsoleWindow

    layouts = Layouts(f"console[{language}]", CONSOLE_SIZE)
    window = ConsoleWindow(
        site, admin(site), language=ui_language(language), housekeeping_delay_ms=60_000
    )
    qtbot.addWidget(window)
    window.resize(CONSOLE_SIZE)
    window.show()
    try:
        keys = [spec.key for spec in window.specs]
        window.start()
        for key in keys:
            page = window.page(key)
            if window.current_key != key:
                with qtbot.waitSignal(page.refreshed, timeout=WAIT_MS):
                    window.select_page(key)
            else:
                qtbot.waitUntil(lambda page=page: page.data is not None, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: window.worker.pending == 0, timeout=WAIT_MS)
            layouts.check(window, f"page {key}")

        registry = window.page("registry")
        window.select_page("registry")
        dialogs: list[tuple[str, QWidget]] = [
            ("new person", registry.add_person()),
            ("import", registry.open_import()),
        ]
        person = next(p for p in site.staff.list() if p.staff_no == "1003")
        person_file = registry.open_person_file(person.id)
        assert person_file is not None
        dialogs.append(("person file", person_file))
        dialogs.append(("daily report", window.page("dashboard").open_report_dialog()))
        dialogs.append(("hold", window.page("settings").open_hold_dialog()))
        observation = window.page("observation")
        observation.open_travel_dialog()
        qtbot.waitUntil(lambda: getattr(observation, "travel_dialog", None) is not None,
                        timeout=WAIT_MS)
        dialogs.append(("record travel", observation.travel_dialog))
        qtbot.waitUntil(lambda: window.worker.pending == 0, timeout=WAIT_MS)
        for name, dialog in dialogs:
            qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
            layouts.check(dialog, f"dialog {name}", dialog=True)
            dialog.reject()
    finally:
        window.shutdown()
    assert layouts.found == [], report(layouts.found)


def test_console_sign_in_fits(qtbot: QtBot, site: Services, language: str) -> None:
    from gatekeeper.ui.console.signin import SignInDialog

    layouts = Layouts(f"console sign-in[{language}]")
    dialog = SignInDialog(site.users, site_line="华东一厂 · North Gate",
                          language=ui_language(language))
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        layouts.check(dialog, "empty")
        dialog.user_edit.setText("guard")
        dialog.password_edit.setText("1234")
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert dialog.error_text
        layouts.check(dialog, "refused")
    finally:
        dialog.shutdown()
    assert layouts.found == [], report(layouts.found)


# -- the home window and the first-run screen ------------------------------------------------


def test_home_window_fits(qtbot: QtBot, installation: Installation, language: str) -> None:
    from gatekeeper.ui.home import HomeWindow

    layouts = Layouts(f"home[{language}]", HOME_SIZE)
    home = HomeWindow(
        installation, count_people=lambda: 1234, data_dir="/srv/gatekeeper",
        database="postgresql://gate@db.example/gatekeeper", language=ui_language(language),
    )
    qtbot.addWidget(home)
    home.resize(HOME_SIZE)
    home.show()
    layouts.check(home, "with a database")
    empty = HomeWindow(installation, count_people=lambda: 0, data_dir="/srv/gatekeeper",
                       language=ui_language(language))
    qtbot.addWidget(empty)
    empty.resize(HOME_SIZE)
    empty.show()
    layouts.check(empty, "nobody registered")
    assert layouts.found == [], report(layouts.found)


def test_first_run_screen_fits(qtbot: QtBot, language: str) -> None:
    from gatekeeper.ui.first_run import FirstRunScreen

    layouts = Layouts(f"first run[{language}]", FIRST_RUN_SIZE)
    screen = FirstRunScreen(
        lambda site, gate, zone: None,  # type: ignore[arg-type, return-value]
        timezones=["America/New_York", "Asia/Shanghai", "Europe/Berlin", "UTC"],
        default_timezone="Asia/Shanghai", data_dir="/srv/gatekeeper",
        language=ui_language(language),
    )
    qtbot.addWidget(screen)
    screen.resize(FIRST_RUN_SIZE)
    screen.show()
    layouts.check(screen, "empty")
    assert layouts.found == [], report(layouts.found)


# -- the check itself --------------------------------------------------------------------------


@pytest.fixture
def plain_window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    window.setObjectName("Synthetic")
    qtbot.addWidget(window)
    return window


def test_a_label_too_narrow_for_its_text_is_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    fits = QLabel("OK", plain_window)
    fits.setObjectName("Fits")
    fits.setGeometry(0, 0, 200, 40)
    narrow = QLabel("A sentence far too long for forty pixels", plain_window)
    narrow.setObjectName("Narrow")
    narrow.setGeometry(0, 50, 40, 40)
    plain_window.resize(300, 200)
    plain_window.show()
    [found] = cut_offs(plain_window, "synthetic")
    assert found.widget == "QLabel#Narrow"
    assert found.text == "A sentence far too long for forty pixels"
    assert "has 40" in found.problem and "wide" in found.problem


def test_a_wrapped_label_too_low_for_its_lines_is_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    label = QLabel("word " * 40, plain_window)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 120, 30)
    plain_window.resize(300, 200)
    plain_window.show()
    [found] = cut_offs(plain_window, "synthetic")
    assert "high, has 30" in found.problem


def test_a_button_and_a_check_box_too_narrow_are_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    button = QPushButton("Register and take the temperature", plain_window)
    button.setGeometry(0, 0, 60, 30)
    box = QCheckBox("Loss of taste or smell", plain_window)
    box.setGeometry(0, 40, 50, 30)
    wide = QPushButton("OK", plain_window)
    wide.setGeometry(0, 80, 200, 30)
    plain_window.resize(300, 200)
    plain_window.show()
    found = cut_offs(plain_window, "synthetic")
    assert [f.text for f in found] == ["Register and take the temperature",
                                       "Loss of taste or smell"]


def test_a_label_partly_outside_its_parent_is_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    label = QLabel("Hi", plain_window)
    label.setGeometry(260, 0, 80, 30)  # 40 px of it beyond the window's right edge
    plain_window.resize(300, 200)
    plain_window.show()
    [found] = cut_offs(plain_window, "synthetic")
    assert "clipped by an ancestor: 40x30 of 80x30" in found.problem


def test_an_elided_placeholder_needs_its_tooltip(qtbot: QtBot, plain_window: QWidget) -> None:
    edit = QLineEdit(plain_window)
    edit.setPlaceholderText("Search by name, staff number, phone or department")
    edit.setGeometry(0, 0, 80, 30)
    plain_window.resize(300, 200)
    plain_window.show()
    [found] = cut_offs(plain_window, "synthetic")
    assert found.problem.startswith("placeholder needs")
    edit.setToolTip(edit.placeholderText())
    assert cut_offs(plain_window, "synthetic") == []


def test_a_list_entry_wider_than_its_list_is_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

    view = QListWidget(plain_window)
    view.setGeometry(0, 0, 90, 120)
    QListWidgetItem("Fits", view)
    long = QListWidgetItem("An entry much wider than ninety pixels", view)
    plain_window.resize(300, 200)
    plain_window.show()
    [found] = cut_offs(plain_window, "synthetic")
    assert found.text == "An entry much wider than ninety pixels"
    long.setToolTip(long.text())
    assert cut_offs(plain_window, "synthetic") == []


def test_a_window_that_cannot_be_its_standard_size_is_reported(
    qtbot: QtBot, plain_window: QWidget
) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    layout = QHBoxLayout(plain_window)
    for _ in range(3):
        button = QPushButton("A rather long button text", plain_window)
        button.setMinimumWidth(200)
        layout.addWidget(button)
    plain_window.resize(400, 100)
    plain_window.show()
    [found] = size_problem(plain_window, QSize(400, 100), "synthetic")
    assert "its standard size is 400x100" in found.problem
