"""Windows as high as their wrapped texts need.

A label that wraps needs more height the narrower it is, and Qt sizes a window by its layout's
size hint: a dialog given less width than it hinted at (QWidget.adjustSize() stops at two
thirds of the screen) or whose message just got longer keeps a height too small, and its
layout squeezes the labels until their last lines are cut off.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fit_height(window: QWidget) -> None:
    """Resize ``window`` to the height its layout needs at its present width (no more than the
    screen's)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(window.width())
    else:
        height = layout.totalSizeHint().height()
    height = max(height, layout.totalMinimumSize().height())
    screen = window.screen()
    if screen is not None:
        height = min(height, screen.availableGeometry().height())
    window.resize(window.width(), height)
