"""Checks on parsed lines that need the catalog: trailing names, a second exercise after a
comma, signs, a weight each side of one bar, and the questions."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coach.catalog import load_catalog
from coach.entries import read_entries
from coach.notation import Order, Shape
from coach.vocabulary import Unit


def read(text: str, unit: Unit = Unit.KG, **choices: Order):
    picked = {Shape[name]: order for name, order in choices.items()}
    return read_entries(text, unit, load_catalog(), choices=picked)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("bench -100x5", "Bench Press isn't a bodyweight exercise, so it takes no `+` or `-`"),
        ("squat 3x5 +20kg", "Back Squat isn't a bodyweight exercise"),
        ("bench 3x5 bw+10", "Bench Press isn't a bodyweight exercise"),
        ("zumba 3x5 -20kg", "I don't know zumba as a bodyweight exercise, so it takes no `-`"),
        ("5@140 felt slow", "I couldn't find the exercise name"),
        ("3x5 banana 100kg", "I couldn't find the exercise name"),
        # a line that reads two ways, where the catalog refuses every reading
        ("bench -135x4x8", "Bench Press isn't a bodyweight exercise"),
        # after a comma, only a name the catalog knows makes a second exercise
        ("squat 3x5 100kg, incline bench 3x8 60kg", "`incline bench 3x8 60kg` looks like a"),
        ("squat 3x5 100kg, db row 3x10 30kg", "`db row 3x10 30kg` looks like a second"),
        ("squat 100kg x 5, belt x 3", "I couldn't read `belt` in"),
        ("bench 3x5 100kg, last set 100kg x 4", "I couldn't read `last` in"),
        ("deadlift 180kg x 3, straps 5 sets of 2", "I couldn't read `straps` in"),
    ],
)
def test_lines_the_catalog_refuses_say_why(text: str, says: str) -> None:
    result = read(text)
    assert result.entries == ()
    [error] = result.errors
    assert says in error
    assert error.endswith("`.")


@pytest.mark.parametrize(
    ("text", "key", "weight"),
    [
        ("pullups 3x5 -20kg", "pull_up", -20.0),
        ("dips 3x8 +10kg", "dip", 10.0),
        ("zumba 3x5 +5kg", None, 5.0),
        ("3x5 squat 100kg", "back_squat", 100.0),
        # On an assisted machine an unsigned load is the help it gives, never added weight.
        ("assisted pull up 3x8 30kg", "assisted_pull_up", -30.0),
        ("band pull up 3x8 15kg", "band_pull_up", -15.0),
        ("assisted dips 3x8 -20kg", "assisted_dip", -20.0),
    ],
)
def test_signed_loads_on_bodyweight_lifts_and_known_trailing_names_are_logged(
    text: str, key: str | None, weight: float
) -> None:
    result = read(text)
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise is None if key is None else entry.exercise.key == key
    assert {s.weight_kg for s in entry.sets} == {weight}


@pytest.mark.parametrize(
    ("text", "unit", "lift", "assumed", "example"),
    [
        (
            "rdl 3x8 60kg each side",
            Unit.KG,
            "Romanian Deadlift",
            "60 kg a side on a 20 kg bar is 140 kg",
            "rdl 3x8 140kg",
        ),
        (
            "squat 3x5 50kg per side",
            Unit.KG,
            "Back Squat",
            "50 kg a side on a 20 kg bar is 120 kg",
            "squat 3x5 120kg",
        ),
        (
            "bench 3x8 30kg/side",
            Unit.KG,
            "Bench Press",
            "30 kg a side on a 20 kg bar is 80 kg",
            "bench 3x8 80kg",
        ),
        (
            "bench 3x8 45 per side",
            Unit.LB,
            "Bench Press",
            "45 lb a side on a 45 lb bar is 135 lb",
            "bench 3x8 135lb",
        ),
        (
            "deadlift 60kg x 5 each side",
            Unit.KG,
            "Deadlift",
            "60 kg a side on a 20 kg bar is 140 kg",
            "deadlift 1x5 140kg",
        ),
        (
            "smith squat 3x8 20kg each side",
            Unit.KG,
            "Smith Machine Squat",
            "20 kg a side on a 20 kg bar is 60 kg",
            "smith squat 3x8 60kg",
        ),
        (
            "ez curl 3x10 10kg each side",
            Unit.KG,
            "EZ-Bar Curl",
            "10 kg a side on a 20 kg bar is 40 kg",
            "ez curl 3x10 40kg",
        ),
        (
            "skull crusher 60kg x 8, 65kg x 8 per side",
            Unit.KG,
            "Skull Crusher",
            "65 kg a side on a 20 kg bar is 150 kg",
            "skull crusher 60kg x 8, 150kg x 8",
        ),
    ],
)
def test_a_weight_each_side_of_one_bar_asks_for_the_total(
    text: str, unit: Unit, lift: str, assumed: str, example: str
) -> None:
    # On a barbell RDL `60kg each side` may be the plates on each end (140 kg on a 20 kg bar):
    # the example keeps the typed sets and reps with that total.
    result = read(text, unit)
    assert result.entries == ()
    [error] = result.errors
    assert error.startswith(
        f"On the {lift} both sides lift one bar, so a weight each side may be the plates on one"
        f" end of it ({assumed}"
    )
    assert f"): give the total weight on the bar in `{text}`. " in error
    assert error.endswith(f"Try: `{example}`.")


@pytest.mark.parametrize(
    ("text", "dumbbells", "key"),
    [
        ("curl 3x10 12kg each side", "dumbbell curl 3x10 12kg each side", "dumbbell_curl"),
        ("bench 3x8 30kg/side", "dumbbell bench 3x8 30kg/side", "dumbbell_bench_press"),
    ],
)
def test_a_weight_each_side_of_a_name_with_a_dumbbell_version_shows_it(
    text: str, dumbbells: str, key: str
) -> None:
    # `curl` is a Barbell Curl, but `12kg each side` on a curl most often means dumbbells.
    [error] = read(text).errors
    assert f"; for dumbbells, write `{dumbbells}`): " in error
    [entry] = read(dumbbells).entries
    assert entry.exercise is not None
    assert entry.exercise.key == key
    assert all(s.per_side for s in entry.sets)


@pytest.mark.parametrize(
    ("text", "key", "volume"),
    [
        ("back squat 5x5 100kg each", "back_squat", 5 * 5 * 100),
        ("hip thrust 3 sets of 8 at 60kg each", "hip_thrust", 3 * 8 * 60),
        ("sumo deadlift 60kg x 5 each", "sumo_deadlift", 5 * 60),
    ],
)
def test_a_bare_each_on_one_bar_is_each_set(text: str, key: str, volume: float) -> None:
    # Not `each side`, and no dumbbell version by that name: where both sides lift one
    # bar, `100kg each` is 100 kg on every set.
    result = read(text)
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise is not None
    assert entry.exercise.key == key
    assert not any(s.per_side for s in entry.sets)
    assert entry.volume_kg == volume


@pytest.mark.parametrize(
    ("text", "dumbbells", "every_set"),
    [
        ("curl 3x10 12kg each", "dumbbell curl 3x10 12kg each", "curl 3x10 12kg"),
        ("squat 5x5 100kg each", "dumbbell squat 5x5 100kg each", "squat 5x5 100kg"),
        (
            "incline press 3x8 30kg each",
            "dumbbell incline press 3x8 30kg each",
            "incline press 3x8 30kg",
        ),
        (
            "bench 3 sets of 8 at 60kg each",
            "dumbbell bench 3 sets of 8 at 60kg each",
            "bench 3x8 60kg",
        ),
    ],
)
def test_a_bare_each_on_a_lift_with_dumbbells_too_asks_which(
    text: str, dumbbells: str, every_set: str
) -> None:
    # `curl 3x10 12kg each` most often means two 12 kg dumbbells, `squat ... each` each set.
    result = read(text)
    assert result.entries == ()
    [error] = result.errors
    assert (
        f"may mean each set or each of two dumbbells: for dumbbells, write `{dumbbells}`" in error
    )
    assert error.endswith(f"Try: `{every_set}`.")
    [entry] = read(dumbbells).entries
    assert entry.exercise is not None
    assert entry.exercise.equipment.value == "dumbbell"
    assert all(s.per_side for s in entry.sets)
    [plain] = read(every_set).entries
    assert not any(s.per_side for s in plain.sets)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("lunges 3x12 20kg each leg", "walking_lunge"),
        ("barbell lunge 3x10 60kg each side", "barbell_lunge"),
        ("split squat 3x8 20kg each side", "split_squat"),
        ("db row 3x10 30kg each arm", "dumbbell_row"),
        ("single leg rdl 3x8 20kg each side", "single_leg_romanian_deadlift"),
        ("landmine press 3x8 20kg each side", "landmine_press"),
        # a limb named on a bar lift says one limb at a time, as documented
        ("curl 3x10 per arm 12kg", "barbell_curl"),
    ],
)
def test_a_weight_each_side_of_a_one_sided_lift_is_per_side(text: str, key: str) -> None:
    result = read(text)
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise is not None
    assert entry.exercise.key == key
    assert all(s.per_side for s in entry.sets)


@pytest.mark.parametrize("unit", [Unit.LB, Unit.KG])
@pytest.mark.parametrize(
    ("text", "key", "weight", "sets"),
    [
        ("db bench 3x10 50s", "dumbbell_bench_press", 50, 3),
        ("db bench 3x10 50's", "dumbbell_bench_press", 50, 3),
        ("db bench 3x10 50’s", "dumbbell_bench_press", 50, 3),
        ("dumbbell curl 4x12 25S", "dumbbell_curl", 25, 4),
    ],
)
def test_a_number_with_an_s_after_reps_on_dumbbells_names_the_dumbbells(
    text: str, key: str, weight: float, sets: int, unit: Unit
) -> None:
    # "The 50s" are the 50 lb dumbbells: a set can't be 10 reps and 50 seconds.
    result = read(text, unit)
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise is not None
    assert entry.exercise.key == key
    assert len(entry.sets) == sets
    assert all(s.reps is not None and s.seconds is None for s in entry.sets)
    assert {(s.weight_typed, s.unit_typed) for s in entry.sets} == {(weight, unit)}


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        # timed work keeps its seconds
        ("plank 3x5 60s", "`5` and `60s`"),
        ("farmers carry 3x2 50s", "`2` and `50s`"),
        # no dumbbells in the name, or a weight already given: nothing says which was meant
        ("bench 3x10 50s", "`10` and `50s`"),
        ("db bench 20kg 3x10 50s", "`10` and `50s`"),
        ("db bench 3x10 50 s", "`10` and `50 s`"),
    ],
)
def test_a_number_with_an_s_after_reps_elsewhere_stays_a_time_and_is_refused(
    text: str, read_as: str
) -> None:
    result = read(text, Unit.LB)
    assert result.entries == ()
    [error] = result.errors
    assert f"A set takes reps or a time, not both, but I read {read_as}" in error


def test_good_lines_are_kept_beside_refused_ones() -> None:
    result = read("squat 3x5 100kg\nbench -100x5\nrdl 3x8 80kg")
    assert [e.exercise.key for e in result.entries if e.exercise] == [
        "back_squat",
        "romanian_deadlift",
    ]
    assert result.loggable == result.entries
    [error] = result.errors
    assert "bench -100x5" in error


def test_a_question_names_each_reading_in_words_and_holds_back_the_message() -> None:
    result = read("squat 3x5 100kg\nrow 135x4x8", Unit.LB)
    [question] = result.questions
    assert question.line == "row 135x4x8"
    assert [(o.label, o.choices) for o in question.options] == [
        ("Barbell Row: 8 sets of 4 at 135 lb", ((Shape.WEIGHT_THEN_TWO, Order.REPS_SETS),)),
        ("Barbell Row: 4 sets of 8 at 135 lb", ((Shape.WEIGHT_THEN_TWO, Order.SETS_REPS),)),
    ]
    assert result.loggable == ()


def test_a_saved_choice_answers_the_question() -> None:
    result = read("row 135x4x8", Unit.LB, WEIGHT_THEN_TWO=Order.SETS_REPS)
    assert result.questions == ()
    [entry] = result.entries
    assert [s.reps for s in entry.sets] == [8] * 4


def test_notes_and_the_date_line_come_through() -> None:
    result = read("2024-03-05\nsquat 3x5 100kg felt slow")
    assert result.day == "2024-03-05"
    [entry] = result.entries
    assert entry.note == "felt slow"


BITS = st.sampled_from(
    [
        "squat", "bench -", "pullups", "felt slow", " ", "\n", "x", "@", "+", "-", ",", "5",
        "10", "14", "135", "100kg", "rpe 8", "Set 1:", "Bench Press (Barbell)", "zzq", "3x5",
        "4x8", "5@140", "2024-03-05", "bw", "(", ")", "8-12", "rest 90s", "135x4x8", "14x12",
    ]
)  # fmt: skip


@given(st.lists(BITS, max_size=60).map("".join), st.sampled_from(Unit))
@example("squat 135x4x8; curl 14x12", Unit.LB)  # two questions: the checks below run
def test_any_message_reads_without_raising(text: str, unit: Unit) -> None:
    result = read_entries(text, unit, load_catalog())
    assert all(error.endswith("`.") for error in result.errors)
    assert all(len(q.options) >= 2 for q in result.questions)


@given(st.text(max_size=4000))
def test_any_unicode_text_reads_without_raising(text: str) -> None:
    read_entries(text, Unit.KG, load_catalog())
