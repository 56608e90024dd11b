"""Badge images: one card as PNG or SVG, many cards on printable A4 PDF sheets.

Every format draws the same :class:`CardLayout`, computed once by :func:`layout_card` in
millimetres from the card's top-left corner (y grows downwards). The card is ID-1 sized
(85.6 x 54 mm, landscape): the QR code takes the right-hand side at its largest size (49 mm
square with its 4-module quiet zone: a 151-character badge token is QR version 6, so 1 mm
modules and a 41 mm symbol, read from about a metre by a webcam), and the left column carries
the site, the name, the staff number, the department, the expiry of a visitor pass, and the
person's kind as a coloured band that also spells the kind out (colour is never the only cue).

Text is fitted to its box: the font shrinks, long text wraps (between words, or between Chinese
characters), and only at the smallest legible size is the last line ellipsized ("…"), so text is
never drawn over the QR code or off the card.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services.fonts import SUBFONT_INDEX, find_cjk_font

StrPath = str | os.PathLike[str]

# --------------------------------------------------------------------------------------------
# Geometry and style (millimetres)

CARD_W = 85.6
CARD_H = 54.0
PNG_DPI = 300
PX_PER_MM = PNG_DPI / 25.4
PNG_SIZE = (round(CARD_W * PX_PER_MM), round(CARD_H * PX_PER_MM))  # (1011, 638)

QUIET_MODULES = 4
QR_BOX = 49.0  # the QR code including its quiet zone
QR_BOX_X = CARD_W - QR_BOX - 1.6
QR_BOX_Y = (CARD_H - QR_BOX) / 2

COL_X = 3.0  # the text column, left of the QR code's quiet zone
COL_W = QR_BOX_X - 1.0 - COL_X
HEADER_Y = 3.0
HEADER_H = 7.2
BAND_H = 9.0
BAND_Y = CARD_H - 3.0 - BAND_H
ROW_H = 4.6
ROW_H_TALL = 7.0
LABEL_W = 8.2
NAME_MAX = 9.5
CORNER_RADIUS = 3.0  # ID-1 cards have 3.18 mm corners; drawn only as a hairline outline

LINE_PITCH = 1.22  # line height / font size
GLYPH_CENTRE = 0.36  # a CJK glyph or a capital is centred this far (x size) above the baseline
WIDTH_SLACK = 0.97  # fit text to 97% of its box: hinting at small pixel sizes widens it a little
BOLD_STROKE = 0.028  # faux bold (PNG, PDF): outline stroke as a fraction of the font size
BOLD_WIDEN = 1.08  # a real bold face (SVG viewers) is up to this much wider than the regular
ELLIPSIS = "…"

INK = "#111827"
LABEL_INK = "#6B7280"
HEADER_FILL = "#1B2A41"
HEADER_INK = "#FFFFFF"
OUTLINE = "#C9CED6"
QR_INK = "#000000"
PAPER = "#FFFFFF"

SVG_FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif"
)


@dataclass(frozen=True)
class KindStyle:
    """How a kind of person is shown: a band colour, its text colour, and the words."""

    fill: str
    ink: str
    zh: str
    en: str


# Blue, orange and purple (from the Okabe-Ito colour-blind-safe set, deepened for white text);
# green and red are left to the screening result (pass / deny) so a badge never looks like one.
KIND_STYLES: dict[str, KindStyle] = {
    PersonKind.EMPLOYEE.value: KindStyle("#0B5CAD", "#FFFFFF", "员工", "EMPLOYEE"),
    PersonKind.CONTRACTOR.value: KindStyle("#E69F00", "#1A1200", "承包商", "CONTRACTOR"),
    PersonKind.VISITOR.value: KindStyle("#7E2B82", "#FFFFFF", "访客", "VISITOR"),
}


@dataclass(frozen=True)
class BadgeCard:
    """What is printed on one badge."""

    token: str  # the QR payload, e.g. "GK1..." (QR alphanumeric mode)
    name: str
    staff_no: str
    department: str  # may be ""
    site_name: str
    kind: str  # "employee" | "contractor" | "visitor" (a PersonKind is fine too)
    expires: str | None = None  # already formatted for display, e.g. "2026-11-27 23:59"

    def __post_init__(self) -> None:
        if not self.token:
            raise ValueError("a badge needs a token for its QR code")
        if str(self.kind) not in KIND_STYLES:
            raise ValueError(
                f"unknown badge kind {self.kind!r}; expected one of {', '.join(KIND_STYLES)}"
            )


# --------------------------------------------------------------------------------------------
# Text cleaning, measuring, wrapping

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text as drawn: whitespace runs become one space; control characters and lone surrogates
    (invalid in XML, invisible in print) become U+FFFD so that nothing vanishes silently."""
    text = re.sub(r"[\t\n\r\f\v\u2028\u2029]+", " ", text)
    text = "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") or _XML_BAD.match(ch) else ch
        for ch in text
    )
    return " ".join(text.split())


