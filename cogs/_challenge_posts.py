"""Challenge announcements in the challenge's channel: start, weekly progress and the end.

The start post is the challenge's live board (``cogs._live_board``), which edits itself
as members log; the weekly and end posts are messages of their own, and the end makes the
live board show the final standings.

Each goes out once: a post is claimed in ``challenge_announcement`` (unique per challenge,
kind and week) before it is sent, so two wake-ups or two processes never both post it;
a send that fails for a passing reason gives the claim back and is tried again soon,
after a minute, then a growing pause up to RETRY_MAX (not at the next week's post). The
end closes the challenge and awards the badges in the same transaction as its claim.

The wake clock calls ``wake`` once at the next post's due time, armed at start-up, after
each wake-up and when a challenge is created or ended. No polling is needed: a
challenge is created and ended through its server's shard, the same process that posts
for it (a process only posts for the servers it can see).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from coach.challenges import Board, Post, due_posts, next_post_at
from cogs._challenge_render import post_embed, winners_text
from cogs._live_board import LiveBoards, creator_unit
from storage import challenge_board, challenges
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

RETRY, RETRY_MAX = timedelta(minutes=1), timedelta(minutes=30)
JOB = "challenge-posts"


class ChallengePosts:
    def __init__(
        self, bot: LegDayBot, boards: challenge_board.BoardCache, live: LiveBoards
    ) -> None:
        self.bot, self.boards, self.live = bot, boards, live
        self._next: datetime | None = None
        self._failing = 0  # wake-ups in a row where a post failed for a passing reason

    def start(self) -> None:
        self.wake_at(self.bot.clock.now())

    def stop(self) -> None:
        self.bot.wake_clock.cancel(JOB)
        self._next = None

    def wake_at(self, moment: datetime) -> None:
        """Make sure a wake-up happens by ``moment`` (a challenge was created or ended)."""
        if self._next is not None and self._next <= moment:
            return
        self._next = moment
        self.bot.wake_clock.once(JOB, moment, self.wake)

    def retry_soon(self) -> None:
        """A post failed for a passing reason outside a wake-up: try it in a minute."""
        self.wake_at(self.bot.clock.now() + RETRY)

    async def wake(self) -> None:
        self._next = None
        now = self.bot.clock.now()
        upcoming: datetime | None
        try:
            all_sent = await self.send_due()
            upcoming = await self._next_post_at(now)
        except Exception:
            log.exception("challenge announcements failed; the next wake-up retries")
            all_sent, upcoming = False, now
        self._failing = 0 if all_sent else self._failing + 1
        if not all_sent:
            again = now + min(RETRY * 2 ** (self._failing - 1), RETRY_MAX)
            upcoming = min(upcoming or again, again)
        if upcoming is not None:
            # Never sooner than a minute away: a post that keeps failing to send (or a
            # failing database) must not turn wake-ups into a busy loop.
            self.wake_at(max(upcoming, now + RETRY))

    async def send_due(self) -> bool:
        """Post what is due; False if a post failed and is to be tried again soon."""
        async with self.bot.store.session() as session:
            waiting = await challenges.awaiting_announcements(session, self.bot.clock.now())
        results = [
            await self.announce(challenge)
            for challenge in waiting
            if self.bot.get_guild(challenge.guild_id) is not None
        ]
        return all(results)

    async def announce(self, challenge: Challenge) -> bool:
        """Send whatever is due for this challenge (start, this week's post or the end);
        False if a post failed for a passing reason and was given back."""
        if challenge.id is None:
            raise ValueError("the challenge was never saved")
        now = self.bot.clock.now()
        async with self.bot.store.session() as session:
            sent = await challenges.announced(session, challenge.id)
        for post, week in due_posts(challenges.window_of(challenge), now, sent):
            async with self.bot.store.session() as session:
                if not await challenges.claim_announcement(session, challenge.id, post, week, now):
                    continue
                if post is Post.END:
                    await challenges.close(session, challenge, now)
                board = await self.boards.board(session, challenge)
                if post is Post.END:
                    winners = [s.person_id for s in board.winners]
                    await challenges.award_badges(session, challenge, winners, now)
            title = {
                Post.START: f"🏁 {challenge.name} has started",
                Post.WEEK: f"📈 {challenge.name}: week {week} done",
                Post.END: f"🏆 {challenge.name} is over",
            }[post]
            content = winners_text(board) if post is Post.END else None
            if post is Post.START:
                posted = await self._start(challenge, board)
            else:
                unit = await creator_unit(self.bot, challenge)
                posted = await self._send(
                    challenge, content, post_embed(challenge, board, title, unit)
                )
                if post is Post.END and challenge.board_message_id is not None:
                    self.live.arm(challenge)  # the live board shows the final standings
            if not posted:
                async with self.bot.store.session() as session:
                    await challenges.release_announcement(session, challenge.id, post, week)
                return False
        return True

    async def _start(self, challenge: Challenge, board: Board) -> bool:
        """The start post is the live board, which edits itself from then on."""
        return await self._post(
            challenge, lambda channel: self.live.post(channel, challenge, board)
        )

    async def _send(self, challenge: Challenge, content: str | None, embed: discord.Embed) -> bool:
        return await self._post(challenge, lambda channel: channel.send(content, embed=embed))

    async def _post(
        self,
        challenge: Challenge,
        send: Callable[[discord.abc.Messageable], Awaitable[discord.Message]],
    ) -> bool:
        """Post it in the challenge's channel; False only when trying again later may work."""
        channel = self.bot.get_channel(challenge.channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("challenge %s: channel %s is gone", challenge.id, challenge.channel_id)
            return True
        try:
            await send(channel)
        except discord.Forbidden:
            log.warning("challenge %s: may not post in %s", challenge.id, challenge.channel_id)
        except discord.HTTPException:
            log.exception("challenge %s: post failed, retrying later", challenge.id)
            return False
        return True

    async def _next_post_at(self, now: datetime) -> datetime | None:
        async with self.bot.store.session() as session:
            waiting = await challenges.awaiting_announcements(session)
        upcoming = [
            next_post_at(challenges.window_of(c), now)
            for c in waiting
            if self.bot.get_guild(c.guild_id) is not None
        ]
        return min(upcoming, default=None)
