"""The balance model's metrics M1-M13 (balance-model.md), as pure functions over sets.

``compute_metrics`` gathers them into one ``Metrics`` for a person at ``as_of``.

Boundaries, where the spec leaves room:

- The window is the trailing 7 days ``(as_of - 7 d, as_of]``: a set logged exactly at
  ``as_of`` counts, one logged exactly 7 days earlier does not, so back-to-back windows
  never count a set twice. Sets and check-ins after ``as_of`` are ignored.
- Calendar days (leg days, days since legs, sessions, nightly sleep) are local days in the
  person's time zone. A leg day is counted from the sets inside the window only, so a day
  cut by the window's start counts only its sets after the cut.
- ``lu`` (M3) is None when there are no upper sets: "legs only" is then reported by
  ``LEGS_ONLY`` from the set counts, not by an infinite ratio.
- Longer looks back: squat:bench over 8 weeks ``(as_of - 56 d, as_of]``; weekly bests for
  the current and the previous 11 calendar weeks (enough for plateau detection); RPE creep
  over 21 days; an e1RM drop compares this window with the 28 days before it.
- e1RM-based metrics skip bodyweight sets: the logged load is only the added part.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import TypeVar
from zoneinfo import ZoneInfo

from coach.exercise import Exercise
from coach.strength import e1rm
from coach.training import CheckIn, TrainingSet
from coach.vocabulary import Muscle, Pattern, Region

WINDOW = timedelta(days=7)
SQUAT_BENCH_WINDOW = timedelta(weeks=8)
CREEP_WINDOW = timedelta(days=21)
DROP_LOOKBACK = timedelta(weeks=4)
WEEKS_OF_BESTS = 12
"""Calendar weeks of M11 kept: this one plus 11 before (3-week plateau + 8-week baseline)."""

HARD_RPE = 6.0
LEG_DAY_SETS = 3
MIN_SECONDARY = 0.5
CREEP_LOAD_TOLERANCE = 0.025
CREEP_REPS_TOLERANCE = 1
CREEP_RPE_RISE = 1.0
SHORT_NIGHT_HOURS = 7.0
LOW_ENERGY = 2
HIGH_SORENESS = 3
LEGS_DUE_AFTER_DAYS = 3
"""Legs trained twice a week come round every 3-4 days, so they are due after 3 days."""
TOO_SOON_RPE = 9.0
TOO_SOON_GAP = timedelta(hours=48)

SQUAT_KEY = "back_squat"
BENCH_KEY = "bench_press"
MAIN_LIFTS = frozenset({"back_squat", "bench_press", "deadlift", "overhead_press"})
"""The lifts whose e1RM drop counts towards overreaching."""

PUSH_PATTERNS = frozenset({Pattern.HORIZONTAL_PUSH, Pattern.VERTICAL_PUSH})
PULL_PATTERNS = frozenset({Pattern.HORIZONTAL_PULL, Pattern.VERTICAL_PULL})
POSTERIOR_PATTERNS = frozenset({Pattern.HINGE, Pattern.KNEE_FLEXION})
ANTERIOR_PATTERNS = frozenset({Pattern.SQUAT, Pattern.LUNGE, Pattern.KNEE_EXTENSION})


class MuscleGroup(StrEnum):
    """The muscles MUSCLE_LOW watches; back and shoulders are several muscles together."""

    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    CHEST = "chest"
    BACK = "back"
    SHOULDERS = "shoulders"


GROUP_MUSCLES: Mapping[MuscleGroup, frozenset[Muscle]] = {
    MuscleGroup.QUADS: frozenset({Muscle.QUADS}),
    MuscleGroup.HAMSTRINGS: frozenset({Muscle.HAMSTRINGS}),
    MuscleGroup.GLUTES: frozenset({Muscle.GLUTES}),
    MuscleGroup.CHEST: frozenset({Muscle.CHEST}),
    MuscleGroup.BACK: frozenset({Muscle.LATS, Muscle.UPPER_BACK}),
    MuscleGroup.SHOULDERS: frozenset({Muscle.FRONT_DELTS, Muscle.SIDE_DELTS, Muscle.REAR_DELTS}),
}


# -- records the metrics produce ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekBest:
    """M11: the best e1RM of one lift in the calendar week starting on ``week`` (Monday)."""

    week: date
    e1rm_kg: float


@dataclass(frozen=True, slots=True)
class RpeCreep:
    """M12: the same work felt >= 1 RPE harder on a later day within 21 days."""

    lift: str
    name: str
    earlier_at: datetime
    later_at: datetime
    weight_kg: float
    reps: int
    rpe_before: float
    rpe_after: float


@dataclass(frozen=True, slots=True)
class E1rmChange:
    """A main lift's best e1RM in the window against the 4 weeks before it."""

    lift: str
    name: str
    current_kg: float
    previous_kg: float

    @property
    def ratio(self) -> float:
        return self.current_kg / self.previous_kg