Measure = Callable[[str, float, bool], float]
"""``measure(text, size_mm, bold) -> width_mm``"""


class FontMeasure:
    """Widths from the badge font's own advances (the same font the PNG and PDF use)."""

    def __init__(self, font_path: Path) -> None:
        self._font = _pil_font(str(font_path), 1000.0)

    def __call__(self, text: str, size: float, bold: bool) -> float:
        width = self._font.getlength(text) * size / 1000.0
        if bold:
            width = width * BOLD_WIDEN + 2 * BOLD_STROKE * size
        return width


def estimate_width(text: str, size: float, bold: bool) -> float:
    """A font-free, generous width estimate: CJK 1 em, anything else 0.62 em."""
    ems = sum(1.0 if _is_wide(ch) else 0.62 for ch in text)
    return ems * size * (BOLD_WIDEN if bold else 1.0)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


_BREAK_AFTER = "-\u2010/"  # a line may break after these inside a word


def _atoms(text: str, split_wide: bool) -> list[tuple[int, int]]:
    """Unbreakable pieces of ``text`` as (start, end): words (split after hyphens), and, when
    ``split_wide``, every wide (CJK) character on its own."""
    atoms: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if split_wide and _is_wide(text[i]):
            atoms.append((i, i + 1))
            i += 1
            continue
        j = i
        while j < len(text) and not text[j].isspace():
            if split_wide and _is_wide(text[j]):
                break
            j += 1
            if text[j - 1] in _BREAK_AFTER:
                break
        atoms.append((i, j))
        i = j
    return atoms


def _wrap(
    text: str, measure: Measure, width: float, size: float, bold: bool, split_wide: bool
) -> list[int] | None:
    """Greedy line breaking; the start offset of every line. A piece too long for a line is cut
    between characters when ``split_wide`` (the last resort), otherwise the answer is None."""

    def fits(start: int, end: int) -> bool:
        return measure(text[start:end], size, bold) <= width

    starts: list[int] = []
    line_start: int | None = None
    for a_start, a_end in _atoms(text, split_wide):
        if line_start is not None and fits(line_start, a_end):
            continue
        line_start = a_start
        starts.append(line_start)
        for k in range(a_start + 1, a_end):
            if not fits(line_start, k + 1):
                if not split_wide:
                    return None
                line_start = k
                starts.append(k)
    return starts


def _lines(text: str, starts: list[int]) -> list[str]:
    ends = [*starts[1:], len(text)]
    return [text[s:e].strip() for s, e in zip(starts, ends, strict=True)]


def _ellipsize(text: str, measure: Measure, width: float, size: float, bold: bool) -> str:
    if measure(text, size, bold) <= width:
        return text
    cut = len(text)
    while cut > 0 and measure(text[:cut].rstrip() + ELLIPSIS, size, bold) > width:
        cut -= 1
    return text[:cut].rstrip() + ELLIPSIS


@dataclass(frozen=True)
class FittedText:
    lines: tuple[str, ...]
    size: float
    truncated: bool


#: Breaking between words is kept unless breaking between Chinese characters allows text this
#: much larger (1.25 = 25% larger).
WORD_BREAK_PREFERENCE = 1.25


