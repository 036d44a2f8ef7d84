"""/exercise: see how a name is classified, or describe one the catalog does not know,
and change or remove those you described."""

from __future__ import annotations

from dataclasses import replace

import discord
from discord import app_commands
from sqlalchemy.exc import IntegrityError

from bot.bot import LegDayBot
from coach.catalog import load_catalog, normalise_name
from coach.exercise import Exercise
from coach.problems import UserError
from coach.text import counted, visible_name
from coach.vocabulary import Muscle, Pattern, Region
from cogs._common import BRAND, ConfirmView, LegDayCog
from cogs._fit import fit_lines
from cogs._installs import personal_group
from cogs._render import clip
from cogs._transformers import ExerciseName
from storage.custom_exercises import (
    add_custom,
    as_exercise,
    custom_exercises,
    custom_set_count,
    edit_custom,
    find_custom,
    remove_custom,
)
from storage.people import get_person


def choices(values: type[Muscle] | type[Pattern] | type[Region]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=v.value.replace("_", " "), value=v.value) for v in values]


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
    embed.add_field(name="Pattern", value=exercise.pattern.value.replace("_", " "))
    muscles = ", ".join(m.value for m in exercise.primary)
    if exercise.secondary:
        muscles += f" (also {', '.join(m.value for m in exercise.secondary)})"
    embed.add_field(name="Muscles", value=muscles, inline=False)
    return embed


def checked_name(name: str) -> tuple[str, str]:
    """A custom exercise's name as shown and as compared; a ``UserError`` says why it
    cannot be one."""
    shown_name = visible_name(name)
    normalised = normalise_name(shown_name or "")
    if shown_name is None or not normalised:
        # Nothing to read, or nothing a logged line could match (only symbols).
        raise UserError("The name needs letters or digits, e.g. `sled drag`.")
    known = load_catalog().resolve(shown_name)
    if known.exercise is not None and known.how in ("exact", "normalised"):
        raise UserError(
            f"`{shown_name}` is already known as **{known.exercise.name}**; log it by that name."
        )
    return shown_name.strip(), normalised


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
        user_id, now = interaction.user.id, self.bot.clock.now()
        name, normalised = checked_name(name)
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
            raise UserError(f"You already have an exercise called `{name}`.") from None
        embed = exercise_embed(stored, f"Added {stored.name}")
        if retagged:
            embed.set_footer(text=f"{counted(retagged, 'set')} you logged as {name} now count.")
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
        user_id = interaction.user.id
        if all(v is None for v in (rename, region, pattern, primary, secondary)):
            raise UserError(
                "Say what to change, e.g. `/exercise edit name:sled drag region:lower`."
            )
        new_name = None
        if rename is not None:
            new_name = checked_name(rename)
        try:
            async with self.bot.store.session() as session:
                row = await find_custom(session, user_id, name)
                if row is None:
                    raise UserError(not_yours(name))
                old = as_exercise(row)
                main = Muscle(primary) if primary else old.primary[0]
                also = Muscle(secondary) if secondary else next(iter(old.secondary), None)
                edited = replace(
                    old,
                    name=new_name[0] if new_name else old.name,
                    region=Region(region) if region else old.region,
                    pattern=Pattern(pattern) if pattern else old.pattern,
                    primary=(main,),
                    secondary=(also,) if also is not None and also != main else (),
                )
                sets = await custom_set_count(session, user_id, row)
                stored = await edit_custom(
                    session, row, edited, new_name[1] if new_name else row.normalised_name
                )
        except IntegrityError:
            raise UserError(f"You already have an exercise called `{rename}`.") from None
        embed = exercise_embed(stored, f"Updated {stored.name}")
        if sets:
            embed.set_footer(text=f"The {counted(sets, 'set')} you logged with it count as this.")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @exercise.command(name="remove", description="Delete an exercise you described (asks first)")
    @app_commands.describe(name="Which of your exercises")
    async def remove(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        user_id = interaction.user.id
        async with self.bot.store.session() as session:
            row = await find_custom(session, user_id, name)
            sets = await custom_set_count(session, user_id, row) if row else 0
        if row is None or row.id is None:
            raise UserError(not_yours(name))
        custom_id, shown = row.id, row.name
        kept = (
            f" The {counted(sets, 'set')} you logged with it stay in your history, but count "
            "nowhere until you describe it again with `/exercise add`."
            if sets
            else ""
        )

        async def confirmed(button: discord.Interaction) -> None:
            async with self.bot.store.session() as session:
                left = await remove_custom(session, user_id, custom_id)
            text = f"Removed **{shown}**.{kept}" if left is not None else "It was removed already."
            await button.response.edit_message(content=text, embed=None, view=None)

        view = ConfirmView(user_id, confirmed, confirm_label="Remove")
        await view.show(interaction, f"Remove **{shown}**?{kept}")

    @edit.autocomplete("name")
    @remove.autocomplete("name")
    async def own_names(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Only the person's own exercises: nobody else's names show here."""
        async with self.bot.store.session() as session:
            custom = await custom_exercises(session, interaction.user.id)
        typed = current.lower()
        return [
            app_commands.Choice(name=e.name[:100], value=e.name[:100])
            for e in custom
            if typed in e.name.lower()
        ][:25]

    @exercise.command(name="mine", description="The exercises you described yourself")
    async def mine(self, interaction: discord.Interaction) -> None:
        async with self.bot.store.session() as session:
            custom = await custom_exercises(session, interaction.user.id)
        if not custom:
            raise UserError("You haven't added any. Example: `/exercise add name:sled drag ...`.")
        lines = [
            f"**{e.name}**: {e.region.value}, {e.pattern.value.replace('_', ' ')}" for e in custom
        ]
        await interaction.response.send_message(
            embed=discord.Embed(
                title="Your exercises", description=fit_lines(lines, what="exercises"), colour=BRAND
            ),
            ephemeral=True,
        )


def not_yours(name: str) -> str:
    return (
        f"You have no exercise of your own called `{clip(name, 60)}`. `/exercise mine` lists them."
    )


async def setup(bot: LegDayBot) -> None:
    await bot.add_cog(Exercises(bot))
