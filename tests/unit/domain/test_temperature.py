from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gatekeeper.domain.enums import TempUnit
from gatekeeper.domain.screening import Reason, first_reading, second_reading
from gatekeeper.domain.temperature import ReadingError, parse_reading, reading


@pytest.mark.parametrize(
    ("text", "unit", "expected_c"),
    [
        ("36.6", TempUnit.C, 36.6),
        (" 36,6 ", TempUnit.C, 36.6),
        ("36.6°C", TempUnit.F, 36.6),
        ("97.9", TempUnit.F, 36.61),
        ("97.9F", TempUnit.C, 36.61),
        ("98.6 °F", TempUnit.C, 37.0),
        ("37", TempUnit.C, 37.0),
    ],
)
def test_parse(text: str, unit: TempUnit, expected_c: float) -> None:
    assert parse_reading(text, unit).value_c == pytest.approx(expected_c, abs=0.01)


@pytest.mark.parametrize("text", ["", "abc", "36..6", "3 6", "36.6K", "--36", "1e2", "36.6.6"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(ReadingError) as info:
        parse_reading(text)
    assert not info.value.implausible


@pytest.mark.parametrize("text", ["33.9", "43.1", "0", "-36.6", "120", "99", "36.6F"])
def test_implausible_is_a_measurement_error(text: str) -> None:
    with pytest.raises(ReadingError, match="re-measure") as info:
        parse_reading(text)
    assert info.value.implausible


def test_bounds_are_inclusive_and_calibration_applies() -> None:
    assert parse_reading("34.0").value_c == 34.0
    assert parse_reading("43.0").value_c == 43.0
    assert parse_reading("36.2", calibration_offset_c=0.4).value_c == pytest.approx(36.6)
    with pytest.raises(ReadingError):
        parse_reading("42.9", calibration_offset_c=0.5)


def test_entered_value_and_unit_are_kept() -> None:
    t = parse_reading("99.5F")
    assert (t.value_entered, t.unit_entered) == (99.5, TempUnit.F)


def test_nan_and_inf() -> None:
    for value in (math.nan, math.inf):
        with pytest.raises(ReadingError):
            reading(value, TempUnit.C)


@given(st.text(max_size=30))
def test_fuzz_parse_never_crashes(text: str) -> None:
    try:
        t = parse_reading(text)
    except ReadingError as exc:
        assert str(exc)
    else:
        assert 34.0 <= t.value_c <= 43.0


def test_rules() -> None:
    assert first_reading(37.2, 37.3).reason is Reason.NORMAL
    assert first_reading(37.3, 37.3).reason is Reason.FEVER_FIRST  # at the threshold is fever
    assert second_reading(37.2, 37.3).reason is Reason.CLEARED_ON_RECHECK
    assert second_reading(37.3, 37.3).reason is Reason.FEVER_CONFIRMED
    assert second_reading(38.0, 37.3).alert
