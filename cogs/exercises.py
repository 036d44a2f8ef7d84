"""/exercise: see how a name is classified, or describe one the catalog does not know."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands
from sqlalchemy.exc import IntegrityError

from bot.bot import LegDayBot
from coach.catalog import load_catalog, normalise_name
from coach.exercise import Exercise
from coach.text import visible_name
from coach.vocabulary import Muscle, Pattern, Region
from cogs._common import BRAND, reply_problem
from cogs._exercise_lookup import exercise_choices, find_exercise
from cogs._fit import fit_lines
from cogs._installs import personal_group
from storage.custom_exercises import add_custom, custom_exercises
from storage.people import get_person


def choices(values: type[Muscle] | type[Pattern] | type[Region]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=v.value.replace("_", " "), value=v.value) for v in values]


def exercise_embed(exercise: Exercise, title: str) -> discord.Embed:
    embed = discord.Embed(title=title, colour=BRAND)
    embed.add_field(name="Region", value=exercise.region.value)
    embed.add_field(name="Pattern", value=exercise.pattern.value.replace("_", " "))
    muscles = ", ".join(m.value for m in exercise.primary)
    if exercise.secondary:
        muscles += f" (also {', '.join(m.value for m in exercise.secondary)})"
    embed.add_field(name="Muscles", value=muscles, inline=False)
    return embed


class Exercises(commands.Cog):
    exercise = app_commands.Group(
        name="exercise", description="Exercises Leg Day knows", **personal_group()
    )

    def __init__(self, bot: LegDayBot) -> None:
        self.bot = bot

    @exercise.command(name="info", description="How Leg Day counts an exercise")
    @app_commands.describe(name="An exercise name, e.g. rdl")
    async def info(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        found = await find_exercise(self.bot, interaction.user.id, name)
        if isinstance(found, str):
            return await reply_problem(interaction, found)
        await interaction.response.send_message(
            embed=exercise_embed(found, found.name), ephemeral=True
        )

    @info.autocomplete("name")
    async def info_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await exercise_choices(self.bot, interaction, current)

    @exercise.command(name="add", description="Describe an exercise the catalog doesn't know")
    @app_commands.describe(
        name="The name you log it by",
        region="lower, upper or core body",
        pattern="The movement it is closest to",
        primary="The main muscle it trains",
        secondary="A muscle it also trains (optional)",
    )
    @app_commands.choices(
        region=choices(Region),
        pattern=choices(Pattern),
        primary=choices(Muscle),
        secondary=choices(Muscle),
    )
    async def add(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 2, 60],
        region: str,
        pattern: str,
        primary: str,
        secondary: str | None = None,
    ) -> None:
        user_id, now = interaction.user.id, self.bot.clock.now()
        shown_name = visible_name(name)
        normalised = normalise_name(shown_name or "")
        if shown_name is None or not normalised:
            # Nothing to read, or nothing a logged line could match (only symbols).
            return await reply_problem(
                interaction, "The name needs letters or digits, e.g. `sled drag`."
            )
        name = shown_name
        known = load_catalog().resolve(name)
        if known.exercise is not None and known.how in ("exact", "normalised"):
            return await reply_problem(
                interaction,
                f"`{name}` is already known as **{known.exercise.name}**; log it by that name.",
            )
        exercise = Exercise(
            key="",
            name=name.strip(),
            region=Region(region),
            pattern=Pattern(pattern),
            primary=(Muscle(primary),),
            secondary=(Muscle(secondary),) if secondary and secondary != primary else (),
        )
        try:
            async with self.bot.store.session() as session:
                await get_person(session, user_id, now)
                stored, retagged = await add_custom(session, user_id, exercise, normalised, now)
        except IntegrityError:
            return await reply_problem(
                interaction, f"You already have an exercise called `{name}`."
            )
        embed = exercise_embed(stored, f"Added {stored.name}")
        if retagged:
            embed.set_footer(text=f"{retagged} set(s) you logged as {name} now count.")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @exercise.command(name="mine", description="The exercises you described yourself")
    async def mine(self, interaction: discord.Interaction) -> None:
        async with self.bot.store.session() as session:
            custom = await custom_exercises(session, interaction.user.id)
        if not custom:
            return await reply_problem(
                interaction, "You haven't added any. Example: `/exercise add name:sled drag ...`."
            )
        lines = [
            f"**{e.name}**: {e.region.value}, {e.pattern.value.replace('_', ' ')}" for e in custom
        ]
        await interaction.response.send_message(
            embed=discord.Embed(
                title="Your exercises", description=fit_lines(lines, what="exercises"), colour=BRAND
            ),
            ephemeral=True,
        )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Exercises(bot))
