"""Shared challenges: which sets count, each metric's score, and the ranked board.

Pure: no clock, database or Discord; the caller passes the window, members and sets.

Rules, where the issue leaves room:

- The window runs from local midnight of the start date to local midnight after the end
  date, in the server's time zone when the challenge was created; ending a challenge
  early closes it at that instant. A set counts when it was performed inside the window,
  at or after its member joined (joining late does not bring earlier sets along, so
  nobody can join and back-date a week of training), and was logged before the window
  closed and at most 3 days after it was performed (back-dating). Sets over the
  notation's plausibility limits, sets a moderator excluded and excluded members never
  count. Only hard sets (M1) count anywhere.
- Challenge weeks are 7-day blocks from the start date, not calendar weeks: a challenge
  starting on a Thursday has full weeks, and they match the weekly progress posts.
- ``squat_gain`` is the percent rise of the best back-squat e1RM (M9) on any later day
  over the best of the member's first squat day in the window; 0 until there is a rise.
- ``streak`` is the longest run of consecutive challenge weeks with >= 2 leg days (M5).
- Individual: members who reached the goal rank first, by the instant they reached it
  (when the set that got them there was logged); the others by score. Equal keys share a
  rank (1, 1, 3), and every member on rank 1 with a score wins.
- Team: the goal is for the members' summed scores; when it is reached, every member who
  contributed wins.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from coach.exercise import Exercise
from coach.metrics import (
    SQUAT_KEY,
    estimates,
    is_hard,
    leg_days,
    local_day,
    lower_upper_ratio,
    region_sets,
)
from coach.notation import MAX_REPS, MAX_SECONDS, MAX_WEIGHT_KG
from coach.training import TrainingSet
from coach.vocabulary import Region

BACKDATE_LIMIT = timedelta(days=3)
MAX_DAYS = 26 * 7
BALANCED_LU = (0.5, 1.5)
LEG_DAYS_A_WEEK = 2
WEEK_DAYS = 7
SCORE_DIGITS = 2
"""Scores are compared rounded, so float noise in volumes and percents never breaks a tie."""


class Metric(StrEnum):
    LEG_SETS = "leg_sets"
    LOWER_VOLUME = "lower_volume"
    LEG_DAYS = "leg_days"
    BALANCE_WEEKS = "balance_weeks"
    SQUAT_GAIN = "squat_gain"
    STREAK = "streak"


METRIC_UNITS: Mapping[Metric, str] = {
    Metric.LEG_SETS: "leg sets",
    Metric.LOWER_VOLUME: "kg lower volume",
    Metric.LEG_DAYS: "leg days",
    Metric.BALANCE_WEEKS: "balanced weeks",
    Metric.SQUAT_GAIN: "% squat gain",
    Metric.STREAK: "week streak",
}

MONOTONE = frozenset({Metric.LEG_SETS, Metric.LOWER_VOLUME, Metric.LEG_DAYS, Metric.STREAK})
"""Metrics that never fall when a set is added, so the goal's crossing can be bisected."""


@dataclass(frozen=True, slots=True)
class Window:
    """When a challenge counts: ``[start, end)``, with days and weeks in ``tz``."""

    start: datetime
    end: datetime
    tz: ZoneInfo

    @classmethod
    def from_dates(cls, first: date, last: date, tz: ZoneInfo) -> Window:
        """From local midnight of ``first`` to local midnight after ``last``."""
        start = datetime.combine(first, time(), tz)
        end = datetime.combine(last + timedelta(days=1), time(), tz)
        return cls(start, end, tz)

    def closed_at(self, moment: datetime | None) -> Window:
        """The window of a challenge ended early at ``moment`` (None: not ended)."""
        if moment is None or moment >= self.end:
            return self
        return Window(self.start, max(moment, self.start), self.tz)

    @property
    def first_day(self) -> date:
        return local_day(self.start, self.tz)

    def week_of(self, at: datetime) -> int:
        """0 for the first challenge week, 1 for the next..."""
        return (local_day(at, self.tz) - self.first_day).days // WEEK_DAYS

    @property
    def weeks(self) -> int:
        days = (local_day(self.end - timedelta(microseconds=1), self.tz) - self.first_day).days
        return days // WEEK_DAYS + 1


@dataclass(frozen=True, slots=True)
class Member:
    person_id: int
    joined_at: datetime
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class ChallengeSet:
    """A logged set as a challenge sees it: whose, which row, and when it was logged."""

    set_id: int
    person_id: int
    logged: TrainingSet
    logged_at: datetime


