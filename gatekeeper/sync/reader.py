"""Reading a sync file: its layout, its manifest, its signature and its parts, each checked
before anything of it is used. Every problem is a :class:`Rejected` with a reason a person can
act on."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from gatekeeper.sync.container import ContainerReader, FormatError, Section, decompressed
from gatekeeper.sync.manifest import Manifest, ManifestError, PartInfo, file_hash, signature_valid
from gatekeeper.sync.records import KINDS, Kind, RecordError


class Rejected(Exception):
    """A sync file that must not be imported, and why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass
class SyncFile:
    """An open sync file whose layout and manifest have been read (not yet trusted)."""

    path: Path
    reader: ContainerReader
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes

    @property
    def file_hash(self) -> str:
        return file_hash(self.manifest_bytes)

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> SyncFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def check_signature(self, key: Ed25519PublicKey, signer: str) -> None:
        if not signature_valid(self.manifest_bytes, self.signature, key):
            raise Rejected(
                f"its signature does not match the key of {signer}: the file was altered or "
                "damaged after it was made, or it was not made by that installation"
            )

    def check_parts(self) -> None:
        """The sections are exactly the parts the manifest names, with their sizes and
        SHA-256. Call after :meth:`check_signature`."""
        sections = self.reader.parts
        listed = [(p.name, p.size) for p in self.manifest.parts]
        if [(s.name, s.size) for s in sections] != listed:
            raise Rejected("its parts are not the ones its manifest lists: the file is damaged")
        for section, part in zip(sections, self.manifest.parts, strict=True):
            if self.reader.sha256(section) != part.sha256:
                raise Rejected(
                    f"its part {part.name} does not match its checksum: the file was altered "
                    "or damaged"
                )

    def _section(self, part: PartInfo) -> Section:
        for section in self.reader.parts:
            if section.name == part.name:
                return section
        raise Rejected(f"its part {part.name} is missing")

    def part_bytes(self, part: PartInfo) -> bytes:
        """The (decompressed) content of a part, its checksum checked again as it is read."""
        digest = hashlib.sha256()

        def chunks() -> Iterator[bytes]:
            for chunk in self.reader.chunks(self._section(part)):
                digest.update(chunk)
                yield chunk

        try:
            if part.encoding == "gzip":
                data = b"".join(decompressed(chunks(), part.raw_size))
            else:
                data = b"".join(chunks())
        except FormatError as exc:
            raise Rejected(f"its part {part.name} is damaged: {exc}") from exc
        if digest.hexdigest() != part.sha256:
            raise Rejected(f"its part {part.name} changed while it was read")
        if len(data) != part.raw_size:
            raise Rejected(f"its part {part.name} has the wrong length")
        return data

    def records(self, kinds: Sequence[Kind]) -> dict[str, list[dict[str, Any]]]:
        """Every record of the file by kind. The parts must be exactly ``kinds``."""
        expected = {k.name for k in kinds}
        found = {p.kind for p in self.manifest.parts if p.columns}
        if found != expected:
            raise Rejected(
                "its parts are not the ones this release expects for a "
                f"{self.manifest.stream} file ({', '.join(sorted(found ^ expected))})"
            )
        result: dict[str, list[dict[str, Any]]] = {}
        ids: dict[str, uuid.UUID] = {}  # one UUID object per id text, across the parts
        for part in self.manifest.parts:
            if not part.columns:
                continue
            result[part.kind] = self._decode(part, KINDS[part.kind], ids)
        return result

    def document(self, kind: str) -> Any:
        for part in self.manifest.parts:
            if part.kind == kind and not part.columns:
                try:
                    return json.loads(self.part_bytes(part).decode("utf-8"))
                except (UnicodeDecodeError, ValueError) as exc:
                    raise Rejected(f"its part {part.name} is not readable JSON") from exc
        raise Rejected(f"it has no {kind} part")

    def _decode(
        self, part: PartInfo, kind: Kind, ids: dict[str, uuid.UUID] | None = None
    ) -> list[dict[str, Any]]:
        data = self.part_bytes(part)
        try:
            decode = kind.decoder(part.columns)
        except RecordError as exc:
            raise Rejected(str(exc)) from exc
        if data and not data.endswith(b"\n"):
            raise Rejected(f"its part {part.name} does not end with a whole line")
        if data.count(b"\n") != part.records:
            raise Rejected(f"its part {part.name} does not hold as many records as it says")
        fast = _decode_fast(data, part.records, kind, part.columns, ids)
        if fast is not None:
            return fast
        # Something is wrong (or unusual): line by line, to say which record and why.
        records: list[dict[str, Any]] = []
        for number, line in enumerate(data.split(b"\n")[:-1], start=1):
            try:
                records.append(decode(json.loads(line)))
            except (ValueError, RecursionError, RecordError) as exc:
                raise Rejected(f"record {number} of its part {part.name} is malformed: {exc}"
                               ) from exc
        return records


def _decode_fast(
    data: bytes, count: int, kind: Kind, columns: Sequence[str],
    ids: dict[str, uuid.UUID] | None = None,
) -> list[dict[str, Any]] | None:
    """The records of a part whose lines are all plain JSON (UTF-8, one value filling each
    line) and valid: the records that reading each line with json.loads and the kind's
    decoder would give, a column at a time (``ids``: see Kind.decode_all). None when any
    line is not, so that the caller reads line by line and says which record is wrong."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # The decoder's scanner: one JSON value at an index, and where it ends.
    scan: Callable[[str, int], tuple[Any, int]]
    scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
    rows: list[Any] = []
    append = rows.append
    try:
        for line in text.split("\n", count)[:count]:
            value, end = scan(line, 0)
            if end != len(line):
                return None
            append(value)
        return kind.decode_all(columns, rows, ids)
    except (StopIteration, ValueError, RecursionError, RecordError):
        return None


def open_sync_file(path: Path) -> SyncFile:
    """The file's layout and manifest, or Rejected. Nothing is trusted yet: the caller checks
    the signature with the key it expects, then the parts."""
    try:
        reader = ContainerReader(path)
    except FormatError as exc:
        raise Rejected(str(exc)) from exc
    try:
        manifest_bytes = reader.manifest_bytes()
        signature = reader.signature()
        manifest = Manifest.from_bytes(manifest_bytes)
    except (FormatError, ManifestError) as exc:
        reader.close()
        raise Rejected(str(exc)) from exc
    except BaseException:
        reader.close()
        raise
    return SyncFile(path, reader, manifest, manifest_bytes, signature)
