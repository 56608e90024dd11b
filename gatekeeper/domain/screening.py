"""The screening rule: what the gate decides from the readings.

- First reading below the fever threshold: PASS.
- First reading at or above it: RECHECK (amber); a second reading is required.
- Second reading below the threshold: PASS; at or above: DENY, with an alert for officers.
- An inactive person, a refused badge, or a missing required declaration: DENY.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gatekeeper.domain.enums import Decision
from gatekeeper.domain.tokens import TokenProblem


class Reason(StrEnum):
    """Why a decision was made. Stored with the event; the UI translates them."""

    NORMAL = "normal"
    FEVER_FIRST = "fever_first_reading"
    CLEARED_ON_RECHECK = "cleared_on_recheck"
    FEVER_CONFIRMED = "fever_confirmed"
    INACTIVE = "inactive_person"
    DECLARATION_MISSING = "declaration_missing"
    DECLARATION_RISK = "declaration_risk"
    BAD_SIGNATURE = "bad_signature"
    REVOKED = "revoked"
    EXPIRED = "expired"
    FOREIGN_KEY = "foreign_key"
    UNKNOWN_PERSON = "unknown_person"
    GARBLED = "garbled"
    AUTO_EXIT = "auto_exit"


def reason_for(problem: TokenProblem) -> Reason:
    """The reason shown and stored for a refused badge (the values are the same words)."""
    return Reason(problem.value)


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reason: Reason

    @property
    def alert(self) -> bool:
        """Officers must be told: a confirmed fever or any refusal at the gate."""
        return self.decision is Decision.DENY


def is_fever(value_c: float, threshold_c: float) -> bool:
    return value_c >= threshold_c


def first_reading(value_c: float, threshold_c: float) -> Verdict:
    if is_fever(value_c, threshold_c):
        return Verdict(Decision.RECHECK, Reason.FEVER_FIRST)
    return Verdict(Decision.PASS, Reason.NORMAL)


def second_reading(value_c: float, threshold_c: float) -> Verdict:
    if is_fever(value_c, threshold_c):
        return Verdict(Decision.DENY, Reason.FEVER_CONFIRMED)
    return Verdict(Decision.PASS, Reason.CLEARED_ON_RECHECK)
