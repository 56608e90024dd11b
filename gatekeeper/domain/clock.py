"""Time: one injectable clock, and the local time zone's IANA name."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def is_valid_timezone(name: str) -> bool:
    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def system_timezone() -> str:
    """The IANA name of this machine's zone, or UTC when it cannot be told."""
    env = os.environ.get("TZ", "").lstrip(":")
    if is_valid_timezone(env):
        return env
    try:
        target = Path("/etc/localtime").resolve()
        parts = target.parts
        if "zoneinfo" in parts:
            name = "/".join(parts[parts.index("zoneinfo") + 1 :])
            if is_valid_timezone(name):
                return name
    except OSError:
        pass
    try:
        name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
        if is_valid_timezone(name):
            return name
    except OSError:
        pass
    return "UTC"


def all_timezones() -> list[str]:
    return sorted(available_timezones())
