"""The self-service pages through FastAPI's test client: every validation rule, the abuse
cases (CSRF, rate limits, oversized bodies, other people's passes, code guessing) and the
language choice."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from webhelp import FakeClock, csrf_of, good_visit

from gatekeeper.scanner.decoder import QrDecoder
from gatekeeper.services.container import Services
from gatekeeper.services.selfservice import SelfService
from gatekeeper.storage.models import HealthDeclaration, Person, Visit
from gatekeeper.web.security import CSP, Limits

PASS_URL = re.compile(r"^/pass/([A-Za-z0-9_-]{43})$")


def counts(site: Services) -> tuple[int, int, int]:
    with site.db.session() as session:
        return (
            int(session.scalar(select(func.count()).select_from(Person)) or 0),
            int(session.scalar(select(func.count()).select_from(Visit)) or 0),
            int(session.scalar(select(func.count()).select_from(HealthDeclaration)) or 0),
        )


def post_visit(client: TestClient, **changes: Any) -> Any:
    token = csrf_of(client.get("/visit").text)
    return client.post("/visit", data={**good_visit(**changes), "csrf": token},
                       follow_redirects=False)


def register(client: TestClient, **changes: Any) -> str:
    response = post_visit(client, **changes)
    assert response.status_code == 303, response.text
    found = PASS_URL.match(response.headers["location"])
    assert found
    return found.group(1)


def decode_png(data: bytes) -> str:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    (result,) = QrDecoder().decode(image)
    return result.text


# --- pages, headers, language ---------------------------------------------------------------


def test_home_in_english_and_chinese_from_the_browsers_language(client: TestClient) -> None:
    en = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert en.status_code == 200
    assert '<html lang="en">' in en.text and "I am visiting" in en.text
    zh = client.get("/", headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert '<html lang="zh-CN">' in zh.text and "我是来访者" in zh.text
    assert "欢迎来到华东一厂" in zh.text
    other = client.get("/", headers={"accept-language": "de-DE,fr;q=0.5"})
    assert "I am visiting" in other.text
    ranked = client.get("/", headers={"accept-language": "en;q=0.2, zh;q=0.8"})
    assert "我是来访者" in ranked.text


def test_the_switch_sets_a_cookie_that_wins_over_the_browser(client: TestClient) -> None:
    switched = client.get("/lang/zh_CN?next=/visit", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/visit"
    assert "gk_lang=zh_CN" in switched.headers["set-cookie"]
    page = client.get("/visit", headers={"accept-language": "en"})
    assert "来访登记" in page.text
    back = client.get("/lang/en?next=/", follow_redirects=True)
    assert "I am visiting" in back.text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/../etc", "javascript:alert(1)",
               "/visit?x=1", ""],
)
def test_the_switch_goes_back_to_our_own_pages_only(client: TestClient, target: str) -> None:
    response = client.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_an_unknown_language_is_not_found(client: TestClient) -> None:
    assert client.get("/lang/fr").status_code == 404


def test_security_headers_on_every_page(client: TestClient) -> None:
    for path in ("/", "/visit", "/declare", "/nowhere"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP
        assert "script-src 'none'" in CSP and "default-src 'self'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"
        assert "server" not in response.headers
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]


def test_pages_load_nothing_from_outside_and_run_no_script(client: TestClient) -> None:
    for path in ("/", "/visit", "/declare"):
        html = client.get(path).text
        assert "<script" not in html.lower()
        assert re.search(r'(src|href)="(https?:)?//', html) is None
        assert " on" not in re.sub(r">[^<]*<", "><", html).lower().replace("one", "")


def test_no_api_documentation_is_exposed(client: TestClient) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"


# --- visitors -------------------------------------------------------------------------------


def test_a_visitor_registers_and_gets_a_pass_that_verifies(
    client: TestClient, site: Services
) -> None:
    form = client.get("/visit")
    assert form.status_code == 200
    assert "gk_csrf=" in form.headers["set-cookie"]
    assert "HttpOnly" in form.headers["set-cookie"]
    assert "samesite=strict" in form.headers["set-cookie"].lower()
    capability = register(client, name="王芳", symptoms=None)
    page = client.get(f"/pass/{capability}")
    assert page.status_code == 200
    assert "王芳" in page.text and "Valid on Fri 27 Nov 2026" in page.text
    assert f'src="/pass/{capability}/qr.png"' in page.text
    assert "13800001111" not in page.text  # the phone number is not shown back
    png = client.get(f"/pass/{capability}/qr.png")
    assert png.headers["content-type"] == "image/png"
    assert png.headers["cache-control"] == "no-store"
    verified = site.badges.verify(decode_png(png.content))
    assert verified.person.name == "王芳" and verified.web_pass is not None
    download = client.get(f"/pass/{capability}/qr.png?download=1")
    assert download.headers["content-disposition"] == 'attachment; filename="pass-2026-11-27.png"'


def test_the_date_choices_are_today_and_the_week_ahead(client: TestClient) -> None:
    html = client.get("/visit").text
    dates = re.findall(r'<option value="(\d{4}-\d\d-\d\d)"', html)
    assert dates[0] == "2026-11-27" and dates[-1] == "2026-12-04" and len(dates) == 8
    assert "Today · Fri 27 Nov 2026" in html and "Tomorrow · Sat 28 Nov 2026" in html


# Every rule of the form, with the message shown next to its field (in English).
RULES = [
    ("name", "", "Please fill this in."),
    ("name", "x" * 101, "At most 100 characters."),
    ("name", "a\x01b", "Contains characters that are not allowed."),
    ("phone", "", "Please fill this in."),
    ("phone", "not a phone", "Digits only"),
    ("company", "c" * 101, "At most 100 characters."),
    ("host", "", "Please fill this in."),
    ("host", "h" * 101, "At most 100 characters."),
    ("purpose", "", "Please fill this in."),
    ("purpose", "p" * 201, "At most 200 characters."),
    ("kind", "employee", "Please choose from the options shown."),
    ("kind", None, "Please choose from the options shown."),
    ("visit_date", "", "Please choose an answer."),
    ("visit_date", "27/11/2026", "Not a valid date."),
    ("visit_date", "2026-11-26", "That day is over"),
    ("visit_date", "2026-12-05", "At most 7 days ahead."),
    ("symptoms", ["sneezing"], "Please choose from the options shown."),
    ("places", "x" * 601, "At most 600 characters."),
    ("places", ",".join("abcdefghijk"), "At most 10 places."),
    ("places", "y" * 61, "At most 60 characters for each place."),
    ("contact", None, "Please choose an answer."),
    ("contact", "perhaps", "Please choose an answer."),
]


@pytest.mark.parametrize(("field", "value", "message"), RULES,
                         ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(RULES)])
def test_every_rule_shows_its_message_next_to_the_field(
    client: TestClient, site: Services, field: str, value: Any, message: str
) -> None:
    response = post_visit(client, **{field: value})
    assert response.status_code == 400
    html = response.text
    found = re.search(rf'<p class="problem" id="e-{field}">([^<]*)</p>', html)
    assert found, html
    assert message in found.group(1)
    assert "Please correct the fields marked below." in html
    assert counts(site) == (0, 0, 0)


def test_the_form_keeps_what_was_typed(client: TestClient) -> None:
    html = post_visit(client, phone="x", symptoms=["cough"], contact="yes").text
    assert 'value="王芳"' in html and 'value="华东物流"' in html
    assert re.search(r'value="cough" checked', html)
    assert re.search(r'value="yes" checked', html)


def test_typed_text_is_escaped(client: TestClient) -> None:
    html = post_visit(client, name="<script>alert(1)</script>", phone="x").text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_messages_in_chinese(client: TestClient) -> None:
    client.cookies.set("gk_lang", "zh_CN")
    html = post_visit(client, name="", visit_date="2026-12-09").text
    assert "此项必填。" in html and "最多可提前7天登记。" in html
    assert "请修改下面标出的内容。" in html


def test_a_risky_declaration_gets_no_pass(client: TestClient) -> None:
    capability = register(client, symptoms=["fever"])
    page = client.get(f"/pass/{capability}")
    assert page.status_code == 200
    assert "no pass was issued" in page.text
    assert "qr.png" not in page.text
    assert client.get(f"/pass/{capability}/qr.png").status_code == 404


# --- a visitor sees only their own pass -----------------------------------------------------


def test_nobody_reaches_another_persons_pass(client: TestClient, site: Services) -> None:
    mine = register(client, name="王芳")
    theirs = register(client, name="Li Lei", phone="13900002222")
    assert "Li Lei" not in client.get(f"/pass/{mine}").text
    assert "王芳" not in client.get(f"/pass/{theirs}").text
    with site.db.session() as session:
        ids = [str(p.id) for p in session.scalars(select(Person))]
        staff_nos = [p.staff_no for p in session.scalars(select(Person))]
    for guess in [*ids, *staff_nos, "1", "2", mine[:-1] + ("A" if mine[-1] != "A" else "B"),
                  mine.upper() if mine.upper() != mine else mine.lower(), mine + "x"]:
        for path in (f"/pass/{guess}", f"/pass/{guess}/qr.png"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert "王芳" not in response.text and "Li Lei" not in response.text


def test_a_pass_after_its_day_shows_no_code(client: TestClient, clock: FakeClock) -> None:
    capability = register(client)
    clock.advance(days=1)
    assert "This pass has expired." in client.get(f"/pass/{capability}").text
    assert client.get(f"/pass/{capability}/qr.png").status_code == 404


def test_pass_addresses_stay_out_of_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="gatekeeper.web"):
        capability = register(client)
        client.get(f"/pass/{capability}")
        client.get(f"/pass/{capability}/qr.png")
    assert "GET /pass/… 200" in caplog.text
    assert capability not in caplog.text


# --- CSRF -----------------------------------------------------------------------------------


def test_a_post_without_a_csrf_token_is_refused(client: TestClient, site: Services) -> None:
    client.get("/visit")
    response = client.post("/visit", data=good_visit())
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert counts(site) == (0, 0, 0)


def test_a_wrong_csrf_token_is_refused(client: TestClient, site: Services) -> None:
    token = csrf_of(client.get("/visit").text)
    wrong = ("0" if token[0] != "0" else "1") + token[1:]
    assert client.post("/visit", data={**good_visit(), "csrf": wrong}).status_code == 403
    assert client.post("/visit", data={**good_visit(), "csrf": "x"}).status_code == 403
    assert counts(site) == (0, 0, 0)


def test_a_token_of_another_browser_is_refused(
    client: TestClient, selfservice: SelfService, site: Services
) -> None:
    token = csrf_of(client.get("/visit").text)
    client.cookies.clear()
    client.cookies.set("gk_csrf", "B" * 43)
    assert client.post("/visit", data={**good_visit(), "csrf": token}).status_code == 403
    client.cookies.clear()
    assert client.post("/visit", data={**good_visit(), "csrf": token}).status_code == 403
    assert counts(site) == (0, 0, 0)


def test_a_post_from_another_origin_is_refused(client: TestClient, site: Services) -> None:
    token = csrf_of(client.get("/visit").text)
    response = client.post("/visit", data={**good_visit(), "csrf": token},
                           headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    same = client.post("/visit", data={**good_visit(), "csrf": token},
                       headers={"origin": "http://testserver"}, follow_redirects=False)
    assert same.status_code == 303
    assert counts(site) == (1, 1, 1)


def test_the_declaration_form_needs_its_token_too(client: TestClient) -> None:
    client.get("/declare")
    response = client.post("/declare", data={"staff_no": "1001", "code": "AAAA2222",
                                             "contact": "no"})
    assert response.status_code == 403


# --- sizes and counts -----------------------------------------------------------------------


def test_an_oversized_body_is_refused(client: TestClient, site: Services) -> None:
    token = csrf_of(client.get("/visit").text)
    response = client.post("/visit", data={**good_visit(places="x" * 20_000), "csrf": token})
    assert response.status_code == 413
    assert "Too much data was sent." in response.text
    assert counts(site) == (0, 0, 0)


def test_an_oversized_chunked_body_is_refused(client: TestClient, site: Services) -> None:
    token = csrf_of(client.get("/visit").text)

    def chunks() -> Iterator[bytes]:
        yield f"csrf={token}&name=a&places=".encode()
        for _ in range(40):
            yield b"x" * 1000

    response = client.post("/visit", content=chunks(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert counts(site) == (0, 0, 0)


def test_unknown_fields_files_and_too_many_fields_are_refused(client: TestClient) -> None:
    token = csrf_of(client.get("/visit").text)
    extra = client.post("/visit", data={**good_visit(), "csrf": token, "admin": "1"})
    assert extra.status_code == 400
    upload = client.post("/visit", data={**good_visit(), "csrf": token},
                         files={"name": ("a.txt", b"hello", "text/plain")})
    assert upload.status_code == 400
    many = client.post("/visit", data={**good_visit(), "csrf": token,
                                       "symptoms": ["fever"] * 60})
    assert many.status_code == 400
    duplicated = client.post("/visit", data={**good_visit(), "csrf": token,
                                             "symptoms": ["fever"] * 20})
    assert duplicated.status_code == 400  # more ticks than there are symptoms


# --- rate limits ----------------------------------------------------------------------------


@pytest.mark.parametrize("limits", [Limits(requests_burst=5, requests_per_second=0.01)])
def test_too_many_requests_from_one_client(client: TestClient) -> None:
    for _ in range(5):
        assert client.get("/").status_code == 200
    refused = client.get("/")
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert "Too many requests from your device" in refused.text


@pytest.mark.parametrize("limits", [Limits(posts_burst=2, posts_per_second=0.001)])
def test_too_many_posts_from_one_client(client: TestClient, site: Services) -> None:
    register(client)
    register(client, phone="13900002222")
    response = post_visit(client, phone="13700003333")
    assert response.status_code == 429
    assert counts(site)[1] == 2


def test_the_number_of_clients_remembered_is_bounded(client: TestClient) -> None:
    requests_limit, _, _ = client.app.state.limits  # type: ignore[attr-defined]
    for n in range(requests_limit.max_clients + 50):
        requests_limit.take(f"10.0.{n // 256}.{n % 256}")
    assert len(requests_limit) == requests_limit.max_clients


# --- employees ------------------------------------------------------------------------------


@pytest.fixture
def code(site: Services, selfservice: SelfService) -> str:
    site.staff.add(staff_no="1001", name="张伟", department="总装车间")
    return selfservice.set_code("1001", actor="officer")


def post_declaration(client: TestClient, staff_no: str, code: str, **extra: Any) -> Any:
    token = csrf_of(client.get("/declare").text)
    data = {"staff_no": staff_no, "code": code, "contact": "no", "csrf": token, **extra}
    return client.post("/declare", data=data)


def test_an_employee_declares_with_staff_number_and_code(
    client: TestClient, site: Services, code: str
) -> None:
    response = post_declaration(client, "1001", code.lower(), places="Wuhan")
    assert response.status_code == 200
    assert "Thank you, 张伟" in response.text and "Fri 27 Nov 2026" in response.text
    (missed,) = site.presence.not_screened_today()
    assert missed.declared_today


def test_a_wrong_code_is_refused_without_saying_which_part_was_wrong(
    client: TestClient, site: Services, code: str
) -> None:
    wrong = "AAAA2222" if code != "AAAA2222" else "BBBB3333"
    response = post_declaration(client, "1001", wrong)
    assert response.status_code == 403
    assert "The staff number or the personal code is wrong." in response.text
    assert wrong not in response.text and code not in response.text
    unknown = post_declaration(client, "9999", wrong)
    assert unknown.status_code == 403
    assert "The staff number or the personal code is wrong." in unknown.text
    assert counts(site)[2] == 0


def test_code_guessing_is_throttled_per_staff_number(
    client: TestClient, site: Services, code: str
) -> None:
    wrong = "AAAA2222" if code != "AAAA2222" else "BBBB3333"
    for _ in range(5):
        assert post_declaration(client, "1001", wrong).status_code == 403
    blocked = post_declaration(client, "1001", code)
    assert blocked.status_code == 429
    assert "Too many wrong codes for this staff number. Try again in 2 min." in blocked.text
    assert counts(site)[2] == 0


@pytest.mark.parametrize("limits", [Limits(code_failures_burst=3,
                                           code_failures_per_second=0.001)])
def test_code_guessing_is_throttled_per_client(
    client: TestClient, site: Services, code: str
) -> None:
    for staff_no in ("2001", "2002", "2003"):
        assert post_declaration(client, staff_no, "AAAA2222").status_code == 403
    # Another staff number from the same client: not even checked.
    blocked = post_declaration(client, "1001", code)
    assert blocked.status_code == 429
    assert counts(site)[2] == 0


def test_declaration_fields_show_their_messages(client: TestClient, code: str) -> None:
    response = post_declaration(client, "", "12", contact="")
    assert response.status_code == 400
    assert re.search(r'id="e-staff_no">Please fill this in\.', response.text)
    assert re.search(r'id="e-code">The code has 8 letters and digits', response.text)
    assert re.search(r'id="e-contact">Please choose an answer\.', response.text)


def test_a_risky_employee_declaration_says_stay_home(client: TestClient, code: str) -> None:
    response = post_declaration(client, "1001", code, symptoms="cough")
    assert response.status_code == 200
    assert "please do not come to work today" in response.text


# --- errors name nobody ---------------------------------------------------------------------


def test_an_unexpected_error_shows_a_plain_page(
    client: TestClient, selfservice: SelfService, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(capability: str) -> None:
        raise RuntimeError("王芳 +8613800001111 secret detail")

    monkeypatch.setattr(selfservice, "pass_page", broken)
    response = client.get("/pass/" + "A" * 43)
    assert response.status_code == 500
    assert "The service had a problem" in response.text
    assert "王芳" not in response.text and "secret detail" not in response.text
    assert "Traceback" not in response.text


def test_wrong_methods_and_addresses(client: TestClient) -> None:
    assert client.put("/visit").status_code == 405
    missing = client.get("/pass/")
    assert missing.status_code == 404
    assert "This page does not exist" in missing.text
