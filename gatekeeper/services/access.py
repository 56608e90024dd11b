"""Who may do what. Services that officers use take the acting user and check here.

- guard: the kiosk only (screen, register visitors).
- officer: the console: review, amend, acknowledge alerts, export, reports, registry.
- admin: everything an officer may, plus settings, users and purges.

A refusal is recorded in the audit trail (in its own transaction, so that it stays even
though the refused operation rolls back) and raised as :class:`PermissionDenied`.
"""

from __future__ import annotations

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import Role
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.users import UserView
from gatekeeper.storage.database import Database

OFFICERS = (Role.OFFICER, Role.ADMIN)
ADMINS = (Role.ADMIN,)


class PermissionDenied(UserError):
    def __init__(self, user: UserView, action: str) -> None:
        self.user = user
        self.action = action
        super().__init__(f"{user.display_name} ({user.role}) may not {action}.")


def require(
    db: Database,
    user: UserView,
    roles: tuple[Role, ...],
    action: str,
    clock: Clock = utc_now,
) -> None:
    """Return when ``user`` has one of ``roles``; otherwise audit the attempt and raise."""
    if user.role in roles:
        return
    with db.session() as session:
        audit.record(
            session, at=clock(), actor=user.username, action="denied",
            entity="user", entity_id=str(user.id),
            details={"attempted": action, "role": str(user.role)},
        )
    raise PermissionDenied(user, action)


def acting(
    db: Database,
    by: UserView | None,
    actor: str | None,
    roles: tuple[Role, ...],
    action: str,
    clock: Clock = utc_now,
) -> str | None:
    """The name to audit a change under. ``by``, the user signed in to the console, must
    have one of ``roles`` (a refusal is audited and raised); without ``by`` the change comes
    from the command line, run by whoever holds the data folder, under ``actor``."""
    if by is None:
        return actor
    require(db, by, roles, action, clock)
    return by.username
