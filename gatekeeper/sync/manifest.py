"""The manifest of a sync file: what it is, who made it, what it holds, and the SHA-256 of
each part. Its bytes are signed with Ed25519; its own SHA-256 names the file in the chain."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "gatekeeper-sync"
VERSION = 1
#: Signatures over manifests are made over this prefix and the manifest's bytes, so that a
#: signature can never be taken for one over a badge token or anything else the key signs.
SIGNING_CONTEXT = b"gatekeeper-sync-manifest\x00"

RECORDS = "records"
REGISTRY = "registry"
PROVISION = "provision"
STREAMS = (RECORDS, REGISTRY, PROVISION)
ROLES = ("site", "gate", "web")
PURPOSES = ("badge", "gate", "web")
ENCODINGS = ("gzip", "identity")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX8 = re.compile(r"[0-9a-f]{8}")
_PART_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


class ManifestError(Exception):
    """A manifest that cannot be read or makes no sense."""


@dataclass(frozen=True)
class PartInfo:
    name: str
    kind: str
    columns: tuple[str, ...]
    records: int
    size: int
    raw_size: int
    sha256: str
    encoding: str = "gzip"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "columns": list(self.columns),
            "records": self.records,
            "size": self.size,
            "raw_size": self.raw_size,
            "sha256": self.sha256,
            "encoding": self.encoding,
        }


@dataclass(frozen=True)
class Manifest:
    stream: str
    batch_id: uuid.UUID
    created_at: datetime
    site_id: uuid.UUID
    site_name: str
    site_timezone: str
    origin_id: uuid.UUID
    origin_name: str
    origin_role: str
    key_id: bytes
    key_purpose: str
    #: records: the range of the gate's sequence numbers this file covers (every record of
    #: the gate numbered in it is in the file). registry/provision: first_seq == last_seq ==
    #: the serial number of the registry file.
    first_seq: int
    last_seq: int
    prev_file: str | None
    parts: tuple[PartInfo, ...] = field(default=())

    @property
    def counts(self) -> dict[str, int]:
        return {p.kind: p.records for p in self.parts}

    @property
    def total_records(self) -> int:
        return sum(p.records for p in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "stream": self.stream,
            "batch_id": str(self.batch_id),
            "created_at": self.created_at.astimezone(UTC).isoformat(),
            "site": {"id": str(self.site_id), "name": self.site_name,
                     "timezone": self.site_timezone},
            "origin": {"id": str(self.origin_id), "name": self.origin_name,
                       "role": self.origin_role},
            "signer": {"key_id": self.key_id.hex(), "purpose": self.key_purpose},
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "prev_file": self.prev_file,
            "counts": self.counts,
            "parts": [p.to_json() for p in self.parts],
        }

    def to_bytes(self) -> bytes:
        return json.dumps(
            self.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise ManifestError("its manifest is not readable JSON") from exc
        try:
            return cls._from_json(doc)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            # OverflowError: a date at the end of the calendar moved to UTC
            raise ManifestError(f"its manifest is malformed ({type(exc).__name__}: {exc})") from exc

    @classmethod
    def _from_json(cls, doc: Any) -> Manifest:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ManifestError("it is not a gatekeeper sync manifest")
        if doc.get("version") != VERSION:
            raise ManifestError(
                f"it has format version {doc.get('version')!r}; this release reads version "
                f"{VERSION}: update gatekeeper"
            )
        stream = _choice(doc["stream"], STREAMS)
        site, origin, signer = doc["site"], doc["origin"], doc["signer"]
        created = datetime.fromisoformat(_text(doc["created_at"]))
        if created.tzinfo is None:
            raise ValueError("created_at has no UTC offset")
        key_id = _text(signer["key_id"])
        if not _HEX8.fullmatch(key_id):
            raise ValueError("bad key id")
        prev = doc["prev_file"]
        if prev is not None and not _HEX64.fullmatch(_text(prev)):
            raise ValueError("bad prev_file")
        parts = tuple(_part(p) for p in _list(doc["parts"]))
        if len({p.name for p in parts}) != len(parts) or len({p.kind for p in parts}) != len(
            parts
        ):
            raise ValueError("a part is listed twice")
        manifest = cls(
            stream=stream,
            batch_id=uuid.UUID(_text(doc["batch_id"])),
            created_at=created.astimezone(UTC),
            site_id=uuid.UUID(_text(site["id"])),
            site_name=_text(site["name"]),
            site_timezone=_text(site["timezone"]),
            origin_id=uuid.UUID(_text(origin["id"])),
            origin_name=_text(origin["name"]),
            origin_role=_choice(origin["role"], ROLES),
            key_id=bytes.fromhex(key_id),
            key_purpose=_choice(signer["purpose"], PURPOSES),
            first_seq=_seq(doc["first_seq"]),
            last_seq=_seq(doc["last_seq"]),
            prev_file=prev,
            parts=parts,
        )
        if manifest.first_seq > manifest.last_seq:
            raise ValueError("first_seq after last_seq")
        if doc.get("counts") != manifest.counts:
            raise ValueError("counts do not match the parts")
        return manifest


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a text")
    if not value.isascii():
        try:  # a lone surrogate (\ud800 in the JSON) is no text: it cannot be stored or shown
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("a text that is not valid Unicode") from None
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value < 2**62:
        raise ValueError("expected a non-negative integer")
    return value


def _seq(value: Any) -> int:
    """A sequence number: a 32-bit INTEGER in the database."""
    if type(value) is not int or not 0 <= value < 2**31:
        raise ValueError("expected a sequence number")
    return value


def _choice(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"expected one of {', '.join(allowed)}")
    return str(value)


def _part(doc: Any) -> PartInfo:
    name = _text(doc["name"])
    if not _PART_NAME.fullmatch(name) or name.startswith("manifest."):
        raise ValueError("bad part name")
    digest = _text(doc["sha256"])
    if not _HEX64.fullmatch(digest):
        raise ValueError("bad part hash")
    columns = tuple(_text(c) for c in _list(doc["columns"]))
    return PartInfo(
        name=name,
        kind=_text(doc["kind"]),
        columns=columns,
        records=_count(doc["records"]),
        size=_count(doc["size"]),
        raw_size=_count(doc["raw_size"]),
        sha256=digest,
        encoding=_choice(doc["encoding"], ENCODINGS),
    )


def file_hash(manifest_bytes: bytes) -> str:
    """The identity of a sync file: the SHA-256 of its manifest, which names the SHA-256 of
    every part."""
    return hashlib.sha256(manifest_bytes).hexdigest()


def sign(manifest_bytes: bytes, key: Ed25519PrivateKey) -> bytes:
    return key.sign(SIGNING_CONTEXT + manifest_bytes)


def signature_valid(manifest_bytes: bytes, signature: bytes, key: Ed25519PublicKey) -> bool:
    try:
        key.verify(signature, SIGNING_CONTEXT + manifest_bytes)
    except InvalidSignature:
        return False
    return True
