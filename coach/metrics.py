"""The balance model's metrics M0-M13 (balance-model.md), as pure functions over sets.

``compute_metrics`` gathers them into one ``Metrics`` for a person at ``as_of``.

Boundaries, where the spec leaves room:

- Sessions (M0) are built from every set the person logged, warm-ups included, in time
  order; sets logged together share a time, so their input order breaks ties (storage
  returns them in the order they were logged).
- Inferred warm-ups (M1): worked example 13 (20x10, 60x5, 80x3 before 100x5 x 3: 3 hard
  sets) counts 60x5 (exactly 60 %) and 80x3 (80 %) as warm-ups, which "under 60 %" alone
  would not. So a set before the session's heaviest set of that exercise, without RPE >= 6,
  is a warm-up when it is at most 60 % of that load, or lighter *and* fewer reps than the
  heaviest set (a ramp set: easier on both counts). Ascending work sets of the same reps
  (80x5, 90x5, 100x5) and pyramids (80x10 before 100x8) stay hard.
- Cardio is counted in no set metric: it only gives ``cardio_sessions`` (sessions holding
  a cardio log), which soften the leg advice for endurance athletes.

- The window is the trailing 7 days ``(as_of - 7 d, as_of]``: a set logged exactly at
  ``as_of`` counts, one logged exactly 7 days earlier does not, so back-to-back windows
  never count a set twice. Sets and check-ins after ``as_of`` are ignored.
- Calendar days (days since legs, nightly sleep) are local days in the person's time zone.
  A leg day (M5) is a session with >= 3 leg-pattern hard sets that starts inside the
  window, on the local day of its first set (warm-ups included); two leg sessions on one
  day are one leg day. A session that starts before the window counts its sets in the
  window's totals but is no leg day of this window.
- ``lu`` (M3) is None when there are no upper sets: "legs only" is then reported by
  ``LEGS_ONLY`` from the set counts, not by an infinite ratio.
- Longer looks back: squat:bench over 8 weeks ``(as_of - 56 d, as_of]`` by lift family
  (a front squat counts as e1RM / 0.85), only when both families were trained in 3 or more
  calendar weeks of them; weekly bests (M11) per family and rep bracket for the current and
  the previous 15 calendar weeks (4-week plateau + 8-week baseline + a layoff check); RPE
  creep over 21 days; an e1RM drop compares this window with the 28 days before it, per
  main-lift family and rep bracket.
- A set with an RPE is comparable across rep brackets (M11), so it counts in both.
- e1RM-based metrics skip bodyweight sets: the logged load is only the added part.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple, Protocol, TypeVar
from zoneinfo import ZoneInfo

from coach.deload import Deload, in_deload
from coach.exercise import Exercise
from coach.strength import e1rm
from coach.training import CheckIn, SetBasics, TrainingSet
from coach.vocabulary import Balance, Equipment, Muscle, Pattern, Region

WINDOW = timedelta(days=7)
SQUAT_BENCH_WINDOW = timedelta(weeks=8)
CREEP_WINDOW = timedelta(days=21)
DROP_LOOKBACK = timedelta(weeks=4)
WEEKS_OF_BESTS = 16
"""Calendar weeks of M11 kept: this one plus 15 before (4-week plateau, 8-week baseline, and
the 4 weeks before that, so a layoff just before the baseline is seen)."""

SESSION_GAP = timedelta(hours=3)
SESSION_MARGIN = timedelta(days=1)
WARMUP_SHARE = 0.6
HARD_RPE = 6.0
LEG_DAY_SETS = 3
RATIO_MIN_WEEKS = 3
"""M10 needs both lift families trained in this many different calendar weeks."""
VOLUME_HIGH_SETS = 25.0
VOLUME_HIGH_DAYS = 4
HISTORY_MIN_DAYS = 2
HISTORY_MIN_AGE = timedelta(days=3)
HISTORY = timedelta(weeks=12)
"""How far back a person's sets are read to judge them: plateaus compare three weeks
with the eight before them (balance spec), and history (``Metrics.has_history``) is
looked for as far, by ``/balance`` and the weekly report alike."""
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
"""The back squat itself: what a squat-gain challenge tracks."""
SQUAT_FAMILY = "back_squat"
BENCH_FAMILY = "bench_press"
MAIN_LIFTS = ("back_squat", "bench_press", "deadlift", "overhead_press")
"""The main lift families, in the order plateaus are shown; their e1RM drop counts towards
overreaching."""

LEG_DAY_PATTERNS = frozenset(
    {
        Pattern.SQUAT,
        Pattern.LUNGE,
        Pattern.HINGE,
        Pattern.KNEE_EXTENSION,
        Pattern.KNEE_FLEXION,
        Pattern.OLYMPIC,
    }
)
"""M5: the patterns that make a leg day; calf raises and hip ab/adduction alone never do."""
COMPOUND_PATTERNS = frozenset(
    {
        Pattern.SQUAT,
        Pattern.LUNGE,
        Pattern.HINGE,
        Pattern.HORIZONTAL_PUSH,
        Pattern.VERTICAL_PUSH,
        Pattern.HORIZONTAL_PULL,
        Pattern.VERTICAL_PULL,
        Pattern.OLYMPIC,
    }
)
"""Multi-joint patterns: only these are judged for plateaus."""

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


class Bracket(StrEnum):
    """M11's rep brackets: e1RMs from 1-5 and 6-12 reps are compared only within one."""

    LOW = "1-5"
    HIGH = "6-12"


