"""Options that need reading: each read (and offered, where it has choices) in one place.

discord.py runs a transformer before the command: a command gets a zone key, a wall
time, a set of weekdays, an exercise or one of the server's challenges, never the raw
text. Text that cannot be read raises ``coach.problems.UserError``, which the command
tree answers with its sentence, privately; the command never runs, so nothing is stored.

    async def reminder(self, interaction, days: Weekdays, time: ClockTime) -> None: ...
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.tree import suggestions
from coach.exercise import Exercise
from coach.problems import UserError
from coach.recurrence import DAY_NAMES, parse_days, parse_time
from coach.zones import read_zone
from cogs._zones import zone_choices
from services import challenges, exercises
from storage.tables import Challenge

if TYPE_CHECKING:
    from bot.bot import LegDayBot


class _Text(app_commands.Transformer):
    """A string option of at most ``longest`` characters."""

    longest = 100

    @property
    def min_value(self) -> int:
        return 1

    @property
    def max_value(self) -> int:
        return self.longest


class _TimeZone(_Text):
    """``Europe/Berlin``, ``berlin``, ``UTC+5``: the IANA key to store."""

    longest = 64

    async def transform(self, interaction: discord.Interaction, value: str) -> str:
        return read_zone(value)  # ZoneError is a UserError

    @suggestions
    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        return zone_choices(value)


class _ClockTime(_Text):
    """``18:00``, ``6pm``, ``6:30 pm``: a wall time."""

    longest = 12

    async def transform(self, interaction: discord.Interaction, value: str) -> time:
        return parse_time(value)  # RecurrenceError is a UserError


class _Weekdays(_Text):
    """``mon,thu``, ``Mon Thu``, ``weekdays``: weekdays, 0 = Monday."""

    longest = 60

    async def transform(self, interaction: discord.Interaction, value: str) -> frozenset[int]:
        return parse_days(value)


class _Day(app_commands.Transformer):
    """One day of the week, picked from the seven: 0 = Monday."""

    @property
    def choices(self) -> list[app_commands.Choice[int | float | str]]:
        return [app_commands.Choice(name=name, value=name) for name in DAY_NAMES]

    async def transform(self, interaction: discord.Interaction, value: str) -> int:
        if value not in DAY_NAMES:
            raise UserError(f"Pick a day of the week, e.g. `{DAY_NAMES[0]}`.")
        return DAY_NAMES.index(value)


class _Exercise(_Text):
    """An exercise by any of its names, the person's own ones included."""

    async def transform(self, interaction: discord.Interaction, value: str) -> Exercise:
        return await exercises.find_exercise(_bot(interaction).store, interaction.user.id, value)

    @suggestions
    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        """The person's own exercises first when nothing is typed, then catalog matches."""
        offered = await exercises.suggestions(_bot(interaction).store, interaction.user.id, value)
        # One choice a name, at most Discord's longest.
        names = dict.fromkeys(exercise.name[:100] for exercise in offered)
        return [app_commands.Choice(name=name, value=name) for name in names][:25]


class _Challenge(_Text):
    """One of this server's challenges by its name; those open or lately ended are offered."""

    longest = 60

    async def transform(self, interaction: discord.Interaction, value: str) -> Challenge:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        return await challenges.find(_bot(interaction).store, interaction.guild_id, value)

    @suggestions
    async def autocomplete(  # type: ignore[override]
        self, interaction: discord.Interaction, value: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        bot = _bot(interaction)
        found = await challenges.listed(bot.store, interaction.guild_id, now=bot.clock.now())
        typed = value.lower()
        return [
            app_commands.Choice(name=c.name, value=c.name) for c in found if typed in c.name.lower()
        ][:25]


def _bot(interaction: discord.Interaction) -> LegDayBot:
    return cast("LegDayBot", interaction.client)


TimeZone = app_commands.Transform[str, _TimeZone]
ClockTime = app_commands.Transform[time, _ClockTime]
Weekdays = app_commands.Transform[frozenset[int], _Weekdays]
Day = app_commands.Transform[int, _Day]
ExerciseName = app_commands.Transform[Exercise, _Exercise]
ChallengeName = app_commands.Transform[Challenge, _Challenge]
