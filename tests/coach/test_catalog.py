"""The exercise catalog: its data, how typed names resolve, and autocomplete search."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest

from coach.catalog import (
    FUZZY_THRESHOLD,
    Catalog,
    Resolution,
    load_catalog,
    normalise_name,
    parse_catalog,
)
from coach.exercise import Exercise
from coach.vocabulary import Equipment, Muscle, Pattern, Region

# The fixed muscle list of balance-model.md, "Exercise classification", copied on purpose so
# that a change to the enum without the spec (or the other way round) fails here.
SPEC_MUSCLES = {
    "chest", "front_delts", "side_delts", "rear_delts", "triceps", "biceps", "forearms",
    "lats", "upper_back", "lower_back", "abs", "quads", "hamstrings", "glutes", "calves",
    "adductors", "abductors",
}  # fmt: skip
SPEC_PATTERNS = {
    "squat", "lunge", "hinge", "knee_extension", "knee_flexion", "calf", "hip_abduction",
    "hip_adduction", "horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull",
    "elbow_flexion", "elbow_extension", "lateral_raise", "carry", "core", "olympic", "cardio",
    "other",
}  # fmt: skip
SPEC_REGIONS = {"lower", "upper", "core", "full", "cardio"}
SPEC_EQUIPMENT = {
    "barbell", "dumbbell", "kettlebell", "machine", "cable", "band", "bodyweight", "other",
    "smith",  # kept from v1 (stored keys use it); advice treats it as a machine
}  # fmt: skip

# Keys other modules (balance model, advice, worked examples) refer to by name.
REFERENCED_KEYS = [
    "back_squat", "front_squat", "bench_press", "deadlift", "romanian_deadlift",
    "bulgarian_split_squat", "leg_press", "leg_extension", "lying_leg_curl", "seated_leg_curl",
    "standing_calf_raise", "hip_thrust", "barbell_row", "pull_up", "chin_up", "overhead_press",
    "incline_dumbbell_press", "incline_bench_press", "dip", "barbell_curl", "triceps_pushdown",
    "lateral_raise", "split_squat", "walking_lunge", "plank", "lat_pulldown", "goblet_squat",
    "hack_squat",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def custom(name: str, key: str = "custom:1", **fields: object) -> Exercise:
    """A custom exercise as storage builds them: the name is also its only alias."""
    values: dict[str, object] = {
        "region": Region.LOWER,
        "pattern": Pattern.OTHER,
        "primary": (Muscle.QUADS,),
    }
    values.update(fields)
    return Exercise(key=key, name=name, aliases=(name,), **values)  # type: ignore[arg-type]


# --- The data --------------------------------------------------------------------------------


def test_catalog_loads_validated_and_cached(catalog: Catalog) -> None:
    assert len(catalog) >= 170
    assert len(catalog.exercises) == len(catalog)
    assert isinstance(catalog.exercises, tuple)
    assert load_catalog() is catalog


def test_exercises_by_key_include_peoples_own(catalog: Catalog) -> None:
    sissy = custom("Sissy Squat", key="custom:7")
    found = catalog.by_key([sissy])

    assert found["custom:7"] is sissy
    assert found["back_squat"].region is Region.LOWER
    assert len(found) == len(catalog) + 1
    assert "custom:7" not in catalog.by_key()


def test_muscles_regions_and_patterns_are_the_specs(catalog: Catalog) -> None:
    assert {m.value for m in Muscle} == SPEC_MUSCLES
    assert {p.value for p in Pattern} == SPEC_PATTERNS
    assert {r.value for r in Region} == SPEC_REGIONS
    assert {e.value for e in Equipment} == SPEC_EQUIPMENT
    for exercise in catalog:
        assert 1 <= len(exercise.primary) <= 2, exercise.key
        assert {*exercise.primary, *exercise.secondary} <= SPEC_MUSCLES, exercise.key
        assert not set(exercise.primary) & set(exercise.secondary), exercise.key
        assert isinstance(exercise.region, Region)
        assert isinstance(exercise.pattern, Pattern)
        assert isinstance(exercise.equipment, Equipment)


def test_every_pattern_is_covered_and_legs_are_as_complete_as_upper_body(
    catalog: Catalog,
) -> None:
    patterns = Counter(e.pattern for e in catalog)
    assert set(Pattern) - {Pattern.OTHER} <= set(patterns)
    regions = Counter(e.region for e in catalog)
    assert regions[Region.LOWER] >= 60
    assert regions[Region.LOWER] >= regions[Region.UPPER] * 0.8
    assert regions[Region.CORE] >= 15
    # Every leg muscle gets direct work from several exercises.
    for muscle in (Muscle.QUADS, Muscle.HAMSTRINGS, Muscle.GLUTES, Muscle.CALVES):
        assert sum(muscle in e.primary for e in catalog) >= 5, muscle
    for muscle in (Muscle.ADDUCTORS, Muscle.ABDUCTORS):
        assert sum(muscle in e.primary for e in catalog) >= 3, muscle


@pytest.mark.parametrize("key", REFERENCED_KEYS)
def test_keys_the_rest_of_the_code_uses_exist(catalog: Catalog, key: str) -> None:
    exercise = catalog.get(key)
    assert exercise is not None
    assert exercise.key == key


def test_keys_are_snake_case_and_names_distinct(catalog: Catalog) -> None:
    for exercise in catalog:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", exercise.key), exercise.key
    names = [e.name.casefold() for e in catalog]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("key", "region", "pattern"),
    [
        ("deadlift", Region.LOWER, Pattern.HINGE),
        ("romanian_deadlift", Region.LOWER, Pattern.HINGE),
        ("good_morning", Region.LOWER, Pattern.HINGE),
        ("hip_thrust", Region.LOWER, Pattern.HINGE),
        ("back_extension", Region.LOWER, Pattern.HINGE),
        ("nordic_curl", Region.LOWER, Pattern.KNEE_FLEXION),
        ("glute_ham_raise", Region.LOWER, Pattern.KNEE_FLEXION),
        ("bulgarian_split_squat", Region.LOWER, Pattern.LUNGE),
        ("step_up", Region.LOWER, Pattern.LUNGE),
        ("leg_press", Region.LOWER, Pattern.SQUAT),
        ("leg_extension", Region.LOWER, Pattern.KNEE_EXTENSION),
        ("standing_calf_raise", Region.LOWER, Pattern.CALF),
        ("hip_adduction_machine", Region.LOWER, Pattern.HIP_ADDUCTION),
        ("copenhagen_plank", Region.LOWER, Pattern.HIP_ADDUCTION),
        ("hip_abduction_machine", Region.LOWER, Pattern.HIP_ABDUCTION),
        ("bench_press", Region.UPPER, Pattern.HORIZONTAL_PUSH),
        ("overhead_press", Region.UPPER, Pattern.VERTICAL_PUSH),
        ("barbell_row", Region.UPPER, Pattern.HORIZONTAL_PULL),
        ("pull_up", Region.UPPER, Pattern.VERTICAL_PULL),
        ("barbell_curl", Region.UPPER, Pattern.ELBOW_FLEXION),
        ("triceps_pushdown", Region.UPPER, Pattern.ELBOW_EXTENSION),
        ("lateral_raise", Region.UPPER, Pattern.LATERAL_RAISE),
        ("farmers_carry", Region.UPPER, Pattern.CARRY),
        ("plank", Region.CORE, Pattern.CORE),
    ],
)
def test_classification_of_landmark_lifts(
    catalog: Catalog, key: str, region: Region, pattern: Pattern
) -> None:
    exercise = catalog.get(key)
    assert exercise is not None
    assert (exercise.region, exercise.pattern) == (region, pattern)


@pytest.mark.parametrize(
    ("key", "bodyweight"),
    [
        ("pull_up", True),
        ("chin_up", True),
        ("dip", True),
        ("push_up", True),
        ("pistol_squat", True),
        ("nordic_curl", True),
        ("plank", True),
        ("back_squat", False),
        ("lat_pulldown", False),
        ("leg_press", False),
    ],
)
def test_bodyweight_flag(catalog: Catalog, key: str, bodyweight: bool) -> None:
    exercise = catalog.get(key)
    assert exercise is not None
    assert exercise.bodyweight is bodyweight


def test_worked_example_muscles(catalog: Catalog) -> None:
    # Spec example 1 expects MUSCLE_LOW for quads, hamstrings and glutes after an upper-only
    # week, so no upper lift may list a leg muscle as primary.
    legs = {Muscle.QUADS, Muscle.HAMSTRINGS, Muscle.GLUTES}
    for exercise in catalog:
        if exercise.region is Region.UPPER:
            assert not legs & set(exercise.primary), exercise.key
    # Example 4 (legs only plus 3 pull-ups) expects chest, shoulders and back to read low, so
    # its leg lifts may not count for any of them, even as secondary muscles.
    upper = {Muscle.CHEST, Muscle.LATS, Muscle.UPPER_BACK}
    upper |= {Muscle.FRONT_DELTS, Muscle.SIDE_DELTS, Muscle.REAR_DELTS}
    for key in ("back_squat", "romanian_deadlift", "bulgarian_split_squat", "leg_press"):
        lift = catalog.get(key)
        assert lift is not None
        assert not upper & {*lift.primary, *lift.secondary}, key


def test_every_spelling_resolves_exactly_to_its_own_exercise(catalog: Catalog) -> None:
    for exercise in catalog:
        for spelling in (exercise.key, exercise.name, *exercise.aliases):
            resolution = catalog.resolve(spelling)
            assert resolution.exercise == exercise, spelling
            assert resolution.how == "exact"
            assert resolution.confidence == 1.0
            assert resolution.exercise == catalog.resolve(spelling.upper()).exercise


# --- Resolving typed names -------------------------------------------------------------------

TYPED = [
    # Plain names (balance-model.md's worked examples use these).
    ("squat", "back_squat"),
    ("bench", "bench_press"),
    ("row", "barbell_row"),
    ("curl", "barbell_curl"),
    ("leg curl", "lying_leg_curl"),
    ("calf raise", "standing_calf_raise"),
    ("press", "overhead_press"),
    ("ohp", "overhead_press"),
    ("incline press", "incline_bench_press"),
    ("pushdown", "triceps_pushdown"),
    ("split squat", "split_squat"),
    ("lunge", "walking_lunge"),
    ("lunges", "walking_lunge"),
    ("dips", "dip"),
    ("rdl", "romanian_deadlift"),
    ("bss", "bulgarian_split_squat"),
    ("back squat", "back_squat"),
    ("deadlift", "deadlift"),
    ("leg press", "leg_press"),
    ("leg extension", "leg_extension"),
    ("lateral raise", "lateral_raise"),
    ("incline dumbbell press", "incline_dumbbell_press"),
    # Abbreviations and equipment prefixes.
    ("DB Bench", "dumbbell_bench_press"),
    ("db bench press", "dumbbell_bench_press"),
    ("bb row", "barbell_row"),
    ("BB Bench", "bench_press"),
    ("sldl", "stiff_leg_deadlift"),
    ("ghr", "glute_ham_raise"),
    ("db rdl", "dumbbell_romanian_deadlift"),
    ("sl rdl", "single_leg_romanian_deadlift"),
    ("kb swings", "kettlebell_swing"),
    ("Sumo DL", "sumo_deadlift"),
    ("leg ext", "leg_extension"),
    ("ssb squats", "safety_bar_squat"),
    ("db ohp", "dumbbell_shoulder_press"),
    ("cgbp", "close_grip_bench_press"),
    ("hspu", "handstand_push_up"),
    ("incline db press", "incline_dumbbell_press"),
    ("barbell back squat", "back_squat"),
    ("machine leg press", "leg_press"),
    ("cable lat pulldown", "lat_pulldown"),
    ("dumbbell walking lunges", "walking_lunge"),
    ("dumbell curl", "dumbbell_curl"),
    ("hex bar deadlift", "trap_bar_deadlift"),
    ("smith machine squats", "smith_squat"),
    # Plurals, hyphens, spacing and case.
    ("Pull Ups", "pull_up"),
    ("pullups", "pull_up"),
    ("pull-up", "pull_up"),
    ("PULL-UPS", "pull_up"),
    ("weighted pull-ups", "pull_up"),
    ("chin up", "chin_up"),
    ("Chin-Ups", "chin_up"),
    ("push ups", "push_up"),
    ("press-ups", "push_up"),
    ("Bulgarian Split Squats", "bulgarian_split_squat"),
    ("Romanian deadlifts", "romanian_deadlift"),
    ("RDLs", "romanian_deadlift"),
    ("skullcrusher", "skull_crusher"),
    ("Skull-Crushers", "skull_crusher"),
    ("hip thrust", "hip_thrust"),
    ("hipthrust", "hip_thrust"),
    ("benchpress", "bench_press"),
    ("legpress", "leg_press"),
    ("lat pull-downs", "lat_pulldown"),
    ("tricep push downs", "triceps_pushdown"),
    ("t-bar row", "t_bar_row"),
    ("step-ups", "step_up"),
    ("Farmer's Walk", "farmers_carry"),
    ("farmer\u2019s carry", "farmers_carry"),
    ("45° extension", "back_extension_45"),
    ("45 degree back extension", "back_extension_45"),
    ("cable flys", "cable_fly"),
    ("rear delt flys", "reverse_fly"),
    ("calves", "standing_calf_raise"),
    ("nordic hamstring curls", "nordic_curl"),
    ("  hack   squat ", "hack_squat"),
    # Word order.
    ("press bench", "bench_press"),
    ("squat front", "front_squat"),
    ("hip thrusts barbell", "hip_thrust"),
    ("curl bicep", "dumbbell_curl"),
    # Typos.
    ("sqaut", "back_squat"),
    ("squatt", "back_squat"),
    ("benchpres", "bench_press"),
    ("dedlift", "deadlift"),
    ("deadlfit", "deadlift"),
    ("hip thurst", "hip_thrust"),
    ("romanain deadlift", "romanian_deadlift"),
    ("bulgarian split sqaut", "bulgarian_split_squat"),
    ("lat pulldwon", "lat_pulldown"),
    ("tricep pushdwn", "triceps_pushdown"),
    ("leg extention", "leg_extension"),
    ("calf raize", "standing_calf_raise"),
    ("inclien bench", "incline_bench_press"),
    ("hamer curl", "hammer_curl"),
    ("front sqat", "front_squat"),
    ("face pul", "face_pull"),
]


@pytest.mark.parametrize(("typed", "key"), TYPED)
def test_typed_names_resolve(catalog: Catalog, typed: str, key: str) -> None:
    resolution = catalog.resolve(typed)
    assert resolution.exercise is not None, resolution.suggestions
    assert resolution.exercise.key == key
    assert resolution.typed == typed.strip()
    assert resolution.confidence >= FUZZY_THRESHOLD
    assert resolution.how in {"exact", "normalised", "fuzzy"}
    assert resolution.suggestions == ()


def test_resolution_steps_are_reported(catalog: Catalog) -> None:
    assert catalog.resolve("Back Squat").how == "exact"
    assert catalog.resolve("back_squat").how == "exact"
    assert catalog.resolve("squats back").how == "normalised"
    typo = catalog.resolve("sqaut")
    assert typo.how == "fuzzy"
    assert FUZZY_THRESHOLD <= typo.confidence < 1.0


@pytest.mark.parametrize(
    "typed",
    [
        "zumba with friends",
        "asdf",
        "yoga",
        "squash",
        "tennis",
        "leg day",
        "",
        "   ",
        "!!!",
        "x" * 5000,
    ],
)
def test_unrelated_text_is_unresolved(catalog: Catalog, typed: str) -> None:
    resolution = catalog.resolve(typed)
    assert resolution.exercise is None
    assert resolution.how == "unresolved"
    assert isinstance(resolution.suggestions, tuple)
    assert len(resolution.suggestions) <= 3
    assert resolution.confidence < FUZZY_THRESHOLD


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # One letter from two exercises: asking beats guessing.
        ("rack squat", {"back_squat", "hack_squat"}),
        # (the pressing lifts done with dumbbells: bench, floor and push press are all asked)
        ("dumbbell press", {"dumbbell_bench_press", "dumbbell_floor_press"}),
        ("dumbbell back squat", {"dumbbell_squat", "back_squat"}),
        ("heavy squats", {"back_squat"}),
        ("dumbbell hip thrust", {"hip_thrust"}),
    ],
)
def test_near_misses_are_suggested_not_guessed(
    catalog: Catalog, typed: str, expected: set[str]
) -> None:
    resolution = catalog.resolve(typed)
    assert resolution.exercise is None
    assert resolution.how == "unresolved"
    assert 1 <= len(resolution.suggestions) <= 3
    assert expected <= {e.key for e in resolution.suggestions}
    assert resolution.confidence > 0


@pytest.mark.parametrize(
    ("typed", "lift"),
    [
        # "cable" is a few letters from "barbell": the typo allowance must not swap implements.
        ("cable rdl", "romanian_deadlift"),
        ("cable romanian deadlift", "romanian_deadlift"),
        ("Romanian Deadlift (Cable)", "romanian_deadlift"),
        ("machine rdl", "romanian_deadlift"),
    ],
)
def test_equipment_typed_before_a_lift_without_that_version_is_not_the_barbell_lift(
    catalog: Catalog, typed: str, lift: str
) -> None:
    resolution = catalog.resolve(typed)
    assert resolution.exercise is None
    assert resolution.how == "unresolved"
    assert lift in {e.key for e in resolution.suggestions}


@pytest.mark.parametrize(
    ("typed", "lift"),
    [
        ("Leg Curl (Cable)", "lying_leg_curl"),
        ("Face Pull (Band)", "face_pull"),
        ("Romanian Deadlift, Leverage Machine", "romanian_deadlift"),
    ],
)
def test_a_named_lift_on_equipment_without_its_version_is_offered_as_itself(
    catalog: Catalog, typed: str, lift: str
) -> None:
    # The lift was found by name; a typo match on the whole name picked another lift
    # (`Leg Curl (Cable)` was the bodyweight Swiss Ball Leg Curl).
    resolution = catalog.resolve(typed)
    assert resolution.exercise is None
    assert [e.key for e in resolution.suggestions] == [lift]


# What each shorthand resolved to before equipment typed first was checked: none was wrong.
SHORTHANDS = [
    ("db bench", "dumbbell_bench_press"),
    ("db row", "dumbbell_row"),
    ("cable row", "seated_cable_row"),
    ("smith squat", "smith_squat"),
    ("ez bar curl", "ez_bar_curl"),
    ("ez curl", "ez_bar_curl"),
    ("machine row", "machine_row"),
    ("hack squat", "hack_squat"),
    ("leg press", "leg_press"),
    ("t-bar row", "t_bar_row"),
    ("landmine press", "landmine_press"),
    ("trap bar deadlift", "trap_bar_deadlift"),
    ("ssb squat", "safety_bar_squat"),
    ("kb swing", "kettlebell_swing"),
    ("bb row", "barbell_row"),
    ("db rdl", "dumbbell_romanian_deadlift"),
    ("cable fly", "cable_fly"),
    ("machine chest press", "machine_chest_press"),
    # Typos still reach the version on the typed equipment.
    ("dumbell romanain deadlift", "dumbbell_romanian_deadlift"),
    ("cable crunh", "cable_crunch"),
]


@pytest.mark.parametrize(("typed", "key"), SHORTHANDS)
def test_equipment_shorthands_resolve_to_that_equipments_version(
    catalog: Catalog, typed: str, key: str
) -> None:
    resolution = catalog.resolve(typed)
    assert resolution.exercise is not None, resolution.suggestions
    assert resolution.exercise.key == key


def test_resolution_is_frozen(catalog: Catalog) -> None:
    resolution = catalog.resolve("squat")
    assert isinstance(resolution, Resolution)
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolution.confidence = 0.5  # type: ignore[misc]


def test_get(catalog: Catalog) -> None:
    squat = catalog.get("back_squat")
    assert squat is not None
    assert squat.name == "Back Squat"
    assert catalog.get("squat") is None
    assert catalog.get("") is None


def test_normalise_name() -> None:
    assert normalise_name("DB Bench Press") == normalise_name("dumbbell bench-presses")
    assert normalise_name("bench press (dumbbell)") == normalise_name("DB Bench Press")
    assert normalise_name("Pull-Ups") == normalise_name("pullup") == normalise_name("pull ups")
    assert normalise_name("RDLs") == normalise_name("Romanian Deadlift")
    assert normalise_name("Farmer’s walk") == normalise_name("farmers walks")
    assert normalise_name("Plié squat") == normalise_name("plie squats")
    assert normalise_name("Back Squat") != normalise_name("Front Squat")
    assert normalise_name("press") == "press"
    assert normalise_name("  ") == ""
    # Names in other scripts keep their letters, so custom exercises stay distinct.
    assert normalise_name("深蹲") == "深蹲"
    assert normalise_name("深蹲") != normalise_name("卧推")


# --- Custom exercises ------------------------------------------------------------------------


def test_custom_exercise_resolves_exactly_normalised_and_fuzzily(catalog: Catalog) -> None:
    sled = custom("Sled Sprint", region=Region.LOWER)
    for typed, how in [("sled sprint", "exact"), ("Sled-Sprints", "normalised")]:
        resolution = catalog.resolve(typed, [sled])
        assert resolution.exercise == sled
        assert resolution.how == how
    typo = catalog.resolve("sled sprnt", [sled])
    assert typo.exercise == sled
    assert typo.how == "fuzzy"
    assert catalog.resolve("sled sprint").exercise is None


def test_custom_exercise_wins_ties_with_the_catalog(catalog: Catalog) -> None:
    mine = custom("Back Squat", key="custom:7", primary=(Muscle.GLUTES,))
    # Same step for both (exact, normalised, fuzzy): the person's own exercise is meant.
    for typed in ("Back Squat", "squat, back", "bakc squat"):
        assert catalog.resolve(typed, [mine]).exercise == mine, typed
    # An earlier step still beats a later one: "back squats" is a catalog alias, exactly.
    assert catalog.resolve("back squats", [mine]).exercise == catalog.get("back_squat")
    # Without the custom exercise the catalog one is found as usual.
    assert catalog.resolve("bakc squat").exercise == catalog.get("back_squat")


def test_custom_exercises_do_not_hide_the_rest_of_the_catalog(catalog: Catalog) -> None:
    mine = [custom("Jefferson Curl", key="custom:1"), custom("Sissy Squat Machine", key="custom:2")]
    assert catalog.resolve("bench", mine).exercise == catalog.get("bench_press")
    assert catalog.resolve("sqaut", mine).exercise == catalog.get("back_squat")
    assert catalog.resolve("sissy squat", mine).exercise == catalog.get("sissy_squat")
    assert catalog.resolve("jeferson curl", mine).exercise == mine[0]


def test_custom_exercises_are_suggested(catalog: Catalog) -> None:
    mine = custom("Jefferson Curl Deficit Tempo", key="custom:3")
    resolution = catalog.resolve("jefferson tempo", [mine])
    assert resolution.exercise is None
    assert mine in resolution.suggestions


# --- Autocomplete ----------------------------------------------------------------------------


def test_search_without_text_lists_common_lifts_first(catalog: Catalog) -> None:
    results = catalog.search("")
    assert len(results) == 25
    keys = [e.key for e in results]
    assert keys[:3] == ["back_squat", "bench_press", "deadlift"]
    assert {"romanian_deadlift", "leg_press", "pull_up", "overhead_press"} <= set(keys)
    assert catalog.search("   ", limit=5) == results[:5]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("sq", "back_squat"),
        ("squat", "back_squat"),
        ("bench", "bench_press"),
        ("Bench Pr", "bench_press"),
        ("rdl", "romanian_deadlift"),
        ("db be", "dumbbell_bench_press"),
        ("pull-u", "pull_up"),
        ("pullu", "pull_up"),
        ("hip th", "hip_thrust"),
        ("leg e", "leg_extension"),
        ("bulg", "bulgarian_split_squat"),
        ("calf", "standing_calf_raise"),
        ("sqaut", "back_squat"),
        ("dedlift", "deadlift"),
    ],
)
def test_search_puts_the_likeliest_lift_first(catalog: Catalog, typed: str, first: str) -> None:
    results = catalog.search(typed)
    assert results, typed
    assert results[0].key == first


def test_search_prefers_name_words_and_finds_substrings(catalog: Catalog) -> None:
    squats = [e.key for e in catalog.search("sq", limit=10)]
    assert {"front_squat", "goblet_squat", "hack_squat"} <= set(squats)
    assert "snatch" not in squats  # only an alias ("squat snatch") starts with "sq"
    assert "cable_pull_through" in [e.key for e in catalog.search("throu")]
    assert "forward_lunge" not in [e.key for e in catalog.search("rdl")]


def test_search_limits_and_misses(catalog: Catalog) -> None:
    assert len(catalog.search("curl", limit=3)) == 3
    assert catalog.search("curl", limit=0) == []
    assert len(catalog.search("e")) <= 25
    assert catalog.search("zzzzqx") == []
    keys = [e.key for e in catalog.search("a")]
    assert len(keys) == len(set(keys))


# --- Validation ------------------------------------------------------------------------------

GOOD = """
[[exercise]]
key = "one"
name = "Thing One"
region = "lower"
pattern = "squat"
primary = ["quads"]
aliases = ["t1"]
"""


def entry(**overrides: str) -> str:
    fields = {
        "key": '"two"',
        "name": '"Thing Two"',
        "region": '"upper"',
        "pattern": '"horizontal_push"',
        "primary": '["chest"]',
    }
    fields.update(overrides)
    body = "\n".join(f"{k} = {v}" for k, v in fields.items())
    return f"{GOOD}\n[[exercise]]\n{body}\n"


def test_parse_catalog_accepts_a_good_file() -> None:
    parsed = parse_catalog(entry(secondary='["triceps"]', bodyweight="true", equipment='"band"'))
    assert len(parsed) == 2
    two = parsed.get("two")
    assert two is not None
    assert two.secondary == (Muscle.TRICEPS,)
    assert two.bodyweight is True
    assert two.equipment is Equipment.BAND
    one = parsed.get("one")
    assert one is not None
    assert one.equipment is Equipment.OTHER
    assert one.bodyweight is False
    assert parsed.resolve("T1").exercise == one


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"region": '"legs"'}, "unknown region"),
        ({"pattern": '"press"'}, "unknown pattern"),
        ({"primary": '["pecs"]'}, "unknown muscle"),
        ({"secondary": '["traps"]'}, "unknown muscle"),
        ({"primary": "[]"}, "1 or 2 primary"),
        ({"primary": '["chest", "triceps", "front_delts"]'}, "1 or 2 primary"),
        ({"secondary": '["chest"]'}, "both primary and secondary"),
        ({"equipment": '"rope"'}, "unknown equipment"),
        ({"bodyweight": '"yes"'}, "bodyweight"),
        ({"key": '"Two Things"'}, "snake_case"),
        ({"muscles": '["chest"]'}, "unknown field"),
        ({"aliases": '["T1"]'}, "already a key, name or alias of 'one'"),
        ({"aliases": '["thing-ones"]'}, "reads the same as"),
        ({"name": '"Thing One"'}, "already a key, name or alias of 'one'"),
    ],
)
def test_parse_catalog_rejects_bad_entries_naming_the_exercise(
    overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message) as error:
        parse_catalog(entry(**overrides))
    assert "two" in str(error.value).casefold()


def test_a_variant_like_an_earlier_lift_copies_what_the_lift_is_but_not_its_identity() -> None:
    text = GOOD.replace('aliases = ["t1"]', 'equipment = "barbell"\nfamily = "things"')
    text += '\n[[exercise]]\nkey = "band_one"\nname = "Band Thing One"\nlike = "one"\n'
    text += 'equipment = "band"\n'
    variant = parse_catalog(text).get("band_one")
    assert variant is not None
    assert (variant.region, variant.pattern, variant.primary) == (
        Region.LOWER,
        Pattern.SQUAT,
        (Muscle.QUADS,),
    )
    assert variant.equipment is Equipment.BAND
    assert (variant.name, variant.family, variant.aliases) == ("Band Thing One", "band_one", ())


def test_a_variant_must_be_like_an_earlier_exercise() -> None:
    with pytest.raises(ValueError, match="'two': like 'later' is not an earlier exercise"):
        parse_catalog(entry(like='"later"'))


def test_parse_catalog_rejects_duplicate_keys_and_unknown_common_keys() -> None:
    with pytest.raises(ValueError, match="'one': duplicate key"):
        parse_catalog(entry(key='"one"', name='"Other"'))
    with pytest.raises(ValueError, match="common lists unknown"):
        parse_catalog('common = ["nope"]\n' + GOOD)


# -- v2: Olympic lifts, cardio, equipment and families -------------------------------------

CARDIO_NAMES = [
    "run", "jog", "treadmill", "bike", "spin", "cycling", "row erg", "swim", "walk", "hike",
    "stair climber", "elliptical", "skipping",
]  # fmt: skip
OLYMPIC_NAMES = [
    "snatch", "clean", "jerk", "clean and jerk", "power clean", "power snatch", "hang clean",
    "hang power clean", "hang snatch", "muscle clean", "muscle snatch", "snatch pull",
    "clean pull", "push jerk", "thruster", "dumbbell thruster",
]  # fmt: skip


@pytest.mark.parametrize("name", CARDIO_NAMES)
def test_every_listed_cardio_activity_resolves_to_cardio(catalog: Catalog, name: str) -> None:
    exercise = catalog.resolve(name).exercise
    assert exercise is not None, name
    assert (exercise.region, exercise.pattern) == (Region.CARDIO, Pattern.CARDIO)
    assert exercise.is_cardio


@pytest.mark.parametrize("name", OLYMPIC_NAMES)
def test_olympic_lifts_are_full_body_olympic(catalog: Catalog, name: str) -> None:
    exercise = catalog.resolve(name).exercise
    assert exercise is not None, name
    assert (exercise.region, exercise.pattern) == (Region.FULL, Pattern.OLYMPIC), name


def test_stored_olympic_keys_are_kept_and_reclassified(catalog: Catalog) -> None:
    # Keys are stored with every logged set: v1's keys stay, only what they count as moves.
    for key in ("snatch", "power_clean", "hang_clean", "clean_and_jerk", "thruster"):
        exercise = catalog.get(key)
        assert exercise is not None, key
        assert exercise.region is Region.FULL, key


@pytest.mark.parametrize(
    ("name", "sides"),
    [
        ("snatch", {"pull"}),
        ("power clean", {"pull"}),
        ("snatch pull", {"pull"}),
        ("clean pull", {"pull"}),
        ("jerk", {"push"}),
        ("clean and jerk", {"pull", "push"}),
        ("hang clean", set()),
        ("thruster", set()),
    ],
)
def test_olympic_lifts_count_on_their_side_of_push_pull(
    catalog: Catalog, name: str, sides: set[str]
) -> None:
    exercise = catalog.resolve(name).exercise
    assert exercise is not None
    assert {b.value for b in exercise.balance} == sides


def test_every_exercise_has_equipment_and_a_family(catalog: Catalog) -> None:
    for exercise in catalog:
        assert exercise.equipment.value in SPEC_EQUIPMENT, exercise.key
        assert exercise.family, exercise.key


@pytest.mark.parametrize(
    ("family", "names"),
    [
        (
            "back_squat",
            ["back squat", "high bar squat", "low bar squat", "pause squat", "safety bar squat",
             "box squat", "front squat"],
        ),
        (
            "bench_press",
            ["bench press", "paused bench", "competition bench", "touch and go bench"],
        ),
        (
            "deadlift",
            ["deadlift", "conventional deadlift", "sumo deadlift", "competition deadlift"],
        ),
    ],
)  # fmt: skip
def test_main_lift_variants_share_their_family(
    catalog: Catalog, family: str, names: list[str]
) -> None:
    for name in names:
        exercise = catalog.resolve(name).exercise
        assert exercise is not None, name
        assert exercise.family == family, name


def test_front_squat_counts_at_85_percent_of_the_squat_family(catalog: Catalog) -> None:
    front, back = catalog.get("front_squat"), catalog.get("back_squat")
    assert front is not None
    assert back is not None
    assert (front.family_share, back.family_share) == (0.85, 1.0)


def test_a_balance_side_outside_olympic_lifts_is_refused() -> None:
    text = """
[[exercise]]
key = "x"
name = "X"
region = "upper"
pattern = "vertical_push"
primary = ["triceps"]
balance = ["push"]
"""
    with pytest.raises(ValueError, match="only Olympic lifts"):
        parse_catalog(text)
