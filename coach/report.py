"""The weekly group report, built from daily hard-set counts per member and exercise.

Reports cover hundreds of members and months of logs, so the database hands over counts
(member, local day, exercise, hard sets) rather than sets. The report judges those
counts: it sees regions, patterns, muscles and days, not loads, so findings that need
weights or check-ins (plateaus, squat:bench, overreaching, anything about health) never
appear in a report. That is deliberate for check-ins: they stay private.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coach.exercise import Exercise
from coach.findings import Finding, assess
from coach.metrics import LEG_DAY_SETS
from coach.training import Profile, TrainingSet
from coach.vocabulary import Region

WEEKS = 8
# Counts already sit on the member's own local days; judging them on a UTC clock keeps
# each day where it is.
UTC_ZONE = ZoneInfo("UTC")
# The middle of the lower:upper band typical splits sit in (balance spec, LEGS_NEGLECTED).
BAND_LOW, BAND_HIGH = 0.5, 0.9

DailyCounts = Mapping[date, Mapping[str, int]]
"""Hard sets per local day and exercise key, for one member."""


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    name: str
    days: DailyCounts


@dataclass(frozen=True, slots=True)
class Week:
    """One member's (or the group's) hard sets in a 7-day window of local days."""

    lower: int = 0
    upper: int = 0
    core: int = 0
    leg_days: int = 0

    @property
    def total(self) -> int:
        return self.lower + self.upper + self.core

    @property
    def lu(self) -> float | None:
        return self.lower / self.upper if self.upper else None

    @property
    def lower_share(self) -> float | None:
        both = self.lower + self.upper
        return self.lower / both if both else None

    @property
    def off_balance(self) -> float | None:
        """How far lower:upper lies outside the typical band; 0 inside it."""
        if self.lower == 0 and self.upper == 0:
            return None
        lu = self.lu if self.lu is not None else float(self.lower)
        return max(BAND_LOW - lu, lu - BAND_HIGH, 0.0)


@dataclass(frozen=True, slots=True)
class MemberRow:
    person_id: int
    name: str
    week: Week
    streak: int
    top: Finding | None


@dataclass(frozen=True, slots=True)
class GroupReport:
    today: date
    week: Week
    legs_twice: int
    rows: tuple[MemberRow, ...]
    most_improved: MemberRow | None
    weekly: tuple[Week, ...]
    """The group's weeks, oldest first; the last one is this week."""


Regions = Mapping[str, Region]
Exercises = Mapping[str, Exercise]


def _window(days: DailyCounts, last: date, regions: Regions) -> Week:
    counts = dict.fromkeys(Region, 0)
    leg_days = 0
    for day in (last - timedelta(days=n) for n in range(7)):
        lower_today = 0
        for key, sets in days.get(day, {}).items():
            region = regions.get(key)
            if region is not None:
                counts[region] += sets
                lower_today += sets if region == Region.LOWER else 0
        leg_days += lower_today >= LEG_DAY_SETS
    return Week(counts[Region.LOWER], counts[Region.UPPER], counts[Region.CORE], leg_days)


def _weeks(days: DailyCounts, today: date, regions: Regions) -> list[Week]:
    """The last WEEKS windows, oldest first, the newest ending today."""
    return [_window(days, today - timedelta(weeks=k), regions) for k in reversed(range(WEEKS))]


def _streak(weeks: Sequence[Week]) -> int:
    """Weeks in a row, up to this one, with two leg days or more."""
    streak = 0
    for week in reversed(weeks):
        if week.leg_days < 2:
            break
        streak += 1
    return streak


def _top_finding(days: DailyCounts, today: date, exercises: Exercises) -> Finding | None:
    """The member's most important finding from this week's counts alone (no check-ins)."""
    sets = [
        TrainingSet(at=datetime.combine(day, time(12), UTC), exercise=exercise, typed_name=key)
        for day in (today - timedelta(days=n) for n in range(7))
        for key, count in days.get(day, {}).items()
        if (exercise := exercises.get(key)) is not None
        for _ in range(count)
    ]
    as_of = datetime.combine(today, time(23, 59), UTC)
    findings = assess(sets, [], Profile(), UTC_ZONE, as_of).findings
    return findings[0] if findings else None


def _sum(weeks: Sequence[Week]) -> Week:
    return Week(
        lower=sum(w.lower for w in weeks),
        upper=sum(w.upper for w in weeks),
        core=sum(w.core for w in weeks),
        leg_days=sum(w.leg_days for w in weeks),
    )


def _improvement(weeks: Sequence[Week]) -> float | None:
    before, after = weeks[-2].off_balance, weeks[-1].off_balance
    if before is None or after is None:
        return None
    return before - after


def build_report(members: Sequence[Member], today: date, exercises: Exercises) -> GroupReport:
    """The report for the week ending on ``today`` (the server's local date).

    ``exercises`` maps every key the counts may hold (catalog and custom) to its exercise;
    keys it lacks count nowhere, like unclassified sets everywhere else.
    """
    regions = {key: exercise.region for key, exercise in exercises.items()}
    history = {m.person_id: _weeks(m.days, today, regions) for m in members}
    rows = tuple(
        sorted(
            (
                MemberRow(
                    person_id=m.person_id,
                    name=m.name,
                    week=history[m.person_id][-1],
                    streak=_streak(history[m.person_id]),
                    top=_top_finding(m.days, today, exercises),
                )
                for m in members
            ),
            key=lambda row: (-row.week.total, row.name.lower()),
        )
    )
    gains = [
        (gain, row)
        for row in rows
        if (gain := _improvement(history[row.person_id])) is not None and gain > 0
    ]
    weekly = tuple(_sum([weeks[k] for weeks in history.values()]) for k in range(WEEKS))
    return GroupReport(
        today=today,
        week=weekly[-1],
        legs_twice=sum(row.week.leg_days >= 2 for row in rows),
        rows=rows,
        most_improved=max(gains, key=lambda pair: pair[0])[1] if gains else None,
        weekly=weekly,
    )
