"""Enumerations shared by every layer. Values are stored in the database and in sync files:
never rename a value."""

from __future__ import annotations

from enum import StrEnum


class PersonKind(StrEnum):
    EMPLOYEE = "employee"
    CONTRACTOR = "contractor"
    VISITOR = "visitor"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Decision(StrEnum):
    PASS = "pass"
    RECHECK = "recheck"
    DENY = "deny"


class Method(StrEnum):
    """How the person was identified at the gate."""

    QR = "qr"
    MANUAL = "manual"
    HID = "hid"
    #: Not a person at the gate: a forgotten check-out closed automatically.
    AUTO = "auto"


class Role(StrEnum):
    GUARD = "guard"
    OFFICER = "officer"
    ADMIN = "admin"


class TempUnit(StrEnum):
    C = "C"
    F = "F"
