"""Composition root of the desktop application.

The one place that builds the long-lived objects (QApplication, translators, database,
services, windows) and hands each what it needs. Started by ``gatekeeper`` with no command
(``gatekeeper.cli`` imports this module lazily: nothing outside app.py and ui/ imports Qt).
"""

from __future__ import annotations

import argparse
import gc
import getpass
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from gatekeeper import __version__
from gatekeeper.config import Paths, resolve_data_dir, resolve_database_url
from gatekeeper.domain.clock import all_timezones, system_timezone
from gatekeeper.domain.enums import Direction
from gatekeeper.errors import UserError
from gatekeeper.services.first_run import FirstRunService, SetupPlan
from gatekeeper.services.setup import Installation, SetupService
from gatekeeper.services.staff import StaffService
from gatekeeper.storage.database import Database
from gatekeeper.ui import i18n, theme
from gatekeeper.ui.errors import EXIT_BUG, ErrorReporter, show_user_error
from gatekeeper.ui.first_run import FirstRunScreen
from gatekeeper.ui.home import HomeWindow, quote_argument

log = logging.getLogger(__name__)

APP_NAME = "gatekeeper"
LOG_FILE_NAME = "gatekeeper.log"
UI_SETTINGS_FILE = "ui.ini"
EXIT_USER_ERROR = 1
#: How long closing waits for the day's backup to stop (a copy under way is not interrupted;
#: one left unfinished is cleaned up by the next).
BACKUP_JOIN_SECONDS = 10.0


class UiPreferences:
    """Choices about this computer's screen (the language), kept in ``ui.ini`` in the data
    directory rather than in the database: they are not the site's records."""

    LANGUAGE_KEY = "ui/language"

    def __init__(self, path: Path) -> None:
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def language(self) -> str | None:
        value = self._settings.value(self.LANGUAGE_KEY)
        return value if isinstance(value, str) and value else None

    def set_language(self, language: str) -> None:
        self._settings.setValue(self.LANGUAGE_KEY, language)
        self._settings.sync()


class GateApp:
    """Which window is on screen (first run, then home), and the language they share."""

    def __init__(
        self,
        app: QApplication,
        *,
        paths: Paths,
        db: Database,
        translations: i18n.Translations,
        preferences: UiPreferences | None = None,
        command: str = APP_NAME,
        after_setup: Callable[[Installation], QWidget] | None = None,
    ) -> None:
        self.app = app
        self.paths = paths
        self.db = db
        self.setup = SetupService(db, paths)
        self.translations = translations
        self.preferences = preferences
        self.command = command
        #: What follows the first-run screen, and starts an installed site: the home window
        #: unless another screen (the kiosk) is given.
        self.after_setup = after_setup
        self.first_run: FirstRunScreen | None = None
        self.home: HomeWindow | None = None
        self.kiosk: Any = None  # the kiosk window, when after_setup made one
        self.console: Any = None  # the console's sign-in dialog or window, when shown

    @property
    def window(self) -> QWidget | None:
        return self.kiosk or self.home or self.first_run

    def start(self) -> QWidget:
        """Show the first-run screen, or home (or the kiosk) when the site is set up. Raises
        UserError when the database cannot be used."""
        installation = self.setup.installation()
        if installation is None:
            return self.show_first_run()
        return self._installed(installation)

    def _installed(self, installation: Installation) -> QWidget:
        if self.after_setup is None:
            return self.show_home(installation)
        window = self.after_setup(installation)
        self._close_first_run()
        return window

    def show_first_run(self) -> FirstRunScreen:
        default_zone = system_timezone()
        screen = FirstRunScreen(
            self._initialise,
            timezones=picker_timezones(default_zone),
            default_timezone=default_zone,
            data_dir=str(self.paths.data_dir),
            language=self.translations.language,
        )
        screen.language_selected.connect(self.set_language)
        screen.created.connect(self._installed)
        screen.resize(1040, 760)
        screen.show()
        self.first_run = screen
        return screen

    def _initialise(self, plan: SetupPlan) -> Installation:
        """The wizard's Create: the site, the gate, the admin and the settings at once."""
        return FirstRunService(self.db, self.paths).set_up(plan, actor=_actor())

    def show_home(self, installation: Installation) -> HomeWindow:
        staff = StaffService(self.db, installation)
        database = self.db.url_for_humans()
        home = HomeWindow(
            installation,
            count_people=staff.count,
            data_dir=str(self.paths.data_dir),
            database=None if database == str(self.paths.database_file) else database,
            command=self.command,
            language=self.translations.language,
        )
        home.language_selected.connect(self.set_language)
        home.resize(980, 720)
        home.show()
        self.home = home
        self._close_first_run()
        return home

    def _close_first_run(self) -> None:
        if self.first_run is not None:
            self.first_run.close()
            self.first_run.deleteLater()
            self.first_run = None

    def set_language(self, language: str) -> None:
        """Switch every window to a language, now and on the next start."""
        self.translations.set_language(language)
        theme.apply_language_font(self.app, language)
        for window in (self.first_run, self.home, self.kiosk, self.console):
            if window is not None:
                window.set_language(language)
        if self.preferences is not None:
            self.preferences.set_language(language)


