"""/exercise: see how a name is classified, or describe one the catalog does not know,
and change or remove those you described."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.bot import LegDayBot
from bot.tree import suggestions
from coach.exercise import Exercise
from coach.text import counted
from coach.vocabulary import Muscle, Pattern, Region
from cogs._common import BRAND, ConfirmView, LegDayCog, words
from cogs._fit import fit_lines
from cogs._installs import personal_group
from cogs._transformers import ExerciseName
from services import exercises as service


def choices(values: type[Muscle] | type[Pattern] | type[Region]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=words(v.value), value=v.value) for v in values]


HOW_IT_COUNTS = {
    "region": "lower, upper or core body",
    "pattern": "The movement it is closest to",
    "primary": "The main muscle it trains",
}
"""How an exercise counts, described the same in /exercise add and /exercise edit."""
CLASS_CHOICES = {
    "region": choices(Region),
    "pattern": choices(Pattern),
    "primary": choices(Muscle),
    "secondary": choices(Muscle),
}


def exercise_embed(exercise: Exercise, title: str) -> discord.Embed:
    embed = discord.Embed(title=title, colour=BRAND)
    embed.add_field(name="Region", value=exercise.region.value)
    embed.add_field(name="Pattern", value=words(exercise.pattern.value))
    muscles = ", ".join(words(m.value) for m in exercise.primary)
    if exercise.secondary:
        muscles += f" (also {', '.join(words(m.value) for m in exercise.secondary)})"
    embed.add_field(name="Muscles", value=muscles, inline=False)
    return embed


class Exercises(LegDayCog):
    exercise = app_commands.Group(
        name="exercise", description="Exercises Leg Day knows", **personal_group()
    )

    @exercise.command(name="info", description="How Leg Day counts an exercise")
    @app_commands.describe(name="An exercise name, e.g. rdl")
    async def info(self, interaction: discord.Interaction, name: ExerciseName) -> None:
        await interaction.response.send_message(
            embed=exercise_embed(name, name.name), ephemeral=True
        )

    @exercise.command(name="add", description="Describe an exercise the catalog doesn't know")
    @app_commands.describe(
        name="The name you log it by",
        secondary="A muscle it also trains (optional)",
        **HOW_IT_COUNTS,
    )
    @app_commands.choices(**CLASS_CHOICES)
    async def add(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 2, 60],
        region: str,
        pattern: str,
        primary: str,
        secondary: str | None = None,
    ) -> None:
        added = await service.add(
            self.bot.store,
            interaction.user.id,
            name,
            region=Region(region),
            pattern=Pattern(pattern),
            primary=Muscle(primary),
            secondary=Muscle(secondary) if secondary else None,
            now=self.bot.clock.now(),
        )
        stored = added.exercise
        embed = exercise_embed(stored, f"Added {stored.name}")
        if added.sets:
            embed.set_footer(
                text=f"{counted(added.sets, 'set')} you logged as {stored.name} now count."
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @exercise.command(name="edit", description="Change an exercise you described yourself")
    @app_commands.describe(
        name="Which of your exercises",
        rename="A new name for it",
        secondary="A muscle it also trains (pick the main one again for none)",
        **HOW_IT_COUNTS,
    )
    @app_commands.choices(**CLASS_CHOICES)
    async def edit(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100],
        rename: app_commands.Range[str, 2, 60] | None = None,
        region: str | None = None,
        pattern: str | None = None,
        primary: str | None = None,
        secondary: str | None = None,
    ) -> None:
        edited = await service.edit(
            self.bot.store,
            interaction.user.id,
            name,
            rename=rename,
            region=Region(region) if region else None,
            pattern=Pattern(pattern) if pattern else None,
            primary=Muscle(primary) if primary else None,
            secondary=Muscle(secondary) if secondary else None,
        )
        stored = edited.exercise
        embed = exercise_embed(stored, f"Updated {stored.name}")
        if edited.sets:
            embed.set_footer(
                text=f"The {counted(edited.sets, 'set')} you logged with it count as this."
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @exercise.command(name="remove", description="Delete an exercise you described (asks first)")
    @app_commands.describe(name="Which of your exercises")
    async def remove(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        user_id = interaction.user.id
        found = await service.removable(self.bot.store, user_id, name)
        sets, shown = found.sets, found.name
        kept = (
            f" The {counted(sets, 'set')} you logged with it stay in your history, but count "
            "nowhere until you describe it again with `/exercise add`."
            if sets
            else ""
        )

        async def confirmed(button: discord.Interaction) -> None:
            removed = await service.remove(self.bot.store, user_id, found.custom_id)
            text = f"Removed **{shown}**.{kept}" if removed else "It was removed already."
            await button.response.edit_message(content=text, embed=None, view=None)

        view = ConfirmView(user_id, confirmed, confirm_label="Remove")
        await view.show(interaction, f"Remove **{shown}**?{kept}")

    @edit.autocomplete("name")
    @remove.autocomplete("name")
    @suggestions
    async def own_names(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Only the person's own exercises: nobody else's names show here."""
        custom = await service.own_exercises(self.bot.store, interaction.user.id, current)
        return [app_commands.Choice(name=e.name[:100], value=e.name[:100]) for e in custom][:25]

    @exercise.command(name="mine", description="The exercises you described yourself")
    async def mine(self, interaction: discord.Interaction) -> None:
        custom = await service.mine(self.bot.store, interaction.user.id)
        lines = [f"**{e.name}**: {e.region.value}, {words(e.pattern.value)}" for e in custom]
        await interaction.response.send_message(
            embed=discord.Embed(
                title="Your exercises", description=fit_lines(lines, what="exercises"), colour=BRAND
            ),
            ephemeral=True,
        )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Exercises(bot))
