"""Challenge announcements in the challenge's channel: start, weekly progress and the end.

They go through the dispatcher like reminders and reports: each challenge has one
schedule row (``services.challenge_posts.CHALLENGE``), due at its start. ``post_due``
sends what is due at that time, then says when the next post falls due (a week boundary
or the end; ``/challenge end`` makes the row due at once) and finishes the row after the
end post.

The start post is the challenge's live board (``cogs._live_board``), which edits itself
as members log; the weekly and end posts are messages of their own, and the end makes the
live board show the final standings.

Each post goes out once: ``services.challenge_posts`` claims it before it is sent. A send
that fails for a passing reason gives the claim back and the dispatcher tries the
occurrence again, with growing pauses, within ``GRACE``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING

import discord

from bot.dispatcher import Due, Handled
from bot.sending import SENT, failed
from coach.challenges import Board, Post
from cogs._challenge_render import post_embed, winners_text
from cogs._live_board import LiveBoards, creator_unit
from services import challenge_posts
from services.challenge_boards import BoardCache
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

NOTHING_DUE, GONE = "nothing_due", "gone"


class ChallengePosts:
    def __init__(self, bot: LegDayBot, boards: BoardCache, live: LiveBoards) -> None:
        self.bot, self.boards, self.live = bot, boards, live
        bot.dispatcher.register(
            challenge_posts.CHALLENGE, self.post_due, grace=challenge_posts.GRACE
        )

    async def post_due(self, due: Due, now: datetime) -> Handled:
        """Send what is due for the challenge of this schedule row."""
        challenge = await challenge_posts.challenge_of(self.bot.store, due.challenge_id or 0)
        if challenge is None:
            return Handled(GONE, done=True)
        if self.bot.get_guild(challenge.guild_id) is None:
            # Started before the gateway sent the servers: wait for it, not a week.
            await self.bot.wait_until_ready()
        problem, posted = await self.announce(challenge, now)
        if problem is not None:
            return problem
        upcoming = await challenge_posts.next_due(self.bot.store, challenge, now=now)
        outcome = SENT if posted else NOTHING_DUE
        if upcoming is None:
            return Handled(outcome, sent=posted, done=True)
        return Handled(outcome, sent=posted, next_due_at=upcoming)

    async def announce(self, challenge: Challenge, now: datetime) -> tuple[Handled | None, bool]:
        """Send whatever is due for this challenge (start, this week's post or the end).

        Returns a failure to try again (its claim given back) or None, and whether
        anything was posted.
        """
        store = self.bot.store
        posted = False
        for post, week in await challenge_posts.due(store, challenge, now=now):
            board = await challenge_posts.claim(store, challenge, post, week, self.boards, now=now)
            if board is None:
                continue  # claimed by another try
            title = {
                Post.START: f"🏁 {challenge.name} has started",
                Post.WEEK: f"📈 {challenge.name}: week {week} done",
                Post.END: f"🏆 {challenge.name} is over",
            }[post]
            if post is Post.START:
                problem = await self._start(challenge, board)
            else:
                unit = await creator_unit(self.bot, challenge)
                content = winners_text(challenge, board, unit) if post is Post.END else None
                problem = await self._send(
                    challenge, content, post_embed(challenge, board, title, unit)
                )
                if post is Post.END and challenge.board_message_id is not None:
                    self.live.arm(challenge)  # the live board shows the final standings
            if problem is not None:
                await challenge_posts.release(store, challenge.id or 0, post, week)
                return problem, posted
            posted = True
        return None, posted

    async def _start(self, challenge: Challenge, board: Board) -> Handled | None:
        """The start post is the live board, which edits itself from then on."""
        return await self._post(
            challenge, lambda channel: self.live.post(channel, challenge, board)
        )

    async def _send(
        self, challenge: Challenge, content: str | None, embed: discord.Embed
    ) -> Handled | None:
        return await self._post(challenge, lambda channel: channel.send(content, embed=embed))

    async def _post(
        self,
        challenge: Challenge,
        send: Callable[[discord.abc.Messageable], Awaitable[discord.Message]],
    ) -> Handled | None:
        """Post it in the challenge's channel; a failure only when trying again later may
        work."""
        channel = self.bot.get_channel(challenge.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("challenge %s: channel %s is gone", challenge.id, challenge.channel_id)
            return None
        try:
            await send(channel)
        except discord.HTTPException as error:
            outcome = failed(error)
            if outcome.passing:
                log.warning("challenge %s: post failed, trying again later", challenge.id)
                return outcome
            log.warning("challenge %s: may not post in %s", challenge.id, challenge.channel_id)
        return None