LOW_BRACKET_MAX_REPS = 5


def bracket_of(reps: int) -> Bracket:
    return Bracket.LOW if reps <= LOW_BRACKET_MAX_REPS else Bracket.HIGH


# -- records the metrics produce ------------------------------------------------------


class Lift(NamedTuple):
    """What M11 tracks: one lift family in one rep bracket."""

    family: str
    bracket: Bracket


@dataclass(frozen=True, slots=True)
class WeekBest:
    """M11: the best e1RM of one lift in the calendar week starting on ``week`` (Monday)."""

    week: date
    e1rm_kg: float


@dataclass(frozen=True, slots=True)
class VolumeHigh:
    """A muscle over 25 fractional sets in the window, or trained hard on 4+ days in a row."""

    muscle: Muscle
    sets: float
    days_in_a_row: int


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
    """A main lift family's best e1RM in the window against the 4 weeks before it, within
    one rep bracket."""

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
    lower_sets: float
    upper_sets: float
    core_sets: float
    full_sets: int
    cardio_sessions: int
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
    weekly_best: Mapping[Lift, tuple[WeekBest, ...]]
    lift_names: Mapping[str, str]
    """Display name per lift family."""
    current_week: date
    rpe_creep: tuple[RpeCreep, ...]
    main_lift_changes: tuple[E1rmChange, ...]
    """Main lifts' e1RM against the 4 weeks before, leaving out sets in a logged deload."""
    deload_now: bool
    """``as_of`` falls in a deload the person logged."""
    sleep: SleepSummary
    low_energy_days: int
    sore_days_legs_due: int
    too_soon: tuple[TooSoon, ...]
    volume_high: tuple[VolumeHigh, ...]
    back_to_back: Mapping[Muscle, int]
    """Muscles trained hard on consecutive days, and how many such pairs of days."""
    biggest_leg_day: int
    """Lower-body hard sets in the week's biggest leg-day session."""
    days_logged: int
    """Different local days with a logged set, up to ``as_of`` (capped at 2: enough to know)."""
    first_set_at: datetime | None
    equipment_used: frozenset[Equipment]
    """Equipment of the hard sets of the last 8 weeks: what advice may ask for."""

    @property
    def classified_sets(self) -> int:
        """Hard sets the model could place (M2): the total every ratio is built from."""
        return round(self.lower_sets + self.upper_sets + self.core_sets)

    @property
    def has_history(self) -> bool:
        """Logged on 2 different days, the first set at least 3 days old: enough to judge
        what is missing."""
        return (
            self.days_logged >= HISTORY_MIN_DAYS
            and self.first_set_at is not None
            and self.as_of - self.first_set_at >= HISTORY_MIN_AGE
        )


