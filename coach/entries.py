"""From typed text to loggable entries: parse the notation, then classify each exercise.

This is the one path every way of logging takes (slash command, DM, console, CLI), so a
set means the same thing wherever it was typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coach.catalog import Catalog
from coach.describe import spell_out
from coach.exercise import Exercise
from coach.notation import (
    Choices,
    Order,
    ParsedEntry,
    ParsedSet,
    Shape,
    parse,
    parse_cardio,
    refusal,
)
from coach.plates import STANDARD_BARS
from coach.strength import e1rm
from coach.units import format_number
from coach.vocabulary import Equipment, Pattern, Unit


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
    load_kg: float | None = None
    """A weighted bodyweight set's bodyweight + added load, when the bodyweight is known."""

    @property
    def moved_kg(self) -> float | None:
        """The load records and volume count: with the bodyweight when it is known."""
        return self.load_kg if self.load_kg is not None else self.weight_kg

    distance_m: float | None = None

    @property
    def counts_for_records(self) -> bool:
        # A bodyweight set counts once it carries added load (pull-ups +20 kg, dips bw+25).
        return not self.warmup and (self.moved_kg or 0) > 0

    @property
    def on_added_load_only(self) -> bool:
        """Weighted bodyweight work whose records use the added load: no bodyweight known."""
        return self.bodyweight and self.load_kg is None and (self.weight_kg or 0) > 0

    @property
    def volume_kg(self) -> float:
        """Load x reps; a per-side set counts both sides (storage.sql_volume, in SQL)."""
        moved = self.moved_kg
        if moved is None or moved <= 0 or self.reps is None:
            return 0.0
        return moved * self.reps * (2 if self.per_side else 1)


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

        Bodyweight sets count once they carry added load: with the bodyweight when it is
        known, else the added load alone (and the reply says so).
        """
        return sum(s.volume_kg for s in self.sets if s.counts_for_records)

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


def assistance(weight: float | None) -> float | None:
    """An unsigned load on an assisted exercise, as the help it gives: a negative load."""
    return -weight if weight and weight > 0 else weight


def _loggable(
    parsed: ParsedSet, exercise: Exercise | None, unit: Unit, bodyweight_kg: float | None
) -> LoggableSet:
    # A catalog bodyweight exercise with nothing typed moves no external load: 0 kg added.
    bodyweight = parsed.bodyweight or bool(exercise and exercise.bodyweight)
    weight_kg = parsed.weight_kg
    weight_typed = parsed.weight
    if exercise and exercise.assisted and not parsed.added:
        weight_kg, weight_typed = assistance(weight_kg), assistance(weight_typed)
    if bodyweight and weight_kg is None:
        weight_kg = 0.0
    # Weighted pull-ups or dips move the body too: with a known bodyweight they count as
    # bodyweight + added load; without one, records stay on the added load alone.
    load_kg = None
    if bodyweight and bodyweight_kg and weight_kg and weight_kg > 0:
        load_kg = bodyweight_kg + weight_kg
    estimate = None
    moved = load_kg if bodyweight else weight_kg
    if not parsed.warmup and moved and parsed.reps:
        estimate = e1rm(moved, parsed.reps, parsed.rpe)
    return LoggableSet(
        weight_kg=weight_kg,
        weight_typed=weight_typed,
        # A bare number was meant in the person's unit; keep that so it reads back as typed.
        unit_typed=parsed.unit or (unit if parsed.weight is not None else None),
        reps=parsed.reps,
        seconds=parsed.seconds,
        rpe=parsed.rpe,
        warmup=parsed.warmup,
        bodyweight=bodyweight,
        per_side=parsed.per_side,
        e1rm_kg=estimate,  # full precision: shown rounded once, never stored rounded
        load_kg=load_kg,
    )


def read_entries(
    text: str,
    unit: Unit,
    catalog: Catalog,
    custom: Sequence[Exercise] = (),
    *,
    bodyweight_kg: float | None = None,
    choices: Choices | None = None,
) -> ReadResult:
    """Everything loggable in ``text``, one message per refused line, and the questions.

    Beyond the notation, four checks need the catalog: a name found only after the sets
    must be an exercise it knows (``5@140 felt slow`` is not one), so must words after a
    comma to be refused as a second exercise (``, belt x 3`` is not one), a ``+``/``-`` load
    goes only with bodyweight exercises (``bench -100x5`` is refused), and a weight each
    side of one bar may be its plates (``rdl 3x8 60kg each side`` is refused).
    ``bodyweight_kg`` (from the profile) is added to the load of weighted bodyweight sets.
    A line naming a cardio activity with a distance and/or duration (``run 5km 25min``)
    is one cardio log, whatever the set grammar made of it.
    """
    parsed = parse(text, unit, choices, lambda words: catalog.resolve(words, custom).exercise)
    entries: list[Entry] = []
    errors = []
    for error in parsed.errors:
        if (cardio := _cardio_entry(error.source, catalog, custom)) is not None:
            entries.append(cardio)
        else:
            errors.append(error.message)
    for item in parsed.entries:
        cardio = _cardio_entry(item.source, catalog, custom)
        entry = cardio or _entry(item, unit, catalog, custom, bodyweight_kg)
        if isinstance(entry, str):
            errors.append(entry)
        else:
            entries.append(entry)
    questions = []
    for line in parsed.ambiguous:
        read = [
            (_entry(r.entry, unit, catalog, custom, bodyweight_kg), r.choices)
            for r in line.readings
        ]
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
    item: ParsedEntry,
    unit: Unit,
    catalog: Catalog,
    custom: Sequence[Exercise],
    bodyweight_kg: float | None,
) -> Entry | str:
    """The entry for one parsed exercise, or why the catalog refuses it."""
    resolution = catalog.resolve(item.exercise, custom)
    exercise = resolution.exercise
    if item.name_after_sets and (exercise is None or resolution.how == "fuzzy"):
        example = "squat 3x5 100kg"
        return refusal("I couldn't find the exercise name", item.source, example)
    if any(s.added for s in item.sets) and not _sign_fits(item, exercise):
        return refusal(_no_signed_load(exercise, item.exercise), item.source, "pullups 3x5 +10kg")
    if exercise is not None and _both_sides_on_one_bar(exercise) and _loaded_per_side(item):
        if _SIDE.search(item.source) is not None:
            return _plates_refusal(item, exercise, unit, catalog, custom)
        # A bare `each` where both sides lift one bar says each set (`hip thrust 3x10 100kg
        # each`), unless the lift comes with dumbbells too: `curl 3x10 12kg each` most
        # often means two of them, so which it was is asked.
        every_set = replace(item, sets=tuple(replace(s, per_side=False) for s in item.sets))
        dumbbells = _dumbbell_line(item, catalog, custom)
        if dumbbells is not None:
            problem = (
                f"`each` on the {exercise.name} may mean each set or each of two dumbbells:"
                f" for dumbbells, write `{dumbbells}`; for every set, leave `each` out"
            )
            return refusal(
                problem, item.source, f"{item.exercise} {_on_the_bar(every_set.sets, unit)}"
            )
        item = every_set
    return Entry(
        typed=item.exercise,
        exercise=exercise,
        suggestions=resolution.suggestions,
        sets=tuple(_loggable(s, exercise, unit, bodyweight_kg) for s in item.sets),
        certain=resolution.how in ("exact", "normalised"),
        note=item.note,
    )


_BARS = {Equipment.BARBELL, Equipment.SMITH}
_SIDE = re.compile(r"(?:each|per|/)\s*sides?\b", re.IGNORECASE)
_PER_LIMB = re.compile(r"(?:each|per|/)\s*(?:leg|arm|hand)s?\b", re.IGNORECASE)
_ONE_SIDED_BAR = ("single", "landmine", "meadows", "concentration", "side_lying", "t_bar")
"""Bar lifts done one side at a time, or with the bar loaded at one end, by their keys."""


def _both_sides_on_one_bar(exercise: Exercise) -> bool:
    """A bar loaded at both ends that both sides lift together (squat, bench, RDL).

    Lunges and split squats with a bar, and single-arm or landmine lifts, work one side at a
    time, so a load ``each side`` there is per side as documented.
    """
    if exercise.equipment not in _BARS or exercise.pattern is Pattern.LUNGE:
        return False
    return not any(word in exercise.key for word in _ONE_SIDED_BAR)


def _plates_refusal(
    item: ParsedEntry, exercise: Exercise, unit: Unit, catalog: Catalog, custom: Sequence[Exercise]
) -> str:
    """Asks for the total on the bar, worked out from what was typed as the plates on both
    ends of an empty bar; a line whose name has a dumbbell version also gets that reading."""
    first = next(s for s in item.sets if s.per_side and s.weight is not None)
    its_unit = first.unit or unit
    assumed = f"{format_number(first.weight or 0)} {its_unit} a side on a"
    assumed += f" {format_number(STANDARD_BARS[its_unit][0])} {its_unit} bar"
    assumed += f" is {format_number(_bar_total(first, unit))} {its_unit}"
    dumbbells = _dumbbell_line(item, catalog, custom)
    if dumbbells is not None:
        assumed += f"; for dumbbells, write `{dumbbells}`"
    problem = (
        f"On the {exercise.name} both sides lift one bar, so a weight each side may be the"
        f" plates on one end of it ({assumed}): give the total weight on the bar"
    )
    return refusal(problem, item.source, f"{item.exercise} {_on_the_bar(item.sets, unit)}")


def _dumbbell_line(item: ParsedEntry, catalog: Catalog, custom: Sequence[Exercise]) -> str | None:
    """The line as typed for the lift's dumbbell version (``dumbbell curl 3x10 12kg each``),
    when the catalog has one by that name."""
    dumbbells = catalog.resolve(f"dumbbell {item.exercise}", custom)
    typed_first = item.source.lower().startswith(item.exercise.lower())
    if typed_first and dumbbells.how in ("exact", "normalised"):
        return f"dumbbell {item.source}"
    return None


def _bar_total(s: ParsedSet, unit: Unit) -> float:
    """A weight typed for each side, as the total of two such plates on an empty standard
    bar in its unit."""
    return 2 * (s.weight or 0) + STANDARD_BARS[s.unit or unit][0]


def _on_the_bar(sets: Sequence[ParsedSet], unit: Unit) -> str:
    """The sets written back in notation (``3x8 140kg``), a weight each side as the total of
    two such plates on an empty standard bar."""

    def weight(s: ParsedSet) -> str:
        amount = _bar_total(s, unit) if s.per_side else s.weight or 0
        return f"{format_number(amount)}{s.unit or unit}"

    def work(s: ParsedSet) -> str:
        return f"{s.seconds}s" if s.reps is None and s.seconds is not None else str(s.reps)

    if len({(work(s), weight(s)) for s in sets}) == 1:
        return f"{len(sets)}x{work(sets[0])} {weight(sets[0])}"
    return ", ".join(f"{weight(s)} x {work(s)}" for s in sets)


def _loaded_per_side(item: ParsedEntry) -> bool:
    """A weight given for each side, not for each limb: ``each arm`` on a curl says one arm
    at a time (as documented), where ``each side`` on a bar may be its plates."""
    loaded = any(s.per_side and s.weight is not None and not s.bodyweight for s in item.sets)
    return loaded and _PER_LIMB.search(item.source) is None


def _sign_fits(item: ParsedEntry, exercise: Exercise | None) -> bool:
    """A signed load on a known bodyweight exercise; on an unknown one, only added load."""
    if exercise is not None:
        return exercise.bodyweight
    return all((s.weight_kg or 0) >= 0 for s in item.sets)


def _no_signed_load(exercise: Exercise | None, typed: str) -> str:
    """Why a ``+`` or ``-`` load was refused (``_sign_fits``)."""
    if exercise is not None:
        return (
            f"{exercise.name} isn't a bodyweight exercise, so it takes no `+` or `-` load "
            "(added or assisted weight, as on pull-ups)"
        )
    return (
        f"I don't know {typed} as a bodyweight exercise, so it takes no `-` load "
        "(assisted weight, as on pull-ups)"
    )


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
