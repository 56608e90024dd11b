"""The sync file's byte layout, its manifest and its record encoding."""

from __future__ import annotations

import errno
import os
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from syncnodes import Node, token_of

from gatekeeper.domain.enums import Direction
from gatekeeper.services import keys
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import Badge
from gatekeeper.sync import container, records
from gatekeeper.sync.bundle import BundleWriter
from gatekeeper.sync.identity import Signer
from gatekeeper.sync.manifest import Manifest, ManifestError, file_hash
from gatekeeper.sync.reader import Rejected, open_sync_file


def write_container(path: Path, parts: dict[str, bytes], compress: bool = False) -> Path:
    writer = container.ContainerWriter(path)
    for name, data in parts.items():
        with writer.part(name, compress=compress) as sink:
            sink.write(data)
    return writer.commit(b"{}", b"s" * 64)


def test_layout_is_magic_then_sections(tmp_path: Path) -> None:
    path = write_container(tmp_path / "a.gksync", {"one.txt": b"hello", "two": b""})
    data = path.read_bytes()
    assert data.startswith(b"GKSYNC1\n#one.txt 0000000000000005\nhello\n#two 0000000000000000\n\n")
    assert data.endswith(b"#manifest.json 0000000000000002\n{}\n#manifest.sig 0000000000000064\n"
                         + b"s" * 64 + b"\n")
    with container.ContainerReader(path) as reader:
        assert [(s.name, s.size) for s in reader.sections] == [
            ("one.txt", 5), ("two", 0), ("manifest.json", 2), ("manifest.sig", 64)
        ]
        assert reader.read(reader.parts[0]) == b"hello"
    assert not list(tmp_path.glob(".*.tmp"))
    assert (path.stat().st_mode & 0o777) == 0o600  # it holds personal data


def test_a_name_in_use_is_never_overwritten(tmp_path: Path) -> None:
    first = write_container(tmp_path / "a.gksync", {"x": b"1"})
    second = write_container(tmp_path / "a.gksync", {"x": b"2"})
    assert (first.name, second.name) == ("a.gksync", "a-2.gksync")
    assert b"\n1\n" in first.read_bytes()


