"""Read a staff list (.csv or .xlsx) into validated rows: a pure parser and validator.

Nothing here touches the database: the staff service applies the returned rows in one
transaction. The whole file is checked first, and a file with any invalid row is rejected
whole (:class:`StaffImportError`, which lists every problem), so an import either applies
every row or none.

Files
    ``.csv`` and ``.xlsx`` (the extension decides, in any letter case). A CSV is read as UTF-8
    with a byte-order mark, UTF-16 with a byte-order mark (Excel's "Unicode text"), UTF-8, or
    else GB18030 (which covers GBK and GB2312), in that order; a file that decodes in none of
    them is refused. The delimiter is the one of comma, semicolon and tab that the header line
    (the first line with more than delimiters and spaces) uses most; a comma when tied. Quotes
    must be well formed: an unclosed quote is an error, not a field that silently swallows the
    rest of the file. In a workbook the active sheet is read (the one that shows when the file
    is opened); formulas are never evaluated, only the value Excel saved with them is read (a
    formula saved without a value reads as empty). A number cell of 16 or more digits has lost
    digits in Excel (it keeps 15), so it reads as Excel shows it, ``1.23456789012346E+17``,
    and is refused with a hint.

Rows
    Row numbers are the ones a person sees in Excel or WPS: 1-based, counting blank rows. For a
    CSV that is the record number, blank lines included (a quoted field may span lines); when
    a record starts on a different line of the text, :attr:`RowProblem.line` gives that line
    too. The header is the first row that is not blank, and rows whose every cell is empty are
    skipped. Only the first :data:`MAX_COLUMNS` columns are read.

Headers
    Matched ignoring case, surrounding spaces, full-width forms, a trailing ``*`` or colon, a
    trailing remark in brackets (``电话（选填）``), and treating ``_ - . /`` like spaces. See
    :data:`HEADER_ALIASES` for the accepted names: the English ones (``staff_no``, ``name``,
    ``department``, ``kind``, ``phone``), the Chinese ones (``工号``, ``姓名``, ``部门``,
    ``类型``, ``电话``) and common variants (``Staff No``, ``employee number``, ``员工编号``,
    ``手机号`` ...). Staff number and name are required; other columns are optional, and
    columns with any other header are ignored. Two columns for the same field are an error.

Values (after stripping surrounding whitespace)
    staff number: required, 1-32 characters; full-width letters and digits are folded to
    ASCII (NFKC); an Excel number such as 1001 reads as ``"1001"``; ``="0123"`` (the CSV idiom
    that keeps leading zeros) reads as ``"0123"``; a value that looks like Excel scientific
    notation (``1.23E+11``) is refused, since the real number is lost. Two rows with the same
    staff number, ignoring letter case, are both reported.
    name: required, 1-100 characters. department: optional, at most 100 characters.
    kind: optional, default employee; see :data:`KIND_ALIASES` (English case-insensitive,
    员工/正式员工, 承包商/外包, 访客 ...).
    phone: optional, at most 32 characters of digits, spaces, ``+ - ( )``, with ``+`` only in
    front; stored as its digits with the leading ``+`` kept (``+86 138-0013-8000`` becomes
    ``+8613800138000``). Leading zeros that Excel already dropped from a number cell cannot be
    recovered: such columns should be formatted as text.
    No value may contain control characters (C0/C1, line or paragraph separators,
    bidirectional overrides). Staff number, name and department may not start with
    ``= + - @`` (spreadsheets run such cells as formulas when the data is exported again; an
    exporter should still escape them) nor be a spreadsheet error value such as ``#N/A``.

Limits
    :data:`MAX_FILE_BYTES` (50 MB) per file, :data:`MAX_XLSX_UNPACKED_BYTES` unpacked per
    workbook, :data:`MAX_PEOPLE` (100,000) rows of people.

Re-import
    People are matched by staff number by the staff service, not here. Each row carries
    :attr:`StaffRow.columns`, the optional columns the file has, so that a file without, say, a
    phone column need not wipe the phone numbers already on record.

Empty files
    A file with no header row, or a header row and no people, is refused (a :class:`UserError`
    that says so) rather than returning ``[]``: importing nothing is never what the person who
    picked the file meant, and they should learn that they picked the wrong file or sheet.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import os
import re
import stat
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError

__all__ = [
    "HEADER_ALIASES",
    "KIND_ALIASES",
    "MAX_FILE_BYTES",
    "MAX_PEOPLE",
    "OPTIONAL_COLUMNS",
    "SUPPORTED_EXTENSIONS",
    "RowProblem",
    "StaffImportError",
    "StaffRow",
    "read_staff_file",
    "validate_person",
]

SUPPORTED_EXTENSIONS = (".csv", ".xlsx")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_PEOPLE = 100_000
MAX_COLUMNS = 200
MAX_STAFF_NO = 32
MAX_NAME = 100
MAX_DEPARTMENT = 100
MAX_PHONE = 32
#: The columns a file may leave out; see StaffRow.columns.
OPTIONAL_COLUMNS = frozenset({"department", "kind", "phone"})
#: Problems written out in the exception message; :attr:`StaffImportError.problems` has all.
MAX_PROBLEMS_IN_MESSAGE = 50


@dataclass(frozen=True, slots=True)
class StaffRow:
    """One valid person from the file."""

    row: int  # as seen in Excel / WPS (header row is usually 1)
    staff_no: str
    name: str
    department: str  # "" when absent
    kind: PersonKind  # EMPLOYEE when the column is absent or the cell empty
    phone: str  # "" when absent; digits with an optional leading "+"
    #: Which optional columns the file has (a subset of OPTIONAL_COLUMNS; all of them for a row
    #: made by hand). An absent column gives "" / EMPLOYEE above, so a re-import that must not
    #: wipe what the registry holds keeps those fields for people it updates. Not compared.
    columns: frozenset[str] = dataclasses.field(default=OPTIONAL_COLUMNS, compare=False)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one row cannot be imported (a row with two faults gives two problems)."""

    row: int
    reason: str  # an English sentence without the row number, e.g. "name is missing"
    line: int | None = None  # CSV only: the text line the record starts on, when not `row`

    def __str__(self) -> str:
        where = f"row {self.row}" if self.line is None else f"row {self.row} (line {self.line})"
        return f"{where}: {self.reason}"


