"""The weekly group report from members' weekly counts and this week's sets per day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.findings import Code, Severity
from coach.report import WEEKS, Member, SessionSets, Week, build_report
from coach.training import CheckIn, Goal, Pain, PainArea, Profile, RedFlag
from coach.vocabulary import Muscle, Pattern, Region

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 18, tzinfo=UTC)
CATALOG = load_catalog()
EXERCISES = {e.key: e for e in CATALOG.exercises}
UPPER = {"bench_press": 4, "barbell_row": 4, "overhead_press": 3}
LOWER = {"back_squat": 4, "romanian_deadlift": 3}


def days(plan: dict[int, dict[str, int]]) -> list[SessionSets]:
    """``plan``: days ago -> exercise -> hard sets, one session a day, in time order."""
    return [
        SessionSets(TODAY - timedelta(days=ago), sets) for ago, sets in sorted(plan.items())[::-1]
    ]


def weeks(*newest_first: Week) -> list[Week]:
    """The report's weeks, oldest first, from the ones given newest first; the rest empty."""
    return [*newest_first, *[Week()] * (WEEKS - len(newest_first))][::-1]


UPPER_ONLY = Member(1, "Ulf", weeks(Week(upper=33)), days({0: UPPER, 2: UPPER, 4: UPPER}))
BALANCED = Member(
    2,
    "Bea",
    [Week(lower=14, upper=22, leg_days=2)] * WEEKS,
    days({0: LOWER, 1: UPPER, 3: LOWER, 4: UPPER}),
)
IMPROVED = Member(
    3,
    "Ivo",
    weeks(Week(lower=14, upper=11, leg_days=2), Week(upper=22)),
    days({0: LOWER, 2: {**LOWER, **UPPER}}),
)
LEGS_ONLY = Member(
    4, "Lea", weeks(Week(lower=21, leg_days=3)), days({0: LOWER, 1: LOWER, 3: LOWER})
)


def test_group_week_counts_every_member():
    report = build_report([UPPER_ONLY, BALANCED, IMPROVED, LEGS_ONLY], TODAY, EXERCISES)

    assert report.week.lower == 14 + 14 + 21
    assert report.week.upper == 33 + 22 + 11
    assert report.legs_twice == 3  # Bea, Ivo and Lea
    assert [row.name for row in report.rows] == ["Bea", "Ulf", "Ivo", "Lea"]  # most sets first


def test_each_row_has_its_most_important_finding():
    report = build_report([UPPER_ONLY, BALANCED, LEGS_ONLY], TODAY, EXERCISES)
    top = {row.name: row.top.code if row.top else None for row in report.rows}

    assert top["Ulf"] == Code.LEGS_SKIPPED
    assert top["Lea"] == Code.LEGS_ONLY
    assert top["Bea"] not in {Code.LEGS_SKIPPED, Code.LEGS_NEGLECTED, Code.LEGS_ONLY}


def test_findings_judge_this_week_only():
    leg_day_last_week = [SessionSets(TODAY - timedelta(days=7), {"back_squat": 9})]
    ulf = Member(1, "Ulf", UPPER_ONLY.weeks, [*leg_day_last_week, *UPPER_ONLY.sessions])

    report = build_report([ulf], TODAY, EXERCISES)

    assert report.rows[0].top is not None
    assert report.rows[0].top.code == Code.LEGS_SKIPPED


def test_most_improved_is_the_member_who_moved_into_balance():
    report = build_report([UPPER_ONLY, BALANCED, IMPROVED], TODAY, EXERCISES)

    assert report.most_improved is not None
    assert report.most_improved.name == "Ivo"


@pytest.mark.parametrize(
    ("last_week", "this_week", "improved"),
    [
        (Week(upper=22), Week(lower=14, upper=22), True),  # from no legs into the band
        (Week(lower=21), Week(lower=10, upper=14), True),  # from legs only into the band
        (Week(upper=20), Week(lower=4, upper=20), True),  # toward the band, not in it yet
        (Week(lower=30), Week(lower=6), False),  # legs only both weeks: fewer is not better
        (Week(lower=30, upper=1), Week(lower=9), False),  # moved away from the band
        (Week(lower=4, upper=20), Week(upper=20), False),  # from below the band, further down
        (Week(lower=14, upper=22), Week(lower=16, upper=22), False),  # in the band both weeks
        (Week(), Week(lower=14, upper=22), False),  # nothing to compare with
    ],
)
def test_most_improved_means_moving_toward_the_balanced_band(last_week, this_week, improved):
    member = Member(5, "Max", weeks(this_week, last_week), days({}))

    report = build_report([member, BALANCED], TODAY, EXERCISES)

    assert (report.most_improved is not None) is improved
    if improved:
        assert report.most_improved.name == "Max"


