"""Metrics M1-M13 on hand-built exercises, so they hold whatever the catalog data says."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.exercise import Exercise
from coach.metrics import (
    Bracket,
    Lift,
    MuscleGroup,
    compute_metrics,
    days_since,
    estimates,
    group_sets,
    hard_sets,
    is_hard,
    leg_days,
    muscle_sets,
    region_sets,
    rpe_creep,
    sessions,
    sleep_summary,
    weekly_best,
    worked_sessions,
)
from coach.training import CheckIn, TrainingSet
from coach.vocabulary import Balance, Muscle, Pattern, Region

UTC = ZoneInfo("UTC")
AS_OF = datetime.fromisoformat("2026-11-21T20:00:00+00:00")  # a Saturday

SQUAT = Exercise(
    "back_squat",
    "Back Squat",
    Region.LOWER,
    Pattern.SQUAT,
    (Muscle.QUADS, Muscle.GLUTES),
    (Muscle.ADDUCTORS, Muscle.LOWER_BACK),
)
RDL = Exercise(
    "romanian_deadlift",
    "Romanian Deadlift",
    Region.LOWER,
    Pattern.HINGE,
    (Muscle.HAMSTRINGS, Muscle.GLUTES),
    (Muscle.LOWER_BACK,),
)
LEG_CURL = Exercise(
    "lying_leg_curl", "Lying Leg Curl", Region.LOWER, Pattern.KNEE_FLEXION, (Muscle.HAMSTRINGS,)
)
BENCH = Exercise(
    "bench_press",
    "Bench Press",
    Region.UPPER,
    Pattern.HORIZONTAL_PUSH,
    (Muscle.CHEST,),
    (Muscle.FRONT_DELTS, Muscle.TRICEPS),
)
ROW = Exercise(
    "barbell_row",
    "Barbell Row",
    Region.UPPER,
    Pattern.HORIZONTAL_PULL,
    (Muscle.UPPER_BACK, Muscle.LATS),
    (Muscle.BICEPS, Muscle.REAR_DELTS),
)
OHP = Exercise(
    "overhead_press",
    "Overhead Press",
    Region.UPPER,
    Pattern.VERTICAL_PUSH,
    (Muscle.FRONT_DELTS,),
    (Muscle.SIDE_DELTS, Muscle.TRICEPS),
)
PLANK = Exercise("plank", "Plank", Region.CORE, Pattern.CORE, (Muscle.ABS,), bodyweight=True)


FRONT_SQUAT = Exercise(
    "front_squat",
    "Front Squat",
    Region.LOWER,
    Pattern.SQUAT,
    (Muscle.QUADS,),
    family="back_squat",
    family_share=0.85,
)
CALF = Exercise("standing_calf_raise", "Calf Raise", Region.LOWER, Pattern.CALF, (Muscle.CALVES,))
ABDUCTION = Exercise(
    "hip_abduction_machine",
    "Hip Abduction",
    Region.LOWER,
    Pattern.HIP_ABDUCTION,
    (Muscle.ABDUCTORS,),
)
SNATCH = Exercise(
    "snatch",
    "Snatch",
    Region.FULL,
    Pattern.OLYMPIC,
    (Muscle.GLUTES, Muscle.QUADS),
    balance=(Balance.PULL,),
)
JERK = Exercise(
    "jerk",
    "Split Jerk",
    Region.FULL,
    Pattern.OLYMPIC,
    (Muscle.FRONT_DELTS,),
    balance=(Balance.PUSH,),
)
RUN = Exercise("running", "Running", Region.CARDIO, Pattern.CARDIO, (Muscle.QUADS,))


def lift(
    exercise: Exercise | None,
    at: datetime,
    *,
    weight: float | None = None,
    reps: int | None = 8,
    rpe: float | None = None,
    warmup: bool = False,
    typed: str | None = None,
) -> TrainingSet:
    name = typed if typed is not None else exercise.name if exercise else "mystery move"
    return TrainingSet(at, exercise, name, weight, reps, None, rpe, warmup, False)


def days_ago(days: float, base: datetime = AS_OF) -> datetime:
    return base - timedelta(days=days)


def test_a_hard_set_is_a_working_set_without_rpe_or_at_rpe_6_or_more() -> None:
    at = days_ago(1)
    assert is_hard(lift(SQUAT, at))
    assert is_hard(lift(SQUAT, at, rpe=6))
    assert is_hard(lift(SQUAT, at, rpe=9.5))
    assert not is_hard(lift(SQUAT, at, rpe=5.5))  # RPE below 6: 5+ reps in reserve
    assert not is_hard(lift(SQUAT, at, warmup=True))


def test_region_counts_lu_and_ratios() -> None:
    sets = [
        *(lift(SQUAT, days_ago(1)) for _ in range(6)),
        *(lift(RDL, days_ago(1)) for _ in range(2)),
        *(lift(LEG_CURL, days_ago(1)) for _ in range(1)),
        *(lift(BENCH, days_ago(2)) for _ in range(6)),
        *(lift(OHP, days_ago(2)) for _ in range(3)),
        *(lift(ROW, days_ago(2)) for _ in range(3)),
        lift(PLANK, days_ago(2), reps=None),
        lift(SQUAT, days_ago(1), warmup=True),
        lift(BENCH, days_ago(2), rpe=5),
    ]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert (m.lower_sets, m.upper_sets, m.core_sets) == (9, 12, 1)
    assert m.lu == pytest.approx(9 / 12)
    assert (m.push_sets, m.pull_sets) == (9, 3)
    assert m.push_pull == pytest.approx(3.0)
    assert m.squat_pattern_sets == 6
    assert m.posterior_ratio == pytest.approx(3 / 6)
    assert m.leg_days == 1
    assert m.days_since_legs == 1


def test_lu_is_none_without_upper_sets() -> None:
    m = compute_metrics([lift(SQUAT, days_ago(1))], [], UTC, AS_OF)
    assert m.lu is None
    assert m.lower_sets == 1


def test_sets_per_muscle_are_fractional() -> None:
    sets = [lift(BENCH, days_ago(1)) for _ in range(4)]
    counts = muscle_sets(sets)
    assert counts[Muscle.CHEST] == 4.0
    assert counts[Muscle.FRONT_DELTS] == 2.0
    assert counts[Muscle.TRICEPS] == 2.0
    assert counts[Muscle.QUADS] == 0.0


def test_a_set_counts_once_per_muscle_group() -> None:
    # A row has lats and upper back as primaries: one set of back, not two.
    groups = group_sets([lift(ROW, days_ago(1)) for _ in range(3)])
    assert groups[MuscleGroup.BACK] == 3.0
    assert groups[MuscleGroup.SHOULDERS] == 1.5  # rear delts, secondary
    bench = group_sets([lift(BENCH, days_ago(1)), lift(OHP, days_ago(1))])
    assert bench[MuscleGroup.SHOULDERS] == 1.5  # 0.5 from bench, 1.0 from the press


def test_the_window_is_the_trailing_seven_days_open_at_the_start() -> None:
    sets = [
        lift(BENCH, AS_OF - timedelta(days=7)),  # exactly 7 days back: out
        lift(BENCH, AS_OF - timedelta(days=7) + timedelta(seconds=1)),  # in
        lift(BENCH, AS_OF),  # exactly as_of: in
        lift(BENCH, AS_OF + timedelta(seconds=1)),  # the future: out
    ]
    assert compute_metrics(sets, [], UTC, AS_OF).upper_sets == 2


@pytest.mark.parametrize(
    ("zone", "local_times"),
    [
        # NZDT is UTC+13: 12:30-13:15 local on the 18th is 23:30 on the 17th to 00:15 UTC.
        ("Pacific/Auckland", ("2026-11-18T12:30", "2026-11-18T12:45", "2026-11-18T13:15")),
        # PST is UTC-8: 15:30-16:15 local on the 18th crosses UTC midnight into the 19th.
        ("America/Los_Angeles", ("2026-11-18T15:30", "2026-11-18T15:45", "2026-11-18T16:15")),
    ],
)
def test_a_leg_day_crossing_utc_midnight_counts_on_the_local_day(
    zone: str, local_times: tuple[str, ...]
) -> None:
    tz = ZoneInfo(zone)
    times = [datetime.fromisoformat(t).replace(tzinfo=tz) for t in local_times]
    assert len({t.astimezone(UTC).date() for t in times}) == 2  # the premise: split in UTC
    sets = [lift(SQUAT, t.astimezone(UTC)) for t in times]
    assert leg_days(worked_sessions(sets), tz) == (times[0].date(),)
    # M0: one session, dated by its first set, whatever zone reads it.
    assert leg_days(worked_sessions(sets), UTC) == (times[0].astimezone(UTC).date(),)
    m = compute_metrics(sets, [], tz, AS_OF)
    assert m.leg_days == 1


def test_a_late_session_belongs_to_the_local_day_it_was_done() -> None:
    tz = ZoneInfo("Europe/Berlin")
    # 23:30 in Berlin on the 20th is 22:30 UTC; a set at 00:30 local on the 21st follows.
    late = datetime.fromisoformat("2026-11-20T23:30:00+01:00")
    sets = [lift(SQUAT, late) for _ in range(2)] + [lift(SQUAT, late + timedelta(hours=1))]
    # 2 sets on the 20th and 1 on the 21st are one session: a leg day on the 20th.
    assert leg_days(worked_sessions(sets), tz) == (late.date(),)
    assert days_since(late, AS_OF, tz) == 1


def test_days_since_legs_uses_all_history_and_is_none_when_never() -> None:
    old = [lift(SQUAT, days_ago(200) + timedelta(minutes=n)) for n in range(3)]
    assert compute_metrics([*old, lift(BENCH, days_ago(1))], [], UTC, AS_OF).days_since_legs == 200
    assert compute_metrics([lift(BENCH, days_ago(1))], [], UTC, AS_OF).days_since_legs is None
    # Warm-ups are no leg training, and two hard squat sets are no leg day (M5, M6).
    warm = [lift(SQUAT, days_ago(1) + timedelta(minutes=n), warmup=True) for n in range(5)]
    assert compute_metrics([*old, *warm], [], UTC, AS_OF).days_since_legs == 200
    two = [lift(SQUAT, days_ago(1) + timedelta(minutes=n)) for n in range(2)]
    assert compute_metrics([*old, *two], [], UTC, AS_OF).days_since_legs == 200


def test_only_warmups_count_nowhere() -> None:
    sets = [lift(SQUAT, days_ago(1), warmup=True) for _ in range(5)]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert (m.lower_sets, m.upper_sets, m.core_sets, m.unclassified_sets) == (0, 0, 0, 0)
    assert m.leg_days == 0
    assert m.days_since_legs is None


def test_unclassified_sets_are_counted_by_name_and_nowhere_else() -> None:
    sets = [
        lift(None, days_ago(1), typed="Zercher  Thing"),
        lift(None, days_ago(1), typed="zercher thing"),
        lift(None, days_ago(2), typed="wobble board"),
        lift(None, days_ago(2), typed="wobble board", warmup=True),
    ]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert m.unclassified_sets == 3
    assert m.unclassified_names == (("Zercher Thing", 2), ("wobble board", 1))
    assert m.classified_sets == 0
    assert sum(m.muscle_sets.values()) == 0


def test_squat_bench_uses_the_best_e1rm_of_eight_weeks() -> None:
    sets = [
        lift(BENCH, days_ago(3), weight=85, reps=5, rpe=9),
        lift(SQUAT, days_ago(2), weight=80, reps=5, rpe=8),
        lift(SQUAT, days_ago(60), weight=150, reps=5, rpe=8),  # older than 8 weeks
        lift(SQUAT, days_ago(1), weight=60, reps=5, rpe=5),  # not a hard set
        # Both lifts in 3 different weeks (M10), lighter than the bests above.
        *(lift(BENCH, days_ago(d), weight=60, reps=5) for d in (10, 17)),
        *(lift(SQUAT, days_ago(d), weight=60, reps=5) for d in (10, 17)),
    ]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert m.squat_e1rm == pytest.approx(98.64, abs=0.01)
    assert m.bench_e1rm == pytest.approx(101.55, abs=0.01)
    assert m.squat_bench == pytest.approx(0.971, abs=0.001)


def test_weekly_best_e1rm_groups_by_local_calendar_week() -> None:
    tz = ZoneInfo("Pacific/Auckland")
    # Sunday 23:00 local and Monday 01:00 local: different weeks, same UTC day.
    sunday = datetime.fromisoformat("2026-11-15T23:00:00+13:00")
    monday = datetime.fromisoformat("2026-11-16T01:00:00+13:00")
    sets = [
        lift(SQUAT, sunday, weight=100, reps=1),
        lift(SQUAT, monday, weight=110, reps=1),
        lift(SQUAT, monday, weight=105, reps=1),
    ]
    weeks = weekly_best(estimates(sets, tz))[Lift("back_squat", Bracket.LOW)]
    assert [(w.week.isoformat(), w.e1rm_kg) for w in weeks] == [
        ("2026-11-09", 100.0),
        ("2026-11-16", 110.0),
    ]


def _session(
    day: float, rpes: list[float], weight: float = 100, reps: int = 5
) -> list[TrainingSet]:
    return [
        lift(SQUAT, days_ago(day) + timedelta(minutes=i * 4), weight=weight, reps=reps, rpe=r)
        for i, r in enumerate(rpes)
    ]


@pytest.mark.parametrize(
    ("sets", "creeps"),
    [
        (_session(10, [7]) + _session(3, [8]), True),
        (_session(10, [7, 8, 9]) + _session(3, [7, 8, 9]), False),  # same session again
        (_session(3, [7, 8, 9]), False),  # RPE climbs within a session by design
        (_session(10, [7]) + _session(3, [7.5]), False),  # +0.5 is within RPE error
        (_session(10, [7], weight=100) + _session(3, [8], weight=102.5), True),  # 2.5 %
        (_session(10, [7], weight=100) + _session(3, [8], weight=103), False),
        (_session(10, [7], reps=5) + _session(3, [8], reps=6), True),  # reps within 1
        (_session(10, [7], reps=5) + _session(3, [8], reps=7), False),
        (_session(25, [7]) + _session(3, [8]), False),  # more than 21 days apart
    ],
)
def test_rpe_creep(sets: list[TrainingSet], creeps: bool) -> None:
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert bool(m.rpe_creep) is creeps
    if creeps:
        assert m.rpe_creep[0].lift == "back_squat"
        assert m.rpe_creep[0].rpe_after - m.rpe_creep[0].rpe_before >= 1


def test_rpe_creep_reports_the_latest_case_per_lift() -> None:
    sets = _session(15, [6]) + _session(10, [7]) + _session(3, [8])
    (creep,) = rpe_creep(sets, UTC)
    assert creep.later_at == days_ago(3)
    assert creep.rpe_after == 8


def check_in(day: float, **answers: object) -> CheckIn:
    return CheckIn(days_ago(day), **answers)  # type: ignore[arg-type]


def test_sleep_takes_one_answer_per_local_day() -> None:
    checkins = [
        check_in(1.5, sleep_hours=8),
        check_in(1.4, sleep_hours=6),  # later the same day: replaces 8
        check_in(3, sleep_hours=6.5),
        check_in(4, energy=3),  # no sleep answer: not a night
    ]
    summary = sleep_summary(checkins, UTC)
    assert summary.nights == 2
    assert summary.mean_hours == pytest.approx(6.25)
    assert summary.short_nights == 2


def test_checkin_signals_for_overreaching() -> None:
    sets = [lift(SQUAT, days_ago(6)) for _ in range(3)]
    checkins = [
        check_in(5, soreness=3),  # the day after legs: not due yet
        check_in(2, soreness=4, energy=2),  # 4 days after legs: due
        check_in(1, energy=1),
        check_in(0.5, energy=2),
    ]
    m = compute_metrics(sets, checkins, UTC, AS_OF)
    assert m.sore_days_legs_due == 1
    assert m.low_energy_days == 3


def test_too_soon_needs_rpe_9_under_48_hours_apart_while_sore() -> None:
    hard = [lift(SQUAT, days_ago(3), rpe=9), lift(SQUAT, days_ago(2), rpe=9.5)]
    sore = [check_in(2.5, soreness=3)]
    m = compute_metrics(hard, sore, UTC, AS_OF)
    assert [t.muscle for t in m.too_soon] == [Muscle.QUADS, Muscle.GLUTES]
    assert m.too_soon[0].hours_apart == pytest.approx(24)
    assert not compute_metrics(hard, [check_in(2.5, soreness=2)], UTC, AS_OF).too_soon
    far = [lift(SQUAT, days_ago(4), rpe=9), lift(SQUAT, days_ago(1), rpe=9)]
    assert not compute_metrics(far, sore, UTC, AS_OF).too_soon
    easy = [lift(SQUAT, days_ago(3), rpe=8), lift(SQUAT, days_ago(2), rpe=9)]
    assert not compute_metrics(easy, sore, UTC, AS_OF).too_soon


def test_main_lift_changes_compare_the_window_with_the_four_weeks_before() -> None:
    sets = [
        lift(SQUAT, days_ago(20), weight=140, reps=1),
        lift(SQUAT, days_ago(2), weight=130, reps=1),
        lift(SQUAT, days_ago(40), weight=200, reps=1),  # before the 4 weeks
    ]
    (change,) = compute_metrics(sets, [], UTC, AS_OF).main_lift_changes
    assert (change.current_kg, change.previous_kg) == (130, 140)
    assert change.ratio == pytest.approx(130 / 140)


def test_as_of_must_be_aware() -> None:
    with pytest.raises(ValueError, match="offset"):
        compute_metrics([], [], UTC, datetime(2026, 11, 21, 20))


def test_records_reject_naive_times_and_out_of_range_answers() -> None:
    with pytest.raises(ValueError, match="offset"):
        lift(SQUAT, datetime(2026, 11, 21))
    with pytest.raises(ValueError, match="soreness"):
        check_in(1, soreness=5)
    with pytest.raises(ValueError, match="RPE"):
        lift(SQUAT, days_ago(1), rpe=11)


# -- v2: sessions, inferred warm-ups, full and cardio regions, families --------------------


def _at(hour: int, minute: int = 0, day: float = 2) -> datetime:
    return days_ago(day).replace(hour=hour, minute=minute)


def test_sessions_split_at_gaps_over_three_hours() -> None:
    sets = [lift(SQUAT, _at(9)), lift(SQUAT, _at(12)), lift(SQUAT, _at(15, 1))]
    assert [len(s) for s in sessions(sets)] == [2, 1]


@pytest.mark.parametrize(
    ("loads", "hard"),
    [
        # Worked example 13: ramp sets before 3 x 100 kg are warm-ups.
        ([(20, 10), (60, 5), (80, 3), (100, 5), (100, 5), (100, 5)], 3),
        ([(100, 5), (100, 5), (100, 5)], 3),
        # Ascending sets of the same reps are all work.
        ([(80, 5), (90, 5), (100, 5)], 3),
        # A lighter set with more reps before the top set is work (a pyramid).
        ([(80, 10), (100, 8)], 2),
        # Back-off sets after the top set are work, however light.
        ([(100, 3), (50, 10)], 2),
    ],
)
def test_inferred_warmups(loads: list[tuple[float, int]], hard: int) -> None:
    sets = [lift(SQUAT, _at(18, i), weight=w, reps=r) for i, (w, r) in enumerate(loads)]
    assert len(hard_sets(sets)) == hard
    assert compute_metrics(sets, [], UTC, AS_OF).lower_sets == hard


def test_a_ramp_set_with_rpe_6_or_more_is_work() -> None:
    sets = [
        lift(SQUAT, _at(18), weight=50, reps=5, rpe=7),
        lift(SQUAT, _at(18, 5), weight=100, reps=5),
    ]
    assert len(hard_sets(sets)) == 2


def test_sets_logged_together_keep_their_order() -> None:
    # One /log call stores every set at one time: the order they were typed decides.
    same = _at(18)
    sets = [lift(SQUAT, same, weight=w, reps=r) for w, r in ((40, 5), (100, 5), (100, 5))]
    assert len(hard_sets(sets)) == 2


def test_midnight_lifter_has_three_leg_days() -> None:
    # Worked example 14: squats at 23:30, RDLs at 00:20, three nights a week.
    sets = []
    for night in (1, 3, 5):
        start = days_ago(night + 1).replace(hour=23, minute=30)
        sets += [lift(SQUAT, start + timedelta(minutes=5 * n)) for n in range(3)]
        sets += [lift(RDL, start + timedelta(minutes=50 + 5 * n)) for n in range(3)]
    assert compute_metrics(sets, [], UTC, AS_OF).leg_days == 3


def test_calf_and_hip_abduction_never_make_a_leg_day() -> None:
    sets = [lift(CALF, _at(18, n)) for n in range(4)] + [
        lift(ABDUCTION, _at(18, 10 + n)) for n in range(4)
    ]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert m.lower_sets == 8
    assert m.leg_days == 0


def test_olympic_sets_count_half_lower_half_upper_and_on_their_push_pull_side() -> None:
    sets = [lift(SNATCH, _at(18, n)) for n in range(4)] + [
        lift(JERK, _at(18, 10 + n)) for n in range(2)
    ]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert (m.lower_sets, m.upper_sets) == (3.0, 3.0)
    assert (m.push_sets, m.pull_sets) == (2, 4)
    assert m.leg_days == 1  # Olympic lifts make a leg day
    assert region_sets(sets)[Region.FULL] == 6


def test_cardio_counts_in_no_set_metric() -> None:
    runs = [TrainingSet(_at(7, day=d), RUN, "run", seconds=1500, distance_m=5000) for d in (1, 3)]
    m = compute_metrics(runs, [], UTC, AS_OF)
    assert (m.lower_sets, m.upper_sets, m.core_sets, m.classified_sets) == (0, 0, 0, 0)
    assert sum(m.muscle_sets.values()) == 0
    assert m.leg_days == 0
    assert m.cardio_sessions == 2
    assert hard_sets(runs) == []


def test_front_squat_counts_in_the_squat_family_at_e1rm_over_085() -> None:
    sets = [lift(FRONT_SQUAT, days_ago(d), weight=85, reps=1) for d in (2, 9, 16)]
    sets += [lift(BENCH, days_ago(d), weight=80, reps=1) for d in (3, 10, 17)]
    m = compute_metrics(sets, [], UTC, AS_OF)
    assert m.squat_e1rm == pytest.approx(100)
    assert m.squat_bench == pytest.approx(1.25)


def test_squat_bench_waits_for_three_weeks_of_both_lifts() -> None:
    sets = [lift(SQUAT, days_ago(d), weight=100, reps=1) for d in (2, 9, 16)]
    sets += [lift(BENCH, days_ago(d), weight=80, reps=1) for d in (3, 10)]
    assert compute_metrics(sets, [], UTC, AS_OF).squat_bench is None


def test_volume_high_on_sets_or_days_in_a_row() -> None:
    many = [lift(SQUAT, _at(18, n, day=d)) for d in (1, 3) for n in range(13)]
    (high,) = [
        v for v in compute_metrics(many, [], UTC, AS_OF).volume_high if v.muscle is Muscle.QUADS
    ]
    assert high.sets == 26
    daily = [lift(BENCH, _at(18, day=d)) for d in (1, 2, 3, 4)]
    (chest,) = compute_metrics(daily, [], UTC, AS_OF).volume_high
    assert (chest.muscle, chest.days_in_a_row) == (Muscle.CHEST, 4)
    three = [lift(BENCH, _at(18, day=d)) for d in (1, 2, 3)]
    assert compute_metrics(three, [], UTC, AS_OF).volume_high == ()


def test_history_needs_two_days_and_a_first_set_three_days_old() -> None:
    assert not compute_metrics([lift(BENCH, days_ago(1))], [], UTC, AS_OF).has_history
    recent = [lift(BENCH, days_ago(1)), lift(BENCH, days_ago(2))]
    assert not compute_metrics(recent, [], UTC, AS_OF).has_history
    enough = [lift(BENCH, days_ago(1)), lift(BENCH, days_ago(3))]
    assert compute_metrics(enough, [], UTC, AS_OF).has_history
