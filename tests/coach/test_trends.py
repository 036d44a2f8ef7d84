"""Weekly region history: the same 7-day windows the balance model uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.catalog import load_catalog
from coach.training import TrainingSet
from coach.trends import weekly_regions

AS_OF = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
CATALOG = load_catalog()


def done(key: str, days_ago: float, **extra: object) -> TrainingSet:
    exercise = CATALOG.get(key)
    assert exercise is not None
    return TrainingSet(
        at=AS_OF - timedelta(days=days_ago), exercise=exercise, typed_name=key, reps=5, **extra
    )  # type: ignore[arg-type]


def test_sets_land_in_their_week_oldest_first():
    sets = [
        done("back_squat", 1),
        done("back_squat", 2),
        done("bench_press", 3),
        done("bench_press", 9),
        done("plank", 15),
    ]
    weeks = weekly_regions(sets, AS_OF, 3)
    assert [(w.lower, w.upper, w.core) for w in weeks] == [(0, 0, 1), (0, 1, 0), (2, 1, 0)]
    assert weeks[-1].end == AS_OF
    assert weeks[-1].lower_share == 2 / 3


def test_boundaries_belong_to_the_window_they_close_and_soft_sets_do_not_count():
    sets = [done("back_squat", 7), done("back_squat", 0), done("back_squat", 1, warmup=True)]
    weeks = weekly_regions(sets, AS_OF, 2)
    assert [w.lower for w in weeks] == [1, 1]


def test_empty_weeks_have_no_share():
    assert weekly_regions([], AS_OF, 2)[0].lower_share is None