def test_of_two_members_moving_toward_balance_the_one_who_moved_further_is_most_improved():
    # Ivo went from upper only to 14 lower and 11 upper (share 0.56, just over the band);
    # Max from upper only to 4 lower and 20 upper (share 0.17, still under it).
    slower = Member(5, "Max", weeks(Week(lower=4, upper=20), Week(upper=20)), days({}))

    report = build_report([slower, IMPROVED, BALANCED], TODAY, EXERCISES)

    assert report.most_improved is not None
    assert report.most_improved.name == "Ivo"


def test_the_issue_case_legs_only_member_with_fewer_sets_is_not_most_improved():
    upper_only_before = Member(6, "Uma", weeks(Week(lower=4, upper=20), Week(upper=24)), days({}))
    legs_only = Member(7, "Leo", weeks(Week(lower=3), Week(lower=25)), days({}))

    report = build_report([legs_only, upper_only_before], TODAY, EXERCISES)

    assert report.most_improved is not None
    assert report.most_improved.name == "Uma"


def test_streaks_count_weeks_in_a_row_with_two_leg_days():
    one_leg_day = Week(lower=7, upper=11, leg_days=1)
    two_leg_days = Week(lower=14, upper=22, leg_days=2)
    # One leg day this week ends the streak, however long it was.
    ona = Member(8, "Ona", weeks(one_leg_day, *[two_leg_days] * (WEEKS - 1)), days({}))
    # One leg day a week ago: only this week's two count.
    tia = Member(9, "Tia", weeks(two_leg_days, one_leg_day, two_leg_days), days({}))

    report = build_report([BALANCED, IMPROVED, UPPER_ONLY, ona, tia], TODAY, EXERCISES)
    streaks = {row.name: row.streak for row in report.rows}

    assert streaks == {"Bea": 8, "Ivo": 1, "Ulf": 0, "Ona": 0, "Tia": 1}


def test_the_trend_has_eight_weeks_ending_this_week():
    report = build_report([BALANCED, UPPER_ONLY], TODAY, EXERCISES)

    assert len(report.weekly) == 8
    assert report.weekly[-1] == report.week
    assert report.weekly[0].upper == 22  # Ulf trained only this week


def test_a_custom_exercise_counts_in_findings_only_when_described():
    sled = Exercise(
        key="custom:7",
        name="Sled push",
        region=Region.LOWER,
        pattern=Pattern.OTHER,
        primary=(Muscle.QUADS,),
    )
    cas = Member(
        5, "Cas", weeks(Week(lower=8, leg_days=2)), days({0: {sled.key: 4}, 3: {sled.key: 4}})
    )

    unknown = build_report([cas], TODAY, EXERCISES)
    described = build_report([cas], TODAY, {**EXERCISES, sled.key: sled})

    # Sets of an unknown key count nowhere: no working sets, never "balanced".
    assert unknown.rows[0].top is not None
    assert unknown.rows[0].top.code == Code.NO_WORK
    assert described.rows[0].top is not None
    assert described.rows[0].top.code == Code.LEGS_ONLY


def test_nobody_opted_in_gives_an_empty_report():
    report = build_report([], TODAY, EXERCISES)
    assert report.rows == ()
    assert report.most_improved is None
    assert report.week.total == 0


def test_a_member_with_a_private_safety_or_pain_state_has_no_public_finding():
    red_flag = CheckIn(NOW - timedelta(days=2), red_flags=frozenset({RedFlag.CHEST_PAIN}))
    knee = CheckIn(NOW - timedelta(days=1), pain=Pain(score=4, location=PainArea.KNEE))
    members = [
        replace(UPPER_ONLY, checkins=[red_flag]),
        replace(LEGS_ONLY, checkins=[knee]),
        replace(BALANCED, checkins=[CheckIn(NOW - timedelta(days=1), sleep_hours=8)]),
    ]

    rows = {row.name: row for row in build_report(members, TODAY, EXERCISES, NOW).rows}

    assert (rows["Ulf"].private, rows["Ulf"].top) == (True, None)
    assert (rows["Lea"].private, rows["Lea"].top) == (True, None)
    assert not rows["Bea"].private
    # Eight days after it was reported the red flag no longer stands: Ulf is judged again.
    later = build_report(members[:1], TODAY, EXERCISES, NOW + timedelta(days=6)).rows[0]
    assert later.top is not None
    assert later.top.code == Code.LEGS_SKIPPED


