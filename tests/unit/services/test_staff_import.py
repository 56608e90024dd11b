"""Tests for gatekeeper.services.staff_import: real files in a temporary folder."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import pickle
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import staff_import
from gatekeeper.services.staff_import import (
    RowProblem,
    StaffImportError,
    StaffRow,
    read_staff_file,
    validate_person,
)

EMPLOYEE, CONTRACTOR, VISITOR = PersonKind.EMPLOYEE, PersonKind.CONTRACTOR, PersonKind.VISITOR
EN_HEADER = "staff_no,name,department,kind,phone"
ZH_HEADER = "工号,姓名,部门,类型,电话"


# --- helpers ----------------------------------------------------------------------------------


def write_csv(folder: Path, text: str, encoding: str = "utf-8", name: str = "staff.csv") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(folder: Path, rows: Sequence[Sequence[object]], name: str = "staff.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    path = folder / name
    workbook.save(path)
    return path


def problems_of(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    return [(problem.row, problem.reason) for problem in caught.value.problems]


def user_error(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        read_staff_file(path)
    assert not isinstance(caught.value, StaffImportError)
    return str(caught.value)


def one_problem(folder: Path, line: str, header: str = EN_HEADER) -> str:
    """The single reason given for a file with `header` and one data row `line`."""
    found = problems_of(write_csv(folder, f"{header}\n{line}\n"))
    assert len(found) == 1, found
    assert found[0][0] == 2
    return found[0][1]


# --- reading good files -----------------------------------------------------------------------


def test_csv_utf8_english_headers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        f"{EN_HEADER}\n"
        "S001,Alice Smith,Assembly,employee,+86 138-0013-8000\n"
        "S002,Bob,,contractor,\n"
        "S003,Carol,Office,,(021) 5555 1234\n",
    )
    assert read_staff_file(path) == [
        StaffRow(2, "S001", "Alice Smith", "Assembly", EMPLOYEE, "+8613800138000"),
        StaffRow(3, "S002", "Bob", "", CONTRACTOR, ""),
        StaffRow(4, "S003", "Carol", "Office", EMPLOYEE, "02155551234"),
    ]


def test_csv_path_may_be_a_string_and_extension_any_case(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name\nS1,Ann\n", name="STAFF.CSV")
    assert read_staff_file(str(path)) == [StaffRow(2, "S1", "Ann", "", EMPLOYEE, "")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_chinese_headers_and_names_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = write_csv(
        tmp_path,
        f"{ZH_HEADER}\n1001,张三,生产部,员工,13800138000\n1002,欧阳娜娜,质检部,承包商,\n"
        "1003,李四,,访客,\n",
        encoding,
    )
    if encoding == "gb18030":  # really not UTF-8, so the fallback is what is tested
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    assert read_staff_file(path) == [
        StaffRow(2, "1001", "张三", "生产部", EMPLOYEE, "13800138000"),
        StaffRow(3, "1002", "欧阳娜娜", "质检部", CONTRACTOR, ""),
        StaffRow(4, "1003", "李四", "", VISITOR, ""),
    ]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters_are_taken_from_the_header(
    tmp_path: Path, delimiter: str
) -> None:
    # The name holds a comma: only the header's delimiter splits cells.
    path = write_csv(
        tmp_path,
        delimiter.join(["工号", "姓名", "部门"])
        + "\n"
        + delimiter.join(["S1", "张三, Jr.", "QA"])
        + "\n",
    )
    assert read_staff_file(path) == [StaffRow(2, "S1", "张三, Jr.", "QA", EMPLOYEE, "")]


@pytest.mark.parametrize(
    "header",
    [
        "Staff No,Full Name",
        "STAFF NUMBER,NAME",
        "employee_no,Employee Name",
        "Staff-No.,name",
        "StaffNo,name:",
        "员工编号,员工姓名",
        " 工号* ,姓名（必填）",
        "工号：,姓名",
        "ＳＴＡＦＦ＿ＮＯ,ＮＡＭＥ",  # full-width, as a Chinese input method types them
        "Employee ID (required),Name [as on ID card]",
    ],
)
def test_header_variants(tmp_path: Path, header: str) -> None:
    path = write_csv(tmp_path, f"{header}\nS1,Ann\n")
    assert read_staff_file(path) == [StaffRow(2, "S1", "Ann", "", EMPLOYEE, "")]


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Dept,Type,Mobile", "QA,visitor,138"),
        ("部门,人员类型,手机号码", "QA,visitor,138"),
        ("department,category,Phone Number", "QA,visitor,138"),
    ],
)
def test_optional_header_variants(tmp_path: Path, header: str, value: str) -> None:
    path = write_csv(tmp_path, f"staff_no,name,{header}\nS1,Ann,{value}\n")
    assert read_staff_file(path) == [StaffRow(2, "S1", "Ann", "QA", VISITOR, "138")]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("", EMPLOYEE),
        ("employee", EMPLOYEE),
        ("Employee", EMPLOYEE),
        ("员工", EMPLOYEE),
        ("正式员工", EMPLOYEE),
        ("CONTRACTOR", CONTRACTOR),
        (" contractor ", CONTRACTOR),
        ("承包商", CONTRACTOR),
        ("外包", CONTRACTOR),
        ("visitor", VISITOR),
        ("Visitor", VISITOR),
        ("访客", VISITOR),
    ],
)
def test_kind_values(tmp_path: Path, value: str, kind: PersonKind) -> None:
    path = write_csv(tmp_path, f"staff_no,name,kind\nS1,Ann,{value}\n")
    assert read_staff_file(path)[0].kind is kind


def test_kind_and_optional_columns_absent(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "name,staff_no\nAnn,S1\n")  # any column order
    assert read_staff_file(path) == [StaffRow(2, "S1", "Ann", "", EMPLOYEE, "")]


def test_rows_tell_which_optional_columns_the_file_has(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name,电话\nS1,Ann,\n")
    [row] = read_staff_file(path)
    assert row.columns == {"phone"}
    assert row == StaffRow(2, "S1", "Ann", "", EMPLOYEE, "")  # metadata, not compared
    [row] = read_staff_file(write_csv(tmp_path, f"{EN_HEADER}\nS1,Ann,,,\n"))
    assert row.columns == staff_import.OPTIONAL_COLUMNS == {"department", "kind", "phone"}
    assert StaffRow(2, "S1", "Ann", "", EMPLOYEE, "").columns == staff_import.OPTIONAL_COLUMNS


def test_unknown_and_unnamed_columns_are_ignored(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "备注,staff_no,,name,email,email\nanything at all =cmd|' /C calc'!A0,S1,x,Ann,a@b.c,\n",
    )
    assert read_staff_file(path) == [StaffRow(2, "S1", "Ann", "", EMPLOYEE, "")]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "+8613800138000"),
        ("(+86) 138 0013 8000", "+8613800138000"),
        ("(021) 5555-1234", "02155551234"),
        ("０２１５５５５", "0215555"),  # full-width digits
        ('="0215555"', "0215555"),  # Excel's way of keeping the zeros in a CSV
    ],
)
def test_phone_is_normalised(tmp_path: Path, raw: str, stored: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["staff_no", "name", "phone"], ["S1", "Ann", raw]])
    path = write_csv(tmp_path, buffer.getvalue())
    assert read_staff_file(path)[0].phone == stored


def test_staff_number_full_width_and_excel_text_idiom(tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'staff_no,name\nＳ００１,Ann\n="0042",Bob\n')
    assert [row.staff_no for row in read_staff_file(path)] == ["S001", "0042"]


def test_staff_number_is_checked_after_folding(tmp_path: Path) -> None:
    # Found by the fuzz test: NFKC turns "\u00a8" into a space and a combining mark.
    assert one_problem(tmp_path, "＝1,Ann", "staff_no,name") == (
        "staff number '=1' starts with '=', which spreadsheets run as a formula; remove it"
    )
    path = write_csv(tmp_path, "staff_no,name\n\u00a8S1,Ann\n")
    assert read_staff_file(path)[0].staff_no == "\u0308S1"


def test_values_are_stripped_including_ideographic_and_zero_width_spaces(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name,department\n  S1 ,\u3000张三\u200b,\t生产部 \n")
    assert read_staff_file(path) == [StaffRow(2, "S1", "张三", "生产部", EMPLOYEE, "")]


def test_blank_rows_are_skipped_and_row_numbers_count_them(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "\n,,\nstaff_no,name\n\nS1,Ann\n , \n\n;\n".replace(";", ",,,") + "S2,Bob\n",
    )
    rows = read_staff_file(path)
    assert [(row.row, row.staff_no) for row in rows] == [(5, "S1"), (9, "S2")]


def test_crlf_and_cr_line_endings(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name\r\nS1,Ann\r\nS2,Bob\rS3,Cy")
    assert [(row.row, row.name) for row in read_staff_file(path)] == [
        (2, "Ann"),
        (3, "Bob"),
        (4, "Cy"),
    ]


def test_multiline_field_row_is_the_record_and_line_is_given_too(tmp_path: Path) -> None:
    # A note in an ignored column spans three lines: Excel shows one row, an editor three lines.
    path = write_csv(tmp_path, 'staff_no,name,notes\nS1,Ann,"one\ntwo\nthree"\nS2,,\nS3,Cy,\n')
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    assert caught.value.problems == [RowProblem(3, "name is missing", line=5)]
    assert "  row 3 (line 5): name is missing" in str(caught.value)


def test_skipinitialspace_allows_spaces_before_quotes(tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'staff_no, name\nS1, "Smith, Ann"\n')
    assert read_staff_file(path)[0].name == "Smith, Ann"


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_numeric_staff_numbers_and_chinese_headers(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["工号", "姓名", "部门", "类型", "电话"],
            [1001, "张三", "生产部", "员工", 13800138000],
            [1002.0, "李四", None, "承包商", "0215555"],
            [None, None, None, None, None],
            ["S-3", "王五", "", "访客", "+86 138 0013 8000"],
        ],
    )
    assert read_staff_file(path) == [
        StaffRow(2, "1001", "张三", "生产部", EMPLOYEE, "13800138000"),
        StaffRow(3, "1002", "李四", "", CONTRACTOR, "0215555"),
        StaffRow(5, "S-3", "王五", "", VISITOR, "+8613800138000"),
    ]


def test_xlsx_row_numbers_and_leading_empty_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B3"], sheet["C3"] = "staff_no", "name"
    sheet["B4"], sheet["C4"] = 7, "Ann"
    sheet["B9"] = 8  # rows 5-8 are empty; this row has no name
    sheet["C12"] = "Cy"
    path = tmp_path / "gaps.xlsx"
    workbook.save(path)
    assert problems_of(path) == [(9, "name is missing"), (12, "staff number is missing")]


def test_xlsx_uses_the_active_sheet_and_names_it(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "说明"
    first.append(["This sheet explains the file"])
    people = workbook.create_sheet("人员")
    people.append(["staff_no", "name"])
    people.append(["S1", None])
    workbook.active = 1
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    assert str(caught.value).startswith("two.xlsx (sheet '人员'): 1 row is invalid;")


def test_xlsx_formula_is_not_evaluated(tmp_path: Path) -> None:
    # openpyxl saves formulas without a computed value: the cell reads as empty.
    path = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", '=HYPERLINK("x","y")']])
    assert problems_of(path) == [(2, "name is missing")]


def test_xlsx_dates_booleans_and_line_breaks(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["staff_no", "name", "department"],
            [dt.datetime(2024, 5, 1), "Ann", True],
            [3.5, "Bo\nb", dt.datetime(2024, 5, 1, 8, 30)],
        ],
    )
    assert problems_of(path) == [(3, "name 'Bo\\nb' contains a line break (U+000A)")]
    path = write_xlsx(tmp_path, [["staff_no", "name", "department"], [dt.date(2024, 5, 1), "A", 1]])
    assert read_staff_file(path) == [StaffRow(2, "2024-05-01", "A", "1", EMPLOYEE, "")]


def test_xlsx_error_cells_are_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["staff_no", "name"])
    sheet.append(["S1", "x"])
    sheet["B2"].value, sheet["B2"].data_type = "#DIV/0!", "e"  # as Excel saves a failed formula
    path = tmp_path / "errors.xlsx"
    workbook.save(path)
    assert problems_of(path) == [
        (2, "name '#DIV/0!' is a spreadsheet error value; fix the formula that gave it")
    ]


def test_xlsx_numbers_past_15_digits_are_refused_not_rounded(tmp_path: Path) -> None:
    # An 18-digit number typed into Excel keeps 15 digits: the rest cannot be trusted.
    path = write_xlsx(
        tmp_path,
        [
            ["staff_no", "name", "phone"],
            [1.2345678901234568e17, "Ann", None],
            ["S2", "B", 10**15],
            [999_999_999_999_999, "C", 999_999_999_999_999.0],  # 15 digits: fine
        ],
    )
    assert problems_of(path) == [
        (
            2,
            "staff number '1.23456789012346E+17' looks like a number Excel shortened to "
            "scientific notation; format the column as text, type the numbers again and save",
        ),
        (
            3,
            "phone '1E+15' may only contain digits, spaces, +, -, ( and ); it looks like a "
            "number Excel shortened to scientific notation: format the column as text, type "
            "the numbers again and save",
        ),
    ]


def test_delimiter_comes_from_the_first_line_with_more_than_delimiters(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\n;;\nstaff_no;name\nS1;Ann, Lee\n")
    assert read_staff_file(path) == [StaffRow(4, "S1", "Ann, Lee", "", EMPLOYEE, "")]


def rewrite_sheet(path: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of workbook `path` whose first sheet's XML went through `change`."""
    rewritten = path.with_name(name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                changed = change(data)
                assert changed != data
                data = changed
            target.writestr(item, data)
    return rewritten


def test_xlsx_stale_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", "Ann"], ["S2", "Bob"]])
    stale = rewrite_sheet(
        path,
        "stale.xlsx",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', xml),
    )
    assert [row.staff_no for row in read_staff_file(stale)] == ["S1", "S2"]


def test_xlsx_huge_integer_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["staff_no", "name"], [12345, "Ann"]])
    huge = rewrite_sheet(
        path, "huge.xlsx", lambda xml: xml.replace(b"<v>12345</v>", b"<v>" + b"9" * 400 + b"</v>")
    )
    [(row, reason)] = problems_of(huge)
    assert row == 2
    assert reason.startswith("staff number '9.99999999999999E+399' looks like a number Excel")


