"""Fixtures for the security tests: the installations of tests/fuzz/installations.py and the
real `gatekeeper` command of tests/e2e/cliutil.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS / "fuzz", TESTS / "e2e"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from cliutil import GATEKEEPER, Cli  # noqa: E402
from installations import Clock, Node, make_site  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def site(tmp_path: Path, clock: Clock) -> Iterator[Node]:
    node = make_site(tmp_path / "site", clock)
    yield node
    node.close()


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    assert GATEKEEPER.exists(), f"{GATEKEEPER} is not installed (pip install -e .)"
    return Cli(tmp_path / "data", tmp_path)


@pytest.fixture
def cli_site(cli: Cli) -> Cli:
    """A site made with `gatekeeper init`, with two people."""
    made = cli("init", "--site", "华东一厂", "--gate", "North Gate", "--timezone", "Asia/Shanghai")
    assert made.code == 0, made.err
    for staff_no, name in (("1001", "张伟"), ("1002", "Li Na")):
        assert cli("staff", "add", "--staff-no", staff_no, "--name", name).code == 0
    return cli
