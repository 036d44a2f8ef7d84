"""What a leg-day reminder should say, if anything: pure, from sets, check-ins and profile.

In order: a standing SAFETY_URGENT or SEE_PROFESSIONAL (``coach.care``, the same rule as
every other path) pauses nudges; a leg day (M5) since the previous reminder means the job
is done; otherwise a nudge, firmer with a concrete session once it has been a week or
more. Under PAIN_CAUTION that session spares the painful area.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from coach.advice import proposed_leg_session
from coach.care import care_state
from coach.metrics import days_since, last_leg_day_at, worked_sessions
from coach.training import CheckIn, Profile, TrainingSet

ESCALATE_DAYS = 7


class Verdict(StrEnum):
    SAFETY_PAUSE = "safety_pause"
    LEGS_DONE = "legs_done"
    REMIND = "remind"
    ESCALATE = "escalate"


@dataclass(frozen=True, slots=True)
class Nudge:
    verdict: Verdict
    days_since_legs: int | None = None
    session: str | None = None


def last_leg_set(sets: Iterable[TrainingSet], as_of: datetime) -> datetime | None:
    """When the latest leg day (M5: a session with 3+ hard leg sets, warm-ups inferred)
    was done, up to ``as_of``: the time of its last leg set."""
    return last_leg_day_at(worked_sessions(s for s in sets if s.at <= as_of))


def leg_day_nudge(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    profile: Profile,
    *,
    since: datetime,
    as_of: datetime,
    tz: ZoneInfo,
) -> Nudge:
    """The nudge for a reminder due at ``as_of`` whose previous one was due at ``since``."""
    care = care_state(checkins, as_of)
    if care.pauses_reminders:
        return Nudge(Verdict.SAFETY_PAUSE)
    last = last_leg_set(sets, as_of)
    if last is not None and last >= since:
        return Nudge(Verdict.LEGS_DONE, days_since(last, as_of, tz))
    days = days_since(last, as_of, tz)
    if days is None or days >= ESCALATE_DAYS:
        return Nudge(Verdict.ESCALATE, days, proposed_leg_session(profile, care.spared_patterns))
    return Nudge(Verdict.REMIND, days)
