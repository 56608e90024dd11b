"""Runs every benchmark and writes one report: DIR/report.json and DIR/report.md.

Each benchmark script in benchmarks/ (decode, kiosk, review, sync, soak) runs in a
subprocess of its own, one after another (so that they do not time each other), and prints
JSON lines; this script turns those lines into figures, each beside the reference the same
script measured in the same run (a key ``reference``: what it is and its value, or null
with a note saying which natural reference the script does not measure: none is invented
here), the ratio of the two, the goal and whether it was met. The report also records the
machine, the git commit, each script's command, time and exit code, and the machine's load
before, during and after each script (other work on the machine inflates wall-clock figures).

    .venv/bin/python benchmarks/run_all.py --out DIR            # the full sizes: hours
    .venv/bin/python benchmarks/run_all.py --quick --out DIR    # within 10 minutes
    .venv/bin/python benchmarks/run_all.py --smoke --out DIR    # tiny sizes: the report's form

``--only kiosk,soak`` runs some of them. ``--smoke`` passes tiny sizes to each script
(decode.py has no size below ``--quick``: it runs ``--quick --no-cv2``); its figures say
nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

Line = dict[str, Any]
Figure = dict[str, Any]


@dataclass(frozen=True)
class Benchmark:
    name: str
    script: str
    what: str
    full: tuple[str, ...] = ()
    quick: tuple[str, ...] = ("--quick",)
    smoke: tuple[str, ...] = ("--quick",)


BENCHMARKS = (
    Benchmark("decode", "decode.py", "QR decoding: gatekeeper's decoder, raw zxing-cpp, OpenCV",
              smoke=("--quick", "--no-cv2")),
    Benchmark("kiosk", "kiosk.py", "Kiosk: camera frame to durable commit; the capture loop",
              smoke=("--quick", "--scans", "20")),
    Benchmark("review", "review.py", "Officer console: the entry log over a generated log",
              smoke=("--events", "3000")),
    Benchmark("sync", "sync.py", "Sync: export, import into SQLite, push to PostgreSQL",
              smoke=("--events", "2000")),
    Benchmark("soak", "soak.py", "Soak: the kiosk through an accelerated 12-hour shift",
              smoke=("--scans", "30", "--warmup", "10", "--settle", "0")),
)


# --- the machine --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu_model": _proc_field("/proc/cpuinfo", "model name"),
    }
    mem = _proc_field("/proc/meminfo", "MemTotal")
    if mem:
        info["memory_gb"] = round(int(mem.split()[0]) / 1024 / 1024, 1)
    packages = {}
    for dist in ("PySide6-Essentials", "SQLAlchemy", "zxing-cpp", "opencv-python-headless",
                 "numpy", "psycopg"):
        try:
            packages[dist] = version(dist)
        except PackageNotFoundError:
            continue
    info["packages"] = packages
    return info


def _proc_field(path: str, name: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                key, _, value = line.partition(":")
                if key.strip() == name:
                    return value.strip()
    except OSError:
        return None
    return None


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    changed = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines()
               if line.strip()]
    return {"commit": git("rev-parse", "HEAD") or None, "branch": git("branch", "--show-current"),
            "subject": git("log", "-1", "--format=%s"),
            "uncommitted_files": len(changed)}


class LoadSampler:
    """The 1-minute load average every few seconds, on a thread of its own."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="load-sampler", daemon=True)

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            if self._stop.wait(self.every):
                return

    def summary(self) -> dict[str, float]:
        if not self.samples:
            return {}
        return {"mean": round(sum(self.samples) / len(self.samples), 2),
                "max": round(max(self.samples), 2)}


# --- running one benchmark ----------------------------------------------------------------


@dataclass
class Run:
    bench: Benchmark
    command: list[str]
    seconds: float
    returncode: int | None  # None: timed out
    lines: list[Line]
    stderr_tail: str
    load_before: list[float]
    load_after: list[float]
    load_during: dict[str, float]
    figures: list[Figure] = field(default_factory=list)
    info: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unused: list[Line] = field(default_factory=list)


