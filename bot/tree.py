"""The command tree: what every slash command and autocomplete goes through first.

Per-person cooldowns (``bot.rate_limits``), and typed text cleaned of control
characters (``coach.text``): PostgreSQL cannot even compare a string holding NUL, so one
in a challenge name or an entry would fail the query; cleaning here covers every option
of every command, present and future, the same on both databases.

Every command and autocomplete is also timed here and counted in the metrics by name
and outcome, and every command gets one log line: server, shard, command, outcome,
duration and the error id the person was shown, never what they typed.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import discord
from discord import app_commands

from bot.clock import Clock, SystemClock
from bot.errors import ERROR, OK, RATE_LIMITED, slow_down, tell
from bot.rate_limits import COMMANDS_PER, COMMANDS_RATE, PersonCooldown, by_user
from bot.telemetry import Metrics
from coach.text import clean_text
from storage.schedules import shard_of

log = logging.getLogger("bot.commands")

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
        self.cooldown = PersonCooldown(COMMANDS_RATE, COMMANDS_PER, by_user)
        # The bot puts its own clock, metrics and shard count here.
        self.clock: Clock = SystemClock()
        self.metrics = Metrics()
        self.shard_count = 1

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # Runs before discord.py reads the options from the payload, so they read clean.
        data: Any = interaction.data or {}
        clean_options(data.get("options") or [])
        if interaction.type is not discord.InteractionType.application_command:
            return True
        retry_after = self.cooldown.use(interaction, self.clock.now())
        if retry_after is not None:
            interaction.extras["outcome"] = RATE_LIMITED
            await tell(interaction, slow_down(retry_after))
            return False
        return True

    async def _call(self, interaction: discord.Interaction) -> None:
        # discord.py sends every slash command and autocomplete through this (private, but
        # discord.py is pinned below 2.8): the one place that sees each from start to end.
        began = time.perf_counter()
        escaped = False
        try:
            await super()._call(interaction)
        except app_commands.AppCommandError as error:
            # Raised before the command ran (unknown command, changed signature): handled
            # here, as discord.py would next, so that its outcome is known when observed.
            await self._dispatch_error(interaction, error)
        except Exception:
            escaped = True
            raise
        finally:
            self._observe(interaction, time.perf_counter() - began, escaped)

    def _observe(self, interaction: discord.Interaction, seconds: float, escaped: bool) -> None:
        autocomplete = interaction.type is discord.InteractionType.autocomplete
        kind = "autocomplete" if autocomplete else "command"
        command = interaction.command
        data: dict[str, Any] = dict(interaction.data or {})
        name = command.qualified_name if command else str(data.get("name"))
        failed = escaped or interaction.command_failed
        outcome = str(interaction.extras.get("outcome", ERROR if failed else OK))
        self.metrics.handled(kind, name, outcome, seconds)
        if autocomplete:
            return  # one a keystroke: counted, not logged
        error_id = interaction.extras.get("error_id")
        shard = shard_of(interaction.guild_id, self.shard_count)
        log.info(
            "/%s %s in %.1f ms guild=%s shard=%d%s",
            name,
            outcome,
            seconds * 1000,
            interaction.guild_id,
            shard,
            f" error_id={error_id}" if error_id else "",
            extra={
                "command": name,
                "outcome": outcome,
                "duration_ms": round(seconds * 1000, 2),
                "guild_id": interaction.guild_id,
                "shard": shard,
                "error_id": error_id,
            },
        )
