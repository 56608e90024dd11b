"""Self-service from a phone (the use cases behind gatekeeper/web): a visitor or contractor
pre-registers a visit with a health declaration and gets a signed pass for that day; an
employee makes the daily health declaration with their staff number and personal code.

- Every field is checked here, and every problem is named by field and a stable code (the web
  pages say it in the visitor's language).
- Each pre-registration is a person record of its own (staff number ``W`` + the end of its
  id, domain/webpass.py): the web does not know who is typing, so it never looks people up by
  phone number, never changes an existing record and never revokes someone's pass.
- The pass is signed by this installation's own key (a provisioned web service signs visitor
  passes only) and carries what a gate needs offline (domain/webpass.py). A pass page is
  reachable only through a capability: 256 random bits, stored as their SHA-256.
- A declaration that reports symptoms or contact with a confirmed case is recorded, and no
  pass is issued: the gate would deny entry anyway.
- Personal codes are 8 characters from an alphabet without look-alikes, stored as Argon2id
  hashes; wrong codes for a staff number make further tries wait (kept in the database for
  people with a code, and in a bounded table in memory for the staff numbers without one, so
  that the two cannot be told apart).
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.orm import Session

from gatekeeper.config import Paths
from gatekeeper.domain import tokens
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import PersonKind
from gatekeeper.domain.ids import uuid7
from gatekeeper.domain.tokens import TokenError, key_id_of
from gatekeeper.domain.webpass import WebPass, holder_staff_no
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit, keys
from gatekeeper.services.badges import BadgeService, UnknownStaff, installation_key_file
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import HealthDeclaration, Person, PersonCode, Visit
from gatekeeper.storage.models import WebPass as WebPassRow

#: The symptoms a declaration may name (the kiosk's declaration screen uses the same codes).
SYMPTOMS = (
    "fever", "cough", "sore_throat", "short_of_breath", "loss_of_taste_or_smell", "fatigue",
)
#: How far ahead a visit may be registered (days after today).
MAX_DAYS_AHEAD = 7
MAX_NAME = 100
MAX_PHONE = 32
MAX_COMPANY = 100
MAX_HOST = 100
MAX_PURPOSE = 200
MAX_STAFF_NO = 32
MAX_PLACES = 10
MAX_PLACE = 60
MAX_PLACES_TEXT = 600
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,30}$")
_SPLIT_PLACES = re.compile(r"[,，;；、\n]+")
_CAPABILITY = re.compile(r"^[A-Za-z0-9_-]{43}$")

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
#: Wrong codes for a staff number before tries must wait; then 1 min, doubling, up to 1 h.
FREE_FAILURES = 5
FIRST_WAIT = timedelta(minutes=1)
MAX_WAIT = timedelta(hours=1)
#: Staff numbers without a code whose failures are remembered in memory (oldest dropped).
MAX_REMEMBERED = 10_000
ACTOR = "web:selfservice"


# --- problems -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field: ``code`` is stable (the web translates it), ``limit``
    the number the message names (a length, a count)."""

    field: str
    code: str
    limit: int = 0


class FormProblems(UserError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))

    def by_field(self) -> dict[str, Problem]:
        found: dict[str, Problem] = {}
        for problem in self.problems:
            found.setdefault(problem.field, problem)
        return found


class CodeRefused(UserError):
    """A staff number and personal code that do not match (the message never says which was
    wrong), or too many wrong tries for that staff number."""

    def __init__(self, wait_seconds: int = 0) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(
            f"Too many wrong codes for this staff number; try again in {wait_seconds} s."
            if wait_seconds else "The staff number or the personal code is wrong."
        )


# --- inputs and results ---------------------------------------------------------------------


@dataclass(frozen=True)
class HealthAnswers:
    """A declaration as typed: symptom codes ticked, places visited in the last 14 days (one
    text, separated by commas or lines), and contact with a confirmed case (``yes``/``no``;
    an answer is required)."""

    symptoms: tuple[str, ...] = ()
    places: str = ""
    contact: str = ""


@dataclass(frozen=True)
class VisitRequest:
    name: str
    phone: str
    company: str = ""
    host: str = ""
    purpose: str = ""
    kind: str = "visitor"
    visit_date: str = ""
    health: HealthAnswers = field(default_factory=HealthAnswers)


