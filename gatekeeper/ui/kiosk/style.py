"""The kiosk's look: dark and calm around the camera, full-colour result screens, and type
sized for reading from two metres on a 1280x720 screen (result word 120 px, name 56 px)."""

from __future__ import annotations

from gatekeeper.ui.theme import LATIN_FAMILIES

BACKGROUND = "#0f1c24"
PANEL = "#172a35"
PANEL_BORDER = "#24404f"
TEXT = "#f1f5f7"
MUTED = "#9fb3c0"
ACCENT = "#17a398"
ACCENT_HOVER = "#12897f"

#: Result colours: background, text. Each result also has an icon and a word.
RESULT_COLOURS = {
    "pass": ("#1b7f3a", "#ffffff"),
    "recheck": ("#f0a202", "#1f1400"),
    "deny": ("#c3281f", "#ffffff"),
    "duplicate": ("#1f5f8b", "#ffffff"),
}

RESULT_WORD_PX = 120
NAME_PX = 56

#: Digits from a Latin font that has a real bold face (the CJK fonts may not: at 64 px and
#: more Qt draws outlines and cannot embolden them).
LATIN_FONTS = ", ".join(f'"{family}"' for family in LATIN_FAMILIES)

KIOSK_STYLE = f"""
QWidget#Kiosk, QWidget#KioskScreen {{
    background: {BACKGROUND};
    color: {TEXT};
}}
QWidget#KioskScreen QLabel {{
    color: {TEXT};
}}
QFrame#KPanel {{
    background: {PANEL};
    border: 1px solid {PANEL_BORDER};
    border-radius: 16px;
}}
QLabel#KClockWarning {{
    font-size: 18px;
    font-weight: 600;
    padding: 8px 16px;
    color: #1f1400;
    background: #f0a202;
}}
QLabel#KSyncStrip {{
    font-size: 16px;
    padding: 4px 16px;
    color: {MUTED};
    background: {PANEL};
    border-top: 1px solid {PANEL_BORDER};
}}
QLabel#KSyncStrip[state="error"] {{
    color: #ffd7d4;
    background: #5c1d19;
}}
QLabel#KSyncStrip[state="ok"] {{
    color: #bfe8d4;
}}
QLabel#KSiteLine {{
    font-size: 22px;
    color: {MUTED};
}}
QLabel#KClock {{
    font-size: 30px;
    font-weight: 600;
    color: {TEXT};
}}
QLabel#KTitle {{
    font-size: 44px;
    font-weight: 700;
}}
QLabel#KPrompt {{
    font-size: 60px;
    font-weight: 700;
}}
QLabel#KSubtitle {{
    font-size: 26px;
    color: {MUTED};
}}
QLabel#KSectionTitle {{
    font-size: 28px;
    font-weight: 700;
}}
QLabel#KLabel {{
    font-size: 22px;
    font-weight: 600;
    color: {MUTED};
}}
QLabel#KName {{
    font-size: {NAME_PX}px;
    font-weight: 700;
}}
QLabel#KDetail {{
    font-size: 28px;
    color: {MUTED};
}}
QLabel#KReading {{
    font-size: 96px;
    font-weight: 700;
    color: {TEXT};
    background: #0a151c;
    border: 2px solid {PANEL_BORDER};
    border-radius: 14px;
    padding: 0 24px;
}}
QLabel#KError {{
    font-size: 26px;
    font-weight: 600;
    color: #ffd6d2;
    background: #5c1713;
    border: 1px solid #a33a33;
    border-radius: 10px;
    padding: 10px 16px;
}}
QLabel#KFieldError {{
    font-size: 18px;
    color: #ff9d94;
}}
QLabel#KStatus {{
    font-size: 20px;
    color: {MUTED};
}}
QLabel#KStatusDot[state="running"] {{
    background: #3ddc84;
    border-radius: 8px;
}}
QLabel#KStatusDot[state="starting"] {{
    background: #9fc6d8;
    border-radius: 8px;
}}
QLabel#KStatusDot[state="lost"], QLabel#KStatusDot[state="stopped"] {{
    background: #ffb020;
    border-radius: 8px;
}}
QPushButton {{
    font-size: 24px;
    color: {TEXT};
    background: #223a48;
    border: 1px solid #2f4e60;
    border-radius: 12px;
    padding: 12px 22px;
    min-height: 40px;
}}
QPushButton:hover {{
    background: #2a4656;
}}
QPushButton:pressed {{
    background: #1a2f3b;
}}
QPushButton:disabled {{
    color: #6d828f;
    background: #1a2c37;
}}
QPushButton:focus {{
    border: 2px solid {ACCENT};
}}
QPushButton#KPrimary, QPushButton#KeypadEnter {{
    background: {ACCENT};
    border: none;
    color: #ffffff;
    font-weight: 700;
}}
QPushButton#KPrimary:hover, QPushButton#KeypadEnter:hover {{
    background: {ACCENT_HOVER};
}}
QPushButton#KPrimary:disabled, QPushButton#KeypadEnter:disabled {{
    background: #2c5552;
    color: #9fb3b0;
}}
QPushButton#KSmall {{
    font-size: 18px;
    padding: 6px 14px;
    min-height: 24px;
    border-radius: 8px;
}}
QPushButton#KeypadKey {{
    font-size: 36px;
    font-weight: 700;
    font-family: {LATIN_FONTS};
    background: #1d3340;
    border-radius: 14px;
    padding: 2px 8px;
    min-height: 40px;
}}
QPushButton#KeypadEnter {{
    font-size: 30px;
    border-radius: 14px;
    padding: 2px 8px;
    min-height: 40px;
}}
QPushButton#KDirection {{
    font-size: 40px;
    font-weight: 700;
    min-height: 76px;
    background: #13242e;
    border: 2px solid #2f4e60;
    color: {MUTED};
}}
QPushButton#KDirection:checked {{
    background: {ACCENT};
    border-color: {ACCENT};
    color: #ffffff;
}}
QPushButton#LanguageButton {{
    font-size: 18px;
    padding: 6px 14px;
    min-height: 24px;
    border-radius: 0;
    background: #13242e;
    color: {MUTED};
}}
QPushButton#LanguageButton[first="true"] {{
    border-top-left-radius: 8px;
    border-bottom-left-radius: 8px;
}}
QPushButton#LanguageButton[last="true"] {{
    border-top-right-radius: 8px;
    border-bottom-right-radius: 8px;
}}
QPushButton#LanguageButton:checked {{
    background: {ACCENT};
    border-color: {ACCENT};
    color: #ffffff;
}}
QLineEdit {{
    font-size: 26px;
    color: {TEXT};
    background: #0a151c;
    border: 2px solid {PANEL_BORDER};
    border-radius: 10px;
    padding: 6px 12px;
    min-height: 40px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus {{
    border-color: {ACCENT};
}}
QLineEdit[invalid="true"] {{
    border-color: #e0574d;
}}
QCheckBox, QRadioButton {{
    font-size: 20px;
    color: {TEXT};
    spacing: 12px;
    min-height: 36px;
}}
QCheckBox::indicator, QRadioButton::indicator {{
    width: 22px;
    height: 22px;
    background: #0a151c;
    border: 3px solid #4a6a7c;
}}
QCheckBox::indicator {{
    border-radius: 6px;
}}
QRadioButton::indicator {{
    border-radius: 14px;
}}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
    background: {ACCENT};
    border: 3px solid #bfeee9;
}}
QCheckBox::indicator:hover, QRadioButton::indicator:hover {{
    border-color: {ACCENT};
}}
QListWidget {{
    font-size: 26px;
    color: {TEXT};
    background: #0a151c;
    border: 2px solid {PANEL_BORDER};
    border-radius: 12px;
    padding: 6px;
    outline: none;
}}
QListWidget::item {{
    padding: 14px 12px;
    border-bottom: 1px solid #1d3340;
}}
QListWidget::item:selected {{
    background: {ACCENT};
    color: #ffffff;
    border-radius: 8px;
}}
QScrollArea, QScrollArea > QWidget > QWidget {{
    background: transparent;
    border: none;
}}
QScrollBar:vertical {{
    background: #13242e;
    width: 14px;
    border-radius: 7px;
}}
QScrollBar::handle:vertical {{
    background: #2f4e60;
    border-radius: 7px;
    min-height: 40px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{
    height: 0;
}}
"""


