"""Screening at the gate: identify, take readings, decide, and record the event durably.

Every method runs in its own short transaction; when it returns, the event is committed (WAL,
synchronous=FULL), so whatever the caller shows next is already on disk.

Events keep their order by the gate's sequence number, whatever the clock says. A clock set
back (by hand, a dead RTC battery, a bad time server) shows as an event earlier than the gate's
previous one by more than CLOCK_JUMP_TOLERANCE: it is recorded all the same, the audit trail
gets a "clock.jump" entry with both times, and the outcome carries a :class:`ClockJump` for the
kiosk to warn about (also :meth:`ScreeningService.check_clock`, before anyone is screened).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from gatekeeper.domain import screening as rules
from gatekeeper.domain import tokens
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction, Method
from gatekeeper.domain.screening import Reason, Verdict
from gatekeeper.domain.temperature import Temperature
from gatekeeper.domain.tokens import TokenError, TokenProblem
from gatekeeper.errors import UserError
from gatekeeper.services import audit, observation
from gatekeeper.services.badges import BadgeService
from gatekeeper.services.settings import ScreeningSettings, SettingsService
from gatekeeper.services.setup import Installation
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import HealthDeclaration, Person, Reading, ScreeningEvent

#: Refused tokens that are recorded as deny events, so that officers see the attempt: a forged
#: badge (altered, or signed by a key this site does not know), a replayed old version, an
#: inactive person. A garbled scan, an expired pass and a badge newer than this gate's
#: registry are shown to the guard only.
LOGGED_PROBLEMS = frozenset({
    TokenProblem.BAD_SIGNATURE, TokenProblem.FOREIGN_KEY, TokenProblem.REVOKED,
    TokenProblem.INACTIVE_PERSON,
})
#: Refused tokens whose signature is good, so that the person they name is trusted.
SIGNED_PROBLEMS = frozenset({TokenProblem.REVOKED, TokenProblem.INACTIVE_PERSON})

#: How much earlier than the gate's previous event a new one may be before the clock is taken
#: to have been set back (a time server's corrections are far smaller).
CLOCK_JUMP_TOLERANCE = timedelta(minutes=2)

#: The reason of an automatic exit (see :func:`insert_auto_exit`); not a
#: :class:`Reason`, since no screening decides it.


@dataclass(frozen=True)
class Identity:
    person: PersonView
    method: Method
    badge_version: int | None = None
    #: A pass made on the self-service web pages, where the holder declared for its day with
    #: nothing to report (domain/webpass.py): a gate that cannot see that declaration (it is
    #: in the central database) takes the pass's word for it.
    declared_on_pass: bool = False


@dataclass(frozen=True)
class TakenReading:
    temperature: Temperature
    source_device: str


@dataclass(frozen=True)
class Declaration:
    symptoms: tuple[str, ...] = ()
    places_visited: tuple[str, ...] = ()
    contact_with_confirmed: bool = False

    @property
    def risky(self) -> bool:
        return bool(self.symptoms) or self.contact_with_confirmed


@dataclass(frozen=True)
class ClockJump:
    """This computer's clock is behind the gate's last recorded event: it was set back."""

    previous_at: datetime  # the gate's previous event (UTC)
    now: datetime  # the clock's time when it was noticed (UTC)

    @property
    def behind(self) -> timedelta:
        return self.previous_at - self.now

    @property
    def message(self) -> str:
        minutes = max(1, round(self.behind.total_seconds() / 60))
        amount = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
        return (
            f"The computer's clock is {amount} behind this gate's last record "
            f"({self.previous_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC): it was set back. Records "
            "keep their order, but their times may be wrong: set the date and time right, or "
            "tell whoever looks after this gate."
        )


@dataclass(frozen=True)
class Outcome:
    """What happened at the gate, as the kiosk shows it and the CLI prints it."""

    decision: Decision
    reason: Reason
    event_id: uuid.UUID | None
    seq: int | None
    occurred_at: datetime
    direction: Direction
    person: PersonView | None = None
    readings_c: tuple[float, ...] = ()
    #: Set when nothing was recorded because the same pass is already in the log.
    duplicate_of: uuid.UUID | None = None
    duplicate_at: datetime | None = None
    #: The first event of a recheck pair, on the second reading's outcome.
    recheck_of: uuid.UUID | None = None
    message: str = field(default="")
    #: Set when this event is earlier than the gate's previous one: the clock was set back.
    clock_jump: ClockJump | None = None

    @property
    def recorded(self) -> bool:
        return self.event_id is not None

    @property
    def alert(self) -> bool:
        return self.decision is Decision.DENY and self.recorded

    def to_json(self) -> dict[str, object]:
        return {
            "decision": str(self.decision),
            "reason": str(self.reason),
            "event_id": str(self.event_id) if self.event_id else None,
            "seq": self.seq,
            "occurred_at": self.occurred_at.isoformat(),
            "direction": str(self.direction),
            "staff_no": self.person.staff_no if self.person else None,
            "name": self.person.name if self.person else None,
            "readings_c": list(self.readings_c),
            "duplicate_of": str(self.duplicate_of) if self.duplicate_of else None,
            "duplicate_at": self.duplicate_at.isoformat() if self.duplicate_at else None,
            "recheck_of": str(self.recheck_of) if self.recheck_of else None,
            "alert": self.alert,
            "message": self.message,
            "clock_warning": self.clock_jump.message if self.clock_jump else None,
        }


class DeclarationNeeded(UserError):
    """The person must make a health declaration for today before the screening."""

    def __init__(self, person: PersonView) -> None:
        self.person = person
        super().__init__(f"{person.name} ({person.staff_no}) must make a health declaration today.")


def insert_event(
    session: Session,
    installation: Installation,
    *,
    person_id: uuid.UUID | None,
    verdict: Verdict,
    direction: Direction,
    method: Method,
    at: datetime,
    readings: Sequence[TakenReading] = (),
    badge_version: int | None = None,
    guard_id: uuid.UUID | None = None,
    recheck_of: uuid.UUID | None = None,
) -> ScreeningEvent:
    """The one way a screening event is written, in the caller's transaction: numbered with
    this gate's next sequence number and hash-chained (repo.chain_event)."""
    at = at.astimezone(UTC)  # the form it is read back in: the content hash covers its text
    event = ScreeningEvent(
        gate_id=installation.gate_id,
        seq=repo.allocate_seq(session, installation.gate_id),
        person_id=person_id,
        occurred_at=at,
        timezone=installation.timezone,
        direction=str(direction),
        decision=str(verdict.decision),
        reason=str(verdict.reason),
        method=str(method),
        badge_version=badge_version,
        guard_id=guard_id,
        recheck_of=recheck_of,
    )
    for ordinal, taken in enumerate(readings, start=1):
        event.readings.append(
            Reading(
                ordinal=ordinal,
                value_c=taken.temperature.value_c,
                value_entered=taken.temperature.value_entered,
                unit_entered=str(taken.temperature.unit_entered),
                source_device=taken.source_device,
                taken_at=at,
            )
        )
    session.add(event)
    session.flush()
    repo.chain_event(session, event)
    return event


