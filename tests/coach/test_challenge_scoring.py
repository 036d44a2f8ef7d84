"""Challenge scoring: the window and its local days, each metric, and ranking with ties.

Which sets count is decided by the store, in SQL: tests/storage/test_challenge_rules.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.challenges import (
    Logged,
    Metric,
    Post,
    Tally,
    Window,
    at_goal,
    due_posts,
    next_post_at,
    progress_bar,
    rank,
    reached_at,
    scores,
    utc_offsets,
)
from coach.metrics import local_day

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 2 March to Sunday 15 March 2026 in Berlin: two challenge weeks.
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 3, 15), BERLIN)
MONDAY = date(2026, 3, 2)
ALICE, BOB, CARO = 1, 2, 3


def day(offset: int, person: int = ALICE, **figures: float) -> Tally:
    """A tally of ``person``'s sets on the day ``offset`` days after the first Monday."""
    return Tally(person, MONDAY + timedelta(days=offset), **figures)  # type: ignore[arg-type]


def score_of(metric: Metric, tallies: list[Tally], window: Window = WINDOW) -> float:
    return scores(metric, window, [ALICE], tallies)[ALICE]


def test_the_window_runs_from_local_midnight_to_local_midnight_after_the_end():
    assert WINDOW.start == datetime(2026, 3, 1, 23, tzinfo=UTC)
    assert WINDOW.end == datetime(2026, 3, 15, 23, tzinfo=UTC)


def test_a_window_across_the_clock_change_keeps_local_midnights():
    spring = Window.from_dates(date(2026, 3, 23), date(2026, 4, 5), BERLIN)
    assert spring.start == datetime(2026, 3, 22, 23, tzinfo=UTC)  # CET
    assert spring.end == datetime(2026, 4, 5, 22, tzinfo=UTC)  # CEST
    assert spring.weeks == 2


def test_utc_offsets_split_the_window_where_the_clock_changes():
    spring = Window.from_dates(date(2026, 3, 23), date(2026, 4, 5), BERLIN)
    assert utc_offsets(spring) == (
        (datetime(2026, 3, 29, 1, tzinfo=UTC), timedelta(hours=1)),
        (spring.end, timedelta(hours=2)),
    )
    assert utc_offsets(WINDOW) == ((WINDOW.end, timedelta(hours=1)),)


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        ("Europe/Berlin", date(2026, 10, 19), date(2026, 11, 1)),  # back to CET
        ("America/New_York", date(2026, 3, 2), date(2026, 3, 15)),
        ("Asia/Kolkata", date(2026, 3, 2), date(2026, 3, 15)),  # +5:30
        ("Australia/Lord_Howe", date(2026, 3, 30), date(2026, 4, 12)),  # half-hour change
        ("Pacific/Chatham", date(2026, 9, 21), date(2026, 10, 4)),  # +12:45 / +13:45
    ],
)
def test_every_instant_of_the_window_gets_its_local_day_from_its_offset(zone, first, last):
    window = Window.from_dates(first, last, ZoneInfo(zone))
    runs = utc_offsets(window)
    at = window.start.astimezone(UTC)
    while at < window.end:
        offset = next(offset for until, offset in runs if at < until)
        assert (at + offset).date() == local_day(at, window.tz), at
        at += timedelta(minutes=7)


def test_an_early_end_ends_the_last_run():
    ended = WINDOW.closed_at(datetime(2026, 3, 5, 12, tzinfo=UTC))
    assert utc_offsets(ended) == ((ended.end, timedelta(hours=1)),)


def test_leg_sets_and_lower_volume_add_up_the_tallies():
    tallies = [
        day(0, lower_sets=3, upper_sets=5, lower_volume=1140.0),
        day(0, lower_sets=1, lower_volume=400.0),  # the same day, split by the store
        day(4, lower_sets=2, lower_volume=500.5),
    ]
    assert score_of(Metric.LEG_SETS, tallies) == 6
    assert score_of(Metric.LOWER_VOLUME, tallies) == 2040.5


