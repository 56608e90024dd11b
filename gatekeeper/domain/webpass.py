"""What a visitor pass made on a phone carries for a gate that has never heard of its holder.

The self-service web service (gatekeeper/web) registers visitors in the central database. A
gate may be offline, its registry older than the registration: the pass itself must then tell
the gate who is coming and on which day. It does so in the token's ``extra`` bytes
(domain/tokens.py allows 16), under the web service's signature::

    flags:u8  visit_day:u16  name:utf-8 (at most 13 bytes, cut at a character boundary)

``flags``: the high nibble is the format (1); bit 0 set for a contractor (else a visitor);
bit 1 set when a health declaration with nothing to report was made for the visit.
``visit_day`` counts days from 2000-01-01: the pass is valid on that site-local day only (its
``expires`` is the end of that day). The name is for the guard's screen and the gate's record
of the person; the full name stays in the central database.

A token of 28 + 16 + 64 bytes is 176 characters: QR version 7 at error correction M.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import date, timedelta

from gatekeeper.domain.enums import PersonKind
from gatekeeper.domain.tokens import MAX_EXTRA

FORMAT = 1
_HEAD = struct.Struct(">BH")
MAX_NAME_BYTES = MAX_EXTRA - _HEAD.size
EPOCH = date(2000, 1, 1)
CONTRACTOR = 0x01
DECLARED = 0x02


class WebPassError(ValueError):
    """The extra bytes are not a web pass payload."""


@dataclass(frozen=True)
class WebPass:
    kind: PersonKind
    visit_date: date
    name: str
    declared: bool

    def encode(self) -> bytes:
        if self.kind not in (PersonKind.VISITOR, PersonKind.CONTRACTOR):
            raise ValueError("a web pass is for a visitor or a contractor")
        days = (self.visit_date - EPOCH).days
        if not 0 <= days <= 0xFFFF:
            raise ValueError("visit date out of range")
        flags = FORMAT << 4
        if self.kind is PersonKind.CONTRACTOR:
            flags |= CONTRACTOR
        if self.declared:
            flags |= DECLARED
        return _HEAD.pack(flags, days) + short_name(self.name)

    @classmethod
    def decode(cls, extra: bytes) -> WebPass:
        if len(extra) < _HEAD.size or len(extra) > MAX_EXTRA:
            raise WebPassError("wrong length")
        flags, days = _HEAD.unpack_from(extra)
        if flags >> 4 != FORMAT or flags & 0x0C:
            raise WebPassError("unknown format")
        try:
            name = extra[_HEAD.size:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WebPassError("name is not UTF-8") from exc
        if not name.strip() or any(ord(c) < 32 for c in name):
            raise WebPassError("no name")
        return cls(
            kind=PersonKind.CONTRACTOR if flags & CONTRACTOR else PersonKind.VISITOR,
            visit_date=EPOCH + timedelta(days=days),
            name=name,
            declared=bool(flags & DECLARED),
        )


def short_name(name: str) -> bytes:
    """The name in UTF-8, cut to what the pass holds without splitting a character."""
    out = b""
    for ch in " ".join(name.split()):
        encoded = ch.encode("utf-8")
        if len(out) + len(encoded) > MAX_NAME_BYTES:
            break
        out += encoded
    return out.rstrip(b" ")


def holder_staff_no(person_id_hex: str) -> str:
    """The staff number of a visitor registered on the web: derived from the person's id, so
    that a gate that learns of the person from a pass files them under the same number as the
    central database does."""
    return "W" + person_id_hex[-10:].upper()