# -- M1-M13 ----------------------------------------------------------------------------


class Lifted(SetBasics, Protocol):
    """What sessions and warm-ups (M0, M1) read of a set: a ``TrainingSet``, or a lighter
    record of a stored one (``storage.sessions`` works out thousands at a time)."""

    @property
    def at(self) -> datetime: ...
    @property
    def exercise(self) -> Exercise | None: ...
    @property
    def typed_name(self) -> str: ...


_L = TypeVar("_L", bound=Lifted)


def is_hard(s: Lifted) -> bool:
    """M1: not a warm-up, and no RPE or RPE >= 6 (0-4 reps in reserve)."""
    return not s.warmup and (s.rpe is None or s.rpe >= HARD_RPE)


def local_day(at: datetime, tz: ZoneInfo) -> date:
    """The person's calendar day of an instant."""
    return at.astimezone(tz).date()


def sessions(sets: Iterable[_L]) -> list[list[_L]]:
    """M0: runs of sets with no gap over 3 h, in time order (ties keep input order)."""
    found: list[list[_L]] = []
    for s in sorted(sets, key=lambda s: s.at):
        if found and s.at - found[-1][-1].at <= SESSION_GAP:
            found[-1].append(s)
        else:
            found.append([s])
    return found


def _weighted(s: Lifted) -> bool:
    return not s.bodyweight and s.weight_kg is not None and s.weight_kg > 0


def _ramp(s: Lifted, top: Lifted) -> bool:
    """A set before the session's top set that only warms up to it (see the module notes)."""
    if s.rpe is not None and s.rpe >= HARD_RPE:
        return False
    if s.weight_kg is None or top.weight_kg is None:  # only weighted sets ramp up
        return False
    if s.weight_kg <= WARMUP_SHARE * top.weight_kg:
        return True
    fewer = s.reps is not None and top.reps is not None and s.reps < top.reps
    return s.weight_kg < top.weight_kg and fewer


def session_hard_sets(session: Sequence[_L]) -> list[_L]:
    """M1 within one session: flagged and inferred warm-ups and easy sets left out."""
    hard = [(i, s) for i, s in enumerate(session) if is_hard(s)]
    top: dict[str, int] = {}
    for i, s in hard:
        if _weighted(s):
            name = _exercise_id(s)
            best = top.get(name)
            if best is None or s.weight_kg > session[best].weight_kg:  # type: ignore[operator]
                top[name] = i
    if not top:
        return [s for _, s in hard]
    kept = []
    for i, s in hard:
        if _weighted(s):
            at = top[_exercise_id(s)]
            if i < at and _ramp(s, session[at]):
                continue
        kept.append(s)
    return kept


def _exercise_id(s: Lifted) -> str:
    return s.exercise.key if s.exercise is not None else s.typed_name.casefold()


class Session(NamedTuple):
    """M0 + M1 + M5: one session, by its start (its first set's time, warm-ups included:
    the session's day is that instant's local day), its hard sets, and whether they make
    a leg day."""

    start: datetime
    hard: list[TrainingSet]
    leg_day: bool


def worked_sessions(sets: Iterable[TrainingSet]) -> list[Session]:
    """M0 + M1 + M5: the sessions of ``sets`` (cardio excluded) with their hard sets, in
    time order. Every path that counts sessions, warm-ups or leg days starts here."""
    found = []
    for session in sessions(s for s in sets if not _cardio(s)):
        hard = session_hard_sets(session)
        found.append(Session(session[0].at, hard, is_leg_session(hard)))
    return found


