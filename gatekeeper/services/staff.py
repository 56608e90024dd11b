"""The staff registry: add, import, update and list people."""

from __future__ import annotations

import io
import os
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import access, audit
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.staff_import import StaffRow, read_staff_file, validate_person
from gatekeeper.services.users import UserView
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Person

#: The largest photo stored (the console scales photos to 400 px, some 30-60 kB as JPEG).
MAX_PHOTO_BYTES = 2 * 1024 * 1024
#: The largest side of a stored photo, in pixels.
MAX_PHOTO_SIDE = 2000
PHOTO_FORMATS = ("JPEG", "PNG")
#: Declarations listed per person at most (newest first): a person declaring every day for
#: years stays readable.
MAX_DECLARATIONS = 1000


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class BadgeRecord:
    """One version of a person's badge. ``current`` is the version that verifies; an older
    one stopped verifying when the next was issued (``revoked_at``, where recorded)."""

    version: int
    issued_at: datetime
    revoked_at: datetime | None
    expires_at: datetime | None
    current: bool


@dataclass(frozen=True)
class DeclarationRecord:
    """A health declaration as the person made it (at a gate or from a phone)."""

    id: uuid.UUID
    for_date: date  # the site-local day it is for
    declared_at: datetime
    symptoms: tuple[str, ...]
    places_visited: tuple[str, ...]
    contact_with_confirmed: bool
    source: str

    @property
    def risky(self) -> bool:
        return bool(self.symptoms) or self.contact_with_confirmed


# StaffService.list shadows the builtin inside the class body.
Badges = list[BadgeRecord]
Declarations = list[DeclarationRecord]


def check_photo(data: bytes) -> str:
    """The format of a photo ("JPEG" or "PNG"); UserError when the bytes are not a whole JPEG
    or PNG image of a sensible size."""
    if not data:
        raise UserError("The photo is empty.")
    if len(data) > MAX_PHOTO_BYTES:
        raise UserError(
            f"The photo is too large ({len(data) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_PHOTO_BYTES // 1024 // 1024} MB). Scale it down first."
        )
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: the size check follows
            with Image.open(io.BytesIO(data)) as image:
                fmt = str(image.format)
                size = image.size
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise UserError(f"The photo is not a readable JPEG or PNG image ({exc}).") from exc
    if fmt not in PHOTO_FORMATS:
        raise UserError(f"The photo is a {fmt} image; store it as JPEG or PNG.")
    if max(size) > MAX_PHOTO_SIDE:
        raise UserError(
            f"The photo is {size[0]} x {size[1]} pixels; at most {MAX_PHOTO_SIDE} pixels a "
            "side. Scale it down first."
        )
    return fmt


