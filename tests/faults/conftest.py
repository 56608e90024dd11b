"""Fixtures of the fault scenarios: the installations every run copies, made once."""

from __future__ import annotations

import pytest
from faultsites import Installations, OldInstallation, make_installations, make_old_installation


@pytest.fixture(scope="session")
def installations(tmp_path_factory: pytest.TempPathFactory) -> Installations:
    return make_installations(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def old_installation(
    installations: Installations, tmp_path_factory: pytest.TempPathFactory
) -> OldInstallation:
    return make_old_installation(installations, tmp_path_factory.mktemp("old"))
