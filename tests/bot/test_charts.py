"""The balance and report charts on a phone: shown 360 px wide no text is under 11 px, set
counts have whole-number ticks, legends never cover a bar, and the alt text says it all."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from functools import cache

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.text import Text

from coach.metrics import MuscleGroup
from coach.trends import WeekSets
from cogs._charts import (
    DPI,
    _png,
    balance_alt,
    balance_figure,
    report_alt,
    report_figure,
)

PHONE_PX = 360
MIN_TEXT_PX = 11
NOW = datetime(2026, 1, 1, tzinfo=UTC)
LOWER = {"quads", "hamstrings", "glutes"}
MUSCLES = dict(zip([g.value for g in MuscleGroup], [4.5, 0.0, 12.0, 22.0, 7.5, 3.0], strict=True))


def weeks(count: int) -> list[WeekSets]:
    # The newest week has the tallest bar, right where a legend in a corner would sit.
    return [
        WeekSets(NOW - timedelta(weeks=count - 1 - n), lower=n % 5, upper=2 * n + 3, core=1)
        for n in range(count)
    ]


MEMBERS = [("alice", 12, 14, 3), ("a very long display name", 0, 31, 2), ("cleo", 30, 2, 0)]
FIGURES = {
    "balance, 6 weeks": lambda: balance_figure(MUSCLES, LOWER, weeks(6)),
    "balance, 12 weeks": lambda: balance_figure(MUSCLES, LOWER, weeks(12)),
    # Few sets: a default axis would tick 0.5 sets.
    "balance, a light week": lambda: balance_figure(
        dict.fromkeys(MUSCLES, 0.5) | {"quads": 2.0}, LOWER, [WeekSets(NOW, 1, 2, 0)]
    ),
    "report, a light week": lambda: report_figure([("alice", 1, 2, 0), ("bob", 0, 1, 1)], []),
    "report, 3 members": lambda: report_figure(MEMBERS, []),
    "report, 15 members": lambda: report_figure(
        [(f"member {n}", n, 15 - n, n % 3) for n in range(15)], []
    ),
    "report, a large group": lambda: report_figure([], [0.3, 0.35, None, 0.4, 0.38, 0.42]),
}


@cache
def drawn(name: str) -> tuple[Figure, int]:
    """The figure, drawn, and the width of its PNG in pixels: drawn once for the three tests
    that only look at it."""
    figure = FIGURES[name]()
    png = _png(figure)
    FigureCanvasAgg(figure).draw()
    return figure, imread(io.BytesIO(png)).shape[1]


def texts(figure: Figure) -> list[Text]:
    """Every piece of text a reader sees: titles, tick labels, legends, axis labels."""
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", FIGURES)
def test_no_text_is_under_11_px_on_a_360_px_wide_phone(name):
    figure, width = drawn(name)

    scale = PHONE_PX / width  # the PNG shrunk to the phone's width
    sizes = {t.get_text(): t.get_fontsize() * DPI / 72 * scale for t in texts(figure)}

    assert len(sizes) > 5
    smallest = min(sizes, key=sizes.__getitem__)
    assert sizes[smallest] >= MIN_TEXT_PX, (smallest, sizes[smallest])


@pytest.mark.parametrize("name", FIGURES)
def test_set_counts_have_whole_number_ticks(name):
    figure, _ = drawn(name)
    counted = 0
    for axis in figure.axes:
        for container in axis.containers:
            # A bar's length is a count of sets: the axis along it must tick whole numbers.
            horizontal = container.orientation == "horizontal"  # type: ignore[attr-defined]
            ticks = axis.get_xticks() if horizontal else axis.get_yticks()
            assert len(ticks) >= 3
            assert all(float(t).is_integer() for t in ticks), ticks
            counted += 1
    assert counted > 0 or name == "report, a large group"


@pytest.mark.parametrize("name", FIGURES)
def test_the_legend_never_covers_a_bar_or_the_plot(name):
    figure, _ = drawn(name)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    checked = 0
    for axis in figure.axes:
        legend = axis.get_legend()
        if legend is None:
            continue
        box = legend.get_window_extent(renderer)
        assert not box.overlaps(axis.get_window_extent(renderer).shrunk(0.999, 0.999))
        for container in axis.containers:
            for bar in container:
                assert not box.overlaps(bar.get_window_extent(renderer))
        checked += 1
    assert checked == len(figure.axes)


def test_the_balance_alt_text_has_every_number():
    text = balance_alt(MUSCLES, weeks(2))
    assert text == (
        "Chart: sets per muscle in the last 7 days against the 10-20 band (quads 4.5, "
        "hamstrings 0, glutes 12, chest 22, back 7.5, shoulders 3); lower vs upper hard "
        "sets for each of the last 2 weeks (25 Dec 0 vs 3, 01 Jan 1 vs 5)."
    )


def test_the_report_alt_text_has_every_number():
    assert report_alt(MEMBERS[:2], []) == (
        "Chart: each member's hard sets this week (alice 12 lower, 14 upper, 3 core; "
        "a very long display name 0 lower, 31 upper, 2 core)."
    )
    assert report_alt([], [0.3, None, 0.42]) == (
        "Chart: the group's lower-body share of lower + upper sets over 3 weeks (-2w 30%, "
        "-1w none, now 42%); 33%-47% is the typical split."
    )
