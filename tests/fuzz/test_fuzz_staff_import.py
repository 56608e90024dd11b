"""Fuzzing the staff import through the service the console and ``gatekeeper staff import``
call (StaffService.import_file), on one registry that every example changes further: random
bytes, CSV text in four encodings and three delimiters with cells that are valid, nearly valid
or hostile (SQL, formulas, control characters, look-alike staff numbers of people already
stored), random workbooks (text, numbers, dates, booleans, formulas, error values, several
sheets), and workbooks damaged byte by byte.

Whatever the file: either every row of it is applied (exactly as the file's parser reads it:
new people added, people with the same staff number updated, the other people untouched), or
a UserError with a message comes out and nothing changed (the people table compared whole,
and every other table's count)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context, event
from installations import Node, make_site
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from gatekeeper.errors import UserError
from gatekeeper.services.staff_import import StaffRow, read_staff_file
from gatekeeper.storage.models import Person

People = dict[str, tuple[str, str, str, str, bool]]


@dataclass
class Registry:
    node: Node
    folder: Path

    def people(self) -> People:
        with self.node.db.session() as session:
            return {
                p.staff_no: (p.name, p.department, p.kind, p.phone, p.active)
                for p in session.scalars(select(Person))
            }


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    folder = tmp_path_factory.mktemp("staff-import")
    node = make_site(folder / "site", people=(
        ("F001", "张伟", "总装车间"), ("f002", "Li Na", "QA"), ("F003", "O'Brien", "R&D"),
    ))
    yield Registry(node, folder)
    node.close()


def applied(before: People, rows: list[StaffRow]) -> People:
    """The registry after ``rows``, worked out independently of the service."""
    after = dict(before)
    for row in rows:
        old = after.get(row.staff_no)
        if old is None:
            after[row.staff_no] = (row.name, row.department, str(row.kind), row.phone, True)
            continue
        after[row.staff_no] = (
            row.name,
            row.department if "department" in row.columns else old[1],
            str(row.kind) if "kind" in row.columns else old[2],
            row.phone if "phone" in row.columns else old[3],
            old[4],
        )
    return after


def note(what: str) -> None:
    if currently_in_test_context():  # --hypothesis-show-statistics shows how often
        event(what)


def check_import(registry: Registry, path: Path) -> None:
    node = registry.node
    people, counts = registry.people(), node.counts()
    try:
        expected: list[StaffRow] | None = read_staff_file(path)
    except UserError:
        expected = None
    try:
        summary = node.services.staff.import_file(path, actor="fuzz")
    except UserError as error:
        note("refused")
        assert str(error).strip()
        assert expected is None, f"the parser read {expected}, but the import refused: {error}"
        assert registry.people() == people, "a refused file changed the registry"
        assert node.counts() == counts, "a refused file wrote something"
        return
    note("imported")
    assert expected is not None, "the import took a file the parser refuses"
    new = [r for r in expected if r.staff_no not in people]
    assert summary.added == len(new)
    assert summary.added + summary.updated + summary.unchanged == len(expected)
    assert registry.people() == applied(people, expected)
    after = node.counts()
    assert after.pop("people") == counts.pop("people") + len(new)
    assert after.pop("audit_log") == counts.pop("audit_log") + 1
    assert after == counts


# --- what goes into the files -------------------------------------------------------------

HEADERS = [
    ["staff_no", "name", "department", "kind", "phone"],
    ["工号", "姓名", "部门", "类型", "电话"],
    ["Staff No", "Name", "Dept", "Type", "Mobile"],
    ["name", "工号"],
    ["staff_no", "name", "staff_no"],  # a column twice
    ["id", "full name"],  # not ours
    [],
]
HOSTILE = [
    "' OR '1'='1", "\"; DROP TABLE people; --", "%", "_", "\\", "‘’“”", "\x00", "=1+1",
    "+86", "-1", "@SUM(A1)", "#N/A", "\u202e", "\u3000", "1.23E+11", "ＡＢ１２", "x" * 101,
    "张" * 33, "\r\n", "'", '"',
]
STAFF_NOS = ["F001", "f001", "F002", "f002", "F003", "F004", "F005", "Ｆ００６", "0123", "7"]
_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_NAME = st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20)
_CELL = st.one_of(
    st.sampled_from(STAFF_NOS), _NAME, st.sampled_from(HOSTILE), _TEXT,
    st.sampled_from(["employee", "承包商", "visitor", "boss", "", "+86 138-0013-8000", "12ab"]),
)


#: Valid as names and departments, though they look like SQL or LIKE patterns.
ODD_BUT_VALID = ["' OR '1'='1", "\"; DROP TABLE people; --", "%", "_", "\\", "‘’“”", "a%b_c"]


@st.composite
def good_row(draw: st.DrawFn, staff_no: str | None = None) -> list[str]:
    return [
        staff_no or draw(st.sampled_from(STAFF_NOS)),
        draw(st.one_of(_NAME, st.sampled_from(ODD_BUT_VALID))),
        draw(st.sampled_from(["", "QA", "总装车间", "100%", "a_b", "R&D"])),
        draw(st.sampled_from(["", "employee", "承包商", "访客"])),
        draw(st.sampled_from(["", "13800138000", "+86 21 5555 0000"])),
    ]


@st.composite
def rows_of(draw: st.DrawFn) -> list[list[str]]:
    """Valid rows (staff numbers unique in the file, some of people already stored), then
    perhaps rows of anything."""
    numbers = draw(st.lists(st.sampled_from(STAFF_NOS), max_size=6, unique_by=str.casefold))
    rows = [draw(good_row(number)) for number in numbers]
    if draw(st.booleans()):
        rows += draw(st.lists(st.lists(_CELL, max_size=6), min_size=1, max_size=3))
    return rows


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["rows", "rows", "rows", "bytes", "damaged"]))
    header = draw(st.sampled_from(HEADERS[:3])) if how == "rows" else draw(st.sampled_from(HEADERS))
    if how == "bytes":
        prefix = draw(st.sampled_from([b"", b"staff_no,name\n", "工号,姓名\n".encode("gb18030"),
                                       b"\xef\xbb\xbf", b"\xff\xfe"]))
        return prefix + draw(st.binary(max_size=300))
    data = csv_bytes(
        header,
        draw(rows_of()),
        draw(st.sampled_from([",", ";", "\t"])),
        draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])),
    )
    if how == "damaged" and data:
        out = bytearray(data)
        at = draw(st.integers(0, len(out) - 1))
        piece = draw(st.sampled_from([b'"', b"\x00", b"\xff", b"\n", b"\r", b",", b""]))
        out[at : at + draw(st.integers(0, 3))] = piece
        return bytes(out)
    return data


_XLSX_VALUE = st.one_of(
    st.none(),
    st.sampled_from(STAFF_NOS),
    _NAME,
    st.sampled_from(HOSTILE).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    _TEXT.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.integers(-(10**17), 10**17),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(9999, 1, 1)),
    st.sampled_from(["=1+1", "=A1", "=#N/A", "=\"F001\""]),
)


def workbook_bytes(sheets: list[tuple[list[str], list[list[Any]]]], active: int) -> bytes:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for index, (header, rows) in enumerate(sheets):
        sheet = workbook.create_sheet(f"S{index}")
        for row in [header, *rows]:
            sheet.append([  # what openpyxl cannot write, Excel cannot hold either
                ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row
            ])
    if not sheets:
        workbook.create_sheet("empty")
    workbook.active = min(active, max(len(sheets) - 1, 0))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["cells", "good", "good", "damaged", "bytes"]))
    if how == "bytes":
        return draw(st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"])) + draw(
            st.binary(max_size=200))
    if how == "good":
        sheets = [(draw(st.sampled_from(HEADERS[:3])), list(draw(rows_of())))]
    else:
        row = st.lists(_XLSX_VALUE, max_size=6)
        sheets = draw(st.lists(
            st.tuples(st.sampled_from(HEADERS), st.lists(row, max_size=6)), max_size=3))
    data = workbook_bytes(sheets, draw(st.integers(0, 2)))
    if how == "damaged":
        out = bytearray(data)
        # Where, as a share of the length: a workbook's bytes (its save time) vary from run
        # to run, and what is drawn must not depend on them.
        at = draw(st.integers(0, 9_999)) * len(out) // 10_000
        if draw(st.booleans()):
            del out[at:]
        else:
            out[at] ^= draw(st.integers(1, 255))
        return bytes(out)
    return data


# --- the targets ----------------------------------------------------------------------------


def test_a_plain_file_imports(registry: Registry) -> None:
    path = registry.folder / "plain.csv"
    path.write_bytes(csv_bytes(HEADERS[0], [["F009", "赵敏", "QA", "", ""]], ",", "utf-8"))
    check_import(registry, path)
    assert registry.people()["F009"][0] == "赵敏"


@fuzz(200)
@given(data=csv_files())
def test_fuzz_csv_import_is_all_or_nothing(registry: Registry, data: bytes) -> None:
    path = registry.folder / "fuzz.csv"
    path.write_bytes(data)
    check_import(registry, path)


@fuzz(60)
@given(data=xlsx_files())
def test_fuzz_xlsx_import_is_all_or_nothing(registry: Registry, data: bytes) -> None:
    path = registry.folder / "fuzz.xlsx"
    path.write_bytes(data)
    check_import(registry, path)
