"""From typed text to loggable entries: parse the notation, then classify each exercise.

This is the one path every way of logging takes (slash command, DM, console, CLI), so a
set means the same thing wherever it was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.catalog import Catalog
from coach.exercise import Exercise
from coach.notation import ParsedSet, parse, parse_cardio
from coach.strength import e1rm
from coach.vocabulary import Unit


@dataclass(frozen=True, slots=True)
class LoggableSet:
    """One set ready to store: the external load in kg plus what was typed."""

    weight_kg: float | None
    weight_typed: float | None
    unit_typed: Unit | None
    reps: int | None
    seconds: int | None
    rpe: float | None
    warmup: bool
    bodyweight: bool
    per_side: bool
    e1rm_kg: float | None
    distance_m: float | None = None

    @property
    def counts_for_records(self) -> bool:
        return not self.warmup and not self.bodyweight and (self.weight_kg or 0) > 0


@dataclass(frozen=True, slots=True)
class Entry:
    """One exercise of a message, with its sets; ``exercise`` is None when unclassified."""

    typed: str
    exercise: Exercise | None
    suggestions: tuple[Exercise, ...]
    sets: tuple[LoggableSet, ...]
    certain: bool = True
    """Matched exactly or after normalising: a custom exercise could not have won."""

    @property
    def name(self) -> str:
        return self.exercise.name if self.exercise else self.typed

    @property
    def volume_kg(self) -> float:
        """Load x reps over weighted working sets; per-side sets count both sides.

        Bodyweight sets are left out: the added plate alone would understate them.
        """
        return sum(
            (s.weight_kg or 0) * (s.reps or 0) * (2 if s.per_side else 1)
            for s in self.sets
            if s.counts_for_records
        )

    @property
    def best_e1rm(self) -> float | None:
        return max((s.e1rm_kg for s in self.sets if s.e1rm_kg is not None), default=None)


@dataclass(frozen=True, slots=True)
class ReadResult:
    entries: tuple[Entry, ...]
    errors: tuple[str, ...]

    @property
    def could_be_custom(self) -> bool:
        """Whether a person's custom exercises might change how a name was read.

        Custom names never equal a catalog name or alias (``/exercise add`` refuses those),
        so only guessed or unknown names are worth looking up again with them.
        """
        return any(not entry.certain for entry in self.entries)

    @property
    def loggable(self) -> tuple[Entry, ...]:
        """What gets stored: a message with any unreadable line stores nothing at all."""
        return () if self.errors else self.entries


def _loggable(parsed: ParsedSet, exercise: Exercise | None, unit: Unit) -> LoggableSet:
    # A catalog bodyweight exercise with nothing typed moves no external load: 0 kg added.
    bodyweight = parsed.bodyweight or bool(exercise and exercise.bodyweight)
    weight_kg = parsed.weight_kg
    if bodyweight and weight_kg is None:
        weight_kg = 0.0
    estimate = None
    if not parsed.warmup and not bodyweight and weight_kg and parsed.reps:
        estimate = e1rm(weight_kg, parsed.reps, parsed.rpe)
    return LoggableSet(
        weight_kg=weight_kg,
        weight_typed=parsed.weight,
        # A bare number was meant in the person's unit; keep that so it reads back as typed.
        unit_typed=parsed.unit or (unit if parsed.weight is not None else None),
        reps=parsed.reps,
        seconds=parsed.seconds,
        rpe=parsed.rpe,
        warmup=parsed.warmup,
        bodyweight=bodyweight,
        per_side=parsed.per_side,
        e1rm_kg=round(estimate, 2) if estimate is not None else None,
    )


def read_entries(
    text: str, unit: Unit, catalog: Catalog, custom: Sequence[Exercise] = ()
) -> ReadResult:
    """Everything loggable in ``text``, and one message per line that was not.

    A line naming a cardio activity with a distance and/or duration (``run 5km 25min``)
    is one cardio log, whatever the set grammar made of it.
    """
    parsed = parse(text, unit)
    entries = []
    for item in parsed.entries:
        if (cardio := _cardio_entry(item.source, catalog, custom)) is not None:
            entries.append(cardio)
            continue
        resolution = catalog.resolve(item.exercise, custom)
        entries.append(
            Entry(
                typed=item.exercise,
                exercise=resolution.exercise,
                suggestions=resolution.suggestions,
                sets=tuple(_loggable(s, resolution.exercise, unit) for s in item.sets),
                certain=resolution.how in ("exact", "normalised"),
            )
        )
    errors = []
    for error in parsed.errors:
        if (cardio := _cardio_entry(error.source, catalog, custom)) is not None:
            entries.append(cardio)
        else:
            errors.append(error.message)
    return ReadResult(tuple(entries), tuple(errors))


def _cardio_entry(line: str, catalog: Catalog, custom: Sequence[Exercise]) -> Entry | None:
    """``line`` as one cardio log when it names a cardio activity with a time or distance."""
    cardio = parse_cardio(line)
    if cardio is None:
        return None
    resolution = catalog.resolve(cardio.exercise, custom)
    if resolution.exercise is None or not resolution.exercise.is_cardio:
        return None
    logged = LoggableSet(
        weight_kg=None,
        weight_typed=None,
        unit_typed=None,
        reps=None,
        seconds=cardio.seconds,
        rpe=None,
        warmup=False,
        bodyweight=False,
        per_side=False,
        e1rm_kg=None,
        distance_m=cardio.distance_m,
    )
    return Entry(cardio.exercise, resolution.exercise, (), (logged,))
