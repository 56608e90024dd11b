"""Plain, immutable views of stored records, handed out of services to the CLI, UI and web.
They carry no database session."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from typing import Any

from gatekeeper.domain.enums import PersonKind
from gatekeeper.storage.models import Person


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    staff_no: str
    name: str
    kind: PersonKind
    department: str
    employer: str
    phone: str
    active: bool
    badge_version: int
    has_photo: bool
    declaration_required: bool = False

    @classmethod
    def of(cls, person: Person) -> PersonView:
        return cls(
            id=person.id,
            staff_no=person.staff_no,
            name=person.name,
            kind=PersonKind(person.kind),
            department=person.department,
            employer=person.employer,
            phone=person.phone,
            active=person.active,
            badge_version=person.badge_version,
            has_photo=person.photo is not None,
            declaration_required=person.declaration_required,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["id"] = str(self.id)
        data["kind"] = str(self.kind)
        return data
