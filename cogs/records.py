"""/pr: your personal records, for one exercise or across the ones you log most."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.bot import LegDayBot
from coach.records import Bests
from coach.units import format_weight
from coach.vocabulary import Unit
from cogs._common import BRAND, reply_problem
from cogs._exercise_lookup import exercise_choices, exercise_named, find_exercise
from storage import logbook
from storage.custom_exercises import custom_exercises
from storage.people import get_person


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


class Records(commands.Cog):
    def __init__(self, bot: LegDayBot) -> None:
        self.bot = bot

    @app_commands.command(description="Your personal records: best e1RM, best load per rep count")
    @app_commands.describe(exercise="One exercise (e.g. squat); leave out for an overview")
    async def pr(
        self,
        interaction: discord.Interaction,
        exercise: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        user_id = interaction.user.id
        if exercise is not None:
            found = await find_exercise(self.bot, user_id, exercise)
            if isinstance(found, str):
                return await reply_problem(interaction, found)
            keys = [found.key]
        async with self.bot.store.session() as session:
            unit = Unit((await get_person(session, user_id, self.bot.clock.now())).unit)
            custom = await custom_exercises(session, user_id)
            if exercise is None:
                keys = (await logbook.logged_exercise_keys(session, user_id))[:10]
            found_bests = [
                (key, (await session.run_sync(logbook.bests, user_id, key))[0]) for key in keys
            ]
        found_bests = [(key, b) for key, b in found_bests if not b.empty]
        if not found_bests:
            what = f"for {exercise} " if exercise else ""
            return await reply_problem(
                interaction,
                f"No records {what}yet: they come from weighted working sets. "
                "Log one with `/log squat 3x5 100kg`.",
            )
        embed = discord.Embed(title="Your records", colour=BRAND)
        for key, bests in found_bests:
            named = exercise_named(key, custom)
            lines = bests_lines(bests, unit)
            if exercise is None:
                lines = lines[:1] or lines
            embed.add_field(name=named.name if named else key, value="\n".join(lines), inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @pr.autocomplete("exercise")
    async def exercise_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await exercise_choices(self.bot, interaction, current)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Records(bot))
