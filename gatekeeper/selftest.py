"""``gatekeeper --self-test``: does gatekeeper work on this machine, as installed?

For IT after installing (and for the tests of the PyInstaller bundle): one line per check,
exit 0 only when every check passed.

    resources     translations, sounds, the bundled font and the database migrations are in
                  the package
    database      a new SQLite database made in a temporary folder: migrations run,
                  integrity_check ok, WAL
    installation  only with --data-dir or --database: that database is opened and checked
                  (schema, integrity, site and gate); nothing in it is changed
    badge         a person enrolled and a badge drawn to PNG with the Chinese font
    decode        that PNG decoded again and the badge's signature verified
    kiosk         the kiosk window built as `gatekeeper kiosk` builds it (demo camera),
                  rendered once offscreen, with a camera frame on it
    fonts         the Chinese text on that kiosk drawn with real glyphs (no boxes)
    translations  the kiosk speaks the chosen language

Everything the self-test writes goes to a temporary folder that is removed afterwards. The
kiosk is rendered offscreen unless QT_QPA_PLATFORM says otherwise (QT_QPA_PLATFORM=xcb also
tries the screen). No Qt is imported here: the kiosk check imports gatekeeper.app lazily.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from gatekeeper import __version__
from gatekeeper.errors import UserError

EXIT_OK = 0
EXIT_FAILED = 1

SITE_NAME = "Self-test Plant"
GATE_NAME = "Gate 1"
#: A time zone from the IANA database, which a frozen bundle must carry (Windows has none).
TIMEZONE = "Asia/Shanghai"
ACTOR = "self-test"
PERSON = ("ST-0001", "张伟", "总装车间")
#: Chinese that must render besides the kiosk's own texts: names, a department, a result.
PROBE_TEXT = "张伟 总装车间 体温正常 请通行"
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
SOUNDS = ("pass", "recheck", "deny", "notice")
#: Seconds to wait for the first camera frame on the kiosk.
FRAME_TIMEOUT = 20.0


class CheckFailed(Exception):
    """A check that failed for a reason the message states."""


@dataclass
class Outcome:
    name: str
    status: str  # "ok", "FAIL" or "skip"
    detail: str


@dataclass
class SelfTest:
    data_dir: str | None = None
    database: str | None = None
    language: str = "zh_CN"
    screenshot: Path | None = None
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    outcomes: list[Outcome] = field(default_factory=list)
    # What the checks hand on to the next ones.
    scratch: Path | None = None
    paths: Any = None
    db: Any = None
    services: Any = None
    token: str | None = None
    badge_png: Path | None = None
    kiosk_view: dict[str, Any] | None = None

    # -- running ------------------------------------------------------------------------

    def run(self) -> int:
        print(f"gatekeeper {__version__} self-test ({_where()})", file=self.out, flush=True)
        with tempfile.TemporaryDirectory(prefix="gatekeeper-self-test-") as tmp:
            self.scratch = Path(tmp)
            try:
                self._check("resources", self.check_resources)
                self._check("database", self.check_database)
                if self.data_dir or self.database:
                    self._check("installation", self.check_installation)
                self._check("badge", self.check_badge, needs=("services",))
                self._check("decode", self.check_decode, needs=("badge_png",))
                self._check("kiosk", self.check_kiosk, needs=("services",))
                self._check("fonts", self.check_fonts, needs=("kiosk_view",))
                self._check("translations", self.check_translations, needs=("kiosk_view",))
            finally:
                if self.db is not None:
                    self.db.dispose()
        failed = [o.name for o in self.outcomes if o.status != "ok"]
        if failed:
            print(f"self-test FAILED: {', '.join(failed)}", file=self.out, flush=True)
            return EXIT_FAILED
        print(f"self-test passed: {len(self.outcomes)} checks", file=self.out, flush=True)
        return EXIT_OK

    def _check(self, name: str, check: Callable[[], str], needs: tuple[str, ...] = ()) -> None:
        missing = [n for n in needs if getattr(self, n) is None]
        if missing:
            self._report(Outcome(name, "skip", "not run: an earlier check failed"))
            return
        started = time.perf_counter()
        try:
            detail = check()
        except (CheckFailed, UserError) as exc:
            self._report(Outcome(name, "FAIL", str(exc)))
            return
        except Exception as exc:  # a bug or a broken installation: say what, with the trace
            traceback.print_exc(file=self.err)
            self._report(Outcome(name, "FAIL", f"{type(exc).__name__}: {exc}"))
            return
        ms = (time.perf_counter() - started) * 1000
        self._report(Outcome(name, "ok", f"{detail} [{ms:.0f} ms]"))

    def _report(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        print(f"{outcome.status:<4}  {outcome.name:<12}  {outcome.detail}", file=self.out,
              flush=True)

    # -- checks ---------------------------------------------------------------------------

    def check_resources(self) -> str:
        from gatekeeper.services.fonts import bundled_font_files, font_problem
        from gatekeeper.storage.database import MIGRATIONS, alembic_config

        base = resources.files("gatekeeper").joinpath("resources")
        qm = base.joinpath("translations", "gatekeeper_zh_CN.qm")
        if not qm.is_file() or not qm.read_bytes().startswith(QM_MAGIC):
            raise CheckFailed("the Chinese translations (gatekeeper_zh_CN.qm) are missing")
        for name in SOUNDS:
            sound = base.joinpath("sounds", f"{name}.wav")
            if not sound.is_file():
                raise CheckFailed(f"the sound {name}.wav is missing")
            with sound.open("rb") as handle, wave.open(handle) as wav:
                if wav.getnframes() == 0:
                    raise CheckFailed(f"the sound {name}.wav is empty")
        fonts = bundled_font_files()
        usable = [f for f in fonts if font_problem(f) is None]
        if not usable:
            where = ", ".join(map(str, fonts)) or "gatekeeper/resources/fonts"
            raise CheckFailed(f"no usable Chinese font in {where}")
        if not (MIGRATIONS / "env.py").is_file():
            raise CheckFailed(f"the database migrations are missing from {MIGRATIONS}")
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config())
        revisions = list(script.walk_revisions())
        return (
            f"translations zh_CN, {len(SOUNDS)} sounds, font {usable[0].name}, "
            f"{len(revisions)} migrations (newest {script.get_current_head()})"
        )

    def check_database(self) -> str:
        from gatekeeper.config import Paths
        from gatekeeper.services.container import build_services
        from gatekeeper.services.setup import SetupService
        from gatekeeper.storage.database import Database, sqlite_url

        assert self.scratch is not None
        paths = Paths(self.scratch / "data")
        db = Database(sqlite_url(paths.database_file))
        self.db = db
        installation = SetupService(db, paths).initialise(
            SITE_NAME, GATE_NAME, TIMEZONE, actor=ACTOR
        )
        facts = _database_facts(db)
        if facts["revision"] != db.head_revision():
            raise CheckFailed(f"the new database is at schema {facts['revision']}, not the "
                              f"newest ({db.head_revision()})")
        if facts["journal_mode"] != "wal":
            raise CheckFailed(f"journal_mode is {facts['journal_mode']}, not WAL")
        self.paths = paths
        self.services = build_services(db, paths, installation)
        return (
            f"new SQLite {facts['sqlite_version']} database in a temporary folder: "
            f"schema {facts['revision']}, integrity ok, WAL"
        )

    def check_installation(self) -> str:
        from gatekeeper.config import Paths, resolve_data_dir, resolve_database_url
        from gatekeeper.services.setup import SetupService
        from gatekeeper.storage.database import Database

        paths = Paths(resolve_data_dir(self.data_dir))
        db = Database(resolve_database_url(paths, self.database))
        try:
            where = db.url_for_humans()
            path = db.sqlite_path
            if path is not None and not path.exists():
                return _not_set_up(paths.data_dir)
            facts = _database_facts(db)
            current, head = facts["revision"], db.head_revision()
            if current is None:
                return f"{where}: empty, not set up yet (the first start sets it up)"
            if current != head:
                from alembic.script import ScriptDirectory

                from gatekeeper.storage.database import alembic_config

                script = ScriptDirectory.from_config(alembic_config())
                if current not in {r.revision for r in script.walk_revisions()}:
                    raise CheckFailed(
                        f"{where} was made by a newer release of gatekeeper (schema "
                        f"{current}): install that release"
                    )
                return (
                    f"{where}: schema {current}, integrity ok; the next start upgrades it to "
                    f"{head} (after a backup copy)"
                )
            installation = SetupService(db, paths).installation()
            if installation is None:
                return f"{where}: schema {current}, integrity ok, no site set up yet"
            return (
                f"{where}: site '{installation.site_name}', gate '{installation.gate_name}', "
                f"schema {current}, integrity ok"
            )
        finally:
            db.dispose()

    def check_badge(self) -> str:
        from gatekeeper.services.badge_render import BadgeCard, render_png
        from gatekeeper.services.fonts import BUNDLED_FONT_DIR, find_cjk_font

        assert self.scratch is not None
        staff_no, name, department = PERSON
        services = self.services
        services.staff.add(staff_no=staff_no, name=name, department=department, actor=ACTOR)
        [issued] = services.badges.issue([staff_no], actor=ACTOR)
        card = BadgeCard(
            token=issued.token,
            name=issued.person.name,
            staff_no=issued.person.staff_no,
            department=issued.person.department,
            site_name=services.installation.site_name,
            kind=str(issued.person.kind),
        )
        png = self.scratch / "badge.png"
        render_png(card, png)
        font = find_cjk_font()
        origin = "bundled" if font.parent == BUNDLED_FONT_DIR.absolute() else "system"
        self.token = issued.token
        self.badge_png = png
        return (
            f"badge of {staff_no} {name} drawn to PNG ({png.stat().st_size // 1024} KiB, "
            f"font {font.name}, {origin})"
        )

    def check_decode(self) -> str:
        from gatekeeper.scanner.decoder import decode_image_file

        assert self.badge_png is not None
        started = time.perf_counter()
        results = decode_image_file(self.badge_png)
        ms = (time.perf_counter() - started) * 1000
        texts = [r.text for r in results]
        if texts != [self.token]:
            raise CheckFailed(f"the badge image decoded as {texts!r}, not as its token")
        verified = self.services.badges.verify(texts[0])
        if verified.person.staff_no != PERSON[0]:
            raise CheckFailed(f"the badge verified as {verified.person.staff_no}")
        return f"QR code read back in {ms:.0f} ms, signature verified ({PERSON[0]})"

    def check_kiosk(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from gatekeeper.app import application
            from gatekeeper.ui import selftest as probes
        except ImportError as exc:
            raise CheckFailed(
                f"Qt cannot be loaded ({exc}); on Debian/Ubuntu install libegl1 libgl1 "
                "libfontconfig1 libxkbcommon0"
            ) from exc

        with probes.QtMessages() as qt:
            result = self._render_kiosk(application())
        for message in qt.warnings():
            print(f"Qt: {message}", file=self.err)
        return result

    def _render_kiosk(self, app: Any) -> str:
        """The kiosk as `gatekeeper kiosk --camera demo --unattended` builds it, rendered
        once; what the fonts and translations checks look at is kept in ``kiosk_view``."""
        from gatekeeper.app import GateApp, KioskLauncher
        from gatekeeper.ui import i18n, theme
        from gatekeeper.ui import selftest as probes

        translations = i18n.Translations(app)
        translations.set_language(self.language)
        theme.apply_theme(app, self.language)
        gui = GateApp(app, paths=self.paths, db=self.db, translations=translations)
        launcher = KioskLauncher(
            gui, camera="demo", thermometer="manual", unattended=True, fullscreen=False
        )
        try:
            window: Any = launcher.show(self.services.installation)
            camera = window.scanning.camera_view
            framed = probes.wait_until(lambda: camera.image is not None, FRAME_TIMEOUT)
            probes.wait_until(lambda: False, 0.2)  # the frame painted
            rendered = probes.render(window)
            samples = [*probes.shown_texts(window), (PROBE_TEXT, window.font())]
            glyphs = probes.check_glyphs(samples)
            title = window.windowTitle()
            bundled = theme.register_bundled_fonts()
        finally:
            launcher.quit()
            launcher.shutdown()
            if launcher.window is not None:
                probes.dispose(launcher.window)
            launcher.window = gui.kiosk = None
        if rendered.blank:
            raise CheckFailed("the kiosk rendered as a blank image")
        if not framed:
            raise CheckFailed(f"no camera frame reached the kiosk in {FRAME_TIMEOUT:.0f} s")
        if self.screenshot is not None and not rendered.image.save(str(self.screenshot)):
            raise CheckFailed(f"cannot write the screenshot {self.screenshot}")
        self.kiosk_view = {"glyphs": glyphs, "title": title, "bundled": bundled}
        shot = f", saved to {self.screenshot}" if self.screenshot else ""
        return (
            f"rendered once on {app.platformName()}: {rendered.image.width()}x"
            f"{rendered.image.height()} px, {rendered.colours} colours, camera frame shown{shot}"
        )

    def check_fonts(self) -> str:
        assert self.kiosk_view is not None
        glyphs = self.kiosk_view["glyphs"]
        if glyphs.missing:
            raise CheckFailed(
                f"drawn as boxes: {' '.join(glyphs.missing[:30])} (Chinese in "
                f"{', '.join(glyphs.families) or 'no font'}); the bundled font or a system "
                "font with these characters is missing"
            )
        if not glyphs.families:
            raise CheckFailed("no Chinese text was drawn")
        bundled = set(self.kiosk_view["bundled"])
        names = ", ".join(f"{f} (bundled)" if f in bundled else f for f in glyphs.families)
        return (
            f"{glyphs.texts} texts without a missing glyph; Chinese ({glyphs.chinese} texts) "
            f"drawn with {names}"
        )

    def check_translations(self) -> str:
        assert self.kiosk_view is not None
        from gatekeeper.ui.selftest import is_cjk

        title = self.kiosk_view["title"]
        if self.language == "en":
            if is_cjk(title):
                raise CheckFailed(f"the English kiosk is titled {title!r}")
            return f"English (the source language): {title!r}"
        if not is_cjk(title):
            raise CheckFailed(f"the kiosk is not in {self.language}: its title is {title!r}")
        return f"{self.language}: {title!r}"


def _database_facts(db: Any) -> dict[str, Any]:
    """Schema revision, and for SQLite the version, journal mode and an integrity check."""
    facts: dict[str, Any] = {"revision": db.current_revision()}
    if not db.is_sqlite:
        return facts
    with db.engine.connect() as conn:
        problems = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
        facts["journal_mode"] = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        facts["sqlite_version"] = conn.exec_driver_sql("SELECT sqlite_version()").scalar()
    if problems != ["ok"]:
        raise CheckFailed(
            f"{db.url_for_humans()} is damaged (integrity_check: {'; '.join(problems[:5])}); "
            "restore it from a backup"
        )
    return facts


def _not_set_up(data_dir: Path) -> str:
    """A data folder without a database: fine, when gatekeeper can write there."""
    folder = data_dir
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        raise CheckFailed(f"{data_dir} has no database and {folder} cannot be written")
    return f"{data_dir}: not set up yet (the first start sets it up there)"


def _where() -> str:
    frozen = getattr(sys, "frozen", False)
    kind = "bundle" if frozen else "Python " + sys.version.split()[0]
    return f"{kind}, {sys.platform}, {Path(sys.executable).parent}"


def run_self_test(
    *,
    data_dir: str | None = None,
    database: str | None = None,
    language: str = "zh_CN",
    screenshot: Path | None = None,
) -> int:
    """Run every check, print one line each; the exit code (0: all passed)."""
    return SelfTest(data_dir, database, language, screenshot).run()