def test_leg_days_need_three_leg_hard_sets_in_one_session():
    morning = datetime(2026, 3, 5, 7, tzinfo=UTC)
    evening = morning + timedelta(hours=10)
    tallies = [
        day(0, lower_sets=2, upper_sets=4, leg_sets=2),
        day(0, lower_sets=1, leg_sets=1),  # completes Monday's session
        day(1, lower_sets=2, upper_sets=9, leg_sets=2),  # upper sets do not make a leg day
        day(2, lower_sets=4),  # calf raises: lower sets, but no leg-day pattern
        day(3, leg_sets=2, session=morning),
        day(3, leg_sets=2, session=evening),  # two short sessions: no leg day
        day(4, leg_sets=3),
    ]
    assert score_of(Metric.LEG_DAYS, tallies) == 2


def test_a_session_begun_before_the_window_is_no_leg_day_of_it():
    tallies = [day(-1, lower_sets=3, leg_sets=3), day(0, leg_sets=3)]
    assert score_of(Metric.LEG_DAYS, tallies) == 1
    assert score_of(Metric.LEG_SETS, tallies) == 3


def test_olympic_halves_add_up_in_leg_sets():
    assert score_of(Metric.LEG_SETS, [day(0, lower_sets=2.5), day(1, lower_sets=0.5)]) == 3


def balanced_week(start: int, person: int = ALICE) -> list[Tally]:
    """Two leg days of 3 lower sets and 5 upper sets: LU 6/5 = 1.2."""
    return [
        day(start, person, lower_sets=3, leg_sets=3),
        day(start + 1, person, upper_sets=5),
        day(start + 2, person, lower_sets=3, leg_sets=3),
    ]


def test_balance_weeks_need_lu_between_half_and_one_and_a_half_and_two_leg_days():
    legs_only = [day(7, lower_sets=3, leg_sets=3), day(8, lower_sets=3, leg_sets=3)]
    assert score_of(Metric.BALANCE_WEEKS, balanced_week(0) + legs_only) == 1
    upper_heavy = [*balanced_week(0), day(3, upper_sets=8)]
    assert score_of(Metric.BALANCE_WEEKS, upper_heavy) == 0
    one_leg_day = [day(0, lower_sets=6, leg_sets=6), day(1, upper_sets=5)]
    assert score_of(Metric.BALANCE_WEEKS, one_leg_day) == 0
    calves_and_abduction = [day(0, lower_sets=3), day(1, upper_sets=5), day(2, lower_sets=3)]
    assert score_of(Metric.BALANCE_WEEKS, calves_and_abduction) == 0  # no leg day (M5)


@pytest.mark.parametrize(
    ("lower", "upper", "weeks"),
    [
        (6, 12, 1),  # LU 0.5: the band's lower edge is in it
        (18, 12, 1),  # LU 1.5: so is its upper edge
        (5, 12, 0),  # LU 0.42: under it
        (19, 12, 0),  # LU 1.58: over it
    ],
)
def test_balance_weeks_count_the_edges_of_the_band(lower, upper, weeks):
    """Two leg days of 3 leg sets each, the week's lower sets split between them."""
    tallies = [
        day(0, lower_sets=lower / 2, leg_sets=3),
        day(1, upper_sets=upper),
        day(2, lower_sets=lower / 2, leg_sets=3),
    ]
    assert score_of(Metric.BALANCE_WEEKS, tallies) == weeks


def test_streak_is_the_longest_run_of_weeks_with_two_leg_days():
    three_weeks = Window.from_dates(date(2026, 3, 2), date(2026, 3, 22), BERLIN)
    tallies = balanced_week(0) + balanced_week(14)
    assert score_of(Metric.STREAK, tallies, three_weeks) == 1
    tallies += balanced_week(7)
    assert score_of(Metric.STREAK, tallies, three_weeks) == 3


def test_a_week_with_one_leg_day_breaks_the_streak():
    three_weeks = Window.from_dates(date(2026, 3, 2), date(2026, 3, 22), BERLIN)
    one_leg_day = [day(7, lower_sets=6, leg_sets=6), day(9, upper_sets=5)]
    tallies = balanced_week(0) + one_leg_day + balanced_week(14)
    assert score_of(Metric.STREAK, tallies, three_weeks) == 1


