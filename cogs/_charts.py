"""PNG charts for Discord, readable on a phone: large labels, two or three colours, no 3D.

Drawn with matplotlib's object API (no pyplot global state), so rendering can run in a
worker thread without blocking the bot.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from coach.trends import WeekSets

LOWER, UPPER, BAND = "#2e9f43", "#3b6fd8", "#d9d9d9"
LOW_SETS, HIGH_SETS = 10, 20


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def balance_chart(
    muscles: Mapping[str, float], lower_muscles: set[str], weeks: Sequence[WeekSets]
) -> bytes:
    """Left: this week's sets per muscle against the 10-20 band, coloured by region as on
    the right. Right: lower vs upper sets per week."""
    figure = Figure(figsize=(10, 4.8))
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.2, 1]})
    names = list(muscles)
    values = [muscles[name] for name in names]
    left.axvspan(LOW_SETS, HIGH_SETS, color=BAND, label="10-20 sets")
    left.barh(names, values, color=[LOWER if name in lower_muscles else UPPER for name in names])
    left.invert_yaxis()
    left.set_title("Sets per muscle, last 7 days", fontsize=14)
    left.tick_params(labelsize=12)
    left.legend(loc="lower right", fontsize=11)

    labels = [week.end.strftime("%d %b") for week in weeks]
    positions = range(len(weeks))
    right.bar(
        [p - 0.2 for p in positions], [w.lower for w in weeks], 0.4, color=LOWER, label="lower"
    )
    right.bar(
        [p + 0.2 for p in positions], [w.upper for w in weeks], 0.4, color=UPPER, label="upper"
    )
    right.set_xticks(list(positions), labels, rotation=45, fontsize=11)
    right.set_title("Lower vs upper sets, by week", fontsize=14)
    right.tick_params(labelsize=12)
    right.legend(fontsize=11)
    for axis in (left, right):
        axis.spines[["top", "right"]].set_visible(False)
    return _png(figure)