# --- bad rows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (",Ann,,,", "staff number is missing"),
        ("S1,,,,", "name is missing"),
        ("S1,   ,,,", "name is missing"),
        (
            "S1,Ann,,boss,",
            "unknown kind 'boss' (use employee, contractor, visitor, 员工, 承包商 or 访客)",
        ),
        ("S" * 33 + ",Ann,,,", "staff number is too long (33 characters; at most 32)"),
        ("S1," + "名" * 101 + ",,,", "name is too long (101 characters; at most 100)"),
        ("S1,Ann," + "d" * 101 + ",,", "department is too long (101 characters; at most 100)"),
        ('S1,"Ann\tLee",,,', "name 'Ann\\tLee' contains a tab (U+0009)"),
        ("S1,Ann\x07,,,", "name 'Ann\\x07' contains a control character (U+0007)"),
        (
            "S1,Ann\u202egnp.exe,,,",
            "name 'Ann\\u202egnp.exe' contains a control character (U+202E)",
        ),
        ("S\x1b1,Ann,,,", "staff number 'S\\x1b1' contains a control character (U+001B)"),
        (
            "S1,=HYPERLINK(1),,,",
            "name '=HYPERLINK(1)' starts with '=', which spreadsheets run as a formula; remove it",
        ),
        (
            "S1,@SUM(A1),,,",
            "name '@SUM(A1)' starts with '@', which spreadsheets run as a formula; remove it",
        ),
        (
            "S1,+1+1,,,",
            "name '+1+1' starts with '+', which spreadsheets run as a formula; remove it",
        ),
        (
            "-5,Ann,,,",
            "staff number '-5' starts with '-', which spreadsheets run as a formula; remove it",
        ),
        (
            "S1,Ann,=1+2,,",
            "department '=1+2' starts with '=', which spreadsheets run as a formula; remove it",
        ),
        (
            "1.38E+10,Ann,,,",
            "staff number '1.38E+10' looks like a number Excel shortened to scientific "
            "notation; format the column as text, type the numbers again and save",
        ),
        ("S1,#N/A,,,", "name '#N/A' is a spreadsheet error value; fix the formula that gave it"),
        (
            "#REF!,Ann,,,",
            "staff number '#REF!' is a spreadsheet error value; fix the formula that gave it",
        ),
        ("S1,Ann,,,138x", "phone '138x' may only contain digits, spaces, +, -, ( and )"),
        (
            "S1,Ann,,,1.38E+10",
            "phone '1.38E+10' may only contain digits, spaces, +, -, ( and ); it looks like a "
            "number Excel shortened to scientific notation: format the column as text, type the "
            "numbers again and save",
        ),
        ("S1,Ann,,,138+86", "phone '138+86' may have '+' only in front"),
        ("S1,Ann,,,( - )", "phone '( - )' has no digits"),
        ("S1,Ann,,," + "1" * 33, "phone is too long (33 characters; at most 32)"),
    ],
)
def test_bad_value_reasons(tmp_path: Path, line: str, reason: str) -> None:
    assert one_problem(tmp_path, line) == reason


