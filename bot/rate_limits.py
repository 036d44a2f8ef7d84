"""Per-person cooldowns for commands and DM logging, counted on the bot's clock.

discord.py's own cooldowns (``CooldownMapping`` of ``Cooldown`` buckets, one per person):
at most ``rate`` uses in a window of ``per`` that starts with the first use. They are
given the bot's clock (not ``time.time``), so they run in simulated time in tests, on the
same clock everything else reads. discord.py forgets a person's bucket once its window has
passed, so memory follows current use, not history.

The tree checks every slash command against ``COMMANDS_RATE``; the DM logger checks each DM
against ``DMS_RATE`` and says so at most once a window, so a flood costs nothing.
Commands that are heavy on their own also carry ``heavy()``, a limit of each such command's
own. Every limit is kept by the bot, never in a module: each bot a process starts (the tests
start hundreds) begins with none used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from discord import app_commands
from discord.app_commands import Cooldown
from discord.ext.commands import CooldownMapping

_T = TypeVar("_T")

COMMANDS_RATE, COMMANDS_PER = 8, timedelta(seconds=20)
"""Commands a person may run in a row: more than any real use, fewer than a script."""
DMS_RATE, DMS_PER = 6, timedelta(seconds=30)
"""DMs logged in a row: a few typo fixes pass, a flood does not reach the database."""
HEAVY_RATE, HEAVY_PER = 5, timedelta(minutes=1)
"""Uses in a row of a command that reads or writes a person's whole history (``/data
import`` and ``export``), each command counted apart."""


class PersonCooldown:
    """``rate`` uses per ``per`` for each person, ``key`` telling whose an event is."""

    def __init__(self, rate: int, per: timedelta, key: Callable[[Any], Hashable]) -> None:
        self.cooldown = Cooldown(rate, per.total_seconds())
        self._buckets: CooldownMapping[Any] = CooldownMapping(self.cooldown, key)

    def use(self, event: Any, now: datetime) -> float | None:
        """Count one use now; the seconds to wait (not counted) when over the rate."""
        return self._buckets.update_rate_limit(event, now.timestamp())


def by_user(interaction: Any) -> int:
    """Whose a slash command is (an ``Interaction``)."""
    return int(interaction.user.id)


def by_author(message: Any) -> int:
    """Whose a DM is (a ``Message``)."""
    return int(message.author.id)


def by_user_and_command(interaction: Any) -> tuple[int, str]:
    """Whose a slash command is, and which command: each heavy command counts apart."""
    return int(interaction.user.id), interaction.command.qualified_name


def heavy() -> Callable[[_T], _T]:
    """A check for a heavy command: the bot's ``heavy_cooldown``, on the bot's clock. Past
    it the command does not run; ``CommandOnCooldown`` gets the same sentence as the
    tree's limit (``bot.errors``)."""

    def predicate(interaction: Any) -> bool:
        bot = interaction.client
        limit: PersonCooldown = bot.heavy_cooldown
        retry_after = limit.use(interaction, bot.clock.now())
        if retry_after is None:
            return True
        raise app_commands.CommandOnCooldown(limit.cooldown, retry_after)

    return app_commands.check(predicate)
