"""Fixtures for sync tests: a site installation and gates provisioned from it, each in its own
temporary data folder with its own SQLite database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from syncnodes import Node

from gatekeeper.config import Paths
from gatekeeper.services.provision import ProvisionService
from gatekeeper.services.setup import SetupService
from gatekeeper.storage.database import Database, sqlite_url


@pytest.fixture
def make_node(tmp_path: Path, clock: Any) -> Iterator[Callable[[str], Node]]:
    made: list[Node] = []

    def make(name: str) -> Node:
        paths = Paths(tmp_path / name)
        paths.data_dir.mkdir(parents=True)
        node = Node(name, paths, Database(sqlite_url(paths.database_file)), clock)
        made.append(node)
        return node

    yield make
    for node in made:
        node.db.dispose()


@pytest.fixture
def site(make_node: Callable[[str], Node]) -> Node:
    """The site's installation: its key, two employees with badges."""
    node = make_node("site")
    SetupService(node.db, node.paths, node.clock).initialise(
        "华东一厂", "Main Gate", "Asia/Shanghai", actor="test"
    )
    node.services.staff.add(staff_no="1001", name="张伟", department="总装车间")
    node.services.staff.add(staff_no="1002", name="Li Na", department="QA")
    node.services.badges.issue(["1001", "1002"])
    return node


@pytest.fixture
def provision(
    site: Node, make_node: Callable[[str], Node], tmp_path: Path
) -> Callable[..., Node]:
    """A new installation provisioned from the site."""

    def make(name: str, role: str = "gate", folder: str | None = None) -> Node:
        file = tmp_path / f"{folder or name}.provision"
        ProvisionService(site.db, site.paths, site.clock).provision(
            name, file, role=role, actor="test"
        )
        node = make_node(folder or name)
        ProvisionService(node.db, node.paths, node.clock).install(file, actor="test")
        return node

    return make


@pytest.fixture
def gate(provision: Callable[..., Node]) -> Node:
    return provision("North Gate", folder="north")

