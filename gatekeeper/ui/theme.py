"""Fonts and the style sheet.

Chinese needs a font family list that names Simplified Chinese fonts explicitly: left to its
own fallback, Qt may pick a Japanese font and draw the Japanese variants of shared glyphs.
Families that a machine does not have are skipped, so one list serves Linux, Windows and macOS.
The font shipped in ``gatekeeper/resources/fonts`` (WenQuanYi Micro Hei) is registered at
start-up, so that the list always finds one even on a machine with no CJK font installed.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gatekeeper.services.fonts import bundled_font_files
from gatekeeper.ui.i18n import CHINESE

log = logging.getLogger(__name__)

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
LATIN_FAMILIES = ("Noto Sans", "Segoe UI", "Helvetica Neue", "DejaVu Sans", "Arial")
MONO_FAMILIES = (
    "Noto Sans Mono",
    "DejaVu Sans Mono",
    "Cascadia Mono",
    "Consolas",
    "Menlo",
    "WenQuanYi Micro Hei Mono",
)
BASE_POINT_SIZE = 11


def ui_font_families(language: str) -> list[str]:
    """Font families in order of preference; Chinese text finds a Simplified Chinese font
    in either language (a site may well have a Chinese name in the English interface)."""
    if language == CHINESE:
        return [*CJK_FAMILIES, *LATIN_FAMILIES]
    return [*LATIN_FAMILIES, *CJK_FAMILIES]


def ui_font(language: str) -> QFont:
    font = QFont()
    font.setFamilies(ui_font_families(language))
    font.setPointSize(BASE_POINT_SIZE)
    return font


def mono_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies([*MONO_FAMILIES, *CJK_FAMILIES])
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(BASE_POINT_SIZE)
    return font


ACCENT = "#0b6e69"
ACCENT_HOVER = "#095a56"
ACCENT_PRESSED = "#07474a"

STYLE_SHEET = f"""
QWidget#Screen {{
    background: #eef2f5;
}}
QFrame#Card {{
    background: #ffffff;
    border: 1px solid #d5dde5;
    border-radius: 12px;
}}
QLabel#Title {{
    font-size: 22pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#Subtitle {{
    font-size: 13pt;
    color: #4a5a68;
}}
QLabel#SectionTitle {{
    font-size: 13pt;
    font-weight: 600;
    color: #14212b;
}}
QLabel#FieldLabel {{
    font-weight: 600;
    color: #24323d;
}}
QLabel#Hint, QLabel#Footnote {{
    color: #5f6f7c;
}}
QLabel#Caption {{
    color: #5f6f7c;
}}
QLabel#Value {{
    font-size: 13pt;
    color: #14212b;
}}
QLabel#BigNumber {{
    font-size: 26pt;
    font-weight: 600;
    color: {ACCENT};
}}
QLabel#Error {{
    color: #a8201a;
    background: #fdeceb;
    border: 1px solid #f4b9b5;
    border-radius: 6px;
    padding: 8px 10px;
}}
QLabel#Command {{
    background: #f3f6f8;
    border: 1px solid #d5dde5;
    border-radius: 6px;
    padding: 6px 10px;
    color: #14212b;
}}
QLineEdit, QComboBox {{
    min-height: 30px;
}}
QPushButton {{
    padding: 6px 16px;
    min-height: 26px;
}}
QPushButton#Primary {{
    background: {ACCENT};
    color: #ffffff;
    border: none;
    border-radius: 6px;
    padding: 8px 28px;
    font-weight: 600;
}}
QPushButton#Primary:hover {{
    background: {ACCENT_HOVER};
}}
QPushButton#Primary:pressed {{
    background: {ACCENT_PRESSED};
}}
QPushButton#Primary:disabled {{
    background: #a9bcc0;
    color: #eef3f4;
}}
QPushButton#LanguageButton {{
    border: 1px solid #b9c6d0;
    background: #ffffff;
    color: #24323d;
    padding: 4px 12px;
    min-height: 22px;
}}
QPushButton#LanguageButton[first="true"] {{
    border-top-left-radius: 6px;
    border-bottom-left-radius: 6px;
}}
QPushButton#LanguageButton[last="true"] {{
    border-top-right-radius: 6px;
    border-bottom-right-radius: 6px;
}}
QPushButton#LanguageButton:checked {{
    background: {ACCENT};
    border-color: {ACCENT};
    color: #ffffff;
}}
"""


# Inner margins of text fields, set in code: a style-sheet padding would change their height,
# and styling QComboBox's frame in a style sheet loses Fusion's drop-down arrow.
TEXT_MARGIN = 6


#: Font files already given to Qt in this process, and the families each added.
_registered_fonts: dict[str, list[str]] = {}


def register_bundled_fonts() -> list[str]:
    """Give Qt the fonts shipped with gatekeeper (once per process); the families they add.
    A file Qt cannot read is logged and skipped: the system's fonts still serve."""
    for path in bundled_font_files():
        key = str(path)
        if key in _registered_fonts:
            continue
        font_id = QFontDatabase.addApplicationFont(key)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("Qt cannot load the bundled font %s", key)
        _registered_fonts[key] = families
    return sorted({family for families in _registered_fonts.values() for family in families})


def apply_theme(app: QApplication, language: str) -> None:
    """Fusion everywhere (the same look on every platform), our fonts and style sheet."""
    app.setStyle("Fusion")
    register_bundled_fonts()
    apply_language_font(app, language)
    app.setStyleSheet(STYLE_SHEET)


def apply_language_font(app: QApplication, language: str) -> None:
    app.setFont(ui_font(language))
