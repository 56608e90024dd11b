"""Exports of the filtered log: CSV (with BOM), XLSX, PDF and JSON lines; guarded, audited,
atomic."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.errors import UserError
from gatekeeper.services import export
from gatekeeper.services.access import PermissionDenied
from gatekeeper.services.container import Services
from gatekeeper.services.export import describe_filter, export_log, format_from_path
from gatekeeper.services.log import LogFilter
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.setup import default_actor
from gatekeeper.services.users import UserView
from gatekeeper.storage.models import AuditEntry, Person

FORMULA = '=HYPERLINK("http://evil.example","点我")'


@pytest.fixture
def logged(services: Services, clock: Any) -> Services:
    """Three people screened: Chinese names, and a name and department that a spreadsheet
    would take for formulas."""
    services.settings.update(duplicate_window_s=0)
    staff = services.staff
    ids = [
        staff.add(staff_no="1001", name="张伟", department="总装车间").id,
        staff.add(staff_no="1002", name="李娜", department="质检部").id,
        staff.add(staff_no="1003", name="Mallory", department="x").id,
    ]
    with services.db.session() as session:
        person = session.get(Person, ids[2])
        assert person is not None
        person.name, person.department = FORMULA, "@SUM(A1:A9)"
    s = services.screening
    for i, (pid, temp) in enumerate(zip(ids, ("36.6", "37.8", "36.5"), strict=True)):
        clock.advance(minutes=5)
        s.screen(s.identify_manual(pid), TakenReading(parse_reading(temp), "sim"),
                 Direction.IN if i < 2 else Direction.OUT)
    return services


@pytest.fixture
def officer(services: Services) -> UserView:
    return services.users.add(username="wang", role="officer", secret="officer-pass")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def rows_of(services: Services) -> Iterator[dict[str, Any]]:
    return services.log.rows(LogFilter())


def audits(services: Services, action: str = "log.export") -> list[AuditEntry]:
    with services.db.session() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_csv_has_a_bom_round_trips_and_neutralises_formulas(
    logged: Services, officer: UserView, out_dir: Path
) -> None:
    out = out_dir / "log.csv"
    count = export_log(rows_of(logged), out, "csv", by=officer, db=logged.db,
                       description="since=2026-11-27")
    assert count == 3
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "张伟".encode() in data  # UTF-8, not escaped
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[:6] == ["local_time", "gate", "seq", "direction", "decision", "reason"]
    assert [r["name"] for r in rows] == ["张伟", "李娜", "'" + FORMULA]
    assert rows[2]["department"] == "'@SUM(A1:A9)"
    assert rows[1]["temperatures_c"] == "37.8" and rows[1]["decision"] == "recheck"
    assert rows[0]["local_time"] == "2026-11-27T09:05:00+08:00"
    assert rows[0]["department"] == "总装车间" and rows[0]["guard"] == ""

    (entry,) = audits(logged)
    details = json.loads(entry.details)
    assert entry.actor == "wang"
    assert details["format"] == "csv" and details["rows"] == 3
    assert details["filter"] == "since=2026-11-27" and details["file"] == str(out)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_every_formula_trigger_is_quoted(text: str) -> None:
    assert export.neutralise(text) == "'" + text
    assert export.neutralise("张伟 " + text) == "张伟 " + text  # only at the start


def test_xlsx_reads_back_with_typed_cells(
    logged: Services, officer: UserView, out_dir: Path
) -> None:
    out = out_dir / "log.xlsx"
    assert export_log(rows_of(logged), out, "xlsx", by=officer, db=logged.db) == 3
    wb = load_workbook(out)
    ws = wb.active
    assert ws.title == "出入记录 Log" and ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["当地时间 Local time", "闸口 Gate", "序号 Seq"]
    assert "姓名 Name" in header and "部门 Department" in header and ws["A1"].font.bold
    col = {name: i for i, name in enumerate(header)}
    rows = list(ws.iter_rows(min_row=2))
    assert [r[col["姓名 Name"]].value for r in rows] == ["张伟", "李娜", FORMULA]
    formula_cell = rows[2][col["姓名 Name"]]
    assert formula_cell.data_type == "s"  # text, never a formula
    assert rows[0][col["当地时间 Local time"]].value == datetime(2026, 11, 27, 9, 5)
    assert rows[0][col["序号 Seq"]].value == 1
    assert rows[1][col["体温 °C Temperatures"]].value == "37.8"
    assert ws.column_dimensions["A"].width == 20
    assert json.loads(audits(logged)[0].details)["format"] == "xlsx"


def test_xlsx_goes_on_to_a_next_sheet_past_the_row_limit(
    monkeypatch: pytest.MonkeyPatch, out_dir: Path
) -> None:
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    out = out_dir / "big.xlsx"
    assert export.write_xlsx(({"seq": i, "name": "张伟"} for i in range(5)), out) == 5
    wb = load_workbook(out)
    assert wb.sheetnames == ["出入记录 Log", "出入记录 Log (2)", "出入记录 Log (3)"]
    assert [ws.max_row for ws in wb.worksheets] == [3, 3, 2]  # each with its header


def test_xlsx_streams_rows(out_dir: Path) -> None:
    """Rows are written as they come: memory stays flat however many there are."""
    def rows(n: int) -> Iterator[dict[str, Any]]:
        for i in range(n):
            yield {"event_id": f"event-{i:032d}", "seq": i, "name": f"张伟{i}",
                   "department": "总装车间" * 4, "local_time": "2026-11-27T09:00:00+08:00",
                   "temperatures_c": [36.6], "reason": f"reason {i}" * 3}

    tracemalloc.start()
    try:
        export.write_xlsx(rows(3000), out_dir / "stream.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    held = sum(len(str(r)) for r in rows(3000))  # the rows' text alone, ~1 MB
    assert peak < held * 2, (peak, held)


def test_json_lines_keep_chinese_and_lists(
    logged: Services, out_dir: Path
) -> None:
    out = out_dir / "log.jsonl"
    assert export_log(rows_of(logged), out, "json", by=None, db=logged.db) == 3
    data = out.read_bytes()
    assert "张伟".encode() in data and b"\\u" not in data
    rows = [json.loads(line) for line in data.decode().splitlines()]
    assert rows[1]["temperatures_c"] == [37.8] and rows[2]["name"] == FORMULA
    assert next(iter(rows[0])) == "local_time"
    (entry,) = audits(logged)
    assert entry.actor == default_actor()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_is_a_landscape_table_with_chinese(
    logged: Services, officer: UserView, out_dir: Path
) -> None:
    out = out_dir / "log.pdf"
    count = export_log(rows_of(logged), out, "pdf", by=officer, db=logged.db,
                       title="华东一厂 出入记录 Entry log", description="since=2026-11-27")
    assert count == 3
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    for word in ("华东一厂", "张伟", "李娜", "总装车间", "质检部", "姓名", "Name",
                 "since=2026-11-27", "Page 1 of 1", "复测 recheck"):
        assert word in text, word
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert "841.89 x 595.276" in info  # A4 landscape, in points


def test_pdf_is_capped(logged: Services, officer: UserView, out_dir: Path) -> None:
    out = out_dir / "log.pdf"
    with pytest.raises(UserError, match="too many to print"):
        export_log(rows_of(logged), out, "pdf", by=officer, db=logged.db, pdf_max_rows=2)
    assert list(out_dir.iterdir()) == []
    assert audits(logged) == []


def test_header_repeats_on_every_pdf_page(out_dir: Path) -> None:
    assert shutil.which("pdftotext"), "poppler-utils is needed (make test installs it)"
    rows = [{"seq": i, "name": "张伟", "local_time": "2026-11-27T09:00:00+08:00"}
            for i in range(120)]
    out = out_dir / "pages.pdf"
    export.write_pdf(rows, out, title="出入记录")
    pages = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    assert all("姓名" in p and "Name" in p for p in pages)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_guard_is_refused_and_the_refusal_audited(
    logged: Services, out_dir: Path
) -> None:
    guard = logged.users.add(username="gate1", role="guard", secret="1234")
    with pytest.raises(PermissionDenied):
        export_log(rows_of(logged), out_dir / "log.csv", "csv", by=guard, db=logged.db)
    assert list(out_dir.iterdir()) == []
    (refusal,) = audits(logged, "denied")
    assert refusal.actor == "gate1" and "export the log" in refusal.details
    assert audits(logged) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "pdf"])
def test_a_failure_mid_write_leaves_the_old_file(
    logged: Services, officer: UserView, out_dir: Path, fmt: str
) -> None:
    out = out_dir / f"log.{fmt}"
    out.write_bytes(b"the previous export")

    def failing() -> Iterator[dict[str, Any]]:
        rows = rows_of(logged)
        yield next(rows)
        yield next(rows)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        export_log(failing(), out, fmt, by=officer, db=logged.db)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in out_dir.iterdir()] == [out.name]  # no temporary file left
    assert audits(logged) == []


def test_a_successful_export_replaces_the_old_file(
    logged: Services, officer: UserView, out_dir: Path
) -> None:
    out = out_dir / "log.csv"
    out.write_bytes(b"old")
    export_log(rows_of(logged), out, "csv", by=officer, db=logged.db)
    assert out.read_bytes().startswith(b"\xef\xbb\xbflocal_time,")
    assert [p.name for p in out_dir.iterdir()] == ["log.csv"]


def test_bad_targets_and_formats_are_user_errors(
    logged: Services, out_dir: Path
) -> None:
    with pytest.raises(UserError, match="does not exist"):
        export_log(rows_of(logged), out_dir / "nope" / "log.csv", "csv", by=None, db=logged.db)
    with pytest.raises(UserError, match="is a folder"):
        export_log(rows_of(logged), out_dir, "csv", by=None, db=logged.db)
    with pytest.raises(UserError, match="Unknown export format"):
        export_log(rows_of(logged), out_dir / "log.txt", "txt", by=None, db=logged.db)
    assert audits(logged) == []


def test_empty_log_and_extra_keys(out_dir: Path) -> None:
    assert export.write_csv([], out_dir / "empty.csv") == 0
    header = (out_dir / "empty.csv").read_text(encoding="utf-8-sig")
    assert header.startswith("local_time,gate,seq,") and header.count("\n") == 1
    export.write_csv([{"seq": 1, "name": "张伟", "zone": "东区"}], out_dir / "extra.csv")
    rows = list(csv.reader(io.StringIO((out_dir / "extra.csv").read_text("utf-8-sig"))))
    assert rows[0][-1] == "zone" and rows[1][-1] == "东区"  # unknown keys go last


def test_format_and_filter_helpers() -> None:
    assert format_from_path("a/B.XLSX") == "xlsx"
    assert format_from_path("log.jsonl") == "json"
    with pytest.raises(UserError, match=r"\.csv, \.xlsx, \.pdf, \.json"):
        format_from_path("log.txt")
    since = datetime(2026, 11, 27, tzinfo=UTC)
    assert describe_filter(LogFilter(since=since)) == "since=2026-11-27T00:00:00+00:00"
    assert describe_filter(LogFilter()) == "all"


def test_progress_is_reported_and_can_cancel(
    logged: Services, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PROGRESS_EVERY", 2)
    seen: list[int] = []
    export_log(rows_of(logged), out_dir / "log.csv", "csv", by=None, db=logged.db,
               progress=seen.append)
    assert seen == [2, 3]

    class Cancelled(Exception):
        pass

    def cancel(count: int) -> None:
        raise Cancelled

    out = out_dir / "log.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(Cancelled):
        export_log(rows_of(logged), out, "xlsx", by=None, db=logged.db, progress=cancel)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in out_dir.iterdir()) == ["log.csv", "log.xlsx"]
    assert len(audits(logged)) == 1  # the CSV only
