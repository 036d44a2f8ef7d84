"""Sets in words, the way lifters write them back: ``3 x 5 at 100 kg @8``."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Protocol

from coach.training import SetBasics
from coach.units import format_number, format_weight
from coach.vocabulary import Unit


class SetLike(SetBasics, Protocol):
    """What both a freshly read set and a stored row offer: the basics, and the weight as
    typed, time, distance and sidedness."""

    @property
    def weight_typed(self) -> float | None: ...
    @property
    def unit_typed(self) -> str | None: ...
    @property
    def seconds(self) -> int | None: ...
    @property
    def distance_m(self) -> float | None: ...
    @property
    def per_side(self) -> bool: ...


def load(s: SetLike, unit: Unit) -> str | None:
    """``100 kg``, ``BW+10 kg``, ``BW-20 kg`` (assisted), ``BW``; None when no load."""
    if s.weight_kg is None:
        return None
    typed_unit = Unit(s.unit_typed) if s.unit_typed else None
    typed = (abs(s.weight_typed), typed_unit) if s.weight_typed is not None else None
    amount = format_weight(abs(s.weight_kg), unit, typed)
    if not s.bodyweight:
        return amount
    if s.weight_kg == 0:
        return "BW"
    return f"BW{'+' if s.weight_kg > 0 else '-'}{amount}"


def _work(s: SetLike) -> str:
    if s.seconds is not None and s.reps is None:
        return f"{s.seconds} s"
    return str(s.reps)


def _shape(s: SetLike, unit: Unit) -> tuple[str, str | None, float | None, bool, bool]:
    return (_work(s), load(s, unit), s.rpe, s.warmup, s.per_side)


def _suffix(text: str, rpe: float | None, warmup: bool) -> str:
    if rpe is not None:
        text += f" @{format_number(rpe)}"
    return text + (" (warm-up)" if warmup else "")


def describe_sets(sets: Sequence[SetLike], unit: Unit) -> str:
    """Identical sets fold into ``N x reps``; a shared load with varying reps reads
    ``80 kg x 5, 5, 4``; anything else is listed run by run. Every form reads back
    through the notation parser, so history can be edited as text."""
    shapes = {_shape(s, unit)[1:] for s in sets}
    reps = [s.reps for s in sets]
    if len(shapes) == 1 and len(set(reps)) > 1 and None not in reps:
        weight, rpe, warmup, per_side = shapes.pop()
        if weight is not None and weight != "BW" and not per_side:
            return _suffix(f"{weight} x {', '.join(map(str, reps))}", rpe, warmup)
    parts = []
    for (work, weight, rpe, warmup, per_side), run in groupby(sets, key=lambda s: _shape(s, unit)):
        count = len(list(run))
        text = f"{count} x {work}" if count > 1 else work
        if per_side:
            text += " each side"
        if weight is not None and weight != "BW":
            text = f"{text} at {weight}" if count > 1 else f"{weight} x {text}"
        elif weight == "BW":
            text += " (bodyweight)"
        parts.append(_suffix(text, rpe, warmup))
    return ", ".join(parts)


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe_cardio(seconds: int | None, distance_m: float | None) -> str:
    """A cardio log as lifters write it back: ``5 km in 25:00``, ``45:00``, ``800 m``.

    It reads back through the cardio notation, so history stays editable as text.
    """
    parts = []
    if distance_m is not None:
        far = distance_m >= 1000
        parts.append(f"{format_number(distance_m / 1000)} km" if far else f"{distance_m:.0f} m")
    if seconds is not None:
        parts.append(_clock(seconds))
    return " in ".join(parts)


def describe_entry_sets(sets: Sequence[SetLike], unit: Unit, cardio: bool) -> str:
    """``describe_sets``, or the cardio form for an entry of a cardio activity."""
    if cardio and len(sets) == 1:
        return describe_cardio(sets[0].seconds, sets[0].distance_m)
    return describe_sets(sets, unit)


def spell_out(sets: Sequence[SetLike], unit: Unit) -> str:
    """Sets with the counts named, ``4 sets of 8 at 135 lb``: for choosing between readings,
    where ``4 x 8`` would be as ambiguous as what was typed."""
    parts = []
    for (work, weight, rpe, warmup, per_side), run in groupby(sets, key=lambda s: _shape(s, unit)):
        count = len(list(run))
        text = f"{count} set{'s' if count > 1 else ''} of {work}"
        if per_side:
            text += " each side"
        if weight == "BW":
            text += " at bodyweight"
        elif weight is not None:
            text += f" at {weight}"
        parts.append(_suffix(text, rpe, warmup))
    return ", ".join(parts)