def fit_text(
    text: str,
    measure: Measure,
    *,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    max_lines: int = 1,
    bold: bool = False,
) -> FittedText:
    """The largest size (between ``min_size`` and ``max_size``) at which ``text`` fits the box,
    wrapped into at most ``max_lines`` lines; at ``min_size`` the last line is ellipsized."""
    text = clean_text(text)
    if not text:
        return FittedText((), max_size, False)
    usable = width * WIDTH_SLACK

    def allowed(size: float) -> int:
        return max(1, min(max_lines, math.floor(height / (size * LINE_PITCH) + 1e-9)))

    def search(split_wide: bool) -> tuple[list[int], float] | None:
        size = max_size
        while True:
            starts = _wrap(text, measure, usable, size, bold, split_wide)
            if starts is not None and len(starts) <= allowed(size):
                return starts, size
            if size <= min_size:
                return None
            size = max(min_size, size * 0.95)

    by_words = search(split_wide=False)
    by_chars = search(split_wide=True)
    best = by_words
    if by_chars is not None and (
        by_words is None or by_chars[1] > by_words[1] * WORD_BREAK_PREFERENCE
    ):
        best = by_chars
    if best is not None:
        starts, size = best
        return FittedText(tuple(_lines(text, starts)), size, False)

    size = min_size
    keep = allowed(size)
    starts = _wrap(text, measure, usable, size, bold, split_wide=True) or [0]
    lines = _lines(text, starts)[: keep - 1]
    last = _ellipsize(text[starts[keep - 1] :].strip(), measure, usable, size, bold)
    return FittedText((*lines, last), size, True)


# --------------------------------------------------------------------------------------------
# The format-neutral layout


@dataclass(frozen=True)
class Panel:
    x: float
    y: float
    w: float
    h: float
    fill: str
    radius: float = 0.0


@dataclass(frozen=True)
class TextRun:
    text: str
    x: float  # left edge, or centre when align == "center"
    baseline: float
    size: float  # em size in mm
    color: str
    max_width: float  # the run must not be wider than this
    bold: bool = False
    align: Literal["left", "center"] = "left"


@dataclass(frozen=True)
class QrBlock:
    x: float  # top-left of the symbol, quiet zone excluded
    y: float
    module: float
    matrix: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        return len(self.matrix)

    @property
    def quiet_box(self) -> tuple[float, float, float]:
        """(x, y, side) of the symbol with its quiet zone."""
        q = QUIET_MODULES * self.module
        return (self.x - q, self.y - q, (self.size + 2 * QUIET_MODULES) * self.module)

    def runs(self) -> list[tuple[int, int, int]]:
        """Dark modules merged into horizontal runs: (row, first column, length)."""
        out: list[tuple[int, int, int]] = []
        for r, row in enumerate(self.matrix):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    out.append((r, start, c - start))
                else:
                    c += 1
        return out


@dataclass(frozen=True)
class CardLayout:
    width: float
    height: float
    panels: tuple[Panel, ...]
    texts: tuple[TextRun, ...]
    qr: QrBlock
    text_column: tuple[float, float]  # (x0, x1): every text run stays inside


