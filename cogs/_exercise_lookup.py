"""Finding a person's exercise by name, and suggesting names as they type."""

from __future__ import annotations

import discord
from discord import app_commands
from sqlalchemy.orm import Session

from bot.bot import LegDayBot
from coach.catalog import load_catalog
from coach.exercise import Exercise
from coach.problems import UserError
from storage import logbook
from storage.custom_exercises import custom_exercises_of


async def find_exercise(bot: LegDayBot, user_id: int, text: str) -> Exercise:
    """The exercise meant by ``text``; a ``UserError`` says it is unknown."""
    custom = await bot.store.run(custom_exercises_of, user_id)
    resolution = load_catalog().resolve(text, custom)
    if resolution.exercise is not None:
        return resolution.exercise
    guesses = ", ".join(f"`{e.name}`" for e in resolution.suggestions)
    hint = f" Did you mean {guesses}?" if guesses else " Try a name like `squat` or `bench`."
    raise UserError(f"I don't know the exercise `{text}`.{hint}")


def exercise_named(key: str, custom: list[Exercise]) -> Exercise | None:
    return load_catalog().get(key) or next((e for e in custom if e.key == key), None)


def _own_exercises(
    session: Session, user_id: int, *, with_used: bool
) -> tuple[list[Exercise], list[str]]:
    """Their custom exercises, and (``with_used``) the keys they log most."""
    used = logbook.logged_exercise_keys(session, user_id) if with_used else []
    return custom_exercises_of(session, user_id), used


async def exercise_choices(
    bot: LegDayBot, interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """The person's own exercises first when nothing is typed, then catalog matches."""
    custom, used = await bot.store.run(_own_exercises, interaction.user.id, with_used=not current)
    known = [e for key in used if (e := exercise_named(key, custom)) is not None]
    typed = current.lower()
    mine = [e for e in custom if typed in e.name.lower()]
    names: dict[str, None] = {}
    for exercise in [*known, *mine, *load_catalog().search(current, limit=25)]:
        names.setdefault(exercise.name[:100])
    return [app_commands.Choice(name=name, value=name) for name in names][:25]
