"""Files that must not be imported: tampered, truncated, foreign, wrongly signed, or damaged
at random. Each is rejected with its reason, and nothing of it is stored."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syncnodes import Node, token_of

from gatekeeper.domain.enums import Direction
from gatekeeper.domain.tokens import key_id_of
from gatekeeper.services import keys
from gatekeeper.services.badges import installation_key_file
from gatekeeper.services.setup import SetupService
from gatekeeper.sync import container, manifest
from gatekeeper.sync.exporter import SyncExporter
from gatekeeper.sync.identity import Signer, load_signer


@pytest.fixture
def records(site: Node, gate: Node, tmp_path: Path) -> Path:
    """A small file of the gate's records, not imported anywhere yet."""
    for staff_no, temp in (("1001", "36.6"), ("1002", "37.8"), ("1001", "36.5")):
        gate.screen(token_of(site, staff_no), temp, Direction.IN)
        gate.clock.advance(minutes=10)
    (path,) = gate.export(tmp_path / "out")
    return path


def import_rejected(node: Node, path: Path) -> str:
    """Import ``path``; it must be rejected without any change but the audit entry that
    records the rejection. Returns the reason."""
    before = node.counts()
    report = node.sync.import_files([path])
    assert [str(f.status) for f in report.files] == ["rejected"], report.lines()
    after = node.counts()
    assert after.pop("audit_log") == before.pop("audit_log") + 1
    assert after == before
    assert report.rejected and not report.ok
    return report.files[0].reason


def sections(path: Path) -> list[container.Section]:
    with container.ContainerReader(path) as reader:
        return reader.sections


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_untouched_file_imports(site: Node, records: Path) -> None:
    report = site.sync.import_files([records])
    assert [str(f.status) for f in report.files] == ["imported"]


def test_a_tampered_manifest_is_rejected(site: Node, records: Path, tmp_path: Path) -> None:
    data = records.read_bytes()
    assert data.count(b'"last_seq":3') == 1
    forged = write(tmp_path, "m.gksync", data.replace(b'"last_seq":3', b'"last_seq":9'))
    assert "signature does not match" in import_rejected(site, forged)


