"""Badge images (PNG, SVG, PDF sheets) and the CJK font lookup. No Qt.

The QR codes are checked the way a gate reads them: decoded by zxing-cpp from pixels (the PNG,
the PDF rasterised by poppler, and the SVG's own vector modules rasterised here).
"""

from __future__ import annotations

import random
import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import badge_render, fonts
from gatekeeper.services.badge_render import (
    CARD_H,
    CARD_W,
    ELLIPSIS,
    PNG_SIZE,
    PX_PER_MM,
    QUIET_MODULES,
    BadgeCard,
    FontMeasure,
    fit_text,
    layout_card,
    qr_matrix,
    render_pdf_sheet,
    render_png,
    render_svg,
)

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SVG_NS = "{http://www.w3.org/2000/svg}"
QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def make_token(seed: int, length: int = 151) -> str:
    rnd = random.Random(seed)
    return "GK1" + "".join(rnd.choice(BASE32) for _ in range(length - 3))


def make_card(*, seed: int = 1, **changes: Any) -> BadgeCard:
    fields: dict[str, Any] = {
        "token": make_token(seed),
        "name": "张伟",
        "staff_no": "A0012345",
        "department": "总装车间",
        "site_name": "华东一厂",
        "kind": "employee",
        "expires": None,
    }
    fields.update(changes)
    return BadgeCard(**fields)


# long but real: everything must fit whole (shrunk and wrapped)
LONG_CARD: dict[str, Any] = {
    "name": "Maximilian Alexander von Hohenzollern-Sigmaringen",
    "department": "动力设备部 空压站 维修二班 夜班",
    "site_name": "华东一厂 East China Plant No. 1",
    "staff_no": "V-20261127-0042",
    "kind": "visitor",
    "expires": "2026-11-27 23:59",
}
# absurd: may end in an ellipsis, but must still stay in its box and show every field
ABSURD_CARD: dict[str, Any] = {
    "name": "Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen-Veringen " * 3,
    "department": "动力设备部 空压站 维修二班 夜班 第三小组 临时借调至总装车间" * 3,
    "site_name": "华东一厂 East China Plant No. 1 Final Assembly and Logistics Centre" * 3,
    "staff_no": "V-20261127-0042-EXTRA-LONG-NUMBER" * 3,
    "kind": "visitor",
    "expires": "2026-11-27 23:59 (extended by the site manager until further notice)",
}


def decode(image: Image.Image | np.ndarray) -> list[str]:
    results = zxingcpp.read_barcodes(image, formats=QR_ONLY, text_mode=zxingcpp.TextMode.Plain)
    return [r.text for r in results]


