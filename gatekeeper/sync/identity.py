"""Who this installation is in its site: the site itself (it holds the site's key), or a gate
or web service provisioned by the site (it holds its own key, services/provision.py)."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from gatekeeper.config import Paths
from gatekeeper.domain.tokens import key_id_of
from gatekeeper.errors import UserError
from gatekeeper.services import keys
from gatekeeper.services.badges import installation_key_file
from gatekeeper.storage import repositories as repo

ROLE_SETTING = "installation.role"
SITE = "site"
GATE = "gate"
WEB = "web"
PROVISIONED_ROLES = (GATE, WEB)


def role_of(session: Session) -> str:
    """``site`` for an installation made by ``init --site``; ``gate`` or ``web`` for one made
    from a provisioning file."""
    return repo.get_setting(session, ROLE_SETTING) or SITE


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey
    key_id: bytes
    #: The purpose of the key in signing_keys: 'badge' (the site's), 'gate' or 'web'.
    purpose: str


def load_signer(paths: Paths, role: str) -> Signer:
    """The key this installation signs its sync files with."""
    if role == SITE:
        path = paths.signing_key_file
        if not path.exists():
            raise UserError(
                f"The site's signing key {path} is missing: sync files of the site are made "
                "on the installation that holds it."
            )
        purpose = "badge"
    else:
        path = installation_key_file(paths)
        if not path.exists():
            raise UserError(
                f"This {role}'s key {path} is missing. Provision the {role} again from the "
                "site (gatekeeper gate provision) and initialise a new data folder from it."
            )
        purpose = role
    key = keys.load_private_key(path)
    return Signer(key, key_id_of(key.public_key()), purpose)