def test_without_hard_links_the_file_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT-formatted USB sticks have no hard links."""

    def no_links(*_: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first = write_container(tmp_path / "a.gksync", {"x": b"1"})
    second = write_container(tmp_path / "a.gksync", {"x": b"2"})
    assert (first.name, second.name) == ("a.gksync", "a-2.gksync")
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_error_while_writing_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), BundleWriter(tmp_path / "x.gksync") as bundle:
        bundle.write_kind(records.USERS, [])
        raise RuntimeError("disk gone")
    assert list(tmp_path.iterdir()) == []


def test_bad_section_names_are_refused(tmp_path: Path) -> None:
    writer = container.ContainerWriter(tmp_path / "n.gksync")
    with pytest.raises(ValueError, match="section name"), writer.part("Bad Name"):
        pass
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_decompression_stops_at_the_declared_size() -> None:
    import zlib

    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    bomb = packer.compress(b"\0" * 1_000_000) + packer.flush()
    with pytest.raises(container.FormatError, match="larger than its manifest"):
        b"".join(container.decompressed(iter([bomb]), 1000))
    assert len(b"".join(container.decompressed(iter([bomb]), 1_000_000))) == 1_000_000
    with pytest.raises(container.FormatError, match="cut short"):
        b"".join(container.decompressed(iter([bomb[:-12]]), 1_000_000))
    with pytest.raises(container.FormatError, match="after its end"):
        b"".join(container.decompressed(iter([bomb + b"x"]), 1_000_000))


def test_manifest_round_trip_and_validation() -> None:
    m = Manifest(
        stream="records", batch_id=uuid.uuid4(), created_at=datetime(2026, 11, 27, tzinfo=UTC),
        site_id=uuid.uuid4(), site_name="华东一厂", site_timezone="Asia/Shanghai",
        origin_id=uuid.uuid4(), origin_name="North", origin_role="gate", key_id=b"\1\2\3\4",
        key_purpose="gate", first_seq=1, last_seq=5, prev_file=None,
    )
    data = m.to_bytes()
    assert Manifest.from_bytes(data) == m
    assert len(file_hash(data)) == 64
    for bad in (b"", b"[]", b'{"format": "other"}',
                data.replace(b'"version":1', b'"version":2'),
                data.replace(b'"first_seq":1', b'"first_seq":9'),
                data.replace(b'"stream":"records"', b'"stream":"other"'),
                data.replace(b'"counts":{}', b'"counts":{"events":1}')):
        with pytest.raises(ManifestError):
            Manifest.from_bytes(bad)


def test_values_travel_exactly() -> None:
    """Typed values (PostgreSQL, or SQLAlchemy's conversion) and raw SQLite values give the
    same text, and read back as the same values."""
    at = datetime(2026, 11, 27, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8)))
    person = uuid.uuid4()
    typed = ["id", person, at, at, 36.6, b"\x00\xff"]
    kind = records.Kind(
        "t", Badge, tuple(records._c(s) for s in (
            "a:str", "b:uuid", "c:datetime", "d:datetime?", "e:float", "f:base64?"
        )),
    )
    encoded = kind.encode(typed)
    assert encoded[1] == person.hex and encoded[2] == "2026-11-27 01:30:15.123456"
    raw = ["id", person.hex, "2026-11-27 01:30:15.123456", None, 36.6, None]
    assert kind.encode(raw)[:3] == encoded[:3]
    decode = kind.decoder(kind.names)
    back = decode(encoded)
    assert back["b"] == person and back["c"] == at and back["f"] == b"\x00\xff"
    assert back["c"].tzinfo is UTC
    with pytest.raises(records.RecordError, match="missing"):
        decode(["id", None, encoded[2], None, 1.0, None])
    with pytest.raises(records.RecordError, match="not a UUID"):
        decode(["id", "x" * 32, encoded[2], None, 1.0, None])
    with pytest.raises(records.RecordError):
        kind.decoder(["a", "b"])


def test_the_sqlite_and_portable_paths_write_the_same_records(
    site: Node, gate: Node, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the events are written by the database (json_array); elsewhere in Python.
    Both read back as the same records."""
    gate.screen(token_of(site, "1001"))
    gate.clock.advance(minutes=5)
    gate.screen(token_of(site, "1002"), "37.9", Direction.OUT)
    (native,) = gate.export(tmp_path / "native")
    monkeypatch.setattr(repo, "sync_native_json", lambda session: False)
    (portable,) = gate.export(tmp_path / "portable", since_seq=1)
    with open_sync_file(native) as a, open_sync_file(portable) as b:
        assert a.records(records.RECORD_KINDS) == b.records(records.RECORD_KINDS)
    report = site.sync.import_files([portable, native])
    assert [str(f.status) for f in report.files] == ["imported", "imported"]


def test_a_part_listed_twice_or_missing_is_rejected(tmp_path: Path) -> None:
    key = keys.generate()
    signer = Signer(key, b"\0\0\0\0", "gate")
    m = Manifest(
        stream="records", batch_id=uuid.uuid4(), created_at=datetime.now(UTC),
        site_id=uuid.uuid4(), site_name="s", site_timezone="UTC", origin_id=uuid.uuid4(),
        origin_name="g", origin_role="gate", key_id=b"\0\0\0\0", key_purpose="gate",
        first_seq=1, last_seq=1, prev_file=None,
    )
    with BundleWriter(tmp_path / "few.gksync") as bundle:
        bundle.write_kind(records.EVENTS, [])
        committed = bundle.commit(m, signer)
    with open_sync_file(committed.path) as sync_file:
        with pytest.raises(Rejected, match="parts are not the ones"):
            sync_file.records(records.RECORD_KINDS)
        sync_file.check_parts()  # intact, only incomplete
