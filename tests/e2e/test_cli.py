"""The CLI contract, run as a real subprocess on real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli
from openpyxl import Workbook

from gatekeeper.cli import build_parser

QR_REAL = Path(__file__).resolve().parents[2].parent / "shared" / "testdata" / "qr-real"

pytestmark = pytest.mark.e2e


def _commands() -> list[list[str]]:
    """Every command and sub-command the parser knows, found by walking it."""
    import argparse

    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return found


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.startswith("gatekeeper ")


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_help_on_every_command(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0
    assert "usage: gatekeeper" in result.out


def test_commands_before_init_say_how_to_start(cli: Cli) -> None:
    for args in (["staff", "list"], ["badge", "1", "--token"], ["verify", "GK1AAAA"]):
        result = cli(*args)
        assert result.code == 1
        assert "gatekeeper init" in result.err


def test_init_twice_changes_nothing(site: Cli) -> None:
    db_file = site.data_dir / "gatekeeper.db"
    key_file = site.data_dir / "keys" / "site_ed25519.pem"
    before = (db_file.read_bytes(), key_file.read_bytes())
    same = site("init", "--site", "华东一厂", "--gate", "North Gate")
    assert same.code == 0 and "already initialised" in same.err
    other = site("init", "--site", "Elsewhere", "--gate", "X")
    assert other.code == 1 and "already initialised" in other.err
    assert (db_file.read_bytes(), key_file.read_bytes()) == before


def test_init_with_bad_time_zone(cli: Cli) -> None:
    result = cli("init", "--site", "s", "--gate", "g", "--timezone", "Nowhere/Town")
    assert result.code == 1
    assert "Unknown time zone" in result.err


def test_staff_add_list_formats(site: Cli) -> None:
    assert site("staff", "add", "--staff-no", "1001", "--name", "张伟", "--department",
                "总装车间", "--phone", "13800138000").code == 0
    assert site("staff", "add", "--staff-no", "C-7", "--name", "Li Na", "--kind",
                "contractor").code == 0
    dup = site("staff", "add", "--staff-no", "1001", "--name", "Someone Else")
    assert dup.code == 1 and "already in the registry" in dup.err
    bad = site("staff", "add", "--staff-no", "1003", "--name", "   ")
    assert bad.code == 1 and "name" in bad.err

    people = site("staff", "list", "--format", "json").json()
    assert [(p["staff_no"], p["name"], p["kind"]) for p in people] == [
        ("1001", "张伟", "employee"), ("C-7", "Li Na", "contractor"),
    ]
    csv_out = site("staff", "list", "--format", "csv").out.splitlines()
    assert csv_out[0] == "staff_no,name,kind,department,phone,active,badge_version"
    assert csv_out[1] == "1001,张伟,employee,总装车间,13800138000,true,0"
    table = site("staff", "list").out.splitlines()
    assert table[0].split() == ["staff_no", "name", "kind", "department", "phone", "active",
                                "badge_version"]
    assert "张伟" in table[2]
    found = site("staff", "list", "--format", "json", "--search", "总装").json()
    assert [p["staff_no"] for p in found] == ["1001"]


def test_staff_import_csv_gb18030_then_update(site: Cli, tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes("工号,姓名,部门,类型,电话\n1001,张伟,总装车间,员工,13800138000\n"
                     "1002,王芳,质检部,承包商,\n".encode("gb18030"))
    result = site("staff", "import", path)
    assert result.code == 0, result.err
    assert "2 added, 0 updated, 0 unchanged" in result.out
    path.write_text("staff_no,name,department\n1001,张伟,焊装车间\n1002,王芳,质检部\n",
                    encoding="utf-8-sig")
    result = site("staff", "import", path)
    assert "0 added, 1 updated, 1 unchanged" in result.out
    people = {p["staff_no"]: p for p in site("staff", "list", "--format", "json").json()}
    assert people["1001"]["department"] == "焊装车间"


def test_staff_import_xlsx(site: Cli, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["工号", "姓名", "部门"])
    sheet.append([2001, "赵六", "仓库"])
    path = tmp_path / "staff.xlsx"
    book.save(path)
    assert site("staff", "import", path).code == 0
    assert site("staff", "list", "--format", "json").json()[0]["staff_no"] == "2001"


def test_bad_import_is_rejected_whole(site: Cli, tmp_path: Path) -> None:
    site("staff", "add", "--staff-no", "1001", "--name", "张伟")
    before = site("staff", "list", "--format", "json").out
    path = tmp_path / "bad.csv"
    path.write_text(
        "staff_no,name,kind\n1001,New Name,employee\n1002,,employee\n1003,A,boss\n"
        "1004,B,employee\n1004,C,employee\n",
        encoding="utf-8",
    )
    result = site("staff", "import", path)
    assert result.code == 1
    for row in ("row 3", "row 4", "row 5", "row 6"):
        assert row in result.err.lower(), result.err
    assert site("staff", "list", "--format", "json").out == before


def test_import_of_missing_or_unsupported_file(site: Cli, tmp_path: Path) -> None:
    assert site("staff", "import", tmp_path / "nope.csv").code == 1
    (tmp_path / "staff.txt").write_text("x")
    result = site("staff", "import", tmp_path / "staff.txt")
    assert result.code == 1 and ".csv" in result.err


def test_badge_token_verify_revoke(site: Cli, tmp_path: Path) -> None:
    site("staff", "add", "--staff-no", "1001", "--name", "张伟", "--department", "总装车间")
    token = site("badge", "1001", "--token").out.strip()
    assert token.startswith("GK1")
    ok = site("verify", token)
    assert ok.code == 0
    person = ok.json()
    assert (person["staff_no"], person["name"], person["valid"]) == ("1001", "张伟", True)

    revoked = site("badge", "--revoke", "1001")
    assert revoked.code == 0 and "version 2" in revoked.out
    old = site("verify", token)
    assert old.code == 3
    assert old.json()["problem"] == "revoked"
    assert "revoked" in old.err
    new_token = site("badge", "1001", "--token").out.strip()
    assert new_token != token and site("verify", new_token).code == 0


def test_verify_garbage_and_forged(site: Cli) -> None:
    site("staff", "add", "--staff-no", "1001", "--name", "张伟")
    token = site("badge", "1001", "--token").out.strip()
    garbled = site("verify", "hello world")
    assert garbled.code == 3 and garbled.json()["problem"] == "garbled"
    flipped = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]
    forged = site("verify", flipped)
    assert forged.code == 3 and forged.json()["problem"] in ("bad_signature", "foreign_key")


def test_badge_png_decodes_to_the_token(site: Cli, tmp_path: Path) -> None:
    site("staff", "add", "--staff-no", "1001", "--name", "张伟", "--department", "总装车间")
    token = site("badge", "1001", "--token").out.strip()
    png = tmp_path / "zhang.png"
    assert site("badge", "1001", "--out", png).code == 0
    decoded = site("decode", "--json", png).json_lines()
    assert decoded[0]["text"] == token
    assert site("verify", decoded[0]["text"]).code == 0


def test_badge_svg_and_pdf_sheet(site: Cli, tmp_path: Path) -> None:
    for i in range(12):
        site("staff", "add", "--staff-no", f"{1000 + i}", "--name", f"员工{i}")
    svg = tmp_path / "one.svg"
    assert site("badge", "1000", "--out", svg).code == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    pdf = tmp_path / "all.pdf"
    result = site("badge", "--all", "--out", pdf)
    assert result.code == 0 and "12 badges" in result.out
    assert pdf.read_bytes().startswith(b"%PDF")
    several = site("badge", "1000", "1001", "--out", pdf)
    assert several.code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1000", "1001", "--out", "two.png"], "one badge"),
        (["1000", "--out", "badge.txt"], ".png, .svg"),
        (["1000", "--out", "no/such/folder/b.png"], "does not exist"),
        (["9999", "--out", "x.png"], "No person with staff number 9999"),
        (["1000"], "--out"),
        ([], "staff number"),
        (["1000", "--all", "--out", "x.pdf"], "not both"),
    ],
)
def test_badge_bad_requests(site: Cli, args: list[str], message: str) -> None:
    site("staff", "add", "--staff-no", "1000", "--name", "A")
    site("staff", "add", "--staff-no", "1001", "--name", "B")
    result = site("badge", *args)
    assert result.code == 1
    assert message in result.err


def test_decode_real_photos_keep_crlf(cli: Cli) -> None:
    images = sorted(p for p in (QR_REAL / "qrcode-2").iterdir() if p.suffix != ".txt")
    assert images, f"test data missing at {QR_REAL}"
    crlf = [p for p in images
            if b"\r\n" in p.with_suffix(".txt").read_bytes() and _single_code(p)]
    assert crlf, "expected some CRLF payloads in qrcode-2"
    lines = cli("decode", "--json", *crlf).json_lines()
    assert len(lines) == len(crlf)
    for image, line in zip(crlf, lines, strict=True):
        assert line["file"] == str(image)
        assert isinstance(line["ms"], float)
        if line["text"] is not None:
            assert line["text"] == image.with_suffix(".txt").read_bytes().decode("utf-8")
    assert any(line["text"] for line in lines)


def _single_code(image: Path) -> bool:
    """Images holding one QR code (some samples nest two, and name only one in the .txt)."""
    import cv2
    import zxingcpp

    frame = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
    return frame is not None and len(zxingcpp.read_barcodes(frame)) <= 1


def test_decode_bad_files(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_text("not an image")
    result = cli("decode", "--json", tmp_path / "fake.png", tmp_path / "missing.png")
    assert result.code == 1
    lines = result.json_lines()
    assert [line["text"] for line in lines] == [None, None]
    assert all(line.get("error") for line in lines)


def test_key_export(site: Cli, tmp_path: Path) -> None:
    out = tmp_path / "site.pub.pem"
    assert site("key", "export", "--out", out).code == 0
    assert out.read_text().startswith("-----BEGIN PUBLIC KEY-----")


def test_database_is_wal_and_integral(site: Cli) -> None:
    with sqlite3.connect(site.data_dir / "gatekeeper.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_command_is_installed() -> None:
    assert GATEKEEPER.exists()