def hard_sets(sets: Iterable[TrainingSet]) -> list[TrainingSet]:
    """M0 + M1: the hard sets of ``sets``, warm-ups inferred per session; cardio excluded."""
    return [s for session in worked_sessions(sets) for s in session.hard]


def session_marks(sets: Sequence[Lifted]) -> list[tuple[datetime | None, bool]]:
    """For each of ``sets``, in order: the start of its session (M0; None for cardio,
    which is in no session) and whether it is a hard set (M1).

    What storage keeps on each logged set, so that reports and challenge boards add up
    sessions and hard sets in SQL with exactly these rules.
    """
    marks: dict[int, tuple[datetime | None, bool]] = {}
    for session in sessions(s for s in sets if not _cardio(s)):
        hard = {id(s) for s in session_hard_sets(session)}
        start = session[0].at
        for s in session:
            marks[id(s)] = (start, id(s) in hard)
    return [marks.get(id(s), (None, False)) for s in sets]


def _cardio(s: Lifted) -> bool:
    return s.exercise is not None and s.exercise.region is Region.CARDIO


PerExercise = Sequence[tuple[Exercise, int]]
_K = TypeVar("_K", Muscle, MuscleGroup)


def _per_exercise(hard: Iterable[TrainingSet]) -> PerExercise:
    """Classified sets counted per exercise object.

    Sets of one exercise share its object (the catalog's), so counting them by identity
    is cheap; hashing an exercise, or the muscles of every set again, is not.
    """
    classified = [s.exercise for s in hard if s.exercise is not None]
    exercises = {id(exercise): exercise for exercise in classified}
    return [(exercises[key], count) for key, count in Counter(map(id, classified)).items()]


def region_sets(hard: Iterable[TrainingSet]) -> dict[Region, float]:
    """M2: classified hard sets per region, each set once: a ``full`` (Olympic) set counts
    0.5 lower and 0.5 upper, cardio counts nowhere."""
    counts = dict.fromkeys(Region, 0.0)
    for s in hard:
        if s.exercise is None:
            continue
        region = s.exercise.region
        if region is Region.FULL:
            counts[Region.LOWER] += 0.5
            counts[Region.UPPER] += 0.5
        if region is not Region.CARDIO:
            counts[region] += 1
    return counts


