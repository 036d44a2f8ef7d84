"""What a reader yields: one set as the app wrote it, or a row left out and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.vocabulary import Unit


class ImportFileError(ValueError):
    """The file cannot be imported; the message is one sentence naming the problem and row."""


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One set of an export, in the file's own units.

    ``started`` is when its workout began: naive when the file gives a wall time with no
    zone (read it in the person's zone), aware when the file says the zone. ``workout``
    tells workouts apart (two on one day share neither). ``unit`` is None when the file
    does not say, so the person's unit applies.
    """

    line: int
    started: datetime
    workout: str
    exercise: str
    weight: float | None
    unit: Unit | None
    reps: int | None
    seconds: int | None
    distance: float | None
    """In ``distance_unit``; None when the row has none."""
    distance_unit: str | None
    """``m``, ``km`` or ``mi`` as the file says; None leaves it to the person's unit."""
    rpe: float | None
    warmup: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that holds no set to store, such as Strong's rest timers or a planned set."""

    line: int
    reason: str


REST_TIMER = "rest timer"
EMPTY = "no reps, time or weight"
NOT_DONE = "planned but not done"


def set_or_skip(
    line: int,
    started: datetime,
    workout: str,
    exercise: str,
    *,
    weight: float | None,
    unit: Unit | None,
    reps: int | None,
    seconds: int | None,
    distance: float | None,
    distance_unit: str | None = None,
    rpe: float | None,
    warmup: bool,
    note: str | None,
) -> ImportedSet | Skipped:
    """The set a row describes, or why there is none: every app writes 0 for "unused"."""
    if not exercise:
        raise ImportFileError(f"Row {line} has no exercise name; nothing was imported.")
    reps = reps or None
    seconds = seconds or None
    distance = distance or None
    if reps is None and seconds is None and distance is None:
        return Skipped(line, EMPTY)
    return ImportedSet(
        line,
        started,
        workout,
        exercise,
        weight,
        unit,
        reps,
        seconds,
        distance,
        distance_unit if distance is not None else None,
        rpe,
        warmup,
        note,
    )
