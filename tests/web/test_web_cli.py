"""The self-service commands of the real `gatekeeper`: staff code, self-service-url, serve's
refusals."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from webrun import Site, make_site, ok, run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def where(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(tmp_path_factory.mktemp("webcli"), people=(("1001", "张伟", "总装车间"),))


def test_staff_code_is_printed_once_and_stored_hashed(where: Site) -> None:
    result = ok(run(where.site, "staff", "code", "1001"))
    code = re.fullmatch(r"Personal code of 1001: ([A-Z2-9]{4}-[A-Z2-9]{4})\n", result.out)
    assert code, result.out
    assert "shown this once" in result.err
    with sqlite3.connect(where.site / "gatekeeper.db") as db:
        (stored,) = db.execute("SELECT code_hash FROM person_codes").fetchone()
    assert stored.startswith("$argon2id$")
    assert code.group(1).replace("-", "").encode() not in (
        where.site / "gatekeeper.db"
    ).read_bytes()
    assert ok(run(where.site, "staff", "code", "1001", "--clear")).out == (
        "Personal code of 1001 removed.\n"
    )
    assert "had no personal code" in ok(run(where.site, "staff", "code", "1001",
                                            "--clear")).out
    unknown = run(where.site, "staff", "code", "4242")
    assert unknown.code == 1 and "No person with staff number 4242" in unknown.err


def test_the_kiosk_address_setting(where: Site) -> None:
    assert ok(run(where.gate, "self-service-url")).out == "\n"
    set_ = ok(run(where.gate, "self-service-url", "http://10.0.0.5:8080/"))
    assert "http://10.0.0.5:8080/" in set_.out
    assert ok(run(where.gate, "self-service-url")).out == "http://10.0.0.5:8080/\n"
    bad = run(where.gate, "self-service-url", "10.0.0.5")
    assert bad.code == 1 and "must start with http://" in bad.err
    ok(run(where.gate, "self-service-url", "--clear"))
    assert ok(run(where.gate, "self-service-url")).out == "\n"


def test_serve_says_what_is_missing(where: Site, tmp_path: Path) -> None:
    bad_port = run(where.web, "serve", "--database", where.database, "--port", "70000")
    assert bad_port.code == 1 and "--port" in bad_port.err
    empty = run(tmp_path / "nothing", "serve", "--database", where.database)
    assert empty.code == 1 and "holds no web service key" in empty.err
    # The web service's key on the database of another site.
    ok(run(tmp_path / "other", "init", "--site", "Other", "--gate", "Gate",
           "--timezone", "Asia/Shanghai"))
    database = f"sqlite:///{tmp_path / 'other' / 'gatekeeper.db'}"
    other = run(where.web, "serve", "--database", database)
    assert other.code == 1 and "not a web service key of the site" in other.err
