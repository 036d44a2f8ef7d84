"""A challenge's live board: one message in the challenge's channel that edits itself as
members log, laid out with Components V2, or as an embed where a layout is refused.

The board message is recorded on the challenge (channel, message, last edit), so it is
found again after a restart. After a member logs or undoes sets, each live board they
count on is edited at most once every ``EDIT_EVERY``: a change within that time arms one
edit for when it is over, which then shows everything logged meanwhile. Discord's own
rate limits (5 edits in 5 s per channel) are far above that; discord.py waits out a 429.

A public message reads the same for everyone, so it cannot mark a reader's own row; its
"Where am I?" button answers each member privately with their part of the board, their
row marked, in their unit.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.errors import observed
from coach.challenges import Board, Metric
from coach.vocabulary import Unit
from cogs._challenge_render import (
    goal_text,
    marked_lines,
    moderation_note,
    post_embed,
    team_line,
    when_text,
)
from cogs._common import BRAND, timestamp
from cogs._layout import QUIET, refused, send_layout
from cogs._render import clip
from services import challenge_boards
from services.challenge_boards import BoardCache
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot

log = logging.getLogger(__name__)

EDIT_EVERY = timedelta(seconds=30)
ROWS = 10


def _rows(board: Board, metric: Metric, unit: Unit, start: int, viewer: int | None) -> str:
    shown = list(board.standings[start : start + ROWS])
    return "\n".join(marked_lines(board, shown, metric, unit, viewer)) or "Nobody has joined yet."


async def creator_unit(bot: LegDayBot, challenge: Challenge) -> Unit:
    """The unit a challenge's public posts use: its creator's, who set the goal in it."""
    return await challenge_boards.creator_unit(bot.store, challenge, now=bot.clock.now())


def board_layout(
    challenge: Challenge,
    board: Board,
    *,
    updated: Any,
    viewer: int | None = None,
    unit: Unit = Unit.KG,
) -> discord.ui.LayoutView:
    """The board as a layout: the public one (top ``ROWS``, in the creator's unit, with the
    button), or a member's own view (the ``ROWS`` around their row, marked, in their unit)."""
    metric = Metric(challenge.metric)
    ended = challenge.ended_at is not None
    kind = "team" if board.team else "individual"
    head = f"## {'🏆' if ended else '🏋️'} {clip(challenge.name, 60)}"
    head += ": final standings" if ended else ": live board"
    head += f"\nGoal: **{goal_text(challenge, unit)}** · {kind}\n{when_text(challenge)}"
    if board.team:
        head += f"\n{team_line(board, metric, unit)}"
    mine = board.standing_of(viewer) if viewer is not None else None
    start = board.standings.index(mine) // ROWS * ROWS if mine is not None else 0
    body = _rows(board, metric, unit, start, viewer)
    if viewer is not None and mine is None:
        body += "\n\nYou're not on this board."
        body += "" if ended else " Join with `/challenge join`."
    foot = f"-# {len(board.standings)} taking part · updated {timestamp(updated, 'R')}"
    if note := moderation_note(board):
        foot = f"-# {note}\n{foot}"
    if viewer is None and metric is Metric.LOWER_VOLUME:
        foot += f" · volumes in {unit.value}, the creator's unit"
    if viewer is None and not ended:
        foot += " · join with `/challenge join`"
    container: discord.ui.Container[Any] = discord.ui.Container(
        discord.ui.TextDisplay(head),
        discord.ui.Separator(),
        discord.ui.TextDisplay(body),
        discord.ui.TextDisplay(foot),
        accent_colour=BRAND,
    )
    layout: discord.ui.LayoutView = discord.ui.LayoutView(timeout=None)
    layout.add_item(container)
    if viewer is None:
        layout.add_item(discord.ui.ActionRow(WhereAmI(challenge.id or 0)))
    return layout


def fallback(challenge: Challenge, board: Board, unit: Unit) -> dict[str, Any]:
    """The board as the embed posts already use, for where a layout is refused."""
    title = f"🏋️ {challenge.name}: live board"
    return {"embed": post_embed(challenge, board, title, unit), "view": None, "content": None}


