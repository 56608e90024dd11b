"""Site settings stored in the database (the settings table), with typed defaults.

Every change is audited. The admin settings screen and the CLI edit them through
:meth:`SettingsService.update`; services read a frozen :class:`ScreeningSettings`. The
kiosk's camera and thermometer on this machine (:class:`KioskSettings`) are kept here too.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Direction, TempUnit
from gatekeeper.domain.temperature import (
    DEFAULT_FEVER_THRESHOLD_C,
    PLAUSIBLE_MAX_C,
    PLAUSIBLE_MIN_C,
)
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit
from gatekeeper.services.setup import default_actor
from gatekeeper.services.users import UserView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database

PREFIX = "screening."
CALIBRATION_PREFIX = "calibration."
#: The address of the site's self-service pages (gatekeeper serve), which the kiosk shows as a
#: QR code for visitors' phones; empty for none.
SELF_SERVICE_URL = "selfservice.url"
MAX_URL = 200


@dataclass(frozen=True)
class ScreeningSettings:
    #: At or above this is fever (°C).
    fever_threshold_c: float = DEFAULT_FEVER_THRESHOLD_C
    #: The same person in the same direction within this many seconds is not recorded again.
    duplicate_window_s: int = 60
    #: The unit guards type temperatures in.
    temperature_unit: TempUnit = TempUnit.C
    #: How long the kiosk shows a result before scanning again.
    result_seconds: int = 6
    #: Whether everyone must have made a health declaration for the day before entering.
    declaration_required_for_all: bool = False

    def validate(self) -> None:
        if not PLAUSIBLE_MIN_C < self.fever_threshold_c < PLAUSIBLE_MAX_C:
            raise UserError(
                f"The fever threshold must lie between {PLAUSIBLE_MIN_C:g} and "
                f"{PLAUSIBLE_MAX_C:g} °C."
            )
        if not 0 <= self.duplicate_window_s <= 24 * 3600:
            raise UserError("The duplicate-scan window must be between 0 s and 24 h.")
        if not 1 <= self.result_seconds <= 120:
            raise UserError("The result display time must be between 1 and 120 s.")


_TYPES: dict[str, Any] = {
    "float": float, "int": int, "bool": bool, "TempUnit": TempUnit, "Direction": Direction,
}


def _decode(kind: Any, raw: str) -> Any:
    convert = _TYPES.get(kind if isinstance(kind, str) else kind.__name__)
    value = json.loads(raw)
    return convert(value) if convert is not None else value


class SettingsService:
    """Reads are cached for a few seconds, so that a change made in another process (the
    console, while the kiosk runs) takes effect soon without a database read per scan."""

    CACHE_SECONDS = 10.0

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self.db = db
        self.clock = clock
        self._cached: tuple[float, ScreeningSettings] | None = None
        self._url_cache: tuple[float, str] | None = None

    def screening(self) -> ScreeningSettings:
        now = time.monotonic()
        if self._cached is not None and now - self._cached[0] < self.CACHE_SECONDS:
            return self._cached[1]
        settings = self._read()
        self._cached = (now, settings)
        return settings

    def _read(self) -> ScreeningSettings:
        values: dict[str, Any] = {}
        with self.db.session() as session:
            for f in fields(ScreeningSettings):
                raw = repo.get_setting(session, PREFIX + f.name)
                if raw is not None:
                    values[f.name] = _decode(f.type, raw)
        return ScreeningSettings(**values)

    def update(
        self, *, actor: str | None = None, by: UserView | None = None, **changes: Any
    ) -> ScreeningSettings:
        actor = access.acting(
            self.db, by, actor, access.ADMINS, "change the screening settings", self.clock
        )
        current = self._read()
        known = {f.name for f in fields(ScreeningSettings)}
        unknown = set(changes) - known
        if unknown:
            raise UserError("Unknown setting: " + ", ".join(sorted(unknown)))
        new = replace(current, **changes)
        new.validate()
        self._cached = None
        now = self.clock()
        with self.db.session() as session:
            changed = {}
            for name, value in asdict(new).items():
                if value != getattr(current, name):
                    repo.put_setting(session, PREFIX + name, json.dumps(value))
                    changed[name] = {"from": getattr(current, name), "to": value}
            if changed:
                audit.record(
                    session, at=now, actor=actor or default_actor(), action="settings.update",
                    entity="settings", details=changed,
                )
        return new

    # The self-service address the kiosk shows.

    def self_service_url(self) -> str:
        """The address of the self-service pages, or "" when none is set. Cached like the
        screening settings: the kiosk asks each time it shows the scanning screen."""
        now = time.monotonic()
        cached = self._url_cache
        if cached is not None and now - cached[0] < self.CACHE_SECONDS:
            return cached[1]
        with self.db.session() as session:
            raw = repo.get_setting(session, SELF_SERVICE_URL)
        url = "" if raw is None else str(json.loads(raw))
        self._url_cache = (now, url)
        return url

    def set_self_service_url(self, url: str, *, actor: str | None = None) -> str:
        """Set (or with "" clear) the address of the self-service pages: http:// or https://
        and a host, at most 200 characters, no spaces. Audited."""
        url = url.strip()
        if url:
            parts = urlsplit(url)
            if (parts.scheme not in ("http", "https") or not parts.hostname
                    or len(url) > MAX_URL or any(c.isspace() or ord(c) < 33 for c in url)):
                raise UserError(
                    "The self-service address must start with http:// or https:// and name a "
                    f"host, without spaces, in at most {MAX_URL} characters (for example "
                    "http://192.168.1.20:8080/)."
                )
        current = self.self_service_url()
        self._url_cache = None
        if url != current:
            with self.db.session() as session:
                repo.put_setting(session, SELF_SERVICE_URL, json.dumps(url))
                audit.record(
                    session, at=self.clock(), actor=actor or default_actor(),
                    action="settings.selfservice", entity="settings",
                    details={"self_service_url": {"from": current, "to": url}},
                )
        return url

    # Calibration offsets, one per thermometer (keyed by its description, e.g. "serial:COM3").

    def calibration_offset(self, device: str) -> float:
        with self.db.session() as session:
            raw = repo.get_setting(session, CALIBRATION_PREFIX + device)
        return 0.0 if raw is None else float(json.loads(raw))

    def set_calibration_offset(
        self, device: str, offset_c: float, *, actor: str | None = None,
        by: UserView | None = None,
    ) -> None:
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "calibrate thermometers", self.clock
        )
        if not -3.0 <= offset_c <= 3.0:
            raise UserError("A calibration offset must lie between -3.0 and +3.0 °C.")
        now = self.clock()
        with self.db.session() as session:
            repo.put_setting(session, CALIBRATION_PREFIX + device, json.dumps(offset_c))
            audit.record(
                session, at=now, actor=actor or default_actor(), action="settings.calibration",
                entity="thermometer", entity_id=device[:64], details={"offset_c": offset_c},
            )

    # The kiosk's camera and thermometer on this machine: what `gatekeeper kiosk` uses when
    # its command line names none (set by the first-run wizard or `gatekeeper init`).

    def kiosk(self) -> KioskSettings:
        with self.db.session() as session:
            return _read_kiosk(session)

    def update_kiosk(
        self, *, actor: str | None = None, by: UserView | None = None, **changes: str | None
    ) -> KioskSettings:
        """Change ``camera``, ``thermometer``, ``mode``, ``upstream`` or ``post`` (None: back
        to the default). Each value is checked (:func:`check_camera`,
        :func:`check_thermometer`, :func:`check_mode`, :func:`check_destination`) and stored
        in its canonical form; at most one sync destination is kept. Audited (a password in
        a URL is not). Admins only, when ``by`` is a signed-in user."""
        actor = access.acting(
            self.db, by, actor, access.ADMINS, "change the kiosk settings", self.clock
        )
        now = self.clock()
        with self.db.session() as session:
            current = _read_kiosk(session)
            new = replace(current, **_checked_kiosk(changes))
            if new.upstream and new.post:
                raise UserError(
                    "The kiosk sends its records to one destination: the central database "
                    "or an HTTPS address, not both."
                )
            _write_settings(session, now, actor, {}, _kiosk_changes(current, new))
        return new


KIOSK_PREFIX = "kiosk."
ATTENDED = "attended"
UNATTENDED = "unattended"
DEFAULT_CAMERA = "0"
DEFAULT_THERMOMETER = "manual"
MAX_CAMERA_INDEX = 99
MAX_CAMERA_TEXT = 1000


@dataclass(frozen=True)
class KioskSettings:
    """The kiosk's devices on this machine; None: the default (camera 0, typed readings)."""

    #: A device number ("0"), "demo", or the absolute path of a video, image or folder.
    camera: str | None = None
    #: manual, hid, serial:PORT,BAUD or sim:VALUE (the thermometer spec's canonical text).
    thermometer: str | None = None
    #: "attended" (a guard signs in) or "unattended" (self-service); None: attended.
    mode: str | None = None
    #: Where the kiosk sends its records as it goes (a thread beside it; sync/channel.py):
    #: the central PostgreSQL database, or an HTTPS receiver. None: nowhere (carried by hand).
    upstream: str | None = None
    post: str | None = None

    @property
    def unattended(self) -> bool:
        return self.mode == UNATTENDED

    @property
    def camera_or_default(self) -> str:
        return self.camera or DEFAULT_CAMERA

    @property
    def thermometer_or_default(self) -> str:
        return self.thermometer or DEFAULT_THERMOMETER


