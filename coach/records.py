"""Personal records: best e1RM, best load for each rep count 1-12, best day's volume."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from coach.entries import LoggableSet

REP_RECORD_RANGE = range(1, 13)


class RecordKind(StrEnum):
    E1RM = "e1rm"
    WEIGHT = "weight"
    VOLUME = "volume"


@dataclass(frozen=True, slots=True)
class Bests:
    """What a person has achieved on one exercise, in every set stored of it."""

    e1rm_kg: float | None = None
    weight_by_reps: Mapping[int, float] = field(default_factory=dict)
    day_volume_kg: float | None = None

    @property
    def empty(self) -> bool:
        return self.e1rm_kg is None and not self.weight_by_reps and self.day_volume_kg is None


@dataclass(frozen=True, slots=True)
class Record:
    kind: RecordKind
    value_kg: float
    previous_kg: float
    reps: int | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a person stands on one exercise when more sets of one day come in."""

    bests: Bests
    """Every set stored so far, this day's own included: what a new set has to beat."""
    other_days_volume_kg: float | None
    """The best volume of any other day; None on the exercise's first day: no baseline."""
    day_volume_kg: float
    """This day's volume so far."""

    def after(self, sets: Sequence[LoggableSet], volume_kg: float) -> Standing:
        """Where the person stands once ``sets``, moving ``volume_kg``, are stored too."""
        weights = dict(self.bests.weight_by_reps)
        for reps, weight in _heaviest(sets).items():
            weights[reps] = max(weights.get(reps, 0.0), weight)
        e1rms = [e for e in (self.bests.e1rm_kg, _best_e1rm(sets)) if e is not None]
        day_volume = self.day_volume_kg + volume_kg
        volumes = [v for v in (self.bests.day_volume_kg, day_volume) if v is not None]
        bests = Bests(max(e1rms, default=None), weights, max(volumes, default=None))
        return replace(self, bests=bests, day_volume_kg=day_volume)


def _best_e1rm(sets: Sequence[LoggableSet]) -> float | None:
    return max((s.e1rm_kg for s in sets if s.e1rm_kg is not None), default=None)


def _heaviest(sets: Sequence[LoggableSet]) -> dict[int, float]:
    """The heaviest load of ``sets`` for each rep count that has records."""
    heaviest: dict[int, float] = {}
    for s in sets:
        moved = s.moved_kg
        if s.counts_for_records and s.reps is not None and moved is not None:
            if s.reps not in REP_RECORD_RANGE:
                continue
            heaviest[s.reps] = max(heaviest.get(s.reps, 0.0), moved)
    return heaviest


def new_records(before: Standing, sets: Sequence[LoggableSet], volume_kg: float) -> list[Record]:
    """Records that ``sets`` (moving ``volume_kg``) beat: every earlier set counts, the
    same day's too. Nothing counts on an exercise's first day: no baseline.

    A day's volume grows with each log, so it is a record once: when the day first passes
    the best other day, not again at each set after that."""
    best_day = before.other_days_volume_kg
    if best_day is None:
        return []
    bests = before.bests
    records: list[Record] = []
    best = _best_e1rm(sets)
    if best is not None and bests.e1rm_kg is not None and best > bests.e1rm_kg:
        records.append(Record(RecordKind.E1RM, best, bests.e1rm_kg))
    for reps, weight in sorted(_heaviest(sets).items()):
        previous = bests.weight_by_reps.get(reps)
        if previous is not None and weight > previous:
            records.append(Record(RecordKind.WEIGHT, weight, previous, reps))
    day_volume = before.day_volume_kg + volume_kg
    if before.day_volume_kg <= best_day < day_volume:
        records.append(Record(RecordKind.VOLUME, day_volume, best_day))
    return records


# The main lifts and their barbell variations, in the order /pr shows them.
MAIN_LIFT_FAMILIES: tuple[tuple[str, ...], ...] = (
    (
        "back_squat",
        "front_squat",
        "high_bar_squat",
        "low_bar_squat",
        "pause_squat",
        "box_squat",
        "safety_bar_squat",
        "pin_squat",
    ),
    (
        "bench_press",
        "pause_bench_press",
        "close_grip_bench_press",
        "incline_bench_press",
        "decline_bench_press",
    ),
    ("deadlift", "sumo_deadlift", "trap_bar_deadlift", "deficit_deadlift", "snatch_grip_deadlift"),
    ("overhead_press", "seated_overhead_press", "push_press"),
)


def overview_order(newest_first: Sequence[str]) -> list[str]:
    """Exercise keys for the records overview: main lifts first, then the rest by recency.

    ``newest_first`` holds every key the person logged, most recently logged first (ties
    already broken by key, so the order is the same on every database). Within a family
    the main lift leads, then its variations by recency.
    """

    def rank(key: str) -> tuple[int, int]:
        for number, family in enumerate(MAIN_LIFT_FAMILIES):
            if key in family:
                return number, 0 if key == family[0] else 1
        return len(MAIN_LIFT_FAMILIES), 0

    # sorted() is stable: equal ranks keep their recency order.
    return sorted(newest_first, key=rank)


MAIN_LIFT_KEYS = frozenset(key for family in MAIN_LIFT_FAMILIES for key in family)


class Announce(StrEnum):
    """Which of a person's new records go to the channel (when they share at all)."""

    MAIN = "main"
    """e1RM records of the main lifts and their barbell variations: the default."""
    ALL = "all"
    NONE = "none"


def worth_announcing(choice: Announce, exercise_key: str, record: Record) -> bool:
    """Whether this record goes to the channel under the person's choice: by default a
    calf raise's best day of volume is theirs to see, a new squat e1RM the group's news."""
    if choice is Announce.MAIN:
        return record.kind is RecordKind.E1RM and exercise_key in MAIN_LIFT_KEYS
    return choice is Announce.ALL