class WhereAmI(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"board:where:(?P<challenge>\d+)"
):
    """On the public board: your own part of it, privately, your row marked."""

    def __init__(self, challenge_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Where am I?",
                style=discord.ButtonStyle.secondary,
                custom_id=f"board:where:{challenge_id}",
            )
        )
        self.challenge_id = challenge_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> WhereAmI:
        return cls(int(match["challenge"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        # discord.py only logs what a dynamic item raises: answered here, as commands are.
        await observed(interaction, self._show(interaction), "board button")

    async def _show(self, interaction: discord.Interaction) -> None:
        bot = cast("LegDayBot", interaction.client)
        # The challenges cog's cache, which rescores only who changed; scored afresh without.
        cache = getattr(bot.get_cog("Challenges"), "boards", None)
        now = bot.clock.now()
        seen = await challenge_boards.viewed_by(
            bot.store,
            self.challenge_id,
            interaction.user.id,
            cache if isinstance(cache, BoardCache) else None,
            now=now,
        )
        layout = board_layout(
            seen.challenge, seen.board, updated=now, viewer=interaction.user.id, unit=seen.unit
        )
        await interaction.response.send_message(view=layout, ephemeral=True)


class LiveBoards:
    """Posts live boards, and edits each at most once every ``EDIT_EVERY``."""

    def __init__(self, bot: LegDayBot, boards: BoardCache) -> None:
        self.bot, self.boards = bot, boards
        self.armed: set[int] = set()  # challenges with an edit on its way

    async def post(
        self, channel: discord.abc.Messageable, challenge: Challenge, board: Board
    ) -> discord.Message:
        """Post a live board in ``channel`` and record it as the challenge's board."""
        now = self.bot.clock.now()
        unit = await creator_unit(self.bot, challenge)
        layout = board_layout(challenge, board, updated=now, unit=unit)
        message: discord.Message = await send_layout(
            channel.send, layout, partial(fallback, challenge, board, unit)
        )
        await challenge_boards.record_live_board(
            self.bot.store, challenge.id or 0, message.channel.id, message.id, now=now
        )
        return message

    def arm(self, challenge: Challenge) -> None:
        """Edit the board as soon as its last edit is ``EDIT_EVERY`` old."""
        challenge_id = challenge.id or 0
        if challenge_id in self.armed:
            return  # the edit on its way will read everything logged until then
        now = self.bot.clock.now()
        last = challenge.board_edited_at
        at = now if last is None else max(now, last + EDIT_EVERY)
        self.armed.add(challenge_id)
        self.bot.clock.once(f"live-board:{challenge_id}", at, partial(self.edit, challenge_id))

    async def edit(self, challenge_id: int) -> None:
        self.armed.discard(challenge_id)
        try:
            await self._edit(challenge_id)
        except Exception:
            log.exception("live board of challenge %s: edit failed", challenge_id)

    async def _edit(self, challenge_id: int) -> None:
        now = self.bot.clock.now()
        found = await challenge_boards.live_board(self.bot.store, challenge_id, self.boards)
        if found is None:
            return
        challenge, board = found
        channel = self.bot.get_partial_messageable(challenge.board_channel_id or 0)
        message = channel.get_partial_message(challenge.board_message_id or 0)
        unit = await creator_unit(self.bot, challenge)
        layout = board_layout(challenge, board, updated=now, unit=unit)
        try:
            try:
                await message.edit(content=None, embeds=[], view=layout, allowed_mentions=QUIET)
            except discord.HTTPException as error:
                if not refused(error):
                    raise
                await message.edit(**fallback(challenge, board, unit), allowed_mentions=QUIET)
        except discord.NotFound:
            # The message or its channel was deleted: the challenge has no live board now.
            await challenge_boards.forget_live_board(self.bot.store, challenge_id)
            return
        except discord.Forbidden:
            log.warning("live board of challenge %s: may not edit it", challenge_id)
            return
        await challenge_boards.live_board_edited(self.bot.store, challenge_id, now=now)
