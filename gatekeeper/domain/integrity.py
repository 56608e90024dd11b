"""Tamper evidence for screening events.

Each event carries three SHA-256 hashes:

- ``readings_hash`` over its temperature readings;
- ``content_hash`` over its own fields and ``readings_hash``;
- ``chain_hash`` = H(previous event's chain_hash at the same gate, content_hash).

An event edited, inserted or deleted behind the application's back breaks the chain from that
point on. When retention purges raw readings, ``readings_hash`` stays, so the rest of the
event and the chain still verify.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

GENESIS = "0" * 64


def _digest(material: Any) -> str:
    text = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def readings_hash(readings: Sequence[Mapping[str, Any]]) -> str:
    return _digest(["readings", list(readings)])


def content_hash(fields: Mapping[str, Any], readings_digest: str) -> str:
    return _digest(["event", dict(fields), readings_digest])


def chain_hash(previous: str, content: str) -> str:
    # Hex digits, the same bytes in UTF-8; a hash a file says is not hex is only a mismatch
    return hashlib.sha256(f"{previous}:{content}".encode()).hexdigest()