def run_one(bench: Benchmark, args: tuple[str, ...], timeout: float) -> Run:
    command = [sys.executable, str(HERE / bench.script), *args]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    load_before = [round(x, 2) for x in os.getloadavg()]
    machine_before, children_before = _machine_busy_s(), _children_cpu_s()
    started = time.perf_counter()
    with LoadSampler() as load:
        try:
            done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                                  timeout=timeout, check=False)
            returncode: int | None = done.returncode
            stdout, stderr = done.stdout, done.stderr
        except subprocess.TimeoutExpired as expired:
            returncode = None
            stdout = _text(expired.stdout)
            stderr = _text(expired.stderr) + f"\n(timed out after {timeout:.0f} s)"
    seconds = time.perf_counter() - started
    others = (_machine_busy_s() - machine_before) - (_children_cpu_s() - children_before)
    load_during = load.summary()
    # Other processes' share of all CPUs meanwhile: what inflated this script's wall clock.
    load_during["others_cpu_pct"] = round(max(0.0, others) / (seconds * (os.cpu_count() or 1))
                                          * 100)
    lines: list[Line] = []
    for raw in stdout.splitlines():
        raw = raw.strip()
        if not raw.startswith("{"):
            continue
        try:
            parsed = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if isinstance(parsed, dict):
            lines.append(parsed)
    tail = "\n".join(stderr.strip().splitlines()[-15:])
    run = Run(bench, command, round(seconds, 1), returncode, lines, tail, load_before,
              [round(x, 2) for x in os.getloadavg()], load_during)
    try:
        ADAPTERS.get(bench.name, adapt_generic)(run)
    except (KeyError, TypeError, ValueError) as exc:  # the script's output changed shape
        run.figures, run.info = [], []
        run.notes.append(f"its lines did not have the expected shape ({exc!r}): read "
                         "generically; see `lines` in report.json")
        adapt_generic(run)
    return run


