"""The screening kiosk at the gate (Qt). :class:`KioskWindow` is the window; the bridges in
:mod:`.devices` bring the camera and the thermometer in from their threads; :mod:`.worker`
runs every service call on one writer thread."""

from gatekeeper.ui.kiosk.window import KioskOptions, KioskWindow

__all__ = ["KioskOptions", "KioskWindow"]
