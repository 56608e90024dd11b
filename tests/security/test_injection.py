"""SQL injection and LIKE wildcards in every search field: the registry search (the console's
registry page and person picker, `gatekeeper staff list --search`), the kiosk's lookup for a
forgotten badge, the entry log's staff number and department filters (the console's log page
and exports, `gatekeeper log`), and the cells of a staff import file.

Each payload is a text like any other: the search finds the people whose fields hold it
literally (LIKE's % and _ match themselves, letter case aside as SQLite's LIKE does for ASCII),
or nobody; no error; every table is intact afterwards."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from cliutil import Cli
from installations import Node, make_site

from gatekeeper.errors import UserError
from gatekeeper.services.review import LogFilter, ReviewService

PEOPLE = (
    ("1001", "张伟", "总装车间"),
    ("1002", "Li Na", "QA"),
    ("1003", "O'Brien", "R&D"),
    ("1004", "100% 王", "质检_部"),
    ("1005", "Back\\Slash", "IT\\Ops"),
    ("1_06", "Under_Score", "QA"),
    ("1007", "' OR '1'='1", "SQL"),
    ("1008", '"; DROP TABLE people; --', "Red Team"),
    ("1009", "‘Curly’ “Quotes”", "qa"),
)
PAYLOADS = [
    "' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE people; --", '"; DROP TABLE people; --',
    "1001' OR '1'='1", "1001; --", "' UNION SELECT username, secret_hash FROM users --",
    "%", "%%", "_", "__", "\\", "\\%", "\\_", "%_", "100%", "1_0", "1_06", "Under_Score",
    "O'Brien", "'", '"', "‘", "’", "“Quotes”", "＇ OR ＇1＇=＇1", "\x00", "1001\x00", "\x00%",
    "%\x00", "x" * 10_000, "张" * 4_000, "QA", "qa", " QA ", "*", "[1]", "?", "$1", ":name",
    "1001", "IT\\Ops", "质检_部",
]
#: What a command line can carry (no NUL), one of each kind.
CLI_PAYLOADS = ["' OR '1'='1", '"; DROP TABLE people; --', "%", "_", "\\", "‘Curly’",
                "x" * 5_000]


def _lower(text: str) -> str:
    """SQLite's LIKE folds ASCII letters only."""
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                        "abcdefghijklmnopqrstuvwxyz"))


def literal_matches(search: str, people: list[tuple[str, str, str, str]]) -> set[str]:
    """The staff numbers whose number, name, phone or department holds ``search`` as it is
    (no stored text holds a NUL)."""
    if "\x00" in search:
        return set()
    needle = _lower(search)
    return {p[0] for p in people if any(needle in _lower(field) for field in p)}


def schema(database: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(database) as conn:
        found = list(conn.execute("SELECT type, name FROM sqlite_master ORDER BY name"))
    conn.close()
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Node]:
    node = make_site(tmp_path_factory.mktemp("injection") / "site", people=PEOPLE)
    for staff_no, *_ in PEOPLE:
        node.screen(node.token(staff_no))
    yield node
    node.close()


def registry(node: Node) -> list[tuple[str, str, str, str]]:
    return [(p.staff_no, p.name, p.phone, p.department) for p in node.services.staff.list()]


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: repr(p[:20]))
def test_payloads_in_every_search_field(site: Node, payload: str) -> None:
    s = site.services
    people = registry(site)
    counts, tables = site.counts(), schema(site.paths.database_file)

    # The registry page, the console's person picker, `staff list --search`.
    found = {p.staff_no for p in s.staff.list(search=payload)}
    assert found == literal_matches(payload, people)
    # The kiosk's lookup for a forgotten badge (the text as typed, blanks aside).
    text = payload.strip()
    found = {p.staff_no for p in s.screening.find_people(payload)}
    assert found == (literal_matches(text, people) if text else set())
    # The entry log: staff number and department are exact.
    review = ReviewService(s.db, site.installation)
    for where, expected in (
        (LogFilter(staff_no=payload), {p[0] for p in people if p[0] == text}),
        (LogFilter(department=payload), {p[0] for p in people if p[3] == text}),
    ):
        rows = list(s.log.rows(where))
        assert {row["staff_no"] for row in rows} == expected
        assert review.query(where).count == len(rows) == len(expected)  # one event each

    assert site.counts() == counts
    assert schema(site.paths.database_file) == tables


