"""Badges: issue, re-issue (revoking the old one), and verify tokens against the registry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from gatekeeper.config import Paths
from gatekeeper.domain import tokens
from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.tokens import BadgeClaims, TokenError, TokenKind, TokenProblem
from gatekeeper.domain.webpass import WebPass, WebPassError, holder_staff_no
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit, keys
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Badge, Person

#: The private key of a provisioned gate or web service (services/provision.py): it signs
#: visitor passes only. Such an installation does not hold the site's key.
INSTALLATION_KEY_FILENAME = "gate_ed25519.pem"
#: The ``updated_at`` of a person a gate knows only from a web pass (see
#: :meth:`BadgeService.keep_pass_holder`): older than any real record, so that the site's copy
#: always wins when the gate's records are imported there.
PASS_HOLDER_UPDATED_AT = datetime(1970, 1, 1, tzinfo=UTC)


def installation_key_file(paths: Paths) -> Path:
    return paths.keys_dir / INSTALLATION_KEY_FILENAME


class PassesOnly(UserError):
    def __init__(self) -> None:
        super().__init__(
            "This installation holds a gate key, which signs visitor passes only. Employee "
            "badges are issued and revoked on the site's officer installation."
        )


@dataclass(frozen=True)
class IssuedBadge:
    person: PersonView
    version: int
    token: str
    issued_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True)
class VerifiedBadge:
    person: PersonView
    claims: BadgeClaims
    #: What a pass signed by the site's web service says of its holder and day.
    web_pass: WebPass | None = None


class UnknownStaff(UserError):
    def __init__(self, staff_nos: Sequence[str]) -> None:
        self.staff_nos = list(staff_nos)
        super().__init__("No person with staff number " + ", ".join(self.staff_nos) + ".")


class BadgeService:
    def __init__(
        self, db: Database, paths: Paths, installation: Installation, clock: Clock = utc_now
    ) -> None:
        self.db = db
        self.paths = paths
        self.installation = installation
        self.clock = clock
        self._private: Ed25519PrivateKey | None = None
        self._passes_only = False

    def _signing_key(self, *, visitor_pass: bool = False) -> Ed25519PrivateKey:
        """The site's key where this installation holds it (it signs everything); on a
        provisioned gate or web service, its own key, for visitor passes only."""
        if self._private is None:
            site_key = self.paths.signing_key_file
            own_key = installation_key_file(self.paths)
            if not site_key.exists() and own_key.exists():
                self._private = keys.load_private_key(own_key)
                self._passes_only = True
            else:
                self._private = keys.load_private_key(site_key)
        if self._passes_only and not visitor_pass:
            raise PassesOnly()
        return self._private

    def _people(self, session: Session, staff_nos: Sequence[str]) -> list[Person]:
        found = repo.people_by_staff_nos(session, self.installation.site_id, list(staff_nos))
        missing = [no for no in staff_nos if no not in found]
        if missing:
            raise UnknownStaff(missing)
        return [found[no] for no in staff_nos]

    def _token(
        self, person: Person, badge: Badge, *, visitor_pass: bool = False, extra: bytes = b""
    ) -> str:
        private = self._signing_key(visitor_pass=visitor_pass)
        # A gate's key makes passes only, a contractor's day pass included.
        as_pass = person.kind == "visitor" or self._passes_only
        claims = BadgeClaims(
            kind=TokenKind.VISITOR_PASS if as_pass else TokenKind.BADGE,
            key_id=tokens.key_id_of(private.public_key()),
            person_id=person.id,
            version=badge.version,
            expires=badge.expires_at,
            extra=extra,
        )
        return tokens.sign(claims, private)

    def _new_badge(
        self, session: Session, person: Person, now: datetime, expires_at: datetime | None
    ) -> Badge:
        version = person.badge_version + 1
        if version > 0xFFFF:
            raise UserError(f"{person.staff_no}: too many badge versions.")
        badge = Badge(person_id=person.id, version=version, issued_at=now, expires_at=expires_at)
        session.add(badge)
        person.badge_version = version
        person.updated_at = now
        return badge

    def issue(
        self,
        staff_nos: Sequence[str],
        *,
        actor: str | None = None,
        expires_at: datetime | None = None,
        by: UserView | None = None,
    ) -> list[IssuedBadge]:
        """The current badge of each person; a first badge for anyone who has none yet.
        Printing a badge again does not revoke the copy already printed."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "issue badges", self.clock
        )
        self._signing_key()  # fail before touching the database when the key is missing
        now = self.clock()
        issued: list[IssuedBadge] = []
        with self.db.session() as session:
            for person in self._people(session, staff_nos):
                badge = repo.current_badge(session, person)
                if badge is None:
                    badge = self._new_badge(session, person, now, expires_at)
                    session.flush()
                    audit.record(
                        session, at=now, actor=actor or default_actor(), action="badge.issue",
                        entity="person", entity_id=str(person.id),
                        details={"staff_no": person.staff_no, "version": badge.version},
                    )
                issued.append(self._issued(person, badge))
        return issued

    def issue_all(
        self, *, actor: str | None = None, by: UserView | None = None
    ) -> list[IssuedBadge]:
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "issue badges", self.clock
        )
        with self.db.session() as session:
            staff_nos = [
                p.staff_no
                for p in repo.list_people(
                    session, self.installation.site_id, include_inactive=False
                )
            ]
        if not staff_nos:
            raise UserError("There are no active people in the registry.")
        return self.issue(staff_nos, actor=actor)

    def revoke(
        self, staff_no: str, *, actor: str | None = None, by: UserView | None = None
    ) -> IssuedBadge:
        """Issue a new badge version; every older badge of the person stops verifying."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "revoke badges", self.clock
        )
        self._signing_key()
        now = self.clock()
        with self.db.session() as session:
            (person,) = self._people(session, [staff_no])
            old = repo.current_badge(session, person)
            if old is not None:
                old.revoked_at = now
            badge = self._new_badge(session, person, now, old.expires_at if old else None)
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="badge.revoke",
                entity="person", entity_id=str(person.id),
                details={
                    "staff_no": staff_no,
                    "revoked_version": old.version if old else None,
                    "new_version": badge.version,
                },
            )
            return self._issued(person, badge)

    def issue_pass(
        self, staff_no: str, expires_at: datetime, *, actor: str | None = None
    ) -> IssuedBadge:
        """A new pass version valid until ``expires_at`` (a visitor's day pass); earlier
        versions are revoked."""
        with self.db.session() as session:
            (person,) = self._people(session, [staff_no])
            return self.issue_pass_in(session, person, expires_at, actor=actor)

    def issue_pass_in(
        self, session: Session, person: Person, expires_at: datetime, *, actor: str | None = None,
        extra: bytes = b"",
    ) -> IssuedBadge:
        """:meth:`issue_pass` inside the caller's transaction. ``extra``: the token's extra
        bytes (a web pass, domain/webpass.py)."""
        self._signing_key(visitor_pass=True)
        now = self.clock()
        if expires_at <= now:
            raise UserError("A pass must expire in the future.")
        old = repo.current_badge(session, person)
        if old is not None:
            old.revoked_at = now
        badge = self._new_badge(session, person, now, expires_at)
        session.flush()
        audit.record(
            session, at=now, actor=actor or default_actor(), action="badge.pass",
            entity="person", entity_id=str(person.id),
            details={"staff_no": person.staff_no, "version": badge.version,
                     "expires_at": expires_at.isoformat()},
        )
        return self._issued(person, badge, visitor_pass=True, extra=extra)

    def _issued(
        self, person: Person, badge: Badge, *, visitor_pass: bool = False, extra: bytes = b""
    ) -> IssuedBadge:
        return IssuedBadge(
            person=PersonView.of(person),
            version=badge.version,
            token=self._token(person, badge, visitor_pass=visitor_pass, extra=extra),
            issued_at=badge.issued_at,
            expires_at=badge.expires_at,
        )

    def verify(self, token: str) -> VerifiedBadge:
        """The person a token names, or TokenError with the reason it must not pass.
        Needs only public keys: works on a gate that does not hold the site's private key."""
        now = self.clock()
        with self.db.session() as session:

            purposes: dict[bytes, str] = {}

            def key_for(key_id: bytes) -> Ed25519PublicKey | None:
                row = repo.signing_key_by_key_id(session, key_id)
                if row is None or row.site_id != self.installation.site_id:
                    return None
                purposes[key_id] = row.purpose
                return keys.public_from_raw(row.public_key)

            claims = tokens.verify(token, key_for, now)
            if purposes[claims.key_id] != "badge" and claims.kind is not TokenKind.VISITOR_PASS:
                # A gate's or the web service's key signs visitor passes only: a badge signed
                # with one is a forgery, whatever else it says.
                raise TokenError(TokenProblem.BAD_SIGNATURE, "key may sign visitor passes only")
            web_pass = self._web_pass(claims, now) if purposes[claims.key_id] == "web" else None
            person = session.get(Person, claims.person_id)
            if person is None and web_pass is not None:
                # Registered on the web after this gate's registry was made: the pass itself
                # says who is coming (domain/webpass.py).
                return VerifiedBadge(self._holder_view(claims, web_pass), claims, web_pass)
            if person is None or person.site_id != self.installation.site_id:
                raise TokenError(TokenProblem.UNKNOWN_PERSON, str(claims.person_id))
            if web_pass is not None and person.kind not in ("visitor", "contractor"):
                # The web service registers visitors and contractors only: its key naming an
                # employee is a forgery (a compromised web server must not mint badges).
                raise TokenError(
                    TokenProblem.BAD_SIGNATURE, "the web service's key names an employee"
                )
            if claims.version < person.badge_version:
                raise TokenError(
                    TokenProblem.REVOKED,
                    f"version {claims.version}, current {person.badge_version}",
                )
            if claims.version > person.badge_version and web_pass is not None:
                # A newer pass from the web than this gate's registry knows: the web service
                # made it, and its key vouches for it.
                view = replace(PersonView.of(person), badge_version=claims.version)
                if not person.active:
                    raise TokenError(TokenProblem.INACTIVE_PERSON, person.staff_no)
                return VerifiedBadge(view, claims, web_pass)
            if claims.version > person.badge_version:
                # Signed by our key but newer than our registry knows: the registry is behind.
                raise TokenError(
                    TokenProblem.UNKNOWN_PERSON,
                    f"badge version {claims.version} is not in this gate's registry yet",
                )
            if not person.active:
                raise TokenError(TokenProblem.INACTIVE_PERSON, person.staff_no)
            return VerifiedBadge(PersonView.of(person), claims, web_pass)

    def _web_pass(self, claims: BadgeClaims, now: datetime) -> WebPass:
        """The holder and day a web service's pass names; valid on that day only."""
        try:
            web_pass = WebPass.decode(claims.extra)
        except WebPassError as exc:
            raise TokenError(TokenProblem.GARBLED, f"web pass: {exc}") from exc
        today = now.astimezone(ZoneInfo(self.installation.timezone)).date()
        if web_pass.visit_date != today:
            # Before its day a pass is no more valid than after it.
            raise TokenError(
                TokenProblem.EXPIRED, f"a pass for {web_pass.visit_date.isoformat()} only"
            )
        return web_pass

    @staticmethod
    def _holder_view(claims: BadgeClaims, web_pass: WebPass) -> PersonView:
        return PersonView(
            id=claims.person_id,
            staff_no=holder_staff_no(claims.person_id.hex),
            name=web_pass.name,
            kind=web_pass.kind,
            department="",
            employer="",
            phone="",
            active=True,
            badge_version=claims.version,
            has_photo=False,
        )

    def keep_pass_holder(self, verified: VerifiedBadge, *, actor: str | None = None) -> None:
        """Store the holder of a verified web pass that this installation did not know (or a
        newer pass version of one it knows), so that its screening events name them. Such a
        record is the least authoritative copy of the person: its ``updated_at`` is
        :data:`PASS_HOLDER_UPDATED_AT`, so that the site keeps its own when the gate's records
        are imported there."""
        if verified.web_pass is None:
            return
        view = verified.person
        now = self.clock()
        with self.db.session() as session:
            person = session.get(Person, view.id)
            if person is not None:
                if person.badge_version < view.badge_version:
                    person.badge_version = view.badge_version
                return
            staff_no = view.staff_no
            if repo.person_by_staff_no(session, self.installation.site_id, staff_no):
                staff_no = f"{staff_no}-{view.id.hex[:8].upper()}"
            session.add(Person(
                id=view.id, site_id=self.installation.site_id, staff_no=staff_no,
                name=view.name, kind=str(view.kind), badge_version=view.badge_version,
                created_at=now, updated_at=PASS_HOLDER_UPDATED_AT,
            ))
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="visitor.from_pass",
                entity="person", entity_id=str(view.id),
                details={"staff_no": staff_no, "visit_date":
                         verified.web_pass.visit_date.isoformat()},
            )

