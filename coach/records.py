"""Personal records: best e1RM, best load for each rep count 1-12, best day's volume."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coach.entries import LoggableSet

REP_RECORD_RANGE = range(1, 13)


class RecordKind(StrEnum):
    E1RM = "e1rm"
    WEIGHT = "weight"
    VOLUME = "volume"


@dataclass(frozen=True, slots=True)
class Bests:
    """What a person had achieved on one exercise before the sets being judged."""

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


def new_records(before: Bests, sets: Sequence[LoggableSet], day_volume_kg: float) -> list[Record]:
    """Records that ``sets`` beat. Nothing counts on an exercise's first day: no baseline."""
    if before.empty:
        return []
    records: list[Record] = []
    best = max((s.e1rm_kg for s in sets if s.e1rm_kg is not None), default=None)
    if best is not None and before.e1rm_kg is not None and best > before.e1rm_kg:
        records.append(Record(RecordKind.E1RM, best, before.e1rm_kg))
    heaviest: dict[int, float] = {}
    for s in sets:
        moved = s.moved_kg
        if s.counts_for_records and s.reps is not None and moved is not None:
            if s.reps not in REP_RECORD_RANGE:
                continue
            heaviest[s.reps] = max(heaviest.get(s.reps, 0.0), moved)
    for reps, weight in sorted(heaviest.items()):
        previous = before.weight_by_reps.get(reps)
        if previous is not None and weight > previous:
            records.append(Record(RecordKind.WEIGHT, weight, previous, reps))
    if before.day_volume_kg is not None and day_volume_kg > before.day_volume_kg:
        records.append(Record(RecordKind.VOLUME, day_volume_kg, before.day_volume_kg))
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