def test_squat_gain_compares_the_best_later_e1rm_with_the_first_squat_day():
    tallies = [
        day(0, squat_e1rm=100.0),
        day(0, squat_e1rm=90.0),  # the day's best counts
        day(3, squat_e1rm=95.0),
        day(6, squat_e1rm=110.0),
        day(7, lower_sets=5),  # no squat estimate: not a squat day
    ]
    assert score_of(Metric.SQUAT_GAIN, tallies) == pytest.approx(10.0)
    assert score_of(Metric.SQUAT_GAIN, tallies[:3]) == 0
    assert score_of(Metric.SQUAT_GAIN, tallies[:1]) == 0


def test_squat_gain_takes_the_best_later_day_not_the_last():
    tallies = [day(0, squat_e1rm=100.0), day(3, squat_e1rm=110.0), day(6, squat_e1rm=105.0)]
    assert score_of(Metric.SQUAT_GAIN, tallies) == pytest.approx(10.0)  # 110 / 100, not 105
    assert score_of(Metric.SQUAT_GAIN, tallies[:2]) == pytest.approx(10.0)  # two days do


def test_members_without_tallies_score_zero_and_others_are_ignored():
    tallies = [day(0, lower_sets=4), day(0, CARO, lower_sets=9)]
    assert scores(Metric.LEG_SETS, WINDOW, [ALICE, BOB], tallies) == {ALICE: 4, BOB: 0}


def test_ties_share_a_rank_and_all_win():
    board = rank(Metric.LEG_SETS, 10, False, {ALICE: (3, None), BOB: (3, None), CARO: (1, None)})
    assert [(s.person_id, s.rank) for s in board.standings] == [(ALICE, 1), (BOB, 1), (CARO, 3)]
    assert [s.person_id for s in board.winners] == [ALICE, BOB]


def logged(at: datetime, tally: Tally) -> Logged:
    return (at, tally)


def test_first_to_the_goal_beats_a_higher_score_reached_later():
    evening = datetime(2026, 3, 2, 18, tzinfo=UTC)
    calls = [
        logged(evening, day(0, BOB, lower_sets=3)),
        logged(evening + timedelta(days=1), day(1, ALICE, lower_sets=2)),
        # Logged together, and split by day: the goal is reached by the whole call.
        logged(evening + timedelta(days=2), day(1, ALICE, lower_sets=2)),
        logged(evening + timedelta(days=2), day(2, ALICE, lower_sets=2)),
    ]
    points = {ALICE: 6.0, BOB: 3.0}
    assert at_goal(points, 3, team=False) == [ALICE, BOB]
    times = reached_at(Metric.LEG_SETS, WINDOW, 3, calls)
    assert times == {BOB: evening, ALICE: evening + timedelta(days=2)}

    board = rank(Metric.LEG_SETS, 3, False, {p: (points[p], times[p]) for p in points})
    assert [(s.person_id, s.score, s.rank) for s in board.standings] == [
        (BOB, 3, 1),
        (ALICE, 6, 2),
    ]
    assert board.standings[0].reached_at == evening


def test_a_back_dated_day_reaches_the_goal_when_it_was_logged_not_when_it_was_done():
    # The store hands the calls over by day: Monday's, logged late on Thursday, first.
    monday = datetime(2026, 3, 2, 18, tzinfo=UTC)
    calls = [
        logged(monday + timedelta(days=3), day(0, lower_sets=3)),
        logged(monday + timedelta(days=2), day(2, lower_sets=3)),
    ]
    assert reached_at(Metric.LEG_SETS, WINDOW, 3, calls) == {ALICE: monday + timedelta(days=2)}


def test_a_goal_not_kept_after_a_drop_is_reached_only_when_it_holds():
    monday = datetime(2026, 3, 2, 18, tzinfo=UTC)
    calls = [
        logged(monday, day(0, squat_e1rm=100.0)),
        logged(monday + timedelta(days=1), day(1, squat_e1rm=104.0)),
        logged(monday + timedelta(days=2), day(2, squat_e1rm=106.0)),
    ]
    times = reached_at(Metric.SQUAT_GAIN, WINDOW, 5, calls)
    assert times == {ALICE: monday + timedelta(days=2)}


