"""Reading real exports of Strong, Hevy, FitNotes and Liftosaur, and refusing bad files."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.catalog import load_catalog
from coach.imports.cells import MAX_BYTES, check_start
from coach.imports.detect import read_export
from coach.imports.plan import Options, Planner, ZoneNeeded
from coach.imports.rows import ImportedSet, ImportFileError, Skipped
from coach.vocabulary import Unit

FIXTURES = Path(__file__).parents[1] / "fixtures" / "imports"
BERLIN = ZoneInfo("Europe/Berlin")


def read(text: str) -> tuple[str, list[ImportedSet | Skipped]]:
    export = read_export(io.StringIO(text))
    return export.format, list(export.items)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8-sig")


def sets_of(items: list[ImportedSet | Skipped]) -> list[ImportedSet]:
    return [i for i in items if isinstance(i, ImportedSet)]


def skipped(items: list[ImportedSet | Skipped]) -> dict[str, int]:
    reasons: dict[str, int] = {}
    for item in items:
        if isinstance(item, Skipped):
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
    return reasons


@pytest.mark.parametrize(
    ("name", "app", "sets", "left_out"),
    [
        ("strong_comma.csv", "Strong", 24, {}),
        ("strong_semicolon.csv", "Strong", 20, {}),
        ("hevy_kg.csv", "Hevy", 31, {}),
        ("hevy_lbs.csv", "Hevy", 25, {}),
        ("fitnotes.csv", "FitNotes", 29, {}),
        ("liftosaur.csv", "Liftosaur", 22, {"planned but not done": 3}),
    ],
)
def test_each_real_export_is_recognised_and_read_whole(name, app, sets, left_out):
    found, items = read(fixture(name))

    assert found == app
    assert len(sets_of(items)) == sets
    assert skipped(items) == left_out


@pytest.mark.parametrize(
    ("name", "index", "expected"),
    [
        # Strong's comma layout has no unit column: the person's unit applies.
        (
            "strong_comma.csv",
            0,
            ("Squat (Barbell)", datetime(2022, 7, 28, 20, 14, 20), 110.0, None, 6, None, False),
        ),
        # The semicolon layout says kg, and a plank is a timed set with no reps.
        (
            "strong_semicolon.csv",
            5,
            ("Plank", datetime(2019, 1, 11, 12, 31, 54), None, None, None, 60, False),
        ),
        (
            "hevy_lbs.csv",
            0,
            (
                "Squat (Smith Machine)",
                datetime(2024, 9, 12, 21, 46),
                105.0,
                Unit.LB,
                15,
                None,
                True,
            ),
        ),
        (
            "hevy_kg.csv",
            10,
            ("Triceps Pushdown", datetime(2026, 3, 1, 16, 55), 50.0, Unit.KG, 6, None, False),
        ),
        # FitNotes wrote this name's comma unquoted; the cells are put back together.
        (
            "fitnotes.csv",
            4,
            (
                "Overhead Press (Each Side, Dumbbells)",
                datetime(2025, 4, 29, 12),
                8.0,
                Unit.KG,
                5,
                None,
                False,
            ),
        ),
        # Liftosaur's times are UTC; the completed weight is what was lifted.
        (
            "liftosaur.csv",
            0,
            (
                "Romanian Deadlift, Leverage Machine",
                datetime(2026, 6, 29, 4, 56, 39, 712000, tzinfo=UTC),
                180.0,
                Unit.KG,
                9,
                None,
                False,
            ),
        ),
    ],
)
def test_sets_keep_what_the_app_wrote(name, index, expected):
    s = sets_of(read(fixture(name))[1])[index]

    assert (s.exercise, s.started, s.weight, s.unit, s.reps, s.seconds, s.warmup) == expected


def test_notes_are_kept():
    hevy = sets_of(read(fixture("hevy_kg.csv"))[1])
    strong = sets_of(read(fixture("strong_semicolon.csv"))[1])

    assert hevy[6].note == "Too much rest. Last set neutral grip"
    assert strong[17].note == "Fucking neck pain and 2 day hangover :'("


STRONG_SEMICOLON_HEADER = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
)
STRONG_MARKS = (
    STRONG_SEMICOLON_HEADER
    + """\