def test_long_values_are_cut_short_in_messages(tmp_path: Path) -> None:
    reason = one_problem(tmp_path, "S1,Ann,,x" + "y" * 100 + ",")
    assert (
        reason
        == f"unknown kind 'x{'y' * 29}…' (use employee, contractor, visitor, 员工, 承包商 or 访客)"
    )


def test_limits_are_inclusive(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        f"{EN_HEADER}\n{'S' * 32},{'名' * 100},{'d' * 100},,{'1' * 32}\n",
    )
    assert len(read_staff_file(path)) == 1


def test_one_row_with_several_faults_gives_each(tmp_path: Path) -> None:
    assert problems_of(write_csv(tmp_path, f"{EN_HEADER}\n,,,boss,x\n")) == [
        (2, "staff number is missing"),
        (2, "name is missing"),
        (2, "unknown kind 'boss' (use employee, contractor, visitor, 员工, 承包商 or 访客)"),
        (2, "phone 'x' may only contain digits, spaces, +, -, ( and )"),
    ]


def test_duplicate_staff_numbers_name_each_other(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "工号,姓名\nS001,张三\nS002,李四\nS001,王五\nA7,x\na7,y\nA7,z\nOK,fine\n",
    )
    assert problems_of(path) == [
        (2, "staff number S001 also appears in row 4"),
        (4, "staff number S001 also appears in row 2"),
        (5, "staff number A7 also appears in rows 6 (as a7) and 7"),
        (6, "staff number a7 also appears in rows 5 (as A7) and 7 (as A7)"),
        (7, "staff number A7 also appears in rows 5 and 6 (as a7)"),
    ]


