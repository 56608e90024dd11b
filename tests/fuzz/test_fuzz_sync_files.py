"""Fuzzing sync files through the import (SyncService.import_files, what ``gatekeeper
import-sync`` calls): a gate's records file at the site, and the site's registry file at the
gate, changed the way a careless or hostile hand would change them, a level above the random
bytes of tests/unit/sync/test_sync_rejects.py:

- parts reordered, dropped, repeated, renamed, or taken from the other file;
- a part decompressed, its lines edited (a value replaced by one of another type, size or
  calendar, lines dropped, repeated, swapped, cut or replaced), compressed again;
- a field of the manifest changed;
- then the manifest left as it was, or brought in line with the changed parts, and the
  signature kept, made again with the right key (as a gate with a bug, or a thief of its
  key, would), or made with a key of nobody's.

Whatever the file: no exception comes out of the import; a rejected file has a reason, and
nothing of it is stored (every table's count is unchanged but the audit entry recording the
rejection); an imported file is stored whole (every sequenced record of it is there). Each
example starts from the same database (installations.Snapshot)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context, event
from installations import Node, Snapshot, make_site, provision
from sqlalchemy import select

from gatekeeper.domain.enums import Direction
from gatekeeper.domain.temperature import parse_reading
from gatekeeper.services import audit
from gatekeeper.services.badges import installation_key_file
from gatekeeper.services.keys import load_private_key
from gatekeeper.services.screening import TakenReading
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.sync import container, manifest
from gatekeeper.sync.reader import open_sync_file
from gatekeeper.sync.records import KINDS, READINGS, SEQUENCED

Sections = list[tuple[str, bytes]]


@dataclass
class SyncFileCase:
    """A valid file, the installation it is imported into, and the key that signed it."""

    receiver: Node
    snapshot: Snapshot
    sections: Sections
    key: Ed25519PrivateKey
    folder: Path

    def __repr__(self) -> str:  # for Hypothesis' reports: the sections are long
        return f"SyncFileCase({self.receiver.name}, {[n for n, _ in self.sections]})"


@dataclass
class World:
    records: SyncFileCase  # the gate's records, imported at the site
    registry: SyncFileCase  # the site's registry, imported at the gate


def read_sections(path: Path) -> Sections:
    with container.ContainerReader(path) as reader:
        return [(s.name, reader.read(s)) for s in reader.sections]


def file_bytes(sections: Sections) -> bytes:
    return container.MAGIC + b"".join(
        b"#%s %016d\n%s\n" % (name.encode("ascii"), len(data), data) for name, data in sections
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("sync-fuzz")
    site = make_site(folder / "site")
    gate = provision(site, folder / "north", "North Gate")
    # A morning at the gate: a pass, a fever confirmed, a forgery, a visitor.
    gate.screen(site.token("1001"))
    gate.clock.advance(minutes=5)
    s = gate.services.screening
    first = gate.screen(site.token("1002"), "38.2")
    assert first.event_id is not None
    s.recheck(first.event_id, TakenReading(parse_reading("38.4"), "sim"))
    token = site.token("1002")
    gate.scan(token[:-20] + ("A" if token[-20] != "A" else "B") + token[-19:])  # forged
    gate.clock.advance(minutes=5)
    gate.services.visitors.register(VisitorForm("访客甲", "13800000000", company="ACME"))
    gate.screen(site.token("1001"), "36.5", Direction.OUT)
    (records,) = gate.export(folder / "records")
    # The site's registry changes: a new person, a badge revoked.
    site.services.staff.add(staff_no="1003", name="赵敏", department="QA")
    site.services.badges.issue(["1003"])
    site.services.badges.revoke("1002")
    registry = [p for p in site.export(folder / "registry") if p.name.startswith("registry")]
    assert len(registry) == 1
    made = World(
        SyncFileCase(site, Snapshot(site, folder / "snap"), read_sections(records),
                     load_private_key(installation_key_file(gate.paths)), folder),
        SyncFileCase(gate, Snapshot(gate, folder / "snap"), read_sections(registry[0]),
                     load_private_key(site.paths.signing_key_file), folder),
    )
    yield made
    site.close()
    gate.close()


# --- changes --------------------------------------------------------------------------------

WEIRD = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63, 10**400]),
    st.integers(),
    st.floats(),  # NaN and infinities too: Python's json writes and reads them
    st.text(max_size=20),
    st.sampled_from([
        "", "x" * 100_001, "\ud800", "\x00", uuid.uuid4().hex, str(uuid.uuid4()),
        "0" * 32, "2026-11-27 01:00:00.000000", "0001-01-01 00:00:00.000000",
        "9999-12-31 23:59:59.999999", "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00", "2026-02-30 00:00:00.000000", "pass", "deny", "in",
        "visitor", "employee", "admin", "gate", "badge", "C", "F",
    ]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def edited_lines(draw: st.DrawFn, data: bytes) -> bytes:
    """The JSON lines of a part, edited."""
    lines = data.split(b"\n")[:-1] if data else []
    how = draw(st.sampled_from(["value", "value", "value", "drop", "repeat", "swap", "cut",
                                "junk", "shorter", "longer", "empty", "no end"]))
    if how == "empty" or not lines:
        return b"" if lines else b'["x"]\n'
    at = draw(st.integers(0, len(lines) - 1))
    if how == "value":
        row = json.loads(lines[at])
        if row:
            column = draw(st.integers(0, len(row) - 1))
            other = json.loads(lines[draw(st.integers(0, len(lines) - 1))])
            row[column] = draw(st.one_of(WEIRD, st.sampled_from(other)))
        lines[at] = json.dumps(row, ensure_ascii=draw(st.booleans())).encode(
            "utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    elif how == "drop":
        del lines[at]
    elif how == "repeat":
        lines.insert(at, lines[at])
    elif how == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
    elif how == "cut":
        lines[at] = lines[at][: draw(st.integers(0, max(len(lines[at]) - 1, 0)))]
    elif how == "junk":
        lines[at] = draw(st.binary(max_size=40))
    elif how == "shorter":
        row = json.loads(lines[at])
        lines[at] = json.dumps(row[:-1]).encode()
    elif how == "longer":
        row = json.loads(lines[at])
        lines[at] = json.dumps([*row, draw(WEIRD)]).encode()
    else:  # no end of line after the last
        return b"\n".join(lines)
    return b"".join(line + b"\n" for line in lines)


def manifest_doc(sections: Sections) -> dict[str, Any]:
    return json.loads(sections[-2][1])


FIELDS = [
    "stream", "batch_id", "created_at", "site.id", "site.name", "site.timezone", "origin.id",
    "origin.name", "origin.role", "signer.key_id", "signer.purpose", "first_seq", "last_seq",
    "prev_file", "counts", "format", "version", "parts",
]
PART_FIELDS = ["name", "kind", "columns", "records", "size", "raw_size", "sha256", "encoding"]


@st.composite
def changed_manifest(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    doc = json.loads(json.dumps(doc))
    field = draw(st.sampled_from([*FIELDS, "part", "part", "part"]))
    if field == "part" and doc["parts"]:
        part = draw(st.sampled_from(doc["parts"]))
        key = draw(st.sampled_from(PART_FIELDS))
        if key == "columns" and part["columns"] and draw(st.booleans()):
            columns = part["columns"]
            i, j = draw(st.integers(0, len(columns) - 1)), draw(st.integers(0, len(columns) - 1))
            columns[i], columns[j] = columns[j], columns[i]
        elif key in ("records", "size", "raw_size") and draw(st.booleans()):
            part[key] += draw(st.sampled_from([-1, 1, 2**40]))
        else:
            part[key] = draw(WEIRD)
        return doc
    if field == "part":
        field = "parts"
    target = doc
    *parents, last = field.split(".")
    for parent in parents:
        target = target[parent]
    if last in ("first_seq", "last_seq") and draw(st.booleans()):
        target[last] += draw(st.sampled_from([-1, 1, 1000]))
    elif last in ("id",) and draw(st.booleans()):
        target[last] = draw(st.sampled_from([doc["site"]["id"], doc["origin"]["id"]]))
    else:
        target[last] = draw(WEIRD)
    return doc


def listed(doc: dict[str, Any], sections: Sections) -> None:
    """Bring the manifest's list of parts in line with the parts as they are now."""
    parts = {p["name"]: p for p in doc["parts"]}
    for name, data in sections[:-2]:
        part = parts.get(name)
        if part is None:
            continue
        part["size"] = len(data)
        part["sha256"] = hashlib.sha256(data).hexdigest()
        raw = gzip.decompress(data) if part["encoding"] == "gzip" else data
        part["raw_size"] = len(raw)
        part["records"] = raw.count(b"\n")
    doc["counts"] = {p["kind"]: p["records"] for p in doc["parts"]}


