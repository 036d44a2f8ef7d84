"""The bot's clock: what time it is, and waking the bot at an instant on that clock.

The database holds every schedule; the clock only wakes the bot when the next one is
due. The bot owns one clock and everything reads "now" from it. Two kinds, one interface:

- ``SystemClock``, the real bot: the system's UTC time, and APScheduler for the
  wake-ups (a one-shot date job at the next due time, an interval job for polling).
  APScheduler reads that same system time, so an instant on this clock is one on its own.
- ``SimulatedClock``, for tests and ``legday console``: SimCord's simulated time, which
  reaches discord.py's ``discord.utils.utcnow``; its wake-ups are event-loop timers, and
  SimCord's simulated event loop runs a timer when its time reaches it. So advancing
  simulated time is what wakes the bot, and no library is patched for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

Wake = Callable[[], Awaitable[None]]


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware UTC."""
        ...


class BotClock(Clock, Protocol):
    """A clock that also wakes the bot: one-shot and repeating wake-ups by job id."""

    @property
    def running(self) -> bool: ...

    def once(self, job_id: str, at: datetime, wake: Wake) -> None:
        """Call ``wake`` once at ``at``, replacing the job of that id."""
        ...

    def every(self, job_id: str, seconds: float, wake: Wake) -> None:
        """Call ``wake`` every ``seconds``, replacing the job of that id; a wake-up still
        running when the next is due makes that one skip."""
        ...

    def cancel(self, job_id: str) -> None: ...

    def start(self) -> None:
        """Start waking; jobs added before wait for this."""
        ...

    def stop(self) -> None:
        """Stop waking; a wake-up already running finishes."""
        ...


def _coroutine_function(wake: Wake) -> Callable[[], Coroutine[Any, Any, None]]:
    """APScheduler awaits only coroutine functions (it runs any other callable in a
    thread), and a ``Wake`` may be a lambda that returns an awaitable."""

    async def run() -> None:
        await wake()

    return run


class SystemClock:
    """The system's time, with APScheduler waking the bot. It owns no state of its own:
    what is due, and when, is read from the database after each wake-up."""

    def __init__(self) -> None:
        self.scheduler = AsyncIOScheduler(timezone=UTC)

    def now(self) -> datetime:
        return datetime.now(UTC)

    @property
    def running(self) -> bool:
        return bool(self.scheduler.running)

    def every(self, job_id: str, seconds: float, wake: Wake) -> None:
        self.scheduler.add_job(
            _coroutine_function(wake),
            "interval",
            seconds=seconds,
            start_date=self.now() + timedelta(seconds=seconds),
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,  # a late wake-up is still a wake-up
        )

    def once(self, job_id: str, at: datetime, wake: Wake) -> None:
        self.scheduler.add_job(
            _coroutine_function(wake),
            "date",
            run_date=max(at, self.now()),
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


@dataclass(eq=False)
class _Timer:
    at: datetime
    wake: Wake
    every: timedelta | None = None
    handle: asyncio.TimerHandle | None = None
    running: asyncio.Task[None] | None = field(default=None, repr=False)


class SimulatedClock:
    """Simulated time (``discord.utils.utcnow`` under SimCord), waking the bot by
    event-loop timers that the simulation runs as its time passes them.

    ``now`` may be any function of the simulated time, for a test that wants its own.
    """

    def __init__(self, now: Callable[[], datetime] = discord.utils.utcnow) -> None:
        self._now = now
        self._timers: dict[str, _Timer] = {}
        self._running = False
        self._tasks: set[asyncio.Task[None]] = set()

    def now(self) -> datetime:
        return self._now()

    @property
    def running(self) -> bool:
        return self._running

    def once(self, job_id: str, at: datetime, wake: Wake) -> None:
        self._put(job_id, _Timer(at, wake))

    def every(self, job_id: str, seconds: float, wake: Wake) -> None:
        period = timedelta(seconds=seconds)
        self._put(job_id, _Timer(self.now() + period, wake, every=period))

    def cancel(self, job_id: str) -> None:
        timer = self._timers.pop(job_id, None)
        if timer is not None and timer.handle is not None:
            timer.handle.cancel()

    def start(self) -> None:
        self._running = True
        for job_id, timer in self._timers.items():
            self._arm(job_id, timer)

    def stop(self) -> None:
        self._running = False
        for timer in self._timers.values():
            if timer.handle is not None:
                timer.handle.cancel()
                timer.handle = None

    def _put(self, job_id: str, timer: _Timer) -> None:
        self.cancel(job_id)
        self._timers[job_id] = timer
        if self._running:
            self._arm(job_id, timer)

    def _arm(self, job_id: str, timer: _Timer) -> None:
        delay = max((timer.at - self.now()).total_seconds(), 0.0)
        timer.handle = asyncio.get_running_loop().call_later(delay, self._fire, job_id, timer)

    def _fire(self, job_id: str, timer: _Timer) -> None:
        if self._timers.get(job_id) is not timer:
            return  # replaced or cancelled since it was armed
        if timer.every is None:
            del self._timers[job_id]
        else:
            timer.at = self.now() + timer.every
            self._arm(job_id, timer)
            if timer.running is not None and not timer.running.done():
                return  # the last wake-up is still at work; this one would find nothing new
        task = asyncio.get_running_loop().create_task(self._run(job_id, timer.wake))
        timer.running = task
        self._tasks.add(task)  # a task nobody holds may be collected mid-run
        task.add_done_callback(self._tasks.discard)

    async def _run(self, job_id: str, wake: Wake) -> None:
        try:
            await wake()
        except Exception:
            log.exception("wake-up %s failed", job_id)