def test_a_legs_focused_member_is_never_red_for_legs_only():
    focused = replace(LEGS_ONLY, profile=Profile(goal=Goal.LEGS))

    (row,) = build_report([focused], TODAY, EXERCISES).rows

    assert row.top is not None
    assert (row.top.code, row.top.severity) == (Code.LEGS_ONLY, Severity.INFO)


UPPER_TOO = replace(UPPER_ONLY, person_id=5, name="Uma")
RESTING = Member(6, "Rio", weeks(Week(lower=10, upper=10)), days({}))


def test_the_group_body_map_is_the_average_of_the_members_who_trained():
    alone = build_report([BALANCED], TODAY, EXERCISES).muscles
    report = build_report([UPPER_ONLY, UPPER_TOO, BALANCED, RESTING], TODAY, EXERCISES)

    assert report.trained == 3  # Rio took the week off
    assert alone[Muscle.QUADS] > 0
    assert report.muscles[Muscle.QUADS] == pytest.approx(alone[Muscle.QUADS] / 3)
    ulf = build_report([UPPER_ONLY], TODAY, EXERCISES).muscles
    expected_chest = (2 * ulf[Muscle.CHEST] + alone[Muscle.CHEST]) / 3
    assert report.muscles[Muscle.CHEST] == pytest.approx(expected_chest)


def test_a_member_who_trained_only_in_earlier_weeks_is_not_in_the_body_map():
    # Rio logged weeks ago but not this week: the report knows their history, and it is no
    # set of this week's.
    rio = replace(RESTING, first_day=TODAY - timedelta(days=30))
    report = build_report([UPPER_ONLY, BALANCED, rio], TODAY, EXERCISES)
    without = build_report([UPPER_ONLY, BALANCED], TODAY, EXERCISES)

    assert report.trained == 2
    assert report.muscles == without.muscles
    assert report.neglected == without.neglected


def test_the_muscles_most_of_the_group_neglects():
    report = build_report([UPPER_ONLY, UPPER_TOO, BALANCED, RESTING], TODAY, EXERCISES)

    neglected = {n.group.value: (n.members, n.of) for n in report.neglected}
    assert neglected["quads"] == (2, 3)
    assert neglected["hamstrings"] == (2, 3)
    assert "chest" not in neglected  # 12 chest sets each for Ulf and Uma
    assert "back" not in neglected


def test_the_most_neglected_muscles_come_first():
    squats = {"back_squat": 4}
    sam = Member(
        7, "Sam", weeks(Week(lower=12, leg_days=3)), days(dict.fromkeys((0, 2, 4), squats))
    )

    report = build_report([UPPER_ONLY, UPPER_TOO, sam], TODAY, EXERCISES)

    # Nobody trained hamstrings; only Sam trained quads and glutes.
    assert [(n.group.value, n.members) for n in report.neglected] == [
        ("hamstrings", 3),
        ("quads", 2),
        ("glutes", 2),
    ]


def test_a_muscle_neglected_by_half_the_group_is_not_most_of_it():
    report = build_report([UPPER_ONLY, BALANCED], TODAY, EXERCISES)
    assert report.neglected == ()


def test_history_before_the_week_lets_the_report_judge_what_is_missing():
    # One upper day this week: alone, too little history to say legs were skipped, as in
    # /balance; with sets weeks before, the same week is judged.
    week = days({1: {"bench_press": 6, "barbell_row": 6}})
    new = Member(8, "Neo", weeks(Week(upper=12)), week)
    known = replace(new, first_day=TODAY - timedelta(days=30))

    (fresh,) = build_report([new], TODAY, EXERCISES).rows
    (judged,) = build_report([known], TODAY, EXERCISES).rows
    # A first day just before the week, 7 days before its last, is history too.
    (day_before,) = build_report(
        [replace(new, first_day=TODAY - timedelta(days=7))], TODAY, EXERCISES
    ).rows
    assert day_before.judged

    assert fresh.top is None or fresh.top.code is not Code.LEGS_SKIPPED
    assert not fresh.judged  # no finding here is no sign of balance
    assert judged.top is not None
    assert judged.top.code is Code.LEGS_SKIPPED
    assert judged.judged