def picker_timezones(default_zone: str) -> list[str]:
    """The zones offered on the first-run screen: the Area/City names and UTC, without the
    legacy aliases ('PRC', 'EST5EDT') and file-system entries ('localtime', 'Factory'),
    but always with this machine's own zone."""
    zones = [zone for zone in all_timezones() if "/" in zone or zone == "UTC"]
    if default_zone not in zones:
        zones = sorted([*zones, default_zone])
    return zones


def _actor() -> str:
    try:
        return f"gui:{getpass.getuser()}"
    except (KeyError, OSError):
        return "gui"


def cli_command(data_dir_option: str | None, database_option: str | None) -> str:
    """How the person would call the command line for this same installation."""
    parts = [APP_NAME]
    if data_dir_option:
        parts += ["--data-dir", quote_argument(str(resolve_data_dir(data_dir_option)))]
    if database_option:
        parts += ["--database", quote_argument(database_option)]
    return " ".join(parts)


def application() -> QApplication:
    """The QApplication, made once; named so that QSettings and window managers know it."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    icon = Path(__file__).resolve().parent / "resources" / "icons" / "gatekeeper.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def configure_logging(paths: Paths) -> tuple[Path | None, logging.Handler | None]:
    """Log to ``logs/gatekeeper.log`` in the data directory; (None, None) when it cannot be
    written (the application still runs, and logs to standard error)."""
    log_file = paths.logs_dir / LOG_FILE_NAME
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("Cannot write the log file %s: %s", log_file, exc)
        return None, None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    package_logger = logging.getLogger("gatekeeper")
    package_logger.addHandler(handler)
    if package_logger.level == logging.NOTSET or package_logger.level > logging.INFO:
        package_logger.setLevel(logging.INFO)
    return log_file, handler


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("gatekeeper.qt")


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


class _Launcher(Protocol):
    def show(self, installation: Installation) -> QWidget: ...
    def quit(self) -> None: ...
    def shutdown(self) -> None: ...


def _run(
    data_dir: str | None,
    database: str | None,
    language: str | None,
    *,
    what: str,
    remember_language: bool = True,
    make_launcher: Callable[[GateApp, str], _Launcher] | None = None,
    run_seconds: float | None = None,
) -> int:
    """What every window of gatekeeper starts with: the language, the data folder, logging,
    the crash reporter and the database; then ``make_launcher`` (given the application and
    the language chosen) decides what shows after set-up (None: the home window). Returns
    the exit code; everything is closed again on the way out."""
    paths = Paths(resolve_data_dir(data_dir))
    app = application()
    preferences = UiPreferences(paths.data_dir / UI_SETTINGS_FILE)
    translations = i18n.Translations(app)
    chosen = i18n.choose_language(
        language,
        os.environ.get(i18n.ENV_LANGUAGE),
        preferences.language() if remember_language else None,
        QLocale.system().name(),
    )
    translations.set_language(chosen)
    theme.apply_theme(app, chosen)

    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        show_user_error(
            None,
            QCoreApplication.translate(
                "GateApp", "The data folder {path} cannot be created: {reason}"
            ).format(path=paths.data_dir, reason=exc.strerror or exc),
        )
        return EXIT_USER_ERROR

    log_file, log_handler = configure_logging(paths)
    previous_qt_handler = qInstallMessageHandler(_qt_message)
    reporter = ErrorReporter(paths.logs_dir if log_file is not None else None)
    reporter.install()
    db: Database | None = None
    launcher: _Launcher | None = None
    backups: Any = None  # the day's backup, made on a thread of its own
    log.info("Starting the gatekeeper %s %s with data in %s", __version__, what, paths.data_dir)
    try:
        db = Database(resolve_database_url(paths, database))
        gui = GateApp(
            app,
            paths=paths,
            db=db,
            translations=translations,
            preferences=preferences if remember_language else None,
            command=cli_command(data_dir, database),
        )
        try:
            if make_launcher is not None:
                launcher = make_launcher(gui, chosen)
                gui.after_setup = launcher.show
            gui.start()
        except UserError as exc:
            log.warning("Cannot start the %s: %s", what, exc)
            show_user_error(None, str(exc))
            return EXIT_USER_ERROR
        from gatekeeper.services.backup import BackupService, run_daily

        # Off the GUI thread, at a lower priority: screening never waits for it. A failure (a
        # full disk, damage found) is raised out of the thread and shown by the reporter.
        service = BackupService(db, paths)
        backups = (service, run_daily(service))
        if run_seconds is not None:
            QTimer.singleShot(
                max(0, int(run_seconds * 1000)), launcher.quit if launcher else app.quit
            )
        return app.exec()
    except Exception as exc:  # a bug while starting: the same crash dialog as later on
        reporter.excepthook(type(exc), exc, exc.__traceback__)
        return EXIT_BUG
    finally:
        if backups is not None:
            backups[0].cancel()
            backups[1].join(BACKUP_JOIN_SECONDS)
        if launcher is not None:
            launcher.shutdown()
        reporter.uninstall()
        qInstallMessageHandler(previous_qt_handler)
        if db is not None:
            db.dispose()
        if log_handler is not None:
            logging.getLogger("gatekeeper").removeHandler(log_handler)
            log_handler.close()


def run_gui(data_dir: str | None, database: str | None, language: str | None = None) -> int:
    """Run the desktop application until its last window closes; returns the exit code.

    ``data_dir`` and ``database`` are the command-line values (None: environment, then
    defaults); ``language`` is 'en' or 'zh_CN' (None: GATEKEEPER_LANG, then the choice saved
    from the last run, then the system locale).
    """
    return _run(data_dir, database, language, what="application")


class KioskLauncher:
    """Builds the kiosk of an installation: services, camera, thermometer, sounds, window."""

    def __init__(
        self,
        gui: GateApp,
        *,
        camera: str | None,
        thermometer: str | None,
        unattended: bool,
        fullscreen: bool,
        demo_tokens: Sequence[str] = (),
        upstream: str | None = None,
        post: str | None = None,
    ) -> None:
        from gatekeeper.scanner.thermometer import parse_thermometer_spec
        from gatekeeper.sync.channel import check_destination

        self.gui = gui
        #: None: the kiosk settings stored at set-up, else camera 0 and typed readings.
        self.camera = camera
        # A malformed one is a UserError before any window.
        self.thermometer = parse_thermometer_spec(thermometer) if thermometer else None
        self.unattended = unattended
        self.fullscreen = fullscreen
        self.demo_tokens = tuple(demo_tokens)
        check_destination(upstream, post)  # a malformed URL: UserError before any window
        self.upstream, self.post = upstream, post
        self.window: Any = None

    def show(self, installation: Installation) -> QWidget:
        from gatekeeper.scanner.capture import CaptureLoop
        from gatekeeper.scanner.decoder import QrDecoder
        from gatekeeper.scanner.sources import open_source
        from gatekeeper.scanner.thermometer import open_device, parse_thermometer_spec
        from gatekeeper.services.container import build_services
        from gatekeeper.ui.kiosk import KioskOptions, KioskWindow
        from gatekeeper.ui.kiosk.devices import CameraBridge, ThermometerBridge
        from gatekeeper.ui.kiosk.sound import SystemSoundPlayer

        services = build_services(self.gui.db, self.gui.paths, installation)
        stored = services.settings.kiosk()
        spec, tokens = self.camera or stored.camera_or_default, self.demo_tokens
        if self.thermometer is None:
            self.thermometer = parse_thermometer_spec(stored.thermometer_or_default)
        unattended = self.unattended or stored.unattended
        # The command line's destination, else the one kept in the kiosk settings.
        upstream, post = (
            (self.upstream, self.post) if self.upstream or self.post
            else (stored.upstream, stored.post)
        )
        log.info("Kiosk camera %s, thermometer %s, %s", spec, self.thermometer.text,
                 "unattended" if unattended else "attended")
        sync = None
        if upstream or post:
            from gatekeeper.sync.channel import open_channel
            from gatekeeper.sync.service import SyncService

            sync = open_channel(
                SyncService(self.gui.db, self.gui.paths, installation),
                upstream=upstream, post=post,
            )

        def make_loop(on_frame: Callable[[Any], None], on_state: Callable[[Any, str], None]) -> Any:
            # open_source is called on the capture thread for every (re)connection: a camera
            # that is missing now is a "lost" state on screen, retried, never a crash.
            return CaptureLoop(
                lambda: open_source(spec, demo_tokens=tokens), QrDecoder(), on_frame, on_state
            )

        device = open_device(self.thermometer)
        thermometer = (
            ThermometerBridge(device, description=self.thermometer.text)
            if device is not None else None
        )
        options = KioskOptions(
            attended=not unattended,
            thermometer_kind=self.thermometer.kind,
            thermometer_description=self.thermometer.text,
            default_direction=Direction(installation.default_direction),
            language=self.gui.translations.language,
            camera_description=spec,
        )
        window = KioskWindow(
            services,
            options=options,
            camera=CameraBridge(make_loop),
            thermometer=thermometer,
            sound=SystemSoundPlayer(),
            sync=sync,
        )
        window.language_selected.connect(self.gui.set_language)
        window.resize(1280, 720)
        if self.fullscreen:
            window.showFullScreen()
        else:
            window.show()
        window.start()
        self.window = window
        self.gui.kiosk = window
        freeze_heap()
        return window

    def quit(self) -> None:
        """Close the kiosk without asking for an officer (the end of --run-seconds)."""
        if self.window is not None:
            self.window.allow_close()
            self.window.close()
        QApplication.quit()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.shutdown()
        gc.unfreeze()  # the exit's clean-up collects everything again


def freeze_heap() -> None:
    """Move the objects made at start-up (modules, services, the kiosk's widgets: about 150,000,
    alive as long as the process) out of the cyclic garbage collector's way. Its occasional
    full collection then scans only what came after; before, it held the GIL for 100-150 ms
    and stalled the kiosk's GUI thread that long (benchmarks/soak.py, 20,000 scans)."""
    gc.collect()
    gc.freeze()


