"""Concrete suggestions: catalog exercises with sets and reps, in the words the bot uses.

Each prescription names a catalog exercise (its key is kept next to the wording, and a
test checks the wording resolves back to that key), so a person can log exactly what was
suggested. Work stays at 6-12 reps (the hypertrophy range of the ACSM position stand),
except the main lifts for goal ``strength``: 3-5 reps at RPE 7-9 (inside ACSM's 1-6 RM).

A *slot* is one job in a session ("a squat", "a hinge") with alternatives in order of
preference. ``pick`` takes the first the person can do with the equipment they logged in
the last 8 weeks (bodyweight-only people get bodyweight progressions) and never one whose
pattern is ``spared``: movement patterns that load a painful area (``coach.care``). When a
whole slot is spared, its pain-free stand-ins are tried, nearest first; each list of
stand-ins ends with a pattern no pain area spares (leg curl, face pull), so advice is
never empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from coach.catalog import load_catalog
from coach.training import Goal, Profile
from coach.vocabulary import Equipment, Pattern

COMBINED_SESSION_MAX_DAYS = 3
"""With this few training days, legs share a session with back instead of needing a day."""

E = Equipment
FREE_WEIGHTS = frozenset({E.BARBELL, E.DUMBBELL, E.KETTLEBELL})
GYM = frozenset(Equipment) - {E.BODYWEIGHT, E.BAND, E.OTHER}
ANYWHERE = frozenset(Equipment)
BARBELL = frozenset({E.BARBELL})
DUMBBELL = frozenset({E.DUMBBELL})
DB_OR_KB = frozenset({E.DUMBBELL, E.KETTLEBELL})

MAIN_LIFT_KEYS = frozenset({"back_squat", "bench_press", "deadlift", "overhead_press"})
STRENGTH_REPS = "3-5 at RPE 7-9"


@dataclass(frozen=True, slots=True)
class Prescription:
    """``sets`` (three unless said) x ``reps`` of one catalog exercise; ``each_leg`` for
    single-leg work.

    ``needs`` is the equipment any of which lets a person do it; ``pattern`` is read
    from the catalog, so a spared (painful) pattern is never prescribed.
    """

    key: str
    words: str
    reps: str
    needs: frozenset[Equipment] = ANYWHERE
    sets: int = 3
    each_leg: bool = False

    @property
    def pattern(self) -> Pattern:
        """The exercise's movement pattern, as the catalog (``exercises.toml``) gives it."""
        exercise = load_catalog().get(self.key)
        if exercise is None:
            raise KeyError(f"prescription of {self.key!r}, which the catalog does not know")
        return exercise.pattern

    def __str__(self) -> str:
        side = " each leg" if self.each_leg else ""
        return f"{self.words} {self.sets} x {self.reps}{side}"


P = Prescription
BACK_SQUAT = P("back_squat", "back squat", "6-8", BARBELL)
LEG_PRESS = P("leg_press", "leg press", "10-12", frozenset({E.MACHINE, E.SMITH}))
GOBLET = P("goblet_squat", "goblet squat", "8-12", FREE_WEIGHTS)
RDL = P("romanian_deadlift", "Romanian deadlift", "8-10", BARBELL)
DB_RDL = P("dumbbell_romanian_deadlift", "dumbbell Romanian deadlift", "8-12", DB_OR_KB)
SL_RDL = P("single_leg_romanian_deadlift", "single-leg RDL", "8-12", each_leg=True)
SPLIT_SQUAT = P("bulgarian_split_squat", "Bulgarian split squat", "10", sets=2, each_leg=True)
BW_SPLIT_SQUAT = P(
    "bulgarian_split_squat",
    "Bulgarian split squat",
    "8-12 with a 3-second lowering",
    each_leg=True,
)
LEG_CURL = P("lying_leg_curl", "lying leg curl", "10-12", GYM)
NORDIC = P("nordic_curl", "nordic curl", "6-8")
HIP_THRUST = P("hip_thrust", "hip thrust", "8-10", BARBELL)
MACHINE_THRUST = P("machine_hip_thrust", "machine hip thrust", "8-12", frozenset({E.MACHINE}))
SL_HIP_THRUST = P("single_leg_hip_thrust", "single-leg hip thrust", "10-12", each_leg=True)
BENCH = P("bench_press", "bench press", "6-10", BARBELL)
DB_BENCH = P("dumbbell_bench_press", "dumbbell bench press", "8-12", DUMBBELL)
MACHINE_PRESS = P("machine_chest_press", "machine chest press", "8-12", GYM)
PUSH_UP = P("push_up", "push-up", "8-12")
INCLINE_DB = P("incline_dumbbell_press", "incline dumbbell press", "8-12", DUMBBELL)
INCLINE_BB = P("incline_bench_press", "incline bench press", "6-10", BARBELL)
OVERHEAD = P("overhead_press", "overhead press", "6-10", BARBELL)
DB_OVERHEAD = P("dumbbell_shoulder_press", "dumbbell shoulder press", "8-12", DB_OR_KB)
MACHINE_OVERHEAD = P("machine_shoulder_press", "machine shoulder press", "8-12", GYM)
PIKE = P("pike_push_up", "pike push-up", "6-10")
LATERAL = P("lateral_raise", "lateral raise", "10-12", DB_OR_KB)
CABLE_LATERAL = P("cable_lateral_raise", "cable lateral raise", "10-12", GYM)
ROW = P("barbell_row", "barbell row", "8-10", BARBELL)
DB_ROW = P("dumbbell_row", "dumbbell row", "8-12", DB_OR_KB)
CABLE_ROW = P("seated_cable_row", "seated cable row", "8-12", GYM)
INVERTED_ROW = P("inverted_row", "inverted row", "8-12")
PULL_UP = P("pull_up", "pull-up", "6-10", FREE_WEIGHTS | {E.BODYWEIGHT})
PULLDOWN = P("lat_pulldown", "lat pulldown", "8-12", GYM)

