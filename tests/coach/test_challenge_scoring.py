"""Challenge scoring: which sets count, each metric, and ranking with ties."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.catalog import load_catalog
from coach.challenges import (
    ChallengeSet,
    Member,
    Metric,
    Window,
    build_board,
    progress_bar,
)
from coach.training import TrainingSet

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 2 March to Sunday 15 March 2026 in Berlin: two challenge weeks.
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 3, 15), BERLIN)
MONDAY = datetime(2026, 3, 2, 18, tzinfo=UTC)
ALICE, BOB, CARO = 1, 2, 3
_ids = itertools.count(1)


def lift(
    key: str,
    at: datetime,
    kg: float = 100,
    reps: int = 5,
    *,
    person: int = ALICE,
    rpe: float | None = None,
    warmup: bool = False,
    logged_at: datetime | None = None,
) -> ChallengeSet:
    exercise = load_catalog().get(key)
    assert exercise is not None, key
    logged = TrainingSet(at, exercise, key, kg, reps, rpe=rpe, warmup=warmup)
    return ChallengeSet(next(_ids), person, logged, logged_at or at)


def sets(key: str, count: int, at: datetime, **options: object) -> list[ChallengeSet]:
    return [lift(key, at + timedelta(minutes=i), **options) for i in range(count)]  # type: ignore[arg-type]


def members(*people: int, joined: datetime = WINDOW.start) -> list[Member]:
    return [Member(person, joined) for person in people]


def scores(metric: Metric, logged: list[ChallengeSet], goal: float = 100, **options: object):
    board = build_board(metric, goal, False, WINDOW, members(ALICE, BOB), logged, **options)  # type: ignore[arg-type]
    return {s.person_id: s.score for s in board.standings}


def test_the_window_runs_from_local_midnight_to_local_midnight_after_the_end():
    assert WINDOW.start == datetime(2026, 3, 1, 23, tzinfo=UTC)
    assert WINDOW.end == datetime(2026, 3, 15, 23, tzinfo=UTC)
    edges = [
        lift("back_squat", datetime(2026, 3, 1, 22, 59, tzinfo=UTC)),  # 23:59 Sunday before
        lift("back_squat", datetime(2026, 3, 1, 23, 0, tzinfo=UTC)),  # 00:00 Monday: counts
        lift("back_squat", datetime(2026, 3, 15, 22, 59, tzinfo=UTC)),  # 23:59 last day: counts
        lift("back_squat", datetime(2026, 3, 15, 23, 0, tzinfo=UTC)),  # 00:00 after the end
    ]
    assert scores(Metric.LEG_SETS, edges)[ALICE] == 2


def test_a_window_across_the_clock_change_keeps_local_midnights():
    spring = Window.from_dates(date(2026, 3, 23), date(2026, 4, 5), BERLIN)
    assert spring.start == datetime(2026, 3, 22, 23, tzinfo=UTC)  # CET
    assert spring.end == datetime(2026, 4, 5, 22, tzinfo=UTC)  # CEST
    assert spring.weeks == 2


def test_late_joiners_count_only_what_they_did_after_joining():
    joined = MONDAY + timedelta(days=3)
    logged = sets("back_squat", 4, MONDAY) + sets("back_squat", 2, joined + timedelta(hours=1))
    board = build_board(
        Metric.LEG_SETS, 10, False, WINDOW, [Member(ALICE, joined)], logged, frozenset()
    )
    assert board.standings[0].score == 2


def test_back_dating_beyond_three_days_or_after_the_end_does_not_count():
    performed = MONDAY + timedelta(days=1)
    logged = [
        lift("back_squat", performed, logged_at=performed + timedelta(days=3)),  # counts
        lift("back_squat", performed, logged_at=performed + timedelta(days=3, minutes=1)),
        lift("back_squat", WINDOW.end - timedelta(hours=1), logged_at=WINDOW.end),  # too late
    ]
    assert scores(Metric.LEG_SETS, logged)[ALICE] == 1


def test_implausible_warm_up_and_easy_sets_never_count():
    logged = [
        lift("back_squat", MONDAY),
        lift("back_squat", MONDAY, kg=1500),
        lift("back_squat", MONDAY, warmup=True),
        lift("back_squat", MONDAY, rpe=5),
        lift("bench_press", MONDAY),  # upper body: not a leg set
    ]
    assert scores(Metric.LEG_SETS, logged)[ALICE] == 1


def test_excluded_sets_and_members_do_not_count_and_the_board_says_so():
    logged = [*sets("back_squat", 3, MONDAY), *sets("back_squat", 5, MONDAY, person=BOB)]
    cheat = logged[0].set_id
    people = [Member(ALICE, WINDOW.start), Member(BOB, WINDOW.start, excluded=True)]

    board = build_board(Metric.LEG_SETS, 10, False, WINDOW, people, logged, {cheat})

    assert [(s.person_id, s.score) for s in board.standings] == [(ALICE, 2)]
    assert (board.excluded_sets, board.excluded_members) == (1, 1)


def test_lower_volume_is_kg_times_reps_of_lower_hard_sets():
    logged = [
        lift("back_squat", MONDAY, 100, 5),
        lift("romanian_deadlift", MONDAY, 80, 8),
        lift("bench_press", MONDAY, 80, 5),
    ]
    assert scores(Metric.LOWER_VOLUME, logged)[ALICE] == 1140


def test_leg_days_need_three_lower_hard_sets_on_one_local_day():
    late_monday = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 Monday in Berlin
    logged = [
        *sets("back_squat", 2, late_monday),
        lift("leg_press", datetime(2026, 3, 2, 23, 30, tzinfo=UTC)),  # 00:30 Tuesday
        *sets("back_squat", 3, MONDAY + timedelta(days=2)),
    ]
    assert scores(Metric.LEG_DAYS, logged)[ALICE] == 1


def balanced_week(start: datetime, person: int = ALICE) -> list[ChallengeSet]:
    """Two leg days of 3 lower sets and 5 upper sets: LU 6/5 = 1.2."""
    return [
        *sets("back_squat", 3, start, person=person),
        *sets("leg_press", 3, start + timedelta(days=2), person=person),
        *sets("bench_press", 5, start + timedelta(days=1), person=person),
    ]


def test_balance_weeks_need_lu_between_half_and_one_and_a_half_and_two_leg_days():
    week_two = MONDAY + timedelta(days=7)
    legs_only = [*sets("back_squat", 3, week_two), *sets("leg_press", 3, week_two + timedelta(1))]
    assert scores(Metric.BALANCE_WEEKS, balanced_week(MONDAY) + legs_only)[ALICE] == 1
    upper_heavy = balanced_week(MONDAY) + sets("bench_press", 8, MONDAY + timedelta(days=3))
    assert scores(Metric.BALANCE_WEEKS, upper_heavy)[ALICE] == 0


def test_streak_is_the_longest_run_of_weeks_with_two_leg_days():
    three_weeks = Window.from_dates(date(2026, 3, 2), date(2026, 3, 22), BERLIN)
    logged = balanced_week(MONDAY) + balanced_week(MONDAY + timedelta(days=14))
    board = build_board(Metric.STREAK, 3, False, three_weeks, members(ALICE), logged)
    assert board.standings[0].score == 1
    logged += balanced_week(MONDAY + timedelta(days=7))
    board = build_board(Metric.STREAK, 3, False, three_weeks, members(ALICE), logged)
    assert board.standings[0].score == 3


def test_squat_gain_compares_the_best_later_e1rm_with_the_first_squat_day():
    logged = [
        lift("back_squat", MONDAY, 100, 1),
        lift("back_squat", MONDAY + timedelta(days=3), 95, 1),
        lift("back_squat", MONDAY + timedelta(days=6), 110, 1),
        lift("front_squat", MONDAY + timedelta(days=7), 150, 1),  # not the back squat
    ]
    assert scores(Metric.SQUAT_GAIN, logged)[ALICE] == pytest.approx(10.0)
    assert scores(Metric.SQUAT_GAIN, logged[:2])[ALICE] == 0


def test_ties_share_a_rank_and_all_win():
    logged = [
        *sets("back_squat", 3, MONDAY),
        *sets("back_squat", 3, MONDAY, person=BOB),
        *sets("back_squat", 1, MONDAY, person=CARO),
    ]
    people = members(ALICE, BOB, CARO)
    board = build_board(Metric.LEG_SETS, 10, False, WINDOW, people, logged)
    assert [(s.person_id, s.rank) for s in board.standings] == [(ALICE, 1), (BOB, 1), (CARO, 3)]
    assert [s.person_id for s in board.winners] == [ALICE, BOB]


def test_first_to_the_goal_beats_a_higher_score_reached_later():
    logged = [
        *sets("back_squat", 3, MONDAY, person=BOB),
        *sets("back_squat", 2, MONDAY + timedelta(days=1)),
        *sets("back_squat", 4, MONDAY + timedelta(days=2)),
    ]
    board = build_board(Metric.LEG_SETS, 3, False, WINDOW, members(ALICE, BOB), logged)
    assert [(s.person_id, s.score, s.rank) for s in board.standings] == [
        (BOB, 3, 1),
        (ALICE, 6, 2),
    ]
    assert board.standings[0].reached_at == MONDAY + timedelta(minutes=2)
    assert board.standings[1].reached_at == MONDAY + timedelta(days=2)


def test_without_anyone_at_the_goal_the_best_score_wins_and_nobody_wins_with_zero():
    board = build_board(Metric.LEG_SETS, 50, False, WINDOW, members(ALICE, BOB), [])
    assert board.winners == ()
    board = build_board(
        Metric.LEG_SETS, 50, False, WINDOW, members(ALICE, BOB), sets("back_squat", 2, MONDAY)
    )
    assert [s.person_id for s in board.winners] == [ALICE]


def test_a_team_shares_one_goal_and_every_contributor_wins():
    logged = [*sets("back_squat", 4, MONDAY), *sets("back_squat", 6, MONDAY, person=BOB)]
    people = members(ALICE, BOB, CARO)
    board = build_board(Metric.LEG_SETS, 10, True, WINDOW, people, logged)
    assert (board.total, board.reached) == (10, True)
    assert {s.person_id for s in board.winners} == {ALICE, BOB}
    short = build_board(Metric.LEG_SETS, 11, True, WINDOW, people, logged)
    assert (short.reached, short.winners) == (False, ())


def test_ending_early_closes_the_window_at_that_instant():
    ended = WINDOW.closed_at(MONDAY + timedelta(days=1))
    logged = [*sets("back_squat", 2, MONDAY), *sets("back_squat", 2, MONDAY + timedelta(days=2))]
    board = build_board(Metric.LEG_SETS, 10, False, ended, members(ALICE), logged)
    assert board.standings[0].score == 2


def test_progress_bars():
    assert progress_bar(0, 10) == "░" * 10
    assert progress_bar(7, 10) == "███████░░░"
    assert progress_bar(25, 10) == "█" * 10
