"""Find user-visible strings in the Qt code that are not marked for translation.

    python tools/check_tr.py [FILE_OR_DIR ...]   (default: gatekeeper/app.py gatekeeper/ui)

It reads the Python sources with ``ast`` (nothing is imported, Qt is not needed) and looks at
every call that puts text in front of a person: ``setText``, ``setWindowTitle``,
``setToolTip``, ``QLabel(...)``, ``QMessageBox.warning(...)``, ``addItem``, the project's own
helpers such as ``say`` or ``set_error``, and so on (``SINKS`` below). An argument there that is
a string literal or an f-string with letters in its fixed text, not wrapped in ``self.tr``,
``QCoreApplication.translate``, ``QT_TRANSLATE_NOOP`` or another tr helper, is reported.

It also reports a ``tr``/``translate`` whose source text is an f-string, a concatenation with
a variable or a ``.format`` call: lupdate cannot extract those, so they would never be
translated.

Text that is right as it is in every language (a unit such as "°C", a symbol, a proper name,
a language's own name) is allowed by a comment on the line of the literal or of the call::

    self.unit_combo.addItem("°C", TempUnit.C.value)  # notr: a unit symbol

The reason after ``notr:`` is required. A ``notr`` comment on a line with no string at all
is reported itself, so that the allow-list does not outlive the code it excused.

Exit status: 0 when nothing is found, 1 otherwise.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = (ROOT / "gatekeeper" / "app.py", ROOT / "gatekeeper" / "ui")

ALL = "all"


@dataclass(frozen=True)
class Sink:
    """Where user text goes in a call: positional indices (not counting ``self`` of a method
    call) or every positional argument (ALL), and keyword names."""

    positions: tuple[int, ...] | str = ALL
    keywords: tuple[str, ...] = ("text", "title", "toolTip", "statusTip", "placeholderText")


# Methods called on any object (``x.setText(...)``), by name.
METHOD_SINKS: dict[str, Sink] = {
    # Qt
    "setText": Sink(),
    "setPlainText": Sink(),
    "setHtml": Sink(),
    "setMarkdown": Sink(),
    "setWindowTitle": Sink(),
    "setWindowIconText": Sink(),
    "setToolTip": Sink(),
    "setStatusTip": Sink(),
    "setWhatsThis": Sink(),
    "setAccessibleName": Sink(),
    "setAccessibleDescription": Sink(),
    "setPlaceholderText": Sink(),
    "setTitle": Sink(),
    "setSubTitle": Sink(),
    "setLabelText": Sink(),
    "setInformativeText": Sink(),
    "setDetailedText": Sink(),
    "setPrefix": Sink(),
    "setSuffix": Sink(),
    "setSpecialValueText": Sink(),
    "setFormat": Sink(),
    "setButtonText": Sink((1,)),
    "setCancelButtonText": Sink(),
    "setOkButtonText": Sink(),
    "setItemText": Sink((1,)),
    "setTabText": Sink((1,)),
    "setTabToolTip": Sink((1,)),
    "setHeaderLabels": Sink(),
    "setHorizontalHeaderLabels": Sink(),
    "setVerticalHeaderLabels": Sink(),
    "showMessage": Sink((0,)),
    "addItem": Sink((0,)),  # (text, userData); (icon, text, userData): see _sink_arguments
    "addItems": Sink(),
    "insertItem": Sink((1,)),  # (index, text, userData); (index, icon, text, userData)
    "insertItems": Sink((1,)),
    "addTab": Sink((1, 2)),
    "insertTab": Sink((2, 3)),
    "addRow": Sink((0,)),
    "insertRow": Sink((1,)),
    "addAction": Sink(),
    "addMenu": Sink(),
    "addSection": Sink(),
    "addButton": Sink((0,)),
    "showText": Sink((1,)),
    # gatekeeper's own helpers
    "say": Sink(),
    "set_error": Sink(),
    "set_places_error": Sink(),
    "show_message": Sink((0,), ("text",)),
    "show_status": Sink((0,), ("message",)),
    "set_overlay": Sink((0, 1), ("title", "detail")),
    "set_empty_text": Sink(),
    "set_enter_text": Sink(),
    "set_countdown": Sink(),
    "set_reading_text": Sink(),
    "set_headers": Sink(),
    "_label": Sink((1,), ("text",)),
    "_confirm": Sink((0, 1, 2), ("title", "text", "action")),
    "_saved": Sink((1,), ("message",)),
    "_ask_save_path": Sink((0, 2), ("caption", "filters")),
}

# Static functions of these classes (``QMessageBox.warning(parent, title, text)``).
STATIC_SINKS: dict[tuple[str, str], Sink] = {
    **{("QMessageBox", name): Sink((1, 2)) for name in
       ("warning", "information", "critical", "question", "about")},
    ("QFileDialog", "getSaveFileName"): Sink((1, 3), ("caption", "filter")),
    ("QFileDialog", "getOpenFileName"): Sink((1, 3), ("caption", "filter")),
    ("QFileDialog", "getOpenFileNames"): Sink((1, 3), ("caption", "filter")),
    ("QFileDialog", "getExistingDirectory"): Sink((1,), ("caption",)),
    ("QInputDialog", "getText"): Sink((1, 2)),
    ("QInputDialog", "getItem"): Sink((1, 2)),
    ("QInputDialog", "getInt"): Sink((1, 2)),
    ("QInputDialog", "getDouble"): Sink((1, 2)),
    ("QToolTip", "showText"): Sink((1,)),
}

# Constructors and plain functions (``QLabel("x")``, ``label(parent, role, text)``).
FUNCTION_SINKS: dict[str, Sink] = {
    **{name: Sink() for name in (
        "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
        "QAction", "QMenu", "QMessageBox", "QTableWidgetItem", "QListWidgetItem",
        "QTreeWidgetItem", "QStandardItem", "QCommandLinkButton", "QDockWidget",
    )},
    # gatekeeper's own helpers
    "label": Sink((2,), ("text",)),  # kiosk/common.py and console/pages.py: (parent, role, text)
    "confirm": Sink((1, 2, 3), ("title", "text", "action")),
    "ask_save_path": Sink((1, 3), ("caption", "filters")),
    "show_user_error": Sink((1,), ("message",)),
    "user_error_box": Sink((1,), ("message",)),
    "_item": Sink((0,), ("text", "tooltip")),
    "ResultView": Sink((1,), ("word", "detail", "reason", "note", "action")),
}

# Calls that take an icon before the text when they have one argument more than usual.
ICON_FIRST = {"addItem": 3, "insertItem": 4}

# Calls whose result is translated text: (name, index of the source text argument).
TRANSLATORS: dict[str, int] = {
    "tr": 0,
    "translate": 1,
    "QT_TR_NOOP": 0,
    "QT_TRANSLATE_NOOP": 1,
    "QT_TRANSLATE_NOOP3": 1,
    "QT_TR_NOOP_UTF8": 0,
    "QT_TRANSLATE_NOOP_UTF8": 1,
}

NOTR = re.compile(r"#\s*notr\b:?\s*(?P<reason>.*)$")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _literal_text(node: ast.expr) -> Iterator[tuple[ast.expr, str]]:
    """The fixed text with letters that an expression shows as it is: string literals,
    the fixed parts of f-strings, and those inside concatenations, ``%`` and ``.format``,
    conditional expressions, ``or``/``and``, lists and tuples. Calls (a ``tr``, any function)
    and names are not looked into: what they give is not a literal here."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and _has_letters(node.value):
            yield node, node.value
    elif isinstance(node, ast.JoinedStr):
        fixed = "".join(
            part.value for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        if _has_letters(fixed):
            yield node, ast.unparse(node)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _literal_text(node.left)
        yield from _literal_text(node.right)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        yield from _literal_text(node.left)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            yield from _literal_text(node.func.value)
    elif isinstance(node, ast.IfExp):
        yield from _literal_text(node.body)
        yield from _literal_text(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literal_text(value)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            yield from _literal_text(element)
    elif isinstance(node, ast.Starred):
        yield from _literal_text(node.value)


def _sink_for(call: ast.Call) -> tuple[str, Sink] | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = _name(func.value)
        if owner is not None and (owner, func.attr) in STATIC_SINKS:
            return f"{owner}.{func.attr}", STATIC_SINKS[(owner, func.attr)]
        if func.attr in METHOD_SINKS:
            return func.attr, METHOD_SINKS[func.attr]
        if func.attr in FUNCTION_SINKS and func.attr[:1] == "Q":  # QtWidgets.QLabel(...)
            return func.attr, FUNCTION_SINKS[func.attr]
    elif isinstance(func, ast.Name) and func.id in FUNCTION_SINKS:
        return func.id, FUNCTION_SINKS[func.id]
    return None


def _sink_arguments(call: ast.Call, name: str, sink: Sink) -> Iterator[ast.expr]:
    shift = 1 if len(call.args) >= ICON_FIRST.get(name, len(call.args) + 1) else 0
    for index, argument in enumerate(call.args):
        if sink.positions == ALL or index - shift in sink.positions:
            yield argument
    for keyword in call.keywords:
        if keyword.arg in sink.keywords:
            yield keyword.value


def _short(text: str, limit: int = 70) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


class _Visitor(ast.NodeVisitor):
    def __init__(self) -> None:
        # (first line, last line, message) of each finding, before notr comments apply
        self.hits: list[tuple[int, int, int, str]] = []

    def visit_Call(self, node: ast.Call) -> None:
        found = _sink_for(node)
        if found is not None:
            name, sink = found
            for argument in _sink_arguments(node, name, sink):
                for literal, text in _literal_text(argument):
                    self.hits.append((
                        node.lineno, literal.lineno, literal.end_lineno or literal.lineno,
                        f"{name}() is given text not marked for translation: {_short(text)}",
                    ))
        self._check_translator(node)
        self.generic_visit(node)

    def _check_translator(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name not in TRANSLATORS:
            return
        if name == "translate" and len(node.args) < 2:
            return  # some other translate(), e.g. str.translate(table)
        index = TRANSLATORS[name]
        if index >= len(node.args):
            return
        source = node.args[index]
        if isinstance(source, (ast.Constant, ast.Name, ast.Attribute, ast.Subscript)):
            return  # a literal lupdate extracts, or a variable holding a NOOP-marked text
        self.hits.append((
            node.lineno, source.lineno, source.end_lineno or source.lineno,
            f"{name}() source is not a plain string literal, so lupdate cannot extract it: "
            f"{_short(ast.unparse(source))}",
        ))


def _notr_comments(source: str) -> dict[int, str]:
    """Line number -> reason of every ``# notr`` comment."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            match = NOTR.search(token.string)
            if match:
                found[token.start[0]] = match.group("reason").strip()
    return found


def check_source(source: str, path: str = "<string>") -> list[Finding]:
    tree = ast.parse(source, filename=path)
    visitor = _Visitor()
    visitor.visit(tree)
    allowed = _notr_comments(source)
    used: set[int] = set()
    findings: list[Finding] = []
    for call_line, first, last, message in visitor.hits:
        lines = {call_line, *range(first, last + 1)}
        excusing = sorted(lines & allowed.keys())
        if excusing:
            used.update(excusing)
            continue
        findings.append(Finding(path, first, message))
    # A notr on a line with a string that needs none (a bullet, a number with its unit) is
    # harmless; on a line without any string it has outlived the string it excused.
    with_strings = {
        line
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Constant) and isinstance(node.value, str))
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    for line, reason in allowed.items():
        if not reason:
            findings.append(Finding(path, line, "a notr comment needs a reason: # notr: why"))
        elif line not in used and line not in with_strings:
            findings.append(Finding(path, line, "a notr comment on a line with no string"))
    return sorted(set(findings))


def python_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            yield path


def check_paths(paths: Iterable[Path]) -> list[Finding]:
    findings: list[Finding] = []
    for file in python_files(paths):
        try:
            shown = str(file.resolve().relative_to(ROOT))
        except ValueError:
            shown = str(file)
        findings.extend(check_source(file.read_text(encoding="utf-8"), shown))
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check")
    args = parser.parse_args(argv)
    findings = check_paths(args.paths or DEFAULT_PATHS)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} untranslated text(s); wrap them in self.tr(...) or add "
              "'# notr: reason'", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
