"""Forged badges: signed with another site's key, a field altered under the original
signature (person, version, expiry), an employee badge signed by a gate's key, an old version
replayed after a re-issue, a visitor's pass past its day. Each is refused with its own reason,
by the screening service the kiosk calls and by `gatekeeper verify` and `gatekeeper screen`;
at the gate, every forged or replayed badge is recorded as a deny event (officers see an
alert), and nothing else is written."""

from __future__ import annotations

import base64
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from cliutil import Cli
from installations import Clock, Node, make_site, open_node, provision

from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision
from gatekeeper.domain.tokens import BadgeClaims, TokenKind, TokenProblem
from gatekeeper.services.badges import installation_key_file
from gatekeeper.services.keys import load_private_key
from gatekeeper.services.screening import LOGGED_PROBLEMS
from gatekeeper.services.visitors import VisitorForm

VERSION_AT = 1 + 4 + 16
EXPIRES_AT = VERSION_AT + 2


def raw_of(token: str) -> bytearray:
    body = token[3:]
    return bytearray(base64.b32decode(body + "=" * (-len(body) % 8)))


def text_of(raw: bytes) -> str:
    return "GK1" + base64.b32encode(bytes(raw)).decode("ascii").rstrip("=")


def with_person(token: str, person_id: uuid.UUID) -> str:
    raw = raw_of(token)
    raw[5:21] = person_id.bytes
    return text_of(raw)


def with_version(token: str, version: int) -> str:
    raw = raw_of(token)
    raw[VERSION_AT : VERSION_AT + 2] = struct.pack(">H", version)
    return text_of(raw)


def with_expiry(token: str, seconds: int) -> str:
    raw = raw_of(token)
    raw[EXPIRES_AT : EXPIRES_AT + 4] = struct.pack(">I", seconds)
    return text_of(raw)


@dataclass
class Forgeries:
    """Tokens an attacker could hold, each with the reason it must be refused and the person
    the deny event names (None: a forgery's claims are not trusted)."""

    cases: dict[str, tuple[str, TokenProblem, uuid.UUID | None]]
    visitor_pass: str


def forgeries(site: Node, other_site: Node, gate: Node | None = None) -> Forgeries:
    s = site.services
    people = {p.staff_no: p.id for p in s.staff.list()}
    old = site.token("1001")
    s.badges.revoke("1001")  # re-issued: version 2; the old badge is revoked
    current = site.token("1001")
    visitor = s.visitors.register(VisitorForm("访客甲", "13800000000", company="ACME"))
    expires = tokens.parse(visitor.badge.token)[0].expires
    assert expires is not None
    cases: dict[str, tuple[str, TokenProblem, uuid.UUID | None]] = {
        "another site's key": (other_site.token("1001"), TokenProblem.FOREIGN_KEY, None),
        "person changed": (with_person(current, people["1002"]), TokenProblem.BAD_SIGNATURE,
                           None),
        "version changed": (with_version(old, 2), TokenProblem.BAD_SIGNATURE, None),
        "pass made longer": (
            with_expiry(visitor.badge.token, int(expires.timestamp()) + 86_400),
            TokenProblem.BAD_SIGNATURE, None,
        ),
        "old version replayed": (old, TokenProblem.REVOKED, people["1001"]),
    }
    if gate is not None:
        # A gate's key signs visitor passes only: an employee badge signed by it is forged.
        key = load_private_key(installation_key_file(gate.paths))
        claims = BadgeClaims(TokenKind.BADGE, tokens.key_id_of(key.public_key()),
                             people["1002"], 1)
        cases["badge signed by a gate's key"] = (
            tokens.sign(claims, key), TokenProblem.BAD_SIGNATURE, None)
    return Forgeries(cases, visitor.badge.token)