Slot = tuple[Prescription, ...]
SQUAT_SLOT: Slot = (BACK_SQUAT, LEG_PRESS, GOBLET, BW_SPLIT_SQUAT)
HINGE_SLOT: Slot = (RDL, DB_RDL, SL_RDL)
SINGLE_LEG_SLOT: Slot = (replace(SPLIT_SQUAT, needs=GYM), BW_SPLIT_SQUAT)
KNEE_FLEXION_SLOT: Slot = (LEG_CURL, NORDIC)
GLUTE_SLOT: Slot = (HIP_THRUST, MACHINE_THRUST, SL_HIP_THRUST)
BENCH_SLOT: Slot = (BENCH, DB_BENCH, MACHINE_PRESS, PUSH_UP)
INCLINE_SLOT: Slot = (INCLINE_DB, INCLINE_BB, MACHINE_PRESS, PUSH_UP)
OVERHEAD_SLOT: Slot = (OVERHEAD, DB_OVERHEAD, MACHINE_OVERHEAD, PIKE)
LATERAL_SLOT: Slot = (LATERAL, CABLE_LATERAL, PIKE)
ROW_SLOT: Slot = (ROW, DB_ROW, CABLE_ROW, INVERTED_ROW)
PULL_SLOT: Slot = (PULL_UP, PULLDOWN)
SQUAT_PRIORITY: Slot = (replace(BACK_SQUAT, sets=4),)

LEG_EXTENSION = P("leg_extension", "leg extension", "10-12", GYM)
FACE_PULL = P("face_pull", "face pull", "10-12", GYM)
CHEST_SUPPORTED_ROW = P("chest_supported_row", "chest-supported row", "8-12")
LEG_STAND_INS: Slot = (
    SPLIT_SQUAT,
    HIP_THRUST,
    RDL,
    LEG_CURL,
    SL_HIP_THRUST,
    SL_RDL,
    LEG_EXTENSION,
    NORDIC,
)
UPPER_STAND_INS: Slot = (INCLINE_DB, PUSH_UP, LATERAL, CHEST_SUPPORTED_ROW, FACE_PULL)
PULL_STAND_INS: Slot = (CHEST_SUPPORTED_ROW, INVERTED_ROW, FACE_PULL)

LEG_SESSION = (SQUAT_SLOT, HINGE_SLOT, SINGLE_LEG_SLOT)
"""The compound leg day the spec asks for: squat, RDL and split squat."""
BACK_AND_LEGS_SESSION = (SQUAT_SLOT, HINGE_SLOT, SINGLE_LEG_SLOT, ROW_SLOT, PULL_SLOT)
UPPER_SESSION = (BENCH_SLOT, ROW_SLOT, OVERHEAD_SLOT, PULL_SLOT)
POSTERIOR_WORK = (HINGE_SLOT, KNEE_FLEXION_SLOT)
PULLING_WORK = (ROW_SLOT, PULL_SLOT)

GROUP_WORK: dict[str, tuple[Slot, ...]] = {
    "quads": (SQUAT_SLOT, SINGLE_LEG_SLOT),
    "hamstrings": (HINGE_SLOT, KNEE_FLEXION_SLOT),
    "glutes": (GLUTE_SLOT, SINGLE_LEG_SLOT),
    "chest": (BENCH_SLOT, INCLINE_SLOT),
    "back": (ROW_SLOT, PULL_SLOT),
    "shoulders": (OVERHEAD_SLOT, LATERAL_SLOT),
}
"""Work per MUSCLE_LOW group (keyed by the group's name)."""

RUNNER_LEG_SESSION = (
    replace(BACK_SQUAT, reps="4-6"),
    replace(LEG_PRESS, reps="6-8"),
    replace(GOBLET, reps="6-8"),
    replace(BW_SPLIT_SQUAT, sets=2),
)
"""Heavy, short work for endurance athletes (Blagrove et al. 2018: heavy strength
training improves running economy): few reps, few sets, about 30 minutes."""

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
"""A close variation to rotate in when a lift (family) stalls (all catalog exercises)."""

