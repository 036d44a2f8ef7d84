"""PNG charts for Discord, readable on a phone: large labels, two or three colours, no 3D.

Drawn with matplotlib's object API (no pyplot global state), so rendering can run in a
worker thread without blocking the bot.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from coach.trends import WeekSets

LOWER, UPPER, CORE, BAND = "#2e9f43", "#3b6fd8", "#f0a020", "#d9d9d9"
LOW_SETS, HIGH_SETS = 10, 20
MAX_MEMBER_BARS = 15
# Lower share of lower + upper sets for lower:upper 0.5-0.9 (balance spec).
BAND_SHARE = (0.5 / 1.5, 0.9 / 1.9)


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


def report_chart(
    rows: Sequence[tuple[str, float, float, float]], weeks: Sequence[float | None]
) -> bytes:
    """Per-member lower/upper/core sets for small groups; the group's lower share over the
    weeks for large ones, where a bar per member would be unreadable on a phone."""
    figure = Figure(figsize=(9, 4.8))
    axis = figure.subplots()
    if rows and len(rows) <= MAX_MEMBER_BARS:
        names = [name for name, *_ in rows]
        lower = [row[1] for row in rows]
        upper = [row[2] for row in rows]
        core = [row[3] for row in rows]
        axis.barh(names, lower, color=LOWER, label="lower")
        axis.barh(names, upper, left=lower, color=UPPER, label="upper")
        axis.barh(
            names,
            core,
            left=[a + b for a, b in zip(lower, upper, strict=True)],
            color=CORE,
            label="core",
        )
        axis.invert_yaxis()
        axis.set_title("Hard sets this week", fontsize=14)
        axis.legend(fontsize=11)
    else:
        shares = [100 * share if share is not None else float("nan") for share in weeks]
        axis.plot(range(len(shares)), shares, color=LOWER, marker="o", linewidth=3)
        axis.axhspan(100 * BAND_SHARE[0], 100 * BAND_SHARE[1], color=BAND, label="typical split")
        axis.set_ylim(0, 100)
        axis.set_xticks(
            range(len(shares)),
            [
                f"-{len(shares) - 1 - n}w" if n < len(shares) - 1 else "now"
                for n in range(len(shares))
            ],
        )
        axis.set_title("Group's lower-body share of sets", fontsize=14)
        axis.set_ylabel("% of lower + upper sets", fontsize=12)
        axis.legend(fontsize=11)
    axis.tick_params(labelsize=12)
    axis.spines[["top", "right"]].set_visible(False)
    return _png(figure)
