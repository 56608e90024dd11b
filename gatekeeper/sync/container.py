"""The byte layout of a sync file (docs/decisions/0003-sync-files.md).

::

    GKSYNC1\\n
    #NAME SIZE\\n DATA \\n        one section per part, in the manifest's order
    ...
    #manifest.json SIZE\\n JSON \\n
    #manifest.sig 0000000000000064\\n SIGNATURE \\n

``NAME`` is 1-64 characters of ``[a-z0-9._-]``; ``SIZE`` is exactly 16 decimal digits. The
manifest names every part with its size and SHA-256, and the signature (Ed25519) covers the
manifest's bytes, so every byte of the file is either fixed, signed, or hashed by something
signed: a change anywhere, a truncation or an appended byte is detected before anything is
read into the database. Sections are written in one pass (the size of a section is patched in
once its data is complete), so a part streams straight from the database to the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MAGIC = b"GKSYNC1\n"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNATURE_SIZE = 64
MAX_MANIFEST = 1 << 20
MAX_SECTIONS = 64
_NAME = re.compile(rb"[a-z0-9][a-z0-9._-]{0,63}")
_HEADER = re.compile(rb"#([a-z0-9][a-z0-9._-]{0,63}) ([0-9]{16})\n")
_HEADER_MAX = 1 + 64 + 1 + 16 + 1
_CHUNK = 1 << 20


class FormatError(Exception):
    """The file is not a well-formed sync file (damaged, truncated, or something else)."""


@dataclass(frozen=True)
class Section:
    name: str
    offset: int  # where the data starts
    size: int


@dataclass(frozen=True)
class WrittenPart:
    name: str
    size: int
    raw_size: int
    sha256: str


def _header(name: str, size: int) -> bytes:
    encoded = name.encode("ascii")
    if not _NAME.fullmatch(encoded):
        raise ValueError(f"bad section name {name!r}")
    return b"#" + encoded + b" " + b"%016d" % size + b"\n"


class PartSink:
    """The open data of one section: counts, hashes and (optionally) gzips what is written.
    Compressing, hashing and writing run in a worker thread (zlib and hashlib release the
    GIL), beside the caller that reads and encodes the next records."""

    def __init__(self, handle: BinaryIO, compress: bool) -> None:
        self._handle = handle
        self._hash = hashlib.sha256()
        self._zip = zlib.compressobj(1, zlib.DEFLATED, 31) if compress else None
        self.size = 0
        self.raw_size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._run, name="sync-part", daemon=True)
        self._worker.start()

    def _out(self, data: bytes) -> None:
        if data:
            self._handle.write(data)
            self._hash.update(data)
            self.size += len(data)

    def _run(self) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                break
            if self._error is not None:
                continue  # keep taking what comes, so that the writer never blocks
            try:
                self._out(self._zip.compress(data) if self._zip is not None else data)
            except BaseException as exc:  # handed to the caller by close()
                self._error = exc
        if self._error is None:
            try:
                if self._zip is not None:
                    self._out(self._zip.flush())
            except BaseException as exc:
                self._error = exc

    def write(self, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self.raw_size += len(data)
        self._queue.put(data)

    def close(self) -> str:
        self._queue.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        return self._hash.hexdigest()


class ContainerWriter:
    """Writes a sync file to a temporary name next to ``path``; :meth:`commit` moves it into
    place (never over an existing file) once it is complete and on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._handle: BinaryIO = os.fdopen(fd, "wb")
        self._handle.write(MAGIC)
        self.parts: list[WrittenPart] = []

    @contextlib.contextmanager
    def part(self, name: str, *, compress: bool = True) -> Iterator[PartSink]:
        start = self._handle.tell()
        self._handle.write(_header(name, 0))
        sink = PartSink(self._handle, compress)
        try:
            yield sink
        finally:
            digest = sink.close()
        end = self._handle.tell()
        self._handle.seek(start)
        self._handle.write(_header(name, sink.size))
        self._handle.seek(end)
        self._handle.write(b"\n")
        self.parts.append(WrittenPart(name, sink.size, sink.raw_size, digest))

    def _section(self, name: str, data: bytes) -> None:
        self._handle.write(_header(name, len(data)))
        self._handle.write(data)
        self._handle.write(b"\n")

    def commit(self, manifest: bytes, signature: bytes, *, mode: int = 0o600) -> Path:
        """Write the manifest and its signature, flush to disk, and give the file its name.
        Returns the final path: ``path``, or ``path`` with ``-2``, ``-3``... when a file of
        that name exists already."""
        if len(signature) != SIGNATURE_SIZE:
            raise ValueError("an Ed25519 signature is 64 bytes")
        self._section(MANIFEST, manifest)
        self._section(SIGNATURE, signature)
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.chmod(self._tmp, mode)
        target = self.path
        for attempt in range(2, 1000):
            if _place(self._tmp, target):
                break
            target = self.path.with_name(f"{self.path.stem}-{attempt}{self.path.suffix}")
        else:  # pragma: no cover - a thousand files of one name
            raise FileExistsError(self.path)
        _fsync_dir(target.parent)
        return target

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


