"""Site settings stored in the database (the settings table), with typed defaults.

Every change is audited. The admin settings screen and the CLI edit them through
:meth:`SettingsService.update`; services read a frozen :class:`ScreeningSettings`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Direction, TempUnit
from gatekeeper.domain.temperature import (
    DEFAULT_FEVER_THRESHOLD_C,
    PLAUSIBLE_MAX_C,
    PLAUSIBLE_MIN_C,
)
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.setup import default_actor
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database

PREFIX = "screening."
CALIBRATION_PREFIX = "calibration."


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

    def update(self, *, actor: str | None = None, **changes: Any) -> ScreeningSettings:
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

    # Calibration offsets, one per thermometer (keyed by its description, e.g. "serial:COM3").

    def calibration_offset(self, device: str) -> float:
        with self.db.session() as session:
            raw = repo.get_setting(session, CALIBRATION_PREFIX + device)
        return 0.0 if raw is None else float(json.loads(raw))

    def set_calibration_offset(
        self, device: str, offset_c: float, *, actor: str | None = None
    ) -> None:
        if not -3.0 <= offset_c <= 3.0:
            raise UserError("A calibration offset must lie between -3.0 and +3.0 °C.")
        now = self.clock()
        with self.db.session() as session:
            repo.put_setting(session, CALIBRATION_PREFIX + device, json.dumps(offset_c))
            audit.record(
                session, at=now, actor=actor or default_actor(), action="settings.calibration",
                entity="thermometer", entity_id=device[:64], details={"offset_c": offset_c},
            )