class StaffService:
    def __init__(self, db: Database, installation: Installation, clock: Clock = utc_now) -> None:
        self.db = db
        self.installation = installation
        self.clock = clock

    def add(
        self,
        *,
        staff_no: str,
        name: str,
        department: str = "",
        kind: str | PersonKind = PersonKind.EMPLOYEE,
        phone: str = "",
        actor: str | None = None,
        by: UserView | None = None,
    ) -> PersonView:
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "add people to the registry", self.clock
        )
        row = validate_person(
            staff_no=staff_no, name=name, department=department, kind=str(kind), phone=phone
        )
        now = self.clock()
        with self.db.session() as session:
            site_id = self.installation.site_id
            if repo.person_by_staff_no(session, site_id, row.staff_no) is not None:
                raise UserError(f"Staff number {row.staff_no} is already in the registry.")
            person = self._new_person(row, now)
            session.add(person)
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.add",
                entity="person", entity_id=str(person.id), details={"staff_no": row.staff_no},
            )
            return PersonView.of(person)

    def _new_person(self, row: StaffRow, now: datetime) -> Person:
        return Person(
            site_id=self.installation.site_id,
            staff_no=row.staff_no,
            name=row.name,
            department=row.department,
            kind=str(row.kind),
            phone=row.phone,
            created_at=now,
            updated_at=now,
        )

    def import_file(
        self, path: str | os.PathLike[str], *, actor: str | None = None,
        by: UserView | None = None,
    ) -> ImportSummary:
        """All rows or none: the file is validated whole before anything is written."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "import the staff registry", self.clock
        )
        rows = read_staff_file(path)
        return self.import_rows(rows, actor=actor, source=os.fspath(path))

    def import_rows(
        self, rows: Sequence[StaffRow], *, actor: str | None = None, source: str = "",
        by: UserView | None = None,
    ) -> ImportSummary:
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "import the staff registry", self.clock
        )
        now = self.clock()
        added = updated = unchanged = 0
        with self.db.session() as session:
            site_id = self.installation.site_id
            existing = repo.people_by_staff_nos(session, site_id, [r.staff_no for r in rows])
            for row in rows:
                person = existing.get(row.staff_no)
                if person is None:
                    session.add(self._new_person(row, now))
                    added += 1
                    continue
                # A column the file does not have leaves that field as it was.
                new = (
                    row.name,
                    row.department if "department" in row.columns else person.department,
                    str(row.kind) if "kind" in row.columns else person.kind,
                    row.phone if "phone" in row.columns else person.phone,
                )
                if (person.name, person.department, person.kind, person.phone) == new:
                    unchanged += 1
                    continue
                person.name, person.department, person.kind, person.phone = new
                person.updated_at = now
                updated += 1
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.import",
                entity="people", details={
                    "source": os.path.basename(source), "rows": len(rows), "added": added,
                    "updated": updated, "unchanged": unchanged,
                },
            )
        return ImportSummary(added, updated, unchanged)

    def list(self, *, search: str = "", include_inactive: bool = True) -> list[PersonView]:
        with self.db.session() as session:
            people = repo.list_people(
                session, self.installation.site_id, search=search,
                include_inactive=include_inactive,
            )
            return [PersonView.of(p) for p in people]

    def photo(self, person_id: uuid.UUID) -> bytes | None:
        """The person's photo (JPEG or PNG bytes), or None."""
        with self.db.session() as session:
            person = session.get(Person, person_id)
            if person is None or person.site_id != self.installation.site_id:
                return None
            return person.photo

    def count(self) -> int:
        with self.db.session() as session:
            return repo.count_people(session, self.installation.site_id)

    # --- one person: reads for the console's person file, and edits ------------------------

    def _person(self, session: Session, person_id: uuid.UUID) -> Person:
        person = session.get(Person, person_id)
        if person is None or person.site_id != self.installation.site_id:
            raise UserError("That person is not in the registry.")
        return person

    def get(self, person_id: uuid.UUID) -> PersonView:
        """The person as the registry holds them now; UserError when not in the registry."""
        with self.db.session() as session:
            return PersonView.of(self._person(session, person_id))

    def update(
        self,
        person_id: uuid.UUID,
        *,
        staff_no: str | None = None,
        name: str | None = None,
        department: str | None = None,
        kind: str | PersonKind | None = None,
        phone: str | None = None,
        actor: str | None = None,
        by: UserView | None = None,
    ) -> PersonView:
        """Change a person's details; None leaves a field as it is. The values are checked by
        the rules of ``staff add`` (UserError naming every fault). A new staff number must be
        free. The person's badges stay valid: a badge names the person, not the number.
        Audited with the names of the changed fields (the values stay out of the trail)."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "change people's details", self.clock
        )
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, person_id)
            row = validate_person(
                staff_no=person.staff_no if staff_no is None else staff_no,
                name=person.name if name is None else name,
                department=person.department if department is None else department,
                kind=person.kind if kind is None else str(kind),
                phone=person.phone if phone is None else phone,
            )
            new = {
                "staff_no": row.staff_no,
                "name": row.name,
                "department": row.department,
                "kind": str(row.kind),
                "phone": row.phone,
            }
            changed = sorted(field for field, value in new.items()
                             if getattr(person, field) != value)
            if not changed:
                return PersonView.of(person)
            old_staff_no = person.staff_no
            if "staff_no" in changed:
                other = repo.person_by_staff_no(session, person.site_id, row.staff_no)
                if other is not None and other.id != person.id:
                    raise UserError(
                        f"Staff number {row.staff_no} already belongs to {other.name}."
                    )
            for field in changed:
                setattr(person, field, new[field])
            person.updated_at = now
            session.flush()
            details: dict[str, object] = {"staff_no": person.staff_no, "fields": changed}
            if old_staff_no != person.staff_no:
                details["previous_staff_no"] = old_staff_no
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.update",
                entity="person", entity_id=str(person.id), details=details,
            )
            return PersonView.of(person)

    def deactivate(
        self, person_id: uuid.UUID, *, actor: str | None = None, by: UserView | None = None
    ) -> PersonView:
        """The person is no longer let in: their badge stops verifying at the gates (as
        inactive, not revoked) until :meth:`reactivate`. Nothing they did is removed."""
        actor = access.acting(self.db, by, actor, access.OFFICERS, "deactivate people",
                              self.clock)
        return self._set_active(person_id, False, actor)

    def reactivate(
        self, person_id: uuid.UUID, *, actor: str | None = None, by: UserView | None = None
    ) -> PersonView:
        """Undo :meth:`deactivate`: the person's current badge verifies again."""
        actor = access.acting(self.db, by, actor, access.OFFICERS, "reactivate people",
                              self.clock)
        return self._set_active(person_id, True, actor)

    def _set_active(self, person_id: uuid.UUID, active: bool, actor: str | None) -> PersonView:
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, person_id)
            if person.active == active:
                return PersonView.of(person)
            person.active = active
            person.updated_at = now
            audit.record(
                session, at=now, actor=actor or default_actor(),
                action="person.reactivate" if active else "person.deactivate",
                entity="person", entity_id=str(person.id),
                details={"staff_no": person.staff_no},
            )
            session.flush()
            return PersonView.of(person)

    def set_photo(
        self, person_id: uuid.UUID, photo: bytes | None, *, actor: str | None = None,
        by: UserView | None = None,
    ) -> PersonView:
        """Store the person's photo (JPEG or PNG bytes, see :func:`check_photo`), or remove
        it with None. Audited (without the picture)."""
        actor = access.acting(
            self.db, by, actor, access.OFFICERS, "change people's photos", self.clock
        )
        fmt = check_photo(photo) if photo is not None else None
        now = self.clock()
        with self.db.session() as session:
            person = self._person(session, person_id)
            if photo is None and person.photo is None:
                return PersonView.of(person)
            person.photo = photo
            person.updated_at = now
            audit.record(
                session, at=now, actor=actor or default_actor(),
                action="person.photo" if photo is not None else "person.photo_removed",
                entity="person", entity_id=str(person.id),
                details={"staff_no": person.staff_no, "format": fmt, "bytes": len(photo or b"")},
            )
            session.flush()
            return PersonView.of(person)

    def badge_history(self, person_id: uuid.UUID) -> Badges:
        """Every badge version the person was given, newest first."""
        with self.db.session() as session:
            person = self._person(session, person_id)
            records = [
                BadgeRecord(
                    version=badge.version,
                    issued_at=badge.issued_at,
                    revoked_at=badge.revoked_at,
                    expires_at=badge.expires_at,
                    current=badge.version == person.badge_version,
                )
                for badge in person.badges
            ]
        return sorted(records, key=lambda r: r.version, reverse=True)

    def declarations(
        self, person_id: uuid.UUID, *, limit: int = MAX_DECLARATIONS
    ) -> Declarations:
        """The person's health declarations, newest day first (at most ``limit`` days)."""
        with self.db.session() as session:
            person = self._person(session, person_id)
            days = sorted(
                repo.declaration_dates(session, person.id, "0000-01-01", "9999-12-31"),
                reverse=True,
            )[:limit]
            found: Declarations = []
            for day in days:
                rows = repo.declarations_for(session, person.id, day)
                found.extend(
                    DeclarationRecord(
                        id=row.id,
                        for_date=date.fromisoformat(row.for_date),
                        declared_at=row.declared_at,
                        symptoms=tuple(row.symptoms or ()),
                        places_visited=tuple(row.places_visited or ()),
                        contact_with_confirmed=bool(row.contact_with_confirmed),
                        source=row.source,
                    )
                    for row in reversed(rows)  # newest first within the day too
                )
        return found