def ratio(numerator: float, denominator: float) -> float | None:
    """A ratio that is None, not infinite, when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def lower_upper_ratio(lower: float, upper: float) -> float | None:
    """M3: LU = lower / upper; None without upper sets (see the module notes)."""
    return ratio(lower, upper)


def muscle_sets(hard: Iterable[TrainingSet]) -> dict[Muscle, float]:
    """M4: 1.0 per set for each primary muscle, 0.5 for each secondary."""
    return _muscle_totals(_per_exercise(hard))


def _muscle_shares(exercise: Exercise) -> Iterator[tuple[Muscle, float]]:
    yield from ((muscle, 1.0) for muscle in exercise.primary)
    yield from ((muscle, MIN_SECONDARY) for muscle in exercise.secondary)


def _muscle_totals(per_exercise: PerExercise) -> dict[Muscle, float]:
    return _totals(per_exercise, Muscle, _muscle_shares)


def group_sets(hard: Iterable[TrainingSet]) -> dict[MuscleGroup, float]:
    """Fractional sets per MUSCLE_LOW group, counting each set once per group.

    A row lists lats and upper back as primary; counting it twice for "back" would make
    one set look like two, so a set gives a group 1.0 when one of its primary muscles is
    in the group, else 0.5 when a secondary is.
    """
    return _group_totals(_per_exercise(hard))


def _group_shares(exercise: Exercise) -> Iterator[tuple[MuscleGroup, float]]:
    primary, secondary = set(exercise.primary), set(exercise.secondary)
    for group, muscles in GROUP_MUSCLES.items():
        if primary & muscles:
            yield group, 1.0
        elif secondary & muscles:
            yield group, MIN_SECONDARY


def _group_totals(per_exercise: PerExercise) -> dict[MuscleGroup, float]:
    return _totals(per_exercise, MuscleGroup, _group_shares)


def _totals(
    per_exercise: PerExercise,
    keys: Iterable[_K],
    shares: Callable[[Exercise], Iterable[tuple[_K, float]]],
) -> dict[_K, float]:
    """Fractional sets per key: each set of an exercise adds its ``shares``; cardio none."""
    totals = dict.fromkeys(keys, 0.0)
    for exercise, count in per_exercise:
        if exercise.region is not Region.CARDIO:
            for key, share in shares(exercise):
                totals[key] += share * count
    return totals


def _is_lower(s: TrainingSet) -> bool:
    return s.exercise is not None and s.exercise.region in (Region.LOWER, Region.FULL)


def _is_leg_work(s: TrainingSet) -> bool:
    return s.exercise is not None and s.exercise.pattern in LEG_DAY_PATTERNS


def makes_leg_day(leg_sets: int) -> bool:
    """M5: a session with this many hard sets of the leg-day patterns is a leg day."""
    return leg_sets >= LEG_DAY_SETS


def is_leg_session(hard: Iterable[TrainingSet]) -> bool:
    """M5: a session's hard sets make a leg day with >= 3 squat, lunge, hinge, knee or
    Olympic sets (calf raises and hip ab/adduction alone never do)."""
    return makes_leg_day(sum(1 for s in hard if _is_leg_work(s)))


def leg_days(worked: Iterable[Session], tz: ZoneInfo) -> tuple[date, ...]:
    """M5: local days of leg-day sessions, oldest first; a session's day is the local day
    of its first set, and two leg sessions on one day are one leg day."""
    return tuple(sorted({local_day(w.start, tz) for w in worked if w.leg_day}))


def days_since(last: datetime | None, as_of: datetime, tz: ZoneInfo) -> int | None:
    """M6: whole local calendar days from ``last`` to ``as_of`` (0 = today), None if never."""
    if last is None:
        return None
    return (local_day(as_of, tz) - local_day(last, tz)).days


def pattern_sets(hard: Iterable[TrainingSet]) -> Counter[Pattern]:
    """Hard sets per pattern; an Olympic lift also counts on its push:pull side (M8): a
    snatch or clean as a pull (vertical), a jerk as a vertical push."""
    counts: Counter[Pattern] = Counter()
    for s in hard:
        if s.exercise is None:
            continue
        counts[s.exercise.pattern] += 1
        for side in s.exercise.balance:
            counts[Pattern.VERTICAL_PUSH if side is Balance.PUSH else Pattern.VERTICAL_PULL] += 1
    return counts


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
    """A hard, loaded set with its e1RM (M9), computed once and shared by M10-M12.

    ``e1rm_kg`` is in the lift family's terms: a front squat's e1RM / 0.85 in the squat
    family. ``brackets`` are the M11 brackets it is compared in (both with an RPE).
    """

    logged: TrainingSet
    family: str
    name: str
    day: date
    e1rm_kg: float
    brackets: tuple[Bracket, ...]


def estimates(hard: Iterable[TrainingSet], tz: ZoneInfo) -> list[Estimate]:
    """M9 for every classified, non-bodyweight hard set that yields an e1RM."""
    found = []
    for s in hard:
        if s.exercise is None or s.bodyweight or s.reps is None:
            continue
        value = e1rm(s.weight_kg, s.reps, s.rpe)
        if value is not None:
            brackets = tuple(Bracket) if s.rpe is not None else (bracket_of(s.reps),)
            found.append(
                Estimate(
                    s,
                    s.exercise.family,
                    s.exercise.name,
                    local_day(s.at, tz),
                    value / s.exercise.family_share,
                    brackets,
                )
            )
    return found


def best_e1rm(found: Iterable[Estimate], family: str, since: datetime) -> float | None:
    """The best e1RM of a lift family among estimates after ``since``."""
    return max(
        (x.e1rm_kg for x in found if x.family == family and x.logged.at > since), default=None
    )


def weeks_trained(found: Iterable[Estimate], family: str, since: datetime) -> int:
    """Different calendar weeks after ``since`` in which the family was trained (M10)."""
    return len({week_start(x.day) for x in found if x.family == family and x.logged.at > since})


def week_start(day: date) -> date:
    """The Monday of ``day``'s calendar week (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def weekly_best(found: Iterable[Estimate]) -> dict[Lift, tuple[WeekBest, ...]]:
    """M11: the best e1RM per compound lift family and rep bracket per calendar week,
    oldest week first. Isolation work is never judged for plateaus, so it is left out."""
    best: dict[Lift, dict[date, float]] = defaultdict(dict)
    for x in found:
        exercise = x.logged.exercise
        if exercise is None or exercise.pattern not in COMPOUND_PATTERNS:
            continue
        week = week_start(x.day)
        for bracket in x.brackets:
            weeks = best[Lift(x.family, bracket)]
            weeks[week] = max(weeks.get(week, 0.0), x.e1rm_kg)
    return {
        lift: tuple(WeekBest(week, value) for week, value in sorted(weeks.items()))
        for lift, weeks in best.items()
    }