@dataclass(frozen=True, slots=True)
class TooSoon:
    """A primary muscle trained at RPE >= 9 on two days < 48 h apart while sore."""

    muscle: Muscle
    earlier_at: datetime
    later_at: datetime
    soreness: int

    @property
    def hours_apart(self) -> float:
        return (self.later_at - self.earlier_at).total_seconds() / 3600


@dataclass(frozen=True, slots=True)
class SleepSummary:
    """M13 over the window's check-ins, one night per local day (the day's latest answer)."""

    nights: int
    mean_hours: float | None
    short_nights: int


@dataclass(frozen=True, slots=True)
class Metrics:
    """Everything the findings read, for one person at ``as_of``."""

    as_of: datetime
    window_start: datetime
    lower_sets: int
    upper_sets: int
    core_sets: int
    unclassified_sets: int
    unclassified_names: tuple[tuple[str, int], ...]
    lu: float | None
    leg_days: int
    days_since_legs: int | None
    push_sets: int
    pull_sets: int
    push_pull: float | None
    squat_pattern_sets: int
    posterior_sets: int
    anterior_sets: int
    posterior_ratio: float | None
    muscle_sets: Mapping[Muscle, float]
    group_sets: Mapping[MuscleGroup, float]
    squat_e1rm: float | None
    bench_e1rm: float | None
    squat_bench: float | None
    weekly_best: Mapping[str, tuple[WeekBest, ...]]
    lift_names: Mapping[str, str]
    current_week: date
    rpe_creep: tuple[RpeCreep, ...]
    main_lift_changes: tuple[E1rmChange, ...]
    sleep: SleepSummary
    low_energy_days: int
    sore_days_legs_due: int
    too_soon: tuple[TooSoon, ...]

    @property
    def classified_sets(self) -> int:
        """Hard sets the model could place (M2): the total every ratio is built from."""
        return self.lower_sets + self.upper_sets + self.core_sets


# -- M1-M13 ----------------------------------------------------------------------------


def is_hard(s: TrainingSet) -> bool:
    """M1: not a warm-up, and no RPE or RPE >= 6 (0-4 reps in reserve)."""
    return not s.warmup and (s.rpe is None or s.rpe >= HARD_RPE)


def local_day(at: datetime, tz: ZoneInfo) -> date:
    """The person's calendar day of an instant."""
    return at.astimezone(tz).date()


PerExercise = Sequence[tuple[Exercise, int]]


def _per_exercise(hard: Iterable[TrainingSet]) -> PerExercise:
    """Classified sets counted per exercise object.

    Sets of one exercise share its object (the catalog's), so counting them by identity
    is cheap; hashing an exercise, or the muscles of every set again, is not.
    """
    classified = [s.exercise for s in hard if s.exercise is not None]
    exercises = {id(exercise): exercise for exercise in classified}
    return [(exercises[key], count) for key, count in Counter(map(id, classified)).items()]


def region_sets(hard: Iterable[TrainingSet]) -> dict[Region, int]:
    """M2: classified hard sets per region, each set once, in its exercise's region."""
    counts = dict.fromkeys(Region, 0)
    for s in hard:
        if s.exercise is not None:
            counts[s.exercise.region] += 1
    return counts