def test_the_refusals_the_gate_records() -> None:
    """Forged (bad signature, unknown key), replayed (revoked) and inactive are recorded as
    deny events; a garbled scan, an expired pass and a person this gate's registry does not
    know yet are shown to the guard only."""
    assert {
        TokenProblem.BAD_SIGNATURE, TokenProblem.FOREIGN_KEY, TokenProblem.REVOKED,
        TokenProblem.INACTIVE_PERSON,
    } == LOGGED_PROBLEMS


def test_forged_badges_are_refused_and_recorded_at_the_kiosk(
    site: Node, tmp_path: Path, clock: Clock
) -> None:
    other = make_site(tmp_path / "other", Clock(), site="华东一厂")  # same name, its own key
    gate = provision(site, tmp_path / "north", "North Gate")
    made = forgeries(site, other, gate)
    for where in (site, gate):
        if where is gate:  # the registry, with the re-issue, reaches the gate
            report = gate.sync.import_files(site.export(tmp_path / "registry"))
            assert {str(f.status) for f in report.files} <= {"imported", "skipped"}
        for name, (token, problem, person_id) in made.cases.items():
            before = where.counts()
            outcome = where.scan(token)
            assert outcome is not None, name
            assert (outcome.decision, str(outcome.reason)) == (Decision.DENY, problem.value), name
            assert outcome.message, name
            assert outcome.recorded, f"{name}: not recorded at {where.name}"
            assert (outcome.person.id if outcome.person else None) == person_id, name
            after = where.counts()
            assert after.pop("screening_events") == before.pop("screening_events") + 1, name
            assert after == before, name
        alerts = {a.event_id: a for a in where.services.alerts.open_alerts()}
        assert len(alerts) == len(made.cases)
        assert {a.reason for a in alerts.values()} == {p.value for _, p, _ in made.cases.values()}
    other.close()
    gate.close()


def test_a_pass_past_its_day_is_refused_as_expired(site: Node, clock: Clock,
                                                   tmp_path: Path) -> None:
    other = make_site(tmp_path / "other", Clock())
    made = forgeries(site, other)
    assert site.scan(made.visitor_pass) is None  # valid today
    clock.advance(days=1)
    before = site.counts()
    outcome = site.scan(made.visitor_pass)
    assert outcome is not None and str(outcome.reason) == "expired"
    assert outcome.decision is Decision.DENY and not outcome.recorded  # shown, not logged
    assert site.counts() == before
    other.close()


@pytest.mark.e2e
def test_forged_badges_through_the_command_line(cli_site: Cli, tmp_path: Path) -> None:
    """`gatekeeper verify` refuses each with exit 3 and the reason; `gatekeeper screen`
    records the deny and prints its event."""
    here = open_node(cli_site.data_dir)
    other = make_site(tmp_path / "other", Clock(), site="华东一厂")
    clock = Clock()
    here.clock = clock
    clock.now = clock.now.replace(year=2025)  # the pass expires long before the real today
    made = forgeries(here, other)
    here.close()
    other.close()
    cases = dict(made.cases)
    cases["pass past its day"] = (made.visitor_pass, TokenProblem.EXPIRED, None)
    for name, (token, problem, _person) in cases.items():
        verified = cli_site("verify", token)
        assert verified.code == 3, (name, verified)
        assert verified.json()["problem"] == problem.value, name
        assert verified.json()["valid"] is False and verified.err.strip(), name
        screened = cli_site("screen", "--token", token, "--temp", "36.6")
        decision = screened.json()
        assert (decision["decision"], decision["reason"]) == ("deny", problem.value), name
        if problem in LOGGED_PROBLEMS:
            assert screened.code == 0 and decision["event_id"] and decision["alert"], name
        else:
            assert screened.code == 3 and decision["event_id"] is None, name
    denied = cli_site("log", "--decision", "deny").json_lines()
    assert sorted(row["reason"] for row in denied) == sorted(
        p.value for _, p, _ in cases.values() if p in LOGGED_PROBLEMS
    )
