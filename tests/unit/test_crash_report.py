"""Crash reports hold the code's side of a crash and nothing of the people at the gate."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import pytest

from gatekeeper import crash_report
from gatekeeper.crash_report import report_text, write_report

NOW = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)
# Made at run time so that no line of source code shown in a report holds them.
NAME = "".join(["张", "伟"])
TEMPERATURE = round(38.0 + 0.4, 1)
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def screen_person(name: str, temperature: float) -> None:
    record = {"name": name, "staff_no": "1001", "temperature": temperature}
    try:
        record["missing"]
    except KeyError as exc:
        raise RuntimeError(f"cannot record {name} at {temperature} °C") from exc


def crashed() -> ExcInfo:
    try:
        screen_person(NAME, TEMPERATURE)
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("no crash")


def test_the_report_names_the_code_and_leaves_out_names_and_temperatures() -> None:
    text = report_text(*crashed(), now=NOW, environment={"qt": "6.9.0"})
    assert "builtins.RuntimeError" in text
    assert "builtins.KeyError" in text  # the exception it was raised from
    assert "which was raised from" in text
    assert "in screen_person" in text and "test_crash_report.py" in text
    assert "qt: 6.9.0" in text and "2026-11-27T08:30:00+00:00" in text
    assert "RuntimeError(f" in text  # the source line, as written
    message = str(crashed()[1])
    assert NAME in message and str(TEMPERATURE) in message
    assert message not in text  # ... but not the message it made at run time
    for private in (NAME, str(TEMPERATURE)):
        assert private not in text, private


def test_an_exception_while_handling_another_is_reported_too() -> None:
    try:
        try:
            {}["a"]
        except KeyError:
            int(NAME)
    except ValueError as exc:
        text = report_text(type(exc), exc, exc.__traceback__, now=NOW)
    assert "which happened while handling" in text
    assert "builtins.ValueError" in text and "builtins.KeyError" in text
    assert "invalid literal" not in text


def test_reports_are_written_and_rotated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setattr(crash_report, "KEEP", 3)
    paths = []
    for _ in range(5):
        path = write_report(tmp_path, *crashed(), now=NOW)
        assert path is not None
        paths.append(path)
    assert len(set(paths[-3:])) == 3  # the same second: distinct names
    kept = set((tmp_path / "crash-reports").glob("crash-*.txt"))
    assert kept == set(paths[-3:])  # the newest three


def test_a_report_that_cannot_be_written_is_none(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    assert write_report(blocker, *crashed(), now=NOW) is None
