"""Screenshots of the self-service pages on a phone-sized screen (390x844), in English and
Simplified Chinese, into docs/screenshots/web-*-{en,zh}.png.

Runs the real thing: a throw-away site with its web service (`gatekeeper serve` in its own
process) and Debian's Chromium driven by Playwright, as tests/web/test_web_browser.py does.

    .venv/bin/python tools/screenshots_web.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from webrun import CHROMIUM_ARGS, PHONE, chromium, make_site, ok, run, serving  # noqa: E402

VISITORS = {
    "en": {"name": "Maria Lopez", "phone": "+86 138 0000 1111", "company": "Acme Logistics",
           "host": "Zhang Wei", "purpose": "Delivery of spare parts", "places": "Shanghai"},
    "zh": {"name": "王芳", "phone": "138 0000 1111", "company": "华东物流", "host": "张伟",
           "purpose": "送货", "places": "上海，苏州"},
}
LOCALES = {"en": "en-US", "zh": "zh-CN"}
WORDS = {
    "en": {"name": "Full name", "phone": "Mobile phone", "company": "Company",
           "host": "Person you visit", "purpose": "Purpose of the visit",
           "places": "Places visited in the last 14 days", "visitor": "Visitor", "no": "No",
           "submit": "Register and get my pass", "staff_no": "Staff number",
           "code": "Personal code", "declare": "Send my declaration"},
    "zh": {"name": "姓名", "phone": "手机号码", "company": "单位", "host": "被访人",
           "purpose": "来访事由", "places": "近14天去过的地方", "visitor": "访客", "no": "否",
           "submit": "提交并领取通行码", "staff_no": "工号", "code": "个人码",
           "declare": "提交申报"},
}


def shoot(page: Page, out: Path, name: str, language: str) -> None:
    path = out / f"web-{name}-{language}.png"
    page.screenshot(path=str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        where = make_site(Path(tmp) / "demo", people=(("1001", "张伟", "总装车间"),))
        code = ok(run(where.site, "staff", "code", "1001")).out.split(":")[-1].strip()
        with serving(where, Path(tmp) / "serve.log") as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            for language in ("en", "zh"):
                words, visitor = WORDS[language], VISITORS[language]
                context = browser.new_context(viewport=PHONE, device_scale_factor=1,
                                              is_mobile=True, has_touch=True,
                                              locale=LOCALES[language])
                page = context.new_page()
                page.goto(url + "/")
                shoot(page, args.out, "home", language)

                page.goto(url + "/visit")
                for field in ("name", "phone", "company"):
                    page.get_by_label(words[field]).fill(visitor[field])
                page.get_by_role("radio", name=words["visitor"]).check()
                shoot(page, args.out, "visit", language)

                page.get_by_label(words["host"]).fill(visitor["host"])
                page.get_by_label(words["purpose"]).fill(visitor["purpose"])
                page.get_by_label(words["phone"]).fill("call me")
                page.get_by_role("radio", name=words["no"], exact=True).check()
                page.get_by_role("button", name=words["submit"]).click()
                page.locator(".field.invalid").first.scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -120)")
                shoot(page, args.out, "visit-problems", language)

                page.get_by_label(words["phone"]).fill(visitor["phone"])
                page.get_by_label(words["places"]).fill(visitor["places"])
                page.get_by_role("radio", name=words["no"], exact=True).check()
                page.get_by_role("button", name=words["submit"]).click()
                page.wait_for_function("() => { const i = document.querySelector('.qr img');"
                                       " return i && i.complete && i.naturalWidth > 0; }")
                shoot(page, args.out, "pass", language)

                page.goto(url + "/declare")
                page.get_by_label(words["staff_no"]).fill("1001")
                shoot(page, args.out, "declare", language)
                page.get_by_label(words["code"]).fill(code)
                page.get_by_role("radio", name=words["no"], exact=True).check()
                page.get_by_role("button", name=words["declare"]).click()
                shoot(page, args.out, "declared", language)
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
