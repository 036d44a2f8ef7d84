"""/pr: your personal records, for one exercise or an overview, main lifts first."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.records import Bests
from coach.units import format_weight
from coach.vocabulary import Unit
from cogs._common import BRAND, LegDayCog
from cogs._fit import FIELD_LIMIT, fit_embed, fit_lines, more_text
from cogs._installs import personal
from cogs._transformers import ExerciseName
from services.exercises import exercise_named
from services.records import personal_records


def bests_lines(bests: Bests, unit: Unit) -> list[str]:
    lines = []
    if bests.e1rm_kg is not None:
        lines.append(f"Best e1RM: **{format_weight(bests.e1rm_kg, unit)}**")
    lines += [
        f"{reps} rep{'s' if reps > 1 else ''}: {format_weight(weight, unit)}"
        for reps, weight in sorted(bests.weight_by_reps.items())
    ]
    if bests.day_volume_kg is not None:
        lines.append(f"Best day's volume: {format_weight(bests.day_volume_kg, unit)}")
    return lines


class Records(LegDayCog):
    @personal
    @app_commands.command(description="Your personal records: best e1RM, best load per rep count")
    @app_commands.describe(exercise="One exercise (e.g. squat); leave out for an overview")
    async def pr(
        self, interaction: discord.Interaction, exercise: ExerciseName | None = None
    ) -> None:
        found = await personal_records(
            self.bot.store, interaction.user.id, exercise, now=self.bot.clock.now()
        )
        embed = discord.Embed(title="Your records", colour=BRAND)
        for key, bests in found.bests:
            named = exercise_named(key, found.custom)
            lines = bests_lines(bests, found.unit)
            if exercise is None:
                lines = lines[:1] or lines
            embed.add_field(
                name=named.name if named else key,
                value=fit_lines(lines, FIELD_LIMIT, "rep counts"),
                inline=False,
            )
        if found.left_out:
            embed.set_footer(
                text=more_text(found.left_out, "exercises")
                + " logged: name one to see its records, e.g. /pr squat"
            )
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Records(bot))
