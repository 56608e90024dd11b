"""The web pages' own catalog (gatekeeper/web/i18n.py) and the small defences in
gatekeeper/web/security.py."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from gatekeeper.services.selfservice import SYMPTOMS
from gatekeeper.web import i18n
from gatekeeper.web.security import Csrf, TokenBuckets, load_secret

WEB = Path(i18n.__file__).resolve().parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_a_chinese_entry_and_the_same_placeholders() -> None:
    assert set(i18n.ZH_CN) == set(i18n.EN)
    for key, english in i18n.EN.items():
        assert placeholders(i18n.ZH_CN[key]) == placeholders(english), key
        assert CJK.search(i18n.ZH_CN[key]), f"{key} is not translated"


def test_every_key_the_pages_use_exists() -> None:
    used: set[str] = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bt\('([a-z_.0-9]*[a-z0-9])'""", template.read_text("utf-8")))
    used |= set(re.findall(r"""\bt\("([a-z_.0-9]+)\"""", (WEB / "app.py").read_text("utf-8")))
    # Keys made from values: symptoms, kinds, pass states, problems, error statuses.
    used |= {f"symptom.{code}" for code in SYMPTOMS}
    used |= {"kind.visitor", "kind.contractor"}
    used |= {f"pass.state.{s}" for s in ("expired", "replaced", "refused")}
    source = (WEB.parent / "services" / "selfservice.py").read_text("utf-8")
    codes = set(re.findall(r'Problem\("[a-z_]+", "([a-z_]+)"', source))
    assert {"required", "too_long", "phone", "date_far", "code_format"} <= codes
    used |= {f"problem.{code}" for code in codes} | {"problem.choose"}
    used |= {f"error.{status}" for status in (400, 403, 404, 405, 413, 429, 500)}
    assert used - set(i18n.EN) == set()
    assert len(used) > 60


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("zh-CN,zh;q=0.9", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr-FR, zh;q=0.5, en;q=0.4", "zh_CN"),
        ("de, fr", None),
        ("en;q=0, zh;q=0.1", "zh_CN"),
        ("en;q=abc, zh", "zh_CN"),
        ("*", None),
        ("zh-TW;q=0.1," * 200, "zh_CN"),
    ],
)
def test_the_browsers_language(header: str | None, expected: str | None) -> None:
    assert i18n.from_accept_language(header) == expected


def test_the_cookie_wins_and_english_is_the_fallback() -> None:
    assert i18n.choose("zh_CN", "en") == "zh_CN"
    assert i18n.choose("en", "zh-CN") == "en"
    assert i18n.choose("klingon", "zh-CN") == "zh_CN"
    assert i18n.choose(None, None) == "en"


def test_dates_in_both_languages() -> None:
    day = date(2026, 11, 27)
    assert i18n.format_date(day, "en") == "Fri 27 Nov 2026"
    assert i18n.format_date(day, "zh_CN") == "2026年11月27日（周五）"


def test_translator_fills_placeholders() -> None:
    assert i18n.translator("zh_CN")("problem.too_long", limit=5) == "最多5个字符。"
    assert i18n.translator("xx")("answer.no") == "No"


# --- security helpers -----------------------------------------------------------------------


def test_token_buckets_refill_and_stay_bounded() -> None:
    now = [0.0]
    buckets = TokenBuckets(2, 1.0, max_clients=3, clock=lambda: now[0])
    assert buckets.take("a") == 0 and buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.wait("a") == pytest.approx(1.0)
    now[0] += 1.0
    assert buckets.wait("a") == 0 and buckets.take("a") == 0
    for key in "bcdef":
        buckets.take(key)
    assert len(buckets) == 3
    with pytest.raises(ValueError):
        TokenBuckets(0, 1.0)


def test_csrf_tokens_are_bound_to_their_cookie() -> None:
    csrf = Csrf(b"k" * 32)
    cookie = csrf.new_cookie()
    token = csrf.token_for(cookie)
    assert csrf.check(cookie, token)
    assert not csrf.check(csrf.new_cookie(), token)
    assert not csrf.check(cookie, token[:-1] + ("0" if token[-1] != "0" else "1"))
    assert not csrf.check(None, token) and not csrf.check(cookie, None)
    assert not csrf.check("short", csrf.token_for("short"))
    assert not Csrf(b"j" * 32).check(cookie, token)
    with pytest.raises(ValueError):
        Csrf(b"tiny")


def test_the_secret_is_kept_private_and_reused(tmp_path: Path) -> None:
    first = load_secret(tmp_path / "keys")
    assert len(first) == 32
    path = tmp_path / "keys" / "web_session.key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_secret(tmp_path / "keys") == first
