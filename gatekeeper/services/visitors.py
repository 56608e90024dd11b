"""Visitors and contractors registered at the gate: a person record, the visit, the health
declaration, and a pass QR valid to the end of the day."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.badges import BadgeService, IssuedBadge
from gatekeeper.services.screening import Declaration, ScreeningService
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Person, Visit

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,30}$")
MAX_PLACES = 20


@dataclass(frozen=True)
class VisitorForm:
    name: str
    phone: str
    company: str = ""
    host: str = ""
    purpose: str = ""
    kind: PersonKind = PersonKind.VISITOR
    declaration: Declaration = field(default_factory=Declaration)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class VisitorFormError(UserError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


@dataclass(frozen=True)
class RegisteredVisitor:
    person: PersonView
    visit_id: uuid.UUID
    declaration_id: uuid.UUID
    badge: IssuedBadge


def _text(value: str, name: str, limit: int, problems: list[FieldProblem], *,
          required: bool = False) -> str:
    text = " ".join(value.split())
    if required and not text:
        problems.append(FieldProblem(name, "required"))
    elif len(text) > limit:
        problems.append(FieldProblem(name, f"at most {limit} characters"))
    elif any(ord(c) < 32 for c in text):
        problems.append(FieldProblem(name, "contains control characters"))
    return text


def validate(form: VisitorForm) -> VisitorForm:
    """The form cleaned, or VisitorFormError naming every bad field."""
    problems: list[FieldProblem] = []
    name = _text(form.name, "name", 100, problems, required=True)
    phone = "".join(form.phone.split())
    if not phone:
        problems.append(FieldProblem("phone", "required"))
    elif not _PHONE.match(phone):
        problems.append(FieldProblem("phone", "digits only, optionally starting with +"))
    company = _text(form.company, "company", 100, problems)
    host = _text(form.host, "host", 100, problems)
    purpose = _text(form.purpose, "purpose", 200, problems)
    if form.kind not in (PersonKind.VISITOR, PersonKind.CONTRACTOR):
        problems.append(FieldProblem("kind", "visitor or contractor"))
    places = tuple(p for p in (" ".join(x.split()) for x in form.declaration.places_visited) if p)
    if len(places) > MAX_PLACES or any(len(p) > 100 for p in places):
        problems.append(FieldProblem("places_visited", f"at most {MAX_PLACES} places"))
    if problems:
        raise VisitorFormError(problems)
    declaration = Declaration(
        symptoms=tuple(form.declaration.symptoms),
        places_visited=places,
        contact_with_confirmed=form.declaration.contact_with_confirmed,
    )
    return VisitorForm(name, phone, company, host, purpose, form.kind, declaration)


class VisitorService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        badges: BadgeService,
        screening: ScreeningService,
        clock: Clock = utc_now,
    ) -> None:
        self.db = db
        self.installation = installation
        self.badges = badges
        self.screening = screening
        self.clock = clock
        self.zone = ZoneInfo(installation.timezone)

    def end_of_day(self, moment: datetime) -> datetime:
        local = moment.astimezone(self.zone)
        next_midnight = datetime.combine(local.date() + timedelta(days=1), time(0), self.zone)
        return next_midnight - timedelta(seconds=1)

    def register(self, form: VisitorForm, *, actor: str | None = None) -> RegisteredVisitor:
        """Record the visitor (a returning visitor is found by phone number), the visit and
        the declaration, and issue a pass that expires at the end of today."""
        form = validate(form)
        now = self.clock()
        today = self.screening.local_date(now)
        with self.db.session() as session:
            site_id = self.installation.site_id
            person = repo.visitor_by_phone(session, site_id, form.phone)
            if person is None:
                person = Person(
                    site_id=site_id,
                    staff_no=self._visitor_number(session, now),
                    name=form.name,
                    kind=str(form.kind),
                    employer=form.company,
                    phone=form.phone,
                    created_at=now,
                    updated_at=now,
                )
                session.add(person)
            else:
                person.name, person.employer, person.kind = form.name, form.company, str(form.kind)
                person.active = True
                person.updated_at = now
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="visitor.register",
                entity="person", entity_id=str(person.id), details={"staff_no": person.staff_no},
            )
            declaration_id = self.screening.declare_in(session, person.id, form.declaration)
            visit = Visit(
                person_id=person.id,
                gate_id=self.installation.gate_id,
                seq=repo.allocate_seq(session, self.installation.gate_id),
                visit_date=today,
                company=form.company,
                host=form.host,
                purpose=form.purpose,
                declaration_id=declaration_id,
                created_at=now,
            )
            session.add(visit)
            session.flush()
            badge = self.badges.issue_pass_in(session, person, self.end_of_day(now), actor=actor)
            # One transaction: a registration is on disk whole, or not at all.
            return RegisteredVisitor(badge.person, visit.id, declaration_id, badge)

    def _visitor_number(self, session: Session, now: datetime) -> str:
        prefix = "V" + now.astimezone(self.zone).strftime("%y%m%d")
        taken = repo.count_staff_with_prefix(session, self.installation.site_id, prefix)
        return f"{prefix}{taken + 1:04d}"
