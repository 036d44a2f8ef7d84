"""The command tree: what every slash command and autocomplete goes through first.

Per-person rate limits (``bot.rate_limits``), and typed text cleaned of control
characters (``coach.text``): PostgreSQL cannot even compare a string holding NUL, so one
in a challenge name or an entry would fail the query; cleaning here covers every option
of every command, present and future, the same on both databases.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.clock import Clock, SystemClock
from bot.errors import slow_down, tell
from bot.rate_limits import COMMANDS_PER, COMMANDS_RATE, RateLimit
from coach.text import clean_text

STRING_OPTION = discord.AppCommandOptionType.string.value


def clean_options(options: list[dict[str, Any]]) -> None:
    """Clean every string option in place, inside subcommands and groups too."""
    for option in options:
        if option.get("type") == STRING_OPTION and isinstance(option.get("value"), str):
            option["value"] = clean_text(option["value"])
        clean_options(option.get("options") or [])


class LegDayTree(app_commands.CommandTree[discord.Client]):
    """Refuses a person's commands past ``COMMANDS_RATE`` per ``COMMANDS_PER`` (answered
    privately here, as the command never runs; autocomplete is not counted), and cleans
    the typed text before the options are read."""

    def __init__(self, client: discord.Client, *, fallback_to_global: bool = True) -> None:
        super().__init__(client, fallback_to_global=fallback_to_global)
        self.limit = RateLimit(COMMANDS_RATE, COMMANDS_PER)
        self.clock: Clock = SystemClock()  # the bot puts its own here

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # Runs before discord.py reads the options from the payload, so they read clean.
        data: Any = interaction.data or {}
        clean_options(data.get("options") or [])
        if interaction.type is not discord.InteractionType.application_command:
            return True
        refused = self.limit.use(interaction.user.id, self.clock.now())
        if refused is not None:
            await tell(interaction, slow_down(refused.retry_after))
            return False
        return True
