"""Writing one sync file: parts streamed as gzipped JSON Lines, then the signed manifest."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from gatekeeper.sync.container import ContainerWriter
from gatekeeper.sync.identity import Signer
from gatekeeper.sync.manifest import Manifest, PartInfo, file_hash, sign
from gatekeeper.sync.records import Kind

_LINES_PER_WRITE = 1000
_encode_json = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False
).encode


def json_line(values: Any) -> str:
    return _encode_json(values)


class BundleWriter:
    """``with BundleWriter(path) as bundle: bundle.write_kind(...); bundle.commit(...)``. A
    bundle left without commit (an error on the way) leaves no file behind."""

    def __init__(self, path: Path) -> None:
        self._writer = ContainerWriter(path)
        self._parts: list[PartInfo] = []
        self._done = False

    def __enter__(self) -> BundleWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._done:
            self._writer.abort()

    def write_kind(self, kind: Kind, rows: Iterable[Sequence[Any]]) -> int:
        """One part: every row (values in the kind's column order) as a JSON array a line."""
        count = 0
        encode = kind.encode
        with self._writer.part(kind.part_name) as sink:
            lines: list[str] = []
            for row in rows:
                lines.append(_encode_json(encode(row)))
                if len(lines) >= _LINES_PER_WRITE:
                    count += len(lines)
                    sink.write(("\n".join(lines) + "\n").encode("utf-8"))
                    lines.clear()
            if lines:
                count += len(lines)
                sink.write(("\n".join(lines) + "\n").encode("utf-8"))
        self._add(kind.name, tuple(kind.names), count, "gzip")
        return count

    def write_document(self, name: str, kind: str, document: dict[str, Any]) -> None:
        """A part that is one JSON document, uncompressed."""
        with self._writer.part(name, compress=False) as sink:
            sink.write(
                json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
            )
        self._add(kind, (), 1, "identity")

    def _add(self, kind: str, columns: tuple[str, ...], count: int, encoding: str) -> None:
        written = self._writer.parts[-1]
        self._parts.append(
            PartInfo(
                name=written.name, kind=kind, columns=columns, records=count,
                size=written.size, raw_size=written.raw_size, sha256=written.sha256,
                encoding=encoding,
            )
        )

    def commit(self, header: Manifest, signer: Signer, *, mode: int = 0o644) -> Committed:
        manifest = dataclasses.replace(header, parts=tuple(self._parts))
        data = manifest.to_bytes()
        path = self._writer.commit(data, sign(data, signer.key), mode=mode)
        self._done = True
        return Committed(path, manifest, file_hash(data))


@dataclasses.dataclass(frozen=True)
class Committed:
    path: Path
    manifest: Manifest
    file_hash: str