class StaffImportError(UserError):
    """The file has invalid rows; nothing may be imported. `problems` lists every one."""

    def __init__(self, source: str, problems: Sequence[RowProblem]) -> None:
        self.source = source
        self.problems: list[RowProblem] = list(problems)
        super().__init__(_summarise(source, self.problems))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.problems))


def _summarise(source: str, problems: Sequence[RowProblem]) -> str:
    bad_rows = len({p.row for p in problems})
    verb = "row is" if bad_rows == 1 else "rows are"
    lines = [f"{source}: {bad_rows} {verb} invalid; nothing was imported"]
    lines += [f"  {p}" for p in problems[:MAX_PROBLEMS_IN_MESSAGE]]
    if len(problems) > MAX_PROBLEMS_IN_MESSAGE:
        lines.append(f"  ... and {len(problems) - MAX_PROBLEMS_IN_MESSAGE} more problems")
    return "\n".join(lines)


# --- headers ----------------------------------------------------------------------------------

_FIELDS = ("staff_no", "name", "department", "kind", "phone")
_REQUIRED = ("staff_no", "name")
_FIELD_TITLES = {
    "staff_no": "staff number",
    "name": "name",
    "department": "department",
    "kind": "kind",
    "phone": "phone",
}

#: Accepted header names per field, in their normalised form (see `_normalise_header`).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "staff_no": (
        "staff no", "staffno", "staff number", "staff id", "staffid", "employee no",
        "employee number", "employee id", "emp no", "emp id",
        "工号", "员工编号", "员工工号", "员工号", "职工号", "编号",
    ),
    "name": (
        "name", "full name", "staff name", "employee name", "person name",
        "姓名", "名字", "员工姓名",
    ),
    "department": ("department", "dept", "部门", "所属部门", "部门名称"),
    "kind": (
        "kind", "type", "person kind", "person type", "staff type", "category",
        "类型", "人员类型", "类别",
    ),
    "phone": (
        "phone", "phone no", "phone number", "telephone", "tel", "mobile", "mobile no",
        "mobile number", "cell phone",
        "电话", "手机", "手机号", "手机号码", "电话号码", "联系电话", "联系方式",
    ),
}
_HEADER_TO_FIELD = {alias: field for field, names in HEADER_ALIASES.items() for alias in names}

_HEADER_REMARK_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")  # "电话（选填）", "Phone (optional)"
_HEADER_SEPARATORS_RE = re.compile(r"[\s_\-./]+")


def _normalise_header(text: str) -> str:
    key = unicodedata.normalize("NFKC", _strip(text)).casefold()
    key = _HEADER_REMARK_RE.sub("", key.rstrip("*: "))
    key = key.rstrip("*: ")
    return _HEADER_SEPARATORS_RE.sub(" ", key).strip()