def test_duplicate_with_other_faults_still_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name\n1001,\n1001,Ann\n")
    assert problems_of(path) == [
        (2, "name is missing"),
        (2, "staff number 1001 also appears in row 3"),
        (3, "staff number 1001 also appears in row 2"),
    ]


def test_many_copies_of_one_staff_number_are_summarised(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "staff_no,name\n" + "S1,Ann\n" * 10)
    found = problems_of(path)
    assert len(found) == 10
    assert found[0] == (2, "staff number S1 also appears in rows 3, 4, 5, 6, 7 and 4 more")


def test_every_bad_row_is_listed_with_its_row_number(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        f"{ZH_HEADER}\n1001,张三,,,\n1002,,生产部,,\n\n1003,李四,,老板,\n1004,王五,,,\n"
        "1005,=cmd,,,\n",
        "gb18030",
    )
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    error = caught.value
    assert isinstance(error, UserError)
    assert [(p.row, p.reason) for p in error.problems] == [
        (3, "name is missing"),
        (5, "unknown kind '老板' (use employee, contractor, visitor, 员工, 承包商 or 访客)"),
        (7, "name '=cmd' starts with '=', which spreadsheets run as a formula; remove it"),
    ]
    assert str(error) == (
        "staff.csv: 3 rows are invalid; nothing was imported\n"
        "  row 3: name is missing\n"
        "  row 5: unknown kind '老板' (use employee, contractor, visitor, 员工, 承包商 or 访客)\n"
        "  row 7: name '=cmd' starts with '=', which spreadsheets run as a formula; remove it"
    )