def qr_matrix(token: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules for ``token`` at error correction M (smallest version), no quiet zone."""
    qr = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(token)
    qr.make(fit=True)
    return tuple(tuple(bool(v) for v in row) for row in qr.get_matrix())


def _block_runs(
    fitted: FittedText,
    *,
    x: float,
    top: float,
    height: float,
    color: str,
    width: float,
    bold: bool = False,
    align: Literal["left", "center"] = "left",
    valign: Literal["top", "middle"] = "top",
) -> list[TextRun]:
    pitch = fitted.size * LINE_PITCH
    block = pitch * len(fitted.lines)
    y0 = top + (height - block) / 2 if valign == "middle" else top
    return [
        TextRun(
            line,
            x,
            y0 + pitch * (i + 0.5) + GLYPH_CENTRE * fitted.size,
            fitted.size,
            color,
            width,
            bold,
            align,
        )
        for i, line in enumerate(fitted.lines)
    ]


def layout_card(card: BadgeCard, measure: Measure) -> CardLayout:
    """Where everything on ``card`` goes (millimetres, y downwards)."""
    style = KIND_STYLES[str(card.kind)]
    panels: list[Panel] = []
    texts: list[TextRun] = []

    # the QR code: as large as the card's height allows, integer modules not required
    matrix = qr_matrix(card.token)
    module = QR_BOX / (len(matrix) + 2 * QUIET_MODULES)
    quiet = QUIET_MODULES * module
    qr = QrBlock(QR_BOX_X + quiet, QR_BOX_Y + quiet, module, matrix)

    # header: the site name, white on navy
    panels.append(Panel(COL_X, HEADER_Y, COL_W, HEADER_H, HEADER_FILL, 1.2))
    pad = 2.0
    site = fit_text(
        card.site_name,
        measure,
        width=COL_W - 2 * pad,
        height=HEADER_H - 1.0,
        max_size=3.6,
        min_size=1.6,
        max_lines=2,
        bold=True,
    )
    texts += _block_runs(
        site,
        x=COL_X + pad,
        top=HEADER_Y,
        height=HEADER_H,
        color=HEADER_INK,
        width=COL_W - 2 * pad,
        bold=True,
        valign="middle",
    )

    # kind band, two lines: Chinese word, English word
    panels.append(Panel(COL_X, BAND_Y, COL_W, BAND_H, style.fill, 1.2))
    centre = COL_X + COL_W / 2
    zh = fit_text(
        style.zh, measure, width=COL_W - 2 * pad, height=5.2, max_size=4.3, min_size=2.0, bold=True
    )
    en = fit_text(
        style.en, measure, width=COL_W - 2 * pad, height=3.2, max_size=2.6, min_size=1.6, bold=True
    )
    zh_top = BAND_Y + 0.5
    texts += _block_runs(
        zh,
        x=centre,
        top=zh_top,
        height=5.2,
        color=style.ink,
        width=COL_W - 2 * pad,
        bold=True,
        align="center",
        valign="middle",
    )
    texts += _block_runs(
        en,
        x=centre,
        top=zh_top + 5.0,
        height=3.2,
        color=style.ink,
        width=COL_W - 2 * pad,
        bold=True,
        align="center",
        valign="middle",
    )

    # details, label + value rows, stacked above the band
    rows = [("工号", card.staff_no), ("部门", card.department)]
    if card.expires is not None:
        rows.append(("有效至", card.expires))
    value_x = COL_X + LABEL_W
    value_w = COL_W - LABEL_W
    fitted_rows: list[tuple[str, FittedText, float]] = []
    for label, value in rows:
        if not clean_text(value):
            continue  # an empty department: no row rather than a dangling label
        height = ROW_H
        fitted = fit_text(value, measure, width=value_w, height=height, max_size=3.3, min_size=2.4)
        if fitted.truncated:  # too long for one readable line: a taller row, two lines
            height = ROW_H_TALL
            fitted = fit_text(
                value,
                measure,
                width=value_w,
                height=height,
                max_size=2.8,
                min_size=1.6,
                max_lines=2,
            )
        fitted_rows.append((label, fitted, height))

    name_top = HEADER_Y + HEADER_H + 1.0
    rows_top = BAND_Y - 1.2 - sum(h for _, _, h in fitted_rows)
    name_h = rows_top - 0.6 - name_top
    name = fit_text(
        card.name,
        measure,
        width=COL_W,
        height=name_h,
        max_size=NAME_MAX,
        min_size=2.4,
        max_lines=3,
        bold=True,
    )
    texts += _block_runs(
        name,
        x=COL_X,
        top=name_top,
        height=name_h,
        color=INK,
        width=COL_W,
        bold=True,
        valign="middle",
    )

    top = rows_top
    for label, fitted, height in fitted_rows:
        value_runs = _block_runs(
            fitted, x=value_x, top=top, height=height, color=INK, width=value_w, valign="middle"
        )
        texts += value_runs
        # the label sits on the baseline of the value's first line
        fitted_label = fit_text(
            label, measure, width=LABEL_W - 0.8, height=ROW_H, max_size=2.3, min_size=1.5
        )
        texts += [
            TextRun(
                line, COL_X, value_runs[0].baseline, fitted_label.size, LABEL_INK, LABEL_W - 0.8
            )
            for line in fitted_label.lines
        ]
        top += height

    return CardLayout(CARD_W, CARD_H, tuple(panels), tuple(texts), qr, (COL_X, COL_X + COL_W))


# --------------------------------------------------------------------------------------------
# PNG (Pillow)


@functools.lru_cache(maxsize=64)
def _pil_font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        path, size_px, index=SUBFONT_INDEX, layout_engine=ImageFont.Layout.BASIC
    )


def _font_measure() -> tuple[Path, FontMeasure]:
    path = find_cjk_font()
    return path, _measure_for(path)


@functools.lru_cache(maxsize=4)
def _measure_for(path: Path) -> FontMeasure:
    return FontMeasure(path)


def render_image(card: BadgeCard, dpi: int = PNG_DPI) -> Image.Image:
    """The card as an RGB image at ``dpi`` (300 by default: 1011 x 638 px)."""
    font_path, measure = _font_measure()
    layout = layout_card(card, measure)
    scale = dpi / 25.4
    img = Image.new("RGB", (round(CARD_W * scale), round(CARD_H * scale)), PAPER)
    draw = ImageDraw.Draw(img)

    def px(v: float) -> int:
        return round(v * scale)

    draw.rounded_rectangle(
        (0, 0, img.width - 1, img.height - 1),
        radius=px(CORNER_RADIUS),
        outline=OUTLINE,
        width=max(1, px(0.15)),
    )
    for p in layout.panels:
        draw.rounded_rectangle(
            (px(p.x), px(p.y), px(p.x + p.w) - 1, px(p.y + p.h) - 1),
            radius=px(p.radius),
            fill=p.fill,
        )
    for t in layout.texts:
        size_px = t.size * scale
        stroke = max(1, round(BOLD_STROKE * size_px)) if t.bold else 0
        font = _pil_font(str(font_path), size_px)
        # hinting can widen text by a pixel or two per glyph: shrink rather than overflow
        limit = t.max_width * scale
        while font.getlength(t.text) + 2 * stroke > limit and size_px > 4:
            size_px *= 0.98
            font = _pil_font(str(font_path), size_px)
        anchor = "ms" if t.align == "center" else "ls"
        draw.text(
            (t.x * scale, t.baseline * scale),
            t.text,
            fill=t.color,
            font=font,
            anchor=anchor,
            stroke_width=stroke,
            stroke_fill=t.color,
        )
    qr = layout.qr
    for r, c, n in qr.runs():
        x0 = px(qr.x + c * qr.module)
        x1 = px(qr.x + (c + n) * qr.module)
        y0 = px(qr.y + r * qr.module)
        y1 = px(qr.y + (r + 1) * qr.module)
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=QR_INK)
    return img


def render_png(card: BadgeCard, path: StrPath) -> None:
    """Write the card as a 300 dpi PNG (85.6 x 54 mm, 1011 x 638 px)."""
    img = render_image(card)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(PNG_DPI, PNG_DPI), optimize=True)
    Path(path).write_bytes(buf.getvalue())


# --------------------------------------------------------------------------------------------
# SVG


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".")


def render_svg_text(card: BadgeCard) -> str:
    """The card as an SVG document (millimetre user units)."""
    try:
        measure: Measure = _font_measure()[1]
    except UserError:  # no font here: the viewer's font draws it, a generous estimate lays out
        measure = estimate_width
    layout = layout_card(card, measure)
    style = KIND_STYLES[str(card.kind)]
    title = f"{clean_text(card.name)} · {clean_text(card.staff_no)} · {style.zh} {style.en}"
    x0, x1 = layout.text_column
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(CARD_W)}mm" '
        f'height="{_num(CARD_H)}mm" viewBox="0 0 {_num(CARD_W)} {_num(CARD_H)}">',
        f"<title>{escape(title)}</title>",
        '<defs><clipPath id="text-column">'
        f'<rect x="{_num(x0)}" y="0" width="{_num(x1 - x0)}" height="{_num(CARD_H)}"/>'
        "</clipPath></defs>",
        f'<rect x="0.075" y="0.075" width="{_num(CARD_W - 0.15)}" '
        f'height="{_num(CARD_H - 0.15)}" rx="{_num(CORNER_RADIUS)}" fill="{PAPER}" '
        f'stroke="{OUTLINE}" stroke-width="0.15"/>',
    ]
    for p in layout.panels:
        out.append(
            f'<rect x="{_num(p.x)}" y="{_num(p.y)}" width="{_num(p.w)}" height="{_num(p.h)}" '
            f'rx="{_num(p.radius)}" fill="{p.fill}"/>'
        )
    out.append(f'<g font-family={quoteattr(SVG_FONT_FAMILY)} clip-path="url(#text-column)">')
    for t in layout.texts:
        attrs = [
            f'x="{_num(t.x)}"',
            f'y="{_num(t.baseline)}"',
            f'font-size="{_num(t.size)}"',
            f'fill="{t.color}"',
        ]
        if t.bold:
            attrs.append('font-weight="bold"')
        if t.align == "center":
            attrs.append('text-anchor="middle"')
        out.append(f"<text {' '.join(attrs)}>{escape(t.text)}</text>")
    out.append("</g>")
    qr = layout.qr
    qx, qy, qside = qr.quiet_box
    d = "".join(f"M{c} {r}h{n}v1h-{n}z" for r, c, n in qr.runs())
    out += [
        f'<g id="qr" data-modules="{qr.size}">',
        f'<rect x="{_num(qx)}" y="{_num(qy)}" width="{_num(qside)}" height="{_num(qside)}" '
        f'fill="{PAPER}"/>',
        f'<path id="qr-modules" transform="translate({_num(qr.x)} {_num(qr.y)}) '
        f'scale({qr.module:.6f})" fill="{QR_INK}" shape-rendering="crispEdges" d="{d}"/>',
        "</g>",
        "</svg>",
        "",
    ]
    return "\n".join(out)


def render_svg(card: BadgeCard, path: StrPath) -> None:
    """Write the card as SVG: QR modules as one vector path, text as <text> elements."""
    Path(path).write_text(render_svg_text(card), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# PDF sheets (reportlab)

SHEET_COLS = 2
SHEET_ROWS = 5
CARDS_PER_PAGE = SHEET_COLS * SHEET_ROWS
COL_GAP = 10.0  # rows touch (one cut between them); columns have a gap for the cut marks
PAGE_W = A4[0] / mm
PAGE_H = A4[1] / mm
SHEET_X = (PAGE_W - SHEET_COLS * CARD_W - (SHEET_COLS - 1) * COL_GAP) / 2
SHEET_Y = (PAGE_H - SHEET_ROWS * CARD_H) / 2
MARK_OFFSET = 1.5
MARK_LEN = 3.0


@functools.lru_cache(maxsize=4)
def _pdf_font(path: Path) -> str:
    name = "GatekeeperCJK-" + hashlib.sha256(str(path).encode()).hexdigest()[:8]
    pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=SUBFONT_INDEX))
    return name


def card_origin(index: int) -> tuple[float, float]:
    """Top-left corner (mm from the page's top-left) of the card at ``index`` on its page."""
    slot = index % CARDS_PER_PAGE
    row, col = divmod(slot, SHEET_COLS)
    return SHEET_X + col * (CARD_W + COL_GAP), SHEET_Y + row * CARD_H


def _draw_card_pdf(c: Canvas, layout: CardLayout, font: str, ox: float, oy: float) -> None:
    def X(x: float) -> float:
        return float((ox + x) * mm)

    def Y(y: float) -> float:  # card y (down) -> page y (up)
        return float((PAGE_H - oy - y) * mm)

    for p in layout.panels:
        c.setFillColor(HexColor(p.fill))
        c.roundRect(X(p.x), Y(p.y + p.h), p.w * mm, p.h * mm, p.radius * mm, stroke=0, fill=1)
    for t in layout.texts:
        size = t.size * mm
        width = pdfmetrics.stringWidth(t.text, font, size)
        ink = width + (2 * BOLD_STROKE * size if t.bold else 0.0)
        limit = t.max_width * mm
        if ink > limit:  # never expected (the layout leaves slack); shrink, never overflow
            size *= limit / ink
            width *= limit / ink
        x = X(t.x) - (width / 2 if t.align == "center" else 0)
        # the text render mode outlives its text object (reportlab only writes changes):
        # save and restore the graphics state around every run
        c.saveState()
        obj = c.beginText(x, Y(t.baseline))
        obj.setFont(font, size)
        c.setFillColor(HexColor(t.color))
        if t.bold:
            c.setStrokeColor(HexColor(t.color))
            c.setLineWidth(2 * BOLD_STROKE * size)  # half of a centred stroke is outside
            obj.setTextRenderMode(2)
        obj.textOut(t.text)
        c.drawText(obj)
        c.restoreState()
    qr = layout.qr
    c.setFillColor(HexColor(QR_INK))
    path = c.beginPath()
    for r, col, n in qr.runs():
        x = qr.x + col * qr.module
        y = qr.y + (r + 1) * qr.module
        path.rect(X(x), Y(y), n * qr.module * mm, qr.module * mm)
    c.drawPath(path, stroke=0, fill=1)


def _cut_marks(c: Canvas, used: int) -> None:
    """L-shaped marks outside each card corner. Horizontal marks go into the margins and the
    column gap; vertical ones only where no card sits above or below (rows touch)."""
    occupied = {divmod(i, SHEET_COLS) for i in range(used)}
    segments: set[tuple[float, float, float, float]] = set()
    for row, col in occupied:
        x0, y0 = card_origin(row * SHEET_COLS + col)
        x1, y1 = x0 + CARD_W, y0 + CARD_H
        for y in (y0, y1):
            segments.add((x0 - MARK_OFFSET - MARK_LEN, y, x0 - MARK_OFFSET, y))
            segments.add((x1 + MARK_OFFSET, y, x1 + MARK_OFFSET + MARK_LEN, y))
        for x in (x0, x1):
            if (row - 1, col) not in occupied:
                segments.add((x, y0 - MARK_OFFSET - MARK_LEN, x, y0 - MARK_OFFSET))
            if (row + 1, col) not in occupied:
                segments.add((x, y1 + MARK_OFFSET, x, y1 + MARK_OFFSET + MARK_LEN))
    c.setStrokeColor(HexColor("#000000"))
    c.setLineWidth(0.25)
    for ax, ay, bx, by in sorted(segments):
        c.line(ax * mm, (PAGE_H - ay) * mm, bx * mm, (PAGE_H - by) * mm)


def render_pdf_bytes(cards: Sequence[BadgeCard]) -> bytes:
    """A4 sheets of ID-1 cards, 2 x 5 per page, with cut marks; the CJK font is embedded."""
    if not cards:
        raise ValueError("no badges to print: the list of cards is empty")
    font_path, measure = _font_measure()
    font = _pdf_font(font_path)
    buf = io.BytesIO()
    # the initial font is ours too, so that no unembedded Helvetica is referenced
    c = Canvas(buf, pagesize=A4, pageCompression=1, initialFontName=font, initialFontSize=7)
    c.setTitle("Gatekeeper badges")
    c.setCreator("gatekeeper")
    pages = math.ceil(len(cards) / CARDS_PER_PAGE)
    for page in range(pages):
        chunk = cards[page * CARDS_PER_PAGE : (page + 1) * CARDS_PER_PAGE]
        for i, card in enumerate(chunk):
            ox, oy = card_origin(i)
            _draw_card_pdf(c, layout_card(card, measure), font, ox, oy)
        _cut_marks(c, len(chunk))
        c.setFillColor(HexColor(LABEL_INK))
        c.setFont(font, 7)
        c.drawCentredString(
            PAGE_W / 2 * mm,
            (SHEET_Y / 2 - 1) * mm,
            f"Gatekeeper 工牌 badges · 第 {page + 1}/{pages} 页 page · "
            "按实际大小打印 print at 100% (85.6 × 54 mm) · 沿裁切线裁开 cut at the marks",
        )
        c.showPage()
    c.save()
    return buf.getvalue()


def render_pdf_sheet(cards: Sequence[BadgeCard], path: StrPath) -> None:
    """Write printable A4 badge sheets (see :func:`render_pdf_bytes`). An empty list raises
    ValueError."""
    data = render_pdf_bytes(cards)
    Path(path).write_bytes(data)
