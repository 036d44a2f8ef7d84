"""The body map: a front and a back outline with each muscle coloured by this week's sets.

Drawn from our own simple shapes (no artwork from elsewhere). Colours are Okabe-Ito
hues, told apart with every common colour-vision deficiency, and each class also has its
own hatch so the map reads in greyscale. Numbers are in the alt text, never only in colour.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence

import discord
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch, Polygon

from cogs._common import BRAND, words

BODY = "body.png"
LOW_SETS, HIGH_SETS = 10.0, 20.0
OUTLINE, SKIN = "#4d4d4d", "#f2f2f2"
# (label, fill, hatch) per class: none, under the band, in it, over it.
CLASSES = (
    ("0 sets", "#ffffff", ""),
    (f"under {LOW_SETS:g}", "#e69f00", "///"),
    (f"{LOW_SETS:g}-{HIGH_SETS:g}", "#009e73", ""),
    (f"over {HIGH_SETS:g}", "#0072b2", "..."),
)

Shape = Sequence[tuple[float, float]]

# One side of the body (x >= 0), mirrored for the other; a figure is about 10 units tall.
_FOREARM: tuple[Shape, ...] = (((1.22, 6.3), (1.52, 6.38), (1.62, 5.25), (1.4, 5.15)),)
"""The same from the front and from the back."""
_FRONT: dict[str, tuple[Shape, ...]] = {
    "front_delts": (((0.72, 8.3), (1.12, 8.22), (1.2, 7.7), (0.92, 7.62), (0.78, 7.92)),),
    "side_delts": (((1.12, 8.22), (1.4, 7.95), (1.42, 7.45), (1.2, 7.7)),),
    "chest": (((0.06, 8.22), (0.72, 8.3), (0.92, 7.62), (0.78, 7.12), (0.06, 7.02)),),
    "biceps": (((1.2, 7.62), (1.44, 7.38), (1.5, 6.45), (1.22, 6.36), (1.1, 7.02)),),
    "forearms": _FOREARM,
    "abs": (((0.0, 6.98), (0.46, 6.98), (0.5, 5.35), (0.0, 5.3)),),
    "abductors": (((0.56, 5.62), (0.86, 5.52), (0.96, 4.92), (0.76, 4.9)),),
    "quads": (((0.24, 5.1), (0.76, 4.9), (0.96, 4.9), (0.9, 3.32), (0.58, 3.12), (0.32, 3.4)),),
    "adductors": (((0.04, 5.02), (0.24, 5.1), (0.32, 3.92), (0.12, 4.22)),),
    "calves": (((0.46, 2.82), (0.82, 2.82), (0.76, 1.22), (0.52, 1.22)),),
}
_BACK: dict[str, tuple[Shape, ...]] = {
    "upper_back": (((0.0, 8.52), (0.5, 8.32), (0.8, 8.1), (0.46, 7.32), (0.0, 7.02)),),
    "rear_delts": (((0.8, 8.1), (1.18, 8.12), (1.38, 7.72), (0.96, 7.6)),),
    "lats": (((0.46, 7.32), (0.96, 7.6), (0.9, 6.62), (0.42, 6.02), (0.06, 6.2)),),
    "triceps": (((1.24, 7.64), (1.46, 7.38), (1.5, 6.45), (1.22, 6.36), (1.12, 7.02)),),
    "forearms": _FOREARM,
    "lower_back": (((0.0, 6.0), (0.4, 6.0), (0.46, 5.38), (0.0, 5.36)),),
    "glutes": (((0.02, 5.32), (0.52, 5.36), (0.86, 5.02), (0.82, 4.42), (0.04, 4.5)),),
    "hamstrings": (((0.08, 4.42), (0.86, 4.42), (0.86, 3.22), (0.36, 3.22)),),
    "calves": (((0.4, 2.92), (0.86, 2.92), (0.8, 1.32), (0.5, 1.32)),),
}
# Not muscles: the head, hands, knees and feet, so the figure reads as a body.
_FRAME: tuple[Shape, ...] = (
    ((0.0, 8.38), (0.2, 8.4), (0.2, 8.66), (0.0, 8.66)),
    ((1.4, 5.12), (1.64, 5.2), (1.7, 4.7), (1.46, 4.62)),
    ((0.32, 3.36), (0.9, 3.28), (0.86, 2.86), (0.42, 2.86)),
    ((0.5, 1.2), (0.78, 1.2), (0.92, 0.8), (0.46, 0.8)),
)


def muscle_class(sets: float) -> int:
    """Which of ``CLASSES`` a muscle's weekly sets fall in."""
    if sets <= 0:
        return 0
    if sets < LOW_SETS:
        return 1
    return 2 if sets <= HIGH_SETS else 3


def _both_sides(shape: Shape, offset: float) -> Iterable[list[tuple[float, float]]]:
    yield [(offset + x, y) for x, y in shape]
    yield [(offset - x, y) for x, y in shape]


def _draw(
    axis: Axes, shapes: Mapping[str, tuple[Shape, ...]], offset: float, muscles: Mapping[str, float]
) -> None:
    axis.add_patch(Circle((offset, 9.2), 0.55, facecolor=SKIN, edgecolor=OUTLINE))
    for shape in _FRAME:
        for points in _both_sides(shape, offset):
            axis.add_patch(Polygon(points, facecolor=SKIN, edgecolor=OUTLINE, linewidth=1))
    for name, parts in shapes.items():
        _, fill, hatch = CLASSES[muscle_class(muscles.get(name, 0.0))]
        for shape in parts:
            for points in _both_sides(shape, offset):
                axis.add_patch(
                    Polygon(points, facecolor=fill, edgecolor=OUTLINE, hatch=hatch, linewidth=1.2)
                )


def alt_text(muscles: Mapping[str, float], who: str) -> str:
    """What the map shows, in words and numbers, for people who can't see it."""
    by_class: dict[int, list[str]] = {}
    for name in sorted(muscles, key=lambda n: (muscles[n], n)):
        by_class.setdefault(muscle_class(muscles[name]), []).append(
            f"{words(name)} {round(muscles[name], 1):g}"
        )
    parts = [
        f"{CLASSES[index][0]}: {', '.join(names)}" for index, names in sorted(by_class.items())
    ]
    return f"Body map of {who} sets per muscle this week. " + "; ".join(parts) + "."


def body_map(muscles: Mapping[str, float], title: str) -> bytes:
    """A PNG of the front and back, each muscle filled by its class, with a legend."""
    figure = Figure(figsize=(5.2, 6.4))
    axis = figure.subplots()
    _draw(axis, _FRONT, -2.2, muscles)
    _draw(axis, _BACK, 2.2, muscles)
    axis.text(-2.2, 0.25, "front", ha="center", fontsize=15)
    axis.text(2.2, 0.25, "back", ha="center", fontsize=15)
    axis.set_xlim(-4.1, 4.1)
    axis.set_ylim(-0.1, 10.0)
    axis.set_aspect("equal")
    axis.axis("off")
    axis.set_title(title, fontsize=16)
    handles = [
        Patch(facecolor=fill, edgecolor=OUTLINE, hatch=hatch, label=label)
        for label, fill, hatch in CLASSES
    ]
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=2,
        fontsize=14,
        frameon=False,
        title="hard sets a week",
        title_fontsize=13,
    )
    figure.subplots_adjust(bottom=0.2)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def body_map_embed(description: str) -> discord.Embed:
    """The body map (attached as ``BODY``) with its alt text as the description, since
    Discord shows none for an embed's image."""
    embed = discord.Embed(description=description[:4096], colour=BRAND)
    return embed.set_image(url=f"attachment://{BODY}")