def family_names(found: Iterable[Estimate]) -> dict[str, str]:
    """A display name per family: the exercise the family is named after when it was
    logged ("Back Squat" for a back-squat family that also holds pause squats), else the
    first variant seen."""
    names: dict[str, str] = {}
    for x in found:
        exercise = x.logged.exercise
        if exercise is not None and exercise.key == x.family:
            names[x.family] = x.name
        else:
            names.setdefault(x.family, x.name)
    return names


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
    found: Sequence[Estimate],
    window_start: datetime,
    lookback_start: datetime,
    deloads: Sequence[Deload] = (),
) -> tuple[E1rmChange, ...]:
    """Each main lift family's best e1RM in the window against its best in the 4 weeks
    before, compared within one rep bracket; the largest drop per family is kept. Sets
    of the window done in a deload the person logged are not compared: lighter on
    purpose is no drop."""
    current: dict[Lift, float] = {}
    previous: dict[Lift, float] = {}
    for x in found:
        if x.family not in MAIN_LIFTS or x.logged.at <= lookback_start:
            continue
        now = x.logged.at > window_start
        if now and in_deload(x.day, deloads):
            continue
        bucket = current if now else previous
        for bracket in x.brackets:
            lift = Lift(x.family, bracket)
            bucket[lift] = max(bucket.get(lift, 0.0), x.e1rm_kg)
    names = family_names(found)
    changes: dict[str, E1rmChange] = {}
    for lift in sorted(current.keys() & previous.keys()):
        change = E1rmChange(lift.family, names[lift.family], current[lift], previous[lift])
        kept = changes.get(lift.family)
        if kept is None or change.ratio < kept.ratio:
            changes[lift.family] = change
    return tuple(changes[family] for family in sorted(changes))


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


def muscle_days(hard: Iterable[TrainingSet], tz: ZoneInfo) -> dict[Muscle, set[date]]:
    """The local days each muscle was a prime mover (primary) of a hard set."""
    days: dict[Muscle, set[date]] = defaultdict(set)
    for s in hard:
        if s.exercise is not None:
            for muscle in s.exercise.primary:
                days[muscle].add(local_day(s.at, tz))
    return days


