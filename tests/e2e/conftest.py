"""End-to-end fixtures: the real `gatekeeper` command on a temporary data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    assert GATEKEEPER.exists(), f"{GATEKEEPER} is not installed (pip install -e .)"
    return Cli(tmp_path / "data", tmp_path)


@pytest.fixture
def site(cli: Cli) -> Cli:
    result = cli(
        "init", "--site", "华东一厂", "--gate", "North Gate", "--timezone", "Asia/Shanghai"
    )
    assert result.code == 0, result.err
    return cli
