"""The set notation parser: every accepted form, every refusal, and properties."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coach.notation import (
    MAX_LINES,
    MAX_MESSAGE_SETS,
    MAX_REPS,
    MAX_RIR,
    MAX_RPE,
    MAX_SECONDS,
    MAX_SETS,
    MAX_WEIGHT_KG,
    MIN_REPS,
    MIN_SECONDS,
    CardioLine,
    Order,
    ParsedSet,
    ParseResult,
    Shape,
    parse,
    parse_cardio,
)
from coach.vocabulary import Unit


def sets(count: int, **fields: Any) -> tuple[ParsedSet, ...]:
    return (ParsedSet(**fields),) * count


def kg(weight: float) -> dict[str, Any]:
    """A weight typed in kg."""
    return {"weight": weight, "unit": Unit.KG, "weight_kg": weight}


def bare(weight: float) -> dict[str, Any]:
    """A weight typed without a unit, by someone who logs in kg."""
    return {"weight": weight, "weight_kg": weight}


def added(weight: float, unit: Unit | None = None) -> dict[str, Any]:
    """A load relative to bodyweight, in kg."""
    return {"weight": weight, "unit": unit, "weight_kg": weight, "added": True, "bodyweight": True}


BW = {"bodyweight": True}

ACCEPTED = [
    # sets x reps, weight before or after, with or without @, at, for
    ("squat 3x5 100kg @8", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 3x5 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat 100kg 3x5", "squat", sets(3, reps=5, **kg(100))),
    ("3x5 squat 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("5x5 squats @ 100kg", "squats", sets(5, reps=5, **kg(100))),
    ("bench 3x8 @ 80", "bench", sets(3, reps=8, **bare(80))),
    ("bench 3x8 at 80", "bench", sets(3, reps=8, **bare(80))),
    ("bench 3x8 @80kg", "bench", sets(3, reps=8, **kg(80))),
    ("squat 3 sets of 5 at 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat 3 sets of 5 reps at 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat 3 sets x 5 reps 100 kg", "squat", sets(3, reps=5, **kg(100))),
    ("bench 80kg for 3 sets of 8", "bench", sets(3, reps=8, **kg(80))),
    ("squat 100 for 5", "squat", sets(1, reps=5, **bare(100))),
    ("squat 100 for 3x5", "squat", sets(3, reps=5, **bare(100))),
    ("squat 100 3x5", "squat", sets(3, reps=5, **bare(100))),
    ("squat 3x5 100", "squat", sets(3, reps=5, **bare(100))),
    ("squat 5 reps 100kg", "squat", sets(1, reps=5, **kg(100))),
    ("squat 100kg 5", "squat", sets(1, reps=5, **kg(100))),
    ("squat 100 5", "squat", sets(1, reps=5, **bare(100))),
    ("squat 3 x 5 x 100", "squat", sets(3, reps=5, **bare(100))),
    ("squat 3 x 5 x 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("pullups 3x10", "pullups", sets(3, reps=10)),
    ("squat 20x1 60kg", "squat", sets(20, reps=1, **kg(60))),
    # spacing, case and the other multiplication signs
    ("squat 3 x 5 100 kg", "squat", sets(3, reps=5, **kg(100))),
    ("  squat   3X5   100KG  ", "squat", sets(3, reps=5, **kg(100))),
    ("SQUAT 3x5 100kg", "SQUAT", sets(3, reps=5, **kg(100))),
    ("bench 3×8 80kg", "bench", sets(3, reps=8, **kg(80))),
    ("bench 3*8 80kg", "bench", sets(3, reps=8, **kg(80))),
    # weight x reps (x sets)
    ("deadlift 180x5", "deadlift", sets(1, reps=5, **bare(180))),
    ("deadlift 180 x 5", "deadlift", sets(1, reps=5, **bare(180))),
    ("deadlift 21x5", "deadlift", sets(1, reps=5, **bare(21))),
    ("curl 15kg x 10", "curl", sets(1, reps=10, **kg(15))),
    ("bench 100kg x5", "bench", sets(1, reps=5, **kg(100))),
    ("bench 100kgx5", "bench", sets(1, reps=5, **kg(100))),
    ("squat 5x5x5", "squat", sets(5, reps=5, **bare(5))),
    ("squat 100 x 5 reps", "squat", sets(1, reps=5, **bare(100))),
    # per-set lists
    ("ohp 50kg 5,5,4", "ohp", sets(2, reps=5, **kg(50)) + sets(1, reps=4, **kg(50))),
    ("squat: 100kg 5/5/5", "squat", sets(3, reps=5, **kg(100))),
    ("squat 5/5/5 100kg", "squat", sets(3, reps=5, **kg(100))),
    # without the unit the last number is the weight too (it was 5 kg for 5, 5 and 95 reps)
    ("ohp 5/5/5 95", "ohp", sets(3, reps=5, **bare(95))),
    ("bench 8/8/6 60", "bench", sets(2, reps=8, **bare(60)) + sets(1, reps=6, **bare(60))),
    ("squat 5,5,5 100", "squat", sets(3, reps=5, **bare(100))),
    ("bench 8-8-8 60", "bench", sets(3, reps=8, **bare(60))),
    # a `/` list stays reps beside a weight with its unit or alone, and after sets x
    # reps bare numbers are loads
    ("squat 5/5/5/100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat 5/5/5 x 100kg", "squat", sets(3, reps=5, **kg(100))),
    (
        "bench 3x8 60/65/70",
        "bench",
        sets(1, reps=8, **bare(60)) + sets(1, reps=8, **bare(65)) + sets(1, reps=8, **bare(70)),
    ),
    # ...and so are they with a unit at the end, as with a unit on each
    (
        "bench 3x8 60/65/70kg",
        "bench",
        sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)) + sets(1, reps=8, **kg(70)),
    ),
    (
        "bench 3x10 @ 60/65/70kg",
        "bench",
        sets(1, reps=10, **kg(60)) + sets(1, reps=10, **kg(65)) + sets(1, reps=10, **kg(70)),
    ),
    (
        "curl 3x10 6/8/10kg",
        "curl",
        sets(1, reps=10, **kg(6)) + sets(1, reps=10, **kg(8)) + sets(1, reps=10, **kg(10)),
    ),
    ("bench 100kg x 8/110kg x 6", "bench", sets(1, reps=8, **kg(100)) + sets(1, reps=6, **kg(110))),
    (
        "bench 3x8 60, 65, 70kg",
        "bench",
        sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)) + sets(1, reps=8, **kg(70)),
    ),
    # after a load, a comma list is reps that share it
    ("bench 100kg x 5, 5, 110kg", "bench", sets(1, reps=5, **kg(100)) + sets(1, reps=5, **kg(110))),
    ("bench 100kg x 8/8/6", "bench", sets(2, reps=8, **kg(100)) + sets(1, reps=6, **kg(100))),
    ("squat 5,5,4 @ 50kg", "squat", sets(2, reps=5, **kg(50)) + sets(1, reps=4, **kg(50))),
    ("bench 100kg x 5, 5, 4", "bench", sets(2, reps=5, **kg(100)) + sets(1, reps=4, **kg(100))),
    ("pullups 10, 8, 6", "pullups", sets(1, reps=10) + sets(1, reps=8) + sets(1, reps=6)),
    (
        "squat 100x5, 110x3, 120x1",
        "squat",
        sets(1, reps=5, **bare(100)) + sets(1, reps=3, **bare(110)) + sets(1, reps=1, **bare(120)),
    ),
    (
        "squat 3 x 5 at 100 kg @8, 110 kg x 3",
        "squat",
        sets(3, reps=5, **kg(100), rpe=8) + sets(1, reps=3, **kg(110)),
    ),
    ("squat 3x5 100kg,", "squat", sets(3, reps=5, **kg(100))),
    # units and decimals
    ("squat 3x5 225 lb", "squat", sets(3, reps=5, weight=225, unit=Unit.LB, weight_kg=102.058)),
    ("squat 3x5 225lbs", "squat", sets(3, reps=5, weight=225, unit=Unit.LB, weight_kg=102.058)),
    ("squat 3x5 225#", "squat", sets(3, reps=5, weight=225, unit=Unit.LB, weight_kg=102.058)),
    ("squat 3x5 225 pounds", "squat", sets(3, reps=5, weight=225, unit=Unit.LB, weight_kg=102.058)),
    ("squat 3x5 1 pound", "squat", sets(3, reps=5, weight=1, unit=Unit.LB, weight_kg=0.454)),
    ("squat 3x5 100kgs", "squat", sets(3, reps=5, **kg(100))),
    ("squat 3x5 100 kilos", "squat", sets(3, reps=5, **kg(100))),
    ("squat 3x5 100 kilo", "squat", sets(3, reps=5, **kg(100))),
    ("squat 3x5 102,5kg", "squat", sets(3, reps=5, **kg(102.5))),
    ("squat 3x5 102,50 kg", "squat", sets(3, reps=5, **kg(102.5))),
    # a decimal comma after the reps of a set, not after an item of a list
    (
        "squat 100x5,102,50kg x 3",
        "squat",
        sets(1, reps=5, **bare(100)) + sets(1, reps=3, **kg(102.5)),
    ),
    ("bench 60,62,5kg x 8", "bench", sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(62.5))),
    ("squat 3x5 102.5", "squat", sets(3, reps=5, **bare(102.5))),
    ("squat 3x5 102.5kg", "squat", sets(3, reps=5, **kg(102.5))),
    ("squat 3x5 0kg", "squat", sets(3, reps=5, **kg(0))),
    ("squat 1x1 1000kg", "squat", sets(1, reps=1, **kg(1000))),
    # effort
    ("squat 3x5 100kg rpe 8", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 3x5 100kg RPE8.5", "squat", sets(3, reps=5, **kg(100), rpe=8.5)),
    ("squat 3x5 100kg @ rpe 9", "squat", sets(3, reps=5, **kg(100), rpe=9)),
    ("squat 3x5 100kg @9.5", "squat", sets(3, reps=5, **kg(100), rpe=9.5)),
    ("squat 3x5 100kg @10", "squat", sets(3, reps=5, **kg(100), rpe=10)),
    ("squat 3x5 100kg @1", "squat", sets(3, reps=5, **kg(100), rpe=1)),
    ("squat 3x5 100kg 8 rpe", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 3x5 100kg rir 2", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 3x5 100kg RIR 0", "squat", sets(3, reps=5, **kg(100), rpe=10)),
    ("squat 3x5 100kg rir 1.5", "squat", sets(3, reps=5, **kg(100), rpe=8.5)),
    ("squat 3x5 100kg rir 10", "squat", sets(3, reps=5, **kg(100), rpe=0.0)),
    ("squat 3x5 100kg 2 rir", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 3x5 100kg rpe: 8", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("squat 100x5 @8", "squat", sets(1, reps=5, **bare(100), rpe=8)),
    ("squat 3x5 @8 100kg", "squat", sets(3, reps=5, **kg(100), rpe=8)),
    ("curl 3x10 @8", "curl", sets(3, reps=10, rpe=8)),
    ("curl 3x10 @4", "curl", sets(3, reps=10, **bare(4))),
    ("curl 3x10 @ rpe 8", "curl", sets(3, reps=10, rpe=8)),
    (
        "squat 100kg 5,5,4 @8",
        "squat",
        sets(2, reps=5, **kg(100), rpe=8) + sets(1, reps=4, **kg(100), rpe=8),
    ),
    (
        "squat 100x5 @7, 110x3, 120x1 @9",
        "squat",
        sets(1, reps=5, **bare(100), rpe=7)
        + sets(1, reps=3, **bare(110))
        + sets(1, reps=1, **bare(120), rpe=9),
    ),
    # bodyweight
    ("pullups 3x10 bw", "pullups", sets(3, reps=10, **BW)),
    ("pullups bw 3x10", "pullups", sets(3, reps=10, **BW)),
    ("pullups 3 x 10 (bodyweight)", "pullups", sets(3, reps=10, **BW)),
    ("pullups 3x10 body weight", "pullups", sets(3, reps=10, **BW)),
    ("pullups BW x 5", "pullups", sets(1, reps=5, **BW)),
    ("pullups 3x10 bw @8", "pullups", sets(3, reps=10, **BW, rpe=8)),
    ("pullups 3x5 bw+20", "pullups", sets(3, reps=5, **added(20))),
    ("pullups 3x5 bw + 20kg", "pullups", sets(3, reps=5, **added(20, Unit.KG))),
    ("pullups 3x5 BW+10 kg", "pullups", sets(3, reps=5, **added(10, Unit.KG))),
    ("dips 3x8 +10kg", "dips", sets(3, reps=8, **added(10, Unit.KG))),
    ("dips 3x8 + 10", "dips", sets(3, reps=8, **added(10))),
    ("pullup 3x5 -20kg", "pullup", sets(3, reps=5, **added(-20, Unit.KG))),
    ("pullup 3x5 bw-20", "pullup", sets(3, reps=5, **added(-20))),
    ("pullups BW-20 kg x 5", "pullups", sets(1, reps=5, **added(-20, Unit.KG))),
    ("bodyweight squat 3x10", "bodyweight squat", sets(3, reps=10)),
    # time sets
    ("plank 3x60s", "plank", sets(3, seconds=60)),
    ("plank 60s", "plank", sets(1, seconds=60)),
    ("plank 60 s", "plank", sets(1, seconds=60)),
    ("plank 1:30", "plank", sets(1, seconds=90)),
    ("plank 2min", "plank", sets(1, seconds=120)),
    ("plank 1.5 minutes", "plank", sets(1, seconds=90)),
    ("plank 1:00:00", "plank", sets(1, seconds=3600)),
    ("side plank 3x45 sec", "side plank", sets(3, seconds=45)),
    ("wall sit 2 x 1:00", "wall sit", sets(2, seconds=60)),
    ("plank 3 x 60 seconds", "plank", sets(3, seconds=60)),
    ("farmer's walk 3 x 40s 32kg", "farmer's walk", sets(3, seconds=40, **kg(32))),
    ("plank 20kg x 60s", "plank", sets(1, seconds=60, **kg(20))),
    # each side
    ("bss 3x10 each 20kg", "bss", sets(3, reps=10, **kg(20), per_side=True)),
    ("lunges 3x12/side", "lunges", sets(3, reps=12, per_side=True)),
    ("lunges 3x12 / leg", "lunges", sets(3, reps=12, per_side=True)),
    ("lunges 3x12 each leg", "lunges", sets(3, reps=12, per_side=True)),
    ("lunges each leg 3x12", "lunges", sets(3, reps=12, per_side=True)),
    ("curl 3x10 per arm 12kg", "curl", sets(3, reps=10, **kg(12), per_side=True)),
    ("step up 3 x 8 per side", "step up", sets(3, reps=8, per_side=True)),
    ("side plank 2x30s each side", "side plank", sets(2, seconds=30, per_side=True)),
    # warm-ups
    ("squat wu 60x5", "squat", sets(1, reps=5, **bare(60), warmup=True)),
    ("squat warmup 60x5", "squat", sets(1, reps=5, **bare(60), warmup=True)),
    ("squat 60x5 warm-up", "squat", sets(1, reps=5, **bare(60), warmup=True)),
    ("squat warm up 2x5 60kg", "squat", sets(2, reps=5, **kg(60), warmup=True)),
    ("squat (warm-up) 60x5", "squat", sets(1, reps=5, **bare(60), warmup=True)),
    ("WU squat 60x5", "squat", sets(1, reps=5, **bare(60), warmup=True)),
    (
        "warm-up squat 60x5, 80x3",
        "squat",
        sets(1, reps=5, **bare(60), warmup=True) + sets(1, reps=3, **bare(80), warmup=True),
    ),
    (
        "squat 60kg x 5 warmup, 3x5 100kg",
        "squat",
        sets(1, reps=5, **kg(60), warmup=True) + sets(3, reps=5, **kg(100)),
    ),
    # names
    ("bench press 3x8 80kg", "bench press", sets(3, reps=8, **kg(80))),
    ("t-bar row 3x10 40kg", "t-bar row", sets(3, reps=10, **kg(40))),
    ("squat (paused) 3x5 100kg", "squat (paused)", sets(3, reps=5, **kg(100))),
    ("squat - 3x5 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat: 3x5 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("3x5 back squat 100kg", "back squat", sets(3, reps=5, **kg(100))),
    ("45 degree back extension 3x10", "45 degree back extension", sets(3, reps=10)),
    ("Développé couché 3x8 80kg", "Développé couché", sets(3, reps=8, **kg(80))),
]


@pytest.mark.parametrize(("text", "exercise", "expected"), ACCEPTED)
def test_accepted_forms_log_exactly_what_was_typed(
    text: str, exercise: str, expected: tuple[ParsedSet, ...]
) -> None:
    result = parse(text)
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise == exercise
    assert entry.sets == expected
    assert entry.source == text.strip()


REFUSED = [
    ("", "nothing to log"),
    ("   ", "nothing to log"),
    (" ; \n ;", "nothing to log"),
    ("3x5 100kg", "exercise name"),
    ("3 sets of 5 at 100kg", "exercise name"),
    ("(wu) 3x5", "exercise name"),
    ("squat 100kg", "reps or a time"),
    ("squat", "reps or a time"),
    ("pullups bw", "reps or a time"),
    ("squat 100kg, 5", "reps or a time"),
    # a letter and a digit before a name is a tag (A1, T2), but x3 is a set count and W1 a
    # numbered warm-up
    ("x3 pullups 10", "I couldn't read `x`"),
    ("W1 squat 60x5", "I couldn't read `squat`"),
    # a last number no bigger than the list may be reps as well as the weight
    ("bench 12/10/8 10", "I can't tell if `12/10/8 10` are weights or reps"),
    ("bench 100/90/80 5", "I can't tell if `100/90/80 5` are weights or reps"),
    ("squat 3x0 100kg", "Reps must be whole numbers from 1 to 100, but I read `0`"),
    ("squat 3x101", "Reps must be whole numbers from 1 to 100, but I read `101`"),
    ("squat 3x5.5", "Reps must be whole numbers from 1 to 100, but I read `5.5`"),
    ("squat 0x5", "Sets must be whole numbers from 1 to 20, but I read `0`"),
    ("squat 2.5x5", "Sets must be whole numbers from 1 to 20, but I read `2.5`"),
    ("squat 25 sets of 5", "Sets must be whole numbers from 1 to 20, but I read `25 sets`"),
    ("squat 5x5, 5x5, 5x5, 5x5, 5x5", "at most 20 sets, but I read 25"),
    ("squat 3x5 1200kg", "at most 1000 kg, but I read `1200kg`"),
    ("deadlift 2300 lb x 1", "at most 1000 kg, but I read `2300 lb`"),
    ("pullup 3x5 -1001kg", "at most 1000 kg, but I read `-1001kg`"),
    ("squat 3x5 100kg @8.3", "RPE must be from 1 to 10 in half steps, but I read `8.3`"),
    ("squat 3x5 100kg @0.5", "RPE must be from 1 to 10 in half steps, but I read `0.5`"),
    ("squat 3x5 100kg rpe 11", "RPE must be from 1 to 10 in half steps, but I read `rpe 11`"),
    ("squat 3x5 100kg rir 12", "RIR must be from 0 to 10 in half steps, but I read `rir 12`"),
    ("squat 3x5 100kg rir 10.5", "RIR must be from 0 to 10"),
    ("squat 3x5 100kg rir 2.2", "RIR must be from 0 to 10 in half steps"),
    ("plank 90min", "A time must be from 1 second to 60 minutes, but I read `90min`"),
    ("plank 0s", "but I read `0s`"),
    ("squat 3x5 100kg kg", "I couldn't read `kg`"),
    ("squat 3x5 100kg rpe", "I couldn't read `rpe`"),
    ("squat 3x5 @", "I couldn't read `@`"),
    ("squat x 5", "I couldn't read `x`"),
    ("squat 3x", "I couldn't read `x`"),
    ("squat 3x5x5x5", "I couldn't read `3x5x5x5`"),
    ("squat 3x5 100kg 🍌", "I couldn't read `🍌`"),
    ("squat 3x5 of 100kg", "I couldn't read `of`"),
    ("squat 100x5 110kg", "I found two weights, `100` and `110kg`"),
    ("squat 25x5 100kg", "Sets must be whole numbers from 1 to 20, but I read `25`"),
    ("squat 21x5 100kg", "Sets must be whole numbers from 1 to 20, but I read `21`"),
    ("squat 3x5 100kg @11", "RPE must be from 1 to 10 in half steps, but I read `11`"),
    ("squat 3x-5 100kg", "Reps must be whole numbers from 1 to 100, but I read `-5`"),
    ("squat 3x5 102,5", "I read 3 sets but 2 weights"),
    # after a list item, `65,70kg` may be 65.7 kg or 65 and 70 kg
    ("bench 60,65,70kg x 8", "I can't tell if `65,70` is one weight with a decimal comma or two"),
    ("bench 60, 65,70kg x 8", "I can't tell if `65,70` is one weight with a decimal comma"),
    ("bench 100,102,50kg x 3", "I can't tell if `102,50` is one weight with a decimal comma"),
    ("bench 60kg,65,70kg", "I can't tell if `65,70` is one weight with a decimal comma"),
    ("lunge 3x10 60,55", "I read 3 sets but 2 weights"),
    ("press 3x8 rpe 7, 8", "I read 3 sets but 2 efforts"),
    ("press 3x8-12", "`8-12` is a range of reps, a plan rather than a log"),
    ("press 3x8-12 60kg", "`8-12` is a range of reps"),
    ("squat 1x5+ 100kg", "`5+` is as many reps as you could"),
    # a range after @, RPE or RIR is an effort range, not reps
    ("bench 3x5 100kg @ 8-9", "`8-9` is a range of efforts: write one RPE for the sets (`@8.5`"),
    ("bench 3x5 100kg RPE 7-8", "`7-8` is a range of efforts: write one RPE for the sets (`@7.5`"),
    ("bench 3x5 100kg @rpe: 7-9", "`7-9` is a range of efforts: write one RPE"),
    ("bench 3x5 100kg rir 1-2", "`1-2` is a range of efforts: write one RIR for the sets (`rir"),
    # a list of weights with more than reps after it: how it is shared out is unclear
    ("bench 60/65/70kg x 8 @9", "I read `60/65/70kg` as weights, one a set, but not how"),
    ("bench 60/65/70kg 3x8", "I read `60/65/70kg` as weights"),
    ("bench 60/65/70kg x 8/8/6", "I read `60/65/70kg` as weights"),
    # a `/` list of bare numbers before bare reps is weights or reps, not 60 reps at 70
    ("bench 60/65/70 x 8", "I can't tell if `60/65/70` are weights or reps: write each set as"),
    ("bench 45/95/135 x 5", "I can't tell if `45/95/135` are weights or reps"),
    ("bench 60/65 x 8 @9", "I can't tell if `60/65` are weights or reps"),
    # small dumbbells or reps: `6/8/10 x 12` is not 6 and 8 reps, then 10 sets of 12
    ("lateral raise 6/8/10 x 12", "I can't tell if `6/8/10` are weights or reps: write each"),
    ("curl 10/12/14 x 12", "I can't tell if `10/12/14` are weights or reps"),
    ("squat 5/5/5 x 100", "I can't tell if `5/5/5` are weights or reps"),
    # ...with commas or dashes too, when no load comes before the list
    ("curl 10, 12, 14 x 12", "I can't tell if `10, 12, 14` are weights or reps"),
    ("bench 60,65,70 x 8", "I can't tell if `60, 65, 70` are weights or reps"),
    ("lateral raise 6-8-10 x 12", "I can't tell if `6, 8, 10` are weights or reps"),
    ("squat 3 sets 60, 65, 70kg x 8", "I read `60, 65, 70kg` as weights"),
    ("bench 3x5 80kg/85kg", "I read 3 sets but 2 weights"),
    ("bench 3x5 80kg, 85kg", "I read 3 sets but 2 weights"),
    # a `/` list ending in a weight with its unit is weights: reps must go with each of them
    ("bench 60/65/70kg", "I read `60/65/70kg` as weights, one a set, but not how"),
    ("lateral raise 12/12/10/8kg", "I read `12/12/10/8kg` as weights"),
    ("squat 3 sets 60/65/70kg x 8", "I read `60/65/70kg` as weights"),
    ("bench 8x 60/65/70kg", "I read `60/65/70kg` as weights"),
    ("bench 8 reps 60/65/70kg", "I read `60/65/70kg` as weights"),
    # a count of plates is never a weight
    ("squat 5x5 2 plates", "`2 plates` counts plates, not a weight: give the total weight"),
    ("leg press 3x12 2 plates each side", "`2 plates each side` counts plates, not a weight"),
    ("squat 5x5 2plates", "`2plates` counts plates"),
    ("squat 5x5 plates: 2", "`plates: 2` counts plates"),
    ("squat 5x5 2x20 plates", "`2x20 plates` counts plates"),
    ("squat 2 plates", "`2 plates` counts plates"),
    # a second exercise after a comma is pointed to its own line
    (
        "squat 3x5 100kg, bench 3x5 80kg",
        "`bench 3x5 80kg` looks like a second exercise: each exercise goes on its own line or"
        " after `;`",
    ),
    ("squat 3x5 100kg , incline bench 3x8 60kg", "`incline bench 3x8 60kg` looks like a second"),
    ("squat 3x5 100kg, then 3x5 110kg", "I couldn't read `then`"),
    ("squat 3x5 100kg, bench 80kg x 5", "`bench 80kg x 5` looks like a second exercise"),
    ("squat 3x5 100kg, bench 5 sets of 5", "`bench 5 sets of 5` looks like a second exercise"),
    # ...but a note with a number and no sets of its own is not one
    ("squat 3x5 100kg, belt from set 3", "I couldn't read `belt`"),
    ("squat 3x5 100kg, paused 1 sec", "I couldn't read `paused`"),
    ("squat 3x5 100kg, up 5kg from last week", "I couldn't read `up`"),
    ("plank 2 hours", "I couldn't read `hours`"),
    ("run 5 km", "I couldn't read `km`"),
    ("sled push 4x20m 100kg", "Sets take reps or a time such as `45s` or `1min`, but I read `20m`"),
    ("plank 3x1m", "Sets take reps or a time such as `45s` or `1min`, but I read `1m`"),
    ("squat 3x5 100kg, 2m rest", "I couldn't read `m`"),  # not where reps go
    ("squat 3x5 100kg 2 feet wide", "I couldn't read `feet`"),
    ("squat 3x5 3x5", "I found two set counts"),
    ("squat 3x5 100kg @8 rpe 9", "I found two efforts"),
    ("plank 3x5 60s", "A set takes reps or a time, not both"),
    # `50's` reads as `50s`; without the catalog nothing says the line is dumbbell work
    ("db bench 3x10 50's", "A set takes reps or a time, not both, but I read `10` and `50's`"),
]


@pytest.mark.parametrize(("text", "problem"), REFUSED)
def test_refused_lines_log_nothing_and_say_why(text: str, problem: str) -> None:
    result = parse(text)
    assert result.entries == ()
    [error] = result.errors
    assert problem in error.message
    assert re.fullmatch(r"[^\n]+\. Try: `[^`\n]+`\.", error.message), error.message
    assert error.source in (text, text.strip())


def test_a_refusal_quotes_the_line_and_gives_an_example() -> None:
    [error] = parse("squat 3x5 100kg 🍌").errors
    assert error.message == (
        "I couldn't read `🍌` in `squat 3x5 100kg 🍌`. Try: `squat 3x5 100kg @8`."
    )


def test_a_quoted_line_is_shortened_and_loses_its_backticks() -> None:
    [error] = parse("squat `3x5` " + "very " * 30).errors
    quoted = error.message.split(" in `", 1)[1].split("`. Try", 1)[0]
    assert "`" not in quoted
    assert len(quoted) == 60
    assert quoted.endswith("…")


def test_each_line_is_read_on_its_own() -> None:
    result = parse("squat 3x5 100kg\nbench 3x5 100kg 🍌; row 3x8 60kg")
    assert [entry.exercise for entry in result.entries] == ["squat", "row"]
    assert [len(entry.sets) for entry in result.entries] == [3, 3]
    assert [error.source for error in result.errors] == ["bench 3x5 100kg 🍌"]
    assert "`🍌`" in result.errors[0].message


def test_semicolons_and_blank_lines_separate_entries() -> None:
    result = parse("squat 3x5 100kg;\n\n; bench 3x8 @ 80 ;deadlift 180x5")
    assert result.errors == ()
    assert [(e.exercise, e.source) for e in result.entries] == [
        ("squat", "squat 3x5 100kg"),
        ("bench", "bench 3x8 @ 80"),
        ("deadlift", "deadlift 180x5"),
    ]


def test_every_bad_line_gets_its_own_error() -> None:
    result = parse("3x5 100kg\nsquat 3x5 100kg\nsquat 100kg\r\nplank 60s")
    assert [entry.exercise for entry in result.entries] == ["squat", "plank"]
    assert [error.source for error in result.errors] == ["3x5 100kg", "squat 100kg"]
    assert "exercise name" in result.errors[0].message
    assert "reps or a time" in result.errors[1].message


def test_typed_pounds_convert_to_kg() -> None:
    [entry] = parse("squat 225 lb x 5").entries
    assert entry.sets == sets(1, reps=5, weight=225, unit=Unit.LB, weight_kg=102.058)


def test_a_bare_number_is_in_the_persons_unit() -> None:
    [squat, pullups] = parse("squat 3x5 225\npullups 3x5 bw+20", Unit.LB).entries
    assert squat.sets == sets(3, reps=5, weight=225, weight_kg=102.058)
    assert pullups.sets == sets(3, reps=5, weight=20, weight_kg=9.072, added=True, bodyweight=True)


def test_a_typed_unit_wins_over_the_persons_unit() -> None:
    [entry] = parse("squat 3x5 100kg", Unit.LB).entries
    assert entry.sets == sets(3, reps=5, **kg(100))


def test_the_weight_limit_applies_after_conversion() -> None:
    assert parse("leg press 1x10 2204 lb").entries
    assert parse("leg press 1x10 2205", Unit.LB).errors


def _obeys_limits(result: ParseResult) -> None:
    for entry in result.entries:
        assert 1 <= len(entry.sets) <= MAX_SETS
        assert entry.exercise.strip()
        for one in entry.sets:
            assert (one.reps is None) != (one.seconds is None)
            assert one.reps is None or MIN_REPS <= one.reps <= MAX_REPS
            assert one.seconds is None or MIN_SECONDS <= one.seconds <= MAX_SECONDS
            assert one.weight_kg is None or abs(one.weight_kg) <= MAX_WEIGHT_KG
            # Typed RPE is 1-10; RIR 10 is the one way to reach RPE 0.
            assert one.rpe is None or (
                MAX_RPE - MAX_RIR <= one.rpe <= MAX_RPE and (one.rpe * 2).is_integer()
            )
            assert one.weight_kg is None or one.bodyweight or one.weight_kg >= 0
    for error in result.errors:
        assert error.message.endswith("`.")


@given(st.text(), st.sampled_from(Unit))
def test_any_text_parses_without_raising_and_within_the_limits(text: str, unit: Unit) -> None:
    result = parse(text, unit)
    _obeys_limits(result)
    assert parse(text, unit) == result


NOTATION_BITS = st.sampled_from(
    [
        "squat", " ", "x", "×", "@", "at", "for", "of", "sets", "reps", "rpe", "rir", "bw",
        "+", "-", ",", "/", ";", "\n", "kg", "lb", "#", "s", "min", "each", "per side",
        "wu", "(", ")", ":", "0", "1", "5", "8.5", "10", "21", "100", "2,5", "1:30",
        "99999999999999999999999999", "Set 1:", "- [x] ", "rest", "felt slow", "2024-03-05",
        "Monday, 20 February 2023 at 08:30", "Bench Press", "5-5-5", "8-12", "Day 1", "warmup:",
        "135x4x8", "14x12",
    ]
)  # fmt: skip


@given(st.lists(NOTATION_BITS, max_size=40).map("".join), st.sampled_from(Unit))
@example("squat 135x4x8", Unit.LB)  # read two ways: the loop below runs
def test_notation_like_text_parses_within_the_limits(text: str, unit: Unit) -> None:
    _obeys_limits(parse(text, unit))
    for asked in parse(text, unit).ambiguous:
        assert len(asked.readings) >= 2
        for reading in asked.readings:
            assert 1 <= len(reading.entry.sets) <= MAX_SETS


@given(
    st.integers(1, MAX_SETS),
    st.integers(MIN_REPS, MAX_REPS),
    st.integers(0, int(MAX_WEIGHT_KG * 4)).map(lambda quarters: quarters / 4),
)
def test_sets_reps_and_weight_round_trip(count: int, reps: int, weight: float) -> None:
    result = parse(f"squat {count}x{reps} {weight}kg")
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise == "squat"
    assert entry.sets == sets(count, reps=reps, **kg(weight))


# -- cardio lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("run 5km 25min", CardioLine("run", 1500, 5000.0)),
        ("bike 45min", CardioLine("bike", 2700, None)),
        ("bike 90 min", CardioLine("bike", 5400, None)),
        ("Run 5 km", CardioLine("Run", None, 5000.0)),
        ("swim 1500m 30min", CardioLine("swim", 1800, 1500.0)),
        ("walk 1:10:00", CardioLine("walk", 4200, None)),
        ("row erg 2000m in 7:30", CardioLine("row erg", 450, 2000.0)),
        ("run 1h 20min", CardioLine("run", 4800, None)),
        ("run 3 miles", CardioLine("run", None, 4828.032)),
    ],
)
def test_cardio_lines_take_a_distance_and_or_a_duration(line: str, expected: CardioLine) -> None:
    assert parse_cardio(line) == expected


@pytest.mark.parametrize(
    "line", ["squat 3x5 100kg", "run", "5km 25min", "run 5km 25min @8", "run 5 parsecs", "run 30h"]
)
def test_other_lines_are_not_cardio(line: str) -> None:
    assert parse_cardio(line) is None


# Notation v2: what lifters paste -----------------------------------------------------------

V2_ACCEPTED = [
    # a reps list written with dashes, commas between the parts of one line
    ("squat 5-5-5 100kg", "squat", sets(3, reps=5, **kg(100))),
    ("squat 100kg 5-5-4", "squat", sets(2, reps=5, **kg(100)) + sets(1, reps=4, **kg(100))),
    ("Squats, 5X5, 90kg", "Squats", sets(5, reps=5, **kg(90))),
    ("bench, 3x8, 80kg, @8", "bench", sets(3, reps=8, **kg(80), rpe=8)),
    # a list after sets x reps: one load, or one RPE, per set
    (
        "lunge 3x10 60,60,55",
        "lunge",
        sets(2, reps=10, **bare(60)) + sets(1, reps=10, **bare(55)),
    ),
    (
        "lunge 3x10 60kg,60kg,55kg",
        "lunge",
        sets(2, reps=10, **kg(60)) + sets(1, reps=10, **kg(55)),
    ),
    (
        "press 3x8 rpe 7, 8, 9",
        "press",
        sets(1, reps=8, rpe=7) + sets(1, reps=8, rpe=8) + sets(1, reps=8, rpe=9),
    ),
    (
        "press 3x8 40kg @7,8,9",
        "press",
        sets(1, reps=8, **kg(40), rpe=7)
        + sets(1, reps=8, **kg(40), rpe=8)
        + sets(1, reps=8, **kg(40), rpe=9),
    ),
    # a list before a weight with its unit is a list of weights, each with the reps after it
    (
        "bench 60/65/70kg x 8",
        "bench",
        sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)) + sets(1, reps=8, **kg(70)),
    ),
    (
        "bench 60kg/65kg/70kg x 8",
        "bench",
        sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)) + sets(1, reps=8, **kg(70)),
    ),
    (
        "bench 60, 65, 70kg x 8",
        "bench",
        sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)) + sets(1, reps=8, **kg(70)),
    ),
    (
        "bench 50kg x 10, 60/65kg x 8",
        "bench",
        sets(1, reps=10, **kg(50)) + sets(1, reps=8, **kg(60)) + sets(1, reps=8, **kg(65)),
    ),
    # ...but after a load, numbers between commas are still reps that share it
    (
        "bench 100kg x 5, 5, 110kg x 3",
        "bench",
        sets(2, reps=5, **kg(100)) + sets(1, reps=3, **kg(110)),
    ),
    # a bare @N from 5 to 10 after the sets is an effort; words after the sets are a note
    ("squat 3x12 @8", "squat", sets(3, reps=12, rpe=8)),
    ("squat 3x12 @ 9.5", "squat", sets(3, reps=12, rpe=9.5)),
    ("squat 5@140 felt slow", "squat", sets(1, reps=5, **bare(140))),
    ("squat 3x5 100kg banana", "squat", sets(3, reps=5, **kg(100))),
    # sets a bare count can't hold become the load only when there is no other
    ("deadlift 41x5", "deadlift", sets(1, reps=5, **bare(41))),
]


@pytest.mark.parametrize(("text", "exercise", "expected"), V2_ACCEPTED)
def test_v2_forms_log_what_was_meant(
    text: str, exercise: str, expected: tuple[ParsedSet, ...]
) -> None:
    result = parse(text)
    assert (result.errors, result.ambiguous) == ((), ())
    [entry] = result.entries
    assert entry.exercise == exercise
    assert entry.sets == expected


NOTES = [
    ("squat 5@140 felt slow", "felt slow"),
    ("squat 3x5 100kg paused, belt", "paused, belt"),
    ("bench 3x8 80kg @8 grindy last rep", "grindy last rep"),
    ("squat 3x5 100kg", None),
]


@pytest.mark.parametrize(("text", "note"), NOTES)
def test_words_after_the_sets_are_a_note_when_the_name_came_first(text: str, note: str) -> None:
    [entry] = parse(text).entries
    assert entry.note == note
    assert not entry.name_after_sets


def test_words_after_the_sets_with_no_name_before_are_the_name_to_check() -> None:
    # The catalog decides: `3x5 squat` is a squat, `felt slow` is refused (coach.entries).
    [squat] = parse("3x5 squat 100kg").entries
    [slow] = parse("5@140 felt slow").entries
    assert (squat.exercise, squat.name_after_sets, squat.note) == ("squat", True, None)
    assert (slow.exercise, slow.name_after_sets, slow.note) == ("felt slow", True, None)


V2_REFUSED = [
    ("squat 3x-5 100kg", "Reps must be whole numbers from 1 to 100, but I read `-5`"),
    ("squat 21x5 100kg", "Sets must be whole numbers from 1 to 20, but I read `21`"),
    ("squat 3x5 100kg @11", "RPE must be from 1 to 10 in half steps, but I read `11`"),
    ("squat 3x5 100kg @ 15", "RPE must be from 1 to 10 in half steps, but I read `15`"),
    ("press 3x8-12", "`8-12` is a range of reps, a plan rather than a log"),
    ("press 3x8-12 60kg", "`8-12` is a range of reps"),
    ("squat 1x5+ 100kg", "`5+` is as many reps as you could"),
    ("squat 1x5+", "`5+` is as many reps as you could"),
    ("squat 3x5 102,5", "I read 3 sets but 2 weights"),
    ("lunge 3x10 60,55", "I read 3 sets but 2 weights"),
    ("bench 3x5 80kg, 85kg", "I read 3 sets but 2 weights"),
    ("press 3x8 rpe 7, 8", "I read 3 sets but 2 efforts"),
    ("plank 2 hours", "I couldn't read `hours`"),
    ("run 5 km", "I couldn't read `km`"),
    ("row 2000 m", "I couldn't read `m`"),
]


@pytest.mark.parametrize(("text", "problem"), V2_REFUSED)
def test_v2_refusals_name_what_is_wrong(text: str, problem: str) -> None:
    result = parse(text)
    assert result.entries == ()
    [error] = result.errors
    assert problem in error.message
    assert "two weights" not in error.message
    assert re.fullmatch(r"[^\n]+\. Try: `[^`\n]+`\.", error.message), error.message


# Blocks: a name line, then sets lines -------------------------------------------------------


def test_a_name_line_then_sets_lines_is_one_entry() -> None:
    result = parse("Bench Press\n100x5\n100x5\n95x6")
    assert result.errors == ()
    [entry] = result.entries
    assert entry.exercise == "Bench Press"
    assert entry.sets == sets(2, reps=5, **bare(100)) + sets(1, reps=6, **bare(95))
    assert entry.source == "Bench Press\n100x5\n100x5\n95x6"


def test_a_block_takes_warmups_notes_numbered_sets_and_a_title_and_date_above() -> None:
    text = (
        "2024-03-05\nPush day\nBench Press (Barbell)\nwarmup: 60x5, 80x3\n"
        "Set 1: 100 kg × 5\n2. 100kg x 4 felt slow\nSquat:\n3x5 140kg"
    )
    result = parse(text)
    assert result.errors == ()
    assert result.day == "2024-03-05"
    bench, squat = result.entries
    assert bench.exercise == "Bench Press (Barbell)"
    assert bench.sets == (
        sets(1, reps=5, **bare(60), warmup=True)
        + sets(1, reps=3, **bare(80), warmup=True)
        + sets(1, reps=5, **kg(100))
        + sets(1, reps=4, **kg(100))
    )
    assert bench.note == "felt slow"
    assert (squat.exercise, squat.sets) == ("Squat", sets(3, reps=5, **kg(140)))


def test_a_line_with_its_own_name_ends_the_block_and_starts_the_next() -> None:
    result = parse("Squat\n100x5\nbench 3x5 80kg\n85x3")
    assert [(e.exercise, len(e.sets)) for e in result.entries] == [("Squat", 1), ("bench", 4)]


@pytest.mark.parametrize(
    "text",
    ["Squat\nBench\n100x5\nRow", "Bench\n100x5\nSquat"],
)
def test_a_name_line_no_sets_follow_is_reported_unless_it_is_the_title(text: str) -> None:
    result = parse(text)
    assert [e.exercise for e in result.entries] == ["Bench"]
    [error] = result.errors
    assert "I couldn't find reps or a time" in error.message
    assert error.source in ("Row", "Squat")


def test_a_first_name_line_followed_by_a_name_line_is_a_title() -> None:
    result = parse("Leg day\nSquat\n100x5")
    assert result.errors == ()
    assert [e.exercise for e in result.entries] == ["Squat"]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2024-03-05", "2024-03-05"),
        ("Monday", "Monday"),
        ("Mon 3/4", "Mon 3/4"),
        ("5 Mar", "5 Mar"),
        ("March 5th, 2024", "2024-03-05"),
        ("Workout September 16, 2020", "2020-09-16"),
        ("Monday, 20 February 2023 at 08:30", "2023-02-20 at 08:30"),
        ("Workout March 5, 2024 at 6:15 PM", "2024-03-05 at 6:15 PM"),
    ],
)
def test_a_date_line_above_the_sets_is_the_day(line: str, day: str) -> None:
    result = parse(f"{line}\nsquat 3x5 100kg")
    assert result.day == day
    assert result.errors == ()


def test_a_title_above_the_date_line_is_skipped() -> None:
    result = parse(
        "Upper 1\nMonday, 20 February 2023 at 08:30\n\nBench Press (Dumbbell)\n"
        "Set 1: 42 kg × 8 @ 9\n- [x] 3@135"
    )
    assert result.errors == ()
    [bench] = result.entries
    assert bench.sets == sets(1, reps=8, **kg(42), rpe=9) + sets(1, reps=3, **bare(135))


@pytest.mark.parametrize(
    ("title", "day"),
    [
        ("Push day 12/1", "12/1"),
        ("Push Day - 3/4", "3/4"),
        ("Leg day Monday", "Monday"),
        ("Leg day 5 Mar", "5 Mar"),
        ("Upper 1 - 2024-03-05", "2024-03-05"),
        ("Push/Pull (3/4)", "3/4"),
        ("Legs 5/11/2026", "5/11/2026"),
        # A time after the date is when the sets were done, as `/log when: 12/1 at 6pm`.
        ("Push day 12/1 - 6pm", "12/1 at 6pm"),
        ("Push day 12/1 6:30 pm", "12/1 at 6:30 pm"),
        ("Push day 12/1 @ 18:30", "12/1 at 18:30"),
        ("Leg day Monday 7am", "Monday at 7am"),
    ],
)
def test_a_title_line_with_a_date_gives_the_day_and_no_sets(title: str, day: str) -> None:
    # The date is left for the logging to read in the person's date order, as a date line.
    result = parse(f"{title}\nbench 3x5 100")
    assert result.day == day
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [
        ("bench", sets(3, reps=5, **bare(100)))
    ]


@pytest.mark.parametrize("line", ["curl 12/10", "Leg press 12/10", "push press 5/3", "Day 3/4"])
def test_an_exercise_with_a_two_set_list_is_not_taken_for_a_dated_title(line: str) -> None:
    result = parse(f"{line}\nbench 3x5 100")
    assert result.day is None
    assert len(result.entries) == 2


@pytest.mark.parametrize("title", ["Legs 5/3/1", "Upper 5/3/1", "Pull 10/8/6", "Push day 1/1/1"])
def test_a_program_name_with_slashes_is_no_date_and_the_sets_below_log(title: str) -> None:
    # The tail of the number list (`/3/1` after `Legs 5`) is no date set apart from a title.
    result = parse(f"{title}\nsquat 3x5 100kg")
    assert (result.day, result.errors) == (None, ())
    assert result.entries[-1].exercise == "squat"
    assert result.entries[-1].sets == sets(3, reps=5, **kg(100))


def test_a_title_ending_in_a_word_like_a_month_or_weekday_is_only_a_title() -> None:
    result = parse("Leg day sunshine\nsquat 3x5 100kg")
    assert (result.day, result.errors) == (None, ())
    assert [e.exercise for e in result.entries] == ["squat"]


def test_a_dated_title_below_the_sets_is_refused_as_a_second_date() -> None:
    result = parse("bench 3x5 100\nPush day 12/1")
    assert [e.exercise for e in result.entries] == ["bench"]
    [error] = result.errors
    assert "One message logs one day" in error.message


def test_a_date_below_the_sets_is_refused_not_read_as_sets() -> None:
    result = parse("squat 3x5 100kg\n2024-03-06")
    assert len(result.entries) == 1
    [error] = result.errors
    assert "One message logs one day" in error.message


SQUAT_WORK = sets(3, reps=5, **kg(100))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Squat\nW: 60x5\n1: 100kg x5\n2: 100kg x5\n3: 100kg x5",
            sets(1, reps=5, **bare(60), warmup=True) + SQUAT_WORK,
        ),
        (
            "Squat\nWarmup 60x5, 80x3\nWorking 3x5 100kg",
            sets(1, reps=5, **bare(60), warmup=True)
            + sets(1, reps=3, **bare(80), warmup=True)
            + SQUAT_WORK,
        ),
        (
            "Squat\nW1: 60 kg × 5 [Warm-up]\nWarm-up 2: 80 kg × 3\nWork sets: 3x5 100kg",
            sets(1, reps=5, **kg(60), warmup=True)
            + sets(1, reps=3, **kg(80), warmup=True)
            + SQUAT_WORK,
        ),
        (
            "Squat\nTop set 120kg x 3\nBack-off sets 3x5 100kg",
            sets(1, reps=3, **kg(120)) + SQUAT_WORK,
        ),
        (
            "Squat\nSet 1: 100 kg × 5\nD: 80 kg × 8\nF: 60 kg × 12",
            sets(1, reps=5, **kg(100)) + sets(1, reps=8, **kg(80)) + sets(1, reps=12, **kg(60)),
        ),
    ],
)
def test_set_labels_under_a_name_label_its_sets(text: str, expected: tuple[ParsedSet, ...]) -> None:
    result = parse(text)
    assert result.errors == ()
    [entry] = result.entries
    assert (entry.exercise, entry.sets) == ("Squat", expected)


def test_a_strong_warm_up_set_stays_with_its_exercise() -> None:
    result = parse(
        "Bench Press (Barbell)\nW: 60 kg × 10\nSet 1: 100 kg × 5 @ 8\nSet 2: 100 kg × 5 @ 9"
    )
    assert result.errors == ()
    [bench] = result.entries
    assert bench.exercise == "Bench Press (Barbell)"
    assert bench.sets == (
        sets(1, reps=10, **kg(60), warmup=True)
        + sets(1, reps=5, **kg(100), rpe=8)
        + sets(1, reps=5, **kg(100), rpe=9)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pull Up (Weighted)\nW: +0 kg × 5\nSet 1: +10 kg × 5",
            sets(1, reps=5, **added(0, Unit.KG), warmup=True)
            + sets(1, reps=5, **added(10, Unit.KG)),
        ),
        ("Pull Up\nW: BW x 5", sets(1, reps=5, **BW, warmup=True)),
        ("Pull Up\nWorking: BW x 10, 8", sets(1, reps=10, **BW) + sets(1, reps=8, **BW)),
        ("Pull Up\nW: body weight x 5", sets(1, reps=5, **BW, warmup=True)),
        ("Pull Up\nD: -10kg x 8", sets(1, reps=8, **added(-10, Unit.KG))),
    ],
)
def test_a_set_label_before_a_signed_load_or_bodyweight_labels_its_sets(
    text: str, expected: tuple[ParsedSet, ...]
) -> None:
    # Strong's weighted exercises copy out `W: +0 kg x 5`: no digit right after the label.
    result = parse(text)
    assert result.errors == ()
    [entry] = result.entries
    assert (entry.exercise, entry.sets) == (text.split("\n", maxsplit=1)[0], expected)


@pytest.mark.parametrize(
    "text",
    [
        "Squat\nTop single 160x1\n3x5 120kg",
        "Squat\nTop single: 160x1\nBackdown 3x5 120kg",
        "Squat\nAMRAP: 160x1\n3x5 120kg",
        "Squat\nHeavy: 160x1\nLight 3x5 120kg",
        "Squat\nPaused: 160x1\nBack-off triple 3x5 120kg",
        "Squat\nTop triple 160x1\nBackdown sets: 3x5 120kg",
        "Squat\nCluster 160x1\nRest-pause: 3x5 120kg",
        "Squat\nMyo-reps 160x1\nDrop: 3x5 120kg",
        "Squat\nFailure: 160x1\nBack-off single 3x5 120kg",
    ],
)
def test_a_set_kind_label_is_no_exercise_and_leaves_the_sets_with_the_name_above(
    text: str,
) -> None:
    result = parse(text)
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [
        ("Squat", sets(1, reps=1, **bare(160)) + sets(3, reps=5, **kg(120)))
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Squat W: 60x5, 100x5",
            sets(2, reps=5, **bare(60), warmup=True)[:1]
            + sets(1, reps=5, **bare(100), warmup=True),
        ),
        ("Squat: W 60x5", sets(1, reps=5, **bare(60), warmup=True)),
        (
            "Squat - W: 60x5, 100x5",
            sets(1, reps=5, **bare(60), warmup=True) + sets(1, reps=5, **bare(100), warmup=True),
        ),
        ("Squat W1: 60x5", sets(1, reps=5, **bare(60), warmup=True)),
        ("Squat D: 80x8", sets(1, reps=8, **bare(80))),
        ("Squat working 3x5 100kg", SQUAT_WORK),
    ],
)
def test_a_set_label_after_the_name_on_its_line_labels_the_sets_after_it(
    line: str, expected: tuple[ParsedSet, ...]
) -> None:
    result = parse(line)
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [("Squat", expected)]


@pytest.mark.parametrize("line", ["Squat w 100kg 3x5", "Squat D 80x8"])
def test_a_bare_letter_after_the_name_is_asked_about_not_guessed(line: str) -> None:
    # `w` may be a warm-up label or "with": only `W:` (or `Squat: W`) says label.
    result = parse(line)
    assert result.entries == ()
    [error] = result.errors
    assert error.message.startswith("I can't tell if `")
    assert error.message.endswith(
        "or is part of the name in `" + line + "`: write the label with `:`"
        " (`Squat W: 60x5`), or drop it. Try: `Squat; W: 60x5`."
    )


@pytest.mark.parametrize(
    "line", ["Paused squat 3x5 100kg", "pause bench 3x5 100kg", "Bench paused 3x5 100kg"]
)
def test_a_label_word_in_an_exercise_name_stays_in_the_name(line: str) -> None:
    result = parse(line)
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [(line[:-10], SQUAT_WORK)]


def test_a_name_ending_in_work_keeps_it() -> None:
    [entry] = parse("bag work 20 min").entries
    assert entry.exercise == "bag work"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("A1 bench 3x5 100kg", "bench"),
        ("B2: row 3x5 100kg", "row"),
        ("T1 Squat 3x5 100kg", "Squat"),
        ("T2: bench 3x5 100kg", "bench"),
        ("c3 Romanian deadlift 3x5 100kg", "Romanian deadlift"),
    ],
)
def test_a_superset_or_tier_tag_before_the_name_is_no_part_of_it(line: str, name: str) -> None:
    result = parse(line)
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [(name, SQUAT_WORK)]


def test_a_tagged_name_line_takes_the_sets_below_it() -> None:
    result = parse("A1: Bench Press\n3x5 100kg\nA2: Row\n3x5 100kg")
    assert result.errors == ()
    assert [(e.exercise, e.sets) for e in result.entries] == [
        ("Bench Press", SQUAT_WORK),
        ("Row", SQUAT_WORK),
    ]


@pytest.mark.parametrize(
    "line", ["W: 60x5", "Working 3x5 100kg", "D: 80x8", "f 3x5", "Top single 160x1", "AMRAP: 8x100"]
)
def test_a_set_label_with_no_name_above_is_refused_not_logged_as_an_exercise(line: str) -> None:
    result = parse(line)
    assert result.entries == ()
    [error] = result.errors
    assert "I couldn't find the exercise name for the set labelled" in error.message
    # `f 3x5` may have meant an exercise "f": the answer shows where a label's name goes.
    assert error.message.endswith(
        f" in `{line}`: put the exercise's name on the line above (`Squat`, then `W: 60x5`) or"
        " before it with `;`. Try: `Squat; W: 60x5`."
    )
    example = parse("Squat; W: 60x5")
    assert example.errors == ()
    assert [(e.exercise, e.sets) for e in example.entries] == [
        ("Squat", sets(1, reps=5, **bare(60), warmup=True))
    ]


@pytest.mark.parametrize(
    ("text", "expected", "note"),
    [
        ("squat 135x5 (2 plates)", sets(1, reps=5, **bare(135)), "2 plates"),
        ("leg press 3x12 200kg (4 plates)", sets(3, reps=12, **kg(200)), "4 plates"),
        (
            "leg press 3x12 200kg 4 plates each side",
            sets(3, reps=12, **kg(200)),
            "4 plates each side",
        ),
        ("squat 3x5 100kg, used 2 plates a side", SQUAT_WORK, "used 2 plates a side"),
    ],
)
def test_a_count_of_plates_beside_the_weight_is_a_note(
    text: str, expected: tuple[ParsedSet, ...], note: str
) -> None:
    result = parse(text)
    assert result.errors == ()
    [entry] = result.entries
    assert (entry.sets, entry.note) == (expected, note)


# Ask, don't guess -----------------------------------------------------------------------


AMBIGUOUS = [
    (
        "row 135x4x8",
        Shape.WEIGHT_THEN_TWO,
        {
            Order.REPS_SETS: sets(8, reps=4, **bare(135)),
            Order.SETS_REPS: sets(4, reps=8, **bare(135)),
        },
    ),
    (
        "squat 100kg x 5 x 3",
        Shape.WEIGHT_THEN_TWO,
        {Order.REPS_SETS: sets(3, reps=5, **kg(100)), Order.SETS_REPS: sets(5, reps=3, **kg(100))},
    ),
    (
        "curl 14 x 12",
        Shape.SMALL_PAIR,
        {Order.SETS_REPS: sets(14, reps=12), Order.WEIGHT_REPS: sets(1, reps=12, **bare(14))},
    ),
    (
        "curl 15x10",
        Shape.SMALL_PAIR,
        {Order.SETS_REPS: sets(15, reps=10), Order.WEIGHT_REPS: sets(1, reps=10, **bare(15))},
    ),
]


@pytest.mark.parametrize(("text", "shape", "meanings"), AMBIGUOUS)
def test_a_line_with_two_plausible_readings_returns_both(
    text: str, shape: Shape, meanings: dict[Order, tuple[ParsedSet, ...]]
) -> None:
    result = parse(text)
    assert (result.entries, result.errors) == ((), ())
    [asked] = result.ambiguous
    assert asked.source == text
    assert {r.choices: r.entry.sets for r in asked.readings} == {
        ((shape, order),): expected for order, expected in meanings.items()
    }


@pytest.mark.parametrize(("text", "shape", "meanings"), AMBIGUOUS)
def test_a_chosen_reading_is_used_without_asking(
    text: str, shape: Shape, meanings: dict[Order, tuple[ParsedSet, ...]]
) -> None:
    for order, expected in meanings.items():
        result = parse(text, choices={shape: order})
        assert result.ambiguous == ()
        [entry] = result.entries
        assert entry.sets == expected


@pytest.mark.parametrize(
    "text",
    [
        "squat 5x5",  # five or fewer: sets
        "squat 10x10 60kg",  # a load elsewhere: 10 sets
        "bench 8x3 @ 100",
        "row 135x5x5",  # the same count twice reads one way
        "row 135x3x25",  # 25 can't be a set count
        "curl 14x12, 14x10",  # 28 sets is over the limit, so only the weights fit
        "plank 10 x 60s",
    ],
)
def test_lines_with_one_plausible_reading_do_not_ask(text: str) -> None:
    result = parse(text)
    assert result.ambiguous == ()
    assert result.errors == ()


def test_each_ambiguous_line_is_asked_and_the_others_are_read() -> None:
    result = parse("squat 3x5 100kg\ncurl 14 x 12\nrow 135x4x8")
    assert [e.exercise for e in result.entries] == ["squat"]
    assert [a.source for a in result.ambiguous] == ["curl 14 x 12", "row 135x4x8"]


# Per-message limits --------------------------------------------------------------------------


def test_a_message_over_the_line_limit_is_refused_whole() -> None:
    result = parse("\n".join(["squat 1x5 100kg"] * (MAX_LINES + 1)))
    assert result.entries == ()
    [error] = result.errors
    assert f"at most {MAX_LINES} lines, but I read {MAX_LINES + 1}" in error.message


def test_a_message_over_the_set_limit_is_refused_whole() -> None:
    lines = [f"lift {'i' * n} 5x5 100kg" for n in range(1, MAX_MESSAGE_SETS // 5 + 2)]
    result = parse("\n".join(lines))
    assert result.entries == ()
    [error] = result.errors
    assert f"at most {MAX_MESSAGE_SETS} sets" in error.message


def test_a_block_over_the_entry_limit_refuses_the_line_that_overflows() -> None:
    result = parse("Squat\n" + "\n".join(["5x5 100kg"] * 5))
    [entry] = result.entries
    assert len(entry.sets) == MAX_SETS
    [error] = result.errors
    assert f"at most {MAX_SETS} sets" in error.message


def test_a_refused_sets_line_under_a_name_is_reported_once() -> None:
    result = parse("Bench\n100x5\n95x6 🍌")
    [entry] = result.entries
    assert entry.sets == sets(1, reps=5, **bare(100))
    assert [error.source for error in result.errors] == ["95x6 🍌"]
    only = parse("Bench\n95x6 🍌")
    assert (only.entries, [e.source for e in only.errors]) == ((), ["95x6 🍌"])