#: Accepted kind values, normalised (NFKC, case-folded, spaces removed).
KIND_ALIASES: dict[str, PersonKind] = {
    **dict.fromkeys(
        ("employee", "emp", "staff", "员工", "正式员工", "职工", "内部员工", "正式工"),
        PersonKind.EMPLOYEE,
    ),
    **dict.fromkeys(
        ("contractor", "承包商", "外包", "外包人员", "承包商人员", "承包商员工"),
        PersonKind.CONTRACTOR,
    ),
    **dict.fromkeys(
        ("visitor", "guest", "访客", "来访", "来访人员", "来宾", "访客人员"),
        PersonKind.VISITOR,
    ),
}


# --- the entry point --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RawRow:
    row: int
    cells: tuple[str, ...]  # stripped, at most MAX_COLUMNS, trailing empty cells dropped
    line: int | None = None


def read_staff_file(path: str | os.PathLike[str]) -> list[StaffRow]:
    """Read and validate a staff list; return its people in file order.

    Raises :class:`StaffImportError` when any row is invalid (listing them all) and
    :class:`UserError` when the file itself cannot be used.
    """
    file = Path(os.fspath(path))
    extension = file.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        hint = ""
        if extension == ".xls":
            hint = " Open it in Excel or WPS and save it as .xlsx (Excel workbook) or CSV."
        shown = f"'{file.suffix}'" if file.suffix else "no extension"
        raise UserError(
            f"{file.name}: cannot import a file with {shown}; supported are "
            f"{' and '.join(SUPPORTED_EXTENSIONS)}.{hint}"
        )
    _check_size(file)
    if extension == ".csv":
        rows = _read_csv(file)
        source = file.name
    else:
        source, rows = _read_xlsx(file)
    return _parse(rows, source)


def validate_person(
    *, staff_no: str, name: str, department: str = "", kind: str = "", phone: str = ""
) -> StaffRow:
    """Check one person entered by hand (``staff add``, a form) by the same rules as a file
    row, and return it normalised, with ``row`` 0. Raises :class:`UserError` naming every fault.
    """
    raw = _RawRow(0, tuple(_strip(value) for value in (staff_no, name, department, kind, phone)))
    columns = {field: index for index, field in enumerate(_FIELDS)}
    number = _staff_no_value(raw, columns)
    faults = _staff_no_faults(number)
    person = _check_row(raw, columns, number, faults)
    if person is None:
        raise UserError("Cannot add this person: " + "; ".join(faults) + ".")
    return person


def _check_size(file: Path) -> None:
    try:
        info = file.stat()
    except FileNotFoundError:
        raise UserError(f"{file}: no such file") from None
    except OSError as exc:
        raise UserError(f"{file}: cannot read the file ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{file}: is a folder, not a file")
    if info.st_size == 0:
        raise UserError(f"{file.name}: the file is empty")
    if info.st_size > MAX_FILE_BYTES:
        raise UserError(
            f"{file.name}: the file is too large ({info.st_size / 1024 / 1024:.1f} MB; "
            f"at most {MAX_FILE_BYTES // 1024 // 1024} MB); split it into smaller files"
        )


def _read_bytes(file: Path) -> bytes:
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(f"{file}: cannot read the file ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:  # it grew since it was measured
        raise UserError(
            f"{file.name}: the file is too large (more than {MAX_FILE_BYTES // 1024 // 1024} MB)"
        )
    return data


def _too_many_people(source: str) -> UserError:
    return UserError(
        f"{source}: too many rows (more than {MAX_PEOPLE:,} people); split it into smaller files"
    )


# --- CSV --------------------------------------------------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_csv(file: Path) -> list[_RawRow]:
    data = _read_bytes(file)
    if data.startswith(_ZIP_MAGIC):
        raise UserError(
            f"{file.name}: this is not a CSV text file but looks like an Excel workbook; "
            "rename it to .xlsx or save it as CSV"
        )
    if data.startswith(_OLE2_MAGIC):
        raise UserError(
            f"{file.name}: this is not a CSV text file but looks like an old Excel (.xls) "
            "workbook; save it as CSV or .xlsx"
        )
    text = _decode(data, file.name)
    if "\x00" in text:
        raise UserError(
            f"{file.name}: the file contains NUL bytes; it is not a CSV text file (if it is "
            "UTF-16 text without a byte-order mark, save it again as 'CSV UTF-8')"
        )
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=_guess_delimiter(text),
        strict=True,
        skipinitialspace=True,
    )
    rows: list[_RawRow] = []
    record = 0
    last_line = 0
    try:
        for cells in reader:
            record += 1
            first_line = last_line + 1
            last_line = reader.line_num
            raw = _raw_row(record, cells, None if first_line == record else first_line)
            if raw is None:
                continue
            if len(rows) > MAX_PEOPLE:
                raise _too_many_people(file.name)
            rows.append(raw)
    except csv.Error as exc:
        raise UserError(
            f"{file.name}: line {last_line + 1}: the CSV is malformed ({exc}); check the "
            "quotes (\") on that line"
        ) from exc
    return rows


