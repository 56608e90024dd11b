"""End to end in a real browser: `gatekeeper serve` in its own process, Debian's Chromium
driven by Playwright on a phone-sized screen. A visitor registers and gets a pass; the pass
image decodes to a token that a gate which was never online accepts (`gatekeeper verify` and
the kiosk), and the gate's record imports centrally; an employee's declaration counts in the
officer's "nobody missed" view."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from webrun import CHROMIUM_ARGS, PHONE, Site, chromium, make_site, ok, run, serving

from gatekeeper.config import Paths
from gatekeeper.scanner.decoder import decode_image_file
from gatekeeper.services.container import build_services
from gatekeeper.services.setup import SetupService
from gatekeeper.storage.database import Database, sqlite_url

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def where(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(tmp_path_factory.mktemp("web"),
                     people=(("1001", "张伟", "总装车间"), ("1002", "Li Na", "QA")))


@pytest.fixture(scope="module")
def url(where: Site) -> Iterator[str]:
    with serving(where, where.root / "serve.log") as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def phone(browser: Browser, locale: str) -> Any:
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                               has_touch=True, locale=locale)


def fill_health(page: Page, *, contact: str) -> None:
    page.get_by_role("radio", name=contact, exact=True).check()


def test_a_visitor_registers_on_a_phone_and_the_offline_gate_admits_the_pass(
    where: Site, url: str, browser: Browser, tmp_path: Path
) -> None:
    context = phone(browser, "zh-CN")
    page = context.new_page()
    page.goto(url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    page.get_by_role("link", name=re.compile("我是来访者")).click()
    expect(page.get_by_role("heading", name="来访登记")).to_be_visible()
    page.get_by_label("姓名").fill("王芳")
    page.get_by_label("手机号码").fill("138 0000 1111")
    page.get_by_label("单位").fill("华东物流")
    page.get_by_label("被访人").fill("张伟")
    page.get_by_label("来访事由").fill("送货")
    page.get_by_role("radio", name="访客").check()
    page.get_by_label("近14天去过的地方").fill("上海，苏州")
    fill_health(page, contact="否")
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="提交并领取通行码").click()

    expect(page.get_by_role("heading", name="王芳")).to_be_visible()
    assert re.fullmatch(re.escape(url) + r"/pass/[A-Za-z0-9_-]{43}", page.url)
    qr = page.get_by_role("img", name="王芳的通行码")
    expect(qr).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                           arg=qr.element_handle(), timeout=10_000)
    # What the phone shows, photographed: the image on the screen.
    shot = tmp_path / "camera" / "pass.png"
    shot.parent.mkdir()
    qr.screenshot(path=str(shot))
    (decoded,) = decode_image_file(shot)
    token = decoded.text
    assert token.startswith("GK1")
    # The saved picture holds the same code.
    with page.expect_download() as download:
        page.get_by_role("link", name="保存二维码图片").click()
    saved = tmp_path / "saved.png"
    download.value.save_as(saved)
    assert [d.text for d in decode_image_file(saved)] == [token]
    context.close()

    # A gate provisioned before the visitor registered, never online since.
    verified = run(where.gate, "verify", token)
    assert verified.code == 0, verified.err
    person = verified.json()
    assert (person["name"], person["kind"], person["valid"]) == ("王芳", "visitor", True)
    # The kiosk, unattended, sees the pass on its camera and takes the temperature.
    kiosk = run(where.gate, "kiosk", "--unattended", "--camera", shot.parent,
                "--thermometer", "sim:36.6", "--run-seconds", "12", timeout=120)
    assert kiosk.code == 0, kiosk.err
    events = ok(run(where.gate, "log", "--format", "json")).json_lines()
    assert [(e["name"], e["decision"], e["direction"], e["method"]) for e in events] == [
        ("王芳", "pass", "in", "qr")
    ]
    assert events[0]["temperatures_c"] == [36.6]

    # Later the gate's records reach the site, and name the visitor the web registered.
    usb = where.root / "usb"
    files = ok(run(where.gate, "export-sync", "--out", usb)).out.split()
    ok(run(where.site, "import-sync", *files))
    central = [e for e in ok(run(where.site, "log", "--format", "json")).json_lines()
               if e["gate"] == "South Gate"]
    assert [(e["name"], e["staff_no"], e["decision"]) for e in central] == [
        ("王芳", person["staff_no"], "pass")
    ]


def test_an_employee_declares_on_a_phone_and_the_officer_sees_it(
    where: Site, url: str, browser: Browser
) -> None:
    code = ok(run(where.site, "staff", "code", "1001")).out.split(":")[-1].strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    context = phone(browser, "en-US")
    page = context.new_page()
    page.goto(url + "/")
    page.get_by_role("link", name=re.compile("I work here")).click()
    page.get_by_label("Staff number").fill("1001")
    page.get_by_label("Personal code").fill("WXYZ2345")
    fill_health(page, contact="No")
    page.get_by_role("button", name="Send my declaration").click()
    expect(page.get_by_role("alert")).to_have_text(
        "The staff number or the personal code is wrong."
    )
    page.get_by_label("Personal code").fill(code)
    page.get_by_role("checkbox", name="Cough").check()
    page.get_by_role("checkbox", name="Cough").uncheck()
    fill_health(page, contact="No")
    page.get_by_role("button", name="Send my declaration").click()
    expect(page.get_by_role("heading", name="Declaration recorded")).to_be_visible()
    expect(page.get_by_text("Thank you, 张伟.")).to_be_visible()
    # The switch keeps the visitor on the page, in the other language.
    page.goto(url + "/declare")
    page.get_by_role("link", name="中文").click()
    expect(page.get_by_role("heading", name="每日健康申报")).to_be_visible()
    context.close()

    # The officer's "nobody missed" view, on the site's database.
    paths = Paths(where.site)
    db = Database(sqlite_url(paths.database_file))
    try:
        installation = SetupService(db, paths).require_installation()
        services = build_services(db, paths, installation)
        missed = {row.person.staff_no: row for row in services.presence.not_screened_today()}
        assert missed["1001"].declared_today
        assert not missed["1002"].declared_today
    finally:
        db.dispose()


def test_the_web_service_refuses_to_run_with_the_sites_key(where: Site) -> None:
    result = run(where.site, "serve", "--port", "1")
    assert result.code == 1
    assert "must not run with it" in result.err
