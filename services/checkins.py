"""Check-ins (/checkin): the answers given, stored, and what they changed in a person's
findings.

Safety comes first: the safety question must be answered before a check-in is stored, and
every safety finding is said after each one, even one that stood before. Which check-ins
count, and for how long leg-day nudges stay paused, is ``coach.care``'s rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from coach.finding import SAFETY_CODES, Finding
from coach.findings import Assessment
from coach.problems import UserError
from coach.training import CheckIn, LegWeakness, Pain, PainArea, RedFlag
from services.balance import most_important, training
from storage.coach_data import add_checkin, checkins_of
from storage.people import get_person
from storage.store import Store

# The answers of the second step that are no red flag, by the values the form gives them.
NUMBNESS = "numbness"
AFTER_FALL, BEING_TREATED = "after_fall", "being_treated"
_RED_FLAGS = frozenset(RedFlag)


@dataclass
class Answers:
    """What the person has answered so far; anything left out stays unknown."""

    sleep_hours: float | None = None
    soreness: int | None = None
    energy: int | None = None
    leg_weakness: LegWeakness | None = None
    safety: set[str] | None = None
    """Red flags (``RedFlag`` values) and ``NUMBNESS``; None until the question is answered."""
    context: set[str] | None = None
    """``AFTER_FALL`` and ``BEING_TREATED``, as they apply; None when not answered."""
    pain: Pain | None = None

    def checkin(self, at: datetime) -> CheckIn:
        """The check-in these answers make; refused while the safety question is open."""
        if self.safety is None:
            raise UserError(
                "Please answer the safety question first; pick “None of these” if none apply."
            )
        safety = self.safety
        return CheckIn(
            at=at,
            sleep_hours=self.sleep_hours,
            soreness=self.soreness,
            energy=self.energy,
            leg_weakness=self.leg_weakness,
            numbness_tingling=NUMBNESS in safety,
            pain=self.pain,
            red_flags=frozenset(RedFlag(flag) for flag in safety if flag in _RED_FLAGS),
            after_fall=None if self.context is None else AFTER_FALL in self.context,
            being_treated=None if self.context is None else BEING_TREATED in self.context,
        )


def _whole(text: str) -> int | None:
    """A whole number in the digits 0-9; None for anything else ("²", "-1", other digits)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def pain(score: str, days: str, worse: str, area: str | None) -> Pain:
    """The pain as typed in the form: 0-10, for how many days, getting worse (yes or no),
    and the area picked, if any."""
    score_given, days_given = _whole(score), _whole(days)
    worse = worse.strip().lower()
    if score_given is None or score_given > 10 or days_given is None or worse not in ("yes", "no"):
        raise UserError(
            "Nothing was saved: give the pain as a number 0-10, the days as a number and "
            "yes or no for worse. Example: 5, 21, no."
        )
    return Pain(
        score=score_given,
        days=days_given,
        worsening=worse == "yes",
        location=PainArea(area) if area else None,
    )


def _key(finding: Finding) -> tuple[str, str | None, str]:
    return finding.code.value, finding.subject, finding.severity.value


def changed_findings(before: Assessment, after: Assessment) -> tuple[list[Finding], list[Finding]]:
    """What this check-in changed: findings new (or of another severity) since it, with
    every safety finding, which is never left unsaid; and those it made go away (training
    findings a safety finding only silenced have not gone)."""
    was = {_key(f) for f in before.findings}
    now = {_key(f) for f in after.findings}
    new = [f for f in after.findings if _key(f) not in was or f.code in SAFETY_CODES]
    silenced = after.care.blocks_training
    gone = [
        f
        for f in before.findings
        if _key(f) not in now and (f.code in SAFETY_CODES or not silenced)
    ]
    return most_important(new), gone


def _check_in(
    session: Session, person_id: int, checkin: CheckIn, now: datetime
) -> tuple[Assessment, Assessment]:
    """The person's findings before and after storing the check-in."""
    get_person(session, person_id, now)
    mine = training(session, person_id, now)  # the same before and after: read once
    before = mine.judged(checkins_of(session, person_id, now), now)
    add_checkin(session, person_id, checkin)
    after = mine.judged(checkins_of(session, person_id, now), now)
    return before, after


@dataclass(frozen=True, slots=True)
class CheckedIn:
    """A stored check-in and what it changed."""

    assessment: Assessment
    """The person's findings with this check-in."""
    new: list[Finding]
    """Findings new since it (or of another severity), and every safety finding."""
    gone: list[Finding]
    """Findings it made go away."""
    changed_nothing: bool
    """Nothing went and nothing new came: every finding named stood before it too."""


async def check_in(store: Store, person_id: int, checkin: CheckIn, *, now: datetime) -> CheckedIn:
    """Store the check-in and judge the person before and after it, in one transaction."""
    before, after = await store.run(_check_in, person_id, checkin, now)
    new, gone = changed_findings(before, after)
    was = {_key(f) for f in before.findings}
    return CheckedIn(after, new, gone, not gone and all(_key(f) in was for f in new))
