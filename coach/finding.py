"""What one finding is: its code, severity, subject, message, evidence and advice.

Kept apart from the rules that make findings so that the safety rules (``coach.care``)
and the training rules (``coach.findings``) build the same kind of object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """Finding codes, declared in the order findings are evaluated and shown."""

    SAFETY_URGENT = "SAFETY_URGENT"
    SEE_PROFESSIONAL = "SEE_PROFESSIONAL"
    PAIN_CAUTION = "PAIN_CAUTION"
    LEGS_SKIPPED = "LEGS_SKIPPED"
    LEGS_NEGLECTED = "LEGS_NEGLECTED"
    LEGS_ONLY = "LEGS_ONLY"
    MUSCLE_LOW = "MUSCLE_LOW"
    LEG_FREQUENCY_LOW = "LEG_FREQUENCY_LOW"
    POSTERIOR_GAP = "POSTERIOR_GAP"
    PUSH_PULL_IMBALANCE = "PUSH_PULL_IMBALANCE"
    SQUAT_LAGS_BENCH = "SQUAT_LAGS_BENCH"
    PLATEAU = "PLATEAU"
    OVERREACHING = "OVERREACHING"
    VOLUME_HIGH = "VOLUME_HIGH"
    SLEEP_LOW = "SLEEP_LOW"
    TOO_SOON = "TOO_SOON"
    UNCLASSIFIED = "UNCLASSIFIED"
    NO_WORK = "NO_WORK"


class Severity(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    MEDIUM = "medium"
    INFO = "info"


SAFETY_CODES = frozenset({Code.SAFETY_URGENT, Code.SEE_PROFESSIONAL, Code.PAIN_CAUTION})
"""Findings about health: private, and never shown in a group report."""

Evidence = Mapping[str, float | int | str | None]


@dataclass(frozen=True, slots=True)
class Finding:
    code: Code
    severity: Severity
    subject: str | None
    message: str
    evidence: Evidence
    advice: str