def test_without_anyone_at_the_goal_the_best_score_wins_and_nobody_wins_with_zero():
    board = rank(Metric.LEG_SETS, 50, False, {ALICE: (0, None), BOB: (0, None)})
    assert board.winners == ()
    board = rank(Metric.LEG_SETS, 50, False, {ALICE: (2, None), BOB: (0, None)})
    assert [s.person_id for s in board.winners] == [ALICE]


def test_a_team_shares_one_goal_and_every_contributor_wins():
    points = {ALICE: 4.0, BOB: 6.0, CARO: 0.0}
    assert at_goal(points, 10, team=True) == []
    board = rank(Metric.LEG_SETS, 10, True, {p: (s, None) for p, s in points.items()})
    assert (board.total, board.reached) == (10, True)
    assert {s.person_id for s in board.winners} == {ALICE, BOB}
    short = rank(Metric.LEG_SETS, 11, True, {p: (s, None) for p, s in points.items()})
    assert (short.reached, short.winners) == (False, ())


def test_the_board_counts_what_was_excluded():
    board = rank(Metric.LEG_SETS, 10, False, {ALICE: (2, None)}, 1, 3)
    assert (board.excluded_members, board.excluded_sets) == (1, 3)


def test_progress_bars():
    assert progress_bar(0, 10) == "░" * 10
    assert progress_bar(7, 10) == "███████░░░"
    assert progress_bar(25, 10) == "█" * 10


# Monday 2 March to Sunday 29 March 2026 in Berlin: four challenge weeks.
FOUR_WEEKS = Window.from_dates(date(2026, 3, 2), date(2026, 3, 29), BERLIN)
STARTED = {("start", 0)}


def test_the_streak_is_the_longest_run_not_the_latest():
    tallies = balanced_week(0) + balanced_week(7) + balanced_week(21)
    assert score_of(Metric.STREAK, tallies, FOUR_WEEKS) == 2


@pytest.mark.parametrize(
    ("after_start", "sent", "due"),
    [
        (timedelta(seconds=-1), set(), []),
        (timedelta(0), set(), [(Post.START, 0)]),
        (timedelta(days=6, hours=23), STARTED, []),  # no progress post within week 0
        (timedelta(days=7), STARTED, [(Post.WEEK, 1)]),
        # Back after two weeks offline: only the latest week's post, not one per week missed.
        (timedelta(days=16), STARTED, [(Post.WEEK, 2)]),
        (timedelta(days=16), {*STARTED, ("week", 2)}, []),
        (timedelta(days=16), set(), [(Post.START, 0), (Post.WEEK, 2)]),
    ],
)
def test_the_posts_due_are_the_start_and_only_the_latest_week(after_start, sent, due):
    assert due_posts(FOUR_WEEKS, FOUR_WEEKS.start + after_start, sent) == due


def test_once_over_only_the_end_is_due_and_once():
    for now in (FOUR_WEEKS.end, FOUR_WEEKS.end + timedelta(days=3)):
        assert due_posts(FOUR_WEEKS, now, STARTED | {("week", 3)}) == [(Post.END, 0)]
        assert due_posts(FOUR_WEEKS, now, {("end", 0)}) == []


def test_the_next_post_falls_at_the_start_each_week_boundary_and_the_end():
    assert next_post_at(WINDOW, WINDOW.start - timedelta(days=2)) == WINDOW.start
    assert next_post_at(WINDOW, WINDOW.start) == datetime(2026, 3, 8, 23, tzinfo=UTC)
    assert next_post_at(WINDOW, datetime(2026, 3, 10, 12, tzinfo=UTC)) == WINDOW.end
    # Ten days: the end comes before the second week's boundary would.
    ten_days = Window.from_dates(date(2026, 3, 2), date(2026, 3, 11), BERLIN)
    assert next_post_at(ten_days, datetime(2026, 3, 10, 12, tzinfo=UTC)) == ten_days.end