def ratio(numerator: float, denominator: float) -> float | None:
    """A ratio that is None, not infinite, when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def lower_upper_ratio(lower: int, upper: int) -> float | None:
    """M3: LU = lower / upper; None without upper sets (see the module notes)."""
    return ratio(lower, upper)


def muscle_sets(hard: Iterable[TrainingSet]) -> dict[Muscle, float]:
    """M4: 1.0 per set for each primary muscle, 0.5 for each secondary."""
    return _muscle_totals(_per_exercise(hard))


def _muscle_totals(per_exercise: PerExercise) -> dict[Muscle, float]:
    totals = dict.fromkeys(Muscle, 0.0)
    for exercise, count in per_exercise:
        for muscle in exercise.primary:
            totals[muscle] += count
        for muscle in exercise.secondary:
            totals[muscle] += MIN_SECONDARY * count
    return totals


def group_sets(hard: Iterable[TrainingSet]) -> dict[MuscleGroup, float]:
    """Fractional sets per MUSCLE_LOW group, counting each set once per group.

    A row lists lats and upper back as primary; counting it twice for "back" would make
    one set look like two, so a set gives a group 1.0 when one of its primary muscles is
    in the group, else 0.5 when a secondary is.
    """
    return _group_totals(_per_exercise(hard))


def _group_totals(per_exercise: PerExercise) -> dict[MuscleGroup, float]:
    totals = dict.fromkeys(MuscleGroup, 0.0)
    for exercise, count in per_exercise:
        primary, secondary = set(exercise.primary), set(exercise.secondary)
        for group, muscles in GROUP_MUSCLES.items():
            if primary & muscles:
                totals[group] += count
            elif secondary & muscles:
                totals[group] += MIN_SECONDARY * count
    return totals


def _is_lower(s: TrainingSet) -> bool:
    return s.exercise is not None and s.exercise.region is Region.LOWER


def leg_days(hard: Iterable[TrainingSet], tz: ZoneInfo) -> tuple[date, ...]:
    """M5: local calendar days with >= 3 lower hard sets, oldest first."""
    per_day = Counter(local_day(s.at, tz) for s in hard if _is_lower(s))
    return tuple(sorted(day for day, count in per_day.items() if count >= LEG_DAY_SETS))


def days_since(last: datetime | None, as_of: datetime, tz: ZoneInfo) -> int | None:
    """M6: whole local calendar days from ``last`` to ``as_of`` (0 = today), None if never."""
    if last is None:
        return None
    return (local_day(as_of, tz) - local_day(last, tz)).days


def pattern_sets(hard: Iterable[TrainingSet]) -> Counter[Pattern]:
    return Counter(s.exercise.pattern for s in hard if s.exercise is not None)


def posterior_ratio(patterns: Mapping[Pattern, int]) -> float | None:
    """M7: (hinge + knee flexion) / (squat + lunge + knee extension)."""
    return ratio(_sum(patterns, POSTERIOR_PATTERNS), _sum(patterns, ANTERIOR_PATTERNS))


def push_pull_ratio(patterns: Mapping[Pattern, int]) -> float | None:
    """M8: (horizontal + vertical push) / (horizontal + vertical pull); hinges excluded."""
    return ratio(_sum(patterns, PUSH_PATTERNS), _sum(patterns, PULL_PATTERNS))


def _sum(patterns: Mapping[Pattern, int], which: frozenset[Pattern]) -> int:
    return sum(patterns.get(p, 0) for p in which)


@dataclass(frozen=True, slots=True)
class Estimate:
    """A hard, loaded set with its e1RM (M9), computed once and shared by M10-M12."""

    logged: TrainingSet
    lift: str
    name: str
    day: date
    e1rm_kg: float


def estimates(hard: Iterable[TrainingSet], tz: ZoneInfo) -> list[Estimate]:
    """M9 for every classified, non-bodyweight hard set that yields an e1RM."""
    found = []
    for s in hard:
        if s.exercise is None or s.bodyweight:
            continue
        value = e1rm(s.weight_kg, s.reps, s.rpe)
        if value is not None:
            day = local_day(s.at, tz)
            found.append(Estimate(s, s.exercise.key, s.exercise.name, day, value))
    return found


def best_e1rm(found: Iterable[Estimate], lift: str, since: datetime) -> float | None:
    """The best e1RM of ``lift`` among estimates after ``since``."""
    return max((x.e1rm_kg for x in found if x.lift == lift and x.logged.at > since), default=None)


def week_start(day: date) -> date:
    """The Monday of ``day``'s calendar week (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def weekly_best(found: Iterable[Estimate]) -> dict[str, tuple[WeekBest, ...]]:
    """M11: the best e1RM per lift per calendar week, oldest week first."""
    best: dict[str, dict[date, float]] = defaultdict(dict)
    for x in found:
        weeks = best[x.lift]
        week = week_start(x.day)
        weeks[week] = max(weeks.get(week, 0.0), x.e1rm_kg)
    return {
        lift: tuple(WeekBest(week, value) for week, value in sorted(weeks.items()))
        for lift, weeks in best.items()
    }


