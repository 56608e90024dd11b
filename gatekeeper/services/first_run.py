"""The first-run set-up in one go: the site and this gate, the first admin account, the
kiosk's camera and thermometer, and the screening settings.

The set-up wizard collects these and `gatekeeper init` takes them as options. Everything is
checked before anything is written; then it is written in one transaction, so that a failure
leaves neither a site without its admin nor settings without a site. (The site's key file is
written just before the transaction, as by `SetupService.initialise`: a later attempt finds it
and uses it.)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, is_valid_timezone, system_timezone, utc_now
from gatekeeper.domain.enums import Role, TempUnit
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services import settings as settings_module
from gatekeeper.services.settings import KioskSettings, ScreeningSettings
from gatekeeper.services.setup import Installation, SetupService, _clean_name
from gatekeeper.services.users import check_secret
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import User

MAX_USERNAME = 64
ADMIN_ROLE = Role.ADMIN


@dataclass(frozen=True)
class AdminAccount:
    """The first admin. The password is never shown in a repr, a log or the audit trail."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class SetupPlan:
    """What the first run sets. None: not chosen (the machine's time zone; no admin; the
    kiosk's and the screening's defaults)."""

    site_name: str
    gate_name: str
    timezone: str | None = None
    admin: AdminAccount | None = None
    camera: str | None = None
    thermometer: str | None = None
    fever_threshold_c: float | None = None
    temperature_unit: TempUnit | None = None


def check_username(username: str) -> str:
    """A user name as stored (without surrounding blanks); the rule of UserService.add."""
    name = username.strip()
    if not name or len(name) > MAX_USERNAME or any(ord(ch) < 32 for ch in name):
        raise UserError(
            f"A user name is 1 to {MAX_USERNAME} characters, without control characters."
        )
    return name


def check_admin(account: AdminAccount) -> AdminAccount:
    """The account with its name tidied; UserError when the name or password is refused (the
    password rules of :func:`gatekeeper.services.users.check_secret`)."""
    name = check_username(account.username)
    check_secret(ADMIN_ROLE, account.password)
    return AdminAccount(name, account.password)


def check_screening(
    fever_threshold_c: float | None = None, temperature_unit: TempUnit | str | None = None
) -> ScreeningSettings:
    """The screening settings with these changes from the defaults; UserError when the
    threshold lies outside the plausible range."""
    screening = ScreeningSettings()
    if fever_threshold_c is not None:
        screening = dataclasses.replace(screening, fever_threshold_c=round(fever_threshold_c, 1))
    if temperature_unit is not None:
        try:
            unit = TempUnit(temperature_unit)
        except ValueError:
            raise UserError(
                f"'{temperature_unit}' is not a temperature unit: use C or F."
            ) from None
        screening = dataclasses.replace(screening, temperature_unit=unit)
    screening.validate()
    return screening


class FirstRunService:
    """Sets up a fresh installation from a :class:`SetupPlan`."""

    def __init__(
        self,
        db: Database,
        paths: Paths,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.paths = paths
        self.clock = clock
        self.hasher = hasher or PasswordHasher()

    def check(self, plan: SetupPlan) -> SetupPlan:
        """The plan in the form it is stored (names tidied, device specs canonical), or a
        UserError about its first problem. Reads and writes nothing."""
        zone = plan.timezone or system_timezone()
        if not is_valid_timezone(zone):
            raise UserError(f"Unknown time zone '{zone}'. Use an IANA name such as Asia/Shanghai.")
        screening = check_screening(plan.fever_threshold_c, plan.temperature_unit)
        return SetupPlan(
            site_name=_clean_name(plan.site_name, "site"),
            gate_name=_clean_name(plan.gate_name, "gate"),
            timezone=zone,
            admin=None if plan.admin is None else check_admin(plan.admin),
            camera=None if plan.camera is None else settings_module.check_camera(plan.camera),
            thermometer=(
                None if plan.thermometer is None
                else settings_module.check_thermometer(plan.thermometer)
            ),
            fever_threshold_c=(
                None if plan.fever_threshold_c is None else screening.fever_threshold_c
            ),
            temperature_unit=None if plan.temperature_unit is None else screening.temperature_unit,
        )

    def set_up(self, plan: SetupPlan, *, actor: str | None = None) -> Installation:
        """Check the plan, then create the site, this gate, the admin and the settings in one
        transaction. UserError (nothing written) when the plan is refused or the directory
        is already initialised (:class:`gatekeeper.services.setup.AlreadyInitialised`)."""
        plan = self.check(plan)
        admin = plan.admin
        # Hashed before the transaction: Argon2 takes a moment, the database waits for no one.
        secret_hash = self.hasher.hash(admin.password) if admin is not None else None
        screening = check_screening(plan.fever_threshold_c, plan.temperature_unit)
        kiosk = KioskSettings(camera=plan.camera, thermometer=plan.thermometer)

        def write_the_rest(
            session: Session, installation: Installation, now: datetime, by: str
        ) -> None:
            if admin is not None and secret_hash is not None:
                user = User(
                    site_id=installation.site_id,
                    username=admin.username,
                    display_name="",
                    role=str(ADMIN_ROLE),
                    secret_hash=secret_hash,
                    created_at=now,
                )
                session.add(user)
                session.flush()
                audit.record(
                    session, at=now, actor=by, action="user.add", entity="user",
                    entity_id=str(user.id),
                    details={"username": admin.username, "role": str(ADMIN_ROLE)},
                )
            settings_module.write_first_settings(
                session, at=now, actor=by, screening=screening, kiosk=kiosk
            )

        return SetupService(self.db, self.paths, self.clock).initialise(
            plan.site_name, plan.gate_name, plan.timezone, actor, also=write_the_rest
        )