def _demo_installation(paths: Paths, db: Database, language: str) -> list[str]:
    """Initialise a fresh data directory as the demo site; the demo badges' tokens."""
    from gatekeeper.services import demo
    from gatekeeper.services.container import build_services

    site, gate = ("演示工厂", "北门") if language == i18n.CHINESE else ("Demo Plant", "North Gate")
    installation = SetupService(db, paths).initialise(site, gate, system_timezone(), actor="demo")
    return list(demo.seed(build_services(db, paths, installation)).tokens)


def run_kiosk(
    data_dir: str | None,
    database: str | None,
    *,
    camera: str | None = None,
    thermometer: str | None = None,
    unattended: bool = False,
    fullscreen: bool = False,
    language: str | None = None,
    demo: bool = False,
    run_seconds: float | None = None,
    upstream: str | None = None,
    post: str | None = None,
) -> int:
    """Run the screening kiosk until it is closed; returns the exit code.

    ``camera``: a device index, a video file, a folder of images or "demo" (a camera that
    cannot be opened shows as lost and is retried); None: the one chosen at set-up (the
    kiosk settings), else "0"; "demo" with ``demo``. ``thermometer``: manual, hid,
    serial:PORT[,BAUD] or sim:VALUE; None: the one chosen at set-up, else manual. ``unattended``:
    self-service, no guard signs in. ``upstream`` / ``post``: push records there (and pull
    the registry) in a thread beside the kiosk, as ``gatekeeper sync --watch`` does; the
    status shows along the bottom of the screen.
    ``demo``: a throw-away data directory with the demo site and people (camera "demo").
    ``run_seconds``: quit after that long (end-to-end tests). When the installation is not
    set up yet, the first-run screen comes first.
    """
    temp_dir: Path | None = None
    if demo:
        temp_dir = Path(tempfile.mkdtemp(prefix="gatekeeper-demo-"))
        data_dir, database = str(temp_dir), None

    def make_launcher(gui: GateApp, chosen: str) -> KioskLauncher:
        tokens = _demo_installation(gui.paths, gui.db, chosen) if demo else []
        return KioskLauncher(
            gui,
            camera=camera or ("demo" if demo else None),
            thermometer=thermometer,
            unattended=unattended,
            fullscreen=fullscreen,
            demo_tokens=tokens,
            upstream=upstream,
            post=post,
        )

    try:
        return _run(
            data_dir, database, language, what="kiosk", remember_language=not demo,
            make_launcher=make_launcher, run_seconds=run_seconds,
        )
    finally:
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