def volume_high(
    days: Mapping[Muscle, set[date]], per_muscle: Mapping[Muscle, float]
) -> tuple[VolumeHigh, ...]:
    """Muscles over 25 fractional hard sets, or trained as a prime mover on >= 4 local
    days in a row (``days`` from ``muscle_days``)."""
    found = []
    for muscle in Muscle:
        run = _longest_run(days.get(muscle, set()))
        sets = per_muscle.get(muscle, 0.0)
        if sets > VOLUME_HIGH_SETS or run >= VOLUME_HIGH_DAYS:
            found.append(VolumeHigh(muscle, sets, run))
    return tuple(found)


def back_to_back(days: Mapping[Muscle, set[date]]) -> dict[Muscle, int]:
    """Per muscle, how many times it was trained hard on consecutive days (pairs)."""
    pairs = {
        muscle: sum(1 for day in trained if day + timedelta(days=1) in trained)
        for muscle, trained in days.items()
    }
    return {muscle: n for muscle, n in pairs.items() if n}


def last_leg_day_at(worked: Iterable[Session]) -> datetime | None:
    """When the latest leg-day session's (M5) last leg set was done, or None."""
    latest = next((w for w in reversed(list(worked)) if w.leg_day), None)
    return None if latest is None else [s.at for s in latest.hard if _is_leg_work(s)][-1]


def biggest_leg_day(worked: Iterable[Session]) -> int:
    """The most lower-body hard sets in one leg-day session (M5)."""
    return max(
        (sum(1 for s in w.hard if _is_lower(s)) for w in worked if w.leg_day),
        default=0,
    )


def _longest_run(days: Iterable[date]) -> int:
    longest = current = 0
    previous: date | None = None
    for day in sorted(days):
        current = current + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, current)
        previous = day
    return longest


# -- all together ----------------------------------------------------------------------


