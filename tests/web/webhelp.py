"""Helpers of the self-service web tests (a module of its own name: every test folder has a
conftest.py, so none is imported by name)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def good_visit(**changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "name": "王芳", "phone": "13800001111", "company": "华东物流", "host": "张伟",
        "purpose": "Delivery", "kind": "visitor", "visit_date": "2026-11-27",
        "places": "", "contact": "no",
    }
    form.update(changes)
    return {k: v for k, v in form.items() if v is not None}