def _place(tmp: Path, target: Path) -> bool:
    """Give ``tmp`` the name ``target`` unless a file has it; False when one has."""
    try:
        os.link(tmp, target)  # fails when the name is taken: never overwrites
    except FileExistsError:
        return False
    except OSError:
        # No hard links here (a FAT-formatted USB stick): check, then rename.
        if target.exists():
            return False
        os.replace(tmp, target)
        return True
    os.unlink(tmp)
    return True


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- reading --------------------------------------------------------------------------------


class ContainerReader:
    """The sections of a sync file, found by their headers without reading their data."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise FormatError(f"cannot be read ({exc.strerror or exc})") from exc
        try:
            self.sections = self._scan()
        except BaseException:
            self._handle.close()
            raise

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ContainerReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _scan(self) -> list[Section]:
        handle = self._handle
        total = os.fstat(handle.fileno()).st_size
        if handle.read(len(MAGIC)) != MAGIC:
            raise FormatError("it is not a gatekeeper sync file (wrong signature bytes)")
        sections: list[Section] = []
        position = len(MAGIC)
        while position < total:
            if len(sections) >= MAX_SECTIONS:
                raise FormatError("it has too many sections")
            handle.seek(position)
            head = handle.read(_HEADER_MAX)
            end = head.find(b"\n")
            match = _HEADER.fullmatch(head[: end + 1]) if end >= 0 else None
            if match is None:
                raise FormatError(f"it is damaged at byte {position} (no section header)")
            size = int(match.group(2))
            offset = position + end + 1
            if offset + size + 1 > total:
                raise FormatError("it is truncated (a section runs past the end of the file)")
            handle.seek(offset + size)
            if handle.read(1) != b"\n":
                raise FormatError(f"it is damaged at byte {offset + size} (section end)")
            sections.append(Section(match.group(1).decode("ascii"), offset, size))
            position = offset + size + 1
        if len(sections) < 2 or (sections[-2].name, sections[-1].name) != (MANIFEST, SIGNATURE):
            raise FormatError("it is truncated or damaged (the signed manifest is not at its end)")
        if sections[-1].size != SIGNATURE_SIZE:
            raise FormatError("its signature has the wrong length")
        if sections[-2].size > MAX_MANIFEST:
            raise FormatError("its manifest is too large")
        return sections

    @property
    def parts(self) -> list[Section]:
        return self.sections[:-2]

    def read(self, section: Section) -> bytes:
        self._handle.seek(section.offset)
        data = self._handle.read(section.size)
        if len(data) != section.size:
            raise FormatError("it is truncated")
        return data

    def manifest_bytes(self) -> bytes:
        return self.read(self.sections[-2])

    def signature(self) -> bytes:
        return self.read(self.sections[-1])

    def chunks(self, section: Section) -> Iterator[bytes]:
        self._handle.seek(section.offset)
        left = section.size
        while left:
            data = self._handle.read(min(left, _CHUNK))
            if not data:
                raise FormatError("it is truncated")
            left -= len(data)
            yield data

    def sha256(self, section: Section) -> str:
        digest = hashlib.sha256()
        for data in self.chunks(section):
            digest.update(data)
        return digest.hexdigest()


def decompressed(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """Un-gzip a part, refusing more than ``limit`` bytes of output (the size the manifest
    declares) and anything after the end of the gzip stream."""
    inflater = zlib.decompressobj(31)
    produced = 0
    try:
        for chunk in chunks:
            data = inflater.decompress(chunk, limit - produced + 1)
            while True:
                produced += len(data)
                if produced > limit:
                    raise FormatError("a part is larger than its manifest says")
                if data:
                    yield data
                if not inflater.unconsumed_tail:
                    break
                data = inflater.decompress(inflater.unconsumed_tail, limit - produced + 1)
            if inflater.eof and (inflater.unused_data or inflater.unconsumed_tail):
                raise FormatError("a part has data after its end")
        data = inflater.flush()
        produced += len(data)
        if produced > limit:
            raise FormatError("a part is larger than its manifest says")
        if data:
            yield data
    except zlib.error as exc:
        raise FormatError(f"a part cannot be decompressed ({exc})") from exc
    if not inflater.eof:
        raise FormatError("a part is cut short")
