"""Weights in the person's unit: kg is stored, kg or lb is shown, one decimal at most
unless the weight is on a plate's quarter step (1.25, 24.75)."""

from __future__ import annotations

from coach.vocabulary import KG_PER_LB, Unit


def from_kg(kg: float, unit: Unit) -> float:
    return kg if unit == Unit.KG else kg / KG_PER_LB


def to_kg(value: float, unit: Unit) -> float:
    return value if unit == Unit.KG else value * KG_PER_LB


QUARTER_TOLERANCE = 1e-6
"""How far from a quarter a number may be and still be one: float noise, never a plate."""


def format_number(value: float) -> str:
    """``100`` not ``100.0`` (nor ``100.0000001``); ``102.5`` stays; a quarter keeps its
    two decimals (1.25 and 0.75 kg plates exist); anything else gets one decimal at most."""
    quarters = round(value * 4)
    if abs(value * 4 - quarters) < QUARTER_TOLERANCE:
        return f"{quarters / 4:.2f}".rstrip("0").rstrip(".")
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