def test_xlsx_bad_rows_are_listed(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [["工号", "姓名", "类型"], [1, "A", "员工"], [2, None, None], [1, "C", "boss"]],
    )
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    assert str(caught.value).splitlines() == [
        "staff.xlsx: 3 rows are invalid; nothing was imported",
        "  row 2: staff number 1 also appears in row 4",
        "  row 3: name is missing",
        "  row 4: unknown kind 'boss' (use employee, contractor, visitor, 员工, 承包商 or 访客)",
        "  row 4: staff number 1 also appears in row 2",
    ]


def test_long_problem_lists_are_cut_in_the_message_but_complete_in_problems(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path, "staff_no,name\n" + "".join(f"S{i},\n" for i in range(120)))
    with pytest.raises(StaffImportError) as caught:
        read_staff_file(path)
    error = caught.value
    assert len(error.problems) == 120
    assert error.problems[-1] == RowProblem(121, "name is missing")
    lines = str(error).splitlines()
    assert lines[0] == "staff.csv: 120 rows are invalid; nothing was imported"
    assert len(lines) == 1 + staff_import.MAX_PROBLEMS_IN_MESSAGE + 1
    assert lines[-1] == "  ... and 70 more problems"


def test_staff_import_error_pickles_and_rows_print() -> None:
    error = StaffImportError("s.csv", [RowProblem(2, "name is missing")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems
    assert (
        str(copy)
        == str(error)
        == "s.csv: 1 row is invalid; nothing was imported\n  row 2: name is missing"
    )
    assert str(RowProblem(3, "x", line=9)) == "row 3 (line 9): x"


# --- one person entered by hand ---------------------------------------------------------------


def test_validate_person_normalises_like_a_file_row() -> None:
    person = validate_person(
        staff_no=" Ｓ1 ", name=" 张三 ", department="QA", kind="Contractor", phone="+86 138-0"
    )
    assert person == StaffRow(0, "S1", "张三", "QA", CONTRACTOR, "+861380")
    assert validate_person(staff_no="7", name="Ann").kind is EMPLOYEE


def test_validate_person_names_every_fault() -> None:
    with pytest.raises(UserError) as caught:
        validate_person(staff_no="", name="=x", kind="boss", phone="12a")
    assert str(caught.value) == (
        "Cannot add this person: staff number is missing; name '=x' starts with '=', which "
        "spreadsheets run as a formula; remove it; unknown kind 'boss' (use employee, "
        "contractor, visitor, 员工, 承包商 or 访客); phone '12a' may only contain digits, "
        "spaces, +, -, ( and )."
    )


# --- bad files --------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    message = user_error(tmp_path / "nope.csv")
    assert message == f"{tmp_path / 'nope.csv'}: no such file"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.xlsx"
    folder.mkdir()
    assert user_error(folder) == f"{folder}: is a folder, not a file"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("staff.txt", "staff.txt: cannot import a file with '.txt'; supported are .csv and .xlsx."),
        ("staff", "staff: cannot import a file with no extension; supported are .csv and .xlsx."),
        (
            "staff.xls",
            "staff.xls: cannot import a file with '.xls'; supported are .csv and .xlsx. Open it "
            "in Excel or WPS and save it as .xlsx (Excel workbook) or CSV.",
        ),
    ],
)
def test_unsupported_extension(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_text("staff_no,name\nS1,Ann\n")
    assert user_error(path) == message


@pytest.mark.parametrize("name", ["empty.csv", "empty.xlsx"])
def test_zero_byte_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert user_error(path) == f"{name}: the file is empty"


def test_blank_csv_has_no_header(tmp_path: Path) -> None:
    message = user_error(write_csv(tmp_path, "\n  \n,,,\n"))
    assert message.startswith("staff.csv: the file has no header row (every row is empty)")
    assert "工号, 姓名" in message


def test_empty_xlsx_has_no_header(tmp_path: Path) -> None:
    message = user_error(write_xlsx(tmp_path, []))
    assert message.startswith("staff.xlsx: the file has no header row")


@pytest.mark.parametrize("text", ["staff_no,name\n", "staff_no,name\n\n,,\n"])
def test_header_only_is_refused(tmp_path: Path, text: str) -> None:
    assert user_error(write_csv(tmp_path, text)) == (
        "staff.csv: no people in the file: it has a header row (row 1) but no rows below it"
    )


def test_missing_required_columns_lists_what_was_found(tmp_path: Path) -> None:
    message = user_error(write_csv(tmp_path, "ID,Full_Name2,部门\n1,Ann,QA\n"))
    assert message.startswith(
        "staff.csv: the required staff number and name columns are missing. The header "
        "(row 1, the first row that is not empty) has: 'ID', 'Full_Name2', '部门'. "
        "Accepted headers: staff number: staff no, staffno,"
    )
    assert "工号" in message and "姓名" in message


def test_missing_one_required_column(tmp_path: Path) -> None:
    message = user_error(write_csv(tmp_path, "员工名单\n工号,姓名\n1,张三\n"))  # a title row
    assert message.startswith(
        "staff.csv: the required staff number and name columns are missing. The header "
        "(row 1, the first row that is not empty) has: '员工名单'."
    )
    message = user_error(write_csv(tmp_path, "工号,phone\n1,138\n"))
    assert message.startswith("staff.csv: the required name column is missing.")
    assert "name: name, full name, staff name, employee name, person name, 姓名" in message


def test_duplicate_header_columns(tmp_path: Path) -> None:
    assert user_error(write_csv(tmp_path, "staff_no,name,工号\nS1,Ann,S2\n")) == (
        "staff.csv: row 1: columns A ('staff_no') and C ('工号') are both the staff number "
        "column; keep only one of them"
    )


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(b"staff_no,name\nS1,\xff\xfe\x80\x80\n")
    assert user_error(path) == (
        "staff.csv: cannot read the text: it is neither UTF-8 nor GB18030/GBK; "
        "save it again as 'CSV UTF-8'"
    )


def test_utf8_bom_with_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(b"\xef\xbb\xbfstaff_no,name\nS1," + "张".encode("gb18030") + b"\n")
    assert user_error(path).startswith(
        "staff.csv: the file is marked as UTF-8 but is not valid UTF-8 (at byte"
    )


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes(b"staff_no,name\nS1,A\x00nn\n")
    assert user_error(path).startswith(
        "staff.csv: the file contains NUL bytes; it is not a CSV text file"
    )
    path.write_bytes("staff_no,name\nS1,Ann\n".encode("utf-16-le"))  # valid UTF-8, oddly
    assert "UTF-16 text without a byte-order mark" in user_error(path)


def test_unclosed_quote_is_refused_not_swallowed(tmp_path: Path) -> None:
    path = write_csv(tmp_path, 'staff_no,name,notes\nS1,Ann,"oops\nS2,Bob,\nS3,Cy,\n')
    message = user_error(path)
    assert message.startswith("staff.csv: line 2: the CSV is malformed (unexpected end of data)")


def test_text_after_closing_quote_is_refused(tmp_path: Path) -> None:
    message = user_error(write_csv(tmp_path, 'staff_no,name\nS1,"Ann"x\n'))
    assert message.startswith("staff.csv: line 2: the CSV is malformed (")


def test_workbook_renamed_to_csv(tmp_path: Path) -> None:
    workbook = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", "Ann"]])
    path = tmp_path / "staff.csv"
    path.write_bytes(workbook.read_bytes())
    assert user_error(path) == (
        "staff.csv: this is not a CSV text file but looks like an Excel workbook; "
        "rename it to .xlsx or save it as CSV"
    )


def test_text_file_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_text("staff_no,name\nS1,Ann\n")
    assert user_error(path) == (
        "staff.xlsx: this is not an Excel .xlsx workbook; if it is a CSV text file, "
        "rename it to .csv"
    )


def test_old_xls_or_encrypted_workbook(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "old Excel (.xls) workbook or a password-protected one" in user_error(path)
    path = tmp_path / "staff.csv"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "looks like an old Excel (.xls) workbook" in user_error(path)


def test_corrupt_zip(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", "Ann"]]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert user_error(path).startswith(
        "cut.xlsx: this is not an Excel .xlsx workbook: the file is damaged ("
    )


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert user_error(path).startswith(
        "other.xlsx: this is not an Excel .xlsx workbook: the file is damaged ("
    )


def test_workbook_with_broken_sheet_xml(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", "Ann"]])
    broken = rewrite_sheet(path, "broken.xlsx", lambda xml: xml[: len(xml) // 2])
    assert user_error(broken).startswith(
        "broken.xlsx: this is not an Excel .xlsx workbook: the file is damaged ("
    )


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # sparse: takes no real space
        handle.truncate(staff_import.MAX_FILE_BYTES + 1)
    assert user_error(path) == (
        "big.csv: the file is too large (50.0 MB; at most 50 MB); split it into smaller files"
    )


def test_workbook_unpacking_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staff_import, "MAX_XLSX_UNPACKED_BYTES", 1000)
    path = write_xlsx(tmp_path, [["staff_no", "name"], ["S1", "Ann"]])
    assert user_error(path).startswith("staff.xlsx: the workbook is too large (it unpacks to")


def test_too_many_rows(tmp_path: Path) -> None:
    limit = staff_import.MAX_PEOPLE
    lines = "".join(f"S{i},N\n" for i in range(limit))
    path = write_csv(tmp_path, "staff_no,name\n" + lines)
    assert len(read_staff_file(path)) == limit
    path = write_csv(tmp_path, "staff_no,name\n" + lines + "X,N\n")
    assert user_error(path) == (
        "staff.csv: too many rows (more than 100,000 people); split it into smaller files"
    )


def test_too_many_rows_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staff_import, "MAX_PEOPLE", 3)
    rows: list[list[object]] = [["staff_no", "name"]] + [[i, "N"] for i in range(4)]
    assert user_error(write_xlsx(tmp_path, rows)).startswith("staff.xlsx: too many rows")
    assert len(read_staff_file(write_xlsx(tmp_path, rows[:4]))) == 3


# --- properties -------------------------------------------------------------------------------

FUZZ = settings(  # the base for every property test below
    deadline=None,
    database=None,  # write nothing into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEADERS = [
    ["staff_no", "name", "department", "kind", "phone"],
    ["工号", "姓名", "部门", "类型", "电话"],
    ["Staff No", "Name", "Dept", "Type", "Mobile"],
    ["name", "工号"],
]


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in (
        "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


def assert_valid(rows: list[StaffRow]) -> None:
    """What every returned row must satisfy, checked independently of the implementation."""
    numbers = [row.row for row in rows]
    assert numbers == sorted(set(numbers))
    assert len({row.staff_no.casefold() for row in rows}) == len(rows)
    for row in rows:
        assert isinstance(row, StaffRow)
        assert row.row >= 2
        assert 1 <= len(row.staff_no) <= 32
        assert 1 <= len(row.name) <= 100
        assert len(row.department) <= 100
        assert isinstance(row.kind, PersonKind)
        assert re.fullmatch(r"\+?[0-9]*", row.phone) and len(row.phone) <= 32
        for text in (row.staff_no, row.name, row.department):
            assert text == text.strip()
            assert not any(_is_control(char) for char in text)
            assert not text.startswith(("=", "+", "-", "@"))


def outcome(path: Path) -> list[StaffRow] | None:
    """Read `path`; only a valid list or a UserError with a message may come out."""
    try:
        rows = read_staff_file(path)
    except StaffImportError as error:
        assert error.problems
        assert all(p.row >= 2 and p.reason.strip() for p in error.problems)
        assert str(error).strip()
        return None
    except UserError as error:
        assert str(error).strip()
        return None
    assert_valid(rows)
    return rows


@settings(FUZZ, max_examples=200)
@given(
    prefix=st.sampled_from([b"", b"staff_no,name\n", "工号,姓名,类型\n".encode("gb18030")]),
    data=st.binary(max_size=400),
)
def test_fuzz_random_bytes_as_csv(
    tmp_path_factory: pytest.TempPathFactory, prefix: bytes, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "fuzz.csv"
    path.write_bytes(prefix + data)
    outcome(path)


_TRICKY = st.sampled_from(list(',;"\t\n\r =+-@\x00\x1b\u3000\u200b\ufeff\u202e张三E.'))
_CELL = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), _TRICKY), max_size=12)


@settings(FUZZ, max_examples=200)
@given(
    header=st.sampled_from(HEADERS),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    rows=st.lists(st.lists(_CELL, max_size=6), max_size=8),
)
def test_fuzz_random_text_rows_in_csv(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[str],
    delimiter: str,
    encoding: str,
    rows: list[list[str]],
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    path = tmp_path_factory.mktemp("text") / "fuzz.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    outcome(path)


_XLSX_TEXT = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), _TRICKY), max_size=12).map(
    lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)
)
_XLSX_VALUE = st.one_of(
    st.none(),
    _XLSX_TEXT,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(9999, 1, 1)),
)


