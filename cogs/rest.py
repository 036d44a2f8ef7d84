"""/rest: a rest timer between sets that pings you when it ends, even after a restart.

A timer is a one-off schedule row (kind ``rest``, one per person: a new /rest replaces
the running one). The database holds when it ends and the dispatcher rings it
(docs/architecture.md, "How scheduled work flows"), so a restart loses nothing. It rings
by DM; with DMs closed, by a private follow-up to the /rest that started it, while
Discord still takes one (15 minutes; the interaction lives in this process's memory only).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.dispatcher import Due, Handled
from bot.sending import SENT, failed
from coach.rest import MAX_REST, MIN_REST, clock_text
from cogs._common import BRAND, LegDayCog, OwnerView, timestamp
from cogs._installs import personal
from services import rest as service
from services.rest import MORE, REST

log = logging.getLogger(__name__)

RUNG = "⏱️ Rest over: time for your next set."
FOLLOWUP = "followup"
DMS_CLOSED = "dms_closed"


def timer_embed(seconds: int, ends: datetime, why: str) -> discord.Embed:
    embed = discord.Embed(
        title=f"⏱️ Rest {clock_text(seconds)}",
        description=f"Ends {timestamp(ends, 'R')} ({timestamp(ends, 'T')}). "
        "I'll DM you when it's time for your next set.",
        colour=BRAND,
    )
    return embed.set_footer(text=why)


class TimerView(OwnerView):
    """+30 s and Stop, for the person whose timer it is."""

    def __init__(self, cog: Rest, owner_id: int, seconds: int, why: str) -> None:
        super().__init__(owner_id, timeout=seconds + 2 * MORE.total_seconds())
        self.cog, self.seconds, self.why = cog, seconds, why

    @discord.ui.button(label="+30 s", style=discord.ButtonStyle.secondary)
    async def more(self, interaction: discord.Interaction, _button: discord.ui.Button[Any]) -> None:
        ends = await service.add_time(self.cog.bot.store, self.owner_id)
        if ends is None:
            return await self._gone(interaction)
        self.cog.bot.dispatcher.wake_at(ends)
        self.seconds += int(MORE.total_seconds())
        self.timeout = (self.timeout or 0) + MORE.total_seconds()
        embed = timer_embed(self.seconds, ends, self.why)
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.button(label="Stop", style=discord.ButtonStyle.danger)
    async def stop_timer(
        self, interaction: discord.Interaction, _button: discord.ui.Button[Any]
    ) -> None:
        self.stop()
        await service.stop_timer(self.cog.bot.store, self.owner_id)
        self.cog.started.pop(self.owner_id, None)
        await interaction.response.edit_message(
            content="Rest timer stopped.", embed=None, view=None
        )

    async def _gone(self, interaction: discord.Interaction) -> None:
        self.stop()
        await interaction.response.edit_message(
            content="That rest is over. `/rest` starts another.", embed=None, view=None
        )


def _why(usual: service.UsualRest | None) -> str:
    """Where the timer's length came from, and where to change it."""
    if usual is None:
        return "Set your usual rests with /settings rest."
    exercise = usual.exercise
    why = f"Your rest after {exercise.name}" if exercise else "Your usual rest"
    return f"{why}; change it with /settings rest."


class Rest(LegDayCog):
    def __init__(self, bot: LegDayBot) -> None:
        super().__init__(bot)
        # Whose /rest started the running timer, to follow up on when DMs are closed.
        self.started: dict[int, discord.Interaction] = {}
        bot.dispatcher.register(REST, self.ring, once=True)

    @personal
    @app_commands.command(description="A rest timer that pings you when it's time for the next set")
    @app_commands.describe(
        seconds=f"How long, {MIN_REST}-{MAX_REST} s (default: your rest for what you last logged)"
    )
    async def rest(
        self,
        interaction: discord.Interaction,
        seconds: app_commands.Range[int, MIN_REST, MAX_REST] | None = None,
    ) -> None:
        user_id = interaction.user.id
        timer = await service.start_timer(
            self.bot.store, user_id, seconds, now=self.bot.clock.now()
        )
        self.bot.dispatcher.wake_at(timer.ends)
        self.started[user_id] = interaction
        why = _why(timer.usual)
        view = TimerView(self, user_id, timer.seconds, why)
        await view.show(interaction, embed=timer_embed(timer.seconds, timer.ends, why))

    async def ring(self, due: Due, now: datetime) -> Handled:
        """The timer is up: a DM, else a private follow-up; nothing once it is stale."""
        if due.person_id is None:
            raise ValueError(f"rest timer {due.schedule_id} has no person")
        started = self.started.pop(due.person_id, None)
        if not service.rings(due.due_at, now):
            return Handled("late")
        try:
            user = self.bot.get_user(due.person_id) or await self.bot.fetch_user(due.person_id)
            await user.send(RUNG)
            return Handled(SENT, sent=True)
        except (discord.Forbidden, discord.NotFound):
            if started is None or started.is_expired():
                return Handled(DMS_CLOSED)
        except Exception as error:
            return failed(error)
        try:
            await started.followup.send(f"<@{due.person_id}> {RUNG}", ephemeral=True)
        except discord.HTTPException as error:
            log.info("rest timer %s: follow-up refused (%s)", due.schedule_id, error)
            return Handled(DMS_CLOSED)
        return Handled(FOLLOWUP, sent=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Rest(bot))