def _decode(data: bytes, source: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{source}: the file is marked as UTF-8 but is not valid UTF-8 "
                f"(at byte {exc.start}); save it again as 'CSV UTF-8'"
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{source}: the file is marked as UTF-16 but is not valid UTF-16; "
                "save it again as 'CSV UTF-8'"
            ) from exc
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(
        f"{source}: cannot read the text: it is neither UTF-8 nor GB18030/GBK; "
        "save it again as 'CSV UTF-8'"
    )


def _guess_delimiter(text: str) -> str:
    """The delimiter the header line (the first line with more than delimiters) uses most."""
    lines = io.StringIO(text, newline="")
    header = next((line for line in lines if line.strip(" \t\r\n,;")), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])  # max() keeps the first on ties: the comma


# --- XLSX -------------------------------------------------------------------------------------


def _read_xlsx(file: Path) -> tuple[str, list[_RawRow]]:
    head = _read_head(file)
    if head.startswith(_OLE2_MAGIC):
        raise UserError(
            f"{file.name}: this is an old Excel (.xls) workbook or a password-protected one; "
            "save it without a password as .xlsx (Excel workbook) or CSV"
        )
    not_a_workbook = f"{file.name}: this is not an Excel .xlsx workbook"
    if not head.startswith(_ZIP_MAGIC):
        raise UserError(f"{not_a_workbook}; if it is a CSV text file, rename it to .csv")
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(f"{not_a_workbook}: the file is damaged ({exc})") from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise UserError(
            f"{file.name}: the workbook is too large (it unpacks to "
            f"{unpacked / 1024 / 1024:.0f} MB); split it into smaller files"
        )

    import openpyxl  # here, not at the top: it takes a while to import, and CSV needs none of it

    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation, default styles ...);
        # they do not matter to reading values.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(
                file, read_only=True, data_only=True, keep_links=False
            )
        except MemoryError:
            raise
        except Exception as exc:  # any parser failure on a foreign file is the file's fault
            raise UserError(f"{not_a_workbook}: the file is damaged ({_describe(exc)})") from exc
        try:
            return _read_sheet(workbook, file.name)
        except (UserError, MemoryError):
            raise
        except Exception as exc:
            raise UserError(f"{not_a_workbook}: the file is damaged ({_describe(exc)})") from exc
        finally:
            workbook.close()


def _read_head(file: Path) -> bytes:
    try:
        with file.open("rb") as handle:
            return handle.read(8)
    except OSError as exc:
        raise UserError(f"{file}: cannot read the file ({exc.strerror or exc})") from exc


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _read_sheet(workbook: Any, filename: str) -> tuple[str, list[_RawRow]]:
    sheet = workbook.active
    if sheet is None or not hasattr(sheet, "iter_rows"):  # none, or a chart sheet
        sheets = workbook.worksheets
        if not sheets:
            raise UserError(f"{filename}: the workbook has no worksheet")
        sheet = sheets[0]
    source = filename
    if len(workbook.sheetnames) > 1:
        source = f"{filename} (sheet {sheet.title!r})"
    # The stored dimensions can be wrong, and openpyxl would stop reading at them.
    sheet.reset_dimensions()
    rows: list[_RawRow] = []
    values: tuple[object, ...]
    for number, values in enumerate(
        sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1
    ):
        raw = _raw_row(number, [_cell_text(value) for value in values], None)
        if raw is None:
            continue
        if len(rows) > MAX_PEOPLE:
            raise _too_many_people(source)
        rows.append(raw)
    return source, rows


