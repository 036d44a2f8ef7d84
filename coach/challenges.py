"""Shared challenges: the window, each metric's score, and the ranked board.

Pure: no clock, database or Discord. The caller passes the window, the counting members
and tallies of their counting sets per local day: deciding which sets count is the
store's part (``storage.challenge_tallies``, in SQL, so a board never loads its sets one
by one), with the limits defined here.

Rules, where the issue leaves room:

- The window runs from local midnight of the start date to local midnight after the end
  date, in the server's time zone when the challenge was created; ending a challenge
  early closes it at that instant. A set counts when it was performed inside the window,
  at or after its member joined (joining late does not bring earlier sets along, so
  nobody can join and back-date a week of training), and was logged before the window
  closed and at most 3 days after it was performed (back-dating). Sets over the
  notation's plausibility limits, sets a moderator excluded and excluded members never
  count. Only hard sets (M1) count anywhere, inferred warm-ups left out, and sets belong
  to their session (M0) and its day, the local day of the session's first set: a session
  across midnight is one session on its first day, and one that began before the window
  adds its sets to the totals but is no leg day of the challenge (docs/coach.md,
  "Challenges").
- Lower and upper sets are M2's: an Olympic (``full``) set counts half lower and half
  upper, its volume half in ``lower_volume``. ``leg_sets`` counts lower sets so;
  ``leg_days`` and ``streak`` count leg days (M5: a session with 3+ hard squat, lunge,
  hinge, knee or Olympic sets; calf raises and hip ab/adduction alone never make one);
  ``balance_weeks`` needs M2's lower:upper between 0.5 and 1.5 and 2 leg days.
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
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from coach.exercise import Exercise
from coach.metrics import (
    LEG_DAY_PATTERNS,
    SQUAT_KEY,
    local_day,
    lower_upper_ratio,
    makes_leg_day,
)
from coach.vocabulary import Region

BACKDATE_LIMIT = timedelta(days=3)
MAX_DAYS = 26 * 7
LISTED_FOR = timedelta(days=30)
"""Ended challenges stay in /challenge list, and among the names offered, this long."""
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

_WEEKS_OF_LEG_DAYS = (LEG_DAYS_A_WEEK, "it counts weeks with 2 leg days, and a day is one at most")
SHORTEST: Mapping[Metric, tuple[int, str]] = {
    Metric.STREAK: _WEEKS_OF_LEG_DAYS,
    Metric.BALANCE_WEEKS: _WEEKS_OF_LEG_DAYS,
    Metric.SQUAT_GAIN: (2, "it compares a later day's best squat with the first day's"),
}
"""Metrics a shorter window could never score, with the fewest days they need and why;
any other metric can score in a one-day challenge."""

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
        return self.week_of_day(local_day(at, self.tz))

    def week_of_day(self, day: date) -> int:
        return (day - self.first_day).days // WEEK_DAYS

    @property
    def weeks(self) -> int:
        days = (local_day(self.end - timedelta(microseconds=1), self.tz) - self.first_day).days
        return days // WEEK_DAYS + 1


class Tally(NamedTuple):
    """What some of a member's counting sets of one session add up to.

    ``day`` is the session's local day (of its first set), ``session`` when it began.
    The store may split a session into several tallies (by logging call, or by reps and
    RPE for the squat); scoring adds them up. ``lower_sets`` and ``upper_sets`` are M2's
    (an Olympic set is half of each), ``leg_sets`` the hard sets of M5's leg-day
    patterns, ``squat_e1rm`` the best back-squat e1RM (M9) among them, None without one.
    A tuple: a board reads tens of thousands.
    """

    person_id: int
    day: date
    lower_sets: float = 0.0
    upper_sets: float = 0.0
    lower_volume: float = 0.0
    squat_e1rm: float | None = None
    leg_sets: int = 0
    session: datetime | None = None


Logged = tuple[datetime, Tally]
"""A tally of the sets of one logging call, with the time they were logged."""


def could_count(metric: Metric, exercise: Exercise) -> bool:
    """Whether sets of this exercise can ever score in ``metric``; lets a store skip the rest."""
    if metric is Metric.SQUAT_GAIN:
        return exercise.key == SQUAT_KEY
    if metric in (Metric.LEG_DAYS, Metric.STREAK):
        return is_leg_work(exercise)
    if metric is Metric.BALANCE_WEEKS:
        return exercise.region in {Region.LOWER, Region.UPPER, Region.FULL}
    return exercise.region in {Region.LOWER, Region.FULL}


def is_leg_work(exercise: Exercise) -> bool:
    """A set of this exercise counts towards a leg day (M5)."""
    return exercise.pattern in LEG_DAY_PATTERNS


@cache
def utc_offsets(window: Window) -> tuple[tuple[datetime, timedelta], ...]:
    """The zone's UTC offsets over the window as ``(until, offset)`` runs, in time order.

    An instant before ``until`` (and not before the previous run's) is ``offset`` ahead on
    the local clock, so its local day is the UTC date of ``at + offset``: how a database
    without time zone data finds local days. The last run ends at the window's end.
    Hourly probes find every change, as no zone changes its offset twice within an hour;
    bisection then finds the second it happens (zones change on whole seconds).
    """
    runs: list[tuple[datetime, timedelta]] = []

    def offset(at: datetime) -> timedelta:
        found = at.astimezone(window.tz).utcoffset()
        if found is None:
            raise ValueError(f"{window.tz} gives no UTC offset")
        return found

    at, current = window.start.astimezone(UTC), offset(window.start)
    while at < window.end:
        probe = min(at + timedelta(hours=1), window.end)
        if offset(probe) != current:
            low, high = at, probe  # the offset changes in (low, high]
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) // 2
                low, high = (middle, high) if offset(middle) == current else (low, middle)
            runs.append((high, current))
            current = offset(high)
        at = probe
    runs.append((window.end, current))
    return tuple(runs)


@dataclass(slots=True)
class _Day:
    lower_sets: float = 0.0
    upper_sets: float = 0.0
    squat_e1rm: float | None = None
    leg_day: bool = False


def _days(tallies: Iterable[Tally]) -> dict[date, _Day]:
    days: dict[date, _Day] = {}
    leg_sets: dict[tuple[date, datetime | None], int] = defaultdict(int)
    for t in tallies:
        day = days.get(t.day)
        if day is None:
            day = days[t.day] = _Day()
        day.lower_sets += t.lower_sets
        day.upper_sets += t.upper_sets
        if t.squat_e1rm is not None and (day.squat_e1rm is None or t.squat_e1rm > day.squat_e1rm):
            day.squat_e1rm = t.squat_e1rm
        leg_sets[t.day, t.session] += t.leg_sets
    # M5 per session: two short leg sessions on one day make no leg day.
    for (on, _), sets in leg_sets.items():
        days[on].leg_day = days[on].leg_day or makes_leg_day(sets)
    return days


def _balanced(week: Sequence[_Day]) -> bool:
    lu = lower_upper_ratio(sum(d.lower_sets for d in week), sum(d.upper_sets for d in week))
    low, high = BALANCED_LU
    leg_days = sum(1 for d in week if d.leg_day)
    return lu is not None and low <= lu <= high and leg_days >= LEG_DAYS_A_WEEK


def _longest_run(weeks: Iterable[int]) -> int:
    best = run = 0
    previous: int | None = None
    for week in sorted(weeks):
        run = run + 1 if previous is not None and week == previous + 1 else 1
        best, previous = max(best, run), week
    return best


def _squat_gain(days: Mapping[date, _Day]) -> float:
    bests = {day: d.squat_e1rm for day, d in days.items() if d.squat_e1rm is not None}
    if len(bests) < 2:
        return 0.0
    first = min(bests)
    later = max(value for day, value in bests.items() if day != first)
    return max(0.0, (later / bests[first] - 1) * 100)


def score(metric: Metric, tallies: Sequence[Tally], window: Window) -> float:
    """One member's score from the tallies of their counting sets."""
    if metric is Metric.LEG_SETS:
        return float(sum(t.lower_sets for t in tallies))
    if metric is Metric.LOWER_VOLUME:
        return float(sum(t.lower_volume for t in tallies))
    days = _days(tallies)
    if metric is Metric.SQUAT_GAIN:
        return _squat_gain(days)
    # A session that began before the window is on no day of it (M0).
    inside = {day: figures for day, figures in days.items() if day >= window.first_day}
    if metric is Metric.LEG_DAYS:
        return float(sum(1 for d in inside.values() if d.leg_day))
    weeks: dict[int, list[_Day]] = defaultdict(list)
    for day, figures in inside.items():
        weeks[window.week_of_day(day)].append(figures)
    if metric is Metric.BALANCE_WEEKS:
        return float(sum(1 for week in weeks.values() if _balanced(week)))
    two_leg_days = (
        w for w, week in weeks.items() if sum(1 for d in week if d.leg_day) >= LEG_DAYS_A_WEEK
    )
    return float(_longest_run(two_leg_days))


def scores(
    metric: Metric, window: Window, people: Iterable[int], tallies: Iterable[Tally]
) -> dict[int, float]:
    """The scores of these members, rounded; tallies of anyone else are ignored."""
    mine: dict[int, list[Tally]] = {person: [] for person in people}
    for t in tallies:
        found = mine.get(t.person_id)
        if found is not None:
            found.append(t)
    return {
        person: round(score(metric, found, window), SCORE_DIGITS) for person, found in mine.items()
    }


def at_goal(points: Mapping[int, float], goal: float, team: bool) -> list[int]:
    """The members whose standing needs the instant they reached the goal."""
    return [] if team else [person for person, score in points.items() if score >= goal]


def _reached_at(
    metric: Metric, mine: Sequence[Logged], window: Window, goal: float
) -> datetime | None:
    """When the member's score first reached ``goal``, by the logging time of their sets."""
    ordered = sorted(mine, key=lambda logged: logged[0])
    # Candidate cuts: after the last tally of each logging call (sets logged together
    # count together, so a batch never half-reaches the goal).
    last = len(ordered) - 1
    cuts = [i + 1 for i, (at, _) in enumerate(ordered) if i == last or ordered[i + 1][0] != at]

    def reached(cut_index: int) -> bool:
        prefix = [t for _, t in ordered[: cuts[cut_index]]]
        return round(score(metric, prefix, window), SCORE_DIGITS) >= goal

    if metric in MONOTONE:
        found = bisect.bisect_left(range(len(cuts)), True, key=reached)
    else:
        found = next((i for i in range(len(cuts)) if reached(i)), len(cuts))
    return ordered[cuts[found] - 1][0] if found < len(cuts) else None


def reached_at(
    metric: Metric, window: Window, goal: float, logged: Iterable[Logged]
) -> dict[int, datetime | None]:
    """When each member with tallies in ``logged`` (by logging call) reached ``goal``."""
    calls: dict[int, list[Logged]] = defaultdict(list)
    for call in logged:
        calls[call[1].person_id].append(call)
    return {person: _reached_at(metric, mine, window, goal) for person, mine in calls.items()}


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


Scored = tuple[float, datetime | None]
"""A member's score and when they reached the goal (None: not reached, or a team)."""


def rank(
    metric: Metric,
    goal: float,
    team: bool,
    scored: Mapping[int, Scored],
    excluded_members: int = 0,
    excluded_sets: int = 0,
) -> Board:
    """The board of these members: competition ranking (1, 1, 3), goal reached first,
    then earlier, then higher score."""

    def order(item: tuple[int, Scored]) -> tuple[bool, float, float, int]:
        person_id, (points, reached) = item
        stamp = reached.timestamp() if reached is not None else 0.0
        return (reached is None, stamp, -points, person_id)

    standings: list[Standing] = []
    previous: tuple[bool, float, float] | None = None
    for position, item in enumerate(sorted(scored.items(), key=order), start=1):
        tied = order(item)[:3]  # everything but the person: equal means a shared rank
        place = standings[-1].rank if tied == previous else position
        person_id, (points, reached) = item
        standings.append(Standing(person_id, points, place, reached))
        previous = tied
    return Board(
        metric=metric,
        goal=goal,
        team=team,
        standings=tuple(standings),
        excluded_members=excluded_members,
        excluded_sets=excluded_sets,
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
