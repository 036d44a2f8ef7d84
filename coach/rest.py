"""Rest between sets: how long by movement pattern, and a person's own choices.

Heavy compound lifts need the longest rest to repeat their performance (about 3 minutes),
other compound work about 2, small isolation and core work about 1 (Schoenfeld et al.
2016, J Strength Cond Res 30:1805; de Salles et al. 2009, Sports Med 39:765). People
change any of these in ``/settings rest``; ``any`` sets their default for every pattern
they have not set on its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from coach.vocabulary import Pattern

MIN_REST, MAX_REST = 10, 900
ANY = "any"
NAMES = frozenset({ANY} | {pattern.value for pattern in Pattern})
"""What ``/settings rest`` takes: a pattern, or ``any``."""
FALLBACK = 120
"""When nothing was logged lately, so no pattern is known."""

DEFAULT_REST: dict[Pattern, int] = {
    Pattern.SQUAT: 180,
    Pattern.HINGE: 180,
    Pattern.OLYMPIC: 180,
    Pattern.LUNGE: 120,
    Pattern.HORIZONTAL_PUSH: 120,
    Pattern.VERTICAL_PUSH: 120,
    Pattern.HORIZONTAL_PULL: 120,
    Pattern.VERTICAL_PULL: 120,
    Pattern.CARRY: 90,
    Pattern.KNEE_EXTENSION: 90,
    Pattern.KNEE_FLEXION: 90,
    Pattern.OTHER: 90,
    Pattern.CALF: 60,
    Pattern.HIP_ABDUCTION: 60,
    Pattern.HIP_ADDUCTION: 60,
    Pattern.ELBOW_FLEXION: 60,
    Pattern.ELBOW_EXTENSION: 60,
    Pattern.LATERAL_RAISE: 60,
    Pattern.CORE: 60,
    Pattern.CARDIO: 60,
}


def read_rests(text: str | None) -> dict[str, int]:
    """A person's stored choices, ``squat=180,any=90``; a part that does not read is
    skipped, so one bad part never hides the others."""
    chosen: dict[str, int] = {}
    for part in (text or "").split(","):
        name, _, seconds = part.partition("=")
        if name in NAMES and seconds.isdigit():
            value = int(seconds)
            if MIN_REST <= value <= MAX_REST:
                chosen[name] = value
    return chosen


def rests_text(chosen: Mapping[str, int]) -> str | None:
    """As stored; None when nothing is chosen."""
    return ",".join(f"{name}={seconds}" for name, seconds in sorted(chosen.items())) or None


def rest_for(pattern: Pattern | None, chosen: Mapping[str, int]) -> int:
    """The rest after a set of ``pattern`` (None: nothing logged lately)."""
    if pattern is not None and pattern.value in chosen:
        return chosen[pattern.value]
    if ANY in chosen:
        return chosen[ANY]
    return DEFAULT_REST.get(pattern, FALLBACK) if pattern is not None else FALLBACK


def usual_rests(chosen: Mapping[str, int]) -> list[tuple[int, list[Pattern]]]:
    """The usual rest of every pattern the person has not set, longest first, patterns in
    ``DEFAULT_REST``'s order; empty once their ``any`` covers them all."""
    if ANY in chosen:
        return []
    grouped: dict[int, list[Pattern]] = {}
    for pattern, seconds in DEFAULT_REST.items():
        if pattern.value not in chosen:
            grouped.setdefault(seconds, []).append(pattern)
    return sorted(grouped.items(), reverse=True)


def clock_text(seconds: int) -> str:
    """``2:30``, ``0:45``: how long, as a gym timer shows it."""
    return f"{seconds // 60}:{seconds % 60:02d}"
