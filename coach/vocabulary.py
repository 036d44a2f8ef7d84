"""The fixed words the balance model classifies exercises with (see balance-model.md)."""

from __future__ import annotations

from enum import StrEnum


class Region(StrEnum):
    LOWER = "lower"
    UPPER = "upper"
    CORE = "core"
    FULL = "full"
    """Olympic lifts and their variants: half a lower and half an upper set (M2)."""
    CARDIO = "cardio"
    """Running, cycling, rowing...: recognised and stored, counted in no set metric."""


class Pattern(StrEnum):
    SQUAT = "squat"
    LUNGE = "lunge"
    HINGE = "hinge"
    KNEE_EXTENSION = "knee_extension"
    KNEE_FLEXION = "knee_flexion"
    CALF = "calf"
    HIP_ABDUCTION = "hip_abduction"
    HIP_ADDUCTION = "hip_adduction"
    HORIZONTAL_PUSH = "horizontal_push"
    VERTICAL_PUSH = "vertical_push"
    HORIZONTAL_PULL = "horizontal_pull"
    VERTICAL_PULL = "vertical_pull"
    ELBOW_FLEXION = "elbow_flexion"
    ELBOW_EXTENSION = "elbow_extension"
    LATERAL_RAISE = "lateral_raise"
    CARRY = "carry"
    CORE = "core"
    OLYMPIC = "olympic"
    CARDIO = "cardio"
    OTHER = "other"


class Muscle(StrEnum):
    CHEST = "chest"
    FRONT_DELTS = "front_delts"
    SIDE_DELTS = "side_delts"
    REAR_DELTS = "rear_delts"
    TRICEPS = "triceps"
    BICEPS = "biceps"
    FOREARMS = "forearms"
    LATS = "lats"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    ABS = "abs"
    QUADS = "quads"
    HAMSTRINGS = "hamstrings"
    GLUTES = "glutes"
    CALVES = "calves"
    ADDUCTORS = "adductors"
    ABDUCTORS = "abductors"


class Equipment(StrEnum):
    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"
    CABLE = "cable"
    SMITH = "smith"
    """Kept apart from machine (keys and custom exercises already store it); advice treats
    a smith machine as a machine when it picks exercises from the equipment used."""
    BODYWEIGHT = "bodyweight"
    BAND = "band"
    OTHER = "other"


class Balance(StrEnum):
    """Which side of push:pull (M8) an Olympic lift counts on: the pulls from below the
    knee (snatch, clean and their pulls) are pulls, the jerk is a vertical push."""

    PUSH = "push"
    PULL = "pull"


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"


KG_PER_LB = 0.45359237
METRES_PER_MILE = 1609.344
