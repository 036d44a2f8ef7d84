"""/deload: say you are training lighter on purpose, so the coach reads it as the plan.

While a deload you logged lasts, a main lift's lower e1RM is no sign of overreaching in
/balance, and advice that would add sets waits for the week after (coach.deload).
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.deload import DEFAULT_DAYS, MAX_DAYS
from cogs._common import BRAND, LegDayCog
from cogs._installs import personal_group
from services import deload as service
from services.deload import day_text


class Deloads(LegDayCog):
    deload = app_commands.Group(
        name="deload", description="Mark days of lighter training", **personal_group()
    )

    @deload.command(name="start", description="Start a deload: lighter training on purpose")
    @app_commands.describe(
        start="Its first day: today (default), yesterday, a weekday or a date like 2026-11-23",
        days=f"How many days (1-{MAX_DAYS}, default {DEFAULT_DAYS})",
    )
    async def start(
        self,
        interaction: discord.Interaction,
        start: app_commands.Range[str, 1, 20] | None = None,
        days: app_commands.Range[int, 1, MAX_DAYS] = DEFAULT_DAYS,
    ) -> None:
        deload = await service.start(
            self.bot.store, interaction.user.id, start, days, now=self.bot.clock.now()
        )
        embed = discord.Embed(
            title=f"Deload logged: {day_text(deload.first_day)} to {day_text(deload.last_day)}",
            description="Lighter on purpose: a lower e1RM in these days is no sign of "
            "overreaching in /balance. About half your usual sets, 2 reps further from "
            "failure. Back early? `/deload end`.",
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @deload.command(name="end", description="End your deload today")
    async def end(self, interaction: discord.Interaction) -> None:
        today = await service.end(self.bot.store, interaction.user.id, now=self.bot.clock.now())
        embed = discord.Embed(
            title="Deload ended",
            description=f"From {day_text(today)} your sets count as usual training again.",
            colour=BRAND,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Deloads(bot))