ALL_SLOTS: tuple[Slot, ...] = (
    SQUAT_SLOT,
    HINGE_SLOT,
    SINGLE_LEG_SLOT,
    KNEE_FLEXION_SLOT,
    GLUTE_SLOT,
    BENCH_SLOT,
    INCLINE_SLOT,
    OVERHEAD_SLOT,
    LATERAL_SLOT,
    ROW_SLOT,
    PULL_SLOT,
    SQUAT_PRIORITY,
    LEG_STAND_INS,
    UPPER_STAND_INS,
    PULL_STAND_INS,
)
ALL_PRESCRIPTIONS = (*(p for slot in ALL_SLOTS for p in slot), *RUNNER_LEG_SESSION)

_LEG_PATTERNS = frozenset(
    {Pattern.SQUAT, Pattern.LUNGE, Pattern.HINGE, Pattern.KNEE_EXTENSION, Pattern.KNEE_FLEXION}
)


def stand_ins(slot: Slot) -> Slot:
    """What may replace a slot whose options are all spared: work of the same body part."""
    if slot[0].pattern in _LEG_PATTERNS:
        return LEG_STAND_INS
    if slot[0].pattern in (Pattern.HORIZONTAL_PULL, Pattern.VERTICAL_PULL):
        return PULL_STAND_INS
    return UPPER_STAND_INS


@dataclass(frozen=True, slots=True)
class Means:
    """What advice for one person may use: equipment logged lately (empty: unknown, any),
    patterns to spare, and the goal (strength changes the main lifts' reps)."""

    equipment: frozenset[Equipment] = frozenset()
    spared: frozenset[Pattern] = frozenset()
    goal: Goal = Goal.BALANCED


def _usable(equipment: frozenset[Equipment]) -> frozenset[Equipment]:
    # A smith machine is a machine for choosing exercises; bodyweight work is always there.
    return equipment | ({E.MACHINE} if E.SMITH in equipment else set()) | {E.BODYWEIGHT}


def pick(slot: Slot, means: Means, taken: frozenset[str] = frozenset()) -> Prescription | None:
    """The first option of ``slot`` the person can do and not already ``taken``; when all
    are spared, the first pain-free stand-in; None only when nothing is left."""
    allowed = [p for p in slot if p.pattern not in means.spared and p.key not in taken]
    if not allowed and any(p.pattern in means.spared for p in slot):
        allowed = [
            p for p in stand_ins(slot) if p.pattern not in means.spared and p.key not in taken
        ]
    if not allowed:
        return None
    chosen = allowed[0]
    if means.equipment:
        usable = _usable(means.equipment)
        chosen = next((p for p in allowed if p.needs & usable), allowed[-1])
    if means.goal is Goal.STRENGTH and chosen.key in MAIN_LIFT_KEYS:
        chosen = replace(chosen, sets=4, reps=STRENGTH_REPS)
    return chosen


def work(slots: Iterable[Slot], means: Means) -> tuple[Prescription, ...]:
    """One prescription per slot, duplicates and fully spared slots left out."""
    chosen: list[Prescription] = []
    for slot in slots:
        p = pick(slot, means, frozenset(c.key for c in chosen))
        if p is not None:
            chosen.append(p)
    return tuple(chosen)


def pain_free(
    slots: Iterable[Slot], spared: frozenset[Pattern] = frozenset()
) -> tuple[Prescription, ...]:
    """``work`` for someone whose only limit is ``spared`` (any equipment, any goal)."""
    return work(slots, Means(spared=spared))


def listing(prescriptions: Iterable[Prescription]) -> str:
    """``back squat 3 x 6-8, Romanian deadlift 3 x 8-10, ...``."""
    return ", ".join(str(p) for p in prescriptions)


def prescribe(slots: Iterable[Slot], means: Means) -> str:
    return listing(work(slots, means))


def combines_back_and_legs(profile: Profile) -> bool:
    """Whether legs should share a session with back: few training days a week."""
    days = profile.days_per_week
    return days is not None and days <= COMBINED_SESSION_MAX_DAYS


def proposed_leg_session(
    profile: Profile,
    spared: frozenset[Pattern] = frozenset(),
    equipment: frozenset[Equipment] = frozenset(),
) -> str:
    """The concrete next leg session for this person, as a list of exercises.

    People who train three days or fewer get back and legs together, so legs fit twice
    a week without an extra gym day. Reminders reuse this text.
    """
    means = Means(equipment, spared, profile.goal)
    if combines_back_and_legs(profile):
        return prescribe(BACK_AND_LEGS_SESSION, means)
    return prescribe(LEG_SESSION, means)


def runner_leg_session(means: Means) -> str:
    """Two short strength sessions' worth of legs for an endurance athlete."""
    return prescribe((RUNNER_LEG_SESSION[:3], RUNNER_LEG_SESSION[3:]), means)


def variation_for(lift: str) -> str:
    return VARIATIONS.get(lift, "a close variation of it")