def check_camera(text: str) -> str:
    """A camera as the kiosk's ``--camera`` takes it, in the form stored: a device number,
    "demo", or the absolute path of a video file, an image or a folder of images, which must
    exist on this machine. UserError otherwise."""
    from pathlib import Path

    value = text.strip()
    if not value:
        raise UserError(
            "No camera given. Use a camera number (0, 1, ...), a video file, a folder of "
            "images or demo."
        )
    if len(value) > MAX_CAMERA_TEXT or any(ord(ch) < 32 for ch in value):
        raise UserError("The camera is not a camera number, demo, or the path of a file.")
    if value.isascii() and value.isdigit():
        if int(value) > MAX_CAMERA_INDEX:
            raise UserError(f"Camera numbers go from 0 to {MAX_CAMERA_INDEX}.")
        return str(int(value))
    if value.lower() == "demo":
        return "demo"
    path = Path(value).expanduser()
    if not path.exists():
        raise UserError(
            f"There is no video file or folder '{value}' on this computer. Use a camera "
            "number (0, 1, ...), a video file, a folder of images or demo."
        )
    return str(path.resolve())


def check_thermometer(text: str) -> str:
    """A thermometer as the kiosk's ``--thermometer`` takes it, in its canonical form
    (``serial:COM3`` becomes ``serial:COM3,9600``). UserError naming the accepted forms."""
    # Imported here: the scanner package loads OpenCV, which the other settings do not need.
    from gatekeeper.scanner.thermometer import parse_thermometer_spec

    return parse_thermometer_spec(text).text


