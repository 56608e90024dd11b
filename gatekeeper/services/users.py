"""People who operate gatekeeper: guards (PIN), officers and admins (password).

Secrets are stored as Argon2id hashes only. Repeated failed sign-ins for a name are slowed
down: after three failures each further attempt must wait, doubling up to five minutes.
Every sign-in, successful or not, goes into the audit trail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Role
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import User

FREE_FAILURES = 3
MAX_LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD = 8
PIN_LENGTHS = range(4, 9)


@dataclass(frozen=True)
class UserView:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role

    @classmethod
    def of(cls, user: User) -> UserView:
        return cls(user.id, user.username, user.display_name or user.username, Role(user.role))


class SignInError(UserError):
    def __init__(self, message: str, wait_seconds: int = 0) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(message)


def check_secret(role: Role, secret: str) -> None:
    """Guards use a PIN of 4 to 8 digits; officers and admins a password of 8 characters or
    more."""
    if role is Role.GUARD:
        if not (secret.isdigit() and secret.isascii() and len(secret) in PIN_LENGTHS):
            raise UserError("A guard's PIN is 4 to 8 digits.")
    elif len(secret) < MIN_PASSWORD:
        raise UserError(f"A password needs at least {MIN_PASSWORD} characters.")


@dataclass
class _Failures:
    count: int = 0
    blocked_until: datetime | None = None


class UserService:
    def __init__(
        self,
        db: Database,
        installation: Installation,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self._failures: dict[str, _Failures] = {}

    def add(
        self,
        *,
        username: str,
        role: Role | str,
        secret: str,
        display_name: str = "",
        actor: str | None = None,
        by: UserView | None = None,
    ) -> UserView:
        from gatekeeper.services import access  # access builds on this module

        actor = access.acting(self.db, by, actor, access.ADMINS, "add users", self.clock)
        role = Role(role)
        name = username.strip()
        if not name or len(name) > 64 or any(ord(c) < 32 for c in name):
            raise UserError("A user name is 1 to 64 characters, without control characters.")
        check_secret(role, secret)
        now = self.clock()
        with self.db.session() as session:
            if repo.user_by_name(session, self.installation.site_id, name) is not None:
                raise UserError(f"There is already a user called {name}.")
            user = User(
                site_id=self.installation.site_id,
                username=name,
                display_name=display_name.strip()[:100],
                role=str(role),
                secret_hash=self.hasher.hash(secret),
                created_at=now,
            )
            session.add(user)
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="user.add",
                entity="user", entity_id=str(user.id),
                details={"username": name, "role": str(role)},
            )
            return UserView.of(user)

    def list(self, roles: tuple[Role, ...] = tuple(Role)) -> list[UserView]:
        with self.db.session() as session:
            return [
                UserView.of(u)
                for u in repo.users(session, self.installation.site_id)
                if Role(u.role) in roles and u.active
            ]

    def authenticate(
        self, username: str, secret: str, *, allowed: tuple[Role, ...] = tuple(Role),
        purpose: str = "sign-in",
    ) -> UserView:
        """The user, when the secret is right and the role allowed; SignInError otherwise.
        The message never tells whether the name or the secret was wrong."""
        now = self.clock()
        name = username.strip()
        key = name.casefold()
        failures = self._failures.setdefault(key, _Failures())
        blocked = failures.blocked_until is not None and now < failures.blocked_until
        with self.db.session() as session:
            user = repo.user_by_name(session, self.installation.site_id, name)
            ok = (
                not blocked
                and user is not None
                and user.active
                and self._verify(user.secret_hash, secret)
            )
            if ok and user is not None and self.hasher.check_needs_rehash(user.secret_hash):
                user.secret_hash = self.hasher.hash(secret)
            allowed_role = ok and user is not None and Role(user.role) in allowed
            outcome = "ok" if allowed_role else (
                "blocked" if blocked else "role" if ok else "wrong"
            )
            # Recorded before anything is raised, so that failures stay in the trail.
            audit.record(
                session, at=now, actor=name[:100] or "?", action=purpose,
                entity="user", entity_id=str(user.id) if user else "",
                details={"outcome": outcome, "role": user.role if user else None},
            )
            view = UserView.of(user) if user is not None else None
        if blocked:
            assert failures.blocked_until is not None
            wait = int((failures.blocked_until - now).total_seconds()) + 1
            raise SignInError(f"Too many failed attempts. Try again in {wait} s.", wait)
        if not ok or view is None:
            self._fail(failures, now)
            raise SignInError("Wrong name or PIN/password.")
        if not allowed_role:
            raise SignInError(f"A {view.role} may not do this.")
        self._failures.pop(key, None)
        return view

    def _verify(self, secret_hash: str, secret: str) -> bool:
        try:
            return bool(self.hasher.verify(secret_hash, secret))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _fail(self, failures: _Failures, now: datetime) -> None:
        failures.count += 1
        if failures.count >= FREE_FAILURES:
            delay = timedelta(seconds=2 ** (failures.count - FREE_FAILURES + 1))
            failures.blocked_until = now + min(delay, MAX_LOCKOUT)


def fast_hasher() -> PasswordHasher:
    """A cheap Argon2 profile for tests and demos (never for real users)."""
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