def plausible(s: TrainingSet) -> bool:
    """Within the notation's limits; rows edited or imported around the parser may not be."""
    return (
        (s.weight_kg is None or abs(s.weight_kg) <= MAX_WEIGHT_KG)
        and (s.reps is None or s.reps <= MAX_REPS)
        and (s.seconds is None or s.seconds <= MAX_SECONDS)
    )


def could_count(metric: Metric, exercise: Exercise) -> bool:
    """Whether sets of this exercise can ever score in ``metric``; lets a store skip the rest."""
    if metric is Metric.SQUAT_GAIN:
        return exercise.key == SQUAT_KEY
    if metric is Metric.BALANCE_WEEKS:
        return exercise.region in {Region.LOWER, Region.UPPER}
    return exercise.region is Region.LOWER


def counts(s: ChallengeSet, window: Window, joined_at: datetime) -> bool:
    """Whether a member's set counts, before moderator exclusions (see the module notes)."""
    at = s.logged.at
    return (
        window.start <= at < window.end
        and at >= joined_at
        and s.logged_at < window.end
        and s.logged_at - at <= BACKDATE_LIMIT
        and plausible(s.logged)
        and is_hard(s.logged)
    )


def _is_lower(s: TrainingSet) -> bool:
    return s.exercise is not None and s.exercise.region is Region.LOWER


def _by_week(hard: Iterable[TrainingSet], window: Window) -> dict[int, list[TrainingSet]]:
    weeks: dict[int, list[TrainingSet]] = defaultdict(list)
    for s in hard:
        weeks[window.week_of(s.at)].append(s)
    return weeks


def _balanced(week: Sequence[TrainingSet], tz: ZoneInfo) -> bool:
    regions = region_sets(week)
    lu = lower_upper_ratio(regions[Region.LOWER], regions[Region.UPPER])
    low, high = BALANCED_LU
    return lu is not None and low <= lu <= high and len(leg_days(week, tz)) >= LEG_DAYS_A_WEEK


def _longest_run(weeks: Iterable[int]) -> int:
    best = run = 0
    previous: int | None = None
    for week in sorted(weeks):
        run = run + 1 if previous is not None and week == previous + 1 else 1
        best, previous = max(best, run), week
    return best


def _squat_gain(hard: Iterable[TrainingSet], tz: ZoneInfo) -> float:
    days: dict[date, float] = {}
    for x in estimates(hard, tz):
        if x.lift == SQUAT_KEY:
            days[x.day] = max(days.get(x.day, 0.0), x.e1rm_kg)
    if len(days) < 2:
        return 0.0
    first = min(days)
    later = max(value for day, value in days.items() if day != first)
    return max(0.0, (later / days[first] - 1) * 100)


def score(metric: Metric, hard: Sequence[TrainingSet], window: Window) -> float:
    """One member's score from their counting (hard, in-window) sets."""
    tz = window.tz
    if metric is Metric.LEG_SETS:
        return float(sum(1 for s in hard if _is_lower(s)))
    if metric is Metric.LOWER_VOLUME:
        # Bodyweight sets carry only their added load; assisted (negative) loads add nothing.
        return sum(max(s.weight_kg or 0.0, 0.0) * (s.reps or 0) for s in hard if _is_lower(s))
    if metric is Metric.LEG_DAYS:
        return float(len(leg_days(hard, tz)))
    if metric is Metric.SQUAT_GAIN:
        return _squat_gain(hard, tz)
    weeks = _by_week(hard, window)
    if metric is Metric.BALANCE_WEEKS:
        return float(sum(1 for week in weeks.values() if _balanced(week, tz)))
    two_leg_days = (w for w, sets in weeks.items() if len(leg_days(sets, tz)) >= LEG_DAYS_A_WEEK)
    return float(_longest_run(two_leg_days))


def _reached_at(
    metric: Metric, mine: Sequence[ChallengeSet], window: Window, goal: float
) -> datetime | None:
    """When the member's score first reached ``goal``, by the logging time of their sets."""
    ordered = sorted(mine, key=lambda s: s.logged_at)
    # Candidate cuts: after the last set of each logging call (sets logged together count
    # together, so a batch never half-reaches the goal).
    last = len(ordered) - 1
    cuts = [
        i + 1 for i, s in enumerate(ordered) if i == last or ordered[i + 1].logged_at != s.logged_at
    ]

    def reached(cut_index: int) -> bool:
        prefix = [s.logged for s in ordered[: cuts[cut_index]]]
        return round(score(metric, prefix, window), SCORE_DIGITS) >= goal

    if metric in MONOTONE:
        found = bisect.bisect_left(range(len(cuts)), True, key=reached)
    else:
        found = next((i for i in range(len(cuts)) if reached(i)), len(cuts))
    return ordered[cuts[found] - 1].logged_at if found < len(cuts) else None


