"""Per-person cooldowns for commands and DM logging, counted on the bot's clock.

discord.py's own cooldowns (``CooldownMapping`` of ``Cooldown`` buckets, one per person):
at most ``rate`` uses in a window of ``per`` that starts with the first use. They are
given the bot's clock (not ``time.time``), so they run in simulated time in tests, on the
same clock everything else reads. discord.py forgets a person's bucket once its window has
passed, so memory follows current use, not history.

The tree checks every slash command against ``COMMANDS_RATE``; the DM logger checks each DM
against ``DMS_RATE`` and says so at most once a window, so a flood costs nothing.
Commands that are heavy on their own also carry discord.py's ``checks.cooldown``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from discord.app_commands import Cooldown
from discord.ext.commands import CooldownMapping

COMMANDS_RATE, COMMANDS_PER = 8, timedelta(seconds=20)
"""Commands a person may run in a row: more than any real use, fewer than a script."""
DMS_RATE, DMS_PER = 6, timedelta(seconds=30)
"""DMs logged in a row: a few typo fixes pass, a flood does not reach the database."""
HEAVY_COOLDOWN = (5, 60.0)
"""Uses a minute of a command that reads or writes a person's whole history (``/data
import`` and ``export``), as ``app_commands.checks.cooldown``'s rate and seconds: that
decorator counts on the system clock, not the bot's, which a limit of a minute on real use
does not mind."""


class PersonCooldown:
    """``rate`` uses per ``per`` for each person, ``key`` telling whose an event is."""

    def __init__(self, rate: int, per: timedelta, key: Callable[[Any], int]) -> None:
        self._buckets: CooldownMapping[Any] = CooldownMapping(
            Cooldown(rate, per.total_seconds()), key
        )

    def use(self, event: Any, now: datetime) -> float | None:
        """Count one use now; the seconds to wait (not counted) when over the rate."""
        return self._buckets.update_rate_limit(event, now.timestamp())


def by_user(interaction: Any) -> int:
    """Whose a slash command is (an ``Interaction``)."""
    return int(interaction.user.id)


def by_author(message: Any) -> int:
    """Whose a DM is (a ``Message``)."""
    return int(message.author.id)