@dataclass(frozen=True)
class DeclarationRequest:
    staff_no: str
    code: str
    health: HealthAnswers = field(default_factory=HealthAnswers)


@dataclass(frozen=True)
class IssuedWebPass:
    #: The secret part of the pass page's address: shown to the visitor once, never stored.
    capability: str
    person: PersonView
    visit_date: date
    #: None when the declaration reported a risk and no pass was issued.
    token: str | None


@dataclass(frozen=True)
class PassPage:
    name: str
    kind: PersonKind
    company: str
    host: str
    purpose: str
    visit_date: date
    token: str | None
    expires_at: datetime
    #: ``valid``; ``expired`` (after its day); ``replaced`` (an officer re-issued or revoked
    #: it); ``refused`` (the declaration reported a risk: no pass).
    state: str


@dataclass(frozen=True)
class EmployeeDeclared:
    name: str
    for_date: date
    risky: bool


@dataclass(frozen=True)
class _Clean:
    symptoms: tuple[str, ...]
    places: tuple[str, ...]
    contact: bool

    @property
    def risky(self) -> bool:
        return bool(self.symptoms) or self.contact


def capability_hash(capability: str) -> str:
    return hashlib.sha256(capability.encode("ascii")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch not in " -\t")


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


# --- checks ---------------------------------------------------------------------------------


def _text(value: str, name: str, limit: int, problems: list[Problem], *,
          required: bool = False) -> str:
    if any(ord(c) < 32 and c not in "\t\r\n" for c in value) or "\x7f" in value:
        problems.append(Problem(name, "control"))
        return ""
    text = " ".join(value.split())
    if required and not text:
        problems.append(Problem(name, "required"))
    elif len(text) > limit:
        problems.append(Problem(name, "too_long", limit))
    return text


def _health(answers: HealthAnswers, problems: list[Problem]) -> _Clean:
    symptoms = tuple(dict.fromkeys(answers.symptoms))
    if len(answers.symptoms) > len(SYMPTOMS) or any(s not in SYMPTOMS for s in symptoms):
        problems.append(Problem("symptoms", "choice"))
        symptoms = ()
    places: tuple[str, ...] = ()
    if len(answers.places) > MAX_PLACES_TEXT:
        problems.append(Problem("places", "too_long", MAX_PLACES_TEXT))
    elif any(ord(c) < 32 and c not in "\t\r\n" for c in answers.places):
        problems.append(Problem("places", "control"))
    else:
        places = tuple(
            p for p in (" ".join(x.split()) for x in _SPLIT_PLACES.split(answers.places)) if p
        )
        if len(places) > MAX_PLACES:
            problems.append(Problem("places", "too_many", MAX_PLACES))
        elif any(len(p) > MAX_PLACE for p in places):
            problems.append(Problem("places", "place_too_long", MAX_PLACE))
    if answers.contact not in ("yes", "no"):
        problems.append(Problem("contact", "required"))
    return _Clean(symptoms, places, answers.contact == "yes")


# --- where the web service stands -----------------------------------------------------------


def web_installation(db: Database, paths: Paths) -> Installation:
    """The web service's place in its site: the data folder ``paths`` holds the key the site
    provisioned for it (``gatekeeper gate provision --role web``, then ``gatekeeper init
    --provision FILE``), and ``db`` (the site's central database, or for a trial the site's
    SQLite file) knows that key as a web key. Signs passes with that key only: the web
    service never holds the site's key, so it cannot issue employee badges."""
    key_file = installation_key_file(paths)
    if paths.signing_key_file.exists():
        raise UserError(
            f"{paths.data_dir} holds the site's private key: the web service must not run "
            "with it. Provision it on the site (gatekeeper gate provision --role web --name "
            "Web --out web.gkprov), initialise a folder of its own with gatekeeper init "
            "--provision web.gkprov, and serve from that folder."
        )
    if not key_file.exists():
        raise UserError(
            f"{paths.data_dir} holds no web service key. On the site run gatekeeper gate "
            "provision --role web --name Web --out web.gkprov, then gatekeeper --data-dir "
            f"{paths.data_dir} init --provision web.gkprov."
        )
    key_id = key_id_of(keys.load_private_key(key_file).public_key())
    db.migrate()
    with db.session() as session:
        found = repo.web_key_gate(session, key_id)
        if found is None:
            raise UserError(
                f"The key in {key_file} is not a web service key of the site in "
                f"{db.url_for_humans()}: serve with --database pointing at the database of "
                "the site that provisioned it."
            )
        key, gate = found
        site = repo.get_site(session, key.site_id)
        assert site is not None
        return Installation(site.id, site.name, gate.id, gate.name, gate.timezone,
                            gate.default_direction)


