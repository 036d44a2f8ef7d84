"""PNG charts for Discord, readable on a phone: large labels, two or three colours, no 3D.

Sized for a phone: the figures are narrow and their text large enough that, shown 360 px
wide, none of it is under 11 px. Counts of sets get whole-number ticks, and legends sit
above the plot, where they can never hide a bar. Each chart has an alt text built from
its numbers, which the embed carries (Discord shows none for an attachment).

Drawn with matplotlib's object API (no pyplot global state), so rendering can run in a
worker thread without blocking the bot.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from coach.trends import WeekSets

LOWER, UPPER, CORE, BAND = "#2e9f43", "#3b6fd8", "#f0a020", "#d9d9d9"
LOW_SETS, HIGH_SETS = 10, 20
MAX_MEMBER_BARS = 15
# Lower share of lower + upper sets for lower:upper 0.5-0.9 (balance spec).
BAND_SHARE = (0.5 / 1.5, 0.9 / 1.9)

WIDTH_IN, DPI = 5.5, 110
"""Shown 360 px wide, a point of text is 360 / (72 x 5.5) = 0.9 px: 13 pt is 11.8 px."""
TEXT, TITLE = 13, 15
MAX_DATE_LABELS = 7
NAME_CHARS = 14
ROW_IN = 0.5


def _figure(height_in: float) -> Figure:
    """A figure exactly ``WIDTH_IN`` wide, its labels, titles and legends laid out inside:
    long names shrink the plot, never the text, so the phone sizes above hold."""
    return Figure(figsize=(WIDTH_IN, height_in), layout="constrained")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _style(axis: Axes, title: str, counts: str) -> None:
    """Title on the left, the legend's room above the plot, whole numbers on ``counts``."""
    axis.set_title(title, fontsize=TITLE, loc="left", pad=34)
    axis.tick_params(labelsize=TEXT)
    axis.spines[["top", "right"]].set_visible(False)
    locator = MaxNLocator(integer=True, nbins=6)
    (axis.xaxis if counts == "x" else axis.yaxis).set_major_locator(locator)


def _legend_above(axis: Axes, handles: Sequence[Patch]) -> None:
    """One row of legend between the title and the plot: never over a bar."""
    axis.legend(
        handles=list(handles),
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=len(handles),
        frameon=False,
        fontsize=TEXT,
        borderaxespad=0.2,
        handlelength=1.2,
        columnspacing=1.0,
    )


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def _date_labels(weeks: Sequence[WeekSets]) -> list[str]:
    """The week labels, every one when few, else every n-th so they never overlap."""
    step = math.ceil(len(weeks) / MAX_DATE_LABELS)
    last = len(weeks) - 1
    return [
        week.end.strftime("%d\n%b") if (last - n) % step == 0 else ""
        for n, week in enumerate(weeks)
    ]


def balance_figure(
    muscles: Mapping[str, float], lower_muscles: set[str], weeks: Sequence[WeekSets]
) -> Figure:
    """Top: this week's sets per muscle against the 10-20 band, coloured by region.
    Bottom: lower vs upper sets per week."""
    figure = _figure(1.8 + ROW_IN * len(muscles) + 3.4)
    top, bottom = figure.subplots(
        2, 1, gridspec_kw={"height_ratios": [ROW_IN * len(muscles) + 0.4, 3.0]}
    )
    figure.get_layout_engine().set(hspace=0.08)  # type: ignore[union-attr, call-arg]
    names = list(muscles)
    values = [muscles[name] for name in names]
    top.axvspan(LOW_SETS, HIGH_SETS, color=BAND)
    top.barh(names, values, color=[LOWER if name in lower_muscles else UPPER for name in names])
    top.invert_yaxis()
    top.set_xlim(0, max(HIGH_SETS + 2, *values, 0) * 1.05)
    _style(top, "Sets per muscle, last 7 days", "x")
    _legend_above(
        top,
        [
            Patch(color=LOWER, label="lower"),
            Patch(color=UPPER, label="upper"),
            Patch(color=BAND, label=f"{LOW_SETS}-{HIGH_SETS} sets"),
        ],
    )

    positions = range(len(weeks))
    bottom.bar([p - 0.2 for p in positions], [w.lower for w in weeks], 0.4, color=LOWER)
    bottom.bar([p + 0.2 for p in positions], [w.upper for w in weeks], 0.4, color=UPPER)
    bottom.set_xticks(list(positions), _date_labels(weeks))
    _style(bottom, "Lower vs upper sets, by week", "y")
    _legend_above(bottom, [Patch(color=LOWER, label="lower"), Patch(color=UPPER, label="upper")])
    return figure


