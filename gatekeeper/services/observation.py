"""Travel history and the observation clock.

An officer records that a person came back from somewhere. When the origin is one of the
listed regions (setting ``observation.regions``), the person is under observation for
``observation.days`` days (default 14): from the day of arrival up to, not including, the
clearance date ``clears_on = arrived_on + days``. While the observation runs, the kiosk asks
for a health declaration every day (:func:`is_under_observation`, called by
``ScreeningService.declaration_needed``) and officers follow a daily temperature series.

Decisions:

- The origin matches a listed region exactly, after Unicode NFKC normalisation, case folding
  and collapsing whitespace ("  wuhan " matches "Wuhan"; "湖北武汉" does not match "武汉").
  Matching on substrings would put people under observation by accident.
- Travel from anywhere else is still recorded, in the same table, as travel history without
  observation: its ``clears_on`` equals ``arrived_on`` (an empty period), so it is never active.
- The clearance date is fixed when the travel is recorded; changing the settings later does
  not move running observations. An officer may end one early, with a reason (audited); it
  stops being active from the local day on which it was ended.
- All dates are local to the installation's time zone.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction, Method
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.access import OFFICERS, require
from gatekeeper.services.settings import SettingsService
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Observation, Person

REGIONS_KEY = "observation.regions"
DAYS_KEY = "observation.days"
DEFAULT_DAYS = 14
MAX_DAYS = 60
MAX_REGIONS = 200
MAX_TEXT = 100  # the origin column's width
MAX_NOTE = 500
#: How far ahead an arrival may be recorded (a returnee announced in advance).
MAX_DAYS_AHEAD = 30


def normalise_region(text: str) -> str:
    """The form two region names are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _clean(text: str, what: str, limit: int, *, required: bool) -> str:
    cleaned = " ".join(text.split())
    if required and not cleaned:
        raise UserError(f"The {what} is empty.")
    if len(cleaned) > limit:
        raise UserError(f"The {what} is longer than {limit} characters.")
    if any(ord(ch) < 32 for ch in cleaned):
        raise UserError(f"The {what} contains control characters.")
    return cleaned


def local_day_start(day: date, zone: ZoneInfo) -> datetime:
    """The instant a local day begins."""
    return datetime.combine(day, time(0), zone)


def is_under_observation(
    session: Session, site_id: uuid.UUID, person_id: uuid.UUID, moment: datetime, zone: ZoneInfo
) -> bool:
    """Whether an observation of the person runs on the local day of ``moment``, in the
    caller's transaction (the kiosk's check before a screening)."""
    day = moment.astimezone(zone).date()
    rows = repo.observations_active_on(
        session, site_id, day.isoformat(), local_day_start(day + timedelta(days=1), zone),
        person_id=person_id,
    )
    return bool(rows)


@dataclass(frozen=True)
class ObservationSettings:
    #: The listed regions, as entered (compared with :func:`normalise_region`).
    regions: tuple[str, ...] = ()
    #: The length of an observation in days.
    days: int = DEFAULT_DAYS

    def lists(self, origin: str) -> bool:
        wanted = normalise_region(origin)
        return any(normalise_region(region) == wanted for region in self.regions)


@dataclass(frozen=True)
class ObservationView:
    """A recorded journey; an observation when ``observed``."""

    id: uuid.UUID
    person: PersonView
    origin: str
    arrived_on: date
    #: The planned clearance date: the first day free of observation.
    clears_on: date
    #: The first day free of observation after an early end (the local day it was ended on),
    #: otherwise ``clears_on``.
    ends_on: date
    created_at: datetime
    actor: str
    note: str
    ended_at: datetime | None

    @property
    def observed(self) -> bool:
        """False for travel history recorded without observation."""
        return self.clears_on > self.arrived_on

    @property
    def ended_early(self) -> bool:
        return self.ended_at is not None

    def active_on(self, day: date) -> bool:
        return self.arrived_on <= day < self.ends_on

    def days(self) -> list[date]:
        """The days under observation (empty for travel history)."""
        count = (self.ends_on - self.arrived_on).days
        return [self.arrived_on + timedelta(days=i) for i in range(max(count, 0))]


@dataclass(frozen=True)
class SeriesReading:
    at: datetime  # UTC
    value_c: float
    fever: bool
    event_id: uuid.UUID
    direction: Direction
    decision: Decision


@dataclass(frozen=True)
class SeriesDay:
    """One day of an observation: the readings taken at the gates, in time order."""

    day: date
    readings: tuple[SeriesReading, ...]
    #: A screening with a temperature reading took place that day (also true when retention
    #: has since purged the readings themselves).
    screened: bool
    declared: bool

    @property
    def max_c(self) -> float | None:
        return max((r.value_c for r in self.readings), default=None)

    @property
    def fever(self) -> bool:
        return any(r.fever for r in self.readings)


