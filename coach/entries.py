"""From typed text to loggable entries: parse the notation, then classify each exercise.

This is the one path every way of logging takes (slash command, DM, console, CLI), so a
set means the same thing wherever it was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.catalog import Catalog
from coach.describe import spell_out
from coach.exercise import Exercise
from coach.notation import Choices, Order, ParsedEntry, ParsedSet, Shape, parse, refusal
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
    note: str | None = None
    """Words written after the sets (``felt slow``)."""

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
class Option:
    """One reading of an ambiguous line, in words, and the choices that pick it."""

    label: str
    choices: tuple[tuple[Shape, Order], ...]


@dataclass(frozen=True, slots=True)
class Question:
    """A line read two ways: nothing is logged until the person picks an option."""

    line: str
    options: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a message holds: entries to log, refused lines, lines to ask about, a date line."""

    entries: tuple[Entry, ...]
    errors: tuple[str, ...]
    questions: tuple[Question, ...] = ()
    day: str | None = None

    @property
    def could_be_custom(self) -> bool:
        """Whether a person's custom exercises might change how a name was read.

        Custom names never equal a catalog name or alias (``/exercise add`` refuses those),
        so only guessed or unknown names are worth looking up again with them.
        """
        return any(not entry.certain for entry in self.entries)

    @property
    def loggable(self) -> tuple[Entry, ...]:
        """What gets stored: the lines that were read, once no line is left to ask about."""
        return () if self.questions else self.entries


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
    text: str,
    unit: Unit,
    catalog: Catalog,
    custom: Sequence[Exercise] = (),
    choices: Choices | None = None,
) -> ReadResult:
    """Everything loggable in ``text``, one message per refused line, and the questions.

    Beyond the notation, two checks need the catalog: a name found only after the sets
    must be an exercise it knows (``5@140 felt slow`` is not one), and a ``+``/``-`` load
    goes only with bodyweight exercises (``bench -100x5`` is refused).
    """
    parsed = parse(text, unit, choices)
    entries: list[Entry] = []
    errors = [error.message for error in parsed.errors]
    for item in parsed.entries:
        entry = _entry(item, unit, catalog, custom)
        if isinstance(entry, str):
            errors.append(entry)
        else:
            entries.append(entry)
    questions = []
    for line in parsed.ambiguous:
        read = [(_entry(r.entry, unit, catalog, custom), r.choices) for r in line.readings]
        fits = [(entry, choices) for entry, choices in read if isinstance(entry, Entry)]
        if len(fits) > 1:
            options = [Option(f"{e.name}: {spell_out(e.sets, unit)}", c) for e, c in fits]
            questions.append(Question(line.source, tuple(options)))
        elif fits:
            # The catalog ruled out every other reading: nothing left to ask.
            entries.append(fits[0][0])
        else:
            errors.append(next(entry for entry, _ in read if isinstance(entry, str)))
    return ReadResult(tuple(entries), tuple(errors), tuple(questions), parsed.day)


def _entry(
    item: ParsedEntry, unit: Unit, catalog: Catalog, custom: Sequence[Exercise]
) -> Entry | str:
    """The entry for one parsed exercise, or why the catalog refuses it."""
    resolution = catalog.resolve(item.exercise, custom)
    exercise = resolution.exercise
    if item.name_after_sets and (exercise is None or resolution.how == "fuzzy"):
        example = "squat 3x5 100kg"
        return refusal("I couldn't find the exercise name", item.source, example)
    if any(s.added for s in item.sets) and not _sign_fits(item, exercise):
        return refusal(
            "A `+` or `-` load is added or assisted weight on a bodyweight exercise like"
            f" pull-ups, and {_which(exercise, item.exercise)}",
            item.source,
            "pullups 3x5 +10kg",
        )
    return Entry(
        typed=item.exercise,
        exercise=exercise,
        suggestions=resolution.suggestions,
        sets=tuple(_loggable(s, exercise, unit) for s in item.sets),
        certain=resolution.how in ("exact", "normalised"),
        note=item.note,
    )


def _sign_fits(item: ParsedEntry, exercise: Exercise | None) -> bool:
    """A signed load on a known bodyweight exercise; on an unknown one, only added load."""
    if exercise is not None:
        return exercise.bodyweight
    return all((s.weight_kg or 0) >= 0 for s in item.sets)


def _which(exercise: Exercise | None, typed: str) -> str:
    return f"{exercise.name} isn't one" if exercise else f"I don't know {typed} as one"
