"""Fitting replies into Discord's embed limits, with "and N more" for what is left out.

Discord refuses a whole message whose embed is over any limit (so a reply, and its Undo
button, would be lost): 256 characters of title, 4,096 of description, 25 fields of
1,024 (names 256), a 2,048 footer, and 6,000 in all. Every renderer fits its embeds here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

import discord

from coach.text import clip

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FIELD_NAME_LIMIT = 256
FOOTER_LIMIT = 2048
MAX_FIELDS = 25
TOTAL_LIMIT = 6000
MORE_NAME = "…"


def more_text(count: int, what: str) -> str:
    return f"and {count} more {what}".rstrip()


def fit_lines(lines: Sequence[str], limit: int = DESCRIPTION_LIMIT, what: str = "") -> str:
    """As many whole lines as fit in ``limit``, then "and N more" for the rest."""
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    shown: list[str] = []
    for line in lines:
        more = more_text(len(lines) - len(shown) - 1, what)
        if len("\n".join([*shown, line, more])) > limit:
            break
        shown.append(line)
    return "\n".join([*shown, more_text(len(lines) - len(shown), what)])


def fit_embed(embed: discord.Embed, *, what: str = "", keep_last: int = 0) -> discord.Embed:
    """Clip every part to its limit and drop fields from the end of the body (all but the
    ``keep_last`` fields) until the count and the total fit, saying "and N more ``what``"
    in a field where they were. Changes ``embed`` and returns it."""
    if embed.title:
        embed.title = clip(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION_LIMIT)
    if embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_LIMIT), icon_url=embed.footer.icon_url)
    fields = [
        (clip(f.name or MORE_NAME, FIELD_NAME_LIMIT), clip(f.value or "-", FIELD_LIMIT), f.inline)
        for f in embed.fields
    ]
    split = len(fields) - keep_last
    body, tail = fields[:split], fields[split:]
    sizes = [0, *accumulate(len(name) + len(value) for name, value, _ in body)]
    tail_size = sum(len(name) + len(value) for name, value, _ in tail)
    base = len(embed) - sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    shown = len(body)
    while shown > 0:
        dropped = len(body) - shown
        more = len(MORE_NAME) + len(more_text(dropped, what)) if dropped else 0
        count = shown + len(tail) + (1 if dropped else 0)
        if count <= MAX_FIELDS and base + sizes[shown] + more + tail_size <= TOTAL_LIMIT:
            break
        shown -= 1
    embed.clear_fields()
    for name, value, inline in body[:shown]:
        embed.add_field(name=name, value=value, inline=inline)
    if shown < len(body):
        embed.add_field(name=MORE_NAME, value=more_text(len(body) - shown, what), inline=False)
    for name, value, inline in tail:
        embed.add_field(name=name, value=value, inline=inline)
    excess = len(embed) - TOTAL_LIMIT
    if excess > 0 and embed.description:
        # Fields alone cannot make room (a long description): the description gives way.
        embed.description = clip(embed.description, max(1, len(embed.description) - excess))
    return embed