def check_mode(text: str) -> str:
    value = text.strip().lower()
    if value not in (ATTENDED, UNATTENDED):
        raise UserError("The kiosk's mode is attended (a guard signs in) or unattended.")
    return value


def check_upstream(text: str) -> str:
    """A central PostgreSQL URL as ``sync --upstream`` takes it (UserError otherwise)."""
    # Imported here: the sync package builds on the services, not the other way round.
    from gatekeeper.sync.channel import check_destination

    value = text.strip()
    check_destination(value, None)
    return value


def check_post(text: str) -> str:
    """An HTTP(S) address as ``sync --post`` takes it (UserError otherwise)."""
    from gatekeeper.sync.channel import check_destination

    value = text.strip()
    check_destination(None, value)
    return value


def _checked_kiosk(changes: dict[str, str | None]) -> dict[str, str | None]:
    unknown = set(changes) - {f.name for f in fields(KioskSettings)}
    if unknown:
        raise UserError("Unknown kiosk setting: " + ", ".join(sorted(unknown)))
    checks = {"camera": check_camera, "thermometer": check_thermometer, "mode": check_mode,
              "upstream": check_upstream, "post": check_post}
    return {
        name: None if value is None or not value.strip() else checks[name](value)
        for name, value in changes.items()
    }


def _without_password(name: str, value: Any) -> Any:
    """A URL as the audit trail keeps it: no password."""
    if name != "upstream" or not value:
        return value
    from sqlalchemy.engine import make_url

    try:
        return make_url(value).render_as_string(hide_password=True)
    except Exception:  # checked when stored; an old odd value is not worth a crash
        return "(a database URL)"


def _read_kiosk(session: Session) -> KioskSettings:
    values: dict[str, str | None] = {}
    for f in fields(KioskSettings):
        raw = repo.get_setting(session, KIOSK_PREFIX + f.name)
        if raw is not None:
            values[f.name] = json.loads(raw)
    return KioskSettings(**values)


def _kiosk_changes(current: KioskSettings, new: KioskSettings) -> dict[str, Any]:
    return {
        KIOSK_PREFIX + name: (getattr(current, name), value)
        for name, value in asdict(new).items()
        if value != getattr(current, name)
    }


def _write_settings(
    session: Session,
    at: datetime,
    actor: str | None,
    screening: dict[str, Any],
    kiosk: dict[str, Any],
) -> None:
    """Store changed settings (key: (old, new)) and audit them as one change."""
    changed: dict[str, Any] = {}
    for prefix, values in ((PREFIX, screening), ("", kiosk)):
        for key, (old, value) in values.items():
            repo.put_setting(session, prefix + key, json.dumps(value))
            name = key.removeprefix(KIOSK_PREFIX)
            changed[key] = {"from": _without_password(name, old),
                            "to": _without_password(name, value)}
    if changed:
        audit.record(
            session, at=at, actor=actor or default_actor(), action="settings.update",
            entity="settings", details=changed,
        )


def write_first_settings(
    session: Session,
    *,
    at: datetime,
    actor: str | None,
    screening: ScreeningSettings,
    kiosk: KioskSettings,
) -> None:
    """Store the settings chosen at set-up in the caller's transaction (the first-run set-up
    writes the site, its admin and its settings in one go). ``screening`` must be valid;
    the kiosk's values are checked here."""
    screening.validate()
    checked = KioskSettings(**_checked_kiosk(asdict(kiosk)))
    defaults = ScreeningSettings()
    _write_settings(
        session, at, actor,
        {
            name: (getattr(defaults, name), value)
            for name, value in asdict(screening).items()
            if value != getattr(defaults, name)
        },
        _kiosk_changes(KioskSettings(), checked),
    )