class ConsoleLauncher:
    """The officer console of an installation: the sign-in dialog, then the console window;
    signing out comes back to the sign-in dialog. Cancelling the sign-in, or closing the
    window, ends the application."""

    def __init__(
        self,
        gui: GateApp,
        *,
        hasher: Any = None,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        self.gui = gui
        self.hasher = hasher  # tests: a cheap Argon2 profile
        self.quit_app = quit_app
        self.services: Any = None
        self.dialog: Any = None
        self.window: Any = None
        self._quitting = False

    def show(self, installation: Installation) -> QWidget:
        from gatekeeper.services.container import build_services

        services = build_services(self.gui.db, self.gui.paths, installation)
        if self.hasher is not None:
            services.users.hasher = self.hasher
        self.services = services
        return self.sign_in()

    def sign_in(self) -> QWidget:
        from gatekeeper.ui.console.signin import SignInDialog

        installation = self.services.installation
        dialog = SignInDialog(
            self.services.users,
            site_line=f"{installation.site_name} · {installation.gate_name}",
            language=self.gui.translations.language,
        )
        dialog.language_selected.connect(self.gui.set_language)
        dialog.signed_in.connect(self.open_console)
        dialog.rejected.connect(self._sign_in_cancelled)
        dialog.show()
        self.dialog = dialog
        self.gui.console = dialog
        return dialog

    def open_console(self, user: Any) -> QWidget:
        from gatekeeper.ui.console.window import ConsoleWindow

        window = ConsoleWindow(self.services, user, language=self.gui.translations.language)
        # Deleted on the GUI thread once closed (signing out): a closed window left to the
        # garbage collector could be destroyed on a worker thread.
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.language_selected.connect(self.gui.set_language)
        window.signed_out.connect(self._signed_out)
        window.resize(1280, 800)
        window.show()
        window.start()
        self._drop_dialog()
        self.window = window
        self.gui.console = window
        return window

    def _signed_out(self) -> None:
        # The dialog is shown before the window closes: the application never has no window.
        self.window = None
        self.sign_in()

    def _sign_in_cancelled(self) -> None:
        self._drop_dialog()
        if self.window is None and not self._quitting:
            self.quit_app()

    def _drop_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.shutdown()
            dialog.hide()
            dialog.deleteLater()

    def quit(self) -> None:
        """Close whatever is open and end the application (the end of --run-seconds)."""
        self._quitting = True
        self.shutdown()
        self.quit_app()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self._drop_dialog()
        if self.window is not None:
            self.window.close()
            self.window = None
        self.gui.console = None


def run_console(
    data_dir: str | None,
    database: str | None,
    *,
    language: str | None = None,
    run_seconds: float | None = None,
) -> int:
    """Run the officer console until it is closed; returns the exit code.

    An officer or an admin signs in first; when the installation is not set up yet, the
    first-run screen comes before. ``language``: 'en' or 'zh_CN' (None: GATEKEEPER_LANG, then
    the saved choice, then the system locale). ``run_seconds``: quit after that long
    (end-to-end tests).
    """
    return _run(
        data_dir, database, language, what="console",
        make_launcher=lambda gui, _chosen: ConsoleLauncher(gui), run_seconds=run_seconds,
    )


def main(args: argparse.Namespace | Sequence[str] | None = None) -> int:
    """Start the application from parsed command-line arguments (``data_dir``, ``database``,
    ``language``) or from an argument list."""
    if not isinstance(args, argparse.Namespace):
        parser = argparse.ArgumentParser(prog=APP_NAME)
        parser.add_argument("--data-dir")
        parser.add_argument("--database")
        parser.add_argument("--language", choices=list(i18n.LANGUAGES))
        args = parser.parse_args(args)
    return run_gui(
        getattr(args, "data_dir", None),
        getattr(args, "database", None),
        getattr(args, "language", None),
    )


if __name__ == "__main__":
    raise SystemExit(main())