def balance_chart(
    muscles: Mapping[str, float], lower_muscles: set[str], weeks: Sequence[WeekSets]
) -> bytes:
    return _png(balance_figure(muscles, lower_muscles, weeks))


def _count(value: float) -> str:
    return f"{round(value, 1):g}"


def balance_alt(muscles: Mapping[str, float], weeks: Sequence[WeekSets]) -> str:
    """What the balance chart shows, in words, for the embed."""
    sets = ", ".join(f"{name} {_count(value)}" for name, value in muscles.items())
    history = ", ".join(
        f"{week.end:%d %b} {_count(week.lower)} vs {_count(week.upper)}" for week in weeks
    )
    return (
        f"Chart: sets per muscle in the last 7 days against the {LOW_SETS}-{HIGH_SETS} band "
        f"({sets}); lower vs upper hard sets for each of the last {len(weeks)} weeks "
        f"({history})."
    )


def report_figure(
    rows: Sequence[tuple[str, float, float, float]], weeks: Sequence[float | None]
) -> Figure:
    """Per-member lower/upper/core sets for small groups; the group's lower share over the
    weeks for large ones, where a bar per member would be unreadable on a phone."""
    if rows and len(rows) <= MAX_MEMBER_BARS:
        figure = _figure(1.6 + ROW_IN * len(rows))
        axis = figure.subplots()
        # Positions, not names: two members may share a name (or its shortened form).
        places = list(range(len(rows)))
        lower = [row[1] for row in rows]
        upper = [row[2] for row in rows]
        core = [row[3] for row in rows]
        axis.barh(places, lower, color=LOWER)
        axis.barh(places, upper, left=lower, color=UPPER)
        axis.barh(places, core, left=[a + b for a, b in zip(lower, upper, strict=True)], color=CORE)
        axis.set_yticks(places, [_short(name) for name, *_ in rows])
        axis.invert_yaxis()
        _style(axis, "Hard sets this week", "x")
        _legend_above(
            axis,
            [
                Patch(color=LOWER, label="lower"),
                Patch(color=UPPER, label="upper"),
                Patch(color=CORE, label="core"),
            ],
        )
        return figure
    figure = _figure(4.2)
    axis = figure.subplots()
    shares = [100 * share if share is not None else float("nan") for share in weeks]
    axis.plot(range(len(shares)), shares, color=LOWER, marker="o", linewidth=3)
    axis.axhspan(100 * BAND_SHARE[0], 100 * BAND_SHARE[1], color=BAND)
    axis.set_ylim(0, 100)
    axis.set_xticks(range(len(shares)), _week_labels(len(shares)))
    axis.set_ylabel("% of lower + upper sets", fontsize=TEXT)
    _style(axis, "Group's lower-body share", "y")
    _legend_above(axis, [Patch(color=BAND, label="typical split")])
    return figure


def _week_labels(count: int) -> list[str]:
    return [f"-{count - 1 - n}w" if n < count - 1 else "now" for n in range(count)]


def report_chart(
    rows: Sequence[tuple[str, float, float, float]], weeks: Sequence[float | None]
) -> bytes:
    return _png(report_figure(rows, weeks))


def report_alt(
    rows: Sequence[tuple[str, float, float, float]], weeks: Sequence[float | None]
) -> str:
    """What the report chart shows, in words, for the embed."""
    if rows and len(rows) <= MAX_MEMBER_BARS:
        members = "; ".join(
            f"{name} {_count(lower)} lower, {_count(upper)} upper, {_count(core)} core"
            for name, lower, upper, core in rows
        )
        return f"Chart: each member's hard sets this week ({members})."
    shares = ", ".join(
        f"{label} {share:.0%}" if share is not None else f"{label} none"
        for label, share in zip(_week_labels(len(weeks)), weeks, strict=True)
    )
    low, high = BAND_SHARE
    return (
        f"Chart: the group's lower-body share of lower + upper sets over {len(weeks)} weeks "
        f"({shares}); {low:.0%}-{high:.0%} is the typical split."
    )
