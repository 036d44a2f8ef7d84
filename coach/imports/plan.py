"""From an export's sets to rows ready to store, and the preview a person confirms.

Streaming like the readers: the planner remembers only the workout it is in (apps write
a workout's sets together), the exercises it has resolved and the counts for the
preview. Each set gets a fingerprint from what it is (when, which workout, which
exercise, its place there, load, reps, time, warm-up), so importing the same set again,
from the same file or a newer, longer export, finds it already there.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from coach.catalog import Catalog
from coach.entries import LoggableSet, assistance
from coach.exercise import Exercise
from coach.imports import cells
from coach.imports.rows import ImportedSet, ImportFileError, Skipped
from coach.strength import e1rm
from coach.units import to_kg
from coach.vocabulary import Unit

TOP_UNRESOLVED = 5


MAX_MAPPED = 25
_BRACKETED = re.compile(r"\(([^()]*)\)")
_PER_SIDE = re.compile(r"each\s+(side|leg|arm)", re.IGNORECASE)


def _qualifiers(bracketed: str) -> list[str]:
    return [part.strip() for part in bracketed.split(",")]


def is_per_side_name(name: str) -> bool:
    """``Lunge (Each Leg)``, ``Overhead Press (Each Side, Dumbbells)``: the apps' way of
    saying the reps and load are per side."""
    return any(
        _PER_SIDE.fullmatch(part)
        for found in _BRACKETED.finditer(name)
        for part in _qualifiers(found[1])
    )


def without_per_side(name: str) -> str:
    """The name without its per-side qualifier: ``Overhead Press (Dumbbells)`` names the
    lift, and ``bss (Each Side)`` is the name a per-side set was logged under before our
    export marked it."""

    def rest(found: re.Match[str]) -> str:
        kept = [part for part in _qualifiers(found[1]) if not _PER_SIDE.fullmatch(part)]
        return f"({', '.join(kept)})" if kept else " "

    return " ".join(_BRACKETED.sub(rest, name).split())


def read_mapping(
    text: str, catalog: Catalog, custom: Sequence[Exercise] = ()
) -> dict[str, Exercise]:
    """``Calf Extension (Machine) = calf raise; Jefferson Curl = rdl``: names as the file
    has them, each with the exercise it should count as (read like a logged name).

    Raises ``ImportFileError`` with one sentence for anything it cannot read.
    """
    mapped: dict[str, Exercise] = {}
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, equals, target = part.partition("=")
        if not equals or not name.strip() or not target.strip():
            raise ImportFileError(
                f"Map names as `name in the file = exercise`, e.g. `Jefferson Curl = rdl`; "
                f"I couldn't read `{part.strip()[:60]}`."
            )
        found = catalog.resolve(target.strip(), custom)
        if found.exercise is None or found.how == "fuzzy":
            raise ImportFileError(
                f"I don't know `{target.strip()[:60]}` as an exercise: name one from "
                "`/exercise info`, e.g. `squat` or `leg curl`."
            )
        mapped[name.strip().casefold()] = found.exercise
    if len(mapped) > MAX_MAPPED:
        raise ImportFileError(f"Map at most {MAX_MAPPED} names at a time.")
    return mapped


class ZoneNeeded(Exception):
    """The file's times carry no zone and the person has none set: ask for one."""


@dataclass(frozen=True, slots=True)
class Options:
    unit: Unit
    """The unit of weights when the file does not say."""
    zone: ZoneInfo | None
    """Where wall times without a zone were written; None refuses such times."""
    catalog: Catalog
    custom: Sequence[Exercise] = ()
    mapped: Mapping[str, Exercise] = field(default_factory=dict)
    """The person's own reading of names the catalog does not match, by folded name."""


@dataclass(frozen=True, slots=True)
class PlannedSet:
    """One set as it will be stored."""

    line: int
    workout_no: int
    entry_index: int
    performed_at: datetime
    local_date: date
    name: str
    exercise: Exercise | None
    loggable: LoggableSet
    note: str | None
    fingerprint: str


@dataclass
class Summary:
    """What an import adds, keeps and leaves out: the preview and the CLI's JSON."""

    format: str
    rows: int = 0
    sets: int = 0
    already_there: int = 0
    resolved_sets: int = 0
    workouts: int = 0
    first_day: date | None = None
    last_day: date | None = None
    unresolved: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    _last_workout: int = -1

    def add_new(self, planned: PlannedSet) -> None:
        self.sets += 1
        if planned.exercise is not None:
            self.resolved_sets += 1
        else:
            self.unresolved[planned.name] += 1
        if planned.workout_no != self._last_workout:
            self._last_workout = planned.workout_no
            self.workouts += 1
        day = planned.local_date
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)

    def as_json(self) -> dict[str, object]:
        return {
            "format": self.format,
            "rows": self.rows,
            "sets": self.sets,
            "already_there": self.already_there,
            "resolved_sets": self.resolved_sets,
            "unresolved": dict(self.unresolved.most_common()),
            "skipped": dict(self.skipped.most_common()),
        }