def test_a_tampered_part_is_rejected(site: Node, records: Path, tmp_path: Path) -> None:
    data = bytearray(records.read_bytes())
    events = sections(records)[0]
    data[events.offset + events.size // 2] ^= 0x01
    forged = write(tmp_path, "p.gksync", bytes(data))
    assert "events.jsonl.gz does not match its checksum" in import_rejected(site, forged)


@pytest.mark.parametrize("keep", [0, 5, 100, -70, -1])
def test_a_truncated_file_is_rejected(
    site: Node, records: Path, tmp_path: Path, keep: int
) -> None:
    data = records.read_bytes()
    cut = write(tmp_path, "t.gksync", data[:keep])
    reason = import_rejected(site, cut)
    assert any(word in reason for word in ("truncated", "damaged", "not a gatekeeper"))


def test_a_file_with_bytes_appended_is_rejected(
    site: Node, records: Path, tmp_path: Path
) -> None:
    longer = write(tmp_path, "a.gksync", records.read_bytes() + b"\n")
    assert "damaged" in import_rejected(site, longer)


def test_a_file_of_another_site_is_rejected(
    site: Node, make_node: Callable[[str], Node], tmp_path: Path
) -> None:
    other = make_node("other-site")
    SetupService(other.db, other.paths, other.clock).initialise("Other Works", "Gate 1", "UTC")
    other.services.staff.add(staff_no="1", name="X")
    other.screen(token_of(other, "1"))
    files = other.export(tmp_path / "other")
    for path in files:
        assert "another site ('Other Works'" in import_rejected(site, path)


def test_a_gate_this_site_never_provisioned_is_rejected(
    site: Node, gate: Node, records: Path, tmp_path: Path
) -> None:
    """A forged gate: the site's id and the gate's id, but a key of its own making."""
    forged_key = keys.generate()
    signer = Signer(forged_key, key_id_of(forged_key.public_key()), "gate")
    exporter = SyncExporter(gate.db, gate.installation, "gate", signer, gate.clock)
    (path,) = [f.path for f in exporter.records(tmp_path / "forged", since_seq=1)]
    assert "which this site never provisioned" in import_rejected(site, path)


def test_a_file_with_another_signature_is_rejected(
    site: Node, records: Path, tmp_path: Path
) -> None:
    data = records.read_bytes()
    sig = sections(records)[-1]
    manifest_section = sections(records)[-2]
    body = data[manifest_section.offset : manifest_section.offset + manifest_section.size]
    other = manifest.sign(body, keys.generate())
    forged = data[: sig.offset] + other + data[sig.offset + sig.size :]
    assert "signature does not match" in import_rejected(site, write(tmp_path, "s", forged))


def test_a_gate_key_signs_only_its_own_gates_files(
    site: Node, gate: Node, provision: Callable[..., Node], records: Path, tmp_path: Path
) -> None:
    south = provision("South Gate", folder="south")
    south_signer = load_signer(south.paths, "gate")
    exporter = SyncExporter(gate.db, gate.installation, "gate", south_signer, gate.clock)
    (path,) = [f.path for f in exporter.records(tmp_path / "x", since_seq=1)]
    assert "signed by the key of another gate" in import_rejected(site, path)
    # Nor does the site's key sign the records of a gate that has a key of its own.
    site_signer = load_signer(site.paths, "site")
    exporter = SyncExporter(gate.db, gate.installation, "gate", site_signer, gate.clock)
    (path,) = [f.path for f in exporter.records(tmp_path / "y", since_seq=1)]
    assert "has a key of its own" in import_rejected(site, path)


def test_a_registry_signed_by_a_gate_is_rejected(
    site: Node, gate: Node, provision: Callable[..., Node], tmp_path: Path
) -> None:
    south = provision("South Gate", folder="south")
    site.services.staff.add(staff_no="1003", name="赵敏")
    gate_signer = load_signer(gate.paths, "gate")
    exporter = SyncExporter(site.db, site.installation, "site", gate_signer, site.clock)
    (path,) = exporter.registry(tmp_path / "r", full=True)
    assert "signed by the site's own key" in import_rejected(south, path.path)
    # A gate's key cannot sign a registry even when it signs the manifest it names.
    bad = dataclasses.replace(gate_signer, purpose="badge")
    exporter = SyncExporter(site.db, site.installation, "site", bad, site.clock)
    (path,) = exporter.registry(tmp_path / "r2", full=True)
    assert "does not agree with the key" in import_rejected(south, path.path)


def test_a_damaged_gate_key_file_is_a_clear_error(gate: Node, tmp_path: Path) -> None:
    installation_key_file(gate.paths).unlink()
    with pytest.raises(Exception, match=r"key .* is missing"):
        gate.export(tmp_path / "out")


def test_something_that_is_not_a_sync_file_is_rejected(site: Node, tmp_path: Path) -> None:
    for name, data in (("empty", b""), ("text", b"hello\n"), ("magic", container.MAGIC)):
        reason = import_rejected(site, write(tmp_path, name, data))
        assert "not a gatekeeper sync file" in reason or "truncated" in reason
    assert "cannot be read" in import_rejected(site, tmp_path / "missing.gksync")


# --- damage at random ---------------------------------------------------------------------


@st.composite
def damage(draw: st.DrawFn, size: int) -> tuple[str, int, int, bytes]:
    """One way of damaging a file of ``size`` bytes: flipped bytes, a cut, bytes inserted,
    bytes removed, or a stretch overwritten."""
    how = draw(st.sampled_from(["flip", "cut", "insert", "delete", "overwrite"]))
    at = draw(st.integers(0, size - 1))
    if how == "flip":
        count = draw(st.integers(1, 4))
        return ("flip", at, count, draw(st.binary(min_size=count, max_size=count)))
    if how == "cut":
        return ("cut", at, 0, b"")
    if how == "insert":
        return ("insert", at, 0, draw(st.binary(min_size=1, max_size=16)))
    if how == "delete":
        return ("delete", at, draw(st.integers(1, 16)), b"")
    length = draw(st.integers(1, 32))
    return ("overwrite", at, length, draw(st.binary(min_size=length, max_size=length)))


def damaged(data: bytes, change: tuple[str, int, int, bytes]) -> bytes:
    how, at, count, extra = change
    out = bytearray(data)
    if how == "flip":
        for i in range(count):
            position = (at + i * 97) % len(out)
            out[position] ^= extra[i] or 0x80  # never XOR with 0: always a change
    elif how == "cut":
        del out[at:]
    elif how == "insert":
        out[at:at] = extra
    elif how == "delete":
        del out[at : at + count]
    else:
        piece = bytes(b ^ 0xFF for b in data[at : at + count])
        out[at : at + len(piece)] = piece  # the complement: never equal to what was there
    assert bytes(out) != data
    return bytes(out)


@settings(
    max_examples=200, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_records_file_damaged_anywhere_is_rejected_whole(
    site: Node, records: Path, tmp_path: Path, data: st.DataObject
) -> None:
    original = records.read_bytes()
    change = data.draw(damage(len(original)))
    path = write(tmp_path, "damaged.gksync", damaged(original, change))
    import_rejected(site, path)


@settings(
    max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_registry_file_damaged_anywhere_is_rejected_whole(
    site: Node, gate: Node, tmp_path: Path, data: st.DataObject
) -> None:
    registry = tmp_path / "registry.gksync"
    if not registry.exists():
        site.services.staff.add(staff_no="1003", name="赵敏")
        site.services.badges.revoke("1001")
        (made,) = site.export(tmp_path / "out")
        made.rename(registry)
    original = registry.read_bytes()
    change = data.draw(damage(len(original)))
    path = write(tmp_path, "damaged.gksync", damaged(original, change))
    import_rejected(gate, path)
