"""/plates: what to put on each side of the bar for a target weight."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.plates import describe
from coach.units import format_number, from_kg, to_kg
from coach.vocabulary import Unit
from cogs._common import BRAND, LegDayCog
from cogs._installs import personal
from services.plates import plates_for


class Plates(LegDayCog):
    @personal
    @app_commands.command(description="Plates per side for a target weight")
    @app_commands.describe(
        weight="The total on the bar, e.g. 142.5",
        bar="The bar's weight (default 20 kg / 45 lb)",
        unit="kg or lb (default: your unit from /settings unit)",
        plates="Other plates than a gym's (or your /settings plates), e.g. 20, 10, 5, 2.5",
    )
    async def plates(
        self,
        interaction: discord.Interaction,
        weight: app_commands.Range[float, 0, 2000],
        bar: app_commands.Range[float, 0, 100] | None = None,
        unit: Literal["kg", "lb"] | None = None,
        plates: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        # A PlateError is a UserError: the tree tells the person why.
        answer = await plates_for(
            self.bot.store,
            interaction.user.id,
            weight,
            bar=bar,
            unit=Unit(unit) if unit else None,
            plates=plates,
        )
        result = answer.plan
        chosen = result.unit
        name = chosen.value
        loading = result.exact
        if loading is not None:
            title = f"{format_number(weight)} {name}: {describe(loading, chosen)}"
            lines = [f"On a {format_number(loading.bar)} {name} bar."]
        else:
            title = f"{format_number(weight)} {name} can't be made exactly with these plates"
            lines = [
                f"Nearest: **{format_number(option.total)} {name}** = {describe(option, chosen)}"
                for option in (result.lighter, result.heavier)
                if option is not None
            ]
        mine = answer.set_aside
        if mine is not None:
            there = format_number(from_kg(to_kg(weight, chosen), mine.unit))
            lines.append(
                f"A gym's {name} plates: your own ({mine.describe()}) are in {mine.unit.value}. "
                f"For them, ask `/plates weight:{there} unit:{mine.unit.value}`."
            )
        embed = discord.Embed(title=title, description="\n".join(lines), colour=BRAND)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Plates(bot))