def rpe_creep(hard: Iterable[TrainingSet], tz: ZoneInfo) -> tuple[RpeCreep, ...]:
    """M12: per lift, the latest case of the same work rated >= 1 RPE higher on a later day.

    Sets are compared across days only (RPE climbs within a session by design), and each
    day's sets are reduced to the lowest RPE per load and rep count first, so repeating an
    identical session never reads as creep. Comparisons go through buckets of earlier
    loads, sorted, per rep count and RPE, so a lift costs about n log n, not n squared.
    """
    days: dict[str, dict[date, dict[tuple[float, int], tuple[float, TrainingSet]]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    names: dict[str, str] = {}
    for s in hard:
        if s.exercise is None or s.rpe is None or s.reps is None or s.weight_kg is None:
            continue
        names[s.exercise.key] = s.exercise.name
        work = days[s.exercise.key][local_day(s.at, tz)]
        key = (s.weight_kg, s.reps)
        if key not in work or s.rpe < work[key][0]:
            work[key] = (s.rpe, s)
    found = []
    for lift, by_day in days.items():
        latest: RpeCreep | None = None
        # earlier[reps][rpe]: the loads of the days already seen, sorted.
        earlier: dict[int, dict[float, _Loads]] = defaultdict(dict)
        for day in sorted(by_day):
            work = by_day[day]
            for (load, reps), (rpe, s) in work.items():
                match = _earlier_easier(earlier, load, reps, rpe)
                if match is not None:
                    latest = RpeCreep(
                        lift=lift,
                        name=names[lift],
                        earlier_at=match[1].at,
                        later_at=s.at,
                        weight_kg=load,
                        reps=reps,
                        rpe_before=match[0],
                        rpe_after=rpe,
                    )
            for (load, reps), (rpe, s) in work.items():
                earlier[reps].setdefault(rpe, _Loads()).add(load, s)
        if latest is not None:
            found.append(latest)
    return tuple(sorted(found, key=lambda c: c.lift))


class _Loads:
    """Loads kept sorted beside the sets that lifted them, for range look-ups by bisection."""

    __slots__ = ("loads", "sets")

    def __init__(self) -> None:
        self.loads: list[float] = []
        self.sets: list[TrainingSet] = []

    def add(self, load: float, s: TrainingSet) -> None:
        at = bisect.bisect_right(self.loads, load)
        self.loads.insert(at, load)
        self.sets.insert(at, s)

    def first_between(self, low: float, high: float) -> TrainingSet | None:
        at = bisect.bisect_left(self.loads, low)
        return self.sets[at] if at < len(self.loads) and self.loads[at] <= high else None


def _earlier_easier(
    earlier: Mapping[int, Mapping[float, _Loads]], load: float, reps: int, rpe: float
) -> tuple[float, TrainingSet] | None:
    """An earlier set within 2.5 % load and 1 rep rated >= 1 RPE lower (the lowest wins)."""
    # |load - e| <= 2.5 % of e solves to e between load/1.025 and load/0.975, for either
    # sign of load (assisted sets are negative); the slack absorbs float rounding.
    low, high = sorted((load / (1 + CREEP_LOAD_TOLERANCE), load / (1 - CREEP_LOAD_TOLERANCE)))
    slack = 1e-9 * max(1.0, abs(load))
    best: tuple[float, TrainingSet] | None = None
    for r in range(reps - CREEP_REPS_TOLERANCE, reps + CREEP_REPS_TOLERANCE + 1):
        for earlier_rpe, loads in earlier.get(r, {}).items():
            if rpe - earlier_rpe < CREEP_RPE_RISE:
                continue
            if best is not None and earlier_rpe >= best[0]:
                continue
            match = loads.first_between(low - slack, high + slack)
            if match is not None:
                best = (earlier_rpe, match)
    return best


def main_lift_changes(
    found: Sequence[Estimate], window_start: datetime, lookback_start: datetime
) -> tuple[E1rmChange, ...]:
    """Each main lift's best e1RM in the window against its best in the 4 weeks before."""
    current: dict[str, float] = {}
    previous: dict[str, float] = {}
    names: dict[str, str] = {}
    for x in found:
        if x.lift not in MAIN_LIFTS or x.logged.at <= lookback_start:
            continue
        bucket = current if x.logged.at > window_start else previous
        bucket[x.lift] = max(bucket.get(x.lift, 0.0), x.e1rm_kg)
        names[x.lift] = x.name
    return tuple(
        E1rmChange(lift, names[lift], current[lift], previous[lift])
        for lift in sorted(current.keys() & previous.keys())
    )


_T = TypeVar("_T")


def daily_answers(
    checkins: Iterable[CheckIn], tz: ZoneInfo, answer: Callable[[CheckIn], _T | None]
) -> dict[date, _T]:
    """One answer per local day: the latest check-in of that day that gave one.

    Three check-ins on one tired morning are one low-energy day, not three.
    """
    by_day: dict[date, _T] = {}
    for c in sorted(checkins, key=lambda c: c.at):
        value = answer(c)
        if value is not None:
            by_day[local_day(c.at, tz)] = value
    return by_day


def sleep_summary(checkins: Iterable[CheckIn], tz: ZoneInfo) -> SleepSummary:
    """M13: mean sleep and nights under 7 h, one night per local day."""
    nights = list(daily_answers(checkins, tz, lambda c: c.sleep_hours).values())
    return SleepSummary(
        nights=len(nights),
        mean_hours=sum(nights) / len(nights) if nights else None,
        short_nights=sum(1 for hours in nights if hours < SHORT_NIGHT_HOURS),
    )


def sore_days_legs_due(soreness: Mapping[date, int], lower_days: Sequence[date]) -> int:
    """Days with soreness >= 3 when legs were due: no lower set in the 2 days before.

    ``lower_days`` are the sorted local days with a lower hard set; without any before
    the day, legs are due.
    """
    count = 0
    for day, sore in soreness.items():
        if sore < HIGH_SORENESS:
            continue
        before = bisect.bisect_left(lower_days, day)
        last = lower_days[before - 1] if before else None
        if last is None or (day - last).days >= LEGS_DUE_AFTER_DAYS:
            count += 1
    return count


def too_soon(
    hard: Iterable[TrainingSet], soreness: Mapping[date, int], tz: ZoneInfo
) -> tuple[TooSoon, ...]:
    """A primary muscle trained at RPE >= 9 on two local days < 48 h apart while sore.

    "While sore" means a check-in with soreness >= 3 on either day or between them. Only
    neighbouring training days need checking: if the first and third are < 48 h apart,
    so are both pairs of neighbours, and the sore day falls between one of those pairs.
    """
    sessions: dict[Muscle, dict[date, tuple[datetime, datetime]]] = defaultdict(dict)
    for s in hard:
        if s.exercise is None or s.rpe is None or s.rpe < TOO_SOON_RPE:
            continue
        day = local_day(s.at, tz)
        for muscle in s.exercise.primary:
            first, last = sessions[muscle].get(day, (s.at, s.at))
            sessions[muscle][day] = (min(first, s.at), max(last, s.at))
    sore_days = sorted(day for day, value in soreness.items() if value >= HIGH_SORENESS)
    found = []
    for muscle, by_day in sessions.items():
        days = sorted(by_day)
        latest: TooSoon | None = None
        for earlier, later in pairwise(days):
            gap_start, gap_end = by_day[earlier][1], by_day[later][0]
            if gap_end - gap_start >= TOO_SOON_GAP:
                continue
            at = bisect.bisect_left(sore_days, earlier)
            if at < len(sore_days) and sore_days[at] <= later:
                latest = TooSoon(muscle, gap_start, gap_end, soreness[sore_days[at]])
        if latest is not None:
            found.append(latest)
    return tuple(sorted(found, key=lambda t: list(Muscle).index(t.muscle)))


# -- all together ----------------------------------------------------------------------


def compute_metrics(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    tz: ZoneInfo,
    as_of: datetime,
) -> Metrics:
    """M1-M13 for one person at ``as_of`` (aware), in their time zone ``tz``.

    One pass sorts sets into the windows each metric needs, so two years of logs cost
    little more than the last twelve weeks.
    """
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ValueError("as_of needs a time zone offset")
    # Every bound is in UTC: aware datetimes sharing a tzinfo compare without a call to
    # utcoffset() each time, and stored sets are UTC. That is most of the cost of 15,000 sets.
    now = as_of.astimezone(UTC)
    window_start = now - WINDOW
    current_week = week_start(local_day(as_of, tz))
    bests_start = datetime.combine(
        current_week - timedelta(weeks=WEEKS_OF_BESTS - 1), datetime.min.time(), tz
    ).astimezone(UTC)
    history_start = min(bests_start, now - SQUAT_BENCH_WINDOW, window_start - DROP_LOOKBACK)

    window: list[TrainingSet] = []
    recent: list[TrainingSet] = []
    unclassified: Counter[str] = Counter()
    shown_as: dict[str, str] = {}
    last_lower: datetime | None = None
    for s in sets:
        at = s.at
        if at > now:
            continue
        if at <= history_start:
            # Older sets only matter for "days since legs": cheapest test first.
            if (last_lower is None or at > last_lower) and _is_lower(s) and is_hard(s):
                last_lower = at
            continue
        if not is_hard(s):
            continue
        recent.append(s)
        if _is_lower(s) and (last_lower is None or at > last_lower):
            last_lower = at
        if at <= window_start:
            continue
        if s.exercise is not None:
            window.append(s)
        else:
            name = " ".join(s.typed_name.split()) or "unnamed exercise"
            unclassified[name.casefold()] += 1
            shown_as.setdefault(name.casefold(), name)

    regions = region_sets(window)
    patterns = pattern_sets(window)
    per_exercise = _per_exercise(window)
    found = estimates(recent, tz)
    since_8w = now - SQUAT_BENCH_WINDOW
    squat, bench = best_e1rm(found, SQUAT_KEY, since_8w), best_e1rm(found, BENCH_KEY, since_8w)

    checkins_now = [c for c in checkins if window_start < c.at <= now]
    soreness = daily_answers(checkins_now, tz, lambda c: c.soreness)
    energy = daily_answers(checkins_now, tz, lambda c: c.energy)
    # Only a sore day asks whether legs were due.
    lower_days = sorted({local_day(s.at, tz) for s in recent if _is_lower(s)}) if soreness else []
    return Metrics(
        as_of=as_of,
        window_start=window_start,
        lower_sets=regions[Region.LOWER],
        upper_sets=regions[Region.UPPER],
        core_sets=regions[Region.CORE],
        unclassified_sets=sum(unclassified.values()),
        unclassified_names=tuple(
            (shown_as[key], count)
            for key, count in sorted(unclassified.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        lu=lower_upper_ratio(regions[Region.LOWER], regions[Region.UPPER]),
        leg_days=len(leg_days(window, tz)),
        days_since_legs=days_since(last_lower, as_of, tz),
        push_sets=_sum(patterns, PUSH_PATTERNS),
        pull_sets=_sum(patterns, PULL_PATTERNS),
        push_pull=push_pull_ratio(patterns),
        squat_pattern_sets=patterns.get(Pattern.SQUAT, 0),
        posterior_sets=_sum(patterns, POSTERIOR_PATTERNS),
        anterior_sets=_sum(patterns, ANTERIOR_PATTERNS),
        posterior_ratio=posterior_ratio(patterns),
        muscle_sets=_muscle_totals(per_exercise),
        group_sets=_group_totals(per_exercise),
        squat_e1rm=squat,
        bench_e1rm=bench,
        squat_bench=ratio(squat, bench) if squat is not None and bench is not None else None,
        weekly_best=weekly_best(x for x in found if x.logged.at > bests_start),
        lift_names={x.lift: x.name for x in found},
        current_week=current_week,
        rpe_creep=rpe_creep((s for s in recent if s.at > now - CREEP_WINDOW), tz),
        main_lift_changes=main_lift_changes(found, window_start, window_start - DROP_LOOKBACK),
        sleep=sleep_summary(checkins_now, tz),
        low_energy_days=sum(1 for value in energy.values() if value <= LOW_ENERGY),
        sore_days_legs_due=sore_days_legs_due(soreness, lower_days),
        too_soon=too_soon(window, soreness, tz),
    )
