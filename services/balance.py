"""A person's balance: what they stored (sets, check-ins, deloads, profile), judged by the
balance model as of now, and which of its findings matter most.

Shared by /balance and /checkin; what it finds is never shown to anyone but that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from coach.deload import Deload
from coach.finding import SAFETY_CODES
from coach.findings import Assessment, Finding, Severity, assess
from coach.metrics import HISTORY
from coach.problems import UserError
from coach.training import CheckIn, TrainingSet
from coach.trends import WeekSets, weekly_regions
from coach.zones import stored_zone
from storage.coach_data import checkins_of, profile_of, training_sets
from storage.deloads import deloads_of
from storage.logbook import first_set_at
from storage.people import read_person
from storage.store import Store
from storage.tables import Person

DELOAD_LOOKBACK = timedelta(days=8)
SEVERITY_ORDER = (Severity.URGENT, Severity.HIGH, Severity.MEDIUM, Severity.INFO)


@dataclass(frozen=True, slots=True)
class Judged:
    assessment: Assessment
    sets: list[TrainingSet]
    checkins: list[CheckIn]


@dataclass(frozen=True, slots=True)
class Balance:
    """What /balance shows: the verdict, its findings ranked, and the chart's weeks."""

    assessment: Assessment
    ranked: list[Finding]
    """The findings, the most important first (``most_important``)."""
    weeks: list[WeekSets]
    """Hard sets per region in each trailing week the chart shows, oldest first."""
    first_set_at: datetime | None
    """When the person's earliest set was done, however long ago, read only when no leg
    day falls in the look-back (else None); None before any set too: a newcomer's missing
    leg day is "none since" then, not "none in 12 weeks"."""


@dataclass(frozen=True, slots=True)
class Training:
    """What the balance model reads besides the check-ins: read once, judged with the
    check-ins as they stand (before and after one, for /checkin)."""

    person: Person
    sets: list[TrainingSet]
    deloads: list[Deload]

    def judged(self, answers: Sequence[CheckIn], now: datetime) -> Assessment:
        zone = stored_zone(self.person.timezone)
        return assess(self.sets, answers, profile_of(self.person), zone, now, self.deloads)


def training(session: Session, person_id: int, now: datetime) -> Training:
    """This person's profile, sets and deloads, as far back as the balance model reads."""
    person = read_person(session, person_id, now)
    sets = training_sets(session, person_id, now - HISTORY)
    # Deloads matter for the window's sets: any that ended before it cannot.
    deloads = deloads_of(session, person_id, (now - DELOAD_LOOKBACK).date())
    return Training(person, sets, deloads)


def judge(session: Session, person_id: int, now: datetime) -> Judged:
    """The balance model's verdict on everything this person stored, as of ``now``."""
    mine = training(session, person_id, now)
    answers = checkins_of(session, person_id, now)
    return Judged(mine.judged(answers, now), mine.sets, answers)


async def balance(store: Store, person_id: int, weeks: int, *, now: datetime) -> Balance:
    """The person's balance, with ``weeks`` weeks of history for the chart."""
    judged, first = await store.run(_judge_with_first_set, person_id, now)
    if not judged.sets and not judged.checkins:
        raise UserError(
            "Nothing logged in the last 12 weeks, so there's no balance to show yet. "
            "Log with `/log squat 3x5 100kg`."
        )
    assessment = judged.assessment
    return Balance(
        assessment,
        most_important(assessment.findings),
        weekly_regions(judged.sets, now, weeks),
        first,
    )


def _judge_with_first_set(
    session: Session, person_id: int, now: datetime
) -> tuple[Judged, datetime | None]:
    """The verdict, and the person's first set when no leg day falls in the look-back:
    only then does "Since legs" say since when it looked."""
    judged = judge(session, person_id, now)
    if judged.assessment.metrics.days_since_legs is not None:
        return judged, None
    return judged, first_set_at(session, person_id)


def most_important(findings: Sequence[Finding]) -> list[Finding]:
    """Safety findings first, then by severity; equal ones keep the coach's order."""
    return sorted(
        findings,
        key=lambda f: (f.code not in SAFETY_CODES, SEVERITY_ORDER.index(f.severity)),
    )


def is_safety(assessment: Assessment) -> bool:
    """Whether a safety finding stops training advice: the answer is about that alone."""
    return assessment.care.blocks_training
