"""A challenge's goal reached: said in the challenge's channel when it happens, once.

Only logging moves a score up, so whoever just logged is the one to look at: in an
individual challenge, whether they reached the goal; in a team one, whether the team did.
Each announcement is claimed in the database before it is sent (a member's
``goal_told_at``, or the team's ``goal`` announcement), so it goes out once even when two
logs race; a failed send is not tried again, since the moment has passed and the
weekly post and the board show it anyway.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

import discord

from coach.challenges import Board
from coach.text import counted
from cogs._challenge_render import goal_text, when_text
from cogs._common import BRAND
from cogs._live_board import creator_unit
from cogs._render import TITLE_LIMIT, clip
from storage import challenge_board, challenges
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

NEWS_FOR = timedelta(days=1)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


async def announce_goals(
    bot: LegDayBot, boards: challenge_board.BoardCache, person_id: int
) -> None:
    """Post what this person's new sets made happen in their running challenges."""
    now = bot.clock.now()
    async with bot.store.session() as session:
        running = await challenges.open_challenges_of(session, person_id, now)
    for challenge in running:
        if challenge.id is None or bot.get_guild(challenge.guild_id) is None:
            continue  # another process serves that server
        async with bot.store.session() as session:
            board = await boards.board(session, challenge)
            text = None
            if challenge.team and board.reached:
                if await challenges.claim_announcement(
                    session, challenge.id, challenges.GOAL_POST, 0, now
                ):
                    text = team_text(board)
            elif not challenge.team:
                mine = board.standing_of(person_id)
                if mine is not None and mine.reached_at is not None:
                    claimed = await challenges.claim_goal_post(
                        session, challenge.id, person_id, now
                    )
                    # Reached long ago (an old log edited): claimed, but no longer news.
                    if claimed and now - mine.reached_at <= NEWS_FOR:
                        text = (
                            f"<@{person_id}> reached the goal, the {ordinal(mine.rank)} "
                            "to get there."
                        )
        if text is not None:
            await _post(bot, challenge, text)


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
