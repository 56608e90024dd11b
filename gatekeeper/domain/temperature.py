"""Body temperature: parsing what a guard typed or a device sent, units, calibration, and
plausibility.

A reading outside the plausible range is a measurement error (a forehead gun pointed at the
sky, a finger on the keypad): it is refused with "re-measure" and never stored as the
person's temperature.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from gatekeeper.domain.enums import TempUnit

PLAUSIBLE_MIN_C = 34.0
PLAUSIBLE_MAX_C = 43.0
DEFAULT_FEVER_THRESHOLD_C = 37.3

_NUMBER = re.compile(r"^\s*([+-]?\d{1,3}(?:[.,]\d{1,3})?)\s*(?:°|º|deg)?\s*([CcFf])?\s*$")


class ReadingError(ValueError):
    """A reading that cannot be used; the message tells the guard what to do."""

    def __init__(self, message: str, *, implausible: bool = False) -> None:
        super().__init__(message)
        self.implausible = implausible


@dataclass(frozen=True)
class Temperature:
    """A plausible body temperature in °C, with what was entered."""

    value_c: float
    value_entered: float
    unit_entered: TempUnit


def f_to_c(value: float) -> float:
    return (value - 32.0) * 5.0 / 9.0


def c_to_f(value: float) -> float:
    return value * 9.0 / 5.0 + 32.0


def parse_number(text: str, default_unit: TempUnit) -> tuple[float, TempUnit]:
    """'36.6', '36,6', '97.9F', '36.6 °C' -> (value, unit). ReadingError if not a number."""
    match = _NUMBER.match(text)
    if match is None:
        raise ReadingError(f"'{text.strip()[:20]}' is not a temperature.")
    value = float(match.group(1).replace(",", "."))
    unit = TempUnit(match.group(2).upper()) if match.group(2) else default_unit
    return value, unit


def reading(value: float, unit: TempUnit, calibration_offset_c: float = 0.0) -> Temperature:
    """A checked temperature. The calibration offset of the device is added in °C."""
    if not math.isfinite(value):
        raise ReadingError("The reading is not a number.")
    celsius = (f_to_c(value) if unit is TempUnit.F else value) + calibration_offset_c
    celsius = round(celsius, 2)
    if not PLAUSIBLE_MIN_C <= celsius <= PLAUSIBLE_MAX_C:
        raise ReadingError(
            f"{value:g} °{unit} is outside the plausible range "
            f"{PLAUSIBLE_MIN_C:g}-{PLAUSIBLE_MAX_C:g} °C: re-measure.",
            implausible=True,
        )
    return Temperature(celsius, value, unit)


def parse_reading(
    text: str, default_unit: TempUnit = TempUnit.C, calibration_offset_c: float = 0.0
) -> Temperature:
    value, unit = parse_number(text, default_unit)
    return reading(value, unit, calibration_offset_c)
