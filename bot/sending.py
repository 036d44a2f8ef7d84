"""Sending a scheduled message to a person: by DM, else in their server, else not at all.

- DMs closed (403 Forbidden): mention them in the reminder channel of the server the
  schedule was set in, if it has one; otherwise the schedule is paused and they are
  told the next time they use a command.
- Rate limits and Discord server errors: discord.py already waits out 429s and retries
  5xx a few times per request; on top of that a failed send is retried a bounded number
  of times with exponential backoff, well inside the dispatcher's lease.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord

from bot.dispatcher import Handled
from storage.schedules import DMS_CLOSED
from storage.tables import Server

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

TRIES = 3
BACKOFF_SECONDS = 5.0  # discord.py has already retried each request a few times
SENT, FALLBACK, FAILED = "sent", "fallback", "failed"

# A fresh message each try: a View is bound to the message it was sent with.
Compose = Callable[[], tuple[discord.Embed, discord.ui.View]]


def _transient(error: discord.HTTPException) -> bool:
    return error.status == 429 or error.status >= 500


async def _with_retries(send: Callable[[], Awaitable[discord.Message]]) -> int:
    """Sends, retrying transient failures; returns the number of tries it took."""
    for attempt in range(1, TRIES + 1):
        try:
            await send()
            return attempt
        except discord.HTTPException as error:
            if attempt == TRIES or isinstance(error, discord.Forbidden) or not _transient(error):
                raise
            log.warning("send failed (%s), try %d of %d", error.status, attempt, TRIES)
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
    raise AssertionError("unreachable: the last try returns or raises")


async def _fallback_channel(bot: LegDayBot, guild_id: int | None) -> int | None:
    if guild_id is None:
        return None
    async with bot.store.session() as session:
        server = await session.get(Server, guild_id)
    return server.reminder_channel_id if server else None


def _failed(error: discord.HTTPException) -> Handled:
    tries = TRIES if _transient(error) else 1
    return Handled(FAILED, attempts=tries, error=f"HTTP {error.status}: {error.text}"[:200])


async def send_to_person(
    bot: LegDayBot, person_id: int, guild_id: int | None, compose: Compose
) -> Handled:
    """Deliver ``compose()`` to the person, following the fallbacks above."""

    async def dm() -> discord.Message:
        user = bot.get_user(person_id) or await bot.fetch_user(person_id)
        embed, view = compose()
        return await user.send(embed=embed, view=view)

    try:
        return Handled(SENT, sent=True, attempts=await _with_retries(dm))
    except discord.Forbidden:
        pass  # DMs closed: try the server below
    except discord.HTTPException as error:
        return _failed(error)

    channel_id = await _fallback_channel(bot, guild_id)
    if channel_id is None:
        return Handled(DMS_CLOSED, pause_reason=DMS_CLOSED, error="DMs closed")
    channel = bot.get_partial_messageable(channel_id)

    async def mention() -> discord.Message:
        embed, view = compose()
        return await channel.send(
            f"<@{person_id}>, your DMs are closed, so here is your reminder.",
            embed=embed,
            view=view,
            allowed_mentions=discord.AllowedMentions(users=[discord.Object(person_id)]),
        )

    try:
        return Handled(FALLBACK, sent=True, attempts=await _with_retries(mention))
    except discord.Forbidden:
        return Handled(DMS_CLOSED, pause_reason=DMS_CLOSED, error="DMs and channel closed")
    except discord.HTTPException as error:
        return _failed(error)
