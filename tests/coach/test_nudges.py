"""Which leg-day nudge a reminder sends, from what was logged and checked in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.catalog import load_catalog
from coach.nudges import Verdict, leg_day_nudge
from coach.training import CheckIn, Profile, RedFlag, TrainingSet

NOW = datetime(2026, 3, 12, 17, tzinfo=UTC)
SINCE = NOW - timedelta(days=3)
TZ = ZoneInfo("Europe/Berlin")


def sets(key: str, days_ago: float, count: int = 3, rpe: float | None = 8) -> list[TrainingSet]:
    exercise = load_catalog().get(key)
    at = NOW - timedelta(days=days_ago)
    return [TrainingSet(at=at, exercise=exercise, typed_name=key, reps=5, rpe=rpe)] * count


def nudge(logged: list[TrainingSet], checkins: tuple[CheckIn, ...] = ()):
    return leg_day_nudge(logged, checkins, Profile(), since=SINCE, as_of=NOW, tz=TZ)


def test_legs_since_the_previous_reminder_means_no_nudge():
    assert nudge(sets("back_squat", 1)).verdict is Verdict.LEGS_DONE


def test_upper_body_or_warmups_do_not_count():
    logged = sets("bench_press", 1) + sets("back_squat", 1, rpe=4) + sets("back_squat", 4)
    result = nudge(logged)
    assert (result.verdict, result.days_since_legs, result.session) == (Verdict.REMIND, 4, None)


@pytest.mark.parametrize(
    ("days_ago", "verdict"),
    [(6, Verdict.REMIND), (7, Verdict.ESCALATE)],
    ids=["6 days without legs reminds", "7 days escalates"],
)
def test_escalation_starts_at_a_week_without_legs(days_ago: int, verdict: Verdict):
    result = nudge(sets("back_squat", days_ago))
    assert (result.verdict, result.days_since_legs) == (verdict, days_ago)
    assert (result.session is not None) is (verdict is Verdict.ESCALATE)


def test_a_week_without_legs_escalates_with_a_session():
    result = nudge(sets("back_squat", 8))
    assert (result.verdict, result.days_since_legs) == (Verdict.ESCALATE, 8)
    assert "squat" in (result.session or "").lower()


def test_never_trained_legs_escalates():
    result = nudge(sets("bench_press", 1))
    assert (result.verdict, result.days_since_legs) == (Verdict.ESCALATE, None)


def test_a_red_flag_pauses_nudges_for_7_days_whatever_later_check_ins_say():
    flagged = CheckIn(at=NOW - timedelta(days=2), red_flags=frozenset({RedFlag.CHEST_PAIN}))
    assert nudge(sets("back_squat", 9), (flagged,)).verdict is Verdict.SAFETY_PAUSE
    cleared = CheckIn(at=NOW - timedelta(days=1))
    assert nudge(sets("back_squat", 9), (flagged, cleared)).verdict is Verdict.SAFETY_PAUSE
    treated = CheckIn(at=NOW - timedelta(days=1), being_treated=True)
    assert nudge(sets("back_squat", 9), (flagged, treated)).verdict is Verdict.ESCALATE
    week_old = CheckIn(at=NOW - timedelta(days=7), red_flags=frozenset({RedFlag.CHEST_PAIN}))
    assert nudge(sets("back_squat", 9), (week_old,)).verdict is Verdict.ESCALATE


def test_only_a_leg_day_counts_as_legs_done():
    # Calf raises alone, or two squat sets, are no leg day (M5).
    assert nudge(sets("standing_calf_raise", 1, count=5) + sets("back_squat", 4)).verdict is (
        Verdict.REMIND
    )
    assert nudge(sets("back_squat", 1, count=2) + sets("back_squat", 4)).verdict is Verdict.REMIND


def test_a_leg_day_across_midnight_is_done_once_it_ends():
    late = datetime(2026, 3, 11, 22, 30, tzinfo=UTC)  # 23:30 in Berlin, on to 00:50
    squat = load_catalog().get("back_squat")
    logged = [
        TrainingSet(late + timedelta(minutes=40 * n), squat, "squat", reps=5) for n in range(3)
    ]
    assert nudge(logged).verdict is Verdict.LEGS_DONE
