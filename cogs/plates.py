"""/plates: what to put on each side of the bar for a target weight."""

from __future__ import annotations

from typing import Literal

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.plates import PlateSet, describe, parse_plates, plan
from coach.units import format_number
from coach.vocabulary import Unit
from cogs._common import BRAND, LegDayCog
from cogs._installs import personal
from storage.tables import Person


class Plates(LegDayCog):
    async def _settings_of(self, user_id: int) -> tuple[Unit, PlateSet | None]:
        """Their unit and own plate set. Reading must not sign anyone up: no row is made."""
        async with self.bot.store.session() as session:
            person = await session.get(Person, user_id)
        if person is None:
            return Unit.KG, None
        return Unit(person.unit), PlateSet.read(person.plates)

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
        own_unit, mine = await self._settings_of(interaction.user.id)
        chosen = Unit(unit) if unit else own_unit
        if mine is not None and mine.unit is chosen:
            # Their own set (/settings plates), unless they name other plates or a bar now.
            bar = mine.bar if bar is None else bar
            plates = plates or ",".join(map(str, mine.plates))
        # A PlateError is a UserError: the tree tells the person why.
        result = plan(weight, chosen, bar=bar, plates=parse_plates(plates) if plates else ())
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
        embed = discord.Embed(title=title, description="\n".join(lines), colour=BRAND)
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Plates(bot))
