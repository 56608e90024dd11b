"""The soak test runs the real kiosk offscreen (set before pytest-qt makes the QApplication)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
