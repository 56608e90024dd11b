"""Crash reports a person can send on without a second thought: what went wrong in the code,
and nothing of the people at the gate.

A report holds the versions (gatekeeper, Python, the operating system, and what the caller
adds, such as Qt), the time, the exception's type and the stack: file, line, function and the
line of source code of each frame, for the exception and those it was raised from. It leaves
out the exception's message and every variable's value: those may carry a name, a staff
number or a temperature. The full traceback stays in the log file in the data directory,
which is as private as the database beside it.

Reports go to ``DATA_DIR/logs/crash-reports/``; the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import traceback
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from gatekeeper import __version__

FOLDER = "crash-reports"
KEEP = 20


def report_text(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    now: datetime,
    environment: Mapping[str, str] | None = None,
) -> str:
    lines = [
        "gatekeeper crash report",
        "",
        f"time (UTC): {now.astimezone(UTC).isoformat(timespec='seconds')}",
        f"gatekeeper: {__version__}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"system: {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
    ]
    for key, value in (environment or {}).items():
        lines.append(f"{key}: {value}")
    lines += [
        "",
        "The exception's message and the values of variables are left out on purpose: they",
        "may hold names or health data. The full traceback is in the log file.",
        "",
    ]
    chain: list[tuple[type[BaseException], TracebackType | None, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    kind, frames = exc_type, tb
    how = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((kind, frames, how))
        if current.__cause__ is not None:
            how = "which was raised from"
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            how = "which happened while handling"
            current = current.__context__
        else:
            current = None
        if current is not None:
            kind, frames = type(current), current.__traceback__
    for kind, frames, how in reversed(chain):
        if how:
            lines += ["", f"... {how} ...", ""]
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(frames):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
    return "\n".join(lines) + "\n"


def write_report(
    logs_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    *,
    now: datetime | None = None,
    environment: Mapping[str, str] | None = None,
) -> Path | None:
    """Write a report into ``logs_dir/crash-reports``; its path, or None when it cannot be
    written (a full disk must not turn one crash into two)."""
    moment = now or datetime.now(UTC)
    folder = logs_dir / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"crash-{stamp}-{os.getpid()}-{n}.txt"
        path.write_text(
            report_text(exc_type, exc, tb, now=moment, environment=environment),
            encoding="utf-8",
        )
    except OSError:
        return None
    reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.stat().st_mtime)
    for old in reports[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path