def _cell_text(value: object) -> str:
    """A workbook cell as the text a person sees, near enough (numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float) and abs(value) >= 1e15:
        # Past Excel's 15 significant digits the number is not what was typed: show it the
        # way Excel does (1.23456789012346E+17), which validation refuses with a hint.
        if isinstance(value, float):
            return f"{value:.15G}"
        digits = str(abs(value))  # an int may be too large for a float
        mantissa = f"{digits[0]}.{digits[1:15]}".rstrip("0").rstrip(".")
        return f"{'-' if value < 0 else ''}{mantissa}E+{len(digits) - 1}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- rows -------------------------------------------------------------------------------------

_EDGE_SPACE_RE = re.compile(r"^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$")


def _strip(text: str) -> str:
    return _EDGE_SPACE_RE.sub("", text)


def _raw_row(number: int, cells: Sequence[str], line: int | None) -> _RawRow | None:
    """Strip and trim the cells; None for a blank row."""
    stripped = [_strip(cell) for cell in cells[:MAX_COLUMNS]]
    while stripped and not stripped[-1]:
        stripped.pop()
    if not stripped:
        return None
    return _RawRow(number, tuple(stripped), line)


def _column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _map_header(header: _RawRow, source: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header.cells):
        name = _HEADER_TO_FIELD.get(_normalise_header(cell))
        if name is None:
            continue
        if name in columns:
            first = columns[name]
            raise UserError(
                f"{source}: row {header.row}: columns {_column_letter(first)} "
                f"({_show(header.cells[first])}) and {_column_letter(index)} ({_show(cell)}) "
                f"are both the {_FIELD_TITLES[name]} column; keep only one of them"
            )
        columns[name] = index
    missing = [field for field in _REQUIRED if field not in columns]
    if missing:
        found = [_show(cell) for cell in header.cells if cell]
        shown = ", ".join(found[:20]) + (", ..." if len(found) > 20 else "")
        accepted = "; ".join(
            f"{_FIELD_TITLES[field]}: {', '.join(HEADER_ALIASES[field])}" for field in missing
        )
        names = " and ".join(_FIELD_TITLES[field] for field in missing)
        raise UserError(
            f"{source}: the required {names} column{'s are' if len(missing) > 1 else ' is'} "
            f"missing. The header (row {header.row}, the first row that is not empty) has: "
            f"{shown}. Accepted headers: {accepted}."
        )
    return columns


def _parse(rows: list[_RawRow], source: str) -> list[StaffRow]:
    if not rows:
        raise UserError(
            f"{source}: the file has no header row (every row is empty); the first row must "
            "name the columns, e.g. staff_no, name, department, kind, phone or "
            "工号, 姓名, 部门, 类型, 电话"
        )
    header, body = rows[0], rows[1:]
    columns = _map_header(header, source)
    if not body:
        raise UserError(
            f"{source}: no people in the file: it has a header row (row {header.row}) "
            "but no rows below it"
        )
    people: list[StaffRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, list[tuple[_RawRow, str]]] = {}
    for raw in body:
        staff_no = _staff_no_value(raw, columns)
        faults = _staff_no_faults(staff_no)
        if not faults:
            seen.setdefault(staff_no.casefold(), []).append((raw, staff_no))
        person = _check_row(raw, columns, staff_no, faults)
        problems += [RowProblem(raw.row, reason, raw.line) for reason in faults]
        if person is not None:
            people.append(person)
    for same in seen.values():
        if len(same) > 1:
            problems += _duplicate_problems(same)
    if problems:
        problems.sort(key=lambda problem: problem.row)  # stable: a row's own order is kept
        raise StaffImportError(source, problems)
    return people


def _duplicate_problems(same: list[tuple[_RawRow, str]]) -> list[RowProblem]:
    problems = []
    for raw, staff_no in same:
        others: list[str] = []
        for other, other_no in same:  # at most five named: a group can be huge
            if len(others) == 5:
                break
            if other is not raw:
                others.append(
                    f"{other.row}" if other_no == staff_no else f"{other.row} (as {other_no})"
                )
        if len(same) - 1 > len(others):
            others.append(f"{len(same) - 1 - len(others)} more")
        where = f"row {others[0]}" if len(others) == 1 else f"rows {_join(others)}"
        problems.append(
            RowProblem(raw.row, f"staff number {staff_no} also appears in {where}", raw.line)
        )
    return problems


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _cell(raw: _RawRow, columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    if index is None or index >= len(raw.cells):
        return ""
    return raw.cells[index]


_KEEP_ZEROS_RE = re.compile(r'="(.*)"', re.DOTALL)  # ="0123": the CSV idiom for text numbers
_SCIENTIFIC_RE = re.compile(r"[0-9](\.[0-9]+)?E\+[0-9]+", re.IGNORECASE)
_FORMULA_STARTS = ("=", "+", "-", "@")
_EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!",
     "#GETTING_DATA"}
)
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _unwrap(value: str) -> str:
    match = _KEEP_ZEROS_RE.fullmatch(value)
    return _strip(match.group(1)) if match else value


def _staff_no_value(raw: _RawRow, columns: dict[str, int]) -> str:
    # NFKC can start a value with a space ("\u00a8" becomes " \u0308"): strip again.
    return _strip(unicodedata.normalize("NFKC", _unwrap(_cell(raw, columns, "staff_no"))))


def _show(value: str, limit: int = 30) -> str:
    """A value quoted for a message: cut short, control characters escaped."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


