"""Components V2 messages (``LayoutView``) with the embeds they replace as a fallback.

A layout is sent first. Discord refusing it (400: the layout or its flag is not accepted
where it is sent) is the one sign a bot gets that it cannot be shown there, so the same
content goes out as embeds instead. Mentions in a layout's text would ping like message
content does, so every layout goes out with mentions off.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

log = logging.getLogger(__name__)

QUIET = discord.AllowedMentions.none()

Send = Callable[..., Awaitable[Any]]


def refused(error: discord.HTTPException) -> bool:
    """Discord would not take the layout itself (rather than failing for a passing reason)."""
    return error.status == 400


async def send_layout(
    send: Send,
    layout: discord.ui.LayoutView,
    fallback: Callable[[], dict[str, Any]],
    *,
    files: Callable[[], list[discord.File]] | None = None,
) -> Any:
    """``send(view=layout)`` (with ``files()``), or ``send(**fallback())`` when the layout
    is refused. Both build their files when needed: a file can be sent only once."""
    attached = {"files": files()} if files is not None else {}
    try:
        return await send(view=layout, allowed_mentions=QUIET, **attached)
    except discord.HTTPException as error:
        if not refused(error):
            raise
        log.warning("layout refused (%s); sending embeds instead", error.text)
    return await send(allowed_mentions=QUIET, **fallback())
