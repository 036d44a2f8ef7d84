"""Strength maths: estimated one-rep max (e1RM) from a set, and RPE from reps in reserve.

Two estimators, as the balance model's M9 fixes them:

- with an RPE, the Reactive Training Systems chart (percent of 1RM for reps plus reps
  in reserve), which stays accurate for hard sets of up to 12 "effective" reps;
- without one, Epley ``w * (1 + r / 30)``, trusted for 2-10 reps only (Reynolds et al.
  2006 found predictions from more reps drift too far to be useful).
"""

from __future__ import annotations

import math

# Percent of 1RM by reps + reps in reserve (RIR), whole steps 1..12 then half steps
# 1.5..12.5, exactly as balance-model.md lists them.
_WHOLE_STEPS = (100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0)
_HALF_STEPS = (97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7)

RPE_CHART: dict[float, float] = {
    **{float(i + 1): pct for i, pct in enumerate(_WHOLE_STEPS)},
    **{i + 1.5: pct for i, pct in enumerate(_HALF_STEPS)},
}
"""Percent of 1RM keyed by reps + RIR (1.0, 1.5, ... 12.5)."""

MAX_CHART_EFFORT = 12.0
"""M9 uses the chart for reps + RIR <= 12; the 12.5 entry is listed only for completeness."""

MAX_EPLEY_REPS = 10
MIN_RPE = 1.0
MAX_RPE = 10.0


def rir_to_rpe(rir: float) -> float:
    """RPE from reps in reserve: RPE = 10 - RIR (0 RIR is RPE 10)."""
    if not 0 <= rir <= MAX_RPE - MIN_RPE:
        raise ValueError(f"reps in reserve must be between 0 and 9, not {rir:g}")
    return MAX_RPE - rir


def chart_percent(effort: float) -> float | None:
    """Percent of 1RM for ``effort`` = reps + RIR, or None outside the chart's 1..12.

    Off-grid efforts (RPE 7.3, say) are interpolated linearly between the neighbouring
    half steps rather than rounded, so a small change in RPE never jumps the estimate.
    """
    if not 1.0 <= effort <= MAX_CHART_EFFORT:
        return None
    exact = RPE_CHART.get(effort)
    if exact is not None:
        return exact
    lower = math.floor(effort * 2) / 2
    upper = lower + 0.5
    fraction = (effort - lower) / 0.5
    return RPE_CHART[lower] + (RPE_CHART[upper] - RPE_CHART[lower]) * fraction


def e1rm(weight_kg: float | None, reps: int | None, rpe: float | None = None) -> float | None:
    """Estimated 1RM in kg of one set (M9), or None when the set cannot tell.

    None for a missing or non-positive load or rep count, an RPE outside 1-10, reps + RIR
    above 12 with an RPE, or more than 10 reps without one.
    """
    if weight_kg is None or weight_kg <= 0 or reps is None or reps <= 0:
        return None
    if rpe is not None:
        if not MIN_RPE <= rpe <= MAX_RPE:
            return None
        percent = chart_percent(reps + (MAX_RPE - rpe))
        return None if percent is None else weight_kg * 100.0 / percent
    if reps == 1:
        return float(weight_kg)
    if reps <= MAX_EPLEY_REPS:
        return weight_kg * (1 + reps / 30)
    return None
