"""Exports of the entry log: CSV, XLSX, PDF and JSON lines; and the file-writing pieces that the
daily report (services/reports.py) shares.

Every export is:

- officer+ only when a signed-in user asks (``by``); ``by=None`` is the local command line,
  audited as :func:`~gatekeeper.services.setup.default_actor`;
- streamed: rows are written as they come from :meth:`LogService.rows`, so a log of a million
  rows is never all in memory (the PDF alone reads its rows first, and is capped, because a
  printout of more than :data:`PDF_MAX_ROWS` rows helps nobody);
- atomic: written to a temporary file in the target's folder, then moved over the target with
  :func:`os.replace`, so a failed export never leaves a half-written file where the old one was;
- audited: the format, the row count, the filter and the file name go into the audit trail
  before the file appears under its name.

Spreadsheet safety: a CSV cell beginning with ``= + - @`` (or a tab or carriage return) gets a
leading single quote, as the OWASP guidance on CSV injection advises, so that Excel shows it as
text instead of running it as a formula. XLSX cells are typed: text is written as a string cell,
never as a formula, whatever it begins with.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.errors import DiskFull, UserError, user_error_from_os
from gatekeeper.services import audit
from gatekeeper.services.access import OFFICERS, require
from gatekeeper.services.fonts import SUBFONT_INDEX, find_cjk_font
from gatekeeper.services.setup import default_actor
from gatekeeper.services.users import UserView
from gatekeeper.storage.database import Database

StrPath = str | os.PathLike[str]

FORMATS: Final = ("csv", "xlsx", "pdf", "json")
_SUFFIXES: Final = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
}

#: A PDF is for printing, not archiving: more rows than this are refused.
PDF_MAX_ROWS = 20_000
#: Data rows on one XLSX sheet (Excel's 1,048,576 rows less the header); more go on a next sheet.
XLSX_MAX_ROWS = 1_048_575

#: The characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection).
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")

HEADER_FILL = "1B2A41"
HEADER_INK = "FFFFFF"
GRID = "#C9CED6"
STRIPE = "#F3F5F8"


# --------------------------------------------------------------------------------------------
# Columns of the log


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    #: Spreadsheet column width in characters.
    width: float = 14
    #: Width on the PDF page in millimetres; 0 leaves the column out of the PDF.
    pdf_mm: float = 0

    @property
    def label(self) -> str:
        return f"{self.zh} {self.en}"


#: Every key of a :meth:`LogService.rows` row, in the order exports show them. Keys a row has
#: beyond these (the log may grow) follow, in the order the first row has them.
LOG_COLUMNS: Final = (
    Column("local_time", "当地时间", "Local time", 20, 33),
    Column("gate", "闸口", "Gate", 14, 26),
    Column("seq", "序号", "Seq", 8, 13),
    Column("direction", "方向", "Direction", 10, 17),
    Column("decision", "结果", "Decision", 10, 21),
    Column("reason", "原因", "Reason", 20, 36),
    Column("staff_no", "工号", "Staff no.", 12, 24),
    Column("name", "姓名", "Name", 14, 30),
    Column("department", "部门", "Department", 16, 34),
    Column("temperatures_c", "体温 °C", "Temperatures", 14, 24),
    Column("method", "识别方式", "Method", 10, 15),
    Column("guard", "门卫", "Guard", 38),
    Column("recheck_of", "复测原记录", "Recheck of", 38),
    Column("occurred_at", "时间 (UTC)", "Time (UTC)", 27),
    Column("timezone", "时区", "Time zone", 16),
    Column("event_id", "记录编号", "Event ID", 38),
)
_KNOWN = {c.key: c for c in LOG_COLUMNS}

#: Values shown bilingually in the PDF (the data formats keep the stored words).
VALUE_LABELS: Final = {
    "direction": {"in": "进 in", "out": "出 out"},
    "decision": {"pass": "通过 pass", "recheck": "复测 recheck", "deny": "拒绝 deny"},
}


def columns_for(first: Mapping[str, Any] | None) -> list[Column]:
    """The known columns, then whatever else ``first`` (the first row) has."""
    extra = [k for k in (first or {}) if k not in _KNOWN]
    return [*LOG_COLUMNS, *(Column(k, "", k, 16) for k in extra)]


def format_from_path(path: StrPath, allowed: Sequence[str] = FORMATS) -> str:
    """The export format a file name asks for (``.csv``, ``.xlsx``, ``.pdf``, ``.json``,
    ``.jsonl``); UserError when it asks for none of ``allowed``."""
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None or fmt not in allowed:
        names = ", ".join(f".{f}" for f in allowed)
        raise UserError(f"Cannot tell the format of {os.fspath(path)}: name it {names}.")
    return fmt


def describe_filter(where: object) -> str:
    """A one-line description of a filter dataclass (such as LogFilter) for the audit trail
    and the PDF title: the fields that are set, e.g. ``since=2026-11-27T00:00:00+08:00``."""
    if not dataclasses.is_dataclass(where) or isinstance(where, type):
        return str(where)
    parts = []
    for f in dataclasses.fields(where):
        value = getattr(where, f.name)
        if value is None or value == "" or value == () or value == []:
            continue
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, list | tuple | set | frozenset):
            value = ",".join(str(v) for v in value)
        parts.append(f"{f.name}={value}")
    return "; ".join(parts) or "all"


# --------------------------------------------------------------------------------------------
# Cells


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: a leading formula character gets a single quote."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def cell_text(value: Any) -> str:
    """A value as text: None is empty, a list is its items separated by spaces, a reading
    (a float) has one decimal."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, list | tuple):
        return " ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: characters XML forbids become U+FFFD; at most 32,767
    characters (Excel's limit)."""
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return cleaned[:32767]


def _local_datetime(value: Any) -> datetime | None:
    """An ISO time with offset as a naive local datetime (Excel has no time zones)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Atomic files


@contextmanager
def atomic_path(path: StrPath) -> Iterator[Path]:
    """A temporary path in ``path``'s folder to write to. When the block ends without an error
    the file is flushed to disk and moved over ``path`` in one step; on an error it is removed
    and ``path`` is left as it was. OS errors are raised as UserError (a full disk, a file
    open in Excel on Windows, a folder that is missing or read-only)."""
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name to write to.")
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist.")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(f"Cannot write in {folder}: {exc.strerror or exc}.") from exc
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except PermissionError as exc:
        raise UserError(
            f"Cannot write {target}: {exc.strerror or exc}. If it is open in another program "
            "(Excel, a PDF viewer), close it and try again."
        ) from exc
    except OSError as exc:
        full = user_error_from_os(exc, str(target))  # a full disk, worded once (errors.py)
        if isinstance(full, DiskFull):
            raise full from exc
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    finally:
        temp.unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------
# PDF pieces


@functools.lru_cache(maxsize=4)
def _registered_font(path: Path) -> str:
    name = "GatekeeperReport-" + hashlib.sha256(str(path).encode()).hexdigest()[:8]
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=SUBFONT_INDEX))
    return name


def pdf_font() -> str:
    """The CJK TrueType font (see services/fonts.py), registered with reportlab for embedding;
    UserError when the machine has none."""
    return _registered_font(find_cjk_font())


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that holds its pages back until the end, to print "page n of N" on each, with
    ``footer`` on the left."""

    def __init__(self, *args: Any, footer: str = "", footer_font: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._footer = footer
        self._footer_font = footer_font

    def showPage(self) -> None:  # reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if self._code:
            self.showPage()
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(self._footer_font or self._initialFontName, 7.5)
        self.setFillColor(colors.HexColor("#6B7280"))
        y = 8 * mm
        if self._footer:
            self.drawString(12 * mm, y, self._footer)
        self.drawRightString(
            width - 12 * mm, y, f"第 {number} / {total} 页 · Page {number} of {total}"
        )
        self.restoreState()


def numbered_canvas(footer: str, font: str) -> Callable[..., NumberedCanvas]:
    return functools.partial(NumberedCanvas, footer=footer, footer_font=font)


def table_style(font: str, size: float, *, header_rows: int = 1) -> TableStyle:
    """The house table style: a navy header row, a light grid, striped rows."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#" + HEADER_FILL)),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(GRID)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, colors.HexColor(STRIPE)]),
    ]
    return TableStyle(commands)


def clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def pdf_text(value: str) -> str:
    """Text for a Paragraph: markup escaped, control characters shown as U+FFFD."""
    cleaned = "".join("\ufffd" if ord(ch) < 32 else ch for ch in value)
    return escape(cleaned)


# --------------------------------------------------------------------------------------------
# Writers (each writes a whole file at ``path`` and returns the number of data rows)


def write_csv(rows: Iterable[Mapping[str, Any]], path: StrPath) -> int:
    """CSV with a UTF-8 byte order mark (so that Excel reads Chinese), a header of column keys,
    formula characters neutralised."""
    iterator = iter(rows)
    first = next(iterator, None)
    columns = columns_for(first)
    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.key for c in columns])
        if first is None:
            return 0
        for row in itertools.chain((first,), iterator):
            writer.writerow([neutralise(cell_text(row.get(c.key))) for c in columns])
            count += 1
    return count


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: StrPath) -> int:
    """One JSON object a line (UTF-8, Chinese as is), keys in the export column order."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            ordered = {c.key: row[c.key] for c in LOG_COLUMNS if c.key in row}
            ordered.update((k, v) for k, v in row.items() if k not in ordered)
            handle.write(json.dumps(ordered, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def _xlsx_header(ws: Any, columns: Sequence[Column]) -> None:
    ws.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[_column_letter(index)].width = column.width
    bold = Font(bold=True, color=HEADER_INK)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.label.strip())
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        cells.append(cell)
    ws.append(cells)


def _column_letter(index: int) -> str:
    return str(get_column_letter(index))


def _xlsx_cell(ws: Any, column: Column, value: Any, time_format: str) -> Any:
    if column.key == "local_time":
        local = _local_datetime(value)
        if local is not None:
            cell = WriteOnlyCell(ws, value=local)
            cell.number_format = time_format
            return cell
    if value is None:
        return None
    if isinstance(value, bool):
        return cell_text(value)
    if isinstance(value, int | float):
        return value
    text = xlsx_text(cell_text(value))
    if text.startswith("="):
        # openpyxl reads text starting with "=" as a formula: keep it a string cell.
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        return cell
    return text


def write_xlsx(rows: Iterable[Mapping[str, Any]], path: StrPath, *, title: str = "") -> int:
    """XLSX in openpyxl's write-only mode: rows go to disk as they come (strings inline, no
    table of them kept in memory). A frozen, bilingual header row; local times as Excel dates;
    past Excel's row limit the log goes on to a next sheet."""
    iterator = iter(rows)
    first = next(iterator, None)
    columns = columns_for(first)
    wb = Workbook(write_only=True)
    if title:
        wb.properties.title = title
    wb.properties.creator = "gatekeeper"
    time_format = "yyyy-mm-dd hh:mm:ss"
    sheet_no, on_sheet, count = 1, 0, 0
    ws = wb.create_sheet("出入记录 Log")
    try:
        _xlsx_header(ws, columns)
        if first is not None:
            for row in itertools.chain((first,), iterator):
                if on_sheet >= XLSX_MAX_ROWS:
                    sheet_no += 1
                    ws = wb.create_sheet(f"出入记录 Log ({sheet_no})")
                    _xlsx_header(ws, columns)
                    on_sheet = 0
                ws.append([_xlsx_cell(ws, c, row.get(c.key), time_format) for c in columns])
                on_sheet += 1
                count += 1
    except BaseException:
        _discard(wb)
        raise
    wb.save(os.fspath(path))
    return count


def _discard(wb: Any) -> None:
    """Close the sheets of an unfinished write-only workbook and remove their temporary
    files (openpyxl streams each sheet to one until the workbook is saved)."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _pdf_value(column: Column, value: Any) -> str:
    if column.key == "local_time" and isinstance(value, str):
        local = _local_datetime(value)
        return local.strftime("%Y-%m-%d %H:%M:%S") if local else value
    labels = VALUE_LABELS.get(column.key)
    text = cell_text(value)
    if labels is not None:
        return labels.get(text, text)
    return "".join("\ufffd" if ord(ch) < 32 else ch for ch in text)


def write_pdf(
    rows: Sequence[Mapping[str, Any]], path: StrPath, *, title: str, subtitle: str = ""
) -> int:
    """A landscape A4 table of the log for printing: CJK font embedded, the header row on
    every page, page numbers. The rows are in memory, so the caller caps them."""
    font = pdf_font()
    columns = [c for c in LOG_COLUMNS if c.pdf_mm]
    size = 7.5
    page = landscape(A4)
    margin = 12 * mm
    doc = SimpleDocTemplate(
        os.fspath(path),
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=14 * mm,
        title=title,
        author="gatekeeper",
        initialFontName=font,
    )
    widths = [c.pdf_mm * mm for c in columns]
    scale = min(1.0, doc.width / sum(widths))
    widths = [w * scale for w in widths]
    heading = ParagraphStyle("title", fontName=font, fontSize=13, leading=17)
    small = ParagraphStyle("sub", fontName=font, fontSize=8, leading=11)
    story: list[Any] = [Paragraph(pdf_text(title), heading)]
    if subtitle:
        story.append(Paragraph(pdf_text(subtitle), small))
    story.append(Spacer(1, 3 * mm))
    header = [
        clip(c.zh, font, size, w - 4) + "\n" + clip(c.en, font, size, w - 4)
        for c, w in zip(columns, widths, strict=True)
    ]
    header_height = 2 * size + 6
    row_height = size + 4.5
    style = table_style(font, size)
    if not rows:
        story.append(Table([header], colWidths=widths, rowHeights=[header_height], style=style))
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph("无记录 · No events match the filter.", small))
    # Tables of a few hundred rows each: reportlab splits long tables across pages slowly.
    chunk = 300
    for start in range(0, len(rows), chunk):
        data = [header]
        for row in rows[start : start + chunk]:
            data.append([
                clip(_pdf_value(c, row.get(c.key)), font, size, w - 4)
                for c, w in zip(columns, widths, strict=True)
            ])
        story.append(
            Table(
                data,
                colWidths=widths,
                rowHeights=[header_height] + [row_height] * (len(data) - 1),
                repeatRows=1,
                style=style,
            )
        )
    doc.build(story, canvasmaker=numbered_canvas(title, font))
    return len(rows)


# --------------------------------------------------------------------------------------------
# The audited export


#: How often (in rows) :func:`export_log` calls its ``progress`` callback.
PROGRESS_EVERY = 1000


def _reporting(
    rows: Iterable[Mapping[str, Any]], progress: Callable[[int], None]
) -> Iterator[Mapping[str, Any]]:
    count = 0
    for row in rows:
        yield row
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress(count)
    progress(count)


def actor_of(by: UserView | None) -> str:
    return by.username if by is not None else default_actor()


def export_log(
    rows: Iterable[Mapping[str, Any]],
    path: StrPath,
    fmt: str,
    *,
    by: UserView | None,
    db: Database,
    clock: Clock = utc_now,
    description: str = "",
    title: str = "",
    pdf_max_rows: int = PDF_MAX_ROWS,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the log ``rows`` (from :meth:`LogService.rows`) to ``path`` as ``fmt`` (csv, xlsx,
    pdf or json: JSON lines) and return how many rows were written.

    ``by`` is the signed-in user (officer or admin; anyone else is refused, and the refusal
    audited), or None for the local command line. ``description`` says which filter made the
    rows (see :func:`describe_filter`); it goes into the audit trail and under the PDF's
    ``title``. ``progress``, when given, is called with the number of rows read so far every
    :data:`PROGRESS_EVERY` rows (from the calling thread); an exception it raises cancels the
    export, leaving the old file in place.

    Raises UserError for a bad format, a PDF of too many rows, or a file that cannot be
    written; the file at ``path`` is then as it was.
    """
    if fmt not in FORMATS:
        raise UserError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if by is not None:
        require(db, by, OFFICERS, f"export the log as {fmt}", clock)
    if progress is not None:
        rows = _reporting(rows, progress)
    heading = title or "出入记录 · Entry log"
    pdf_rows: list[Mapping[str, Any]] = []
    if fmt == "pdf":
        pdf_rows = list(itertools.islice(rows, pdf_max_rows + 1))
        if len(pdf_rows) > pdf_max_rows:
            raise UserError(
                f"The log has more than {pdf_max_rows:,} rows: too many to print. Narrow the "
                "filter (a shorter time span, one gate), or export CSV or XLSX to keep them all."
            )
    with atomic_path(path) as temp:
        if fmt == "csv":
            count = write_csv(rows, temp)
        elif fmt == "xlsx":
            count = write_xlsx(rows, temp, title=heading)
        elif fmt == "json":
            count = write_jsonl(rows, temp)
        else:
            now = clock()
            subtitle = f"筛选 Filter: {description or 'all'} · {len(pdf_rows)} 条 rows · " \
                f"生成 Generated {now.astimezone().strftime('%Y-%m-%d %H:%M %Z')}"
            count = write_pdf(pdf_rows, temp, title=heading, subtitle=subtitle)
        with db.session() as session:
            audit.record(
                session, at=clock(), actor=actor_of(by), action="log.export",
                entity="log", entity_id=fmt,
                details={
                    "format": fmt,
                    "rows": count,
                    "filter": description or "all",
                    "file": os.fspath(Path(path).absolute()),
                },
            )
    return count
