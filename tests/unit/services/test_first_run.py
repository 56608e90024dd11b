"""The first-run set-up in one transaction, and the kiosk's device settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain.enums import Role, TempUnit
from gatekeeper.errors import UserError
from gatekeeper.services import settings as settings_module
from gatekeeper.services.first_run import AdminAccount, FirstRunService, SetupPlan
from gatekeeper.services.settings import KioskSettings, SettingsService
from gatekeeper.services.setup import AlreadyInitialised, Installation, SetupService
from gatekeeper.services.users import UserService, fast_hasher
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AuditEntry, Setting, Site, User

PASSWORD = "correct horse"


@pytest.fixture
def first_run(db: Database, paths: Paths, clock) -> FirstRunService:
    return FirstRunService(db, paths, clock, hasher=fast_hasher())


def full_plan(**changes) -> SetupPlan:
    values = {
        "site_name": " 华东一厂 ",
        "gate_name": "North  Gate",
        "timezone": "Asia/Shanghai",
        "admin": AdminAccount(" admin ", PASSWORD),
        "camera": "demo",
        "thermometer": "serial:/dev/ttyUSB0",
        "fever_threshold_c": 37.5,
        "temperature_unit": TempUnit.F,
    }
    values.update(changes)
    return SetupPlan(**values)


def audit_actions(db: Database) -> list[str]:
    with db.session() as session:
        return [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def nothing_stored(db: Database, setup_service: SetupService) -> bool:
    if setup_service.installation() is not None:
        return False
    if db.sqlite_path is not None and not db.sqlite_path.exists():
        return True  # refused before the database was made
    with db.session() as session:
        empty = not any(
            session.scalars(select(model)).first() for model in (Site, User, Setting, AuditEntry)
        )
    return empty


def test_everything_is_written_in_one_go(
    first_run: FirstRunService, db: Database, setup_service: SetupService
) -> None:
    installation = first_run.set_up(full_plan(), actor="gui:test")

    assert (installation.site_name, installation.gate_name, installation.timezone) == (
        "华东一厂", "North Gate", "Asia/Shanghai",
    )
    assert setup_service.installation() == installation
    assert audit_actions(db) == ["init", "user.add", "settings.update"]
    users = UserService(db, installation, hasher=fast_hasher())
    assert [(u.username, u.role) for u in users.list()] == [("admin", Role.ADMIN)]
    assert users.authenticate("admin", PASSWORD).username == "admin"
    settings = SettingsService(db)
    screening = settings.screening()
    assert (screening.fever_threshold_c, screening.temperature_unit) == (37.5, TempUnit.F)
    assert settings.kiosk() == KioskSettings("demo", "serial:/dev/ttyUSB0,9600")


def test_the_password_is_neither_stored_nor_audited_nor_shown(
    first_run: FirstRunService, db: Database
) -> None:
    plan = full_plan()
    assert PASSWORD not in repr(plan)
    first_run.set_up(plan)
    with db.session() as session:
        details = " ".join(e.details for e in session.scalars(select(AuditEntry)))
        [user] = session.scalars(select(User)).all()
    assert PASSWORD not in details and "admin" in details
    assert PASSWORD not in user.secret_hash and user.secret_hash.startswith("$argon2")


def test_defaults_store_no_settings(
    first_run: FirstRunService, db: Database
) -> None:
    first_run.set_up(SetupPlan("Plant", "Gate", "UTC"))
    settings = SettingsService(db)
    assert settings.kiosk() == KioskSettings(None, None)
    assert settings.kiosk().camera_or_default == "0"
    assert settings.kiosk().thermometer_or_default == "manual"
    assert settings.screening().fever_threshold_c == 37.3
    assert audit_actions(db) == ["init"]
    with db.session() as session:
        assert session.scalars(select(User)).all() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"site_name": "  "}, "site name is empty"),
        ({"gate_name": "g" * 101}, "longer than"),
        ({"timezone": "Mars/Olympus"}, "Unknown time zone"),
        ({"admin": AdminAccount("admin", "short")}, "at least 8 characters"),
        ({"admin": AdminAccount("  ", PASSWORD)}, "user name is 1 to 64"),
        ({"admin": AdminAccount("a\x07b", PASSWORD)}, "control characters"),
        ({"admin": AdminAccount("a" * 65, PASSWORD)}, "user name is 1 to 64"),
        ({"camera": "/no/such/video.avi"}, "no video file or folder"),
        ({"camera": "100"}, "from 0 to 99"),
        ({"camera": " "}, "No camera given"),
        ({"thermometer": "serial:"}, "serial port is missing"),
        ({"thermometer": "serial:COM3,fast"}, "not a baud rate"),
        ({"thermometer": "sim:hot"}, "not a reading"),
        ({"thermometer": "infrared"}, "unknown kind"),
        ({"fever_threshold_c": 33.0}, "between 34 and 43"),
        ({"fever_threshold_c": 43.0}, "between 34 and 43"),
        ({"temperature_unit": "K"}, "not a temperature unit"),
    ],
)
def test_a_refused_plan_writes_nothing(
    first_run: FirstRunService, db: Database, setup_service: SetupService, paths: Paths,
    changes: dict, message: str,
) -> None:
    with pytest.raises(UserError, match=message):
        first_run.set_up(full_plan(**changes))
    assert nothing_stored(db, setup_service)
    assert not paths.signing_key_file.exists()


def test_a_failure_inside_the_transaction_leaves_nothing_half_made(
    first_run: FirstRunService, db: Database, setup_service: SetupService, paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The settings fail after the site, the gate and the admin were added: all rolled back;
    the next attempt succeeds and reuses the key written before."""

    def broken(*args, **kwargs) -> None:
        raise UserError("The disk is full.")

    monkeypatch.setattr(settings_module, "write_first_settings", broken)
    with pytest.raises(UserError, match="disk is full"):
        first_run.set_up(full_plan())
    assert nothing_stored(db, setup_service)
    key = paths.signing_key_file.read_bytes()

    monkeypatch.undo()
    installation = first_run.set_up(full_plan())
    assert installation.site_name == "华东一厂"
    assert paths.signing_key_file.read_bytes() == key


