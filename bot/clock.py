"""Time sources. The database holds every schedule; APScheduler only wakes the bot up.

``discord.utils.utcnow`` is the bot's notion of now, which lets simulated Discord in tests
move time forward without sleeping.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Protocol

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware UTC."""
        ...


class DiscordClock:
    def now(self) -> datetime:
        return discord.utils.utcnow()


class WakeClock:
    """The APScheduler instance that wakes the dispatchers; it owns no state of its own."""

    def __init__(self) -> None:
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    def start(self) -> None:
        if not self.scheduler.running:
            self.scheduler.start()
            log.info("scheduler clock started")

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
            log.info("scheduler clock stopped")