2020-03-01 10:00:00;A;Squat (Barbell);W;60;kg;5;;;;0;;;50m
2020-03-01 10:00:00;A;Squat (Barbell);1;102,5;kg;5;8,5;;;0;paused;;50m
2020-03-01 10:00:00;A;Squat (Barbell);Rest Timer;0;kg;0;;;;180;;;50m
2020-03-01 10:00:00;A;Rest Timer;Rest Timer;0;kg;0;;;;90;;;50m
2020-03-01 10:00:00;A;Squat (Barbell);D;80;lbs;8;;;;0;;;50m
2020-03-01 10:00:00;A;Squat (Barbell);F;70;kg;9;;;;0;;;50m
2020-03-01 10:00:00;A;Running;1;0;kg;0;;5;km;1800;;;50m
"""
)


def test_strong_set_order_marks_rest_timers_and_cardio():
    _, items = read(STRONG_MARKS)
    sets = sets_of(items)

    assert [(s.warmup, s.weight, s.unit, s.reps, s.rpe) for s in sets[:4]] == [
        (True, 60.0, Unit.KG, 5, None),
        (False, 102.5, Unit.KG, 5, 8.5),
        (False, 80.0, Unit.LB, 8, None),
        (False, 70.0, Unit.KG, 9, None),
    ]
    assert sets[1].note == "paused"
    run = sets[4]
    assert (run.exercise, run.distance, run.distance_unit, run.seconds) == (
        "Running",
        5.0,
        "km",
        1800,
    )
    assert skipped(items) == {"rest timer": 2}


HEVY_TYPES = """\
title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe
Legs,"5 Jan 2026, 09:00","5 Jan 2026, 10:00",,Squat (Barbell),,,0,warmup,60,5,,,
Legs,"5 Jan 2026, 09:00","5 Jan 2026, 10:00",,Squat (Barbell),,,1,normal,100,5,,,8.5
Legs,"5 Jan 2026, 09:00","5 Jan 2026, 10:00",,Squat (Barbell),,,2,failure,100,4,,,10
Legs,"5 Jan 2026, 09:00","5 Jan 2026, 10:00",,Squat (Barbell),,,3,dropset,80,6,,,
Legs,"5 Jan 2026, 09:00","5 Jan 2026, 10:00",,Plank,,,0,normal,,,,60,
"""


def test_hevy_set_types_and_timed_sets():
    sets = sets_of(read(HEVY_TYPES)[1])

    assert [(s.warmup, s.reps, s.rpe) for s in sets[:4]] == [
        (True, 5, None),
        (False, 5, 8.5),
        (False, 4, 10.0),
        (False, 6, None),
    ]
    assert (sets[4].exercise, sets[4].seconds, sets[4].reps) == ("Plank", 60, None)


FITNOTES_KGS = """\
Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment
2026-03-02,Deadlift,Back,150.0,3,,,,"Felt strong, slept well"
2026-03-02,Plank,Abs,0.0,,,,0:01:30,""
2026-03-02,Rowing Machine,Cardio,,,200.0,m,0:01:48,""
"""


def test_fitnotes_weight_column_comments_times_and_cardio():
    _, items = read(FITNOTES_KGS)
    sets = sets_of(items)

    assert (sets[0].weight, sets[0].unit, sets[0].note) == (
        150.0,
        Unit.KG,
        "Felt strong, slept well",
    )
    assert (sets[1].exercise, sets[1].seconds) == ("Plank", 90)
    rowing = sets[2]
    assert (rowing.distance, rowing.distance_unit, rowing.seconds) == (200.0, "m", 108)
    assert skipped(items) == {}


HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b,c\n1,2,3\n", "I don't know a file whose header starts a, b, c"),
        (HEADER, "That export has a header but no sets under it."),
        (HEADER + "2022-07-28 20:14:20,A,7m,Squat,1,heavy,5,0,0\n", "Row 2: Weight 'heavy'"),
        (HEADER + "yesterday,A,7m,Squat,1,100,5,0,0\n", "Row 2: Date 'yesterday'"),
        (HEADER + "2022-07-28 20:14:20,A,7m,Squat,1,100\n", "Row 2 has 6 cells"),
        (HEADER + "2022-07-28 20:14:20,A,7m,Squat,X,100,5,0,0\n", "Row 2: Set Order 'X'"),
        (HEADER + "2022-07-28 20:14:20,A,7m,,1,100,5,0,0\n", "Row 2 has no exercise name"),
        (
            HEADER + '2022-07-28 20:14:20,A,7m,Squat,1,100,5,0,0\n2022-07-28,"A\n',
            "Row 3 is not valid CSV",
        ),
    ],
)
def test_broken_files_name_the_problem_and_the_row(text, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(")):
        read(text)


@pytest.mark.parametrize(
    ("head", "size", "message"),
    [
        (b"", 0, "That file is empty"),
        (b"\xef\xbb\xbf\r\n", 5, "That file is empty"),
        (b"PK\x03\x04\x00\x00binary", 100, "That file is binary"),
        (b"Date,\xff\xfe Name\n", 100, "not UTF-8 text"),
        (b"Date,Exercise\n", MAX_BYTES + 1, "over 20 MB"),
    ],
)
def test_files_that_are_no_csv_export_are_refused_before_reading(head, size, message):
    with pytest.raises(ImportFileError, match=message):
        check_start(head, size)


def plan(text: str, zone: ZoneInfo | None = BERLIN, unit: Unit = Unit.KG):
    export = read_export(io.StringIO(text))
    planner = Planner(export.format, Options(unit, zone, load_catalog()))
    return list(planner.plan(export.items)), planner.summary


def test_planned_sets_are_in_kg_utc_and_the_persons_local_day():
    planned, summary = plan(fixture("hevy_lbs.csv"))

    squat = planned[1]
    assert squat.name == "Squat (Smith Machine)"
    assert squat.loggable.weight_kg == pytest.approx(155 * 0.45359237)
    assert squat.performed_at == datetime(2024, 9, 12, 19, 46, tzinfo=UTC)
    assert str(squat.local_date) == "2024-09-12"
    assert summary.rows == 25


def test_assisted_machines_lighten_the_lift_and_bodyweight_moves_add_nothing():
    planned, _ = plan(fixture("hevy_lbs.csv"), unit=Unit.LB)
    assisted = next(p for p in planned if p.name == "Pull Up (Assisted)" and not p.loggable.warmup)
    pull_up, _ = plan(fixture("strong_semicolon.csv"))
    bodyweight = next(p for p in pull_up if p.name == "Pull Up")

    assert assisted.loggable.weight_typed == -45.0
    assert bodyweight.loggable.bodyweight
    assert bodyweight.loggable.weight_kg == 0.0


def test_a_band_pull_up_from_strong_is_band_help_not_added_weight():
    header = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE"
    )
    row = "2024-03-01 18:00:00,Pull,1h,Pull Up (Band),1,15,8,0,0,,,"
    [planned], _ = plan(f"{header}\n{row}\n")

    assert planned.exercise is not None
    assert planned.exercise.key == "band_pull_up"
    assert planned.loggable.weight_kg == -15.0


def test_the_files_unit_wins_and_the_persons_unit_fills_in():
    in_kg, _ = plan(fixture("strong_comma.csv"), unit=Unit.KG)
    in_lb, _ = plan(fixture("strong_comma.csv"), unit=Unit.LB)
    hevy_for_lb_person, _ = plan(fixture("hevy_kg.csv"), unit=Unit.LB)

    assert in_kg[0].loggable.weight_kg == 110.0
    assert in_lb[0].loggable.weight_kg == pytest.approx(110 * 0.45359237)
    assert hevy_for_lb_person[1].loggable.weight_kg == 30.0


def test_wall_times_need_a_zone_but_utc_times_do_not():
    with pytest.raises(ZoneNeeded):
        plan(fixture("strong_comma.csv"), zone=None)
    planned, _ = plan(fixture("liftosaur.csv"), zone=None)
    assert planned[0].performed_at == datetime(2026, 6, 29, 4, 56, 39, 712000, tzinfo=UTC)


def test_fingerprints_are_stable_across_overlapping_exports():
    text = fixture("strong_comma.csv")
    header, *rows = text.splitlines(keepends=True)
    older, _ = plan(header + "".join(rows[:10]))
    newer, _ = plan(text)

    assert [p.fingerprint for p in older] == [p.fingerprint for p in newer[:10]]
    assert len({p.fingerprint for p in newer}) == len(newer)


@pytest.mark.parametrize(
    ("name", "key", "per_side"),
    [
        ("Overhead Press (Each Side, Dumbbells)", "dumbbell_shoulder_press", True),
        ("Flat Barbell Bench Press (Each Side) (Smith Machine)", "smith_bench_press", True),
        ("Flat Barbell Bench Press (Smith Machine)", "smith_bench_press", False),
        (
            "Incline Barbell Bench Press Smith Machine (Each Side) (Smith Machine)",
            "smith_incline_press",
            True,
        ),
        ("Dumbbell Hammer Curl (Each Side)", "hammer_curl", True),
        ("Barbell Squat", "back_squat", False),
        # No catalog variant on that equipment: unmatched, never the barbell lift.
        ("Good Morning (Each Side, Dumbbells)", None, True),
        ("Romanian Deadlift (Cable)", None, False),
    ],
)
def test_fitnotes_names_keep_their_equipment_and_each_side(name, key, per_side):
    # FitNotes writes a name's comma unquoted, as in tests/fixtures/imports/fitnotes.csv.
    text = f"Date,Exercise,Category,Weight,Weight Unit,Reps\n2025-04-29,{name},Chest,8.0,kgs,5\n"

    [planned], _ = plan(text)

    assert planned.name == name
    assert (planned.exercise.key if planned.exercise else None) == key
    assert planned.loggable.per_side is per_side
