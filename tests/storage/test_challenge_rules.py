"""Which sets count on a challenge board, decided in SQL on each back-end: the window and
its local days, joining, back-dating, hard and plausible sets, and the metrics' figures."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from coach.challenges import Metric, Window
from coach.exercise import Exercise
from coach.vocabulary import Muscle, Pattern, Region, Unit
from storage import challenge_board, challenges
from storage.custom_exercises import add_custom
from storage.people import get_person
from storage.sessions import settle_person
from storage.store import Store
from storage.tables import IMPORTED, Challenge, LoggedSet

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 2 March to Sunday 15 March 2026 in Berlin: two challenge weeks.
WINDOW = Window.from_dates(date(2026, 3, 2), date(2026, 3, 15), BERLIN)
MONDAY = datetime(2026, 3, 2, 18, tzinfo=UTC)
ALICE, BOB = 1, 2
_batches = itertools.count()


async def a_challenge(
    store: Store,
    metric: Metric,
    goal: float = 100,
    window: Window = WINDOW,
    joined: datetime | None = None,
) -> Challenge:
    def unit(session: Session) -> Challenge:
        for person in (ALICE, BOB):
            get_person(session, person, window.start - timedelta(days=7))
        created = challenges.add_challenge(
            session,
            guild_id=10,
            channel_id=20,
            name=metric.value,
            metric=metric,
            goal=goal,
            team=False,
            window=window,
            creator_id=ALICE,
            now=window.start - timedelta(days=3),
        )
        assert created is not None
        for person in (ALICE, BOB):
            challenges.join(session, created.id or 0, person, joined or window.start)
        return created

    return await store.run(unit)


async def log(
    store: Store,
    at: datetime,
    key: str = "back_squat",
    count: int = 1,
    *,
    person: int = ALICE,
    kg: float | None = 100.0,
    reps: int | None = 5,
    seconds: int | None = None,
    rpe: float | None = None,
    warmup: bool = False,
    bodyweight: bool = False,
    logged_at: datetime | None = None,
    source: str = "slash",
) -> None:
    def unit(session: Session) -> None:
        session.add_all(
            LoggedSet(
                person_id=person,
                performed_at=at,
                logged_at=logged_at or at,
                local_date=at.date(),
                exercise_key=key,
                exercise_name=key or "sissy squat",
                weight_kg=kg,
                weight_typed=kg,
                unit_typed=Unit.KG,
                reps=reps,
                seconds=seconds,
                rpe=rpe,
                warmup=warmup,
                bodyweight=bodyweight,
                batch_id=f"b{next(_batches)}",
                source=source,
            )
            for _ in range(count)
        )
        session.flush()
        # Each set's session and hardness, as logging works them out (storage.sessions).
        settle_person(session, person)

    await store.run(unit)


async def scores(store: Store, challenge: Challenge) -> dict[int, float]:
    board = await store.run(challenge_board.board, challenge)
    return {s.person_id: s.score for s in board.standings}


async def test_the_window_runs_from_local_midnight_to_local_midnight(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_SETS)
    await log(store, datetime(2026, 3, 1, 22, 59, 59, 999999, tzinfo=UTC))  # 23:59 before
    await log(store, datetime(2026, 3, 1, 23, 0, tzinfo=UTC))  # 00:00 Monday: counts
    await log(store, datetime(2026, 3, 15, 22, 59, 59, 999999, tzinfo=UTC))  # counts
    await log(store, datetime(2026, 3, 15, 23, 0, tzinfo=UTC))  # 00:00 after the end
    assert (await scores(store, challenge))[ALICE] == 2


async def test_late_joiners_count_only_what_they_did_after_joining(store: Store) -> None:
    joined = MONDAY + timedelta(days=3)
    challenge = await a_challenge(store, Metric.LEG_SETS, joined=joined)
    await log(store, MONDAY, count=4)
    await log(store, joined - timedelta(microseconds=1))
    await log(store, joined, count=2)
    assert (await scores(store, challenge))[ALICE] == 2


async def test_back_dating_beyond_three_days_or_after_the_end_does_not_count(store: Store):
    challenge = await a_challenge(store, Metric.LEG_SETS)
    performed = MONDAY + timedelta(days=1, microseconds=250)
    await log(store, performed, logged_at=performed + timedelta(days=3))  # counts
    await log(store, performed, logged_at=performed + timedelta(days=3, microseconds=1))
    await log(store, performed, logged_at=performed + timedelta(days=3, minutes=1))
    await log(store, WINDOW.end - timedelta(hours=1), logged_at=WINDOW.end)  # too late
    await log(store, performed, logged_at=performed - timedelta(hours=1))  # logged ahead
    assert (await scores(store, challenge))[ALICE] == 2


async def test_implausible_warm_up_easy_and_imported_sets_never_count(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_SETS)
    await log(store, MONDAY, rpe=6)
    await log(store, MONDAY, kg=1000)  # at the limit: plausible
    await log(store, MONDAY, kg=1500)
    await log(store, MONDAY, kg=-1500, bodyweight=True)
    await log(store, MONDAY, reps=100)  # at the limit: plausible
    await log(store, MONDAY, reps=101)
    await log(store, MONDAY, key="wall_sit", kg=None, reps=None, seconds=3600)  # plausible
    await log(store, MONDAY, key="wall_sit", kg=None, reps=None, seconds=3601)
    await log(store, MONDAY, warmup=True)
    await log(store, MONDAY, rpe=5.5)
    await log(store, MONDAY, key="bench_press")  # upper body: not a leg set
    await log(store, MONDAY, key=None)  # unclassified: counts nowhere
    await log(store, MONDAY, source=IMPORTED)  # another app's history
    assert (await scores(store, challenge))[ALICE] == 4


async def test_lower_volume_is_kg_times_reps_of_lower_hard_sets(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LOWER_VOLUME)
    await log(store, MONDAY, "back_squat", kg=100, reps=5)
    await log(store, MONDAY, "romanian_deadlift", kg=80.5, reps=8)
    await log(store, MONDAY, "pistol_squat", kg=10, reps=6, bodyweight=True)  # added load
    await log(store, MONDAY, "pistol_squat", kg=-20, reps=6, bodyweight=True)  # assisted
    await log(store, MONDAY, "bench_press", kg=80, reps=5)
    assert (await scores(store, challenge))[ALICE] == 500 + 644 + 60


async def test_a_session_across_midnight_is_one_leg_day_on_its_first_day(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_DAYS)
    late_monday = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)  # 23:30 Monday in Berlin
    await log(store, late_monday, count=2)
    await log(store, datetime(2026, 3, 2, 23, 30, tzinfo=UTC), "leg_press")  # 00:30 Tuesday
    assert (await scores(store, challenge))[ALICE] == 1  # one session: Monday's leg day
    await log(store, MONDAY + timedelta(days=2), count=3)
    assert (await scores(store, challenge))[ALICE] == 2


async def test_two_short_leg_sessions_on_one_day_make_no_leg_day(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_DAYS)
    await log(store, MONDAY - timedelta(hours=10), count=2)  # 09:00 in Berlin
    await log(store, MONDAY, count=2)  # 19:00: more than 3 hours later, another session
    assert (await scores(store, challenge))[ALICE] == 0


async def test_a_session_begun_before_the_window_counts_its_sets_but_no_leg_day(
    store: Store,
) -> None:
    days = await a_challenge(store, Metric.LEG_DAYS)
    sets = await a_challenge(store, Metric.LEG_SETS)
    before = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # 23:30 on the Sunday before
    await log(store, before, count=2)
    await log(store, before + timedelta(hours=1), count=3)  # 00:30 Monday, same session
    assert (await scores(store, days))[ALICE] == 0
    assert (await scores(store, sets))[ALICE] == 3


async def test_local_days_follow_the_clock_change(store: Store) -> None:
    spring = Window.from_dates(date(2026, 3, 23), date(2026, 4, 5), BERLIN)
    challenge = await a_challenge(store, Metric.STREAK, window=spring)
    # The clocks go forward on Sunday 29 March: Saturday ends at 23:00 UTC, Sunday at 22:00.
    await log(store, datetime(2026, 3, 26, 17, 0, tzinfo=UTC), count=3)  # Thursday
    await log(store, datetime(2026, 3, 28, 22, 30, tzinfo=UTC), count=3)  # Saturday 23:30
    # Monday 00:30 in summer time, the second week (Sunday 23:30 on winter time).
    await log(store, datetime(2026, 3, 29, 22, 30, tzinfo=UTC), count=3)
    await log(store, datetime(2026, 4, 1, 17, 0, tzinfo=UTC), count=3)  # Wednesday
    assert (await scores(store, challenge))[ALICE] == 2  # two weeks of two leg days


async def test_balance_weeks_count_members_own_exercises_by_their_region(store: Store):
    challenge = await a_challenge(store, Metric.BALANCE_WEEKS)
    landmine = Exercise(
        "", "Landmine Press", Region.UPPER, Pattern.VERTICAL_PUSH, (Muscle.FRONT_DELTS,)
    )
    stored, _ = await store.run(add_custom, ALICE, landmine, "landmine press", MONDAY)
    key = stored.key
    await log(store, MONDAY, count=3)
    await log(store, MONDAY + timedelta(days=2), "leg_press", count=3)
    await log(store, MONDAY + timedelta(days=1), key, count=5)  # LU 6/5
    assert (await scores(store, challenge))[ALICE] == 1
    await log(store, MONDAY + timedelta(days=1), "plank", count=9)  # core: neither side
    assert (await scores(store, challenge))[ALICE] == 1
    await log(store, MONDAY + timedelta(days=3), "pull_up", kg=0, count=8)
    assert (await scores(store, challenge))[ALICE] == 0


async def test_squat_gain_reads_the_best_e1rm_of_each_day(store: Store) -> None:
    challenge = await a_challenge(store, Metric.SQUAT_GAIN)
    await log(store, MONDAY, kg=100, reps=1)
    await log(store, MONDAY, kg=95, reps=3, rpe=10)  # 95 / 92.2 %: 103.04, Monday's best
    await log(store, MONDAY + timedelta(days=3), kg=95, reps=1)
    await log(store, MONDAY + timedelta(days=3), kg=150, reps=1, bodyweight=True)  # no e1RM
    await log(store, MONDAY + timedelta(days=6), kg=100, reps=5)  # Epley: 116.67
    await log(store, MONDAY + timedelta(days=7), "front_squat", kg=150, reps=1)
    assert (await scores(store, challenge))[ALICE] == 13.23


async def test_ending_early_closes_the_window_at_that_instant(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_SETS)
    await log(store, MONDAY, count=2)
    await log(store, MONDAY + timedelta(days=2), count=2)
    await store.run(challenges.close, challenge, MONDAY + timedelta(days=1))
    assert (await scores(store, challenge))[ALICE] == 2


async def test_the_first_to_the_goal_is_told_by_when_the_sets_were_logged(store: Store):
    challenge = await a_challenge(store, Metric.LEG_SETS, goal=3)
    evening = MONDAY + timedelta(hours=1)
    await log(store, MONDAY, count=3, person=BOB, logged_at=evening + timedelta(days=1))
    await log(store, MONDAY, count=2, logged_at=evening)
    # Logged in one go with Monday's third set: the goal is reached by the whole call.
    await log(store, MONDAY + timedelta(minutes=1), logged_at=evening + timedelta(hours=2))
    await log(store, MONDAY + timedelta(days=1), count=2, logged_at=evening + timedelta(hours=2))
    board = await store.run(challenge_board.board, challenge)
    assert [(s.person_id, s.score, s.rank, s.reached_at) for s in board.standings] == [
        (ALICE, 5, 1, evening + timedelta(hours=2)),
        (BOB, 3, 2, evening + timedelta(days=1)),
    ]


async def test_inferred_warm_ups_never_count(store: Store) -> None:
    # Worked example 13 of the balance model: ramp sets before 3 x 100 kg are warm-ups,
    # in SQL exactly as in /balance. Sets logged in one call share a time: order decides.
    challenge = await a_challenge(store, Metric.LEG_SETS)
    for minute, (kg, reps) in enumerate([(20, 10), (60, 5), (80, 3), (100, 5), (100, 5)]):
        await log(store, MONDAY + timedelta(minutes=minute), kg=kg, reps=reps)
    await log(store, MONDAY + timedelta(minutes=5), kg=100, reps=5)
    # Another day: ascending sets of the same reps, and a ramp set with an RPE, are work.
    tuesday = MONDAY + timedelta(days=1)
    for minute, kg in enumerate([80, 90, 100]):
        await log(store, tuesday + timedelta(minutes=minute), kg=kg, reps=5)
    await log(store, tuesday + timedelta(minutes=5), kg=40, reps=5, rpe=7, key="romanian_deadlift")
    await log(store, tuesday + timedelta(minutes=6), kg=100, reps=5, key="romanian_deadlift")
    assert (await scores(store, challenge))[ALICE] == 3 + 3 + 2


async def test_leg_days_need_leg_patterns_and_olympic_lifts_count(store: Store) -> None:
    challenge = await a_challenge(store, Metric.LEG_DAYS)
    await log(store, MONDAY, "standing_calf_raise", count=4)
    await log(store, MONDAY, "hip_abduction_machine", count=4)  # still no leg day
    await log(store, MONDAY + timedelta(days=2), "snatch", count=3, kg=60, reps=2)
    assert (await scores(store, challenge))[ALICE] == 1


async def test_olympic_sets_count_half_in_leg_sets_and_lower_volume(store: Store) -> None:
    # M2: a snatch is half lower, half upper; a calf raise is lower (but makes no leg day).
    sets = await a_challenge(store, Metric.LEG_SETS)
    volume = await a_challenge(store, Metric.LOWER_VOLUME)
    await log(store, MONDAY, "snatch", count=3, kg=60, reps=2)
    await log(store, MONDAY, "standing_calf_raise", count=2, kg=50, reps=10)
    assert (await scores(store, sets))[ALICE] == 1.5 + 2
    assert (await scores(store, volume))[ALICE] == 3 * 120 / 2 + 2 * 500


async def test_balance_weeks_count_olympic_halves_and_need_real_leg_days(store: Store) -> None:
    challenge = await a_challenge(store, Metric.BALANCE_WEEKS)
    # Two Olympic sessions (leg days) and upper work: lower 3, upper 3 + 2 = 5, LU 0.6.
    await log(store, MONDAY, "clean_and_jerk", count=3, kg=80, reps=1)
    await log(store, MONDAY + timedelta(days=2), "snatch", count=3, kg=60, reps=1)
    await log(store, MONDAY + timedelta(days=1), "bench_press", count=2)
    assert (await scores(store, challenge))[ALICE] == 1
    # The second week balanced in numbers, but calf raises alone make no leg day (M5).
    week_two = MONDAY + timedelta(days=7)
    await log(store, week_two, "standing_calf_raise", count=3)
    await log(store, week_two + timedelta(days=2), "standing_calf_raise", count=3)
    await log(store, week_two + timedelta(days=1), "bench_press", count=5)
    assert (await scores(store, challenge))[ALICE] == 1