def _machine_busy_s() -> float:
    """CPU seconds all CPUs have been busy since boot (/proc/stat: all but idle, iowait)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:9]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _text(data: str | bytes | None) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data


# --- figures ------------------------------------------------------------------------------


def fig(
    name: str,
    value: Any,
    unit: str,
    reference: dict[str, Any] | None,
    *,
    goal: str | None = None,
    met: bool | None = None,
    note: str | None = None,
    **extra: Any,
) -> Figure:
    """One figure. ``reference`` is {"what": ..., "value": ...} measured in the same run, or
    None, and then ``note`` says why (which natural reference the script does not measure)."""
    ratio = None
    if reference is not None:
        ref = reference.get("value")
        if _number(value) and _number(ref) and ref:
            ratio = round(float(value) / float(ref), 2)
    out: Figure = {"figure": name, "value": value, "unit": unit, "reference": reference,
                   "ratio": ratio, "goal": goal, "met": met}
    if note:
        out["note"] = note
    out.update(extra)
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def ref(what: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"what": what, "value": value, **extra}


def adapt_generic(run: Run) -> None:
    """Lines that already are figures (``figure`` and ``value``: soak.py), lines that carry a
    ``reference`` object (sync.py, review.py's daily report): one figure per key measured on
    both sides; anything else is kept as information."""
    for line in run.lines:
        if "figure" in line and "value" in line:
            extra = {k: v for k, v in line.items()
                     if k not in ("bench", "figure", "value", "unit", "reference", "goal",
                                  "met", "note")}
            reference = line.get("reference")
            run.figures.append(fig(
                line["figure"], line["value"], line.get("unit", ""),
                reference if isinstance(reference, dict) else None,
                goal=line.get("goal"), met=line.get("met"),
                note=line.get("note") or (None if reference else
                                          f"{run.bench.script} gives no reference"),
                **extra))
        elif isinstance(line.get("reference"), dict):
            run.figures.extend(_with_reference(run, line))
        else:
            run.info.append(line)


def _label(line: Line) -> str:
    for key in ("step", "case", "what", "bench"):
        if isinstance(line.get(key), str):
            return str(line[key])
    return "?"


def _unit(key: str) -> str:
    for suffix, unit in (("_ms", "ms"), ("_s", "s"), ("_mb", "MB")):
        if key.endswith(suffix):
            return unit
    return {"seconds": "s", "bytes": "bytes", "ms": "ms"}.get(key, "")


def _with_reference(run: Run, line: Line) -> list[Figure]:
    reference = line["reference"]
    what = str(reference.get("what", "reference"))
    label = _label(line)
    shared = [k for k, v in reference.items() if k != "what" and _number(v)
              and _number(line.get(k))]
    figures = []
    goal, met = None, None
    if _number(line.get("goal_s")):
        goal = f"< {line['goal_s']} s"
        met = bool(line.get("within_goal")) if "within_goal" in line else None
    for key in shared:
        figures.append(fig(f"{label}: {key}", line[key], _unit(key), ref(what, reference[key]),
                           goal=goal if key == "seconds" else None,
                           met=met if key == "seconds" else None))
    rest = {k: v for k, v in line.items()
            if k not in ("reference", "ratio", "goal_s", "within_goal", *shared)}
    if _number(line.get("seconds")) and "seconds" not in shared:
        figures.append(fig(f"{label}: seconds", line["seconds"], "s", None, goal=goal, met=met,
                           note=f"{run.bench.script}'s reference has no seconds"))
    if rest:
        run.info.append(rest)  # rates derived from the seconds, counts, sizes
    return figures


def adapt_decode(run: Run) -> None:
    rows = [ln for ln in run.lines if ln.get("bench") == "decode"]
    run.info.extend(ln for ln in run.lines if ln.get("bench") != "decode")
    by_set: dict[str, dict[str, Line]] = {}
    for line in rows:
        by_set.setdefault(str(line.get("set")), {})[str(line.get("decoder"))] = line
    for name, decoders in by_set.items():
        ours, raw = decoders.get("gatekeeper"), decoders.get("zxing-cpp")
        if ours is None:
            run.unused.extend(decoders.values())
            continue
        others = {d: {"correct": ln.get("correct"), "wrong": ln.get("wrong"),
                      "p95_ms": ln.get("p95_ms")}
                  for d, ln in decoders.items() if d not in ("gatekeeper", "zxing-cpp")}
        def reference(key: str, raw: Line | None = raw) -> dict[str, Any] | None:
            what = "raw zxing-cpp (QR family, defaults) on the same frames"
            return ref(what, raw.get(key)) if raw is not None else None

        missing = None if raw is not None else "decode.py gave no zxing-cpp line for this set"
        no_code = name.startswith("no-code")
        if not no_code:
            run.figures.append(fig(
                f"{name}: decoded correctly", ours["correct"], f"of {ours['total']}",
                reference("correct"), goal="at least raw zxing-cpp",
                met=raw is None or ours["correct"] >= raw["correct"], note=missing,
                others=others))
        run.figures.append(fig(
            f"{name}: wrong texts", ours["wrong"], f"of {ours['total']}", reference("wrong"),
            goal="0", met=ours["wrong"] == 0, note=missing))
        run.figures.append(fig(
            f"{name}: p95 ms", ours["p95_ms"], "ms", reference("p95_ms"), goal="< 10 ms",
            met=ours["p95_ms"] < 10, note=missing, median_ms=ours.get("median_ms")))
        if _number(ours.get("cpu_p95_ms")):
            run.figures.append(fig(
                f"{name}: CPU p95 ms", ours["cpu_p95_ms"], "ms", reference("cpu_p95_ms"),
                goal="< 10 ms", met=ours["cpu_p95_ms"] < 10, note=missing,
                measure="CPU time of the decoding thread: not inflated by other processes"))


KIOSK_PARTS = {
    "decode (gatekeeper QrDecoder)": "reference: raw zxing-cpp on the same frames",
    "verify + screen + commit (gatekeeper)": "reference: raw sqlite3 one-row commit, WAL+FULL",
}


def adapt_kiosk(run: Run) -> None:
    latency = {str(ln.get("what")): ln for ln in run.lines if ln.get("case") == "latency"}
    for line in run.lines:
        case = line.get("case")
        if case == "latency":
            what = str(line.get("what"))
            if what.startswith("reference:"):
                continue  # shown beside the figure it is the reference of
            if what == "frame to durable commit (gatekeeper)":
                note = ("kiosk.py measures no floor for the whole path; its two parts are "
                        "each compared with theirs below")
                run.figures.append(fig(f"{what}: p95", line["p95_ms"], "ms", None,
                                       goal="< 50 ms", met=line["p95_ms"] < 50, note=note,
                                       scans=line.get("scans"), missed=line.get("missed")))
                run.figures.append(fig(f"{what}: median", line["median_ms"], "ms", None,
                                       note=note))
                continue
            reference_line = latency.get(KIOSK_PARTS.get(what, ""))
            for key in ("p95_ms", "median_ms"):
                reference = (ref(str(reference_line["what"]).removeprefix("reference: "),
                                 reference_line.get(key)) if reference_line else None)
                run.figures.append(fig(
                    f"{what}: {key.removesuffix('_ms').replace('p95', 'p95')}", line[key], "ms",
                    reference,
                    note=None if reference else "kiosk.py gave no reference for this part"))
        elif case == "camera-loop":
            target = line.get("target_fps", 30.0)
            run.figures.append(fig(
                "capture loop on the demo camera, with a writer thread: fps", line["fps"], "fps",
                None, goal=f"the {target:g} fps target (within 2 %)",
                met=line["fps"] >= 0.98 * target,
                note="kiosk.py measures no reference (a natural one: the same loop without "
                     "the writer thread)",
                seconds=line.get("seconds"), screenings_recorded=line.get("screenings_recorded"),
                mean_decode_ms=line.get("mean_decode_ms")))
        else:
            run.info.append(line)


def adapt_review(run: Run) -> None:
    naive = next((ln for ln in run.lines if ln.get("bench") == "naive"), {})
    same_sql = "plain sqlite3 running the same SQL (median)"
    for line in run.lines:
        kind = line.get("bench")
        if kind in ("first-rows", "filter"):
            name = ("open the log: count + first 50 rows" if kind == "first-rows"
                    else f"filter {line['filter']}: count + first 50 rows")
            goal_ms = line.get("goal_ms", 100)
            run.figures.append(fig(
                f"{name}, median", line["ms"], "ms", ref(same_sql, line.get("sqlite3_ms")),
                goal=f"every run < {goal_ms} ms", met=line.get("ok"),
                worst_ms=line.get("max_ms"), first_ms=line.get("first_ms"),
                rows=line.get("count", line.get("rows"))))
            if kind == "filter" and _number(line.get("end_ms")):
                run.figures.append(fig(
                    f"filter {line['filter']}: the end of the filtered log", line["end_ms"],
                    "ms", ref(same_sql, line.get("end_sqlite3_ms"))))
        elif kind == "sort":
            direction = "descending" if line.get("descending") else "ascending"
            run.figures.append(fig(
                f"sort by {line['column']} {direction} ({line.get('filter')}), median",
                line["ms"], "ms", ref(same_sql, line.get("sqlite3_ms")),
                worst_ms=line.get("max_ms"), end_ms=line.get("end_ms"),
                middle_ms=line.get("middle_ms"),
                note="review.py measures no reference for the end and middle of a sorted log"))
        elif kind == "scroll" and "end_ms" in line:
            run.figures.append(fig(
                "scroll to the end of the log", line["end_ms"], "ms",
                ref("plain sqlite3 running the same SQL", line.get("end_sqlite3_ms")),
                naive_offset_ms=naive.get("end_by_offset_ms")))
            run.figures.append(fig(
                "jump to the middle of the log", line["middle_ms"], "ms",
                ref("plain sqlite3 running the same SQL", line.get("middle_sqlite3_ms"))))
            note = "review.py replays no SQL for block reads and random jumps"
            for key in ("next_block_p95_ms", "random_jump_p95_ms", "random_jump_max_ms"):
                run.figures.append(fig(key.removesuffix("_ms").replace("_", " "), line[key], "ms",
                                       None, note=note))
        elif kind == "scroll":
            note = "review.py replays no SQL for random jumps"
            for key in ("random_jump_p95_ms", "random_jump_max_ms"):
                run.figures.append(fig(
                    f"{key.removesuffix('_ms').replace('_', ' ')} ({line.get('filter')})",
                    line[key], "ms", None, note=note))
        elif kind == "memory":
            run.figures.append(fig(
                "peak memory of the console process", line["peak_rss_mb"], "MB", None,
                goal=f"< {line.get('goal_mb', 300)} MB", met=line.get("ok"),
                note="review.py measures no reference (a natural one: the process's memory "
                     "before the log model is built)"))
        elif kind == "daily-report":
            reference = line.get("reference") or {}
            run.figures.append(fig(
                "daily report: build", line["build_ms"], "ms",
                ref(str(reference.get("what")), reference.get("ms")) if reference else None))
            for key, what in (("xlsx_ms", "written as XLSX"), ("pdf_ms", "written as PDF")):
                run.figures.append(fig(f"daily report: {what}", line[key], "ms", None,
                                       note="review.py measures no reference for writing"))
        else:
            run.info.append(line)


ADAPTERS: dict[str, Callable[[Run], None]] = {
    "decode": adapt_decode,
    "kiosk": adapt_kiosk,
    "review": adapt_review,
}


# --- the report ---------------------------------------------------------------------------


def report_json(runs: list[Run], meta: dict[str, Any]) -> dict[str, Any]:
    return {
        **meta,
        "benchmarks": [
            {
                "name": r.bench.name,
                "what": r.bench.what,
                "command": [Path(r.command[0]).name, *[
                    str(Path(c).relative_to(REPO)) if c.startswith(str(REPO)) else c
                    for c in r.command[1:]]],
                "seconds": r.seconds,
                "returncode": r.returncode,
                "ok": r.returncode == 0,
                "load": {"before": r.load_before, "during": r.load_during,
                         "after": r.load_after},
                "figures": r.figures,
                "without_reference": [f["figure"] for f in r.figures if f["reference"] is None],
                "goals_missed": [f["figure"] for f in r.figures
                                 if f["met"] is False and f.get("gating", True)],
                "notes": r.notes,
                "info": r.info + r.unused,
                "lines": r.lines,
                "stderr_tail": r.stderr_tail if r.returncode != 0 else "",
            }
            for r in runs
        ],
    }


def fmt(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.2f}"
    return str(value).replace("|", "\\|")


def _short(text: str, limit: int = 72) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def report_md(report: dict[str, Any]) -> str:
    m, g = report["machine"], report["git"]
    out = [
        f"# Benchmarks ({report['mode']})",
        "",
        f"Written by `{report['command']}` on {report['finished_at']} in "
        f"{fmt(report['seconds'])} s"
        + (f" ({report['jobs']} scripts at a time: their timings mean nothing)."
           if report.get("jobs", 1) > 1 else "."),
        "",
        f"- Commit `{(g.get('commit') or '?')[:12]}` ({_short(g.get('subject', ''))})"
        + (f", with {g['uncommitted_files']} uncommitted file(s) in the working tree"
           if g.get("uncommitted_files") else ""),
        f"- Machine: {m.get('cpus')} CPUs ({m.get('cpu_model')}), {m.get('memory_gb')} GB, "
        f"{m.get('platform')}, Python {m.get('python')}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m.get("packages", {}).items()),
        f"- Load average (1 min) before: {fmt(report['load']['before'][0])}, after: "
        f"{fmt(report['load']['after'][0])}; during each benchmark below. Wall-clock figures "
        "include whatever else the machine was running.",
        "",
        "Each figure is beside its reference, measured by the same script in the same run; "
        "ratio = value / reference. A reference of — means the script measures none: the "
        "note says which one it lacks. met? — means no goal is set for that figure.",
        "",
        "| benchmark | seconds | exit | figures | with a reference | goals missed | load during "
        "(mean, max) | others' CPU share |",
        "|---|---:|---|---:|---:|---|---|---:|",
    ]
    for bench in report["benchmarks"]:
        figures = bench["figures"]
        load = bench["load"]["during"]
        out.append(
            f"| {bench['name']} | {fmt(bench['seconds'])} | "
            f"{'timed out' if bench['returncode'] is None else bench['returncode']} | "
            f"{len(figures)} | {len(figures) - len(bench['without_reference'])} | "
            f"{fmt(', '.join(bench['goals_missed']) or 'none')} | "
            f"{fmt(load.get('mean'))}, {fmt(load.get('max'))} | "
            f"{fmt(load.get('others_cpu_pct'))} % |")
    out.append("")
    for bench in report["benchmarks"]:
        load = bench["load"]["during"]
        status = "ok" if bench["ok"] else (
            "timed out" if bench["returncode"] is None else f"exit code {bench['returncode']}")
        out += [
            f"## {bench['name']}: {bench['what']}",
            "",
            f"`{' '.join(bench['command'])}`: {fmt(bench['seconds'])} s, {status}; load "
            f"average during: mean {fmt(load.get('mean'))}, max {fmt(load.get('max'))}; other "
            f"processes used {fmt(load.get('others_cpu_pct'))} % of the CPUs meanwhile.",
            "",
        ]
        if bench["figures"]:
            out += ["| figure | value | reference | ratio | goal | met? |",
                    "|---|---:|---|---:|---|---|"]
            notes: list[str] = []
            for f in bench["figures"]:
                reference = f["reference"]
                if reference is None:
                    ref_text = "—"
                    if f.get("note"):
                        notes.append(f"{f['figure']}: {f['note']}")
                else:
                    ref_text = f"{fmt(reference.get('value'))} ({fmt(reference.get('what'))})"
                met = f["met"]
                if met is not None and f.get("gating") is False:
                    met_text = f"{fmt(met)} (not judged: machine loaded)"
                else:
                    met_text = fmt(met)
                unit = f" {f['unit']}" if f.get("unit") else ""
                out.append(f"| {fmt(f['figure'])} | {fmt(f['value'])}{unit} | {ref_text} | "
                           f"{fmt(f['ratio'])} | {fmt(f['goal'])} | {met_text} |")
            out.append("")
            if notes:
                out += ["Without a reference:", ""] + [f"- {fmt(n)}" for n in notes] + [""]
        else:
            out += ["No figures.", ""]
        for note in bench["notes"]:
            out += [f"Note: {fmt(note)}", ""]
        if bench["stderr_tail"]:
            out += ["Its last output on stderr:", "", "```", bench["stderr_tail"], "```", ""]
    return "\n".join(out)


# --- main ---------------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the report")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="each script's --quick")
    size.add_argument("--smoke", action="store_true", help="tiny sizes: the report's form")
    parser.add_argument("--only", help="comma-separated names: " +
                        ", ".join(b.name for b in BENCHMARKS))
    parser.add_argument("--timeout", type=float, help="seconds per script")
    parser.add_argument("--jobs", type=int, default=1,
                        help="scripts run at once (more than 1: their timings mean nothing; "
                             "for --smoke)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    chosen = list(BENCHMARKS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = set(names) - {b.name for b in BENCHMARKS}
        if unknown:
            parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        chosen = [b for b in BENCHMARKS if b.name in names]
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    timeout = args.timeout or {"smoke": 120.0, "quick": 600.0, "full": 6 * 3600.0}[mode]

    started_at = datetime.now(UTC)
    started = time.perf_counter()
    load_before = [round(x, 2) for x in os.getloadavg()]

    def one(bench: Benchmark) -> Run:
        bench_args = {"smoke": bench.smoke, "quick": bench.quick, "full": bench.full}[mode]
        print(f"run_all: {bench.name} {' '.join(bench_args)}", file=sys.stderr, flush=True)
        run = run_one(bench, bench_args, timeout)
        print(f"run_all: {bench.name}: {run.seconds:.0f} s, exit code {run.returncode}, "
              f"{len(run.figures)} figures", file=sys.stderr, flush=True)
        return run

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        runs = list(pool.map(one, chosen))
    seconds = time.perf_counter() - started
    command = "python benchmarks/run_all.py" + {"full": "", "quick": " --quick",
                                                 "smoke": " --smoke"}[mode]
    if args.only:
        command += f" --only {args.only}"
    meta = {
        "mode": mode,
        "command": f"{command} --out {args.out}",
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "jobs": max(1, args.jobs),
        "timings": {r.bench.name: r.seconds for r in runs},
        "load": {"before": load_before, "after": [round(x, 2) for x in os.getloadavg()]},
        "machine": machine(),
        "git": git_state(),
    }
    report = report_json(runs, meta)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "report.md").write_text(report_md(report) + "\n", encoding="utf-8")
    print(f"run_all: {seconds:.0f} s; wrote {args.out / 'report.md'} and report.json",
          file=sys.stderr)
    return 0 if all(r.returncode == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