@settings(FUZZ, max_examples=50)
@given(
    header=st.sampled_from(HEADERS),
    rows=st.lists(st.lists(_XLSX_VALUE, max_size=6), max_size=6),
)
def test_fuzz_random_cells_in_xlsx(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[object]]
) -> None:
    outcome(write_xlsx(tmp_path_factory.mktemp("xlsx"), [header, *rows]))


# Round trip: valid values written out come back exactly (kind and phone as normalised).
_NAME_CHARS = st.one_of(
    st.characters(categories=["L", "N"]),
    st.sampled_from(list("张三李四王欧阳娜 ,;'\"·.()\u3000")),
)
_NAME = (
    st.text(alphabet=_NAME_CHARS, min_size=1, max_size=100)
    .map(str.strip)
    .filter(lambda text: bool(text) and not text.startswith(("+", "-", "=", "@")))
)
_STAFF_NO = st.text(
    alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjk0123456789-_/", min_size=1, max_size=32
).filter(lambda text: text[0] != "-")
_KIND = st.sampled_from(
    [
        ("", EMPLOYEE),
        ("employee", EMPLOYEE),
        ("Employee", EMPLOYEE),
        ("员工", EMPLOYEE),
        ("正式员工", EMPLOYEE),
        ("CONTRACTOR", CONTRACTOR),
        ("承包商", CONTRACTOR),
        ("外包", CONTRACTOR),
        ("visitor", VISITOR),
        ("访客", VISITOR),
    ]
)