class ObservationService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        settings_service: SettingsService,
        clock: Clock = utc_now,
    ) -> None:
        self.db = db
        self.installation = installation
        self.settings_service = settings_service
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)

    def today(self) -> date:
        return self.clock().astimezone(self.zone).date()

    # --- settings ---------------------------------------------------------------------------

    def settings(self) -> ObservationSettings:
        with self.db.session() as session:
            return self._settings(session)

    def _settings(self, session: Session) -> ObservationSettings:
        raw_regions = repo.get_setting(session, REGIONS_KEY)
        raw_days = repo.get_setting(session, DAYS_KEY)
        regions = tuple(str(r) for r in json.loads(raw_regions)) if raw_regions else ()
        days = int(json.loads(raw_days)) if raw_days else DEFAULT_DAYS
        return ObservationSettings(regions, days)

    def update_settings(
        self,
        by: UserView,
        *,
        regions: Sequence[str] | None = None,
        days: int | None = None,
    ) -> ObservationSettings:
        """Change the listed regions and/or the length of an observation (officers and
        admins; audited). Blank and repeated regions are dropped."""
        require(self.db, by, OFFICERS, "change the observation settings", self.clock)
        cleaned: tuple[str, ...] | None = None
        if regions is not None:
            if isinstance(regions, str):
                raise UserError("Give the regions as a list of names.")
            seen: set[str] = set()
            kept: list[str] = []
            for region in regions:
                name = _clean(region, "region name", MAX_TEXT, required=False)
                if name and normalise_region(name) not in seen:
                    seen.add(normalise_region(name))
                    kept.append(name)
            if len(kept) > MAX_REGIONS:
                raise UserError(f"At most {MAX_REGIONS} regions can be listed.")
            cleaned = tuple(kept)
        if days is not None and (
            isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS
        ):
            raise UserError(f"An observation lasts 1 to {MAX_DAYS} days.")
        now = self.clock()
        with self.db.session() as session:
            current = self._settings(session)
            changed: dict[str, dict[str, object]] = {}
            if cleaned is not None and cleaned != current.regions:
                repo.put_setting(session, REGIONS_KEY, json.dumps(list(cleaned),
                                                                  ensure_ascii=False))
                changed["regions"] = {"from": list(current.regions), "to": list(cleaned)}
            if days is not None and days != current.days:
                repo.put_setting(session, DAYS_KEY, json.dumps(days))
                changed["days"] = {"from": current.days, "to": days}
            if changed:
                audit.record(
                    session, at=now, actor=by.username, action="settings.observation",
                    entity="settings", details=changed,
                )
            return self._settings(session)

    # --- travel and observations ------------------------------------------------------------

    def record_travel(
        self,
        person_id: uuid.UUID,
        origin: str,
        arrived_on: date,
        by: UserView,
        note: str = "",
    ) -> ObservationView:
        """Record a journey. From a listed region it starts an observation that clears on
        ``arrived_on + days``; from anywhere else it is travel history only (see the module
        docstring). Officers and admins; audited."""
        require(self.db, by, OFFICERS, "record travel", self.clock)
        origin = _clean(origin, "place of origin", MAX_TEXT, required=True)
        note = _clean(note, "note", MAX_NOTE, required=False)
        today = self.today()
        if arrived_on > today + timedelta(days=MAX_DAYS_AHEAD):
            raise UserError(
                f"The arrival date {arrived_on.isoformat()} is more than {MAX_DAYS_AHEAD} days "
                "ahead; check the year."
            )
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, person_id)
            settings = self._settings(session)
            observed = settings.lists(origin)
            clears_on = arrived_on + timedelta(days=settings.days if observed else 0)
            row = Observation(
                person_id=person.id,
                origin=origin,
                arrived_on=arrived_on.isoformat(),
                clears_on=clears_on.isoformat(),
                created_at=now,
                actor=by.username,
                note=note,
            )
            session.add(row)
            session.flush()
            audit.record(
                session, at=now, actor=by.username, action="observation.record",
                entity="observation", entity_id=str(row.id),
                details={
                    "staff_no": person.staff_no, "origin": origin,
                    "arrived_on": row.arrived_on, "clears_on": row.clears_on,
                    "observed": observed,
                },
            )
            return self._view(row, person)

    def active_for(self, person_id: uuid.UUID, on: date) -> ObservationView | None:
        """The person's observation running on ``on`` (the one that clears last when
        several overlap), or None."""
        with self.db.session() as session:
            rows = repo.observations_active_on(
                session, self.installation.site_id, on.isoformat(), self._day_end(on),
                person_id=person_id,
            )
            if not rows:
                return None
            row, person = max(rows, key=lambda r: r[0].clears_on)
            return self._view(row, person)

    def under_observation(self, on: date) -> list[ObservationView]:
        """Everyone under observation on ``on``, one entry per person (the observation that
        clears last), soonest clearance first."""
        with self.db.session() as session:
            rows = repo.observations_active_on(
                session, self.installation.site_id, on.isoformat(), self._day_end(on)
            )
            latest: dict[uuid.UUID, tuple[Observation, Person]] = {}
            for row, person in rows:
                kept = latest.get(person.id)
                if kept is None or row.clears_on > kept[0].clears_on:
                    latest[person.id] = (row, person)
            views = [self._view(row, person) for row, person in latest.values()]
        return sorted(views, key=lambda v: (v.clears_on, v.person.staff_no))

    def history(self, person_id: uuid.UUID) -> list[ObservationView]:
        """A person's recorded journeys, newest arrival first."""
        with self.db.session() as session:
            person = self._person(session, person_id)
            return [self._view(r, person) for r in repo.observations_of_person(session, person.id)]

    def get(self, observation_id: uuid.UUID) -> ObservationView:
        with self.db.session() as session:
            row, person = self._observation(session, observation_id)
            return self._view(row, person)

    def end_early(self, observation_id: uuid.UUID, by: UserView, reason: str) -> ObservationView:
        """End a running observation now, with the reason in the audit trail (officers and
        admins)."""
        require(self.db, by, OFFICERS, "end an observation", self.clock)
        reason = _clean(reason, "reason", MAX_NOTE, required=True)
        now = self.clock()
        today = now.astimezone(self.zone).date()
        with self.db.session() as session:
            row, person = self._observation(session, observation_id)
            view = self._view(row, person)
            if not view.observed:
                raise UserError(
                    f"The journey of {person.name} from {row.origin} was recorded as travel "
                    "history without observation: there is nothing to end."
                )
            if row.ended_at is not None:
                raise UserError(
                    f"The observation of {person.name} was already ended on "
                    f"{self._local(row.ended_at)}."
                )
            if view.clears_on <= today:
                raise UserError(
                    f"The observation of {person.name} already cleared on "
                    f"{view.clears_on.isoformat()}."
                )
            row.ended_at = now
            audit.record(
                session, at=now, actor=by.username, action="observation.end_early",
                entity="observation", entity_id=str(row.id),
                details={
                    "staff_no": person.staff_no, "reason": reason,
                    "clears_on": row.clears_on,
                },
            )
            return self._view(row, person)

    def temperature_series(self, observation_id: uuid.UUID) -> list[SeriesDay]:
        """One entry per day under observation (arrival to the day before clearance, or to
        the day before an early end), days still ahead included with no readings."""
        threshold = self.settings_service.screening().fever_threshold_c
        with self.db.session() as session:
            row, person = self._observation(session, observation_id)
            view = self._view(row, person)
            days = view.days()
            if not days:
                return []
            events = repo.person_events_between(
                session, person.id, local_day_start(days[0], self.zone), self._day_end(days[-1])
            )
            declared = repo.declaration_dates(
                session, person.id, days[0].isoformat(), days[-1].isoformat()
            )
            by_day: dict[date, list[SeriesReading]] = {d: [] for d in days}
            screened: set[date] = set()
            for event in events:
                if event.method == Method.AUTO:
                    continue
                day = event.occurred_at.astimezone(self.zone).date()
                if event.readings or event.readings_purged_at is not None:
                    screened.add(day)
                by_day[day].extend(
                    SeriesReading(
                        at=reading.taken_at,
                        value_c=reading.value_c,
                        fever=reading.value_c >= threshold,
                        event_id=event.id,
                        direction=Direction(event.direction),
                        decision=Decision(event.decision),
                    )
                    for reading in event.readings
                )
        return [
            SeriesDay(d, tuple(by_day[d]), d in screened, d.isoformat() in declared)
            for d in days
        ]

    # --- helpers ----------------------------------------------------------------------------

    def _day_end(self, day: date) -> datetime:
        return local_day_start(day + timedelta(days=1), self.zone)

    def _local(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def _person(self, session: Session, person_id: uuid.UUID) -> Person:
        person = session.get(Person, person_id)
        if person is None or person.site_id != self.installation.site_id:
            raise UserError("That person is not in the registry.")
        return person

    def _observation(
        self, session: Session, observation_id: uuid.UUID
    ) -> tuple[Observation, Person]:
        found = repo.observation_with_person(session, observation_id)
        if found is None or found[1].site_id != self.installation.site_id:
            raise UserError(f"No observation {observation_id}.")
        return found

    def _view(self, row: Observation, person: Person) -> ObservationView:
        arrived = date.fromisoformat(row.arrived_on)
        clears = date.fromisoformat(row.clears_on)
        ends = clears
        if row.ended_at is not None:
            ends = max(arrived, min(clears, row.ended_at.astimezone(self.zone).date()))
        return ObservationView(
            id=row.id,
            person=PersonView.of(person),
            origin=row.origin,
            arrived_on=arrived,
            clears_on=clears,
            ends_on=ends,
            created_at=row.created_at,
            actor=row.actor,
            note=row.note,
            ended_at=row.ended_at,
        )
