"""Sending a scheduled message to a person: by DM, else a mention in their server, else not.

- DMs closed (403 Forbidden): mention them in the reminder channel of the server the
  schedule was set in, if it has one. That post is public, so it only says a reminder
  is waiting: nothing of their training shows there. Without a channel, or when the
  channel refuses the post or was deleted (404), the schedule is paused with that
  reason, which ``/reminder list`` shows, and they are told the next time they use a
  command.
- Passing failures (429, Discord server errors, a dropped connection): discord.py
  already waits out 429s and retries 5xx a few times per request; on top of that a
  failed send is tried a bounded number of times with exponential backoff, and if it
  still fails the handler says so (``passing``), and the dispatcher tries the occurrence
  again later within its grace period.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import aiohttp
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
# Why a reminder is paused, as /reminder list says it after "paused: ".
NO_CHANNEL = "your DMs are closed"
CHANNEL_REFUSED = "your DMs are closed and I may not post in the reminder channel"
CHANNEL_GONE = "your DMs are closed and the reminder channel was deleted"

# A fresh message each try: a View is bound to the message it was sent with.
Compose = Callable[[], tuple[discord.Embed, discord.ui.View]]


def passing(error: BaseException) -> bool:
    """Whether trying again later may work: rate limits, server errors, the network."""
    if isinstance(error, discord.HTTPException):
        return error.status == 429 or error.status >= 500
    return isinstance(error, (OSError, TimeoutError, aiohttp.ClientError))


async def _with_retries(send: Callable[[], Awaitable[discord.Message]]) -> int:
    """Sends, retrying passing failures; returns the number of tries it took."""
    for attempt in range(1, TRIES + 1):
        try:
            await send()
            return attempt
        except Exception as error:
            if attempt == TRIES or not passing(error):
                raise
            log.warning("send failed (%s), try %d of %d", error, attempt, TRIES)
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
    raise AssertionError("unreachable: the last try returns or raises")


async def _fallback_channel(bot: LegDayBot, guild_id: int | None) -> int | None:
    if guild_id is None:
        return None
    server = await bot.store.run(lambda session: session.get(Server, guild_id))
    return server.reminder_channel_id if server else None


def failed(error: Exception, tries: int = 1) -> Handled:
    """A send that failed: tried again later if the reason may pass. Raises ``error``
    again when it is neither Discord's answer nor a passing one (a bug)."""
    if not (passing(error) or isinstance(error, discord.HTTPException)):
        raise error
    if isinstance(error, discord.HTTPException):
        text = f"HTTP {error.status}: {error.text}"
    else:
        text = f"{type(error).__name__}: {error}"
    again = passing(error)
    return Handled(FAILED, attempts=tries if again else 1, error=text[:200], passing=again)


def _paused(reason: str) -> Handled:
    return Handled(DMS_CLOSED, pause_reason=DMS_CLOSED, error=reason)


async def _attempt(
    send: Callable[[], Awaitable[discord.Message]], outcome: str
) -> Handled | discord.HTTPException:
    """Send with retries; a refusal (403, 404) comes back for the caller to judge."""
    try:
        return Handled(outcome, sent=True, attempts=await _with_retries(send))
    except (discord.Forbidden, discord.NotFound) as refusal:
        return refusal
    except Exception as error:
        return failed(error, tries=TRIES)


async def send_to_person(
    bot: LegDayBot, person_id: int, guild_id: int | None, compose: Compose
) -> Handled:
    """Deliver ``compose()`` to the person, following the fallbacks above. The public post
    when their DMs are closed says only that a reminder is waiting: which kind would tell
    the channel they do check-ins."""

    async def dm() -> discord.Message:
        user = bot.get_user(person_id) or await bot.fetch_user(person_id)
        embed, view = compose()
        return await user.send(embed=embed, view=view)

    direct = await _attempt(dm, SENT)
    if isinstance(direct, Handled):
        return direct
    if not isinstance(direct, discord.Forbidden):
        return failed(direct)  # no such user
    # DMs closed: a mention in the server's reminder channel, if it has one.
    channel_id = await _fallback_channel(bot, guild_id)
    if channel_id is None:
        return _paused(NO_CHANNEL)
    channel = bot.get_partial_messageable(channel_id)

    async def mention() -> discord.Message:
        return await channel.send(
            f"<@{person_id}>, a reminder is waiting for you, but your DMs are closed. "
            "Open your DMs for this server, or use `/balance` to see where you stand.",
            allowed_mentions=discord.AllowedMentions(users=[discord.Object(person_id)]),
        )

    posted = await _attempt(mention, FALLBACK)
    if isinstance(posted, Handled):
        return posted
    return _paused(CHANNEL_REFUSED if isinstance(posted, discord.Forbidden) else CHANNEL_GONE)
