"""OVERREACHING, one row per signal of the spec: each alone is not enough, any two are.

"at least 2 of: RPE creep; e1RM <= 95 % of the previous 4 weeks' best on a main lift;
>= 3 of the last 7 nights under 7 h; energy <= 2 on >= 3 check-ins; soreness >= 3 on a
day legs are due; mild or marked leg weakness in the latest check-in; VOLUME_HIGH"
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.findings import Code, assess
from coach.training import CheckIn, LegWeakness, Profile, TrainingSet

AS_OF = datetime(2026, 11, 21, 20, tzinfo=UTC)
SQUAT = load_catalog().resolve("squat").exercise

Signal = tuple[list[TrainingSet], list[CheckIn]]


def ago(days: float) -> datetime:
    return AS_OF - timedelta(days=days)


def creep() -> Signal:
    return [
        TrainingSet(ago(9), SQUAT, "squat", 100, 5, rpe=7),
        TrainingSet(ago(2), SQUAT, "squat", 100, 5, rpe=8.5),
    ], []


def e1rm_drop() -> Signal:
    return [
        TrainingSet(ago(20), SQUAT, "squat", 140, 1),
        TrainingSet(ago(6), SQUAT, "squat", 130, 1),
    ], []


def short_nights() -> Signal:
    return [], [CheckIn(ago(d), sleep_hours=6) for d in (1, 2, 3)]


def low_energy() -> Signal:
    return [], [CheckIn(ago(d + 0.1), energy=2) for d in (1, 2, 3)]


def sore_when_legs_due() -> Signal:
    return [], [CheckIn(ago(1.2), soreness=3)]


def weakness() -> Signal:
    return [], [CheckIn(ago(0.5), leg_weakness=LegWeakness.MILD)]


def volume_high() -> Signal:
    # Squats 4 days running: the quads and glutes trained hard on 4 consecutive days.
    return [TrainingSet(ago(d), SQUAT, "squat", 100, 5) for d in (1, 2, 3, 4)], []


SIGNALS: dict[str, Callable[[], Signal]] = {
    "rpe creep": creep,
    "e1rm drop": e1rm_drop,
    "short nights": short_nights,
    "low energy": low_energy,
    "sore when legs are due": sore_when_legs_due,
    "leg weakness": weakness,
    "volume high": volume_high,
}


def overreaching(*signals: Callable[[], Signal]) -> int | None:
    """OVERREACHING's signal count, None when it does not fire."""
    sets: list[TrainingSet] = []
    checkins: list[CheckIn] = []
    for signal in signals:
        more_sets, more_checkins = signal()
        sets += more_sets
        checkins += more_checkins
    found = assess(sets, checkins, Profile(), UTC, AS_OF).findings
    over = [f for f in found if f.code is Code.OVERREACHING]
    return int(over[0].evidence["signals"]) if over else None


@pytest.mark.parametrize("name", SIGNALS)
def test_one_signal_alone_is_not_overreaching(name: str) -> None:
    assert overreaching(SIGNALS[name]) is None


@pytest.mark.parametrize("name", SIGNALS)
def test_any_two_signals_are(name: str) -> None:
    other = low_energy if name == "short nights" else short_nights
    assert overreaching(SIGNALS[name], other) == 2


# -- each signal at its edge -------------------------------------------------------------
# A second signal that stays the same (soreness 3 a day ago, legs due; or RPE creep) so
# that only the signal under test decides whether OVERREACHING fires.

BARBELL_ROW = load_catalog().resolve("barbell row").exercise
BENCH = load_catalog().resolve("bench").exercise


def lifted(exercise: Exercise | None, *days_kg: tuple[float, float]) -> Callable[[], Signal]:
    """Singles of ``exercise``: (days ago, kg) each."""
    return lambda: ([TrainingSet(ago(d), exercise, "lift", kg, 1) for d, kg in days_kg], [])


def sore_a_day_ago() -> Signal:
    return [], [CheckIn(ago(1), soreness=3)]


def nights(*hours: float) -> Callable[[], Signal]:
    return lambda: ([], [CheckIn(ago(d + 1), sleep_hours=h) for d, h in enumerate(hours)])


def energy(*values: int) -> Callable[[], Signal]:
    return lambda: ([], [CheckIn(ago(d + 1.1), energy=v) for d, v in enumerate(values)])


@pytest.mark.parametrize(
    ("drop", "signals"),
    [
        # e1RM <= 95 % of the previous 4 weeks' best: exactly 95 % counts, 95.5 % does not.
        (lifted(SQUAT, (20, 100), (6, 95)), 2),
        (lifted(SQUAT, (20, 100), (6, 95.5)), None),
        # 25 days ago is within the 4 weeks before the 7-day window.
        (lifted(SQUAT, (25, 100), (6, 90)), 2),
        # Only main lifts: a barbell row that drops 20 % is no signal.
        (lifted(BARBELL_ROW, (20, 100), (6, 80)), None),
    ],
    ids=["squat 95 %", "squat 95.5 %", "best 25 days ago", "barbell row"],
)
def test_e1rm_drop_edges(drop: Callable[[], Signal], signals: int | None) -> None:
    assert overreaching(drop, sore_a_day_ago) == signals


@pytest.mark.parametrize(
    ("other", "signals"),
    [
        (nights(6, 6, 6), 2),  # >= 3 of the last 7 nights under 7 h
        (nights(6, 6), None),
        (nights(7.0, 7.0, 7.0), None),  # 7 h is not under 7 h
        (energy(2, 2, 2), 2),  # energy <= 2 on >= 3 check-ins
        (energy(2, 2), None),
        (energy(3, 3, 3), None),
    ],
    ids=[
        "3 short nights",
        "2 short nights",
        "3 nights of 7 h",
        "energy 2 x3",
        "energy 2 x2",
        "energy 3 x3",
    ],
)
def test_sleep_and_energy_edges(other: Callable[[], Signal], signals: int | None) -> None:
    assert overreaching(creep, other) == signals


@pytest.mark.parametrize(
    ("squat_days_ago", "signals"),
    [(3, None), (4, 2)],
    ids=["squat 2 days before the soreness", "squat 3 days before"],
)
def test_legs_are_due_three_days_after_a_lower_set(
    squat_days_ago: float, signals: int | None
) -> None:
    # Legs are due when no lower set came in the 2 days before the sore day.
    def bench_creep() -> Signal:
        return [
            TrainingSet(ago(9), BENCH, "bench", 100, 5, rpe=7),
            TrainingSet(ago(2), BENCH, "bench", 100, 5, rpe=8.5),
        ], []

    squat = lifted(SQUAT, (squat_days_ago, 100))
    assert overreaching(bench_creep, squat, sore_a_day_ago) == signals