@st.composite
def _phone(draw: st.DrawFn) -> tuple[str, str]:
    if draw(st.booleans()):
        return "", ""
    plus = draw(st.booleans())
    digits = draw(st.text(alphabet="0123456789", min_size=1, max_size=20))
    separator = draw(st.sampled_from(["", " ", "-"]))
    chunks = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return ("+" if plus else "") + separator.join(chunks), ("+" if plus else "") + digits


@st.composite
def _people(draw: st.DrawFn) -> list[tuple[bool, list[str], StaffRow]]:
    """(blank row before it?, cells, expected row without its row number)."""
    numbers = draw(st.lists(_STAFF_NO, min_size=1, max_size=12, unique_by=str.casefold))
    people = []
    for staff_no in numbers:
        name = draw(_NAME)
        department = draw(st.one_of(st.just(""), _NAME))
        kind_text, kind = draw(_KIND)
        phone_text, phone = draw(_phone())
        expected = StaffRow(0, staff_no, name, department, kind, phone)
        cells = [staff_no, name, department, kind_text, phone_text]
        people.append((draw(st.booleans()), cells, expected))
    return people


def _expected(people: list[tuple[bool, list[str], StaffRow]]) -> list[StaffRow]:
    rows, number = [], 1
    for blank_before, _cells, person in people:
        number += 2 if blank_before else 1
        rows.append(dataclasses.replace(person, row=number))
    return rows


