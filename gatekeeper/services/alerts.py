"""Fever and deny alerts, and the officers' acknowledgements of them.

An alert is one *case*, keyed by one event:

- a fever: the first reading at or above the threshold (a RECHECK event), together with its
  second reading when one was taken. The pair is one alert whatever the second reading said:
  confirmed (DENY), cleared (PASS; acknowledged as "cleared by recheck", typically), or not
  taken yet (the person walked away: the case stays open);
- a deny for any other reason: a forged or revoked badge, an inactive person, a risky
  declaration. The second reading of a pair is never an alert of its own.

An officer (or admin) acknowledges the case with an outcome and a note; the acknowledgement is
stored against the key event (one per case, enforced by a unique column) and written to the
audit trail. A case acknowledged once cannot be acknowledged again. Acknowledging either
event of a pair acknowledges the case.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Decision, Direction
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.access import OFFICERS, require
from gatekeeper.services.setup import Installation
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import AlertAck, Gate, Person, ScreeningEvent

MAX_NOTE = 500
MAX_RECENT_DAYS = 366


class AlertOutcome(StrEnum):
    """What was done about an alert. Stored: never rename a value."""

    SENT_HOME = "sent_home"
    ISOLATION_ROOM = "isolation_room"
    CLEARED_BY_RECHECK = "cleared_by_recheck"
    REFERRED_TO_HOSPITAL = "referred_to_hospital"
    FALSE_ALARM = "false_alarm"
    OTHER = "other"


class AlertKind(StrEnum):
    FEVER = "fever"
    DENY = "deny"


@dataclass(frozen=True)
class Acknowledgement:
    event_id: uuid.UUID
    outcome: AlertOutcome
    note: str
    actor: str
    at: datetime  # UTC

    @classmethod
    def of(cls, ack: AlertAck) -> Acknowledgement:
        return cls(ack.event_id, AlertOutcome(ack.outcome), ack.note, ack.actor,
                   ack.acknowledged_at)


@dataclass(frozen=True)
class Alert:
    #: The case's key event (the first reading of a fever, or the deny event).
    event_id: uuid.UUID
    kind: AlertKind
    #: Where the case stands: RECHECK (second reading not taken), PASS (cleared on the second
    #: reading), or DENY.
    decision: Decision
    #: The reason of the case's newest event, as stored (e.g. fever_confirmed, revoked).
    reason: str
    #: When the case began (UTC) and the zone of the gate.
    occurred_at: datetime
    timezone: str
    gate: str
    direction: Direction
    #: None when a forged badge named nobody.
    person: PersonView | None
    #: Every reading of the case in order (first, then second).
    temperatures_c: tuple[float, ...]
    second_event_id: uuid.UUID | None = None
    acknowledgement: Acknowledgement | None = None

    @property
    def open(self) -> bool:
        return self.acknowledgement is None


class AlreadyAcknowledged(UserError):
    pass


class AlertService:
    def __init__(self, db: Database, installation: Installation, clock: Clock = utc_now) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)

    def open_alerts(self) -> list[Alert]:
        """Cases nobody has acknowledged yet, newest first."""
        with self.db.session() as session:
            return self._cases(session, since=None, open_only=True)

    def recent(self, days: int = 7) -> list[Alert]:
        """Cases that began today or in the ``days - 1`` local days before (``days=1``: today
        only), acknowledged or not, newest first."""
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_RECENT_DAYS:
            raise UserError(f"Give a number of days from 1 to {MAX_RECENT_DAYS}.")
        today = self.clock().astimezone(self.zone).date()
        since = datetime.combine(today - timedelta(days=days - 1), time(0), self.zone)
        with self.db.session() as session:
            return self._cases(session, since=since, open_only=False)

    def acknowledge(
        self,
        event_id: uuid.UUID,
        outcome: AlertOutcome | str,
        note: str,
        by: UserView,
    ) -> Acknowledgement:
        """Record what was done about the alert of ``event_id`` (either event of a recheck
        pair). Officers and admins only; audited; a second acknowledgement is refused. The
        outcome OTHER needs a note saying what was done."""
        require(self.db, by, OFFICERS, "acknowledge alerts", self.clock)
        try:
            chosen = AlertOutcome(outcome)
        except ValueError:
            raise UserError(
                f"'{outcome}' is not an outcome; use one of: "
                + ", ".join(o.value for o in AlertOutcome)
            ) from None
        text = " ".join(note.split())
        if len(text) > MAX_NOTE:
            raise UserError(f"The note is longer than {MAX_NOTE} characters.")
        if any(ord(ch) < 32 for ch in text):
            raise UserError("The note contains control characters.")
        if chosen is AlertOutcome.OTHER and not text:
            raise UserError("Say in the note what was done when the outcome is 'other'.")
        now = self.clock()
        try:
            with self.db.session() as session:
                key = self._key_event(session, event_id)
                existing = repo.alert_ack_of(session, key.id)
                if existing is not None:
                    raise self._already(existing)
                ack = AlertAck(
                    event_id=key.id, acknowledged_at=now, actor=by.username,
                    outcome=str(chosen), note=text,
                )
                session.add(ack)
                session.flush()
                person = session.get(Person, key.person_id) if key.person_id else None
                audit.record(
                    session, at=now, actor=by.username, action="alert.acknowledge",
                    entity="screening_event", entity_id=str(key.id),
                    details={
                        "outcome": str(chosen), "note": text, "reason": key.reason,
                        "staff_no": person.staff_no if person else None,
                    },
                )
                return Acknowledgement.of(ack)
        except IntegrityError:
            # Another officer acknowledged the same case in the same moment.
            with self.db.session() as session:
                key = self._key_event(session, event_id)
                existing = repo.alert_ack_of(session, key.id)
            if existing is None:
                raise
            raise self._already(existing) from None

    # --- helpers ----------------------------------------------------------------------------

    def _already(self, ack: AlertAck) -> AlreadyAcknowledged:
        when = ack.acknowledged_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")
        return AlreadyAcknowledged(
            f"This alert was already acknowledged by {ack.actor} at {when} "
            f"({ack.outcome}). Nothing was changed."
        )

    def _key_event(self, session: Session, event_id: uuid.UUID) -> ScreeningEvent:
        event = repo.get_event(session, event_id)
        gate = session.get(Gate, event.gate_id) if event is not None else None
        if event is None or gate is None or gate.site_id != self.installation.site_id:
            raise UserError(f"No screening event {event_id}.")
        if event.recheck_of is not None:
            first = repo.get_event(session, event.recheck_of)
            if first is not None:
                event = first
        if event.decision not in (Decision.RECHECK, Decision.DENY):
            raise UserError(
                f"Event {event_id} is not an alert: it was a {event.decision} ({event.reason})."
            )
        return event

    def _cases(
        self, session: Session, *, since: datetime | None, open_only: bool
    ) -> list[Alert]:
        rows = repo.alert_cases(
            session, self.installation.site_id, since=since, open_only=open_only
        )
        seconds = repo.second_readings_of(
            session, [e.id for e, _, _, _ in rows if e.decision == Decision.RECHECK]
        )
        alerts: list[Alert] = []
        for event, person, gate, ack in rows:
            second = seconds.get(event.id)
            last = second or event
            readings = [*event.readings, *(second.readings if second else [])]
            alerts.append(
                Alert(
                    event_id=event.id,
                    kind=AlertKind.FEVER if event.decision == Decision.RECHECK else AlertKind.DENY,
                    decision=Decision(last.decision),
                    reason=last.reason,
                    occurred_at=event.occurred_at,
                    timezone=event.timezone,
                    gate=gate.name,
                    direction=Direction(event.direction),
                    person=PersonView.of(person) if person is not None else None,
                    temperatures_c=tuple(r.value_c for r in readings),
                    second_event_id=second.id if second else None,
                    acknowledgement=Acknowledgement.of(ack) if ack is not None else None,
                )
            )
        return alerts
