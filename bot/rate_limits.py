"""Per-person rate limits for commands and DM logging, counted on the bot's clock.

A sliding window per person: at most ``rate`` uses in any ``per``. The bot's clock (not
``time.time``) keeps it testable in simulated time, the same clock everything else uses.
Only people in their window are remembered, so memory follows current use, not history.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

COMMANDS_RATE, COMMANDS_PER = 8, timedelta(seconds=20)
"""Commands a person may run in a row: more than any real use, fewer than a script."""
DMS_RATE, DMS_PER = 6, timedelta(seconds=30)
"""DMs logged in a row: a few typo fixes pass, a flood does not reach the database."""


@dataclass(frozen=True, slots=True)
class Refusal:
    retry_after: float
    """Seconds until the oldest use in the window leaves it."""
    first: bool
    """The first refusal since the last use that passed: the one worth answering."""


class RateLimit:
    def __init__(self, rate: int, per: timedelta) -> None:
        self.rate, self.per = rate, per
        self._uses: dict[int, deque[datetime]] = {}
        self._told: set[int] = set()

    def use(self, key: int, now: datetime) -> Refusal | None:
        """Count one use by ``key`` now; a ``Refusal`` (not counted) when over the rate."""
        self._forget_idle(now)
        uses = self._uses.setdefault(key, deque())
        while uses and uses[0] <= now - self.per:
            uses.popleft()
        if len(uses) >= self.rate:
            first = key not in self._told
            self._told.add(key)
            return Refusal((uses[0] + self.per - now).total_seconds(), first)
        uses.append(now)
        self._told.discard(key)
        return None

    def _forget_idle(self, now: datetime) -> None:
        if len(self._uses) < 1024:
            return
        for key in [k for k, uses in self._uses.items() if not uses or uses[-1] <= now - self.per]:
            del self._uses[key]
            self._told.discard(key)
