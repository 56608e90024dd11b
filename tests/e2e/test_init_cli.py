"""`gatekeeper init` as the headless equivalent of the first-run wizard: the first admin, the
kiosk's camera and thermometer, the fever threshold; and the kiosk using what was stored."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cliutil import GATEKEEPER, Cli, Result

from gatekeeper.config import Paths
from gatekeeper.domain.enums import TempUnit
from gatekeeper.services.settings import KioskSettings, SettingsService
from gatekeeper.services.setup import SetupService
from gatekeeper.services.users import UserService
from gatekeeper.storage.database import Database, sqlite_url

pytestmark = pytest.mark.e2e

PASSWORD = "gate-admin-2026"
SITE = ("--site", "华东一厂", "--gate", "North Gate", "--timezone", "Asia/Shanghai")


def run_with_stdin(cli: Cli, stdin: str, *args: str | os.PathLike[str]) -> Result:
    """The command with its standard input given (cliutil's Cli gives none)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEKEEPER_")}
    proc = subprocess.run(
        [str(GATEKEEPER), "--data-dir", str(cli.data_dir), *map(str, args)],
        input=stdin.encode("utf-8"), cwd=cli.cwd, env=env, capture_output=True, timeout=60,
        check=False,
    )
    result = Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
    assert "Traceback" not in result.err, result.err
    return result


def stored(cli: Cli) -> tuple[KioskSettings, float, TempUnit]:
    db = Database(sqlite_url(Paths(cli.data_dir).database_file))
    try:
        settings = SettingsService(db)
        screening = settings.screening()
        return settings.kiosk(), screening.fever_threshold_c, screening.temperature_unit
    finally:
        db.dispose()


def nothing_made(cli: Cli) -> bool:
    paths = Paths(cli.data_dir)
    if paths.signing_key_file.exists():
        return False
    if not paths.database_file.exists():
        return True
    db = Database(sqlite_url(paths.database_file))
    try:
        return SetupService(db, paths).installation() is None
    finally:
        db.dispose()


def test_init_sets_everything_the_wizard_sets(cli: Cli, tmp_path: Path) -> None:
    pictures = tmp_path / "camera pictures"
    pictures.mkdir()
    result = run_with_stdin(
        cli, PASSWORD + "\n", "init", *SITE, "--admin", "it-admin", "--password-stdin",
        "--camera", pictures, "--thermometer", "serial:/dev/ttyUSB0",
        "--fever-threshold", "37.5", "--temperature-unit", "F",
    )
    assert result.code == 0, result.err
    assert "Admin account: it-admin" in result.out
    assert "serial:/dev/ttyUSB0,9600" in result.out
    assert "37.5 °C" in result.out
    assert PASSWORD not in result.out + result.err

    users = cli("user", "list", "--format", "json")
    assert users.json() == [{"username": "it-admin", "display_name": "it-admin", "role": "admin"}]
    assert stored(cli) == (
        KioskSettings(str(pictures), "serial:/dev/ttyUSB0,9600"), 37.5, TempUnit.F
    )
    paths = Paths(cli.data_dir)
    db = Database(sqlite_url(paths.database_file))
    try:
        installation = SetupService(db, paths).require_installation()
        assert UserService(db, installation).authenticate("it-admin", PASSWORD).role == "admin"
    finally:
        db.dispose()
    assert cli("audit", "verify").code == 0


def test_init_with_only_site_and_gate_keeps_the_defaults(cli: Cli) -> None:
    result = cli("init", *SITE)
    assert result.code == 0, result.err
    assert "Admin account" not in result.out
    assert cli("user", "list", "--format", "json").json() == []
    assert stored(cli) == (KioskSettings(None, None), 37.3, TempUnit.C)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--fever-threshold", "33.9"], "", "between 34 and 43"),
        (["--fever-threshold", "43"], "", "between 34 and 43"),
        (["--thermometer", "serial:COM3,fast"], "", "not a baud rate"),
        (["--thermometer", "infrared"], "", "unknown kind"),
        (["--camera", "no-such-video.avi"], "", "no video file or folder"),
        (["--camera", "123"], "", "from 0 to 99"),
        (["--admin", "it-admin", "--password-stdin"], "short\n", "at least 8 characters"),
        (["--admin", "it-admin", "--password-stdin"], "", "at least 8 characters"),
        (["--admin", "  ", "--password-stdin"], PASSWORD + "\n", "user name is 1 to 64"),
        (["--password-stdin"], PASSWORD + "\n", "add --admin"),
        (["--timezone", "Mars/Olympus", "--admin", "x", "--password-stdin"], PASSWORD + "\n",
         "Unknown time zone"),
    ],
)
def test_a_bad_option_is_told_and_nothing_is_made(
    cli: Cli, args: list[str], stdin: str, message: str
) -> None:
    result = run_with_stdin(cli, stdin, "init", *SITE, *args)
    assert result.code == 1, result.err
    assert message in result.err
    assert nothing_made(cli)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fever-threshold", "hot"], "invalid float value"),
        (["--temperature-unit", "K"], "invalid choice"),
    ],
)
def test_a_malformed_option_is_a_usage_error(cli: Cli, args: list[str], message: str) -> None:
    result = cli("init", *SITE, *args)
    assert result.code == 2 and message in result.err
    assert nothing_made(cli)


def test_init_again_with_an_admin_changes_nothing(site: Cli) -> None:
    result = run_with_stdin(
        site, PASSWORD + "\n", "init", *SITE, "--admin", "late", "--password-stdin",
        "--fever-threshold", "38",
    )
    assert result.code == 0 and "already initialised" in result.err
    assert site("user", "list", "--format", "json").json() == []
    assert stored(site)[1] == 37.3


def test_provision_refuses_site_wide_options(cli: Cli, tmp_path: Path) -> None:
    result = run_with_stdin(
        cli, PASSWORD + "\n", "init", "--provision", tmp_path / "south.gkprov",
        "--admin", "x", "--password-stdin",
    )
    assert result.code == 1 and "drop --admin" in result.err
    assert nothing_made(cli)


def test_the_kiosk_uses_the_camera_and_thermometer_chosen_at_init(
    cli: Cli, tmp_path: Path
) -> None:
    """No --camera or --thermometer on the kiosk's command line: the folder of pictures and
    the simulated thermometer stored by init are used."""
    pictures = tmp_path / "camera"
    pictures.mkdir()
    result = cli("init", *SITE, "--camera", pictures, "--thermometer", "sim:36.6")
    assert result.code == 0, result.err
    assert cli("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    assert cli("badge", "1001", "--out", pictures / "badge.png").code == 0

    kiosk = cli("kiosk", "--unattended", "--run-seconds", "8", timeout=90)
    assert kiosk.code == 0, kiosk.err
    events = cli("log", "--format", "json").json_lines()
    assert [(e["staff_no"], e["decision"], e["method"]) for e in events] == [
        ("1001", "pass", "qr")
    ]
    assert events[0]["temperatures_c"] == [36.6]