def test_an_installed_site_is_refused(
    first_run: FirstRunService, installation: Installation, db: Database
) -> None:
    before = audit_actions(db)
    with pytest.raises(AlreadyInitialised):
        first_run.set_up(full_plan())
    assert audit_actions(db) == before
    with db.session() as session:
        assert session.scalars(select(User)).all() == []


def test_check_gives_the_stored_form(first_run: FirstRunService, tmp_path: Path) -> None:
    video = tmp_path / "badge.avi"
    video.write_bytes(b"x")
    plan = first_run.check(
        full_plan(camera=f" {video} ", thermometer="SIM:36.6", fever_threshold_c=37.26)
    )
    assert plan.site_name == "华东一厂" and plan.gate_name == "North Gate"
    assert plan.admin == AdminAccount("admin", PASSWORD)
    assert plan.camera == str(video.resolve())
    assert plan.thermometer == "sim:36.6"
    assert plan.fever_threshold_c == 37.3
    assert first_run.check(SetupPlan("s", "g", None)).timezone  # the machine's zone


# -- the kiosk's settings after set-up --------------------------------------------------------


def test_kiosk_settings_update_is_checked_and_audited(
    db: Database, installation: Installation
) -> None:
    settings = SettingsService(db)
    assert settings.kiosk() == KioskSettings()
    changed = settings.update_kiosk(camera="01", thermometer="serial:COM3", actor="cli:it")
    assert changed == KioskSettings("1", "serial:COM3,9600")
    assert settings.kiosk() == changed
    with db.session() as session:
        entry = repo.last_audit_entry(session)
        assert entry is not None and entry.actor == "cli:it"
        assert json.loads(entry.details) == {
            "kiosk.camera": {"from": None, "to": "1"},
            "kiosk.thermometer": {"from": None, "to": "serial:COM3,9600"},
        }
    with pytest.raises(UserError, match="unknown kind"):
        settings.update_kiosk(thermometer="laser")
    with pytest.raises(UserError, match="Unknown kiosk setting"):
        settings.update_kiosk(microphone="0")
    assert settings.kiosk() == changed
    assert settings.update_kiosk(camera=None) == KioskSettings(None, "serial:COM3,9600")