@pytest.fixture(autouse=True)
def _fresh_font_lookup(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    fonts.find_cjk_font.cache_clear()
    yield
    fonts.find_cjk_font.cache_clear()


@pytest.fixture(scope="module")
def cjk_font() -> Path:
    """The machine's CJK font, looked up before any test patches the search; its absence
    fails (setup must install fonts-wqy-microhei)."""
    fonts.find_cjk_font.cache_clear()
    try:
        return fonts.find_cjk_font()
    except UserError as exc:  # pragma: no cover - depends on the machine
        pytest.fail(str(exc))
    finally:
        fonts.find_cjk_font.cache_clear()


@pytest.fixture(scope="module")
def measure(cjk_font: Path) -> FontMeasure:
    return FontMeasure(cjk_font)


@pytest.fixture
def no_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every place the lookup searches, emptied."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr(fonts, "BUNDLED_FONT_DIR", bundled)
    monkeypatch.setattr(fonts, "SYSTEM_FONT_PATHS", (tmp_path / "missing.ttc",))
    monkeypatch.setattr(fonts, "FC_MATCH", None)
    return bundled


# --------------------------------------------------------------------------------------------
# BadgeCard


def test_card_rejects_unknown_kind_and_empty_token() -> None:
    with pytest.raises(ValueError, match="unknown badge kind 'guest'"):
        make_card(kind="guest")
    with pytest.raises(ValueError, match="token"):
        make_card(token="")


def test_card_accepts_person_kind_enum() -> None:
    assert make_card(kind=PersonKind.CONTRACTOR).kind == "contractor"


# --------------------------------------------------------------------------------------------
# Layout and text fitting


def test_qr_is_large_with_its_quiet_zone_clear_of_text(measure: FontMeasure) -> None:
    layout = layout_card(make_card(), measure)
    qr = layout.qr
    assert qr.size in (41, 45)  # a 151-character token: version 6 (or 7) at level M
    assert qr.size * qr.module >= 30.0  # mm, read from about a metre
    qx, qy, side = qr.quiet_box
    assert side == pytest.approx((qr.size + 2 * QUIET_MODULES) * qr.module)
    assert qx >= 0 and qx + side <= CARD_W and qy >= 0 and qy + side <= CARD_H
    assert layout.text_column[1] < qx
    for panel in layout.panels:
        assert panel.x + panel.w < qx


def test_qr_matrix_uses_level_m_and_round_trips() -> None:
    token = make_token(3)
    matrix = np.array(qr_matrix(token), dtype=bool)
    img = np.pad(~matrix, QUIET_MODULES, constant_values=True).astype(np.uint8) * 255
    img = np.kron(img, np.ones((6, 6), dtype=np.uint8))
    (result,) = zxingcpp.read_barcodes(img, formats=QR_ONLY, text_mode=zxingcpp.TextMode.Plain)
    assert result.text == token
    assert result.ec_level == "M"


def test_fit_text_shrinks_then_wraps_then_ellipsizes(measure: FontMeasure) -> None:
    short = fit_text("张伟", measure, width=30, height=10, max_size=8, min_size=2, max_lines=2)
    assert short == badge_render.FittedText(("张伟",), 8, False)

    words = fit_text(
        "Maximilian Alexander von Hohenzollern",
        measure,
        width=30,
        height=12,
        max_size=8,
        min_size=2,
        max_lines=3,
    )
    assert not words.truncated and len(words.lines) > 1
    assert " ".join(words.lines) == "Maximilian Alexander von Hohenzollern"  # broken at spaces

    cut = fit_text("很" * 200, measure, width=20, height=4, max_size=3, min_size=2, max_lines=1)
    assert cut.truncated and cut.size == 2
    assert cut.lines[0].endswith(ELLIPSIS) and len(cut.lines) == 1
    assert measure(cut.lines[0], cut.size, False) <= 20


def test_fit_text_prefers_breaks_between_words(measure: FontMeasure) -> None:
    fitted = fit_text(
        "动力设备部 空压站 维修二班",
        measure,
        width=23,
        height=7,
        max_size=2.8,
        min_size=1.6,
        max_lines=2,
    )
    assert not fitted.truncated
    assert all(
        part in ("动力设备部", "空压站", "维修二班")
        for line in fitted.lines
        for part in line.split(" ")
    )


def _assert_layout_sound(card: BadgeCard, measure: FontMeasure) -> None:
    layout = layout_card(card, measure)
    x0, x1 = layout.text_column
    band = layout.panels[-1]
    for run in layout.texts:
        width = measure(run.text, run.size, run.bold)
        assert width <= run.max_width + 1e-6, run
        left = run.x - width / 2 if run.align == "center" else run.x
        assert x0 - 1e-6 <= left and left + width <= x1 + 1e-6, run
        top, bottom = run.baseline - 0.9 * run.size, run.baseline + 0.25 * run.size
        assert top >= 0 and bottom <= CARD_H, run
        in_band = band.y <= run.baseline <= band.y + band.h
        if not in_band:
            assert bottom <= band.y, run  # nothing runs into the kind band


def test_long_real_texts_fit_whole(measure: FontMeasure) -> None:
    card = make_card(**LONG_CARD)
    _assert_layout_sound(card, measure)
    runs = layout_card(card, measure).texts
    assert not any(ELLIPSIS in run.text for run in runs)
    drawn = "".join(run.text for run in runs).replace(" ", "")
    for key, value in LONG_CARD.items():
        if key != "kind":
            assert value is not None and value.replace(" ", "") in drawn


def test_absurd_texts_are_shrunk_or_ellipsized_never_dropped(measure: FontMeasure) -> None:
    card = make_card(**ABSURD_CARD)
    _assert_layout_sound(card, measure)
    runs = layout_card(card, measure).texts
    assert any(run.text.endswith(ELLIPSIS) for run in runs)
    drawn = " ".join(run.text for run in runs)
    for start in ("Maximilian Alexander", "动力设备部", "华东一厂", "V-20261127", "2026-11-27"):
        assert start in drawn


printable = st.text(
    alphabet=st.characters(codec="utf-8", categories=["Lu", "Ll", "Lo", "Nd", "Zs", "Pd", "Po"]),
    max_size=80,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=printable, department=printable, site=printable, staff_no=printable)
def test_any_text_fits_its_box(
    cjk_font: Path, name: str, department: str, site: str, staff_no: str
) -> None:
    measure = FontMeasure(cjk_font)
    card = make_card(
        name=name,
        department=department,
        site_name=site,
        staff_no=staff_no,
        kind="visitor",
        expires="2026-11-27 23:59",
    )
    _assert_layout_sound(card, measure)


@pytest.mark.parametrize(
    "name",
    ["张伟", "欧阳娜娜", "阿卜杜热合曼·买买提明", "Li Wei", "Anna-Maria Schmidt-Müller"],
)
def test_realistic_names_are_never_truncated(measure: FontMeasure, name: str) -> None:
    layout = layout_card(make_card(name=name), measure)
    name_runs = [r for r in layout.texts if r.bold and r.color == badge_render.INK]
    drawn = "".join(r.text for r in name_runs).replace(" ", "")
    assert drawn == name.replace(" ", "")
    assert min(r.size for r in name_runs) >= 4.0  # mm: large


def test_control_characters_become_visible_replacements() -> None:
    assert badge_render.clean_text("张\x00伟\n\t A") == "张\ufffd伟 A"


# --------------------------------------------------------------------------------------------
# PNG


def test_png_has_card_size_and_its_qr_decodes_to_the_token(tmp_path: Path) -> None:
    card = make_card()
    out = tmp_path / "badge.png"
    render_png(card, out)
    with Image.open(out) as img:
        assert img.format == "PNG"
        assert img.size == PNG_SIZE == (1011, 638)
        assert img.info["dpi"] == pytest.approx((300, 300), abs=0.01)
        results = zxingcpp.read_barcodes(img, formats=QR_ONLY, text_mode=zxingcpp.TextMode.Plain)
    assert [r.text for r in results] == [card.token]
    # the symbol is at least 30 mm wide on the card
    xs = [p.x for p in (results[0].position.top_left, results[0].position.top_right)]
    assert (max(xs) - min(xs)) / PX_PER_MM >= 30.0


def test_png_of_a_long_visitor_pass_token_decodes(tmp_path: Path) -> None:
    """A pass with its extra bytes is longer (up to ~250 characters): a larger QR version,
    smaller modules, still a symbol over 30 mm."""
    card = make_card(token=make_token(11, length=250), kind="visitor", expires="2026-11-27 23:59")
    out = tmp_path / "pass.png"
    render_png(card, out)
    with Image.open(out) as img:
        assert decode(img) == [card.token]


def test_png_needs_the_font(no_fonts: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="fonts-wqy-microhei"):
        render_png(make_card(), tmp_path / "badge.png")
    assert not (tmp_path / "badge.png").exists()


def test_png_qr_reads_at_webcam_resolution(tmp_path: Path) -> None:
    """About 3 px per module, blurred: a 1080p webcam a metre away sees roughly this."""
    card = make_card(seed=5)
    out = tmp_path / "badge.png"
    render_png(card, out)
    with Image.open(out) as img:
        small = img.convert("L").resize(
            (img.width // 3, img.height // 3), Image.Resampling.BILINEAR
        )
    assert decode(small) == [card.token]


@pytest.mark.parametrize("kind", ["employee", "contractor", "visitor"])
def test_png_quiet_zone_stays_white_with_long_texts(
    tmp_path: Path, measure: FontMeasure, kind: str
) -> None:
    card = make_card(**{**LONG_CARD, "kind": kind})
    out = tmp_path / "badge.png"
    render_png(card, out)
    qr = layout_card(card, measure).qr
    qx, qy, side = qr.quiet_box
    with Image.open(out) as img:
        pixels = np.asarray(img.convert("L"))
    outer = pixels[
        round(qy * PX_PER_MM) : round((qy + side) * PX_PER_MM),
        round(qx * PX_PER_MM) : round((qx + side) * PX_PER_MM),
    ].copy()
    q = round(QUIET_MODULES * qr.module * PX_PER_MM) - 1
    outer[q:-q, q:-q] = 255  # the symbol itself
    assert outer.min() == 255
    assert decode(Image.open(out)) == [card.token]


def test_kind_bands_differ_in_colour_and_word(measure: FontMeasure, tmp_path: Path) -> None:
    colours = set()
    for kind in ("employee", "contractor", "visitor"):
        card = make_card(kind=kind)
        layout = layout_card(card, measure)
        band = layout.panels[-1]
        words = [r.text for r in layout.texts if band.y <= r.baseline <= band.y + band.h]
        style = badge_render.KIND_STYLES[kind]
        assert words == [style.zh, style.en]
        out = tmp_path / f"{kind}.png"
        render_png(card, out)
        with Image.open(out) as img:
            # the band's own colour, sampled near its left end (no text there)
            px = img.getpixel((round((band.x + 0.8) * PX_PER_MM), round((band.y + 1) * PX_PER_MM)))
        assert px == Image.new("RGB", (1, 1), style.fill).getpixel((0, 0))
        colours.add(px)
    assert len(colours) == 3


def _glyph(font_path: Path, ch: str) -> np.ndarray:
    font = badge_render._pil_font(str(font_path), 64.0)
    img = Image.new("L", (96, 96), 0)
    ImageDraw.Draw(img).text((16, 80), ch, fill=255, font=font, anchor="ls")
    return np.asarray(img) > 127


def test_chinese_renders_as_glyphs_not_boxes(cjk_font: Path, measure: FontMeasure) -> None:
    assert fonts.font_problem(cjk_font) is None  # its cmap has Chinese characters
    zhang, wei, missing = (_glyph(cjk_font, ch) for ch in ("张", "伟", "\U0010fffd"))
    for bitmap in (zhang, wei):
        assert bitmap.sum() > 300  # ink
        assert (bitmap != missing).sum() > 100  # not the font's "missing glyph" box
    assert (zhang != wei).sum() > 300  # two characters, two shapes

    # on the badge: the name area differs between two names and from tofu
    def name_area(name: str) -> np.ndarray:
        card = make_card(name=name)
        img = badge_render.render_image(card).convert("L")
        run = next(r for r in layout_card(card, measure).texts if r.text == name)
        box = (
            round(run.x * PX_PER_MM),
            round((run.baseline - run.size) * PX_PER_MM),
            round((run.x + 2.2 * run.size) * PX_PER_MM),
            round((run.baseline + 0.3 * run.size) * PX_PER_MM),
        )
        return np.asarray(img.crop(box)) < 128

    ours, other, tofu = name_area("张伟"), name_area("李娜"), name_area("\U0010fffd\U0010fffd")
    assert ours.sum() > 2000
    assert (ours != other).sum() > 1000
    assert (ours != tofu).sum() > 1000


# --------------------------------------------------------------------------------------------
# SVG


def _svg_qr_image(root: ET.Element) -> np.ndarray:
    """Rasterise the SVG's QR path (runs "M{col} {row}h{n}v1h-{n}z" in module units)."""
    path = root.find(f".//{SVG_NS}path[@id='qr-modules']")
    group = root.find(f".//{SVG_NS}g[@id='qr']")
    assert path is not None and group is not None
    size = int(group.attrib["data-modules"])
    grid = np.zeros((size, size), dtype=bool)
    d = path.attrib["d"]
    runs = re.findall(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z", d)
    assert "".join(f"M{c} {r}h{n}v1h-{m}z" for c, r, n, m in runs) == d  # nothing else in it
    for c, r, n, m in runs:
        assert n == m
        grid[int(r), int(c) : int(c) + int(n)] = True
    img = np.pad(~grid, QUIET_MODULES, constant_values=True).astype(np.uint8) * 255
    return np.kron(img, np.ones((8, 8), dtype=np.uint8))


def test_svg_is_well_formed_escapes_text_and_holds_the_right_qr(tmp_path: Path) -> None:
    name = 'A<&>"王'
    card = make_card(name=name, department="R&D <lab>", site_name="华东一厂")
    out = tmp_path / "badge.svg"
    render_svg(card, out)
    raw = out.read_text(encoding="utf-8")
    root = ET.fromstring(raw)
    assert root.tag == f"{SVG_NS}svg"
    assert root.attrib["width"] == "85.6mm" and root.attrib["height"] == "54mm"
    assert "A&lt;&amp;&gt;" in raw and "R&amp;D &lt;lab&gt;" in raw
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert name in texts and "R&D <lab>" in texts and "华东一厂" in texts
    families = {g.attrib.get("font-family", "") for g in root.iter(f"{SVG_NS}g")}
    family = next(f for f in families if f)
    for wanted in ("Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "PingFang SC"):
        assert wanted in family
    assert family.endswith("sans-serif")
    assert decode(_svg_qr_image(root)) == [card.token]


def test_svg_qr_geometry_matches_the_layout(tmp_path: Path, measure: FontMeasure) -> None:
    card = make_card(seed=9)
    out = tmp_path / "badge.svg"
    render_svg(card, out)
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    path = root.find(f".//{SVG_NS}path[@id='qr-modules']")
    assert path is not None
    qr = layout_card(card, measure).qr
    match = re.fullmatch(r"translate\((\S+) (\S+)\) scale\((\S+)\)", path.attrib["transform"])
    assert match is not None
    tx, ty, scale = map(float, match.groups())
    assert (tx, ty, scale) == pytest.approx((qr.x, qr.y, qr.module), abs=1e-3)


def test_svg_without_a_font_lays_out_by_a_generous_estimate(
    no_fonts: Path, tmp_path: Path, measure: FontMeasure
) -> None:
    """The SVG needs no font file here (the viewer's font draws it); text laid out by the
    estimate still fits when measured with a real CJK font."""
    card = make_card(**LONG_CARD)
    out = tmp_path / "badge.svg"
    render_svg(card, out)
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert decode(_svg_qr_image(root)) == [card.token]
    for run in layout_card(card, badge_render.estimate_width).texts:
        assert measure(run.text, run.size, run.bold) <= run.max_width


def test_svg_survives_control_characters(tmp_path: Path) -> None:
    out = tmp_path / "badge.svg"
    render_svg(make_card(name="张\x01伟\x1b"), out)
    ET.fromstring(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# PDF


def _page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        match = re.search(r"^Pages:\s+(\d+)", info, re.M)
        assert match is not None
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[BadgeCard]]:
    fonts.find_cjk_font.cache_clear()
    cards = [
        make_card(
            seed=100 + i,
            name=["张伟", "李娜", "王芳", "Li Wei"][i % 4],
            staff_no=f"A{i:05d}",
            kind=["employee", "contractor", "visitor"][i % 3],
            expires="2026-11-27 23:59" if i % 3 == 2 else None,
        )
        for i in range(12)
    ]
    out = tmp_path_factory.mktemp("sheet") / "badges.pdf"
    render_pdf_sheet(cards, out)
    return out, cards


def test_pdf_sheet_has_ten_cards_a_page(sheet: tuple[Path, list[BadgeCard]]) -> None:
    pdf, _ = sheet
    assert badge_render.CARDS_PER_PAGE == 10
    assert _page_count(pdf) == 2
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes())) == 2


def test_pdf_embeds_a_truetype_font(sheet: tuple[Path, list[BadgeCard]]) -> None:
    data = sheet[0].read_bytes()
    assert b"/FontFile2" in data
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(sheet[0])], capture_output=True, text=True, check=True
        ).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(re.search(r"\s(TrueType|CID TrueType)\s.*\syes\s", r) for r in rows)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_chinese(sheet: tuple[Path, list[BadgeCard]]) -> None:
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(sheet[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for word in ("张伟", "总装车间", "华东一厂", "员工", "EMPLOYEE", "访客", "承包商"):
        assert word in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("page", "first", "count"), [(1, 0, 10), (2, 10, 2)])
def test_pdf_qr_codes_decode_from_a_200_dpi_print(
    sheet: tuple[Path, list[BadgeCard]], tmp_path: Path, page: int, first: int, count: int
) -> None:
    pdf, cards = sheet
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-gray",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as img:
        assert img.size == (1654, 2339)  # A4 at 200 dpi
        found = decode(img)
    assert sorted(found) == sorted(c.token for c in cards[first : first + count])


def test_pdf_of_no_cards_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no badges"):
        render_pdf_sheet([], tmp_path / "empty.pdf")
    assert not (tmp_path / "empty.pdf").exists()


# --------------------------------------------------------------------------------------------
# fonts


def test_env_var_font_is_used(monkeypatch: pytest.MonkeyPatch, cjk_font: Path) -> None:
    fonts.find_cjk_font.cache_clear()
    monkeypatch.setenv(fonts.ENV_VAR, str(cjk_font))
    assert fonts.find_cjk_font() == cjk_font


def test_env_var_naming_a_missing_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An explicit choice that fails is reported, not silently replaced by another font."""
    missing = tmp_path / "nope.ttc"
    monkeypatch.setenv(fonts.ENV_VAR, str(missing))
    with pytest.raises(UserError, match=fonts.ENV_VAR) as info:
        fonts.find_cjk_font()
    assert str(missing) in str(info.value)


def test_env_var_naming_a_non_truetype_file_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + bytes(200))  # an OpenType/CFF header
    monkeypatch.setenv(fonts.ENV_VAR, str(otf))
    with pytest.raises(UserError, match="postscript outlines"):
        fonts.find_cjk_font()


def test_no_font_anywhere_names_the_package_to_install(no_fonts: Path) -> None:
    (no_fonts / "junk.ttf").write_bytes(b"not a font at all")
    with pytest.raises(UserError) as info:
        fonts.find_cjk_font()
    message = str(info.value)
    assert "fonts-wqy-microhei" in message and fonts.ENV_VAR in message


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_bundled_font_comes_before_system_fonts(no_fonts: Path, cjk_font: Path) -> None:
    (no_fonts / "a-junk.ttf").write_bytes(b"junk")  # unusable files are skipped
    link = no_fonts / "bundled.ttc"
    link.symlink_to(cjk_font)
    assert fonts.find_cjk_font() == link


def test_system_paths_skip_unusable_fonts(
    no_fonts: Path, cjk_font: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.ttc"
    junk.write_bytes(b"\x00\x01\x00\x00" + bytes(64))
    monkeypatch.setattr(fonts, "SYSTEM_FONT_PATHS", (tmp_path / "absent.ttc", junk, cjk_font))
    assert fonts.find_cjk_font() == cjk_font


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for fc-match")
def test_fontconfig_is_the_last_resort(
    no_fonts: Path, cjk_font: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = tmp_path / "fc-match"
    fake.write_text(f"#!/bin/sh\nprintf '%s' '{cjk_font}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(fonts, "FC_MATCH", str(fake))
    assert fonts.find_cjk_font() == cjk_font


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for fc-match")
def test_fontconfig_answer_without_chinese_is_refused(
    no_fonts: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A TrueType font without Chinese that is always there: Bitstream Vera, shipped with
    # reportlab.
    import reportlab

    dejavu = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    assert dejavu.exists()
    fake = tmp_path / "fc-match"
    fake.write_text(f"#!/bin/sh\nprintf '%s' '{dejavu}'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(fonts, "FC_MATCH", str(fake))
    with pytest.raises(UserError):
        fonts.find_cjk_font()


def test_lookup_is_cached(monkeypatch: pytest.MonkeyPatch, cjk_font: Path) -> None:
    assert fonts.find_cjk_font() == cjk_font
    monkeypatch.setattr(fonts, "SYSTEM_FONT_PATHS", ())
    monkeypatch.setattr(fonts, "BUNDLED_FONT_DIR", Path("/nonexistent"))
    monkeypatch.setattr(fonts, "FC_MATCH", None)
    assert fonts.find_cjk_font() == cjk_font
