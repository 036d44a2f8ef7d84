"""/pr: your personal records, for one exercise or an overview, main lifts first."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

import discord
from discord import app_commands
from sqlalchemy.orm import Session

from bot.bot import LegDayBot
from coach.exercise import Exercise
from coach.problems import UserError
from coach.records import Bests, overview_order
from coach.units import format_weight
from coach.vocabulary import Unit
from cogs._common import BRAND, LegDayCog
from cogs._exercise_lookup import exercise_named
from cogs._fit import FIELD_LIMIT, fit_embed, fit_lines
from cogs._installs import personal
from cogs._transformers import ExerciseName
from storage import logbook
from storage.custom_exercises import custom_exercises_of
from storage.people import logging_settings


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


def _records(
    session: Session, user_id: int, keys: list[str], *, now: datetime
) -> tuple[Unit, list[Exercise], list[tuple[str, Bests]]]:
    """Their unit, own exercises and non-empty bests: on ``keys``, or else on ten
    exercises, the main lifts first, then the most recently done."""
    unit = logging_settings(session, user_id, now).unit
    custom = custom_exercises_of(session, user_id)
    keys = keys or overview_order(logbook.exercise_keys_by_recency(session, user_id))
    found = ((key, logbook.bests(session, user_id, key)[0]) for key in keys)
    return unit, custom, list(islice(((k, b) for k, b in found if not b.empty), 10))


class Records(LegDayCog):
    @personal
    @app_commands.command(description="Your personal records: best e1RM, best load per rep count")
    @app_commands.describe(exercise="One exercise (e.g. squat); leave out for an overview")
    async def pr(
        self, interaction: discord.Interaction, exercise: ExerciseName | None = None
    ) -> None:
        user_id = interaction.user.id
        keys = [] if exercise is None else [exercise.key]
        unit, custom, found_bests = await self.bot.store.run(
            _records, user_id, keys, now=self.bot.clock.now()
        )
        if not found_bests:
            what = f"for {exercise.name} " if exercise else ""
            raise UserError(
                f"No records {what}yet: they come from weighted working sets. "
                "Log one with `/log squat 3x5 100kg`."
            )
        embed = discord.Embed(title="Your records", colour=BRAND)
        for key, bests in found_bests:
            named = exercise_named(key, custom)
            lines = bests_lines(bests, unit)
            if exercise is None:
                lines = lines[:1] or lines
            embed.add_field(
                name=named.name if named else key,
                value=fit_lines(lines, FIELD_LIMIT, "rep counts"),
                inline=False,
            )
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True)


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Records(bot))
