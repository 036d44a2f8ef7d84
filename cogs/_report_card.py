"""The weekly report as one Components V2 card: the group's week, its chart and body map
(each in a media gallery of its own, with its alt text), and a row per member. Where a layout is
refused, the embeds of ``cogs._report_build`` go out instead (``cogs._layout``)."""

from __future__ import annotations

from typing import Any

import discord

from cogs._body_map import BODY
from cogs._common import BRAND
from cogs._report_build import (
    CHART,
    LEGEND,
    RenderedReport,
    highlights,
    neglect_text,
    report_title,
    row_line,
    taking_part,
)

CARD_ROWS = 30
"""Members listed on the card; as many as the three pages posted as embeds held."""
ALT_LIMIT = 1024
"""Characters of alt text Discord keeps for a media gallery item."""


def members_text(rendered: RenderedReport) -> str:
    rows = rendered.report.rows
    lines = [row_line(row) for row in rows[:CARD_ROWS]]
    if len(rows) > CARD_ROWS:
        lines.append(f"…and {len(rows) - CARD_ROWS} more")
    return "**Members**\n" + ("\n".join(lines) or "Nobody yet.")


def picture(filename: str, alt: str) -> discord.ui.MediaGallery[Any]:
    """An attached image, full width, with its alt text."""
    item = discord.MediaGalleryItem(f"attachment://{filename}", description=alt[:ALT_LIMIT])
    return discord.ui.MediaGallery(item)


def report_card(rendered: RenderedReport) -> discord.ui.LayoutView:
    report = rendered.report
    texts = [f"## {report_title(report)}\n{taking_part(report)}"]
    texts += [f"**{heading}**\n{text}" for heading, text in highlights(report)]
    container: discord.ui.Container[Any] = discord.ui.Container(accent_colour=BRAND)
    for text in texts:
        container.add_item(discord.ui.TextDisplay(text))
    # A gallery each: two in one are drawn side by side, too small to read on a phone.
    container.add_item(picture(CHART, rendered.chart_alt))
    container.add_item(picture(BODY, rendered.body_alt))
    container.add_item(discord.ui.TextDisplay(neglect_text(report)))
    container.add_item(discord.ui.Separator())
    container.add_item(discord.ui.TextDisplay(members_text(rendered)))
    container.add_item(discord.ui.TextDisplay(f"-# {LEGEND}"))
    card: discord.ui.LayoutView = discord.ui.LayoutView(timeout=None)
    card.add_item(container)
    return card