def compute_metrics(
    sets: Iterable[TrainingSet],
    checkins: Iterable[CheckIn],
    tz: ZoneInfo,
    as_of: datetime,
    deloads: Sequence[Deload] = (),
) -> Metrics:
    """M0-M13 for one person at ``as_of`` (aware), in their time zone ``tz``; ``deloads``
    are the ones they logged (``coach.deload``).

    Sets are split into sessions once (M0), their warm-ups inferred (M1), and the hard
    sets sorted into the windows each metric needs.
    """
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ValueError("as_of needs a time zone offset")
    # Every bound is in UTC: aware datetimes sharing a tzinfo compare without a call to
    # utcoffset() each time, and stored sets are UTC.
    now = as_of.astimezone(UTC)
    window_start = now - WINDOW
    current_week = week_start(local_day(as_of, tz))
    bests_start = datetime.combine(
        current_week - timedelta(weeks=WEEKS_OF_BESTS - 1), datetime.min.time(), tz
    ).astimezone(UTC)
    history_start = min(bests_start, now - SQUAT_BENCH_WINDOW, window_start - DROP_LOOKBACK)

    # Sessions and warm-ups are worked out for the weeks the metrics read (a day more, for
    # a session across the boundary); older history only matters for the last leg day.
    cut = history_start - SESSION_MARGIN
    first, days_logged, around, older = _split_history(sets, now, cut, tz)
    cardio = [s for s in around if s.at > window_start and _cardio(s)]
    cardio_sessions = len(sessions(cardio)) if cardio else 0
    worked = worked_sessions(around)
    recent = [s for w in worked for s in w.hard if s.at > history_start]
    # A leg day is in the window when its session starts there (M0: the session's day).
    in_window = [w for w in worked if w.start > window_start]
    last_leg = _last_leg_day(worked, tz)
    if last_leg is None and older:
        last_leg = _last_leg_day(worked_sessions(older), tz)

    window: list[TrainingSet] = []
    unclassified: Counter[str] = Counter()
    shown_as: dict[str, str] = {}
    for s in recent:
        if s.at <= window_start:
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
    per_muscle = _muscle_totals(per_exercise)
    trained_days = muscle_days(window, tz)
    found = estimates(recent, tz)
    since_8w = now - SQUAT_BENCH_WINDOW
    squat = best_e1rm(found, SQUAT_FAMILY, since_8w)
    bench = best_e1rm(found, BENCH_FAMILY, since_8w)
    both_trained = all(
        weeks_trained(found, family, since_8w) >= RATIO_MIN_WEEKS
        for family in (SQUAT_FAMILY, BENCH_FAMILY)
    )

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
        full_sets=round(regions[Region.FULL]),
        cardio_sessions=cardio_sessions,
        unclassified_sets=sum(unclassified.values()),
        unclassified_names=tuple(
            (shown_as[key], count)
            for key, count in sorted(unclassified.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        lu=lower_upper_ratio(regions[Region.LOWER], regions[Region.UPPER]),
        leg_days=len(leg_days(in_window, tz)),
        days_since_legs=None if last_leg is None else (local_day(as_of, tz) - last_leg).days,
        push_sets=_sum(patterns, PUSH_PATTERNS),
        pull_sets=_sum(patterns, PULL_PATTERNS),
        push_pull=push_pull_ratio(patterns),
        squat_pattern_sets=patterns.get(Pattern.SQUAT, 0),
        posterior_sets=_sum(patterns, POSTERIOR_PATTERNS),
        anterior_sets=_sum(patterns, ANTERIOR_PATTERNS),
        posterior_ratio=posterior_ratio(patterns),
        muscle_sets=per_muscle,
        group_sets=_group_totals(per_exercise),
        squat_e1rm=squat if both_trained else None,
        bench_e1rm=bench if both_trained else None,
        squat_bench=ratio(squat, bench)
        if both_trained and squat is not None and bench is not None
        else None,
        weekly_best=weekly_best(x for x in found if x.logged.at > bests_start),
        lift_names=family_names(found),
        current_week=current_week,
        rpe_creep=rpe_creep((s for s in recent if s.at > now - CREEP_WINDOW), tz),
        main_lift_changes=main_lift_changes(
            found, window_start, window_start - DROP_LOOKBACK, deloads
        ),
        deload_now=in_deload(local_day(as_of, tz), deloads),
        sleep=sleep_summary(checkins_now, tz),
        low_energy_days=sum(1 for value in energy.values() if value <= LOW_ENERGY),
        sore_days_legs_due=sore_days_legs_due(soreness, lower_days),
        too_soon=too_soon(window, soreness, tz),
        volume_high=volume_high(trained_days, per_muscle),
        back_to_back=back_to_back(trained_days),
        biggest_leg_day=biggest_leg_day(in_window),
        days_logged=days_logged,
        first_set_at=first,
        equipment_used=frozenset(
            s.exercise.equipment for s in recent if s.exercise is not None and s.at > since_8w
        ),
    )


def _split_history(
    sets: Iterable[TrainingSet], now: datetime, cut: datetime, tz: ZoneInfo
) -> tuple[datetime | None, int, list[TrainingSet], list[TrainingSet]]:
    """One pass over every set up to ``now``: the first set's time, how many different
    days were logged (0, 1 or 2: enough to know), and the sets after and up to ``cut``."""
    first: datetime | None = None
    latest: datetime | None = None
    around: list[TrainingSet] = []
    older: list[TrainingSet] = []
    for s in sets:
        at = s.at
        if at > now:
            continue
        if first is None or at < first:
            first = at
        if latest is None or at > latest:
            latest = at
        (around if at > cut else older).append(s)
    # Two different days exist exactly when the first and the latest set's days differ.
    days = 0
    if first is not None and latest is not None:
        days = 1 + (local_day(first, tz) != local_day(latest, tz))
    return first, days, around, older


def _last_leg_day(worked: Sequence[Session], tz: ZoneInfo) -> date | None:
    """M6's anchor: the local day of the latest leg-day session (M5) in all of history."""
    latest = next((w for w in reversed(worked) if w.leg_day), None)
    return None if latest is None else local_day(latest.start, tz)
