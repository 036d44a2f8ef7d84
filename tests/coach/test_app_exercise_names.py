"""The apps' built-in exercise names (tests/data/app_exercises) resolve to the right lifts.

Issue 14 asks for 98 % of each list. Strong's names (as its users' exports show them) reach
it; for Hevy, Liftosaur and FitNotes today's floors are lower and pinned here so they can
only go up: what is left unresolved is cardio, Olympic variants, mobility and neck work the
catalog has no exercise for yet (a failing run prints the misses).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.catalog import load_catalog

DATA = Path(__file__).parents[1] / "data" / "app_exercises"
FLOORS = {"strong.tsv": 0.98, "hevy.tsv": 0.84, "liftosaur.tsv": 0.87, "fitnotes.tsv": 0.92}


def names(file: str) -> list[str]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("file", "floor"), FLOORS.items())
def test_each_apps_list_resolves_at_least_its_floor(file: str, floor: float) -> None:
    catalog = load_catalog()
    listed = names(file)
    missed = [name for name in listed if catalog.resolve(name).exercise is None]
    rate = 1 - len(missed) / len(listed)
    assert len(listed) >= 80
    assert rate >= floor, f"{rate:.1%} resolved; missed: {'; '.join(missed)}"


# Checked by hand: the app's name, and the catalog exercise it is.
VERIFIED = [
    ("Bench Press (Barbell)", "bench_press"),
    ("Bench Press (Dumbbell)", "dumbbell_bench_press"),
    ("Bench Press (Smith Machine)", "smith_bench_press"),
    ("Bench Press - Close Grip (Barbell)", "close_grip_bench_press"),
    ("Incline Bench Press (Dumbbell)", "incline_dumbbell_press"),
    ("Squat (Barbell)", "back_squat"),
    ("Squat (Smith Machine)", "smith_squat"),
    ("Squat (Dumbbell)", "dumbbell_squat"),
    ("Front Squat", "front_squat"),
    ("Deadlift (Barbell)", "deadlift"),
    ("Deadlift (Trap bar)", "trap_bar_deadlift"),
    ("Romanian Deadlift (Dumbbell)", "dumbbell_romanian_deadlift"),
    ("Hip Thrust (Barbell)", "hip_thrust"),
    ("Hip Thrust (Machine)", "machine_hip_thrust"),
    ("Lat Pulldown (Cable)", "lat_pulldown"),
    ("Lat Pulldown - Close Grip (Cable)", "close_grip_pulldown"),
    ("Seated Shoulder Press (Machine)", "machine_shoulder_press"),
    ("Overhead Press (Barbell)", "overhead_press"),
    ("Overhead Press (Dumbbell)", "dumbbell_shoulder_press"),
    ("Wide Pull Up", "pull_up"),
    ("Pull Up (Assisted)", "assisted_pull_up"),
    ("Chin Up", "chin_up"),
    ("Bent Over Row (Barbell)", "barbell_row"),
    ("Bent Over Row (Dumbbell)", "dumbbell_row"),
    ("Seated Cable Row - V Grip (Cable)", "seated_cable_row"),
    ("Iso-Lateral Row (Machine)", "machine_row"),
    ("Leg Press (Machine)", "leg_press"),
    ("Leg Extension (Machine)", "leg_extension"),
    ("Lying Leg Curl (Machine)", "lying_leg_curl"),
    ("Seated Leg Curl (Machine)", "seated_leg_curl"),
    ("Standing Calf Raise (Smith)", "standing_calf_raise"),
    ("Bulgarian Split Squat", "bulgarian_split_squat"),
    ("Lateral Raise (Cable)", "cable_lateral_raise"),
    ("Butterfly (Pec Deck)", "pec_deck"),
    ("Triceps Rope Pushdown", "rope_pushdown"),
    ("Skullcrusher (Barbell)", "skull_crusher"),
    ("Bicep Curl (Cable)", "cable_curl"),
    ("Hammer Curl (Dumbbell)", "hammer_curl"),
    ("Preacher Curl (Machine)", "machine_preacher_curl"),
    ("Chest Dip (Assisted)", "dip"),
    ("Hanging Leg Raise", "hanging_leg_raise"),
    ("Cable Crunch", "cable_crunch"),
    # Liftosaur
    ("Bench Press Wide Grip", "bench_press"),
    ("Bent Over One Arm Row", "dumbbell_row"),
    ("Calf Press on Leg Press", "leg_press_calf_raise"),
    ("Chest-Supported Row", "chest_supported_row"),
    ("Glute Bridge March", "glute_bridge"),
    ("Iso-Lateral Chest Press", "machine_chest_press"),
    ("Knees to Elbows", "toes_to_bar"),
    ("Side Lying Clam", "clamshell"),
    ("Single Leg Glute Bridge On Bench", "single_leg_glute_bridge"),
    ("Standing Row Rear Delt With Rope", "face_pull"),
    # Strong
    ("Knee Raise (Captain's Chair)", "hanging_knee_raise"),
    ("Incline Curl (Dumbbell)", "incline_dumbbell_curl"),
    ("Reverse Fly (Machine)", "reverse_pec_deck"),
    ("Seated Row (Cable)", "seated_cable_row"),
    ("Triceps Pushdown (Cable - Straight Bar)", "triceps_pushdown"),
    # FitNotes
    ("Flat Barbell Bench Press", "bench_press"),
    ("Flat Dumbbell Bench Press", "dumbbell_bench_press"),
    ("Barbell Squat", "back_squat"),
    ("Close Grip Barbell Bench Press", "close_grip_bench_press"),
    ("Neutral Chin Up", "neutral_grip_pull_up"),
    ("Straight-Arm Cable Pushdown", "straight_arm_pulldown"),
    ("EZ-Bar Skullcrusher", "skull_crusher"),
    # one letter from another lift: these once matched a push-up, a leg press and a dip
    ("Close Grip Pull Up", "pull_up"),
    ("Log Press", "overhead_press"),
    ("Seated Machine Fly", "pec_deck"),
]


@pytest.mark.parametrize(("name", "key"), VERIFIED)
def test_app_names_resolve_to_the_right_exercise_region_and_pattern(name: str, key: str) -> None:
    catalog = load_catalog()
    expected = catalog.get(key)
    assert expected is not None
    found = catalog.resolve(name).exercise
    assert found is not None, name
    assert (found.key, found.region, found.pattern) == (key, expected.region, expected.pattern)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Squat (Smith Machine)", "smith_squat"),
        ("Shrug (Smith Machine)", "barbell_shrug"),
        ("Front Raise (Suspension)", "front_raise"),
        ("Bench Press - Wide Grip (Barbell)", "bench_press"),
    ],
)
def test_a_bracketed_or_dashed_qualifier_falls_back_to_the_lift(name: str, key: str) -> None:
    resolution = load_catalog().resolve(name)
    assert resolution.exercise is not None
    assert resolution.exercise.key == key
    assert resolution.how in ("exact", "normalised")