def result_style(kind: str) -> str:
    """The style sheet of the result screen for 'pass', 'recheck', 'deny' or 'duplicate'."""
    background, ink = RESULT_COLOURS[kind]
    muted = "rgba(31, 20, 0, 0.78)" if kind == "recheck" else "rgba(255, 255, 255, 0.86)"
    button_bg = "rgba(0, 0, 0, 0.14)" if kind == "recheck" else "rgba(255, 255, 255, 0.16)"
    return f"""
QWidget#KioskResult {{
    background: {background};
}}
QWidget#KioskResult QLabel {{
    color: {ink};
}}
QLabel#KResultName {{
    font-size: {NAME_PX}px;
    font-weight: 700;
}}
QLabel#KResultTemp {{
    font-size: 64px;
    font-weight: 700;
    font-family: {LATIN_FONTS};
}}
QWidget#KioskResult QLabel#KResultDetail {{
    font-size: 28px;
    color: {muted};
}}
QLabel#KResultReason {{
    font-size: 30px;
    font-weight: 600;
}}
QWidget#KioskResult QPushButton {{
    color: {ink};
    background: {button_bg};
    border: 2px solid {ink};
    font-weight: 700;
}}
QFrame#KResultRule {{
    background: {muted};
    max-height: 2px;
    min-height: 2px;
    border: none;
}}
"""
