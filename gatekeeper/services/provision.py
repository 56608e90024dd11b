"""More gates for a site: the site writes a provisioning file for a new gate (or web service),
and a new installation is made from it.

The file is a sync file (sync/container.py) signed by the site's key. It holds the new gate's
identity and its own private key, the site's public key, and the site's registry (gates,
keys, people, badges) as it is when the file is made, so that the new gate verifies badges
at once. The gate never receives the site's private key: it cannot issue or revoke employee
badges; its own key signs its sync files and its visitor passes, and the site accepts from it
only what that key signed.

The file holds a private key: it is written readable by its owner only, and it should be
deleted once the gate is set up.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from sqlalchemy import select

from gatekeeper.config import Paths
from gatekeeper.domain.clock import Clock, is_valid_timezone, utc_now
from gatekeeper.domain.tokens import key_id_of
from gatekeeper.errors import UserError
from gatekeeper.services import audit, keys
from gatekeeper.services.badges import installation_key_file
from gatekeeper.services.setup import (
    GATE_SETTING,
    SITE_SETTING,
    AlreadyInitialised,
    Installation,
    SetupService,
    _clean_name,
    default_actor,
)
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Gate, SigningKey, Site
from gatekeeper.sync import store
from gatekeeper.sync.exporter import SyncExporter
from gatekeeper.sync.identity import PROVISIONED_ROLES, ROLE_SETTING, SITE, load_signer, role_of
from gatekeeper.sync.importer import IMPORT, SyncImporter
from gatekeeper.sync.manifest import PROVISION, REGISTRY
from gatekeeper.sync.models import SyncImport
from gatekeeper.sync.reader import Rejected, SyncFile, open_sync_file
from gatekeeper.sync.records import REGISTRY_KINDS

DOCUMENT = "provision"


def fingerprint(raw_public_key: bytes) -> str:
    """A public key as people compare it: 24 hex digits of its SHA-256, in groups of four."""
    digest = hashlib.sha256(raw_public_key).hexdigest()[:24]
    return "-".join(digest[i : i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class ProvisionedGate:
    gate_id: uuid.UUID
    name: str
    role: str
    timezone: str
    key_id: str
    path: Path
    #: The site's key: the new installation shows the same, for the operator to compare.
    site_fingerprint: str


@dataclass(frozen=True)
class ProvisionedInstallation:
    installation: Installation
    role: str
    site_fingerprint: str
    people: int


class ProvisionService:
    def __init__(self, db: Database, paths: Paths, clock: Clock = utc_now) -> None:
        self.db = db
        self.paths = paths
        self.clock = clock

    # --- on the site ------------------------------------------------------------------------

    def provision(
        self,
        name: str,
        out: Path,
        *,
        role: str = "gate",
        timezone: str | None = None,
        actor: str | None = None,
    ) -> ProvisionedGate:
        """Add a gate (role ``gate``) or web service (role ``web``) called NAME to this site
        and write its provisioning file to OUT (never over an existing file). Start the new
        installation with ``gatekeeper init --provision OUT`` and compare the site key
        fingerprint it shows with the one shown here. The file holds the new gate's private
        key: it is readable by its owner only; delete it once the gate is set up. Only the
        site's installation (the one holding the site's key) provisions gates."""
        if role not in PROVISIONED_ROLES:
            raise UserError("The role of a provisioned installation is gate or web.")
        name = _clean_name(name, "gate" if role == "gate" else "web service")
        installation = SetupService(self.db, self.paths, self.clock).require_installation()
        with self.db.session() as session:
            if role_of(session) != SITE:
                raise UserError(
                    "Only the site's installation (made with gatekeeper init --site) "
                    "provisions gates; this one is itself a provisioned gate."
                )
            site = session.get(Site, installation.site_id)
            assert site is not None
        zone = timezone or site.timezone
        if not is_valid_timezone(zone):
            raise UserError(f"Unknown time zone '{zone}'. Use an IANA name such as Asia/Shanghai.")
        if out.exists():
            raise UserError(f"{out} exists already; choose another file name.")
        if not out.parent.is_dir():
            raise UserError(f"The folder {out.parent} does not exist.")
        signer = load_signer(self.paths, SITE)
        private = keys.generate()
        public_raw = keys.raw_public(private.public_key())
        now = self.clock()
        written: Path | None = None
        try:
            with self.db.session() as session:
                clash = session.scalars(
                    select(Gate.id).where(Gate.site_id == site.id, Gate.name == name)
                ).first()
                if clash is not None:
                    raise UserError(f"The site has a gate called '{name}' already.")
                gate = Gate(site_id=site.id, name=name, timezone=zone, created_at=now)
                session.add(gate)
                session.flush()
                key = SigningKey(
                    site_id=site.id, key_id=key_id_of(private.public_key()),
                    public_key=public_raw, purpose=role, created_at=now,
                )
                session.add(key)
                session.flush()
                store.map_key(session, key.id, gate.id)
                audit.record(
                    session, at=now, actor=actor or default_actor(), action="gate.provision",
                    entity="gate", entity_id=str(gate.id),
                    details={"name": name, "role": role, "key_id": key.key_id.hex(),
                             "timezone": zone},
                )
                exporter = SyncExporter(self.db, installation, SITE, signer, self.clock)
                everything = exporter.registry_changes(session, full=True)
                serial, prev = exporter.registry_serial(session)
                document = {
                    "gate": {"id": str(gate.id), "name": name, "timezone": zone, "role": role},
                    "private_key": private.private_bytes(
                        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
                    ).decode("ascii"),
                    "site_public_key": keys.raw_public(signer.key.public_key()).hex(),
                    "issued_at": now.isoformat(),
                }
                committed, _ = exporter.write_registry(
                    session, out, PROVISION, serial, prev, everything.gates, everything.keys,
                    everything.people, document=document, mode=0o600,
                )
                written = committed.path
                gate_id = gate.id
                key_hex = key.key_id.hex()
        except BaseException:
            if written is not None:
                written.unlink(missing_ok=True)
            raise
        return ProvisionedGate(
            gate_id, name, role, zone, key_hex, written,
            fingerprint(keys.raw_public(signer.key.public_key())),
        )

    # --- on the new installation ------------------------------------------------------------

    def install(self, file: Path, *, actor: str | None = None) -> ProvisionedInstallation:
        """Make this data folder a gate (or web service) of the site that wrote the
        provisioning FILE (gatekeeper gate provision). Shows the site key's fingerprint:
        compare it with the one the site showed. The folder must not be initialised yet."""
        self.paths.data_dir.mkdir(parents=True, exist_ok=True)
        setup = SetupService(self.db, self.paths, self.clock)
        existing = setup.installation()
        if existing is not None:
            raise AlreadyInitialised(existing, str(self.paths.data_dir))
        try:
            with open_sync_file(file) as sync_file:
                site_raw, document = self._verify(sync_file)
                data = sync_file.records(REGISTRY_KINDS)
                manifest = sync_file.manifest
                file_hash = sync_file.file_hash
        except Rejected as exc:
            raise UserError(f"{file} cannot be used: {exc.reason}.") from exc
        gate_doc = document["gate"]
        private = _private_key(document["private_key"])
        gate_id = uuid.UUID(gate_doc["id"])
        role = gate_doc["role"]
        own = [k for k in data["keys"] if k["public_key"] == keys.raw_public(private.public_key())]
        if len(own) != 1 or own[0]["purpose"] != role or own[0]["gate_id"] != gate_id:
            raise UserError(f"{file} cannot be used: its key for the gate is not in its registry.")
        if not any(g["id"] == gate_id for g in data["gates"]):
            raise UserError(f"{file} cannot be used: the gate is not in its registry.")

        # The key first: if anything below fails, running this again finds it and goes on.
        key_file = installation_key_file(self.paths)
        if key_file.exists():
            if keys.raw_public(keys.load_private_key(key_file).public_key()) != keys.raw_public(
                private.public_key()
            ):
                raise UserError(f"{key_file} holds another key; this folder is not a new one.")
        else:
            keys.write_private_key(private, key_file)
        keys.write_public_key(keys.public_from_raw(site_raw), self.paths.public_key_file)

        self.db.migrate()
        now = self.clock()
        installation = Installation(
            manifest.site_id, manifest.site_name, gate_id, str(gate_doc["name"]),
            str(gate_doc["timezone"]), "in",
        )
        warnings: list[str] = []
        with self.db.session() as session:
            session.add(Site(id=manifest.site_id, name=manifest.site_name,
                             timezone=manifest.site_timezone, created_at=manifest.created_at))
            session.flush()
            importer = SyncImporter(self.db, installation, role, self.clock, actor)
            try:
                added = importer.apply_registry_records(session, data, warnings)
            except Rejected as exc:
                raise UserError(f"{file} cannot be used: {exc.reason}.") from exc
            repo.put_setting(session, SITE_SETTING, str(manifest.site_id))
            repo.put_setting(session, GATE_SETTING, str(gate_id))
            repo.put_setting(session, ROLE_SETTING, role)
            state = store.state(session, REGISTRY, manifest.site_id, IMPORT, now)
            state.last_seq = manifest.last_seq
            state.last_file_hash = manifest.prev_file
            store.add_import(
                session,
                SyncImport(
                    file_hash=file_hash, batch_id=manifest.batch_id, stream=PROVISION,
                    origin_id=manifest.site_id, first_seq=manifest.first_seq,
                    last_seq=manifest.last_seq, prev_file_hash=manifest.prev_file,
                    file_name=file.name[:255], created_at=manifest.created_at,
                    imported_at=now, counts=manifest.counts,
                ),
            )
            gate = session.get(Gate, gate_id)
            assert gate is not None
            installation = Installation(
                manifest.site_id, manifest.site_name, gate.id, gate.name, gate.timezone,
                gate.default_direction,
            )
            audit.record(
                session, at=now, actor=actor or default_actor(), action="init.provision",
                entity="gate", entity_id=str(gate_id),
                details={"site": manifest.site_name, "gate": gate.name, "role": role,
                         "file": file.name, "added": added},
            )
        return ProvisionedInstallation(
            installation, role, fingerprint(site_raw), added.get("people", 0)
        )

    def _verify(self, sync_file: SyncFile) -> tuple[bytes, dict[str, Any]]:
        """The site's public key and the provisioning document, once the file is shown to be
        whole and signed by that key."""
        m = sync_file.manifest
        if m.stream != PROVISION:
            raise Rejected(
                f"it is a {m.stream} sync file, not a provisioning file (gatekeeper gate "
                "provision writes those)"
            )
        if m.key_purpose != "badge" or m.origin_id != m.site_id:
            raise Rejected("it is not signed by a site's key")
        document = sync_file.document(DOCUMENT)
        try:
            site_raw = bytes.fromhex(document["site_public_key"])
            site_key = keys.public_from_raw(site_raw)
        except (KeyError, TypeError, ValueError) as exc:
            raise Rejected("it does not hold the site's public key") from exc
        if key_id_of(site_key) != m.key_id:
            raise Rejected("the site key it holds is not the key that signed it")
        sync_file.check_signature(site_key, f"site '{m.site_name}'")
        sync_file.check_parts()
        try:
            gate = document["gate"]
            uuid.UUID(gate["id"])
            _clean_name(str(gate["name"]), "gate")
            if gate["role"] not in PROVISIONED_ROLES or not is_valid_timezone(gate["timezone"]):
                raise ValueError("bad role or time zone")
            datetime.fromisoformat(document["issued_at"])
            str(document["private_key"])
        except (KeyError, TypeError, ValueError, UserError) as exc:
            raise Rejected(f"its provisioning document is incomplete ({exc})") from exc
        return site_raw, document


def _private_key(pem: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, UnicodeEncodeError) as exc:
        raise UserError(f"The gate's key in the provisioning file is damaged: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UserError("The gate's key in the provisioning file is not an Ed25519 key.")
    return key
