"""Which records a day's sets beat, and that a first day sets none."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from coach.entries import LoggableSet
from coach.records import Bests, Record, RecordKind, Standing, new_records, overview_order


def working(weight: float, reps: int, e1rm: float | None, **flags: bool) -> LoggableSet:
    return LoggableSet(
        weight_kg=weight,
        weight_typed=weight,
        unit_typed=None,
        reps=reps,
        seconds=None,
        rpe=None,
        warmup=flags.get("warmup", False),
        bodyweight=flags.get("bodyweight", False),
        per_side=False,
        e1rm_kg=e1rm,
    )


BEFORE = Standing(
    Bests(e1rm_kg=116.7, weight_by_reps={5: 100.0, 3: 105.0}, day_volume_kg=1500.0),
    other_days_volume_kg=1500.0,
    day_volume_kg=0.0,
)


def test_nothing_is_a_record_on_the_first_day():
    assert new_records(Standing(Bests(), None, 0.0), [working(100, 5, 116.7)], 500.0) == []
    # Nor on a second log that first day: the earlier log is no baseline.
    earlier = Standing(Bests(116.7, {5: 100.0}, 500.0), None, 500.0)
    assert new_records(earlier, [working(110, 5, 128.3)], 550.0) == []


def test_heavier_set_beats_e1rm_and_rep_best():
    records = new_records(BEFORE, [working(110, 5, 128.3)], 550.0)
    assert records == [
        Record(RecordKind.E1RM, 128.3, 116.7),
        Record(RecordKind.WEIGHT, 110, 100.0, reps=5),
    ]


def test_a_new_rep_count_has_no_previous_to_beat():
    assert new_records(BEFORE, [working(90, 8, 114.0)], 720.0) == []


def test_volume_record_counts_the_whole_day():
    earlier_today = Standing(BEFORE.bests, 1500.0, 1200.0)
    records = new_records(earlier_today, [working(100, 5, 116.7)], 500.0)
    assert records == [Record(RecordKind.VOLUME, 1700.0, 1500.0)]


def test_warmups_and_unweighted_bodyweight_sets_never_set_load_records():
    sets = [working(200, 5, None, warmup=True), working(0, 5, None, bodyweight=True)]
    assert new_records(BEFORE, sets, 0.0) == []


def test_weighted_bodyweight_sets_count_bodyweight_plus_added_load_when_known():
    pullups = Standing(Bests(weight_by_reps={5: 100.0}), 0.0, 0.0)
    added_only = working(25, 5, None, bodyweight=True)
    with_bodyweight = LoggableSet(**{**asdict(added_only), "load_kg": 105.0})

    assert new_records(pullups, [added_only], 0.0) == []  # 25 kg added beats nothing
    assert new_records(pullups, [with_bodyweight], 0.0) == [
        Record(RecordKind.WEIGHT, 105.0, 100.0, reps=5)
    ]


def test_equal_is_not_a_record():
    assert new_records(BEFORE, [working(100, 5, 116.7)], 1500.0) == []


def test_each_log_of_a_day_is_judged_against_every_earlier_set_that_day_included():
    """A newcomer's walkthrough: 100 kg x 5 yesterday, then 105, 110 and 108 kg x 5 today,
    each its own /log, the standing carried from one log to the next as /log keeps it."""
    standing = Standing(Bests(116.7, {5: 100.0}, 500.0), 500.0, 0.0)
    said = []
    for weight, e1rm in ((105, 122.5), (110, 128.3), (108, 126.0)):
        sets = [working(weight, 5, e1rm)]
        said.append(new_records(standing, sets, weight * 5.0))
        standing = standing.after(sets, weight * 5.0)

    assert said == [
        # 525 kg passes yesterday's 500 kg: today's volume is a record, once.
        [
            Record(RecordKind.E1RM, 122.5, 116.7),
            Record(RecordKind.WEIGHT, 105, 100.0, reps=5),
            Record(RecordKind.VOLUME, 525.0, 500.0),
        ],
        # "was" is this morning's 105 kg, not yesterday's 100 kg.
        [Record(RecordKind.E1RM, 128.3, 122.5), Record(RecordKind.WEIGHT, 110, 105.0, reps=5)],
        # 108 kg beats yesterday but not the 110 kg just before: no record at all.
        [],
    ]
    assert standing == Standing(Bests(128.3, {5: 110.0}, 1615.0), 500.0, 1615.0)


@pytest.mark.parametrize(
    ("newest_first", "shown"),
    [
        (
            ["barbell_curl", "leg_press", "deadlift", "bench_press", "back_squat"],
            ["back_squat", "bench_press", "deadlift", "barbell_curl", "leg_press"],
        ),
        (
            ["push_press", "front_squat", "overhead_press", "back_squat", "calf_raise"],
            ["back_squat", "front_squat", "overhead_press", "push_press", "calf_raise"],
        ),
        (["leg_press", "barbell_curl"], ["leg_press", "barbell_curl"]),
    ],
)
def test_the_overview_shows_main_lifts_first_then_the_rest_by_recency(newest_first, shown):
    assert overview_order(newest_first) == shown
