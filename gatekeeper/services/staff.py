"""The staff registry: add, import, update and list people."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from gatekeeper.domain.clock import Clock, utc_now
from gatekeeper.domain.enums import PersonKind
from gatekeeper.errors import UserError
from gatekeeper.services import audit
from gatekeeper.services.setup import Installation, default_actor
from gatekeeper.services.staff_import import StaffRow, read_staff_file, validate_person
from gatekeeper.services.views import PersonView
from gatekeeper.storage import repositories as repo
from gatekeeper.storage.database import Database
from gatekeeper.storage.models import Person


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


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
    ) -> PersonView:
        row = validate_person(
            staff_no=staff_no, name=name, department=department, kind=str(kind), phone=phone
        )
        now = self.clock()
        with self.db.session() as session:
            site_id = self.installation.site_id
            if repo.person_by_staff_no(session, site_id, row.staff_no) is not None:
                raise UserError(f"Staff number {row.staff_no} is already in the registry.")
            person = Person(
                site_id=site_id,
                staff_no=row.staff_no,
                name=row.name,
                department=row.department,
                kind=str(row.kind),
                phone=row.phone,
                created_at=now,
                updated_at=now,
            )
            session.add(person)
            session.flush()
            audit.record(
                session, at=now, actor=actor or default_actor(), action="person.add",
                entity="person", entity_id=str(person.id), details={"staff_no": row.staff_no},
            )
            return PersonView.of(person)

    def import_file(
        self, path: str | os.PathLike[str], *, actor: str | None = None
    ) -> ImportSummary:
        """All rows or none: the file is validated whole before anything is written."""
        rows = read_staff_file(path)
        return self.import_rows(rows, actor=actor, source=os.fspath(path))

    def import_rows(
        self, rows: Sequence[StaffRow], *, actor: str | None = None, source: str = ""
    ) -> ImportSummary:
        now = self.clock()
        added = updated = unchanged = 0
        with self.db.session() as session:
            site_id = self.installation.site_id
            existing = repo.people_by_staff_nos(session, site_id, [r.staff_no for r in rows])
            for row in rows:
                person = existing.get(row.staff_no)
                if person is None:
                    session.add(
                        Person(
                            site_id=site_id,
                            staff_no=row.staff_no,
                            name=row.name,
                            department=row.department,
                            kind=str(row.kind),
                            phone=row.phone,
                            created_at=now,
                            updated_at=now,
                        )
                    )
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
