"""e1RM (M9) and the RPE chart, against the numbers balance-model.md gives."""

from __future__ import annotations

import pytest

from coach.strength import RPE_CHART, chart_percent, e1rm, rir_to_rpe


@pytest.mark.parametrize(
    ("weight", "reps", "rpe", "expected"),
    [
        # The spec's own examples.
        (100, 5, 8, 100 / 0.811),  # reps + RIR = 7 -> 81.1 %: 123.3 kg
        (85, 5, 9, 85 / 0.837),  # example 8's bench: 101.6
        (80, 5, 8, 80 / 0.811),  # example 8's squat: 98.6
        # Chart edges and half steps.
        (100, 1, 10, 100.0),
        (100, 12, 10, 100 / 0.68),
        (100, 10, 8, 100 / 0.68),  # reps + RIR = 12 is still on the chart
        (100, 5, 8.5, 100 / 0.824),  # 6.5
        (100, 1, 9.5, 100 / 0.978),  # 1.5
        (100, 11, 9.5, 100 / 0.694),  # 11.5
        # Without RPE: 1 rep is the weight, Epley for 2-10.
        (100, 1, None, 100.0),
        (100, 2, None, 100 * (1 + 2 / 30)),
        (100, 5, None, 100 * (1 + 5 / 30)),
        (100, 10, None, 100 * (1 + 10 / 30)),
    ],
)
def test_e1rm_matches_the_chart_and_epley(
    weight: float, reps: int, rpe: float | None, expected: float
) -> None:
    assert e1rm(weight, reps, rpe) == pytest.approx(expected)


def test_the_spec_example_rounds_to_123_3() -> None:
    value = e1rm(100, 5, 8)
    assert value is not None
    assert round(value, 1) == 123.3


@pytest.mark.parametrize(
    ("weight", "reps", "rpe"),
    [
        (100, 11, None),  # over 10 reps without RPE
        (100, 30, None),
        (100, 11, 8),  # reps + RIR = 13
        (100, 12, 9.5),  # 12.5: listed in the chart, but M9 stops at 12
        (100, 12, 9),
        (0, 5, 8),
        (-10, 5, None),
        (None, 5, None),
        (100, None, 8),
        (100, 0, None),
        (100, 5, 10.5),  # not an RPE
        (100, 5, 0.5),
    ],
)
def test_e1rm_is_none_when_the_set_cannot_tell(
    weight: float | None, reps: int | None, rpe: float | None
) -> None:
    assert e1rm(weight, reps, rpe) is None


def test_the_chart_holds_whole_and_half_steps_and_falls_steadily() -> None:
    assert len(RPE_CHART) == 24
    assert RPE_CHART[1.0] == 100.0
    assert RPE_CHART[12.0] == 68.0
    assert RPE_CHART[12.5] == 66.7
    values = [RPE_CHART[step] for step in sorted(RPE_CHART)]
    assert values == sorted(values, reverse=True)


def test_off_grid_efforts_interpolate_between_half_steps() -> None:
    percent = chart_percent(6.25)
    assert percent == pytest.approx((83.7 + 82.4) / 2)
    assert chart_percent(0.5) is None
    assert chart_percent(12.5) is None


@pytest.mark.parametrize(("rir", "rpe"), [(0, 10.0), (1, 9.0), (2, 8.0), (2.5, 7.5), (4, 6.0)])
def test_rir_converts_to_rpe(rir: float, rpe: float) -> None:
    assert rir_to_rpe(rir) == rpe


def test_rpe_given_via_rir_gives_the_same_e1rm() -> None:
    assert e1rm(100, 5, rir_to_rpe(2)) == e1rm(100, 5, 8)


@pytest.mark.parametrize("rir", [-1, 9.5, 12])
def test_rir_outside_0_to_9_is_rejected(rir: float) -> None:
    with pytest.raises(ValueError, match="reps in reserve"):
        rir_to_rpe(rir)
