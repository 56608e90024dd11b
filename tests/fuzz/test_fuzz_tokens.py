"""Fuzzing badge tokens: random text and mutations of real tokens (bit flips, cuts, bytes
added, fields changed with the signature kept, fields changed and signed again with another
key, a revoked version replayed, scanner noise) through the token format (domain/tokens.py
parse and verify) and through what the kiosk calls with a scanned text
(ScreeningService.identify_token, then refuse: ui/kiosk/window.py handle_token).

Whatever the text: parse and verify raise nothing but TokenError; the service identifies a
person only for a token that carries the very bytes of a valid badge; a refusal is shown with
the reason the token's own bytes call for, and is recorded as one deny event (no readings,
nothing else written) exactly when the design logs that reason (LOGGED_PROBLEMS)."""

from __future__ import annotations

import base64
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.control import event as statistics_event
from installations import Node, make_site
from sqlalchemy import select

from gatekeeper.domain import tokens
from gatekeeper.domain.enums import Decision, Direction, Method
from gatekeeper.domain.screening import reason_for
from gatekeeper.domain.tokens import BadgeClaims, TokenError, TokenKind, TokenProblem
from gatekeeper.services import keys
from gatekeeper.services.screening import LOGGED_PROBLEMS, SIGNED_PROBLEMS
from gatekeeper.services.visitors import VisitorForm
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.models import ScreeningEvent

HEADER = struct.Struct(">B4s16sHIB")
SIGNATURE_LEN = 64
OTHER_KEY = Ed25519PrivateKey.generate()  # a key no installation here knows


def b32(raw: bytes) -> str:
    return "GK1" + base64.b32encode(raw).decode("ascii").rstrip("=")


def raw_of(token: str) -> bytes:
    body = token[3:]
    return base64.b32decode(body + "=" * (-len(body) % 8))


@dataclass(frozen=True)
class Known:
    """A token made by the site, and what the gate must make of it."""

    label: str
    token: str
    #: None: the person is identified; else the reason it is refused.
    problem: TokenProblem | None
    person_id: uuid.UUID


@dataclass
class Gate:
    node: Node
    known: list[Known]

    def key_for(self, key_id: bytes) -> Ed25519PublicKey | None:
        with self.node.db.session() as session:
            row = repo.signing_key_by_key_id(session, key_id)
            if row is None or row.site_id != self.node.installation.site_id:
                return None
            return keys.public_from_raw(row.public_key)

    def expected(self, token: str) -> TokenProblem | None:
        """What the token's bytes call for, found independently of the badge service: not a
        token; a key this site does not know; a signature that does not hold; else it is one
        of the site's own tokens (nobody else can sign), whose fate is known."""
        try:
            claims, signed, signature = tokens.parse(token)
        except TokenError:
            return TokenProblem.GARBLED
        public = self.key_for(claims.key_id)
        if public is None:
            return TokenProblem.FOREIGN_KEY
        try:
            public.verify(signature, signed)
        except Exception:
            return TokenProblem.BAD_SIGNATURE
        for known in self.known:
            if tokens.parse(known.token)[1:] == (signed, signature):
                return known.problem
        pytest.fail(f"a token the site never made verifies: {token!r}")


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gate]:
    node = make_site(
        tmp_path_factory.mktemp("tokens") / "site",
        people=(("1001", "张伟", "总装车间"), ("1002", "Li Na", "QA"), ("1003", "王五", "QA")),
    )
    s = node.services
    old = node.token("1001")
    s.badges.revoke("1001")
    current = node.token("1001")
    inactive = node.token("1003")
    person_3 = s.staff.list(search="1003")[0]
    s.staff.deactivate(person_3.id)
    visitor = s.visitors.register(VisitorForm("访客甲", "13800000000", company="ACME"))
    ids = {p.staff_no: p.id for p in s.staff.list()}
    known = [
        Known("current", current, None, ids["1001"]),
        Known("other", node.token("1002"), None, ids["1002"]),
        Known("revoked", old, TokenProblem.REVOKED, ids["1001"]),
        Known("inactive", inactive, TokenProblem.INACTIVE_PERSON, ids["1003"]),
        Known("visitor pass", visitor.badge.token, None, visitor.person.id),
    ]
    yield Gate(node, known)
    node.close()


# --- mutations ------------------------------------------------------------------------------


def _resign(claims: BadgeClaims, key: Ed25519PrivateKey, claim_key_id: bytes) -> str:
    body = BadgeClaims(
        claims.kind, claim_key_id, claims.person_id, claims.version, claims.expires,
        claims.extra,
    )._body()
    return b32(body + key.sign(b"GK1" + body))


