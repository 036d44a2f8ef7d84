"""Finding a person's exercise by name, and suggesting names as they type, for any cog.

The rules are ``services.exercises``; these take the bot, as the transformers and other
cogs call them, and turn suggestions into Discord's choices.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.bot import LegDayBot
from coach.exercise import Exercise
from services import exercises
from services.exercises import exercise_named

__all__ = ["exercise_choices", "exercise_named", "find_exercise"]


async def find_exercise(bot: LegDayBot, user_id: int, text: str) -> Exercise:
    """The exercise meant by ``text``; a ``UserError`` says it is unknown."""
    return await exercises.find_exercise(bot.store, user_id, text)


async def exercise_choices(
    bot: LegDayBot, interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The person's own exercises first when nothing is typed, then catalog matches."""
    offered = await exercises.suggestions(bot.store, interaction.user.id, current)
    names: dict[str, None] = {}
    for exercise in offered:
        names.setdefault(exercise.name[:100])  # Discord's longest choice
    return [app_commands.Choice(name=name, value=name) for name in names][:25]