def test_a_percent_sign_is_not_a_wildcard(site: Node) -> None:
    everybody = {p[0] for p in registry(site)}
    assert {p.staff_no for p in site.services.staff.list(search="%")} == {"1004"}
    assert {p.staff_no for p in site.services.staff.list(search="_")} == {"1004", "1_06"}
    assert {p.staff_no for p in site.services.screening.find_people("\x00")} == set()
    assert len(everybody) == len(PEOPLE)


def test_text_that_is_not_unicode(site: Node) -> None:
    """What a command line gives for bytes that are not UTF-8 (lone surrogates): found in
    nobody's fields, and refused as a log filter, never a crash."""
    counts = site.counts()
    for text in ("\udcff", "10\ud800"):
        assert site.services.staff.list(search=text) == []
        assert site.services.screening.find_people(text) == []
        for field in ("staff_no", "department"):
            with pytest.raises(UserError, match="filter is not text"):
                LogFilter(**{field: text})
    assert site.counts() == counts


@pytest.mark.e2e
def test_payloads_on_the_command_line(tmp_path: Path, cli: Cli) -> None:
    node = make_site(cli.data_dir, people=PEOPLE)
    for staff_no, *_ in PEOPLE:
        node.screen(node.token(staff_no))
    people = registry(node)
    node.close()
    tables = schema(cli.data_dir / "gatekeeper.db")
    for payload in CLI_PAYLOADS:
        listed = cli("staff", "list", "--search", payload, "--format", "json")
        assert listed.code == 0, listed.err
        assert {p["staff_no"] for p in listed.json()} == literal_matches(payload, people)
    for staff_no, _name, department in PEOPLE[2:5]:
        by_number = cli("log", "--staff-no", staff_no, "--format", "json").json_lines()
        assert [row["staff_no"] for row in by_number] == [staff_no]
        by_department = cli("log", "--department", department, "--format", "json")
        assert by_department.code == 0, by_department.err
        assert {row["staff_no"] for row in by_department.json_lines()} == {
            p[0] for p in PEOPLE if p[2] == department}
    for payload in CLI_PAYLOADS[:2]:
        assert cli("log", "--staff-no", payload, "--department", payload).out == ""
    # Bytes that are not UTF-8 (the harness passes "\udcff" as the byte 0xff).
    assert cli("staff", "list", "--search", "\udcff", "--format", "json").json() == []
    refused = cli("log", "--staff-no", "\udcff")
    assert refused.code == 1 and "filter is not text" in refused.err
    assert schema(cli.data_dir / "gatekeeper.db") == tables


# --- the cells of an import file ----------------------------------------------------------

VALID_CELLS = [
    "' OR '1'='1", '"; DROP TABLE people; --', "'); DELETE FROM people; --", "%", "_", "\\",
    "‘’“”", "Robert'); DROP TABLE students;--", "a%b_c\\d", "x" * 100,
]
INVALID_CELLS = [  # each refused with its row: a formula, a NUL, too long, a control char
    "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "a\x00b", "x" * 101, "\x1b[31m",
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["staff_no", "name", "department"], *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [["staff_no", "name", "department"], *rows]:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_payloads_in_import_cells(tmp_path: Path, write: object) -> None:
    node = make_site(tmp_path / "site", people=())
    make = write_csv if write is write_csv else write_xlsx
    suffix = ".csv" if make is write_csv else ".xlsx"
    staff = node.services.staff
    tables = schema(node.paths.database_file)

    rows = [[f"S{i:02d}", cell, cell] for i, cell in enumerate(VALID_CELLS)]
    summary = staff.import_file(make(tmp_path / f"good{suffix}", rows), actor="test")
    assert summary.added == len(VALID_CELLS)
    stored = {p.staff_no: (p.name, p.department) for p in staff.list()}
    assert stored == {f"S{i:02d}": (cell, cell) for i, cell in enumerate(VALID_CELLS)}
    for i, cell in enumerate(VALID_CELLS):
        assert f"S{i:02d}" in {p.staff_no for p in staff.list(search=cell)}

    counts = node.counts()
    for cell in INVALID_CELLS:
        if make is write_xlsx and cell in ("a\x00b", "\x1b[31m"):
            continue  # a workbook cannot hold them
        bad = [["T01", "Fine", ""], ["T02", cell, ""], ["T03", "Fine", cell]]
        with pytest.raises(UserError) as refused:
            staff.import_file(make(tmp_path / f"bad{suffix}", bad), actor="test")
        message = str(refused.value)
        if "\x00" in cell and make is write_csv:  # a CSV with a NUL is no text file
            assert "contains NUL bytes" in message
        else:
            assert "row 3" in message and "nothing was imported" in message
        assert node.counts() == counts
    assert schema(node.paths.database_file) == tables
    node.close()