_CONTROL_NAMES = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}


def _control_character(value: str) -> str | None:
    """A description of the first control character in `value`, if there is one."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
            return f"{_CONTROL_NAMES.get(char, 'a control character')} (U+{ord(char):04X})"
    return None


def _text_faults(title: str, value: str, limit: int) -> list[str]:
    faults = []
    if len(value) > limit:
        faults.append(f"{title} is too long ({len(value)} characters; at most {limit})")
    if value.upper() in _EXCEL_ERRORS:
        faults.append(
            f"{title} {value!r} is a spreadsheet error value; fix the formula that gave it"
        )
    control = _control_character(value)
    if control is not None:
        faults.append(f"{title} {_show(value)} contains {control}")
    if value.startswith(_FORMULA_STARTS):
        faults.append(
            f"{title} {_show(value)} starts with {value[0]!r}, which spreadsheets run as a "
            "formula; remove it"
        )
    return faults


def _staff_no_faults(value: str) -> list[str]:
    if not value:
        return ["staff number is missing"]
    faults = _text_faults("staff number", value, MAX_STAFF_NO)
    if _SCIENTIFIC_RE.fullmatch(value):
        faults.append(
            f"staff number {_show(value)} looks like a number Excel shortened to scientific "
            "notation; format the column as text, type the numbers again and save"
        )
    return faults


def _check_row(
    raw: _RawRow, columns: dict[str, int], staff_no: str, faults: list[str]
) -> StaffRow | None:
    """The row as a StaffRow, or None with the reasons appended to `faults` (which already
    holds the staff number's)."""

    name = _cell(raw, columns, "name")
    if not name:
        faults.append("name is missing")
    else:
        faults += _text_faults("name", name, MAX_NAME)

    department = _cell(raw, columns, "department")
    faults += _text_faults("department", department, MAX_DEPARTMENT)

    kind = _parse_kind(_cell(raw, columns, "kind"), faults)
    phone = _parse_phone(_cell(raw, columns, "phone"), faults)
    if faults or kind is None or phone is None:
        return None
    present = OPTIONAL_COLUMNS.intersection(columns)
    return StaffRow(raw.row, staff_no, name, department, kind, phone, present)


def _parse_kind(value: str, faults: list[str]) -> PersonKind | None:
    if not value:
        return PersonKind.EMPLOYEE
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()
    kind = KIND_ALIASES.get(key)
    if kind is None:
        faults.append(
            f"unknown kind {_show(value)} (use employee, contractor, visitor, "
            "员工, 承包商 or 访客)"
        )
    return kind


_PHONE_CHARACTERS = frozenset("0123456789 +-()")


def _parse_phone(value: str, faults: list[str]) -> str | None:
    value = unicodedata.normalize("NFKC", _unwrap(value))
    if not value:
        return ""
    start = len(faults)
    if len(value) > MAX_PHONE:
        faults.append(f"phone is too long ({len(value)} characters; at most {MAX_PHONE})")
    if not set(value) <= _PHONE_CHARACTERS:
        hint = ""
        if _SCIENTIFIC_RE.fullmatch(value):
            hint = (
                "; it looks like a number Excel shortened to scientific notation: format the "
                "column as text, type the numbers again and save"
            )
        faults.append(
            f"phone {_show(value)} may only contain digits, spaces, +, -, ( and ){hint}"
        )
    elif "+" in value.lstrip("( ")[1:]:
        faults.append(f"phone {_show(value)} may have '+' only in front")
    elif not any(char.isdigit() for char in value):
        faults.append(f"phone {_show(value)} has no digits")
    if len(faults) > start:
        return None
    digits = "".join(char for char in value if char in "0123456789")
    return ("+" if value.lstrip("( ").startswith("+") else "") + digits
