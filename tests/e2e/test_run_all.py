"""benchmarks/run_all.py on tiny sizes (--smoke): every benchmark runs, and the report has
its form: report.json with every figure beside a ``reference`` (or a note saying why there
is none), the machine, the commit and the timings; report.md with a table per benchmark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

REPO = Path(__file__).resolve().parents[2]
NAMES = ["decode", "kiosk", "review", "sync", "soak"]


def test_run_all_writes_one_report_with_every_figure_beside_its_reference(
    tmp_path: Path,
) -> None:
    out = tmp_path / "report"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_all.py"), "--smoke", "--jobs", "5",
         "--out", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["mode"] == "smoke" and report["jobs"] == 5
    assert report["git"]["commit"] and len(report["git"]["commit"]) == 40
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]
    assert len(report["load"]["before"]) == 3
    assert [b["name"] for b in report["benchmarks"]] == NAMES
    assert set(report["timings"]) == set(NAMES) and report["seconds"] > 0
    for bench in report["benchmarks"]:
        assert bench["ok"], (bench["name"], bench["stderr_tail"])
        assert bench["seconds"] > 0 and bench["command"][1].startswith("benchmarks/")
        assert bench["figures"], bench["name"]
        for figure in bench["figures"]:
            assert {"figure", "value", "unit", "reference", "ratio", "goal", "met"} <= set(figure)
            if figure["reference"] is None:
                assert figure.get("note"), (bench["name"], figure["figure"])
            else:
                assert figure["reference"]["what"] and "value" in figure["reference"]
        with_reference = [f for f in bench["figures"] if f["reference"] is not None]
        assert with_reference, f"{bench['name']}: no figure has a reference"

    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Benchmarks (smoke)")
    assert report["git"]["commit"][:12] in markdown
    for name in NAMES:
        assert f"## {name}: " in markdown
    assert markdown.count("| figure | value | reference | ratio | goal | met? |") == len(NAMES)
