"""Gates of one site: provisioning files, and what a provisioned gate may do."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from syncnodes import Node, token_of

from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision, PersonKind
from gatekeeper.domain.tokens import TokenError, TokenKind, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services.badges import PassesOnly, installation_key_file
from gatekeeper.services.provision import ProvisionService, fingerprint
from gatekeeper.services.screening import Declaration
from gatekeeper.services.setup import AlreadyInitialised, SetupService
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage.models import Gate, Person, SigningKey
from gatekeeper.sync import store
from gatekeeper.sync.identity import role_of


def test_provisioning_round_trip(
    site: Node, make_node: Callable[[str], Node], tmp_path: Path
) -> None:
    file = tmp_path / "north.provision"
    made = ProvisionService(site.db, site.paths, site.clock).provision(
        "North  Gate", file, actor="test"
    )
    assert made.path == file and made.name == "North Gate" and made.role == "gate"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds the gate's private key
    with site.db.session() as session:
        row = session.get(Gate, made.gate_id)
        assert row is not None and row.site_id == site.installation.site_id
        key = session.query(SigningKey).filter_by(purpose="gate").one()
        assert key.key_id.hex() == made.key_id
        assert store.gate_of_key(session, key.id) == made.gate_id

    gate = make_node("north")
    result = ProvisionService(gate.db, gate.paths, gate.clock).install(file, actor="test")
    inst = result.installation
    assert (inst.site_id, inst.site_name) == (site.installation.site_id, "华东一厂")
    assert (inst.gate_id, inst.gate_name, inst.timezone) == (
        made.gate_id, "North Gate", "Asia/Shanghai"
    )
    assert result.role == "gate" and result.people == 2
    assert result.site_fingerprint == made.site_fingerprint
    assert gate.installation == inst  # what every command of the gate finds from now on
    with gate.db.session() as session:
        assert role_of(session) == "gate"
    # Its own key, owner-only; the site's public key; never the site's private key.
    key_file = installation_key_file(gate.paths)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert gate.paths.public_key_file.exists()
    assert not gate.paths.signing_key_file.exists()
    assert gate.ids(Person) == site.ids(Person)
    assert gate.ids(SigningKey) == site.ids(SigningKey)
    assert gate.ids(Gate) == site.ids(Gate)


def test_fingerprint_groups_the_key_hash() -> None:
    text = fingerprint(bytes(32))
    assert len(text) == 29 and text.count("-") == 5


def test_provisioned_gate_verifies_site_badges_and_screens(site: Node, gate: Node) -> None:
    token = token_of(site, "1001")
    outcome = gate.screen(token)
    assert outcome.decision is Decision.PASS and outcome.seq == 1
    assert outcome.person is not None and outcome.person.staff_no == "1001"
    assert gate.sync.verify_chain() == []
    with pytest.raises(TokenError) as refused:
        gate.services.badges.verify(token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB"))
    assert refused.value.problem in (TokenProblem.BAD_SIGNATURE, TokenProblem.GARBLED)


def test_gate_cannot_issue_employee_badges(site: Node, gate: Node) -> None:
    with pytest.raises(PassesOnly):
        gate.services.badges.issue(["1001"])
    with pytest.raises(PassesOnly):
        gate.services.badges.revoke("1001")


@pytest.mark.parametrize("kind", [PersonKind.VISITOR, PersonKind.CONTRACTOR])
def test_gate_issues_visitor_passes_with_its_own_key(
    site: Node, gate: Node, kind: PersonKind
) -> None:
    registered = gate.services.visitors.register(
        VisitorForm(name="王芳", phone="13800138000", company="ACME", kind=kind,
                    declaration=Declaration())
    )
    claims, _, _ = tokens.parse(registered.badge.token)
    assert claims.kind is TokenKind.VISITOR_PASS  # a gate's key signs passes only
    with gate.db.session() as session:
        signer = session.query(SigningKey).filter_by(key_id=claims.key_id).one()
        assert signer.purpose == "gate"
    verified = gate.services.badges.verify(registered.badge.token)
    assert verified.person.name == "王芳"
    assert gate.screen(registered.badge.token).decision is Decision.PASS


def test_badge_signed_with_a_gate_key_is_refused_everywhere(site: Node, gate: Node) -> None:
    """A stolen gate key cannot mint employee badges."""
    from gatekeeper.services import keys

    stolen = keys.load_private_key(installation_key_file(gate.paths))
    with site.db.session() as session:
        person = session.query(Person).filter_by(staff_no="1001").one()
        person_id, version = person.id, person.badge_version
    forged = tokens.sign(
        tokens.BadgeClaims(TokenKind.BADGE, tokens.key_id_of(stolen.public_key()), person_id,
                           version),
        stolen,
    )
    for node in (site, gate):
        with pytest.raises(TokenError) as refused:
            node.services.badges.verify(forged)
        assert refused.value.problem is TokenProblem.BAD_SIGNATURE


def test_web_service_is_provisioned_like_a_gate(
    site: Node, provision: Callable[..., Node]
) -> None:
    web = provision("Self-service", role="web", folder="web")
    with web.db.session() as session:
        assert role_of(session) == "web"
    with pytest.raises(PassesOnly):
        web.services.badges.issue(["1001"])
    registered = web.services.visitors.register(
        VisitorForm(name="Ann", phone="+4412345678", declaration=Declaration())
    )
    claims, _, _ = tokens.parse(registered.badge.token)
    with web.db.session() as session:
        assert session.query(SigningKey).filter_by(key_id=claims.key_id).one().purpose == "web"


def test_provisioning_refuses_bad_requests(site: Node, gate: Node, tmp_path: Path) -> None:
    service = ProvisionService(site.db, site.paths, site.clock)
    with pytest.raises(UserError, match="already"):
        service.provision("North Gate", tmp_path / "again.provision")
    with pytest.raises(UserError, match="already"):
        service.provision("Main Gate", tmp_path / "main.provision")  # the site's own gate
    existing = tmp_path / "taken.provision"
    existing.write_bytes(b"keep me")
    with pytest.raises(UserError, match="exists already"):
        service.provision("East Gate", existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(UserError, match="gate or web"):
        service.provision("East Gate", tmp_path / "east.provision", role="badge")
    with pytest.raises(UserError, match="time zone"):
        service.provision("East Gate", tmp_path / "east.provision", timezone="Mars/Olympus")
    # A provisioned gate provisions nothing: it does not hold the site's key.
    with pytest.raises(UserError, match="site's installation"):
        ProvisionService(gate.db, gate.paths, gate.clock).provision(
            "East Gate", tmp_path / "east.provision"
        )
    assert not (tmp_path / "east.provision").exists()
    with site.db.session() as session:
        assert session.query(Gate).count() == 2


def test_install_refuses_an_initialised_folder(site: Node, tmp_path: Path) -> None:
    file = tmp_path / "x.provision"
    ProvisionService(site.db, site.paths, site.clock).provision("West Gate", file)
    before = site.counts()
    with pytest.raises(AlreadyInitialised):
        ProvisionService(site.db, site.paths, site.clock).install(file)
    assert site.counts() == before


def test_install_refuses_a_damaged_or_wrong_file(
    site: Node, make_node: Callable[[str], Node], tmp_path: Path
) -> None:
    file = tmp_path / "x.provision"
    ProvisionService(site.db, site.paths, site.clock).provision("West Gate", file)
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x40
    damaged = tmp_path / "damaged.provision"
    damaged.write_bytes(bytes(data))
    node = make_node("west")
    service = ProvisionService(node.db, node.paths, node.clock)
    with pytest.raises(UserError, match="cannot be used"):
        service.install(damaged)
    with pytest.raises(UserError, match="cannot be used"):
        service.install(tmp_path / "missing.provision")
    exports = site.export(tmp_path / "out")
    with pytest.raises(UserError, match="not a provisioning file"):
        service.install(exports[0])
    assert SetupService(node.db, node.paths).installation() is None
    assert not installation_key_file(node.paths).exists()
    # The good file still works afterwards.
    assert service.install(file).installation.gate_name == "West Gate"


def test_provision_file_is_rejected_by_import_sync(site: Node, gate: Node, tmp_path: Path
                                                   ) -> None:
    file = tmp_path / "e.provision"
    ProvisionService(site.db, site.paths, site.clock).provision("East Gate", file)
    report = gate.sync.import_files([file])
    assert [f.status for f in report.files] == ["rejected"]
    assert "provisioning file" in report.files[0].reason


def test_pass_expiry_still_applies_on_a_gate(site: Node, gate: Node) -> None:
    registered = gate.services.visitors.register(
        VisitorForm(name="Bo", phone="13900139000", declaration=Declaration())
    )
    gate.clock.advance(days=1)
    with pytest.raises(TokenError) as refused:
        gate.services.badges.verify(registered.badge.token)
    assert refused.value.problem is TokenProblem.EXPIRED
    gate.clock.advance(seconds=-timedelta(days=1).total_seconds())
    assert os.path.exists(installation_key_file(gate.paths))
