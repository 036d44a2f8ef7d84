"""Time sources. The database holds every schedule; APScheduler only wakes the bot up.

``discord.utils.utcnow`` is the bot's notion of now, which lets simulated Discord in tests
move time forward without sleeping.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

import apscheduler.schedulers.base
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


class _BotTime(datetime):
    """APScheduler's notion of now, made the bot's: ``discord.utils.utcnow``.

    APScheduler decides which jobs are due by reading the wall clock itself. In
    production that is the bot's clock; under simulated Discord (tests, ``legday
    console``) only the bot's clock moves, and a scheduler reading the wall clock would
    fire every job at once or never. The scheduler module reads nothing else from it.
    """

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        return discord.utils.utcnow().astimezone(tz)


apscheduler.schedulers.base.datetime = _BotTime

Wake = Callable[[], Awaitable[None]]


class WakeClock:
    """The APScheduler instance that wakes the dispatchers; it owns no state of its own.

    Start times come from ``clock`` rather than APScheduler's own default, so that jobs
    follow the bot's notion of now.
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or DiscordClock()
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    def every(self, job_id: str, seconds: float, wake: Wake) -> None:
        """Call ``wake`` every ``seconds``, the safety net for work other processes add."""
        self.scheduler.add_job(
            wake,
            "interval",
            seconds=seconds,
            start_date=self.clock.now() + timedelta(seconds=seconds),
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,  # a late wake-up is still a wake-up
        )

    def once(self, job_id: str, at: datetime, wake: Wake) -> None:
        """Call ``wake`` once at ``at``, replacing the previous one-shot with this id."""
        self.scheduler.add_job(
            wake,
            "date",
            run_date=max(at, self.clock.now()),
            id=job_id,
            replace_existing=True,
            misfire_grace_time=None,
        )

    def cancel(self, job_id: str) -> None:
        if self.scheduler.get_job(job_id) is not None:
            self.scheduler.remove_job(job_id)

    def start(self) -> None:
        if not self.scheduler.running:
            self.scheduler.start()
            log.info("scheduler clock started")

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
            log.info("scheduler clock stopped")
