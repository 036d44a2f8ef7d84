"""The weekly group report from daily counts: members of different training patterns."""

from __future__ import annotations

from datetime import date, timedelta

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.findings import Code
from coach.report import Member, build_report
from coach.vocabulary import Muscle, Pattern, Region

TODAY = date(2026, 11, 21)
CATALOG = load_catalog()
EXERCISES = {e.key: e for e in CATALOG.exercises}
UPPER = {"bench_press": 4, "barbell_row": 4, "overhead_press": 3}
LOWER = {"back_squat": 4, "romanian_deadlift": 3}


def member(pid: int, name: str, plan: dict[int, dict[str, int]]) -> Member:
    """``plan``: days ago -> exercise -> hard sets."""
    return Member(pid, name, {TODAY - timedelta(days=ago): sets for ago, sets in plan.items()})


def every_week(days: dict[int, dict[str, int]], weeks: int = 8) -> dict[int, dict[str, int]]:
    return {ago + 7 * week: sets for week in range(weeks) for ago, sets in days.items()}


UPPER_ONLY = member(1, "Ulf", {0: UPPER, 2: UPPER, 4: UPPER})
BALANCED = member(2, "Bea", every_week({0: LOWER, 1: UPPER, 3: LOWER, 4: UPPER}))
IMPROVED = member(3, "Ivo", {0: LOWER, 2: {**LOWER, **UPPER}, 8: UPPER, 10: UPPER})
LEGS_ONLY = member(4, "Lea", {0: LOWER, 1: LOWER, 3: LOWER})


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


def test_most_improved_is_the_member_who_moved_into_balance():
    report = build_report([UPPER_ONLY, BALANCED, IMPROVED], TODAY, EXERCISES)

    assert report.most_improved is not None
    assert report.most_improved.name == "Ivo"


def test_streaks_count_weeks_in_a_row_with_two_leg_days():
    report = build_report([BALANCED, IMPROVED, UPPER_ONLY], TODAY, EXERCISES)
    streaks = {row.name: row.streak for row in report.rows}

    assert streaks == {"Bea": 8, "Ivo": 1, "Ulf": 0}


def test_the_trend_has_eight_weeks_ending_this_week():
    report = build_report([BALANCED, UPPER_ONLY], TODAY, EXERCISES)

    assert len(report.weekly) == 8
    assert report.weekly[-1] == report.week
    assert report.weekly[0].upper == 22  # Ulf trained only this week


def test_unknown_exercise_keys_count_nowhere():
    custom = member(5, "Cas", {0: {"custom:7": 10}})
    report = build_report([custom], TODAY, EXERCISES)
    assert report.week.total == 0
    assert report.rows[0].top is None


def test_a_members_custom_exercise_counts_when_described():
    sled = Exercise(
        key="custom:7",
        name="Sled push",
        region=Region.LOWER,
        pattern=Pattern.OTHER,
        primary=(Muscle.QUADS,),
    )
    custom = member(5, "Cas", {0: {"custom:7": 4}, 2: {"custom:7": 4}})
    report = build_report([custom], TODAY, {**EXERCISES, sled.key: sled})
    assert (report.week.lower, report.week.leg_days) == (8, 2)


def test_nobody_opted_in_gives_an_empty_report():
    report = build_report([], TODAY, EXERCISES)
    assert report.rows == ()
    assert report.most_improved is None
    assert report.week.total == 0