# --- the service ----------------------------------------------------------------------------


@dataclass
class _Failures:
    count: int = 0
    blocked_until: datetime | None = None


class SelfService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        badges: BadgeService,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.installation = installation
        self.badges = badges
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self.zone = ZoneInfo(installation.timezone)
        self._unknown: OrderedDict[str, _Failures] = OrderedDict()
        # Verified against when a staff number has no code, so that both take as long.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(8))

    # --- dates ------------------------------------------------------------------------------

    def today(self) -> date:
        return self.clock().astimezone(self.zone).date()

    def visit_dates(self) -> list[date]:
        """The days a visit may be registered for: today and the next MAX_DAYS_AHEAD."""
        today = self.today()
        return [today + timedelta(days=n) for n in range(MAX_DAYS_AHEAD + 1)]

    def end_of(self, day: date) -> datetime:
        next_midnight = datetime.combine(day + timedelta(days=1), time(0), self.zone)
        return next_midnight - timedelta(seconds=1)

    def _visit_date(self, value: str, problems: list[Problem]) -> date | None:
        if not value.strip():
            problems.append(Problem("visit_date", "required"))
            return None
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            problems.append(Problem("visit_date", "date"))
            return None
        today = self.today()
        if day < today:
            problems.append(Problem("visit_date", "date_past"))
        elif day > today + timedelta(days=MAX_DAYS_AHEAD):
            problems.append(Problem("visit_date", "date_far", MAX_DAYS_AHEAD))
        return day

    # --- visitors ---------------------------------------------------------------------------

    def check_visit(self, request: VisitRequest) -> tuple[VisitRequest, date, _Clean]:
        """The request cleaned, or FormProblems naming every bad field."""
        problems: list[Problem] = []
        name = _text(request.name, "name", MAX_NAME, problems, required=True)
        phone = "".join(request.phone.split())
        if not phone:
            problems.append(Problem("phone", "required"))
        elif len(phone) > MAX_PHONE or not _PHONE.match(phone):
            problems.append(Problem("phone", "phone"))
        company = _text(request.company, "company", MAX_COMPANY, problems)
        host = _text(request.host, "host", MAX_HOST, problems, required=True)
        purpose = _text(request.purpose, "purpose", MAX_PURPOSE, problems, required=True)
        if request.kind not in (PersonKind.VISITOR, PersonKind.CONTRACTOR):
            problems.append(Problem("kind", "choice"))
        day = self._visit_date(request.visit_date, problems)
        health = _health(request.health, problems)
        if problems:
            raise FormProblems(problems)
        assert day is not None
        clean = VisitRequest(name, phone, company, host, purpose, request.kind,
                             day.isoformat(), request.health)
        return clean, day, health

    def preregister(self, request: VisitRequest) -> IssuedWebPass:
        """Record the visitor, the declaration and the visit, and issue a pass valid on the
        visit's day (none when the declaration reports a risk), in one transaction."""
        clean, day, health = self.check_visit(request)
        kind = PersonKind(clean.kind)
        now = self.clock()
        capability = secrets.token_urlsafe(32)
        expires = self.end_of(day)
        with self.db.session() as session:
            site_id = self.installation.site_id
            person_id = uuid7()
            while repo.person_by_staff_no(session, site_id, holder_staff_no(person_id.hex)):
                person_id = uuid7()  # pragma: no cover - 40 random bits collided
            person = Person(
                id=person_id, site_id=site_id, staff_no=holder_staff_no(person_id.hex),
                name=clean.name, kind=str(kind), employer=clean.company, phone=clean.phone,
                created_at=now, updated_at=now,
            )
            session.add(person)
            session.flush()
            declaration = self._declaration(session, person.id, day, health, now)
            visit = Visit(
                person_id=person.id, gate_id=None, seq=None, visit_date=day.isoformat(),
                company=clean.company, host=clean.host, purpose=clean.purpose,
                declaration_id=declaration.id, created_at=now, source="web",
            )
            session.add(visit)
            session.flush()
            token: str | None = None
            if not health.risky:
                extra = WebPass(kind, day, clean.name, declared=True).encode()
                issued = self.badges.issue_pass_in(session, person, expires, actor=ACTOR,
                                                   extra=extra)
                token = issued.token
            session.add(WebPassRow(
                visit_id=visit.id, capability_hash=capability_hash(capability), token=token,
                expires_at=expires, created_at=now,
            ))
            audit.record(
                session, at=now, actor=ACTOR, action="visitor.preregister", entity="person",
                entity_id=str(person.id),
                details={"staff_no": person.staff_no, "visit_date": day.isoformat(),
                         "pass": token is not None},
            )
            return IssuedWebPass(capability, PersonView.of(person), day, token)

    def pass_page(self, capability: str) -> PassPage | None:
        """What the holder of ``capability`` may see of their pass; None for any other text
        (no difference between malformed, unknown and someone else's)."""
        if not _CAPABILITY.match(capability):
            return None
        with self.db.session() as session:
            found = repo.web_pass_by_capability(session, capability_hash(capability))
            if found is None:
                return None
            row, visit, person = found
            now = self.clock()
            if row.token is None:
                state = "refused"
            elif now >= row.expires_at:
                state = "expired"
            elif self._version(row.token) != person.badge_version or not person.active:
                state = "replaced"
            else:
                state = "valid"
            return PassPage(
                name=person.name, kind=PersonKind(person.kind), company=visit.company,
                host=visit.host, purpose=visit.purpose,
                visit_date=date.fromisoformat(visit.visit_date),
                token=row.token if state == "valid" else None, expires_at=row.expires_at,
                state=state,
            )

    @staticmethod
    def _version(token: str) -> int:
        try:
            claims, _, _ = tokens.parse(token)
        except TokenError:  # pragma: no cover - we stored it
            return -1
        return claims.version

    def _declaration(
        self, session: Session, person_id: uuid.UUID, day: date, health: _Clean,
        now: datetime,
    ) -> HealthDeclaration:
        row = HealthDeclaration(
            person_id=person_id, gate_id=None, seq=None, declared_at=now,
            for_date=day.isoformat(), symptoms=list(health.symptoms),
            places_visited=list(health.places), contact_with_confirmed=health.contact,
            source="web",
        )
        session.add(row)
        session.flush()
        return row

    # --- employees --------------------------------------------------------------------------

    def declare(self, request: DeclarationRequest) -> EmployeeDeclared:
        """Today's health declaration of the employee whose staff number and personal code
        these are. FormProblems for bad fields; CodeRefused for a wrong pair or too many
        wrong tries (the same answer whether or not the staff number exists)."""
        problems: list[Problem] = []
        staff_no = _text(request.staff_no, "staff_no", MAX_STAFF_NO, problems, required=True)
        code = normalise_code(request.code)
        if not code:
            problems.append(Problem("code", "required"))
        elif len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            problems.append(Problem("code", "code_format", CODE_LENGTH))
        health = _health(request.health, problems)
        if problems:
            raise FormProblems(problems)
        now = self.clock()
        today = now.astimezone(self.zone).date()
        wait = 0
        declared: EmployeeDeclared | None = None
        with self.db.session() as session:
            person = repo.person_by_staff_no(session, self.installation.site_id, staff_no)
            row = repo.person_code_of(session, person.id) if person is not None else None
            if (person is None or row is None or not person.active
                    or person.kind == PersonKind.VISITOR):
                wait = self._unknown_try(staff_no, code, now)
            else:
                wait, ok = self._known_try(row, code, now)
                if ok:
                    self._declaration(session, person.id, today, health, now)
                    declared = EmployeeDeclared(person.name, today, health.risky)
                audit.record(
                    session, at=now, actor=ACTOR, action="selfservice.declare",
                    entity="person", entity_id=str(person.id),
                    details={"staff_no": person.staff_no,
                             "outcome": "ok" if ok else "blocked" if wait else "wrong"},
                )
        if declared is None:
            raise CodeRefused(wait)
        return declared

    def _known_try(self, row: PersonCode, code: str, now: datetime) -> tuple[int, bool]:
        """(seconds to wait, right code) for a person with a code; failures are stored."""
        if row.blocked_until is not None and now < row.blocked_until:
            return _seconds(row.blocked_until - now), False
        if self._verify(row.code_hash, code):
            row.failures = 0
            row.blocked_until = None
            if self.hasher.check_needs_rehash(row.code_hash):
                row.code_hash = self.hasher.hash(code)
            return 0, True
        row.failures += 1
        row.blocked_until = _blocked_until(row.failures, now)
        return 0, False

    def _unknown_try(self, staff_no: str, code: str, now: datetime) -> int:
        """The same work and the same answers as :meth:`_known_try`, for a staff number that
        has no code (or no person): nothing can be right."""
        key = staff_no.casefold()
        failures = self._unknown.pop(key, None) or _Failures()
        self._unknown[key] = failures
        while len(self._unknown) > MAX_REMEMBERED:
            self._unknown.popitem(last=False)
        if failures.blocked_until is not None and now < failures.blocked_until:
            return _seconds(failures.blocked_until - now)
        self._verify(self._dummy_hash, code)
        failures.count += 1
        failures.blocked_until = _blocked_until(failures.count, now)
        return 0

    def _verify(self, code_hash: str, code: str) -> bool:
        try:
            return bool(self.hasher.verify(code_hash, code))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    # --- personal codes (officers) ----------------------------------------------------------

    def set_code(
        self, staff_no: str, *, actor: str | None = None, by: UserView | None = None
    ) -> str:
        """A new personal code for the person: returned once (to print or tell them), stored
        only as its hash. Replaces any earlier code. Officers and admins (``by``)."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "set personal codes", self.clock
        )
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, staff_no)
            if person.kind == PersonKind.VISITOR:
                raise UserError(
                    f"{person.staff_no} is a visitor: personal codes are for the registry's "
                    "employees and contractors (visitors register on the self-service page)."
                )
            row = repo.person_code_of(session, person.id)
            code_hash = self.hasher.hash(code)
            if row is None:
                session.add(PersonCode(person_id=person.id, code_hash=code_hash, set_at=now,
                                       set_by=(actor or default_actor())[:100], failures=0))
            else:
                row.code_hash, row.set_at = code_hash, now
                row.set_by = (actor or default_actor())[:100]
                row.failures, row.blocked_until = 0, None
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.code",
                entity="person", entity_id=str(person.id),
                details={"staff_no": person.staff_no, "replaced": row is not None},
            )
        return code

    def clear_code(
        self, staff_no: str, *, actor: str | None = None, by: UserView | None = None
    ) -> bool:
        """Remove the person's personal code; False when they had none."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "remove personal codes", self.clock
        )
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, staff_no)
            row = repo.person_code_of(session, person.id)
            if row is None:
                return False
            session.delete(row)
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.code_clear",
                entity="person", entity_id=str(person.id), details={"staff_no": person.staff_no},
            )
            return True

    def has_code(self, staff_no: str) -> bool:
        with self.db.session() as session:
            person = self._person(session, staff_no)
            return repo.person_code_of(session, person.id) is not None

    def _person(self, session: Session, staff_no: str) -> Person:
        person = repo.person_by_staff_no(session, self.installation.site_id, staff_no.strip())
        if person is None:
            raise UnknownStaff([staff_no.strip()])
        return person


def _blocked_until(failures: int, now: datetime) -> datetime | None:
    if failures < FREE_FAILURES:
        return None
    wait: timedelta = min(FIRST_WAIT * 2 ** min(failures - FREE_FAILURES, 12), MAX_WAIT)
    return now + wait


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