@st.composite
def changed(draw: st.DrawFn, case: SyncFileCase, other: SyncFileCase) -> tuple[str, bytes]:
    """(what was done, the file's bytes)."""
    sections = list(case.sections)
    parts, tail = sections[:-2], sections[-2:]
    doc = manifest_doc(sections)
    how = draw(st.sampled_from(["reorder", "drop", "repeat", "rename", "borrow",
                                "edit", "edit", "edit", "manifest", "manifest"]))
    if how == "reorder" and len(parts) > 1:
        i = draw(st.integers(0, len(parts) - 1))
        j = (i + draw(st.integers(1, len(parts) - 1))) % len(parts)
        parts[i], parts[j] = parts[j], parts[i]
    elif how == "drop":
        del parts[draw(st.integers(0, len(parts) - 1))]
    elif how == "repeat":
        parts.insert(0, parts[draw(st.integers(0, len(parts) - 1))])
    elif how == "rename":
        at = draw(st.integers(0, len(parts) - 1))
        name = draw(st.sampled_from(["events.jsonl.gz", "people.jsonl.gz", "x", "manifest.json",
                                     "gates.jsonl.gz"]))
        parts[at] = (name, parts[at][1])
    elif how == "borrow":
        theirs = other.sections[:-2]
        borrowed = theirs[draw(st.integers(0, len(theirs) - 1))]
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, borrowed)
        if draw(st.booleans()):
            doc["parts"].insert(at, manifest_doc(other.sections)["parts"][
                [n for n, _ in theirs].index(borrowed[0])])
    elif how == "edit":
        at = draw(st.integers(0, len(parts) - 1))
        name, data = parts[at]
        raw = gzip.decompress(data)
        edited = draw(edited_lines(raw))
        parts[at] = (name, gzip.compress(edited, compresslevel=draw(st.sampled_from([1, 6, 9]))))
    else:
        doc = draw(changed_manifest(doc))
    sections = [*parts, *tail]
    if how != "manifest" and draw(st.integers(0, 3)):  # mostly: the manifest agrees
        with contextlib.suppress(OSError, EOFError, KeyError, TypeError, ValueError):
            listed(doc, sections)
    # Mostly the exporter's form; or \uXXXX escapes throughout (a lone surrogate included).
    body = json.dumps(doc, sort_keys=True, ensure_ascii=not draw(st.integers(0, 3)),
                      separators=(",", ":"))
    manifest_bytes = body.encode("utf-8", "surrogatepass")
    signer = draw(st.sampled_from(["kept", "right key", "right key", "nobody's key"]))
    if signer == "kept":
        signature = tail[1][1]
    else:
        key = case.key if signer == "right key" else Ed25519PrivateKey.generate()
        signature = manifest.sign(manifest_bytes, key)
    return f"{how}, {signer}", file_bytes([*parts, ("manifest.json", manifest_bytes),
                                           ("manifest.sig", signature)])


