"""`gatekeeper --self-test` from the source tree: every check passes on a working machine,
a damaged database or a missing font fails with a message that says what, and nothing of a
real installation is changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli, Result
from PIL import Image

pytestmark = pytest.mark.e2e

CHECKS = ("resources", "database", "badge", "decode", "kiosk", "fonts", "translations")


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
    env.pop("FONTCONFIG_FILE", None)
    env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path), **extra)
    return env


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> Result:
    proc = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, timeout=timeout, check=False
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def checks(result: Result) -> dict[str, tuple[str, str]]:
    """Check name -> (status, detail), from the lines the self-test printed."""
    found: dict[str, tuple[str, str]] = {}
    for line in result.out.splitlines()[1:-1]:
        status, name, detail = line.split(maxsplit=2)
        found[name] = (status, detail)
    return found


def non_cjk_fontconfig(tmp_path: Path) -> dict[str, str]:
    """Environment under which fontconfig (and so Qt, in a bundle too) sees this machine's
    fonts except every one that has Chinese: a machine with no CJK font installed."""
    folder = tmp_path / "fonts-without-chinese"
    folder.mkdir()
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        def files(*pattern: str) -> set[str]:
            out = subprocess.run([fc_list, *pattern, "-f", "%{file}\n"], capture_output=True,
                                 text=True, check=True).stdout
            return {line for line in out.splitlines() if line}

        keep = sorted(files() - files(":lang=zh"))
    else:  # Debian's fontconfig always comes with DejaVu (fonts-dejavu-core)
        keep = sorted(str(p) for p in Path("/usr/share/fonts/truetype/dejavu").glob("*.ttf"))
    assert keep, "no font without Chinese found on this machine"
    for index, font in enumerate(keep):
        (folder / f"{index:03d}-{Path(font).name}").symlink_to(font)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{folder}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    env = {"FONTCONFIG_FILE": str(config)}
    if fc_list is not None:
        visible = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True,
                                 env={**os.environ, **env}, check=True).stdout
        assert visible.strip() == "", f"a Chinese font is still visible: {visible}"
    return env


def test_self_test_passes_with_one_line_per_check(tmp_path: Path) -> None:
    result = run([str(GATEKEEPER), "--self-test"], clean_env(tmp_path), tmp_path)
    assert result.code == 0, result.out + result.err
    found = checks(result)
    assert list(found) == list(CHECKS)
    assert all(status == "ok" for status, _ in found.values()), result.out
    assert result.out.splitlines()[-1] == f"self-test passed: {len(CHECKS)} checks"
    assert "Traceback" not in result.err
    # The badge is drawn with the font shipped in the package, and read back.
    assert "wqy-microhei.ttc, bundled" in found["badge"][1]
    # Everything it made was in a temporary folder, removed again.
    assert not list(tmp_path.glob("gatekeeper-self-test-*"))


def test_chinese_renders_with_the_bundled_font_when_the_machine_has_none(
    tmp_path: Path,
) -> None:
    env = clean_env(tmp_path, **non_cjk_fontconfig(tmp_path))
    result = run([str(GATEKEEPER), "--self-test"], env, tmp_path)
    assert result.code == 0, result.out + result.err
    status, detail = checks(result)["fonts"]
    assert status == "ok"
    assert "drawn with WenQuanYi Micro Hei (bundled)" in detail


def test_without_any_chinese_font_the_fonts_and_badge_checks_fail(tmp_path: Path) -> None:
    """The bundled font taken away too: the kiosk's Chinese would be boxes, and badges
    cannot be drawn. Both say so; the other checks still run."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gatekeeper.services import fonts\n"
        "fonts.BUNDLED_FONT_DIR = Path('/nonexistent')\n"
        "fonts.SYSTEM_FONT_PATHS = ()\n"
        "fonts.FC_MATCH = None\n"
        "from gatekeeper.cli import main\n"
        "sys.exit(main(['--self-test']))\n"
    )
    env = clean_env(tmp_path, **non_cjk_fontconfig(tmp_path))
    result = run([sys.executable, "-c", script], env, tmp_path)
    assert result.code == 1, result.out + result.err
    found = checks(result)
    assert found["fonts"][0] == "FAIL"
    assert "drawn as boxes" in found["fonts"][1]
    assert found["badge"][0] == "FAIL"
    assert "fonts-wqy-microhei" in found["badge"][1]
    assert found["resources"][0] == "FAIL"
    assert found["decode"][0] == "skip"
    assert found["kiosk"][0] == found["database"][0] == found["translations"][0] == "ok"
    assert result.out.splitlines()[-1] == "self-test FAILED: resources, badge, decode, fonts"


def test_self_test_command_checks_the_installation_and_saves_a_screenshot(
    site: Cli, tmp_path: Path
) -> None:
    shot = tmp_path / "kiosk.png"
    result = site("self-test", "--screenshot", shot)
    assert result.code == 0, result.out + result.err
    found = checks(result)
    assert list(found) == [*CHECKS[:2], "installation", *CHECKS[2:]]
    status, detail = found["installation"]
    assert status == "ok"
    assert "site '华东一厂', gate 'North Gate'" in detail and "integrity ok" in detail
    with Image.open(shot) as image:
        assert image.size == (1280, 720)
    # The installation's records are untouched: the self-test's person was made elsewhere.
    assert site("staff", "list", "--format", "json").json() == []


def test_english_kiosk_and_a_data_dir_not_set_up_yet(cli: Cli) -> None:
    result = cli("--language", "en", "self-test")
    assert result.code == 0, result.out + result.err
    found = checks(result)
    status, detail = found["translations"]
    assert status == "ok" and detail.startswith("English")
    assert found["installation"][0] == "ok"
    assert "not set up yet" in found["installation"][1]
    assert not cli.data_dir.exists()  # looked at, not made


def test_damaged_database_fails_with_a_clear_message_and_stays_as_it_was(cli: Cli) -> None:
    cli.data_dir.mkdir()
    damaged = cli.data_dir / "gatekeeper.db"
    junk = b"this is not a database " * 200
    damaged.write_bytes(junk)
    result = cli("--self-test")
    assert result.code == 1
    found = checks(result)
    status, detail = found["installation"]
    assert status == "FAIL"
    assert str(damaged) in detail and "damaged" in detail and "backup" in detail
    assert all(s == "ok" for name, (s, _) in found.items() if name != "installation")
    assert result.out.splitlines()[-1] == "self-test FAILED: installation"
    assert damaged.read_bytes() == junk
