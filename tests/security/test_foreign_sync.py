"""Sync files that must not be imported: from an installation this site never provisioned (a
real one, made with `gatekeeper init` elsewhere and signed with its own key), from a gate of
this site signing with a key of its own making, and files whose unsigned manifest carries text
or dates made to break the reader. Each is rejected whole with a clear reason, nothing of it
is stored, and the rejection is in the receiving side's audit trail."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from cliutil import Cli
from installations import Node, provision

from gatekeeper.domain.tokens import key_id_of
from gatekeeper.services import keys
from gatekeeper.sync.container import ContainerReader
from gatekeeper.sync.exporter import SyncExporter
from gatekeeper.sync.identity import Signer


def rows(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    conn.close()
    return found


def rejections(database: Path) -> list[dict[str, object]]:
    with sqlite3.connect(database) as conn:
        found = [json.loads(d) for (d,) in conn.execute(
            "SELECT details FROM audit_log WHERE action = 'sync.import.rejected' ORDER BY id")]
    conn.close()
    return found


def with_manifest(path: Path, change: dict[str, object], out: Path) -> Path:
    """The file with fields of its manifest changed (and its signature left as it was)."""
    with ContainerReader(path) as reader:
        sections = [(s.name, reader.read(s)) for s in reader.sections]
    name, manifest = sections[-2]
    doc = json.loads(manifest)
    for key, value in change.items():
        target = doc
        *parents, last = key.split(".")
        for parent in parents:
            target = target[parent]
        target[last] = value
    sections[-2] = (name, json.dumps(doc, sort_keys=True, separators=(",", ":")).encode())
    data = b"GKSYNC1\n" + b"".join(
        b"#%s %016d\n%s\n" % (n.encode(), len(d), d) for n, d in sections
    )
    out.write_bytes(data)
    return out


@pytest.mark.e2e
def test_files_of_an_installation_never_provisioned_are_rejected_and_audited(
    cli_site: Cli, tmp_path: Path
) -> None:
    stranger = Cli(tmp_path / "stranger", tmp_path)
    # The same site and gate names: only the keys tell them apart.
    assert stranger("init", "--site", "华东一厂", "--gate", "North Gate").code == 0
    assert stranger("staff", "add", "--staff-no", "1001", "--name", "张伟").code == 0
    token = stranger("badge", "1001", "--token").out.strip()
    assert stranger("screen", "--token", token, "--temp", "36.6").code == 0
    made = stranger("export-sync", "--out", tmp_path / "usb")
    assert made.code == 0, made.err
    files = sorted((tmp_path / "usb").glob("*.gksync"))
    assert len(files) == 2  # its registry and its records

    database = cli_site.data_dir / "gatekeeper.db"
    before = rows(database)
    result = cli_site("import-sync", *files)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if line.startswith("rejected: ")]
    assert len(lines) == 2, result.out
    for line in lines:
        assert "it comes from another site ('华东一厂'" in line
    after = rows(database)
    assert after.pop("audit_log") == before.pop("audit_log") + 2
    assert after == before
    audited = rejections(database)
    assert sorted(str(a["file"]) for a in audited) == sorted(f.name for f in files)
    assert all("another site" in str(a["reason"]) for a in audited)
    assert cli_site("audit", "verify").code == 0  # the audit trail's chain holds


def test_a_gate_signing_with_a_key_of_its_own_making_is_rejected_and_audited(
    site: Node, tmp_path: Path
) -> None:
    gate = provision(site, tmp_path / "north", "North Gate")
    gate.screen(site.token("1001"))
    key = keys.generate()
    forger = Signer(key, key_id_of(key.public_key()), "gate")
    exporter = SyncExporter(gate.db, gate.installation, "gate", forger, gate.clock)
    (forged,) = [f.path for f in exporter.records(tmp_path / "forged", since_seq=1)]
    before = site.counts()
    report = site.sync.import_files([forged])
    assert [str(f.status) for f in report.files] == ["rejected"]
    assert "which this site never provisioned" in report.files[0].reason
    after = site.counts()
    assert after.pop("audit_log") == before.pop("audit_log") + 1
    assert after == before
    (audited,) = rejections(site.paths.database_file)
    assert audited["file"] == forged.name and audited["stream"] == "records"
    assert audited["reason"] == report.files[0].reason
    # The gate's own file still imports.
    (real,) = gate.export(tmp_path / "real", since_seq=1)  # the forger took the range
    assert [str(f.status) for f in site.sync.import_files([real]).files] == ["imported"]
    gate.close()


@pytest.mark.e2e
def test_a_manifest_made_to_break_the_reader_is_rejected(
    cli_site: Cli, tmp_path: Path
) -> None:
    """Text that cannot be encoded (a lone surrogate written as a JSON escape) and dates at
    the ends of the calendar, in a manifest nobody has signed: rejected with a reason, never a
    crash of the command."""
    stranger = Cli(tmp_path / "stranger", tmp_path)
    assert stranger("init", "--site", "Other Works", "--gate", "G1").code == 0
    assert stranger("export-sync", "--out", tmp_path / "usb").code == 0
    (registry,) = (tmp_path / "usb").glob("*.gksync")
    with sqlite3.connect(cli_site.data_dir / "gatekeeper.db") as conn:
        (site_id,) = conn.execute("SELECT id FROM sites").fetchone()
    conn.close()
    ours = str(uuid.UUID(site_id))  # this site's id: only its name is odd
    bad = [
        with_manifest(registry, {"site.name": "\ud800 Works"}, tmp_path / "surrogate.gksync"),
        with_manifest(registry, {"origin.name": "\udcff"}, tmp_path / "surrogate2.gksync"),
        with_manifest(registry, {"created_at": "0001-01-01T00:00:00+01:00"},
                      tmp_path / "early.gksync"),
        with_manifest(registry, {"created_at": "9999-12-31T23:59:59-01:00"},
                      tmp_path / "late.gksync"),
        with_manifest(registry, {"site.id": ours, "site.name": "\ud800"},
                      tmp_path / "ours.gksync"),
    ]
    before = rows(cli_site.data_dir / "gatekeeper.db")
    result = cli_site("import-sync", *bad)
    assert result.code == 1, result
    lines = [line for line in result.out.splitlines() if line.startswith("rejected: ")]
    assert len(lines) == len(bad), result.out
    after = rows(cli_site.data_dir / "gatekeeper.db")
    assert after.pop("audit_log") == before.pop("audit_log") + len(bad)
    assert after == before