@dataclass(frozen=True, slots=True)
class Standing:
    person_id: int
    score: float
    rank: int
    reached_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Board:
    """A challenge's standings; excluded members are left out and only counted."""

    metric: Metric
    goal: float
    team: bool
    standings: tuple[Standing, ...]
    excluded_members: int
    excluded_sets: int

    @property
    def total(self) -> float:
        return round(sum(s.score for s in self.standings), SCORE_DIGITS)

    @property
    def reached(self) -> bool:
        """Team: the shared goal was met. Individual: someone met the goal."""
        if self.team:
            return self.total >= self.goal
        return any(s.reached_at is not None for s in self.standings)

    @property
    def winners(self) -> tuple[Standing, ...]:
        if self.team:
            return tuple(s for s in self.standings if s.score > 0) if self.reached else ()
        return tuple(s for s in self.standings if s.rank == 1 and s.score > 0)

    def standing_of(self, person_id: int) -> Standing | None:
        return next((s for s in self.standings if s.person_id == person_id), None)


def _ranked(scored: Sequence[tuple[int, float, datetime | None]]) -> tuple[Standing, ...]:
    """Competition ranking (1, 1, 3): goal reached first, then earlier, then higher score."""

    def order(item: tuple[int, float, datetime | None]) -> tuple[bool, float, float, int]:
        person_id, points, reached_at = item
        stamp = reached_at.timestamp() if reached_at is not None else 0.0
        return (reached_at is None, stamp, -points, person_id)

    standings: list[Standing] = []
    previous: tuple[bool, float, float] | None = None
    for position, item in enumerate(sorted(scored, key=order), start=1):
        tied = order(item)[:3]  # everything but the person: equal means a shared rank
        rank = standings[-1].rank if tied == previous else position
        standings.append(Standing(item[0], item[1], rank, item[2]))
        previous = tied
    return tuple(standings)


def build_board(
    metric: Metric,
    goal: float,
    team: bool,
    window: Window,
    members: Iterable[Member],
    sets: Iterable[ChallengeSet],
    excluded_sets: Collection[int] = frozenset(),
) -> Board:
    """Score every member from the sets that count and rank them."""
    members = list(members)
    joined = {m.person_id: m.joined_at for m in members if not m.excluded}
    counting: dict[int, list[ChallengeSet]] = {person: [] for person in joined}
    for s in sets:
        since = joined.get(s.person_id)
        if since is not None and s.set_id not in excluded_sets and counts(s, window, since):
            counting[s.person_id].append(s)
    scored: list[tuple[int, float, datetime | None]] = []
    for person, mine in counting.items():
        points = round(score(metric, [s.logged for s in mine], window), SCORE_DIGITS)
        reached = None if team or points < goal else _reached_at(metric, mine, window, goal)
        scored.append((person, points, reached))
    return Board(
        metric=metric,
        goal=goal,
        team=team,
        standings=_ranked(scored),
        excluded_members=sum(1 for m in members if m.excluded),
        excluded_sets=len(excluded_sets),
    )


def progress_bar(value: float, goal: float, width: int = 10) -> str:
    """``███████░░░`` for value/goal, full at or over the goal."""
    filled = width if goal <= 0 else min(width, int(width * max(value, 0.0) / goal))
    return "█" * filled + "░" * (width - filled)


class Post(StrEnum):
    """The announcements of a challenge: at its start, each further week, and at its end."""

    START = "start"
    WEEK = "week"
    END = "end"


def due_posts(
    window: Window, now: datetime, sent: Collection[tuple[str, int]]
) -> list[tuple[Post, int]]:
    """The posts to send now, oldest first, leaving out those already ``sent``.

    Only the latest weekly post is ever due: after downtime the bot catches up with one
    post, not a burst of stale ones; once the challenge is over only the end is due.
    """
    if now < window.start:
        return []
    if now >= window.end:
        due = [(Post.END, 0)]
    else:
        week = window.week_of(now)
        due = [(Post.START, 0)] + ([(Post.WEEK, week)] if week > 0 else [])
    return [(post, week) for post, week in due if (post.value, week) not in sent]


def next_post_at(window: Window, now: datetime) -> datetime:
    """When the next post falls due after ``now``: the start, a week boundary or the end."""
    if now < window.start:
        return window.start
    boundary = datetime.combine(
        window.first_day + timedelta(days=WEEK_DAYS * (window.week_of(now) + 1)), time(), window.tz
    )
    return min(boundary, window.end)
