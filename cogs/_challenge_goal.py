"""A challenge's goal reached: said in the challenge's channel when it happens, once.

Whom a change can have brought to a goal, and the claims that make each post go out once
even when two logs race, are ``services.challenge_posts.goals_reached``; this module paces
the checks and posts. Scoring a board on every log cost a busy server most of its CPU, so
a challenge is looked at most once every ``CHECK_EVERY``: at once after a quiet spell,
else for everyone who logged since, together. A failed send is not tried again, since
the moment has passed and the weekly post and the board show it anyway.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

import discord

from coach.challenges import Board
from coach.text import counted
from cogs._challenge_render import goal_text, when_text
from cogs._common import BRAND
from cogs._live_board import creator_unit
from cogs._render import TITLE_LIMIT, clip
from services import challenge_posts
from services.challenge_boards import BoardCache
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(seconds=30)
"""The most often a challenge is scored to see whether a goal was reached."""


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class GoalWatch:
    """Looks at a challenge for goals reached after its members log, at most once every
    ``CHECK_EVERY`` (a process's own servers' challenges only)."""

    def __init__(self, bot: LegDayBot, boards: BoardCache) -> None:
        self.bot, self.boards = bot, boards
        self.logged: dict[int, set[int]] = {}  # challenge id -> who logged since its check
        self.checked: dict[int, datetime] = {}  # challenge id -> its last check

    def member_changed(self, challenge_id: int, person_id: int) -> None:
        """This member's sets changed: look at the challenge soon, for them too."""
        waiting = challenge_id in self.logged
        self.logged.setdefault(challenge_id, set()).add(person_id)
        if waiting:
            return  # the check on its way looks at them too
        now = self.bot.clock.now()
        last = self.checked.get(challenge_id)
        at = now if last is None else max(now, last + CHECK_EVERY)
        self.bot.clock.once(f"goals:{challenge_id}", at, partial(self.check, challenge_id))

    async def check(self, challenge_id: int) -> None:
        people = self.logged.pop(challenge_id, set())
        now = self.bot.clock.now()
        self.checked = {c: at for c, at in self.checked.items() if now - at < CHECK_EVERY}
        self.checked[challenge_id] = now
        try:
            await self._announce(challenge_id, people, now)
        except Exception:
            log.exception("challenge %s: looking for goals reached failed", challenge_id)

    async def _announce(self, challenge_id: int, people: set[int], now: datetime) -> None:
        reached = await challenge_posts.goals_reached(
            self.bot.store, challenge_id, people, self.boards, now=now
        )
        if reached is None:
            return
        texts = [team_text(reached.board)] if reached.team else []
        texts += [
            f"<@{mine.person_id}> reached the goal, the {ordinal(mine.rank)} to get there."
            for mine in reached.members
        ]
        for text in texts:
            await _post(self.bot, reached.challenge, text)


def team_text(board: Board) -> str:
    helpers = sum(1 for s in board.standings if s.score > 0)
    return (
        f"The team reached its goal together: {counted(helpers, 'member')} contributed. "
        "It runs on until its last day; everyone who contributed gets a badge then."
    )


async def _post(bot: LegDayBot, challenge: Challenge, text: str) -> None:
    channel = bot.get_channel(challenge.channel_id)
    if not isinstance(channel, discord.abc.Messageable):
        return
    unit = await creator_unit(bot, challenge)
    embed = discord.Embed(
        title=clip(f"🎯 {challenge.name}: goal reached", TITLE_LIMIT),
        description=f"{text}\nGoal: **{goal_text(challenge, unit)}** · {when_text(challenge)}",
        colour=BRAND,
    )
    embed.set_footer(text="Full board: /challenge board")
    try:
        await channel.send(embed=embed)
    except discord.HTTPException as error:
        log.warning("challenge %s: goal post failed: %s", challenge.id, error)
