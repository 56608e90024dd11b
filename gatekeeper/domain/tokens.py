"""The badge token: the compact signed text inside a badge or visitor-pass QR code.

Layout, all integers big-endian::

    "GK1" + base32(body + signature), no padding, upper case

    body = kind:u8  key_id:4  person_id:16  version:u16  expires:u32  extra_len:u8  extra
    signature = Ed25519 over b"GK1" + body

``key_id`` is the first four bytes of SHA-256 of the signer's raw public key: it names the
site (or the site's web service) whose key signed the token, so that a token of another site
is told apart from a forged one. ``expires`` is Unix seconds in UTC, 0 for none. ``extra``
carries up to 16 bytes for pass kinds that need them (a visitor pass made on a phone).

Base32's alphabet (A-Z, 2-7) lies inside the QR alphanumeric mode, so a badge token of 151
characters fits QR version 6 at error correction M.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "GK1"
_HEADER = struct.Struct(">B4s16sHIB")
SIGNATURE_LEN = 64
MAX_EXTRA = 16  # keeps the longest token within QR version 7 at error correction M
MAX_TOKEN_CHARS = len(PREFIX) + (_HEADER.size + MAX_EXTRA + SIGNATURE_LEN) * 8 // 5 + 8


class TokenKind(IntEnum):
    BADGE = 1
    VISITOR_PASS = 2


class TokenProblem(StrEnum):
    """Why a token was refused. Values are stable: they are logged and shown."""

    GARBLED = "garbled"
    FOREIGN_KEY = "foreign_key"
    BAD_SIGNATURE = "bad_signature"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNKNOWN_PERSON = "unknown_person"
    INACTIVE_PERSON = "inactive_person"


PROBLEM_TEXT: dict[TokenProblem, str] = {
    TokenProblem.GARBLED: "The code is not a gatekeeper badge, or it is truncated or garbled.",
    TokenProblem.FOREIGN_KEY: "The badge was issued by another site, or by a key this gate does "
    "not know.",
    TokenProblem.BAD_SIGNATURE: "The badge signature is not valid: the badge is forged or altered.",
    TokenProblem.REVOKED: "The badge was replaced by a newer one and is revoked.",
    TokenProblem.EXPIRED: "The badge or pass has expired.",
    TokenProblem.UNKNOWN_PERSON: "The badge belongs to nobody in this site's registry.",
    TokenProblem.INACTIVE_PERSON: "The person is no longer active.",
}


class TokenError(Exception):
    """A token that must not open the gate, with the reason."""

    def __init__(self, problem: TokenProblem, detail: str = "") -> None:
        self.problem = problem
        self.detail = detail
        message = PROBLEM_TEXT[problem]
        super().__init__(f"{message} ({detail})" if detail else message)


@dataclass(frozen=True)
class BadgeClaims:
    kind: TokenKind
    key_id: bytes
    person_id: uuid.UUID
    version: int
    expires: datetime | None = None
    extra: bytes = field(default=b"")

    def _body(self) -> bytes:
        if len(self.key_id) != 4:
            raise ValueError("key_id must be 4 bytes")
        if not 0 <= self.version <= 0xFFFF:
            raise ValueError("badge version out of range")
        if len(self.extra) > MAX_EXTRA:
            raise ValueError("extra data too long")
        expires = 0 if self.expires is None else int(self.expires.timestamp())
        if not 0 <= expires <= 0xFFFFFFFF:
            raise ValueError("expiry out of range")
        header = _HEADER.pack(
            int(self.kind), self.key_id, self.person_id.bytes, self.version, expires,
            len(self.extra),
        )
        return header + self.extra


def key_id_of(public_key: Ed25519PublicKey) -> bytes:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:4]


def sign(claims: BadgeClaims, private_key: Ed25519PrivateKey) -> str:
    if claims.key_id != key_id_of(private_key.public_key()):
        raise ValueError("claims.key_id does not belong to the signing key")
    body = claims._body()
    signature = private_key.sign(PREFIX.encode() + body)
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


def parse(token: str) -> tuple[BadgeClaims, bytes, bytes]:
    """Split a token into its claims, the signed bytes and the signature, without checking the
    signature. Raises TokenError(GARBLED) for anything that is not a well-formed token."""
    text = token.strip()
    if len(text) > MAX_TOKEN_CHARS or not text.upper().startswith(PREFIX):
        raise TokenError(TokenProblem.GARBLED, "unexpected start or length")
    payload = text[len(PREFIX):].upper()
    try:
        raw = base64.b32decode(payload + "=" * (-len(payload) % 8))
    except (binascii.Error, ValueError) as exc:
        raise TokenError(TokenProblem.GARBLED, "not base32") from exc
    if len(raw) < _HEADER.size + SIGNATURE_LEN:
        raise TokenError(TokenProblem.GARBLED, "too short")
    kind_raw, key_id, person, version, expires, extra_len = _HEADER.unpack_from(raw)
    if len(raw) != _HEADER.size + extra_len + SIGNATURE_LEN:
        raise TokenError(TokenProblem.GARBLED, "length does not match")
    try:
        kind = TokenKind(kind_raw)
    except ValueError as exc:
        raise TokenError(TokenProblem.GARBLED, "unknown token kind") from exc
    body = raw[: _HEADER.size + extra_len]
    claims = BadgeClaims(
        kind=kind,
        key_id=key_id,
        person_id=uuid.UUID(bytes=person),
        version=version,
        expires=None if expires == 0 else datetime.fromtimestamp(expires, UTC),
        extra=raw[_HEADER.size: _HEADER.size + extra_len],
    )
    return claims, PREFIX.encode() + body, raw[len(body):]


def verify(
    token: str,
    key_for: Callable[[bytes], Ed25519PublicKey | None],
    now: datetime,
) -> BadgeClaims:
    """Check form, signer, signature and expiry. Person checks (unknown, inactive, revoked
    version) need the registry and belong to the badge service."""
    claims, signed, signature = parse(token)
    public_key = key_for(claims.key_id)
    if public_key is None:
        raise TokenError(TokenProblem.FOREIGN_KEY, f"key {claims.key_id.hex()}")
    try:
        public_key.verify(signature, signed)
    except InvalidSignature as exc:
        raise TokenError(TokenProblem.BAD_SIGNATURE) from exc
    if claims.expires is not None and now >= claims.expires:
        raise TokenError(TokenProblem.EXPIRED, f"expired {claims.expires.isoformat()}")
    return claims
