"""tools/check_tr.py: user-visible text in the Qt code is marked for translation.

The checker reads the sources with ``ast``; no Qt is needed. The first test runs it on the real
tree; the others feed it small snippets to show what it reports and what it lets through.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "check_tr.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_tr", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


check_tr = _load()


def found(code: str) -> list[str]:
    return [f.message for f in check_tr.check_source(textwrap.dedent(code), "snippet.py")]


def lines(code: str) -> list[int]:
    return [f.line for f in check_tr.check_source(textwrap.dedent(code), "snippet.py")]


def test_every_user_visible_string_in_the_ui_is_marked_for_translation() -> None:
    findings = check_tr.check_paths(check_tr.DEFAULT_PATHS)
    assert [str(f) for f in findings] == [], (
        "wrap these in self.tr(...) (and translate them), or add '# notr: reason'"
    )


def test_the_command_fails_on_an_unmarked_string_and_passes_on_a_clean_file(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('label.setText("Save the file")\n', encoding="utf-8")
    good = tmp_path / "good.py"
    good.write_text('label.setText(self.tr("Save the file"))\n', encoding="utf-8")
    run = [sys.executable, str(TOOL)]
    failed = subprocess.run([*run, str(bad)], capture_output=True, text=True, timeout=60)
    assert failed.returncode == 1
    assert "bad.py:1: setText()" in failed.stdout and "'Save the file'" in failed.stdout
    passed = subprocess.run([*run, str(good)], capture_output=True, text=True, timeout=60)
    assert (passed.returncode, passed.stdout) == (0, "")


@pytest.mark.parametrize(
    "code",
    [
        'self.title.setText("Welcome")',
        'self.setWindowTitle("Officer console")',
        'button.setToolTip("Copy the command")',
        'edit.setPlaceholderText("Search by name")',
        'combo.addItem("Visitor", "visitor")',
        'combo.addItem(icon, "Visitor", "visitor")',
        'tabs.addTab(page, "History")',
        'table.setHorizontalHeaderLabels(["Name", self.tr("Time")])',
        'QLabel("Site name", self)',
        'QPushButton("Cancel")',
        'QCheckBox("Required", parent)',
        'QGroupBox("This gate")',
        'QAction("Quit", self)',
        'QtWidgets.QLabel("Site")',
        'QMessageBox.warning(self, "Oops", self.tr("Text"))',
        'QMessageBox.question(self, self.tr("Title"), "Really delete?")',
        'self.statusBar().showMessage("Saved", 3000)',
        'action.setStatusTip("Leave the program")',
        'box.setTitle("Retention")',
        'spin.setSuffix(" days")',
        'self.label.setText(f"{count} people on site")',
        'self.label.setText("Saved " + name)',
        'self.label.setText("Saved %s" % name)',
        'self.label.setText("Saved {}".format(name))',
        'self.label.setText(self.tr("Yes") if ok else "No")',
        'self.label.setText(text or "Nothing yet")',
        'self.label.setText(text="Named argument")',
        'label(self, "Role", "Kiosk text")',
        'self.say("Exported.")',
        'self.set_error("Wrong PIN")',
        'self.table.set_headers(["Name", "Staff no."])',
        'ResultView("pass", "PASS")',
        'ResultView(kind="deny", word=self.tr("DENIED"), reason="Forged")',
        'QFileDialog.getSaveFileName(self, "Export", path, "CSV files (*.csv)")',
        'self.title.setText("欢迎")',
    ],
)
def test_an_unmarked_string_is_reported(code: str) -> None:
    messages = found(code)
    assert messages, "nothing reported"
    assert all("not marked for translation" in message for message in messages)


@pytest.mark.parametrize(
    "code",
    [
        'self.title.setText(self.tr("Welcome"))',
        'self.title.setText(QCoreApplication.translate("Home", "Welcome"))',
        'self.title.setText(self.tr("In {n} s").format(n=3))',
        'self.title.setText(tr("Welcome"))',
        'Page("log", QT_TRANSLATE_NOOP("ConsolePages", "Entry log"))',
        'self.title.setText(QCoreApplication.translate(CONTEXT, self.title))',
        'self.title.setText(name)',
        'self.title.setText(person.name)',
        'self.title.setText(f"{site} · {gate}")',
        'self.title.setText(f"{self.tr(\'Name\')}: {name}")',
        'self.count.setText("—")',
        'self.count.setText("")',
        'self.count.setText(f"{value:.1f}")',
        'self.count.setText("12:00")',
        'combo.addItem(self.tr("Visitor"), "visitor")',
        'combo.addItem("", "visitor")',
        'self.setObjectName("KioskResult")',
        'widget.setStyleSheet("color: red")',
        'log.warning("not for people: %s", detail)',
        'QLabel(self)',
        '"Some text".translate(table)',
    ],
)
def test_marked_or_non_text_strings_pass(code: str) -> None:
    assert found(code) == []


def test_a_notr_comment_with_a_reason_allows_a_string() -> None:
    assert found('spin.setSuffix(" °C")  # notr: a unit symbol\n') == []
    multi_line = """
        self.label = QLabel(
            "gatekeeper",  # notr: the product's name
            self,
        )
        other = QLabel(
            "gatekeeper",
            self,
        )  # notr: on the closing line it excuses nothing
        third = QLabel("gatekeeper", self)  # notr: the product's name
    """
    assert lines(multi_line) == [7, 9]
    assert "a line with no string" in found(multi_line)[1]


def test_a_notr_comment_needs_a_reason() -> None:
    [message] = found('spin.setSuffix(" °C")  # notr\n')
    assert "needs a reason" in message
    [message] = found('spin.setSuffix(" °C")  # notr:   \n')
    assert "needs a reason" in message


def test_a_notr_comment_left_on_a_line_without_a_string_is_reported() -> None:
    [message] = found('x = 1  # notr: left over\n')
    assert "a line with no string" in message
    # beside a string that needs no translation it is harmless
    assert found('label.setText("•  " + text)  # notr: a bullet\n') == []


def test_a_translation_lupdate_cannot_extract_is_reported() -> None:
    [message] = found('label.setText(self.tr(f"Hello {name}"))')
    assert "lupdate cannot extract" in message
    [message] = found('label.setText(QCoreApplication.translate("C", "Hi " + name))')
    assert "lupdate cannot extract" in message
    assert found('label.setText(self.tr("Hello {name}").format(name=name))') == []


def test_findings_name_the_file_and_line() -> None:
    code = """
        def retranslate_ui(self):
            self.a.setText(self.tr("Fine"))
            self.b.setText("Not fine")
    """
    [finding] = check_tr.check_source(textwrap.dedent(code), "gatekeeper/ui/x.py")
    assert str(finding).startswith("gatekeeper/ui/x.py:4: setText() ")
    assert "'Not fine'" in str(finding)