# --- the property ---------------------------------------------------------------------------


def note(what: str) -> None:
    if currently_in_test_context():  # --hypothesis-show-statistics shows how often
        event(what)


def check_import(case: SyncFileCase, data: bytes) -> None:
    case.snapshot.restore()
    node = case.receiver
    path = case.folder / "fuzzed.gksync"
    path.write_bytes(data)
    before = case.snapshot.counts
    report = node.sync.import_files([path])
    (outcome,) = report.files
    status = str(outcome.status)
    note(status)
    after = node.counts()
    if status == "rejected":
        assert outcome.reason.strip()
        assert after.pop("audit_log") == before["audit_log"] + 1, "the rejection is audited"
        assert after == {k: v for k, v in before.items() if k != "audit_log"}, outcome.reason
        return
    assert status in ("imported", "already imported", "skipped", "waiting"), outcome
    if status != "imported":
        assert after == before, outcome
        return
    # Imported: every sequenced record of the file is stored, with the readings.
    with open_sync_file(path) as sync_file, node.db.session() as session:
        kinds = [p.kind for p in sync_file.manifest.parts if p.columns]
        records = sync_file.records([KINDS[k] for k in kinds])
        for kind in (*SEQUENCED, READINGS):
            ids = {r["id"] for r in records.get(kind.name, [])}
            stored = set(session.scalars(select(kind.model.id).where(  # type: ignore[attr-defined]
                kind.model.id.in_(ids))))  # type: ignore[attr-defined]
            assert stored == ids, f"{kind.name}: {len(ids - stored)} of the file not stored"
        assert audit.verify_chain(session) == []


