"""Writing one sync file: parts streamed as gzipped JSON Lines, then the signed manifest."""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from gatekeeper.sync.container import ContainerWriter
from gatekeeper.sync.identity import Signer
from gatekeeper.sync.manifest import Manifest, PartInfo, file_hash, sign
from gatekeeper.sync.records import Kind

_encode_json = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), check_circular=False
).encode


def json_line(values: Any) -> str:
    return _encode_json(values)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_leftovers(path: Path) -> None:
    """Remove what a writer of ``path`` that was killed half-way left: its temporary file
    (ContainerWriter's ``.NAME.PID.tmp``, never read as a sync file: no ``.gksync`` name, and
    truncated). An export that was killed writes the same file again next time, under the same
    name, so the leftover is removed then. A file a running process is writing is left."""
    prefix = f".{path.name}."
    for leftover in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        pid = leftover.name[len(prefix) : -len(".tmp")]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


class BundleWriter:
    """``with BundleWriter(path) as bundle: bundle.write_kind(...); bundle.commit(...)``. A
    bundle left without commit (an error on the way) leaves no file behind; one killed on the
    way leaves a temporary file, which the next writer of the same path removes."""

    def __init__(self, path: Path) -> None:
        remove_leftovers(path)
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
        return self.write_batches(kind, [list(rows)])

    def write_batches(self, kind: Kind, batches: Iterable[Sequence[Sequence[Any]]]) -> int:
        """:meth:`write_kind` for rows that come in lists (as a streamed query gives them)."""
        count = 0
        encode = kind.encode
        with self._writer.part(kind.part_name) as sink:
            for batch in batches:
                if not batch:
                    continue
                try:
                    # Raw SQLite values are JSON-native already (sync/records.py)...
                    lines = [_encode_json(tuple(row)) for row in batch]
                except TypeError:
                    # ...converted ones (UUID, datetime, bytes) are not.
                    lines = [_encode_json(encode(tuple(row))) for row in batch]
                count += len(lines)
                lines.append("")
                sink.write("\n".join(lines).encode("utf-8"))
        self._add(kind.name, tuple(kind.names), count, "gzip")
        return count

    def write_lines(self, kind: Kind, batches: Iterable[Sequence[str]]) -> int:
        """One part from lines that are JSON arrays already (made by the database)."""
        count = 0
        with self._writer.part(kind.part_name) as sink:
            for batch in batches:
                if batch:
                    count += len(batch)
                    sink.write(("\n".join(batch) + "\n").encode("utf-8"))
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

    def commit(self, header: Manifest, signer: Signer, *, mode: int = 0o600) -> Committed:
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
