"""The site's Ed25519 signing key on disk.

The private key file is written with mode 0600 (owner only) and never enters the database;
the public key is stored in the database (signing_keys) so that gates verify badges with it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from gatekeeper.errors import UserError


def generate() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_from_raw(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


def write_private_key(key: Ed25519PrivateKey, path: Path) -> None:
    """Write the key readable by its owner only; refuses to overwrite an existing key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A folder that is not ours to change (a shared one) is left: the file mode protects the key.
    with contextlib.suppress(OSError):
        os.chmod(path.parent, 0o700)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    if path.exists():
        raise FileExistsError(errno.EEXIST, "a key is there already", str(path))
    # Written aside and linked into place whole: a crash mid-write never leaves an empty or
    # half key under the real name (which every later start would trip over).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails if a key appeared meanwhile: never overwritten
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileExistsError(errno.EEXIST, "a key is there already", str(path)) from None
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` durable (POSIX; a no-op where folders cannot be
    opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_public_key(key: Ed25519PublicKey, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(public_pem(key))


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(
            f"The site's signing key {path} is missing. Badges can only be issued on the "
            "installation that holds the site's key."
        ) from exc
    except PermissionError as exc:
        raise UserError(f"The signing key {path} cannot be read: permission denied.") from exc
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise UserError(
            f"The signing key {path} is readable by other users. Run: chmod 600 {path}"
        )
    try:
        key = load_pem_private_key(data, password=None)
    except ValueError as exc:
        raise UserError(f"The signing key {path} is damaged: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UserError(f"The signing key {path} is not an Ed25519 key.")
    return key


def load_public_key_file(path: Path) -> Ed25519PublicKey:
    try:
        key = load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise UserError(f"{path} is not a readable public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UserError(f"{path} is not an Ed25519 public key.")
    return key