@fuzz(150)
@given(data=st.data())
def test_fuzz_records_file_imported_whole_or_not_at_all(world: World, data: st.DataObject) -> None:
    how, content = data.draw(changed(world.records, world.registry))
    note(how)
    check_import(world.records, content)


@fuzz(80)
@given(data=st.data())
def test_fuzz_registry_file_imported_whole_or_not_at_all(world: World,
                                                         data: st.DataObject) -> None:
    how, content = data.draw(changed(world.registry, world.records))
    note(how)
    check_import(world.registry, content)


def test_the_untouched_files_import(world: World) -> None:
    for case in (world.records, world.registry):
        case.snapshot.restore()
        path = case.folder / "untouched.gksync"
        path.write_bytes(file_bytes(case.sections))
        report = case.receiver.sync.import_files([path])
        assert [str(f.status) for f in report.files] == ["imported"], report.lines()
    world.records.snapshot.restore()
    world.registry.snapshot.restore()


def resigned(case: SyncFileCase, kind: str, column: str, value: Any) -> bytes:
    """The file with ``column`` of the first ``kind`` record set to ``value``, the manifest
    brought in line and signed again with the right key."""
    doc = manifest_doc(case.sections)
    part = next(p for p in doc["parts"] if p["kind"] == kind)
    sections = list(case.sections)
    at = [name for name, _ in sections].index(part["name"])
    lines = gzip.decompress(sections[at][1]).split(b"\n")
    row = json.loads(lines[0])
    row[part["columns"].index(column)] = value
    lines[0] = json.dumps(row).encode("ascii")  # a lone surrogate as its \\u escape
    sections[at] = (part["name"], gzip.compress(b"\n".join(lines)))
    listed(doc, sections)
    body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii")
    return file_bytes([*sections[:-2], ("manifest.json", body),
                       ("manifest.sig", manifest.sign(body, case.key))])


@pytest.mark.parametrize(("kind", "column", "value"), [
    ("events", "reason", "\ud800"),  # a lone surrogate: no text a database can hold
    ("people", "name", "访客\udcff"),
    ("events", "content_hash", "\x80" * 64),  # not hex: a hash that does not hold
    ("events", "chain_hash", "é" * 64),
    ("events", "occurred_at", "0001-01-01T00:00:00+01:00"),  # before the calendar in UTC
    ("readings", "taken_at", "9999-12-31T23:59:59-01:00"),  # after it
], ids=["surrogate in an event", "surrogate in a person", "content hash not hex",
        "chain hash not hex", "time before year 1", "time after year 9999"])
def test_found_by_fuzzing_a_signed_file_with_odd_values(
    world: World, kind: str, column: str, value: str
) -> None:
    """Found by the nightly run: a file signed with its gate's own key (a gate with a bug, or
    a stolen key) whose text could not be encoded, or whose times left the calendar when moved
    to UTC, crashed the import."""
    check_import(world.records, resigned(world.records, kind, column, value))
    world.records.snapshot.restore()
