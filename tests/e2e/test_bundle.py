"""The PyInstaller bundle (`make bundle` builds dist/gatekeeper/; `make test` builds it before
pytest) started as it would be on a gate PC: outside the source tree and the virtual
environment, on a machine with no Chinese font installed. A missing bundle fails."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from test_self_test import CHECKS, checks, clean_env, non_cjk_fontconfig, run

from gatekeeper import __version__
from gatekeeper.storage.database import Database

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
EXE = "gatekeeper.exe" if sys.platform == "win32" else "gatekeeper"
BUNDLE = REPO / "dist" / "gatekeeper" / EXE


def bundle_env(tmp_path: Path) -> dict[str, str]:
    env = clean_env(tmp_path, **non_cjk_fontconfig(tmp_path))
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


@pytest.fixture(scope="module")
def bundle() -> Path:
    assert BUNDLE.is_file(), f"{BUNDLE} is missing: build it with `make bundle`"
    return BUNDLE


def test_bundle_passes_its_self_test_with_no_chinese_font_on_the_machine(
    bundle: Path, tmp_path: Path
) -> None:
    result = run([str(bundle), "--self-test"], bundle_env(tmp_path), tmp_path, timeout=180)
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[0].startswith(f"gatekeeper {__version__} self-test (bundle, ")
    found = checks(result)
    assert list(found) == list(CHECKS)
    assert all(status == "ok" for status, _ in found.values()), result.out
    # Translations, sounds, the font and the migrations are inside; the bundle is not older
    # than the source's newest migration.
    head = Database("sqlite://").head_revision()
    assert f"(newest {head})" in found["resources"][1]
    # Chinese is drawn with the font shipped inside the bundle, on screen and on badges.
    assert "drawn with WenQuanYi Micro Hei (bundled)" in found["fonts"][1]
    assert "wqy-microhei.ttc, bundled" in found["badge"][1]
    assert "Traceback" not in result.err


def test_bundle_runs_the_command_line(bundle: Path, tmp_path: Path) -> None:
    env = bundle_env(tmp_path)
    data = ["--data-dir", str(tmp_path / "data")]
    done = run([str(bundle), *data, "init", "--site", "华东一厂", "--gate", "北门",
                "--timezone", "Asia/Shanghai"], env, tmp_path)
    assert done.code == 0, done.err
    assert run([str(bundle), *data, "staff", "add", "--staff-no", "1001", "--name", "张伟"],
               env, tmp_path).code == 0
    badge = tmp_path / "badge.png"
    assert run([str(bundle), *data, "badge", "1001", "--out", str(badge)], env, tmp_path).code == 0
    token = run([str(bundle), *data, "badge", "1001", "--token"], env, tmp_path).out.strip()
    decoded = run([str(bundle), "decode", str(badge)], env, tmp_path)
    assert decoded.code == 0 and decoded.out.strip() == token
