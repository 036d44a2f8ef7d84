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
