"""Plates per side for a target weight: exact when it can be made, else the nearest loads.

Pure arithmetic in the person's unit. Weights are handled as whole hundredths so that
1.25 kg and 2.5 lb plates add up exactly. Pairs of plates are assumed to be unlimited: a
gym runs out of floor space before it runs out of 20s.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

from coach.problems import UserError
from coach.text import unquoted
from coach.units import format_number
from coach.vocabulary import Unit

STANDARD_PLATES: dict[Unit, tuple[float, ...]] = {
    Unit.KG: (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
    Unit.LB: (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
}
STANDARD_BARS: dict[Unit, tuple[float, ...]] = {Unit.KG: (20.0, 15.0), Unit.LB: (45.0, 35.0)}
MAX_WEIGHT: dict[Unit, float] = {Unit.KG: 700.0, Unit.LB: 1500.0}
MAX_PLATE_KINDS = 12


class PlateError(UserError, ValueError):
    """The question cannot be answered as asked; the text says why, in one sentence."""


@dataclass(frozen=True, slots=True)
class Loading:
    """A bar as loaded: the plates on each side, heaviest first."""

    bar: float
    per_side: tuple[float, ...]

    @property
    def total(self) -> float:
        return self.bar + 2 * sum(self.per_side)


@dataclass(frozen=True, slots=True)
class PlatePlan:
    """``exact`` when the target can be made; otherwise the nearest loads either side."""

    target: float
    unit: Unit
    exact: Loading | None
    lighter: Loading | None
    heavier: Loading | None


def _hundredths(value: float) -> int:
    return round(value * 100)


def parse_plates(text: str) -> tuple[float, ...]:
    """A plate set typed as ``25, 20, 10, 5, 2.5`` (any order, spaces or commas), quoted
    or not: README writes ``plates:"20, 10, 5"``, and people copy it."""
    words = unquoted(text).replace(",", " ").split()
    if not words:
        raise PlateError("List your plates like `25, 20, 10, 5, 2.5`.")
    plates: set[float] = set()
    for word in words:
        try:
            value = float(word)
        except ValueError:
            raise PlateError(
                f"`{word[:20]}` is not a plate weight: list them like `25, 20, 10, 5, 2.5`."
            ) from None
        if not 0.25 <= value <= 50 or _hundredths(value) != round(value * 100, 6):
            raise PlateError(
                f"A {format_number(value)} plate is unusual: plates go from 0.25 to 50."
            )
        plates.add(value)
    if len(plates) > MAX_PLATE_KINDS:
        raise PlateError(f"That is more than {MAX_PLATE_KINDS} kinds of plate; list fewer.")
    return tuple(sorted(plates, reverse=True))


def _fewest_plates(per_side_max: int, plates: tuple[int, ...]) -> list[tuple[int, ...] | None]:
    """For every per-side load up to ``per_side_max`` (in steps of the plates' common
    divisor), the fewest plates that make it, or None when no set of plates does."""
    step = 0
    for plate in plates:
        step = gcd(step, plate)
    size = per_side_max // step + 1
    best: list[tuple[int, ...] | None] = [None] * size
    best[0] = ()
    for load in range(1, size):
        for plate in plates:
            rest = load - plate // step
            previous = best[rest] if rest >= 0 else None
            if previous is not None:
                candidate = (*previous, plate)
                current = best[load]
                if current is None or len(candidate) < len(current):
                    best[load] = candidate
    return best


def plan(
    target: float, unit: Unit, *, bar: float | None = None, plates: tuple[float, ...] = ()
) -> PlatePlan:
    """How to load ``target`` on ``bar`` (the unit's standard bar when not given)."""
    bar = STANDARD_BARS[unit][0] if bar is None else bar
    plates = plates or STANDARD_PLATES[unit]
    name = unit.value
    if not 0 < bar <= 50:
        raise PlateError(f"A {format_number(bar)} {name} bar is unusual: give a bar up to 50.")
    if not bar <= target <= MAX_WEIGHT[unit]:
        if target < bar:
            raise PlateError(
                f"{format_number(target)} {name} is lighter than the "
                f"{format_number(bar)} {name} bar alone."
            )
        raise PlateError(f"Pick a weight up to {format_number(MAX_WEIGHT[unit])} {name}.")
    in_plates = tuple(sorted({_hundredths(p) for p in plates}, reverse=True))
    step = 0
    for plate in in_plates:
        step = gcd(step, plate)
    # Twice a side's load is what the bar gains; search one heaviest plate beyond the target.
    wanted = (_hundredths(target) - _hundredths(bar)) / 2
    table = _fewest_plates(int(wanted) + in_plates[0], in_plates)

    def loading(made: tuple[int, ...]) -> Loading:
        return Loading(bar, tuple(p / 100 for p in sorted(made, reverse=True)))

    exact = lighter = heavier = None
    for index, made in enumerate(table):
        if made is None:
            continue
        side = index * step
        if side == wanted:
            exact = loading(made)
        elif side < wanted:
            lighter = loading(made)
        elif heavier is None:
            heavier = loading(made)
    return PlatePlan(target, unit, exact, lighter, heavier)


def describe(loading: Loading, unit: Unit) -> str:
    """``25 + 20 + 2.5 per side`` or ``just the bar``."""
    if not loading.per_side:
        return "just the bar"
    return " + ".join(f"{p:g}" for p in loading.per_side) + f" {unit.value} per side"


@dataclass(frozen=True, slots=True)
class PlateSet:
    """A person's own plates and bar (``/settings plates``), in the unit they were given in."""

    unit: Unit
    plates: tuple[float, ...]
    bar: float | None = None

    def text(self) -> str:
        """As stored: ``kg:15:25,20,10`` (the bar may be empty)."""
        bar = format_number(self.bar) if self.bar is not None else ""
        return f"{self.unit.value}:{bar}:" + ",".join(format_number(p) for p in self.plates)

    @classmethod
    def read(cls, text: str | None) -> PlateSet | None:
        """A stored set, or None for none (or one that no longer reads)."""
        if not text:
            return None
        unit, _, rest = text.partition(":")
        bar, _, plates = rest.partition(":")
        try:
            return cls(Unit(unit), parse_plates(plates), float(bar) if bar else None)
        except (ValueError, PlateError):
            return None

    def describe(self) -> str:
        bar = f" on a {format_number(self.bar)} {self.unit.value} bar" if self.bar else ""
        return ", ".join(format_number(p) for p in self.plates) + f" {self.unit.value}{bar}"


def plate_set(text: str, unit: Unit, bar: float | None) -> PlateSet:
    """A set as typed in ``/settings plates``, checked as ``plan`` would check it."""
    if bar is not None and not 0 < bar <= 50:
        raise PlateError(
            f"A {format_number(bar)} {unit.value} bar is unusual: give a bar up to 50."
        )
    return PlateSet(unit, parse_plates(text), bar)