@settings(FUZZ, max_examples=100)
@given(
    people=_people(),
    header=st.sampled_from(HEADERS[:3]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_valid_rows_round_trip_through_csv(
    tmp_path_factory: pytest.TempPathFactory,
    people: list[tuple[bool, list[str], StaffRow]],
    header: list[str],
    delimiter: str,
    encoding: str,
) -> None:
    lines: list[list[str]] = [header]
    for blank_before, cells, _person in people:
        if blank_before:
            lines.append([])
        lines.append(cells)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(lines)
    path = tmp_path_factory.mktemp("trip") / "staff.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    rows = outcome(path)
    assert rows == _expected(people)


@settings(FUZZ, max_examples=30)
@given(people=_people(), header=st.sampled_from(HEADERS[:3]), numeric=st.booleans())
def test_valid_rows_round_trip_through_xlsx(
    tmp_path_factory: pytest.TempPathFactory,
    people: list[tuple[bool, list[str], StaffRow]],
    header: list[str],
    numeric: bool,
) -> None:
    lines: list[list[object]] = [header]
    expected = _expected(people)
    for index, (blank_before, cells, _person) in enumerate(people):
        if blank_before:
            lines.append([])
        values: list[object] = [None if cell == "" else cell for cell in cells]
        if numeric:  # staff numbers and phones as Excel numbers
            values[0] = 5000 + index
            expected[index] = dataclasses.replace(expected[index], staff_no=str(5000 + index))
            phone = expected[index].phone
            if phone and not phone.startswith(("+", "0")) and len(phone) <= 15:
                values[4] = int(phone)
        lines.append(values)
    rows = outcome(write_xlsx(tmp_path_factory.mktemp("trip"), lines))
    assert rows == expected
