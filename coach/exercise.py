"""What one exercise is, as the catalog and custom exercises describe it."""

from __future__ import annotations

from dataclasses import dataclass

from coach.vocabulary import Equipment, Muscle, Pattern, Region


@dataclass(frozen=True, slots=True)
class Exercise:
    """A classified exercise. ``key`` is stable and stored with every logged set."""

    key: str
    name: str
    region: Region
    pattern: Pattern
    primary: tuple[Muscle, ...]
    secondary: tuple[Muscle, ...] = ()
    equipment: Equipment = Equipment.OTHER
    bodyweight: bool = False
    aliases: tuple[str, ...] = ()