def insert_auto_exit(
    session: Session, installation: Installation, person_id: uuid.UUID, at: datetime
) -> ScreeningEvent:
    """Record an automatic exit (a forgotten check-out closed by services/presence.py) in the
    caller's transaction: an OUT pass at ``at`` with method 'auto', reason 'auto_exit' and no
    readings."""
    return insert_event(
        session, installation, person_id=person_id,
        verdict=Verdict(Decision.PASS, Reason.AUTO_EXIT), direction=Direction.OUT,
        method=Method.AUTO, at=at,
    )


class ScreeningService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        badges: BadgeService,
        settings: SettingsService,
        clock: Clock = utc_now,
    ) -> None:
        self.db = db
        self.installation = installation
        self.badges = badges
        self.settings_service = settings
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)
        #: The last clock jump noticed by this service (None once the clock is right again).
        self.clock_jump: ClockJump | None = None

    @property
    def settings(self) -> ScreeningSettings:
        return self.settings_service.screening()

    # --- identify ---------------------------------------------------------------------------

    def identify_token(self, token: str, method: Method = Method.QR) -> Identity:
        """The person a badge names. TokenError when it must not pass; the caller shows the
        reason and calls :meth:`refuse` to log it."""
        verified = self.badges.verify(token)
        if verified.web_pass is None:
            return Identity(verified.person, method, verified.claims.version)
        # A gate may know the holder of a web pass only from the pass: record them, so that
        # the screening event names them (and is imported centrally with them).
        self.badges.keep_pass_holder(verified)
        return Identity(
            verified.person, method, verified.claims.version,
            declared_on_pass=verified.web_pass.declared,
        )

    def find_people(self, query: str, limit: int = 20) -> list[PersonView]:
        """Manual lookup for a forgotten badge: staff number, name or phone."""
        text = query.strip()
        if not text:
            return []
        with self.db.session() as session:
            people = repo.list_people(session, self.installation.site_id, search=text)
            return [PersonView.of(p) for p in people[:limit]]

    def identify_manual(self, person_id: uuid.UUID) -> Identity:
        with self.db.session() as session:
            person = session.get(Person, person_id)
            if person is None or person.site_id != self.installation.site_id:
                raise UserError("That person is not in the registry.")
            return Identity(PersonView.of(person), Method.MANUAL, None)

    # --- before the reading -----------------------------------------------------------------

    def local_date(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).date().isoformat()

    def duplicate(self, identity: Identity, direction: Direction) -> Outcome | None:
        """The pass already recorded for this person and direction within the window."""
        window = self.settings.duplicate_window_s
        if window <= 0:
            return None
        now = self.clock()
        with self.db.session() as session:
            last = repo.last_event_of(
                session, identity.person.id, str(direction), now - timedelta(seconds=window)
            )
            # Only the person's own pass counts: an automatic exit is no scan of theirs. Nor
            # does one "later" than now: the clock was set back, and that pass may be an hour
            # old; a new screening is taken rather than a reading skipped.
            if last is None or last.decision != Decision.PASS or last.method == Method.AUTO:
                return None
            if last.occurred_at.astimezone(UTC) - now.astimezone(UTC) > CLOCK_JUMP_TOLERANCE:
                return None
            return Outcome(
                decision=Decision.PASS,
                reason=Reason(last.reason),
                event_id=None,
                seq=None,
                occurred_at=now,
                direction=direction,
                person=identity.person,
                readings_c=tuple(r.value_c for r in last.readings),
                duplicate_of=last.id,
                duplicate_at=last.occurred_at,
            )

    def declaration_needed(self, identity: Identity) -> bool:
        """Whether the person must declare for today before screening: the site requires it
        of everyone, the person's record requires it, or the person is under observation
        (services/observation.py); and no declaration for today exists yet."""
        person = identity.person
        if identity.declared_on_pass:
            return False
        required = self.settings.declaration_required_for_all or person.declaration_required
        now = self.clock()
        with self.db.session() as session:
            if not required and not observation.is_under_observation(
                session, self.installation.site_id, person.id, now, self.zone
            ):
                return False
            return not repo.declarations_for(session, person.id, self.local_date(now))

    def declared_today(self, person_id: uuid.UUID) -> Declaration | None:
        """Today's declarations of a person taken together (at the gate, or from a phone)."""
        today = self.local_date(self.clock())
        with self.db.session() as session:
            rows = repo.declarations_for(session, person_id, today)
            if not rows:
                return None
            return Declaration(
                symptoms=tuple(s for r in rows for s in r.symptoms),
                places_visited=tuple(p for r in rows for p in r.places_visited),
                contact_with_confirmed=any(r.contact_with_confirmed for r in rows),
            )

    def refuse_identity(
        self,
        identity: Identity,
        reason: Reason,
        direction: Direction,
        guard_id: uuid.UUID | None = None,
    ) -> Outcome:
        """Record a deny for a known person without a reading: an inactive person found by
        lookup, a required declaration not made."""
        return self._record(
            identity, Verdict(Decision.DENY, reason), direction, guard_id, [], None
        )

    # --- record -----------------------------------------------------------------------------

    def declare(
        self, person_id: uuid.UUID, declaration: Declaration, source: str = "gate"
    ) -> uuid.UUID:
        with self.db.session() as session:
            return self.declare_in(session, person_id, declaration, source)

    def declare_in(
        self, session: Session, person_id: uuid.UUID, declaration: Declaration,
        source: str = "gate",
    ) -> uuid.UUID:
        """:meth:`declare` inside the caller's transaction."""
        now = self.clock()
        at_gate = source == "gate"
        row = HealthDeclaration(
            person_id=person_id,
            gate_id=self.installation.gate_id if at_gate else None,
            seq=repo.allocate_seq(session, self.installation.gate_id) if at_gate else None,
            declared_at=now,
            for_date=self.local_date(now),
            symptoms=list(declaration.symptoms),
            places_visited=list(declaration.places_visited),
            contact_with_confirmed=declaration.contact_with_confirmed,
            source=source,
        )
        session.add(row)
        session.flush()
        return row.id

    def screen(
        self,
        identity: Identity,
        reading: TakenReading,
        direction: Direction,
        guard_id: uuid.UUID | None = None,
        declaration: Declaration | None = None,
    ) -> Outcome:
        """The first reading of a screening. A duplicate pass is reported, not recorded."""
        duplicate = self.duplicate(identity, direction)
        if duplicate is not None:
            return duplicate
        if declaration is not None:
            self.declare(identity.person.id, declaration)
        elif self.declaration_needed(identity):
            raise DeclarationNeeded(identity.person)
        else:
            declaration = self.declared_today(identity.person.id)
        if not identity.person.active:
            verdict = Verdict(Decision.DENY, Reason.INACTIVE)
        elif declaration is not None and declaration.risky:
            verdict = Verdict(Decision.DENY, Reason.DECLARATION_RISK)
        else:
            verdict = rules.first_reading(
                reading.temperature.value_c, self.settings.fever_threshold_c
            )
        return self._record(identity, verdict, direction, guard_id, [reading], None)

    def recheck(
        self, event_id: uuid.UUID, reading: TakenReading, guard_id: uuid.UUID | None = None
    ) -> Outcome:
        """The second reading after a RECHECK: PASS below the threshold, DENY at or above."""
        with self.db.session() as session:
            first = repo.get_event(session, event_id)
            if first is None:
                raise UserError(f"No screening event {event_id}.")
            if first.decision != Decision.RECHECK:
                raise UserError(f"Event {event_id} does not need a second reading.")
            done = repo.recheck_of(session, event_id)
            if done is not None:
                raise UserError(
                    f"Event {event_id} already has its second reading (event {done.id})."
                )
            person = session.get(Person, first.person_id) if first.person_id else None
            if person is None:
                raise UserError(f"Event {event_id} names nobody in the registry.")
            identity = Identity(PersonView.of(person), Method(first.method), first.badge_version)
            direction = Direction(first.direction)
        verdict = rules.second_reading(reading.temperature.value_c, self.settings.fever_threshold_c)
        return self._record(identity, verdict, direction, guard_id, [reading], event_id)

    def refuse(
        self,
        error: TokenError,
        token: str,
        method: Method,
        direction: Direction,
        guard_id: uuid.UUID | None = None,
    ) -> Outcome:
        """Show a refused badge; log forged and revoked attempts as deny events."""
        reason = rules.reason_for(error.problem)
        now = self.clock()
        if error.problem not in LOGGED_PROBLEMS:
            return Outcome(Decision.DENY, reason, None, None, now, direction, message=str(error))
        person_view: PersonView | None = None
        badge_version: int | None = None
        if error.problem in SIGNED_PROBLEMS:
            # The signature is good, so the person it names is real.
            claims, _, _ = tokens.parse(token)
            badge_version = claims.version
            with self.db.session() as session:
                person = session.get(Person, claims.person_id)
                person_view = PersonView.of(person) if person is not None else None
        with self.db.session() as session:
            event, jump = self._insert(
                session, person_view, Verdict(Decision.DENY, reason), direction, method,
                badge_version, guard_id, [], None, now,
            )
            return self._outcome(event, person_view, [], message=str(error), clock_jump=jump)

    def _record(
        self,
        identity: Identity,
        verdict: Verdict,
        direction: Direction,
        guard_id: uuid.UUID | None,
        readings: Sequence[TakenReading],
        recheck_of: uuid.UUID | None,
    ) -> Outcome:
        now = self.clock()
        with self.db.session() as session:
            event, jump = self._insert(
                session, identity.person, verdict, direction, identity.method,
                identity.badge_version, guard_id, readings, recheck_of, now,
            )
            outcome = self._outcome(event, identity.person, readings, clock_jump=jump)
        return outcome

    def _insert(
        self,
        session: Session,
        person: PersonView | None,
        verdict: Verdict,
        direction: Direction,
        method: Method,
        badge_version: int | None,
        guard_id: uuid.UUID | None,
        readings: Sequence[TakenReading],
        recheck_of: uuid.UUID | None,
        now: datetime,
    ) -> tuple[ScreeningEvent, ClockJump | None]:
        """Insert the event; when the clock went back behind the gate's previous event, audit
        it in the same transaction ("clock.jump") and say so."""
        jump = self._jump_since_previous(session, now)
        event = insert_event(
            session, self.installation, person_id=person.id if person else None,
            verdict=verdict, direction=direction, method=method, at=now, readings=readings,
            badge_version=badge_version, guard_id=guard_id, recheck_of=recheck_of,
        )
        if jump is not None:
            audit.record(
                session, at=now, actor=f"gate:{self.installation.gate_name}",
                action="clock.jump", entity="screening_event", entity_id=str(event.id),
                details={
                    "previous_at": jump.previous_at.isoformat(), "now": jump.now.isoformat(),
                    "behind_s": round(jump.behind.total_seconds()), "seq": event.seq,
                    "gate_id": str(self.installation.gate_id),
                },
            )
        self.clock_jump = jump
        return event, jump

    # --- the clock --------------------------------------------------------------------------

    def check_clock(self) -> ClockJump | None:
        """Whether the clock is now behind the gate's last recorded event (by more than the
        tolerance): for the kiosk to warn at start, before anyone is screened. Records
        nothing; the jump is audited with the first event recorded at the wrong time."""
        with self.db.session() as session:
            self.clock_jump = self._jump_since_previous(session, self.clock())
        return self.clock_jump

    def _jump_since_previous(self, session: Session, now: datetime) -> ClockJump | None:
        # The gate's previous event in sequence order, over the (gate_id, seq) index.
        previous = session.scalar(
            select(ScreeningEvent.occurred_at)
            .where(ScreeningEvent.gate_id == self.installation.gate_id)
            .order_by(ScreeningEvent.seq.desc())
            .limit(1)
        )
        if previous is None:
            return None
        now = now.astimezone(UTC)
        previous = previous.astimezone(UTC)
        if previous - now <= CLOCK_JUMP_TOLERANCE:
            return None
        return ClockJump(previous_at=previous, now=now)

    def _outcome(
        self,
        event: ScreeningEvent,
        person: PersonView | None,
        readings: Sequence[TakenReading],
        message: str = "",
        clock_jump: ClockJump | None = None,
    ) -> Outcome:
        return Outcome(
            decision=Decision(event.decision),
            reason=Reason(event.reason),
            event_id=event.id,
            seq=event.seq,
            occurred_at=event.occurred_at,
            direction=Direction(event.direction),
            person=person,
            readings_c=tuple(r.temperature.value_c for r in readings),
            recheck_of=event.recheck_of,
            message=message,
            clock_jump=clock_jump,
        )

