"""The command tree: what every slash command and autocomplete goes through first.

Per-person cooldowns (``bot.rate_limits``), and typed text cleaned of control
characters (``coach.text``): PostgreSQL cannot even compare a string holding NUL, so one
in a challenge name or an entry would fail the query; cleaning here covers every option
of every command, present and future, the same on both databases.

Every command and autocomplete is also timed here and counted in the metrics by name
and outcome, and every command gets one log line: server, shard, command, outcome,
duration and the error id the person was shown, never what they typed. Only discord.py's
public hooks are used: the clock starts in ``interaction_check`` and stops in the tree's
``on_error``, at the bot's ``app_command_completion`` event (``LegDayBot.dispatch``) or,
for an autocomplete, in ``suggestions``, which every autocomplete callback wears.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, cast

import discord
from discord import app_commands

from bot.clock import Clock, SystemClock
from bot.errors import OK, RATE_LIMITED, log_failure, on_app_command_error, slow_down, tell
from bot.rate_limits import COMMANDS_PER, COMMANDS_RATE, PersonCooldown, by_user
from bot.telemetry import Metrics
from coach.text import clean_text
from storage.schedules import shard_of

log = logging.getLogger("bot.commands")
P = ParamSpec("P")

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
        # discord.py's tree asks this first of every slash command and autocomplete, before
        # it reads the options from the payload: the clock starts here, and they read clean.
        interaction.extras["began"] = time.perf_counter()
        data: Any = interaction.data or {}
        clean_options(data.get("options") or [])
        if interaction.type is not discord.InteractionType.application_command:
            return True
        retry_after = self.cooldown.use(interaction, self.clock.now())
        if retry_after is not None:
            interaction.extras["outcome"] = RATE_LIMITED
            await tell(interaction, slow_down(retry_after))
            self.finished(interaction)
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        try:
            await on_app_command_error(interaction, error)
        finally:
            self.finished(interaction)

    def finished(self, interaction: discord.Interaction) -> None:
        """Count and time a command or autocomplete that has been answered, and log a
        command's line: from the tree's error handler, the bot's
        ``app_command_completion`` event or ``suggestions``."""
        began = interaction.extras.get("began")
        seconds = time.perf_counter() - began if began is not None else 0.0
        autocomplete = interaction.type is discord.InteractionType.autocomplete
        kind = "autocomplete" if autocomplete else "command"
        name = _name(interaction)
        outcome = str(interaction.extras.get("outcome", OK))
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


def _name(interaction: discord.Interaction) -> str:
    command = interaction.command
    data: dict[str, Any] = dict(interaction.data or {})
    return command.qualified_name if command else str(data.get("name"))


Choices = list[app_commands.Choice[str]]


def suggestions(
    callback: Callable[P, Coroutine[Any, Any, Choices]],
) -> Callable[P, Coroutine[Any, Any, Choices]]:
    """Make an autocomplete callback count and time itself like a command (discord.py
    tells the tree nothing when one ends); one that fails is logged with an error id and
    offers nothing, where discord.py would leave the person's list to time out."""

    @functools.wraps(callback)
    async def offer(*args: P.args, **kwargs: P.kwargs) -> Choices:
        interaction = next(a for a in args if isinstance(a, discord.Interaction))
        try:
            return await callback(*args, **kwargs)
        except Exception as error:
            log_failure(interaction, error, f"autocomplete of /{_name(interaction)}")
            return []
        finally:
            cast(LegDayTree, cast(Any, interaction.client).tree).finished(interaction)

    return offer
