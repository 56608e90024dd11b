"""The officer's commands: log with filters and exports, the daily report."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from cliutil import Cli
from openpyxl import load_workbook

pytestmark = pytest.mark.e2e


@pytest.fixture
def screened(site: Cli) -> Cli:
    for no, name, dept in (("1001", "张伟", "总装车间"), ("1002", "王芳", "质检部")):
        assert site("staff", "add", "--staff-no", no, "--name", name, "--department",
                    dept).code == 0
    zhang = site("badge", "1001", "--token").out.strip()
    wang = site("badge", "1002", "--token").out.strip()
    assert site("screen", "--token", zhang, "--temp", "36.6").code == 0
    first = site("screen", "--token", wang, "--temp", "37.9").json()
    assert site("screen", "--recheck", first["event_id"], "--temp", "38.2").code == 0
    assert site("screen", "--token", zhang, "--temp", "36.4", "--direction", "out").code == 0
    return site


def test_log_filters(screened: Cli) -> None:
    def staff(*args: str) -> list[tuple[str, str]]:
        return [(e["staff_no"], e["decision"]) for e in screened("log", *args).json_lines()]

    assert len(staff()) == 4
    assert staff("--staff-no", "1002") == [("1002", "recheck"), ("1002", "deny")]
    assert staff("--decision", "deny") == [("1002", "deny")]
    assert staff("--direction", "out") == [("1001", "pass")]
    assert staff("--department", "总装车间") == [("1001", "pass"), ("1001", "pass")]
    assert staff("--since", "2999-01-01") == []
    assert len(staff("--until", "2999-01-01T00:00+08:00")) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "not an ISO date"),
        (["--since", "2026-11-28", "--until", "2026-11-27"], "before its start"),
        (["--format", "xlsx"], "--out"),
        (["--out", "log.txt", "--format", "csv"], ""),
    ],
)
def test_log_bad_requests(screened: Cli, args: list[str], message: str) -> None:
    result = screened("log", *args)
    if args[:1] == ["--out"]:
        # The suffix does not decide the format; --format does: this one is fine.
        assert result.code == 0
        return
    assert result.code == 1
    assert message in result.err


def test_log_exports(screened: Cli, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    result = screened("log", "--format", "csv", "--out", out)
    assert result.code == 0 and "4 events" in result.out
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["name"] for r in rows].count("张伟") == 2
    xlsx = tmp_path / "log.xlsx"
    assert screened("log", "--format", "xlsx", "--out", xlsx, "--decision", "deny").code == 0
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "王芳" in values
    pdf = tmp_path / "log.pdf"
    assert screened("log", "--format", "pdf", "--out", pdf).code == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_daily_report(screened: Cli, tmp_path: Path) -> None:
    events = screened("log").json_lines()
    day = events[0]["local_time"][:10]
    xlsx = tmp_path / "report.xlsx"
    result = screened("report", "--date", day, "--out", xlsx)
    assert result.code == 0, result.err
    book = load_workbook(xlsx, read_only=True)
    text = " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        for cell in row if cell is not None
    )
    assert "总装车间" in text and "王芳" in text
    pdf = tmp_path / "report.pdf"
    assert screened("report", "--date", day, "--out", pdf).code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = screened("report", "--date", "27/11/2026", "--out", pdf)
    assert bad.code == 1
    wrong = screened("report", "--date", day, "--out", tmp_path / "report.doc")
    assert wrong.code == 1


def test_audit_verify_detects_edits_behind_the_applications_back(screened: Cli) -> None:
    assert screened("audit", "verify").code == 0
    db_file = screened.data_dir / "gatekeeper.db"
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE readings SET value_c = 36.5 WHERE value_c = 38.2")
    tampered = screened("audit", "verify")
    assert tampered.code == 5
    assert "gate" in tampered.err.lower() and "problem" in tampered.err
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE readings SET value_c = 38.2 WHERE value_c = 36.5")
    assert screened("audit", "verify").code == 0
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE audit_log SET actor = 'nobody' WHERE id = 1")
    result = screened("audit", "verify", "--json")
    assert result.code == 5
    assert not json.loads(result.out)["ok"]


def test_purge_dry_run_then_apply(screened: Cli) -> None:
    before = screened("log").json_lines()
    plan = screened("purge", "--dry-run")
    assert plan.code == 0
    assert json.loads(plan.out)  # a plan, as JSON
    assert screened("log").json_lines() == before  # a dry run changes nothing
    applied = screened("purge", "--apply")
    assert applied.code == 0, applied.err
    # Everything is from today: nothing is past its retention period.
    assert screened("log").json_lines() == before
    assert screened("audit", "verify").code == 0
