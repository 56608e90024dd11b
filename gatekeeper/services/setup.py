"""Initialising an installation: the database, the site, its first gate and the site's key."""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, is_valid_timezone, system_timezone, utc_now
from gatekeeper.domain.tokens import key_id_of
from gatekeeper.errors import UserError
from gatekeeper.services import audit, keys
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Gate, SigningKey, Site

SITE_SETTING = "installation.site_id"
GATE_SETTING = "installation.gate_id"
MAX_NAME = 100


@dataclass(frozen=True)
class Installation:
    site_id: uuid.UUID
    site_name: str
    gate_id: uuid.UUID
    gate_name: str
    timezone: str
    default_direction: str = "in"


class AlreadyInitialised(UserError):
    def __init__(self, installation: Installation, data_dir: str) -> None:
        self.installation = installation
        super().__init__(
            f"{data_dir} is already initialised as site '{installation.site_name}', gate "
            f"'{installation.gate_name}'. Nothing was changed."
        )


class NotInitialised(UserError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"No gatekeeper site is set up in {where}. Run: gatekeeper init --site NAME "
            "--gate NAME (or start the application and follow the first-run screen)."
        )


def default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _clean_name(value: str, what: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise UserError(f"The {what} name is empty.")
    if len(name) > MAX_NAME:
        raise UserError(f"The {what} name is longer than {MAX_NAME} characters.")
    if any(ord(ch) < 32 for ch in name):
        raise UserError(f"The {what} name contains control characters.")
    return name


class SetupService:
    def __init__(self, db: Database, paths: Paths, clock: Clock = utc_now) -> None:
        self.db = db
        self.paths = paths
        self.clock = clock

    def installation(self) -> Installation | None:
        """This installation's site and gate, or None before init. Migrates the schema of an
        existing database; never creates a database file."""
        path = self.db.sqlite_path
        if path is not None and not path.exists():
            return None
        self.db.migrate()
        with self.db.session() as session:
            site_id = repo.get_setting(session, SITE_SETTING)
            gate_id = repo.get_setting(session, GATE_SETTING)
            if site_id is None or gate_id is None:
                return None
            site = repo.get_site(session, uuid.UUID(site_id))
            gate = repo.get_gate(session, uuid.UUID(gate_id))
            if site is None or gate is None:
                raise UserError("The installation settings name a site or gate that is missing.")
            return Installation(
                site.id, site.name, gate.id, gate.name, gate.timezone, gate.default_direction
            )

    def require_installation(self) -> Installation:
        installation = self.installation()
        if installation is None:
            raise NotInitialised(self.db.url_for_humans())
        return installation

    def initialise(
        self,
        site_name: str,
        gate_name: str,
        timezone: str | None = None,
        actor: str | None = None,
        *,
        also: Callable[[Session, Installation, datetime, str], None] | None = None,
    ) -> Installation:
        """Create the site, this gate and the site's key. ``also(session, installation,
        now, actor)`` writes more in the same transaction (the first admin, the settings: see
        :mod:`gatekeeper.services.first_run`); when it raises, nothing is stored in the
        database (the key file stays, for the next attempt to use)."""
        site_name = _clean_name(site_name, "site")
        gate_name = _clean_name(gate_name, "gate")
        zone = timezone or system_timezone()
        if not is_valid_timezone(zone):
            raise UserError(f"Unknown time zone '{zone}'. Use an IANA name such as Asia/Shanghai.")
        self.paths.data_dir.mkdir(parents=True, exist_ok=True)
        existing = self.installation()
        if existing is not None:
            raise AlreadyInitialised(existing, str(self.paths.data_dir))
        self.db.migrate()

        # The key is written first: if anything below fails, a later init finds the key file
        # and uses it rather than leaving a database whose key is lost.
        key_file = self.paths.signing_key_file
        if key_file.exists():
            private = keys.load_private_key(key_file)
        else:
            private = keys.generate()
            keys.write_private_key(private, key_file)
        public = private.public_key()
        keys.write_public_key(public, self.paths.public_key_file)

        now = self.clock()
        actor = actor or default_actor()
        with self.db.session() as session:
            site = Site(name=site_name, timezone=zone, created_at=now)
            session.add(site)
            session.flush()
            session.add(
                SigningKey(
                    site_id=site.id,
                    key_id=key_id_of(public),
                    public_key=keys.raw_public(public),
                    purpose="badge",
                    created_at=now,
                )
            )
            gate = Gate(site_id=site.id, name=gate_name, timezone=zone, created_at=now)
            session.add(gate)
            session.flush()
            repo.put_setting(session, SITE_SETTING, str(site.id))
            repo.put_setting(session, GATE_SETTING, str(gate.id))
            audit.record(
                session,
                at=now,
                actor=actor,
                action="init",
                entity="site",
                entity_id=str(site.id),
                details={"site": site_name, "gate": gate_name, "timezone": zone},
            )
            installation = Installation(site.id, site_name, gate.id, gate_name, zone, "in")
            if also is not None:
                also(session, installation, now, actor)
            return installation
