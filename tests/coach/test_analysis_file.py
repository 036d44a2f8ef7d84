"""Reading the `legday analyze` file: the spec's example, unknowns, and clear errors."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from coach.analysis_file import load_analysis_input
from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.findings import Code, assess, to_json_dict
from coach.training import Goal, LegWeakness, Pain, PainArea, RedFlag, Sex
from coach.vocabulary import Muscle, Pattern, Region, Unit

CATALOG = load_catalog()

# The example from balance-model.md, verbatim.
SPEC_EXAMPLE = json.loads(
    """
{
  "as_of": "2026-11-21T20:00:00+00:00",
  "timezone": "Europe/Berlin",
  "profile": {"sex": "male", "bodyweight_kg": 82, "days_per_week": 4, "goal": "balanced"},
  "sets": [
    {"at": "2026-11-17T18:00:00+00:00", "exercise": "back squat", "weight_kg": 100,
     "reps": 5, "rpe": 8, "warmup": false}
  ],
  "checkins": [
    {"at": "2026-11-20T07:00:00+00:00", "sleep_hours": 6.5, "soreness": 2, "energy": 3,
     "leg_weakness": "none", "numbness_tingling": false,
     "pain": {"score": 5, "days": 21, "worsening": false, "location": "knee"},
     "red_flags": []}
  ]
}
"""
)


def example(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(SPEC_EXAMPLE)
    data.update(changes)
    return data


def with_set(**fields: Any) -> dict[str, Any]:
    row = {"at": "2026-11-18T18:00:00+00:00", "exercise": "bench press", **fields}
    return example(sets=[row])


def with_checkin(**fields: Any) -> dict[str, Any]:
    return example(checkins=[{"at": "2026-11-20T07:00:00+00:00", **fields}])


def test_the_spec_example_reads_in_full() -> None:
    read = load_analysis_input(SPEC_EXAMPLE, CATALOG)
    assert read.as_of.isoformat() == "2026-11-21T20:00:00+00:00"
    assert str(read.tz) == "Europe/Berlin"
    assert (read.profile.sex, read.profile.bodyweight_kg) == (Sex.MALE, 82)
    assert (read.profile.days_per_week, read.profile.goal) == (4, Goal.BALANCED)
    (s,) = read.sets
    assert s.exercise is not None
    assert s.exercise.key == "back_squat"
    assert (s.typed_name, s.weight_kg, s.reps, s.rpe, s.warmup) == ("back squat", 100, 5, 8, False)
    (c,) = read.checkins
    assert (c.sleep_hours, c.soreness, c.energy) == (6.5, 2, 3)
    assert c.leg_weakness == LegWeakness.NONE
    assert c.numbness_tingling is False
    assert c.pain == Pain(score=5, days=21, worsening=False, location="knee")
    assert c.red_flags == frozenset()


def test_the_spec_example_assesses_to_the_printed_shape() -> None:
    read = load_analysis_input(SPEC_EXAMPLE, CATALOG)
    result = assess(read.sets, read.checkins, read.profile, read.tz, read.as_of)
    data = to_json_dict(result)
    json.dumps(data)
    # 21 days of knee pain: example 10, and nothing else.
    assert [f["code"] for f in data["findings"]] == ["SEE_PROFESSIONAL"]


def test_fields_left_out_are_unknown_not_zero() -> None:
    read = load_analysis_input(
        {
            "as_of": "2026-11-21T20:00:00Z",
            "sets": [{"at": "2026-11-18T18:00:00+01:00", "exercise": "row"}],
            "checkins": [{"at": "2026-11-20T07:00:00+01:00"}],
        },
        CATALOG,
    )
    assert str(read.tz) == "UTC"
    assert read.profile.sex is None
    assert read.profile.goal == Goal.BALANCED
    (s,) = read.sets
    assert (s.weight_kg, s.reps, s.rpe, s.seconds, s.warmup, s.bodyweight) == (
        None,
        None,
        None,
        None,
        False,
        False,
    )
    (c,) = read.checkins
    assert (c.sleep_hours, c.soreness, c.energy, c.leg_weakness, c.pain) == (None,) * 5
    assert c.numbness_tingling is None


def test_rir_becomes_rpe() -> None:
    (s,) = load_analysis_input(with_set(reps=5, weight_kg=80, rir=2), CATALOG).sets
    assert s.rpe == 8


def test_a_catalog_bodyweight_exercise_without_load_is_zero_kg_added() -> None:
    (s,) = load_analysis_input(with_set(exercise="pull-ups", reps=8), CATALOG).sets
    assert s.exercise is not None
    assert s.exercise.key == "pull_up"
    assert (s.bodyweight, s.weight_kg) == (True, 0.0)


def test_unknown_exercise_names_stay_unclassified() -> None:
    (s,) = load_analysis_input(with_set(exercise="zercher thing", reps=5), CATALOG).sets
    assert s.exercise is None
    assert s.typed_name == "zercher thing"


def test_custom_exercises_resolve_like_in_chat() -> None:
    custom = Exercise(
        "custom_zercher", "Zercher Thing", Region.LOWER, Pattern.SQUAT, (Muscle.QUADS,)
    )
    (s,) = load_analysis_input(with_set(exercise="zercher thing"), CATALOG, [custom]).sets
    assert s.exercise == custom


def test_red_flags_are_read() -> None:
    read = load_analysis_input(with_checkin(red_flags=["chest_pain", "one_sided"]), CATALOG)
    assert read.checkins[0].red_flags == {RedFlag.CHEST_PAIN, RedFlag.ONE_SIDED}


def test_the_v2_check_in_fields_are_read() -> None:
    data = with_checkin(
        red_flags=["calf_swollen_warm", "cannot_bear_weight", "back_pain_fever"],
        after_fall=True,
        being_treated=False,
        pain={"score": 4, "location": "low back"},
    )
    (c,) = load_analysis_input(data, CATALOG).checkins
    assert c.red_flags == {
        RedFlag.CALF_SWOLLEN_WARM,
        RedFlag.CANNOT_BEAR_WEIGHT,
        RedFlag.BACK_PAIN_FEVER,
    }
    assert (c.after_fall, c.being_treated) == (True, False)
    assert c.pain is not None
    assert c.pain.location is PainArea.LOWER_BACK


@pytest.mark.parametrize(
    ("words", "area"),
    [("left knee", PainArea.KNEE), ("elbow or wrist", PainArea.ELBOW_OR_WRIST), ("neck", "other")],
)
def test_a_pain_location_is_read_as_the_nearest_area(words: str, area: str) -> None:
    (c,) = load_analysis_input(with_checkin(pain={"score": 4, "location": words}), CATALOG).checkins
    assert c.pain is not None
    assert c.pain.location == area


def test_a_later_being_treated_check_in_in_the_file_clears_a_red_flag() -> None:
    data = example(
        checkins=[
            {"at": "2026-11-19T07:00:00+00:00", "red_flags": ["chest_pain"]},
            {"at": "2026-11-20T07:00:00+00:00", "being_treated": True},
        ]
    )
    read = load_analysis_input(data, CATALOG)
    findings = assess(read.sets, read.checkins, read.profile, read.tz, read.as_of).findings
    assert Code.SAFETY_URGENT not in {f.code for f in findings}
    data["checkins"][1]["being_treated"] = False
    read = load_analysis_input(data, CATALOG)
    findings = assess(read.sets, read.checkins, read.profile, read.tz, read.as_of).findings
    assert [f.code for f in findings] == [Code.SAFETY_URGENT]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (with_checkin(after_fall="yes"), r"checkins\[0\]\.after_fall must be true or false"),
        (with_checkin(being_treated=1), r"checkins\[0\]\.being_treated must be true or false"),
        (with_set(at="2026-11-18T18:00:00"), r"sets\[0\]\.at: .* has no UTC offset"),
        (with_set(at="yesterday"), r"sets\[0\]\.at: .* is not an ISO 8601 time"),
        (
            example(sets=[*SPEC_EXAMPLE["sets"] * 3, {"at": "soon", "exercise": "squat"}]),
            r"^sets\[3\]\.at: 'soon' is not an ISO 8601 time",
        ),
        (with_set(weight_kg=float("nan")), r"sets\[0\]\.weight_kg must be from -\d+ to \d+"),
        (with_set(reps=10**400), r"sets\[0\]\.reps must be from .* to 100, not 1000"),
        (with_set(x=1, y=2), r"sets\[0\] has unknown fields 'x', 'y'; allowed: at, "),
        (with_checkin(red_flags=["headache"]), r"red_flags\[0\]: 'headache' is not one of"),
        (with_checkin(red_flag=["chest_pain"]), r"checkins\[0\] has unknown field 'red_flag'"),
        (with_checkin(soreness=7), r"checkins\[0\]: soreness must be between 0 and 4"),
        (with_checkin(energy="low"), r"checkins\[0\]\.energy must be a number"),
        (with_checkin(leg_weakness="some"), r"leg_weakness: 'some' is not one of none"),
        (with_checkin(pain={"score": 11}), r"checkins\[0\]\.pain: pain score must be"),
        (with_checkin(pain={"where": "knee"}), r"checkins\[0\]\.pain has unknown field"),
        (with_checkin(numbness_tingling="yes"), r"numbness_tingling must be true or false"),
        (with_set(reps=5.5), r"sets\[0\]\.reps must be a whole number"),
        (with_set(reps="five"), r"sets\[0\]\.reps must be a number"),
        (with_set(weight_kg=True), r"sets\[0\]\.weight_kg must be a number"),
        (with_set(rpe=11), r"sets\[0\]: RPE must be between 1 and 10"),
        (with_set(rpe=8, rir=2), r'give "rpe" or "rir", not both'),
        (with_set(rir=-1), r"sets\[0\]: reps in reserve"),
        (with_set(exercise=""), r'sets\[0\] needs "exercise"'),
        (example(sets=[{"exercise": "squat"}]), r'sets\[0\] needs "at"'),
        (example(sets={"exercise": "squat"}), r"sets must be a JSON list"),
        (example(timezone="Mars/Olympus"), r"timezone: I don't know the time zone `Mars/Olympus`"),
        (example(as_of="2026-11-21T20:00:00"), r"as_of: .* has no UTC offset"),
        (example(profile={"goal": "cardio"}), r"profile\.goal: 'cardio' is not one of"),
        (example(profile={"days_per_week": 9}), r"profile: training days per week"),
        (example(extra=1), r"the file has unknown field 'extra'"),
        ({"sets": []}, r'the file needs "as_of"'),
        ([], r"the file must be a JSON object"),
    ],
)
def test_malformed_input_names_the_problem_and_where(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_analysis_input(data, CATALOG)


def test_the_catalog_is_loaded_when_not_given() -> None:
    (s,) = load_analysis_input(SPEC_EXAMPLE).sets
    assert s.exercise is not None
    assert s.exercise.key == "back_squat"


def test_a_red_flag_in_the_file_silences_training_advice() -> None:
    data = with_checkin(red_flags=["saddle_numbness"])
    data["sets"] = [
        {"at": f"2026-11-{d}T18:00:00+00:00", "exercise": "bench", "reps": 8}
        for d in (16, 17, 18, 19)
        for _ in range(4)
    ]
    read = load_analysis_input(data, CATALOG)
    findings = assess(read.sets, read.checkins, read.profile, read.tz, read.as_of).findings
    assert [f.code for f in findings] == [Code.SAFETY_URGENT]


def test_profile_unit_lb_is_read_and_defaults_to_kg() -> None:
    profile = {"sex": "male", "unit": "lb"}
    assert load_analysis_input(example(profile=profile), CATALOG).profile.unit == Unit.LB
    assert load_analysis_input(SPEC_EXAMPLE, CATALOG).profile.unit == Unit.KG


def test_cardio_sets_carry_seconds_and_distance() -> None:
    data = with_set(exercise="run", seconds=1500, distance_m=5000)
    (s,) = load_analysis_input(data, CATALOG).sets
    assert s.exercise is not None
    assert s.exercise.region is Region.CARDIO
    assert (s.seconds, s.distance_m) == (1500, 5000)


def test_a_file_in_lb_prints_lb() -> None:
    lb = 0.45359237
    sets = [
        {"at": f"2026-11-{day}T18:00:00+00:00", "exercise": name, "weight_kg": kg * lb, "reps": 5}
        for day in ("03", "10", "17")
        for name, kg in (("squat", 185), ("bench", 225))
    ]
    data = example(profile={"sex": "male", "unit": "lb"}, sets=sets, checkins=[])
    read = load_analysis_input(data, CATALOG)
    result = to_json_dict(assess(read.sets, read.checkins, read.profile, read.tz, read.as_of))
    (finding,) = [f for f in result["findings"] if f["code"] == "SQUAT_LAGS_BENCH"]
    assert "lb" in finding["message"]
    assert "5-10 lb" in finding["advice"]
