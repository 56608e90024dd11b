"""Running the real `gatekeeper` command in a subprocess on a temporary data directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GATEKEEPER = Path(sys.executable).with_name("gatekeeper")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


class Cli:
    def __init__(self, data_dir: Path, cwd: Path) -> None:
        self.data_dir = data_dir
        self.cwd = cwd

    def __call__(self, *args: str | os.PathLike[str], timeout: float = 60) -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        proc = subprocess.run(
            [str(GATEKEEPER), "--data-dir", str(self.data_dir), *map(str, args)],
            cwd=self.cwd, env=env, capture_output=True, timeout=timeout, check=False,
        )
        result = Result(
            proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        )
        assert "Traceback" not in result.err, result.err
        return result
