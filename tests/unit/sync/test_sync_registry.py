"""The registry going down: people, badges, revocations, gates and keys from the site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from syncnodes import Node, token_of

from gatekeeper.domain.enums import Decision
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.services.screening import Declaration
from gatekeeper.services.staff_import import StaffRow, validate_person
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.models import Badge, Person


def statuses(report: object) -> list[str]:
    return [str(f.status) for f in report.files]  # type: ignore[attr-defined]


def test_a_revoked_badge_is_refused_at_the_gate_after_import(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    old = token_of(site, "1001")
    assert gate.screen(old).decision is Decision.PASS
    new = site.services.badges.revoke("1001", actor="test").token
    # Before the registry arrives, the gate does not know the new badge yet.
    with pytest.raises(TokenError) as early:
        gate.services.badges.verify(new)
    assert early.value.problem is TokenProblem.UNKNOWN_PERSON
    files = site.export(tmp_path / "down")
    registry = [f for f in files if f.name.startswith("registry-")]
    assert len(registry) == 1
    report = gate.sync.import_files(files)
    assert statuses(report) == ["imported"]
    with pytest.raises(TokenError) as refused:
        gate.services.badges.verify(old)
    assert refused.value.problem is TokenProblem.REVOKED
    assert gate.services.badges.verify(new).person.staff_no == "1001"
    with gate.db.session() as session:
        revoked = session.query(Badge).filter(Badge.revoked_at.is_not(None)).all()
        assert [b.version for b in revoked] == [1]


def test_registry_export_carries_only_changes(site: Node, gate: Node, tmp_path: Path) -> None:
    first = site.export(tmp_path / "one")
    assert [f.name.split("-")[0] for f in first] == ["registry"]
    assert site.export(tmp_path / "one") == []  # nothing changed since
    site.services.staff.add(staff_no="1003", name="赵敏", department="仓库")
    (changed,) = site.export(tmp_path / "two")
    report = gate.sync.import_files([changed])
    assert report.files[0].added == {"gates": 0, "keys": 0, "people": 1, "badges": 0}
    with gate.db.session() as session:
        assert session.query(Person).filter_by(staff_no="1003").one().name == "赵敏"
    # The first file (everything the gate had from its provisioning) changes nothing now.
    before = gate.counts()
    report = gate.sync.import_files(first)
    assert statuses(report) == ["imported"]
    after = gate.counts()
    assert after.pop("sync_imports") == before.pop("sync_imports") + 1
    assert after.pop("audit_log") == before.pop("audit_log") + 1
    assert after == before


def test_an_older_copy_never_undoes_a_newer_change(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    site.services.staff.add(staff_no="1003", name="Old Name")
    (first,) = site.export(tmp_path / "one")
    site.clock.advance(minutes=5)
    site.services.staff.import_rows(
        [_row("1003", "New Name")], actor="test"
    )
    new_token = site.services.badges.revoke("1003").token
    (second,) = site.export(tmp_path / "two")
    assert statuses(gate.sync.import_files([second])) == ["imported"]
    report = gate.sync.import_files([first])  # late, and older
    assert statuses(report) == ["imported"]
    assert statuses(gate.sync.import_files([first])) == ["already imported"]
    with gate.db.session() as session:
        person = session.query(Person).filter_by(staff_no="1003").one()
        assert person.name == "New Name" and person.badge_version == 1
    assert gate.services.badges.verify(new_token).person.name == "New Name"


def _row(staff_no: str, name: str) -> StaffRow:
    return validate_person(staff_no=staff_no, name=name, department="", kind="employee",
                           phone="")


def test_a_missing_registry_file_is_reported_but_later_changes_apply(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    """A revocation must not wait for an unrelated file that went missing."""
    site.services.staff.add(staff_no="1003", name="赵敏")
    (lost,) = site.export(tmp_path / "one")
    old = token_of(site, "1002")
    site.services.badges.revoke("1002")
    (later,) = site.export(tmp_path / "two")
    report = gate.sync.import_files([later])
    assert statuses(report) == ["imported"]
    assert any("registry files 1-1" in w for w in report.files[0].warnings)
    with pytest.raises(TokenError) as refused:
        gate.services.badges.verify(old)
    assert refused.value.problem is TokenProblem.REVOKED
    report = gate.sync.import_files([lost])
    assert statuses(report) == ["imported"] and report.files[0].warnings == ()


def test_a_visitor_of_one_gate_passes_at_another(
    site: Node, gate: Node, provision: Callable[..., Node], tmp_path: Path
) -> None:
    """Registered at the north gate, she leaves by the south gate: her pass (signed with the
    north gate's key) goes up with the north gate's records and down in the registry."""
    south = provision("South Gate", folder="south")
    registered = gate.services.visitors.register(
        VisitorForm(name="王芳", phone="13800138000", declaration=Declaration())
    )
    with pytest.raises(TokenError):
        south.services.badges.verify(registered.badge.token)
    site.sync.import_files(gate.export(tmp_path / "north"))
    report = south.sync.import_files(site.export(tmp_path / "site"))
    assert "rejected" not in statuses(report)
    assert south.services.badges.verify(registered.badge.token).person.name == "王芳"
    assert south.screen(registered.badge.token).decision is Decision.PASS


def test_since_seq_on_the_site_exports_the_whole_registry(
    site: Node, gate: Node, tmp_path: Path
) -> None:
    site.export(tmp_path / "one")
    files = site.export(tmp_path / "all", since_seq=1)
    (registry,) = [f for f in files if f.name.startswith("registry-")]
    report = gate.sync.import_files([registry])
    assert statuses(report) == ["imported"]
    assert set(report.files[0].added.values()) == {0}


def test_registry_batches(site: Node, gate: Node, tmp_path: Path) -> None:
    for n in range(5):
        site.services.staff.add(staff_no=f"20{n}", name=f"P{n}")
    files = site.export(tmp_path / "out", batch_size=2)
    registry = [f for f in files if f.name.startswith("registry-")]
    assert len(registry) == 4  # 7 people (2 with badges) in twos
    report = gate.sync.import_files(registry)
    assert statuses(report) == ["imported"] * 4
    assert gate.ids(Person) == site.ids(Person)
