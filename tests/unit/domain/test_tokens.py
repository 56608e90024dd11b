from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from gatekeeper.domain import tokens
from gatekeeper.domain.tokens import BadgeClaims, TokenError, TokenKind, TokenProblem

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()


def key_lookup(*known: Ed25519PrivateKey):  # type: ignore[no-untyped-def]
    table = {tokens.key_id_of(k.public_key()): k.public_key() for k in known}

    def key_for(key_id: bytes) -> Ed25519PublicKey | None:
        return table.get(key_id)

    return key_for


def claims(key: Ed25519PrivateKey = KEY, **changes: object) -> BadgeClaims:
    base: dict[str, object] = {
        "kind": TokenKind.BADGE,
        "key_id": tokens.key_id_of(key.public_key()),
        "person_id": uuid.UUID("0193f1a2-0000-7000-8000-000000000001"),
        "version": 1,
    }
    base.update(changes)
    return BadgeClaims(**base)  # type: ignore[arg-type]


def test_round_trip() -> None:
    original = claims(version=7, expires=NOW + timedelta(hours=3))
    token = tokens.sign(original, KEY)
    assert tokens.verify(token, key_lookup(KEY), NOW) == original


def test_token_is_compact_and_fits_qr_version_6_at_m() -> None:
    token = tokens.sign(claims(expires=NOW), KEY)
    assert token.startswith("GK1")
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") | {"G", "K", "1"}
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(token)
    qr.make(fit=True)
    assert qr.version <= 6


def test_visitor_pass_with_extra_still_fits_version_7() -> None:
    token = tokens.sign(
        claims(
            kind=TokenKind.VISITOR_PASS,
            expires=NOW,
            extra=("访客张三" * 4).encode()[: tokens.MAX_EXTRA],
        ),
        KEY,
    )
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(token)
    qr.make(fit=True)
    assert qr.version <= 7


def test_scanner_case_and_whitespace_are_tolerated() -> None:
    token = tokens.sign(claims(), KEY)
    assert tokens.verify(" " + token.lower() + "\r\n", key_lookup(KEY), NOW) == claims()


@pytest.mark.parametrize(
    "text",
    ["", "hello", "GK1", "GK1!!!!", "GK2" + "A" * 150, "GK1" + "A" * 10, "GK1" + "A" * 1000],
)
def test_garbled_text_is_refused(text: str) -> None:
    with pytest.raises(TokenError) as info:
        tokens.verify(text, key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.GARBLED


def test_truncated_token_is_garbled() -> None:
    token = tokens.sign(claims(), KEY)
    for cut in (1, 8, 20, len(token) - 4):
        with pytest.raises(TokenError) as info:
            tokens.verify(token[:cut], key_lookup(KEY), NOW)
        assert info.value.problem is TokenProblem.GARBLED


def test_unknown_kind_is_garbled() -> None:
    raw = bytearray(base64.b32decode(_pad(tokens.sign(claims(), KEY)[3:])))
    raw[0] = 9
    with pytest.raises(TokenError) as info:
        tokens.verify("GK1" + base64.b32encode(bytes(raw)).decode().rstrip("="),
                      key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.GARBLED


def _pad(text: str) -> str:
    return text + "=" * (-len(text) % 8)


def test_altered_field_breaks_signature() -> None:
    token = tokens.sign(claims(version=1), KEY)
    raw = bytearray(base64.b32decode(_pad(token[3:])))
    raw[1 + 4 + 16 + 1] = 2  # version 1 -> 2, signature unchanged
    forged = "GK1" + base64.b32encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(TokenError) as info:
        tokens.verify(forged, key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.BAD_SIGNATURE


def test_forged_with_own_key_claiming_our_key_id() -> None:
    # An attacker signs with their key but writes our key id: bad signature.
    forged_claims = claims(key=KEY)
    body = forged_claims._body()
    signature = OTHER_KEY.sign(b"GK1" + body)
    forged = "GK1" + base64.b32encode(body + signature).decode().rstrip("=")
    with pytest.raises(TokenError) as info:
        tokens.verify(forged, key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.BAD_SIGNATURE


def test_another_sites_key_is_foreign() -> None:
    token = tokens.sign(claims(key=OTHER_KEY), OTHER_KEY)
    with pytest.raises(TokenError) as info:
        tokens.verify(token, key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.FOREIGN_KEY


def test_expired() -> None:
    token = tokens.sign(claims(expires=NOW), KEY)
    tokens.verify(token, key_lookup(KEY), NOW - timedelta(seconds=1))
    with pytest.raises(TokenError) as info:
        tokens.verify(token, key_lookup(KEY), NOW)
    assert info.value.problem is TokenProblem.EXPIRED


def test_sign_refuses_mismatched_key_id() -> None:
    with pytest.raises(ValueError):
        tokens.sign(claims(key=OTHER_KEY), KEY)


def test_every_problem_has_a_message() -> None:
    for problem in TokenProblem:
        assert str(TokenError(problem))


@settings(max_examples=500)
@given(st.text(max_size=400))
def test_fuzz_any_text_is_refused_cleanly(text: str) -> None:
    try:
        tokens.verify(text, key_lookup(KEY), NOW)
    except TokenError as exc:
        assert str(exc)
    else:  # pragma: no cover - would be a forgery found by chance
        pytest.fail(f"random text verified: {text!r}")


VALID = tokens.sign(claims(version=3), KEY)


@settings(max_examples=500)
@given(st.integers(0, len(VALID) - 1), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=!a "))
def test_fuzz_one_character_changed(position: int, char: str) -> None:
    mutated = VALID[:position] + char + VALID[position + 1 :]
    try:
        result = tokens.verify(mutated, key_lookup(KEY), NOW)
    except TokenError:
        return
    # Only changes that decode to the same bytes (letter case, unused padding bits) may pass,
    # and then they must carry the very same claims.
    assert result == claims(version=3)


@settings(max_examples=300)
@given(st.binary(min_size=0, max_size=200))
def test_fuzz_random_bytes_in_base32(raw: bytes) -> None:
    text = "GK1" + base64.b32encode(raw).decode().rstrip("=")
    with pytest.raises(TokenError):
        tokens.verify(text, key_lookup(KEY), NOW)
