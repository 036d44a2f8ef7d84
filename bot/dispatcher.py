"""The dispatcher: claims due schedules from the database, runs their handler, records them.

APScheduler only wakes it, with a one-shot at the nearest due time and, when several
processes share the database, a short interval job that notices rows the others add,
move or abandon. A process that runs every shard is the only one: it re-arms the
one-shot on every change it makes and after every drain, so it needs no polling (which
would also make simulated time crawl in tests and the console, a step a minute).

Each wake-up drains everything due, one leased batch at a time; the lease outlives the
slowest batch (bounded retries included), so a dispatcher that dies mid-batch only
delays those occurrences until the lease expires.

An occurrence missed by less than the grace period (downtime, a slow restart) is still
handled, once, late; an older one is recorded as missed and never sent, so coming back
after a day offline sends no burst of stale nudges.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock, WakeClock
from coach.recurrence import next_occurrence
from storage import schedules
from storage.schedules import Due, Finished
from storage.store import Store

log = logging.getLogger(__name__)

GRACE = timedelta(hours=2)
LEASE = timedelta(minutes=5)
BATCH = 100
POLL_SECONDS = 60.0
MIN_REARM = timedelta(seconds=1)
MISSED = "missed"


@dataclass(frozen=True, slots=True)
class Handled:
    """What a handler did with one occurrence: the delivery outcome and its details."""

    outcome: str
    sent: bool = False
    pause_reason: str | None = None
    attempts: int = 1
    error: str | None = None


Handler = Callable[[Due, datetime], Awaitable[Handled]]


def lease_owner() -> str:
    """Unique per dispatcher, readable in the table: host, process, random suffix."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Dispatcher:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        shard_count: int | None = None,
        shard_ids: Collection[int] | None = None,
        owner: str | None = None,
        grace: timedelta = GRACE,
        lease: timedelta = LEASE,
        batch: int = BATCH,
    ) -> None:
        self.store, self.clock = store, clock
        self.shard_count, self.shard_ids = shard_count, shard_ids
        self.owner = owner or lease_owner()
        self.grace, self.lease, self.batch = grace, lease, batch
        # Shard ids are only given when several processes split the shards between them.
        self.poll_seconds: float | None = POLL_SECONDS if shard_ids is not None else None
        self.handlers: dict[str, Handler] = {}
        self.wake_clock: WakeClock | None = None
        self._next_wake: datetime | None = None
        # Wake-ups can overlap (interval and one-shot together); one drain at a time.
        self._draining = asyncio.Lock()

    def register(self, kind: str, handler: Handler) -> None:
        self.handlers[kind] = handler

    def start(self, wake_clock: WakeClock) -> None:
        self.wake_clock = wake_clock
        if self.poll_seconds is not None:
            wake_clock.every(f"{self.owner}:poll", self.poll_seconds, self.wake)
        wake_clock.once(f"{self.owner}:next", self.clock.now(), self.wake)

    async def stop(self) -> None:
        """Wait for a drain in progress, so no lease is left to expire."""
        self.wake_clock = None
        async with self._draining:
            pass

    def wake_at(self, moment: datetime) -> None:
        """Make sure a wake-up happens by ``moment`` (a schedule was added or moved)."""
        if self.wake_clock is None or (self._next_wake is not None and self._next_wake <= moment):
            return
        self._next_wake = moment
        self.wake_clock.once(f"{self.owner}:next", moment, self.wake)

    async def wake(self) -> None:
        try:
            await self.drain()
        except Exception:
            # The next wake-up retries; nothing is lost while the rows stay in the table.
            log.exception("dispatcher wake-up failed")
        finally:
            await self._arm_next()

    async def drain(self) -> int:
        """Handle everything due now, batch by batch; returns how many occurrences."""
        total = 0
        async with self._draining:
            while True:
                now = self.clock.now()
                async with schedules.claiming(self.store) as session:
                    claimed = await schedules.claim(
                        session,
                        owner=self.owner,
                        now=now,
                        lease_until=now + self.lease,
                        limit=self.batch,
                        kinds=self.handlers,
                        shard_count=self.shard_count,
                        shard_ids=self.shard_ids,
                    )
                if not claimed:
                    return total
                # One at a time: Discord's rate limits pace sending anyway, and the lease
                # (minutes) covers a batch even with every send retried.
                done = [await self._handle(due, now) for due in claimed]
                async with schedules.claiming(self.store) as session:
                    await schedules.finish(
                        session, owner=self.owner, done=done, now=self.clock.now()
                    )
                total += len(claimed)

    async def _handle(self, due: Due, now: datetime) -> Finished:
        # From now, not from the due time: after downtime the next one is in the future.
        upcoming = next_occurrence(due.rule, now)
        if now - due.due_at > self.grace:
            log.info("schedule %s missed its %s occurrence", due.schedule_id, due.due_at)
            return Finished(due.schedule_id, due.due_at, MISSED, upcoming, attempts=0)
        try:
            handled = await self.handlers[due.kind](due, now)
        except Exception as error:
            log.exception("schedule %s failed", due.schedule_id)
            handled = Handled("failed", error=f"{type(error).__name__}: {error}"[:200])
        return Finished(
            schedule_id=due.schedule_id,
            due_at=due.due_at,
            outcome=handled.outcome,
            next_due_at=upcoming,
            sent=handled.sent,
            pause_reason=handled.pause_reason,
            attempts=handled.attempts,
            error=handled.error,
        )

    async def _arm_next(self) -> None:
        async with self.store.session() as session:
            upcoming = await schedules.next_wake(
                session,
                kinds=self.handlers,
                shard_count=self.shard_count,
                shard_ids=self.shard_ids,
            )
        self._next_wake = None
        if upcoming is not None:
            # Never sooner than a second away: a row due now that cannot be claimed (a
            # failing database) must not turn wake-ups into a busy loop.
            self.wake_at(max(upcoming, self.clock.now() + MIN_REARM))
