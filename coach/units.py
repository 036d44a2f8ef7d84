"""Weights in the person's unit: kg is stored, kg or lb is shown, one decimal at most."""

from __future__ import annotations

from coach.vocabulary import KG_PER_LB, Unit


def from_kg(kg: float, unit: Unit) -> float:
    return kg if unit == Unit.KG else kg / KG_PER_LB


def to_kg(value: float, unit: Unit) -> float:
    return value if unit == Unit.KG else value * KG_PER_LB


def format_number(value: float) -> str:
    """``100`` not ``100.0``; ``102.5`` stays; never more than one decimal."""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def format_weight(kg: float, unit: Unit, typed: tuple[float, Unit | None] | None = None) -> str:
    """The load as the person reads it, using what they typed when it was in this unit.

    Reconverting 225 lb through kg would show 225.0 at best and 224.9 at worst, so the
    typed number wins whenever its unit matches.
    """
    if typed is not None and typed[1] == unit:
        return f"{format_number(typed[0])} {unit.value}"
    return f"{format_number(from_kg(kg, unit))} {unit.value}"