@st.composite
def mutated(draw: st.DrawFn, known: list[Known]) -> str:
    """A token made from one of the site's by one kind of damage or forgery."""
    base = draw(st.sampled_from(known)).token
    raw = raw_of(base)
    how = draw(st.sampled_from([
        "flip", "cut bytes", "cut text", "append", "field", "resign", "noise", "swap", "splice",
    ]))
    if how == "flip":
        out = bytearray(raw)
        for _ in range(draw(st.integers(1, 4))):
            out[draw(st.integers(0, len(out) - 1))] ^= 1 << draw(st.integers(0, 7))
        return b32(bytes(out))
    if how == "cut bytes":
        return b32(raw[: draw(st.integers(0, len(raw) - 1))])
    if how == "cut text":
        return base[: draw(st.integers(0, len(base) - 1))]
    if how == "append":
        return b32(raw + draw(st.binary(min_size=1, max_size=24)))
    claims = tokens.parse(base)[0]
    if how in ("field", "resign"):
        field = draw(st.sampled_from(["kind", "key_id", "person_id", "version", "expires",
                                      "extra"]))
        if field == "kind":
            claims = BadgeClaims(TokenKind(3 - claims.kind), claims.key_id, claims.person_id,
                                 claims.version, claims.expires, claims.extra)
        elif field == "key_id":
            claims = BadgeClaims(claims.kind, draw(st.binary(min_size=4, max_size=4)),
                                 claims.person_id, claims.version, claims.expires, claims.extra)
        elif field == "person_id":
            other = draw(st.sampled_from(known)).person_id
            claims = BadgeClaims(claims.kind, claims.key_id, other, claims.version,
                                 claims.expires, claims.extra)
        elif field == "version":
            claims = BadgeClaims(claims.kind, claims.key_id, claims.person_id,
                                 draw(st.integers(0, 0xFFFF)), claims.expires, claims.extra)
        elif field == "expires":
            moment = draw(st.one_of(st.none(), st.integers(1, 0xFFFFFFFF)))
            expires = None if moment is None else datetime.fromtimestamp(moment, UTC)
            claims = BadgeClaims(claims.kind, claims.key_id, claims.person_id, claims.version,
                                 expires, claims.extra)
        else:
            claims = BadgeClaims(claims.kind, claims.key_id, claims.person_id, claims.version,
                                 claims.expires, draw(st.binary(max_size=tokens.MAX_EXTRA)))
        if how == "field":  # the signature of the original kept
            return b32(claims._body() + raw[-SIGNATURE_LEN:])
        # Signed again by a key of the forger's: under its own key id, or claiming ours.
        own = tokens.key_id_of(OTHER_KEY.public_key())
        return _resign(claims, OTHER_KEY, draw(st.sampled_from([own, claims.key_id])))
    if how == "noise":  # what scanners do: case, blanks, line ends
        text = base.lower() if draw(st.booleans()) else base
        return draw(st.sampled_from(["", " ", "\t", "\r\n"])) + text + draw(
            st.sampled_from(["", "\n", "\r\n", " ", "\x00"]))
    if how == "swap":  # the signature of another of the site's tokens
        other = raw_of(draw(st.sampled_from(known)).token)
        return b32(raw[:-SIGNATURE_LEN] + other[-SIGNATURE_LEN:])
    # splice: the start of one token and the end of another, cut at one place
    other = draw(st.sampled_from(known)).token
    at = draw(st.integers(3, min(len(base), len(other))))
    return base[:at] + other[at:]


def texts(known: list[Known]) -> st.SearchStrategy[str]:
    """Scanned texts: half of them the site's tokens damaged or forged."""
    return st.one_of(
        mutated(known),
        mutated(known),
        mutated(known),
        st.text(max_size=300),
        st.binary(min_size=80, max_size=130).map(b32),  # the size of a token, random inside
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", min_size=140, max_size=180).map(
            lambda t: "GK1" + t),
    )


# --- the properties -------------------------------------------------------------------------


def check_format(gate: Gate, token: str) -> None:
    """parse and verify: a result or TokenError, nothing else."""
    try:
        tokens.parse(token)
    except TokenError as error:
        assert error.problem is TokenProblem.GARBLED and str(error)
    now = gate.node.clock()
    try:
        claims = tokens.verify(token, gate.key_for, now)
    except TokenError as error:
        assert error.problem in (TokenProblem.GARBLED, TokenProblem.FOREIGN_KEY,
                                 TokenProblem.BAD_SIGNATURE, TokenProblem.EXPIRED)
        assert str(error)
    else:
        assert claims.expires is None or claims.expires > now


def check_scan(gate: Gate, token: str) -> None:
    """The kiosk's path: identified only as the token's bytes allow; refused with the right
    reason, logged exactly when the design says so, and nothing else written."""
    node = gate.node
    expected = gate.expected(token)
    if currently_in_test_context():  # --hypothesis-show-statistics shows how often
        statistics_event(str(expected or "identified"))
    before = node.counts()
    screening = node.services.screening
    try:
        identity = screening.identify_token(token)
    except TokenError as error:
        assert error.problem is expected, (token, error)
        outcome = screening.refuse(error, token, Method.QR, Direction.IN)
        assert outcome.decision is Decision.DENY
        assert outcome.reason == reason_for(error.problem) and outcome.message
        after = node.counts()
        if error.problem in LOGGED_PROBLEMS:
            assert outcome.recorded
            changed = {k: after[k] - before[k] for k in after if after[k] != before[k]}
            assert changed == {"screening_events": 1}
            with node.db.session() as session:
                event = session.scalars(
                    select(ScreeningEvent).where(ScreeningEvent.id == outcome.event_id)
                ).one()
                assert (event.decision, event.reason) == ("deny", str(outcome.reason))
                assert event.readings == []
                if error.problem in SIGNED_PROBLEMS:
                    assert event.person_id == tokens.parse(token)[0].person_id
                else:  # a forgery's claims name nobody
                    assert event.person_id is None
        else:
            assert not outcome.recorded and after == before
        return
    assert expected is None, (token, expected)
    claims = tokens.parse(token)[0]
    assert identity.person.id == claims.person_id
    screening.duplicate(identity, Direction.IN)
    screening.declaration_needed(identity)
    assert node.counts() == before


def test_the_known_tokens_are_what_the_oracle_says(gate: Gate) -> None:
    for known in gate.known:
        assert gate.expected(known.token) is known.problem
        check_scan(gate, known.token)


@fuzz(300)
@given(data=st.data())
def test_fuzz_token_format(gate: Gate, data: st.DataObject) -> None:
    check_format(gate, data.draw(texts(gate.known)))


@fuzz(300)
@given(data=st.data())
def test_fuzz_scanned_text_at_the_kiosk(gate: Gate, data: st.DataObject) -> None:
    token = data.draw(texts(gate.known))
    check_format(gate, token)
    check_scan(gate, token)
