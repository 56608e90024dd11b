"""Words the kiosk shows for values that come from the core: decisions, reasons, visitor form
problems, sign-in errors, symptoms. The core speaks in stable codes and English; the person at
the gate reads these, in their language."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from gatekeeper.domain.enums import Decision, Direction, TempUnit
from gatekeeper.domain.screening import Reason
from gatekeeper.domain.temperature import c_to_f


def decision_word(decision: Decision) -> str:
    if decision is Decision.PASS:
        return QCoreApplication.translate("KioskTexts", "PASS")
    if decision is Decision.RECHECK:
        return QCoreApplication.translate("KioskTexts", "RECHECK")
    return QCoreApplication.translate("KioskTexts", "DENIED")


def duplicate_word() -> str:
    return QCoreApplication.translate("KioskTexts", "ALREADY RECORDED")


def direction_word(direction: Direction) -> str:
    if direction is Direction.IN:
        return QCoreApplication.translate("KioskTexts", "IN")
    return QCoreApplication.translate("KioskTexts", "OUT")


def reason_text(reason: Reason) -> str:
    """One sentence that tells the person at the gate why."""
    texts = {
        Reason.NORMAL: QCoreApplication.translate("KioskTexts", "Temperature normal. Welcome."),
        Reason.FEVER_FIRST: QCoreApplication.translate(
            "KioskTexts",
            "The temperature is at or above the limit. Please wait a moment: a second "
            "reading is needed.",
        ),
        Reason.CLEARED_ON_RECHECK: QCoreApplication.translate(
            "KioskTexts", "The second reading is normal. Welcome."
        ),
        Reason.FEVER_CONFIRMED: QCoreApplication.translate(
            "KioskTexts", "The second reading confirms a raised temperature. Entry is not allowed."
        ),
        Reason.INACTIVE: QCoreApplication.translate(
            "KioskTexts", "This person is no longer active in the registry."
        ),
        Reason.DECLARATION_MISSING: QCoreApplication.translate(
            "KioskTexts", "A health declaration for today is required before entry."
        ),
        Reason.DECLARATION_RISK: QCoreApplication.translate(
            "KioskTexts",
            "The health declaration reports symptoms or contact with a confirmed case.",
        ),
        Reason.BAD_SIGNATURE: QCoreApplication.translate(
            "KioskTexts", "This badge is not genuine: it is forged or has been altered."
        ),
        Reason.REVOKED: QCoreApplication.translate(
            "KioskTexts", "This badge was replaced by a newer one and is no longer valid."
        ),
        Reason.EXPIRED: QCoreApplication.translate(
            "KioskTexts", "This badge or visitor pass has expired."
        ),
        Reason.FOREIGN_KEY: QCoreApplication.translate(
            "KioskTexts", "This badge was issued by another site."
        ),
        Reason.UNKNOWN_PERSON: QCoreApplication.translate(
            "KioskTexts", "This badge belongs to nobody in this site's registry."
        ),
        Reason.GARBLED: QCoreApplication.translate(
            "KioskTexts", "This code is not a gatekeeper badge, or it could not be read whole."
        ),
        Reason.AUTO_EXIT: QCoreApplication.translate(
            "KioskTexts", "Check-out closed automatically at the end of the day."
        ),
    }
    return texts[reason]


def format_temperature(value_c: float, unit: TempUnit) -> str:
    if unit is TempUnit.F:
        return f"{c_to_f(value_c):.1f} °F"
    return f"{value_c:.1f} °C"


# -- visitor registration --------------------------------------------------------------

SYMPTOMS = ("fever", "cough", "sore_throat", "short_of_breath", "loss_of_taste_or_smell", "fatigue")


def symptom_text(code: str) -> str:
    texts = {
        "fever": QCoreApplication.translate("KioskTexts", "Fever"),
        "cough": QCoreApplication.translate("KioskTexts", "Cough"),
        "sore_throat": QCoreApplication.translate("KioskTexts", "Sore throat"),
        "short_of_breath": QCoreApplication.translate("KioskTexts", "Shortness of breath"),
        "loss_of_taste_or_smell": QCoreApplication.translate(
            "KioskTexts", "Loss of taste or smell"
        ),
        "fatigue": QCoreApplication.translate("KioskTexts", "Unusual tiredness"),
    }
    return texts.get(code, code)


def field_name(field: str) -> str:
    names = {
        "name": QCoreApplication.translate("KioskTexts", "Name"),
        "phone": QCoreApplication.translate("KioskTexts", "Phone"),
        "company": QCoreApplication.translate("KioskTexts", "Company"),
        "host": QCoreApplication.translate("KioskTexts", "Person visited"),
        "purpose": QCoreApplication.translate("KioskTexts", "Purpose of the visit"),
        "kind": QCoreApplication.translate("KioskTexts", "Visitor or contractor"),
        "places_visited": QCoreApplication.translate(
            "KioskTexts", "Places visited in the last 14 days"
        ),
    }
    return names.get(field, field)


_AT_MOST_CHARS = re.compile(r"^at most (\d+) characters$")
_AT_MOST_PLACES = re.compile(r"^at most (\d+) places$")


def problem_text(message: str) -> str:
    """The visitor service's English problem messages, in the interface language; a message
    this table does not know is shown as the service wrote it."""
    fixed = {
        "required": QCoreApplication.translate("KioskTexts", "Required."),
        "digits only, optionally starting with +": QCoreApplication.translate(
            "KioskTexts", "Digits only, optionally starting with +."
        ),
        "contains control characters": QCoreApplication.translate(
            "KioskTexts", "Contains characters that are not allowed."
        ),
        "visitor or contractor": QCoreApplication.translate(
            "KioskTexts", "Choose visitor or contractor."
        ),
    }
    if message in fixed:
        return fixed[message]
    match = _AT_MOST_CHARS.match(message)
    if match:
        return QCoreApplication.translate("KioskTexts", "At most {n} characters.").format(
            n=match.group(1)
        )
    match = _AT_MOST_PLACES.match(message)
    if match:
        return QCoreApplication.translate(
            "KioskTexts", "At most {n} places, of up to 100 characters each."
        ).format(n=match.group(1))
    return message


def sign_in_error(wait_seconds: int, role_refused: bool, password: bool) -> str:
    if wait_seconds > 0:
        return QCoreApplication.translate(
            "KioskTexts", "Too many failed attempts. Try again in {seconds} s."
        ).format(seconds=wait_seconds)
    if role_refused:
        return QCoreApplication.translate("KioskTexts", "This account may not do this.")
    if password:
        return QCoreApplication.translate("KioskTexts", "Wrong name or password.")
    return QCoreApplication.translate("KioskTexts", "Wrong PIN. Try again.")


def camera_state_text(state: str) -> str:
    texts = {
        "starting": QCoreApplication.translate("KioskTexts", "Camera starting…"),
        "running": QCoreApplication.translate("KioskTexts", "Camera ready"),
        "lost": QCoreApplication.translate("KioskTexts", "Camera lost: reconnecting…"),
        "stopped": QCoreApplication.translate("KioskTexts", "Camera stopped"),
    }
    return texts.get(state, state)