def fingerprint(s: ImportedSet, performed_utc: str, order: int) -> str:
    """Stable for the same set in any export of the same history, and 32 hex digits;
    ``performed_utc`` is when, in UTC to the second (``YYYY-MM-DDTHH:MM:SS``)."""
    parts: tuple[object, ...] = (
        performed_utc,
        s.workout,
        s.exercise.casefold(),
        order,
        s.weight,
        s.unit,
        s.reps,
        s.seconds,
        s.warmup,
    )
    if s.distance is not None:  # only cardio rows: every other set keeps its fingerprint
        parts += (s.distance, s.distance_unit)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def loggable(s: ImportedSet, exercise: Exercise | None, unit: Unit) -> LoggableSet:
    """The set in kg (and a distance in metres), as ``coach.entries`` stores a typed one."""
    weight = s.weight
    # Apps write the help an assisted machine or band gives as a positive load.
    if (exercise and exercise.assisted) or "assisted" in s.exercise.casefold():
        weight = assistance(weight)
    unit_typed = s.unit or unit
    cardio = exercise is not None and exercise.is_cardio
    # A run is not a bodyweight set: it carries a time or distance, never a load.
    bodyweight = bool(exercise and exercise.bodyweight) and not cardio
    weight_kg = to_kg(weight, unit_typed) if weight is not None else None
    if bodyweight and weight_kg is None:
        weight_kg = 0.0
    estimate = None
    if not s.warmup and not bodyweight and weight_kg and s.reps:
        estimate = e1rm(weight_kg, s.reps, s.rpe)
    return LoggableSet(
        weight_kg=weight_kg,
        weight_typed=weight,
        unit_typed=unit_typed if weight is not None else None,
        reps=s.reps,
        seconds=s.seconds,
        rpe=s.rpe,
        warmup=s.warmup,
        bodyweight=bodyweight,
        per_side=is_per_side_name(s.exercise),
        e1rm_kg=estimate,  # full precision, rounded once when shown
        distance_m=_metres(s, unit),
    )


def _metres(s: ImportedSet, unit: Unit) -> float | None:
    """A cardio row's distance in metres; a file that names no unit meant the person's
    (kilometres with kg, miles with lb)."""
    person_default = "km" if unit is Unit.KG else "mi"
    return cells.metres(s.line, s.distance, s.distance_unit or "", person_default)


class Planner:
    """Turns an export's items into ``PlannedSet``s, counting the rest into ``summary``."""

    def __init__(self, format_name: str, options: Options) -> None:
        self.options = options
        self.summary = Summary(format_name)
        self._resolved: dict[str, Exercise | None] = {}
        self._workout: str | None = None
        self._workout_no = -1
        self._orders: Counter[str] = Counter()
        self._entries: dict[str, int] = {}
        self._when: tuple[datetime, datetime, date, str] | None = None

    def _exercise(self, name: str) -> Exercise | None:
        if name not in self._resolved:
            # The per-side qualifier says how the set was done, not which lift it was.
            found = (
                self.options.mapped.get(name.casefold())
                or self.options.catalog.resolve(
                    without_per_side(name), self.options.custom
                ).exercise
            )
            self._resolved[name] = found
        return self._resolved[name]

    def _performed(self, started: datetime) -> tuple[datetime, date, str]:
        """The instant, the person's local day and the instant as the fingerprint has it;
        a workout's sets share one start, so each is worked out once a workout."""
        if self._when is None or self._when[0] != started:
            if started.tzinfo is None:
                if self.options.zone is None:
                    raise ZoneNeeded
                at = started.replace(tzinfo=self.options.zone).astimezone(UTC)
            else:
                at = started.astimezone(UTC)
            local_day = at.astimezone(self.options.zone or UTC).date()
            self._when = (started, at, local_day, at.strftime("%Y-%m-%dT%H:%M:%S"))
        return self._when[1:]

    def plan(self, items: Iterable[ImportedSet | Skipped]) -> Iterator[PlannedSet]:
        for item in items:
            self.summary.rows += 1
            if isinstance(item, Skipped):
                self.summary.skipped[item.reason] += 1
                continue
            yield self._planned(item)

    def _planned(self, s: ImportedSet) -> PlannedSet:
        if s.workout != self._workout:
            self._workout, self._workout_no = s.workout, self._workout_no + 1
            self._orders.clear()
            self._entries.clear()
        key = s.exercise.casefold()
        order = self._orders[key]
        self._orders[key] += 1
        entry_index = self._entries.setdefault(key, len(self._entries))
        performed_at, local_date, performed_utc = self._performed(s.started)
        exercise = self._exercise(s.exercise)
        return PlannedSet(
            line=s.line,
            workout_no=self._workout_no,
            entry_index=entry_index,
            performed_at=performed_at,
            local_date=local_date,
            name=s.exercise,
            exercise=exercise,
            loggable=loggable(s, exercise, self.options.unit),
            note=s.note,
            fingerprint=fingerprint(s, performed_utc, order),
        )
