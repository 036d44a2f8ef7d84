"""Concrete suggestions: catalog exercises with sets and reps, in the words the bot uses.

Each prescription names a catalog exercise (its key is kept next to the wording, and a
test checks the wording resolves back to that key), so a person can log exactly what was
suggested. Leg work stays at 6-12 reps, the hypertrophy range of the ACSM position stand.

Every helper takes ``spared``: movement patterns that load a painful area (``coach.care``).
A prescription of a spared pattern is never given; its first pain-free alternative is,
and each list of alternatives ends with one no pain area spares (leg curl, face pull), so
advice is never empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.catalog import load_catalog
from coach.metrics import MuscleGroup
from coach.training import Profile
from coach.vocabulary import Pattern

Spared = frozenset[Pattern]
NOTHING_SPARED: Spared = frozenset()

COMBINED_SESSION_MAX_DAYS = 3
"""With this few training days, legs share a session with back instead of needing a day."""


@dataclass(frozen=True, slots=True)
class Prescription:
    """``sets`` x ``reps`` of one catalog exercise; ``each_leg`` for single-leg work."""

    key: str
    words: str
    sets: int
    reps: str
    each_leg: bool = False

    def __str__(self) -> str:
        side = " each leg" if self.each_leg else ""
        return f"{self.words} {self.sets} x {self.reps}{side}"

    @property
    def pattern(self) -> Pattern:
        exercise = load_catalog().get(self.key)
        if exercise is None:
            raise LookupError(f"advice names {self.key}, which the catalog lacks")
        return exercise.pattern


BACK_SQUAT = Prescription("back_squat", "back squat", 3, "6-8")
RDL = Prescription("romanian_deadlift", "Romanian deadlift", 3, "8-10")
SPLIT_SQUAT = Prescription("bulgarian_split_squat", "Bulgarian split squat", 2, "10", each_leg=True)
LEG_PRESS = Prescription("leg_press", "leg press", 3, "10-12")
LEG_CURL = Prescription("lying_leg_curl", "lying leg curl", 3, "10-12")
HIP_THRUST = Prescription("hip_thrust", "hip thrust", 3, "8-10")
BENCH = Prescription("bench_press", "bench press", 3, "6-10")
INCLINE_DB = Prescription("incline_dumbbell_press", "incline dumbbell press", 3, "8-12")
OVERHEAD = Prescription("overhead_press", "overhead press", 3, "6-10")
LATERAL = Prescription("lateral_raise", "lateral raise", 3, "10-12")
ROW = Prescription("barbell_row", "barbell row", 3, "8-10")
PULL_UP = Prescription("pull_up", "pull-up", 3, "6-10")
SQUAT_PRIORITY = Prescription("back_squat", "back squat", 4, "6-8")
LEG_EXTENSION = Prescription("leg_extension", "leg extension", 3, "10-12")
FACE_PULL = Prescription("face_pull", "face pull", 3, "10-12")
CHEST_SUPPORTED_ROW = Prescription("chest_supported_row", "chest-supported row", 3, "8-12")

LEG_SESSION = (BACK_SQUAT, RDL, SPLIT_SQUAT)
"""The compound leg day the spec asks for: squat, RDL and split squat."""
BACK_AND_LEGS_SESSION = (BACK_SQUAT, RDL, SPLIT_SQUAT, ROW, PULL_UP)
UPPER_SESSION = (BENCH, ROW, OVERHEAD, PULL_UP)
POSTERIOR_WORK = (RDL, LEG_CURL)
PULLING_WORK = (ROW, PULL_UP)

GROUP_WORK: dict[MuscleGroup, tuple[Prescription, ...]] = {
    MuscleGroup.QUADS: (BACK_SQUAT, LEG_PRESS),
    MuscleGroup.HAMSTRINGS: (RDL, LEG_CURL),
    MuscleGroup.GLUTES: (HIP_THRUST, SPLIT_SQUAT),
    MuscleGroup.CHEST: (BENCH, INCLINE_DB),
    MuscleGroup.BACK: (ROW, PULL_UP),
    MuscleGroup.SHOULDERS: (OVERHEAD, LATERAL),
}

VARIATIONS: dict[str, str] = {
    "back_squat": "front squat",
    "front_squat": "back squat",
    "bench_press": "incline bench press",
    "incline_bench_press": "bench press",
    "deadlift": "Romanian deadlift",
    "romanian_deadlift": "deadlift",
    "leg_press": "hack squat",
    "hack_squat": "leg press",
}
"""A close variation to rotate in when a lift stalls (all catalog exercises)."""

_LEG_OPTIONS = (LEG_PRESS, SPLIT_SQUAT, HIP_THRUST, RDL, LEG_EXTENSION, LEG_CURL)
_UPPER_OPTIONS = (INCLINE_DB, BENCH, OVERHEAD, LATERAL, CHEST_SUPPORTED_ROW, FACE_PULL)
ALTERNATIVES: dict[str, tuple[Prescription, ...]] = {
    **{p.key: _LEG_OPTIONS for p in (BACK_SQUAT, *_LEG_OPTIONS)},
    **{p.key: _UPPER_OPTIONS for p in _UPPER_OPTIONS},
    **{p.key: (CHEST_SUPPORTED_ROW, FACE_PULL) for p in PULLING_WORK},
}
"""Stand-ins for a prescription that is spared or already listed, nearest first. Each
list ends with an exercise of a pattern no pain area spares (leg curl, face pull)."""

ALL_PRESCRIPTIONS = (
    *LEG_SESSION,
    *BACK_AND_LEGS_SESSION,
    *UPPER_SESSION,
    *POSTERIOR_WORK,
    *PULLING_WORK,
    *(p for work in GROUP_WORK.values() for p in work),
    SQUAT_PRIORITY,
    LEG_EXTENSION,
    FACE_PULL,
    CHEST_SUPPORTED_ROW,
)


def pain_free(
    prescriptions: Sequence[Prescription], spared: Spared = NOTHING_SPARED
) -> tuple[Prescription, ...]:
    """``prescriptions`` with each spared one swapped for its first pain-free alternative
    not already listed (dropped when there is none left)."""
    chosen: list[Prescription] = []
    for p in prescriptions:
        options = (p, *ALTERNATIVES.get(p.key, ()))
        taken = {c.key for c in chosen}
        pick = next((o for o in options if o.pattern not in spared and o.key not in taken), None)
        if pick is not None:
            chosen.append(pick)
    return tuple(chosen)


def listing(prescriptions: Sequence[Prescription], spared: Spared = NOTHING_SPARED) -> str:
    """``back squat 3 x 6-8, Romanian deadlift 3 x 8-10, ...``, sparing ``spared``."""
    return ", ".join(str(p) for p in pain_free(prescriptions, spared))


def combines_back_and_legs(profile: Profile) -> bool:
    """Whether legs should share a session with back: few training days a week."""
    days = profile.days_per_week
    return days is not None and days <= COMBINED_SESSION_MAX_DAYS


def proposed_leg_session(profile: Profile, spared: Spared = NOTHING_SPARED) -> str:
    """The concrete next leg session for this person, as a list of exercises.

    People who train three days or fewer get back and legs together, so legs fit twice
    a week without an extra gym day. Reminders reuse this text.
    """
    if combines_back_and_legs(profile):
        return listing(BACK_AND_LEGS_SESSION, spared)
    return listing(LEG_SESSION, spared)


def variation_for(lift: str) -> str:
    return VARIATIONS.get(lift, "a close variation of it")
