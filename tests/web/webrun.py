"""Running the real `gatekeeper` command for the web's end-to-end tests and screenshots: a site,
its web service (its own key, serving on the site's SQLite file) and a gate provisioned after
the web service and never online again; Chromium for the pages."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GATEKEEPER = Path(sys.executable).with_name("gatekeeper")
#: How Chromium runs here: Debian's package, no sandbox (root in a container), nothing that
#: reaches out to the internet.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def chromium() -> str:
    path = shutil.which("chromium")
    assert path, (
        "Chromium is missing: install Debian's chromium package (make test does, through "
        "tools/install-system-deps.sh)"
    )
    return path


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
    clean["QT_QPA_PLATFORM"] = "offscreen"
    return clean


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def run(data_dir: Path, *args: str | os.PathLike[str], timeout: float = 90,
        database: str | None = None) -> Result:
    options = ["--data-dir", str(data_dir)]
    if database:
        options += ["--database", database]
    proc = subprocess.run(
        [str(GATEKEEPER), *options, *map(str, args)], env=env(), capture_output=True,
        timeout=timeout, check=False, cwd=data_dir.parent,
    )
    result = Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
    assert "Traceback" not in result.err, result.err
    return result


def ok(result: Result) -> Result:
    assert result.code == 0, f"{result.out}\n{result.err}"
    return result


@dataclass
class Site:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def web(self) -> Path:
        return self.root / "web"

    @property
    def gate(self) -> Path:
        return self.root / "gate"

    @property
    def database(self) -> str:
        return f"sqlite:///{self.site / 'gatekeeper.db'}"


def make_site(root: Path, people: tuple[tuple[str, str, str], ...] = ()) -> Site:
    """Site, then web service, then gate, each provisioned by the site in that order (so the
    gate's registry carries the web service's public key), as IT would do it."""
    where = Site(root)
    root.mkdir(parents=True, exist_ok=True)
    ok(run(where.site, "init", "--site", "华东一厂", "--gate", "North Gate",
           "--timezone", "Asia/Shanghai"))
    for staff_no, name, department in people:
        ok(run(where.site, "staff", "add", "--staff-no", staff_no, "--name", name,
               "--department", department))
    for name, role, folder in (("Web", "web", where.web), ("South Gate", "gate", where.gate)):
        file = root / f"{folder.name}.gkprov"
        ok(run(where.site, "gate", "provision", "--name", name, "--role", role, "--out", file))
        ok(run(folder, "init", "--provision", file))
        file.unlink()
    return where


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(where: Site, log: Path) -> Iterator[str]:
    """`gatekeeper serve` as a real process on a free loopback port; its address."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(GATEKEEPER), "--data-dir", str(where.web), "serve", "--database",
             where.database, "--host", "127.0.0.1", "--port", str(port)],
            env=env(), stdout=out, stderr=subprocess.STDOUT, cwd=where.root,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                assert proc.poll() is None, log.read_text("utf-8")
                try:
                    with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                        if answer.read() == b"ok":
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                assert time.monotonic() < deadline, log.read_text("utf-8")
                time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover
                proc.kill()
                proc.wait()
